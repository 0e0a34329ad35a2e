import SalesCore
import Ledger

/// Exit statuses, one meaning each (outputs.md).
public enum ExitStatus: Int32, Sendable {
    case closed = 0
    case usage = 1
    case input = 2
    case ledgerRefused = 3
    case writeFailed = 4
    case busy = 5
}

/// An error the CLI prints and exits with. `lines` are printed one per line (`file:line:column: error: …`).
public struct RunError: Error, CustomStringConvertible, Sendable {
    public var status: ExitStatus
    public var lines: [String]
    public init(_ status: ExitStatus, _ lines: [String]) { self.status = status; self.lines = lines }
    public init(_ status: ExitStatus, _ line: String) { self.init(status, [line]) }
    public var description: String { lines.joined(separator: "\n") }

    static func from(_ e: FileError) -> RunError { RunError(.input, e.description) }
    static func from(_ e: LedgerError) -> RunError {
        let status: ExitStatus
        switch e.kind {
        case .order: status = .ledgerRefused
        case .io: status = .writeFailed
        case .corrupt, .newerVersion, .missing: status = .input
        }
        return RunError(status, "error: " + e.description)
    }
}
