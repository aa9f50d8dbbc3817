import ArgumentParser
import StaffGraphCore
import StaffGraphIO

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a network: people, ties, isolates, density, reciprocity, components, response rate.",
        discussion: """
        One panel per relation and wave in the file (narrow it with --relation and --wave).
        Density and reciprocity leave non-respondents' missing answers out of their \
        denominators; people marked absent in a wave are not part of that wave's network.

        Also: dyadic reciprocity, transitivity (directed weak, as R sna; undirected, as networkx), \
        the triad census, Krackhardt's dimensions of hierarchy and Louvain communities (seeded: \
        --seed, printed).

        JSON: one object when one relation and wave is shown, with the keys nodes, ties, \
        isolates, density, reciprocity, weak_components, strong_components, response_rate \
        (null without response data), self_loops_dropped, parallel_ties_merged, centralization \
        {in_degree, out_degree, betweenness} (Freeman, sna maxima: is influence concentrated?), \
        reciprocity_dyadic, transitivity_directed, transitivity_undirected, triad_census \
        (an object keyed "003" … "300"), krackhardt {connectedness, hierarchy, efficiency, \
        lubness}, communities {count, modularity, seed}; \
        otherwise {"layers": [one such object per relation and wave]}.

        Example: staffgraph summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Seed of the Louvain community detection (printed with the result).", valueName: "n"))
    var seed: UInt64 = 42

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingInputErrors {
            let imported = try input.load()
            let network = imported.network
            let layers = try input.selectedLayers(of: network)
            let panels = layers.map { layer in
                (layer, NetworkSummary(graph: layer.graph, responses: network.roster.responses(wave: layer.key.wave)))
            }
            let cohesion = layers.map { CohesionPanel(view: AnalysisView(layer: $0, roster: network.roster), seed: seed) }
            for note in input.notes(for: imported.report, network: network) { printError("note: \(note)") }
            for (layer, panel) in panels {
                if panel.tiesFromNonrespondents > 0 {
                    printError("note: \(layer.key): \(panel.tiesFromNonrespondents) ties sent by people marked as non-respondents are kept, but outside the observed cells of density and reciprocity")
                }
                if panel.absentWithTies > 0 {
                    printError("note: \(layer.key): \(panel.absentWithTies) people marked absent have ties and are counted as present")
                }
            }
            let text: String
            switch format {
            case .json:
                let objects = zip(panels, cohesion).map { json(layer: $0.0.0, summary: $0.0.1, cohesion: $0.1) }
                text = (objects.count == 1 ? objects[0] : .object([("layers", .array(objects))])).rendered() + "\n"
            case .table:
                text = table(panels: panels, cohesion: cohesion, source: input.edges)
            }
            if let output {
                try AtomicFile.write(text, to: output)
            } else {
                print(text, terminator: "")
            }
        }
    }

    func json(layer: Layer, summary s: NetworkSummary, cohesion c: CohesionPanel) -> JSONValue {
        .object([
            ("relation", .string(layer.key.relation)),
            ("wave", .string(layer.key.wave)),
            ("nodes", .int(s.nodes)),
            ("ties", .int(s.ties)),
            ("isolates", .int(s.isolates)),
            ("density", .number(s.density)),
            ("reciprocity", .number(s.reciprocity)),
            ("weak_components", .int(s.weakComponents)),
            ("strong_components", .int(s.strongComponents)),
            ("largest_weak_component", .int(s.largestWeakComponent)),
            ("response_rate", .number(s.responseRate)),
            ("respondents", .int(s.respondents)),
            ("nonrespondents", .int(s.nonrespondents)),
            ("absent", .int(s.absent)),
            ("self_loops_dropped", .int(layer.buildReport.selfLoopsDropped)),
            ("parallel_ties_merged", .int(layer.buildReport.parallelTiesMerged)),
            ("centralization", .object([
                ("in_degree", .number(c.centralizationInDegree)),
                ("out_degree", .number(c.centralizationOutDegree)),
                ("betweenness", .number(c.centralizationBetweenness)),
            ])),
            ("reciprocity_dyadic", .number(c.reciprocityDyadic)),
            ("transitivity_directed", .number(c.transitivityDirected)),
            ("transitivity_undirected", .number(c.transitivityUndirected)),
            ("triad_census", .object(c.triads.labelled.map { ($0.label, .int($0.count)) })),
            ("krackhardt", .object([
                ("connectedness", .number(c.krackhardt.connectedness)),
                ("hierarchy", .number(c.krackhardt.hierarchy)),
                ("efficiency", .number(c.krackhardt.efficiency)),
                ("lubness", .number(c.krackhardt.lubness)),
            ])),
            ("communities", .object([
                ("count", .int(c.communities.count)),
                ("modularity", .number(c.communities.modularity)),
                ("seed", .int(Int(truncatingIfNeeded: c.communities.seed))),
            ])),
        ])
    }

    func table(panels: [(Layer, NetworkSummary)], cohesion: [CohesionPanel], source: String) -> String {
        func pct(_ x: Double?) -> String {
            guard let x else { return "–" }
            return String(fixed: x * 100, decimals: 1) + "%"
        }
        func num(_ x: Double?) -> String { x.map { String(format4: $0) } ?? "–" }
        let labels = ["people", "ties", "isolates", "density", "reciprocity (edgewise)", "weak components",
                      "largest weak component", "strong components", "response rate", "absent this wave",
                      "self-loops dropped", "parallel ties merged",
                      "centralization: in-degree", "centralization: out-degree", "centralization: betweenness",
                      "reciprocity (dyadic)", "transitivity (directed, weak)", "transitivity (undirected)",
                      "Krackhardt connectedness", "Krackhardt hierarchy", "Krackhardt efficiency", "Krackhardt LUBness",
                      "communities (Louvain, seed \(seed))", "modularity of communities"]
            + TriadCensus.labels.map { "triads \($0)" }
        func cell(_ row: Int, _ layer: Layer, _ s: NetworkSummary, _ c: CohesionPanel) -> String {
            switch row {
            case 0: return String(s.nodes)
            case 1: return String(s.ties)
            case 2: return String(s.isolates)
            case 3: return num(s.density)
            case 4: return num(s.reciprocity)
            case 5: return String(s.weakComponents)
            case 6: return String(s.largestWeakComponent)
            case 7: return String(s.strongComponents)
            case 8:
                guard let yes = s.respondents else { return "not recorded" }
                return "\(pct(s.responseRate)) (\(yes) of \(yes + (s.nonrespondents ?? 0)))"
            case 9: return String(s.absent)
            case 10: return String(layer.buildReport.selfLoopsDropped)
            case 11: return String(layer.buildReport.parallelTiesMerged)
            case 12: return num(c.centralizationInDegree)
            case 13: return num(c.centralizationOutDegree)
            case 14: return num(c.centralizationBetweenness)
            case 15: return num(c.reciprocityDyadic)
            case 16: return num(c.transitivityDirected)
            case 17: return num(c.transitivityUndirected)
            case 18: return num(c.krackhardt.connectedness)
            case 19: return num(c.krackhardt.hierarchy)
            case 20: return num(c.krackhardt.efficiency)
            case 21: return num(c.krackhardt.lubness)
            case 22: return String(c.communities.count)
            case 23: return num(c.communities.modularity)
            default: return String(c.triads.counts[row - 24])
            }
        }
        let rows = labels.enumerated().map { (label: $0.element, row: $0.offset) }
        let headers = panels.map { $0.0.key.description }
        let labelWidth = labels.map(\.count).max() ?? 0
        var cells = rows.map { row in zip(panels, cohesion).map { cell(row.row, $0.0.0, $0.0.1, $0.1) } }
        var widths = headers.map(\.count)
        for r in cells.indices { for c in cells[r].indices { widths[c] = max(widths[c], cells[r][c].count) } }
        var out = "\(source)\n"
        if panels.count > 1 || panels[0].0.key.relation != "ties" || panels[0].0.key.wave != nil {
            out += String(repeating: " ", count: labelWidth + 2)
            out += headers.enumerated().map { pad($0.element, widths[$0.offset], right: true) }.joined(separator: "  ") + "\n"
        }
        for (r, row) in rows.enumerated() {
            out += pad(row.label, labelWidth, right: false) + "  "
            out += cells[r].enumerated().map { pad($0.element, widths[$0.offset], right: true) }.joined(separator: "  ")
            while out.hasSuffix(" ") { out.removeLast() }
            out += "\n"
        }
        cells.removeAll()
        out += "density and reciprocity count only observed cells (non-respondents' answers are missing)\n"
        out += "centralization (Freeman, as R sna): 1 = everything flows to or through one person, 0 = everyone equally sought\n"
        out += "dyadic reciprocity = share of pairs that are symmetric (both or neither name the other); transitivity = how often a colleague's contact is also one's own contact\n"
        out += "Krackhardt: 1 = like a formal chain of command (all connected, one-way, no surplus ties, a common superior for every pair; LUBness reads a tie a → b as a above b, as R sna)\n"
        out += "triads: MAN counts of every three people (M mutual, A asymmetric, N null pairs), as R sna triad.census\n"
        return out
    }

    func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}

/// The cohesion rows of `summary` for one layer, on the same people as
/// ``NetworkSummary`` (absent people left out, non-respondents' rows missing).
struct CohesionPanel {
    let reciprocityDyadic: Double?
    let transitivityDirected: Double?
    let transitivityUndirected: Double?
    let triads: TriadCensus
    let krackhardt: KrackhardtDimensions
    let communities: LouvainResult
    /// Freeman centralization (sna maxima) of in-degree, out-degree and directed betweenness.
    let centralizationInDegree: Double?
    let centralizationOutDegree: Double?
    let centralizationBetweenness: Double?

    init(view: AnalysisView, seed: UInt64) {
        let g = view.graph
        centralizationInDegree = centralization(g, .inDegree)
        centralizationOutDegree = centralization(g, .outDegree)
        centralizationBetweenness = centralization(g, .betweenness)
        reciprocityDyadic = reciprocity(g, convention: .dyadic, observedRows: view.observedRows)
        transitivityDirected = transitivity(g, .directedWeak, observedRows: view.observedRows)
        transitivityUndirected = transitivity(g, .undirected)
        triads = triadCensus(g)
        krackhardt = KrackhardtDimensions(g)
        communities = louvain(g, seed: seed)
    }
}
