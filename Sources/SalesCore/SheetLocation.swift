/// Where a row of a workbook sheet is (inputs.md "File kinds"): a sheet read as an input file is named
/// `workbook.xlsx:sheet` (that is its `file` in the summary, with the sheet's row number as its `line`), and a cell
/// is located as `workbook.xlsx:sheet!C7`, beside a CSV file's `file:line:column`.
public enum SheetLocation {
    public static func file(workbook: String, sheet: String) -> String { workbook + ":" + sheet }

    /// Whether `file` names a sheet of a workbook (`….xlsx:sheet` or `….xlsm:sheet`; sheet names hold no `:`).
    public static func isSheet(_ file: String) -> Bool {
        guard let colon = file.lastIndex(of: ":") else { return false }
        let book = file[..<colon].lowercased()
        return book.hasSuffix(".xlsx") || book.hasSuffix(".xlsm")
    }

    /// `workbook.xlsx:sheet!C7` for a sheet, `file:line:column` otherwise.
    public static func text(file: String, line: Int, column: Int) -> String {
        isSheet(file) ? "\(file)!\(columnLetters(max(1, column)))\(line)" : "\(file):\(line):\(column)"
    }

    /// 1 → A, 26 → Z, 27 → AA.
    public static func columnLetters(_ n: Int) -> String {
        var n = n
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(out)
    }
}
