/// `YR-BONUS` — with a year's remittance target: the year-end commission (the year's remittances × the rate of the
/// tier the attainment reaches) less the commission paid month by month; the balance, never below zero, is paid
/// once as the general manager's award.
public enum YrBonus: Rule {
    public static let code: Code = .yrBonus
    static func employee(_ id: String, _ policy: Policy, remitted: Money, target: Money, paid: Money) -> YearEmployee {
        let rate = policy.yearEndRate(actual: remitted.fen, target: target.fen)
        let total = remitted.times(rate)
        let bonus = (total - paid).max(.zero)
        return YearEmployee(
            employeeId: id, attainment: Rational.ratio4(remitted.fen, target.fen), rate: rate,
            yearTotal: total, paid: paid, bonus: bonus, codes: [code.rawValue],
            remitted: remitted, target: target)
    }
}
