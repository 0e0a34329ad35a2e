import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter

/// A fresh temporary directory per test, removed afterwards.
class WorkbookTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xlsxwriter-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Writes a workbook with one sheet `S` (unless `sheet` is nil), closes it, reads it back.
    @discardableResult
    func roundTrip(
        _ name: String = "t.xlsx", options: WorkbookOptions = WorkbookOptions(),
        _ build: (Workbook, Worksheet) throws -> Void
    ) throws -> XlsxDocument {
        let file = path(name)
        let workbook = try Workbook(path: file, options: options)
        let sheet = try workbook.addWorksheet(name: "S")
        try build(workbook, sheet)
        try workbook.close()
        return try XlsxDocument(path: file)
    }

    /// Asserts `body` throws an `XlsxError` and returns it.
    func xlsxError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> XlsxError? {
        do {
            try body()
            XCTFail("expected an XlsxError", file: file, line: line)
        } catch let error as XlsxError {
            return error
        } catch {
            XCTFail("expected an XlsxError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
