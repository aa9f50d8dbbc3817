import Foundation
import Testing
@testable import StaffGraphRender

/// A pinned map of `count` named people on a square grid `spacing` points apart, with a legend.
fileprivate func grid(_ count: Int, spacing: Double) -> InfluenceMap {
    var map = InfluenceMap()
    var positions: [String: MapPoint] = [:]
    let side = Int(Double(count).squareRoot().rounded(.up))
    for i in 0..<count {
        let name = "n\(i)"
        map.people.append(.init(name: name, label: "Person \(i)", diameter: 0.3, fill: Style.plainFill, shape: .circle, cluster: nil, emphasized: false))
        positions[name] = MapPoint(x: Double(i % side) * spacing, y: Double(i / side) * spacing)
    }
    map.pinnedPositions = positions
    map.legend = [.init(label: "team: Math", fill: "#332288", shape: .circle)]
    map.caption = ["advice ties"]
    return map
}

/// The `scale(s s)` of a Graphviz SVG's graph group.
fileprivate func svgScale(_ svg: String) -> Double? {
    guard let r = svg.range(of: "transform=\"scale(") else { return nil }
    return Double(svg[r.upperBound...].prefix { $0 != " " && $0 != ")" })
}

@Suite struct PageFitTests {
    @Test func aMapUpToFortyInchesIsDrawnAtFullSize() async throws {
        // 1,900 pt across: wider than the old 14-inch page, within 40 inches.
        let map = grid(100, spacing: 190)
        let svg = String(decoding: try await GraphvizSession.shared.render(map, format: .svg).bytes, as: UTF8.self)
        #expect(svgScale(svg) == 1, "drawn at full size, names at 9 pt")
        #expect(svg.contains(">Person 0<"), "names are drawn")
        #expect(!svg.contains("names left out: this map is drawn at"))
    }

    @Test func aLargerMapIsScaledDownWithoutNamesAndWithItsLegendAtItsSize() async throws {
        let map = grid(100, spacing: 600)   // about 5,400 pt across
        let svg = String(decoding: try await GraphvizSession.shared.render(map, format: .svg).bytes, as: UTF8.self)
        let scale = try #require(svgScale(svg))
        #expect(scale < 1)
        #expect(!svg.contains(">Person 0<"), "names left out")
        #expect(svg.contains("names left out: this map is drawn at"))
        // The legend, set larger by 1/scale, prints at its size: its 14 pt symbol is the largest text.
        let sizes = svg.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        let largest = try #require(sizes.max())
        #expect(abs(largest * scale - 14) < 0.5, "the legend's symbol prints at \(largest * scale) pt")
    }

    @Test func chartsKeepTheirOwnPage() {
        var map = grid(4, spacing: 100)
        map.fitsPageToText = false
        map.pageSize = "12,8"
        #expect(map.fittingPage().pageSize == "12,8")
    }
}
