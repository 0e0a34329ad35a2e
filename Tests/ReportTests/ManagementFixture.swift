import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report
import XlsxWriter

/// A March 2023 close built by hand for the management and region workbooks: two regions
/// (华东: E001, E002; 华南: E003), a customer served by both (C-SHARED), one served by each alone,
/// an AUDIT flag with its expense line, a SAL-AMOUNT-MISMATCH line, and pay figures that must not leak.
enum ManagementFixture {
    /// Pay figures of E003 (and E001) that appear nowhere but in the finance workbook.
    static let payAmounts: [Double] = [98765.43, 4321.09, 1357.91, 2468.02, 8642.13]
    /// The finance workbook's pay column headers, both languages.
    static let payHeaders: [String] = {
        typealias H = FinanceWorkbook.H
        return [
            H.baseSalary, H.performancePay, H.payFactor, H.basePayPaid, H.grossPay, H.earned, H.commissionSettled,
            H.deferredBefore, H.deferredAfter, H.commissionForfeited, H.commissionAdjustments, H.nextPayFactor,
            H.yearTotal, H.paid, H.bonus
        ].flatMap { [$0.zh, $0.en] }
    }()
    /// Amounts that only 华南 has.
    static let southOnlyAmounts: [Double] = [7777.77, 3333.33, 1111.11, 11111.10, 4444.44]

    static func sale(
        _ line: Int, _ date: String, _ order: String, _ employee: String, _ customer: String, _ name: String?,
        _ product: String, qty: Int64, price: String? = nil, _ amount: String, remitted: String = "0.00"
    ) -> InputRow<SaleRow> {
        let row = SaleRow(
            date: day(date), orderId: order, lineNo: 1, employeeId: employee, customerId: customer, customerName: name,
            product: product, quantity: Decimal4(units: qty * 10_000), unitPrice: price.map(yuan), amount: yuan(amount),
            remitted: yuan(remitted))
        return InputRow(ref: RowRef(file: "sales.csv", fileOrder: 2, line: line), raw: order, value: row, issue: nil)
    }

    static func result(quarter: Bool = false) -> CloseResult {
        var inputs = InputSet()
        inputs.sales = [
            sale(2, "2023-03-03", "SO-1", "E001", "C-SHARED", "共同农资", "复合肥", qty: 50, "5000.00", remitted: "2000.00"),
            sale(3, "2023-03-08", "SO-2", "E001", "C-EAST", "东方农资", "尿素", qty: 100, "12000.00", remitted: "12000.00"),
            sale(4, "2023-03-09", "SO-3", "E002", "C-EAST", "东方农资", "复合肥", qty: 80, price: "100.00", "8000.00"),
            sale(5, "2023-03-10", "SO-4", "E003", "C-SOUTH", "南方农资", "磷肥", qty: 70, price: "100.00", "7777.77", remitted: "1111.11"),
            sale(6, "2023-03-12", "SO-5", "E003", "C-SHARED", "共同农资", "复合肥", qty: 33, "3333.33"),
            // Rejected, and another month: never shown.
            InputRow(
                ref: RowRef(file: "sales.csv", fileOrder: 2, line: 7), raw: "SO-6",
                value: SaleRow(
                    date: day("2023-03-13"), orderId: "SO-6", employeeId: "E001", customerId: "C-X", product: "尿素",
                    quantity: Decimal4(units: 10_000), amount: yuan("999.99")),
                issue: RowIssue(code: "ROW-DUPLICATE", column: nil, columnNumber: 0, message: "dup")),
            sale(8, "2023-02-27", "SO-0", "E001", "C-EAST", "东方农资", "尿素", qty: 1, "555.55")
        ]
        inputs.remittances = [
            InputRow(
                ref: RowRef(file: "remittances.csv", fileOrder: 3, line: 2), raw: "",
                value: RemittanceRow(
                    date: day("2023-03-20"), employeeId: "E003", customerId: "C-SHARED", amount: yuan("4444.44"),
                    receiptNo: "RC-9"), issue: nil),
            InputRow(
                ref: RowRef(file: "remittances.csv", fileOrder: 3, line: 3), raw: "",
                value: RemittanceRow(
                    date: day("2023-03-21"), employeeId: "E002", customerId: "C-EAST", amount: yuan("6000.00"),
                    receiptNo: "RC-10"), issue: nil)
        ]
        var r = CloseResult(period: Period(year: 2023, month: 3)!, policy: Policy(), inputs: inputs)

        var e1 = EmployeeResult(
            employeeId: "E001", name: "张伟", region: "华东", department: "销售一部", role: .regional_manager,
            level: .numbered(2), active: true)
        e1.sales = yuan("17000.00"); e1.remitted = yuan("14000.00")
        e1.remittanceTarget = yuan("20000.00"); e1.salesTarget = yuan("20000.00")
        e1.attainment = 0.7; e1.salesAttainment = 0.85
        e1.newOutlets = 1; e1.newOutletsTarget = 2
        e1.travelDays = 18; e1.verifiedTravelDays = 17; e1.unverifiedTravelDates = [day("2023-03-14")]
        e1.missingPlanWeeks = [day("2023-03-27")]
        e1.expensesApproved = yuan("1380.00")
        e1.commissionEarned = yuan("2468.02"); e1.grossPay = yuan("8642.13"); e1.basePay = yuan("2000.00")
        e1.codes = ["ATT-TRAVEL-DAYS-LOW", "ATT-TRAVEL-UNVERIFIED", "AUDIT", "PLAN-MISSING-WEEK", "COM-DEFERRED"]
        e1.notes = [(code: "AUDIT", detail: "expenses.csv:5 2023-03-15 杭州")]

        var e2 = EmployeeResult(
            employeeId: "E002", name: "李娜", region: "华东", department: "销售一部", role: .sales_rep,
            level: .numbered(3), active: true)
        e2.sales = yuan("8000.00"); e2.remitted = yuan("6000.00")
        e2.remittanceTarget = yuan("5000.00"); e2.salesTarget = yuan("10000.00")
        e2.attainment = 1.2; e2.salesAttainment = 0.8
        e2.newOutlets = 0; e2.newOutletsTarget = 1
        e2.planActivityLowDays = 3
        e2.expensesApproved = yuan("300.00")
        e2.codes = ["PLAN-ACTIVITY-LOW", "SAL-AMOUNT-MISMATCH", "COM-SETTLED"]

        var e3 = EmployeeResult(
            employeeId: "E003", name: "王芳", region: "华南", department: "销售二部", role: .regional_manager,
            level: .numbered(1), active: true)
        e3.sales = yuan("11111.10"); e3.remitted = yuan("5555.55")
        e3.remittanceTarget = yuan("10000.00"); e3.salesTarget = yuan("10000.00")
        e3.attainment = 0.5556; e3.salesAttainment = 1.1111
        e3.newOutlets = 1; e3.newOutletsTarget = 1
        e3.travelDays = 22; e3.verifiedTravelDays = 22
        e3.expensesApproved = yuan("640.25")
        e3.commissionEarned = yuan("1357.91"); e3.commissionSettled = yuan("1357.91")
        e3.payFactor = Rate(num: 8, den: 10); e3.basePay = yuan("4321.09"); e3.grossPay = yuan("98765.43")
        e3.codes = ["COM-SETTLED"]
        r.employees = [e1, e2, e3]

        r.customers = [
            CustomerResult(
                customerId: "C-EAST", name: "东方农资", receivableBefore: yuan("1000.00"), sales: yuan("20000.00"),
                remitted: yuan("18000.00"), receivableAfter: yuan("3000.00"), regions: ["华东"]),
            CustomerResult(
                customerId: "C-SHARED", name: "共同农资", receivableBefore: .zero, sales: yuan("8333.33"),
                remitted: yuan("6444.44"), receivableAfter: yuan("1888.89"), regions: ["华东", "华南"]),
            CustomerResult(
                customerId: "C-SOUTH", name: "南方农资", receivableBefore: yuan("500.00"), sales: yuan("7777.77"),
                remitted: yuan("1111.11"), receivableAfter: yuan("7166.66"), regions: ["华南"])
        ]
        r.salesMismatches = [SalesMismatch(ref: RowRef(file: "sales.csv", fileOrder: 2, line: 4), row: r.inputs.sales[2].value!)]
        (r.sales, r.orderLines) = SalesIntake.fold(
            accepted: r.inputs, period: r.period,
            regionOf: Dictionary(r.employees.map { ($0.employeeId, $0.region) }, uniquingKeysWith: { a, _ in a }))
        r.expenseLines = [
            ExpenseLineResult(
                ref: RowRef(file: "expenses.csv", fileOrder: 4, line: 5),
                row: ExpenseRow(
                    claimId: "C-7", employeeId: "E001", date: day("2023-03-15"), category: .lodging,
                    city: "杭州", nights: 1, amount: yuan("150.00"), receiptNo: "R-77",
                    submittedOn: day("2023-04-05")),
                lateClaim: false, decision: .denied, approved: .zero, codes: ["EXP-ROUTE-MISMATCH"], role: .regional_manager),
            ExpenseLineResult(
                ref: RowRef(file: "expenses.csv", fileOrder: 4, line: 6),
                row: ExpenseRow(
                    claimId: "C-8", employeeId: "E003", date: day("2023-03-16"), category: .transport,
                    transportMode: .train, amount: yuan("222.00"), receiptNo: "R-78",
                    submittedOn: day("2023-04-05")),
                lateClaim: false, decision: .approved, approved: yuan("222.00"), codes: [], role: .regional_manager)
        ]
        if quarter {
            r.quarter = QuarterBlock(
                year: 2023, quarter: 1, codes: [],
                employees: [
                    QuarterEmployee(
                        employeeId: "E001", attainment: 0.7, assessed: true, nextPayFactor: Rate(num: 8, den: 10),
                        codes: ["QTR-CUT", "QTR-REVIEW"], remitted: yuan("42000.00"), target: yuan("60000.00"),
                        newOutlets: 3, newOutletsTarget: 6),
                    QuarterEmployee(
                        employeeId: "E002", attainment: nil, assessed: false, nextPayFactor: .one, codes: [],
                        remitted: yuan("18000.00"), target: yuan("15000.00"), newOutlets: 1, newOutletsTarget: 3),
                    QuarterEmployee(
                        employeeId: "E003", attainment: 1.2, assessed: true, nextPayFactor: .one,
                        codes: ["QTR-RESTORED", "QTR-PROMOTE"], remitted: yuan("36000.00"), target: yuan("30000.00"),
                        newOutlets: 4, newOutletsTarget: 3)
                ])
        }
        return r
    }
}

extension ReportTestCase {
    func managementDocument(
        _ r: CloseResult = ManagementFixture.result(), lang: Lang = .zh,
        trend: [TrendPoint] = []
    ) throws -> (XlsxDocument, WrittenWorkbook) {
        let file = path(ManagementWorkbook.fileName(r.period))
        let written = try ManagementWorkbook.write(r, to: file, options: ReportOptions(lang: lang), trend: trend)
        return (try XlsxDocument(path: file), written)
    }

    /// Every cell of every sheet, with its sheet, and the shared-string table's text.
    func everything(_ doc: XlsxDocument) throws -> (cells: [(sheet: String, cell: Cell)], strings: String) {
        var cells: [(String, Cell)] = []
        for name in doc.sheetNames { for cell in try doc.sheet(name).cells.values { cells.append((name, cell)) } }
        let strings = doc.partNames.contains("xl/sharedStrings.xml") ? try doc.text(part: "xl/sharedStrings.xml") : ""
        return (cells, strings)
    }
}
