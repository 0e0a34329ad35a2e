import Foundation
import XCTest

/// Issue 4: twelve consecutive closes of 2023 with one ledger. Every expected figure is worked out by hand here
/// from rules.md §5–§8 with the default policy (commission 2%, settle at 80%, cut below 80% to 0.8 until a quarter
/// reaches 100%, base 800.00 + performance pay level 2: 1200.00, level 3: 700.00, trainee: 200.00).
///
/// Remittance target 10,000.00 every month for everyone.
/// - P1 (level 2) remits 5,000 / 6,000 / 9,000 in Q1, then 10,000 a month.
///   Jan: earned 100.00, deferred (50%) → balance 100.00. Feb: earned 120.00, deferred (60%) → 220.00.
///   Mar: 90% → COM-SETTLED, settled 180.00 + 220.00 = 400.00, balance 0.
///   Q1: 20,000 / 30,000 = 66.7% < 80% → QTR-CUT, factor 0.8 from April: April gross = 2,000 × 0.8 + 200 = 1,800.00.
///   Q2: 30,000 / 30,000 = 100% → QTR-RESTORED from July (June still 1,800.00; July 2,000 + 200 = 2,200.00).
///   Year: 110,000 / 120,000 = 91.7% → 2.0% → year total 2,200.00; paid 400 + 9 × 200 = 2,200.00 → bonus 0.00.
/// - P2 (level 3) remits 5,000 every month (50%): always deferred (balance +100.00 a month); every quarter QTR-CUT,
///   from Q2 on also QTR-REVIEW (two assessed quarters in a row below 80%).
///   Year: 60,000 / 120,000 = 50% → 1.0% → 600.00; paid 0 → bonus 600.00.
/// - P3 (level 2) remits 12,000 every month (120%) and opens one new outlet a month (target 1): settled 240.00 a month.
///   Q1 qualifies but has no quarter before it; Q2 qualifies again → QTR-PROMOTE at June's close.
///   Year: 144,000 / 120,000 = 120% → 2.5% → 3,600.00; paid 12 × 240 = 2,880.00 → bonus 720.00.
/// - P4 (trainee, hired 2023-02-15): probation ends 2023-05-15, after Q1's last day → not assessed in Q1; assessed in Q2.
final class TwelveMonthsTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("twelve") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    static let roster = """
        员工编号,姓名,岗位,级别,区域,部门,直属经理,入职日期
        D1,王总,销售总监,1,总部,销售一部,,2015-01-01
        P1,周一,销售代表,2,华北,销售一部,D1,2020-01-01
        P2,吴二,销售代表,3,华北,销售一部,D1,2020-01-01
        P3,郑三,销售代表,2,华南,销售二部,D1,2020-01-01
        P4,冯四,销售代表,见习,华南,销售二部,D1,2023-02-15

        """

    static func remitted(_ id: String, _ month: Int) -> String? {
        switch id {
        case "P1": return month == 1 ? "5000.00" : month == 2 ? "6000.00" : month == 3 ? "9000.00" : "10000.00"
        case "P2": return "5000.00"
        case "P3": return "12000.00"
        case "P4": return month >= 2 ? "8000.00" : nil
        default: return nil
        }
    }

    static func month(_ m: Int) -> [String: String] {
        let p = String(format: "2023-%02d", m)
        var targets = "月份,员工编号,回款指标,网点开发指标\n"
        var sales = "日期,订单号,业务员,客户编号,产品,数量,金额,回款,新客户\n"
        for id in ["P1", "P2", "P3", "P4"] {
            guard let amount = remitted(id, m) else { continue }
            targets += "\(p),\(id),10000.00,\(id == "P3" ? 1 : 0)\n"
            let customer = id == "P3" ? "C-P3-\(m)" : "C-\(id)"
            sales += "\(p)-20,SO-\(p)-\(id),\(id),\(customer),复合肥,1,\(amount),\(amount),\(id == "P3" ? "是" : "否")\n"
        }
        return [
            "roster.csv": roster, "targets.csv": targets, "sales.csv": sales,
            "attendance.csv": "日期,员工编号,考勤状态,城市\n", "plans.csv": "员工编号,日期,城市\n",
            "expenses.csv": "报销单号,员工编号,日期,类别,金额,提交日期\n"
        ]
    }

    func close(_ m: Int, outputs: URL) throws -> [String: Any] {
        let inputs = root.appendingPathComponent(String(format: "in-%02d", m))
        try Harness.write(Self.month(m), to: inputs)
        let r = try Harness.run(["close", "--inputs", inputs.path, "--outputs", outputs.path])
        XCTAssertEqual(r.status, 0, "month \(m): \(r.stderr)")
        return try Harness.summary(outputs, String(format: "2023-%02d", m))
    }

    func codes(_ e: [String: Any]?) -> [String] { e?["codes"] as? [String] ?? [] }
    func quarterEmployee(_ s: [String: Any], _ id: String) -> [String: Any]? {
        ((s["quarter"] as? [String: Any])?["employees"] as? [[String: Any]])?.first { $0["employee_id"] as? String == id }
    }

    func testAYearOfClosesWithDeferralCutRestoreReviewPromotionAndBonus() throws {
        let out = root.appendingPathComponent("outputs")
        var s = try close(1, outputs: out)
        XCTAssertEqual(s.employee("P1")?["commission_deferred_balance"] as? String, "100.00")
        XCTAssertTrue(codes(s.employee("P1")).contains("COM-DEFERRED"))
        XCTAssertTrue(s["quarter"] is NSNull)

        s = try close(2, outputs: out)
        XCTAssertEqual(s.employee("P1")?["commission_deferred_balance"] as? String, "220.00")
        XCTAssertEqual(s.employee("P1")?["commission_settled"] as? String, "0.00")

        s = try close(3, outputs: out)
        XCTAssertTrue(codes(s.employee("P1")).contains("COM-SETTLED"))
        XCTAssertEqual(s.employee("P1")?["commission_settled"] as? String, "400.00")
        XCTAssertEqual(s.employee("P1")?["commission_deferred_balance"] as? String, "0.00")
        XCTAssertEqual((s["quarter"] as? [String: Any])?["quarter"] as? String, "2023-Q1")
        XCTAssertTrue(codes(quarterEmployee(s, "P1")).contains("QTR-CUT"))
        XCTAssertEqual(quarterEmployee(s, "P1")?["next_pay_factor"] as? Double, 0.8)
        XCTAssertEqual(quarterEmployee(s, "P4")?["assessed"] as? Bool, false, "probation ends 2023-05-15")
        XCTAssertFalse(codes(quarterEmployee(s, "P3")).contains("QTR-PROMOTE"), "no quarter before Q1 in the ledger")
        XCTAssertFalse(codes(quarterEmployee(s, "P2")).contains("QTR-REVIEW"))

        s = try close(4, outputs: out)
        XCTAssertEqual(s.employee("P1")?["pay_factor"] as? Double, 0.8)
        XCTAssertEqual(s.employee("P1")?["gross_pay"] as? String, "1800.00")
        XCTAssertEqual(s.employee("P3")?["gross_pay"] as? String, "2240.00")

        s = try close(5, outputs: out)
        s = try close(6, outputs: out)
        XCTAssertTrue(codes(quarterEmployee(s, "P1")).contains("QTR-RESTORED"))
        XCTAssertEqual(quarterEmployee(s, "P1")?["next_pay_factor"] as? Double, 1.0)
        XCTAssertEqual(s.employee("P1")?["gross_pay"] as? String, "1800.00", "the restored factor applies from July")
        XCTAssertTrue(codes(quarterEmployee(s, "P2")).contains("QTR-REVIEW"))
        XCTAssertTrue(codes(s.employee("P2")).contains("QTR-REVIEW"))
        XCTAssertTrue(codes(quarterEmployee(s, "P3")).contains("QTR-PROMOTE"))
        XCTAssertEqual(quarterEmployee(s, "P4")?["assessed"] as? Bool, true)
        XCTAssertEqual(s.employee("P2")?["commission_deferred_balance"] as? String, "600.00")

        s = try close(7, outputs: out)
        XCTAssertEqual(s.employee("P1")?["pay_factor"] as? Double, 1.0)
        XCTAssertEqual(s.employee("P1")?["gross_pay"] as? String, "2200.00")

        for m in 8...11 { s = try close(m, outputs: out) }
        s = try close(12, outputs: out)
        let year = try XCTUnwrap(s["year"] as? [String: Any])
        XCTAssertEqual(year["year"] as? Int, 2023)
        func y(_ id: String) -> [String: Any]? { (year["employees"] as? [[String: Any]])?.first { $0["employee_id"] as? String == id } }
        XCTAssertEqual(y("P1")?["rate"] as? Double, 0.02)
        XCTAssertEqual(y("P1")?["year_total"] as? String, "2200.00")
        XCTAssertEqual(y("P1")?["paid"] as? String, "2200.00")
        XCTAssertEqual(y("P1")?["bonus"] as? String, "0.00")
        XCTAssertEqual(y("P3")?["rate"] as? Double, 0.025)
        XCTAssertEqual(y("P3")?["year_total"] as? String, "3600.00")
        XCTAssertEqual(y("P3")?["paid"] as? String, "2880.00")
        XCTAssertEqual(y("P3")?["bonus"] as? String, "720.00")
        XCTAssertTrue(codes(y("P3")).contains("YR-BONUS"))
        XCTAssertEqual(y("P2")?["bonus"] as? String, "600.00")
    }

    func testQuarterEndWithoutItsEarlierMonthsSaysIncomplete() throws {
        let s = try close(3, outputs: root.appendingPathComponent("fresh"))
        let q = try XCTUnwrap(s["quarter"] as? [String: Any])
        XCTAssertEqual(q["codes"] as? [String], ["QTR-INCOMPLETE"])
        XCTAssertEqual((q["employees"] as? [Any])?.count, 0)
    }
}
