import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report
import XlsxWriter

/// A table whose rows are read only while the sheet is written (the region workbooks' order lines): continued on
/// further sheets past the row limit with a totals row each, and a row that does not come back is an error.
final class StreamedRowsTests: ReportTestCase {
    func model(_ sheets: [SheetModel]) -> WorkbookModel {
        WorkbookModel(title: "T", subject: "2023-03", created: day("2023-03-31"), sheets: sheets)
    }

    func streamed(_ amounts: [Int64], count: Int? = nil, expected: Int64? = nil) -> SheetModel {
        let rows = amounts.map { [CellModel.text("行"), CellModel.money(Money(fen: $0))] }
        let s = StreamedRows(
            count: count ?? rows.count, widths: [4, 10],
            expectedSums: [1: .money(Money(fen: expected ?? amounts.reduce(0, +)))]
        ) { body in
            for r in rows { try body(r) }
        }
        return SheetModel(
            key: "lines", name: "明细",
            table: TableModel(
                columns: [ColumnModel("项", .text), ColumnModel("金额", .money)], totals: TotalsSpec(label: "合计"), streamed: s))
    }

    func testStreamedRowsContinueOnAFurtherSheetWithTheirOwnTotals() throws {
        let file = path("t.xlsx")
        // 5 rows a sheet: title, header, two data rows, totals.
        let written = try WorkbookRenderer.write(
            model([streamed([100, 250, 5])]), to: file,
            options: RenderOptions(maxRowsPerSheet: 5))
        XCTAssertEqual(written.sheets.map(\.name), ["明细", "明细 (2)"])
        XCTAssertEqual(written.sheets.map(\.dataRows), [2, 1])
        let doc = try XlsxDocument(path: file)
        XCTAssertEqual(try text(doc, "明细", "A5"), "合计")
        XCTAssertEqual(try doc.cell(sheet: "明细", ref: "B5")?.formula, "SUBTOTAL(9,B3:B4)")
        XCTAssertEqual(try number(doc, "明细", "B5"), 3.5)
        XCTAssertEqual(try text(doc, "明细 (2)", "A4"), "合计")
        XCTAssertEqual(try number(doc, "明细 (2)", "B4"), 0.05)
        XCTAssertEqual(written.sheets[1].controls.first?.expected, .money(Money(fen: 5)))
    }

    func testARowThatDoesNotComeBackIsAnError() {
        XCTAssertThrowsError(
            try WorkbookRenderer.write(
                model([streamed([100, 250], count: 3)]), to: path("a.xlsx"),
                options: RenderOptions())
        ) { e in
            XCTAssertTrue("\(e)".contains("2 of 3"), "\(e)")
        }
        XCTAssertThrowsError(
            try WorkbookRenderer.write(
                model([streamed([100, 250], expected: 351)]), to: path("b.xlsx"),
                options: RenderOptions())
        ) { e in
            XCTAssertTrue("\(e)".contains("adds up to"), "\(e)")
        }
    }
}
