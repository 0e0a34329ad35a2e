/// `COM-NO-TARGET` — no remittance target (or a zero one) this month: no attainment, and the commission is
/// deferred (COM-DEFERRED too).
public enum ComNoTarget: Rule {
    public static let code: Code = .comNoTarget
    static func raise(_ e: inout EmployeeResult, earned: Money, before: Money) {
        e.attainment = nil
        e.raise(code.rawValue)
        ComDeferred.raise(&e, earned: earned, before: before)
    }
}
