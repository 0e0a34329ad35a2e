/// One month of the dashboard's trend: what the ledger kept of a closed month, or this close's figures.
public struct TrendPoint: Sendable, Hashable {
    public var period: Period
    public var sales: Money
    public var remitted: Money
    /// The remittance targets summed over the month's employees.
    public var target: Money
    /// The sales targets summed (nil: not known for that month).
    public var salesTarget: Money?
    public var newOutlets: Int?
    public var travelDays: Int?
    public init(
        period: Period, sales: Money, remitted: Money, target: Money, salesTarget: Money? = nil,
        newOutlets: Int? = nil, travelDays: Int? = nil
    ) {
        self.period = period; self.sales = sales; self.remitted = remitted; self.target = target
        self.salesTarget = salesTarget; self.newOutlets = newOutlets; self.travelDays = travelDays
    }
}

extension CloseResult {
    /// The last closed months before this one (up to 11), summed over the ledger's employees, then this month as
    /// `companyAchievement` sums it (the leavers' remittances included); empty when no month was closed before.
    public func trend(_ ledger: LedgerSnapshot) -> [TrendPoint] {
        let earlier = ledger.closedPeriods.filter { $0 < period }.suffix(11)
        guard !earlier.isEmpty else { return [] }
        var out: [TrendPoint] = []
        for p in earlier {
            var sales = Money.zero, remitted = Money.zero, target = Money.zero, salesTarget = Money.zero
            var outlets = 0, travel = 0
            for (_, months) in ledger.months {
                guard let m = months[p] else { continue }
                sales += m.sales; remitted += m.remitted; target += m.remittanceTarget ?? .zero
                salesTarget += m.salesTarget ?? .zero; outlets += m.newOutlets; travel += m.travelDays
            }
            out.append(
                TrendPoint(
                    period: p, sales: sales, remitted: remitted, target: target, salesTarget: salesTarget,
                    newOutlets: outlets, travelDays: travel))
        }
        let company = companyAchievement
        out.append(
            TrendPoint(
                period: period, sales: company.sales, remitted: company.remitted,
                target: company.remittanceTarget ?? .zero, salesTarget: company.salesTarget,
                newOutlets: company.newOutlets, travelDays: employees.reduce(0) { $0 + $1.travelDays }))
        return out
    }
}
