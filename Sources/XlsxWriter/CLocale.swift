import CXlsxWriter
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A per-workbook "C" numeric locale, switched in for the calling thread only
/// (uselocale) around every libxlsxwriter call that may print a number.
///
/// libxlsxwriter 1.1.4 as packaged by Debian prints doubles with
/// `snprintf("%.16G")`, which follows LC_NUMERIC: under a decimal-comma locale
/// it would write `1,5` into the XML. `setlocale` is process-wide and not
/// thread-safe, so it is never touched here.
final class NumericCLocale {
    private let locale: locale_t

    init?() {
        guard let made = cxlsx_new_c_numeric_locale() else { return nil }
        locale = made
    }

    deinit { freelocale(locale) }

    /// Runs `body` with this thread's locale set to "C", restoring the
    /// previous thread locale (or the global one) afterwards.
    func run<T>(_ body: () throws -> T) rethrows -> T {
        let previous = uselocale(locale)
        defer { if let previous { uselocale(previous) } }
        return try body()
    }
}
