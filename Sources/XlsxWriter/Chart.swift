import CXlsxWriter

/// Native Excel chart types supported here.
public enum ChartType: Hashable, Sendable {
    /// Horizontal bars (categories on the vertical axis).
    case bar
    case barStacked
    /// Vertical columns.
    case column
    case columnStacked
    case line
    case pie
    case doughnut

    var lxwValue: UInt8 {
        switch self {
        case .bar: return UInt8(LXW_CHART_BAR.rawValue)
        case .barStacked: return UInt8(LXW_CHART_BAR_STACKED.rawValue)
        case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
        case .columnStacked: return UInt8(LXW_CHART_COLUMN_STACKED.rawValue)
        case .line: return UInt8(LXW_CHART_LINE.rawValue)
        case .pie: return UInt8(LXW_CHART_PIE.rawValue)
        case .doughnut: return UInt8(LXW_CHART_DOUGHNUT.rawValue)
        }
    }

    var hasAxes: Bool { self != .pie && self != .doughnut }
    /// In bar charts Excel's value axis is the horizontal (libxlsxwriter's x) axis.
    var valueAxisIsX: Bool { self == .bar || self == .barStacked }
}

/// Where the legend goes.
public enum LegendPosition: Hashable, Sendable {
    case none, right, left, top, bottom

    var lxwValue: UInt8 {
        switch self {
        case .none: return UInt8(LXW_CHART_LEGEND_NONE.rawValue)
        case .right: return UInt8(LXW_CHART_LEGEND_RIGHT.rawValue)
        case .left: return UInt8(LXW_CHART_LEGEND_LEFT.rawValue)
        case .top: return UInt8(LXW_CHART_LEGEND_TOP.rawValue)
        case .bottom: return UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)
        }
    }
}

/// Line-chart point markers.
public enum MarkerType: Hashable, Sendable {
    case automatic, none, square, diamond, triangle, x, star, circle, plus

    var lxwValue: UInt8 {
        switch self {
        case .automatic: return UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue)
        case .none: return UInt8(LXW_CHART_MARKER_NONE.rawValue)
        case .square: return UInt8(LXW_CHART_MARKER_SQUARE.rawValue)
        case .diamond: return UInt8(LXW_CHART_MARKER_DIAMOND.rawValue)
        case .triangle: return UInt8(LXW_CHART_MARKER_TRIANGLE.rawValue)
        case .x: return UInt8(LXW_CHART_MARKER_X.rawValue)
        case .star: return UInt8(LXW_CHART_MARKER_STAR.rawValue)
        case .circle: return UInt8(LXW_CHART_MARKER_CIRCLE.rawValue)
        case .plus: return UInt8(LXW_CHART_MARKER_PLUS.rawValue)
        }
    }
}

/// Settings for one chart axis; `nil` leaves Excel's default.
///
/// Reference lines at 80% and 100% of target: a value axis with
/// `min: 0, majorUnit: 0.2, numberFormat: "0%", majorGridlines: true`.
public struct AxisOptions: Hashable, Sendable {
    public var name: String?
    public var numberFormat: String?
    public var min: Double?
    public var max: Double?
    public var majorUnit: Double?
    public var majorGridlines: Bool?
    /// Reverse the axis (e.g. categories top-down in a bar chart).
    public var reverse: Bool

    public init(
        name: String? = nil, numberFormat: String? = nil, min: Double? = nil, max: Double? = nil,
        majorUnit: Double? = nil, majorGridlines: Bool? = nil, reverse: Bool = false
    ) {
        self.name = name
        self.numberFormat = numberFormat
        self.min = min
        self.max = max
        self.majorUnit = majorUnit
        self.majorGridlines = majorGridlines
        self.reverse = reverse
    }
}

/// A cell range a chart series reads from.
public struct ChartRange: Hashable, Sendable {
    public var sheet: String
    public var firstRow: Int
    public var firstCol: Int
    public var lastRow: Int
    public var lastCol: Int

    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// `=Sheet!$A$2:$A$10`, the sheet quoted when needed.
    public var formula: String {
        "=" + Worksheet.rangeName(sheet: sheet, firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
    }
}

/// A native Excel chart of one workbook. Create with `Workbook.addChart`,
/// add series, then place once with `Worksheet.insertChart`.
///
/// Literal texts (title, series and axis names) are shown as given: control
/// characters are removed and a leading `=` is replaced by the full-width
/// `＝`, because libxlsxwriter would otherwise read it as a cell reference.
public final class Chart {
    public let type: ChartType
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_chart>
    private(set) var seriesCount = 0
    var isInserted = false

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_chart>, type: ChartType) {
        self.workbook = workbook
        self.pointer = pointer
        self.type = type
    }

    /// Adds a series from formula ranges such as `=Sheet1!$A$2:$A$7`
    /// (build them with `ChartRange.formula` or `Worksheet.rangeName`).
    public func addSeries(name: String?, categories: String?, values: String) throws -> ChartSeries {
        let op = "add chart series"
        _ = try workbook.live(op)
        let context = workbook.context
        for range in [categories, values].compactMap({ $0 }) {
            guard range.hasPrefix("="), range.contains("!") else {
                throw context.error(op, .invalidUse("series range '\(range)' is not a formula reference like =Sheet1!$A$2:$A$7"))
            }
        }
        let categoriesC = categories.flatMap(workbook.retainedCString)
        let valuesC = workbook.retainedCString(values)
        guard let series = workbook.locale.run({ chart_add_series(pointer, categoriesC, valuesC) }) else {
            throw context.error(op, .system("libxlsxwriter could not add the series"))
        }
        if let name {
            let literal = Chart.literal(name)
            workbook.locale.run { chart_series_set_name(series, literal) }
        }
        seriesCount += 1
        return ChartSeries(chart: self, pointer: series)
    }

    /// Adds a series from cell ranges.
    public func addSeries(name: String?, categories: ChartRange?, values: ChartRange) throws -> ChartSeries {
        try addSeries(name: name, categories: categories?.formula, values: values.formula)
    }

    /// Sets the chart title, or removes it with `nil`.
    public func setTitle(_ title: String?) throws {
        _ = try workbook.live("set chart title")
        if let title {
            let literal = Chart.literal(title)
            workbook.locale.run { chart_title_set_name(pointer, literal) }
        } else {
            workbook.locale.run { chart_title_off(pointer) }
        }
    }

    /// Configures the value axis (vertical in column/line charts, horizontal in bar charts).
    public func setValueAxis(_ options: AxisOptions) throws {
        try configureAxis(options, value: true)
    }

    /// Configures the category axis.
    public func setCategoryAxis(_ options: AxisOptions) throws {
        try configureAxis(options, value: false)
    }

    /// Places or hides the legend.
    public func setLegend(_ position: LegendPosition) throws {
        _ = try workbook.live("set chart legend")
        workbook.locale.run { chart_legend_set_position(pointer, position.lxwValue) }
    }

    /// Chooses one of Excel's 48 built-in chart styles.
    public func setStyle(_ style: Int) throws {
        _ = try workbook.live("set chart style")
        guard (1...48).contains(style) else {
            throw workbook.context.limit("set chart style", "chart style \(style) outside Excel's 1–48 range")
        }
        workbook.locale.run { chart_set_style(pointer, UInt8(style)) }
    }

    /// Sets a doughnut's hole size in percent (10–90).
    public func setHoleSize(_ percent: Int) throws {
        _ = try workbook.live("set hole size")
        guard type == .doughnut, (10...90).contains(percent) else {
            throw workbook.context.error("set hole size", .invalidUse("hole size applies to doughnut charts, 10–90%"))
        }
        workbook.locale.run { chart_set_hole_size(pointer, UInt8(percent)) }
    }

    private func configureAxis(_ options: AxisOptions, value: Bool) throws {
        let op = value ? "set value axis" : "set category axis"
        _ = try workbook.live(op)
        let context = workbook.context
        guard type.hasAxes else { throw context.error(op, .invalidUse("pie and doughnut charts have no axes")) }
        for number in [options.min, options.max, options.majorUnit].compactMap({ $0 }) where !number.isFinite {
            throw context.limit(op, "axis bound is NaN/infinite")
        }
        if let unit = options.majorUnit, unit <= 0 {
            throw context.error(op, .invalidUse("major unit must be positive"))
        }
        if let low = options.min, let high = options.max, low >= high {
            throw context.error(op, .invalidUse("axis minimum \(low) is not below maximum \(high)"))
        }
        let useX = value == type.valueAxisIsX
        guard let axis = useX ? pointer.pointee.x_axis : pointer.pointee.y_axis else {
            throw context.error(op, .system("libxlsxwriter chart has no such axis"))
        }
        workbook.locale.run {
            if let name = options.name { chart_axis_set_name(axis, Chart.literal(name)) }
            if let format = options.numberFormat { chart_axis_set_num_format(axis, format) }
            if let low = options.min { chart_axis_set_min(axis, low) }
            if let high = options.max { chart_axis_set_max(axis, high) }
            if let unit = options.majorUnit { chart_axis_set_major_unit(axis, unit) }
            if let visible = options.majorGridlines { chart_axis_major_gridlines_set_visible(axis, visible ? 1 : 0) }
            if options.reverse { chart_axis_set_reverse(axis) }
        }
    }

    /// Literal chart text: no control characters, never read as a reference.
    static func literal(_ text: String) -> String {
        let clean = Worksheet.removingControlCharacters(text)
        return clean.hasPrefix("=") ? "＝" + clean.dropFirst() : clean
    }
}

/// One series of a chart.
public final class ChartSeries {
    let chart: Chart
    let pointer: UnsafeMutablePointer<lxw_chart_series>

    init(chart: Chart, pointer: UnsafeMutablePointer<lxw_chart_series>) {
        self.chart = chart
        self.pointer = pointer
    }

    /// Solid fill colour (0xRRGGBB) of bars, columns or pie slices.
    public func setFill(color: UInt32) throws {
        _ = try chart.workbook.live("set series fill")
        var fill = lxw_chart_fill(color: lxwColor(color & 0xFFFFFF), none: 0, transparency: 0)
        chart.workbook.locale.run { chart_series_set_fill(pointer, &fill) }
    }

    /// A solid fill per point (bar, column, slice), in the series' order: a bar coloured by its value's band.
    public func setPointFills(_ colors: [UInt32]) throws {
        let op = "set series points"
        _ = try chart.workbook.live(op)
        guard !colors.isEmpty else { return }
        guard colors.count < Int(UInt16.max) else {
            throw chart.workbook.context.limit(op, "\(colors.count) points over libxlsxwriter's 65,534-point limit")
        }
        var fills = colors.map { lxw_chart_fill(color: lxwColor($0 & 0xFFFFFF), none: 0, transparency: 0) }
        let series = pointer
        let code: lxw_error = fills.withUnsafeMutableBufferPointer { fill in
            var points = (0..<fill.count).map { lxw_chart_point(line: nil, fill: fill.baseAddress! + $0, pattern: nil) }
            return points.withUnsafeMutableBufferPointer { point in
                // A NULL-terminated array of pointers; libxlsxwriter copies what they point to.
                var list: [UnsafeMutablePointer<lxw_chart_point>?] = (0..<point.count).map { point.baseAddress! + $0 } + [nil]
                return list.withUnsafeMutableBufferPointer { array in
                    chart.workbook.locale.run { chart_series_set_points(series, array.baseAddress) }
                }
            }
        }
        try chart.workbook.context.check(code, op)
    }

    /// Line colour and width (points) of a line series or of a bar's border.
    public func setLine(color: UInt32, width: Double? = nil) throws {
        _ = try chart.workbook.live("set series line")
        var line = lxw_chart_line()
        line.color = lxwColor(color & 0xFFFFFF)
        if let width, width.isFinite, width > 0 { line.width = Float(width) }
        chart.workbook.locale.run { chart_series_set_line(pointer, &line) }
    }

    /// Marker shape (and size 2–72) for line charts.
    public func setMarker(_ type: MarkerType, size: Int? = nil) throws {
        _ = try chart.workbook.live("set series marker")
        chart.workbook.locale.run {
            chart_series_set_marker_type(pointer, type.lxwValue)
            if let size, (2...72).contains(size) { chart_series_set_marker_size(pointer, UInt8(size)) }
        }
    }

    /// Shows each point's value as a data label, optionally with a number
    /// format; for pie/doughnut `percentage` shows the share instead.
    public func setDataLabels(numberFormat: String? = nil, percentage: Bool = false) throws {
        _ = try chart.workbook.live("set data labels")
        chart.workbook.locale.run {
            chart_series_set_labels(pointer)
            if percentage { chart_series_set_labels_percentage(pointer) }
            if let numberFormat { chart_series_set_labels_num_format(pointer, numberFormat) }
        }
    }
}
