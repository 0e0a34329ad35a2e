import GRDB
import SalesCore

/// Writes one period's rows, inside the caller's transaction. Rows go in sorted order so the
/// file's content does not depend on dictionary order.
struct LedgerWriter {
    let db: Database
    let period: Period
    private var key: String { period.description }

    init(db: Database, period: Period) { self.db = db; self.period = period }

    /// Deletes every row the period wrote (a reopen), `periods` last.
    mutating func deletePeriod() throws {
        for table in LedgerSchema.periodTables {
            try db.execute(sql: "DELETE FROM \(table) WHERE period = ?", arguments: [key])
        }
        try db.execute(sql: "DELETE FROM periods WHERE period = ?", arguments: [key])
    }

    /// Before a reopen deletes the period's rows: its current figures become the replaced ones (those of an earlier
    /// replaced close are dropped), and the period is marked reopened. `legacy`: the figures of a close recorded before
    /// the ledger kept figures (read from its verified summary by the caller), kept as the replaced ones instead.
    func keepReplacedFigures(legacy: [ReopenDifferences.EmployeeFigures]?) throws {
        try db.execute(sql: "DELETE FROM close_figures WHERE period = ? AND generation = 'replaced'", arguments: [key])
        try db.execute(sql: "DELETE FROM close_figure_codes WHERE period = ? AND generation = 'replaced'", arguments: [key])
        let current =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM close_figures WHERE period = ? AND generation = 'current'",
                arguments: [key]) ?? 0
        var kept = current > 0
        if kept {
            try db.execute(sql: "UPDATE close_figures SET generation = 'replaced' WHERE period = ? AND generation = 'current'", arguments: [key])
            try db.execute(sql: "UPDATE close_figure_codes SET generation = 'replaced' WHERE period = ? AND generation = 'current'", arguments: [key])
        } else if let legacy {
            try insertFigures(legacy, generation: "replaced")
            kept = true
        }
        try db.execute(sql: "INSERT OR REPLACE INTO reopens(period, replaced_figures_kept) VALUES (?, ?)", arguments: [key, kept ? 1 : 0])
    }

    /// A first close of the period: nothing of an earlier one stays (there is none, unless a ledger was edited).
    func clearFigures() throws {
        for table in ["close_figures", "close_figure_codes", "reopens"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE period = ?", arguments: [key])
        }
    }

    func insertFigures(_ figures: [ReopenDifferences.EmployeeFigures], generation: String) throws {
        let cols = LedgerSchema.figureColumns
        let st = try db.cachedStatement(
            sql: """
                INSERT INTO close_figures(period, generation, employee_id, name, \(cols.joined(separator: ", ")))
                VALUES (?, ?, ?, ?\(String(repeating: ", ?", count: cols.count)))
                """)
        let codes = try db.cachedStatement(
            sql: """
                INSERT INTO close_figure_codes(period, generation, employee_id, position, code) VALUES (?, ?, ?, ?, ?)
                """)
        for e in figures.sorted(by: { $0.employeeId < $1.employeeId }) {
            var args: [(any DatabaseValueConvertible)?] = [key, generation, e.employeeId, e.name]
            for f in ReopenDifferences.Field.allCases { args.append((e.money[f] ?? nil)?.fen) }
            try st.execute(arguments: StatementArguments(args))
            for (i, c) in e.codes.enumerated() { try codes.execute(arguments: [key, generation, e.employeeId, i, c]) }
        }
    }

    func replaceOutputs(_ outputs: [String: String], options: String, toolVersion: String?) throws {
        try db.execute(sql: "DELETE FROM period_outputs WHERE period = ?", arguments: [key])
        try insertOutputs(outputs)
        try db.execute(sql: "UPDATE periods SET options = ? WHERE period = ?", arguments: [options, key])
        if let toolVersion {
            try db.execute(sql: "UPDATE periods SET tool_version = ? WHERE period = ?", arguments: [toolVersion, key])
        }
    }

    private func insertOutputs(_ outputs: [String: String]) throws {
        let st = try db.cachedStatement(sql: "INSERT INTO period_outputs(period, path, sha256) VALUES (?, ?, ?)")
        for (path, sha) in outputs.sorted(by: { $0.key < $1.key }) { try st.execute(arguments: [key, path, sha]) }
    }

    func write(_ result: CloseResult, info: ClosedPeriodInfo) throws {
        let seq = (try Int64.fetchOne(db, sql: "SELECT max(closed_seq) FROM periods") ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO periods(period, policy_sha256, tool_version, options, closed_seq) VALUES (?, ?, ?, ?, ?)",
            arguments: [key, info.policySHA256, info.toolVersion, info.options, seq])
        var st = try db.cachedStatement(sql: "INSERT INTO period_inputs(period, file, sha256) VALUES (?, ?, ?)")
        for (file, sha) in info.inputHashes.sorted(by: { $0.key < $1.key }) { try st.execute(arguments: [key, file, sha]) }
        try insertOutputs(info.outputHashes)
        try insertFigures(ReopenDifferences.figures(of: result), generation: "current")

        st = try db.cachedStatement(
            sql: """
                INSERT INTO employee_months(period, employee_id, remitted_fen, sales_fen, remittance_target_fen, sales_target_fen,
                    new_outlets, new_outlets_target, commission_earned_fen, commission_settled_fen, commission_forfeited_fen,
                    commission_adjusted_fen, commission_deferred_after_fen, pay_factor, level, travel_days)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (emp, m) in result.monthsAfter.sorted(by: { $0.key < $1.key }) {
            try st.execute(arguments: [
                key, emp, m.remitted.fen, m.sales.fen, m.remittanceTarget?.fen, m.salesTarget?.fen,
                m.newOutlets, m.newOutletsTarget, m.commissionEarned.fen, m.commissionSettled.fen, m.commissionForfeited.fen,
                m.commissionAdjusted.fen, m.commissionDeferredAfter.fen, RateText.text(m.payFactor), m.level.key, m.travelDays
            ])
        }

        st = try db.cachedStatement(
            sql: """
                INSERT INTO balances(period, employee_id, advance_outstanding_fen, commission_deferred_fen, pay_factor)
                VALUES (?, ?, ?, ?, ?)
                """)
        for (emp, b) in result.balancesAfter.sorted(by: { $0.key < $1.key }) {
            try st.execute(arguments: [key, emp, b.advanceOutstanding.fen, b.commissionDeferred.fen, RateText.text(b.payFactor)])
        }

        st = try db.cachedStatement(sql: "INSERT INTO receipts(period, kind, receipt_no) VALUES (?, ?, ?)")
        for no in result.expenseReceiptsUsed.sorted() { try st.execute(arguments: [key, "expense", no]) }
        for no in result.remittanceReceiptsUsed.sorted() { try st.execute(arguments: [key, "remittance", no]) }

        st = try db.cachedStatement(sql: "INSERT INTO adjustment_ids(period, adjustment_id) VALUES (?, ?)")
        for id in result.adjustmentIds.sorted() { try st.execute(arguments: [key, id]) }

        try writeRecord(result.record)

        // A customer "had sales" in this period when an accepted sales row names it.
        let sold = Set(result.sales.customers.map(\.id))
        st = try db.cachedStatement(
            sql: """
                INSERT INTO customers(period, customer_id, name, receivable_after_fen, had_sales) VALUES (?, ?, ?, ?, ?)
                """)
        for c in result.customers.sorted(by: { $0.customerId < $1.customerId }) {
            let had = sold.contains(c.customerId) || c.sales != .zero
            try st.execute(arguments: [key, c.customerId, c.name, c.receivableAfter.fen, had ? 1 : 0])
        }

        st = try db.cachedStatement(
            sql: """
                INSERT INTO quarter_outcomes(period, employee_id, year, quarter, assessed, below_cut, promote_qualified, level)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (emp, q) in result.quarterOutcomes.sorted(by: { $0.key < $1.key }) {
            try st.execute(arguments: [
                key, emp, q.year, q.quarter, q.assessed ? 1 : 0, q.belowCut ? 1 : 0,
                q.promoteQualified ? 1 : 0, q.level.key
            ])
        }
    }

    private func writeRecord(_ rec: PeriodRecord) throws {
        func byEmpDay<V>(_ a: (key: PeriodRecord.EmpDay, value: V), _ b: (key: PeriodRecord.EmpDay, value: V)) -> Bool {
            (a.key.employeeId, a.key.day) < (b.key.employeeId, b.key.day)
        }
        func sortedEmpDays(_ s: Set<PeriodRecord.EmpDay>) -> [PeriodRecord.EmpDay] {
            s.sorted { ($0.employeeId, $0.day) < ($1.employeeId, $1.day) }
        }

        var st = try db.cachedStatement(sql: "INSERT INTO attendance(period, employee_id, day, status, city) VALUES (?, ?, ?, ?, ?)")
        for (k, a) in rec.attendance.sorted(by: byEmpDay) {
            try st.execute(arguments: [key, k.employeeId, k.day.description, a.status.rawValue, a.city])
        }
        st = try db.cachedStatement(sql: "INSERT INTO plan_city(period, employee_id, day, city) VALUES (?, ?, ?, ?)")
        for (k, city) in rec.planCity.sorted(by: byEmpDay) {
            try st.execute(arguments: [key, k.employeeId, k.day.description, city])
        }
        st = try db.cachedStatement(sql: "INSERT INTO plan_weeks(period, employee_id, monday) VALUES (?, ?, ?)")
        for k in sortedEmpDays(rec.planWeeks) { try st.execute(arguments: [key, k.employeeId, k.day.description]) }
        st = try db.cachedStatement(sql: "INSERT INTO lodging_nights(period, employee_id, night) VALUES (?, ?, ?)")
        for k in sortedEmpDays(rec.lodgingNightsPaid) { try st.execute(arguments: [key, k.employeeId, k.day.description]) }
        st = try db.cachedStatement(sql: "INSERT INTO quota_used(period, employee_id, category, used_fen) VALUES (?, ?, ?, ?)")
        for (emp, cats) in rec.quotaUsed.sorted(by: { $0.key < $1.key }) {
            for (cat, used) in cats.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try st.execute(arguments: [key, emp, cat.rawValue, used.fen])
            }
        }
        st = try db.cachedStatement(sql: "INSERT INTO late_claimants(period, employee_id) VALUES (?, ?)")
        for emp in rec.lateClaimants.sorted() { try st.execute(arguments: [key, emp]) }
        st = try db.cachedStatement(sql: "INSERT INTO travellers(period, employee_id) VALUES (?, ?)")
        for emp in rec.travellers.sorted() { try st.execute(arguments: [key, emp]) }
    }
}
