import XCTest
@testable import SalesCore

final class CommissionTests: XCTestCase {
    func test_COM_SETTLED() {
        var f = RulesFixture("2023-03")
        f.employee("E1")
        f.ledger.balances["E1"] = CarriedBalances(commissionDeferred: yuan("150.00"))
        f.target("E1", remittance: "12000.00")
        f.sale("E1", "2023-03-02", amount: "20000.00", remitted: "10000.00")
        let e = f.run().emp("E1")
        // 10000 / 12000 = 0.83333… ≥ 80%; earned = 10000 × 2% = 200.00; settled = 200 + 150 = 350.00
        XCTAssertEqual(e.attainment, 0.8333)
        XCTAssertEqual(e.commissionEarned, yuan("200.00"))
        XCTAssertEqual(e.commissionDeferredBefore, yuan("150.00"))
        XCTAssertEqual(e.commissionSettled, yuan("350.00"))
        XCTAssertEqual(e.commissionDeferredBalance, .zero)
        XCTAssertTrue(e.codes.contains("COM-SETTLED"))
        XCTAssertFalse(e.codes.contains("COM-DEFERRED"))
    }

    func test_COM_DEFERRED() {
        var f = RulesFixture("2023-03")
        f.employee("E1")
        f.ledger.balances["E1"] = CarriedBalances(commissionDeferred: yuan("150.00"))
        f.target("E1", remittance: "12000.00")
        f.remittance("E1", "2023-03-05", amount: "9000.00")
        let s = f.run()
        let e = s.emp("E1")
        // 9000 / 12000 = 75% < 80%; earned 180.00; settled 0; deferred 150 + 180 = 330.00
        XCTAssertEqual(e.attainment, 0.75)
        XCTAssertEqual(e.commissionEarned, yuan("180.00"))
        XCTAssertEqual(e.commissionSettled, .zero)
        XCTAssertEqual(e.commissionDeferredBalance, yuan("330.00"))
        XCTAssertEqual(e.codes.filter { $0.hasPrefix("COM-") }, ["COM-DEFERRED"])
        XCTAssertEqual(s.result.balancesAfter["E1"]?.commissionDeferred, yuan("330.00"))
        XCTAssertEqual(s.result.monthsAfter["E1"]?.commissionDeferredAfter, yuan("330.00"))
    }

    func test_settle_gate_is_exact_at_80_percent() {
        var f = RulesFixture("2023-03")
        f.employee("A"); f.employee("B"); f.employee("C"); f.employee("D")
        for id in ["A", "B"] { f.target(id, remittance: "10000.00") }
        for id in ["C", "D"] { f.target(id, remittance: "3333.33") }
        f.remittance("A", "2023-03-01", amount: "7999.99")  // 79.9999% (shows as 0.8000) → deferred
        f.remittance("B", "2023-03-01", amount: "8000.00")  // exactly 80% → settled
        f.remittance("C", "2023-03-01", amount: "2666.66")  // 80% of 3333.33 is 2666.664 → below
        f.remittance("D", "2023-03-01", amount: "2666.67")  // above
        let s = f.run()
        XCTAssertEqual(s.emp("A").attainment, 0.8)
        XCTAssertTrue(s.emp("A").codes.contains("COM-DEFERRED"))
        XCTAssertEqual(s.emp("A").commissionSettled, .zero)
        // 7999.99 × 2% = 159.9998 → 160.00
        XCTAssertEqual(s.emp("A").commissionDeferredBalance, yuan("160.00"))
        XCTAssertTrue(s.emp("B").codes.contains("COM-SETTLED"))
        XCTAssertEqual(s.emp("B").commissionSettled, yuan("160.00"))
        XCTAssertTrue(s.emp("C").codes.contains("COM-DEFERRED"))
        XCTAssertTrue(s.emp("D").codes.contains("COM-SETTLED"))
    }

    func test_COM_NO_TARGET() {
        var f = RulesFixture("2023-03")
        f.employee("E1"); f.employee("E2")
        f.ledger.balances["E1"] = CarriedBalances(commissionDeferred: yuan("10.00"))
        f.target("E2", remittance: "0")
        f.remittance("E1", "2023-03-01", amount: "500.00")
        f.remittance("E2", "2023-03-01", amount: "500.00")
        let s = f.run()
        for id in ["E1", "E2"] {
            let e = s.emp(id)
            XCTAssertNil(e.attainment)
            XCTAssertTrue(e.codes.contains("COM-NO-TARGET"))
            XCTAssertTrue(e.codes.contains("COM-DEFERRED"))
            XCTAssertEqual(e.commissionEarned, yuan("10.00"))
            XCTAssertEqual(e.commissionSettled, .zero)
        }
        XCTAssertEqual(s.emp("E1").commissionDeferredBalance, yuan("20.00"))
        XCTAssertEqual(s.emp("E2").commissionDeferredBalance, yuan("10.00"))
        XCTAssertNil(s.result.monthsAfter["E1"]?.remittanceTarget)
        XCTAssertEqual(s.result.monthsAfter["E2"]?.remittanceTarget, .zero)
    }

    func test_negative_earned_in_a_refund_month_is_a_clawback() {
        var f = RulesFixture("2023-03")
        f.employee("R1"); f.employee("R2")
        // R1: refunds only: remitted −500.00 → earned −10.00, below target → deferred 0 − 10 = −10.00
        f.target("R1", remittance: "1000.00")
        f.sale("R1", "2023-03-03", amount: "-500.00", remitted: "-500.00")
        // R2: settles with a negative balance carried: earned 20.00 + (−50.00) = −30.00 settled;
        // gross = (800 + 700) × 1 − 30.00 = 1470.00
        f.ledger.balances["R2"] = CarriedBalances(commissionDeferred: yuan("-50.00"))
        f.target("R2", remittance: "1000.00")
        f.remittance("R2", "2023-03-03", amount: "1000.00")
        let s = f.run()
        XCTAssertEqual(s.emp("R1").commissionEarned, yuan("-10.00"))
        XCTAssertEqual(s.emp("R1").commissionDeferredBalance, yuan("-10.00"))
        XCTAssertEqual(s.emp("R1").attainment, -0.5)
        XCTAssertEqual(s.emp("R2").commissionSettled, yuan("-30.00"))
        XCTAssertEqual(s.emp("R2").grossPay, yuan("1470.00"))
    }

    func test_earned_rounds_half_away_from_zero() {
        var f = RulesFixture("2023-03")
        f.employee("P"); f.employee("N")
        f.remittance("P", "2023-03-01", amount: "0.25")  // 0.5 fen → 1 fen
        f.remittance("N", "2023-03-01", amount: "-0.25")  // −0.5 fen → −1 fen
        let s = f.run()
        XCTAssertEqual(s.emp("P").commissionEarned, Money(fen: 1))
        XCTAssertEqual(s.emp("N").commissionEarned, Money(fen: -1))
    }

    func test_December_deferred_balance_is_not_carried_into_January() {
        // December: reported as §5 leaves it, carried as 0.
        var f = RulesFixture("2023-12")
        f.employee("E1")
        f.ledger.balances["E1"] = CarriedBalances(commissionDeferred: yuan("100.00"))
        f.target("E1", remittance: "10000.00")
        f.remittance("E1", "2023-12-01", amount: "1000.00")  // 10% → deferred; earned 20.00
        let s = f.run()
        XCTAssertEqual(s.emp("E1").commissionDeferredBalance, yuan("120.00"))
        XCTAssertEqual(s.result.monthsAfter["E1"]?.commissionDeferredAfter, yuan("120.00"))
        XCTAssertEqual(s.result.balancesAfter["E1"]?.commissionDeferred, .zero)

        // January starts from 0 even if a ledger carried something.
        var g = RulesFixture("2024-01")
        g.employee("E1")
        g.ledger.balances["E1"] = CarriedBalances(commissionDeferred: yuan("120.00"))
        g.target("E1", remittance: "1000.00")
        g.remittance("E1", "2024-01-05", amount: "1000.00")  // 100% → settled 20.00 + 0
        let t = g.run()
        XCTAssertEqual(t.emp("E1").commissionDeferredBefore, .zero)
        XCTAssertEqual(t.emp("E1").commissionSettled, yuan("20.00"))
    }

    func test_roles_outside_commission_roles_and_inactive_employees_keep_their_balance() {
        var f = RulesFixture("2023-03")
        f.employee("D1", role: .director)
        f.employee("L1", leave: "2023-01-15")
        f.ledger.balances["L1"] = CarriedBalances(commissionDeferred: yuan("88.00"))
        f.remittance("D1", "2023-03-01", amount: "1000.00")
        f.target("D1", remittance: "1000.00")
        let s = f.run()
        XCTAssertEqual(s.emp("D1").commissionEarned, .zero)
        XCTAssertTrue(s.emp("D1").codes.filter { $0.hasPrefix("COM-") }.isEmpty)
        XCTAssertEqual(s.emp("L1").commissionDeferredBalance, yuan("88.00"))
        XCTAssertEqual(s.result.balancesAfter["L1"]?.commissionDeferred, yuan("88.00"))
        XCTAssertTrue(s.emp("L1").codes.isEmpty)
    }
}
