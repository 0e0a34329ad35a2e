/// `EXP-DOUBLE-LODGING` — lodging for a night an earlier approved or reduced lodging line of the employee already covers.
public enum ExpDoubleLodging: ExpenseRule {
    public static let code: Code = .expDoubleLodging
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        guard line.row.category == .lodging else { return .pass }
        let covered = line.nights.contains { state.nightsPaid.contains(.init(line.row.employeeId, $0)) }
        return covered ? .deny(code) : .pass
    }
}
