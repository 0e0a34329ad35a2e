import Foundation
import Report
import XlsxReader
import XlsxWriter

/// Read-back verification of a close's files (outputs.md "Guarantees", issue 6 §2): libxlsxwriter 1.1.4 can report
/// success for a workbook it did not finish (a full temporary area, a file-size limit), so every file is read back
/// after writing, to its last byte, before the close may commit. A failure is exit 4; the transaction removes the
/// temporary folder, so nothing half-written is left in place.
enum Verify {
    static func failed(_ path: String, _ why: String) -> RunError {
        RunError(.writeFailed, "error: \((path as NSString).lastPathComponent) did not verify after writing (\(why)); nothing was changed")
    }

    /// A workbook as the renderer meant it: a complete ZIP whose every part inflates with its CRC, every XML part parses
    /// to its end, every sheet written is there with its rows, and every control figure (subtotal, total, row check)
    /// reads back as the value the close computed.
    static func workbook(_ written: WrittenWorkbook) throws {
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
            throw failed(written.path, problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? "; …" : ""))
        }
    }

    /// Any XLSX file: a complete ZIP (structure, then every entry inflated with its CRC checked) and every XML part
    /// scanned to its end at byte level (a zip that tests fine can hold a sheet cut mid-tag). Returns each sheet's
    /// scan by sheet name, with the `wanted` cells' cached values.
    @discardableResult
    static func workbookStructure(_ path: String, wanted: [String: Set<String>] = [:]) throws -> [String: XMLScan] {
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
                    guard scan.wellFormed else { throw failed(path, "\(part) does not parse to its end: \(scan.problem ?? "")") }
                    if isSheet { sheetScans[part] = scan }
                    if part == "xl/workbook.xml" { names = XlsxParts.sheetNames(workbookXML: Data(whole)) }
                }
            }
        } catch let e as RunError { throw e } catch { throw failed(path, "\(error)") }
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

    /// A file that must hold exactly `bytes` (the summary): read back and compared byte for byte.
    static func bytes(_ path: String, _ bytes: [UInt8]) throws {
        let back: [UInt8]
        do { back = try Files.readBytes(path) } catch { throw failed(path, "cannot read it back") }
        if back != bytes { throw failed(path, "\(back.count) bytes read back, \(bytes.count) written, or the bytes differ") }
    }

    /// Every file of a folder written by a close, checked by kind: workbooks by their structure, JSON parsed whole.
    /// The transaction runs this on the temporary folder before the commit, whatever the renderer checked itself.
    static func folder(_ dir: String) throws {
        for rel in Files.listRecursive(dir) {
            let path = dir + "/" + rel
            if rel.hasSuffix(".xlsx") {
                // Each workbook's content was read back in full right after it was written (Verify.workbook);
                // here, after the flush, the container must still be whole to its last byte.
                do { try Workbook.verifyZipIntegrity(path: path) } catch { throw failed(path, "\(error)") }
            } else if rel.hasSuffix(".json") {
                let data: [UInt8]
                do { data = try Files.readBytes(path) } catch { throw failed(path, "cannot read it back") }
                do { _ = try JSONSerialization.jsonObject(with: Data(data)) } catch { throw failed(path, "not complete JSON") }
            }
        }
    }
}
