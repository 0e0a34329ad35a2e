import XCTest
@testable import SalesCore

/// rules.md §1 — one test per code, named after it. Expected amounts worked out from the defaults:
/// lodging cap regional_manager 120.00, sales_rep 100.00, +20.00 in 北京/上海/广州; entertainment quota RM 800.00, rep 300.00.
final class ExpensesTests: XCTestCase {
    func test_EXP_LATE() {
        var f = CloseFixture()
        let onTime = f.expense("R1", "2023-03-10", .transport, "50.00", mode: .bus, submitted: "2023-04-25")
        let late = f.expense("R1", "2023-03-10", .transport, "60.00", mode: .bus, submitted: "2023-04-26")
        let r = f.run()
        XCTAssertEqual(r.line(onTime)?.codes, [])
        XCTAssertEqual(r.line(late)?.codes, ["EXP-LATE"])
        XCTAssertEqual(r.line(late)?.decision, .approved, "a late line is flagged whatever the decision")
    }

    func test_EXP_LATE_deadline_in_a_short_month() {
        var f = CloseFixture("2023-01")
        f.policy.claimDeadlineDay = 31
        let l = f.expense("R1", "2023-01-10", .other, "10.00", submitted: "2023-02-28")
        let m = f.expense("R1", "2023-01-10", .other, "10.00", submitted: "2023-03-01")
        let r = f.run()
        XCTAssertEqual(r.line(l)?.codes, [], "day 31 of February is its last day")
        XCTAssertEqual(r.line(m)?.codes, ["EXP-LATE"])
    }

    func test_EXP_NO_RECEIPT() {
        var f = CloseFixture()
        let none = f.expense("R1", "2023-03-10", .other, "30.00", receipt: nil)
        let r = f.run()
        XCTAssertEqual(r.line(none)?.decision, .denied)
        XCTAssertEqual(r.line(none)?.approved, .zero)
        XCTAssertEqual(r.line(none)?.codes, ["EXP-NO-RECEIPT"])
    }

    func test_EXP_RECEIPT_EXPLAINED() {
        var f = CloseFixture()
        let l = f.expense("R1", "2023-03-10", .other, "30.00", receipt: nil, reason: "车票遗失")
        let r = f.run()
        XCTAssertEqual(r.line(l)?.decision, .approved)
        XCTAssertEqual(r.line(l)?.codes, ["EXP-RECEIPT-EXPLAINED"])
    }

    func test_EXP_UNSIGNED() {
        var f = CloseFixture()
        let unsigned = f.expense("R1", "2023-03-10", .other, "20.00", kind: .handwritten)
        let byOther = f.expense("R1", "2023-03-11", .other, "20.00", kind: .handwritten, approvedBy: "D1")
        let byId = f.expense("R1", "2023-03-12", .other, "20.00", kind: .handwritten, approvedBy: "M1")
        let byName = f.expense("R1", "2023-03-13", .other, "20.00", kind: .handwritten, approvedBy: "李经理")
        let noManagerNoGM = f.expense("M2", "2023-03-14", .other, "20.00", kind: .handwritten, approvedBy: "D1")
        let noManagerGM = f.expense("M2", "2023-03-15", .other, "20.00", kind: .handwritten, gm: "GM-7")
        let r = f.run()
        XCTAssertEqual(r.line(unsigned)?.codes, ["EXP-UNSIGNED"])
        XCTAssertEqual(r.line(unsigned)?.decision, .denied)
        XCTAssertEqual(r.line(byOther)?.codes, ["EXP-UNSIGNED"], "only the direct manager signs")
        XCTAssertEqual(r.line(byId)?.decision, .approved)
        XCTAssertEqual(r.line(byName)?.decision, .approved)
        XCTAssertEqual(r.line(noManagerNoGM)?.codes, ["EXP-UNSIGNED"])
        XCTAssertEqual(r.line(noManagerGM)?.decision, .approved)
    }

    func test_EXP_MEALS_ALLOWANCE() {
        var f = CloseFixture()
        let l = f.expense("R1", "2023-03-10", .meals, "45.00")
        let r = f.run()
        XCTAssertEqual(r.line(l)?.codes, ["EXP-MEALS-ALLOWANCE"])
        XCTAssertEqual(r.line(l)?.approved, .zero)
    }

    func test_EXP_FLIGHT_UNAPPROVED() {
        var f = CloseFixture()
        let no = f.expense("R1", "2023-03-10", .transport, "900.00", mode: .flight)
        let yes = f.expense("R1", "2023-03-11", .transport, "900.00", mode: .flight, gm: "GM-1")
        let r = f.run()
        XCTAssertEqual(r.line(no)?.codes, ["EXP-FLIGHT-UNAPPROVED"])
        XCTAssertEqual(r.line(yes)?.approved, yuan("900.00"))
    }

    func test_EXP_NO_PLAN() {
        var f = CloseFixture()
        f.travel("M1", ["2023-03-07"], plan: "郑州")  // week of Monday 2023-03-06 has a plan
        let planned = f.expense("M1", "2023-03-09", .transport, "80.00", mode: .train)
        let unplanned = f.expense("M1", "2023-03-14", .transport, "80.00", mode: .train)  // week of 2023-03-13: none
        let local = f.expense("M1", "2023-03-14", .transport, "20.00", mode: .local)  // local transport needs no plan
        let rep = f.expense("R1", "2023-03-14", .transport, "80.00", mode: .train)  // not a plan role
        let r = f.run()
        XCTAssertEqual(r.line(planned)?.decision, .approved)
        XCTAssertEqual(r.line(unplanned)?.codes, ["EXP-NO-PLAN"])
        XCTAssertEqual(r.line(local)?.decision, .approved)
        XCTAssertEqual(r.line(rep)?.decision, .approved)
    }

    func test_EXP_ROUTE_MISMATCH() {
        var f = CloseFixture()
        f.travel("M1", ["2023-03-07", "2023-03-08"], plan: "郑州")
        f.travel("M1", ["2023-03-09"], city: "新乡", plan: "新乡")
        let ok = f.expense("M1", "2023-03-07", .lodging, "200.00", city: "郑州", nights: 2)
        let wrong = f.expense("M1", "2023-03-09", .lodging, "100.00", city: "郑州", nights: 1)  // plan says 新乡
        let r = f.run()
        XCTAssertEqual(r.line(ok)?.decision, .approved)
        XCTAssertEqual(r.line(wrong)?.codes, ["EXP-ROUTE-MISMATCH"])
        XCTAssertEqual(r.line(wrong)?.decision, .denied)
        XCTAssertTrue(r.emp("M1")!.codes.contains("AUDIT"))
    }

    func test_EXP_NOT_TRAVELLING() {
        var f = CloseFixture()
        f.office("R1", "2023-03-10")
        let l = f.expense("R1", "2023-03-10", .lodging, "80.00")
        let r = f.run()
        XCTAssertEqual(r.line(l)?.codes, ["EXP-NOT-TRAVELLING"])
        XCTAssertEqual(r.emp("R1")?.codes.contains("AUDIT"), true)
    }

    func test_EXP_DOUBLE_LODGING() {
        var f = CloseFixture()
        f.travel("R1", ["2023-03-10", "2023-03-11", "2023-03-12"])
        let first = f.expense("R1", "2023-03-10", .lodging, "180.00", nights: 2)  // covers 10 and 11
        let second = f.expense("R1", "2023-03-11", .lodging, "90.00", nights: 2)  // 11 already covered
        let third = f.expense("R1", "2023-03-12", .lodging, "90.00", nights: 1)
        let r = f.run()
        XCTAssertEqual(r.line(first)?.decision, .approved)
        XCTAssertEqual(r.line(second)?.codes, ["EXP-DOUBLE-LODGING"])
        XCTAssertEqual(r.line(third)?.decision, .approved, "a denied line covers no night")
    }

    func test_EXP_LODGING_CAP() {
        var f = CloseFixture()
        f.travel("R1", ["2023-03-10", "2023-03-11"], city: "上海")
        f.travel("R1", ["2023-03-20"])
        let tier = f.expense("R1", "2023-03-10", .lodging, "250.00", city: "上海", nights: 2)  // (100 + 20) × 2 = 240.00
        let plain = f.expense("R1", "2023-03-20", .lodging, "100.00")  // exactly the cap
        let r = f.run()
        XCTAssertEqual(r.line(tier)?.decision, .reduced)
        XCTAssertEqual(r.line(tier)?.approved, yuan("240.00"))
        XCTAssertEqual(r.line(tier)?.codes, ["EXP-LODGING-CAP"])
        XCTAssertEqual(r.line(plain)?.decision, .approved)
    }

    func test_EXP_OVER_QUOTA() {
        var f = CloseFixture()
        let a = f.expense("R1", "2023-03-05", .entertainment, "200.00")  // 300 left → approved, 100 left
        let b = f.expense("R1", "2023-03-06", .entertainment, "150.00")  // cut to 100.00
        let c = f.expense("R1", "2023-03-07", .entertainment, "50.00")  // nothing left → denied
        let d = f.expense("R1", "2023-03-08", .entertainment, "70.00", gm: "GM-2")  // approved whole, flagged
        let phone = f.expense("R1", "2023-03-09", .communication, "99.00")  // quota 0 → denied
        let r = f.run()
        XCTAssertEqual(r.line(a)?.decision, .approved)
        XCTAssertEqual(r.line(b)?.approved, yuan("100.00"))
        XCTAssertEqual(r.line(b)?.codes, ["EXP-OVER-QUOTA"])
        XCTAssertEqual(r.line(c)?.decision, .denied)
        XCTAssertEqual(r.line(c)?.codes, ["EXP-OVER-QUOTA"])
        XCTAssertEqual(r.line(d)?.decision, .approved)
        XCTAssertEqual(r.line(d)?.approved, yuan("70.00"))
        XCTAssertEqual(r.line(d)?.codes, ["EXP-OVER-QUOTA"])
        XCTAssertEqual(r.line(phone)?.decision, .denied)
        XCTAssertEqual(r.emp("R1")?.expensesApproved, yuan("370.00"))
    }

    func test_EXP_POSSIBLE_DUPLICATE() {
        var f = CloseFixture()
        let first = f.expense("R1", "2023-03-10", .other, "30.00", receipt: nil, reason: "遗失")
        let second = f.expense("R1", "2023-03-10", .other, "30.00", receipt: nil, reason: "遗失")
        let other = f.expense("R1", "2023-03-10", .other, "31.00", receipt: nil, reason: "遗失")
        let r = f.run()
        XCTAssertEqual(r.line(first)?.codes, ["EXP-RECEIPT-EXPLAINED"])
        XCTAssertEqual(r.line(second)?.codes, ["EXP-RECEIPT-EXPLAINED", "EXP-POSSIBLE-DUPLICATE"])
        XCTAssertEqual(r.line(second)?.decision, .approved, "both are kept")
        XCTAssertEqual(r.line(other)?.codes, ["EXP-RECEIPT-EXPLAINED"])
    }

    func test_first_denial_ends_the_evaluation_and_keeps_earlier_flags() {
        var f = CloseFixture()
        let l = f.expense("R1", "2023-03-10", .meals, "10.00", receipt: nil, reason: "x", submitted: "2023-05-01")
        let r = f.run()
        XCTAssertEqual(r.line(l)?.codes, ["EXP-LATE", "EXP-RECEIPT-EXPLAINED", "EXP-MEALS-ALLOWANCE"])
    }

    func test_late_claim_is_judged_against_the_previous_months_record() {
        var f = CloseFixture("2023-03")
        f.ledger.closedPeriods = [rp("2023-02")]
        var rec = PeriodRecord(period: rp("2023-02"))
        rec.attendance[.init("M1", rd("2023-02-27"))] = .init(status: .travel, city: "郑州")
        rec.attendance[.init("M1", rd("2023-02-28"))] = .init(status: .travel, city: "郑州")
        rec.planCity[.init("M1", rd("2023-02-27"))] = "郑州"
        rec.planCity[.init("M1", rd("2023-02-28"))] = "郑州"
        rec.planWeeks = [.init("M1", rd("2023-02-27"))]
        rec.lodgingNightsPaid = [.init("M1", rd("2023-02-27"))]
        rec.quotaUsed = ["M1": [.entertainment: yuan("750.00")]]
        f.ledger.previous = rec
        let paidNight = f.expense("M1", "2023-02-27", .lodging, "100.00", submitted: "2023-03-05")
        let freeNight = f.expense("M1", "2023-02-28", .lodging, "100.00", submitted: "2023-03-05")
        let quota = f.expense("M1", "2023-02-20", .entertainment, "100.00", submitted: "2023-03-05")  // 50.00 left of February's 800
        let older = f.expense("M1", "2023-01-20", .other, "10.00", submitted: "2023-03-05")
        let r = f.run()
        XCTAssertEqual(r.line(paidNight)?.codes, ["EXP-LATE", "EXP-DOUBLE-LODGING"])
        XCTAssertEqual(r.line(freeNight)?.codes, ["EXP-LATE"])
        XCTAssertEqual(r.line(freeNight)?.lateClaim, true)
        XCTAssertEqual(r.line(quota)?.approved, yuan("50.00"))
        XCTAssertNil(r.line(older))
        XCTAssertEqual(r.inputs.expenses.first { $0.ref == older }?.issue?.code, "ROW-OTHER-PERIOD")
        XCTAssertEqual(r.emp("M1")?.expensesApproved, yuan("150.00"), "late claims are paid in this close")
    }
}
