import Foundation
import XCTest
import XlsxReader

/// Input text is shown as given; normalisation is for comparing only (outputs.md): a city written 郑州市 is judged as
/// 郑州 and shown as 郑州市, and a job title is the roster's own (片区经理 stays 片区经理, not a renamed 区域经理).
final class ShownAsGivenTests: XCTestCase {
    func testCityAndJobTitleAreShownAsTheFilesWroteThem() throws {
        let root = try Harness.tempDir("shown")
        defer { try? FileManager.default.removeItem(at: root) }
        var files = TwoMonths.january
        files["roster.csv"] = TwoMonths.roster.replacingOccurrences(of: "M1,李经理,区域经理,", with: "M1,李经理,片区经理,")
        files["expenses.csv"] = TwoMonths.expensesJan.replacingOccurrences(of: "X2,M1,2023-01-09,交通,火车,郑州,", with: "X2,M1,2023-01-09,交通,火车,郑州市,")
        let inputs = root.appendingPathComponent("in"), out = root.appendingPathComponent("out")
        try Harness.write(files, to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XlsxDocument(path: out.appendingPathComponent("2023-01/finance-2023-01.xlsx").path)
        let texts = doc.sheetNames.flatMap { name in (doc.sheets[name]?.cells.values.compactMap(\.text) ?? []).map { (name, $0) } }
        XCTAssertTrue(texts.contains { $0.1 == "郑州市" }, "the city as written stands in the workbook")
        XCTAssertTrue(texts.contains { $0.1 == "片区经理" }, "the roster's own job title stands in the workbook")
        // Judged normalised: the train line is approved as a line of 郑州 (no mismatch with the 郑州 plan is possible
        // for transport, so check the summary says the line was judged and paid).
        let s = try Harness.summary(out, "2023-01")
        XCTAssertEqual(s.expenseLine(claim: "X2")?["approved"] as? String, "150.00")
    }
}
