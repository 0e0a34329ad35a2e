/// `EXP-UNSIGNED` — a handwritten receipt needs the direct manager's signature (manager_id or the
/// manager's exact roster name); an employee with no manager needs gm_approval.
public enum ExpUnsigned: ExpenseRule {
    public static let code: Code = .expUnsigned
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        guard line.row.receiptKind == .handwritten else { return .pass }
        guard let manager = line.employee.managerId, !manager.isEmpty else {
            return (line.row.gmApproval ?? "").isEmpty ? .deny(code) : .pass
        }
        let signer = line.row.approvedBy ?? ""
        if signer.isEmpty { return .deny(code) }
        if signer == manager { return .pass }
        if let m = ctx.roster[manager], signer == m.name { return .pass }
        return .deny(code)
    }
}
