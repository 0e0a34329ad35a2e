import Foundation
import XCTest
@testable import Ingest
import SalesCore

final class InputReaderTests: XCTestCase {
    var folder: TempFolder!
    override func setUp() { folder = TempFolder() }
    override func tearDown() { folder.cleanup() }

    func read() throws -> InputSet { try InputReader(cityAliases: [("Beijing", "北京")]).read(directory: folder.path) }

    func testAFolderOfHeaderOnlyFilesReadsWithZeroRows() throws {
        folder.writeRequired()
        let set = try read()
        XCTAssertEqual(set.files.count, 6)
        XCTAssertTrue(set.files.allSatisfy { $0.rows == 0 && $0.blank == 0 && $0.encoding == "utf-8" && $0.delimiter == "," })
        XCTAssertTrue(set.has(.plans))
        XCTAssertFalse(set.has(.visits))
    }

    func testARequiredKindMissingIsAFileError() {
        folder.writeRequired(except: [.plans])
        let e = expectFileError { _ = try self.read() }
        XCTAssertTrue(e?.message.contains("plans") == true, e?.message ?? "")
        XCTAssertFalse(e?.message.contains("roster") == true)
    }

    func testLockFilesHiddenFilesAndReadmeAreIgnoredSilently() throws {
        folder.writeRequired()
        folder.write("~$sales.xlsx", [0x50, 0x4B, 0x03, 0x04])
        folder.write(".DS_Store", [0x00, 0x01])
        folder.write("README.md", "notes")
        folder.write("README-inputs.txt", "not a csv")
        folder.write("notes.pdf", "x")
        let set = try read()
        XCTAssertEqual(set.files.count, 6)
        XCTAssertEqual(set.ignoredFiles.map(\.file), ["notes.pdf"])
    }

    func testAnXlsxFileSaysToSaveAsCSVUTF8() {
        folder.writeRequired()
        folder.write("visits.xlsx", [0x50, 0x4B, 0x03, 0x04])
        let e = expectFileError { _ = try self.read() }
        XCTAssertEqual(e?.file, "visits.xlsx")
        XCTAssertTrue(e?.message.contains("CSV UTF-8") == true, e?.message ?? "")
        folder.write("visits.xlsx", [])
        folder.write("考勤.et", "x")
        XCTAssertTrue(expectFileError { _ = try self.read() }?.message.contains("CSV UTF-8") == true)
    }

    func testAZeroByteFileIsAFileError() {
        folder.writeRequired()
        folder.write("visits.csv", [])
        let e = expectFileError { _ = try self.read() }
        XCTAssertEqual(e?.file, "visits.csv")
        XCTAssertTrue(e?.message.contains("0 bytes") == true, e?.message ?? "")
    }

    func testAWorkbookSavedAsCSVIsAFileError() {
        folder.writeRequired()
        folder.write("visits.csv", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])
        let e = expectFileError { _ = try self.read() }
        XCTAssertTrue(e?.message.contains("Excel workbook") == true, e?.message ?? "")
    }

    func testPolicyTomlIsReadAsTextWithItsHash() throws {
        folder.writeRequired()
        folder.write("policy.toml", "version = 1\n")
        let set = try read()
        XCTAssertEqual(set.policyText, "version = 1\n")
        XCTAssertEqual(set.policySHA256, SHA256.hex(Array("version = 1\n".utf8)))
    }

    func testSeveralFilesOfOneKindAreReadInCodePointOrderRegardlessOfCreationOrder() throws {
        folder.writeRequired(except: [.sales])
        let h = TempFolder.headers[.sales]! + "\n"
        // Created in reverse; "Sales-Z" < "sales-a" by code point (Z = 0x5A < s = 0x73), "销售" after both.
        folder.write("销售-东.csv", h + "2023-03-03,O3,E1,C1,P,1,3\n")
        folder.write("sales-a.csv", h + "2023-03-02,O2,E1,C1,P,1,2\n")
        folder.write("Sales-Z.csv", h + "2023-03-01,O1,E1,C1,P,1,1\n")
        let set = try read()
        XCTAssertEqual(set.sales.map(\.ref.file), ["Sales-Z.csv", "sales-a.csv", "销售-东.csv"])
        XCTAssertEqual(set.sales.map(\.ref.fileOrder), [0, 1, 2])
        XCTAssertEqual(set.sales.compactMap(\.value?.orderId), ["O1", "O2", "O3"])
        XCTAssertEqual(set.files.filter { $0.kind == .sales }.map(\.file), ["Sales-Z.csv", "sales-a.csv", "销售-东.csv"])
        XCTAssertTrue(InputReader.codePointLess("Z", "a"))
        XCTAssertTrue(InputReader.codePointLess("b", "é"))
    }

    func testFileReportCarriesTheSHA256OfTheExactBytes() throws {
        folder.writeRequired(except: [.roster])
        let bytes = [0xEF, 0xBB, 0xBF] + Array("employee_id,name,role,region,hire_date\r\nE1,张三,sales_rep,华东,2020-01-01\r\n".utf8)
        folder.write("roster.csv", bytes)
        let set = try read()
        let r = try XCTUnwrap(set.files.first { $0.kind == .roster })
        XCTAssertEqual(r.sha256, SHA256.hex(bytes))
        XCTAssertEqual(r.encoding, "utf-8-bom")
        XCTAssertEqual(set.roster.first?.value?.name, "张三")
        XCTAssertEqual(set.roster.first?.value?.level, .numbered(3))
    }

    func testGB18030AndUTF16FilesReadThroughTheFolder() throws {
        folder.writeRequired(except: [.roster, .attendance])
        let roster = "员工编号,姓名,岗位,区域,入职日期\nE1,张𠀀,业务员,华东,2020/1/2\n"
        folder.write("员工.csv", iconvEncode(roster, to: "GB18030")!)
        var att: [UInt8] = [0xFF, 0xFE]
        for u in "日期\t工号\t状态\t城市\n2023-03-27\tE1\t出差\t廣州市\n".utf16 { att += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        folder.write("考勤.txt", att)
        let set = try read()
        XCTAssertEqual(set.files.first { $0.kind == .roster }?.encoding, "gb18030")
        XCTAssertEqual(set.roster.first?.value?.name, "张𠀀")
        XCTAssertEqual(set.roster.first?.value?.role, .sales_rep)
        let a = try XCTUnwrap(set.files.first { $0.kind == .attendance })
        XCTAssertEqual(a.encoding, "utf-16le")
        XCTAssertEqual(a.delimiter, "\t")
        XCTAssertEqual(set.attendance.first?.value?.city, "广州")
    }

    func testNULInAFileIsAFileErrorThroughTheFolder() {
        folder.writeRequired()
        folder.write("visits.csv", Array("date,employee_id,kind\n2023-03-01,E1,".utf8) + [0] + Array("new\n".utf8))
        let e = expectFileError { _ = try self.read() }
        XCTAssertEqual(e?.file, "visits.csv")
        XCTAssertTrue(e?.message.contains("NUL") == true)
    }

    func testHeaderLackingARequiredColumnNamesTheAliases() {
        folder.writeRequired(except: [.targets])
        folder.write("targets.csv", "period,employee_id,sales_target\n")
        let e = expectFileError { _ = try self.read() }
        XCTAssertEqual(e?.file, "targets.csv")
        let m = e?.message ?? ""
        XCTAssertTrue(m.contains("remittance_target"), m)
        XCTAssertTrue(m.contains("回款指标, 回款指標, 汇款指标, 匯款指標"), m)
    }

    func testUnknownColumnsAreKeptAndListed() throws {
        folder.writeRequired(except: [.plans])
        folder.write("plans.csv", "employee_id,date,city,weather,备注2\nE1,2023-03-01,北京,sunny,x\n")
        let set = try read()
        XCTAssertEqual(set.files.first { $0.kind == .plans }?.ignoredColumns, ["weather", "备注2"])
        XCTAssertEqual(set.plans.first?.value?.city, "北京")
        XCTAssertEqual(set.plans.first?.value?.plannedCalls, 0)
    }
}
