import Foundation
import SalesCore
import XlsxReader
import XlsxWriter

/// Reading back what was written (outputs.md "Guarantees", issue 6 §2): libxlsxwriter 1.1.4 can report success for a
/// workbook it did not finish (a full temporary area, a file-size limit), so every workbook is read back after
/// writing, to its last byte, before the close may commit. CloseRunner turns a failure into exit 4; it reaches the
/// workbooks only through Report.
public enum ReadBack {
    /// Why a file did not read back as written.
    public struct Failure: Error, Sendable {
        public let path: String
        public let why: String
    }

    /// A workbook as the renderer meant it: a complete ZIP whose every part inflates with its CRC, every XML part parses
    /// to its end, every sheet written is there with its rows, and every control figure (subtotal, total, row check)
    /// reads back as the value the close computed.
    public static func workbook(_ written: WrittenWorkbook) throws(Failure) {
        // Cells each sheet must hold, by sheet name.
        var wanted: [String: Set<String>] = [:]
        for s in written.sheets { wanted[s.name, default: []].formUnion(s.controls.map(\.cell)) }
        let scans = try workbookStructure(written.path, wanted: wanted)
        var problems: [String] = []
        for s in written.sheets {
            guard let scan = scans[s.name] else { problems.append("sheet \(s.name) missing"); continue }
            if s.rowCount > 0 && scan.lastRow < s.rowCount {
                problems.append("sheet \(s.name): \(scan.lastRow) rows read back, \(s.rowCount) written")
            }
        }
        problems += written.verify { sheet, ref in scans[sheet]?.values[ref].flatMap(Double.init) }
        if !problems.isEmpty {
            throw Failure(path: written.path, why: problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? "; …" : ""))
        }
    }

    /// Any XLSX file: a complete ZIP (structure, then every entry inflated with its CRC checked) and every XML part
    /// scanned to its end at byte level (a zip that tests fine can hold a sheet cut mid-tag). Returns each sheet's
    /// scan by sheet name, with the `wanted` cells' cached values.
    @discardableResult
    public static func workbookStructure(_ path: String, wanted: [String: Set<String>] = [:]) throws(Failure) -> [String: XMLScan] {
        var names: [String] = []
        var sheetScans: [String: XMLScan] = [:]  // by part name
        do {
            try Workbook.forEachVerifiedPart(path: path) { part in
                guard part.hasSuffix(".xml") || part.hasSuffix(".rels") else { return nil }
                let isSheet = part.hasPrefix("xl/worksheets/sheet")
                let want: Set<String> = isSheet ? wantedCells(part, names: names, wanted) : []
                var scanner = XMLStreamScanner(wanted: want)
                var whole: [UInt8] = []  // workbook.xml only, for the sheet names
                return { piece, last in
                    if part == "xl/workbook.xml" { whole.append(contentsOf: piece) }
                    scanner.add(piece, last: last)
                    guard last else { return }
                    let scan = scanner.finish()
                    guard scan.wellFormed else { throw Failure(path: path, why: "\(part) does not parse to its end: \(scan.problem ?? "")") }
                    if isSheet { sheetScans[part] = scan }
                    if part == "xl/workbook.xml" { names = XlsxParts.sheetNames(workbookXML: Data(whole)) }
                }
            }
        } catch let e as Failure { throw e } catch { throw Failure(path: path, why: "\(error)") }
        // libxlsxwriter numbers worksheet parts in workbook order: sheet1.xml is the first sheet.
        var byName: [String: XMLScan] = [:]
        for (i, name) in names.enumerated() { byName[name] = sheetScans["xl/worksheets/sheet\(i + 1).xml"] }
        return byName
    }

    /// The wanted cells of a sheet part; workbook.xml comes before the sheets in libxlsxwriter's archives, but when it
    /// does not, every wanted cell is looked for (harmless: references are per sheet).
    private static func wantedCells(_ part: String, names: [String], _ wanted: [String: Set<String>]) -> Set<String> {
        let digits = part.dropFirst("xl/worksheets/sheet".count).prefix { $0.isNumber }
        if let i = Int(digits), i >= 1, i <= names.count { return wanted[names[i - 1]] ?? [] }
        return wanted.values.reduce(into: Set<String>()) { $0.formUnion($1) }
    }

    /// A written workbook's container, after the flush: whole to its last byte (every entry inflated, its CRC checked).
    public static func zipIntegrity(_ path: String) throws(Failure) {
        do { try Workbook.verifyZipIntegrity(path: path) } catch { throw Failure(path: path, why: "\(error)") }
    }

    /// Gives the heap's freed memory back to the system (glibc keeps it otherwise), between workbooks.
    public static func releaseFreeMemory() { ProcessMemory.releaseFreeMemory() }

    /// Runs `body` with the C library's own stderr lines captured instead of printed (libxlsxwriter writes `[ERROR]`
    /// lines there itself); returns its result and those lines.
    public static func capturingLibraryMessages<T>(_ body: () throws -> T) -> (Result<T, Error>, [String]) {
        XlsxDiagnostics.capturingStderr(body)
    }
}

extension CellTextLimit {
    /// The limit of the workbooks this report writes: Excel's, as XlsxWriter knows it, cut as XlsxWriter cuts.
    public static let workbook = CellTextLimit(units: Worksheet.maxStringLength, cut: { Worksheet.cutToCellLimit($0).0 })
}
