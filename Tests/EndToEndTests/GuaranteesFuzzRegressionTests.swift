import Foundation
import XCTest

/// Issue 6 §8: every input the fuzzer (make fuzz) found in fuzz/regressions/ — and the seeds — fed to the binary's
/// `check` as the expenses file: no crash, exit 0 (read) or 2 (a clear file error).
final class GuaranteesFuzzRegressionTests: XCTestCase {
    func testFuzzFindingsDoNotCrashCheck() throws {
        let fuzz = Harness.packageRoot.appendingPathComponent("fuzz")
        var files: [URL] = []
        for sub in ["regressions", "seeds"] {
            let dir = fuzz.appendingPathComponent(sub)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where !name.hasPrefix(".") {
                files.append(dir.appendingPathComponent(name))
            }
        }
        XCTAssertFalse(files.isEmpty, "no fuzz inputs found under \(fuzz.path)")
        let root = try Harness.tempDir("guarantees-fuzz")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = try G.january(root)
        for f in files {
            try FileManager.default.removeItem(at: inputs.appendingPathComponent("expenses.csv"))
            try FileManager.default.copyItem(at: f, to: inputs.appendingPathComponent("expenses.csv"))
            let r = try Harness.runExecutable(Harness.binary, ["check", "--inputs", inputs.path, "--period", G.jan])
            XCTAssertTrue(r.status == 0 || r.status == 2, "\(f.lastPathComponent): exit \(r.status)\n\(r.stderr.suffix(2000))")
        }
    }
}
