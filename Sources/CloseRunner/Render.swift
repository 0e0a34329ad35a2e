import Foundation
import SalesCore
import Report
import XlsxWriter
import XlsxReader

/// Writes a close's outputs into a folder and verifies each file by reading it back.
enum Render {
    static func all(_ r: CloseResult, into dir: String, lang: WorkbookLang, policySHA256: String, previousSummary: String?,
                    trend: [TrendPoint], progress: @escaping (String) -> Void) throws -> (files: [String], summary: String) {
        var outputs: [(file: String, sha256: String)] = []
        let reportLang: Lang = lang == .en ? .en : .zh
        let password = ProcessInfo.processInfo.environment["SALESCLOSE_SHEET_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }

        // The workbooks are independent: written (and read back) concurrently, one workbook per task, so both cores work.
        let finance = FinanceWorkbook.fileName(r.period)
        let management = ManagementWorkbook.fileName(r.period)
        let changes = previousSummary.map { Changes.rows(before: $0, after: Summary.json(r, policySHA256: policySHA256, outputs: []).render()) }
        let regionFiles = RegionWorkbooks.fileNames(r)
        let index = ReportIndex(r)   // one set of look-ups for every region's workbook
        let meter = WriteProgress(workbooks: 2 + regionFiles.count, report: progress)
        let shared = ReportOptions(lang: reportLang, progress: meter.rows())
        if !regionFiles.isEmpty { try Files.makeDirectory(dir + "/regions") }
        var tasks: [(file: String, write: () throws -> WrittenWorkbook)] = [
            (finance, {
                if Fault.fails("write-finance") { throw RunError(.writeFailed, "error: writing \(finance) failed (test fault)") }
                return try FinanceWorkbook.write(r, to: dir + "/" + finance,
                                                 options: ReportOptions(lang: reportLang, sheetPassword: password, progress: shared.progress),
                                                 changes: changes)
            }),
            (management, { try ManagementWorkbook.write(r, to: dir + "/" + management, options: shared, trend: trend) }),
        ]
        for f in regionFiles {
            tasks.append((f.file, {
                try RegionWorkbooks.writeOne(r, region: f.region, to: dir + "/" + f.file, options: shared, index: index)
            }))
        }
        let results = Parallel.map(tasks) { task -> Result<String, Error> in
            do {
                try Verify.workbook(try task.write())
                // Each workbook's buffers go back to the system when it is done: the threads' malloc arenas would
                // otherwise keep the largest region's high-water mark each.
                ProcessMemory.releaseFreeMemory()
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


/// What a reopen changed against the close it replaces, per employee, from the two summaries.
enum Changes {
    static let fields = ["expenses_claimed", "expenses_approved", "meal_allowance", "reimbursement_adjustments",
                         "advances_approved", "advance_settled", "advance_outstanding_after", "net_payable",
                         "sales", "remitted", "commission_earned", "commission_settled", "commission_deferred_balance",
                         "commission_adjustments", "gross_pay", "codes"]

    static func rows(before: String, after: String) -> [ChangeRow] {
        func employees(_ text: String) -> [String: [String: Any]] {
            guard let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let list = o["employees"] as? [[String: Any]] else { return [:] }
            var m: [String: [String: Any]] = [:]
            for e in list { if let id = e["employee_id"] as? String { m[id] = e } }
            return m
        }
        func value(_ v: Any?) -> ChangeValue {
            if let s = v as? String, let m = Money.parsePlain(s) { return .money(m) }
            if let a = v as? [String] { return .text(a.joined(separator: " ")) }
            if let s = v as? String { return .text(s) }
            if let n = v as? NSNumber { return .ratio(n.doubleValue) }
            return .none
        }
        let old = employees(before), new = employees(after)
        var ids = Array(Set(old.keys).union(new.keys))
        ids.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var out: [ChangeRow] = []
        for id in ids {
            for f in fields {
                let b = value(old[id]?[f]), a = value(new[id]?[f])
                if b != a {
                    out.append(ChangeRow(employeeId: id, name: (new[id]?["name"] ?? old[id]?["name"]) as? String, field: f, before: b, after: a))
                }
            }
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
