import Foundation
import SalesCore
import Ledger
#if canImport(Glibc)
    import Glibc
#endif

/// The period folder's side of a close as one transaction (outputs.md "Guarantees"): the new folder is written
/// beside the old one under a temporary name and verified; the ledger commit is the single commit point;
/// the folders are swapped after it. `recover` puts an interrupted close back to what the ledger says.
struct Transaction {
    let outputs: String
    let period: Period
    var folder: String { Self.folder(outputs, period) }
    var partial: String { Self.partial(outputs, period) }
    var replaced: String { Self.replaced(outputs, period) }

    static func folder(_ outputs: String, _ p: Period) -> String { outputs + "/" + p.description }
    static func partial(_ outputs: String, _ p: Period) -> String { outputs + "/." + p.description + ".partial" }
    static func replaced(_ outputs: String, _ p: Period) -> String { outputs + "/." + p.description + ".replaced" }

    struct Written { var hashes: [String: String]; var files: [String]; var summary: String }

    /// Finds interrupted closes — of this period and of any other one left in the outputs folder (a close killed after
    /// its commit may be followed by the next month's) — and restores, for each, the state the ledger records.
    func recover(_ store: LedgerStore) throws {
        var periods: Set<Period> = [period]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? [] {
            guard name.hasPrefix("."), name.hasSuffix(".partial") || name.hasSuffix(".replaced") else { continue }
            let stem = name.dropFirst().prefix { $0 != "." }
            if stem.count == 7, let p = Period(String(stem)) { periods.insert(p) }
        }
        for p in periods.sorted() { try Self.recover(outputs: outputs, period: p, store) }
        Files.fsyncPath(outputs)
    }

    static func recover(outputs: String, period: Period, _ store: LedgerStore) throws {
        let folder = folder(outputs, period), partial = partial(outputs, period), replaced = replaced(outputs, period)
        let recorded: [String: String]?
        do { recorded = try store.info(for: period)?.outputHashes } catch let e as LedgerError { throw RunError.from(e) }
        if Files.isDirectory(partial) {
            if let recorded, (try? Files.hashes(partial)) == recorded {
                // Committed, not yet swapped: finish the swap.
                if Files.isDirectory(folder) { Files.remove(replaced); try Files.rename(folder, replaced) }
                try Files.rename(partial, folder)
            } else {
                Files.remove(partial)  // never committed
            }
        }
        if Files.isDirectory(replaced) {
            if !Files.isDirectory(folder), let recorded, (try? Files.hashes(replaced)) == recorded {
                try Files.rename(replaced, folder)  // killed inside the swap of a rewrite that had not committed
            } else {
                Files.remove(replaced)
            }
        }
    }

    /// Writes the new folder under its temporary name; `body` writes the files and returns the summary text.
    /// Every file is then read back and verified (Verify.folder) and flushed, with the folders that hold them.
    func writePartial(_ body: (String) throws -> (files: [String], summary: String)) throws -> Written {
        Files.remove(partial)
        try Files.makeDirectory(partial)
        do {
            let r = try body(partial)
            try Verify.folder(partial)
            let hashes = try Files.hashes(partial)
            var dirs: Set<String> = [partial]
            for rel in hashes.keys {
                try Files.fsyncStrict(partial + "/" + rel)
                dirs.insert(((partial + "/" + rel) as NSString).deletingLastPathComponent)
            }
            for d in dirs.sorted() { try Files.fsyncStrict(d) }
            Files.fsyncPath(outputs)
            return Written(hashes: hashes, files: r.files, summary: r.summary)
        } catch {
            Files.remove(partial)
            if let e = error as? RunError { throw e }
            throw RunError(.writeFailed, "error: writing the outputs failed: \(error)")
        }
    }

    func discardPartial() { Files.remove(partial) }

    /// After the commit nothing may turn the committed close into a failure (issue 14 §3): the swap is done; if a step
    /// of it fails, it is completed as the next run's recovery would complete it, a few times; if the folder still
    /// cannot take the period's name, the close stays committed (exit 0) and the returned warning says where its files
    /// are — the next close puts them in place.
    func completeAfterCommit(_ store: LedgerStore) -> String? {
        var last: Error
        do { try swap(); return nil } catch { last = error }
        for attempt in 0..<3 {
            usleep(UInt32(50_000 << attempt))
            do {
                try Self.recover(outputs: outputs, period: period, store)
                Files.fsyncPath(outputs)
                if !Files.isDirectory(partial) && Files.isDirectory(folder) { return nil }
            } catch { last = error }
        }
        let why = (last as? RunError)?.lines.joined(separator: "; ") ?? "\(last)"
        return "warning: \(period) is closed (the ledger records it), but its folder could not take its name (\(why)); "
            + "its files are in \(Files.isDirectory(partial) ? partial : folder); the next close of \(outputs) puts them in place"
    }

    /// A write that failed before the commit: exit 4, said once. A full disk is named as such, and libxlsxwriter's own
    /// lines (captured, see XlsxDiagnostics) are summed up in one note instead of flooding stderr.
    static func writeFailure(_ error: Error, libxlsxwriterLines lines: [String], outputs: String) -> RunError {
        var e = (error as? RunError) ?? RunError(.writeFailed, "error: writing the outputs failed: \(error)")
        let text = ([e.description] + lines).joined(separator: "\n")
        let full =
            text.contains("No space left") || text.contains("ENOSPC") || text.contains("disk is full")
            || (TempSpace.free(in: outputs).map { $0 < 1 << 20 } ?? false)
        if full {
            e.lines.insert(
                "error: the disk is full (no space left on the device of \(outputs) or of the temporary folder \(TempSpace.directory)); "
                    + "nothing was changed: free some space and run the close again", at: 0)
        }
        if !lines.isEmpty {
            e.lines.append("note: libxlsxwriter reported \(lines.count) error line\(lines.count == 1 ? "" : "s"); the first: \(lines[0])")
        }
        return e
    }

    /// After the commit: the new folder takes the period's name.
    func swap() throws {
        if Files.isDirectory(folder) { Files.remove(replaced); try Files.rename(folder, replaced) }
        try Files.rename(partial, folder)
        Files.fsyncPath(outputs)
        Files.remove(replaced)
        Files.fsyncPath(outputs)
    }
}
