extension Worksheet {
    /// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
    /// Negative columns give an empty string.
    public static func columnName(_ col: Int) -> String {
        guard col >= 0 else { return "" }
        var n = col + 1
        var letters: [Character] = []
        while n > 0 {
            let rem = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + rem))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The cell's A1 name, e.g. `cellName(row: 0, col: 0)` is `A1`;
    /// with `absolute`, `$A$1`.
    public static func cellName(row: Int, col: Int, absolute: Bool = false) -> String {
        let dollar = absolute ? "$" : ""
        return dollar + columnName(col) + dollar + String(row + 1)
    }

    /// A sheet name as it must appear in a formula: bare when it is a plain
    /// ASCII identifier that cannot be mistaken for a cell reference, else in
    /// apostrophes with inner apostrophes doubled (`'销售 汇总'`, `'O''Brien'`).
    public static func quoteSheetName(_ sheet: String) -> String {
        needsQuoting(sheet) ? "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'" : sheet
    }

    /// An absolute range reference with its sheet, for formulas and chart
    /// series: `rangeName(sheet: "Sheet1", firstRow: 1, firstCol: 0, lastRow: 9, lastCol: 0)`
    /// is `Sheet1!$A$2:$A$10`. A single cell gives `Sheet1!$A$2`.
    /// Prefix `=` yourself where a formula is expected.
    public static func rangeName(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) -> String {
        let first = cellName(row: firstRow, col: firstCol, absolute: true)
        let last = cellName(row: lastRow, col: lastCol, absolute: true)
        let area = (firstRow == lastRow && firstCol == lastCol) ? first : first + ":" + last
        return quoteSheetName(sheet) + "!" + area
    }

    /// A relative range without sheet, `A2:C10`.
    public static func localRangeName(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) -> String {
        cellName(row: firstRow, col: firstCol) + ":" + cellName(row: lastRow, col: lastCol)
    }

    private static func needsQuoting(_ sheet: String) -> Bool {
        guard let first = sheet.unicodeScalars.first else { return true }
        let isLetter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        guard isLetter(first) || first == "_" else { return true }
        guard sheet.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "_" || $0 == "." }) else { return true }
        // Names that read as A1 references (`A1`, `XFD1048576`) or R1C1
        // references (`R`, `C`, `R1C1`, `RC`) must be quoted.
        let upper = sheet.uppercased()
        let letters = upper.prefix(while: { $0.isLetter })
        let rest = upper.dropFirst(letters.count)
        if (1...3).contains(letters.count), !rest.isEmpty, rest.allSatisfy({ $0.isNumber }) { return true }
        if upper == "R" || upper == "C" { return true }
        if upper.first == "R" || upper.first == "C" {
            let r1c1 = upper.unicodeScalars.allSatisfy { isDigit($0) || $0 == "R" || $0 == "C" }
            if r1c1 { return true }
        }
        return false
    }
}
