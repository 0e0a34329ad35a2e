/// What the ledger knows before a close: everything the rules need from earlier months.
/// The Ledger module reads it from SQLite; tests build it by hand. Pure data.
public struct LedgerSnapshot: Sendable {
    /// Periods already closed, ascending.
    public var closedPeriods: [Period] = []
    /// Expense receipt numbers used by accepted lines of earlier closed periods.
    public var expenseReceiptsUsed: Set<String> = []
    /// Remittance receipt numbers used in earlier closed periods.
    public var remittanceReceiptsUsed: Set<String> = []
    /// Adjustment ids of earlier closed periods.
    public var adjustmentIdsUsed: Set<String> = []
    /// Balances carried from the latest closed period, by employee.
    public var balances: [String: CarriedBalances] = [:]
    /// Per employee and closed month, what later rules look back at.
    public var months: [String: [Period: EmployeeMonth]] = [:]
    /// The previous period's record, for late claims; nil unless that period is closed.
    public var previous: PeriodRecord?
    /// Customers of earlier closed periods: receivable balance, and whether they had an accepted sales row.
    public var customers: [String: CustomerBalance] = [:]
    /// Quarter outcomes by employee, for the "two in a row" rules.
    public var quarters: [String: [QuarterOutcome]] = [:]

    public init() {}

    public var latestClosed: Period? { closedPeriods.last }
    public func isClosed(_ p: Period) -> Bool { closedPeriods.contains(p) }
}

public struct CarriedBalances: Sendable, Hashable, Codable {
    public var advanceOutstanding: Money = .zero
    public var commissionDeferred: Money = .zero
    /// The pay factor in force for the next month (1.0, or cut_factor after a cut).
    public var payFactor: Rate = .one
    public init(advanceOutstanding: Money = .zero, commissionDeferred: Money = .zero, payFactor: Rate = .one) {
        self.advanceOutstanding = advanceOutstanding; self.commissionDeferred = commissionDeferred; self.payFactor = payFactor
    }
}

/// One employee's closed month, as the ledger keeps it.
public struct EmployeeMonth: Sendable, Hashable, Codable {
    public var remitted: Money = .zero
    /// Sales credited to the employee in the month (the management trend).
    public var sales: Money = .zero
    /// nil when the month had no target row for the employee.
    public var remittanceTarget: Money?
    public var salesTarget: Money?
    public var newOutlets: Int = 0
    public var newOutletsTarget: Int = 0
    public var commissionEarned: Money = .zero
    public var commissionSettled: Money = .zero
    public var commissionForfeited: Money = .zero
    public var commissionAdjusted: Money = .zero
    public var commissionDeferredAfter: Money = .zero
    public var payFactor: Rate = .one
    public var level: Level = .numbered(3)
    public var travelDays: Int = 0
    public init() {}
}

public struct CustomerBalance: Sendable, Hashable, Codable {
    public var receivable: Money = .zero
    /// The customer appears in an accepted sales row of some closed period.
    public var hadSales: Bool = false
    public var name: String?
    public init(receivable: Money = .zero, hadSales: Bool = false, name: String? = nil) {
        self.receivable = receivable; self.hadSales = hadSales; self.name = name
    }
}

/// A quarter's outcome for one employee, kept for the run rules of §7.
public struct QuarterOutcome: Sendable, Hashable, Codable {
    public var year: Int
    public var quarter: Int
    public var assessed: Bool
    public var belowCut: Bool
    /// Attainment ≥ promote_threshold and new outlets ≥ target summed over the quarter.
    public var promoteQualified: Bool
    public var level: Level
    public init(year: Int, quarter: Int, assessed: Bool, belowCut: Bool, promoteQualified: Bool, level: Level) {
        self.year = year; self.quarter = quarter; self.assessed = assessed; self.belowCut = belowCut
        self.promoteQualified = promoteQualified; self.level = level
    }
    public var index: Int { year * 4 + quarter - 1 }
}

/// What a closed period leaves for the late claims of the next close (rules.md §1 "Late claims").
public struct PeriodRecord: Sendable, Hashable {
    public struct EmpDay: Hashable, Sendable, Codable {
        public var employeeId: String
        public var day: Day
        public init(_ e: String, _ d: Day) { employeeId = e; day = d }
    }
    public struct Attendance: Hashable, Sendable, Codable {
        public var status: AttendanceStatus
        public var city: String?
        public init(status: AttendanceStatus, city: String?) { self.status = status; self.city = city }
    }
    public var period: Period
    public var attendance: [EmpDay: Attendance] = [:]
    public var planCity: [EmpDay: String] = [:]
    /// (employee, Monday of an ISO week) that had at least one plan row.
    public var planWeeks: Set<EmpDay> = []
    /// Lodging nights paid (approved or reduced lines) by that close, any month.
    public var lodgingNightsPaid: Set<EmpDay> = []
    /// Quota used per employee and category in that period (its lines and the late claims counted against it).
    public var quotaUsed: [String: [ExpenseCategory: Money]] = [:]
    /// Employees who were late claimants of that period at its close.
    public var lateClaimants: Set<String> = []
    /// Employees of advance_roles with travel days in that period.
    public var travellers: Set<String> = []
    public init(period: Period) { self.period = period }
}
