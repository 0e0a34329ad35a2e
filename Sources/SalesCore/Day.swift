/// A calendar date in the company's local time, with no clock and no time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for an invalid date (2023-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(year: year, month: month)
        else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    private init(unchecked y: Int, _ m: Int, _ d: Int) { year = y; month = m; day = d }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }
    public static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (ordinal + 3) % 7  // 1970-01-01 was a Thursday (3 with Monday = 0)
        return (w < 0 ? w + 7 : w) + 1
    }
    /// The Monday of this day's ISO week.
    public var weekStart: Day { adding(days: -(isoWeekday - 1)) }

    public var period: Period { Period(year: year, month: month)! }

    /// `day` plus `months` calendar months, the same day number or the month's last day.
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        let d = Swift.min(day, Day.daysIn(year: y, month: m))
        return Day(unchecked: y, m, d)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public var description: String {
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var ys = "\(year)"; while ys.count < 4 { ys = "0" + ys }
        return "\(ys)-\(p2(month))-\(p2(day))"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(description)
    }
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = Day(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }
    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso s: String) {
        let p = s.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

/// One calendar month, `YYYY-MM`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }
    public init?(_ s: String) {
        let p = s.split(separator: "-")
        guard p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let m = Int(p[1]) else { return nil }
        self.init(year: y, month: m)
    }
    public var index: Int { year * 12 + month - 1 }
    public init(index: Int) { year = index / 12; month = index % 12 + 1 }
    public var previous: Period { Period(index: index - 1) }
    public var next: Period { Period(index: index + 1) }
    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(year: year, month: month))! }
    public var days: [Day] { (firstDay.ordinal...lastDay.ordinal).map { Day(ordinal: $0) } }
    public func contains(_ d: Day) -> Bool { d.year == year && d.month == month }
    public var isQuarterEnd: Bool { month % 3 == 0 }
    public var quarter: Int { (month - 1) / 3 + 1 }
    /// The months of this period's quarter, in order.
    public var quarterMonths: [Period] {
        let first = (quarter - 1) * 3 + 1
        return (first..<(first + 3)).map { Period(year: year, month: $0)! }
    }
    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }
    public var description: String {
        var ys = "\(year)"; while ys.count < 4 { ys = "0" + ys }
        return ys + "-" + (month < 10 ? "0\(month)" : "\(month)")
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(description)
    }
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let p = Period(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(s)"))
        }
        self = p
    }
}
