/// Where the accepted order lines of the period wait for the region workbooks, by region, in reading order.
/// The close folds the lines as they are read and keeps none of them in its rows; the detail sheets read them back
/// from here. `MemoryOrderLines` keeps them as compact bytes; the runner uses a store that spills them to
/// temporary files, so a close of millions of lines holds a buffer per region, not the lines.
public protocol OrderLineStore: AnyObject, Sendable {
    /// Appends lines to a region's list: `bytes` holds `lines` lines encoded by `OrderLineCodec`, in order.
    func append(region: String, encoded bytes: [UInt8], lines: Int) throws
    /// The region's lines in the order appended.
    func forEach(region: String, _ body: (OrderLine) throws -> Void) throws
    /// Lines appended for the region.
    func count(region: String) -> Int
    /// False for a store that only counts (`salesclose check` writes no workbook): the lines are not even encoded.
    var keepsLines: Bool { get }
}

extension OrderLineStore {
    public var keepsLines: Bool { true }
}

/// A store that keeps no line, only how many each region had (for a run that writes nothing).
public final class CountingOrderLines: OrderLineStore, @unchecked Sendable {
    private var counts: [String: Int] = [:]
    public init() {}
    public var keepsLines: Bool { false }
    public func append(region: String, encoded: [UInt8], lines: Int) { counts[region, default: 0] += lines }
    public func forEach(region: String, _ body: (OrderLine) throws -> Void) throws {
        throw CountingOrderLines.NotKept()
    }
    public func count(region: String) -> Int { counts[region] ?? 0 }
    struct NotKept: Error, CustomStringConvertible {
        var description: String { "the order lines were only counted (salesclose check), not kept" }
    }
}

/// One accepted order line as the region workbook shows it.
public struct OrderLine: Sendable, Equatable {
    public var line: Int
    public var row: SaleRow
    public init(line: Int, row: SaleRow) { self.line = line; self.row = row }
}

/// The byte form of an order line (little-endian integers, length-prefixed UTF-8 texts); pure.
public enum OrderLineCodec {
    public static func encode(_ l: OrderLine, into out: inout [UInt8]) {
        let r = l.row
        let length =
            13 * 8 + r.orderId.utf8.count + r.employeeId.utf8.count + r.customerId.utf8.count
            + (r.customerName?.utf8.count ?? 0) + r.product.utf8.count
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: length))
        out.withUnsafeMutableBytes { p in
            var at = start
            put(Int64(l.line), p, &at); put(Int64(r.date.year * 10_000 + r.date.month * 100 + r.date.day), p, &at)
            put(r.orderId, p, &at); put(Int64(r.lineNo), p, &at); put(r.employeeId, p, &at); put(r.customerId, p, &at)
            put(r.customerName, p, &at); put(r.product, p, &at)
            put(r.quantity.units, p, &at); put(r.unitPrice?.fen ?? Int64.min, p, &at); put(r.amount.fen, p, &at)
            put(r.remitted.fen, p, &at); put(Int64(r.newCustomer.map { $0 ? 1 : 0 } ?? -1), p, &at)
        }
    }

    @inline(__always)
    private static func put(_ v: Int64, _ p: UnsafeMutableRawBufferPointer, _ at: inout Int) {
        p.storeBytes(of: v.littleEndian, toByteOffset: at, as: Int64.self); at += 8
    }

    @inline(__always)
    private static func put(_ s: String?, _ p: UnsafeMutableRawBufferPointer, _ at: inout Int) {
        guard var s else { put(-1, p, &at); return }
        put(Int64(s.utf8.count), p, &at)
        let n = s.withUTF8 { u -> Int in
            if u.count > 0 { UnsafeMutableRawPointer(p.baseAddress! + at).copyMemory(from: u.baseAddress!, byteCount: u.count) }
            return u.count
        }
        at += n
    }

    /// Decodes the line at `offset`, moving `offset` past it; nil when the bytes end or do not hold a line.
    public static func decode(_ p: UnsafeRawBufferPointer, _ offset: inout Int) -> OrderLine? {
        var at = offset
        func int() -> Int64? {
            guard at + 8 <= p.count else { return nil }
            let v = Int64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int64.self)); at += 8; return v
        }
        func text() -> String?? {
            guard let n = int() else { return nil }
            if n < 0 { return .some(nil) }
            guard at + Int(n) <= p.count else { return nil }
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: p[at..<(at + Int(n))]), as: UTF8.self); at += Int(n)
            return .some(s)
        }
        guard let line = int(), let ymd = int(), let order = text(), let lineNo = int(), let emp = text(), let cust = text(),
            let name = text(), let product = text(), let qty = int(), let price = int(), let amount = int(),
            let remitted = int(), let new = int(),
            let date = Day(year: Int(ymd / 10_000), month: Int(ymd / 100 % 100), day: Int(ymd % 100))
        else { return nil }
        offset = at
        return OrderLine(
            line: Int(line),
            row: SaleRow(
                date: date, orderId: order ?? "", lineNo: Int(lineNo), employeeId: emp ?? "", customerId: cust ?? "",
                customerName: name, product: product ?? "", quantity: Decimal4(units: qty),
                unitPrice: price == Int64.min ? nil : Money(fen: price), amount: Money(fen: amount), remitted: Money(fen: remitted),
                newCustomer: new < 0 ? nil : new == 1))
    }
}

/// Order lines kept in memory as compact bytes (tests and small closes).
public final class MemoryOrderLines: OrderLineStore, @unchecked Sendable {
    private var bytes: [String: [UInt8]] = [:]
    private var counts: [String: Int] = [:]
    public init() {}
    /// One line, encoded here (tests and already-checked rows).
    public func append(region: String, line: OrderLine) {
        var encoded: [UInt8] = []
        OrderLineCodec.encode(line, into: &encoded)
        append(region: region, encoded: encoded, lines: 1)
    }
    public func append(region: String, encoded: [UInt8], lines: Int) {
        bytes[region, default: []].append(contentsOf: encoded)
        counts[region, default: 0] += lines
    }
    public func forEach(region: String, _ body: (OrderLine) throws -> Void) throws {
        guard let b = bytes[region] else { return }
        try b.withUnsafeBytes { p in
            var at = 0
            while let l = OrderLineCodec.decode(p, &at) { try body(l) }
        }
    }
    public func count(region: String) -> Int { counts[region] ?? 0 }
}
