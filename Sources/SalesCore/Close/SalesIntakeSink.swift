/// The sales rows the ingest reads, handed on in reading order as they are typed (issue 11: the ingest names no
/// rule; the caller supplies what takes them). The close passes a `SalesIntakeSink`.
public protocol SalesRowSink: AnyObject {
    /// Once, before the first sales row: the roster rows read (the roster is read before the sales) and roughly how
    /// many sales rows the files hold.
    func begin(roster: inout [InputRow<RosterRow>], expectedRows: Int)
    /// A sales row as read, typed or with its issue. true: taken (accepted, held by the sink); false: the ingest keeps
    /// it in `InputSet.sales` (the sink may have rejected it).
    func take(_ row: inout InputRow<SaleRow>) -> Bool
    /// After the last sales row: the sink's result goes into the set.
    func finish(into set: inout InputSet)
}

/// The sales intake over rows as the ingest reads them: checks and folds each (`SalesIntake`, made with the first row
/// that parses), so only the rejected rows are kept, and notes the months of the rows that parsed.
public final class SalesIntakeSink: SalesRowSink {
    /// The period being closed; nil: the month of the first row that parses.
    let period: Period?
    let makeStore: () -> OrderLineStore
    var roster: [String: RosterRow] = [:]
    var expected = 0
    var intake: SalesIntake?
    var months: Set<Period> = []
    var lastMonth: Period? = nil

    public init(period: Period?, makeStore: @escaping () -> OrderLineStore) {
        self.period = period; self.makeStore = makeStore
    }

    public func begin(roster rows: inout [InputRow<RosterRow>], expectedRows: Int) {
        roster = Validation.rosterIndex(&rows)
        expected = expectedRows
    }

    public func take(_ row: inout InputRow<SaleRow>) -> Bool {
        if let v = row.value, row.issue == nil, v.date.period != lastMonth {
            lastMonth = v.date.period
            months.insert(v.date.period)
        }
        if intake == nil, let v = row.accepted {
            intake = SalesIntake(roster: roster, period: period ?? v.date.period, store: makeStore(), expectedLines: expected)
        }
        // In place: the intake is never copied. A line store that fails (a full disk) is reported by the runner.
        if intake != nil, intake!.take(&row) { return true }
        // Its money cells back (a streamed row that parsed came without them), for the rejected sums.
        if row.money.isEmpty, let v = row.value { row.money = SalesIntake.moneyCells(of: v) }
        return false
    }

    public func finish(into set: inout InputSet) {
        guard intake != nil else { return }
        intake!.finish()
        set.streamedSales = StreamedSales(intake: intake!, streamed: true, months: months)
    }
}
