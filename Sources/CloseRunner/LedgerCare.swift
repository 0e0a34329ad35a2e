import Foundation
import SalesCore
import Ledger
#if canImport(Glibc)
    import Glibc
#endif

/// The ledger's keeping beside the period folders (issue 14 §1, §7; outputs.md "Guarantees"): a missing or empty
/// ledger beside closed months is never a first month; the ledger as it was before each commit is kept beside it
/// (`<ledger>.previous`); `salesclose ledger verify` and `ledger restore`.
public enum LedgerCare {
    /// The copy of the ledger kept before the last commit.
    public static func previousPath(_ ledger: String) -> String { ledger + ".previous" }
    /// Where `restore` keeps the ledger it replaces.
    public static func beforeRestorePath(_ ledger: String) -> String { ledger + ".before-restore" }

    /// Periods the outputs folder shows as closed: a `YYYY-MM` folder (or the `.YYYY-MM.replaced` a swap leaves
    /// for a moment) that holds a file. A `.YYYY-MM.partial` is not: it may be a first close killed before its commit.
    static func closedFolders(_ outputs: String) -> [Period] {
        var found = Set<Period>()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? [] {
            var stem = name
            if name.hasPrefix("."), name.hasSuffix(".replaced") { stem = String(name.dropFirst().dropLast(".replaced".count)) }
            guard stem.count == 7, let p = Period(stem), p.description == stem else { continue }
            let dir = outputs + "/" + name
            guard Files.isDirectory(dir), !Files.listRecursive(dir).isEmpty else { continue }
            found.insert(p)
        }
        return found.sorted()
    }

    /// The size of the file at `path`; nil when there is none.
    static func fileSize(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// Exit 3 when the ledger at `ledger` is missing or empty (0 bytes) while `outputs` holds closed period folders.
    /// Checked before SQLite opens the file (SQLite takes a 0-byte file for an empty database and would make it a
    /// new ledger).
    static func refuseMissingLedger(_ ledger: String, outputs: String) throws {
        let size = fileSize(ledger)
        guard size == nil || size == 0 else { return }
        let found = closedFolders(outputs)
        guard !found.isEmpty else { return }
        throw missing(ledger, outputs: outputs, found: found, why: size == nil ? "is missing" : "is empty (0 bytes)")
    }

    /// Exit 3 when an opened ledger records no closed period while `outputs` holds closed period folders.
    static func refuseEmptyLedger(_ store: LedgerStore, outputs: String) throws {
        let closed: [Period]
        do { closed = try store.closedPeriods() } catch let e as LedgerError { throw RunError.from(e) }
        guard closed.isEmpty else { return }
        let found = closedFolders(outputs)
        guard !found.isEmpty else { return }
        throw missing(store.path, outputs: outputs, found: found, why: "records no closed period")
    }

    static func missing(_ ledger: String, outputs: String, found: [Period], why: String) -> RunError {
        var lines = [
            "error: the ledger \(ledger) \(why), but \(outputs) holds closed periods: \(found.map(\.description).joined(separator: ", "))",
            "error: this is not a first month: the balances carried between months (advances, deferred commission, pay factors, receipts used) are in the ledger; nothing was changed"
        ]
        let prev = previousPath(ledger)
        let ledgerArg = ledger == defaultLedger(outputs) ? "" : " --ledger \(ledger)"
        if fileSize(prev).map({ $0 > 0 }) == true {
            var holds = "", then = ""
            if let s = try? LedgerStore(path: prev, createIfMissing: false, readOnly: true), let ps = try? s.closedPeriods() {
                holds = ps.isEmpty ? ", which records no closed period" : ", which records \(ps.map(\.description).joined(separator: ", "))"
                if let last = ps.last, let latest = found.last, last < latest { then = "; then close \(last.next) again" }
            }
            lines.append(
                "note: to put back the copy kept before the last commit (\(prev)\(holds)), run: salesclose ledger restore --outputs \(outputs)\(ledgerArg)\(then)"
            )
        } else {
            lines.append("note: no copy of the ledger is kept beside it (\(prev)); put the ledger back from a backup to \(ledger)")
        }
        lines.append("note: to start a new ledger instead, move the period folders out of \(outputs) first")
        return RunError(.ledgerRefused, lines)
    }

    static func defaultLedger(_ outputs: String) -> String { outputs + "/ledger.sqlite" }

    // MARK: the copy kept before each commit

    /// Keeps the ledger as it is now (before a commit) as `<ledger>.previous`: copied to a temporary file created 0600,
    /// flushed, renamed over the old copy, the folder flushed. A ledger that records no period yet keeps no copy (there
    /// is nothing to go back to), and a copy left from another ledger is removed then.
    static func keepPrevious(_ store: LedgerStore) throws {
        let prev = previousPath(store.path)
        let closed: [Period]
        do { closed = try store.closedPeriods() } catch let e as LedgerError { throw RunError.from(e) }
        let dir = (store.path as NSString).deletingLastPathComponent
        guard !closed.isEmpty else {
            if Files.exists(prev) { unlink(prev); Files.fsyncPath(dir.isEmpty ? "." : dir) }
            return
        }
        try copyPrivately(store.path, to: prev)
    }

    /// Copies `from` to `to` atomically: `to.tmp` created 0600 whatever the umask, written in 1 MB pieces, flushed,
    /// renamed to `to`, the folder flushed.
    static func copyPrivately(_ from: String, to: String) throws {
        let tmp = to + ".tmp"
        unlink(tmp)
        let src = open(from, O_RDONLY | O_CLOEXEC)
        guard src >= 0 else { throw RunError(.writeFailed, "error: cannot read \(from): \(String(cString: strerror(errno))); nothing was changed") }
        defer { close(src) }
        let dst = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard dst >= 0 else { throw RunError(.writeFailed, "error: cannot create \(tmp): \(String(cString: strerror(errno))); nothing was changed") }
        var ok = false
        defer { close(dst); if !ok { unlink(tmp) } }
        fchmod(dst, 0o600)
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buf.withUnsafeMutableBytes { read(src, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw RunError(.writeFailed, "error: cannot read \(from): \(String(cString: strerror(errno))); nothing was changed") }
            if n == 0 { break }
            var off = 0
            while off < n {
                let w = buf[off..<n].withUnsafeBytes { write(dst, $0.baseAddress, $0.count) }
                if w < 0 && errno == EINTR { continue }
                guard w > 0 else { throw RunError(.writeFailed, "error: cannot write \(tmp): \(String(cString: strerror(errno))); nothing was changed") }
                off += w
            }
        }
        guard fsync(dst) == 0 else { throw RunError(.writeFailed, "error: cannot flush \(tmp): \(String(cString: strerror(errno))); nothing was changed") }
        try Files.rename(tmp, to)
        ok = true
        let dir = (to as NSString).deletingLastPathComponent
        try Files.fsyncStrict(dir.isEmpty ? "." : dir)
    }

    // MARK: folders against the ledger

    /// What disagrees between the ledger and the closed period folders: per closed period, a missing folder, files
    /// missing, changed or not recorded; with `summaries`, the summary's identity and outputs list against the ledger's.
    /// `except`: a period not to look at (the one being closed).
    static func disagreements(_ store: LedgerStore, outputs: String, except: Period? = nil, summaries: Bool) throws -> [String] {
        var out: [String] = []
        let closed: [Period]
        do { closed = try store.closedPeriods() } catch let e as LedgerError { throw RunError.from(e) }
        for p in closed where p != except {
            let info: ClosedPeriodInfo
            do { guard let i = try store.info(for: p) else { continue }; info = i } catch let e as LedgerError { throw RunError.from(e) }
            let folder = Transaction.folder(outputs, p)
            guard Files.isDirectory(folder) else {
                out.append("\(p): the folder \(folder) is missing (the ledger records \(info.outputHashes.count) files closed there)")
                continue
            }
            let onDisk = (try? Files.hashes(folder)) ?? [:]
            for (rel, sha) in info.outputHashes.sorted(by: { $0.key < $1.key }) {
                if let d = onDisk[rel] {
                    if d != sha { out.append("\(p)/\(rel): changed since it was closed (SHA-256 \(d.prefix(12))…, the ledger records \(sha.prefix(12))…)") }
                } else {
                    out.append("\(p)/\(rel): missing")
                }
            }
            for rel in onDisk.keys.sorted() where info.outputHashes[rel] == nil {
                out.append("\(p)/\(rel): not a file the close wrote (the ledger does not record it)")
            }
            if summaries, let bytes = try? Files.readBytes(folder + "/close-summary.json") {
                out += summaryDisagreements(bytes, info: info)
            }
        }
        if summaries {
            let known = Set(closed)
            for p in closedFolders(outputs) where !known.contains(p) && Files.isDirectory(Transaction.folder(outputs, p)) {
                out.append("\(p): a period folder the ledger does not record as closed")
            }
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? []).sorted()
            where name.hasPrefix(".") && (name.hasSuffix(".partial") || name.hasSuffix(".replaced")) {
                out.append("\(name): an interrupted close; the next close puts it back to what the ledger records")
            }
        }
        return out
    }

    /// The summary's period, policy, inputs and outputs list against the ledger's record of the close.
    static func summaryDisagreements(_ bytes: [UInt8], info: ClosedPeriodInfo) -> [String] {
        let p = info.period
        guard let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return ["\(p)/close-summary.json: not JSON"]
        }
        var out: [String] = []
        if o["period"] as? String != p.description { out.append("\(p)/close-summary.json: names the period \(o["period"] as? String ?? "none")") }
        if let policy = o["policy_sha256"] as? String, policy != info.policySHA256 {
            out.append("\(p)/close-summary.json: policy SHA-256 \(policy.prefix(12))…, the ledger records \(info.policySHA256.prefix(12))…")
        }
        for i in o["inputs"] as? [[String: Any]] ?? [] {
            guard let f = i["file"] as? String, let sha = i["sha256"] as? String else { continue }
            if info.inputHashes[f] != sha { out.append("\(p)/close-summary.json: input \(f) has another SHA-256 than the ledger records") }
        }
        var listed: [String: String] = [:]
        for x in o["outputs"] as? [[String: Any]] ?? [] {
            if let f = x["file"] as? String, let sha = x["sha256"] as? String { listed[f] = sha }
        }
        var recorded = info.outputHashes
        recorded["close-summary.json"] = nil
        if listed != recorded { out.append("\(p)/close-summary.json: its outputs list differs from the files the ledger records") }
        return out
    }

    // MARK: salesclose ledger verify / restore

    /// `salesclose ledger verify`: the report and whether everything agrees (exit 0), else exit 3 (`RunError` thrown
    /// after the report by the CLI). A missing or empty ledger beside closed folders is the close's exit 3.
    public static func verify(outputs: String, ledger: String?) throws -> (report: String, disagreements: Int) {
        let path = ledger ?? defaultLedger(outputs)
        try refuseMissingLedger(path, outputs: outputs)
        guard fileSize(path) != nil else { return ("no ledger at \(path) and no closed period in \(outputs): nothing to verify\n", 0) }
        let store: LedgerStore
        do { store = try LedgerStore(path: path, createIfMissing: false, readOnly: true) } catch let e as LedgerError {
            if e.kind == .missing { return ("the ledger \(path) records no closed period and \(outputs) holds none: nothing to verify\n", 0) }
            throw RunError.from(e)
        }
        try refuseEmptyLedger(store, outputs: outputs)
        let found = try disagreements(store, outputs: outputs, summaries: true)
        let closed = (try? store.closedPeriods()) ?? []
        var report = ""
        for line in found { report += "disagrees: " + line + "\n" }
        if found.isEmpty {
            report +=
                "the ledger \(path) and \(outputs) agree: \(closed.count) closed periods (\(closed.map(\.description).joined(separator: ", "))), every file as closed\n"
        }
        return (report, found.count)
    }

    /// `salesclose ledger restore`: puts `<ledger>.previous` back as the ledger (the ledger it replaces, if any, is
    /// kept as `<ledger>.before-restore`, its journal with it). Exit 3 when there is no copy. Takes the outputs lock.
    public static func restore(outputs: String, ledger: String?) throws -> String {
        let path = ledger ?? defaultLedger(outputs)
        let prev = previousPath(path)
        guard fileSize(prev).map({ $0 > 0 }) == true else {
            throw RunError(.ledgerRefused, "error: nothing to restore: there is no copy of the ledger kept before a commit at \(prev)")
        }
        let lock = Files.isDirectory(outputs) ? try OutputsLock(outputs: outputs) : nil
        defer { withExtendedLifetime(lock) {} }
        let held: [Period]
        do {
            let s = try LedgerStore(path: prev, createIfMissing: false, readOnly: true)
            held = try s.closedPeriods()
            try s.close()
        } catch let e as LedgerError {
            throw RunError(.input, "error: the kept copy \(prev) is not a usable ledger: \(e.message); nothing was changed")
        }
        var lines: [String] = []
        if fileSize(path) != nil, !Files.exists(path + "-journal"), (try? Files.sha256(of: path)) == (try? Files.sha256(of: prev)) {
            return "the ledger \(path) is already the copy kept before the last commit; nothing changed\n"
        }
        if fileSize(path) != nil {
            // Never over an earlier set-aside ledger: the first free name.
            var aside = beforeRestorePath(path)
            var n = 2
            while Files.exists(aside) || Files.exists(aside + "-journal") { aside = beforeRestorePath(path) + ".\(n)"; n += 1 }
            try Files.rename(path, aside)
            if Files.exists(path + "-journal") { try Files.rename(path + "-journal", aside + "-journal") }
            lines.append("the ledger that was at \(path) is kept as \(aside)")
        } else if Files.exists(path + "-journal") {
            // A journal without its database would be applied to the restored file: set it aside too.
            try Files.rename(path + "-journal", beforeRestorePath(path) + "-journal")
        }
        try copyPrivately(prev, to: path)
        let latest = held.last.map { "its latest closed period is \($0)" } ?? "it records no closed period"
        lines.insert("restored \(path) from \(prev): \(latest)", at: 0)
        if let last = held.last, let onDisk = closedFolders(outputs).last, onDisk > last {
            lines.append("note: \(outputs) holds folders up to \(onDisk); close \(last.next) again to bring the ledger up to date")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
