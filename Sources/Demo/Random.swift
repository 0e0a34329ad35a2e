/// SplitMix64: small, fast, and the same on every platform. The demo never touches
/// `random()` or `SystemRandomNumberGenerator`, so the same options give the same bytes.
struct DemoRNG {
    private var state: UInt64

    init(_ seed: UInt64) { state = seed }

    /// A generator for one purpose, derived from the demo seed and a few integers
    /// (employee index, period index, a salt naming the purpose).
    init(_ seed: UInt64, _ parts: Int...) {
        var s = seed ^ 0x5DEE_CE66_D1CE_4E5B
        for p in parts {
            s = DemoRNG.mix(s &+ UInt64(bitPattern: Int64(p)) &* 0x9E37_79B9_7F4A_7C15)
        }
        state = s
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `r` (both ends included).
    mutating func int(_ r: ClosedRange<Int>) -> Int {
        let span = UInt64(r.upperBound - r.lowerBound) + 1
        return r.lowerBound + Int(next() % span)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { Int(next() % 100) < percent }

    /// True with probability `perMille`/1000.
    mutating func chancePerMille(_ perMille: Int) -> Bool { Int(next() % 1000) < perMille }

    mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }

    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}
