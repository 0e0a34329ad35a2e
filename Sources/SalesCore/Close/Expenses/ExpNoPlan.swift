/// Plan checks apply to `plan_roles`, for lodging and for transport by flight, train, bus or ship.
extension ExpenseLine {
    func needsPlan(_ policy: Policy) -> Bool {
        guard policy.planRoles.contains(employee.role) else { return false }
        switch row.category {
        case .lodging: return true
        case .transport: return [.flight, .train, .bus, .ship].contains(row.transportMode)
        default: return false
        }
    }
}

/// `EXP-NO-PLAN` — no plan row in the ISO week (Monday to Sunday) that holds the line's date.
public enum ExpNoPlan: ExpenseRule {
    public static let code: Code = .expNoPlan
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        guard line.needsPlan(ctx.policy) else { return .pass }
        return ctx.hasPlanWeek(line.row.employeeId, containing: line.row.date) ? .pass : .deny(code)
    }
}
