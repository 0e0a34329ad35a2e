import XCTest
@testable import SalesCore

final class ChineseAmountTests: XCTestCase {
    func words(_ yuan: String) -> String { ChineseAmount.words(Money.parsePlain(yuan)!) }

    func testWholeAmountsEndInZheng() {
        XCTAssertEqual(words("1080.50"), "壹仟零捌拾元伍角整")
        XCTAssertEqual(words("0.00"), "零元整")
        XCTAssertEqual(words("10.00"), "壹拾元整")
        XCTAssertEqual(words("3000.00"), "叁仟元整")
    }

    func testFenAndJiao() {
        XCTAssertEqual(words("540.25"), "伍佰肆拾元贰角伍分")
        XCTAssertEqual(words("0.05"), "伍分")
        XCTAssertEqual(words("0.50"), "伍角整")
        XCTAssertEqual(words("12.03"), "壹拾贰元零叁分")  // no jiao between yuan and fen: 零
    }

    func testZerosAreReadOnceAcrossGroups() {
        XCTAssertEqual(words("100050.00"), "壹拾万零伍拾元整")
        XCTAssertEqual(words("100000001.00"), "壹亿零壹元整")
        XCTAssertEqual(words("100005000.00"), "壹亿零伍仟元整")
        XCTAssertEqual(words("10100000.00"), "壹仟零壹拾万元整")
        XCTAssertEqual(words("1001.00"), "壹仟零壹元整")
        XCTAssertEqual(words("20000.00"), "贰万元整")
    }

    func testNegativeAmountsSayFu() {
        XCTAssertEqual(words("-50.00"), "负伍拾元整")
    }
}
