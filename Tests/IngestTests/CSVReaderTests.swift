import Foundation
import XCTest
@testable import Ingest
import SalesCore

final class CSVReaderTests: XCTestCase {
    func records(_ text: String) throws -> [CSVRecord] {
        var s = CSVScanner(text: text, file: "t.csv")
        return try s.all()
    }

    func testCSVSpectrumConformance() throws {
        // The suite's data files, copied into the project with their licence (Fixtures/csv-spectrum/LICENSE).
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/csv-spectrum")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10, "csv-spectrum cases missing at \(dir.path)")
        for name in names {
            let csv = try Data(contentsOf: dir.appendingPathComponent(name))
            let json = try Data(contentsOf: dir.appendingPathComponent(String(name.dropLast(4)) + ".json"))
            let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [[String: String]], name)
            let (utf8, _) = try TextDecoder.decodeToUTF8([UInt8](csv), file: name)
            var scanner = CSVScanner(bytes: utf8, delimiter: CSVScanner.sniffDelimiter(utf8), file: name)
            let all = try scanner.all().filter { !$0.isBlank }
            let header = try XCTUnwrap(all.first, name).fields
            let got = all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
            XCTAssertEqual(got, expected, name)
            for r in all.dropFirst() { XCTAssertEqual(r.fields.count, header.count, name) }
        }
    }

    func testQuotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws {
        let r = try records("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\"\n")
        XCTAssertEqual(r.count, 2)
        XCTAssertEqual(r[1].fields, ["x,y", "say \"hi\"", "l1\nl2"])
    }

    func testLineNumbersArePhysicalAndAQuotedLineBreakMovesLaterLines() throws {
        let r = try records("a,b\n1,\"two\nlines\"\n2,x\n3,\"a\r\nb\r\nc\"\n4,y\n")
        XCTAssertEqual(r.map(\.line), [1, 2, 4, 5, 8])
        XCTAssertEqual(r[1].raw, "1,\"two\nlines\"")
    }

    func testCRLFLineEndingsAndAFinalLineBreakDoesNotStartALine() throws {
        let r = try records("a,b\r\n1,2\r\n3,4\r\n")
        XCTAssertEqual(r.count, 3)
        XCTAssertEqual(r[2].fields, ["3", "4"])
        XCTAssertEqual(r[2].line, 3)
        XCTAssertEqual(r[1].raw, "1,2")
        let noFinal = try records("a,b\n1,2")
        XCTAssertEqual(noFinal.count, 2)
        XCTAssertEqual(noFinal[1].fields, ["1", "2"])
    }

    func testLoneCRInsideQuotesIsKept() throws {
        let r = try records("a,b\n\"x\ry\",2\n")
        XCTAssertEqual(r[1].fields[0], "x\ry")
    }

    func testBlankAndDelimiterOnlyLinesAreBlank() throws {
        let r = try records("a,b,c\n1,2,3\n\n,,\n , ,\t\n4,5,6\n")
        XCTAssertEqual(r.map(\.isBlank), [false, false, true, true, true, false])
        XCTAssertEqual(r.last?.line, 6)
    }

    func testUnterminatedQuoteNamesTheLineWhereItOpened() {
        let e = expectFileError {
            var s = CSVScanner(text: "a,b\n1,2\n3,\"open\n4,5\n6,7\n", file: "sales.csv")
            _ = try s.all()
        }
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.file, "sales.csv")
        XCTAssertTrue(e?.message.contains("line 3") == true, e?.message ?? "")
    }

    func testDelimiterIsSniffedFromTheHeaderOutsideQuotes() {
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("a;b;c\n1,5;2;3\n".utf8)), 0x3B)
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("a\tb\tc\n".utf8)), 0x09)
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("\"a,b,c\";d;e\n".utf8)), 0x3B)
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("a,b\n".utf8)), 0x2C)
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("onlyone\n".utf8)), 0x2C)
        // A tie goes to comma, or to tab for UTF-16 "Unicode text".
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("a,b\tc\n".utf8)), 0x2C)
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array("a,b\tc\n".utf8), preferTab: true), 0x09)
    }

    func testSemicolonFileReadsFields() throws {
        var s = CSVScanner(text: "a;b\n\"1;5\";2\n")
        XCTAssertEqual(s.delimiter, 0x3B)
        let r = try s.all()
        XCTAssertEqual(r[1].fields, ["1;5", "2"])
    }

    func testCellCleaningTurnsLineBreaksIntoLFAndRemovesControls() {
        XCTAssertEqual(Cell.clean("a\r\nb\rc").text, "a\nb\nc")
        XCTAssertFalse(Cell.clean("a\r\nb").removed)
        let c = Cell.clean("x\u{01}y\u{7F}z\tw")
        XCTAssertEqual(c.text, "xyz\tw")
        XCTAssertTrue(c.removed)
    }

    func testTextOverTheLimitHandedInIsCutByItsCutAndFlagged() {
        let limit = CellTextLimit(units: 5, cut: { String($0.prefix(4)) + "…" })
        XCTAssertEqual(limit.apply("abcdef").text, "abcd…")
        XCTAssertTrue(limit.apply("abcdef").cut)
        XCTAssertFalse(limit.apply("abcde").cut)
        XCTAssertFalse(CellTextLimit.unlimited.apply(String(repeating: "b", count: 100_000)).cut)
    }
}
