import XCTest
final class XlsxWriterTestsPlaceholder: XCTestCase { func testNothingYet() {} }
