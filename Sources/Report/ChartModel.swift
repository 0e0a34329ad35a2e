import SalesCore
import XlsxWriter

/// Where a chart series reads from: one column of the data rows of a table on a sheet of the same workbook.
/// The renderer resolves it to `Sheet!$C$2:$C$9` from the sheet's layout, so the range always matches
/// the rows as written (header, data rows; subtotal and totals rows are not part of it).
public struct ChartSource: Sendable, Hashable {
    /// The sheet's model key ("mgmt_region").
    public var sheetKey: String
    /// 0 for the sheet's main table, 1, 2 … for its appendix tables.
    public var table: Int
    /// The column (0-based).
    public var column: Int
    /// At most this many data rows, from the first (a chart of more than 30 categories is unreadable).
    public var limit: Int
    public init(sheetKey: String, table: Int = 0, column: Int, limit: Int = ChartSource.maxCategories) {
        self.sheetKey = sheetKey; self.table = table; self.column = column; self.limit = limit
    }
    public static let maxCategories = 30
}

/// One series of a chart.
public struct ChartSeriesModel: Sendable, Hashable {
    public var name: String
    public var categories: ChartSource?
    public var values: ChartSource
    /// Fill (bars, columns) or line colour, 0xRRGGBB.
    public var color: UInt32?
    /// A fill per point, in row order (attainment bands); beyond the list, `color`.
    public var pointColors: [UInt32]
    public init(name: String, categories: ChartSource?, values: ChartSource, color: UInt32? = nil, pointColors: [UInt32] = []) {
        self.name = name; self.categories = categories; self.values = values; self.color = color; self.pointColors = pointColors
    }
}

/// A native Excel chart placed on a sheet, as values.
public struct ChartModel: Sendable, Hashable {
    public var type: ChartType
    public var title: String
    public var series: [ChartSeriesModel]
    public var valueAxis: AxisOptions?
    public var categoryAxis: AxisOptions?
    public var legend: LegendPosition
    /// Top-left cell of the chart on its own sheet, and an offset in pixels from it.
    public var row: Int
    public var col: Int
    public var xOffset: Int
    public var yOffset: Int
    public var xScale: Double
    public var yScale: Double

    public init(
        type: ChartType, title: String, series: [ChartSeriesModel], valueAxis: AxisOptions? = nil,
        categoryAxis: AxisOptions? = nil, legend: LegendPosition = .bottom, row: Int, col: Int,
        xOffset: Int = 0, yOffset: Int = 0, xScale: Double = 1, yScale: Double = 1
    ) {
        self.type = type; self.title = title; self.series = series; self.valueAxis = valueAxis
        self.categoryAxis = categoryAxis; self.legend = legend; self.row = row; self.col = col
        self.xOffset = xOffset; self.yOffset = yOffset; self.xScale = xScale; self.yScale = yScale
    }

    /// Attainment bands: red below 80%, amber to 100%, green at or above (libxlsxwriter 1.1.4 has no combined
    /// charts, so the bars' colours mark the 80% and 100% lines).
    public static let red: UInt32 = 0xC00000
    public static let amber: UInt32 = 0xFFC000
    public static let green: UInt32 = 0x00B050
    public static func bandColor(_ attainment: Double?) -> UInt32 {
        guard let a = attainment else { return 0xA5A5A5 }
        return a < 0.8 ? red : a < 1 ? amber : green
    }

    /// The value axis of an attainment chart: 0% to at least 120%, a gridline every 20%, so the
    /// 80% and 100% marks are gridlines (libxlsxwriter 1.1.4 has no combined charts for real lines).
    public static func attainmentAxis(name: String?, max: Double?) -> AxisOptions {
        AxisOptions(name: name, numberFormat: "0%", min: 0, max: max, majorUnit: 0.2, majorGridlines: true)
    }
}

/// A chart series resolved to cell ranges of the written workbook.
struct ResolvedSeries: Sendable, Hashable {
    var name: String
    var categories: ChartRange?
    var values: ChartRange
    var color: UInt32?
    var pointColors: [UInt32] = []
}

/// Places the charts of a workbook model once its sheets are written.
enum ChartPlacer {
    /// The rows of table `index` (0 main, 1… appendix) of a planned sheet: its header row and its data rows
    /// (the contiguous data rows after the header). Pure; follows the plan the renderer wrote.
    static func tableRows(_ planned: PlannedSheet, table index: Int) -> (header: Int, data: ClosedRange<Int>?)? {
        guard planned.layout == .table else { return nil }
        var seen = -1
        for (r, row) in planned.rows.enumerated() where row.style == .header {
            seen += 1
            guard seen == index else { continue }
            var last = r
            while last + 1 < planned.rows.count, planned.rows[last + 1].style == .data { last += 1 }
            return (r, last > r ? (r + 1)...last : nil)
        }
        return nil
    }

    /// Resolves a source against the planned sheets and the names they were written under.
    static func resolve(_ source: ChartSource, planned: [PlannedSheet], names: [String]) -> ChartRange? {
        guard let i = planned.firstIndex(where: { $0.key == source.sheetKey && $0.part == 1 }),
            let rows = tableRows(planned[i], table: source.table), let data = rows.data
        else { return nil }
        let last = min(data.upperBound, data.lowerBound + max(1, source.limit) - 1)
        return ChartRange(
            sheet: names[i], firstRow: data.lowerBound, firstCol: source.column,
            lastRow: last, lastCol: source.column)
    }

    /// The series of a chart with their ranges; series whose source has no rows are left out.
    static func resolve(_ chart: ChartModel, planned: [PlannedSheet], names: [String]) -> [ResolvedSeries] {
        chart.series.compactMap { s in
            guard let values = resolve(s.values, planned: planned, names: names) else { return nil }
            let categories = s.categories.flatMap { resolve($0, planned: planned, names: names) }
            let points = values.lastRow - values.firstRow + 1
            return ResolvedSeries(
                name: s.name, categories: categories, values: values, color: s.color,
                pointColors: Array(s.pointColors.prefix(points)))
        }
    }

    /// Creates and inserts every chart of `model` (after all sheets are written; libxlsxwriter keeps
    /// drawings in memory, so this works in constant-memory mode too). A chart without any series
    /// with data is left out.
    static func insertCharts(
        _ model: WorkbookModel, planned: [PlannedSheet], names: [String],
        worksheets: [Worksheet], workbook: Workbook
    ) throws {
        for (i, sheet) in planned.enumerated() where sheet.part == 1 {
            guard let charts = model.sheets.first(where: { $0.key == sheet.key })?.charts, !charts.isEmpty else { continue }
            for chart in charts {
                let series = resolve(chart, planned: planned, names: names)
                guard !series.isEmpty else { continue }
                let c = try workbook.addChart(chart.type)
                for s in series {
                    let added = try c.addSeries(name: s.name, categories: s.categories, values: s.values)
                    if let color = s.color {
                        if chart.type == .line { try added.setLine(color: color, width: 2.25) } else { try added.setFill(color: color) }
                    }
                    if chart.type == .line { try added.setMarker(.circle, size: 6) }
                    if !s.pointColors.isEmpty, chart.type != .line { try added.setPointFills(s.pointColors) }
                }
                try c.setTitle(chart.title)
                if let axis = chart.valueAxis { try c.setValueAxis(axis) }
                if let axis = chart.categoryAxis { try c.setCategoryAxis(axis) }
                try c.setLegend(chart.legend)
                try worksheets[i].insertChart(
                    chart.row, chart.col, c, xOffset: chart.xOffset, yOffset: chart.yOffset,
                    xScale: chart.xScale, yScale: chart.yScale)
            }
        }
    }
}
