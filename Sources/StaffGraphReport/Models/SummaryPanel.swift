import StaffGraphCore
import StaffGraphIO

/// The cohesion rows of `summary` for one layer, on the same people as
/// ``NetworkSummary`` (absent people left out, non-respondents' rows missing).
public struct CohesionPanel: Sendable {
    /// Share of pairs that are symmetric (both or neither name the other), R sna `grecip(measure="dyadic")`.
    public let reciprocityDyadic: Double?
    /// Directed weak transitivity over observed rows, R sna `gtrans(measure="weak")`.
    public let transitivityDirected: Double?
    /// Transitivity of the symmetrized graph, networkx `transitivity`.
    public let transitivityUndirected: Double?
    /// The MAN triad census, R sna `triad.census`.
    public let triads: TriadCensus
    /// Krackhardt's connectedness, hierarchy, efficiency and LUBness.
    public let krackhardt: KrackhardtDimensions
    /// Louvain communities (seeded) and their modularity.
    public let communities: LouvainResult
    /// Freeman centralization (sna maxima) of in-degree, out-degree and directed betweenness.
    public let centralizationInDegree: Double?
    /// Freeman out-degree centralization (sna maxima).
    public let centralizationOutDegree: Double?
    /// Freeman betweenness centralization (sna maxima); `nil` when skipped.
    public let centralizationBetweenness: Double?
    /// Betweenness centralization was not computed: the network is above the work limit.
    public let betweennessSkipped: Bool

    /// Exact betweenness costs about people × ties steps; above this many (about half a minute
    /// on two cores) `summary` leaves it out unless asked (`--exact-betweenness`).
    public static let defaultBetweennessWorkLimit = 1e10

    /// The panel on `threads` threads (the values do not depend on it);
    /// `progress` follows the betweenness searches, the longest step.
    /// Betweenness centralization is skipped when people × ties exceeds `betweennessWorkLimit`.
    public init(view: AnalysisView, seed: UInt64, threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil,
         betweennessWorkLimit: Double? = nil) {
        let g = view.graph
        centralizationInDegree = centralization(g, .inDegree)
        centralizationOutDegree = centralization(g, .outDegree)
        let work = Double(g.nodeCount) * Double(max(1, g.edgeCount))
        if let limit = betweennessWorkLimit, work > limit {
            centralizationBetweenness = nil
            betweennessSkipped = true
        } else {
            centralizationBetweenness = centralization(g, .betweenness, threads: threads, progress: progress)
            betweennessSkipped = false
        }
        reciprocityDyadic = reciprocity(g, convention: .dyadic, observedRows: view.observedRows)
        transitivityDirected = transitivity(g, .directedWeak, observedRows: view.observedRows, threads: threads)
        transitivityUndirected = transitivity(g, .undirected, threads: threads)
        triads = triadCensus(g, threads: threads)
        krackhardt = KrackhardtDimensions(g, threads: threads)
        communities = louvain(g, seed: seed, threads: threads)
    }
}

/// The panel of one group of a roster column in one layer.
public struct GroupPanel: Sendable {
    /// The group's value in the roster column.
    public let group: String
    /// The relation and wave.
    public let key: LayerKey
    /// The group's basic panel (people, ties, density …).
    public let summary: NetworkSummary
    /// The group's cohesion rows.
    public let cohesion: CohesionPanel
    /// Ties sent by members to people outside the group (left out of the panel).
    public let tiesToOtherGroups: Int
    /// The group's own CUG test (`summary --per … --cug`), or `nil`.
    public let cug: CUGTest?

    /// A group's panel.
    public init(group: String, key: LayerKey, summary: NetworkSummary, cohesion: CohesionPanel, tiesToOtherGroups: Int, cug: CUGTest? = nil) {
        self.group = group
        self.key = key
        self.summary = summary
        self.cohesion = cohesion
        self.tiesToOtherGroups = tiesToOtherGroups
        self.cug = cug
    }
}

/// The renderings of the `summary` panel: JSON and the text table.
public enum SummaryRendering {
    /// One panel as JSON (the keys of `summary --format json`); the file-wide counts are `nil` (null) for a group.
    public static func json(key: LayerKey, summary s: NetworkSummary, cohesion c: CohesionPanel, selfLoopsDropped: Int?, parallelTiesMerged: Int?) -> JSONValue {
        .object([
            ("relation", .string(key.relation)),
            ("wave", .string(key.wave)),
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
            ("self_loops_dropped", .int(selfLoopsDropped)),
            ("parallel_ties_merged", .int(parallelTiesMerged)),
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

    /// The text table of `summary`: one column per layer, one row per figure,
    /// with the plain-language key below; `source` heads it.
    public static func table(panels: [(Layer, NetworkSummary)], cohesion: [CohesionPanel], seed: UInt64, source: String, fileWide: Bool = true) -> String {
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
            case 10: return fileWide ? String(layer.buildReport.selfLoopsDropped) : "–"
            case 11: return fileWide ? String(layer.buildReport.parallelTiesMerged) : "–"
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

    static func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
