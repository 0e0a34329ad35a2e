/// rules.md §1: every expense line runs through these rules in order. The first rule that denies
/// ends the line's evaluation; flags raised before it stay on the line.
public enum ExpenseVerdict: Sendable, Equatable {
    case pass
    /// A flag on the line; evaluation goes on.
    case flag(Code)
    /// Denied: nothing approved.
    case deny(Code)
    /// Approved up to `Money` (a cut to zero is a denial), with the code of the rule that cut.
    case reduce(Code, Money)
}

/// One line being judged, with what the rules know about it.
public struct ExpenseLine: Sendable {
    public var ref: RowRef
    public var row: ExpenseRow
    public var employee: RosterRow
    public var late: Bool
    public var possibleDuplicate: Bool
    /// What is approved so far (the claimed amount until a rule cuts it).
    public var approved: Money
    /// The nights of a lodging line: date, date+1, … date+nights-1.
    public var nights: [Day] {
        row.category == .lodging ? (0..<Swift.max(row.nights, 1)).map { row.date.adding(days: $0) } : []
    }
}

/// State carried from line to line (taken in order of date, then file, then line).
public struct ExpenseLedger: Sendable {
    /// Lodging nights already covered by approved or reduced lines, per employee (earlier closes included).
    public var nightsPaid: Set<PeriodRecord.EmpDay> = []
    /// Quota used per employee, period and category.
    public var quotaUsed: [String: [Period: [ExpenseCategory: Money]]] = [:]
    /// Employees to flag AUDIT, with the lines behind it.
    public var audit: [String: [String]] = [:]
    public init() {}
}

public protocol ExpenseRule: Rule {
    static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict
}
