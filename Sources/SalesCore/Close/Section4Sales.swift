/// rules.md §4 — sales, remittances, receivables, SAL-AMOUNT-MISMATCH, new outlets, activity and plan compliance.
public enum SalesRules {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        creditSalesAndRemittances(ctx, &s)
        targets(ctx, &s)
        customers(ctx, &s)
        newOutlets(ctx, &s)
        activity(ctx, &s)
        missingPlanWeeks(ctx, &s)
    }

    // MARK: sales, remittances, SAL-AMOUNT-MISMATCH

    static func creditSalesAndRemittances(_ ctx: CloseContext, _ s: inout CloseState) {
        let fold = ctx.salesFold
        s.result.salesMismatches.append(contentsOf: fold.mismatches)
        for id in fold.employeeOrder {
            let f = fold.employees[id]!
            s.update(id) { e in
                e.sales += f.sales
                e.remitted += f.remitted
                for note in f.mismatchNotes {
                    e.raise("SAL-AMOUNT-MISMATCH")
                    e.notes.append((code: "SAL-AMOUNT-MISMATCH", detail: note))
                }
            }
        }
        for (_, row) in ctx.remittances {
            if countsForEmployee(ctx, row) {
                s.update(row.employeeId) { $0.remitted += row.amount }
            } else if let who = ctx.roster[row.employeeId] {
                s.result.unattributedRemittances.append(UnattributedRemittance(
                    employeeId: who.employeeId, name: who.name, region: who.region, department: who.department,
                    customerId: row.customerId, date: row.date, amount: row.amount))
            }
        }
    }

    /// A remittance counts for the employee only on a day they were active (inputs.md, roster).
    static func countsForEmployee(_ ctx: CloseContext, _ row: RemittanceRow) -> Bool {
        ctx.roster[row.employeeId]?.isActive(on: row.date) ?? false
    }

    static func targets(_ ctx: CloseContext, _ s: inout CloseState) {
        for id in s.order {
            let t = ctx.target(id, ctx.period)
            s.update(id) { e in
                e.salesTarget = t?.salesTarget
                e.remittanceTarget = t?.remittanceTarget
                e.newOutletsTarget = t?.newOutletsTarget ?? 0
                if let st = t?.salesTarget, st.fen > 0 {
                    e.salesAttainment = Rational.ratio4(e.sales.fen, st.fen)
                } else {
                    e.salesAttainment = nil
                }
            }
        }
    }

    // MARK: receivables

    static func customers(_ ctx: CloseContext, _ s: inout CloseState) {
        let fold = ctx.salesFold
        var ids = Set(ctx.ledger.customers.keys)
        var sales: [String: Money] = [:], remitted: [String: Money] = [:]
        var regions: [String: Set<String>] = [:]
        var latestName: [String: (name: String, day: Day)] = [:]
        for c in fold.customers {
            ids.insert(c.id)
            sales[c.id] = c.sales
            remitted[c.id] = c.remitted
            let names = fold.regions(of: c)
            if !names.isEmpty { regions[c.id] = Set(names) }
            if let l = c.latest { latestName[c.id] = l }
        }
        for (_, row) in ctx.remittances {
            ids.insert(row.customerId)
            remitted[row.customerId, default: .zero] += row.amount
            if let r = ctx.roster[row.employeeId]?.region { regions[row.customerId, default: []].insert(r) }
        }
        var out: [CustomerResult] = []
        for id in ids {
            let before = ctx.ledger.customers[id]?.receivable ?? .zero
            let sl = sales[id] ?? .zero, rm = remitted[id] ?? .zero
            out.append(CustomerResult(customerId: id, name: latestName[id]?.name ?? ctx.ledger.customers[id]?.name,
                                      receivableBefore: before, sales: sl, remitted: rm, receivableAfter: before + sl - rm,
                                      regions: (regions[id] ?? []).sorted()))
        }
        out.sort { a, b in
            a.receivableAfter != b.receivableAfter ? a.receivableAfter > b.receivableAfter : a.customerId < b.customerId
        }
        s.result.customers = out
    }

    // MARK: new outlets

    static func newOutlets(_ ctx: CloseContext, _ s: inout CloseState) {
        // What the period's rows say about each customer (any employee): nil when no row gives the cell.
        let fold = ctx.salesFold
        var said: [String: Bool] = [:]
        for c in fold.customers { if let v = c.said { said[c.id] = v } }
        let hasEarlierClosed = ctx.ledger.closedPeriods.contains { $0 < ctx.period }
        func isNew(_ c: String) -> Bool {
            if let v = said[c] { return v }
            return hasEarlierClosed && ctx.ledger.customers[c]?.hadSales != true
        }
        for emp in fold.employeeOrder {
            let n = fold.employees[emp]!.customers.filter { isNew(fold.customers[$0].id) }.count
            s.update(emp) { $0.newOutlets = n }
        }
    }

    // MARK: activity and plans

    /// Days of the period on which the employee's attendance is office, field or travel.
    static func workingDays(_ ctx: CloseContext, _ emp: String) -> [Day] {
        ctx.period.days.filter { ctx.attendance[CloseContext.EmpDay(emp, $0)]?.status.isWorking == true }
    }

    static func activity(_ ctx: CloseContext, _ s: inout CloseState) {
        let std = ctx.policy.activityStandard
        // Visits per (employee, day) by kind.
        var visits: [CloseContext.EmpDay: [VisitKind: Int]] = [:]
        for (_, v) in ctx.visits { visits[CloseContext.EmpDay(v.employeeId, v.date), default: [:]][v.kind, default: 0] += 1 }

        for id in s.order {
            guard let e = s.employees[id] else { continue }
            let days = workingDays(ctx, id)
            let isActivityRole = ctx.policy.activityRoles.contains(e.role)
            s.update(id) { e in
                e.workingDays = days.count
                guard isActivityRole else { e.activityShare = nil; return }
                // PLAN-ACTIVITY-LOW: plan rows on working days with a planned count below the standard.
                var lowDays: [Day] = []
                for d in days {
                    guard let p = ctx.plans[CloseContext.EmpDay(id, d)] else { continue }
                    if p.plannedNewVisits < std.newVisits || p.plannedExistingVisits < std.existingVisits || p.plannedCalls < std.calls {
                        lowDays.append(d)
                    }
                }
                e.planActivityLowDays = lowDays.count
                if !lowDays.isEmpty {
                    e.raise("PLAN-ACTIVITY-LOW")
                    e.notes.append((code: "PLAN-ACTIVITY-LOW", detail: lowDays.map(\.description).joined(separator: ", ")))
                }
                // ACT-BELOW-STANDARD and activity_share, only with a visits file.
                guard ctx.hasVisits else { e.activityShare = nil; return }
                var met = 0
                var below: [Day] = []
                for d in days {
                    let c = visits[CloseContext.EmpDay(id, d)]
                    let ok = c != nil && (c![.new] ?? 0) >= std.newVisits && (c![.existing] ?? 0) >= std.existingVisits
                        && (c![.call] ?? 0) >= std.calls
                    if ok { met += 1 } else { below.append(d) }
                }
                e.activityDaysMet = met
                e.belowStandardDays = below
                e.activityShare = days.isEmpty ? nil : Rational.ratio4(Int64(met), Int64(days.count))
                if !below.isEmpty {
                    e.raise("ACT-BELOW-STANDARD")
                    e.notes.append((code: "ACT-BELOW-STANDARD", detail: below.map(\.description).joined(separator: ", ")))
                }
            }
        }
    }

    /// The Mondays of the ISO weeks that overlap the period.
    static func weeksOverlapping(_ p: Period) -> [Day] {
        var out: [Day] = []
        var m = p.firstDay.weekStart
        while m <= p.lastDay { out.append(m); m = m.adding(days: 7) }
        return out
    }

    static func missingPlanWeeks(_ ctx: CloseContext, _ s: inout CloseState) {
        for id in s.order {
            guard let e = s.employees[id], ctx.policy.planRoles.contains(e.role) else { continue }
            let working = Set(workingDays(ctx, id))
            var missing: [Day] = []
            for monday in weeksOverlapping(ctx.period) {
                let hasWorkingDay = (0..<7).contains { working.contains(monday.adding(days: $0)) }
                guard hasWorkingDay else { continue }
                // A plan row of any day of the week counts: this period's files or (for the days of a
                // closed previous month) that close's record, both merged into the context's plan weeks.
                if !ctx.hasPlanWeek(id, containing: monday) { missing.append(monday) }
            }
            s.update(id) { e in
                e.missingPlanWeeks = missing
                if !missing.isEmpty {
                    e.raise("PLAN-MISSING-WEEK")
                    e.notes.append((code: "PLAN-MISSING-WEEK", detail: missing.map(\.description).joined(separator: ", ")))
                }
            }
        }
    }
}
