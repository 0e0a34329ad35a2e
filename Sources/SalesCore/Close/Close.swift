/// The close as named stages, data flowing one way (beancount-style): validate → rules → result.
/// Rules collect findings as values with codes; the close throws only when it cannot go on.
public enum Close {
    public struct Stage: Sendable {
        public let name: String
        public let run: @Sendable (CloseContext, inout CloseState) -> Void
    }

    /// rules.md: "across sections the close works out §2, §4, §5 and §9 before it settles advances (§3) and pay (§6)".
    public static let stages: [Stage] = [
        Stage(name: "expenses (§1)", run: ExpenseAudit.apply),
        Stage(name: "travel days and meal allowance (§2)", run: TravelDays.apply),
        Stage(name: "sales and activity (§4)", run: SalesRules.apply),
        Stage(name: "commission (§5)", run: CommissionRule.apply),
        Stage(name: "adjustments (§9)", run: AdjustmentTotals.apply),
        Stage(name: "audit forfeits (§2)", run: AuditForfeit.apply),
        Stage(name: "advances and settlement (§3)", run: Advances.apply),
        Stage(name: "pay (§6)", run: PayRule.apply),
        Stage(name: "quarterly review (§7)", run: QuarterReview.apply),
        Stage(name: "year-end (§8)", run: YearEnd.apply),
        Stage(name: "ledger record", run: LedgerRecord.apply)
    ]

    /// Runs the whole close of `period` over validated inputs.
    /// `inputs` is consumed: hand it over (`Runner` moves it out of its `Prepared`) so validation marks the rows
    /// in place instead of copying a million of them.
    public static func run(
        period: Period, policy: Policy, inputs given: consuming InputSet, ledger: LedgerSnapshot,
        progress: ((String) -> Void)? = nil
    ) -> CloseResult {
        var inputs = given  // a move: the last use of `given`
        let v = Validation.apply(&inputs, period: period, policy: policy, ledger: ledger)
        let ctx = CloseContext(
            period: period, policy: policy, ledger: ledger, inputs: inputs,
            lateClaimRefs: v.lateClaims, possibleDuplicates: v.possibleDuplicates)
        var state = CloseState(result: CloseResult(period: period, policy: policy, inputs: inputs))
        state.result.sales = ctx.salesFold
        if let streamed = inputs.streamedSales { state.result.orderLines = streamed.intake.store }
        state.result.hasVisits = ctx.hasVisits
        Employees.populate(ctx, &state)
        for stage in stages {
            progress?(stage.name)
            stage.run(ctx, &state)
        }
        state.result.employees = state.order.compactMap { state.employees[$0] }
        state.result.storedTally = InputTally(state.result.inputs)
        return state.result
    }
}
