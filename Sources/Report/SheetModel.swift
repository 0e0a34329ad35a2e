import SalesCore

/// What a column holds; decides the number format, the width estimate and
/// whether it is summed by default.
public enum ColumnKind: Sendable, Hashable {
    /// Free text (from input files or labels); always written as a string.
    case text
    /// An identifier: always text, so `00123` keeps every digit.
    case id
    /// Money, written as a number in `¥#,##0.00`.
    case money
    /// A ratio (0.8 = 80%), written as a number in `0.0%`.
    case percent
    /// A whole number, `#,##0`.
    case integer
    /// A calendar date, written as a real date in `yyyy-mm-dd`.
    case date
    /// A decimal number, `0.00##`.
    case decimal
}

/// One column of a table.
public struct ColumnModel: Sendable, Hashable {
    public var header: String
    public var kind: ColumnKind
    /// Whether totals and subtotals sum this column (default: money columns).
    public var summed: Bool
    /// An attainment column: red fill below 80%, green at or above 100% (conditional formatting).
    public var attainment: Bool
    /// A fixed width in Excel character units; nil fits the width to the content.
    public var fixedWidth: Double?
    /// A ratio of two summed columns of the same table (达成率 = 回款 / 指标): subtotal and totals rows get it as a
    /// formula of their own row (left empty where the denominator sums to zero).
    public var ratioOf: (numerator: Int, denominator: Int)?

    public init(
        _ header: String, _ kind: ColumnKind, summed: Bool? = nil, attainment: Bool = false, width: Double? = nil,
        ratioOf: (numerator: Int, denominator: Int)? = nil
    ) {
        self.header = header
        self.kind = kind
        self.summed = summed ?? (kind == .money)
        self.attainment = attainment
        self.fixedWidth = width
        self.ratioOf = ratioOf
    }

    public static func == (a: ColumnModel, b: ColumnModel) -> Bool {
        a.header == b.header && a.kind == b.kind && a.summed == b.summed && a.attainment == b.attainment
            && a.fixedWidth == b.fixedWidth && a.ratioOf?.numerator == b.ratioOf?.numerator
            && a.ratioOf?.denominator == b.ratioOf?.denominator
    }

    public func hash(into h: inout Hasher) {
        h.combine(header); h.combine(kind); h.combine(summed); h.combine(attainment); h.combine(fixedWidth)
        h.combine(ratioOf?.numerator); h.combine(ratioOf?.denominator)
    }
}

/// A value a formula's cache holds, kept exact until the cell is written.
public enum CachedValue: Sendable, Hashable {
    case money(Money)
    case integer(Int)
    case number(Double)
    /// A ratio, shown as a percentage (`0.0%`).
    case ratio(Double)
}

/// A formula over cells of its own row: `{N}` stands for column N (0-based)
/// of the same row, e.g. `"{3}-{4}-{5}-{6}"` becomes `=D7-E7-F7-G7`.
public struct RowFormula: Sendable, Hashable {
    public var template: String
    public var cached: CachedValue
    public init(_ template: String, cached: CachedValue) { self.template = template; self.cached = cached }
}

/// One cell's value. Money stays `Money` until the cell is written.
public enum CellModel: Sendable, Hashable {
    case empty
    /// Text, written with `writeString` (never a formula, whatever it starts with).
    case text(String)
    /// An identifier, written as text with the text number format `@`.
    case id(String)
    case money(Money)
    /// A ratio: 0.8 shows as 80.0%.
    case percent(Double)
    case integer(Int)
    case date(Day)
    case decimal(Double)
    /// A formula over the same row, with its cached value.
    case formula(RowFormula)

    /// `.text`, or `.empty` when nil or empty.
    public static func text(_ s: String?) -> CellModel { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
    /// `.money`, or `.empty` when nil.
    public static func money(_ m: Money?) -> CellModel { m.map { .money($0) } ?? .empty }
    /// `.percent`, or `.empty` when nil.
    public static func percent(_ p: Double?) -> CellModel { p.map { .percent($0) } ?? .empty }
}

/// Consecutive rows that get a subtotal row after them (e.g. one department).
public struct RowGroup: Sendable, Hashable {
    /// The group's name (销售一部).
    public var key: String
    /// The subtotal row's label, written in the totals label column ("销售一部 小计").
    public var label: String
    /// Indexes into the table's `rows`; groups are contiguous and in order.
    public var rows: Range<Int>
    /// Further cells on the subtotal row, by column (e.g. the department name, so a filter keeps it).
    public var cells: [Int: CellModel]
    public init(key: String, label: String, rows: Range<Int>, cells: [Int: CellModel] = [:]) {
        self.key = key; self.label = label; self.rows = rows; self.cells = cells
    }
}

/// A totals row: `SUM` formulas over the summed columns, cached values computed exactly.
public struct TotalsSpec: Sendable, Hashable {
    public var label: String
    /// Where the label goes (and subtotal labels).
    public var labelColumn: Int
    public init(label: String, labelColumn: Int = 0) { self.label = label; self.labelColumn = labelColumn }
}

/// A table: a header row, data rows, optional subtotals by group and a totals row.
public struct TableModel: Sendable, Hashable {
    /// A line written above the header (bold), if any.
    public var title: String?
    public var columns: [ColumnModel]
    public var rows: [[CellModel]]
    /// Subtotals by group; when set, the groups cover `rows` in order.
    public var groups: [RowGroup]?
    /// Where subtotal labels go when there is no totals row.
    public var subtotalLabelColumn: Int
    public var totals: TotalsSpec?
    /// Rows read only when written, after `rows` (the region workbooks' order lines); no groups then.
    public var streamed: StreamedRows?

    public init(
        title: String? = nil, columns: [ColumnModel], rows: [[CellModel]] = [], groups: [RowGroup]? = nil,
        subtotalLabelColumn: Int = 0, totals: TotalsSpec? = nil, streamed: StreamedRows? = nil
    ) {
        self.title = title; self.columns = columns; self.rows = rows; self.groups = groups
        self.subtotalLabelColumn = subtotalLabelColumn; self.totals = totals; self.streamed = streamed
    }
}

/// Rows a table does not hold: read one at a time, in order, as the sheet is written (constant memory whatever
/// their number). The producer knows their count and their display widths up front (from what it folded), and the
/// totals they must add up to, which the writer checks against the rows it actually wrote.
public final class StreamedRows: Sendable, Hashable {
    public let count: Int
    /// Display width per column (as `Layout.display` measures a cell), the header aside.
    public let widths: [Double]
    /// Expected totals of summed columns, by column: a row lost on the way is an error, not a smaller total.
    public let expectedSums: [Int: CachedValue]
    private let produce: @Sendable (_ body: ([CellModel]) throws -> Void) throws -> Void

    public init(
        count: Int, widths: [Double], expectedSums: [Int: CachedValue],
        produce: @escaping @Sendable (_ body: ([CellModel]) throws -> Void) throws -> Void
    ) {
        self.count = count; self.widths = widths; self.expectedSums = expectedSums; self.produce = produce
    }

    /// Rows made one at a time from values the close already holds (expense lines, rejected rows): the widths come
    /// from a first pass over the rows as made, so no sheet keeps an array of every row's cells.
    public static func measured(
        count: Int, columns: Int, expectedSums: [Int: CachedValue] = [:],
        produce: @escaping @Sendable (_ body: ([CellModel]) throws -> Void) throws -> Void
    ) -> StreamedRows {
        var widths = Array(repeating: 0.0, count: columns)
        try? produce { row in
            for (c, cell) in row.enumerated() where c < columns { widths[c] = max(widths[c], Layout.display(cell)) }
        }
        return StreamedRows(count: count, widths: widths, expectedSums: expectedSums, produce: produce)
    }

    /// Calls `body` with the rows whose 0-based positions fall in `range`, in order.
    func forEach(in range: Range<Int>, _ body: ([CellModel]) throws -> Void) throws {
        var i = 0
        try produce { row in
            defer { i += 1 }
            if range.contains(i) { try body(row) }
        }
    }

    public static func == (a: StreamedRows, b: StreamedRows) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}

/// How the main table is laid out.
public enum SheetLayout: Sendable, Hashable {
    /// One header row, the rows below it (frozen header, autofilter, header repeated when printed).
    case table
    /// The sheet's `slips`, one below the other, a blank row apart, with page breaks so that no slip crosses a
    /// printed page; ready to cut and sign. The table's columns give only the widths of fixed columns.
    case slips
}

/// How a row of a slip looks.
public enum SlipRowStyle: Sendable, Hashable {
    /// The slip's title line (报销单 · 2023-03 · 员工编号 · 姓名 …), bold.
    case heading
    /// Column names of the slip's lines, bold on a fill.
    case header
    case data
    /// A figure the slip adds up to (合计, 应报销, 期末借款, 实付, 应发), bold.
    case total
    /// Lines to sign.
    case signature
}

/// One row of a slip. A formula cell may name other rows of the same slip: `{r3.1}` is column 1 of the slip's
/// row 3 (0-based, counted from the slip's first row); `{1}` is column 1 of the row itself.
public struct SlipRow: Sendable, Hashable {
    public var style: SlipRowStyle
    public var cells: [CellModel]
    public init(_ style: SlipRowStyle, _ cells: [CellModel]) { self.style = style; self.cells = cells }
}

/// One slip: rows printed together, never split across a page.
public struct SlipModel: Sendable, Hashable {
    /// Whose slip it is (for the read-back check's messages): "E0004 张三".
    public var label: String
    public var rows: [SlipRow]
    /// The heading of a page the slip continues on, when it is taller than a page ("报销单（续）  E0004 …").
    public var continued: String?
    public init(label: String, rows: [SlipRow], continued: String? = nil) {
        self.label = label; self.rows = rows; self.continued = continued
    }
}

/// One worksheet, as values. Pure: the renderer turns it into cells.
public struct SheetModel: Sendable, Hashable {
    /// A stable key for the sheet whatever the language ("reimbursement").
    public var key: String
    /// The sheet name; the renderer makes it valid and unique.
    public var name: String
    /// Lines written above the main table (a note per line).
    public var notes: [String]
    /// The main table.
    public var table: TableModel
    /// Further tables below the main one, a blank row apart (no filter, no freeze).
    public var appendix: [TableModel]
    public var layout: SheetLayout
    public var freezeHeader: Bool
    public var autofilter: Bool
    /// Native charts placed on this sheet (their series read tables of this or other sheets).
    public var charts: [ChartModel]
    /// The slips of a `.slips` sheet.
    public var slips: [SlipModel]

    public init(
        key: String, name: String, notes: [String] = [], table: TableModel, appendix: [TableModel] = [],
        layout: SheetLayout = .table, freezeHeader: Bool = true, autofilter: Bool = true, charts: [ChartModel] = [],
        slips: [SlipModel] = []
    ) {
        self.key = key; self.name = name; self.notes = notes; self.table = table; self.appendix = appendix
        self.layout = layout; self.freezeHeader = freezeHeader; self.autofilter = autofilter; self.charts = charts
        self.slips = slips
    }

    public var columns: [ColumnModel] { table.columns }
    public var rows: [[CellModel]] { table.rows }
    public var totals: TotalsSpec? { table.totals }
    public var groups: [RowGroup]? { table.groups }
}

/// A workbook, as values.
public struct WorkbookModel: Sendable, Hashable {
    public var title: String
    /// The period, e.g. "2023-03".
    public var subject: String
    /// The document's creation date: the period's last day, never the wall clock.
    public var created: Day
    public var sheets: [SheetModel]
    /// The company named in every sheet's title row and page header (the policy's `company_name`; empty: none).
    public var company: String
    /// The words around the page number and the page count in the printed footer: 第 N 页 / 共 M 页.
    public var pageWords: [String]
    public init(
        title: String, subject: String, created: Day, sheets: [SheetModel], company: String = "",
        lang: Lang = .zh
    ) {
        self.title = title; self.subject = subject; self.created = created; self.sheets = sheets; self.company = company
        self.pageWords = lang == .zh ? ["第 ", " 页 / 共 ", " 页"] : ["Page ", " of ", ""]
    }

    /// What the workbook covers beyond the period (a region's name in its own workbook), for every title row.
    public var scope: String = ""

    /// The title row of a sheet: company (if any), scope (if any), period, sheet title.
    public func heading(_ sheetTitle: String) -> String {
        ([company, scope, subject, sheetTitle].filter { !$0.isEmpty }).joined(separator: "  ")
    }
}

extension TableModel {
    /// Builds groups from a key per row, in first-appearance order, reordering the rows so each group is contiguous
    /// (rows keep their order within a group).
    public static func grouped(
        columns: [ColumnModel], rows: [(key: String, cells: [CellModel])],
        label: (String) -> String, labelColumn: Int = 0,
        keyColumn: Int? = nil, totals: TotalsSpec?
    ) -> TableModel {
        var order: [String] = []
        var byKey: [String: [[CellModel]]] = [:]
        for row in rows {
            if byKey[row.key] == nil { order.append(row.key) }
            byKey[row.key, default: []].append(row.cells)
        }
        var all: [[CellModel]] = []
        var groups: [RowGroup] = []
        for key in order {
            let members = byKey[key]!
            let start = all.count
            all.append(contentsOf: members)
            var cells: [Int: CellModel] = [:]
            if let keyColumn { cells[keyColumn] = .text(key) }
            groups.append(RowGroup(key: key, label: label(key), rows: start..<all.count, cells: cells))
        }
        return TableModel(
            columns: columns, rows: all, groups: groups, subtotalLabelColumn: totals?.labelColumn ?? labelColumn,
            totals: totals)
    }
}
