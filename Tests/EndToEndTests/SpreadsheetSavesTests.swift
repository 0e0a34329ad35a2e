import Foundation
import XCTest

/// Issue 13 "What it must show": the demo month (inputs/ in the repository) with its expenses.csv saved again by
/// LibreOffice Calc (Fixtures/spreadsheet-saves, README there), through the binary.
final class SpreadsheetSavesTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("spreadsheet-saves") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    static let fixtures = Harness.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/spreadsheet-saves")

    /// The demo month's inputs copied to `root/name`, with the expenses.csv of `save` (nil: the original).
    func demoMonth(_ name: String, expensesFrom save: String?) throws -> URL {
        let dir = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Harness.packageRoot.appendingPathComponent("inputs"), to: dir)
        if let save {
            let target = dir.appendingPathComponent("expenses.csv")
            try FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("\(save)/expenses.csv"), to: target)
        }
        return dir
    }

    func close(_ inputs: URL, _ name: String) throws -> (Harness.Result, URL) {
        let out = root.appendingPathComponent("out-" + name)
        return (try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"]), out)
    }

    /// What the close made of the expenses: every line's decision and amounts, and each employee's expense figures.
    func expenseFigures(_ summary: [String: Any]) throws -> [String] {
        var out: [String] = []
        for line in summary["expense_lines"] as? [[String: Any]] ?? [] {
            let keys = ["file", "line", "claim_id", "employee_id", "date", "category", "claimed", "approved", "decision", "late_claim", "codes"]
            out.append(keys.map { "\($0)=\(line[$0].map { "\($0)" } ?? "nil")" }.joined(separator: " "))
        }
        for e in summary["employees"] as? [[String: Any]] ?? [] {
            let keys = ["employee_id", "expenses_claimed", "expenses_approved", "meal_allowance"]
            out.append(keys.map { "\($0)=\(e[$0].map { "\($0)" } ?? "nil")" }.joined(separator: " "))
        }
        if let totals = summary["totals"] as? [String: Any] {
            for k in ["expenses_claimed", "expenses_approved", "meal_allowance"] { out.append("totals.\(k)=\(totals[k].map { "\($0)" } ?? "nil")") }
        }
        return out
    }

    /// Saved again in a zh_CN locale (dates `23年3月21日`): the same expense figures as the CSV month.
    func testTheMonthSavedAgainInAChineseLocaleClosesWithTheSameExpenseFigures() throws {
        let fixture = try String(contentsOf: Self.fixtures.appendingPathComponent("zh_CN/expenses.csv"), encoding: .utf8)
        XCTAssertTrue(fixture.contains(",23年3月21日,"), "the fixture holds what Calc writes in zh_CN")
        let (plain, plainOut) = try close(try demoMonth("csv", expensesFrom: nil), "csv")
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let (saved, savedOut) = try close(try demoMonth("zh", expensesFrom: "zh_CN"), "zh")
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let a = try Harness.summary(plainOut, "2023-03"), b = try Harness.summary(savedOut, "2023-03")
        let figures = try expenseFigures(a)
        XCTAssertGreaterThan(figures.count, 753)
        XCTAssertEqual(try expenseFigures(b), figures)
        XCTAssertEqual(b.input("expenses.csv")?["accepted"] as? Int, a.input("expenses.csv")?["accepted"] as? Int)
        XCTAssertEqual(b.input("expenses.csv")?["rejected"] as? Int, 0)
        XCTAssertEqual(b.input("expenses.csv")?["encoding"] as? String, "utf-8")
    }

    /// Saved again in an en_US locale (`3/21/23`, `$1,080.00`): the dates settle month-first, but every amount carries
    /// a foreign currency sign, so the amount column fails on every row and the close stops (exit 2) with one message,
    /// writing nothing; `check` says the same above its row list and exits 2.
    func testTheMonthSavedAgainInAnEnglishLocaleStopsOnTheAmountColumnWritingNothing() throws {
        let inputs = try demoMonth("en", expensesFrom: "en_US")
        let (r, out) = try close(inputs, "en")
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("error:") }
        XCTAssertEqual(errors.count, 1, r.stderr)
        let m = String(errors.first ?? "")
        XCTAssertTrue(m.hasPrefix("expenses.csv: error: the column 金额 (amount) fails on 753 of the file's 753 rows"), m)
        XCTAssertTrue(m.contains("\"$1,080.00\""), m)
        XCTAssertTrue(m.contains("¥1,234.50"), m)
        XCTAssertFalse(m.contains("发生日期"), "the dates (3/21/23) settle month-first and are read: \(m)")

        let c = try Harness.run(["check", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"])
        XCTAssertEqual(c.status, 2, c.stderr)
        let lines = c.stdout.split(separator: "\n").map(String.init)
        let stop = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("expenses.csv: error: the column 金额 (amount) fails") }, c.stdout)
        let firstRow = try XCTUnwrap(lines.firstIndex { $0.contains(": error: ROW-") }, c.stdout)
        XCTAssertLessThan(stop, firstRow, "said above the row list")
        XCTAssertTrue(c.stderr.contains("whole column"), c.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// The same en_US save as a workbook sheet (`en_US/expenses.xlsx`, written from that CSV by bench/csv_to_xlsx.py:
    /// `3/21/23` and `$1,080.00` are text cells): the sheet's date columns settle month-first as the CSV's do, and its
    /// amount column, wrong on every row, stops the close (exit 2) with the same one message, naming the sheet;
    /// `check` says it above its row list.
    func testTheEnglishSaveAsAWorkbookSheetStopsOnTheAmountColumnToo() throws {
        let inputs = try demoMonth("en-xlsx", expensesFrom: nil)
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("expenses.csv"))
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("en_US/expenses.xlsx"),
            to: inputs.appendingPathComponent("expenses.xlsx"))
        let (r, out) = try close(inputs, "en-xlsx")
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("error:") }
        XCTAssertEqual(errors.count, 1, r.stderr)
        let m = String(errors.first ?? "")
        XCTAssertTrue(m.hasPrefix("expenses.xlsx:expenses: error: the column 金额 (amount) fails on 753 of the file's 753 rows"), m)
        XCTAssertTrue(m.contains("\"$1,080.00\""), m)
        XCTAssertFalse(m.contains("发生日期"), "the dates (3/21/23) settle month-first in a sheet too: \(m)")
        XCTAssertFalse(m.contains("提交日期"), m)

        let c = try Harness.run(["check", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(c.status, 2, c.stderr)
        let lines = c.stdout.split(separator: "\n").map(String.init)
        let stop = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("expenses.xlsx:expenses: error: ") && $0.contains("金额") }, c.stdout)
        let firstRow = try XCTUnwrap(lines.firstIndex { $0.contains(": error: ROW-") }, c.stdout)
        XCTAssertLessThan(stop, firstRow, "said above the row list")
        XCTAssertTrue(c.stdout.contains("expenses.xlsx:expenses!H2: error: ROW-BAD-VALUE"), c.stdout)
        XCTAssertFalse(c.stdout.contains("expenses.xlsx:expenses!C2:"), "the date column settled: \(c.stdout)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// A handful of bad values stays row errors: 9 amounts with `$` (fewer than 10) close with those rows rejected.
    func testFewerThanTenFailingRowsAreRowErrorsNotAStop() throws {
        let inputs = try demoMonth("few", expensesFrom: "zh_CN")
        let path = inputs.appendingPathComponent("expenses.csv")
        var lines = try String(contentsOf: path, encoding: .utf8).components(separatedBy: "\n")
        var changed = 0
        for i in 1..<lines.count where changed < 9 && lines[i].contains("￥") {
            lines[i] = lines[i].replacingOccurrences(of: "￥", with: "$"); changed += 1
        }
        XCTAssertEqual(changed, 9)
        try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
        let (r, out) = try close(inputs, "few")
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = try Harness.summary(out, "2023-03")
        let foreign = s.rejected.filter { ($0["message"] as? String)?.contains("foreign currency ($)") == true }
        XCTAssertEqual(foreign.count, 9)
        XCTAssertTrue(foreign.allSatisfy { $0["column"] as? String == "amount" && $0["file"] as? String == "expenses.csv" })
    }
}
