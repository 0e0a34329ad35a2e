import CXlsxWriter

/// A comparison for cell-value conditional formats.
public enum Comparison: Hashable, Sendable {
    case equal, notEqual, greaterThan, lessThan, greaterThanOrEqual, lessThanOrEqual

    var lxwValue: UInt8 {
        switch self {
        case .equal: return UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        case .notEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO.rawValue)
        case .greaterThan: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
        case .lessThan: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
        case .greaterThanOrEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
        case .lessThanOrEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
        }
    }
}

/// When a conditional format applies.
public enum ConditionalRule: Hashable, Sendable {
    /// The cell's value compared with a number (`.cell(.lessThan, 0.8)`).
    case cell(Comparison, Double)
    /// The cell's value compared with a formula or reference (`.cellFormula(.lessThan, "$D2*0.8")`).
    case cellFormula(Comparison, String)
    /// The cell's value within `low...high` inclusive.
    case between(Double, Double)
    /// The cell's value outside `low...high`.
    case notBetween(Double, Double)
    /// A formula true for the cells to format, written for the range's
    /// top-left cell with relative references (`"=$F2<0.8"` fills whole rows).
    case formula(String)
    /// Blank cells.
    case blanks
}

extension Worksheet {
    /// Applies `format` (typically a fill and font colour) to the range's
    /// cells where `rule` holds. Rules added to the same range are evaluated
    /// in the order added; `stopIfTrue` stops later rules for matching cells.
    public func conditionalFormat(
        _ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int,
        rule: ConditionalRule, format: Format, stopIfTrue: Bool = false
    ) throws {
        let op = "conditional format"
        let (context, r1, c1, r2, c2) = try range(op, firstRow, firstCol, lastRow, lastCol)
        var spec = lxw_conditional_format()
        spec.format = try formatPointer(format, op, context)
        spec.stop_if_true = stopIfTrue ? 1 : 0

        func text(_ formula: String) throws -> UnsafeMutablePointer<CChar>? {
            let body = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
            guard !body.isEmpty else { throw context.error(op, .invalidUse("conditional format formula is empty")) }
            try Worksheet.checkFormula(body, op, context)
            return workbook.retainedCString(formula)
        }
        func number(_ value: Double) throws -> Double {
            try Worksheet.checkFinite(value, op, context)
            return value
        }

        switch rule {
        case .cell(let comparison, let value):
            spec.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            spec.criteria = comparison.lxwValue
            spec.value = try number(value)
        case .cellFormula(let comparison, let formula):
            spec.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            spec.criteria = comparison.lxwValue
            spec.value_string = try text(formula)
        case .between(let low, let high), .notBetween(let low, let high):
            spec.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            if case .between = rule {
                spec.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
            } else {
                spec.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN.rawValue)
            }
            spec.min_value = try number(low)
            spec.max_value = try number(high)
        case .formula(let formula):
            spec.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            spec.value_string = try text(formula)
        case .blanks:
            spec.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
        }
        try run(op, context) { worksheet_conditional_format_range(pointer, r1, c1, r2, c2, &spec) }
    }
}
