/// rules.md §2 — travel days, verified travel days, the meal allowance, ATT-TRAVEL-DAYS-LOW, ATT-TRAVEL-UNVERIFIED.
public enum TravelDays {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let days = ctx.period.days
        for id in s.order {
            guard let emp = ctx.roster[id] else { continue }
            var travel = 0, verified = 0
            var unverified: [Day] = []
            for d in days {
                guard let a = ctx.attendance[.init(id, d)], a.status == .travel else { continue }
                travel += 1
                if ctx.policy.planRoles.contains(emp.role) {
                    if let planned = ctx.plans[.init(id, d)]?.city, planned == a.city { verified += 1 } else { unverified.append(d) }
                } else {
                    verified += 1
                }
            }
            s.update(id) { e in
                e.travelDays = travel
                e.verifiedTravelDays = verified
                e.unverifiedTravelDates = unverified
                e.mealAllowance = (ctx.policy.mealAllowance[emp.role] ?? .zero) * verified
                if !unverified.isEmpty {
                    e.raise("ATT-TRAVEL-UNVERIFIED")
                    e.notes.append((code: "ATT-TRAVEL-UNVERIFIED", detail: unverified.map(\.description).joined(separator: ", ")))
                }
                if let min = ctx.policy.minTravelDays[emp.role], emp.isActiveEveryDay(of: ctx.period), travel < min {
                    e.raise("ATT-TRAVEL-DAYS-LOW")
                }
            }
        }
    }
}

/// rules.md §2 — `AUDIT-FORFEIT`: with forfeit_on_audit, an audited employee forfeits the approved lodging and
/// transport lines paid in this close and the month's meal allowance, and the commission settled in the month.
public enum AuditForfeit {
    public static let code = "AUDIT-FORFEIT"
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        guard ctx.policy.forfeitOnAudit else { return }
        var travelPaid: [String: Money] = [:]
        for l in s.result.expenseLines where l.row.category == .lodging || l.row.category == .transport {
            travelPaid[l.row.employeeId, default: .zero] += l.approved
        }
        for id in s.order where s.employees[id]?.codes.contains("AUDIT") == true {
            s.update(id) { e in
                e.raise(code)
                e.forfeitedExpenses = (travelPaid[id] ?? .zero) + e.mealAllowance
                e.commissionForfeited = e.commissionSettled
            }
        }
    }
}

/// rules.md §9 — reimbursement and commission adjustments, added to the month's figures (signed).
public enum AdjustmentTotals {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        for (_, a) in ctx.adjustments {
            switch a.kind {
            case .reimbursement: s.update(a.employeeId) { $0.reimbursementAdjustments += a.amount }
            case .commission: s.update(a.employeeId) { $0.commissionAdjustments += a.amount }
            case .advance_repaid, .advance_written_off: break // §3 takes these in date order
            }
        }
    }
}
