import XCTest
import SalesCore
@testable import CloseRunner

/// A month closed before `company_name` and `whole_column_stop` existed keeps its identity.
final class PolicyIdentityTests: XCTestCase {
    /// `salesclose policy | sha256sum` as printed by tool 0.1.0 (commit 52d56e1), before the two keys were added.
    static let defaultPolicySHA256Of010 = "ffb691fa91c16eb72e331ab7c97ff1bc0e505ae389d2850d06ca3f4dd9545d73"

    func testTheDefaultPolicyStillHasItsEarlierSHA256AsALegacyIdentity() throws {
        let p = try Runner.loadPolicy(inputs: nil)
        XCTAssertNotEqual(p.sha256, Self.defaultPolicySHA256Of010, "the canonical text gained two keys")
        XCTAssertEqual(Runner.legacyPolicySHA256(p.policy, canonical: p.text), Self.defaultPolicySHA256Of010)
    }

    func testAPolicyThatSetsANewKeyHasNoLegacyIdentity() {
        var pol = Policy.default
        pol.companyName = "某某化肥有限公司"
        XCTAssertNil(Runner.legacyPolicySHA256(pol, canonical: "x"))
        pol = .default
        pol.wholeColumnStop = .percent(40)
        XCTAssertNil(Runner.legacyPolicySHA256(pol, canonical: "x"))
    }
}
