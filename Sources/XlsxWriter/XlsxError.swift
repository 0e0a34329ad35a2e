import CXlsxWriter

/// An error from writing or checking an XLSX workbook.
///
/// Carries where it happened (operation, file, sheet, cell) and why: either
/// libxlsxwriter's own error code and text, or the Excel limit that one of our
/// own checks protects. Never carries secrets (a sheet-protection password is
/// never part of an error).
public struct XlsxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Why the operation failed.
    public enum Reason: Equatable, Sendable {
        /// libxlsxwriter returned an `lxw_error`: its numeric code and `lxw_strerror` text.
        case library(code: Int, message: String)
        /// One of our checks refused a value that Excel cannot hold; the text names the limit.
        case excelLimit(String)
        /// A caller mistake that is not an Excel limit (use after close, foreign format…).
        case invalidUse(String)
        /// The operating system refused a file operation (errno text).
        case system(String)
        /// The written file is not a well-formed ZIP container.
        case corruptFile(String)
    }

    /// What was being done, e.g. `"write string"`, `"close workbook"`.
    public let operation: String
    /// The workbook's file path.
    public let path: String
    /// The worksheet's name, when the operation concerns one sheet.
    public let sheet: String?
    /// The cell in A1 form, when the operation concerns one cell.
    public let cell: String?
    /// Why it failed.
    public let reason: Reason

    public init(operation: String, path: String, sheet: String? = nil, cell: String? = nil, reason: Reason) {
        self.operation = operation
        self.path = path
        self.sheet = sheet
        self.cell = cell
        self.reason = reason
    }

    /// libxlsxwriter's error code, when the error came from the library.
    public var libraryCode: Int? {
        if case .library(let code, _) = reason { return code }
        return nil
    }

    public var description: String {
        var place = "'\(path)'"
        if let sheet { place += ", sheet '\(sheet)'" }
        if let cell { place += ", cell \(cell)" }
        let why: String
        switch reason {
        case .library(let code, let message): why = "libxlsxwriter error \(code): \(message)"
        case .excelLimit(let text): why = text
        case .invalidUse(let text): why = text
        case .system(let text): why = text
        case .corruptFile(let text): why = "not a valid XLSX/ZIP file: \(text)"
        }
        return "xlsx: \(operation) failed (\(place)): \(why)"
    }
}

/// Where a C call happens, for building an `XlsxError`.
struct ErrorContext {
    let path: String
    var sheet: String? = nil
    /// The cell as written in an error; a single cell's A1 name is only made when an error needs it
    /// (writing a million cells must not build a million names).
    var cell: String? {
        get { name ?? at.map { Worksheet.cellName(row: $0.row, col: $0.col) } }
        set { name = newValue; at = nil }
    }
    private var name: String? = nil
    var at: (row: Int, col: Int)? = nil

    init(path: String, sheet: String? = nil, cell: String? = nil) {
        self.path = path; self.sheet = sheet; self.name = cell
    }

    func error(_ operation: String, _ reason: XlsxError.Reason) -> XlsxError {
        XlsxError(operation: operation, path: path, sheet: sheet, cell: cell, reason: reason)
    }

    func limit(_ operation: String, _ text: String) -> XlsxError {
        error(operation, .excelLimit(text))
    }

    /// The one place an `lxw_error` becomes a Swift error: every C call that
    /// returns an `lxw_error` goes through here.
    func check(_ code: lxw_error, _ operation: String) throws {
        guard code != LXW_NO_ERROR else { return }
        let message = lxw_strerror(code).map { String(cString: $0) } ?? "unknown error"
        throw error(operation, .library(code: Int(code.rawValue), message: message))
    }
}
