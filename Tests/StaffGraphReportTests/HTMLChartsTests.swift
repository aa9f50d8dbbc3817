import Foundation
import Testing
@testable import StaffGraphReport

@Suite struct HTMLChartsTests {
    /// The numbers of a `points="x,y x,y …"` attribute of the first element with `marker` in it.
    private func points(in svg: String, marker: String) -> [(Double, Double)] {
        guard let r = svg.firstRange(of: marker), let p = svg[r.upperBound...].firstRange(of: "points=\"") else { return [] }
        let value = svg[p.upperBound...].prefix { $0 != "\"" }
        return value.split(separator: " ").compactMap { pair in
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            return xy.count == 2 ? (xy[0], xy[1]) : nil
        }
    }

    @Test func lorenzCurveRunsFromOriginToTopRight() {
        let chart = LorenzCurve(values: [0, 1, 1, 2, 6], title: "How evenly requests are spread")
        let p = chart.points
        #expect(p.first! == (0, 0))
        #expect(p.last! == (1, 1))
        #expect(p.count == 6)
        #expect(abs(p[4].y - 0.4) < 1e-12)  // bottom four hold 4 of 10 requests
        #expect(abs(chart.cumulativeShare(atPeopleShare: 0.8) - 0.4) < 1e-12)
        let svg = chart.svg()
        // Plot square: left 64, top 16, side 280 → (0,0) at (64, 296), (1,1) at (344, 16).
        let drawn = points(in: svg, marker: "class=\"sg-lorenz\"")
        #expect(drawn.first! == (64, 296))
        #expect(drawn.last! == (344, 16))
        #expect(svg.contains("<line x1=\"64.00\" y1=\"296.00\" x2=\"344.00\" y2=\"16.00\""))  // equality diagonal
        #expect(svg.contains("share of people (least sought first)"))
        #expect(svg.contains("share of requests"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title>How evenly requests are spread</title>"))
        #expect(svg.contains("<desc>Lorenz curve of 5 people. The most sought 20% of people receive 60% of requests; the least sought half receive 15%.</desc>"))
        #expect(!svg.contains("xmlns"))
        #expect(chart.svg(standalone: true).contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(chart.svg() == LorenzCurve(values: [6, 2, 1, 1, 0], title: "How evenly requests are spread").svg())
    }

    @Test func lorenzCurveWithoutRequestsIsTheDiagonal() {
        let chart = LorenzCurve(values: [0, 0, .nan], title: "t")
        #expect(chart.points.count == 2)
        #expect(chart.svg().contains("Nobody received any requests"))
    }

    @Test func heatMapHasOneCellPerPairAndMarksMissing() {
        let map = HeatMap(rowLabels: ["Maths", "Science", "English"], columnLabels: ["Maths", "Science", "English"],
                          values: [[0.8, 0.1, nil], [0.05, 0.6, 0.0], [0.2]], title: "Who asks whom")
        let svg = map.svg()
        #expect(svg.components(separatedBy: "class=\"sg-cell").count - 1 == 9)
        #expect(svg.components(separatedBy: "class=\"sg-cell sg-missing\"").count - 1 == 3)  // one nil + two short-row pads
        #expect(svg.contains(">0.80</text>"))
        #expect(svg.contains(">0.05</text>"))
        #expect(svg.contains("<title>Maths → English: no value</title>"))
        #expect(svg.contains(">–</text>"))
        #expect(svg.contains("Highest: Maths to Maths, 0.80. Lowest: Science to English, 0.00."))
        #expect(svg == map.svg())
        // Colour scale ends and contrast.
        #expect(ChartStyle.sequentialColor(0) == "#FFFFE5")
        #expect(ChartStyle.sequentialColor(1) == "#662506")
        #expect(ChartStyle.sequentialColor(2) == "#662506")
        #expect(ChartStyle.textColor(on: "#662506") == "#FFFFFF")
        #expect(ChartStyle.textColor(on: "#FFFFE5") == "#000000")
    }

    @Test func barChartScalesToTheLargestValue() {
        var chart = BarChart(bars: [.init("Ann", 10), .init("Bo", 5, highlighted: true), .init("Cy", -1)], title: "Asked by")
        let svg = chart.svg()
        #expect(svg.contains("<rect class=\"sg-bar\" x=\"38.32\" y=\"8.00\" width=\"340.00\""))
        #expect(svg.contains("width=\"170.00\" height=\"16.00\" fill=\"\(ChartStyle.highlight)\""))
        #expect(svg.contains("width=\"0.00\""))
        #expect(svg.contains("<desc>Ann: 10; Bo: 5; Cy: -1.</desc>"))
        chart.bars.append(.init(String(repeating: "x", count: 50), 1))
        #expect(chart.svg().contains(String(repeating: "x", count: 33) + "…"))
    }
}
