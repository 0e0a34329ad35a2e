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
    /// A pipe's bytes, filled by one reader thread and read after it is joined.
    final class Box: @unchecked Sendable { var data = Data() }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:], cwd: URL? = nil) throws -> Result {
        try runExecutable(binary, args, env: env, cwd: cwd)
    }

    /// Runs any executable with both pipes drained; a signal death reads as 128 + the signal, as a shell says.
    static func runExecutable(_ exe: URL, _ args: [String], env: [String: String] = [:], cwd: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let outData = Box(), errData = Box()
        let group = DispatchGroup()
        group.enter();
        DispatchQueue.global().async {
            outData.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave()
        }
        group.enter();
        DispatchQueue.global().async {
            errData.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave()
        }
        p.waitUntilExit()
        group.wait()
        let status = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        return Result(status: status, stdout: String(decoding: outData.data, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
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
