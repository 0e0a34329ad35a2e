import Foundation
import XCTest
@testable import Ingest
import SalesCore

/// The fast ingest (byte-range fields, byte-level cell fast paths, interned text, lazy raw text, large files read in
/// parts on both cores) must read exactly what a plain reading gives: same rows, lines, raw text, values, issues,
/// flags and money cells.
final class IngestSpeedTests: XCTestCase {

    /// Everything observable about a row, as text.
    func dump<T>(_ rows: [InputRow<T>]) -> [String] {
        rows.map { r in
            "\(r.ref.file)|\(r.ref.fileOrder)|\(r.ref.line)|\(r.raw)|\(String(describing: r.value))|\(String(describing: r.issue))|"
                + "\(r.flags)|\(r.money)|\(r.badMoneyCells)|\(r.columnNumbers.sorted { $0.key < $1.key })"
        }
    }

    static let salesHeader = "日期,订单号,行号,业务员,客户编号,客户名称,产品,数量,单价,金额,回款,新客户"

    /// Cells that take every path: plain, padded, quoted, control characters, full-width, currency marks, bad values.
    static let oddCells = [
        "", " ", "\t", "\u{3000}", " 12 ", "１２３", "12.5", "12.345", "1,234.50", "12,34.5", "-3", "(12.30)", "¥1,234.50", "￥12",
        "12元", "RMB 12.5", "3.0", "3.5", "007", "+5", "1234567890", "1.23457E+11", "Y", "n", "TRUE", "是", "否", "✓", "Ｙ", "maybe",
        "2023-03-05", "2023/3/5", "20230305", "2023年3月5日", "2023-03-05 10:00", "27/03/2023", "2023-02-30", "45000",
        "a\u{01}b", "x\u{7F}", "line\nbreak", "cr\r\nlf", "lone\rcr", "\"quoted\"", "a,b", "大地农业科技有限公司", " 生物有机肥 40kg ",
        "\u{FEFF}E0002", "E0002\u{200B}", "😀", String(repeating: "长", count: 40)
    ]

    /// A sales file of `count` lines, plain lines mixed with odd cells, quoted multi-line fields, blank lines,
    /// short and long rows; line breaks `eol`.
    static func salesText(count: Int, seed: UInt64, eol: String = "\n") -> String {
        var rng = SplitMix(seed: seed)
        var lines = [salesHeader]
        for i in 0..<count {
            let day = 1 + Int(rng.next() % 28)
            var cells = [
                "2023-03-\(day < 10 ? "0" : "")\(day)", "SO2023\(100000 + i)", "\(1 + rng.next() % 3)", "E00\(10 + rng.next() % 40)",
                "C00\(1000 + rng.next() % 300)", ["大地农业科技有限公司", "平顶山金地家庭农场", "\"Smith, Jones & Co\""][Int(rng.next() % 3)],
                ["磷酸二铵 50kg", "生物有机肥 40kg", "尿素"][Int(rng.next() % 3)], "\(1 + rng.next() % 900)", "60.50",
                "\(rng.next() % 90000).00", "\(rng.next() % 90000).00", ["否", "是", ""][Int(rng.next() % 3)]
            ]
            let r = rng.next() % 100
            if r < 25 {
                let k = Int(rng.next() % UInt64(cells.count))
                let odd = oddCells[Int(rng.next() % UInt64(oddCells.count))]
                let needsQuotes = odd.contains(",") || odd.contains("\"") || odd.contains("\n") || odd.contains("\r")
                cells[k] = needsQuotes || rng.next() % 4 == 0 ? "\"" + odd.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : odd
            } else if r < 27 {
                cells[5] = "\"a name\(eol)over\(eol)three lines\""
            } else if r < 28 {
                lines.append(["", "   ", ",,,,,,,,,,,", " ,\t"][Int(rng.next() % 4)]); continue
            } else if r < 29 {
                cells.removeLast()
            } else if r < 30 {
                cells[6] = "\"after\"quote"
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: eol) + eol
    }

    func readSales(_ text: String, threshold: Int) throws -> (FileReport, [String]) {
        var reader = InputReader(cityAliases: [])
        reader.parallelThreshold = threshold
        let p = try reader.prepare(name: "sales.csv", bytes: Array(text.utf8))
        var set = InputSet()
        try reader.readRows(p, fileOrder: 0, into: &set)
        return (set.files[0], dump(set.sales))
    }

    func testReadingInPartsGivesTheRowsOfOnePass() throws {
        for (seed, eol) in [(1, "\n"), (2, "\r\n"), (3, "\r"), (4, "\n")] as [(UInt64, String)] {
            let text = IngestSpeedTests.salesText(count: 6_000, seed: seed, eol: eol)
            let one = try readSales(text, threshold: Int.max)
            let parts = try readSales(text, threshold: 0)
            XCTAssertEqual(one.0, parts.0, "seed \(seed)")
            XCTAssertEqual(one.1.count, parts.1.count, "seed \(seed)")
            XCTAssertEqual(one.1, parts.1, "seed \(seed)")
            XCTAssertGreaterThan(one.0.blank, 0)
        }
    }

    /// Every cut point inside one long quoted field: the parts after it start at a wrong guess and are read again.
    func testPartsThatStartInsideAQuotedFieldAreReadAgain() throws {
        var text = IngestSpeedTests.salesText(count: 200, seed: 7)
        let long = (0..<3_000).map { "line \($0) of a note" }.joined(separator: "\n")
        text += "2023-03-02,SO1,1,E0011,C001001,\"\(long)\",尿素,1,1.00,1.00,0,否\n"
        text += IngestSpeedTests.salesText(count: 50, seed: 8).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let one = try readSales(text, threshold: Int.max)
        let parts = try readSales(text, threshold: 0)
        XCTAssertEqual(one.0, parts.0)
        XCTAssertEqual(one.1, parts.1)
        XCTAssertTrue(one.1.contains { $0.contains("|\(200 + 2 + 1)|") || $0.contains("line 2999 of a note") })
    }

    /// A quote never closed late in a large file (inputs.md "A stray quote"): the same ROW-UNBALANCED-QUOTE row, and the
    /// same rows after it, read in one pass or in parts (before: the same file error both ways).
    func testAStrayQuoteLateInALargeFileIsTheSameRowInPartsAndInOnePass() throws {
        var text = IngestSpeedTests.salesText(count: 3_000, seed: 9)
        text += "2023-03-02,SO1,1,E0011,C001001,\"never closed,尿素,1,1.00,1.00,0,否\n2023-03-02,SO2,1,E0011,C001001,x,尿素,1,1.00,1.00,0,否\n"
        let one = try readSales(text, threshold: Int.max)
        let parts = try readSales(text, threshold: 0)
        XCTAssertEqual(one.0, parts.0)
        XCTAssertEqual(one.1, parts.1)
        XCTAssertEqual(one.1.filter { $0.contains("ROW-UNBALANCED-QUOTE") }.count, 1)
        XCTAssertTrue(one.1.last?.contains("SO2") == true, one.1.last ?? "")
    }

    /// The byte-level fast paths of the row reader against the text parsers they stand in for, cell by cell.
    func testFastCellPathsAgreeWithTheTextParsers() throws {
        let header = "date,order_id,line_no,employee_id,customer_id,customer_name,product,quantity,unit_price,amount,remitted,new_customer"
        let base = ["2023-03-05", "SO1", "1", "E0011", "C001001", "大地", "尿素", "2", "1.00", "2.00", "0", "否"]
        for cell in IngestSpeedTests.oddCells {
            for column in base.indices {
                var cells = base
                cells[column] = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let (_, set) = try readOne("sales.csv", header + "\n" + cells.joined(separator: ",") + "\n")
                let row = try XCTUnwrap(set.sales.first)
                let text = Cell.trim(Cell.clean(cell).text)
                let where_ = "cell \(cell.debugDescription) in column \(column + 1)"
                switch column {
                case 0:
                    // A day-first or month-first date alone in its column reads in the order it settles, if any.
                    var evidence = DateEvidence()
                    evidence.add(ValueParser.dayMonthParts(text))
                    if case .success(let d) = ValueParser.date(text, order: evidence.order) {
                        XCTAssertEqual(row.value?.date, d, where_)
                    } else if !text.isEmpty {
                        XCTAssertEqual(row.issue?.column, "date", where_)
                    }
                case 2:
                    if case .success(let v) = ValueParser.integer(text), v >= 0 { XCTAssertEqual(row.value?.lineNo, v, where_) }
                case 7:
                    if case .success(let v) = ValueParser.decimal4(text) {
                        XCTAssertEqual(row.value?.quantity, v, where_)
                    } else if !text.isEmpty {
                        XCTAssertEqual(row.issue?.column, "quantity", where_)
                    }
                case 9:
                    switch ValueParser.money(text) {
                    case .success(let m): XCTAssertEqual(row.money.first { $0.column == "amount" }?.value, m, where_)
                    case .failure: if !text.isEmpty { XCTAssertEqual(row.badMoneyCells, 1, where_) }
                    }
                case 11:
                    if case .success(let b) = ValueParser.boolean(text) {
                        XCTAssertEqual(row.value?.newCustomer, b, where_)
                    } else {
                        XCTAssertEqual(row.issue?.column, "new_customer", where_)
                    }
                case 1, 5, 6:
                    let expected = text.isEmpty ? nil : text  // the reader here hands in no cell limit
                    let got = [row.value?.orderId, row.value?.customerName, row.value?.product][column == 1 ? 0 : column == 5 ? 1 : 2]
                    if row.issue == nil { XCTAssertEqual(got, expected, where_) }
                    if column == 1 && ValueParser.isScientificNotation(text) { XCTAssertEqual(row.issue?.code, "ROW-EXCEL-DAMAGE", where_) }
                default: break
                }
                XCTAssertEqual(row.flags.contains { $0.code == "ROW-CONTROL-CHARS" }, Cell.clean(cell).removed, where_)
            }
        }
    }

    func testTheRawTextOfEveryRowStaysReadable() throws {
        let text = IngestSpeedTests.salesHeader + "\n2023-03-01,SO1,1,E0002,C001004,\"a \"\"b\"\"\",尿素,1,1.00,1.00,0,否\r\n"
        let (_, set) = try readOne("sales.csv", text)
        XCTAssertEqual(set.sales[0].raw, "2023-03-01,SO1,1,E0002,C001004,\"a \"\"b\"\"\",尿素,1,1.00,1.00,0,否")
        var row = set.sales[0]
        row.raw = "changed"
        XCTAssertEqual(row.raw, "changed")
        XCTAssertEqual(set.sales[0].raw.hasPrefix("2023-03-01"), true)
    }

    func testSHA256OfManyBlocksAtOnceMatchesTheBlockwiseDigest() {
        var bytes: [UInt8] = []
        var rng = SplitMix(seed: 3)
        for _ in 0..<100_003 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        var h = SHA256Hasher()
        var i = 0
        while i < bytes.count { let j = min(bytes.count, i + 1 + i % 97); h.update(Array(bytes[i..<j])); i = j }
        XCTAssertEqual(h.finalizeHex(), SHA256.hex(bytes))
        // 1,000,000 × "a" (FIPS 180-2 appendix B.3).
        XCTAssertEqual(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// `INGEST_BENCH_DIR=/path/to/demo swift test --filter IngestSpeedTests/testBenchmark` (a release build is the
    /// meaningful one; see bench/README.md): the ingest alone, in MB/s of CSV input.
    func testBenchmark() throws {
        guard let dir = ProcessInfo.processInfo.environment["INGEST_BENCH_DIR"] else {
            throw XCTSkip("set INGEST_BENCH_DIR to a demo data set to time the ingest")
        }
        var bytes = 0
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasSuffix(".csv") {
            bytes += (try FileManager.default.attributesOfItem(atPath: dir + "/" + f)[.size] as? Int) ?? 0
        }
        let start = Date()
        let set = try InputReader(cityAliases: []).read(directory: dir)
        let seconds = Date().timeIntervalSince(start)
        print(
            String(
                format: "ingest: %d sales rows, %.1f MB in %.3f s = %.1f MB/s", set.sales.count, Double(bytes) / 1e6, seconds,
                Double(bytes) / 1e6 / seconds))
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
