import Foundation
import XCTest
@testable import SalesCore

/// Issue 11 — typed rule codes: one rule type per code of rules.md §1–§9, named after it, and every code with its
/// sentence in Chinese and in English.
final class RulesTests: XCTestCase {
    /// The code families of rules.md §1–§9 (ROW-* are inputs.md's row checks, not rules).
    static let families: Set<String> = ["EXP", "ATT", "AUDIT", "ADV", "SAL", "PLAN", "ACT", "COM", "QTR", "YR", "ADJ"]
    /// The codes of rules.md §1–§9, in the enum's order.
    let ruleCodes = Code.allCases.filter { RulesTests.families.contains($0.family) }

    /// `EXP-LATE` → `ExpLate`, `AUDIT` → `Audit`.
    func typeName(_ c: Code) -> String {
        c.rawValue.split(separator: "-").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined()
    }

    func testEveryRuleCodeHasOneRuleTypeWhoseCodeIsIt() {
        let codes = Rules.all.map { $0.code }
        XCTAssertEqual(Set(ruleCodes).subtracting(codes).map(\.rawValue).sorted(), [], "codes with no rule type")
        XCTAssertEqual(Set(codes).subtracting(ruleCodes).map(\.rawValue).sorted(), [], "rule types with a code outside §1–§9")
        XCTAssertEqual(codes.count, Set(codes).count, "two rule types raise the same code")
        XCTAssertEqual(codes, ruleCodes, "the registry lists the rules in the order of the codes")
        XCTAssertEqual(ruleCodes.count, 36)
    }

    func testEachRuleTypeIsNamedAfterItsCode() {
        for rule in Rules.all {
            XCTAssertEqual(String(describing: rule), typeName(rule.code), "\(rule) raises \(rule.code.rawValue)")
        }
    }

    func testTheExpenseStageRunsRegisteredRulesInTheOrderOfTheirCodes() {
        let names = Set(Rules.all.map { String(describing: $0) })
        let stage = ExpenseAudit.rules.map { $0.code }
        for rule in ExpenseAudit.rules { XCTAssertTrue(names.contains(String(describing: rule)), "\(rule)") }
        XCTAssertEqual(stage, stage.sorted { ruleCodes.firstIndex(of: $0)! < ruleCodes.firstIndex(of: $1)! })
        XCTAssertEqual(Advances.requestRules.map { $0.code }, [.advNotEligible, .advLateClaim, .advOverLimit])
    }

    func testEveryCodeBelongsToARuleFamilyOrToTheRowChecks() {
        for c in Code.allCases {
            XCTAssertTrue(Self.families.contains(c.family) || c.family == "ROW", c.rawValue)
        }
    }

    func testEveryCodeHasNonEmptyDistinctSentencesInChineseAndEnglish() {
        func isCJK(_ u: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(u.value) }
        for c in Code.allCases {
            XCTAssertFalse(c.zh.allSatisfy(\.isWhitespace), "\(c.rawValue): no Chinese sentence")
            XCTAssertFalse(c.en.allSatisfy(\.isWhitespace), "\(c.rawValue): no English sentence")
            XCTAssertNotEqual(c.zh, c.en, c.rawValue)
            XCTAssertTrue(c.zh.unicodeScalars.contains(where: isCJK), "\(c.rawValue): the Chinese sentence has no Chinese")
            XCTAssertTrue(c.en.unicodeScalars.contains { ("a"..."z").contains($0) }, "\(c.rawValue): the English sentence has no English")
        }
        XCTAssertEqual(Set(Code.allCases.map(\.zh)).count, Code.allCases.count, "two codes share a Chinese sentence")
        XCTAssertEqual(Set(Code.allCases.map(\.en)).count, Code.allCases.count, "two codes share an English sentence")
    }

    /// Codes in SalesCore come from `Code`, so that a misspelt one does not compile: no code is spelt as text
    /// outside Codes.swift (comments aside).
    func testNoCodeIsSpeltAsTextInSalesCore() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/SalesCore")
        let literal = try NSRegularExpression(pattern: #""(?:EXP|ATT|AUDIT|ADV|SAL|PLAN|ACT|COM|QTR|YR|ADJ|ROW)(?:-[A-Z]+)*-?""#)
        var found: [String] = []
        var files = 0
        let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walk?.nextObject() as? URL {
            guard url.pathExtension == "swift", url.lastPathComponent != "Codes.swift" else { continue }
            files += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                if l.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                if literal.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)) != nil {
                    found.append("\(url.lastPathComponent):\(n + 1): \(l.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertGreaterThan(files, 40, "Sources/SalesCore not found from \(#filePath)")
        XCTAssertEqual(found, [])
    }
}
