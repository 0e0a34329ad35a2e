import Foundation
import XCTest

/// Two consecutive closes with one ledger (issue: the first real close).
final class CloseTwoMonthsTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("two-months") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func closeJanuary() throws -> URL {
        let inputs = root.appendingPathComponent("jan")
        try Harness.write(TwoMonths.january, to: inputs)
        let out = root.appendingPathComponent("outputs")
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return out
    }

    func testJanuaryExpenseDecisionsAndSettlement() throws {
        let out = try closeJanuary()
        let s = try Harness.summary(out, "2023-01")
        XCTAssertEqual(s["period"] as? String, "2023-01")

        let x1 = try XCTUnwrap(s.expenseLine(claim: "X1"))
        XCTAssertEqual(x1["decision"] as? String, "reduced")
        XCTAssertEqual(x1["approved"] as? String, "240.00")
        XCTAssertEqual(x1["codes"] as? [String], ["EXP-LODGING-CAP"])
        XCTAssertEqual(s.expenseLine(claim: "X2")?["approved"] as? String, "150.00")
        XCTAssertEqual(s.expenseLine(claim: "X3")?["decision"] as? String, "denied")
        XCTAssertEqual(s.expenseLine(claim: "X3")?["codes"] as? [String], ["EXP-MEALS-ALLOWANCE"])
        XCTAssertEqual(s.expenseLine(claim: "X4")?["approved"] as? String, "300.00")
        XCTAssertEqual(s.expenseLine(claim: "X4")?["codes"] as? [String], ["EXP-OVER-QUOTA"])

        XCTAssertEqual(s.advance("A1")?["decision"] as? String, "approved")
        XCTAssertEqual(s.advance("A2")?["codes"] as? [String], ["ADV-OVER-LIMIT"])
        XCTAssertEqual(s.advance("A3")?["codes"] as? [String], ["ADV-NOT-ELIGIBLE"])

        let m1 = try XCTUnwrap(s.employee("M1"))
        XCTAssertEqual(m1["travel_days"] as? Int, 3)
        XCTAssertEqual(m1["meal_allowance"] as? String, "75.00")
        XCTAssertEqual(m1["advance_outstanding_before"] as? String, "0.00")
        XCTAssertEqual(m1["advances_approved"] as? String, "2000.00")
        XCTAssertEqual(m1["advance_settled"] as? String, "465.00")
        XCTAssertEqual(m1["net_payable"] as? String, "0.00")
        XCTAssertEqual(m1["advance_outstanding_after"] as? String, "1535.00")
        XCTAssertTrue((m1["codes"] as? [String] ?? []).contains("ATT-TRAVEL-DAYS-LOW"))
        XCTAssertEqual(s.employee("R1")?["net_payable"] as? String, "300.00")
    }

    func testFebruaryCarriesTheAdvanceAndDeniesTheLateClaimantsRequest() throws {
        let out = try closeJanuary()
        let inputs = root.appendingPathComponent("feb")
        try Harness.write(TwoMonths.february, to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = try Harness.summary(out, "2023-02")

        let x10 = try XCTUnwrap(s.expenseLine(claim: "X10"))
        XCTAssertEqual(x10["late_claim"] as? Bool, true)
        XCTAssertEqual(x10["decision"] as? String, "approved")
        XCTAssertEqual(x10["approved"] as? String, "100.00")
        XCTAssertEqual(x10["codes"] as? [String], ["EXP-LATE"])

        let dup = s.rejected.first { $0["line"] as? Int == 3 && $0["file"] as? String == "expenses.csv" }
        XCTAssertEqual(dup?["code"] as? String, "ROW-DUPLICATE")

        XCTAssertEqual(s.advance("A4")?["decision"] as? String, "denied")
        XCTAssertEqual(s.advance("A4")?["codes"] as? [String], ["ADV-LATE-CLAIM"])

        let m1 = try XCTUnwrap(s.employee("M1"))
        XCTAssertEqual(m1["advance_outstanding_before"] as? String, "1535.00")
        XCTAssertEqual(m1["advance_settled"] as? String, "100.00")
        XCTAssertEqual(m1["advance_outstanding_after"] as? String, "1435.00")
        XCTAssertEqual(m1["net_payable"] as? String, "0.00")
    }

    func testSkippingAMonthIsRefusedWithExit3() throws {
        let out = try closeJanuary()
        var march = TwoMonths.february
        march["sales.csv"] = TwoMonths.salesFeb.replacingOccurrences(of: "2023-02-10", with: "2023-03-10")
        let inputs = root.appendingPathComponent("mar")
        try Harness.write(march, to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("2023-02"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2023-03").path))
    }

    func testAnEarlierPeriodCannotBeReopenedWhileALaterOneIsClosed() throws {
        let out = try closeJanuary()
        let feb = root.appendingPathComponent("feb")
        try Harness.write(TwoMonths.february, to: feb)
        XCTAssertEqual(try Harness.run(["close", "--inputs", feb.path, "--outputs", out.path]).status, 0)
        var jan = TwoMonths.january
        jan["advances.csv"] = TwoMonths.advancesJan + "A9,M1,2023-01-25,100.00,补\n"
        let changed = root.appendingPathComponent("jan2")
        try Harness.write(jan, to: changed)
        let before = try Data(contentsOf: out.appendingPathComponent("2023-01/close-summary.json"))
        let r = try Harness.run(["close", "--inputs", changed.path, "--outputs", out.path, "--reopen", "--lang", "en"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("2023-01 cannot be reopened while 2023-02 is closed"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("2023-01/close-summary.json")), before)
    }

    func testSameInputsAgainChangeNothing() throws {
        let out = try closeJanuary()
        let before = try Data(contentsOf: out.appendingPathComponent("2023-01/close-summary.json"))
        let r = try Harness.run(["close", "--inputs", root.appendingPathComponent("jan").path, "--outputs", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("没有任何改动"), "nothing changed: \(r.stderr)")
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("2023-01/close-summary.json")), before)
    }

    func testOtherInputsForAClosedMonthExit3NamingTheFiles() throws {
        let out = try closeJanuary()
        var jan = TwoMonths.january
        jan["advances.csv"] = TwoMonths.advancesJan + "A9,M1,2023-01-25,100.00,补\n"
        let inputs = root.appendingPathComponent("jan2")
        try Harness.write(jan, to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"])
        XCTAssertEqual(r.status, 3)
        let line = r.stderr.split(separator: "\n").first { $0.contains("files that differ") }.map(String.init) ?? ""
        XCTAssertTrue(line.hasSuffix("the files that differ: advances.csv"), r.stderr)
        let reopen = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path, "--reopen"])
        XCTAssertEqual(reopen.status, 0, reopen.stderr)
        let s = try Harness.summary(out, "2023-01")
        // A9: 2000.00 outstanding + 100.00 = 2100.00 ≤ 3000.00 → approved; after settling 465.00: 1635.00.
        XCTAssertEqual(s.advance("A9")?["decision"] as? String, "approved")
        XCTAssertEqual(s.employee("M1")?["advance_outstanding_after"] as? String, "1635.00")
    }
}

import XlsxReader

/// The finance workbook read back cell by cell after a real close.
final class FinanceWorkbookEndToEndTests: XCTestCase {
    func testReimbursementSheetHoldsTheHandWorkedSettlement() throws {
        let root = try Harness.tempDir("finance-e2e")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("jan")
        try Harness.write(TwoMonths.january, to: inputs)
        let out = root.appendingPathComponent("outputs")
        XCTAssertEqual(try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path]).status, 0)
        let path = out.appendingPathComponent("2023-01/finance-2023-01.xlsx").path
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        let doc = try XlsxDocument(path: path)
        XCTAssertEqual(doc.sheetNames.first, "报销汇总")
        let rows = try doc.rows(sheet: "报销汇总")
        let header = rows[1].map { $0?.text ?? "" }  // row 1 is the sheet's title (period, sheet), row 2 the header
        func col(_ name: String) throws -> Int { try XCTUnwrap(header.firstIndex(of: name), "no column \(name) in \(header)") }
        let m1 = try XCTUnwrap(rows.first { $0.first??.text == "M1" })
        // Hand-worked in TwoMonthsFixture: approved 240 + 150 = 390.00, meal 75.00, reimbursement 465.00,
        // advances 2000.00, settled 465.00, net 0.00, outstanding after 1535.00.
        XCTAssertEqual(m1[try col("核准金额")]?.number, 390.00)
        XCTAssertEqual(m1[try col("伙食补助")]?.number, 75.00)
        XCTAssertEqual(m1[try col("应报销")]?.number, 465.00)
        XCTAssertEqual(m1[try col("本月借款")]?.number, 2000.00)
        XCTAssertEqual(m1[try col("冲借款")]?.number, 465.00)
        XCTAssertEqual(m1[try col("实付")]?.number, 0.00)
        XCTAssertEqual(m1[try col("期末借款余额")]?.number, 1535.00)
        let netCell = try XCTUnwrap(m1[try col("实付")] ?? nil)
        XCTAssertEqual(try doc.numberFormat(sheet: "报销汇总", ref: netCell.ref), "¥#,##0.00")

        // The grand total of net payable is a formula whose cached value is R1's 300.00 + M1's 0.00.
        let total = try XCTUnwrap(rows.first { ($0.first??.text ?? "").contains("合计") || $0.contains { $0?.text == "合计" } })
        let totalNet = try XCTUnwrap(total[try col("实付")] ?? nil)
        XCTAssertNotNil(totalNet.formula)
        XCTAssertEqual(totalNet.number, 300.00)

        // English labels with --lang en, same figures.
        let outEn = root.appendingPathComponent("outputs-en")
        XCTAssertEqual(try Harness.run(["close", "--inputs", inputs.path, "--outputs", outEn.path, "--lang", "en"]).status, 0)
        let en = try XlsxDocument(path: outEn.appendingPathComponent("2023-01/finance-2023-01.xlsx").path)
        XCTAssertEqual(en.sheetNames.first, "Reimbursement")
    }
}
