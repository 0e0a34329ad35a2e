import XCTest
@testable import SalesCore

/// rules.md §3 — one test per code, named after it; and the settlement.
final class AdvancesTests: XCTestCase {
    func test_ADV_NOT_ELIGIBLE() {
        var f = CloseFixture()
        let a = f.advance("R1", "2023-03-02", "500.00")
        let r = f.run()
        XCTAssertEqual(r.advance(a)?.decision, .denied)
        XCTAssertEqual(r.advance(a)?.codes, ["ADV-NOT-ELIGIBLE"])
    }

    func test_ADV_LATE_CLAIM() {
        var f = CloseFixture()
        f.ledger.closedPeriods = [rp("2023-02")]
        var rec = PeriodRecord(period: rp("2023-02"))
        rec.lateClaimants = ["M1"]
        rec.travellers = ["M1", "M2"]
        rec.attendance[.init("M2", rd("2023-02-20"))] = .init(status: .travel, city: "郑州")
        f.ledger.previous = rec
        f.expense("M2", "2023-02-20", .other, "10.00", submitted: "2023-03-03")  // M2's late claim arrives now
        let m1 = f.advance("M1", "2023-03-02", "500.00")
        let m2 = f.advance("M2", "2023-03-05", "500.00")
        let r = f.run()
        XCTAssertEqual(r.advance(m1)?.codes, ["ADV-LATE-CLAIM"])
        XCTAssertEqual(r.advance(m2)?.codes, ["ADV-LATE-CLAIM"])
    }

    func test_ADV_OVER_LIMIT() {
        var f = CloseFixture()
        f.ledger.closedPeriods = [rp("2023-02")]
        f.ledger.balances["M1"] = CarriedBalances(advanceOutstanding: yuan("1000.00"))
        let a = f.advance("M1", "2023-03-02", "1500.00")  // 2500.00
        let b = f.advance("M1", "2023-03-03", "600.00")  // 3100.00 > 3000.00 → denied whole
        let repaid = f.adjustment("M1", "2023-03-03", .advance_repaid, "200.00")  // same date: after requests
        let c = f.advance("M1", "2023-03-04", "700.00")  // 2300.00 + 700.00 = 3000.00 → approved
        let r = f.run()
        XCTAssertEqual(r.advance(a)?.decision, .approved)
        XCTAssertEqual(r.advance(b)?.codes, ["ADV-OVER-LIMIT"])
        XCTAssertEqual(r.advance(c)?.decision, .approved)
        XCTAssertNil(r.inputs.adjustments.first { $0.ref == repaid }?.issue)
        let m1 = r.emp("M1")!
        XCTAssertEqual(m1.advanceOutstandingBefore, yuan("1000.00"))
        XCTAssertEqual(m1.advancesApproved, yuan("2200.00"))
        XCTAssertEqual(m1.advanceRepaid, yuan("200.00"))
        XCTAssertEqual(m1.advanceOutstandingAfter, yuan("3000.00"))
    }

    func test_settlement_and_net_payable() {
        var f = CloseFixture()
        f.ledger.closedPeriods = [rp("2023-02")]
        f.ledger.balances["M1"] = CarriedBalances(advanceOutstanding: yuan("100.00"))
        f.travel("M1", ["2023-03-07"], plan: "郑州")
        f.expense("M1", "2023-03-07", .transport, "300.00", mode: .train)
        f.adjustment("M1", "2023-03-20", .reimbursement, "-50.00")
        f.adjustment("M1", "2023-03-21", .advance_written_off, "30.00")
        let r = f.run()
        let m1 = r.emp("M1")!
        // reimbursement = 300 + 25 meal − 50 = 275.00; outstanding = 100 − 30 = 70.00; settled 70.00; net 205.00
        XCTAssertEqual(m1.reimbursement, yuan("275.00"))
        XCTAssertEqual(m1.advanceSettled, yuan("70.00"))
        XCTAssertEqual(m1.netPayable, yuan("205.00"))
        XCTAssertEqual(m1.advanceOutstandingAfter, .zero)
        XCTAssertEqual(m1.advanceWrittenOff, yuan("30.00"))
        XCTAssertEqual(r.balancesAfter["M1"]?.advanceOutstanding, .zero)
    }

    func test_leaver_keeps_the_balance_to_recover() {
        var f = CloseFixture()
        f.employee("M9", "离职经理", .regional_manager, hire: "2019-01-01", leave: "2023-02-10")
        f.ledger.closedPeriods = [rp("2023-02")]
        f.ledger.balances["M9"] = CarriedBalances(advanceOutstanding: yuan("800.00"))
        f.adjustment("M9", "2023-03-15", .advance_repaid, "300.00")
        let r = f.run()
        let m9 = r.emp("M9")!
        XCTAssertFalse(m9.active)
        XCTAssertNil(m9.grossPay)
        XCTAssertEqual(m9.advanceOutstandingAfter, yuan("500.00"))
    }
}
