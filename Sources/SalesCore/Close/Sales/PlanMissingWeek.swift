/// `PLAN-MISSING-WEEK` — plan_roles: an ISO week overlapping the period, with a working day of the employee,
/// that has no plan row on any of its days; the weeks' Mondays are noted.
public enum PlanMissingWeek: Rule {
    public static let code: Code = .planMissingWeek

    /// The Mondays of the ISO weeks that overlap the period.
    static func weeksOverlapping(_ p: Period) -> [Day] {
        var out: [Day] = []
        var m = p.firstDay.weekStart
        while m <= p.lastDay { out.append(m); m = m.adding(days: 7) }
        return out
    }

    static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        for id in s.order {
            guard let e = s.employees[id], ctx.policy.planRoles.contains(e.role) else { continue }
            let working = Set(Activity.workingDays(ctx, id))
            var missing: [Day] = []
            for monday in weeksOverlapping(ctx.period) {
                let hasWorkingDay = (0..<7).contains { working.contains(monday.adding(days: $0)) }
                guard hasWorkingDay else { continue }
                // A plan row of any day of the week counts: this period's files or (for the days of a
                // closed previous month) that close's record, both merged into the context's plan weeks.
                if !ctx.hasPlanWeek(id, containing: monday) { missing.append(monday) }
            }
            s.update(id) { e in
                e.missingPlanWeeks = missing
                if !missing.isEmpty {
                    e.raise(code.rawValue)
                    e.notes.append((code: code.rawValue, detail: missing.map(\.description).joined(separator: ", ")))
                }
            }
        }
    }
}
