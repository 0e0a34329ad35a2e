/// The employees a close reports (outputs.md): every roster employee active in the period, and any other
/// for whom the ledger carries a balance or this close has an amount (a late claim, an adjustment, a remittance).
public enum Employees {
    public static func populate(_ ctx: CloseContext, _ s: inout CloseState) {
        var withAmounts = Set<String>()
        for x in ctx.expenses { withAmounts.insert(x.row.employeeId) }
        for a in ctx.adjustments { withAmounts.insert(a.row.employeeId) }
        for m in ctx.remittances { withAmounts.insert(m.row.employeeId) }
        for (id, b) in ctx.ledger.balances where b.advanceOutstanding != .zero || b.commissionDeferred != .zero {
            withAmounts.insert(id)
        }
        for id in ctx.rosterOrder {
            let r = ctx.roster[id]!
            let active = r.isActive(in: ctx.period)
            guard active || withAmounts.contains(id) else { continue }
            var e = EmployeeResult(
                employeeId: id, name: r.name, region: r.region, department: r.department,
                role: r.role, level: r.level, active: active)
            e.roleShown = r.roleShown
            s.add(e)
        }
    }
}

/// What the ledger keeps of this close for the next one (rules.md §1 late claims, §3 late claimants).
public enum LedgerRecord {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        var rec = s.result.record
        for (k, a) in ctx.attendance where ctx.period.contains(k.day) {
            rec.attendance[k] = .init(status: a.status, city: a.city)
        }
        for (k, p) in ctx.plans where ctx.period.contains(k.day) { rec.planCity[k] = p.city }
        rec.planWeeks = ctx.planWeeks.filter { w in
            // weeks overlapping the period
            w.day <= ctx.period.lastDay && w.day.adding(days: 6) >= ctx.period.firstDay
        }
        var datedHere: [String: (any: Bool, late: Bool)] = [:]
        for l in s.result.expenseLines where ctx.period.contains(l.row.date) {
            var v = datedHere[l.row.employeeId] ?? (false, false)
            v.any = true
            if l.codes.contains(ExpLate.code.rawValue) { v.late = true }
            datedHere[l.row.employeeId] = v
        }
        for id in s.order {
            guard let r = ctx.roster[id], ctx.policy.advanceRoles.contains(r.role),
                (s.employees[id]?.travelDays ?? 0) > 0
            else { continue }
            rec.travellers.insert(id)
            let v = datedHere[id] ?? (false, false)
            if !v.any || v.late { rec.lateClaimants.insert(id) }
        }
        s.result.record = rec
        for l in s.result.expenseLines { if let n = l.row.receiptNo, !n.isEmpty { s.result.expenseReceiptsUsed.insert(n) } }
        for (_, m) in ctx.remittances { if let n = m.receiptNo, !n.isEmpty { s.result.remittanceReceiptsUsed.insert(n) } }
        for a in s.result.adjustments { s.result.adjustmentIds.insert(a.row.adjustmentId) }
    }
}
