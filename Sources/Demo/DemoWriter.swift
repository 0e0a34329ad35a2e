import Foundation
import SalesCore

/// `salesclose demo DIR`: a deterministic, realistic inputs folder for company A of the text.
public enum DemoWriter {
    /// Writes one inputs folder (one period) into `directory`, or, with several periods, one sub-folder per
    /// period named YYYY-MM, each a complete inputs folder (roster and targets included; the roster the same
    /// in every month). Returns the paths of the files written, in the order written.
    public static func write(to directory: String, options: DemoOptions) throws -> [String] {
        guard !options.periods.isEmpty else { throw DemoError.noPeriods }
        guard options.employeesScale > 0, options.employeesScale <= 100 else { throw DemoError.badScale(options.employeesScale) }
        if let n = options.orderLinesPerMonth, n < 10 { throw DemoError.badLineCount(n) }
        let periods = Array(Set(options.periods)).sorted()
        var opts = options
        opts.periods = periods
        let company = Company(options: opts)
        let schedules = Schedules(company: company, seed: opts.seed)
        var written: [String] = []
        try makeDirectory(directory)
        for (k, p) in periods.enumerated() {
            let dir = periods.count == 1 ? directory : (directory.hasSuffix("/") ? directory : directory + "/") + p.description
            try makeDirectory(dir)
            var w = PeriodWriter(period: p, number: k, company: company, schedules: schedules, options: opts, directory: dir)
            written += try w.writeAll()
        }
        return written
    }

    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DemoError.cannotWrite(path)
        }
    }
}
