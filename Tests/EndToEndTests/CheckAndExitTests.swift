import Foundation
import XCTest

/// `salesclose check` and the exit statuses of outputs.md.
final class CheckAndExitTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("check") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testCheckPrintsEachFileAndEveryRowErrorWithFileLineColumn() throws {
        var files = TwoMonths.january
        // line 3: an ambiguous day-first date; line 4: an unknown employee; line 5: a quoted line break
        // moves the physical lines, so the bad amount on the next record is on line 7.
        files["sales.csv"] = """
            日期,订单号,行号,业务员,客户编号,客户名称,产品,数量,单价,金额,回款,新客户
            2023-01-10,SO-1,1,R1,C1,王庄村农资店,复合肥,10,120.00,1200.00,1200.00,是
            10/01/2023,SO-2,1,R1,C1,王庄村农资店,复合肥,1,1.00,1.00,0,
            2023-01-11,SO-3,1,X99,C1,王庄村农资店,复合肥,1,1.00,1.00,0,
            2023-01-12,SO-4,1,R1,C2,"李村
            农资店",尿素,1,1.00,1.00,0,
            2023-01-13,SO-5,1,R1,C2,李村,尿素,1,1.00,1.234,0,

            """
        let inputs = root.appendingPathComponent("in")
        try Harness.write(files, to: inputs)
        let r = try Harness.run(["check", "--inputs", inputs.path, "--outputs", root.appendingPathComponent("out").path, "--lang", "en"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("sales.csv: sales, utf-8, comma; rows 5 = accepted 2 + rejected 3 + blank 0"), r.stdout)
        XCTAssertTrue(r.stdout.contains("sales.csv:3:1: error: ROW-BAD-VALUE"), r.stdout)
        XCTAssertTrue(r.stdout.contains("sales.csv:4:1: error: ROW-UNKNOWN-EMPLOYEE"), r.stdout)
        XCTAssertTrue(r.stdout.contains("sales.csv:7:10: error: ROW-BAD-VALUE"), r.stdout)
        // check writes nothing
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }

    /// check and close speak the language of --lang, Chinese by default; columns are named by the file's own header.
    func testCheckSpeaksChineseByDefaultAndEnglishWithLangEn() throws {
        var files = TwoMonths.january
        files["sales.csv"] = TwoMonths.salesJan + "2023-01-13,SO-5,1,R1,C2,李村,尿素,1,1.00,1.234,0,\n2023-01-14,SO-6,1,X99,C2,李村,尿素,1,1.00,1.00,0,\n"
        let inputs = root.appendingPathComponent("in")
        try Harness.write(files, to: inputs)
        let zh = try Harness.run(["check", "--inputs", inputs.path])
        XCTAssertEqual(zh.status, 0, zh.stderr)
        XCTAssertTrue(zh.stdout.contains("结账月份：2023-01"), zh.stdout)
        XCTAssertTrue(zh.stdout.contains("sales.csv:3:10: error: ROW-BAD-VALUE 金额\"1.234\"有3位小数；金额最多两位小数（到分）"), zh.stdout)
        XCTAssertTrue(zh.stdout.contains("sales.csv:4:1: error: ROW-UNKNOWN-EMPLOYEE 业务员\"X99\"不在花名册内"), zh.stdout)
        let en = try Harness.run(["check", "--inputs", inputs.path, "--lang", "en"])
        XCTAssertEqual(en.status, 0, en.stderr)
        XCTAssertTrue(en.stdout.contains("sales.csv:3:10: error: ROW-BAD-VALUE amount \"1.234\" has 3 decimals"), en.stdout)
        XCTAssertTrue(en.stdout.contains("sales.csv:4:1: error: ROW-UNKNOWN-EMPLOYEE employee_id \"X99\" is not in the roster"), en.stdout)
        XCTAssertEqual(try Harness.run(["check", "--inputs", inputs.path, "--lang", "fr"]).status, 1)
    }

    func testWrongUsageExits1() throws {
        XCTAssertEqual(try Harness.run(["close", "--period", "March"]).status, 1)
        XCTAssertEqual(try Harness.run(["frobnicate"]).status, 1)
    }

    func testMissingRequiredKindExits2AndWritesNothing() throws {
        var files = TwoMonths.january
        files.removeValue(forKey: "plans.csv")
        let inputs = root.appendingPathComponent("in")
        try Harness.write(files, to: inputs)
        let out = root.appendingPathComponent("out")
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("plans"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2023-01").path))
    }

    func testSalesInSeveralMonthsWithoutAPeriodExits2ListingTheMonths() throws {
        var files = TwoMonths.january
        files["sales.csv"] = TwoMonths.salesJan + "2023-02-01,SO-9,1,R1,C1,王庄村农资店,复合肥,1,1.00,1.00,0,\n"
        let inputs = root.appendingPathComponent("in")
        try Harness.write(files, to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", root.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("2023-01, 2023-02"), r.stderr)
        // with a period the February row is rejected as another period's, and January closes
        let ok = try Harness.run(["close", "--inputs", inputs.path, "--outputs", root.appendingPathComponent("out").path, "--period", "2023-01", "--json"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as! [String: Any]
        let other = json.rejected.first { $0["code"] as? String == "ROW-OTHER-PERIOD" }
        XCTAssertEqual(other?["column"] as? String, "date")
        XCTAssertTrue((other?["message"] as? String ?? "").contains("2023-02"))
    }

    func testCheckWithSalesInSeveralMonthsPrintsTheReportThenExits2() throws {
        var files = TwoMonths.january
        files["sales.csv"] = TwoMonths.salesJan + "2023-02-01,SO-9,1,R1,C1,王庄村农资店,复合肥,1,1.00,1.00,0,\n"
        let inputs = root.appendingPathComponent("in")
        try Harness.write(files, to: inputs)
        let r = try Harness.run(["check", "--inputs", inputs.path, "--lang", "en"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stdout.contains("sales.csv: sales, utf-8, comma; rows 2 = accepted 2 + rejected 0 + blank 0"), r.stdout)
        XCTAssertTrue(r.stderr.contains("several months (2023-01, 2023-02)"), r.stderr)
    }

    /// Without a period and with sales of several months, check reads the folder once: the rows are shown as read
    /// (a row of the other month is not rejected against a guessed month), the rows that did not parse are listed.
    func testCheckWithSalesInSeveralMonthsListsTheRowsAsReadNotAgainstAGuess() throws {
        var files = TwoMonths.january
        files["sales.csv"] =
            TwoMonths.salesJan + "2023-02-01,SO-9,1,R1,C1,王庄村农资店,复合肥,1,1.00,1.00,0,\n"
            + "2023-02-02,SO-10,1,R1,C1,王庄村农资店,复合肥,1,1.00,12.3x,0,\n"
        let inputs = root.appendingPathComponent("in")
        try Harness.write(files, to: inputs)
        let r = try Harness.run(["check", "--inputs", inputs.path, "--lang", "en"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stdout.contains("sales.csv: sales, utf-8, comma; rows 3 = accepted 2 + rejected 1 + blank 0"), r.stdout)
        XCTAssertTrue(r.stdout.contains("sales.csv:4:10: error: ROW-BAD-VALUE"), r.stdout)
        XCTAssertFalse(r.stdout.contains("ROW-OTHER-PERIOD"), r.stdout)
        XCTAssertTrue(r.stderr.contains("several months (2023-01, 2023-02)"), r.stderr)
    }

    func testPolicyPrintsTheEffectivePolicyWithOverrides() throws {
        let inputs = root.appendingPathComponent("in")
        try Harness.write(["policy.toml": "advance_limit = \"5000.00\"\n[lodging_cap]\nsales_rep = \"90.00\"\n"], to: inputs)
        let r = try Harness.run(["policy", "--inputs", inputs.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("advance_limit = \"5000.00\"\n"))
        XCTAssertTrue(r.stdout.contains("sales_rep = \"90.00\"\n"))
        XCTAssertTrue(r.stdout.contains("director = \"150.00\"\n"), "role tables merge key by key")
        let bad = root.appendingPathComponent("bad")
        try Harness.write(["policy.toml": "version = 1\nadvance_limt = \"1.00\"\n"], to: bad)
        let e = try Harness.run(["policy", "--inputs", bad.path])
        XCTAssertEqual(e.status, 2)
        XCTAssertTrue(e.stderr.contains("policy.toml:2"), e.stderr)
        XCTAssertTrue(e.stderr.contains("advance_limt"), e.stderr)
    }
}
