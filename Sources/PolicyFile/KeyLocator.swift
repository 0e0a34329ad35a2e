/// Finds the line of every key in a TOML text. TOMLKit reports positions for
/// syntax errors only, so the loader scans the text itself to name the line
/// of a key it rejects, and to learn the order in which the file gives keys
/// (TOMLKit's tables are sorted).
///
/// The scanner runs after TOMLKit accepted the text, so it may assume valid
/// TOML; on anything it does not understand it stops, leaving what it found.
///
/// A path is the list of key components from the root. An element of an
/// array (of tables, or inline) is the component `"[n]"` (0-based).
struct KeyLocator {
    private(set) var firstLine: [String: Int] = [:]
    /// Every key and header in document order, with its line.
    private(set) var entries: [(path: [String], line: Int)] = []

    static func join<S: Sequence>(_ p: S) -> String where S.Element == String {
        p.joined(separator: "\u{1F}")
    }
    static func index(_ n: Int) -> String { "[\(n)]" }
    static func isIndex(_ s: String) -> Bool { s.hasPrefix("[") && s.hasSuffix("]") && s.count > 2 && s.dropFirst().dropLast().allSatisfy(\.isNumber) }

    init(text: String) {
        var s = Scan(text: text)
        s.run()
        firstLine = s.firstLine
        entries = s.entries
    }

    /// The first line on which this path, or anything below it, appears.
    func line(of path: [String]) -> Int? {
        var p = path[...]
        while !p.isEmpty {
            if let l = firstLine[KeyLocator.join(p)] { return l }
            p = p.dropLast()
        }
        return nil
    }
}

private struct Scan {
    let b: [UInt8]
    var i = 0
    var lineStarts: [Int] = [0]
    var table: [String] = []
    var arrayTables: [String: Int] = [:]
    var firstLine: [String: Int] = [:]
    var entries: [(path: [String], line: Int)] = []

    init(text: String) {
        b = Array(text.utf8)
        for (k, c) in b.enumerated() where c == UInt8(ascii: "\n") { lineStarts.append(k + 1) }
    }

    func lineAt(_ pos: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= pos { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    mutating func record(_ path: [String], at pos: Int) {
        let line = lineAt(pos)
        for k in stride(from: 1, through: path.count, by: 1) {
            let key = KeyLocator.join(path[0..<k])
            if firstLine[key] == nil { firstLine[key] = line }
        }
        entries.append((path, line))
    }

    var atEnd: Bool { i >= b.count }
    func peek(_ o: Int = 0) -> UInt8? { i + o < b.count ? b[i + o] : nil }
    func isChar(_ c: Character, _ o: Int = 0) -> Bool { peek(o) == c.asciiValue }

    mutating func skipSpaces() {
        while let c = peek(), c == 0x20 || c == 0x09 { i += 1 }
    }
    mutating func skipComment() {
        while let c = peek(), c != 0x0A { i += 1 }
    }
    /// Spaces, newlines and comments (inside arrays).
    mutating func skipBlank() {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else if c == UInt8(ascii: "#") { skipComment() } else { break }
        }
    }
    mutating func skipRestOfLine() {
        while let c = peek(), c != 0x0A { i += 1 }
    }

    mutating func run() {
        while !atEnd {
            skipSpaces()
            guard let c = peek() else { break }
            if c == 0x0A || c == 0x0D { i += 1; continue }
            if c == UInt8(ascii: "#") { skipComment(); continue }
            if c == UInt8(ascii: "[") {
                let start = i
                let isArray = isChar("[", 1)
                i += isArray ? 2 : 1
                guard let raw = parseKey() else { return }
                skipSpaces()
                guard isChar("]") else { return }
                i += 1
                if isArray { guard isChar("]") else { return }; i += 1 }
                table = resolve(raw, arrayTable: isArray)
                record(table, at: start)
                skipRestOfLine()
                continue
            }
            let start = i
            guard let key = parseKey() else { return }
            skipSpaces()
            guard isChar("=") else { return }
            i += 1
            skipSpaces()
            let path = table + key
            record(path, at: start)
            guard skipValue(path) else { return }
            skipRestOfLine()
        }
    }

    mutating func resolve(_ raw: [String], arrayTable: Bool) -> [String] {
        var out: [String] = []
        for (n, comp) in raw.enumerated() {
            out.append(comp)
            let j = KeyLocator.join(out)
            if n == raw.count - 1 && arrayTable {
                let count = arrayTables[j, default: 0]
                arrayTables[j] = count + 1
                out.append(KeyLocator.index(count))
            } else if let count = arrayTables[j], count > 0 {
                out.append(KeyLocator.index(count - 1))
            }
        }
        return out
    }

    static func isBare(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

    /// A dotted key: bare, "basic" or 'literal' parts joined by dots.
    mutating func parseKey() -> [String]? {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = peek() else { return nil }
            if c == UInt8(ascii: "\"") {
                guard let s = basicString() else { return nil }
                parts.append(s)
            } else if c == UInt8(ascii: "'") {
                guard let s = literalString() else { return nil }
                parts.append(s)
            } else if Scan.isBare(c) {
                let st = i
                while let d = peek(), Scan.isBare(d) { i += 1 }
                parts.append(String(decoding: b[st..<i], as: UTF8.self))
            } else {
                return nil
            }
            skipSpaces()
            if isChar(".") { i += 1; continue }
            return parts
        }
    }

    /// A single-line basic string at `i` (on the opening quote), unescaped.
    mutating func basicString() -> String? {
        i += 1
        var bytes: [UInt8] = []
        while let c = peek() {
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: bytes, as: UTF8.self) }
            if c == 0x0A { return nil }
            if c == UInt8(ascii: "\\") {
                guard let e = peek(1) else { return nil }
                i += 2
                switch e {
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "e"): bytes.append(0x1B)
                case UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "x"):
                    let n = e == UInt8(ascii: "u") ? 4 : e == UInt8(ascii: "U") ? 8 : 2
                    guard i + n <= b.count, let v = UInt32(String(decoding: b[i..<(i + n)], as: UTF8.self), radix: 16),
                        let sc = Unicode.Scalar(v)
                    else { return nil }
                    bytes.append(contentsOf: Array(String(Character(sc)).utf8))
                    i += n
                default: bytes.append(e)
                }
                continue
            }
            bytes.append(c)
            i += 1
        }
        return nil
    }

    mutating func literalString() -> String? {
        i += 1
        let st = i
        while let c = peek() {
            if c == UInt8(ascii: "'") { let s = String(decoding: b[st..<i], as: UTF8.self); i += 1; return s }
            if c == 0x0A { return nil }
            i += 1
        }
        return nil
    }

    /// Skips a value; records the keys of inline tables and the elements of arrays.
    mutating func skipValue(_ path: [String]) -> Bool {
        guard let c = peek() else { return false }
        switch c {
        case UInt8(ascii: "\""):
            if isChar("\"", 1) && isChar("\"", 2) { return skipMultiline(quote: c, escapes: true) }
            return basicString() != nil
        case UInt8(ascii: "'"):
            if isChar("'", 1) && isChar("'", 2) { return skipMultiline(quote: c, escapes: false) }
            return literalString() != nil
        case UInt8(ascii: "["):
            i += 1
            var n = 0
            while true {
                skipBlank()
                guard let d = peek() else { return false }
                if d == UInt8(ascii: "]") { i += 1; return true }
                let element = path + [KeyLocator.index(n)]
                record(element, at: i)
                guard skipValue(element) else { return false }
                n += 1
                skipBlank()
                if isChar(",") { i += 1; continue }
                if isChar("]") { i += 1; return true }
                return false
            }
        case UInt8(ascii: "{"):
            i += 1
            while true {
                skipSpaces()
                guard let d = peek() else { return false }
                if d == UInt8(ascii: "}") { i += 1; return true }
                let start = i
                guard let key = parseKey() else { return false }
                skipSpaces()
                guard isChar("=") else { return false }
                i += 1
                skipSpaces()
                record(path + key, at: start)
                guard skipValue(path + key) else { return false }
                skipSpaces()
                if isChar(",") { i += 1; continue }
                if isChar("}") { i += 1; return true }
                return false
            }
        default:
            let st = i
            while let d = peek(), !Scan.endsScalar(d) { i += 1 }
            // A date-time may use a space between date and time.
            if i - st == 10, b[st + 4] == UInt8(ascii: "-"), isChar(" "), let d = peek(1), d >= 0x30 && d <= 0x39 {
                i += 1
                while let d = peek(), !Scan.endsScalar(d) { i += 1 }
            }
            return i > st
        }
    }

    static func endsScalar(_ d: UInt8) -> Bool {
        d == UInt8(ascii: ",") || d == UInt8(ascii: "]") || d == UInt8(ascii: "}") || d == 0x20 || d == 0x09
            || d == 0x0A || d == 0x0D || d == UInt8(ascii: "#")
    }

    mutating func skipMultiline(quote q: UInt8, escapes: Bool) -> Bool {
        i += 3
        while let c = peek() {
            if escapes && c == UInt8(ascii: "\\") { i += 2; continue }
            if c == q && peek(1) == q && peek(2) == q {
                i += 3
                var extra = 0
                while extra < 2, peek() == q { i += 1; extra += 1 }
                return true
            }
            i += 1
        }
        return false
    }
}
