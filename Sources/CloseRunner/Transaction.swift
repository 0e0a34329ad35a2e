import Foundation
import SalesCore
import Ledger

/// The period folder's side of a close as one transaction (outputs.md "Guarantees"): the new folder is written
/// beside the old one under a temporary name and verified; the ledger commit is the single commit point;
/// the folders are swapped after it. `recover` puts an interrupted close back to what the ledger says.
struct Transaction {
    let outputs: String
    let period: Period
    var folder: String { outputs + "/" + period.description }
    var partial: String { outputs + "/." + period.description + ".partial" }
    var replaced: String { outputs + "/." + period.description + ".replaced" }

    struct Written { var hashes: [String: String]; var files: [String]; var summary: String }

    /// Finds an interrupted close of this period and restores the state the ledger records.
    func recover(_ store: LedgerStore) throws {
        let recorded = (try? store.info(for: period))??.outputHashes
        if Files.isDirectory(partial) {
            if let recorded, (try? Files.hashes(partial)) == recorded {
                // Committed, not yet swapped: finish the swap.
                if Files.isDirectory(folder) { Files.remove(replaced); try Files.rename(folder, replaced) }
                try Files.rename(partial, folder)
            } else {
                Files.remove(partial) // never committed
            }
        }
        if Files.isDirectory(replaced) {
            if !Files.isDirectory(folder), let recorded, (try? Files.hashes(replaced)) == recorded {
                try Files.rename(replaced, folder)
            } else {
                Files.remove(replaced)
            }
        }
        Files.fsyncPath(outputs)
    }

    /// Writes the new folder under its temporary name; `body` writes the files and returns the summary text.
    func writePartial(_ body: (String) throws -> (files: [String], summary: String)) throws -> Written {
        Files.remove(partial)
        try Files.makeDirectory(partial)
        do {
            let r = try body(partial)
            let hashes = try Files.hashes(partial)
            for rel in hashes.keys { Files.fsyncPath(partial + "/" + rel) }
            Files.fsyncPath(partial)
            return Written(hashes: hashes, files: r.files, summary: r.summary)
        } catch {
            Files.remove(partial)
            if let e = error as? RunError { throw e }
            throw RunError(.writeFailed, "error: writing the outputs failed: \(error)")
        }
    }

    func discardPartial() { Files.remove(partial) }

    /// After the commit: the new folder takes the period's name.
    func swap() throws {
        if Files.isDirectory(folder) { Files.remove(replaced); try Files.rename(folder, replaced) }
        try Files.rename(partial, folder)
        Files.fsyncPath(outputs)
        Files.remove(replaced)
    }
}
