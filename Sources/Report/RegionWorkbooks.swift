import Foundation
import SalesCore
import XlsxWriter

/// One workbook per roster region (`regions/<region>-YYYY-MM.xlsx`) for the region's manager: its
/// employees' achievement, travel, plans and flags, its order lines and remittances, and its customers
/// with the region's own figures. Nothing of another region, no pay figure, no receivable balance
/// (a balance runs across every region that served the customer).
public enum RegionWorkbooks {
    public enum Key {
        public static let employees = "region_employees"
        public static let orderLines = "region_order_lines"
        public static let remittances = "region_remittances"
        public static let customers = "region_customers"
        public static let travel = "region_travel"
        public static let plans = "region_plans"
        public static let audit = "region_audit"
        public static let quarter = "region_quarter"
        public static let year = "region_year"
    }

    public static let sheetNames: [String: Bilingual] = [
        Key.employees: Bilingual("人员达成", "Employees"),
        Key.orderLines: Bilingual("订单明细", "Order lines"),
        Key.remittances: Bilingual("回款明细", "Remittances"),
        Key.customers: Bilingual("客户", "Customers"),
        Key.travel: Bilingual("考勤出差", "Travel"),
        Key.plans: Bilingual("计划与拜访", "Plans & activity"),
        Key.audit: Bilingual("稽核", "Audit flags"),
        Key.quarter: Bilingual("季度考核", "Quarter review"),
        Key.year: Bilingual("年终考核", "Year-end review")
    ]

    /// The regions of the employees, in roster order (first appearance).
    public static func regions(_ r: CloseResult) -> [String] {
        var seen = Set<String>()
        return r.employees.map(\.region).filter { seen.insert($0).inserted }
    }

    /// The workbook of one region.
    public static func model(_ r: CloseResult, region: String, lang: Lang, index: ReportIndex? = nil) -> WorkbookModel {
        let b = ManagementBuilder(r: r, lang: lang, region: region, index: index)
        func name(_ key: String) -> String { sheetNames[key]!(lang) }
        var sheets = [
            b.employeeSheet(key: Key.employees, name: name(Key.employees)),
            b.orderLinesSheet(key: Key.orderLines, name: name(Key.orderLines)),
            b.remittanceSheet(key: Key.remittances, name: name(Key.remittances)),
            b.regionCustomerSheet(key: Key.customers, name: name(Key.customers)),
            b.travelSheet(key: Key.travel, name: name(Key.travel)),
            b.planSheet(key: Key.plans, name: name(Key.plans)),
            b.auditSheet(key: Key.audit, name: name(Key.audit))
        ]
        if let q = r.quarter { sheets.append(b.quarterSheet(q, key: Key.quarter, name: name(Key.quarter))) }
        if let y = r.year { sheets.append(b.yearSheet(y, key: Key.year, name: name(Key.year))) }
        let shown = b.regionName(region)
        sheets[0].notes = [
            lang == .zh
                ? "\(shown) \(r.period) 区域销售达成（仅本区域，不含工资、提成数据）"
                : "\(shown) \(r.period): this region only, no pay figures"
        ]
        let title = lang == .zh ? "区域月报 \(shown) \(r.period)" : "Region report \(shown) \(r.period)"
        var model = WorkbookModel(
            title: title, subject: r.period.description, created: r.period.lastDay, sheets: sheets,
            company: r.policy.companyName, lang: lang)
        model.scope = shown
        return model
    }

    /// The file names of the regions, in order: `regions/<safe name>-YYYY-MM.xlsx`, unique ignoring case.
    public static func fileNames(_ r: CloseResult) -> [(region: String, file: String)] {
        var used = Set<String>()
        return regions(r).map { region in
            let base =
                FileNameLimit.cut(safeFileStem(region.isEmpty ? "region" : region), hashing: region, reserving: FileNameLimit.regionSuffixBytes)
                + "-\(r.period)"
            var stem = base
            var n = 2
            while used.contains(stem.lowercased()) { stem = base + "-\(n)"; n += 1 }
            used.insert(stem.lowercased())
            return (region, "regions/" + stem + ".xlsx")
        }
    }

    /// A file-name stem safe on Windows, macOS and Linux: CJK kept; `/ \ : * ? " < > |` and control
    /// characters become `_`; leading and trailing dots and spaces are trimmed; Windows device names
    /// (CON, NUL, COM1 …) get a `_`; at most 100 characters; never empty.
    public static func safeFileStem(_ text: String) -> String {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var out = String(
            text.map { ch -> Character in
                if forbidden.contains(ch) { return "_" }
                if ch.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { return "_" }
                return ch
            })
        out = String(out.prefix(100))
        let trim: (Character) -> Bool = { $0 == "." || $0 == " " || $0 == "\u{3000}" }
        while let f = out.first, trim(f) { out.removeFirst() }
        while let l = out.last, trim(l) { out.removeLast() }
        if out.isEmpty { out = "region" }
        let device = out.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        let reserved = ["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] }
        if reserved.contains(device) { out = "_" + out }
        return out
    }

    /// Writes one region's workbook to `path` (its folder must exist); regions are independent, so callers may
    /// write several at once on different threads (the order lines stream from the close's line store).
    public static func writeOne(
        _ r: CloseResult, region: String, to path: String, options: ReportOptions,
        index: ReportIndex? = nil
    ) throws -> WrittenWorkbook {
        try WorkbookRenderer.write(
            model(r, region: region, lang: options.lang, index: index), to: path,
            options: RenderOptions(
                company: options.company, sheetPassword: nil, constantMemory: options.constantMemory,
                fileMode: nil, maxRowsPerSheet: options.maxRowsPerSheet, progress: options.progress))
    }
}
