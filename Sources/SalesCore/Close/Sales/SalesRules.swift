/// rules.md §4 — sales, remittances, receivables, SAL-AMOUNT-MISMATCH, new outlets, activity and plan compliance.
public enum SalesRules {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        creditSalesAndRemittances(ctx, &s)
        Targets.apply(ctx, &s)
        Receivables.apply(ctx, &s)
        NewOutlets.apply(ctx, &s)
        Activity.apply(ctx, &s)
        PlanMissingWeek.apply(ctx, &s)
    }

    // MARK: sales, remittances, SAL-AMOUNT-MISMATCH

    static func creditSalesAndRemittances(_ ctx: CloseContext, _ s: inout CloseState) {
        let fold = ctx.salesFold
        s.result.salesMismatches.append(contentsOf: fold.mismatches)
        for id in fold.employeeOrder {
            let f = fold.employees[id]!
            s.update(id) { e in
                e.sales += f.sales
                e.remitted += f.remitted
                SalAmountMismatch.raise(&e, f.mismatchNotes)
            }
        }
        for (_, row) in ctx.remittances {
            if countsForEmployee(ctx, row) {
                s.update(row.employeeId) { $0.remitted += row.amount }
            } else if let who = ctx.roster[row.employeeId] {
                s.result.unattributedRemittances.append(
                    UnattributedRemittance(
                        employeeId: who.employeeId, name: who.name, region: who.region, department: who.department,
                        customerId: row.customerId, date: row.date, amount: row.amount))
            }
        }
    }

    /// A remittance counts for the employee only on a day they were active (inputs.md, roster).
    static func countsForEmployee(_ ctx: CloseContext, _ row: RemittanceRow) -> Bool {
        ctx.roster[row.employeeId]?.isActive(on: row.date) ?? false
    }
}
