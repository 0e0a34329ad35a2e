import XCTest
@testable import SalesCore

/// inputs.md "Errors": a column that fails on more than half of a file's rows and on at least 10 stops the close.
final class WholeColumnStopTests: XCTestCase {
    func file(_ rows: Int, _ failed: Int, column: String = "date") -> FileReport {
        FileReport(
            file: "expenses.csv", kind: .expenses, encoding: "utf-8", delimiter: ",", sha256: "", rows: rows, blank: 0,
            ignoredColumns: [], recognisedBy: "name",
            columnFailures: [ColumnFailures(column: column, header: "日期", failed: failed, samples: ["3/21/23"], forms: "2023-03-27")])
    }

    func testMoreThanTheShareStrictlyAndAtLeastTenRows() {
        let half = Policy.default.wholeColumnStop
        XCTAssertEqual(half, Rate.percent(50))
        XCTAssertFalse(WholeColumnStop.stops(failed: 10, rows: 20, share: half))  // exactly half: not more
        XCTAssertTrue(WholeColumnStop.stops(failed: 11, rows: 20, share: half))
        XCTAssertFalse(WholeColumnStop.stops(failed: 9, rows: 9, share: half))  // every row, but fewer than 10
        XCTAssertTrue(WholeColumnStop.stops(failed: 10, rows: 10, share: half))
        XCTAssertFalse(WholeColumnStop.stops(failed: 500, rows: 1000, share: half))
        XCTAssertTrue(WholeColumnStop.stops(failed: 501, rows: 1000, share: half))
        XCTAssertFalse(WholeColumnStop.stops(failed: 1000, rows: 1000, share: .percent(100)))  // 100%: never
        XCTAssertTrue(WholeColumnStop.stops(failed: 30, rows: 100, share: .percent(25)))
    }

    func testFindNamesTheFileTheColumnASampleAndTheFormsFollowingThePolicy() {
        let files = [file(753, 753), file(100, 40, column: "amount")]
        let stops = WholeColumnStop.find(files, policy: .default)
        XCTAssertEqual(stops.count, 1)
        let m = stops[0].message
        XCTAssertTrue(m.hasPrefix("expenses.csv: error: the column 日期 (date) fails on 753 of the file's 753 rows"), m)
        XCTAssertTrue(m.contains("\"3/21/23\""), m)
        XCTAssertTrue(m.contains("accepted: 2023-03-27"), m)
        var p = Policy.default
        p.wholeColumnStop = .percent(30)
        XCTAssertEqual(WholeColumnStop.find(files, policy: p).map(\.failure.column), ["date", "amount"])
    }
}
