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

    public init(lang: Lang = .zh, company: String = ReportOptions.defaultCompany, sheetPassword: String? = nil,
                constantMemory: Bool = true, maxRowsPerSheet: Int = Worksheet.maxRows) {
        self.lang = lang; self.company = company; self.sheetPassword = sheetPassword
        self.constantMemory = constantMemory; self.maxRowsPerSheet = maxRowsPerSheet
    }
}

extension ReportOptions: CustomStringConvertible {
    /// Never shows the password.
    public var description: String {
        "ReportOptions(lang: \(lang), company: \(company), sheetPassword: \(sheetPassword == nil ? "none" : "set"), constantMemory: \(constantMemory))"
    }
}
