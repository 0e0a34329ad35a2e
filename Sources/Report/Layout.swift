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
    static func plan(_ sheet: SheetModel, maxRows: Int) -> [PlannedSheet] {
        let widths = fitWidths(sheet)
        let lastColumn = max(0, ([sheet.table] + sheet.appendix).map { $0.columns.count }.max() ?? 1) - 1
        switch sheet.layout {
        case .slips:
            var rows: [PlannedRow] = sheet.notes.map { PlannedRow(style: .note, cells: [.text($0)]) }
            if let title = sheet.table.title { rows.append(PlannedRow(style: .title, cells: [.text(title)])) }
            let header = sheet.table.columns.map { CellModel.text($0.header) }
            for (i, row) in sheet.table.rows.enumerated() {
                if i > 0 { rows.append(PlannedRow(style: .blank, cells: [])) }
                rows.append(PlannedRow(style: .header, cells: header))
                rows.append(PlannedRow(style: .data, cells: row))
            }
            var planned = PlannedSheet(key: sheet.key, proposedName: sheet.name, part: 1, rows: rows, layout: .slips,
                                       headerRow: nil, filterLastRow: nil, lastColumn: lastColumn, freezeHeader: false,
                                       autofilter: false, attainmentRanges: [], widths: widths,
                                       dataRows: sheet.table.rows.count, controls: [])
            appendAppendix(sheet, to: &planned)
            return [planned]
        case .table:
            let fixed = sheet.notes.count + (sheet.table.title == nil ? 0 : 1) + 1 + (sheet.table.totals == nil ? 0 : 1)
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
                var planned = PlannedSheet(key: sheet.key, proposedName: index == 0 ? sheet.name : "\(sheet.name) (\(index + 1))",
                                           part: index + 1, rows: [], layout: .table, headerRow: nil, filterLastRow: nil,
                                           lastColumn: lastColumn, freezeHeader: sheet.freezeHeader, autofilter: sheet.autofilter,
                                           attainmentRanges: [], widths: widths, dataRows: chunk.count, controls: [])
                planned.rows = sheet.notes.map { PlannedRow(style: .note, cells: [.text($0)]) }
                let placed = place(sheet.table, rows: chunk, sheetName: sheet.name, into: &planned)
                planned.headerRow = placed.header
                planned.filterLastRow = placed.lastBody
                if index == chunks.count - 1 { appendAppendix(sheet, to: &planned) }
                result.append(planned)
            }
            return result
        }
    }

    private static func appendAppendix(_ sheet: SheetModel, to planned: inout PlannedSheet) {
        for table in sheet.appendix {
            planned.rows.append(PlannedRow(style: .blank, cells: []))
            _ = place(table, rows: 0..<table.rows.count, sheetName: sheet.name, into: &planned)
        }
    }

    /// Places a table (or a chunk of its rows) at the end of `planned`; returns its header row and
    /// the last row of its body (data and subtotals, not the totals row).
    private static func place(_ table: TableModel, rows chunk: Range<Int>, sheetName: String,
                              into planned: inout PlannedSheet) -> (header: Int, lastBody: Int) {
        if let title = table.title { planned.rows.append(PlannedRow(style: .title, cells: [.text(title)])) }
        let headerRow = planned.physicalCount
        planned.rows.append(PlannedRow(style: .header, cells: table.columns.map { .text($0.header) }))
        let summed = table.columns.indices.filter { table.columns[$0].summed }
        if let streamed = table.streamed {
            return placeStreamed(table, streamed, rows: chunk, headerRow: headerRow, summed: summed, into: &planned)
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
                        formula = "SUM(" + Worksheet.localRangeName(firstRow: first, firstCol: col, lastRow: last, lastCol: col) + ")"
                    }
                    cells[col] = .formula(RowFormula(formula, cached: cached))
                    planned.controls.append(ControlFigure(kind: .subtotal, label: group.label, column: table.columns[col].header,
                                                          cell: Worksheet.cellName(row: rowIndex, col: col),
                                                          formula: "=" + formula, expected: cached))
                }
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
                if groups.isEmpty {
                    formula = "SUM(" + Worksheet.localRangeName(firstRow: firstData, firstCol: col, lastRow: lastBody, lastCol: col) + ")"
                } else {
                    formula = sumOfCells(subtotalRows.map { Worksheet.cellName(row: $0, col: col) })
                }
                cells[col] = .formula(RowFormula(formula, cached: cached))
                planned.controls.append(ControlFigure(kind: .total, label: totals.label, column: table.columns[col].header,
                                                      cell: Worksheet.cellName(row: rowIndex, col: col),
                                                      formula: "=" + formula, expected: cached))
            }
            planned.rows.append(PlannedRow(style: .total, cells: cells))
        }
        // Row formulas in the data rows are checked too.
        for r in (headerRow + 1)...max(headerRow + 1, lastBody) where r <= lastBody {
            guard let row = planned.planned(physical: r), row.style == .data else { continue }
            for (col, cell) in row.cells.enumerated() {
                if case .formula(let f) = cell {
                    planned.controls.append(ControlFigure(kind: .rowCheck, label: "", column: table.columns[safe: col]?.header ?? "",
                                                          cell: Worksheet.cellName(row: r, col: col),
                                                          formula: "=" + expand(f.template, row: r), expected: f.cached))
                }
            }
        }
        return (headerRow, lastBody)
    }

    /// The streamed part of `place`: the block of rows after the header, then the totals row whose sums the writer
    /// fills in from the rows it writes.
    private static func placeStreamed(_ table: TableModel, _ streamed: StreamedRows, rows chunk: Range<Int>, headerRow: Int,
                                      summed: [Int], into planned: inout PlannedSheet) -> (header: Int, lastBody: Int) {
        planned.stream = (at: planned.rows.count, range: chunk, rows: streamed)
        let firstData = headerRow + 1
        let lastBody = headerRow + chunk.count
        if let totals = table.totals, lastBody >= firstData {
            let rowIndex = planned.physicalCount
            var cells = Array(repeating: CellModel.empty, count: table.columns.count)
            cells[safe: totals.labelColumn] = .text(totals.label)
            for col in summed {
                let formula = "SUM(" + Worksheet.localRangeName(firstRow: firstData, firstCol: col, lastRow: lastBody, lastCol: col) + ")"
                let placeholder = ColumnSum().value(table.columns[col].kind)   // the writer puts the rows' sum here
                cells[col] = .formula(RowFormula(formula, cached: placeholder))
                planned.streamTotals.append((col, planned.controls.count, table.columns[col].kind))
                planned.controls.append(ControlFigure(kind: .total, label: totals.label, column: table.columns[col].header,
                                                      cell: Worksheet.cellName(row: rowIndex, col: col),
                                                      formula: "=" + formula, expected: placeholder))
            }
            planned.rows.append(PlannedRow(style: .total, cells: cells))
        }
        return (headerRow, lastBody)
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
                case .number(let d): dbl += d
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
                } else { digits.append(ch) }
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

    /// Column widths fitted to headers and content (CJK characters count double), 6…80.
    static func fitWidths(_ sheet: SheetModel) -> [Double] {
        let tables = [sheet.table] + sheet.appendix
        let count = tables.map { $0.columns.count }.max() ?? 0
        var widths = Array(repeating: 0.0, count: count)
        for table in tables {
            for (col, column) in table.columns.enumerated() {
                if let fixed = column.fixedWidth { widths[col] = max(widths[col], fixed); continue }
                var w = textWidth(column.header) + 1 // bold header
                for row in table.rows where col < row.count {
                    w = max(w, display(row[col]))
                }
                if let streamed = table.streamed, col < streamed.widths.count { w = max(w, streamed.widths[col]) }
                if let groups = table.groups, col == table.subtotalLabelColumn {
                    for g in groups { w = max(w, textWidth(g.label)) }
                }
                if let totals = table.totals, col == totals.labelColumn { w = max(w, textWidth(totals.label)) }
                widths[col] = max(widths[col], min(80, max(6, w + 2)))
            }
        }
        return widths
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
            if d == d.rounded(), Swift.abs(d) < 1e15 { return Double(groupedDigitCount(UInt64(Swift.abs(d))) + 2 + (d < 0 ? 1 : 0)) }
            return Double(String(d).count)
        case .formula(let f):
            switch f.cached {
            case .money(let m): return Double(moneyText(m).count)
            case .integer(let n): return Double(String(n).count)
            case .number(let d): return Double(String(d).count)
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
            if count > widthScanLimit { return Double(count) } // columns stop at 80 anyway
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
        0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
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
