import SalesCore

/// One CSV record as read: where it starts, its fields (unquoted, exactly as in the file:
/// a quoted CRLF stays CRLF here; the cell cleaning turns it into LF) and its source text.
public struct CSVRecord: Sendable, Equatable {
    /// Physical line (1-based) where the record starts.
    public var line: Int
    public var fields: [String]
    /// The record's source text without its line break.
    public var raw: String
    /// Nothing but delimiters and whitespace (or an empty line).
    public var isBlank: Bool
    /// Set when the record is cut short at a stray quote (see `StrayQuote`): `fields` then hold the fields before it
    /// and the rest of its line, `raw` the record up to the end of the line where the quote opened.
    public var strayQuote: StrayQuote?
    public init(line: Int, fields: [String], raw: String, isBlank: Bool, strayQuote: StrayQuote? = nil) {
        self.line = line; self.fields = fields; self.raw = raw; self.isBlank = isBlank; self.strayQuote = strayQuote
    }
}

/// A quoted field that runs over a line end into what reads as whole records (inputs.md "A stray quote"): a line
/// inside it holds at least as many delimiters as the header, or the file ends inside it. The record that opened it
/// ends with the line where the quote opened; reading resumes on the next line.
public struct StrayQuote: Sendable, Equatable {
    /// 1-based field number of the field the quote opens.
    public var field: Int
    /// The physical line where the quote opened.
    public var line: Int
    /// The first line inside the quote that reads as a whole record; nil: the file ends inside the quote.
    public var wholeRecordLine: Int?
    public init(field: Int, line: Int, wholeRecordLine: Int?) {
        self.field = field; self.line = line; self.wholeRecordLine = wholeRecordLine
    }
}

/// A byte scanner over UTF-8 text that yields one RFC 4180 record at a time.
/// Line breaks: LF, CRLF, and a lone CR; inside quotes they are kept in the field and counted as lines.
/// A final line break does not start a record.
public struct CSVScanner: Sendable {
    public let bytes: [UInt8]
    public let delimiter: UInt8
    public let file: String
    var pos: Int
    var line: Int
    /// The header's delimiters (its fields − 1), once the header is read: a quoted field whose continuation line
    /// holds at least this many delimiters, or that the file ends inside, is a stray quote (`StrayQuote`). nil (the
    /// header itself, pure RFC 4180 reading): a quote never closed is a FileError.
    public var strayQuoteDelimiters: Int?

    static let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// `bytes` is UTF-8 text without BOM.
    public init(bytes: [UInt8], delimiter: UInt8, file: String = "") {
        self.bytes = bytes; self.delimiter = delimiter; self.file = file; self.pos = 0; self.line = 1
    }

    /// A scanner positioned at a record start `pos`, which is on physical line `line`.
    init(bytes: [UInt8], delimiter: UInt8, file: String, pos: Int, line: Int, strayQuoteDelimiters: Int? = nil) {
        self.bytes = bytes; self.delimiter = delimiter; self.file = file; self.pos = pos; self.line = line
        self.strayQuoteDelimiters = strayQuoteDelimiters
    }

    /// Sniffs the delimiter from the text.
    public init(text: String, file: String = "") {
        let b = Array(text.utf8)
        self.init(bytes: b, delimiter: CSVScanner.sniffDelimiter(b), file: file)
    }

    /// Comma, tab or semicolon: the one found most often outside quotes on the header line.
    /// Ties go to the preferred one first (tab for UTF-16 "Unicode text"), then comma, tab, semicolon.
    /// No delimiter at all (a one-column file): the preferred one.
    public static func sniffDelimiter(_ bytes: [UInt8], preferTab: Bool = false) -> UInt8 {
        var comma = 0, tab = 0, semi = 0
        var inQuotes = false
        var i = 0
        let n = bytes.count
        // Skip leading blank lines: the header is the first non-blank line.
        var seenContent = false
        while i < n {
            let c = bytes[i]
            if inQuotes {
                if c == quote { if i + 1 < n && bytes[i + 1] == quote { i += 1 } else { inQuotes = false } }
            } else if c == quote {
                inQuotes = true; seenContent = true
            } else if c == lf || c == cr {
                if seenContent { break }
            } else if c == 0x2C {
                comma += 1; seenContent = true
            } else if c == 0x09 {
                tab += 1; seenContent = true
            } else if c == 0x3B {
                semi += 1; seenContent = true
            } else if c != 0x20 {
                seenContent = true
            }
            i += 1
        }
        var order: [(UInt8, Int)] = [(0x2C, comma), (0x09, tab), (0x3B, semi)]
        if preferTab { order = [(0x09, tab), (0x2C, comma), (0x3B, semi)] }
        var best = order[0]
        for o in order.dropFirst() where o.1 > best.1 { best = o }
        return best.1 == 0 ? order[0].0 : best.0
    }

    /// The delimiter as text: ",", "\t" or ";".
    public var delimiterText: String { String(UnicodeScalar(delimiter)) }

    /// The next record, or nil at the end. Without `strayQuoteDelimiters`, an unterminated quote is a FileError naming
    /// the line where it opened; with it, a stray quote ends its record (`CSVRecord.strayQuote`).
    public mutating func next() throws(FileError) -> CSVRecord? {
        var ranges: [FieldRange] = []
        var scratch: [UInt8] = []
        let b = bytes
        return try b.withUnsafeBufferPointer { (p) throws(FileError) -> CSVRecord? in
            guard let r = try scanRecord(p, fields: &ranges, scratch: &scratch) else { return nil }
            return scratch.withUnsafeBufferPointer { sp in
                let fields = ranges.map { f in String(decoding: f.bytes(p, sp), as: UTF8.self) }
                let raw = String(decoding: UnsafeBufferPointer(rebasing: p[r.start..<r.rawEnd]), as: UTF8.self)
                return CSVRecord(
                    line: r.line, fields: fields, raw: raw, isBlank: r.strayQuote == nil && FieldRange.isBlank(ranges, p, sp),
                    strayQuote: r.strayQuote)
            }
        }
    }

    /// One record's place in the text: its first physical line and its source bytes `start..<rawEnd` (no line break).
    struct RecordSpan { var line: Int; var start: Int; var rawEnd: Int; var strayQuote: StrayQuote? = nil }

    /// The record scanner proper: the next record's fields as byte ranges, into the text `p` (which must be `bytes`)
    /// or, for a quoted field with doubled quotes or text after its closing quote, into `scratch`.
    /// `fields` and `scratch` are emptied first. nil at the end of the text.
    @inline(__always)
    mutating func scanRecord(
        _ p: UnsafeBufferPointer<UInt8>, fields: inout [FieldRange],
        scratch: inout [UInt8]
    ) throws(FileError) -> RecordSpan? {
        let n = p.count
        guard pos < n else { return nil }
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let startLine = line
        let start = pos
        var rawEnd = pos
        let delim = delimiter
        let q = CSVScanner.quote, lf = CSVScanner.lf, cr = CSVScanner.cr
        var pos = self.pos
        defer { self.pos = pos }
        while true {
            if pos < n && p[pos] == q {
                let openLine = line
                pos += 1
                let contentStart = pos
                var segStart = pos
                var escaped = false
                let scratchStart = scratch.count
                var contentEnd = pos
                // The first line break inside the field (it ends the line the quote opened on), and the delimiters
                // seen since the last one: a continuation line that reads as a whole record makes the quote stray.
                var breakAt = -1, breakEnd = -1
                var lineDelimiters = 0
                let threshold = strayQuoteDelimiters ?? Int.max
                var stray: StrayQuote? = nil
                while true {
                    guard pos < n else {
                        guard strayQuoteDelimiters != nil else {
                            throw FileError(
                                file: file, line: openLine,
                                message:
                                    "a quote (\") opened on line \(openLine) is never closed: the file ends inside a quoted field; "
                                    + "look for a stray or unbalanced quote in that row")
                        }
                        stray = StrayQuote(field: fields.count + 1, line: openLine, wholeRecordLine: nil)
                        break
                    }
                    let c = p[pos]
                    if c == q {
                        if pos + 1 < n && p[pos + 1] == q {
                            escaped = true
                            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[segStart...pos])); pos += 2; segStart = pos; continue
                        }
                        contentEnd = pos; pos += 1; break
                    } else if c == lf || c == cr {
                        let at = pos
                        pos += (c == cr && pos + 1 < n && p[pos + 1] == lf) ? 2 : 1
                        line += 1
                        if breakAt < 0 { breakAt = at; breakEnd = pos }
                        lineDelimiters = 0
                        if threshold == 0 { stray = StrayQuote(field: fields.count + 1, line: openLine, wholeRecordLine: line); break }
                    } else if c == delim && breakAt >= 0 {
                        lineDelimiters += 1; pos += 1
                        if lineDelimiters >= threshold { stray = StrayQuote(field: fields.count + 1, line: openLine, wholeRecordLine: line); break }
                    } else {
                        pos += 1
                    }
                }
                if let stray {
                    // The record ends with the line the quote opened on; reading resumes on the next line.
                    let end = breakAt < 0 ? n : breakAt
                    fields.append(FieldRange(start: contentStart, end: end, inScratch: false))
                    if breakAt >= 0 { pos = breakEnd; line = openLine + 1 } else { pos = n }
                    return RecordSpan(line: startLine, start: start, rawEnd: end, strayQuote: stray)
                }
                // Text after the closing quote (not RFC 4180) is kept as written.
                let s2 = pos
                while pos < n { let c = p[pos]; if c == delim || c == lf || c == cr { break }; pos += 1 }
                if !escaped && pos == s2 {
                    fields.append(FieldRange(start: contentStart, end: contentEnd, inScratch: false))
                } else {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[segStart..<contentEnd]))
                    if pos > s2 { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[s2..<pos])) }
                    fields.append(FieldRange(start: scratchStart, end: scratch.count, inScratch: true))
                }
            } else {
                let s = pos
                while pos < n { let c = p[pos]; if c == delim || c == lf || c == cr { break }; pos += 1 }
                fields.append(FieldRange(start: s, end: pos, inScratch: false))
            }
            if pos >= n { rawEnd = pos; break }
            let c = p[pos]
            if c == delim { pos += 1; continue }
            rawEnd = pos
            pos += (c == cr && pos + 1 < n && p[pos + 1] == lf) ? 2 : 1
            line += 1
            break
        }
        return RecordSpan(line: startLine, start: start, rawEnd: rawEnd)
    }

    /// All records (pure RFC 4180: blank records included, fields as in the file).
    public mutating func all() throws(FileError) -> [CSVRecord] {
        var out: [CSVRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }
}

/// One field of a record as a byte range: into the text, or into the scanner's scratch buffer
/// (quoted fields with doubled quotes or with text after the closing quote).
struct FieldRange: Sendable {
    var start: Int
    var end: Int
    var inScratch: Bool

    @inline(__always)
    func bytes(_ text: UnsafeBufferPointer<UInt8>, _ scratch: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: (inScratch ? scratch : text)[start..<end])
    }

    /// Every field nothing but whitespace (`Cell.isAllWhitespace` of each field's text).
    static func isBlank(_ fields: [FieldRange], _ text: UnsafeBufferPointer<UInt8>, _ scratch: UnsafeBufferPointer<UInt8>) -> Bool {
        for f in fields where !CellBytes.isAllWhitespace(f.bytes(text, scratch)) { return false }
        return true
    }
}
