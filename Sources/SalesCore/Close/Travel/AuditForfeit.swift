/// rules.md §2 — `AUDIT-FORFEIT`: with forfeit_on_audit, an audited employee forfeits the approved lodging and
/// transport lines paid in this close and the month's meal allowance, and the commission settled in the month.
public enum AuditForfeit: Rule {
    public static let code: Code = .auditForfeit
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        guard ctx.policy.forfeitOnAudit else { return }
        var travelPaid: [String: Money] = [:]
        for l in s.result.expenseLines where l.row.category == .lodging || l.row.category == .transport {
            travelPaid[l.row.employeeId, default: .zero] += l.approved
        }
        for id in s.order where s.employees[id]?.codes.contains(Audit.code.rawValue) == true {
            s.update(id) { e in
                e.raise(code.rawValue)
                e.forfeitedExpenses = (travelPaid[id] ?? .zero) + e.mealAllowance
                e.commissionForfeited = e.commissionSettled
            }
        }
    }
}
