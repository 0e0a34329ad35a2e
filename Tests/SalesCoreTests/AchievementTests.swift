import XCTest
@testable import SalesCore

extension CloseState {
    /// The state with its employees in the result, as `Close.run` leaves it.
    var finished: CloseState {
        var s = self
        s.result.employees = order.compactMap { employees[$0] }
        return s
    }
}

/// One figure, one value: a leaver's remittance counts for the customer and the region, stands on its own, and the
/// groups' figures add up to the company's.
final class AchievementTests: XCTestCase {
    func leaverClose() -> CloseState {
        var f = RulesFixture("2023-03")
        f.employee("E1", region: "华南", leave: "2023-03-10")
        f.employee("E2", region: "华南")
        f.employee("E3", region: "西北")
        f.target("E2", sales: "100.00", remittance: "1000.00")
        f.target("E3", remittance: "500.00")
        f.remittance("E1", "2023-03-10", customer: "C1", amount: "100.00")  // last active day: E1's
        f.remittance("E1", "2023-03-20", customer: "C1", amount: "200.00")  // after leaving: 华南's, not E1's
        f.remittance("E2", "2023-03-21", customer: "C2", amount: "800.00")
        f.remittance("E3", "2023-03-21", customer: "C3", amount: "350.00")
        return f.run().finished
    }

    func testALeaversRemittanceIsKeptApartAndCountsForItsRegion() {
        let s = leaverClose()
        XCTAssertEqual(s.result.unattributedRemittances.map(\.amount), [yuan("200.00")])
        XCTAssertEqual(s.result.unattributedRemittances.first?.employeeId, "E1")
        XCTAssertEqual(s.result.unattributedRemittances.first?.region, "华南")
        let r = s.result
        let regions = r.achievements(of: r.employees, by: \.region, leavers: r.unattributedRemittances, leaverKey: { $0.region })
        XCTAssertEqual(regions.map(\.key), ["华南", "西北"])
        XCTAssertEqual(regions[0].figures.remitted, yuan("1100.00"))  // 100 (E1 while active) + 800 + 200
        XCTAssertEqual(regions[0].figures.headcount, 2)
        // Everything received: the customers' remitted, the regions' and the company's are one figure.
        let customers = r.customers.map(\.remitted).sum()
        XCTAssertEqual(customers, yuan("1450.00"))
        XCTAssertEqual(regions.map(\.figures.remitted).sum(), customers)
        XCTAssertEqual(r.companyAchievement.remitted, customers)
        XCTAssertEqual(r.remittedTotal, customers)
    }

    func testDeviationsOfTheMembersAddUpToTheGroups() {
        let r = leaverClose().result
        let people = r.employees.map { Achievement.of($0) }
        let groups = r.achievements(of: r.employees, by: \.region, leavers: r.unattributedRemittances, leaverKey: { $0.region })
        XCTAssertEqual(
            people.map(\.deviation).sum() + r.unattributedRemittances.map(\.amount).sum(),
            groups.map(\.figures.deviation).sum())
        XCTAssertEqual(groups.map(\.figures.deviation).sum(), r.companyAchievement.deviation)
        XCTAssertNil(Achievement.of(r.employees[0]).attainment)  // no target: no attainment
    }

    func testBandsCompareExactlyInFen() {
        XCTAssertEqual(AttainmentBand(yuan("79.99"), yuan("100.00")), .below80)
        XCTAssertEqual(AttainmentBand(yuan("80.00"), yuan("100.00")), .below100)
        XCTAssertEqual(AttainmentBand(yuan("99.99"), yuan("100.00")), .below100)
        XCTAssertEqual(AttainmentBand(yuan("100.00"), yuan("100.00")), .reached)
        XCTAssertEqual(AttainmentBand(yuan("5.00"), nil), .noTarget)
        XCTAssertEqual(AttainmentBand(yuan("5.00"), .zero), .noTarget)
    }

    func testTheTrendEndsWithThisMonthAsTheCompanyFigures() {
        var f = RulesFixture("2023-03")
        f.employee("E2", region: "华南")
        f.closedMonth("E2", "2023-02", remitted: "400.00", target: "500.00", outlets: 2)
        f.target("E2", remittance: "1000.00")
        f.remittance("E2", "2023-03-21", customer: "C2", amount: "800.00")
        let r = f.run().finished.result
        let trend = r.trend(f.ledger)
        XCTAssertEqual(trend.map(\.period), [rp("2023-02"), rp("2023-03")])
        XCTAssertEqual(trend[0].remitted, yuan("400.00"))
        XCTAssertEqual(trend[0].target, yuan("500.00"))
        XCTAssertEqual(trend[0].newOutlets, 2)
        XCTAssertEqual(trend[1].remitted, r.companyAchievement.remitted)
        XCTAssertEqual(RulesFixture("2023-03").run().result.trend(LedgerSnapshot()), [])
    }
}
