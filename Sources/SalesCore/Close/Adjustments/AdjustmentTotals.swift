/// rules.md §9 — reimbursement and commission adjustments, added to the month's figures (signed).
public enum AdjustmentTotals {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        for (_, a) in ctx.adjustments {
            switch a.kind {
            case .reimbursement: s.update(a.employeeId) { $0.reimbursementAdjustments += a.amount }
            case .commission: s.update(a.employeeId) { $0.commissionAdjustments += a.amount }
            case .advance_repaid, .advance_written_off: break  // §3 takes these in date order
            }
        }
    }
}
