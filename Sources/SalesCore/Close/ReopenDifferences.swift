/// What a reopen changed against the close it replaces (the finance workbook's 重开差异), as figures.
/// The ledger keeps each close's `EmployeeFigures` and, after a reopen, those of the close it replaced, so any
/// rerun of the same reopen computes the same differences from values (never from a summary's text).
public enum ReopenDifferences {
    /// The money figures compared, in the order the sheet lists them (their close-summary.json keys).
    public enum Field: String, CaseIterable, Sendable {
        case expensesClaimed = "expenses_claimed"
        case expensesApproved = "expenses_approved"
        case mealAllowance = "meal_allowance"
        case reimbursementAdjustments = "reimbursement_adjustments"
        case advancesApproved = "advances_approved"
        case advanceSettled = "advance_settled"
        case advanceOutstandingAfter = "advance_outstanding_after"
        case netPayable = "net_payable"
        case sales = "sales"
        case remitted = "remitted"
        case commissionEarned = "commission_earned"
        case commissionSettled = "commission_settled"
        case commissionDeferredBalance = "commission_deferred_balance"
        case commissionAdjustments = "commission_adjustments"
        case grossPay = "gross_pay"
    }

    /// The key of the employee's codes, compared after the money figures.
    public static let codesKey = "codes"

    /// One employee's figures as a close computed them.
    public struct EmployeeFigures: Sendable, Hashable {
        public var employeeId: String
        public var name: String
        /// nil where the close has no figure (gross pay outside `pay_roles`).
        public var money: [Field: Money?]
        public var codes: [String]
        public init(employeeId: String, name: String, money: [Field: Money?], codes: [String]) {
            self.employeeId = employeeId; self.name = name; self.money = money; self.codes = codes
        }
    }

    /// A figure on one side of a change: none (the employee is not in that close, or has no such figure), an
    /// amount, or the employee's codes.
    public enum Figure: Sendable, Hashable {
        case none
        case money(Money)
        case codes([String])
    }

    public struct Change: Sendable, Hashable {
        public var employeeId: String
        public var name: String?
        /// A `Field`'s raw value or `codesKey`.
        public var field: String
        public var before: Figure
        public var after: Figure
        /// after − before for money (a side that is none counts as 0); nil for codes.
        public var difference: Money?
    }

    /// Every employee's figures in a close, in the close's order.
    public static func figures(of r: CloseResult) -> [EmployeeFigures] {
        r.employees.map { e in
            let m: [Field: Money?] = [
                .expensesClaimed: e.expensesClaimed, .expensesApproved: e.expensesApproved, .mealAllowance: e.mealAllowance,
                .reimbursementAdjustments: e.reimbursementAdjustments, .advancesApproved: e.advancesApproved,
                .advanceSettled: e.advanceSettled, .advanceOutstandingAfter: e.advanceOutstandingAfter,
                .netPayable: e.netPayable, .sales: e.sales, .remitted: e.remitted, .commissionEarned: e.commissionEarned,
                .commissionSettled: e.commissionSettled, .commissionDeferredBalance: e.commissionDeferredBalance,
                .commissionAdjustments: e.commissionAdjustments, .grossPay: e.grossPay
            ]
            return EmployeeFigures(employeeId: e.employeeId, name: e.name, money: m, codes: e.codes)
        }
    }

    /// The figures that differ, by employee id (code-point order), then field in `Field` order, codes last.
    public static func changes(before: [EmployeeFigures], after: [EmployeeFigures]) -> [Change] {
        var old: [String: EmployeeFigures] = [:], new: [String: EmployeeFigures] = [:]
        for e in before { old[e.employeeId] = e }
        for e in after { new[e.employeeId] = e }
        var ids = Array(Set(old.keys).union(new.keys))
        ids.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        func money(_ e: EmployeeFigures?, _ f: Field) -> Figure {
            guard let e, let v = e.money[f], let v else { return .none }
            return .money(v)
        }
        var out: [Change] = []
        for id in ids {
            let name = new[id]?.name ?? old[id]?.name
            for f in Field.allCases {
                let b = money(old[id], f), a = money(new[id], f)
                guard b != a else { continue }
                var diff = Money.zero
                if case .money(let m) = a { diff += m }
                if case .money(let m) = b { diff -= m }
                out.append(Change(employeeId: id, name: name, field: f.rawValue, before: b, after: a, difference: diff))
            }
            let b: Figure = old[id].map { .codes($0.codes) } ?? .none
            let a: Figure = new[id].map { .codes($0.codes) } ?? .none
            if b != a { out.append(Change(employeeId: id, name: name, field: codesKey, before: b, after: a, difference: nil)) }
        }
        return out
    }
}
