import Foundation
import XCTest
@testable import Ingest
import SalesCore
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14 item 4: only regular files are read from inputs/, opened without blocking and checked on the descriptor,
/// and read within a bound.
final class InputFileTests: XCTestCase {
    var folder: TempFolder!
    override func setUp() { folder = TempFolder() }
    override func tearDown() { folder.cleanup() }

    func path(_ name: String) -> String { (folder.path as NSString).appendingPathComponent(name) }

    func openFails(_ path: String, name: String, file: StaticString = #filePath, line: UInt = #line) -> FileError? {
        do {
            _ = try InputFile.open(path, name: name)
            XCTFail("\(path) opened", file: file, line: line)
            return nil
        } catch { return error }
    }

    func testARegularFileAndALinkToOneAreReadWithTheirSize() throws {
        folder.write("a.csv", "date,amount\n2023-03-01,1\n")
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: path("a.csv"))
        for name in ["a.csv", "link.csv"] {
            let f = try InputFile.open(path(name))
            XCTAssertEqual(f.name, name)
            XCTAssertEqual(f.size, 25)
            XCTAssertEqual(try f.read(upTo: 4), Array("date".utf8))
            XCTAssertEqual(try f.read(upTo: 8), Array(",amount\n".utf8))
            XCTAssertEqual(try f.read(at: 12, upTo: 4), Array("2023".utf8))
            XCTAssertEqual(try f.readAll(), Array("date,amount\n2023-03-01,1\n".utf8))
            XCTAssertEqual(try f.read(at: 25, upTo: 10), [])
        }
    }

    func testAFIFOIsAFileErrorAtOnceNotAWait() throws {
        XCTAssertEqual(mkfifo(path("sales.csv"), 0o600), 0)
        let e = try XCTUnwrap(openFails(path("sales.csv"), name: "sales.csv"))
        XCTAssertEqual(e.file, "sales.csv")
        XCTAssertTrue(e.message.contains("FIFO"), e.message)
        XCTAssertTrue(e.message.contains("only regular files"), e.message)
    }

    func testDevicesAndLinksToThemAreFileErrors() throws {
        for (name, target) in [("zero.csv", "/dev/zero"), ("random.csv", "/dev/urandom"), ("null.csv", "/dev/null")] {
            try FileManager.default.createSymbolicLink(atPath: path(name), withDestinationPath: target)
            let e = try XCTUnwrap(openFails(path(name), name: name))
            XCTAssertEqual(e.file, name)
            XCTAssertTrue(e.message.contains("character device"), e.message)
        }
    }

    func testASocketAFolderAndADanglingLinkAreFileErrors() throws {
        // A Unix socket bound at a path in the folder.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let sock = path("s.csv")
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            let b = Array(sock.utf8)
            for (i, c) in b.prefix(raw.count - 1).enumerated() { raw[i] = c }
        }
        let bound = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if bound == 0 {
            let e = try XCTUnwrap(openFails(sock, name: "s.csv"))
            XCTAssertTrue(e.message.contains("socket"), e.message)
        }
        folder.mkdir("sub.csv")
        XCTAssertTrue(try XCTUnwrap(openFails(path("sub.csv"), name: "sub.csv")).message.contains("folder"))
        try FileManager.default.createSymbolicLink(atPath: path("gone.csv"), withDestinationPath: path("nowhere.csv"))
        XCTAssertTrue(try XCTUnwrap(openFails(path("gone.csv"), name: "gone.csv")).message.contains("does not exist"))
    }

    func testReadAllRefusesAFileOverItsLimitBeforeReadingIt() throws {
        folder.write("big.csv", [UInt8](repeating: 0x61, count: 1000))
        let f = try InputFile.open(path("big.csv"))
        XCTAssertEqual(try f.readAll(limit: 1000).count, 1000)
        do { _ = try f.readAll(limit: 999); XCTFail("read") } catch {
            XCTAssertEqual(error.file, "big.csv")
            XCTAssertTrue(error.message.contains("more than the 999 bytes"), error.message)
        }
    }

    /// A 3 GB sparse sales file (all NUL bytes): refused at byte 0 after one chunk, never read whole.
    func testAHugeSparseSalesFileIsRefusedAtItsFirstBadByteWithoutBeingReadWhole() throws {
        folder.writeRequired(except: [.sales])
        let fd = open(path("sales.csv"), O_WRONLY | O_CREAT, 0o600)
        XCTAssertEqual(ftruncate(fd, off_t(3) << 30), 0)
        close(fd)
        var reader = InputReader(cityAliases: [])
        reader.salesStreaming = SalesStreaming(makeSink: { SalesIntakeSink(period: Period(year: 2023, month: 3)!, makeStore: { MemoryOrderLines() }) })
        for r in [reader, InputReader(cityAliases: [])] {
            let e = try XCTUnwrap(expectFileError { _ = try r.read(directory: folder.path) })
            XCTAssertEqual(e.file, "sales.csv")
            XCTAssertTrue(e.message.contains("byte 0 "), e.message)
            XCTAssertTrue(e.message.contains("NUL"), e.message)
        }
        // Without a bad byte in its head: too large to read whole, said before anything is read.
        let text = Array(("date,order_id,employee_id,customer_id,product,quantity,amount\n").utf8)
        let big = open(path("sales.csv"), O_WRONLY | O_TRUNC, 0o600)
        _ = text.withUnsafeBytes { write(big, $0.baseAddress!, text.count) }
        XCTAssertEqual(ftruncate(big, off_t(InputFile.wholeFileLimit) + 1), 0)
        close(big)
        let e = try XCTUnwrap(expectFileError { _ = try InputReader(cityAliases: []).read(directory: folder.path) })
        XCTAssertEqual(e.file, "sales.csv")
        XCTAssertTrue(e.message.contains("more than the 256 MiB"), e.message)
    }

    func testAStreamedLineWithoutEndOverTheRecordLimitIsAFileError() throws {
        // Clean UTF-8 and no line break after the header: the stream would carry it all; it stops at the limit
        // (lowered here from InputFile.recordLimit's 64 MiB).
        folder.writeRequired(except: [.sales])
        let header = "date,order_id,employee_id,customer_id,product,quantity,amount\n"
        folder.write("sales.csv", Array(header.utf8) + [UInt8](repeating: 0x61, count: 300_000))
        var reader = InputReader(cityAliases: [])
        reader.salesStreaming = SalesStreaming(
            chunkSize: 1 << 12, makeSink: { SalesIntakeSink(period: Period(year: 2023, month: 3)!, makeStore: { MemoryOrderLines() }) })
        reader.salesStreaming!.recordLimit = 100_000
        let e = try XCTUnwrap(expectFileError { _ = try reader.read(directory: folder.path) })
        XCTAssertEqual(e.file, "sales.csv")
        XCTAssertTrue(e.message.contains("hold no end of a record"), e.message)
        // An open quote that never finds its end, over short lines: the same bound.
        folder.write("sales.csv", header + "2023-03-01,S1,E1,C1,\"x" + String(repeating: "\nshort", count: 30_000) + "\n")
        let q = try XCTUnwrap(expectFileError { _ = try reader.read(directory: folder.path) })
        XCTAssertTrue(q.message.contains("hold no end of a record"), q.message)
        // Under the limit the same text reads: the stray quote, then every short line as a record of its own.
        reader.salesStreaming!.recordLimit = 1 << 20
        let set = try reader.read(directory: folder.path)
        XCTAssertEqual(set.files.first { $0.kind == .sales }?.rows, 30_001)
        XCTAssertEqual(set.sales.first?.issue?.code, "ROW-UNBALANCED-QUOTE")
    }

    /// The clean-UTF-8 pass reads fixed chunks: a multi-byte character cut at a chunk's end is whole in the next.
    func testTheCleanUTF8PassAgreesWithTheDecoderWhateverTheChunks() throws {
        let text = Array(("日期,订单号\n" + String(repeating: "襄城农资总经销,有机肥😀\n", count: 40)).utf8)
        folder.write("clean.csv", text)
        var bad = text
        bad[200] = 0xFF
        folder.write("bad.csv", bad)
        var nul = text
        nul[300] = 0
        folder.write("nul.csv", nul)
        for chunk in [1, 2, 3, 4, 5, 16, 17, 1 << 12] {
            XCTAssertTrue(try InputReader.isCleanUTF8(try InputFile.open(path("clean.csv")), chunkSize: chunk, skip: 0), "chunk \(chunk)")
            XCTAssertFalse(try InputReader.isCleanUTF8(try InputFile.open(path("bad.csv")), chunkSize: chunk, skip: 0), "chunk \(chunk)")
            XCTAssertFalse(try InputReader.isCleanUTF8(try InputFile.open(path("nul.csv")), chunkSize: chunk, skip: 0), "chunk \(chunk)")
        }
    }

    func testSpecialFilesInTheInputsFolderAreFileErrorsNamingThem() throws {
        folder.writeRequired(except: [.attendance])
        XCTAssertEqual(mkfifo(path("attendance.csv"), 0o600), 0)
        let e = try XCTUnwrap(expectFileError { _ = try InputReader(cityAliases: []).read(directory: folder.path) })
        XCTAssertEqual(e.file, "attendance.csv")
        try FileManager.default.removeItem(atPath: path("attendance.csv"))
        try FileManager.default.createSymbolicLink(atPath: path("attendance.csv"), withDestinationPath: "/dev/zero")
        let z = try XCTUnwrap(expectFileError { _ = try InputReader(cityAliases: []).read(directory: folder.path) })
        XCTAssertEqual(z.file, "attendance.csv")
        try FileManager.default.createSymbolicLink(atPath: path("policy.toml"), withDestinationPath: "/dev/urandom")
        try FileManager.default.removeItem(atPath: path("attendance.csv"))
        folder.write("attendance.csv", TempFolder.headers[.attendance]! + "\n")
        let p = try XCTUnwrap(expectFileError { _ = try InputReader(cityAliases: []).read(directory: folder.path) })
        XCTAssertEqual(p.file, "policy.toml")
    }
}
