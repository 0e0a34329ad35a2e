/// `EXP-LODGING-CAP` — (lodging_cap[role] + tier_city_surcharge in a tier city) × nights; above it, reduced to the cap.
public enum ExpLodgingCap: ExpenseRule {
    public static let code: Code = .expLodgingCap
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        guard line.row.category == .lodging else { return .pass }
        let cap = self.cap(line, ctx.policy)
        return line.approved > cap ? .reduce(code, cap) : .pass
    }
    public static func cap(_ line: ExpenseLine, _ policy: Policy) -> Money {
        var perNight = policy.lodgingCap[line.employee.role] ?? .zero
        if let c = line.row.city, policy.tierCities.contains(c) { perNight += policy.tierCitySurcharge }
        return perNight * Swift.max(line.row.nights, 1)
    }
}
