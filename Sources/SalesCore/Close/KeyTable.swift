/// Duplicate detection for a million keys without a String per key: an open-addressing table of 64-bit
/// digests, each with the index of the row that claimed it. A digest match is confirmed by comparing the
/// real keys (`same`), so a collision never rejects a row; memory is 12 bytes per slot, slots ≤ 2 × keys.
struct KeyTable {
    private var digests: [UInt64]
    private var owners: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(expected: Int) {
        var n = 16
        while n < expected * 2 { n <<= 1 }
        digests = Array(repeating: 0, count: n)
        owners = Array(repeating: -1, count: n)
        mask = n - 1
    }

    /// Claims the key for row `owner`, or returns the row that claimed an equal key before.
    mutating func claim(_ digest: UInt64, owner: Int32, same: (Int32) -> Bool) -> Int32? {
        if (count + 1) * 2 > digests.count { grow() }
        let d = digest == 0 ? 1 : digest
        var i = Int(truncatingIfNeeded: d) & mask
        while owners[i] >= 0 {
            if digests[i] == d && same(owners[i]) { return owners[i] }
            i = (i + 1) & mask
        }
        digests[i] = d; owners[i] = owner; count += 1
        return nil
    }

    private mutating func grow() {
        let oldD = digests, oldO = owners
        let n = digests.count * 2
        digests = Array(repeating: 0, count: n); owners = Array(repeating: -1, count: n); mask = n - 1
        for (d, o) in zip(oldD, oldO) where o >= 0 {
            var i = Int(truncatingIfNeeded: d) & mask
            while owners[i] >= 0 { i = (i + 1) & mask }
            digests[i] = d; owners[i] = o
        }
    }

    /// A 64-bit digest of a text and a number (not cryptographic; equal digests are always re-checked).
    static func digest(_ text: String, _ number: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: number &+ 1)
        var t = text
        t.withUTF8 { p in
            var i = 0
            while i + 8 <= p.count {
                var w: UInt64 = 0
                for k in 0..<8 { w |= UInt64(p[i + k]) << (8 * UInt64(k)) }
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
                i += 8
            }
            var w: UInt64 = UInt64(p.count - i)
            var shift: UInt64 = 8
            while i < p.count { w |= UInt64(p[i]) << shift; shift += 8; i += 1; if shift == 64 { break } }
            h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD; h ^= h >> 33
        return h
    }
}
