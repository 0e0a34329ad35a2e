import Foundation
import XCTest
@testable import Ingest
import SalesCore

/// inputs.md "A stray quote" (issue 14 item 6): a quoted field that runs over a line end into what reads as whole
/// records is ROW-UNBALANCED-QUOTE for the record that opened it; reading resumes at the line after it.
final class StrayQuoteTests: XCTestCase {
    // 9 columns, 8 delimiters.
    let header = "date,order_id,employee_id,customer_id,customer_name,product,quantity,amount,remitted\n"

    func testROW_UNBALANCED_QUOTE_rejectsOnlyTheLineThatOpenedItAndReadingResumesOnTheNextLine() throws {
        let stray = "2023-03-01,SO170,E1,C055003,\"襄城农资总经销,有机肥 40kg,2,860.00,0"
        let text =
            header
            + stray + "\n"
            + "2023-03-01,SO171,E1,C055004,许昌农场,磷肥,4,43056.00,0\n"
            + "2023-03-02,SO172,E1,C055005,\"禹州,农资\",尿素,1,100.00,0\n"
        let (file, set) = try readOne("sales.csv", text)
        XCTAssertEqual(file.scanner.strayQuoteDelimiters, 8)
        XCTAssertEqual(set.files[0].rows, 3)
        XCTAssertEqual(set.files[0].blank, 0)
        XCTAssertEqual(set.sales.map(\.ref.line), [2, 3, 4])
        let bad = set.sales[0]
        XCTAssertNil(bad.value)
        XCTAssertEqual(bad.issue?.code, "ROW-UNBALANCED-QUOTE")
        XCTAssertEqual(bad.issue?.column, "customer_name")
        XCTAssertEqual(bad.issue?.columnNumber, 5)
        XCTAssertEqual(bad.raw, stray)
        XCTAssertEqual(bad.location(column: bad.issue?.column), SourceLocation(file: "sales.csv", line: 2, column: 5))
        let message = try XCTUnwrap(bad.issue?.message)
        XCTAssertTrue(message.contains("line 2"), message)
        XCTAssertTrue(message.contains("column 5"), message)
        XCTAssertTrue(message.contains("line 3"), message)
        XCTAssertTrue(message.contains("customer_name"), message)
        // The line after it is read on its own: order SO171 and its amount are not lost.
        XCTAssertEqual(set.sales[1].value?.orderId, "SO171")
        XCTAssertEqual(set.sales[1].value?.amount, Money(fen: 4_305_600))
        XCTAssertEqual(set.sales[2].value?.customerName, "禹州,农资")
        XCTAssertNil(set.sales[1].issue)
        XCTAssertNil(set.sales[2].issue)
    }

    func testROW_UNBALANCED_QUOTE_namesTheHeaderTheFileUsed() throws {
        let text =
            "日期,订单号,业务员,客户编号,客户名称,产品,数量,金额,回款\n"
            + "2023-03-01,SO1,E1,C1,\"甲,磷肥,1,10.00,0\n2023-03-01,SO2,E1,C2,乙,磷肥,1,10.00,0\n"
        let (_, set) = try readOne("销售.csv", text)
        let issue = try XCTUnwrap(set.sales.first?.issue)
        XCTAssertEqual(issue.code, "ROW-UNBALANCED-QUOTE")
        XCTAssertEqual(issue.column, "customer_name")
        XCTAssertTrue(issue.message.contains("客户名称 (customer_name)"), issue.message)
        XCTAssertNil(set.sales[1].issue)
    }

    func testAQuotedLineBreakWhoseContinuationHoldsFewerDelimitersThanTheHeaderStaysOneRecord() throws {
        // The continuation line holds 7 delimiters inside the quote at most… here 1: a real line break in a name.
        let text =
            header
            + "2023-03-01,SO1,E1,C1,\"甲公司,\n第二行,仓库\",磷肥,1,10.00,0\n"
            + "2023-03-01,SO2,E1,C2,乙,磷肥,1,10.00,0\n"
        let (_, set) = try readOne("sales.csv", text)
        XCTAssertEqual(set.files[0].rows, 2)
        XCTAssertEqual(set.sales.map(\.ref.line), [2, 4])
        XCTAssertEqual(set.sales[0].value?.customerName, "甲公司,\n第二行,仓库")
        XCTAssertNil(set.sales[0].issue)
        // A first field with a line break, the rest of the record on the next line (csv-spectrum's newlines case).
        let first = "a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n"
        var s = CSVScanner(text: first)
        s.strayQuoteDelimiters = 2
        let all = try s.all()
        XCTAssertEqual(all.map(\.fields), [["a", "b", "c"], ["1", "2", "3"], ["Once upon \na time", "5", "6"], ["7", "8", "9"]])
        XCTAssertTrue(all.allSatisfy { $0.strayQuote == nil })
    }

    func testAContinuationLineWithAsManyDelimitersAsTheHeaderIsWhereTheQuoteTurnsStray() throws {
        // The quote opened on line 2 runs over line 3 (2 delimiters: could be a name) into line 4 (8: a record).
        let text =
            header
            + "2023-03-01,SO1,E1,C1,\"甲,磷肥,1,10.00,0\n"
            + "乙,丙,丁\n"
            + "2023-03-01,SO2,E1,C2,乙,磷肥,1,10.00,0\n"
        let (_, set) = try readOne("sales.csv", text)
        XCTAssertEqual(set.files[0].rows, 3)
        XCTAssertEqual(set.sales.map(\.ref.line), [2, 3, 4])
        XCTAssertEqual(set.sales[0].issue?.code, "ROW-UNBALANCED-QUOTE")
        XCTAssertTrue(set.sales[0].issue!.message.contains("runs into line 4"), set.sales[0].issue!.message)
        XCTAssertEqual(set.sales[1].issue?.code, "ROW-FIELD-COUNT")
        XCTAssertNil(set.sales[2].issue)
    }

    func testROW_UNBALANCED_QUOTE_atTheEndOfTheFileRejectsTheLineAndReadsTheRest() throws {
        // Never closed, and no line after it reads as a record: the same rule, not a file error.
        let text = header + "2023-03-01,SO1,E1,C1,乙,磷肥,1,10.00,0\n2023-03-01,SO2,E1,C2,\"丙,磷肥,1,10.00,0\n短行\n"
        let (_, set) = try readOne("sales.csv", text)
        XCTAssertEqual(set.files[0].rows, 3)
        XCTAssertEqual(set.sales.map(\.ref.line), [2, 3, 4])
        XCTAssertNil(set.sales[0].issue)
        XCTAssertEqual(set.sales[1].issue?.code, "ROW-UNBALANCED-QUOTE")
        XCTAssertTrue(set.sales[1].issue!.message.contains("never closed"), set.sales[1].issue!.message)
        XCTAssertEqual(set.sales[1].raw, "2023-03-01,SO2,E1,C2,\"丙,磷肥,1,10.00,0")
        XCTAssertEqual(set.sales[2].issue?.code, "ROW-FIELD-COUNT")
        // On the last line without a final line break.
        let (_, last) = try readOne("sales.csv", header + "2023-03-01,SO2,E1,C2,\"丙,磷肥,1,10.00,0")
        XCTAssertEqual(last.files[0].rows, 1)
        XCTAssertEqual(last.sales.map { $0.issue?.code }, ["ROW-UNBALANCED-QUOTE"])
    }

    func testAStrayQuoteInARecordThatStartedOnAnEarlierLineRejectsTheRecordUpToTheQuotesLine() throws {
        // The record opens a real two-line name on line 2, then a stray quote on line 3 (its 6th field).
        let text =
            header
            + "2023-03-01,SO1,E1,C1,\"甲\n公司\",\"磷肥,1,10.00,0\n"
            + "2023-03-01,SO2,E1,C2,乙,磷肥,1,10.00,0\n"
        let (_, set) = try readOne("sales.csv", text)
        XCTAssertEqual(set.files[0].rows, 2)
        XCTAssertEqual(set.sales.map(\.ref.line), [2, 4])
        XCTAssertEqual(set.sales[0].issue?.code, "ROW-UNBALANCED-QUOTE")
        XCTAssertEqual(set.sales[0].issue?.column, "product")
        XCTAssertEqual(set.sales[0].raw, "2023-03-01,SO1,E1,C1,\"甲\n公司\",\"磷肥,1,10.00,0")
        XCTAssertNil(set.sales[1].issue)
    }

    func testRowsReconcileWithStrayQuotesReadInPartsOnBothCores() throws {
        // Many stray quotes, blank lines and legitimate quoted breaks; the parallel reading gives the single pass's rows.
        var text = header
        for i in 0..<400 {
            switch i % 7 {
            case 0: text += "2023-03-01,SO\(i),E1,C1,\"stray,磷肥,1,10.00,0\n"
            case 2: text += "\n"
            case 3: text += "2023-03-01,SO\(i),E1,C1,\"two\nlines\",磷肥,1,10.00,0\n"
            default: text += "2023-03-01,SO\(i),E1,C1,名,磷肥,1,10.00,0\n"
            }
        }
        let reader = InputReader(cityAliases: [])
        var parts = reader
        parts.parallelThreshold = 100
        let file = try reader.prepare(name: "sales.csv", bytes: Array(text.utf8))
        var one = InputSet(), two = InputSet()
        try reader.readRows(file, fileOrder: 0, into: &one)
        try parts.readRows(file, fileOrder: 0, into: &two)
        XCTAssertEqual(one.files, two.files)
        XCTAssertEqual(one.sales.map(\.ref), two.sales.map(\.ref))
        XCTAssertEqual(one.sales.map(\.issue), two.sales.map(\.issue))
        let f = one.files[0]
        XCTAssertEqual(f.rows, one.sales.count + f.blank)
        XCTAssertEqual(one.sales.filter { $0.issue?.code == "ROW-UNBALANCED-QUOTE" }.count, 58)
        XCTAssertEqual(one.sales.filter { $0.issue == nil }.count, 400 - 58 - 57)
    }
}
