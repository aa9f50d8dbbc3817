import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Output formats of `ego`.
enum EgoFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `staffgraph ego EDGES --nodes ROSTER --person ID`: one person's ego network
/// for a coaching conversation — their numbers and their contacts.
///
/// The person is an option (`--person ID`), not a second positional argument:
/// every command takes the edge list as its one positional argument (the
/// shared ``InputOptions``), and `draw` already names a person with an option
/// (`--ego ID`).
struct Ego: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One person's ego network: their contacts, and how those contacts are tied to each other.",
        discussion: """
        For a coaching conversation: the person's numbers (in_degree, out_degree, ego_size_out, \
        ego_size_in, ego_size, ego_density, ego_betweenness, two_step_reach, constraint, \
        ego_constraint; with --by COLUMN also ego_blau, ego_iqv, ego_ei) and a table of their \
        contacts (alters): everyone they name or who names them, with role and team and \
        which way the tie runs (named by them / names them / both). Conventions as in \
        `staffgraph metrics --help` (Conventions.md, "Ego networks").

        The map: staffgraph draw EDGES --nodes ROSTER --ego ID --radius 1 -o map.png draws the same people.

        --anonymize: --person takes an id (or a pseudonym of the same key); every person, \
        the ego included, is shown by pseudonym and identifying roster columns are left out.

        Example: staffgraph ego Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --person p12
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The person (ego): an id, or under --anonymize a pseudonym.", valueName: "id"))
    var person: String

    @Option(help: ArgumentHelp("Add the mix of the person's contacts on this roster column (Blau, IQV, E-I).", valueName: "column"))
    var by: String?

    @Option(help: "Output format: table or json.")
    var format: EgoFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if input.selection.per != nil {
            throw ValidationError("ego describes one person; --per does not apply (use --where to narrow the network)")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let (imported, anonymization) = try input.loadSelectedAnonymized(columns: [("--by", by)])
            for note in input.notes(for: imported.report, network: imported.network) { printError("note: \(note)") }
            if let output { try AtomicFile.check(output) }
            let id = anonymization?.pseudonyms.label(of: person) ?? person
            let result = try profile(imported.network, person: id, threads: input.threadCount)
            for note in result.notes { printError("note: \(note)") }
            try emit(result.text, to: output)
        }
    }

    /// The profile of `id` in the selected layer of `network`.
    func profile(_ network: Network, person id: String, threads: Int) throws(InputError) -> CommandOutput {
        let roster = network.roster
        let layer = try singleLayer(input, network, command: "ego")
        let view = AnalysisView(layer: layer, roster: roster)
        guard let rosterIndex = roster.index(of: id) else {
            throw InputError(.usage, file: input.nodes ?? input.edges, "--person '\(person)' is not in the network",
                             hint: (closestMatch(to: id, among: roster.ids).map { "did you mean '\($0)'? " } ?? "") + "pass an id from the roster's id column")
        }
        guard let ego = view.people.firstIndex(of: rosterIndex) else {
            throw InputError(.usage, file: input.nodes ?? input.edges, "--person '\(person)' is not present in \(layer.key)",
                             hint: "choose another --wave, or check the roster's response columns")
        }
        let graph = view.graph
        let measures: [NodeMeasure] = [.inDegree, .outDegree, .egoSizeOut, .egoSizeIn, .egoSize, .egoDensity, .egoBetweenness, .twoStepReach, .constraint, .egoConstraint]
        let table = NodeMeasureTable(measures, on: graph, threads: threads)
        var rows: [(name: String, value: Double?, convention: String)] = measures.map { m in
            (m.rawValue, table.values[m]?[ego] ?? nil, m.convention)
        }
        if let by {
            let (_, groups) = try forOption("--by") { () throws(InputError) in try roster.column(named: by, file: input.rosterFile) }
            let partition = Partition(values: view.column(groups))
            let mix = EgoComposition(graph, partition: partition, threads: threads)
            func defined(_ x: Double) -> Double? { x.isNaN ? nil : x }
            rows.append(("ego_blau", defined(mix.blau[ego]), "Blau diversity of contacts by \(by): 1 - sum of squared shares (contacts with no value left out)"))
            rows.append(("ego_iqv", defined(mix.iqv[ego]), "IQV of contacts by \(by): Blau * k/(k-1), k = \(partition.count - (partition.hasMissing ? 1 : 0)) values among the people analysed"))
            rows.append(("ego_ei", defined(mix.ei[ego]), "E-I of contacts by \(by): (different - same)/(different + same), each contact once"))
        }
        let alters = egoAlters(of: ego, in: graph)
        let shown = roster.attributeNames.filter { $0 == "name" || $0 == "role" || $0 == "team" }
        func tie(_ a: EgoAlter) -> String {
            a.namedByEgo && a.namesEgo ? "both" : a.namedByEgo ? "named by \(id)" : "names \(id)"
        }
        var notes: [String] = []
        if let observed = view.observedRows, !observed[ego] {
            notes.append("\(id) did not respond\(layer.key.wave.map { " in \($0)" } ?? ""): the people they name are missing, so out-ties, ego_size_out and two_step_reach are unknown, not zero")
        }

        switch format {
        case .json:
            let document = JSONValue.object([
                ("person", .string(id)),
                ("relation", .string(layer.key.relation)),
                ("wave", .string(layer.key.wave)),
                ("selection", .array(network.selection.map { .string($0) })),
                ("attributes", .object(roster.attributeNames.map { ($0, .string(roster.attribute($0)?[rosterIndex] ?? "")) })),
                ("measures", .object(rows.map { ($0.name, .number($0.value)) })),
                ("conventions", .object([("document", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md"))] + rows.map { ($0.name, .string($0.convention)) })),
                ("alters", .array(alters.map { a in
                    let p = view.people[a.person]
                    return .object([("id", .string(roster.ids[p])), ("named_by_ego", .bool(a.namedByEgo)), ("names_ego", .bool(a.namesEgo))]
                        + shown.map { ($0, .string(roster.attribute($0)?[p] ?? "")) })
                })),
                ("notes", .array(notes.map { .string($0) })),
            ])
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .table:
            let about = shown.compactMap { roster.attribute($0)?[rosterIndex] }.filter { !$0.isEmpty }
            var out = "\(id)\(about.isEmpty ? "" : " (\(about.joined(separator: ", ")))") — \(input.edges) — \(layer.key)\(network.selection.map { " — \($0)" }.joined())\n\n"
            out += alignedTable(header: ["measure", "value"], rows: rows.map { r in
                [r.name, r.value.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String(format4: $0) } ?? "–"]
            }, rightAligned: [false, true])
            out += "\n\(alters.count) contact\(alters.count == 1 ? "" : "s"):\n"
            out += alignedTable(header: ["id"] + shown + ["tie"], rows: alters.map { a in
                let p = view.people[a.person]
                return [roster.ids[p]] + shown.map { roster.attribute($0)?[p] ?? "" } + [tie(a)]
            }, rightAligned: [false] + shown.map { _ in false } + [false])
            out += "– = undefined. Conventions: staffgraph ego --help, or --format json. "
            out += "Map: staffgraph draw \(input.edges) … --ego \(id.contains(" ") ? "\"\(id)\"" : id) --radius 1 -o map.png\n"
            return CommandOutput(text: out, notes: notes)
        }
    }
}
