import Foundation
import XCTest
@testable import Ingest
import SalesCore

/// Issue 7: a sales file streamed in chunks reads exactly as the same file read whole — the same records and line
/// numbers, the same rejections with the same messages, the same fold and order lines — whatever the chunk size,
/// with quoted line breaks, CRLF, blank lines and a BOM standing across the cuts.
final class SalesStreamTests: XCTestCase {
    var folder: TempFolder!
    override func setUp() { folder = TempFolder() }
    override func tearDown() { folder.cleanup() }

    static let roster =
        "employee_id,name,role,region,hire_date,leave_date\n"
        + "E1,张三,sales_rep,华东,2020-01-01,\nE2,李四,sales_rep,华南,2020-01-01,\nE3,王五,sales_rep,华东,2023-03-20,\n"

    /// A seeded sales file with every awkward form the scanner knows.
    static func salesFile(seed: UInt64, lines: Int) -> [UInt8] {
        var rng = seed
        func next(_ n: Int) -> Int { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return Int((rng >> 33) % UInt64(n)) }
        var text = "\u{FEFF}date,order_id,line_no,employee_id,customer_id,customer_name,product,quantity,unit_price,amount,remitted\r\n"
        for i in 0..<lines {
            let eol = next(3) == 0 ? "\r\n" : "\n"
            if next(17) == 0 { text += eol; continue }  // a blank line
            let day = next(20) == 0 ? "2023-02-27" : "2023-03-\(String(format: "%02d", 1 + next(28)))"
            let emp = ["E1", "E2", "E3", "E9", "E1"][next(5)]
            let order = next(25) == 0 ? "SO1" : "SO\(i)"  // repeated keys: duplicates
            let name: String
            switch next(6) {
            case 0: name = "\"甲, \"\"农资\"\"\r\n第二行\""  // quotes, comma and a line break inside
            case 1: name = "\"乙公司\n\""
            case 2: name = ""
            default: name = "丙农场\(next(9))"
            }
            let amount = next(30) == 0 ? "12.3x" : "\(100 + next(900)).5\(next(10))"
            text += "\(day),\(order),1,\(emp),C\(next(40)),\(name),磷肥 50kg,\(1 + next(9)),10.00,\(amount),\(next(50))" + eol
        }
        return Array(text.utf8)
    }

    func read(streaming chunk: Int?) throws -> InputSet {
        var reader = InputReader(cityAliases: [])
        reader.parallelThreshold = 200  // parts on both cores, even for small chunks
        if let chunk {
            reader.salesStreaming = SalesStreaming(
                chunkSize: chunk, makeSink: { SalesIntakeSink(period: Period(year: 2023, month: 3)!, makeStore: { MemoryOrderLines() }) })
        }
        return try reader.read(directory: folder.path)
    }

    func testStreamedSalesReadAsTheWholeFile() throws {
        folder.writeRequired(except: [.roster, .sales])
        folder.write("roster.csv", Self.roster)
        folder.write("sales.csv", Self.salesFile(seed: 7, lines: 600))
        // Whole: every row kept, then the intake over them, as validation does.
        var whole = try read(streaming: nil)
        var intake = SalesIntake(
            roster: Validation.rosterIndex(&whole.roster), period: Period(year: 2023, month: 3)!,
            store: MemoryOrderLines(), expectedLines: whole.sales.count)
        for i in whole.sales.indices { intake.take(&whole.sales[i]) }
        intake.finish()
        let rejected = whole.sales.filter { $0.issue != nil }
        XCTAssertGreaterThan(rejected.count, 20)
        XCTAssertEqual(
            Set(rejected.map { $0.issue!.code }),
            [
                "ROW-BAD-VALUE", "ROW-UNKNOWN-EMPLOYEE", "ROW-OTHER-PERIOD",
                "ROW-NOT-ACTIVE", "ROW-DUPLICATE"
            ])
        for chunk in [16, 61, 333, 4096, 1 << 20] {
            let s = try read(streaming: chunk)
            let streamed = try XCTUnwrap(s.streamedSales)
            XCTAssertTrue(streamed.streamed)
            let wf = whole.files.first { $0.kind == .sales }!, sf = s.files.first { $0.kind == .sales }!
            XCTAssertEqual(sf, wf, "chunk \(chunk): the file's report (rows, blank lines, SHA-256, encoding)")
            XCTAssertEqual(s.sales.map(\.ref), rejected.map(\.ref), "chunk \(chunk)")
            XCTAssertEqual(s.sales.map(\.issue), rejected.map(\.issue), "chunk \(chunk)")
            XCTAssertEqual(s.sales.map(\.raw), rejected.map(\.raw), "chunk \(chunk)")
            // The control totals: money summed over accepted and rejected rows, the same both ways.
            func sums(_ t: InputTally) -> [String: [Money]] {
                Dictionary(uniqueKeysWithValues: t.counts("sales.csv").money.map { ($0.column, [$0.accepted, $0.rejected, $0.all]) })
            }
            XCTAssertEqual(sums(InputTally(s)), sums(InputTally(whole)), "chunk \(chunk)")
            XCTAssertEqual(InputTally(s).counts("sales.csv").accepted, InputTally(whole).counts("sales.csv").accepted)
            XCTAssertEqual(InputTally(s).counts("sales.csv").rejected, InputTally(whole).counts("sales.csv").rejected)
            let a = streamed.intake.fold, b = intake.fold
            XCTAssertEqual(a.lines, b.lines)
            XCTAssertEqual(a.employeeOrder, b.employeeOrder)
            for id in b.employeeOrder {
                XCTAssertEqual(a.employees[id]?.sales, b.employees[id]?.sales)
                XCTAssertEqual(a.employees[id]?.lines, b.employees[id]?.lines)
            }
            XCTAssertEqual(a.customers.map(\.id), b.customers.map(\.id))
            XCTAssertEqual(a.customers.map(\.latest?.name), b.customers.map(\.latest?.name))
            for region in ["华东", "华南"] {
                var x: [OrderLine] = [], y: [OrderLine] = []
                try streamed.intake.store.forEach(region: region) { x.append($0) }
                try intake.store.forEach(region: region) { y.append($0) }
                XCTAssertEqual(x, y, "chunk \(chunk), \(region)")
                XCTAssertFalse(x.isEmpty)
            }
            XCTAssertEqual(streamed.months, [Period(year: 2023, month: 3)!, Period(year: 2023, month: 2)!])
        }
    }

    /// Blank lines before the header and chunks shorter than it: the header is skipped however the chunks fall.
    func testAHeaderLongerThanAChunkAfterBlankLinesIsSkippedWhole() throws {
        folder.writeRequired(except: [.roster, .sales])
        folder.write("roster.csv", Self.roster)
        let bytes = Array("\n\r\n\n".utf8) + Self.salesFile(seed: 11, lines: 40)
        folder.write("sales.csv", bytes)
        var whole = try read(streaming: nil)
        var intake = SalesIntake(
            roster: Validation.rosterIndex(&whole.roster), period: Period(year: 2023, month: 3)!,
            store: MemoryOrderLines(), expectedLines: whole.sales.count)
        for i in whole.sales.indices { intake.take(&whole.sales[i]) }
        intake.finish()
        for chunk in [16, 17, 40, 1 << 20] {
            let s = try read(streaming: chunk)
            XCTAssertEqual(s.files.first { $0.kind == .sales }, whole.files.first { $0.kind == .sales }, "chunk \(chunk)")
            XCTAssertEqual(s.sales.map(\.ref), whole.sales.filter { $0.issue != nil }.map(\.ref), "chunk \(chunk)")
            XCTAssertEqual(s.streamedSales?.intake.fold.lines, intake.fold.lines, "chunk \(chunk)")
        }
    }

    func testAFileThatIsNotCleanUTF8IsReadWholeWithItsUsualError() throws {
        folder.writeRequired(except: [.roster, .sales])
        folder.write("roster.csv", Self.roster)
        var bytes = Self.salesFile(seed: 3, lines: 50)
        bytes.insert(0xFF, at: bytes.count - 20)
        folder.write("sales.csv", bytes)
        var plain: FileError?, streamed: FileError?
        do { _ = try read(streaming: nil) } catch { plain = error as? FileError }
        do { _ = try read(streaming: 64) } catch { streamed = error as? FileError }
        XCTAssertNotNil(plain)
        XCTAssertEqual(streamed, plain)
    }

    func testTheLastRecordEndIsWhereTheScannerEndsARecord() {
        func end(_ s: String) -> Int? { InputReader.lastRecordEnd(Array(s.utf8), from: 0, delimiter: UInt8(ascii: ",")) }
        XCTAssertEqual(end("a,b\nc,d\n"), 8)
        XCTAssertEqual(end("a,b\nc,d"), 4)  // the last record may go on
        XCTAssertEqual(end("a,\"b\nc\",d\n"), 10)  // a line break inside quotes ends nothing
        XCTAssertEqual(end("a,\"b\nc"), nil)  // the bytes stop inside a quoted field
        XCTAssertEqual(end("x\na,\"b\"\""), 2)  // a quote at the end may be the first of a pair
        XCTAssertEqual(end("a\r"), nil)  // a CR at the end may be the first of CR LF
        XCTAssertEqual(end("a\rb\r\n"), 5)  // a lone CR ends a record, so does CR LF
        XCTAssertEqual(end("a,b\"c\nd"), 6)  // a quote inside a field is only a character
        XCTAssertEqual(end("\"a\"x\"\n"), 6)  // text after the closing quote is kept as written
    }

    /// The quick cut (quotes only) is always a place where the scanner ends a record, on random text of quotes,
    /// delimiters and line breaks of every kind, with and without the stray-quote rule (a header of 0–3 delimiters);
    /// and the scanner reads the text before the cut as the records it reads there in the whole text, so a chunk cut
    /// there is read as the whole file is.
    func testTheQuickCutIsAlwaysARecordEndOfTheScanner() {
        var rng: UInt64 = 42
        let alphabet: [UInt8] = Array("ab,,\"\"\n\r".utf8)
        var cuts = 0, strays = 0
        for round in 0..<6000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + Int(rng % 40)) {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int((rng >> 33) % UInt64(alphabet.count))])
            }
            let threshold: Int? = round % 5 == 4 ? nil : round % 5
            func records(_ b: [UInt8]) -> [(end: Int, record: CSVRecord)]? {
                var scanner = CSVScanner(bytes: b, delimiter: UInt8(ascii: ","), file: "t", pos: 0, line: 1, strayQuoteDelimiters: threshold)
                var out: [(Int, CSVRecord)] = []
                do { while let r = try scanner.next() { out.append((scanner.pos, r)) } } catch { return nil }
                return out
            }
            // Where the scanner ends records in the whole text (skipped when the text itself does not scan).
            guard let whole = records(bytes) else { continue }
            strays += whole.filter { $0.record.strayQuote != nil }.count
            let ends = Set(whole.map(\.end))
            for cut in [
                InputReader.recordEnd(bytes, delimiter: UInt8(ascii: ","), strayQuoteDelimiters: threshold),
                InputReader.lastRecordEnd(bytes, from: 0, delimiter: UInt8(ascii: ","), strayQuoteDelimiters: threshold)
            ] {
                guard let cut else { continue }
                cuts += 1
                let shown = String(decoding: bytes, as: UTF8.self).debugDescription
                XCTAssertTrue(ends.contains(cut), "\(shown) (\(threshold.map(String.init) ?? "no") stray rule): cut at \(cut), records end at \(ends.sorted())")
                let before = records(Array(bytes[..<cut]))
                let expected = whole.filter { $0.end <= cut }
                XCTAssertEqual(
                    before?.map(\.record), expected.map(\.record), "\(shown) (\(threshold.map(String.init) ?? "no") stray rule): text before the cut at \(cut)")
            }
        }
        XCTAssertGreaterThan(cuts, 3000)
        XCTAssertGreaterThan(strays, 300)
    }

    /// A sales file with stray quotes (the issue's `…,C055003,"襄城农资总经销,有机肥…`) streams as it reads whole:
    /// the same rejected rows, the same line numbers, the same report, whatever the chunk size.
    func testStrayQuotesStreamAsTheWholeFileReadsThem() throws {
        folder.writeRequired(except: [.roster, .sales])
        folder.write("roster.csv", Self.roster)
        var text = String(decoding: Self.salesFile(seed: 5, lines: 300), as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        // Before some plain records (11 fields, no quote: each starts a record), a line with a stray quote.
        for k in stride(from: lines.count - 3, to: 1, by: -11) where !lines[k].contains("\"") && lines[k].components(separatedBy: ",").count == 11 {
            lines.insert("2023-03-05,SOX\(k),1,E1,C055003,\"襄城农资总经销,有机肥 40kg,2,430.28,860.56,0", at: k)
        }
        text = lines.joined(separator: "\n")
        folder.write("sales.csv", text)
        let whole = try read(streaming: nil)
        let strays = whole.sales.filter { $0.issue?.code == "ROW-UNBALANCED-QUOTE" }
        XCTAssertGreaterThan(strays.count, 5)
        for chunk in [16, 97, 1000, 1 << 20] {
            let s = try read(streaming: chunk)
            let wf = whole.files.first { $0.kind == .sales }!, sf = s.files.first { $0.kind == .sales }!
            XCTAssertEqual(sf, wf, "chunk \(chunk)")
            let sStrays = s.sales.filter { $0.issue?.code == "ROW-UNBALANCED-QUOTE" }
            XCTAssertEqual(sStrays.map(\.ref), strays.map(\.ref), "chunk \(chunk)")
            XCTAssertEqual(sStrays.map(\.raw), strays.map(\.raw), "chunk \(chunk)")
            XCTAssertEqual(sStrays.map(\.issue), strays.map(\.issue), "chunk \(chunk)")
            let tally = InputTally(s).counts("sales.csv")
            XCTAssertEqual(tally.accepted + tally.rejected + sf.blank, sf.rows, "chunk \(chunk)")
        }
    }
}
