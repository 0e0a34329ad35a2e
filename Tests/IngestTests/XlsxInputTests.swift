import Foundation
import XCTest
import ZIPFoundation
@testable import Ingest
import SalesCore

/// A workbook written part by part (the XML exactly as given), for cell types LibreOffice does not write.
enum TestWorkbook {
    static func write(
        _ path: String, sheets: [(name: String, xml: String)], shared: [String] = [], numFmts: [(Int, String)] = [],
        xfs: [Int] = [0], date1904: Bool = false
    ) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<(Int(pos) + size))
            }
        }
        let ns =
            "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add(
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        var wb = "<?xml version=\"1.0\"?><workbook \(ns)><workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>"
        var rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, s) in sheets.enumerated() {
            wb += "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 10)\"/>"
            rels += "<Relationship Id=\"rId\(i + 10)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            try add("xl/worksheets/sheet\(i + 1).xml", "<?xml version=\"1.0\"?><worksheet \(ns)>\(s.xml)</worksheet>")
        }
        rels += "<Relationship Id=\"rId1\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
        rels += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/></Relationships>"
        try add("xl/workbook.xml", wb + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", rels)
        var styles = "<?xml version=\"1.0\"?><styleSheet \(ns)><numFmts>"
        for (id, code) in numFmts { styles += "<numFmt numFmtId=\"\(id)\" formatCode=\"\(code)\"/>" }
        styles += "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>"
        for id in xfs { styles += "<xf numFmtId=\"\(id)\" fontId=\"0\"/>" }
        try add("xl/styles.xml", styles + "</cellXfs></styleSheet>")
        try add("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst \(ns)>" + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>")
    }

    /// A sheet's XML from rows of cells given as raw `<c>` bodies (`r` is added).
    static func sheet(_ rows: [(Int, [String])]) -> String {
        "<sheetData>" + rows.map { r, cells in "<row r=\"\(r)\">" + cells.joined() + "</row>" }.joined() + "</sheetData>"
    }
}

final class XlsxInputTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/xlsx").path
    func fixture(_ name: String) -> String { (XlsxInputTests.fixtures as NSString).appendingPathComponent(name) }

    /// Prepares a workbook and reads every sheet of it.
    func read(_ path: String, as name: String) throws -> (files: [PreparedFile], set: InputSet, ignored: [(file: String, reason: String)]) {
        let reader = InputReader(cityAliases: [])
        var ignored: [(file: String, reason: String)] = []
        let files = try reader.prepareWorkbook(name: name, path: path, ext: InputReader.fileExtension(name), ignored: &ignored)
        var set = InputSet()
        for (i, f) in files.enumerated() { try reader.readRows(f, fileOrder: i, into: &set) }
        return (files, set, ignored)
    }

    var temp: TempFolder!
    override func setUp() { temp = TempFolder() }
    override func tearDown() { temp.cleanup() }
    func tempPath(_ name: String) -> String { (temp.path as NSString).appendingPathComponent(name) }

    // MARK: cells by type

    func testCellTypesSharedInlineNumberBooleanFormulaErrorAndISODate() throws {
        let path = tempPath("sales.xlsx")
        let header = ["date", "order_id", "employee_id", "customer_id", "customer_name", "product", "quantity", "amount", "remitted", "new_customer"]
        let headCells = header.enumerated().map { i, _ in "<c t=\"s\"><v>\(i)</v></c>" }
        try TestWorkbook.write(
            path,
            sheets: [
                (
                    "Sheet1",
                    TestWorkbook.sheet([
                        (1, headCells),
                        (
                            2,
                            [
                                "<c t=\"d\"><v>2023-03-27T00:00:00Z</v></c>",
                                "<c t=\"inlineStr\"><is><r><t>SO</t></r><r><rPr/><t>-1</t></r><rPh><t>ふり</t></rPh></is></c>",
                                "<c t=\"s\"><v>10</v></c>", "<c t=\"str\"><f>A1</f><v>C&amp;1</v></c>", "<c t=\"s\"><v>11</v></c>", "<c t=\"s\"><v>12</v></c>",
                                "<c><v>2.5</v></c>", "<c><f>SUM(X1:X2)</f><v>1080.4999999999998</v></c>", "<c><f>0.1+0.2</f><v>0.30000000000000004</v></c>",
                                "<c t=\"b\"><v>1</v></c>"
                            ]
                        ),
                        (
                            3,
                            [
                                "<c s=\"1\"><v>45012</v></c>", "<c t=\"s\"><v>13</v></c>", "<c t=\"s\"><v>10</v></c>", "<c t=\"s\"><v>14</v></c>", "<c/>",
                                "<c t=\"s\"><v>12</v></c>", "<c><v>1</v></c>", "<c t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", "<c/>", "<c t=\"b\"><v>0</v></c>"
                            ]
                        )
                    ])
                )
            ], shared: header + ["E0001", "大地农业_x000D_科技", "尿素 &lt;46%&gt;", "SO-2", "C2"], xfs: [0, 14])
        let (files, set, _) = try read(path, as: "sales.xlsx")
        XCTAssertEqual(files.map(\.name), ["sales.xlsx:Sheet1"])
        XCTAssertEqual(set.sales.count, 2)
        let a = try XCTUnwrap(set.sales[0].value, "\(String(describing: set.sales[0].issue))")
        XCTAssertEqual(a.date, Day(year: 2023, month: 3, day: 27))
        XCTAssertEqual(a.orderId, "SO-1")  // inline rich text, the phonetic run left out
        XCTAssertEqual(a.employeeId, "E0001")  // shared string
        XCTAssertEqual(a.customerId, "C&1")  // a formula's cached string, entity decoded
        XCTAssertEqual(a.customerName, "大地农业\n科技")  // _x000D_ is a CR: a line break, kept as LF like CSV text
        XCTAssertEqual(a.product, "尿素 <46%>")
        XCTAssertEqual(a.quantity, Decimal4(units: 25_000))
        XCTAssertEqual(a.amount, Money(fen: 108_050))  // the cached value to Excel's 15 digits: 1080.5
        XCTAssertEqual(a.remitted, Money(fen: 30))  // 0.30000000000000004 is 0.3
        XCTAssertEqual(a.newCustomer, true)
        XCTAssertEqual(set.sales[0].ref, RowRef(file: "sales.xlsx:Sheet1", fileOrder: 0, line: 2))
        // Row 3: a date serial by its format (14), an error value where money belongs.
        XCTAssertEqual(set.sales[1].issue?.code, "ROW-BAD-VALUE")
        XCTAssertEqual(set.sales[1].issue?.column, "amount")
        XCTAssertEqual(set.sales[1].issue?.columnNumber, 8)
        XCTAssertTrue(set.sales[1].issue?.message.contains("#DIV/0!") ?? false)
        XCTAssertEqual(set.sales[1].raw, "2023-03-27,SO-2,E0001,C2,,尿素 <46%>,1,#DIV/0!,,FALSE")
    }

    func testControlCharactersInAStringAreCleanedAndFlaggedAsInACSV() throws {
        let path = tempPath("visits.xlsx")
        try TestWorkbook.write(
            path,
            sheets: [
                (
                    "v",
                    TestWorkbook.sheet([
                        (
                            1,
                            [
                                "<c t=\"inlineStr\"><is><t>date</t></is></c>", "<c t=\"inlineStr\"><is><t>employee_id</t></is></c>",
                                "<c t=\"inlineStr\"><is><t>customer_id</t></is></c>", "<c t=\"inlineStr\"><is><t>kind</t></is></c>"
                            ]
                        ),
                        (
                            2,
                            [
                                "<c t=\"inlineStr\"><is><t>2023-03-01</t></is></c>", "<c t=\"inlineStr\"><is><t>E1</t></is></c>",
                                "<c t=\"inlineStr\"><is><t>C_x0007_1</t></is></c>", "<c t=\"inlineStr\"><is><t>new</t></is></c>"
                            ]
                        )
                    ])
                )
            ])
        let (_, set, _) = try read(path, as: "visits.xlsx")
        XCTAssertEqual(set.visits.first?.value?.customerId, "C1")
        XCTAssertEqual(set.visits.first?.flags.map(\.code), ["ROW-CONTROL-CHARS"])
    }

    // MARK: dates

    func testDateFormatsBuiltInAndCustom() {
        for id in [14, 15, 16, 17, 22, 31, 57] { guard case .date = NumberFormat.builtIn(id) else { return XCTFail("\(id)") } }
        for id in [0, 1, 2, 4, 9, 10, 11, 49] { if case .date = NumberFormat.builtIn(id) { XCTFail("\(id) is no date") } }
        let dates = ["yyyy\\-mm\\-dd", "m/d/yy", "[$-804]yyyy\"年\"m\"月\"d\"日\"", "d-mmm-yy", "yyyy/m/d h:mm", "mmmm"]
        for code in dates { guard case .date(_, true) = NumberFormat.custom(code) else { return XCTFail(code) } }
        let times = ["h:mm", "mm:ss", "[h]:mm:ss"]
        for code in times { guard case .date(_, false) = NumberFormat.custom(code) else { return XCTFail(code) } }
        let notDates = ["0.00", "#,##0.00\"dm\"", "[Red]0.00", "0.00E+00", "General", "@", "\"day\"0", "_(* #,##0_)", "\\d0"]
        for code in notDates { if case .date = NumberFormat.custom(code) { XCTFail("\(code) is no date") } }
    }

    func testSerialNumbersIn1900And1904() {
        func d(_ s: String, _ f: NumberFormat = .date(time: false, dateParts: true), _ w1904: Bool = false) -> String? {
            Array(s.utf8).withUnsafeBufferPointer { XlsxDecimal($0) }.flatMap { XlsxCellText.date($0, format: f, date1904: w1904) }
        }
        XCTAssertEqual(d("1"), "1900-01-01")
        XCTAssertEqual(d("59"), "1900-02-28")
        XCTAssertEqual(d("60"), "1900-02-29")  // Excel's day that never was: the row path rejects it as an invalid day
        XCTAssertEqual(d("61"), "1900-03-01")
        XCTAssertEqual(d("45012"), "2023-03-27")
        XCTAssertEqual(d("45012.75"), "2023-03-27 18:00:00")
        XCTAssertEqual(d("0", .date(time: false, dateParts: true), true), "1904-01-01")
        XCTAssertEqual(d("43550", .date(time: false, dateParts: true), true), "2023-03-27")
        XCTAssertEqual(d("0.5", .date(time: true, dateParts: false)), "12:00:00")
        XCTAssertNil(d("-1"))
        XCTAssertNil(d("45012", .general))
        if case .failure = ValueParser.date("1900-02-29") {} else { XCTFail("1900-02-29 must be rejected") }
    }

    func testThe1904DateSystemWhereTheWorkbookSaysSo() throws {
        let (_, plain, _) = try read(fixture("roster.xlsx"), as: "roster.xlsx")
        let (_, shifted, _) = try read(fixture("roster-1904.xlsx"), as: "roster.xlsx")
        XCTAssertEqual(plain.roster.first?.value?.hireDate, Day(year: 2013, month: 1, day: 28))
        // The same serial numbers, counted from 1904-01-01: 1462 days later.
        XCTAssertEqual(shifted.roster.first?.value?.hireDate, Day(year: 2013, month: 1, day: 28)!.adding(days: 1462))
        XCTAssertEqual(shifted.roster[1].value?.leaveDate, Day(year: 2023, month: 3, day: 15)!.adding(days: 1462))
    }

    // MARK: IDs

    func testANumberInAnIDColumnReadsAsTheIDItShows() throws {
        let (files, set, _) = try read(fixture("roster.xlsx"), as: "roster.xlsx")
        XCTAssertEqual(files.map(\.name), ["roster.xlsx:员工"])
        XCTAssertEqual(set.roster.map { $0.value?.employeeId }, ["00123", "00007", "E0003"])
        XCTAssertEqual(set.roster[2].value?.hireDate, Day(year: 2020, month: 2, day: 29))
        XCTAssertEqual(set.roster[1].value?.leaveDate, Day(year: 2023, month: 3, day: 15))
    }

    func testShownIDs() {
        func shown(_ s: String, _ f: NumberFormat) -> String {
            XlsxCellText.shown(Array(s.utf8).withUnsafeBufferPointer { XlsxDecimal($0)! }, format: f)
        }
        XCTAssertEqual(shown("123", .code("00000")), "00123")
        XCTAssertEqual(shown("123", .code("\"E\"0000")), "E0123")
        XCTAssertEqual(shown("978000001", .general), "978000001")
        XCTAssertEqual(shown("12345678901", .general), "12345678901")
        XCTAssertEqual(shown("123456789012", .general), "1.23457E+11")
        XCTAssertEqual(shown("123456789012", .code("0")), "123456789012")
        XCTAssertEqual(shown("1.23456789012346E+019", .general), "1.23457E+19")
        XCTAssertEqual(shown("123457000000", .code("0.00E+00")), "1.23457E+11")
        XCTAssertEqual(shown("12.5", .general), "12.5")
    }

    func testScientificNotationInAnIDColumnIsExcelDamageLocatedAtItsCell() throws {
        let (_, set, _) = try read(fixture("sales.xlsx"), as: "sales.xlsx")
        XCTAssertEqual(set.sales.count, 3)
        let damaged = set.sales[1]
        XCTAssertEqual(damaged.issue?.code, "ROW-EXCEL-DAMAGE")
        XCTAssertEqual(damaged.issue?.column, "order_id")
        XCTAssertTrue(damaged.issue?.message.contains("1.23457E+19") ?? false, damaged.issue?.message ?? "")
        XCTAssertTrue(damaged.issue?.message.contains("Text") ?? false)
        XCTAssertEqual(damaged.location(column: "order_id").description, "sales.xlsx:Sheet1!B3")
        // Row 2: a formula LibreOffice could not compute (#VALUE!) where money belongs; row 4: three decimals.
        XCTAssertEqual(set.sales[0].issue?.column, "remitted")
        XCTAssertEqual(set.sales[2].issue?.code, "ROW-BAD-VALUE")
        XCTAssertEqual(set.sales[2].issue?.column, "amount")
        XCTAssertEqual(set.sales[2].location(column: "amount").description, "sales.xlsx:Sheet1!G4")
    }

    // MARK: header, merges, sheets

    func testHeaderBelowATitleRowWithMergedHeaderCellsAndSeveralSheets() throws {
        let (files, set, ignored) = try read(fixture("考勤表.xlsx"), as: "考勤表.xlsx")
        XCTAssertEqual(files.map(\.name), ["考勤表.xlsx:考勤", "考勤表.xlsx:拜访"])
        XCTAssertEqual(files.map(\.kind), [.attendance, .visits])
        XCTAssertEqual(files[0].recognisedBy, "name")
        // 工号 is merged over A2:A3, 考勤 over B2:D2: the header is row 3, its A taken from the merge.
        XCTAssertEqual(files[0].header, ["工号", "日期", "考勤状态", "城市"])
        XCTAssertEqual(files[0].match.columns, ["employee_id": 0, "date": 1, "status": 2, "city": 3])
        XCTAssertEqual(set.files.first?.rows, 4)
        XCTAssertEqual(set.attendance.map(\.ref.line), [4, 5, 6, 7])
        XCTAssertEqual(set.attendance[0].value?.date, Day(year: 2023, month: 3, day: 1))
        XCTAssertEqual(set.attendance[1].value?.city, "广州")
        XCTAssertEqual(set.attendance[3].issue?.code, "ROW-MISSING")  // travel without a city
        XCTAssertEqual(set.attendance[3].location(column: "city").description, "考勤表.xlsx:考勤!D7")
        XCTAssertEqual(set.visits.map { $0.value?.customerId }, ["C001", "01002"])
        XCTAssertEqual(ignored.map(\.file), ["考勤表.xlsx:说明"])
    }

    func testMergedHeaderCellsCountForTheirFirstColumnOnly() throws {
        let rows: [(number: Int, cells: [Int: String])] = [
            (1, [1: "2023年3月考勤表"]),
            (2, [1: "日期", 2: "员工", 4: "考勤状态"]),
            (3, [2: "员工编号", 3: "姓名"])
        ]
        // 日期 over A2:A3, 员工 over B2:C2, 考勤状态 over D2:D3.
        let merges = [(r0: 2, c0: 1, r1: 3, c1: 1), (r0: 2, c0: 2, r1: 2, c1: 3), (r0: 2, c0: 4, r1: 3, c1: 4)]
        let found = try SheetHeader.find(rows: rows, merges: merges, workbook: "x.xlsx", sheet: "Sheet1", file: "x.xlsx:Sheet1")
        XCTAssertEqual(found.0, 3)
        XCTAssertEqual(found.1, ["日期", "员工编号", "姓名", "考勤状态"])
        XCTAssertEqual(found.2?.match.kind, .attendance)
        XCTAssertEqual(found.2?.recognisedBy, "header")
    }

    func testASheetWhoseHeaderFitsNoKindIsAFileErrorNamingTheSheetAndRow() throws {
        let path = tempPath("data.xlsx")
        try TestWorkbook.write(
            path,
            sheets: [
                (
                    "Sheet1",
                    TestWorkbook.sheet([
                        (2, ["<c r=\"A2\" t=\"inlineStr\"><is><t>foo</t></is></c>", "<c r=\"B2\" t=\"inlineStr\"><is><t>date</t></is></c>"])
                    ])
                )
            ])
        let e = expectFileError { _ = try self.read(path, as: "data.xlsx") }
        XCTAssertEqual(e?.file, "data.xlsx:Sheet1!A2")
        XCTAssertTrue(e?.message.contains("fits no kind") ?? false, e?.message ?? "")
    }

    func testASheetNamedAfterAKindWhoseHeaderDoesNotFitStopsTheClose() throws {
        let path = tempPath("2023年3月.xlsx")
        func s(_ t: String) -> String { "<c t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        try TestWorkbook.write(
            path,
            sheets: [
                ("拜访", TestWorkbook.sheet([(1, [s("日期"), s("员工编号"), s("类型")]), (2, [s("2023-03-01"), s("E1"), s("电话")])])),
                ("说明", TestWorkbook.sheet([(1, [s("导出说明")])])),
                ("销售", TestWorkbook.sheet([(1, [s("日期"), s("订单号"), s("金额")])]))
            ])
        let e = expectFileError { _ = try self.read(path, as: "2023年3月.xlsx") }
        XCTAssertEqual(e?.file, "2023年3月.xlsx:销售!A1")
        XCTAssertTrue(e?.message.contains("says sales") ?? false, e?.message ?? "")
        // Without the sales sheet: the visits sheet is read (by its name), the notes sheet left and listed.
        try TestWorkbook.write(
            path,
            sheets: [
                ("拜访", TestWorkbook.sheet([(1, [s("日期"), s("员工编号"), s("类型")]), (2, [s("2023-03-01"), s("E1"), s("电话")])])),
                ("说明", TestWorkbook.sheet([(1, [s("导出说明")])]))
            ])
        let (files, set, ignored) = try read(path, as: "2023年3月.xlsx")
        XCTAssertEqual(files.map(\.kind), [.visits])
        XCTAssertEqual(files.first?.recognisedBy, "name")
        XCTAssertEqual(set.visits.first?.value?.kind, .call)
        XCTAssertEqual(ignored.map(\.file), ["2023年3月.xlsx:说明"])
    }

    func testMissingRowsAndEmptyRowsAreBlankRowsAndCellsMayBeSparse() throws {
        let path = tempPath("visits.xlsx")
        func s(_ t: String, _ ref: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        try TestWorkbook.write(
            path,
            sheets: [
                (
                    "Sheet1",
                    TestWorkbook.sheet([
                        (1, [s("kind", "D1"), s("date", "A1"), s("employee_id", "B1")]),
                        (2, [s("2023-03-01", "A2"), s("E1", "B2"), s("call", "D2")]),
                        (5, [s("  ", "A5")]),
                        (6, [s("2023-03-02", "A6"), s("E2", "B6"), s("new", "D6"), s("beyond the header", "H6")])
                    ])
                )
            ])
        let (_, set, _) = try read(path, as: "visits.xlsx")
        XCTAssertEqual(set.files.first?.rows, 5)
        XCTAssertEqual(set.files.first?.blank, 3)
        XCTAssertEqual(set.visits.map(\.ref.line), [2, 6])
        XCTAssertEqual(set.visits.map { $0.value?.kind }, [.call, .new])
    }

    func testRowsOutOfOrderAreADamagedWorkbook() throws {
        let path = tempPath("visits.xlsx")
        func s(_ t: String) -> String { "<c t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        try TestWorkbook.write(
            path,
            sheets: [
                (
                    "Sheet1",
                    TestWorkbook.sheet([
                        (1, [s("date"), s("employee_id"), s("kind")]), (3, [s("2023-03-01"), s("E1"), s("call")]), (2, [s("2023-03-01"), s("E2"), s("call")])
                    ])
                )
            ])
        let e = expectFileError { _ = try self.read(path, as: "visits.xlsx") }
        XCTAssertEqual(e?.file, "visits.xlsx")
        XCTAssertTrue(e?.message.contains("row 2 stands after row 3") ?? false, e?.message ?? "")
    }

    func testPiecesCutAnywhereReadTheSameRows() throws {
        let xml = Array(
            ("<?xml version=\"1.0\"?><!-- c --><worksheet><dimension ref=\"A1:B3\"/><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> a&amp;b </t></is></c><c r=\"B1\"><v>1.5</v></c></row>"
                + "<row r=\"3\"><c r=\"B3\" t=\"str\"><v><![CDATA[x<y]]></v></c></row></sheetData>"
                + "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>").utf8)
        func rows(piece: Int) throws -> [String] {
            var pull = XMLPull()
            var sink = SheetSink()
            var out: [String] = []
            var i = 0
            while i < xml.count {
                let end = min(xml.count, i + piece)
                try xml[i..<end].withUnsafeBytes { try pull.feed($0, last: end == xml.count, into: &sink) }
                sink.arena.withUnsafeBufferPointer { a in
                    for r in sink.rows {
                        out.append(
                            "\(r.number):"
                                + sink.cells[r.cells].map { "\($0.col)=\(String(decoding: a[$0.start..<$0.end], as: UTF8.self))" }.joined(separator: ","))
                    }
                }
                sink.drain()
                i = end
            }
            XCTAssertEqual(sink.merges.count, 1)
            XCTAssertEqual(sink.dimensionRows, 3)
            return out
        }
        let whole = try rows(piece: xml.count)
        XCTAssertEqual(whole, ["1:1= a&b ,2=1.5", "3:2=x<y"])
        for piece in 1...9 { XCTAssertEqual(try rows(piece: piece), whole, "pieces of \(piece)") }
    }

    // MARK: what is refused

    func testWorkbooksTheCloseCannotReadAreFileErrorsThatNameTheFileAndSayWhatToDo() throws {
        let xls = expectFileError { _ = try self.read(self.fixture("roster.xls"), as: "roster.xls") }
        XCTAssertEqual(xls?.file, "roster.xls")
        XCTAssertTrue(xls?.message.contains(".xlsx") ?? false)
        XCTAssertTrue(xls?.message.contains("CSV") ?? false)
        let encrypted = expectFileError { _ = try self.read(self.fixture("roster-encrypted.xlsx"), as: "roster.xlsx") }
        XCTAssertEqual(encrypted?.file, "roster.xlsx")
        XCTAssertTrue(encrypted?.message.contains("encrypted") ?? false, encrypted?.message ?? "")
        // An .xls saved under an .xlsx name.
        let renamed = expectFileError { _ = try self.read(self.fixture("roster.xls"), as: "roster.xlsx") }
        XCTAssertTrue(renamed?.message.contains("97-2003") ?? false)
        // Cut short: the ZIP directory is gone.
        let whole = try Data(contentsOf: URL(fileURLWithPath: fixture("roster.xlsx")))
        temp.write("cut.xlsx", [UInt8](whole.prefix(whole.count / 2)))
        let cut = expectFileError { _ = try self.read(self.tempPath("cut.xlsx"), as: "cut.xlsx") }
        XCTAssertEqual(cut?.file, "cut.xlsx")
        XCTAssertTrue(cut?.message.contains("damaged") ?? false)
        XCTAssertTrue(cut?.message.contains(".xlsx") ?? false)
        // A sheet whose deflate data is corrupt (the directory intact).
        var bytes = [UInt8](whole)
        let sheetName = Array("xl/worksheets/sheet1.xml".utf8)
        if let at = (0..<(bytes.count - sheetName.count)).first(where: { Array(bytes[$0..<($0 + sheetName.count)]) == sheetName && bytes[$0 - 30] == 0x50 }) {
            for k in (at + sheetName.count + 40)..<(at + sheetName.count + 120) { bytes[k] ^= 0x5A }
        }
        temp.write("bad.xlsx", bytes)
        let bad = expectFileError { _ = try self.read(self.tempPath("bad.xlsx"), as: "bad.xlsx") }
        XCTAssertEqual(bad?.file, "bad.xlsx")
        for ext in ["xlsb", "et", "ods"] {
            temp.write("roster.\(ext)", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])
            let e = expectFileError { _ = try self.read(self.tempPath("roster.\(ext)"), as: "roster.\(ext)") }
            XCTAssertEqual(e?.file, "roster.\(ext)")
            XCTAssertTrue(e?.message.contains("save it as an Excel Workbook (.xlsx) or as CSV") ?? false, e?.message ?? "")
        }
        temp.write("empty.xlsx", [])
        XCTAssertTrue(expectFileError { _ = try self.read(self.tempPath("empty.xlsx"), as: "empty.xlsx") }?.message.contains("empty") ?? false)
    }

    func testAFIFONamedLikeAWorkbookIsRefusedWithoutBlocking() throws {
        let path = tempPath("roster.xlsx")
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let e = expectFileError { _ = try self.read(path, as: "roster.xlsx") }
        XCTAssertTrue(e?.message.contains("regular file") ?? false)
    }

    func testMangledSheetXMLNeverCrashesTheReader() throws {
        // Deterministic mutations of a small sheet: each read either yields rows or a file error naming the workbook.
        let header = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
        let body =
            "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45012</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>E_x0031_&amp;</t></is></c>"
            + "<c r=\"C2\" t=\"s\"><v>3</v></c></row><row r=\"3\"><c r=\"A3\"><v>1E+400</v></c><c r=\"B3\" t=\"b\"><v>1</v></c></row>"
        let xml = Array(("<dimension ref=\"A1:C3\"/><sheetData>" + header + body + "</sheetData><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>").utf8)
        let alphabet = Array("<>/\"'=&;_x0:9 E-.#".utf8)
        var seed: UInt64 = 0x9E37_79B9
        func next() -> Int { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int(truncatingIfNeeded: seed >> 33) }
        let path = tempPath("visits.xlsx")
        for _ in 0..<150 {
            var m = xml
            for _ in 0..<(1 + next() % 4) {
                let at = next() % m.count
                switch next() % 3 {
                case 0: m.remove(at: at)
                case 1: m.insert(alphabet[next() % alphabet.count], at: at)
                default: m[at] = alphabet[next() % alphabet.count]
                }
            }
            try TestWorkbook.write(
                path, sheets: [("Sheet1", String(decoding: m, as: UTF8.self))],
                shared: ["date", "employee_id", "kind", "call"], xfs: [0, 14])
            do { _ = try read(path, as: "visits.xlsx") } catch let e as FileError { XCTAssertTrue(e.file.hasPrefix("visits.xlsx"), e.description) }
        }
    }

    // MARK: the folder

    func testAFolderWithWorkbooksBesideCSVFiles() throws {
        temp.writeRequired(except: [.attendance, .roster])
        try FileManager.default.copyItem(atPath: fixture("考勤表.xlsx"), toPath: tempPath("考勤表.xlsx"))
        try FileManager.default.copyItem(atPath: fixture("roster.xlsx"), toPath: tempPath("roster.xlsm"))
        let set = try InputReader(cityAliases: []).read(directory: temp.path)
        let names = set.files.map(\.file)
        XCTAssertTrue(names.contains("考勤表.xlsx:考勤"))
        XCTAssertTrue(names.contains("考勤表.xlsx:拜访"))
        XCTAssertTrue(names.contains("roster.xlsm:员工"))  // .xlsm is read as .xlsx
        let att = try XCTUnwrap(set.files.first { $0.file == "考勤表.xlsx:考勤" })
        XCTAssertEqual(att.encoding, "xlsx")
        XCTAssertEqual(att.sha256, SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("考勤表.xlsx"))))))
        XCTAssertEqual(set.attendance.count, 4)
        XCTAssertEqual(set.ignoredFiles.map(\.file), ["考勤表.xlsx:说明"])
    }

    func testLocations() {
        XCTAssertEqual(SheetLocation.text(file: "attendance.xlsx:考勤", line: 7, column: 3), "attendance.xlsx:考勤!C7")
        XCTAssertEqual(SheetLocation.text(file: "attendance.csv", line: 7, column: 3), "attendance.csv:7:3")
        XCTAssertEqual(SheetLocation.columnLetters(26), "Z")
        XCTAssertEqual(SheetLocation.columnLetters(28), "AB")
        XCTAssertEqual(SourceLocation(file: "a.XLSM:s", line: 2, column: 1).description, "a.XLSM:s!A2")
    }

    func testDecimalsFromTheXMLText() {
        func plain(_ s: String) -> String? { Array(s.utf8).withUnsafeBufferPointer { XlsxDecimal($0)?.plain } }
        XCTAssertEqual(plain("1080.5"), "1080.5")
        XCTAssertEqual(plain("-0.05"), "-0.05")
        XCTAssertEqual(plain("0.30000000000000004"), "0.3")
        XCTAssertEqual(plain("1080.4999999999998"), "1080.5")
        XCTAssertEqual(plain("4.9999999999999996E-2"), "0.05")
        XCTAssertEqual(plain("1E3"), "1000")
        XCTAssertEqual(plain("12.345"), "12.345")
        XCTAssertEqual(plain("0"), "0")
        XCTAssertNil(plain("1,5"))
        XCTAssertNil(plain(""))
    }
}
