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
            if u.value >= 0xFF01 && u.value <= 0xFF5E { out.append(Unicode.Scalar(u.value - 0xFEE0)!) }
            else if u.value == 0x3000 { out.append(" ") }
            else if u.value == 0xFFE5 { out.append("¥") }
            else { out.append(u) }
        }
        return String(out)
    }

    /// Excel's limit for a cell, in UTF-16 code units.
    public static let excelCellLimit = 32_767

    /// Cuts text longer than Excel's cell limit, never between the halves of a surrogate pair.
    public static func cutToExcelLimit(_ s: String) -> (text: String, cut: Bool) {
        guard s.utf16.count > excelCellLimit else { return (s, false) }
        var units = 0
        var end = s.unicodeScalars.startIndex
        for idx in s.unicodeScalars.indices {
            let w = s.unicodeScalars[idx].utf16.count
            if units + w > excelCellLimit { end = idx; break }
            units += w
        }
        return (String(s.unicodeScalars[..<end]), true)
    }
}
