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

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if input.selection.per != nil { throw ValidationError("multiplex describes one network; --per does not apply (use --where)") }
        if input.relation != nil && additions.isEmpty { throw ValidationError("multiplex compares every relation of the file; leave out --relation") }
        if permutations < 1 || permutations > 10_000_000 { throw ValidationError("--permutations must be between 1 and 10000000") }
    }

    func run() throws {
        try reportingInputErrors {
            var imported = try input.load()
            for note in input.notes(for: imported.report, network: imported.network) { printError("note: \(note)") }
            let waves = imported.network.waves
            if input.wave == nil && waves.count > 1 {
                throw InputError(.usage, file: input.edges, "the file has \(waves.count) waves and multiplex compares relations within one",
                                 hint: "choose one with --wave: \(waves.joined(separator: ", "))")
            }
            let wave = input.wave ?? waves.first
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
            // --anonymize: people are shown by pseudonym, identifying columns never reach the output.
            let anonymization = try input.privacy.prepare(imported.network.roster,
                                                          columns: input.selection.filters.map { (flag: "--where", column: Optional($0.column)) },
                                                          file: input.rosterFile)
            imported = try input.loadSelected(imported, rules: [])
            if let anonymization { imported.network = anonymization.apply(to: imported.network) }
            if let output { try AtomicFile.check(output) }
            try emit(report(imported.network, wave: wave), to: output)
        }
    }

    func report(_ network: Network, wave: String?) throws(InputError) -> String {
        let layers = network.layers.filter { $0.key.wave == wave }
        guard layers.count >= 2 else {
            throw InputError(.usage, file: input.edges, "multiplex needs at least two relations\(wave.map { " in wave '\($0)'" } ?? ""), and there \(layers.count == 1 ? "is one: \(layers[0].key.relation)" : "are none")",
                             hint: "add another relation's ties with --add NAME=FILE")
        }
        let roster = network.roster
        let responses = roster.responses(wave: wave)
        // People present in any relation of the wave (as each command's analysis view decides it).
        var present = [Bool](repeating: false, count: roster.count)
        for layer in layers {
            let presence = WavePresence(graph: layer.graph, responses: responses)
            for i in 0 ..< roster.count where presence.present[i] { present[i] = true }
        }
        let people = (0 ..< roster.count).filter { present[$0] }
        let observed: [Bool]? = responses.map { r in people.map { r[$0] != .nonrespondent } }
        let graphs = layers.map { $0.graph.subgraph(members: people) }
        let names = layers.map(\.key.relation)
        let matrices = graphs.map { DyadicMatrix($0, valued: false, observedRows: observed) }
        let threads = input.threadCount

        struct Pair { var a: String; var b: String; var overlap: RelationOverlap; var test: QAPCorrelation }
        var pairs: [Pair] = []
        for x in 0 ..< layers.count {
            for y in (x + 1) ..< layers.count {
                pairs.append(Pair(a: names[x], b: names[y], overlap: RelationOverlap(graphs[x], graphs[y], observedRows: observed),
                                  test: QAPCorrelation(matrices[x], matrices[y], permutations: permutations, seed: seed, threads: threads)))
            }
        }
        let perPerson = multiplexTies(graphs, observedRows: observed)
        let nonRespondents = observed?.filter { !$0 }.count ?? 0
        func share(_ t: (ties: Int, multiplex: Int)) -> Double { t.ties == 0 ? .nan : Double(t.multiplex) / Double(t.ties) }

        switch format {
        case .json:
            let doc = JSONValue.object([
                ("wave", .string(wave)),
                ("relations", .array(names.map { .string($0) })),
                ("people", .int(people.count)),
                ("non_respondents", .int(nonRespondents)),
                ("permutations", .int(permutations)),
                ("seed", .string(String(seed))),
                ("pairs", .array(pairs.map { p in
                    .object([("a", .string(p.a)), ("b", .string(p.b)), ("ties_a", .int(p.overlap.tiesA)), ("ties_b", .int(p.overlap.tiesB)),
                             ("multiplex", .int(p.overlap.both)), ("jaccard", .number(p.overlap.jaccard)),
                             ("share_of_a", .number(p.overlap.shareOfA)), ("share_of_b", .number(p.overlap.shareOfB)),
                             ("correlation", .number(p.test.correlation)), ("p_two_sided", .number(p.test.pTwoSided)),
                             ("p_greater", .number(p.test.pGreater)), ("p_less", .number(p.test.pLess)), ("dyads", .int(p.test.dyads))])
                })),
                ("people_ties", .array(zip(people, perPerson).map { person, t in
                    .object([("id", .string(roster.ids[person])), ("ties", .int(t?.ties)), ("multiplex", .int(t?.multiplex)),
                             ("share", t.map { .number(share($0)) } ?? .null)])
                })),
                ("conventions", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md#QAP")),
            ])
            return doc.rendered() + "\n"
        case .csv:
            return CSVWriter.table(header: ["a", "b", "ties_a", "ties_b", "multiplex", "jaccard", "share_of_a", "share_of_b", "correlation",
                                            "p_two_sided", "p_greater", "p_less", "dyads", "permutations", "seed"],
                                   rows: pairs.map { p in
                [p.a, p.b, String(p.overlap.tiesA), String(p.overlap.tiesB), String(p.overlap.both), csvNumber(p.overlap.jaccard),
                 csvNumber(p.overlap.shareOfA), csvNumber(p.overlap.shareOfB), csvNumber(p.test.correlation), csvNumber(p.test.pTwoSided),
                 csvNumber(p.test.pGreater), csvNumber(p.test.pLess), String(p.test.dyads), String(permutations), String(seed)]
            })
        case .table:
            func f(_ x: Double) -> String { x.isFinite ? String(format4: x) : "–" }
            var out = "Multiplexity of \(names.joined(separator: ", "))\(wave.map { " (\($0))" } ?? "") — \(input.edges)\n"
            out += "\(people.count) people\(nonRespondents > 0 ? " (\(nonRespondents) non-respondents' rows left out)" : ""); \(permutations) permutations per correlation (QAP), seed \(seed)\n\n"
            out += alignedTable(header: ["a", "b", "ties a", "ties b", "both", "jaccard", "of a", "of b", "r", "p(>=)", "p(|r|>=)"], rows: pairs.map { p in
                [p.a, p.b, String(p.overlap.tiesA), String(p.overlap.tiesB), String(p.overlap.both), f(p.overlap.jaccard), f(p.overlap.shareOfA),
                 f(p.overlap.shareOfB), f(p.test.correlation), String(fixed: p.test.pGreater, decimals: 4), String(fixed: p.test.pTwoSided, decimals: 4)]
            }, rightAligned: [false, false, true, true, true, true, true, true, true, true, true])
            out += "  both = pairs tied in both (i names j in each); of a = share of a's ties that are also b's.\n\n"
            out += "Per person: the people they name in any relation, and how many in two or more:\n"
            out += alignedTable(header: ["id", "ties", "multiplex", "share"], rows: zip(people, perPerson).map { person, t in
                [roster.ids[person], t.map { String($0.ties) } ?? "–", t.map { String($0.multiplex) } ?? "–", t.map { f(share($0)) } ?? "–"]
            }, rightAligned: [false, true, true, true])
            out += "– = unknown (did not respond) or undefined. --format json gives every number in full.\n"
            return out
        }
    }
}
