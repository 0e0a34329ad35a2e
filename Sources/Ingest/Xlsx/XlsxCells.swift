import SalesCore

/// A number cell's value as the decimal its XML text writes, never through binary floating point: sign, digits and
/// where the decimal point stands, at most 15 significant digits (what Excel keeps and shows: `0.30000000000000004`,
/// the binary remainder of a formula, is 0.3).
struct XlsxDecimal: Equatable {
    var negative = false
    /// Significant digits, no leading or trailing zeros (empty for zero).
    var digits: [UInt8] = []
    /// The value is 0.digits × 10^exponent.
    var exponent = 0
    /// The text had more than 15 significant digits (before rounding).
    var overlong = false
    /// The text was in scientific notation.
    var scientific = false

    static let excelDigits = 15

    /// Parses `-12.5`, `1080`, `1.2345678901234567E+19`, `4.9999999999999996E-2`; nil when not a number.
    init?(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = b.count
        while i < n && XMLPull.isSpace(b[i]) { i += 1 }
        var end = n
        while end > i && XMLPull.isSpace(b[end - 1]) { end -= 1 }
        guard i < end else { return nil }
        if b[i] == 0x2D { negative = true; i += 1 } else if b[i] == 0x2B { i += 1 }
        var all: [UInt8] = []
        var point = -1
        var sawDigit = false
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 { all.append(c - 0x30); sawDigit = true } else if c == 0x2E && point < 0 { point = all.count } else { break }
            i += 1
        }
        guard sawDigit else { return nil }
        var exp = 0
        if i < end && (b[i] == 0x45 || b[i] == 0x65) {
            scientific = true
            i += 1
            var eneg = false
            if i < end && (b[i] == 0x2D || b[i] == 0x2B) { eneg = b[i] == 0x2D; i += 1 }
            var e = 0, any = false
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { e = min(e * 10 + Int(b[i] - 0x30), 100_000); any = true; i += 1 }
            guard any else { return nil }
            exp = eneg ? -e : e
        }
        guard i == end else { return nil }
        if point < 0 { point = all.count }
        // Strip leading zeros (moving the point), then trailing zeros.
        var lead = 0
        while lead < all.count && all[lead] == 0 { lead += 1 }
        if lead == all.count { negative = false; return }
        var d = Array(all[lead...])
        var e10 = point - lead + exp
        while let last = d.last, last == 0 { d.removeLast() }
        if d.count > XlsxDecimal.excelDigits {
            overlong = true
            let roundUp = d[XlsxDecimal.excelDigits] >= 5
            d.removeSubrange(XlsxDecimal.excelDigits...)
            if roundUp {
                var k = d.count - 1
                while k >= 0 { if d[k] == 9 { d[k] = 0; k -= 1 } else { d[k] += 1; break } }
                if k < 0 { d.insert(1, at: 0); e10 += 1 }
            }
            while let last = d.last, last == 0 { d.removeLast() }
        }
        digits = d
        exponent = e10
    }

    var isZero: Bool { digits.isEmpty }
    /// No fraction.
    var isInteger: Bool { digits.count <= exponent }
    /// Digits before the point.
    var integerDigits: Int { max(0, exponent) }

    /// Plain decimal text: `1080.5`, `-0.05`, `12345678901234500000`.
    var plain: String {
        if digits.isEmpty { return "0" }
        var s = negative ? "-" : ""
        if exponent <= 0 {
            s += "0." + String(repeating: "0", count: -exponent) + digitText(digits)
        } else if exponent >= digits.count {
            s += digitText(digits) + String(repeating: "0", count: exponent - digits.count)
        } else {
            s += digitText(digits[..<exponent]) + "." + digitText(digits[exponent...])
        }
        return s
    }

    /// The integer part's digits (no sign), for an ID.
    var integerText: String {
        if exponent <= 0 || digits.isEmpty { return "0" }
        if exponent >= digits.count { return digitText(digits) + String(repeating: "0", count: exponent - digits.count) }
        return digitText(digits[..<exponent])
    }

    /// As Excel's General format shows a number too long for it: six significant digits, `1.23457E+11`.
    var scientificText: String {
        var d = digits
        var e = exponent - 1
        if d.count > 6 {
            let up = d[6] >= 5
            d.removeSubrange(6...)
            if up {
                var k = 5
                while k >= 0 { if d[k] == 9 { d[k] = 0; k -= 1 } else { d[k] += 1; break } }
                if k < 0 { d.insert(1, at: 0); d.removeLast(); e += 1 }
            }
        }
        while d.count > 1, let last = d.last, last == 0 { d.removeLast() }
        var s = negative ? "-" : ""
        s += String(d[0])
        if d.count > 1 { s += "." + digitText(d[1...]) }
        return s + "E" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
    }

    /// Whole days and the fraction of a day in seconds (rounded), for a date serial; nil when negative or huge.
    var serial: (days: Int, seconds: Int)? {
        guard !negative, exponent <= 8 else { return nil }
        let whole = exponent <= 0 ? 0 : Int(integerText) ?? 0
        var frac = 0, scale = 1
        let fracDigits: ArraySlice<UInt8> = exponent >= digits.count ? [] : digits[max(0, exponent)...]
        for _ in 0..<max(0, -exponent) where scale < 1_000_000_000_000 { scale *= 10 }
        for d in fracDigits where scale < 1_000_000_000_000 { frac = frac * 10 + Int(d); scale *= 10 }
        var seconds = (frac * 86_400 + scale / 2) / scale
        var days = whole
        if seconds >= 86_400 { seconds -= 86_400; days += 1 }
        return (days, seconds)
    }

    private func digitText<C: Collection>(_ d: C) -> String where C.Element == UInt8 {
        String(decoding: d.map { $0 + 0x30 }, as: UTF8.self)
    }
}

/// How a cell's value reads as text for the row path (the same cleaning, trimming and typing as a CSV field).
enum XlsxCellText {
    /// A date serial as ISO text, by the workbook's date system (1900 with Excel's 1900-02-29, or 1904);
    /// a time only when the format shows only a time. nil when the serial is no date Excel shows.
    static func date(_ v: XlsxDecimal, format: NumberFormat, date1904: Bool) -> String? {
        guard case .date(_, let dateParts) = format, let (days, seconds) = v.serial, days <= 2_958_465 else { return nil }
        let clock = String(format2(seconds / 3600)) + ":" + format2(seconds / 60 % 60) + ":" + format2(seconds % 60)
        if !dateParts { return clock }
        var text: String
        if date1904 {
            text = Day(year: 1904, month: 1, day: 1)!.adding(days: days).description
        } else if days == 0 {
            text = "1900-01-00"  // what Excel shows for 0: no day (the row path rejects it)
        } else if days == 60 {
            text = "1900-02-29"  // Excel's leap-year bug: a day that never was (rejected as an invalid day)
        } else {
            text = Day(year: 1899, month: 12, day: days < 60 ? 31 : 30)!.adding(days: days).description
        }
        if seconds != 0 { text += " " + clock }
        return text
    }

    private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A number as the ID it shows: General shows integers of up to 11 digits whole and longer ones in scientific
    /// notation; a format of zeros pads (`00000` shows 123 as `00123`), with its literal text around the digits.
    static func shown(_ v: XlsxDecimal, format: NumberFormat) -> String {
        switch format {
        case .general, .text, .date:
            if v.isInteger && v.integerDigits <= 11 { return (v.negative ? "-" : "") + v.integerText }
            if v.isInteger || v.integerDigits > 11 { return v.scientificText }
            return v.plain
        case .code(let code):
            let chars = NumberFormat.literalFree(code)
            if chars.contains("E") || chars.contains("e") { return v.scientificText }  // `0.00E+00` shows scientific notation
            if code.isEmpty || chars.contains(".") || chars.contains("%") || !v.isInteger {
                return v.isInteger && v.integerDigits <= 15 ? (v.negative ? "-" : "") + v.integerText : v.plain
            }
            let zeros = chars.filter { $0 == "0" }.count
            var digits = v.integerText
            if digits == "0" && zeros == 0 { digits = "" }
            if digits.count < zeros { digits = String(repeating: "0", count: zeros - digits.count) + digits }
            let (prefix, suffix) = literals(code)
            return (v.negative ? "-" : "") + prefix + digits + suffix
        }
    }

    /// The quoted or escaped literal text before the first and after the last digit placeholder of a format.
    static func literals(_ code: String) -> (String, String) {
        var prefix = "", suffix = "", seenDigit = false, quoted = false, escaped = false, bracket = false
        for c in code {
            if escaped { escaped = false; if seenDigit { suffix.append(c) } else { prefix.append(c) }; continue }
            if quoted { if c == "\"" { quoted = false } else if seenDigit { suffix.append(c) } else { prefix.append(c) }; continue }
            if bracket { if c == "]" { bracket = false }; continue }
            switch c {
            case "\"": quoted = true
            case "\\": escaped = true
            case "[": bracket = true
            case "0", "#", "?", ",": seenDigit = true; suffix = ""
            case "-", "(", ")", ":", "/", " ", "$", "+": if seenDigit { suffix.append(c) } else { prefix.append(c) }
            default: break
            }
        }
        return (prefix, suffix)
    }
}
