import XCTest
@testable import Ingest
import SalesCore

final class KindDetectionTests: XCTestCase {
    func testLongestNamePrefixWinsAnyCase() {
        XCTAssertEqual(KindDetector.kind(forFileName: "销售指标.csv"), .targets)
        XCTAssertEqual(KindDetector.kind(forFileName: "销售-3月.csv"), .sales)
        XCTAssertEqual(KindDetector.kind(forFileName: "回款指标2023.csv"), .targets)
        XCTAssertEqual(KindDetector.kind(forFileName: "回款.csv"), .remittances)
        XCTAssertEqual(KindDetector.kind(forFileName: "员工考勤.csv"), .attendance)
        XCTAssertEqual(KindDetector.kind(forFileName: "员工.csv"), .roster)
        XCTAssertEqual(KindDetector.kind(forFileName: "SALES-north.CSV"), .sales)
        XCTAssertEqual(KindDetector.kind(forFileName: "ActionPlan-w12.csv"), .plans)
        XCTAssertEqual(KindDetector.kind(forFileName: "Employees.tsv"), .roster)
        XCTAssertEqual(KindDetector.kind(forFileName: "花名册.csv"), .roster)
        XCTAssertEqual(KindDetector.kind(forFileName: "collections.csv"), .remittances)
        XCTAssertNil(KindDetector.kind(forFileName: "data.csv"))
    }

    func testHeadersMatchAfterTrimmingCaseFoldingAndRemovingSpacesUnderscoresDashes() {
        let m = HeaderMatcher.match(header: [" Employee-ID ", "ＮＡＭＥ", "Role", "Region", "hire date", "入职　日期", "colour"], kind: .roster)
        XCTAssertEqual(m.columns["employee_id"], 0)
        XCTAssertEqual(m.columns["role"], 2)
        XCTAssertEqual(m.columns["hire_date"], 4)
        XCTAssertEqual(m.ignored, ["ＮＡＭＥ", "入职　日期", "colour"])  // full-width letters are not folded; the repeat is ignored
        XCTAssertEqual(m.missingRequired.map(\.name), ["name"])
    }

    func testChineseAliasesSimplifiedAndTraditional() {
        let m = HeaderMatcher.match(header: ["訂單日期", "单号", "業務員", "客戶編號", "品名", "數量", "銷售額", "回款金額", "新客戶"], kind: .sales)
        XCTAssertTrue(m.missingRequired.isEmpty)
        XCTAssertEqual(m.columns["employee_id"], 2)
        XCTAssertEqual(m.columns["remitted"], 7)
        XCTAssertEqual(m.columns["new_customer"], 8)
        let e = HeaderMatcher.match(header: ["工號", "日期", "城市"], kind: .plans)
        XCTAssertTrue(e.missingRequired.isEmpty)
    }

    func testAttendanceWithCityIsAttendanceNotPlans() throws {
        let d = try KindDetector.detect(fileName: "march.csv", header: ["日期", "工号", "状态", "城市"])
        XCTAssertEqual(d.match.kind, .attendance)
        XCTAssertEqual(d.recognisedBy, "header")
        let p = try KindDetector.detect(fileName: "week.csv", header: ["工号", "日期", "城市", "事由"])
        XCTAssertEqual(p.match.kind, .plans)
    }

    func testANamedFileLackingARequiredColumnIsRecognisedByHeader() throws {
        let d = try KindDetector.detect(fileName: "sales-extra.csv", header: ["date", "employee_id", "status", "city"])
        XCTAssertEqual(d.match.kind, .attendance)
        XCTAssertEqual(d.recognisedBy, "header")
    }

    func testATieIsAFileErrorNamingTheKinds() {
        let e = expectFileError { _ = try KindDetector.detect(fileName: "x.csv", header: ["date", "employee_id", "status", "city", "purpose"]) }
        XCTAssertTrue(e?.message.contains("attendance and plans") == true, e?.message ?? "")
    }

    func testNoFittingKindSaysWhichCameClosestAndWhatEachMisses() {
        let e = expectFileError { _ = try KindDetector.detect(fileName: "x.csv", header: ["date", "employee_id"]) }
        let m = e?.message ?? ""
        XCTAssertTrue(m.contains("closest"), m)
        XCTAssertTrue(m.contains("attendance (missing status"), m)
        XCTAssertTrue(m.contains("visits (missing kind"), m)
    }

    func testNamedFileMissingARequiredColumnNamesTheColumnAndItsAliases() {
        let e = expectFileError {
            _ = try KindDetector.detect(fileName: "expenses.csv", header: ["claim_id", "employee_id", "date", "category", "amount"])
        }
        let m = e?.message ?? ""
        XCTAssertEqual(e?.file, "expenses.csv")
        XCTAssertTrue(m.contains("submitted_on"), m)
        XCTAssertTrue(m.contains("提交日期, 报销日期, 報銷日期"), m)
    }
}
