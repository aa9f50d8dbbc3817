import StaffGraphCore
import StaffGraphIO

/// Everything `leaders` computes for one layer.
public struct LeadersReport: Sendable {
    /// The people analysed (absent people left out) and their graph.
    public let view: AnalysisView
    /// The relation and wave analysed.
    public let layer: LayerKey
    /// How the people were selected (empty: everyone).
    public let selection: [String]
    /// The roster column and values that mark formal leaders, as given.
    public let formal: ColumnValues
    /// The thresholds that classify leaders.
    public let criteria: LeaderCriteria
    /// How concentrated requests are: centralization, Gini, top-k shares.
    public let distribution: LeadershipDistribution
    /// Formal, informal and rarely sought leaders.
    public let leaders: FormalInformalLeaders
    /// Reachability after removing the most sought people.
    public let byInDegree: ChampionDependence
    /// Reachability after removing the people of largest betweenness.
    public let byBetweenness: ChampionDependence?
    /// Raw directed betweenness of each person (indexed by the view's nodes).
    public let betweenness: [Double]

    /// Computes the report for `view` (one layer: `layer`), with `isFormal`
    /// indexed by the view's nodes; `ks` are the top-k sizes of shares and
    /// removals; `progress` follows the betweenness searches.
    public init(view: AnalysisView, layer: LayerKey, selection: [String], formal: ColumnValues, isFormal: [Bool], ks: [Int],
                criteria: LeaderCriteria, threads: Int, progress: ProgressHandler? = nil) {
        self.view = view
        self.layer = layer
        self.selection = selection
        self.formal = formal
        self.criteria = criteria
        let g = view.graph
        distribution = LeadershipDistribution(g, observedRows: view.observedRows, topK: ks)
        let classified = FormalInformalLeaders(g, isFormal: isFormal, criteria: criteria)
        leaders = classified
        let inDegree = classified.inDegrees.map(Double.init)
        byInDegree = ChampionDependence(g, scores: inDegree, scoreName: "in-degree", ks: ks, threads: threads)
        let scores = StaffGraphCore.betweenness(g, options: BetweennessOptions(scale: .raw), threads: threads, progress: progress)
        betweenness = scores
        byBetweenness = ChampionDependence(g, scores: scores, scoreName: "betweenness", ks: ks, threads: threads)
    }

    /// The report as `leaders --format json` writes it.
    public func json(roster: Roster) -> JSONValue {
        let r = self
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
            ("relation", .string(layer.relation)),
            ("wave", .string(layer.wave)),
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
                ("top_fraction", .number(criteria.topFraction)),
                ("min_nominations", .int(criteria.minimumNominations)),
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

    /// The report as `leaders` prints it; `source` (the file read) heads it.
    public func table(roster: Roster, source: String) -> String {
        let r = self
        let d = r.distribution
        let l = r.leaders
        var out = "Leadership in \(source): \(layer.description)\(selection.map { ", \($0)" }.joined()) (\(d.people) people, \(d.requests) requests)\n"
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
        out += "\nInformal leaders: no formal role, yet among the top \(formatNumber(criteria.topFraction * 100))% most sought and named by at least \(criteria.minimumNominations) (here: by \(l.informalThreshold) or more)\n"
        out += l.informal.isEmpty ? "    none\n" : list(l.informal)
        let below = criteria.rarelySoughtBelow.map { "fewer than \($0) people" } ?? "fewer people than the median person (\(formatNumber(l.medianInDegree)))"
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
