import Foundation
import XCTest
import XlsxReader

/// One figure has one value: every 合计 of a figure, on every sheet of every workbook, equals the close's figure in
/// close-summary.json — the demo month, run through the real binary, read back from the files.
final class OneFigureOneValueTests: XCTestCase {
    /// A sheet's table: the header row (the one below the title row), and the totals row (合计) by column name.
    struct Table {
        var header: [String]
        var rows: [[Cell?]]
        var headerRow: Int

        init(_ doc: XlsxDocument, _ sheet: String, file: StaticString = #filePath, line: UInt = #line) throws {
            rows = try doc.rows(sheet: sheet)
            // The frozen header: the pane's split names the rows above the data.
            let split = try doc.sheet(sheet).pane?.ySplit ?? 2
            headerRow = split - 1
            header = rows[headerRow].map { $0?.text ?? "" }
        }

        func column(_ name: String) throws -> Int {
            try XCTUnwrap(header.firstIndex(of: name), "no column \(name) in \(header)")
        }

        /// The 合计 row's value in `name` (a formula's cached value).
        func total(_ name: String) throws -> Double {
            let c = try column(name)
            let row = try XCTUnwrap(rows.first { $0.contains { $0?.text == "合计" } }, "no 合计 row")
            return try XCTUnwrap(row[c]?.number, "合计 has no number in \(name)")
        }

        /// The data rows (below the header, above the first row labelled 合计 or 小计).
        var body: [[Cell?]] {
            var out: [[Cell?]] = []
            for r in rows.dropFirst(headerRow + 1) {
                if r.contains(where: { ($0?.text ?? "") == "合计" || ($0?.text ?? "").hasSuffix(" 小计") }) { break }
                out.append(r)
            }
            return out
        }

        func sum(_ name: String) throws -> Double {
            let c = try column(name)
            return body.compactMap { $0[c]?.number }.reduce(0, +)
        }
    }

    func money(_ s: Any?) throws -> Double { try XCTUnwrap(Double(try XCTUnwrap(s as? String))) }

    func assertSame(_ values: [(String, Double)], _ figure: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let first = values.first else { return }
        for (place, v) in values.dropFirst() {
            XCTAssertEqual(v, first.1, accuracy: 0.005, "\(figure): \(place) says \(v), \(first.0) says \(first.1)", file: file, line: line)
        }
    }

    func testEveryTotalOfAFigureEqualsTheClosesFigureOnEverySheet() throws {
        let root = try Harness.tempDir("one-figure")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("inputs"), out = root.appendingPathComponent("outputs")
        XCTAssertEqual(try Harness.run(["demo", inputs.path]).status, 0)
        let close = try Harness.run(["close", "--inputs", inputs.path, "--outputs", out.path])
        XCTAssertEqual(close.status, 0, close.stderr)
        // Not a terminal: plain lines only (no transient row counts), and the stage times at the end.
        XCTAssertFalse(close.stderr.contains("\u{1}"))
        XCTAssertFalse(close.stderr.contains("\r"))
        XCTAssertTrue(close.stderr.contains("已写出 finance-"), "wrote finance-…: \(close.stderr)")
        XCTAssertTrue(close.stderr.contains("各阶段用时：读取 "), "stages: read …: \(close.stderr)")
        let period = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasPrefix("20") })
        try assertOneFigureOneValue(out, period, leavers: true)
    }

    /// Months the demo month is not: a quarter's close after two months, a smaller company, the trend running.
    func testOneFigureOneValueAtAQuartersCloseAfterTwoMonths() throws {
        let root = try Harness.tempDir("one-figure-q")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("inputs"), out = root.appendingPathComponent("outputs")
        let months = ["2023-04", "2023-05", "2023-06"]
        XCTAssertEqual(try Harness.run(["demo", inputs.path, "--employees", "40", "--months", months.joined(separator: ",")]).status, 0)
        for m in months {
            let folder = inputs.appendingPathComponent(m)
            let close = try Harness.run(["close", "--inputs", folder.path, "--outputs", out.path])
            XCTAssertEqual(close.status, 0, "\(m): \(close.stderr)")
        }
        try assertOneFigureOneValue(out, "2023-06", leavers: false)
        // The dashboard compares with May as the ledger has it.
        let management = try XlsxDocument(path: out.appendingPathComponent("2023-06/management-2023-06.xlsx").path)
        let may = try Harness.summary(out, "2023-05")
        let row = try XCTUnwrap(try management.rows(sheet: "仪表盘").first { $0.first??.text == "销售额" })
        XCTAssertEqual(try XCTUnwrap(row[2]?.number), try money((may["totals"] as? [String: Any])?["sales"]), accuracy: 0.005)
        XCTAssertNotNil(row[3]?.formula)
    }

    func assertOneFigureOneValue(_ out: URL, _ period: String, leavers: Bool) throws {
        let summaryDir = period
        let summary = try Harness.summary(out, summaryDir)
        let totals = try XCTUnwrap(summary["totals"] as? [String: Any])
        let employees = try XCTUnwrap(summary["employees"] as? [[String: Any]])
        let dir = out.appendingPathComponent(summaryDir)
        let finance = try XlsxDocument(path: dir.appendingPathComponent("finance-\(summaryDir).xlsx").path)
        let management = try XlsxDocument(path: dir.appendingPathComponent("management-\(summaryDir).xlsx").path)
        let regionFiles = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("regions").path).sorted()
        let regions = try regionFiles.map { try XlsxDocument(path: dir.appendingPathComponent("regions/\($0)").path) }
        XCTAssertFalse(regions.isEmpty)

        let byDepartment = try Table(management, "分部门达成"), byRegion = try Table(management, "分区域达成")
        let byEmployee = try Table(management, "分人员达成"), byCustomer = try Table(management, "分客户应收")
        let byProduct = try Table(management, "分产品销售")
        let dashboard = try management.rows(sheet: "仪表盘")
        func kpi(_ label: String) throws -> Double {
            let row = try XCTUnwrap(dashboard.first { $0.first??.text == label }, "no \(label) on the dashboard")
            return try XCTUnwrap(row[1]?.number)
        }

        // 回款: the customers', the groups', the employees' with the leavers' reconciling lines, each region's own.
        let remitted = try money(totals["remitted"])
        var regionRemitted = 0.0, regionSales = 0.0, regionHeadcount = 0
        for (name, doc) in zip(regionFiles, regions) {
            let t = try Table(doc, "人员达成")
            regionRemitted += try t.total("回款额")
            regionSales += try t.total("销售额")
            regionHeadcount += t.body.filter { $0[4]?.text != "离职人员回款" }.count
            XCTAssertEqual(try t.total("回款额"), try t.sum("回款额"), accuracy: 0.005, name)
        }
        assertSame(
            [
                ("close-summary.json", remitted), ("分客户应收", try byCustomer.total("回款额")),
                ("分部门达成", try byDepartment.total("回款额")), ("分区域达成", try byRegion.total("回款额")),
                ("分人员达成", try byEmployee.total("回款额")), ("仪表盘", try kpi("回款额")),
                ("区域报表合计", regionRemitted)
            ], "回款")
        // The demo has a leaver whose customer paid after they left: a named reconciling line says so.
        let leaverLines = byEmployee.body.filter { $0[4]?.text == "离职人员回款" }
        if leavers { XCTAssertFalse(leaverLines.isEmpty, "no reconciling line for a leaver's remittance") }
        XCTAssertTrue(leaverLines.allSatisfy { !($0[1]?.text ?? "").isEmpty }, "a reconciling line names the leaver")
        XCTAssertEqual(try byEmployee.total("回款额"), try byEmployee.sum("回款额"), accuracy: 0.005)

        // 销售额.
        let sales = try money(totals["sales"])
        assertSame(
            [
                ("close-summary.json", sales), ("分部门达成", try byDepartment.total("销售额")),
                ("分区域达成", try byRegion.total("销售额")), ("分人员达成", try byEmployee.total("销售额")),
                ("分客户应收", try byCustomer.total("销售额")), ("分产品销售", try byProduct.total("销售额")),
                ("仪表盘", try kpi("销售额")), ("区域报表合计", regionSales)
            ], "销售额")

        // 偏差: the employees' deviations add up to the groups'.
        assertSame(
            [
                ("分人员达成", try byEmployee.total("回款偏差")), ("分部门达成", try byDepartment.total("回款偏差")),
                ("分区域达成", try byRegion.total("回款偏差")), ("分人员达成 行", try byEmployee.sum("回款偏差"))
            ], "回款偏差")

        // 达成率 in every 合计 row, a formula of that row.
        for t in [byDepartment, byRegion, byEmployee] {
            let c = try t.column("回款达成率")
            let row = try XCTUnwrap(t.rows.first { $0.contains { $0?.text == "合计" } })
            XCTAssertNotNil(row[c]?.formula, "合计 达成率 is a formula")
            XCTAssertEqual(try XCTUnwrap(row[c]?.number), try t.total("回款额") / t.total("回款指标"), accuracy: 1e-9)
        }

        // Headcount: the groups, the employees listed, the summary's active employees; 工资 with those outside pay roles.
        let active = employees.filter { $0["active"] as? Bool == true }.count
        let listed = byEmployee.body.filter { $0[4]?.text != "离职人员回款" }.count
        assertSame(
            [
                ("close-summary.json active", Double(active)), ("分部门达成", try byDepartment.total("人数")),
                ("分区域达成", try byRegion.total("人数")), ("分人员达成 rows", Double(listed)),
                ("区域报表 rows", Double(regionHeadcount))
            ], "人数")
        let pay = try finance.rows(sheet: "工资")
        let paid = pay.filter { ($0.first??.text ?? "").hasPrefix("E") && $0.count > 12 && $0[12]?.number != nil }.count
        let outside = try XCTUnwrap(pay.firstIndex { $0.first??.text?.hasPrefix("不在工资岗位") == true })
        let others = pay[(outside + 2)...].filter { $0.first??.text != nil }.count
        XCTAssertEqual(paid + others, active, "工资 lists \(paid) paid and \(others) outside the pay roles")

        // Finance: 实付, 应发, 核准 against the summary, on the summary sheets and on the slips' faces.
        let reimbursement = try Table(finance, "报销汇总"), paySheet = try Table(finance, "工资")
        let net = try money(totals["net_payable"]), gross = try money(totals["gross_pay"])
        func slipSum(_ sheet: String, label: String, col: Int) throws -> Double {
            try finance.rows(sheet: sheet).filter { $0.first??.text == label }.compactMap { $0[col]?.number }.reduce(0, +)
        }
        assertSame(
            [
                ("close-summary.json", net), ("报销汇总", try reimbursement.total("实付")),
                ("报销单", try slipSum("报销单", label: "实付", col: 4))
            ], "实付")
        assertSame(
            [
                ("报销汇总", try reimbursement.total("应报销")), ("报销单", try slipSum("报销单", label: "应报销", col: 4)),
                (
                    "summary employees",
                    try employees.map { e -> Double in
                        try money(e["expenses_approved"]) + money(e["meal_allowance"]) - money(e["forfeited_expenses"])
                            + money(e["reimbursement_adjustments"])
                    }.reduce(0, +)
                )
            ], "应报销")
        assertSame(
            [
                ("close-summary.json", gross), ("工资", try paySheet.total("应发工资")),
                ("工资条", try slipSum("工资条", label: "应发工资", col: 1))
            ], "应发")
        assertSame(
            [("close-summary.json", try money(totals["expenses_approved"])), ("报销汇总", try reimbursement.total("核准金额"))],
            "核准")
    }
}
