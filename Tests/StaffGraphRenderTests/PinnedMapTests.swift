import Foundation
import Testing
import StaffGraphCore
@testable import StaffGraphRender

fileprivate let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample school's advice ties per wave over the roster, and who is on staff in each wave.
fileprivate func school() throws -> (ids: [String], teams: [String], graphs: [Graph], present: [[Bool]]) {
    let rosterLines = try String(contentsOf: root.appendingPathComponent("Samples/school/roster.csv"), encoding: .utf8)
        .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = rosterLines[0]
    let rows = rosterLines.dropFirst()
    let column = { (name: String) in header.firstIndex(of: name) ?? 0 }
    let ids = rows.map { $0[column("id")] }
    let teams = rows.map { $0[column("team")] }
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    let waves = ["fall", "winter", "spring"]
    let present = waves.map { w in rows.map { $0[column("responded_\(w)")] != "absent" } }
    var builders = waves.map { _ in GraphBuilder(nodeCount: ids.count) }
    let edges = try String(contentsOf: root.appendingPathComponent("Samples/school/edges.csv"), encoding: .utf8)
    for line in edges.split(whereSeparator: \.isNewline).dropFirst() {
        let f = line.split(separator: ",").map(String.init)
        guard f[3] == "advice", let w = waves.firstIndex(of: f[4]), let s = index[f[0]], let t = index[f[1]] else { continue }
        builders[w].addTie(from: s, to: t, weight: Double(f[2]) ?? 1)
    }
    return (ids, teams, builders.map { $0.build().graph }, present)
}

fileprivate func inDegrees(_ g: Graph) -> [Double] { (0 ..< g.nodeCount).map { Double(g.inDegree($0)) } }

/// Node centres by node name in a Graphviz SVG (ellipses: cx, cy; squares: the middle of the polygon),
/// and the graph's transform.
fileprivate func centres(_ svg: [UInt8]) -> (transform: String, centres: [String: String]) {
    let text = String(decoding: svg, as: UTF8.self)
    var result: [String: String] = [:]
    var transform = ""
    if let range = text.range(of: #"class="graph" transform="[^"]*""#, options: .regularExpression) { transform = String(text[range]) }
    let groups = text.components(separatedBy: "<g id=\"node")
    for group in groups.dropFirst() {
        guard let t0 = group.range(of: "<title>"), let t1 = group.range(of: "</title>") else { continue }
        let name = String(group[t0.upperBound ..< t1.lowerBound])
        if let cx = group.range(of: #"cx="[^"]*" cy="[^"]*""#, options: .regularExpression) {
            result[name] = String(group[cx])
        } else if let points = group.range(of: #"points="[^"]*""#, options: .regularExpression) {
            let numbers = group[points].dropFirst(8).dropLast().split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
            let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
            if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
                result[name] = "\(((x0 + x1) / 2 * 100).rounded() / 100),\(((y0 + y1) / 2 * 100).rounded() / 100)"
            }
        }
    }
    return (transform, result)
}

@Suite(.serialized) struct PinnedMapTests {
    /// The three wave maps of the school, pinned to one layout of all waves.
    fileprivate func pinnedWaves() async throws -> (maps: [InfluenceMap], positions: [String: MapPoint], ids: [String]) {
        let (ids, teams, graphs, present) = try school()
        let n = ids.count
        let everPresent = (0 ..< n).map { v in present.contains { $0[v] } }
        let largest = graphs.flatMap(inDegrees).max() ?? 1
        func request(_ sizes: [Double], _ shown: [Bool]) -> MapRequest {
            var r = MapRequest(sizeValues: sizes, sizeName: "in-degree", labels: ids)
            r.colors = GroupColoring(values: teams, column: "team")
            r.present = shown
            r.ghosts = everPresent
            r.sizeMaximum = largest
            r.layoutNote = "pinned"
            return r
        }
        var union = GraphBuilder(nodeCount: n)
        for g in graphs { for t in g.ties { union.addTie(from: t.source, to: t.target) } }
        var unionRequest = request((0 ..< n).map { v in graphs.map { Double($0.inDegree(v)) }.max() ?? 0 }, everPresent)
        unionRequest.ghosts = nil
        let unionMap = InfluenceMapBuilder.build(graph: union.build().graph, request: unionRequest)
        let positions = try await GraphvizSession.shared.layoutPositions(unionMap)
        let maps = graphs.enumerated().map { w, g in
            var r = request(inDegrees(g), present[w])
            r.title = "Advice, wave \(w)"
            r.caption = ["wave \(w)"]
            return InfluenceMapBuilder.build(graph: g, request: r)
        }
        return (PinnedLayout.pin(maps, at: positions), positions, ids)
    }

    @Test func layoutPositionsAreStableAndCoverEveryone() async throws {
        let (maps, positions, ids) = try await pinnedWaves()
        #expect(positions.count == ids.count)                       // everyone in any wave (all 62)
        let (_, again, _) = try await pinnedWaves()
        #expect(positions == again)
        // Everyone on every map has a position; the people who join or leave are ghosts.
        for map in maps { #expect(map.people.allSatisfy { positions[$0.name] != nil }) }
        let p29 = try #require(ids.firstIndex(of: "p29")), p33 = try #require(ids.firstIndex(of: "p33"))
        #expect(maps[0].people.first { $0.name == "n\(p29)" }?.style == .ghost)
        #expect(maps[1].people.allSatisfy { $0.style == .filled })
        #expect(maps[2].people.first { $0.name == "n\(p33)" }?.style == .ghost)
        // Pinned maps are drawn by the nop engine, with frame corners and fixed positions.
        #expect(maps[0].engineName == "nop")
        let dot = maps[0].dotText()
        #expect(dot.contains("\"layout\"=\"nop\"") && dot.contains("\"_frame_lower\"") && dot.contains("!\""))
    }

    @Test func everyoneIsInTheSamePlaceOnEveryWavesSVG() async throws {
        let (maps, positions, ids) = try await pinnedWaves()
        var rendered: [(transform: String, centres: [String: String])] = []
        for map in maps { rendered.append(centres(try await GraphvizSession.shared.render(map, format: .svg).bytes)) }
        // The same page transform, so the same place on the page …
        #expect(Set(rendered.map(\.transform)).count == 1, "\(rendered.map(\.transform))")
        #expect(!rendered[0].transform.isEmpty)
        // … and the same centre for each person on all three maps (ghosts included).
        for v in ids.indices {
            let name = "n\(v)"
            let found = rendered.compactMap { $0.centres[name] }
            #expect(found.count == 3, "\(ids[v]) missing on a map")
            #expect(Set(found).count == 1, "\(ids[v]) moves: \(found)")
        }
        // The centre is the pinned position (SVG y points down).
        let p01 = try #require(positions["n0"])
        let fall = try #require(rendered[0].centres["n0"])
        #expect(fall == "cx=\"\(String(rounded: p01.x, decimals: 2).trimmedZeros)\" cy=\"\(String(rounded: -p01.y, decimals: 2).trimmedZeros)\"")
    }

    @Test func pinnedRendersAreByteIdentical() async throws {
        let (maps, _, _) = try await pinnedWaves()
        for format in [MapFormat.svg, .png] {
            let a = try await GraphvizSession.shared.render(maps[2], format: format).bytes
            let b = try await GraphvizSession.shared.render(maps[2], format: format).bytes
            #expect(a == b, "\(format) differs between two renders")
        }
    }

    @Test func differenceMapColoursAndDashes() async throws {
        let (ids, teams, graphs, present) = try school()
        let n = ids.count
        var lines: [DifferenceLine] = []
        for v in 0 ..< n {
            for t in graphs[0].outNeighbors(v) {
                lines.append(DifferenceLine(source: v, target: Int(t), kind: graphs[1].hasEdge(from: v, to: Int(t)) ? .stable : .dissolved))
            }
            for t in graphs[1].outNeighbors(v) where !graphs[0].hasEdge(from: v, to: Int(t)) {
                lines.append(DifferenceLine(source: v, target: Int(t), kind: .new))
            }
        }
        var request = MapRequest(sizeValues: inDegrees(graphs[1]), sizeName: "in-degree", labels: ids, labelMode: .none)
        request.colors = GroupColoring(values: teams, column: "team")
        request.present = (0 ..< n).map { present[0][$0] || present[1][$0] }
        let map = InfluenceMapBuilder.buildDifference(nodeCount: n, lines: lines, request: request)
        // Stable first, then dissolved (dashed, orange), then new (blue).
        let kinds = map.lines.map { $0.color ?? "" }
        #expect(kinds.first == InfluenceMapBuilder.stableTieColor && kinds.last == InfluenceMapBuilder.newTieColor)
        #expect(map.lines.filter { $0.style == .dashed }.allSatisfy { $0.color == InfluenceMapBuilder.dissolvedTieColor })
        #expect(map.legend.suffix(3).map(\.line) == [.solid, .dashed, .solid])
        #expect(map.legend.suffix(3).map(\.label).allSatisfy { $0.contains("tie (") })
        let svg = String(decoding: try await GraphvizSession.shared.render(map, format: .svg).bytes, as: UTF8.self)
        #expect(svg.contains("stroke=\"#0077bb\"") && svg.contains("stroke=\"#ee7733\"") && svg.contains("stroke-dasharray"))
    }

    @Test func unpinnedMapsAreUnchanged() {
        var b = GraphBuilder(nodeCount: 3)
        b.addTie(from: 0, to: 1)
        b.addTie(from: 1, to: 0)
        b.addTie(from: 2, to: 0)
        let map = InfluenceMapBuilder.build(graph: b.build().graph, request: MapRequest(sizeValues: [2, 1, 0], sizeName: "in-degree", labels: ["a", "b", "c"]))
        let dot = map.dotText()
        #expect(map.engineName == "neato")
        #expect(!dot.contains("\"pos\"") && !dot.contains("nop") && !dot.contains("\"style\"=\"dashed\"") && !dot.contains("_frame_"))
        let edgeLines = dot.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(edgeLines.count == 2 && edgeLines.allSatisfy { !$0.contains("color") && !$0.contains("style") })
        #expect(dot.contains("\"size\"=\"14,14\""))
    }

    @Test func sideBySidePanelsAreShiftedCopies() async throws {
        let (maps, positions, _) = try await pinnedWaves()
        let multiples = PinnedLayout.sideBySide(maps, titles: ["fall", "winter", "spring"], positions: positions)
        #expect(multiples.people.count == maps.reduce(0) { $0 + $1.people.count })
        #expect(multiples.lines.count == maps.reduce(0) { $0 + $1.lines.count })
        #expect(multiples.pinnedTexts.map(\.text) == ["fall", "winter", "spring"])
        let pinned = try #require(multiples.pinnedPositions)
        let a = try #require(pinned["w0_n0"]), c = try #require(pinned["w2_n0"])
        #expect(a.y == c.y && c.x > a.x)
        // The same shift for everyone in a panel (to rounding: (x + dx) - x is dx only within an ulp).
        let shift5 = try #require(pinned["w1_n5"].map { $0.x - (positions["n5"]?.x ?? 0) })
        let shift0 = try #require(pinned["w1_n0"].map { $0.x - (positions["n0"]?.x ?? 0) })
        #expect(abs(shift5 - shift0) < 1e-9)
        let png = try await GraphvizSession.shared.render(multiples, format: .png).bytes
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }

    @Test func trendChartSVGAndPNG() async throws {
        var chart = TrendChart(title: "Advice <by> wave", waves: ["fall", "winter", "spring"], series: [
            .init(name: "density", values: [0.119, 0.1176, 0.1199], color: TrendChart.colors[0]),
            .init(name: "centralization", values: [0.344, nil, 0.3436], color: TrendChart.colors[1]),
        ])
        chart.caption = ["one line & another"]
        let svg = chart.svg()
        #expect(svg == chart.svg())
        #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("Advice &lt;by&gt; wave") && svg.contains("one line &amp; another"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 5)    // one gap: five points
        #expect(svg.contains(">density 0.120<") && svg.contains(">centralization 0.344<"))
        #expect(chart.axis.maximum == 0.4 && chart.axis.step == 0.1)
        let map = chart.graphvizMap()
        let a = try await GraphvizSession.shared.render(map, format: .png).bytes
        let b = try await GraphvizSession.shared.render(map, format: .png).bytes
        #expect(a == b && Array(a.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let rendered = String(decoding: try await GraphvizSession.shared.render(map, format: .svg).bytes, as: UTF8.self)
        #expect(rendered.contains(">fall<") && rendered.contains(">density 0.120<"))
    }
}

extension String {
    /// "12.50" → "12.5", "3.00" → "3": how Graphviz's SVG writes numbers.
    fileprivate var trimmedZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
