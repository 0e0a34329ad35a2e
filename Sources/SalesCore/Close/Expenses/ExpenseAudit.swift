/// rules.md §1 — the expense audit stage: lines in order of date, then file, then line.
public enum ExpenseAudit {
    /// The rules in the order rules.md gives them. Transport and other lines that pass them all are paid as claimed (实报).
    public static let rules: [any ExpenseRule.Type] = [
        ExpLate.self, ExpNoReceipt.self, ExpUnsigned.self, ExpMealsAllowance.self, ExpFlightUnapproved.self,
        ExpNoPlan.self, ExpRouteMismatch.self, ExpNotTravelling.self, ExpDoubleLodging.self, ExpLodgingCap.self,
        ExpOverQuota.self
    ]

    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        var book = ExpenseLedger()
        var paidHere = Set<PeriodRecord.EmpDay>()
        if let prev = ctx.ledger.previous {
            book.nightsPaid = prev.lodgingNightsPaid
            for (e, byCat) in prev.quotaUsed { book.quotaUsed[e, default: [:]][prev.period] = byCat }
        }
        let lines = ctx.expenses.sorted { ($0.row.date, $0.ref) < ($1.row.date, $1.ref) }
        for l in lines {
            guard let emp = ctx.roster[l.row.employeeId] else { continue }
            var line = ExpenseLine(ref: l.ref, row: l.row, employee: emp, late: l.late, possibleDuplicate: l.possibleDuplicate, approved: l.row.amount)
            var codes: [String] = []
            var decision = ExpenseDecision.approved
            judging: for rule in rules {
                switch rule.judge(line, ctx, &book) {
                case .pass: break
                case .flag(let c): codes.append(c.rawValue)
                case .deny(let c):
                    codes.append(c.rawValue); decision = .denied; line.approved = .zero
                    break judging
                case .reduce(let c, let m):
                    codes.append(c.rawValue)
                    if m <= .zero { decision = .denied; line.approved = .zero; break judging }
                    decision = .reduced; line.approved = m
                }
            }
            if line.possibleDuplicate { codes.append(ExpPossibleDuplicate.code.rawValue) }
            if line.row.category == .lodging && decision != .denied {
                for n in line.nights {
                    book.nightsPaid.insert(.init(emp.employeeId, n)); paidHere.insert(.init(emp.employeeId, n))
                }
            }
            s.result.expenseLines.append(
                ExpenseLineResult(
                    ref: l.ref, row: l.row, lateClaim: l.late, decision: decision,
                    approved: line.approved, codes: codes, role: emp.role))
            s.update(emp.employeeId) { e in
                e.expensesClaimed += l.row.amount
                e.expensesApproved += line.approved
            }
        }
        Audit.raise(book.audit, &s)
        s.result.record.lodgingNightsPaid = paidHere
        s.result.record.quotaUsed = book.quotaUsed.compactMapValues { $0[ctx.period] }
    }
}
