import SalesCore
import XlsxWriter

/// Labels of the management and region workbooks, in the voice of the monthly sales meeting
/// (篇1–篇3: 总体销售达成、分区域、分产品、分客户达成, 偏差及原因).
enum MH {
    static let employeeId = Bilingual("员工编号", "Employee ID")
    static let name = Bilingual("姓名", "Name")
    static let department = Bilingual("部门", "Department")
    static let region = Bilingual("区域", "Region")
    static let role = Bilingual("岗位", "Role")
    static let headcount = Bilingual("人数", "Headcount")
    static let remittanceTarget = Bilingual("回款指标", "Remittance target")
    static let remitted = Bilingual("回款额", "Remitted")
    static let attainment = Bilingual("回款达成率", "Remittance attainment")
    static let deviation = Bilingual("回款偏差", "Remittance deviation")
    static let salesTarget = Bilingual("销售指标", "Sales target")
    static let sales = Bilingual("销售额", "Sales")
    static let salesAttainment = Bilingual("销售达成率", "Sales attainment")
    static let salesDeviation = Bilingual("销售偏差", "Sales deviation")
    static let newOutletsTarget = Bilingual("网点开发指标", "New outlets target")
    static let newOutlets = Bilingual("新开网点", "New outlets")
    static let codes = Bilingual("代码", "Codes")
    static let reasons = Bilingual("说明", "Explanation")
    static let product = Bilingual("产品", "Product")
    static let orderLines = Bilingual("订单行数", "Order lines")
    static let quantity = Bilingual("数量", "Quantity")
    static let share = Bilingual("销售占比", "Share of sales")
    static let customerId = Bilingual("客户编号", "Customer ID")
    static let customerName = Bilingual("客户名称", "Customer")
    static let regions = Bilingual("服务区域", "Regions serving")
    static let receivableBefore = Bilingual("期初应收", "Receivable before")
    static let receivableAfter = Bilingual("期末应收", "Receivable after")
    static let travelDays = Bilingual("出差天数", "Travel days")
    static let verifiedTravelDays = Bilingual("核实出差天数", "Verified travel days")
    static let minTravelDays = Bilingual("最少出差天数", "Minimum travel days")
    static let travelLow = Bilingual("出差天数不足", "Travel days low")
    static let unverifiedDates = Bilingual("未核实出差日期", "Unverified travel dates")
    static let claimsApproved = Bilingual("核准报销", "Claims approved")
    static let missingWeeks = Bilingual("缺交计划周数", "Weeks without plan")
    static let missingWeekStarts = Bilingual("缺交计划的周（周一）", "Weeks without plan (Mondays)")
    static let planLowDays = Bilingual("计划低于拜访标准天数", "Plan below standard (days)")
    static let workingDays = Bilingual("工作日", "Working days")
    static let daysMet = Bilingual("拜访达标天数", "Days meeting standard")
    static let activityShare = Bilingual("拜访达标率", "Activity share")
    static let daysBelow = Bilingual("拜访未达标天数", "Days below standard")
    static let file = Bilingual("文件", "File")
    static let line = Bilingual("行号", "Line")
    static let date = Bilingual("日期", "Date")
    static let category = Bilingual("费用类别", "Category")
    static let city = Bilingual("城市", "City")
    static let claimed = Bilingual("报销金额", "Claimed")
    static let approved = Bilingual("核准金额", "Approved")
    static let orderId = Bilingual("订单号", "Order")
    static let lineNo = Bilingual("订单行", "Order line")
    static let unitPrice = Bilingual("单价", "Unit price")
    static let computed = Bilingual("数量×单价", "Quantity × price")
    static let difference = Bilingual("差额", "Difference")
    static let receiptNo = Bilingual("回款单号", "Receipt no.")
    static let assessed = Bilingual("参加考核", "Assessed")
    static let quarterRemitted = Bilingual("季度回款", "Quarter remitted")
    static let quarterTarget = Bilingual("季度考核指标", "Quarter target")
    static let quarterAttainment = Bilingual("季度达成率", "Quarter attainment")
    static let yearRemitted = Bilingual("全年回款", "Year remitted")
    static let yearTarget = Bilingual("全年目标总量", "Year target")
    static let yearAttainment = Bilingual("全年达成率", "Year attainment")
    static let rate = Bilingual("年终提成比例档", "Year-end tier rate")
    static let figure = Bilingual("指标", "Figure")
    static let value = Bilingual("本月", "This month")
    static let source = Bilingual("数据来源", "Source")
    static let month = Bilingual("月份", "Month")
    static let lastMonth = Bilingual("上月", "Last month")
    static let change = Bilingual("增减", "Change")
    static let rank = Bilingual("排名", "Rank")
    static let outletsAttainment = Bilingual("网点完成率", "Outlets attainment")
    static let leaverLine = Bilingual("离职人员回款", "Leaver's remittance")
    static let leaverNote = Bilingual("已离职，客户回款计入客户和区域，不计入个人", "Left: the customer's payment counts for the customer and the region, not the employee")
}

/// The sheets of the management workbook, for all employees or for one region's (the region workbooks
/// use the same builder with a narrower scope). No pay figure is ever read here: only sales,
/// remittances, targets, outlets, travel, plans, activity, expense claims and codes.
struct ManagementBuilder {
    let r: CloseResult
    let lang: Lang
    /// The employees in scope, roster order.
    let employees: [EmployeeResult]
    let ids: Set<String>
    let names: [String: String]
    /// The region in scope (nil: the company).
    let region: String?
    /// Accepted remittance rows of the period of employees in scope.
    let remittances: [(ref: RowRef, row: RemittanceRow)]

    /// Look-ups over the whole close, made once and shared by every region's builder (`ReportIndex`).
    let index: ReportIndex

    init(r: CloseResult, lang: Lang, region: String? = nil, index: ReportIndex? = nil) {
        self.r = r
        self.lang = lang
        self.region = region
        let index = index ?? ReportIndex(r)
        self.index = index
        // Active employees only: one who has left has no figure of the month but a leaver's remittance, and that
        // stands on its own reconciling line (headcount = the active employees).
        let scoped = (region.map { reg in index.employeesByRegion[reg] ?? [] } ?? r.employees).filter(\.active)
        employees = scoped
        self.ids = Set(scoped.map(\.employeeId))
        self.names = index.names
        remittances = region.map { index.remittancesByRegion[$0] ?? [] } ?? index.remittances
    }

    func t(_ b: Bilingual) -> String { b(lang) }
    func col(_ b: Bilingual, _ kind: ColumnKind, summed: Bool? = nil, attainment: Bool = false, width: Double? = nil) -> ColumnModel {
        ColumnModel(b(lang), kind, summed: summed, attainment: attainment, width: width)
    }
    var totals: TotalsSpec { TotalsSpec(label: Vocab.total(lang)) }
    func department(_ e: EmployeeResult) -> String {
        if let d = e.department, !d.isEmpty { return d }
        return Vocab.noDepartment(lang)
    }
    func regionName(_ s: String) -> String { s.isEmpty ? t(Bilingual("未分区域", "No region")) : s }

    /// Codes management sees: everything but the commission status (COM-) and the bonus (YR-BONUS),
    /// which belong to pay.
    static func visibleCodes(_ codes: [String]) -> [String] {
        codes.filter { !$0.isCode(of: .com) && !$0.isCode(.yrBonus) }
    }
    func codes(_ codes: [String]) -> CellModel { .text(CodeText.joined(Self.visibleCodes(codes))) }
    func reasons(_ codes: [String]) -> CellModel {
        .text(Self.visibleCodes(codes).map { CodeText.managementSentence($0, lang) }.joined(separator: Vocab.reasonSeparator(lang)))
    }

    /// actual / target as an exact ratio of fen amounts; nil without a positive target.
    static func ratio(_ actual: Money, _ target: Money?) -> Double? { Achievement.ratio(actual, target) }

    // MARK: Achievement tables (department, region, employee)

    /// The leavers' remittances in scope (they count for their customer and region: inputs.md).
    var leavers: [UnattributedRemittance] {
        r.unattributedRemittances.filter { u in region.map { u.region == $0 } ?? true }
    }

    /// The achievement columns starting at `first`: remittance target, remitted, attainment, deviation,
    /// sales target, sales, sales attainment, deviation, new outlets target, new outlets. Attainment in a subtotal
    /// or totals row is a formula of that row.
    func achievementColumns(first: Int) -> [ColumnModel] {
        [
            col(MH.remittanceTarget, .money), col(MH.remitted, .money),
            ColumnModel(MH.attainment(lang), .percent, attainment: true, ratioOf: (first + 1, first)),
            col(MH.deviation, .money), col(MH.salesTarget, .money), col(MH.sales, .money),
            ColumnModel(MH.salesAttainment(lang), .percent, attainment: true, ratioOf: (first + 5, first + 4)),
            col(MH.salesDeviation, .money),
            col(MH.newOutletsTarget, .integer, summed: true), col(MH.newOutlets, .integer, summed: true)
        ]
    }

    /// The figures SalesCore summed, laid out; each deviation a formula of its row (a missing target counts 0,
    /// so the rows' deviations add up to the total's).
    func achievementCells(_ f: Achievement, first: Int) -> [CellModel] {
        [
            .money(f.remittanceTarget), .money(f.remitted), .percent(f.attainment),
            .formula(RowFormula("{\(first + 1)}-{\(first)}", cached: .money(f.deviation))),
            .money(f.salesTarget), .money(f.sales), .percent(f.salesAttainment),
            .formula(RowFormula("{\(first + 5)}-{\(first + 4)}", cached: .money(f.salesDeviation))),
            .integer(f.newOutletsTarget), .integer(f.newOutlets)
        ]
    }

    /// One row per group key, in first-appearance order, the leavers' remittances in their group.
    func grouped(by key: (EmployeeResult) -> String, leaverKey: (UnattributedRemittance) -> String?)
        -> [(key: String, figures: Achievement)]
    {
        r.achievements(of: employees, by: key, leavers: leavers, leaverKey: leaverKey)
    }

    func groupSheet(key: String, name: String, header: Bilingual, groups: [(key: String, figures: Achievement)]) -> SheetModel {
        let columns = [col(header, .text), col(MH.headcount, .integer, summed: true)] + achievementColumns(first: 2)
        let rows = groups.map { g in [CellModel.text(g.key), .integer(g.figures.headcount)] + achievementCells(g.figures, first: 2) }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    func leaverDepartment(_ u: UnattributedRemittance) -> String {
        if let d = u.department, !d.isEmpty { return d }
        return Vocab.noDepartment(lang)
    }

    func departmentSheet(key: String, name: String) -> SheetModel {
        groupSheet(
            key: key, name: name, header: MH.department,
            groups: grouped(by: department, leaverKey: leaverDepartment))
    }

    func regionSheet(key: String, name: String) -> SheetModel {
        groupSheet(
            key: key, name: name, header: MH.region,
            groups: grouped(by: { regionName($0.region) }, leaverKey: { regionName($0.region) }))
    }

    /// Columns of the employee sheet: 0 id, 1 name, 2 department, 3 region, 4 role, 5… achievement, then codes.
    /// After the employees, one reconciling line per leaver whose customers paid this month.
    static let employeeFirstFigure = 5
    func employeeSheet(key: String, name: String) -> SheetModel {
        let columns =
            [
                col(MH.employeeId, .id), col(MH.name, .text), col(MH.department, .text), col(MH.region, .text),
                col(MH.role, .text)
            ] + achievementColumns(first: Self.employeeFirstFigure)
            + [col(MH.codes, .text), col(MH.reasons, .text)]
        var rows: [[CellModel]] = employees.map { e in
            [
                .id(e.employeeId), .text(e.name), .text(department(e)), .text(regionName(e.region)),
                .text(Vocab.role(of: e, lang))
            ] + achievementCells(.of(e), first: Self.employeeFirstFigure)
                + [codes(e.codes), reasons(e.codes)]
        }
        var order: [String] = []
        var byLeaver: [String: (u: UnattributedRemittance, figures: Achievement)] = [:]
        for u in leavers {
            if byLeaver[u.employeeId] == nil { order.append(u.employeeId); byLeaver[u.employeeId] = (u, Achievement()) }
            byLeaver[u.employeeId]!.figures.add(u)
        }
        for id in order {
            let (u, f) = byLeaver[id]!
            rows.append(
                [
                    .id(u.employeeId), .text(u.name), .text(leaverDepartment(u)), .text(regionName(u.region)),
                    .text(t(MH.leaverLine))
                ] + achievementCells(f, first: Self.employeeFirstFigure)
                    + [.empty, .text(t(MH.leaverNote))])
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    // MARK: Products and customers

    /// Products by sales, largest first: product, order lines, quantity, sales, share.
    func productSheet(key: String, name: String) -> SheetModel {
        let map = r.sales.products(in: region.map { [$0] })
        let total = map.values.reduce(Money.zero) { $0 + $1.sales }
        let sorted = map.sorted { a, b in
            a.value.sales != b.value.sales
                ? a.value.sales > b.value.sales
                : a.key.unicodeScalars.lexicographicallyPrecedes(b.key.unicodeScalars)
        }
        let columns = [
            col(MH.product, .text), col(MH.orderLines, .integer, summed: true), col(MH.quantity, .decimal),
            col(MH.sales, .money), col(MH.share, .percent)
        ]
        let rows: [[CellModel]] = sorted.map { p, f in
            [
                .text(p), .integer(f.lines), .decimal(Double(f.quantity) / 10_000), .money(f.sales),
                .percent(Self.ratio(f.sales, total))
            ]
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    /// Customers with receivables running across months (rules.md §4), largest receivable first.
    func customerSheet(key: String, name: String) -> SheetModel {
        let sorted = r.customers.sorted { a, b in
            a.receivableAfter != b.receivableAfter
                ? a.receivableAfter > b.receivableAfter
                : a.customerId.unicodeScalars.lexicographicallyPrecedes(b.customerId.unicodeScalars)
        }
        let columns = [
            col(MH.customerId, .id), col(MH.customerName, .text), col(MH.regions, .text),
            col(MH.receivableBefore, .money), col(MH.sales, .money), col(MH.remitted, .money),
            col(MH.receivableAfter, .money)
        ]
        let sep = lang == .zh ? "、" : ", "
        let rows: [[CellModel]] = sorted.map { c in
            [
                .id(c.customerId), .text(c.name), .text(c.regions.joined(separator: sep)), .money(c.receivableBefore),
                .money(c.sales), .money(c.remitted), .money(c.receivableAfter)
            ]
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    /// A region's customers with that region's figures only: sales and remittances of its own employees.
    /// No receivable balance: it runs across every region that served the customer.
    func regionCustomerSheet(key: String, name: String) -> SheetModel {
        var order: [String] = []
        var figures: [String: (name: String?, sales: Money, remitted: Money)] = [:]
        func touch(_ id: String, _ name: String?) {
            if figures[id] == nil { order.append(id); figures[id] = (name, .zero, .zero) }
            if figures[id]!.name == nil, let name, !name.isEmpty { figures[id]!.name = name }
        }
        let own: [String: SalesFold.RegionCustomer] = r.sales.region(named: region ?? "").map { r.sales.customers(of: $0) } ?? [:]
        for (id, c) in own {
            touch(id, c.name)
            figures[id]!.sales += c.sales
            figures[id]!.remitted += c.remitted
        }
        for m in remittances {
            touch(m.row.customerId, nil)
            figures[m.row.customerId]!.remitted += m.row.amount
        }
        let known = index.customerNames
        let sorted = order.sorted { a, b in
            let fa = figures[a]!, fb = figures[b]!
            return fa.sales != fb.sales ? fa.sales > fb.sales : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
        let columns = [col(MH.customerId, .id), col(MH.customerName, .text), col(MH.sales, .money), col(MH.remitted, .money)]
        let rows: [[CellModel]] = sorted.map { id in
            let f = figures[id]!
            let shown: String? = f.name ?? known[id].flatMap { $0 }
            return [.id(id), .text(shown), .money(f.sales), .money(f.remitted)]
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    // MARK: Travel, plans and activity

    func travelSheet(key: String, name: String) -> SheetModel {
        let columns = [
            col(MH.employeeId, .id), col(MH.name, .text), col(MH.region, .text), col(MH.role, .text),
            col(MH.travelDays, .integer, summed: true), col(MH.verifiedTravelDays, .integer, summed: true),
            col(MH.minTravelDays, .integer, summed: false), col(MH.travelLow, .text),
            col(MH.unverifiedDates, .text, width: 40), col(MH.claimsApproved, .money)
        ]
        let rows: [[CellModel]] = employees.map { e in
            let low = e.codes.contains(.attTravelDaysLow)
            return [
                .id(e.employeeId), .text(e.name), .text(regionName(e.region)), .text(Vocab.role(of: e, lang)),
                .integer(e.travelDays), .integer(e.verifiedTravelDays),
                r.policy.minTravelDays[e.role].map { .integer($0) } ?? .empty,
                low ? .text(Code.attTravelDaysLow.rawValue) : .empty,
                .text(e.unverifiedTravelDates.map(\.description).joined(separator: " ")),
                .money(e.expensesApproved)
            ]
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    func planSheet(key: String, name: String) -> SheetModel {
        var columns = [
            col(MH.employeeId, .id), col(MH.name, .text), col(MH.region, .text), col(MH.role, .text),
            col(MH.missingWeeks, .integer, summed: true), col(MH.missingWeekStarts, .text, width: 36),
            col(MH.planLowDays, .integer, summed: true)
        ]
        if r.hasVisits {
            columns += [
                col(MH.workingDays, .integer, summed: true), col(MH.daysMet, .integer, summed: true),
                col(MH.activityShare, .percent), col(MH.daysBelow, .integer, summed: true)
            ]
        }
        columns += [col(MH.codes, .text), col(MH.reasons, .text, width: 60)]
        let rows: [[CellModel]] = employees.map { e in
            let own = e.codes.filter { $0.isCode(of: .plan) || $0.isCode(of: .act) }
            var cells: [CellModel] = [
                .id(e.employeeId), .text(e.name), .text(regionName(e.region)), .text(Vocab.role(of: e, lang)),
                .integer(e.missingPlanWeeks.count),
                .text(e.missingPlanWeeks.map(\.description).joined(separator: " ")),
                .integer(e.planActivityLowDays)
            ]
            if r.hasVisits {
                cells += [
                    .integer(e.workingDays), .integer(e.activityDaysMet), .percent(e.activityShare),
                    .integer(e.belowStandardDays.count)
                ]
            }
            return cells + [codes(own), reasons(own)]
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    // MARK: Audit

    static let auditLineCodes = [Code.expRouteMismatch.rawValue, Code.expNotTravelling.rawValue]

    func auditSheet(key: String, name: String) -> SheetModel {
        let flagged = employees.filter { $0.codes.contains(.audit) || $0.codes.contains(.auditForfeit) }
        let main = TableModel(
            columns: [
                col(MH.employeeId, .id), col(MH.name, .text), col(MH.department, .text), col(MH.region, .text),
                col(MH.codes, .text), col(MH.reasons, .text, width: 60)
            ],
            rows: flagged.map { e in
                let own = e.codes.filter { $0.isCode(of: .audit) }
                var why = CodeText.reasons(own, lang)
                let details = e.notes.filter { $0.code.isCode(of: .audit) || Self.auditLineCodes.contains($0.code) }
                    .map { CodeText.detail($0.detail, lang) }
                if !details.isEmpty { why += Vocab.reasonSeparator(lang) + details.joined(separator: Vocab.reasonSeparator(lang)) }
                return [
                    .id(e.employeeId), .text(e.name), .text(department(e)), .text(regionName(e.region)),
                    .text(CodeText.joined(own)), .text(why)
                ]
            })
        let lines = index.auditLines.filter { ids.contains($0.row.employeeId) }
        let expense = TableModel(
            title: t(Bilingual("核查费用明细（出差路线不符、未出差报住宿）", "Expense lines behind the flags (route mismatch, lodging while not travelling)")),
            columns: [
                col(MH.file, .text), col(MH.line, .integer, summed: false), col(MH.employeeId, .id), col(MH.name, .text),
                col(MH.date, .date), col(MH.category, .text), col(MH.city, .text), col(MH.claimed, .money),
                col(MH.approved, .money), col(MH.codes, .text), col(MH.reasons, .text, width: 60)
            ],
            rows: lines.map { l in
                let shown = l.codes.filter(Self.auditLineCodes.contains)
                return [
                    .text(l.ref.file), .integer(l.ref.line), .id(l.row.employeeId), .text(names[l.row.employeeId]),
                    .date(l.row.date), .text(Vocab.category(l.row.category, lang)), .text(l.row.cityShown ?? l.row.city),
                    .money(l.row.amount), .money(l.approved), .text(CodeText.joined(l.codes)),
                    .text(CodeText.reasons(shown, lang))
                ]
            }, totals: totals)
        let mismatches = r.salesMismatches.filter { ids.contains($0.row.employeeId) }
        let sales = TableModel(
            title: t(
                Bilingual(
                    "数量乘单价与金额不符的销售行（SAL-AMOUNT-MISMATCH，以金额为准）",
                    "Sales lines whose amount differs from quantity × unit price (SAL-AMOUNT-MISMATCH; the amount stands)")),
            columns: [
                col(MH.file, .text), col(MH.line, .integer, summed: false), col(MH.date, .date), col(MH.orderId, .id),
                col(MH.lineNo, .integer, summed: false), col(MH.employeeId, .id), col(MH.name, .text),
                col(MH.customerId, .id), col(MH.product, .text), col(MH.quantity, .decimal), col(MH.unitPrice, .money, summed: false),
                col(MH.sales, .money), col(MH.computed, .money, summed: false), col(MH.difference, .money, summed: false)
            ],
            rows: mismatches.map { m in
                let computed = m.row.unitPrice.map { Money(fen: Rational.roundHalfAway($0.fen * m.row.quantity.units, 10_000)) }
                return [
                    .text(m.ref.file), .integer(m.ref.line), .date(m.row.date), .id(m.row.orderId), .integer(m.row.lineNo),
                    .id(m.row.employeeId), .text(names[m.row.employeeId]), .id(m.row.customerId), .text(m.row.product),
                    .decimal(Double(m.row.quantity.units) / 10_000), .money(m.row.unitPrice), .money(m.row.amount),
                    .money(computed), .money(computed.map { m.row.amount - $0 })
                ]
            })
        let empty = flagged.isEmpty ? [t(Bilingual("本月无稽核标记人员。", "No employee is flagged for audit this month."))] : []
        return SheetModel(key: key, name: name, notes: empty, table: main, appendix: [expense, sales])
    }

    // MARK: Order lines (region workbooks)

    func orderLinesSheet(key: String, name: String) -> SheetModel {
        let columns = [
            col(MH.date, .date), col(MH.orderId, .id), col(MH.lineNo, .integer, summed: false),
            col(MH.employeeId, .id), col(MH.name, .text), col(MH.customerId, .id), col(MH.customerName, .text),
            col(MH.product, .text), col(MH.quantity, .decimal), col(MH.sales, .money), col(MH.remitted, .money)
        ]
        // Streamed from the line store in reading order (a million lines are never an array of rows here).
        let regionKey = region ?? ""
        let folded = r.sales.region(named: regionKey) ?? SalesFold.Region()
        let store = r.orderLines
        let names = self.names
        let widths: [Double] = [
            10, Double(folded.longestOrderId), 4,
            Double(folded.longestEmployeeId),
            folded.employees.map { Layout.textWidth(names[$0] ?? "") }.max() ?? 0,
            Double(folded.longestCustomerId),
            r.sales.customers(of: folded).values.map { Layout.textWidth($0.name ?? "") }.max() ?? 0,
            r.sales.products(of: folded).keys.map { Layout.textWidth($0) }.max() ?? 0,
            Double(Layout.groupedDigitCount(UInt64(folded.largestQuantity / 10_000)) + 6),
            Double(Layout.moneyWidth(Money(fen: folded.largestAmount)) + (folded.negativeAmounts ? 1 : 0)),
            Double(Layout.moneyWidth(Money(fen: folded.largestRemitted)) + (folded.negativeAmounts ? 1 : 0))
        ]
        let streamed = StreamedRows(
            count: store.count(region: regionKey), widths: widths,
            expectedSums: [9: .money(folded.sales), 10: .money(folded.remitted)]
        ) { body in
            try store.forEach(region: regionKey) { l in
                let s = l.row
                try body([
                    .date(s.date), .id(s.orderId), .integer(s.lineNo), .id(s.employeeId), .text(names[s.employeeId]),
                    .id(s.customerId), .text(s.customerName), .text(s.product),
                    .decimal(Double(s.quantity.units) / 10_000), .money(s.amount), .money(s.remitted)
                ])
            }
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, totals: totals, streamed: streamed))
    }

    func remittanceSheet(key: String, name: String) -> SheetModel {
        let columns = [
            col(MH.date, .date), col(MH.employeeId, .id), col(MH.name, .text), col(MH.customerId, .id),
            col(MH.orderId, .id), col(MH.receiptNo, .id), col(MH.remitted, .money)
        ]
        let sorted = remittances.sorted { a, b in a.row.date != b.row.date ? a.row.date < b.row.date : a.ref < b.ref }
        let rows: [[CellModel]] = sorted.map { m in
            [
                .date(m.row.date), .id(m.row.employeeId), .text(names[m.row.employeeId]), .id(m.row.customerId),
                m.row.orderId.map { .id($0) } ?? .empty, m.row.receiptNo.map { .id($0) } ?? .empty, .money(m.row.amount)
            ]
        }
        return SheetModel(key: key, name: name, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    // MARK: Quarter and year reviews (no pay amounts)

    func quarterSheet(_ q: QuarterBlock, key: String, name: String) -> SheetModel {
        let byId = index.byId
        let columns = [
            col(MH.employeeId, .id), col(MH.name, .text), col(MH.region, .text), col(MH.assessed, .text),
            col(MH.quarterTarget, .money), col(MH.quarterRemitted, .money),
            ColumnModel(MH.quarterAttainment(lang), .percent, attainment: true, ratioOf: (5, 4)),
            col(MH.newOutletsTarget, .integer, summed: true),
            col(MH.newOutlets, .integer, summed: true), col(MH.codes, .text), col(MH.reasons, .text, width: 60)
        ]
        let rows: [[CellModel]] = q.employees.filter { ids.contains($0.employeeId) }.map { e in
            let own = e.codes.filter { $0.isCode(of: .qtr) }
            return [
                .id(e.employeeId), .text(names[e.employeeId]), .text(byId[e.employeeId].map { regionName($0.region) }),
                .text(Vocab.yesNo(e.assessed, lang)), .money(e.target), .money(e.remitted),
                .percent(e.assessed ? (Self.ratio(e.remitted, e.target) ?? e.attainment) : nil),
                .integer(e.newOutletsTarget), .integer(e.newOutlets), .text(CodeText.joined(own)), reasons(own)
            ]
        }
        var notes = [t(Bilingual("\(q.label) 季度考核", "\(q.label) quarterly review"))]
        if !q.codes.isEmpty { notes.append(CodeText.joined(q.codes) + "：" + CodeText.reasons(q.codes, lang)) }
        return SheetModel(key: key, name: name, notes: notes, table: TableModel(columns: columns, rows: rows, totals: totals))
    }

    func yearSheet(_ y: YearBlock, key: String, name: String) -> SheetModel {
        let byId = index.byId
        let columns = [
            col(MH.employeeId, .id), col(MH.name, .text), col(MH.region, .text), col(MH.yearTarget, .money),
            col(MH.yearRemitted, .money), ColumnModel(MH.yearAttainment(lang), .percent, attainment: true, ratioOf: (4, 3)),
            col(MH.codes, .text), col(MH.reasons, .text, width: 60)
        ]
        // No year-end tier rate here: it is a pay ratio (the finance workbook has it).
        let rows: [[CellModel]] = y.employees.filter { ids.contains($0.employeeId) }.map { e in
            let own = e.codes.filter { $0.isCode(of: .yr) && !$0.isCode(.yrBonus) }
            return [
                .id(e.employeeId), .text(names[e.employeeId]), .text(byId[e.employeeId].map { regionName($0.region) }),
                .money(e.target), .money(e.remitted), .percent(Self.ratio(e.remitted, e.target) ?? e.attainment),
                .text(CodeText.joined(own)), reasons(own)
            ]
        }
        var notes = [t(Bilingual("\(y.year) 年终考核（奖金金额见财务报表）", "\(y.year) year-end review (amounts are in the finance workbook)"))]
        if !y.codes.isEmpty { notes.append(CodeText.joined(y.codes) + "：" + CodeText.reasons(y.codes, lang)) }
        return SheetModel(key: key, name: name, notes: notes, table: TableModel(columns: columns, rows: rows, totals: totals))
    }
}

/// What every management and region sheet looks up, made once per close: with hundreds of regions, each region's
/// builder would otherwise index the whole close again.
public final class ReportIndex: @unchecked Sendable {
    let names: [String: String]
    let byId: [String: EmployeeResult]
    let employeesByRegion: [String: [EmployeeResult]]
    /// Accepted remittance rows of the period of listed employees, and the same by the employee's region.
    let remittances: [(ref: RowRef, row: RemittanceRow)]
    let remittancesByRegion: [String: [(ref: RowRef, row: RemittanceRow)]]
    let customerNames: [String: String?]
    /// Expense lines with an audit code (route mismatch, lodging while not travelling).
    let auditLines: [ExpenseLineResult]

    public init(_ r: CloseResult) {
        var names: [String: String] = [:], byId: [String: EmployeeResult] = [:], byRegion: [String: [EmployeeResult]] = [:]
        for e in r.employees {
            names[e.employeeId] = e.name
            if byId[e.employeeId] == nil { byId[e.employeeId] = e }
            byRegion[e.region, default: []].append(e)
        }
        self.names = names; self.byId = byId; self.employeesByRegion = byRegion
        var all: [(ref: RowRef, row: RemittanceRow)] = [], perRegion: [String: [(ref: RowRef, row: RemittanceRow)]] = [:]
        for row in r.inputs.remittances {
            guard let v = row.accepted, r.period.contains(v.date), let e = byId[v.employeeId] else { continue }
            all.append((row.ref, v))
            perRegion[e.region, default: []].append((row.ref, v))
        }
        remittances = all; remittancesByRegion = perRegion
        customerNames = Dictionary(r.customers.map { ($0.customerId, $0.name) }, uniquingKeysWith: { a, _ in a })
        auditLines = r.expenseLines.filter { $0.codes.contains(where: ManagementBuilder.auditLineCodes.contains) }
    }
}
