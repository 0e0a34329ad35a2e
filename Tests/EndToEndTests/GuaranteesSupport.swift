import Foundation
import XCTest
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

/// Helpers for the guarantee tests (issue 6): runs under a shell prefix (ulimit, umask), folder hashes, the ledger read
/// through libsqlite3 (dlopen: the test target does not link the Ledger module).
enum G {
    static let jan = "2023-01"

    /// Runs the binary through `bash -c '<prefix>; exec BIN ARGS'` (for `ulimit -f`, `umask`).
    static func run(_ args: [String], prefix: String, env: [String: String] = [:]) throws -> Harness.Result {
        try Harness.runExecutable(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", prefix + "; exec \"$0\" \"$@\"", Harness.binary.path] + args, env: env)
    }

    static func close(_ inputs: URL, _ outputs: URL, _ extra: [String] = [], env: [String: String] = [:]) throws -> Harness.Result {
        try Harness.runExecutable(Harness.binary, ["close", "--inputs", inputs.path, "--outputs", outputs.path] + extra, env: env)
    }

    /// Writes the fixture's January inputs to `root/name`.
    static func january(_ root: URL, _ name: String = "jan", edit: (inout [String: String]) -> Void = { _ in }) throws -> URL {
        var files = TwoMonths.january
        edit(&files)
        let dir = root.appendingPathComponent(name)
        try Harness.write(files, to: dir)
        return dir
    }

    /// SHA-256 of every regular file below `dir`, by relative path.
    static func hashes(_ dir: URL) -> [String: String] {
        var out: [String: String] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let p = dir.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue,
                let d = FileManager.default.contents(atPath: p)
            {
                out[rel] = SHA256.hex([UInt8](d))
            }
        }
        return out
    }

    /// Hidden entries of the outputs folder other than the lock (`.YYYY-MM.partial`, `.YYYY-MM.replaced`).
    static func leftovers(_ outputs: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? [])
            .filter { $0.hasPrefix(".") && $0 != ".salesclose.lock" }.sorted()
    }

    /// The folder and the ledger agree: the period folder's files are exactly those the ledger records, with the same
    /// SHA-256s; or neither has the period. Also the summary's `outputs` list matches the folder's workbooks.
    static func assertFolderAgreesWithLedger(_ outputs: URL, _ period: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let recorded = try SQLite.outputs(outputs.appendingPathComponent("ledger.sqlite").path, period: period)
        let folder = outputs.appendingPathComponent(period)
        let onDisk = FileManager.default.fileExists(atPath: folder.path) ? hashes(folder) : [:]
        XCTAssertEqual(onDisk, recorded, "period folder \(period) and the ledger disagree", file: file, line: line)
        XCTAssertEqual(leftovers(outputs), [], "temporary folders left", file: file, line: line)
        if !onDisk.isEmpty {
            let s = try Harness.summary(outputs, period)
            let listed = Dictionary(
                uniqueKeysWithValues: (s["outputs"] as? [[String: Any]] ?? []).compactMap { o -> (String, String)? in
                    guard let f = o["file"] as? String, let h = o["sha256"] as? String else { return nil }
                    return (f, h)
                })
            var workbooks = onDisk
            workbooks["close-summary.json"] = nil
            XCTAssertEqual(listed, workbooks, "the summary's outputs list and the folder's workbooks disagree", file: file, line: line)
        }
    }

    /// Whether the system has the locale (checked with newlocale, which does not touch the test process's locale).
    static func hasLocale(_ name: String) -> Bool {
        guard let l = newlocale((1 << LC_NUMERIC) | (1 << LC_CTYPE), name, nil) else { return false }
        freelocale(l)
        return true
    }

    /// The finance workbook of a period folder, failing the test when it is not there.
    static func financeWorkbook(_ outputs: URL, _ period: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let u = outputs.appendingPathComponent("\(period)/finance-\(period).xlsx")
        guard FileManager.default.fileExists(atPath: u.path) else {
            throw SQLite.Failure(description: "no finance workbook at \(u.path): the close did not write it")
        }
        return u
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
    }
}

/// The few SQLite calls the tests need, through dlopen (libsqlite3 is a build dependency of the tool anyway).
enum SQLite {
    typealias Open = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<OpaquePointer?>, Int32, UnsafePointer<CChar>?) -> Int32
    typealias Prepare =
        @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<OpaquePointer?>, UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias Step = @convention(c) (OpaquePointer) -> Int32
    typealias ColumnText = @convention(c) (OpaquePointer, Int32) -> UnsafePointer<UInt8>?
    typealias ColumnCount = @convention(c) (OpaquePointer) -> Int32
    typealias Finalize = @convention(c) (OpaquePointer) -> Int32
    typealias Close = @convention(c) (OpaquePointer) -> Int32

    struct Lib {
        let open: Open, prepare: Prepare, step: Step, text: ColumnText, count: ColumnCount, finalize: Finalize, close: Close
    }
    static let lib: Lib? = {
        guard let h = dlopen("libsqlite3.so.0", RTLD_NOW) ?? dlopen("libsqlite3.so", RTLD_NOW) else { return nil }
        func sym<T>(_ n: String, _: T.Type) -> T? { dlsym(h, n).map { unsafeBitCast($0, to: T.self) } }
        guard let o = sym("sqlite3_open_v2", Open.self), let p = sym("sqlite3_prepare_v2", Prepare.self),
            let s = sym("sqlite3_step", Step.self), let t = sym("sqlite3_column_text", ColumnText.self),
            let c = sym("sqlite3_column_count", ColumnCount.self), let f = sym("sqlite3_finalize", Finalize.self),
            let cl = sym("sqlite3_close", Close.self)
        else { return nil }
        return Lib(open: o, prepare: p, step: s, text: t, count: c, finalize: f, close: cl)
    }()

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Rows of a query on a database opened read-only, as text.
    static func query(_ path: String, _ sql: String) throws -> [[String?]] {
        guard let lib else { throw Failure(description: "libsqlite3 not found") }
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var db: OpaquePointer?
        guard lib.open(path, &db, 0x01 /* SQLITE_OPEN_READONLY */, nil) == 0, let db else {
            throw Failure(description: "cannot open \(path)")
        }
        defer { _ = lib.close(db) }
        var st: OpaquePointer?
        guard lib.prepare(db, sql, -1, &st, nil) == 0, let st else { throw Failure(description: "cannot prepare \(sql)") }
        defer { _ = lib.finalize(st) }
        var rows: [[String?]] = []
        while true {
            let rc = lib.step(st)
            if rc == 101 { break }  // SQLITE_DONE
            guard rc == 100 else { throw Failure(description: "step failed (\(rc)) for \(sql)") }
            let n = lib.count(st)
            rows.append((0..<n).map { i in lib.text(st, i).map { String(cString: $0) } })
        }
        return rows
    }

    /// The output SHA-256s the ledger records for a period (empty when the period is not closed).
    static func outputs(_ path: String, period: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try query(path, "SELECT path, sha256 FROM period_outputs WHERE period = '\(period)'") {
            if let p = r[0], let h = r[1] { out[p] = h }
        }
        return out
    }

    static func periods(_ path: String) throws -> [String] {
        try query(path, "SELECT period FROM periods ORDER BY period").compactMap { $0[0] }
    }
}
