/// Where a thing came from: 1-based file position. `column` is the 1-based field number
/// (the spreadsheet column a clerk sees), 0 when the whole row is meant.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { SheetLocation.text(file: file, line: line, column: column) }
}

/// A row's identity in reading order: files of one kind are read in order of their names
/// (Unicode code points); `fileOrder` is that position, `line` the physical line where the record starts.
public struct RowRef: Hashable, Comparable, Sendable, Codable {
    public var file: String
    public var fileOrder: Int
    public var line: Int
    public init(file: String, fileOrder: Int, line: Int) { self.file = file; self.fileOrder = fileOrder; self.line = line }
    public static func < (a: RowRef, b: RowRef) -> Bool { (a.fileOrder, a.line) < (b.fileOrder, b.line) }
}

/// A decimal with up to 4 places, kept as an integer count of ten-thousandths.
public struct Decimal4: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var units: Int64  // value × 10_000
    public init(units: Int64) { self.units = units }
    public static func < (a: Decimal4, b: Decimal4) -> Bool { a.units < b.units }
    public var description: String {
        let neg = units < 0, m = units.magnitude
        var s = (neg ? "-" : "") + "\(m / 10_000)"
        var f = m % 10_000
        if f != 0 {
            var digits = String(f); while digits.count < 4 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
            f = 0
        }
        return s
    }
}

public struct RosterRow: Sendable, Hashable {
    public var employeeId: String
    public var name: String
    public var role: Role
    public var level: Level
    public var region: String
    public var department: String?
    public var managerId: String?
    public var hireDate: Day
    public var leaveDate: Day?
    /// The job title as the roster wrote it (销售部长, 片区经理 …); `role` is what it means to the rules.
    public var roleShown: String? = nil
    public init(
        employeeId: String, name: String, role: Role, level: Level = .numbered(3), region: String,
        department: String? = nil, managerId: String? = nil, hireDate: Day, leaveDate: Day? = nil
    ) {
        self.employeeId = employeeId; self.name = name; self.role = role; self.level = level; self.region = region
        self.department = department; self.managerId = managerId; self.hireDate = hireDate; self.leaveDate = leaveDate
    }
    public func isActive(on d: Day) -> Bool { d >= hireDate && (leaveDate.map { d <= $0 } ?? true) }
    public func isActive(in p: Period) -> Bool {
        hireDate <= p.lastDay && (leaveDate.map { $0 >= p.firstDay } ?? true)
    }
    public func isActiveEveryDay(of p: Period) -> Bool {
        hireDate <= p.firstDay && (leaveDate.map { $0 >= p.lastDay } ?? true)
    }
}

public struct TargetRow: Sendable, Hashable {
    public var period: Period
    public var employeeId: String
    public var salesTarget: Money
    public var remittanceTarget: Money
    public var newOutletsTarget: Int
    public init(period: Period, employeeId: String, salesTarget: Money = .zero, remittanceTarget: Money, newOutletsTarget: Int = 0) {
        self.period = period; self.employeeId = employeeId; self.salesTarget = salesTarget
        self.remittanceTarget = remittanceTarget; self.newOutletsTarget = newOutletsTarget
    }
}

public struct SaleRow: Sendable, Hashable {
    public var date: Day
    public var orderId: String
    public var lineNo: Int
    public var employeeId: String
    public var customerId: String
    public var customerName: String?
    public var product: String
    public var quantity: Decimal4
    public var unitPrice: Money?
    public var amount: Money
    public var remitted: Money
    public var newCustomer: Bool?
    public init(
        date: Day, orderId: String, lineNo: Int = 1, employeeId: String, customerId: String, customerName: String? = nil,
        product: String, quantity: Decimal4, unitPrice: Money? = nil, amount: Money, remitted: Money = .zero, newCustomer: Bool? = nil
    ) {
        self.date = date; self.orderId = orderId; self.lineNo = lineNo; self.employeeId = employeeId; self.customerId = customerId
        self.customerName = customerName; self.product = product; self.quantity = quantity; self.unitPrice = unitPrice
        self.amount = amount; self.remitted = remitted; self.newCustomer = newCustomer
    }
}

public struct AttendanceRow: Sendable, Hashable {
    public var date: Day
    public var employeeId: String
    public var status: AttendanceStatus
    public var city: String?
    public init(date: Day, employeeId: String, status: AttendanceStatus, city: String? = nil) {
        self.date = date; self.employeeId = employeeId; self.status = status; self.city = city
    }
}

public struct ExpenseRow: Sendable, Hashable {
    public var claimId: String
    public var employeeId: String
    public var date: Day
    public var category: ExpenseCategory
    public var transportMode: TransportMode?
    public var city: String?
    public var nights: Int
    public var amount: Money
    public var receiptNo: String?
    public var receiptKind: ReceiptKind
    public var approvedBy: String?
    public var gmApproval: String?
    public var missingReceiptReason: String?
    public var submittedOn: Day
    /// The city as the file wrote it (`张市`); `city` is its normalised form, for comparing only (inputs.md "city").
    public var cityShown: String?
    public init(
        claimId: String, employeeId: String, date: Day, category: ExpenseCategory, transportMode: TransportMode? = nil,
        city: String? = nil, nights: Int = 1, amount: Money, receiptNo: String? = nil, receiptKind: ReceiptKind = .electronic,
        approvedBy: String? = nil, gmApproval: String? = nil, missingReceiptReason: String? = nil, submittedOn: Day
    ) {
        self.claimId = claimId; self.employeeId = employeeId; self.date = date; self.category = category
        self.transportMode = transportMode; self.city = city; self.nights = nights; self.amount = amount
        self.receiptNo = receiptNo; self.receiptKind = receiptKind; self.approvedBy = approvedBy
        self.gmApproval = gmApproval; self.missingReceiptReason = missingReceiptReason; self.submittedOn = submittedOn
        self.cityShown = city
    }
}

public struct PlanRow: Sendable, Hashable {
    public var employeeId: String
    public var date: Day
    public var city: String
    public var plannedNewVisits: Int
    public var plannedExistingVisits: Int
    public var plannedCalls: Int
    public var purpose: String?
    public init(
        employeeId: String, date: Day, city: String, plannedNewVisits: Int = 0, plannedExistingVisits: Int = 0,
        plannedCalls: Int = 0, purpose: String? = nil
    ) {
        self.employeeId = employeeId; self.date = date; self.city = city; self.plannedNewVisits = plannedNewVisits
        self.plannedExistingVisits = plannedExistingVisits; self.plannedCalls = plannedCalls; self.purpose = purpose
    }
}

public struct RemittanceRow: Sendable, Hashable {
    public var date: Day
    public var employeeId: String
    public var customerId: String
    public var amount: Money
    public var receiptNo: String?
    public var orderId: String?
    public init(date: Day, employeeId: String, customerId: String, amount: Money, receiptNo: String? = nil, orderId: String? = nil) {
        self.date = date; self.employeeId = employeeId; self.customerId = customerId; self.amount = amount
        self.receiptNo = receiptNo; self.orderId = orderId
    }
}

public struct AdvanceRow: Sendable, Hashable {
    public var advanceId: String
    public var employeeId: String
    public var date: Day
    public var amount: Money
    public var purpose: String?
    public init(advanceId: String, employeeId: String, date: Day, amount: Money, purpose: String? = nil) {
        self.advanceId = advanceId; self.employeeId = employeeId; self.date = date; self.amount = amount; self.purpose = purpose
    }
}

public struct AdjustmentRow: Sendable, Hashable {
    public var adjustmentId: String
    public var date: Day
    public var employeeId: String
    public var kind: AdjustmentKind
    public var amount: Money
    public var approvedBy: String
    public var reference: String?
    public var note: String?
    public init(
        adjustmentId: String, date: Day, employeeId: String, kind: AdjustmentKind, amount: Money, approvedBy: String,
        reference: String? = nil, note: String? = nil
    ) {
        self.adjustmentId = adjustmentId; self.date = date; self.employeeId = employeeId; self.kind = kind
        self.amount = amount; self.approvedBy = approvedBy; self.reference = reference; self.note = note
    }
}

public struct VisitRow: Sendable, Hashable {
    public var date: Day
    public var employeeId: String
    public var customerId: String?
    public var kind: VisitKind
    public init(date: Day, employeeId: String, customerId: String? = nil, kind: VisitKind) {
        self.date = date; self.employeeId = employeeId; self.customerId = customerId; self.kind = kind
    }
}
