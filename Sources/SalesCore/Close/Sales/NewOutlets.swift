/// rules.md §4 — new outlets per employee: customers of the employee's sales lines that are new, by the period's
/// new-customer cell or, where no row gives it, by the ledger (no sales before, once a month has been closed).
public enum NewOutlets {
    static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        // What the period's rows say about each customer (any employee): nil when no row gives the cell.
        let fold = ctx.salesFold
        var said: [String: Bool] = [:]
        for c in fold.customers { if let v = c.said { said[c.id] = v } }
        let hasEarlierClosed = ctx.ledger.closedPeriods.contains { $0 < ctx.period }
        func isNew(_ c: String) -> Bool {
            if let v = said[c] { return v }
            return hasEarlierClosed && ctx.ledger.customers[c]?.hadSales != true
        }
        for emp in fold.employeeOrder {
            let n = fold.employees[emp]!.customers.filter { isNew(fold.customers[$0].id) }.count
            s.update(emp) { $0.newOutlets = n }
        }
    }
}
