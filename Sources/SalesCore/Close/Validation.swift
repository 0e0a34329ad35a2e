/// The row checks that need the roster, the period or the ledger (inputs.md "Errors"):
/// unknown and inactive employees, leading zeros Excel dropped, rows of another period,
/// duplicate keys, reused receipt numbers and adjustment ids, unauthorised adjustments.
/// Checks run in this order per row; the first that fails rejects it, and a rejected row claims no key.
public enum Validation {
    public struct Outcome: Sendable {
        /// Expense lines of the previous, closed period: late claims (补报).
        public var lateClaims: Set<RowRef> = []
        /// Later lines without receipt numbers that agree with an earlier one (EXP-POSSIBLE-DUPLICATE).
        public var possibleDuplicates: Set<RowRef> = []
    }

    /// The roster by employee_id; a later row with an id already seen is rejected (ROW-DUPLICATE). Idempotent.
    public static func rosterIndex(_ rows: inout [InputRow<RosterRow>]) -> [String: RosterRow] {
        var roster: [String: RosterRow] = [:]
        for i in rows.indices {
            guard let r = rows[i].accepted else { continue }
            if roster[r.employeeId] != nil {
                rows[i].reject(Code.rowDuplicate.rawValue, column: nil, "employee_id \"\(r.employeeId)\" already stands on an earlier roster row")
            } else {
                roster[r.employeeId] = r
            }
        }
        return roster
    }

    public static func apply(_ inputs: inout InputSet, period: Period, policy: Policy, ledger: LedgerSnapshot) -> Outcome {
        var out = Outcome()

        let roster = rosterIndex(&inputs.roster)
        let checks = RowChecks(roster: roster, period: period)
        let ids = checks.ids
        func employee<T>(_ row: inout InputRow<T>, _ id: String) -> RosterRow? { checks.employee(&row, id) }
        func inPeriod<T>(_ row: inout InputRow<T>, _ d: Day) -> Bool { checks.inPeriod(&row, d) }
        func active<T>(_ row: inout InputRow<T>, _ r: RosterRow, _ d: Day) -> Bool { checks.active(&row, r, d) }
        func duplicate<T, K: Hashable>(_ row: inout InputRow<T>, _ seen: inout Set<K>, _ key: K, _ what: String) -> Bool {
            if seen.insert(key).inserted { return false }
            row.reject(Code.rowDuplicate.rawValue, column: nil, "\(what) already stands on an earlier row")
            return true
        }

        // Targets: key (period, employee_id); other months are context.
        struct TargetKey: Hashable { let period: Period; let id: String }
        var targetKeys = Set<TargetKey>()
        for i in inputs.targets.indices {
            guard let t = inputs.targets[i].accepted, employee(&inputs.targets[i], t.employeeId) != nil else { continue }
            _ = duplicate(&inputs.targets[i], &targetKeys, TargetKey(period: t.period, id: t.employeeId), "target for \(t.employeeId) in \(t.period)")
        }

        // Sales: checked and folded by the sales intake (during the ingest for streamed files; here for rows in memory).
        if inputs.streamedSales == nil {
            var intake = SalesIntake(checks: checks, store: MemoryOrderLines(), expectedLines: inputs.sales.count)
            for i in inputs.sales.indices { intake.take(&inputs.sales[i]) }
            intake.finish()
            inputs.streamedSales = StreamedSales(intake: intake, streamed: false)
        }

        // Attendance: key (employee_id, date); other months are context.
        var attKeys = Set<PeriodRecord.EmpDay>()
        for i in inputs.attendance.indices {
            guard let a = inputs.attendance[i].accepted, let r = employee(&inputs.attendance[i], a.employeeId),
                active(&inputs.attendance[i], r, a.date)
            else { continue }
            _ = duplicate(&inputs.attendance[i], &attKeys, .init(a.employeeId, a.date), "attendance of \(a.employeeId) on \(a.date)")
        }

        // Plans: key (employee_id, date); neighbouring months are expected.
        var planKeys = Set<PeriodRecord.EmpDay>()
        for i in inputs.plans.indices {
            guard let p = inputs.plans[i].accepted, let r = employee(&inputs.plans[i], p.employeeId),
                active(&inputs.plans[i], r, p.date)
            else { continue }
            _ = duplicate(&inputs.plans[i], &planKeys, .init(p.employeeId, p.date), "a plan row of \(p.employeeId) for \(p.date)")
        }

        // Expenses: the period's lines and late claims; receipt numbers are used once, across periods too.
        var receipts = Set<String>()
        struct DupKey: Hashable { let e: String; let d: Day; let c: ExpenseCategory; let a: Money }
        var noReceipt = Set<DupKey>()
        let previousClosed = ledger.isClosed(period.previous)
        for i in inputs.expenses.indices {
            guard let x = inputs.expenses[i].accepted, let r = employee(&inputs.expenses[i], x.employeeId) else { continue }
            var late = false
            if !period.contains(x.date) {
                if previousClosed && period.previous.contains(x.date) {
                    late = true
                } else {
                    let why =
                        period.previous.contains(x.date)
                        ? "; \(period.previous) is not closed, so it cannot take a late claim"
                        : (x.date < period.firstDay ? "; only lines of the closed month before (\(period.previous)) are taken as late claims" : "")
                    inputs.expenses[i].reject(
                        Code.rowOtherPeriod.rawValue, column: "date",
                        "date \(x.date) is in \(x.date.period), not in the period being closed (\(period))\(why)")
                    continue
                }
            }
            guard active(&inputs.expenses[i], r, x.date) else { continue }
            if let no = x.receiptNo, !no.isEmpty {
                if ledger.expenseReceiptsUsed.contains(no) {
                    inputs.expenses[i].reject(Code.rowDuplicate.rawValue, column: nil, "receipt_no \"\(no)\" was already used in an earlier closed period")
                    continue
                }
                if duplicate(&inputs.expenses[i], &receipts, no, "receipt_no \"\(no)\"") { continue }
            } else if !noReceipt.insert(DupKey(e: x.employeeId, d: x.date, c: x.category, a: x.amount)).inserted {
                out.possibleDuplicates.insert(inputs.expenses[i].ref)
            }
            if late { out.lateClaims.insert(inputs.expenses[i].ref) }
        }

        // Remittances: cash may arrive after the employee left (accepted; counts for the employee only on active days).
        var remReceipts = Set<String>()
        for i in inputs.remittances.indices {
            guard let m = inputs.remittances[i].accepted, employee(&inputs.remittances[i], m.employeeId) != nil,
                inPeriod(&inputs.remittances[i], m.date)
            else { continue }
            if let no = m.receiptNo, !no.isEmpty {
                if ledger.remittanceReceiptsUsed.contains(no) {
                    inputs.remittances[i].reject(Code.rowDuplicate.rawValue, column: nil, "receipt_no \"\(no)\" was already used in an earlier closed period")
                    continue
                }
                _ = duplicate(&inputs.remittances[i], &remReceipts, no, "receipt_no \"\(no)\"")
            }
        }

        // Advances: advance_id unique.
        var advanceIds = Set<String>()
        for i in inputs.advances.indices {
            guard let a = inputs.advances[i].accepted, let r = employee(&inputs.advances[i], a.employeeId),
                inPeriod(&inputs.advances[i], a.date), active(&inputs.advances[i], r, a.date)
            else { continue }
            _ = duplicate(&inputs.advances[i], &advanceIds, a.advanceId, "advance_id \"\(a.advanceId)\"")
        }

        // Adjustments: id unique across periods; approver must be a director; leavers allowed.
        var adjIds = Set<String>()
        for i in inputs.adjustments.indices {
            guard let a = inputs.adjustments[i].accepted, employee(&inputs.adjustments[i], a.employeeId) != nil,
                inPeriod(&inputs.adjustments[i], a.date)
            else { continue }
            if ledger.adjustmentIdsUsed.contains(a.adjustmentId) {
                inputs.adjustments[i].reject(
                    Code.rowDuplicate.rawValue, column: nil, "adjustment_id \"\(a.adjustmentId)\" was already used in an earlier closed period")
                continue
            }
            if duplicate(&inputs.adjustments[i], &adjIds, a.adjustmentId, "adjustment_id \"\(a.adjustmentId)\"") { continue }
            AdjUnauthorised.check(&inputs.adjustments[i], a, ids)
        }

        // Visits.
        for i in inputs.visits.indices {
            guard let v = inputs.visits[i].accepted, let r = employee(&inputs.visits[i], v.employeeId),
                inPeriod(&inputs.visits[i], v.date), active(&inputs.visits[i], r, v.date)
            else { continue }
        }
        return out
    }
}

/// The per-row checks that need the roster or the period, in the order validation runs them, with their messages.
public struct RowChecks: Sendable {
    let roster: [String: RosterRow]
    let ids: EmployeeIndex
    public let period: Period

    public init(roster: [String: RosterRow], period: Period) {
        self.roster = roster; self.ids = EmployeeIndex(roster); self.period = period
    }

    func employee<T>(_ row: inout InputRow<T>, _ id: String) -> RosterRow? {
        if let r = roster[id] { return r }
        if let original = ids.matchAfterLeadingZeros(id) {
            row.reject(
                Code.rowExcelDamage.rawValue, column: "employee_id",
                "employee_id \"\(id)\" matches roster id \"\(original)\" only with its leading zeros: Excel dropped them when the file was saved. Format the employee_id column as Text in Excel (or export it as text) and export again"
            )
        } else {
            row.reject(Code.rowUnknownEmployee.rawValue, column: nil, "employee_id \"\(id)\" is not in the roster")
        }
        return nil
    }
    func inPeriod<T>(_ row: inout InputRow<T>, _ d: Day) -> Bool {
        if period.contains(d) { return true }
        row.reject(
            Code.rowOtherPeriod.rawValue, column: "date",
            "date \(d) is in \(d.period), not in the period being closed (\(period))")
        return false
    }
    func active<T>(_ row: inout InputRow<T>, _ r: RosterRow, _ d: Day) -> Bool {
        if r.isActive(on: d) { return true }
        let span = "hired \(r.hireDate)" + (r.leaveDate.map { ", left \($0)" } ?? "")
        row.reject(Code.rowNotActive.rawValue, column: nil, "employee \(r.employeeId) (\(r.name)) is not active on \(d) (\(span))")
        return false
    }
}

/// Roster look-ups used by validation and rules.
struct EmployeeIndex: Sendable {
    let roster: [String: RosterRow]
    let byStrippedId: [String: String]
    init(_ roster: [String: RosterRow]) {
        self.roster = roster
        var m: [String: String] = [:]
        for id in roster.keys.sorted() where id.hasPrefix("0") {
            m[EmployeeIndex.strip(id)] = m[EmployeeIndex.strip(id)] ?? id
        }
        byStrippedId = m
    }
    static func strip(_ s: String) -> String {
        let t = s.drop { $0 == "0" }
        return t.isEmpty ? "0" : String(t)
    }
    /// The roster id that `id` equals once leading zeros are ignored (Excel's damage), if any.
    func matchAfterLeadingZeros(_ id: String) -> String? {
        guard roster[id] == nil, let orig = byStrippedId[EmployeeIndex.strip(id)], orig != id else { return nil }
        return orig
    }
    func isDirector(_ approver: String) -> Bool {
        if let r = roster[approver] { return r.role == .director }
        return roster.values.contains { $0.name == approver && $0.role == .director }
    }
}
