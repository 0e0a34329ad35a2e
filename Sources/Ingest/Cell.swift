/// Text helpers for cells: whitespace, control characters, full-width forms, Excel's cell limit.
public enum Cell {
    /// Whitespace for trimming: Unicode White_Space (spaces, tabs, line breaks, U+3000, NBSP …) plus BOM and zero-width space.
    /// (Spelled out rather than looked up in the Unicode properties: this runs on every cell.)
    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    public static func isAllWhitespace(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy(isSpace)
    }

    /// Trims whitespace at both ends.
    public static func trim(_ s: String) -> String {
        // Fast path: ASCII non-space at both ends.
        let v = s.utf8
        guard let f = v.first else { return s }
        let l = v[v.index(before: v.endIndex)]
        if f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F { return s }
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !isSpace($0) })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return s }
        return String(u[first...last])
    }

    /// Line breaks become LF (CRLF and a lone CR); tabs stay; other C0 controls and DEL are removed.
    /// Returns the cleaned text and whether anything was removed.
    public static func clean(_ s: String) -> (text: String, removed: Bool) {
        var needs = false
        for b in s.utf8 where b < 0x20 || b == 0x7F {
            if b != 0x0A && b != 0x09 { needs = true; break }
        }
        if !needs { return (s, false) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var removed = false
        var prevCR = false
        for b in s.utf8 {
            if b == 0x0D { out.append(0x0A); prevCR = true; continue }
            if b == 0x0A && prevCR { prevCR = false; continue }
            prevCR = false
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F { removed = true; continue }
            out.append(b)
        }
        return (String(decoding: out, as: UTF8.self), removed)
    }

    /// Full-width ASCII forms (U+FF01…U+FF5E) → ASCII, U+3000 → space, ￥ (U+FFE5) → ¥.
    public static func foldWidth(_ s: String) -> String {
        var changed = false
        for u in s.unicodeScalars where (u.value >= 0xFF01 && u.value <= 0xFF5E) || u.value == 0x3000 || u.value == 0xFFE5 {
            changed = true; break
        }
        if !changed { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E {
                out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            } else if u.value == 0x3000 {
                out.append(" ")
            } else if u.value == 0xFFE5 {
                out.append("¥")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}

/// The same cell rules on the bytes of valid UTF-8 text, for the row reader's fast path.
enum CellBytes {
    /// The scalar starting at `i` and its length (the text is valid UTF-8).
    @inline(__always)
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// `Cell.isAllWhitespace` of the text.
    static func isAllWhitespace(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if !(c == 0x20 || (c >= 0x09 && c <= 0x0D)) { return false }
                i += 1
            } else {
                let s = scalar(b, at: i)
                if !isSpace(s.value) { return false }
                i += s.length
            }
        }
        return true
    }

    /// True when `Cell.clean` would change nothing: no C0 control but LF and tab, no DEL.
    @inline(__always)
    static func isClean(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c < 0x20 || c == 0x7F {
            if c != 0x0A && c != 0x09 { return false }
        }
        return true
    }

    /// `Cell.trim` of the text, as a sub-range.
    @inline(__always)
    static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        // Fast path: ASCII non-space at both ends.
        if hi == 0 { return b }
        let f = b[0], l = b[hi - 1]
        if f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F { return b }
        while lo < hi {
            let s = scalar(b, at: lo)
            if !isSpace(s.value) { break }
            lo += s.length
        }
        while hi > lo {
            var st = hi - 1
            while b[st] & 0xC0 == 0x80 { st -= 1 }
            if !isSpace(scalar(b, at: st).value) { break }
            hi = st
        }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    @inline(__always)
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c >= 0x80 { return false }
        return true
    }

    @inline(__always)
    static func equals(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard b.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for i in 0..<b.count where b[i] != p[i] { return false }
        return true
    }
}
