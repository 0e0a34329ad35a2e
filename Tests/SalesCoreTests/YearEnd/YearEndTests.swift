import XCTest
@testable import SalesCore

final class YearEndTests: XCTestCase {
    /// December 2023 with January–November closed for `id`: each month `remitted` of `target`, `settled` settled.
    func year(
        _ f: inout RulesFixture, _ id: String, remitted: String, target: String?, settled: String,
        decRemitted: String, decTarget: String?
    ) {
        f.employee(id)
        for m in 1...11 {
            f.closedMonth(id, "2023-" + (m < 10 ? "0\(m)" : "\(m)"), remitted: remitted, target: target, settled: settled)
        }
        if let t = decTarget { f.target(id, remittance: t) }
        f.remittance(id, "2023-12-10", customer: "C-\(id)", amount: decRemitted)
    }

    func y(_ s: CloseState, _ id: String) -> YearEmployee { s.result.year!.employees.first { $0.employeeId == id }! }

    func test_YR_BONUS() {
        var f = RulesFixture("2023-12")
        year(&f, "E1", remitted: "10000.00", target: "10000.00", settled: "200.00", decRemitted: "10000.00", decTarget: "10000.00")
        f.ledger.months["E1"]![rp("2023-03")]!.commissionAdjusted = yuan("50.00")
        f.ledger.months["E1"]![rp("2023-11")]!.commissionForfeited = yuan("100.00")
        let s = f.run(between: { s in s.update("E1") { $0.commissionAdjustments = yuan("10.00") } })
        let e = y(s, "E1")
        // year 120000 / 120000 = 100% → 2.5%; total = 3000.00
        // paid = 11 × 200 + December's 200 (settled by §5) − 100 forfeited + 50 + 10 adjusted = 2360.00
        // bonus = 3000 − 2360 = 640.00
        XCTAssertEqual(e.attainment, 1.0)
        XCTAssertEqual(e.rate, Rate(num: 25, den: 1000))
        XCTAssertEqual(e.yearTotal, yuan("3000.00"))
        XCTAssertEqual(e.paid, yuan("2360.00"))
        XCTAssertEqual(e.bonus, yuan("640.00"))
        XCTAssertEqual(e.codes, ["YR-BONUS"])
        XCTAssertEqual(e.remitted, yuan("120000.00"))
        XCTAssertEqual(e.target, yuan("120000.00"))
        XCTAssertTrue(s.emp("E1").codes.contains("YR-BONUS"))
        XCTAssertEqual(s.result.year?.codes, [])
        XCTAssertEqual(s.result.year?.year, 2023)
    }

    func test_year_bonus_is_never_negative() {
        var f = RulesFixture("2023-12")
        year(&f, "E1", remitted: "5000.00", target: "10000.00", settled: "0", decRemitted: "5000.00", decTarget: "10000.00")
        f.ledger.months["E1"]![rp("2023-01")]!.commissionSettled = yuan("700.00")
        let s = f.run()
        let e = y(s, "E1")
        // 60000 / 120000 = 50% → 1.0%: total 600.00; paid 700.00 (December deferred: settled 0); bonus max(0, −100) = 0
        XCTAssertEqual(e.rate, Rate(num: 1, den: 100))
        XCTAssertEqual(e.yearTotal, yuan("600.00"))
        XCTAssertEqual(e.paid, yuan("700.00"))
        XCTAssertEqual(e.bonus, .zero)
        XCTAssertEqual(e.codes, ["YR-BONUS"])
        XCTAssertTrue(s.emp("E1").codes.contains("YR-BONUS"))
    }

    func test_year_tiers_compare_exactly() {
        var f = RulesFixture("2023-12")
        // 150% exactly → 3.0%: 180000.00 × 3% = 5400.00; paid 12 × 300 = 3600 → bonus 1800.00
        year(&f, "A", remitted: "15000.00", target: "10000.00", settled: "300.00", decRemitted: "15000.00", decTarget: "10000.00")
        // 95999.99 / 120000 = 79.99999% → 1.0%: 959.9999 → 960.00
        year(&f, "B", remitted: "8000.00", target: "10000.00", settled: "0", decRemitted: "7999.99", decTarget: "10000.00")
        // 96000.00 / 120000 = 80% → 2.0%: 1920.00; December settles 160.00 → paid 160.00; bonus 1760.00
        year(&f, "C", remitted: "8000.00", target: "10000.00", settled: "0", decRemitted: "8000.00", decTarget: "10000.00")
        let s = f.run()
        XCTAssertEqual(y(s, "A").rate, Rate(num: 3, den: 100))
        XCTAssertEqual(y(s, "A").attainment, 1.5)
        XCTAssertEqual(y(s, "A").yearTotal, yuan("5400.00"))
        XCTAssertEqual(y(s, "A").bonus, yuan("1800.00"))
        XCTAssertEqual(y(s, "B").rate, Rate(num: 1, den: 100))
        XCTAssertEqual(y(s, "B").yearTotal, yuan("960.00"))
        XCTAssertEqual(y(s, "C").rate, Rate(num: 2, den: 100))
        XCTAssertEqual(y(s, "C").yearTotal, yuan("1920.00"))
        XCTAssertEqual(y(s, "C").paid, yuan("160.00"))
        XCTAssertEqual(y(s, "C").bonus, yuan("1760.00"))
    }

    func test_YR_INCOMPLETE() {
        var f = RulesFixture("2023-12")
        year(&f, "E1", remitted: "10000.00", target: "10000.00", settled: "200.00", decRemitted: "10000.00", decTarget: "10000.00")
        f.ledger.closedPeriods.removeAll { $0 == rp("2023-11") }
        let s = f.run()
        XCTAssertEqual(s.result.year?.codes, ["YR-INCOMPLETE"])
        XCTAssertEqual(s.result.year?.employees.count, 0)
        XCTAssertFalse(s.emp("E1").codes.contains("YR-BONUS"))
    }

    func test_year_without_targets_and_who_is_listed() {
        var f = RulesFixture("2023-12")
        year(&f, "T", remitted: "100.00", target: nil, settled: "0", decRemitted: "100.00", decTarget: nil)
        year(&f, "L", remitted: "100.00", target: "100.00", settled: "0", decRemitted: "100.00", decTarget: "100.00")
        f.employee("D", role: .director)
        // L leaves on Dec 30: not active on Dec 31
        f.inputs.roster = f.inputs.roster.map { r in
            var r = r
            if r.value?.employeeId == "L" { r.value!.leaveDate = rd("2023-12-30") }
            return r
        }
        let s = f.run()
        XCTAssertEqual(s.result.year?.employees.map(\.employeeId), ["T"])
        let t = y(s, "T")
        XCTAssertNil(t.attainment); XCTAssertNil(t.rate); XCTAssertNil(t.yearTotal); XCTAssertNil(t.paid); XCTAssertNil(t.bonus)
        XCTAssertEqual(t.codes, [])
        XCTAssertFalse(s.emp("T").codes.contains("YR-BONUS"))
    }

    func test_no_year_block_outside_December() {
        var f = RulesFixture("2023-11")
        f.employee("E1")
        XCTAssertNil(f.run().result.year)
    }
}
