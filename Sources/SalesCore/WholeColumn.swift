/// One column of one input file and the rows on which its value failed to read (a value of the wrong type or
/// form), as the ingest counted them; `WholeColumnStop` decides whether that stops the close.
public struct ColumnFailures: Sendable, Hashable, Codable {
    /// The canonical column name.
    public var column: String
    /// The column as the file's header names it.
    public var header: String
    /// Rows on which the value did not read.
    public var failed: Int
    /// A few of the failing values, as written.
    public var samples: [String]
    /// The forms the column accepts.
    public var forms: String
    public init(column: String, header: String, failed: Int, samples: [String], forms: String) {
        self.column = column; self.header = header; self.failed = failed; self.samples = samples; self.forms = forms
    }
}

/// A column that fails on most rows of a file (inputs.md "Errors"): a format problem of the export, which stops the
/// close (exit 2) with one message, not row errors to list one by one.
public struct WholeColumnStop: Sendable, Hashable {
    public var file: String
    /// The file's rows (records after the header, blank ones included).
    public var rows: Int
    public var failure: ColumnFailures

    public init(file: String, rows: Int, failure: ColumnFailures) {
        self.file = file; self.rows = rows; self.failure = failure
    }

    /// Whether `failed` of `rows` is a whole column: more than `share` of the rows (strictly) and at least
    /// `Policy.wholeColumnStopMinimumRows`. A share of 100% or more never stops.
    public static func stops(failed: Int, rows: Int, share: Rate) -> Bool {
        guard failed >= Policy.wholeColumnStopMinimumRows, rows > 0 else { return false }
        return Int64(failed) * share.den > share.num * Int64(rows)
    }

    /// Every such column of the files, in file order and then in the order of the kind's columns.
    public static func find(_ files: [FileReport], policy: Policy) -> [WholeColumnStop] {
        var out: [WholeColumnStop] = []
        for f in files {
            for c in f.columnFailures where stops(failed: c.failed, rows: f.rows, share: policy.wholeColumnStop) {
                out.append(WholeColumnStop(file: f.file, rows: f.rows, failure: c))
            }
        }
        return out
    }

    /// `file: error: …`, naming the column as the file's header names it and canonically, with a sample and the forms.
    public var message: String {
        let c = failure
        let name = c.header.isEmpty || c.header == c.column ? c.column : "\(c.header) (\(c.column))"
        let sample = c.samples.map { "\"\($0)\"" }.joined(separator: ", ")
        return "\(file): error: the column \(name) fails on \(c.failed) of the file's \(rows) rows, so the close stops: "
            + "a format problem of the export, not rows to reject one by one; it holds values such as \(sample); "
            + "accepted: \(c.forms); export the column again in an accepted form (nothing was written)"
    }
}
