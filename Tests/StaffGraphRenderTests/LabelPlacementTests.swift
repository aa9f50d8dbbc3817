import Foundation
import FoundationXML
import Testing
import StaffGraphCore
@testable import StaffGraphRender

fileprivate let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

// MARK: - Reading the geometry of a Graphviz SVG

/// What a rendered influence map shows, read from Graphviz's SVG: each
/// person's shape and the names drawn, in SVG coordinates (y downwards).
struct SVGGeometry {
    struct Shape {
        var name: String
        var x: Double, y: Double
        /// Circle radius, or half a square's side.
        var half: Double
        var isSquare: Bool
    }
    struct Text {
        var text: String
        var owner: String
        var anchor: String
        var x: Double, y: Double
        var fontSize: Double
        /// The text's box: its estimated width, and DejaVu Sans's ascent above and descent below the baseline.
        var box: LabelPlacement.Box {
            let w = TextMetrics.width(text, fontSize: fontSize)
            let left = anchor == "start" ? x : anchor == "end" ? x - w : x - w / 2
            return LabelPlacement.Box(minX: left, minY: y - TextMetrics.ascent * fontSize, maxX: left + w, maxY: y + TextMetrics.descent * fontSize)
        }
    }
    var shapes: [Shape] = []
    /// Each `<text>` inside a person's node group: the lines of their name.
    var lines: [Text] = []
    var caption: [String] = []

    /// One name per person (its lines joined by a space) with the box of all its lines.
    var names: [(text: String, owner: String, box: LabelPlacement.Box)] {
        var result: [(text: String, owner: String, box: LabelPlacement.Box)] = []
        for line in lines {
            if let last = result.last, last.owner == line.owner {
                let a = last.box, b = line.box
                result[result.count - 1] = (last.text + " " + line.text, last.owner,
                                            LabelPlacement.Box(minX: min(a.minX, b.minX), minY: min(a.minY, b.minY), maxX: max(a.maxX, b.maxX), maxY: max(a.maxY, b.maxY)))
            } else {
                result.append((line.text, line.owner, line.box))
            }
        }
        return result
    }
}

/// Parses Graphviz's SVG: `<g class="node">` groups with their `<title>`,
/// first `<ellipse>` or `<polygon>`, and `<text>` (the name, an xlabel).
/// Nodes named `_…` (frame corners, pinned texts) are not people.
fileprivate final class SVGGeometryParser: NSObject, XMLParserDelegate {
    var geometry = SVGGeometry()
    private var depth = 0
    private var nodeDepth: Int? = nil
    private var inTitle = false, inText = false
    private var title = "", text = ""
    private var textAttributes: [String: String] = [:]
    private var shape: SVGGeometry.Shape? = nil
    private var nodeTexts: [SVGGeometry.Text] = []

    static func parse(_ data: [UInt8]) -> SVGGeometry {
        let delegate = SVGGeometryParser()
        let parser = XMLParser(data: Data(data))
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        return delegate.geometry
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        if element == "g", attributes["class"] == "node" {
            nodeDepth = depth; title = ""; shape = nil; nodeTexts = []
        }
        if element == "title" { inTitle = true; title = "" }
        if element == "text" { inText = true; text = ""; textAttributes = attributes }
        guard nodeDepth != nil, shape == nil else { return }
        if element == "ellipse", let cx = attributes["cx"].flatMap(Double.init), let cy = attributes["cy"].flatMap(Double.init),
           let rx = attributes["rx"].flatMap(Double.init) {
            shape = .init(name: "", x: cx, y: cy, half: rx, isSquare: false)
        } else if element == "polygon", let points = attributes["points"] {
            let v = points.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            let xs = stride(from: 0, to: v.count, by: 2).map { v[$0] }, ys = stride(from: 1, to: v.count, by: 2).map { v[$0] }
            if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
                shape = .init(name: "", x: (x0 + x1) / 2, y: (y0 + y1) / 2, half: (x1 - x0) / 2, isSquare: true)
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title += string }
        if inText { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "title" { inTitle = false }
        if element == "text" {
            inText = false
            if nodeDepth != nil {
                nodeTexts.append(.init(text: text, owner: "", anchor: textAttributes["text-anchor"] ?? "start",
                                       x: textAttributes["x"].flatMap(Double.init) ?? 0, y: textAttributes["y"].flatMap(Double.init) ?? 0,
                                       fontSize: textAttributes["font-size"].flatMap(Double.init) ?? 14))
            } else if textAttributes["font-size"] == "9.00" {
                geometry.caption.append(text)
            }
        }
        if element == "g", depth == nodeDepth {
            nodeDepth = nil
            if !title.hasPrefix("_"), var s = shape {
                s.name = title
                geometry.shapes.append(s)
                for var t in nodeTexts { t.owner = title; geometry.lines.append(t) }
            }
        }
        depth -= 1
    }
}

/// Everything wrong with the names on a rendered map: a name nearer someone
/// else's centre than its own person's (distance from the centre to the
/// name's box), two names overlapping by more than `tolerance`, a name
/// overlapping someone else's shape by more than `tolerance`.
func labelProblems(_ g: SVGGeometry, tolerance: Double = 1) -> [String] {
    var problems: [String] = []
    let byName = Dictionary(g.shapes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let names = g.names
    for t in names {
        guard let own = byName[t.owner] else { problems.append("\(t.text): no shape for \(t.owner)"); continue }
        let box = t.box
        let mine = box.distance(to: MapPoint(x: own.x, y: own.y))
        for s in g.shapes where s.name != t.owner {
            let d = box.distance(to: MapPoint(x: s.x, y: s.y))
            if d <= mine { problems.append("\(t.text) (\(t.owner)): \(s.name) is as near or nearer (\(d) vs \(mine))") }
            let inside: Double
            if s.isSquare {
                let other = LabelPlacement.Box(minX: s.x - s.half, minY: s.y - s.half, maxX: s.x + s.half, maxY: s.y + s.half)
                inside = min(box.maxX, other.maxX) - max(box.minX, other.minX) > tolerance && min(box.maxY, other.maxY) - max(box.minY, other.minY) > tolerance ? 1 : 0
            } else {
                inside = s.half - d > tolerance ? 1 : 0
            }
            if inside > 0 { problems.append("\(t.text) (\(t.owner)) overlaps \(s.name)'s shape") }
        }
    }
    let boxes = names.map(\.box)
    for i in boxes.indices {
        for j in boxes.indices where j > i {
            let a = boxes[i], b = boxes[j]
            if min(a.maxX, b.maxX) - max(a.minX, b.minX) > tolerance && min(a.maxY, b.maxY) - max(a.minY, b.minY) > tolerance {
                problems.append("\(names[i].text) overlaps \(names[j].text)")
            }
        }
    }
    return problems
}

/// "12 names left out where they would overlap" → 12; none → 0.
func namesLeftOut(_ g: SVGGeometry) -> Int {
    for line in g.caption where line.contains("left out where") {
        return Int(line.prefix { $0.isNumber }) ?? -1
    }
    return 0
}

// MARK: - Data

/// A CSV as rows of fields (no quoting in the samples used here).
fileprivate func rows(_ path: String) throws -> [[String]] {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// The sample school: ids, names, teams, roles, the advice graph of each wave, and who is on staff per wave.
fileprivate struct School {
    var ids: [String] = [], names: [String] = [], teams: [String] = [], roles: [String] = []
    var graphs: [Graph] = []
    var present: [[Bool]] = []

    init() throws {
        let roster = try rows("Samples/school/roster.csv")
        let header = roster[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
        let body = roster.dropFirst()
        ids = body.map { $0[column("id")] }
        names = body.map { $0[column("name")] }
        teams = body.map { $0[column("team")] }
        roles = body.map { $0[column("role")] }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let waves = ["fall", "winter", "spring"]
        present = waves.map { w in body.map { $0[column("responded_\(w)")] != "absent" } }
        var builders = waves.map { _ in GraphBuilder(nodeCount: ids.count) }
        for f in try rows("Samples/school/edges.csv").dropFirst() {
            guard f[3] == "advice", let w = waves.firstIndex(of: f[4]), let s = index[f[0]], let t = index[f[1]] else { continue }
            builders[w].addTie(from: s, to: t, weight: Double(f[2]) ?? 1)
        }
        graphs = builders.map { $0.build().graph }
    }

    /// The request `staffgraph draw` makes for wave `w`: names, team colours, in-degree sizes.
    func request(wave w: Int) -> MapRequest {
        var r = MapRequest(sizeValues: inDegrees(graphs[w]), sizeName: "in-degree", labels: names, labelMode: .all)
        r.colors = GroupColoring(values: teams, column: "team")
        r.present = present[w]
        r.formal = roles.map { $0 == "principal" || $0 == "assistant principal" }
        return r
    }
}

fileprivate func inDegrees(_ g: Graph) -> [Double] { (0 ..< g.nodeCount).map { Double(g.inDegree($0)) } }

/// An edge list (source,target[,weight]) with a roster of ids (first column), as a graph.
fileprivate func network(_ edges: String, nodes: String) throws -> (graph: Graph, ids: [String], roster: [[String]]) {
    let roster = try rows(nodes)
    let ids = roster.dropFirst().map { $0[0] }
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    var b = GraphBuilder(nodeCount: ids.count)
    for f in try rows(edges).dropFirst() {
        guard let s = index[f[0]], let t = index[f[1]] else { continue }
        b.addTie(from: s, to: t, weight: f.count > 2 ? Double(f[2]) ?? 1 : 1)
    }
    return (b.build().graph, ids, roster)
}

/// A district of `schools` schools of `perSchool` people, in teams of about
/// eight: most advice ties within a team, some within the school, a few
/// across schools; a fixed linear congruential generator, so always the same.
fileprivate func district(schools: Int, perSchool: Int) -> (graph: Graph, names: [String], teams: [String]) {
    let n = schools * perSchool
    var state: UInt64 = 0x5DEECE66D
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    let first = ["Ana", "Ben", "Chloé", "David", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya"]
    let last = ["Okafor", "Lindqvist", "Nakamura", "Fernández", "Schmidt", "Haddad", "Kowalski", "Osei", "Rossi", "Dubois", "Ivanova", "Brennan"]
    let names = (0 ..< n).map { "\(first[$0 % first.count]) \(last[($0 / first.count) % last.count]) \($0)" }
    let teams = (0 ..< n).map { "s\($0 / perSchool)-t\(($0 % perSchool) / 8)" }
    var b = GraphBuilder(nodeCount: n)
    for v in 0 ..< n {
        let school = v / perSchool, team = (v % perSchool) / 8
        for _ in 0 ..< 4 {
            let roll = next(100)
            let t: Int
            if roll < 60 { t = school * perSchool + min(perSchool - 1, team * 8 + next(8)) }
            else if roll < 95 { t = school * perSchool + next(perSchool) }
            else { t = next(n) }
            if t != v { b.addTie(from: v, to: t, weight: Double(1 + next(3))) }
        }
    }
    return (b.build().graph, names, teams)
}

// MARK: - Tests

@Suite(.serialized) struct LabelPlacementTests {
    /// Renders `map` as SVG and checks every drawn name; returns (drawn, left out).
    @discardableResult
    fileprivate func check(_ map: InfluenceMap, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (drawn: Int, leftOut: Int) {
        let svg = try await GraphvizSession.shared.render(map, format: .svg).bytes
        let g = SVGGeometryParser.parse(svg)
        let problems = labelProblems(g)
        #expect(problems.isEmpty, "\(what): \(problems.prefix(10).joined(separator: "; "))", sourceLocation: sourceLocation)
        let wanted = map.people.filter { $0.label != nil && $0.style != .hidden }.count
        // A map too large to draw at full size is drawn without names (but an ego's), its caption says so.
        let scaledDown = String(decoding: svg, as: UTF8.self).contains("names left out: this map is drawn at")
        if scaledDown {
            #expect(g.names.count == map.people.filter { $0.label != nil && $0.style != .hidden && $0.emphasized }.count,
                    "\(what): scaled down, only an ego keeps a name", sourceLocation: sourceLocation)
        }
        let leftOut = scaledDown ? wanted - g.names.count : namesLeftOut(g)
        #expect(g.names.count + leftOut == wanted, "\(what): \(g.names.count) drawn + \(leftOut) left out ≠ \(wanted)", sourceLocation: sourceLocation)
        #expect(g.shapes.count == map.people.filter { $0.style != .hidden }.count, "\(what): shapes", sourceLocation: sourceLocation)
        print("labels \(what): \(g.names.count) drawn, \(leftOut) left out of \(wanted)")
        return (g.names.count, leftOut)
    }

    @Test func schoolWaves() async throws {
        let school = try School()
        for w in 0 ..< 3 {
            let map = InfluenceMapBuilder.build(graph: school.graphs[w], request: school.request(wave: w))
            let (drawn, _) = try await check(map, "school advice wave \(w)")
            #expect(drawn >= 45, "most names fit on the sample school's map")
        }
    }

    @Test func egoAndTeamBoxMaps() async throws {
        let school = try School()
        var ego = school.request(wave: 0)
        let p33: Int = try #require(school.ids.firstIndex(of: "p33"))
        ego.ego = p33
        ego.egoRadius = 1
        try await check(InfluenceMapBuilder.build(graph: school.graphs[0], request: ego), "ego p33")
        var boxes = school.request(wave: 0)
        boxes.clusterGroups = school.teams
        try await check(InfluenceMapBuilder.build(graph: school.graphs[0], request: boxes), "team boxes (neato)")
        boxes.layout = .dot
        try await check(InfluenceMapBuilder.build(graph: school.graphs[0], request: boxes), "team boxes (dot)")
    }

    @Test func pinnedSeriesDifferenceMapAndPanels() async throws {
        let school = try School()
        let n = school.ids.count
        let everPresent = (0 ..< n).map { v in school.present.contains { $0[v] } }
        var union = GraphBuilder(nodeCount: n)
        for g in school.graphs { for t in g.ties { union.addTie(from: t.source, to: t.target) } }
        var unionRequest = school.request(wave: 0)
        unionRequest.sizeValues = (0 ..< n).map { v in school.graphs.map { Double($0.inDegree(v)) }.max() ?? 0 }
        unionRequest.present = everPresent
        let positions = try await GraphvizSession.shared.layoutPositions(InfluenceMapBuilder.build(graph: union.build().graph, request: unionRequest))
        var maps: [InfluenceMap] = []
        for w in 0 ..< 3 {
            var r = school.request(wave: w)
            r.ghosts = everPresent
            maps.append(InfluenceMapBuilder.build(graph: school.graphs[w], request: r))
        }
        // Difference fall → winter, as compare draws it.
        var lines: [DifferenceLine] = []
        for v in 0 ..< n {
            for t in school.graphs[0].outNeighbors(v) {
                lines.append(DifferenceLine(source: v, target: Int(t), kind: school.graphs[1].hasEdge(from: v, to: Int(t)) ? .stable : .dissolved))
            }
            for t in school.graphs[1].outNeighbors(v) where !school.graphs[0].hasEdge(from: v, to: Int(t)) {
                lines.append(DifferenceLine(source: v, target: Int(t), kind: .new))
            }
        }
        var r = school.request(wave: 1)
        r.present = (0 ..< n).map { school.present[0][$0] || school.present[1][$0] }
        r.ghosts = everPresent
        maps.append(InfluenceMapBuilder.buildDifference(nodeCount: n, lines: lines, request: r))
        let pinned = PinnedLayout.pin(maps, at: positions)
        var transforms: Set<String> = []
        for (k, map) in pinned.enumerated() {
            try await check(map, k < 3 ? "pinned wave \(k)" : "difference fall → winter")
            let svg = String(decoding: try await GraphvizSession.shared.render(map, format: .svg).bytes, as: UTF8.self)
            if let range = svg.range(of: #"class="graph" transform="[^"]*""#, options: .regularExpression) { transforms.insert(String(svg[range])) }
        }
        // Names stay inside the shared frame: every map of the series keeps one page.
        #expect(transforms.count == 1, "\(transforms)")
        // Small multiples: three panels side by side, five names each.
        let panels = (0 ..< 3).map { w in
            var r = school.request(wave: w)
            r.labelMode = .top(5)
            r.ghosts = everPresent
            return InfluenceMapBuilder.build(graph: school.graphs[w], request: r)
        }
        try await check(PinnedLayout.sideBySide(panels, titles: ["fall", "winter", "spring"], positions: positions), "side by side")
    }

    @Test(arguments: [LayoutEngine.dot, .neato, .sfdp, .fdp, .circo])
    func krackhardtReportsTo(engine: LayoutEngine) async throws {
        let (g, ids, roster) = try network("Samples/data/krackhardt/edges_reports_to.csv", nodes: "Samples/data/krackhardt/nodes.csv")
        let header = roster[0]
        let dept = header.firstIndex(of: "dept") ?? 0, level = header.firstIndex(of: "level") ?? 0
        var r = MapRequest(sizeValues: inDegrees(g), sizeName: "in-degree", labels: ids)
        r.colors = GroupColoring(values: roster.dropFirst().map { $0[dept] }, column: "dept")
        r.formal = roster.dropFirst().map { $0[level] == "1" || $0[level] == "2" }
        r.layout = engine
        let (drawn, leftOut) = try await check(InfluenceMapBuilder.build(graph: g, request: r), "Krackhardt reports-to, \(engine)")
        #expect(leftOut == 0 && drawn == 21, "all 21 names fit on Krackhardt's reports-to map (\(engine))")
    }

    @Test func lazegaAdvice() async throws {
        let (g, ids, _) = try network("Samples/data/lazega/edges_advice.csv", nodes: "Samples/data/lazega/nodes.csv")
        for engine in [LayoutEngine.neato, .sfdp, .dot] {
            var r = MapRequest(sizeValues: inDegrees(g), sizeName: "in-degree", labels: ids)
            r.layout = engine
            let (drawn, _) = try await check(InfluenceMapBuilder.build(graph: g, request: r), "Lazega advice, \(engine)")
            // dot ranks 717 advice ties into a drawing of about 122 × 54 inches: too large for
            // readable names, so they are left out; the force-directed layouts keep every name.
            #expect(engine == .dot ? drawn == 0 : drawn == 71, "Lazega advice, \(engine): \(drawn) names")
        }
    }

    @Test func generatedDistrictOf600() async throws {
        let (g, names, teams) = district(schools: 5, perSchool: 120)
        var r = MapRequest(sizeValues: inDegrees(g), sizeName: "in-degree", labels: names, labelMode: .all)
        r.colors = GroupColoring(values: teams.map { String($0.prefix(2)) }, column: "school")
        let map = InfluenceMapBuilder.build(graph: g, request: r)
        #expect(map.layout == .sfdp)
        let (drawn, leftOut) = try await check(map, "district of 600, every name asked for")
        #expect(drawn > 0 && leftOut > 0)
        // Those kept are the most sought: nobody drawn is smaller than anyone left out.
        let svg = try await GraphvizSession.shared.render(map, format: .svg).bytes
        let drawnNames = Set(SVGGeometryParser.parse(svg).names.map(\.text))
        let kept = map.people.filter { $0.label.map(drawnNames.contains) == true }.map(\.diameter)
        let dropped = map.people.filter { $0.label.map { !drawnNames.contains($0) } == true }.map(\.diameter)
        #expect((kept.max() ?? 0) >= (dropped.max() ?? 0))
        var top = r
        top.labelMode = .top(30)
        try await check(InfluenceMapBuilder.build(graph: g, request: top), "district of 600, top 30")
    }

    @Test func sameBytesTwice() async throws {
        let school = try School()
        var r = school.request(wave: 0)
        r.clusterGroups = school.teams
        for map in [InfluenceMapBuilder.build(graph: school.graphs[0], request: school.request(wave: 0)),
                    InfluenceMapBuilder.build(graph: school.graphs[0], request: r)] {
            for format in [MapFormat.svg, .png] {
                let a = try await GraphvizSession.shared.render(map, format: format).bytes
                let b = try await GraphvizSession.shared.render(map, format: format).bytes
                #expect(a == b, "\(format) differs between two renders")
            }
        }
        // The placement itself, on its own.
        let pinned = try await pinnedSchool(school)
        #expect(pinned.placingLabels() == pinned.placingLabels())
    }

    /// The fall map pinned at its own layout (what render does before placing names).
    fileprivate func pinnedSchool(_ school: School) async throws -> InfluenceMap {
        var map = InfluenceMapBuilder.build(graph: school.graphs[0], request: school.request(wave: 0))
        map.pinnedPositions = try await GraphvizSession.shared.layoutPositions(map)
        return map
    }

    @Test func widthsAreNeverNarrowerThanGraphvizs() async throws {
        // Graphviz's own measurement (Pango) of every name, read from its xdot output.
        let school = try School()
        let lazega = try rows("Samples/data/lazega/nodes.csv").dropFirst().map { $0[0] }
        let texts = school.names + lazega + ["Ana \"The Boss\" O'Neil", "WWWWWWWW", "iiiiiiii", "Zoë Ñúñez-Ångström", "Мария Иванова"]
        let measured = try await GraphvizSession.shared.measuredTextWidths(texts)
        #expect(measured.count == texts.count)
        for (text, width) in zip(texts, measured) {
            let estimate = TextMetrics.width(text, fontSize: 9)
            #expect(estimate >= width, "\(text): estimated \(estimate) < Graphviz's \(width)")
            #expect(estimate <= width * 1.15 + 2, "\(text): estimated \(estimate), far wider than Graphviz's \(width)")
        }
    }

    @Test func placementRulesOnAHandMadeCase() {
        // Three people in a row 30 pt apart: a long name fits only above or below the middle one.
        let nodes = [MapPoint(x: 0, y: 0), MapPoint(x: 30, y: 0), MapPoint(x: 60, y: 0)].map { LabelPlacement.Node(centre: $0, halfSize: 5) }
        let boxes = LabelPlacement.place([.init(node: 1, width: 50, height: 10.8)], nodes: nodes)
        let box = try? #require(boxes.first ?? nil)?.box
        if let box {
            let own = box.distance(to: nodes[1].centre)
            #expect(own < box.distance(to: nodes[0].centre) - 0.99 && own < box.distance(to: nodes[2].centre) - 0.99)
            #expect(box.minY >= 7 - 0.01 || box.maxY <= -7 + 0.01)
        }
        // Two people at the same place: neither name can be nearer its own person.
        let twins = [MapPoint(x: 0, y: 0), MapPoint(x: 0, y: 0)].map { LabelPlacement.Node(centre: $0, halfSize: 5) }
        #expect(LabelPlacement.place([.init(node: 0, width: 20, height: 10.8), .init(node: 1, width: 20, height: 10.8)], nodes: twins) == [nil, nil])
        // Priority: when two names compete for the only room, the first is kept.
        let crowd = [MapPoint(x: 0, y: 0), MapPoint(x: 0, y: 14)].map { LabelPlacement.Node(centre: $0, halfSize: 5) }
        let bounds = LabelPlacement.Box(minX: -8, minY: -30, maxX: 200, maxY: 40)
        let placed = LabelPlacement.place([.init(node: 1, width: 150, height: 10.8), .init(node: 0, width: 150, height: 10.8)], nodes: crowd, bounds: bounds)
        #expect(placed[0] != nil)
        for spot in placed.compactMap({ $0 }) { #expect(bounds.contains(spot.box)) }
    }

    @Test func threeThousandPeopleAreQuick() async throws {
        let (g, names, teams) = district(schools: 25, perSchool: 120)
        var r = MapRequest(sizeValues: inDegrees(g), sizeName: "in-degree", labels: names, labelMode: .all)
        r.colors = GroupColoring(values: teams.map { String($0.prefix(3)) }, column: "school")
        var map = InfluenceMapBuilder.build(graph: g, request: r)
        // The builder leaves names out above 1,000 people; put them all back to time the placement.
        for i in map.people.indices { map.people[i].label = names[Int(map.people[i].name.dropFirst()) ?? 0] }
        map.pinnedPositions = try await GraphvizSession.shared.layoutPositions(map)
        let clock = ContinuousClock()
        var placed = map
        let elapsed = clock.measure { placed = map.placingLabels() }
        let drawn = placed.placedLabels?.count ?? 0
        print("labels 3,000 people: \(drawn) placed, \(map.people.count - drawn) left out, in \(elapsed)")
        #expect(drawn > 300)
        #expect(elapsed < .seconds(20), "placing 3,000 names took \(elapsed) (debug build)")
    }
}
