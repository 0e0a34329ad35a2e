import SalesCore

/// Company A of the text (篇1): a fertilizer maker near 郑州. 销售一部 sells direct to village
/// retailers within 100 km (8 片区); 销售二部 sells through county distributors (12 regions).

struct RegionInfo {
    let name: String
    /// Towns and county seats the region's staff travel to; the first is the region's base.
    let cities: [String]
}

enum CompanyData {
    static let headOffice = "郑州"

    static let dept1 = "销售一部"
    static let dept2 = "销售二部"

    static let regions1: [RegionInfo] = [
        RegionInfo(name: "中牟片区", cities: ["中牟", "官渡", "狼城岗", "韩寺", "刘集"]),
        RegionInfo(name: "新郑片区", cities: ["新郑", "龙湖", "薛店", "辛店", "郭店"]),
        RegionInfo(name: "荥阳片区", cities: ["荥阳", "汜水", "广武", "高村", "王村"]),
        RegionInfo(name: "新密片区", cities: ["新密", "超化", "大隗", "刘寨", "来集"]),
        RegionInfo(name: "登封片区", cities: ["登封", "告成", "大金店", "颍阳", "卢店"]),
        RegionInfo(name: "巩义片区", cities: ["巩义", "回郭镇", "站街", "鲁庄", "小关"]),
        RegionInfo(name: "尉氏片区", cities: ["尉氏", "洧川", "朱曲", "张市", "蔡庄"]),
        RegionInfo(name: "原阳片区", cities: ["原阳", "阳阿", "太平", "师寨", "福宁集"])
    ]

    static let regions2: [RegionInfo] = [
        RegionInfo(name: "新乡", cities: ["新乡", "辉县", "卫辉", "获嘉", "长垣", "延津"]),
        RegionInfo(name: "许昌", cities: ["许昌", "禹州", "长葛", "鄢陵", "襄城"]),
        RegionInfo(name: "周口", cities: ["周口", "项城", "太康", "鹿邑", "郸城", "淮阳"]),
        RegionInfo(name: "商丘", cities: ["商丘", "永城", "夏邑", "虞城", "柘城", "睢县"]),
        RegionInfo(name: "驻马店", cities: ["驻马店", "确山", "汝南", "上蔡", "平舆", "泌阳"]),
        RegionInfo(name: "信阳", cities: ["信阳", "固始", "潢川", "息县", "罗山"]),
        RegionInfo(name: "南阳", cities: ["南阳", "邓州", "唐河", "新野", "镇平", "方城"]),
        RegionInfo(name: "洛阳", cities: ["洛阳", "偃师", "孟津", "宜阳", "汝阳", "伊川"]),
        RegionInfo(name: "安阳", cities: ["安阳", "林州", "汤阴", "滑县", "内黄"]),
        RegionInfo(name: "濮阳", cities: ["濮阳", "清丰", "南乐", "范县", "台前"]),
        RegionInfo(name: "漯河", cities: ["漯河", "舞阳", "临颍", "郾城"]),
        RegionInfo(name: "平顶山", cities: ["平顶山", "汝州", "宝丰", "郏县", "叶县", "舞钢"])
    ]

    static let centreRegion = "中央区"  // 一部's head and staff
    static let outerRegion = "外埠区"  // 二部's head and staff

    static let surnames: [String] = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔向汤常牛樊葛").map(
        String.init)
    static let givenChars: [String] = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚建华志海燕红鹏飞宇浩凯辉晨阳林峰鑫斌波坤东亮新春利红玉兰桂英国庆文学永庆振宏建军卫东俊毅晓光金山德胜保国成龙双喜铁柱秋菊小梅").map(String.init)

    struct Product {
        let name: String
        /// Price range in yuan (list price to a village retailer); distributors get a few percent less.
        let low: Int
        let high: Int
    }
    static let products: [Product] = [
        Product(name: "复合肥(15-15-15) 40kg", low: 150, high: 165),
        Product(name: "复合肥(17-17-17) 40kg", low: 166, high: 180),
        Product(name: "尿素 50kg", low: 128, high: 145),
        Product(name: "磷酸二铵 50kg", low: 195, high: 215),
        Product(name: "氯化钾 50kg", low: 168, high: 185),
        Product(name: "硫酸钾复合肥 40kg", low: 175, high: 192),
        Product(name: "有机肥 40kg", low: 36, high: 48),
        Product(name: "生物有机肥 40kg", low: 55, high: 66),
        Product(name: "水溶肥 10kg", low: 108, high: 128)
    ]

    static let villages: [String] = [
        "王庄村", "李寨村", "张楼村", "刘庄村", "陈湾村", "赵岗村", "孙营村", "周店村", "吴桥村",
        "郑湾村", "马沟村", "杨屯村", "朱集村", "胡寨村", "高庄村", "林楼村", "何营村", "罗庄村"
    ]
    static let distributorStyles: [String] = [
        "农资有限公司", "农资总经销", "丰收农资公司", "绿源农资有限公司", "金穗农资经营部",
        "惠农农资总经销", "供销社农资公司"
    ]
    static let bigAccounts: [String] = [
        "黄泛区农场", "中原粮食种植专业合作社", "豫丰农业发展有限公司", "金地家庭农场",
        "沃野种植专业合作社", "大地农业科技有限公司", "红旗农场", "兴农土地托管合作社"
    ]

    static let rmPurposes: [String] = [
        "拜访经销商、巡查终端", "春耕备肥促销", "催收货款", "召开农民会", "新网点开发",
        "市场调研、竞品走访", "协助经销商铺货", "处理客户投诉"
    ]
    static let repPurposes: [String] = ["走访零售店", "新网点开发", "催收货款", "农户示范田回访", "铺货、张贴宣传画"]
}

struct Employee {
    let index: Int
    let id: String
    let name: String
    let role: Role
    let level: Level
    let dept: Int  // 1 or 2
    let regionIndex: Int  // into the department's regions; -1 for department staff
    let regionName: String
    var managerId: String?
    let hireDate: Day
    let leaveDate: Day?
    /// Base city (where the employee works on an ordinary day).
    let baseCity: String
    /// Cities the employee travels to.
    let travelCities: [String]
    /// 1-based number among the sellers (commission roles), for customer ids; 0 for others.
    var sellerNo: Int = 0

    var departmentName: String { dept == 1 ? CompanyData.dept1 : CompanyData.dept2 }
    var isSeller: Bool { role == .sales_rep || role == .regional_manager || role == .key_account_manager }
    func isActive(_ d: Day) -> Bool { d >= hireDate && (leaveDate.map { d <= $0 } ?? true) }
    func isActive(in p: Period) -> Bool { hireDate <= p.lastDay && (leaveDate.map { $0 >= p.firstDay } ?? true) }
}

/// Who plays which part in the demo's story (so each rule of rules.md has a case).
struct Cast {
    var rmLowTravel = 0, rmMissingWeek = 0, rmUnverified = 0, rmRouteMismatch = 0, rmLate = 0
    var rmOverLimit = 0, rmFlightNoGM = 0, rmEntertainOver = 0, rmEntertainGM = 0, rmPhone = 0
    var rmPhoneGM = 0, rmUnsigned = 0, rmNoReceipt = 0, rmExplained = 0, rmPossibleDup = 0
    var rmMeals = 0, rmDoubleLodging = 0, rmRepay = 0, rmRepayUnauth = 0, rmLateClaim = 0
    var repAdvance = 0, repNotTravelling = 0, repSigned = 0, repCommissionAdj = 0
    var directorBeijing = 0, kamShanghai = 0
    var newTrainee: Int? = nil  // hired inside the first month: no target yet
    var leaverInPeriod: Int? = nil
    var leaverBefore: Int? = nil
    var assistantSigner = 0  // signs a repayment without authority
    var activityLowReps: [Int] = []
}

struct Company {
    var employees: [Employee] = []
    var cast = Cast()
    var regions1: [RegionInfo] = []
    var regions2: [RegionInfo] = []

    static func count(_ n: Int, _ scale: Double) -> Int { max(1, Int((Double(n) * scale).rounded())) }

    static func regions(_ base: [RegionInfo], _ n: Int) -> [RegionInfo] {
        (0..<n).map { i in
            let r = base[i % base.count]
            if i < base.count { return r }
            let k = i / base.count + 1
            return RegionInfo(name: r.name + "\(k)区", cities: r.cities)
        }
    }

    init(options: DemoOptions) {
        let s = options.employeesScale
        let first = options.periods.min()!
        let firstDay = first.firstDay
        var rng = DemoRNG(options.seed, 1)
        var usedNames = Set<String>()

        func name() -> String {
            while true {
                let g =
                    rng.chance(35)
                    ? rng.pick(CompanyData.givenChars)
                    : rng.pick(CompanyData.givenChars) + rng.pick(CompanyData.givenChars)
                let n = rng.pick(CompanyData.surnames) + g
                if !usedNames.contains(n) { usedNames.insert(n); return n }
            }
        }
        func day(_ from: (Int, Int, Int), _ to: Day) -> Day {
            let a = Day(year: from.0, month: from.1, day: from.2)!.ordinal
            return Day(ordinal: rng.int(a...max(a, to.ordinal)))
        }

        let nDir1 = Company.count(1, s), nDir2 = Company.count(2, s)
        let nRM1 = Company.count(8, s), nRM2 = Company.count(12, s)
        let nRep1 = Company.count(37, s), nRep2 = Company.count(60, s)
        let nKAM = Company.count(1, s), nAsst = Company.count(1, s)
        let regs1 = Company.regions(CompanyData.regions1, nRM1)
        let regs2 = Company.regions(CompanyData.regions2, nRM2)
        regions1 = regs1
        regions2 = regs2

        let lateHire = firstDay.adding(days: -200)
        var list: [Employee] = []
        func add(role: Role, level: Level, dept: Int, region: Int, manager: String?, hire: Day, leave: Day? = nil) {
            let regs = dept == 1 ? regs1 : regs2
            let regionName: String
            let base: String
            let travel: [String]
            if region >= 0 {
                regionName = regs[region].name
                base = role == .regional_manager ? CompanyData.headOffice : regs[region].cities[0]
                travel = role == .regional_manager ? regs[region].cities : Array(regs[region].cities.dropFirst())
            } else {
                regionName = dept == 1 ? CompanyData.centreRegion : CompanyData.outerRegion
                base = CompanyData.headOffice
                travel = regs.map { $0.cities[0] }
            }
            let idx = list.count
            list.append(
                Employee(
                    index: idx, id: "E" + Fmt.pad(idx + 1, 4), name: name(), role: role, level: level,
                    dept: dept, regionIndex: region, regionName: regionName, managerId: manager,
                    hireDate: hire, leaveDate: leave, baseCity: base, travelCities: travel))
        }
        func repLevel() -> Level {
            let r = rng.int(0...99)
            return r < 20 ? .numbered(2) : r < 65 ? .numbered(3) : .numbered(4)
        }
        func rmLevel() -> Level {
            let r = rng.int(0...99)
            return r < 20 ? .numbered(1) : r < 70 ? .numbered(2) : .numbered(3)
        }

        // Department heads, department staff, then per region the manager and the reps.
        for dept in 1...2 {
            let nDir = dept == 1 ? nDir1 : nDir2
            let nRM = dept == 1 ? nRM1 : nRM2
            let nRep = dept == 1 ? nRep1 : nRep2
            let dirStart = list.count
            for _ in 0..<nDir {
                add(role: .director, level: .numbered(1), dept: dept, region: -1, manager: nil, hire: day((2008, 3, 1), Day(year: 2014, month: 12, day: 31)!))
            }
            let head = list[dirStart].id
            for _ in 0..<nKAM {
                add(
                    role: .key_account_manager, level: .numbered(2), dept: dept, region: -1, manager: head,
                    hire: day((2015, 1, 1), Day(year: 2019, month: 12, day: 31)!))
            }
            for _ in 0..<nAsst {
                add(role: .assistant, level: .numbered(3), dept: dept, region: -1, manager: head, hire: day((2017, 1, 1), Day(year: 2021, month: 12, day: 31)!))
            }
            // reps are spread over the regions round-robin
            var repsPerRegion = [Int](repeating: 0, count: nRM)
            for k in 0..<nRep { repsPerRegion[k % nRM] += 1 }
            for r in 0..<nRM {
                add(
                    role: .regional_manager, level: rmLevel(), dept: dept, region: r, manager: head,
                    hire: day((2011, 1, 1), Day(year: 2020, month: 6, day: 30)!))
                let rm = list[list.count - 1].id
                for _ in 0..<repsPerRegion[r] {
                    add(role: .sales_rep, level: repLevel(), dept: dept, region: r, manager: rm, hire: day((2013, 1, 1), lateHire))
                }
            }
        }
        employees = list

        // The story's cast.
        let rms = employees.filter { $0.role == .regional_manager }.map(\.index)
        let reps1 = employees.filter { $0.role == .sales_rep && $0.dept == 1 }.map(\.index)
        let reps2 = employees.filter { $0.role == .sales_rep && $0.dept == 2 }.map(\.index)
        let reps = reps1 + reps2
        func rm(_ k: Int) -> Int { rms[k % rms.count] }
        cast.rmRepay = rm(0); cast.rmMissingWeek = rm(1); cast.rmEntertainOver = rm(2); cast.rmLowTravel = rm(3)
        cast.rmEntertainGM = rm(4); cast.rmUnverified = rm(5); cast.rmPhone = rm(6); cast.rmRouteMismatch = rm(7)
        cast.rmPhoneGM = rm(8); cast.rmLate = rm(9); cast.rmUnsigned = rm(10); cast.rmOverLimit = rm(11)
        cast.rmDoubleLodging = rm(12); cast.rmFlightNoGM = rm(13); cast.rmNoReceipt = rm(14); cast.rmExplained = rm(15)
        cast.rmPossibleDup = rm(16); cast.rmMeals = rm(17); cast.rmLateClaim = rm(18); cast.rmRepayUnauth = rm(19)
        cast.repAdvance = reps[3 % reps.count]
        cast.repNotTravelling = reps1[2 % reps1.count]
        cast.repSigned = reps2[4 % reps2.count]
        cast.repCommissionAdj = reps1[6 % reps1.count]
        cast.activityLowReps = stride(from: 1, to: reps.count, by: 7).map { reps[$0] }
        cast.directorBeijing = employees.first { $0.role == .director && $0.dept == 1 }!.index
        cast.kamShanghai = employees.first { $0.role == .key_account_manager && $0.dept == 2 }!.index
        cast.assistantSigner = employees.first { $0.role == .assistant && $0.dept == 2 }!.index

        // Trainees (见习): two hired in the last months (in probation at the quarter's end), one hired
        // on the first Monday of the first month (no target set yet). One rep leaves mid-month.
        func setTrainee(_ i: Int, hire: Day) {
            let e = employees[i]
            employees[i] = Employee(
                index: e.index, id: e.id, name: e.name, role: e.role, level: .trainee, dept: e.dept,
                regionIndex: e.regionIndex, regionName: e.regionName, managerId: e.managerId,
                hireDate: hire, leaveDate: nil, baseCity: e.baseCity, travelCities: e.travelCities)
        }
        let reserved = Set([cast.repAdvance, cast.repNotTravelling, cast.repSigned, cast.repCommissionAdj])
        let free1 = reps1.filter { !reserved.contains($0) }
        let free2 = reps2.filter { !reserved.contains($0) }
        if free1.count >= 2 {
            setTrainee(free1[free1.count - 1], hire: firstDay.adding(days: -45))
        }
        if free2.count >= 3 {
            setTrainee(free2[free2.count - 1], hire: firstDay.adding(days: -75))
            var monday = firstDay
            while monday.isoWeekday != 1 { monday = monday.adding(days: 1) }
            setTrainee(free2[free2.count - 2], hire: monday)
            cast.newTrainee = free2[free2.count - 2]
        }
        if free1.count >= 3 {
            let i = free1[free1.count / 2]
            let e = employees[i]
            employees[i] = Employee(
                index: e.index, id: e.id, name: e.name, role: e.role, level: e.level, dept: e.dept,
                regionIndex: e.regionIndex, regionName: e.regionName, managerId: e.managerId,
                hireDate: e.hireDate, leaveDate: Day(year: first.year, month: first.month, day: 15)!,
                baseCity: e.baseCity, travelCities: e.travelCities)
            cast.leaverInPeriod = i
        }
        // A rep of 二部 who left before the first month (still on the roster export; a customer pays after he left).
        do {
            let r = 0
            let rmId = employees.first { $0.role == .regional_manager && $0.dept == 2 && $0.regionIndex == r }!.id
            let idx = employees.count
            let regs = regs2
            employees.append(
                Employee(
                    index: idx, id: "E" + Fmt.pad(idx + 1, 4), name: name(), role: .sales_rep,
                    level: .numbered(4), dept: 2, regionIndex: r, regionName: regs[r].name, managerId: rmId,
                    hireDate: Day(year: 2019, month: 4, day: 8)!, leaveDate: firstDay.adding(days: -18),
                    baseCity: regs[r].cities[0], travelCities: Array(regs[r].cities.dropFirst())))
            cast.leaverBefore = idx
        }
        var n = 0
        for i in employees.indices where employees[i].isSeller { n += 1; employees[i].sellerNo = n }
    }

    func manager(of e: Employee) -> Employee? {
        guard let m = e.managerId else { return nil }
        return employees.first { $0.id == m }
    }
}
