import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report

final class FinanceWorkbookTests: ReportTestCase {
    let chineseSheets = ["报销汇总", "费用明细", "借款", "调整", "提成", "工资", "报销单", "工资条", "控制总数", "退回行"]

    func testSheetNamesAreChineseByDefault() throws {
        let (doc, written) = try financeDocument()
        XCTAssertEqual(doc.sheetNames, chineseSheets)
        XCTAssertEqual(written.sheetNames, chineseSheets)
    }

    func testSheetNamesAreEnglishWithLangEn() throws {
        let (doc, _) = try financeDocument(options: ReportOptions(lang: .en))
        XCTAssertEqual(doc.sheetNames, ["Reimbursement", "Expense lines", "Advances", "Adjustments", "Commission", "Pay",
                                        "Claim slips", "Pay slips", "Control totals", "Rejected rows"])
        XCTAssertEqual(try text(doc, "Reimbursement", "A1"), "Employee ID")
        XCTAssertEqual(try text(doc, "Reimbursement", "A4"), "Subtotal 销售一部")
        XCTAssertEqual(try text(doc, "Reimbursement", "A8"), "Subtotal No department")
        XCTAssertEqual(try text(doc, "Expense lines", "N2"), "Reduced")
        XCTAssertEqual(try text(doc, "Expense lines", "Q3"), "Flight taken without the general manager's prior approval: denied")
    }

    func testMoneyCellsAreNumbersInYuanFormat() throws {
        let (doc, _) = try financeDocument()
        try assertMoney(doc, "报销汇总", "F2", "1560.00")        // E001 claimed
        try assertMoney(doc, "报销汇总", "K5", "840.25")         // E003 reimbursement
        try assertMoney(doc, "报销汇总", "J5", "-50.00")         // E003 reimbursement adjustment
        try assertMoney(doc, "报销汇总", "R2", "1120.00")        // E001 outstanding after
        try assertMoney(doc, "费用明细", "M5", "640.25")
        XCTAssertEqual(try doc.cell(sheet: "报销汇总", ref: "F2")?.type, nil) // a number, not a string
    }

    func testDepartmentSubtotalsAndGrandTotalAreFormulasWithCachedSums() throws {
        let (doc, _) = try financeDocument()
        let s = "报销汇总"
        // Rows: 2 E001, 3 E002, 4 销售一部 subtotal, 5 E003, 6 销售二部 subtotal, 7 E004, 8 未分部门 subtotal, 9 total.
        XCTAssertEqual(try text(doc, s, "A4"), "销售一部 小计")
        XCTAssertEqual(try text(doc, s, "C4"), "销售一部")
        XCTAssertEqual(try text(doc, s, "A6"), "销售二部 小计")
        XCTAssertEqual(try text(doc, s, "A8"), "未分部门 小计")
        XCTAssertEqual(try text(doc, s, "C7"), "未分部门")
        XCTAssertEqual(try text(doc, s, "A9"), "合计")

        XCTAssertEqual(try doc.cell(sheet: s, ref: "F4")?.formula, "SUM(F2:F3)")
        try assertMoney(doc, s, "F4", "1860.00")   // 1560.00 + 300.00
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F6")?.formula, "SUM(F5:F5)")
        try assertMoney(doc, s, "F6", "800.50")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F9")?.formula, "SUM(F4,F6,F8)")
        try assertMoney(doc, s, "F9", "2706.10")   // 1560.00 + 300.00 + 800.50 + 45.60
        try assertMoney(doc, s, "G9", "2365.85")   // 1380.00 + 300.00 + 640.25 + 45.60
        try assertMoney(doc, s, "K4", "2180.00")   // 1880.00 + 300.00
        try assertMoney(doc, s, "K9", "3065.85")
        try assertMoney(doc, s, "P9", "2180.00")   // settled 1880.00 + 300.00
        try assertMoney(doc, s, "Q4", "300.00")
        try assertMoney(doc, s, "Q9", "885.85")    // 0 + 300.00 + 540.25 + 45.60 = 3065.85 − 2180.00
        XCTAssertEqual(try doc.cell(sheet: s, ref: "Q9")?.formula, "SUM(Q4,Q6,Q8)")
        XCTAssertNil(try doc.cell(sheet: s, ref: "A10"))
    }

    func testPaySheetSubtotalsAndFactor() throws {
        let (doc, _) = try financeDocument()
        let s = "工资"
        // Rows: 2 E001, 3 E002, 4 销售一部 subtotal, 5 E003, 6 销售二部 subtotal, 7 total (E004 has no pay).
        XCTAssertEqual(try text(doc, s, "A2"), "E001")
        XCTAssertEqual(try text(doc, s, "E2"), "二级")
        try assertMoney(doc, s, "F2", "800.00")
        try assertMoney(doc, s, "G2", "1200.00")
        XCTAssertEqual(try number(doc, s, "H3"), 0.8)
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "H3"), "0.0%")
        try assertMoney(doc, s, "I3", "1200.00")   // 1500.00 × 0.8
        try assertMoney(doc, s, "M4", "4400.00")   // 2000.00 + 2400.00
        try assertMoney(doc, s, "M7", "6900.00")
        XCTAssertEqual(try text(doc, s, "A7"), "合计")
        XCTAssertEqual(try text(doc, s, "A8"), nil)
    }

    func testExpenseLinesCarryDecisionLateClaimAndReasons() throws {
        let (doc, _) = try financeDocument()
        let s = "费用明细"
        XCTAssertEqual(try text(doc, s, "A1"), "文件")
        XCTAssertEqual(try text(doc, s, "A2"), "expenses.csv")
        XCTAssertEqual(try number(doc, s, "B2"), 2)
        XCTAssertEqual(try text(doc, s, "E2"), "张伟")
        XCTAssertEqual(try number(doc, s, "F2"), 44991)            // 2023-03-06 as a date serial
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "F2"), "yyyy-mm-dd")
        XCTAssertEqual(try text(doc, s, "G2"), "住宿费")
        XCTAssertEqual(try text(doc, s, "H3"), "飞机")
        XCTAssertEqual(try text(doc, s, "N2"), "核减")
        XCTAssertEqual(try text(doc, s, "N3"), "不予报销")
        XCTAssertEqual(try text(doc, s, "N4"), "批准")
        XCTAssertEqual(try text(doc, s, "O4"), "是")
        XCTAssertEqual(try text(doc, s, "O2"), "否")
        XCTAssertEqual(try text(doc, s, "P5"), "EXP-NO-PLAN, EXP-LODGING-CAP")
        XCTAssertEqual(try text(doc, s, "Q5"), "未附《区域经理每周行动计划表》，一律不作报销；超过住宿标准，按标准报销")
        XCTAssertEqual(try text(doc, s, "K5"), "00123")            // ids keep every digit
        XCTAssertEqual(try text(doc, s, "A6"), "合计")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "L6")?.formula, "SUM(L2:L5)")
        try assertMoney(doc, s, "L6", "2460.50")   // 160.00 + 1200.00 + 300.00 + 800.50
        try assertMoney(doc, s, "M6", "1080.25")   // 140.00 + 0 + 300.00 + 640.25
    }

    func testAdvancesAndAdjustments() throws {
        let (doc, _) = try financeDocument()
        XCTAssertEqual(try text(doc, "借款", "G2"), "+出差华东")     // a leading + stays text
        XCTAssertEqual(try text(doc, "借款", "H3"), "不予审批")
        XCTAssertEqual(try text(doc, "借款", "J4"), "非区域业务经理，不能以借款方式支取差旅费")
        try assertMoney(doc, "借款", "E5", "3300.00")
        try assertMoney(doc, "借款", "F5", "2000.00")
        // Adjustments by kind: 还款 (ADJ-1) then 报销调整 (ADJ-2, ADJ-3), each with a subtotal.
        let s = "调整"
        XCTAssertEqual(try text(doc, s, "A2"), "ADJ-1")
        XCTAssertEqual(try text(doc, s, "A3"), "还款 小计")
        try assertMoney(doc, s, "F3", "200.00")
        XCTAssertEqual(try text(doc, s, "A4"), "ADJ-2")
        XCTAssertEqual(try text(doc, s, "A6"), "报销调整 小计")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F6")?.formula, "SUM(F4:F5)")
        try assertMoney(doc, s, "F6", "-30.00")
    }

    func testCommissionAttainmentIsPercentWithConditionalFills() throws {
        let (doc, _) = try financeDocument()
        let s = "提成"
        XCTAssertEqual(try text(doc, s, "A2"), "E001")
        XCTAssertEqual(try text(doc, s, "A4"), "E003")
        XCTAssertEqual(try number(doc, s, "G2")!, 0.7999, accuracy: 1e-12)
        XCTAssertEqual(try number(doc, s, "G3"), 1.0)
        XCTAssertNil(try doc.cell(sheet: s, ref: "G4"))               // no target: no attainment
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "G2"), "0.0%")
        try assertMoney(doc, s, "E5", "150000.00")
        try assertMoney(doc, s, "F5", "134990.00")
        try assertMoney(doc, s, "K5", "1699.80")   // 1599.80 + 0 + 100.00
        XCTAssertEqual(try text(doc, s, "N2"), "COM-DEFERRED")

        let formats = try doc.sheet(s).conditionalFormats
        // Whole rows coloured by the attainment in column G: red below 80%, green at or above 100%.
        let rules = formats.filter { $0.range == "A2:O4" }.flatMap(\.rules)
        XCTAssertEqual(rules.count, 2)
        let red = rules.first { $0.formulas.first == "AND(ISNUMBER($G2),$G2<0.8)" }
        let green = rules.first { $0.formulas.first == "AND(ISNUMBER($G2),$G2>=1)" }
        XCTAssertNotNil(red); XCTAssertNotNil(green)
        XCTAssertEqual(red.flatMap { $0.dxfId }.map { doc.differentialFormats[$0].fillColor }, "FFFFC7CE")
        XCTAssertEqual(green.flatMap { $0.dxfId }.map { doc.differentialFormats[$0].fillColor }, "FFC6EFCE")
    }

    func testHeaderFrozenBoldWithAutofilterAndPrintSetup() throws {
        let (doc, _) = try financeDocument()
        let sheet = try doc.sheet("报销汇总")
        XCTAssertEqual(sheet.pane?.ySplit, 1)
        XCTAssertEqual(sheet.pane?.xSplit, 0)
        XCTAssertEqual(sheet.pane?.state, "frozen")
        XCTAssertEqual(sheet.autofilter, "A1:R8")        // header to the last subtotal, not the total row
        XCTAssertEqual(sheet.pageSetup["orientation"], "landscape")
        XCTAssertEqual(sheet.pageSetup["fitToWidth"] ?? "1", "1")
        XCTAssertEqual(sheet.pageSetup["fitToHeight"], "0")
        XCTAssertTrue(sheet.fitToPage)
        XCTAssertTrue(doc.definedNames.contains { $0.name == "_xlnm.Print_Titles" && $0.value.hasSuffix("$1:$1") })
        let header = try XCTUnwrap(doc.cell(sheet: "报销汇总", ref: "A1"))
        XCTAssertTrue(doc.style(at: header.styleIndex)?.bold == true)
        // Widths fitted: the department column holds 4 CJK characters (width 8) and more.
        let widths = sheet.columns
        XCTAssertFalse(widths.isEmpty)
        XCTAssertTrue(widths.allSatisfy { ($0.width ?? 0) >= 6 })
    }

    func testRejectedRowRawTextIsWrittenAsTextNeverAFormula() throws {
        let (doc, _) = try financeDocument()
        let s = "退回行"
        XCTAssertEqual(try text(doc, s, "A2"), "expenses.csv")
        XCTAssertEqual(try number(doc, s, "B2"), 7)
        XCTAssertEqual(try text(doc, s, "C2"), "整行")
        XCTAssertEqual(try text(doc, s, "D2"), "ROW-UNKNOWN-EMPLOYEE")
        XCTAssertEqual(try text(doc, s, "E2"), "员工编号不在花名册内，本行退回")
        XCTAssertEqual(try text(doc, s, "G2"), Fixture.rejectedRaw)
        XCTAssertNil(try doc.cell(sheet: s, ref: "G2")?.formula)
        XCTAssertEqual(try text(doc, s, "C3"), "amount")
        XCTAssertEqual(try number(doc, s, "B3"), 8)
        let xml = try doc.text(part: doc.sheet(s).part)
        XCTAssertFalse(xml.contains("<f>"))
        XCTAssertFalse(xml.contains("<f "))
    }

    func testControlTotalsReconcileRowsAndMoneyBothWays() throws {
        let (doc, _) = try financeDocument()
        let s = "控制总数"
        XCTAssertEqual(try text(doc, s, "A3"), "expenses.csv")
        XCTAssertEqual(try text(doc, s, "B3"), "报销")
        XCTAssertEqual(try text(doc, s, "C3"), "gb18030")
        XCTAssertEqual(try number(doc, s, "D3"), 7)
        XCTAssertEqual(try number(doc, s, "E3"), 4)
        XCTAssertEqual(try number(doc, s, "F3"), 2)
        XCTAssertEqual(try number(doc, s, "G3"), 1)
        XCTAssertEqual(try doc.cell(sheet: s, ref: "H3")?.formula, "D3-E3-F3-G3")
        XCTAssertEqual(try number(doc, s, "H3"), 0)
        XCTAssertEqual(try number(doc, s, "I3"), 1)                // one money cell did not parse
        // Totals: rows 4 + 7 + 3, accepted 4 + 4 + 3.
        XCTAssertEqual(try text(doc, s, "A5"), "合计")
        XCTAssertEqual(try number(doc, s, "D5"), 14)
        XCTAssertEqual(try number(doc, s, "E5"), 11)
        XCTAssertEqual(try number(doc, s, "F5"), 2)
        XCTAssertEqual(try number(doc, s, "G5"), 1)
        XCTAssertEqual(try number(doc, s, "H5"), 0)
        XCTAssertEqual(try doc.cell(sheet: s, ref: "D5")?.formula, "SUM(D2:D4)")
        // Money summed both ways: row 7 title, row 8 header, row 9 expenses amount, row 10 advances amount.
        XCTAssertEqual(try text(doc, s, "A9"), "expenses.csv")
        XCTAssertEqual(try text(doc, s, "B9"), "金额（amount）")
        try assertMoney(doc, s, "C9", "2460.50")
        try assertMoney(doc, s, "D9", "99.99")
        try assertMoney(doc, s, "E9", "2560.49")   // 2460.50 + 99.99
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F9")?.formula, "E9-C9-D9")
        try assertMoney(doc, s, "F9", "0.00")
        try assertMoney(doc, s, "C10", "3300.00")
        try assertMoney(doc, s, "E10", "3300.00")
    }

    func testClaimAndPaySlipsRepeatTheHeaderAboveEachEmployee() throws {
        let (doc, _) = try financeDocument()
        let s = "报销单"
        XCTAssertEqual(try text(doc, s, "A1"), "2023-03 报销单")
        XCTAssertEqual(try text(doc, s, "A2"), "员工编号")
        XCTAssertEqual(try text(doc, s, "N2"), "签字")
        XCTAssertEqual(try text(doc, s, "A3"), "E001")
        XCTAssertNil(try doc.cell(sheet: s, ref: "A4"))             // blank row between slips
        XCTAssertEqual(try text(doc, s, "A5"), "员工编号")
        XCTAssertEqual(try text(doc, s, "A6"), "E002")
        try assertMoney(doc, s, "L6", "300.00")                     // E002 net payable
        XCTAssertEqual(try text(doc, s, "A12"), "E004")
        XCTAssertNil(try doc.sheet(s).autofilter)
        let pay = "工资条"
        XCTAssertEqual(try text(doc, pay, "A2"), "员工编号")
        XCTAssertEqual(try text(doc, pay, "L2"), "应发工资")
        XCTAssertEqual(try text(doc, pay, "M2"), "签字")
        try assertMoney(doc, pay, "L3", "2000.00")
        XCTAssertEqual(try text(doc, pay, "A9"), "E003")
        XCTAssertNil(try doc.cell(sheet: pay, ref: "A12"))          // E004 has no pay slip
    }

    func testFileModeIs0600() throws {
        let old = umask(0)
        defer { umask(old) }
        let (doc, _) = try financeDocument()
        let attributes = try FileManager.default.attributesOfItem(atPath: doc.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testWritingTwiceGivesIdenticalBytes() throws {
        let r = Fixture.result()
        _ = try FinanceWorkbook.write(r, to: path("a.xlsx"), options: ReportOptions())
        _ = try FinanceWorkbook.write(r, to: path("b.xlsx"), options: ReportOptions(constantMemory: false))
        _ = try FinanceWorkbook.write(r, to: path("c.xlsx"), options: ReportOptions())
        let a = try Data(contentsOf: URL(fileURLWithPath: path("a.xlsx")))
        let c = try Data(contentsOf: URL(fileURLWithPath: path("c.xlsx")))
        XCTAssertEqual(a, c)
    }

    func testDocumentPropertiesNameCompanyAndPeriod() throws {
        let (doc, _) = try financeDocument()
        XCTAssertEqual(doc.properties.title, "财务报表 2023-03")
        XCTAssertEqual(doc.properties.subject, "2023-03")
        XCTAssertEqual(doc.properties.company, "A公司")
        XCTAssertEqual(doc.properties.created, "2023-03-31T00:00:00Z")
    }

    func testSheetPasswordProtectsEverySheet() throws {
        let (doc, _) = try financeDocument(options: ReportOptions(sheetPassword: "s3cret"))
        for name in doc.sheetNames {
            let sheet = try doc.sheet(name)
            XCTAssertTrue(sheet.isProtected, name)
            XCTAssertNotNil(sheet.protectionPasswordHash, name)
        }
        XCTAssertFalse(ReportOptions(sheetPassword: "s3cret").description.contains("s3cret"))
        let (plain, _) = try financeDocument(name: "plain.xlsx")
        XCTAssertFalse(try plain.sheet("报销汇总").isProtected)
    }

    func testWrittenWorkbookControlFiguresAgreeWithTheFileReadBack() throws {
        let (doc, written) = try financeDocument()
        let problems = written.verify { sheet, ref in try doc.cell(sheet: sheet, ref: ref)?.number }
        XCTAssertEqual(problems, [])
        let reimbursement = try XCTUnwrap(written.sheets(key: FinanceWorkbook.Key.reimbursement).first)
        XCTAssertEqual(reimbursement.dataRows, 4)
        XCTAssertEqual(reimbursement.total("实付"), .money(yuan("885.85")))
        XCTAssertEqual(reimbursement.subtotal("销售二部 小计", "应报销"), .money(yuan("840.25")))
        XCTAssertEqual(written.sheets(key: FinanceWorkbook.Key.expenseLines).first?.dataRows, 4)
        XCTAssertEqual(written.sheets(key: FinanceWorkbook.Key.rejectedRows).first?.dataRows, 2)
        // A tampered figure is caught.
        let tampered = written.verify { sheet, ref in
            sheet == "报销汇总" && ref == "Q9" ? 885.84 : try doc.cell(sheet: sheet, ref: ref)?.number
        }
        XCTAssertEqual(tampered.count, 1)
    }

    func testDetailSheetContinuesOnASecondSheetPastTheRowLimit() throws {
        // 4 rows per sheet: header + 2 lines + totals.
        let (doc, written) = try financeDocument(options: ReportOptions(maxRowsPerSheet: 4))
        XCTAssertTrue(doc.sheetNames.contains("费用明细 (2)"))
        XCTAssertEqual(doc.sheetNames.firstIndex(of: "费用明细 (2)"), doc.sheetNames.firstIndex(of: "费用明细")! + 1)
        XCTAssertEqual(try text(doc, "费用明细 (2)", "A1"), "文件")
        XCTAssertEqual(try number(doc, "费用明细 (2)", "B2"), 4)     // third line (file line 4)
        try assertMoney(doc, "费用明细", "L4", "1360.00")            // 160.00 + 1200.00
        try assertMoney(doc, "费用明细 (2)", "L4", "1100.50")        // 300.00 + 800.50
        let parts = written.sheets(key: FinanceWorkbook.Key.expenseLines)
        XCTAssertEqual(parts.map(\.dataRows), [2, 2])
        XCTAssertEqual(parts.map(\.part), [1, 2])
        XCTAssertEqual(written.verify { s, ref in try doc.cell(sheet: s, ref: ref)?.number }, [])
    }

    func testQuarterSheetShowsTheBlockCodeAsANote() throws {
        let incomplete = QuarterBlock(year: 2023, quarter: 1, codes: ["QTR-INCOMPLETE"], employees: [])
        let (doc, _) = try financeDocument(Fixture.result(quarter: incomplete))
        XCTAssertTrue(doc.sheetNames.contains("季度考核"))
        XCTAssertEqual(try text(doc, "季度考核", "A1"), "2023-Q1 季度考核")
        XCTAssertEqual(try text(doc, "季度考核", "A2"), "QTR-INCOMPLETE：本季度有月份尚未结账，本季度暂不考核")
        XCTAssertEqual(try text(doc, "季度考核", "A3"), "员工编号")
        XCTAssertEqual(try doc.sheet("季度考核").pane?.ySplit, 3)

        let assessed = QuarterBlock(year: 2023, quarter: 1, codes: [], employees: [
            QuarterEmployee(employeeId: "E002", attainment: 0.75, assessed: true, nextPayFactor: Rate(num: 8, den: 10),
                            codes: ["QTR-CUT"], remitted: yuan("112500.00"), target: yuan("150000.00"), newOutlets: 2,
                            newOutletsTarget: 3),
        ])
        let (doc2, _) = try financeDocument(Fixture.result(quarter: assessed), name: "q.xlsx")
        XCTAssertEqual(try text(doc2, "季度考核", "A3"), "E002")
        XCTAssertEqual(try text(doc2, "季度考核", "B3"), "李娜")
        XCTAssertEqual(try number(doc2, "季度考核", "E3"), 0.75)
        XCTAssertEqual(try number(doc2, "季度考核", "I3"), 0.8)
        XCTAssertEqual(try text(doc2, "季度考核", "K3"), "未完成季度考核指标的80%，下季度的工资按80%计发")
        XCTAssertFalse(try doc2.sheet("季度考核").conditionalFormats.isEmpty)
    }

    func testYearEndSheetInDecember() throws {
        var r = Fixture.result()
        r.year = YearBlock(year: 2023, codes: [], employees: [
            YearEmployee(employeeId: "E002", attainment: 1.2, rate: Rate(num: 25, den: 1000), yearTotal: yuan("18000.00"),
                         paid: yuan("12000.00"), bonus: yuan("6000.00"), codes: ["YR-BONUS"], remitted: yuan("720000.00"),
                         target: yuan("600000.00")),
            YearEmployee(employeeId: "E001", attainment: nil, rate: nil, yearTotal: nil, paid: nil, bonus: nil, codes: [],
                         remitted: yuan("0.00"), target: yuan("0.00")),
        ])
        let (doc, _) = try financeDocument(r, options: ReportOptions(lang: .en))
        let s = "Year-end bonus"
        XCTAssertTrue(doc.sheetNames.contains(s))
        XCTAssertEqual(try text(doc, s, "A1"), "Year-end bonus 2023")
        XCTAssertEqual(try text(doc, s, "A3"), "E002")
        XCTAssertEqual(try number(doc, s, "E3"), 1.2)     // 720000.00 / 600000.00
        XCTAssertEqual(try number(doc, s, "F3"), 0.025)
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "F3"), "0.0%")
        try assertMoney(doc, s, "I3", "6000.00")
        XCTAssertNil(try doc.cell(sheet: s, ref: "E4"))   // no target: no attainment
        XCTAssertEqual(try text(doc, s, "A5"), "Total")
        try assertMoney(doc, s, "G5", "18000.00")
        try assertMoney(doc, s, "I5", "6000.00")
    }

    func testChangesSheetOnlyAfterAReopen() throws {
        let (doc, _) = try financeDocument()
        XCTAssertFalse(doc.sheetNames.contains("重开差异"))
        let changes = [ChangeRow(employeeId: "E002", field: "实付", before: .money(yuan("250.00")), after: .money(yuan("300.00")))]
        let (doc2, _) = try financeDocument(name: "reopen.xlsx", changes: changes)
        XCTAssertEqual(doc2.sheetNames.last, "重开差异")
        XCTAssertEqual(try text(doc2, "重开差异", "B2"), "李娜")
        try assertMoney(doc2, "重开差异", "F2", "50.00")
    }
}
