import Foundation
import XCTest
import XlsxReader
@testable import XlsxWriter

final class ChartTests: WorkbookTestCase {
    private func fillData(_ sheet: Worksheet) throws {
        try sheet.writeString(0, 0, "区域")
        try sheet.writeString(0, 1, "达成率")
        for row in 1...6 {
            try sheet.writeString(row, 0, "区域\(row)")
            try sheet.writeNumber(row, 1, Double(row) * 0.2)
        }
    }

    func testColumnChartSeriesPointAtTheIntendedRanges() throws {
        let file = path("chart.xlsx")
        let workbook = try Workbook(path: file)
        let data = try workbook.addWorksheet(name: "销售 汇总")
        try fillData(data)
        let dashboard = try workbook.addWorksheet(name: "Dashboard")
        let chart = try workbook.addChart(.column)
        let series = try chart.addSeries(
            name: "达成率",
            categories: ChartRange(sheet: "销售 汇总", firstRow: 1, firstCol: 0, lastRow: 6, lastCol: 0),
            values: ChartRange(sheet: "销售 汇总", firstRow: 1, firstCol: 1, lastRow: 6, lastCol: 1))
        try series.setFill(color: 0x4472C4)
        try series.setDataLabels(numberFormat: "0%")
        try chart.setTitle("各区域达成率")
        try chart.setValueAxis(AxisOptions(name: "达成率", numberFormat: "0%", min: 0, max: 1.2, majorUnit: 0.2, majorGridlines: true))
        try chart.setCategoryAxis(AxisOptions(name: "区域"))
        try chart.setLegend(.none)
        try chart.setStyle(10)
        try dashboard.insertChart(1, 1, chart, xScale: 1.5)
        try workbook.close()

        let doc = try XlsxDocument(path: file)
        XCTAssertTrue(doc.partNames.contains("xl/charts/chart1.xml"))
        XCTAssertTrue(try doc.charts(sheet: "销售 汇总").isEmpty)
        let charts = try doc.charts(sheet: "Dashboard")
        XCTAssertEqual(charts.count, 1)
        let info = try XCTUnwrap(charts.first)
        XCTAssertEqual(info.types, ["barChart"])
        XCTAssertEqual(info.barDirection, "col")
        XCTAssertEqual(info.title, "各区域达成率")
        XCTAssertNil(info.legendPosition)
        XCTAssertEqual(
            info.series,
            [
                ChartSeriesInfo(
                    name: "达成率", nameReference: nil,
                    categories: "'销售 汇总'!$A$2:$A$7",
                    values: "'销售 汇总'!$B$2:$B$7")
            ])
        let valueAxis = try XCTUnwrap(info.axes.first { $0.kind == "valAx" })
        XCTAssertEqual(valueAxis.numberFormat, "0%")
        XCTAssertEqual(valueAxis.min, 0)
        XCTAssertEqual(valueAxis.max, 1.2)
        XCTAssertEqual(valueAxis.majorUnit, 0.2)
        XCTAssertTrue(valueAxis.hasMajorGridlines)
        XCTAssertEqual(valueAxis.position, "l")
    }

    func testBarChartValueAxisIsTheHorizontalOne() throws {
        let doc = try roundTrip { workbook, sheet in
            try fillData(sheet)
            let chart = try workbook.addChart(.bar)
            _ = try chart.addSeries(name: nil, categories: "=S!$A$2:$A$7", values: "=S!$B$2:$B$7")
            try chart.setValueAxis(AxisOptions(numberFormat: "0%", min: 0, majorUnit: 0.2, majorGridlines: true))
            try chart.setCategoryAxis(AxisOptions(name: "区域"))
            try sheet.insertChart(0, 4, chart)
        }
        let info = try XCTUnwrap(try doc.charts(sheet: "S").first)
        XCTAssertEqual(info.barDirection, "bar")
        let valueAxis = try XCTUnwrap(info.axes.first { $0.kind == "valAx" })
        XCTAssertEqual(valueAxis.numberFormat, "0%")
        XCTAssertEqual(valueAxis.majorUnit, 0.2)
        XCTAssertEqual(valueAxis.position, "b", "horizontal")
        XCTAssertEqual(info.axes.first { $0.kind == "catAx" }?.position, "l")
        XCTAssertTrue(try doc.text(part: info.part).contains("<a:t>区域</a:t></a:r></a:p></c:rich></c:tx><c:layout/></c:title><c:tickLblPos"))
        XCTAssertEqual(info.series.first?.values, "S!$B$2:$B$7")
        XCTAssertEqual(info.series.first?.categories, "S!$A$2:$A$7")
    }

    func testPieAndLineChartsWithSeveralSeries() throws {
        let doc = try roundTrip { workbook, sheet in
            try fillData(sheet)
            let pie = try workbook.addChart(.doughnut)
            let slices = try pie.addSeries(name: "份额", categories: "=S!$A$2:$A$7", values: "=S!$B$2:$B$7")
            try slices.setDataLabels(percentage: true)
            try pie.setHoleSize(50)
            try pie.setLegend(.bottom)
            XCTAssertNotNil(xlsxError { try pie.setValueAxis(AxisOptions(min: 0)) })
            try sheet.insertChart(0, 4, pie)

            let line = try workbook.addChart(.line)
            let first = try line.addSeries(name: "=not a formula", categories: "=S!$A$2:$A$7", values: "=S!$B$2:$B$7")
            try first.setMarker(.circle, size: 6)
            try first.setLine(color: 0xFF0000, width: 2.25)
            _ = try line.addSeries(name: "第二", categories: "=S!$A$2:$A$7", values: "=S!$B$2:$B$7")
            try sheet.insertChart(20, 4, line)
        }
        let charts = try doc.charts(sheet: "S")
        XCTAssertEqual(charts.map(\.types), [["doughnutChart"], ["lineChart"]])
        XCTAssertEqual(charts[0].legendPosition, "b")
        XCTAssertEqual(charts[1].series.map(\.name), ["＝not a formula", "第二"])
        XCTAssertEqual(charts[1].series.map(\.nameReference), [nil, nil])
    }

    func testChartMisuseThrowsInsteadOfWritingABrokenChart() throws {
        let workbook = try Workbook(path: path("bad-chart.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let empty = try workbook.addChart(.column)
        XCTAssertTrue(xlsxError { try sheet.insertChart(0, 0, empty) }?.description.contains("no series") ?? false)
        XCTAssertNotNil(xlsxError { _ = try empty.addSeries(name: nil, categories: nil, values: "S!A1:A3") })
        _ = try empty.addSeries(name: nil, categories: nil, values: "=S!$A$1:$A$3")
        try sheet.insertChart(0, 0, empty)
        XCTAssertTrue(xlsxError { try sheet.insertChart(5, 0, empty) }?.description.contains("already inserted") ?? false)
        XCTAssertNotNil(xlsxError { try empty.setValueAxis(AxisOptions(min: 2, max: 1)) })
        XCTAssertNotNil(xlsxError { try empty.setStyle(49) })
        try workbook.close()
    }
}
