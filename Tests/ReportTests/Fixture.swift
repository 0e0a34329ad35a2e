import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report

func day(_ s: String) -> Day { Day(iso: s)! }
func yuan(_ s: String) -> Money { Money.parsePlain(s)! }

/// A small March 2023 close built by hand: two sales departments and an assistant
/// without one, expense lines with codes, advances, adjustments, a commission row at
/// 79.99% and one at 100%, and two rejected expense rows (one whose raw text is a
/// formula injection).
enum Fixture {
    static let rejectedRaw = "=cmd|' /C calc'!A0,E999,2023-03-09,other,,,,99.99,,,,,,2023-04-02"

    static func result(quarter: QuarterBlock? = nil) -> CloseResult {
        let period = Period(year: 2023, month: 3)!
        var inputs = InputSet()
        inputs.files = [
            FileReport(
                file: "roster.csv", kind: .roster, encoding: "utf-8", delimiter: ",", sha256: "r", rows: 4, blank: 0,
                ignoredColumns: [], recognisedBy: "name"),
            FileReport(
                file: "expenses.csv", kind: .expenses, encoding: "gb18030", delimiter: ",", sha256: "e", rows: 7, blank: 1,
                ignoredColumns: [], recognisedBy: "name"),
            FileReport(
                file: "advances.csv", kind: .advances, encoding: "utf-8-bom", delimiter: ",", sha256: "a", rows: 3, blank: 0,
                ignoredColumns: [], recognisedBy: "name")
        ]
        let roster = [
            RosterRow(
                employeeId: "E001", name: "张伟", role: .regional_manager, level: .numbered(2), region: "华东",
                department: "销售一部", hireDate: day("2020-01-01")),
            RosterRow(
                employeeId: "E002", name: "李娜", role: .sales_rep, level: .numbered(3), region: "华东",
                department: "销售一部", managerId: "E001", hireDate: day("2021-05-10")),
            RosterRow(
                employeeId: "E003", name: "王芳", role: .regional_manager, level: .numbered(1), region: "华南",
                department: "销售二部", hireDate: day("2019-03-01")),
            RosterRow(
                employeeId: "E004", name: "赵敏", role: .assistant, level: .numbered(3), region: "总部",
                department: nil, hireDate: day("2022-01-01"))
        ]
        inputs.roster = roster.enumerated().map { i, row in
            InputRow(ref: RowRef(file: "roster.csv", fileOrder: 0, line: i + 2), raw: row.employeeId, value: row, issue: nil)
        }

        // Expense lines (accepted) and their judgement.
        let lines: [(Int, ExpenseRow, Bool, ExpenseDecision, Money, [String])] = [
            (
                2,
                ExpenseRow(
                    claimId: "C-01", employeeId: "E001", date: day("2023-03-06"), category: .lodging, city: "上海", nights: 1,
                    amount: yuan("160.00"), receiptNo: "R-1001", submittedOn: day("2023-04-10")),
                false, .reduced, yuan("140.00"), ["EXP-LODGING-CAP"]
            ),
            (
                3,
                ExpenseRow(
                    claimId: "C-01", employeeId: "E001", date: day("2023-03-07"), category: .transport, transportMode: .flight,
                    amount: yuan("1200.00"), receiptNo: "R-1002", submittedOn: day("2023-04-10")),
                false, .denied, .zero, ["EXP-FLIGHT-UNAPPROVED"]
            ),
            (
                4,
                ExpenseRow(
                    claimId: "C-02", employeeId: "E002", date: day("2023-02-20"), category: .transport, transportMode: .train,
                    amount: yuan("300.00"), receiptNo: "R-0999", submittedOn: day("2023-04-12")),
                true, .approved, yuan("300.00"), ["EXP-LATE"]
            ),
            (
                5,
                ExpenseRow(
                    claimId: "C-03", employeeId: "E003", date: day("2023-03-10"), category: .lodging, city: "广州", nights: 4,
                    amount: yuan("800.50"), receiptNo: "00123", submittedOn: day("2023-04-05")),
                false, .reduced, yuan("640.25"), ["EXP-NO-PLAN", "EXP-LODGING-CAP"]
            )
        ]
        var r = CloseResult(period: period, policy: Policy(), inputs: inputs)
        r.expenseLines = lines.map { line, row, late, decision, approved, codes in
            ExpenseLineResult(
                ref: RowRef(file: "expenses.csv", fileOrder: 0, line: line), row: row, lateClaim: late,
                decision: decision, approved: approved, codes: codes, role: nil)
        }
        var expenseRows: [InputRow<ExpenseRow>] = lines.map { line, row, _, _, _, _ in
            InputRow(
                ref: RowRef(file: "expenses.csv", fileOrder: 0, line: line), raw: "\(row.claimId),\(row.employeeId)",
                value: row, issue: nil, money: [MoneyCell(column: "amount", value: row.amount)])
        }
        // Line 7: parsed, then rejected (unknown employee); its amount counts among the rejected.
        expenseRows.append(
            InputRow(
                ref: RowRef(file: "expenses.csv", fileOrder: 0, line: 7), raw: rejectedRaw,
                value: ExpenseRow(
                    claimId: "=cmd|' /C calc'!A0", employeeId: "E999", date: day("2023-03-09"), category: .other,
                    amount: yuan("99.99"), submittedOn: day("2023-04-02")),
                issue: RowIssue(code: "ROW-UNKNOWN-EMPLOYEE", column: nil, columnNumber: 0, message: "employee_id \"E999\" is not in the roster"),
                money: [MoneyCell(column: "amount", value: yuan("99.99"))]))
        // Line 8: the amount did not parse.
        expenseRows.append(
            InputRow(
                ref: RowRef(file: "expenses.csv", fileOrder: 0, line: 8), raw: "C-09,E001,2023-03-09,other,,,,12.345",
                value: nil, issue: RowIssue(code: "ROW-BAD-VALUE", column: "amount", columnNumber: 8, message: "more than two decimals"),
                money: [], badMoneyCells: 1))
        r.inputs.expenses = expenseRows

        let advances: [(Int, AdvanceRow, AdvanceDecision, [String], Money)] = [
            (
                2, AdvanceRow(advanceId: "A-01", employeeId: "E001", date: day("2023-03-02"), amount: yuan("2000.00"), purpose: "+出差华东"),
                .approved, [], yuan("3000.00")
            ),
            (
                3, AdvanceRow(advanceId: "A-02", employeeId: "E001", date: day("2023-03-20"), amount: yuan("500.00"), purpose: "出差"),
                .denied, ["ADV-OVER-LIMIT"], yuan("3000.00")
            ),
            (
                4, AdvanceRow(advanceId: "A-03", employeeId: "E002", date: day("2023-03-05"), amount: yuan("800.00"), purpose: nil),
                .denied, ["ADV-NOT-ELIGIBLE"], .zero
            )
        ]
        r.advances = advances.map { line, row, decision, codes, balance in
            AdvanceResult(
                ref: RowRef(file: "advances.csv", fileOrder: 0, line: line), row: row, decision: decision, codes: codes,
                balanceAfter: balance)
        }
        r.inputs.advances = advances.map { line, row, _, _, _ in
            InputRow(
                ref: RowRef(file: "advances.csv", fileOrder: 0, line: line), raw: row.advanceId, value: row, issue: nil,
                money: [MoneyCell(column: "amount", value: row.amount)])
        }

        r.adjustments = [
            AdjustmentResult(
                ref: RowRef(file: "adjustments.csv", fileOrder: 0, line: 2),
                row: AdjustmentRow(
                    adjustmentId: "ADJ-2", date: day("2023-03-15"), employeeId: "E003", kind: .reimbursement,
                    amount: yuan("-50.00"), approvedBy: "D001", reference: "FIN-7", note: "多报退回")),
            AdjustmentResult(
                ref: RowRef(file: "adjustments.csv", fileOrder: 0, line: 3),
                row: AdjustmentRow(
                    adjustmentId: "ADJ-1", date: day("2023-03-12"), employeeId: "E003", kind: .advance_repaid,
                    amount: yuan("200.00"), approvedBy: "D001", reference: "BANK-1")),
            AdjustmentResult(
                ref: RowRef(file: "adjustments.csv", fileOrder: 0, line: 4),
                row: AdjustmentRow(
                    adjustmentId: "ADJ-3", date: day("2023-03-16"), employeeId: "E001", kind: .reimbursement,
                    amount: yuan("20.00"), approvedBy: "D001"))
        ]

        var e1 = EmployeeResult(
            employeeId: "E001", name: "张伟", region: "华东", department: "销售一部", role: .regional_manager,
            level: .numbered(2), active: true)
        e1.expensesClaimed = yuan("1560.00"); e1.expensesApproved = yuan("1380.00"); e1.mealAllowance = yuan("500.00")
        e1.reimbursement = yuan("1880.00"); e1.advanceOutstandingBefore = yuan("1000.00"); e1.advancesApproved = yuan("2000.00")
        e1.advanceSettled = yuan("1880.00"); e1.netPayable = .zero; e1.advanceOutstandingAfter = yuan("1120.00")
        e1.remitted = yuan("79990.00"); e1.remittanceTarget = yuan("100000.00"); e1.attainment = 0.7999
        e1.commissionEarned = yuan("1599.80"); e1.commissionDeferredBalance = yuan("1599.80")
        e1.payFactor = .one; e1.basePay = yuan("2000.00"); e1.performancePay = yuan("1200.00"); e1.grossPay = yuan("2000.00")
        e1.baseSalary = yuan("800.00"); e1.basePayAfterFactor = yuan("2000.00")
        e1.codes = ["ATT-TRAVEL-DAYS-LOW", "COM-DEFERRED"]

        var e2 = EmployeeResult(
            employeeId: "E002", name: "李娜", region: "华东", department: "销售一部", role: .sales_rep,
            level: .numbered(3), active: true)
        e2.expensesClaimed = yuan("300.00"); e2.expensesApproved = yuan("300.00"); e2.reimbursement = yuan("300.00")
        e2.netPayable = yuan("300.00")
        e2.remitted = yuan("50000.00"); e2.remittanceTarget = yuan("50000.00"); e2.attainment = 1.0
        e2.commissionEarned = yuan("1000.00"); e2.commissionDeferredBefore = yuan("200.00"); e2.commissionSettled = yuan("1200.00")
        e2.payFactor = Rate(num: 8, den: 10); e2.basePay = yuan("1500.00"); e2.performancePay = yuan("700.00")
        e2.grossPay = yuan("2400.00"); e2.baseSalary = yuan("800.00"); e2.basePayAfterFactor = yuan("1200.00")
        e2.codes = ["COM-SETTLED"]

        var e3 = EmployeeResult(
            employeeId: "E003", name: "王芳", region: "华南", department: "销售二部", role: .regional_manager,
            level: .numbered(1), active: true)
        e3.expensesClaimed = yuan("800.50"); e3.expensesApproved = yuan("640.25"); e3.mealAllowance = yuan("250.00")
        e3.reimbursementAdjustments = yuan("-50.00"); e3.reimbursement = yuan("840.25")
        e3.advanceOutstandingBefore = yuan("500.00"); e3.advanceRepaid = yuan("200.00"); e3.advanceSettled = yuan("300.00")
        e3.netPayable = yuan("540.25")
        e3.remitted = yuan("5000.00"); e3.commissionEarned = yuan("100.00"); e3.commissionDeferredBalance = yuan("100.00")
        e3.payFactor = .one; e3.basePay = yuan("2500.00"); e3.performancePay = yuan("1700.00"); e3.grossPay = yuan("2500.00")
        e3.baseSalary = yuan("800.00"); e3.basePayAfterFactor = yuan("2500.00")
        e3.codes = ["COM-NO-TARGET", "COM-DEFERRED"]

        var e4 = EmployeeResult(
            employeeId: "E004", name: "赵敏", region: "总部", department: nil, role: .assistant,
            level: .numbered(3), active: true)
        e4.expensesClaimed = yuan("45.60"); e4.expensesApproved = yuan("45.60"); e4.reimbursement = yuan("45.60")
        e4.netPayable = yuan("45.60")

        r.employees = [e1, e2, e3, e4]
        r.quarter = quarter
        return r
    }
}

/// A fresh temporary directory per test.
class ReportTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory, ProcessInfo.processInfo.environment["KEEP_REPORT_TEST_FILES"] == nil { try? FileManager.default.removeItem(at: directory) }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes the fixture's finance workbook and reads it back.
    func financeDocument(
        _ r: CloseResult = Fixture.result(), options: ReportOptions = ReportOptions(), name: String = "finance.xlsx",
        changes: [ChangeRow]? = nil
    ) throws -> (XlsxDocument, WrittenWorkbook) {
        let file = path(name)
        let written = try FinanceWorkbook.write(r, to: file, options: options, changes: changes)
        return (try XlsxDocument(path: file), written)
    }

    func number(_ doc: XlsxDocument, _ sheet: String, _ ref: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double? {
        try doc.cell(sheet: sheet, ref: ref)?.number
    }

    func text(_ doc: XlsxDocument, _ sheet: String, _ ref: String) throws -> String? {
        try doc.cell(sheet: sheet, ref: ref)?.text
    }

    /// Money read back, compared in fen.
    func assertMoney(
        _ doc: XlsxDocument, _ sheet: String, _ ref: String, _ expected: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        guard let cell = try doc.cell(sheet: sheet, ref: ref) else { return XCTFail("\(sheet)!\(ref) missing", file: file, line: line) }
        guard let value = cell.number else { return XCTFail("\(sheet)!\(ref) is not a number: \(cell.value)", file: file, line: line) }
        XCTAssertEqual(Int64((value * 100).rounded()), yuan(expected).fen, "\(sheet)!\(ref)", file: file, line: line)
        XCTAssertEqual(try doc.numberFormat(sheet: sheet, ref: ref), "¥#,##0.00", "\(sheet)!\(ref) format", file: file, line: line)
    }
}
