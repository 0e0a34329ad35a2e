import XCTest
import Report

/// File names from data cut to 255 bytes a name, on a character boundary, unique by a short hash.
final class FileNameLimitTests: XCTestCase {
    let reserve = FileNameLimit.regionSuffixBytes

    func testANameThatFitsIsKeptAsItIs() {
        XCTAssertEqual(FileNameLimit.cut("华北", reserving: reserve), "华北")
        let fits = String(repeating: "a", count: 255 - reserve)
        XCTAssertEqual(FileNameLimit.cut(fits, reserving: reserve), fits)
    }

    func testALongNameIsCutOnACharacterBoundaryWithRoomForTheSuffix() {
        let long = String(repeating: "区", count: 100)  // 300 bytes
        let cut = FileNameLimit.cut(long, reserving: reserve)
        XCTAssertLessThanOrEqual(cut.utf8.count + reserve, 255)
        XCTAssertTrue(cut.hasPrefix("区区区"))
        let stem = cut.prefix { $0 != "~" }
        XCTAssertTrue(stem.allSatisfy { $0 == "区" }, "no character cut in half")
        XCTAssertEqual(cut.split(separator: "~").last?.count, 8)
        XCTAssertEqual(String(decoding: Array(cut.utf8), as: UTF8.self), cut)
    }

    func testTwoLongNamesThatShareTheirStartStayApart() {
        let a = String(repeating: "区", count: 100), b = a + "东"
        XCTAssertNotEqual(FileNameLimit.cut(a, reserving: reserve), FileNameLimit.cut(b, reserving: reserve))
        XCTAssertNotEqual(
            FileNameLimit.cut(a, hashing: a, reserving: reserve), FileNameLimit.cut(a, hashing: b, reserving: reserve),
            "the hash is of the whole name given")
    }

    func testCombiningCharactersStayWithTheirBase() {
        let e = "e\u{301}"  // é as two scalars, one character of 3 bytes
        let cut = FileNameLimit.cut(String(repeating: e, count: 100), reserving: reserve)
        XCTAssertTrue(cut.prefix { $0 != "~" }.allSatisfy { $0 == Character(e) })
        XCTAssertLessThanOrEqual(cut.utf8.count + reserve, 255)
    }

    func testTheRegionSuffixCoversThePeriodTheCounterAndATemporarySuffix() {
        XCTAssertGreaterThanOrEqual(reserve, "-2023-03.xlsx".utf8.count + "-99".utf8.count + ".tmp".utf8.count)
    }
}
