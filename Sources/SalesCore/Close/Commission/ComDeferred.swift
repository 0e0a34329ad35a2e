/// `COM-DEFERRED` — below settle_threshold of the month's remittance target (or no target, `ComNoTarget`):
/// nothing is settled, and the month's commission is added to the deferred balance.
public enum ComDeferred: Rule {
    public static let code: Code = .comDeferred
    static func raise(_ e: inout EmployeeResult, earned: Money, before: Money) {
        e.raise(code.rawValue)
        e.commissionSettled = .zero
        e.commissionDeferredBalance = before + earned
    }
}
