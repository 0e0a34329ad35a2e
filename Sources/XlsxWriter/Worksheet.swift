import CXlsxWriter

/// One worksheet of a `Workbook`. Rows and columns are zero-based.
///
/// Every method throws `XlsxError` instead of trapping: out-of-range cells,
/// values Excel cannot hold, use after the workbook is closed.
public final class Worksheet {
    /// Excel's row limit (rows 0..<maxRows).
    public static let maxRows = 1_048_576
    /// Excel's column limit (columns 0..<maxColumns, A…XFD).
    public static let maxColumns = 16_384
    /// Excel's limit on the characters (UTF-16 units) of one cell.
    public static let maxStringLength = 32_767
    /// Excel's limit on the length of a formula.
    public static let maxFormulaLength = 8_192

    /// The sheet's name.
    public let name: String
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_worksheet>

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.pointer = pointer
        self.name = name
    }

    // MARK: Cells

    /// Writes `text` as a string cell, always: text starting with `=`, `+`,
    /// `-` or `@` stays text, never a formula.
    ///
    /// C0 control characters other than tab and line feed are removed (a
    /// carriage return becomes a line feed, CR LF one line feed); literal
    /// `_xHHHH_` sequences are escaped so Excel shows them unchanged. Throws
    /// when the cleaned text is over 32,767 UTF-16 units; see `cutToCellLimit`.
    public func writeString(_ row: Int, _ col: Int, _ text: String, _ format: Format? = nil) throws {
        let op = "write string"
        let (context, r, c) = try cell(op, row, col)
        let fmt = try formatPointer(format, op, context)
        if Worksheet.isPlainCellText(text) {
            try run(op, context) { worksheet_write_string(pointer, r, c, text, fmt) }
            return
        }
        let clean = Worksheet.removingControlCharacters(text)
        try Worksheet.checkLength(clean, op, context)
        let escaped = Worksheet.escapingExcelEscapes(clean)
        try run(op, context) { worksheet_write_string(pointer, r, c, escaped, fmt) }
    }

    /// Writes a number. NaN and ±infinity throw (Excel has no such values;
    /// libxlsxwriter 1.1.4 would write the text `NAN` into the XML).
    public func writeNumber(_ row: Int, _ col: Int, _ value: Double, _ format: Format? = nil) throws {
        let op = "write number"
        let (context, r, c) = try cell(op, row, col)
        try Worksheet.checkFinite(value, op, context)
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_write_number(pointer, r, c, value, fmt) }
    }

    /// Writes a formula with its cached result, so readers that do not
    /// recalculate still see the value. A leading `=` is optional.
    public func writeFormula(_ row: Int, _ col: Int, formula: String, cachedValue: Double, _ format: Format? = nil) throws {
        let op = "write formula"
        let (context, r, c) = try cell(op, row, col)
        try Worksheet.checkFormula(formula, op, context)
        try Worksheet.checkFinite(cachedValue, op, context)
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_write_formula_num(pointer, r, c, formula, fmt, cachedValue) }
    }

    /// Writes a formula whose cached result is text.
    public func writeFormula(_ row: Int, _ col: Int, formula: String, cachedText: String, _ format: Format? = nil) throws {
        let op = "write formula"
        let (context, r, c) = try cell(op, row, col)
        try Worksheet.checkFormula(formula, op, context)
        let clean = Worksheet.removingControlCharacters(cachedText)
        try Worksheet.checkLength(clean, op, context)
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_write_formula_str(pointer, r, c, formula, fmt, clean) }
    }

    /// Writes a date (no time) as an Excel date serial. Without a format the
    /// workbook's `yyyy-mm-dd` format is used so the cell shows as a date.
    public func writeDate(_ row: Int, _ col: Int, year: Int, month: Int, day: Int, _ format: Format? = nil) throws {
        try writeDate(row, col, CalendarDate(year: year, month: month, day: day), format)
    }

    /// Writes a date (no time); see `writeDate(_:_:year:month:day:_:)`.
    public func writeDate(_ row: Int, _ col: Int, _ date: CalendarDate, _ format: Format? = nil) throws {
        let op = "write date"
        let (context, r, c) = try cell(op, row, col)
        guard date.isValid, (1900...9999).contains(date.year) else {
            throw context.limit(op, "date \(date.year)-\(date.month)-\(date.day) is not a valid date within Excel's 1900-01-01 to 9999-12-31")
        }
        let fmt = try formatPointer(format ?? workbook.addFormat(CellFormat(numberFormat: "yyyy-mm-dd")), op, context)
        var datetime = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
        try run(op, context) { worksheet_write_datetime(pointer, r, c, &datetime, fmt) }
    }

    /// Writes a formatted empty cell (a blank without a format writes nothing).
    public func writeBlank(_ row: Int, _ col: Int, _ format: Format? = nil) throws {
        let op = "write blank"
        let (context, r, c) = try cell(op, row, col)
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_write_blank(pointer, r, c, fmt) }
    }

    /// Writes a boolean cell.
    public func writeBoolean(_ row: Int, _ col: Int, _ value: Bool, _ format: Format? = nil) throws {
        let op = "write boolean"
        let (context, r, c) = try cell(op, row, col)
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_write_boolean(pointer, r, c, value ? 1 : 0, fmt) }
    }

    /// Merges a range and writes `text` (cleaned like `writeString`) into it.
    /// Not available in constant-memory mode.
    public func mergeRange(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, _ text: String, _ format: Format? = nil) throws {
        let op = "merge range"
        let (context, r1, c1, r2, c2) = try range(op, firstRow, firstCol, lastRow, lastCol)
        let clean = Worksheet.removingControlCharacters(text)
        try Worksheet.checkLength(clean, op, context)
        let escaped = Worksheet.escapingExcelEscapes(clean)
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_merge_range(pointer, r1, c1, r2, c2, escaped, fmt) }
    }

    // MARK: Rows and columns

    /// Sets the width (in characters, 0–255) and optional format of columns `first...last`.
    public func setColumn(_ first: Int, _ last: Int, width: Double, format: Format? = nil, hidden: Bool = false) throws {
        let op = "set column"
        let (context, _, c1, _, c2) = try range(op, 0, first, 0, last)
        guard width.isFinite, (0...255).contains(width) else {
            throw context.limit(op, "column width \(width) outside Excel's 0–255 range")
        }
        let fmt = try formatPointer(format, op, context)
        var options = lxw_row_col_options(hidden: hidden ? 1 : 0, level: 0, collapsed: 0)
        try run(op, context) { worksheet_set_column_opt(pointer, c1, c2, width, fmt, &options) }
    }

    /// Sets a row's height (points, 0–409) and optional format.
    public func setRow(_ row: Int, height: Double, format: Format? = nil) throws {
        let op = "set row"
        let (context, r, _) = try cell(op, row, 0)
        guard height.isFinite, (0...409).contains(height) else {
            throw context.limit(op, "row height \(height) outside Excel's 0–409 point range")
        }
        let fmt = try formatPointer(format, op, context)
        try run(op, context) { worksheet_set_row(pointer, r, height, fmt) }
    }

    // MARK: View and filter

    /// Freezes the rows above `row` and the columns left of `col`
    /// (`freezePanes(1, 0)` freezes the header row).
    public func freezePanes(_ row: Int, _ col: Int) throws {
        let op = "freeze panes"
        let (context, r, c) = try cell(op, row, col)
        try runVoid(op, context) { worksheet_freeze_panes(pointer, r, c) }
    }

    /// Adds an autofilter over the range (its first row holds the headers).
    public func autofilter(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int) throws {
        let op = "autofilter"
        let (context, r1, c1, r2, c2) = try range(op, firstRow, firstCol, lastRow, lastCol)
        try run(op, context) { worksheet_autofilter(pointer, r1, c1, r2, c2) }
    }

    /// Hides the gridlines on screen and in print.
    public func hideGridlines() throws {
        try runVoid("hide gridlines", context()) { worksheet_gridlines(pointer, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)) }
    }

    /// Sets the sheet tab's colour (0xRRGGBB).
    public func setTabColor(_ rgb: UInt32) throws {
        guard rgb <= 0xFFFFFF else {
            throw context().error("set tab color", .invalidUse("colour 0x\(String(rgb, radix: 16)) is not 0xRRGGBB"))
        }
        try runVoid("set tab color", context()) { worksheet_set_tab_color(pointer, lxwColor(rgb)) }
    }

    /// Makes this the sheet shown when the workbook opens.
    public func activate() throws {
        try runVoid("activate", context()) { worksheet_activate(pointer) }
    }

    // MARK: Printing

    /// Prints in landscape orientation.
    public func setLandscape() throws {
        try runVoid("set landscape", context()) { worksheet_set_landscape(pointer) }
    }

    /// Prints in portrait orientation.
    public func setPortrait() throws {
        try runVoid("set portrait", context()) { worksheet_set_portrait(pointer) }
    }

    /// Scales printing to fit `width` pages wide by `height` pages tall;
    /// 0 means "as many as needed" (`fitToPages(width: 1, height: 0)`).
    public func fitToPages(width: Int, height: Int) throws {
        let context = context()
        guard (0...Int(UInt16.max)).contains(width), (0...Int(UInt16.max)).contains(height) else {
            throw context.limit("fit to pages", "page counts \(width)×\(height) outside 0–65535")
        }
        try runVoid("fit to pages", context) { worksheet_fit_to_pages(pointer, UInt16(width), UInt16(height)) }
    }

    /// Repeats rows `first...last` at the top of each printed page.
    public func repeatRows(_ first: Int, _ last: Int) throws {
        let op = "repeat rows"
        let (context, r1, _, r2, _) = try range(op, first, 0, last, 0)
        try run(op, context) { worksheet_repeat_rows(pointer, r1, r2) }
    }

    /// Sets the paper size by Excel's code (1 Letter, 9 A4, 8 A3 …, 0 printer default).
    public func setPaper(_ code: Int) throws {
        let context = context()
        guard (0...41).contains(code) else {
            throw context.limit("set paper", "paper code \(code) outside Excel's 0–41 range")
        }
        try runVoid("set paper", context) { worksheet_set_paper(pointer, UInt8(code)) }
    }

    /// Sets the printed header, in Excel's header syntax (`&C&P / &N`…);
    /// at most 255 characters.
    public func setHeader(_ text: String) throws {
        let op = "set header"
        let context = context()
        let clean = Worksheet.removingControlCharacters(text)
        guard clean.utf16.count <= 255 else { throw context.limit(op, "header over Excel's 255-character limit") }
        try run(op, context) { worksheet_set_header(pointer, clean) }
    }

    /// Sets the printed footer; see `setHeader`.
    public func setFooter(_ text: String) throws {
        let op = "set footer"
        let context = context()
        let clean = Worksheet.removingControlCharacters(text)
        guard clean.utf16.count <= 255 else { throw context.limit(op, "footer over Excel's 255-character limit") }
        try run(op, context) { worksheet_set_footer(pointer, clean) }
    }

    /// Excel's limit of manual horizontal page breaks on one sheet.
    public static let maxPageBreaks = 1_023

    /// Starts a new printed page above each of `rows` (0-based; a break at row 20 prints row 20 first on its
    /// page). At most `maxPageBreaks`; `fitToPages` would override them, so a sheet with breaks uses `setPrintScale`.
    public func setHorizontalPageBreaks(_ rows: [Int]) throws {
        let op = "set page breaks"
        let context = context()
        guard rows.count <= Worksheet.maxPageBreaks else {
            throw context.limit(op, "\(rows.count) page breaks over Excel's 1,023-a-sheet limit")
        }
        guard !rows.isEmpty else { return }
        var breaks: [lxw_row_t] = []
        for r in rows {
            if let problem = Worksheet.gridProblem(row: r, col: 0) { throw context.limit(op, problem) }
            breaks.append(lxw_row_t(r))
        }
        breaks.append(0)  // the list's end
        try breaks.withUnsafeMutableBufferPointer { buffer in
            try run(op, context) { worksheet_set_h_pagebreaks(pointer, buffer.baseAddress) }
        }
    }

    /// Prints at `percent` of full size (10–400).
    public func setPrintScale(_ percent: Int) throws {
        let context = context()
        guard (10...400).contains(percent) else {
            throw context.limit("set print scale", "print scale \(percent)% outside Excel's 10–400% range")
        }
        try runVoid("set print scale", context) { worksheet_set_print_scale(pointer, UInt16(percent)) }
    }

    /// A piece of a printed header or footer.
    public enum HeaderPart: Sendable, Hashable {
        case text(String)
        /// The page number (`&P`).
        case page
        /// The number of pages (`&N`).
        case pages
    }

    /// A header or footer in Excel's syntax from its left, centre and right sections: `&` in texts is escaped,
    /// and the centre's texts are cut so the whole stays within Excel's 255 characters.
    public static func headerFooter(left: [HeaderPart] = [], center: [HeaderPart] = [], right: [HeaderPart] = []) -> String {
        func render(_ parts: [HeaderPart]) -> String {
            parts.map { part -> String in
                switch part {
                case .text(let s): return s.replacingOccurrences(of: "&", with: "&&")
                case .page: return "&P"
                case .pages: return "&N"
                }
            }.joined()
        }
        let l = left.isEmpty ? "" : "&L" + render(left)
        let r = right.isEmpty ? "" : "&R" + render(right)
        var middle = center
        var c = center.isEmpty ? "" : "&C" + render(middle)
        while (l + c + r).utf16.count > 255,
            let i = middle.lastIndex(where: {
                if case .text(let t) = $0 { return !t.isEmpty }; return false
            })
        {
            if case .text(var t) = middle[i] { t.removeLast(); middle[i] = .text(t) }
            c = "&C" + render(middle)
        }
        return l + c + r
    }

    // MARK: Protection

    /// Protects the sheet against editing (Excel's default protection:
    /// locked cells may be selected, nothing may be changed). The password,
    /// if any, is stored only as Excel's 16-bit hash; it is never logged or
    /// placed in an error. This deters edits; it does not encrypt.
    public func protect(password: String?) throws {
        let op = "protect"
        let context = context()
        if let password, password.utf16.count > 255 {
            throw context.limit(op, "password over Excel's 255-character limit")
        }
        try runVoid(op, context) { worksheet_protect(pointer, password, nil) }
    }

    // MARK: Charts

    /// Places `chart` with its top-left corner at the cell; each chart can be
    /// inserted once, and must have at least one series.
    public func insertChart(
        _ row: Int, _ col: Int, _ chart: Chart, xOffset: Int = 0, yOffset: Int = 0,
        xScale: Double = 1, yScale: Double = 1
    ) throws {
        let op = "insert chart"
        let (context, r, c) = try cell(op, row, col)
        guard chart.workbook === workbook else {
            throw context.error(op, .invalidUse("the chart belongs to another workbook"))
        }
        guard chart.seriesCount > 0 else {
            throw context.error(op, .invalidUse("the chart has no series"))
        }
        guard !chart.isInserted else {
            throw context.error(op, .invalidUse("the chart is already inserted"))
        }
        guard xScale.isFinite, yScale.isFinite, xScale > 0, yScale > 0,
            let xo = Int32(exactly: xOffset), let yo = Int32(exactly: yOffset)
        else {
            throw context.error(op, .invalidUse("chart offsets or scales out of range"))
        }
        var options = lxw_chart_options()
        options.x_offset = xo
        options.y_offset = yo
        options.x_scale = xScale
        options.y_scale = yScale
        try run(op, context) { worksheet_insert_chart_opt(pointer, r, c, chart.pointer, &options) }
        chart.isInserted = true
    }

    // MARK: Plumbing

    func context(cell: String? = nil) -> ErrorContext {
        ErrorContext(path: workbook.path, sheet: name, cell: cell)
    }

    /// Runs a C call that returns `lxw_error`, under the C numeric locale.
    func run(_ op: String, _ context: ErrorContext, _ body: () -> lxw_error) throws {
        _ = try workbook.live(op, sheet: name, cell: context.cell)
        let code = workbook.locale.run(body)
        try context.check(code, op)
    }

    /// Runs a C call without a result, under the C numeric locale.
    func runVoid(_ op: String, _ context: ErrorContext, _ body: () -> Void) throws {
        _ = try workbook.live(op, sheet: name, cell: context.cell)
        workbook.locale.run(body)
    }

    func formatPointer(_ format: Format?, _ op: String, _ context: ErrorContext) throws -> UnsafeMutablePointer<lxw_format>? {
        try workbook.pointer(of: format, op, sheet: name, cell: context.cell)
    }

    /// Checks a cell against Excel's grid.
    func cell(_ op: String, _ row: Int, _ col: Int) throws -> (ErrorContext, lxw_row_t, lxw_col_t) {
        var context = context()
        if row >= 0 && col >= 0 { context.at = (row, col) }
        if let problem = Worksheet.gridProblem(row: row, col: col) {
            throw context.limit(op, problem)
        }
        return (context, lxw_row_t(row), lxw_col_t(col))
    }

    /// Checks a range against Excel's grid and its corner order.
    func range(_ op: String, _ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int)
        throws -> (ErrorContext, lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t)
    {
        var context = context()
        if firstRow >= 0, firstCol >= 0, lastRow >= 0, lastCol >= 0 {
            context.cell = Worksheet.cellName(row: firstRow, col: firstCol) + ":" + Worksheet.cellName(row: lastRow, col: lastCol)
        }
        for (row, col) in [(firstRow, firstCol), (lastRow, lastCol)] {
            if let problem = Worksheet.gridProblem(row: row, col: col) { throw context.limit(op, problem) }
        }
        guard firstRow <= lastRow, firstCol <= lastCol else {
            throw context.error(op, .invalidUse("range's first row/column is after its last"))
        }
        return (context, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol))
    }

    static func gridProblem(row: Int, col: Int) -> String? {
        if row < 0 { return "row index \(row) is negative" }
        if col < 0 { return "column index \(col) is negative" }
        if row >= maxRows { return "row \(row + 1) past Excel's 1,048,576-row limit" }
        if col >= maxColumns { return "column \(col + 1) past Excel's 16,384-column limit (XFD)" }
        return nil
    }

    static func checkFinite(_ value: Double, _ op: String, _ context: ErrorContext) throws {
        guard value.isFinite else {
            throw context.limit(op, "number is NaN/infinite (\(value)); Excel cells hold only finite numbers")
        }
    }

    static func checkLength(_ text: String, _ op: String, _ context: ErrorContext) throws {
        let units = text.utf16.count
        guard units <= maxStringLength else {
            throw context.limit(op, "string of \(units) UTF-16 units over Excel's 32,767-character cell limit")
        }
    }

    static func checkFormula(_ formula: String, _ op: String, _ context: ErrorContext) throws {
        let body = formula.hasPrefix("=") ? formula.dropFirst() : Substring(formula)
        guard !body.isEmpty else { throw context.error(op, .invalidUse("formula is empty")) }
        guard body.utf16.count <= maxFormulaLength else {
            throw context.limit(op, "formula over Excel's 8,192-character limit")
        }
        guard !formula.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) else {
            throw context.error(op, .invalidUse("formula contains a control character"))
        }
    }
}
