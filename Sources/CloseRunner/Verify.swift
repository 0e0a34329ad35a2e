import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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
        let doc = try workbookStructure(written.path)
        var problems: [String] = []
        for s in written.sheets {
            guard let sheet = doc.sheets[s.name] else { problems.append("sheet \(s.name) missing"); continue }
            if s.rowCount > 0 && sheet.maxRow + 1 < s.rowCount {
                problems.append("sheet \(s.name): \(sheet.maxRow + 1) rows read back, \(s.rowCount) written")
            }
        }
        problems += written.verify { sheet, ref in try doc.cell(sheet: sheet, ref: ref)?.number }
        if !problems.isEmpty {
            throw failed(written.path, problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? "; …" : ""))
        }
    }

    /// Any XLSX file: a complete ZIP (structure, then every entry inflated with its CRC checked) and every XML part
    /// parsed to its end (a zip that tests fine can hold a sheet cut mid-tag).
    @discardableResult
    static func workbookStructure(_ path: String) throws -> XlsxDocument {
        do { try Workbook.verifyZipIntegrity(path: path) } catch { throw failed(path, "\(error)") }
        let doc: XlsxDocument
        do { doc = try XlsxDocument(path: path) } catch { throw failed(path, "\(error)") }
        for part in doc.partNames where part.hasSuffix(".xml") || part.hasSuffix(".rels") {
            let data: Data
            do { data = try doc.data(part: part) } catch { throw failed(path, "\(part): \(error)") }
            let parser = XMLParser(data: data)
            if !parser.parse() {
                throw failed(path, "\(part) does not parse to its end: \(parser.parserError.map { "\($0)" } ?? "XML error")")
            }
        }
        return doc
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
                try workbookStructure(path)
            } else if rel.hasSuffix(".json") {
                let data: [UInt8]
                do { data = try Files.readBytes(path) } catch { throw failed(path, "cannot read it back") }
                do { _ = try JSONSerialization.jsonObject(with: Data(data)) } catch { throw failed(path, "not complete JSON") }
            }
        }
    }
}
