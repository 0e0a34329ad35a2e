import GRDB

/// The ledger's tables. Every table but `meta` is keyed by the period that wrote its rows,
/// so a reopen deletes exactly that period's rows. Money is INTEGER fen; rates are TEXT "num/den";
/// days TEXT `YYYY-MM-DD`; periods TEXT `YYYY-MM` (which sorts like the periods themselves).
enum LedgerSchema {
    /// `PRAGMA application_id` of a SalesClose ledger ("SCLG").
    static let applicationID: Int32 = 0x5343_4C47

    /// Migrations, index i takes user_version i to i + 1. Never edit a shipped one; append.
    static let migrations: [String] = [v1, v2]

    static var version: Int { migrations.count }

    private static let periodFK = "period TEXT NOT NULL REFERENCES periods(period)"

    static let v1 = """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        INSERT INTO meta(key, value) VALUES ('application', 'salesclose-ledger');

        CREATE TABLE periods (
            period TEXT PRIMARY KEY CHECK (length(period) = 7),
            policy_sha256 TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            options TEXT NOT NULL,
            closed_seq INTEGER NOT NULL UNIQUE
        ) STRICT;
        CREATE TABLE period_inputs (
            \(periodFK),
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (period, file)
        ) STRICT;
        CREATE TABLE period_outputs (
            \(periodFK),
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (period, path)
        ) STRICT;

        CREATE TABLE employee_months (
            \(periodFK),
            employee_id TEXT NOT NULL,
            remitted_fen INTEGER NOT NULL,
            sales_fen INTEGER NOT NULL,
            remittance_target_fen INTEGER,
            sales_target_fen INTEGER,
            new_outlets INTEGER NOT NULL,
            new_outlets_target INTEGER NOT NULL,
            commission_earned_fen INTEGER NOT NULL,
            commission_settled_fen INTEGER NOT NULL,
            commission_forfeited_fen INTEGER NOT NULL,
            commission_adjusted_fen INTEGER NOT NULL,
            commission_deferred_after_fen INTEGER NOT NULL,
            pay_factor TEXT NOT NULL,
            level TEXT NOT NULL,
            travel_days INTEGER NOT NULL,
            PRIMARY KEY (period, employee_id)
        ) STRICT;
        CREATE TABLE balances (
            \(periodFK),
            employee_id TEXT NOT NULL,
            advance_outstanding_fen INTEGER NOT NULL,
            commission_deferred_fen INTEGER NOT NULL,
            pay_factor TEXT NOT NULL,
            PRIMARY KEY (period, employee_id)
        ) STRICT;

        CREATE TABLE receipts (
            \(periodFK),
            kind TEXT NOT NULL CHECK (kind IN ('expense', 'remittance')),
            receipt_no TEXT NOT NULL,
            PRIMARY KEY (period, kind, receipt_no)
        ) STRICT;
        CREATE TABLE adjustment_ids (
            \(periodFK),
            adjustment_id TEXT NOT NULL,
            PRIMARY KEY (period, adjustment_id)
        ) STRICT;

        CREATE TABLE attendance (
            \(periodFK),
            employee_id TEXT NOT NULL,
            day TEXT NOT NULL,
            status TEXT NOT NULL,
            city TEXT,
            PRIMARY KEY (period, employee_id, day)
        ) STRICT;
        CREATE TABLE plan_city (
            \(periodFK),
            employee_id TEXT NOT NULL,
            day TEXT NOT NULL,
            city TEXT NOT NULL,
            PRIMARY KEY (period, employee_id, day)
        ) STRICT;
        CREATE TABLE plan_weeks (
            \(periodFK),
            employee_id TEXT NOT NULL,
            monday TEXT NOT NULL,
            PRIMARY KEY (period, employee_id, monday)
        ) STRICT;
        CREATE TABLE lodging_nights (
            \(periodFK),
            employee_id TEXT NOT NULL,
            night TEXT NOT NULL,
            PRIMARY KEY (period, employee_id, night)
        ) STRICT;
        CREATE TABLE quota_used (
            \(periodFK),
            employee_id TEXT NOT NULL,
            category TEXT NOT NULL,
            used_fen INTEGER NOT NULL,
            PRIMARY KEY (period, employee_id, category)
        ) STRICT;
        CREATE TABLE late_claimants (
            \(periodFK),
            employee_id TEXT NOT NULL,
            PRIMARY KEY (period, employee_id)
        ) STRICT;
        CREATE TABLE travellers (
            \(periodFK),
            employee_id TEXT NOT NULL,
            PRIMARY KEY (period, employee_id)
        ) STRICT;

        CREATE TABLE customers (
            \(periodFK),
            customer_id TEXT NOT NULL,
            name TEXT,
            receivable_after_fen INTEGER NOT NULL,
            had_sales INTEGER NOT NULL CHECK (had_sales IN (0, 1)),
            PRIMARY KEY (period, customer_id)
        ) STRICT;
        CREATE TABLE quarter_outcomes (
            \(periodFK),
            employee_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
            assessed INTEGER NOT NULL CHECK (assessed IN (0, 1)),
            below_cut INTEGER NOT NULL CHECK (below_cut IN (0, 1)),
            promote_qualified INTEGER NOT NULL CHECK (promote_qualified IN (0, 1)),
            level TEXT NOT NULL,
            PRIMARY KEY (period, employee_id)
        ) STRICT;
        """

    /// v2 (issue 14): each close's figures per employee as values, and after a reopen those of the close it replaced,
    /// so 重开差异 is rebuilt by any rerun of the reopen. `generation` is 'current' (the close the ledger records) or
    /// 'replaced' (the one the latest reopen of the period replaced). No foreign key: a reopen deletes the period's
    /// rows in `periods` and writes them again in the same transaction, while the replaced figures stay.
    static let v2 = """
        CREATE TABLE close_figures (
            period TEXT NOT NULL CHECK (length(period) = 7),
            generation TEXT NOT NULL CHECK (generation IN ('current', 'replaced')),
            employee_id TEXT NOT NULL,
            name TEXT NOT NULL,
            expenses_claimed_fen INTEGER,
            expenses_approved_fen INTEGER,
            meal_allowance_fen INTEGER,
            reimbursement_adjustments_fen INTEGER,
            advances_approved_fen INTEGER,
            advance_settled_fen INTEGER,
            advance_outstanding_after_fen INTEGER,
            net_payable_fen INTEGER,
            sales_fen INTEGER,
            remitted_fen INTEGER,
            commission_earned_fen INTEGER,
            commission_settled_fen INTEGER,
            commission_deferred_balance_fen INTEGER,
            commission_adjustments_fen INTEGER,
            gross_pay_fen INTEGER,
            PRIMARY KEY (period, generation, employee_id)
        ) STRICT;
        CREATE TABLE close_figure_codes (
            period TEXT NOT NULL CHECK (length(period) = 7),
            generation TEXT NOT NULL CHECK (generation IN ('current', 'replaced')),
            employee_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            PRIMARY KEY (period, generation, employee_id, position)
        ) STRICT;
        CREATE TABLE reopens (
            period TEXT PRIMARY KEY CHECK (length(period) = 7),
            replaced_figures_kept INTEGER NOT NULL CHECK (replaced_figures_kept IN (0, 1))
        ) STRICT;
        """

    /// The money columns of `close_figures`, in `ReopenDifferences.Field` order.
    static let figureColumns: [String] = [
        "expenses_claimed_fen", "expenses_approved_fen", "meal_allowance_fen", "reimbursement_adjustments_fen", "advances_approved_fen", "advance_settled_fen",
        "advance_outstanding_after_fen", "net_payable_fen", "sales_fen", "remitted_fen", "commission_earned_fen", "commission_settled_fen",
        "commission_deferred_balance_fen", "commission_adjustments_fen", "gross_pay_fen"
    ]

    /// Tables a period writes, children first (deleted in this order on a reopen, `periods` last).
    static let periodTables = [
        "period_inputs", "period_outputs", "employee_months", "balances", "receipts", "adjustment_ids",
        "attendance", "plan_city", "plan_weeks", "lodging_nights", "quota_used", "late_claimants",
        "travellers", "customers", "quarter_outcomes"
    ]

    /// The columns each table of the current version must have, for the check on open.
    static let expectedColumns: [String: [String]] = [
        "meta": ["key", "value"],
        "periods": ["period", "policy_sha256", "tool_version", "options", "closed_seq"],
        "period_inputs": ["period", "file", "sha256"],
        "period_outputs": ["period", "path", "sha256"],
        "employee_months": [
            "period", "employee_id", "remitted_fen", "sales_fen", "remittance_target_fen", "sales_target_fen",
            "new_outlets", "new_outlets_target", "commission_earned_fen", "commission_settled_fen",
            "commission_forfeited_fen", "commission_adjusted_fen", "commission_deferred_after_fen",
            "pay_factor", "level", "travel_days"
        ],
        "balances": ["period", "employee_id", "advance_outstanding_fen", "commission_deferred_fen", "pay_factor"],
        "receipts": ["period", "kind", "receipt_no"],
        "adjustment_ids": ["period", "adjustment_id"],
        "attendance": ["period", "employee_id", "day", "status", "city"],
        "plan_city": ["period", "employee_id", "day", "city"],
        "plan_weeks": ["period", "employee_id", "monday"],
        "lodging_nights": ["period", "employee_id", "night"],
        "quota_used": ["period", "employee_id", "category", "used_fen"],
        "late_claimants": ["period", "employee_id"],
        "travellers": ["period", "employee_id"],
        "customers": ["period", "customer_id", "name", "receivable_after_fen", "had_sales"],
        "quarter_outcomes": [
            "period", "employee_id", "year", "quarter", "assessed", "below_cut",
            "promote_qualified", "level"
        ],
        "close_figures": ["period", "generation", "employee_id", "name"] + figureColumns,
        "close_figure_codes": ["period", "generation", "employee_id", "position", "code"],
        "reopens": ["period", "replaced_figures_kept"]
    ]
}
