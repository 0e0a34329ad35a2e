import Foundation
import XCTest
import SalesCore
import XlsxReader
@testable import Report
import XlsxWriter

final class RegionWorkbooksTests: ReportTestCase {
    func regionDocuments(_ r: CloseResult = ManagementFixture.result(), lang: Lang = .zh) throws -> [String: XlsxDocument] {
        // The caller makes the folder (Report touches no files); then one workbook per region, as CloseRunner writes them.
        try FileManager.default.createDirectory(atPath: directory.path + "/regions", withIntermediateDirectories: true)
        let index = ReportIndex(r)
        let written = try RegionWorkbooks.fileNames(r).map {
            try RegionWorkbooks.writeOne(r, region: $0.region, to: directory.path + "/" + $0.file, options: ReportOptions(lang: lang), index: index)
        }
        XCTAssertEqual(written.count, 2)
        var docs: [String: XlsxDocument] = [:]
        for (region, file) in RegionWorkbooks.fileNames(r) { docs[region] = try XlsxDocument(path: path(file)) }
        return docs
    }

    func testOneWorkbookPerRosterRegionUnderRegions() throws {
        let r = ManagementFixture.result()
        XCTAssertEqual(RegionWorkbooks.fileNames(r).map(\.file), ["regions/华东-2023-03.xlsx", "regions/华南-2023-03.xlsx"])
        let docs = try regionDocuments(r)
        XCTAssertEqual(docs["华东"]?.sheetNames, ["人员达成", "订单明细", "回款明细", "客户", "考勤出差", "计划与拜访", "稽核"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("regions/华南-2023-03.xlsx")))
    }

    func testARegionWorkbookHoldsNothingOfAnotherRegion() throws {
        let docs = try regionDocuments(ManagementFixture.result(quarter: true))
        let east = try XCTUnwrap(docs["华东"])
        let all = try everything(east)
        let texts = all.cells.compactMap { $0.cell.text } + [all.strings]
        for foreign in ["E003", "王芳", "C-SOUTH", "南方农资", "华南", "SO-4", "SO-5", "RC-9", "销售二部"] {
            XCTAssertFalse(texts.contains { $0.contains(foreign) }, "华东 shows \(foreign)")
        }
        // No amount only 华南 has, no customer total across regions, no receivable (it runs across regions), no pay.
        let forbidden = ManagementFixture.southOnlyAmounts + ManagementFixture.payAmounts + [5555.55, 8333.33, 6444.44, 1888.89]
        for (sheet, cell) in all.cells {
            guard let n = cell.number else { continue }
            XCTAssertFalse(forbidden.contains { abs($0 - n) < 0.001 }, "\(sheet)!\(cell.ref) = \(n)")
        }
        let cellTexts = Set(all.cells.compactMap { $0.cell.text })
        for header in ManagementFixture.payHeaders + [MH.receivableAfter.zh, MH.receivableBefore.zh] {
            XCTAssertFalse(cellTexts.contains(header), header)
        }
        // And the other way round.
        let south = try everything(try XCTUnwrap(docs["华南"]))
        let southTexts = south.cells.compactMap { $0.cell.text }
        for foreign in ["E001", "E002", "张伟", "C-EAST", "东方农资", "SO-1", "SO-2", "SO-3"] {
            XCTAssertFalse(southTexts.contains { $0.contains(foreign) }, "华南 shows \(foreign)")
        }
    }

    func testASharedCustomerAppearsInEachRegionWithThatRegionsFiguresOnly() throws {
        let docs = try regionDocuments()
        let east = try XCTUnwrap(docs["华东"]), south = try XCTUnwrap(docs["华南"])
        // 华东: C-EAST 12000 + 8000, remitted 12000 + 6000; C-SHARED 5000, remitted 2000.
        XCTAssertEqual(try text(east, "客户", "A3"), "C-EAST")
        try assertMoney(east, "客户", "C3", "20000.00")
        try assertMoney(east, "客户", "D3", "18000.00")
        XCTAssertEqual(try text(east, "客户", "A4"), "C-SHARED")
        XCTAssertEqual(try text(east, "客户", "B4"), "共同农资")
        try assertMoney(east, "客户", "C4", "5000.00")
        try assertMoney(east, "客户", "D4", "2000.00")
        try assertMoney(east, "客户", "C5", "25000.00")
        // 华南: C-SOUTH 7777.77 / 1111.11; C-SHARED 3333.33, remitted by the remittance row 4444.44.
        XCTAssertEqual(try text(south, "客户", "A3"), "C-SOUTH")
        XCTAssertEqual(try text(south, "客户", "A4"), "C-SHARED")
        try assertMoney(south, "客户", "C4", "3333.33")
        try assertMoney(south, "客户", "D4", "4444.44")
    }

    func testOrderLinesAreTheRegionsAcceptedRowsOfThePeriod() throws {
        let east = try XCTUnwrap(try regionDocuments()["华东"])
        let s = "订单明细"
        XCTAssertEqual(try text(east, s, "A2"), "日期")
        XCTAssertEqual(try text(east, s, "B3"), "SO-1")
        XCTAssertEqual(try text(east, s, "B4"), "SO-2")
        XCTAssertEqual(try text(east, s, "B5"), "SO-3")
        XCTAssertEqual(try text(east, s, "A6"), "合计")  // SO-6 (rejected) and SO-0 (February) are not there
        try assertMoney(east, s, "J6", "25000.00")
        try assertMoney(east, s, "K6", "14000.00")
        XCTAssertEqual(try east.numberFormat(sheet: s, ref: "A3"), "yyyy-mm-dd")
        XCTAssertEqual(try number(east, s, "I5"), 80)
        // Employees: targets, attainment with its fills, flags without commission codes.
        XCTAssertEqual(try text(east, "人员达成", "A4"), "E001")
        try assertMoney(east, "人员达成", "F4", "20000.00")
        XCTAssertEqual(try number(east, "人员达成", "H4"), 0.7)
        XCTAssertEqual(try text(east, "人员达成", "P4"), "ATT-TRAVEL-DAYS-LOW, ATT-TRAVEL-UNVERIFIED, AUDIT, PLAN-MISSING-WEEK")
        XCTAssertFalse(try east.sheet("人员达成").conditionalFormats.isEmpty)
        XCTAssertEqual(try text(east, "稽核", "A3"), "E001")
    }

    func testFileNamesAreSafeOnEveryOSAndUniqueIgnoringCase() {
        XCTAssertEqual(RegionWorkbooks.safeFileStem("华东"), "华东")
        XCTAssertEqual(RegionWorkbooks.safeFileStem("华东/华北:一区*?\"<>|"), "华东_华北_一区______")
        XCTAssertEqual(RegionWorkbooks.safeFileStem(" ..西北\u{0001}区. "), "西北_区")
        XCTAssertEqual(RegionWorkbooks.safeFileStem("..."), "region")
        XCTAssertEqual(RegionWorkbooks.safeFileStem("CON"), "_CON")
        XCTAssertEqual(RegionWorkbooks.safeFileStem("com1.东"), "_com1.东")
        var r = ManagementFixture.result()
        r.employees[1].region = "North"
        r.employees[2].region = "north"
        XCTAssertEqual(
            RegionWorkbooks.fileNames(r).map(\.file),
            ["regions/华东-2023-03.xlsx", "regions/North-2023-03.xlsx", "regions/north-2023-03-2.xlsx"])
        r.employees[0].region = "a/b"
        r.employees[1].region = "a:b"
        XCTAssertEqual(RegionWorkbooks.fileNames(r).map(\.file).prefix(2), ["regions/a_b-2023-03.xlsx", "regions/a_b-2023-03-2.xlsx"])
    }

    func testEnglishRegionWorkbook() throws {
        let east = try XCTUnwrap(try regionDocuments(lang: .en)["华东"])
        XCTAssertEqual(east.sheetNames, ["Employees", "Order lines", "Remittances", "Customers", "Travel", "Plans & activity", "Audit flags"])
        XCTAssertEqual(try text(east, "Order lines", "J2"), "Sales")
    }
}
