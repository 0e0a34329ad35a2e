/// rules.md §4 — the month's targets of each employee (sales, remittance, new outlets) and the sales attainment.
public enum Targets {
    static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        for id in s.order {
            let t = ctx.target(id, ctx.period)
            s.update(id) { e in
                e.salesTarget = t?.salesTarget
                e.remittanceTarget = t?.remittanceTarget
                e.newOutletsTarget = t?.newOutletsTarget ?? 0
                if let st = t?.salesTarget, st.fen > 0 {
                    e.salesAttainment = Rational.ratio4(e.sales.fen, st.fen)
                } else {
                    e.salesAttainment = nil
                }
            }
        }
    }
}
