import Foundation
import SalesCore

/// One cell of a sheet row as the XML holds it: its column, type, style and value bytes (decoded) in the piece's arena.
struct RawCell {
    enum Kind: UInt8 { case number, shared, inline, formulaString, boolean, error, isoDate }
    var col: Int
    var kind: Kind
    var style: Int
    var start: Int
    var end: Int
}

/// Reads `<sheetData>` rows out of a sheet part as it inflates: each piece's rows land in flat buffers (no array per
/// row), which the driver drains after the piece; merged ranges and the `<dimension>` are kept.
struct SheetSink: XMLSink {
    var arena: [UInt8] = []
    var cells: [RawCell] = []
    /// Rows of the current piece: sheet row number and its cells' range in `cells`.
    var rows: [(number: Int, cells: Range<Int>)] = []
    var merges: [(r0: Int, c0: Int, r1: Int, c1: Int)] = []
    var dimensionRows = 0
    var sheetDataEnded = false

    private var inRow = false, inCell = false, capture = false, phonetic = 0
    private var rowNumber = 0, rowStart = 0, lastCol = 0
    private var cell = RawCell(col: 0, kind: .number, style: 0, start: 0, end: 0)
    private var hasValue = false

    /// Forgets the rows drained (keeps the buffers' room).
    mutating func drain() {
        rows.removeAll(keepingCapacity: true)
        guard inRow else { cells.removeAll(keepingCapacity: true); arena.removeAll(keepingCapacity: true); return }
        // A row cut by the piece: its cells (and the one being read) move to the front.
        let base = rowStart < cells.count ? cells[rowStart].start : (inCell ? cell.start : arena.count)
        cells.removeSubrange(0..<rowStart)
        rowStart = 0
        for i in cells.indices { cells[i].start -= base; cells[i].end -= base }
        if inCell { cell.start -= base }
        arena.removeSubrange(0..<base)
    }

    mutating func start(_ name: UnsafeBufferPointer<UInt8>, attributes: UnsafeBufferPointer<UInt8>, empty: Bool) throws {
        switch name.count {
        case 1:
            if name[0] == 0x63 /* c */ && inRow {
                inCell = true; hasValue = false
                var col = lastCol + 1
                var kind = RawCell.Kind.number
                var style = 0
                // One pass over the attributes: r, t and s.
                SheetSink.forEachAttribute(attributes) { name, value in
                    guard name.count == 1 else { return }
                    switch name[0] {
                    case 0x72: if let ref = XlsxNames.cellRef(value), ref.col > 0 { col = ref.col }
                    case 0x73: style = XlsxNames.int(value) ?? 0
                    case 0x74:
                        if XlsxNames.is(value, "s") {
                            kind = .shared
                        } else if XlsxNames.is(value, "inlineStr") {
                            kind = .inline
                        } else if XlsxNames.is(value, "str") {
                            kind = .formulaString
                        } else if XlsxNames.is(value, "b") {
                            kind = .boolean
                        } else if XlsxNames.is(value, "e") {
                            kind = .error
                        } else if XlsxNames.is(value, "d") {
                            kind = .isoDate
                        }
                    default: break
                    }
                }
                lastCol = col
                cell = RawCell(col: col, kind: kind, style: style, start: arena.count, end: arena.count)
            } else if name[0] == 0x76 /* v */ && inCell {
                capture = true
            } else if name[0] == 0x74 /* t */ && inCell && cell.kind == .inline && phonetic == 0 {
                capture = true; hasValue = true
            }
        case 3:
            if XlsxNames.is(name, "row") {
                inRow = true
                rowNumber = XMLPull.attribute(attributes, "r").flatMap(XlsxNames.int) ?? rowNumber + 1
                rowStart = cells.count
                lastCol = 0
            } else if XlsxNames.is(name, "rPh") {
                phonetic += 1
            }
        case 9:
            if XlsxNames.is(name, "mergeCell"), let ref = XMLPull.attribute(attributes, "ref") {
                let parts = String(decoding: ref, as: UTF8.self).split(separator: ":")
                if let a = parts.first.flatMap({ XlsxNames.cellRef(String($0)) }),
                    let b = (parts.count > 1 ? XlsxNames.cellRef(String(parts[1])) : a)
                {
                    merges.append((min(a.row, b.row), min(a.col, b.col), max(a.row, b.row), max(a.col, b.col)))
                }
            } else if XlsxNames.is(name, "dimension"), let ref = XMLPull.attribute(attributes, "ref") {
                let parts = String(decoding: ref, as: UTF8.self).split(separator: ":")
                if let last = parts.last.flatMap({ XlsxNames.cellRef(String($0)) }) { dimensionRows = last.row }
            }
        default:
            break
        }
    }

    /// Each `name="value"` of a start tag (raw bytes), in order.
    @inline(__always)
    static func forEachAttribute(_ a: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        let n = a.count
        var i = 0
        while i < n {
            while i < n && XMLPull.isSpace(a[i]) { i += 1 }
            let ns = i
            while i < n && a[i] != 0x3D && !XMLPull.isSpace(a[i]) { i += 1 }
            let ne = i
            while i < n && a[i] != 0x22 && a[i] != 0x27 { i += 1 }
            guard i < n else { return }
            let q = a[i]
            i += 1
            let vs = i
            while i < n && a[i] != q { i += 1 }
            body(UnsafeBufferPointer(rebasing: a[ns..<ne]), UnsafeBufferPointer(rebasing: a[vs..<min(i, n)]))
            i += 1
        }
    }

    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws {
        switch name.count {
        case 1:
            if name[0] == 0x63 && inCell {
                inCell = false; capture = false
                cell.end = arena.count
                if hasValue { cells.append(cell) }
            } else if name[0] == 0x76 || name[0] == 0x74 {
                capture = false
            }
        case 3:
            if XlsxNames.is(name, "row") && inRow {
                inRow = false
                rows.append((rowNumber, rowStart..<cells.count))
            } else if XlsxNames.is(name, "rPh") {
                phonetic = max(0, phonetic - 1)
            }
        case 9:
            if XlsxNames.is(name, "sheetData") { sheetDataEnded = true }
        default:
            break
        }
    }

    mutating func text(_ t: UnsafeBufferPointer<UInt8>, cdata: Bool) throws {
        guard capture else { return }
        hasValue = true
        if cdata { arena.append(contentsOf: t) } else { XMLPull.decode(t, ooxml: cell.kind != .number, into: &arena) }
    }
}

/// A sheet of a workbook: how its rows are read.
enum SheetReading {
    /// Streams a sheet part's rows to `body` (row number, its cells, the arena their bytes are in), piece by piece;
    /// `body` may throw `XlsxStop`. Returns the sink at the end (merges, dimension).
    @discardableResult
    static func forEachRow(
        _ book: XlsxBook, part: String,
        _ body: (Int, ArraySlice<RawCell>, UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> SheetSink {
        var pull = XMLPull()
        var sink = SheetSink()
        do {
            try book.archive.stream(part) { piece, last in
                try pull.feed(piece, last: last, into: &sink)
                try sink.arena.withUnsafeBufferPointer { arena in
                    for r in sink.rows { try body(r.number, sink.cells[r.cells], arena) }
                }
                sink.drain()
            }
        } catch is XlsxStop {}
        return sink
    }

    /// One piece's rows, handed from the reading thread to the typing one.
    struct Batch {
        var arena: [UInt8]
        var cells: [RawCell]
        var rows: [(number: Int, cells: Range<Int>)]
    }

    /// As `forEachRow` (without the early stop), in two stages that run at once, as a streamed CSV file is read: a
    /// reader thread inflates the part and scans its XML into rows; this thread hands them to `body` in order. At
    /// most a few pieces' rows wait between the stages.
    static func forEachRowInBackground(
        _ book: XlsxBook, part: String,
        _ body: (Int, ArraySlice<RawCell>, UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let channel = BatchChannel<Batch>(capacity: 4)
        let failure = ErrorBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { channel.close(); done.signal() }
            var pull = XMLPull()
            var sink = SheetSink()
            do {
                try book.archive.stream(part) { piece, last in
                    if failure.stopped { throw XlsxStop() }
                    try pull.feed(piece, last: last, into: &sink)
                    if !sink.rows.isEmpty { channel.put(Batch(arena: sink.arena, cells: sink.cells, rows: sink.rows)) }
                    sink.drain()
                }
            } catch is XlsxStop {} catch { failure.set(error) }
        }
        var stop: Error?
        while let batch = channel.take() {
            guard stop == nil else { continue }  // drained, so that the reader ends
            do {
                try batch.arena.withUnsafeBufferPointer { a in
                    for r in batch.rows { try body(r.number, batch.cells[r.cells], a) }
                }
            } catch { stop = error; failure.stop() }
        }
        done.wait()
        if let e = stop { throw e }
        if let e = failure.error { throw e }
    }

    /// The merged ranges of a sheet part: `<mergeCells>` follows `<sheetData>`, so the rows are skipped unread
    /// (only the bytes after `</sheetData>` are parsed).
    static func merges(_ book: XlsxBook, part: String) throws -> [(r0: Int, c0: Int, r1: Int, c1: Int)] {
        let marker = Array("</sheetData>".utf8) + []
        var carry: [UInt8] = []
        var after = false
        var pull = XMLPull()
        var sink = SheetSink()
        try book.archive.stream(part) { piece, last in
            if after { try pull.feed(piece, last: last, into: &sink); return }
            var window = carry
            window.append(contentsOf: piece)
            let found = window.withUnsafeBytes { XMLPull.search($0, marker) }
            if let at = found {
                after = true
                try window.withUnsafeBytes { w in try pull.feed(UnsafeRawBufferPointer(rebasing: w[(at + marker.count)...]), last: last, into: &sink) }
            } else {
                carry = Array(window.suffix(marker.count))
            }
        }
        return sink.merges
    }
}

/// The reader thread's error, and the typing thread's request to stop.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?
    private var stopRequested = false
    func set(_ e: Error) { lock.lock(); if first == nil { first = e }; lock.unlock() }
    var error: Error? { lock.lock(); defer { lock.unlock() }; return first }
    func stop() { lock.lock(); stopRequested = true; lock.unlock() }
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return stopRequested }
}
