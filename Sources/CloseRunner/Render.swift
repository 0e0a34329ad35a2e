import Foundation
import SalesCore
import Report
import XlsxWriter
import XlsxReader

/// Writes a close's outputs into a folder and verifies each file by reading it back.
enum Render {
    static func all(_ r: CloseResult, into dir: String, lang: WorkbookLang, policySHA256: String, previousSummary: String?,
                    progress: (String) -> Void) throws -> (files: [String], summary: String) {
        var outputs: [(file: String, sha256: String)] = []
        let reportLang: Lang = lang == .en ? .en : .zh
        let password = ProcessInfo.processInfo.environment["SALESCLOSE_SHEET_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }

        /*FINANCE*/
        let summary = Summary.json(r, policySHA256: policySHA256, outputs: outputs).render()
        try Files.write(Array(summary.utf8), to: dir + "/close-summary.json", mode: 0o600)
        return (outputs.map(\.file) + ["close-summary.json"], summary)
    }
}

