import ArgumentParser
import CloseRunner
import Demo
import Foundation
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

_ = signal(SIGXFSZ, SIG_IGN)  // a file-size limit becomes a write error (exit 4), not a kill

/// The thin CLI: arguments, progress, printing, exit codes in one place.
struct SalesClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesclose",
        abstract: "Closes a sales department's month: expense audit, advances, commission, pay inputs, reviews.",
        version: Runner.toolVersion,
        subcommands: [CloseCmd.self, CheckCmd.self, DemoCmd.self, PolicyCmd.self, LedgerCmd.self]
    )
}

/// `--lang`, which also sets the language of the messages.
func parseLanguage(_ s: String) throws -> Language {
    guard let l = Language(rawValue: s) else { throw ValidationError("--lang must be zh or en (got \"\(s)\")") }
    messageLanguage = l
    return l
}

func parsePeriod(_ s: String?) throws -> Period? {
    guard let s else { return nil }
    guard let p = Period(s) else { throw ValidationError("--period must be YYYY-MM, e.g. 2023-03 (got \"\(s)\")") }
    return p
}

/// Writes to standard error, never failing: a full disk under a redirected stderr must not crash the close
/// (Foundation's FileHandle.write traps on a write error).
func stderrText(_ s: String) {
    var bytes = Array(s.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        bytes = bytes.dropFirst(n)
    }
}
func stderrLine(_ s: String, newline: Bool = true) { stderrText(newline ? s + "\n" : s) }

/// The language of the messages (`--lang` of check and close; Chinese by default, like the workbooks).
nonisolated(unsafe) var messageLanguage: Language = .zh
/// A message line in the language of the run.
func say(_ line: String) -> String { MessageText.line(line, messageLanguage) }
/// Every line of `text` in the language of the run.
func sayLines(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).map { say(String($0)) }.joined(separator: "\n") }

let isTerminal = isatty(STDERR_FILENO) != 0
/// On a terminal each progress line replaces the last; otherwise plain lines, without the transient ones
/// (rows written so far). Stage times are kept for the closing line.
func progress(_ line: String) {
    let (s, transient) = ProgressText.split(line)
    stageClock.saw(s)
    if isTerminal { stderrText("\r\u{1B}[K" + say(s)) } else if !transient { stderrText(say(s) + "\n") }
}

/// When each stage of a close began (read, rules, workbooks), from its progress lines, for "stages: …" at the end.
final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var marks: [(stage: String, at: Date)] = []
    private let start = Date()

    static func stage(of line: String) -> String? {
        if line.hasPrefix("read ") { return "read" }
        if line.hasPrefix("rules") { return "rules" }
        if line.hasPrefix("writing workbooks") || line.hasPrefix("wrote ") { return "workbooks" }
        return nil
    }

    func saw(_ line: String) {
        guard let stage = Self.stage(of: line) else { return }
        lock.lock(); defer { lock.unlock() }
        // The first stage began with the command (its lines come once the files are read); each later one with its
        // first line.
        if marks.last?.stage != stage, !marks.contains(where: { $0.stage == stage }) { marks.append((stage, marks.isEmpty ? start : Date())) }
    }

    /// "stages: read 1.2 s, rules 0.8 s, workbooks 21.4 s; total 23.6 s".
    func summary() -> String? {
        lock.lock(); defer { lock.unlock() }
        guard !marks.isEmpty else { return nil }
        let end = Date()
        var parts: [String] = []
        for (i, m) in marks.enumerated() {
            let next = i + 1 < marks.count ? marks[i + 1].at : end
            parts.append("\(m.stage) \(String(format: "%.1f", next.timeIntervalSince(m.at))) s")
        }
        return "stages: " + parts.joined(separator: ", ") + "; total \(String(format: "%.1f", end.timeIntervalSince(start))) s"
    }
}
let stageClock = StageClock()
func endProgress() { if isTerminal { stderrText("\r\u{1B}[K") } }

struct CloseCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the month in --inputs, writing to --outputs.")
    @Option(help: "Folder with the month's CSV exports.") var inputs: String = "inputs"
    @Option(help: "Folder for the workbooks, the summary and the ledger.") var outputs: String = "outputs"
    @Option(help: "The month to close, YYYY-MM (default: the one month the sales rows fall in).") var period: String?
    @Option(help: "The ledger file (default OUTPUTS/ledger.sqlite).") var ledger: String?
    @Option(help: "Language of the workbooks and the messages: zh (default) or en.") var lang: String = "zh"
    @Flag(help: "Reclose the latest closed period with new inputs.") var reopen = false
    @Flag(help: "Print close-summary.json to standard output.") var json = false

    func run() throws {
        let l = try parseLanguage(lang)
        let p = try parsePeriod(period)
        try CloseRunnerMain.run {
            let o = try Runner.close(
                CloseOptions(inputs: inputs, outputs: outputs, period: p, ledger: ledger, lang: l, reopen: reopen),
                progress: progress,
                note: {
                    endProgress(); stderrText(say($0) + "\n")
                })
            endProgress()
            if let stages = stageClock.summary() { stderrText(say(stages) + "\n") }
            if json { print(o.summaryJSON, terminator: "") }
            stderrText(Self.outcome(o, l) + "\n")
        }
    }

    /// The last line of a close, in the language of the run.
    static func outcome(_ o: CloseOutcome, _ lang: Language) -> String {
        let regions = o.files.filter { $0.hasPrefix("regions/") }.count
        let main = o.files.filter { !$0.hasPrefix("regions/") }
        switch lang {
        case .en:
            let what: String
            switch o.kind {
            case .closed: what = "closed \(o.period)"
            case .reopened: what = "reopened and closed \(o.period) again"
            case .unchanged: what = "\(o.period) is already closed with these inputs; nothing changed"
            case .rewritten: what = "\(o.period) is already closed with these inputs; the files were written again for these options"
            }
            return "\(what): \(o.folder)/ holds \(main.joined(separator: ", "))\(regions > 0 ? " and \(regions) region workbooks in regions/" : ""); "
                + "\(o.rejectedRows) input rows rejected (listed in the finance workbook's rejected-rows sheet)"
        case .zh:
            let what: String
            switch o.kind {
            case .closed: what = "\(o.period) 已结账"
            case .reopened: what = "\(o.period) 已重开并重新结账"
            case .unchanged: what = "\(o.period) 已用这些输入结过账，没有任何改动"
            case .rewritten: what = "\(o.period) 已用这些输入结过账；按本次选项重新写出了文件"
            }
            return "\(what)：\(o.folder)/ 中有 \(main.joined(separator: "、"))\(regions > 0 ? "，以及 regions/ 中的 \(regions) 个区域工作簿" : "")；"
                + "退回输入行 \(o.rejectedRows) 行（列在财务工作簿的“退回行”表中）"
        }
    }
}

struct CheckCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Read and validate the inputs; write nothing.")
    @Option var inputs: String = "inputs"
    @Option var outputs: String?
    @Option var period: String?
    @Option var ledger: String?
    @Option(help: "Language of the messages: zh (default) or en.") var lang: String = "zh"
    func run() throws {
        let l = try parseLanguage(lang)
        let p = try parsePeriod(period)
        try CloseRunnerMain.run {
            let r = try Runner.check(inputs: inputs, outputs: outputs, period: p, ledger: ledger, lang: l)
            print(r.report, terminator: "")
            if let stop = r.stop { throw stop }
        }
    }
}

struct DemoCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Write a realistic, deterministic demo data set.")
    @Argument(help: "Folder to write into.") var dir: String
    @Option(help: "Headcount as a share of company A's (1.0 = 3 heads, 20 regional managers, 97 reps).") var scale: Double = 1.0
    @Option(help: "Employees (overrides --scale with the nearest headcount).") var employees: Int?
    @Option(help: "Months, e.g. 2023-03 or 2023-01,2023-02,2023-03 (several: one sub-folder each).") var months: String = "2023-03"
    @Option(help: "Order lines per month (default: realistic).") var orderLines: Int?
    @Flag(help: "Leave out the deliberate mistakes.") var clean = false
    func run() throws {
        let ps = try months.split(separator: ",").map { s -> Period in
            guard let p = Period(String(s)) else { throw ValidationError("--months takes YYYY-MM[,YYYY-MM…] (got \"\(s)\")") }
            return p
        }
        var o = DemoOptions()
        o.periods = ps
        o.employeesScale = employees.map { Double($0) / 125.0 } ?? scale
        o.orderLinesPerMonth = orderLines
        o.withMistakes = !clean
        try CloseRunnerMain.run {
            do {
                let files = try DemoWriter.write(to: dir, options: o)
                stderrText("wrote \(files.count) files to \(dir)\n")
            } catch let e as RunError { throw e } catch {
                throw RunError(.writeFailed, "error: writing the demo failed: \(error)")
            }
        }
    }
}

struct PolicyCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Print the effective policy as TOML.")
    @Option(help: "Folder whose policy.toml to apply over the defaults.") var inputs: String?
    func run() throws {
        try CloseRunnerMain.run {
            let p = try Runner.loadPolicy(inputs: inputs)
            print(p.text, terminator: "")
        }
    }
}

struct LedgerCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Check the ledger against the period folders, or put back the copy kept before the last commit.",
        subcommands: [LedgerVerifyCmd.self, LedgerRestoreCmd.self])
}

/// What both ledger commands take.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The outputs folder.") var outputs: String = "outputs"
    @Option(help: "The ledger file (default OUTPUTS/ledger.sqlite).") var ledger: String?
    @Option(help: "Language of the messages: zh (default) or en.") var lang: String = "zh"
}

struct LedgerVerifyCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the ledger against the period folders' summaries and SHA-256s; exit 0 when all agree, 3 when something disagrees.")
    @OptionGroup var options: LedgerOptions
    func run() throws {
        _ = try parseLanguage(options.lang)
        let outputs = options.outputs, ledger = options.ledger
        try CloseRunnerMain.run {
            let r = try LedgerCare.verify(outputs: outputs, ledger: ledger)
            print(sayLines(r.report), terminator: "")
            if r.disagreements > 0 {
                throw RunError(.ledgerRefused, "error: \(r.disagreements) disagreement\(r.disagreements == 1 ? "" : "s") between the ledger and \(outputs)")
            }
        }
    }
}

struct LedgerRestoreCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put back the copy of the ledger kept before the last commit (exit 0 done, 3 nothing to restore).")
    @OptionGroup var options: LedgerOptions
    func run() throws {
        _ = try parseLanguage(options.lang)
        let outputs = options.outputs, ledger = options.ledger
        try CloseRunnerMain.run {
            stderrText(sayLines(try LedgerCare.restore(outputs: outputs, ledger: ledger)))
        }
    }
}

enum CloseRunnerMain {
    static func run(_ body: () throws -> Void) throws {
        do { try body() } catch let e as RunError {
            endProgress()
            for l in e.lines { stderrText(say(l) + "\n") }
            throw ExitCode(e.status.rawValue)
        }
    }
}

/// Exit statuses in one place: 0 closed, 1 wrong usage, 2–5 as RunError says (outputs.md).
do {
    var command = try SalesClose.parseAsRoot()
    try command.run()
    exit(0)
} catch let e as ExitCode {
    exit(e.rawValue)
} catch {
    let code = SalesClose.exitCode(for: error)
    if code == .success {
        print(SalesClose.fullMessage(for: error))
        exit(0)
    }
    stderrText(SalesClose.fullMessage(for: error) + "\n")
    exit(code == .validationFailure ? 1 : 4)
}
