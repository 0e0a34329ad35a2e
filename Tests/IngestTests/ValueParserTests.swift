import XCTest
@testable import Ingest
import SalesCore

final class ValueParserTests: XCTestCase {
    func fen(_ s: String) -> Int64? { try? ValueParser.money(s).get().fen }
    func err<T>(_ r: Result<T, ValueError>) -> String? { if case .failure(let e) = r { return e.message }; return nil }

    // MARK: money
    func testMoneyAcceptsEveryListedForm() {
        XCTAssertEqual(fen("1234.5"), 123_450)
        XCTAssertEqual(fen("1,234.50"), 123_450)
        XCTAssertEqual(fen("¥1,234.50"), 123_450)
        XCTAssertEqual(fen("￥1234.5"), 123_450)
        XCTAssertEqual(fen("1234.5元"), 123_450)
        XCTAssertEqual(fen("RMB 1234.50"), 123_450)
        XCTAssertEqual(fen("CNY1234.5"), 123_450)
        XCTAssertEqual(fen("１２３４．５０"), 123_450)
        XCTAssertEqual(fen("１，２３４．５０"), 123_450)
        XCTAssertEqual(fen("-12.30"), -1_230)
        XCTAssertEqual(fen("(12.30)"), -1_230)
        XCTAssertEqual(fen("  1234  "), 123_400)
        XCTAssertEqual(fen("0.01"), 1)
        XCTAssertEqual(fen("-¥12.30"), -1_230)
        XCTAssertEqual(fen("¥-12.30"), -1_230)
        XCTAssertEqual(fen("1,234,567.89"), 123_456_789)
    }

    func testMoneyIsExactWhereFloatingPointIsNot() {
        XCTAssertEqual(fen("0.29"), 29)  // 0.29 * 100 = 28.999… in binary floating point
        XCTAssertEqual(fen("1234567890123.45"), 123_456_789_012_345)
    }

    func testMoneyRejectsMoreThanTwoDecimals() {
        XCTAssertNil(fen("12.345"))
        XCTAssertTrue(err(ValueParser.money("12.345"))!.contains("3 decimals"))
    }
    func testMoneyRejectsLetters() {
        XCTAssertNil(fen("12a"))
        XCTAssertNil(fen("abc"))
        XCTAssertTrue(err(ValueParser.money("12a"))!.contains("\"12a\""))
    }
    func testMoneyRejectsTwoDecimalPoints() {
        XCTAssertNil(fen("1.234.5"))
        XCTAssertTrue(err(ValueParser.money("1.234.5"))!.contains("more than one decimal point"))
    }
    func testMoneyRejectsEmptyAndBadGrouping() {
        XCTAssertNil(fen(""))
        XCTAssertNil(fen("   "))
        XCTAssertNil(fen("12,34.5"))
        let m = err(ValueParser.money("12,34.5"))!
        XCTAssertTrue(m.hasPrefix("\"12,34.5\" is not an amount of money (accepted: 1234.50, 1,234.50, ¥1,234.50"), m)
        XCTAssertNil(fen("-(12.30)"))
        XCTAssertNil(fen("12.30-"))
        XCTAssertNil(fen("1 234.50"))
    }

    // MARK: decimal and integer
    func testDecimalUpToFourPlaces() {
        XCTAssertEqual(try ValueParser.decimal4("2.5").get().units, 25_000)
        XCTAssertEqual(try ValueParser.decimal4("1,234.5678").get().units, 12_345_678)
        XCTAssertEqual(try ValueParser.decimal4("-3").get().units, -30_000)
        XCTAssertEqual(try ValueParser.decimal4("１０").get().units, 100_000)
        XCTAssertNotNil(err(ValueParser.decimal4("1.23456")))
        XCTAssertNotNil(err(ValueParser.decimal4("¥12")))
        XCTAssertNotNil(err(ValueParser.decimal4("12kg")))
    }

    func testIntegerWholeNumbersWithFullWidthDigits() {
        XCTAssertEqual(try ValueParser.integer("12").get(), 12)
        XCTAssertEqual(try ValueParser.integer("１２").get(), 12)
        XCTAssertEqual(try ValueParser.integer(" 3 ").get(), 3)
        XCTAssertEqual(try ValueParser.integer("3.0").get(), 3)
        XCTAssertTrue(err(ValueParser.integer("2.5"))!.contains("not a whole number"))
        XCTAssertNotNil(err(ValueParser.integer("two")))
        XCTAssertNotNil(err(ValueParser.integer("")))
    }

    // MARK: dates
    func day(_ s: String) -> String? { (try? ValueParser.date(s).get())?.description }

    func testDateAcceptsEveryListedForm() {
        for s in [
            "2023-03-27", "2023/3/27", "2023.3.27", "2023年3月27日", "20230327", "2023-03-27 06:48:41",
            "2023/3/27 6:48", "２０２３－０３－２７", "2023-03-27T06:48:41", "2023/03/27 00:00:00.000"
        ] {
            XCTAssertEqual(day(s), "2023-03-27", s)
        }
    }

    func testDayFirstAndMonthFirstAreAmbiguousWithTheAcceptedFormsListed() {
        for s in ["27/03/2023", "03/27/2023", "3/4/2023", "27.03.2023"] {
            let m = err(ValueParser.date(s))
            XCTAssertNotNil(m, s)
            XCTAssertTrue(m!.contains("is ambiguous (day-first or month-first)"), m!)
            XCTAssertTrue(m!.contains("2023-03-27, 2023-3-27, 2023/3/27, 2023.3.27, 2023年3月27日, 23年3月27日 or 20230327"), m!)
        }
    }

    func testInvalidDaysAreRejected() {
        XCTAssertTrue(err(ValueParser.date("2023-02-30"))!.contains("not a real day"))
        XCTAssertNil(day("2023-02-29"))
        XCTAssertEqual(day("2024-02-29"), "2024-02-29")
        XCTAssertNotNil(err(ValueParser.date("2023-13-01")))
        XCTAssertNotNil(err(ValueParser.date("20231301")))
        XCTAssertNotNil(err(ValueParser.date("2023-03-27 lunch")))
        XCTAssertNotNil(err(ValueParser.date("March 27")))
        XCTAssertTrue(err(ValueParser.date("45012"))!.contains("serial"))
        XCTAssertTrue(err(ValueParser.date("yesterday"))!.contains("accepted: 2023-03-27"))
    }

    // MARK: month
    func month(_ s: String) -> String? { (try? ValueParser.month(s).get())?.description }

    func testMonthAcceptsListedFormsAndTheFirstDay() {
        for s in ["2023-03", "2023/3", "2023年3月", "202303", "2023/3/1", "2023-03-01", "2023/3/1 0:00:00", "2023年3月1日"] {
            XCTAssertEqual(month(s), "2023-03", s)
        }
    }
    func testMonthRejectsOtherDaysAndNonsense() {
        XCTAssertTrue(err(ValueParser.month("2023/3/15"))!.contains("first day"))
        XCTAssertNotNil(err(ValueParser.month("2023-13")))
        XCTAssertNotNil(err(ValueParser.month("03/2023")))
        XCTAssertNotNil(err(ValueParser.month("March")))
    }

    // MARK: boolean
    func testBooleanForms() {
        for s in ["Y", "y", "yes", "YES", "true", "True", "1", "是", "√", "✓"] { XCTAssertEqual(try ValueParser.boolean(s).get(), true, s) }
        for s in ["N", "n", "no", "No", "false", "FALSE", "0", "否"] { XCTAssertEqual(try ValueParser.boolean(s).get(), false, s) }
        XCTAssertEqual(try ValueParser.boolean("").get(), Optional<Bool>.none)
        XCTAssertEqual(try ValueParser.boolean("  ").get(), Optional<Bool>.none)
        XCTAssertTrue(err(ValueParser.boolean("maybe"))!.contains("accepted: Y/N"))
    }

    // MARK: city
    func testCityTrimsDropsTrailingShiAndFoldsTraditional() {
        let aliases: [(key: String, value: String)] = [("Beijing", "北京"), ("Canton", "广州")]
        func c(_ s: String) -> String? { try? ValueParser.city(s, aliases: aliases).get() }
        XCTAssertEqual(c(" 北京市 "), "北京")
        XCTAssertEqual(c("廣州"), "广州")
        XCTAssertEqual(c("蘇州市"), "苏州")
        XCTAssertEqual(c("Beijing"), "北京")
        XCTAssertEqual(c("beijing"), "北京")
        XCTAssertEqual(c(" CANTON "), "广州")
        XCTAssertEqual(c("Shanghai"), "Shanghai")
        XCTAssertEqual(c("市"), "市")
        XCTAssertNotNil(err(ValueParser.city("", aliases: aliases)))
    }

    func testTraditionalFoldingCoversCityNames() {
        let pairs = [
            ("廣州", "广州"), ("蘇州", "苏州"), ("東莞", "东莞"), ("長沙", "长沙"), ("瀋陽", "沈阳"), ("重慶", "重庆"),
            ("無錫", "无锡"), ("溫州", "温州"), ("廈門", "厦门"), ("鄭州", "郑州"), ("濟南", "济南"), ("寧波", "宁波"),
            ("貴陽", "贵阳"), ("蘭州", "兰州"), ("烏魯木齊", "乌鲁木齐"), ("齊齊哈爾", "齐齐哈尔"), ("臺北", "台北"),
            ("張家口", "张家口"), ("許昌", "许昌"), ("漢中", "汉中"), ("開封", "开封"), ("鄂爾多斯", "鄂尔多斯"),
            ("連雲港", "连云港"), ("鎮江", "镇江"), ("揚州", "扬州"), ("紹興", "绍兴"), ("嘉興", "嘉兴"), ("麗水", "丽水"),
            ("臨沂", "临沂"), ("濰坊", "潍坊"), ("馬鞍山", "马鞍山"), ("黃山", "黄山"), ("贛州", "赣州"), ("韶關", "韶关"),
            ("肇慶", "肇庆"), ("陽江", "阳江"), ("雲浮", "云浮"), ("鶴壁", "鹤壁"), ("衛輝", "卫辉"), ("駐馬店", "驻马店"),
            ("紐約", "纽约"), ("哈爾濱", "哈尔滨"), ("廣東", "广东")
        ]
        for (t, s) in pairs { XCTAssertEqual(CityNormalizer.fold(t), s, t) }
        // Simplified text is never changed (乾安 keeps its 乾).
        for s in ["乾安", "北京", "上海", "台州", "于都"] { XCTAssertEqual(CityNormalizer.fold(s), s) }
        XCTAssertGreaterThan(TraditionalChinese.table.count, 300)
    }

    // MARK: vocabularies
    func testRolesWithAllChineseNamesAnyCase() {
        let cases: [(String, Role)] = [
            ("director", .director), ("Director", .director), ("销售总监", .director), ("销售部长", .director),
            ("銷售總監", .director), ("銷售部長", .director), ("regional_manager", .regional_manager), ("区域经理", .regional_manager),
            ("区域业务经理", .regional_manager), ("區域經理", .regional_manager), ("區域業務經理", .regional_manager),
            ("片区经理", .regional_manager), ("片區經理", .regional_manager), ("KEY_ACCOUNT_MANAGER", .key_account_manager),
            ("大客户经理", .key_account_manager), ("大客戶經理", .key_account_manager), ("sales_rep", .sales_rep),
            ("销售代表", .sales_rep), ("销售员", .sales_rep), ("銷售代表", .sales_rep), ("銷售員", .sales_rep), ("业务员", .sales_rep),
            ("營銷代表", .sales_rep), ("营销代表", .sales_rep), ("assistant", .assistant), ("营销助理", .assistant), ("行政", .assistant),
            ("销售秘书", .assistant), ("文案", .assistant), ("營銷助理", .assistant), ("銷售秘書", .assistant)
        ]
        for (s, r) in cases { XCTAssertEqual(try ValueParser.role(s).get(), r, s) }
        let m = err(ValueParser.role("经理"))!
        XCTAssertTrue(m.contains("\"经理\" is not a role (accepted: director (销售总监"), m)
        XCTAssertTrue(m.contains("assistant (营销助理"), m)
    }

    func testLevels() {
        let cases: [(String, Level)] = [
            ("1", .numbered(1)), ("2", .numbered(2)), ("3", .numbered(3)), ("4", .numbered(4)),
            ("一级", .numbered(1)), ("二级", .numbered(2)), ("三级", .numbered(3)), ("四级", .numbered(4)), ("一級", .numbered(1)),
            ("二級", .numbered(2)), ("三級", .numbered(3)), ("四級", .numbered(4)), ("trainee", .trainee), ("Trainee", .trainee),
            ("见习", .trainee), ("見習", .trainee), ("见习级", .trainee), ("見習級", .trainee)
        ]
        for (s, l) in cases { XCTAssertEqual(try ValueParser.level(s).get(), l, s) }
        XCTAssertTrue(err(ValueParser.level("5"))!.contains("trainee (见习"))
    }

    func testAttendanceStatuses() {
        let cases: [(String, AttendanceStatus)] = [
            ("office", .office), ("在岗", .office), ("在崗", .office), ("办公", .office),
            ("辦公", .office), ("出勤", .office), ("field", .field), ("外勤", .field), ("travel", .travel), ("TRAVEL", .travel),
            ("出差", .travel), ("leave", .leave), ("请假", .leave), ("請假", .leave), ("年假", .leave), ("病假", .leave),
            ("事假", .leave), ("absent", .absent), ("缺勤", .absent), ("旷工", .absent), ("曠工", .absent), ("rest", .rest),
            ("休息", .rest), ("公休", .rest), ("节假日", .rest), ("節假日", .rest)
        ]
        for (s, v) in cases { XCTAssertEqual(try ValueParser.attendanceStatus(s).get(), v, s) }
        XCTAssertTrue(err(ValueParser.attendanceStatus("出去"))!.contains("travel (出差)"))
    }

    func testExpenseCategories() {
        let cases: [(String, ExpenseCategory)] = [
            ("lodging", .lodging), ("住宿", .lodging), ("住宿费", .lodging), ("住宿費", .lodging),
            ("meals", .meals), ("伙食", .meals), ("餐费", .meals), ("餐費", .meals), ("伙食费", .meals), ("伙食費", .meals),
            ("transport", .transport), ("交通", .transport), ("交通费", .transport), ("交通費", .transport), ("车船费", .transport),
            ("車船費", .transport), ("entertainment", .entertainment), ("招待", .entertainment), ("招待费", .entertainment),
            ("招待費", .entertainment), ("业务招待", .entertainment), ("業務招待", .entertainment), ("communication", .communication),
            ("通讯", .communication), ("通訊", .communication), ("话费", .communication), ("話費", .communication),
            ("other", .other), ("其他", .other), ("Other", .other)
        ]
        for (s, v) in cases { XCTAssertEqual(try ValueParser.expenseCategory(s).get(), v, s) }
        XCTAssertTrue(err(ValueParser.expenseCategory("礼品"))!.contains("lodging (住宿"))
    }

    func testTransportModes() {
        let cases: [(String, TransportMode)] = [
            ("flight", .flight), ("飞机", .flight), ("飛機", .flight), ("机票", .flight),
            ("機票", .flight), ("train", .train), ("火车", .train), ("火車", .train), ("高铁", .train), ("高鐵", .train),
            ("动车", .train), ("動車", .train), ("bus", .bus), ("汽车", .bus), ("汽車", .bus), ("长途汽车", .bus),
            ("長途汽車", .bus), ("大巴", .bus), ("ship", .ship), ("轮船", .ship), ("輪船", .ship), ("船", .ship),
            ("local", .local), ("市内交通", .local), ("市內交通", .local), ("出租车", .local), ("出租車", .local),
            ("的士", .local), ("公交", .local)
        ]
        for (s, v) in cases { XCTAssertEqual(try ValueParser.transportMode(s).get(), v, s) }
        XCTAssertNotNil(err(ValueParser.transportMode("bike")))
    }

    func testReceiptVisitAndAdjustmentKinds() {
        for s in ["electronic", "电脑票", "電腦票", "机打", "機打", "电子", "電子", "电子发票", "電子發票"] {
            XCTAssertEqual(try ValueParser.receiptKind(s).get(), .electronic, s)
        }
        for s in ["handwritten", "手写", "手寫", "手工票"] { XCTAssertEqual(try ValueParser.receiptKind(s).get(), .handwritten, s) }
        for (s, v) in [
            ("new", VisitKind.new), ("新客户", .new), ("新客戶", .new), ("existing", .existing), ("老客户", .existing),
            ("老客戶", .existing), ("call", .call), ("电话", .call), ("電話", .call), ("CALL", .call)
        ] {
            XCTAssertEqual(try ValueParser.visitKind(s).get(), v, s)
        }
        for (s, v) in [
            ("advance_repaid", AdjustmentKind.advance_repaid), ("还款", .advance_repaid), ("還款", .advance_repaid),
            ("advance_written_off", .advance_written_off), ("核销", .advance_written_off), ("核銷", .advance_written_off),
            ("reimbursement", .reimbursement), ("报销调整", .reimbursement), ("報銷調整", .reimbursement),
            ("commission", .commission), ("提成调整", .commission), ("提成調整", .commission)
        ] {
            XCTAssertEqual(try ValueParser.adjustmentKind(s).get(), v, s)
        }
        XCTAssertTrue(err(ValueParser.receiptKind("paper"))!.contains("handwritten (手写"))
        XCTAssertTrue(err(ValueParser.visitKind("lunch"))!.contains("call (电话"))
        XCTAssertTrue(err(ValueParser.adjustmentKind("bonus"))!.contains("advance_written_off (核销"))
    }

    func testScientificNotationIsRecognised() {
        XCTAssertTrue(ValueParser.isScientificNotation("1.23457E+11"))
        XCTAssertTrue(ValueParser.isScientificNotation("1E+11"))
        XCTAssertTrue(ValueParser.isScientificNotation("4.5e-3"))
        XCTAssertFalse(ValueParser.isScientificNotation("INV-2023E+1"))
        XCTAssertFalse(ValueParser.isScientificNotation("123456789012"))
        XCTAssertFalse(ValueParser.isScientificNotation("E12345"))
    }
}
