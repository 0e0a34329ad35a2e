/// `ADV-LATE-CLAIM` — an employee who claimed last month's travel expenses late (or not at all) gets no advance
/// this month (`Advances.lateClaimantsOfPrevious`).
public enum AdvLateClaim: AdvanceRule {
    public static let code: Code = .advLateClaim
    static func denies(_ request: AdvanceRequest, _ ctx: CloseContext) -> Bool {
        request.lateClaimants.contains(request.row.employeeId)
    }
}
