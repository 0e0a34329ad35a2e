import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter

final class CellWritingTests: WorkbookTestCase {
    func testStringsIncludingChineseReadBackUnchanged() throws {
        let doc = try roundTrip { _, sheet in
            try sheet.writeString(0, 0, "销售一部")
            try sheet.writeString(0, 1, "  leading and trailing  ")
            try sheet.writeString(1, 0, "line one\nline two\ttab")
            try sheet.writeString(1, 1, "emoji 📈 and é")
        }
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A1"), .string("销售一部"))
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "B1"), .string("  leading and trailing  "))
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A2"), .string("line one\nline two\ttab"))
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "B2"), .string("emoji 📈 and é"))
    }

    func testNumbersKeepTheirValueAndNumberFormat() throws {
        let doc = try roundTrip { workbook, sheet in
            let money = try workbook.addFormat(CellFormat(numberFormat: "¥#,##0.00"))
            let percent = try workbook.addFormat(CellFormat(numberFormat: "0.0%"))
            try sheet.writeNumber(0, 0, 1234.5, money)
            try sheet.writeNumber(0, 1, 0.8512, percent)
            try sheet.writeNumber(0, 2, -0.1)
            try sheet.writeNumber(0, 3, 123_456_789.01)
        }
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "A1")?.number, 1234.5)
        XCTAssertEqual(try doc.numberFormat(sheet: "S", ref: "A1"), "¥#,##0.00")
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "B1")?.number, 0.8512)
        XCTAssertEqual(try doc.numberFormat(sheet: "S", ref: "B1"), "0.0%")
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "C1")?.number, -0.1)
        XCTAssertEqual(try doc.numberFormat(sheet: "S", ref: "C1"), "General")
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "D1")?.number, 123_456_789.01)
    }

    func testFormatsAreCachedPerSpec() throws {
        let workbook = try Workbook(path: path("cache.xlsx"))
        let a = try workbook.addFormat(CellFormat(numberFormat: "0.0%", bold: true))
        let b = try workbook.addFormat(CellFormat(numberFormat: "0.0%", bold: true))
        let c = try workbook.addFormat(CellFormat(numberFormat: "0.0%"))
        XCTAssertTrue(a === b)
        XCTAssertFalse(a === c)
        try workbook.close()
    }

    func testBoldAndFillReadBackFromTheStyle() throws {
        let doc = try roundTrip { workbook, sheet in
            let header = try workbook.addFormat(CellFormat(bold: true, bgColor: 0xDDEBF7, border: .thin))
            try sheet.writeString(0, 0, "Header", header)
        }
        let style = try XCTUnwrap(doc.style(at: XCTUnwrap(doc.cell(sheet: "S", ref: "A1")).styleIndex))
        XCTAssertTrue(style.bold)
        XCTAssertEqual(style.fillColor, "FFDDEBF7")
    }

    func testFormulaIsWrittenWithItsCachedValue() throws {
        let doc = try roundTrip { workbook, sheet in
            try sheet.writeNumber(0, 0, 2)
            try sheet.writeNumber(1, 0, 3.25)
            try sheet.writeFormula(
                2, 0, formula: "=SUM(A1:A2)", cachedValue: 5.25,
                try workbook.addFormat(CellFormat(numberFormat: "¥#,##0.00")))
            try sheet.writeFormula(3, 0, formula: "IF(A1>1,\"big\",\"small\")", cachedText: "big")
        }
        let total = try XCTUnwrap(doc.cell(sheet: "S", ref: "A3"))
        XCTAssertEqual(total.formula, "SUM(A1:A2)")
        XCTAssertEqual(total.value, .number(5.25))
        XCTAssertEqual(try doc.numberFormat(sheet: "S", ref: "A3"), "¥#,##0.00")
        let xml = try doc.text(part: "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<f>SUM(A1:A2)</f><v>5.25</v>"), xml)
        let text = try XCTUnwrap(doc.cell(sheet: "S", ref: "A4"))
        XCTAssertEqual(text.type, "str")
        XCTAssertEqual(text.value, .string("big"))
    }

    func testDatesAreNumbersWithADateFormat() throws {
        let doc = try roundTrip { workbook, sheet in
            try sheet.writeDate(0, 0, year: 2023, month: 3, day: 31)
            try sheet.writeDate(
                0, 1, CalendarDate(year: 2024, month: 2, day: 29),
                try workbook.addFormat(CellFormat(numberFormat: "yyyy年m月d日")))
        }
        // Excel serial of 2023-03-31 is 45016; 2024-02-29 is 45351.
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "A1")?.number, 45016)
        XCTAssertEqual(try doc.cell(sheet: "S", ref: "B1")?.number, 45351)
        let a1 = try XCTUnwrap(doc.numberFormat(sheet: "S", ref: "A1"))
        XCTAssertEqual(a1, "yyyy-mm-dd")
        XCTAssertTrue(XlsxDocument.isDateFormat(a1))
        XCTAssertTrue(XlsxDocument.isDateFormat(try XCTUnwrap(doc.numberFormat(sheet: "S", ref: "B1"))))
        XCTAssertFalse(XlsxDocument.isDateFormat("¥#,##0.00"))
    }

    func testInvalidDateThrows() throws {
        let workbook = try Workbook(path: path("d.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let error = xlsxError { try sheet.writeDate(0, 0, year: 2023, month: 2, day: 29) }
        XCTAssertEqual(error?.cell, "A1")
        XCTAssertTrue(error?.description.contains("not a valid date") ?? false)
    }

    func testTextThatLooksLikeAFormulaStaysText() throws {
        let doc = try roundTrip { _, sheet in
            try sheet.writeString(0, 0, "=1+1")
            try sheet.writeString(1, 0, "+86 138")
            try sheet.writeString(2, 0, "-5")
            try sheet.writeString(3, 0, "@SUM(A1)")
        }
        for (ref, text) in [("A1", "=1+1"), ("A2", "+86 138"), ("A3", "-5"), ("A4", "@SUM(A1)")] {
            let cell = try XCTUnwrap(doc.cell(sheet: "S", ref: ref))
            XCTAssertEqual(cell.value, .string(text))
            XCTAssertNil(cell.formula)
        }
        XCTAssertFalse(try doc.text(part: "xl/worksheets/sheet1.xml").contains("<f>"))
    }

    func testControlCharactersAreRemovedButTabAndLineFeedKept() throws {
        let doc = try roundTrip { _, sheet in
            try sheet.writeString(0, 0, "a\u{01}b\u{1F}c\td\ne\u{0}f")
            try sheet.writeString(1, 0, "crlf\r\nlone\rend")
        }
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A1"), .string("abc\td\nef"))
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A2"), .string("crlf\nlone\nend"))
        let shared = try doc.text(part: "xl/sharedStrings.xml")
        XCTAssertFalse(shared.contains("_x0001_"), "libxlsxwriter would have escaped the control character")
        XCTAssertEqual(Worksheet.removingControlCharacters("plain"), "plain")
    }

    func testLiteralExcelEscapeSequencesReadBackUnchanged() throws {
        for constantMemory in [false, true] {
            let doc = try roundTrip("esc-\(constantMemory).xlsx", options: WorkbookOptions(constantMemory: constantMemory)) { _, sheet in
                try sheet.writeString(0, 0, "_x0041_")
                try sheet.writeString(1, 0, "id_x00e9_end _x12_ _xZZZZ_")
            }
            XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A1"), .string("_x0041_"))
            XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A2"), .string("id_x00e9_end _x12_ _xZZZZ_"))
            let part = constantMemory ? "xl/worksheets/sheet1.xml" : "xl/sharedStrings.xml"
            let xml = try doc.text(part: part)
            XCTAssertTrue(xml.contains("_x005F_x0041_"), xml)
            XCTAssertTrue(xml.contains("id_x005F_x00e9_end _x12_ _xZZZZ_"), xml)
        }
    }

    func testNaNAndInfinityThrowNamingTheLimit() throws {
        let workbook = try Workbook(path: path("nan.xlsx"))
        let sheet = try workbook.addWorksheet(name: "Data")
        for value in [Double.nan, .infinity, -.infinity] {
            let error = try XCTUnwrap(xlsxError { try sheet.writeNumber(4, 2, value) })
            XCTAssertEqual(error.cell, "C5")
            XCTAssertEqual(error.sheet, "Data")
            XCTAssertTrue(error.description.contains("NaN/infinite"), error.description)
            XCTAssertTrue(error.description.contains(workbook.path))
        }
        XCTAssertNotNil(xlsxError { try sheet.writeFormula(0, 0, formula: "=1/0", cachedValue: .nan) })
    }

    func testStringOverTheCellLimitThrowsAndCutFitsIt() throws {
        let workbook = try Workbook(path: path("long.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let tooLong = String(repeating: "a", count: 32_768)
        let error = try XCTUnwrap(xlsxError { try sheet.writeString(0, 0, tooLong) })
        XCTAssertTrue(error.description.contains("32,767-character cell limit"), error.description)
        XCTAssertNoThrow(try sheet.writeString(0, 0, String(tooLong.dropLast())))

        let (cut, wasCut) = Worksheet.cutToCellLimit(tooLong)
        XCTAssertTrue(wasCut)
        XCTAssertEqual(cut.utf16.count, 32_767)
        XCTAssertEqual(Worksheet.cutToCellLimit("short").cut, false)
        try workbook.close()
    }

    func testCutNeverSplitsASurrogatePairOrGrapheme() {
        // 32,766 units, then an astral character (2 units): it cannot fit whole.
        let astral = String(repeating: "b", count: 32_766) + "😀" + "tail"
        let (cut1, flag1) = Worksheet.cutToCellLimit(astral)
        XCTAssertTrue(flag1)
        XCTAssertEqual(cut1.utf16.count, 32_766)
        XCTAssertEqual(cut1.last, "b")
        // "é" as e + combining acute: the combining mark must not be split off.
        let combining = String(repeating: "c", count: 32_766) + "e\u{301}" + "x"
        let (cut2, _) = Worksheet.cutToCellLimit(combining)
        XCTAssertEqual(cut2.utf16.count, 32_766)
        XCTAssertFalse(cut2.unicodeScalars.contains("\u{301}"))
    }

    func testCellsOutsideExcelsGridThrowClearErrors() throws {
        let workbook = try Workbook(path: path("grid.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let rowError = try XCTUnwrap(xlsxError { try sheet.writeNumber(1_048_576, 0, 1) })
        XCTAssertTrue(rowError.description.contains("row 1048577 past Excel's 1,048,576-row limit"), rowError.description)
        let colError = try XCTUnwrap(xlsxError { try sheet.writeString(0, 16_384, "x") })
        XCTAssertTrue(colError.description.contains("16,384-column limit"), colError.description)
        XCTAssertNotNil(xlsxError { try sheet.writeNumber(-1, 0, 1) })
        XCTAssertNoThrow(try sheet.writeNumber(1_048_575, 16_383, 1))
        XCTAssertNotNil(xlsxError { try sheet.autofilter(0, 0, 1_048_576, 1) })
    }

    func testUsingAClosedWorkbookOrAForeignFormatThrows() throws {
        let other = try Workbook(path: path("other.xlsx"))
        let foreign = try other.addFormat(CellFormat(bold: true))
        let workbook = try Workbook(path: path("closed.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let error = try XCTUnwrap(xlsxError { try sheet.writeString(0, 0, "x", foreign) })
        XCTAssertTrue(error.description.contains("another workbook"))
        try workbook.close()
        XCTAssertNotNil(xlsxError { try sheet.writeString(0, 0, "late") })
        XCTAssertNotNil(xlsxError { try workbook.close() })
        XCTAssertNotNil(xlsxError { _ = try workbook.addWorksheet(name: "T") })
    }

    func testBooleansBlanksAndMergedRanges() throws {
        let doc = try roundTrip { workbook, sheet in
            try sheet.writeBoolean(0, 0, true)
            try sheet.writeBlank(0, 1, try workbook.addFormat(CellFormat(bgColor: 0xFFFF00)))
            try sheet.mergeRange(firstRow: 2, firstCol: 0, lastRow: 2, lastCol: 3, "合并标题")
        }
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A1"), .boolean(true))
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "B1"), .empty)
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A3"), .string("合并标题"))
        XCTAssertEqual(try doc.sheet("S").mergedCells, ["A3:D3"])
    }

    func testDenseRowsAndFormulasHelpers() throws {
        let doc = try roundTrip { _, sheet in
            try sheet.writeString(0, 0, "a")
            try sheet.writeNumber(1, 2, 3)
            try sheet.writeFormula(2, 1, formula: "C2*2", cachedValue: 6)
        }
        let rows = try doc.rows(sheet: "S")
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0].count, 3)
        XCTAssertEqual(rows[0][0]?.text, "a")
        XCTAssertNil(rows[0][1])
        XCTAssertEqual(rows[1][2]?.number, 3)
        XCTAssertEqual(try doc.formulas(sheet: "S"), ["B3": "C2*2"])
    }
}
