import Foundation
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

/// An input file opened for reading: the one way every input is opened (CSV, policy.toml, and the .xlsx reader).
///
/// Only a regular file is read (issue 14 item 4). `open` opens the path without blocking (`O_NONBLOCK`: a FIFO
/// without a writer does not hang the close) and then checks the descriptor it opened (`fstat`), so there is no
/// window between a check and the open; a symbolic link is followed, and read only when it leads to a regular file.
/// A FIFO, a device (`/dev/zero`, `/dev/urandom`), a socket or a folder is a FileError naming the file.
///
/// Memory is bounded by the caller's reads: `read(upTo:)` and `read(at:upTo:)` return at most the count asked for,
/// and `readAll(limit:)` refuses a file over its limit (`wholeFileLimit` by default) before reading it.
public final class InputFile: @unchecked Sendable {
    /// The path as given.
    public let path: String
    /// The name errors use (the file name in the inputs folder).
    public let name: String
    /// The size when it was opened (`fstat`), in bytes.
    public let size: Int
    private let fd: Int32
    /// Where `read(upTo:)` goes on.
    public private(set) var offset = 0

    /// The largest file read whole: every input but a streamed sales file (256 MiB; a sales file that cannot be
    /// streamed, one that is not UTF-8, is read whole too).
    public static let wholeFileLimit = 256 << 20
    /// The largest line or record a streamed sales file may hold (64 MiB): the most the stream keeps of one record.
    public static let recordLimit = 64 << 20

    private init(path: String, name: String, fd: Int32, size: Int) {
        self.path = path; self.name = name; self.fd = fd; self.size = size
    }

    deinit { closeDescriptor(fd) }

    /// Opens `path` for reading when it is (or links to) a regular file; otherwise a FileError naming `name`
    /// (by default the path's last component).
    public static func open(_ path: String, name: String? = nil) throws(FileError) -> InputFile {
        let name = name ?? (path as NSString).lastPathComponent
        let fd = openDescriptor(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            let why: String
            switch e {
            case ENOENT: why = "it does not exist (a link to a file that is gone, or it was removed while the close ran)"
            case EACCES, EPERM: why = "permission denied"
            case ENXIO: why = "it is a socket, not a file; only regular files are read from the inputs folder"
            case ELOOP: why = "it is a symbolic link that leads round in a loop"
            default: why = String(cString: strerror(e))
            }
            throw FileError(file: name, message: "the file cannot be opened: \(why)")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let why = String(cString: strerror(errno))
            closeDescriptor(fd)
            throw FileError(file: name, message: "the file cannot be read: \(why)")
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG else {
            closeDescriptor(fd)
            let what: String
            switch type {
            case S_IFIFO: what = "a FIFO (named pipe)"
            case S_IFCHR: what = "a character device (such as /dev/zero or /dev/urandom)"
            case S_IFBLK: what = "a block device"
            case S_IFSOCK: what = "a socket"
            case S_IFDIR: what = "a folder"
            default: what = "not a regular file"
            }
            throw FileError(
                file: name,
                message: "this is \(what), not a regular file (or a link to one): only regular files "
                    + "are read from the inputs folder; remove it or replace it with the exported file")
        }
        // A regular file never blocks; reads from here on are plain ones.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return InputFile(path: path, name: name, fd: fd, size: max(0, Int(st.st_size)))
    }

    /// Reads into `buffer` from byte `offset` until it is full or the file ends (a read cut short by a signal is
    /// resumed): the bytes read.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var got = 0
        while got < buffer.count {
            let r = pread(fd, base + got, buffer.count - got, off_t(offset + got))
            if r < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                throw FileError(file: name, message: "the file cannot be read to its end (at byte \(offset + got)): \(why)")
            }
            if r == 0 { break }
            got += r
        }
        return got
    }

    /// At most `count` bytes from byte `offset` (fewer only at the end of the file).
    public func read(at offset: Int, upTo count: Int) throws(FileError) -> [UInt8] {
        var failure: FileError?
        let out = [UInt8](unsafeUninitializedCapacity: max(0, count)) { buf, n in
            do throws(FileError) { n = try read(at: offset, into: UnsafeMutableRawBufferPointer(buf)) } catch {
                failure = error; n = 0
            }
        }
        if let failure { throw failure }
        return out
    }

    /// The next bytes, at most `count` (fewer only at the end of the file; none after it).
    public func read(upTo count: Int) throws(FileError) -> [UInt8] {
        let out = try read(at: offset, upTo: count)
        offset += out.count
        return out
    }

    /// Back to the start, for another pass.
    public func rewind() { offset = 0 }

    /// The whole file, at most `limit` bytes; a larger file is a FileError saying so (read no further than the limit).
    public func readAll(limit: Int = InputFile.wholeFileLimit) throws(FileError) -> [UInt8] {
        if size > limit { throw tooLarge(limit: limit) }
        // One more than the size: the end is seen without a second read; a file that grew is read to the limit.
        var out = try read(at: 0, upTo: min(size, limit) + 1)
        while out.count <= limit {
            let more = try read(at: out.count, upTo: min(limit + 1 - out.count, 1 << 20))
            if more.isEmpty { break }
            out.append(contentsOf: more)
        }
        if out.count > limit { throw tooLarge(limit: limit) }
        return out
    }

    func tooLarge(limit: Int) -> FileError {
        FileError(
            file: name,
            message: "the file is \(InputFile.shown(size)), more than the \(InputFile.shown(limit)) an input "
                + "of this kind may hold; check that it is the right export (only a sales file in UTF-8 is read in parts, "
                + "whatever its size: save it from Excel as \"CSV UTF-8\")")
    }

    /// 1.5 GB, 256 MiB, 12 KiB, 3 bytes.
    static func shown(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

// The C calls by other names: inside `InputFile`, `open` and `close` would name its own members.
private func openDescriptor(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
