/// What the ingest hands on: every row of every file, typed where it parsed,
/// with the reason where it did not. Later stages (validation, rules) may reject a row
/// that parsed; nothing is ever dropped, so rows = accepted + rejected + blank per file.

/// Why a row was rejected. `column` is the canonical column name, nil for the whole row.
public struct RowIssue: Sendable, Hashable, Codable {
    public var code: String
    public var column: String?
    /// 1-based field number of `column` in its file, 0 for the whole row.
    public var columnNumber: Int
    public var message: String
    public init(code: String, column: String?, columnNumber: Int, message: String) {
        self.code = code; self.column = column; self.columnNumber = columnNumber; self.message = message
    }
}

/// A flag on an accepted row (`ROW-CONTROL-CHARS`, `ROW-TEXT-CUT`).
public struct RowFlag: Sendable, Hashable, Codable {
    public var code: String
    public var column: String?
    public var columnNumber: Int
    public init(code: String, column: String?, columnNumber: Int) { self.code = code; self.column = column; self.columnNumber = columnNumber }
}

/// A money cell that parsed, whatever became of its row, for the reconciliation.
public struct MoneyCell: Sendable, Hashable {
    public var column: String
    public var value: Money
    public init(column: String, value: Money) { self.column = column; self.value = value }
}

/// Bytes shared by many rows (a decoded input file), kept alive while any row refers to them.
public final class SharedBytes: Sendable {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// A row's source text: a String, or a byte range of a shared decoded file that becomes a String when read
/// (most rows' text is never read, and a million Strings cost a million allocations).
public struct RawText: Sendable {
    enum Storage: Sendable {
        case text(String)
        case slice(SharedBytes, start: UInt32, count: UInt32)
    }
    var storage: Storage
    public init(_ text: String) { storage = .text(text) }
    /// `source.bytes[range]`, which must be valid UTF-8.
    public init(_ source: SharedBytes, _ range: Range<Int>) {
        if range.lowerBound <= Int(UInt32.max) && range.count <= Int(UInt32.max) {
            storage = .slice(source, start: UInt32(range.lowerBound), count: UInt32(range.count))
        } else {
            storage = .text(String(decoding: source.bytes[range], as: UTF8.self))
        }
    }
    public var string: String {
        switch storage {
        case .text(let s): return s
        case .slice(let source, let start, let count):
            return source.bytes.withUnsafeBufferPointer { p in
                String(decoding: UnsafeBufferPointer(rebasing: p[Int(start)..<(Int(start) + Int(count))]), as: UTF8.self)
            }
        }
    }
}

public struct InputRow<T: Sendable>: Sendable {
    public var ref: RowRef
    /// The record's text as it stood in the file (fields joined by the delimiter, quotes as written).
    public var raw: String {
        get { rawText.string }
        set { rawText = RawText(newValue) }
    }
    public var rawText: RawText
    /// The typed row; nil when the row did not parse (then `issue` says why).
    public var value: T?
    public var issue: RowIssue?
    public var flags: [RowFlag]
    /// Every money cell of the row that parsed.
    public var money: [MoneyCell]
    /// Money cells that were given but did not parse.
    public var badMoneyCells: Int
    /// 1-based field number of each canonical column present in the file.
    public var columnNumbers: [String: Int]

    public init(
        ref: RowRef, raw: String, value: T?, issue: RowIssue?, flags: [RowFlag] = [], money: [MoneyCell] = [],
        badMoneyCells: Int = 0, columnNumbers: [String: Int] = [:]
    ) {
        self.init(
            ref: ref, rawText: RawText(raw), value: value, issue: issue, flags: flags, money: money,
            badMoneyCells: badMoneyCells, columnNumbers: columnNumbers)
    }

    public init(
        ref: RowRef, rawText: RawText, value: T?, issue: RowIssue?, flags: [RowFlag] = [], money: [MoneyCell] = [],
        badMoneyCells: Int = 0, columnNumbers: [String: Int] = [:]
    ) {
        self.ref = ref; self.rawText = rawText; self.value = value; self.issue = issue; self.flags = flags
        self.money = money; self.badMoneyCells = badMoneyCells; self.columnNumbers = columnNumbers
    }

    public var isAccepted: Bool { value != nil && issue == nil }
    /// The typed value if the row is (still) accepted.
    public var accepted: T? { issue == nil ? value : nil }

    /// Rejects the row (the first rejection stands).
    public mutating func reject(_ code: String, column: String?, _ message: String) {
        guard issue == nil else { return }
        issue = RowIssue(code: code, column: column, columnNumber: column.flatMap { columnNumbers[$0] } ?? 0, message: message)
    }

    public func location(column: String?) -> SourceLocation {
        SourceLocation(file: ref.file, line: ref.line, column: column.flatMap { columnNumbers[$0] } ?? 0)
    }
}

/// One input file as read.
public struct FileReport: Sendable, Hashable, Codable {
    public var file: String
    public var kind: InputKind
    public var encoding: String  // utf-8, utf-8-bom, utf-16le, utf-16be, gb18030
    public var delimiter: String  // ",", "\t", ";"
    public var sha256: String
    /// Records after the header, blank ones included.
    public var rows: Int
    public var blank: Int
    /// Header cells that matched no column of the kind (kept and ignored).
    public var ignoredColumns: [String]
    /// How the kind was decided: "name" or "header".
    public var recognisedBy: String
    /// Canonical column → the header cell that named it in this file (`amount` → 金额): messages and sheets name a
    /// column as the user's file does.
    public var headers: [String: String]
    /// The columns whose values failed to read on some rows, in the kind's column order (for `WholeColumnStop`).
    public var columnFailures: [ColumnFailures]
    public init(
        file: String, kind: InputKind, encoding: String, delimiter: String, sha256: String, rows: Int, blank: Int,
        ignoredColumns: [String], recognisedBy: String, columnFailures: [ColumnFailures] = [], headers: [String: String] = [:]
    ) {
        self.file = file; self.kind = kind; self.encoding = encoding; self.delimiter = delimiter; self.sha256 = sha256
        self.rows = rows; self.blank = blank; self.ignoredColumns = ignoredColumns; self.recognisedBy = recognisedBy
        self.columnFailures = columnFailures
        self.headers = headers
    }
}

/// Everything read from an inputs folder, kinds in reading order.
public struct InputSet: Sendable {
    public var files: [FileReport] = []
    public var roster: [InputRow<RosterRow>] = []
    public var targets: [InputRow<TargetRow>] = []
    public var sales: [InputRow<SaleRow>] = []
    /// The sales intake's result once the sales rows were checked and folded (by the ingest for a streamed file,
    /// then `sales` holds only the rejected rows; otherwise by validation).
    public var streamedSales: StreamedSales? = nil
    public var attendance: [InputRow<AttendanceRow>] = []
    public var expenses: [InputRow<ExpenseRow>] = []
    public var plans: [InputRow<PlanRow>] = []
    public var remittances: [InputRow<RemittanceRow>] = []
    public var advances: [InputRow<AdvanceRow>] = []
    public var adjustments: [InputRow<AdjustmentRow>] = []
    public var visits: [InputRow<VisitRow>] = []
    /// The text of `policy.toml` when one was dropped, with its SHA-256.
    public var policyText: String?
    public var policySHA256: String?
    /// Files in the folder that were not read (not an input kind), by name, and why.
    public var ignoredFiles: [(file: String, reason: String)] = []
    public init() {}
    /// Is a kind present (a file of it was read, even header-only)?
    public func has(_ kind: InputKind) -> Bool { files.contains { $0.kind == kind } }
}

/// An input that stops the close (exit 2): names the file and, where known, line and column.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }
    public var description: String {
        var s = file
        if let l = line { s += ":\(l)"; if let c = column { s += ":\(c)" } }
        return s + ": error: " + message
    }
}
