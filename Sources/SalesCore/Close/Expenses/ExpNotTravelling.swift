/// `EXP-NOT-TRAVELLING` — lodging, any role: some night has no attendance row with status travel: denied, AUDIT.
public enum ExpNotTravelling: ExpenseRule {
    public static let code: Code = .expNotTravelling
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        guard line.row.category == .lodging else { return .pass }
        for night in line.nights where ctx.attendanceStatus(line.row.employeeId, night) != .travel {
            state.audit[line.row.employeeId, default: []].append("\(code.rawValue) \(line.ref.file):\(line.ref.line) \(night)")
            return .deny(code)
        }
        return .pass
    }
}
