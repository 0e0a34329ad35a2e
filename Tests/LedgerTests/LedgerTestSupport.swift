import XCTest
import SalesCore
@testable import Ledger
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func period(_ s: String) -> Period { Period(s)! }
func day(_ s: String) -> Day { Day(iso: s)! }

/// A fresh temporary folder, removed by the test's teardown.
final class TempDir {
    let path: String
    init() {
        var template = Array((NSTemporaryDirectory() + "/ledgertest.XXXXXX").utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: p!)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func fileMode(_ path: String) -> mode_t {
    var st = stat()
    precondition(stat(path, &st) == 0)
    return st.st_mode & 0o7777
}

func info(
    _ p: Period, inputs: [String: String] = ["sales.csv": "aa", "expenses.csv": "bb"],
    outputs: [String: String] = ["finance.xlsx": "f1"], options: String = "lang=zh"
) -> ClosedPeriodInfo {
    ClosedPeriodInfo(
        period: p, inputHashes: inputs, policySHA256: "policy-\(p)", outputHashes: outputs,
        toolVersion: "1.0.0", options: options)
}

func sale(customer: String, on d: Day, employee: String = "E1") -> InputRow<SaleRow> {
    InputRow(
        ref: RowRef(file: "sales.csv", fileOrder: 0, line: 2), raw: "",
        value: SaleRow(
            date: d, orderId: "O-\(customer)", employeeId: employee, customerId: customer,
            product: "urea", quantity: Decimal4(units: 10_000), amount: Money(fen: 100)),
        issue: nil)
}

/// A hand-built close: two employees with odd amounts, a record for late claims, receipts, adjustments,
/// customers and quarter outcomes.
func sampleClose(_ p: Period) -> CloseResult {
    var r = CloseResult(period: p, policy: Policy(), inputs: InputSet())
    r.balancesAfter = [
        "E1": CarriedBalances(
            advanceOutstanding: Money(fen: 123_457), commissionDeferred: Money(fen: 9_999_999_999),
            payFactor: Rate(num: 4, den: 5)),
        "E2": CarriedBalances(advanceOutstanding: Money(fen: -1), commissionDeferred: .zero, payFactor: .one)
    ]
    var m1 = EmployeeMonth()
    m1.remitted = Money(fen: 1_234_501)
    m1.remittanceTarget = Money(fen: 2_000_000)
    m1.salesTarget = nil
    m1.newOutlets = 3
    m1.newOutletsTarget = 2
    m1.commissionEarned = Money(fen: 12_345)
    m1.commissionSettled = Money(fen: 10_001)
    m1.commissionForfeited = Money(fen: 7)
    m1.commissionAdjusted = Money(fen: -250)
    m1.commissionDeferredAfter = Money(fen: 2_344)
    m1.payFactor = Rate(num: 4, den: 5)
    m1.level = .trainee
    m1.travelDays = 21
    var m2 = EmployeeMonth()
    m2.remitted = .zero
    m2.remittanceTarget = nil
    m2.salesTarget = Money(fen: 5_000_000)
    m2.level = .numbered(1)
    m2.payFactor = Rate(num: 33, den: 40)
    r.monthsAfter = ["E1": m1, "E2": m2]

    var rec = PeriodRecord(period: p)
    let d1 = p.firstDay, d2 = p.firstDay.adding(days: 1)
    rec.attendance[.init("E1", d1)] = .init(status: .travel, city: "北京")
    rec.attendance[.init("E1", d2)] = .init(status: .leave, city: nil)
    rec.planCity[.init("E1", d1)] = "北京"
    rec.planWeeks = [.init("E1", d1.weekStart)]
    rec.lodgingNightsPaid = [.init("E1", d1), .init("E1", p.firstDay.adding(days: -1))]
    rec.quotaUsed = ["E1": [.entertainment: Money(fen: 30_050), .communication: Money(fen: 1)]]
    rec.lateClaimants = ["E2"]
    rec.travellers = ["E1", "E2"]
    r.record = rec

    r.expenseReceiptsUsed = ["R-\(p)-1", "R-shared"]
    r.remittanceReceiptsUsed = ["RM-\(p)-1"]
    r.adjustmentIds = ["ADJ-\(p)"]
    r.customers = [
        CustomerResult(
            customerId: "C1", name: "甲公司", receivableBefore: .zero, sales: Money(fen: 100),
            remitted: .zero, receivableAfter: Money(fen: 100_001), regions: ["华北"]),
        CustomerResult(
            customerId: "C2", name: nil, receivableBefore: Money(fen: 500), sales: .zero,
            remitted: Money(fen: 500), receivableAfter: .zero, regions: ["华北"])
    ]
    r.inputs.sales = [sale(customer: "C1", on: d1)]
    r.quarterOutcomes = [
        "E1": QuarterOutcome(
            year: p.year, quarter: p.quarter, assessed: true, belowCut: true,
            promoteQualified: false, level: .numbered(2))
    ]
    return r
}

func XCTAssertLedgerError(
    _ expression: @autoclosure () throws -> Any, _ kind: LedgerError.Kind,
    contains fragments: [String] = [], file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try expression()
        XCTFail("expected LedgerError \(kind), got success", file: file, line: line)
    } catch let e as LedgerError {
        XCTAssertEqual(e.kind, kind, "\(e)", file: file, line: line)
        for f in fragments { XCTAssertTrue(e.message.contains(f), "message «\(e.message)» lacks «\(f)»", file: file, line: line) }
    } catch {
        XCTFail("expected LedgerError \(kind), got \(error)", file: file, line: line)
    }
}
