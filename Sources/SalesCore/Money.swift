/// An amount of renminbi in integer fen (hundredths of a yuan).
/// Money never passes through a binary floating point number.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static prefix func - (a: Money) -> Money { Money(fen: -a.fen) }
    public static func += (a: inout Money, b: Money) { a.fen += b.fen }
    public static func -= (a: inout Money, b: Money) { a.fen -= b.fen }
    public static func * (a: Money, n: Int) -> Money { Money(fen: a.fen * Int64(n)) }

    /// Two decimals, a leading `-` for negatives: `"1234.50"`, `"-0.30"`.
    public var description: String {
        let neg = fen < 0
        let m = fen.magnitude
        let yuan = m / 100, f = m % 100
        return (neg ? "-" : "") + "\(yuan)." + (f < 10 ? "0\(f)" : "\(f)")
    }

    /// The amount in yuan as a Double, only for writing a spreadsheet cell.
    public var yuanForCell: Double { Double(fen) / 100 }

    public func max(_ other: Money) -> Money { self >= other ? self : other }
    public func min(_ other: Money) -> Money { self <= other ? self : other }

    /// self × rate, rounded half away from zero to the fen.
    public func times(_ r: Rate) -> Money { Money(fen: Rational.roundHalfAway(fen * r.num, r.den)) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(description)
    }
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let m = Money.parsePlain(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not money: \(s)"))
        }
        self = m
    }

    /// Parses the plain form this type prints: optional `-`, digits, optional `.` and 1–2 digits.
    public static func parsePlain(_ s: String) -> Money? {
        var chars = Substring(s)
        var neg = false
        if chars.first == "-" { neg = true; chars = chars.dropFirst() }
        let parts = chars.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let ip = parts.first, !ip.isEmpty,
            ip.allSatisfy({ $0.isASCII && $0.isNumber }), ip.count <= 15
        else { return nil }
        var fen = Int64(ip)! * 100
        if parts.count == 2 {
            let fp = parts[1]
            guard !fp.isEmpty, fp.count <= 2, fp.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fen += Int64(fp.count == 1 ? String(fp) + "0" : String(fp))!
        }
        return Money(fen: neg ? -fen : fen)
    }
}

extension Sequence where Element == Money {
    public func sum() -> Money { reduce(.zero, +) }
}

/// Exact fraction helpers.
public enum Rational {
    /// n / d rounded half away from zero (d > 0).
    public static func roundHalfAway(_ n: Int64, _ d: Int64) -> Int64 {
        precondition(d > 0)
        let q = n / d, r = n % d
        if r == 0 { return q }
        if 2 * r.magnitude >= d.magnitude { return n < 0 ? q - 1 : q + 1 }
        return q
    }

    /// The ratio n/d rounded half away from zero to 4 decimals, for display only.
    public static func ratio4(_ n: Int64, _ d: Int64) -> Double? {
        guard d != 0 else { return nil }
        var num = n, den = d
        if den < 0 { num = -num; den = -den }
        // Use 128-bit-safe arithmetic through multiplication check.
        let (m, o) = num.multipliedReportingOverflow(by: 10_000)
        if o { return (Double(num) / Double(den) * 10_000).rounded(.toNearestOrAwayFromZero) / 10_000 }
        let tenThousandths = roundHalfAway(m, den)
        return Double(tenThousandths) / 10_000
    }
}

/// A rate or threshold kept as an exact fraction: "2%" = 2/100, "2.5%" = 25/1000, "0.8" = 8/10.
public struct Rate: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var num: Int64
    public var den: Int64
    public init(num: Int64, den: Int64) {
        precondition(den > 0)
        let g = Rate.gcd(Swift.abs(num), den)
        self.num = g == 0 ? 0 : num / g
        self.den = g == 0 ? 1 : den / g
    }
    static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

    public static func percent(_ p: Int64) -> Rate { Rate(num: p, den: 100) }
    public static let one = Rate(num: 1, den: 1)
    public static let zero = Rate(num: 0, den: 1)

    public static func < (a: Rate, b: Rate) -> Bool { a.num * b.den < b.num * a.den }

    /// Is `actual / target` at least this rate? Exact: actual × den ≥ num × target (target > 0).
    public func isReached(actual: Int64, target: Int64) -> Bool {
        actual * den >= num * target
    }

    public var doubleValue: Double { Double(num) / Double(den) }

    /// Percent text with as many decimals as needed: "2%", "2.5%", "80%".
    public var percentText: String { Rate.decimalText(num * 100, den) + "%" }
    /// Plain decimal text: "0.8".
    public var decimalText: String { Rate.decimalText(num, den) }

    static func decimalText(_ n: Int64, _ d: Int64) -> String {
        let neg = n < 0
        var n = Swift.abs(n)
        let ip = n / d
        n %= d
        var s = (neg ? "-" : "") + "\(ip)"
        if n == 0 { return s }
        s += "."
        var digits = 0
        while n != 0 && digits < 12 { n *= 10; s += "\(n / d)"; n %= d; digits += 1 }
        return s
    }
    public var description: String { percentText }

    /// Encoded as "num/den" so it survives a round trip exactly.
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode("\(num)/\(den)") }
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        let p = s.split(separator: "/")
        guard p.count == 2, let n = Int64(p[0]), let d = Int64(p[1]), d > 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a rate: \(s)"))
        }
        self.init(num: n, den: d)
    }
}
