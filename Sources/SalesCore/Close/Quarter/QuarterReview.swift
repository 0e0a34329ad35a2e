/// rules.md §7 — quarterly review, at the close of March, June, September and December: the quarter's sums per
/// employee, who is assessed, and the codes (`QtrIncomplete`, `QtrCut`, `QtrRestored`, `QtrReview`, `QtrPromote`).
public enum QuarterReview {
    /// The quarter's figures for one employee: earlier months from the ledger as closed, this month from the close.
    struct Sums {
        var remitted = Money.zero
        var target = Money.zero
        var newOutlets = 0
        var newOutletsTarget = 0
    }

    static func sums(_ ctx: CloseContext, _ e: EmployeeResult) -> Sums {
        var out = Sums()
        for p in ctx.period.quarterMonths {
            if p == ctx.period {
                out.remitted += e.remitted
                out.target += e.remittanceTarget ?? .zero
                out.newOutlets += e.newOutlets
                out.newOutletsTarget += e.newOutletsTarget
            } else if let m = ctx.ledger.months[e.employeeId]?[p] {
                out.remitted += m.remitted
                out.target += m.remittanceTarget ?? .zero
                out.newOutlets += m.newOutlets
                out.newOutletsTarget += m.newOutletsTarget
            }
        }
        return out
    }

    /// The probation ends on hire_date + probation_months (same day number or the month's last day).
    static func probationEnd(_ r: RosterRow, months: Int) -> Day { r.hireDate.adding(months: months) }

    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let period = ctx.period
        guard period.isQuarterEnd else { return }
        let policy = ctx.policy
        let year = period.year, quarter = period.quarter
        let lastDay = period.lastDay

        if QtrIncomplete.applies(ctx) {
            s.result.quarter = QuarterBlock(year: year, quarter: quarter, codes: [QtrIncomplete.code.rawValue], employees: [])
            return
        }

        let thisIndex = year * 4 + quarter - 1
        var listed: [QuarterEmployee] = []
        for id in s.order {
            guard let e = s.employees[id], let r = ctx.roster[id],
                policy.commissionRoles.contains(e.role), r.isActive(on: lastDay)
            else { continue }
            let q = sums(ctx, e)
            let current = ctx.ledger.balances[id]?.payFactor ?? .one
            let onProbation = probationEnd(r, months: policy.probationMonths) > lastDay
            let hasTarget = q.target.fen > 0
            let assessed = !onProbation && hasTarget
            let attainment = hasTarget ? Rational.ratio4(q.remitted.fen, q.target.fen) : nil

            var codes: [String] = []
            var next = current
            var belowCut = false, promoteQualified = false
            if assessed {
                belowCut = QtrCut.isBelow(policy, q)
                if belowCut {
                    codes.append(QtrCut.code.rawValue)
                    next = policy.cutFactor
                } else if QtrRestored.isReached(policy, q) {
                    next = .one
                    if QtrRestored.restores(current) { codes.append(QtrRestored.code.rawValue) }
                }
                promoteQualified = QtrPromote.qualifies(policy, q)

                let prev = ctx.ledger.quarters[id]?.first { $0.index == thisIndex - 1 }
                if QtrReview.applies(belowCut: belowCut, previous: prev) {
                    codes.append(QtrReview.code.rawValue)
                }
                if QtrPromote.applies(qualified: promoteQualified, level: e.level, previous: prev) {
                    codes.append(QtrPromote.code.rawValue)
                }
            }
            listed.append(
                QuarterEmployee(
                    employeeId: id, attainment: attainment, assessed: assessed, nextPayFactor: next,
                    codes: codes, remitted: q.remitted, target: q.target,
                    newOutlets: q.newOutlets, newOutletsTarget: q.newOutletsTarget))
            s.result.quarterOutcomes[id] = QuarterOutcome(
                year: year, quarter: quarter, assessed: assessed, belowCut: belowCut,
                promoteQualified: promoteQualified, level: e.level)
            s.result.balancesAfter[id, default: CarriedBalances()].payFactor = next
            s.update(id) { e in for c in codes { e.raise(c) } }
        }
        s.result.quarter = QuarterBlock(year: year, quarter: quarter, codes: [], employees: listed)
    }
}
