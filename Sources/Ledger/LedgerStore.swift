import GRDB
import SalesCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The identity and outputs of one closed period.
public struct ClosedPeriodInfo: Sendable, Hashable {
    public var period: Period
    /// Input file name → SHA-256 (hex).
    public var inputHashes: [String: String]
    /// SHA-256 of the effective policy (its canonical printing).
    public var policySHA256: String
    /// Output path relative to the period's folder → SHA-256 (hex).
    public var outputHashes: [String: String]
    public var toolVersion: String
    /// The options that shape the bytes, e.g. "lang=zh".
    public var options: String

    public init(
        period: Period, inputHashes: [String: String], policySHA256: String,
        outputHashes: [String: String], toolVersion: String, options: String
    ) {
        self.period = period; self.inputHashes = inputHashes; self.policySHA256 = policySHA256
        self.outputHashes = outputHashes; self.toolVersion = toolVersion; self.options = options
    }

    /// Same inputs and same policy: the same close (outputs.md "A close's identity").
    /// `alsoAcceptingPolicies`: the SHA-256s the other's effective policy had under earlier versions of the tool.
    public func hasSameIdentity(as other: ClosedPeriodInfo, alsoAcceptingPolicies legacy: Set<String> = []) -> Bool {
        period == other.period && inputHashes == other.inputHashes
            && (policySHA256 == other.policySHA256 || legacy.contains(policySHA256))
    }

    /// Input files whose hash differs, or that are in only one of the two, sorted.
    public func inputFilesDiffering(from other: ClosedPeriodInfo) -> [String] {
        Set(inputHashes.keys).union(other.inputHashes.keys)
            .filter { inputHashes[$0] != other.inputHashes[$0] }
            .sorted()
    }
}

/// Everything one closed period wrote, as it was written (for a reopen's "what changed").
public struct RecordedClose: Sendable {
    public var info: ClosedPeriodInfo
    public var record: PeriodRecord
    public var balancesAfter: [String: CarriedBalances]
    public var monthsAfter: [String: EmployeeMonth]
    public var quarterOutcomes: [String: QuarterOutcome]
    public var expenseReceiptsUsed: Set<String>
    public var remittanceReceiptsUsed: Set<String>
    public var adjustmentIds: Set<String>
    /// The customers that period wrote: receivable after it, and whether it had sales for them.
    public var customers: [String: CustomerBalance]
}

/// The SQLite ledger kept between months. One process at a time (the CLI holds a lock);
/// a rollback journal (journal_mode=DELETE) and synchronous=FULL, so the file and its
/// journal are the only files and `record` is one durable transaction.
public final class LedgerStore: Sendable {
    /// The schema version this build writes (PRAGMA user_version).
    public static let schemaVersion: Int = LedgerSchema.version

    public let path: String
    public let isReadOnly: Bool
    private let dbQueue: DatabaseQueue

    /// Opens the ledger at `path`, creating it (mode 0600, whatever the umask) when it is missing and
    /// `createIfMissing`. A file that is not a SQLite database, not a SalesClose ledger, or whose schema
    /// is broken → `.corrupt`; one written by a newer build → `.newerVersion`. Never recreated, never
    /// overwritten. `readOnly` opens for `check`: nothing is written, and a file with no ledger in it yet
    /// (empty) is reported as `.missing`, like no file.
    public init(path: String, createIfMissing: Bool = true, readOnly: Bool = false) throws {
        self.path = path
        self.isReadOnly = readOnly

        var st = stat()
        if stat(path, &st) != 0 {
            let e = errno
            guard e == ENOENT else { throw LedgerError(.io, path: path, "cannot read: \(Self.errnoText(e))") }
            guard createIfMissing, !readOnly else { throw LedgerError(.missing, path: path, "no ledger at this path") }
            try Self.createPrivateFile(path)
        } else {
            guard (st.st_mode & S_IFMT) == S_IFREG else { throw LedgerError(.io, path: path, "not a regular file") }
            // Pay figures live here: keep the file private (outputs.md "Access").
            if !readOnly, st.st_mode & 0o077 != 0 { _ = chmod(path, 0o600) }
        }

        var config = Configuration()
        config.readonly = readOnly
        config.label = "SalesClose.Ledger"
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw Self.map(error, path: path)
        }
        do {
            try dbQueue.writeWithoutTransaction { db in try Self.openCheck(db, path: path, readOnly: readOnly) }
        } catch {
            try? dbQueue.close()
            throw Self.map(error, path: path)
        }
    }

    /// Closes the connection now (also done when the store is released).
    public func close() throws {
        do { try dbQueue.close() } catch { throw Self.map(error, path: path) }
    }

    // MARK: Reading

    /// Periods closed, ascending.
    public func closedPeriods() throws -> [Period] {
        try read { db in try LedgerReader(db: db, path: self.path).closedPeriods(before: nil) }
    }

    public func latestClosed() throws -> Period? { try closedPeriods().last }

    /// The identity and outputs of a closed period; nil if it was never closed.
    public func info(for period: Period) throws -> ClosedPeriodInfo? {
        try read { db in try LedgerReader(db: db, path: self.path).info(period) }
    }

    /// What the close of `period` needs: the state as of the latest closed period before `period`
    /// (a reopen of the latest period reads the state before it). `closedPeriods` lists the closed
    /// periods before `period`; `previous` is `period.previous`'s record when that period is closed.
    public func snapshot(for period: Period) throws -> LedgerSnapshot {
        try read { db in try LedgerReader(db: db, path: self.path).snapshot(for: period) }
    }

    /// Everything a closed period wrote; nil if it was never closed.
    public func recorded(_ period: Period) throws -> RecordedClose? {
        try read { db in try LedgerReader(db: db, path: self.path).recorded(period) }
    }

    /// The figures the ledger holds for the close of `period` (nil: a close recorded before the ledger kept them, or
    /// never closed).
    public func figures(_ period: Period) throws -> [ReopenDifferences.EmployeeFigures]? {
        try read { db in try LedgerReader(db: db, path: self.path).figures(period, generation: "current") }
    }

    /// When the close of `period` the ledger records is a reopen: the figures of the close it replaced (nil inside
    /// when that close was recorded before the ledger kept figures). nil when it is no reopen.
    public func replacedFigures(_ period: Period) throws -> [ReopenDifferences.EmployeeFigures]?? {
        try read { db in
            let reader = LedgerReader(db: db, path: self.path)
            guard
                let kept = try Int.fetchOne(
                    db, sql: "SELECT replaced_figures_kept FROM reopens WHERE period = ?",
                    arguments: [period.description])
            else { return nil }
            guard kept == 1 else { return .some(nil) }
            return .some(try reader.figures(period, generation: "replaced") ?? [])
        }
    }

    // MARK: Order

    /// Throws `.order` (exit 3) when closing `p` (or reopening it) is refused: a skipped month,
    /// a period already closed (without reopen), a reopen of a period never closed or not the latest.
    /// The same checks `record` makes, for before the close does any work.
    public func checkCanClose(_ p: Period, reopen: Bool) throws {
        let closed = try closedPeriods()
        if let problem = Self.orderProblem(closed: closed, period: p, reopen: reopen) {
            throw LedgerError(.order, path: path, problem)
        }
    }

    static func orderProblem(closed: [Period], period p: Period, reopen: Bool) -> String? {
        let isClosed = closed.contains(p)
        guard let latest = closed.last else {
            return reopen ? "--reopen names \(p), which was never closed" : nil
        }
        if reopen {
            if !isClosed { return "--reopen names \(p), which was never closed" }
            if p != latest { return "\(p) cannot be reopened while \(latest) is closed" }
            return nil
        }
        if isClosed {
            if p == latest { return "\(p) is already closed; --reopen closes it again with new inputs" }
            return "\(p) is already closed, and \(p) cannot be reopened while \(latest) is closed"
        }
        if p < latest {
            return "the ledger's latest closed period is \(latest); \(p) comes before it and was never closed"
        }
        if p != latest.next {
            let first = latest.next, last = p.previous
            let skipped = first == last ? "\(first)" : "\(first) to \(last)"
            return "the ledger's latest closed period is \(latest); \(p) would skip \(skipped)"
        }
        return nil
    }

    // MARK: Writing

    /// Records a close in one transaction (the close's single commit point). With `replacing`
    /// (a reopen of the latest period) everything that period wrote is deleted first.
    /// Refuses with `.order` as `checkCanClose` does; then nothing is written.
    /// A reopen keeps the figures of the close it replaces (`legacyReplacedFigures`: those of a close recorded before the
    /// ledger kept figures, when the caller could read them).
    public func record(
        _ result: CloseResult, info: ClosedPeriodInfo, replacing: Bool,
        legacyReplacedFigures: [ReopenDifferences.EmployeeFigures]? = nil
    ) throws {
        precondition(info.period == result.period, "ClosedPeriodInfo.period \(info.period) ≠ CloseResult.period \(result.period)")
        try write { db in
            let reader = LedgerReader(db: db, path: self.path)
            let closed = try reader.closedPeriods(before: nil)
            if let problem = Self.orderProblem(closed: closed, period: result.period, reopen: replacing) {
                throw LedgerError(.order, path: self.path, problem)
            }
            var writer = LedgerWriter(db: db, period: result.period)
            if replacing {
                try writer.keepReplacedFigures(legacy: legacyReplacedFigures)
                try writer.deletePeriod()
            } else {
                try writer.clearFigures()
            }
            try writer.write(result, info: info)
        }
    }

    /// Replaces only the output hashes and options (and, if given, the tool version) of a closed period:
    /// a rerun with the same identity that rewrote its files with other bytes (`--lang en`).
    public func updateOutputs(
        period: Period, outputHashes: [String: String], options: String,
        toolVersion: String? = nil
    ) throws {
        try write { db in
            guard try LedgerReader(db: db, path: self.path).info(period) != nil else {
                throw LedgerError(.order, path: self.path, "\(period) was never closed; its outputs cannot be updated")
            }
            let writer = LedgerWriter(db: db, period: period)
            try writer.replaceOutputs(outputHashes, options: options, toolVersion: toolVersion)
        }
    }

    // MARK: Plumbing

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try dbQueue.read(body) } catch { throw Self.map(error, path: path) }
    }

    private func write(_ body: (Database) throws -> Void) throws {
        guard !isReadOnly else { throw LedgerError(.io, path: path, "opened read-only") }
        do {
            try dbQueue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
            }
        } catch {
            throw Self.map(error, path: path)
        }
    }

    /// Creates an empty file with mode 0600 whatever the umask; SQLite then writes into it.
    private static func createPrivateFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let e = errno
            throw LedgerError(.io, path: path, "cannot create: \(errnoText(e))")
        }
        defer { _ = Glibc_close(fd) }
        guard fchmod(fd, 0o600) == 0 else {
            let e = errno
            throw LedgerError(.io, path: path, "cannot set mode 0600: \(errnoText(e))")
        }
    }

    static func errnoText(_ e: Int32) -> String { String(cString: strerror(e)) }

    /// Checks what the file holds; on a fresh (empty) file creates the schema, on an older one migrates.
    private static func openCheck(_ db: Database, path: String, readOnly: Bool) throws {
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else {
            throw LedgerError(.corrupt, path: path, "the database is damaged: \(check.prefix(3).joined(separator: "; "))")
        }
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")

        if appID != 0 && appID != LedgerSchema.applicationID {
            throw LedgerError(.corrupt, path: path, "a SQLite database, but not a SalesClose ledger (application_id \(appID))")
        }
        if version > schemaVersion {
            throw LedgerError(
                .newerVersion(found: version, supported: schemaVersion), path: path,
                "written by a newer SalesClose (ledger version \(version); this build knows up to \(schemaVersion))")
        }
        if version == 0 && !tables.isEmpty {
            throw LedgerError(
                .corrupt, path: path,
                "a SQLite database with tables (\(tables.sorted().prefix(5).joined(separator: ", "))) but no ledger version: not a SalesClose ledger")
        }
        if version > 0 && appID != LedgerSchema.applicationID {
            throw LedgerError(.corrupt, path: path, "a SQLite database, but not a SalesClose ledger (no application id)")
        }

        if readOnly {
            if version == 0 { throw LedgerError(.missing, path: path, "the file holds no ledger yet") }
            if version < schemaVersion {
                throw LedgerError(.io, path: path, "ledger version \(version) needs upgrading to \(schemaVersion); a close does it")
            }
        } else {
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            if version < schemaVersion {
                try db.inTransaction(.exclusive) {
                    let now = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    guard now == version else { return .rollback }
                    for i in version..<schemaVersion {
                        try db.execute(sql: LedgerSchema.migrations[i])
                    }
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                        arguments: ["\(schemaVersion)"])
                    try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)")
                    try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
                    return .commit
                }
                let now = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard now == schemaVersion else {
                    throw LedgerError(.io, path: path, "the ledger changed while it was being set up (version \(now))")
                }
            }
        }
        try verifySchema(db, path: path)
    }

    private static func verifySchema(_ db: Database, path: String) throws {
        for (table, expected) in LedgerSchema.expectedColumns.sorted(by: { $0.key < $1.key }) {
            let cols = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                .compactMap { $0[0] as String? }
            if cols.isEmpty {
                throw LedgerError(.corrupt, path: path, "the ledger's table \(table) is missing")
            }
            let missing = expected.filter { !cols.contains($0) }
            if !missing.isEmpty {
                throw LedgerError(.corrupt, path: path, "the ledger's table \(table) lacks column(s) \(missing.joined(separator: ", "))")
            }
        }
        let app = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'application'")
        guard app == "salesclose-ledger" else {
            throw LedgerError(.corrupt, path: path, "the ledger's meta table does not name a SalesClose ledger")
        }
    }

    static func map(_ error: any Error, path: String) -> LedgerError {
        if let e = error as? LedgerError { return e }
        if let e = error as? DatabaseError {
            let text = e.message ?? "\(e.resultCode)"
            switch e.resultCode {
            case .SQLITE_NOTADB:
                return LedgerError(.corrupt, path: path, "not a SQLite database (\(text))")
            case .SQLITE_CORRUPT, .SQLITE_SCHEMA, .SQLITE_FORMAT, .SQLITE_MISMATCH, .SQLITE_CONSTRAINT:
                return LedgerError(.corrupt, path: path, "the ledger is damaged (\(text))")
            case .SQLITE_FULL:
                return LedgerError(.io, path: path, "the disk is full (\(text))")
            default:
                return LedgerError(.io, path: path, text)
            }
        }
        return LedgerError(.io, path: path, "\(error)")
    }
}

@inline(__always) private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
