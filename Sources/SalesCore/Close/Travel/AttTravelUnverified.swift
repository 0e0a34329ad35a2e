/// `ATT-TRAVEL-UNVERIFIED` — plan_roles: a travel day whose city differs from the plan's (or has no plan row)
/// is not verified and earns no meal allowance; the dates are noted.
public enum AttTravelUnverified: Rule {
    public static let code: Code = .attTravelUnverified
    static func raise(_ e: inout EmployeeResult, _ unverified: [Day]) {
        if !unverified.isEmpty {
            e.raise(code.rawValue)
            e.notes.append((code: code.rawValue, detail: unverified.map(\.description).joined(separator: ", ")))
        }
    }
}
