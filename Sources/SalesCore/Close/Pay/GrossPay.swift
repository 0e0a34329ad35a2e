/// rules.md §6 — gross pay of pay_roles employees active in the month: (base salary + performance pay of the level)
/// × the pay factor in force, plus the commission settled, less the commission forfeited, plus §9's commission
/// adjustments. Outside pay_roles, and for leavers, the pay fields are null.
public enum GrossPay {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let policy = ctx.policy
        for id in s.order {
            guard let emp = s.employees[id] else { continue }
            guard emp.active, policy.payRoles.contains(emp.role) else {
                s.update(id) { e in
                    e.payFactor = nil; e.basePay = nil; e.performancePay = nil; e.baseSalary = nil; e.basePayAfterFactor = nil; e.grossPay = nil
                }
                continue
            }
            let factor = PayRule.currentFactor(ctx, id)
            s.update(id) { e in
                let perf = policy.performancePay[e.level] ?? .zero
                let base = policy.baseSalary + perf
                e.performancePay = perf
                e.basePay = base
                e.payFactor = factor
                e.baseSalary = policy.baseSalary
                e.basePayAfterFactor = base.times(factor)
                e.grossPay = base.times(factor) + e.commissionSettled - e.commissionForfeited + e.commissionAdjustments
            }
        }
    }
}
