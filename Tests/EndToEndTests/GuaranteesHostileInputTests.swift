import Foundation
import XCTest
import XlsxReader

/// Issue 6 §5 "Hostile input is harmless" and §9 "Access".
final class GuaranteesHostileInputTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try Harness.tempDir("guarantees-hostile") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"
    static let long = String(repeating: "长", count: 33_000) + "END"

    /// January with a formula for a name, formula-like purposes, a control character, `_x0041_` and an over-long text.
    func hostileJanuary() throws -> URL {
        try G.january(root) { f in
            f["roster.csv"] = TwoMonths.roster.replacingOccurrences(of: "R1,张三,", with: "R1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",")
            f["advances.csv"] = """
                借款单号,员工编号,日期,金额,事由
                A1,M1,2023-01-05,2000.00,+cmd
                A2,M1,2023-01-20,1500.00,@SUM(A1:A2)
                A3,R1,2023-01-06,500.00,_x0041_
                A5,M2,2023-01-07,100.00,-1+1
                A6,M2,2023-01-08,100.00,\(Self.long)
                A7,M2,2023-01-09,100.00,bell\u{07}here

                """
        }
    }

    func testFormulaTextStaysTextControlCharsRemovedEscapesKeptLongTextCut() throws {
        let out = root.appendingPathComponent("out")
        let r = try G.close(try hostileJanuary(), out)
        XCTAssertEqual(r.status, 0, r.stderr)

        let s = try Harness.summary(out, G.jan)
        let flags = (s["row_flags"] as? [[String: Any]] ?? []).map {
            "\($0["file"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["code"] as? String ?? "")"
        }
        XCTAssertTrue(flags.contains("advances.csv:6:ROW-TEXT-CUT"), "\(flags)")
        XCTAssertTrue(flags.contains("advances.csv:7:ROW-CONTROL-CHARS"), "\(flags)")

        let doc = try XlsxDocument(path: try G.financeWorkbook(out, G.jan).path)
        var texts: [String] = []
        for name in doc.sheetNames {
            let sheet = try doc.sheet(name)
            for f in try doc.formulas(sheet: name).values {
                for bad in ["HYPERLINK", "cmd", "SUM(A1:A2)", "-1+1", "长"] {
                    XCTAssertFalse(f.contains(bad), "sheet \(name): input text became a formula: \(f)")
                }
            }
            for c in sheet.cells.values { if let t = c.text { texts.append(t) } }
        }
        for expected in [Self.hyperlink, "+cmd", "@SUM(A1:A2)", "-1+1", "_x0041_", "bellhere"] {
            XCTAssertTrue(texts.contains(expected), "no text cell reads back as \(expected)")
        }
        let cut = texts.first { $0.hasPrefix("长长长") }
        XCTAssertNotNil(cut, "the long purpose is in the workbook")
        XCTAssertLessThanOrEqual(cut?.utf16.count ?? .max, 32_767)
        XCTAssertFalse(
            texts.contains { $0.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" } },
            "a control character reached the workbook")
        // Raw sheet XML: no <f> element anywhere carries input text.
        for part in doc.partNames where part.hasPrefix("xl/worksheets/") && part.hasSuffix(".xml") {
            let xml = try doc.text(part: part)
            var rest = xml[...]
            while let open = rest.range(of: "<f>") ?? rest.range(of: "<f ") {
                let close = rest[open.upperBound...].range(of: "</f>")?.lowerBound ?? rest.endIndex
                let f = rest[open.upperBound..<close]
                XCTAssertFalse(f.contains("HYPERLINK") || f.contains("cmd"), "\(part): \(f)")
                rest = rest[close...]
                if rest.isEmpty { break }
                rest = rest.dropFirst()
            }
        }
    }

    /// Finance workbook, summary and ledger are 0600 under `umask 000`; SALESCLOSE_SHEET_PASSWORD protects every finance
    /// sheet and appears in no output file (inside the workbooks' parts too), nor on stdout/stderr (`--json` included).
    func testModesUnderUmask000AndThePasswordProtectsWithoutLeaking() throws {
        let inputs = try G.january(root)
        let out = root.appendingPathComponent("out")
        let password = "Pw-7f3c9e1a-secret"
        let r = try G.run(
            ["close", "--inputs", inputs.path, "--outputs", out.path, "--json"], prefix: "umask 000",
            env: ["SALESCLOSE_SHEET_PASSWORD": password])
        XCTAssertEqual(r.status, 0, r.stderr)
        let folder = out.appendingPathComponent(G.jan)
        for path in [
            folder.appendingPathComponent("finance-2023-01.xlsx").path, folder.appendingPathComponent("close-summary.json").path,
            out.appendingPathComponent("ledger.sqlite").path
        ] {
            XCTAssertEqual(String(G.mode(path), radix: 8), "600", path)
        }
        let doc = try XlsxDocument(path: try G.financeWorkbook(out, G.jan).path)
        XCTAssertFalse(doc.sheetNames.isEmpty)
        for name in doc.sheetNames {
            let sheet = try doc.sheet(name)
            XCTAssertTrue(sheet.isProtected, "finance sheet \(name) is not protected")
            XCTAssertNotNil(sheet.protectionPasswordHash, "finance sheet \(name) has no password")
        }
        XCTAssertFalse(r.stdout.contains(password) || r.stderr.contains(password))
        XCTAssertTrue(r.stdout.contains("\"period\""), "--json printed the summary")
        let needle = Data(password.utf8)
        var checked = 0
        for (rel, _) in G.hashes(out) {
            let u = out.appendingPathComponent(rel)
            let data = try Data(contentsOf: u)
            XCTAssertNil(data.range(of: needle), "the password is in \(rel)")
            if rel.hasSuffix(".xlsx") {
                let wb = try XlsxDocument(path: u.path)
                for part in wb.partNames { XCTAssertNil(try wb.data(part: part).range(of: needle), "the password is in \(rel)/\(part)"); checked += 1 }
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }
}
