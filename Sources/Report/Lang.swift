import SalesCore

/// The language of a workbook's labels, sheet names and code sentences: SalesCore's `Language` (zh, the
/// default, or en with `--lang en`), the one of the run.
public typealias Lang = Language

/// A label in both workbook languages.
public struct Bilingual: Sendable, Hashable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) { self.zh = zh; self.en = en }
    public func callAsFunction(_ lang: Lang) -> String { lang == .zh ? zh : en }
}

/// Words shared by every workbook: roles, levels, categories, decisions, yes/no.
/// The Chinese follows the company text (篇9): 报销, 借款, 工资, 提成, 伙食补助, 总经理奖.
public enum Vocab {
    /// An employee's job title: in the Chinese books as the roster wrote it, in English by its role.
    public static func role(of e: EmployeeResult, _ lang: Lang) -> String {
        if lang == .zh, let shown = e.roleShown, !shown.isEmpty { return shown }
        return role(e.role, lang)
    }

    public static func role(_ r: Role, _ lang: Lang) -> String {
        switch r {
        case .director: return Bilingual("销售部长", "Sales director")(lang)
        case .regional_manager: return Bilingual("区域经理", "Regional manager")(lang)
        case .key_account_manager: return Bilingual("大客户经理", "Key account manager")(lang)
        case .sales_rep: return Bilingual("销售代表", "Sales rep")(lang)
        case .assistant: return Bilingual("营销助理", "Assistant")(lang)
        }
    }

    /// 工资级别: 一级 … 四级, 见习级.
    public static func level(_ l: Level, _ lang: Lang) -> String {
        switch l {
        case .numbered(let n):
            let zh = ["一级", "二级", "三级", "四级"]
            return lang == .zh ? (1...4).contains(n) ? zh[n - 1] : "\(n)级" : "Level \(n)"
        case .trainee: return Bilingual("见习级", "Trainee")(lang)
        }
    }

    public static func category(_ c: ExpenseCategory, _ lang: Lang) -> String {
        switch c {
        case .lodging: return Bilingual("住宿费", "Lodging")(lang)
        case .meals: return Bilingual("伙食费", "Meals")(lang)
        case .transport: return Bilingual("交通费", "Transport")(lang)
        case .entertainment: return Bilingual("招待费", "Entertainment")(lang)
        case .communication: return Bilingual("通讯费", "Communication")(lang)
        case .other: return Bilingual("其他", "Other")(lang)
        }
    }

    public static func transport(_ t: TransportMode, _ lang: Lang) -> String {
        switch t {
        case .flight: return Bilingual("飞机", "Flight")(lang)
        case .train: return Bilingual("火车", "Train")(lang)
        case .bus: return Bilingual("长途汽车", "Bus")(lang)
        case .ship: return Bilingual("轮船", "Ship")(lang)
        case .local: return Bilingual("市内交通", "Local")(lang)
        }
    }

    public static func decision(_ d: ExpenseDecision, _ lang: Lang) -> String {
        switch d {
        case .approved: return Bilingual("批准", "Approved")(lang)
        case .reduced: return Bilingual("核减", "Reduced")(lang)
        case .denied: return Bilingual("不予报销", "Denied")(lang)
        }
    }

    public static func advanceDecision(_ d: AdvanceDecision, _ lang: Lang) -> String {
        switch d {
        case .approved: return Bilingual("批准", "Approved")(lang)
        case .denied: return Bilingual("不予审批", "Denied")(lang)
        }
    }

    public static func adjustmentKind(_ k: AdjustmentKind, _ lang: Lang) -> String {
        switch k {
        case .advance_repaid: return Bilingual("还款", "Advance repaid")(lang)
        case .advance_written_off: return Bilingual("核销", "Advance written off")(lang)
        case .reimbursement: return Bilingual("报销调整", "Reimbursement adjustment")(lang)
        case .commission: return Bilingual("提成调整", "Commission adjustment")(lang)
        }
    }

    public static func inputKind(_ k: InputKind, _ lang: Lang) -> String {
        switch (lang, k) {
        case (.zh, _): return k.zhName
        case (.en, .roster): return "Roster"
        case (.en, .targets): return "Targets"
        case (.en, .sales): return "Sales"
        case (.en, .attendance): return "Attendance"
        case (.en, .expenses): return "Expenses"
        case (.en, .plans): return "Plans"
        case (.en, .remittances): return "Remittances"
        case (.en, .advances): return "Advances"
        case (.en, .adjustments): return "Adjustments"
        case (.en, .visits): return "Visits"
        }
    }

    public static func yesNo(_ b: Bool, _ lang: Lang) -> String {
        b ? Bilingual("是", "Yes")(lang) : Bilingual("否", "No")(lang)
    }

    /// An input column by the name the company's files give it (inputs.md's first Chinese name; 票据号 for an
    /// expense's receipt, 收据号 for a remittance's), or its canonical name in English.
    /// A column as inputs.md names it in Chinese (the file's own header, where the caller has it, comes first).
    public static func column(_ canonical: String, kind: InputKind?, _ lang: Lang) -> String {
        guard lang == .zh else { return canonical }
        return MessageText.columnName(canonical, kind: kind) ?? canonical
    }

    /// Employees without a department are grouped under this.
    public static let noDepartment = Bilingual("未分部门", "No department")
    public static let total = Bilingual("合计", "Total")
    public static func subtotal(_ group: String, _ lang: Lang) -> String {
        lang == .zh ? "\(group) 小计" : "Subtotal \(group)"
    }
    /// The separator between joined reasons: "；" in Chinese, "; " in English.
    public static func reasonSeparator(_ lang: Lang) -> String { lang == .zh ? "；" : "; " }
}
