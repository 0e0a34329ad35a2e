import SalesCore

/// close-summary.json (outputs.md): money as two-decimal strings, ratios as numbers rounded to 4 decimals.
public enum Summary {
    public static func json(_ r: CloseResult, policySHA256: String, outputs: [(file: String, sha256: String)]) -> JSON {
        let inputs = r.inputs
        let tally = r.tally
        var fileRows: [JSON] = []
        for f in inputs.files {
            let c = tally.counts(f.file)
            fileRows.append(
                .object([
                    ("file", .string(f.file)), ("kind", .string(f.kind.rawValue)), ("encoding", .string(f.encoding)),
                    ("delimiter", .string(f.delimiter)),
                    ("rows", .int(f.rows)), ("accepted", .int(c.accepted)), ("rejected", .int(c.rejected)), ("blank", .int(f.blank)),
                    ("sha256", .string(f.sha256)),
                    ("ignored_columns", .array(f.ignoredColumns.map { .string($0) })),
                    ("recognised_by", .string(f.recognisedBy))
                ]))
        }
        let rejected = tally.rejected.map { x -> JSON in
            .object([
                ("file", .string(x.file)), ("line", .int(x.line)), ("column", .str(x.issue.column)),
                ("code", .string(x.issue.code)), ("message", .string(x.issue.message)), ("raw", .string(x.raw))
            ])
        }
        let flags = tally.flags.map { x -> JSON in
            .object([("file", .string(x.file)), ("line", .int(x.line)), ("column", .str(x.flag.column)), ("code", .string(x.flag.code))])
        }
        let lines = r.expenseLines.map { l -> JSON in
            .object([
                ("file", .string(l.ref.file)), ("line", .int(l.ref.line)), ("claim_id", .string(l.row.claimId)),
                ("employee_id", .string(l.row.employeeId)), ("date", .string(l.row.date.description)),
                ("category", .string(l.row.category.rawValue)), ("claimed", .money(l.row.amount)),
                ("approved", .money(l.approved)), ("decision", .string(l.decision.rawValue)), ("late_claim", .bool(l.lateClaim)),
                ("codes", .array(l.codes.map { .string($0) }))
            ])
        }
        let advances = r.advances.map { a -> JSON in
            .object([
                ("advance_id", .string(a.row.advanceId)), ("employee_id", .string(a.row.employeeId)),
                ("date", .string(a.row.date.description)), ("amount", .money(a.row.amount)),
                ("decision", .string(a.decision.rawValue)), ("codes", .array(a.codes.map { .string($0) }))
            ])
        }
        let adjustments = r.adjustments.map { a -> JSON in
            .object([
                ("adjustment_id", .string(a.row.adjustmentId)), ("employee_id", .string(a.row.employeeId)),
                ("date", .string(a.row.date.description)), ("kind", .string(a.row.kind.rawValue)),
                ("amount", .money(a.row.amount)), ("approved_by", .string(a.row.approvedBy)),
                ("reference", .str(a.row.reference))
            ])
        }
        let employees = r.employees.map(employee)
        var totals = (claimed: Money.zero, approved: Money.zero, meal: Money.zero, net: Money.zero, commission: Money.zero, gross: Money.zero)
        for e in r.employees {
            totals.claimed += e.expensesClaimed; totals.approved += e.expensesApproved; totals.meal += e.mealAllowance
            totals.net += e.netPayable; totals.commission += e.commissionSettled; totals.gross += e.grossPay ?? .zero
        }
        let sales = r.customers.map(\.sales).sum()
        let remitted = r.customers.map(\.remitted).sum()
        return .object([
            ("period", .string(r.period.description)),
            ("policy_sha256", .string(policySHA256)),
            ("inputs", .array(fileRows)),
            ("rejected_rows", .array(rejected)),
            ("row_flags", .array(flags)),
            ("expense_lines", .array(lines)),
            ("advances", .array(advances)),
            ("adjustments", .array(adjustments)),
            ("employees", .array(employees)),
            ("quarter", r.quarter.map(quarter) ?? .null),
            ("year", r.year.map(year) ?? .null),
            (
                "totals",
                .object([
                    ("expenses_claimed", .money(totals.claimed)), ("expenses_approved", .money(totals.approved)),
                    ("meal_allowance", .money(totals.meal)), ("net_payable", .money(totals.net)),
                    ("sales", .money(sales)), ("remitted", .money(remitted)),
                    ("commission_settled", .money(totals.commission)), ("gross_pay", .money(totals.gross))
                ])
            ),
            ("outputs", .array(outputs.map { .object([("file", .string($0.file)), ("sha256", .string($0.sha256))]) }))
        ])
    }

    static func employee(_ e: EmployeeResult) -> JSON {
        .object([
            ("employee_id", .string(e.employeeId)), ("name", .string(e.name)), ("region", .string(e.region)),
            ("department", .str(e.department)), ("role", .string(e.role.rawValue)), ("level", .string(e.level.key)),
            ("active", .bool(e.active)),
            ("travel_days", .int(e.travelDays)), ("verified_travel_days", .int(e.verifiedTravelDays)),
            ("unverified_travel_dates", .array(e.unverifiedTravelDates.map { .string($0.description) })),
            ("plan_activity_low_days", .int(e.planActivityLowDays)),
            ("expenses_claimed", .money(e.expensesClaimed)), ("expenses_approved", .money(e.expensesApproved)),
            ("meal_allowance", .money(e.mealAllowance)),
            ("reimbursement_adjustments", .money(e.reimbursementAdjustments)),
            ("commission_adjustments", .money(e.commissionAdjustments)),
            ("reimbursement", .money(e.reimbursement)),
            ("advance_outstanding_before", .money(e.advanceOutstandingBefore)), ("advances_approved", .money(e.advancesApproved)),
            ("advance_repaid", .money(e.advanceRepaid)), ("advance_written_off", .money(e.advanceWrittenOff)),
            ("advance_settled", .money(e.advanceSettled)), ("advance_outstanding_after", .money(e.advanceOutstandingAfter)),
            ("net_payable", .money(e.netPayable)),
            ("sales", .money(e.sales)), ("remitted", .money(e.remitted)),
            ("sales_target", .money(e.salesTarget)), ("remittance_target", .money(e.remittanceTarget)),
            ("attainment", .ratio(e.attainment)), ("sales_attainment", .ratio(e.salesAttainment)),
            ("new_outlets", .int(e.newOutlets)), ("new_outlets_target", .int(e.newOutletsTarget)),
            ("commission_earned", .money(e.commissionEarned)),
            ("commission_deferred_before", .money(e.commissionDeferredBefore)),
            ("commission_settled", .money(e.commissionSettled)),
            ("commission_deferred_balance", .money(e.commissionDeferredBalance)),
            ("commission_forfeited", .money(e.commissionForfeited)), ("forfeited_expenses", .money(e.forfeitedExpenses)),
            ("pay_factor", .rate(e.payFactor)), ("base_pay", .money(e.basePay)), ("gross_pay", .money(e.grossPay)),
            ("activity_share", .ratio(e.activityShare)),
            ("codes", .array(e.codes.map { .string($0) }))
        ])
    }

    static func quarter(_ q: QuarterBlock) -> JSON {
        .object([
            ("quarter", .string(q.label)), ("codes", .array(q.codes.map { .string($0) })),
            (
                "employees",
                .array(
                    q.employees.map { e in
                        .object([
                            ("employee_id", .string(e.employeeId)), ("attainment", .ratio(e.attainment)), ("assessed", .bool(e.assessed)),
                            ("next_pay_factor", .rate(e.nextPayFactor)), ("codes", .array(e.codes.map { .string($0) })),
                            ("remitted", .money(e.remitted)), ("remittance_target", .money(e.target)),
                            ("new_outlets", .int(e.newOutlets)), ("new_outlets_target", .int(e.newOutletsTarget))
                        ])
                    })
            )
        ])
    }

    static func year(_ y: YearBlock) -> JSON {
        .object([
            ("year", .int(y.year)), ("codes", .array(y.codes.map { .string($0) })),
            (
                "employees",
                .array(
                    y.employees.map { e in
                        .object([
                            ("employee_id", .string(e.employeeId)), ("attainment", .ratio(e.attainment)), ("rate", .rate(e.rate)),
                            ("year_total", .money(e.yearTotal)), ("paid", .money(e.paid)), ("bonus", .money(e.bonus)),
                            ("codes", .array(e.codes.map { .string($0) })),
                            ("remitted", .money(e.remitted)), ("remittance_target", .money(e.target))
                        ])
                    })
            )
        ])
    }
}
