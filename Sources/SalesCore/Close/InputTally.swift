/// Every input file's rows counted once after the close (accepted, rejected, money cells both ways),
/// with the rejected rows and the flags listed: what the summary, the finance workbook's control totals
/// and rejected-rows sheet, and `salesclose check` print. One pass over the rows, made once per close.
public struct InputTally: Sendable {
    public struct MoneySums: Sendable, Equatable {
        public var column: String
        public var accepted = Money.zero
        public var rejected = Money.zero
        public var all = Money.zero
    }
    public struct File: Sendable {
        public var accepted = 0
        public var rejected = 0
        public var badMoneyCells = 0
        /// Money columns in the order first seen, with their sums.
        public var money: [MoneySums] = []
        public init() {}
        public func sums(_ column: String) -> MoneySums? { money.first { $0.column == column } }
        mutating func add(_ cell: MoneyCell, accepted: Bool) {
            let i: Int
            if let found = money.firstIndex(where: { $0.column == cell.column }) {
                i = found
            } else {
                money.append(MoneySums(column: cell.column)); i = money.count - 1
            }
            money[i].all += cell.value
            if accepted { money[i].accepted += cell.value } else { money[i].rejected += cell.value }
        }
        /// Adds the counts of rows that were not kept (the streamed sales file's accepted rows).
        mutating func merge(_ o: File) {
            accepted += o.accepted; rejected += o.rejected; badMoneyCells += o.badMoneyCells
            for m in o.money {
                add(MoneyCell(column: m.column, value: m.accepted), accepted: true)
                add(MoneyCell(column: m.column, value: m.rejected), accepted: false)
            }
        }
    }
    public struct Rejected: Sendable {
        public var file: String
        public var line: Int
        public var columnNumber: Int
        public var issue: RowIssue
        public var raw: String
    }
    public struct Flagged: Sendable {
        public var file: String
        public var line: Int
        public var flag: RowFlag
    }

    public private(set) var byFile: [String: File] = [:]
    /// Rejected rows: files in the order of `inputs.files`, lines ascending, then in reading order.
    public private(set) var rejected: [Rejected] = []
    /// Flags of accepted rows, in the same order.
    public private(set) var flags: [Flagged] = []

    public init(_ s: InputSet) {
        for f in s.files { byFile[f.file] = File() }
        var rejectedAt: [(order: Int, seq: Int, row: Rejected)] = []
        var flaggedAt: [(order: Int, seq: Int, row: Flagged)] = []
        let order = Dictionary(s.files.enumerated().map { ($0.element.file, $0.offset) }, uniquingKeysWith: { a, _ in a })

        func add<T>(_ rows: [InputRow<T>]) {
            // Rows of one file stand together: count into a local and store it when the file changes.
            var name: String? = nil
            var cur = File()
            var fileOrder = 0
            func flush() { if let n = name { byFile[n] = cur } }
            for row in rows {
                if row.ref.file != name {
                    flush()
                    name = row.ref.file
                    cur = byFile[row.ref.file] ?? File()
                    fileOrder = order[row.ref.file] ?? 0
                }
                let isAccepted = row.issue == nil && row.value != nil
                if isAccepted {
                    cur.accepted += 1
                    for f in row.flags {
                        flaggedAt.append((fileOrder, flaggedAt.count, Flagged(file: row.ref.file, line: row.ref.line, flag: f)))
                    }
                } else {
                    cur.rejected += 1
                    let issue = row.issue ?? RowIssue(code: Code.rowBadValue.rawValue, column: nil, columnNumber: 0, message: "row did not parse")
                    rejectedAt.append(
                        (
                            fileOrder, rejectedAt.count,
                            Rejected(file: row.ref.file, line: row.ref.line, columnNumber: issue.columnNumber, issue: issue, raw: row.raw)
                        ))
                }
                cur.badMoneyCells += row.badMoneyCells
                for cell in row.money { cur.add(cell, accepted: isAccepted) }
            }
            flush()
        }
        add(s.roster); add(s.targets); add(s.sales); add(s.attendance); add(s.expenses)
        add(s.plans); add(s.remittances); add(s.advances); add(s.adjustments); add(s.visits)
        if let streamed = s.streamedSales, streamed.streamed {
            // The streamed sales file's accepted rows were folded, not kept: their counts come from the intake.
            for (file, f) in streamed.intake.acceptedByFile { byFile[file, default: File()].merge(f) }
            for f in streamed.intake.acceptedFlags { flaggedAt.append((order[f.file] ?? 0, flaggedAt.count, f)) }
        }
        rejected = rejectedAt.sorted { ($0.order, $0.row.line, $0.seq) < ($1.order, $1.row.line, $1.seq) }.map(\.row)
        flags = flaggedAt.sorted { ($0.order, $0.row.line, $0.seq) < ($1.order, $1.row.line, $1.seq) }.map(\.row)
    }

    public func counts(_ file: String) -> File { byFile[file] ?? File() }
}
