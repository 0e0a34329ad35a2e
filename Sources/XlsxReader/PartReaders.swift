import Foundation

/// A1 reference → zero-based (row, col).
public func parseCellReference(_ ref: String) -> (row: Int, col: Int)? {
    var col = 0
    var row = 0
    var letters = 0
    var digits = 0
    for scalar in ref.unicodeScalars where scalar != "$" {
        switch scalar.value {
        case 65...90 where digits == 0: col = col * 26 + Int(scalar.value - 64); letters += 1
        case 97...122 where digits == 0: col = col * 26 + Int(scalar.value - 96); letters += 1
        case 48...57 where letters > 0: row = row * 10 + Int(scalar.value - 48); digits += 1
        default: return nil
        }
    }
    guard letters > 0, digits > 0, row > 0 else { return nil }
    return (row - 1, col - 1)
}

enum SheetReader {
    static func read(name: String, part: String, parts: [String: Data], sharedStrings: [String]) throws -> Sheet {
        let root = try XMLTree.parse(try XlsxDocument.part(parts, part), part: part)
        var cells: [String: Cell] = [:]
        var maxRow = -1
        var maxCol = -1
        for row in root.child("sheetData")?.children("row") ?? [] {
            for c in row.children("c") {
                guard let ref = c.attribute("r"), let position = parseCellReference(ref) else { continue }
                let cell = readCell(c, ref: ref, row: position.row, col: position.col, sharedStrings: sharedStrings)
                cells[ref] = cell
                maxRow = max(maxRow, position.row)
                maxCol = max(maxCol, position.col)
            }
        }
        let paneElement = root.child("sheetViews")?.child("sheetView")?.child("pane")
        let pane = paneElement.map {
            Pane(
                xSplit: Int($0.attribute("xSplit") ?? "") ?? 0, ySplit: Int($0.attribute("ySplit") ?? "") ?? 0,
                topLeftCell: $0.attribute("topLeftCell"), state: $0.attribute("state"))
        }
        let conditional = root.children("conditionalFormatting").map { block in
            ConditionalFormat(
                range: block.attribute("sqref") ?? "",
                rules: block.children("cfRule").map { rule in
                    ConditionalRule(
                        type: rule.attribute("type") ?? "", operator: rule.attribute("operator"),
                        formulas: rule.children("formula").map(\.text),
                        dxfId: rule.attribute("dxfId").flatMap { Int($0) },
                        priority: rule.attribute("priority").flatMap { Int($0) })
                })
        }
        let columns = (root.child("cols")?.children("col") ?? []).map {
            ColumnInfo(
                min: Int($0.attribute("min") ?? "") ?? 0, max: Int($0.attribute("max") ?? "") ?? 0,
                width: $0.attribute("width").flatMap { Double($0) }, hidden: $0.attribute("hidden") == "1",
                styleIndex: $0.attribute("style").flatMap { Int($0) })
        }
        let merged = (root.child("mergeCells")?.children("mergeCell") ?? []).compactMap { $0.attribute("ref") }
        let protection = root.child("sheetProtection")

        let rels = try XlsxDocument.relationships(parts, of: part)
        let drawingParts = root.children("drawing").compactMap { $0.attribute("r:id").flatMap { rels[$0]?.target } }
        var chartParts: [String] = []
        for drawing in drawingParts {
            guard let data = parts[drawing] else { continue }
            let drawingRoot = try XMLTree.parse(data, part: drawing)
            let drawingRels = try XlsxDocument.relationships(parts, of: drawing)
            for chart in drawingRoot.descendants("chart") {
                if let id = chart.attribute("r:id"), let target = drawingRels[id]?.target { chartParts.append(target) }
            }
        }
        return Sheet(
            name: name, part: part, cells: cells, pane: pane,
            autofilter: root.child("autoFilter")?.attribute("ref"), conditionalFormats: conditional,
            columns: columns, mergedCells: merged, isProtected: protection != nil,
            protectionPasswordHash: protection?.attribute("password"),
            pageSetup: root.child("pageSetup")?.attributes ?? [:],
            fitToPage: root.child("sheetPr")?.child("pageSetUpPr")?.attribute("fitToPage") == "1",
            drawingParts: drawingParts, chartParts: chartParts, maxRow: maxRow, maxCol: maxCol)
    }

    private static func readCell(_ c: XmlElement, ref: String, row: Int, col: Int, sharedStrings: [String]) -> Cell {
        let type = c.attribute("t")
        let raw = c.child("v")?.text
        let value: CellValue
        switch type {
        case "s":
            if let raw, let index = Int(raw), sharedStrings.indices.contains(index) {
                value = .string(sharedStrings[index])
            } else {
                value = .empty
            }
        case "inlineStr":
            value = c.child("is").map { .string(XlsxDocument.stringItemText($0)) } ?? .empty
        case "str":
            value = raw.map { .string(XlsxDocument.decodeExcelEscapes($0)) } ?? .empty
        case "b":
            value = raw.map { .boolean($0 == "1") } ?? .empty
        case "e":
            value = raw.map { .error($0) } ?? .empty
        default:
            if let raw, let number = Double(raw) {
                value = .number(number)
            } else if let raw {
                value = .error("unparsable number '\(raw)'")
            } else {
                value = .empty
            }
        }
        return Cell(
            ref: ref, row: row, col: col, type: type, value: value, formula: c.child("f")?.text,
            styleIndex: c.attribute("s").flatMap { Int($0) } ?? 0)
    }
}

struct StylesReader {
    var cellXfs: [StyleInfo] = []
    var dxfs: [StyleInfo] = []

    static let builtinFormats: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
        11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "m/d/yyyy", 15: "d-mmm-yy", 16: "d-mmm",
        17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yyyy h:mm",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
        45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@"
    ]

    init(_ parts: [String: Data]) throws {
        let name = "xl/styles.xml"
        guard let data = parts[name] else { return }
        let root = try XMLTree.parse(data, part: name)
        var codes = Self.builtinFormats
        for format in root.child("numFmts")?.children("numFmt") ?? [] {
            if let id = format.attribute("numFmtId").flatMap({ Int($0) }), let code = format.attribute("formatCode") {
                codes[id] = code
            }
        }
        let fonts = root.child("fonts")?.children("font") ?? []
        let fills = root.child("fills")?.children("fill") ?? []
        func color(_ element: XmlElement?) -> String? { element?.attribute("rgb") }
        cellXfs = (root.child("cellXfs")?.children("xf") ?? []).map { xf in
            let id = Int(xf.attribute("numFmtId") ?? "") ?? 0
            let font = Int(xf.attribute("fontId") ?? "").flatMap { fonts.indices.contains($0) ? fonts[$0] : nil }
            let fill = Int(xf.attribute("fillId") ?? "").flatMap { fills.indices.contains($0) ? fills[$0] : nil }
            let pattern = fill?.child("patternFill")
            let solid = pattern?.attribute("patternType") == "solid"
            return StyleInfo(
                numberFormatId: id, numberFormat: codes[id] ?? "General", bold: font?.child("b") != nil,
                fillColor: solid ? color(pattern?.child("fgColor")) : nil,
                fontColor: color(font?.child("color")))
        }
        dxfs = (root.child("dxfs")?.children("dxf") ?? []).map { dxf in
            let numFmt = dxf.child("numFmt")
            let id = Int(numFmt?.attribute("numFmtId") ?? "") ?? 0
            let pattern = dxf.child("fill")?.child("patternFill")
            return StyleInfo(
                numberFormatId: id, numberFormat: numFmt?.attribute("formatCode") ?? codes[id] ?? "General",
                bold: dxf.child("font")?.child("b") != nil,
                fillColor: color(pattern?.child("bgColor")) ?? color(pattern?.child("fgColor")),
                fontColor: color(dxf.child("font")?.child("color")))
        }
    }
}

enum ChartReader {
    static func read(part: String, data: Data) throws -> ChartInfo {
        let root = try XMLTree.parse(data, part: part)
        let chart = root.child("chart")
        let plot = chart?.child("plotArea")
        let typeNames = [
            "barChart", "bar3DChart", "lineChart", "line3DChart", "pieChart", "pie3DChart",
            "doughnutChart", "areaChart", "scatterChart", "radarChart"
        ]
        let plots = plot?.children.filter { typeNames.contains($0.name) } ?? []
        let series = plots.flatMap { $0.children("ser") }.map { ser -> ChartSeriesInfo in
            let tx = ser.child("tx")
            let literal = tx?.child("v")?.text ?? tx?.path("rich").map(richText)
            return ChartSeriesInfo(
                name: literal, nameReference: tx?.path("strRef", "f")?.text,
                categories: reference(ser.child("cat")), values: reference(ser.child("val")))
        }
        let axes = (plot?.children ?? []).filter { ["valAx", "catAx", "dateAx", "serAx"].contains($0.name) }.map { axis in
            ChartAxisInfo(
                kind: axis.name, numberFormat: axis.child("numFmt")?.attribute("formatCode"),
                min: axis.path("scaling", "min")?.attribute("val").flatMap { Double($0) },
                max: axis.path("scaling", "max")?.attribute("val").flatMap { Double($0) },
                majorUnit: axis.child("majorUnit")?.attribute("val").flatMap { Double($0) },
                hasMajorGridlines: axis.child("majorGridlines") != nil,
                position: axis.child("axPos")?.attribute("val"))
        }
        let title = chart?.path("title", "tx", "rich").map(richText)
        return ChartInfo(
            part: part, types: plots.map(\.name),
            barDirection: plots.first { $0.name == "barChart" }?.child("barDir")?.attribute("val"),
            series: series, title: title, axes: axes,
            legendPosition: chart?.child("legend")?.child("legendPos")?.attribute("val")
                ?? (chart?.child("legend") != nil ? "r" : nil))
    }

    private static func reference(_ element: XmlElement?) -> String? {
        guard let element else { return nil }
        for kind in ["numRef", "strRef", "multiLvlStrRef"] {
            if let f = element.child(kind)?.child("f") { return f.text }
        }
        return nil
    }

    private static func richText(_ rich: XmlElement) -> String {
        rich.descendants("t").map(\.text).joined()
    }
}
