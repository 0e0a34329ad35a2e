import SalesCore
import XlsxWriter

/// How a workbook model is written.
public struct RenderOptions: Sendable, Equatable {
    /// The company in the document properties.
    public var company: String
    /// When set, every sheet is protected against editing with it (never logged, never in an error).
    public var sheetPassword: String?
    /// libxlsxwriter's constant-memory mode (the renderer always writes rows in order).
    public var constantMemory: Bool
    /// The file's mode (0600 for a workbook with pay figures), set whatever the umask.
    public var fileMode: UInt32?
    /// Rows per sheet before a table continues on a second sheet ("费用明细 (2)"); Excel's limit by default.
    public var maxRowsPerSheet: Int
    /// The document's author.
    public var author: String?
    /// Told the rows planned and written.
    public var progress: RowProgress?

    public init(
        company: String = ReportOptions.defaultCompany, sheetPassword: String? = nil, constantMemory: Bool = true,
        fileMode: UInt32? = nil, maxRowsPerSheet: Int = Worksheet.maxRows, author: String? = "SalesClose",
        progress: RowProgress? = nil
    ) {
        self.company = company; self.sheetPassword = sheetPassword; self.constantMemory = constantMemory
        self.fileMode = fileMode; self.maxRowsPerSheet = maxRowsPerSheet; self.author = author; self.progress = progress
    }
}

/// Writes a `WorkbookModel` through the `XlsxWriter` wrapper: bold frozen header, autofilter,
/// fitted widths, money as numbers in `¥#,##0.00`, percentages `0.0%`, dates as dates, totals and
/// subtotals as formulas with cached values, red/green conditional fills on attainment columns,
/// landscape printing one page wide with the header repeated, document properties dated the
/// period's last day.
public enum WorkbookRenderer {
    public static let moneyFormat = "¥#,##0.00"
    public static let percentFormat = "0.0%"
    public static let dateFormat = "yyyy-mm-dd"
    public static let integerFormat = "#,##0"
    public static let decimalFormat = "#,##0.00##"
    /// Red below 80%, green at or above 100% (Excel's light red / light green styles).
    static let redFill = CellFormat(fontColor: 0x9C0006, bgColor: 0xFFC7CE)
    static let greenFill = CellFormat(fontColor: 0x006100, bgColor: 0xC6EFCE)

    /// Plans the physical sheets of a model (pure; the write uses the same plan).
    static func plan(_ model: WorkbookModel, maxRows: Int) -> [PlannedSheet] {
        model.sheets.flatMap { Layout.plan($0, maxRows: maxRows, heading: model.heading) }
    }

    @discardableResult
    public static func write(_ model: WorkbookModel, to path: String, options: RenderOptions) throws -> WrittenWorkbook {
        let workbook = try Workbook(
            path: path,
            options: WorkbookOptions(
                constantMemory: options.constantMemory,
                fileMode: options.fileMode))
        try workbook.setProperties(
            DocumentProperties(
                title: model.title, subject: model.subject, author: options.author, company: options.company,
                created: CalendarDate(year: model.created.year, month: model.created.month, day: model.created.day)))
        let formats = FormatCache(workbook)
        var written: [WrittenSheet] = []
        var names: [String] = []
        var worksheets: [Worksheet] = []
        let plannedSheets = plan(model, maxRows: max(3, options.maxRowsPerSheet))
        options.progress?.planned(plannedSheets.map(\.physicalCount).reduce(0, +))
        for planned in plannedSheets {
            let name = Workbook.safeSheetName(planned.proposedName, existing: names)
            names.append(name)
            let sheet = try workbook.addWorksheet(name: name)
            worksheets.append(sheet)
            var done = planned
            try writeSheet(&done, to: sheet, formats: formats, options: options, period: model.subject, pageWords: model.pageWords)
            written.append(
                WrittenSheet(
                    key: done.key, name: name, part: done.part, headerRow: done.headerRow,
                    dataRows: done.dataRows, rowCount: done.physicalCount, controls: done.controls,
                    slips: done.slipRows, pageBreaks: done.pageBreaks))
        }
        if model.sheets.contains(where: { !$0.charts.isEmpty }) {
            try ChartPlacer.insertCharts(model, planned: plannedSheets, names: names, worksheets: worksheets, workbook: workbook)
        }
        try workbook.close()
        return WrittenWorkbook(path: path, sheets: written)
    }

    /// The printed footer's page count: "第 N 页 / 共 M 页" (or the model's words around the two numbers).
    static func pageFooter(_ words: [String]) -> [Worksheet.HeaderPart] {
        let w = words.count == 3 ? words : ["", " / ", ""]
        return [.text(w[0]), .page, .text(w[1]), .pages, .text(w[2])]
    }

    private static func writeSheet(
        _ planned: inout PlannedSheet, to sheet: Worksheet, formats: FormatCache, options: RenderOptions,
        period: String, pageWords: [String]
    ) throws {
        for (col, width) in planned.widths.enumerated() {
            try sheet.setColumn(col, col, width: min(255, width))
        }
        // Everything that names a range goes before the rows: in constant-memory mode
        // libxlsxwriter refuses ranges above rows already flushed.
        if let header = planned.headerRow, planned.layout == .table {
            if planned.freezeHeader { try sheet.freezePanes(header + 1, 0) }
            if planned.autofilter, let last = planned.filterLastRow {
                try sheet.autofilter(header, 0, max(header, last), planned.lastColumn)
            }
            try sheet.repeatRows(header, header)
        }
        formats.wrapColumns = planned.wrapColumns
        let red = try formats.workbook.addFormat(redFill)
        let green = try formats.workbook.addFormat(greenFill)
        for range in planned.attainmentRanges {
            // A formula rule, so blank cells (no target) are not coloured as 0%.
            // The column is absolute so the rule colours every cell of a row by that row's attainment.
            let top = "$" + Worksheet.cellName(row: range.first, col: range.col)
            try sheet.conditionalFormat(
                range.first, range.firstCol, range.last, range.lastCol,
                rule: .formula("=AND(ISNUMBER(\(top)),\(top)<0.8)"), format: red)
            try sheet.conditionalFormat(
                range.first, range.firstCol, range.last, range.lastCol,
                rule: .formula("=AND(ISNUMBER(\(top)),\(top)>=1)"), format: green)
        }
        try sheet.setPaper(9)  // A4
        if let scale = planned.printScale {
            // Slips: portrait at a fixed scale, so the page breaks between slips stay where they were planned.
            try sheet.setPortrait()
            try sheet.setPrintScale(scale)
            try sheet.setHorizontalPageBreaks(planned.pageBreaks)
        } else {
            try sheet.setLandscape()
            try sheet.fitToPages(width: 1, height: 0)
        }
        try sheet.setHeader(Worksheet.headerFooter(center: [.text(planned.heading)]))
        try sheet.setFooter(
            Worksheet.headerFooter(
                left: [.text(period)], center: pageFooter(pageWords),
                right: [.text(sheet.name)]))
        if let password = options.sheetPassword {
            try sheet.protect(password: password)
        }
        var counter = RowCounter(progress: options.progress)
        defer { counter.flush() }
        let block = planned.stream
        let before = block?.at ?? planned.rows.count
        for r in 0..<before {
            counter.add()
            if let height = planned.rowHeights[r] { try sheet.setRow(r, height: height) }
            for (c, cell) in planned.rows[r].cells.enumerated() {
                try write(cell, row: r, col: c, style: planned.rows[r].style, sheet: sheet, formats: formats)
            }
        }
        guard let block else { return }
        // The streamed rows, summed as written; the totals row below gets those sums, and when this sheet holds
        // every streamed row they must equal what the producer folded.
        var sums: [Int: Layout.ColumnSum] = [:]
        for t in planned.streamTotals { sums[t.col] = Layout.ColumnSum() }
        var r = before
        var written = 0
        try block.rows.forEach(in: block.range) { cells in
            counter.add()
            for (c, cell) in cells.enumerated() {
                try write(cell, row: r, col: c, style: .data, sheet: sheet, formats: formats)
                sums[c]?.add(cell)
            }
            r += 1; written += 1
        }
        guard written == block.range.count else {
            throw RenderError.streamedRowsLost(sheet: sheet.name, expected: block.range.count, written: written)
        }
        let whole = block.range == 0..<block.rows.count
        for t in planned.streamTotals {
            let value = sums[t.col]!.value(t.kind)
            if whole, let expected = block.rows.expectedSums[t.col], expected != value {
                throw RenderError.streamedTotalDiffers(
                    sheet: sheet.name, column: planned.controls[t.control].column,
                    expected: "\(expected)", written: "\(value)")
            }
            planned.controls[t.control].expected = value
            // The streamed table's totals row is the first planned row after the block.
            if before < planned.rows.count, planned.rows[before].style == .total,
                case .formula(var f) = planned.rows[before].cells[t.col]
            {
                f.cached = value; planned.rows[before].cells[t.col] = .formula(f)
            }
        }
        for i in before..<planned.rows.count {
            counter.add()
            for (c, cell) in planned.rows[i].cells.enumerated() {
                try write(cell, row: i + block.range.count, col: c, style: planned.rows[i].style, sheet: sheet, formats: formats)
            }
        }
    }

    private static func write(_ cell: CellModel, row: Int, col: Int, style: RowStyle, sheet: Worksheet, formats: FormatCache) throws {
        switch cell {
        case .empty:
            if style == .header || style == .total || style == .subtotal {
                try sheet.writeBlank(row, col, formats.get(.text, style))
            }
        case .text(let s):
            let wrap = formats.wrapColumns.contains(col) && style != .title && style != .note
            try sheet.writeString(row, col, Worksheet.cutToCellLimit(s).0, formats.get(.text, style, wrap: wrap))
        case .id(let s):
            let wrap = formats.wrapColumns.contains(col) && style != .title && style != .note
            try sheet.writeString(row, col, Worksheet.cutToCellLimit(s).0, formats.get(.id, style, wrap: wrap))
        case .money(let m):
            try sheet.writeNumber(row, col, m.yuanForCell, formats.get(.money, style))
        case .percent(let p):
            guard p.isFinite else { return }
            try sheet.writeNumber(row, col, p, formats.get(.percent, style))
        case .integer(let n):
            try sheet.writeNumber(row, col, Double(n), formats.get(.integer, style))
        case .decimal(let d):
            guard d.isFinite else { return }
            try sheet.writeNumber(row, col, d, formats.get(.decimal, style))
        case .date(let d):
            if (1900...9999).contains(d.year) {
                try sheet.writeDate(row, col, CalendarDate(year: d.year, month: d.month, day: d.day), formats.get(.date, style))
            } else {
                try sheet.writeString(row, col, d.description, formats.get(.text, style))
            }
        case .formula(let f):
            let formula = "=" + Layout.expand(f.template, row: row)
            switch f.cached {
            case .money(let m):
                try sheet.writeFormula(row, col, formula: formula, cachedValue: m.yuanForCell, formats.get(.money, style))
            case .integer(let n):
                try sheet.writeFormula(row, col, formula: formula, cachedValue: Double(n), formats.get(.integer, style))
            case .number(let d):
                try sheet.writeFormula(row, col, formula: formula, cachedValue: d.isFinite ? d : 0, formats.get(.decimal, style))
            case .ratio(let d):
                try sheet.writeFormula(row, col, formula: formula, cachedValue: d.isFinite ? d : 0, formats.get(.percent, style))
            }
        }
    }
}

/// Rows written, passed on to a `RowProgress` every `every` rows and when the sheet is done.
struct RowCounter {
    let progress: RowProgress?
    var pending = 0
    mutating func add() {
        guard let progress else { return }
        pending += 1
        if pending >= progress.every { progress.wrote(pending); pending = 0 }
    }
    mutating func flush() {
        if let progress, pending > 0 { progress.wrote(pending) }
        pending = 0
    }
}

/// What a streamed table can do wrong while written.
public enum RenderError: Error, CustomStringConvertible {
    case streamedRowsLost(sheet: String, expected: Int, written: Int)
    case streamedTotalDiffers(sheet: String, column: String, expected: String, written: String)
    public var description: String {
        switch self {
        case .streamedRowsLost(let s, let e, let w):
            return "sheet \(s): \(w) of \(e) rows came back to be written; none may be lost"
        case .streamedTotalDiffers(let s, let c, let e, let w):
            return "sheet \(s): column \(c) adds up to \(w), the close folded \(e)"
        }
    }
}

/// One `Format` per (kind, row style), made once per workbook; looked up by position (a cell costs no hashing).
final class FormatCache {
    let workbook: Workbook
    private static let kinds = 7, styles = 7
    /// nil: not made yet; .some(nil): the default format (nothing to add). Then the same, wrapped.
    private var made: [Format??]
    /// The columns of the sheet being written whose text wraps.
    var wrapColumns: Set<Int> = []
    init(_ workbook: Workbook) {
        self.workbook = workbook
        made = Array(repeating: nil, count: 2 * Self.kinds * Self.styles)
    }

    private static func slot(_ kind: ColumnKind, _ style: RowStyle) -> Int {
        let k: Int
        switch kind {
        case .text: k = 0
        case .id: k = 1
        case .money: k = 2
        case .percent: k = 3
        case .date: k = 4
        case .integer: k = 5
        case .decimal: k = 6
        }
        let s: Int
        switch style {
        case .note: s = 0
        case .title: s = 1
        case .header: s = 2
        case .data: s = 3
        case .subtotal: s = 4
        case .total: s = 5
        case .blank: s = 6
        }
        return k * styles + s
    }

    func get(_ kind: ColumnKind, _ style: RowStyle, wrap: Bool = false) throws -> Format? {
        let i = Self.slot(kind, style) + (wrap ? Self.kinds * Self.styles : 0)
        if let format = made[i] { return format }
        var spec = CellFormat()
        switch kind {
        case .money: spec.numberFormat = WorkbookRenderer.moneyFormat
        case .percent: spec.numberFormat = WorkbookRenderer.percentFormat
        case .date: spec.numberFormat = WorkbookRenderer.dateFormat
        case .integer: spec.numberFormat = WorkbookRenderer.integerFormat
        case .decimal: spec.numberFormat = WorkbookRenderer.decimalFormat
        case .id: spec.numberFormat = "@"
        case .text: break
        }
        switch style {
        case .header:
            spec.bold = true; spec.bgColor = 0xD9E1F2; spec.border = .thin; spec.verticalAlignment = .center
        case .title: spec.bold = true; spec.fontSize = 12
        case .subtotal: spec.bold = true; spec.bgColor = 0xF2F2F2
        case .total: spec.bold = true; spec.bgColor = 0xE7E6E6; spec.border = .thin
        case .note: spec.italic = true
        case .data, .blank: break
        }
        if wrap { spec.textWrap = true }
        let format = spec == CellFormat() ? nil : try workbook.addFormat(spec)
        made[i] = .some(format)
        return format
    }
}
