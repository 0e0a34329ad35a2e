/// `ADV-NOT-ELIGIBLE` — only advance_roles may draw travel advances: a request of any other role (or of an
/// employee outside the roster) is denied.
public enum AdvNotEligible: AdvanceRule {
    public static let code: Code = .advNotEligible
    static func denies(_ request: AdvanceRequest, _ ctx: CloseContext) -> Bool {
        let role = request.role
        return role == nil || !ctx.policy.advanceRoles.contains(role!)
    }
}
