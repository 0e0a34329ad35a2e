import Foundation
import XCTest
@testable import Ingest
import SalesCore

/// A sheet's columns as the CSV row path counts them (issue 13): failures per column for the whole-column stop, the
/// file's own header names, and day-first or month-first text dates read in the order their column settles.
final class XlsxColumnsTests: XCTestCase {
    var temp: TempFolder!
    override func setUp() { temp = TempFolder() }
    override func tearDown() { temp.cleanup() }
    func tempPath(_ name: String) -> String { (temp.path as NSString).appendingPathComponent(name) }

    /// An inline string cell.
    func s(_ text: String) -> String { "<c t=\"inlineStr\"><is><t>\(text)</t></is></c>" }

    /// One sheet (`Sheet1`) of inline strings: the header, then the rows.
    func writeSheet(_ path: String, _ header: [String], _ rows: [[String]]) throws {
        var table: [(Int, [String])] = [(1, header.map(s))]
        for (i, r) in rows.enumerated() { table.append((i + 2, r.map { $0.isEmpty ? "<c/>" : s($0) })) }
        try TestWorkbook.write(path, sheets: [("Sheet1", TestWorkbook.sheet(table))])
    }

    func readSheets(_ path: String, as name: String, reader: InputReader = InputReader(cityAliases: [])) throws -> InputSet {
        var ignored: [(file: String, reason: String)] = []
        let files = try reader.prepareWorkbook(name: name, path: path, ext: InputReader.fileExtension(name), ignored: &ignored)
        var set = InputSet()
        for (i, f) in files.enumerated() { try reader.readRows(f, fileOrder: i, into: &set) }
        return set
    }

    func testASheetCountsItsColumnsFailuresWithItsOwnHeaderForTheWholeColumnStop() throws {
        let path = tempPath("报销.xlsx")
        var rows: [[String]] = []
        for i in 0..<12 { rows.append(["C\(i)", "E1", "2023-03-0\(1 + i % 9)", "餐费", "北京", "$\(10 + i).00", "2023-04-02"]) }
        rows.append(["C99", "E1", "2023-03-bad", "餐费", "北京", "12.00", "2023-04-02"])
        try writeSheet(path, ["报销单号", "员工编号", "日期", "类别", "城市", "金额", "提交日期"], rows)
        let set = try readSheets(path, as: "报销.xlsx")
        let f = try XCTUnwrap(set.files.first)
        XCTAssertEqual(f.file, "报销.xlsx:Sheet1")
        XCTAssertEqual(f.headers["amount"], "金额")
        XCTAssertEqual(f.headers["claim_id"], "报销单号")
        XCTAssertEqual(f.columnFailures.map(\.column), ["date", "amount"])
        let amount = f.columnFailures[1]
        XCTAssertEqual(amount.header, "金额")
        XCTAssertEqual(amount.failed, 12)
        XCTAssertEqual(amount.samples, ["$10.00", "$11.00", "$12.00"])
        XCTAssertEqual(amount.forms, ValueParser.moneyForms)
        XCTAssertEqual(f.columnFailures[0].failed, 1)
        // The close's decision (SalesCore), as for a CSV file: more than half of 13 rows and at least 10.
        let stops = WholeColumnStop.find(set.files, policy: .default)
        XCTAssertEqual(stops.map(\.failure.column), ["amount"])
        XCTAssertTrue(stops[0].message.hasPrefix("报销.xlsx:Sheet1: error: the column 金额 (amount) fails on 12 of the file's 13 rows"), stops[0].message)
    }

    func testAnIDColumnOfLongNumbersCountsAsFailing() throws {
        let path = tempPath("expenses.xlsx")
        var table: [(Int, [String])] = [
            (1, ["claim_id", "employee_id", "date", "category", "amount", "receipt_no", "submitted_on"].map(s))
        ]
        for i in 0..<12 {
            table.append(
                (i + 2, [s("C\(i)"), s("E1"), s("2023-03-02"), s("meals"), "<c><v>10</v></c>", "<c><v>97800000000\(1000 + i)</v></c>", s("2023-04-02")]))
        }
        try TestWorkbook.write(path, sheets: [("Sheet1", TestWorkbook.sheet(table))])
        let set = try readSheets(path, as: "expenses.xlsx")
        XCTAssertTrue(set.expenses.allSatisfy { $0.issue?.code == "ROW-EXCEL-DAMAGE" }, "\(set.expenses.map(\.issue))")
        let f = try XCTUnwrap(set.files[0].columnFailures.first)
        XCTAssertEqual(f.column, "receipt_no")
        XCTAssertEqual(f.failed, 12)
        XCTAssertEqual(WholeColumnStop.find(set.files, policy: .default).map(\.failure.column), ["receipt_no"])
    }

    let salesHeader = ["date", "order_id", "employee_id", "customer_id", "product", "quantity", "amount"]

    func testMonthFirstTextDatesSettleOverTheWholeSheet() throws {
        let path = tempPath("sales.xlsx")
        // 1/1/23 … : ambiguous until 1/13/23, the column settles month-first; every row reads.
        let rows = (0..<60).map { i in ["\(1 + i % 3)/\(1 + i % 28)/23", "SO\(i)", "E1", "C1", "P", "1", "10.00"] }
        try writeSheet(path, salesHeader, rows)
        let set = try readSheets(path, as: "sales.xlsx")
        XCTAssertTrue(set.sales.allSatisfy { $0.issue == nil }, "\(set.sales.compactMap(\.issue).first.map(\.message) ?? "")")
        XCTAssertEqual(set.sales.count, 60)
        XCTAssertEqual(set.sales.map(\.ref.line), Array(2...61), "in reading order")
        XCTAssertEqual(set.sales[27].value?.date.description, "2023-01-28")
        XCTAssertEqual(set.sales[1].value?.date.description, "2023-02-02")
        XCTAssertEqual(set.files[0].columnFailures, [])
    }

    func testDatesThatSettleNoOrderStayRejected() throws {
        let path = tempPath("sales.xlsx")
        // No part above 12: ambiguous, and the column fails on every row.
        var rows = (0..<12).map { i in ["\(1 + i % 12)/\(1 + i % 12)/23", "SO\(i)", "E1", "C1", "P", "1", "10.00"] }
        // And an ISO date among day-first ones: the column is not written one way, nothing settles.
        rows.append(["2023-01-05", "SO99", "E1", "C1", "P", "1", "10.00"])
        rows.append(["27/01/2023", "SO98", "E1", "C1", "P", "1", "10.00"])
        try writeSheet(path, salesHeader, rows)
        let set = try readSheets(path, as: "sales.xlsx")
        XCTAssertEqual(set.sales.filter { $0.issue?.code == "ROW-BAD-VALUE" && $0.issue?.column == "date" }.count, 13)
        XCTAssertEqual(set.sales.map(\.ref.line), Array(2...15))
        XCTAssertEqual(set.files[0].columnFailures.map(\.column), ["date"])
        XCTAssertEqual(set.files[0].columnFailures.first?.failed, 13)
    }

    /// A sales sheet in a folder read with the sales stream: its rows go to the sink, settled the same way, and the
    /// rows the sink does not take are kept in reading order.
    func testAStreamedSalesSheetHandsItsRowsToTheSinkSettled() throws {
        temp.writeRequired(except: [.sales, .roster])
        temp.write("roster.csv", "employee_id,name,role,region,hire_date\nE1,张三,sales_rep,华东,2020-01-01\n")
        var rows = (0..<40).map { i in ["\(1 + i % 28)/01/2023", "SO\(i)", "E1", "C1", "P", "1", "10.00"] }
        rows.append(["1/01/2023", "SO0", "E1", "C1", "P", "1", "10.00"])  // a duplicate of row 2, once its date reads
        rows.append(["2/01/2023", "SO77", "E9", "C1", "P", "1", "10.00"])  // an unknown employee
        try writeSheet(tempPath("sales.xlsx"), salesHeader, rows)
        var reader = InputReader(cityAliases: [])
        reader.salesStreaming = SalesStreaming(
            chunkSize: 512, makeSink: { SalesIntakeSink(period: Period(year: 2023, month: 1)!, makeStore: { MemoryOrderLines() }) })
        let set = try reader.read(directory: temp.path)
        let f = try XCTUnwrap(set.files.first { $0.kind == .sales })
        XCTAssertEqual(f.file, "sales.xlsx:Sheet1")
        XCTAssertEqual(f.rows, 42)
        XCTAssertEqual(f.columnFailures, [])
        XCTAssertEqual(f.headers["order_id"], "order_id")
        XCTAssertEqual(set.sales.filter { $0.issue?.code == "ROW-BAD-VALUE" }.count, 0, "\(set.sales.map(\.issue))")
        XCTAssertEqual(set.sales.map(\.ref.line), [42, 43], "\(set.sales.map(\.issue))")
        XCTAssertEqual(set.sales.map { $0.issue?.code }, ["ROW-DUPLICATE", "ROW-UNKNOWN-EMPLOYEE"])
    }
}
