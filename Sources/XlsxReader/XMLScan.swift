import Foundation

/// A byte-level check that an XML part is complete and well nested, fast enough for sheets of hundreds of
/// megabytes (Foundation's XMLParser is slow there and fails outright on some large parts). It does not validate
/// against a schema; it proves the part was not cut mid-tag and every element closes, and it reads what a
/// close verifies: the last row number and the cached values of chosen cells.
public struct XMLScan: Sendable {
    public var wellFormed: Bool
    /// Why not, with the byte offset.
    public var problem: String?
    /// The largest `r` of a `<row>` element (1-based), 0 when none.
    public var lastRow: Int
    /// Cached `<v>` values of the wanted cells, by A1 reference.
    public var values: [String: String]

    /// Scans `bytes`; `wanted` are cell references whose `<v>` text to return.
    public static func scan(_ bytes: UnsafeRawBufferPointer, wanted: Set<String> = []) -> XMLScan {
        var s = XMLStreamScanner(wanted: wanted)
        _ = s.feed(bytes, final: true)
        return s.finish()
    }

    public static func scan(_ data: Data, wanted: Set<String> = []) -> XMLScan {
        data.withUnsafeBytes { scan($0, wanted: wanted) }
    }
}

/// `XMLScan` over a part that arrives in pieces (an inflating ZIP entry): memory stays at one piece whatever the
/// part's size. `feed` reads every construct that is whole in the bytes given and returns how many bytes it used;
/// the caller hands the rest again, followed by more, and calls `finish` after the last piece.
public struct XMLStreamScanner: Sendable {
    private var out = XMLScan(wellFormed: false, problem: nil, lastRow: 0, values: [:])
    private let wanted: Set<String>
    /// Open elements' names, end to end in one buffer (no array per element).
    private var names: [UInt8] = []
    private var nameEnds: [Int] = []
    private var sawRoot = false
    private var pendingCell: String? = nil
    private var inValueOf: String? = nil
    /// Bytes of the part before the current piece (for offsets in problems).
    private var consumed = 0
    private var failed = false

    public init(wanted: Set<String> = []) {
        self.wanted = wanted
        names.reserveCapacity(64); nameEnds.reserveCapacity(16)
    }

    private mutating func fail(_ why: String, _ at: Int) {
        if !failed { out.wellFormed = false; out.problem = "\(why) at byte \(consumed + at)"; failed = true }
    }

    /// Reads the whole constructs in `bytes`; returns the bytes used (all of them when `final`).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Int {
        guard !failed else { return bytes.count }
        let n = bytes.count
        guard n > 0 else { return 0 }
        let b = bytes.bindMemory(to: UInt8.self)
        var i = 0
        func find(_ pattern: [UInt8], from: Int) -> Int? {
            guard pattern.count <= n else { return nil }
            var j = from
            while j + pattern.count <= n {
                if b[j] == pattern[0] {
                    var k = 1
                    while k < pattern.count && b[j + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return j }
                }
                j += 1
            }
            return nil
        }
        func isNameEnd(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x2F || c == 0x3E }
        func attribute(_ name: [UInt8], in range: Range<Int>) -> String? {
            // finds ` name="value"` inside a start tag
            var j = range.lowerBound
            while j < range.upperBound {
                if (b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D) && j + name.count + 2 < range.upperBound {
                    var k = 0
                    while k < name.count && b[j + 1 + k] == name[k] { k += 1 }
                    if k == name.count && b[j + 1 + k] == 0x3D {
                        let q = b[j + 2 + k]
                        guard q == 0x22 || q == 0x27 else { return nil }
                        var e = j + 3 + k
                        while e < range.upperBound && b[e] != q { e += 1 }
                        return String(decoding: UnsafeBufferPointer(rebasing: b[(j + 3 + k)..<e]), as: UTF8.self)
                    }
                }
                j += 1
            }
            return nil
        }
        // A construct cut at the end of the piece: wait for more, or (final) the part is cut.
        var cut: (why: String, at: Int)? = nil
        scan: while i < n {
            let c = b[i]
            if c != 0x3C {  // '<'
                if inValueOf == nil && nameEnds.isEmpty && sawRoot && !(c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) {
                    fail("text after the root element", i); return n
                }
                i += 1
                continue
            }
            guard i + 1 < n else { cut = ("cut inside a tag", i); break scan }
            let d = b[i + 1]
            if d == 0x3F {  // <? ... ?>
                guard let e = find([0x3F, 0x3E], from: i + 2) else { cut = ("cut inside a processing instruction", i); break scan }
                i = e + 2; continue
            }
            if d == 0x21 {  // <!-- --> or <![CDATA[ ]]> or <!DOCTYPE>
                guard i + 8 < n || final else { cut = ("cut inside a declaration", i); break scan }
                if i + 3 < n && b[i + 2] == 0x2D && b[i + 3] == 0x2D {
                    guard let e = find([0x2D, 0x2D, 0x3E], from: i + 4) else { cut = ("cut inside a comment", i); break scan }
                    i = e + 3; continue
                }
                if i + 8 < n && b[i + 2] == 0x5B {
                    guard let e = find([0x5D, 0x5D, 0x3E], from: i + 3) else { cut = ("cut inside CDATA", i); break scan }
                    i = e + 3; continue
                }
                guard let e = find([0x3E], from: i + 2) else { cut = ("cut inside a declaration", i); break scan }
                i = e + 1; continue
            }
            if d == 0x2F {  // end tag
                var j = i + 2
                while j < n && !isNameEnd(b[j]) { j += 1 }
                let name = (i + 2)..<j
                while j < n && b[j] != 0x3E { j += 1 }
                guard j < n else { cut = ("cut inside an end tag", i); break scan }
                guard let end = nameEnds.popLast() else { fail("end tag with no element open", i); return n }
                let start = nameEnds.last ?? 0
                let same =
                    end - start == name.count
                    && names.withUnsafeBufferPointer { nb in
                        name.count == 0 || memcmp(nb.baseAddress! + start, b.baseAddress! + name.lowerBound, name.count) == 0
                    }
                guard same else {
                    fail(
                        "</\(String(decoding: UnsafeBufferPointer(rebasing: b[name]), as: UTF8.self))> closes <\(String(decoding: names[start..<end], as: UTF8.self))>",
                        i)
                    return n
                }
                names.removeSubrange(start...)
                if name.count == 1 && b[name.lowerBound] == 0x76 { inValueOf = nil }  // </v>
                if name.count == 1 && b[name.lowerBound] == 0x63 { pendingCell = nil }  // </c>
                i = j + 1
                continue
            }
            // start tag: name, attributes (quotes may hold '>'), then '>' or '/>'
            var j = i + 1
            while j < n && !isNameEnd(b[j]) { j += 1 }
            guard j < n || final else { cut = ("cut inside a start tag", i); break scan }
            guard j > i + 1 else { fail("a '<' that starts no tag", i); return n }
            let name = (i + 1)..<j
            let first = b[name.lowerBound]
            var quote: UInt8 = 0
            var k = j
            while k < n {
                let x = b[k]
                if quote != 0 { if x == quote { quote = 0 } } else if x == 0x22 || x == 0x27 { quote = x } else if x == 0x3E { break }
                k += 1
            }
            guard k < n else { cut = ("cut inside a start tag", i); break scan }
            let selfClosing = b[k - 1] == 0x2F
            var valueEnd: Int? = nil
            if name.count == 1 && first == 0x76 && !selfClosing, pendingCell != nil {
                guard let e = find([0x3C], from: k + 1) else { cut = ("cut inside a value", final ? k : i); break scan }
                valueEnd = e
            }
            if nameEnds.isEmpty && sawRoot { fail("a second root element", i); return n }
            sawRoot = true
            if name.count == 3 && first == 0x72 && b[name.lowerBound + 1] == 0x6F && b[name.lowerBound + 2] == 0x77 {  // row
                if let r = attribute([0x72], in: j..<k), let v = Int(r) { out.lastRow = Swift.max(out.lastRow, v) }
            } else if name.count == 1 && first == 0x63 {  // c
                pendingCell = nil
                if !wanted.isEmpty, let r = attribute([0x72], in: j..<k), wanted.contains(r) { pendingCell = r }
                if selfClosing { pendingCell = nil }
            } else if name.count == 1 && first == 0x76 && !selfClosing {  // v
                if let cell = pendingCell, let e = valueEnd {
                    out.values[cell] = String(decoding: UnsafeBufferPointer(rebasing: b[(k + 1)..<e]), as: UTF8.self)
                }
                inValueOf = pendingCell ?? ""
            }
            if !selfClosing {
                names.append(contentsOf: UnsafeBufferPointer(rebasing: b[name]))
                nameEnds.append(names.count)
            }
            i = k + 1
        }
        if let cut {
            if final { fail(cut.why, cut.at); return n }
            consumed += cut.at
            return cut.at
        }
        consumed += n
        return n
    }

    /// The bytes of a construct cut at the end of the last piece, waiting for the next (see `add`).
    private var carry: [UInt8] = []

    /// Feeds the next piece of the part, keeping a construct cut at its end for the next piece; `last` with the
    /// final piece. The way to feed a part that arrives in pieces of any size.
    public mutating func add(_ piece: UnsafeRawBufferPointer, last: Bool) {
        if carry.isEmpty {
            let used = feed(piece, final: last)
            if used < piece.count { carry.append(contentsOf: piece[used...]) }
        } else {
            carry.append(contentsOf: piece)
            let pending = carry  // taken out while `feed` changes the scanner
            carry = []
            let used = pending.withUnsafeBytes { feed($0, final: last) }
            if used < pending.count { carry = Array(pending[used...]) }
        }
    }

    /// The scan once every piece was fed.
    public func finish() -> XMLScan {
        var o = out
        if failed { return o }
        if let end = nameEnds.last {
            let start = nameEnds.count > 1 ? nameEnds[nameEnds.count - 2] : 0
            o.problem = "the part ends with <\(String(decoding: names[start..<end], as: UTF8.self))> still open (cut short) at byte \(consumed)"
            return o
        }
        if !sawRoot { o.problem = "no root element at byte \(consumed)"; return o }
        o.wellFormed = true
        return o
    }
}

/// What the close needs from an XLSX file's parts besides the scan.
public enum XlsxParts {
    /// Sheet names in workbook order, read from `xl/workbook.xml` bytes (names XML-unescaped).
    public static func sheetNames(workbookXML data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var names: [String] = []
        var rest = text[...]
        while let r = rest.range(of: "<sheet ") {
            rest = rest[r.upperBound...]
            guard let n = rest.range(of: "name=\"") else { break }
            let after = rest[n.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            names.append(unescape(String(after[..<end])))
            rest = after[end...]
        }
        return names
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
