import Foundation
import Testing
import StaffGraphCore
import StaffGraphRender
@testable import StaffGraphReport

/// The repository root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A demo report page: a small fictional school, two waves of advice ties
/// drawn by Graphviz through StaffGraphRender, charts, tables and findings.
enum HTMLDemo {
    static let names = ["Amara Okafor", "Ben Carter", "Zoë Brontë", "José Álvarez", "Siobhán O'Neil", "Priya Nair", "Tom Fischer",
                        "Lena Müller", "Kwame Mensah", "Hana Sato", "Oliver Grant", "Sofia Rossi", "Mateo López", "Ruth Adeyemi"]
    static let roles = ["principal", "head of maths", "teacher", "teacher", "head of science", "teacher", "teacher",
                        "head of English", "teacher", "teacher", "teacher", "coach", "teacher", "teacher"]
    static let teams = ["Leadership", "Maths", "Maths", "Maths", "Science", "Science", "Science",
                        "English", "English", "English", "Maths", "Leadership", "Science", "English"]
    static let autumn: [(Int, Int)] = [(1, 0), (2, 1), (3, 1), (10, 1), (2, 3), (5, 4), (6, 4), (12, 4), (4, 0), (8, 7), (9, 7), (13, 7),
                                       (7, 0), (11, 0), (3, 11), (6, 11), (9, 11), (13, 8), (12, 5), (10, 2), (1, 11), (5, 6)]
    static let spring: [(Int, Int)] = [(1, 0), (2, 1), (3, 1), (10, 1), (5, 4), (6, 4), (12, 4), (4, 0), (8, 7), (9, 7), (13, 7),
                                       (7, 0), (11, 0), (3, 11), (6, 11), (9, 11), (2, 11), (12, 11), (10, 11), (8, 11), (4, 11), (13, 8)]

    static func graph(_ ties: [(Int, Int)]) -> Graph {
        var b = GraphBuilder(nodeCount: names.count)
        for (s, t) in ties { b.addTie(from: s, to: t) }
        return b.build().graph
    }

    static func map(_ g: Graph) -> InfluenceMap {
        var request = MapRequest(sizeValues: (0 ..< g.nodeCount).map { Double(g.inDegree($0)) }, sizeName: "times asked for advice", labels: names)
        request.colors = GroupColoring(values: teams, column: "team")
        request.formal = roles.map { $0 == "principal" || $0.hasPrefix("head") }
        request.formalRule = "principal, heads"
        request.sizeMaximum = 8
        return InfluenceMapBuilder.build(graph: g, request: request)
    }

    static func svgs() async throws -> [String] {
        let graphs = [graph(autumn), graph(spring)]
        let maps = graphs.map(map)
        let positions = try await GraphvizSession.shared.layoutPositions(map(graph(autumn + spring)))
        var out: [String] = []
        for m in PinnedLayout.pin(maps, at: positions) {
            out.append(String(decoding: try await GraphvizSession.shared.render(m, format: .svg).bytes, as: UTF8.self))
        }
        return out
    }

    static func page() async throws -> String {
        let graphs = [graph(autumn), graph(spring)]
        let svgs = try await svgs()
        let people = names.indices.map { v in
            InteractiveMap.Person(nodeName: "n\(v)", name: names[v], role: roles[v], team: teams[v])
        }
        func figures(_ g: Graph) -> [[InteractiveMap.Figure]] {
            (0 ..< g.nodeCount).map { [.init("asked for advice by", String(g.inDegree($0))), .init("asks", String(g.outDegree($0)))] }
        }
        let interactive = InteractiveMap(id: "advice", layers: [
            .init(title: "Advice · autumn", svg: svgs[0], caption: "Who asked whom for advice on teaching in the autumn survey (13 of 14 answered).", figures: figures(graphs[0])),
            .init(title: "Advice · spring", svg: svgs[1], caption: "The same question in spring (14 of 14 answered).", figures: figures(graphs[1])),
        ], people: people)

        let g = graphs[1]
        let order = (0 ..< g.nodeCount).sorted { (g.inDegree($0), $1) > (g.inDegree($1), $0) }
        let top = order.prefix(5)
        let table = HTMLTable(columns: [.init("Person"), .init("Role"), .init("Team"), .init("Asked by", numeric: true, explanation: "people who named them (in-degree)"),
                                        .init("Share of requests", numeric: true)],
                              rows: order.map { v in [.text(names[v]), .text(roles[v]), .text(teams[v]), .integer(g.inDegree(v)),
                                                      .percent(Double(g.inDegree(v)) / Double(spring.count), decimals: 1)] },
                              caption: "Everyone, most sought first (spring)")
        let teamNames = ["Leadership", "Maths", "Science", "English"]
        let density: [[Double?]] = teamNames.map { a in
            teamNames.map { b in
                let from = names.indices.filter { teams[$0] == a }, to = names.indices.filter { teams[$0] == b }
                let possible = from.count * to.count - (a == b ? from.count : 0)
                guard possible > 0 else { return nil }
                let ties = spring.filter { teams[$0.0] == a && teams[$0.1] == b }.count
                return Double(ties) / Double(possible)
            }
        }
        let lorenz = LorenzCurve(values: (0 ..< g.nodeCount).map { Double(g.inDegree($0)) }, title: "How evenly advice requests are spread (spring)")
        let bars = BarChart(bars: top.map { BarChart.Bar(names[$0], Double(g.inDegree($0)), highlighted: $0 == 11) }, title: "The five most sought people (spring)")
        let heat = HeatMap(rowLabels: teamNames, columnLabels: teamNames, values: density, title: "Advice ties between teams (spring)")
        var heatChart = heat
        heatChart.rowTitle = "team asking"
        heatChart.columnTitle = "team asked"

        var page = HTMLPage(title: "Advice at Hillside School", body: [
            .element("h1", text: "Advice at Hillside School"),
            .element("p", [HTMLAttribute("class", "sg-lede")], text: "Who staff turn to for advice on teaching, from the autumn and spring staff surveys. Names are shown as the school entered them."),
            HTMLKit.tableOfContents([.init(id: "sought", title: "Who is sought out"), .init(id: "spread", title: "How evenly advice is spread"),
                                     .init(id: "teams", title: "Advice between teams"), .init(id: "map", title: "The advice map")]),
            HTMLKit.section(id: "sought", title: "Who is sought out", [
                HTMLKit.finding(.text("Sofia Rossi, the coach, is now the person most often asked for advice: 8 of 14 colleagues name her, up from 3 in the autumn."),
                                numbers: table, note: "Asked by = how many colleagues named this person (in-degree)."),
                HTMLKit.figure(bars.fragment, caption: "Spring survey; the coach is highlighted."),
            ]),
            HTMLKit.section(id: "spread", title: "How evenly advice is spread", [
                HTMLKit.finding("A few people carry most of the requests: the most sought fifth of staff receive about half of them."),
                HTMLKit.figure(lorenz.fragment, caption: "The further the curve sags below the diagonal, the more a few people carry."),
            ]),
            HTMLKit.section(id: "teams", title: "Advice between teams", [
                HTMLKit.finding("Most advice stays inside a team; Science and English hardly ask each other."),
                HTMLKit.figure(heatChart.fragment, caption: "Share of possible ties from the row team to the column team; – where there is nobody to ask."),
            ]),
            HTMLKit.section(id: "map", title: "The advice map", [
                HTMLKit.paragraph("Each circle is a person (squares: formal leaders); bigger means asked more often. Hover, tap or tab to a person to see their numbers."),
                interactive.html(),
            ]),
        ])
        page.footer = .text("Made with StaffGraph \(ReportLibrary.version). Layout seed 1.")
        return page.render()
    }
}

@Suite struct HTMLBrowserTests {
    /// Runs the browser check on `file`; returns its exit status and JSON.
    private func browserCheck(_ arguments: [String]) throws -> (Int32, [String: Any]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("Scripts/browser_check.py").path] + arguments
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? ["raw": String(decoding: data, as: UTF8.self)]
        return (process.terminationStatus, json)
    }

    @Test func demoPageIsDeterministicAndOffline() async throws {
        let a = try await HTMLDemo.page()
        let b = try await HTMLDemo.page()
        #expect(a == b)
        #expect(!a.contains("http:") && !a.contains("https:"))
        #expect(!a.contains("<!--"))
        #expect(a.contains("data-person=\"p3\""))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["STAFFGRAPH_SKIP_BROWSER"] == nil,
                   "set STAFFGRAPH_SKIP_BROWSER to skip; Scripts/install-deps.sh installs chromium"))
    func demoPagePassesTheBrowserCheck() async throws {
        let html = try await HTMLDemo.page()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-html-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("demo report.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        try? html.write(toFile: "/tmp/html-kit-demo.html", atomically: true, encoding: .utf8)
        let shot = folder.appendingPathComponent("demo.png")

        // Accent- and case-insensitive search on the first layer.
        let (status, result) = try browserCheck([file.path, "--search", "zoe", "--expect-hit-selector", ".sg-node.sg-hit",
                                                 "--screenshot", shot.path, "--expect-text", "Who is sought out", "--expect-text", "Advice · autumn"])
        #expect(status == 0, "\(result)")
        #expect(result["ok"] as? Bool == true)
        let search = result["search"] as? [String: Any]
        #expect(search?["people"] as? [String] == ["p3"])
        #expect((search?["message"] as? String)?.contains("Zoë Brontë") == true)
        let screenshot = result["screenshot"] as? [String: Any]
        #expect((screenshot?["non_background_share"] as? Double ?? 0) > 0.01)
        if FileManager.default.fileExists(atPath: shot.path) {
            try? FileManager.default.removeItem(atPath: "/tmp/html-kit-demo.png")
            try? FileManager.default.copyItem(atPath: shot.path, toPath: "/tmp/html-kit-demo.png")
        }

        // Switch to the second layer, then search: the hit is on the layer shown.
        let (status2, result2) = try browserCheck([file.path, "--click", ".sg-layer-button[data-layer='1']", "--search", "SIOBHAN",
                                                   "--expect-text", "Advice · spring"])
        #expect(status2 == 0, "\(result2)")
        #expect((result2["search"] as? [String: Any])?["people"] as? [String] == ["p5"])
    }
}
