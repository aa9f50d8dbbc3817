import StaffGraphCore
import StaffGraphIO

/// Everything `groups` computes for one layer.
public struct GroupsReport: Sendable {
    /// The people analysed (absent people left out) and their graph.
    public let view: AnalysisView
    /// The relation and wave analysed.
    public let layer: LayerKey
    /// How the people were selected (empty: everyone).
    public let selection: [String]
    /// The roster column that defines the groups, as given.
    public let column: String
    /// Permutations of the E-I test (0: not run) and its seed.
    public let permutations: Int
    /// The seed of the E-I permutation test.
    public let seed: UInt64
    /// Each person's group, indexed by the view's nodes.
    public let partition: Partition
    /// E-I index of the network, each group and each person.
    public let ei: EIIndex
    /// The permutation test of the network's E-I index, when run.
    public let test: EIPermutationTest?
    /// Tie counts and block densities from group to group.
    public let mixing: MixingMatrix
    /// Undirected modularity of the grouping.
    public let modularity: Double?
    /// Directed modularity of the grouping.
    public let modularityDirected: Double?
    /// Gould–Fernandez brokerage counts summed per group (roles in ``BrokerageRole`` order, then the total).
    public let brokerageByGroup: [[Int]]
    /// Gould–Fernandez brokerage counts of each person (indexed by the view's nodes).
    public let brokerage: Brokerage
    /// Groups with fewer people than this show no group figures in the renderings
    /// (size, ties, E-I, brokerage, block cells: null, empty or "fewer than N"), so
    /// a small team cannot be singled out; 1 shows every group.
    public var minimumGroupSize = 1
    /// Positions of structurally equivalent people (`groups --positions`), when asked;
    /// see GroupsReport+Positions.swift.
    public var positions: Positions?
    /// Borgatti–Everett core and periphery (`groups --core`), when asked.
    public var corePeriphery: CorePeriphery?

    /// Whether group `g` (an index into ``partition``'s names) is below ``minimumGroupSize``.
    public func isSuppressed(_ g: Int) -> Bool { ei.groups[g].size < minimumGroupSize }

    /// Computes the report for `view` grouped by `partition` (indexed by the view's nodes).
    public init(view: AnalysisView, layer: LayerKey, selection: [String], column: String, partition: Partition,
                permutations: Int, seed: UInt64, threads: Int) {
        self.view = view
        self.layer = layer
        self.selection = selection
        self.column = column
        self.permutations = permutations
        self.seed = seed
        self.partition = partition
        ei = EIIndex(view.graph, partition: partition)
        test = permutations > 0 ? EIPermutationTest(view.graph, partition: partition, permutations: permutations, seed: seed, threads: threads) : nil
        mixing = MixingMatrix(view.graph, partition: partition, observedRows: view.observedRows)
        modularity = StaffGraphCore.modularity(view.graph, partition: partition)
        modularityDirected = StaffGraphCore.modularity(view.graph, partition: partition, convention: .directed)
        brokerage = Brokerage(view.graph, partition: partition, threads: threads)
        brokerageByGroup = brokerage.totals(by: partition)
    }

    /// The report as `groups --format json` writes it.
    public func json(roster: Roster) -> JSONValue {
        let r = self
        let roles = BrokerageRole.allCases.map(\.rawValue) + ["total"]
        let groups: [JSONValue] = r.ei.groups.enumerated().map { g, e in
            if r.isSuppressed(g) {
                return .object([("group", .string(e.group)), ("suppressed", .bool(true)), ("size", .null), ("internal", .null),
                                ("external", .null), ("ei_index", .null), ("brokerage", .null)])
            }
            return .object([
                ("group", .string(e.group)), ("size", .int(e.size)), ("internal", .int(e.internal)),
                ("external", .int(e.external)), ("ei_index", .number(e.eiIndex)),
                ("brokerage", .object(zip(roles, r.brokerageByGroup[g]).map { ($0, .int($1)) })),
            ])
        }
        let people: [JSONValue] = r.view.people.enumerated().map { i, person in
            .object([("id", .string(roster.ids[person])), ("group", .string(r.partition.names[r.partition.labels[i]])),
                     ("ei_index", .number(r.ei.people[i].isNaN ? nil : r.ei.people[i]))] + r.positionFields(i))
        }
        return .object([
            ("relation", .string(layer.relation)),
            ("wave", .string(layer.wave)),
            ("selection", .array(selection.map { .string($0) })),
            ("by", .string(column)),
            ("people_count", .int(r.view.graph.nodeCount)),
            ("ties", .int(r.view.graph.edgeCount)),
            ("ei_index", .number(r.ei.network)),
            ("ei_p_value", .number(r.test?.pValue)),
            ("ei_p_lower", .number(r.test?.pLower)),
            ("ei_p_upper", .number(r.test?.pUpper)),
            ("ei_permutation_mean", .number(r.test?.permutationMean)),
            ("permutations", .int(permutations)),
            ("seed", .int(Int(truncatingIfNeeded: seed))),
            ("internal_ties", .int(r.ei.internalTies)),
            ("external_ties", .int(r.ei.externalTies)),
            ("groups", .array(groups)),
            ("block_ties", .array(r.mixing.ties.enumerated().map { a, row in .array(row.enumerated().map { b, x in r.isSuppressed(a) || r.isSuppressed(b) ? .null : .int(x) }) })),
            ("block_density", .array(r.mixing.density.enumerated().map { a, row in .array(row.enumerated().map { b, x in r.isSuppressed(a) || r.isSuppressed(b) ? .null : .number(x) }) })),
            ("min_group_size", .int(minimumGroupSize)),
            ("modularity", .number(r.modularity)),
            ("modularity_directed", .number(r.modularityDirected)),
        ] + positionsJSON() + [
            ("people", .array(people)),
        ])
    }

    /// The report as `groups --format csv` writes it: one row per group, or per person.
    public func csv(roster: Roster, perPerson: Bool) -> (header: [String], rows: [[String]]) {
        let r = self
        func num(_ x: Double?) -> String { x.map(formatJSONNumber) ?? "" }
        if perPerson {
            let rows = r.view.people.enumerated().map { i, person in
                [roster.ids[person], r.partition.names[r.partition.labels[i]], num(r.ei.people[i].isNaN ? nil : r.ei.people[i])] + r.positionCells(i)
            }
            return (["id", "group", "ei_index"] + positionColumns, rows)
        }
        let roles = BrokerageRole.allCases.map { "broker_" + $0.rawValue } + ["broker_total"]
        let header = ["group", "size", "internal", "external", "ei_index"] + roles + r.partition.names.map { "density_to_" + $0 }
        let rows = r.ei.groups.enumerated().map { g, e -> [String] in
            if r.isSuppressed(g) { return [e.group] + [String](repeating: "", count: header.count - 1) }
            return [e.group, String(e.size), String(e.internal), String(e.external), num(e.eiIndex)]
                + r.brokerageByGroup[g].map(String.init) + r.mixing.density[g].enumerated().map { b, x in r.isSuppressed(b) ? "" : num(x) }
        }
        return (header, rows)
    }

    /// The report as `groups` prints it; `source` (the file read) heads it.
    public func table(roster: Roster, source: String, perPerson: Bool) -> String {
        let r = self
        var out = "\(source): \(layer.description)\(selection.map { ", \($0)" }.joined()), grouped by \(column) (\(r.partition.count) groups, \(r.view.graph.nodeCount) people, \(r.view.graph.edgeCount) ties)\n\n"
        if perPerson {
            let rows = r.view.people.enumerated().map { i, person in
                [displayName(roster, person), r.partition.names[r.partition.labels[i]], fixed4(r.ei.people[i])] + r.positionCells(i, decimals: 4)
            }
            out += "E-I index of each person's ties (sent and received): −1 all inside their group, +1 all across\n"
            out += alignedTable(header: ["person", column, "E-I"] + positionColumns, rows: rows,
                                rightAligned: [false, false, true] + positionColumns.map { _ in true })
            return out
        }
        out += "E-I index          \(fixed4(r.ei.network))   −1 = every tie stays inside its group, +1 = every tie crosses groups\n"
        out += "                            \(r.ei.internalTies) ties inside groups, \(r.ei.externalTies) between groups\n"
        if let t = r.test, let p = t.pValue {
            let side = (t.observed ?? 0) < (t.permutationMean ?? 0) ? "more inside-group ties" : "more cross-group ties"
            out += "  compared with chance  p = \(fixed4(p)) (two-sided; \(t.permutations) random regroupings, seed \(t.seed)); chance level \(fixed4(t.permutationMean)): \(p < 0.05 ? side + " than chance" : "not clearly different from chance")\n"
        }
        out += "modularity         \(fixed4(r.modularity))   how strongly ties cluster within these groups (0 = no more than chance; above 0.3 = clearly grouped)\n\n"
        let header = [column, "size", "inside", "across", "E-I", "coordinator", "consultant", "representative", "gatekeeper", "liaison", "brokerage"]
        let rows = r.ei.groups.enumerated().map { g, e -> [String] in
            if r.isSuppressed(g) { return [e.group, "fewer than \(minimumGroupSize)"] + [String](repeating: "–", count: header.count - 2) }
            return [e.group, String(e.size), String(e.internal), String(e.external), fixed4(e.eiIndex)] + r.brokerageByGroup[g].map(String.init)
        }
        out += "Per group: ties inside and across (sent or received), E-I, and how often members broker between others\n"
        out += alignedTable(header: header, rows: rows, rightAligned: [false] + [Bool](repeating: true, count: header.count - 1))
        out += "\nBlock densities: share of possible ties from the row group to the column group\n"
        let numbers = (1 ... max(1, r.partition.count)).map(String.init)
        let dRows = r.mixing.density.enumerated().map { g, row in
            ["\(g + 1) \(r.partition.names[g])"] + row.enumerated().map { b, x in r.isSuppressed(g) || r.isSuppressed(b) ? "–" : x.map { String(fixed: $0, decimals: 2) } ?? "–" }
        }
        out += alignedTable(header: [""] + numbers.prefix(r.partition.count), rows: dRows,
                            rightAligned: [false] + [Bool](repeating: true, count: r.partition.count))
        out += "\nbrokers: coordinator = within their own group; consultant = between two members of another group; "
        out += "representative = passes their group's requests out; gatekeeper = lets outside requests into their group; liaison = between two other groups\n"
        out += positionsTable(roster: roster)
        return out
    }
}
