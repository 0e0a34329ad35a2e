import SalesCore

/// The sentence behind every outcome code of rules.md and inputs.md, in the
/// workbook's language. The Chinese follows the wording of the company text
/// (篇9: 报销, 借款, 工资, 提成), in simplified characters.
public enum CodeText {
    /// Every code with its sentences, in the order of rules.md and inputs.md: SalesCore's `Code`, the one table of them.
    public static var table: [(code: String, text: Bilingual)] { Code.allCases.map { ($0.rawValue, Bilingual($0.zh, $0.en)) } }

    /// Every known code.
    public static var allCodes: [String] { Code.allCases.map(\.rawValue) }

    /// The sentence of `code`; an unknown code gives a sentence that names it.
    public static func sentence(_ code: String, _ lang: Lang) -> String {
        if let c = Code(rawValue: code) { return lang == .zh ? c.zh : c.en }
        return lang == .zh ? "代码 \(code)" : "Code \(code)"
    }

    /// The sentence of `code`.
    public static func sentence(_ code: Code, _ lang: Lang) -> String { lang == .zh ? code.zh : code.en }

    /// The sentence management and region books show: the quarter review's outcome without its pay consequence
    /// (those books carry no pay figure and no pay ratio).
    public static func managementSentence(_ code: String, _ lang: Lang) -> String {
        switch Code(rawValue: code) {
        case .qtrCut: return Bilingual("未完成季度考核指标的80%", "Below 80% of the quarter's target")(lang)
        case .qtrRestored: return Bilingual("完成季度考核指标", "Quarter's target met")(lang)
        default: return sentence(code, lang)
        }
    }

    /// Whether `code` has its own sentence.
    public static func knows(_ code: String) -> Bool { Code(rawValue: code) != nil }

    /// The sentences of `codes` joined with "；" (Chinese) or "; " (English).
    public static func reasons(_ codes: [String], _ lang: Lang) -> String {
        codes.map { sentence($0, lang) }.joined(separator: Vocab.reasonSeparator(lang))
    }

    /// A rule's detail in the workbook's language: the close words a route mismatch as
    /// "EXP-ROUTE-MISMATCH expenses.csv:12 2023-03-05: plan 阳阿, receipt 原阳"; in Chinese that reads
    /// "出差路线不符 expenses.csv 第12行 2023-03-05：计划城市 阳阿，票据城市 原阳". Other details pass unchanged.
    public static func detail(_ text: String, _ lang: Lang) -> String {
        guard lang == .zh else { return text }
        var t = text
        for (code, zh) in [(Code.expRouteMismatch, "出差路线不符 "), (Code.expNotTravelling, "未出差报住宿 ")] where t.hasPrefix(code.rawValue + " ") {
            t = zh + t.dropFirst(code.rawValue.count + 1)
        }
        if let m = t.firstMatch(of: #/ (\S+):(\d+) /#) {
            t.replaceSubrange(m.range, with: " \(m.1) 第\(m.2)行 ")
        }
        t = t.replacingOccurrences(of: ": plan ", with: "：计划城市 ")
        t = t.replacingOccurrences(of: ", receipt ", with: "，票据城市 ")
        return t
    }

    /// Codes joined for a codes column: "EXP-LATE, EXP-LODGING-CAP".
    public static func joined(_ codes: [String]) -> String { codes.joined(separator: ", ") }
}
