/// `PLAN-ACTIVITY-LOW` — activity_roles: plan rows on working days with a planned count (new visits, existing
/// visits or calls) below the daily standard; the days are counted and noted.
public enum PlanActivityLow: Rule {
    public static let code: Code = .planActivityLow
    static func raise(_ e: inout EmployeeResult, _ ctx: CloseContext, _ id: String, _ days: [Day], _ std: Policy.ActivityStandard) {
        var lowDays: [Day] = []
        for d in days {
            guard let p = ctx.plans[CloseContext.EmpDay(id, d)] else { continue }
            if p.plannedNewVisits < std.newVisits || p.plannedExistingVisits < std.existingVisits || p.plannedCalls < std.calls {
                lowDays.append(d)
            }
        }
        e.planActivityLowDays = lowDays.count
        if !lowDays.isEmpty {
            e.raise(code.rawValue)
            e.notes.append((code: code.rawValue, detail: lowDays.map(\.description).joined(separator: ", ")))
        }
    }
}
