/// `ADJ-EXCEEDS-BALANCE` — a repayment or write-off above the employee's outstanding advance at that point (§3 takes
/// them in date order with the requests): the adjustment row is rejected and changes nothing.
public enum AdjExceedsBalance: Rule {
    public static let code: Code = .adjExceedsBalance
    static func exceeds(_ a: AdjustmentRow, _ before: Money) -> Bool { a.amount > before }
    static func reject(_ ref: RowRef, _ a: AdjustmentRow, _ before: Money, _ s: inout CloseState) {
        if let i = s.result.inputs.adjustments.firstIndex(where: { $0.ref == ref }) {
            s.result.inputs.adjustments[i].reject(
                code.rawValue, column: "amount",
                "amount \(a.amount) is more than the outstanding advance of \(a.employeeId) at that point (\(before))")
        }
    }
}
