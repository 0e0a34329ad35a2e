import XCTest
import SalesCore

/// 重开差异 as figures: what a reopen changed against the close it replaces, computed from values.
final class ReopenDifferencesTests: XCTestCase {
    func figures(_ id: String, net: Int64, gross: Int64?, codes: [String]) -> ReopenDifferences.EmployeeFigures {
        var money: [ReopenDifferences.Field: Money?] = [:]
        for f in ReopenDifferences.Field.allCases { money.updateValue(Money(fen: 1_000), forKey: f) }
        money.updateValue(Money(fen: net), forKey: .netPayable)
        money.updateValue(gross.map { Money(fen: $0) }, forKey: .grossPay)
        return .init(employeeId: id, name: "N" + id, money: money, codes: codes)
    }

    func testOnlyTheFiguresThatDifferAreListedWithTheirDifference() {
        let before = [figures("E1", net: 10_000, gross: 500_000, codes: ["COM-SETTLED"])]
        let after = [figures("E1", net: 12_550, gross: 500_000, codes: ["COM-SETTLED"])]
        let c = ReopenDifferences.changes(before: before, after: after)
        XCTAssertEqual(c.count, 1)
        XCTAssertEqual(c.first?.field, "net_payable")
        XCTAssertEqual(c.first?.before, .money(Money(fen: 10_000)))
        XCTAssertEqual(c.first?.after, .money(Money(fen: 12_550)))
        XCTAssertEqual(c.first?.difference, Money(fen: 2_550))
    }

    func testTheSameFiguresGiveNoChanges() {
        let a = [figures("E1", net: 1, gross: nil, codes: ["AUDIT"]), figures("E2", net: 2, gross: 3, codes: [])]
        XCTAssertEqual(ReopenDifferences.changes(before: a, after: a.reversed()), [])
    }

    /// An employee only in the new close: every figure from none, the difference its whole amount; a pay figure the
    /// close does not have (gross pay outside pay_roles) stays none and is not listed; codes come last.
    func testAnEmployeeOnlyInTheNewCloseListsEachFigureFromNone() {
        let c = ReopenDifferences.changes(before: [], after: [figures("E9", net: 700, gross: nil, codes: ["ATT-TRAVEL-DAYS-LOW"])])
        XCTAssertEqual(c.count, ReopenDifferences.Field.allCases.count - 1 + 1)
        XCTAssertFalse(c.contains { $0.field == "gross_pay" })
        XCTAssertEqual(c.first { $0.field == "net_payable" }?.difference, Money(fen: 700))
        XCTAssertEqual(c.first { $0.field == "net_payable" }?.before, ReopenDifferences.Figure.none)
        XCTAssertEqual(c.last?.field, ReopenDifferences.codesKey)
        XCTAssertEqual(c.last?.after, .codes(["ATT-TRAVEL-DAYS-LOW"]))
        XCTAssertNil(c.last?.difference)
        XCTAssertEqual(c.first?.name, "NE9")
    }

    func testEmployeesAreInCodePointOrderAndCodesChangesAreListed() {
        let before = [figures("E2", net: 1, gross: nil, codes: ["A"]), figures("E10", net: 1, gross: nil, codes: ["A"])]
        let after = [figures("E10", net: 1, gross: nil, codes: ["A", "B"]), figures("E2", net: 1, gross: nil, codes: [])]
        let c = ReopenDifferences.changes(before: before, after: after)
        XCTAssertEqual(c.map(\.employeeId), ["E10", "E2"])
        XCTAssertEqual(c.map(\.field), ["codes", "codes"])
    }

    func testFiguresOfACloseAreTheEmployeesFigures() {
        var r = CloseResult(period: Period("2023-03")!, policy: Policy(), inputs: InputSet())
        var e = EmployeeResult(employeeId: "E1", name: "张三", region: "华北", department: nil, role: .sales_rep, level: .numbered(3), active: true)
        e.netPayable = Money(fen: 4_200)
        e.sales = Money(fen: 99)
        e.codes = ["COM-SETTLED"]
        r.employees = [e]
        let f = ReopenDifferences.figures(of: r)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].money[.netPayable], .some(Money(fen: 4_200)))
        XCTAssertEqual(f[0].money[.sales], .some(Money(fen: 99)))
        XCTAssertEqual(f[0].money[.grossPay], .some(nil), "no gross pay: kept as none, not dropped")
        XCTAssertEqual(f[0].codes, ["COM-SETTLED"])
    }
}
