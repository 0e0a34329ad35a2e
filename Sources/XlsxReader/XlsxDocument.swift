import Foundation
import ZIPFoundation

/// A read-only view of an XLSX file: its parts, sheets, cells, styles,
/// charts and properties. Everything is read when opened.
public struct XlsxDocument: Sendable {
    /// The file read.
    public let path: String
    /// ZIP entry names in archive order.
    public let partNames: [String]
    /// Sheet names in workbook order.
    public let sheetNames: [String]
    /// Sheets by name.
    public let sheets: [String: Sheet]
    /// Charts by part name.
    public let charts: [String: ChartInfo]
    public let properties: DocumentInfo
    public let definedNames: [DefinedName]
    /// Resolved cellXfs entries, by index.
    public let cellStyles: [StyleInfo]
    /// Differential formats (used by conditional formatting), by dxfId.
    public let differentialFormats: [StyleInfo]
    private let parts: [String: Data]

    /// Opens and parses `path`.
    public init(path: String) throws {
        self.path = path
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XlsxReadError.cannotOpen(path: path, reason: "\(error)")
        }
        var names: [String] = []
        var parts: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw XlsxReadError.cannotOpen(path: path, reason: "entry '\(entry.path)': \(error)")
            }
            names.append(entry.path)
            parts[entry.path] = data
        }
        self.partNames = names
        self.parts = parts

        let workbookPart = "xl/workbook.xml"
        let workbook = try XMLTree.parse(try Self.part(parts, workbookPart), part: workbookPart)
        let workbookRels = try Self.relationships(parts, of: workbookPart)
        var sheetNames: [String] = []
        var sheetParts: [(String, String)] = []
        for sheet in workbook.child("sheets")?.children("sheet") ?? [] {
            guard let name = sheet.attribute("name"), let id = sheet.attribute("r:id") ?? sheet.attribute("id"),
                let target = workbookRels[id]?.target
            else { continue }
            sheetNames.append(name)
            sheetParts.append((name, target))
        }
        self.sheetNames = sheetNames
        self.definedNames = (workbook.child("definedNames")?.children("definedName") ?? []).map {
            DefinedName(
                name: $0.attribute("name") ?? "", localSheetId: $0.attribute("localSheetId").flatMap { Int($0) },
                value: $0.text)
        }

        let sharedStrings = try Self.sharedStrings(parts)
        let styles = try StylesReader(parts)
        self.cellStyles = styles.cellXfs
        self.differentialFormats = styles.dxfs

        var sheets: [String: Sheet] = [:]
        var charts: [String: ChartInfo] = [:]
        for (name, part) in sheetParts {
            let sheet = try SheetReader.read(name: name, part: part, parts: parts, sharedStrings: sharedStrings)
            sheets[name] = sheet
            for chartPart in sheet.chartParts where charts[chartPart] == nil {
                charts[chartPart] = try ChartReader.read(part: chartPart, data: try Self.part(parts, chartPart))
            }
        }
        self.sheets = sheets
        self.charts = charts
        self.properties = try Self.documentInfo(parts)
    }

    // MARK: Parts

    /// The raw bytes of a part.
    public func data(part: String) throws -> Data {
        try Self.part(parts, part)
    }

    /// A part as UTF-8 text.
    public func text(part: String) throws -> String {
        String(decoding: try data(part: part), as: UTF8.self)
    }

    // MARK: Cells

    /// The sheet named `name`.
    public func sheet(_ name: String) throws -> Sheet {
        guard let sheet = sheets[name] else { throw XlsxReadError.noSuchSheet(name) }
        return sheet
    }

    /// The cell at `ref` (A1 form), or nil when the sheet has no such cell.
    public func cell(sheet: String, ref: String) throws -> Cell? {
        try self.sheet(sheet).cells[ref]
    }

    /// The value at `ref`, or nil when there is no cell.
    public func cellValue(sheet: String, ref: String) throws -> CellValue? {
        try cell(sheet: sheet, ref: ref)?.value
    }

    /// All cells as a dense grid from A1 to the last used row and column.
    public func rows(sheet name: String) throws -> [[Cell?]] {
        let sheet = try self.sheet(name)
        guard sheet.maxRow >= 0 else { return [] }
        var grid = Array(repeating: Array(repeating: Cell?.none, count: sheet.maxCol + 1), count: sheet.maxRow + 1)
        for cell in sheet.cells.values { grid[cell.row][cell.col] = cell }
        return grid
    }

    /// Formula texts by A1 reference.
    public func formulas(sheet name: String) throws -> [String: String] {
        try sheet(name).cells.compactMapValues { $0.formula }
    }

    // MARK: Styles

    /// The number format code of the cell's style (`General` for unstyled cells).
    public func numberFormat(sheet: String, ref: String) throws -> String? {
        guard let cell = try cell(sheet: sheet, ref: ref) else { return nil }
        return style(at: cell.styleIndex)?.numberFormat
    }

    /// The cellXfs entry at `index`.
    public func style(at index: Int) -> StyleInfo? {
        cellStyles.indices.contains(index) ? cellStyles[index] : nil
    }

    /// Whether a number format code displays a date or time.
    public static func isDateFormat(_ code: String) -> Bool {
        var stripped = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { inQuote.toggle(); continue }
            if inQuote { continue }
            if character == "[" { inBracket = true; continue }
            if character == "]" { inBracket = false; continue }
            if inBracket { continue }
            stripped.append(character)
        }
        let lower = stripped.lowercased()
        if lower == "general" { return false }
        return lower.contains { "ymdhs".contains($0) }
    }

    // MARK: Charts

    /// The charts placed on a sheet, in drawing order.
    public func charts(sheet name: String) throws -> [ChartInfo] {
        try sheet(name).chartParts.compactMap { charts[$0] }
    }

    // MARK: Reading helpers

    static func part(_ parts: [String: Data], _ name: String) throws -> Data {
        guard let data = parts[name] else { throw XlsxReadError.missingPart(name) }
        return data
    }

    struct Relationship {
        let type: String
        let target: String
    }

    /// The relationships of `part`, targets resolved to part names.
    static func relationships(_ parts: [String: Data], of part: String) throws -> [String: Relationship] {
        let directory = part.split(separator: "/").dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? part
        let relsPart = (directory.isEmpty ? "" : directory + "/") + "_rels/" + file + ".rels"
        guard let data = parts[relsPart] else { return [:] }
        let root = try XMLTree.parse(data, part: relsPart)
        var result: [String: Relationship] = [:]
        for rel in root.children("Relationship") {
            guard let id = rel.attribute("Id"), let target = rel.attribute("Target") else { continue }
            let external = rel.attribute("TargetMode") == "External"
            result[id] = Relationship(
                type: rel.attribute("Type") ?? "",
                target: external ? target : resolve(target, from: directory))
        }
        return result
    }

    /// Resolves a relationship target against the source part's directory.
    static func resolve(_ target: String, from directory: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(piece)
            }
        }
        return components.joined(separator: "/")
    }

    private static func sharedStrings(_ parts: [String: Data]) throws -> [String] {
        let name = "xl/sharedStrings.xml"
        guard let data = parts[name] else { return [] }
        return try XMLTree.parse(data, part: name).children("si").map(stringItemText)
    }

    /// The text of an `<si>` or `<is>`: direct `<t>` or rich-text runs, phonetic runs skipped.
    static func stringItemText(_ item: XmlElement) -> String {
        var text = item.child("t")?.text ?? ""
        for run in item.children("r") { text += run.child("t")?.text ?? "" }
        return decodeExcelEscapes(text)
    }

    /// Decodes Excel's `_xHHHH_` escapes as Excel does when loading.
    public static func decodeExcelEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if i + 6 < scalars.count, scalars[i] == "_", scalars[i + 1] == "x", scalars[i + 6] == "_" {
                let hex = String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)]))
                if hex.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    out.append(scalar)
                    i += 7
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    private static func documentInfo(_ parts: [String: Data]) throws -> DocumentInfo {
        let core = try parts["docProps/core.xml"].map { try XMLTree.parse($0, part: "docProps/core.xml") }
        let app = try parts["docProps/app.xml"].map { try XMLTree.parse($0, part: "docProps/app.xml") }
        func coreText(_ name: String) -> String? { core?.child(name)?.text }
        return DocumentInfo(
            title: coreText("title"), subject: coreText("subject"), creator: coreText("creator"),
            keywords: coreText("keywords"), description: coreText("description"),
            created: coreText("created"), company: app?.child("Company")?.text,
            manager: app?.child("Manager")?.text)
    }
}
