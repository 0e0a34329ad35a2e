import Foundation
import XCTest
import XlsxReader

/// Golden files for the demo close: close-summary.json and the text of every sheet of every workbook, as committed
/// under Tests/EndToEndTests/Golden/demo-2023-03/. A change of output shows as a diff of those files, reviewed like
/// code. Record mode: `make golden` (SALESCLOSE_RECORD_GOLDEN=1) writes the files anew instead of comparing; commit
/// them with the change that made them differ.
final class GoldenTests: XCTestCase {
    static let folder = Harness.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/demo-2023-03")
    static var recording: Bool { ProcessInfo.processInfo.environment["SALESCLOSE_RECORD_GOLDEN"] == "1" }

    /// One workbook as text: each sheet in workbook order, then its cells row by row:
    /// `A1 s text`, `B2 n 12.5`, `C3 b 1`, `D4 f SUM(D2:D3) = 40` (a formula with its cached value); line breaks in text
    /// as `\n`. Charts as their type, title and series references. What varies from run to run has no place here: there
    /// is nothing of the kind (the close writes no clock time), so nothing is normalised.
    static func text(of path: URL) throws -> String {
        let doc = try XlsxDocument(path: path.path)
        var out = "# \(path.lastPathComponent)\n"
        for name in doc.sheetNames {
            guard let sheet = doc.sheets[name] else { continue }
            out += "## sheet \(name)\n"
            let cells = sheet.cells.values.sorted { ($0.row, $0.col) < ($1.row, $1.col) }
            for c in cells {
                var value: String
                switch c.value {
                case .string(let s): value = "s " + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                case .number(let n): value = "n " + Self.number(n)
                case .boolean(let b): value = "b " + (b ? "1" : "0")
                case .error(let e): value = "e " + e
                case .empty: value = "-"
                }
                if let f = c.formula { value = "f \(f) = " + value }
                out += "\(c.ref) \(value)\n"
            }
            for part in sheet.chartParts {
                guard let chart = doc.charts[part] else { continue }
                out += "chart \(chart)\n"
            }
        }
        return out
    }

    static func number(_ n: Double) -> String {
        if n == n.rounded() && abs(n) < 1e15 { return String(Int64(n)) }
        return String(format: "%.10g", n)
    }

    func testDemoCloseMatchesTheGoldenFiles() throws {
        let root = try Harness.tempDir("golden")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("in"), outputs = root.appendingPathComponent("out")
        let demo = try Harness.run(["demo", inputs.path])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let close = try Harness.run(["close", "--inputs", inputs.path, "--outputs", outputs.path])
        XCTAssertEqual(close.status, 0, close.stderr)
        let period = outputs.appendingPathComponent("2023-03")

        var produced: [String: String] = [:]
        produced["close-summary.json"] = try String(contentsOf: period.appendingPathComponent("close-summary.json"), encoding: .utf8)
        var books = ["finance-2023-03.xlsx", "management-2023-03.xlsx"]
        let regions = try FileManager.default.contentsOfDirectory(atPath: period.appendingPathComponent("regions").path).sorted()
        books += regions.map { "regions/" + $0 }
        XCTAssertGreaterThan(regions.count, 1, "the demo has several regions")
        for b in books {
            produced[b.replacingOccurrences(of: "/", with: "_") + ".txt"] = try Self.text(of: period.appendingPathComponent(b))
        }

        let fm = FileManager.default
        if Self.recording {
            try? fm.removeItem(at: Self.folder)
            try fm.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            for (name, text) in produced { try Data(text.utf8).write(to: Self.folder.appendingPathComponent(name)) }
            print("recorded \(produced.count) golden files in \(Self.folder.path)")
            return
        }
        let committed = Set((try? fm.contentsOfDirectory(atPath: Self.folder.path)) ?? [])
        XCTAssertEqual(
            committed, Set(produced.keys),
            "golden files differ in name from what the close wrote; run `make golden` and review the diff")
        for (name, text) in produced.sorted(by: { $0.key < $1.key }) {
            guard let golden = try? String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            if golden == text { continue }
            let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            XCTFail(
                """
                \(name) differs from its golden file from line \(first + 1) on (golden \(a.count) lines, now \(b.count)):
                  golden: \(first < a.count ? String(a[first]) : "(end)")
                  now:    \(first < b.count ? String(b[first]) : "(end)")
                If the change is on purpose: `make golden`, then review `git diff Tests/EndToEndTests/Golden`.
                """)
        }
    }
}
