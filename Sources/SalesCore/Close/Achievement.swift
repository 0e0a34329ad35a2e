/// Cash a customer paid to an employee on a day the employee was not active (a leaver's remittance): it counts
/// for the customer and the region (inputs.md, roster), not for the employee, and stands on its own reconciling
/// line wherever figures are shown per employee.
public struct UnattributedRemittance: Sendable, Hashable {
    public var employeeId: String
    public var name: String
    public var region: String
    public var department: String?
    public var customerId: String
    public var date: Day
    public var amount: Money
    public init(
        employeeId: String, name: String, region: String, department: String?, customerId: String, date: Day,
        amount: Money
    ) {
        self.employeeId = employeeId; self.name = name; self.region = region; self.department = department
        self.customerId = customerId; self.date = date; self.amount = amount
    }
}

/// Targets against results for a group (an employee, a department, a region, the company): targets summed over
/// the members that have one (nil when none has), the headcount, and the leavers' remittances the group counts.
public struct Achievement: Sendable, Hashable {
    public var headcount = 0
    public var remittanceTarget: Money? = nil
    public var remitted = Money.zero
    public var salesTarget: Money? = nil
    public var sales = Money.zero
    public var newOutletsTarget = 0
    public var newOutlets = 0

    public init() {}

    /// An employee's figures; the headcount counts the active ones.
    public mutating func add(_ e: EmployeeResult) {
        if e.active { headcount += 1 }
        if let t = e.remittanceTarget { remittanceTarget = (remittanceTarget ?? .zero) + t }
        if let t = e.salesTarget { salesTarget = (salesTarget ?? .zero) + t }
        remitted += e.remitted
        sales += e.sales
        newOutletsTarget += e.newOutletsTarget
        newOutlets += e.newOutlets
    }

    /// A leaver's remittance: remitted only (no one is counted, no target).
    public mutating func add(_ u: UnattributedRemittance) { remitted += u.amount }

    public static func of(_ e: EmployeeResult) -> Achievement { var a = Achievement(); a.add(e); return a }

    /// remitted / target as an exact ratio of fen; nil without a positive target.
    public var attainment: Double? { Achievement.ratio(remitted, remittanceTarget) }
    public var salesAttainment: Double? { Achievement.ratio(sales, salesTarget) }
    /// remitted − target, a missing target counting 0: so the deviations of the members add up to the group's.
    public var deviation: Money { remitted - (remittanceTarget ?? .zero) }
    public var salesDeviation: Money { sales - (salesTarget ?? .zero) }

    /// Where the attainment stands against 80% and 100%, compared exactly in fen.
    public var band: AttainmentBand { AttainmentBand(remitted, remittanceTarget) }

    /// new outlets / their target; nil without a positive target.
    public var newOutletsAttainment: Double? {
        newOutletsTarget > 0 ? Double(newOutlets) / Double(newOutletsTarget) : nil
    }

    public static func ratio(_ actual: Money, _ target: Money?) -> Double? {
        guard let target, target.fen > 0 else { return nil }
        return Double(actual.fen) / Double(target.fen)
    }
}

/// An attainment against the 80% and 100% lines (red, amber, green on the dashboard).
public enum AttainmentBand: Sendable, Hashable {
    case noTarget, below80, below100, reached
    public init(_ actual: Money, _ target: Money?) {
        guard let t = target, t.fen > 0 else { self = .noTarget; return }
        if actual.fen * 5 < t.fen * 4 { self = .below80 } else if actual.fen < t.fen { self = .below100 } else { self = .reached }
    }
}

extension CloseResult {
    /// The customers' receivables carried in from the previous close, and carried out of this one.
    public var receivablesBefore: Money { customers.map(\.receivableBefore).sum() }
    public var receivablesAfter: Money { customers.map(\.receivableAfter).sum() }

    /// The figures of `employees` grouped by `key` (first-appearance order), the leavers' remittances counted in
    /// the group `leaverKey` names (nil: in none); a group with only leavers' remittances comes last.
    public func achievements(
        of employees: [EmployeeResult], by key: (EmployeeResult) -> String,
        leavers: [UnattributedRemittance], leaverKey: (UnattributedRemittance) -> String?
    )
        -> [(key: String, figures: Achievement)]
    {
        var order: [String] = []
        var map: [String: Achievement] = [:]
        for e in employees {
            let k = key(e)
            if map[k] == nil { order.append(k); map[k] = Achievement() }
            map[k]!.add(e)
        }
        for u in leavers {
            guard let k = leaverKey(u) else { continue }
            if map[k] == nil { order.append(k); map[k] = Achievement() }
            map[k]!.add(u)
        }
        return order.map { ($0, map[$0]!) }
    }

    /// The company's figures: every employee reported and every leaver's remittance.
    public var companyAchievement: Achievement {
        var a = Achievement()
        for e in employees { a.add(e) }
        for u in unattributedRemittances { a.add(u) }
        return a
    }

    /// Everything received this period: what the employees were credited and the leavers' remittances
    /// (equal to the customers' remitted: close-summary.json `totals.remitted`).
    public var remittedTotal: Money { employees.map(\.remitted).sum() + unattributedRemittances.map(\.amount).sum() }
}
