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
}

/// Reads an inputs folder (inputs.md) into an InputSet.
public struct InputReader: Sendable {
    public let cities: CityNormalizer

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
                let bytes = try readBytes(path, name: name)
                set.policyText = try TextDecoder.decode(bytes, file: name).text
                set.policySHA256 = SHA256.hex(bytes)
                continue
            }
            if InputReader.workbookExtensions.contains(ext) {
                throw FileError(file: name, message: "this is a spreadsheet workbook (.\(ext)), which the close does not read; "
                    + "open it in Excel, choose File > Save As > \"CSV UTF-8 (comma delimited)\" (or CSV) and drop that .csv file instead")
            }
            guard InputReader.csvExtensions.contains(ext) else {
                set.ignoredFiles.append((name, ext.isEmpty ? "no file extension; only .csv, .tsv and .txt files are read"
                                                          : "a .\(ext) file; only .csv, .tsv and .txt files are read"))
                continue
            }
            let bytes = try readBytes(path, name: name)
            prepared.append(try prepare(name: name, bytes: bytes))
        }
        let missing = InputKind.allCases.filter { k in k.isRequired && !prepared.contains { $0.kind == k } }
        if !missing.isEmpty {
            let list = missing.map { k in
                "no \(k.rawValue) file (a .csv whose name starts with \(Schemas.schema(k).prefixes.joined(separator: ", ")))"
            }.joined(separator: "; ")
            throw FileError(file: directory, message: "required input missing: \(list)")
        }
        for kind in InputKind.allCases {
            let files = prepared.filter { $0.kind == kind }  // already in code-point order
            for (order, file) in files.enumerated() {
                try readRows(file, fileOrder: order, into: &set)
            }
        }
        return set
    }

    func readBytes(_ path: String, name: String) throws(FileError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(file: name, message: "the file cannot be read (permissions, or it is open and locked by another program)")
        }
        return [UInt8](data)
    }

    /// Decodes a CSV file, reads its header and decides its kind.
    public func prepare(name: String, bytes: [UInt8]) throws(FileError) -> PreparedFile {
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
        return PreparedFile(name: name, kind: detection.match.kind, encoding: encoding, sha256: SHA256.hex(bytes),
                            header: h.fields, match: detection.match, recognisedBy: detection.recognisedBy, scanner: scanner)
    }

    /// Scans a prepared file's rows into the set, with its FileReport.
    public func readRows(_ file: PreparedFile, fileOrder: Int, into set: inout InputSet) throws(FileError) {
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
    func rows<T>(_ file: PreparedFile, _ fileOrder: Int, _ build: (inout RowContext) -> T?,
                 _ out: inout [InputRow<T>]) throws(FileError) -> FileReport {
        var scanner = file.scanner
        let width = file.header.count
        let columnNumbers = file.match.columns.mapValues { $0 + 1 }
        var rows = 0, blank = 0
        while let rec = try scanner.next() {
            rows += 1
            if rec.isBlank { blank += 1; continue }
            let ref = RowRef(file: file.name, fileOrder: fileOrder, line: rec.line)
            if rec.fields.count != width {
                let issue = RowIssue(code: "ROW-FIELD-COUNT", column: nil, columnNumber: 0, message:
                    "the row has \(rec.fields.count) field\(rec.fields.count == 1 ? "" : "s") but the header has \(width) "
                    + "(a missing or extra \(Self.delimiterName(file.scanner.delimiter)), or a value with one that is not in quotes)")
                out.append(InputRow(ref: ref, raw: rec.raw, value: nil, issue: issue, columnNumbers: columnNumbers))
                continue
            }
            var ctx = RowContext(kind: file.kind, fields: rec.fields, columns: file.match.columns, cities: cities)
            let value = build(&ctx)
            let issue = ctx.issue
            out.append(InputRow(ref: ref, raw: rec.raw, value: issue == nil ? value : nil, issue: issue, flags: ctx.flags,
                                money: ctx.money, badMoneyCells: ctx.badMoneyCells, columnNumbers: columnNumbers))
        }
        return FileReport(file: file.name, kind: file.kind, encoding: file.encoding, delimiter: file.delimiter,
                          sha256: file.sha256, rows: rows, blank: blank, ignoredColumns: file.match.ignored,
                          recognisedBy: file.recognisedBy)
    }

    static func delimiterName(_ d: UInt8) -> String {
        switch d { case 0x09: return "tab"; case 0x3B: return "semicolon"; default: return "comma" }
    }
}
