/// `QTR-INCOMPLETE` — a month of the quarter before this one was never closed: nobody is assessed, and the quarter
/// block carries the code with no employees.
public enum QtrIncomplete: Rule {
    public static let code: Code = .qtrIncomplete
    static func applies(_ ctx: CloseContext) -> Bool {
        let period = ctx.period
        return period.quarterMonths.contains { $0 != period && !ctx.ledger.isClosed($0) }
    }
}
