import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// `staffgraph multiplex EDGES --nodes ROSTER [--wave W]`: how the relations of
/// one file overlap, pair by pair (shared ties, graph correlation with its QAP
/// p-value), and per person how many of their ties are multiplex.
struct Multiplex: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How a file's relations overlap: shared (multiplex) ties, graph correlation with QAP p-values, multiplex ties per person.",
        discussion: """
        For every pair of relations in the wave (a, b): ties of each, multiplex ties (i names j in \
        both), Jaccard = shared / (ties in either), the share of a's ties that are also b's and of b's \
        that are also a's, and the graph correlation r (Pearson over ordered pairs i ≠ j, sna's gcor) \
        with QAP p-values from --permutations relabellings of the people (sna's qaptest: \
        p(>=) is the share with r* ≥ r; p(|r|>=) the two-sided share). Non-respondents' rows are left out.

        Per person: the people they name in any relation (ties), how many of those in two or more \
        relations (multiplex), and the share; blank for non-respondents.

        Ties are taken as present/absent (weights ignored). Ties in several files: give each file its \
        relation with --add NAME=FILE. Conventions: Conventions.md, "QAP".

        --per COLUMN: one report per group (each school …) with the same --seed, so a group alone \
        (--where COLUMN=VALUE) gives the same numbers; a group of fewer than 3 people gets a note \
        instead. JSON {"per", "groups": [{"group", …}]}, CSV with a first column group, -o DIR one \
        file per group.

        Example: staffgraph multiplex Samples/school/edges.csv --nodes Samples/school/roster.csv --wave fall
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("add"), help: ArgumentHelp("Add the ties of another edge list of the same people as relation NAME. Repeatable.", valueName: "name=file"))
    var additions: [String] = []

    @Option(help: ArgumentHelp("Number of permutations for each correlation's p-values.", valueName: "n"))
    var permutations: Int = 2000

    @Option(help: ArgumentHelp("Seed of the permutations (printed with the result).", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: "Output format: table, json, or csv (one row per pair of relations).")
    var format: InferenceFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    func validate() throws {
        if input.relation != nil && additions.isEmpty { throw ValidationError("multiplex compares every relation of the file; leave out --relation") }
        if permutations < 1 || permutations > 10_000_000 { throw ValidationError("--permutations must be between 1 and 10000000") }
    }

    func run() throws {
        try reportingInputErrors {
            // --anonymize: people are shown by pseudonym, identifying columns never reach the output.
            try input.runAnalysis(format: format.rawValue, output: output,
                                  extending: { (imported: inout EdgeListImport) throws(InputError) in try addFiles(&imported) }) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The wave compared: `--wave`, or the file's only one.
    func wave(of network: Network) -> String? { input.wave ?? network.waves.first }

    /// Checks the wave and adds the `--add NAME=FILE` relations to the network as read,
    /// before `--where` and `--per` narrow the people.
    func addFiles(_ imported: inout EdgeListImport) throws(InputError) {
        let waves = imported.network.waves
        if input.wave == nil && waves.count > 1 {
            throw InputError(.usage, file: input.edges, "the file has \(waves.count) waves and multiplex compares relations within one",
                             hint: "choose one with --wave: \(waves.joined(separator: ", "))")
        }
        let wave = wave(of: imported.network)
        if let wave, !waves.isEmpty, !waves.contains(wave) {
            throw InputError(.usage, file: input.edges, "no ties for wave '\(wave)'",
                             hint: (closestMatch(to: wave, among: waves).map { "did you mean '\($0)'? " } ?? "") + "waves: \(waves.joined(separator: ", "))")
        }
        for spec in additions {
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex, spec.index(after: eq) != spec.endIndex else {
                throw InputError(.usage, file: input.edges, "--add '\(spec)' is not NAME=FILE", hint: "e.g. --add friendship=edges_friendship.csv")
            }
            let name = String(spec[..<eq]), file = String(spec[spec.index(after: eq)...])
            if imported.network.relations.contains(name) {
                throw InputError(.usage, file: file, "'\(name)' is already a relation", hint: "give the file another NAME")
            }
            let extra = try EdgeListReader.read(file, roster: imported.network.roster, options: input.reading.edgeListOptions(relation: name, wave: wave))
            guard extra.network.roster.count == imported.network.roster.count else {
                throw InputError(.badData, file: file, "the file names people who are not in the roster", hint: "an added file must cover the same people")
            }
            for layer in extra.network.layers where layer.key.relation == name {
                imported.network.layers.append(Layer(key: LayerKey(relation: name, wave: wave), graph: layer.graph))
            }
        }
    }

    /// The report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let wave = wave(of: network)
        let layers = network.layers.filter { $0.key.wave == wave }
        guard layers.count >= 2 else {
            throw InputError(.usage, file: input.edges, "multiplex needs at least two relations\(wave.map { " in wave '\($0)'" } ?? ""), and there \(layers.count == 1 ? "is one: \(layers[0].key.relation)" : "are none")",
                             hint: "add another relation's ties with --add NAME=FILE")
        }
        let roster = network.roster
        let report = MultiplexReport(layers: layers, roster: roster, wave: wave, permutations: permutations, seed: seed, threads: threads)
        if input.selection.per != nil && report.people.count < 3 {
            return skipped(people: report.people.count)
        }
        switch format {
        case .json:
            let document = report.json(roster: roster)
            return CommandOutput(text: document.rendered() + "\n", json: document)
        case .csv:
            let table = report.csv()
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table)
        case .table:
            return CommandOutput(text: report.table(roster: roster, source: input.edges), notes: [])
        }
    }

    /// A `--per` group too small for correlations: why, in every format (JSON `skipped`, CSV no rows).
    func skipped(people: Int) -> CommandOutput {
        let reason = "a graph correlation needs at least 3 people, and there \(people == 1 ? "is 1" : "are \(people)")"
        let notes = ["no report: \(reason)"]
        switch format {
        case .json:
            let document = JSONValue.object([("skipped", .string(reason)), ("people", .int(people))])
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let header = MultiplexReport.csvColumns
            return CommandOutput(text: CSVWriter.table(header: header, rows: []), csv: (header, []), notes: notes)
        case .table:
            return CommandOutput(text: "No multiplexity report for these people: \(reason).\n", notes: notes)
        }
    }
}
