/// `AUDIT` — an employee with a lodging line denied EXP-ROUTE-MISMATCH or EXP-NOT-TRAVELLING is referred for
/// audit; each such line is noted. Raised at the end of the expense audit (§1), employees in code-point order.
public enum Audit: Rule {
    public static let code: Code = .audit
    static func raise(_ audit: [String: [String]], _ s: inout CloseState) {
        for (id, lines) in audit.sorted(by: { $0.key < $1.key }) {
            s.update(id) { e in
                e.raise(code.rawValue)
                for l in lines { e.notes.append((code: code.rawValue, detail: l)) }
            }
        }
    }
}
