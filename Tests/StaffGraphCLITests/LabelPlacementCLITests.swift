import Foundation
import FoundationXML
import Testing
import StaffGraphRender

/// The names on a Graphviz SVG as `staffgraph` writes it: each person's
/// shape (ellipse or square polygon) and the `<text>` lines inside their node
/// group (their name, one or two lines), in SVG coordinates.
final class MapNames: NSObject, XMLParserDelegate {
    struct Shape { var name: String; var x: Double; var y: Double; var half: Double; var isSquare: Bool }
    var shapes: [Shape] = []
    /// Each name: owner and the box of its lines (estimated widths, DejaVu Sans's ascent and descent).
    var names: [(owner: String, text: String, box: LabelPlacement.Box)] = []
    var leftOut = 0
    private var depth = 0, nodeDepth: Int? = nil
    private var inTitle = false, inText = false
    private var title = "", text = ""
    private var attributes: [String: String] = [:]
    private var shape: Shape? = nil
    private var lines: [(String, LabelPlacement.Box)] = []

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        depth += 1
        if element == "g", a["class"] == "node" { nodeDepth = depth; title = ""; shape = nil; lines = [] }
        if element == "title" { inTitle = true; title = "" }
        if element == "text" { inText = true; text = ""; attributes = a }
        guard nodeDepth != nil, shape == nil else { return }
        if element == "ellipse", let cx = a["cx"].flatMap(Double.init), let cy = a["cy"].flatMap(Double.init), let rx = a["rx"].flatMap(Double.init) {
            shape = Shape(name: "", x: cx, y: cy, half: rx, isSquare: false)
        } else if element == "polygon", let points = a["points"] {
            let v = points.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            let xs = stride(from: 0, to: v.count, by: 2).map { v[$0] }, ys = stride(from: 1, to: v.count, by: 2).map { v[$0] }
            if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
                shape = Shape(name: "", x: (x0 + x1) / 2, y: (y0 + y1) / 2, half: (x1 - x0) / 2, isSquare: true)
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
            let size = attributes["font-size"].flatMap(Double.init) ?? 14
            let x = attributes["x"].flatMap(Double.init) ?? 0, y = attributes["y"].flatMap(Double.init) ?? 0
            if nodeDepth != nil {
                let w = TextMetrics.width(text, fontSize: size)
                let anchor = attributes["text-anchor"] ?? "start"
                let left = anchor == "start" ? x : anchor == "end" ? x - w : x - w / 2
                lines.append((text, LabelPlacement.Box(minX: left, minY: y - TextMetrics.ascent * size, maxX: left + w, maxY: y + TextMetrics.descent * size)))
            } else if text.contains("left out where") {
                leftOut = Int(text.prefix { $0.isNumber }) ?? -1
            }
        }
        if element == "g", depth == nodeDepth {
            nodeDepth = nil
            if !title.hasPrefix("_"), var s = shape {
                s.name = title
                shapes.append(s)
                if let first = lines.first {
                    var box = first.1
                    for (_, b) in lines.dropFirst() {
                        box = LabelPlacement.Box(minX: min(box.minX, b.minX), minY: min(box.minY, b.minY), maxX: max(box.maxX, b.maxX), maxY: max(box.maxY, b.maxY))
                    }
                    names.append((title, lines.map(\.0).joined(separator: " "), box))
                }
            }
        }
        depth -= 1
    }

    /// Names nearer someone else's centre than their own person's, names over
    /// someone else's shape or over another name (by more than 1 pt).
    var problems: [String] {
        var found: [String] = []
        let byName = Dictionary(shapes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for n in names {
            guard let own = byName[n.owner] else { found.append("\(n.text): no shape"); continue }
            let mine = n.box.distance(to: MapPoint(x: own.x, y: own.y))
            for s in shapes where s.name != n.owner {
                let d = n.box.distance(to: MapPoint(x: s.x, y: s.y))
                if d <= mine { found.append("\(n.text) is as near \(s.name) (\(d) ≤ \(mine))") }
                let over = s.isSquare ? n.box.distance(to: LabelPlacement.Box(minX: s.x - s.half + 1, minY: s.y - s.half + 1, maxX: s.x + s.half - 1, maxY: s.y + s.half - 1)) == 0
                                      : d < s.half - 1
                if over { found.append("\(n.text) is over \(s.name)") }
            }
        }
        for i in names.indices {
            for j in names.indices where j > i {
                let a = names[i].box, b = names[j].box
                if min(a.maxX, b.maxX) - max(a.minX, b.minX) > 1 && min(a.maxY, b.maxY) - max(a.minY, b.minY) > 1 { found.append("\(names[i].text) overlaps \(names[j].text)") }
            }
        }
        return found
    }
}

@Suite(.serialized) struct LabelPlacementCLITests {
    @Test func compareMapsKeepEveryNameByItsPerson() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-labels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runStaffGraph(["compare", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice",
                                     "-o", dir.path, "--map-format", "svg"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".svg") && $0 != "trend.svg" }.sorted()
        #expect(files.contains("diff_fall_winter.svg") && files.contains("map_spring.svg") && files.contains("waves.svg"))
        for file in files {
            let map = MapNames(try Data(contentsOf: dir.appendingPathComponent(file)))
            #expect(map.problems.isEmpty, "\(file): \(map.problems.prefix(8).joined(separator: "; "))")
            #expect(!map.names.isEmpty, "\(file): no names drawn")
            print("labels compare \(file): \(map.names.count) drawn, \(map.leftOut) left out")
        }
    }

    @Test func drawKrackhardtReportsToUnderDot() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-labels-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runStaffGraph(["draw", "Samples/data/krackhardt/edges_reports_to.csv", "--nodes", "Samples/data/krackhardt/nodes.csv",
                                     "--relation", "reports to", "--layout", "dot", "--color-by", "dept", "--formal", "level=1,2", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let map = MapNames(try Data(contentsOf: out))
        #expect(map.problems.isEmpty, "\(map.problems.joined(separator: "; "))")
        #expect(map.names.count == 21 && map.leftOut == 0)
        // Along the bottom row, each name sits under its own person: m10's name is nearest m10.
        let m10 = try #require(map.names.first { $0.text == "m10" })
        let nearest = map.shapes.min { m10.box.distance(to: MapPoint(x: $0.x, y: $0.y)) < m10.box.distance(to: MapPoint(x: $1.x, y: $1.y)) }
        #expect(nearest?.name == m10.owner)
    }
}
