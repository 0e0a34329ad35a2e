/// `ADV-OVER-LIMIT` — the outstanding balance at that point plus the request above advance_limit: denied.
public enum AdvOverLimit: AdvanceRule {
    public static let code: Code = .advOverLimit
    static func denies(_ request: AdvanceRequest, _ ctx: CloseContext) -> Bool {
        request.balance + request.row.amount > ctx.policy.advanceLimit
    }
}
