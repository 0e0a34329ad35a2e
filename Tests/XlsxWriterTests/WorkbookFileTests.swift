import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter
#if canImport(Glibc)
    import Glibc
#endif

final class WorkbookFileTests: WorkbookTestCase {
    private func fileMode(_ path: String) throws -> UInt32 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber).map { $0.uint32Value & 0o777 } ?? 0
    }

    func testFileModeIsExactEvenWithAPermissiveUmask() throws {
        let previous = umask(0)
        defer { umask(previous) }
        let restricted = path("finance.xlsx")
        let workbook = try Workbook(path: restricted, options: WorkbookOptions(fileMode: 0o600))
        try workbook.addWorksheet(name: "S").writeString(0, 0, "pay")
        XCTAssertEqual(try fileMode(restricted), 0o600, "created with the mode before libxlsxwriter writes")
        try workbook.close()
        XCTAssertEqual(try fileMode(restricted), 0o600)
        XCTAssertEqual(try XlsxDocument(path: restricted).cellValue(sheet: "S", ref: "A1"), .string("pay"))

        // An existing, world-readable file is narrowed too.
        let existing = path("existing.xlsx")
        _ = FileManager.default.createFile(atPath: existing, contents: Data("old".utf8), attributes: [.posixPermissions: 0o666])
        let again = try Workbook(path: existing, options: WorkbookOptions(fileMode: 0o600))
        _ = try again.addWorksheet(name: "S")
        try again.close()
        XCTAssertEqual(try fileMode(existing), 0o600)

        // Without fileMode the umask applies as usual (0 → 0666).
        let ordinary = path("management.xlsx")
        let plain = try Workbook(path: ordinary)
        _ = try plain.addWorksheet(name: "S")
        try plain.close()
        XCTAssertEqual(try fileMode(ordinary), 0o666)
    }

    private func writeSample(_ file: String, constantMemory: Bool = false) throws {
        let workbook = try Workbook(path: file, options: WorkbookOptions(constantMemory: constantMemory))
        try workbook.setProperties(
            title: "财务 2023-03", author: "salesclose", company: "甲公司",
            created: CalendarDate(year: 2023, month: 3, day: 31))
        let sheet = try workbook.addWorksheet(name: "汇总")
        let money = try workbook.addFormat(CellFormat(numberFormat: "¥#,##0.00"))
        for row in 0..<50 {
            try sheet.writeString(row, 0, "员工 \(row)")
            try sheet.writeNumber(row, 1, Double(row) * 10.5, money)
        }
        try sheet.writeFormula(50, 1, formula: "=SUM(B1:B50)", cachedValue: 12862.5, money)
        let chart = try workbook.addChart(.column)
        _ = try chart.addSeries(name: "销售", categories: "='汇总'!$A$1:$A$50", values: "='汇总'!$B$1:$B$50")
        try sheet.insertChart(2, 4, chart)
        try workbook.close()
    }

    func testSameWorkbookWrittenTwiceIsByteIdentical() throws {
        let first = path("a.xlsx")
        let second = path("b.xlsx")
        try writeSample(first)
        Thread.sleep(forTimeInterval: 1.1)  // a wall-clock timestamp would now differ
        try writeSample(second)
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        let b = try Data(contentsOf: URL(fileURLWithPath: second))
        XCTAssertGreaterThan(a.count, 1000)
        XCTAssertEqual(a, b)
    }

    func testBytesDoNotDependOnTheTimeZone() throws {
        let previous = getenv("TZ").map { String(cString: $0) }
        defer {
            if let previous { setenv("TZ", previous, 1) } else { unsetenv("TZ") }
            tzset()
        }
        setenv("TZ", "UTC", 1)
        tzset()
        try writeSample(path("utc.xlsx"))
        setenv("TZ", "America/New_York", 1)
        tzset()
        try writeSample(path("ny.xlsx"))
        let utc = try Data(contentsOf: URL(fileURLWithPath: path("utc.xlsx")))
        let newYork = try Data(contentsOf: URL(fileURLWithPath: path("ny.xlsx")))
        XCTAssertEqual(utc, newYork)
        XCTAssertEqual(try XlsxDocument(path: path("ny.xlsx")).properties.created, "2023-03-31T00:00:00Z")
    }

    func testDocumentPropertiesUseTheGivenDateAtMidnightUTC() throws {
        let file = path("props.xlsx")
        try writeSample(file)
        let doc = try XlsxDocument(path: file)
        XCTAssertEqual(doc.properties.title, "财务 2023-03")
        XCTAssertEqual(doc.properties.company, "甲公司")
        XCTAssertEqual(doc.properties.creator, "salesclose")
        XCTAssertEqual(doc.properties.created, "2023-03-31T00:00:00Z")
    }

    func testCalendarDateToUnixTimeIsPureArithmetic() {
        XCTAssertEqual(CalendarDate(year: 1970, month: 1, day: 1).unixMidnightUTC, 0)
        XCTAssertEqual(CalendarDate(year: 2023, month: 3, day: 31).unixMidnightUTC, 1_680_220_800)
        XCTAssertEqual(CalendarDate(year: 2024, month: 12, day: 31).unixMidnightUTC, 1_735_603_200)
        XCTAssertFalse(CalendarDate(year: 2023, month: 2, day: 29).isValid)
        XCTAssertTrue(CalendarDate(year: 2000, month: 2, day: 29).isValid)
    }

    func testConstantMemoryModeWritesTheSameCells() throws {
        let normal = path("normal.xlsx")
        let constant = path("constant.xlsx")
        try writeSample(normal)
        try writeSample(constant, constantMemory: true)
        let a = try XlsxDocument(path: normal)
        let b = try XlsxDocument(path: constant)
        // Same values, formulas and styles; only the string storage differs (shared vs inline).
        func content(_ doc: XlsxDocument) throws -> [[String]] {
            try doc.rows(sheet: "汇总").map { row in
                row.map { cell in cell.map { "\($0.value)|\($0.formula ?? "")|\($0.styleIndex)" } ?? "-" }
            }
        }
        XCTAssertEqual(try content(a), try content(b))
        XCTAssertEqual(try content(a).count, 51)
        XCTAssertEqual(try b.cellValue(sheet: "汇总", ref: "A50"), .string("员工 49"))
        XCTAssertEqual(try b.cell(sheet: "汇总", ref: "A50")?.type, "inlineStr")
        XCTAssertEqual(try b.cell(sheet: "汇总", ref: "B51")?.formula, "SUM(B1:B50)")
        XCTAssertFalse(b.partNames.contains("xl/sharedStrings.xml"))
    }

    func testConstantMemoryModeRejectsWritingAnEarlierRow() throws {
        let workbook = try Workbook(path: path("order.xlsx"), options: WorkbookOptions(constantMemory: true))
        let sheet = try workbook.addWorksheet(name: "S")
        try sheet.writeNumber(5, 0, 1)
        try sheet.writeNumber(6, 0, 2)
        let error = try XCTUnwrap(xlsxError { try sheet.writeNumber(2, 0, 3) })
        XCTAssertNotNil(error.libraryCode, "the lxw_error passes through with its code")
        try workbook.close()
    }

    func testConstantMemoryModeKeepsSheetSettingsMadeAfterTheRows() throws {
        let doc = try roundTrip(options: WorkbookOptions(constantMemory: true)) { workbook, sheet in
            for row in 0..<10 { try sheet.writeNumber(row, 0, Double(row)) }
            try sheet.setColumn(0, 0, width: 20, format: try workbook.addFormat(CellFormat(numberFormat: "0.0%")))
            try sheet.freezePanes(1, 0)
            try sheet.autofilter(0, 0, 9, 0)
            try sheet.conditionalFormat(
                1, 0, 9, 0, rule: .cell(.lessThan, 3),
                format: try workbook.addFormat(CellFormat(bgColor: 0xFFC7CE)))
            try sheet.setLandscape()
        }
        let sheet = try doc.sheet("S")
        XCTAssertEqual(sheet.columns.first?.width ?? 0, 20.7109375, accuracy: 0.01)
        XCTAssertEqual(sheet.pane?.ySplit, 1)
        XCTAssertEqual(sheet.autofilter, "A1:A10")
        XCTAssertEqual(sheet.conditionalFormats.map(\.range), ["A2:A10"])
        XCTAssertEqual(sheet.pageSetup["orientation"], "landscape")
        XCTAssertEqual(try doc.cellValue(sheet: "S", ref: "A10"), .number(9))
    }

    func testUnwritablePathThrowsWithThePathAndLeavesNoFile() throws {
        let missing = path("no-such-dir/out.xlsx")
        let workbook = try Workbook(path: missing)
        try workbook.addWorksheet(name: "S").writeString(0, 0, "x")
        let error = try XCTUnwrap(xlsxError { try workbook.close() })
        XCTAssertTrue(error.description.contains(missing), error.description)
        XCTAssertEqual(error.operation, "close workbook")
        XCTAssertTrue(error.description.contains("No such file"), error.description)

        let early = try XCTUnwrap(xlsxError { _ = try Workbook(path: missing, options: WorkbookOptions(fileMode: 0o600)) })
        XCTAssertTrue(early.description.contains(missing), early.description)
        XCTAssertTrue(early.description.contains("No such file"), early.description)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    func testAWorkbookDroppedWithoutCloseRemovesItsPreCreatedFile() throws {
        let file = path("abandoned.xlsx")
        do {
            let workbook = try Workbook(path: file, options: WorkbookOptions(fileMode: 0o600))
            _ = try workbook.addWorksheet(name: "S")
            XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    func testTmpdirOptionIsUsedForConstantMemoryFiles() throws {
        let tmp = directory.appendingPathComponent("tmp").path
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let file = path("tmpdir.xlsx")
        let workbook = try Workbook(path: file, options: WorkbookOptions(constantMemory: true, tmpdir: tmp))
        try workbook.addWorksheet(name: "S").writeNumber(0, 0, 1)
        try workbook.close()
        XCTAssertEqual(try XlsxDocument(path: file).cellValue(sheet: "S", ref: "A1"), .number(1))

        let bad = try Workbook(path: path("badtmp.xlsx"), options: WorkbookOptions(constantMemory: true, tmpdir: path("missing-tmp")))
        // libxlsxwriter 1.1.4 falls back or fails at sheet creation / close; either way no crash and no bad file.
        do {
            try bad.addWorksheet(name: "S").writeNumber(0, 0, 1)
            try bad.close()
            XCTAssertNoThrow(try Workbook.verifyZipIntegrity(path: bad.path))
        } catch let error as XlsxError {
            XCTAssertFalse(error.description.isEmpty)
        }
    }

    func testNumbersAreWrittenWithADecimalPointUnderADecimalCommaLocale() throws {
        guard let locale = try DecimalCommaLocale.activate(scratch: directory.path) else {
            throw XCTSkip("no decimal-comma locale (de_DE.UTF-8) available")
        }
        defer { locale.restore() }
        // The process locale really switched: C's printf now writes a comma.
        XCTAssertEqual(String(cString: localeconv().pointee.decimal_point), ",")

        let doc = try roundTrip { workbook, sheet in
            try sheet.writeNumber(0, 0, 1234.5, try workbook.addFormat(CellFormat(numberFormat: "0.00", fontSize: 10.5)))
            try sheet.writeFormula(1, 0, formula: "=A1/2", cachedValue: 617.25)
            try sheet.setColumn(0, 0, width: 12.5)
        }
        XCTAssertEqual(String(cString: localeconv().pointee.decimal_point), ",", "the process locale is left alone")
        let xml = try doc.text(part: "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<v>1234.5</v>"), xml)
        XCTAssertTrue(xml.contains("<v>617.25</v>"), xml)
        XCTAssertTrue(xml.contains("width=\"13.2"), xml)
        XCTAssertTrue(try doc.text(part: "xl/styles.xml").contains("<sz val=\"10.5\"/>"))
    }

    func testWorkbooksCanBeWrittenOnParallelThreads() throws {
        let count = 4
        let paths = (0..<count).map { path("parallel-\($0).xlsx") }
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do {
                let workbook = try Workbook(path: paths[index])
                let sheet = try workbook.addWorksheet(name: "S\(index)")
                for row in 0..<200 { try sheet.writeNumber(row, 0, Double(row) + 0.25) }
                try workbook.close()
            } catch {
                errors.append("\(error)")
            }
        }
        XCTAssertEqual(errors.items, [])
        for index in 0..<count {
            let doc = try XlsxDocument(path: paths[index])
            XCTAssertEqual(try doc.cellValue(sheet: "S\(index)", ref: "A200"), .number(199.25))
        }
    }
}

private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ item: String) { lock.lock(); stored.append(item); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

/// Switches the process's C locale to German (decimal comma) for a test, and back.
private struct DecimalCommaLocale {
    let previous: String
    let previousLocpath: String?

    static func activate(scratch: String) throws -> DecimalCommaLocale? {
        let previous = String(cString: setlocale(LC_ALL, nil))
        let previousLocpath = getenv("LOCPATH").map { String(cString: $0) }
        let state = DecimalCommaLocale(previous: previous, previousLocpath: previousLocpath)
        for name in ["de_DE.UTF-8", "de_DE.utf8"] where setlocale(LC_ALL, name) != nil {
            if String(cString: localeconv().pointee.decimal_point) == "," { return state }
        }
        // Build the locale into a scratch directory when the system has its sources.
        let localedef = "/usr/bin/localedef"
        guard FileManager.default.isExecutableFile(atPath: localedef),
            FileManager.default.fileExists(atPath: "/usr/share/i18n/locales/de_DE")
        else { return nil }
        let target = scratch + "/locales"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: localedef)
        process.arguments = ["-i", "de_DE", "-f", "UTF-8", target + "/de_DE.UTF-8"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        setenv("LOCPATH", target, 1)
        if setlocale(LC_ALL, "de_DE.UTF-8") != nil, String(cString: localeconv().pointee.decimal_point) == "," {
            return state
        }
        state.restore()
        return nil
    }

    func restore() {
        if let previousLocpath { setenv("LOCPATH", previousLocpath, 1) } else { unsetenv("LOCPATH") }
        setlocale(LC_ALL, previous)
    }
}
