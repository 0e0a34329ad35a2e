/// rules.md §5 — monthly commission: earned on the month's remittances; settled (`ComSettled`) or deferred
/// (`ComDeferred`, `ComNoTarget`) against the remittance target.
///
/// The deferred balance does not cross from December into January (§8: the year total replaces it):
/// January starts from 0 whatever the ledger carries, and December's close carries 0 (PayRule.record).
public enum CommissionRule {
    /// The deferred balance the month starts from.
    static func deferredBefore(_ ctx: CloseContext, _ id: String) -> Money {
        ctx.period.month == 1 ? .zero : (ctx.ledger.balances[id]?.commissionDeferred ?? .zero)
    }

    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let policy = ctx.policy
        for id in s.order {
            guard let emp = s.employees[id] else { continue }
            let before = deferredBefore(ctx, id)
            guard emp.active, policy.commissionRoles.contains(emp.role) else {
                // Not computed this month: whatever the ledger defers stays deferred, unchanged.
                s.update(id) { e in
                    e.commissionDeferredBefore = before
                    e.commissionDeferredBalance = before
                    e.commissionEarned = .zero
                    e.commissionSettled = .zero
                    e.attainment = nil
                }
                continue
            }
            s.update(id) { e in
                let earned = e.remitted.times(policy.commissionRate)
                e.commissionEarned = earned
                e.commissionDeferredBefore = before
                if let t = e.remittanceTarget, t.fen > 0 {
                    e.attainment = Rational.ratio4(e.remitted.fen, t.fen)
                    if ComSettled.isReached(policy, remitted: e.remitted, target: t) {
                        ComSettled.raise(&e, earned: earned, before: before)
                    } else {
                        ComDeferred.raise(&e, earned: earned, before: before)
                    }
                } else {
                    ComNoTarget.raise(&e, earned: earned, before: before)
                }
            }
        }
    }
}
