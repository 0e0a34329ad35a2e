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

    /// Is |quantity × unit_price − amount| above 0.01 yuan? Exact: quantity is in 1/10000 units, money in fen,
    /// so the test is |q.units × price.fen − amount.fen × 10000| > 10000.
    static func isAmountMismatch(quantity: Decimal4, unitPrice: Money, amount: Money) -> Bool {
        let (qp, o1) = quantity.units.multipliedReportingOverflow(by: unitPrice.fen)
        let (a4, o2) = amount.fen.multipliedReportingOverflow(by: 10_000)
        if !o1 && !o2 {
            let (d, o3) = qp.subtractingReportingOverflow(a4)
            if !o3 { return d.magnitude > 10_000 }
        }
        // Absurdly large figures only: fall back to an approximate comparison.
        let diff = Double(quantity.units) * Double(unitPrice.fen) - Double(amount.fen) * 10_000
        return Swift.abs(diff) > 10_000
    }

    /// What the period's accepted order lines add up to, in one pass (a million lines: one look-up per
    /// employee and per customer each, customers numbered so per-employee sets hold integers).
    struct SalesFold {
        struct Emp {
            var sales = Money.zero
            var remitted = Money.zero
            var region: String?
            var customers = Set<Int>()
            var mismatchNotes: [String] = []
        }
        struct Cust {
            var id: String
            var sales = Money.zero
            var remitted = Money.zero
            var regions: [String] = []
            var latest: (day: Day, ref: RowRef, name: String)? = nil
            var said: Bool? = nil
        }
        var employees: [String: Emp] = [:]
        var employeeOrder: [String] = []
        var customerIndex: [String: Int] = [:]
        var customers: [Cust] = []
        var mismatches: [SalesMismatch] = []

        init(_ sales: AcceptedRows<SaleRow>, roster: [String: RosterRow]) {
            for (ref, row) in sales {
                let mismatch = row.unitPrice.map { isAmountMismatch(quantity: row.quantity, unitPrice: $0, amount: row.amount) } ?? false
                if mismatch { mismatches.append(SalesMismatch(ref: ref, row: row)) }
                let c: Int
                if let known = customerIndex[row.customerId] { c = known } else {
                    c = customers.count
                    customerIndex[row.customerId] = c
                    customers.append(Cust(id: row.customerId))
                }
                let e: Dictionary<String, Emp>.Index
                if let known = employees.index(forKey: row.employeeId) { e = known } else {
                    employees[row.employeeId] = Emp(region: roster[row.employeeId]?.region)
                    employeeOrder.append(row.employeeId)
                    e = employees.index(forKey: row.employeeId)!
                }
                employees.values[e].sales += row.amount
                employees.values[e].remitted += row.remitted
                employees.values[e].customers.insert(c)
                if mismatch {
                    employees.values[e].mismatchNotes.append(
                        "\(ref.file):\(ref.line) \(row.orderId)/\(row.lineNo): \(row.quantity) × \(row.unitPrice!) ≠ \(row.amount)")
                }
                customers[c].sales += row.amount
                customers[c].remitted += row.remitted
                if let r = employees.values[e].region, !customers[c].regions.contains(r) { customers[c].regions.append(r) }
                if let n = row.customerName, !n.isEmpty {
                    if let cur = customers[c].latest, (cur.day, cur.ref) > (row.date, ref) {} else {
                        customers[c].latest = (row.date, ref, n)
                    }
                }
                if let n = row.newCustomer { customers[c].said = (customers[c].said ?? false) || n }
            }
        }
    }

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
        for (_, row) in ctx.remittances where countsForEmployee(ctx, row) {
            s.update(row.employeeId) { $0.remitted += row.amount }
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
        var latestName: [String: (day: Day, ref: RowRef, name: String)] = [:]
        for c in fold.customers {
            ids.insert(c.id)
            sales[c.id] = c.sales
            remitted[c.id] = c.remitted
            if !c.regions.isEmpty { regions[c.id] = Set(c.regions) }
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
