import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report
import XlsxWriter

/// The renderer on its own, with models like the management and region workbooks will build.
final class RendererTests: ReportTestCase {
    func model(_ sheets: [SheetModel]) -> WorkbookModel {
        WorkbookModel(title: "T", subject: "2023-03", created: day("2023-03-31"), sheets: sheets)
    }

    func testTextThatLooksLikeAFormulaStaysText() throws {
        let injections = ["=1+1", "+A1", "-3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\")"]
        let sheet = SheetModel(
            key: "s", name: "S",
            table: TableModel(
                columns: [ColumnModel("文本", .text)], rows: injections.map { [CellModel.text($0)] }))
        let file = path("t.xlsx")
        try WorkbookRenderer.write(model([sheet]), to: file, options: RenderOptions())
        let doc = try XlsxDocument(path: file)
        for (i, s) in injections.enumerated() {
            let cell = try XCTUnwrap(doc.cell(sheet: "S", ref: "A\(i + 3)"))
            XCTAssertEqual(cell.text, s)
            XCTAssertNil(cell.formula)
        }
        XCTAssertFalse(try doc.text(part: doc.sheet("S").part).contains("<f>"))
    }

    func testIdsAreTextAndKeepEveryDigit() throws {
        let sheet = SheetModel(
            key: "s", name: "S",
            table: TableModel(
                columns: [ColumnModel("编号", .id)], rows: [[.id("00123")], [.id("1.23457E+11")], [.id("4500000000000001")]]))
        let file = path("t.xlsx")
        try WorkbookRenderer.write(model([sheet]), to: file, options: RenderOptions())
        let doc = try XlsxDocument(path: file)
        XCTAssertEqual(try text(doc, "S", "A3"), "00123")
        XCTAssertEqual(try text(doc, "S", "A5"), "4500000000000001")
        XCTAssertEqual(try doc.numberFormat(sheet: "S", ref: "A3"), "@")
    }

    func testWidthsCountCJKCharactersDouble() {
        let sheet = SheetModel(
            key: "s", name: "S",
            table: TableModel(
                columns: [ColumnModel("部门", .text), ColumnModel("ab", .text), ColumnModel("金额", .money)],
                rows: [[.text("销售一部销售一部"), .text("abcdefghabcdefgh"), .money(yuan("1234567.89"))]]))
        let widths = Layout.fitWidths(sheet)
        XCTAssertEqual(widths[0], 18)  // 8 CJK characters × 2 + 2
        XCTAssertEqual(widths[1], 18)  // 16 ASCII characters + 2
        XCTAssertEqual(widths[2], 15)  // "¥1,234,567.89" is 13 + 2
    }

    func testTextWidthAgreesWithTheWrappersDisplayWidth() {
        for sample in ["abc", "销售一部", "Ａ１２", "e\u{301}te", "line one\n销售", "¥1,234.50", "한국어", "mixed 混合 text", ""] {
            XCTAssertEqual(Layout.textWidth(sample), Worksheet.displayWidth(sample), sample)
        }
    }

    func testIntegerTotalsAndGroupsAreExactAndGeneral() throws {
        let columns = [ColumnModel("区域", .text), ColumnModel("网点", .integer, summed: true), ColumnModel("回款", .money)]
        let table = TableModel.grouped(
            columns: columns,
            rows: [
                (key: "华东", cells: [.text("上海"), .integer(3), .money(yuan("0.10"))]),
                (key: "华南", cells: [.text("广州"), .integer(2), .money(yuan("0.20"))]),
                (key: "华东", cells: [.text("南京"), .integer(4), .money(yuan("0.70"))])
            ], label: { "\($0) 小计" }, totals: TotalsSpec(label: "合计"))
        // Rows regrouped in first-appearance order: 上海, 南京, 华东 小计, 广州, 华南 小计, 合计.
        let sheet = SheetModel(key: "s", name: "S", table: table)
        let file = path("t.xlsx")
        let written = try WorkbookRenderer.write(model([sheet]), to: file, options: RenderOptions())
        let doc = try XlsxDocument(path: file)
        XCTAssertEqual(try text(doc, "S", "A4"), "南京")
        XCTAssertEqual(try text(doc, "S", "A5"), "华东 小计")
        XCTAssertEqual(try number(doc, "S", "B5"), 7)
        XCTAssertEqual(try doc.numberFormat(sheet: "S", ref: "B5"), "#,##0")
        XCTAssertEqual(try number(doc, "S", "C5"), 0.8)  // 0.10 + 0.70 in fen, not 0.7999999…
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "B8")?.formula, "SUBTOTAL(9,B3:B7)")
        XCTAssertEqual(try number(doc, "S", "B8"), 9)
        try assertMoney(doc, "S", "C8", "1.00")
        XCTAssertEqual(written.sheets[0].total("回款"), .money(yuan("1.00")))
        XCTAssertEqual(written.sheets[0].total("网点"), .integer(9))
        XCTAssertEqual(written.verify { s, ref in try doc.cell(sheet: s, ref: ref)?.number }, [])
    }

    func testAnEmptyTableHasItsHeaderAndNoTotals() throws {
        let sheet = SheetModel(key: "s", name: "S", table: TableModel(columns: [ColumnModel("金额", .money)], totals: TotalsSpec(label: "合计")))
        let file = path("t.xlsx")
        let written = try WorkbookRenderer.write(model([sheet]), to: file, options: RenderOptions())
        let doc = try XlsxDocument(path: file)
        XCTAssertEqual(try text(doc, "S", "A2"), "金额")
        XCTAssertNil(try doc.cell(sheet: "S", ref: "A3"))
        XCTAssertEqual(written.sheets[0].dataRows, 0)
        XCTAssertEqual(written.sheets[0].controls, [])
    }

    func testSheetNamesAreMadeValidAndUnique() throws {
        let a = SheetModel(key: "a", name: "区域/华东:2023", table: TableModel(columns: [ColumnModel("x", .text)]))
        let b = SheetModel(key: "b", name: "区域/华东:2023", table: TableModel(columns: [ColumnModel("x", .text)]))
        let file = path("t.xlsx")
        let written = try WorkbookRenderer.write(model([a, b]), to: file, options: RenderOptions())
        XCTAssertEqual(written.sheetNames, ["区域_华东_2023", "区域_华东_2023 (2)"])
        XCTAssertEqual(try XlsxDocument(path: file).sheetNames, written.sheetNames)
    }
}

final class RowProgressTests: ReportTestCase {
    final class Count: @unchecked Sendable {
        var planned = 0, wrote = 0, calls = 0
    }

    func testProgressIsToldThePlannedRowsAndEveryRowWritten() throws {
        let count = Count()
        let progress = RowProgress(
            every: 10, planned: { count.planned += $0 },
            wrote: {
                count.wrote += $0; count.calls += 1
            })
        let sheet = SheetModel(
            key: "s", name: "S",
            table: TableModel(
                columns: [ColumnModel("金额", .money)], rows: (0..<25).map { [.money(Money(fen: Int64($0)))] },
                totals: TotalsSpec(label: "合计")))
        let file = path("p.xlsx")
        try WorkbookRenderer.write(
            WorkbookModel(title: "T", subject: "2023-03", created: day("2023-03-31"), sheets: [sheet]),
            to: file, options: RenderOptions(progress: progress))
        // Title, header, 25 rows, the totals row.
        XCTAssertEqual(count.planned, 28)
        XCTAssertEqual(count.wrote, 28)
        XCTAssertEqual(count.calls, 3)  // 10, 10, then the sheet's last 8
    }
}
