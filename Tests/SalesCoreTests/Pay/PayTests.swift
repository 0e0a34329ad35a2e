import XCTest
@testable import SalesCore

final class PayTests: XCTestCase {
    func test_gross_pay_with_factor_forfeit_and_adjustment() {
        var f = RulesFixture("2023-05")
        f.employee("E1", level: .numbered(2))
        f.ledger.balances["E1"] = CarriedBalances(payFactor: Rate(num: 8, den: 10))
        f.target("E1", remittance: "5000.00")
        f.remittance("E1", "2023-05-02", amount: "5000.00")  // settled 100.00
        let s = f.run(between: { s in
            s.update("E1") { e in
                e.commissionAdjustments = yuan("50.00")  // §9
                e.commissionForfeited = yuan("100.00")  // audit forfeit
            }
        })
        let e = s.emp("E1")
        // base = 800 + 1200 = 2000.00 (before factor); 2000 × 0.8 = 1600.00; + 100 − 100 + 50 = 1650.00
        XCTAssertEqual(e.performancePay, yuan("1200.00"))
        XCTAssertEqual(e.basePay, yuan("2000.00"))
        XCTAssertEqual(e.payFactor, Rate(num: 4, den: 5))
        XCTAssertEqual(e.commissionSettled, yuan("100.00"))
        XCTAssertEqual(e.grossPay, yuan("1650.00"))
        let m = s.result.monthsAfter["E1"]!
        XCTAssertEqual(m.commissionSettled, yuan("100.00"))
        XCTAssertEqual(m.commissionForfeited, yuan("100.00"))
        XCTAssertEqual(m.commissionAdjusted, yuan("50.00"))
        XCTAssertEqual(m.payFactor, Rate(num: 4, den: 5))
        XCTAssertEqual(m.level, .numbered(2))
        XCTAssertEqual(m.remitted, yuan("5000.00"))
        XCTAssertEqual(m.remittanceTarget, yuan("5000.00"))
        // May is not a quarter's close: the factor carries on
        XCTAssertEqual(s.result.balancesAfter["E1"]?.payFactor, Rate(num: 4, den: 5))
    }

    func test_base_times_factor_rounds_half_away() {
        var f = RulesFixture("2023-05")
        f.policy.baseSalary = yuan("800.01")
        f.employee("E1", level: .trainee)
        f.ledger.balances["E1"] = CarriedBalances(payFactor: Rate(num: 17, den: 20))
        let e = f.run().emp("E1")
        // base = 800.01 + 200.00 = 1000.01; × 0.85 = 850.0085 → 850.01; no commission (no target: deferred 0)
        XCTAssertEqual(e.basePay, yuan("1000.01"))
        XCTAssertEqual(e.grossPay, yuan("850.01"))
    }

    func test_pay_fields_null_outside_pay_roles_and_for_leavers() {
        var f = RulesFixture("2023-05")
        f.employee("A1", role: .assistant)
        f.employee("D1", role: .director)
        f.employee("L1", leave: "2023-04-30")
        f.employee("K1", role: .key_account_manager, level: .numbered(1))
        let s = f.run()
        for id in ["A1", "D1", "L1"] {
            XCTAssertNil(s.emp(id).basePay); XCTAssertNil(s.emp(id).grossPay); XCTAssertNil(s.emp(id).payFactor)
        }
        // 800 + 1700 = 2500.00, factor 1 by default
        XCTAssertEqual(s.emp("K1").basePay, yuan("2500.00"))
        XCTAssertEqual(s.emp("K1").grossPay, yuan("2500.00"))
        XCTAssertEqual(s.emp("K1").payFactor, .one)
    }

    func test_pay_roles_is_its_own_list() {
        var f = RulesFixture("2023-05")
        f.policy.payRoles = [.assistant]
        f.employee("A1", role: .assistant, level: .numbered(4))
        f.employee("E1")
        let s = f.run()
        XCTAssertEqual(s.emp("A1").grossPay, yuan("1200.00"))  // 800 + 400
        XCTAssertNil(s.emp("E1").grossPay)
    }

    func test_ledger_balances_of_unlisted_employees_are_carried() {
        var f = RulesFixture("2023-05")
        f.employee("E1")
        f.ledger.balances["GONE"] = CarriedBalances(advanceOutstanding: yuan("300.00"), payFactor: Rate(num: 4, den: 5))
        let s = f.run()
        XCTAssertEqual(s.result.balancesAfter["GONE"], CarriedBalances(advanceOutstanding: yuan("300.00"), payFactor: Rate(num: 4, den: 5)))
    }

    func test_full_close_runs_the_rule_stages_in_order() {
        // Through Close.run (the lead's validation, employee list and stages around ours).
        var f = RulesFixture("2023-03")
        f.employee("E1", level: .numbered(2))
        f.employee("L1", leave: "2023-02-10")  // left earlier; a remittance arrives for his customer
        f.closedMonth("E1", "2023-01", remitted: "1000.00", target: "1000.00")
        f.closedMonth("E1", "2023-02", remitted: "1000.00", target: "1000.00")
        f.ledger.balances["E1"] = CarriedBalances(commissionDeferred: yuan("40.00"), payFactor: Rate(num: 4, den: 5))
        f.target("E1", remittance: "1000.00")
        f.remittance("E1", "2023-03-03", amount: "1000.00")
        f.remittance("L1", "2023-03-04", customer: "C7", amount: "300.00")
        let r = Close.run(period: f.period, policy: f.policy, inputs: f.inputs, ledger: f.ledger)
        let e = r.employees.first { $0.employeeId == "E1" }!
        // earned 20.00 + deferred 40.00 settled = 60.00; gross = 2000 × 0.8 + 60 = 1660.00
        XCTAssertEqual(e.commissionSettled, yuan("60.00"))
        XCTAssertEqual(e.grossPay, yuan("1660.00"))
        // quarter 3000/3000 = 100% → restored to 1.0 from April
        XCTAssertEqual(r.quarter?.employees.first?.codes, ["QTR-RESTORED"])
        XCTAssertEqual(r.balancesAfter["E1"]?.payFactor, .one)
        XCTAssertEqual(r.balancesAfter["E1"]?.commissionDeferred, .zero)
        XCTAssertEqual(r.monthsAfter["E1"]?.payFactor, Rate(num: 4, den: 5))
        if let l = r.employees.first(where: { $0.employeeId == "L1" }) {
            XCTAssertEqual(l.remitted, .zero)
            XCTAssertNil(l.grossPay)
        }
        XCTAssertEqual(r.customers.first { $0.customerId == "C7" }?.remitted, yuan("300.00"))
    }
}
