import XCTest
import Foundation
import SalesCore
@testable import Ledger
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

final class LedgerStoreTests: XCTestCase {
    var dir: TempDir!
    var ledgerPath: String { dir.file("ledger.sqlite") }

    override func setUp() { dir = TempDir() }
    override func tearDown() { dir.remove() }

    // MARK: Creating and opening

    func testCreatesLedgerWithMode0600EvenWithUmaskZero() throws {
        let old = umask(0)
        defer { umask(old) }
        let store = try LedgerStore(path: ledgerPath)
        XCTAssertEqual(fileMode(ledgerPath), 0o600)
        // Writing a close (journal created and deleted) leaves the mode alone, and no journal behind.
        try store.record(sampleClose(period("2023-01")), info: info(period("2023-01")), replacing: false)
        XCTAssertEqual(fileMode(ledgerPath), 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ledgerPath + "-journal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: ledgerPath + "-wal"))
    }

    func testOpeningTightensAnExistingLedgerToMode0600() throws {
        _ = try LedgerStore(path: ledgerPath)
        XCTAssertEqual(chmod(ledgerPath, 0o644), 0)
        _ = try LedgerStore(path: ledgerPath)
        XCTAssertEqual(fileMode(ledgerPath), 0o600)
    }

    func testNewLedgerIsEmptyAndCarriesSchemaVersion() throws {
        let store = try LedgerStore(path: ledgerPath)
        XCTAssertEqual(try store.closedPeriods(), [])
        XCTAssertNil(try store.info(for: period("2023-01")))
        let s = try store.snapshot(for: period("2023-01"))
        XCTAssertTrue(s.closedPeriods.isEmpty)
        XCTAssertNil(s.previous)
        XCTAssertTrue(s.balances.isEmpty)
        try store.close()
        XCTAssertEqual(try RawSQL.int(ledgerPath, "PRAGMA user_version"), LedgerStore.schemaVersion)
        XCTAssertEqual(try RawSQL.strings(ledgerPath, "PRAGMA journal_mode"), ["delete"])
    }

    func testMissingFileWithoutCreateIsMissingAndCreatesNothing() {
        XCTAssertLedgerError(try LedgerStore(path: ledgerPath, createIfMissing: false), .missing)
        XCTAssertLedgerError(try LedgerStore(path: ledgerPath, readOnly: true), .missing)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ledgerPath))
    }

    func testGarbageFileIsCorruptAndLeftUntouched() throws {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 37 &+ 11) }
        let data = Data(bytes)
        try data.write(to: URL(fileURLWithPath: ledgerPath))
        XCTAssertLedgerError(try LedgerStore(path: ledgerPath), .corrupt, contains: [])
        XCTAssertLedgerError(try LedgerStore(path: ledgerPath, readOnly: true), .corrupt)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), data)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ledgerPath + "-journal"))
    }

    func testShortTextFileIsCorruptAndLeftUntouched() throws {
        let data = Data("period,employee\n2023-01,E1\n".utf8)
        try data.write(to: URL(fileURLWithPath: ledgerPath))
        do {
            _ = try LedgerStore(path: ledgerPath)
            XCTFail("opened a CSV as a ledger")
        } catch let e as LedgerError {
            XCTAssertEqual(e.kind, .corrupt)
            XCTAssertTrue(e.description.contains(ledgerPath), "the message names the file: \(e)")
            XCTAssertEqual(e.exitStatus, 2)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), data)
    }

    func testOtherSQLiteDatabaseIsCorruptNotAdopted() throws {
        try RawSQL.execute(ledgerPath, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('keep me')")
        XCTAssertLedgerError(try LedgerStore(path: ledgerPath), .corrupt, contains: ["not a SalesClose ledger"])
        XCTAssertEqual(try RawSQL.strings(ledgerPath, "SELECT name FROM sqlite_master WHERE type='table'"), ["notes"])
        XCTAssertEqual(try RawSQL.int(ledgerPath, "PRAGMA user_version"), 0)
    }

    func testMissingTableIsCorrupt() throws {
        _ = try LedgerStore(path: ledgerPath)
        try RawSQL.execute(ledgerPath, "DROP TABLE quota_used")
        XCTAssertLedgerError(try LedgerStore(path: ledgerPath), .corrupt, contains: ["quota_used"])
    }

    func testNewerUserVersionIsRefusedAndNotDowngraded() throws {
        let store = try LedgerStore(path: ledgerPath)
        try store.record(sampleClose(period("2023-01")), info: info(period("2023-01")), replacing: false)
        try store.close()
        try RawSQL.execute(ledgerPath, "PRAGMA user_version = 99")
        XCTAssertLedgerError(
            try LedgerStore(path: ledgerPath), .newerVersion(found: 99, supported: LedgerStore.schemaVersion),
            contains: ["99"])
        XCTAssertEqual(try RawSQL.int(ledgerPath, "PRAGMA user_version"), 99)
        XCTAssertEqual(try RawSQL.int(ledgerPath, "SELECT count(*) FROM periods"), 1)
    }

    func testBadValueInARowIsCorruptOnRead() throws {
        let store = try LedgerStore(path: ledgerPath)
        try store.record(sampleClose(period("2023-01")), info: info(period("2023-01")), replacing: false)
        try RawSQL.execute(ledgerPath, "UPDATE balances SET pay_factor = '0.8' WHERE employee_id = 'E1'")
        XCTAssertLedgerError(try store.snapshot(for: period("2023-02")), .corrupt, contains: ["balances", "pay_factor"])
    }

    // MARK: Round trip

    func testSnapshotForNextMonthReturnsExactlyWhatWasRecorded() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        let close = sampleClose(jan)
        try store.record(close, info: info(jan), replacing: false)

        let s = try store.snapshot(for: period("2023-02"))
        XCTAssertEqual(s.closedPeriods, [jan])
        XCTAssertEqual(s.balances, close.balancesAfter)
        XCTAssertEqual(s.balances["E1"]?.commissionDeferred, Money(fen: 9_999_999_999))
        XCTAssertEqual(s.balances["E1"]?.payFactor, Rate(num: 4, den: 5))
        XCTAssertEqual(s.balances["E2"]?.advanceOutstanding, Money(fen: -1))
        XCTAssertEqual(s.months["E1"]?[jan], close.monthsAfter["E1"])
        XCTAssertEqual(s.months["E2"]?[jan], close.monthsAfter["E2"])
        XCTAssertNil(s.months["E1"]?[jan]?.salesTarget)
        XCTAssertNil(s.months["E2"]?[jan]?.remittanceTarget)
        XCTAssertEqual(s.months["E2"]?[jan]?.payFactor, Rate(num: 33, den: 40))
        XCTAssertEqual(s.months["E1"]?[jan]?.level, .trainee)
        XCTAssertEqual(s.expenseReceiptsUsed, ["R-2023-01-1", "R-shared"])
        XCTAssertEqual(s.remittanceReceiptsUsed, ["RM-2023-01-1"])
        XCTAssertEqual(s.adjustmentIdsUsed, ["ADJ-2023-01"])
        XCTAssertEqual(s.previous, close.record)
        XCTAssertEqual(s.previous?.attendance[.init("E1", day("2023-01-02"))]?.city, nil)
        XCTAssertEqual(s.previous?.quotaUsed["E1"]?[.entertainment], Money(fen: 30_050))
        XCTAssertEqual(s.previous?.lodgingNightsPaid.contains(.init("E1", day("2022-12-31"))), true)
        XCTAssertEqual(s.customers["C1"], CustomerBalance(receivable: Money(fen: 100_001), hadSales: true, name: "甲公司"))
        XCTAssertEqual(s.customers["C2"], CustomerBalance(receivable: .zero, hadSales: false, name: nil))
        XCTAssertEqual(s.quarters["E1"], [close.quarterOutcomes["E1"]!])
        XCTAssertNil(s.quarters["E2"])

        let i = try XCTUnwrap(store.info(for: jan))
        XCTAssertEqual(i, info(jan))
        XCTAssertEqual(i.outputHashes, ["finance.xlsx": "f1"])
    }

    func testSnapshotSurvivesReopeningTheFile() throws {
        let jan = period("2023-01")
        do {
            let store = try LedgerStore(path: ledgerPath)
            try store.record(sampleClose(jan), info: info(jan), replacing: false)
            try store.close()
        }
        let ro = try LedgerStore(path: ledgerPath, readOnly: true)
        XCTAssertEqual(try ro.closedPeriods(), [jan])
        XCTAssertEqual(try ro.snapshot(for: period("2023-02")).balances, sampleClose(jan).balancesAfter)
        XCTAssertLedgerError(try ro.record(sampleClose(period("2023-02")), info: info(period("2023-02")), replacing: false), .io)
    }

    func testSnapshotOfTheClosedPeriodItselfReadsTheStateBeforeIt() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        let s = try store.snapshot(for: jan)
        XCTAssertTrue(s.closedPeriods.isEmpty)
        XCTAssertTrue(s.balances.isEmpty)
        XCTAssertTrue(s.months.isEmpty)
        XCTAssertTrue(s.expenseReceiptsUsed.isEmpty)
        XCTAssertNil(s.previous)
    }

    func testPreviousIsNilWhenThePreviousMonthIsNotClosed() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        // March's close (not allowed to record, but `check` may read it): January is closed, February is not.
        let s = try store.snapshot(for: period("2023-03"))
        XCTAssertEqual(s.closedPeriods, [jan])
        XCTAssertNil(s.previous)
        XCTAssertNotNil(try store.snapshot(for: period("2023-02")).previous)
    }

    func testSnapshotAfterTwoClosesSeesLatestBalancesBothMonthsAndLatestReceivables() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01"), feb = period("2023-02")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)

        var febClose = sampleClose(feb)
        febClose.balancesAfter = [
            "E1": CarriedBalances(
                advanceOutstanding: Money(fen: 50), commissionDeferred: Money(fen: 3),
                payFactor: .one)
        ]
        febClose.monthsAfter["E1"]!.remitted = Money(fen: 777)
        febClose.customers = [
            CustomerResult(
                customerId: "C1", name: nil, receivableBefore: Money(fen: 100_001),
                sales: .zero, remitted: Money(fen: 1), receivableAfter: Money(fen: 100_000),
                regions: [])
        ]
        febClose.inputs.sales = []
        febClose.quarterOutcomes = [:]
        try store.record(febClose, info: info(feb), replacing: false)

        let s = try store.snapshot(for: period("2023-03"))
        XCTAssertEqual(s.closedPeriods, [jan, feb])
        XCTAssertEqual(s.balances, febClose.balancesAfter, "balances of the latest close only; E2 absent from it has none")
        XCTAssertNil(s.balances["E2"])
        XCTAssertEqual(s.months["E1"]?[jan]?.remitted, Money(fen: 1_234_501))
        XCTAssertEqual(s.months["E1"]?[feb]?.remitted, Money(fen: 777))
        XCTAssertEqual(s.months["E2"]?.count, 2)
        // C1: February's receivable, the name kept from January, had sales in January.
        XCTAssertEqual(s.customers["C1"], CustomerBalance(receivable: Money(fen: 100_000), hadSales: true, name: "甲公司"))
        // C2 untouched in February: January's row carries.
        XCTAssertEqual(s.customers["C2"]?.receivable, .zero)
        XCTAssertEqual(s.expenseReceiptsUsed, ["R-2023-01-1", "R-2023-02-1", "R-shared"])
        XCTAssertEqual(s.adjustmentIdsUsed, ["ADJ-2023-01", "ADJ-2023-02"])
        XCTAssertEqual(s.previous?.period, feb)
        XCTAssertEqual(s.quarters["E1"]?.count, 1)

        // The snapshot for February still sees January's state only.
        let sFeb = try store.snapshot(for: feb)
        XCTAssertEqual(sFeb.balances, sampleClose(jan).balancesAfter)
        XCTAssertNil(sFeb.months["E1"]?[feb])
        XCTAssertEqual(sFeb.customers["C1"]?.receivable, Money(fen: 100_001))
    }

    func testQuarterOutcomesAccumulateInQuarterOrder() throws {
        let store = try LedgerStore(path: ledgerPath)
        var p = period("2023-03")
        var expected: [QuarterOutcome] = []
        for i in 0..<4 {
            var c = sampleClose(p)
            c.quarterOutcomes = [:]
            if p.isQuarterEnd {
                let q = QuarterOutcome(
                    year: p.year, quarter: p.quarter, assessed: i != 3, belowCut: i == 0,
                    promoteQualified: i == 3, level: .numbered(3))
                c.quarterOutcomes["E1"] = q
                expected.append(q)
            }
            try store.record(c, info: info(p), replacing: false)
            p = p.next
        }
        XCTAssertEqual(try store.snapshot(for: p).quarters["E1"], expected)
        XCTAssertEqual(expected.count, 2)
    }

    // MARK: Order

    func testEmptyLedgerAcceptsAnyFirstPeriodButNoReopen() throws {
        let store = try LedgerStore(path: ledgerPath)
        XCTAssertNoThrow(try store.checkCanClose(period("2019-07"), reopen: false))
        XCTAssertLedgerError(
            try store.checkCanClose(period("2023-05"), reopen: true), .order,
            contains: ["--reopen names 2023-05, which was never closed"])
    }

    func testClosingASkippedMonthIsRefusedNamingThePeriods() throws {
        let store = try LedgerStore(path: ledgerPath)
        try store.record(sampleClose(period("2023-01")), info: info(period("2023-01")), replacing: false)
        XCTAssertLedgerError(
            try store.checkCanClose(period("2023-03"), reopen: false), .order,
            contains: ["the ledger's latest closed period is 2023-01; 2023-03 would skip 2023-02"])
        XCTAssertLedgerError(
            try store.record(sampleClose(period("2023-03")), info: info(period("2023-03")), replacing: false),
            .order, contains: ["2023-03 would skip 2023-02"])
        XCTAssertLedgerError(
            try store.checkCanClose(period("2023-05"), reopen: false), .order,
            contains: ["skip 2023-02 to 2023-04"])
        XCTAssertLedgerError(try store.checkCanClose(period("2022-11"), reopen: false), .order, contains: ["2022-11"])
        XCTAssertNoThrow(try store.checkCanClose(period("2023-02"), reopen: false))
        XCTAssertEqual(try store.closedPeriods(), [period("2023-01")], "a refused record writes nothing")
    }

    func testClosingAPeriodTwiceIsRefused() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        XCTAssertLedgerError(try store.checkCanClose(jan, reopen: false), .order, contains: ["2023-01 is already closed"])
        var other = sampleClose(jan)
        other.balancesAfter = [:]
        XCTAssertLedgerError(try store.record(other, info: info(jan, inputs: ["x.csv": "zz"]), replacing: false), .order)
        XCTAssertEqual(try store.snapshot(for: period("2023-02")).balances, sampleClose(jan).balancesAfter)
        XCTAssertEqual(try store.info(for: jan)?.inputHashes, info(jan).inputHashes)
    }

    func testReopeningAnEarlierPeriodIsRefused() throws {
        let store = try LedgerStore(path: ledgerPath)
        for p in ["2023-01", "2023-02", "2023-03"].map(period) {
            try store.record(sampleClose(p), info: info(p), replacing: false)
        }
        XCTAssertLedgerError(
            try store.checkCanClose(period("2023-02"), reopen: true), .order,
            contains: ["2023-02 cannot be reopened while 2023-03 is closed"])
        XCTAssertLedgerError(
            try store.record(sampleClose(period("2023-02")), info: info(period("2023-02")), replacing: true),
            .order, contains: ["cannot be reopened"])
        XCTAssertLedgerError(
            try store.checkCanClose(period("2023-05"), reopen: true), .order,
            contains: ["--reopen names 2023-05, which was never closed"])
        XCTAssertLedgerError(
            try store.checkCanClose(period("2023-04"), reopen: true), .order,
            contains: ["--reopen names 2023-04, which was never closed"])
        XCTAssertNoThrow(try store.checkCanClose(period("2023-03"), reopen: true))
        XCTAssertEqual(try store.closedPeriods().count, 3)
        XCTAssertEqual(LedgerError(.order, path: "x", "y").exitStatus, 3)
    }

    // MARK: Reopen

    func testReopenReplacesEveryRowOfTheLatestPeriod() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01"), feb = period("2023-02")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        try store.record(sampleClose(feb), info: info(feb), replacing: false)
        XCTAssertTrue(try store.snapshot(for: period("2023-03")).expenseReceiptsUsed.contains("R-2023-02-1"))

        var redo = CloseResult(period: feb, policy: Policy(), inputs: InputSet())
        redo.balancesAfter = ["E9": CarriedBalances(advanceOutstanding: Money(fen: 42))]
        var m = EmployeeMonth(); m.remitted = Money(fen: 5)
        redo.monthsAfter = ["E9": m]
        redo.expenseReceiptsUsed = ["R-new"]
        let newInfo = info(feb, inputs: ["sales.csv": "cc"], outputs: ["finance.xlsx": "f2"])
        try store.record(redo, info: newInfo, replacing: true)

        XCTAssertEqual(try store.closedPeriods(), [jan, feb])
        XCTAssertEqual(try store.info(for: feb), newInfo)
        let s = try store.snapshot(for: period("2023-03"))
        XCTAssertEqual(s.balances, redo.balancesAfter)
        XCTAssertNil(s.months["E1"]?[feb], "the replaced close's months are gone")
        XCTAssertNotNil(s.months["E1"]?[jan], "January is untouched")
        XCTAssertEqual(s.months["E9"]?[feb]?.remitted, Money(fen: 5))
        XCTAssertFalse(s.expenseReceiptsUsed.contains("R-2023-02-1"), "a receipt used only by the replaced close is free again")
        XCTAssertTrue(s.expenseReceiptsUsed.contains("R-shared"), "January still used it")
        XCTAssertTrue(s.expenseReceiptsUsed.contains("R-new"))
        XCTAssertFalse(s.remittanceReceiptsUsed.contains("RM-2023-02-1"))
        XCTAssertFalse(s.adjustmentIdsUsed.contains("ADJ-2023-02"))
        XCTAssertEqual(s.previous, PeriodRecord(period: feb), "the late-claim record is the new close's (empty)")
        XCTAssertEqual(s.quarters["E1"]?.count, 1, "only January's outcome is left")
        XCTAssertEqual(s.customers["C1"]?.receivable, Money(fen: 100_001), "January's receivable again")

        let rec = try XCTUnwrap(store.recorded(feb))
        XCTAssertEqual(rec.balancesAfter, redo.balancesAfter)
        XCTAssertTrue(rec.customers.isEmpty)
        XCTAssertEqual(rec.expenseReceiptsUsed, ["R-new"])
    }

    func testReopenAsFirstPeriodLeavesNoOldRows() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        try store.record(CloseResult(period: jan, policy: Policy(), inputs: InputSet()), info: info(jan, outputs: [:]), replacing: true)
        let rec = try XCTUnwrap(store.recorded(jan))
        XCTAssertTrue(rec.monthsAfter.isEmpty)
        XCTAssertTrue(rec.balancesAfter.isEmpty)
        XCTAssertTrue(rec.record.attendance.isEmpty)
        XCTAssertTrue(rec.quarterOutcomes.isEmpty)
        XCTAssertEqual(rec.info.outputHashes, [:])
    }

    func testAFailedRecordWritesNothingAndAFailedReopenKeepsTheOldClose() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01"), feb = period("2023-02")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        // Make the last table the writer touches refuse rows: the failure comes after everything else was inserted.
        try RawSQL.execute(
            ledgerPath,
            """
            CREATE TRIGGER refuse BEFORE INSERT ON quarter_outcomes BEGIN SELECT RAISE(ABORT, 'disk on fire'); END
            """)
        XCTAssertThrowsError(try store.record(sampleClose(feb), info: info(feb), replacing: false)) {
            XCTAssertTrue($0 is LedgerError)
        }
        XCTAssertEqual(try store.closedPeriods(), [jan])
        XCTAssertEqual(try RawSQL.int(ledgerPath, "SELECT count(*) FROM employee_months WHERE period = '2023-02'"), 0)
        XCTAssertEqual(try RawSQL.int(ledgerPath, "SELECT count(*) FROM receipts WHERE period = '2023-02'"), 0)

        XCTAssertThrowsError(try store.record(sampleClose(jan), info: info(jan, inputs: ["new.csv": "n"]), replacing: true))
        let kept = try XCTUnwrap(store.recorded(jan))
        XCTAssertEqual(kept.info, info(jan))
        XCTAssertEqual(kept.quarterOutcomes, sampleClose(jan).quarterOutcomes)
        XCTAssertEqual(kept.balancesAfter, sampleClose(jan).balancesAfter)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ledgerPath + "-journal"))
    }

    // MARK: Outputs

    func testUpdateOutputsChangesOnlyHashesAndOptions() throws {
        let store = try LedgerStore(path: ledgerPath)
        let jan = period("2023-01")
        try store.record(sampleClose(jan), info: info(jan), replacing: false)
        try store.updateOutputs(
            period: jan, outputHashes: ["finance.xlsx": "en1", "regions/华北-2023-01.xlsx": "r"],
            options: "lang=en")
        let i = try XCTUnwrap(store.info(for: jan))
        XCTAssertEqual(i.outputHashes, ["finance.xlsx": "en1", "regions/华北-2023-01.xlsx": "r"])
        XCTAssertEqual(i.options, "lang=en")
        XCTAssertEqual(i.inputHashes, info(jan).inputHashes)
        XCTAssertEqual(i.toolVersion, "1.0.0")
        XCTAssertEqual(try store.snapshot(for: period("2023-02")).balances, sampleClose(jan).balancesAfter)
        XCTAssertLedgerError(try store.updateOutputs(period: period("2023-02"), outputHashes: [:], options: ""), .order)
    }

    func testIdentityComparisonNamesTheFilesThatDiffer() {
        let jan = period("2023-01")
        let a = info(jan), b = info(jan, inputs: ["sales.csv": "aa", "expenses.csv": "XX", "plans.csv": "p"], options: "lang=en")
        XCTAssertTrue(a.hasSameIdentity(as: info(jan, outputs: ["other": "o"], options: "lang=en")))
        XCTAssertFalse(a.hasSameIdentity(as: b))
        XCTAssertEqual(a.inputFilesDiffering(from: b), ["expenses.csv", "plans.csv"])
    }
}
