@testable import SalesCore

/// A whole close built by hand (validation included), for the §1–§3 and §9 tests.
/// Roster: D1 director; M1 regional_manager (manager D1); R1 sales_rep (manager M1); M2 regional_manager with no manager.
struct CloseFixture {
    var period: Period
    var policy = Policy()
    var ledger = LedgerSnapshot()
    var inputs = InputSet()
    private var line = 1

    init(_ period: String = "2023-03") {
        self.period = rp(period)
        employee("D1", "王总", .director)
        employee("M1", "李经理", .regional_manager, manager: "D1")
        employee("R1", "张三", .sales_rep, manager: "M1")
        employee("M2", "赵经理", .regional_manager)
    }

    private mutating func ref(_ file: String) -> RowRef { line += 1; return RowRef(file: file, fileOrder: 0, line: line) }

    mutating func employee(_ id: String, _ name: String, _ role: Role, manager: String? = nil, hire: String = "2020-01-01", leave: String? = nil) {
        let r = RosterRow(
            employeeId: id, name: name, role: role, region: "华北", department: "销售一部", managerId: manager,
            hireDate: rd(hire), leaveDate: leave.map(rd))
        inputs.roster.append(InputRow(ref: ref("roster.csv"), raw: id, value: r, issue: nil))
    }
    mutating func travel(_ id: String, _ days: [String], city: String = "郑州", plan: String? = nil) {
        for d in days {
            inputs.attendance.append(
                InputRow(
                    ref: ref("attendance.csv"), raw: "",
                    value: AttendanceRow(date: rd(d), employeeId: id, status: .travel, city: city), issue: nil))
            if let plan { planDay(id, d, city: plan) }
        }
    }
    mutating func office(_ id: String, _ d: String) {
        inputs.attendance.append(InputRow(ref: ref("attendance.csv"), raw: "", value: AttendanceRow(date: rd(d), employeeId: id, status: .office), issue: nil))
    }
    mutating func planDay(_ id: String, _ d: String, city: String) {
        inputs.plans.append(InputRow(ref: ref("plans.csv"), raw: "", value: PlanRow(employeeId: id, date: rd(d), city: city), issue: nil))
    }
    @discardableResult
    mutating func expense(
        _ id: String, _ d: String, _ cat: ExpenseCategory, _ amount: String, mode: TransportMode? = nil,
        city: String? = "郑州", nights: Int = 1, receipt: String? = "auto", kind: ReceiptKind = .electronic,
        approvedBy: String? = nil, gm: String? = nil, reason: String? = nil, submitted: String? = nil
    ) -> RowRef {
        let r = ref("expenses.csv")
        let row = ExpenseRow(
            claimId: "X\(r.line)", employeeId: id, date: rd(d), category: cat, transportMode: mode, city: city,
            nights: nights, amount: yuan(amount), receiptNo: receipt == "auto" ? "R\(r.line)" : receipt,
            receiptKind: kind, approvedBy: approvedBy, gmApproval: gm, missingReceiptReason: reason,
            submittedOn: rd(submitted ?? d))
        inputs.expenses.append(InputRow(ref: r, raw: "", value: row, issue: nil, columnNumbers: ["date": 3, "amount": 8, "approved_by": 6]))
        return r
    }
    @discardableResult
    mutating func advance(_ id: String, _ d: String, _ amount: String) -> RowRef {
        let r = ref("advances.csv")
        inputs.advances.append(
            InputRow(ref: r, raw: "", value: AdvanceRow(advanceId: "A\(r.line)", employeeId: id, date: rd(d), amount: yuan(amount)), issue: nil))
        return r
    }
    @discardableResult
    mutating func adjustment(_ id: String, _ d: String, _ kind: AdjustmentKind, _ amount: String, by: String = "D1") -> RowRef {
        let r = ref("adjustments.csv")
        inputs.adjustments.append(
            InputRow(
                ref: r, raw: "",
                value: AdjustmentRow(
                    adjustmentId: "J\(r.line)", date: rd(d), employeeId: id,
                    kind: kind, amount: yuan(amount), approvedBy: by),
                issue: nil, columnNumbers: ["amount": 5, "approved_by": 6]))
        return r
    }
    mutating func sale(_ id: String, _ d: String, order: String, amount: String = "100.00") {
        let row = SaleRow(date: rd(d), orderId: order, employeeId: id, customerId: "C1", product: "复合肥", quantity: qty("1"), amount: yuan(amount))
        inputs.sales.append(InputRow(ref: ref("sales.csv"), raw: "", value: row, issue: nil, columnNumbers: ["date": 1]))
    }

    func run() -> CloseResult { Close.run(period: period, policy: policy, inputs: inputs, ledger: ledger) }
}

extension CloseResult {
    func line(_ ref: RowRef) -> ExpenseLineResult? { expenseLines.first { $0.ref == ref } }
    func emp(_ id: String) -> EmployeeResult? { employees.first { $0.employeeId == id } }
    func advance(_ ref: RowRef) -> AdvanceResult? { advances.first { $0.ref == ref } }
}
