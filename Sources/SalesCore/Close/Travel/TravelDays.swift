/// rules.md §2 — travel days, verified travel days and the meal allowance; with them ATT-TRAVEL-UNVERIFIED and
/// ATT-TRAVEL-DAYS-LOW (`AttTravelUnverified`, `AttTravelDaysLow`).
public enum TravelDays {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let days = ctx.period.days
        for id in s.order {
            guard let emp = ctx.roster[id] else { continue }
            var travel = 0, verified = 0
            var unverified: [Day] = []
            for d in days {
                guard let a = ctx.attendance[.init(id, d)], a.status == .travel else { continue }
                travel += 1
                if ctx.policy.planRoles.contains(emp.role) {
                    if let planned = ctx.plans[.init(id, d)]?.city, planned == a.city { verified += 1 } else { unverified.append(d) }
                } else {
                    verified += 1
                }
            }
            s.update(id) { e in
                e.travelDays = travel
                e.verifiedTravelDays = verified
                e.unverifiedTravelDates = unverified
                e.mealAllowance = (ctx.policy.mealAllowance[emp.role] ?? .zero) * verified
                AttTravelUnverified.raise(&e, unverified)
                AttTravelDaysLow.raise(&e, emp, ctx, travel: travel)
            }
        }
    }
}
