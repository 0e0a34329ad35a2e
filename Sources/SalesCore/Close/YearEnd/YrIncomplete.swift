/// `YR-INCOMPLETE` — a month of the year before December was never closed: the year-end commission is not computed,
/// and the year block carries the code with no employees.
public enum YrIncomplete: Rule {
    public static let code: Code = .yrIncomplete
    static func applies(_ ctx: CloseContext, _ months: [Period]) -> Bool {
        let period = ctx.period
        return months.contains(where: { $0 != period && !ctx.ledger.isClosed($0) })
    }
}
