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
    /// What removing the most sought people does to those who stay, against random sets.
    public let byInDegree: Resilience
    /// The same for the people of largest betweenness.
    public let byBetweenness: Resilience?
    /// Key players (Borgatti 2006): whose absence most fragments the network (by F; when no
    /// set of that size splits anyone off, by the distance-weighted DF), and whom to involve
    /// to reach the most colleagues in one step; `nil` when skipped (too large).
    public let keyPlayers: (fragmentation: KeyPlayers.Result, reach: KeyPlayers.Result)?
    /// The group column used for "orphaned within their own group", if any.
    public let groupColumn: String?
    /// Raw directed betweenness of each person (indexed by the view's nodes).
    public let betweenness: [Double]

    /// Computes the report for `view` (one layer: `layer`), with `isFormal`
    /// indexed by the view's nodes; `ks` are the top-k sizes of shares and
    /// removals; `progress` follows the betweenness searches.
    ///
    /// Resilience: `randomSets` random sets of each size (seeded by `seed`);
    /// `groups` (a column name and each view node's value) gives the orphaned
    /// counts within groups. Key players (`keyPlayerSize` people, 0 for none) are
    /// searched when the network has at most ``keyPlayerLimit`` people.
    public init(view: AnalysisView, layer: LayerKey, selection: [String], formal: ColumnValues, isFormal: [Bool], ks: [Int],
                criteria: LeaderCriteria, threads: Int, progress: ProgressHandler? = nil,
                groups: (column: String, values: [String])? = nil, randomSets: Int = 1000, seed: UInt64 = 42, keyPlayerSize: Int = 3) {
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
        groupColumn = groups?.column
        let labels = groups.map { Partition(values: $0.values).labels }
        byInDegree = Resilience(g, scores: inDegree, scoreName: "in-degree", ks: ks, groups: labels, randomSets: randomSets, seed: seed, threads: threads)
        let scores = StaffGraphCore.betweenness(g, options: BetweennessOptions(scale: .raw), threads: threads, progress: progress)
        betweenness = scores
        byBetweenness = Resilience(g, scores: scores, scoreName: "betweenness", ks: ks, groups: labels, randomSets: randomSets, seed: seed, threads: threads)
        if keyPlayerSize > 0 && g.nodeCount <= Self.keyPlayerLimit && g.nodeCount > keyPlayerSize {
            var negative = KeyPlayers.find(g, k: keyPlayerSize, objective: .fragmentation, seed: seed)
            // No set splits anyone off (F = 0 for every set): rank by how far apart it pushes
            // people instead (DF, Borgatti's choice for connected networks), by the swap search.
            if negative.value == 0 {
                negative = KeyPlayers.find(g, k: keyPlayerSize, objective: .distanceFragmentation, restarts: 3, seed: seed, exhaustiveUpTo: 0)
            }
            keyPlayers = (negative, KeyPlayers.find(g, k: keyPlayerSize, objective: .reach, steps: 1, seed: seed))
        } else {
            keyPlayers = nil
        }
    }

    /// Key players are searched up to this many people (beyond, the swap search's
    /// distance-weighted tie-break makes it slow; run `--per school` or `--per team`).
    public static let keyPlayerLimit = 100

    /// The comparison with random sets in words, from the mid-rank of the top k's
    /// efficiency loss among the random sets': 0.95 or more "far more than k at random", 0.75 or
    /// more "more than most random sets", otherwise "about as much as k at random".
    public static func rankWords(_ rank: Double?, k: Int) -> String {
        guard let rank else { return "–" }
        let who = k == 1 ? "one person" : "\(k) people"
        if rank >= 0.95 { return "costs far more than losing \(who) at random" }
        if rank >= 0.75 { return "costs more than most random sets of \(who)" }
        return "costs about as much as losing \(who) at random"
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
        func range(_ x: BaselineRange?) -> JSONValue {
            guard let x else { return .null }
            return .object([("mean", .number(x.mean)), ("p5", .number(x.low)), ("p95", .number(x.high))])
        }
        func resilience(_ c: Resilience) -> JSONValue {
            .object([
                ("score", .string(c.scoreName)),
                ("random_sets", .int(c.randomSets)),
                ("limit_note", .string(c.limitNote)),
                ("seed", .int(Int(truncatingIfNeeded: c.seed))),
                ("removals", .array(c.removals.map { x in
                    let i = x.impact
                    return .object([
                        ("k", .int(x.k)), ("removed", .array(i.removed.map { .string(roster.ids[r.view.people[$0]]) })),
                        ("stayers", .int(i.stayers)),
                        ("linked_pairs_before", .int(i.linkedPairsBefore)), ("linked_pairs_after", .int(i.linkedPairsAfter)),
                        ("share_kept", .number(i.shareKept)), ("orphaned", .int(i.orphaned)),
                        ("orphaned_within_group", .int(i.orphanedWithinGroup)),
                        ("efficiency_before", .number(i.efficiencyBefore)), ("efficiency_after", .number(i.efficiencyAfter)),
                        ("efficiency_loss", .number(i.efficiencyLoss)),
                        ("random", .object([("share_kept", range(x.randomShareKept)), ("orphaned", range(x.randomOrphaned)),
                                            ("efficiency_loss", range(x.randomEfficiencyLoss))])),
                        ("rank_among_random", .number(x.rankAmongRandom)),
                    ])
                })),
            ])
        }
        func players(_ p: KeyPlayers.Result) -> JSONValue {
            .object([("objective", .string(p.objective.rawValue)), ("members", .array(p.members.map { .string(roster.ids[r.view.people[$0]]) })),
                     ("value", .number(p.value)), ("exact", .bool(p.exact))])
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
            ("resilience", .object([
                ("group_column", .string(groupColumn)),
                ("in_degree", resilience(r.byInDegree)),
                ("betweenness", r.byBetweenness.map(resilience) ?? .null),
            ])),
            ("key_players", r.keyPlayers.map { k in
                .object([("fragmentation", players(k.fragmentation)), ("reach_1_step", players(k.reach))])
            } ?? .null),
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

        out += "\nWhat if the most sought people left? Only pairs among those who stay count; "
        out += r.byInDegree.randomSets > 0 ? "each removal is set against \(r.byInDegree.randomSets) random sets of as many people (seed \(r.byInDegree.seed)).\n"
            : "no random baseline here (\(r.byInDegree.limitNote ?? "none asked for")).\n"
        func removalRows(_ c: Resilience) -> [[String]] {
            c.removals.map { x in
                let i = x.impact
                let random = x.randomShareKept.map { "\(percent($0.mean)) (\(percent($0.low))–\(percent($0.high)))" } ?? "–"
                let orphanedRandom = x.randomOrphaned.map { formatNumber(($0.mean * 10).rounded() / 10) } ?? "–"
                let lossRandom = x.randomEfficiencyLoss.map { "\(percent($0.low))–\(percent($0.high))" } ?? "–"
                return [String(x.k), percent(i.shareKept), random, "\(i.orphaned) (\(orphanedRandom))", "\(percent(i.efficiencyLoss)) (\(lossRandom))",
                        Self.rankWords(x.rankAmongRandom, k: x.k),
                        i.removed.map { displayName(roster, r.view.people[$0]) }.joined(separator: ", ")]
            }
        }
        let header = ["remove top", "links kept", "random sets keep (5–95 %)", "orphaned (random mean)", "chains longer by (random 5–95 %)", "compared with chance", "who"]
        let aligned = [true, true, true, true, true, false, false]
        if r.byInDegree.removals.isEmpty { return out + "  \(r.byInDegree.limitNote ?? "not measured")\n" }
        out += "  the most sought (by in-degree):\n"
        out += alignedTable(header: header, rows: removalRows(r.byInDegree), rightAligned: aligned)
        if let b = r.byBetweenness {
            out += "  the main go-betweens (by betweenness: most often on the shortest chain between two others):\n"
            out += alignedTable(header: header, rows: removalRows(b), rightAligned: aligned)
        }
        out += "  links kept: pairs of those who stay still joined by a chain of requests; orphaned: people who named only those who left; "
        out += "chains longer by: loss of efficiency (mean 1/distance)\n"
        if let k = r.keyPlayers {
            func names(_ p: KeyPlayers.Result) -> String { p.members.map { displayName(roster, r.view.people[$0]) }.joined(separator: ", ") }
            func how(_ p: KeyPlayers.Result) -> String { p.exact ? "every set tried" : "swap search from a greedy and random starts" }
            out += "\nKey players (Borgatti 2006):\n"
            if k.fragmentation.objective == .fragmentation {
                out += "  whose absence would split the staff most: \(names(k.fragmentation)) (fragmentation \(fixed4(k.fragmentation.value)): the share of pairs left with no chain between them; \(how(k.fragmentation)))\n"
            } else {
                let size = k.fragmentation.members.count
                let proven = KeyPlayers.triesEverySet(people: r.view.people.count, size: size)
                out += "  \(proven ? "no \(size) people's absence would cut anyone off (every set tried)" : "no set of \(size) people was found whose absence would cut anyone off (swap search)"); the ones who would push colleagues furthest apart: \(names(k.fragmentation)) (distance-weighted fragmentation \(fixed4(k.fragmentation.value)); \(how(k.fragmentation)))\n"
            }
            out += "  whom to involve to reach most colleagues directly: \(names(k.reach)) (\(percent(k.reach.value)) of the others name one of them; \(how(k.reach)))\n"
        }
        return out
    }
}
