import Foundation
import XCTest
import XlsxReader

/// The byte-level XML check the close verifies its workbooks with.
final class XMLScanTests: XCTestCase {
    let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="x"><!-- c --><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>\
        <row r="2"><c r="B2"><f>SUM(B1:B1)</f><v>12.5</v></c><c r="C2" t="inlineStr"><is><t a="x>y">a&lt;b</t></is></c></row>\
        <row r="10"><c r="A10"/></row></sheetData><x><![CDATA[<not a tag>]]></x></worksheet>
        """

    func testAWholeSheetIsWellFormedWithItsLastRowAndWantedValues() {
        let s = XMLScan.scan(Data(sheet.utf8), wanted: ["B2", "A10"])
        XCTAssertTrue(s.wellFormed, s.problem ?? "")
        XCTAssertEqual(s.lastRow, 10)
        XCTAssertEqual(s.values["B2"], "12.5")
        XCTAssertNil(s.values["A10"], "a cell without <v> has no value")
        XCTAssertNil(s.values["A1"], "only wanted cells are read")
    }

    func testASheetCutAtAnyPointIsNotWellFormed() {
        let bytes = Array(sheet.utf8)
        for cut in stride(from: 60, to: bytes.count - 1, by: 7) {
            let s = XMLScan.scan(Data(bytes[0..<cut]))
            XCTAssertFalse(s.wellFormed, "cut at \(cut) passed")
        }
    }

    /// Fed in pieces of any size (as the close reads an inflating sheet), the scan is the scan of the whole part.
    func testPiecesOfAnySizeScanAsTheWholePart() {
        func pieces(_ bytes: [UInt8], _ size: Int) -> XMLScan {
            var scanner = XMLStreamScanner(wanted: ["B2", "A10"])
            var at = 0
            repeat {
                let next = min(bytes.count, at + size)
                Array(bytes[at..<next]).withUnsafeBytes { scanner.add($0, last: next == bytes.count) }
                at = next
            } while at < bytes.count
            return scanner.finish()
        }
        let bytes = Array(sheet.utf8)
        let whole = XMLScan.scan(Data(bytes), wanted: ["B2", "A10"])
        for size in [1, 2, 3, 5, 8, 13, 64, 1000] {
            let s = pieces(bytes, size)
            XCTAssertTrue(s.wellFormed, "pieces of \(size): \(s.problem ?? "")")
            XCTAssertEqual(s.lastRow, whole.lastRow)
            XCTAssertEqual(s.values, whole.values)
            for cut in stride(from: 60, to: bytes.count - 1, by: 11) {
                XCTAssertFalse(pieces(Array(bytes[0..<cut]), size).wellFormed, "pieces of \(size), cut at \(cut) passed")
            }
        }
        XCTAssertFalse(pieces(Array("<a><b></a></b>".utf8), 2).wellFormed)
    }

    func testMismatchedAndStrayTagsAreCaught() {
        XCTAssertFalse(XMLScan.scan(Data("<a><b></a></b>".utf8)).wellFormed)
        XCTAssertFalse(XMLScan.scan(Data("<a></a><b/>".utf8)).wellFormed)
        XCTAssertFalse(XMLScan.scan(Data("<a></a>text".utf8)).wellFormed)
        XCTAssertFalse(XMLScan.scan(Data("".utf8)).wellFormed)
        let s = XMLScan.scan(Data("<a><b></a>".utf8))
        XCTAssertTrue(s.problem?.contains("closes <b>") ?? false, s.problem ?? "")
    }

    func testSheetNamesAreReadInWorkbookOrderAndUnescaped() {
        let wb = #"<workbook><sheets><sheet name="报销汇总" sheetId="1" r:id="rId1"/><sheet name="A&amp;B" sheetId="2" r:id="rId2"/></sheets></workbook>"#
        XCTAssertEqual(XlsxParts.sheetNames(workbookXML: Data(wb.utf8)), ["报销汇总", "A&B"])
    }
}
