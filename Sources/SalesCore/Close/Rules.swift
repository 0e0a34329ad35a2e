/// Every rule of rules.md §1–§9, one type per code, in the order rules.md gives them. Each stands in
/// `Close/<Section>/<Type>.swift`; the stages of `Close.stages` run them (§1's in `ExpenseAudit.rules`).
public enum Rules {
    public static let all: [any Rule.Type] = [
        // §1 expenses
        ExpLate.self, ExpNoReceipt.self, ExpReceiptExplained.self, ExpUnsigned.self, ExpMealsAllowance.self,
        ExpFlightUnapproved.self, ExpNoPlan.self, ExpRouteMismatch.self, ExpNotTravelling.self, ExpDoubleLodging.self,
        ExpLodgingCap.self, ExpOverQuota.self, ExpPossibleDuplicate.self,
        // §2 travel days and audit
        AttTravelDaysLow.self, AttTravelUnverified.self, Audit.self, AuditForfeit.self,
        // §3 advances
        AdvNotEligible.self, AdvLateClaim.self, AdvOverLimit.self,
        // §4 sales and activity
        SalAmountMismatch.self, PlanActivityLow.self, PlanMissingWeek.self, ActBelowStandard.self,
        // §5 commission
        ComNoTarget.self, ComSettled.self, ComDeferred.self,
        // §7 quarterly review
        QtrCut.self, QtrRestored.self, QtrReview.self, QtrPromote.self, QtrIncomplete.self,
        // §8 year-end
        YrBonus.self, YrIncomplete.self,
        // §9 adjustments
        AdjUnauthorised.self, AdjExceedsBalance.self
    ]
}
