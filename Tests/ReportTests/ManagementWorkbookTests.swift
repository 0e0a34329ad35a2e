import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report
import XlsxWriter

final class ManagementWorkbookTests: ReportTestCase {
    let zhSheets = ["仪表盘", "分部门达成", "分区域达成", "分产品销售", "分客户应收", "分人员达成", "考勤出差", "计划与拜访", "稽核"]
    let enSheets = [
        "Dashboard", "By department", "By region", "By product", "By customer", "By employee", "Travel",
        "Plans & activity", "Audit flags"
    ]

    func testFileNameCarriesThePeriod() {
        XCTAssertEqual(ManagementWorkbook.fileName(Period(year: 2023, month: 3)!), "management-2023-03.xlsx")
    }

    func testSheetsAreChineseByDefaultEnglishWithLangEnAndValidInBoth() throws {
        let (zh, _) = try managementDocument()
        XCTAssertEqual(zh.sheetNames, zhSheets)
        let (en, _) = try managementDocument(lang: .en)
        XCTAssertEqual(en.sheetNames, enSheets)
        for lang in Lang.allCases {
            let names = ManagementWorkbook.sheetNames.values.map { $0(lang) } + RegionWorkbooks.sheetNames.values.map { $0(lang) }
            for name in names { XCTAssertNil(Workbook.sheetNameProblem(name, existing: []), name) }
            for set in [ManagementWorkbook.sheetNames, RegionWorkbooks.sheetNames] {
                let list = set.values.map { $0(lang).lowercased() }
                XCTAssertEqual(Set(list).count, list.count, "unique ignoring case")
            }
        }
        XCTAssertEqual(try text(zh, "分区域达成", "E2"), "回款达成率")
        XCTAssertEqual(try text(en, "By region", "E2"), "Remittance attainment")
    }

    func testQuarterEndAddsTheReviewWithoutPayFactor() throws {
        let (doc, _) = try managementDocument(ManagementFixture.result(quarter: true))
        XCTAssertEqual(doc.sheetNames.last, "季度考核")
        let s = "季度考核"
        // Row 1 the title, row 2 the note, row 3 the header, rows 4–6 the employees, row 7 the totals.
        XCTAssertEqual(try text(doc, s, "A4"), "E001")
        XCTAssertEqual(try text(doc, s, "J4"), "QTR-CUT, QTR-REVIEW")
        // The outcome without its pay consequence: no pay ratio in a management book.
        XCTAssertEqual(try text(doc, s, "K4"), "未完成季度考核指标的80%；连续两个季度未完成考核指标的80%，给予调离、辞退或降级")
        XCTAssertFalse(try doc.sheet(s).cells.values.contains { ($0.text ?? "").contains("计发") || ($0.text ?? "").contains("工资") })
        XCTAssertEqual(try number(doc, s, "G4"), 0.7)
        XCTAssertNil(try doc.cell(sheet: s, ref: "G5"), "not assessed: no attainment")
        XCTAssertEqual(try text(doc, s, "J6"), "QTR-RESTORED, QTR-PROMOTE")
        let headers = try (0..<12).compactMap { try text(doc, s, Worksheet.cellName(row: 2, col: $0)) }
        XCTAssertFalse(headers.contains { $0.contains("工资") || $0.contains("比例") }, "\(headers)")
        // 0.8 (E001's next pay factor) is nowhere on the sheet.
        XCTAssertFalse(try doc.sheet(s).cells.values.contains { $0.number == 0.8 })
    }

    // MARK: Dashboard = the sheets' totals

    func testDashboardFiguresAreFormulasOnTheDetailSheetsTotals() throws {
        let (doc, written) = try managementDocument()
        let d = "仪表盘"
        // Row 1 the title, row 2 the note, row 3 the header, the figures from row 4.
        let expected: [(row: Int, label: String, formula: String?, value: Double)] = [
            (4, "销售额", "'分人员达成'!$K$6", 36111.10),  // 5000 + 12000 + 8000 + 7777.77 + 3333.33
            (5, "销售指标", "'分人员达成'!$J$6", 40000),
            (7, "回款额", "'分人员达成'!$G$6", 25555.55),  // 14000 + 6000 + 5555.55
            (8, "回款指标", "'分人员达成'!$F$6", 35000),
            (10, "期末应收账款", "'分客户应收'!$G$6", 12055.55),  // 7166.66 + 3000 + 1888.89
            (11, "新开网点", "'分人员达成'!$O$6", 2),
            (12, "出差天数", "'考勤出差'!$E$6", 40),
            (13, "核实出差天数", "'考勤出差'!$F$6", 39),
            (14, "核准报销", "'考勤出差'!$J$6", 2320.25)  // 1380 + 300 + 640.25
        ]
        for e in expected {
            XCTAssertEqual(try text(doc, d, "A\(e.row)"), e.label)
            let cell = try XCTUnwrap(doc.cell(sheet: d, ref: "B\(e.row)"))
            XCTAssertEqual(cell.formula, e.formula, e.label)
            XCTAssertEqual(try XCTUnwrap(cell.number), e.value, accuracy: 0.001, e.label)
            // The referenced total holds the same value, and is itself a SUM over its column.
            let target = try XCTUnwrap(e.formula)
            let sheet = String(target.split(separator: "!")[0].dropFirst().dropLast())
            let ref = target.split(separator: "!")[1].replacingOccurrences(of: "$", with: "")
            let total = try XCTUnwrap(doc.cell(sheet: sheet, ref: ref), target)
            XCTAssertEqual(total.number, cell.number, target)
            XCTAssertTrue(total.formula?.hasPrefix("SUBTOTAL(9,") ?? false, target)  // filtered sheets: SUBTOTAL
        }
        XCTAssertEqual(try doc.numberFormat(sheet: d, ref: "B4"), "¥#,##0.00")
        // Attainment: remitted / target of the two cells above, as a percentage.
        XCTAssertEqual(try XCTUnwrap(number(doc, d, "B9")), 25555.55 / 35000, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(number(doc, d, "B6")), 36111.10 / 40000, accuracy: 1e-9)
        XCTAssertEqual(try doc.numberFormat(sheet: d, ref: "B9"), "0.0%")
        XCTAssertEqual(try text(doc, d, "E9"), "回款额 ÷ 回款指标")
        XCTAssertEqual(try doc.cell(sheet: d, ref: "B9")?.formula, "B7/B8")  // a formula of the two figures above
        XCTAssertEqual(try text(doc, d, "E4"), "分人员达成 · 合计 · 销售额")  // sources in words, not references
        XCTAssertNil(try doc.cell(sheet: d, ref: "C4"), "no closed month before: no last month")
        XCTAssertEqual(try number(doc, d, "B15"), 1)  // audit
        XCTAssertEqual(try number(doc, d, "B16"), 1)  // travel low
        XCTAssertEqual(try number(doc, d, "B17"), 1)  // week without plan
        // The renderer's own read-back agrees with the file.
        XCTAssertEqual(written.verify { sheet, ref in try doc.cell(sheet: sheet, ref: ref)?.number }, [])
    }

    func testRegionAndDepartmentSumTheirEmployeesTargets() throws {
        let (doc, _) = try managementDocument()
        let s = "分区域达成"
        XCTAssertEqual(try text(doc, s, "A3"), "华东")
        try assertMoney(doc, s, "C3", "25000.00")  // 20000 + 5000
        try assertMoney(doc, s, "D3", "20000.00")
        XCTAssertEqual(try number(doc, s, "E3"), 0.8)
        XCTAssertEqual(try doc.cell(sheet: s, ref: "F3")?.formula, "D3-C3")
        try assertMoney(doc, s, "F3", "-5000.00")
        try assertMoney(doc, s, "G3", "30000.00")
        XCTAssertEqual(try XCTUnwrap(number(doc, s, "I4")), 1.111110, accuracy: 1e-9)
        try assertMoney(doc, s, "F5", "-9444.45")  // −5000 + (5555.55 − 10000)
        XCTAssertEqual(try text(doc, "分部门达成", "A3"), "销售一部")
        XCTAssertEqual(try number(doc, "分部门达成", "B3"), 2)
        // Products: share of sales, largest first.
        XCTAssertEqual(try text(doc, "分产品销售", "A3"), "复合肥")
        try assertMoney(doc, "分产品销售", "D3", "16333.33")
        XCTAssertEqual(try number(doc, "分产品销售", "C3"), 163)
        XCTAssertEqual(try XCTUnwrap(number(doc, "分产品销售", "E3")), 16333.33 / 36111.10, accuracy: 1e-9)
        // Customers: largest receivable first, across regions.
        XCTAssertEqual(try text(doc, "分客户应收", "A3"), "C-SOUTH")
        XCTAssertEqual(try text(doc, "分客户应收", "C4"), "华东")
        XCTAssertEqual(try text(doc, "分客户应收", "C5"), "华东、华南")
    }

    func testAttainmentColumnsCarryRedAndGreenConditionalFormats() throws {
        let (doc, _) = try managementDocument()
        for (sheet, range) in [("分区域达成", "A3:L4"), ("分部门达成", "A3:L4"), ("分人员达成", "A3:Q5")] {
            let formats = try doc.sheet(sheet).conditionalFormats
            let rules = formats.filter { $0.range == range }.flatMap(\.rules).flatMap(\.formulas)
            XCTAssertTrue(rules.contains { $0.contains("<0.8") }, "\(sheet): \(formats)")
            XCTAssertTrue(rules.contains { $0.contains(">=1") }, "\(sheet): \(formats)")
        }
        // The sales attainment column colours its own cells.
        let region = try doc.sheet("分区域达成").conditionalFormats.map(\.range)
        XCTAssertTrue(region.contains("I3:I4"), "\(region)")
    }

    // MARK: Charts

    /// The 1-based row of the cell in column A holding `text` on a sheet.
    func row(_ doc: XlsxDocument, _ sheet: String, _ text: String) throws -> Int? {
        try doc.sheet(sheet).cells.values.first { $0.col == 0 && $0.text == text }.map { $0.row + 1 }
    }

    /// Point fills of a chart's series, as written: the srgbClr of each <c:dPt>, by point index.
    func pointFills(_ doc: XlsxDocument, _ part: String) throws -> [Int: String] {
        let xml = try doc.text(part: part)
        var out: [Int: String] = [:]
        for m in xml.matches(of: #/<c:dPt><c:idx val="(\d+)"/>.*?<a:srgbClr val="([0-9A-F]{6})"/>.*?</c:dPt>/#) {
            out[Int(m.1)!] = String(m.2)
        }
        return out
    }

    func testDashboardRanksRegionsAndColoursEachBarByItsBand() throws {
        let (doc, _) = try managementDocument()
        let d = "仪表盘"
        let charts = try doc.charts(sheet: d)
        XCTAssertEqual(charts.count, 4)  // regions, best ten, weakest ten, products
        let title = try XCTUnwrap(row(doc, d, "分区域回款达成（按达成率排序；红：低于80%，黄：80%–100%，绿：100%以上）"))
        let first = title + 2, last = first + 1  // two regions below the header
        XCTAssertEqual(charts[0].barDirection, "bar")
        XCTAssertEqual(charts[0].series.map(\.values), ["'仪表盘'!$F$\(first):$F$\(last)"])
        XCTAssertEqual(charts[0].series.map(\.categories), ["'仪表盘'!$B$\(first):$B$\(last)"])
        // Ranked by attainment, highest first; each bar's colour is its band's.
        let attainments = try (first...last).map { try XCTUnwrap(number(doc, d, "F\($0)")) }
        XCTAssertEqual(attainments, attainments.sorted(by: >))
        let fills = try pointFills(doc, charts[0].part)
        for (i, a) in attainments.enumerated() {
            XCTAssertEqual(fills[i], a < 0.8 ? "C00000" : a < 1 ? "FFC000" : "00B050", "bar \(i) at \(a)")
        }
        XCTAssertEqual(try text(doc, d, "B\(last + 1)"), "合计")
        XCTAssertEqual(try doc.cell(sheet: d, ref: "F\(last + 1)")?.formula, "E\(last + 1)/D\(last + 1)")
        let valueAxis = try XCTUnwrap(charts[0].axes.first { $0.kind == "valAx" })
        XCTAssertEqual(valueAxis.min, 0)
        XCTAssertEqual(valueAxis.numberFormat, "0%")
        XCTAssertGreaterThanOrEqual(valueAxis.max ?? 0, 1.2)
        // The best and the weakest, each at most ten, ordered.
        let best = try XCTUnwrap(row(doc, d, "人员回款达成前十名")), weakest = try XCTUnwrap(row(doc, d, "人员回款达成后十名"))
        let bestValues = try (best + 2..<weakest - 1).compactMap { try number(doc, d, "F\($0)") }
        XCTAssertFalse(bestValues.isEmpty)
        XCTAssertLessThanOrEqual(bestValues.count, 10)
        XCTAssertEqual(bestValues, bestValues.sorted(by: >))
        XCTAssertEqual(charts[1].series.first?.values, "'仪表盘'!$F$\(best + 2):$F$\(best + 1 + bestValues.count)")
        XCTAssertEqual(charts[3].series.map(\.values), ["'分产品销售'!$D$3:$D$5"])
        XCTAssertNotNil(try row(doc, d, "期末应收账款最多的十家客户"))
        XCTAssertNotNil(try row(doc, d, "新开网点（分区域）"))
    }

    func testNoChartHasMoreThanThirtyCategories() throws {
        var r = ManagementFixture.result()
        let template = r.employees[0]
        for i in 0..<45 {
            var e = template
            e.employeeId = "X\(i)"; e.name = "员工\(i)"; e.region = "区域\(i)"
            r.employees.append(e)
        }
        let (doc, _) = try managementDocument(r)
        for chart in try doc.charts(sheet: "仪表盘") {
            for s in chart.series {
                let range = try XCTUnwrap(s.values?.split(separator: "!").last).replacingOccurrences(of: "$", with: "")
                let rows = range.split(separator: ":").map { Int($0.drop { $0.isLetter })! }
                XCTAssertLessThanOrEqual(rows[1] - rows[0] + 1, 30, "\(chart.title ?? "") \(range)")
            }
        }
    }

    func testDashboardComparesWithLastMonthAndAddsTheTrend() throws {
        let trend = [
            TrendPoint(
                period: Period(year: 2023, month: 2)!, sales: yuan("30000.00"), remitted: yuan("20000.00"),
                target: yuan("30000.00"), salesTarget: yuan("40000.00"), newOutlets: 1, travelDays: 35),
            TrendPoint(
                period: Period(year: 2023, month: 1)!, sales: yuan("10000.00"), remitted: yuan("9000.00"),
                target: yuan("30000.00"))
        ]
        let (doc, _) = try managementDocument(trend: trend)
        let d = "仪表盘"
        // Last month and the change beside this month: 回款额 25,555.55 against February's 20,000.00.
        XCTAssertEqual(try text(doc, d, "A7"), "回款额")
        try assertMoney(doc, d, "C7", "20000.00")
        XCTAssertEqual(try doc.cell(sheet: d, ref: "D7")?.formula, "B7-C7")
        try assertMoney(doc, d, "D7", "5555.55")
        XCTAssertEqual(try XCTUnwrap(number(doc, d, "C9")), 20000.0 / 30000, accuracy: 1e-9)  // February's attainment
        XCTAssertEqual(try number(doc, d, "C11"), 1)  // February's new outlets
        let charts = try doc.charts(sheet: d)
        XCTAssertEqual(charts.count, 5)
        XCTAssertEqual(charts[4].types, ["lineChart"])
        let title = try XCTUnwrap(row(doc, d, "近几个月走势"))
        let jan = title + 2, mar = title + 4
        XCTAssertEqual(
            charts[4].series.map(\.values),
            [
                "'仪表盘'!$B$\(jan):$B$\(mar)", "'仪表盘'!$C$\(jan):$C$\(mar)",
                "'仪表盘'!$D$\(jan):$D$\(mar)"
            ])
        XCTAssertEqual(try text(doc, d, "A\(jan)"), "2023-01")
        XCTAssertEqual(try text(doc, d, "A\(mar)"), "2023-03")
        try assertMoney(doc, d, "C\(mar)", "25555.55")
    }

    // MARK: Audit and plans

    func testAuditSheetListsTheFlaggedEmployeeWithTheLinesBehind() throws {
        let (doc, _) = try managementDocument()
        let s = "稽核"
        XCTAssertEqual(try text(doc, s, "A3"), "E001")
        XCTAssertEqual(try text(doc, s, "E3"), "AUDIT")
        XCTAssertEqual(try text(doc, s, "F3"), "发现可能弄虚作假，报主管部门核查；expenses.csv:5 2023-03-15 杭州")
        // Row 3 blank, 4 title, 5 header, 6 the line, 7 its total.
        XCTAssertEqual(try text(doc, s, "A7"), "expenses.csv")
        XCTAssertEqual(try number(doc, s, "B7"), 5)
        XCTAssertEqual(try text(doc, s, "G7"), "杭州")
        try assertMoney(doc, s, "H7", "150.00")
        XCTAssertEqual(try text(doc, s, "J7"), "EXP-ROUTE-MISMATCH")
        XCTAssertEqual(try text(doc, s, "K7"), "出差行动路线、时间、地点与票据不符，不予报销，并报核查")
        // Row 8 blank, 9 title, 10 header, 11 the SAL-AMOUNT-MISMATCH line: 80 × 100.00 = 8000.00.
        XCTAssertEqual(try text(doc, s, "D12"), "SO-3")
        try assertMoney(doc, s, "L12", "8000.00")
    }

    func testPlanSheetShowsMissingWeeksAndActivity() throws {
        var r = ManagementFixture.result()
        r.hasVisits = true
        r.employees[1].workingDays = 20; r.employees[1].activityDaysMet = 15; r.employees[1].activityShare = 0.75
        r.employees[1].belowStandardDays = [day("2023-03-02")]
        let (doc, _) = try managementDocument(r)
        let s = "计划与拜访"
        XCTAssertEqual(try number(doc, s, "E3"), 1)
        XCTAssertEqual(try text(doc, s, "F3"), "2023-03-27")
        XCTAssertEqual(try number(doc, s, "G4"), 3)
        XCTAssertEqual(try number(doc, s, "J4"), 0.75)
        XCTAssertEqual(try doc.numberFormat(sheet: s, ref: "J4"), "0.0%")
        XCTAssertEqual(try text(doc, s, "L4"), "PLAN-ACTIVITY-LOW")
        let (noVisits, _) = try managementDocument(name: "b")
        XCTAssertEqual(try text(noVisits, s, "H2"), "代码")
    }

    // MARK: No pay

    func testNoPayFigureOrPayColumnAnywhere() throws {
        for lang in Lang.allCases {
            let (doc, _) = try managementDocument(ManagementFixture.result(quarter: true), lang: lang)
            let all = try everything(doc)
            for (sheet, cell) in all.cells {
                if let n = cell.number {
                    XCTAssertFalse(ManagementFixture.payAmounts.contains { abs($0 - n) < 0.001 }, "\(sheet)!\(cell.ref) = \(n)")
                }
            }
            // No pay column: none of the finance workbook's pay headers, in either language.
            let texts = Set(all.cells.compactMap { $0.cell.text })
            for header in ManagementFixture.payHeaders { XCTAssertFalse(texts.contains(header), header) }
            XCTAssertFalse(all.strings.contains("COM-"), "commission status codes stay in the finance workbook")
        }
    }

    private func managementDocument(_ r: CloseResult = ManagementFixture.result(), lang: Lang = .zh, name: String) throws -> (XlsxDocument, WrittenWorkbook) {
        let file = path(name + ".xlsx")
        let written = try ManagementWorkbook.write(r, to: file, options: ReportOptions(lang: lang))
        return (try XlsxDocument(path: file), written)
    }
}
