/// `EXP-FLIGHT-UNAPPROVED` — transport by flight with no gm_approval.
public enum ExpFlightUnapproved: ExpenseRule {
    public static let code: Code = .expFlightUnapproved
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        line.row.category == .transport && line.row.transportMode == .flight && (line.row.gmApproval ?? "").isEmpty ? .deny(code) : .pass
    }
}
