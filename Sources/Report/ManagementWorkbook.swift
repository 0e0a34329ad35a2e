import SalesCore
import XlsxWriter

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
        Key.year: Bilingual("年终考核", "Year-end review")
    ]

    /// `management-2023-03.xlsx`.
    public static func fileName(_ period: Period) -> String { "management-\(period).xlsx" }

    /// Writes the workbook (an ordinary file: no pay figure in it) and reports what a read-back should find.
    @discardableResult
    public static func write(_ r: CloseResult, to path: String, options: ReportOptions, trend: [TrendPoint] = []) throws -> WrittenWorkbook {
        try WorkbookRenderer.write(
            model(r, lang: options.lang, trend: trend), to: path,
            options: RenderOptions(
                company: options.company, sheetPassword: nil, constantMemory: options.constantMemory,
                fileMode: nil, maxRowsPerSheet: options.maxRowsPerSheet, progress: options.progress))
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
            b.auditSheet(key: Key.audit, name: name(Key.audit))
        ]
        if let q = r.quarter { details.append(b.quarterSheet(q, key: Key.quarter, name: name(Key.quarter))) }
        if let y = r.year { details.append(b.yearSheet(y, key: Key.year, name: name(Key.year))) }
        let dashboard = Dashboard(b: b, details: details, trend: trend).sheet(key: Key.dashboard, name: name(Key.dashboard))
        let title = lang == .zh ? "销售月报 \(r.period)" : "Sales management report \(r.period)"
        return WorkbookModel(
            title: title, subject: r.period.description, created: r.period.lastDay, sheets: [dashboard] + details,
            company: r.policy.companyName, lang: lang)
    }
}

/// The dashboard: the month's key figures, each a formula on a detail sheet's totals row (with the
/// value cached), and the charts.
/// The dashboard for the monthly sales meeting (篇1/篇3: 总体达成, 分区域, 分产品, 分客户): the key figures with last
/// month and the change, regions ranked by attainment, the ten best and ten weakest people, the largest
/// receivables, new outlets by region and the trend, with native charts whose bars are coloured by band.
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
            let figure = planned.controls.last(where: { $0.kind == .total && $0.column == column(lang) })
        else { return nil }
        let cell = figure.cell
        let letters = cell.prefix { $0.isLetter }
        let ref = Worksheet.quoteSheetName(sheet.name) + "!$" + letters + "$" + cell.dropFirst(letters.count)
        return (ref, figure.expected)
    }

    enum Item {
        /// A total of a detail sheet, with last month's figure when the ledger has it.
        case total(Bilingual, sheet: String, column: Bilingual, fallback: CachedValue, last: CachedValue?)
        /// numerator / denominator of two earlier items (by index), as a percentage; last month's ratio.
        case ratio(Bilingual, Int, Int, last: Double?)
        /// A count without a sheet total.
        case count(Bilingual, Int, source: Bilingual)

        var label: Bilingual {
            switch self {
            case .total(let l, _, _, _, _), .ratio(let l, _, _, _), .count(let l, _, _): return l
            }
        }
    }

    /// The month before this one in the trend (the ledger's), if closed.
    var lastMonth: TrendPoint? { trend.filter { $0.period < b.r.period }.max { $0.period < $1.period } }

    /// The KPI block starts on this physical row (title, note, header above it).
    static let firstItemRow = 3

    func sheet(key: String, name: String) -> SheetModel {
        let e = b.employees
        let company = b.r.companyAchievement
        let last = lastMonth
        let lastAttainment = last.flatMap { Achievement.ratio($0.remitted, $0.target) }
        let lastSalesAttainment = last.flatMap { p in p.salesTarget.flatMap { Achievement.ratio(p.sales, $0) } }
        let items: [Item] = [
            .total(MH.sales, sheet: K.employee, column: MH.sales, fallback: .money(company.sales), last: last.map { .money($0.sales) }),  // 0
            .total(
                MH.salesTarget, sheet: K.employee, column: MH.salesTarget, fallback: .money(.zero),
                last: last?.salesTarget.map { .money($0) }),  // 1
            .ratio(MH.salesAttainment, 0, 1, last: lastSalesAttainment),  // 2
            .total(
                MH.remitted, sheet: K.employee, column: MH.remitted, fallback: .money(company.remitted),
                last: last.map { .money($0.remitted) }),  // 3
            .total(
                MH.remittanceTarget, sheet: K.employee, column: MH.remittanceTarget, fallback: .money(.zero),
                last: last.map { .money($0.target) }),  // 4
            .ratio(MH.attainment, 3, 4, last: lastAttainment),  // 5
            .total(
                Bilingual("期末应收账款", "Receivables"), sheet: K.customer, column: MH.receivableAfter,
                fallback: .money(b.r.receivablesAfter), last: last.map { _ in .money(b.r.receivablesBefore) }),  // 6
            .total(
                MH.newOutlets, sheet: K.employee, column: MH.newOutlets, fallback: .integer(company.newOutlets),
                last: last?.newOutlets.map { .integer($0) }),
            .total(
                MH.travelDays, sheet: K.travel, column: MH.travelDays, fallback: .integer(e.reduce(0) { $0 + $1.travelDays }),
                last: last?.travelDays.map { .integer($0) }),
            .total(
                MH.verifiedTravelDays, sheet: K.travel, column: MH.verifiedTravelDays,
                fallback: .integer(e.reduce(0) { $0 + $1.verifiedTravelDays }), last: nil),
            .total(
                MH.claimsApproved, sheet: K.travel, column: MH.claimsApproved,
                fallback: .money(e.map(\.expensesApproved).sum()), last: nil),
            .count(
                Bilingual("稽核标记人数", "Employees flagged for audit"),
                e.filter { $0.codes.contains(.audit) || $0.codes.contains(.auditForfeit) }.count,
                source: Bilingual("见稽核表", "see Audit flags")),
            .count(
                Bilingual("出差天数不足人数", "Employees below minimum travel days"),
                e.filter { $0.codes.contains(.attTravelDaysLow) }.count, source: Bilingual("见考勤出差表", "see Travel")),
            .count(
                Bilingual("缺交周计划人数", "Employees with a week without plan"),
                e.filter { !$0.missingPlanWeeks.isEmpty }.count, source: Bilingual("见计划与拜访表", "see Plans & activity"))
        ]
        func sheetName(_ key: String) -> String { details.first { $0.key == key }?.name ?? key }
        func change(_ now: CachedValue, _ before: CachedValue?) -> CellModel {
            guard let before else { return .empty }
            switch (now, before) {
            case let (.money(a), .money(b)): return .formula(RowFormula("{1}-{2}", cached: .money(a - b)))
            case let (.integer(a), .integer(b)): return .formula(RowFormula("{1}-{2}", cached: .integer(a - b)))
            case let (.ratio(a), .ratio(b)): return .formula(RowFormula("{1}-{2}", cached: .ratio(a - b)))
            default: return .empty
            }
        }
        var rows: [[CellModel]] = []
        var cached: [CachedValue] = []
        for item in items {
            switch item {
            case let .total(label, sheet, column, fallback, last):
                let lastCell = last.map(Self.cell) ?? .empty
                if let t = total(sheet, column) {
                    // The source in words (sheet, its total row, the column), not a raw reference.
                    let source = "\(sheetName(sheet)) · \(Vocab.total(lang)) · \(column(lang))"
                    rows.append([
                        .text(label(lang)), .formula(RowFormula(t.ref, cached: t.cached)), lastCell,
                        change(t.cached, last), .text(source)
                    ])
                    cached.append(t.cached)
                } else {
                    rows.append([.text(label(lang)), Self.cell(fallback), lastCell, change(fallback, last), .empty])
                    cached.append(fallback)
                }
            case let .ratio(label, n, d, last):
                let words = "\(items[n].label(lang)) ÷ \(items[d].label(lang))"
                if case .money(let top) = cached[n], case .money(let bottom) = cached[d], let value = Achievement.ratio(top, bottom) {
                    // A formula of the two figures above, shown as a percentage.
                    let formula =
                        Worksheet.cellName(row: Self.firstItemRow + n, col: 1) + "/"
                        + Worksheet.cellName(row: Self.firstItemRow + d, col: 1)
                    rows.append([
                        .text(label(lang)), .formula(RowFormula(formula, cached: .ratio(value))), .percent(last),
                        change(.ratio(value), last.map { .ratio($0) }), .text(words)
                    ])
                    cached.append(.ratio(value))
                } else {
                    rows.append([.text(label(lang)), .empty, .percent(last), .empty, .text(words)])
                    cached.append(.ratio(0))
                }
            case let .count(label, n, source):
                rows.append([.text(label(lang)), .integer(n), .empty, .empty, .text(source(lang))])
                cached.append(.integer(n))
            }
        }
        let note =
            lang == .zh
            ? "\(b.r.period) 月度销售例会：总体销售达成、分区域、分产品、分客户达成及偏差（不含工资、提成数据）"
            : "\(b.r.period) monthly sales meeting: overall, by region, by product and by customer, with deviations (no pay figures)"
        let table = TableModel(
            columns: [
                ColumnModel(MH.figure(lang), .text), ColumnModel(MH.value(lang), .text),
                ColumnModel(MH.lastMonth(lang), .text), ColumnModel(MH.change(lang), .text),
                ColumnModel(MH.source(lang), .text)
            ], rows: rows)
        var sheet = SheetModel(key: key, name: name, notes: [note], table: table, appendix: appendix(), autofilter: false)
        sheet.charts = charts()
        return sheet
    }

    // MARK: The tables below the key figures

    /// Regions by attainment, highest first (no target last), as SalesCore sums them (leavers' remittances included).
    var rankedRegions: [(key: String, figures: Achievement)] {
        let groups = b.grouped(by: { b.regionName($0.region) }, leaverKey: { b.regionName($0.region) })
        return groups.enumerated().sorted { x, y in
            switch (x.element.figures.attainment, y.element.figures.attainment) {
            case let (a?, c?): return a != c ? a > c : x.offset < y.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return x.offset < y.offset
            }
        }.map(\.element)
    }

    /// Employees with a target, by attainment: the best `count` (descending) or the weakest (ascending).
    func people(best: Bool, count: Int = 10) -> [EmployeeResult] {
        let rated = b.employees.enumerated().compactMap { i, e in Achievement.of(e).attainment.map { (i, e, $0) } }
        let sorted = rated.sorted { x, y in x.2 != y.2 ? (best ? x.2 > y.2 : x.2 < y.2) : x.0 < y.0 }
        return sorted.prefix(count).map(\.1)
    }

    var rankedCustomers: [CustomerResult] {
        b.r.customers.filter { $0.receivableAfter.fen > 0 }.sorted { a, c in
            a.receivableAfter != c.receivableAfter
                ? a.receivableAfter > c.receivableAfter
                : a.customerId.unicodeScalars.lexicographicallyPrecedes(c.customerId.unicodeScalars)
        }
    }

    /// The month points of the trend, this month as SalesCore sums it.
    var trendPoints: [TrendPoint] {
        var points = trend.filter { $0.period < b.r.period }.sorted { $0.period < $1.period }
        let company = b.r.companyAchievement
        points.append(
            TrendPoint(
                period: b.r.period, sales: company.sales, remitted: company.remitted,
                target: company.remittanceTarget ?? .zero))
        return points
    }

    /// Appendix tables, in order: 1 regions, 2 best ten, 3 weakest ten, 4 receivables, 5 new outlets, 6 trend.
    func appendix() -> [TableModel] {
        let t: (Bilingual) -> String = { $0(lang) }
        let rank = ColumnModel(MH.rank(lang), .integer, summed: false)
        let regions = rankedRegions
        var tables: [TableModel] = []
        tables.append(
            TableModel(
                title: t(
                    Bilingual(
                        "分区域回款达成（按达成率排序；红：低于80%，黄：80%–100%，绿：100%以上）",
                        "Regions by attainment (red below 80%, amber to 100%, green at or above)")),
                columns: [
                    rank, ColumnModel(MH.region(lang), .text), ColumnModel(MH.headcount(lang), .integer, summed: true),
                    ColumnModel(MH.remittanceTarget(lang), .money), ColumnModel(MH.remitted(lang), .money),
                    ColumnModel(MH.attainment(lang), .percent, attainment: true, ratioOf: (4, 3)),
                    ColumnModel(MH.deviation(lang), .money)
                ],
                rows: regions.enumerated().map { i, g in
                    [
                        .integer(i + 1), .text(g.key), .integer(g.figures.headcount), .money(g.figures.remittanceTarget),
                        .money(g.figures.remitted), .percent(g.figures.attainment),
                        .formula(RowFormula("{4}-{3}", cached: .money(g.figures.deviation)))
                    ]
                }, totals: TotalsSpec(label: Vocab.total(lang), labelColumn: 1)))
        for best in [true, false] {
            let list = people(best: best)
            tables.append(
                TableModel(
                    title: best ? t(Bilingual("人员回款达成前十名", "Ten best attainments")) : t(Bilingual("人员回款达成后十名", "Ten weakest attainments")),
                    columns: [
                        rank, ColumnModel(MH.name(lang), .text), ColumnModel(MH.region(lang), .text),
                        ColumnModel(MH.remittanceTarget(lang), .money, summed: false), ColumnModel(MH.remitted(lang), .money, summed: false),
                        ColumnModel(MH.attainment(lang), .percent, attainment: true)
                    ],
                    rows: list.enumerated().map { i, e in
                        let f = Achievement.of(e)
                        return [
                            .integer(i + 1), .text(e.name), .text(b.regionName(e.region)), .money(f.remittanceTarget),
                            .money(f.remitted), .percent(f.attainment)
                        ]
                    }))
        }
        tables.append(
            TableModel(
                title: t(Bilingual("期末应收账款最多的十家客户", "The ten largest receivables")),
                columns: [
                    rank, ColumnModel(MH.customerId(lang), .id), ColumnModel(MH.customerName(lang), .text),
                    ColumnModel(MH.regions(lang), .text), ColumnModel(MH.receivableAfter(lang), .money, summed: false)
                ],
                rows: rankedCustomers.prefix(10).enumerated().map { i, c in
                    [
                        .integer(i + 1), .id(c.customerId), .text(c.name), .text(c.regions.joined(separator: lang == .zh ? "、" : ", ")),
                        .money(c.receivableAfter)
                    ]
                }))
        let byRegion = b.grouped(by: { b.regionName($0.region) }, leaverKey: { _ in nil })
        tables.append(
            TableModel(
                title: t(Bilingual("新开网点（分区域）", "New outlets by region")),
                columns: [
                    ColumnModel(MH.region(lang), .text), ColumnModel(MH.newOutletsTarget(lang), .integer, summed: true),
                    ColumnModel(MH.newOutlets(lang), .integer, summed: true), ColumnModel(MH.outletsAttainment(lang), .percent)
                ],
                rows: byRegion.map { g in
                    [.text(g.key), .integer(g.figures.newOutletsTarget), .integer(g.figures.newOutlets), .percent(g.figures.newOutletsAttainment)]
                }, totals: TotalsSpec(label: Vocab.total(lang))))
        if !trend.isEmpty {
            tables.append(
                TableModel(
                    title: t(Bilingual("近几个月走势", "Recent months")),
                    columns: [
                        ColumnModel(MH.month(lang), .text), ColumnModel(MH.sales(lang), .money, summed: false),
                        ColumnModel(MH.remitted(lang), .money, summed: false),
                        ColumnModel(MH.remittanceTarget(lang), .money, summed: false),
                        ColumnModel(MH.attainment(lang), .percent, attainment: true)
                    ],
                    rows: trendPoints.map { p in
                        [
                            .text(p.period.description), .money(p.sales), .money(p.remitted), .money(p.target),
                            .percent(Achievement.ratio(p.remitted, p.target))
                        ]
                    }))
        }
        return tables
    }

    static func cell(_ v: CachedValue) -> CellModel {
        switch v {
        case .money(let m): return .money(m)
        case .integer(let n): return .integer(n)
        case .number(let d): return .decimal(d)
        case .ratio(let d): return .percent(d)
        }
    }

    static func bandColor(_ band: AttainmentBand) -> UInt32 {
        switch band {
        case .noTarget: return targetColor
        case .below80: return ChartModel.red
        case .below100: return ChartModel.amber
        case .reached: return ChartModel.green
        }
    }

    /// Colours: targets grey, remittances blue, sales orange.
    static let targetColor: UInt32 = 0xA5A5A5
    static let remittedColor: UInt32 = 0x4472C4
    static let salesColor: UInt32 = 0xED7D31

    /// The charts to the right of the tables: attainment by region and of the best and weakest ten, each bar
    /// coloured by its band (libxlsxwriter 1.1.4 has no combined charts: the colours mark 80% and 100%);
    /// sales by product (the ten largest); the trend. None has more than 30 categories.
    func charts() -> [ChartModel] {
        let t: (Bilingual) -> String = { $0(lang) }
        let regions = rankedRegions
        let shownRegions = Array(regions.prefix(ChartSource.maxCategories))
        let best = people(best: true), weakest = people(best: false)
        let highest = (shownRegions.compactMap(\.figures.attainment) + (best + weakest).compactMap { Achievement.of($0).attainment }).max() ?? 0
        let axisMax = max(1.2, (highest / 0.2).rounded(.up) * 0.2)
        func attainmentChart(_ title: Bilingual, table: Int, bands: [AttainmentBand]) -> ChartModel {
            ChartModel(
                type: .bar, title: t(title),
                series: [
                    ChartSeriesModel(
                        name: t(MH.attainment), categories: ChartSource(sheetKey: K.dashboard, table: table, column: 1),
                        values: ChartSource(sheetKey: K.dashboard, table: table, column: 5),
                        color: Self.remittedColor, pointColors: bands.map(Self.bandColor))
                ],
                valueAxis: ChartModel.attainmentAxis(name: nil, max: axisMax),
                categoryAxis: AxisOptions(reverse: true), legend: .none, row: 0, col: 0)
        }
        var regionChart = attainmentChart(
            Bilingual(
                "分区域回款达成率（红 <80%，黄 80%–100%，绿 ≥100%）",
                "Attainment by region (red <80%, amber 80–100%, green ≥100%)"),
            table: 1, bands: shownRegions.map(\.figures.band))
        var bestChart = attainmentChart(
            Bilingual("人员回款达成前十名", "Ten best attainments"), table: 2,
            bands: best.map { Achievement.of($0).band })
        var weakestChart = attainmentChart(
            Bilingual("人员回款达成后十名", "Ten weakest attainments"), table: 3,
            bands: weakest.map { Achievement.of($0).band })
        var productChart = ChartModel(
            type: .column, title: t(Bilingual("分产品销售额（前十）", "Sales by product (largest ten)")),
            series: [
                ChartSeriesModel(
                    name: t(MH.sales), categories: ChartSource(sheetKey: K.product, column: 0, limit: 10),
                    values: ChartSource(sheetKey: K.product, column: 3, limit: 10),
                    color: Self.salesColor)
            ],
            valueAxis: AxisOptions(numberFormat: "¥#,##0", majorGridlines: true), legend: .none, row: 0, col: 0)
        // A chart is 480 × 288 px at scale 1; a row is 20 px. Charts stand to the right of the tables (column H on).
        func rows(_ c: ChartModel) -> Int { Int((288 * c.yScale / 20).rounded(.up)) + 1 }
        regionChart.yScale = max(1, min(3, Double(shownRegions.count) / 10))
        bestChart.yScale = 1.25; weakestChart.yScale = 1.25  // room for all ten names
        regionChart.row = 1; regionChart.col = 7
        bestChart.row = 1; bestChart.col = 7; bestChart.xOffset = 500
        weakestChart.row = 1 + rows(bestChart); weakestChart.col = 7; weakestChart.xOffset = 500
        productChart.row = 1 + max(rows(regionChart), rows(bestChart) + rows(weakestChart)); productChart.col = 7
        var list = [regionChart, bestChart, weakestChart, productChart]
        if !trend.isEmpty {
            let month = ChartSource(sheetKey: K.dashboard, table: 6, column: 0)
            list.append(
                ChartModel(
                    type: .line, title: t(Bilingual("近几个月销售与回款走势", "Sales and remittances, recent months")),
                    series: [
                        ChartSeriesModel(
                            name: t(MH.sales), categories: month,
                            values: ChartSource(sheetKey: K.dashboard, table: 6, column: 1), color: Self.salesColor),
                        ChartSeriesModel(
                            name: t(MH.remitted), categories: month,
                            values: ChartSource(sheetKey: K.dashboard, table: 6, column: 2), color: Self.remittedColor),
                        ChartSeriesModel(
                            name: t(MH.remittanceTarget), categories: month,
                            values: ChartSource(sheetKey: K.dashboard, table: 6, column: 3), color: Self.targetColor)
                    ],
                    valueAxis: AxisOptions(numberFormat: "¥#,##0", majorGridlines: true),
                    row: productChart.row, col: 7, xOffset: 500))
        }
        return list
    }
}
