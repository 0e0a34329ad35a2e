/// Why the ledger could not be read or written, or refuses a close.
public struct LedgerError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Not a SQLite database, not a SalesClose ledger, or a broken schema or value. Exit 2.
        case corrupt
        /// Written by a newer build: `found` > `supported`. Exit 2.
        case newerVersion(found: Int, supported: Int)
        /// The ledger refuses the close: a skipped month, an earlier period reopened,
        /// a reopen of a period never closed, a period closed twice. Exit 3.
        case order
        /// `createIfMissing: false` and there is no file at the path.
        case missing
        /// The file could not be created, opened, read or written (disk full, permissions…).
        case io
    }

    public var kind: Kind
    /// The ledger file.
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind; self.path = path; self.message = message
    }

    public var description: String { "ledger \(path): \(message)" }

    /// The exit status outputs.md gives this kind (2 corrupt or newer, 3 refused, 4 I/O).
    /// `.missing` has none of its own: 2 when a ledger was required.
    public var exitStatus: Int32 {
        switch kind {
        case .corrupt, .newerVersion, .missing: return 2
        case .order: return 3
        case .io: return 4
        }
    }
}
