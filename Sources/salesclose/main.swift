import ArgumentParser
import CloseRunner
import Demo
import Foundation
import SalesCore
#if canImport(Glibc)
import Glibc
#endif

_ = signal(SIGXFSZ, SIG_IGN) // a file-size limit becomes a write error (exit 4), not a kill

/// The thin CLI: arguments, progress, printing, exit codes in one place.
struct SalesClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesclose",
        abstract: "Closes a sales department's month: expense audit, advances, commission, pay inputs, reviews.",
        version: Runner.toolVersion,
        subcommands: [CloseCmd.self, CheckCmd.self, DemoCmd.self, PolicyCmd.self]
    )
}

func parsePeriod(_ s: String?) throws -> Period? {
    guard let s else { return nil }
    guard let p = Period(s) else { throw ValidationError("--period must be YYYY-MM, e.g. 2023-03 (got \"\(s)\")") }
    return p
}

let isTerminal = isatty(STDERR_FILENO) != 0
/// On a terminal each progress line replaces the last; otherwise plain lines, without the transient ones
/// (rows written so far). Stage times are kept for the closing line.
func progress(_ line: String) {
    let (s, transient) = ProgressText.split(line)
    stageClock.saw(s)
    if isTerminal { FileHandle.standardError.write(Data(("\r\u{1B}[K" + s).utf8)) }
    else if !transient { FileHandle.standardError.write(Data((s + "\n").utf8)) }
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
func endProgress() { if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }

struct CloseCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the month in --inputs, writing to --outputs.")
    @Option(help: "Folder with the month's CSV exports.") var inputs: String = "inputs"
    @Option(help: "Folder for the workbooks, the summary and the ledger.") var outputs: String = "outputs"
    @Option(help: "The month to close, YYYY-MM (default: the one month the sales rows fall in).") var period: String?
    @Option(help: "The ledger file (default OUTPUTS/ledger.sqlite).") var ledger: String?
    @Option(help: "Workbook language: zh (default) or en.") var lang: String = "zh"
    @Flag(help: "Reclose the latest closed period with new inputs.") var reopen = false
    @Flag(help: "Print close-summary.json to standard output.") var json = false

    func run() throws {
        guard let l = WorkbookLang(rawValue: lang) else { throw ValidationError("--lang must be zh or en (got \"\(lang)\")") }
        let p = try parsePeriod(period)
        try CloseRunnerMain.run {
            let o = try Runner.close(CloseOptions(inputs: inputs, outputs: outputs, period: p, ledger: ledger, lang: l, reopen: reopen),
                                     progress: progress, note: { endProgress(); FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
            endProgress()
            if let stages = stageClock.summary() { FileHandle.standardError.write(Data((stages + "\n").utf8)) }
            if json { print(o.summaryJSON, terminator: "") }
            let what: String
            switch o.kind {
            case .closed: what = "closed \(o.period)"
            case .reopened: what = "reopened and closed \(o.period) again"
            case .unchanged: what = "\(o.period) is already closed with these inputs; nothing changed"
            case .rewritten: what = "\(o.period) is already closed with these inputs; the files were written again for these options"
            }
            let regions = o.files.filter { $0.hasPrefix("regions/") }.count
            let main = o.files.filter { !$0.hasPrefix("regions/") }.joined(separator: ", ")
            let msg = "\(what): \(o.folder)/ holds \(main)\(regions > 0 ? " and \(regions) region workbooks in regions/" : ""); "
                + "\(o.rejectedRows) input rows rejected (listed in the finance workbook's rejected-rows sheet)\n"
            FileHandle.standardError.write(Data(msg.utf8))
        }
    }
}

struct CheckCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Read and validate the inputs; write nothing.")
    @Option var inputs: String = "inputs"
    @Option var outputs: String?
    @Option var period: String?
    @Option var ledger: String?
    func run() throws {
        let p = try parsePeriod(period)
        try CloseRunnerMain.run {
            let r = try Runner.check(inputs: inputs, outputs: outputs, period: p, ledger: ledger)
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
                FileHandle.standardError.write(Data("wrote \(files.count) files to \(dir)\n".utf8))
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
            let p = try inputs.map { try Runner.loadPolicy(inputs: $0) } ?? Runner.loadPolicy(inputs: "/nonexistent-\(UUID())")
            print(p.text, terminator: "")
        }
    }
}

enum CloseRunnerMain {
    static func run(_ body: () throws -> Void) throws {
        do { try body() }
        catch let e as RunError {
            endProgress()
            for l in e.lines { FileHandle.standardError.write(Data((l + "\n").utf8)) }
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
    FileHandle.standardError.write(Data((SalesClose.fullMessage(for: error) + "\n").utf8))
    exit(code == .validationFailure ? 1 : 4)
}
