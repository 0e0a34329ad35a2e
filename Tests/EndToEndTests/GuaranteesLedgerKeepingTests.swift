import Foundation
import XCTest
import SalesCore
import XlsxReader
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14 (the guarantees, second round), items 1, 2, 3 and 7, and `salesclose ledger verify` / `restore`, on the
/// real binary.
final class GuaranteesLedgerKeepingTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-ledger") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    var out: URL { root.appendingPathComponent("out") }
    var ledger: String { out.appendingPathComponent("ledger.sqlite").path }
    static let feb = "2023-02"

    /// January and February closed into `out`; returns February's inputs and its summary's bytes.
    func twoMonthsClosed() throws -> (feb: URL, summary: Data) {
        let jan = try G.january(root)
        XCTAssertEqual(try G.close(jan, out).status, 0)
        let feb = root.appendingPathComponent("feb")
        try Harness.write(TwoMonths.february, to: feb)
        let r = try G.close(feb, out)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (feb, try Data(contentsOf: out.appendingPathComponent("\(Self.feb)/close-summary.json")))
    }

    func ledgerCmd(_ args: [String]) throws -> Harness.Result { try Harness.run(["ledger"] + args) }

    // MARK: 1. a missing or empty ledger beside closed months

    /// `truncate -s 0` or `rm` of the ledger beside closed months, then a close: exit 3 naming the periods found and
    /// the restore command, nothing changed (no first month with the carried balances gone); `check` says the same.
    func testAnEmptiedOrDeletedLedgerBesideClosedMonthsIsRefusedNotTakenForAFirstMonth() throws {
        let (feb, _) = try twoMonthsClosed()
        // The lock file holds the pid of the last run; everything else must stay as it was.
        func files() -> [String: String] { G.hashes(out).filter { $0.key != ".salesclose.lock" } }
        let folders = files()
        for damage in ["truncate", "rm"] {
            if damage == "truncate" { XCTAssertEqual(truncate(ledger, 0), 0) } else { unlink(ledger) }
            let before = files()
            let r = try G.close(feb, out)
            XCTAssertEqual(r.status, 3, "\(damage): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("2023-01") && r.stderr.contains("2023-02"), "\(damage): names the periods found: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("salesclose ledger restore --outputs \(out.path)"), "\(damage): says how to restore: \(r.stderr)")
            XCTAssertEqual(files(), before, "\(damage): nothing changed")
            XCTAssertEqual(G.size(ledger), 0, "\(damage): no ledger was made of it")
            let c = try Harness.run(["check", "--inputs", feb.path, "--outputs", out.path])
            XCTAssertEqual(c.status, 2, "\(damage): check stops (its exits are 0, 1 or 2) and says what the close would: \(c.stderr)")
            XCTAssertTrue(c.stderr.contains("salesclose ledger restore"), c.stderr)
        }
        XCTAssertNotEqual(folders.count, 0)
    }

    /// The same with `--ledger` pointing at a file that does not exist: the period folders in OUTPUTS say otherwise.
    func testALedgerElsewhereThatDoesNotExistBesideClosedMonthsIsRefused() throws {
        let (feb, _) = try twoMonthsClosed()
        let elsewhere = root.appendingPathComponent("elsewhere/ledger.sqlite").path
        try FileManager.default.createDirectory(atPath: (elsewhere as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let r = try G.close(feb, out, ["--ledger", elsewhere])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains(elsewhere) && r.stderr.contains("2023-01, 2023-02"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: elsewhere), "no new ledger made")
    }

    /// Each commit keeps the ledger as it was before it beside it (0600 under umask 000); after the ledger is lost,
    /// `ledger restore` puts that copy back and February closed again gives the same figures, byte for byte.
    func testTheLedgerKeptBeforeTheLastCommitIsRestoredAndTheMonthClosesAgainIdentically() throws {
        let jan = try G.january(root)
        XCTAssertEqual(try G.run(["close", "--inputs", jan.path, "--outputs", out.path], prefix: "umask 000").status, 0)
        let feb = root.appendingPathComponent("feb")
        try Harness.write(TwoMonths.february, to: feb)
        XCTAssertEqual(try G.run(["close", "--inputs", feb.path, "--outputs", out.path], prefix: "umask 000").status, 0)
        let summary = try Data(contentsOf: out.appendingPathComponent("\(Self.feb)/close-summary.json"))
        let previous = ledger + ".previous"
        XCTAssertEqual(G.mode(previous), 0o600, "the kept copy holds pay: owner only")
        XCTAssertEqual(try SQLite.periods(previous), ["2023-01"], "the copy is the ledger before February's commit")

        unlink(ledger)
        let restored = try ledgerCmd(["restore", "--outputs", out.path])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertEqual(try SQLite.periods(ledger), ["2023-01"])
        XCTAssertEqual(G.mode(ledger), 0o600)
        let again = try G.close(feb, out)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(
            try Data(contentsOf: out.appendingPathComponent("\(Self.feb)/close-summary.json")), summary,
            "the carried balances came back: February's figures are the same")
        XCTAssertEqual(try ledgerCmd(["verify", "--outputs", out.path]).status, 0)
    }

    /// Restore over a ledger that is there keeps that ledger aside (as it was), and a second restore changes nothing:
    /// the ledger set aside is never overwritten.
    func testRestoreKeepsTheLedgerItReplacesAndASecondRestoreChangesNothing() throws {
        _ = try twoMonthsClosed()
        let r = try ledgerCmd(["restore", "--outputs", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let aside = ledger + ".before-restore"
        XCTAssertEqual(try SQLite.periods(aside), ["2023-01", Self.feb])
        XCTAssertEqual(try SQLite.periods(ledger), ["2023-01"])
        let again = try ledgerCmd(["restore", "--outputs", out.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("nothing changed"), again.stderr)
        XCTAssertEqual(try SQLite.periods(aside), ["2023-01", Self.feb], "the ledger set aside is kept as it was")
    }

    /// Nothing kept (only a first month closed): restore exits 3 and changes nothing.
    func testRestoreWithNothingKeptExits3() throws {
        XCTAssertEqual(try G.close(try G.january(root), out).status, 0)
        let before = G.hashes(out).filter { $0.key != ".salesclose.lock" }
        let r = try ledgerCmd(["restore", "--outputs", out.path])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("没有可恢复的"), "nothing to restore: \(r.stderr)")
        XCTAssertEqual(G.hashes(out).filter { $0.key != ".salesclose.lock" }, before)
    }

    /// `ledger verify`: 0 when folders and ledger agree; a changed workbook, a deleted month and a summary edited all
    /// named, exit 3.
    func testLedgerVerifyNamesWhatDisagrees() throws {
        _ = try twoMonthsClosed()
        let ok = try ledgerCmd(["verify", "--outputs", out.path])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        let management = out.appendingPathComponent("2023-01/management-2023-01.xlsx")
        let h = try FileHandle(forWritingTo: management)
        h.seekToEndOfFile(); h.write(Data("x".utf8)); try h.close()
        let region = try XCTUnwrap(G.hashes(out.appendingPathComponent(Self.feb)).keys.filter { $0.hasPrefix("regions/") }.min())
        try FileManager.default.removeItem(at: out.appendingPathComponent("\(Self.feb)/regions"))
        let bad = try ledgerCmd(["verify", "--outputs", out.path])
        XCTAssertEqual(bad.status, 3, bad.stdout + bad.stderr)
        XCTAssertTrue(bad.stdout.contains("2023-01/management-2023-01.xlsx: changed"), bad.stdout)
        XCTAssertTrue(bad.stdout.contains("\(Self.feb)/\(region): missing"), bad.stdout)
    }

    // MARK: 2. a reopen keeps the close it replaced

    func reopenSheet(_ period: String) throws -> [String]? {
        let doc = try XlsxDocument(path: try G.financeWorkbook(out, period).path)
        guard let name = doc.sheetNames.first(where: { $0 == "重开差异" }) else { return nil }
        let sheet = try doc.sheet(name)
        return sheet.cells.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text ?? $0.value.number.map { "\($0)" } ?? "")" }
    }

    /// Close January, reopen it with another advance (重开差异 shows it), run the same reopen again: nothing changed,
    /// the sheet is still there with the same differences (before the change the rerun rewrote the files without it).
    func testARerunOfTheSameReopenKeepsItsReopenDifferences() throws {
        XCTAssertEqual(try G.close(try G.january(root), out).status, 0)
        let jan2 = try G.january(root, "jan2") { $0["advances.csv"] = TwoMonths.advancesJan + "A9,M1,2023-01-25,100.00,补\n" }
        let reopened = try G.close(jan2, out, ["--reopen"])
        XCTAssertEqual(reopened.status, 0, reopened.stderr)
        let sheet = try XCTUnwrap(try reopenSheet(G.jan), "the reopen shows what it changed")
        XCTAssertTrue(sheet.contains { $0.hasSuffix("=本月借款") }, "advances_approved (本月借款) changed: \(sheet)")
        let folder = G.hashes(out.appendingPathComponent(G.jan))

        let rerun = try G.close(jan2, out, ["--reopen"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("没有任何改动"), "nothing changed: \(rerun.stderr)")
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), folder)
        XCTAssertEqual(try reopenSheet(G.jan), sheet)

        // Another language rewrites the files: the differences are rebuilt from the ledger, not lost.
        let en = try G.close(jan2, out, ["--lang", "en"])
        XCTAssertEqual(en.status, 0, en.stderr)
        let doc = try XlsxDocument(path: try G.financeWorkbook(out, G.jan).path)
        XCTAssertTrue(doc.sheetNames.contains("Changes"), "\(doc.sheetNames)")
    }

    /// A reopen killed after its commit (before the folders are swapped): the next run of the same reopen completes
    /// it and the folder is the one an uninterrupted reopen writes, 重开差异 included.
    func testAReopenKilledAfterItsCommitKeepsItsReopenDifferences() throws {
        try Strace.require()
        let jan = try G.january(root)
        XCTAssertEqual(try G.close(jan, out).status, 0)
        let clean = root.appendingPathComponent("clean")
        XCTAssertEqual(try G.close(jan, clean).status, 0)
        let jan2 = try G.january(root, "jan2") { $0["advances.csv"] = TwoMonths.advancesJan + "A9,M1,2023-01-25,100.00,补\n" }
        XCTAssertEqual(try G.close(jan2, clean, ["--reopen"]).status, 0)

        let killed = try Strace.faultedClose(
            jan2, out, ["--reopen"], scratch: root, inject: "signal=SIGKILL",
            pick: Strace.inCommit(G.jan) { $0.isSwapRename(G.jan) }
        ).result
        XCTAssertEqual(killed.status, 128 + SIGKILL, killed.stderr)
        let rerun = try G.close(jan2, out, ["--reopen"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        try G.assertFolderAgreesWithLedger(out, G.jan)
        XCTAssertEqual(G.hashes(out.appendingPathComponent(G.jan)), G.hashes(clean.appendingPathComponent(G.jan)))
        XCTAssertNotNil(try reopenSheet(G.jan))
    }

    // MARK: 3. what runs after the commit

    /// The first rename of the folder swap fails (EIO injected): the close is committed, so the run completes the
    /// swap itself: exit 0, folder and ledger agree (before the change: exit 4 and no 2023-01 folder).
    func testARenameThatFailsAfterTheCommitIsCompletedInTheSameRun() throws {
        try Strace.require()
        let inputs = try G.january(root)
        let (r, _) = try Strace.faultedClose(
            inputs, out, scratch: root, inject: "error=EIO",
            pick: Strace.inCommit(G.jan) { $0.isSwapRename(G.jan) })
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("2023-01 已结账"), "closed 2023-01: \(r.stderr)")
        try G.assertFolderAgreesWithLedger(out, G.jan)
    }

    /// Every rename from the swap on fails (the recovery's own retries too): the close is still reported closed
    /// (exit 0) with a warning naming where its files are; the next run puts them in place.
    func testASwapThatKeepsFailingIsReportedClosedAndCompletedByTheNextRun() throws {
        try Strace.require()
        let inputs = try G.january(root)
        let (r, _) = try Strace.faultedClose(
            inputs, out, scratch: root, inject: "error=EACCES", fromThereOn: true,
            pick: Strace.inCommit(G.jan) { $0.isSwapRename(G.jan) })
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: 2023-01 已结账") && r.stderr.contains(".2023-01.partial"), "2023-01 is closed: \(r.stderr)")
        XCTAssertEqual(try SQLite.periods(ledger), [G.jan])
        let next = try G.close(inputs, out)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stderr.contains("没有任何改动"), "nothing changed: \(next.stderr)")
        try G.assertFolderAgreesWithLedger(out, G.jan)
    }

    // MARK: 7. the lock first, a full disk, an earlier month tampered with

    /// A close on a busy outputs folder exits 5 before it reads anything: here the inputs folder does not even exist
    /// (before the change: exit 2 for the inputs, after reading them).
    func testASecondCloseOnABusyOutputsFolderExits5BeforeReadingAnyInput() throws {
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent(".salesclose.lock").path, O_RDWR | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        _ = "salesclose pid 31337\n".withCString { pwrite(fd, $0, strlen($0), 0) }
        let r = try G.close(root.appendingPathComponent("no-such-inputs"), out)
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stderr.contains("pid 31337"), r.stderr)
    }

    /// A full disk while the finance workbook is written (every write to it fails with ENOSPC): exit 4 with one clear
    /// message that the disk is full, and none of libxlsxwriter's raw `[ERROR]` lines.
    func testAFullDiskGivesOneClearMessageWithoutLibxlsxwriterErrorLines() throws {
        try Strace.require()
        let inputs = try G.january(root)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let finance = out.appendingPathComponent(".\(G.jan).partial/finance-\(G.jan).xlsx").path
        let r = try Strace.run(
            ["close", "--inputs", inputs.path, "--outputs", out.path, "--lang", "en"], trace: "write",
            inject: "error=ENOSPC:when=1+", only: finance)
        XCTAssertEqual(r.status, 4, r.stderr)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("[ERROR]") || $0.hasPrefix("[WARNING]") }, [], r.stderr)
        XCTAssertEqual(lines.filter { $0.contains("disk is full") }.count, 1, r.stderr)
        XCTAssertEqual(G.leftovers(out), [])
    }

    /// An earlier closed month changed or deleted since: the next close says so (a warning naming the file or the
    /// folder) and goes on (exit 0).
    func testATamperedOrDeletedEarlierMonthIsReportedOnTheNextClose() throws {
        let jan = try G.january(root)
        XCTAssertEqual(try G.close(jan, out).status, 0)
        let management = out.appendingPathComponent("2023-01/management-2023-01.xlsx")
        let h = try FileHandle(forWritingTo: management)
        h.seekToEndOfFile(); h.write(Data("tampered".utf8)); try h.close()
        let feb = root.appendingPathComponent("feb")
        try Harness.write(TwoMonths.february, to: feb)
        let r = try G.close(feb, out)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: 2023-01/management-2023-01.xlsx: changed"), r.stderr)

        try FileManager.default.removeItem(at: out.appendingPathComponent("2023-01"))
        let again = try G.close(feb, out)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("warning: 2023-01: the folder") && again.stderr.contains("missing"), again.stderr)
    }
}
