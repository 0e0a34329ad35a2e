#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SalesCore

/// Bytes → text. UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, otherwise GB18030.
/// The encoding names are the ones the summary prints: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030.
public enum TextDecoder {
    /// Decodes a whole file. Throws a FileError (file named, line where known) for anything that is not text.
    public static func decode(_ bytes: [UInt8], file: String) throws(FileError) -> (text: String, encoding: String) {
        let r = try decodeToUTF8(bytes, file: file)
        return (String(decoding: r.utf8, as: UTF8.self), r.encoding)
    }

    /// Decodes to UTF-8 bytes (no BOM), for the CSV scanner.
    public static func decodeToUTF8(_ bytes: [UInt8], file: String) throws(FileError) -> (utf8: [UInt8], encoding: String) {
        let n = bytes.count
        if n >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04 {
            throw FileError(
                file: file,
                message: "this is an Excel workbook (a ZIP file), not CSV, although its name says otherwise; "
                    + "open it in Excel, choose File > Save As > \"CSV UTF-8 (comma delimited)\" and drop that file instead")
        }
        if n >= 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0
            && bytes[4] == 0xA1 && bytes[5] == 0xB1 && bytes[6] == 0x1A && bytes[7] == 0xE1
        {
            throw FileError(
                file: file,
                message: "this is an old Excel workbook (.xls), not CSV, although its name says otherwise; "
                    + "open it in Excel, choose File > Save As > \"CSV UTF-8 (comma delimited)\" and drop that file instead")
        }
        if n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (try utf16(bytes, littleEndian: true, file: file), "utf-16le") }
        if n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (try utf16(bytes, littleEndian: false, file: file), "utf-16be") }
        let hasBOM = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let start = hasBOM ? 3 : 0
        if let nul = firstNUL(bytes, from: start) {
            throw FileError(
                file: file, line: lineOf(offset: nul, in: bytes),
                message:
                    "byte \(nul) (0-based offset from the start of the file) is a NUL byte (0x00), which a CSV text file never holds; "
                    + "the file is binary, damaged, or UTF-16 without a byte-order mark; save it from Excel as \"CSV UTF-8\" and drop it again")
        }
        let check = UTF8Check.scan(bytes, from: start)
        if check.firstBad == nil {
            return (start == 0 ? bytes : Array(bytes[start...]), hasBOM ? "utf-8-bom" : "utf-8")
        }
        let bad = check.firstBad!
        if hasBOM || check.isDamagedUTF8 {
            let why =
                hasBOM
                ? "the file starts with a UTF-8 byte-order mark but is damaged"
                : "the file looks like UTF-8 damaged in a few places (\(check.goodNonASCII) of \(check.nonASCII) non-ASCII bytes are well-formed UTF-8)"
            throw FileError(
                file: file, line: lineOf(offset: bad, in: bytes),
                message:
                    "byte \(bad) (0-based offset, value 0x\(hex2(bytes[bad]))) is not valid UTF-8; \(why), so it is not read as GB18030; "
                    + "fix or re-export the file (from Excel: Save As \"CSV UTF-8\") and drop it again")
        }
        switch gb18030(bytes) {
        case .success(let utf8):
            return (utf8, "gb18030")
        case .failure(let offset):
            let shown = offset < n ? "0x\(hex2(bytes[offset]))" : "the end of the file"
            throw FileError(
                file: file, line: lineOf(offset: offset, in: bytes),
                message:
                    "the file is valid in no supported encoding (UTF-8, UTF-16 with byte-order mark, GB18030/GBK): "
                    + "the first bad byte is byte \(offset) (0-based offset, \(shown)); save it from Excel as \"CSV UTF-8\" and drop it again")
        }
    }

    static func hex2(_ b: UInt8) -> String {
        let d = Array("0123456789ABCDEF")
        return String([d[Int(b >> 4)], d[Int(b & 15)]])
    }

    /// The 1-based line (counting LF) that holds byte `offset`.
    static func lineOf(offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end { if bytes[i] == 0x0A { line += 1 }; i += 1 }
        return line
    }

    static func firstNUL(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBytes { p in
            let n = p.count
            var i = start
            // Eight bytes at a time while none is zero.
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if (w &- ones) & ~w & highs != 0 { break }
                i += 8
            }
            while i < n { if p[i] == 0 { return i }; i += 1 }
            return nil
        }
    }

    static func utf16(_ bytes: [UInt8], littleEndian: Bool, file: String) throws(FileError) -> [UInt8] {
        let n = bytes.count
        if (n - 2) % 2 != 0 {
            throw FileError(
                file: file,
                message: "the file starts with a UTF-16 byte-order mark but has an odd number of bytes (\(n)); "
                    + "it is cut off or damaged; save it again from Excel and drop it again")
        }
        var units: [UInt16] = []
        units.reserveCapacity((n - 2) / 2)
        var i = 2
        while i + 1 < n {
            let u = littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            units.append(u)
            i += 2
        }
        // Unpaired surrogates are damage, not text.
        var k = 0
        while k < units.count {
            let u = units[k]
            if u >= 0xD800 && u <= 0xDBFF {
                if k + 1 < units.count, units[k + 1] >= 0xDC00, units[k + 1] <= 0xDFFF { k += 2; continue }
                throw badUTF16(offset: 2 + 2 * k, file: file, units: units, at: k)
            } else if u >= 0xDC00 && u <= 0xDFFF {
                throw badUTF16(offset: 2 + 2 * k, file: file, units: units, at: k)
            } else if u == 0 {
                throw FileError(
                    file: file, line: utf16Line(units, k),
                    message:
                        "byte \(2 + 2 * k) (0-based offset) holds a NUL character, which a CSV text file never holds; the file is damaged")
            }
            k += 1
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func utf16Line(_ units: [UInt16], _ k: Int) -> Int {
        var line = 1
        for j in 0..<k where units[j] == 0x0A { line += 1 }
        return line
    }

    private static func badUTF16(offset: Int, file: String, units: [UInt16], at k: Int) -> FileError {
        FileError(
            file: file, line: utf16Line(units, k),
            message:
                "byte \(offset) (0-based offset) is a broken UTF-16 character (an unpaired surrogate); the file is damaged; "
                + "save it again from Excel and drop it again")
    }

    enum GBResult { case success([UInt8]); case failure(Int) }

    /// GB18030 → UTF-8 through glibc's iconv. On failure, the 0-based offset of the first byte iconv could not convert.
    static func gb18030(_ bytes: [UInt8]) -> GBResult {
        guard let cd = iconv_open("UTF-8", "GB18030"), Int(bitPattern: cd) != -1 else { return .failure(0) }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 2 + 16))
        var inLeft = input.count
        var produced = 0
        while true {
            let outCapacity = output.count - produced
            var outLeft = outCapacity
            let consumedBefore = input.count - inLeft
            let (rc, err): (Int, Int32) = input.withUnsafeMutableBufferPointer { ip in
                output.withUnsafeMutableBytes { op in
                    var inPtr: UnsafeMutablePointer<CChar>? = ip.baseAddress.map { $0 + consumedBefore }
                    var outPtr: UnsafeMutablePointer<CChar>? = op.baseAddress.map { ($0 + produced).assumingMemoryBound(to: CChar.self) }
                    errno = 0
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (r, errno)
                }
            }
            produced += outCapacity - outLeft
            if rc != -1 { break }
            if err == E2BIG {
                output += [UInt8](repeating: 0, count: output.count)
                continue
            }
            // EILSEQ: an invalid sequence here; EINVAL: an incomplete sequence at the end.
            return .failure(input.count - inLeft)
        }
        output.removeSubrange(produced...)
        return .success(output)
    }
}

/// A scan of bytes as UTF-8 (Unicode Table 3-7 well-formedness).
struct UTF8Check {
    var firstBad: Int?
    /// Non-ASCII bytes, and of those the ones in well-formed multi-byte sequences.
    var nonASCII = 0
    var goodNonASCII = 0

    /// Invalid, and at least 95% of the non-ASCII bytes are well-formed UTF-8: damaged UTF-8.
    var isDamagedUTF8: Bool { firstBad != nil && nonASCII > 0 && goodNonASCII * 100 >= nonASCII * 95 }

    static func scan(_ bytes: [UInt8], from start: Int) -> UTF8Check {
        var r = UTF8Check()
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var i = start
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i < n {
                // ASCII eight bytes at a time.
                if i + 8 <= n && UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self) & highs == 0 { i += 8; continue }
                let b0 = p[i]
                if b0 < 0x80 { i += 1; continue }
                let len = wellFormedLength(p, i)
                if len > 0 {
                    r.nonASCII += len; r.goodNonASCII += len; i += len
                } else {
                    if r.firstBad == nil { r.firstBad = i }
                    r.nonASCII += 1; i += 1
                }
            }
        }
        return r
    }

    /// Length of the well-formed sequence at i, or 0.
    @inline(__always)
    static func wellFormedLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = p.count
        let b0 = p[i]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && p[i + k] >= lo && p[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
