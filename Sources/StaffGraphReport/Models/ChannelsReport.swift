import StaffGraphCore
import StaffGraphIO

/// Everything `channels` computes for one layer: the level × level ties and the
/// boundary spanners (with a grouping column), and the channels from one set of
/// people to another (with two sets).
public struct ChannelsReport: Sendable {
    /// The levels part: ties between the groups of a roster column.
    public struct Levels: Sendable {
        /// The roster column, as given.
        public let column: String
        /// Each person's level, indexed by the view's nodes.
        public let partition: Partition
        /// Ties and block densities from level to level (row names, column is named).
        public let mixing: MixingMatrix
        /// People whose ties reach other levels, ranked.
        public let spanners: BoundarySpanners
    }

    /// The channels part: two sets of people and the channels between them.
    public struct Sets: Sendable {
        /// The FROM rule as the roster spells it ("level = district").
        public let from: String
        /// The TO rule as the roster spells it.
        public let to: String
        /// Whether each person (view node) is in FROM.
        public let inFrom: [Bool]
        /// Whether each person (view node) is in TO.
        public let inTo: [Bool]
        /// The channels.
        public let channels: Channels

        /// People in FROM.
        public var fromCount: Int { inFrom.filter { $0 }.count }
        /// People in TO.
        public var toCount: Int { inTo.filter { $0 }.count }
        /// People in both sets.
        public var bothCount: Int { zip(inFrom, inTo).filter { $0 && $1 }.count }
    }

    /// The people analysed (absent people left out) and their graph.
    public let view: AnalysisView
    /// The relation and wave analysed.
    public let layer: LayerKey
    /// How the people were selected (empty: everyone).
    public let selection: [String]
    /// The levels part, with a grouping column.
    public let levels: Levels?
    /// The channels part, with two sets.
    public let sets: Sets?

    /// Computes the report. `levels` is the column and its values (indexed by
    /// the view's nodes); `sets` the two rules with their members (indexed by
    /// the view's nodes).
    public init(view: AnalysisView, layer: LayerKey, selection: [String], levels: (column: String, values: [String])?,
                sets: (from: String, inFrom: [Bool], to: String, inTo: [Bool], direction: ChannelDirection)?) {
        self.view = view
        self.layer = layer
        self.selection = selection
        self.levels = levels.map { l in
            let partition = Partition(values: l.values)
            return Levels(column: l.column, partition: partition,
                          mixing: MixingMatrix(view.graph, partition: partition, observedRows: view.observedRows),
                          spanners: BoundarySpanners(view.graph, partition: partition))
        }
        self.sets = sets.map { s in
            Sets(from: s.from, to: s.to, inFrom: s.inFrom, inTo: s.inTo,
                 channels: Channels(view.graph, from: s.inFrom, to: s.inTo, direction: s.direction))
        }
    }

    private func id(_ roster: Roster, _ node: Int) -> String { roster.ids[view.people[node]] }

    private func roleInSets(_ s: Sets, _ v: Int) -> String {
        s.inFrom[v] && s.inTo[v] ? "from+to" : s.inFrom[v] ? "from" : s.inTo[v] ? "to" : "between"
    }

    /// The report as `channels --format json` writes it.
    public func json(roster: Roster) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("relation", .string(layer.relation)),
            ("wave", .string(layer.wave)),
            ("selection", .array(selection.map { .string($0) })),
            ("people_count", .int(view.graph.nodeCount)),
            ("ties", .int(view.graph.edgeCount)),
        ]
        if let l = levels {
            fields.append(("levels", .object([
                ("by", .string(l.column)),
                ("levels", .array(l.partition.names.enumerated().map { g, name in
                    .object([("level", .string(name)), ("size", .int(l.partition.sizes[g]))])
                })),
                ("ties", .array(l.mixing.ties.map { .array($0.map { .int($0) }) })),
                ("density", .array(l.mixing.density.map { .array($0.map { .number($0) }) })),
                ("spanners", .array(l.spanners.spanners.map { s in
                    .object([
                        ("id", .string(id(roster, s.person))),
                        ("level", .string(l.partition.names[l.partition.labels[s.person]])),
                        ("other_levels", .int(s.otherGroups)),
                        ("cross_level_contacts", .int(s.crossContacts)),
                        ("contacts_per_level", .object(zip(l.partition.names, s.contactsPerGroup).map { ($0, .int($1)) })),
                    ])
                })),
            ])))
        }
        if let s = sets {
            let c = s.channels
            fields.append(("channels", .object([
                ("from", .string(s.from)),
                ("to", .string(s.to)),
                ("direction", .string(c.direction.rawValue)),
                ("from_count", .int(s.fromCount)),
                ("to_count", .int(s.toCount)),
                ("both_count", .int(s.bothCount)),
                ("direct", .array(c.direct.map { t in
                    .object([("namer", .string(id(roster, t.namer))), ("named", .string(id(roster, t.named))), ("weight", .number(t.weight))])
                })),
                ("two_step_chains", .int(c.twoStepChains)),
                ("intermediaries", .array(c.intermediaries.map { m in
                    .object([("id", .string(id(roster, m.person))), ("set", .string(roleInSets(s, m.person))), ("chains", .int(m.chains)),
                             ("from_reached", .int(m.fromReached)), ("to_reached", .int(m.toReached))])
                })),
                ("independent_channels", .int(c.independentChannels)),
                ("cut", .array(c.cut.map { v in .object([("id", .string(id(roster, v))), ("set", .string(roleInSets(s, v)))]) })),
                ("brokered_channels", c.brokeredChannels.map { .int($0) } ?? .null),
                ("broker_cut", .array(c.brokerCut.map { .string(id(roster, $0)) })),
            ])))
        }
        return .object(fields)
    }

    /// The report as `channels --format csv` writes it: one row per person who
    /// is in a set, carries a chain, sits in the cut or spans levels, in node order.
    public func csv(roster: Roster) -> (header: [String], rows: [[String]]) {
        var header = ["id"]
        if levels != nil { header += ["level", "other_levels", "cross_level_contacts"] }
        if sets != nil { header += ["set", "direct_ties", "chains_through", "in_cut", "in_broker_cut"] }
        var spanner: [Int: BoundarySpanners.Spanner] = [:]
        for s in levels?.spanners.spanners ?? [] { spanner[s.person] = s }
        var through: [Int: Int] = [:]
        for m in sets?.channels.intermediaries ?? [] { through[m.person] = m.chains }
        var direct = [Int](repeating: 0, count: view.graph.nodeCount)
        for t in sets?.channels.direct ?? [] {
            direct[t.namer] += 1
            direct[t.named] += 1
        }
        let cut = Set(sets?.channels.cut ?? [])
        let brokerCut = Set(sets?.channels.brokerCut ?? [])
        var rows: [[String]] = []
        for v in 0 ..< view.graph.nodeCount {
            let inSet = sets.map { $0.inFrom[v] || $0.inTo[v] } ?? false
            guard inSet || spanner[v] != nil || through[v] != nil || cut.contains(v) || brokerCut.contains(v) else { continue }
            var row = [id(roster, v)]
            if let l = levels {
                row += [l.partition.names[l.partition.labels[v]], String(spanner[v]?.otherGroups ?? 0), String(spanner[v]?.crossContacts ?? 0)]
            }
            if let s = sets {
                row += [roleInSets(s, v), String(direct[v]), String(through[v] ?? 0), cut.contains(v) ? "yes" : "no", brokerCut.contains(v) ? "yes" : "no"]
            }
            rows.append(row)
        }
        return (header, rows)
    }

    /// The report as `channels` prints it; `source` (the file read) heads it.
    public func table(roster: Roster, source: String, top: Int) -> String {
        var out = "\(source): \(layer.description)\(selection.map { ", \($0)" }.joined()) (\(view.graph.nodeCount) people, \(view.graph.edgeCount) ties)\n"
        if let l = levels {
            let k = l.partition.count
            let labels = (0 ..< k).map { "\($0 + 1) \(l.partition.names[$0])" }
            let numbers = (1 ... max(1, k)).map(String.init).prefix(k)
            out += "\nTies between \(l.column) groups: row = who names, column = who is named\n"
            out += alignedTable(header: [""] + numbers, rows: (0 ..< k).map { [labels[$0]] + l.mixing.ties[$0].map(String.init) },
                                rightAligned: [false] + [Bool](repeating: true, count: k))
            out += "\nDensities: share of possible ties from the row group to the column group (– = no possible tie)\n"
            out += alignedTable(header: [""] + numbers, rows: (0 ..< k).map { g in
                [labels[g]] + l.mixing.density[g].map { $0.map { String(fixed: $0, decimals: 3) } ?? "–" }
            }, rightAligned: [false] + [Bool](repeating: true, count: k))
            let shown = l.spanners.spanners.prefix(top)
            out += "\nBoundary spanners: \(l.spanners.spanners.count) \(l.spanners.spanners.count == 1 ? "person has" : "people have") ties (sent or received) with someone of another \(l.column)"
            out += shown.count < l.spanners.spanners.count ? "; the first \(shown.count) (--top)\n" : "\n"
            if !shown.isEmpty {
                out += alignedTable(header: ["person", l.column, "other levels", "contacts across"] + l.partition.names, rows: shown.map { s in
                    [displayName(roster, view.people[s.person]), l.partition.names[l.partition.labels[s.person]], String(s.otherGroups), String(s.crossContacts)]
                        + s.contactsPerGroup.map(String.init)
                }, rightAligned: [false, false] + [Bool](repeating: true, count: 2 + k))
            }
        }
        if let s = sets {
            let c = s.channels
            let way: String
            switch c.direction {
            case .either: way = "any tie, either way"
            case .named: way = "ties as named: from the person who names to the person named"
            case .adviceFlow: way = "the way advice flows: from the person named to the person who names them"
            }
            func people(_ k: Int) -> String { k == 1 ? "1 person" : "\(k) people" }
            out += "\nChannels from \(s.from) (\(people(s.fromCount))) to \(s.to) (\(people(s.toCount))), following \(way)"
            out += s.bothCount > 0 ? "; \(s.bothCount) in both sets\n" : "\n"
            out += "\nIndependent channels  \(c.independentChannels)   paths that share no person (Menger: as many people must be removed to cut every path)\n"
            let cutNames = c.cut.map { "\(displayName(roster, view.people[$0])) [\(roleInSets(s, $0))]" }
            out += "  one smallest cut:   \(cutNames.isEmpty ? "nobody (no path)" : cutNames.joined(separator: ", "))\n"
            if let brokered = c.brokeredChannels {
                out += "Brokered channels     \(brokered)   paths through people outside both sets, no two through the same one (direct ties aside)\n"
                let names = c.brokerCut.map { displayName(roster, view.people[$0]) }
                out += "  whose removal leaves only the direct ties: \(names.isEmpty ? "nobody (no such path)" : names.joined(separator: ", "))\n"
            } else {
                out += "Brokered channels     –   undefined: someone is in both sets\n"
            }
            out += "Direct ties           \(c.direct.count)\n"
            if !c.direct.isEmpty {
                out += alignedTable(header: ["who names", "whom", "weight"], rows: c.direct.prefix(top).map { t in
                    [displayName(roster, view.people[t.namer]), displayName(roster, view.people[t.named]), formatJSONNumber(t.weight)]
                }, rightAligned: [false, false, true])
                if c.direct.count > top { out += "  … \(c.direct.count - top) more (--top, or --format json)\n" }
            }
            out += "Two-step chains       \(c.twoStepChains)   FROM → someone → TO, three different people\n"
            if !c.intermediaries.isEmpty {
                out += "  through whom (most chains first):\n"
                out += alignedTable(header: ["person", "set", "chains", "from reached", "to reached"], rows: c.intermediaries.prefix(top).map { m in
                    [displayName(roster, view.people[m.person]), roleInSets(s, m.person), String(m.chains), String(m.fromReached), String(m.toReached)]
                }, rightAligned: [false, false, true, true, true])
                if c.intermediaries.count > top { out += "  … \(c.intermediaries.count - top) more (--top, or --format json)\n" }
            }
        }
        return out
    }
}
