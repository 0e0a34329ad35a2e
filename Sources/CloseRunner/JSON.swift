import SalesCore

/// A tiny JSON writer with keys in the order given, so the summary is byte-identical run to run.
public indirect enum JSON: Sendable {
    case string(String)
    /// A number already formatted (integers, ratios rounded to 4 decimals).
    case number(String)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    public static func int(_ v: Int) -> JSON { .number(String(v)) }
    public static func money(_ m: Money?) -> JSON { m.map { .string($0.description) } ?? .null }
    public static func str(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
    /// A ratio as a number with up to 4 decimals (rounded half away from zero beforehand), at least one decimal.
    public static func ratio(_ d: Double?) -> JSON {
        guard let d else { return .null }
        let t = Int64((d * 10_000).rounded(.toNearestOrAwayFromZero))
        let neg = t < 0, m = t.magnitude
        var frac = String(m % 10_000)
        while frac.count < 4 { frac = "0" + frac }
        while frac.count > 1 && frac.hasSuffix("0") { frac.removeLast() }
        return .number((neg ? "-" : "") + "\(m / 10_000).\(frac)")
    }
    public static func rate(_ r: Rate?) -> JSON {
        guard let r else { return .null }
        return .number(r.decimalText.contains(".") ? r.decimalText : r.decimalText + ".0")
    }

    public func render() -> String {
        var out = ""
        write(&out, indent: 0)
        out += "\n"
        return out
    }

    private func write(_ out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let s): JSON.quote(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            if a.allSatisfy({ $0.isScalar }) {
                out += "["
                for (i, v) in a.enumerated() { if i > 0 { out += ", " }; v.write(&out, indent: indent + 1) }
                out += "]"
                return
            }
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += inner; v.write(&out, indent: indent + 1)
                out += i < a.count - 1 ? ",\n" : "\n"
            }
            out += pad + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in o.enumerated() {
                out += inner; JSON.quote(k, into: &out); out += ": "
                v.write(&out, indent: indent + 1)
                out += i < o.count - 1 ? ",\n" : "\n"
            }
            out += pad + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false;
        default: return true
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
