import SalesCore

/// The text forms of policy values: amounts, percents and factors.
enum PolicyValue {
    enum Parsed<T> { case ok(T), negative, outOfRange, malformed }

    private static func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// Yuan with 0–2 decimals: "3000", "3000.5", "3000.00". Not "3000.", ".5", "+1", "1,000", "3000.005".
    static func amount(_ s: String) -> Parsed<Money> {
        var body = Substring(s)
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard digits(parts[0]), parts[0].count <= 13 else { return .malformed }
        if parts.count == 2 { guard digits(parts[1]), parts[1].count <= 2 else { return .malformed } }
        guard let m = Money.parsePlain(String(body)) else { return .malformed }
        if negative && m.fen != 0 { return .negative }
        return .ok(m)
    }

    /// A decimal number with up to 6 decimals, as an exact fraction times `scale`'s inverse
    /// ("2.5" with scale 100 → 25/1000), checked against 0...max (in the number's own unit).
    private static func decimal(_ body: Substring, scale: Int64, max: Int64) -> Parsed<Rate> {
        var body = body
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard digits(parts[0]) else { return .malformed }
        var frac: Substring = ""
        if parts.count == 2 { frac = parts[1]; guard digits(frac), frac.count <= 6 else { return .malformed } }
        let intDigits = parts[0].drop(while: { $0 == "0" })
        if intDigits.count > 9 { return .outOfRange }
        let ip = Int64(intDigits.isEmpty ? "0" : String(intDigits))!
        var pow: Int64 = 1
        for _ in 0..<frac.count { pow *= 10 }
        let fp = frac.isEmpty ? 0 : Int64(String(frac))!
        let num = ip * pow + fp
        if num == 0 { return .ok(.zero) }
        if negative { return .outOfRange }
        if num > max * pow { return .outOfRange }
        return .ok(Rate(num: num, den: pow * scale))
    }

    /// "2%", "2.5%", "80%", "1.0%": within 0%–1000%.
    static func percent(_ s: String) -> Parsed<Rate> {
        guard s.hasSuffix("%") else { return .malformed }
        return decimal(s.dropLast(), scale: 100, max: 1000)
    }

    /// A plain decimal "0.8", within 0–10.
    static func factor(_ s: String) -> Parsed<Rate> {
        decimal(Substring(s), scale: 1, max: 10)
    }

    // MARK: printing

    static func percentText(_ r: Rate) -> String { r.percentText }
    /// Year-end rates keep one decimal at least, as the default file writes them: "1.0%", "2.5%".
    static func tierRateText(_ r: Rate) -> String {
        let t = r.percentText
        return t.contains(".") ? t : String(t.dropLast()) + ".0%"
    }

    /// A TOML basic string.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let h = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
