import XCTest
@testable import SalesCore

final class MessageTextTests: XCTestCase {
    func testEveryPatternCompiles() {
        for e in MessageText.valueEntries + MessageText.entries {
            XCTAssertNotNil(e.pattern, "does not compile: \(e.template)")
        }
    }

    func testEnglishIsTheMessageAsMade() {
        let m = "amount \"abc\" is not an amount of money (accepted: \(Self.moneyForms))"
        XCTAssertEqual(MessageText.render(m, .en), m)
    }

    static let moneyForms = "1234.50, 1,234.50, ¥1,234.50, ￥1234.5, 1234.5元, RMB 1234.50, CNY1234.5, -12.30 or (12.30)"
    static let dateForms =
        "2023-03-27, 2023-3-27, 2023/3/27, 2023.3.27, 2023年3月27日, 23年3月27日 or 20230327; "
        + "27/03/2023 or 3/27/23 when every date of the column is written so and one has a day above 12"

    func testValueErrorsNameTheColumnAsTheFileDoes() {
        XCTAssertEqual(
            MessageText.render("amount \"abc\" is not an amount of money (accepted: \(Self.moneyForms))", .zh, headers: ["amount": "报销金额"]),
            "报销金额\"abc\"不是金额（可接受：1234.50、1,234.50、¥1,234.50、￥1234.5、1234.5元、RMB 1234.50、CNY1234.5、-12.30或(12.30)）")
        XCTAssertEqual(MessageText.render("date \"2023-02-30\" is not a real day: 2023-02 has 28 days", .zh), "日期\"2023-02-30\"不是有效日期：2023年02月只有28天")
        XCTAssertEqual(MessageText.render("city is empty; a travel day needs its city", .zh, headers: ["city": "地点"]), "地点为空；出差日必须填写城市")
        XCTAssertEqual(
            MessageText.render(
                "date \"3/4/23\" is ambiguous (day-first or month-first), and its column does not settle which (every date of the column written so, and one with a first or second part above 12); accepted: \(Self.dateForms)",
                .zh),
            "日期\"3/4/23\"无法判断日在前还是月在前，该列也不能确定（须该列所有日期都这样写，且至少有一个日期的第一或第二部分大于12）；可接受：2023-03-27、2023-3-27、2023/3/27、2023.3.27、2023年3月27日、23年3月27日或20230327；27/03/2023或3/27/23须该列所有日期都这样写，且至少有一个日期的日大于12"
        )
    }

    func testValidationMessages() {
        XCTAssertEqual(MessageText.render("employee_id \"E0999\" is not in the roster", .zh), "员工编号\"E0999\"不在花名册内")
        XCTAssertEqual(MessageText.render("order SO1 line 2 already stands on an earlier row", .zh), "订单SO1第2行在前面的行里已经有了")
        XCTAssertEqual(
            MessageText.render("employee E0007 (王五) is not active on 2023-03-02 (hired 2023-01-05, left 2023-02-28)", .zh),
            "员工E0007（王五）在2023-03-02不在职（入职日期2023-01-05，离职日期2023-02-28）")
        XCTAssertEqual(
            MessageText.render(
                "date 2023-01-31 is in 2023-01, not in the period being closed (2023-03); only lines of the closed month before (2023-02) are taken as late claims",
                .zh),
            "日期2023-01-31属于2023-01，不在本次结账的月份（2023-03）；只有上月（2023-02，已结账）的费用可以补报")
        XCTAssertEqual(
            MessageText.render("amount 900.00 is more than the outstanding advance of E0004 at that point (500.00)", .zh, headers: ["amount": "金额"]),
            "金额900.00超过E0004当时的借款余额（500.00）")
    }

    func testAMessageWithoutAnEntryStaysAsMade() {
        XCTAssertNil(MessageText.zh("something new happened"))
        XCTAssertEqual(MessageText.render("something new happened", .zh), "something new happened")
    }
}

final class MessageLineTests: XCTestCase {
    func testALineKeepsItsPlaceAndWordAndTranslatesTheMessage() {
        XCTAssertEqual(
            MessageText.line(
                "error: the sales rows fall in several months (2023-01, 2023-02); say which to close with --period YYYY-MM (make: PERIOD=YYYY-MM)", .zh),
            "error: 销售行分属几个月份（2023-01, 2023-02）；请用 --period YYYY-MM 指定要结哪个月（make：PERIOD=YYYY-MM）")
        XCTAssertEqual(
            MessageText.line("error: ledger out/ledger.sqlite: 2023-01 cannot be reopened while 2023-02 is closed", .zh),
            "error: 总账 out/ledger.sqlite：2023-02 已结账，不能重开 2023-01")
        XCTAssertEqual(MessageText.line("sales.csv: note: ignored columns: 备注, 颜色", .zh), "sales.csv: note: 未用的列（已忽略）：备注, 颜色")
        XCTAssertEqual(
            MessageText.line("x.csv:4:1: error: ROW-UNKNOWN-EMPLOYEE employee_id \"E9\" is not in the roster", .zh),
            "x.csv:4:1: error: ROW-UNKNOWN-EMPLOYEE 员工编号\"E9\"不在花名册内")
        XCTAssertEqual(
            MessageText.line("error: the ledger out/ledger.sqlite is missing, but out holds closed periods: 2023-01, 2023-02", .en),
            "error: the ledger out/ledger.sqlite is missing, but out holds closed periods: 2023-01, 2023-02")
        XCTAssertEqual(
            MessageText.line("error: the ledger out/ledger.sqlite is missing, but out holds closed periods: 2023-01, 2023-02", .zh),
            "error: 总账 out/ledger.sqlite 不见了，但 out 中有已结账的月份：2023-01, 2023-02")
    }
}

final class MessageRowShapeTests: XCTestCase {
    func testFieldCountAndStrayQuoteInChinese() {
        XCTAssertEqual(
            MessageText.render("the row has 11 fields but the header has 12 (a missing or extra comma, or a value with one that is not in quotes)", .zh),
            "本行有 11 栏，表头有 12 栏（少了或多了逗号，或者某个含逗号的值没有加引号）")
        XCTAssertEqual(
            MessageText.render(
                "line 172, column 6: the quote (\") that opens 客户名称 (customer_name) is not closed on its line and runs into line 173, which reads as a whole record (it holds a comma for every one of the header's); a stray quote, so the row is rejected and reading goes on at line 173; remove the quote, or close it, and export again",
                .zh),
            "第 172 行第 6 栏：客户名称 (customer_name) 开头的引号（\"）在本行没有闭合，一直延伸到第 173 行，而第 173 行本身就是一条完整的记录（逗号与表头一样多）；这是一个多余的引号，本行退回，从第 173 行起继续读取；请删除或补全这个引号后重新导出")
    }
}

final class MessageWholeColumnTests: XCTestCase {
    func testTheWholeColumnStopInChinese() {
        let en =
            "expenses.csv: error: the column 金额 (amount) fails on 753 of the file's 753 rows, so the close stops: a format problem of the export, not rows to reject one by one; it holds values such as \"$1,080.00\", \"$34.00\"; accepted: 1234.50, 1,234.50, ¥1,234.50, ￥1234.5, 1234.5元, RMB 1234.50, CNY1234.5, -12.30 or (12.30); export the column again in an accepted form (nothing was written)"
        XCTAssertEqual(
            MessageText.line(en, .zh),
            "expenses.csv: error: 金额 (amount) 这一列在文件的 753 行中有 753 行读不出来，结账停止：这是导出格式的问题，不是逐行退回的问题；该列的值例如 \"$1,080.00\", \"$34.00\"；可接受：1234.50、1,234.50、¥1,234.50、￥1234.5、1234.5元、RMB 1234.50、CNY1234.5、-12.30或(12.30)；请按可接受的格式重新导出该列（没有写出任何文件）"
        )
    }
}

final class MessageNotesTests: XCTestCase {
    func testFilesAndSheetsNotReadAreSaidInChinese() {
        XCTAssertEqual(
            MessageText.line("notes.docx: note: not read: a .docx file; only .csv, .tsv, .txt, .xlsx and .xlsm files are read", .zh),
            "notes.docx: note: 未读取：这是 .docx 文件；只读取 .csv、.tsv、.txt、.xlsx 和 .xlsm 文件")
        XCTAssertEqual(
            MessageText.line("book.xlsx:说明: note: not read: a hidden sheet; only the sheets a user sees are read", .zh),
            "book.xlsx:说明: note: 未读取：隐藏的工作表；只读取看得见的工作表")
    }
}
