#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One CSV file being written: rows are appended as bytes to a buffer that is flushed to the
/// file every megabyte, so a million order lines never sit in memory. A GB18030 file is kept
/// whole (it is small) and converted when closed.
final class CSVOut {
    let path: String
    let name: String
    private var file: UnsafeMutablePointer<FILE>?
    var buf: [UInt8] = []
    private let crlf: Bool
    private let gb18030: Bool
    /// Physical lines written so far (the header is line 1).
    private(set) var lines = 0
    /// Data records written (blank lines included).
    private(set) var records = 0

    init(directory: String, name: String, bom: Bool = false, crlf: Bool = false, gb18030: Bool = false) throws {
        self.path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        self.name = name
        self.crlf = crlf
        self.gb18030 = gb18030
        guard let f = fopen(path, "wb") else { throw DemoError.cannotWrite(path) }
        file = f
        buf.reserveCapacity(1 << 20 + 4096)
        if bom { buf.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// The line number the next row will have.
    var nextLine: Int { lines + 1 }

    func header(_ fields: [String]) { row(fields, isHeader: true) }

    /// A row of text fields, quoted per RFC 4180 where needed.
    func row(_ fields: [String], isHeader: Bool = false) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buf.append(UInt8(ascii: ",")) }
            CSVOut.appendField(f, into: &buf)
        }
        endLine(isHeader: isHeader)
    }

    /// A line written exactly as given (for deliberate damage: a blank line).
    func rawLine(_ text: String) {
        buf.append(contentsOf: text.utf8)
        endLine(isHeader: false)
    }

    func endLine(isHeader: Bool = false) {
        if crlf { buf.append(13) }
        buf.append(10)
        lines += 1
        if !isHeader { records += 1 }
        if !gb18030 && buf.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard let f = file, !buf.isEmpty else { return }
        _ = buf.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        buf.removeAll(keepingCapacity: true)
    }

    func close() throws {
        guard let f = file else { return }
        if gb18030 {
            let text = String(decoding: buf, as: UTF8.self)
            buf = try DemoCodec.gb18030(text)
        }
        flush()
        let bad = ferror(f) != 0
        fclose(f)
        file = nil
        if bad { throw DemoError.cannotWrite(path) }
    }

    deinit { if let f = file { fclose(f) } }

    static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    static func appendField(_ s: String, into buf: inout [UInt8]) {
        if needsQuotes(s) {
            buf.append(UInt8(ascii: "\""))
            for b in s.utf8 {
                if b == UInt8(ascii: "\"") { buf.append(b) }
                buf.append(b)
            }
            buf.append(UInt8(ascii: "\""))
        } else {
            buf.append(contentsOf: s.utf8)
        }
    }

    /// The bytes of a field as it stands in the file (quoted where needed), for the hot path.
    static func fieldBytes(_ s: String) -> [UInt8] {
        var b: [UInt8] = []
        appendField(s, into: &b)
        return b
    }

    static func appendInt(_ v: Int64, into buf: inout [UInt8]) {
        var x = v
        if x < 0 { buf.append(UInt8(ascii: "-")); x = -x }
        var p: Int64 = 1
        while p <= x / 10 { p *= 10 }
        while p > 0 { buf.append(48 + UInt8(x / p % 10)); p /= 10 }
    }

    static func appendPadded(_ v: Int, width: Int, into buf: inout [UInt8]) {
        var n = 1
        var p: Int64 = 1
        while p <= Int64(v) / 10 { p *= 10; n += 1 }
        while n < width { buf.append(48); n += 1 }
        while p > 0 { buf.append(48 + UInt8(Int64(v) / p % 10)); p /= 10 }
    }

    /// Fen as plain yuan with two decimals: 123456 → "1234.56".
    static func appendMoney(_ fen: Int64, into buf: inout [UInt8]) {
        var f = fen
        if f < 0 { buf.append(UInt8(ascii: "-")); f = -f }
        appendInt(f / 100, into: &buf)
        buf.append(UInt8(ascii: "."))
        let c = f % 100
        buf.append(48 + UInt8(c / 10)); buf.append(48 + UInt8(c % 10))
    }
}

/// Text forms of values as the exports write them.
enum Fmt {
    static func pad(_ v: Int, _ width: Int) -> String {
        var s = String(v); while s.count < width { s = "0" + s }; return s
    }
    /// 123456 fen → "1234.56".
    static func money(_ fen: Int64) -> String {
        var b: [UInt8] = []; CSVOut.appendMoney(fen, into: &b); return String(decoding: b, as: UTF8.self)
    }
    /// 123456 fen → "￥1,234.56" (a Chinese Excel currency cell saved as CSV).
    static func yuanSign(_ fen: Int64) -> String {
        let neg = fen < 0
        let m = fen.magnitude
        var ip = String(m / 100)
        var groups: [String] = []
        while ip.count > 3 { groups.insert(String(ip.suffix(3)), at: 0); ip = String(ip.dropLast(3)) }
        groups.insert(ip, at: 0)
        let c = m % 100
        return (neg ? "-" : "") + "￥" + groups.joined(separator: ",") + "." + (c < 10 ? "0\(c)" : "\(c)")
    }
}
