/// rules.md §4 — receivables per customer, across periods: the ledger's balance plus the period's sales less its
/// remittances, largest first.
public enum Receivables {
    static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let fold = ctx.salesFold
        var ids = Set(ctx.ledger.customers.keys)
        var sales: [String: Money] = [:], remitted: [String: Money] = [:]
        var regions: [String: Set<String>] = [:]
        var latestName: [String: (name: String, day: Day)] = [:]
        for c in fold.customers {
            ids.insert(c.id)
            sales[c.id] = c.sales
            remitted[c.id] = c.remitted
            let names = fold.regions(of: c)
            if !names.isEmpty { regions[c.id] = Set(names) }
            if let l = c.latest { latestName[c.id] = l }
        }
        for (_, row) in ctx.remittances {
            ids.insert(row.customerId)
            remitted[row.customerId, default: .zero] += row.amount
            if let r = ctx.roster[row.employeeId]?.region { regions[row.customerId, default: []].insert(r) }
        }
        var out: [CustomerResult] = []
        for id in ids {
            let before = ctx.ledger.customers[id]?.receivable ?? .zero
            let sl = sales[id] ?? .zero, rm = remitted[id] ?? .zero
            out.append(
                CustomerResult(
                    customerId: id, name: latestName[id]?.name ?? ctx.ledger.customers[id]?.name,
                    receivableBefore: before, sales: sl, remitted: rm, receivableAfter: before + sl - rm,
                    regions: (regions[id] ?? []).sorted()))
        }
        out.sort { a, b in
            a.receivableAfter != b.receivableAfter ? a.receivableAfter > b.receivableAfter : a.customerId < b.customerId
        }
        s.result.customers = out
    }
}
