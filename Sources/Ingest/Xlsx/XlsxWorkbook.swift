import Foundation
import SalesCore

/// One start tag of a small part, its attributes decoded.
struct XMLElement {
    var name: String
    var attributes: [String: String]
    /// Open elements above it (local names), outermost first.
    var path: [String]
}

/// Collects every start tag of a small part (workbook.xml, its rels, styles.xml).
struct ElementCollector: XMLSink {
    var elements: [XMLElement] = []
    var stack: [String] = []
    mutating func start(_ name: UnsafeBufferPointer<UInt8>, attributes: UnsafeBufferPointer<UInt8>, empty: Bool) throws {
        let n = String(decoding: name, as: UTF8.self)
        elements.append(XMLElement(name: n, attributes: ElementCollector.attributes(attributes), path: stack))
        stack.append(n)
    }
    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws { if !stack.isEmpty { stack.removeLast() } }
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, cdata: Bool) throws {}

    /// `key="value"` pairs (keys as written, prefixes kept), values decoded.
    static func attributes(_ a: UnsafeBufferPointer<UInt8>) -> [String: String] {
        var out: [String: String] = [:]
        let n = a.count
        var i = 0
        while i < n {
            while i < n && XMLPull.isSpace(a[i]) { i += 1 }
            let ks = i
            while i < n && a[i] != 0x3D && !XMLPull.isSpace(a[i]) { i += 1 }
            let key = String(decoding: UnsafeBufferPointer(rebasing: a[ks..<i]), as: UTF8.self)
            while i < n && XMLPull.isSpace(a[i]) { i += 1 }
            guard i < n, a[i] == 0x3D else { break }
            i += 1
            while i < n && XMLPull.isSpace(a[i]) { i += 1 }
            guard i < n, a[i] == 0x22 || a[i] == 0x27 else { break }
            let q = a[i]
            i += 1
            let vs = i
            while i < n && a[i] != q { i += 1 }
            var v: [UInt8] = []
            XMLPull.decode(UnsafeBufferPointer(rebasing: a[vs..<min(i, n)]), ooxml: false, into: &v)
            out[key] = String(decoding: v, as: UTF8.self)
            i += 1
        }
        return out
    }

    static func parse(_ bytes: [UInt8]) throws -> [XMLElement] {
        var pull = XMLPull()
        var sink = ElementCollector()
        try bytes.withUnsafeBytes { try pull.feed($0, last: true, into: &sink) }
        return sink.elements
    }
}

/// The shared string table, held whole (cells refer to it by index): one byte arena and the strings' end offsets,
/// not a String per entry, so a million distinct order numbers cost their bytes and 8 more each.
struct SharedStrings: XMLSink {
    private(set) var arena: [UInt8] = []
    private(set) var ends: [Int] = []
    private var inItem = false, capture = false, phonetic = 0
    private var raw: [UInt8] = []
    static let limit = 1 << 30

    var count: Int { ends.count }

    func string(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard i >= 0 && i < ends.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let s = i == 0 ? 0 : ends[i - 1]
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s..<ends[i]])) }
    }

    mutating func start(_ name: UnsafeBufferPointer<UInt8>, attributes: UnsafeBufferPointer<UInt8>, empty: Bool) throws {
        if XlsxNames.is(name, "si") {
            inItem = true; raw.removeAll(keepingCapacity: true)
        } else if XlsxNames.is(name, "rPh") {
            phonetic += 1
        } else if XlsxNames.is(name, "t") && inItem && phonetic == 0 {
            capture = true
        }
    }
    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws {
        if XlsxNames.is(name, "t") {
            capture = false
        } else if XlsxNames.is(name, "rPh") {
            phonetic = max(0, phonetic - 1)
        } else if XlsxNames.is(name, "si") {
            inItem = false
            arena.append(contentsOf: XMLPull.unescapeOOXML(raw))
            ends.append(arena.count)
            if arena.count > SharedStrings.limit { throw XMLProblem(message: "its shared strings exceed 1 GB") }
        }
    }
    mutating func text(_ t: UnsafeBufferPointer<UInt8>, cdata: Bool) throws {
        guard capture else { return }
        if cdata { raw.append(contentsOf: t) } else { XMLPull.decode(t, ooxml: false, into: &raw) }
    }
}

enum XlsxNames {
    @inline(__always) static func `is`(_ name: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard name.count == s.utf8CodeUnitCount else { return false }
        return memcmp(name.baseAddress!, s.utf8Start, name.count) == 0
    }

    /// "C7" → (row 7, column 3); nil when not a cell reference.
    static func cellRef(_ b: UnsafeBufferPointer<UInt8>) -> (row: Int, col: Int)? {
        var col = 0, row = 0, i = 0
        while i < b.count, let u = upper(b[i]) { col = col * 26 + Int(u - 0x40); i += 1; if col > 1 << 20 { return nil } }
        let letters = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { row = row * 10 + Int(b[i] - 0x30); i += 1; if row > 1 << 24 { return nil } }
        guard i == b.count else { return nil }
        return (letters == i ? 0 : row, letters == 0 ? 0 : col)
    }

    @inline(__always) static func upper(_ c: UInt8) -> UInt8? {
        if c >= 0x41 && c <= 0x5A { return c }
        if c >= 0x61 && c <= 0x7A { return c - 0x20 }
        return nil
    }

    static func cellRef(_ s: String) -> (row: Int, col: Int)? {
        var a = Array(s.utf8)
        a.removeAll { $0 == 0x24 }  // $A$1
        return a.withUnsafeBufferPointer { cellRef($0) }
    }

    @inline(__always) static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count < 10 else { return nil }
        var v = 0
        for c in b { guard c >= 0x30 && c <= 0x39 else { return nil }; v = v * 10 + Int(c - 0x30) }
        return v
    }
}

/// A cell's number format, as far as reading it needs.
enum NumberFormat: Sendable, Equatable {
    case general
    /// A date (with or without a time) or a time.
    case date(time: Bool, dateParts: Bool)
    /// `@`: text.
    case text
    /// Anything else: the format code (for the IDs it shows).
    case code(String)

    static let builtInDates: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    static func builtIn(_ id: Int) -> NumberFormat {
        switch id {
        case 0: return .general
        case 49: return .text
        case 1: return .code("0")
        case 18...21, 45...47, 32...35: return .date(time: true, dateParts: false)
        case 22: return .date(time: true, dateParts: true)
        case _ where builtInDates.contains(id): return .date(time: false, dateParts: true)
        default: return .code("")
        }
    }

    /// A custom format code: a date when its first section has d, m or y outside quotes, brackets and escapes;
    /// a time when it has only h or s there.
    static func custom(_ code: String) -> NumberFormat {
        let section = firstSection(code)
        if section.lowercased() == "general" { return .general }
        if section == "@" { return .text }
        var day = false, month = false, time = false
        for c in literalFree(section) {
            switch c {
            case "d", "D", "y", "Y": day = true
            case "m", "M": month = true
            case "h", "H", "s", "S": time = true
            default: break
            }
        }
        // An `m` beside h or s is minutes: a date needs d or y, or an m without any time part.
        let date = day || (month && !time)
        if date || time { return .date(time: time, dateParts: date) }
        return .code(section)
    }

    static func firstSection(_ code: String) -> String {
        var out = ""
        var quoted = false, escaped = false
        for c in code {
            if escaped { escaped = false; out.append(c); continue }
            if c == "\\" { escaped = true; out.append(c); continue }
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted { break }
            out.append(c)
        }
        return out
    }

    /// The format's characters that are format codes: without "quoted text", [brackets], and the character after
    /// `\`, `_` and `*`.
    static func literalFree(_ section: String) -> [Character] {
        var out: [Character] = []
        var quoted = false, bracket = false, skip = false
        for c in section {
            if skip { skip = false; continue }
            if quoted { if c == "\"" { quoted = false }; continue }
            if bracket { if c == "]" { bracket = false }; continue }
            switch c {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": skip = true
            default: out.append(c)
            }
        }
        return out
    }
}

/// The workbook's parts as reading needs them: sheets in order, the date system, styles' number formats, shared strings.
final class XlsxBook: @unchecked Sendable {
    struct Sheet { var name: String; var part: String; var hidden: Bool }
    let name: String
    let archive: XlsxArchive
    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false
    /// Per cell style (`s`), its number format.
    private(set) var formats: [NumberFormat] = []
    private(set) var strings = SharedStrings()

    init(path: String, name: String) throws(FileError) {
        self.name = name
        archive = try XlsxArchive(path: path, name: name)
        do { try load() } catch let e as FileError { throw e } catch let e as XMLProblem {
            throw WorkbookRefusal.damaged(name, e.message)
        } catch { throw WorkbookRefusal.damaged(name, "\(error)") }
    }

    func format(style: Int) -> NumberFormat { style >= 0 && style < formats.count ? formats[style] : .general }

    /// Per style, whether its format shows a date with its date parts (the common date cell), for the fast path.
    private(set) var plainDateStyles: [Bool] = []
    /// Per style, whether its format is General (or `0`): integers show as their digits.
    private(set) var generalStyles: [Bool] = []
    func isPlainDate(style: Int) -> Bool { style >= 0 && style < plainDateStyles.count && plainDateStyles[style] }
    func isGeneral(style: Int) -> Bool { style < 0 || style >= generalStyles.count || generalStyles[style] }
    /// Per style, whether its format is any date or time.
    private(set) var dateStyles: [Bool] = []
    func isDate(style: Int) -> Bool { style >= 0 && style < dateStyles.count && dateStyles[style] }

    private static func resolve(_ target: String, from dir: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = dir.split(separator: "/").map(String.init)
        for p in target.split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(String(p)) }
        }
        return parts.joined(separator: "/")
    }

    private func relationships(_ part: String) throws -> [(id: String, type: String, target: String)] {
        let dir = (part as NSString).deletingLastPathComponent
        let rels = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
        guard archive.has(rels) else { return [] }
        return try ElementCollector.parse(archive.whole(rels)).filter { $0.name == "Relationship" }.map { e in
            (
                e.attributes["Id"] ?? "", e.attributes["Type"] ?? "",
                e.attributes["TargetMode"] == "External" ? "" : XlsxBook.resolve(e.attributes["Target"] ?? "", from: dir)
            )
        }
    }

    private func load() throws {
        var main = "xl/workbook.xml"
        if let office = try relationships("").first(where: { $0.type.hasSuffix("/officeDocument") }), !office.target.isEmpty {
            main = office.target
        }
        guard archive.has(main) else {
            if archive.has("xl/workbook.bin") { throw WorkbookRefusal.format(name, "this is an Excel binary workbook (.xlsb) under an .xlsx name") }
            if archive.has("content.xml") { throw WorkbookRefusal.format(name, "this is an OpenDocument spreadsheet (.ods) under an .xlsx name") }
            throw WorkbookRefusal.damaged(name, "it has no workbook part")
        }
        let rels = try relationships(main)
        let byId = Dictionary(rels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for e in try ElementCollector.parse(archive.whole(main)) {
            if e.name == "workbookPr", let v = e.attributes["date1904"] { date1904 = v == "1" || v.lowercased() == "true" }
            if e.name == "sheet", let id = e.attributes.first(where: { $0.key.hasSuffix(":id") })?.value, let rel = byId[id],
                rel.type.hasSuffix("/worksheet"), archive.has(rel.target)
            {
                let state = e.attributes["state"] ?? "visible"
                sheets.append(Sheet(name: e.attributes["name"] ?? "", part: rel.target, hidden: state != "visible"))
            }
        }
        if let styles = rels.first(where: { $0.type.hasSuffix("/styles") }), archive.has(styles.target) {
            var custom: [Int: String] = [:]
            for e in try ElementCollector.parse(archive.whole(styles.target)) {
                if e.name == "numFmt", let id = e.attributes["numFmtId"].flatMap(Int.init) { custom[id] = e.attributes["formatCode"] ?? "" }
                if e.name == "xf", e.path.last == "cellXfs" {
                    let id = e.attributes["numFmtId"].flatMap(Int.init) ?? 0
                    formats.append(custom[id].map(NumberFormat.custom) ?? NumberFormat.builtIn(id))
                }
            }
        }
        plainDateStyles = formats.map { if case .date(_, true) = $0 { return true } else { return false } }
        generalStyles = formats.map { $0 == .general || $0 == .code("0") }
        dateStyles = formats.map { if case .date = $0 { return true } else { return false } }
        if let shared = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }), archive.has(shared.target) {
            var pull = XMLPull()
            var sink = SharedStrings()
            try archive.stream(shared.target) { piece, last in try pull.feed(piece, last: last, into: &sink) }
            strings = sink
        }
    }
}
