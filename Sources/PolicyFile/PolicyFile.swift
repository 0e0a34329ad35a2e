import SalesCore
import TOMLKit

/// Reads a user's `policy.toml` over the defaults, and prints a policy in the
/// canonical form of `policy-default.toml` (rules.md "Defaults (policy.toml)").
public enum PolicyFile {
    /// Roles in the order the default file lists them.
    public static let roleOrder: [Role] = [.director, .key_account_manager, .regional_manager, .sales_rep, .assistant]
    /// The top-level keys in the order the default file gives them.
    public static let topLevelKeys: [String] = [
        "version", "plan_roles", "advance_roles", "commission_roles", "pay_roles", "activity_roles",
        "company_name", "whole_column_stop", "claim_deadline_day", "advance_limit", "tier_cities", "tier_city_surcharge", "forfeit_on_audit",
        "commission_rate", "settle_threshold", "base_salary", "probation_months", "quarter_cut_threshold",
        "quarter_restore_threshold", "cut_factor", "promote_threshold",
        "lodging_cap", "meal_allowance", "min_travel_days", "monthly_quota", "performance_pay",
        "activity_standard", "year_end_tiers", "city_aliases"
    ]

    /// Parses a user's policy.toml over `base`. Any subset of the keys may be given; single
    /// values and lists replace (`year_end_tiers` whole), tables keyed by role, level or city
    /// alias merge key by key. Throws `FileError(file: fileName, line:, column:, message:)`:
    /// for a TOML syntax error with TOMLKit's line and column; for an unknown key, a wrong
    /// type or a bad value with the line of the key and its full dotted name. Where a file
    /// has several problems, the one on the earliest line is reported.
    public static func load(text: String, fileName: String = "policy.toml", over base: Policy = .default) throws -> Policy {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].filter { $0 == 0x0A }.count + 1
            throw FileError(file: fileName, line: line, message: "the policy file contains a NUL character")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw FileError(
                file: fileName, line: e.source.begin.line, column: e.source.begin.column,
                message: "invalid TOML: \(e.description)")
        }
        var reader = Reader(locator: KeyLocator(text: text))
        let policy = reader.read(root, over: base)
        if let first = reader.issues.enumerated().min(by: { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        })?.element {
            throw FileError(file: fileName, line: first.line, message: first.message)
        }
        return policy
    }

    /// The canonical TOML text of a policy: `salesclose policy` prints exactly this, and
    /// `policy_sha256` is the SHA-256 of exactly these bytes (UTF-8).
    ///
    /// The shape of policy-default.toml: keys in its order, no comments, strings in double
    /// quotes, top-level key lines consecutive, exactly one blank line before each
    /// `[table]` / `[[array]]` header, ending in a single newline.
    public static func canonicalText(_ p: Policy) -> String {
        var out = ""
        func kv(_ k: String, _ v: String) { out += k + " = " + v + "\n" }
        func q(_ s: String) -> String { PolicyValue.quoted(s) }
        func list(_ xs: [String]) -> String { "[" + xs.map(q).joined(separator: ", ") + "]" }
        func roles(_ rs: [Role]) -> String { list(rs.map(\.rawValue)) }
        func header(_ h: String) { out += "\n[" + h + "]\n" }
        func roleTable(_ name: String, _ t: [Role: String]) {
            header(name)
            for r in roleOrder { if let v = t[r] { kv(r.rawValue, v) } }
        }

        kv("version", "\(p.version)")
        kv("plan_roles", roles(p.planRoles))
        kv("advance_roles", roles(p.advanceRoles))
        kv("commission_roles", roles(p.commissionRoles))
        kv("pay_roles", roles(p.payRoles))
        kv("activity_roles", roles(p.activityRoles))
        kv("company_name", q(p.companyName))
        kv("whole_column_stop", q(p.wholeColumnStop.percentText))
        kv("claim_deadline_day", "\(p.claimDeadlineDay)")
        kv("advance_limit", q(p.advanceLimit.description))
        kv("tier_cities", list(p.tierCities))
        kv("tier_city_surcharge", q(p.tierCitySurcharge.description))
        kv("forfeit_on_audit", p.forfeitOnAudit ? "true" : "false")
        kv("commission_rate", q(p.commissionRate.percentText))
        kv("settle_threshold", q(p.settleThreshold.percentText))
        kv("base_salary", q(p.baseSalary.description))
        kv("probation_months", "\(p.probationMonths)")
        kv("quarter_cut_threshold", q(p.quarterCutThreshold.percentText))
        kv("quarter_restore_threshold", q(p.quarterRestoreThreshold.percentText))
        kv("cut_factor", q(p.cutFactor.decimalText))
        kv("promote_threshold", q(p.promoteThreshold.percentText))

        roleTable("lodging_cap", p.lodgingCap.mapValues { q($0.description) })
        roleTable("meal_allowance", p.mealAllowance.mapValues { q($0.description) })
        roleTable("min_travel_days", p.minTravelDays.mapValues { "\($0)" })
        for cat in quotaCategories {
            roleTable("monthly_quota." + cat.rawValue, (p.monthlyQuota[cat] ?? [:]).mapValues { q($0.description) })
        }
        header("performance_pay")
        for level in Level.all { if let m = p.performancePay[level] { kv(level == .trainee ? level.key : q(level.key), q(m.description)) } }
        header("activity_standard")
        kv("new_visits", "\(p.activityStandard.newVisits)")
        kv("existing_visits", "\(p.activityStandard.existingVisits)")
        kv("calls", "\(p.activityStandard.calls)")
        for t in p.yearEndTiers {
            out += "\n[[year_end_tiers]]\n"
            kv("from", q(t.from.percentText))
            kv("rate", q(PolicyValue.tierRateText(t.rate)))
        }
        header("city_aliases")
        for a in p.cityAliases { kv(q(a.key), q(a.value)) }
        return out
    }

    static let quotaCategories: [ExpenseCategory] = [.entertainment, .communication]
}

// MARK: - Reading

private struct Issue { var line: Int?; var message: String }

private struct Reader {
    let locator: KeyLocator
    var issues: [Issue] = []

    static let knownRoles = PolicyFile.roleOrder.map(\.rawValue).joined(separator: ", ")

    /// The dotted name of a key; array elements are left out (`year_end_tiers.rate`).
    func name(_ path: [String]) -> String {
        path.filter { !KeyLocator.isIndex($0) }.joined(separator: ".")
    }

    mutating func fail(_ path: [String], _ message: String) {
        issues.append(Issue(line: locator.line(of: path), message: message))
    }

    static func describe(_ v: TOMLValueConvertible) -> String {
        switch v.type {
        case .int: return "an integer (\(v.int.map(String.init) ?? "?"))"
        case .double: return "a floating-point number (\(v.double.map { "\($0)" } ?? "?"))"
        case .string: return "a string (\(PolicyValue.quoted(v.string ?? "")))"
        case .bool: return "a boolean (\(v.bool == true ? "true" : "false"))"
        case .table: return "a table"
        case .array: return "an array"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    mutating func wrongType(_ path: [String], _ v: TOMLValueConvertible, _ expected: String) {
        fail(path, "wrong type for \"\(name(path))\": expected \(expected), found \(Reader.describe(v))")
    }

    /// The entries of a table, in TOMLKit's order; nil (and an issue) if it is not a table.
    mutating func entries(_ v: TOMLValueConvertible, _ path: [String], _ expected: String) -> [(String, TOMLValueConvertible)]? {
        guard v.type == .table, let t = v.table else { wrongType(path, v, expected); return nil }
        var out: [(String, TOMLValueConvertible)] = []
        for k in t.keys {
            guard let value = t[k] else { fail(path + [k], "unreadable key \"\(name(path + [k]))\""); continue }
            out.append((k, value))
        }
        return out
    }

    // MARK: values

    mutating func string(_ v: TOMLValueConvertible, _ path: [String], _ expected: String) -> String? {
        guard v.type == .string, let s = v.string else { wrongType(path, v, expected); return nil }
        return s
    }

    static let amountShape = "a string amount in yuan with at most two decimals, like \"3000.00\""

    mutating func amount(_ v: TOMLValueConvertible, _ path: [String]) -> Money? {
        guard let s = string(v, path, Reader.amountShape) else { return nil }
        switch PolicyValue.amount(s) {
        case .ok(let m): return m
        case .negative: fail(path, "negative amount for \"\(name(path))\": \(PolicyValue.quoted(s)) (amounts are 0 or more)")
        case .malformed, .outOfRange: fail(path, "bad amount for \"\(name(path))\": \(PolicyValue.quoted(s)) (expected \(Reader.amountShape))")
        }
        return nil
    }

    static let percentShape = "a string percent with a % sign, like \"80%\" or \"2.5%\""

    mutating func percent(_ v: TOMLValueConvertible, _ path: [String]) -> Rate? {
        guard let s = string(v, path, Reader.percentShape) else { return nil }
        switch PolicyValue.percent(s) {
        case .ok(let r): return r
        case .negative, .outOfRange: fail(path, "\"\(name(path))\" = \(PolicyValue.quoted(s)) is outside 0%–1000%")
        case .malformed: fail(path, "bad percent for \"\(name(path))\": \(PolicyValue.quoted(s)) (expected \(Reader.percentShape), at most 6 decimals)")
        }
        return nil
    }

    static let factorShape = "a plain decimal string, like \"0.8\""

    mutating func factor(_ v: TOMLValueConvertible, _ path: [String]) -> Rate? {
        guard let s = string(v, path, Reader.factorShape) else { return nil }
        switch PolicyValue.factor(s) {
        case .ok(let r): return r
        case .negative, .outOfRange: fail(path, "\"\(name(path))\" = \(PolicyValue.quoted(s)) is outside 0–10")
        case .malformed: fail(path, "bad number for \"\(name(path))\": \(PolicyValue.quoted(s)) (expected \(Reader.factorShape), at most 6 decimals)")
        }
        return nil
    }

    mutating func int(_ v: TOMLValueConvertible, _ path: [String], _ range: ClosedRange<Int>) -> Int? {
        guard v.type == .int, let n = v.int else { wrongType(path, v, "an integer"); return nil }
        guard range.contains(n) else {
            fail(path, "\"\(name(path))\" = \(n) is outside \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func bool(_ v: TOMLValueConvertible, _ path: [String]) -> Bool? {
        guard v.type == .bool, let b = v.bool else { wrongType(path, v, "a boolean (true or false)"); return nil }
        return b
    }

    mutating func array(_ v: TOMLValueConvertible, _ path: [String], _ expected: String) -> [TOMLValueConvertible]? {
        guard v.type == .array, let a = v.array else { wrongType(path, v, expected); return nil }
        return (0..<a.count).map { a[$0] }
    }

    mutating func roles(_ v: TOMLValueConvertible, _ path: [String]) -> [Role]? {
        let shape = "an array of role names, like [\"sales_rep\", \"regional_manager\"]"
        guard let items = array(v, path, shape) else { return nil }
        var out: [Role] = []
        var ok = true
        for (n, item) in items.enumerated() {
            let p = path + [KeyLocator.index(n)]
            guard let s = string(item, p, "a role name (\(Reader.knownRoles))") else { ok = false; continue }
            guard let r = Role(rawValue: s) else {
                fail(p, "unknown role \(PolicyValue.quoted(s)) in \"\(name(path))\" (known roles: \(Reader.knownRoles))")
                ok = false; continue
            }
            if out.contains(r) { fail(p, "role \(PolicyValue.quoted(s)) is listed twice in \"\(name(path))\""); ok = false; continue }
            out.append(r)
        }
        return ok ? out : nil
    }

    mutating func cities(_ v: TOMLValueConvertible, _ path: [String]) -> [String]? {
        guard let items = array(v, path, "an array of city names, like [\"北京\", \"上海\"]") else { return nil }
        var out: [String] = []
        var ok = true
        for (n, item) in items.enumerated() {
            let p = path + [KeyLocator.index(n)]
            guard let s = string(item, p, "a city name") else { ok = false; continue }
            if s.allSatisfy(\.isWhitespace) { fail(p, "empty city name in \"\(name(path))\""); ok = false; continue }
            out.append(s)
        }
        return ok ? out : nil
    }

    /// Merges a table keyed by role into `target`.
    mutating func roleTable<T>(
        _ v: TOMLValueConvertible, _ path: [String], into target: inout [Role: T],
        _ value: (inout Reader, TOMLValueConvertible, [String]) -> T?
    ) {
        guard let es = entries(v, path, "a table keyed by role") else { return }
        for (k, item) in es {
            let p = path + [k]
            guard let r = Role(rawValue: k) else {
                fail(p, "unknown key \"\(name(p))\" (known roles: \(Reader.knownRoles))")
                continue
            }
            if let x = value(&self, item, p) { target[r] = x }
        }
    }

    // MARK: the policy

    mutating func read(_ root: TOMLTable, over base: Policy) -> Policy {
        var pol = base
        for k in root.keys {
            let p = [k]
            guard let v = root[k] else { fail(p, "unreadable key \"\(k)\""); continue }
            switch k {
            case "version":
                if let n = int(v, p, Int.min...Int.max), n != 1 {
                    fail(p, "unsupported policy version \(n) for \"version\" (this salesclose reads version 1)")
                }
            case "plan_roles": if let r = roles(v, p) { pol.planRoles = r }
            case "advance_roles": if let r = roles(v, p) { pol.advanceRoles = r }
            case "commission_roles": if let r = roles(v, p) { pol.commissionRoles = r }
            case "pay_roles": if let r = roles(v, p) { pol.payRoles = r }
            case "activity_roles": if let r = roles(v, p) { pol.activityRoles = r }
            case "company_name":
                if let s = string(v, p, "a string, like \"某某化肥有限公司\"") {
                    if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                        fail(p, "\"company_name\" holds a control character (a line break or tab); give the name on one line")
                    } else {
                        pol.companyName = s
                    }
                }
            case "whole_column_stop":
                if let r = percent(v, p) { pol.wholeColumnStop = r }  // 100% or more: no column ever stops the close
            case "claim_deadline_day": if let n = int(v, p, 1...31) { pol.claimDeadlineDay = n }
            case "advance_limit": if let m = amount(v, p) { pol.advanceLimit = m }
            case "tier_cities": if let c = cities(v, p) { pol.tierCities = c }
            case "tier_city_surcharge": if let m = amount(v, p) { pol.tierCitySurcharge = m }
            case "forfeit_on_audit": if let b = bool(v, p) { pol.forfeitOnAudit = b }
            case "commission_rate": if let r = percent(v, p) { pol.commissionRate = r }
            case "settle_threshold": if let r = percent(v, p) { pol.settleThreshold = r }
            case "base_salary": if let m = amount(v, p) { pol.baseSalary = m }
            case "probation_months": if let n = int(v, p, 0...1200) { pol.probationMonths = n }
            case "quarter_cut_threshold": if let r = percent(v, p) { pol.quarterCutThreshold = r }
            case "quarter_restore_threshold": if let r = percent(v, p) { pol.quarterRestoreThreshold = r }
            case "cut_factor": if let r = factor(v, p) { pol.cutFactor = r }
            case "promote_threshold": if let r = percent(v, p) { pol.promoteThreshold = r }
            case "lodging_cap": roleTable(v, p, into: &pol.lodgingCap) { $0.amount($1, $2) }
            case "meal_allowance": roleTable(v, p, into: &pol.mealAllowance) { $0.amount($1, $2) }
            case "min_travel_days": roleTable(v, p, into: &pol.minTravelDays) { $0.int($1, $2, 0...31) }
            case "monthly_quota":
                guard let es = entries(v, p, "a table with the sub-tables entertainment and communication") else { break }
                for (ck, cv) in es {
                    let cp = p + [ck]
                    guard let cat = ExpenseCategory(rawValue: ck), PolicyFile.quotaCategories.contains(cat) else {
                        fail(cp, "unknown key \"\(name(cp))\" (known categories: entertainment, communication)")
                        continue
                    }
                    var t = pol.monthlyQuota[cat] ?? [:]
                    roleTable(cv, cp, into: &t) { $0.amount($1, $2) }
                    pol.monthlyQuota[cat] = t
                }
            case "performance_pay":
                guard let es = entries(v, p, "a table keyed by level (\"1\"…\"4\", trainee)") else { break }
                for (lk, lv) in es {
                    let lp = p + [lk]
                    guard let level = Level(key: lk) else {
                        fail(lp, "unknown key \"\(name(lp))\" (known levels: 1, 2, 3, 4, trainee)")
                        continue
                    }
                    if let m = amount(lv, lp) { pol.performancePay[level] = m }
                }
            case "activity_standard":
                guard let es = entries(v, p, "a table with new_visits, existing_visits and calls") else { break }
                for (ak, av) in es {
                    let ap = p + [ak]
                    switch ak {
                    case "new_visits": if let n = int(av, ap, 0...1_000_000) { pol.activityStandard.newVisits = n }
                    case "existing_visits": if let n = int(av, ap, 0...1_000_000) { pol.activityStandard.existingVisits = n }
                    case "calls": if let n = int(av, ap, 0...1_000_000) { pol.activityStandard.calls = n }
                    default: fail(ap, "unknown key \"\(name(ap))\" (known keys: new_visits, existing_visits, calls)")
                    }
                }
            case "year_end_tiers":
                if let tiers = yearEndTiers(v, p) { pol.yearEndTiers = tiers }
            case "city_aliases":
                if let a = cityAliases(v, p, over: pol.cityAliases) { pol.cityAliases = a }
            default:
                fail(p, "unknown key \"\(k)\" (known keys: \(PolicyFile.topLevelKeys.joined(separator: ", ")))")
            }
        }
        return pol
    }

    mutating func yearEndTiers(_ v: TOMLValueConvertible, _ path: [String]) -> [Policy.YearEndTier]? {
        let shape = "an array of tables [[year_end_tiers]] with from and rate"
        guard let items = array(v, path, shape) else { return nil }
        if items.isEmpty { fail(path, "\"year_end_tiers\" is empty (give at least one tier, from \"0%\")"); return nil }
        var tiers: [Policy.YearEndTier] = []
        var ok = true
        for (n, item) in items.enumerated() {
            let tp = path + [KeyLocator.index(n)]
            guard item.type == .table else {
                fail(tp, "wrong type for \"year_end_tiers\" (tier \(n + 1)): expected a table with from and rate, found \(Reader.describe(item))")
                ok = false; continue
            }
            guard let es = entries(item, tp, "a table with from and rate") else { ok = false; continue }
            var from: Rate?, rate: Rate?
            var tierOK = true
            for (k, x) in es {
                let kp = tp + [k]
                switch k {
                case "from": from = percent(x, kp); if from == nil { tierOK = false }
                case "rate": rate = percent(x, kp); if rate == nil { tierOK = false }
                default:
                    fail(kp, "unknown key \"\(name(kp))\" in tier \(n + 1) (known keys: from, rate)")
                    tierOK = false
                }
            }
            guard tierOK else { ok = false; continue }
            guard let f = from else { fail(tp, "missing key \"year_end_tiers.from\" in tier \(n + 1)"); ok = false; continue }
            guard let r = rate else { fail(tp, "missing key \"year_end_tiers.rate\" in tier \(n + 1)"); ok = false; continue }
            if n == 0 && f != .zero {
                fail(tp + ["from"], "\"year_end_tiers.from\" of the first tier is \(PolicyValue.quoted(f.percentText)), must be \"0%\"")
                ok = false; continue
            }
            if let prev = tiers.last, !(prev.from < f) {
                fail(
                    tp + ["from"],
                    "\"year_end_tiers.from\" = \(PolicyValue.quoted(f.percentText)) in tier \(n + 1) is not above the tier before (\(PolicyValue.quoted(prev.from.percentText)))"
                )
                ok = false; continue
            }
            tiers.append(.init(from: f, rate: r))
        }
        return ok ? tiers : nil
    }

    /// Merges aliases: a key already there keeps its place with the new value; new keys follow
    /// in the order the file gives them.
    mutating func cityAliases(_ v: TOMLValueConvertible, _ path: [String], over old: [(key: String, value: String)]) -> [(key: String, value: String)]? {
        guard let es = entries(v, path, "a table of city spellings, like \"Beijing\" = \"北京\"") else { return nil }
        var given: [String: String] = [:]
        var ok = true
        for (k, x) in es {
            let kp = path + [k]
            if k.allSatisfy(\.isWhitespace) { fail(kp, "empty alias in \"city_aliases\""); ok = false; continue }
            guard let s = string(x, kp, "a city name string, like \"北京\"") else { ok = false; continue }
            if s.allSatisfy(\.isWhitespace) { fail(kp, "empty city for \"\(name(kp))\""); ok = false; continue }
            given[k] = s
        }
        guard ok else { return nil }
        var out = old
        for i in out.indices { if let s = given.removeValue(forKey: out[i].key) { out[i].value = s } }
        // New aliases in file order (the scanner's), any it missed after them in key order.
        for e in locator.entries where e.path.count == 2 && e.path[0] == path[0] {
            if let s = given.removeValue(forKey: e.path[1]) { out.append((e.path[1], s)) }
        }
        for k in given.keys.sorted() { out.append((k, given[k]!)) }
        return out
    }
}
