import XCTest
@testable import Report

final class CodeTextTests: XCTestCase {
    /// Every code named in rules.md and inputs.md.
    static let specCodes = [
        "EXP-LATE", "EXP-NO-RECEIPT", "EXP-RECEIPT-EXPLAINED", "EXP-UNSIGNED", "EXP-MEALS-ALLOWANCE", "EXP-FLIGHT-UNAPPROVED",
        "EXP-NO-PLAN", "EXP-ROUTE-MISMATCH", "EXP-NOT-TRAVELLING", "EXP-DOUBLE-LODGING", "EXP-LODGING-CAP", "EXP-OVER-QUOTA",
        "EXP-POSSIBLE-DUPLICATE", "ATT-TRAVEL-UNVERIFIED", "ATT-TRAVEL-DAYS-LOW", "AUDIT", "AUDIT-FORFEIT",
        "ADV-NOT-ELIGIBLE", "ADV-LATE-CLAIM", "ADV-OVER-LIMIT", "SAL-AMOUNT-MISMATCH", "PLAN-ACTIVITY-LOW",
        "ACT-BELOW-STANDARD", "PLAN-MISSING-WEEK", "COM-NO-TARGET", "COM-DEFERRED", "COM-SETTLED", "QTR-INCOMPLETE",
        "QTR-CUT", "QTR-RESTORED", "QTR-REVIEW", "QTR-PROMOTE", "YR-INCOMPLETE", "YR-BONUS", "ADJ-EXCEEDS-BALANCE",
        "ADJ-UNAUTHORISED", "ROW-BAD-VALUE", "ROW-MISSING", "ROW-FIELD-COUNT", "ROW-UNKNOWN-EMPLOYEE", "ROW-NOT-ACTIVE",
        "ROW-DUPLICATE", "ROW-OTHER-PERIOD", "ROW-EXCEL-DAMAGE", "ROW-CONTROL-CHARS", "ROW-TEXT-CUT"
    ]

    func testEveryCodeOfTheRulesHasASentenceInBothLanguages() {
        for code in Self.specCodes {
            XCTAssertTrue(CodeText.knows(code), code)
            let zh = CodeText.sentence(code, .zh), en = CodeText.sentence(code, .en)
            XCTAssertTrue(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(code): \(zh)")
            XCTAssertFalse(en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) && !en.contains("区域经理每周行动计划表") }, "\(code): \(en)")
            XCTAssertNotEqual(zh, en)
        }
        XCTAssertEqual(Set(CodeText.allCodes).count, CodeText.allCodes.count)
    }

    func testChineseSentencesUseTheCompanyTextsWording() {
        XCTAssertEqual(CodeText.sentence("EXP-NO-PLAN", .zh), "未附《区域经理每周行动计划表》，一律不作报销")
        XCTAssertEqual(CodeText.sentence("EXP-LODGING-CAP", .zh), "超过住宿标准，按标准报销")
        XCTAssertTrue(CodeText.sentence("EXP-FLIGHT-UNAPPROVED", .zh).hasPrefix("乘坐飞机未事先请示总经理批准"))
        XCTAssertEqual(CodeText.sentence("EXP-MEALS-ALLOWANCE", .zh), "伙食费按出差补助按天发放，不凭票报销")
        XCTAssertEqual(CodeText.sentence("ADV-LATE-CLAIM", .zh), "上月差旅费迟迟不报销，不审批本月借款")
        // Simplified characters only: none of the text's traditional forms.
        for (_, text) in CodeText.table {
            for traditional in ["報", "銷", "區", "經", "這", "總", "獎", "結", "匯"] {
                XCTAssertFalse(text.zh.contains(traditional), text.zh)
            }
        }
    }

    func testReasonsJoinWithTheLanguagesSeparator() {
        XCTAssertEqual(
            CodeText.reasons(["EXP-NO-PLAN", "EXP-LODGING-CAP"], .zh),
            "未附《区域经理每周行动计划表》，一律不作报销；超过住宿标准，按标准报销")
        XCTAssertTrue(CodeText.reasons(["EXP-LATE", "EXP-LODGING-CAP"], .en).contains("; Above the lodging standard"))
        XCTAssertEqual(CodeText.reasons([], .zh), "")
        XCTAssertTrue(CodeText.sentence("XYZ-NEW", .zh).contains("XYZ-NEW"))
    }
}

final class CodeDetailTests: XCTestCase {
    func testRouteMismatchDetailReadsInChinese() {
        let d = "EXP-ROUTE-MISMATCH expenses.csv:12 2023-03-05: plan 阳阿, receipt 原阳"
        XCTAssertEqual(CodeText.detail(d, .zh), "出差路线不符 expenses.csv 第12行 2023-03-05：计划城市 阳阿，票据城市 原阳")
        XCTAssertEqual(CodeText.detail(d, .en), d)
        XCTAssertEqual(CodeText.detail("EXP-NOT-TRAVELLING expenses.csv:3 2023-03-02", .zh), "未出差报住宿 expenses.csv 第3行 2023-03-02")
    }
}
