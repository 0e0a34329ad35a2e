import Foundation
import CXlsxWriter

extension Workbook {
    /// Checks at byte level, without decompressing, that `path` is a complete
    /// ZIP container: the end-of-central-directory record is present and ends
    /// the file; the central directory lies where it says, holds exactly the
    /// entries it counts, and each entry's local header is at the stated
    /// offset, carries the same name and leaves room for its data before the
    /// next entry. Catches truncated files and damaged headers. Supports ZIP64.
    ///
    /// libxlsxwriter 1.1.4 can report success for a file it did not finish,
    /// so `close()` runs this; callers may run it again on files they copy.
    public static func verifyZipIntegrity(path: String) throws {
        let context = ErrorContext(path: path)
        let op = "verify zip"
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw context.error(op, .system("cannot read the file: \(error.localizedDescription)"))
        }
        do {
            var zip = ZipStructure(data)
            try zip.verify()
        } catch let problem as ZipProblem {
            throw context.error(op, .corruptFile(problem.text))
        }
    }
}

/// One file entry of a ZIP archive, as its central directory describes it.
struct ZipEntry: Sendable {
    var name: String
    var method: Int
    var crc: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var dataStart: Int
}

extension Workbook {
    /// Reads an XLSX file back the way the close verifies it: the ZIP structure first (as `verifyZipIntegrity`),
    /// then every entry inflated with zlib, its size and CRC-32 checked against the central directory, in archive
    /// order. `body` is asked, per entry name, for a reader of its bytes (nil: the entry is only checked); the reader
    /// gets the inflated bytes a piece at a time (at most `piece` bytes; `true` with the last), so memory stays at
    /// one piece however large a sheet is. The bytes are valid only during the call.
    public static func forEachVerifiedPart(
        path: String, piece: Int = 1 << 20,
        _ body: (String) throws -> ((UnsafeRawBufferPointer, Bool) throws -> Void)?
    ) throws {
        let context = ErrorContext(path: path)
        let op = "verify zip"
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw context.error(op, .system("cannot read the file: \(error.localizedDescription)"))
        }
        var zip = ZipStructure(data)
        do { try zip.verify() } catch let problem as ZipProblem { throw context.error(op, .corruptFile(problem.text)) }
        let entries = zip.entries_.sorted { $0.dataStart < $1.dataStart }
        var out = [UInt8](repeating: 0, count: max(1 << 12, piece))
        try data.withUnsafeBytes { (file: UnsafeRawBufferPointer) in
            for entry in entries where !entry.name.hasSuffix("/") {
                let reader = try body(entry.name)
                do { try inflate(entry, from: file, buffer: &out, reader) } catch let problem as ZipProblem {
                    throw context.error(op, .corruptFile("entry '\(entry.name)': \(problem.text)"))
                }
            }
        }
    }

    /// Inflates one entry through `buffer`, handing each piece to `reader`; checks its size and CRC-32.
    private static func inflate(
        _ e: ZipEntry, from file: UnsafeRawBufferPointer, buffer: inout [UInt8],
        _ reader: ((UnsafeRawBufferPointer, Bool) throws -> Void)?
    ) throws {
        guard e.dataStart + e.compressedSize <= file.count else { throw ZipProblem("data runs past the end of the file") }
        let input = UnsafeRawBufferPointer(rebasing: file[e.dataStart..<(e.dataStart + e.compressedSize)])
        var crc: UInt = 0
        var total = 0
        switch e.method {
        case 0:
            crc = crc32(0, input.bindMemory(to: UInt8.self).baseAddress, UInt32(input.count))
            total = input.count
            try reader?(input, true)
        case 8:
            guard e.uncompressedSize != 0xFFFF_FFFF else { throw ZipProblem("ZIP64 entry sizes are not read back") }
            var strm = z_stream()
            guard cxlsx_inflate_init_raw(&strm) == Z_OK else { throw ZipProblem("zlib could not start inflating") }
            defer { inflateEnd(&strm) }
            strm.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            strm.avail_in = UInt32(input.count)
            var status: Int32 = Z_OK
            try buffer.withUnsafeMutableBufferPointer { buf in
                while status == Z_OK {
                    strm.next_out = buf.baseAddress
                    strm.avail_out = UInt32(buf.count)
                    status = CXlsxWriter.inflate(&strm, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw ZipProblem("deflate data is damaged or cut short (zlib status \(status))")
                    }
                    let produced = buf.count - Int(strm.avail_out)
                    if status == Z_OK && produced == 0 && strm.avail_in == 0 {
                        throw ZipProblem("deflate data is cut short")
                    }
                    crc = crc32(crc, buf.baseAddress, UInt32(produced))
                    total += produced
                    guard total <= e.uncompressedSize else {
                        throw ZipProblem("inflates to more than its declared \(e.uncompressedSize) bytes")
                    }
                    try reader?(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buf)[0..<produced]), status == Z_STREAM_END)
                }
            }
        default:
            throw ZipProblem("compression method \(e.method) is not one an XLSX writer uses")
        }
        guard total == e.uncompressedSize else {
            throw ZipProblem("\(total) bytes inflated, \(e.uncompressedSize) declared")
        }
        guard UInt32(truncatingIfNeeded: crc) == e.crc else {
            throw ZipProblem("CRC-32 \(String(UInt32(truncatingIfNeeded: crc), radix: 16)) does not match \(String(e.crc, radix: 16))")
        }
    }
}

struct ZipProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// A read-only view of a ZIP file's structure.
struct ZipStructure {
    private let bytes: Data
    private let size: Int

    init(_ data: Data) {
        bytes = data
        size = data.count
    }

    private func u16(_ at: Int) throws -> Int {
        guard at >= 0, at + 2 <= size else { throw ZipProblem("read past end of file at offset \(at)") }
        let base = bytes.startIndex + at
        return Int(bytes[base]) | Int(bytes[base + 1]) << 8
    }

    private func u32(_ at: Int) throws -> Int {
        try u16(at) | (try u16(at + 2)) << 16
    }

    private func u64(_ at: Int) throws -> Int {
        let low = try u32(at)
        let high = try u32(at + 4)
        guard high < 0x7FFF_FFFF else { throw ZipProblem("64-bit value out of range at offset \(at)") }
        return low | high << 32
    }

    private func slice(_ at: Int, _ count: Int) throws -> Data {
        guard at >= 0, count >= 0, at + count <= size else { throw ZipProblem("read past end of file at offset \(at)") }
        return bytes.subdata(in: (bytes.startIndex + at)..<(bytes.startIndex + at + count))
    }

    private static let localSignature = 0x0403_4B50
    private static let centralSignature = 0x0201_4B50
    private static let endSignature = 0x0605_4B50
    private static let zip64EndSignature = 0x0606_4B50
    private static let zip64LocatorSignature = 0x0706_4B50

    /// Finds the end-of-central-directory record: it must end the file
    /// exactly (its comment running to the last byte).
    private func findEnd() throws -> Int {
        guard size >= 22 else { throw ZipProblem("file of \(size) bytes is too small for a ZIP end record") }
        let lowest = max(0, size - 22 - 0xFFFF)
        var at = size - 22
        while at >= lowest {
            if try u32(at) == Self.endSignature, try at + 22 + u16(at + 20) == size {
                return at
            }
            at -= 1
        }
        throw ZipProblem("no end-of-central-directory record at the end of the file (truncated?)")
    }

    /// The entries found by `verify`, in central-directory order.
    private(set) var entries_: [ZipEntry] = []

    mutating func verify() throws {
        let end = try findEnd()
        guard try u16(end + 4) == 0, try u16(end + 6) == 0 else {
            throw ZipProblem("multi-disk archives are not valid XLSX files")
        }
        var entriesOnDisk = try u16(end + 8)
        var entries = try u16(end + 10)
        var directorySize = try u32(end + 12)
        var directoryOffset = try u32(end + 16)
        var directoryEnd = end

        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let locator = end - 20
            guard locator >= 0, try u32(locator) == Self.zip64LocatorSignature else {
                throw ZipProblem("ZIP64 values without a ZIP64 locator")
            }
            let record = try u64(locator + 8)
            guard try u32(record) == Self.zip64EndSignature else {
                throw ZipProblem("ZIP64 end record missing at offset \(record)")
            }
            entriesOnDisk = try u64(record + 24)
            entries = try u64(record + 32)
            directorySize = try u64(record + 40)
            directoryOffset = try u64(record + 48)
            directoryEnd = record
        }
        guard entriesOnDisk == entries else { throw ZipProblem("entry counts disagree (\(entriesOnDisk) vs \(entries))") }
        guard entries > 0 else { throw ZipProblem("the archive has no entries") }
        guard directoryOffset + directorySize == directoryEnd else {
            throw ZipProblem("central directory (offset \(directoryOffset), \(directorySize) bytes) does not end where the end record starts (\(directoryEnd))")
        }

        var spans: [(start: Int, end: Int, name: String)] = []
        entries_ = []
        var at = directoryOffset
        for index in 0..<entries {
            guard try u32(at) == Self.centralSignature else {
                throw ZipProblem("central directory entry \(index + 1) of \(entries) has a bad signature at offset \(at)")
            }
            let flags = try u16(at + 8)
            var compressed = try u32(at + 20)
            let nameLength = try u16(at + 28)
            let extraLength = try u16(at + 30)
            let commentLength = try u16(at + 32)
            var local = try u32(at + 42)
            let nameBytes = try slice(at + 46, nameLength)
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                (compressed, local) = try zip64Sizes(
                    extraAt: at + 46 + nameLength, extraLength: extraLength,
                    uncompressed: try u32(at + 24), compressed: compressed, local: local)
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard local + 30 <= directoryOffset, try u32(local) == Self.localSignature else {
                throw ZipProblem("entry '\(name)': no local header at offset \(local)")
            }
            let localNameLength = try u16(local + 26)
            let localExtraLength = try u16(local + 28)
            guard try slice(local + 30, localNameLength) == nameBytes else {
                throw ZipProblem("entry '\(name)': local header name differs from the central directory")
            }
            var dataEnd = local + 30 + localNameLength + localExtraLength + compressed
            if flags & 0x8 != 0 { dataEnd += 12 }  // data descriptor (at least 12 bytes)
            guard dataEnd <= directoryOffset else {
                throw ZipProblem("entry '\(name)': data runs past the central directory")
            }
            spans.append((local, dataEnd, name))
            entries_.append(
                ZipEntry(
                    name: name, method: try u16(at + 10), crc: UInt32(try u32(at + 16)),
                    compressedSize: compressed, uncompressedSize: try u32(at + 24),
                    dataStart: local + 30 + localNameLength + localExtraLength))
            at += 46 + nameLength + extraLength + commentLength
        }
        guard at == directoryOffset + directorySize else {
            throw ZipProblem("central directory holds \(at - directoryOffset) bytes of entries, declares \(directorySize)")
        }
        spans.sort { $0.start < $1.start }
        for (first, second) in zip(spans, spans.dropFirst()) where first.end > second.start {
            throw ZipProblem("entries '\(first.name)' and '\(second.name)' overlap")
        }
    }

    /// Reads 64-bit sizes/offsets from an entry's ZIP64 extra field.
    private func zip64Sizes(extraAt: Int, extraLength: Int, uncompressed: Int, compressed: Int, local: Int) throws -> (Int, Int) {
        var at = extraAt
        let stop = extraAt + extraLength
        while at + 4 <= stop {
            let id = try u16(at)
            let length = try u16(at + 2)
            if id == 0x0001 {
                var field = at + 4
                var newCompressed = compressed
                var newLocal = local
                if uncompressed == 0xFFFF_FFFF { field += 8 }
                if compressed == 0xFFFF_FFFF { newCompressed = try u64(field); field += 8 }
                if local == 0xFFFF_FFFF { newLocal = try u64(field) }
                return (newCompressed, newLocal)
            }
            at += 4 + length
        }
        throw ZipProblem("ZIP64 sizes without a ZIP64 extra field")
    }
}
