import Foundation

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
            try ZipStructure(data).verify()
        } catch let problem as ZipProblem {
            throw context.error(op, .corruptFile(problem.text))
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

    func verify() throws {
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
                (compressed, local) = try zip64Sizes(extraAt: at + 46 + nameLength, extraLength: extraLength,
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
