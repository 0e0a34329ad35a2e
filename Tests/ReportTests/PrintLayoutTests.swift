import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report

/// What a printed page shows: no number wider than its column, no slip across a page break.
final class PrintLayoutTests: ReportTestCase {

    // MARK: Numbers fit their columns

    /// A number as Excel shows it in one of the workbooks' formats (independent of the layout's own measure).
    func formatted(_ value: Double, _ format: String?) -> String { NumberText.shown(value, format: format) }

    /// Every numeric cell (formula caches included) of every sheet, as formatted, fits its column with a
    /// character to spare; bold text counted 10% wider.
    func assertNumbersFit(_ doc: XlsxDocument, file: StaticString = #filePath, line: UInt = #line) throws {
        var checked = 0
        for name in doc.sheetNames {
            let sheet = try doc.sheet(name)
            for cell in sheet.cells.values {
                guard cell.type == nil || cell.type == "n", let value = cell.number else { continue }
                let format = try doc.numberFormat(sheet: name, ref: cell.ref)
                let bold = doc.style(at: cell.styleIndex)?.bold == true
                let width = Double(formatted(value, format).count) * (bold ? 1.1 : 1)
                let column = sheet.columns.first { $0.min <= cell.col + 1 && cell.col + 1 <= $0.max }?.width ?? 8.43
                XCTAssertLessThanOrEqual(
                    width, column - 1, "\(name)!\(cell.ref) \(formatted(value, format)) in a column \(column) wide",
                    file: file, line: line)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0, file: file, line: line)
    }

    func testNoNumberIsWiderThanItsColumnInAnyWorkbook() throws {
        // Large totals in bold: the widest figures are the totals rows'.
        var r = Fixture.result()
        for i in r.employees.indices { r.employees[i].reimbursement = r.employees[i].reimbursement + yuan("98765432.10") }
        let (finance, _) = try financeDocument(r)
        try assertNumbersFit(finance)
        let (management, _) = try managementDocument()
        try assertNumbersFit(management)
    }

    func testTotalsRowWidensItsColumn() {
        // One data row of ¥9,999,999.99 (13 characters); the bold total of two is ¥19,999,999.98 (14 × 1.1).
        let sheet = SheetModel(
            key: "s", name: "S",
            table: TableModel(
                columns: [ColumnModel("项", .text), ColumnModel("金额", .money)],
                rows: [[.text("a"), .money(yuan("9999999.99"))], [.text("b"), .money(yuan("9999999.99"))]],
                totals: TotalsSpec(label: "合计")))
        let widths = Layout.fitWidths(sheet)
        XCTAssertGreaterThanOrEqual(widths[1], 14 * 1.1 + 1)
        XCTAssertLessThanOrEqual(widths[1], (14 * 1.1).rounded(.up) + 2)  // no wider than its widest value plus two
    }

    func testLongTextWrapsInABoundedColumn() throws {
        let long = String(repeating: "超过住宿标准，按标准报销；", count: 10)
        let sheet = SheetModel(
            key: "s", name: "S",
            table: TableModel(
                columns: [ColumnModel("原因", .text)], rows: [[.text(long)], [.text("短")]]))
        let file = path("wrap.xlsx")
        try WorkbookRenderer.write(
            WorkbookModel(title: "T", subject: "2023-03", created: day("2023-03-31"), sheets: [sheet]),
            to: file, options: RenderOptions())
        let doc = try XlsxDocument(path: file)
        let width = try XCTUnwrap(doc.sheet("S").columns.first?.width)
        XCTAssertLessThanOrEqual(width, 45)
        let cell = try XCTUnwrap(doc.cell(sheet: "S", ref: "A3"))
        XCTAssertEqual(cell.text, long)
        // Its style (the cell's xf in styles.xml) wraps text; the short text's does too (the column wraps).
        let styles = try doc.text(part: "xl/styles.xml")
        let xfs = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "<xf ").dropFirst()
        XCTAssertTrue(Array(xfs)[cell.styleIndex].contains("wrapText=\"1\""))
    }

    // MARK: Every page says what it is

    func testEveryPrintedSheetNamesItsPeriodAndPagesInEveryWorkbook() throws {
        var r = Fixture.result()
        r.policy.companyName = "A&B公司"
        let (finance, _) = try financeDocument(r)
        let (management, _) = try managementDocument()
        let file = path("region.xlsx")
        try RegionWorkbooks.writeOne(ManagementFixture.result(), region: "华东", to: file, options: ReportOptions())
        let region = try XlsxDocument(path: file)
        for (doc, company) in [(finance, "A&amp;&amp;B公司"), (management, ""), (region, "")] {
            for name in doc.sheetNames {
                let xml = try doc.text(part: doc.sheet(name).part)
                let header = try XCTUnwrap(xml.firstMatch(of: #/<oddHeader>(.*?)</oddHeader>/#).map { String($0.1) }, name)
                let footer = try XCTUnwrap(xml.firstMatch(of: #/<oddFooter>(.*?)</oddFooter>/#).map { String($0.1) }, name)
                XCTAssertTrue(header.contains("2023-03"), "\(name): \(header)")
                XCTAssertTrue(company.isEmpty || header.contains(company), "\(name): \(header)")  // & is && in a header
                XCTAssertTrue(footer.contains("2023-03") && footer.contains("第 &amp;P 页 / 共 &amp;N 页"), "\(name): \(footer)")
                // The title row above everything else names the period and the sheet.
                let title = try XCTUnwrap(doc.cell(sheet: name, ref: "A1")?.text, name)
                XCTAssertTrue(title.contains("2023-03"), "\(name): \(title)")
            }
        }
        XCTAssertEqual(try finance.cell(sheet: "报销汇总", ref: "A1")?.text, "A&B公司  2023-03  报销汇总")
        XCTAssertEqual(try region.cell(sheet: "人员达成", ref: "A1")?.text, "华东  2023-03  人员达成")
    }

    // MARK: Slips and page breaks

    /// Page breaks (0-based rows that start a page), row heights, slip extents and the print scale of a sheet, read
    /// from its XML.
    struct Printed {
        var breaks: [Int] = []
        var heights: [Int: Double] = [:]
        var scale = 100
    }

    func printed(_ doc: XlsxDocument, _ sheet: String) throws -> Printed {
        let xml = try doc.text(part: doc.sheet(sheet).part)
        var p = Printed()
        for m in xml.matches(of: #/<brk id="(\d+)"/#) { p.breaks.append(Int(m.1)!) }
        for m in xml.matches(of: #/<row r="(\d+)"[^>]*? ht="([\d.]+)"/#) { p.heights[Int(m.1)! - 1] = Double(m.2)! }
        if let m = xml.firstMatch(of: #/<pageSetup[^>]*? scale="(\d+)"/#) { p.scale = Int(m.1)! }
        return p
    }

    /// Slips found by their first and last rows' texts (0-based row ranges, both ends included).
    func slips(_ doc: XlsxDocument, _ sheet: String, first: (String) -> Bool, last: String) throws -> [ClosedRange<Int>] {
        let cells = try doc.sheet(sheet).cells.values.filter { $0.col == 0 }
        let starts = cells.filter { $0.text.map(first) ?? false }.map(\.row).sorted()
        let ends = cells.filter { $0.text == last }.map(\.row).sorted()
        XCTAssertEqual(starts.count, ends.count)
        return zip(starts, ends).map { $0...$1 }
    }

    /// No slip has a page break inside it, and no page is taller than A4 at the sheet's print scale.
    func assertSlipsStayOnTheirPages(
        _ doc: XlsxDocument, _ sheet: String, slips: [ClosedRange<Int>],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let p = try printed(doc, sheet)
        for slip in slips {
            for b in p.breaks where b > slip.lowerBound && b <= slip.upperBound {
                XCTFail(
                    "\(sheet): the slip in rows \(slip.lowerBound + 1)–\(slip.upperBound + 1) crosses the page break above row \(b + 1)",
                    file: file, line: line)
            }
        }
        let lastRow = slips.map(\.upperBound).max() ?? 0
        let starts = [0] + p.breaks
        let ends = p.breaks.map { $0 - 1 } + [lastRow]
        let printable = (842.0 - 2 * 54) * 100 / Double(p.scale)  // A4 less the default top and bottom margins
        for (a, b) in zip(starts, ends) where a <= b {
            let height = (a...b).map { p.heights[$0] ?? 15 }.reduce(0, +)
            XCTAssertLessThanOrEqual(height, printable, "\(sheet): rows \(a + 1)–\(b + 1) do not fit one page", file: file, line: line)
        }
    }

    /// Many employees with claims of 0 to 11 lines: the breaks fall between slips.
    func manySlips(_ count: Int) -> CloseResult {
        var r = Fixture.result()
        let template = r.employees[0], line = r.expenseLines[0]
        r.employees = []
        r.expenseLines = []
        for i in 0..<count {
            var e = template
            e.employeeId = "E\(1000 + i)"
            e.name = "员工\(i)"
            r.employees.append(e)
            for k in 0..<(i * 7 % 12) {
                var l = line
                l.row.employeeId = e.employeeId
                l.row.receiptNo = "R-\(i)-\(k)"
                r.expenseLines.append(l)
            }
        }
        return r
    }

    func testNoClaimOrPaySlipCrossesAPageBreak() throws {
        let (doc, written) = try financeDocument(manySlips(90))
        let claims = try slips(doc, "报销单", first: { $0.hasPrefix("报销单  E") }, last: "报销人：")
        XCTAssertEqual(claims.count, 90)
        let claimBreaks = try printed(doc, "报销单").breaks
        XCTAssertGreaterThan(claimBreaks.count, 10)  // many pages, so the test means something
        try assertSlipsStayOnTheirPages(doc, "报销单", slips: claims)
        let pays = try slips(doc, "工资条", first: { $0.hasPrefix("工资条  E") }, last: "员工签字：")
        XCTAssertEqual(pays.count, 90)
        try assertSlipsStayOnTheirPages(doc, "工资条", slips: pays)
        // The breaks the renderer reports are the file's.
        XCTAssertEqual(written.sheets(key: FinanceWorkbook.Key.claimSlips).first?.pageBreaks, claimBreaks)
        // Slips print portrait at a fixed scale: fit-to-page would override the manual breaks.
        XCTAssertFalse(try doc.sheet("报销单").fitToPage)
        XCTAssertEqual(try doc.sheet("报销单").pageSetup["orientation"], "portrait")
    }

    func testASlipTallerThanAPageContinuesWithItsHeadingAndHeaderRepeated() throws {
        // E1000 with 90 lines (more than a page), between two short slips.
        var r = manySlips(3)
        let line = r.expenseLines[0]
        r.expenseLines.removeAll { $0.row.employeeId == "E1001" }
        for k in 0..<90 {
            var l = line
            l.row.employeeId = "E1001"; l.row.receiptNo = "L-\(k)"
            r.expenseLines.append(l)
        }
        let (doc, written) = try financeDocument(r)
        let s = "报销单"
        let p = try printed(doc, s)
        let cells = try doc.sheet(s).cells.values.filter { $0.col == 0 }
        let continued = cells.filter { $0.text == "报销单（续）  E1001  员工1" }.map(\.row).sorted()
        XCTAssertFalse(continued.isEmpty)
        // Inside the long slip every page starts with its continued heading, then the header.
        let slip = try XCTUnwrap(written.sheets(key: FinanceWorkbook.Key.claimSlips).first?.slips[1])
        let inside = p.breaks.filter { slip.contains($0) && $0 > slip.lowerBound }
        XCTAssertEqual(inside, continued)
        for b in inside { XCTAssertEqual(try text(doc, s, "A\(b + 2)"), "日期") }
        // Pages still fit, and the short slips around it stay whole.
        let short = try slips(doc, s, first: { $0.hasPrefix("报销单  E") }, last: "报销人：").filter { !$0.contains(slip.lowerBound) }
        try assertSlipsStayOnTheirPages(doc, s, slips: short)
        // The lines' total adds all 90 lines across the pages (the repeated header rows are text).
        let total = try XCTUnwrap(cells.first { $0.text == "费用合计" && slip.contains($0.row) })
        let sum = try XCTUnwrap(doc.cell(sheet: s, ref: "D\(total.row + 1)")?.formula)
        XCTAssertEqual(sum, "SUM(D\(slip.lowerBound + 3):D\(total.row))")
    }

    func testPastExcelsPageBreakLimitSlipsContinueOnASecondSheet() throws {
        // Slips of 30 rows: one a page, so 1,100 slips need 1,099 breaks, more than one sheet may hold.
        let slip = { (i: Int) in
            SlipModel(
                label: "\(i)",
                rows: [SlipRow(.heading, [.text("单 \(i)")])]
                    + (0..<28).map { SlipRow(.data, [.text("项目"), .money(Money(fen: Int64($0)))]) }
                    + [SlipRow(.signature, [.text("签字：")])])
        }
        let sheet = SheetModel(
            key: "slips", name: "单", table: TableModel(columns: []), layout: .slips,
            freezeHeader: false, autofilter: false, slips: (0..<1100).map(slip))
        let file = path("slips.xlsx")
        let written = try WorkbookRenderer.write(
            WorkbookModel(
                title: "T", subject: "2023-03", created: day("2023-03-31"),
                sheets: [sheet]), to: file, options: RenderOptions())
        XCTAssertEqual(written.sheetNames, ["单", "单 (2)"])
        XCTAssertEqual(written.sheets[0].pageBreaks.count, 1023)
        XCTAssertEqual(written.sheets.map(\.slips.count).reduce(0, +), 1100)
        let doc = try XlsxDocument(path: file)
        for name in ["单", "单 (2)"] {
            let found = try slips(doc, name, first: { $0.hasPrefix("单 ") }, last: "签字：")
            XCTAssertEqual(try printed(doc, name).breaks.count, found.count - 1)
            try assertSlipsStayOnTheirPages(doc, name, slips: found)
        }
    }
}
