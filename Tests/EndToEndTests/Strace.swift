import Foundation
import XCTest

/// Faults injected from outside the process with strace (no test hook in the tool): a kill −9 at the Nth call of a
/// syscall, or an error (ENOSPC, EIO) returned by it. The close runs with SALESCLOSE_SERIAL=1 so one thread makes
/// the calls, and strace's per-thread counters name the same call in a tracing run and in the faulted run.
enum Strace {
    static let path = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Skips the test when strace is missing or cannot trace here (no ptrace in the container).
    static func require() throws {
        guard let path else { throw XCTSkip("strace is not installed (.ci/run installs it)") }
        let r = try Harness.runExecutable(URL(fileURLWithPath: path), ["-qq", "-o", "/dev/null", "/bin/true"])
        try XCTSkipUnless(r.status == 0, "strace cannot trace here: \(r.stderr)")
    }

    static let serial = ["SALESCLOSE_SERIAL": "1"]

    /// One traced call of the main thread: its syscall, its ordinal among that syscall's calls, the line strace
    /// printed (with the paths of its file descriptors, `-y`).
    struct Step { var name: String; var ordinal: Int; var line: String }

    static let traced = "write,pwrite64,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat,rmdir,ftruncate,openat"

    /// Runs `args` under strace, logging the main thread's calls; returns them in order.
    static func trace(_ args: [String], env: [String: String] = [:]) throws -> (result: Harness.Result, steps: [Step]) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("strace-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let r = try Harness.runExecutable(
            URL(fileURLWithPath: path!),
            ["--seccomp-bpf", "-f", "-qq", "-y", "-o", log, "-e", "trace=" + traced, Harness.binary.path] + args,
            env: serial.merging(env) { $1 })
        let lines = (try String(contentsOfFile: log, encoding: .utf8)).split(separator: "\n").map(String.init)
        // Each line is "PID  call(…) = result", the pid padded with spaces.
        func split(_ line: String) -> (pid: Substring, call: Substring) {
            let pid = line.prefix { $0.isNumber }
            return (pid, line.dropFirst(pid.count).drop { $0 == " " })
        }
        guard let main = lines.first.map({ split($0).pid }) else { return (r, []) }
        var counts: [String: Int] = [:]
        var steps: [Step] = []
        for line in lines {
            let (pid, call) = split(line)
            guard pid == main, let paren = call.firstIndex(of: "("), call.first?.isLetter == true else { continue }
            let name = String(call[..<paren])
            counts[name, default: 0] += 1
            steps.append(Step(name: name, ordinal: counts[name]!, line: String(call)))
        }
        return (r, steps)
    }

    /// Runs `args` under strace with `inject` (e.g. `rename:error=EIO:when=3`); `only`: trace (and so inject) only
    /// calls that touch that path (`-P`).
    static func run(_ args: [String], trace name: String, inject: String, only: String? = nil, env: [String: String] = [:]) throws -> Harness.Result {
        var a = ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(name)", "-e", "inject=\(name):\(inject)"]
        if let only { a += ["-P", only] }
        return try Harness.runExecutable(URL(fileURLWithPath: path!), a + [Harness.binary.path] + args, env: serial.merging(env) { $1 })
    }

    /// The first step after `after` (a step matching it) that matches `where`.
    static func first(_ steps: [Step], after: ((Step) -> Bool)? = nil, where match: (Step) -> Bool) -> Step? {
        var i = 0
        if let after { guard let a = steps.firstIndex(where: after) else { return nil }; i = a + 1 }
        return steps[i...].first(where: match)
    }

    /// Copies a folder (to trace a close on a copy of the state a faulted run then starts from).
    static func copy(_ from: URL, to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        try FileManager.default.copyItem(at: from, to: to)
    }
}

extension Strace.Step {
    /// The summary, the last file of the temporary folder, is created: what follows is the commit phase.
    func createsSummary(_ period: String) -> Bool {
        name == "openat" && line.contains(".\(period).partial/close-summary.json") && line.contains("O_CREAT")
    }
    var isLedgerJournalWrite: Bool { (name == "pwrite64" || name == "write") && line.contains("ledger.sqlite-journal>") }
    func isSwapRename(_ period: String) -> Bool { name.hasPrefix("rename") && line.contains(".\(period).partial\"") }
}

extension Strace {
    /// A close of `inputs` into `out` with a fault at the step `pick` chooses among the calls a tracing run of the same
    /// close makes on a copy of `out` (in `scratch`). Returns the faulted run and the step.
    static func faultedClose(
        _ inputs: URL, _ out: URL, _ extra: [String] = [], scratch: URL, inject: String, fromThereOn: Bool = false,
        pick: ([Step]) -> Step?, file: StaticString = #filePath, line: UInt = #line
    ) throws -> (result: Harness.Result, step: Step) {
        let copy = scratch.appendingPathComponent("traced-outputs")
        try? FileManager.default.removeItem(at: copy)
        if FileManager.default.fileExists(atPath: out.path) { try Strace.copy(out, to: copy) }
        let (r, steps) = try trace(["close", "--inputs", inputs.path, "--outputs", copy.path] + extra)
        XCTAssertEqual(r.status, 0, "the tracing run: \(r.stderr)", file: file, line: line)
        try? FileManager.default.removeItem(at: copy)
        guard let step = pick(steps) else {
            throw SQLite.Failure(description: "no such step among the \(steps.count) calls of the tracing run")
        }
        let faulted = try run(
            ["close", "--inputs", inputs.path, "--outputs", out.path] + extra, trace: step.name,
            inject: inject + ":when=\(step.ordinal)" + (fromThereOn ? "+" : ""))
        return (faulted, step)
    }

    /// Picks the first step of the commit phase matching `match`.
    static func inCommit(_ period: String, _ match: @escaping (Step) -> Bool) -> ([Step]) -> Step? {
        { steps in first(steps, after: { $0.createsSummary(period) }, where: match) }
    }
}
