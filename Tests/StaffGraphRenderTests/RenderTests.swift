import Foundation
import FoundationXML
import Testing
import StaffGraphCore
@testable import StaffGraphRender

fileprivate let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small CSV edge list from the samples as a graph (header source,target[,weight]; ids in first-appearance order unless `ids` given).
fileprivate func load(_ path: String, ids given: [String]? = nil) throws -> (Graph, [String]) {
    let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    var ids = given ?? []
    var index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    var ties: [(Int, Int, Double)] = []
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let f = line.split(separator: ",").map(String.init)
        for id in f.prefix(2) where index[id] == nil { index[id] = ids.count; ids.append(id) }
        ties.append((index[f[0]] ?? 0, index[f[1]] ?? 0, f.count > 2 ? Double(f[2]) ?? 1 : 1))
    }
    var b = GraphBuilder(nodeCount: ids.count)
    for (s, t, w) in ties { b.addTie(from: s, to: t, weight: w) }
    return (b.build().graph, ids)
}

fileprivate func indegrees(_ g: Graph) -> [Double] { (0 ..< g.nodeCount).map { Double(g.inDegree($0)) } }

/// Collects what a rendered SVG shows: node groups, fills and texts.
fileprivate final class SVGSummary: NSObject, XMLParserDelegate {
    var nodeGroups = 0
    var fills: Set<String> = []
    var texts: [String] = []
    private var inText = false
    private var current = ""
    private var groupClass: [String] = []

    init(_ data: [UInt8]) {
        super.init()
        let parser = XMLParser(data: Data(data))
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if element == "g", attributes["class"] == "node" { nodeGroups += 1 }
        if let fill = attributes["fill"], fill.hasPrefix("#") { fills.insert(fill.uppercased()) }
        if element == "text" { inText = true; current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "text" { inText = false; texts.append(current) }
    }
}

@Suite(.serialized) struct RenderTests {
    @Test func svgShowsPeopleColoursLabelsAndLegend() async throws {
        let (g, ids) = try load("Samples/data/krackhardt/edges_advice.csv")
        var request = MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: ids)
        request.colors = GroupColoring(values: ids.map { $0 < "m08" ? "early" : "late" }, column: "group")
        request.caption = ["advice ties"]
        let map = InfluenceMapBuilder.build(graph: g, request: request)
        let (svg, _) = try await GraphvizSession.shared.render(map, format: .svg)
        let summary = SVGSummary(svg)
        #expect(summary.nodeGroups == 21)
        #expect(summary.fills.contains(Style.palette[0]) && summary.fills.contains(Style.palette[1]))
        for id in ids { #expect(summary.texts.contains(id)) }
        #expect(summary.texts.contains { $0.contains("group: early") })
        #expect(summary.texts.contains { $0.contains("late") })
        #expect(summary.texts.contains("advice ties"))
    }

    @Test func pngHasSignatureAndSize() async throws {
        let (g, ids) = try load("Samples/tiny/edges.csv")
        let map = InfluenceMapBuilder.build(graph: g, request: MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: ids))
        let (png, _) = try await GraphvizSession.shared.render(map, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = png[16 ..< 20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20 ..< 24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 200 && height > 200)
    }

    @Test func rendersAreByteIdentical() async throws {
        let (g, ids) = try load("Samples/data/lazega/edges_advice.csv")
        var request = MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: ids)
        request.seed = 7
        let map = InfluenceMapBuilder.build(graph: g, request: request)
        for format in [MapFormat.png, .svg] {
            let a = try await GraphvizSession.shared.render(map, format: format).bytes
            let b = try await GraphvizSession.shared.render(map, format: format).bytes
            #expect(a == b, "\(format) differs between two renders")
        }
    }

    @Test func awkwardNamesAreDrawnLiterally() async throws {
        let names = ["Ana \"The Boss\" O'Neil", "Back\\slash \\N \\G", "<b>bold</b> & co", "Emoji 🍎", "مريم العلي", "&amp; literal"]
        var b = GraphBuilder(nodeCount: names.count)
        for i in names.indices { b.addTie(from: i, to: (i + 1) % names.count) }
        let g = b.build().graph
        var request = MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: names)
        request.colors = GroupColoring(values: ["T&1", "<T2>", "T&1", "team \\N", "<T2>", "x"], column: "team")
        request.title = "Title \\N & <x>"
        let map = InfluenceMapBuilder.build(graph: g, request: request)
        let (svg, _) = try await GraphvizSession.shared.render(map, format: .svg)
        let texts = SVGSummary(svg).texts
        for name in names { #expect(texts.contains(name), "\(name) not drawn literally") }
        #expect(texts.contains { $0.hasPrefix("Title \\N & <x>") })
        #expect(texts.contains { $0.contains("team \\N") })
        #expect(texts.contains { $0.contains("T&1") })
        // The DOT text quotes and escapes every id and value.
        let dot = map.dotText()
        #expect(dot.contains("\"xlabel\"=\"Back\\\\\\\\slash \\\\\\\\N \\\\\\\\G\""))
        #expect(dot.contains("\"xlabel\"=\"Ana \\\"The Boss\\\" O'Neil\""))
    }

    @Test(arguments: LayoutEngine.allCases)
    func realAdviceNetworksRenderUnderEveryEngine(engine: LayoutEngine) async throws {
        for path in ["Samples/data/krackhardt/edges_advice.csv", "Samples/data/lazega/edges_advice.csv"] {
            let (g, ids) = try load(path)
            var request = MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: ids)
            request.layout = engine
            let map = InfluenceMapBuilder.build(graph: g, request: request)
            let (svg, _) = try await GraphvizSession.shared.render(map, format: .svg)
            #expect(SVGSummary(svg).nodeGroups == g.nodeCount, "\(path) with \(engine)")
        }
    }

    @Test func mutualTiesAreOneTwoHeadedLine() throws {
        var b = GraphBuilder(nodeCount: 3)
        b.addTie(from: 0, to: 1, weight: 1); b.addTie(from: 1, to: 0, weight: 4); b.addTie(from: 1, to: 2, weight: 2)
        let g = b.build().graph
        let map = InfluenceMapBuilder.build(graph: g, request: MapRequest(sizeValues: [0, 0, 0], sizeName: "x", labels: ["a", "b", "c"]))
        #expect(map.lines.count == 2)
        #expect(map.lines[0].mutual && map.lines[0].source == 0 && map.lines[0].target == 1)
        #expect(map.lines[0].width == 3)   // the stronger direction (4) is the strongest weight
        #expect(!map.lines[1].mutual)
    }

    @Test func egoMapKeepsTheNeighbourhood() throws {
        let (g, ids) = try load("Samples/data/krackhardt/edges_reports_to.csv")
        var request = MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: ids)
        let ego = try #require(ids.firstIndex(of: "m07"))
        request.ego = ego
        request.egoRadius = 1
        let map = InfluenceMapBuilder.build(graph: g, request: request)
        let expected = Set([ego] + g.outNeighbors(ego).map(Int.init) + g.inNeighbors(ego).map(Int.init))
        #expect(Set(map.people.map { Int($0.name.dropFirst()) ?? -1 }) == expected)
        #expect(map.people.contains { $0.emphasized && $0.label == "m07" })
    }

    @Test func largeNetworksDropLabelsAndArrowheads() throws {
        let n = 1200
        var b = GraphBuilder(nodeCount: n)
        for v in 0 ..< n { b.addTie(from: v, to: (v * 7 + 1) % n) }
        let g = b.build().graph
        let map = InfluenceMapBuilder.build(graph: g, request: MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: (0 ..< n).map(String.init)))
        #expect(map.layout == .sfdp)
        #expect(!map.arrowheads)
        #expect(map.people.allSatisfy { $0.label == nil })
    }

    @Test func paletteOverflowBecomesOther() throws {
        let n = 12
        let g = Graph(isolates: n)
        var request = MapRequest(sizeValues: [Double](repeating: 1, count: n), sizeName: "x", labels: (0 ..< n).map(String.init))
        request.colors = GroupColoring(values: (0 ..< n).map { "g\($0 % 11)" }, column: "group")
        let map = InfluenceMapBuilder.build(graph: g, request: request)
        // g0 has two people, the ten others one each: the largest nine are g0, then
        // the first eight in name order (g1, g10, g2 … g7); g8 and g9 are "other".
        #expect(map.legend.count == 10)
        #expect(map.legend.last?.label == "other (2 smaller groups)")
        #expect(!map.legend.contains { $0.label.hasSuffix("g8") || $0.label.hasSuffix("g9") })
        #expect(map.people[8].fill == Style.otherFill && map.people[9].fill == Style.otherFill)
        #expect(map.people[10].fill != Style.otherFill)
        #expect(map.caption.contains { $0.contains("colour: group (the 9 largest of 11 values; the other 2 grey)") })
    }

    @Test func coloursStayTheSameOnEgoMaps() throws {
        let (g, ids) = try load("Samples/data/krackhardt/edges_advice.csv")
        let groups = ids.map { "g" + String($0.last ?? "0") }
        var full = MapRequest(sizeValues: indegrees(g), sizeName: "in-degree", labels: ids)
        full.colors = GroupColoring(values: groups, column: "group")
        let whole = InfluenceMapBuilder.build(graph: g, request: full)
        var egoRequest = full
        egoRequest.ego = 0
        let ego = InfluenceMapBuilder.build(graph: g, request: egoRequest)
        let fillByName = Dictionary(uniqueKeysWithValues: whole.people.map { ($0.name, $0.fill) })
        #expect(ego.people.count < whole.people.count)
        for person in ego.people { #expect(person.fill == fillByName[person.name]) }
    }

    @Test func missingPluginsGiveAClearError() {
        let noLayouts = GraphvizSession.pluginProblem(layouts: [], devices: ["png:cairo"], layout: .neato, format: .png)
        #expect(noLayouts?.message.contains("no 'neato' layout plugin") == true)
        #expect(noLayouts?.hint?.contains("libgvc6-config-update -c") == true)
        let noCairo = GraphvizSession.pluginProblem(layouts: ["neato:neato_layout"], devices: ["svg:svg"], layout: .neato, format: .png)
        #expect(noCairo?.message.contains("cannot write PNG") == true)
        #expect(GraphvizSession.pluginProblem(layouts: ["neato:neato_layout"], devices: ["png:cairo"], layout: .neato, format: .png) == nil)
    }

    @Test func installedPluginsCoverEveryEngineAndFormat() async throws {
        for engine in LayoutEngine.allCases {
            for format in [MapFormat.png, .svg, .pdf] {
                try await GraphvizSession.shared.checkPlugins(layout: engine, format: format)
            }
        }
    }
}
