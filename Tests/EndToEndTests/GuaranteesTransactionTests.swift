import Foundation
import XCTest
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 6 §2 "Nothing half-written" and §4 (reruns, the lock): after any interruption the period's folder and the
/// ledger agree, both old or both new.
final class GuaranteesTransactionTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-tx") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    var ledger: String { root.appendingPathComponent("out/ledger.sqlite").path }

    /// Killed before the commit of a first close: no period in the ledger, no folder; the rerun closes it and the folder
    /// is what the ledger records and what a clean close elsewhere writes, byte for byte.
    func testKilledBeforeTheCommitThenARerunSucceeds() throws {
        try Strace.require()
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        let killed = try Strace.faultedClose(
            inputs, out, scratch: root, inject: "signal=SIGKILL",
            pick: Strace.inCommit(G.jan) { $0.isLedgerJournalWrite }
        ).result
        XCTAssertEqual(killed.status, 128 + SIGKILL, killed.stderr)
        XCTAssertEqual(try SQLite.periods(ledger), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(G.jan).path))

        let rerun = try G.close(inputs, out)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try SQLite.periods(ledger), [G.jan])
        try G.assertFolderAgreesWithLedger(out, G.jan)

        let clean = root.appendingPathComponent("clean")
        XCTAssertEqual(try G.close(inputs, clean).status, 0)
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), G.hashes(clean.appendingPathComponent(G.jan)))
    }

    /// Killed between the commit and the swap: the rerun finds the temporary folder matching the ledger, completes the
    /// swap, and then sees the same identity: nothing changed.
    func testKilledAfterTheCommitTheRerunCompletesTheSwap() throws {
        try Strace.require()
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        let killed = try Strace.faultedClose(
            inputs, out, scratch: root, inject: "signal=SIGKILL",
            pick: Strace.inCommit(G.jan) { $0.isSwapRename(G.jan) }
        ).result
        XCTAssertEqual(killed.status, 128 + SIGKILL, killed.stderr)
        XCTAssertEqual(try SQLite.periods(ledger), [G.jan], "the commit happened")
        XCTAssertEqual(G.leftovers(out), [".2023-01.partial"])

        let rerun = try G.close(inputs, out)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("没有任何改动"), "nothing changed: \(rerun.stderr)")
        try G.assertFolderAgreesWithLedger(out, G.jan)
        let clean = root.appendingPathComponent("clean")
        XCTAssertEqual(try G.close(inputs, clean).status, 0)
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), G.hashes(clean.appendingPathComponent(G.jan)))
    }

    /// A reopen killed before its commit leaves the old close in both places; one killed after its commit is completed
    /// by the next run even when that run closes another month (recovery looks at every interrupted period).
    func testReopenKilledBeforeAndAfterTheCommit() throws {
        try Strace.require()
        let jan = try G.january(root)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try G.close(jan, out).status, 0)
        let old = G.hashes(out.appendingPathComponent(G.jan))
        let jan2 = try G.january(root, "jan2") { $0["advances.csv"] = TwoMonths.advancesJan + "A9,M1,2023-01-25,100.00,补\n" }

        let before = try Strace.faultedClose(
            jan2, out, ["--reopen"], scratch: root, inject: "signal=SIGKILL",
            pick: Strace.inCommit(G.jan) { $0.isLedgerJournalWrite }
        ).result
        XCTAssertEqual(before.status, 128 + SIGKILL, before.stderr)
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), old, "the old folder is untouched")
        XCTAssertEqual(try SQLite.outputs(ledger, period: G.jan), old, "the ledger still records the old close")

        let after = try Strace.faultedClose(
            jan2, out, ["--reopen"], scratch: root, inject: "signal=SIGKILL",
            pick: Strace.inCommit(G.jan) { $0.isSwapRename(G.jan) }
        ).result
        XCTAssertEqual(after.status, 128 + SIGKILL, after.stderr)
        let recorded = try SQLite.outputs(ledger, period: G.jan)
        XCTAssertNotEqual(recorded, old, "the reopen committed")

        let feb = root.appendingPathComponent("feb")
        try Harness.write(TwoMonths.february, to: feb)
        let next = try G.close(feb, out)
        XCTAssertEqual(next.status, 0, next.stderr)
        try G.assertFolderAgreesWithLedger(out, G.jan)
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), recorded)
        try G.assertFolderAgreesWithLedger(out, "2023-02")
        let s = try Harness.summary(out, G.jan)
        XCTAssertEqual(s.advance("A9")?["decision"] as? String, "approved", "the folder holds the reopened close")
    }

    /// An outputs path that cannot be created (under a regular file): exit 4, nothing written anywhere.
    func testOutputsPathThatCannotBeCreatedExits4() throws {
        let inputs = try G.january(root)
        let blocker = root.appendingPathComponent("blocker")
        try Data("not a folder".utf8).write(to: blocker)
        let out = blocker.appendingPathComponent("out")
        let r = try G.close(inputs, out)
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains(out.path), r.stderr)
        XCTAssertEqual(try Data(contentsOf: blocker), Data("not a folder".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["blocker", "jan"])
    }

    /// The temporary folder the close spills its order lines to and libxlsxwriter writes through (TMPDIR) is checked
    /// before anything is read: missing, exit 4 naming it, nothing written; a usable one, the same close succeeds.
    func testAMissingTemporaryFolderExits4BeforeAnythingIsWritten() throws {
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        let missing = root.appendingPathComponent("no-such-tmp").path
        let r = try G.close(inputs, out, env: ["TMPDIR": missing])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains(missing) && r.stderr.contains("TMPDIR"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
        let tmp = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let ok = try G.close(inputs, out, env: ["TMPDIR": tmp.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "the spill files are gone")
    }

    /// A workbook (and the summary) whose writes fail (ENOSPC injected by strace on that one file's writes): exit 4
    /// naming the file, the previous good folder and the ledger untouched, no temporary folder left.
    func testAWriteThatFailsLeavesThePreviousCloseInPlace() throws {
        try Strace.require()
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try G.close(inputs, out).status, 0)
        let old = G.hashes(out.appendingPathComponent(G.jan))
        let partial = out.appendingPathComponent(".\(G.jan).partial").path
        for file in ["finance-2023-01.xlsx", "management-2023-01.xlsx", "regions/华北-2023-01.xlsx", "close-summary.json"] {
            let args = ["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"]
            let r = try Strace.run(args, trace: "write", inject: "error=ENOSPC:when=1+", only: partial + "/" + file)
            XCTAssertEqual(r.status, 4, "\(file): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("error: ") && r.stderr.contains((file as NSString).lastPathComponent), "\(file): \(r.stderr)")
            XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), old, file)
            XCTAssertEqual(try SQLite.outputs(ledger, period: G.jan), old, file)
            XCTAssertEqual(G.leftovers(out), [], file)
        }
    }

    /// A file-size limit (`ulimit -f`): SIGXFSZ is ignored, so the limit is a write error, not a kill: exit 4, the
    /// previous close in place, the ledger unchanged; without the limit the same close then succeeds.
    func testAFileSizeLimitIsAWriteErrorNotAKill() throws {
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try G.close(inputs, out).status, 0)
        let old = G.hashes(out.appendingPathComponent(G.jan))
        let args = ["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"]
        let r = try G.run(args, prefix: "ulimit -f 8")
        XCTAssertEqual(r.status, 4, "not killed by SIGXFSZ (153) and not a success: \(r.stderr)")
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), old)
        XCTAssertEqual(try SQLite.outputs(ledger, period: G.jan), old)
        XCTAssertEqual(G.leftovers(out), [])
        let again = try Harness.run(args)
        XCTAssertEqual(again.status, 0, again.stderr)
        try G.assertFolderAgreesWithLedger(out, G.jan)
    }

    /// A file-size limit that lets the workbooks be written but stops the ledger's commit (the ledger is larger than
    /// the limit): exit 4, the previous close in place, the ledger still recording it, and no temporary folder left.
    func testAFileSizeLimitThatStopsTheCommitLeavesNoTemporaryFolder() throws {
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try G.close(inputs, out).status, 0)
        let folder = out.appendingPathComponent(G.jan)
        let old = G.hashes(folder)
        let biggest = old.keys.map { G.size(folder.appendingPathComponent($0).path) }.max() ?? 0
        let limitKB = biggest / 1024 + 16
        try XCTSkipUnless(G.size(ledger) > (limitKB + 16) * 1024, "the ledger is too small for this test")
        let args = ["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"]
        let r = try G.run(args, prefix: "ulimit -f \(limitKB)")
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("ledger"), "the commit is what failed: \(r.stderr)")
        XCTAssertEqual(G.hashes(folder), old)
        XCTAssertEqual(G.leftovers(out), [], "a temporary folder is left after the failed commit")
        let again = try Harness.run(args)
        XCTAssertEqual(again.status, 0, again.stderr)
        try G.assertFolderAgreesWithLedger(out, G.jan)
    }

    /// `--lang en` after a zh close of the same identity: the files are written again (other bytes), exit 0, and the
    /// ledger records the new SHA-256s.
    func testLangEnAfterZhRewritesTheFilesAndTheLedger() throws {
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try G.close(inputs, out).status, 0)
        let zh = G.hashes(out.appendingPathComponent(G.jan))
        let r = try G.close(inputs, out, ["--lang", "en"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("written again"), r.stderr)
        let en = G.hashes(out.appendingPathComponent(G.jan))
        let finance = "finance-\(G.jan).xlsx"
        XCTAssertNotNil(en[finance], "the finance workbook is written")
        XCTAssertNotEqual(en[finance], zh[finance], "the English workbook has other bytes")
        try G.assertFolderAgreesWithLedger(out, G.jan)
    }

    /// A second close of the same outputs folder while one runs (the test holds the lock): exit 5 at once, naming the
    /// running one, and nothing written.
    func testASecondCloseWhileOneRunsExits5() throws {
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent(".salesclose.lock").path, O_RDWR | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let holder = "salesclose pid 424242\n"
        _ = holder.withCString { pwrite(fd, $0, strlen($0), 0) }
        let r = try G.close(inputs, out)
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stderr.contains("pid 424242"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [".salesclose.lock"])
        flock(fd, LOCK_UN)
        XCTAssertEqual(try G.close(inputs, out).status, 0, "released, the close runs")
    }
}
