/// rules.md §3 — settlement at the close: the reimbursement (approved expenses, meal allowance, less forfeits,
/// with §9's reimbursement adjustments; never below zero) first settles the outstanding advance, the rest is
/// net payable; the balance left is carried.
public enum Settlement {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        for id in s.order {
            s.update(id) { e in
                e.advanceOutstandingBefore = ctx.ledger.balances[id]?.advanceOutstanding ?? .zero
                e.reimbursement = (e.expensesApproved + e.mealAllowance - e.forfeitedExpenses + e.reimbursementAdjustments).max(.zero)
                let outstanding = e.advanceOutstandingBefore + e.advancesApproved - e.advanceRepaid - e.advanceWrittenOff
                e.advanceSettled = outstanding.min(e.reimbursement).max(.zero)
                e.netPayable = e.reimbursement - e.advanceSettled
                e.advanceOutstandingAfter = outstanding - e.advanceSettled
            }
            let after = s.employees[id]?.advanceOutstandingAfter ?? .zero
            s.result.balancesAfter[id, default: CarriedBalances()].advanceOutstanding = after
        }
    }
}
