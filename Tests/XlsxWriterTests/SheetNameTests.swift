import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter

final class SheetNameTests: WorkbookTestCase {
    func testEachExcelSheetNameRuleIsEnforced() throws {
        let workbook = try Workbook(path: path("names.xlsx"))
        _ = try workbook.addWorksheet(name: "Sales")
        _ = try workbook.addWorksheet(name: "Été")
        let cases: [(String, String)] = [
            ("", "empty"),
            (String(repeating: "x", count: 32), "31-character limit"),
            ("a[b", "forbids"), ("a]b", "forbids"), ("a:b", "forbids"), ("a*b", "forbids"),
            ("a?b", "forbids"), ("a/b", "forbids"), ("a\\b", "forbids"),
            ("'quoted", "apostrophe"), ("quoted'", "apostrophe"),
            ("tab\there", "control character"),
            ("history", "reserved"),
            ("SALES", "already used"), ("sales", "already used"),
            ("ÉTÉ", "already used"), ("e\u{301}té", "already used")
        ]
        for (name, expected) in cases {
            let error = try XCTUnwrap(xlsxError { _ = try workbook.addWorksheet(name: name) }, "name \(name)")
            XCTAssertTrue(error.description.contains(expected), "\(name): \(error.description)")
            XCTAssertEqual(error.sheet, name)
        }
        // The limit counts UTF-16 units: 31 CJK characters fit, 16 astral characters do not.
        XCTAssertNoThrow(try workbook.addWorksheet(name: String(repeating: "销", count: 31)))
        XCTAssertNotNil(xlsxError { _ = try workbook.addWorksheet(name: String(repeating: "😀", count: 16)) })
        XCTAssertNoThrow(try workbook.addWorksheet(name: "it's fine"))
        try workbook.close()
        let doc = try XlsxDocument(path: workbook.path)
        XCTAssertEqual(doc.sheetNames, ["Sales", "Été", String(repeating: "销", count: 31), "it's fine"])
    }

    func testSafeSheetNameMakesAnyTextValidAndUnique() {
        XCTAssertEqual(Workbook.safeSheetName("Q1/Q2: [draft]*?", existing: []), "Q1_Q2_ _draft___")
        XCTAssertEqual(Workbook.safeSheetName("'quoted'", existing: []), "quoted")
        XCTAssertEqual(Workbook.safeSheetName("", existing: []), "Sheet")
        XCTAssertEqual(Workbook.safeSheetName("'''", existing: []), "Sheet")
        XCTAssertEqual(Workbook.safeSheetName("History", existing: []), "History (2)")
        XCTAssertEqual(Workbook.safeSheetName("sales", existing: ["Sales"]), "sales (2)")
        XCTAssertEqual(Workbook.safeSheetName("Sales", existing: ["Sales", "sales (2)"]), "Sales (3)")
        XCTAssertEqual(Workbook.safeSheetName("华东区", existing: ["华东区"]), "华东区 (2)")
        XCTAssertEqual(Workbook.safeSheetName("华东区", existing: ["华南区"]), "华东区")

        let long = String(repeating: "销售汇总", count: 10)
        let first = Workbook.safeSheetName(long, existing: [])
        XCTAssertEqual(first.utf16.count, 31)
        let second = Workbook.safeSheetName(long, existing: [first])
        XCTAssertTrue(second.hasSuffix(" (2)"))
        XCTAssertLessThanOrEqual(second.utf16.count, 31)
        XCTAssertNotEqual(second.lowercased(), first.lowercased())

        // Astral characters are never split in half when trimming.
        let emoji = Workbook.safeSheetName(String(repeating: "😀", count: 20), existing: [])
        XCTAssertEqual(emoji.utf16.count, 30)
        XCTAssertEqual(emoji, String(repeating: "😀", count: 15))
    }

    func testSafeSheetNamesAreAcceptedByAddWorksheet() throws {
        let workbook = try Workbook(path: path("safe.xlsx"))
        let proposals = [
            "Sales", "sales", "SALES", "a/b", "a:b", "'x'", "", "History",
            String(repeating: "长", count: 40), String(repeating: "长", count: 40), "Été", "ÉTÉ"
        ]
        var names: [String] = []
        for proposal in proposals {
            let name = Workbook.safeSheetName(proposal, existing: workbook.worksheetNames)
            XCTAssertNil(Workbook.sheetNameProblem(name, existing: workbook.worksheetNames), name)
            _ = try workbook.addWorksheet(name: name)
            names.append(name)
        }
        try workbook.close()
        XCTAssertEqual(try XlsxDocument(path: workbook.path).sheetNames, names)
    }
}
