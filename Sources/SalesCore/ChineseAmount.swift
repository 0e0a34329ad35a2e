/// An amount written out in 人民币大写, as a cheque or a signed slip gives it: 壹仟零捌拾元伍角整.
public enum ChineseAmount {
    static let digits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    static let places = ["", "拾", "佰", "仟"]
    /// Units of each group of four digits, from the right.
    static let groups = ["", "万", "亿", "万亿", "亿亿"]

    /// `fen` in capitals: "壹仟零捌拾元伍角整", "零元整", "叁分", "负伍拾元整".
    /// A whole amount ends in 整, as does one ending in 角; one with fen does not.
    public static func words(fen: Int64) -> String {
        if fen == 0 { return "零元整" }
        let m = fen.magnitude
        let yuan = m / 100, jiao = Int(m / 10 % 10), f = Int(m % 10)
        var out = fen < 0 ? "负" : ""
        if yuan > 0 { out += integerWords(yuan) + "元" }
        if jiao == 0 && f == 0 { return out + "整" }
        if jiao > 0 {
            out.append(digits[jiao]); out += "角"
        } else if yuan > 0 {
            out += "零"
        }
        if f > 0 { out.append(digits[f]); out += "分" } else { out += "整" }
        return out
    }

    public static func words(_ money: Money) -> String { words(fen: money.fen) }

    /// A positive whole number in capitals, zeros read once (壹万零伍拾, 壹亿零壹).
    static func integerWords(_ n: UInt64) -> String {
        var parts: [Int] = []
        var v = n
        while v > 0 { parts.append(Int(v % 10_000)); v /= 10_000 }
        var out = ""
        var zeroPending = false
        for i in parts.indices.reversed() {
            let g = parts[i]
            if g == 0 { if !out.isEmpty { zeroPending = true }; continue }
            if !out.isEmpty && (zeroPending || g < 1000) { out += "零" }
            out += groupWords(g) + groups[i]
            zeroPending = false
        }
        return out
    }

    /// 1…9999 in capitals: 壹仟零捌拾.
    static func groupWords(_ g: Int) -> String {
        var out = ""
        var started = false, zero = false
        for place in stride(from: 3, through: 0, by: -1) {
            var p = 1
            for _ in 0..<place { p *= 10 }
            let d = g / p % 10
            if d == 0 {
                if started { zero = true }
                continue
            }
            if zero { out += "零"; zero = false }
            out.append(digits[d]); out += places[place]
            started = true
        }
        return out
    }
}

extension Money {
    /// The amount in 人民币大写 (`ChineseAmount.words`).
    public var inChineseCapitals: String { ChineseAmount.words(self) }
}
