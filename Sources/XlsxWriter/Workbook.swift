import CXlsxWriter
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a workbook is written.
public struct WorkbookOptions: Sendable, Equatable {
    /// Flush each row to a temporary file as soon as a later row is written
    /// (rows must then be written in order; merged ranges do not work).
    public var constantMemory: Bool
    /// Directory for libxlsxwriter's temporary files; `nil` means `$TMPDIR`
    /// when set, else the system default.
    public var tmpdir: String?
    /// When set, the file is created (or truncated) with exactly this mode,
    /// whatever the process umask, before libxlsxwriter writes into it.
    public var fileMode: UInt32?
    /// Allow ZIP64 extensions (files or parts over 4 GB).
    public var useZip64: Bool

    public init(constantMemory: Bool = false, tmpdir: String? = nil, fileMode: UInt32? = nil, useZip64: Bool = false) {
        self.constantMemory = constantMemory
        self.tmpdir = tmpdir
        self.fileMode = fileMode
        self.useZip64 = useZip64
    }
}

/// A calendar date without time or zone.
public struct CalendarDate: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the date exists in the proleptic Gregorian calendar.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Seconds since 1970-01-01T00:00:00Z of this date's midnight UTC,
    /// by pure arithmetic (no time zone, no locale).
    public var unixMidnightUTC: Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146_097 + doe - 719_468) * 86_400
    }
}

/// Document properties (docProps/core.xml and app.xml).
public struct DocumentProperties: Sendable, Equatable {
    public var title: String?
    public var subject: String?
    public var author: String?
    public var manager: String?
    public var company: String?
    public var category: String?
    public var keywords: String?
    public var comments: String?
    public var status: String?
    /// The creation date written into the file (00:00 UTC of that day).
    /// Set it (e.g. to the period's last day) for byte-identical output.
    public var created: CalendarDate?

    public init(
        title: String? = nil, subject: String? = nil, author: String? = nil,
        manager: String? = nil, company: String? = nil, category: String? = nil,
        keywords: String? = nil, comments: String? = nil, status: String? = nil,
        created: CalendarDate? = nil
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.status = status
        self.created = created
    }
}

/// An XLSX workbook being written to `path`.
///
/// Not thread-safe: use one workbook from one thread at a time. Different
/// workbooks may be written on different threads at once (no global state;
/// the numeric locale is switched per thread).
///
/// Nothing reaches the file until `close()`. A workbook dropped without
/// `close()` writes nothing and removes a file it pre-created for `fileMode`.
public final class Workbook {
    /// The file being written.
    public let path: String
    public let options: WorkbookOptions
    /// Sheet names in the order they were added.
    public private(set) var worksheetNames: [String] = []
    /// Whether `close()` has run (successfully or not).
    public private(set) var isClosed = false

    private var handle: UnsafeMutablePointer<lxw_workbook>?
    let locale: NumericCLocale
    private var formats: [CellFormat: Format] = [:]
    /// C strings libxlsxwriter may keep pointers to until close.
    private var retainedCStrings: [UnsafeMutablePointer<CChar>] = []
    private var preCreatedFile = false

    var context: ErrorContext { ErrorContext(path: path) }

    /// Starts a workbook. With `options.fileMode` the file is created here,
    /// so an unwritable path fails now rather than at `close()`.
    public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws {
        self.path = path
        self.options = options
        let context = ErrorContext(path: path)
        guard !path.isEmpty, !path.utf8.contains(0) else {
            throw context.error("create workbook", .invalidUse("file path is empty or contains NUL"))
        }
        guard let locale = NumericCLocale() else {
            throw context.error("create workbook", .system("cannot create a \"C\" numeric locale: \(errnoText())"))
        }
        self.locale = locale

        if let mode = options.fileMode {
            try Workbook.createFile(path: path, mode: mode, context: context)
            preCreatedFile = true
        }

        var tmpdirPointer: UnsafeMutablePointer<CChar>? = nil
        let environmentTmp = getenv("TMPDIR").map { String(cString: $0) }
        if let dir = options.tmpdir ?? environmentTmp, !dir.isEmpty {
            tmpdirPointer = strdup(dir)
            if let tmpdirPointer { retainedCStrings.append(tmpdirPointer) }
        }
        var cOptions = lxw_workbook_options()
        cOptions.constant_memory = options.constantMemory ? 1 : 0
        cOptions.tmpdir = tmpdirPointer
        cOptions.use_zip64 = options.useZip64 ? 1 : 0
        let made = locale.run { workbook_new_opt(path, &cOptions) }
        guard let made else {
            if preCreatedFile { unlink(path) }
            retainedCStrings.forEach { free($0) }
            retainedCStrings = []
            throw context.error("create workbook", .system("libxlsxwriter could not allocate the workbook"))
        }
        handle = made
    }

    deinit {
        if let handle {
            locale.run { lxw_workbook_free(handle) }
            if preCreatedFile { unlink(path) }
        }
        retainedCStrings.forEach { free($0) }
    }

    /// The live C workbook, or an error once closed.
    func live(_ operation: String, sheet: String? = nil, cell: @autoclosure () -> String? = nil) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle, !isClosed else {
            throw XlsxError(
                operation: operation, path: path, sheet: sheet, cell: cell(),
                reason: .invalidUse("the workbook is already closed"))
        }
        return handle
    }

    /// Keeps a C copy of `text` alive until the workbook is freed.
    func retainedCString(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard let copy = strdup(text) else { return nil }
        retainedCStrings.append(copy)
        return copy
    }

    // MARK: Sheets

    /// Adds a worksheet. The name is checked against Excel's rules first
    /// (see `sheetNameProblem(_:existing:)`); use `safeSheetName` to derive
    /// a valid name from arbitrary text.
    public func addWorksheet(name: String) throws -> Worksheet {
        let handle = try live("add worksheet", sheet: name)
        if let problem = Workbook.sheetNameProblem(name, existing: worksheetNames) {
            throw XlsxError(operation: "add worksheet", path: path, sheet: name, reason: .excelLimit(problem))
        }
        var problemCode = LXW_NO_ERROR
        let sheet = locale.run { () -> UnsafeMutablePointer<lxw_worksheet>? in
            problemCode = workbook_validate_sheet_name(handle, name)
            guard problemCode == LXW_NO_ERROR else { return nil }
            return workbook_add_worksheet(handle, name)
        }
        var sheetContext = context
        sheetContext.sheet = name
        try sheetContext.check(problemCode, "add worksheet")
        guard let sheet else {
            throw sheetContext.error("add worksheet", .system("libxlsxwriter could not add the worksheet"))
        }
        worksheetNames.append(name)
        return Worksheet(workbook: self, pointer: sheet, name: name)
    }

    // MARK: Formats

    /// The format for `spec`, created once per workbook and cached.
    public func addFormat(_ spec: CellFormat) throws -> Format {
        if let cached = formats[spec] { return cached }
        let handle = try live("add format")
        try spec.validate(context)
        guard let pointer = workbook_add_format(handle) else {
            throw context.error("add format", .system("libxlsxwriter could not allocate a format"))
        }
        spec.apply(to: pointer)
        let format = Format(spec: spec, pointer: pointer, owner: ObjectIdentifier(self))
        formats[spec] = format
        return format
    }

    /// Checks that `format` belongs to this workbook and returns its pointer.
    func pointer(of format: Format?, _ operation: String, sheet: String?, cell: @autoclosure () -> String?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.owner == ObjectIdentifier(self) else {
            throw XlsxError(
                operation: operation, path: path, sheet: sheet, cell: cell(),
                reason: .invalidUse("the format belongs to another workbook"))
        }
        return format.pointer
    }

    // MARK: Properties and names

    /// Sets the document properties. Set `created` for reproducible bytes;
    /// left `nil`, libxlsxwriter writes the current time.
    public func setProperties(_ properties: DocumentProperties) throws {
        let handle = try live("set properties")
        if let created = properties.created, !created.isValid || created.year < 1970 || created.year > 9999 {
            throw context.limit("set properties", "creation date \(created.year)-\(created.month)-\(created.day) is not a valid date from 1970 to 9999")
        }
        var cProperties = lxw_doc_properties()
        cProperties.title = properties.title.flatMap(retainedCString)
        cProperties.subject = properties.subject.flatMap(retainedCString)
        cProperties.author = properties.author.flatMap(retainedCString)
        cProperties.manager = properties.manager.flatMap(retainedCString)
        cProperties.company = properties.company.flatMap(retainedCString)
        cProperties.category = properties.category.flatMap(retainedCString)
        cProperties.keywords = properties.keywords.flatMap(retainedCString)
        cProperties.comments = properties.comments.flatMap(retainedCString)
        cProperties.status = properties.status.flatMap(retainedCString)
        if let created = properties.created {
            cProperties.created = time_t(created.unixMidnightUTC)
        }
        let code = locale.run { workbook_set_properties(handle, &cProperties) }
        try context.check(code, "set properties")
    }

    /// Convenience for the common properties.
    public func setProperties(
        title: String? = nil, subject: String? = nil, author: String? = nil,
        company: String? = nil, comments: String? = nil,
        created: CalendarDate? = nil
    ) throws {
        try setProperties(
            DocumentProperties(
                title: title, subject: subject, author: author,
                company: company, comments: comments, created: created))
    }

    /// Defines a workbook-level name, e.g. `defineName("Sales", formula: "=Sheet1!$B$2:$B$9")`.
    public func defineName(_ name: String, formula: String) throws {
        let handle = try live("define name")
        let code = locale.run { workbook_define_name(handle, name, formula) }
        try context.check(code, "define name '\(name)'")
    }

    // MARK: Charts

    /// Creates a chart; place it with `Worksheet.insertChart`.
    public func addChart(_ type: ChartType) throws -> Chart {
        let handle = try live("add chart")
        guard let chart = workbook_add_chart(handle, type.lxwValue) else {
            throw context.error("add chart", .system("libxlsxwriter could not create the chart"))
        }
        return Chart(workbook: self, pointer: chart, type: type)
    }

    // MARK: Close

    /// Writes the file, then checks the ZIP container is complete
    /// (`verifyZipIntegrity`). On failure a file this call produced is
    /// removed, so no half-written workbook is left behind.
    public func close() throws {
        let handle = try live("close workbook")
        if !preCreatedFile {
            // Open the file the way fopen(path, "wb") would, to report an
            // unwritable path ourselves (libxlsxwriter prints to stderr).
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                let text = errnoText()
                locale.run { lxw_workbook_free(handle) }
                self.handle = nil
                isClosed = true
                throw context.error("close workbook", .system("cannot create the file: \(text)"))
            }
            closeDescriptor(fd)
        }
        let code = locale.run { workbook_close(handle) }
        self.handle = nil
        isClosed = true
        retainedCStrings.forEach { free($0) }
        retainedCStrings = []
        do {
            try context.check(code, "close workbook")
            try Workbook.verifyZipIntegrity(path: path)
        } catch {
            if preCreatedFile || code != LXW_ERROR_CREATING_XLSX_FILE { unlink(path) }
            throw error
        }
    }

    // MARK: Helpers

    private static func createFile(path: String, mode: UInt32, context: ErrorContext) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else {
            throw context.error("create file", .system("cannot create the file: \(errnoText())"))
        }
        defer { closeDescriptor(fd) }
        // open() applies the umask; fchmod sets the mode exactly without
        // touching the process-wide umask.
        guard fchmod(fd, mode_t(mode)) == 0 else {
            let text = errnoText()
            unlink(path)
            throw context.error("create file", .system("cannot set mode \(String(mode, radix: 8)): \(text)"))
        }
    }
}

private func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(fd)
    #else
        _ = Darwin.close(fd)
    #endif
}

func errnoText() -> String {
    String(cString: strerror(errno))
}
