/// rules.md §8 — year-end, at the close of December: the year's remittances, target and commission paid per
/// employee (earlier months from the ledger as closed), and the codes (`YrIncomplete`, `YrBonus`).
public enum YearEnd {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let period = ctx.period
        guard period.month == 12 else { return }
        let policy = ctx.policy
        let months = (1...12).map { Period(year: period.year, month: $0)! }
        if YrIncomplete.applies(ctx, months) {
            s.result.year = YearBlock(year: period.year, codes: [YrIncomplete.code.rawValue], employees: [])
            return
        }
        let dec31 = period.lastDay
        var listed: [YearEmployee] = []
        for id in s.order {
            guard let e = s.employees[id], let r = ctx.roster[id],
                policy.commissionRoles.contains(e.role), r.isActive(on: dec31)
            else { continue }
            var remitted = Money.zero, target = Money.zero, paid = Money.zero
            for p in months {
                if p == period {
                    remitted += e.remitted
                    target += e.remittanceTarget ?? .zero
                    paid += e.commissionSettled - e.commissionForfeited + e.commissionAdjustments
                } else if let m = ctx.ledger.months[id]?[p] {
                    remitted += m.remitted
                    target += m.remittanceTarget ?? .zero
                    paid += m.commissionSettled - m.commissionForfeited + m.commissionAdjusted
                }
            }
            guard target.fen > 0 else {
                listed.append(
                    YearEmployee(
                        employeeId: id, attainment: nil, rate: nil, yearTotal: nil, paid: nil, bonus: nil,
                        codes: [], remitted: remitted, target: target))
                continue
            }
            listed.append(YrBonus.employee(id, policy, remitted: remitted, target: target, paid: paid))
            s.update(id) { $0.raise(YrBonus.code.rawValue) }
        }
        s.result.year = YearBlock(year: period.year, codes: [], employees: listed)
    }
}
