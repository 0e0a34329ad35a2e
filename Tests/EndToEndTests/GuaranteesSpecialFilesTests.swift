import Foundation
import XCTest
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14 item 4, through the binary: special files in inputs/ are file errors naming the file (exit 2, nothing
/// written), with no crash, no wait on a FIFO, and no whole-file buffer for a huge sparse file.
final class GuaranteesSpecialFilesTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-special") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// January's inputs with `file` replaced by what `make` puts at its path; close and check both stop with exit 2.
    func stops(
        _ name: String, file: String, prefix: String = "true", make: (String) throws -> Void,
        sourceFile: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let inputs = try G.january(root, name)
        let path = inputs.appendingPathComponent(file).path
        try? FileManager.default.removeItem(atPath: path)
        try make(path)
        let out = root.appendingPathComponent("out-" + name)
        let r = try G.run(["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"], prefix: prefix)
        XCTAssertEqual(r.status, 2, r.stderr, file: sourceFile, line: line)
        XCTAssertTrue(r.stderr.contains("\(file):"), r.stderr, file: sourceFile, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written for \(name)", file: sourceFile, line: line)
        let c = try G.run(["check", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"], prefix: prefix)
        XCTAssertEqual(c.status, 2, c.stderr, file: sourceFile, line: line)
        XCTAssertTrue((c.stderr + c.stdout).contains("\(file):"), c.stderr, file: sourceFile, line: line)
        return r.stderr
    }

    func testALinkToDevZeroOrDevUrandomIsAFileErrorNotACrash() throws {
        let zero = try stops("zero", file: "sales.csv") { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero") }
        XCTAssertTrue(zero.contains("character device"), zero)
        let random = try stops("random", file: "expenses.csv") {
            try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/urandom")
        }
        XCTAssertTrue(random.contains("not a regular file"), random)
        let policy = try stops("policy", file: "policy.toml") {
            try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero")
        }
        XCTAssertTrue(policy.contains("not a regular file"), policy)
    }

    func testAFIFOIsAFileErrorAtOnce() throws {
        let m = try stops("fifo", file: "attendance.csv") { XCTAssertEqual(mkfifo($0, 0o600), 0) }
        XCTAssertTrue(m.contains("FIFO"), m)
    }

    /// A 3 GB sparse sales file under a 1 GB address-space limit: refused at byte 0 as the NUL byte it starts with.
    func testAThreeGigabyteSparseSalesFileIsRefusedWithinBoundedMemory() throws {
        let m = try stops("sparse", file: "sales.csv", prefix: "ulimit -v 1000000") { path in
            let fd = open(path, O_WRONLY | O_CREAT, 0o600)
            XCTAssertEqual(ftruncate(fd, off_t(3) << 30), 0)
            close(fd)
        }
        XCTAssertTrue(m.contains("sales.csv:1: error: byte 0 "), m)
        XCTAssertTrue(m.contains("NUL"), m)
    }
}
