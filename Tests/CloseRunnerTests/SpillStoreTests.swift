import Foundation
import XCTest
@testable import CloseRunner
import SalesCore

/// The order lines on disk: what goes in comes back, in order, per region, across the buffer's flushes and the
/// read-back's blocks (a tiny buffer makes a line straddle blocks), and the files leave no trace.
final class SpillStoreTests: XCTestCase {
    func testLinesComeBackInOrderAcrossFlushesAndBlocks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spill-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for size in [1, 7, 100, 4096] {
            let store = SpillOrderLines(directory: dir, bufferSize: size)
            var sent: [String: [OrderLine]] = [:]
            for i in 0..<300 {
                let region = ["华东", "华南", ""][i % 3]
                let line = OrderLine(
                    line: i + 2,
                    row: SaleRow(
                        date: Day(year: 2023, month: 3, day: 1 + i % 28)!, orderId: "SO\(i)", lineNo: i % 4, employeeId: "E\(i % 5)",
                        customerId: "C\(i % 9)", customerName: i % 2 == 0 ? "客户\(i)" : nil, product: "磷肥 \(i % 3)kg",
                        quantity: Decimal4(units: Int64(i * 10_000)), unitPrice: Money(fen: 199), amount: Money(fen: Int64(i * 199)),
                        remitted: Money(fen: Int64(i)), newCustomer: i % 3 == 0 ? nil : i % 3 == 1))
                var bytes: [UInt8] = []
                OrderLineCodec.encode(line, into: &bytes)
                try store.append(region: region, encoded: bytes, lines: 1)
                sent[region, default: []].append(line)
            }
            for (region, lines) in sent {
                var back: [OrderLine] = []
                try store.forEach(region: region) { back.append($0) }
                XCTAssertEqual(back, lines, "buffer \(size), region \(region)")
                XCTAssertEqual(store.count(region: region), lines.count)
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "the files are unlinked at once")
        }
    }

    func testAFolderThatCannotTakeTheFileIsAnError() {
        let store = SpillOrderLines(directory: "/nonexistent-\(UUID().uuidString)", bufferSize: 1)
        var bytes: [UInt8] = []
        OrderLineCodec.encode(
            OrderLine(
                line: 2,
                row: SaleRow(
                    date: Day(year: 2023, month: 3, day: 1)!, orderId: "SO1",
                    employeeId: "E1", customerId: "C1", product: "P",
                    quantity: Decimal4(units: 10_000), amount: Money(fen: 100))),
            into: &bytes)
        XCTAssertThrowsError(try store.append(region: "华东", encoded: bytes, lines: 1)) { e in
            XCTAssertTrue("\(e)".contains("cannot create a temporary file"), "\(e)")
        }
    }
}
