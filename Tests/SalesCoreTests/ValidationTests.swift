import XCTest
@testable import SalesCore

/// inputs.md row errors that need the roster, the period or the ledger.
final class ValidationTests: XCTestCase {
    func test_ROW_UNKNOWN_EMPLOYEE() {
        var f = CloseFixture()
        f.sale("X9", "2023-03-10", order: "O1")
        let r = f.run()
        XCTAssertEqual(r.inputs.sales[0].issue?.code, "ROW-UNKNOWN-EMPLOYEE")
        XCTAssertNil(r.inputs.sales[0].issue?.column)
    }

    func test_ROW_EXCEL_DAMAGE_for_dropped_leading_zeros() {
        var f = CloseFixture()
        f.employee("00123", "钱七", .sales_rep)
        f.sale("123", "2023-03-10", order: "O1")
        let r = f.run()
        XCTAssertEqual(r.inputs.sales[0].issue?.code, "ROW-EXCEL-DAMAGE")
        XCTAssertEqual(r.inputs.sales[0].issue?.column, "employee_id")
        XCTAssertTrue(r.inputs.sales[0].issue!.message.contains("00123"))
    }

    func test_ROW_NOT_ACTIVE() {
        var f = CloseFixture()
        f.employee("R8", "新人", .sales_rep, hire: "2023-03-15")
        f.sale("R8", "2023-03-14", order: "O1")
        f.sale("R8", "2023-03-15", order: "O2")
        let r = f.run()
        XCTAssertEqual(r.inputs.sales[0].issue?.code, "ROW-NOT-ACTIVE")
        XCTAssertNil(r.inputs.sales[1].issue)
    }

    func test_ROW_OTHER_PERIOD() {
        var f = CloseFixture()
        f.sale("R1", "2023-04-01", order: "O1")
        let r = f.run()
        XCTAssertEqual(r.inputs.sales[0].issue?.code, "ROW-OTHER-PERIOD")
        XCTAssertEqual(r.inputs.sales[0].issue?.column, "date")
        XCTAssertTrue(r.inputs.sales[0].issue!.message.contains("2023-04"))
    }

    func test_ROW_DUPLICATE() {
        var f = CloseFixture()
        f.sale("X9", "2023-03-10", order: "O1")  // rejected: claims no key
        f.sale("R1", "2023-03-10", order: "O1")
        f.sale("R1", "2023-03-11", order: "O1")
        f.ledger.expenseReceiptsUsed = ["R-OLD"]
        f.expense("R1", "2023-03-10", .other, "10.00", receipt: "R-OLD")
        let r = f.run()
        XCTAssertEqual(r.inputs.sales[0].issue?.code, "ROW-UNKNOWN-EMPLOYEE")
        XCTAssertNil(r.inputs.sales[1].issue, "a rejected row claims no key")
        XCTAssertEqual(r.inputs.sales[2].issue?.code, "ROW-DUPLICATE")
        XCTAssertEqual(r.inputs.expenses[0].issue?.code, "ROW-DUPLICATE", "receipt numbers are kept across periods")
    }
}
