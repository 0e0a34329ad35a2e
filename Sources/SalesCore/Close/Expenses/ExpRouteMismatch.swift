/// `EXP-ROUTE-MISMATCH` — lodging: for some night the plan has no row, or its city differs from the line's: denied, AUDIT.
public enum ExpRouteMismatch: ExpenseRule {
    public static let code: Code = .expRouteMismatch
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        guard line.row.category == .lodging, line.needsPlan(ctx.policy) else { return .pass }
        for night in line.nights {
            let planned = ctx.planCity(line.row.employeeId, night)
            if planned == nil || planned != line.row.city {
                state.audit[line.row.employeeId, default: []].append(
                    "\(code.rawValue) \(line.ref.file):\(line.ref.line) \(night): plan \(planned ?? "—"), receipt \(line.row.city ?? "—")")
                return .deny(code)
            }
        }
        return .pass
    }
}
