/// The closed vocabularies of inputs.md, by their canonical English names.

public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    case director, regional_manager, key_account_manager, sales_rep, assistant
    public static func < (a: Role, b: Role) -> Bool { a.order < b.order }
    var order: Int { Role.allCases.firstIndex(of: self)! }
}

public enum Level: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    case numbered(Int)  // 1...4
    case trainee
    /// The policy key: "1"…"4", "trainee".
    public var key: String {
        switch self {
        case .numbered(let n): return "\(n)";
        case .trainee: return "trainee"
        }
    }
    public init?(key: String) {
        switch key {
        case "1", "2", "3", "4": self = .numbered(Int(key)!)
        case "trainee": self = .trainee
        default: return nil
        }
    }
    public static let all: [Level] = [.numbered(1), .numbered(2), .numbered(3), .numbered(4), .trainee]
    public var description: String { key }
    /// 1 is the highest level; trainee the lowest.
    var rank: Int {
        switch self {
        case .numbered(let n): return n;
        case .trainee: return 5
        }
    }
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(key) }
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let l = Level(key: s) else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: s)) }
        self = l
    }
}

public enum AttendanceStatus: String, CaseIterable, Sendable, Codable {
    case office, field, travel, leave, absent, rest
    /// A working day for the activity standard (rules.md §4).
    public var isWorking: Bool { self == .office || self == .field || self == .travel }
}

public enum ExpenseCategory: String, CaseIterable, Sendable, Codable {
    case lodging, meals, transport, entertainment, communication, other
}

public enum TransportMode: String, CaseIterable, Sendable, Codable {
    case flight, train, bus, ship, local
}

public enum ReceiptKind: String, CaseIterable, Sendable, Codable {
    case electronic, handwritten
}

public enum VisitKind: String, CaseIterable, Sendable, Codable {
    case new, existing, call
}

public enum AdjustmentKind: String, CaseIterable, Sendable, Codable {
    case advance_repaid, advance_written_off, reimbursement, commission
}

/// The kinds of input file (inputs.md "File kinds").
public enum InputKind: String, CaseIterable, Sendable, Codable {
    case roster, targets, sales, attendance, expenses, plans, remittances, advances, adjustments, visits
    public var isRequired: Bool {
        switch self {
        case .roster, .targets, .sales, .attendance, .expenses, .plans: return true
        default: return false
        }
    }
}
