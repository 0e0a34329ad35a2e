import SalesCore
import XlsxWriter

/// How a row looks.
enum RowStyle: Sendable, Hashable {
    case note, title, header, data, subtotal, total, blank
}

/// One physical row of a sheet to be written.
struct PlannedRow: Sendable {
    var style: RowStyle
    var cells: [CellModel]
}

/// One physical sheet (a model sheet, or one part of a sheet continued past Excel's row limit).
struct PlannedSheet: Sendable {
    var key: String
    var proposedName: String
    /// 1 for the first sheet of a model, 2, 3 … for continuations.
    var part: Int
    var rows: [PlannedRow]
    var layout: SheetLayout
    /// The main table's header row (table layout).
    var headerRow: Int?
    /// Rows the autofilter covers (header to the last data or subtotal row).
    var filterLastRow: Int?
    var lastColumn: Int
    var freezeHeader: Bool
    var autofilter: Bool
    /// Attainment fills: the attainment column, the columns coloured, the rows.
    var attainmentRanges: [(col: Int, firstCol: Int, lastCol: Int, first: Int, last: Int)]
    var widths: [Double]
    /// Data rows of the main table on this sheet.
    var dataRows: Int
    /// Every formula cell with its expected value, for the read-back check.
    var controls: [ControlFigure]
    /// Streamed rows written at physical row `at` (before `rows[at]`), and the totals that sum them: their cached
    /// values and control figures are filled in from the rows as they are written.
    var stream: (at: Int, range: Range<Int>, rows: StreamedRows)? = nil
    var streamTotals: [(col: Int, control: Int, kind: ColumnKind)] = []
    /// The sheet's title row text (company, period, sheet), also the printed page header.
    var heading = ""
    /// Text columns too narrow for their longest text: their cells wrap.
    var wrapColumns: Set<Int> = []
    /// Explicit row heights in points (slips, so the page breaks fall where planned).
    var rowHeights: [Int: Double] = [:]
    /// Rows that start a printed page (slips).
    var pageBreaks: [Int] = []
    /// Each slip's physical rows.
    var slipRows: [Range<Int>] = []
    /// A fixed print scale (slips: manual page breaks do not survive fit-to-page).
    var printScale: Int? = nil

    /// Rows on the sheet: the planned ones and the streamed ones.
    var physicalCount: Int { rows.count + (stream?.range.count ?? 0) }
    /// The planned row at a physical row index (nil inside the streamed block).
    func planned(physical r: Int) -> PlannedRow? {
        guard let s = stream else { return rows[r] }
        if r < s.at { return rows[r] }
        if r < s.at + s.range.count { return nil }
        return rows[r - s.range.count]
    }
}

/// Turns sheet models into physical rows: header, data, subtotal and totals rows with their
/// `SUM` formulas and exactly computed cached values. Pure.
enum Layout {
    static func plan(_ sheet: SheetModel, maxRows: Int, heading: (String) -> String = { $0 }) -> [PlannedSheet] {
        let lastColumn =
            max(
                0, ([sheet.table] + sheet.appendix).map { $0.columns.count }.max() ?? 1,
                sheet.slips.flatMap(\.rows).map(\.cells.count).max() ?? 0) - 1
        switch sheet.layout {
        case .slips:
            return planSlips(sheet, lastColumn: lastColumn, heading: heading)
        case .table:
            let fixed = 1 + sheet.notes.count + (sheet.table.title == nil ? 0 : 1) + 1 + (sheet.table.totals == nil ? 0 : 1)
            let capacity = max(1, maxRows - fixed)
            let chunks: [Range<Int>]
            // A streamed table holds no rows of its own: its chunks are of the streamed rows.
            let total = sheet.table.streamed?.count ?? sheet.table.rows.count
            if sheet.table.groups == nil, total > capacity {
                chunks = stride(from: 0, to: total, by: capacity).map { $0..<min($0 + capacity, total) }
            } else {
                chunks = [0..<total]
            }
            var result: [PlannedSheet] = []
            for (index, chunk) in chunks.enumerated() {
                let name = index == 0 ? sheet.name : "\(sheet.name) (\(index + 1))"
                var planned = PlannedSheet(
                    key: sheet.key, proposedName: name,
                    part: index + 1, rows: [], layout: .table, headerRow: nil, filterLastRow: nil,
                    lastColumn: lastColumn, freezeHeader: sheet.freezeHeader, autofilter: sheet.autofilter,
                    attainmentRanges: [], widths: [], dataRows: chunk.count, controls: [])
                planned.heading = heading(name)
                planned.rows = [PlannedRow(style: .title, cells: [.text(planned.heading)])]
                planned.rows += sheet.notes.map { PlannedRow(style: .note, cells: [.text($0)]) }
                let placed = place(sheet.table, rows: chunk, sheetName: sheet.name, filtered: sheet.autofilter, into: &planned)
                planned.headerRow = placed.header
                planned.filterLastRow = placed.lastBody
                if index == chunks.count - 1 { appendAppendix(sheet, to: &planned) }
                result.append(planned)
            }
            let fitted = fitWidths(result, sheet)
            for i in result.indices { result[i].widths = fitted.widths; result[i].wrapColumns = fitted.wrap }
            return result
        }
    }

    // MARK: Slips

    /// Points per line of a slip row, and the page a slip sheet prints on (A4 portrait, Excel's default margins:
    /// 0.7 in left and right, 0.75 in top and bottom), with room to spare for the header and footer.
    static let slipLineHeight = 16.0
    static let slipTitleHeight = 20.0
    static let pageWidthPoints = 595.0 - 2 * 50.4
    static let pageHeightPoints = 842.0 - 2 * 54 - 12

    /// A column of `width` characters in points, as Excel draws it (7 pixels a character and 5 of padding, at 96 dpi).
    static func columnPoints(_ width: Double) -> Double { ((width * 7 + 5).rounded(.down)) * 0.75 }

    /// The print scale at which the columns fit the page's width, with room to spare: LibreOffice draws a column
    /// about a quarter wider than Excel when Calibri's metric twin is not installed.
    static func printScale(_ widths: [Double]) -> Int {
        let total = widths.map(columnPoints).reduce(0, +)
        let room = pageWidthPoints * 0.72
        guard total > room else { return 100 }
        return max(10, Int((room / total * 100).rounded(.down)))
    }

    private static func planSlips(_ sheet: SheetModel, lastColumn: Int, heading: (String) -> String) -> [PlannedSheet] {
        let fitted = slipWidths(sheet)
        let scale = printScale(fitted.widths)
        let pageHeight = pageHeightPoints * 100 / Double(scale)
        func newSheet(_ part: Int) -> PlannedSheet {
            let name = part == 1 ? sheet.name : "\(sheet.name) (\(part))"
            var p = PlannedSheet(
                key: sheet.key, proposedName: name, part: part, rows: [], layout: .slips, headerRow: nil,
                filterLastRow: nil, lastColumn: lastColumn, freezeHeader: false, autofilter: false,
                attainmentRanges: [], widths: fitted.widths, dataRows: 0, controls: [])
            p.heading = heading(name)
            p.wrapColumns = fitted.wrap
            p.printScale = scale
            p.rows = [PlannedRow(style: .title, cells: [.text(p.heading)])]
            p.rowHeights[0] = slipTitleHeight
            if part == 1 {
                for note in sheet.notes {
                    p.rowHeights[p.rows.count] = slipLineHeight
                    p.rows.append(PlannedRow(style: .note, cells: [.text(note)]))
                }
            }
            return p
        }
        var sheets: [PlannedSheet] = []
        var current = newSheet(1)
        var used = current.rowHeights.values.reduce(0, +)
        var onPage = 0
        for slip in sheet.slips {
            let heights = slip.rows.map { slipRowHeight($0, widths: fitted.widths, wrap: fitted.wrap) }
            let height = heights.reduce(0, +)
            // A slip taller than a page starts on a page of its own and continues, its heading and header repeated.
            let long = height > pageHeight - slipTitleHeight
            if onPage > 0 && (long || used + slipLineHeight + height > pageHeight) {
                let needed = long ? Int((height / pageHeight).rounded(.up)) + 1 : 1
                if current.pageBreaks.count + needed > Worksheet.maxPageBreaks {
                    sheets.append(current)
                    current = newSheet(sheets.count + 1)
                    used = current.rowHeights.values.reduce(0, +)
                } else {
                    current.pageBreaks.append(current.rows.count)
                    used = 0
                }
                onPage = 0
            } else if onPage > 0 {
                current.rowHeights[current.rows.count] = slipLineHeight
                current.rows.append(PlannedRow(style: .blank, cells: []))
                used += slipLineHeight
            }
            let start = current.rows.count
            let lead = slip.rows.prefix { $0.style == .heading || $0.style == .header }.count
            let cuts = long ? slipCuts(heights, lead: lead, slip: slip, used: used, pageHeight: pageHeight) : []
            // Each of the slip's rows at its physical row, then its formulas made absolute through the map.
            var map: [Int] = []
            for (i, row) in slip.rows.enumerated() {
                if cuts.contains(i), current.pageBreaks.count < Worksheet.maxPageBreaks {
                    current.pageBreaks.append(current.rows.count)
                    used = 0
                    for k in 0..<lead {
                        var again = slip.rows[k]
                        if again.style == .heading, let continued = slip.continued { again.cells = [.text(continued)] }
                        current.rowHeights[current.rows.count] = heights[k]
                        current.rows.append(PlannedRow(style: rowStyle(again.style), cells: again.cells))
                        used += heights[k]
                    }
                }
                map.append(current.rows.count)
                current.rowHeights[current.rows.count] = heights[i]
                current.rows.append(PlannedRow(style: rowStyle(row.style), cells: []))
                used += heights[i]
            }
            for (i, row) in slip.rows.enumerated() {
                let r = map[i]
                let cells = row.cells.map { slipCell($0, map: map) }
                current.rows[r].cells = cells
                for (col, cell) in cells.enumerated() {
                    if case .formula(let f) = cell {
                        current.controls.append(
                            ControlFigure(
                                kind: .rowCheck, label: slip.label, column: "",
                                cell: Worksheet.cellName(row: r, col: col),
                                formula: "=" + expand(f.template, row: r), expected: f.cached))
                    }
                }
            }
            current.slipRows.append(start..<current.rows.count)
            current.dataRows += 1
            onPage += 1
        }
        sheets.append(current)
        return sheets
    }

    /// Where a slip taller than a page continues on the next: only among its lines or before its first total (so the
    /// settlement, the amount in words and the signatures stay together), as late as the page allows.
    static func slipCuts(_ heights: [Double], lead: Int, slip: SlipModel, used start: Double, pageHeight: Double) -> Set<Int> {
        let firstTotal = slip.rows.firstIndex { $0.style == .total } ?? slip.rows.count - 1
        let leadHeight = heights.prefix(lead).reduce(0, +)
        var cuts: Set<Int> = []
        var used = start + leadHeight
        var i = lead
        var lastCut = lead
        while i < heights.count {
            if used + heights[i] > pageHeight, i > lastCut {
                // The latest row at or before i that may start a page; past the lines, the first total.
                let cut = min(i, firstTotal)
                guard cut > lastCut else { used += heights[i]; i += 1; continue }
                cuts.insert(cut)
                lastCut = cut
                used = leadHeight
                i = cut
                continue
            }
            used += heights[i]
            i += 1
        }
        return cuts
    }

    static func rowStyle(_ s: SlipRowStyle) -> RowStyle {
        switch s {
        case .heading: return .title
        case .header: return .header
        case .data, .signature: return .data
        case .total: return .total
        }
    }

    /// A slip cell with its `{rK.N}` references made absolute: the slip's row K stands at physical row `map[K]`.
    static func slipCell(_ cell: CellModel, map: [Int]) -> CellModel {
        guard case .formula(var f) = cell, f.template.contains("{r") else { return cell }
        var out = ""
        var rest = Substring(f.template)
        while let open = rest.range(of: "{r") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { out += rest[open.lowerBound...]; rest = ""; break }
            let parts = after[..<close].split(separator: ".")
            if parts.count == 2, let k = Int(parts[0]), let c = Int(parts[1]), map.indices.contains(k) {
                out += Worksheet.cellName(row: map[k], col: c)
            } else {
                out += rest[open.lowerBound...close]
            }
            rest = after[after.index(after: close)...]
        }
        out += rest
        f.template = out
        return .formula(f)
    }

    /// A slip row's height: one line, or as many as its longest wrapped text needs.
    static func slipRowHeight(_ row: SlipRow, widths: [Double], wrap: Set<Int>) -> Double {
        if row.style == .heading { return slipTitleHeight }
        var lines = 1.0
        for (col, cell) in row.cells.enumerated() where col < widths.count && wrap.contains(col) {
            if case .text(let t) = cell {
                let w = textWidth(t)
                if w > widths[col] - 1 { lines = max(lines, (w / max(1, widths[col] - 1)).rounded(.up)) }
            }
        }
        if row.style == .signature { lines = max(lines, 2) }
        return lines * slipLineHeight
    }

    /// Slip columns: fixed where the model fixes them (a wrapped reason column), else fitted to the widest cell.
    static func slipWidths(_ sheet: SheetModel) -> (widths: [Double], wrap: Set<Int>) {
        let count = max(sheet.table.columns.count, sheet.slips.flatMap(\.rows).map(\.cells.count).max() ?? 0)
        var widths = Array(repeating: 0.0, count: count)
        for slip in sheet.slips {
            for row in slip.rows where row.style != .heading {
                let bold = row.style == .header || row.style == .total
                for (col, cell) in row.cells.enumerated() {
                    // A text running on into empty cells to its right does not widen its own column.
                    if case .text = cell, col + 1 < row.cells.count, row.cells[col + 1] == .empty, row.style != .header { continue }
                    widths[col] = max(widths[col], display(cell) * (bold ? boldFactor : 1))
                }
            }
        }
        var wrap: Set<Int> = []
        for col in widths.indices {
            if let fixed = sheet.table.columns[safe: col]?.fixedWidth {
                if widths[col] > fixed { wrap.insert(col) }
                widths[col] = fixed
            } else {
                widths[col] = widths[col].rounded(.up) + 2
            }
        }
        return (widths, wrap)
    }

    private static func appendAppendix(_ sheet: SheetModel, to planned: inout PlannedSheet) {
        for table in sheet.appendix {
            planned.rows.append(PlannedRow(style: .blank, cells: []))
            _ = place(table, rows: 0..<table.rows.count, sheetName: sheet.name, into: &planned)
        }
    }

    /// Places a table (or a chunk of its rows) at the end of `planned`; returns its header row and
    /// the last row of its body (data and subtotals, not the totals row).
    /// In a `filtered` table (the autofilter's), subtotals and totals are `SUBTOTAL(9,…)`, so a filter keeps them
    /// true and the grand total skips the subtotals inside its range.
    private static func place(
        _ table: TableModel, rows chunk: Range<Int>, sheetName: String, filtered: Bool = false,
        into planned: inout PlannedSheet
    ) -> (header: Int, lastBody: Int) {
        if let title = table.title { planned.rows.append(PlannedRow(style: .title, cells: [.text(title)])) }
        let headerRow = planned.physicalCount
        planned.rows.append(PlannedRow(style: .header, cells: table.columns.map { .text($0.header) }))
        let summed = table.columns.indices.filter { table.columns[$0].summed }
        if let streamed = table.streamed {
            return placeStreamed(
                table, streamed, rows: chunk, headerRow: headerRow, summed: summed, filtered: filtered,
                into: &planned)
        }
        let groups: [RowGroup] = table.groups ?? []
        var subtotalRows: [Int] = []
        if groups.isEmpty {
            for i in chunk { planned.rows.append(PlannedRow(style: .data, cells: table.rows[i])) }
        } else {
            for group in groups {
                let first = planned.physicalCount
                for i in group.rows { planned.rows.append(PlannedRow(style: .data, cells: table.rows[i])) }
                let last = planned.physicalCount - 1
                let rowIndex = planned.physicalCount
                var cells = Array(repeating: CellModel.empty, count: table.columns.count)
                cells[safe: table.subtotalLabelColumn] = .text(group.label)
                for (col, cell) in group.cells where col < cells.count { cells[col] = cell }
                for col in summed {
                    let cached = sum(table.rows[group.rows].lazy.map { $0[safe: col] ?? .empty }, kind: table.columns[col].kind)
                    let formula: String
                    if group.rows.isEmpty {
                        formula = "0"
                    } else {
                        formula =
                            (filtered ? "SUBTOTAL(9," : "SUM(")
                            + Worksheet.localRangeName(firstRow: first, firstCol: col, lastRow: last, lastCol: col) + ")"
                    }
                    cells[col] = .formula(RowFormula(formula, cached: cached))
                    planned.controls.append(
                        ControlFigure(
                            kind: .subtotal, label: group.label, column: table.columns[col].header,
                            cell: Worksheet.cellName(row: rowIndex, col: col),
                            formula: "=" + formula, expected: cached))
                }
                addRatios(table, &cells, row: rowIndex, label: group.label, into: &planned)
                planned.rows.append(PlannedRow(style: .subtotal, cells: cells))
                subtotalRows.append(rowIndex)
            }
        }
        let lastBody = planned.physicalCount - 1
        let firstData = headerRow + 1
        // The first attainment column colours its whole row (rows below target in red); any further one its own cells.
        for (n, col) in table.columns.indices.filter({ table.columns[$0].attainment }).enumerated() where lastBody >= firstData {
            planned.attainmentRanges.append((col, n == 0 ? 0 : col, n == 0 ? table.columns.count - 1 : col, firstData, lastBody))
        }
        if let totals = table.totals, lastBody >= firstData {
            let rowIndex = planned.physicalCount
            var cells = Array(repeating: CellModel.empty, count: table.columns.count)
            cells[safe: totals.labelColumn] = .text(totals.label)
            let members: [[CellModel]] = groups.isEmpty ? Array(table.rows[chunk]) : table.rows
            for col in summed {
                let cached = sum(members.lazy.map { $0[safe: col] ?? .empty }, kind: table.columns[col].kind)
                let formula: String
                if groups.isEmpty || filtered {
                    formula =
                        (filtered ? "SUBTOTAL(9," : "SUM(")
                        + Worksheet.localRangeName(firstRow: firstData, firstCol: col, lastRow: lastBody, lastCol: col) + ")"
                } else {
                    formula = sumOfCells(subtotalRows.map { Worksheet.cellName(row: $0, col: col) })
                }
                cells[col] = .formula(RowFormula(formula, cached: cached))
                planned.controls.append(
                    ControlFigure(
                        kind: .total, label: totals.label, column: table.columns[col].header,
                        cell: Worksheet.cellName(row: rowIndex, col: col),
                        formula: "=" + formula, expected: cached))
            }
            addRatios(table, &cells, row: rowIndex, label: totals.label, into: &planned)
            planned.rows.append(PlannedRow(style: .total, cells: cells))
        }
        // Row formulas in the data rows are checked too.
        for r in (headerRow + 1)...max(headerRow + 1, lastBody) where r <= lastBody {
            guard let row = planned.planned(physical: r), row.style == .data else { continue }
            for (col, cell) in row.cells.enumerated() {
                if case .formula(let f) = cell {
                    planned.controls.append(
                        ControlFigure(
                            kind: .rowCheck, label: "", column: table.columns[safe: col]?.header ?? "",
                            cell: Worksheet.cellName(row: r, col: col),
                            formula: "=" + expand(f.template, row: r), expected: f.cached))
                }
            }
        }
        return (headerRow, lastBody)
    }

    /// The streamed part of `place`: the block of rows after the header, then the totals row whose sums the writer
    /// fills in from the rows it writes.
    private static func placeStreamed(
        _ table: TableModel, _ streamed: StreamedRows, rows chunk: Range<Int>, headerRow: Int,
        summed: [Int], filtered: Bool, into planned: inout PlannedSheet
    ) -> (header: Int, lastBody: Int) {
        planned.stream = (at: planned.rows.count, range: chunk, rows: streamed)
        let firstData = headerRow + 1
        let lastBody = headerRow + chunk.count
        if let totals = table.totals, lastBody >= firstData {
            let rowIndex = planned.physicalCount
            var cells = Array(repeating: CellModel.empty, count: table.columns.count)
            cells[safe: totals.labelColumn] = .text(totals.label)
            for col in summed {
                let formula =
                    (filtered ? "SUBTOTAL(9," : "SUM(")
                    + Worksheet.localRangeName(firstRow: firstData, firstCol: col, lastRow: lastBody, lastCol: col) + ")"
                let placeholder = ColumnSum().value(table.columns[col].kind)  // the writer puts the rows' sum here
                cells[col] = .formula(RowFormula(formula, cached: placeholder))
                planned.streamTotals.append((col, planned.controls.count, table.columns[col].kind))
                planned.controls.append(
                    ControlFigure(
                        kind: .total, label: totals.label, column: table.columns[col].header,
                        cell: Worksheet.cellName(row: rowIndex, col: col),
                        formula: "=" + formula, expected: placeholder))
            }
            planned.rows.append(PlannedRow(style: .total, cells: cells))
        }
        return (headerRow, lastBody)
    }

    /// The ratio columns of a subtotal or totals row, as formulas of the row's own sums (empty without a denominator).
    private static func addRatios(
        _ table: TableModel, _ cells: inout [CellModel], row: Int, label: String,
        into planned: inout PlannedSheet
    ) {
        for (col, column) in table.columns.enumerated() {
            guard let ratio = column.ratioOf, col < cells.count,
                case .formula(let num)? = cells[safe: ratio.numerator], case .formula(let den)? = cells[safe: ratio.denominator],
                case .money(let n) = num.cached, case .money(let d) = den.cached, d.fen != 0
            else { continue }
            let cached = CachedValue.ratio(Double(n.fen) / Double(d.fen))
            let formula = Worksheet.cellName(row: row, col: ratio.numerator) + "/" + Worksheet.cellName(row: row, col: ratio.denominator)
            cells[col] = .formula(RowFormula(formula, cached: cached))
            planned.controls.append(
                ControlFigure(
                    kind: .rowCheck, label: label, column: column.header,
                    cell: Worksheet.cellName(row: row, col: col), formula: "=" + formula,
                    expected: cached))
        }
    }

    /// `SUM(a,b,c)`, nested so no SUM has more than 255 arguments.
    static func sumOfCells(_ refs: [String]) -> String {
        if refs.isEmpty { return "0" }
        var level = refs
        while level.count > 250 {
            level = stride(from: 0, to: level.count, by: 250).map { "SUM(" + level[$0..<min($0 + 250, level.count)].joined(separator: ",") + ")" }
        }
        return "SUM(" + level.joined(separator: ",") + ")"
    }

    /// Sums the cells of one column exactly: money in fen, integers as integers.
    static func sum<S: Sequence>(_ cells: S, kind: ColumnKind) -> CachedValue where S.Element == CellModel {
        var total = ColumnSum()
        for cell in cells { total.add(cell) }
        return total.value(kind)
    }

    /// A column's running total, as `sum` adds it: the planned totals use it, and the writer for rows it streams.
    struct ColumnSum {
        var fen: Int64 = 0
        var int = 0
        var dbl = 0.0

        mutating func add(_ cell: CellModel) {
            switch cell {
            case .money(let m): fen += m.fen
            case .integer(let n): int += n
            case .decimal(let d), .percent(let d): dbl += d
            case .formula(let f):
                switch f.cached {
                case .money(let m): fen += m.fen
                case .integer(let n): int += n
                case .number(let d), .ratio(let d): dbl += d
                }
            default: break
            }
        }

        func value(_ kind: ColumnKind) -> CachedValue {
            switch kind {
            case .money: return .money(Money(fen: fen))
            case .integer: return .integer(int)
            default: return .number(dbl + Double(int) + Double(fen) / 100)
            }
        }
    }

    /// Replaces `{N}` with the A1 name of column N on `row`.
    static func expand(_ template: String, row: Int) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var digits = ""
        var inside = false
        for ch in template {
            if inside {
                if ch == "}" {
                    out += Int(digits).map { Worksheet.cellName(row: row, col: $0) } ?? "{\(digits)}"
                    inside = false; digits = ""
                } else {
                    digits.append(ch)
                }
            } else if ch == "{" {
                inside = true
            } else {
                out.append(ch)
            }
        }
        if inside { out += "{" + digits }
        return out
    }

    // MARK: Widths

    /// The widths a sheet's first physical sheet gets.
    static func fitWidths(_ sheet: SheetModel) -> [Double] {
        plan(sheet, maxRows: Worksheet.maxRows).first?.widths ?? []
    }

    /// Bold text (headers, subtotals, totals) is this much wider than regular.
    static let boldFactor = 1.1
    /// Text wider than this wraps (reasons, messages, raw rows), so detail sheets print at a readable size.
    static let textCap = 40.0

    /// Column widths from the widest value as formatted (money as `¥#,##0.00`, CJK counted double, bold rows
    /// included, totals too), plus two; text columns at most `textCap` wide, their longer texts wrapped.
    /// Title and note rows run on to the right and do not count.
    static func fitWidths(_ planned: [PlannedSheet], _ sheet: SheetModel) -> (widths: [Double], wrap: Set<Int>) {
        let tables = [sheet.table] + sheet.appendix
        let count = tables.map { $0.columns.count }.max() ?? 0
        var numeric = Array(repeating: 0.0, count: count)
        var text = Array(repeating: 0.0, count: count)
        func add(_ cell: CellModel, _ col: Int, bold: Bool) {
            guard col < count else { return }
            let w = display(cell) * (bold ? boldFactor : 1)
            switch cell {
            case .text, .id: text[col] = max(text[col], w)
            case .empty: break
            default: numeric[col] = max(numeric[col], w)
            }
        }
        for p in planned {
            for row in p.rows {
                switch row.style {
                case .title, .note, .blank: continue
                default:
                    let bold = row.style == .header || row.style == .subtotal || row.style == .total
                    for (col, cell) in row.cells.enumerated() { add(cell, col, bold: bold) }
                }
            }
        }
        for table in tables {
            guard let streamed = table.streamed else { continue }
            for (col, w) in streamed.widths.enumerated() where col < count {
                if let kind = table.columns[safe: col]?.kind, kind == .text || kind == .id {
                    text[col] = max(text[col], w)
                } else {
                    numeric[col] = max(numeric[col], w)
                }
            }
            for (col, sum) in streamed.expectedSums where col < count {
                let cell: CellModel
                switch sum {
                case .money(let m): cell = .money(m)
                case .integer(let n): cell = .integer(n)
                case .number(let d): cell = .decimal(d)
                case .ratio(let d): cell = .percent(d)
                }
                numeric[col] = max(numeric[col], display(cell) * boldFactor)
            }
        }
        var widths = Array(repeating: 0.0, count: count)
        var wrap: Set<Int> = []
        for col in 0..<count {
            let fixed = tables.compactMap { $0.columns[safe: col]?.fixedWidth }.max()
            let cap = fixed ?? textCap
            let body = max(numeric[col], min(text[col], cap))
            if text[col] > body { wrap.insert(col) }
            widths[col] = fixed.map { max($0, numeric[col].rounded(.up) + 2) } ?? (body.rounded(.up) + 2)
        }
        return (widths, wrap)
    }

    /// The width of a cell as displayed.
    static func display(_ cell: CellModel) -> Double {
        switch cell {
        case .empty: return 0
        case .text(let s), .id(let s): return textWidth(s)
        case .money(let m): return Double(moneyWidth(m))
        case .percent(let p): return Double(percentText(p).count)
        case .integer(let n): return Double(groupedWidth(UInt64(n.magnitude)) + (n < 0 ? 1 : 0))
        case .date: return 10
        case .decimal(let d):
            // Whole numbers print as "430.0"; others as Swift prints them.
            // As `#,##0.00##` shows it: grouped whole part, two to four decimals.
            guard d.isFinite, Swift.abs(d) < 1e15 else { return Double(String(d).count) }
            let whole = UInt64(Swift.abs(d).rounded(.down))
            var decimals = 2
            var scaled = (Swift.abs(d) - Double(whole)) * 100
            while decimals < 4 && Swift.abs(scaled - scaled.rounded()) > 1e-9 { scaled *= 10; decimals += 1 }
            return Double(groupedWidth(whole) + 1 + decimals + (d < 0 ? 1 : 0))
        case .formula(let f):
            switch f.cached {
            case .money(let m): return Double(moneyWidth(m))
            case .integer(let n): return display(.integer(n))
            case .number(let d): return display(.decimal(d))
            case .ratio(let d): return display(.percent(d))
            }
        }
    }

    /// The width of text in Excel column units, as `Worksheet.displayWidth` counts it (East Asian wide
    /// and full-width characters 2, combining marks 0, others 1, the widest line), with an ASCII fast path.
    static func textWidth(_ text: String) -> Double {
        var ascii = true
        var count = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 { ascii = false; break }
            count += 1
            if count > widthScanLimit { return Double(count) }  // columns stop at 80 anyway
        }
        if ascii { return Double(count) }
        var widest = 0, current = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A { widest = max(widest, current); current = 0; continue }
            if v < 0x20 { continue }
            if v < 0x300 { current += 1; continue }
            if wideRanges.contains(where: { $0.contains(v) }) { current += 2; continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: current += 1
            }
            if current > widthScanLimit { break }
        }
        return Double(max(widest, current))
    }

    /// Past this width a cell's exact width no longer matters (columns are at most 80 wide).
    static let widthScanLimit = 120

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x4E00...0x9FFF, 0x3400...0x4DBF, 0xFF00...0xFF60, 0x3041...0x33FF, 0x2E80...0x303E, 0x1100...0x115F,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD
    ]

    /// "¥1,234.50" (for width estimates).
    static func moneyText(_ m: Money) -> String {
        let text = m.description
        let neg = text.hasPrefix("-")
        let body = neg ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".")
        return (neg ? "-" : "") + "¥" + groupedDigits(String(parts[0])) + "." + String(parts.count > 1 ? parts[1] : "00")
    }

    /// `moneyText(m).count` without making the text: sign, ¥, digits with commas, point and two decimals.
    static func moneyWidth(_ m: Money) -> Int {
        (m.fen < 0 ? 1 : 0) + 1 + groupedWidth(UInt64(m.fen.magnitude) / 100) + 3
    }

    /// Digits of `n`.
    static func groupedDigitCount(_ n: UInt64) -> Int {
        var d = 1, v = n
        while v >= 10 { v /= 10; d += 1 }
        return d
    }

    /// Digits of `n` with thousands commas.
    static func groupedWidth(_ n: UInt64) -> Int {
        let d = groupedDigitCount(n)
        return d + (d - 1) / 3
    }

    static func percentText(_ p: Double) -> String {
        guard p.isFinite else { return "" }
        let tenths = (p * 1000).rounded(.toNearestOrAwayFromZero)
        return String(Int64(tenths) / 10) + ".0%"
    }

    static func groupedDigits(_ digits: String) -> String {
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        get { indices.contains(index) ? self[index] : nil }
        set { if let newValue, indices.contains(index) { self[index] = newValue } }
    }
}
