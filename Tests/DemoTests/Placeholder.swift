import XCTest
final class DemoTestsPlaceholder: XCTestCase { func testNothingYet() {} }
