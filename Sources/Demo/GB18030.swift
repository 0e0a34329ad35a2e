#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GB18030 through the C library's iconv: Foundation on Linux has no GB18030 encoder
/// it guarantees. Used for the one file the demo writes as Excel on a Chinese Windows PC would.
public enum DemoCodec {
    /// UTF-8 text → GB18030 bytes. Throws if iconv is missing the encoding or a character does not convert.
    public static func gb18030(_ text: String) throws -> [UInt8] {
        guard let out = convert(Array(text.utf8), from: "UTF-8", to: "GB18030") else {
            throw DemoError.encoding("iconv could not convert UTF-8 to GB18030")
        }
        return out
    }

    /// GB18030 bytes → text, nil if they are not valid GB18030.
    public static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        guard let out = convert(bytes, from: "GB18030", to: "UTF-8") else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    static func convert(_ input: [UInt8], from: String, to: String) -> [UInt8]? {
        let cd = iconv_open(to, from)
        if Int(bitPattern: cd) == -1 { return nil }
        defer { iconv_close(cd) }
        if input.isEmpty { return [] }
        var src = input.map { CChar(bitPattern: $0) }
        var dst = [CChar](repeating: 0, count: input.count * 4 + 16)
        let dstCapacity = dst.count
        var ok = true
        var produced = 0
        src.withUnsafeMutableBufferPointer { sbuf in
            dst.withUnsafeMutableBufferPointer { dbuf in
                var inPtr: UnsafeMutablePointer<CChar>? = sbuf.baseAddress
                var inLeft = sbuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = dbuf.baseAddress
                var outLeft = dstCapacity
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { ok = false }
                // Flush any shift state.
                if ok { _ = iconv(cd, nil, nil, &outPtr, &outLeft) }
                produced = dstCapacity - outLeft
            }
        }
        guard ok else { return nil }
        return dst[0..<produced].map { UInt8(bitPattern: $0) }
    }
}
