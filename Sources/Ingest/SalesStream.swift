import Foundation
import SalesCore

/// How the ingest streams sales files (issue 7): each file is read in chunks, its rows checked and folded by one
/// `SalesIntake` as they are parsed, the accepted lines handed to a line store, and only the rejected rows kept.
/// Memory grows with employees and customers (and a 12-byte digest per order line), not with the file.
public struct SalesStreaming: Sendable {
    /// The period being closed; nil: the month of the first row that parses (a close with rows of several months
    /// stops anyway, and `check` reads such a folder again without streaming).
    public var period: Period?
    /// Where the accepted lines go (the runner spills them to temporary files).
    public var makeStore: @Sendable () -> OrderLineStore
    /// Bytes read at a time.
    public var chunkSize: Int

    public init(period: Period?, chunkSize: Int = 4 << 20, makeStore: @escaping @Sendable () -> OrderLineStore) {
        self.period = period; self.chunkSize = max(16, chunkSize); self.makeStore = makeStore
    }
}

/// The sales intake while the ingest runs: made when the first row that parses is read.
struct SalesIntakeState {
    var intake: SalesIntake?
    var months: Set<Period> = []
    var lastMonth: Period? = nil
    let options: SalesStreaming
    let roster: [String: RosterRow]
    let expectedLines: Int

    /// Checks and folds a parsed row; false for a rejected one, to be kept (now with its own copy of its text).
    mutating func take(_ row: inout InputRow<SaleRow>) -> Bool {
        if let v = row.value, row.issue == nil, v.date.period != lastMonth {
            lastMonth = v.date.period
            months.insert(v.date.period)
        }
        if intake == nil, let v = row.accepted {
            intake = SalesIntake(roster: roster, period: options.period ?? v.date.period, store: options.makeStore(),
                                 expectedLines: expectedLines)
        }
        if intake != nil {
            // In place: the intake is never copied. A line store that fails (a full disk) is reported by the runner.
            if intake!.take(&row) { return true }
        }
        row.raw = row.raw   // its own String: the chunk it points into is about to go
        // Its money cells back (a streamed row that parsed came without them), for the rejected sums.
        if row.money.isEmpty, let v = row.value { row.money = SalesIntake.moneyCells(of: v) }
        return false
    }
}

extension InputReader {
    /// Reads a file's first bytes: up to `limit`, cut after the last line break (nil when the file cannot be read).
    static func head(ofFile path: String, limit: Int) -> (bytes: [UInt8], size: Int)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: min(limit, max(0, Int(st.st_size)))) { buf, count in
            let got = buf.count == 0 ? 0 : InputReader.read(fd, into: buf.baseAddress!, upTo: buf.count)
            failed = got == nil
            count = got ?? 0
        }
        return failed ? nil : (out, Int(st.st_size))
    }

    /// Reads `path` in chunks of whole lines, calling `body` with each (the last one may end without a line break).
    static func forEachChunk(path: String, size: Int, _ body: (inout [UInt8], _ last: Bool) throws(FileError) -> Void) throws(FileError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(file: (path as NSString).lastPathComponent, message: "the file cannot be read") }
        defer { close(fd) }
        var carry: [UInt8] = []
        while true {
            // A fresh buffer: the carried part of a line, then up to `size` bytes read straight after it.
            var read: Int? = 0
            var buf = [UInt8](unsafeUninitializedCapacity: carry.count + size) { b, count in
                _ = b.initialize(from: carry)
                read = InputReader.read(fd, into: b.baseAddress! + carry.count, upTo: size)
                count = carry.count + (read ?? 0)
            }
            guard let got = read else { throw FileError(file: (path as NSString).lastPathComponent, message: "the file cannot be read to its end") }
            if got < size {
                try body(&buf, true)
                return
            }
            // Whole lines only: the rest waits for the next read (the buffer is cut, not copied).
            if let lf = buf.lastIndex(of: CSVScanner.lf) {
                carry = Array(buf[(lf + 1)...])
                buf.removeSubrange((lf + 1)...)
                try body(&buf, false)
            } else {
                carry = buf
            }
        }
    }

    /// Pass one over a streamed file: every byte valid UTF-8 (after a BOM) and no NUL, as the whole-file decoder
    /// would accept it; otherwise the file is read whole, so its errors and encodings are exactly the usual ones.
    static func isCleanUTF8(path: String, chunkSize: Int, skip: Int) -> Bool {
        var clean = true
        var first = true
        do {
            try forEachChunk(path: path, size: chunkSize) { (chunk, _) throws(FileError) in
                guard clean else { return }
                let start = first ? min(skip, chunk.count) : 0
                first = false
                if TextDecoder.firstNUL(chunk, from: start) != nil || UTF8Check.scan(chunk, from: start).firstBad != nil { clean = false }
            }
        } catch { return false }
        return clean
    }

    /// The last record end in `bytes[from...]` as the scanner reads records from a record start at `from`
    /// (quotes open at a field start, `""` inside quotes, LF, CRLF or a lone CR end a record); nil when no record
    /// ends there for sure (the bytes may stop inside a quoted field, between a CR and its LF, or after a quote
    /// that a next one would escape).
    static func lastRecordEnd(_ bytes: [UInt8], from: Int, delimiter: UInt8) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            let q = CSVScanner.quote, lf = CSVScanner.lf, cr = CSVScanner.cr
            var i = from
            var fieldStart = true
            var last: Int? = nil
            while i < n {
                let c = p[i]
                if c == q && fieldStart {
                    // A quoted field: to its closing quote.
                    i += 1
                    while true {
                        guard i < n else { return last }
                        if p[i] == q {
                            if i + 1 < n && p[i + 1] == q { i += 2; continue }
                            if i + 1 == n { return last }
                            i += 1; break
                        }
                        i += 1
                    }
                    fieldStart = false
                    continue
                }
                if c == delimiter { fieldStart = true; i += 1; continue }
                if c == lf { i += 1; last = i; fieldStart = true; continue }
                if c == cr {
                    if i + 1 == n { return last }
                    i += p[i + 1] == lf ? 2 : 1
                    last = i; fieldStart = true; continue
                }
                fieldStart = false
                i += 1
            }
            return last
        }
    }

    /// Reads a streamed sales file in two stages that run at once: a reader thread reads chunks, cuts them where the
    /// scanner ends a record and types the rows; this thread checks and folds them in reading order (the intake),
    /// appending the rejected rows to `set.sales`. At most two chunks' rows wait between the stages.
    func streamSales(_ file: PreparedFile, path: String, fileOrder: Int, state: inout SalesIntakeState,
                     into set: inout InputSet) throws(FileError) -> FileReport {
        if file.sheet != nil { return try streamSheetSales(file, fileOrder: fileOrder, state: &state, into: &set) }
        let hasher = computeHashes ? ChunkHasher() : nil
        let channel = BatchChannel<[InputRow<SaleRow>]>(capacity: 2)
        let result = ProducerResult()
        let parser = { () -> InputReader in
            var p = self
            p.parallelThreshold = Int.max   // one core types the rows; the other checks and folds them
            p.dropCleanSalesMoney = true
            return p
        }()
        let chunkSize = state.options.chunkSize
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { channel.close(); done.signal() }
            var line = file.scanner.line
            // The header (and any blank lines before it), as the prepared file read them: skipped, across chunks if
            // a chunk ends before it does.
            var toSkip = file.scanner.pos + (file.encoding == "utf-8-bom" ? 3 : 0)
            var pending: [UInt8] = []
            do throws(FileError) {
                try InputReader.forEachChunk(path: path, size: chunkSize) { (chunk, last) throws(FileError) in
                    hasher?.add(chunk)
                    let start = min(toSkip, chunk.count)
                    toSkip -= start
                    if pending.isEmpty && start == 0 { pending = chunk } else {
                        pending.append(contentsOf: chunk[start...])
                    }
                    let end: Int
                    if last { end = pending.count } else {
                        guard let e = InputReader.recordEnd(pending, delimiter: file.scanner.delimiter) else { return }
                        end = e
                    }
                    let text = end == pending.count ? pending : Array(pending[..<end])
                    pending = end == pending.count ? [] : Array(pending[end...])
                    var part = file
                    part.scanner = CSVScanner(bytes: text, delimiter: file.scanner.delimiter, file: file.name, pos: 0, line: line)
                    var parsed: [InputRow<SaleRow>] = []
                    let report = try parser.rows(part, fileOrder, RowBuilders.sales, &parsed)
                    result.add(rows: report.rows, blank: report.blank)
                    line += InputReader.lineBreaks(text, from: 0, to: text.count)
                    channel.put(parsed)
                }
            } catch {
                result.fail(error)
            }
        }
        while var rows = channel.take() {
            for i in rows.indices where !state.take(&rows[i]) { set.sales.append(rows[i]) }
        }
        done.wait()
        if let e = result.failure { throw e }
        return FileReport(file: file.name, kind: file.kind, encoding: file.encoding, delimiter: file.delimiter,
                          sha256: hasher?.finish() ?? "", rows: result.rows, blank: result.blank,
                          ignoredColumns: file.match.ignored, recognisedBy: file.recognisedBy)
    }

    /// Where the last whole record of a chunk of whole lines ends: after its last line break when it holds no quote
    /// (most files), else as `lastRecordEnd` finds it.
    static func recordEnd(_ bytes: [UInt8], delimiter: UInt8) -> Int? {
        guard let lf = bytes.lastIndex(of: CSVScanner.lf) else { return lastRecordEnd(bytes, from: 0, delimiter: delimiter) }
        // Only the quotes change the state: jump from one to the next. A quote opens a field only at a field start;
        // inside, a doubled quote is one character and a single one closes (what follows it is plain text).
        let inside = bytes.withUnsafeBytes { raw -> Bool in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var inside = false
            var at = 0
            while at < lf, let hit = memchr(base + at, Int32(CSVScanner.quote), lf - at) {
                let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if inside {
                    if q + 1 < lf && base[q + 1] == CSVScanner.quote { at = q + 2; continue }
                    inside = false
                } else {
                    let prev = q == 0 ? CSVScanner.lf : base[q - 1]
                    if prev == delimiter || prev == CSVScanner.lf || prev == CSVScanner.cr { inside = true }
                }
                at = q + 1
            }
            return inside
        }
        return inside ? lastRecordEnd(bytes, from: 0, delimiter: delimiter) : lf + 1
    }
}

/// A bounded queue between the reader thread and the intake.
final class BatchChannel<T>: @unchecked Sendable {
    private let cond = NSCondition()
    private var items: [T] = []
    private var closed = false
    private let capacity: Int
    init(capacity: Int) { self.capacity = capacity }
    /// Waits for room.
    func put(_ item: T) {
        cond.lock(); defer { cond.unlock() }
        while items.count >= capacity { cond.wait() }
        items.append(item)
        cond.broadcast()
    }
    /// The next item, nil once closed and empty.
    func take() -> T? {
        cond.lock(); defer { cond.unlock() }
        while items.isEmpty && !closed { cond.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        cond.broadcast()
        return item
    }
    func close() { cond.lock(); closed = true; cond.broadcast(); cond.unlock() }
}

/// What the reader thread counted, and its error.
final class ProducerResult: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var rows = 0, blank = 0
    private(set) var failure: FileError? = nil
    func add(rows r: Int, blank b: Int) { lock.lock(); rows += r; blank += b; lock.unlock() }
    func fail(_ e: FileError) { lock.lock(); if failure == nil { failure = e }; lock.unlock() }
}

/// SHA-256 of a file read in chunks, on a background queue while the chunks are parsed.
final class ChunkHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "salesclose.ingest.sha256-stream", qos: .userInitiated)
    private var hasher = SHA256Hasher()
    /// At most two chunks wait: the reader slows down rather than piling chunks up in memory.
    private let room = DispatchSemaphore(value: 2)
    func add(_ chunk: [UInt8]) {
        room.wait()
        queue.async { self.hasher.update(chunk); self.room.signal() }
    }
    func finish() -> String { queue.sync { hasher.finalizeHex() } }
}
