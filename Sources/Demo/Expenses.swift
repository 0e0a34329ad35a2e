import SalesCore

/// One line of a reimbursement claim before it is written.
struct ExpLine {
    var employee: Int
    var date: Day
    var category: ExpenseCategory
    var mode: String = ""  // the export's word: 火车, 高铁, 长途汽车, 飞机, 出租车
    var city: String = ""
    var nights: Int = 0  // 0: column empty
    var fen: Int64
    var hasReceipt = true
    var handwritten = false
    var approvedBy = ""
    var gm = ""
    var reason = ""
    var submitted: Day? = nil  // nil: the claim's date
    var claim: String? = nil  // nil: the employee's claim of the month
}

extension PeriodWriter {
    /// Expenses: GB18030 with CRLF, Chinese headers, `￥1,234.50` amounts and `2023/3/27` dates, the way
    /// Excel on a Chinese Windows PC saves a CSV.
    mutating func writeExpenses() throws {
        var lines: [ExpLine] = []
        let days = period.days
        let ext0 = period.firstDay.adding(days: -10)
        let ext1 = period.lastDay.adding(days: 10)
        let ymText = ym
        let gmRef = { (n: Int) -> String in "总经理批准 GM" + ymText + "-" + Fmt.pad(n, 2) }
        func yuan(_ y: Int, half: Bool = false) -> Int64 { Int64(y) * 100 + (half ? 50 : 0) }

        for e in emps where e.isActive(in: period) {
            var r = rng(20, e.index)
            var mine: [ExpLine] = []
            // Trips: runs of consecutive travel days (looked at across the month's edges).
            var trips: [[Day]] = []
            var d = ext0
            var run: [Day] = []
            while d <= ext1 {
                if schedules.day(e, d).active && schedules.day(e, d).status == .travel { run.append(d) } else if !run.isEmpty { trips.append(run); run = [] }
                d = d.adding(days: 1)
            }
            if !run.isEmpty { trips.append(run) }
            let far = e.dept == 2 || e.role == .director || e.role == .key_account_manager
            for trip in trips {
                let city0 = schedules.day(e, trip[0]).city ?? e.baseCity
                /// A fare to `to`; `from` decides the mode on the way back from 北京 or 上海.
                func fare(_ day: Day, _ to: String, from: String = "") {
                    guard period.contains(day) else { return }
                    if to == "北京" || from == "北京" {
                        mine.append(
                            ExpLine(
                                employee: e.index, date: day, category: .transport, mode: "飞机", city: to,
                                fen: yuan(1080), gm: gmRef(1)))
                    } else if to == "上海" || from == "上海" {
                        mine.append(ExpLine(employee: e.index, date: day, category: .transport, mode: "高铁", city: to, fen: yuan(309, half: true)))
                    } else if far && r.chance(60) {
                        mine.append(
                            ExpLine(
                                employee: e.index, date: day, category: .transport, mode: r.chance(50) ? "高铁" : "火车",
                                city: to, fen: yuan(r.int(45...130), half: r.chance(50))))
                    } else {
                        mine.append(
                            ExpLine(
                                employee: e.index, date: day, category: .transport, mode: "长途汽车", city: to,
                                fen: yuan(far ? r.int(35...80) : r.int(12...35))))
                    }
                }
                fare(trip[0], city0)
                // Lodging: every night of the trip but the last, one line per stay in a city.
                var stayStart: Day? = nil, stayCity = "", nights = 0
                func closeStay() {
                    guard let s = stayStart, nights > 0 else { return }
                    let rate: Int64
                    switch e.role {
                    case .regional_manager: rate = r.chance(6) ? yuan(r.int(122...158)) : yuan(r.int(68...115))
                    case .director: rate = stayCity == "北京" ? yuan(165) : yuan(r.int(120...148))
                    case .key_account_manager: rate = stayCity == "上海" ? yuan(178) : yuan(r.int(100...128))
                    default: rate = yuan(r.int(50...95))
                    }
                    mine.append(
                        ExpLine(
                            employee: e.index, date: s, category: .lodging, city: stayCity, nights: nights,
                            fen: rate * Int64(nights)))
                    stayStart = nil; nights = 0
                }
                for (k, day) in trip.enumerated() where k < trip.count - 1 {
                    let c = schedules.day(e, day).city ?? e.baseCity
                    if !period.contains(day) { closeStay(); continue }
                    if stayStart != nil && c != stayCity { closeStay(); fare(day, c) }
                    if stayStart == nil { stayStart = day; stayCity = c }
                    nights += 1
                }
                closeStay()
                if trip.count > 1 {
                    let last = trip[trip.count - 1]
                    let c = schedules.day(e, last).city ?? e.baseCity
                    if c != stayCity && period.contains(last) && e.role == .regional_manager { fare(last, c) }
                    fare(last, e.baseCity, from: c)
                }
            }
            // Entertainment and taxis.
            let travelDays = days.filter { schedules.day(e, $0).active && schedules.day(e, $0).status == .travel }
            if e.role == .regional_manager && !travelDays.isEmpty {
                for _ in 0..<r.int(0...2) {
                    mine.append(ExpLine(employee: e.index, date: r.pick(travelDays), category: .entertainment, fen: yuan(r.int(150...360))))
                }
                if r.chance(50) {
                    mine.append(ExpLine(employee: e.index, date: r.pick(travelDays), category: .transport, mode: "出租车", fen: yuan(r.int(18...45))))
                }
            }
            if e.role == .director || e.role == .key_account_manager {
                for _ in 0..<r.int(1...2) {
                    let workDays = days.filter { schedules.day(e, $0).active && schedules.day(e, $0).status.isWorking }
                    if let wd = workDays.isEmpty ? nil : r.pick(workDays) {
                        mine.append(ExpLine(employee: e.index, date: wd, category: .entertainment, fen: yuan(r.int(300...800))))
                    }
                }
            }
            lines += mine
        }

        // The story's cases.
        func idx(_ emp: Int, _ cat: ExpenseCategory, nth: Int = 0, minNights: Int = 0) -> Int? {
            let all = lines.indices.filter { lines[$0].employee == emp && lines[$0].category == cat && lines[$0].nights >= minNights }
            return all.isEmpty ? nil : all[min(nth, all.count - 1)]
        }
        func travelDay(_ emp: Int, _ nth: Int) -> Day? {
            let t = days.filter { schedules.day(emps[emp], $0).status == .travel && schedules.day(emps[emp], $0).active }
            return t.isEmpty ? nil : t[min(nth, t.count - 1)]
        }
        func note(_ emp: Int, _ text: String) { cases.append("expenses.csv — \(emps[emp].id) \(emps[emp].name) (\(roleName(emps[emp].role))): \(text)") }

        note(cast.rmMissingWeek, "lodging and fares in the week without a plan (EXP-NO-PLAN)")
        if let i = idx(cast.rmRouteMismatch, .lodging, nth: 2) {
            let e = emps[cast.rmRouteMismatch]
            lines[i].city = e.travelCities.first { $0 != lines[i].city } ?? "开封"
            note(cast.rmRouteMismatch, "a hotel receipt from \(lines[i].city) on \(lines[i].date) where the plan says otherwise (EXP-ROUTE-MISMATCH, AUDIT)")
        }
        if let i = idx(cast.rmUnsigned, .lodging, nth: 1) {
            lines[i].handwritten = true; lines[i].fen = min(lines[i].fen, 6000 * Int64(max(1, lines[i].nights)))
            note(cast.rmUnsigned, "a handwritten inn receipt nobody signed, \(lines[i].date) (EXP-UNSIGNED)")
        }
        if let i = idx(cast.repSigned, .lodging) {
            lines[i].handwritten = true
            lines[i].approvedBy = company.manager(of: emps[cast.repSigned])?.name ?? ""
            note(cast.repSigned, "a handwritten receipt signed by his manager \(lines[i].approvedBy) (approved)")
        }
        if let i = idx(cast.rmNoReceipt, .transport) {
            lines[i].hasReceipt = false
            note(cast.rmNoReceipt, "a fare without receipt or reason, \(lines[i].date) (EXP-NO-RECEIPT)")
        }
        if let i = idx(cast.rmExplained, .transport, nth: 1) {
            lines[i].hasReceipt = false; lines[i].reason = "车票遗失"
            note(cast.rmExplained, "a fare without receipt, reason given (EXP-RECEIPT-EXPLAINED)")
        }
        if let d = travelDay(cast.rmPossibleDup, 3) {
            for _ in 0..<2 {
                lines.append(
                    ExpLine(
                        employee: cast.rmPossibleDup, date: d, category: .transport, mode: "出租车", fen: yuan(35),
                        hasReceipt: false, reason: "出租车未开票"))
            }
            note(cast.rmPossibleDup, "two taxi lines of 35.00 on \(d), no receipts (EXP-RECEIPT-EXPLAINED; the second EXP-POSSIBLE-DUPLICATE)")
        }
        if let d = travelDay(cast.rmMeals, 5) {
            lines.append(ExpLine(employee: cast.rmMeals, date: d, category: .meals, city: schedules.day(emps[cast.rmMeals], d).city ?? "", fen: yuan(68)))
            note(cast.rmMeals, "a meals receipt, \(d) (EXP-MEALS-ALLOWANCE: meals are the daily allowance)")
        }
        if let i = idx(cast.rmDoubleLodging, .lodging, minNights: 2) {
            var x = lines[i]
            x.date = x.date.adding(days: 1); x.nights = 1; x.fen = lines[i].fen / Int64(lines[i].nights)
            lines.append(x)
            note(cast.rmDoubleLodging, "a second hotel receipt for the night of \(x.date) (EXP-DOUBLE-LODGING)")
        }
        do {
            let fares = lines.indices.filter { lines[$0].employee == cast.rmFlightNoGM && lines[$0].category == .transport && lines[$0].mode != "出租车" }
            if fares.count > 2 {
                let i = fares[2]
                lines[i].mode = "飞机"; lines[i].fen = yuan(620); lines[i].gm = ""
                note(cast.rmFlightNoGM, "a flight on \(lines[i].date) without the general manager's approval (EXP-FLIGHT-UNAPPROVED)")
            }
        }
        lines.removeAll { ($0.employee == cast.rmEntertainOver || $0.employee == cast.rmEntertainGM) && $0.category == .entertainment }
        if let d = travelDay(cast.rmEntertainOver, 2) {
            for (k, a) in [420, 360, 280].enumerated() {
                lines.append(ExpLine(employee: cast.rmEntertainOver, date: d.adding(days: k), category: .entertainment, fen: yuan(a)))
            }
            note(cast.rmEntertainOver, "entertainment above the 800.00 quota (EXP-OVER-QUOTA, reduced)")
        }
        if let d = travelDay(cast.rmEntertainGM, 4) {
            lines.append(ExpLine(employee: cast.rmEntertainGM, date: d, category: .entertainment, fen: yuan(560), gm: gmRef(2)))
            lines.append(ExpLine(employee: cast.rmEntertainGM, date: d.adding(days: -1), category: .entertainment, fen: yuan(380)))
            note(cast.rmEntertainGM, "entertainment past the quota with the general manager's approval (approved, flagged EXP-OVER-QUOTA)")
        }
        let day20 = Day(year: period.year, month: period.month, day: min(20, days.count))!
        lines.append(ExpLine(employee: cast.rmPhone, date: day20, category: .communication, fen: yuan(128)))
        note(cast.rmPhone, "a phone bill (通讯 quota 0: EXP-OVER-QUOTA, denied)")
        lines.append(ExpLine(employee: cast.rmPhoneGM, date: day20, category: .communication, fen: yuan(98), gm: gmRef(3)))
        note(cast.rmPhoneGM, "a phone bill approved by the general manager (approved, flagged EXP-OVER-QUOTA)")
        do {
            let rep = emps[cast.repNotTravelling]
            let m = schedules.month(rep, period)
            if let i = m.indices.first(where: { $0 >= 9 && m[$0].active && m[$0].status == .field }) {
                lines.append(ExpLine(employee: rep.index, date: days[i], category: .lodging, city: rep.baseCity, nights: 1, fen: yuan(80)))
                note(rep.index, "a hotel night on \(days[i]), a day attendance shows 外勤, not 出差 (EXP-NOT-TRAVELLING, AUDIT)")
            }
        }
        note(cast.directorBeijing, "flights to 北京 with the general manager's approval; 北京 lodging within 150 + 20 (tier city)")
        note(cast.kamShanghai, "上海 lodging at 178.00 a night above 130 + 20 (EXP-LODGING-CAP, reduced)")
        cases.append("expenses.csv — about one regional-manager hotel line in sixteen is above 120.00 a night (EXP-LODGING-CAP)")
        if number > 0 {
            // A taxi receipt of last month found late (补报): a late claim.
            let prev = period.previous
            let d = Day(year: prev.year, month: prev.month, day: 20)!
            lines.append(
                ExpLine(
                    employee: cast.rmLateClaim, date: d, category: .transport, mode: "出租车", fen: yuan(45),
                    submitted: Day(year: period.year, month: period.month, day: 3)!, claim: "BX" + ym + "-9001"))
            note(cast.rmLateClaim, "a taxi receipt dated \(d), last month, claimed late (late claim, EXP-LATE; a late claimant: ADV-LATE-CLAIM next month)")
        }

        // Claims: one per employee, submitted early next month; one manager submits after the 25th.
        let next = period.next
        var claimOf: [Int: String] = [:]
        var submitOf: [Int: Day] = [:]
        var n = 0
        for e in emps where lines.contains(where: { $0.employee == e.index }) {
            n += 1
            claimOf[e.index] = "BX" + ym + "-" + Fmt.pad(n, 4)
            var r = rng(21, e.index)
            let late = e.index == cast.rmLate
            let day = late ? min(28, Day.daysIn(year: next.year, month: next.month)) : r.int(2...12)
            submitOf[e.index] = Day(year: next.year, month: next.month, day: day)!
        }
        note(
            cast.rmLate,
            "the month's claim handed in on \(submitOf[cast.rmLate].map { $0.description } ?? "-"), after the 25th (EXP-LATE; a late claimant: ADV-LATE-CLAIM next month)"
        )

        // Written in order of employee, then date (a stable sort keeps each day's lines as built).
        let order = lines.indices.sorted { a, b in
            let x = lines[a], y = lines[b]
            if x.employee != y.employee { return x.employee < y.employee }
            if x.date != y.date { return x.date < y.date }
            return a < b
        }
        let f = try open("expenses.csv", crlf: true, gb18030: true)
        f.header([
            "报销单号", "员工编号", "发生日期", "费用类别", "交通方式", "城市", "晚数", "金额", "票据号", "票据类型",
            "经理签字", "总经理批准", "无票原因", "提交日期"
        ])
        func slash(_ d: Day) -> String { "\(d.year)/\(d.month)/\(d.day)" }
        var receipt = 0
        let receiptPrefix = String(100 + period.index % 900)
        for i in order {
            let x = lines[i]
            let cat: String
            switch x.category {
            case .lodging: cat = "住宿费"
            case .meals: cat = "伙食费"
            case .transport: cat = "交通费"
            case .entertainment: cat = "业务招待"
            case .communication: cat = "话费"
            case .other: cat = "其他"
            }
            var rno = ""
            if x.hasReceipt {
                receipt += 1
                rno = x.handwritten ? "SJ" + receiptPrefix + Fmt.pad(receipt, 5) : receiptPrefix + Fmt.pad(receipt, 6)
            }
            f.row([
                x.claim ?? claimOf[x.employee]!, emps[x.employee].id, slash(x.date), cat, x.mode, x.city,
                x.nights > 0 ? String(x.nights) : "", Fmt.yuanSign(x.fen), rno, x.handwritten ? "手写" : (x.hasReceipt ? "电子发票" : ""),
                x.approvedBy, x.gm, x.reason, slash(x.submitted ?? submitOf[x.employee]!)
            ])
        }
        try f.close()
    }

    func roleName(_ r: Role) -> String {
        switch r {
        case .director: return "销售部长"
        case .regional_manager: return "区域经理"
        case .key_account_manager: return "大客户经理"
        case .sales_rep: return "销售员"
        case .assistant: return "营销助理"
        }
    }

    // MARK: advances (借款) and adjustments (调整)

    mutating func writeAdvancesAndAdjustments() throws {
        let days = period.days
        func weekday(from d: Int) -> Day {
            var i = min(d, days.count - 1)
            while days[i].isoWeekday > 5 && i + 1 < days.count { i += 1 }
            return days[i]
        }
        struct Adv { let emp: Int; let date: Day; let fen: Int64; let purpose: String }
        var adv: [Adv] = []
        let rms = emps.filter { $0.role == .regional_manager }
        let special = [cast.rmOverLimit, cast.rmRepay, cast.rmRepayUnauth, cast.rmLate]
        let purpose = "\(period.month)月差旅借款"
        for (k, e) in rms.enumerated() where (k % 3 == 0 || special.contains(e.index)) && e.isActive(in: period) {
            var r = rng(30, e.index)
            var fen: Int64 = Int64(r.pick([1500, 2000, 2500])) * 100
            if e.index == cast.rmOverLimit { fen = 200_000 }
            if e.index == cast.rmRepay { fen = 250_000 }
            if e.index == cast.rmRepayUnauth { fen = 200_000 }
            adv.append(Adv(emp: e.index, date: weekday(from: r.int(0...2)), fen: fen, purpose: purpose))
        }
        adv.append(Adv(emp: cast.rmOverLimit, date: weekday(from: 15), fen: 150_000, purpose: "追加差旅借款"))
        adv.append(Adv(emp: cast.repAdvance, date: weekday(from: 4), fen: 100_000, purpose: "下乡差旅借款"))
        let sorted = adv.indices.sorted { adv[$0].date != adv[$1].date ? adv[$0].date < adv[$1].date : $0 < $1 }
        let f = try open("advances.csv")
        f.header(["借款单号", "员工编号", "申请日期", "金额", "事由"])
        for (n, i) in sorted.enumerated() {
            let a = adv[i]
            f.row(["JK" + ym + "-" + Fmt.pad(n + 1, 3), emps[a.emp].id, a.date.description, Fmt.money(a.fen), a.purpose])
        }
        try f.close()
        func note(_ emp: Int, _ text: String) { cases.append("\(emps[emp].id) \(emps[emp].name) (\(roleName(emps[emp].role))): \(text)") }
        note(cast.rmOverLimit, "advances.csv — 2000.00 then 1500.00 more in the month: the second over 3000.00 (ADV-OVER-LIMIT)")
        note(cast.repAdvance, "advances.csv — a rep asks for a travel advance (ADV-NOT-ELIGIBLE)")

        let g = try open("adjustments.csv")
        g.header(["调整单号", "日期", "员工编号", "类型", "金额", "审批人", "凭证号", "说明"])
        let repay = emps[cast.rmRepay], unauth = emps[cast.rmRepayUnauth]
        let everyone = emps
        let dirOf = { (e: Employee) -> Employee in
            everyone.first { $0.role == .director && $0.dept == e.dept }!
        }
        let asst = emps[cast.assistantSigner]
        let adjRep = emps[cast.repCommissionAdj]
        g.row(["TZ" + ym + "-001", weekday(from: 27).description, repay.id, "还款", "500.00", dirOf(repay).name, "SK" + ym + "001", "退回借款余额"])
        g.row(["TZ" + ym + "-002", weekday(from: 26).description, unauth.id, "还款", "800.00", asst.name, "SK" + ym + "002", "退回借款余额"])
        g.row(["TZ" + ym + "-003", weekday(from: 27).description, adjRep.id, "提成调整", "350.00", dirOf(adjRep).id, "", "上月提成少算,本月补发"])
        g.row(["TZ" + ym + "-004", weekday(from: 27).description, repay.id, "报销调整", "-60.00", dirOf(repay).name, "", "上月住宿费超标部分扣回"])
        try g.close()
        note(cast.rmRepay, "adjustments.csv — repays 500.00 of his advance, approved by the department head (accepted)")
        note(cast.rmRepayUnauth, "adjustments.csv — a repayment approved by \(asst.name) (营销助理), not a director (ADJ-UNAUTHORISED)")
    }

    // MARK: README (ignored by the close)

    mutating func writeReadme() throws {
        let f = try open("README.txt")
        var text = """
            SalesClose demo — company A of the text (化肥, 销售一部 中央区 direct to village retailers, 销售二部 county distributors)
            Month \(period.description). Written by `salesclose demo` (seed \(options.seed), employees scale \(options.employeesScale)).
            Files starting with README are ignored by the close.

            Encodings: roster.csv UTF-8 with BOM; expenses.csv GB18030 with CRLF, ￥1,234.50 amounts and 2023/3/27 dates
            (as Excel on a Chinese Windows PC saves a CSV); the others UTF-8.

            Cases the rules should flag:

            """
        for c in cases { text += "- " + c + "\n" }
        text += "\nDeliberate input mistakes (rows the close rejects or skips):\n\n"
        if mistakes.isEmpty { text += "- none (written without mistakes)\n" }
        for m in mistakes { text += "- " + m + "\n" }
        f.buf.append(contentsOf: text.utf8)
        try f.close()
    }
}
