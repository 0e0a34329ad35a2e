import SalesCore

/// Why a cell's value was not accepted. The message starts with the value as seen, in quotes,
/// so the row reader can put the column name in front: `amount "12,34.5" is not an amount of money (…)`.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The value types of inputs.md "Types". Every parser trims its input and folds full-width forms
/// where digits are expected; an empty cell is an error here (the row reader decides what empty means),
/// except `boolean`, where empty is "not given" (nil).
public enum ValueParser {
    static func q(_ s: String) -> String { "\"" + s + "\"" }

    // MARK: money and numbers

    public static let moneyForms = "1234.50, 1,234.50, ¥1,234.50, ￥1234.5, 1234.5元, RMB 1234.50, CNY1234.5, -12.30 or (12.30)"

    /// An amount of money in fen. Never a binary floating point number on the way.
    public static func money(_ input: String) -> Result<Money, ValueError> {
        let shown = Cell.trim(input)
        guard !shown.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        if let fen = plainUnits(shown, maxDecimals: 2, maxIntegerDigits: 15) { return .success(Money(fen: fen)) }
        var s = Cell.trim(Cell.foldWidth(shown))
        if let sign = foreignCurrency(s) {
            return .failure(
                ValueError(
                    "\(q(shown)) is an amount in a foreign currency (\(sign)), not in yuan: amounts are read as "
                        + "yuan (¥, RMB, CNY or no sign) and never converted; export the column as numbers without the \(sign) sign "
                        + "(a spreadsheet saved in an English locale adds it), or convert the amounts to yuan (accepted: \(moneyForms))"))
        }
        var neg = false
        var signs = 0
        func stripSuffixYuan() { if s.hasSuffix("元") { s = Cell.trim(String(s.dropLast())) } }
        func stripParens() {
            if s.count >= 2 && s.hasPrefix("(") && s.hasSuffix(")") {
                neg.toggle(); signs += 1; s = Cell.trim(String(s.dropFirst().dropLast()))
            }
        }
        func stripSign() {
            if s.hasPrefix("-") {
                neg.toggle(); signs += 1; s = Cell.trim(String(s.dropFirst()))
            } else if s.hasPrefix("+") {
                signs += 1; s = Cell.trim(String(s.dropFirst()))
            }
        }
        func stripCurrency() {
            if s.hasPrefix("¥") { s = Cell.trim(String(s.dropFirst())); return }
            let upper = s.uppercased()
            for p in ["RMB", "CNY"] where upper.hasPrefix(p) { s = Cell.trim(String(s.dropFirst(3))); return }
        }
        stripSuffixYuan(); stripParens(); stripSign(); stripCurrency(); stripSign(); stripParens(); stripSuffixYuan()
        let notMoney = "\(q(shown)) is not an amount of money (accepted: \(moneyForms))"
        if signs > 1 { return .failure(ValueError(notMoney + ": it has more than one sign")) }
        switch parseUnits(s, maxDecimals: 2, maxIntegerDigits: 15) {
        case .success(let units): return .success(Money(fen: neg ? -units : units))
        case .failure(let why):
            switch why {
            case .tooManyDecimals(let n):
                return .failure(ValueError("\(q(shown)) has \(n) decimals; an amount of money has at most 2 (fen)"))
            case .twoPoints: return .failure(ValueError(notMoney + ": it has more than one decimal point"))
            case .letters: return .failure(ValueError(notMoney + ": it has letters or other characters"))
            case .tooLarge: return .failure(ValueError("\(q(shown)) is too large for an amount of money"))
            case .malformed: return .failure(ValueError(notMoney))
            }
        }
    }

    /// The foreign currency sign or code an amount carries (`US$`, `HK$`, `$`, `€`, `£`, `USD` …), nil for none.
    static func foreignCurrency(_ folded: String) -> String? {
        let upper = folded.uppercased()
        for code in ["US$", "HK$", "NT$", "S$", "A$", "C$", "MOP$"] where upper.contains(code) { return code }
        for sign in ["$", "€", "£", "₩", "₹", "₽", "₣", "¢"] where folded.contains(sign) { return sign }
        for code in ["USD", "HKD", "EUR", "GBP", "JPY", "TWD", "MOP", "SGD"] where upper.contains(code) { return code }
        return nil
    }

    /// A decimal with up to 4 places (quantities): like money without the currency marks.
    public static func decimal4(_ input: String) -> Result<Decimal4, ValueError> {
        let shown = Cell.trim(input)
        guard !shown.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        if let units = plainUnits(shown, maxDecimals: 4, maxIntegerDigits: 14) { return .success(Decimal4(units: units)) }
        var s = Cell.trim(Cell.foldWidth(shown))
        var neg = false
        if s.count >= 2 && s.hasPrefix("(") && s.hasSuffix(")") { neg = true; s = Cell.trim(String(s.dropFirst().dropLast())) }
        if s.hasPrefix("-") && !neg {
            neg = true; s = Cell.trim(String(s.dropFirst()))
        } else if s.hasPrefix("+") && !neg {
            s = Cell.trim(String(s.dropFirst()))
        }
        let notNumber = "\(q(shown)) is not a number (accepted: 12, 12.5, 1,234.5678, -3; at most 4 decimals)"
        switch parseUnits(s, maxDecimals: 4, maxIntegerDigits: 14) {
        case .success(let units): return .success(Decimal4(units: neg ? -units : units))
        case .failure(.tooManyDecimals(let n)): return .failure(ValueError("\(q(shown)) has \(n) decimals; at most 4 are accepted"))
        case .failure(.twoPoints): return .failure(ValueError(notNumber + ": it has more than one decimal point"))
        case .failure(.tooLarge): return .failure(ValueError("\(q(shown)) is too large"))
        case .failure: return .failure(ValueError(notNumber))
        }
    }

    /// A whole number; full-width digits accepted. `3.0` is 3; `3.5` is not a whole number.
    public static func integer(_ input: String) -> Result<Int, ValueError> {
        let shown = Cell.trim(input)
        guard !shown.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        var s = Substring(Cell.trim(Cell.foldWidth(shown)))
        var neg = false
        if s.hasPrefix("-") { neg = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        var intPart = s
        if let dot = s.firstIndex(of: ".") {
            let frac = s[s.index(after: dot)...]
            intPart = s[..<dot]
            guard !frac.isEmpty, frac.allSatisfy({ $0 == "0" }) else {
                if !frac.isEmpty && frac.allSatisfy(\.isASCIIDigit) && intPart.allSatisfy(\.isASCIIDigit) && !intPart.isEmpty {
                    return .failure(ValueError("\(q(shown)) is not a whole number"))
                }
                return .failure(ValueError("\(q(shown)) is not a whole number (accepted: 0, 1, 2, 12 …)"))
            }
        }
        guard !intPart.isEmpty, intPart.allSatisfy(\.isASCIIDigit) else {
            return .failure(ValueError("\(q(shown)) is not a whole number (accepted: 0, 1, 2, 12 …)"))
        }
        guard intPart.count <= 9, let v = Int(intPart) else { return .failure(ValueError("\(q(shown)) is too large")) }
        return .success(neg ? -v : v)
    }

    enum NumberProblem: Error, Equatable { case tooManyDecimals(Int), twoPoints, letters, tooLarge, malformed }

    /// Fast path for the common case: optional `-`, then digits, commas and at most one point, all ASCII. nil: use the full parser.
    static func plainUnits(_ input: String, maxDecimals: Int, maxIntegerDigits: Int) -> Int64? {
        var s = input
        return s.withUTF8 { plainUnits(bytes: $0, maxDecimals: maxDecimals, maxIntegerDigits: maxIntegerDigits) }
    }

    /// `plainUnits` of the text's UTF-8 bytes.
    @inline(__always)
    static func plainUnits(bytes b: UnsafeBufferPointer<UInt8>, maxDecimals: Int, maxIntegerDigits: Int) -> Int64? {
        if let v = simpleUnits(bytes: b, maxDecimals: maxDecimals, maxIntegerDigits: maxIntegerDigits) { return v }
        guard let f = b.first else { return nil }
        var start = 0
        var neg = false
        if f == 0x2D { neg = true; start = 1 }
        guard start < b.count, b[start] >= 0x30 && b[start] <= 0x39 else { return nil }
        for i in start..<b.count {
            let c = b[i]
            guard (c >= 0x30 && c <= 0x39) || c == 0x2C || c == 0x2E else { return nil }
        }
        guard
            case .success(let u) = parseUnitBytes(
                UnsafeBufferPointer(rebasing: b[start...]), maxDecimals: maxDecimals,
                maxIntegerDigits: maxIntegerDigits)
        else { return nil }
        return neg ? -u : u
    }

    /// The most common case in one pass: 1…maxIntegerDigits ASCII digits, then optionally a point and
    /// 1…maxDecimals digits. nil for anything else (then `parseUnitBytes` decides).
    @inline(__always)
    static func simpleUnits(bytes b: UnsafeBufferPointer<UInt8>, maxDecimals: Int, maxIntegerDigits: Int) -> Int64? {
        let n = b.count
        var i = 0
        var v: Int64 = 0
        while i < n {
            let d = b[i] &- 0x30
            if d > 9 { break }
            v = v &* 10 &+ Int64(d); i += 1
        }
        guard i >= 1, i <= maxIntegerDigits else { return nil }
        var frac = 0
        if i < n {
            guard b[i] == 0x2E else { return nil }
            i += 1
            while i < n {
                let d = b[i] &- 0x30
                if d > 9 { return nil }
                v = v &* 10 &+ Int64(d); i += 1; frac += 1
            }
            guard frac >= 1, frac <= maxDecimals else { return nil }
        }
        while frac < maxDecimals { v = v &* 10; frac += 1 }
        return v
    }

    /// Fast path of `integer` for trimmed text: 1–9 ASCII digits. nil: use the full parser.
    @inline(__always)
    static func plainInteger(bytes b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 1 && b.count <= 9 else { return nil }
        var v = 0
        for c in b {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// Fast path of `boolean` for trimmed, non-empty text: the accepted spellings exactly (ASCII in any case).
    /// nil: use the full parser.
    static func plainBoolean(bytes b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if CellBytes.equals(b, "否") { return false }
        if CellBytes.equals(b, "是") || CellBytes.equals(b, "√") || CellBytes.equals(b, "✓") || CellBytes.equals(b, "✔") { return true }
        guard b.count <= 5 else { return nil }
        var w: UInt64 = 0
        for c in b {
            guard c < 0x80 else { return nil }
            let l = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
            w = w << 8 | UInt64(l)
        }
        switch b.count {
        case 1:
            switch w {
            case 0x79, 0x31: return true;
            case 0x6E, 0x30: return false;
            default: return nil
            }  // y 1 / n 0
        case 2: return w == 0x6E6F ? false : nil  // no
        case 3: return w == 0x796573 ? true : nil  // yes
        case 4: return w == 0x74727565 ? true : nil  // true
        case 5: return w == 0x66616C7365 ? false : nil  // false
        default: return nil
        }
    }

    /// Digits with optional thousands separators (groups of 3) and an optional fraction → units of 10^-maxDecimals.
    static func parseUnits(_ input: String, maxDecimals: Int, maxIntegerDigits: Int) -> Result<Int64, NumberProblem> {
        var s = input
        return s.withUTF8 { parseUnitBytes($0, maxDecimals: maxDecimals, maxIntegerDigits: maxIntegerDigits) }
    }

    static func parseUnitBytes(_ b: UnsafeBufferPointer<UInt8>, maxDecimals: Int, maxIntegerDigits: Int) -> Result<Int64, NumberProblem> {
        let n = b.count
        if n == 0 { return .failure(.malformed) }
        var point = -1
        var points = 0
        var letters = false, other = false
        for i in 0..<n {
            let c = b[i]
            if c == 0x2E {
                points += 1; if point < 0 { point = i }
            } else if c == 0x2C || (c >= 0x30 && c <= 0x39) {
                continue
            } else if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c >= 0x80 {
                letters = true
            } else {
                other = true
            }
        }
        if letters { return .failure(.letters) }
        if other { return .failure(.malformed) }
        if points > 1 { return .failure(.twoPoints) }
        let intEnd = point < 0 ? n : point
        let fracStart = point < 0 ? n : point + 1
        if intEnd == 0 && fracStart >= n { return .failure(.malformed) }
        for i in fracStart..<n where b[i] == 0x2C { return .failure(.malformed) }
        // Thousands separators: first group 1–3 digits, then groups of exactly 3.
        var hasComma = false
        for i in 0..<intEnd where b[i] == 0x2C { hasComma = true; break }
        if hasComma {
            var group = 0
            var first = true
            for i in 0..<intEnd {
                if b[i] == 0x2C {
                    if first {
                        guard (1...3).contains(group) else { return .failure(.malformed) }; first = false
                    } else {
                        guard group == 3 else { return .failure(.malformed) }
                    }
                    group = 0
                } else {
                    group += 1
                }
            }
            guard group == 3 else { return .failure(.malformed) }
        }
        let fracDigits = n - fracStart
        if fracDigits > maxDecimals { return .failure(.tooManyDecimals(fracDigits)) }
        var value: Int64 = 0
        var significant = 0
        for i in 0..<intEnd where b[i] != 0x2C {
            let d = Int64(b[i] - 0x30)
            if significant > 0 || d != 0 { significant += 1 }
            if significant > maxIntegerDigits { return .failure(.tooLarge) }
            value = value * 10 + d
        }
        for i in fracStart..<n { value = value * 10 + Int64(b[i] - 0x30) }
        for _ in fracDigits..<maxDecimals { value *= 10 }
        return .success(value)
    }

    // MARK: dates

    public static let dateForms =
        "2023-03-27, 2023-3-27, 2023/3/27, 2023.3.27, 2023年3月27日, 23年3月27日 or 20230327; "
        + "27/03/2023 or 3/27/23 when every date of the column is written so and one has a day above 12"

    /// The order of a day-first or month-first date (`27/03/2023`, `3/27/23`), as a column settles it.
    public enum DateOrder: Sendable, Equatable { case dayFirst, monthFirst }

    /// The three numbers of a day-first or month-first date (optionally followed by a time): `27/03/2023`, `3/27/23`,
    /// `27.03.2023`, `27-03-2023` — two parts of 1–2 digits, then a year of 2 or 4 digits (2 digits: 20YY). nil for
    /// any other text.
    public static func dayMonthParts(_ input: String) -> (first: Int, second: Int, year: Int)? {
        let s = Cell.trim(Cell.foldWidth(Cell.trim(input)))
        guard let (d, time) = splitTime(s), time.map(isTime) ?? true,
            let sep = d.first(where: { $0 == "-" || $0 == "/" || $0 == "." })
        else { return nil }
        let parts = d.split(separator: sep, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4
        else { return nil }
        let y = Int(parts[2])!
        return (Int(parts[0])!, Int(parts[1])!, parts[2].count == 2 ? 2000 + y : y)
    }

    /// Splits off a time: after the first space, or after a `T` that follows a digit. nil for an empty date part.
    static func splitTime(_ s: String) -> (date: Substring, time: Substring?)? {
        var datePart = Substring(s)
        var timePart: Substring?
        if let sp = s.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            datePart = s[..<sp]
            timePart = Substring(Cell.trim(String(s[s.index(after: sp)...])))
        } else if let t = s.firstIndex(of: "T"), t != s.startIndex, s[s.index(before: t)].isASCIIDigit {
            datePart = s[..<t]
            timePart = s[s.index(after: t)...]
        }
        return datePart.isEmpty ? nil : (datePart, timePart)
    }

    /// A calendar day. A time after the date is ignored. Day-first and month-first forms are read in `order`, the one
    /// their column settles; without it they are ambiguous.
    public static func date(_ input: String, order: DateOrder? = nil) -> Result<Day, ValueError> {
        let shown = Cell.trim(input)
        guard !shown.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        if let d = plainDate(shown) { return .success(d) }
        let s = Cell.trim(Cell.foldWidth(shown))
        let notDate = ValueError("\(q(shown)) is not a date (accepted: \(dateForms), optionally followed by a time)")
        guard let (datePart, timePart) = splitTime(s) else { return .failure(notDate) }
        if let tp = timePart, !isTime(tp) {
            return .failure(
                ValueError(
                    "\(q(shown)) has something after the date that is not a time (accepted: \(dateForms), optionally followed by a time such as 06:48:41)"))
        }
        let d = datePart
        var y = 0, m = 0, day = 0
        if d.count == 8 && d.allSatisfy(\.isASCIIDigit) {
            y = Int(d.prefix(4))!; m = Int(d.dropFirst(4).prefix(2))!; day = Int(d.suffix(2))!
        } else if d.count == 5 && d.allSatisfy(\.isASCIIDigit) {
            return .failure(
                ValueError(
                    "\(q(shown)) looks like an Excel date serial number, not a date; format the column as a date (yyyy-mm-dd) in Excel and export again (accepted: \(dateForms))"
                ))
        } else if d.contains("年") {
            // Four-digit years, or two as a spreadsheet in a Chinese locale writes them (23年3月21日 = 2023).
            guard let (yy, rest) = number(d, upTo: "年", digits: 2...4), yy.digits != 3,
                let (mm, rest2) = number(rest, upTo: "月", digits: 1...2)
            else { return .failure(notDate) }
            var dd = rest2
            if dd.hasSuffix("日") || dd.hasSuffix("号") { dd = dd.dropLast() }
            guard (1...2).contains(dd.count), dd.allSatisfy(\.isASCIIDigit) else { return .failure(notDate) }
            y = yy.digits == 2 ? 2000 + yy.value : yy.value; m = mm.value; day = Int(dd)!
        } else if let sep = d.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) {
            let parts = d.split(separator: sep, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return .failure(notDate) }
            if parts[0].count == 4 && parts[1].count <= 2 && parts[2].count <= 2 {
                y = Int(parts[0])!; m = Int(parts[1])!; day = Int(parts[2])!
            } else if let dm = dayMonthParts(s) {
                guard let order else {
                    return .failure(
                        ValueError(
                            "\(q(shown)) is ambiguous (day-first or month-first), and its column does not settle "
                                + "which (every date of the column written so, and one with a first or second part above 12); "
                                + "accepted: \(dateForms)"))
                }
                y = dm.year
                (m, day) = order == .dayFirst ? (dm.second, dm.first) : (dm.first, dm.second)
            } else {
                return .failure(notDate)
            }
        } else {
            return .failure(notDate)
        }
        guard (1...12).contains(m) else {
            return .failure(ValueError("\(q(shown)) is not a real day: there is no month \(m) (accepted: \(dateForms))"))
        }
        guard let result = Day(year: y, month: m, day: day) else {
            if y >= 1 && y <= 9999 {
                return .failure(ValueError("\(q(shown)) is not a real day: \(y)-\(m < 10 ? "0" : "")\(m) has \(Day.daysIn(year: y, month: m)) days"))
            }
            return .failure(notDate)
        }
        return .success(result)
    }

    /// Fast path: exactly `YYYY-M-D`, `YYYY/M/D` or `YYYY.M.D` (one separator), a valid day. nil: use the full parser.
    static func plainDate(_ input: String) -> Day? {
        var s = input
        return s.withUTF8 { plainDate(bytes: $0) }
    }

    /// `plainDate` of the text's UTF-8 bytes.
    @inline(__always)
    static func plainDate(bytes b: UnsafeBufferPointer<UInt8>) -> Day? {
        let n = b.count
        guard n >= 8, n <= 10 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? { i < n && b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3) else { return nil }
        let sep = b[4]
        guard sep == 0x2D || sep == 0x2F || sep == 0x2E else { return nil }
        var i = 5
        guard let m0 = digit(i) else { return nil }
        i += 1
        var m = m0
        if let c = digit(i) { i += 1; m = m0 * 10 + c }
        guard i < n, b[i] == sep else { return nil }
        i += 1
        guard let d0 = digit(i) else { return nil }
        i += 1
        var d = d0
        if let c = digit(i) { i += 1; d = d0 * 10 + c }
        guard i == n else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m, day: d)
    }

    /// `H:MM`, `H:MM:SS`, `H:MM:SS.fff`, optionally AM/PM.
    static func isTime(_ t: Substring) -> Bool {
        var t = Substring(Cell.trim(String(t)))
        for suffix in ["AM", "PM", "am", "pm"] where t.hasSuffix(suffix) { t = Substring(Cell.trim(String(t.dropLast(2)))) }
        var parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        if parts.count == 3, let dot = parts[2].firstIndex(of: ".") {
            let frac = parts[2][parts[2].index(after: dot)...]
            guard !frac.isEmpty, frac.allSatisfy(\.isASCIIDigit) else { return false }
            parts[2] = parts[2][..<dot]
        }
        guard (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit), Int(parts[0])! < 24 else { return false }
        for p in parts.dropFirst() {
            guard p.count == 2, p.allSatisfy(\.isASCIIDigit), Int(p)! < 60 else { return false }
        }
        return true
    }

    private static func number(_ s: Substring, upTo mark: Character, digits: ClosedRange<Int>) -> ((value: Int, digits: Int), Substring)? {
        guard let i = s.firstIndex(of: mark) else { return nil }
        let n = s[..<i]
        guard digits.contains(n.count), n.allSatisfy(\.isASCIIDigit) else { return nil }
        return ((Int(n)!, n.count), s[s.index(after: i)...])
    }

    public static let monthForms = "2023-03, 2023/3, 2023年3月, 202303 or the month's first day (2023/3/1)"

    /// A month: `2023-03`, `2023/3`, `2023年3月`, `202303`, or a date on the month's first day.
    public static func month(_ input: String) -> Result<Period, ValueError> {
        let shown = Cell.trim(input)
        guard !shown.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        let s = Substring(Cell.trim(Cell.foldWidth(shown)))
        let notMonth = ValueError("\(q(shown)) is not a month (accepted: \(monthForms))")
        func make(_ y: Int, _ m: Int) -> Result<Period, ValueError> {
            guard let p = Period(year: y, month: m) else {
                return .failure(ValueError("\(q(shown)) is not a real month: there is no month \(m) (accepted: \(monthForms))"))
            }
            return .success(p)
        }
        if s.count == 6 && s.allSatisfy(\.isASCIIDigit) { return make(Int(s.prefix(4))!, Int(s.suffix(2))!) }
        if s.contains("年") && (s.hasSuffix("月") || s.hasSuffix("份")) {
            var body = s.dropLast()
            if body.hasSuffix("月") { body = body.dropLast() }
            let parts = body.split(separator: "年", omittingEmptySubsequences: false)
            if parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
                (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit)
            {
                return make(Int(parts[0])!, Int(parts[1])!)
            }
            return .failure(notMonth)
        }
        if let sep = s.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) {
            let parts = s.split(separator: sep, omittingEmptySubsequences: false)
            if parts.count == 2 {
                if parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit), (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit) {
                    return make(Int(parts[0])!, Int(parts[1])!)
                }
                return .failure(notMonth)
            }
        }
        switch date(String(s)) {
        case .success(let d):
            if d.day == 1 { return .success(d.period) }
            return .failure(
                ValueError("\(q(shown)) is a date, not a month; a date is accepted as a month only on the month's first day (accepted: \(monthForms))"))
        case .failure:
            return .failure(notMonth)
        }
    }

    // MARK: yes/no

    public static let booleanForms = "Y/N, yes/no, true/false, 1/0, 是/否, √ or ✓ for yes; empty for not given"

    /// Yes or no; an empty cell is "not given" (nil).
    public static func boolean(_ input: String) -> Result<Bool?, ValueError> {
        let shown = Cell.trim(input)
        if shown.isEmpty { return .success(nil) }
        switch Cell.foldWidth(shown).lowercased() {
        case "y", "yes", "true", "1", "是", "√", "✓", "✔": return .success(true)
        case "n", "no", "false", "0", "否": return .success(false)
        default: return .failure(ValueError("\(q(shown)) is not yes or no (accepted: \(booleanForms))"))
        }
    }

    // MARK: city

    /// A city: trimmed, traditional characters folded to simplified, a trailing 市 removed,
    /// then the policy's aliases (exact after trimming; Latin letters in any case).
    public static func city(_ input: String, aliases: [(key: String, value: String)]) -> Result<String, ValueError> {
        CityNormalizer(aliases: aliases).normalize(input)
    }

    // MARK: vocabularies

    static let roleNames: [(Role, [String])] = [
        (.director, ["销售总监", "销售部长", "銷售總監", "銷售部長"]),
        (.regional_manager, ["区域经理", "区域业务经理", "區域經理", "區域業務經理", "片区经理", "片區經理"]),
        (.key_account_manager, ["大客户经理", "大客戶經理"]),
        (.sales_rep, ["销售代表", "销售员", "銷售代表", "銷售員", "业务员", "營銷代表", "营销代表"]),
        (.assistant, ["营销助理", "行政", "销售秘书", "文案", "營銷助理", "銷售秘書"])
    ]
    static let levelNames: [(Level, [String])] = [
        (.numbered(1), ["一级", "一級"]), (.numbered(2), ["二级", "二級"]), (.numbered(3), ["三级", "三級"]),
        (.numbered(4), ["四级", "四級"]), (.trainee, ["见习", "見習", "见习级", "見習級"])
    ]
    static let statusNames: [(AttendanceStatus, [String])] = [
        (.office, ["在岗", "在崗", "办公", "辦公", "出勤"]), (.field, ["外勤"]), (.travel, ["出差"]),
        (.leave, ["请假", "請假", "年假", "病假", "事假"]), (.absent, ["缺勤", "旷工", "曠工"]),
        (.rest, ["休息", "公休", "节假日", "節假日"])
    ]
    static let categoryNames: [(ExpenseCategory, [String])] = [
        (.lodging, ["住宿", "住宿费", "住宿費"]), (.meals, ["伙食", "餐费", "餐費", "伙食费", "伙食費"]),
        (.transport, ["交通", "交通费", "交通費", "车船费", "車船費"]),
        (.entertainment, ["招待", "招待费", "招待費", "业务招待", "業務招待"]),
        (.communication, ["通讯", "通訊", "话费", "話費"]), (.other, ["其他"])
    ]
    static let transportNames: [(TransportMode, [String])] = [
        (.flight, ["飞机", "飛機", "机票", "機票"]), (.train, ["火车", "火車", "高铁", "高鐵", "动车", "動車"]),
        (.bus, ["汽车", "汽車", "长途汽车", "長途汽車", "大巴"]), (.ship, ["轮船", "輪船", "船"]),
        (.local, ["市内交通", "市內交通", "出租车", "出租車", "的士", "公交"])
    ]
    static let receiptKindNames: [(ReceiptKind, [String])] = [
        (.electronic, ["电脑票", "電腦票", "机打", "機打", "电子", "電子", "电子发票", "電子發票"]),
        (.handwritten, ["手写", "手寫", "手工票"])
    ]
    static let visitKindNames: [(VisitKind, [String])] = [
        (.new, ["新客户", "新客戶"]), (.existing, ["老客户", "老客戶"]), (.call, ["电话", "電話"])
    ]
    static let adjustmentKindNames: [(AdjustmentKind, [String])] = [
        (.advance_repaid, ["还款", "還款"]), (.advance_written_off, ["核销", "核銷"]),
        (.reimbursement, ["报销调整", "報銷調整"]), (.commission, ["提成调整", "提成調整"])
    ]

    /// Case-insensitive; spaces and `-` in English names count as `_` (`Sales Rep` = `sales_rep`).
    static func vocabulary<T>(_ input: String, _ table: [(T, [String])], english: (T) -> String, what: String) -> Result<T, ValueError> {
        let shown = Cell.trim(input)
        guard !shown.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        let key = Cell.foldWidth(shown).lowercased()
        let englishKey = String(key.map { $0 == " " || $0 == "-" ? "_" : $0 })
        for (v, names) in table {
            if english(v) == englishKey || english(v) == key || names.contains(key) { return .success(v) }
        }
        let accepted = table.map { "\(english($0.0)) (\($0.1.joined(separator: ", ")))" }.joined(separator: ", ")
        return .failure(ValueError("\(q(shown)) is not \(what) (accepted: \(accepted))"))
    }

    public static func role(_ s: String) -> Result<Role, ValueError> { vocabulary(s, roleNames, english: \.rawValue, what: "a role") }
    public static func level(_ s: String) -> Result<Level, ValueError> { vocabulary(s, levelNames, english: \.key, what: "a level") }
    public static func attendanceStatus(_ s: String) -> Result<AttendanceStatus, ValueError> {
        vocabulary(s, statusNames, english: \.rawValue, what: "an attendance status")
    }
    public static func expenseCategory(_ s: String) -> Result<ExpenseCategory, ValueError> {
        vocabulary(s, categoryNames, english: \.rawValue, what: "an expense category")
    }
    public static func transportMode(_ s: String) -> Result<TransportMode, ValueError> {
        vocabulary(s, transportNames, english: \.rawValue, what: "a transport mode")
    }
    public static func receiptKind(_ s: String) -> Result<ReceiptKind, ValueError> {
        vocabulary(s, receiptKindNames, english: \.rawValue, what: "a receipt kind")
    }
    public static func visitKind(_ s: String) -> Result<VisitKind, ValueError> {
        vocabulary(s, visitKindNames, english: \.rawValue, what: "a visit kind")
    }
    public static func adjustmentKind(_ s: String) -> Result<AdjustmentKind, ValueError> {
        vocabulary(s, adjustmentKindNames, english: \.rawValue, what: "an adjustment kind")
    }

    /// The forms a column of the type accepts, as the value errors list them.
    public static func forms(of type: ColumnType) -> String {
        func names<T>(_ table: [(T, [String])], _ english: (T) -> String) -> String {
            table.map { "\(english($0.0)) (\($0.1.joined(separator: ", ")))" }.joined(separator: ", ")
        }
        switch type {
        case .text:
            return "text; an id or number as written, exported as text (not a number Excel turned into "
                + "scientific notation such as 1.23457E+11: format the column as Text in Excel and export again)"
        case .city: return "any text"
        case .money: return moneyForms
        case .decimal: return "12, 12.5, 1,234.5678, -3; at most 4 decimals"
        case .integer: return "0, 1, 2, 12 …"
        case .date: return dateForms + ", optionally followed by a time"
        case .month: return monthForms
        case .boolean: return booleanForms
        case .role: return names(roleNames, \.rawValue)
        case .level: return names(levelNames, \.key)
        case .attendanceStatus: return names(statusNames, \.rawValue)
        case .expenseCategory: return names(categoryNames, \.rawValue)
        case .transportMode: return names(transportNames, \.rawValue)
        case .receiptKind: return names(receiptKindNames, \.rawValue)
        case .visitKind: return names(visitKindNames, \.rawValue)
        case .adjustmentKind: return names(adjustmentKindNames, \.rawValue)
        }
    }

    // MARK: Excel damage

    /// `1.23457E+11`: a long number Excel turned into scientific notation.
    public static func isScientificNotation(_ input: String) -> Bool {
        Array(Cell.trim(Cell.foldWidth(input)).utf8).withUnsafeBufferPointer { scientificNotation(bytes: $0) }
    }

    /// `isScientificNotation` of text that needs no folding or trimming (ASCII, trimmed).
    static func scientificNotation(bytes s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func digits() -> Int { let st = i; while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }; return i - st }
        guard digits() > 0 else { return false }
        if i < s.count && s[i] == 0x2E { i += 1; guard digits() > 0 else { return false } }
        guard i < s.count, s[i] == 0x45 || s[i] == 0x65 else { return false }
        i += 1
        guard i < s.count, s[i] == 0x2B || s[i] == 0x2D else { return false }
        i += 1
        return digits() > 0 && i == s.count
    }
}

/// City normalisation with the policy's aliases prepared once.
public struct CityNormalizer: Sendable {
    private var aliases: [String: String] = [:]

    public init(aliases: [(key: String, value: String)]) {
        for (k, v) in aliases {
            let value = CityNormalizer.fold(v)
            let raw = Cell.trim(k).lowercased()
            if !raw.isEmpty && aliases_(raw) == nil { self.aliases[raw] = value }
            let folded = CityNormalizer.fold(k).lowercased()
            if !folded.isEmpty && self.aliases[folded] == nil { self.aliases[folded] = value }
        }
    }
    private func aliases_(_ k: String) -> String? { aliases[k] }

    /// Trim, fold traditional → simplified, drop a trailing 市 (unless that leaves nothing).
    public static func fold(_ s: String) -> String {
        var t = TraditionalChinese.fold(Cell.trim(s))
        if t.count > 1 && t.hasSuffix("市") { t = Cell.trim(String(t.dropLast())) }
        return t
    }

    public func normalize(_ input: String) -> Result<String, ValueError> {
        let trimmed = Cell.trim(input)
        guard !trimmed.isEmpty else { return .failure(ValueError("\"\" is empty")) }
        if let v = aliases[trimmed.lowercased()] { return .success(v) }
        let folded = CityNormalizer.fold(trimmed)
        if let v = aliases[folded.lowercased()] { return .success(v) }
        return .success(folded)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
