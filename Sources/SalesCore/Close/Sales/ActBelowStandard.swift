/// `ACT-BELOW-STANDARD` — activity_roles, with a visits file: working days whose visits (new, existing) or calls
/// fall below the daily standard; the days are noted. Returns the days that met it (for the activity share).
public enum ActBelowStandard: Rule {
    public static let code: Code = .actBelowStandard
    static func raise(
        _ e: inout EmployeeResult, _ visits: [CloseContext.EmpDay: [VisitKind: Int]], _ id: String, _ days: [Day],
        _ std: Policy.ActivityStandard
    ) -> Int {
        var met = 0
        var below: [Day] = []
        for d in days {
            let c = visits[CloseContext.EmpDay(id, d)]
            let ok =
                c != nil && (c![.new] ?? 0) >= std.newVisits && (c![.existing] ?? 0) >= std.existingVisits
                && (c![.call] ?? 0) >= std.calls
            if ok { met += 1 } else { below.append(d) }
        }
        e.activityDaysMet = met
        e.belowStandardDays = below
        if !below.isEmpty {
            e.raise(code.rawValue)
            e.notes.append((code: code.rawValue, detail: below.map(\.description).joined(separator: ", ")))
        }
        return met
    }
}
