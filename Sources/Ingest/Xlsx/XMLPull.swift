import Foundation

/// A byte-level, incremental XML reader for the parts of a workbook: pieces of an inflating ZIP entry go in, start
/// tags, end tags and text come out to a sink, and memory stays at one piece plus the construct a piece cuts short.
/// It reads what SpreadsheetML writers write (elements, attributes, text, CDATA, comments, processing instructions);
/// it does not validate, and it never expands entities beyond the five predefined ones and character references.
protocol XMLSink {
    /// `name` is the local name (any `prefix:` removed); `attributes` the raw bytes between the name and `>` or `/>`.
    mutating func start(_ name: UnsafeBufferPointer<UInt8>, attributes: UnsafeBufferPointer<UInt8>, empty: Bool) throws
    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws
    /// Text between tags, raw (entities not decoded) unless `cdata`; always whole (never cut between pieces).
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, cdata: Bool) throws
}

struct XMLProblem: Error { let message: String }

struct XMLPull {
    private var pending: [UInt8] = []
    /// Set once the part's last piece was read: nothing may remain then.
    private(set) var finished = false

    /// Reads every whole construct in `piece` (after what an earlier piece left over); `last` with the final piece.
    mutating func feed<S: XMLSink>(_ piece: UnsafeRawBufferPointer, last: Bool, into sink: inout S) throws {
        if pending.isEmpty {
            let used = try XMLPull.scan(piece.assumingMemoryBound(to: UInt8.self), last: last, sink: &sink)
            if used < piece.count { pending = Array(UnsafeRawBufferPointer(rebasing: piece[used...])) }
        } else {
            pending.append(contentsOf: piece)
            let used = try pending.withUnsafeBufferPointer { try XMLPull.scan($0, last: last, sink: &sink) }
            pending.removeSubrange(0..<used)
        }
        // One construct (a tag, a text) over 64 MB is no workbook a spreadsheet writes (a cell holds 32,767 characters).
        if pending.count > XMLPull.constructLimit { throw XMLProblem(message: "an XML tag or text runs over 64 MB") }
        if last {
            finished = true
            if !pending.isEmpty { throw XMLProblem(message: "the XML ends inside a tag") }
        }
    }

    static let constructLimit = 64 << 20
    static let lt: UInt8 = 0x3C, gt: UInt8 = 0x3E, slash: UInt8 = 0x2F, bang: UInt8 = 0x21, question: UInt8 = 0x3F

    /// Scans whole constructs; returns the bytes used (the rest waits for more).
    static func scan<S: XMLSink>(_ b: UnsafeBufferPointer<UInt8>, last: Bool, sink: inout S) throws -> Int {
        let n = b.count
        guard let base = b.baseAddress else { return 0 }
        var i = 0
        while i < n {
            if b[i] != lt {
                // Text up to the next tag; whole only when that tag is here (or the part ends).
                guard let hit = memchr(base + i, Int32(lt), n - i) else {
                    if last { try sink.text(UnsafeBufferPointer(rebasing: b[i..<n]), cdata: false); return n }
                    return i
                }
                let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                try sink.text(UnsafeBufferPointer(rebasing: b[i..<j]), cdata: false)
                i = j
                continue
            }
            guard i + 1 < n else { return i }
            let c = b[i + 1]
            if c == bang || c == question {
                // Comment, CDATA, DOCTYPE or processing instruction.
                if c == bang, i + 9 <= n, b[i + 2] == 0x5B, b[i + 3] == 0x43 /* [C */ {
                    guard let end = find(b, "]]>", from: i + 9) else { return i }
                    try sink.text(UnsafeBufferPointer(rebasing: b[(i + 9)..<end]), cdata: true)
                    i = end + 3
                } else if c == bang, i + 4 <= n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                    guard let end = find(b, "-->", from: i + 4) else { return i }
                    i = end + 3
                } else if c == question {
                    guard let end = find(b, "?>", from: i + 2) else { return i }
                    i = end + 2
                } else {
                    if i + 4 > n { return i }
                    guard let hit = memchr(base + i, Int32(gt), n - i) else { return i }
                    i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                }
                continue
            }
            // A start or end tag: to its `>` outside quoted attribute values.
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let d = b[j]
                if quote != 0 { if d == quote { quote = 0 } } else if d == 0x22 || d == 0x27 { quote = d } else if d == gt { break }
                j += 1
            }
            guard j < n else { return i }
            if c == slash {
                var s = i + 2, e = j
                while e > s && isSpace(b[e - 1]) { e -= 1 }
                if let colon = memchr(base + s, 0x3A, e - s) { s = base.distance(to: colon.assumingMemoryBound(to: UInt8.self)) + 1 }
                try sink.end(UnsafeBufferPointer(rebasing: b[s..<e]))
            } else {
                var e = j
                let empty = b[j - 1] == slash
                if empty { e -= 1 }
                var s = i + 1
                var k = s
                while k < e && !isSpace(b[k]) { k += 1 }
                var colonAt = -1
                for m in s..<k where b[m] == 0x3A { colonAt = m }
                if colonAt >= 0 { s = colonAt + 1 }
                try sink.start(UnsafeBufferPointer(rebasing: b[s..<k]), attributes: UnsafeBufferPointer(rebasing: b[k..<e]), empty: empty)
                if empty { try sink.end(UnsafeBufferPointer(rebasing: b[s..<k])) }
            }
            i = j + 1
        }
        return n
    }

    /// Where `pattern` first occurs in `b`, as a byte offset.
    static func search(_ b: UnsafeRawBufferPointer, _ pattern: [UInt8]) -> Int? {
        guard !pattern.isEmpty, b.count >= pattern.count, let base = b.baseAddress else { return nil }
        let first = Int32(pattern[0])
        var i = 0
        while i + pattern.count <= b.count {
            guard let hit = memchr(base + i, first, b.count - pattern.count + 1 - i) else { return nil }
            let j = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + j, pattern, pattern.count) == 0 { return j }
            i = j + 1
        }
        return nil
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ pattern: StaticString, from: Int) -> Int? {
        let p = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        var j = from
        while j + p.count <= b.count {
            if b[j] == p[0] {
                var k = 1
                while k < p.count && b[j + k] == p[k] { k += 1 }
                if k == p.count { return j }
            }
            j += 1
        }
        return nil
    }

    /// The value of attribute `name` (no prefix) in a start tag's attribute bytes, raw; nil when absent.
    static func attribute(_ attrs: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let p = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        let n = attrs.count
        var i = 0
        while i < n {
            while i < n && isSpace(attrs[i]) { i += 1 }
            let ns = i
            while i < n && attrs[i] != 0x3D && !isSpace(attrs[i]) { i += 1 }
            let ne = i
            while i < n && isSpace(attrs[i]) { i += 1 }
            guard i < n, attrs[i] == 0x3D else { return nil }
            i += 1
            while i < n && isSpace(attrs[i]) { i += 1 }
            guard i < n else { return nil }
            let q = attrs[i]
            guard q == 0x22 || q == 0x27 else { return nil }
            let vs = i + 1
            i = vs
            while i < n && attrs[i] != q { i += 1 }
            let ve = i
            i += 1
            if ne - ns == p.count {
                var k = 0
                while k < p.count && attrs[ns + k] == p[k] { k += 1 }
                if k == p.count { return UnsafeBufferPointer(rebasing: attrs[vs..<ve]) }
            }
        }
        return nil
    }

    /// An attribute whose name ends in `:local` (any prefix), e.g. `r:id`.
    static func prefixedAttribute(_ attrs: UnsafeBufferPointer<UInt8>, _ local: String) -> String? {
        let text = String(decoding: attrs, as: UTF8.self)
        for part in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let key = part[..<eq]
            guard key.hasSuffix(":" + local) else { continue }
            var value = part[part.index(after: eq)...]
            if let f = value.first, f == "\"" || f == "'" { value = value.dropFirst() }
            if let l = value.last, l == "\"" || l == "'" { value = value.dropLast() }
            return decode(Array(value.utf8), ooxml: false)
        }
        return nil
    }

    /// Decodes the predefined entities and character references; with `ooxml`, also the `_xHHHH_` escapes of
    /// SpreadsheetML strings (`_x000D_` is a CR, `_x005F_` a literal `_`).
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, ooxml: Bool, into out: inout [UInt8]) {
        let n = raw.count
        if memchr(raw.baseAddress ?? UnsafePointer(bitPattern: 1)!, 0x26, n) == nil
            && (!ooxml || memchr(raw.baseAddress ?? UnsafePointer(bitPattern: 1)!, 0x5F, n) == nil)
        {
            out.append(contentsOf: raw); return
        }
        var text: [UInt8] = []
        text.reserveCapacity(n)
        var i = 0
        while i < n {
            let c = raw[i]
            if c == 0x26, let semi = (i + 1..<min(n, i + 12)).first(where: { raw[$0] == 0x3B }) {
                let body = String(decoding: UnsafeBufferPointer(rebasing: raw[(i + 1)..<semi]), as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch body {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if body.hasPrefix("#x") || body.hasPrefix("#X") {
                        scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if body.hasPrefix("#") {
                        scalar = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                    }
                }
                if let s = scalar { text.append(contentsOf: Array(String(s).utf8)); i = semi + 1; continue }
            }
            text.append(c)
            i += 1
        }
        guard ooxml else { out.append(contentsOf: text); return }
        out.append(contentsOf: unescapeOOXML(text))
    }

    static func decode(_ raw: [UInt8], ooxml: Bool) -> String {
        var out: [UInt8] = []
        raw.withUnsafeBufferPointer { decode($0, ooxml: ooxml, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `_xHHHH_` → the UTF-16 unit HHHH (surrogate pairs joined).
    static func unescapeOOXML(_ t: [UInt8]) -> [UInt8] {
        guard t.contains(0x5F) else { return t }
        func hex(_ at: Int) -> UInt16? {
            guard at + 7 <= t.count, t[at] == 0x5F, t[at + 1] == 0x78, t[at + 6] == 0x5F else { return nil }
            return UInt16(String(decoding: t[(at + 2)..<(at + 6)], as: UTF8.self), radix: 16)
        }
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = 0
        while i < t.count {
            if t[i] == 0x5F, let u = hex(i) {
                var units = [u]
                var next = i + 7
                if UTF16.isLeadSurrogate(u), let low = hex(next), UTF16.isTrailSurrogate(low) { units.append(low); next += 7 }
                let s = String(decoding: units, as: UTF16.self)
                out.append(contentsOf: Array(s.utf8))
                i = next
                continue
            }
            out.append(t[i]); i += 1
        }
        return out
    }
}
