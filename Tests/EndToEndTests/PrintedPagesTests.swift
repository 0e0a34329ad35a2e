import Foundation
import XCTest
import XlsxReader

/// The demo month through the real binary: on every sheet of every workbook no number is wider than its column, and
/// no slip crosses a page break.
final class PrintedPagesTests: XCTestCase {
    func formatted(_ value: Double, _ format: String?) -> String { NumberText.shown(value, format: format) }

    func testNumbersFitAndSlipsStayOnTheirPagesOnTheDemoMonth() throws {
        let root = try Harness.tempDir("printed")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("inputs"), out = root.appendingPathComponent("outputs")
        XCTAssertEqual(try Harness.run(["demo", inputs.path]).status, 0)
        XCTAssertEqual(try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path]).status, 0)
        let period = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasPrefix("20") })
        let dir = out.appendingPathComponent(period)
        var files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".xlsx") }.map { dir.path + "/" + $0 }
        files += try FileManager.default.contentsOfDirectory(atPath: dir.path + "/regions").map { dir.path + "/regions/" + $0 }
        var checked = 0
        for file in files {
            let doc = try XlsxDocument(path: file)
            for name in doc.sheetNames {
                let sheet = try doc.sheet(name)
                for cell in sheet.cells.values {
                    guard cell.type == nil || cell.type == "n", let value = cell.number else { continue }
                    let text = formatted(value, try doc.numberFormat(sheet: name, ref: cell.ref))
                    let bold = doc.style(at: cell.styleIndex)?.bold == true
                    let column = sheet.columns.first { $0.min <= cell.col + 1 && cell.col + 1 <= $0.max }?.width ?? 8.43
                    XCTAssertLessThanOrEqual(
                        Double(text.count) * (bold ? 1.1 : 1), column - 1,
                        "\((file as NSString).lastPathComponent) \(name)!\(cell.ref) \(text) in \(column)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)

        // Slips: a slip runs from its title line to its last signature line; no page break falls inside one.
        let finance = try XlsxDocument(path: dir.path + "/finance-\(period).xlsx")
        for (sheet, first, last) in [("报销单", "报销单  E", "报销人："), ("工资条", "工资条  E", "员工签字：")] {
            let xml = try finance.text(part: finance.sheet(sheet).part)
            let breaks = xml.matches(of: #/<brk id="(\d+)"/#).map { Int($0.1)! }
            let cells = try finance.sheet(sheet).cells.values.filter { $0.col == 0 }
            let starts = cells.filter { $0.text?.hasPrefix(first) == true }.map(\.row).sorted()
            let ends = cells.filter { $0.text == last }.map(\.row).sorted()
            XCTAssertEqual(starts.count, ends.count, sheet)
            XCTAssertGreaterThan(breaks.count, 5, sheet)
            for (a, b) in zip(starts, ends) {
                XCTAssertFalse(breaks.contains { $0 > a && $0 <= b }, "\(sheet): the slip in rows \(a + 1)–\(b + 1) crosses a page break")
            }
        }
    }
}
