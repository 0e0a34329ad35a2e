/// `SAL-AMOUNT-MISMATCH` — a sales line whose quantity × unit_price differs from its amount by more than 0.01:
/// the amount stands. The sales intake finds the lines (`SalesFold.mismatches`); the employee of each carries the
/// code, with one note per line.
public enum SalAmountMismatch: Rule {
    public static let code: Code = .salAmountMismatch
    static func raise(_ e: inout EmployeeResult, _ mismatchNotes: [String]) {
        for note in mismatchNotes {
            e.raise(code.rawValue)
            e.notes.append((code: code.rawValue, detail: note))
        }
    }
}
