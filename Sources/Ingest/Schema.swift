import SalesCore

/// The value type of a column (inputs.md "Types").
public enum ColumnType: String, Sendable {
    case text, money, decimal, integer, date, month, boolean, city
    case role, level, attendanceStatus, expenseCategory, transportMode, receiptKind, visitKind, adjustmentKind
}

/// One column of a kind: canonical English name, the Chinese names, required or not.
public struct ColumnSpec: Sendable {
    public var name: String
    public var aliases: [String]
    public var required: Bool
    public var type: ColumnType
    public init(_ name: String, _ aliases: [String], required: Bool = false, _ type: ColumnType = .text) {
        self.name = name; self.aliases = aliases; self.required = required; self.type = type
    }
    /// Every spelling that matches, English first.
    public var names: [String] { [name] + aliases }
}

/// One file kind: its name prefixes and columns, in the order of inputs.md.
public struct KindSchema: Sendable {
    public var kind: InputKind
    public var prefixes: [String]
    public var columns: [ColumnSpec]
    public var required: [ColumnSpec] { columns.filter(\.required) }
    public func column(_ name: String) -> ColumnSpec? { columns.first { $0.name == name } }
}

public enum Schemas {
    static let employeeIdAliases = ["员工编号", "員工編號", "工号", "工號", "编号"]

    /// Sales adds 业务员/销售员编号 to the roster's names; the kinds after it say "as above", so every kind takes
    /// both sets (a remittances export headed 业务员 is the normal case).
    static let salespersonAliases = ["业务员", "業務員", "销售员编号", "銷售員編號"]

    static func employeeId(extra: [String] = []) -> ColumnSpec {
        var names = extra
        for a in salespersonAliases + employeeIdAliases where !names.contains(a) { names.append(a) }
        return ColumnSpec("employee_id", names, required: true)
    }

    public static let roster = KindSchema(
        kind: .roster, prefixes: ["roster", "employees", "员工", "員工", "花名册"],
        columns: [
            employeeId(),
            ColumnSpec("name", ["姓名"], required: true),
            ColumnSpec("role", ["岗位", "崗位", "职务", "職務"], required: true, .role),
            ColumnSpec("level", ["级别", "級別", "职级", "職級"], .level),
            ColumnSpec("region", ["区域", "區域", "片区", "片區"], required: true),
            ColumnSpec("department", ["部门", "部門"]),
            ColumnSpec("manager_id", ["上级", "上級", "直属经理", "直屬經理"]),
            ColumnSpec("hire_date", ["入职日期", "入職日期"], required: true, .date),
            ColumnSpec("leave_date", ["离职日期", "離職日期"], .date)
        ])

    public static let targets = KindSchema(
        kind: .targets, prefixes: ["targets", "指标", "指標", "目标", "目標", "销售指标", "銷售指標", "回款指标", "回款指標"],
        columns: [
            ColumnSpec("period", ["月份", "期间", "期間"], required: true, .month),
            employeeId(),
            ColumnSpec("sales_target", ["销售指标", "銷售指標", "销量计划", "銷量計劃"], .money),
            ColumnSpec("remittance_target", ["回款指标", "回款指標", "汇款指标", "匯款指標"], required: true, .money),
            ColumnSpec("new_outlets_target", ["网点开发指标", "網點開發指標", "新客户指标", "新客戶指標"], .integer)
        ])

    public static let sales = KindSchema(
        kind: .sales, prefixes: ["sales", "销售", "銷售"],
        columns: [
            ColumnSpec("date", ["日期", "订单日期", "訂單日期"], required: true, .date),
            ColumnSpec("order_id", ["订单号", "訂單號", "单号", "單號"], required: true),
            ColumnSpec("line_no", ["行号", "行號"], .integer),
            employeeId(extra: ["业务员", "業務員", "销售员编号", "銷售員編號"]),
            ColumnSpec("customer_id", ["客户编号", "客戶編號"], required: true),
            ColumnSpec("customer_name", ["客户名称", "客戶名稱", "客户", "客戶"]),
            ColumnSpec("product", ["产品", "產品", "品名"], required: true),
            ColumnSpec("quantity", ["数量", "數量"], required: true, .decimal),
            ColumnSpec("unit_price", ["单价", "單價"], .money),
            ColumnSpec("amount", ["金额", "金額", "销售额", "銷售額"], required: true, .money),
            ColumnSpec("remitted", ["回款", "回款金额", "回款金額", "汇款", "匯款"], .money),
            ColumnSpec("new_customer", ["新客户", "新客戶"], .boolean)
        ])

    public static let attendance = KindSchema(
        kind: .attendance, prefixes: ["attendance", "考勤", "员工考勤", "員工考勤"],
        columns: [
            ColumnSpec("date", ["日期"], required: true, .date),
            employeeId(),
            ColumnSpec("status", ["状态", "狀態", "考勤状态"], required: true, .attendanceStatus),
            ColumnSpec("city", ["城市", "地点", "地點"], .city)
        ])

    public static let expenses = KindSchema(
        kind: .expenses, prefixes: ["expenses", "报销", "報銷", "费用", "費用"],
        columns: [
            ColumnSpec("claim_id", ["报销单号", "報銷單號", "单据号", "單據號"], required: true),
            employeeId(),
            ColumnSpec("date", ["日期", "发生日期", "發生日期"], required: true, .date),
            ColumnSpec("category", ["类别", "類別", "费用类别", "費用類別", "科目"], required: true, .expenseCategory),
            ColumnSpec("transport_mode", ["交通方式", "交通工具"], .transportMode),
            ColumnSpec("city", ["城市", "地点", "地點"], .city),
            ColumnSpec("nights", ["晚数", "晚數", "天数", "天數"], .integer),
            ColumnSpec("amount", ["金额", "金額"], required: true, .money),
            ColumnSpec("receipt_no", ["票据号", "票據號", "发票号", "發票號"]),
            ColumnSpec("receipt_kind", ["票据类型", "票據類型"], .receiptKind),
            ColumnSpec("approved_by", ["经理签字", "經理簽字", "审批人", "審批人"]),
            ColumnSpec("gm_approval", ["总经理批准", "總經理批准", "总经理审批", "總經理審批"]),
            ColumnSpec("missing_receipt_reason", ["无票原因", "無票原因"]),
            ColumnSpec("submitted_on", ["提交日期", "报销日期", "報銷日期"], required: true, .date)
        ])

    public static let plans = KindSchema(
        kind: .plans, prefixes: ["plans", "actionplan", "行动计划", "行動計劃", "计划", "計劃"],
        columns: [
            employeeId(),
            ColumnSpec("date", ["日期"], required: true, .date),
            ColumnSpec("city", ["城市", "地点", "地點"], required: true, .city),
            ColumnSpec("planned_new_visits", ["计划拜访新客户", "計劃拜訪新客戶", "新客户拜访", "新客戶拜訪"], .integer),
            ColumnSpec("planned_existing_visits", ["计划拜访老客户", "計劃拜訪老客戶", "老客户拜访", "老客戶拜訪"], .integer),
            ColumnSpec("planned_calls", ["计划电话", "計劃電話", "联络电话", "聯絡電話"], .integer),
            ColumnSpec("purpose", ["工作内容", "工作內容", "事由"])
        ])

    public static let remittances = KindSchema(
        kind: .remittances, prefixes: ["remittances", "回款", "collections"],
        columns: [
            ColumnSpec("date", ["日期", "回款日期", "到账日期", "到賬日期"], required: true, .date),
            employeeId(),
            ColumnSpec("customer_id", ["客户编号", "客戶編號"], required: true),
            ColumnSpec("amount", ["金额", "金額", "回款金额", "回款金額"], required: true, .money),
            ColumnSpec("receipt_no", ["收据号", "收據號", "回单号", "回單號"]),
            ColumnSpec("order_id", ["订单号", "訂單號"])
        ])

    public static let advances = KindSchema(
        kind: .advances, prefixes: ["advances", "借款"],
        columns: [
            ColumnSpec("advance_id", ["借款单号", "借款單號"], required: true),
            employeeId(),
            ColumnSpec("date", ["日期", "申请日期", "申請日期"], required: true, .date),
            ColumnSpec("amount", ["金额", "金額"], required: true, .money),
            ColumnSpec("purpose", ["事由", "用途"])
        ])

    public static let adjustments = KindSchema(
        kind: .adjustments, prefixes: ["adjustments", "调整", "調整"],
        columns: [
            ColumnSpec("adjustment_id", ["调整单号", "調整單號"], required: true),
            ColumnSpec("date", ["日期"], required: true, .date),
            employeeId(),
            ColumnSpec("kind", ["类型", "類型"], required: true, .adjustmentKind),
            ColumnSpec("amount", ["金额", "金額"], required: true, .money),
            ColumnSpec("approved_by", ["审批人", "審批人"], required: true),
            ColumnSpec("reference", ["依据", "依據", "凭证号", "憑證號"]),
            ColumnSpec("note", ["说明", "說明", "备注", "備註"])
        ])

    public static let visits = KindSchema(
        kind: .visits, prefixes: ["visits", "拜访", "拜訪"],
        columns: [
            ColumnSpec("date", ["日期"], required: true, .date),
            employeeId(),
            ColumnSpec("customer_id", ["客户编号", "客戶編號"]),
            ColumnSpec("kind", ["类型", "類型"], required: true, .visitKind)
        ])

    public static let all: [KindSchema] = [roster, targets, sales, attendance, expenses, plans, remittances, advances, adjustments, visits]

    public static func schema(_ kind: InputKind) -> KindSchema { all.first { $0.kind == kind }! }

    /// Columns whose values Excel turns into scientific notation when they are long numbers.
    static let excelDamageColumns: [InputKind: Set<String>] = [
        .expenses: ["receipt_no"], .sales: ["order_id"], .remittances: ["receipt_no", "order_id"]
    ]
}

/// Header cells → canonical columns.
public enum HeaderMatcher {
    /// Trimmed, case-folded, without spaces, `_`, `-` and full-width spaces.
    public static func normalize(_ s: String) -> String {
        let t = Cell.trim(s).lowercased()
        var out = String.UnicodeScalarView()
        for u in t.unicodeScalars where !(u == " " || u == "_" || u == "-" || u.value == 0x3000 || Cell.isSpace(u)) {
            out.append(u)
        }
        return String(out)
    }

    public struct Match: Sendable {
        public var kind: InputKind
        /// Canonical column → 0-based field index.
        public var columns: [String: Int]
        /// Header cells that matched no column (or repeated a column already matched), as written (trimmed).
        public var ignored: [String]
        /// Required columns that no header cell matched.
        public var missingRequired: [ColumnSpec]
        /// How many header cells the kind recognises.
        public var recognised: Int { columns.count }
    }

    private static let lookup: [InputKind: [String: String]] = {
        var r: [InputKind: [String: String]] = [:]
        for s in Schemas.all {
            var m: [String: String] = [:]
            for c in s.columns { for n in c.names { m[normalize(n)] = c.name } }
            r[s.kind] = m
        }
        return r
    }()

    /// Matches a header against a kind. A second cell naming a column already matched is ignored.
    public static func match(header: [String], kind: InputKind) -> Match {
        let table = lookup[kind]!
        var cols: [String: Int] = [:]
        var ignored: [String] = []
        for (i, h) in header.enumerated() {
            let key = normalize(h)
            if let c = table[key], cols[c] == nil { cols[c] = i } else if !key.isEmpty { ignored.append(Cell.trim(h)) }
        }
        let missing = Schemas.schema(kind).required.filter { cols[$0.name] == nil }
        return Match(kind: kind, columns: cols, ignored: ignored, missingRequired: missing)
    }
}

/// Which kind a file is: by the longest name prefix, else by its header.
public enum KindDetector {
    /// The kind the file name says (longest matching prefix, any case), or nil.
    public static func kind(forFileName name: String) -> InputKind? {
        let lower = name.lowercased()
        var best: (InputKind, Int)?
        for s in Schemas.all {
            for p in s.prefixes where lower.hasPrefix(p.lowercased()) {
                let len = p.unicodeScalars.count
                if best == nil || len > best!.1 { best = (s.kind, len) }
            }
        }
        return best?.0
    }

    public struct Detection: Sendable {
        public var match: HeaderMatcher.Match
        /// "name" or "header".
        public var recognisedBy: String
    }

    /// Decides the kind of a CSV file from its name and header, or says why it cannot.
    public static func detect(fileName: String, header: [String]) throws(FileError) -> Detection {
        let named = kind(forFileName: fileName)
        if let k = named {
            let m = HeaderMatcher.match(header: header, kind: k)
            if m.missingRequired.isEmpty { return Detection(match: m, recognisedBy: "name") }
        }
        let matches = Schemas.all.map { HeaderMatcher.match(header: header, kind: $0.kind) }
        let fitting = matches.filter { $0.missingRequired.isEmpty }
        if let top = fitting.map(\.recognised).max() {
            let best = fitting.filter { $0.recognised == top }
            if best.count == 1 { return Detection(match: best[0], recognisedBy: "header") }
            let names = best.map(\.kind.rawValue).joined(separator: " and ")
            throw FileError(
                file: fileName, line: 1,
                message:
                    "cannot tell which kind of file this is: its header fits \(names) equally well (\(top) columns each); "
                    + "rename the file to start with the kind's name (e.g. \(best[0].kind.rawValue).csv) or remove the columns of the other kind")
        }
        // Nothing fits.
        if let k = named {
            let m = matches.first { $0.kind == k }!
            let what = m.missingRequired.map { c in
                "\(c.name) (a header named any of: \(c.names.joined(separator: ", ")))"
            }.joined(separator: "; ")
            throw FileError(
                file: fileName, line: 1,
                message:
                    "the file's name says \(k.rawValue) but its header lacks the required column\(m.missingRequired.count > 1 ? "s" : "") \(what), "
                    + "and the header fits no other kind either; \(closest(matches))")
        }
        throw FileError(
            file: fileName, line: 1,
            message:
                "the file's name matches no kind and its header fits no kind; \(closest(matches)); "
                + "name the file after its kind (roster, targets, sales, attendance, expenses, plans, remittances, advances, adjustments, visits)")
    }

    /// "closest: attendance (missing status), plans (missing city)".
    static func closest(_ matches: [HeaderMatcher.Match]) -> String {
        func rank(_ m: HeaderMatcher.Match) -> Int { Schemas.all.firstIndex { $0.kind == m.kind }! }
        let ranked = matches.sorted { a, b in
            (a.missingRequired.count, -a.recognised, rank(a)) < (b.missingRequired.count, -b.recognised, rank(b))
        }
        let fewest = ranked[0].missingRequired.count
        let shown = ranked.filter { $0.missingRequired.count == fewest }.prefix(3)
        let list = shown.map { m in
            "\(m.kind.rawValue) (missing \(m.missingRequired.map { c in "\(c.name) [\(c.aliases.joined(separator: ", "))]" }.joined(separator: ", ")))"
        }.joined(separator: "; ")
        return "the closest kinds: \(list)"
    }
}
