import Foundation
import XCTest
import SalesCore
@testable import PolicyFile

/// The default policy file the project ships (docs/policy-default.toml, the spec's file), found from this file's
/// path: Tests/PolicyFileTests/X.swift, up 3 levels is the project.
func defaultFileText(file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let here = URL(fileURLWithPath: "\(#filePath)").resolvingSymlinksInPath()
    let project = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = project.appendingPathComponent("docs/policy-default.toml")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("missing \(url.path)", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }
    return text
}

/// Asserts that loading `text` fails with a FileError on `line` whose message holds every fragment.
func assertPolicyError(
    _ text: String, line: Int, _ fragments: [String], column: Int? = nil,
    file: StaticString = #filePath, testLine: UInt = #line
) {
    do {
        let p = try PolicyFile.load(text: text)
        XCTFail("expected an error, loaded \(p)", file: file, line: testLine)
    } catch let e as FileError {
        XCTAssertEqual(e.file, "policy.toml", file: file, line: testLine)
        XCTAssertEqual(e.line, line, "\(e)", file: file, line: testLine)
        if let column { XCTAssertEqual(e.column, column, "\(e)", file: file, line: testLine) }
        for f in fragments { XCTAssertTrue(e.message.contains(f), "\"\(f)\" not in: \(e)", file: file, line: testLine) }
        XCTAssertTrue(e.description.hasPrefix("policy.toml:\(line):"), e.description, file: file, line: testLine)
    } catch {
        XCTFail("not a FileError: \(error)", file: file, line: testLine)
    }
}

final class CanonicalTextTests: XCTestCase {
    /// The default file with its comment lines removed, no blank lines among keys and
    /// exactly one blank line before each table header.
    static func normalised(_ text: String) -> String {
        var out = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = Self.withoutComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if l.isEmpty { continue }
            if l.hasPrefix("[") && !out.isEmpty { out += "\n" }
            out += l + "\n"
        }
        return out
    }

    /// A line without its `# comment` (a `#` inside a double-quoted string is text).
    static func withoutComment(_ line: String) -> String {
        var inString = false, escaped = false
        for (i, c) in line.enumerated() {
            if escaped { escaped = false; continue }
            if inString && c == "\\" { escaped = true; continue }
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { return String(line.prefix(i)) }
        }
        return line
    }

    func testDefaultsPrintAsTheDefaultFileWithoutCommentsAndOneBlankLineBeforeEachTable() throws {
        let expected = Self.normalised(try defaultFileText())
        XCTAssertTrue(expected.contains("\n\n[[year_end_tiers]]\nfrom = \"0%\"\nrate = \"1.0%\"\n"))
        XCTAssertEqual(PolicyFile.canonicalText(.default), expected)
    }

    func testCanonicalTextLayout() {
        let t = PolicyFile.canonicalText(.default)
        XCTAssertTrue(t.hasPrefix("version = 1\nplan_roles = [\"regional_manager\"]\n"))
        XCTAssertTrue(t.hasSuffix("\"Canton\" = \"广州\"\n"))
        XCTAssertFalse(t.hasSuffix("\n\n"))
        XCTAssertFalse(t.contains("\n\n\n"))
        XCTAssertFalse(t.contains("#"))
        // Every blank line is followed by a header, and every header follows a blank line.
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (i, l) in lines.enumerated() {
            if l.isEmpty { XCTAssertTrue(lines[i + 1].hasPrefix("["), "blank line before \(lines[i + 1])") }
            if l.hasPrefix("[") { XCTAssertEqual(lines[i - 1], "", "no blank line before \(l)") }
        }
        XCTAssertTrue(
            t.contains("\n\n[performance_pay]\n\"1\" = \"1700.00\"\n\"2\" = \"1200.00\"\n\"3\" = \"700.00\"\n\"4\" = \"400.00\"\ntrainee = \"200.00\"\n"))
    }

    func testDefaultFileLoadsToTheDefaults() throws {
        XCTAssertEqual(try PolicyFile.load(text: try defaultFileText()), Policy.default)
    }

    func testYearEndRatesKeepOneDecimalOtherPercentsAreMinimal() {
        var p = Policy.default
        p.yearEndTiers = [.init(from: .zero, rate: Rate(num: 125, den: 10000)), .init(from: Rate(num: 875, den: 1000), rate: .percent(4))]
        p.commissionRate = Rate(num: 25, den: 1000)
        p.cutFactor = Rate(num: 3, den: 4)
        let t = PolicyFile.canonicalText(p)
        XCTAssertTrue(
            t.contains("\n\n[[year_end_tiers]]\nfrom = \"0%\"\nrate = \"1.25%\"\n\n[[year_end_tiers]]\nfrom = \"87.5%\"\nrate = \"4.0%\"\n\n[city_aliases]\n"),
            t)
        XCTAssertTrue(t.contains("\ncommission_rate = \"2.5%\"\n"))
        XCTAssertTrue(t.contains("\ncut_factor = \"0.75\"\n"))
    }

    func testStringsAreEscapedAsTOMLBasicStrings() throws {
        var p = Policy.default
        p.tierCities = ["北京", "a\"b\\c\td"]
        p.cityAliases.append((key: "Back\\slash \"q\"", value: "x\u{01}y"))
        let t = PolicyFile.canonicalText(p)
        XCTAssertTrue(t.contains("tier_cities = [\"北京\", \"a\\\"b\\\\c\\td\"]\n"), t)
        XCTAssertTrue(t.contains("\"Back\\\\slash \\\"q\\\"\" = \"x\\u0001y\"\n"), t)
        XCTAssertEqual(try PolicyFile.load(text: t), p)
    }
}

final class OverrideTests: XCTestCase {
    func testEmptyFileKeepsEveryDefault() throws {
        XCTAssertEqual(try PolicyFile.load(text: ""), Policy.default)
        XCTAssertEqual(try PolicyFile.load(text: "# nothing\n\nversion = 1\n"), Policy.default)
    }

    func testSingleValuesReplaceTheDefaultAndLeaveTheRest() throws {
        let p = try PolicyFile.load(
            text: """
                advance_limit = "5000.00"
                commission_rate = "2.5%"
                cut_factor = "0.75"
                forfeit_on_audit = true
                claim_deadline_day = 20
                probation_months = 0
                """)
        XCTAssertEqual(p.advanceLimit, Money(yuan: 5000))
        XCTAssertEqual(p.commissionRate, Rate(num: 25, den: 1000))
        XCTAssertEqual(p.cutFactor, Rate(num: 3, den: 4))
        XCTAssertTrue(p.forfeitOnAudit)
        XCTAssertEqual(p.claimDeadlineDay, 20)
        XCTAssertEqual(p.probationMonths, 0)
        var expected = Policy.default
        expected.advanceLimit = Money(yuan: 5000)
        expected.commissionRate = Rate(num: 25, den: 1000)
        expected.cutFactor = Rate(num: 3, den: 4)
        expected.forfeitOnAudit = true
        expected.claimDeadlineDay = 20
        expected.probationMonths = 0
        XCTAssertEqual(p, expected)
    }

    func testAmountsAcceptZeroToTwoDecimals() throws {
        XCTAssertEqual(try PolicyFile.load(text: "advance_limit = \"3000\"").advanceLimit, Money(yuan: 3000))
        XCTAssertEqual(try PolicyFile.load(text: "advance_limit = \"3000.5\"").advanceLimit, Money(fen: 300_050))
        XCTAssertEqual(try PolicyFile.load(text: "advance_limit = \"0.07\"").advanceLimit, Money(fen: 7))
        assertPolicyError("advance_limit = \"3000.005\"", line: 1, ["advance_limit", "3000.005", "two decimals"])
        assertPolicyError("advance_limit = \"3,000.00\"", line: 1, ["advance_limit", "3,000.00"])
        assertPolicyError("advance_limit = \"3000.\"", line: 1, ["advance_limit"])
    }

    func testListsAreReplacedWhole() throws {
        let p = try PolicyFile.load(
            text: """
                plan_roles = ["sales_rep", "regional_manager"]
                commission_roles = ["sales_rep"]
                tier_cities = ["深圳"]
                activity_roles = []
                """)
        XCTAssertEqual(p.planRoles, [.sales_rep, .regional_manager])
        XCTAssertEqual(p.commissionRoles, [.sales_rep])
        XCTAssertEqual(p.tierCities, ["深圳"])
        XCTAssertEqual(p.activityRoles, [])
        XCTAssertEqual(p.payRoles, Policy.default.payRoles, "pay_roles does not follow commission_roles")
        XCTAssertTrue(PolicyFile.canonicalText(p).contains("\nplan_roles = [\"sales_rep\", \"regional_manager\"]\n"))
        XCTAssertTrue(PolicyFile.canonicalText(p).contains("\nactivity_roles = []\n"))
    }

    func testRoleTablesMergeKeyByKey() throws {
        let p = try PolicyFile.load(
            text: """
                [lodging_cap]
                sales_rep = "110.00"

                [min_travel_days]
                director = 5

                [monthly_quota.communication]
                sales_rep = "50.00"
                """)
        var lodging = Policy.default.lodgingCap
        lodging[.sales_rep] = Money(yuan: 110)
        XCTAssertEqual(p.lodgingCap, lodging)
        XCTAssertEqual(p.minTravelDays, [.regional_manager: 20, .director: 5])
        XCTAssertEqual(p.monthlyQuota[.communication]?[.sales_rep], Money(yuan: 50))
        XCTAssertEqual(p.monthlyQuota[.communication]?[.director], .zero)
        XCTAssertEqual(p.monthlyQuota[.entertainment], Policy.default.monthlyQuota[.entertainment])
        XCTAssertEqual(p.mealAllowance, Policy.default.mealAllowance)
        // An added role appears in role order.
        XCTAssertTrue(PolicyFile.canonicalText(p).contains("\n\n[min_travel_days]\ndirector = 5\nregional_manager = 20\n\n[monthly_quota.entertainment]\n"))
    }

    func testPerformancePayMergesByLevel() throws {
        let p = try PolicyFile.load(text: "[performance_pay]\n\"2\" = \"1300.00\"\ntrainee = \"250\"\n")
        XCTAssertEqual(p.performancePay[.numbered(2)], Money(yuan: 1300))
        XCTAssertEqual(p.performancePay[.trainee], Money(yuan: 250))
        XCTAssertEqual(p.performancePay[.numbered(1)], Money(yuan: 1700))
    }

    func testActivityStandardMergesKeyByKey() throws {
        let p = try PolicyFile.load(text: "[activity_standard]\ncalls = 6\n")
        XCTAssertEqual(p.activityStandard, Policy.ActivityStandard(newVisits: 2, existingVisits: 3, calls: 6))
    }

    func testCityAliasesAddedInFileOrderAfterTheDefaultsAndReplacedInPlace() throws {
        let p = try PolicyFile.load(
            text: """
                [city_aliases]
                "Shenzhen" = "深圳"
                "Beijing" = "北京市"
                Amoy = "厦门"
                """)
        XCTAssertEqual(p.cityAliases.map(\.key), ["Beijing", "Shanghai", "Guangzhou", "Canton", "Shenzhen", "Amoy"])
        XCTAssertEqual(p.cityAliases.map(\.value), ["北京市", "上海", "广州", "广州", "深圳", "厦门"])
        XCTAssertTrue(
            PolicyFile.canonicalText(p).hasSuffix(
                """
                [city_aliases]
                "Beijing" = "北京市"
                "Shanghai" = "上海"
                "Guangzhou" = "广州"
                "Canton" = "广州"
                "Shenzhen" = "深圳"
                "Amoy" = "厦门"

                """))
    }

    func testCityAliasesInAnInlineTableKeepFileOrder() throws {
        let p = try PolicyFile.load(text: "city_aliases = { Xian = \"西安\", Amoy = \"厦门\" }\n")
        XCTAssertEqual(p.cityAliases.suffix(2).map(\.key), ["Xian", "Amoy"])
    }

    func testYearEndTiersAreReplacedWhole() throws {
        let p = try PolicyFile.load(
            text: """
                [[year_end_tiers]]
                from = "0%"
                rate = "1%"

                [[year_end_tiers]]
                from = "120%"
                rate = "4.5%"
                """)
        XCTAssertEqual(p.yearEndTiers, [.init(from: .zero, rate: .percent(1)), .init(from: .percent(120), rate: Rate(num: 45, den: 1000))])
        XCTAssertTrue(
            PolicyFile.canonicalText(p).contains(
                """

                [[year_end_tiers]]
                from = "0%"
                rate = "1.0%"

                [[year_end_tiers]]
                from = "120%"
                rate = "4.5%"

                [city_aliases]

                """))
    }

    func testLoadsOverAGivenBase() throws {
        var base = Policy.default
        base.advanceLimit = Money(yuan: 1)
        let p = try PolicyFile.load(text: "base_salary = \"900.00\"", over: base)
        XCTAssertEqual(p.advanceLimit, Money(yuan: 1))
        XCTAssertEqual(p.baseSalary, Money(yuan: 900))
    }

    func testRoundTripOfTheDefaultsAndOfACustomPolicy() throws {
        XCTAssertEqual(try PolicyFile.load(text: PolicyFile.canonicalText(.default)), Policy.default)
        let custom = try PolicyFile.load(
            text: """
                plan_roles = ["regional_manager", "sales_rep"]
                advance_limit = "4500.5"
                tier_cities = ["北京", "上海", "广州", "深圳"]
                forfeit_on_audit = true
                commission_rate = "2.25%"
                quarter_restore_threshold = "110%"
                cut_factor = "0.85"
                [lodging_cap]
                assistant = "90.00"
                [min_travel_days]
                sales_rep = 12
                [monthly_quota.entertainment]
                sales_rep = "350.00"
                [performance_pay]
                "4" = "450.00"
                [activity_standard]
                new_visits = 3
                [[year_end_tiers]]
                from = "0%"
                rate = "0.5%"
                [[year_end_tiers]]
                from = "90%"
                rate = "2%"
                [city_aliases]
                "Xiamen" = "厦门"
                "Canton" = "廣州"
                """)
        XCTAssertNotEqual(custom, Policy.default)
        let text = PolicyFile.canonicalText(custom)
        let again = try PolicyFile.load(text: text)
        XCTAssertEqual(again, custom)
        XCTAssertEqual(PolicyFile.canonicalText(again), text)
    }
}

final class PolicyErrorTests: XCTestCase {
    func testUnknownTopLevelKeyNamesKeyAndLine() {
        assertPolicyError("version = 1\n\nfoo = 1\n", line: 3, ["unknown key \"foo\""])
        assertPolicyError("version = 1\r\n\r\nfoo = 1\r\n", line: 3, ["unknown key \"foo\""])
        assertPolicyError("\u{FEFF}# comment\nfoo = 1\n", line: 2, ["unknown key \"foo\""])
    }

    func testUnknownRoleKeyInARoleTable() {
        assertPolicyError(
            "# policy\n[lodging_cap]\ndirector = \"150.00\"\nceo = \"1.00\"\n", line: 4,
            ["unknown key \"lodging_cap.ceo\"", "known roles: director, key_account_manager, regional_manager, sales_rep, assistant"])
        XCTAssertEqual((try? PolicyFile.load(text: "[lodging_cap]\nceo = \"1.00\"\n")).map { _ in "" }, nil)
        do { _ = try PolicyFile.load(text: "[lodging_cap]\nceo = \"1.00\"\n"); XCTFail() } catch {
            XCTAssertEqual(
                "\(error)",
                "policy.toml:2: error: unknown key \"lodging_cap.ceo\" (known roles: director, key_account_manager, regional_manager, sales_rep, assistant)")
        }
    }

    func testUnknownKeysFoundByQuotedDottedAndInlineSpellings() {
        assertPolicyError("version = 1\n\"lodging_cap\".\"ceo\" = \"1.00\"\n", line: 2, ["lodging_cap.ceo"])
        assertPolicyError("version = 1\nlodging_cap = { director = \"1.00\", ceo = \"2.00\" }\n", line: 2, ["lodging_cap.ceo"])
        assertPolicyError("a = \"\"\"\nx\n\"\"\"\n", line: 1, ["unknown key \"a\""])
        // Text inside multi-line strings is neither a header nor a key.
        assertPolicyError(
            """
            [city_aliases]
            X = \"""
            [lodging_cap]
            ceo = 1
            \"""
            'a.b' = '''
            [[year_end_tiers]]'''
            [lodging_cap]
            ceo = "1"
            """, line: 9, ["lodging_cap.ceo"])
        // The second [[year_end_tiers]] element's keys are found on their own lines.
        assertPolicyError(
            """
            [[year_end_tiers]]
            from = "0%"
            rate = "1%"
            [[year_end_tiers]]
            from = "0%"
            rate = "1%"
            """, line: 5, ["year_end_tiers.from", "tier 2"])
    }

    func testUnknownSubTableOfMonthlyQuota() {
        assertPolicyError(
            "[monthly_quota.entertainment]\nsales_rep = \"1.00\"\n\n[monthly_quota.travel]\nsales_rep = \"1.00\"\n",
            line: 4, ["unknown key \"monthly_quota.travel\"", "entertainment, communication"])
    }

    func testUnknownLevelAndActivityKey() {
        assertPolicyError("[performance_pay]\n\"5\" = \"1.00\"\n", line: 2, ["performance_pay.5", "1, 2, 3, 4, trainee"])
        assertPolicyError("[activity_standard]\ncalls = 1\nemails = 2\n", line: 3, ["activity_standard.emails"])
    }

    func testWrongTypes() {
        assertPolicyError("version = 1\nadvance_limit = 3000\n", line: 2, ["wrong type", "advance_limit", "integer"])
        assertPolicyError("claim_deadline_day = \"25\"\n", line: 1, ["wrong type", "claim_deadline_day", "string"])
        assertPolicyError("cut_factor = 0.8\n", line: 1, ["wrong type", "cut_factor"])
        assertPolicyError("forfeit_on_audit = \"no\"\n", line: 1, ["wrong type", "forfeit_on_audit"])
        assertPolicyError("plan_roles = \"sales_rep\"\n", line: 1, ["wrong type", "plan_roles"])
        assertPolicyError("lodging_cap = \"100.00\"\n", line: 1, ["wrong type", "lodging_cap"])
        assertPolicyError("\n[min_travel_days]\nregional_manager = \"20\"\n", line: 3, ["wrong type", "min_travel_days.regional_manager"])
        assertPolicyError("[city_aliases]\nPeking = 1\n", line: 2, ["wrong type", "city_aliases.Peking"])
    }

    func testNegativeAmount() {
        assertPolicyError("\n\n[meal_allowance]\nsales_rep = \"-20.00\"\n", line: 4, ["negative amount", "meal_allowance.sales_rep"])
    }

    func testThresholdOutsideZeroToThousandPercent() {
        assertPolicyError("settle_threshold = \"1001%\"\n", line: 1, ["settle_threshold", "1001%", "0%–1000%"])
        assertPolicyError("commission_rate = \"-1%\"\n", line: 1, ["commission_rate", "0%–1000%"])
        XCTAssertEqual(try PolicyFile.load(text: "settle_threshold = \"1000%\"").settleThreshold, .percent(1000))
        XCTAssertEqual(try PolicyFile.load(text: "settle_threshold = \"0%\"").settleThreshold, .zero)
    }

    func testBadPercentString() {
        assertPolicyError("version = 1\nsettle_threshold = \"80\"\n", line: 2, ["bad percent", "settle_threshold", "\"80\""])
        assertPolicyError("commission_rate = \"2 %\"\n", line: 1, ["commission_rate"])
        assertPolicyError("commission_rate = \"0.02\"\n", line: 1, ["commission_rate"])
    }

    func testCutFactorRange() {
        assertPolicyError("cut_factor = \"11\"\n", line: 1, ["cut_factor", "0–10"])
        assertPolicyError("cut_factor = \"80%\"\n", line: 1, ["cut_factor"])
    }

    func testCountRanges() {
        assertPolicyError("claim_deadline_day = 0\n", line: 1, ["claim_deadline_day", "1–31"])
        assertPolicyError("claim_deadline_day = 32\n", line: 1, ["claim_deadline_day"])
        assertPolicyError("probation_months = -1\n", line: 1, ["probation_months"])
        assertPolicyError("[activity_standard]\nnew_visits = -2\n", line: 2, ["activity_standard.new_visits"])
    }

    func testUnknownRoleInARoleList() {
        assertPolicyError(
            "version = 1\nplan_roles = [\"regional_manager\", \"ceo\"]\n", line: 2,
            ["unknown role \"ceo\"", "plan_roles", "known roles"])
        assertPolicyError("pay_roles = [\n  \"sales_rep\",\n  \"boss\",\n]\n", line: 3, ["unknown role \"boss\"", "pay_roles"])
        assertPolicyError("pay_roles = [\"sales_rep\", \"sales_rep\"]\n", line: 1, ["twice", "pay_roles"])
    }

    func testUnsupportedVersion() {
        assertPolicyError("version = 2\n", line: 1, ["version", "2"])
    }

    func testYearEndTierErrors() {
        let tiers = "[[year_end_tiers]]\nfrom = \"0%\"\nrate = \"1%\"\n\n[[year_end_tiers]]\nfrom = \"0%\"\nrate = \"2%\"\n"
        assertPolicyError(tiers, line: 6, ["year_end_tiers.from", "tier 2"])
        assertPolicyError("[[year_end_tiers]]\nfrom = \"10%\"\nrate = \"1%\"\n", line: 2, ["year_end_tiers.from", "0%"])
        assertPolicyError(
            "[[year_end_tiers]]\nfrom = \"0%\"\nrate = \"1%\"\n[[year_end_tiers]]\nfrom = \"50%\"\nrate = \"1\"\n", line: 6,
            ["bad percent", "year_end_tiers.rate"])
        assertPolicyError("[[year_end_tiers]]\nfrom = \"0%\"\nbonus = \"1%\"\n", line: 3, ["unknown key \"year_end_tiers.bonus\""])
        assertPolicyError("[[year_end_tiers]]\nfrom = \"0%\"\n", line: 1, ["missing key", "year_end_tiers.rate"])
        assertPolicyError("year_end_tiers = []\n", line: 1, ["year_end_tiers"])
    }

    func testSyntaxErrorCarriesLineAndColumn() {
        assertPolicyError("version = 1\n[lodging_cap\ndirector = \"1.00\"\n", line: 2, ["invalid TOML"])
        assertPolicyError("version = 1\n\nadvance_limit = \n", line: 3, ["invalid TOML"], column: 17)
        assertPolicyError("version = 1\nversion = 1\n", line: 2, ["invalid TOML"])
    }

    func testEarliestProblemIsReported() {
        assertPolicyError("zzz = 1\n[lodging_cap]\nceo = \"1\"\n", line: 1, ["zzz"])
        assertPolicyError("[lodging_cap]\nceo = \"1\"\n[activity_standard]\ncalls = \"1\"\n", line: 2, ["lodging_cap.ceo"])
    }

    func testOtherFileNameAppearsInTheError() {
        do { _ = try PolicyFile.load(text: "foo = 1", fileName: "inputs/policy.toml"); XCTFail() } catch let e as FileError {
            XCTAssertEqual(e.file, "inputs/policy.toml")
            XCTAssertTrue(e.description.hasPrefix("inputs/policy.toml:1: error: unknown key \"foo\""), e.description)
        } catch { XCTFail("\(error)") }
    }
}

final class NewPolicyKeysTests: XCTestCase {
    func testCompanyNameAndWholeColumnStopDefaultsAndOverrides() throws {
        XCTAssertEqual(Policy.default.companyName, "")
        XCTAssertEqual(Policy.default.wholeColumnStop, Rate.percent(50))
        let p = try PolicyFile.load(text: "company_name = \"某某化肥有限公司\"\nwhole_column_stop = \"30%\"\n")
        XCTAssertEqual(p.companyName, "某某化肥有限公司")
        XCTAssertEqual(p.wholeColumnStop, Rate.percent(30))
        let t = PolicyFile.canonicalText(p)
        XCTAssertTrue(t.contains("activity_roles = [\"sales_rep\"]\ncompany_name = \"某某化肥有限公司\"\nwhole_column_stop = \"30%\"\nclaim_deadline_day = 25\n"), t)
    }

    func testWholeColumnStopOutsideTheRangeNamesTheKeyAndLine() {
        assertPolicyError("version = 1\nwhole_column_stop = \"1200%\"\n", line: 2, ["whole_column_stop", "0%–1000%"])
        assertPolicyError("whole_column_stop = 0.5\n", line: 1, ["whole_column_stop", "percent"])
        assertPolicyError("\ncompany_name = 3\n", line: 2, ["company_name", "integer"])
        assertPolicyError("company_name = \"A\\nB\"\n", line: 1, ["company_name", "control character"])
    }
}
