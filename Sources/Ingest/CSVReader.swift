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
    public init(line: Int, fields: [String], raw: String, isBlank: Bool) {
        self.line = line; self.fields = fields; self.raw = raw; self.isBlank = isBlank
    }
}

/// A byte scanner over UTF-8 text that yields one RFC 4180 record at a time.
/// Line breaks: LF, CRLF, and a lone CR; inside quotes they are kept in the field and counted as lines.
/// A final line break does not start a record.
public struct CSVScanner: Sendable {
    public let bytes: [UInt8]
    public let delimiter: UInt8
    public let file: String
    private var pos: Int
    private var line: Int

    static let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// `bytes` is UTF-8 text without BOM.
    public init(bytes: [UInt8], delimiter: UInt8, file: String = "") {
        self.bytes = bytes; self.delimiter = delimiter; self.file = file; self.pos = 0; self.line = 1
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
            } else if c == quote { inQuotes = true; seenContent = true }
            else if c == lf || c == cr { if seenContent { break } }
            else if c == 0x2C { comma += 1; seenContent = true }
            else if c == 0x09 { tab += 1; seenContent = true }
            else if c == 0x3B { semi += 1; seenContent = true }
            else if c != 0x20 { seenContent = true }
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

    /// The next record, or nil at the end. An unterminated quote is a FileError naming the line where it opened.
    public mutating func next() throws(FileError) -> CSVRecord? {
        let n = bytes.count
        guard pos < n else { return nil }
        let startLine = line
        let start = pos
        var fields: [String] = []
        var rawEnd = pos
        let delim = delimiter
        let q = CSVScanner.quote, lf = CSVScanner.lf, cr = CSVScanner.cr
        while true {
            if pos < n && bytes[pos] == q {
                let openLine = line
                pos += 1
                var buf: [UInt8] = []
                var segStart = pos
                while true {
                    guard pos < n else {
                        throw FileError(file: file, line: openLine, message:
                            "a quote (\") opened on line \(openLine) is never closed: the file ends inside a quoted field; "
                            + "look for a stray or unbalanced quote in that row")
                    }
                    let c = bytes[pos]
                    if c == q {
                        if pos + 1 < n && bytes[pos + 1] == q {
                            buf.append(contentsOf: bytes[segStart...pos]); pos += 2; segStart = pos; continue
                        }
                        buf.append(contentsOf: bytes[segStart..<pos]); pos += 1; break
                    } else if c == lf {
                        line += 1; pos += 1
                    } else if c == cr {
                        pos += (pos + 1 < n && bytes[pos + 1] == lf) ? 2 : 1
                        line += 1
                    } else {
                        pos += 1
                    }
                }
                // Text after the closing quote (not RFC 4180) is kept as written.
                let s2 = pos
                while pos < n { let c = bytes[pos]; if c == delim || c == lf || c == cr { break }; pos += 1 }
                if pos > s2 { buf.append(contentsOf: bytes[s2..<pos]) }
                fields.append(String(decoding: buf, as: UTF8.self))
            } else {
                let s = pos
                while pos < n { let c = bytes[pos]; if c == delim || c == lf || c == cr { break }; pos += 1 }
                fields.append(String(decoding: bytes[s..<pos], as: UTF8.self))
            }
            if pos >= n { rawEnd = pos; break }
            let c = bytes[pos]
            if c == delim { pos += 1; continue }
            rawEnd = pos
            pos += (c == cr && pos + 1 < n && bytes[pos + 1] == lf) ? 2 : 1
            line += 1
            break
        }
        let raw = String(decoding: bytes[start..<rawEnd], as: UTF8.self)
        let blank = fields.allSatisfy { Cell.isAllWhitespace($0) }
        return CSVRecord(line: startLine, fields: fields, raw: raw, isBlank: blank)
    }

    /// All records (pure RFC 4180: blank records included, fields as in the file).
    public mutating func all() throws(FileError) -> [CSVRecord] {
        var out: [CSVRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }
}
