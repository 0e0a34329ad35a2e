/// Everything a close works out, as values with codes. The report and the ledger read it; nothing here does I/O.

public enum ExpenseDecision: String, Sendable, Codable { case approved, reduced, denied }

public struct ExpenseLineResult: Sendable {
    public var ref: RowRef
    public var row: ExpenseRow
    public var lateClaim: Bool
    public var decision: ExpenseDecision
    public var approved: Money
    /// Flags raised and the rule that reduced or denied the line, in the order raised.
    public var codes: [String]
    /// Role of the employee at the close (for the report).
    public var role: Role?
    public init(ref: RowRef, row: ExpenseRow, lateClaim: Bool, decision: ExpenseDecision, approved: Money, codes: [String], role: Role?) {
        self.ref = ref; self.row = row; self.lateClaim = lateClaim; self.decision = decision
        self.approved = approved; self.codes = codes; self.role = role
    }
}

public enum AdvanceDecision: String, Sendable, Codable { case approved, denied }

public struct AdvanceResult: Sendable {
    public var ref: RowRef
    public var row: AdvanceRow
    public var decision: AdvanceDecision
    public var codes: [String]
    /// Outstanding balance after this request was judged.
    public var balanceAfter: Money
    public init(ref: RowRef, row: AdvanceRow, decision: AdvanceDecision, codes: [String], balanceAfter: Money) {
        self.ref = ref; self.row = row; self.decision = decision; self.codes = codes; self.balanceAfter = balanceAfter
    }
}

public struct AdjustmentResult: Sendable {
    public var ref: RowRef
    public var row: AdjustmentRow
    public init(ref: RowRef, row: AdjustmentRow) { self.ref = ref; self.row = row }
}

/// One employee's figures for the month (close-summary.json `employees[]`).
public struct EmployeeResult: Sendable {
    public var employeeId: String
    public var name: String
    public var region: String
    public var department: String?
    public var role: Role
    /// The job title as the roster wrote it; nil when the roster gave none of its own.
    public var roleShown: String? = nil
    public var level: Level
    public var active: Bool

    // §2
    public var travelDays: Int = 0
    public var verifiedTravelDays: Int = 0
    public var unverifiedTravelDates: [Day] = []
    public var planActivityLowDays: Int = 0
    public var activityShare: Double? = nil
    public var activityDaysMet: Int = 0
    public var workingDays: Int = 0
    public var missingPlanWeeks: [Day] = []  // Mondays
    public var belowStandardDays: [Day] = []

    // §1–§3 money
    public var expensesClaimed: Money = .zero
    public var expensesApproved: Money = .zero
    public var mealAllowance: Money = .zero
    public var forfeitedExpenses: Money = .zero
    public var reimbursementAdjustments: Money = .zero
    public var commissionAdjustments: Money = .zero
    public var reimbursement: Money = .zero
    public var advanceOutstandingBefore: Money = .zero
    public var advancesApproved: Money = .zero
    public var advanceRepaid: Money = .zero
    public var advanceWrittenOff: Money = .zero
    public var advanceSettled: Money = .zero
    public var advanceOutstandingAfter: Money = .zero
    public var netPayable: Money = .zero

    // §4–§5
    public var sales: Money = .zero
    public var remitted: Money = .zero
    public var salesTarget: Money? = nil
    public var remittanceTarget: Money? = nil
    public var newOutletsTarget: Int = 0
    /// remitted / remittance target, rounded to 4 decimals for display; nil when undefined.
    public var attainment: Double? = nil
    public var salesAttainment: Double? = nil
    public var newOutlets: Int = 0
    public var commissionEarned: Money = .zero
    public var commissionDeferredBefore: Money = .zero
    public var commissionSettled: Money = .zero
    public var commissionDeferredBalance: Money = .zero
    public var commissionForfeited: Money = .zero

    // §6 (nil outside pay_roles or when not active)
    public var payFactor: Rate? = nil
    public var basePay: Money? = nil
    public var performancePay: Money? = nil
    /// The base salary part of base pay (基本工资含通讯费), before the factor.
    public var baseSalary: Money? = nil
    /// round(base pay × factor): the base pay paid (底薪计发).
    public var basePayAfterFactor: Money? = nil
    public var grossPay: Money? = nil

    /// The employee's own codes (ATT-, AUDIT, PLAN-, ACT-, SAL-, COM-, QTR-, YR-), in the order raised, no repeats.
    public var codes: [String] = []
    /// Dates/lines behind AUDIT etc. for the report: (code, detail).
    public var notes: [(code: String, detail: String)] = []

    public init(employeeId: String, name: String, region: String, department: String?, role: Role, level: Level, active: Bool) {
        self.employeeId = employeeId; self.name = name; self.region = region; self.department = department
        self.role = role; self.level = level; self.active = active
    }

    public mutating func raise(_ code: String) { if !codes.contains(code) { codes.append(code) } }
}

public struct QuarterEmployee: Sendable {
    public var employeeId: String
    public var attainment: Double?
    public var assessed: Bool
    public var nextPayFactor: Rate
    public var codes: [String]
    public var remitted: Money
    public var target: Money
    public var newOutlets: Int
    public var newOutletsTarget: Int
    public init(
        employeeId: String, attainment: Double?, assessed: Bool, nextPayFactor: Rate, codes: [String],
        remitted: Money, target: Money, newOutlets: Int, newOutletsTarget: Int
    ) {
        self.employeeId = employeeId; self.attainment = attainment; self.assessed = assessed; self.nextPayFactor = nextPayFactor
        self.codes = codes; self.remitted = remitted; self.target = target; self.newOutlets = newOutlets; self.newOutletsTarget = newOutletsTarget
    }
}

public struct QuarterBlock: Sendable {
    public var year: Int
    public var quarter: Int
    public var codes: [String]
    public var employees: [QuarterEmployee]
    public var label: String { "\(year)-Q\(quarter)" }
    public init(year: Int, quarter: Int, codes: [String], employees: [QuarterEmployee]) {
        self.year = year; self.quarter = quarter; self.codes = codes; self.employees = employees
    }
}

public struct YearEmployee: Sendable {
    public var employeeId: String
    public var attainment: Double?
    public var rate: Rate?
    public var yearTotal: Money?
    public var paid: Money?
    public var bonus: Money?
    public var codes: [String]
    public var remitted: Money
    public var target: Money
    public init(
        employeeId: String, attainment: Double?, rate: Rate?, yearTotal: Money?, paid: Money?, bonus: Money?, codes: [String],
        remitted: Money, target: Money
    ) {
        self.employeeId = employeeId; self.attainment = attainment; self.rate = rate; self.yearTotal = yearTotal
        self.paid = paid; self.bonus = bonus; self.codes = codes; self.remitted = remitted; self.target = target
    }
}

public struct YearBlock: Sendable {
    public var year: Int
    public var codes: [String]
    public var employees: [YearEmployee]
    public init(year: Int, codes: [String], employees: [YearEmployee]) { self.year = year; self.codes = codes; self.employees = employees }
}

public struct CustomerResult: Sendable {
    public var customerId: String
    public var name: String?
    public var receivableBefore: Money
    public var sales: Money
    public var remitted: Money
    public var receivableAfter: Money
    /// Regions whose employees sold to or collected from the customer this period.
    public var regions: [String]
    public init(customerId: String, name: String?, receivableBefore: Money, sales: Money, remitted: Money, receivableAfter: Money, regions: [String]) {
        self.customerId = customerId; self.name = name; self.receivableBefore = receivableBefore; self.sales = sales
        self.remitted = remitted; self.receivableAfter = receivableAfter; self.regions = regions
    }
}

/// A sales line whose amount disagrees with quantity × unit price (SAL-AMOUNT-MISMATCH).
public struct SalesMismatch: Sendable {
    public var ref: RowRef
    public var row: SaleRow
    public init(ref: RowRef, row: SaleRow) { self.ref = ref; self.row = row }
}

public struct CloseResult: Sendable {
    public var period: Period
    public var policy: Policy
    /// The inputs with every rejection applied (rows = accepted + rejected + blank per file).
    public var inputs: InputSet
    /// Expense lines that were judged (accepted rows in the period, and late claims), in judging order.
    public var expenseLines: [ExpenseLineResult] = []
    public var advances: [AdvanceResult] = []
    public var adjustments: [AdjustmentResult] = []
    /// Employees in roster order, then others the close has an amount for.
    public var employees: [EmployeeResult] = []
    public var customers: [CustomerResult] = []
    /// Remittances that count for their customer and region but not for the employee (not active that day).
    public var unattributedRemittances: [UnattributedRemittance] = []
    public var salesMismatches: [SalesMismatch] = []
    /// The period's accepted order lines, folded (per employee, customer, region, product).
    public var sales = SalesFold()
    /// The accepted order lines themselves, by region, for the region workbooks' detail sheets.
    public var orderLines: OrderLineStore = MemoryOrderLines()
    public var quarter: QuarterBlock? = nil
    public var year: YearBlock? = nil
    /// Whether the close had a visits file (activity_share is null otherwise).
    public var hasVisits: Bool = false

    /// What the ledger keeps from this close.
    public var record: PeriodRecord
    public var balancesAfter: [String: CarriedBalances] = [:]
    public var monthsAfter: [String: EmployeeMonth] = [:]
    public var quarterOutcomes: [String: QuarterOutcome] = [:]
    public var expenseReceiptsUsed: Set<String> = []
    public var remittanceReceiptsUsed: Set<String> = []
    public var adjustmentIds: Set<String> = []

    /// The inputs counted once the close has finished rejecting rows (`Close.run` sets it; otherwise counted on use).
    public var storedTally: InputTally? = nil
    public var tally: InputTally { storedTally ?? InputTally(inputs) }

    public init(period: Period, policy: Policy, inputs: InputSet) {
        self.period = period; self.policy = policy; self.inputs = inputs; self.record = PeriodRecord(period: period)
    }
}
