import CXlsxWriter

/// The process's heap, for a long run that frees much before it allocates again (the close's ingest before its
/// workbooks): glibc keeps freed memory in its arenas, counted in the resident size, unless asked to return it.
public enum ProcessMemory {
    public static func releaseFreeMemory() { cxlsx_release_free_memory() }
}
