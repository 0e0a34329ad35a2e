import XlsxWriter

/// Options every workbook of the close shares.
public struct ReportOptions: Sendable, Equatable {
    /// The demo company of the text.
    public static let defaultCompany = "A公司"

    public var lang: Lang
    /// The company in the document properties.
    public var company: String
    /// From `SALESCLOSE_SHEET_PASSWORD`: protects every sheet of the finance workbook. Never logged.
    public var sheetPassword: String?
    /// libxlsxwriter's constant-memory mode (rows are always written in order).
    public var constantMemory: Bool
    /// Rows per sheet before a detail table continues on another sheet; Excel's limit by default.
    public var maxRowsPerSheet: Int
    /// Told the rows a workbook will have once planned, and the rows as they are written.
    public var progress: RowProgress?

    public init(
        lang: Lang = .zh, company: String = ReportOptions.defaultCompany, sheetPassword: String? = nil,
        constantMemory: Bool = true, maxRowsPerSheet: Int = Worksheet.maxRows, progress: RowProgress? = nil
    ) {
        self.lang = lang; self.company = company; self.sheetPassword = sheetPassword
        self.constantMemory = constantMemory; self.maxRowsPerSheet = maxRowsPerSheet; self.progress = progress
    }
}

/// Progress of a workbook being written: the rows it will have, once planned, then the rows written, in steps of
/// `every` rows and at each sheet's end. Called from the thread writing the workbook; the receiver adds up.
public final class RowProgress: Sendable, Equatable {
    public let every: Int
    public let planned: @Sendable (Int) -> Void
    public let wrote: @Sendable (Int) -> Void

    public init(every: Int = 10_000, planned: @escaping @Sendable (Int) -> Void, wrote: @escaping @Sendable (Int) -> Void) {
        self.every = max(1, every); self.planned = planned; self.wrote = wrote
    }

    public static func == (a: RowProgress, b: RowProgress) -> Bool { a === b }
}

extension ReportOptions: CustomStringConvertible {
    /// Never shows the password.
    public var description: String {
        "ReportOptions(lang: \(lang), company: \(company), sheetPassword: \(sheetPassword == nil ? "none" : "set"), constantMemory: \(constantMemory))"
    }
}
