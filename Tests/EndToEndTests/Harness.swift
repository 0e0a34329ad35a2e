import Foundation
import XCTest

/// Runs the real `salesclose` binary in temporary folders (xsv-style end-to-end tests).
enum Harness {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        let debug = packageRoot.appendingPathComponent(".build/debug/salesclose")
        if FileManager.default.isExecutableFile(atPath: debug.path) { return debug }
        // `swift build --build-tests` in another configuration: look beside the test bundle.
        let bundle = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent().appendingPathComponent("salesclose")
        return bundle
    }
    final class Marker {}

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:], cwd: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        p.waitUntilExit()
        group.wait()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func tempDir(_ name: String = "e2e") throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("salesclose-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static func write(_ files: [String: String], to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
    }

    static func summary(_ outputs: URL, _ period: String) throws -> [String: Any] {
        let data = try Data(contentsOf: outputs.appendingPathComponent("\(period)/close-summary.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

extension Dictionary where Key == String, Value == Any {
    func employee(_ id: String) -> [String: Any]? {
        (self["employees"] as? [[String: Any]])?.first { $0["employee_id"] as? String == id }
    }
    func expenseLine(claim: String) -> [String: Any]? {
        (self["expense_lines"] as? [[String: Any]])?.first { $0["claim_id"] as? String == claim }
    }
    func advance(_ id: String) -> [String: Any]? {
        (self["advances"] as? [[String: Any]])?.first { $0["advance_id"] as? String == id }
    }
    func input(_ file: String) -> [String: Any]? {
        (self["inputs"] as? [[String: Any]])?.first { $0["file"] as? String == file }
    }
    var rejected: [[String: Any]] { self["rejected_rows"] as? [[String: Any]] ?? [] }
}
