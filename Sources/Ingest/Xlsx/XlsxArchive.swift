import Foundation
import SalesCore
import ZIPFoundation

/// How a workbook file is opened (issue 13): the one seam between the .xlsx reader and the inputs-opening layer.
/// `InputFileWorkbookOpener` opens it through `InputFile` as every input is (`O_NONBLOCK` and `fstat`: a regular file
/// only, so a FIFO or device never blocks the close; reads bounded by the count asked for). ZIPFoundation opens the
/// path itself afterwards, once these checks passed.
protocol WorkbookOpener: Sendable {
    /// The file's size and first bytes (up to `head`), after checking it is a regular file that can be read.
    func head(path: String, name: String, count: Int) throws(FileError) -> (size: Int, bytes: [UInt8])
    /// Every byte of the file in order, a piece at a time (for its SHA-256; memory stays at one piece).
    func forEachPiece(path: String, name: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(FileError)
}

struct InputFileWorkbookOpener: WorkbookOpener {
    static let pieceSize = 1 << 20

    func head(path: String, name: String, count: Int) throws(FileError) -> (size: Int, bytes: [UInt8]) {
        let input = try InputFile.open(path, name: name)
        return (input.size, try input.read(at: 0, upTo: max(0, min(count, input.size))))
    }

    func forEachPiece(path: String, name: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(FileError) {
        let input = try InputFile.open(path, name: name)
        let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: InputFileWorkbookOpener.pieceSize, alignment: 16)
        defer { buf.deallocate() }
        var at = 0
        while true {
            let got = try input.read(at: at, into: buf)
            if got > 0 { body(UnsafeRawBufferPointer(rebasing: buf[0..<got])) }
            at += got
            if got < buf.count { return }
        }
    }
}

/// What to tell the user about a workbook the close cannot read.
enum WorkbookRefusal {
    static let saveAs = "open it in Excel, WPS or LibreOffice and save it as an Excel Workbook (.xlsx) or as CSV UTF-8, then drop that file instead"

    static func format(_ name: String, _ what: String) -> FileError {
        FileError(file: name, message: "\(what), which the close does not read; \(saveAs)")
    }

    static func damaged(_ name: String, _ why: String) -> FileError {
        FileError(file: name, message: "the workbook is damaged or not a real .xlsx file (\(why)); \(saveAs)")
    }

    /// The error for a workbook extension the close does not read, from its first bytes where they say more.
    static func refused(name: String, ext: String, head: [UInt8]) -> FileError {
        switch ext {
        case "xls": return format(name, "this is an old Excel 97-2003 workbook (.xls)")
        case "xlsb": return format(name, "this is an Excel binary workbook (.xlsb)")
        case "et": return format(name, "this is a WPS spreadsheet (.et)")
        case "ods": return format(name, "this is an OpenDocument spreadsheet (.ods)")
        default: return format(name, "this is a .\(ext) workbook")
        }
    }

    static let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
}

/// A workbook's ZIP container, read through ZIPFoundation: entries by name, each streamed in pieces.
final class XlsxArchive {
    let name: String
    private let archive: Archive
    private var entries: [String: Entry] = [:]

    /// Opens `path` (already checked by the opener) as a ZIP archive.
    init(path: String, name: String) throws(FileError) {
        self.name = name
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw WorkbookRefusal.damaged(name, "its ZIP directory cannot be read")
        }
        for e in archive where e.type == .file { entries[e.path] = e }
    }

    func has(_ part: String) -> Bool { entries[part] != nil }

    func size(_ part: String) -> Int { entries[part].map { Int(clamping: $0.uncompressedSize) } ?? 0 }

    /// Inflates `part` a piece at a time into `body` (`true` with the last piece), checking its CRC-32 when read to
    /// the end. `body` may throw `XlsxStop` to stop early (then no check is made).
    func stream(_ part: String, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        guard let entry = entries[part] else { throw WorkbookRefusal.damaged(name, "the part \(part) is missing") }
        let total = entry.uncompressedSize
        var seen: UInt64 = 0
        var ended = false
        let crc: CRC32
        do {
            crc = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                if ended && data.isEmpty { return }
                seen += UInt64(data.count)
                let last = seen >= total
                if last { ended = true }
                try data.withUnsafeBytes { try body($0, last) }
            }
        } catch let stop as XlsxStop { throw stop } catch let e as FileError { throw e } catch let e as XMLProblem {
            throw WorkbookRefusal.damaged(name, "\(part): \(e.message)")
        } catch {
            throw WorkbookRefusal.damaged(name, "\(part) does not inflate: its data is cut short or corrupt")
        }
        if !ended { try body(UnsafeRawBufferPointer(start: nil, count: 0), true) }
        guard seen == total, crc == entry.checksum else {
            throw WorkbookRefusal.damaged(name, "\(part) fails its checksum or size: the file is cut short or corrupt")
        }
    }

    /// A whole small part (workbook.xml, rels, styles), as bytes.
    func whole(_ part: String, limit: Int = 64 << 20) throws -> [UInt8] {
        guard size(part) <= limit else { throw WorkbookRefusal.damaged(name, "\(part) is implausibly large") }
        var out: [UInt8] = []
        try stream(part) { piece, _ in out.append(contentsOf: piece) }
        return out
    }
}

/// Thrown by a part's reader to stop inflating it (the header rows were found).
struct XlsxStop: Error {}
