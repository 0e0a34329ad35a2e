import Foundation
import SalesCore

/// How the ingest streams sales files (issue 7): each file is read in chunks and its rows handed, as they are typed
/// and in reading order, to a `SalesRowSink` the caller supplies (the close passes SalesCore's `SalesIntakeSink`,
/// which checks and folds them); only the rows the sink does not take are kept. Memory grows with what the sink keeps,
/// not with the file.
public struct SalesStreaming: Sendable {
    /// Makes the sink for one reading of a folder.
    public var makeSink: @Sendable () -> SalesRowSink
    /// Bytes read at a time.
    public var chunkSize: Int
    /// The most one record may hold (its lines carried from chunk to chunk): a longer one is a FileError.
    public var recordLimit = InputFile.recordLimit

    public init(chunkSize: Int = 4 << 20, makeSink: @escaping @Sendable () -> SalesRowSink) {
        self.chunkSize = max(16, chunkSize); self.makeSink = makeSink
    }
}

extension InputReader {
    /// `carry`, then up to `size` bytes of `input` read at `at` straight after it into the same buffer; and how many
    /// bytes were read (fewer than `size` at the end of the file).
    static func readAfter(_ carry: [UInt8], _ input: InputFile, at: Int, upTo size: Int) throws(FileError) -> ([UInt8], Int) {
        var failure: FileError? = nil
        var got = 0
        let buf = [UInt8](unsafeUninitializedCapacity: carry.count + size) { b, count in
            _ = b.initialize(from: carry)
            do throws(FileError) {
                got = try input.read(at: at, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: b[carry.count...])))
            } catch { failure = error }
            count = carry.count + got
        }
        if let failure { throw failure }
        return (buf, got)
    }

    /// Reads a file in chunks of whole lines from its start, calling `body` with each (the last one may end without a
    /// line break). A line is carried into the next chunk while it goes on, up to `recordLimit`: a longer one
    /// is a FileError (memory stays bounded by the chunk size and that limit, whatever the file's size).
    static func forEachChunk(
        _ input: InputFile, size: Int, recordLimit: Int = InputFile.recordLimit, _ body: (inout [UInt8], _ last: Bool) throws(FileError) -> Void
    ) throws(FileError) {
        var carry: [UInt8] = []
        var at = 0
        while true {
            // A fresh buffer: the carried part of a line, then up to `size` bytes read straight after it.
            var (buf, got) = try readAfter(carry, input, at: at, upTo: size)
            at += got
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
                if carry.count > recordLimit { throw InputReader.recordTooLong(input, limit: recordLimit, endingBefore: at) }
            }
        }
    }

    /// A line or record over the limit in a streamed file.
    static func recordTooLong(_ input: InputFile, limit: Int, endingBefore offset: Int) -> FileError {
        FileError(
            file: input.name,
            message: "more than \(InputFile.shown(limit)) before byte \(offset) hold no end of "
                + "a record (no line break, or a quote that is never closed): this is not a CSV export, or it is damaged; "
                + "export it again")
    }

    /// Pass one over a streamed file: every byte valid UTF-8 (after a BOM) and no NUL, as the whole-file decoder
    /// would accept it; otherwise the file is read whole, so its errors and encodings are exactly the usual ones.
    /// Reads `chunkSize` bytes at a time (a UTF-8 sequence cut at a chunk's end waits for the next), and stops at the
    /// first bad byte: a 3 GB file of NUL bytes costs one chunk.
    static func isCleanUTF8(_ input: InputFile, chunkSize: Int, skip: Int) throws(FileError) -> Bool {
        var at = skip
        var carry: [UInt8] = []
        while true {
            // The carried bytes, then up to `chunkSize` bytes read straight after them.
            var (chunk, got) = try readAfter(carry, input, at: at, upTo: chunkSize)
            at += got
            carry = []
            let last = got < chunkSize
            if !last {
                // A multi-byte sequence the chunk cuts: its lead byte and what follows wait for the next chunk.
                var k = chunk.count - 1, back = 0
                while k >= 0 && back < 3 && chunk[k] & 0xC0 == 0x80 { k -= 1; back += 1 }
                if k >= 0 && chunk[k] >= 0xC0 { carry = Array(chunk[k...]); chunk.removeSubrange(k...) }
            }
            if TextDecoder.firstNUL(chunk, from: 0) != nil || UTF8Check.scan(chunk, from: 0).firstBad != nil { return false }
            if last { return true }
        }
    }

    /// The last record end in `bytes[from...]` as the scanner reads records from a record start at `from`
    /// (quotes open at a field start, `""` inside quotes, LF, CRLF or a lone CR end a record, and with
    /// `strayQuoteDelimiters` a quoted field whose continuation line holds that many delimiters ends its record with the
    /// line it opened on); nil when no record ends there for sure (the bytes may stop inside a quoted field, between a
    /// CR and its LF, or after a quote that a next one would escape).
    static func lastRecordEnd(_ bytes: [UInt8], from: Int, delimiter: UInt8, strayQuoteDelimiters: Int? = nil) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            let q = CSVScanner.quote, lf = CSVScanner.lf, cr = CSVScanner.cr
            let threshold = strayQuoteDelimiters ?? Int.max
            var i = from
            var fieldStart = true
            var last: Int? = nil
            // A stray quote is known only once its whole-record line is seen: the record ends before it, at the end of
            // the quote's first line, but the text must reach that line for the scanner to read the record the same
            // way (and not as a quote that the text ends inside). No cut before it, then.
            var barrier = 0
            @inline(__always) func ended(_ e: Int) { if e >= barrier { last = e } }
            while i < n {
                let c = p[i]
                if c == q && fieldStart {
                    // A quoted field: to its closing quote, or to a continuation line that reads as a whole record.
                    i += 1
                    var breakEnd = -1
                    var delimiters = 0
                    var stray = false
                    var seen = 0
                    while true {
                        guard i < n else { return last }
                        let d = p[i]
                        if d == q {
                            if i + 1 < n && p[i + 1] == q { i += 2; continue }
                            if i + 1 == n { return last }
                            i += 1; break
                        }
                        if d == lf || d == cr {
                            if d == cr && i + 1 == n { return last }
                            i += (d == cr && p[i + 1] == lf) ? 2 : 1
                            if breakEnd < 0 { breakEnd = i }
                            delimiters = 0
                            if threshold == 0 { stray = true; seen = i; break }
                            continue
                        }
                        if d == delimiter && breakEnd >= 0 {
                            delimiters += 1
                            if delimiters >= threshold { stray = true; seen = i + 1; break }
                        }
                        i += 1
                    }
                    if stray {
                        // The record ends with the quote's first line; the next one starts a record.
                        barrier = max(barrier, seen)
                        i = breakEnd; ended(i); fieldStart = true; continue
                    }
                    fieldStart = false
                    continue
                }
                if c == delimiter { fieldStart = true; i += 1; continue }
                if c == lf { i += 1; ended(i); fieldStart = true; continue }
                if c == cr {
                    if i + 1 == n { return last }
                    i += p[i + 1] == lf ? 2 : 1
                    ended(i); fieldStart = true; continue
                }
                fieldStart = false
                i += 1
            }
            return last
        }
    }

    /// Reads a streamed sales file in two stages that run at once: a reader thread reads chunks, cuts them where the
    /// scanner ends a record and types the rows; this thread hands them to the sink in reading order, appending the
    /// rows it does not take to `set.sales`. At most two chunks' rows wait between the stages.
    func streamSales(
        _ file: PreparedFile, input: InputFile, fileOrder: Int, sink: SalesRowSink, chunkSize: Int, recordLimit: Int,
        into set: inout InputSet
    ) throws(FileError) -> FileReport {
        let hasher = computeHashes ? ChunkHasher() : nil
        let channel = BatchChannel<[InputRow<SaleRow>]>(capacity: 2)
        let result = ProducerResult()
        let parser = { () -> InputReader in
            var p = self
            p.parallelThreshold = Int.max  // one core types the rows; the other checks and folds them
            p.dropCleanSalesMoney = true
            p.settleDateOrders = false  // a file with day-first or month-first dates in its head is not streamed
            return p
        }()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { channel.close(); done.signal() }
            var line = file.scanner.line
            // The header (and any blank lines before it), as the prepared file read them: skipped, across chunks if
            // a chunk ends before it does.
            var toSkip = file.scanner.pos + (file.encoding == "utf-8-bom" ? 3 : 0)
            var pending: [UInt8] = []
            do throws(FileError) {
                try InputReader.forEachChunk(input, size: chunkSize, recordLimit: recordLimit) { (chunk, last) throws(FileError) in
                    hasher?.add(chunk)
                    let start = min(toSkip, chunk.count)
                    toSkip -= start
                    if pending.isEmpty && start == 0 {
                        pending = chunk
                    } else {
                        pending.append(contentsOf: chunk[start...])
                    }
                    let end: Int
                    if last {
                        end = pending.count
                    } else {
                        guard
                            let e = InputReader.recordEnd(
                                pending, delimiter: file.scanner.delimiter,
                                strayQuoteDelimiters: file.scanner.strayQuoteDelimiters)
                        else {
                            // A record that goes on: kept whole, within the bound.
                            if pending.count > recordLimit {
                                throw InputReader.recordTooLong(input, limit: recordLimit, endingBefore: input.size)
                            }
                            return
                        }
                        end = e
                    }
                    let text = end == pending.count ? pending : Array(pending[..<end])
                    pending = end == pending.count ? [] : Array(pending[end...])
                    var part = file
                    part.scanner = CSVScanner(
                        bytes: text, delimiter: file.scanner.delimiter, file: file.name, pos: 0, line: line,
                        strayQuoteDelimiters: file.scanner.strayQuoteDelimiters)
                    var parsed: [InputRow<SaleRow>] = []
                    let report = try parser.rows(part, fileOrder, RowBuilders.sales, &parsed)
                    result.add(rows: report.rows, blank: report.blank, failures: report.columnFailures)
                    line += InputReader.lineBreaks(text, from: 0, to: text.count)
                    channel.put(parsed)
                }
            } catch {
                result.fail(error)
            }
        }
        while var rows = channel.take() {
            for i in rows.indices where !sink.take(&rows[i]) {
                rows[i].raw = rows[i].raw  // its own String: the chunk it points into is about to go
                set.sales.append(rows[i])
            }
        }
        done.wait()
        if let e = result.failure { throw e }
        return FileReport(
            file: file.name, kind: file.kind, encoding: file.encoding, delimiter: file.delimiter,
            sha256: hasher?.finish() ?? "", rows: result.rows, blank: result.blank,
            ignoredColumns: file.match.ignored, recognisedBy: file.recognisedBy,
            columnFailures: result.failures(in: Schemas.schema(file.kind)), headers: file.headerNames)
    }

    /// Where the last whole record of a chunk of whole lines ends: after its last line break when no quoted field is
    /// open there or holds a line break (most files), else as `lastRecordEnd` finds it.
    static func recordEnd(_ bytes: [UInt8], delimiter: UInt8, strayQuoteDelimiters: Int? = nil) -> Int? {
        let slow = { lastRecordEnd(bytes, from: 0, delimiter: delimiter, strayQuoteDelimiters: strayQuoteDelimiters) }
        guard let lf = bytes.lastIndex(of: CSVScanner.lf) else { return slow() }
        // Only the quotes change the state: jump from one to the next. A quote opens a field only at a field start;
        // inside, a doubled quote is one character and a single one closes (what follows it is plain text). A quoted
        // field with a line break in it (legitimate or a stray quote) goes the slow way, which counts its delimiters.
        let quick = bytes.withUnsafeBytes { raw -> Bool in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var inside = false
            var opened = 0
            var at = 0
            while at < lf, let hit = memchr(base + at, Int32(CSVScanner.quote), lf - at) {
                let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if inside {
                    if q + 1 < lf && base[q + 1] == CSVScanner.quote { at = q + 2; continue }
                    inside = false
                    if memchr(base + opened, Int32(CSVScanner.lf), q - opened) != nil
                        || memchr(base + opened, Int32(CSVScanner.cr), q - opened) != nil
                    {
                        return false
                    }
                } else {
                    let prev = q == 0 ? CSVScanner.lf : base[q - 1]
                    if prev == delimiter || prev == CSVScanner.lf || prev == CSVScanner.cr { inside = true; opened = q + 1 }
                }
                at = q + 1
            }
            return !inside
        }
        return quick ? lf + 1 : slow()
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
    private var columns: [String: ColumnFailures] = [:]
    func add(rows r: Int, blank b: Int, failures: [ColumnFailures] = []) {
        lock.lock(); defer { lock.unlock() }
        rows += r; blank += b
        for f in failures {
            guard var c = columns[f.column] else { columns[f.column] = f; continue }
            c.failed += f.failed
            for v in f.samples where c.samples.count < ColumnTally.sampleCount && !c.samples.contains(v) { c.samples.append(v) }
            columns[f.column] = c
        }
    }
    /// The chunks' column failures added up, in the kind's column order.
    func failures(in schema: KindSchema) -> [ColumnFailures] {
        lock.lock(); defer { lock.unlock() }
        return schema.columns.compactMap { columns[$0.name] }
    }
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
        queue.async {
            self.hasher.update(chunk); self.room.signal()
        }
    }
    func finish() -> String { queue.sync { hasher.finalizeHex() } }
}
