#if canImport(Glibc)
    import Glibc
#endif

/// libxlsxwriter prints its own `[ERROR]`/`[WARNING]` lines to C's `stderr` (a disk that fills mid-write gives one per
/// failed call, flooding the terminal). While a close writes its workbooks, C's `stderr` stream is pointed at memory
/// (open_memstream) and the lines are handed back, for the caller to say once. Only the C stdio stream is swapped, not
/// file descriptor 2: the tool's own messages (written to fd 2 directly) still go out; the swap covers the whole
/// parallel write, so every thread's workbook is covered.
public enum XlsxDiagnostics {
    public static func capturingStderr<T>(_ body: () throws -> T) -> (Result<T, Error>, [String]) {
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var size = 0
        guard let memory = open_memstream(&buffer, &size) else { return (Result { try body() }, []) }
        let saved = stderr
        stderr = memory
        let result = Result { try body() }
        fflush(memory)
        stderr = saved
        fclose(memory)
        var lines: [String] = []
        if let buffer {
            let text = String(cString: buffer)
            free(buffer)
            lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        }
        return (result, lines)
    }
}

private extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
