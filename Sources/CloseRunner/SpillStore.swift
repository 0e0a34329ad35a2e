import Foundation
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

/// The close's order lines on disk (issue 7: detail sheets written "from a spill file"): one unlinked temporary file
/// per region in the temporary folder (`TempSpace.directory`: `$TMPDIR` or /tmp), written through a 1 MB buffer and read back in order by the region's
/// workbook. The files vanish when the close ends, however it ends. Regions are independent: one region's lines
/// may be read on one thread while another's are read on another.
final class SpillOrderLines: OrderLineStore, @unchecked Sendable {
    private final class Region {
        let lock = NSLock()
        var fd: Int32 = -1
        var buffer: [UInt8] = []
        var written = 0
        var count = 0
        deinit { if fd >= 0 { close(fd) } }
    }
    private let lock = NSLock()
    private var regions: [TextKey: Region] = [:]
    private let directory: String
    /// Bytes a region buffers before they go to its file, and read back at a time.
    let bufferSize: Int

    init(directory: String = TempSpace.directory, bufferSize: Int = 1 << 20) {
        self.directory = directory
        self.bufferSize = max(1, bufferSize)
    }

    private func region(_ name: String) -> Region {
        lock.lock(); defer { lock.unlock() }
        let key = TextKey(name)
        if let r = regions[key] { return r }
        let r = Region()
        regions[key] = r
        return r
    }

    func append(region name: String, encoded bytes: [UInt8], lines: Int) throws {
        let r = region(name)
        r.lock.lock(); defer { r.lock.unlock() }
        r.buffer.append(contentsOf: bytes)
        r.count += lines
        if r.buffer.count >= bufferSize { try flush(r) }
    }

    private func flush(_ r: Region) throws {
        guard !r.buffer.isEmpty else { return }
        if r.fd < 0 {
            var template = Array((directory + "/salesclose-lines-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw SpillError("cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))") }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            r.fd = fd
        }
        var done = 0
        while done < r.buffer.count {
            let n = r.buffer.withUnsafeBytes { pwrite(r.fd, $0.baseAddress! + done, $0.count - done, off_t(r.written + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SpillError("cannot write a temporary file in \(directory): \(String(cString: strerror(errno)))")
            }
            done += n
        }
        r.written += r.buffer.count
        r.buffer.removeAll(keepingCapacity: true)
    }

    func forEach(region name: String, _ body: (OrderLine) throws -> Void) throws {
        let r = region(name)
        r.lock.lock(); defer { r.lock.unlock() }
        var carry: [UInt8] = []
        var offset = 0
        var block = [UInt8](repeating: 0, count: bufferSize)
        var seen = 0
        // Every whole line in `carry`; a line a block cuts short stays for the next block.
        func drain() throws {
            var at = 0
            try carry.withUnsafeBytes { p in
                while let l = OrderLineCodec.decode(p, &at) { seen += 1; try body(l) }
            }
            carry.removeSubrange(0..<at)
        }
        // The lines on disk, then those still in the buffer.
        while offset < r.written {
            let want = min(block.count, r.written - offset)
            let got = block.withUnsafeMutableBytes { pread(r.fd, $0.baseAddress!, want, off_t(offset)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw SpillError("cannot read back a temporary file: \(String(cString: strerror(errno)))")
            }
            if got == 0 { throw SpillError("a temporary file of order lines ends early") }
            offset += got
            carry.append(contentsOf: block[0..<got])
            try drain()
        }
        carry.append(contentsOf: r.buffer)
        try drain()
        guard carry.isEmpty, seen == r.count else {
            throw SpillError("the temporary file of order lines holds \(seen) lines, \(r.count) were kept")
        }
    }

    func count(region name: String) -> Int {
        let r = region(name)
        r.lock.lock(); defer { r.lock.unlock() }
        return r.count
    }
}

struct SpillError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
