/// The read-only facts a close works from, indexed once after validation.
public struct CloseContext: Sendable {
    public typealias EmpDay = PeriodRecord.EmpDay

    public let period: Period
    public let policy: Policy
    public let ledger: LedgerSnapshot
    public let hasVisits: Bool

    /// Accepted roster rows by id, and ids in roster (file) order.
    public let roster: [String: RosterRow]
    public let rosterOrder: [String]

    /// Accepted attendance and plans of every month read (other months are context).
    public let attendance: [EmpDay: AttendanceRow]
    public let plans: [EmpDay: PlanRow]
    /// (employee, Monday) of ISO weeks with at least one accepted plan row.
    public let planWeeks: Set<EmpDay>
    /// Accepted target rows by (employee, period).
    public let targets: [String: [Period: TargetRow]]

    /// Accepted rows of the period, in reading order.
    public let sales: AcceptedRows<SaleRow>
    /// The period's order lines summed per employee, customer, region and product by the sales intake.
    public let salesFold: SalesFold
    public let remittances: AcceptedRows<RemittanceRow>
    public let visits: AcceptedRows<VisitRow>
    public let advances: [(ref: RowRef, row: AdvanceRow)]
    public let adjustments: [(ref: RowRef, row: AdjustmentRow)]
    /// Accepted expense lines to judge: the period's lines and late claims (`late` true), with the possible-duplicate flag.
    public let expenses: [(ref: RowRef, row: ExpenseRow, late: Bool, possibleDuplicate: Bool)]

    public init(period: Period, policy: Policy, ledger: LedgerSnapshot, inputs: InputSet, lateClaimRefs: Set<RowRef>, possibleDuplicates: Set<RowRef>) {
        self.period = period; self.policy = policy; self.ledger = ledger
        self.hasVisits = inputs.has(.visits)
        var roster: [String: RosterRow] = [:], order: [String] = []
        for r in inputs.roster { if let v = r.accepted, roster[v.employeeId] == nil { roster[v.employeeId] = v; order.append(v.employeeId) } }
        self.roster = roster; self.rosterOrder = order
        // Context rows of other months are used where the rules look across the period's edge; for the
        // previous month, once it is closed, the ledger's record stands instead of the files' rows (inputs.md).
        let closedMonth = ledger.previous?.period
        var att: [EmpDay: AttendanceRow] = [:]
        for r in inputs.attendance {
            if let v = r.accepted, v.date.period != closedMonth { att[EmpDay(v.employeeId, v.date)] = v }
        }
        var plans: [EmpDay: PlanRow] = [:]
        for r in inputs.plans {
            if let v = r.accepted, v.date.period != closedMonth { plans[EmpDay(v.employeeId, v.date)] = v }
        }
        var weeks = Set(plans.keys.map { EmpDay($0.employeeId, $0.day.weekStart) })
        if let rec = ledger.previous {
            for (k, a) in rec.attendance { att[k] = AttendanceRow(date: k.day, employeeId: k.employeeId, status: a.status, city: a.city) }
            for (k, c) in rec.planCity { plans[k] = PlanRow(employeeId: k.employeeId, date: k.day, city: c) }
            weeks.formUnion(rec.planWeeks)
            for k in rec.planCity.keys { weeks.insert(EmpDay(k.employeeId, k.day.weekStart)) }
        }
        self.attendance = att
        self.plans = plans; self.planWeeks = weeks
        var targets: [String: [Period: TargetRow]] = [:]
        for r in inputs.targets { if let v = r.accepted { targets[v.employeeId, default: [:]][v.period] = v } }
        self.targets = targets
        self.sales = AcceptedRows(inputs.sales)
        // Sales rows count only once the sales intake has checked and folded them (Validation, or the stream during the
        // ingest): one path for sales rows, whatever their size.
        self.salesFold = inputs.streamedSales?.intake.fold ?? SalesFold()
        self.remittances = AcceptedRows(inputs.remittances)
        self.visits = AcceptedRows(inputs.visits)
        self.advances = inputs.advances.compactMap { r in r.accepted.map { (r.ref, $0) } }
        self.adjustments = inputs.adjustments.compactMap { r in r.accepted.map { (r.ref, $0) } }
        self.expenses = inputs.expenses.compactMap { r in
            r.accepted.map { (r.ref, $0, lateClaimRefs.contains(r.ref), possibleDuplicates.contains(r.ref)) }
        }
    }

    public func target(_ employeeId: String, _ p: Period) -> TargetRow? { targets[employeeId]?[p] }

    /// The attendance, plan city and plan weeks below already hold the ledger's record for the days of a
    /// closed previous month (see init), so late claims and this month's lines ask the same way.
    public func attendanceStatus(_ e: String, _ d: Day) -> AttendanceStatus? { attendance[EmpDay(e, d)]?.status }
    public func planCity(_ e: String, _ d: Day) -> String? { plans[EmpDay(e, d)]?.city }
    public func hasPlanWeek(_ e: String, containing d: Day) -> Bool { planWeeks.contains(EmpDay(e, d.weekStart)) }
}

/// The accepted rows of a kind, read in place from the input rows (no second array of a million rows).
public struct AcceptedRows<T: Sendable>: Sequence, Sendable {
    let rows: [InputRow<T>]
    public init(_ rows: [InputRow<T>]) { self.rows = rows }
    public struct Iterator: IteratorProtocol {
        let rows: [InputRow<T>]
        var i = 0
        public mutating func next() -> (ref: RowRef, row: T)? {
            // By index, reading only the fields needed: copying whole input rows costs a retain per field.
            while i < rows.count {
                let at = i
                i += 1
                if rows[at].issue == nil, let v = rows[at].value { return (rows[at].ref, v) }
            }
            return nil
        }
    }
    public func makeIterator() -> Iterator { Iterator(rows: rows) }
}
