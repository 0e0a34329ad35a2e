import GRDB
import SalesCore

/// Reads ledger rows back into SalesCore values; any value that does not parse is `.corrupt`.
struct LedgerReader {
    let db: Database
    let path: String

    // MARK: Periods

    func closedPeriods(before limit: Period?) throws -> [Period] {
        let rows: [Row]
        if let limit {
            rows = try Row.fetchAll(
                db, sql: "SELECT period FROM periods WHERE period < ? ORDER BY period",
                arguments: [limit.description])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT period FROM periods ORDER BY period")
        }
        return try rows.map { try period($0, "period", "periods") }
    }

    func info(_ p: Period) throws -> ClosedPeriodInfo? {
        let key = p.description
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT policy_sha256, tool_version, options FROM periods WHERE period = ?",
                arguments: [key])
        else { return nil }
        var inputs: [String: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT file, sha256 FROM period_inputs WHERE period = ?", arguments: [key]) {
            inputs[try text(r, "file", "period_inputs")] = try text(r, "sha256", "period_inputs")
        }
        var outputs: [String: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT path, sha256 FROM period_outputs WHERE period = ?", arguments: [key]) {
            outputs[try text(r, "path", "period_outputs")] = try text(r, "sha256", "period_outputs")
        }
        return ClosedPeriodInfo(
            period: p, inputHashes: inputs, policySHA256: try text(row, "policy_sha256", "periods"),
            outputHashes: outputs, toolVersion: try text(row, "tool_version", "periods"),
            options: try text(row, "options", "periods"))
    }

    // MARK: Snapshot

    func snapshot(for p: Period) throws -> LedgerSnapshot {
        var s = LedgerSnapshot()
        s.closedPeriods = try closedPeriods(before: p)
        guard let latest = s.closedPeriods.last else { return s }
        let before = p.description

        for r in try Row.fetchAll(db, sql: "SELECT kind, receipt_no FROM receipts WHERE period < ?", arguments: [before]) {
            let no = try text(r, "receipt_no", "receipts")
            switch try text(r, "kind", "receipts") {
            case "expense": s.expenseReceiptsUsed.insert(no)
            case "remittance": s.remittanceReceiptsUsed.insert(no)
            case let k: throw corrupt("receipts", "unknown kind \(k)")
            }
        }
        s.adjustmentIdsUsed = Set(
            try Row.fetchAll(
                db, sql: "SELECT adjustment_id FROM adjustment_ids WHERE period < ?",
                arguments: [before]
            ).map { try text($0, "adjustment_id", "adjustment_ids") })
        s.balances = try balances(of: latest)

        for r in try Row.fetchAll(
            db, sql: "SELECT * FROM employee_months WHERE period < ? ORDER BY period, employee_id",
            arguments: [before])
        {
            let (emp, month) = try employeeMonth(r)
            s.months[emp, default: [:]][try period(r, "period", "employee_months")] = month
        }

        if s.closedPeriods.contains(p.previous) {
            s.previous = try record(of: p.previous)
        }

        for r in try Row.fetchAll(db, sql: "SELECT * FROM customers WHERE period < ? ORDER BY period", arguments: [before]) {
            let id = try text(r, "customer_id", "customers")
            var c = s.customers[id] ?? CustomerBalance()
            c.receivable = try money(r, "receivable_after_fen", "customers")
            c.hadSales = try c.hadSales || bool(r, "had_sales", "customers")
            if let name = try optText(r, "name", "customers") { c.name = name }
            s.customers[id] = c
        }

        for r in try Row.fetchAll(
            db, sql: "SELECT * FROM quarter_outcomes WHERE period < ? ORDER BY period, employee_id",
            arguments: [before])
        {
            let (emp, q) = try quarterOutcome(r)
            s.quarters[emp, default: []].append(q)
        }
        for k in s.quarters.keys { s.quarters[k]!.sort { $0.index < $1.index } }
        return s
    }

    func recorded(_ p: Period) throws -> RecordedClose? {
        guard let info = try info(p) else { return nil }
        let key = p.description
        var months: [String: EmployeeMonth] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM employee_months WHERE period = ?", arguments: [key]) {
            let (emp, m) = try employeeMonth(r)
            months[emp] = m
        }
        var quarters: [String: QuarterOutcome] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM quarter_outcomes WHERE period = ?", arguments: [key]) {
            let (emp, q) = try quarterOutcome(r)
            quarters[emp] = q
        }
        var expense = Set<String>(), remittance = Set<String>()
        for r in try Row.fetchAll(db, sql: "SELECT kind, receipt_no FROM receipts WHERE period = ?", arguments: [key]) {
            let no = try text(r, "receipt_no", "receipts")
            switch try text(r, "kind", "receipts") {
            case "expense": expense.insert(no)
            case "remittance": remittance.insert(no)
            case let k: throw corrupt("receipts", "unknown kind \(k)")
            }
        }
        let adjustments = Set(
            try Row.fetchAll(
                db, sql: "SELECT adjustment_id FROM adjustment_ids WHERE period = ?",
                arguments: [key]
            ).map { try text($0, "adjustment_id", "adjustment_ids") })
        var customers: [String: CustomerBalance] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM customers WHERE period = ?", arguments: [key]) {
            customers[try text(r, "customer_id", "customers")] = CustomerBalance(
                receivable: try money(r, "receivable_after_fen", "customers"),
                hadSales: try bool(r, "had_sales", "customers"),
                name: try optText(r, "name", "customers"))
        }
        return RecordedClose(
            info: info, record: try record(of: p), balancesAfter: try balances(of: p),
            monthsAfter: months, quarterOutcomes: quarters, expenseReceiptsUsed: expense,
            remittanceReceiptsUsed: remittance, adjustmentIds: adjustments, customers: customers)
    }

    /// One generation of a period's figures (nil when none are recorded), in employee-id order.
    func figures(_ p: Period, generation: String) throws -> [ReopenDifferences.EmployeeFigures]? {
        let key = p.description
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM close_figures WHERE period = ? AND generation = ? ORDER BY employee_id",
            arguments: [key, generation])
        guard !rows.isEmpty else { return nil }
        var codes: [String: [String]] = [:]
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT employee_id, code FROM close_figure_codes WHERE period = ? AND generation = ? ORDER BY employee_id, position
                """, arguments: [key, generation])
        {
            codes[try text(r, "employee_id", "close_figure_codes"), default: []].append(try text(r, "code", "close_figure_codes"))
        }
        return try rows.map { r in
            let id = try text(r, "employee_id", "close_figures")
            var money: [ReopenDifferences.Field: Money?] = [:]
            for (f, col) in zip(ReopenDifferences.Field.allCases, LedgerSchema.figureColumns) {
                money.updateValue(try optInt(r, col, "close_figures").map { Money(fen: $0) }, forKey: f)
            }
            return ReopenDifferences.EmployeeFigures(
                employeeId: id, name: try text(r, "name", "close_figures"),
                money: money, codes: codes[id] ?? [])
        }
    }

    // MARK: Pieces

    func balances(of p: Period) throws -> [String: CarriedBalances] {
        var out: [String: CarriedBalances] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM balances WHERE period = ?", arguments: [p.description]) {
            out[try text(r, "employee_id", "balances")] = CarriedBalances(
                advanceOutstanding: try money(r, "advance_outstanding_fen", "balances"),
                commissionDeferred: try money(r, "commission_deferred_fen", "balances"),
                payFactor: try rate(r, "pay_factor", "balances"))
        }
        return out
    }

    func record(of p: Period) throws -> PeriodRecord {
        let key = p.description
        var rec = PeriodRecord(period: p)
        for r in try Row.fetchAll(db, sql: "SELECT * FROM attendance WHERE period = ?", arguments: [key]) {
            let t = "attendance"
            let raw = try text(r, "status", t)
            guard let status = AttendanceStatus(rawValue: raw) else { throw corrupt(t, "unknown status \(raw)") }
            rec.attendance[.init(try text(r, "employee_id", t), try day(r, "day", t))] =
                .init(status: status, city: try optText(r, "city", t))
        }
        for r in try Row.fetchAll(db, sql: "SELECT * FROM plan_city WHERE period = ?", arguments: [key]) {
            rec.planCity[.init(try text(r, "employee_id", "plan_city"), try day(r, "day", "plan_city"))] =
                try text(r, "city", "plan_city")
        }
        for r in try Row.fetchAll(db, sql: "SELECT * FROM plan_weeks WHERE period = ?", arguments: [key]) {
            rec.planWeeks.insert(.init(try text(r, "employee_id", "plan_weeks"), try day(r, "monday", "plan_weeks")))
        }
        for r in try Row.fetchAll(db, sql: "SELECT * FROM lodging_nights WHERE period = ?", arguments: [key]) {
            rec.lodgingNightsPaid.insert(.init(try text(r, "employee_id", "lodging_nights"), try day(r, "night", "lodging_nights")))
        }
        for r in try Row.fetchAll(db, sql: "SELECT * FROM quota_used WHERE period = ?", arguments: [key]) {
            let raw = try text(r, "category", "quota_used")
            guard let cat = ExpenseCategory(rawValue: raw) else { throw corrupt("quota_used", "unknown category \(raw)") }
            rec.quotaUsed[try text(r, "employee_id", "quota_used"), default: [:]][cat] = try money(r, "used_fen", "quota_used")
        }
        rec.lateClaimants = Set(
            try Row.fetchAll(
                db, sql: "SELECT employee_id FROM late_claimants WHERE period = ?",
                arguments: [key]
            ).map { try text($0, "employee_id", "late_claimants") })
        rec.travellers = Set(
            try Row.fetchAll(
                db, sql: "SELECT employee_id FROM travellers WHERE period = ?",
                arguments: [key]
            ).map { try text($0, "employee_id", "travellers") })
        return rec
    }

    func employeeMonth(_ r: Row) throws -> (String, EmployeeMonth) {
        let t = "employee_months"
        var m = EmployeeMonth()
        m.remitted = try money(r, "remitted_fen", t)
        m.sales = try money(r, "sales_fen", t)
        m.remittanceTarget = try optInt(r, "remittance_target_fen", t).map(Money.init(fen:))
        m.salesTarget = try optInt(r, "sales_target_fen", t).map(Money.init(fen:))
        m.newOutlets = try small(r, "new_outlets", t)
        m.newOutletsTarget = try small(r, "new_outlets_target", t)
        m.commissionEarned = try money(r, "commission_earned_fen", t)
        m.commissionSettled = try money(r, "commission_settled_fen", t)
        m.commissionForfeited = try money(r, "commission_forfeited_fen", t)
        m.commissionAdjusted = try money(r, "commission_adjusted_fen", t)
        m.commissionDeferredAfter = try money(r, "commission_deferred_after_fen", t)
        m.payFactor = try rate(r, "pay_factor", t)
        m.level = try level(r, "level", t)
        m.travelDays = try small(r, "travel_days", t)
        return (try text(r, "employee_id", t), m)
    }

    func quarterOutcome(_ r: Row) throws -> (String, QuarterOutcome) {
        let t = "quarter_outcomes"
        let q = QuarterOutcome(
            year: try small(r, "year", t), quarter: try small(r, "quarter", t),
            assessed: try bool(r, "assessed", t), belowCut: try bool(r, "below_cut", t),
            promoteQualified: try bool(r, "promote_qualified", t), level: try level(r, "level", t))
        return (try text(r, "employee_id", t), q)
    }

    // MARK: Column decoding

    func corrupt(_ table: String, _ what: String) -> LedgerError {
        LedgerError(.corrupt, path: path, "table \(table): \(what)")
    }

    func optText(_ r: Row, _ c: String, _ t: String) throws -> String? {
        switch (r[c] as DatabaseValue).storage {
        case .null: return nil
        case .string(let s): return s
        default: throw corrupt(t, "column \(c) is not text")
        }
    }
    func text(_ r: Row, _ c: String, _ t: String) throws -> String {
        guard let s = try optText(r, c, t) else { throw corrupt(t, "column \(c) is empty") }
        return s
    }
    func optInt(_ r: Row, _ c: String, _ t: String) throws -> Int64? {
        switch (r[c] as DatabaseValue).storage {
        case .null: return nil
        case .int64(let v): return v
        default: throw corrupt(t, "column \(c) is not an integer")
        }
    }
    func int(_ r: Row, _ c: String, _ t: String) throws -> Int64 {
        guard let v = try optInt(r, c, t) else { throw corrupt(t, "column \(c) is empty") }
        return v
    }
    func small(_ r: Row, _ c: String, _ t: String) throws -> Int {
        let v = try int(r, c, t)
        guard let i = Int(exactly: v) else { throw corrupt(t, "column \(c) out of range") }
        return i
    }
    func money(_ r: Row, _ c: String, _ t: String) throws -> Money { Money(fen: try int(r, c, t)) }
    func bool(_ r: Row, _ c: String, _ t: String) throws -> Bool {
        switch try int(r, c, t) {
        case 0: return false
        case 1: return true
        case let v: throw corrupt(t, "column \(c) is \(v), not 0 or 1")
        }
    }
    func period(_ r: Row, _ c: String, _ t: String) throws -> Period {
        let s = try text(r, c, t)
        guard let p = Period(s) else { throw corrupt(t, "column \(c) is not a period: \(s)") }
        return p
    }
    func day(_ r: Row, _ c: String, _ t: String) throws -> Day {
        let s = try text(r, c, t)
        guard let d = Day(iso: s) else { throw corrupt(t, "column \(c) is not a date: \(s)") }
        return d
    }
    func rate(_ r: Row, _ c: String, _ t: String) throws -> Rate {
        let s = try text(r, c, t)
        guard let v = RateText.parse(s) else { throw corrupt(t, "column \(c) is not a rate n/d: \(s)") }
        return v
    }
    func level(_ r: Row, _ c: String, _ t: String) throws -> Level {
        let s = try text(r, c, t)
        guard let l = Level(key: s) else { throw corrupt(t, "column \(c) is not a level: \(s)") }
        return l
    }
}

/// Rates are kept as "num/den" text, exactly as `Rate` encodes itself.
enum RateText {
    static func text(_ r: Rate) -> String { "\(r.num)/\(r.den)" }
    static func parse(_ s: String) -> Rate? {
        let p = s.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 2, let n = Int64(p[0]), let d = Int64(p[1]), d > 0 else { return nil }
        return Rate(num: n, den: d)
    }
}
