import Foundation
import XCTest

/// The demo month as .xlsx workbooks, written by LibreOffice from the month's CSV files (Fixtures/xlsx-month, see
/// Tests/IngestTests/Fixtures/xlsx/README.md), closes with exactly the figures of the CSV month.
final class XlsxMonthTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("xlsx") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    static let fixture = Harness.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/xlsx-month")

    /// Copies a fixture folder (inputs are only read, but the close must not depend on the repository's folders).
    func inputs(_ name: String) throws -> URL {
        let to = root.appendingPathComponent("in-\(name)")
        try FileManager.default.copyItem(at: XlsxMonthTests.fixture.appendingPathComponent(name), to: to)
        return to
    }

    func close(_ name: String) throws -> [String: Any] {
        let out = root.appendingPathComponent("out-\(name)")
        let r = try Harness.run(["close", "--inputs", try inputs(name).path, "--outputs", out.path, "--period", "2023-03"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try Harness.summary(out, "2023-03")
    }

    func testTheMonthAsWorkbooksClosesWithTheFiguresOfTheCSVMonth() throws {
        let csv = try close("csv")
        let xlsx = try close("xlsx")
        // Every input was read from a sheet of a workbook.
        let files = (xlsx["inputs"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertEqual(files.count, 10)
        XCTAssertTrue(files.allSatisfy { $0.hasSuffix(".xlsx:" + ($0.split(separator: ".").first.map(String.init) ?? "")) }, "\(files)")
        // The figures: totals, every employee's figures, the expense decisions, advances and adjustments.
        XCTAssertEqual(csv["totals"] as? NSDictionary, xlsx["totals"] as? NSDictionary)
        XCTAssertEqual(csv["employees"] as? NSArray, xlsx["employees"] as? NSArray)
        XCTAssertEqual(csv["advances"] as? NSArray, xlsx["advances"] as? NSArray)
        XCTAssertEqual(csv["adjustments"] as? NSArray, xlsx["adjustments"] as? NSArray)
        func decisions(_ s: [String: Any]) -> [String] {
            (s["expense_lines"] as? [[String: Any]] ?? []).map { l in
                ["line", "claim_id", "claimed", "approved", "decision", "codes"].map { "\(l[$0] ?? "")" }.joined(separator: "|")
            }
        }
        XCTAssertEqual(decisions(csv), decisions(xlsx))
        XCTAssertFalse(decisions(csv).isEmpty)
        // The same rows rejected, at the same lines (a sheet's row number is the CSV's line), for the same reasons.
        func rejected(_ s: [String: Any]) -> [String] {
            s.rejected.map { r in
                let file = (r["file"] as? String ?? "").split(separator: ".").first.map(String.init) ?? ""
                return "\(file):\(r["line"] ?? ""):\(r["column"] ?? "null"):\(r["code"] ?? "")"
            }
        }
        XCTAssertEqual(rejected(csv), rejected(xlsx))
        XCTAssertTrue(rejected(xlsx).contains("remittances:13:receipt_no:ROW-EXCEL-DAMAGE"), "\(rejected(xlsx))")
        // A sheet's rows are listed as `workbook.xlsx:sheet` with the sheet's row number as the line.
        let damage = xlsx.rejected.first { $0["code"] as? String == "ROW-EXCEL-DAMAGE" }
        XCTAssertEqual(damage?["file"] as? String, "remittances.xlsx:remittances")
        XCTAssertEqual(damage?["line"] as? Int, 13)
        XCTAssertEqual(damage?["column"] as? String, "receipt_no")
        // Rows read per file: the same counts.
        func counts(_ s: [String: Any]) -> [String] {
            (s["inputs"] as? [[String: Any]] ?? []).map { f in
                let kind = f["kind"] as? String ?? ""
                return "\(kind):\(f["rows"] ?? ""):\(f["accepted"] ?? ""):\(f["rejected"] ?? ""):\(f["blank"] ?? "")"
            }
        }
        XCTAssertEqual(counts(csv), counts(xlsx))
    }

    func testCheckLocatesRowErrorsAtTheirSheetCell() throws {
        let dir = try inputs("xlsx")
        let r = try Harness.run(["check", "--inputs", dir.path, "--outputs", root.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("remittances.xlsx:remittances!E13: error: ROW-EXCEL-DAMAGE"), r.stdout)
        // A sheet has no delimiter: the report says it is a sheet, in either language.
        XCTAssertTrue(r.stdout.contains("sales.xlsx:sales：销售（sales），xlsx，工作表；共 533 行"), r.stdout)
        XCTAssertFalse(r.stdout.contains("逗号"), r.stdout)
        let en = try Harness.run(["check", "--inputs", dir.path, "--outputs", root.appendingPathComponent("out-en").path, "--lang", "en"])
        XCTAssertEqual(en.status, 0, en.stderr)
        XCTAssertTrue(en.stdout.contains("sales.xlsx:sales: sales, xlsx, sheet; rows 533"), en.stdout)
        XCTAssertTrue(en.stdout.contains("remittances.xlsx:remittances!E13: error: ROW-EXCEL-DAMAGE receipt_no"), en.stdout)
        XCTAssertFalse(en.stdout.contains("comma"), en.stdout)
    }

    func testAnOldOrEncryptedWorkbookStopsTheCloseNamingTheFile() throws {
        let ingest = Harness.packageRoot.appendingPathComponent("Tests/IngestTests/Fixtures/xlsx")
        for (fixture, name, says) in [("roster.xls", "roster.xls", "97-2003"), ("roster-encrypted.xlsx", "roster.xlsx", "encrypted")] {
            let dir = try inputs("xlsx")
            try FileManager.default.removeItem(at: dir.appendingPathComponent("roster.xlsx"))
            try FileManager.default.copyItem(at: ingest.appendingPathComponent(fixture), to: dir.appendingPathComponent(name))
            let out = root.appendingPathComponent("out-\(name)")
            let r = try Harness.run(["close", "--inputs", dir.path, "--outputs", out.path, "--lang", "en"])
            XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
            XCTAssertTrue(r.stderr.contains(name) && r.stderr.contains(says) && r.stderr.contains(".xlsx"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2023-03").path))
            try FileManager.default.removeItem(at: dir)
        }
    }
}
