import XCTest
@testable import SalesCore

/// rules.md §4 — one test per code, named after it; and the figures of the sales stage.
final class SalesTests: XCTestCase {
    func test_sales_and_remitted_are_credited_to_the_row_employee() {
        var f = RulesFixture("2023-03")
        f.employee("E1"); f.employee("E2")
        f.target("E1", sales: "3000.00", remittance: "1000.00", outlets: 2)
        f.sale("E1", "2023-03-02", amount: "1000.00", remitted: "300.00")
        f.sale("E1", "2023-03-05", customer: "C2", amount: "500.00")
        f.sale("E2", "2023-03-05", customer: "C2", amount: "70.00", remitted: "70.00")
        f.remittance("E1", "2023-03-20", customer: "C9", amount: "200.00")
        let s = f.run()
        // E1: sales 1000 + 500 = 1500.00; remitted 300 (cell) + 200 (remittance row) = 500.00
        XCTAssertEqual(s.emp("E1").sales, yuan("1500.00"))
        XCTAssertEqual(s.emp("E1").remitted, yuan("500.00"))
        XCTAssertEqual(s.emp("E1").salesTarget, yuan("3000.00"))
        XCTAssertEqual(s.emp("E1").remittanceTarget, yuan("1000.00"))
        XCTAssertEqual(s.emp("E1").newOutletsTarget, 2)
        // 1500 / 3000 = 0.5
        XCTAssertEqual(s.emp("E1").salesAttainment, 0.5)
        XCTAssertEqual(s.emp("E2").sales, yuan("70.00"))
        XCTAssertEqual(s.emp("E2").remitted, yuan("70.00"))
        // no target row: targets nil, sales attainment nil
        XCTAssertNil(s.emp("E2").salesTarget)
        XCTAssertNil(s.emp("E2").remittanceTarget)
        XCTAssertNil(s.emp("E2").salesAttainment)
    }

    func test_SAL_AMOUNT_MISMATCH() {
        var f = RulesFixture("2023-03")
        f.employee("E1"); f.employee("E2"); f.employee("E3")
        // 3 × 33.33 = 99.99; amount 100.00: off by exactly 0.01 → not above 0.01, no flag
        f.sale("E1", "2023-03-01", quantity: "3", unitPrice: "33.33", amount: "100.00")
        // 1.5 × 10.01 = 15.015; amount 15.01: off by 0.005 → no flag
        f.sale("E1", "2023-03-01", quantity: "1.5", unitPrice: "10.01", amount: "15.01")
        // no unit price: never flagged
        f.sale("E1", "2023-03-01", quantity: "7", amount: "1.00")
        // 3 × 33.33 = 99.99; amount 100.01: off by 0.02 → flagged
        f.sale("E2", "2023-03-02", quantity: "3", unitPrice: "33.33", amount: "100.01")
        // 0.3333 × 100.00 = 33.33; amount 33.31: off by 0.02 → flagged; 33.32 off by 0.01 → not
        f.sale("E3", "2023-03-03", quantity: "0.3333", unitPrice: "100.00", amount: "33.32")
        f.sale("E3", "2023-03-03", quantity: "0.3333", unitPrice: "100.00", amount: "33.31")
        // 1.00005 is not a Decimal4; 2.0001 × 5000.00 = 10000.50; amount 10000.51 → 0.01, no flag
        f.sale("E1", "2023-03-04", quantity: "2.0001", unitPrice: "5000.00", amount: "10000.51")
        let s = f.run()
        XCTAssertFalse(s.emp("E1").codes.contains("SAL-AMOUNT-MISMATCH"))
        XCTAssertTrue(s.emp("E2").codes.contains("SAL-AMOUNT-MISMATCH"))
        XCTAssertTrue(s.emp("E3").codes.contains("SAL-AMOUNT-MISMATCH"))
        XCTAssertEqual(s.result.salesMismatches.map(\.row.amount), [yuan("100.01"), yuan("33.31")])
        // amount stands
        XCTAssertEqual(s.emp("E2").sales, yuan("100.01"))
        XCTAssertEqual(s.emp("E3").sales, yuan("66.63"))
    }

    func test_receivables_run_across_periods_largest_first() {
        var f = RulesFixture("2023-03")
        f.employee("E1", region: "华北"); f.employee("E2", region: "华东")
        f.ledger.customers["C1"] = CustomerBalance(receivable: yuan("1000.00"), hadSales: true, name: "老客户甲")
        f.ledger.customers["C3"] = CustomerBalance(receivable: yuan("700.00"), hadSales: true, name: "丙")
        f.ledger.customers["C4"] = CustomerBalance(receivable: yuan("400.00"), hadSales: true, name: "丁")
        f.close("2023-02")
        f.sale("E1", "2023-03-02", customer: "C2", name: "乙旧名", amount: "300.00", remitted: "100.00")
        f.sale("E2", "2023-03-09", customer: "C2", name: "乙", amount: "200.00")
        f.remittance("E1", "2023-03-10", customer: "C1", amount: "400.00")
        let s = f.run()
        // C1: 1000 + 0 − 400 = 600; C2: 0 + 500 − 100 = 400; C3: 700; C4: 400 (tie with C2 → by id)
        let c = s.result.customers
        XCTAssertEqual(c.map(\.customerId), ["C3", "C1", "C2", "C4"])
        XCTAssertEqual(c.map(\.receivableAfter), [yuan("700.00"), yuan("600.00"), yuan("400.00"), yuan("400.00")])
        let c2 = c.first { $0.customerId == "C2" }!
        XCTAssertEqual(c2.sales, yuan("500.00"))
        XCTAssertEqual(c2.remitted, yuan("100.00"))
        XCTAssertEqual(c2.receivableBefore, .zero)
        XCTAssertEqual(c2.name, "乙")  // latest sales row's name
        XCTAssertEqual(c2.regions, ["华东", "华北"].sorted())
        let c1 = c.first { $0.customerId == "C1" }!
        XCTAssertEqual(c1.name, "老客户甲")
        XCTAssertEqual(c1.regions, ["华北"])
        XCTAssertEqual(c.first { $0.customerId == "C3" }!.regions, [])
    }

    func test_remittance_of_a_leaver_counts_for_the_employee_only_while_active() {
        var f = RulesFixture("2023-03")
        f.employee("E1", region: "华南", leave: "2023-03-10")
        f.employee("E0", region: "西北", leave: "2023-01-31")  // left before the period
        f.remittance("E1", "2023-03-10", customer: "C1", amount: "100.00")  // last active day: counts
        f.remittance("E1", "2023-03-20", customer: "C1", amount: "200.00")  // after leaving: customer and region only
        f.remittance("E0", "2023-03-05", customer: "C2", amount: "50.00")
        let s = f.run()
        XCTAssertEqual(s.emp("E1").remitted, yuan("100.00"))
        XCTAssertEqual(s.emp("E0").remitted, .zero)
        let c1 = s.result.customers.first { $0.customerId == "C1" }!
        XCTAssertEqual(c1.remitted, yuan("300.00"))
        XCTAssertEqual(c1.receivableAfter, yuan("-300.00"))
        XCTAssertEqual(c1.regions, ["华南"])
        XCTAssertEqual(s.result.customers.first { $0.customerId == "C2" }!.regions, ["西北"])
    }

    func test_new_outlets_from_the_new_customer_cell() {
        var f = RulesFixture("2023-03")
        f.employee("E1"); f.employee("E2")
        f.close("2023-02")
        f.ledger.customers["C1"] = CustomerBalance(receivable: .zero, hadSales: true)
        // C1 sold before, but a row of the period says yes (another says no): new for both employees
        f.sale("E1", "2023-03-01", customer: "C1", amount: "10.00", newCustomer: false)
        f.sale("E2", "2023-03-02", customer: "C1", amount: "10.00", newCustomer: true)
        // C5 never sold before, but the cell says no: not new
        f.sale("E1", "2023-03-03", customer: "C5", amount: "10.00", newCustomer: false)
        // C6 sold twice by E1, one empty cell, one yes: new, counted once
        f.sale("E1", "2023-03-03", customer: "C6", amount: "10.00")
        f.sale("E1", "2023-03-04", customer: "C6", amount: "10.00", newCustomer: true)
        let s = f.run()
        XCTAssertEqual(s.emp("E1").newOutlets, 2)  // C1, C6
        XCTAssertEqual(s.emp("E2").newOutlets, 1)  // C1
    }

    func test_new_outlets_from_the_ledger_when_no_cell_is_given() {
        var f = RulesFixture("2023-03")
        f.employee("E1")
        f.close("2023-02")
        f.ledger.customers["C1"] = CustomerBalance(receivable: yuan("10.00"), hadSales: true)
        f.ledger.customers["C2"] = CustomerBalance(receivable: yuan("10.00"), hadSales: false)  // only remittances before
        f.sale("E1", "2023-03-01", customer: "C1", amount: "10.00")  // sold in a closed period: not new
        f.sale("E1", "2023-03-01", customer: "C2", amount: "10.00")  // seen, never sold: new
        f.sale("E1", "2023-03-01", customer: "C3", amount: "10.00")  // unknown: new
        XCTAssertEqual(f.run().emp("E1").newOutlets, 2)

        // The first close ever: no earlier closed period, so no customer is new without the cell.
        var g = RulesFixture("2023-03")
        g.employee("E1")
        g.sale("E1", "2023-03-01", customer: "C3", amount: "10.00")
        g.sale("E1", "2023-03-01", customer: "C4", amount: "10.00", newCustomer: true)
        XCTAssertEqual(g.run().emp("E1").newOutlets, 1)
    }

    func test_PLAN_ACTIVITY_LOW() {
        var f = RulesFixture("2023-03")
        f.employee("E1")
        f.employee("M1", role: .regional_manager)
        f.attendance("E1", "2023-03-01", .office); f.plan("E1", "2023-03-01")  // meets 2/3/4
        f.attendance("E1", "2023-03-02", .field); f.plan("E1", "2023-03-02", calls: 3)  // low
        f.attendance("E1", "2023-03-03", .travel); f.plan("E1", "2023-03-03", new: 1, existing: 0)  // low
        f.attendance("E1", "2023-03-04", .leave); f.plan("E1", "2023-03-04", new: 0, existing: 0, calls: 0)  // not a working day
        f.plan("E1", "2023-02-28", new: 0)  // another month
        f.attendance("M1", "2023-03-01", .office); f.plan("M1", "2023-03-01", new: 0)  // not an activity role
        let s = f.run()
        XCTAssertEqual(s.emp("E1").planActivityLowDays, 2)
        XCTAssertTrue(s.emp("E1").codes.contains("PLAN-ACTIVITY-LOW"))
        XCTAssertEqual(s.emp("M1").planActivityLowDays, 0)
        XCTAssertFalse(s.emp("M1").codes.contains("PLAN-ACTIVITY-LOW"))
    }

    func test_ACT_BELOW_STANDARD() {
        var f = RulesFixture("2023-03")
        f.visitsFile()
        f.employee("E1"); f.employee("E3"); f.employee("E4"); f.employee("M1", role: .regional_manager)
        for d in ["2023-03-01", "2023-03-02", "2023-03-03", "2023-03-06"] { f.attendance("E1", d, .office) }
        f.attendance("E1", "2023-03-04", .rest)
        f.visits("E1", "2023-03-01", new: 2, existing: 3, calls: 4)  // met
        f.visits("E1", "2023-03-02", new: 2, existing: 3, calls: 3)  // one call short
        // 2023-03-03: no visits at all
        f.visits("E1", "2023-03-04", new: 5, existing: 5, calls: 5)  // rest day: not counted
        f.visits("E1", "2023-03-06", new: 3, existing: 4, calls: 9)  // met
        for d in ["2023-03-01", "2023-03-02", "2023-03-03"] { f.attendance("E3", d, .field) }  // no visit rows
        f.attendance("E4", "2023-03-01", .leave)  // no working day
        f.attendance("M1", "2023-03-01", .office)  // not an activity role
        let s = f.run()
        // E1: 2 of 4 working days met → 0.5
        XCTAssertEqual(s.emp("E1").workingDays, 4)
        XCTAssertEqual(s.emp("E1").activityDaysMet, 2)
        XCTAssertEqual(s.emp("E1").activityShare, 0.5)
        XCTAssertEqual(s.emp("E1").belowStandardDays, [rd("2023-03-02"), rd("2023-03-03")])
        XCTAssertTrue(s.emp("E1").codes.contains("ACT-BELOW-STANDARD"))
        // E3: no visit rows → met on no day
        XCTAssertEqual(s.emp("E3").activityShare, 0.0)
        XCTAssertTrue(s.emp("E3").codes.contains("ACT-BELOW-STANDARD"))
        // E4: no working days → null, no flag
        XCTAssertNil(s.emp("E4").activityShare)
        XCTAssertFalse(s.emp("E4").codes.contains("ACT-BELOW-STANDARD"))
        XCTAssertNil(s.emp("M1").activityShare)
        XCTAssertFalse(s.emp("M1").codes.contains("ACT-BELOW-STANDARD"))
    }

    func test_activity_share_rounding_and_all_met() {
        var f = RulesFixture("2023-03")
        f.visitsFile()
        f.employee("E1"); f.employee("E2")
        for d in ["2023-03-01", "2023-03-02", "2023-03-03"] {
            f.attendance("E1", d, .office); f.attendance("E2", d, .office)
            f.visits("E2", d, new: 2, existing: 3, calls: 4)
        }
        f.visits("E1", "2023-03-01", new: 2, existing: 3, calls: 4)
        f.visits("E1", "2023-03-02", new: 2, existing: 3, calls: 4)
        let s = f.run()
        // 2/3 = 0.66666… → 0.6667
        XCTAssertEqual(s.emp("E1").activityShare, 0.6667)
        XCTAssertEqual(s.emp("E2").activityShare, 1.0)
        XCTAssertFalse(s.emp("E2").codes.contains("ACT-BELOW-STANDARD"))
    }

    func test_activity_without_a_visits_file_is_null() {
        var f = RulesFixture("2023-03")
        f.employee("E1")
        f.attendance("E1", "2023-03-01", .office)
        let s = f.run()
        XCTAssertNil(s.emp("E1").activityShare)
        XCTAssertFalse(s.emp("E1").codes.contains("ACT-BELOW-STANDARD"))
    }

    func test_PLAN_MISSING_WEEK() {
        // March 2023: the 1st is a Wednesday. ISO weeks overlapping it start Feb 27, Mar 6, 13, 20, 27.
        var f = RulesFixture("2023-03")
        f.employee("M1", role: .regional_manager)
        f.employee("E1")  // sales_rep: not in plan_roles
        for d in ["2023-03-01", "2023-03-07", "2023-03-14", "2023-03-21"] { f.attendance("M1", d, .travel); f.attendance("E1", d, .office) }
        f.attendance("M1", "2023-03-28", .leave)  // week of Mar 27: no working day → not missing
        f.plan("M1", "2023-02-27")  // a February day covers the week of Feb 27
        f.plan("M1", "2023-03-08")  // any day of the week counts
        // week of Mar 13: no plan row → missing
        f.plan("M1", "2023-03-26")  // Sunday of the week of Mar 20
        let s = f.run()
        XCTAssertEqual(s.emp("M1").missingPlanWeeks, [rd("2023-03-13")])
        XCTAssertTrue(s.emp("M1").codes.contains("PLAN-MISSING-WEEK"))
        XCTAssertEqual(s.emp("E1").missingPlanWeeks, [])
        XCTAssertFalse(s.emp("E1").codes.contains("PLAN-MISSING-WEEK"))
    }

    func test_PLAN_MISSING_WEEK_uses_the_closed_previous_month_record() {
        // April 2023 starts on a Saturday; its first ISO week starts Mon Mar 27.
        var f = RulesFixture("2023-04")
        f.employee("M1", role: .regional_manager)
        f.attendance("M1", "2023-04-01", .office)
        var rec = PeriodRecord(period: rp("2023-03"))
        rec.planWeeks.insert(PeriodRecord.EmpDay("M1", rd("2023-03-27")))
        f.ledger.previous = rec
        f.close("2023-03")
        XCTAssertEqual(f.run().emp("M1").missingPlanWeeks, [])
    }
}
