import ArgumentParser
import StaffGraphCore
import StaffGraphIO

/// Output formats of `groups`.
enum GroupsFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct Groups: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How much do ties stay inside groups (departments, levels)? E-I index, block densities, modularity, brokers.",
        discussion: """
        Groups people by a roster column (--by team, --by level) and reports, for one relation in one wave:
        the E-I index of the network, of each group and of each person ((E − I)/(E + I): −1 all ties \
        inside the group, +1 all ties across groups) with a permutation test (seeded, so a run can be \
        repeated exactly); tie counts and block densities from each group to each group; the modularity \
        of the grouping; and Gould–Fernandez brokerage summed per group (coordinators, consultants, \
        representatives, gatekeepers, liaisons).

        People marked absent in the wave are left out; non-respondents' missing answers leave the block \
        densities' denominators. People with an empty value form the group "(missing)".

        JSON keys: ei_index, ei_p_value, groups (list of {group, size, internal, external, ei_index, brokerage}), \
        block_ties and block_density (matrices in the order of groups; null where a block has no possible tie), \
        modularity (undirected, as Louvain uses), modularity_directed, people (list of {id, group, ei_index}), \
        permutations, seed.
        CSV: one row per group, or per person with --per-person.

        --anonymize: people (--per-person, JSON people) are pseudonyms (Person 01 …, a random order \
        keyed by --anonymize-seed, never the roster's), in pseudonym order; --by, --where and --per \
        refuse roster columns that identify people (name, email …).

        Example: staffgraph groups Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --by team
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Roster column that defines the groups (team, department, level …).", valueName: "column"))
    var by: String

    @Option(help: "Output format: table, json or csv.")
    var format: GroupsFormat = .table

    @Option(parsing: .unconditional, help: ArgumentHelp("Permutations for the E-I test, 0 to 1,000,000 (0 skips it).", valueName: "n"))
    var permutations: Int = 5000

    /// The most permutations `--permutations` takes: a p-value's third decimal is settled
    /// long before (its standard error is at most 0.0005), and a district's ties times a
    /// million would run for hours.
    static let maximumPermutations = 1_000_000

    @Option(help: ArgumentHelp("Seed of the permutation test.", valueName: "n"))
    var seed: UInt64 = 42

    @Flag(help: "Table and CSV: one row per person (E-I of each person's ties) instead of per group.")
    var perPerson = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    func validate() throws {
        if permutations < 0 || permutations > Self.maximumPermutations {
            throw ValidationError("--permutations must be between 0 and 1,000,000 (got \(permutations)); 5,000 (the default) gives p-values to about ±0.007, 1,000,000 to ±0.0005")
        }
        if input.nodes == nil { throw ValidationError("groups needs a roster (--nodes ROSTER) with the column named by --by") }
    }

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, columns: [("--by", by)]) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The groups report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let layer = try singleLayer(input, network, command: "groups")
        let (column, values) = try forOption("--by") { () throws(InputError) in try network.roster.column(named: by, file: input.rosterFile) }
        var notes: [String] = []
        let view = AnalysisView(layer: layer, roster: network.roster)
        let partition = Partition(values: view.column(values))
        if partition.hasMissing {
            let missing = partition.sizes[partition.names.firstIndex(of: Partition.missingName) ?? 0]
            notes.append("\(missing) \(missing == 1 ? "person has" : "people have") no '\(column)' value and form the group \(Partition.missingName)")
        }
        let report = GroupsReport(view: view, partition: partition, permutations: permutations, seed: seed, threads: threads)
        switch format {
        case .json:
            let document = json(report, layer: layer, roster: network.roster, selection: network.selection)
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let table = csv(report, roster: network.roster)
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table, notes: notes)
        case .table:
            return CommandOutput(text: table(report, layer: layer, roster: network.roster, selection: network.selection), notes: notes)
        }
    }

    func json(_ r: GroupsReport, layer: Layer, roster: Roster, selection: [String]) -> JSONValue {
        let roles = BrokerageRole.allCases.map(\.rawValue) + ["total"]
        let groups: [JSONValue] = r.ei.groups.enumerated().map { g, e in
            .object([
                ("group", .string(e.group)), ("size", .int(e.size)), ("internal", .int(e.internal)),
                ("external", .int(e.external)), ("ei_index", .number(e.eiIndex)),
                ("brokerage", .object(zip(roles, r.brokerageByGroup[g]).map { ($0, .int($1)) })),
            ])
        }
        let people: [JSONValue] = r.view.people.enumerated().map { i, person in
            .object([("id", .string(roster.ids[person])), ("group", .string(r.partition.names[r.partition.labels[i]])),
                     ("ei_index", .number(r.ei.people[i].isNaN ? nil : r.ei.people[i]))])
        }
        return .object([
            ("relation", .string(layer.key.relation)),
            ("wave", .string(layer.key.wave)),
            ("selection", .array(selection.map { .string($0) })),
            ("by", .string(by)),
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
            ("block_ties", .array(r.mixing.ties.map { .array($0.map { .int($0) }) })),
            ("block_density", .array(r.mixing.density.map { .array($0.map { .number($0) }) })),
            ("modularity", .number(r.modularity)),
            ("modularity_directed", .number(r.modularityDirected)),
            ("people", .array(people)),
        ])
    }

    func csv(_ r: GroupsReport, roster: Roster) -> (header: [String], rows: [[String]]) {
        func num(_ x: Double?) -> String { x.map(formatJSONNumber) ?? "" }
        if perPerson {
            let rows = r.view.people.enumerated().map { i, person in
                [roster.ids[person], r.partition.names[r.partition.labels[i]], num(r.ei.people[i].isNaN ? nil : r.ei.people[i])]
            }
            return (["id", "group", "ei_index"], rows)
        }
        let roles = BrokerageRole.allCases.map { "broker_" + $0.rawValue } + ["broker_total"]
        let header = ["group", "size", "internal", "external", "ei_index"] + roles + r.partition.names.map { "density_to_" + $0 }
        let rows = r.ei.groups.enumerated().map { g, e in
            [e.group, String(e.size), String(e.internal), String(e.external), num(e.eiIndex)]
                + r.brokerageByGroup[g].map(String.init) + r.mixing.density[g].map(num)
        }
        return (header, rows)
    }

    func table(_ r: GroupsReport, layer: Layer, roster: Roster, selection: [String]) -> String {
        var out = "\(input.edges): \(layer.key.description)\(selection.map { ", \($0)" }.joined()), grouped by \(by) (\(r.partition.count) groups, \(r.view.graph.nodeCount) people, \(r.view.graph.edgeCount) ties)\n\n"
        if perPerson {
            let rows = r.view.people.enumerated().map { i, person in
                [displayName(roster, person), r.partition.names[r.partition.labels[i]], fixed4(r.ei.people[i])]
            }
            out += "E-I index of each person's ties (sent and received): −1 all inside their group, +1 all across\n"
            out += alignedTable(header: ["person", by, "E-I"], rows: rows, rightAligned: [false, false, true])
            return out
        }
        out += "E-I index          \(fixed4(r.ei.network))   −1 = every tie stays inside its group, +1 = every tie crosses groups\n"
        out += "                            \(r.ei.internalTies) ties inside groups, \(r.ei.externalTies) between groups\n"
        if let t = r.test, let p = t.pValue {
            let side = (t.observed ?? 0) < (t.permutationMean ?? 0) ? "more inside-group ties" : "more cross-group ties"
            out += "  compared with chance  p = \(fixed4(p)) (two-sided; \(t.permutations) random regroupings, seed \(t.seed)); chance level \(fixed4(t.permutationMean)): \(p < 0.05 ? side + " than chance" : "not clearly different from chance")\n"
        }
        out += "modularity         \(fixed4(r.modularity))   how strongly ties cluster within these groups (0 = no more than chance; above 0.3 = clearly grouped)\n\n"
        let header = [by, "size", "inside", "across", "E-I", "coordinator", "consultant", "representative", "gatekeeper", "liaison", "brokerage"]
        let rows = r.ei.groups.enumerated().map { g, e in
            [e.group, String(e.size), String(e.internal), String(e.external), fixed4(e.eiIndex)] + r.brokerageByGroup[g].map(String.init)
        }
        out += "Per group: ties inside and across (sent or received), E-I, and how often members broker between others\n"
        out += alignedTable(header: header, rows: rows, rightAligned: [false] + [Bool](repeating: true, count: header.count - 1))
        out += "\nBlock densities: share of possible ties from the row group to the column group\n"
        let numbers = (1 ... max(1, r.partition.count)).map(String.init)
        let dRows = r.mixing.density.enumerated().map { g, row in
            ["\(g + 1) \(r.partition.names[g])"] + row.map { $0.map { String(fixed: $0, decimals: 2) } ?? "–" }
        }
        out += alignedTable(header: [""] + numbers.prefix(r.partition.count), rows: dRows,
                            rightAligned: [false] + [Bool](repeating: true, count: r.partition.count))
        out += "\nbrokers: coordinator = within their own group; consultant = between two members of another group; "
        out += "representative = passes their group's requests out; gatekeeper = lets outside requests into their group; liaison = between two other groups\n"
        return out
    }
}

/// Everything `groups` computes for one layer.
struct GroupsReport {
    let view: AnalysisView
    let partition: Partition
    let ei: EIIndex
    let test: EIPermutationTest?
    let mixing: MixingMatrix
    let modularity: Double?
    let modularityDirected: Double?
    let brokerageByGroup: [[Int]]

    init(view: AnalysisView, partition: Partition, permutations: Int, seed: UInt64, threads: Int) {
        self.view = view
        self.partition = partition
        ei = EIIndex(view.graph, partition: partition)
        test = permutations > 0 ? EIPermutationTest(view.graph, partition: partition, permutations: permutations, seed: seed, threads: threads) : nil
        mixing = MixingMatrix(view.graph, partition: partition, observedRows: view.observedRows)
        modularity = StaffGraphCore.modularity(view.graph, partition: partition)
        modularityDirected = StaffGraphCore.modularity(view.graph, partition: partition, convention: .directed)
        brokerageByGroup = Brokerage(view.graph, partition: partition, threads: threads).totals(by: partition)
    }
}
