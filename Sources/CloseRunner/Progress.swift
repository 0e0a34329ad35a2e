import Foundation
import Report

/// Progress lines the close hands the CLI. A *transient* line (rows written so far) is worth showing only on a
/// terminal, where the next line replaces it; the CLI drops it when its output is not a terminal and prints the
/// plain lines (a workbook done, a stage done) either way.
public enum ProgressText {
    static let mark: Character = "\u{1}"
    public static func transient(_ text: String) -> String { String(mark) + text }
    /// The text and whether it is transient.
    public static func split(_ line: String) -> (text: String, transient: Bool) {
        line.first == mark ? (String(line.dropFirst()), true) : (line, false)
    }
}

/// Adds up the rows of the workbooks written at once and reports "n of N" with the rate, at most every half
/// second (transient), and a plain line as each workbook is done.
final class WriteProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let report: (String) -> Void
    private let workbooks: Int
    private var done = 0
    private var planned = 0
    private var written = 0
    private let start = Date()
    private var lastReport = Date.distantPast

    init(workbooks: Int, report: @escaping (String) -> Void) {
        self.workbooks = workbooks
        self.report = report
    }

    /// The sink one workbook writes into.
    func rows() -> RowProgress {
        RowProgress(
            planned: { [self] n in locked { planned += n } },
            wrote: { [self] n in
                // Reported under the lock: the workbooks are written on several threads at once.
                locked {
                    written += n
                    let now = Date()
                    guard now.timeIntervalSince(lastReport) >= 0.5 else { return }
                    lastReport = now
                    report(ProgressText.transient(status()))
                }
            })
    }

    /// A workbook is written and verified.
    /// A plain line for the finance and management workbooks and at each quarter of the region workbooks;
    /// the others transient, so a log shows a few lines however many regions there are.
    func finished(_ file: String) {
        locked {
            done += 1
            let line = "wrote \(file) (\(done) of \(workbooks) workbooks)"
            let quarter = max(1, workbooks / 4)
            let plain = !file.hasPrefix("regions/") || done % quarter == 0 || done == workbooks
            report(plain ? line : ProgressText.transient(line))
        }
    }

    /// The closing line: every workbook, the rows and the time they took.
    func summary() -> String {
        locked {
            let seconds = Date().timeIntervalSince(start)
            return "wrote \(workbooks) workbooks, \(grouped(written)) rows in \(String(format: "%.1f", seconds)) s"
        }
    }

    private func status() -> String {
        let seconds = max(0.001, Date().timeIntervalSince(start))
        let rate = Int(Double(written) / seconds)
        return "writing workbooks: \(done) of \(workbooks) done, \(grouped(written)) of \(grouped(max(planned, written))) rows"
            + " (\(grouped(rate)) rows/s)"
    }

    private func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

    private func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
