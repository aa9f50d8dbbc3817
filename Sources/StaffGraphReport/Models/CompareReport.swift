import StaffGraphCore
import StaffGraphIO

/// The waves `compare` reads: one relation over one roster.
public struct CompareInput: Sendable {
    /// One wave as read.
    public struct Wave: Sendable {
        /// The wave's name.
        public var label: String
        /// The file it was read from.
        public var file: String
        /// The wave's ties over the whole roster.
        public var graph: Graph
        /// Each person's response status in the wave, when recorded.
        public var responses: [ResponseStatus?]?
        /// The roster column the statuses came from.
        public var responseColumn: String?
        /// What building the graph dropped or merged.
        public var buildReport: BuildReport

        /// One wave as read.
        public init(label: String, file: String, graph: Graph, responses: [ResponseStatus?]?, responseColumn: String?, buildReport: BuildReport) {
            self.label = label
            self.file = file
            self.graph = graph
            self.responses = responses
            self.responseColumn = responseColumn
            self.buildReport = buildReport
        }
    }

    /// The people of every wave.
    public var roster: Roster
    /// The relation compared.
    public var relation: String
    /// The waves in order.
    public var waves: [Wave]
    /// Notes from reading the waves.
    public var notes: [String]
    /// Whether a roster file was given (otherwise the people are the edge lists' ids).
    public var rosterGiven: Bool
    /// How the people were selected (`--where`, a `--per` group); empty for everyone.
    public var selection: [String] = []

    /// The waves of one relation over one roster.
    public init(roster: Roster, relation: String, waves: [Wave], notes: [String], rosterGiven: Bool, selection: [String] = []) {
        self.roster = roster
        self.relation = relation
        self.waves = waves
        self.notes = notes
        self.rosterGiven = rosterGiven
        self.selection = selection
    }

    /// The comparison among `members` only (roster indices, ascending): their
    /// roster rows and, in every wave, the ties among them.
    public func restricted(to members: [Int], description: String) -> CompareInput {
        var out = self
        out.roster = roster.subset(members)
        out.waves = waves.map { wave in
            var w = wave
            w.graph = wave.graph.subgraph(members: members)
            w.responses = wave.responses.map { r in members.map { r[$0] } }
            return w
        }
        out.notes = []
        out.selection = selection + [description]
        return out
    }
}


/// Everything `compare` computes: the composition of the core's wave
/// functions (``WaveAlignment``, ``TieTransitions``, ``WaveTrend``,
/// ``LeaderChanges``, ``NodeMeasureTable``) over the waves read, and the
/// tables, JSON and text made from them. No algorithm lives here.
public struct CompareReport: Sendable {
    /// One compared pair of waves.
    public struct Pair: Sendable {
        /// Index of the earlier wave.
        public var from: Int
        /// Index of the later wave.
        public var to: Int
        /// Ties kept, new and dissolved over observed cells.
        public var transitions: TieTransitions
        /// Spearman correlation of in-degree among people present in both waves.
        public var spearman: Double?
        /// Rising, fading, new and departed leaders.
        public var leaders: LeaderChanges
        /// In-degree in the earlier wave (`nil`: not on staff).
        public var inDegreeBefore: [Int?]
        /// In-degree in the later wave (`nil`: not on staff).
        public var inDegreeAfter: [Int?]
        /// Tie change within and across the groups of each breakdown column.
        public var breakdowns: [(column: String, breakdown: TransitionBreakdown)]
        /// People on staff in the later wave only.
        public var joiners: [Int]
        /// People on staff in the earlier wave only.
        public var leavers: [Int]
        /// Ties of each ``TieChangeStatus``.
        public var statusCounts: [TieChangeStatus: Int]
    }

    /// A person who left between two consecutive waves, and what happened around them.
    public struct Leaver: Sendable {
        /// Roster index of the person who left.
        public var person: Int
        /// The last wave they were on staff.
        public var lastWave: Int
        /// The first wave without them.
        public var nextWave: Int
        /// People who named them in their last wave.
        public var namedBy: [Int]
        /// People they named in their last wave.
        public var named: [Int]
        /// Of those who named them: how many answered in both waves.
        public var formerContactsAnswering: Int
        /// New contacts of the people who named them, with how many of them now name each.
        public var nowNamed: [(person: Int, count: Int)]
        /// What their leaving did to those who stayed, in their last wave's network
        /// (``RemovalImpact``); `nil` above ``CompareReport/departureLimit`` people.
        public var impact: RemovalImpact?
        /// Share of the other people of that wave whose departure alone would have
        /// lengthened chains less (efficiency loss; mid-rank): near 1, this was a
        /// departure the network felt.
        public var lossRank: Double?
        /// People who named them, answered in both waves, and named no one on
        /// staff in the next wave: left without a source.
        public var withoutSource: [Int]
    }

    /// Departures are measured (every single removal of the wave) up to this many people.
    public static let departureLimit = 500

    /// The waves compared.
    public let input: CompareInput
    /// The waves aligned over one roster (presence, statuses, observed rows).
    public let alignment: WaveAlignment
    /// The people.
    public let roster: Roster
    /// The relation compared.
    public let relation: String
    /// Wave names in order.
    public let labels: [String]
    /// The grouping column (E-I, modularity, colours), if any.
    public let groupColumn: String?
    /// Each person's group value.
    public let groups: [String]?
    /// Whether each person holds a formal role.
    public let isFormal: [Bool]
    /// Person measures computed in every wave.
    public let measures: [NodeMeasure]
    /// Who counts as a rising, fading or new leader.
    public let criteria: LeaderChangeCriteria
    /// The formal-role rule as given.
    public let formalRule: ColumnValues?
    /// Network figures per wave.
    public let trends: [WaveTrend]
    /// Compared pairs of waves: consecutive, then first → last.
    public let pairs: [Pair]
    /// values[measure][wave][person], `nil` when absent or undefined.
    public let values: [NodeMeasure: [[Double?]]]
    /// In-degree (times named) per wave and person, `nil` when not on staff.
    public let inDegrees: [[Int?]]
    /// In-degree rank (1 = most sought) per wave and person.
    public let ranks: [[Int?]]
    /// People who left between consecutive waves.
    public let leavers: [Leaver]
    /// Notes about the comparison for the user.
    public var notes: [String] = []

    /// What the caller decided before the comparison: the grouping, the
    /// breakdown columns, formal roles, measures and leader criteria.
    public struct Options: Sendable {
        /// The roster column used for E-I, modularity and colours, with each person's value.
        public var group: (column: String, values: [String])?
        /// Roster columns whose values break tie change down (within and across groups).
        public var breakdowns: [(column: String, values: [String])]
        /// The formal-role rule as given, and who matches it (`nil`: no formal roles).
        public var formal: (rule: ColumnValues, members: [Bool], resolved: RosterRule)?
        /// Person measures computed in every wave.
        public var measures: [NodeMeasure]
        /// Who counts as a rising, fading or new leader.
        public var criteria: LeaderChangeCriteria
        /// Worker threads (the results do not depend on it).
        public var threads: Int

        /// Options for a comparison.
        public init(group: (column: String, values: [String])?, breakdowns: [(column: String, values: [String])],
                    formal: (rule: ColumnValues, members: [Bool], resolved: RosterRule)?, measures: [NodeMeasure],
                    criteria: LeaderChangeCriteria, threads: Int) {
            self.group = group
            self.breakdowns = breakdowns
            self.formal = formal
            self.measures = measures
            self.criteria = criteria
            self.threads = threads
        }
    }

    /// Compares the waves of `input`; `progress` wraps each measure step of each wave
    /// (its name and the wave label), as ``NodeMeasureTable`` takes it.
    public init(input: CompareInput, options: Options,
                progress: @escaping (_ step: String, _ run: (ProgressHandler?) -> Void) -> Void = { _, run in run(nil) }) {
        self.input = input
        roster = input.roster
        relation = input.relation
        labels = input.waves.map(\.label)
        alignment = WaveAlignment(waves: input.waves.map { ($0.label, $0.graph, $0.responses) })
        let roster = input.roster
        groupColumn = options.group?.column
        groups = options.group?.values
        let breakdownColumns = options.breakdowns.map { ($0.column, $0.values) }
        if let formal = options.formal {
            isFormal = formal.members
            if !formal.members.contains(true) { notes.append("no one here has \(formal.resolved.column) = \(formal.resolved.values.joined(separator: " or "))") }
        } else {
            isFormal = [Bool](repeating: false, count: roster.count)
        }
        formalRule = options.formal?.rule
        measures = options.measures
        criteria = options.criteria

        // Per wave.
        let n = roster.count
        var trends: [WaveTrend] = []
        var values: [NodeMeasure: [[Double?]]] = [:]
        var ranks: [[Int?]] = []
        var allInDegrees: [[Int?]] = []
        var measureNotes: [String] = []
        for w in 0 ..< alignment.count {
            let view = alignment.view(w)
            trends.append(WaveTrend(view, groups: groups))
            let waveLabel = input.waves[w].label
            let table = NodeMeasureTable(measures, on: view.graph, threads: options.threads) { step, run in progress("\(step.name), wave \(waveLabel)", run) }
            for note in table.notes where !measureNotes.contains(note) { measureNotes.append(note) }
            for m in measures {
                let spread = view.spread(table.values[m] ?? [], over: n).map { $0 ?? nil }
                values[m, default: []].append(spread)
            }
            let inDegrees = inDegreesByPerson(alignment, wave: w)
            allInDegrees.append(inDegrees)
            let present = (0 ..< n).filter { inDegrees[$0] != nil }
            let r = competitionRanks(present.map { Double(inDegrees[$0] ?? 0) })
            var waveRanks = [Int?](repeating: nil, count: n)
            for (k, v) in present.enumerated() { waveRanks[v] = r[k] }
            ranks.append(waveRanks)
        }
        notes += measureNotes
        self.trends = trends
        self.values = values
        self.ranks = ranks
        self.inDegrees = allInDegrees

        // Pairs: consecutive, then first → last.
        var indexPairs = (0 ..< max(0, alignment.count - 1)).map { ($0, $0 + 1) }
        if alignment.count > 2 { indexPairs.append((0, alignment.count - 1)) }
        var pairs: [Pair] = []
        for (a, b) in indexPairs {
            let t = TieTransitions(alignment, from: a, to: b)
            let before = allInDegrees[a], after = allInDegrees[b]
            pairs.append(Pair(
                from: a, to: b, transitions: t,
                spearman: inDegreeRankStability(alignment, from: a, to: b),
                leaders: LeaderChanges(before: before, after: after, isFormal: isFormal, criteria: criteria),
                inDegreeBefore: before, inDegreeAfter: after,
                breakdowns: breakdownColumns.map { ($0.0, t.breakdown(by: $0.1)) },
                joiners: alignment.joiners(from: a, to: b), leavers: alignment.leavers(from: a, to: b),
                statusCounts: Dictionary(uniqueKeysWithValues: t.statusCounts.map { ($0.status, $0.count) })))
        }
        self.pairs = pairs

        // Leavers between consecutive waves; every single departure of a wave that lost
        // someone is measured too, so a leaver's cost can be ranked among everyone's.
        var departureViews: [Int: (Graph, [Int])] = [:]
        var departureLosses: [Int: [Double?]] = [:]
        for a in 0 ..< max(0, alignment.count - 1) where !alignment.leavers(from: a, to: a + 1).isEmpty {
            let view = alignment.view(a)
            guard view.graph.nodeCount <= Self.departureLimit else { continue }
            let g = view.graph
            departureViews[a] = (g, view.people)
            let n = g.nodeCount
            let parts = parallelChunks(count: n, threads: options.threads) { range in range.map { RemovalImpact(g, removing: [$0]).efficiencyLoss } }
            departureLosses[a] = parts.flatMap { $0 }
        }
        var leavers: [Leaver] = []
        for a in 0 ..< max(0, alignment.count - 1) {
            let b = a + 1
            let ga = alignment.graphs[a], gb = alignment.graphs[b]
            for v in alignment.leavers(from: a, to: b) {
                let namedBy = ga.inNeighbors(v).map(Int.init).filter { $0 != v }
                let named = ga.outNeighbors(v).map(Int.init).filter { $0 != v }
                var counts: [Int: Int] = [:]
                var answering = 0
                for u in namedBy where alignment.observedRows[a][u] && alignment.observedRows[b][u] {
                    answering += 1
                    for t32 in gb.outNeighbors(u) {
                        let t = Int(t32)
                        if t != u && !ga.hasEdge(from: u, to: t) { counts[t, default: 0] += 1 }
                    }
                }
                let nowNamed = counts.map { (person: $0.key, count: $0.value) }
                    .sorted { $0.count != $1.count ? $0.count > $1.count : $0.person < $1.person }
                let observedA = alignment.observedRows[a], observedB = alignment.observedRows[b], presentB = alignment.present[b]
                let withoutSource = namedBy.filter { u in
                    observedA[u] && observedB[u] && !gb.outNeighbors(u).contains { Int($0) != u && presentB[Int($0)] }
                }
                var impact: RemovalImpact?
                var lossRank: Double?
                if let (view, people) = departureViews[a], let index = people.firstIndex(of: v) {
                    impact = RemovalImpact(view, removing: [index])
                    if let observed = impact?.efficiencyLoss, let losses = departureLosses[a] {
                        let others = losses.enumerated().filter { $0.offset != index }.compactMap(\.element)
                        if !others.isEmpty {
                            let less = Double(others.filter { $0 < observed - 1e-12 }.count)
                            let equal = Double(others.filter { abs($0 - observed) <= 1e-12 }.count)
                            lossRank = (less + equal / 2) / Double(others.count)
                        }
                    }
                }
                leavers.append(Leaver(person: v, lastWave: a, nextWave: b, namedBy: namedBy, named: named,
                                      formerContactsAnswering: answering, nowNamed: Array(nowNamed.prefix(5)),
                                      impact: impact, lossRank: lossRank, withoutSource: withoutSource))
            }
        }
        self.leavers = leavers
        for (w, kept) in alignment.absentWithTies.enumerated() where !kept.isEmpty {
            notes.append("wave \(labels[w]): \(kept.count) people marked absent have ties and are counted as on staff (\(kept.prefix(5).map { roster.ids[$0] }.joined(separator: ", ")))")
        }
        for (w, wave) in input.waves.enumerated() {
            let statuses = alignment.statuses[w]
            var fromNon = 0
            for v in 0 ..< n where statuses[v] == .nonrespondent { fromNon += wave.graph.outDegree(v) }
            if fromNon > 0 {
                notes.append("wave \(labels[w]): \(fromNon) ties sent by people marked as non-respondents are kept, but outside the compared cells")
            }
        }
    }

    // MARK: - Shared helpers

    /// The first → last pair (the last of ``pairs``).
    public var firstLast: Pair? { pairs.last }
    /// The roster's name column, if any.
    public var names: [String]? { roster.attribute("name") }

    /// A person's name, or `nil` when the roster has none.
    public func name(_ v: Int) -> String? {
        guard let names, !names[v].isEmpty else { return nil }
        return names[v]
    }

    /// A person's group value, when grouped.
    public func group(_ v: Int) -> String? { groups.map { $0[v] } }

    /// The first wave a person is present in after having been absent, if they were absent at the start.
    public func joinedWave(_ v: Int) -> Int? {
        guard alignment.count > 0, !alignment.present[0][v] else { return nil }
        return (1 ..< alignment.count).first { alignment.present[$0][v] }
    }

    /// The first wave a person is absent in after having been present.
    public func leftWave(_ v: Int) -> Int? {
        guard let first = (0 ..< alignment.count).first(where: { alignment.present[$0][v] }) else { return nil }
        return (first + 1 ..< alignment.count).first { !alignment.present[$0][v] }
    }

    /// A person's status in a wave: responded, nonrespondent, absent or unknown.
    public func statusText(_ w: Int, _ v: Int) -> String {
        if !alignment.present[w][v] { return "absent" }
        switch alignment.statuses[w][v] {
        case .nonrespondent: return "nonrespondent"
        case .responded, .absent: return "responded"
        case nil: return alignment.hasResponseData[w] ? "unknown" : "responded"
        }
    }

    /// A measure's change from the first to the last wave.
    public func change(_ m: NodeMeasure, _ v: Int) -> Double? {
        guard let series = values[m], let first = series.first?[v], let last = series.last?[v] else { return nil }
        return last - first
    }

    /// In-degree rank gained from the first to the last wave (positive: more sought).
    public var rankChange: [Int?] {
        guard let first = ranks.first, let last = ranks.last else { return [] }
        return (0 ..< roster.count).map { v in
            guard let a = first[v], let b = last[v] else { return nil }
            return a - b
        }
    }

    /// "fall → spring".
    public func pairName(_ p: Pair) -> String { "\(labels[p.from]) → \(labels[p.to])" }

    /// Ties of one change status in a pair.
    public func statusCount(_ p: Pair, _ s: TieChangeStatus) -> Int { p.statusCounts[s] ?? 0 }

    // MARK: - JSON (compare.json)

    /// The comparison as `compare.json`.
    public func json() -> JSONValue {
        let ids = roster.ids
        func person(_ v: Int) -> [(String, JSONValue)] { [("id", .string(ids[v])), ("name", .string(name(v)))] }
        func list(_ people: [Int]) -> JSONValue { .array(people.map { .string(ids[$0]) }) }
        func triple(_ t: (stable: Int, new: Int, dissolved: Int)) -> JSONValue {
            .object([("stable", .int(t.stable)), ("new", .int(t.new)), ("dissolved", .int(t.dissolved))])
        }
        let waves: [JSONValue] = input.waves.enumerated().map { w, wave in
            let t = trends[w]
            return .object([
                ("label", .string(wave.label)), ("file", .string(wave.file)), ("response_column", .string(wave.responseColumn)),
                ("people", .int(t.people)), ("ties", .int(t.ties)),
                ("respondents", .int(t.respondents)), ("nonrespondents", .int(t.nonrespondents)),
                ("absent", .int(alignment.present[w].filter { !$0 }.count)), ("response_rate", .number(t.responseRate)),
                ("self_loops_dropped", .int(wave.buildReport.selfLoopsDropped)), ("parallel_ties_merged", .int(wave.buildReport.parallelTiesMerged)),
            ])
        }
        let pairs: [JSONValue] = self.pairs.map { p in
            let c = p.transitions.counts
            func leaderList(_ people: [Int]) -> JSONValue {
                .array(people.map { v in
                    .object(person(v) + [("before", .int(p.inDegreeBefore[v])), ("after", .int(p.inDegreeAfter[v])),
                                         ("change", .int(p.inDegreeAfter[v].flatMap { a in p.inDegreeBefore[v].map { a - $0 } }))])
                })
            }
            return .object([
                ("from", .string(labels[p.from])), ("to", .string(labels[p.to])),
                ("stable", .int(c.stable)), ("new", .int(c.new)), ("dissolved", .int(c.dissolved)),
                ("jaccard", .number(c.jaccard)), ("hamming", .int(c.hamming)),
                ("n00", .int(c.n00)), ("observed_cells", .int(c.observedCells)),
                ("leaver_ties", .int(statusCount(p, .leaver))), ("joiner_ties", .int(statusCount(p, .joiner))),
                ("unobserved_ties", .int(statusCount(p, .unobserved))),
                ("spearman_in_degree", .number(p.spearman)),
                ("joiners", list(p.joiners)), ("leavers", list(p.leavers)),
                ("rising", leaderList(p.leaders.rising)), ("fading", leaderList(p.leaders.fading)),
                ("new_informal_leaders", leaderList(p.leaders.newInformal)),
                ("departed_leaders", leaderList(p.leaders.departed)),
                ("leader_threshold", .object([("before", .int(p.leaders.thresholdBefore == Int.max ? nil : p.leaders.thresholdBefore)),
                                              ("after", .int(p.leaders.thresholdAfter == Int.max ? nil : p.leaders.thresholdAfter))])),
                ("breakdown", .array(p.breakdowns.map { column, b in
                    .object([
                        ("column", .string(column)), ("within", triple(b.within)), ("across", triple(b.across)),
                        ("cells", .array(b.cells.map { cell in
                            .object([("from_group", .string(cell.fromGroup)), ("to_group", .string(cell.toGroup)),
                                     ("stable", .int(cell.stable)), ("new", .int(cell.new)), ("dissolved", .int(cell.dissolved))])
                        })),
                    ])
                })),
            ])
        }
        let trend: [JSONValue] = trends.map { t in
            .object([
                ("wave", .string(t.label)), ("people", .int(t.people)), ("ties", .int(t.ties)),
                ("density", .number(t.density)), ("reciprocity", .number(t.reciprocity)),
                ("centralization_in_degree", .number(t.inDegreeCentralization)),
                ("centralization_betweenness", .number(t.betweennessCentralization)),
                ("transitivity", .number(t.transitivity)), ("ei_index", .number(t.eiIndex)), ("modularity", .number(t.modularity)),
                ("gini_in_degree", .number(t.inDegreeGini)), ("response_rate", .number(t.responseRate)),
            ])
        }
        let last = firstLast
        let rankChanges = rankChange
        let people: [JSONValue] = (0 ..< roster.count).map { v in
            var fields = person(v)
            fields.append(("group", .string(group(v))))
            fields.append(("status", .array((0 ..< alignment.count).map { .string(statusText($0, v)) })))
            fields.append(("joined", .string(joinedWave(v).map { labels[$0] })))
            fields.append(("left", .string(leftWave(v).map { labels[$0] })))
            fields.append(("measures", .object(measures.map { m in (m.rawValue, .array((values[m] ?? []).map { .number($0[v]) })) })))
            fields.append(("change", .object(measures.map { m in (m.rawValue, .number(change(m, v))) })))
            fields.append(("in_degree_rank", .array(ranks.map { .int($0[v]) })))
            fields.append(("in_degree_rank_change", .int(rankChanges.isEmpty ? nil : rankChanges[v])))
            fields.append(("rising", .bool(last?.leaders.rising.contains(v) ?? false)))
            fields.append(("fading", .bool(last?.leaders.fading.contains(v) ?? false)))
            fields.append(("new_informal_leader", .bool(last?.leaders.newInformal.contains(v) ?? false)))
            return .object(fields)
        }
        let leavers: [JSONValue] = self.leavers.map { l in
            .object(person(l.person) + [
                ("last_wave", .string(labels[l.lastWave])), ("left_before", .string(labels[l.nextWave])),
                ("named_by", list(l.namedBy)), ("named", list(l.named)),
                ("ties_lost", .int(l.namedBy.count + l.named.count)),
                ("former_contacts_answering", .int(l.formerContactsAnswering)),
                ("former_contacts_now_name", .array(l.nowNamed.map { .object(person($0.person) + [("count", .int($0.count))]) })),
                ("left_without_source", list(l.withoutSource)),
                ("departure", l.impact.map { i in
                    .object([("share_kept", .number(i.shareKept)), ("orphaned", .int(i.orphaned)), ("efficiency_loss", .number(i.efficiencyLoss)),
                             ("loss_rank", .number(l.lossRank))])
                } ?? .null),
            ])
        }
        return .object([
            ("relation", .string(relation)),
            ("selection", .array(input.selection.map { .string($0) })),
            ("waves", .array(waves)),
            ("pairs", .array(pairs)),
            ("trend", .array(trend)),
            ("group_column", .string(groupColumn)),
            ("measures", .array(measures.map { .string($0.rawValue) })),
            ("people", .array(people)),
            ("leavers", .array(leavers)),
            ("criteria", .object([
                ("top_fraction", .number(criteria.topFraction)), ("min_nominations", .int(criteria.minimumNominations)),
                ("min_change", .int(criteria.minimumChange)),
                ("formal", formalRule.map { f in .object([("column", .string(f.column)), ("values", .array(f.values.map { .string($0) }))]) } ?? .null),
                ("rising", .string("present in both waves, in-degree up by at least min_change, and a leader in the later wave (top top_fraction of the people present by in-degree, at least min_nominations)")),
                ("fading", .string("present in both waves, in-degree down by at least min_change, and a leader in the earlier wave")),
                ("new_informal_leader", .string("a leader in the later wave who was not one in the earlier wave (or was not there) and holds no formal role")),
                ("departed_leader", .string("a leader in the earlier wave who is not on staff in the later one")),
                ("observed_cells", .string("a cell i → j is compared when i answered in both waves and i and j were on staff in both (RSiena; see Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md, Wave change)")),
            ])),
        ])
    }

    // MARK: - CSV

    /// A number as CSV writes it (empty when undefined).
    public func csvNumber(_ x: Double?) -> String { x.map(formatJSONNumber) ?? "" }

    /// `trend.csv`: one row per wave.
    public func trendCSV() -> String {
        let header = ["wave", "people", "ties", "density", "reciprocity", "centralization_in_degree", "centralization_betweenness",
                      "transitivity", "ei_index", "modularity", "gini_in_degree", "response_rate"]
        let rows = trends.map { t in
            [t.label, String(t.people), String(t.ties), csvNumber(t.density), csvNumber(t.reciprocity),
             csvNumber(t.inDegreeCentralization), csvNumber(t.betweennessCentralization), csvNumber(t.transitivity),
             csvNumber(t.eiIndex), csvNumber(t.modularity), csvNumber(t.inDegreeGini), csvNumber(t.responseRate)]
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    /// `pairs.csv`: one row per compared pair.
    public func pairsCSV() -> String {
        let header = ["from", "to", "stable", "new", "dissolved", "jaccard", "hamming", "n00", "observed_cells",
                      "leaver_ties", "joiner_ties", "unobserved_ties", "spearman_in_degree", "joiners", "leavers"]
        let rows = pairs.map { p -> [String] in
            let c = p.transitions.counts
            return [labels[p.from], labels[p.to], String(c.stable), String(c.new), String(c.dissolved), csvNumber(c.jaccard),
                    String(c.hamming), String(c.n00), String(c.observedCells), String(statusCount(p, .leaver)),
                    String(statusCount(p, .joiner)), String(statusCount(p, .unobserved)), csvNumber(p.spearman),
                    p.joiners.map { roster.ids[$0] }.joined(separator: ";"), p.leavers.map { roster.ids[$0] }.joined(separator: ";")]
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    /// `people.csv`: one row per person.
    public func peopleCSV() -> String {
        var header = ["id", "name"]
        if let groupColumn { header.append(groupColumn) }
        header += ["joined", "left"] + labels.map { "status_\($0)" }
        for m in measures { header += labels.map { "\(m.rawValue)_\($0)" } + ["\(m.rawValue)_change"] }
        header += labels.map { "in_degree_rank_\($0)" } + ["in_degree_rank_change", "rising", "fading", "new_informal_leader"]
        let last = firstLast
        let rankChanges = rankChange
        let rows = (0 ..< roster.count).map { v -> [String] in
            var row = [roster.ids[v], name(v) ?? ""]
            if groups != nil { row.append(group(v) ?? "") }
            row += [joinedWave(v).map { labels[$0] } ?? "", leftWave(v).map { labels[$0] } ?? ""]
            row += (0 ..< alignment.count).map { statusText($0, v) }
            for m in measures {
                row += (values[m] ?? []).map { csvNumber($0[v]) }
                row.append(csvNumber(change(m, v)))
            }
            row += ranks.map { $0[v].map(String.init) ?? "" }
            row.append(rankChanges.isEmpty ? "" : rankChanges[v].map(String.init) ?? "")
            row.append((last?.leaders.rising.contains(v) ?? false) ? "yes" : "no")
            row.append((last?.leaders.fading.contains(v) ?? false) ? "yes" : "no")
            row.append((last?.leaders.newInformal.contains(v) ?? false) ? "yes" : "no")
            return row
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    /// `ties.csv`: every tie that changed.
    public func tiesCSV() -> String {
        var header = ["from_wave", "to_wave", "source", "target", "status", "weight_before", "weight_after"]
        if let groupColumn { header += ["source_\(groupColumn)", "target_\(groupColumn)"] }
        var rows: [[String]] = []
        for p in pairs {
            for c in p.transitions.changes where c.status != .stable {
                var row = [labels[p.from], labels[p.to], roster.ids[c.source], roster.ids[c.target], c.status.rawValue,
                           csvNumber(c.weightBefore), csvNumber(c.weightAfter)]
                if let groups { row += [groups[c.source], groups[c.target]] }
                rows.append(row)
            }
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    // MARK: - Terminal report

    /// The terminal report of `compare`.
    public func table() -> String {
        func who(_ v: Int) -> String { displayName(roster, v) }
        var files: [String] = []
        for w in input.waves where !files.contains(w.file) { files.append(w.file) }
        var out = "What changed: \(relation == "ties" ? "ties" : "\(relation) ties") over \(labels.count) waves, \(labels.joined(separator: " → "))\n"
        out += "Read from \(files.joined(separator: ", ")).\n"
        if !input.selection.isEmpty { out += "People: \(input.selection.joined(separator: "; ")).\n" }
        out += "\(roster.count) people on the roster. A tie a → b means a names b: in-degree = times sought out.\n"

        out += "\nPeople in each wave\n"
        let peopleRows = trends.enumerated().map { w, t -> [String] in
            let response: String
            if let yes = t.respondents, let no = t.nonrespondents, yes + no > 0 { response = "\(percent(t.responseRate)) (\(yes) of \(yes + no))" } else { response = "not recorded" }
            return [t.label, String(t.people), String(t.ties), response, String(alignment.present[w].filter { !$0 }.count)]
        }
        out += alignedTable(header: ["wave", "people", "ties", "response rate", "not on staff"], rows: peopleRows, rightAligned: [false, true, true, true, true])
        for p in pairs where p.to == p.from + 1 {
            if !p.joiners.isEmpty { out += "  joined by \(labels[p.to]): \(p.joiners.map(who).joined(separator: ", "))\n" }
            if !p.leavers.isEmpty { out += "  left by \(labels[p.to]): \(p.leavers.map(who).joined(separator: ", "))\n" }
        }

        out += "\nTies gained and lost (cells observed in both waves: the sender answered both times, both people on staff)\n"
        let pairRows = pairs.map { p -> [String] in
            let c = p.transitions.counts
            return [pairName(p), String(c.stable), String(c.new), String(c.dissolved), c.jaccard.map { String(fixed: $0, decimals: 3) } ?? "–",
                    String(c.hamming), p.spearman.map { String(fixed: $0, decimals: 3) } ?? "–",
                    String(statusCount(p, .leaver)), String(statusCount(p, .joiner)), String(statusCount(p, .unobserved))]
        }
        out += alignedTable(header: ["waves", "stable", "new", "dissolved", "Jaccard", "Hamming", "in-degree ρ", "ties of leavers", "of joiners", "not compared"],
                            rows: pairRows, rightAligned: [false, true, true, true, true, true, true, true, true, true])
        out += "  Jaccard = stable / (stable + new + dissolved): how much of the network carried over (RSiena: 0.3 or more is good, below 0.2 a lot of change).\n"
        out += "  Hamming = new + dissolved. ρ = Spearman rank correlation of in-degree among the people there both times (1 = the same people most sought).\n"
        out += "  Not compared: ties of someone who did not answer in one of the two waves.\n"
        if pairs.contains(where: { !$0.breakdowns.isEmpty }) {
            for (k, (column, _)) in (pairs.first?.breakdowns ?? []).enumerated() {
                out += "\n  By \(column): ties gained and lost within and across groups\n"
                let rows = pairs.map { p -> [String] in
                    let b = p.breakdowns[k].breakdown
                    return [pairName(p), "+\(b.within.new) −\(b.within.dissolved)", "+\(b.across.new) −\(b.across.dissolved)", String(b.across.stable)]
                }
                out += alignedTable(header: ["waves", "within groups", "across groups", "stable across"], rows: rows,
                                    rightAligned: [false, true, true, true], indent: "    ")
            }
        }

        out += "\nTrend\n"
        var trendRows: [[String]] = []
        func row(_ label: String, _ f: (WaveTrend) -> Double?) {
            let xs = trends.map(f)
            let delta: String = {
                guard let a = xs.first ?? nil, let b = xs.last ?? nil else { return "–" }
                let d = b - a
                return (d >= 0 ? "+" : "") + String(format4: d)
            }()
            trendRows.append([label] + xs.map(fixed4) + [delta])
        }
        trendRows.append(["people"] + trends.map { String($0.people) } + [String((trends.last?.people ?? 0) - (trends.first?.people ?? 0))])
        trendRows.append(["ties"] + trends.map { String($0.ties) } + [String((trends.last?.ties ?? 0) - (trends.first?.ties ?? 0))])
        row("density") { $0.density }
        row("reciprocity (edgewise)") { $0.reciprocity }
        row("centralization: in-degree") { $0.inDegreeCentralization }
        row("centralization: betweenness") { $0.betweennessCentralization }
        row("transitivity (directed, weak)") { $0.transitivity }
        if let groupColumn {
            row("E-I index by \(groupColumn)") { $0.eiIndex }
            row("modularity of \(groupColumn)") { $0.modularity }
        }
        row("Gini of in-degree") { $0.inDegreeGini }
        row("response rate") { $0.responseRate }
        out += alignedTable(header: ["measure"] + labels + ["change"], rows: trendRows,
                            rightAligned: [false] + labels.map { _ in true } + [true])
        if let first = trends.first?.inDegreeCentralization, let last = trends.last?.inDegreeCentralization {
            let verdict = abs(last - first) < 0.01 ? "about as centralized as" : last > first ? "more centralized than" : "less centralized than"
            out += "  In \(labels.last ?? "") the network was \(verdict) in \(labels.first ?? "") (in-degree centralization \(fixed4(first)) → \(fixed4(last))).\n"
        }
        out += "  Density, reciprocity and transitivity leave non-respondents' missing answers out; centralization is Freeman's (R sna).\n"

        if let p = firstLast {
            let l = p.leaders
            out += "\nWho rose and who faded as a source of \(relation) (\(pairName(p)); in-degree = times named)\n"
            out += "  A leader is among the top \(formatNumber(criteria.topFraction * 100))% most sought and named by at least \(criteria.minimumNominations) "
            out += "(here \(l.thresholdBefore == Int.max ? "–" : String(l.thresholdBefore)) or more in \(labels[p.from]), \(l.thresholdAfter == Int.max ? "–" : String(l.thresholdAfter)) or more in \(labels[p.to])); "
            out += "a rise or fall counts from \(criteria.minimumChange) nominations.\n"
            func entries(_ people: [Int]) -> String {
                if people.isEmpty { return "    none\n" }
                let rows = people.map { v -> [String] in
                    let a = p.inDegreeBefore[v], b = p.inDegreeAfter[v]
                    let d = a.flatMap { x in b.map { $0 - x } }
                    return [who(v), a.map(String.init) ?? "–", b.map(String.init) ?? "–", d.map { ($0 >= 0 ? "+" : "") + String($0) } ?? "joined",
                            group(v) ?? ""]
                }
                return alignedTable(header: ["person", labels[p.from], labels[p.to], "change", groupColumn ?? ""], rows: rows,
                                    rightAligned: [false, true, true, true, false], indent: "    ")
            }
            out += "  Rising:\n" + entries(l.rising)
            out += "  Fading:\n" + entries(l.fading)
            if !l.departed.isEmpty {
                out += "  Leaders who left: " + l.departed.map { "\(who($0)) (named by \(p.inDegreeBefore[$0] ?? 0) in \(labels[p.from]))" }.joined(separator: ", ") + "\n"
            }
            out += "  New informal leaders in \(labels[p.to])\(formalRule == nil ? " (no --formal roles given: anyone can count)" : ""):\n" + entries(l.newInformal)
            // Largest movers, for context.
            let movers = (0 ..< roster.count).compactMap { v -> (Int, Int)? in
                guard let a = p.inDegreeBefore[v], let b = p.inDegreeAfter[v], b != a else { return nil }
                return (v, b - a)
            }
            let up = movers.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(5)
            let down = movers.filter { $0.1 < 0 }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(5)
            if !up.isEmpty { out += "  Largest gains: " + up.map { "\(who($0.0)) +\($0.1)" }.joined(separator: ", ") + "\n" }
            if !down.isEmpty { out += "  Largest losses: " + down.map { "\(who($0.0)) \($0.1)" }.joined(separator: ", ") + "\n" }
        }

        if !leavers.isEmpty {
            out += "\nAround the people who left\n"
            for l in leavers {
                out += "  \(who(l.person)) left before \(labels[l.nextWave]): in \(labels[l.lastWave]) named by \(l.namedBy.count), naming \(l.named.count); \(l.namedBy.count + l.named.count) ties gone.\n"
                if let i = l.impact {
                    var line = "    Their leaving lengthened chains of advice by \(percent(i.efficiencyLoss))"
                    if let rank = l.lossRank { line += " (more than \(percent(rank)) of single departures would have)" }
                    line += "; \(i.orphaned) \(i.orphaned == 1 ? "person was" : "people were") left with no one else they had named"
                    line += l.withoutSource.isEmpty ? ".\n" : "; in \(labels[l.nextWave]) \(l.withoutSource.count) of those who went to them named no one: \(l.withoutSource.map(who).joined(separator: ", ")).\n"
                    out += line
                }
                if !l.nowNamed.isEmpty {
                    out += "    Of the \(l.namedBy.count) who went to them, \(l.formerContactsAnswering) answered in both waves; their new contacts in \(labels[l.nextWave]): "
                    out += l.nowNamed.map { "\(who($0.person)): \($0.count)" }.joined(separator: ", ") + "\n"
                }
            }
        }
        return out
    }
}
