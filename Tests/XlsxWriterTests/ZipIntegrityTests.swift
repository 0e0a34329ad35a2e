import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter

final class ZipIntegrityTests: WorkbookTestCase {
    private func sampleBytes() throws -> Data {
        let file = path("sample.xlsx")
        let workbook = try Workbook(path: file)
        let sheet = try workbook.addWorksheet(name: "S")
        for row in 0..<20 { try sheet.writeString(row, 0, "row \(row)") }
        try workbook.close()
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    private func write(_ data: Data, _ name: String) throws -> String {
        let file = path(name)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    private func corruptFileError(_ file: String) -> String? {
        do {
            try Workbook.verifyZipIntegrity(path: file)
            return nil
        } catch let error as XlsxError {
            guard case .corruptFile(let text) = error.reason else { return "wrong reason: \(error)" }
            XCTAssertTrue(error.description.contains(file))
            return text
        } catch {
            return "wrong error: \(error)"
        }
    }

    func testAWrittenWorkbookPasses() throws {
        let file = try write(try sampleBytes(), "ok.xlsx")
        XCTAssertNoThrow(try Workbook.verifyZipIntegrity(path: file))
    }

    func testAFileTruncatedByAFewBytesIsRejected() throws {
        let bytes = try sampleBytes()
        for cut in [1, 3, 22, 200] {
            let file = try write(bytes.prefix(bytes.count - cut), "cut-\(cut).xlsx")
            let problem = corruptFileError(file)
            XCTAssertNotNil(problem, "truncated by \(cut) bytes")
        }
        XCTAssertNotNil(corruptFileError(try write(Data(), "empty.xlsx")))
        XCTAssertNotNil(corruptFileError(try write(Data("not a zip at all, just text".utf8), "text.xlsx")))
    }

    func testAZipWithACorruptedMiddleIsRejected() throws {
        var bytes = try sampleBytes()
        // Find the third local file header and overwrite it: the central
        // directory still points there.
        let signature = Data([0x50, 0x4B, 0x03, 0x04])
        var offsets: [Int] = []
        var searchFrom = bytes.startIndex
        while let found = bytes.range(of: signature, in: searchFrom..<bytes.endIndex) {
            offsets.append(found.lowerBound)
            searchFrom = found.upperBound
        }
        XCTAssertGreaterThan(offsets.count, 3)
        let middle = offsets[offsets.count / 2]
        for i in 0..<8 { bytes[middle + i] = 0 }
        let problem = try XCTUnwrap(corruptFileError(try write(bytes, "middle.xlsx")))
        XCTAssertTrue(problem.contains("local header"), problem)
    }

    func testAShiftedCentralDirectoryIsRejected() throws {
        var bytes = try sampleBytes()
        // Insert garbage in the middle: every offset after it is now wrong.
        bytes.insert(contentsOf: Data(repeating: 0x41, count: 10), at: bytes.count / 2)
        XCTAssertNotNil(corruptFileError(try write(bytes, "shifted.xlsx")))
    }

    func testAMissingFileIsASystemError() {
        let error = xlsxError { try Workbook.verifyZipIntegrity(path: self.path("absent.xlsx")) }
        guard case .system = error?.reason else { return XCTFail("\(String(describing: error))") }
    }
}
