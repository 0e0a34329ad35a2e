import Foundation
import Report

/// Read-back verification of a close's files (outputs.md "Guarantees", issue 6 §2): libxlsxwriter 1.1.4 can report
/// success for a workbook it did not finish (a full temporary area, a file-size limit), so every file is read back
/// after writing, to its last byte, before the close may commit. A failure is exit 4; the transaction removes the
/// temporary folder, so nothing half-written is left in place.
enum Verify {
    static func failed(_ path: String, _ why: String) -> RunError {
        RunError(.writeFailed, "error: \((path as NSString).lastPathComponent) did not verify after writing (\(why)); nothing was changed")
    }

    /// A workbook as the renderer meant it (Report's read-back): a failure is exit 4.
    static func workbook(_ written: WrittenWorkbook) throws {
        do { try ReadBack.workbook(written) } catch { throw failed(error.path, error.why) }
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
                do { try ReadBack.zipIntegrity(path) } catch { throw failed(error.path, error.why) }
            } else if rel.hasSuffix(".json") {
                let data: [UInt8]
                do { data = try Files.readBytes(path) } catch { throw failed(path, "cannot read it back") }
                do { _ = try JSONSerialization.jsonObject(with: Data(data)) } catch { throw failed(path, "not complete JSON") }
            }
        }
    }
}
