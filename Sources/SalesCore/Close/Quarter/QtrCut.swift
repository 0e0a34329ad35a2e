/// `QTR-CUT` — an assessed employee below quarter_cut_threshold of the quarter's remittance target: next quarter's
/// pay factor is cut_factor.
public enum QtrCut: Rule {
    public static let code: Code = .qtrCut
    static func isBelow(_ policy: Policy, _ q: QuarterReview.Sums) -> Bool {
        !policy.quarterCutThreshold.isReached(actual: q.remitted.fen, target: q.target.fen)
    }
}
