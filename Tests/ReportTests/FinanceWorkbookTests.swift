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
        XCTAssertEqual(
            doc.sheetNames,
            [
                "Reimbursement", "Expense lines", "Advances", "Adjustments", "Commission", "Pay",
                "Claim slips", "Pay slips", "Control totals", "Rejected rows"
            ])
        XCTAssertEqual(try text(doc, "Reimbursement", "A2"), "Employee ID")
        XCTAssertEqual(try text(doc, "Reimbursement", "A5"), "Subtotal 销售一部")
        XCTAssertEqual(try text(doc, "Reimbursement", "A9"), "Subtotal No department")
        XCTAssertEqual(try text(doc, "Expense lines", "N3"), "Reduced")
        XCTAssertEqual(try text(doc, "Expense lines", "Q4"), "Flight taken without the general manager's prior approval: denied")
    }

    func testMoneyCellsAreNumbersInYuanFormat() throws {
        let (doc, _) = try financeDocument()
        try assertMoney(doc, "报销汇总", "F3", "1560.00")  // E001 claimed
        try assertMoney(doc, "报销汇总", "K6", "840.25")  // E003 reimbursement
        try assertMoney(doc, "报销汇总", "J6", "-50.00")  // E003 reimbursement adjustment
        try assertMoney(doc, "报销汇总", "R3", "1120.00")  // E001 outstanding after
        try assertMoney(doc, "费用明细", "M6", "640.25")
        XCTAssertEqual(try doc.cell(sheet: "报销汇总", ref: "F3")?.type, nil)  // a number, not a string
    }

    func testDepartmentSubtotalsAndGrandTotalAreFormulasWithCachedSums() throws {
        let (doc, _) = try financeDocument()
        let s = "报销汇总"
        // Rows: 1 title, 2 header, 3 E001, 4 E002, 5 销售一部 subtotal, 6 E003, 7 销售二部 subtotal, 8 E004, 9 未分部门 subtotal, 10 total.
        XCTAssertEqual(try text(doc, s, "A5"), "销售一部 小计")
        XCTAssertEqual(try text(doc, s, "C5"), "销售一部")
        XCTAssertEqual(try text(doc, s, "A7"), "销售二部 小计")
        XCTAssertEqual(try text(doc, s, "A9"), "未分部门 小计")
        XCTAssertEqual(try text(doc, s, "C8"), "未分部门")
        XCTAssertEqual(try text(doc, s, "A10"), "合计")

        XCTAssertEqual(try doc.cell(sheet: s, ref: "F5")?.formula, "SUBTOTAL(9,F3:F4)")
        try assertMoney(doc, s, "F5", "1860.00")  // 1560.00 + 300.00
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F7")?.formula, "SUBTOTAL(9,F6:F6)")
        try assertMoney(doc, s, "F7", "800.50")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F10")?.formula, "SUBTOTAL(9,F3:F9)")
        try assertMoney(doc, s, "F10", "2706.10")  // 1560.00 + 300.00 + 800.50 + 45.60
        try assertMoney(doc, s, "G10", "2365.85")  // 1380.00 + 300.00 + 640.25 + 45.60
        try assertMoney(doc, s, "K5", "2180.00")  // 1880.00 + 300.00
        try assertMoney(doc, s, "K10", "3065.85")
        try assertMoney(doc, s, "P10", "2180.00")  // settled 1880.00 + 300.00
        try assertMoney(doc, s, "Q5", "300.00")
        try assertMoney(doc, s, "Q10", "885.85")  // 0 + 300.00 + 540.25 + 45.60 = 3065.85 − 2180.00
        XCTAssertEqual(try doc.cell(sheet: s, ref: "Q10")?.formula, "SUBTOTAL(9,Q3:Q9)")
        XCTAssertNil(try doc.cell(sheet: s, ref: "A11"))
    }

    func testPaySheetSubtotalsAndFactor() throws {
        let (doc, _) = try financeDocument()
        let s = "工资"
        // Rows: 1 title, 2 header, 3 E001, 4 E002, 5 销售一部 subtotal, 6 E003, 7 销售二部 subtotal, 8 total (E004 has no pay).
        XCTAssertEqual(try text(doc, s, "A3"), "E001")
        XCTAssertEqual(try text(doc, s, "E3"), "二级")
        try assertMoney(doc, s, "F3", "800.00")
        try assertMoney(doc, s, "G3", "1200.00")
        XCTAssertEqual(try number(doc, s, "H4"), 0.8)
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "H4"), "0.0%")
        try assertMoney(doc, s, "I4", "1200.00")  // 1500.00 × 0.8
        try assertMoney(doc, s, "M5", "4400.00")  // 2000.00 + 2400.00
        try assertMoney(doc, s, "M8", "6900.00")
        XCTAssertEqual(try text(doc, s, "A8"), "合计")
        XCTAssertEqual(try text(doc, s, "A9"), nil)
    }

    func testExpenseLinesCarryDecisionLateClaimAndReasons() throws {
        let (doc, _) = try financeDocument()
        let s = "费用明细"
        XCTAssertEqual(try text(doc, s, "A2"), "文件")
        XCTAssertEqual(try text(doc, s, "A3"), "expenses.csv")
        XCTAssertEqual(try number(doc, s, "B3"), 2)
        XCTAssertEqual(try text(doc, s, "E3"), "张伟")
        XCTAssertEqual(try number(doc, s, "F3"), 44991)  // 2023-03-06 as a date serial
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "F3"), "yyyy-mm-dd")
        XCTAssertEqual(try text(doc, s, "G3"), "住宿费")
        XCTAssertEqual(try text(doc, s, "H4"), "飞机")
        XCTAssertEqual(try text(doc, s, "N3"), "核减")
        XCTAssertEqual(try text(doc, s, "N4"), "不予报销")
        XCTAssertEqual(try text(doc, s, "N5"), "批准")
        XCTAssertEqual(try text(doc, s, "O5"), "是")
        XCTAssertEqual(try text(doc, s, "O3"), "否")
        XCTAssertEqual(try text(doc, s, "P6"), "EXP-NO-PLAN, EXP-LODGING-CAP")
        XCTAssertEqual(try text(doc, s, "Q6"), "未附《区域经理每周行动计划表》，一律不作报销；超过住宿标准，按标准报销")
        XCTAssertEqual(try text(doc, s, "K6"), "00123")  // ids keep every digit
        XCTAssertEqual(try text(doc, s, "A7"), "合计")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "L7")?.formula, "SUBTOTAL(9,L3:L6)")
        try assertMoney(doc, s, "L7", "2460.50")  // 160.00 + 1200.00 + 300.00 + 800.50
        try assertMoney(doc, s, "M7", "1080.25")  // 140.00 + 0 + 300.00 + 640.25
    }

    func testAdvancesAndAdjustments() throws {
        let (doc, _) = try financeDocument()
        XCTAssertEqual(try text(doc, "借款", "G3"), "+出差华东")  // a leading + stays text
        XCTAssertEqual(try text(doc, "借款", "H4"), "不予审批")
        XCTAssertEqual(try text(doc, "借款", "J5"), "非区域经理，不能以借款方式支取差旅费")
        try assertMoney(doc, "借款", "E6", "3300.00")
        try assertMoney(doc, "借款", "F6", "2000.00")
        // Adjustments by kind: 还款 (ADJ-1) then 报销调整 (ADJ-2, ADJ-3), each with a subtotal.
        let s = "调整"
        XCTAssertEqual(try text(doc, s, "A3"), "ADJ-1")
        XCTAssertEqual(try text(doc, s, "A4"), "还款 小计")
        try assertMoney(doc, s, "F4", "200.00")
        XCTAssertEqual(try text(doc, s, "A5"), "ADJ-2")
        XCTAssertEqual(try text(doc, s, "A7"), "报销调整 小计")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F7")?.formula, "SUBTOTAL(9,F5:F6)")
        try assertMoney(doc, s, "F7", "-30.00")
    }

    func testALeaversDeferredCommissionStaysVisibleAndThoseOutsidePayAreListed() throws {
        var r = Fixture.result()
        var leaver = EmployeeResult(
            employeeId: "E009", name: "孙强", region: "华东", department: "销售一部", role: .sales_rep,
            level: .numbered(3), active: false)
        leaver.commissionDeferredBefore = yuan("321.00"); leaver.commissionDeferredBalance = yuan("321.00")
        r.employees.append(leaver)
        let (doc, _) = try financeDocument(r)
        let rows = try doc.rows(sheet: "提成")
        let row = try XCTUnwrap(rows.first { $0.first??.text == "E009" }, "the leaver's deferred commission is on 提成")
        XCTAssertEqual(row[10]?.number, 321.00)
        XCTAssertTrue(row.compactMap { $0?.text }.contains { $0.contains("已离职") })
        // 赵敏 (an assistant, active, outside the pay roles) is listed below the pay table as such.
        let pay = try doc.rows(sheet: "工资")
        let title = try XCTUnwrap(pay.firstIndex { $0.first??.text?.hasPrefix("不在工资岗位") == true })
        XCTAssertEqual(pay[title + 2].first??.text, "E004")
        XCTAssertFalse(pay[(title + 1)...].contains { $0.first??.text == "E009" }, "one who has left is not listed as staff")
    }

    func testCommissionAttainmentIsPercentWithConditionalFills() throws {
        let (doc, _) = try financeDocument()
        let s = "提成"
        XCTAssertEqual(try text(doc, s, "A3"), "E001")
        XCTAssertEqual(try text(doc, s, "A5"), "E003")
        XCTAssertEqual(try number(doc, s, "G3")!, 0.7999, accuracy: 1e-12)
        XCTAssertEqual(try number(doc, s, "G4"), 1.0)
        XCTAssertNil(try doc.cell(sheet: s, ref: "G5"))  // no target: no attainment
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "G3"), "0.0%")
        try assertMoney(doc, s, "E6", "150000.00")
        try assertMoney(doc, s, "F6", "134990.00")
        try assertMoney(doc, s, "K6", "1699.80")  // 1599.80 + 0 + 100.00
        XCTAssertEqual(try text(doc, s, "N3"), "COM-DEFERRED")

        let formats = try doc.sheet(s).conditionalFormats
        // Whole rows coloured by the attainment in column G: red below 80%, green at or above 100%.
        let rules = formats.filter { $0.range == "A3:O5" }.flatMap(\.rules)
        XCTAssertEqual(rules.count, 2)
        let red = rules.first { $0.formulas.first == "AND(ISNUMBER($G3),$G3<0.8)" }
        let green = rules.first { $0.formulas.first == "AND(ISNUMBER($G3),$G3>=1)" }
        XCTAssertNotNil(red); XCTAssertNotNil(green)
        XCTAssertEqual(red.flatMap { $0.dxfId }.map { doc.differentialFormats[$0].fillColor }, "FFFFC7CE")
        XCTAssertEqual(green.flatMap { $0.dxfId }.map { doc.differentialFormats[$0].fillColor }, "FFC6EFCE")
    }

    func testHeaderFrozenBoldWithAutofilterAndPrintSetup() throws {
        let (doc, _) = try financeDocument()
        let sheet = try doc.sheet("报销汇总")
        XCTAssertEqual(sheet.pane?.ySplit, 2)  // the title row and the header
        XCTAssertEqual(sheet.pane?.xSplit, 0)
        XCTAssertEqual(try text(doc, "报销汇总", "A1"), "2023-03  报销汇总")  // the fixture's policy names no company
        XCTAssertEqual(sheet.pane?.state, "frozen")
        XCTAssertEqual(sheet.autofilter, "A2:R9")  // header to the last subtotal, not the total row
        XCTAssertEqual(sheet.pageSetup["orientation"], "landscape")
        XCTAssertEqual(sheet.pageSetup["fitToWidth"] ?? "1", "1")
        XCTAssertEqual(sheet.pageSetup["fitToHeight"], "0")
        XCTAssertTrue(sheet.fitToPage)
        XCTAssertTrue(doc.definedNames.contains { $0.name == "_xlnm.Print_Titles" && $0.value.hasSuffix("$2:$2") })
        let header = try XCTUnwrap(doc.cell(sheet: "报销汇总", ref: "A2"))
        XCTAssertTrue(doc.style(at: header.styleIndex)?.bold == true)
        // Widths fitted: the department column holds 4 CJK characters (width 8) and more.
        let widths = sheet.columns
        XCTAssertFalse(widths.isEmpty)
        XCTAssertTrue(widths.allSatisfy { ($0.width ?? 0) >= 6 })
        // Every printed page says what it is: the header names company, period and sheet; the footer period and pages.
        let xml = try doc.text(part: sheet.part)
        XCTAssertTrue(xml.contains("<oddHeader>&amp;C2023-03  报销汇总</oddHeader>"), xml)
        XCTAssertTrue(xml.contains("<oddFooter>&amp;L2023-03&amp;C第 &amp;P 页 / 共 &amp;N 页&amp;R报销汇总</oddFooter>"), xml)
    }

    func testRejectedRowRawTextIsWrittenAsTextNeverAFormula() throws {
        let (doc, _) = try financeDocument()
        let s = "退回行"
        XCTAssertEqual(try text(doc, s, "A3"), "expenses.csv")
        XCTAssertEqual(try number(doc, s, "B3"), 7)
        XCTAssertEqual(try text(doc, s, "C3"), "整行")
        XCTAssertEqual(try text(doc, s, "D3"), "ROW-UNKNOWN-EMPLOYEE")
        XCTAssertEqual(try text(doc, s, "E3"), "员工编号不在花名册内，本行退回")
        // The message in the book's language, the column named as the file names it; then the raw text.
        XCTAssertEqual(try text(doc, s, "F2"), "错误说明")
        XCTAssertEqual(try text(doc, s, "F3"), "员工编号\"E999\"不在花名册内")
        XCTAssertEqual(try text(doc, s, "G2"), "原始内容")
        XCTAssertEqual(try text(doc, s, "G3"), Fixture.rejectedRaw)
        XCTAssertNil(try doc.cell(sheet: s, ref: "G3")?.formula)
        XCTAssertEqual(try text(doc, s, "C4"), "金额")  // the column as the input file names it
        let (en, _) = try financeDocument(options: ReportOptions(lang: .en), name: "en.xlsx")
        XCTAssertEqual(try text(en, "Rejected rows", "F2"), "Message")
        XCTAssertEqual(try text(en, "Rejected rows", "F3"), "employee_id \"E999\" is not in the roster")
        XCTAssertEqual(try text(en, "Rejected rows", "C4"), "amount")
        XCTAssertEqual(try text(en, "Rejected rows", "G3"), Fixture.rejectedRaw)
        XCTAssertEqual(try number(doc, s, "B4"), 8)
        let xml = try doc.text(part: doc.sheet(s).part)
        XCTAssertFalse(xml.contains("<f>"))
        XCTAssertFalse(xml.contains("<f "))
    }

    func testControlTotalsReconcileRowsAndMoneyBothWays() throws {
        let (doc, _) = try financeDocument()
        let s = "控制总数"
        XCTAssertEqual(try text(doc, s, "A4"), "expenses.csv")
        XCTAssertEqual(try text(doc, s, "B4"), "报销")
        XCTAssertEqual(try text(doc, s, "C4"), "gb18030")
        XCTAssertEqual(try number(doc, s, "D4"), 7)
        XCTAssertEqual(try number(doc, s, "E4"), 4)
        XCTAssertEqual(try number(doc, s, "F4"), 2)
        XCTAssertEqual(try number(doc, s, "G4"), 1)
        XCTAssertEqual(try doc.cell(sheet: s, ref: "H4")?.formula, "D4-E4-F4-G4")
        XCTAssertEqual(try number(doc, s, "H4"), 0)
        XCTAssertEqual(try number(doc, s, "I4"), 1)  // one money cell did not parse
        // Totals: rows 4 + 7 + 3, accepted 4 + 4 + 3.
        XCTAssertEqual(try text(doc, s, "A6"), "合计")
        XCTAssertEqual(try number(doc, s, "D6"), 14)
        XCTAssertEqual(try number(doc, s, "E6"), 11)
        XCTAssertEqual(try number(doc, s, "F6"), 2)
        XCTAssertEqual(try number(doc, s, "G6"), 1)
        XCTAssertEqual(try number(doc, s, "H6"), 0)
        XCTAssertEqual(try doc.cell(sheet: s, ref: "D6")?.formula, "SUBTOTAL(9,D3:D5)")
        // Money summed both ways: row 7 title, row 8 header, row 9 expenses amount, row 10 advances amount.
        XCTAssertEqual(try text(doc, s, "A10"), "expenses.csv")
        XCTAssertEqual(try text(doc, s, "B10"), "金额")
        try assertMoney(doc, s, "C10", "2460.50")
        try assertMoney(doc, s, "D10", "99.99")
        try assertMoney(doc, s, "E10", "2560.49")  // 2460.50 + 99.99
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F10")?.formula, "E10-C10-D10")
        try assertMoney(doc, s, "F10", "0.00")
        try assertMoney(doc, s, "C11", "3300.00")
        try assertMoney(doc, s, "E11", "3300.00")
    }

    /// The row of a slip whose first cell is `label`, as a 1-based row number.
    func slipRow(_ doc: XlsxDocument, _ sheet: String, _ slip: Range<Int>, _ label: String) throws -> Int? {
        for r in slip where try text(doc, sheet, "A\(r + 1)") == label { return r + 1 }
        return nil
    }

    func testClaimSlipAddsUpOnItsFaceWithLinesReasonsWordsAndSignatures() throws {
        let (doc, written) = try financeDocument()
        let s = "报销单"
        let sheet = try XCTUnwrap(written.sheets(key: FinanceWorkbook.Key.claimSlips).first)
        XCTAssertEqual(sheet.slips.count, 4)  // E001–E004 each have a claim slip
        XCTAssertEqual(try text(doc, s, "A1"), "2023-03  报销单")  // the sheet's title row
        let e1 = sheet.slips[0]
        let top = e1.lowerBound + 1
        XCTAssertEqual(try text(doc, s, "A\(top)"), "报销单  E001  张伟  销售一部  华东")
        XCTAssertEqual(try text(doc, s, "D\(top + 1)"), "申请金额")
        XCTAssertEqual(try text(doc, s, "E\(top + 1)"), "核准金额")
        // The lines: claimed and approved, the reason for each cut in words.
        try assertMoney(doc, s, "D\(top + 2)", "160.00")
        try assertMoney(doc, s, "E\(top + 2)", "140.00")
        XCTAssertEqual(try text(doc, s, "F\(top + 2)"), "超过住宿标准，按标准报销")
        try assertMoney(doc, s, "E\(top + 3)", "0.00")
        XCTAssertEqual(try text(doc, s, "F\(top + 3)"), "乘坐飞机未事先请示总经理批准，不予报销")
        XCTAssertEqual(try doc.cell(sheet: s, ref: "D\(top + 4)")?.formula, "SUM(D\(top + 2):D\(top + 3))")
        try assertMoney(doc, s, "D\(top + 4)", "1560.00")
        // The settlement adds up on its face.
        let reimb = try XCTUnwrap(slipRow(doc, s, e1, "应报销"))
        XCTAssertEqual(
            try doc.cell(sheet: s, ref: "E\(reimb)")?.formula,
            "MAX(0,E\(reimb - 4)+E\(reimb - 3)-E\(reimb - 2)+E\(reimb - 1))")
        try assertMoney(doc, s, "E\(reimb)", "1880.00")
        let after = try XCTUnwrap(slipRow(doc, s, e1, "期末借款余额"))
        let before = try XCTUnwrap(slipRow(doc, s, e1, "期初借款余额"))
        let settled = try XCTUnwrap(slipRow(doc, s, e1, "减：冲借款"))
        let repaid = try XCTUnwrap(slipRow(doc, s, e1, "减：还款"))
        let writtenOff = try XCTUnwrap(slipRow(doc, s, e1, "减：核销"))
        let advances = try XCTUnwrap(slipRow(doc, s, e1, "加：本月借款"))
        XCTAssertEqual(
            try doc.cell(sheet: s, ref: "E\(after)")?.formula,
            "E\(before)+E\(advances)-E\(settled)-E\(repaid)-E\(writtenOff)")
        // 1000.00 + 2000.00 − 1880.00 − 0 − 0
        try assertMoney(doc, s, "E\(after)", "1120.00")
        let net = try XCTUnwrap(slipRow(doc, s, e1, "实付"))
        XCTAssertEqual(try doc.cell(sheet: s, ref: "E\(net)")?.formula, "E\(reimb)-E\(settled)")
        let words = try XCTUnwrap(slipRow(doc, s, e1, "实付（人民币大写）"))
        XCTAssertEqual(try text(doc, s, "E\(words)"), "零元整")
        let sign = e1.upperBound
        XCTAssertEqual(try text(doc, s, "A\(sign)"), "报销人：")
        XCTAssertEqual(try text(doc, s, "C\(sign)"), "部门经理：")
        XCTAssertEqual(try text(doc, s, "E\(sign)"), "财务：")
        XCTAssertEqual(try text(doc, s, "F\(sign)"), "总经理：")
        // E003 repaid 200.00 of 500.00 and set 300.00 against the rest: 500 + 0 − 300 − 200 − 0 = 0.
        let e3 = sheet.slips[2]
        let repaid3 = try XCTUnwrap(slipRow(doc, s, e3, "减：还款"))
        try assertMoney(doc, s, "E\(repaid3)", "200.00")
        try assertMoney(doc, s, "E\(try XCTUnwrap(slipRow(doc, s, e3, "期末借款余额")))", "0.00")
        let words3 = try XCTUnwrap(slipRow(doc, s, e3, "实付（人民币大写）"))
        XCTAssertEqual(try text(doc, s, "E\(words3)"), "伍佰肆拾元贰角伍分")
        XCTAssertNil(try doc.sheet(s).autofilter)
        XCTAssertEqual(written.verify { sh, ref in try doc.cell(sheet: sh, ref: ref)?.number }, [])
    }

    func testPaySlipShowsAttainmentCommissionWithWhyFactorAndWhatMakesGrossPay() throws {
        let (doc, written) = try financeDocument()
        let s = "工资条"
        let sheet = try XCTUnwrap(written.sheets(key: FinanceWorkbook.Key.paySlips).first)
        XCTAssertEqual(sheet.slips.count, 3)  // E004 has no pay
        let e1 = sheet.slips[0], e2 = sheet.slips[1]
        let att = try XCTUnwrap(slipRow(doc, s, e1, "完成率"))
        XCTAssertEqual(try number(doc, s, "B\(att)"), 0.7999)
        let settled1 = try XCTUnwrap(slipRow(doc, s, e1, "结算提成"))
        try assertMoney(doc, s, "B\(settled1)", "0.00")
        XCTAssertEqual(try text(doc, s, "C\(settled1)"), "未完成当月回款指标的80%，暂不结算当月提成，待完成80%以上后累计结算")
        let deferred1 = try XCTUnwrap(slipRow(doc, s, e1, "暂不结算提成余额"))
        try assertMoney(doc, s, "B\(deferred1)", "1599.80")
        let factor2 = try XCTUnwrap(slipRow(doc, s, e2, "工资计发比例"))
        XCTAssertEqual(try number(doc, s, "B\(factor2)"), 0.8)
        XCTAssertTrue(try text(doc, s, "C\(factor2)")?.contains("季度考核") == true)
        let gross2 = try XCTUnwrap(slipRow(doc, s, e2, "应发工资"))
        let paid2 = try XCTUnwrap(slipRow(doc, s, e2, "底薪计发"))
        XCTAssertEqual(try doc.cell(sheet: s, ref: "B\(paid2)")?.formula, "ROUND((B\(paid2 - 3)+B\(paid2 - 2))*B\(paid2 - 1),2)")
        try assertMoney(doc, s, "B\(paid2)", "1200.00")  // (800 + 700) × 0.8
        try assertMoney(doc, s, "B\(gross2)", "2400.00")  // 1200 + 1200 settled
        XCTAssertEqual(try text(doc, s, "A\(e2.upperBound)"), "员工签字：")
        XCTAssertEqual(written.verify { sh, ref in try doc.cell(sheet: sh, ref: ref)?.number }, [])
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
            sheet == "报销汇总" && ref == "Q10" ? 885.84 : try doc.cell(sheet: sheet, ref: ref)?.number
        }
        XCTAssertEqual(tampered.count, 1)
    }

    func testDetailSheetContinuesOnASecondSheetPastTheRowLimit() throws {
        // 5 rows per sheet: title + header + 2 lines + totals.
        let (doc, written) = try financeDocument(options: ReportOptions(maxRowsPerSheet: 5))
        XCTAssertTrue(doc.sheetNames.contains("费用明细 (2)"))
        XCTAssertEqual(doc.sheetNames.firstIndex(of: "费用明细 (2)"), doc.sheetNames.firstIndex(of: "费用明细")! + 1)
        XCTAssertEqual(try text(doc, "费用明细 (2)", "A2"), "文件")
        XCTAssertEqual(try number(doc, "费用明细 (2)", "B3"), 4)  // third line (file line 4)
        try assertMoney(doc, "费用明细", "L5", "1360.00")  // 160.00 + 1200.00
        try assertMoney(doc, "费用明细 (2)", "L5", "1100.50")  // 300.00 + 800.50
        let parts = written.sheets(key: FinanceWorkbook.Key.expenseLines)
        XCTAssertEqual(parts.map(\.dataRows), [2, 2])
        XCTAssertEqual(parts.map(\.part), [1, 2])
        XCTAssertEqual(written.verify { s, ref in try doc.cell(sheet: s, ref: ref)?.number }, [])
    }

    func testQuarterSheetShowsTheBlockCodeAsANote() throws {
        let incomplete = QuarterBlock(year: 2023, quarter: 1, codes: ["QTR-INCOMPLETE"], employees: [])
        let (doc, _) = try financeDocument(Fixture.result(quarter: incomplete))
        XCTAssertTrue(doc.sheetNames.contains("季度考核"))
        XCTAssertEqual(try text(doc, "季度考核", "A2"), "2023-Q1 季度考核")
        XCTAssertEqual(try text(doc, "季度考核", "A3"), "QTR-INCOMPLETE：本季度有月份尚未结账，本季度暂不考核")
        XCTAssertEqual(try text(doc, "季度考核", "A4"), "员工编号")
        XCTAssertEqual(try doc.sheet("季度考核").pane?.ySplit, 4)

        let assessed = QuarterBlock(
            year: 2023, quarter: 1, codes: [],
            employees: [
                QuarterEmployee(
                    employeeId: "E002", attainment: 0.75, assessed: true, nextPayFactor: Rate(num: 8, den: 10),
                    codes: ["QTR-CUT"], remitted: yuan("112500.00"), target: yuan("150000.00"), newOutlets: 2,
                    newOutletsTarget: 3)
            ])
        let (doc2, _) = try financeDocument(Fixture.result(quarter: assessed), name: "q.xlsx")
        XCTAssertEqual(try text(doc2, "季度考核", "A4"), "E002")
        XCTAssertEqual(try text(doc2, "季度考核", "B4"), "李娜")
        XCTAssertEqual(try number(doc2, "季度考核", "E4"), 0.75)
        XCTAssertEqual(try number(doc2, "季度考核", "I4"), 0.8)
        XCTAssertEqual(try text(doc2, "季度考核", "K4"), "未完成季度考核指标的80%，下季度的工资按80%计发")
        XCTAssertFalse(try doc2.sheet("季度考核").conditionalFormats.isEmpty)
    }

    func testYearEndSheetInDecember() throws {
        var r = Fixture.result()
        r.year = YearBlock(
            year: 2023, codes: [],
            employees: [
                YearEmployee(
                    employeeId: "E002", attainment: 1.2, rate: Rate(num: 25, den: 1000), yearTotal: yuan("18000.00"),
                    paid: yuan("12000.00"), bonus: yuan("6000.00"), codes: ["YR-BONUS"], remitted: yuan("720000.00"),
                    target: yuan("600000.00")),
                YearEmployee(
                    employeeId: "E001", attainment: nil, rate: nil, yearTotal: nil, paid: nil, bonus: nil, codes: [],
                    remitted: yuan("0.00"), target: yuan("0.00"))
            ])
        let (doc, _) = try financeDocument(r, options: ReportOptions(lang: .en))
        let s = "Year-end bonus"
        XCTAssertTrue(doc.sheetNames.contains(s))
        XCTAssertEqual(try text(doc, s, "A2"), "Year-end bonus 2023")
        XCTAssertEqual(try text(doc, s, "A4"), "E002")
        XCTAssertEqual(try number(doc, s, "E4"), 1.2)  // 720000.00 / 600000.00
        XCTAssertEqual(try number(doc, s, "F4"), 0.025)
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "F4"), "0.0%")
        try assertMoney(doc, s, "I4", "6000.00")
        XCTAssertNil(try doc.cell(sheet: s, ref: "E5"))  // no target: no attainment
        XCTAssertEqual(try text(doc, s, "A6"), "Total")
        try assertMoney(doc, s, "G6", "18000.00")
        try assertMoney(doc, s, "I6", "6000.00")
    }

    func testChangesSheetOnlyAfterAReopen() throws {
        let (doc, _) = try financeDocument()
        XCTAssertFalse(doc.sheetNames.contains("重开差异"))
        let changes = [ChangeRow(employeeId: "E002", field: "实付", before: .money(yuan("250.00")), after: .money(yuan("300.00")))]
        let (doc2, _) = try financeDocument(name: "reopen.xlsx", changes: changes)
        XCTAssertEqual(doc2.sheetNames.last, "重开差异")
        XCTAssertEqual(try text(doc2, "重开差异", "B3"), "李娜")
        XCTAssertEqual(try text(doc2, "重开差异", "C3"), "实付")
        try assertMoney(doc2, "重开差异", "F3", "50.00")
        // A summary field name reads as the sheets name it.
        let (doc3, _) = try financeDocument(
            name: "reopen2.xlsx",
            changes: [
                ChangeRow(employeeId: "E002", field: "gross_pay", before: .money(yuan("1.00")), after: .money(yuan("2.00")))
            ])
        XCTAssertEqual(try text(doc3, "重开差异", "C3"), "应发工资")
    }
}
