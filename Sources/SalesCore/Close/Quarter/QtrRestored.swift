/// `QTR-RESTORED` — an assessed employee at quarter_restore_threshold of the quarter's target gets the full pay
/// factor back; the code is raised only where the factor in force was below 1.
public enum QtrRestored: Rule {
    public static let code: Code = .qtrRestored
    static func isReached(_ policy: Policy, _ q: QuarterReview.Sums) -> Bool {
        policy.quarterRestoreThreshold.isReached(actual: q.remitted.fen, target: q.target.fen)
    }
    static func restores(_ current: Rate) -> Bool { current < .one }
}
