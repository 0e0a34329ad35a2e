import Foundation
import XCTest
@testable import Ingest
import SalesCore

/// A temporary inputs folder, removed by `cleanup()`.
final class TempFolder {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-" + UUID().uuidString).path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ text: String) { write(name, Array(text.utf8)) }
    func write(_ name: String, _ bytes: [UInt8]) {
        _ = FileManager.default.createFile(atPath: (path as NSString).appendingPathComponent(name), contents: Data(bytes))
    }
    func mkdir(_ name: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).appendingPathComponent(name), withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }

    static let headers: [InputKind: String] = [
        .roster: "employee_id,name,role,region,hire_date",
        .targets: "period,employee_id,remittance_target",
        .sales: "date,order_id,employee_id,customer_id,product,quantity,amount",
        .attendance: "date,employee_id,status,city",
        .expenses: "claim_id,employee_id,date,category,amount,submitted_on",
        .plans: "employee_id,date,city"
    ]
    /// Header-only files of every required kind, except those given.
    func writeRequired(except: Set<InputKind> = []) {
        for (k, h) in TempFolder.headers where !except.contains(k) { write("\(k.rawValue).csv", h + "\n") }
    }
}

/// Encodes UTF-8 text with the system's iconv (a real encoder); nil when iconv rejects it.
func iconvEncode(_ text: String, to encoding: String) -> [UInt8]? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    p.arguments = ["-f", "UTF-8", "-t", encoding]
    let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
    p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = errPipe
    try! p.run()
    inPipe.fileHandleForWriting.write(Data(text.utf8))
    try! inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    _ = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return p.terminationStatus == 0 ? [UInt8](out) : nil
}

func expectFileError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> FileError? {
    do {
        try body()
        XCTFail("expected a FileError", file: file, line: line)
        return nil
    } catch let e as FileError {
        return e
    } catch {
        XCTFail("expected a FileError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Reads one CSV file's text as the given file name, with the rows of its kind.
func readOne(
    _ name: String, _ text: String, aliases: [(key: String, value: String)] = [],
    cellText: CellTextLimit = .unlimited
) throws -> (PreparedFile, InputSet) {
    var reader = InputReader(cityAliases: aliases)
    reader.cellText = cellText
    let p = try reader.prepare(name: name, bytes: Array(text.utf8))
    var set = InputSet()
    try reader.readRows(p, fileOrder: 0, into: &set)
    return (p, set)
}
