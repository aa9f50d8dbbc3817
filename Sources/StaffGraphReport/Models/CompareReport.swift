import StaffGraphCore
import StaffGraphIO

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
}
