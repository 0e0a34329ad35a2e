/// rules.md §6 — pay inputs; and what the ledger keeps per employee and month (`monthsAfter`,
/// the deferred commission and pay factor of `balancesAfter`), written here because §9 and the
/// audit forfeits have set commission adjustments and forfeits by now. §7 overwrites the pay factor
/// carried at a quarter's close.
public enum PayRule {
    /// The pay factor in force this month, from the ledger.
    static func currentFactor(_ ctx: CloseContext, _ id: String) -> Rate {
        ctx.ledger.balances[id]?.payFactor ?? .one
    }

    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let policy = ctx.policy
        for id in s.order {
            guard let emp = s.employees[id] else { continue }
            guard emp.active, policy.payRoles.contains(emp.role) else {
                s.update(id) { e in e.payFactor = nil; e.basePay = nil; e.performancePay = nil; e.baseSalary = nil; e.basePayAfterFactor = nil; e.grossPay = nil }
                continue
            }
            let factor = currentFactor(ctx, id)
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
        record(ctx, &s)
    }

    /// monthsAfter for every employee present, and the carried deferred commission and pay factor.
    static func record(_ ctx: CloseContext, _ s: inout CloseState) {
        let december = ctx.period.month == 12
        for id in s.order {
            guard let e = s.employees[id] else { continue }
            var m = EmployeeMonth()
            m.remitted = e.remitted
            m.sales = e.sales
            m.remittanceTarget = e.remittanceTarget
            m.salesTarget = e.salesTarget
            m.newOutlets = e.newOutlets
            m.newOutletsTarget = e.newOutletsTarget
            m.commissionEarned = e.commissionEarned
            m.commissionSettled = e.commissionSettled
            m.commissionForfeited = e.commissionForfeited
            m.commissionAdjusted = e.commissionAdjustments
            m.commissionDeferredAfter = e.commissionDeferredBalance
            m.payFactor = currentFactor(ctx, id)
            m.level = e.level
            m.travelDays = e.travelDays
            s.result.monthsAfter[id] = m

            s.result.balancesAfter[id, default: CarriedBalances()].commissionDeferred = december ? .zero : e.commissionDeferredBalance
            s.result.balancesAfter[id, default: CarriedBalances()].payFactor = currentFactor(ctx, id)
        }
        // Ledger balances of anyone not listed this month are carried as they stand.
        for (id, b) in ctx.ledger.balances where s.employees[id] == nil && s.result.balancesAfter[id] == nil {
            var carried = b
            if december || ctx.period.month == 1 { carried.commissionDeferred = .zero }
            s.result.balancesAfter[id] = carried
        }
    }
}
