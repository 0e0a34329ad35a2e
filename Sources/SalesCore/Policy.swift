/// The company's rule numbers (rules.md "Defaults"); `PolicyFile` reads and prints it as TOML.
public struct Policy: Sendable, Hashable {
    public struct YearEndTier: Sendable, Hashable {
        public var from: Rate
        public var rate: Rate
        public init(from: Rate, rate: Rate) { self.from = from; self.rate = rate }
    }
    public struct ActivityStandard: Sendable, Hashable {
        public var newVisits: Int
        public var existingVisits: Int
        public var calls: Int
        public init(newVisits: Int, existingVisits: Int, calls: Int) {
            self.newVisits = newVisits; self.existingVisits = existingVisits; self.calls = calls
        }
    }

    public var version: Int = 1
    public var planRoles: [Role] = [.regional_manager]
    public var advanceRoles: [Role] = [.regional_manager]
    public var commissionRoles: [Role] = [.sales_rep, .regional_manager, .key_account_manager]
    public var payRoles: [Role] = [.sales_rep, .regional_manager, .key_account_manager]
    public var activityRoles: [Role] = [.sales_rep]

    /// Shown in every sheet's title row; empty: the title has no company.
    public var companyName = ""
    /// A column failing on more than this share of a file's rows (and at least `wholeColumnStopMinimumRows`) stops
    /// the close (inputs.md "Errors").
    public var wholeColumnStop = Rate.percent(50)
    /// The fewest failing rows that can stop a close, whatever the share (inputs.md: "and at least 10").
    public static let wholeColumnStopMinimumRows = 10

    public var claimDeadlineDay: Int = 25
    public var advanceLimit = Money(yuan: 3000)
    public var tierCities: [String] = ["北京", "上海", "广州"]
    public var tierCitySurcharge = Money(yuan: 20)
    public var forfeitOnAudit = false

    public var commissionRate = Rate.percent(2)
    public var settleThreshold = Rate.percent(80)

    public var baseSalary = Money(yuan: 800)
    public var probationMonths = 3
    public var quarterCutThreshold = Rate.percent(80)
    public var quarterRestoreThreshold = Rate.percent(100)
    public var cutFactor = Rate(num: 8, den: 10)
    public var promoteThreshold = Rate.percent(100)

    /// Keyed by role; the default file names every role.
    public var lodgingCap: [Role: Money] = [
        .director: Money(yuan: 150), .key_account_manager: Money(yuan: 130), .regional_manager: Money(yuan: 120),
        .sales_rep: Money(yuan: 100), .assistant: Money(yuan: 100)
    ]
    public var mealAllowance: [Role: Money] = [
        .director: Money(yuan: 30), .key_account_manager: Money(yuan: 30), .regional_manager: Money(yuan: 25),
        .sales_rep: Money(yuan: 20), .assistant: Money(yuan: 20)
    ]
    public var minTravelDays: [Role: Int] = [.regional_manager: 20]
    /// monthly_quota[category][role]; the file has `entertainment` and `communication`.
    public var monthlyQuota: [ExpenseCategory: [Role: Money]] = [
        .entertainment: [
            .director: Money(yuan: 2000), .key_account_manager: Money(yuan: 1500), .regional_manager: Money(yuan: 800),
            .sales_rep: Money(yuan: 300), .assistant: .zero
        ],
        .communication: [.director: .zero, .key_account_manager: .zero, .regional_manager: .zero, .sales_rep: .zero, .assistant: .zero]
    ]
    public var performancePay: [Level: Money] = [
        .numbered(1): Money(yuan: 1700), .numbered(2): Money(yuan: 1200), .numbered(3): Money(yuan: 700),
        .numbered(4): Money(yuan: 400), .trainee: Money(yuan: 200)
    ]
    public var activityStandard = ActivityStandard(newVisits: 2, existingVisits: 3, calls: 4)
    public var yearEndTiers: [YearEndTier] = [
        .init(from: .percent(0), rate: Rate(num: 10, den: 1000)),
        .init(from: .percent(80), rate: Rate(num: 20, den: 1000)),
        .init(from: .percent(100), rate: Rate(num: 25, den: 1000)),
        .init(from: .percent(150), rate: Rate(num: 30, den: 1000))
    ]
    /// Other spellings → canonical city. Keys as written in the file.
    public var cityAliases: [(key: String, value: String)] = [
        ("Beijing", "北京"), ("Shanghai", "上海"), ("Guangzhou", "广州"), ("Canton", "广州")
    ]

    public init() {}

    public static let `default` = Policy()

    public static func == (a: Policy, b: Policy) -> Bool {
        a.hashKey == b.hashKey
    }
    public func hash(into h: inout Hasher) { h.combine(hashKey) }
    private var hashKey: String {
        // Equality by content; aliases are an ordered list of pairs.
        "\(version)|\(planRoles)|\(advanceRoles)|\(commissionRoles)|\(payRoles)|\(activityRoles)|\(companyName)|\(wholeColumnStop)|\(claimDeadlineDay)|\(advanceLimit)|\(tierCities)|\(tierCitySurcharge)|\(forfeitOnAudit)|\(commissionRate)|\(settleThreshold)|\(baseSalary)|\(probationMonths)|\(quarterCutThreshold)|\(quarterRestoreThreshold)|\(cutFactor)|\(promoteThreshold)|\(lodgingCap.sorted { $0.key < $1.key })|\(mealAllowance.sorted { $0.key < $1.key })|\(minTravelDays.sorted { $0.key < $1.key })|\(monthlyQuota.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value.sorted { $0.key < $1.key }) })|\(performancePay.sorted { $0.key < $1.key })|\(activityStandard)|\(yearEndTiers)|\(cityAliases.map { "\($0.key)=\($0.value)" })"
    }

    /// The year-end rate for an attainment of actual/target (target > 0): the last tier whose `from` is reached.
    public func yearEndRate(actual: Int64, target: Int64) -> Rate {
        var rate = yearEndTiers.first?.rate ?? .zero
        for t in yearEndTiers.sorted(by: { $0.from < $1.from }) where t.from.isReached(actual: actual, target: target) {
            rate = t.rate
        }
        return rate
    }
}
