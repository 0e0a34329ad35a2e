import XCTest
@testable import SalesCore

/// rules.md §9 — one test per code, named after it.
final class AdjustmentsTests: XCTestCase {
    func test_ADJ_UNAUTHORISED() {
        var f = CloseFixture()
        let byRM = f.adjustment("R1", "2023-03-10", .reimbursement, "20.00", by: "M1")
        let byName = f.adjustment("R1", "2023-03-11", .reimbursement, "20.00", by: "王总")
        let r = f.run()
        let row = r.inputs.adjustments.first { $0.ref == byRM }!
        XCTAssertEqual(row.issue?.code, "ADJ-UNAUTHORISED")
        XCTAssertEqual(row.issue?.column, "approved_by")
        XCTAssertNil(r.inputs.adjustments.first { $0.ref == byName }?.issue)
        XCTAssertEqual(r.emp("R1")?.reimbursementAdjustments, yuan("20.00"))
    }

    func test_ADJ_EXCEEDS_BALANCE() {
        var f = CloseFixture()
        f.advance("M1", "2023-03-05", "500.00")
        let early = f.adjustment("M1", "2023-03-04", .advance_repaid, "100.00")  // before the advance: nothing outstanding
        let ok = f.adjustment("M1", "2023-03-06", .advance_written_off, "500.00")
        let r = f.run()
        let e = r.inputs.adjustments.first { $0.ref == early }!
        XCTAssertEqual(e.issue?.code, "ADJ-EXCEEDS-BALANCE")
        XCTAssertEqual(e.issue?.column, "amount")
        XCTAssertNil(r.inputs.adjustments.first { $0.ref == ok }?.issue)
        XCTAssertEqual(r.emp("M1")?.advanceOutstandingAfter, .zero)
        XCTAssertEqual(r.adjustments.count, 1)
    }
}
