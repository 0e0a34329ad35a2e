/// `EXP-MEALS-ALLOWANCE` — meals are paid as the daily allowance of §2, not by receipt.
public enum ExpMealsAllowance: ExpenseRule {
    public static let code: Code = .expMealsAllowance
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        line.row.category == .meals ? .deny(code) : .pass
    }
}
