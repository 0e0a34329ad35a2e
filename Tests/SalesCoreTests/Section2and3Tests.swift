import XCTest
@testable import SalesCore

/// rules.md §2, §3 and §9 — one test per code, named after it.
final class Section2and3Tests: XCTestCase {
    func test_ATT_TRAVEL_UNVERIFIED() {
        var f = CloseFixture()
        f.travel("M1", ["2023-03-07"], plan: "郑州")
        f.travel("M1", ["2023-03-08"], plan: "新乡")     // attendance 郑州, plan 新乡
        f.travel("M1", ["2023-03-09"])                   // no plan row
        f.travel("R1", ["2023-03-09"])                   // not a plan role: verified
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
        f.employee("M3", "新经理", .regional_manager, hire: "2023-03-10")   // not active every day: not flagged
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
        f.expense("R1", "2023-03-10", .lodging, "80.00")                      // approved 80.00
        f.expense("R1", "2023-03-10", .transport, "40.00", mode: .bus)         // approved 40.00
        f.expense("R1", "2023-03-11", .other, "15.00")                         // not lodging/transport: kept
        f.expense("R1", "2023-03-12", .lodging, "90.00")                       // not travelling → AUDIT
        let r = f.run()
        let e = r.emp("R1")!
        XCTAssertTrue(e.codes.contains("AUDIT-FORFEIT"))
        // forfeited = 80 + 40 + meal allowance 2 × 20.00 = 160.00; reimbursement = 135 + 40 − 160 = 15.00
        XCTAssertEqual(e.forfeitedExpenses, yuan("160.00"))
        XCTAssertEqual(e.reimbursement, yuan("15.00"))
        XCTAssertEqual(e.netPayable, yuan("15.00"))
    }

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
        f.expense("M2", "2023-02-20", .other, "10.00", submitted: "2023-03-03")   // M2's late claim arrives now
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
        let a = f.advance("M1", "2023-03-02", "1500.00")                      // 2500.00
        let b = f.advance("M1", "2023-03-03", "600.00")                       // 3100.00 > 3000.00 → denied whole
        let repaid = f.adjustment("M1", "2023-03-03", .advance_repaid, "200.00")  // same date: after requests
        let c = f.advance("M1", "2023-03-04", "700.00")                       // 2300.00 + 700.00 = 3000.00 → approved
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
        let early = f.adjustment("M1", "2023-03-04", .advance_repaid, "100.00")    // before the advance: nothing outstanding
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
        f.sale("X9", "2023-03-10", order: "O1")   // rejected: claims no key
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
