/// `QTR-PROMOTE` — promote_threshold of the remittance target and the new outlets target met this quarter and the
/// preceding one (assessed both times): a candidate for one level up, unless already at level 1.
public enum QtrPromote: Rule {
    public static let code: Code = .qtrPromote
    static func qualifies(_ policy: Policy, _ q: QuarterReview.Sums) -> Bool {
        policy.promoteThreshold.isReached(actual: q.remitted.fen, target: q.target.fen)
            && q.newOutlets >= q.newOutletsTarget
    }
    static func applies(qualified promoteQualified: Bool, level: Level, previous prev: QuarterOutcome?) -> Bool {
        // Quarters before a change of level do not count: the preceding quarter must have been
        // recorded (at its close) at the employee's current roster level.
        if promoteQualified, level != .numbered(1), let p = prev, p.assessed, p.promoteQualified, p.level == level { return true }
        return false
    }
}
