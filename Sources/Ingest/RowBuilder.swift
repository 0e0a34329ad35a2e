import SalesCore

/// Reads the cells of one record into a typed row, collecting every problem; the first in column order wins.
public struct RowContext {
    public let kind: InputKind
    let fields: [String]
    /// Canonical column → 0-based field index.
    let columns: [String: Int]
    let cities: CityNormalizer
    /// Columns where a number in scientific notation is Excel damage.
    let damageColumns: [String]
    private(set) var errors: [(order: Int, seq: Int, issue: RowIssue)] = []
    private(set) var flags: [RowFlag] = []
    private(set) var money: [MoneyCell] = []
    private(set) var badMoneyCells = 0
    private var flagged: Set<String> = []

    init(kind: InputKind, fields: [String], columns: [String: Int], cities: CityNormalizer) {
        self.kind = kind; self.fields = fields; self.columns = columns; self.cities = cities
        self.damageColumns = Schemas.excelDamageColumns[kind].map { Array($0) } ?? []
    }

    var hasErrors: Bool { !errors.isEmpty }

    /// The row's issue: the first error in column order (columns the file lacks come last).
    var issue: RowIssue? { errors.min { ($0.order, $0.seq) < ($1.order, $1.seq) }?.issue }

    func number(_ column: String) -> Int { columns[column].map { $0 + 1 } ?? 0 }

    mutating func fail(_ code: String, _ column: String, _ message: String) {
        errors.append((columns[column] ?? Int.max, errors.count,
                       RowIssue(code: code, column: column, columnNumber: number(column), message: message)))
    }

    private mutating func flag(_ code: String, _ column: String) {
        guard flagged.insert(code + "\u{0}" + column).inserted else { return }
        flags.append(RowFlag(code: code, column: column, columnNumber: number(column)))
    }

    /// The cell, cleaned of control characters and trimmed; nil when the file has no such column.
    mutating func cell(_ column: String) -> String? {
        guard let i = columns[column], i < fields.count else { return nil }
        let (text, removed) = Cell.clean(fields[i])
        if removed { flag("ROW-CONTROL-CHARS", column) }
        return Cell.trim(text)
    }

    mutating func missing(_ column: String, because reason: String? = nil) {
        let why = reason.map { "; \($0)" } ?? ""
        if columns[column] == nil {
            fail("ROW-MISSING", column, "\(column) is missing: the file has no \(column) column\(why)")
        } else {
            fail("ROW-MISSING", column, "\(column) is empty\(why)")
        }
    }

    /// Text: trimmed, line breaks as LF, cut at Excel's cell limit (flagged). Empty → nil (ROW-MISSING when required).
    mutating func text(_ column: String, required: Bool = false, because reason: String? = nil) -> String? {
        guard let s = cell(column), !s.isEmpty else {
            if required { missing(column, because: reason) }
            return nil
        }
        let (cut, wasCut) = Cell.cutToExcelLimit(s)
        if wasCut { flag("ROW-TEXT-CUT", column) }
        if !damageColumns.isEmpty, damageColumns.contains(column), ValueParser.isScientificNotation(cut) {
            fail("ROW-EXCEL-DAMAGE", column, "\(column) \"\(cut)\" is a long number that Excel turned into scientific notation, "
                 + "losing its digits; in Excel format the \(column) column as Text (or import it as text) and export again")
        }
        return cut
    }

    /// A typed value: empty → nil (ROW-MISSING when required); unparsable → ROW-BAD-VALUE naming the column.
    mutating func value<T>(_ column: String, required: Bool = false, because reason: String? = nil,
                           _ parse: (String) -> Result<T, ValueError>) -> T? {
        guard let s = cell(column), !s.isEmpty else {
            if required { missing(column, because: reason) }
            return nil
        }
        switch parse(s) {
        case .success(let v): return v
        case .failure(let e): fail("ROW-BAD-VALUE", column, "\(column) \(e.message)"); return nil
        }
    }

    /// A money cell: every one that parses is kept for the reconciliation, whatever becomes of the row.
    mutating func money(_ column: String, required: Bool = false) -> Money? {
        guard let s = cell(column), !s.isEmpty else {
            if required { missing(column) }
            return nil
        }
        switch ValueParser.money(s) {
        case .success(let m):
            money.append(MoneyCell(column: column, value: m)); return m
        case .failure(let e):
            badMoneyCells += 1
            fail("ROW-BAD-VALUE", column, "\(column) \(e.message)"); return nil
        }
    }

    mutating func date(_ c: String, required: Bool = false) -> Day? { value(c, required: required, ValueParser.date) }
    mutating func count(_ c: String, atLeast minimum: Int = 0) -> Int? {
        guard let v = value(c, ValueParser.integer) else { return nil }
        if v < minimum {
            fail("ROW-BAD-VALUE", c, "\(c) \"\(v)\" must be at least \(minimum)")
            return nil
        }
        return v
    }
    mutating func city(_ c: String, required: Bool = false, because reason: String? = nil) -> String? {
        let cities = self.cities
        return value(c, required: required, because: reason) { cities.normalize($0) }
    }
}

/// The typed rows of each kind.
enum RowBuilders {
    static func roster(_ r: inout RowContext) -> RosterRow? {
        let id = r.text("employee_id", required: true)
        let name = r.text("name", required: true)
        let role = r.value("role", required: true, ValueParser.role)
        let level = r.value("level", ValueParser.level)
        let region = r.text("region", required: true)
        let department = r.text("department")
        let manager = r.text("manager_id")
        let hire = r.date("hire_date", required: true)
        let leave = r.date("leave_date")
        if let h = hire, let l = leave, l < h {
            r.fail("ROW-BAD-VALUE", "leave_date", "leave_date \(l) is before hire_date \(h)")
        }
        guard !r.hasErrors else { return nil }
        return RosterRow(employeeId: id!, name: name!, role: role!, level: level ?? .numbered(3), region: region!,
                         department: department, managerId: manager, hireDate: hire!, leaveDate: leave)
    }

    static func targets(_ r: inout RowContext) -> TargetRow? {
        let period = r.value("period", required: true, ValueParser.month)
        let id = r.text("employee_id", required: true)
        let sales = r.money("sales_target")
        let remit = r.money("remittance_target", required: true)
        let outlets = r.count("new_outlets_target")
        guard !r.hasErrors else { return nil }
        return TargetRow(period: period!, employeeId: id!, salesTarget: sales ?? .zero, remittanceTarget: remit!,
                         newOutletsTarget: outlets ?? 0)
    }

    static func sales(_ r: inout RowContext) -> SaleRow? {
        let date = r.date("date", required: true)
        let order = r.text("order_id", required: true)
        let line = r.count("line_no")
        let id = r.text("employee_id", required: true)
        let customer = r.text("customer_id", required: true)
        let customerName = r.text("customer_name")
        let product = r.text("product", required: true)
        let quantity = r.value("quantity", required: true, ValueParser.decimal4)
        let unitPrice = r.money("unit_price")
        let amount = r.money("amount", required: true)
        let remitted = r.money("remitted")
        let newCustomer = r.value("new_customer", ValueParser.boolean) ?? nil
        guard !r.hasErrors else { return nil }
        return SaleRow(date: date!, orderId: order!, lineNo: line ?? 1, employeeId: id!, customerId: customer!,
                       customerName: customerName, product: product!, quantity: quantity!, unitPrice: unitPrice,
                       amount: amount!, remitted: remitted ?? .zero, newCustomer: newCustomer)
    }

    static func attendance(_ r: inout RowContext) -> AttendanceRow? {
        let date = r.date("date", required: true)
        let id = r.text("employee_id", required: true)
        let status = r.value("status", required: true, ValueParser.attendanceStatus)
        let city = r.city("city", required: status == .travel, because: "a travel day needs its city")
        guard !r.hasErrors else { return nil }
        return AttendanceRow(date: date!, employeeId: id!, status: status!, city: city)
    }

    static func expenses(_ r: inout RowContext) -> ExpenseRow? {
        let claim = r.text("claim_id", required: true)
        let id = r.text("employee_id", required: true)
        let date = r.date("date", required: true)
        let category = r.value("category", required: true, ValueParser.expenseCategory)
        let mode = r.value("transport_mode", required: category == .transport,
                           because: "a transport line needs its transport mode", ValueParser.transportMode)
        let city = r.city("city", required: category == .lodging || category == .meals,
                          because: "a \(category?.rawValue ?? "") line needs its city")
        // nights counts only for lodging; on other lines it is ignored (no error).
        let nights = category == .lodging ? r.count("nights", atLeast: 1) : nil
        let amount = r.money("amount", required: true)
        if let a = amount, a.fen <= 0 {
            r.fail("ROW-BAD-VALUE", "amount", "amount \(a) must be above 0 (an expense line claims money; corrections go in adjustments)")
        }
        let receipt = r.text("receipt_no")
        let receiptKind = r.value("receipt_kind", ValueParser.receiptKind)
        let approved = r.text("approved_by")
        let gm = r.text("gm_approval")
        let reason = r.text("missing_receipt_reason")
        let submitted = r.date("submitted_on", required: true)
        guard !r.hasErrors else { return nil }
        return ExpenseRow(claimId: claim!, employeeId: id!, date: date!, category: category!, transportMode: mode, city: city,
                          nights: nights ?? 1, amount: amount!, receiptNo: receipt, receiptKind: receiptKind ?? .electronic,
                          approvedBy: approved, gmApproval: gm, missingReceiptReason: reason, submittedOn: submitted!)
    }

    static func plans(_ r: inout RowContext) -> PlanRow? {
        let id = r.text("employee_id", required: true)
        let date = r.date("date", required: true)
        let city = r.city("city", required: true)
        let newVisits = r.count("planned_new_visits")
        let existing = r.count("planned_existing_visits")
        let calls = r.count("planned_calls")
        let purpose = r.text("purpose")
        guard !r.hasErrors else { return nil }
        return PlanRow(employeeId: id!, date: date!, city: city!, plannedNewVisits: newVisits ?? 0,
                       plannedExistingVisits: existing ?? 0, plannedCalls: calls ?? 0, purpose: purpose)
    }

    static func remittances(_ r: inout RowContext) -> RemittanceRow? {
        let date = r.date("date", required: true)
        let id = r.text("employee_id", required: true)
        let customer = r.text("customer_id", required: true)
        let amount = r.money("amount", required: true)
        let receipt = r.text("receipt_no")
        let order = r.text("order_id")
        guard !r.hasErrors else { return nil }
        return RemittanceRow(date: date!, employeeId: id!, customerId: customer!, amount: amount!, receiptNo: receipt, orderId: order)
    }

    static func advances(_ r: inout RowContext) -> AdvanceRow? {
        let adv = r.text("advance_id", required: true)
        let id = r.text("employee_id", required: true)
        let date = r.date("date", required: true)
        let amount = r.money("amount", required: true)
        if let a = amount, a.fen <= 0 { r.fail("ROW-BAD-VALUE", "amount", "amount \(a) must be above 0 (an advance pays money out)") }
        let purpose = r.text("purpose")
        guard !r.hasErrors else { return nil }
        return AdvanceRow(advanceId: adv!, employeeId: id!, date: date!, amount: amount!, purpose: purpose)
    }

    static func adjustments(_ r: inout RowContext) -> AdjustmentRow? {
        let adj = r.text("adjustment_id", required: true)
        let date = r.date("date", required: true)
        let id = r.text("employee_id", required: true)
        let kind = r.value("kind", required: true, ValueParser.adjustmentKind)
        let amount = r.money("amount", required: true)
        if let a = amount, let k = kind, k == .advance_repaid || k == .advance_written_off, a.fen <= 0 {
            r.fail("ROW-BAD-VALUE", "amount", "amount \(a) must be above 0 for \(k.rawValue) (it lowers the outstanding advance)")
        }
        let approved = r.text("approved_by", required: true)
        let reference = r.text("reference")
        let note = r.text("note")
        guard !r.hasErrors else { return nil }
        return AdjustmentRow(adjustmentId: adj!, date: date!, employeeId: id!, kind: kind!, amount: amount!,
                             approvedBy: approved!, reference: reference, note: note)
    }

    static func visits(_ r: inout RowContext) -> VisitRow? {
        let date = r.date("date", required: true)
        let id = r.text("employee_id", required: true)
        let customer = r.text("customer_id")
        let kind = r.value("kind", required: true, ValueParser.visitKind)
        guard !r.hasErrors else { return nil }
        return VisitRow(date: date!, employeeId: id!, customerId: customer, kind: kind!)
    }
}
