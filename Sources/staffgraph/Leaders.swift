import ArgumentParser
import StaffGraphCore
import StaffGraphIO

/// Output formats of `leaders`.
enum LeadersFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

struct Leaders: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who leads? Formal and informal leaders, how concentrated influence is, and how much rests on a few people.",
        discussion: """
        For one relation in one wave (advice: "a names b" = a goes to b), with in-degree = how many \
        people name someone:
        - the distribution panel: in-degree centralization, Gini of in-degree, the share of requests \
        going to the top 1, 3 and 5, how many people receive half of all requests, density, reciprocity;
        - formal leaders (people whose roster COLUMN holds one of the VALUEs) with their in-degree and rank;
        - informal leaders: no formal role, in the top 10% by in-degree (--top-fraction) and named by at \
        least 3 people (--min-nominations) (Sun, Frank, Penuel & Kim 2013);
        - formal leaders rarely sought: named by fewer people than the median (or --rarely-sought-below N);
        - the share of all requests that go to formal leaders;
        - champion dependence: the pairs of people who can still reach each other, and the number of \
        separate groups, after the 1, 3 and 5 most sought people leave.

        JSON keys: relation, wave, people_count, requests, distribution {in_degree_centralization, \
        in_degree_gini, top_shares [{k, share}], people_for_half, density, reciprocity}, formal, informal, \
        rarely_sought (lists of {id, name, in_degree, rank}), formal_share, criteria, champion_dependence \
        {in_degree: {reachable_pairs, components, removals [{k, removed, reachable_pairs, share_kept, \
        components, largest_component}]}, betweenness (the same, removing people by betweenness)}.

        --anonymize: every person is a pseudonym (Person 01 …, a random order keyed by \
        --anonymize-seed, never the roster's) and name is null; --formal, --where and --per refuse \
        roster columns that identify people (name, email …).

        Example: staffgraph leaders Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall \
        --formal "role=principal,assistant principal,instructional coach,department chair"
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Formal leaders: a roster column and the values that mark them, e.g. \"role=principal,department chair\".", valueName: "column=value[,value…]"))
    var formal: FormalRoles

    @Option(help: ArgumentHelp("Informal leaders are in this top share by in-degree (0–1).", valueName: "share"))
    var topFraction: Double = 0.10

    @Option(help: ArgumentHelp("… and are named by at least this many people.", valueName: "n"))
    var minNominations: Int = 3

    @Option(help: ArgumentHelp("A formal leader named by fewer people than this is rarely sought (default: the median in-degree).", valueName: "n"))
    var rarelySoughtBelow: Int?

    @Option(help: ArgumentHelp("The k of the top-k shares and champion removals, comma-separated.", valueName: "k,k,…"))
    var top: String = "1,3,5"

    @Option(help: "Output format: table or json.")
    var format: LeadersFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    var ks: [Int] { top.split(separator: ",").compactMap { Int(String($0).trimmingSpaces) } }

    func validate() throws {
        if input.nodes == nil { throw ValidationError("leaders needs a roster (--nodes ROSTER) with the column named in --formal") }
        if !(topFraction > 0 && topFraction <= 1) { throw ValidationError("--top-fraction must be above 0 and at most 1") }
        if minNominations < 0 { throw ValidationError("--min-nominations must be 0 or more") }
        let parts = top.split(separator: ",")
        if parts.isEmpty || parts.contains(where: { Int(String($0).trimmingSpaces).map { $0 < 1 } ?? true }) {
            throw ValidationError("--top must be positive whole numbers separated by commas, such as 1,3,5")
        }
    }

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, rules: [("--formal", formal)]) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The leaders report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let layer = try singleLayer(input, network, command: "leaders")
        let rule = try input.resolve(formal, in: network, flag: "--formal")
        let view = AnalysisView(layer: layer, roster: network.roster)
        let isFormal = view.column(rule.members(of: network.roster))
        var notes: [String] = []
        if !isFormal.contains(true) {
            notes.append("nobody here has \(rule.column) = \(rule.values.joined(separator: " or "))")
        }
        let report = LeadersReport(view: view, isFormal: isFormal, ks: ks,
                                   criteria: LeaderCriteria(topFraction: topFraction, minimumNominations: minNominations, rarelySoughtBelow: rarelySoughtBelow),
                                   threads: threads)
        switch format {
        case .json:
            let document = json(report, layer: layer, roster: network.roster, selection: network.selection)
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .table:
            return CommandOutput(text: table(report, layer: layer, roster: network.roster, selection: network.selection), notes: notes)
        }
    }

    func json(_ r: LeadersReport, layer: Layer, roster: Roster, selection: [String]) -> JSONValue {
        let names = roster.attribute("name")
        func entries(_ list: [LeaderEntry]) -> JSONValue {
            .array(list.map { e in
                let person = r.view.people[e.person]
                return .object([("id", .string(roster.ids[person])), ("name", .string(names?[person])),
                                ("in_degree", .int(e.inDegree)), ("rank", .int(e.rank))])
            })
        }
        func champions(_ c: ChampionDependence) -> JSONValue {
            .object([
                ("score", .string(c.scoreName)),
                ("reachable_pairs", .int(c.reachablePairs)),
                ("components", .int(c.components)),
                ("largest_component", .int(c.largestComponent)),
                ("removals", .array(c.removals.map { x in
                    .object([("k", .int(x.k)), ("removed", .array(x.removed.map { .string(roster.ids[r.view.people[$0]]) })),
                             ("reachable_pairs", .int(x.reachablePairs)), ("share_kept", .number(x.shareOfPairsKept)),
                             ("components", .int(x.components)), ("largest_component", .int(x.largestComponent))])
                })),
            ])
        }
        let d = r.distribution
        return .object([
            ("relation", .string(layer.key.relation)),
            ("wave", .string(layer.key.wave)),
            ("selection", .array(selection.map { .string($0) })),
            ("people_count", .int(d.people)),
            ("requests", .int(d.requests)),
            ("distribution", .object([
                ("in_degree_centralization", .number(d.inDegreeCentralization)),
                ("in_degree_gini", .number(d.inDegreeGini)),
                ("top_shares", .array(d.topShares.map { .object([("k", .int($0.k)), ("share", .number($0.share))]) })),
                ("people_for_half", .int(d.peopleForHalf)),
                ("density", .number(d.density)),
                ("reciprocity", .number(d.reciprocity)),
            ])),
            ("formal_role", .object([("column", .string(formal.column)), ("values", .array(formal.values.map { .string($0) }))])),
            ("formal", entries(r.leaders.formal)),
            ("informal", entries(r.leaders.informal)),
            ("rarely_sought", entries(r.leaders.rarelySought)),
            ("formal_share", .number(r.leaders.formalShare)),
            ("criteria", .object([
                ("top_fraction", .number(topFraction)),
                ("min_nominations", .int(minNominations)),
                ("informal_threshold", .int(r.leaders.informalThreshold)),
                ("rarely_sought_below", .number(r.leaders.rarelySoughtThreshold)),
                ("median_in_degree", .number(r.leaders.medianInDegree)),
            ])),
            ("champion_dependence", .object([
                ("in_degree", champions(r.byInDegree)),
                ("betweenness", r.byBetweenness.map(champions) ?? .null),
            ])),
        ])
    }

    func table(_ r: LeadersReport, layer: Layer, roster: Roster, selection: [String]) -> String {
        let d = r.distribution
        let l = r.leaders
        var out = "Leadership in \(input.edges): \(layer.key.description)\(selection.map { ", \($0)" }.joined()) (\(d.people) people, \(d.requests) requests)\n"
        out += "A request is one person naming another; \"sought\" = named by others.\n\n"
        out += "How concentrated is influence?\n"
        var panel: [(String, String, String)] = [
            ("in-degree centralization", fixed4(d.inDegreeCentralization), "0 = everyone is sought equally often, 1 = one person is sought by everyone else"),
            ("Gini of in-degree", fixed4(d.inDegreeGini), "0 = requests spread evenly over everyone, near 1 = nearly all go to a few"),
        ]
        for (k, share) in d.topShares {
            panel.append(("top \(k) share", percent(share), "of all requests go to the \(k == 1 ? "single most sought person" : "\(k) most sought people")"))
        }
        panel.append(("people receiving half", d.peopleForHalf.map { "\($0) of \(d.people)" } ?? "–", "the fewest people who together receive half of all requests"))
        panel.append(("density", fixed4(d.density), "share of all possible ties that exist (non-respondents' missing answers left out)"))
        panel.append(("reciprocity", fixed4(d.reciprocity), "share of ties that are returned (a names b and b names a)"))
        let w0 = panel.map(\.0.count).max() ?? 0, w1 = panel.map(\.1.count).max() ?? 0
        for (label, value, meaning) in panel { out += "  " + padded(label, w0) + "  " + padded(value, w1, right: true) + "  " + meaning + "\n" }

        func list(_ entries: [LeaderEntry]) -> String {
            let rows = entries.map { e in
                let person = r.view.people[e.person]
                return [String(e.rank), String(e.inDegree), displayName(roster, person), roster.attribute(formal.column)?[person] ?? ""]
            }
            return alignedTable(header: ["rank", "sought by", "person", formal.column], rows: rows, rightAligned: [true, true, false, false], indent: "    ")
        }
        out += "\nFormal leaders (\(formal.column): \(formal.values.joined(separator: ", "))): \(l.formal.count) people\n"
        out += "  together they receive \(percent(l.formalShare)) of all requests; rank 1 = the most sought person in the network\n"
        if !l.formal.isEmpty { out += list(l.formal) }
        out += "\nInformal leaders: no formal role, yet among the top \(formatNumber(topFraction * 100))% most sought and named by at least \(minNominations) (here: by \(l.informalThreshold) or more)\n"
        out += l.informal.isEmpty ? "    none\n" : list(l.informal)
        let below = rarelySoughtBelow.map { "fewer than \($0) people" } ?? "fewer people than the median person (\(formatNumber(l.medianInDegree)))"
        out += "\nFormal leaders rarely sought: named by \(below)\n"
        out += l.rarelySought.isEmpty ? "    none\n" : list(l.rarelySought)

        out += "\nHow much rests on a few people? If the most sought people left:\n"
        let c = r.byInDegree
        let possible = d.people * (d.people - 1)
        out += "  today \(c.reachablePairs) of \(possible) ordered pairs (\(percent(possible > 0 ? Double(c.reachablePairs) / Double(possible) : nil))) are linked: "
        out += "a chain of requests leads from one to the other; the network falls into \(c.components) separate group\(c.components == 1 ? "" : "s")\n"
        func removalRows(_ c: ChampionDependence) -> [[String]] {
            c.removals.map { x in
                [String(x.k), percent(x.shareOfPairsKept), String(x.components),
                 x.removed.map { displayName(roster, r.view.people[$0]) }.joined(separator: ", ")]
            }
        }
        out += "  removing the most sought (by in-degree):\n"
        out += alignedTable(header: ["remove top", "links kept", "separate groups", "who (most sought first)"], rows: removalRows(c),
                            rightAligned: [true, true, true, false])
        if let b = r.byBetweenness {
            out += "  removing the main go-betweens (by betweenness: most often on the shortest chain between two others):\n"
            out += alignedTable(header: ["remove top", "links kept", "separate groups", "who (largest betweenness first)"], rows: removalRows(b),
                                rightAligned: [true, true, true, false])
        }
        out += "  (isolated people count as groups of one)\n"
        return out
    }
}

/// Everything `leaders` computes for one layer.
struct LeadersReport {
    let view: AnalysisView
    let distribution: LeadershipDistribution
    let leaders: FormalInformalLeaders
    let byInDegree: ChampionDependence
    let byBetweenness: ChampionDependence?

    init(view: AnalysisView, isFormal: [Bool], ks: [Int], criteria: LeaderCriteria, threads: Int) {
        self.view = view
        let g = view.graph
        distribution = LeadershipDistribution(g, observedRows: view.observedRows, topK: ks)
        let classified = FormalInformalLeaders(g, isFormal: isFormal, criteria: criteria)
        leaders = classified
        let inDegree = classified.inDegrees.map(Double.init)
        byInDegree = ChampionDependence(g, scores: inDegree, scoreName: "in-degree", ks: ks, threads: threads)
        let work = NodeMeasureTable.estimatedWork([.betweenness], on: g)
        if work > Metrics.workLimit {
            let seconds = NodeMeasureTable.estimatedSeconds(work: work, threads: threads)
            printError("note: betweenness for champion dependence over \(g.nodeCount) people and \(g.edgeCount) ties: about \(ProgressBar.durationWords(seconds)); --per school runs each school on its own, far faster")
        }
        let scores = withProgress("betweenness (champion dependence)", estimate: NodeMeasureTable.estimatedSeconds(work: work, threads: threads)) { progress in
            betweenness(g, options: BetweennessOptions(scale: .raw), threads: threads, progress: progress)
        }
        byBetweenness = ChampionDependence(g, scores: scores, scoreName: "betweenness", ks: ks, threads: threads)
    }
}

