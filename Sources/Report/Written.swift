import SalesCore

/// A formula cell the renderer wrote, with the value it must hold (its cache).
public struct ControlFigure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case rowCheck, subtotal, total }
    public var kind: Kind
    /// The row's label ("合计", "销售一部 小计"; empty for a per-row check).
    public var label: String
    /// The column's header.
    public var column: String
    /// A1 reference on its sheet.
    public var cell: String
    /// The formula as written, with its `=`.
    public var formula: String
    /// The cached value, exact (money in fen).
    public var expected: CachedValue
}

/// One worksheet as written.
public struct WrittenSheet: Sendable, Hashable {
    /// The model's key ("reimbursement"); continuation sheets share it.
    public var key: String
    /// The sheet's name in the file.
    public var name: String
    /// 1, or 2, 3 … for a sheet continued past Excel's row limit.
    public var part: Int
    /// The main table's header row (0-based), nil for slips.
    public var headerRow: Int?
    /// Data rows of the main table on this sheet (no header, subtotal, total or blank rows).
    public var dataRows: Int
    /// Physical rows written (0 when none).
    public var rowCount: Int
    /// Every formula cell (subtotals, totals, row checks) with its expected value.
    public var controls: [ControlFigure]
    /// Slips (报销单, 工资条): each slip's physical rows, and the rows that start a printed page.
    public var slips: [Range<Int>] = []
    public var pageBreaks: [Int] = []

    /// The expected totals-row figures by column header.
    public func total(_ column: String) -> CachedValue? {
        controls.last { $0.kind == .total && $0.column == column }?.expected
    }

    /// The expected subtotal figures of a group ("销售一部 小计") by column header.
    public func subtotal(_ label: String, _ column: String) -> CachedValue? {
        controls.first { $0.kind == .subtotal && $0.label == label && $0.column == column }?.expected
    }
}

/// What a workbook write produced, for the caller to verify the file after writing.
public struct WrittenWorkbook: Sendable, Hashable {
    public var path: String
    public var sheets: [WrittenSheet]
    public var sheetNames: [String] { sheets.map(\.name) }

    /// The sheets written for a model key, in order.
    public func sheets(key: String) -> [WrittenSheet] { sheets.filter { $0.key == key } }

    /// Checks the file as read back: `number(sheet, ref)` returns a cell's numeric value
    /// (a formula's cached value) or nil. Returns the problems found, empty when all agree;
    /// an error thrown by `number` is reported as a problem of that cell.
    public func verify(number: (String, String) throws -> Double?) -> [String] {
        var problems: [String] = []
        for sheet in sheets {
            for figure in sheet.controls {
                let read: Double?
                do { read = try number(sheet.name, figure.cell) } catch {
                    problems.append("\(sheet.name)!\(figure.cell): \(error)")
                    continue
                }
                guard let value = read else {
                    problems.append("\(sheet.name)!\(figure.cell): no number (expected \(figure.expected))")
                    continue
                }
                if !WrittenWorkbook.matches(value, figure.expected) {
                    problems.append("\(sheet.name)!\(figure.cell): \(value), expected \(figure.expected)")
                }
            }
        }
        return problems
    }

    /// Whether a cell's number is the expected figure: money compared in fen, integers exactly.
    public static func matches(_ value: Double, _ expected: CachedValue) -> Bool {
        switch expected {
        case .money(let m):
            let fen = (value * 100).rounded(.toNearestOrAwayFromZero)
            return fen.isFinite && Int64(exactly: fen) == m.fen
        case .integer(let n): return value == Double(n)
        case .number(let d), .ratio(let d): return abs(value - d) <= 1e-9 * max(1, abs(d))
        }
    }
}

extension CachedValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .money(let m): return m.description
        case .integer(let n): return "\(n)"
        case .number(let d), .ratio(let d): return "\(d)"
        }
    }
}
