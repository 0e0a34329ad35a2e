import XCTest
@testable import Ingest
import SalesCore

final class RowReadingTests: XCTestCase {
    let salesHeader = "date,order_id,employee_id,customer_id,product,quantity,unit_price,amount,remitted\n"

    func testBlankAndDelimiterOnlyLinesCountAsBlankRows() throws {
        let (_, set) = try readOne("sales.csv", salesHeader + "2023-03-01,O1,E1,C1,P,1,,10,\n\n,,,,,,,,\n , ,,,,,,,\n2023-03-02,O2,E1,C1,P,1,,20,\n")
        let f = set.files[0]
        XCTAssertEqual(f.rows, 5)
        XCTAssertEqual(f.blank, 3)
        XCTAssertEqual(set.sales.count, 2)
        XCTAssertEqual(set.sales.map(\.ref.line), [2, 6])
    }

    func testWrongFieldCountRejectsTheWholeRowWithoutPaddingOrTruncating() throws {
        let (_, set) = try readOne("sales.csv", salesHeader + "2023-03-01,O1,E1,C1,P,1,,10\n2023-03-01,O2,E1,C1,P,1,,10,0,extra\n")
        XCTAssertEqual(set.sales.count, 2)
        for row in set.sales {
            XCTAssertNil(row.value)
            XCTAssertEqual(row.issue?.code, "ROW-FIELD-COUNT")
            XCTAssertNil(row.issue?.column)
            XCTAssertEqual(row.issue?.columnNumber, 0)
            XCTAssertTrue(row.money.isEmpty)
        }
        XCTAssertTrue(set.sales[0].issue!.message.contains("8 fields but the header has 9"))
        XCTAssertEqual(set.sales[1].raw, "2023-03-01,O2,E1,C1,P,1,,10,0,extra")
    }

    func testLineNumbersAndRawTextAfterAQuotedLineBreak() throws {
        let text = "employee_id,date,city,purpose\nE1,2023-03-01,北京,\"拜访\r\n客户\"\r\nE1,2023-03-02,上海,x\r\n"
        let (_, set) = try readOne("plans.csv", text)
        XCTAssertEqual(set.plans.map(\.ref.line), [2, 4])
        XCTAssertEqual(set.plans[0].value?.purpose, "拜访\n客户")
        XCTAssertEqual(set.plans[0].raw, "E1,2023-03-01,北京,\"拜访\r\n客户\"")
    }

    func testTheFirstErrorInColumnOrderIsTheIssueAndColumnNumbersAreOneBased() throws {
        // amount (col 8) and date (col 1) both bad: date is first (03/04/2023: the column settles no order).
        let (_, set) = try readOne("sales.csv", salesHeader + "03/04/2023,O1,E1,C1,P,1,,\"12,34.5\",\n")
        let row = set.sales[0]
        XCTAssertEqual(row.issue?.code, "ROW-BAD-VALUE")
        XCTAssertEqual(row.issue?.column, "date")
        XCTAssertEqual(row.issue?.columnNumber, 1)
        XCTAssertTrue(row.issue!.message.hasPrefix("date \"03/04/2023\" is ambiguous"), row.issue!.message)
        XCTAssertEqual(row.columnNumbers["amount"], 8)
        XCTAssertEqual(row.badMoneyCells, 1)
    }

    func testBadMoneyIsRowBadValueNamingTheColumn() throws {
        let (_, set) = try readOne("sales.csv", salesHeader + "2023-03-01,O1,E1,C1,P,1,5.00,\"12,34.5\",1.00\n")
        let row = set.sales[0]
        XCTAssertEqual(row.issue?.code, "ROW-BAD-VALUE")
        XCTAssertEqual(row.issue?.column, "amount")
        XCTAssertTrue(row.issue!.message.hasPrefix("amount \"12,34.5\" is not an amount of money (accepted:"), row.issue!.message)
        // The cells that parsed are still there for the reconciliation.
        XCTAssertEqual(row.money.map(\.column), ["unit_price", "remitted"])
        XCTAssertEqual(row.money.map(\.value.fen), [500, 100])
        XCTAssertEqual(row.badMoneyCells, 1)
    }

    func testEmptyRequiredFieldIsRowMissingWithTheColumn() throws {
        let (_, set) = try readOne("sales.csv", salesHeader + "2023-03-01,O1, ,C1,P,1,,10,\n")
        XCTAssertEqual(set.sales[0].issue?.code, "ROW-MISSING")
        XCTAssertEqual(set.sales[0].issue?.column, "employee_id")
        XCTAssertEqual(set.sales[0].issue?.columnNumber, 3)
    }

    func testSalesDefaultsAndValues() throws {
        let (_, set) = try readOne("sales.csv", "日期,订单号,业务员,客户编号,产品,数量,金额,新客户\n2023/3/5 10:00,A-1,E1,C1,尿素,2.5,\"¥1,234.50\",√\n")
        let v = try XCTUnwrap(set.sales[0].value)
        XCTAssertEqual(v.lineNo, 1)
        XCTAssertEqual(v.remitted, .zero)
        XCTAssertEqual(v.amount.fen, 123_450)
        XCTAssertEqual(v.quantity.units, 25_000)
        XCTAssertEqual(v.newCustomer, true)
        XCTAssertEqual(v.date.description, "2023-03-05")
    }

    /// Input text is shown as given; normalisation is for comparing only (outputs.md): 张市 is compared as 张 and
    /// shown as 张市.
    func testAnExpenseCityIsComparedNormalisedAndShownAsWritten() throws {
        let (_, set) = try readOne(
            "expenses.csv",
            "claim_id,employee_id,date,category,city,amount,receipt_no,submitted_on\n"
                + "B1,E1,2023-03-02,住宿,张市,100.00,R1,2023-03-05\nB2,E1,2023-03-03,住宿, 廣州 ,100.00,R2,2023-03-05\n")
        XCTAssertEqual(set.expenses[0].accepted?.city, "张")
        XCTAssertEqual(set.expenses[0].accepted?.cityShown, "张市")
        XCTAssertEqual(set.expenses[1].accepted?.city, "广州")
        XCTAssertEqual(set.expenses[1].accepted?.cityShown, "廣州")
    }

    func testAttendanceCityRequiredWhenTravelling() throws {
        let (_, set) = try readOne("attendance.csv", "date,employee_id,status,city\n2023-03-01,E1,出差,\n2023-03-02,E1,office,\n2023-03-03,E1,travel,北京市\n")
        XCTAssertEqual(set.attendance[0].issue?.code, "ROW-MISSING")
        XCTAssertEqual(set.attendance[0].issue?.column, "city")
        XCTAssertNotNil(set.attendance[1].accepted)
        XCTAssertEqual(set.attendance[2].accepted?.city, "北京")
        let (_, noCity) = try readOne("attendance.csv", "date,employee_id,status\n2023-03-01,E1,出差\n")
        XCTAssertEqual(noCity.attendance[0].issue?.code, "ROW-MISSING")
        XCTAssertEqual(noCity.attendance[0].issue?.column, "city")
        XCTAssertEqual(noCity.attendance[0].issue?.columnNumber, 0)
    }

    let expHeader = "claim_id,employee_id,date,category,transport_mode,city,nights,amount,receipt_no,receipt_kind,submitted_on\n"

    func testExpenseConditionalRequirementsAndDefaults() throws {
        let text =
            expHeader
            + "C1,E1,2023-03-01,transport,,北京,,100,,,2023-03-31\n"  // transport without mode
            + "C1,E1,2023-03-01,住宿,,,,100,,,2023-03-31\n"  // lodging without city
            + "C1,E1,2023-03-01,meals,,,,50,,,2023-03-31\n"  // meals without city
            + "C1,E1,2023-03-01,lodging,,上海,,300,,,2023-03-31\n"  // nights default 1, kind electronic
            + "C1,E1,2023-03-01,transport,高铁,,abc,80,R1,手写,2023-03-31\n"  // nights ignored off lodging
            + "C1,E1,2023-03-01,lodging,,上海,0,300,,,2023-03-31\n"  // zero nights on lodging
        let (_, set) = try readOne("expenses.csv", text)
        let e = set.expenses
        XCTAssertEqual(e[0].issue?.code, "ROW-MISSING"); XCTAssertEqual(e[0].issue?.column, "transport_mode")
        XCTAssertEqual(e[1].issue?.code, "ROW-MISSING"); XCTAssertEqual(e[1].issue?.column, "city")
        XCTAssertEqual(e[2].issue?.code, "ROW-MISSING"); XCTAssertEqual(e[2].issue?.column, "city")
        XCTAssertEqual(e[3].accepted?.nights, 1)
        XCTAssertEqual(e[3].accepted?.receiptKind, .electronic)
        XCTAssertEqual(e[4].accepted?.transportMode, .train)
        XCTAssertEqual(e[4].accepted?.receiptKind, .handwritten)
        XCTAssertEqual(e[4].accepted?.nights, 1)
        XCTAssertEqual(e[5].issue?.column, "nights")
    }

    func testExpenseAmountMustBeAboveZero() throws {
        let (_, set) = try readOne("expenses.csv", expHeader + "C1,E1,2023-03-01,other,,,,0,,,2023-03-31\nC1,E1,2023-03-01,other,,,,(5.00),,,2023-03-31\n")
        for r in set.expenses {
            XCTAssertEqual(r.issue?.code, "ROW-BAD-VALUE")
            XCTAssertEqual(r.issue?.column, "amount")
            XCTAssertEqual(r.money.count, 1)  // parsed, counted for reconciliation
        }
    }

    func testScientificNotationReceiptAndOrderNumbersAreExcelDamage() throws {
        let (_, exp) = try readOne("expenses.csv", expHeader + "C1,E1,2023-03-01,other,,,,10,1.23457E+11,,2023-03-31\n")
        XCTAssertEqual(exp.expenses[0].issue?.code, "ROW-EXCEL-DAMAGE")
        XCTAssertEqual(exp.expenses[0].issue?.column, "receipt_no")
        XCTAssertTrue(exp.expenses[0].issue!.message.contains("scientific notation"))
        XCTAssertTrue(exp.expenses[0].issue!.message.contains("Text"))
        let (_, sales) = try readOne("sales.csv", salesHeader + "2023-03-01,2.02303E+13,E1,C1,P,1,,10,\n")
        XCTAssertEqual(sales.sales[0].issue?.code, "ROW-EXCEL-DAMAGE")
        XCTAssertEqual(sales.sales[0].issue?.column, "order_id")
        let (_, rem) = try readOne("remittances.csv", "date,employee_id,customer_id,amount,receipt_no,order_id\n2023-03-01,E1,C1,10,R-1,4.5E+12\n")
        XCTAssertEqual(rem.remittances[0].issue?.code, "ROW-EXCEL-DAMAGE")
        XCTAssertEqual(rem.remittances[0].issue?.column, "order_id")
    }

    func testControlCharactersAreRemovedAndFlaggedTheRowAccepted() throws {
        let (_, set) = try readOne("plans.csv", "employee_id,date,city,purpose\nE1,2023-03-01,北京,\"visit\u{07}\tA\nB\"\n")
        let row = set.plans[0]
        XCTAssertEqual(row.accepted?.purpose, "visit\tA\nB")
        XCTAssertEqual(row.flags, [RowFlag(code: "ROW-CONTROL-CHARS", column: "purpose", columnNumber: 4)])
    }

    func testTextOverExcelsLimitIsCutAndFlagged() throws {
        // The limit is the writer's, handed in (the close hands in XlsxWriter's 32,767 units, see the end-to-end tests).
        let long = String(repeating: "长", count: 40_000)
        let limit = CellTextLimit(units: 32_767, cut: { String($0.utf16.prefix(32_767)) ?? "" })
        let (_, set) = try readOne("plans.csv", "employee_id,date,city,purpose\nE1,2023-03-01,北京,\(long)\n", cellText: limit)
        XCTAssertEqual(set.plans[0].accepted?.purpose?.utf16.count, 32_767)
        XCTAssertEqual(set.plans[0].flags.map(\.code), ["ROW-TEXT-CUT"])
        let (_, whole) = try readOne("plans.csv", "employee_id,date,city,purpose\nE1,2023-03-01,北京,\(long)\n")
        XCTAssertEqual(whole.plans[0].accepted?.purpose?.utf16.count, 40_000, "no limit handed in: the text stays whole")
    }

    func testAdjustmentAmountSignsByKind() throws {
        let h = "adjustment_id,date,employee_id,kind,amount,approved_by\n"
        let (_, set) = try readOne(
            "adjustments.csv",
            h + "A1,2023-03-01,E1,还款,-10,M1\nA2,2023-03-01,E1,核销,0,M1\nA3,2023-03-01,E1,commission,-10,M1\nA4,2023-03-01,E1,reimbursement,25,\n")
        XCTAssertEqual(set.adjustments[0].issue?.column, "amount")
        XCTAssertEqual(set.adjustments[1].issue?.column, "amount")
        XCTAssertEqual(set.adjustments[2].accepted?.amount.fen, -1000)
        XCTAssertEqual(set.adjustments[3].issue?.code, "ROW-MISSING")
        XCTAssertEqual(set.adjustments[3].issue?.column, "approved_by")
    }

    func testAdvanceAmountMustBeAboveZero() throws {
        let (_, set) = try readOne("advances.csv", "advance_id,employee_id,date,amount\nB1,E1,2023-03-01,-100\nB2,E1,2023-03-01,1000\n")
        XCTAssertEqual(set.advances[0].issue?.code, "ROW-BAD-VALUE")
        XCTAssertEqual(set.advances[1].accepted?.amount.fen, 100_000)
    }

    func testRosterTargetsAndVisitsDefaults() throws {
        let (_, r) = try readOne(
            "roster.csv",
            "employee_id,name,role,level,region,hire_date,leave_date\nE1,A,director,,North,2020-01-01,\nE2,B,sales_rep,见习,North,2020-01-01,2019-01-01\n")
        XCTAssertEqual(r.roster[0].accepted?.level, .numbered(3))
        XCTAssertNil(r.roster[0].accepted?.leaveDate)
        XCTAssertEqual(r.roster[1].issue?.column, "leave_date")
        let (_, t) = try readOne("targets.csv", "period,employee_id,remittance_target\n2023/3/1,E1,\"10,000\"\n2023-03-15,E2,1\n")
        XCTAssertEqual(t.targets[0].accepted?.salesTarget, .zero)
        XCTAssertEqual(t.targets[0].accepted?.newOutletsTarget, 0)
        XCTAssertEqual(t.targets[0].accepted?.remittanceTarget.fen, 1_000_000)
        XCTAssertEqual(t.targets[0].accepted?.period.description, "2023-03")
        XCTAssertEqual(t.targets[1].issue?.column, "period")
        let (_, v) = try readOne("visits.csv", "date,employee_id,kind\n2023-03-01,E1,老客户\n2023-03-01,E1,lunch\n")
        XCTAssertEqual(v.visits[0].accepted?.kind, .existing)
        XCTAssertEqual(v.visits[1].issue?.code, "ROW-BAD-VALUE")
        XCTAssertTrue(v.visits[1].issue!.message.contains("accepted: new (新客户"))
    }

    func testCityAliasesFromThePolicyApply() throws {
        let (_, set) = try readOne(
            "plans.csv", "employee_id,date,city\nE1,2023-03-01, beijing \nE1,2023-03-02,臺北市\n",
            aliases: [("Beijing", "北京")])
        XCTAssertEqual(set.plans.map { $0.accepted?.city }, ["北京", "台北"])
    }

    func testPerFileReconciliationOfRowsAndMoney() throws {
        let text =
            salesHeader
            + "2023-03-01,O1,E1,C1,P,1,1.10,100.00,20\n"  // accepted: 1.10 + 100 + 20
            + "2023-03-01,O2,E1,C1,P,x,2.00,50.5,\n"  // rejected (quantity): 2 + 50.5 parsed
            + "2023-03-01,O3,E1,C1,P,1,,abc,(3.00)\n"  // rejected (amount): -3 parsed, 1 bad
            + "\n"  // blank
            + "2023-03-01,O4,E1,C1,P,1\n"  // field count: no money
            + ",,,,,,,,\n"  // blank
            + "2023-03-01,O5,E1,C1,P,1,,\"1,000\",12.345\n"  // rejected (remitted): 1000 parsed, 1 bad
        let (_, set) = try readOne("sales.csv", text)
        let f = set.files[0]
        let accepted = set.sales.filter { $0.value != nil && $0.issue == nil }.count
        let rejected = set.sales.filter { $0.issue != nil }.count
        XCTAssertEqual(f.rows, 7)
        XCTAssertEqual(accepted, 1)
        XCTAssertEqual(rejected, 4)
        XCTAssertEqual(f.rows, accepted + rejected + f.blank)
        let acceptedMoney = set.sales.filter(\.isAccepted).flatMap(\.money).map(\.value).sum()
        let rejectedMoney = set.sales.filter { !$0.isAccepted }.flatMap(\.money).map(\.value).sum()
        XCTAssertEqual(acceptedMoney.fen, 110 + 10_000 + 2_000)
        XCTAssertEqual(rejectedMoney.fen, 200 + 5_050 - 300 + 100_000)
        XCTAssertEqual((acceptedMoney + rejectedMoney).fen, 110 + 10_000 + 2_000 + 200 + 5_050 - 300 + 100_000)
        XCTAssertEqual(set.sales.map(\.badMoneyCells).reduce(0, +), 2)
    }
}
