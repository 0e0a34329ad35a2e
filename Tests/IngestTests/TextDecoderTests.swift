import XCTest
@testable import Ingest
import SalesCore

final class TextDecoderTests: XCTestCase {
    let sample = "日期,员工编号,状态,城市\n2023-03-27,E001,出差,廣州\n"

    func testPlainUTF8IsUTF8() throws {
        let r = try TextDecoder.decode(Array(sample.utf8), file: "a.csv")
        XCTAssertEqual(r.encoding, "utf-8")
        XCTAssertEqual(r.text, sample)
    }

    func testUTF8WithBOMIsUTF8BOMAndTheBOMIsDropped() throws {
        let r = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8), file: "a.csv")
        XCTAssertEqual(r.encoding, "utf-8-bom")
        XCTAssertEqual(r.text, sample)
        XCTAssertFalse(r.text.hasPrefix("\u{FEFF}"))
    }

    func testUTF16LittleEndianWithBOMTabSeparated() throws {
        let text = "日期\t员工编号\n2023-03-27\t𠀀E1\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let r = try TextDecoder.decode(bytes, file: "a.txt")
        XCTAssertEqual(r.encoding, "utf-16le")
        XCTAssertEqual(r.text, text)
        XCTAssertEqual(CSVScanner.sniffDelimiter(Array(r.text.utf8), preferTab: true), 0x09)
    }

    func testUTF16BigEndianWithBOM() throws {
        let text = "a\tb\n銷售\t1\n"
        var bytes: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 { bytes += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        let r = try TextDecoder.decode(bytes, file: "a.txt")
        XCTAssertEqual(r.encoding, "utf-16be")
        XCTAssertEqual(r.text, text)
    }

    func testGB18030FromARealEncoderIncludingCharactersOutsideGBK() throws {
        let text = "员工编号,姓名,城市\nE001,张𠀀,广州\nE002,李四,€\n"
        let bytes = try XCTUnwrap(iconvEncode(text, to: "GB18030"))
        // 𠀀 (U+20000) cannot be written in GBK: the bytes are GB18030, not GBK.
        XCTAssertNil(iconvEncode("𠀀", to: "GBK"))
        XCTAssertNotEqual(bytes, Array(text.utf8))
        let r = try TextDecoder.decode(bytes, file: "roster.csv")
        XCTAssertEqual(r.encoding, "gb18030")
        XCTAssertEqual(r.text, text)
    }

    func testDamagedUTF8IsAFileErrorNamingTheFirstBadByteNotGB18030() throws {
        let good = Array("员工编号,姓名,城市\nE001,张三,广州\nE002,李四,上海\nE003,王五,北京\n".utf8)
        var bytes = good
        let offset = good.firstIndex(of: UInt8(ascii: "2"))!  // in "E002"
        XCTAssertLessThan(bytes[offset], 0x80)  // an ASCII byte replaced by a stray byte
        bytes[offset] = 0xFF
        let e = expectFileError { _ = try TextDecoder.decode(bytes, file: "roster.csv") }
        XCTAssertEqual(e?.file, "roster.csv")
        XCTAssertTrue(e?.message.contains("byte \(offset) ") == true, e?.message ?? "")
        XCTAssertTrue(e?.message.contains("not valid UTF-8") == true)
        XCTAssertTrue(e?.message.contains("damaged") == true)
    }

    func testUTF8WithBOMButABadByteIsDamaged() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,".utf8) + [0xC3] + Array(",x\n".utf8)
        let e = expectFileError { _ = try TextDecoder.decode(bytes, file: "x.csv") }
        XCTAssertTrue(e?.message.contains("byte 9 ") == true, e?.message ?? "")
    }

    func testBytesValidInNoEncodingNameTheOffset() throws {
        var bytes = try XCTUnwrap(iconvEncode("员工编号,姓名\nE001,张三\n", to: "GB18030"))
        let offset = bytes.count
        bytes += [0xFF, 0xFF, 0x0A]
        let e = expectFileError { _ = try TextDecoder.decode(bytes, file: "roster.csv") }
        XCTAssertTrue(e?.message.contains("valid in no supported encoding") == true, e?.message ?? "")
        XCTAssertTrue(e?.message.contains("byte \(offset) ") == true, e?.message ?? "")
        XCTAssertEqual(e?.line, 3)
    }

    func testNULByteIsAFileErrorNamingTheOffset() {
        let bytes = Array("a,b\n1,".utf8) + [0x00] + Array("2\n".utf8)
        let e = expectFileError { _ = try TextDecoder.decode(bytes, file: "sales.csv") }
        XCTAssertTrue(e?.message.contains("byte 6 ") == true, e?.message ?? "")
        XCTAssertTrue(e?.message.contains("NUL") == true)
    }

    func testZipSignatureIsAnExcelWorkbookNotCSV() {
        let bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
        let e = expectFileError { _ = try TextDecoder.decode(bytes, file: "sales.csv") }
        XCTAssertTrue(e?.message.contains("Excel workbook") == true, e?.message ?? "")
        XCTAssertTrue(e?.message.contains("ZIP") == true)
        XCTAssertTrue(e?.description.hasPrefix("sales.csv: error: ") == true)
    }

    func testTheDamagedShareIsMeasuredOverNonASCIIBytes() {
        // Real GB18030 text: nowhere near 95% well-formed UTF-8.
        let gb = iconvEncode("销售指标回款指标广州苏州", to: "GB18030")!
        let c = UTF8Check.scan(gb, from: 0)
        XCTAssertNotNil(c.firstBad)
        XCTAssertFalse(c.isDamagedUTF8)
    }
}
