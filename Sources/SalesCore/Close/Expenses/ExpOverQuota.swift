/// `EXP-OVER-QUOTA` — entertainment and communication have a monthly quota per role, per employee.
/// The part of a line above what is left is cut, unless the line has gm_approval: then it is approved
/// whole, still counts against the quota, and carries the code as a flag where it went past what was left.
public enum ExpOverQuota: ExpenseRule {
    public static let code: Code = .expOverQuota
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        let cat = line.row.category
        guard cat == .entertainment || cat == .communication else { return .pass }
        let quota = ctx.policy.monthlyQuota[cat]?[line.employee.role] ?? .zero
        let month = line.row.date.period
        let used = state.quotaUsed[line.row.employeeId]?[month]?[cat] ?? .zero
        let left = (quota - used).max(.zero)
        let amount = line.approved
        if !(line.row.gmApproval ?? "").isEmpty {
            state.quotaUsed[line.row.employeeId, default: [:]][month, default: [:]][cat] = used + amount
            return amount > left ? .flag(code) : .pass
        }
        let granted = amount.min(left)
        state.quotaUsed[line.row.employeeId, default: [:]][month, default: [:]][cat] = used + granted
        return granted < amount ? .reduce(code, granted) : .pass
    }
}
