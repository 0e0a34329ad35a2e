/// `ADJ-UNAUTHORISED` — an adjustment needs a director's approval: approved_by must be the employee_id or the
/// exact roster name of a director. Validation runs it last among an adjustment row's checks; the row is rejected.
public enum AdjUnauthorised: Rule {
    public static let code: Code = .adjUnauthorised
    static func check(_ row: inout InputRow<AdjustmentRow>, _ a: AdjustmentRow, _ ids: EmployeeIndex) {
        if !ids.isDirector(a.approvedBy) {
            row.reject(
                code.rawValue, column: "approved_by",
                "approved_by \"\(a.approvedBy)\" is not a director in the roster; adjustments need a director's approval")
        }
    }
}
