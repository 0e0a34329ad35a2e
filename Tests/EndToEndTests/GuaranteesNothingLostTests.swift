import Foundation
import XCTest

/// Issue 6 §1 "Nothing lost", as a property over generated inputs (an own seeded PRNG instead of a package, to keep CI
/// builds short): expense files with arbitrary mixes of good rows, bad dates, bad amounts, unknown employees, field-count
/// errors, blank lines and quoted line breaks. For each, every data record is accepted (an expense line) or rejected,
/// exactly once, or blank; the per-file counts add up; and the accepted money is exactly the generated amounts of the
/// accepted lines, summed the same in the totals.
final class GuaranteesNothingLostTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-lost") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// SplitMix64.
    struct PRNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    struct Generated {
        var text = "报销单号,员工编号,日期,类别,交通方式,城市,晚数,金额,票据号,票据类型,经理签字,总经理批准,无票原因,提交日期\n"
        var line = 2
        var records = 0
        var blank = 0
        /// Start line of each non-blank record → its amount in fen when the amount text is a plain valid amount.
        var dataLines: [Int: Int64?] = [:]
    }

    static func generate(seed: UInt64) -> Generated {
        var r = PRNG(state: seed)
        var g = Generated()
        let rows = 3 + r.int(14)
        for n in 0..<rows {
            let kind = r.int(10)
            if kind == 0 {  // blank: an empty line or delimiters only
                g.text += r.int(2) == 0 ? "\n" : ",,,,,,,,,,,,,\n"
                g.records += 1; g.blank += 1; g.line += 1
                continue
            }
            let fen = Int64(100 + r.int(50_000))
            var amount = "\(fen / 100).\(String(format: "%02d", Int(fen % 100)))"
            var parsed: Int64? = fen
            var employee = r.pick(["M1", "R1", "M2"])
            var date = "2023-01-\(String(format: "%02d", 1 + r.int(28)))"
            var reason = ""
            var lines = 1
            switch kind {
            case 1: amount = "12x.5"; parsed = nil  // bad amount
            case 2: date = "2023-13-45"  // bad date
            case 3: employee = "Z\(r.int(9))"  // unknown employee
            case 4: reason = "\"第一行\n第二行\""; lines = 2  // a quoted line break
            default: break
            }
            let category = r.pick(["交通", "招待", "住宿"])
            let transport = category == "交通" ? "火车" : ""
            let nights = category == "住宿" ? "1" : ""
            var fields = [
                "P\(seed % 1000)-\(n)", employee, date, category, transport, "郑州", nights, amount,
                "RC-\(seed)-\(n)", "电子发票", "", "", reason, "2023-01-20"
            ]
            if kind == 5 { fields.removeLast(2) }  // wrong field count
            if kind == 6 { fields.append("extra") }
            g.text += fields.joined(separator: ",") + "\n"
            g.dataLines[g.line] = parsed
            g.records += 1
            g.line += lines
        }
        return g
    }

    func testEveryRowIsAcceptedRejectedOrBlankAndTheMoneyReconciles() throws {
        let iterations = 12
        for i in 0..<iterations {
            let seed = UInt64(0x5EED_0000 + i * 7919)
            let g = Self.generate(seed: seed)
            let inputs = try G.january(root, "in-\(i)") { $0["expenses.csv"] = g.text }
            let out = root.appendingPathComponent("out-\(i)")
            let r = try G.close(inputs, out)
            XCTAssertEqual(r.status, 0, "seed \(seed): \(r.stderr)")
            guard r.status == 0 else { continue }
            let s = try Harness.summary(out, G.jan)
            for f in s["inputs"] as? [[String: Any]] ?? [] {
                let rows = f["rows"] as? Int ?? -1, a = f["accepted"] as? Int ?? -1, rj = f["rejected"] as? Int ?? -1, b = f["blank"] as? Int ?? -1
                XCTAssertEqual(rows, a + rj + b, "seed \(seed): \(f["file"] ?? "?") rows ≠ accepted + rejected + blank")
            }
            let file = try XCTUnwrap(s.input("expenses.csv"))
            XCTAssertEqual(file["rows"] as? Int, g.records, "seed \(seed)")
            XCTAssertEqual(file["blank"] as? Int, g.blank, "seed \(seed)")

            let accepted = (s["expense_lines"] as? [[String: Any]] ?? []).filter { $0["file"] as? String == "expenses.csv" }
            let rejected = s.rejected.filter { $0["file"] as? String == "expenses.csv" }
            var seen: [Int: Int] = [:]
            for l in accepted { seen[l["line"] as? Int ?? -1, default: 0] += 1 }
            for l in rejected { seen[l["line"] as? Int ?? -1, default: 0] += 1 }
            XCTAssertEqual(Set(seen.keys), Set(g.dataLines.keys), "seed \(seed): every data record accepted or rejected")
            XCTAssertTrue(seen.values.allSatisfy { $0 == 1 }, "seed \(seed): a record counted twice: \(seen)")
            XCTAssertEqual(accepted.count, file["accepted"] as? Int, "seed \(seed)")
            XCTAssertEqual(rejected.count, file["rejected"] as? Int, "seed \(seed)")

            var claimed: Int64 = 0
            for l in accepted {
                let line = l["line"] as? Int ?? -1
                let fen = try XCTUnwrap(Self.fen(l["claimed"] as? String), "seed \(seed) line \(line)")
                XCTAssertEqual(fen, g.dataLines[line] ?? nil, "seed \(seed) line \(line): the claimed amount is the input's")
                claimed += fen
            }
            let totals = s["totals"] as? [String: Any] ?? [:]
            XCTAssertEqual(Self.fen(totals["expenses_claimed"] as? String), claimed, "seed \(seed): totals.expenses_claimed")
        }
    }

    static func fen(_ s: String?) -> Int64? {
        guard let s, let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return NSDecimalNumber(decimal: d * 100).int64Value
    }
}
