@testable import SalesCore

// MARK: - Fixture shared by the §4–§8 tests

func rd(_ s: String) -> Day { Day(iso: s)! }
func rp(_ s: String) -> Period { Period(s)! }
func yuan(_ s: String) -> Money { Money.parsePlain(s)! }
func qty(_ s: String) -> Decimal4 {
    // "1.5" → 15000 units
    let p = s.split(separator: ".")
    var units = Int64(p[0])! * 10_000
    if p.count == 2 { var f = String(p[1]); while f.count < 4 { f += "0" }; units += Int64(f)! }
    return Decimal4(units: units)
}

/// Builds a close context and state by hand: rows, ledger, employees; then runs the rule stages in order.
struct RulesFixture {
    var period: Period
    var policy = Policy()
    var ledger = LedgerSnapshot()
    var inputs = InputSet()
    private var line = 1

    init(_ period: String) { self.period = rp(period) }

    private mutating func ref(_ file: String) -> RowRef { line += 1; return RowRef(file: file, fileOrder: 0, line: line) }

    mutating func employee(
        _ id: String, role: Role = .sales_rep, level: Level = .numbered(3), region: String = "华北",
        hire: String = "2020-01-01", leave: String? = nil
    ) {
        let r = RosterRow(
            employeeId: id, name: "N\(id)", role: role, level: level, region: region, department: "销售一部",
            hireDate: rd(hire), leaveDate: leave.map(rd))
        inputs.roster.append(InputRow(ref: ref("roster.csv"), raw: id, value: r, issue: nil))
    }
    mutating func target(_ id: String, _ p: String? = nil, sales: String = "0", remittance: String, outlets: Int = 0) {
        let t = TargetRow(
            period: p.map(rp) ?? period, employeeId: id, salesTarget: yuan(sales), remittanceTarget: yuan(remittance),
            newOutletsTarget: outlets)
        inputs.targets.append(InputRow(ref: ref("targets.csv"), raw: "", value: t, issue: nil))
    }
    mutating func sale(
        _ id: String, _ day: String, customer: String = "C1", name: String? = nil, quantity: String = "1",
        unitPrice: String? = nil, amount: String, remitted: String = "0", newCustomer: Bool? = nil
    ) {
        let r = ref("sales.csv")
        let row = SaleRow(
            date: rd(day), orderId: "O\(r.line)", employeeId: id, customerId: customer, customerName: name,
            product: "复合肥", quantity: qty(quantity), unitPrice: unitPrice.map(yuan), amount: yuan(amount),
            remitted: yuan(remitted), newCustomer: newCustomer)
        inputs.sales.append(InputRow(ref: r, raw: "", value: row, issue: nil))
    }
    mutating func remittance(_ id: String, _ day: String, customer: String = "C1", amount: String) {
        let row = RemittanceRow(date: rd(day), employeeId: id, customerId: customer, amount: yuan(amount))
        inputs.remittances.append(InputRow(ref: ref("remittances.csv"), raw: "", value: row, issue: nil))
    }
    mutating func attendance(_ id: String, _ day: String, _ status: AttendanceStatus, city: String? = nil) {
        let row = AttendanceRow(date: rd(day), employeeId: id, status: status, city: city ?? (status == .travel ? "北京" : nil))
        inputs.attendance.append(InputRow(ref: ref("attendance.csv"), raw: "", value: row, issue: nil))
    }
    mutating func plan(_ id: String, _ day: String, new: Int = 2, existing: Int = 3, calls: Int = 4) {
        let row = PlanRow(employeeId: id, date: rd(day), city: "北京", plannedNewVisits: new, plannedExistingVisits: existing, plannedCalls: calls)
        inputs.plans.append(InputRow(ref: ref("plans.csv"), raw: "", value: row, issue: nil))
    }
    mutating func visits(_ id: String, _ day: String, new: Int = 0, existing: Int = 0, calls: Int = 0) {
        for (k, n) in [(VisitKind.new, new), (.existing, existing), (.call, calls)] {
            for _ in 0..<n {
                inputs.visits.append(InputRow(ref: ref("visits.csv"), raw: "", value: VisitRow(date: rd(day), employeeId: id, kind: k), issue: nil))
            }
        }
    }
    /// The close has a visits file (possibly header-only).
    mutating func visitsFile() {
        inputs.files.append(
            FileReport(
                file: "visits.csv", kind: .visits, encoding: "utf-8", delimiter: ",", sha256: "",
                rows: 0, blank: 0, ignoredColumns: [], recognisedBy: "name"))
    }
    /// A closed month in the ledger for an employee.
    mutating func closedMonth(
        _ id: String, _ p: String, remitted: String, target: String?, outlets: Int = 0, outletsTarget: Int = 0,
        settled: String = "0", forfeited: String = "0", adjusted: String = "0", level: Level = .numbered(3)
    ) {
        var m = EmployeeMonth()
        m.remitted = yuan(remitted); m.remittanceTarget = target.map(yuan)
        m.newOutlets = outlets; m.newOutletsTarget = outletsTarget
        m.commissionSettled = yuan(settled); m.commissionForfeited = yuan(forfeited); m.commissionAdjusted = yuan(adjusted)
        m.level = level
        ledger.months[id, default: [:]][rp(p)] = m
        close(p)
    }
    mutating func close(_ p: String) {
        if !ledger.closedPeriods.contains(rp(p)) { ledger.closedPeriods.append(rp(p)); ledger.closedPeriods.sort() }
    }

    func context() -> CloseContext {
        // Sales rows reach the rules only through the sales intake, as in a close (one path for sales rows).
        var inputs = self.inputs
        if inputs.streamedSales == nil {
            var roster: [String: RosterRow] = [:]
            for r in inputs.roster { if let v = r.accepted, roster[v.employeeId] == nil { roster[v.employeeId] = v } }
            var intake = SalesIntake(roster: roster, period: period, store: MemoryOrderLines(), expectedLines: inputs.sales.count)
            for i in inputs.sales.indices { _ = intake.take(&inputs.sales[i]) }
            intake.finish()
            inputs.streamedSales = StreamedSales(intake: intake, streamed: false)
        }
        return CloseContext(period: period, policy: policy, ledger: ledger, inputs: inputs, lateClaimRefs: [], possibleDuplicates: [])
    }

    /// One EmployeeResult per roster row (active as the roster says for the period), in roster order.
    func state(_ ctx: CloseContext) -> CloseState {
        var s = CloseState(result: CloseResult(period: period, policy: policy, inputs: inputs))
        for id in ctx.rosterOrder {
            let r = ctx.roster[id]!
            s.add(
                EmployeeResult(
                    employeeId: id, name: r.name, region: r.region, department: r.department, role: r.role,
                    level: r.level, active: r.isActive(in: period)))
        }
        return s
    }

    /// Runs §4 and §5, then `between` (stands for the lead's §9 and audit stages), then §6, §7, §8.
    func run(between: (inout CloseState) -> Void = { _ in }) -> CloseState {
        let ctx = context()
        var s = state(ctx)
        SalesRules.apply(ctx, &s)
        CommissionRule.apply(ctx, &s)
        between(&s)
        PayRule.apply(ctx, &s)
        QuarterReview.apply(ctx, &s)
        YearEnd.apply(ctx, &s)
        return s
    }
}

extension CloseState {
    func emp(_ id: String) -> EmployeeResult { employees[id]! }
}
