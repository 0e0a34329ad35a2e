import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter

final class SheetLayoutTests: WorkbookTestCase {
    func testHeaderRowFrozenAndAutofilterPresent() throws {
        let doc = try roundTrip { _, sheet in
            for col in 0..<4 { try sheet.writeString(0, col, "H\(col)") }
            for row in 1...9 { try sheet.writeNumber(row, 0, Double(row)) }
            try sheet.freezePanes(1, 0)
            try sheet.autofilter(0, 0, 9, 3)
        }
        let sheet = try doc.sheet("S")
        XCTAssertEqual(sheet.pane, Pane(xSplit: 0, ySplit: 1, topLeftCell: "A2", state: "frozen"))
        XCTAssertEqual(sheet.autofilter, "A1:D10")
        XCTAssertTrue(
            doc.definedNames.contains { $0.name == "_xlnm._FilterDatabase" && $0.value == "S!$A$1:$D$10" },
            "\(doc.definedNames)")
    }

    func testConditionalFormatsAreWrittenWithTheirRulesAndFills() throws {
        let doc = try roundTrip { workbook, sheet in
            for row in 1...5 { try sheet.writeNumber(row, 2, Double(row) / 5) }
            let red = try workbook.addFormat(CellFormat(fontColor: 0x9C0006, bgColor: 0xFFC7CE))
            let green = try workbook.addFormat(CellFormat(fontColor: 0x006100, bgColor: 0xC6EFCE))
            try sheet.conditionalFormat(1, 2, 5, 2, rule: .cell(.lessThan, 0.8), format: red)
            try sheet.conditionalFormat(1, 2, 5, 2, rule: .cell(.greaterThanOrEqual, 1), format: green)
            try sheet.conditionalFormat(1, 0, 5, 3, rule: .formula("=$C2<0.8"), format: red)
            try sheet.conditionalFormat(1, 2, 5, 2, rule: .between(0.8, 0.99), format: green)
        }
        let formats = try doc.sheet("S").conditionalFormats
        XCTAssertEqual(Set(formats.map(\.range)), ["C2:C6", "A2:D6"])
        let column = try XCTUnwrap(formats.first { $0.range == "C2:C6" })
        let rows = try XCTUnwrap(formats.first { $0.range == "A2:D6" })
        XCTAssertEqual(column.rules.map(\.type), ["cellIs", "cellIs", "cellIs"])
        guard column.rules.count == 3 else { return }
        XCTAssertEqual(column.rules.map(\.operator), ["lessThan", "greaterThanOrEqual", "between"])
        XCTAssertEqual(column.rules.map(\.formulas), [["0.8"], ["1"], ["0.8", "0.99"]])
        let rowRule = try XCTUnwrap(rows.rules.first)
        XCTAssertEqual(rowRule.type, "expression")
        XCTAssertEqual(rowRule.formulas, ["$C2<0.8"])
        func fill(_ rule: XlsxReader.ConditionalRule) -> String? {
            guard let id = rule.dxfId, doc.differentialFormats.indices.contains(id) else { return nil }
            return doc.differentialFormats[id].fillColor
        }
        let lowFill = fill(column.rules[0])
        let highFill = fill(column.rules[1])
        XCTAssertEqual(lowFill, "FFFFC7CE")
        XCTAssertEqual(highFill, "FFC6EFCE")
        XCTAssertEqual(rowRule.dxfId, column.rules[0].dxfId, "the same format is one dxf")
    }

    func testConditionalFormatRejectsNonFiniteBounds() throws {
        let workbook = try Workbook(path: path("cf.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let red = try workbook.addFormat(CellFormat(bgColor: 0xFF0000))
        XCTAssertNotNil(xlsxError { try sheet.conditionalFormat(0, 0, 1, 1, rule: .cell(.lessThan, .nan), format: red) })
        XCTAssertNotNil(xlsxError { try sheet.conditionalFormat(0, 0, 1, 1, rule: .formula(""), format: red) })
    }

    func testColumnWidthsAndRowHeights() throws {
        let doc = try roundTrip { workbook, sheet in
            try sheet.setColumn(0, 0, width: 20)
            try sheet.setColumn(
                1, 3, width: Worksheet.displayWidth("销售一部合计") + 2,
                format: try workbook.addFormat(CellFormat(numberFormat: "¥#,##0.00")))
            try sheet.setRow(0, height: 30)
        }
        let columns = try doc.sheet("S").columns
        XCTAssertEqual(columns.map(\.min), [1, 2])
        XCTAssertEqual(columns.map(\.max), [1, 4])
        let widths = columns.compactMap(\.width)
        XCTAssertEqual(widths.count, 2)
        XCTAssertEqual(widths[0], 20.7109375, accuracy: 0.01)  // Excel stores width plus padding
        XCTAssertEqual(widths[1], 14.7109375, accuracy: 0.01)
        let workbook = try Workbook(path: path("w.xlsx"))
        let wide = try workbook.addWorksheet(name: "S")
        let error = try XCTUnwrap(xlsxError { try wide.setColumn(0, 0, width: 300) })
        XCTAssertTrue(error.description.contains("0–255"), error.description)
    }

    func testDisplayWidthCountsWideCharactersDouble() {
        XCTAssertEqual(Worksheet.displayWidth("abc"), 3)
        XCTAssertEqual(Worksheet.displayWidth("销售"), 4)
        XCTAssertEqual(Worksheet.displayWidth("ＡＢ"), 4)  // full-width Latin
        XCTAssertEqual(Worksheet.displayWidth("e\u{301}"), 1)
        XCTAssertEqual(Worksheet.displayWidth("短\n很长的一行"), 10)
        XCTAssertEqual(Worksheet.displayWidth(""), 0)
    }

    func testPrintSetupLandscapeFitToOnePageWideWithRepeatedHeader() throws {
        let doc = try roundTrip { _, sheet in
            try sheet.writeString(0, 0, "header")
            try sheet.setLandscape()
            try sheet.fitToPages(width: 1, height: 0)
            try sheet.repeatRows(0, 0)
            try sheet.setPaper(9)
            try sheet.setHeader("&C销售月结")
            try sheet.setFooter("&C&P / &N")
        }
        let sheet = try doc.sheet("S")
        XCTAssertEqual(sheet.pageSetup["orientation"], "landscape")
        XCTAssertEqual(sheet.pageSetup["fitToWidth"], nil, "1 is Excel's default and is omitted")
        XCTAssertEqual(sheet.pageSetup["fitToHeight"], "0")
        XCTAssertEqual(sheet.pageSetup["paperSize"], "9")
        XCTAssertTrue(sheet.fitToPage)
        XCTAssertTrue(
            doc.definedNames.contains { $0.name == "_xlnm.Print_Titles" && $0.value == "S!$1:$1" },
            "\(doc.definedNames)")
        let xml = try doc.text(part: sheet.part)
        XCTAssertTrue(xml.contains("<oddHeader>&amp;C销售月结</oddHeader>"), xml)
    }

    func testProtectionStoresOnlyThePasswordHash() throws {
        let secret = "s3cret-Pässword"
        let doc = try roundTrip { _, sheet in
            try sheet.writeNumber(0, 0, 1)
            try sheet.protect(password: secret)
        }
        let sheet = try doc.sheet("S")
        XCTAssertTrue(sheet.isProtected)
        let hash = try XCTUnwrap(sheet.protectionPasswordHash)
        XCTAssertEqual(hash.count, 4)
        for part in doc.partNames {
            XCTAssertFalse(try doc.text(part: part).contains(secret), "password leaked into \(part)")
        }
        let unprotected = try roundTrip("open.xlsx") { _, sheet in try sheet.protect(password: nil) }
        XCTAssertTrue(try unprotected.sheet("S").isProtected)
        XCTAssertNil(try unprotected.sheet("S").protectionPasswordHash)
    }

    func testNamesAndRangesAreQuotedWhenNeeded() {
        XCTAssertEqual(Worksheet.cellName(row: 0, col: 0), "A1")
        XCTAssertEqual(Worksheet.cellName(row: 9, col: 27), "AB10")
        XCTAssertEqual(Worksheet.cellName(row: 1_048_575, col: 16_383, absolute: true), "$XFD$1048576")
        XCTAssertEqual(Worksheet.columnName(25), "Z")
        XCTAssertEqual(Worksheet.columnName(26), "AA")
        XCTAssertEqual(Worksheet.columnName(701), "ZZ")
        XCTAssertEqual(Worksheet.columnName(702), "AAA")
        XCTAssertEqual(Worksheet.rangeName(sheet: "Sheet1", firstRow: 1, firstCol: 0, lastRow: 9, lastCol: 0), "Sheet1!$A$2:$A$10")
        XCTAssertEqual(Worksheet.rangeName(sheet: "销售 汇总", firstRow: 1, firstCol: 0, lastRow: 9, lastCol: 0), "'销售 汇总'!$A$2:$A$10")
        XCTAssertEqual(Worksheet.rangeName(sheet: "汇总", firstRow: 0, firstCol: 1, lastRow: 0, lastCol: 1), "'汇总'!$B$1")
        XCTAssertEqual(Worksheet.quoteSheetName("O'Brien"), "'O''Brien'")
        XCTAssertEqual(Worksheet.quoteSheetName("A1"), "'A1'")
        XCTAssertEqual(Worksheet.quoteSheetName("R1C1"), "'R1C1'")
        XCTAssertEqual(Worksheet.quoteSheetName("2023"), "'2023'")
        XCTAssertEqual(Worksheet.quoteSheetName("Sales_2023"), "Sales_2023")
        XCTAssertEqual(Worksheet.localRangeName(firstRow: 1, firstCol: 0, lastRow: 4, lastCol: 2), "A2:C5")
    }

    func testDefinedNamesAndTabColor() throws {
        let doc = try roundTrip { workbook, sheet in
            try sheet.writeNumber(0, 0, 1)
            try sheet.setTabColor(0xFF0000)
            try sheet.hideGridlines()
            try workbook.defineName("Total", formula: "=S!$A$1")
        }
        XCTAssertTrue(doc.definedNames.contains(DefinedName(name: "Total", localSheetId: nil, value: "S!$A$1")))
        let xml = try doc.text(part: try doc.sheet("S").part)
        XCTAssertTrue(xml.contains("<tabColor rgb=\"FFFF0000\"/>"), xml)
        XCTAssertTrue(xml.contains("showGridLines=\"0\""), xml)
    }
}
