import SalesCore
import XlsxWriter

/// One earlier month for the dashboard's trend line (from the ledger).
public struct TrendPoint: Sendable, Hashable {
    public var period: Period
    public var sales: Money
    public var remitted: Money
    /// The remittance targets summed over the month's employees.
    public var target: Money
    public init(period: Period, sales: Money, remitted: Money, target: Money) {
        self.period = period; self.sales = sales; self.remitted = remitted; self.target = target
    }
}

/// The management workbook (`management-YYYY-MM.xlsx`): the picture of the month the monthly sales
/// meeting asks for (总体销售达成、分区域、分产品、分客户达成, 偏差及原因), who travelled, who followed
/// the plan, the audit flags, and at quarter and year end the reviews. It holds no pay figure.
public enum ManagementWorkbook {
    /// Stable sheet keys, in workbook order.
    public enum Key {
        public static let dashboard = "mgmt_dashboard"
        public static let department = "mgmt_department"
        public static let region = "mgmt_region"
        public static let product = "mgmt_product"
        public static let customer = "mgmt_customer"
        public static let employee = "mgmt_employee"
        public static let travel = "mgmt_travel"
        public static let plans = "mgmt_plans"
        public static let audit = "mgmt_audit"
        public static let quarter = "mgmt_quarter"
        public static let year = "mgmt_year"
    }

    /// Sheet names in both languages (each valid in Excel: ≤ 31 characters, none of `[]:*?/\`).
    public static let sheetNames: [String: Bilingual] = [
        Key.dashboard: Bilingual("仪表盘", "Dashboard"),
        Key.department: Bilingual("分部门达成", "By department"),
        Key.region: Bilingual("分区域达成", "By region"),
        Key.product: Bilingual("分产品销售", "By product"),
        Key.customer: Bilingual("分客户应收", "By customer"),
        Key.employee: Bilingual("分人员达成", "By employee"),
        Key.travel: Bilingual("考勤出差", "Travel"),
        Key.plans: Bilingual("计划与拜访", "Plans & activity"),
        Key.audit: Bilingual("稽核", "Audit flags"),
        Key.quarter: Bilingual("季度考核", "Quarter review"),
        Key.year: Bilingual("年终考核", "Year-end review"),
    ]

    /// `management-2023-03.xlsx`.
    public static func fileName(_ period: Period) -> String { "management-\(period).xlsx" }

    /// Writes the workbook (an ordinary file: no pay figure in it) and reports what a read-back should find.
    @discardableResult
    public static func write(_ r: CloseResult, to path: String, options: ReportOptions, trend: [TrendPoint] = []) throws -> WrittenWorkbook {
        try WorkbookRenderer.write(model(r, lang: options.lang, trend: trend), to: path, options: RenderOptions(
            company: options.company, sheetPassword: nil, constantMemory: options.constantMemory,
            fileMode: nil, maxRowsPerSheet: options.maxRowsPerSheet))
    }

    public static func model(_ r: CloseResult, lang: Lang, trend: [TrendPoint] = []) -> WorkbookModel {
        let b = ManagementBuilder(r: r, lang: lang)
        func name(_ key: String) -> String { sheetNames[key]!(lang) }
        var details = [
            b.departmentSheet(key: Key.department, name: name(Key.department)),
            b.regionSheet(key: Key.region, name: name(Key.region)),
            b.productSheet(key: Key.product, name: name(Key.product)),
            b.customerSheet(key: Key.customer, name: name(Key.customer)),
            b.employeeSheet(key: Key.employee, name: name(Key.employee)),
            b.travelSheet(key: Key.travel, name: name(Key.travel)),
            b.planSheet(key: Key.plans, name: name(Key.plans)),
            b.auditSheet(key: Key.audit, name: name(Key.audit)),
        ]
        if let q = r.quarter { details.append(b.quarterSheet(q, key: Key.quarter, name: name(Key.quarter))) }
        if let y = r.year { details.append(b.yearSheet(y, key: Key.year, name: name(Key.year))) }
        let dashboard = Dashboard(b: b, details: details, trend: trend).sheet(key: Key.dashboard, name: name(Key.dashboard))
        let title = lang == .zh ? "销售月报 \(r.period)" : "Sales management report \(r.period)"
        return WorkbookModel(title: title, subject: r.period.description, created: r.period.lastDay, sheets: [dashboard] + details,
                             company: r.policy.companyName, lang: lang)
    }
}

/// The dashboard: the month's key figures, each a formula on a detail sheet's totals row (with the
/// value cached), and the charts.
struct Dashboard {
    let b: ManagementBuilder
    let details: [SheetModel]
    let trend: [TrendPoint]
    var lang: Lang { b.lang }
    typealias K = ManagementWorkbook.Key

    /// The totals cell of `column` on the sheet `key` as the renderer will write it, with its value.
    func total(_ key: String, _ column: Bilingual) -> (ref: String, cached: CachedValue)? {
        guard let sheet = details.first(where: { $0.key == key }),
              let planned = Layout.plan(sheet, maxRows: Worksheet.maxRows).last,
              let figure = planned.controls.last(where: { $0.kind == .total && $0.column == column(lang) }) else { return nil }
        let cell = figure.cell
        let letters = cell.prefix { $0.isLetter }
        let ref = Worksheet.quoteSheetName(sheet.name) + "!$" + letters + "$" + cell.dropFirst(letters.count)
        return (ref, figure.expected)
    }

    enum Item {
        var label: Bilingual {
            switch self {
            case .total(let l, _, _, _), .ratio(let l, _, _), .count(let l, _, _): return l
            }
        }

        /// A total of a detail sheet.
        case total(Bilingual, sheet: String, column: Bilingual, fallback: CachedValue)
        /// numerator / denominator of two earlier items (by index), as a percentage.
        case ratio(Bilingual, Int, Int)
        /// A count without a sheet total.
        case count(Bilingual, Int, source: Bilingual)
    }

    func sheet(key: String, name: String) -> SheetModel {
        let e = b.employees
        let sum: (KeyPath<EmployeeResult, Money>) -> CachedValue = { kp in .money(e.reduce(Money.zero) { $0 + $1[keyPath: kp] }) }
        let items: [Item] = [
            .total(MH.sales, sheet: K.employee, column: MH.sales, fallback: sum(\.sales)),                                   // 0
            .total(MH.salesTarget, sheet: K.employee, column: MH.salesTarget, fallback: .money(.zero)),                      // 1
            .ratio(MH.salesAttainment, 0, 1),                                                                              // 2
            .total(MH.remitted, sheet: K.employee, column: MH.remitted, fallback: .money(b.r.remittedTotal)),                          // 3
            .total(MH.remittanceTarget, sheet: K.employee, column: MH.remittanceTarget, fallback: .money(.zero)),            // 4
            .ratio(MH.attainment, 3, 4),                                                                                   // 5
            .total(Bilingual("期末应收账款", "Receivables"), sheet: K.customer, column: MH.receivableAfter,
                   fallback: .money(b.r.customers.reduce(Money.zero) { $0 + $1.receivableAfter })),                         // 6
            .total(MH.newOutlets, sheet: K.employee, column: MH.newOutlets, fallback: .integer(e.reduce(0) { $0 + $1.newOutlets })),
            .total(MH.travelDays, sheet: K.travel, column: MH.travelDays, fallback: .integer(e.reduce(0) { $0 + $1.travelDays })),
            .total(MH.verifiedTravelDays, sheet: K.travel, column: MH.verifiedTravelDays,
                   fallback: .integer(e.reduce(0) { $0 + $1.verifiedTravelDays })),
            .total(MH.claimsApproved, sheet: K.travel, column: MH.claimsApproved, fallback: sum(\.expensesApproved)),
            .count(Bilingual("稽核标记人数", "Employees flagged for audit"),
                   e.filter { $0.codes.contains("AUDIT") || $0.codes.contains("AUDIT-FORFEIT") }.count,
                   source: Bilingual("见稽核表", "see Audit flags")),
            .count(Bilingual("出差天数不足人数", "Employees below minimum travel days"),
                   e.filter { $0.codes.contains("ATT-TRAVEL-DAYS-LOW") }.count, source: Bilingual("见考勤出差表", "see Travel")),
            .count(Bilingual("缺交周计划人数", "Employees with a week without plan"),
                   e.filter { !$0.missingPlanWeeks.isEmpty }.count, source: Bilingual("见计划与拜访表", "see Plans & activity")),
        ]
        func sheetName(_ key: String) -> String { details.first { $0.key == key }?.name ?? key }
        var rows: [[CellModel]] = []
        var cached: [CachedValue] = []
        for item in items {
            switch item {
            case let .total(label, sheet, column, fallback):
                if let t = total(sheet, column) {
                    // The source in words (sheet, its total row, the column), not a raw reference.
                    let source = "\(sheetName(sheet)) · \(Vocab.total(lang)) · \(column(lang))"
                    rows.append([.text(label(lang)), .formula(RowFormula(t.ref, cached: t.cached)), .text(source)])
                    cached.append(t.cached)
                } else {
                    rows.append([.text(label(lang)), Self.cell(fallback), .empty])
                    cached.append(fallback)
                }
            case let .ratio(label, n, d):
                let num = items[n].label(lang), den = items[d].label(lang)
                if case .money(let top) = cached[n], case .money(let bottom) = cached[d], bottom.fen > 0 {
                    let value = Double(top.fen) / Double(bottom.fen)
                    // A ratio of the two figures above; a value, since a formula's cache is shown as a decimal.
                    rows.append([.text(label(lang)), .percent(value), .text("\(num) ÷ \(den)")])
                    cached.append(.number(value))
                } else {
                    rows.append([.text(label(lang)), .empty, .text("\(num) ÷ \(den)")])
                    cached.append(.number(0))
                }
            case let .count(label, n, source):
                rows.append([.text(label(lang)), .integer(n), .text(source(lang))])
                cached.append(.integer(n))
            }
        }
        let note = lang == .zh
            ? "\(b.r.period) 月度销售例会：总体销售达成、分区域、分产品、分客户达成及偏差（不含工资、提成数据）"
            : "\(b.r.period) monthly sales meeting: overall, by region, by product and by customer, with deviations (no pay figures)"
        let table = TableModel(columns: [ColumnModel(MH.figure(lang), .text), ColumnModel(MH.value(lang), .text, width: 18),
                                         ColumnModel(MH.source(lang), .text)], rows: rows)
        var appendix: [TableModel] = []
        if !trend.isEmpty {
            var points = trend.filter { $0.period < b.r.period }.sorted { $0.period < $1.period }
            // This month as SalesCore sums it (the leavers' remittances included), whatever the caller passed for it.
            let company = b.r.companyAchievement
            points.append(TrendPoint(period: b.r.period, sales: company.sales, remitted: company.remitted,
                                     target: company.remittanceTarget ?? .zero))
            appendix.append(TableModel(
                title: lang == .zh ? "近几个月走势" : "Recent months",
                columns: [ColumnModel(MH.month(lang), .text), ColumnModel(MH.sales(lang), .money, summed: false),
                          ColumnModel(MH.remitted(lang), .money, summed: false), ColumnModel(MH.remittanceTarget(lang), .money, summed: false),
                          ColumnModel(MH.attainment(lang), .percent, attainment: true)],
                rows: points.map { p in
                    [.text(p.period.description), .money(p.sales), .money(p.remitted), .money(p.target),
                     .percent(ManagementBuilder.ratio(p.remitted, p.target))]
                }))
        }
        var sheet = SheetModel(key: key, name: name, notes: [note], table: table, appendix: appendix, autofilter: false)
        sheet.charts = charts()
        return sheet
    }

    static func cell(_ v: CachedValue) -> CellModel {
        switch v {
        case .money(let m): return .money(m)
        case .integer(let n): return .integer(n)
        case .number(let d): return .decimal(d)
        case .ratio(let d): return .percent(d)
        }
    }

    /// Colours: targets grey, remittances blue, sales orange.
    static let targetColor: UInt32 = 0xA5A5A5
    static let remittedColor: UInt32 = 0x4472C4
    static let salesColor: UInt32 = 0xED7D31

    /// The charts to the right of the key figures, two per line.
    func charts() -> [ChartModel] {
        let t: (Bilingual) -> String = { $0(lang) }
        // By region: 0 region, 1 headcount, 2 target, 3 remitted, 4 attainment, …, 6 sales target, 7 sales, 8 sales attainment.
        let regionGroups = b.grouped(by: { b.regionName($0.region) }, leaverKey: { b.regionName($0.region) })
        let highest = regionGroups.flatMap { g in
            [ManagementBuilder.ratio(g.figures.remitted, g.figures.remittanceTarget),
             ManagementBuilder.ratio(g.figures.sales, g.figures.salesTarget)].compactMap { $0 }
        }.max() ?? 0
        let axisMax = max(1.2, (highest / 0.2).rounded(.up) * 0.2)
        var list: [ChartModel] = [
            ChartModel(type: .bar, title: t(Bilingual("分区域达成率（80%、100%为网格线）", "Attainment by region (80% and 100% gridlines)")),
                       series: [
                           ChartSeriesModel(name: t(MH.attainment), categories: ChartSource(sheetKey: K.region, column: 0),
                                            values: ChartSource(sheetKey: K.region, column: 4), color: Self.remittedColor),
                           ChartSeriesModel(name: t(MH.salesAttainment), categories: ChartSource(sheetKey: K.region, column: 0),
                                            values: ChartSource(sheetKey: K.region, column: 8), color: Self.salesColor),
                       ],
                       valueAxis: ChartModel.attainmentAxis(name: nil, max: axisMax),
                       categoryAxis: AxisOptions(reverse: true), row: 0, col: 0),
            ChartModel(type: .column, title: t(Bilingual("分产品销售额", "Sales by product")),
                       series: [ChartSeriesModel(name: t(MH.sales), categories: ChartSource(sheetKey: K.product, column: 0),
                                                 values: ChartSource(sheetKey: K.product, column: 3), color: Self.salesColor)],
                       valueAxis: AxisOptions(numberFormat: "¥#,##0", majorGridlines: true), legend: .none, row: 0, col: 0),
            ChartModel(type: .column, title: t(Bilingual("各人员回款与回款指标", "Remitted vs target by employee")),
                       series: [
                           ChartSeriesModel(name: t(MH.remittanceTarget), categories: ChartSource(sheetKey: K.employee, column: 1),
                                            values: ChartSource(sheetKey: K.employee, column: ManagementBuilder.employeeFirstFigure),
                                            color: Self.targetColor),
                           ChartSeriesModel(name: t(MH.remitted), categories: ChartSource(sheetKey: K.employee, column: 1),
                                            values: ChartSource(sheetKey: K.employee, column: ManagementBuilder.employeeFirstFigure + 1),
                                            color: Self.remittedColor),
                       ],
                       valueAxis: AxisOptions(numberFormat: "¥#,##0", majorGridlines: true), row: 0, col: 0),
        ]
        if !trend.isEmpty {
            let month = ChartSource(sheetKey: K.dashboard, table: 1, column: 0)
            list.append(ChartModel(type: .line, title: t(Bilingual("近几个月销售与回款走势", "Sales and remittances, recent months")),
                                   series: [
                                       ChartSeriesModel(name: t(MH.sales), categories: month,
                                                        values: ChartSource(sheetKey: K.dashboard, table: 1, column: 1), color: Self.salesColor),
                                       ChartSeriesModel(name: t(MH.remitted), categories: month,
                                                        values: ChartSource(sheetKey: K.dashboard, table: 1, column: 2), color: Self.remittedColor),
                                       ChartSeriesModel(name: t(MH.remittanceTarget), categories: month,
                                                        values: ChartSource(sheetKey: K.dashboard, table: 1, column: 3), color: Self.targetColor),
                                   ],
                                   valueAxis: AxisOptions(numberFormat: "¥#,##0", majorGridlines: true), row: 0, col: 0))
        }
        // To the right of the tables (column F: the trend table takes A–E). Line 1: attainment by region
        // (taller with many regions) and sales by product; then remitted vs target by employee (wider with
        // many employees); then the trend. A chart is 480 × 288 px at scale 1; a row is 20 px.
        let regions = Double(regionGroups.count), people = Double(b.employees.count)
        list[0].yScale = max(1, min(4, regions / 8))
        list[2].xScale = max(1, min(2.05, people / 20))
        func rows(_ c: ChartModel) -> Int { Int((288 * c.yScale / 20).rounded(.up)) + 1 }
        list[0].row = 1; list[0].col = 5
        list[1].row = 1; list[1].col = 5; list[1].xOffset = 500
        list[2].row = 1 + max(rows(list[0]), rows(list[1])); list[2].col = 5
        if list.count > 3 { list[3].row = list[2].row + rows(list[2]); list[3].col = 5 }
        return list
    }
}
