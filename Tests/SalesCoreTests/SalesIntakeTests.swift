import XCTest
@testable import SalesCore

/// The pieces that let the close keep no order line: the digests of the duplicate check, the line store's byte form.
final class SalesIntakeTests: XCTestCase {
    func testDigestsTellKeysApartAndFindRepeats() {
        var set = DigestSet(expected: 4)  // grows past its first size
        var seen = Set<String>()
        for i in 0..<50_000 {
            let order = "SO\(i % 20_000)", line = i % 3
            XCTAssertEqual(set.insert(order, line), seen.insert("\(order)/\(line)").inserted, "\(order)/\(line)")
        }
        XCTAssertEqual(set.count, seen.count)
        // Text and number are one key: "SO1" line 12 is not "SO11" line 2.
        var two = DigestSet(expected: 2)
        XCTAssertTrue(two.insert("SO1", 12))
        XCTAssertTrue(two.insert("SO11", 2))
        XCTAssertTrue(two.insert("", 0))
        XCTAssertFalse(two.insert("", 0))
    }

    func testAnOrderLineComesBackFromItsBytesUnchanged() {
        let rows = [
            SaleRow(
                date: rd("2023-03-31"), orderId: "SO-1", lineNo: 2, employeeId: "E001", customerId: "C𠀀", customerName: "甲, \"农资\"\n",
                product: "磷肥", quantity: Decimal4(units: -15_000), unitPrice: Money(fen: 1_999), amount: Money(fen: -2_998),
                remitted: .zero, newCustomer: true),
            SaleRow(
                date: rd("1900-01-01"), orderId: "", employeeId: "E2", customerId: "C2", customerName: nil, product: "",
                quantity: Decimal4(units: 0), unitPrice: nil, amount: Money(fen: Int64.max), remitted: Money(fen: 1), newCustomer: nil)
        ]
        let store = MemoryOrderLines()
        for (i, r) in rows.enumerated() { store.append(region: "华东", line: OrderLine(line: 10 + i, row: r)) }
        var back: [OrderLine] = []
        XCTAssertNoThrow(try store.forEach(region: "华东") { back.append($0) })
        XCTAssertEqual(back, rows.enumerated().map { OrderLine(line: 10 + $0.offset, row: $0.element) })
        XCTAssertEqual(store.count(region: "华东"), 2)
        XCTAssertEqual(store.count(region: "华南"), 0)
        // Bytes cut short hold no line.
        var bytes: [UInt8] = []
        OrderLineCodec.encode(back[0], into: &bytes)
        bytes.removeLast()
        var at = 0
        XCTAssertNil(bytes.withUnsafeBytes { OrderLineCodec.decode($0, &at) })
        XCTAssertEqual(at, 0)
    }

    /// The intake folds what it accepts and nothing else: a rejected row adds to no employee, customer or region.
    func testTheIntakeFoldsOnlyAcceptedRows() {
        let roster = ["E1": RosterRow(employeeId: "E1", name: "张三", role: .sales_rep, region: "华东", hireDate: rd("2020-01-01"))]
        var intake = SalesIntake(roster: roster, period: rp("2023-03"), store: MemoryOrderLines(), expectedLines: 3)
        func row(_ line: Int, _ d: String, _ emp: String, _ order: String, _ amount: String) -> InputRow<SaleRow> {
            InputRow(
                ref: RowRef(file: "sales.csv", fileOrder: 0, line: line), raw: "",
                value: SaleRow(
                    date: rd(d), orderId: order, employeeId: emp, customerId: "C1", product: "P",
                    quantity: qty("1"), amount: yuan(amount)), issue: nil,
                money: [MoneyCell(column: "amount", value: yuan(amount))])
        }
        var rows = [
            row(2, "2023-03-01", "E1", "SO1", "10.00"), row(3, "2023-03-02", "E1", "SO1", "20.00"),
            row(4, "2023-04-01", "E1", "SO2", "40.00"), row(5, "2023-03-03", "E7", "SO3", "80.00")
        ]
        XCTAssertEqual(rows.indices.map { intake.take(&rows[$0]) }, [true, false, false, false])
        XCTAssertEqual(rows.map { $0.issue?.code }, [nil, "ROW-DUPLICATE", "ROW-OTHER-PERIOD", "ROW-UNKNOWN-EMPLOYEE"])
        XCTAssertEqual(intake.store.count(region: "华东"), 0)  // buffered until the intake is finished
        intake.finish()
        XCTAssertEqual(intake.fold.lines, 1)
        XCTAssertEqual(intake.fold.employees["E1"]?.sales, yuan("10.00"))
        XCTAssertEqual(intake.fold.region(named: "华东")?.sales, yuan("10.00"))
        XCTAssertEqual(intake.acceptedByFile["sales.csv"]?.accepted, 1)
        XCTAssertEqual(intake.acceptedByFile["sales.csv"]?.sums("amount")?.accepted, yuan("10.00"))
        XCTAssertEqual(intake.store.count(region: "华东"), 1)
    }
}
