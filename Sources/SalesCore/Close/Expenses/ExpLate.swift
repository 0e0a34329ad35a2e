/// `EXP-LATE` — submitted after day `claim_deadline_day` of the month after the line's month, or a late claim.
public enum ExpLate: ExpenseRule {
    public static let code: Code = .expLate
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        line.late || line.row.submittedOn > deadline(for: line.row.date, ctx.policy) ? .flag(code) : .pass
    }
    /// Day `claim_deadline_day` of the month after `date`'s month (the month's last day where it has no such day).
    public static func deadline(for date: Day, _ policy: Policy) -> Day {
        let next = date.period.next
        let d = Swift.min(Swift.max(policy.claimDeadlineDay, 1), Day.daysIn(year: next.year, month: next.month))
        return Day(year: next.year, month: next.month, day: d)!
    }
}
