import SalesCore

/// What `salesclose demo` writes.
public struct DemoOptions: Sendable {
    /// The months to write; one gives one inputs folder, several give one sub-folder per month (YYYY-MM).
    public var periods: [Period]
    /// 1.0 = the text's headcount (篇1: 销售一部 1 部长, 8 区域经理, 37 销售员; 销售二部 2 部长, 12 区域经理,
    /// 60 销售员) plus a key account manager and a marketing assistant per department; 0.1 = a tenth,
    /// at least one per role per department.
    public var employeesScale: Double
    /// nil = realistic (about 3,000 order lines a month at scale 1); a number = exactly that many data rows
    /// in each month's sales file (deliberate mistakes included), for benchmarks.
    public var orderLinesPerMonth: Int?
    public var seed: UInt64
    /// Adds a handful of input mistakes (bad date form, unknown employee, Excel damage …); the README written
    /// beside the files lists each with its file and line. The business cases the rules flag are always there.
    public var withMistakes: Bool

    public static let defaultSeed: UInt64 = 20_230_331
    public static let defaultPeriod = Period(year: 2023, month: 3)!

    public init(
        periods: [Period] = [DemoOptions.defaultPeriod], employeesScale: Double = 1.0,
        orderLinesPerMonth: Int? = nil, seed: UInt64 = DemoOptions.defaultSeed, withMistakes: Bool = true
    ) {
        self.periods = periods
        self.employeesScale = employeesScale
        self.orderLinesPerMonth = orderLinesPerMonth
        self.seed = seed
        self.withMistakes = withMistakes
    }
}

public enum DemoError: Error, CustomStringConvertible, Equatable {
    case noPeriods
    case badScale(Double)
    case badLineCount(Int)
    case cannotWrite(String)
    case encoding(String)

    public var description: String {
        switch self {
        case .noPeriods: return "demo: no month given"
        case .badScale(let s): return "demo: employees scale must be above 0 and at most 100, not \(s)"
        case .badLineCount(let n): return "demo: order lines per month must be at least 10, not \(n)"
        case .cannotWrite(let p): return "demo: cannot write \(p)"
        case .encoding(let m): return "demo: \(m)"
        }
    }
}
