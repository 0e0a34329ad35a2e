import Foundation
import XCTest
@testable import Ingest
import SalesCore

/// Issue 13: dates and amounts as spreadsheets save them (inputs.md "Types"), every listed form of each type, the
/// order of day-first or month-first dates settled by the column, and the failures counted per column.
final class SpreadsheetFormsTests: XCTestCase {
    func day(_ s: String, _ order: ValueParser.DateOrder? = nil) -> String? {
        if case .success(let d) = ValueParser.date(s, order: order) { return d.description }
        return nil
    }
    func error<T>(_ r: Result<T, ValueError>) -> String? { if case .failure(let e) = r { return e.message }; return nil }

    // MARK: every listed form

    func testEveryListedDateFormReads() {
        for s in [
            "2023-03-27", "2023-3-27", "2023/3/27", "2023.3.27", "2023年3月27日", "23年3月27日", "20230327",
            "2023-03-27 06:48:41", "23年3月27日 06:48:41", "2023/3/27 6:48", "2023-03-27T06:48:41", "２０２３－０３－２７"
        ] {
            XCTAssertEqual(day(s), "2023-03-27", s)
        }
        XCTAssertEqual(day("23年3月21日"), "2023-03-21")
        XCTAssertEqual(day("2023-3-21"), "2023-03-21")
        XCTAssertNotNil(error(ValueParser.date("2023-02-30")))
        XCTAssertNotNil(error(ValueParser.date("123年3月27日")))
        // Day-first and month-first, in the order given; with a time.
        XCTAssertEqual(day("27/03/2023", .dayFirst), "2023-03-27")
        XCTAssertEqual(day("3/27/23", .monthFirst), "2023-03-27")
        XCTAssertEqual(day("3/21/2023", .monthFirst), "2023-03-21")
        XCTAssertEqual(day("3/21/23 10:30 AM", .monthFirst), "2023-03-21")
        XCTAssertEqual(day("05/03/2023", .dayFirst), "2023-03-05")
        XCTAssertEqual(day("05/03/2023", .monthFirst), "2023-05-03")
        XCTAssertNil(day("27/03/2023", .monthFirst))
        XCTAssertTrue(error(ValueParser.date("27/03/2023"))!.contains("is ambiguous"))
    }

    func testEveryListedMoneyFormReadsInFen() {
        let forms: [(String, Int64)] = [
            ("1234.5", 123_450), ("1,234.50", 123_450), ("¥1,234.50", 123_450), ("￥1234.5", 123_450), ("1234.5元", 123_450),
            ("RMB 1234.50", 123_450), ("CNY1234.5", 123_450), ("１２３４．５０", 123_450), ("1，234.50", 123_450),
            ("-12.30", -1_230), ("(12.30)", -1_230), ("0", 0), ("12", 1_200)
        ]
        for (s, fen) in forms {
            guard case .success(let m) = ValueParser.money(s) else { XCTFail(s); continue }
            XCTAssertEqual(m.fen, fen, s)
        }
        for s in ["1.234", "12a", "1.2.3", "", "abc"] { XCTAssertNotNil(error(ValueParser.money(s)), s) }
    }

    func testAForeignCurrencySignIsRejectedSayingSoNeverReadAsYuan() {
        for (s, sign) in [
            ("$1,080.00", "$"), ("US$1,080.00", "US$"), ("€12.50", "€"), ("HK$300", "HK$"), ("-$5.00", "$"),
            ("($5.00)", "$"), ("＄5", "$"), ("1080.00 USD", "USD")
        ] {
            let m = error(ValueParser.money(s))
            XCTAssertNotNil(m, s)
            XCTAssertTrue(m?.contains("foreign currency (\(sign))") == true, m ?? s)
            XCTAssertTrue(m?.contains("not in yuan") == true, m ?? s)
        }
    }

    func testEveryListedDecimalIntegerMonthAndBooleanFormReads() {
        for (s, u) in [
            ("12", 120_000), ("12.5", 125_000), ("1,234.5678", 12_345_678), ("-3", -30_000), ("１２．５", 125_000),
            ("(2)", -20_000)
        ] as [(String, Int64)] {
            guard case .success(let d) = ValueParser.decimal4(s) else { XCTFail(s); continue }
            XCTAssertEqual(d.units, u, s)
        }
        XCTAssertNotNil(error(ValueParser.decimal4("1.23456")))
        XCTAssertNotNil(error(ValueParser.decimal4("¥12")))
        for (s, v) in [("0", 0), ("12", 12), ("１２", 12), ("3.0", 3)] {
            guard case .success(let i) = ValueParser.integer(s) else { XCTFail(s); continue }
            XCTAssertEqual(i, v, s)
        }
        XCTAssertNotNil(error(ValueParser.integer("3.5")))
        for s in ["2023-03", "2023/3", "2023年3月", "202303", "2023/3/1", "2023-03-01", "23年3月1日"] {
            guard case .success(let p) = ValueParser.month(s) else { XCTFail(s); continue }
            XCTAssertEqual(p, Period(year: 2023, month: 3)!, s)
        }
        XCTAssertNotNil(error(ValueParser.month("2023/3/2")))
        for (s, b) in [
            ("Y", true), ("N", false), ("yes", true), ("no", false), ("true", true), ("FALSE", false), ("1", true),
            ("0", false), ("是", true), ("否", false), ("√", true), ("✓", true)
        ] {
            guard case .success(let v) = ValueParser.boolean(s) else { XCTFail(s); continue }
            XCTAssertEqual(v, b, s)
        }
        if case .success(let none) = ValueParser.boolean("") { XCTAssertNil(none) } else { XCTFail("empty") }
        XCTAssertNotNil(error(ValueParser.boolean("maybe")))
    }

    // MARK: the column settles the order

    let header = "claim_id,employee_id,date,category,city,amount,receipt_no,submitted_on\n"
    func expenses(_ dates: [String], submitted: String = "2023-04-02") throws -> InputSet {
        var text = header
        for (i, d) in dates.enumerated() { text += "C\(i),E1,\(d),meals,北京,10.00,R\(i),\(submitted)\n" }
        return try readOne("expenses.csv", text).1
    }

    func testAColumnWithADayAbove12SettlesMonthFirstAndEveryValueReadsSo() throws {
        // As Calc saves it in an en_US locale.
        let set = try expenses(["3/21/23", "3/1/23", "3/5/23", "3/12/23"], submitted: "4/13/23")
        XCTAssertEqual(set.expenses.map { $0.value?.date.description }, ["2023-03-21", "2023-03-01", "2023-03-05", "2023-03-12"])
        XCTAssertEqual(set.expenses.map { $0.value?.submittedOn.description }, Array(repeating: "2023-04-13", count: 4))
        // Each column settles on its own: submitted_on with no part above 12 settles nothing, ambiguous on every row.
        let other = try expenses(["3/21/23", "3/1/23"], submitted: "4/2/23")
        XCTAssertTrue(other.expenses.allSatisfy { $0.issue?.column == "submitted_on" })
        XCTAssertTrue(other.expenses[0].issue!.message.contains("is ambiguous"), other.expenses[0].issue!.message)
    }

    func testAColumnWithAFirstPartAbove12SettlesDayFirst() throws {
        let set = try expenses(["27/03/2023", "01/03/2023", "05/03/2023"])
        XCTAssertEqual(set.expenses.map { $0.value?.date.description }, ["2023-03-27", "2023-03-01", "2023-03-05"])
        XCTAssertTrue(set.expenses.allSatisfy { $0.issue == nil })
        XCTAssertEqual(set.files[0].columnFailures, [])
    }

    func testAColumnThatSettlesNoOrderLeavesItsDayFirstOrMonthFirstDatesAmbiguous() throws {
        for dates in [
            ["3/4/2023", "3/5/2023"],  // no part above 12
            ["27/03/2023", "3/27/2023"],  // one each way
            ["27/03/2023", "2023-03-05"],  // not every value written so (the demo's mistake)
            ["27/03/2023", "31/02/2023"]
        ] {  // one does not read validly
            let set = try expenses(dates)
            let dm = set.expenses.filter { ValueParser.dayMonthParts(String($0.raw.split(separator: ",")[2])) != nil }
            XCTAssertFalse(dm.isEmpty)
            for r in dm {
                XCTAssertEqual(r.issue?.column, "date", "\(dates)")
                XCTAssertTrue(r.issue!.message.contains("is ambiguous") || r.issue!.message.contains("not a real day"), r.issue!.message)
                XCTAssertTrue(r.issue!.message.contains("2023-03-27"), r.issue!.message)
            }
        }
    }

    func testTheOrderIsSettledTheSameWayInPartsAndForAStreamedSalesFile() throws {
        var text = "date,order_id,employee_id,customer_id,product,quantity,amount\n"
        for i in 0..<2_000 { text += "\(1 + i % 3)/\(1 + i % 28)/23,SO\(i),E1,C1,P,1,10.00\n" }
        let reader = InputReader(cityAliases: [])
        var parts = reader
        parts.parallelThreshold = 100
        let file = try reader.prepare(name: "sales.csv", bytes: Array(text.utf8))
        var one = InputSet(), two = InputSet()
        try reader.readRows(file, fileOrder: 0, into: &one)
        try parts.readRows(file, fileOrder: 0, into: &two)
        XCTAssertTrue(one.sales.allSatisfy { $0.issue == nil })
        XCTAssertEqual(one.sales.map { $0.value?.date }, two.sales.map { $0.value?.date })
        XCTAssertEqual(one.sales[27].value?.date.description, "2023-01-28")
        // Streamed: its head shows such dates, so it is read whole and settles the same.
        let folder = TempFolder()
        defer { folder.cleanup() }
        folder.writeRequired(except: [.sales, .roster])
        folder.write("roster.csv", "employee_id,name,role,region,hire_date\nE1,张三,sales_rep,华东,2020-01-01\n")
        folder.write("sales.csv", text)
        var streaming = InputReader(cityAliases: [])
        streaming.salesStreaming = SalesStreaming(
            chunkSize: 512, makeSink: { SalesIntakeSink(period: Period(year: 2023, month: 1)!, makeStore: { MemoryOrderLines() }) })
        let s = try streaming.read(directory: folder.path)
        XCTAssertEqual(s.files.first { $0.kind == .sales }?.columnFailures, [])
        XCTAssertEqual(s.sales.filter { $0.issue?.code == "ROW-BAD-VALUE" }.count, 0)
    }

    // MARK: failures per column

    func testFailuresAreCountedPerColumnWithTheHeaderTheFileUsedASampleAndTheForms() throws {
        var text = "报销单号,员工编号,日期,类别,城市,金额,提交日期\n"
        for i in 0..<12 { text += "C\(i),E1,2023-03-0\(1 + i % 9),餐费,北京,$\(10 + i).00,2023-04-02\n" }
        text += "C99,E1,2023-03-bad,餐费,北京,12.00,2023-04-02\n"
        let (_, set) = try readOne("报销.csv", text)
        let f = set.files[0]
        XCTAssertEqual(f.columnFailures.map(\.column), ["date", "amount"])
        let amount = f.columnFailures[1]
        XCTAssertEqual(amount.header, "金额")
        XCTAssertEqual(amount.failed, 12)
        XCTAssertEqual(amount.samples, ["$10.00", "$11.00", "$12.00"])
        XCTAssertEqual(amount.forms, ValueParser.moneyForms)
        XCTAssertEqual(f.columnFailures[0].failed, 1)
        // The close's decision (SalesCore): more than half of 13 rows and at least 10.
        let stops = WholeColumnStop.find(set.files, policy: .default)
        XCTAssertEqual(stops.map(\.failure.column), ["amount"])
        let m = stops[0].message
        XCTAssertTrue(m.hasPrefix("报销.csv: error: the column 金额 (amount) fails on 12 of the file's 13 rows"), m)
        XCTAssertTrue(m.contains("\"$10.00\""), m)
        XCTAssertTrue(m.contains(ValueParser.moneyForms), m)
    }

    func testAReceiptNumberColumnInScientificNotationCountsAsFailing() throws {
        var text = header
        for i in 0..<12 { text += "C\(i),E1,2023-03-0\(1 + i % 9),meals,北京,10.00,9.78E+0\(i % 9 + 1),2023-04-02\n" }
        let (_, set) = try readOne("expenses.csv", text)
        XCTAssertTrue(set.expenses.allSatisfy { $0.issue?.code == "ROW-EXCEL-DAMAGE" })
        let f = try XCTUnwrap(set.files[0].columnFailures.first)
        XCTAssertEqual(f.column, "receipt_no")
        XCTAssertEqual(f.failed, 12)
        XCTAssertTrue(f.forms.contains("scientific notation"), f.forms)
        XCTAssertEqual(WholeColumnStop.find(set.files, policy: .default).map(\.failure.column), ["receipt_no"])
    }
}
