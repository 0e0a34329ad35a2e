/// The sales rows' checks and fold, one row at a time (inputs.md "Errors", in validation's order: unknown employee,
/// other period, not active, duplicate key (order_id, line_no)), so the ingest can validate and fold a sales file
/// as it reads it and keep only the rejected rows. Close runs the same intake over rows held in memory.
public struct SalesIntake: Sendable {
    let checks: RowChecks
    private var keys: DigestSet
    public private(set) var fold = SalesFold()
    public let store: OrderLineStore
    private let keepsLines: Bool
    /// Accepted rows per file, their money cells and flags (what the tally counts for rows not kept).
    public var acceptedByFile: [String: InputTally.File] {
        var out = doneFiles
        if let f = currentFile { out[f] = current }
        return out
    }
    private var doneFiles: [String: InputTally.File] = [:]
    private var currentFile: String? = nil
    private var current = InputTally.File()
    public private(set) var acceptedFlags: [InputTally.Flagged] = []

    public init(roster: [String: RosterRow], period: Period, store: OrderLineStore, expectedLines: Int) {
        self.init(checks: RowChecks(roster: roster, period: period), store: store, expectedLines: expectedLines)
    }

    init(checks: RowChecks, store: OrderLineStore, expectedLines: Int) {
        self.checks = checks; self.store = store
        keepsLines = store.keepsLines
        keys = DigestSet(expected: expectedLines)
    }

    public var period: Period { checks.period }

    /// Checks one row (rejecting it in place, the first failed check standing); an accepted row is folded and its
    /// line stored for the region workbooks. Returns whether the row is accepted. A store that cannot write throws.
    @discardableResult
    public mutating func take(_ row: inout InputRow<SaleRow>) -> Bool {
        guard let s = row.accepted, let r = checks.employee(&row, s.employeeId),
            checks.inPeriod(&row, s.date), checks.active(&row, r, s.date)
        else { return false }
        if !keys.insert(s.orderId, s.lineNo) {
            row.reject(Code.rowDuplicate.rawValue, column: nil, "order \(s.orderId) line \(s.lineNo) already stands on an earlier row")
            return false
        }
        let g = fold.add(row.ref, s, region: r.region)
        // Lines wait in a buffer per region and go to the store 256 KB at a time.
        while pending.count <= g { pending.append(([], 0)) }
        if keepsLines { OrderLineCodec.encode(OrderLine(line: row.ref.line, row: s), into: &pending[g].bytes) }
        pending[g].lines += 1
        if pending[g].bytes.count >= 256 << 10 { flush(g) }
        if row.ref.file != currentFile {
            if let f = currentFile { doneFiles[f] = current }
            currentFile = row.ref.file
            current = doneFiles.removeValue(forKey: row.ref.file) ?? InputTally.File()
        }
        current.accepted += 1
        current.badMoneyCells += row.badMoneyCells
        if row.money.isEmpty {
            // A streamed row keeps no money cells: its amounts are the value's (the file's money columns).
            for cell in Self.moneyCells(of: s) { current.add(cell, accepted: true) }
        } else {
            for cell in row.money { current.add(cell, accepted: true) }
        }
        for flag in row.flags { acceptedFlags.append(InputTally.Flagged(file: row.ref.file, line: row.ref.line, flag: flag)) }
        return true
    }

    /// Folds rows that are already checked (the accepted rows of the period, as they stand), their lines kept in memory;
    /// `regionOf` gives each employee's region.
    public static func fold(accepted inputs: InputSet, period: Period, regionOf: [String: String]) -> (fold: SalesFold, lines: OrderLineStore) {
        var fold = SalesFold()
        let lines = MemoryOrderLines()
        for row in inputs.sales {
            guard let s = row.accepted, period.contains(s.date) else { continue }
            fold.add(row.ref, s, region: regionOf[s.employeeId])
            lines.append(region: regionOf[s.employeeId] ?? "", line: OrderLine(line: row.ref.line, row: s))
        }
        return (fold, lines)
    }

    /// The money cells a parsed sales row had (a streamed row that parsed keeps none; they are its value's):
    /// unit price when given, amount, remitted (zero when not given, which adds nothing to a sum).
    public static func moneyCells(of s: SaleRow) -> [MoneyCell] {
        var cells: [MoneyCell] = []
        if let p = s.unitPrice { cells.append(MoneyCell(column: "unit_price", value: p)) }
        cells.append(MoneyCell(column: "amount", value: s.amount))
        cells.append(MoneyCell(column: "remitted", value: s.remitted))
        return cells
    }

    private var pending: [(bytes: [UInt8], lines: Int)] = []

    private mutating func flush(_ g: Int) {
        guard pending[g].lines > 0 else { return }
        do { try store.append(region: fold.regionName(g), encoded: pending[g].bytes, lines: pending[g].lines) } catch {
            if storeFailure == nil { storeFailure = "\(error)" }
        }
        pending[g].bytes.removeAll(keepingCapacity: true)
        pending[g].lines = 0
    }

    /// Hands the lines still buffered to the store: call once every row was taken, before the store is read.
    public mutating func finish() {
        for g in pending.indices { flush(g) }
        pending = []
        // The digests are needed only while rows come in (12 bytes a line: 48 MB at four million lines).
        keys = DigestSet(expected: 0)
    }

    /// The first error of the line store (a full disk): the close cannot go on.
    public private(set) var storeFailure: String? = nil
}

/// The sales rows as the intake left them, carried in the `InputSet`. `streamed`: the ingest validated and folded
/// the rows as it read them and kept only the rejected ones in `InputSet.sales`; otherwise every row stands there.
public struct StreamedSales: Sendable {
    public var intake: SalesIntake
    public var streamed: Bool
    /// Months of the rows that parsed (before any check), for inferring the period.
    public var months: Set<Period> = []
    public init(intake: SalesIntake, streamed: Bool, months: Set<Period> = []) {
        self.intake = intake; self.streamed = streamed; self.months = months
    }
}
