import SalesCore

/// One employee's day: the attendance status (and city when travelling) and the action plan's row.
struct DayPlan {
    var active = false
    var status: AttendanceStatus = .rest
    var city: String? = nil  // attendance city, for travel
    var planCity: String? = nil  // nil: no plan row that day
    var pNew = 0, pExisting = 0, pCalls = 0
    var purpose = ""
}

/// Month schedules, computed once per employee and month and looked up by key (no iteration over the cache).
final class Schedules {
    let company: Company
    let seed: UInt64
    private var cache: [Int: [DayPlan]] = [:]

    init(company: Company, seed: UInt64) { self.company = company; self.seed = seed }

    func day(_ e: Employee, _ d: Day) -> DayPlan { month(e, d.period)[d.day - 1] }

    func month(_ e: Employee, _ p: Period) -> [DayPlan] {
        let key = e.index * 1_000_000 + p.index
        if let m = cache[key] { return m }
        let m = build(e, p)
        cache[key] = m
        return m
    }

    private func build(_ e: Employee, _ p: Period) -> [DayPlan] {
        var rng = DemoRNG(seed, 2, e.index, p.index)
        let days = p.days
        var plans = days.map { d -> DayPlan in
            var x = DayPlan(); x.active = e.isActive(d); return x
        }
        let weekdays = days.indices.filter { days[$0].isoWeekday <= 5 && plans[$0].active }
        let saturdays = days.indices.filter { days[$0].isoWeekday == 6 && plans[$0].active }
        let meeting = weekdays.last  // 营销例会 on the month's last working day
        let cast = company.cast

        func office(_ i: Int, _ purpose: String) {
            plans[i].status = .office; plans[i].city = nil
            plans[i].planCity = e.role == .regional_manager ? CompanyData.headOffice : e.baseCity
            plans[i].purpose = purpose
        }

        switch e.role {
        case .regional_manager:
            var candidates = weekdays.filter { $0 != meeting }
            let target = e.index == cast.rmLowTravel ? rng.int(14...16) : rng.int(20...23)
            var travel: [Int]
            if candidates.count > target {
                rng.shuffle(&candidates)
                let extra = Array(candidates[target...])
                travel = Array(candidates[..<target]).sorted()
                for i in extra {
                    if e.index == cast.rmLowTravel && rng.chance(40) {
                        plans[i].status = .leave
                    } else {
                        office(i, "内勤、整理客户档案")
                    }
                }
            } else {
                travel = candidates
                for i in saturdays where travel.count < target { travel.append(i) }
                travel.sort()
            }
            if let m = meeting { office(m, "营销例会") }
            // Cities: a trip is a run of consecutive travel days; the city changes every 2–3 days.
            var prev = -2, city = "", left = 0
            for i in travel {
                if i != prev + 1 || left == 0 {
                    var c = rng.pick(e.travelCities)
                    if c == city && e.travelCities.count > 1 { c = rng.pick(e.travelCities.filter { $0 != city }) }
                    city = c; left = rng.int(2...3)
                }
                left -= 1; prev = i
                plans[i].status = .travel; plans[i].city = city; plans[i].planCity = city
                plans[i].pNew = rng.int(1...2); plans[i].pExisting = rng.int(2...4); plans[i].pCalls = rng.int(3...6)
                plans[i].purpose = rng.pick(CompanyData.rmPurposes)
            }
            if e.index == cast.rmUnverified {
                // Two return days where the attendance city is not the plan's (ATT-TRAVEL-UNVERIFIED).
                var n = 0
                for i in travel where n < 2 && i + 1 < days.count && plans[i + 1].status != .travel && i > 3 {
                    if let other = e.travelCities.first(where: { $0 != plans[i].city }) {
                        plans[i].planCity = other; n += 1
                    }
                }
            }
            if e.index == cast.rmMissingWeek {
                // No action plan for the week of the month's second Monday (PLAN-MISSING-WEEK, EXP-NO-PLAN).
                if let firstMonday = days.firstIndex(where: { $0.isoWeekday == 1 }) {
                    for i in (firstMonday + 7)..<min(firstMonday + 14, days.count) { plans[i].planCity = nil }
                }
            }
        case .sales_rep:
            for i in weekdays {
                plans[i].status = .field
                plans[i].purpose = rng.pick(CompanyData.repPurposes)
            }
            if let m = meeting { office(m, "营销例会") }
            if let i = weekdays.first, i != meeting { office(i, "周例会、整理订单") }
            if rng.chance(20), weekdays.count > 4 {
                for _ in 0..<rng.int(1...2) {
                    let i = weekdays[rng.int(1...(weekdays.count - 2))]
                    plans[i].status = .leave; plans[i].purpose = ""
                }
            }
            for i in saturdays where rng.chance(35) {
                plans[i].status = .field; plans[i].purpose = rng.pick(CompanyData.repPurposes)
            }
            if e.dept == 2 && !e.travelCities.isEmpty && weekdays.count > 6 {
                // One or two short trips to the region's counties.
                for _ in 0..<rng.int(1...2) {
                    let start = rng.int(0...(weekdays.count - 4))
                    let len = rng.int(2...3)
                    let c = rng.pick(e.travelCities)
                    for k in 0..<len {
                        let i = weekdays[start + k]
                        guard plans[i].status == .field, i == weekdays[start] + k else { continue }
                        plans[i].status = .travel; plans[i].city = c
                    }
                }
            }
            let low = cast.activityLowReps.contains(e.index)
            for i in days.indices where plans[i].active && plans[i].status.isWorking {
                plans[i].planCity = plans[i].status == .travel ? plans[i].city : e.baseCity
                plans[i].pNew = rng.int(2...3); plans[i].pExisting = rng.int(3...5); plans[i].pCalls = rng.int(4...7)
                if low && rng.chance(15) {
                    switch rng.int(0...2) {
                    case 0: plans[i].pNew = 1
                    case 1: plans[i].pExisting = 2
                    default: plans[i].pCalls = 3
                    }
                }
            }
        case .director, .key_account_manager, .assistant:
            for i in weekdays { office(i, "") }
            if e.role == .key_account_manager {
                for i in weekdays where rng.chance(40) { plans[i].status = .field }
            }
            if e.role == .assistant, weekdays.count > 10, rng.chance(50) {
                plans[weekdays[rng.int(3...8)]].status = .leave
            }
            // A trip: the 一部 head to 北京 (flight, approved), the 二部 key account manager to 上海,
            // the others into the regions.
            if e.role != .assistant, let firstMonday = days.firstIndex(where: { $0.isoWeekday == 1 }) {
                let week = e.index == cast.directorBeijing ? 14 : 7
                let tue = firstMonday + week + 1
                if tue + 2 < days.count {
                    let city: String
                    if e.index == cast.directorBeijing {
                        city = "北京"
                    } else if e.index == cast.kamShanghai {
                        city = "上海"
                    } else {
                        city = rng.pick(e.travelCities)
                    }
                    for i in tue...(tue + 2) where plans[i].active {
                        plans[i].status = .travel; plans[i].city = city
                    }
                }
            }
            for i in days.indices { plans[i].planCity = nil }  // only RMs and reps keep action plans
        }
        for i in days.indices where !plans[i].active { plans[i] = DayPlan() }
        return plans
    }
}
