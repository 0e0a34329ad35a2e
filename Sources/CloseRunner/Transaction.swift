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
                Files.remove(partial) // never committed
            }
        }
        if Files.isDirectory(replaced) {
            if !Files.isDirectory(folder), let recorded, (try? Files.hashes(replaced)) == recorded {
                try Files.rename(replaced, folder) // killed inside the swap of a rewrite that had not committed
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
            Self.injectWriteFault(partial)
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

    /// Test-only (`SALESCLOSE_TEST_FAULT=write-finance`, `write-management`, `write-close-summary`, `write-regions`):
    /// the named file is cut to half its length after it was written, as libxlsxwriter does when a write fails
    /// silently, so the read-back verification has to catch it.
    static func injectWriteFault(_ dir: String) {
        guard let f = ProcessInfo.processInfo.environment["SALESCLOSE_TEST_FAULT"], f.hasPrefix("write-") else { return }
        let stem = String(f.dropFirst("write-".count))
        for rel in Files.listRecursive(dir) {
            let first = rel.split(separator: "/").first.map(String.init) ?? rel
            let base = first.hasSuffix(".json") ? String(first.dropLast(5)) : String(first.prefix { $0 != "-" && $0 != "." })
            guard base == stem, Fault.fails(f) else { continue }
            let path = dir + "/" + rel
            if let size = try? Files.readBytes(path).count { truncate(path, off_t(size / 2)) }
        }
    }

    func discardPartial() { Files.remove(partial) }

    /// After the commit: the new folder takes the period's name.
    func swap() throws {
        if Files.isDirectory(folder) { Files.remove(replaced); try Files.rename(folder, replaced) }
        try Files.rename(partial, folder)
        Files.fsyncPath(outputs)
        Files.remove(replaced)
        Files.fsyncPath(outputs)
    }
}
