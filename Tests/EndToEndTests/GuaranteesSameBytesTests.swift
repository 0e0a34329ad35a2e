import Foundation
import XCTest

/// Issue 6 §3 "Same input, same bytes": two closes of the same inputs in two fresh outputs folders give byte-identical
/// workbooks and summary whatever the clock, the time zone, the order the files were created in (and their mtimes),
/// the inputs folder's name, and the locale.
final class GuaranteesSameBytesTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-bytes") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// Writes January's files in the given name order, each with its own mtime.
    func inputs(_ name: String, order: [String], mtimeBase: TimeInterval) throws -> URL {
        let dir = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (i, file) in order.enumerated() {
            let u = dir.appendingPathComponent(file)
            try Data(TwoMonths.january[file]!.utf8).write(to: u)
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: mtimeBase + Double(i) * 3600)],
                ofItemAtPath: u.path)
        }
        return dir
    }

    func assertSameBytes(_ a: URL, _ b: URL, file: StaticString = #filePath, line: UInt = #line) {
        let ha = G.hashes(a.appendingPathComponent(G.jan)), hb = G.hashes(b.appendingPathComponent(G.jan))
        XCTAssertNotNil(ha["close-summary.json"], file: file, line: line)
        XCTAssertNotNil(ha["finance-2023-01.xlsx"], file: file, line: line)
        XCTAssertEqual(ha, hb, "same inputs, other bytes", file: file, line: line)
    }

    func testSameBytesWhateverTheClockTheTimeZoneAndTheListingOrder() throws {
        let names = TwoMonths.january.keys.sorted()
        let a = try inputs("in-a", order: names, mtimeBase: 1_600_000_000)
        let outA = root.appendingPathComponent("out-a")
        let ra = try G.close(a, outA, env: ["TZ": "Asia/Shanghai", "LC_ALL": "C"])
        XCTAssertEqual(ra.status, 0, ra.stderr)
        Thread.sleep(forTimeInterval: 1.1)  // another second on the clock
        let b = try inputs("other-name", order: names.reversed(), mtimeBase: 1_700_000_000)
        let outB = root.appendingPathComponent("out-b")
        let rb = try G.close(b, outB, env: ["TZ": "America/Los_Angeles", "LC_ALL": "C"])
        XCTAssertEqual(rb.status, 0, rb.stderr)
        assertSameBytes(outA, outB)
    }

    func testSameBytesUnderADecimalCommaLocale() throws {
        guard G.hasLocale("de_DE.UTF-8") else {
            throw XCTSkip("de_DE.UTF-8 is not installed (.ci/run generates it); this guarantee is not checked here")
        }
        let a = try inputs("in", order: TwoMonths.january.keys.sorted(), mtimeBase: 1_600_000_000)
        let outA = root.appendingPathComponent("out-c")
        let ra = try G.close(a, outA, env: ["LC_ALL": "C", "LANG": "C"])
        XCTAssertEqual(ra.status, 0, ra.stderr)
        let outB = root.appendingPathComponent("out-de")
        let rb = try G.close(a, outB, env: ["LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"])
        XCTAssertEqual(rb.status, 0, rb.stderr)
        assertSameBytes(outA, outB)
        // The money reads back as numbers with a decimal point: 240.00 approved on X1 is in the summary as text.
        let s = try Harness.summary(outB, G.jan)
        XCTAssertEqual(s.expenseLine(claim: "X1")?["approved"] as? String, "240.00")
    }
}
