/// Duplicate detection for millions of keys without keeping them (issue 7: "a fixed-size digest per order line"):
/// an open-addressing table of 96-bit digests (two independent 64- and 32-bit hashes of the key), 12 bytes a slot,
/// at most 4 slots for every 3 keys. Two different keys share a digest with a chance of about n²/2⁹⁷ (≈ 10⁻¹⁶ for
/// four million lines).
struct DigestSet: Sendable {
    private var high: [UInt64]
    private var low: [UInt32]
    private(set) var count = 0

    init(expected: Int) {
        let cap = max(16, expected + expected / 3 + 1)
        high = Array(repeating: 0, count: cap)
        low = Array(repeating: 0, count: cap)
    }

    private static func slot(_ h: UInt64, _ cap: Int) -> Int { Int(h.multipliedFullWidth(by: UInt64(cap)).high) }

    /// Inserts the key's digest; false when it was there already.
    mutating func insert(_ text: String, _ number: Int) -> Bool {
        var (h, l64) = Self.hash2(text, number)
        if h == 0 { h = 1 }
        let l = UInt32(truncatingIfNeeded: l64)
        if (count + 1) * 4 > high.count * 3 { grow() }
        var i = Self.slot(h, high.count)
        while high[i] != 0 {
            if high[i] == h && low[i] == l { return false }
            i += 1; if i == high.count { i = 0 }
        }
        high[i] = h; low[i] = l; count += 1
        return true
    }

    private mutating func grow() {
        let oldH = high, oldL = low
        let cap = high.count * 2
        high = Array(repeating: 0, count: cap); low = Array(repeating: 0, count: cap)
        for (h, l) in zip(oldH, oldL) where h != 0 {
            var i = Self.slot(h, cap)
            while high[i] != 0 { i += 1; if i == cap { i = 0 } }
            high[i] = h; low[i] = l
        }
    }

    /// Two independent 64-bit hashes of a text and a number in one pass over the bytes (not cryptographic).
    static func hash2(_ text: String, _ number: Int) -> (UInt64, UInt64) {
        let n = UInt64(truncatingIfNeeded: number)
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (n &* 0xFF51_AFD7_ED55_8CCD)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F ^ (n &* 0x9FB2_1C65_1E98_DF25)
        var t = text
        t.withUTF8 { p in
            let raw = UnsafeRawBufferPointer(p)
            var i = 0
            while i + 8 <= raw.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                a = (a ^ w) &* 0x9FB2_1C65_1E98_DF25; a ^= a >> 31
                b = (b ^ w) &* 0xD6E8_FEB8_6659_FD93; b ^= b >> 29
                i += 8
            }
            var w: UInt64 = UInt64(raw.count - i) << 56
            var shift: UInt64 = 0
            while i < raw.count { w |= UInt64(raw[i]) << shift; shift += 8; i += 1 }
            a = (a ^ w) &* 0xC4CE_B9FE_1A85_EC53
            b = (b ^ w) &* 0xFF51_AFD7_ED55_8CCD
            a ^= UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15
            b ^= UInt64(raw.count) &* 0xC2B2_AE3D_27D4_EB4F
        }
        func mix(_ x: UInt64) -> UInt64 {
            var h = x
            h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD; h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53; h ^= h >> 33
            return h
        }
        return (mix(a), mix(b))
    }
}
