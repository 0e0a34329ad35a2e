/// `COM-SETTLED` — remitted at least settle_threshold of the month's remittance target: the month's commission is
/// settled with whatever was deferred before, and nothing stays deferred.
public enum ComSettled: Rule {
    public static let code: Code = .comSettled
    static func isReached(_ policy: Policy, remitted: Money, target: Money) -> Bool {
        policy.settleThreshold.isReached(actual: remitted.fen, target: target.fen)
    }
    static func raise(_ e: inout EmployeeResult, earned: Money, before: Money) {
        e.raise(code.rawValue)
        e.commissionSettled = earned + before
        e.commissionDeferredBalance = .zero
    }
}
