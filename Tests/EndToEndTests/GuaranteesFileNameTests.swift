import Foundation
import XCTest

/// Issue 14 §5: file names made from data are cut to what the file system allows (255 bytes a name), on a character
/// boundary, and stay unique.
final class GuaranteesFileNameTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-names") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// Two regions of 100 × 区 (300 bytes) and 100 × 区 + 东, which share their first 255 bytes: the month closes
    /// (before the change: exit 4, "close workbook failed"), each gets its own workbook whose name fits in 255 bytes,
    /// and nothing else is lost.
    func testARegionNameLongerThanAFileNameAllowsIsCutAndKeptUnique() throws {
        let long = String(repeating: "区", count: 100)
        let inputs = try G.january(root) { files in
            files["roster.csv"] =
                TwoMonths.roster
                .replacingOccurrences(of: "M2,赵经理,区域经理,3,华南,", with: "M2,赵经理,区域经理,3,\(long),")
                + "M3,孙经理,区域经理,3,\(long)东,销售二部,,2019-01-01,\n"
        }
        let out = root.appendingPathComponent("out")
        let r = try G.close(inputs, out)
        XCTAssertEqual(r.status, 0, r.stderr)
        let regions = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("\(G.jan)/regions").path)
        let cut = regions.filter { $0.hasPrefix("区区区") }
        XCTAssertEqual(cut.count, 2, "one workbook for each long region: \(regions)")
        XCTAssertEqual(Set(cut).count, 2)
        for name in regions {
            XCTAssertLessThanOrEqual(name.utf8.count, 255, name)
            XCTAssertTrue(name.hasSuffix("-\(G.jan).xlsx"), name)
        }
        try G.assertFolderAgreesWithLedger(out, G.jan)
    }
}
