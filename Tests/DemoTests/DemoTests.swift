import XCTest
import Foundation
import SalesCore
@testable import Demo

final class DemoTests: XCTestCase {
    private func tempDir(_ name: String) -> String {
        let d = NSTemporaryDirectory() + "salesclose-demo-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: d)
        return d
    }

    private func text(_ path: String) throws -> String {
        var s = try String(contentsOfFile: path, encoding: .utf8)
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        return s
    }

    /// Simple CSV rows (the files checked here have no quoted fields with line breaks).
    private func rows(_ path: String) throws -> [[String]] {
        try text(path).split(separator: "\n", omittingEmptySubsequences: true).map { line in
            var fields: [String] = []
            var cur = "", quoted = false
            let chars = Array(line.hasSuffix("\r") ? String(line.dropLast()) : String(line))
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if quoted {
                    if c == "\"" {
                        if i + 1 < chars.count && chars[i + 1] == "\"" { cur.append("\""); i += 1 } else { quoted = false }
                    } else {
                        cur.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(cur); cur = ""
                } else {
                    cur.append(c)
                }
                i += 1
            }
            fields.append(cur)
            return fields
        }
    }

    /// The file's bytes (compared whole: stronger than comparing hashes).
    private func sha(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testSameOptionsSameBytes() throws {
        let a = tempDir("a"), b = tempDir("b")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let o = DemoOptions(employeesScale: 0.3)
        let fa = try DemoWriter.write(to: a, options: o)
        let fb = try DemoWriter.write(to: b, options: o)
        XCTAssertEqual(fa.count, fb.count)
        XCTAssertEqual(fa.map { ($0 as NSString).lastPathComponent }, fb.map { ($0 as NSString).lastPathComponent })
        for (x, y) in zip(fa, fb) { XCTAssertEqual(try sha(x), try sha(y), x) }
        // Another seed gives other data.
        let c = tempDir("c")
        defer { try? FileManager.default.removeItem(atPath: c) }
        var o2 = o; o2.seed = 7
        let fc = try DemoWriter.write(to: c, options: o2)
        XCTAssertNotEqual(try sha(fa[2]), try sha(fc[2]))
    }

    func testHeadcountAtFullScale() throws {
        let d = tempDir("head")
        defer { try? FileManager.default.removeItem(atPath: d) }
        _ = try DemoWriter.write(to: d, options: DemoOptions())
        let roster = try rows(d + "/roster.csv")
        XCTAssertEqual(roster[0], ["员工编号", "姓名", "岗位", "级别", "区域", "部门", "直属经理", "入职日期", "离职日期"])
        let p = DemoOptions.defaultPeriod
        var counts: [String: Int] = [:]
        var ids = Set<String>()
        for r in roster.dropFirst() {
            XCTAssertEqual(r.count, 9)
            XCTAssertTrue(ids.insert(r[0]).inserted, "duplicate id \(r[0])")
            let leave = r[8].isEmpty ? nil : Day(iso: r[8])
            if let l = leave, l < p.firstDay { continue }  // left before the month
            counts[r[5] + "/" + r[2], default: 0] += 1
        }
        XCTAssertEqual(counts["销售一部/销售部长"], 1)
        XCTAssertEqual(counts["销售一部/区域经理"], 8)
        XCTAssertEqual(counts["销售一部/销售员"], 37)
        XCTAssertEqual(counts["销售二部/销售部长"], 2)
        XCTAssertEqual(counts["销售二部/区域经理"], 12)
        XCTAssertEqual(counts["销售二部/销售员"], 60)
        // Managers: reps → an RM of their region, RMs → a director, directors none.
        let byId = Dictionary(uniqueKeysWithValues: roster.dropFirst().map { ($0[0], $0) })
        for r in roster.dropFirst() {
            switch r[2] {
            case "销售部长": XCTAssertEqual(r[6], "")
            case "销售员": XCTAssertEqual(byId[r[6]]?[2], "区域经理"); XCTAssertEqual(byId[r[6]]?[4], r[4])
            case "区域经理": XCTAssertEqual(byId[r[6]]?[2], "销售部长")
            default: XCTAssertNotNil(byId[r[6]])
            }
        }
        // At a tenth, at least one per role and department.
        let t = tempDir("tenth")
        defer { try? FileManager.default.removeItem(atPath: t) }
        _ = try DemoWriter.write(to: t, options: DemoOptions(employeesScale: 0.1))
        let small = try rows(t + "/roster.csv").dropFirst()
        for dept in ["销售一部", "销售二部"] {
            for role in ["销售部长", "区域经理", "销售员", "大客户经理", "营销助理"] {
                XCTAssertTrue(small.contains { $0[5] == dept && $0[2] == role }, "\(dept) \(role)")
            }
        }
    }

    func testAttendanceEveryActiveEmployeeEveryDayAndPlansEveryWeek() throws {
        let d = tempDir("att")
        defer { try? FileManager.default.removeItem(atPath: d) }
        _ = try DemoWriter.write(to: d, options: DemoOptions(employeesScale: 0.5))
        let p = DemoOptions.defaultPeriod
        let roster = try rows(d + "/roster.csv").dropFirst()
        let att = try rows(d + "/attendance.csv")
        XCTAssertEqual(att[0], ["日期", "员工编号", "考勤状态", "城市"])
        var seen = Set<String>()
        for r in att.dropFirst() {
            XCTAssertEqual(r.count, 4)
            XCTAssertTrue(seen.insert(r[0] + r[1]).inserted, "twice: \(r)")
            if r[2] == "出差" { XCTAssertFalse(r[3].isEmpty, "travel without city \(r)") }
        }
        var expected = 0
        for r in roster {
            let hire = Day(iso: r[7])!, leave = r[8].isEmpty ? nil : Day(iso: r[8])
            for day in p.days where day >= hire && (leave.map { day <= $0 } ?? true) {
                expected += 1
                XCTAssertTrue(seen.contains(day.description + r[0]), "\(r[0]) \(day)")
            }
        }
        XCTAssertEqual(seen.count, expected)

        // RMs' plans cover every ISO week overlapping the month, but for the one deliberately missing.
        let plans = try rows(d + "/plans.csv")
        var weeks: [String: Set<Int>] = [:]
        for r in plans.dropFirst() where r.count == 7 {
            weeks[r[0], default: []].insert(Day(iso: r[1])!.weekStart.ordinal)
        }
        let allWeeks = Set(stride(from: p.firstDay.weekStart.ordinal, through: p.lastDay.weekStart.ordinal, by: 7))
        var missing: [String] = []
        for r in roster where r[2] == "区域经理" {
            let have = weeks[r[0]] ?? []
            let lacking = allWeeks.subtracting(have)
            if !lacking.isEmpty { missing.append(r[0]); XCTAssertEqual(lacking.count, 1) }
        }
        XCTAssertEqual(missing.count, 1, "exactly one RM misses one week: \(missing)")
        // Rows of the neighbouring months' days in the first and last weeks.
        XCTAssertTrue(plans.dropFirst().contains { $0.count == 7 && Day(iso: $0[1])! < p.firstDay })
        XCTAssertTrue(plans.dropFirst().contains { $0.count == 7 && Day(iso: $0[1])! > p.lastDay })
        // RM travel days: most at least 20, exactly one below.
        var travel: [String: Int] = [:]
        for r in att.dropFirst() where r[2] == "出差" { travel[r[1], default: 0] += 1 }
        let rms = roster.filter { $0[2] == "区域经理" }.map { $0[0] }
        XCTAssertEqual(rms.filter { (travel[$0] ?? 0) < 20 }.count, 1)
    }

    func testExpensesAreGB18030() throws {
        let d = tempDir("gb")
        defer { try? FileManager.default.removeItem(atPath: d) }
        _ = try DemoWriter.write(to: d, options: DemoOptions(employeesScale: 0.2))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: d + "/expenses.csv")))
        XCTAssertNil(String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]), "must not be valid UTF-8")
        let decoded = try XCTUnwrap(DemoCodec.decodeGB18030(bytes))
        XCTAssertTrue(decoded.hasPrefix("报销单号,员工编号,发生日期,费用类别"))
        XCTAssertTrue(decoded.contains("\r\n"))
        XCTAssertTrue(decoded.contains("\"￥1,"), "thousands separators quoted")
        XCTAssertTrue(decoded.contains("住宿费"))
        // Round trip through iconv.
        let sample = "报销单号,金额\r\nBX-1,\"￥1,234.50\"\r\n廣州 北京 ¥ 见习"
        XCTAssertEqual(DemoCodec.decodeGB18030(try DemoCodec.gb18030(sample)), sample)
    }

    func testLargeSalesRunWritesThatManyLines() throws {
        let d = tempDir("big")
        defer { try? FileManager.default.removeItem(atPath: d) }
        let n = 200_000
        let start = Date()
        _ = try DemoWriter.write(to: d, options: DemoOptions(employeesScale: 0.1, orderLinesPerMonth: n))
        let data = try Data(contentsOf: URL(fileURLWithPath: d + "/sales.csv"))
        let newlines = data.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        XCTAssertEqual(newlines - 1, n)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func testSeveralMonthsOneFolderEach() throws {
        let d = tempDir("months")
        defer { try? FileManager.default.removeItem(atPath: d) }
        let ps = [Period("2023-01")!, Period("2023-02")!, Period("2023-03")!]
        let files = try DemoWriter.write(to: d, options: DemoOptions(periods: ps, employeesScale: 0.2))
        for p in ps {
            for k in ["roster", "targets", "sales", "attendance", "expenses", "plans", "remittances", "advances", "adjustments", "visits"] {
                XCTAssertTrue(files.contains(d + "/" + p.description + "/" + k + ".csv"), "\(p) \(k)")
            }
        }
        let r1 = try Data(contentsOf: URL(fileURLWithPath: d + "/2023-01/roster.csv"))
        let r3 = try Data(contentsOf: URL(fileURLWithPath: d + "/2023-03/roster.csv"))
        XCTAssertEqual(r1, r3)
        // Sales of each folder lie in its month.
        for p in ps {
            for r in try rows(d + "/" + p.description + "/sales.csv").dropFirst() {
                if let day = Day(iso: r[0]) { XCTAssertTrue(p.contains(day), "\(p) \(r[0])") }
            }
        }
    }

    func testValuesAreValidAndMistakesDocumented() throws {
        let d = tempDir("valid")
        defer { try? FileManager.default.removeItem(atPath: d) }
        _ = try DemoWriter.write(to: d, options: DemoOptions(employeesScale: 0.5))
        let readme = try text(d + "/README.txt")
        for m in ["ROW-DUPLICATE", "ROW-FIELD-COUNT", "ROW-EXCEL-DAMAGE", "ROW-UNKNOWN-EMPLOYEE", "ROW-NOT-ACTIVE", "ambiguous"] {
            XCTAssertTrue(readme.contains(m), m)
        }
        let sales = try rows(d + "/sales.csv")
        var bad = 0
        for r in sales.dropFirst() {
            guard r.count == 12, Day(iso: r[0]) != nil, Money.parsePlain(r[9]) != nil else { bad += 1; continue }
            XCTAssertNotNil(Money.parsePlain(r[8])); XCTAssertNotNil(Money.parsePlain(r[10]))
            XCTAssertTrue(["是", "否", ""].contains(r[11]))
        }
        XCTAssertEqual(bad, 3)  // field count, three decimals, day-first date
        // Without mistakes: none of those.
        let c = tempDir("clean")
        defer { try? FileManager.default.removeItem(atPath: c) }
        _ = try DemoWriter.write(to: c, options: DemoOptions(employeesScale: 0.5, withMistakes: false))
        let clean = try rows(c + "/sales.csv").dropFirst()
        XCTAssertTrue(clean.allSatisfy { $0.count == 12 && Day(iso: $0[0]) != nil && Money.parsePlain($0[9]) != nil })
        XCTAssertFalse(try text(c + "/visits.csv").contains("E9527"))
    }
}
