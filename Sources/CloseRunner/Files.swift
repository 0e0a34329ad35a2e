import Foundation
import Ingest
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

/// Small file-system helpers with errors that name the path.
enum Files {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: path) else { throw RunError(.writeFailed, "error: cannot read \(path)") }
        return [UInt8](d)
    }

    static func sha256(of path: String) throws -> String { SHA256.hex(try readBytes(path)) }

    /// Writes `bytes` to a new file created with `mode` (whatever the umask), flushed to disk.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw RunError(.writeFailed, "error: cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, mode)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { throw RunError(.writeFailed, "error: cannot write \(path): \(String(cString: strerror(errno)))") }
            off += n
        }
        guard fsync(fd) == 0 else { throw RunError(.writeFailed, "error: cannot flush \(path): \(String(cString: strerror(errno)))") }
    }

    static func fsyncPath(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// fsync of a file or folder, an error if it fails (a write error the kernel reports only now).
    static func fsyncStrict(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RunError(.writeFailed, "error: cannot open \(path) to flush it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RunError(.writeFailed, "error: cannot flush \(path): \(String(cString: strerror(errno)))") }
    }

    static func makeDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw RunError(.writeFailed, "error: cannot create the folder \(path): \(error.localizedDescription)")
        }
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw RunError(.writeFailed, "error: cannot rename \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    /// Every regular file below `dir`, as paths relative to it, sorted by code point.
    static func listRecursive(_ dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if !isDirectory(dir + "/" + rel) { out.append(rel) }
        }
        return out.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }

    /// SHA-256 of every file below `dir`, by relative path.
    static func hashes(_ dir: String) throws -> [String: String] {
        // Files hashed on all cores (a 1M-line close writes ~100 MB of workbooks).
        let files = listRecursive(dir)
        let digests = Parallel.map(files) { rel in Result { try sha256(of: dir + "/" + rel) } }
        var out: [String: String] = [:]
        for (rel, d) in zip(files, digests) { out[rel] = try d.get() }
        return out
    }
}

/// One close at a time per outputs folder: an flock on `OUTPUTS/.salesclose.lock`, released by the system if the process dies.
final class OutputsLock {
    private let fd: Int32
    init(outputs: String) throws {
        let path = outputs + "/.salesclose.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RunError(.writeFailed, "error: cannot create the lock \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 256)
            let n = pread(fd, &buf, 255, 0)
            let holder = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "another process"
            close(fd)
            throw RunError(.busy, "error: another close of \(outputs) is running (\(holder)); wait for it to finish")
        }
        ftruncate(fd, 0)
        let me = "salesclose pid \(getpid())\n"
        _ = me.withCString { pwrite(fd, $0, strlen($0), 0) }
    }
    deinit { flock(fd, LOCK_UN); close(fd) }
}

/// The temporary space a close needs (issue 7): the order lines spilled for the region workbooks (about the size of
/// the sales files) and libxlsxwriter's temporary files for the two workbooks written at a time (about 100 bytes
/// per detail cell while a sheet is open). Checked before anything is read, in `$TMPDIR` (or /tmp), which both use.
enum TempSpace {
    static var directory: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Bytes needed for inputs of `csvBytes`: the spill (1×) and, for the largest workbooks written at once, 1.5×
    /// (a region's order lines, 11 cells each, at ~100 bytes a cell, for two regions of a large sales file), plus 64 MB.
    static func needed(csvBytes: Int) -> Int { csvBytes * 5 / 2 + (64 << 20) }

    /// Free bytes in `dir`, nil when it cannot be asked (no such folder).
    static func free(in dir: String) -> Int? {
        var st = statvfs()
        guard statvfs(dir, &st) == 0 else { return nil }
        return Int(st.f_bavail) * Int(st.f_frsize)
    }

    /// Throws exit 4 when `$TMPDIR` is missing or holds less than the close of `inputs` needs.
    static func check(inputs: String) throws {
        let dir = directory
        var csv = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: inputs)) ?? [] {
            let ext = (name as NSString).pathExtension.lowercased()
            guard InputReader.csvExtensions.contains(ext) else { continue }
            csv += ((try? FileManager.default.attributesOfItem(atPath: inputs + "/" + name)[.size]) as? Int) ?? 0
        }
        let need = needed(csvBytes: csv)
        guard let free = free(in: dir) else {
            throw RunError(
                .writeFailed,
                "error: the temporary folder \(dir) (TMPDIR) does not exist or cannot be used; the close needs about \(need >> 20) MB there; nothing was changed"
            )
        }
        if free < need {
            throw RunError(
                .writeFailed,
                "error: the temporary folder \(dir) (TMPDIR) has \(free >> 20) MB free; the close of \(csv >> 20) MB of input needs about \(need >> 20) MB for its temporary files; free some space or set TMPDIR to a larger disk; nothing was changed"
            )
        }
    }
}
