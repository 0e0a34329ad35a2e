extension Worksheet {
    /// `text` without the characters XML 1.0 / Excel cannot hold in a cell:
    /// C0 controls other than tab and line feed are dropped, a carriage
    /// return becomes a line feed (CR LF becomes one LF), and the
    /// non-characters U+FFFE/U+FFFF are dropped. `writeString` applies this;
    /// call it yourself to learn whether a value will change (to flag a row).
    public static func removingControlCharacters(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: needsCleaning) else { return text }
        var out = String.UnicodeScalarView()
        var iterator = scalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            switch scalar.value {
            case 0x09, 0x0A: out.append(scalar)
            case 0x0D: if pending != "\n" { out.append("\n") }
            case 0x00..<0x20, 0xFFFE, 0xFFFF: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// One pass over the UTF-8 bytes: is the text already what a cell holds (no character to drop or change, no
    /// `_` that could start an escape) and within the cell limit? Most cells are; they skip the slower steps.
    static func isPlainCellText(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { p -> Bool in
            if p.count <= maxStringLength / 3 + 1 {
                // At most 3 bytes per UTF-16 unit: short enough to need no count.
                for b in p where b < 0x20 || b == UInt8(ascii: "_") || b == 0xEF { return false }
                return true
            }
            return false
        }
    }

    private static func needsCleaning(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// Escapes literal `_xHHHH_` sequences as `_x005F_xHHHH_`, so Excel (which
    /// decodes `_xHHHH_` in cell XML) shows the original text. libxlsxwriter
    /// 1.1.4 writes such text unescaped, so `_x0041_` would read back as `A`.
    static func escapingExcelEscapes(_ text: String) -> String {
        guard text.utf8.count >= 7, text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 12)
        let escape = Array("_x005F".utf8)
        var i = 0
        while i < bytes.count {
            if isEscapeSequence(bytes, at: i) { out.append(contentsOf: escape) }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isEscapeSequence(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i + 6 < bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
            bytes[i + 6] == UInt8(ascii: "_")
        else { return false }
        return bytes[(i + 2)...(i + 5)].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    /// Cuts `text` to Excel's 32,767 UTF-16-unit cell limit on a character
    /// (grapheme) boundary, never splitting a surrogate pair or a combined
    /// character. `cut` tells whether anything was removed.
    public static func cutToCellLimit(_ text: String) -> (String, cut: Bool) {
        // UTF-16 units never outnumber UTF-8 bytes: most texts are settled without counting units.
        guard text.utf8.count > maxStringLength, text.utf16.count > maxStringLength else { return (text, false) }
        return (Workbook.prefix(text, utf16Units: maxStringLength), true)
    }

    /// The width of `text` in Excel column units for fitting columns: East
    /// Asian wide and full-width characters (CJK, kana, Hangul, full-width
    /// forms, most emoji) count 2, combining marks 0, everything else 1.
    /// The widest line counts when the text has line feeds.
    public static func displayWidth(_ text: String) -> Double {
        var widest = 0
        var current = 0
        for character in text {
            if character == "\n" || character == "\r\n" {
                widest = max(widest, current)
                current = 0
                continue
            }
            guard let scalar = character.unicodeScalars.first else { continue }
            current += scalarWidth(scalar)
        }
        return Double(max(widest, current))
    }

    private static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD
        ]
        return wide.contains(where: { $0.contains(v) }) ? 2 : 1
    }
}
