/// `EXP-POSSIBLE-DUPLICATE` — no receipt_no, and the same employee, date, category and amount as an earlier line:
/// a flag for finance, whatever the decision. Validation finds the lines (`Validation.Outcome.possibleDuplicates`);
/// `ExpenseAudit` adds the flag after the rules have judged the line.
public enum ExpPossibleDuplicate: Rule {
    public static let code: Code = .expPossibleDuplicate
}
