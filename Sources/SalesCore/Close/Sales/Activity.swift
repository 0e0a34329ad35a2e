/// rules.md §4 — working days and, for activity_roles, the plan and activity checks of each working day
/// (`PlanActivityLow`; with a visits file `ActBelowStandard` and the activity share).
public enum Activity {
    /// Days of the period on which the employee's attendance is office, field or travel.
    static func workingDays(_ ctx: CloseContext, _ emp: String) -> [Day] {
        ctx.period.days.filter { ctx.attendance[CloseContext.EmpDay(emp, $0)]?.status.isWorking == true }
    }

    static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let std = ctx.policy.activityStandard
        // Visits per (employee, day) by kind.
        var visits: [CloseContext.EmpDay: [VisitKind: Int]] = [:]
        for (_, v) in ctx.visits { visits[CloseContext.EmpDay(v.employeeId, v.date), default: [:]][v.kind, default: 0] += 1 }

        for id in s.order {
            guard let e = s.employees[id] else { continue }
            let days = workingDays(ctx, id)
            let isActivityRole = ctx.policy.activityRoles.contains(e.role)
            s.update(id) { e in
                e.workingDays = days.count
                guard isActivityRole else { e.activityShare = nil; return }
                PlanActivityLow.raise(&e, ctx, id, days, std)
                // ACT-BELOW-STANDARD and activity_share, only with a visits file.
                guard ctx.hasVisits else { e.activityShare = nil; return }
                let met = ActBelowStandard.raise(&e, visits, id, days, std)
                e.activityShare = days.isEmpty ? nil : Rational.ratio4(Int64(met), Int64(days.count))
            }
        }
    }
}
