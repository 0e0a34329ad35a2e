import XCTest
import SalesCore
@testable import CloseRunner

/// The figures of a close recorded by ledger version 1 (before the ledger kept them), read once from its summary, and
/// the rows the finance workbook lays out.
final class ReopenChangesTests: XCTestCase {
    func testAVersion1SummaryGivesTheFiguresOfItsEmployees() throws {
        let summary = """
            {"period": "2023-01", "employees": [
              {"employee_id": "M1", "name": "李经理", "expenses_claimed": "1234.50", "net_payable": "-10.05", "gross_pay": null,
               "sales": "0.00", "codes": ["ATT-TRAVEL-DAYS-LOW", "COM-SETTLED"]}
            ]}
            """
        let f = try XCTUnwrap(Changes.legacyFigures(summary: Array(summary.utf8)))
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].employeeId, "M1")
        XCTAssertEqual(f[0].name, "李经理")
        XCTAssertEqual(f[0].money[.expensesClaimed], .some(Money(fen: 123_450)))
        XCTAssertEqual(f[0].money[.netPayable], .some(Money(fen: -1_005)))
        XCTAssertEqual(f[0].money[.grossPay], .some(nil))
        XCTAssertEqual(f[0].codes, ["ATT-TRAVEL-DAYS-LOW", "COM-SETTLED"])
        XCTAssertNil(Changes.legacyFigures(summary: Array("not json".utf8)))
    }

    func testTheRowsShowCodesAsTextAndMoneyAsMoney() {
        let change = ReopenDifferences.changes(
            before: [.init(employeeId: "E1", name: "张三", money: [.netPayable: Money(fen: 100)], codes: ["A"])],
            after: [.init(employeeId: "E1", name: "张三", money: [.netPayable: Money(fen: 250)], codes: ["A", "B"])])
        let rows = Changes.rows(change)
        XCTAssertEqual(rows.map(\.field), ["net_payable", "codes"])
        XCTAssertEqual(rows[0].before, .money(Money(fen: 100)))
        XCTAssertEqual(rows[0].after, .money(Money(fen: 250)))
        XCTAssertEqual(rows[1].after, .text("A B"))
    }
}
