import XCTest
final class PolicyFileTestsPlaceholder: XCTestCase { func testNothingYet() {} }
