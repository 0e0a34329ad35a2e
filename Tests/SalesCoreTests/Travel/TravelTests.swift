import XCTest
@testable import SalesCore

/// rules.md §2 — one test per code, named after it.
final class TravelTests: XCTestCase {
    func test_ATT_TRAVEL_UNVERIFIED() {
        var f = CloseFixture()
        f.travel("M1", ["2023-03-07"], plan: "郑州")
        f.travel("M1", ["2023-03-08"], plan: "新乡")  // attendance 郑州, plan 新乡
        f.travel("M1", ["2023-03-09"])  // no plan row
        f.travel("R1", ["2023-03-09"])  // not a plan role: verified
        let r = f.run()
        let m1 = r.emp("M1")!
        XCTAssertEqual(m1.travelDays, 3)
        XCTAssertEqual(m1.verifiedTravelDays, 1)
        XCTAssertEqual(m1.unverifiedTravelDates, [rd("2023-03-08"), rd("2023-03-09")])
        XCTAssertTrue(m1.codes.contains("ATT-TRAVEL-UNVERIFIED"))
        XCTAssertEqual(m1.mealAllowance, yuan("25.00"), "verified days × 25.00")
        XCTAssertEqual(r.emp("R1")?.mealAllowance, yuan("20.00"))
        XCTAssertFalse(r.emp("R1")!.codes.contains("ATT-TRAVEL-UNVERIFIED"))
    }

    func test_ATT_TRAVEL_DAYS_LOW() {
        var f = CloseFixture()
        f.travel("M1", (1...19).map { String(format: "2023-03-%02d", $0) }, plan: "郑州")
        f.travel("M2", (1...20).map { String(format: "2023-03-%02d", $0) })
        f.employee("M3", "新经理", .regional_manager, hire: "2023-03-10")  // not active every day: not flagged
        let r = f.run()
        XCTAssertTrue(r.emp("M1")!.codes.contains("ATT-TRAVEL-DAYS-LOW"))
        XCTAssertFalse(r.emp("M2")!.codes.contains("ATT-TRAVEL-DAYS-LOW"))
        XCTAssertFalse(r.emp("M3")!.codes.contains("ATT-TRAVEL-DAYS-LOW"))
        XCTAssertFalse(r.emp("R1")!.codes.contains("ATT-TRAVEL-DAYS-LOW"), "sales_rep has no minimum")
    }

    func test_AUDIT() {
        var f = CloseFixture()
        f.office("R1", "2023-03-10")
        f.expense("R1", "2023-03-10", .lodging, "80.00")
        let r = f.run()
        XCTAssertTrue(r.emp("R1")!.codes.contains("AUDIT"))
        XCTAssertFalse(r.emp("R1")!.codes.contains("AUDIT-FORFEIT"), "forfeit_on_audit defaults to false")
        XCTAssertEqual(r.emp("R1")?.forfeitedExpenses, .zero)
    }

    func test_AUDIT_FORFEIT() {
        var f = CloseFixture()
        f.policy.forfeitOnAudit = true
        f.travel("R1", ["2023-03-10", "2023-03-11"])
        f.office("R1", "2023-03-12")
        f.expense("R1", "2023-03-10", .lodging, "80.00")  // approved 80.00
        f.expense("R1", "2023-03-10", .transport, "40.00", mode: .bus)  // approved 40.00
        f.expense("R1", "2023-03-11", .other, "15.00")  // not lodging/transport: kept
        f.expense("R1", "2023-03-12", .lodging, "90.00")  // not travelling → AUDIT
        let r = f.run()
        let e = r.emp("R1")!
        XCTAssertTrue(e.codes.contains("AUDIT-FORFEIT"))
        // forfeited = 80 + 40 + meal allowance 2 × 20.00 = 160.00; reimbursement = 135 + 40 − 160 = 15.00
        XCTAssertEqual(e.forfeitedExpenses, yuan("160.00"))
        XCTAssertEqual(e.reimbursement, yuan("15.00"))
        XCTAssertEqual(e.netPayable, yuan("15.00"))
    }
}
