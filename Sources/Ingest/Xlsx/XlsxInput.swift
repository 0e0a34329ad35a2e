import Foundation
import SalesCore

/// A sheet of a workbook read as one input file (inputs.md "File kinds"): named `workbook.xlsx:sheet` in the
/// summary (`rejected_rows[].file`, `inputs[].file`) with the sheet's row number as its line; messages locate a
/// cell as `workbook.xlsx:sheet!C7` (`SheetLocation`).
final class SheetSource: @unchecked Sendable {
    let book: XlsxBook
    let sheet: XlsxBook.Sheet
    let fileName: String
    /// The header's sheet row (title rows above it are not rows of the file).
    let headerRow: Int
    /// Columns A… up to the header's last named cell.
    let width: Int
    let estimatedRows: Int

    init(book: XlsxBook, sheet: XlsxBook.Sheet, headerRow: Int, width: Int, estimatedRows: Int) {
        self.book = book; self.sheet = sheet; self.headerRow = headerRow; self.width = width
        self.estimatedRows = estimatedRows
        fileName = SheetLocation.file(workbook: book.name, sheet: sheet.name)
    }
}

/// How the fields of a kind's columns are read from number cells.
enum FieldReading {
    /// Text: a number reads as the text it shows; an ID column also names Excel's damage.
    case text(id: Bool, column: String)
    /// Any typed column (money, dates, counts…): the number's exact decimal, or the date its format shows.
    case value
}

extension InputReader {
    public static let readableWorkbookExtensions: Set<String> = ["xlsx", "xlsm"]
    /// Rows looked at for a header below title rows.
    static let headerSearchRows = 30

    /// The sheets of a workbook that are input files, each prepared like a CSV file (kind, header); sheets whose
    /// header fits no kind are listed in `ignored`. Every other workbook format, an encrypted or damaged workbook,
    /// or a workbook with no sheet of any kind is a file error.
    func prepareWorkbook(
        name: String, path: String, ext: String, opener: WorkbookOpener = InputFileWorkbookOpener(),
        ignored: inout [(file: String, reason: String)]
    ) throws(FileError) -> [PreparedFile] {
        let head = try opener.head(path: path, name: name, count: 1 << 20)
        if head.size == 0 {
            throw FileError(
                file: name, message: "the file is empty (0 bytes): it has no sheet and no header row; export it again (as .xlsx or CSV UTF-8), or remove it")
        }
        if head.bytes.starts(with: WorkbookRefusal.ole) {
            // An OLE compound file: an encrypted OOXML workbook holds an `EncryptionInfo` stream (its name in UTF-16
            // in the directory, which may stand anywhere in the file: read in pieces, bounded memory).
            let marker = Array("EncryptionInfo".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            var encrypted = false
            var carry: [UInt8] = []
            try opener.forEachPiece(path: path, name: name) { piece in
                guard !encrypted else { return }
                var window = carry
                window.append(contentsOf: piece)
                if window.withUnsafeBytes({ XMLPull.search($0, marker) }) != nil { encrypted = true }
                carry = Array(window.suffix(marker.count))
            }
            if encrypted {
                throw FileError(
                    file: name,
                    message: "the workbook is encrypted (it needs a password to open), which the close cannot read; "
                        + "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx, or save it as CSV UTF-8"
                )
            }
            if !InputReader.readableWorkbookExtensions.contains(ext) { throw WorkbookRefusal.refused(name: name, ext: ext, head: head.bytes) }
            throw WorkbookRefusal.format(name, "this is an old Excel 97-2003 workbook (.xls) under a .\(ext) name")
        }
        guard InputReader.readableWorkbookExtensions.contains(ext) else { throw WorkbookRefusal.refused(name: name, ext: ext, head: head.bytes) }
        guard head.bytes.starts(with: WorkbookRefusal.zip) else { throw WorkbookRefusal.damaged(name, "it is not a ZIP container") }
        let book = try XlsxBook(path: path, name: name)
        var sha = ""
        if computeHashes {
            var hasher = SHA256Hasher()
            try opener.forEachPiece(path: path, name: name) { hasher.update($0) }
            sha = hasher.finalizeHex()
        }
        var files: [PreparedFile] = []
        var refusals: [FileError] = []
        for sheet in book.sheets {
            let file = SheetLocation.file(workbook: name, sheet: sheet.name)
            if sheet.hidden { ignored.append((file, "a hidden sheet; only the sheets a user sees are read")); continue }
            switch try sheetHeader(book, sheet) {
            case .empty:
                ignored.append((file, "an empty sheet"))
            case .none(let error):
                // A sheet whose own name says a kind is meant as that kind: its header not fitting stops the close
                // (as a CSV file's would); any other sheet that fits no kind (notes, a pivot) is listed and left.
                if KindDetector.kind(forFileName: sheet.name) != nil { throw error }
                refusals.append(error)
                ignored.append((file, "its header fits no kind of input (\(error.message))"))
            case .found(let source, let header, let detection):
                files.append(
                    PreparedFile(
                        name: source.fileName, kind: detection.match.kind, encoding: "xlsx", sha256: sha, header: header,
                        match: detection.match, recognisedBy: detection.recognisedBy,
                        scanner: CSVScanner(bytes: [], delimiter: 0x2C, file: source.fileName), sheet: source))
            }
        }
        if files.isEmpty {
            // Nothing to read: the first sheet's reason stands (as a CSV file whose header fits no kind).
            ignored.removeAll { $0.file.hasPrefix(name + ":") }
            throw refusals.first ?? FileError(file: name, message: "the workbook has no sheet with any rows; export it again, or remove it")
        }
        return files
    }

    enum HeaderSearch {
        case empty
        case none(FileError)
        case found(SheetSource, [String], KindDetector.Detection)
    }

    /// Finds a sheet's header among its first rows (below any title rows), with merged header cells applied.
    func sheetHeader(_ book: XlsxBook, _ sheet: XlsxBook.Sheet) throws(FileError) -> HeaderSearch {
        var rows: [(number: Int, cells: [Int: String])] = []
        let sink: SheetSink
        do {
            sink = try SheetReading.forEachRow(book, part: sheet.part) { number, cells, arena in
                var texts: [Int: String] = [:]
                for c in cells {
                    let t = Cell.trim(XlsxRowRender.text(c, arena, book: book, reading: .value))
                    if !t.isEmpty { texts[c.col] = t }
                }
                if texts.isEmpty { return }
                rows.append((number, texts))
                if rows.count >= InputReader.headerSearchRows { throw XlsxStop() }
            }
        } catch let e as FileError { throw e } catch { throw WorkbookRefusal.damaged(book.name, "\(sheet.part): \(error)") }
        if rows.isEmpty { return .empty }
        let fileName = SheetLocation.file(workbook: book.name, sheet: sheet.name)
        var merges = sink.merges
        let complete = sink.sheetDataEnded
        func search(_ merges: [(r0: Int, c0: Int, r1: Int, c1: Int)]) throws(FileError) -> (Int, [String], KindDetector.Detection?, FileError?) {
            try SheetHeader.find(rows: rows, merges: merges, workbook: book.name, sheet: sheet.name, file: fileName)
        }
        var result = try search(merges)
        // The merged ranges follow the rows in the part: read them (skipping the rows) when they could matter, i.e.
        // when no header was found or the header found has an empty cell a merge above it could fill.
        if !complete, result.2 == nil || SheetHeader.hasGap(result.1) {
            do { merges = try SheetReading.merges(book, part: sheet.part) } catch let e as FileError { throw e } catch {
                throw WorkbookRefusal.damaged(book.name, "\(sheet.part): \(error)")
            }
            if !merges.isEmpty { result = try search(merges) }
        }
        guard let detection = result.2 else { return .none(result.3!) }
        let estimate = sink.dimensionRows > 0 ? sink.dimensionRows - result.0 : book.archive.size(sheet.part) / 256
        let source = SheetSource(book: book, sheet: sheet, headerRow: result.0, width: result.1.count, estimatedRows: max(0, estimate) + 16)
        return .found(source, result.1, detection)
    }

    /// Reads a sheet's rows after its header into the set, with its FileReport (the workbook branch of `readRows`).
    func readSheetRows(_ file: PreparedFile, fileOrder: Int, into set: inout InputSet) throws(FileError) {
        let report: FileReport
        switch file.kind {
        case .roster: report = try sheetRows(file, fileOrder, RowBuilders.roster) { set.roster.append($0) }
        case .targets: report = try sheetRows(file, fileOrder, RowBuilders.targets) { set.targets.append($0) }
        case .sales: report = try sheetRows(file, fileOrder, RowBuilders.sales) { set.sales.append($0) }
        case .attendance: report = try sheetRows(file, fileOrder, RowBuilders.attendance) { set.attendance.append($0) }
        case .expenses: report = try sheetRows(file, fileOrder, RowBuilders.expenses) { set.expenses.append($0) }
        case .plans: report = try sheetRows(file, fileOrder, RowBuilders.plans) { set.plans.append($0) }
        case .remittances: report = try sheetRows(file, fileOrder, RowBuilders.remittances) { set.remittances.append($0) }
        case .advances: report = try sheetRows(file, fileOrder, RowBuilders.advances) { set.advances.append($0) }
        case .adjustments: report = try sheetRows(file, fileOrder, RowBuilders.adjustments) { set.adjustments.append($0) }
        case .visits: report = try sheetRows(file, fileOrder, RowBuilders.visits) { set.visits.append($0) }
        }
        set.files.append(report)
    }

    /// A sales sheet streamed to the sales sink, as the CSV stream hands its rows: in reading order, each as it is
    /// typed; only the rows the sink does not take are kept (the workbook branch of `streamSales`).
    func streamSheetSales(
        _ file: PreparedFile, fileOrder: Int, sink: SalesRowSink, into set: inout InputSet
    ) throws(FileError) -> FileReport {
        var p = self
        p.dropCleanSalesMoney = true
        return try p.sheetRows(file, fileOrder, RowBuilders.sales) { row in
            var row = row
            if !sink.take(&row) { set.sales.append(row) }
        }
    }

    /// The fields of a sheet's row, kept for a second typing once its date columns settled their order.
    struct SheetFields {
        var text: [UInt8]
        var ends: [Int]
        var damaged: [(column: String, shown: String)]
    }

    /// Whether a date column of the tallies so far may still settle a day-first or month-first order (inputs.md
    /// "date"): every value it holds is written so and reads validly one way or the other.
    static func mightSettle(_ tallies: [ColumnTally]) -> Bool {
        tallies.contains { t in
            t.dates.dayMonth > 0 && t.dates.dayMonth == t.dates.values && (t.dates.dayFirstValid || t.dates.monthFirstValid)
        }
    }

    /// The rows after a sheet's header, typed by the same row path as CSV records: each row's cells become the
    /// fields of one record (columns A… up to the header's width; a missing cell is an empty field). Rows missing
    /// from the XML between two rows, and rows of nothing but empty cells, are blank rows. The columns' failures are
    /// counted as a CSV file's are (`FileReport.columnFailures`, for the whole-column stop), and day-first or
    /// month-first text dates are read in the order their column settles over the whole sheet: from the first such
    /// date on, while a column may still settle, the rows wait (in order) and those its dates rejected are typed again
    /// once the sheet is read.
    func sheetRows<T>(
        _ file: PreparedFile, _ fileOrder: Int, _ build: (inout RowContext) -> T?,
        _ emit: (InputRow<T>) -> Void
    ) throws(FileError) -> FileReport {
        guard let source = file.sheet else { fatalError("not a sheet") }
        let book = source.book
        let width = max(source.width, 1)
        let schema = Schemas.schema(file.kind)
        var readings = [FieldReading](repeating: .value, count: width)
        for (column, index) in file.match.columns where index < width {
            if let spec = schema.column(column), spec.type == .text {
                readings[index] = .text(id: column.hasSuffix("_id") || column.hasSuffix("_no"), column: column)
            }
        }
        let columnNumbers = file.match.columns.mapValues { $0 + 1 }
        let layout = ColumnLayout(kind: file.kind, columns: file.match.columns)
        var ctx = RowContext(kind: file.kind, layout: layout, cities: cities, textLimit: cellText)
        let dropCleanMoney = dropCleanSalesMoney && file.kind == .sales
        let settle = settleDateOrders
        var rows = 0, blank = 0
        var last = source.headerRow
        var text: [UInt8] = []
        var ends = [Int](repeating: 0, count: width)
        var damaged: [(column: String, shown: String)] = []
        // Rows waiting for their date columns to settle, in reading order (with their fields when a date rejected them).
        var held: [(row: InputRow<T>, fields: SheetFields?)] = []
        do {
            try SheetReading.forEachRowInBackground(book, part: source.sheet.part) { number, cells, arena in
                guard number > last else {
                    // Title and header rows are behind; a row out of order after them is not what a spreadsheet writes.
                    if last > source.headerRow || number > source.headerRow {
                        throw WorkbookRefusal.damaged(book.name, "sheet \(source.sheet.name): row \(number) stands after row \(last)")
                    }
                    return
                }
                rows += number - last
                blank += number - last - 1
                last = number
                text.removeAll(keepingCapacity: true)
                damaged.removeAll(keepingCapacity: true)
                var k = cells.startIndex
                for f in 0..<width {
                    while k < cells.endIndex && cells[k].col - 1 < f { k += 1 }
                    if k < cells.endIndex && cells[k].col - 1 == f {
                        let cell = cells[k]
                        if let d = XlsxRowRender.append(cell, arena, book: book, reading: readings[f], into: &text) {
                            damaged.append((d.column, d.shown))
                        }
                    }
                    ends[f] = text.count
                }
                ctx.fields.removeAll(keepingCapacity: true)
                var start = 0
                for f in 0..<width { ctx.fields.append(FieldRange(start: start, end: ends[f], inScratch: false)); start = ends[f] }
                let isBlank = text.withUnsafeBufferPointer { tp in
                    FieldRange.isBlank(ctx.fields, tp, UnsafeBufferPointer(start: nil, count: 0))
                }
                if isBlank { blank += 1; return }
                let ref = RowRef(file: source.fileName, fileOrder: fileOrder, line: number)
                let row = InputReader.sheetRow(
                    &ctx, text: text, ref: ref, damaged: damaged, schema: schema, build: build,
                    dropCleanMoney: dropCleanMoney, columnNumbers: columnNumbers)
                guard settle, !held.isEmpty || InputReader.mightSettle(ctx.tallies) else { return emit(row) }
                var fields: SheetFields? = nil
                if let issue = row.issue, issue.code.isCode(.rowBadValue), let c = issue.column, schema.column(c)?.type == .date {
                    fields = SheetFields(text: text, ends: ends, damaged: damaged)
                }
                held.append((row, fields))
                if !InputReader.mightSettle(ctx.tallies) {
                    // No column can settle any more: the rows waiting read as they are.
                    for h in held { emit(h.row) }
                    held.removeAll()
                }
            }
        } catch let e as FileError { throw e } catch {
            throw WorkbookRefusal.damaged(book.name, "\(source.sheet.part): \(error)")
        }
        var tallies = ctx.tallies
        if !held.isEmpty {
            var orders: [Int: ValueParser.DateOrder] = [:]
            for (id, t) in tallies.enumerated() { if let o = t.dates.order { orders[id] = o } }
            let settled = Set(orders.keys.map { schema.columns[$0].name })
            var again = RowContext(kind: file.kind, layout: layout, cities: cities, textLimit: cellText)
            again.dateOrders = orders
            for h in held {
                // Every value of a settled column reads in its order: the rows a date of it rejected are typed again.
                guard let fields = h.fields, let c = h.row.issue?.column, settled.contains(c) else { emit(h.row); continue }
                again.fields.removeAll(keepingCapacity: true)
                var start = 0
                for e in fields.ends { again.fields.append(FieldRange(start: start, end: e, inScratch: false)); start = e }
                emit(
                    InputReader.sheetRow(
                        &again, text: fields.text, ref: h.row.ref, damaged: fields.damaged, schema: schema,
                        build: build, dropCleanMoney: dropCleanMoney, columnNumbers: columnNumbers))
            }
            // And the column fails nowhere.
            for id in orders.keys { tallies[id].failed = 0; tallies[id].samples = [] }
        }
        return FileReport(
            file: file.name, kind: file.kind, encoding: file.encoding, delimiter: "", sha256: file.sha256,
            rows: rows, blank: blank, ignoredColumns: file.match.ignored, recognisedBy: file.recognisedBy,
            columnFailures: InputReader.columnFailures(file, tallies), headers: file.headerNames)
    }

    /// One sheet row typed from its fields (`ctx.fields` set over `text`): the Excel damage its number cells showed,
    /// then the kind's row builder.
    static func sheetRow<T>(
        _ ctx: inout RowContext, text: [UInt8], ref: RowRef, damaged: [(column: String, shown: String)], schema: KindSchema,
        build: (inout RowContext) -> T?, dropCleanMoney: Bool, columnNumbers: [String: Int]
    ) -> InputRow<T> {
        let empty: [UInt8] = []
        return text.withUnsafeBufferPointer { tp in
            empty.withUnsafeBufferPointer { sp in
                let raw = XlsxRowRender.raw(ctx.fields, tp)
                ctx.load(text: tp, scratch: sp)
                for d in damaged {
                    let col = Col(schema, d.column)
                    ctx.fail(
                        .rowExcelDamage, col,
                        "\(d.column) \"\(d.shown)\" is a long number stored as a number in the workbook, "
                            + "which Excel shows in scientific notation and keeps to at most 15 digits: it is not the \(d.column) as written; "
                            + "in Excel format the \(d.column) column as Text, enter or import the numbers again and save")
                }
                var value = build(&ctx)
                for d in damaged {
                    // A column the builder found damaged too (its text in scientific notation) failed once on this row.
                    let twice =
                        ctx.errors.filter { $0.issue.column == d.column && ($0.issue.code.isCode(.rowExcelDamage) || $0.issue.code.isCode(.rowBadValue)) }.count
                        - 1
                    if twice > 0 { ctx.tally(Col(schema, d.column)) { $0.failed -= twice } }
                }
                let issue = ctx.issue
                if issue != nil { value = nil }
                let money = dropCleanMoney && issue == nil && value != nil ? [] : ctx.money
                return InputRow(
                    ref: ref, raw: raw, value: value, issue: issue, flags: ctx.flags, money: money,
                    badMoneyCells: ctx.badMoneyCells, columnNumbers: columnNumbers)
            }
        }
    }
}

/// A sheet's header among its first rows.
enum SheetHeader {
    /// The header row, its cells (column A first) and the kind, or the reason no row is a header (located at the
    /// row that came closest). A merged cell's value stands for the first column of its range, in every row the range
    /// covers; the range's other columns are unnamed (their values, if any, stand in the first column too).
    static func find(
        rows: [(number: Int, cells: [Int: String])], merges: [(r0: Int, c0: Int, r1: Int, c1: Int)],
        workbook: String, sheet: String, file: String
    ) throws(FileError) -> (Int, [String], KindDetector.Detection?, FileError?) {
        var byNumber: [Int: [Int: String]] = [:]
        for r in rows { byNumber[r.number] = r.cells }
        var best: (row: Int, header: [String], score: Int)? = nil
        for r in rows {
            var cells = r.cells
            for m in merges where m.r0 < r.number && r.number <= m.r1 && cells[m.c0] == nil {
                if let v = byNumber[m.r0]?[m.c0] { cells[m.c0] = v }
            }
            guard let maxCol = cells.keys.max() else { continue }
            let header = (1...maxCol).map { cells[$0] ?? "" }
            let byWorkbook = KindDetector.kind(forFileName: workbook)
            let bySheet = KindDetector.kind(forFileName: sheet)
            for k in [byWorkbook, bySheet].compactMap({ $0 }) {
                let m = HeaderMatcher.match(header: header, kind: k)
                if m.missingRequired.isEmpty { return (r.number, header, KindDetector.Detection(match: m, recognisedBy: "name"), nil) }
            }
            let matches = Schemas.all.map { HeaderMatcher.match(header: header, kind: $0.kind) }
            if matches.contains(where: { $0.missingRequired.isEmpty }) {
                do {
                    let d = try KindDetector.detect(fileName: "", header: header)
                    return (r.number, header, d, nil)
                } catch { throw relocated(error, file: file, row: r.number) }
            }
            let score = matches.map(\.recognised).max() ?? 0
            if best == nil || score > best!.score { best = (r.number, header, score) }
        }
        let b = best ?? (rows[0].number, [], 0)
        do {
            _ = try KindDetector.detect(fileName: KindDetector.kind(forFileName: workbook) != nil ? workbook : sheet, header: b.header)
            return (b.row, b.header, nil, FileError(file: "\(file)!A\(b.row)", message: "no header found"))
        } catch {
            return (b.row, b.header, nil, relocated(error, file: file, row: b.row))
        }
    }

    static func relocated(_ e: FileError, file: String, row: Int) -> FileError {
        FileError(file: "\(file)!A\(row)", message: e.message)
    }

    /// An empty cell before the header's last named one.
    static func hasGap(_ header: [String]) -> Bool { header.contains { $0.isEmpty } }
}

/// Cell values as field text.
enum XlsxRowRender {
    /// Appends the cell's text; returns the column and shown text when the cell is a number an ID column cannot hold.
    static func append(
        _ c: RawCell, _ arena: UnsafeBufferPointer<UInt8>, book: XlsxBook, reading: FieldReading,
        into out: inout [UInt8]
    ) -> (column: String, shown: String)? {
        let value = UnsafeBufferPointer(rebasing: arena[c.start..<c.end])
        switch c.kind {
        case .shared:
            if let i = XlsxNames.int(value) { book.strings.string(i) { out.append(contentsOf: $0) } }
        case .inline, .formulaString, .error:
            out.append(contentsOf: value)
        case .boolean:
            out.append(contentsOf: (value.count == 1 && value[0] == 0x30 ? "FALSE" : "TRUE").utf8)
        case .isoDate:
            out.append(contentsOf: isoDate(String(decoding: value, as: UTF8.self)).utf8)
        case .number:
            if fastNumber(value, c.style, book: book, reading: reading, into: &out) { return nil }
            guard let v = XlsxDecimal(value) else { out.append(contentsOf: value); return nil }
            let format = book.format(style: c.style)
            if let d = XlsxCellText.date(v, format: format, date1904: book.date1904) { out.append(contentsOf: d.utf8); return nil }
            switch reading {
            case .value:
                out.append(contentsOf: v.plain.utf8)
            case .text(let id, let column):
                let shown = XlsxCellText.shown(v, format: format)
                out.append(contentsOf: shown.utf8)
                if id && (shown.contains("E+") || shown.contains("E-") || (v.isInteger && v.integerDigits > XlsxDecimal.excelDigits)) {
                    return (column, shown)
                }
            }
        }
        return nil
    }

    /// The common number cells without building a decimal: a whole date serial in a date format, and plain digits
    /// (at most 15 significant, no exponent) that read as themselves. false: take the general path.
    @inline(__always)
    static func fastNumber(
        _ v: UnsafeBufferPointer<UInt8>, _ style: Int, book: XlsxBook, reading: FieldReading,
        into out: inout [UInt8]
    ) -> Bool {
        let n = v.count
        guard n > 0, n <= 16 else { return false }
        var i = v[0] == 0x2D ? 1 : 0
        guard i < n, v[i] != 0x30 || n == i + 1 || v[i + 1] == 0x2E else { return false }  // no leading zeros
        var digits = 0, dot = -1, whole = 0
        while i < n {
            let c = v[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1; if dot < 0 { whole = whole &* 10 &+ Int(c - 0x30) }
            } else if c == 0x2E && dot < 0 && i > 0 && i + 1 < n {
                dot = i
            } else {
                return false
            }
            i += 1
        }
        guard digits <= 15 else { return false }
        if book.isPlainDate(style: style) {
            guard dot < 0, v[0] != 0x2D, !book.date1904, whole > 60, whole <= 2_958_465 else { return false }
            let day = Day(ordinal: XlsxRowRender.epoch1900 + whole)
            func two(_ x: Int) { out.append(UInt8(0x30 + x / 10)); out.append(UInt8(0x30 + x % 10)) }
            let y = day.year
            guard y >= 1000 && y <= 9999 else { return false }
            two(y / 100); two(y % 100); out.append(0x2D); two(day.month); out.append(0x2D); two(day.day)
            return true
        }
        switch reading {
        case .value:
            // A plain decimal is its own text (trailing zeros of a fraction read the same).
            guard !book.isDate(style: style) else { return false }
            out.append(contentsOf: v)
            return true
        case .text:
            // An ID in General: digits up to 11 show as written.
            guard dot < 0, digits <= 11, book.isGeneral(style: style) else { return false }
            out.append(contentsOf: v)
            return true
        }
    }

    /// Day ordinal of serial 0 in the 1900 system for serials after 60 (1899-12-30).
    static let epoch1900 = Day(year: 1899, month: 12, day: 30)!.ordinal

    static func text(_ c: RawCell, _ arena: UnsafeBufferPointer<UInt8>, book: XlsxBook, reading: FieldReading) -> String {
        var out: [UInt8] = []
        _ = append(c, arena, book: book, reading: reading, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `2023-03-27T06:48:41Z` → `2023-03-27 06:48:41`; midnight → the date alone.
    static func isoDate(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "T", with: " ")
        if t.hasSuffix("Z") { t.removeLast() }
        if let dot = t.firstIndex(of: ".") { t = String(t[..<dot]) }
        if t.hasSuffix(" 00:00:00") { t.removeLast(9) }
        return t
    }

    /// A row's text as the summary lists it: its fields, comma-separated, quoted as CSV where needed.
    static func raw(_ fields: [FieldRange], _ text: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            let b = f.bytes(text, empty)
            if b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for c in b { out.append(c); if c == 0x22 { out.append(0x22) } }
                out.append(0x22)
            } else {
                out.append(contentsOf: b)
            }
        }
        while out.last == 0x2C { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
