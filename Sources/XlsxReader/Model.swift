/// Why a workbook could not be read.
public enum XlsxReadError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case missingPart(String)
    case malformedPart(String, String)
    case noSuchSheet(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open '\(path)' as a ZIP archive: \(reason)"
        case .missingPart(let part): return "the workbook has no part '\(part)'"
        case .malformedPart(let part, let reason): return "part '\(part)' is not well-formed XML: \(reason)"
        case .noSuchSheet(let name): return "the workbook has no sheet '\(name)'"
        }
    }
}

/// A cell's value; for a formula, its cached result.
public enum CellValue: Equatable, Sendable {
    case string(String)
    case number(Double)
    case boolean(Bool)
    case error(String)
    /// A cell element without a value (a formatted blank, or a formula with no cached value).
    case empty
}

/// One `<c>` element of a sheet.
public struct Cell: Equatable, Sendable {
    /// A1 reference.
    public let ref: String
    /// Zero-based row and column.
    public let row: Int
    public let col: Int
    /// The raw `t` attribute (`s`, `inlineStr`, `str`, `b`, `e`, `n` or nil).
    public let type: String?
    /// The value (cached value for formulas); strings with Excel's `_xHHHH_` escapes decoded.
    public let value: CellValue
    /// The formula text (without `=`), when the cell has an `<f>`.
    public let formula: String?
    /// Index into styles.xml's cellXfs (the `s` attribute, 0 when absent).
    public let styleIndex: Int

    /// The text, when the value is a string.
    public var text: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The number, when the value is a number.
    public var number: Double? {
        if case .number(let n) = value { return n }
        return nil
    }
}

/// A frozen or split pane (`<pane>`).
public struct Pane: Equatable, Sendable {
    public let xSplit: Int
    public let ySplit: Int
    public let topLeftCell: String?
    /// `frozen`, `frozenSplit`, `split` or nil.
    public let state: String?

    public init(xSplit: Int, ySplit: Int, topLeftCell: String?, state: String?) {
        self.xSplit = xSplit
        self.ySplit = ySplit
        self.topLeftCell = topLeftCell
        self.state = state
    }
}

/// One `<cfRule>`.
public struct ConditionalRule: Equatable, Sendable {
    /// `cellIs`, `expression`, …
    public let type: String
    /// `lessThan`, `between`, … for `cellIs`.
    public let `operator`: String?
    /// The `<formula>` texts.
    public let formulas: [String]
    public let dxfId: Int?
    public let priority: Int?
}

/// One `<conditionalFormatting>` block.
public struct ConditionalFormat: Equatable, Sendable {
    public let range: String
    public let rules: [ConditionalRule]
}

/// One `<col>` element; `min`/`max` are one-based as in the XML.
public struct ColumnInfo: Equatable, Sendable {
    public let min: Int
    public let max: Int
    public let width: Double?
    public let hidden: Bool
    public let styleIndex: Int?
}

/// A worksheet as read.
public struct Sheet: Sendable {
    public let name: String
    /// The part, e.g. `xl/worksheets/sheet1.xml`.
    public let part: String
    /// Cells by A1 reference.
    public let cells: [String: Cell]
    public let pane: Pane?
    /// The autofilter range, e.g. `A1:F20`.
    public let autofilter: String?
    public let conditionalFormats: [ConditionalFormat]
    public let columns: [ColumnInfo]
    public let mergedCells: [String]
    /// Whether `<sheetProtection>` is present, and its password hash if any.
    public let isProtected: Bool
    public let protectionPasswordHash: String?
    /// `<pageSetup>` attributes (`orientation`, `fitToWidth`, `fitToHeight`, `paperSize`…).
    public let pageSetup: [String: String]
    /// Whether `<sheetPr><pageSetUpPr fitToPage="1"/>` is set.
    public let fitToPage: Bool
    /// Drawing parts attached to the sheet.
    public let drawingParts: [String]
    /// Chart parts reached through the sheet's drawings.
    public let chartParts: [String]
    /// Highest zero-based row and column holding a cell (-1 when empty).
    public let maxRow: Int
    public let maxCol: Int
}

/// A chart series' references.
public struct ChartSeriesInfo: Equatable, Sendable {
    /// The series name: literal text, or nil when it is a reference.
    public let name: String?
    /// The series name reference (`c:tx/c:strRef/c:f`), if any.
    public let nameReference: String?
    /// `c:cat` formula, e.g. `Sheet1!$A$2:$A$7`.
    public let categories: String?
    /// `c:val` formula.
    public let values: String?

    public init(name: String?, nameReference: String?, categories: String?, values: String?) {
        self.name = name
        self.nameReference = nameReference
        self.categories = categories
        self.values = values
    }
}

/// A chart axis (`c:valAx`, `c:catAx`).
public struct ChartAxisInfo: Equatable, Sendable {
    /// `valAx`, `catAx`, `dateAx`, `serAx`.
    public let kind: String
    public let numberFormat: String?
    public let min: Double?
    public let max: Double?
    public let majorUnit: Double?
    public let hasMajorGridlines: Bool
    /// `c:axPos` (`l`, `b`…).
    public let position: String?
}

/// A chart part.
public struct ChartInfo: Sendable {
    public let part: String
    /// Plot types in the plot area: `barChart`, `lineChart`, `pieChart`, `doughnutChart`…
    public let types: [String]
    /// For bar charts, `c:barDir` (`bar` horizontal, `col` vertical).
    public let barDirection: String?
    public let series: [ChartSeriesInfo]
    /// Title text runs joined, if the title is literal text.
    public let title: String?
    public let axes: [ChartAxisInfo]
    /// `c:legend/c:legendPos`, nil when there is no legend.
    public let legendPosition: String?
}

/// docProps/core.xml and app.xml.
public struct DocumentInfo: Equatable, Sendable {
    public let title: String?
    public let subject: String?
    public let creator: String?
    public let keywords: String?
    public let description: String?
    /// `dcterms:created`, e.g. `2023-03-31T00:00:00Z`.
    public let created: String?
    public let company: String?
    public let manager: String?
}

/// A `<definedName>` of workbook.xml.
public struct DefinedName: Equatable, Sendable {
    public let name: String
    /// Index of the sheet it is local to, if any.
    public let localSheetId: Int?
    public let value: String

    public init(name: String, localSheetId: Int?, value: String) {
        self.name = name
        self.localSheetId = localSheetId
        self.value = value
    }
}

/// What a cell style (cellXfs entry) or differential format (dxf) says.
public struct StyleInfo: Equatable, Sendable {
    public let numberFormatId: Int
    /// The format code (built-in codes resolved, e.g. id 9 → `0%`).
    public let numberFormat: String
    public let bold: Bool
    /// Fill colour as written (ARGB, e.g. `FFFFC7CE`), if a solid fill.
    public let fillColor: String?
    public let fontColor: String?
}
