import XCTest
import Foundation
import SalesCore
@testable import Ledger

/// Ledger version 2 (issue 14 §2): each close's figures kept as values, and after a reopen those of the close it
/// replaced; a version-1 ledger is migrated on open.
final class LedgerFiguresTests: XCTestCase {
    var dir: TempDir!
    var ledgerPath: String { dir.file("ledger.sqlite") }
    override func setUp() { dir = TempDir() }
    override func tearDown() { dir.remove() }

    func close(_ p: Period, net: Int64, gross: Int64?) -> CloseResult {
        var r = sampleClose(p)
        var e = EmployeeResult(employeeId: "E1", name: "张三", region: "华北", department: nil, role: .sales_rep, level: .numbered(3), active: true)
        e.netPayable = Money(fen: net)
        e.grossPay = gross.map { Money(fen: $0) }
        e.codes = ["COM-SETTLED", "AUDIT"]
        r.employees = [e]
        return r
    }

    func testACloseKeepsItsFiguresAndAReopenKeepsThoseOfTheCloseItReplaced() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        let first = close(jan, net: 1_000, gross: nil)
        try store.record(first, info: info(jan), replacing: false)
        XCTAssertEqual(try store.figures(jan), ReopenDifferences.figures(of: first))
        XCTAssertNil(try store.replacedFigures(jan), "a first close is no reopen")

        let second = close(jan, net: 2_000, gross: 300)
        try store.record(second, info: info(jan, inputs: ["sales.csv": "cc"]), replacing: true)
        XCTAssertEqual(try store.figures(jan), ReopenDifferences.figures(of: second))
        XCTAssertEqual(try store.replacedFigures(jan), .some(ReopenDifferences.figures(of: first)))

        // A second reopen replaces the second close: that one is kept now.
        let third = close(jan, net: 3_000, gross: 300)
        try store.record(third, info: info(jan, inputs: ["sales.csv": "dd"]), replacing: true)
        XCTAssertEqual(try store.replacedFigures(jan), .some(ReopenDifferences.figures(of: second)))
        try store.close()
        // Read back from the file by a new connection: the same values.
        let again = try LedgerStore(path: ledgerPath, createIfMissing: false, readOnly: true)
        XCTAssertEqual(try again.figures(jan), ReopenDifferences.figures(of: third))
    }

    func testAReopenOfACloseWithoutFiguresKeepsTheFiguresTheCallerRead() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        try store.record(close(jan, net: 1_000, gross: nil), info: info(jan), replacing: false)
        try RawSQL.execute(ledgerPath, "DELETE FROM close_figures; DELETE FROM close_figure_codes")
        let legacy = ReopenDifferences.figures(of: close(jan, net: 999, gross: nil))
        try store.record(
            close(jan, net: 2_000, gross: nil), info: info(jan, inputs: ["sales.csv": "cc"]), replacing: true,
            legacyReplacedFigures: legacy)
        XCTAssertEqual(try store.replacedFigures(jan), .some(legacy))
    }

    /// A ledger written by version 1 (no figure tables) opens, is migrated to the current version, keeps its closes.
    func testAVersion1LedgerIsMigratedAndKeepsItsCloses() throws {
        try RawSQL.execute(
            ledgerPath,
            LedgerSchema.v1 + """
                ;
                INSERT INTO meta(key, value) VALUES ('schema_version', '1');
                INSERT INTO periods(period, policy_sha256, tool_version, options, closed_seq) VALUES ('2023-01', 'p', '0.1.0', 'lang=zh', 1);
                PRAGMA application_id = \(LedgerSchema.applicationID);
                PRAGMA user_version = 1;
                """)
        let store = try LedgerStore(path: ledgerPath)
        XCTAssertEqual(try RawSQL.int(ledgerPath, "PRAGMA user_version"), LedgerStore.schemaVersion)
        XCTAssertEqual(LedgerStore.schemaVersion, 2)
        XCTAssertEqual(try store.closedPeriods(), [period("2023-01")])
        XCTAssertNil(try store.figures(period("2023-01")), "a version-1 close has no figures")
        try store.record(close(period("2023-02"), net: 5, gross: nil), info: info(period("2023-02")), replacing: false)
        XCTAssertEqual(try store.figures(period("2023-02"))?.first?.codes, ["COM-SETTLED", "AUDIT"])
    }

    func testTheFigureColumnsFollowTheFieldsInOrder() {
        XCTAssertEqual(LedgerSchema.figureColumns, ReopenDifferences.Field.allCases.map { $0.rawValue + "_fen" })
    }
}
