/// `QTR-REVIEW` — below the cut this quarter and in the preceding one (assessed both times): for transfer,
/// dismissal or demotion.
public enum QtrReview: Rule {
    public static let code: Code = .qtrReview
    static func applies(belowCut: Bool, previous prev: QuarterOutcome?) -> Bool {
        if belowCut, let p = prev, p.assessed, p.belowCut { return true }
        return false
    }
}
