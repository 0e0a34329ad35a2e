import Foundation
import SalesCore
import Report
import Ledger

/// Writes a close's outputs into a folder and verifies each file by reading it back.
enum Render {
    static func all(
        _ r: CloseResult, into dir: String, lang: Language, policySHA256: String, changes: [ChangeRow]?,
        trend: [TrendPoint], progress: @escaping (String) -> Void
    ) throws -> (files: [String], summary: String) {
        var outputs: [(file: String, sha256: String)] = []
        let password = ProcessInfo.processInfo.environment["SALESCLOSE_SHEET_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }

        // The workbooks are independent: written (and read back) concurrently, one workbook per task, so both cores work.
        let finance = FinanceWorkbook.fileName(r.period)
        let management = ManagementWorkbook.fileName(r.period)
        let regionFiles = RegionWorkbooks.fileNames(r)
        let index = ReportIndex(r)  // one set of look-ups for every region's workbook
        let meter = WriteProgress(workbooks: 2 + regionFiles.count, report: progress)
        let shared = ReportOptions(lang: lang, progress: meter.rows())
        if !regionFiles.isEmpty { try Files.makeDirectory(dir + "/regions") }
        var tasks: [(file: String, write: () throws -> WrittenWorkbook)] = [
            (
                finance,
                {
                    try FinanceWorkbook.write(
                        r, to: dir + "/" + finance,
                        options: ReportOptions(lang: lang, sheetPassword: password, progress: shared.progress),
                        changes: changes)
                }
            ),
            (management, { try ManagementWorkbook.write(r, to: dir + "/" + management, options: shared, trend: trend) })
        ]
        for f in regionFiles {
            tasks.append(
                (
                    f.file,
                    {
                        try RegionWorkbooks.writeOne(r, region: f.region, to: dir + "/" + f.file, options: shared, index: index)
                    }
                ))
        }
        let results = Parallel.map(tasks) { task -> Result<String, Error> in
            do {
                try Verify.workbook(try task.write())
                // Each workbook's buffers go back to the system when it is done: the threads' malloc arenas would
                // otherwise keep the largest region's high-water mark each.
                ReadBack.releaseFreeMemory()
                let sha = try Files.sha256(of: dir + "/" + task.file)
                meter.finished(task.file)
                return .success(sha)
            } catch let e as RunError {
                return .failure(e)
            } catch {
                return .failure(RunError(.writeFailed, "error: writing \(task.file) failed: \(error)"))
            }
        }
        for (task, result) in zip(tasks, results) {
            switch result {
            case .failure(let e): throw e
            case .success(let sha): outputs.append((task.file, sha))
            }
        }
        progress(meter.summary())

        let summary = Summary.json(r, policySHA256: policySHA256, outputs: outputs).render()
        try Files.write(Array(summary.utf8), to: dir + "/close-summary.json", mode: 0o600)
        return (outputs.map(\.file) + ["close-summary.json"], summary)
    }
}

/// What a reopen changed (computed in SalesCore from the figures the ledger keeps), as the finance workbook lays it out.
enum Changes {
    static func rows(_ changes: [ReopenDifferences.Change]) -> [ChangeRow] {
        func value(_ f: ReopenDifferences.Figure) -> ChangeValue {
            switch f {
            case .none: return .none
            case .money(let m): return .money(m)
            case .codes(let c): return .text(c.joined(separator: " "))
            }
        }
        return changes.map { ChangeRow(employeeId: $0.employeeId, name: $0.name, field: $0.field, before: value($0.before), after: value($0.after)) }
    }

    /// The differences a close's finance workbook shows: against the close a reopen replaces now, or, for a rerun of
    /// the same reopen (same identity), against the one it replaced then; nil when the close is no reopen. Also the
    /// figures of a replaced close recorded before the ledger kept figures, read once from its verified summary, for
    /// the ledger to keep.
    static func of(_ result: CloseResult, store: LedgerStore, folder: String, reopening: Bool, sameIdentity: Bool) throws
        -> (changes: [ReopenDifferences.Change]?, legacyReplaced: [ReopenDifferences.EmployeeFigures]?)
    {
        do {
            let after = ReopenDifferences.figures(of: result)
            if reopening {
                var before = try store.figures(result.period)
                var legacy: [ReopenDifferences.EmployeeFigures]? = nil
                if before == nil, let closed = try store.info(for: result.period),
                    let bytes = try? Files.readBytes(folder + "/close-summary.json"),
                    closed.outputHashes["close-summary.json"] == SHA256.hex(bytes)
                {
                    before = legacyFigures(summary: bytes)  // a close recorded by ledger version 1
                    legacy = before
                }
                return (before.map { ReopenDifferences.changes(before: $0, after: after) }, legacy)
            }
            if sameIdentity, let replaced = try store.replacedFigures(result.period) {
                return (replaced.map { ReopenDifferences.changes(before: $0, after: after) }, nil)
            }
            return (nil, nil)
        } catch let e as LedgerError { throw RunError.from(e) }
    }

    /// Lines said once each, in their first order.
    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }

    /// The figures of a close recorded before the ledger kept them (ledger version 1), read once from that close's
    /// summary, whose SHA-256 the ledger records, so a reopen of such a month still shows what it changed. The values go
    /// into the ledger with the reopen; nothing reads a summary's text after that.
    static func legacyFigures(summary bytes: [UInt8]) -> [ReopenDifferences.EmployeeFigures]? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let list = o["employees"] as? [[String: Any]]
        else { return nil }
        var out: [ReopenDifferences.EmployeeFigures] = []
        for e in list {
            guard let id = e["employee_id"] as? String else { return nil }
            var money: [ReopenDifferences.Field: Money?] = [:]
            for f in ReopenDifferences.Field.allCases {
                money.updateValue((e[f.rawValue] as? String).flatMap(Money.parsePlain), forKey: f)
            }
            out.append(
                ReopenDifferences.EmployeeFigures(
                    employeeId: id, name: e["name"] as? String ?? "", money: money,
                    codes: e["codes"] as? [String] ?? []))
        }
        return out
    }
}

/// The management trend (SalesCore works it out from the ledger's months and this close).
enum Trend {
    static func points(_ r: CloseResult, _ ledger: LedgerSnapshot) -> [TrendPoint] { r.trend(ledger) }
}

/// Runs independent jobs on all cores, results in input order.
enum Parallel {
    static func map<T, R>(_ items: [T], _ body: (T) -> R) -> [R] {
        let slots = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        if ProcessInfo.processInfo.environment["SALESCLOSE_SERIAL"] != nil {
            for (i, item) in items.enumerated() { slots[i] = body(item) }
        } else {
            items.withUnsafeBufferPointer { input in
                DispatchQueue.concurrentPerform(iterations: input.count) { i in slots[i] = body(input[i]) }
            }
        }
        return slots.map { $0! }
    }
}
