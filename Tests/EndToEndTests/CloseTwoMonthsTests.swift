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
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("2023-02"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2023-03").path))
    }

    func testSameInputsAgainChangeNothing() throws {
        let out = try closeJanuary()
        let before = try Data(contentsOf: out.appendingPathComponent("2023-01/close-summary.json"))
        let r = try Harness.run(["close", "--inputs", root.appendingPathComponent("jan").path, "--outputs", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("nothing changed"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("2023-01/close-summary.json")), before)
    }

    func testOtherInputsForAClosedMonthExit3NamingTheFiles() throws {
        let out = try closeJanuary()
        var jan = TwoMonths.january
        jan["advances.csv"] = TwoMonths.advancesJan + "A9,M1,2023-01-25,100.00,补\n"
        let inputs = root.appendingPathComponent("jan2")
        try Harness.write(jan, to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("advances.csv"), r.stderr)
        XCTAssertFalse(r.stderr.contains("roster.csv"), r.stderr)
        let reopen = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path, "--reopen"])
        XCTAssertEqual(reopen.status, 0, reopen.stderr)
        let s = try Harness.summary(out, "2023-01")
        // A9: 2000.00 outstanding + 100.00 = 2100.00 ≤ 3000.00 → approved; after settling 465.00: 1635.00.
        XCTAssertEqual(s.advance("A9")?["decision"] as? String, "approved")
        XCTAssertEqual(s.employee("M1")?["advance_outstanding_after"] as? String, "1635.00")
    }
}
