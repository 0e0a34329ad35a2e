/// Duplicate detection for millions of keys without keeping them (issue 7: "a fixed-size digest per order line"):
/// an open-addressing table of 96-bit digests (two independent 64- and 32-bit hashes of the key), 12 bytes a slot,
/// at most 4 slots for every 3 keys. Two different keys share a digest with a chance of about n²/2⁹⁷ (≈ 10⁻¹⁶ for
/// four million lines).
struct DigestSet: Sendable {
    /// Three words a slot (the 64-bit hash's halves, the 32-bit one) side by side: one cache line per probe.
    private var slots: [UInt32]
    private var capacity: Int
    private(set) var count = 0

    init(expected: Int) {
        capacity = max(16, expected + expected / 3 + 1)
        slots = Array(repeating: 0, count: capacity * 3)
    }

    private static func slot(_ h: UInt64, _ cap: Int) -> Int { Int(h.multipliedFullWidth(by: UInt64(cap)).high) }

    /// Inserts the key's digest; false when it was there already.
    mutating func insert(_ text: String, _ number: Int) -> Bool {
        var (h, l64) = Self.hash2(text, number)
        if h == 0 { h = 1 }
        let hi = UInt32(truncatingIfNeeded: h >> 32), lo = UInt32(truncatingIfNeeded: h), l = UInt32(truncatingIfNeeded: l64)
        if (count + 1) * 4 > capacity * 3 { grow() }
        var i = Self.slot(h, capacity)
        let cap = capacity
        let found: Bool = slots.withUnsafeMutableBufferPointer { s in
            while s[3 * i] != 0 || s[3 * i + 1] != 0 {
                if s[3 * i] == hi && s[3 * i + 1] == lo && s[3 * i + 2] == l { return true }
                i += 1; if i == cap { i = 0 }
            }
            s[3 * i] = hi; s[3 * i + 1] = lo; s[3 * i + 2] = l
            return false
        }
        if found { return false }
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        capacity *= 2
        slots = Array(repeating: 0, count: capacity * 3)
        let cap = capacity
        slots.withUnsafeMutableBufferPointer { s in
            for k in 0..<(old.count / 3) where old[3 * k] != 0 || old[3 * k + 1] != 0 {
                let h = UInt64(old[3 * k]) << 32 | UInt64(old[3 * k + 1])
                var i = Self.slot(h, cap)
                while s[3 * i] != 0 || s[3 * i + 1] != 0 { i += 1; if i == cap { i = 0 } }
                s[3 * i] = old[3 * k]; s[3 * i + 1] = old[3 * k + 1]; s[3 * i + 2] = old[3 * k + 2]
            }
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
