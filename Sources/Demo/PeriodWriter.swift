import SalesCore

/// Writes one month's inputs folder.
///
/// Deliberate input mistakes (only with `withMistakes`; each is listed with its file:line in the README the
/// demo writes beside the files, and each is a row the close must reject or skip):
///  1. sales.csv       — a date written `27/03/2023` (day-first: ROW-BAD-VALUE, ambiguous date)
///  2. sales.csv       — an order line repeated later in the file (same 订单号/行号: ROW-DUPLICATE)
///  3. sales.csv       — an amount with three decimals `12345.678` (ROW-BAD-VALUE)
///  4. sales.csv       — a row with its last field missing (ROW-FIELD-COUNT)
///  5. sales.csv       — an order of the rep who left mid-month, dated after his leave date (ROW-NOT-ACTIVE)
///  6. visits.csv      — an employee id that is not on the roster, `E9527` (ROW-UNKNOWN-EMPLOYEE)
///  7. remittances.csv — a bank slip number Excel turned into `1.23457E+11` (ROW-EXCEL-DAMAGE)
///  8. plans.csv       — a blank line (skipped, counted as blank)
/// Not done: an id with its leading zeros dropped — the roster's ids are `E0001`, which Excel leaves alone.
///
/// Business cases the rules should flag are always written (README lists who): see `notes`.
struct PeriodWriter {
    let period: Period
    let number: Int  // 0 for the first month of the run
    let company: Company
    let schedules: Schedules
    let options: DemoOptions
    let directory: String

    var mistakes: [String] = []
    var cases: [String] = []
    var files: [String] = []
    var remitted: [Int64]
    var sold: [Int64]

    init(period: Period, number: Int, company: Company, schedules: Schedules, options: DemoOptions, directory: String) {
        self.period = period; self.number = number; self.company = company; self.schedules = schedules
        self.options = options; self.directory = directory
        remitted = [Int64](repeating: 0, count: company.employees.count)
        sold = [Int64](repeating: 0, count: company.employees.count)
    }

    var emps: [Employee] { company.employees }
    var cast: Cast { company.cast }
    var ym: String { "\(period.year)" + Fmt.pad(period.month, 2) }
    func rng(_ salt: Int, _ more: Int = 0) -> DemoRNG { DemoRNG(options.seed, salt, period.index, more) }

    mutating func writeAll() throws -> [String] {
        try writeRoster()
        try writeSalesAndRemittances()
        try writeTargets()
        try writeAttendance()
        try writePlans()
        try writeVisits()
        try writeExpenses()
        try writeAdvancesAndAdjustments()
        try writeReadme()
        return files
    }

    mutating func open(_ name: String, bom: Bool = false, crlf: Bool = false, gb18030: Bool = false) throws -> CSVOut {
        let f = try CSVOut(directory: directory, name: name, bom: bom, crlf: crlf, gb18030: gb18030)
        files.append(f.path)
        return f
    }

    // MARK: roster (UTF-8 with BOM, as Excel's "CSV UTF-8" writes it)

    mutating func writeRoster() throws {
        let f = try open("roster.csv", bom: true)
        f.header(["员工编号", "姓名", "岗位", "级别", "区域", "部门", "直属经理", "入职日期", "离职日期"])
        for e in emps {
            let role: String
            switch e.role {
            case .director: role = "销售部长"
            case .regional_manager: role = "区域经理"
            case .key_account_manager: role = "大客户经理"
            case .sales_rep: role = "销售员"
            case .assistant: role = "营销助理"
            }
            let level: String
            switch e.level {
            case .trainee: level = "见习"
            case .numbered(let n): level = ["", "一级", "二级", "三级", "四级"][n]
            }
            f.row([
                e.id, e.name, role, level, e.regionName, e.departmentName, e.managerId ?? "",
                e.hireDate.description, e.leaveDate?.description ?? ""
            ])
        }
        try f.close()
    }

    // MARK: customers

    struct Customer { let id: [UInt8]; let name: [UInt8]; let idText: String; let isNew: Bool }

    func customerName(_ e: Employee, seq: Int) -> String {
        var r = DemoRNG(options.seed, 3, e.sellerNo, seq)
        let cities = [e.baseCity] + e.travelCities
        switch (e.role, e.dept) {
        case (.key_account_manager, _):
            return (r.chance(50) ? r.pick(company.regions2).cities[0] : "") + r.pick(CompanyData.bigAccounts)
        case (_, 1):
            return r.pick(cities) + r.pick(CompanyData.villages) + "农资店"
        default:
            let c = r.pick(cities)
            if r.chance(8) { return c + "\"金穗\"农资经营部" }  // quotes in a name: RFC 4180 doubling
            return c + r.pick(CompanyData.distributorStyles)
        }
    }

    func customerId(_ e: Employee, seq: Int) -> String { "C" + Fmt.pad(e.sellerNo, 3) + Fmt.pad(seq, 3) }

    func poolSize(_ e: Employee) -> Int {
        var r = DemoRNG(options.seed, 5, e.sellerNo)
        switch (e.role, e.dept) {
        case (.sales_rep, 1): return r.int(25...40)
        case (.sales_rep, _): return r.int(8...15)
        case (.regional_manager, 1): return r.int(10...15)
        case (.regional_manager, _): return r.int(4...8)
        default: return r.int(5...8)
        }
    }

    func customers(_ e: Employee) -> (existing: [Customer], new: [Customer]) {
        let make = { (seq: Int, isNew: Bool) -> Customer in
            let id = self.customerId(e, seq: seq)
            return Customer(id: Array(id.utf8), name: CSVOut.fieldBytes(self.customerName(e, seq: seq)), idText: id, isNew: isNew)
        }
        let existing = (1...poolSize(e)).map { make($0, false) }
        var r = rng(6, e.index)
        let nNew: Int
        switch e.role {
        case .sales_rep: nNew = r.int(0...4)
        case .regional_manager: nNew = r.int(0...2)
        default: nNew = r.int(0...1)
        }
        let new = (0..<nNew).map { make(100 + (period.index % 90) * 10 + $0, true) }
        return (existing, new)
    }

    // MARK: sales and remittances

    func workingDays(_ e: Employee) -> [Int] {
        let m = schedules.month(e, period)
        return m.indices.filter { m[$0].active && m[$0].status.isWorking }
    }

    mutating func writeSalesAndRemittances() throws {
        let days = period.days
        let sellers = emps.filter { $0.isSeller && $0.isActive(in: period) && !workingDays($0).isEmpty }
        // Lines per seller: realistic counts, or the benchmark's total shared out in the same proportions.
        var base: [Int] = []
        for e in sellers {
            var r = rng(7, e.index)
            let n: Int
            switch (e.role, e.dept) {
            case (.sales_rep, 1): n = r.int(30...40)
            case (.sales_rep, _): n = r.int(20...28)
            case (.regional_manager, _): n = r.int(8...14)
            default: n = r.int(12...18)
            }
            base.append(max(1, n * workingDays(e).count / 22))
        }
        let mistakeRows = options.withMistakes ? 5 : 0
        var counts = base
        if let total = options.orderLinesPerMonth {
            let normal = max(0, total - mistakeRows)
            let w = base.reduce(0, +)
            counts = base.map { Int(Int64($0) * Int64(normal) / Int64(w)) }
            var left = normal - counts.reduce(0, +)
            var i = 0
            while left > 0 { counts[i % counts.count] += 1; left -= 1; i += 1 }
        }
        // Per seller and day.
        var perDay: [[Int]] = []
        var states: [DemoRNG] = []
        var pools: [(existing: [Customer], new: [Customer])] = []
        for (s, e) in sellers.enumerated() {
            let wd = workingDays(e)
            var daily = [Int](repeating: 0, count: days.count)
            let q = counts[s] / wd.count, rem = counts[s] % wd.count
            var order = wd
            var r = rng(8, e.index)
            r.shuffle(&order)
            for d in wd { daily[d] = q }
            for d in order.prefix(rem) { daily[d] += 1 }
            perDay.append(daily)
            states.append(rng(9, e.index))
            pools.append(customers(e))
        }
        let dayBytes = days.map { Array($0.description.utf8) }
        let productBytes = CompanyData.products.map { CSVOut.fieldBytes($0.name) }
        let yes = Array("是".utf8), no = Array("否".utf8)

        let f = try open("sales.csv")
        f.header(["日期", "订单号", "行号", "业务员", "客户编号", "客户名称", "产品", "数量", "单价", "金额", "回款", "新客户"])
        var orderSeq = 0
        let orderPrefix = Array(("SO" + ym).utf8)
        var firstLine: [UInt8]? = nil
        var firstLineAt = 0
        let comma = UInt8(ascii: ",")
        var newSold = pools.map { _ in 0 }

        // Appends one line; returns (amount, remitted) in fen.
        func line(
            _ s: Int, _ e: Employee, day: Int, order: Int, lineNo: Int, customer: Customer, product: Int,
            rng r: inout DemoRNG, dateOverride: [UInt8]? = nil, amountOverride: String? = nil,
            dropLastField: Bool = false
        ) -> (Int64, Int64) {
            let p = CompanyData.products[product]
            var qty: Int
            switch (e.role, e.dept) {
            case (.sales_rep, 1): qty = r.int(20...120)
            case (.sales_rep, _): qty = r.int(60...260)
            case (.regional_manager, 1): qty = r.int(40...200)
            case (.regional_manager, _): qty = r.int(100...400)
            default: qty = r.int(150...600)
            }
            if p.low < 70 { qty *= 2 }
            var priceFen = Int64(r.int(p.low...p.high)) * 100 + (r.chance(30) ? 50 : 0)
            if e.dept == 2 || e.role == .key_account_manager { priceFen -= 500 }
            var amount = priceFen * Int64(qty)
            if r.chancePerMille(4) {  // 抹零: the clerk rounded the line down (SAL-AMOUNT-MISMATCH)
                let cut = amount % 10_000
                amount -= cut == 0 ? 5_000 : cut
            }
            let pct: Int
            let k = r.int(0...99)
            if e.dept == 1 && e.role != .key_account_manager {
                pct = k < 55 ? 100 : k < 80 ? 50 : 0
            } else {
                pct = k < 25 ? 100 : k < 45 ? 30 : 0
            }
            let rem = Int64(Rational.roundHalfAway(amount * Int64(pct), 100))
            f.buf.append(contentsOf: dateOverride ?? dayBytes[day]); f.buf.append(comma)
            f.buf.append(contentsOf: orderPrefix); CSVOut.appendPadded(order, width: 6, into: &f.buf); f.buf.append(comma)
            CSVOut.appendInt(Int64(lineNo), into: &f.buf); f.buf.append(comma)
            f.buf.append(contentsOf: e.id.utf8); f.buf.append(comma)
            f.buf.append(contentsOf: customer.id); f.buf.append(comma)
            f.buf.append(contentsOf: customer.name); f.buf.append(comma)
            f.buf.append(contentsOf: productBytes[product]); f.buf.append(comma)
            CSVOut.appendInt(Int64(qty), into: &f.buf); f.buf.append(comma)
            CSVOut.appendMoney(priceFen, into: &f.buf); f.buf.append(comma)
            if let a = amountOverride { f.buf.append(contentsOf: a.utf8) } else { CSVOut.appendMoney(amount, into: &f.buf) }
            f.buf.append(comma)
            CSVOut.appendMoney(rem, into: &f.buf)
            if !dropLastField {
                f.buf.append(comma)
                if !r.chance(3) { f.buf.append(contentsOf: customer.isNew ? yes : no) }
            }
            f.endLine()
            return (amount, rem)
        }

        let lastDay = days.count - 1
        for d in days.indices {
            for (s, e) in sellers.enumerated() {
                var c = perDay[s][d]
                var r = states[s]
                while c > 0 {
                    let k = min(c, r.int(1...3))
                    c -= k
                    let pool = pools[s]
                    let customer: Customer
                    if newSold[s] < pool.new.count && r.chance(25) {
                        customer = pool.new[newSold[s]]; newSold[s] += 1
                    } else if !pool.new.isEmpty && newSold[s] > 0 && r.chance(5) {
                        customer = pool.new[r.int(0...(newSold[s] - 1))]
                    } else {
                        customer = r.pick(pool.existing)
                    }
                    orderSeq += 1
                    var used = 0  // bit set of the order's products (distinct per order)
                    for j in 0..<k {
                        var pj = r.int(0...(productBytes.count - 1))
                        while used & (1 << pj) != 0 { pj = (pj + 1) % productBytes.count }
                        used |= 1 << pj
                        let at = f.nextLine
                        let start = f.buf.count
                        let (a, rem) = line(s, e, day: d, order: orderSeq, lineNo: j + 1, customer: customer, product: pj, rng: &r)
                        sold[e.index] += a; remitted[e.index] += rem
                        if firstLine == nil && f.buf.count > start {
                            firstLine = Array(f.buf[start..<(f.buf.count - 1)]); firstLineAt = at  // without its line break
                        }
                    }
                }
                states[s] = r
            }
            guard options.withMistakes, let e0 = sellers.first(where: { $0.role == .sales_rep && $0.dept == 1 }) ?? sellers.first,
                let s0 = sellers.firstIndex(where: { $0.index == e0.index })
            else { continue }
            var r = rng(10, d)
            let cust = pools[s0].existing[0]
            if d == min(4, lastDay), let dup = firstLine {
                mistakes.append("sales.csv:\(f.nextLine) — the order line of line \(firstLineAt) exported twice (ROW-DUPLICATE)")
                f.buf.append(contentsOf: dup); f.endLine()
            }
            if d == min(9, lastDay) {
                orderSeq += 1
                mistakes.append("sales.csv:\(f.nextLine) — an amount with three decimals, 12345.678 (ROW-BAD-VALUE, 金额)")
                _ = line(s0, e0, day: d, order: orderSeq, lineNo: 1, customer: cust, product: 0, rng: &r, amountOverride: "12345.678")
            }
            if d == min(14, lastDay) {
                orderSeq += 1
                mistakes.append("sales.csv:\(f.nextLine) — a row with its last field (新客户) missing (ROW-FIELD-COUNT)")
                _ = line(s0, e0, day: d, order: orderSeq, lineNo: 1, customer: cust, product: 2, rng: &r, dropLastField: true)
            }
            if d == min(20, lastDay) {
                orderSeq += 1
                let leaver = cast.leaverInPeriod.map { emps[$0] } ?? emps[cast.leaverBefore!]
                mistakes.append("sales.csv:\(f.nextLine) — an order credited to \(leaver.id) \(leaver.name), who left on \(leaver.leaveDate!) (ROW-NOT-ACTIVE)")
                let lc = Customer(
                    id: Array(customerId(leaver, seq: 1).utf8), name: CSVOut.fieldBytes(customerName(leaver, seq: 1)),
                    idText: customerId(leaver, seq: 1), isNew: false)
                _ = line(s0, leaver, day: d, order: orderSeq, lineNo: 1, customer: lc, product: 1, rng: &r)
            }
            if d == min(26, lastDay) {
                orderSeq += 1
                let dmy = Fmt.pad(d + 1, 2) + "/" + Fmt.pad(period.month, 2) + "/" + "\(period.year)"
                mistakes.append("sales.csv:\(f.nextLine) — the date written \(dmy), day first (ROW-BAD-VALUE, ambiguous date)")
                _ = line(s0, e0, day: d, order: orderSeq, lineNo: 1, customer: cust, product: 3, rng: &r, dateOverride: Array(dmy.utf8))
            }
        }
        try f.close()
        for (s, e) in sellers.enumerated() where e.role == .sales_rep && pools[s].new.count > newSold[s] {
            _ = e  // a new customer that was visited but did not order this month: fine
        }

        // Remittances (回款): payments for earlier orders, mostly from county distributors.
        let g = try open("remittances.csv")
        g.header(["回款日期", "员工编号", "客户编号", "回款金额", "收据号", "订单号"])
        var seq = 0
        let prevYM = "\(period.previous.year)" + Fmt.pad(period.previous.month, 2)
        var damaged = false
        for (s, e) in sellers.enumerated() {
            var r = rng(11, e.index)
            let n: Int
            let range: ClosedRange<Int>
            switch (e.role, e.dept) {
            case (.key_account_manager, _): n = r.int(1...3); range = 20_000...120_000
            case (_, 1): n = r.int(0...2); range = 1_000...15_000
            default: n = r.int(2...6); range = 8_000...90_000
            }
            let active = schedules.month(e, period).indices.filter { schedules.month(e, period)[$0].active }
            for _ in 0..<n {
                let d = days[r.pick(active)]
                let fen = Int64(r.int(range) / 100 * 100) * 100
                seq += 1
                let cust = r.pick(pools[s].existing)
                let order = r.chance(50) ? "SO" + prevYM + Fmt.pad(r.int(1...2500), 6) : ""
                g.row([d.description, e.id, cust.idText, Fmt.money(fen), "HD" + ym + Fmt.pad(seq, 5), order])
                remitted[e.index] += fen
            }
            if options.withMistakes && !damaged && e.dept == 2 && n > 0 {
                damaged = true
                let d = days[r.pick(active)]
                mistakes.append("remittances.csv:\(g.nextLine) — a bank slip number Excel turned into 1.23457E+11 (ROW-EXCEL-DAMAGE)")
                g.row([d.description, e.id, pools[s].existing[0].idText, "36800.00", "1.23457E+11", ""])
            }
        }
        if let lb = cast.leaverBefore {
            // A customer of a rep who has left pays an old debt: counts for the customer and region, not for him.
            let e = emps[lb]
            seq += 1
            let d = days[min(11, days.count - 1)]
            g.row([d.description, e.id, customerId(e, seq: 2), "15600.00", "HD" + ym + Fmt.pad(seq, 5), "SO" + prevYM + "000017"])
            cases.append(
                "remittances.csv — \(e.id) \(e.name) left on \(e.leaveDate!); his customer pays after he left (accepted; counts for the customer and region only)"
            )
        }
        try g.close()
    }

    // MARK: targets

    mutating func writeTargets() throws {
        let f = try open("targets.csv")
        f.header(["月份", "员工编号", "销售指标", "回款指标", "网点开发指标"])
        var bands = [0, 0, 0]
        for e in emps where e.isSeller && e.isActive(in: period) {
            if period.contains(e.hireDate) && e.hireDate > period.firstDay {
                cases.append("targets.csv — \(e.id) \(e.name) (见习) joined on \(e.hireDate): no target row yet (COM-NO-TARGET, COM-DEFERRED)")
                continue
            }
            var r = rng(12, e.index)
            let k = r.int(0...99)
            let permille: Int
            if k < 45 {
                permille = r.int(1020...1350); bands[0] += 1
            } else if k < 80 {
                permille = r.int(820...980); bands[1] += 1
            } else {
                permille = r.int(450...750); bands[2] += 1
            }
            var target: Int64
            if remitted[e.index] <= 0 {
                target = 2_000_000
            } else {
                let raw = remitted[e.index] * 1000 / Int64(permille)
                let unit: Int64 = raw >= 5_000_000 ? 100_000 : 10_000
                target = max(500_000, Rational.roundHalfAway(raw, unit) * unit)
            }
            let sraw = sold[e.index] * 1000 / Int64(r.int(850...1150))
            let salesTarget = max(1_000_000, Rational.roundHalfAway(sraw, 1_000_000) * 1_000_000)
            let outlets: Int
            switch (e.role, e.dept) {
            case (.sales_rep, 1): outlets = 3
            case (.key_account_manager, _): outlets = 1
            default: outlets = 2
            }
            f.row([period.description, e.id, Fmt.money(salesTarget), Fmt.money(target), String(outlets)])
        }
        cases.append(
            "targets.csv — remittance targets set so that about \(bands[0]) sellers reach 100%+, \(bands[1]) reach 80–100% (COM-SETTLED) and \(bands[2]) stay below 80% (COM-DEFERRED)"
        )
        try f.close()
    }

    // MARK: attendance

    mutating func writeAttendance() throws {
        let f = try open("attendance.csv")
        f.header(["日期", "员工编号", "考勤状态", "城市"])
        let days = period.days
        let leaveWords = ["请假", "事假", "病假", "年假"]
        for e in emps where e.isActive(in: period) {
            let m = schedules.month(e, period)
            var r = rng(13, e.index)
            for (i, d) in days.enumerated() where m[i].active {
                let st: String
                switch m[i].status {
                case .office: st = "在岗"
                case .field: st = "外勤"
                case .travel: st = "出差"
                case .leave: st = r.pick(leaveWords)
                case .absent: st = "旷工"
                case .rest: st = "休息"
                }
                f.row([d.description, e.id, st, m[i].status == .travel ? (m[i].city ?? "") : ""])
            }
            if e.role == .regional_manager {
                let n = m.filter { $0.active && $0.status == .travel }.count
                if e.index == cast.rmLowTravel {
                    cases.append("attendance.csv — \(e.id) \(e.name) (区域经理) travelled \(n) days (ATT-TRAVEL-DAYS-LOW)")
                }
            }
        }
        try f.close()
    }

    // MARK: plans (行动计划表): every ISO week overlapping the month

    mutating func writePlans() throws {
        let f = try open("plans.csv")
        f.header(["员工编号", "日期", "城市", "计划拜访新客户", "计划拜访老客户", "计划电话", "工作内容"])
        let start = period.firstDay.weekStart
        let end = period.lastDay.weekStart.adding(days: 6)
        let planners = emps.filter { ($0.role == .regional_manager || $0.role == .sales_rep) && $0.isActive(in: period) }
        var blankDone = !options.withMistakes
        var quoted = false
        for (n, e) in planners.enumerated() {
            var d = start
            while d <= end {
                let x = schedules.day(e, d)
                if x.active, let city = x.planCity {
                    var purpose = x.purpose
                    if !quoted && e.role == .regional_manager && x.status == .travel && period.contains(d) && (8...21).contains(d.day) {
                        purpose = "拜访\"金穗\"经销商, 催收春耕货款"; quoted = true
                    }
                    f.row([e.id, d.description, city, String(x.pNew), String(x.pExisting), String(x.pCalls), purpose])
                }
                d = d.adding(days: 1)
            }
            if !blankDone && n >= planners.count / 2 {
                mistakes.append("plans.csv:\(f.nextLine) — a blank line (skipped and counted as blank)")
                f.rawLine(""); blankDone = true
            }
        }
        let mw = emps[cast.rmMissingWeek]
        if let firstMonday = period.days.first(where: { $0.isoWeekday == 1 }) {
            let wk = firstMonday.adding(days: 7)
            cases.append(
                "plans.csv — \(mw.id) \(mw.name) (区域经理) has no plan for the week of \(wk) (PLAN-MISSING-WEEK; his lodging and fares that week: EXP-NO-PLAN; travel days unverified: ATT-TRAVEL-UNVERIFIED)"
            )
        }
        let uv = emps[cast.rmUnverified]
        cases.append("plans.csv — \(uv.id) \(uv.name) (区域经理): on two return days the plan's city is not the attendance city (ATT-TRAVEL-UNVERIFIED)")
        let lows = cast.activityLowReps.prefix(4).map { emps[$0].id }.joined(separator: ", ")
        cases.append("plans.csv — reps \(lows) … plan some days below 2 new / 3 existing / 4 calls (PLAN-ACTIVITY-LOW)")
        try f.close()
    }

    // MARK: visits (拜访): what the reps actually did

    mutating func writeVisits() throws {
        let f = try open("visits.csv")
        f.header(["日期", "员工编号", "客户编号", "类型"])
        let days = period.days
        let reps = emps.filter { $0.role == .sales_rep && $0.isActive(in: period) }
        var unknownDone = !options.withMistakes
        for (n, e) in reps.enumerated() {
            let m = schedules.month(e, period)
            var r = rng(14, e.index)
            let pool = customers(e)
            for (i, d) in days.enumerated() where m[i].active && m[i].status.isWorking {
                var nNew = r.int(2...3), nOld = r.int(3...5), nCall = r.int(4...7)
                if r.chance(22) {
                    switch r.int(0...2) {
                    case 0: nNew = r.int(0...1)
                    case 1: nOld = r.int(1...2)
                    default: nCall = r.int(1...3)
                    }
                }
                for j in 0..<nNew {
                    let id = j < pool.new.count && r.chance(40) ? pool.new[j].idText : customerId(e, seq: r.int(900...999))
                    f.row([d.description, e.id, id, "新客户"])
                }
                for _ in 0..<nOld { f.row([d.description, e.id, r.pick(pool.existing).idText, "老客户"]) }
                for _ in 0..<nCall { f.row([d.description, e.id, r.pick(pool.existing).idText, "电话"]) }
            }
            if !unknownDone && n >= 4 {
                let d = days[min(7, days.count - 1)]
                mistakes.append("visits.csv:\(f.nextLine) — employee id E9527 is not on the roster (ROW-UNKNOWN-EMPLOYEE)")
                f.row([d.description, "E9527", customerId(e, seq: 1), "老客户"])
                unknownDone = true
            }
        }
        cases.append("visits.csv — about one working day in five falls below the standard for each rep (ACT-BELOW-STANDARD, activity_share < 1)")
        try f.close()
    }
}
