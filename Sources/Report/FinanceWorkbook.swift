import SalesCore

/// A value in the reopen comparison.
public enum ChangeValue: Sendable, Hashable {
    case none
    case money(Money)
    case integer(Int)
    case ratio(Double)
    case text(String)
}

/// One figure that differs from the close a reopen replaces.
public struct ChangeRow: Sendable, Hashable {
    public var employeeId: String
    public var name: String?
    /// What changed, as the caller labels it ("net_payable", or a label in the workbook's language).
    public var field: String
    public var before: ChangeValue
    public var after: ChangeValue
    public init(employeeId: String, name: String? = nil, field: String, before: ChangeValue, after: ChangeValue) {
        self.employeeId = employeeId; self.name = name; self.field = field; self.before = before; self.after = after
    }
}

/// The finance workbook (`finance-YYYY-MM.xlsx`): reimbursement and advance settlement, expense lines,
/// advances, adjustments, commission, pay inputs, slips, quarter and year reviews, control totals,
/// rejected rows, and after a reopen what changed.
public enum FinanceWorkbook {
    /// Stable sheet keys, in workbook order.
    public enum Key {
        public static let reimbursement = "reimbursement"
        public static let expenseLines = "expense_lines"
        public static let advances = "advances"
        public static let adjustments = "adjustments"
        public static let commission = "commission"
        public static let pay = "pay"
        public static let claimSlips = "claim_slips"
        public static let paySlips = "pay_slips"
        public static let quarter = "quarter"
        public static let year = "year"
        public static let controlTotals = "control_totals"
        public static let rejectedRows = "rejected_rows"
        public static let changes = "changes"
    }

    /// Sheet names in both languages.
    public static let sheetNames: [String: Bilingual] = [
        Key.reimbursement: Bilingual("报销汇总", "Reimbursement"),
        Key.expenseLines: Bilingual("费用明细", "Expense lines"),
        Key.advances: Bilingual("借款", "Advances"),
        Key.adjustments: Bilingual("调整", "Adjustments"),
        Key.commission: Bilingual("提成", "Commission"),
        Key.pay: Bilingual("工资", "Pay"),
        Key.claimSlips: Bilingual("报销单", "Claim slips"),
        Key.paySlips: Bilingual("工资条", "Pay slips"),
        Key.quarter: Bilingual("季度考核", "Quarter review"),
        Key.year: Bilingual("年终奖", "Year-end bonus"),
        Key.controlTotals: Bilingual("控制总数", "Control totals"),
        Key.rejectedRows: Bilingual("退回行", "Rejected rows"),
        Key.changes: Bilingual("重开差异", "Changes")
    ]

    /// The file name for a period: `finance-2023-03.xlsx`.
    public static func fileName(_ period: Period) -> String { "finance-\(period).xlsx" }

    /// Writes the workbook (mode 0600: it holds pay figures) and reports what a read-back should find.
    @discardableResult
    public static func write(
        _ r: CloseResult, to path: String, options: ReportOptions,
        changes: [ChangeRow]? = nil
    ) throws -> WrittenWorkbook {
        let model = model(r, lang: options.lang, changes: changes)
        return try WorkbookRenderer.write(
            model, to: path,
            options: RenderOptions(
                company: options.company, sheetPassword: options.sheetPassword, constantMemory: options.constantMemory,
                fileMode: 0o600, maxRowsPerSheet: options.maxRowsPerSheet, progress: options.progress))
    }

    public static func model(_ r: CloseResult, lang: Lang) -> WorkbookModel { model(r, lang: lang, changes: nil) }

    public static func model(_ r: CloseResult, lang: Lang, changes: [ChangeRow]?) -> WorkbookModel {
        let b = Builder(r: r, lang: lang)
        var sheets = [
            b.reimbursement(), b.expenseLines(), b.advances(), b.adjustments(), b.commission(), b.pay(),
            b.claimSlips(), b.paySlips()
        ]
        if let q = r.quarter { sheets.append(b.quarter(q)) }
        if let y = r.year { sheets.append(b.year(y)) }
        sheets.append(b.controlTotals())
        sheets.append(b.rejectedRows())
        if let changes { sheets.append(b.changes(changes)) }
        let title = lang == .zh ? "财务报表 \(r.period)" : "Finance \(r.period)"
        return WorkbookModel(
            title: title, subject: r.period.description, created: r.period.lastDay, sheets: sheets,
            company: r.policy.companyName, lang: lang)
    }

    /// Column headers (Chinese in the voice of 篇9, English).
    enum H {
        static let employeeId = Bilingual("员工编号", "Employee ID")
        static let name = Bilingual("姓名", "Name")
        static let department = Bilingual("部门", "Department")
        static let region = Bilingual("区域", "Region")
        static let role = Bilingual("岗位", "Role")
        static let claimed = Bilingual("报销申请金额", "Claimed")
        static let approved = Bilingual("核准金额", "Approved")
        static let mealAllowance = Bilingual("伙食补助", "Meal allowance")
        static let forfeited = Bilingual("扣除差旅费", "Forfeited expenses")
        static let reimbursementAdjustments = Bilingual("报销调整", "Reimbursement adjustments")
        static let reimbursement = Bilingual("应报销", "Reimbursement")
        static let outstandingBefore = Bilingual("期初借款余额", "Advance outstanding before")
        static let advancesApproved = Bilingual("本月借款", "Advances approved")
        static let repaid = Bilingual("还款", "Repaid")
        static let writtenOff = Bilingual("核销", "Written off")
        static let settled = Bilingual("冲借款", "Settled against advance")
        static let netPayable = Bilingual("实付", "Net payable")
        static let outstandingAfter = Bilingual("期末借款余额", "Advance outstanding after")
        static let file = Bilingual("文件", "File")
        static let line = Bilingual("行号", "Line")
        static let claimId = Bilingual("报销单号", "Claim ID")
        static let date = Bilingual("日期", "Date")
        static let category = Bilingual("费用类别", "Category")
        static let transport = Bilingual("交通方式", "Transport")
        static let city = Bilingual("城市", "City")
        static let nights = Bilingual("晚数", "Nights")
        static let receiptNo = Bilingual("票据号", "Receipt no.")
        static let decision = Bilingual("审核结果", "Decision")
        static let lateClaim = Bilingual("补报", "Late claim")
        static let codes = Bilingual("代码", "Codes")
        static let reasons = Bilingual("原因", "Reasons")
        static let advanceId = Bilingual("借款单号", "Advance ID")
        static let amount = Bilingual("金额", "Amount")
        static let approvedAmount = Bilingual("批准金额", "Approved amount")
        static let purpose = Bilingual("事由", "Purpose")
        static let balanceAfter = Bilingual("借款余额", "Balance after")
        static let adjustmentId = Bilingual("调整单号", "Adjustment ID")
        static let kind = Bilingual("类型", "Kind")
        static let approvedBy = Bilingual("审批人", "Approved by")
        static let reference = Bilingual("依据", "Reference")
        static let note = Bilingual("说明", "Note")
        static let remittanceTarget = Bilingual("回款指标", "Remittance target")
        static let remitted = Bilingual("本月回款", "Remitted")
        static let attainment = Bilingual("完成率", "Attainment")
        static let earned = Bilingual("本月提成", "Commission earned")
        static let deferredBefore = Bilingual("以前暂不结算提成", "Deferred before")
        static let commissionSettled = Bilingual("结算提成", "Commission settled")
        static let deferredAfter = Bilingual("暂不结算提成余额", "Deferred after")
        static let commissionForfeited = Bilingual("扣除提成", "Commission forfeited")
        static let commissionAdjustments = Bilingual("提成调整", "Commission adjustments")
        static let level = Bilingual("工资级别", "Level")
        static let baseSalary = Bilingual("基本工资（含通讯费）", "Base salary (incl. phone)")
        static let performancePay = Bilingual("业绩效益工资", "Performance pay")
        static let payFactor = Bilingual("工资计发比例", "Pay factor")
        static let basePayPaid = Bilingual("底薪计发", "Base pay after factor")
        static let grossPay = Bilingual("应发工资", "Gross pay")
        static let signature = Bilingual("签字", "Signature")
        static let quarterRemitted = Bilingual("季度回款", "Quarter remitted")
        static let quarterTarget = Bilingual("季度考核指标", "Quarter target")
        static let newOutlets = Bilingual("网点开发", "New outlets")
        static let newOutletsTarget = Bilingual("网点开发指标", "New outlets target")
        static let assessed = Bilingual("参加考核", "Assessed")
        static let nextPayFactor = Bilingual("下季度工资计发比例", "Next pay factor")
        static let yearRemitted = Bilingual("全年回款", "Year remitted")
        static let yearTarget = Bilingual("全年目标总量", "Year target")
        static let rate = Bilingual("年终提成比例", "Rate")
        static let yearTotal = Bilingual("年终提成总数", "Year total")
        static let paid = Bilingual("已按月结算提成", "Paid monthly")
        static let bonus = Bilingual("总经理奖", "Bonus (GM award)")
        static let inputKind = Bilingual("类型", "Kind")
        static let encoding = Bilingual("编码", "Encoding")
        static let rows = Bilingual("行数", "Rows")
        static let accepted = Bilingual("接受", "Accepted")
        static let rejected = Bilingual("退回", "Rejected")
        static let blank = Bilingual("空行", "Blank")
        static let check = Bilingual("核对（应为0）", "Check (must be 0)")
        static let unparsedMoney = Bilingual("未识别金额格数", "Unparsed money cells")
        static let moneyColumn = Bilingual("金额列", "Money column")
        static let acceptedSum = Bilingual("接受行合计", "Sum over accepted rows")
        static let rejectedSum = Bilingual("退回行合计", "Sum over rejected rows")
        static let allSum = Bilingual("全部合计", "Sum over all rows")
        static let column = Bilingual("栏目", "Column")
        static let code = Bilingual("代码", "Code")
        static let message = Bilingual("错误说明", "Message")
        static let raw = Bilingual("原始内容", "Raw text")
        static let field = Bilingual("项目", "Field")
        static let before = Bilingual("原值", "Before")
        static let after = Bilingual("新值", "After")
        static let difference = Bilingual("差额", "Difference")
        static let wholeRow = Bilingual("整行", "(whole row)")
        static let moneyReconciliation = Bilingual("金额核对（接受 + 退回 = 全部）", "Money columns summed both ways (accepted + rejected = all)")
        static let claimSlip = Bilingual("报销单", "Claim slip")
        static let paySlip = Bilingual("工资条", "Pay slip")
        static let claimSlipContinued = Bilingual("报销单（续）", "Claim slip (continued)")
        static let outsidePayRoles = Bilingual("不在工资岗位的人员（不在本表计发工资）", "Employees outside the pay roles (not paid on this sheet)")
        static let outsidePayNote = Bilingual("非销售工资岗位，工资另行核算", "Not in pay_roles: pay worked out elsewhere")
        static let leaverDeferred = Bilingual("已离职：暂不结算提成余额仍由账簿结转", "Left: the deferred commission stays on the ledger")
        static let claimedShort = Bilingual("申请金额", "Claimed")
        static let slipReason = Bilingual("核减原因", "Reason for the cut")
        static let lateClaimNote = Bilingual("上月补报", "Late claim for the previous month")
        static let linesTotal = Bilingual("费用合计", "Lines total")
        static let approvedExpenses = Bilingual("核准费用", "Approved expenses")
        static let lessForfeited = Bilingual("减：扣除差旅费", "Less: forfeited expenses")
        static let plusAdvances = Bilingual("加：本月借款", "Plus: advances this month")
        static let lessSettled = Bilingual("减：冲借款", "Less: settled against the advance")
        static let lessRepaid = Bilingual("减：还款", "Less: repaid")
        static let lessWrittenOff = Bilingual("减：核销", "Less: written off")
        static let settledNote = Bilingual("以应报销冲抵借款余额", "Set against the advance")
        static let netPayableWords = Bilingual("实付（人民币大写）", "Net payable in words (RMB)")
        static let signClaimant = Bilingual("报销人：", "Claimant:")
        static let signManager = Bilingual("部门经理：", "Department manager:")
        static let signFinance = Bilingual("财务：", "Finance:")
        static let signGM = Bilingual("总经理：", "General manager:")
        static let signEmployee = Bilingual("员工签字：", "Employee:")
        static let item = Bilingual("项目", "Item")
        static let slipNote = Bilingual("说明", "Note")
        static let earnedNote = Bilingual("本月回款 × 提成比例 ", "Remitted × commission rate ")
        static let deferredNote = Bilingual("暂不结算，待月完成率达 80% 以上后累计结算", "Deferred until a month reaches 80% of target")
        static let factorCut = Bilingual(
            "季度考核未完成季度指标的80%，本季度工资按80%计发，完成季度指标后恢复",
            "Quarter review below 80% of target: pay at 80% until a quarter reaches its target")
        static let factorFull = Bilingual("季度考核：全额计发", "Quarter review: full pay")
        static let grossNote = Bilingual("底薪计发 + 结算提成 − 扣除提成 + 提成调整", "Base paid + commission settled − forfeited + adjustments")
        static let noChanges = Bilingual("与所替代的结账相比，没有变化。", "No figure differs from the close this one replaces.")
    }

    /// Builds each sheet of the finance workbook.
    struct Builder {
        let r: CloseResult
        let lang: Lang
        let names: [String: String]

        init(r: CloseResult, lang: Lang) {
            self.r = r
            self.lang = lang
            var names: [String: String] = [:]
            for row in r.inputs.roster { if let v = row.value, names[v.employeeId] == nil { names[v.employeeId] = v.name } }
            for e in r.employees { names[e.employeeId] = e.name }
            self.names = names
        }

        func t(_ b: Bilingual) -> String { b(lang) }
        func col(_ b: Bilingual, _ kind: ColumnKind, summed: Bool? = nil, attainment: Bool = false, width: Double? = nil) -> ColumnModel {
            ColumnModel(b(lang), kind, summed: summed, attainment: attainment, width: width)
        }
        func sheetName(_ key: String) -> String { FinanceWorkbook.sheetNames[key]!(lang) }
        func name(_ id: String) -> CellModel { .text(names[id]) }
        /// A person by name (an approver given by employee ID reads as 王总); text that is no ID stays as given.
        func personName(_ idOrName: String?) -> String? {
            guard let v = idOrName else { return nil }
            return names[v] ?? v
        }
        func department(_ e: EmployeeResult) -> String {
            if let d = e.department, !d.isEmpty { return d }
            return Vocab.noDepartment(lang)
        }
        func reasons(_ codes: [String]) -> CellModel { .text(CodeText.reasons(codes, lang)) }
        func codes(_ codes: [String]) -> CellModel { .text(CodeText.joined(codes)) }
        var totals: TotalsSpec { TotalsSpec(label: Vocab.total(lang)) }
        func subtotalLabel(_ key: String) -> String { Vocab.subtotal(key, lang) }

        /// remitted / target as the exact ratio of two fen amounts (so the 80% and 100% fills
        /// agree with the rules' exact comparison); nil without a positive target.
        func ratio(_ remitted: Money, _ target: Money?, fallback: Double?) -> Double? {
            Achievement.ratio(remitted, target) ?? fallback
        }

        // MARK: 报销汇总

        func reimbursement() -> SheetModel {
            let columns = [
                col(H.employeeId, .id), col(H.name, .text), col(H.department, .text), col(H.region, .text), col(H.role, .text),
                col(H.claimed, .money), col(H.approved, .money), col(H.mealAllowance, .money), col(H.forfeited, .money),
                col(H.reimbursementAdjustments, .money), col(H.reimbursement, .money), col(H.outstandingBefore, .money),
                col(H.advancesApproved, .money), col(H.repaid, .money), col(H.writtenOff, .money), col(H.settled, .money),
                col(H.netPayable, .money), col(H.outstandingAfter, .money)
            ]
            let rows: [(key: String, cells: [CellModel])] = r.employees.map { e in
                (
                    department(e),
                    [
                        .id(e.employeeId), .text(e.name), .text(department(e)), .text(e.region), .text(Vocab.role(of: e, lang)),
                        .money(e.expensesClaimed), .money(e.expensesApproved), .money(e.mealAllowance), .money(e.forfeitedExpenses),
                        .money(e.reimbursementAdjustments), .money(e.reimbursement), .money(e.advanceOutstandingBefore),
                        .money(e.advancesApproved), .money(e.advanceRepaid), .money(e.advanceWrittenOff), .money(e.advanceSettled),
                        .money(e.netPayable), .money(e.advanceOutstandingAfter)
                    ]
                )
            }
            let table = TableModel.grouped(columns: columns, rows: rows, label: subtotalLabel, keyColumn: 2, totals: totals)
            return SheetModel(key: Key.reimbursement, name: sheetName(Key.reimbursement), table: table)
        }

        // MARK: 费用明细

        func expenseLines() -> SheetModel {
            let columns = [
                col(H.file, .text), col(H.line, .integer, summed: false), col(H.claimId, .id), col(H.employeeId, .id),
                col(H.name, .text), col(H.date, .date), col(H.category, .text), col(H.transport, .text), col(H.city, .text),
                col(H.nights, .integer, summed: false), col(H.receiptNo, .id), col(H.claimed, .money), col(H.approved, .money),
                col(H.decision, .text), col(H.lateClaim, .text), col(H.codes, .text), col(H.reasons, .text)
            ]
            // A detail sheet: its rows are made as the sheet is written (in judging order), not kept as cells.
            let lines = r.expenseLines
            let me = self
            let claimed = lines.map(\.row.amount).sum(), approved = lines.map(\.approved).sum()
            let streamed = StreamedRows.measured(
                count: lines.count, columns: columns.count,
                expectedSums: [11: .money(claimed), 12: .money(approved)]
            ) { body in
                // One string per distinct code list, shared by every line that has it.
                var codeCells: [[String]: (CellModel, CellModel)] = [:]
                for l in lines {
                    let row = l.row
                    let (codeCell, reasonCell): (CellModel, CellModel)
                    if let cached = codeCells[l.codes] {
                        (codeCell, reasonCell) = cached
                    } else {
                        (codeCell, reasonCell) = (me.codes(l.codes), me.reasons(l.codes))
                        codeCells[l.codes] = (codeCell, reasonCell)
                    }
                    try body([
                        .text(l.ref.file), .integer(l.ref.line), .id(row.claimId), .id(row.employeeId), me.name(row.employeeId),
                        .date(row.date), .text(Vocab.category(row.category, me.lang)),
                        row.transportMode.map { .text(Vocab.transport($0, me.lang)) } ?? .empty, .text(row.cityShown ?? row.city),
                        row.category == .lodging ? .integer(row.nights) : .empty, .text(row.receiptNo),
                        .money(row.amount), .money(l.approved), .text(Vocab.decision(l.decision, me.lang)),
                        .text(Vocab.yesNo(l.lateClaim, me.lang)), codeCell, reasonCell
                    ])
                }
            }
            return SheetModel(
                key: Key.expenseLines, name: sheetName(Key.expenseLines),
                table: TableModel(columns: columns, totals: totals, streamed: streamed))
        }

        // MARK: 借款

        func advances() -> SheetModel {
            let columns = [
                col(H.advanceId, .id), col(H.employeeId, .id), col(H.name, .text), col(H.date, .date), col(H.amount, .money),
                col(H.approvedAmount, .money), col(H.purpose, .text), col(H.decision, .text), col(H.codes, .text),
                col(H.reasons, .text), col(H.balanceAfter, .money, summed: false)
            ]
            let rows: [[CellModel]] = r.advances.map { a in
                [
                    .id(a.row.advanceId), .id(a.row.employeeId), name(a.row.employeeId), .date(a.row.date), .money(a.row.amount),
                    .money(a.decision == .approved ? a.row.amount : .zero), .text(a.row.purpose),
                    .text(Vocab.advanceDecision(a.decision, lang)), codes(a.codes), reasons(a.codes), .money(a.balanceAfter)
                ]
            }
            return SheetModel(
                key: Key.advances, name: sheetName(Key.advances),
                table: TableModel(columns: columns, rows: rows, totals: totals))
        }

        // MARK: 调整

        func adjustments() -> SheetModel {
            let columns = [
                col(H.adjustmentId, .id), col(H.date, .date), col(H.employeeId, .id), col(H.name, .text), col(H.kind, .text),
                col(H.amount, .money), col(H.approvedBy, .text), col(H.reference, .text), col(H.note, .text)
            ]
            // Subtotals by kind (a total over repayments and commission together would mean nothing).
            let order = Dictionary(uniqueKeysWithValues: AdjustmentKind.allCases.enumerated().map { ($1, $0) })
            let sorted = r.adjustments.enumerated().sorted { (order[$0.element.row.kind]!, $0.offset) < (order[$1.element.row.kind]!, $1.offset) }
            let rows: [(key: String, cells: [CellModel])] = sorted.map { _, a in
                let kind = Vocab.adjustmentKind(a.row.kind, lang)
                return (
                    kind,
                    [
                        .id(a.row.adjustmentId), .date(a.row.date), .id(a.row.employeeId), name(a.row.employeeId), .text(kind),
                        .money(a.row.amount), .text(personName(a.row.approvedBy)), .text(a.row.reference), .text(a.row.note)
                    ]
                )
            }
            let table = TableModel.grouped(columns: columns, rows: rows, label: subtotalLabel, keyColumn: 4, totals: nil)
            return SheetModel(key: Key.adjustments, name: sheetName(Key.adjustments), table: table)
        }

        // MARK: 提成

        /// Anyone with a target or a commission outcome, and anyone whose deferred commission the ledger carries
        /// (a leaver's stays visible while it is carried).
        func isCommissionEmployee(_ e: EmployeeResult) -> Bool {
            e.remittanceTarget != nil || e.codes.contains { $0.isCode(of: .com) }
                || e.commissionDeferredBefore != .zero || e.commissionDeferredBalance != .zero
        }

        func commission() -> SheetModel {
            let columns = [
                col(H.employeeId, .id), col(H.name, .text), col(H.department, .text), col(H.role, .text),
                col(H.remittanceTarget, .money), col(H.remitted, .money),
                ColumnModel(t(H.attainment), .percent, attainment: true, ratioOf: (5, 4)),
                col(H.earned, .money), col(H.deferredBefore, .money), col(H.commissionSettled, .money),
                col(H.deferredAfter, .money), col(H.commissionForfeited, .money), col(H.commissionAdjustments, .money),
                col(H.codes, .text), col(H.reasons, .text)
            ]
            let rows: [[CellModel]] = r.employees.filter(isCommissionEmployee).map { e in
                let own = e.codes.filter { $0.isCode(of: .com) || $0.isCode(.auditForfeit) }
                var why = CodeText.reasons(own, lang)
                if !e.active && e.commissionDeferredBalance != .zero {
                    why = why.isEmpty ? t(H.leaverDeferred) : why + Vocab.reasonSeparator(lang) + t(H.leaverDeferred)
                }
                return [
                    .id(e.employeeId), .text(e.name), .text(department(e)), .text(Vocab.role(of: e, lang)),
                    .money(e.remittanceTarget), .money(e.remitted),
                    .percent(ratio(e.remitted, e.remittanceTarget, fallback: e.attainment)),
                    .money(e.commissionEarned), .money(e.commissionDeferredBefore), .money(e.commissionSettled),
                    .money(e.commissionDeferredBalance), .money(e.commissionForfeited), .money(e.commissionAdjustments),
                    codes(own), .text(why)
                ]
            }
            return SheetModel(
                key: Key.commission, name: sheetName(Key.commission),
                table: TableModel(columns: columns, rows: rows, totals: totals))
        }

        // MARK: 工资

        var payEmployees: [EmployeeResult] { r.employees.filter { $0.grossPay != nil } }

        /// The pay parts as SalesCore worked them out (rules.md §6).
        func payCells(_ e: EmployeeResult) -> [CellModel] {
            [
                .text(Vocab.level(e.level, lang)), .money(e.baseSalary), .money(e.performancePay), .percent(e.payFactor?.doubleValue),
                .money(e.basePayAfterFactor), .money(e.commissionSettled), .money(e.commissionForfeited),
                .money(e.commissionAdjustments), .money(e.grossPay)
            ]
        }

        var payColumns: [ColumnModel] {
            [
                col(H.level, .text), col(H.baseSalary, .money), col(H.performancePay, .money), col(H.payFactor, .percent),
                col(H.basePayPaid, .money), col(H.commissionSettled, .money), col(H.commissionForfeited, .money),
                col(H.commissionAdjustments, .money), col(H.grossPay, .money)
            ]
        }

        func pay() -> SheetModel {
            let columns = [col(H.employeeId, .id), col(H.name, .text), col(H.department, .text), col(H.role, .text)] + payColumns
            let rows: [(key: String, cells: [CellModel])] = payEmployees.map { e in
                (department(e), [.id(e.employeeId), .text(e.name), .text(department(e)), .text(Vocab.role(of: e, lang))] + payCells(e))
            }
            let table = TableModel.grouped(columns: columns, rows: rows, label: subtotalLabel, keyColumn: 2, totals: totals)
            // People outside the pay roles are listed as such, so the headcount reconciles with the roster.
            let others = r.employees.filter { $0.active && $0.grossPay == nil }
            var appendix: [TableModel] = []
            if !others.isEmpty {
                appendix.append(
                    TableModel(
                        title: t(H.outsidePayRoles),
                        columns: [col(H.employeeId, .id), col(H.name, .text), col(H.department, .text), col(H.role, .text), col(H.note, .text)],
                        rows: others.map { e in
                            [.id(e.employeeId), .text(e.name), .text(department(e)), .text(Vocab.role(of: e, lang)), .text(t(H.outsidePayNote))]
                        }))
            }
            return SheetModel(key: Key.pay, name: sheetName(Key.pay), table: table, appendix: appendix)
        }

        // MARK: 报销单, 工资条

        func hasClaimSlip(_ e: EmployeeResult) -> Bool {
            [
                e.expensesClaimed, e.expensesApproved, e.mealAllowance, e.forfeitedExpenses, e.reimbursementAdjustments,
                e.reimbursement, e.advanceOutstandingBefore, e.advancesApproved, e.advanceRepaid, e.advanceWrittenOff,
                e.advanceSettled, e.netPayable, e.advanceOutstandingAfter
            ].contains { $0 != .zero }
        }

        /// The slip's title line: what it is, whose, and where.
        func slipHeading(_ what: Bilingual, _ e: EmployeeResult, extra: [String] = []) -> SlipRow {
            let parts = [t(what), e.employeeId, e.name, department(e), e.region] + extra
            return SlipRow(.heading, [.text(parts.filter { !$0.isEmpty }.joined(separator: "  "))])
        }

        /// A line of a slip: label, the amount in column `at`, and a note after it.
        func slipLine(
            _ label: Bilingual, _ value: CellModel, at col: Int, width: Int, note: String = "",
            style: SlipRowStyle = .data
        ) -> SlipRow {
            var cells = Array(repeating: CellModel.empty, count: width)
            cells[0] = .text(t(label))
            cells[col] = value
            if !note.isEmpty, col + 1 < width { cells[col + 1] = .text(note) }
            return SlipRow(style, cells)
        }

        /// 报销单: the claim's lines with claimed and approved amounts and the reason for every cut, then the
        /// settlement adding up on its face (应报销; 期初借款 + 本月借款 − 冲借款 − 还款 − 核销 = 期末借款; 实付 = 应报销 − 冲借款),
        /// 实付 in 人民币大写, and the lines to sign.
        func claimSlips() -> SheetModel {
            let columns = [
                col(H.date, .date), col(H.category, .text), col(H.receiptNo, .id), col(H.claimedShort, .money),
                col(H.approved, .money), col(H.slipReason, .text, width: 26)
            ]
            var linesBy: [String: [ExpenseLineResult]] = [:]
            for l in r.expenseLines { linesBy[l.row.employeeId, default: []].append(l) }
            let n = columns.count, amount = 4
            let slips: [SlipModel] = r.employees.filter(hasClaimSlip).map { e in
                var rows: [SlipRow] = [slipHeading(H.claimSlip, e)]
                rows.append(SlipRow(.header, columns.map { .text($0.header) }))
                let lines = linesBy[e.employeeId] ?? []
                let firstLine = rows.count
                for l in lines {
                    var why = l.decision == .approved ? "" : CodeText.reasons(l.codes, lang)
                    if l.lateClaim { why = why.isEmpty ? t(H.lateClaimNote) : t(H.lateClaimNote) + Vocab.reasonSeparator(lang) + why }
                    rows.append(
                        SlipRow(
                            .data,
                            [
                                .date(l.row.date), .text(Vocab.category(l.row.category, lang)), .text(l.row.receiptNo),
                                .money(l.row.amount), .money(l.approved), .text(why)
                            ]))
                }
                let lastLine = rows.count - 1
                func lineSum(_ c: Int, _ cached: Money) -> CellModel {
                    guard lastLine >= firstLine else { return .money(cached) }
                    return .formula(RowFormula("SUM({r\(firstLine).\(c)}:{r\(lastLine).\(c)})", cached: .money(cached)))
                }
                let totalRow = rows.count
                rows.append(
                    SlipRow(
                        .total,
                        [
                            .text(t(H.linesTotal)), .empty, .empty, lineSum(3, e.expensesClaimed),
                            lineSum(4, e.expensesApproved), .empty
                        ]))
                func ref(_ k: Int) -> String { "{r\(k).\(amount)}" }
                let approvedRow = rows.count
                rows.append(
                    slipLine(
                        H.approvedExpenses, .formula(RowFormula(ref(totalRow), cached: .money(e.expensesApproved))),
                        at: amount, width: n))
                let mealRow = rows.count
                rows.append(slipLine(H.mealAllowance, .money(e.mealAllowance), at: amount, width: n))
                let forfeitRow = rows.count
                rows.append(
                    slipLine(
                        H.lessForfeited, .money(e.forfeitedExpenses), at: amount, width: n,
                        note: e.forfeitedExpenses == .zero ? "" : CodeText.sentence(.auditForfeit, lang)))
                let adjRow = rows.count
                rows.append(slipLine(H.reimbursementAdjustments, .money(e.reimbursementAdjustments), at: amount, width: n))
                let reimbRow = rows.count
                rows.append(
                    slipLine(
                        H.reimbursement,
                        .formula(
                            RowFormula(
                                "MAX(0,\(ref(approvedRow))+\(ref(mealRow))-\(ref(forfeitRow))+\(ref(adjRow)))", cached: .money(e.reimbursement))),
                        at: amount, width: n, style: .total))
                let beforeRow = rows.count
                rows.append(slipLine(H.outstandingBefore, .money(e.advanceOutstandingBefore), at: amount, width: n))
                let advRow = rows.count
                rows.append(slipLine(H.plusAdvances, .money(e.advancesApproved), at: amount, width: n))
                let settledRow = rows.count
                rows.append(slipLine(H.lessSettled, .money(e.advanceSettled), at: amount, width: n, note: t(H.settledNote)))
                let repaidRow = rows.count
                rows.append(slipLine(H.lessRepaid, .money(e.advanceRepaid), at: amount, width: n))
                let writtenOffRow = rows.count
                rows.append(slipLine(H.lessWrittenOff, .money(e.advanceWrittenOff), at: amount, width: n))
                rows.append(
                    slipLine(
                        H.outstandingAfter,
                        .formula(
                            RowFormula(
                                "\(ref(beforeRow))+\(ref(advRow))-\(ref(settledRow))-\(ref(repaidRow))-\(ref(writtenOffRow))",
                                cached: .money(e.advanceOutstandingAfter))), at: amount, width: n, style: .total))
                rows.append(
                    slipLine(
                        H.netPayable,
                        .formula(
                            RowFormula(
                                "\(ref(reimbRow))-\(ref(settledRow))",
                                cached: .money(e.netPayable))),
                        at: amount, width: n, style: .total))
                var words = Array(repeating: CellModel.empty, count: n)
                words[0] = .text(t(H.netPayableWords))
                words[amount] = .text(e.netPayable.inChineseCapitals)
                rows.append(SlipRow(.data, words))
                rows.append(
                    SlipRow(
                        .signature,
                        [
                            .text(t(H.signClaimant)), .empty, .text(t(H.signManager)), .empty,
                            .text(t(H.signFinance)), .text(t(H.signGM))
                        ]))
                return SlipModel(
                    label: "\(e.employeeId) \(e.name)", rows: rows,
                    continued: [t(H.claimSlipContinued), e.employeeId, e.name].joined(separator: "  "))
            }
            return SheetModel(
                key: Key.claimSlips, name: sheetName(Key.claimSlips), table: TableModel(columns: columns),
                layout: .slips, freezeHeader: false, autofilter: false, slips: slips)
        }

        /// Why the pay factor is what it is (季度考核).
        func factorReason(_ e: EmployeeResult) -> String {
            guard let f = e.payFactor else { return "" }
            if f < .one { return t(H.factorCut) }
            return t(H.factorFull)
        }

        /// Why the commission was settled, deferred or not earned (未达 80% 暂缓).
        func commissionReason(_ e: EmployeeResult) -> String {
            let own = e.codes.filter { $0.isCode(.comSettled) || $0.isCode(.comDeferred) || $0.isCode(.comNoTarget) }
            return CodeText.reasons(own, lang)
        }

        /// 工资条: attainment, commission earned / settled / deferred with why, the pay factor with why, and the
        /// figures that make 应发 (底薪计发 + 结算提成 − 扣除提成 + 提成调整), then the lines to sign.
        func paySlips() -> SheetModel {
            let columns = [col(H.item, .text), col(H.amount, .money), col(H.slipNote, .text, width: 40)]
            let n = columns.count
            let slips: [SlipModel] = payEmployees.map { e in
                var rows: [SlipRow] = [slipHeading(H.paySlip, e, extra: [Vocab.role(of: e, lang), Vocab.level(e.level, lang)])]
                rows.append(SlipRow(.header, columns.map { .text($0.header) }))
                func line(_ label: Bilingual, _ value: CellModel, _ note: String = "", style: SlipRowStyle = .data) -> Int {
                    rows.append(slipLine(label, value, at: 1, width: n, note: note, style: style))
                    return rows.count - 1
                }
                func ref(_ k: Int) -> String { "{r\(k).1}" }
                _ = line(H.remittanceTarget, .money(e.remittanceTarget), e.remittanceTarget == nil ? CodeText.sentence(.comNoTarget, lang) : "")
                _ = line(H.remitted, .money(e.remitted))
                _ = line(H.attainment, .percent(e.attainment))
                _ = line(H.earned, .money(e.commissionEarned), t(H.earnedNote) + r.policy.commissionRate.percentText)
                _ = line(H.deferredBefore, .money(e.commissionDeferredBefore))
                let settled = line(H.commissionSettled, .money(e.commissionSettled), commissionReason(e))
                _ = line(
                    H.deferredAfter, .money(e.commissionDeferredBalance),
                    e.commissionDeferredBalance == .zero ? "" : t(H.deferredNote))
                let forfeited = line(
                    H.commissionForfeited, .money(e.commissionForfeited),
                    e.commissionForfeited == .zero ? "" : CodeText.sentence(.auditForfeit, lang))
                let adjusted = line(H.commissionAdjustments, .money(e.commissionAdjustments))
                let base = line(H.baseSalary, .money(e.baseSalary))
                let perf = line(H.performancePay, .money(e.performancePay), Vocab.level(e.level, lang))
                let factor = line(H.payFactor, .percent(e.payFactor?.doubleValue), factorReason(e))
                let paid = line(
                    H.basePayPaid,
                    .formula(
                        RowFormula(
                            "ROUND((\(ref(base))+\(ref(perf)))*\(ref(factor)),2)",
                            cached: .money(e.basePayAfterFactor ?? .zero))))
                _ = line(
                    H.grossPay,
                    .formula(
                        RowFormula(
                            "\(ref(paid))+\(ref(settled))-\(ref(forfeited))+\(ref(adjusted))",
                            cached: .money(e.grossPay ?? .zero))), t(H.grossNote), style: .total)
                rows.append(SlipRow(.signature, [.text(t(H.signEmployee)), .empty, .text(t(H.signFinance))]))
                return SlipModel(label: "\(e.employeeId) \(e.name)", rows: rows)
            }
            return SheetModel(
                key: Key.paySlips, name: sheetName(Key.paySlips), table: TableModel(columns: columns),
                layout: .slips, freezeHeader: false, autofilter: false, slips: slips)
        }

        // MARK: 季度考核, 年终奖

        func blockNotes(_ title: String, _ codes: [String]) -> [String] {
            [title] + codes.map { "\($0)：" + CodeText.sentence($0, lang) }
        }

        func quarter(_ q: QuarterBlock) -> SheetModel {
            let columns = [
                col(H.employeeId, .id), col(H.name, .text), col(H.quarterRemitted, .money), col(H.quarterTarget, .money),
                ColumnModel(t(H.attainment), .percent, attainment: true, ratioOf: (2, 3)), col(H.newOutlets, .integer, summed: true),
                col(H.newOutletsTarget, .integer, summed: true), col(H.assessed, .text), col(H.nextPayFactor, .percent),
                col(H.codes, .text), col(H.reasons, .text)
            ]
            let rows: [[CellModel]] = q.employees.map { e in
                [
                    .id(e.employeeId), name(e.employeeId), .money(e.remitted), .money(e.target),
                    .percent(ratio(e.remitted, e.target, fallback: e.attainment)), .integer(e.newOutlets), .integer(e.newOutletsTarget),
                    .text(Vocab.yesNo(e.assessed, lang)), .percent(e.nextPayFactor.doubleValue), codes(e.codes), reasons(e.codes)
                ]
            }
            let title = lang == .zh ? "\(q.label) 季度考核" : "Quarter review \(q.label)"
            return SheetModel(
                key: Key.quarter, name: sheetName(Key.quarter), notes: blockNotes(title, q.codes),
                table: TableModel(columns: columns, rows: rows, totals: totals))
        }

        func year(_ y: YearBlock) -> SheetModel {
            let columns = [
                col(H.employeeId, .id), col(H.name, .text), col(H.yearRemitted, .money), col(H.yearTarget, .money),
                ColumnModel(t(H.attainment), .percent, attainment: true, ratioOf: (2, 3)), col(H.rate, .percent), col(H.yearTotal, .money),
                col(H.paid, .money), col(H.bonus, .money), col(H.codes, .text), col(H.reasons, .text)
            ]
            let rows: [[CellModel]] = y.employees.map { e in
                [
                    .id(e.employeeId), name(e.employeeId), .money(e.remitted), .money(e.target),
                    .percent(ratio(e.remitted, e.target, fallback: e.attainment)), .percent(e.rate?.doubleValue),
                    .money(e.yearTotal), .money(e.paid), .money(e.bonus), codes(e.codes), reasons(e.codes)
                ]
            }
            let title = lang == .zh ? "\(y.year)年 年终奖（总经理奖）" : "Year-end bonus \(y.year)"
            return SheetModel(
                key: Key.year, name: sheetName(Key.year), notes: blockNotes(title, y.codes),
                table: TableModel(columns: columns, rows: rows, totals: totals))
        }

        // MARK: 控制总数

        func controlTotals() -> SheetModel {
            let tally = r.tally
            let columns = [
                col(H.file, .text), col(H.inputKind, .text), col(H.encoding, .text), col(H.rows, .integer, summed: true),
                col(H.accepted, .integer, summed: true), col(H.rejected, .integer, summed: true), col(H.blank, .integer, summed: true),
                col(H.check, .integer, summed: true), col(H.unparsedMoney, .integer, summed: true)
            ]
            var rows: [[CellModel]] = []
            var moneyRows: [[CellModel]] = []
            for file in r.inputs.files {
                let f = tally.counts(file.file)
                let check = file.rows - f.accepted - f.rejected - file.blank
                rows.append([
                    .text(file.file), .text(Vocab.inputKind(file.kind, lang)), .text(file.encoding), .integer(file.rows),
                    .integer(f.accepted), .integer(f.rejected), .integer(file.blank),
                    .formula(RowFormula("{3}-{4}-{5}-{6}", cached: .integer(check))), .integer(f.badMoneyCells)
                ])
                for column in InputFacts.moneyColumns(kind: file.kind, seen: f.money.map(\.column)) {
                    let sums = f.sums(column)
                    let acc = sums?.accepted ?? .zero, rej = sums?.rejected ?? .zero, all = sums?.all ?? .zero
                    moneyRows.append([
                        .text(file.file), .text(moneyColumnLabel(column)), .money(acc), .money(rej), .money(all),
                        .formula(RowFormula("{4}-{2}-{3}", cached: .money(all - acc - rej)))
                    ])
                }
            }
            let moneyColumns = [
                col(H.file, .text), col(H.moneyColumn, .text), col(H.acceptedSum, .money, summed: false),
                col(H.rejectedSum, .money, summed: false), col(H.allSum, .money, summed: false),
                col(H.check, .money, summed: false)
            ]
            let appendix = TableModel(title: t(H.moneyReconciliation), columns: moneyColumns, rows: moneyRows)
            return SheetModel(
                key: Key.controlTotals, name: sheetName(Key.controlTotals),
                table: TableModel(columns: columns, rows: rows, totals: totals), appendix: [appendix])
        }

        /// An input column as the input files name it in Chinese (金额, 票据号 …); the canonical name in English.
        func moneyColumnLabel(_ column: String) -> String { Vocab.column(column, kind: nil, lang) }

        // MARK: 退回行

        func rejectedRows() -> SheetModel {
            // The reason as made (its canonical text is English), in the book's language; columns as the file named them.
            let columns = [
                col(H.file, .text), col(H.line, .integer, summed: false), col(H.column, .text), col(H.code, .text),
                col(H.reasons, .text), col(H.message, .text), col(H.raw, .text)
            ]
            // A detail sheet: its rows are made as the sheet is written (files, then lines), not kept as cells.
            let rejected = r.tally.rejected
            let wholeRow = t(H.wholeRow), lang = self.lang
            let kinds = Dictionary(r.inputs.files.map { ($0.file, $0.kind) }, uniquingKeysWith: { a, _ in a })
            let headers = Dictionary(r.inputs.files.map { ($0.file, $0.headers) }, uniquingKeysWith: { a, _ in a })
            let streamed = StreamedRows.measured(count: rejected.count, columns: columns.count) { body in
                for x in rejected {
                    let own = headers[x.file] ?? [:]
                    let column = x.issue.column.map { c in (lang == .zh ? own[c] : nil) ?? Vocab.column(c, kind: kinds[x.file], lang) } ?? wholeRow
                    try body([
                        .text(x.file), .integer(x.line), .text(column),
                        .text(x.issue.code), .text(CodeText.sentence(x.issue.code, lang)),
                        .text(MessageText.render(x.issue.message, lang, headers: own)), .text(x.raw)
                    ])
                }
            }
            return SheetModel(
                key: Key.rejectedRows, name: sheetName(Key.rejectedRows),
                table: TableModel(columns: columns, streamed: streamed))
        }

        // MARK: 重开差异

        /// A summary field as the sheets name it ("net_payable" → 实付); a label the caller already gave stays.
        func fieldLabel(_ field: String) -> String {
            let labels: [String: Bilingual] = [
                "expenses_claimed": H.claimed, "expenses_approved": H.approved, "meal_allowance": H.mealAllowance,
                "reimbursement_adjustments": H.reimbursementAdjustments, "advances_approved": H.advancesApproved,
                "advance_settled": H.settled, "advance_outstanding_after": H.outstandingAfter, "net_payable": H.netPayable,
                "sales": Bilingual("销售额", "Sales"), "remitted": H.remitted, "commission_earned": H.earned,
                "commission_settled": H.commissionSettled, "commission_deferred_balance": H.deferredAfter,
                "commission_adjustments": H.commissionAdjustments, "gross_pay": H.grossPay, "codes": H.codes
            ]
            return labels[field].map(t) ?? field
        }

        func changes(_ changes: [ChangeRow]) -> SheetModel {
            let columns = [
                col(H.employeeId, .id), col(H.name, .text), col(H.field, .text), col(H.before, .text), col(H.after, .text),
                col(H.difference, .money, summed: false)
            ]
            func cell(_ v: ChangeValue) -> CellModel {
                switch v {
                case .none: return .empty
                case .money(let m): return .money(m)
                case .integer(let n): return .integer(n)
                case .ratio(let d): return .percent(d)
                case .text(let s): return .text(s)
                }
            }
            let rows: [[CellModel]] = changes.map { c in
                var diff = CellModel.empty
                switch (c.before, c.after) {
                case (.money(let a), .money(let b)): diff = .money(b - a)
                case (.none, .money(let b)): diff = .money(b)
                case (.money(let a), .none): diff = .money(-a)
                default: break
                }
                return [
                    .id(c.employeeId), .text(c.name ?? names[c.employeeId]), .text(fieldLabel(c.field)), cell(c.before),
                    cell(c.after), diff
                ]
            }
            return SheetModel(
                key: Key.changes, name: sheetName(Key.changes), notes: changes.isEmpty ? [t(H.noChanges)] : [],
                table: TableModel(columns: columns, rows: rows))
        }
    }
}

/// The money columns of a file's reconciliation.
enum InputFacts {
    /// The kind's money columns (inputs.md), then any other column seen, in order.
    static func moneyColumns(kind: InputKind, seen: [String]) -> [String] {
        let known: [String]
        switch kind {
        case .targets: known = ["sales_target", "remittance_target"]
        case .sales: known = ["unit_price", "amount", "remitted"]
        case .expenses, .remittances, .advances, .adjustments: known = ["amount"]
        case .roster, .attendance, .plans, .visits: known = []
        }
        return known + seen.filter { !known.contains($0) }
    }
}
