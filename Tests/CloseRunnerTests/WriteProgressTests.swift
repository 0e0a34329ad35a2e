import Foundation
import XCTest
@testable import CloseRunner

final class WriteProgressTests: XCTestCase {
    final class Lines: @unchecked Sendable {
        var all: [String] = []
        func add(_ s: String) { all.append(s) }
    }

    func testRowsAddUpAcrossWorkbooksAndOnlyTheRowCountsAreTransient() {
        let lines = Lines()
        let meter = WriteProgress(workbooks: 6, report: lines.add)
        let a = meter.rows(), b = meter.rows()
        // Planned rows are announced, then written in steps; the sum is what the summary says.
        for p in [a, b] { p.planned(1_000) }
        for _ in 0..<3 { a.wrote(300); b.wrote(200) }
        meter.finished("finance-2023-03.xlsx")
        meter.finished("management-2023-03.xlsx")
        for i in 0..<4 { meter.finished("regions/R\(i)-2023-03.xlsx") }
        let split = lines.all.map(ProgressText.split)
        XCTAssertTrue(split.contains { $0.transient && $0.text.hasPrefix("writing workbooks: 0 of 6 done, 300 of 2,000 rows") })
        let plain = split.filter { !$0.transient }.map(\.text)
        XCTAssertEqual(plain.first, "wrote finance-2023-03.xlsx (1 of 6 workbooks)")
        XCTAssertTrue(plain.contains("wrote management-2023-03.xlsx (2 of 6 workbooks)"))
        XCTAssertTrue(plain.contains("wrote regions/R3-2023-03.xlsx (6 of 6 workbooks)"))  // the last is always plain
        XCTAssertTrue(meter.summary().hasPrefix("wrote 6 workbooks, 1,500 rows in "))
    }

    func testTransientLinesAreMarkedAndPlainOnesAreNot() {
        XCTAssertEqual(ProgressText.split(ProgressText.transient("x")).transient, true)
        XCTAssertEqual(ProgressText.split(ProgressText.transient("x")).text, "x")
        XCTAssertEqual(ProgressText.split("read a.csv").transient, false)
    }
}
