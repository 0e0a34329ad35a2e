import Foundation
import SalesCore

/// A column of a kind, by its place in the kind's schema (inputs.md order) and its canonical name.
struct Col: Sendable {
    let id: Int
    let name: String
    init(_ schema: KindSchema, _ name: String) {
        guard let i = schema.columns.firstIndex(where: { $0.name == name }) else {
            fatalError("no column \(name) in \(schema.kind.rawValue)")
        }
        id = i; self.name = name
    }
}

/// Where a file's columns are: per column of the kind's schema, the 0-based field index, -1 when absent.
/// Computed once per file from the header match.
struct ColumnLayout: Sendable {
    let fieldIndex: [Int]
    let damage: [Bool]
    /// Money columns the file has: room for a row's money cells.
    let moneyColumns: Int
    init(kind: InputKind, columns: [String: Int]) {
        let schema = Schemas.schema(kind)
        fieldIndex = schema.columns.map { columns[$0.name] ?? -1 }
        moneyColumns = schema.columns.filter { $0.type == .money && columns[$0.name] != nil }.count
        let damageColumns = Schemas.excelDamageColumns[kind] ?? []
        damage = schema.columns.map { damageColumns.contains($0.name) }
    }
}

/// A cell's text after cleaning and trimming: bytes of the record as they stand (the common case: nothing to
/// clean), or a String that `Cell.clean`/`Cell.trim` made.
enum CellText {
    case bytes(UnsafeBufferPointer<UInt8>)
    case string(String)

    var isEmpty: Bool {
        switch self {
        case .bytes(let b): return b.isEmpty;
        case .string(let s): return s.isEmpty
        }
    }
    var string: String {
        switch self {
        case .bytes(let b): return String(decoding: b, as: UTF8.self);
        case .string(let s): return s
        }
    }
}

/// Reads the cells of one record into a typed row, collecting every problem; the first in column order wins.
/// One context serves every record of a file (`load` points it at the next one).
public struct RowContext {
    public let kind: InputKind
    let layout: ColumnLayout
    let cities: CityNormalizer
    /// The record's fields as byte ranges into `text` or `scratch` (filled by the scanner).
    var fields: [FieldRange] = []
    private var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var scratch = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var errors: [(order: Int, seq: Int, issue: RowIssue)] = []
    private(set) var flags: [RowFlag] = []
    private(set) var money: [MoneyCell] = []
    private(set) var badMoneyCells = 0
    /// Text cells already made, by their bytes, so that repeated names share one String.
    var interner = StringInterner()
    /// Per column of the kind's schema (by `Col.id`), over every record read with this context: how its values fail,
    /// and how its dates read (for the order a column of day-first or month-first dates settles).
    var tallies: [ColumnTally] = []
    /// The orders the file's date columns settled (by `Col.id`), for the second typing of the rows they hold.
    var dateOrders: [Int: ValueParser.DateOrder] = [:]

    /// The writer's cell limit (InputReader.cellText): longer text is cut as the writer cuts it, and flagged.
    let textLimit: CellTextLimit
    init(kind: InputKind, layout: ColumnLayout, cities: CityNormalizer, textLimit: CellTextLimit = .unlimited) {
        self.kind = kind; self.layout = layout; self.cities = cities; self.textLimit = textLimit
    }

    /// Points the context at a record whose `fields` the scanner just filled; forgets the previous record's findings.
    mutating func load(text: UnsafeBufferPointer<UInt8>, scratch: UnsafeBufferPointer<UInt8>) {
        self.text = text; self.scratch = scratch
        if !errors.isEmpty { errors = [] }
        if !flags.isEmpty { flags = [] }
        // Kept when no row took the buffer (a streamed clean row takes none): no allocation per row then.
        money.removeAll(keepingCapacity: true)
        if layout.moneyColumns > 0 { money.reserveCapacity(layout.moneyColumns) }
        badMoneyCells = 0
    }

    var hasErrors: Bool { !errors.isEmpty }

    /// The row's issue: the first error in column order (columns the file lacks come last).
    var issue: RowIssue? { errors.min { ($0.order, $0.seq) < ($1.order, $1.seq) }?.issue }

    @inline(__always)
    func number(_ column: Col) -> Int { layout.fieldIndex[column.id] + 1 }

    mutating func fail(_ code: Code, _ column: Col, _ message: String) {
        let i = layout.fieldIndex[column.id]
        // A value of the wrong type or form, or an id Excel turned into scientific notation: the column failed here.
        if (code == .rowBadValue || code == .rowExcelDamage) && i >= 0 && i < fields.count {
            let shown = String(decoding: fields[i].bytes(text, scratch), as: UTF8.self)
            tally(column) { $0.fail(shown) }
        }
        errors.append(
            (
                i < 0 ? Int.max : i, errors.count,
                RowIssue(code: code.rawValue, column: column.name, columnNumber: number(column), message: message)
            ))
    }

    private mutating func flag(_ code: Code, _ column: Col) {
        if flags.contains(where: { $0.code == code.rawValue && $0.column == column.name }) { return }
        flags.append(RowFlag(code: code.rawValue, column: column.name, columnNumber: number(column)))
    }

    /// The cell, cleaned of control characters and trimmed; nil when the file has no such column.
    @inline(__always)
    mutating func cell(_ column: Col) -> CellText? {
        let i = layout.fieldIndex[column.id]
        guard i >= 0, i < fields.count else { return nil }
        let b = fields[i].bytes(text, scratch)
        if CellBytes.isClean(b) { return .bytes(CellBytes.trim(b)) }
        let (cleaned, removed) = Cell.clean(String(decoding: b, as: UTF8.self))
        if removed { flag(.rowControlChars, column) }
        return .string(Cell.trim(cleaned))
    }

    mutating func missing(_ column: Col, because reason: String? = nil) {
        let why = reason.map { "; \($0)" } ?? ""
        if layout.fieldIndex[column.id] < 0 {
            fail(.rowMissing, column, "\(column.name) is missing: the file has no \(column.name) column\(why)")
        } else {
            fail(.rowMissing, column, "\(column.name) is empty\(why)")
        }
    }

    /// Text: trimmed, line breaks as LF, cut at Excel's cell limit (flagged). Empty → nil (ROW-MISSING when required).
    mutating func text(_ column: Col, required: Bool = false, because reason: String? = nil) -> String? {
        guard let c = cell(column), !c.isEmpty else {
            if required { missing(column, because: reason) }
            return nil
        }
        let cut: String
        switch c {
        case .bytes(let b) where b.count <= textLimit.units:
            // Never over the limit: UTF-16 units ≤ UTF-8 bytes.
            cut = interner.string(b)
            if layout.damage[column.id] {
                let damaged = CellBytes.isASCII(b) ? ValueParser.scientificNotation(bytes: b) : ValueParser.isScientificNotation(cut)
                if damaged { excelDamage(column, cut) }
            }
            return cut
        default:
            let (t, wasCut) = textLimit.apply(c.string)
            if wasCut { flag(.rowTextCut, column) }
            cut = t
        }
        if layout.damage[column.id], ValueParser.isScientificNotation(cut) { excelDamage(column, cut) }
        return cut
    }

    private mutating func excelDamage(_ column: Col, _ cut: String) {
        fail(
            .rowExcelDamage, column,
            "\(column.name) \"\(cut)\" is a long number that Excel turned into scientific notation, "
                + "losing its digits; in Excel format the \(column.name) column as Text (or import it as text) and export again")
    }

    /// A typed value: empty → nil (ROW-MISSING when required); unparsable → ROW-BAD-VALUE naming the column.
    /// `fast` may decide the value from the cleaned, trimmed bytes; when it gives nil, `parse` decides from the text.
    @inline(__always)
    mutating func value<T>(
        _ column: Col, required: Bool = false, because reason: String? = nil,
        fast: (UnsafeBufferPointer<UInt8>) -> T? = { _ in nil },
        _ parse: (String) -> Result<T, ValueError>
    ) -> T? {
        guard let c = cell(column), !c.isEmpty else {
            if required { missing(column, because: reason) }
            return nil
        }
        if case .bytes(let b) = c, let v = fast(b) { return v }
        switch parse(c.string) {
        case .success(let v): return v
        case .failure(let e): fail(.rowBadValue, column, "\(column.name) \(e.message)"); return nil
        }
    }

    /// A money cell: every one that parses is kept for the reconciliation, whatever becomes of the row.
    mutating func money(_ column: Col, required: Bool = false) -> Money? {
        guard let c = cell(column), !c.isEmpty else {
            if required { missing(column) }
            return nil
        }
        if case .bytes(let b) = c, let fen = ValueParser.plainUnits(bytes: b, maxDecimals: 2, maxIntegerDigits: 15) {
            let m = Money(fen: fen)
            money.append(MoneyCell(column: column.name, value: m)); return m
        }
        switch ValueParser.money(c.string) {
        case .success(let m):
            money.append(MoneyCell(column: column.name, value: m)); return m
        case .failure(let e):
            badMoneyCells += 1
            fail(.rowBadValue, column, "\(column.name) \(e.message)"); return nil
        }
    }

    @inline(__always)
    mutating func tally(_ column: Col, _ change: (inout ColumnTally) -> Void) {
        if tallies.isEmpty { tallies = [ColumnTally](repeating: ColumnTally(), count: layout.fieldIndex.count) }
        change(&tallies[column.id])
    }

    /// A date. Day-first and month-first values read in the order their column settled (`dateOrders`), else they are
    /// ambiguous; every value is noted for that decision.
    mutating func date(_ c: Col, required: Bool = false) -> Day? {
        guard let cell = cell(c), !cell.isEmpty else {
            if required { missing(c) }
            return nil
        }
        if case .bytes(let b) = cell, let d = ValueParser.plainDate(bytes: b) {
            tally(c) { $0.dates.add(nil) }
            return d
        }
        let text = cell.string
        let parts = ValueParser.dayMonthParts(text)
        tally(c) { $0.dates.add(parts) }
        switch ValueParser.date(text, order: parts == nil ? nil : dateOrders[c.id]) {
        case .success(let d): return d
        case .failure(let e): fail(.rowBadValue, c, "\(c.name) \(e.message)"); return nil
        }
    }
    mutating func decimal4(_ c: Col, required: Bool = false) -> Decimal4? {
        value(
            c, required: required,
            fast: { b in
                ValueParser.plainUnits(bytes: b, maxDecimals: 4, maxIntegerDigits: 14).map { Decimal4(units: $0) }
            }, ValueParser.decimal4)
    }
    mutating func boolean(_ c: Col) -> Bool? {
        // An empty cell is "not given", as ValueParser.boolean says for an empty text.
        value(c, fast: { ValueParser.plainBoolean(bytes: $0).map { Optional($0) } }, ValueParser.boolean) ?? nil
    }
    mutating func count(_ c: Col, atLeast minimum: Int = 0) -> Int? {
        guard let v = value(c, fast: { ValueParser.plainInteger(bytes: $0) }, ValueParser.integer) else { return nil }
        if v < minimum {
            fail(.rowBadValue, c, "\(c.name) \"\(v)\" must be at least \(minimum)")
            return nil
        }
        return v
    }
    mutating func city(_ c: Col, required: Bool = false, because reason: String? = nil) -> String? {
        let cities = self.cities
        return value(c, required: required, because: reason) { cities.normalize($0) }
    }
}

/// How the dates of one column read: the evidence for the order of day-first or month-first dates (inputs.md
/// "date"): read only when every value of the column is written so, one has a first or second part above 12, and
/// every one reads validly the same way.
struct DateEvidence: Sendable, Equatable {
    /// Non-empty values, and of those the day-first or month-first ones.
    var values = 0, dayMonth = 0
    var dayFirstValid = true, monthFirstValid = true

    mutating func add(_ parts: (first: Int, second: Int, year: Int)?) {
        values += 1
        guard let p = parts else { return }
        dayMonth += 1
        if dayFirstValid && Day(year: p.year, month: p.second, day: p.first) == nil { dayFirstValid = false }
        if monthFirstValid && Day(year: p.year, month: p.first, day: p.second) == nil { monthFirstValid = false }
    }

    mutating func merge(_ o: DateEvidence) {
        values += o.values; dayMonth += o.dayMonth
        dayFirstValid = dayFirstValid && o.dayFirstValid; monthFirstValid = monthFirstValid && o.monthFirstValid
    }

    /// The order the column settles; nil when it settles none. Both readings valid means no part above 12.
    var order: ValueParser.DateOrder? {
        guard values > 0, dayMonth == values, dayFirstValid != monthFirstValid else { return nil }
        return dayFirstValid ? .dayFirst : .monthFirst
    }
}

/// One column's failures over a file (ROW-BAD-VALUE on it: a value of the wrong type or form; ROW-EXCEL-DAMAGE: an id
/// in scientific notation), with a few of the values as written, and its dates.
struct ColumnTally: Sendable, Equatable {
    var failed = 0
    var samples: [String] = []
    var dates = DateEvidence()
    static let sampleCount = 3

    mutating func fail(_ value: String) {
        failed += 1
        if samples.count < ColumnTally.sampleCount && !samples.contains(value) { samples.append(value) }
    }

    mutating func merge(_ o: ColumnTally) {
        failed += o.failed
        for v in o.samples where samples.count < ColumnTally.sampleCount && !samples.contains(v) { samples.append(v) }
        dates.merge(o.dates)
    }

    static func merge(_ a: inout [ColumnTally], _ b: [ColumnTally]) {
        if b.isEmpty { return }
        if a.isEmpty { a = b; return }
        for i in a.indices { a[i].merge(b[i]) }
    }
}

/// Short text cells made once per distinct value: the ids, names and products of a large file repeat,
/// and a shared String costs no allocation. Bounded: past `limit` distinct values new ones are not kept.
struct StringInterner {
    private var slots: [Int32] = []  // index into `entries` + 1; 0 = empty
    private var strings: [String] = []
    /// Per string: its hash, and where its bytes are in `arena`.
    private var entries: [(hash: UInt64, start: Int, count: Int)] = []
    private var arena: [UInt8] = []
    private var mask = 0
    static let limit = 1 << 16
    static let maxBytes = 64

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(b)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        while i < raw.count { tail = tail << 8 | UInt64(raw[i]); i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    mutating func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 UTF-8 bytes a String lives inline: nothing to share.
        guard b.count > 15 && b.count <= StringInterner.maxBytes else { return String(decoding: b, as: UTF8.self) }
        if slots.isEmpty { slots = [Int32](repeating: 0, count: 1024); mask = 1023 }
        let h = StringInterner.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = Int(slots[i])
            if s == 0 { break }
            let e = entries[s - 1]
            if e.hash == h && e.count == b.count {
                let same = arena.withUnsafeBufferPointer { a in memcmp(a.baseAddress! + e.start, b.baseAddress!, b.count) == 0 }
                if same { return strings[s - 1] }
            }
            i = (i + 1) & mask
        }
        let made = String(decoding: b, as: UTF8.self)
        guard strings.count < StringInterner.limit else { return made }
        strings.append(made)
        entries.append((h, arena.count, b.count))
        arena.append(contentsOf: b)
        slots[i] = Int32(strings.count)
        if strings.count * 2 > slots.count { grow() }
        return made
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: 0, count: size); mask = size - 1
        for (k, e) in entries.enumerated() {
            var i = Int(truncatingIfNeeded: e.hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(k + 1)
        }
    }
}

/// The typed rows of each kind.
enum RowBuilders {
    static func roster(_ r: inout RowContext) -> RosterRow? {
        let c = Cols_roster.self
        let id = r.text(c.employee_id, required: true)
        let name = r.text(c.name, required: true)
        let role = r.value(c.role, required: true, ValueParser.role)
        let level = r.value(c.level, ValueParser.level)
        let region = r.text(c.region, required: true)
        let department = r.text(c.department)
        let manager = r.text(c.manager_id)
        let hire = r.date(c.hire_date, required: true)
        let leave = r.date(c.leave_date)
        if let h = hire, let l = leave, l < h {
            r.fail(.rowBadValue, c.leave_date, "leave_date \(l) is before hire_date \(h)")
        }
        guard !r.hasErrors else { return nil }
        let roleShown = role == nil ? nil : r.text(c.role)
        var row = RosterRow(
            employeeId: id!, name: name!, role: role!, level: level ?? .numbered(3), region: region!,
            department: department, managerId: manager, hireDate: hire!, leaveDate: leave)
        row.roleShown = roleShown
        return row
    }

    static func targets(_ r: inout RowContext) -> TargetRow? {
        let c = Cols_targets.self
        let period = r.value(c.period, required: true, ValueParser.month)
        let id = r.text(c.employee_id, required: true)
        let sales = r.money(c.sales_target)
        let remit = r.money(c.remittance_target, required: true)
        let outlets = r.count(c.new_outlets_target)
        guard !r.hasErrors else { return nil }
        return TargetRow(
            period: period!, employeeId: id!, salesTarget: sales ?? .zero, remittanceTarget: remit!,
            newOutletsTarget: outlets ?? 0)
    }

    static func sales(_ r: inout RowContext) -> SaleRow? {
        let c = Cols_sales.self
        let date = r.date(c.date, required: true)
        let order = r.text(c.order_id, required: true)
        let line = r.count(c.line_no)
        let id = r.text(c.employee_id, required: true)
        let customer = r.text(c.customer_id, required: true)
        let customerName = r.text(c.customer_name)
        let product = r.text(c.product, required: true)
        let quantity = r.decimal4(c.quantity, required: true)
        let unitPrice = r.money(c.unit_price)
        let amount = r.money(c.amount, required: true)
        let remitted = r.money(c.remitted)
        let newCustomer = r.boolean(c.new_customer)
        guard !r.hasErrors else { return nil }
        return SaleRow(
            date: date!, orderId: order!, lineNo: line ?? 1, employeeId: id!, customerId: customer!,
            customerName: customerName, product: product!, quantity: quantity!, unitPrice: unitPrice,
            amount: amount!, remitted: remitted ?? .zero, newCustomer: newCustomer)
    }

    static func attendance(_ r: inout RowContext) -> AttendanceRow? {
        let c = Cols_attendance.self
        let date = r.date(c.date, required: true)
        let id = r.text(c.employee_id, required: true)
        let status = r.value(c.status, required: true, ValueParser.attendanceStatus)
        let city = r.city(c.city, required: status == .travel, because: "a travel day needs its city")
        guard !r.hasErrors else { return nil }
        return AttendanceRow(date: date!, employeeId: id!, status: status!, city: city)
    }

    static func expenses(_ r: inout RowContext) -> ExpenseRow? {
        let c = Cols_expenses.self
        let claim = r.text(c.claim_id, required: true)
        let id = r.text(c.employee_id, required: true)
        let date = r.date(c.date, required: true)
        let category = r.value(c.category, required: true, ValueParser.expenseCategory)
        let mode = r.value(
            c.transport_mode, required: category == .transport,
            because: "a transport line needs its transport mode", ValueParser.transportMode)
        let city = r.city(
            c.city, required: category == .lodging || category == .meals,
            because: "a \(category?.rawValue ?? "") line needs its city")
        // nights counts only for lodging; on other lines it is ignored (no error).
        let nights = category == .lodging ? r.count(c.nights, atLeast: 1) : nil
        let amount = r.money(c.amount, required: true)
        if let a = amount, a.fen <= 0 {
            r.fail(.rowBadValue, c.amount, "amount \(a) must be above 0 (an expense line claims money; corrections go in adjustments)")
        }
        let receipt = r.text(c.receipt_no)
        let receiptKind = r.value(c.receipt_kind, ValueParser.receiptKind)
        let approved = r.text(c.approved_by)
        let gm = r.text(c.gm_approval)
        let reason = r.text(c.missing_receipt_reason)
        let submitted = r.date(c.submitted_on, required: true)
        let cityShown = city == nil ? nil : r.text(c.city)  // as written: shown as given, compared normalised
        guard !r.hasErrors else { return nil }
        var row = ExpenseRow(
            claimId: claim!, employeeId: id!, date: date!, category: category!, transportMode: mode, city: city,
            nights: nights ?? 1, amount: amount!, receiptNo: receipt, receiptKind: receiptKind ?? .electronic,
            approvedBy: approved, gmApproval: gm, missingReceiptReason: reason, submittedOn: submitted!)
        row.cityShown = cityShown
        return row
    }

    static func plans(_ r: inout RowContext) -> PlanRow? {
        let c = Cols_plans.self
        let id = r.text(c.employee_id, required: true)
        let date = r.date(c.date, required: true)
        let city = r.city(c.city, required: true)
        let newVisits = r.count(c.planned_new_visits)
        let existing = r.count(c.planned_existing_visits)
        let calls = r.count(c.planned_calls)
        let purpose = r.text(c.purpose)
        guard !r.hasErrors else { return nil }
        return PlanRow(
            employeeId: id!, date: date!, city: city!, plannedNewVisits: newVisits ?? 0,
            plannedExistingVisits: existing ?? 0, plannedCalls: calls ?? 0, purpose: purpose)
    }

    static func remittances(_ r: inout RowContext) -> RemittanceRow? {
        let c = Cols_remittances.self
        let date = r.date(c.date, required: true)
        let id = r.text(c.employee_id, required: true)
        let customer = r.text(c.customer_id, required: true)
        let amount = r.money(c.amount, required: true)
        let receipt = r.text(c.receipt_no)
        let order = r.text(c.order_id)
        guard !r.hasErrors else { return nil }
        return RemittanceRow(date: date!, employeeId: id!, customerId: customer!, amount: amount!, receiptNo: receipt, orderId: order)
    }

    static func advances(_ r: inout RowContext) -> AdvanceRow? {
        let c = Cols_advances.self
        let adv = r.text(c.advance_id, required: true)
        let id = r.text(c.employee_id, required: true)
        let date = r.date(c.date, required: true)
        let amount = r.money(c.amount, required: true)
        if let a = amount, a.fen <= 0 { r.fail(.rowBadValue, c.amount, "amount \(a) must be above 0 (an advance pays money out)") }
        let purpose = r.text(c.purpose)
        guard !r.hasErrors else { return nil }
        return AdvanceRow(advanceId: adv!, employeeId: id!, date: date!, amount: amount!, purpose: purpose)
    }

    static func adjustments(_ r: inout RowContext) -> AdjustmentRow? {
        let c = Cols_adjustments.self
        let adj = r.text(c.adjustment_id, required: true)
        let date = r.date(c.date, required: true)
        let id = r.text(c.employee_id, required: true)
        let kind = r.value(c.kind, required: true, ValueParser.adjustmentKind)
        let amount = r.money(c.amount, required: true)
        if let a = amount, let k = kind, k == .advance_repaid || k == .advance_written_off, a.fen <= 0 {
            r.fail(.rowBadValue, c.amount, "amount \(a) must be above 0 for \(k.rawValue) (it lowers the outstanding advance)")
        }
        let approved = r.text(c.approved_by, required: true)
        let reference = r.text(c.reference)
        let note = r.text(c.note)
        guard !r.hasErrors else { return nil }
        return AdjustmentRow(
            adjustmentId: adj!, date: date!, employeeId: id!, kind: kind!, amount: amount!,
            approvedBy: approved!, reference: reference, note: note)
    }

    static func visits(_ r: inout RowContext) -> VisitRow? {
        let c = Cols_visits.self
        let date = r.date(c.date, required: true)
        let id = r.text(c.employee_id, required: true)
        let customer = r.text(c.customer_id)
        let kind = r.value(c.kind, required: true, ValueParser.visitKind)
        guard !r.hasErrors else { return nil }
        return VisitRow(date: date!, employeeId: id!, customerId: customer, kind: kind!)
    }
}

// The columns each builder reads, resolved once.
enum Cols_roster {
    static let employee_id = Col(Schemas.roster, "employee_id")
    static let name = Col(Schemas.roster, "name")
    static let role = Col(Schemas.roster, "role")
    static let level = Col(Schemas.roster, "level")
    static let region = Col(Schemas.roster, "region")
    static let department = Col(Schemas.roster, "department")
    static let manager_id = Col(Schemas.roster, "manager_id")
    static let hire_date = Col(Schemas.roster, "hire_date")
    static let leave_date = Col(Schemas.roster, "leave_date")
}

enum Cols_targets {
    static let period = Col(Schemas.targets, "period")
    static let employee_id = Col(Schemas.targets, "employee_id")
    static let sales_target = Col(Schemas.targets, "sales_target")
    static let remittance_target = Col(Schemas.targets, "remittance_target")
    static let new_outlets_target = Col(Schemas.targets, "new_outlets_target")
}

enum Cols_sales {
    static let date = Col(Schemas.sales, "date")
    static let order_id = Col(Schemas.sales, "order_id")
    static let line_no = Col(Schemas.sales, "line_no")
    static let employee_id = Col(Schemas.sales, "employee_id")
    static let customer_id = Col(Schemas.sales, "customer_id")
    static let customer_name = Col(Schemas.sales, "customer_name")
    static let product = Col(Schemas.sales, "product")
    static let quantity = Col(Schemas.sales, "quantity")
    static let unit_price = Col(Schemas.sales, "unit_price")
    static let amount = Col(Schemas.sales, "amount")
    static let remitted = Col(Schemas.sales, "remitted")
    static let new_customer = Col(Schemas.sales, "new_customer")
}

enum Cols_attendance {
    static let date = Col(Schemas.attendance, "date")
    static let employee_id = Col(Schemas.attendance, "employee_id")
    static let status = Col(Schemas.attendance, "status")
    static let city = Col(Schemas.attendance, "city")
}

enum Cols_expenses {
    static let claim_id = Col(Schemas.expenses, "claim_id")
    static let employee_id = Col(Schemas.expenses, "employee_id")
    static let date = Col(Schemas.expenses, "date")
    static let category = Col(Schemas.expenses, "category")
    static let transport_mode = Col(Schemas.expenses, "transport_mode")
    static let city = Col(Schemas.expenses, "city")
    static let nights = Col(Schemas.expenses, "nights")
    static let amount = Col(Schemas.expenses, "amount")
    static let receipt_no = Col(Schemas.expenses, "receipt_no")
    static let receipt_kind = Col(Schemas.expenses, "receipt_kind")
    static let approved_by = Col(Schemas.expenses, "approved_by")
    static let gm_approval = Col(Schemas.expenses, "gm_approval")
    static let missing_receipt_reason = Col(Schemas.expenses, "missing_receipt_reason")
    static let submitted_on = Col(Schemas.expenses, "submitted_on")
}

enum Cols_plans {
    static let employee_id = Col(Schemas.plans, "employee_id")
    static let date = Col(Schemas.plans, "date")
    static let city = Col(Schemas.plans, "city")
    static let planned_new_visits = Col(Schemas.plans, "planned_new_visits")
    static let planned_existing_visits = Col(Schemas.plans, "planned_existing_visits")
    static let planned_calls = Col(Schemas.plans, "planned_calls")
    static let purpose = Col(Schemas.plans, "purpose")
}

enum Cols_remittances {
    static let date = Col(Schemas.remittances, "date")
    static let employee_id = Col(Schemas.remittances, "employee_id")
    static let customer_id = Col(Schemas.remittances, "customer_id")
    static let amount = Col(Schemas.remittances, "amount")
    static let receipt_no = Col(Schemas.remittances, "receipt_no")
    static let order_id = Col(Schemas.remittances, "order_id")
}

enum Cols_advances {
    static let advance_id = Col(Schemas.advances, "advance_id")
    static let employee_id = Col(Schemas.advances, "employee_id")
    static let date = Col(Schemas.advances, "date")
    static let amount = Col(Schemas.advances, "amount")
    static let purpose = Col(Schemas.advances, "purpose")
}

enum Cols_adjustments {
    static let adjustment_id = Col(Schemas.adjustments, "adjustment_id")
    static let date = Col(Schemas.adjustments, "date")
    static let employee_id = Col(Schemas.adjustments, "employee_id")
    static let kind = Col(Schemas.adjustments, "kind")
    static let amount = Col(Schemas.adjustments, "amount")
    static let approved_by = Col(Schemas.adjustments, "approved_by")
    static let reference = Col(Schemas.adjustments, "reference")
    static let note = Col(Schemas.adjustments, "note")
}

enum Cols_visits {
    static let date = Col(Schemas.visits, "date")
    static let employee_id = Col(Schemas.visits, "employee_id")
    static let customer_id = Col(Schemas.visits, "customer_id")
    static let kind = Col(Schemas.visits, "kind")
}
