import XCTest
@testable import SalesCore

final class QuarterTests: XCTestCase {
    /// Q1 2023 at March's close: January and February closed for `id` with 1000.00 target and `janFeb` remitted each;
    /// March's target 1000.00 and remittance `march`.
    func quarter(
        _ id: String = "E1", janFeb: String = "1000.00", march: String, factor: Rate = .one,
        level: Level = .numbered(3), hire: String = "2020-01-01", outlets: Int = 0, outletsTarget: Int = 0,
        previous: QuarterOutcome? = nil
    ) -> RulesFixture {
        var f = RulesFixture("2023-03")
        f.employee(id, level: level, hire: hire)
        f.closedMonth(id, "2023-01", remitted: janFeb, target: "1000.00", outlets: outlets, outletsTarget: outletsTarget, level: level)
        f.closedMonth(id, "2023-02", remitted: janFeb, target: "1000.00", outlets: outlets, outletsTarget: outletsTarget, level: level)
        f.target(id, remittance: "1000.00", outlets: outletsTarget)
        if march != "0" { f.remittance(id, "2023-03-15", customer: "C1", amount: march) }
        f.ledger.balances[id] = CarriedBalances(payFactor: factor)
        if let p = previous { f.ledger.quarters[id] = [p] }
        return f
    }

    func q(_ s: CloseState, _ id: String = "E1") -> QuarterEmployee { s.result.quarter!.employees.first { $0.employeeId == id }! }

    func test_no_quarter_block_outside_quarter_ends() {
        var f = RulesFixture("2023-02")
        f.employee("E1")
        XCTAssertNil(f.run().result.quarter)
    }

    func test_QTR_INCOMPLETE() {
        var f = quarter(march: "1000.00", factor: Rate(num: 4, den: 5))
        f.ledger.closedPeriods = [rp("2023-02")]  // January never closed
        let s = f.run()
        XCTAssertEqual(s.result.quarter?.codes, ["QTR-INCOMPLETE"])
        XCTAssertEqual(s.result.quarter?.employees.count, 0)
        XCTAssertEqual(s.result.quarter?.label, "2023-Q1")
        XCTAssertTrue(s.result.quarterOutcomes.isEmpty)
        XCTAssertEqual(s.result.balancesAfter["E1"]?.payFactor, Rate(num: 4, den: 5))  // unchanged
        XCTAssertFalse(s.emp("E1").codes.contains { $0.hasPrefix("QTR-") })
    }

    func test_QTR_CUT() {
        // 1000 + 1000 + 399.99 = 2399.99 of 3000.00 = 79.9997% < 80% → cut
        let s = quarter(march: "399.99").run()
        XCTAssertEqual(q(s).codes, ["QTR-CUT"])
        XCTAssertTrue(q(s).assessed)
        XCTAssertEqual(q(s).attainment, 0.8)
        XCTAssertEqual(q(s).nextPayFactor, Rate(num: 4, den: 5))
        XCTAssertEqual(q(s).remitted, yuan("2399.99"))
        XCTAssertEqual(q(s).target, yuan("3000.00"))
        XCTAssertEqual(s.result.balancesAfter["E1"]?.payFactor, Rate(num: 4, den: 5))
        XCTAssertTrue(s.emp("E1").codes.contains("QTR-CUT"))
        // this month's pay still at the factor in force (1.0)
        XCTAssertEqual(s.emp("E1").payFactor, .one)
        XCTAssertEqual(s.result.quarterOutcomes["E1"]?.belowCut, true)

        // exactly 2400.00 = 80%: not cut, factor stays
        let t = quarter(march: "400.00").run()
        XCTAssertEqual(q(t).codes, [])
        XCTAssertEqual(q(t).nextPayFactor, .one)
    }

    func test_QTR_RESTORED() {
        // factor 0.8 in force, quarter 3000/3000 = 100% → 1.0, restored
        let s = quarter(march: "1000.00", factor: Rate(num: 4, den: 5)).run()
        XCTAssertEqual(q(s).codes, ["QTR-RESTORED"])
        XCTAssertEqual(q(s).nextPayFactor, .one)
        XCTAssertEqual(s.result.balancesAfter["E1"]?.payFactor, .one)
        XCTAssertEqual(s.emp("E1").payFactor, Rate(num: 4, den: 5))
        // not cut before: 100% gives no code
        let t = quarter(march: "1000.00").run()
        XCTAssertEqual(q(t).codes, [])
        XCTAssertEqual(q(t).nextPayFactor, .one)
    }

    func test_a_cut_lasts_until_a_quarter_reaches_100_percent() {
        // 2999.99 / 3000 = 99.9997%: between the thresholds → the cut factor stays
        let s = quarter(march: "999.99", factor: Rate(num: 4, den: 5)).run()
        XCTAssertEqual(q(s).codes, [])
        XCTAssertEqual(q(s).nextPayFactor, Rate(num: 4, den: 5))
        XCTAssertEqual(s.result.balancesAfter["E1"]?.payFactor, Rate(num: 4, den: 5))
    }

    func test_QTR_REVIEW() {
        // 2022-Q4 assessed below the cut, 2023-Q1 below again (across the year end) → review and cut
        let prev = QuarterOutcome(year: 2022, quarter: 4, assessed: true, belowCut: true, promoteQualified: false, level: .numbered(3))
        let s = quarter(janFeb: "500.00", march: "500.00", factor: Rate(num: 4, den: 5), previous: prev).run()
        XCTAssertEqual(q(s).codes, ["QTR-CUT", "QTR-REVIEW"])
        XCTAssertTrue(s.emp("E1").codes.contains("QTR-REVIEW"))
        // the preceding quarter not assessed breaks the run
        let na = QuarterOutcome(year: 2022, quarter: 4, assessed: false, belowCut: false, promoteQualified: false, level: .numbered(3))
        XCTAssertEqual(q(quarter(janFeb: "500.00", march: "500.00", previous: na).run()).codes, ["QTR-CUT"])
        // a quarter not immediately preceding does not count
        let q3 = QuarterOutcome(year: 2022, quarter: 3, assessed: true, belowCut: true, promoteQualified: false, level: .numbered(3))
        XCTAssertEqual(q(quarter(janFeb: "500.00", march: "500.00", previous: q3).run()).codes, ["QTR-CUT"])
    }

    func test_QTR_PROMOTE() {
        let prev = QuarterOutcome(year: 2022, quarter: 4, assessed: true, belowCut: false, promoteQualified: true, level: .numbered(3))
        // 3000 / 3000 = 100%; new outlets 3 + 3 + 0 (March sold nothing) = 6 ≥ targets 2 + 2 + 2 = 6 → candidate
        let s = quarter(march: "1000.00", outlets: 3, outletsTarget: 2, previous: prev).run()
        XCTAssertEqual(q(s).codes, ["QTR-PROMOTE"])
        XCTAssertEqual(q(s).newOutlets, 6)
        XCTAssertEqual(q(s).newOutletsTarget, 6)
        XCTAssertEqual(s.result.quarterOutcomes["E1"]?.promoteQualified, true)
        XCTAssertTrue(s.emp("E1").codes.contains("QTR-PROMOTE"))
        // 2999.99: below the promote threshold → no candidate (and no change of factor)
        XCTAssertEqual(q(quarter(march: "999.99", outlets: 3, outletsTarget: 2, previous: prev).run()).codes, [])
        // the preceding quarter did not qualify → no run
        let weak = QuarterOutcome(year: 2022, quarter: 4, assessed: true, belowCut: false, promoteQualified: false, level: .numbered(3))
        XCTAssertEqual(q(quarter(march: "1000.00", outlets: 3, outletsTarget: 2, previous: weak).run()).codes, [])
    }

    func test_QTR_PROMOTE_counts_this_months_outlets_and_needs_the_outlet_target() {
        let prev = QuarterOutcome(year: 2022, quarter: 4, assessed: true, belowCut: false, promoteQualified: true, level: .numbered(3))
        var f = quarter(march: "0", outlets: 2, outletsTarget: 2, previous: prev)
        // March: two new customers (cell says yes), paid in full
        f.sale("E1", "2023-03-02", customer: "N1", amount: "600.00", remitted: "600.00", newCustomer: true)
        f.sale("E1", "2023-03-03", customer: "N2", amount: "400.00", remitted: "400.00", newCustomer: true)
        let s = f.run()
        XCTAssertEqual(q(s).newOutlets, 6)
        XCTAssertEqual(q(s).codes, ["QTR-PROMOTE"])
        // one new customer fewer: 5 < 6 → no promotion
        var g = quarter(march: "0", outlets: 2, outletsTarget: 2, previous: prev)
        g.sale("E1", "2023-03-02", customer: "N1", amount: "1000.00", remitted: "1000.00", newCustomer: true)
        let t = g.run()
        XCTAssertEqual(q(t).codes, [])
        XCTAssertEqual(t.result.quarterOutcomes["E1"]?.promoteQualified, false)
    }

    func test_QTR_PROMOTE_ignores_quarters_before_a_level_change_and_level_1() {
        // the preceding quarter was recorded at level 4; the roster now says 3 → does not count
        let atOld = QuarterOutcome(year: 2022, quarter: 4, assessed: true, belowCut: false, promoteQualified: true, level: .numbered(4))
        let s = quarter(march: "1000.00", previous: atOld).run()
        XCTAssertEqual(q(s).codes, [])
        XCTAssertEqual(s.result.quarterOutcomes["E1"]?.promoteQualified, true)  // this quarter starts a new run
        XCTAssertEqual(s.result.quarterOutcomes["E1"]?.level, .numbered(3))
        // already level 1: never a candidate
        let top = QuarterOutcome(year: 2022, quarter: 4, assessed: true, belowCut: false, promoteQualified: true, level: .numbered(1))
        XCTAssertEqual(q(quarter(march: "1000.00", level: .numbered(1), previous: top).run()).codes, [])
    }

    func test_probation_ending_on_the_quarters_last_day_counts_as_ended() {
        // hired 2022-12-31 + 3 months = 2023-03-31, the quarter's last day → assessed
        let s = quarter(janFeb: "500.00", march: "500.00", hire: "2022-12-31").run()
        XCTAssertTrue(q(s).assessed)
        XCTAssertEqual(q(s).codes, ["QTR-CUT"])
        // hired 2023-01-01 → ends 2023-04-01, after the quarter → not assessed, factor unchanged
        let t = quarter(janFeb: "500.00", march: "500.00", factor: Rate(num: 4, den: 5), hire: "2023-01-01").run()
        XCTAssertFalse(q(t).assessed)
        XCTAssertEqual(q(t).codes, [])
        XCTAssertEqual(q(t).nextPayFactor, Rate(num: 4, den: 5))
        XCTAssertEqual(t.result.quarterOutcomes["E1"]?.assessed, false)
        // hired 2022-11-30 + 3 months = 2023-02-28 → assessed
        XCTAssertTrue(q(quarter(march: "1000.00", hire: "2022-11-30").run()).assessed)
    }

    func test_Nov_30_plus_3_months_is_the_end_of_February() {
        let r = RosterRow(employeeId: "E", name: "E", role: .sales_rep, region: "R", hireDate: rd("2023-11-30"))
        XCTAssertEqual(QuarterReview.probationEnd(r, months: 3), rd("2024-02-29"))
        let r2 = RosterRow(employeeId: "E", name: "E", role: .sales_rep, region: "R", hireDate: rd("2022-11-30"))
        XCTAssertEqual(QuarterReview.probationEnd(r2, months: 3), rd("2023-02-28"))
        let r3 = RosterRow(employeeId: "E", name: "E", role: .sales_rep, region: "R", hireDate: rd("2023-01-15"))
        XCTAssertEqual(QuarterReview.probationEnd(r3, months: 3), rd("2023-04-15"))
    }

    func test_who_is_listed_and_a_quarter_without_targets() {
        var f = quarter(march: "1000.00")
        f.employee("Z", leave: "2023-03-15")  // not active on the last day: not listed
        f.employee("D", role: .director)  // not a commission role: not listed
        f.employee("T")  // no target in any month: listed, not assessed
        f.closedMonth("T", "2023-01", remitted: "100.00", target: nil)
        let s = f.run()
        XCTAssertEqual(s.result.quarter?.employees.map(\.employeeId), ["E1", "T"])
        XCTAssertEqual(s.result.quarter?.codes, [])
        XCTAssertFalse(q(s, "T").assessed)
        XCTAssertNil(q(s, "T").attainment)
        XCTAssertEqual(q(s, "T").nextPayFactor, .one)
        XCTAssertNil(s.result.quarterOutcomes["Z"])
    }

    func test_a_month_without_a_target_row_adds_zero() {
        var f = RulesFixture("2023-06")
        f.employee("E1")
        f.closedMonth("E1", "2023-04", remitted: "900.00", target: nil)
        f.closedMonth("E1", "2023-05", remitted: "0", target: "1000.00")
        f.target("E1", remittance: "1000.00")
        f.remittance("E1", "2023-06-01", amount: "700.00")
        let s = f.run()
        // (900 + 0 + 700) / (0 + 1000 + 1000) = 1600 / 2000 = 80% → not cut
        XCTAssertEqual(q(s).attainment, 0.8)
        XCTAssertEqual(q(s).codes, [])
        XCTAssertEqual(s.result.quarter?.label, "2023-Q2")
    }
}
