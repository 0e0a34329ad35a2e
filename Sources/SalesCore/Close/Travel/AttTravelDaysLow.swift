/// `ATT-TRAVEL-DAYS-LOW` — an employee active every day of the period with fewer travel days than
/// min_travel_days of the role.
public enum AttTravelDaysLow: Rule {
    public static let code: Code = .attTravelDaysLow
    static func raise(_ e: inout EmployeeResult, _ emp: RosterRow, _ ctx: CloseContext, travel: Int) {
        if let min = ctx.policy.minTravelDays[emp.role], emp.isActiveEveryDay(of: ctx.period), travel < min {
            e.raise(code.rawValue)
        }
    }
}
