import Foundation
import SalesCore
import Ingest
import PolicyFile
import Ledger
import Report
#if canImport(Glibc)
    import Glibc
#endif

public struct CloseOptions: Sendable {
    public var inputs: String
    public var outputs: String
    public var period: Period?
    public var ledger: String?
    public var lang: Language = .zh
    public var reopen = false
    public init(inputs: String, outputs: String, period: Period? = nil, ledger: String? = nil, lang: Language = .zh, reopen: Bool = false) {
        self.inputs = inputs; self.outputs = outputs; self.period = period; self.ledger = ledger; self.lang = lang; self.reopen = reopen
    }
    var ledgerPath: String { ledger ?? (outputs + "/ledger.sqlite") }
}

/// What the inputs folder holds, read and typed, with the effective policy.
public struct Prepared: Sendable {
    public var policy: Policy
    public var policyText: String
    public var policySHA256: String
    /// Other SHA-256s this same effective policy had under earlier versions of the tool (see `Runner.legacyPolicySHA256`).
    public var legacyPolicySHA256s: Set<String> = []
    public var inputs: InputSet
    /// Input file name → SHA-256, policy.toml included: the close's identity with the policy.
    public var inputHashes: [String: String]

    /// Moves the rows out (the close marks them in place; a second owner would make it copy them all).
    mutating func takeInputs() -> InputSet {
        var out = InputSet()
        swap(&out, &inputs)
        return out
    }
}

public struct CloseOutcome: Sendable {
    public enum Kind: Sendable { case closed, reopened, unchanged, rewritten }
    public var kind: Kind
    public var period: Period
    public var folder: String
    public var summaryJSON: String
    public var files: [String]
    public var rejectedRows: Int
}

public enum Runner {
    public static let toolVersion = "0.1.0"

    // MARK: reading

    /// The effective policy: `inputs/policy.toml` over the defaults, or the defaults alone without an inputs folder.
    public static func loadPolicy(inputs: String?) throws -> (policy: Policy, text: String, sha256: String) {
        var policy = Policy.default
        if let inputs, case let path = inputs + "/policy.toml", Files.exists(path) {
            // Opened as every input is: a regular file only, read within a bound.
            let bytes: [UInt8]
            do { bytes = try InputFile.open(path, name: "policy.toml").readAll(limit: InputReader.policyLimit) } catch { throw RunError.from(error) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RunError(.input, "policy.toml: error: the file is not UTF-8 text")
            }
            do { policy = try PolicyFile.load(text: text, fileName: "policy.toml") } catch let e as FileError { throw RunError.from(e) }
        }
        let canonical = PolicyFile.canonicalText(policy)
        return (policy, canonical, SHA256.hex(Array(canonical.utf8)))
    }

    /// The SHA-256 the same effective policy had before `company_name` and `whole_column_stop` existed (tool 0.1.0,
    /// whose canonical text lacked those two lines), when both keep their defaults; nil otherwise. A month closed
    /// by that version keeps its identity: the same inputs again are the same close, not another one (exit 0).
    public static func legacyPolicySHA256(_ policy: Policy, canonical: String) -> String? {
        guard policy.companyName == Policy.default.companyName, policy.wholeColumnStop == Policy.default.wholeColumnStop else { return nil }
        let lines = canonical.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("company_name = ") && !$0.hasPrefix("whole_column_stop = ") }
        return SHA256.hex(Array(lines.joined(separator: "\n").utf8))
    }

    /// `hashes: false` leaves the files' SHA-256 empty (for `check`, which records nothing).
    /// `streamSales`: sales files are read in chunks and checked against `period` (nil: the month of their first row)
    /// as they are read, their accepted lines spilled to temporary files (issue 7); false keeps every row in memory.
    public static func prepare(inputs: String, hashes: Bool = true, streamSales: Bool = false, period: Period? = nil) throws -> Prepared {
        guard Files.isDirectory(inputs) else { throw RunError(.input, "\(inputs): error: no such inputs folder") }
        let p = try loadPolicy(inputs: inputs)
        let set: InputSet
        var reader = InputReader(cityAliases: p.policy.cityAliases)
        reader.computeHashes = hashes
        reader.cellText = .workbook  // text over the workbooks' cell limit is cut on the way in and flagged ROW-TEXT-CUT
        if streamSales {
            // A run that writes nothing (check, hashes off) counts the lines instead of keeping them.
            let keep = hashes
            reader.salesStreaming = SalesStreaming(makeSink: {
                SalesIntakeSink(period: period, makeStore: { () -> OrderLineStore in keep ? SpillOrderLines() : CountingOrderLines() })
            })
        }
        do { set = try reader.read(directory: inputs) } catch let e as FileError { throw RunError.from(e) }
        var hashes: [String: String] = [:]
        for f in set.files { hashes[f.file] = f.sha256 }
        if let s = set.policySHA256 { hashes["policy.toml"] = s }
        var prepared = Prepared(policy: p.policy, policyText: p.text, policySHA256: p.sha256, inputs: set, inputHashes: hashes)
        if let legacy = legacyPolicySHA256(p.policy, canonical: p.text) { prepared.legacyPolicySHA256s = [legacy] }
        return prepared
    }

    /// The period given, or the one month the sales rows fall in.
    public static func period(_ given: Period?, _ set: InputSet) throws -> Period {
        if let given { return given }
        var months = Set<Period>()
        if let streamed = set.streamedSales, streamed.streamed {
            months = streamed.months  // the rows were checked as read; their months were noted before
        } else {
            for r in set.sales { if let v = r.value, r.issue == nil { months.insert(v.date.period) } }
        }
        if months.isEmpty {
            throw RunError(.input, "error: no sales row to infer the period from; give the period with --period YYYY-MM (make: PERIOD=YYYY-MM)")
        }
        if months.count > 1 {
            let list = months.sorted().map(\.description).joined(separator: ", ")
            throw RunError(.input, "error: the sales rows fall in several months (\(list)); say which to close with --period YYYY-MM (make: PERIOD=YYYY-MM)")
        }
        return months.first!
    }

    static func openLedger(_ path: String, create: Bool) throws -> LedgerStore? {
        do { return try LedgerStore(path: path, createIfMissing: create, readOnly: !create) } catch let e as LedgerError {
            if e.kind == .missing && !create { return nil }
            throw RunError.from(e)
        }
    }

    // MARK: check

    /// `salesclose check`: reads and validates against the ledger close would use, writes nothing. Returns the
    /// report, and the error that would stop a close when the period cannot be known (printed after the report).
    public static func check(
        inputs: String, outputs: String?, period given: Period?, ledger: String?,
        lang: Language = .en
    ) throws -> (report: String, stop: RunError?) {
        var prep = try prepare(inputs: inputs, hashes: false, streamSales: true, period: given)
        var out = ""
        let period: Period? = try? Self.period(given, prep.inputs)
        if period == nil {
            // No one month to check against (the folder is read once): the sales rows were checked against a guess, the
            // month of the first; the report shows them as read, so a row that parsed counts as read, not rejected.
            for i in prep.inputs.sales.indices where prep.inputs.sales[i].value != nil { prep.inputs.sales[i].issue = nil }
        }
        var result: CloseResult? = nil
        // A missing or empty ledger beside closed months: the close would stop (exit 3); check says so after its report and exits 2.
        var ledgerStop: RunError? = nil
        if let period {
            let outputsDir = outputs ?? "outputs"
            let ledgerPath = ledger ?? (outputsDir + "/ledger.sqlite")
            var snap = LedgerSnapshot()
            do {
                try LedgerCare.refuseMissingLedger(ledgerPath, outputs: outputsDir)
                if let store = try openLedger(ledgerPath, create: false) {
                    try LedgerCare.refuseEmptyLedger(store, outputs: outputsDir)
                    do { snap = try store.snapshot(for: period) } catch let e as LedgerError { throw RunError.from(e) }
                }
            } catch let e as RunError where e.status == .ledgerRefused {
                // check exits 0, 1 or 2 (outputs.md): the lost ledger stops the check as an input would stop the close.
                ledgerStop = RunError(.input, e.lines)
            }
            result = Close.run(period: period, policy: prep.policy, inputs: prep.takeInputs(), ledger: snap)
        }
        let set = result?.inputs ?? prep.inputs
        let tally = result?.tally ?? InputTally(set)
        let zh = lang == .zh
        let known =
            period?.description
            ?? (zh
                ? "未知（\((try? Self.period(given, prep.inputs)).map(\.description) ?? "请用 --period 指定")）"
                : "not known (\((try? Self.period(given, prep.inputs)).map(\.description) ?? "give --period"))")
        out += (zh ? "结账月份：" : "period: ") + known + "\n"
        var headers: [String: [String: String]] = [:]
        for f in set.files {
            headers[f.file] = f.headers
            let c = tally.counts(f.file)
            let sheet = SheetLocation.isSheet(f.file)
            if zh {
                // A workbook's sheet has cells, not a delimiter.
                let delim = sheet ? "工作表" : (f.delimiter == "\t" ? "制表符" : (f.delimiter == ";" ? "分号" : "逗号")) + "分隔"
                out +=
                    "\(f.file)：\(f.kind.zhName)（\(f.kind.rawValue)），\(f.encoding)，\(delim)；共 \(f.rows) 行 = 接受 \(c.accepted) + 退回 \(c.rejected) + 空行 \(f.blank)"
                if f.rows == 0 { out += "（只有表头：本月没有\(f.kind.zhName)）" }
            } else {
                let delim = sheet ? "sheet" : (f.delimiter == "\t" ? "tab" : (f.delimiter == ";" ? "semicolon" : "comma"))
                out +=
                    "\(f.file): \(f.kind.rawValue), \(f.encoding), \(delim); rows \(f.rows) = accepted \(c.accepted) + rejected \(c.rejected) + blank \(f.blank)"
                if f.rows == 0 { out += " (header only: no \(f.kind.rawValue) this month)" }
            }
            out += "\n"
            if !f.ignoredColumns.isEmpty {
                out +=
                    "\(f.file): note: "
                    + (zh ? "未用的列（已忽略）：\(f.ignoredColumns.joined(separator: "、"))" : "ignored columns: \(f.ignoredColumns.joined(separator: ", "))") + "\n"
            }
        }
        for kind in InputKind.allCases where !kind.isRequired && !set.has(kind) {
            out += zh ? "note: 没有\(kind.zhName)文件（\(kind.rawValue)）\n" : "note: no \(kind.rawValue) file\n"
        }
        for f in set.ignoredFiles { out += MessageText.line("\(f.file): note: not read: \(f.reason)", lang) + "\n" }
        // A column wrong on most rows of a file stops the close: said above the rows, as the close says it (exit 2).
        let wholeColumns = WholeColumnStop.find(set.files, policy: prep.policy)
        for w in wholeColumns { out += MessageText.line(w.message, lang) + "\n" }
        for r in tally.rejected {
            let message = MessageText.render(r.issue.message, lang, headers: headers[r.file] ?? [:])
            let at = SheetLocation.text(file: r.file, line: r.line, column: max(1, r.columnNumber))
            out += "\(at): error: \(r.issue.code) \(message)\n"
        }
        if !wholeColumns.isEmpty {
            return (
                out,
                RunError(
                    .input,
                    "error: the close would stop: \(wholeColumns.count == 1 ? "a whole column fails" : "whole columns fail") (above); nothing was written")
            )
        }
        if period == nil {
            // The report of what was read still helps; then the clear error, exit 2.
            do { _ = try Self.period(given, prep.inputs) } catch let e as RunError { return (out, e) }
        }
        return (out, ledgerStop)
    }

    // MARK: close

    public static func close(
        _ o: CloseOptions, progress: @escaping (String) -> Void,
        note: (String) -> Void = { _ in }
    ) throws -> CloseOutcome {
        // The lock comes before anything is read (a second close exits 5 at once); an outputs folder that does not
        // exist yet has no close running in it, and is created only once the inputs are known to be good.
        var lock = Files.isDirectory(o.outputs) ? try OutputsLock(outputs: o.outputs) : nil
        defer { withExtendedLifetime(lock) {} }
        if lock != nil { try LedgerCare.refuseMissingLedger(o.ledgerPath, outputs: o.outputs) }
        if Files.isDirectory(o.inputs) { try TempSpace.check(inputs: o.inputs) }
        var prep = try prepare(inputs: o.inputs, streamSales: true, period: o.period)
        if let failure = prep.inputs.streamedSales?.intake.storeFailure {
            throw RunError(
                .writeFailed,
                "error: the order lines could not be kept in the temporary folder \(TempSpace.directory) (TMPDIR): \(failure); nothing was changed")
        }
        // A column wrong on most rows of a file (inputs.md "Errors"): one message per such column, exit 2, nothing written.
        let wholeColumns = WholeColumnStop.find(prep.inputs.files, policy: prep.policy)
        if !wholeColumns.isEmpty { throw RunError(.input, wholeColumns.map(\.message)) }
        for f in prep.inputs.files {
            progress("read \(f.file): \(f.rows) rows (\(f.kind.rawValue), \(f.encoding))")
            if f.rows == 0 { note("\(f.file): note: header only: no \(f.kind.rawValue) this month") }
            if !f.ignoredColumns.isEmpty { note("\(f.file): note: ignored columns: \(f.ignoredColumns.joined(separator: ", "))") }
        }
        for f in prep.inputs.ignoredFiles { note("\(f.file): note: not read: \(f.reason)") }
        let period = try Self.period(o.period, prep.inputs)
        if let streamed = prep.inputs.streamedSales, streamed.streamed, streamed.intake.period != period {
            throw RunError(.input, "error: the sales rows were checked against \(streamed.intake.period), not \(period); give the period with --period YYYY-MM")
        }
        guard Files.isDirectory(o.outputs) || (try? Files.makeDirectory(o.outputs)) != nil else {
            throw RunError(.writeFailed, "error: cannot create the outputs folder \(o.outputs)")
        }
        if lock == nil { lock = try OutputsLock(outputs: o.outputs) }
        try LedgerCare.refuseMissingLedger(o.ledgerPath, outputs: o.outputs)
        guard let store = try openLedger(o.ledgerPath, create: true) else { throw RunError(.input, "error: no ledger") }
        try LedgerCare.refuseEmptyLedger(store, outputs: o.outputs)

        let tx = Transaction(outputs: o.outputs, period: period)
        try tx.recover(store)
        // Closed months other than this one, tampered with or deleted since: said, and the close goes on.
        for line in try LedgerCare.disagreements(store, outputs: o.outputs, except: period, summaries: false) {
            note("warning: \(line); see salesclose ledger verify --outputs \(o.outputs)")
        }

        let identity = ClosedPeriodInfo(
            period: period, inputHashes: prep.inputHashes, policySHA256: prep.policySHA256,
            outputHashes: [:], toolVersion: toolVersion, options: "lang=\(o.lang.rawValue)")
        var reopening = false
        var sameIdentity = false
        do {
            if let closed = try store.info(for: period) {
                if closed.hasSameIdentity(as: identity, alsoAcceptingPolicies: prep.legacyPolicySHA256s) {
                    sameIdentity = true
                } else if o.reopen {
                    try store.checkCanClose(period, reopen: true)
                    reopening = true
                } else {
                    let files = closed.inputFilesDiffering(from: identity)
                    var lines = ["error: \(period) is already closed with other inputs; the files that differ: \(files.joined(separator: ", "))"]
                    if closed.policySHA256 != identity.policySHA256 && !prep.legacyPolicySHA256s.contains(closed.policySHA256) {
                        lines.append("error: the effective policy differs too")
                    }
                    lines.append("note: to replace that close, run again with --reopen (only the latest closed period can be reopened)")
                    throw RunError(.ledgerRefused, lines)
                }
            } else {
                try store.checkCanClose(period, reopen: o.reopen)
            }
        } catch let e as LedgerError { throw RunError.from(e) }

        let snapshot: LedgerSnapshot
        do { snapshot = try store.snapshot(for: period) } catch let e as LedgerError { throw RunError.from(e) }
        let result = Close.run(
            period: period, policy: prep.policy, inputs: prep.takeInputs(), ledger: snapshot,
            progress: { progress("rules: \($0)") })

        // What the ingest freed goes back to the system before the workbooks are written (glibc keeps it otherwise).
        ReadBack.releaseFreeMemory()

        // What a reopen changed, from the figures the ledger keeps (issue 14 §2).
        let (changes, legacyReplaced) = try Changes.of(
            result, store: store, folder: tx.folder, reopening: reopening,
            sameIdentity: sameIdentity)

        // Write everything under a temporary name, read back and verify; libxlsxwriter's own stderr lines are kept
        // and said once (a full disk would otherwise flood stderr with them).
        let (writing, cLines) = ReadBack.capturingLibraryMessages {
            try tx.writePartial { dir in
                try Render.all(
                    result, into: dir, lang: o.lang, policySHA256: prep.policySHA256, changes: changes.map(Changes.rows),
                    trend: Trend.points(result, snapshot), progress: progress)
            }
        }
        let written: Transaction.Written
        switch writing {
        case .success(let w):
            written = w
            for line in Changes.unique(cLines) { note("note: libxlsxwriter: \(line)") }
        case .failure(let error):
            throw Transaction.writeFailure(error, libxlsxwriterLines: cLines, outputs: o.outputs)
        }
        var info = identity
        info.outputHashes = written.hashes

        if sameIdentity {
            let old = try store.info(for: period)!
            if old.outputHashes == written.hashes && Files.isDirectory(tx.folder), (try? Files.hashes(tx.folder)) == written.hashes {
                tx.discardPartial()
                return CloseOutcome(
                    kind: .unchanged, period: period, folder: tx.folder, summaryJSON: written.summary,
                    files: written.files, rejectedRows: result.tally.rejected.count)
            }
            do { try LedgerCare.keepPrevious(store) } catch { tx.discardPartial(); throw error }
            do { try store.updateOutputs(period: period, outputHashes: written.hashes, options: info.options) } catch let e as LedgerError {
                tx.discardPartial(); throw RunError.from(e)
            }
            if let w = tx.completeAfterCommit(store) { note(w) }
            return CloseOutcome(
                kind: .rewritten, period: period, folder: tx.folder, summaryJSON: written.summary,
                files: written.files, rejectedRows: result.tally.rejected.count)
        }

        do { try LedgerCare.keepPrevious(store) } catch { tx.discardPartial(); throw error }
        do { try store.record(result, info: info, replacing: reopening, legacyReplacedFigures: legacyReplaced) } catch let e as LedgerError {
            tx.discardPartial(); throw RunError.from(e)
        }
        if let w = tx.completeAfterCommit(store) { note(w) }
        return CloseOutcome(
            kind: reopening ? .reopened : .closed, period: period, folder: tx.folder, summaryJSON: written.summary,
            files: written.files, rejectedRows: result.tally.rejected.count)
    }
}
