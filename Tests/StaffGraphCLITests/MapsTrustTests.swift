import Foundation
import Testing

// Maps a principal can trust: one colour per team in every output, codebook
// labels, leavers marked alike on every map, absent egos refused.

/// A fresh folder (created) for a test's outputs.
fileprivate func folder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-maps-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

fileprivate func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// The sample school's roster rows: (id, team), in roster order.
fileprivate let schoolTeams: [(id: String, team: String)] = {
    let text = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Samples/school/roster.csv"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (cells[0], cells[3])
    }
}()

/// One node of a Graphviz SVG map: its name (`n<index>`), fill (lower-case
/// `#rrggbb`), tooltip, and whether it is a dashed outline.
fileprivate struct SVGNode {
    var name: String
    var fill: String
    var tooltip: String
    var dashed: Bool
}

/// The person nodes of a Graphviz SVG (groups of class `node` titled `n<i>`, or `w<k>_n<i>` in small multiples).
fileprivate func svgNodes(_ svg: String) -> [SVGNode] {
    var nodes: [SVGNode] = []
    for block in svg.components(separatedBy: "class=\"node\"").dropFirst() {
        let body = block.components(separatedBy: "</g>\n</g>").first ?? block
        // Small multiples name panel k's people w<k>_n<i>.
        guard var name = between(body, "<title>", "</title>") else { continue }
        if name.hasPrefix("w"), let underscore = name.firstIndex(of: "_") { name = String(name[name.index(after: underscore)...]) }
        guard name.hasPrefix("n"), Int(name.dropFirst()) != nil else { continue }
        let shape = body.components(separatedBy: "<ellipse").dropFirst().first ?? body.components(separatedBy: "<polygon").dropFirst().first ?? ""
        nodes.append(SVGNode(name: name, fill: (between(shape, "fill=\"", "\"") ?? "").lowercased(),
                             tooltip: between(body, "xlink:title=\"", "\"") ?? "", dashed: shape.contains("stroke-dasharray")))
    }
    return nodes
}

/// The text between the first `start` and the next `end`.
fileprivate func between(_ text: String, _ start: String, _ end: String) -> String? {
    guard let a = text.range(of: start), let b = text[a.upperBound...].range(of: end) else { return nil }
    return String(text[a.upperBound ..< b.lowerBound])
}

/// `#rrggbb` from 0–255 channels.
fileprivate func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    "#" + [r, g, b].map { String(format: "%02x", $0) }.joined()
}

/// Each node's colour in a GEXF file, by node id.
fileprivate func gexfColors(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for block in text.components(separatedBy: "<node id=\"").dropFirst() {
        guard let id = block.components(separatedBy: "\"").first, let viz = between(block, "<viz:color ", "/>") else { continue }
        func channel(_ c: String) -> Int { Int(between(viz, "\(c)=\"", "\"") ?? "") ?? -1 }
        out[id] = hex(channel("r"), channel("g"), channel("b"))
    }
    return out
}

/// Each node's colour in a GraphML file written with --color-by (Gephi's r, g, b keys), by node id.
fileprivate func graphmlColors(_ text: String) -> [String: String] {
    // The keys' ids, from their declarations.
    var keyOf: [String: String] = [:]
    for name in ["r", "g", "b"] {
        for declaration in text.components(separatedBy: "<key ").dropFirst() where declaration.contains("attr.name=\"\(name)\"") {
            keyOf[name] = between(declaration, "id=\"", "\"")
        }
    }
    var out: [String: String] = [:]
    for block in text.components(separatedBy: "<node id=\"").dropFirst() {
        guard let id = block.components(separatedBy: "\"").first else { continue }
        func channel(_ c: String) -> Int { keyOf[c].flatMap { between(block, "<data key=\"\($0)\">", "</data>") }.flatMap { Int($0) } ?? -1 }
        out[id] = hex(channel("r"), channel("g"), channel("b"))
    }
    return out
}

@Suite(.serialized) struct MapsTrustTests {
    static let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice"]

    // MARK: - One colour per team, everywhere

    @Test func aTeamHasOneColourOnEveryMapAndInEveryExport() throws {
        let dir = try folder("colours")
        func run(_ arguments: [String]) throws {
            let r = try runStaffGraph(arguments)
            #expect(r.status == 0, "\(arguments.joined(separator: " ")): \(r.stderr)")
        }
        // The whole school: each team's colour, by roster index (n<i>).
        let whole = dir.appendingPathComponent("school.svg")
        try run(["draw"] + Self.school + ["--wave", "fall", "-o", whole.path])
        let wholeNodes = svgNodes(try read(whole))
        #expect(wholeNodes.count >= 60)
        var colourOf: [String: String] = [:]
        for node in wholeNodes {
            guard let i = Int(node.name.dropFirst()) else { continue }
            let team = schoolTeams[i].team
            if let before = colourOf[team] { #expect(before == node.fill, "\(team) has two colours on the school map") }
            colourOf[team] = node.fill
        }
        #expect(colourOf.count == 10)
        #expect(Set(colourOf.values).count == 10, "ten teams, ten colours")
        let math = try #require(colourOf["Math"])

        // --where team=Math: the same colour (not the first of the palette, which a Math-only palette would give).
        let mathOnly = dir.appendingPathComponent("math.svg")
        try run(["draw"] + Self.school + ["--wave", "fall", "--where", "team=Math", "-o", mathOnly.path])
        let mathNodes = svgNodes(try read(mathOnly))
        #expect(mathNodes.count == schoolTeams.filter { $0.team == "Math" }.count - 1, "Math in the fall: everyone but the one absent")
        #expect(mathNodes.allSatisfy { $0.fill == math })
        #expect(try read(mathOnly).contains("Advice, fall (team = Math)"), "the default title says what the map shows")

        // --per team: every team's own map in its school colour.
        let perTeam = dir.appendingPathComponent("per-team")
        try run(["draw"] + Self.school + ["--wave", "fall", "--per", "team", "--map-format", "svg", "-o", perTeam.path])
        for (team, colour) in colourOf {
            let stem = String(team.map { $0.isLetter || $0.isNumber ? $0 : "_" })
            let nodes = svgNodes(try read(perTeam.appendingPathComponent("\(stem).svg")))
            #expect(!nodes.isEmpty && nodes.allSatisfy { $0.fill == colour }, "\(team) on its --per map")
        }

        // compare -o DIR --map-format svg: wave maps and difference maps (people on staff in both waves are filled).
        let compare = dir.appendingPathComponent("compare")
        try run(["compare"] + Self.school + ["--map-format", "svg", "-o", compare.path])
        for file in ["map_fall.svg", "map_spring.svg", "diff_fall_winter.svg", "diff_winter_spring.svg", "waves.svg"] {
            let nodes = svgNodes(try read(compare.appendingPathComponent(file))).filter { !$0.dashed }
            #expect(!nodes.isEmpty, "\(file) has people")
            for node in nodes {
                guard let i = Int(node.name.dropFirst()), i < schoolTeams.count else { continue }
                #expect(node.fill == colourOf[schoolTeams[i].team], "\(file): \(schoolTeams[i].id) of \(schoolTeams[i].team)")
            }
        }

        // convert --color-by team: GEXF viz:color and GraphML r, g, b, for the whole school and for Math alone.
        for (name, extra) in [("all", [String]()), ("math", ["--where", "team=Math"])] {
            let gexf = dir.appendingPathComponent("\(name).gexf"), graphml = dir.appendingPathComponent("\(name).graphml")
            for out in [gexf, graphml] {
                try run(["convert", "Samples/school/edges.csv", out.path, "--nodes", "Samples/school/roster.csv", "--color-by", "team"] + extra)
            }
            for colours in [gexfColors(try read(gexf)), graphmlColors(try read(graphml))] {
                #expect(colours.count == (name == "all" ? schoolTeams.count : schoolTeams.filter { $0.team == "Math" }.count))
                for person in schoolTeams { if let c = colours[person.id] { #expect(c == colourOf[person.team], "\(name): \(person.id)") } }
            }
        }
    }

    /// Graphviz's force-directed layouts draw from process-wide random generators: a
    /// `--per` run draws several maps in one process, and each must come out as the
    /// same map drawn alone (it did not for sfdp before the generators were reset
    /// before every layout). Not fdp: Graphviz 2.42's fdp lays out a second map of
    /// one process differently from run to run (with malloc perturbation too, so
    /// not an uninitialised read; apparently address-dependent), and says so.
    @Test(arguments: ["sfdp", "neato"])
    func perGroupMapsAreTheMapsDrawnAlone(layout: String) throws {
        let dir = try folder("per-\(layout)")
        let per = dir.appendingPathComponent("per")
        let r = try runStaffGraph(["draw"] + Self.school + ["--wave", "fall", "--layout", layout, "--per", "team", "--map-format", "svg", "-o", per.path])
        #expect(r.status == 0, "\(r.stderr)")
        for team in ["Arts", "Math", "Science"] {
            let alone = dir.appendingPathComponent("\(team).svg")
            let one = try runStaffGraph(["draw"] + Self.school + ["--wave", "fall", "--layout", layout, "--where", "team=\(team)", "-o", alone.path])
            #expect(one.status == 0, "\(one.stderr)")
            #expect(try Data(contentsOf: alone) == Data(contentsOf: per.appendingPathComponent("\(team).svg")),
                    "\(layout): the \(team) map of a --per run differs from the \(team) map drawn alone")
        }
    }

    @Test func severalFdpMapsInOneRunCarryANote() throws {
        let dir = try folder("per-fdp")
        let r = try runStaffGraph(["draw"] + Self.school + ["--wave", "fall", "--layout", "fdp", "--where", "team=Arts,Math", "--per", "team", "--map-format", "svg", "-o", dir.appendingPathComponent("maps").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("use --layout neato or sfdp"), "\(r.stderr)")
    }

    @Test func perWithAMapFileNameIsRefused() throws {
        let r = try runStaffGraph(["draw"] + Self.school + ["--per", "team", "-o", "/tmp/staffgraph-never-\(UUID().uuidString).svg"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--map-format svg"), "\(r.stderr)")
    }

    @Test func beyondTenValuesTheLargestAreColouredAndTheRestAreOther() throws {
        // Years of service: many values; the legend says how many share the grey.
        let out = try folder("other").appendingPathComponent("years.svg")
        let r = try runStaffGraph(["draw"] + Self.school + ["--wave", "fall", "--color-by", "years", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try read(out)
        #expect(svg.contains("smaller group"), "the legend names the grey 'other' entry")
        #expect(svg.contains("largest of"), "the caption says how the colours were chosen")
        #expect(svgNodes(svg).contains { $0.fill == "#bbbbbb" })
    }

    // MARK: - Codebook

    @Test func theLegendShowsCodebookLabels() throws {
        let dir = try folder("codebook")
        let lazega = ["Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv", "--relation", "advice", "--color-by", "office"]
        let coded = dir.appendingPathComponent("coded.svg"), labelled = dir.appendingPathComponent("labelled.svg")
        let plain = try runStaffGraph(["draw"] + lazega + ["-o", coded.path])
        let withCodebook = try runStaffGraph(["draw"] + lazega + ["--codebook", "Samples/data/lazega/codebook.csv", "-o", labelled.path])
        #expect(plain.status == 0 && withCodebook.status == 0, "\(withCodebook.stderr)")
        #expect(try read(coded).contains("office: 1"))
        let svg = try read(labelled)
        #expect(svg.contains("office: Boston") && svg.contains(">Hartford<") && svg.contains(">Providence<"))
        #expect(!svg.contains("office: 1"))
        #expect(withCodebook.stderr.contains("note: codebook Samples/data/lazega/codebook.csv: 355 cells relabelled in 5 columns"))
        // Boston keeps office 1's colour: the labels sort in the order of the codes.
        #expect(svgNodes(svg).map(\.fill) == svgNodes(try read(coded)).map(\.fill))

        // Tables and JSON, and --where, speak the labels.
        let groups = try runStaffGraph(["groups", "Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv", "--relation", "advice",
                                        "--codebook", "Samples/data/lazega/codebook.csv", "--by", "status", "--where", "office=Boston", "--format", "json"])
        #expect(groups.status == 0, "\(groups.stderr)")
        #expect(groups.stdout.contains("\"partner\"") && groups.stdout.contains("\"associate\"") && groups.stdout.contains("office = Boston"))
        // And exports hold them.
        let graphml = dir.appendingPathComponent("lazega.graphml")
        let convert = try runStaffGraph(["convert", "Samples/data/lazega/edges_advice.csv", graphml.path, "--nodes", "Samples/data/lazega/nodes.csv",
                                         "--relation", "advice", "--codebook", "Samples/data/lazega/codebook.csv"])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(try read(graphml).contains(">Providence</data>"))
    }

    @Test func aBadCodebookIsALocatedError() throws {
        let dir = try folder("bad-codebook")
        func attempt(_ text: String) throws -> CLIRun {
            let file = dir.appendingPathComponent("codebook.csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            return try runStaffGraph(["groups", "Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv", "--relation", "advice",
                                      "--by", "office", "--codebook", file.path])
        }
        let path = dir.appendingPathComponent("codebook.csv").path
        // A value labelled twice: line 3, column 8 (the value), and where the first one is.
        let twice = try attempt("column,value,label\noffice,1,Boston\noffice, 1,Hartford\n")
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("\(path):3:8: error: office '1' is labelled twice (first on line 2)"), "\(twice.stderr)")
        #expect(twice.stderr.contains("hint: keep one row per value of a column"))
        // An unquoted comma in a label: the extra field is located, and quoting is suggested.
        let comma = try attempt("column,value,label\nlaw_school,1,Harvard, Yale\n")
        #expect(comma.status == 65)
        #expect(comma.stderr.contains("\(path):2:22: error: this row has 4 fields; the header has 3"), "\(comma.stderr)")
        #expect(comma.stderr.contains("quote labels that contain the separator"))
        // A header without a label column.
        let header = try attempt("column,value,name\noffice,1,Boston\n")
        #expect(header.status == 65)
        #expect(header.stderr.contains("\(path):1:1: error: the codebook's header has no 'label' column"), "\(header.stderr)")
        // A row without a value.
        let empty = try attempt("column,value,label\noffice,,Boston\n")
        #expect(empty.status == 65 && empty.stderr.contains("\(path):2:8: error: this row gives no value for 'office'"), "\(empty.stderr)")
    }

    @Test func unknownColumnsAndValuesAreNotesUnlessNothingMatches() throws {
        let dir = try folder("codebook-notes")
        let file = dir.appendingPathComponent("codebook.csv")
        try "column,value,label\noffise,1,Boston\noffice,2,Hartford\noffice,9,Atlantis\nstatus,0,,\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runStaffGraph(["groups", "Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv", "--relation", "advice",
                                   "--by", "office", "--codebook", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("the roster has no column 'offise'; its rows were not used (did you mean 'office'?)"), "\(r.stderr)")
        #expect(r.stderr.contains("office: 1 value '9' in the codebook is on no one's row"))
        #expect(r.stderr.contains("office: 52 cells hold values the codebook does not list ('1', '3'), kept as they are"))
        #expect(r.stdout.contains("Hartford"))
        // No column of the codebook on the roster: not this roster's codebook.
        try "column,value,label\nteam,1,Math\n".write(to: file, atomically: true, encoding: .utf8)
        let none = try runStaffGraph(["groups", "Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv", "--relation", "advice",
                                      "--by", "office", "--codebook", file.path])
        #expect(none.status == 64)
        #expect(none.stderr.contains("none of the codebook's columns (team) is a roster column"), "\(none.stderr)")
        // An empty label makes a code missing (knecht's 0 = missing).
        let knecht = try runStaffGraph(["summary", "Samples/data/knecht/edges_friendship_w1.csv", "--nodes", "Samples/data/knecht/roster.csv", "--wave", "w1",
                                        "--codebook", "Samples/data/knecht/codebook.csv", "--per", "religion", "--format", "csv"])
        #expect(knecht.status == 0, "\(knecht.stderr)")
        #expect(knecht.stderr.contains("religion 22 (+ 4 made missing)"))
        #expect(knecht.stdout.contains("non-religious") && knecht.stdout.contains("(missing)") && !knecht.stdout.contains("\n0,"))
    }

    // MARK: - Waves

    @Test func anEgoAbsentInTheWaveIsAUsageErrorNamingTheWaves() throws {
        let out = try folder("ego").appendingPathComponent("ego.svg")
        // p33 left before spring (responded_spring = absent).
        let r = try runStaffGraph(["draw"] + Self.school + ["--wave", "spring", "--ego", "p33", "-o", out.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--ego 'p33' was not on staff in wave spring"), "\(r.stderr)")
        #expect(r.stderr.contains("p33 was on staff in waves fall, winter"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // In a wave they were there: drawn, the title saying whose neighbourhood and what.
        let fine = try runStaffGraph(["draw"] + Self.school + ["--wave", "winter", "--ego", "p33", "-o", out.path])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(try read(out).contains("Within 1 step of Rebecca Stone · Advice, winter"))
    }

    @Test func theDifferenceMapMarksLeaversAsTheWaveMapsDo() throws {
        let dir = try folder("leavers")
        let r = try runStaffGraph(["compare"] + Self.school + ["--map-format", "svg", "-o", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        guard let stone = schoolTeams.firstIndex(where: { $0.id == "p33" }), let nwosu = schoolTeams.firstIndex(where: { $0.id == "p29" }) else {
            Issue.record("p33 and p29 are on the sample roster")
            return
        }
        func node(_ file: String, _ i: Int) throws -> SVGNode? { svgNodes(try read(dir.appendingPathComponent(file))).first { $0.name == "n\(i)" } }
        // p33 left before spring: dashed on the spring map and on winter → spring; filled on fall → winter.
        #expect(try node("map_spring.svg", stone)?.dashed == true)
        #expect(try node("diff_winter_spring.svg", stone)?.dashed == true)
        #expect(try node("diff_fall_winter.svg", stone)?.dashed == false)
        // p29 joined in winter: dashed on fall → winter, filled on winter → spring.
        #expect(try node("map_fall.svg", nwosu)?.dashed == true)
        #expect(try node("diff_fall_winter.svg", nwosu)?.dashed == true)
        #expect(try node("diff_winter_spring.svg", nwosu)?.dashed == false)
        #expect(try read(dir.appendingPathComponent("diff_winter_spring.svg")).contains("dashed circles: 1 on staff in only one of the two waves (left or joined)"))
        // Pointing at the leaver says when they were there.
        #expect(try node("diff_winter_spring.svg", stone)?.tooltip.contains("sought out by 22 in winter, not on staff in spring") == true)
        // Across fall → spring both are outlines.
        #expect(try node("diff_fall_spring.svg", stone)?.dashed == true && node("diff_fall_spring.svg", nwosu)?.dashed == true)
    }

    @Test func svgTooltipsCarryKeyNumbers() throws {
        let out = try folder("tooltips").appendingPathComponent("map.svg")
        let r = try runStaffGraph(["draw"] + Self.school + ["--wave", "fall", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let tips = svgNodes(try read(out)).map(\.tooltip)
        let principal = try #require(tips.first { $0.hasPrefix("Margaret Okonkwo (p01)") })
        #expect(principal.contains("sought out by 17 (in&#45;degree)") && principal.contains("betweenness 0.") && principal.contains("role: principal")
                && principal.contains("team: Leadership"), "\(principal)")
    }
}
