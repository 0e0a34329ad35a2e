import Foundation
import SalesCore

/// A CSV file decoded, its kind decided and its header read; the rows are still to be scanned.
public struct PreparedFile: Sendable {
    public var name: String
    public var kind: InputKind
    public var encoding: String
    public var sha256: String
    public var header: [String]
    public var match: HeaderMatcher.Match
    public var recognisedBy: String
    /// Positioned after the header.
    public var scanner: CSVScanner
    public var delimiter: String { scanner.delimiterText }
    /// Canonical column → its header cell as written in the file.
    public var headerNames: [String: String] {
        var out: [String: String] = [:]
        for (column, i) in match.columns where i < header.count { out[column] = header[i] }
        return out
    }
    /// Set for a sheet of a workbook (Xlsx/XlsxInput.swift); then `scanner` is empty and the rows come from the sheet.
    var sheet: SheetSource? = nil
}

/// Reads an inputs folder (inputs.md) into an InputSet.
public struct InputReader: Sendable {
    public let cities: CityNormalizer
    /// Files with at least this many bytes after the header are read in parts on both cores (tests lower it:
    /// the rows are the same either way).
    public var parallelThreshold = InputReader.defaultParallelThreshold
    /// Whether the files' SHA-256 are computed (`check` needs none: it records nothing).
    public var computeHashes = true
    /// The cell limit of the workbooks the inputs will be written into (handed in: the ingest knows no workbook
    /// format); text over it is cut and flagged `ROW-TEXT-CUT`. Unlimited by default.
    public var cellText: CellTextLimit = .unlimited
    /// When set, sales files are streamed through the sales intake (see `SalesStreaming`); otherwise every row is kept.
    public var salesStreaming: SalesStreaming? = nil
    /// Streamed sales rows that parse keep no money cells (the intake sums their values): set by the stream only.
    var dropCleanSalesMoney = false
    /// Whether a file's day-first or month-first date columns are settled over the whole file (off for the stream's
    /// chunks: a sales file with such dates in its head is read whole instead, see `streamable`).
    var settleDateOrders = true
    /// The first bytes read to decide a file's kind before it is streamed.
    static let headBytes = 1 << 20

    /// `cityAliases` from the policy; traditional→simplified folding and the trailing 市 are built in.
    public init(cityAliases: [(key: String, value: String)]) {
        cities = CityNormalizer(aliases: cityAliases)
    }

    public static let csvExtensions: Set<String> = ["csv", "tsv", "txt"]
    public static let workbookExtensions: Set<String> = ["xlsx", "xls", "et", "xlsm", "xlsb", "ods"]

    /// Names sort by Unicode code point (not locale, not the directory's order).
    public static func codePointLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// Ignored silently: names starting with `.` or `~$` (Excel lock files) and README*.
    public static func isSilentlyIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.uppercased().hasPrefix("README")
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// Reads every input of the folder. Throws the first file error, in name order.
    public func read(directory: String) throws(FileError) -> InputSet {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw FileError(file: directory, message: "the inputs folder does not exist or is not a folder")
        }
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: directory) } catch {
            throw FileError(file: directory, message: "the inputs folder cannot be read: \(error.localizedDescription)")
        }
        var set = InputSet()
        var prepared: [PreparedFile] = []
        var streamed: [String: InputFile] = [:]  // sales files read in chunks, by name
        // The files' SHA-256 are computed on another core while this one decodes and scans them.
        let hashes = BackgroundHashes()
        defer { hashes.wait() }
        for name in names.sorted(by: InputReader.codePointLess) {
            if InputReader.isSilentlyIgnored(name) { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var sub: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &sub), sub.boolValue {
                set.ignoredFiles.append((name, "a folder; only files directly in the inputs folder are read"))
                continue
            }
            let ext = InputReader.fileExtension(name)
            if name.lowercased() == "policy.toml" {
                let bytes = try InputFile.open(path, name: name).readAll(limit: InputReader.policyLimit)
                set.policyText = try TextDecoder.decode(bytes, file: name).text
                set.policySHA256 = SHA256.hex(bytes)
                continue
            }
            if InputReader.workbookExtensions.contains(ext) {
                // Each sheet of a workbook is a file (Xlsx/XlsxInput.swift); other workbook formats are file errors.
                // Opened through InputFile (InputFileWorkbookOpener): a regular file only, as every input.
                prepared.append(contentsOf: try prepareWorkbook(name: name, path: path, ext: ext, ignored: &set.ignoredFiles))
                continue
            }
            guard InputReader.csvExtensions.contains(ext) else {
                set.ignoredFiles.append(
                    (
                        name,
                        ext.isEmpty
                            ? "no file extension; only .csv, .tsv, .txt, .xlsx and .xlsm files are read"
                            : "a .\(ext) file; only .csv, .tsv, .txt, .xlsx and .xlsm files are read"
                    ))
                continue
            }
            // Every input is opened once, here: a regular file only, read within a bound (InputFile).
            let input = try InputFile.open(path, name: name)
            if let streaming = salesStreaming, let file = try streamable(name: name, input: input, chunkSize: streaming.chunkSize) {
                streamed[name] = input
                prepared.append(file)
                continue
            }
            let bytes = try wholeBytes(input)
            if computeHashes { hashes.add(name: name, bytes: bytes) }
            prepared.append(try prepare(name: name, bytes: bytes, hash: false))
        }
        let missing = InputKind.allCases.filter { k in k.isRequired && !prepared.contains { $0.kind == k } }
        if !missing.isEmpty {
            let list = missing.map { k in
                "no \(k.rawValue) file (a .csv whose name starts with \(Schemas.schema(k).prefixes.joined(separator: ", ")))"
            }.joined(separator: "; ")
            throw FileError(file: directory, message: "required input missing: \(list)")
        }
        var sink: SalesRowSink? = nil
        for kind in InputKind.allCases {
            let files = prepared.filter { $0.kind == kind }  // already in code-point order
            for (order, file) in files.enumerated() {
                guard kind == .sales, let streaming = salesStreaming else {
                    try readRows(file, fileOrder: order, into: &set)
                    continue
                }
                // Sales rows go to one sink, in file order, whatever their size: only the rows it does not take are kept.
                if sink == nil {
                    let expected = prepared.filter { $0.kind == .sales }.reduce(0) { $0 + InputReader.estimatedRows($1, streamed[$1.name]) }
                    sink = streaming.makeSink()
                    sink!.begin(roster: &set.roster, expectedRows: expected)
                }
                if file.sheet != nil {
                    // A sales sheet hands its rows to the sink as it reads them, as a streamed CSV file does.
                    set.files.append(try streamSheetSales(file, fileOrder: order, sink: sink!, into: &set))
                } else if let input = streamed[file.name] {
                    set.files.append(
                        try streamSales(
                            file, input: input, fileOrder: order, sink: sink!, chunkSize: streaming.chunkSize,
                            recordLimit: streaming.recordLimit, into: &set))
                } else {
                    var whole = InputSet()
                    try readRows(file, fileOrder: order, into: &whole)
                    set.files.append(contentsOf: whole.files)
                    for i in whole.sales.indices where !sink!.take(&whole.sales[i]) {
                        whole.sales[i].raw = whole.sales[i].raw  // its own String: the file's text can go
                        set.sales.append(whole.sales[i])
                    }
                }
            }
        }
        sink?.finish(into: &set)
        let digests = hashes.results()
        for i in set.files.indices { if let d = digests[set.files[i].file] { set.files[i].sha256 = d } }
        return set
    }

    /// A sales file to stream: its head (cut after its last line break unless it is the whole file) prepares as a sales
    /// file in UTF-8, and the whole file is clean UTF-8; nil otherwise (then it is read whole, as any file).
    func streamable(name: String, input: InputFile, chunkSize: Int) throws(FileError) -> PreparedFile? {
        var bytes = try input.read(at: 0, upTo: InputReader.headBytes)
        if input.size > bytes.count {
            guard let lf = bytes.lastIndex(of: CSVScanner.lf) else { return nil }
            bytes.removeSubrange((lf + 1)...)
        }
        guard !bytes.isEmpty, let file = try? prepare(name: name, bytes: bytes, hash: false), file.kind == .sales,
            file.encoding == "utf-8" || file.encoding == "utf-8-bom",
            try InputReader.isCleanUTF8(input, chunkSize: chunkSize, skip: file.encoding == "utf-8-bom" ? 3 : 0)
        else { return nil }
        // Day-first or month-first dates in its head: their order is settled over the whole file, read whole.
        var probe: [InputRow<SaleRow>] = []
        var plain = self
        plain.settleDateOrders = false
        plain.parallelThreshold = Int.max
        let tallies = (try? plain.rowsTallies(file, RowBuilders.sales, &probe)) ?? []
        if tallies.contains(where: { $0.dates.dayMonth > 0 }) { return nil }
        return file
    }

    /// The largest policy.toml read (1 MiB: the policy is a page of settings).
    public static let policyLimit = 1 << 20

    /// A file read whole: at most `InputFile.wholeFileLimit` bytes. A larger one is refused before it is read, with
    /// the error its first bytes already show when they show one (a NUL byte, a workbook's signature), else as too large.
    func wholeBytes(_ input: InputFile) throws(FileError) -> [UInt8] {
        if input.size > InputFile.wholeFileLimit {
            var head = try input.read(at: 0, upTo: InputReader.headBytes)
            let utf16 = head.count >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF)
            if let lf = head.lastIndex(of: CSVScanner.lf) {
                head.removeSubrange((lf + 1)...)
                _ = try TextDecoder.decodeToUTF8(head, file: input.name)
            } else if !utf16, TextDecoder.firstNUL(head, from: 0) != nil {
                _ = try TextDecoder.decodeToUTF8(head, file: input.name)  // names the NUL byte
            }
        }
        return try input.readAll()
    }

    /// Rows a sales file holds, roughly (from its size and its head's lines), to size the duplicate digests.
    static func estimatedRows(_ file: PreparedFile, _ input: InputFile?) -> Int {
        if let sheet = file.sheet { return sheet.estimatedRows }
        guard let size = input?.size else { return max(0, file.scanner.bytes.count / 64) }
        let head = file.scanner.bytes
        let lines = max(1, InputReader.lineBreaks(head, from: 0, to: head.count))
        return size / max(1, head.count / lines) + 16
    }

    /// Decodes a CSV file, reads its header and decides its kind.
    public func prepare(name: String, bytes: [UInt8]) throws(FileError) -> PreparedFile {
        try prepare(name: name, bytes: bytes, hash: true)
    }

    /// `hash: false` leaves `sha256` empty, for the caller to fill.
    func prepare(name: String, bytes: [UInt8], hash: Bool) throws(FileError) -> PreparedFile {
        if bytes.isEmpty {
            throw FileError(file: name, message: "the file is empty (0 bytes): it has no header row; export it again, or remove it")
        }
        let (utf8, encoding) = try TextDecoder.decodeToUTF8(bytes, file: name)
        let delimiter = CSVScanner.sniffDelimiter(utf8, preferTab: encoding.hasPrefix("utf-16"))
        var scanner = CSVScanner(bytes: utf8, delimiter: delimiter, file: name)
        var header: CSVRecord?
        while let r = try scanner.next() {
            if !r.isBlank { header = r; break }
        }
        guard let h = header else {
            throw FileError(file: name, message: "the file has no header row (it holds nothing but blank lines); export it again, or remove it")
        }
        let detection = try KindDetector.detect(fileName: name, header: h.fields)
        // From here on a quote that runs into a line holding the header's delimiters is a stray quote, not a field.
        scanner.strayQuoteDelimiters = h.fields.count - 1
        return PreparedFile(
            name: name, kind: detection.match.kind, encoding: encoding, sha256: hash ? SHA256.hex(bytes) : "",
            header: h.fields, match: detection.match, recognisedBy: detection.recognisedBy, scanner: scanner)
    }

    /// Scans a prepared file's rows into the set, with its FileReport.
    public func readRows(_ file: PreparedFile, fileOrder: Int, into set: inout InputSet) throws(FileError) {
        if file.sheet != nil { return try readSheetRows(file, fileOrder: fileOrder, into: &set) }
        let report: FileReport
        switch file.kind {
        case .roster: report = try rows(file, fileOrder, RowBuilders.roster, &set.roster)
        case .targets: report = try rows(file, fileOrder, RowBuilders.targets, &set.targets)
        case .sales: report = try rows(file, fileOrder, RowBuilders.sales, &set.sales)
        case .attendance: report = try rows(file, fileOrder, RowBuilders.attendance, &set.attendance)
        case .expenses: report = try rows(file, fileOrder, RowBuilders.expenses, &set.expenses)
        case .plans: report = try rows(file, fileOrder, RowBuilders.plans, &set.plans)
        case .remittances: report = try rows(file, fileOrder, RowBuilders.remittances, &set.remittances)
        case .advances: report = try rows(file, fileOrder, RowBuilders.advances, &set.advances)
        case .adjustments: report = try rows(file, fileOrder, RowBuilders.adjustments, &set.adjustments)
        case .visits: report = try rows(file, fileOrder, RowBuilders.visits, &set.visits)
        }
        set.files.append(report)
    }

    /// Reads the records after the header: blank ones counted, wrong field counts rejected whole, the rest typed.
    /// A large file is read in parts on both cores (see `rowsInParts`); the rows are the same either way.
    /// Day-first or month-first dates are read in the order their column settles over the whole file: the rows that
    /// hold them are typed again once every value of the file is seen (`settleDateOrders`).
    func rows<T>(
        _ file: PreparedFile, _ fileOrder: Int, _ build: (inout RowContext) -> T?,
        _ out: inout [InputRow<T>]
    ) throws(FileError) -> FileReport {
        let first = out.count
        let source = SharedBytes(file.scanner.bytes)
        let counts: (rows: Int, blank: Int)
        var tallies: [ColumnTally] = []
        if file.scanner.bytes.count - file.scanner.pos >= parallelThreshold,
            let two = try rowsInParts(file, fileOrder, build, source: source)
        {
            if out.isEmpty { out = two.rows } else { out.append(contentsOf: two.rows) }
            counts = (two.count, two.blank)
            tallies = two.tallies
        } else {
            var scanner = file.scanner
            out.reserveCapacity(out.count + InputReader.lineBreaks(file.scanner.bytes, from: scanner.pos, to: file.scanner.bytes.count) + 1)
            var part = RowScan(reader: self, file: file, fileOrder: fileOrder, source: source)
            counts = try source.bytes.withUnsafeBufferPointer { (text) throws(FileError) in
                try part.scan(build, text: text, scanner: &scanner, stop: Int.max) { out.append($0) }
            }
            tallies = part.ctx.tallies
        }
        let schema = Schemas.schema(file.kind)
        if settleDateOrders {
            var orders: [Int: ValueParser.DateOrder] = [:]
            for (id, t) in tallies.enumerated() { if let o = t.dates.order { orders[id] = o } }
            if !orders.isEmpty {
                // Every value of a settled column reads in its order: the rows a date of it rejected are typed again,
                // and the column fails nowhere.
                let settled = Set(orders.keys.map { schema.columns[$0].name })
                for i in first..<out.count {
                    guard let issue = out[i].issue, issue.code.isCode(.rowBadValue), let c = issue.column, settled.contains(c) else { continue }
                    out[i] = retype(out[i], file, fileOrder, build, orders: orders)
                }
                for id in orders.keys { tallies[id].failed = 0; tallies[id].samples = [] }
            }
        }
        return FileReport(
            file: file.name, kind: file.kind, encoding: file.encoding, delimiter: file.delimiter,
            sha256: file.sha256, rows: counts.rows, blank: counts.blank, ignoredColumns: file.match.ignored,
            recognisedBy: file.recognisedBy, columnFailures: InputReader.columnFailures(file, tallies),
            headers: file.headerNames)
    }

    /// The rows of a file in one pass, and its columns' tallies (nothing typed again).
    func rowsTallies<T>(_ file: PreparedFile, _ build: (inout RowContext) -> T?, _ out: inout [InputRow<T>]) throws(FileError) -> [ColumnTally] {
        let source = SharedBytes(file.scanner.bytes)
        var scanner = file.scanner
        var part = RowScan(reader: self, file: file, fileOrder: 0, source: source)
        _ = try source.bytes.withUnsafeBufferPointer { (text) throws(FileError) in
            try part.scan(build, text: text, scanner: &scanner, stop: Int.max) { out.append($0) }
        }
        return part.ctx.tallies
    }

    /// The row typed again from its text, with the date orders its file settled.
    func retype<T>(
        _ row: InputRow<T>, _ file: PreparedFile, _ fileOrder: Int, _ build: (inout RowContext) -> T?,
        orders: [Int: ValueParser.DateOrder]
    ) -> InputRow<T> {
        let bytes = Array(row.raw.utf8)
        let source = SharedBytes(bytes)
        var scanner = CSVScanner(
            bytes: bytes, delimiter: file.scanner.delimiter, file: file.name, pos: 0, line: row.ref.line,
            strayQuoteDelimiters: file.scanner.strayQuoteDelimiters)
        var scan = RowScan(reader: self, file: file, fileOrder: fileOrder, source: source)
        scan.ctx.dateOrders = orders
        var made: InputRow<T>? = nil
        _ = try? bytes.withUnsafeBufferPointer { (text) throws(FileError) in
            try scan.scan(build, text: text, scanner: &scanner, stop: Int.max) { made = $0 }
        }
        return made ?? row
    }

    /// The columns that failed on some rows, in the kind's column order, named as the file's header names them.
    static func columnFailures(_ file: PreparedFile, _ tallies: [ColumnTally]) -> [ColumnFailures] {
        let schema = Schemas.schema(file.kind)
        var out: [ColumnFailures] = []
        for (id, t) in tallies.enumerated() where t.failed > 0 {
            let spec = schema.columns[id]
            let header = file.match.columns[spec.name].flatMap { $0 < file.header.count ? Cell.trim(file.header[$0]) : nil } ?? spec.name
            out.append(
                ColumnFailures(
                    column: spec.name, header: header, failed: t.failed, samples: t.samples,
                    forms: ValueParser.forms(of: spec.type)))
        }
        return out
    }

    /// Files from this size (bytes after the header) are read in parts on both cores.
    public static let defaultParallelThreshold = 4 << 20

    /// One part of a large file: its records start at `start` (a guess: the first line start after a cut)
    /// and it reads until a record ends at or after `stop`.
    struct Part {
        var start = 0, stop = 0, line = 0
        /// Where its rows go in the result, and how many fit.
        var offset = 0, capacity = 0
        var count = 0, rows = 0, blank = 0
        var endPos = 0, endLine = 0
        var failure: FileError?
        var tallies: [ColumnTally] = []
    }

    /// Reads the rows of a large file in parts on both cores. Each part but the first starts at a guess, the first line
    /// start after an even cut, which could be inside a quoted field; a part is used only when the part before it ends
    /// exactly there, which makes its records the ones a single pass reads. Otherwise it is read again from where the
    /// part before ended. Physical lines are counted from the start of the text (the scanner counts line breaks the same
    /// inside and outside quotes), so every part knows its first line. nil: the file has no place to cut.
    func rowsInParts<T>(
        _ file: PreparedFile, _ fileOrder: Int, _ build: (inout RowContext) -> T?,
        source: SharedBytes
    ) throws(FileError) -> (rows: [InputRow<T>], count: Int, blank: Int, tallies: [ColumnTally])? {
        let bytes = source.bytes
        let n = bytes.count
        let begin = file.scanner.pos
        let wanted = 8
        var starts = [begin]
        for k in 1..<wanted {
            let cut = begin + (n - begin) / wanted * k
            guard cut > starts.last!, let lf = bytes[cut...].firstIndex(of: CSVScanner.lf), lf + 1 < n else { continue }
            if lf + 1 > starts.last! { starts.append(lf + 1) }
        }
        guard starts.count > 1 else { return nil }
        let parts = PartTable(count: starts.count)
        for k in starts.indices {
            parts[k].start = starts[k]
            parts[k].stop = k + 1 < starts.count ? starts[k + 1] : n
        }
        // Line breaks per part, on both cores: each part's first line, and room for its records
        // (at most its line breaks; the last part may end without one).
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            parts[k].capacity = InputReader.lineBreaks(bytes, from: parts[k].start, to: parts[k].stop)
        }
        parts[parts.count - 1].capacity += 1
        var line = file.scanner.line, offset = 0
        for k in 0..<parts.count {
            parts[k].line = line; parts[k].offset = offset
            line += parts[k].capacity; offset += parts[k].capacity
        }
        let total = offset
        var failure: FileError?
        var counts = (rows: 0, blank: 0)
        var tallies: [ColumnTally] = []
        let rows = withoutActuallyEscaping(build) { build in
            [InputRow<T>](unsafeUninitializedCapacity: total) { buffer, count in
                let base = buffer.baseAddress!
                bytes.withUnsafeBufferPointer { text in
                    let shared = PartText(text: text, base: base)
                    let last = parts.count - 1
                    func read(_ k: Int, from pos: Int, line: Int, into offset: Int) {
                        var scanner = CSVScanner(
                            bytes: bytes, delimiter: file.scanner.delimiter, file: file.name, pos: pos, line: line,
                            strayQuoteDelimiters: file.scanner.strayQuoteDelimiters)
                        var part = RowScan(reader: self, file: file, fileOrder: fileOrder, source: source)
                        let target = shared.base + offset
                        var made = 0
                        do throws(FileError) {
                            let c = try part.scan(
                                build, text: shared.text, scanner: &scanner,
                                stop: k == last ? Int.max : parts[k].stop
                            ) { row in
                                (target + made).initialize(to: row); made += 1
                            }
                            parts[k].rows = c.rows; parts[k].blank = c.blank
                        } catch { parts[k].failure = error }
                        parts[k].tallies = part.ctx.tallies
                        parts[k].count = made
                        parts[k].endPos = scanner.pos; parts[k].endLine = scanner.line
                    }
                    DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                        read(k, from: parts[k].start, line: parts[k].line, into: parts[k].offset)
                    }
                    // In order: keep the parts that start where the one before ended; read the others again.
                    var written = 0
                    var k = 0
                    while k < parts.count {
                        if k > 0 && parts[k].start != parts[k - 1].endPos {
                            (base + parts[k].offset).deinitialize(count: parts[k].count)
                            parts[k].failure = nil
                            read(k, from: parts[k - 1].endPos, line: parts[k - 1].endLine, into: written)
                            parts[k].offset = written
                        }
                        if let e = parts[k].failure {
                            failure = e
                            for j in k..<parts.count { (base + parts[j].offset).deinitialize(count: parts[j].count) }
                            break
                        }
                        if parts[k].offset != written {
                            (base + written).moveInitialize(from: base + parts[k].offset, count: parts[k].count)
                        }
                        written += parts[k].count
                        counts.rows += parts[k].rows; counts.blank += parts[k].blank
                        ColumnTally.merge(&tallies, parts[k].tallies)
                        k += 1
                    }
                    count = written
                }
            }
        }
        if let failure { throw failure }
        return (rows, counts.rows, counts.blank, tallies)
    }

    /// Line breaks in `start..<end` (LF, CRLF as one, a lone CR), as the scanner counts physical lines:
    /// at least the number of records that end there.
    static func lineBreaks(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            let end = min(end, n)
            var count = 0
            var i = min(start, end)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let lfs = ones &* 0x0A, crs = ones &* 0x0D
            @inline(__always) func zeroBytes(_ w: UInt64) -> Int {
                let t = (w & ~highs) &+ ~highs  // high bit set where the low 7 bits are non-zero
                return 8 - ((t | w) & highs).nonzeroBitCount  // bytes that are zero
            }
            while i + 8 <= end {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                count += zeroBytes(w ^ lfs)
                if zeroBytes(w ^ crs) != 0 {
                    // CRs here: count the lone ones byte by byte.
                    for k in i..<(i + 8) where raw[k] == 0x0D && (k + 1 == n || raw[k + 1] != 0x0A) { count += 1 }
                }
                i += 8
            }
            while i < end {
                let c = raw[i]
                if c == 0x0A || (c == 0x0D && (i + 1 == n || raw[i + 1] != 0x0A)) { count += 1 }
                i += 1
            }
            return count
        }
    }

    static func delimiterName(_ d: UInt8) -> String {
        switch d {
        case 0x09: return "tab";
        case 0x3B: return "semicolon";
        default: return "comma"
        }
    }
}

/// SHA-256 of the input files, computed one after the other on a background queue.
final class BackgroundHashes: @unchecked Sendable {
    private let queue = DispatchQueue(label: "salesclose.ingest.sha256", qos: .userInitiated)
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var digests: [String: String] = [:]

    func add(name: String, bytes: [UInt8]) {
        queue.async(group: group) { [self] in
            let hex = SHA256.hex(bytes)
            lock.lock(); digests[name] = hex; lock.unlock()
        }
    }

    func wait() { group.wait() }

    /// File name → digest, once every file added is hashed.
    func results() -> [String: String] {
        group.wait()
        lock.lock(); defer { lock.unlock() }
        return digests
    }
}

/// The row reading of one part of a file: the loop over its records, with its own context and scratch space.
struct RowScan {
    let file: PreparedFile
    let fileOrder: Int
    let source: SharedBytes
    let width: Int
    let columnNumbers: [String: Int]
    var ctx: RowContext
    var scratch: [UInt8] = []
    let dropCleanMoney: Bool

    init(reader: InputReader, file: PreparedFile, fileOrder: Int, source: SharedBytes) {
        self.file = file; self.fileOrder = fileOrder; self.source = source
        dropCleanMoney = reader.dropCleanSalesMoney && file.kind == .sales
        width = file.header.count
        columnNumbers = file.match.columns.mapValues { $0 + 1 }
        ctx = RowContext(
            kind: file.kind, layout: ColumnLayout(kind: file.kind, columns: file.match.columns), cities: reader.cities,
            textLimit: reader.cellText)
        ctx.fields.reserveCapacity(width + 8)
    }

    /// Scans records and hands each non-blank one's row to `emit`, until the end of the text or until a record
    /// ends at or after `stop`. Returns the records and blank records seen.
    @inline(__always)
    mutating func scan<T>(
        _ build: (inout RowContext) -> T?, text: UnsafeBufferPointer<UInt8>, scanner: inout CSVScanner,
        stop: Int, emit: (InputRow<T>) -> Void
    ) throws(FileError) -> (rows: Int, blank: Int) {
        var rows = 0, blank = 0
        while scanner.pos < stop, let rec = try scanner.scanRecord(text, fields: &ctx.fields, scratch: &scratch) {
            rows += 1
            let fieldCount = ctx.fields.count
            if let stray = rec.strayQuote {
                let ref = RowRef(file: file.name, fileOrder: fileOrder, line: rec.line)
                emit(
                    InputRow(
                        ref: ref, rawText: RawText(source, rec.start..<rec.rawEnd), value: nil,
                        issue: unbalancedQuote(stray), columnNumbers: columnNumbers))
                continue
            }
            let isBlank = scratch.withUnsafeBufferPointer { sp -> Bool in
                if FieldRange.isBlank(ctx.fields, text, sp) { return true }
                let raw = RawText(source, rec.start..<rec.rawEnd)
                let ref = RowRef(file: file.name, fileOrder: fileOrder, line: rec.line)
                if fieldCount != width {
                    let issue = RowIssue(
                        code: Code.rowFieldCount.rawValue, column: nil, columnNumber: 0,
                        message:
                            "the row has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but the header has \(width) "
                            + "(a missing or extra \(InputReader.delimiterName(file.scanner.delimiter)), or a value with one that is not in quotes)")
                    emit(InputRow(ref: ref, rawText: raw, value: nil, issue: issue, columnNumbers: columnNumbers))
                    return false
                }
                ctx.load(text: text, scratch: sp)
                var value = build(&ctx)
                let issue = ctx.issue
                if issue != nil { value = nil }
                // A streamed sales row that parsed carries no money cells: the intake sums its value's amounts.
                let money = dropCleanMoney && issue == nil && value != nil ? [] : ctx.money
                emit(
                    InputRow(
                        ref: ref, rawText: raw, value: value, issue: issue, flags: ctx.flags,
                        money: money, badMoneyCells: ctx.badMoneyCells, columnNumbers: columnNumbers))
                return false
            }
            if isBlank { blank += 1 }
        }
        return (rows, blank)
    }

    /// `ROW-UNBALANCED-QUOTE` for a record cut short at a stray quote, naming the column where the quote opened.
    func unbalancedQuote(_ stray: StrayQuote) -> RowIssue {
        let name = file.match.columns.first { $0.value == stray.field - 1 }?.key
        let header = stray.field - 1 < file.header.count ? file.header[stray.field - 1] : ""
        let what = name.map { header.isEmpty || header == $0 ? $0 : "\(header) (\($0))" } ?? (header.isEmpty ? "field \(stray.field)" : header)
        let delimiter = InputReader.delimiterName(file.scanner.delimiter)
        let runs: String
        if let into = stray.wholeRecordLine {
            runs =
                "is not closed on its line and runs into line \(into), which reads as a whole record "
                + "(it holds a \(delimiter) for every one of the header's)"
        } else {
            runs = "is never closed: the file ends inside it"
        }
        return RowIssue(
            code: Code.rowUnbalancedQuote.rawValue, column: name, columnNumber: stray.field,
            message:
                "line \(stray.line), column \(stray.field): the quote (\") that opens \(what) \(runs); a stray quote, so the row is "
                + "rejected and reading goes on at line \(stray.line + 1); remove the quote, or close it, and export again")
    }
}

/// The parts of a file read in parts, shared by the threads (each part's fields are written by one thread at a time).
final class PartTable: @unchecked Sendable {
    private let parts: UnsafeMutableBufferPointer<InputReader.Part>
    init(count: Int) {
        parts = .allocate(capacity: count)
        parts.initialize(repeating: InputReader.Part())
    }
    deinit { parts.deinitialize(); parts.deallocate() }
    var count: Int { parts.count }
    subscript(k: Int) -> InputReader.Part {
        get { parts[k] }
        _modify { yield &parts[k] }
    }
}

/// The text and the result buffer of a file read in parts, for the threads.
struct PartText<T>: @unchecked Sendable {
    let text: UnsafeBufferPointer<UInt8>
    let base: UnsafeMutablePointer<InputRow<T>>
}
