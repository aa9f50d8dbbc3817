import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Output formats of `metrics`.
enum MetricsFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json, table
}

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One row per person: who is sought out, who sits between others, who is close to everyone.",
        discussion: """
        Columns, in this order: id, \(NodeMeasure.columnNames.joined(separator: ", ")), then the roster's \
        attribute columns. With --by COLUMN also broker_coordinator, broker_consultant, \
        broker_representative, broker_gatekeeper, broker_liaison, broker_total (Gould–Fernandez \
        brokerage counts for that grouping) and ego_blau, ego_iqv, ego_ei (the mix of each \
        person's contacts on that column: Blau diversity 1 - sum p^2, IQV = Blau * k/(k-1) with k \
        the column's values, and E-I of contacts; contacts with no value left out). With --positions K \
        also position (structural equivalence, as groups --positions); with --core-periphery also in_core \
        (1 in the Borgatti–Everett core, as groups --core). --measures computes only the columns it names.

        Conventions (each matches networkx 3.6; see Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md in the source): in_degree = times sought out; \
        betweenness = directed, unweighted, divided by (n-1)(n-2); betweenness_raw = the same, not \
        divided; closeness_in / closeness_out = Wasserman–Faust on distances to / from the person \
        (networkx closeness_centrality); harmonic_in / harmonic_out = unnormalized sums of 1/d; \
        pagerank = alpha 0.85, unweighted; hub / authority = HITS, each summing to 1. \
        Undefined values are empty cells in CSV and null in JSON; JSON carries a `conventions` \
        object describing every column.

        Rows are in roster order (first appearance without a roster); --sort COLUMN orders by a \
        column (largest first for measures, A–Z for text), --top N keeps the first N rows.

        --anonymize: the id column holds pseudonyms (Person 01 …, a random order keyed by \
        --anonymize-seed, never the roster's), rows come in pseudonym order, identifying roster \
        columns (name, email …) are left out, and --by, --sort, --where and --per refuse them.

        --thresholds 1,2,3,4 (sensitivity to tie strength) adds one column per threshold t, \
        in_degree_at_least_<t>: the in-degree counting only ties of strength t or more (as --min-weight t, \
        which cannot be combined with it); sort by one with --sort in_degree_at_least_4.

        Example: staffgraph metrics Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --sort in_degree --top 10 --format table
        Example: staffgraph metrics Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --measures in_degree --thresholds 1,2,3,4 --sort in_degree_at_least_4 --format table
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Columns to compute, comma-separated (default: all).", valueName: "list"))
    var measures: String?

    @Option(help: ArgumentHelp("Sort rows by this column (measures: largest first; text: A–Z).", valueName: "column"))
    var sort: String?

    @Option(help: ArgumentHelp("Keep only the first N rows (after sorting).", valueName: "n"))
    var top: Int?

    @Option(help: ArgumentHelp("Add Gould–Fernandez brokerage counts for groups of this roster column.", valueName: "column"))
    var by: String?

    @Option(help: "Output format: csv, json or table.")
    var format: MetricsFormat = .csv

    @Option(help: ArgumentHelp("Add a position column: this many positions of structurally equivalent people, as groups --positions.", valueName: "k"))
    var positions: Int?

    @Option(help: ArgumentHelp("How --positions compares two people's ties: hamming (default), euclidean or correlation.", valueName: "method"))
    var positionDistance: StructuralDistance = .hamming

    @Option(help: ArgumentHelp("How --positions joins clusters: complete (default), average or single.", valueName: "method"))
    var positionLinkage: Linkage = .complete

    @Flag(help: "Add an in_core column: 1 for the Borgatti–Everett core, 0 for the periphery, as groups --core (seed --seed).")
    var corePeriphery = false

    // `.unconditional`: a negative first value reaches the check instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Sensitivity to tie strength: one in-degree column per threshold, counting only ties of at least that strength, e.g. 1,2,3,4 (increasing).", valueName: "t,t,…"))
    var thresholds: String?

    @Flag(help: "Compute betweenness and closeness exactly however long it takes (default: above about a minute of work they are estimated from sampled people, with a stated error bound).")
    var exact = false

    @Option(help: ArgumentHelp("With --exact: save the finished part of betweenness and closeness to this file as the run goes, so that a run stopped (Ctrl-C) resumes where it stopped when the same command is run again; the file is removed once the run completes.", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("Seed of the sampled people when betweenness or closeness is estimated (printed in the note).", valueName: "n"))
    var seed: UInt64 = 42

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be 0 or more") }
        if let positions, positions < 1 { throw ValidationError("--positions must be 1 or more (got \(positions))") }
        if let thresholds { _ = try SensitivityOptions.parse(thresholds) }
        if checkpoint != nil && !exact {
            throw ValidationError("--checkpoint saves an exact computation as it goes; add --exact (without it, large networks are estimated quickly and need no checkpoint)")
        }
        if checkpoint != nil && input.selection.per != nil {
            throw ValidationError("--checkpoint saves one run; it cannot be combined with --per (run one group at a time with --where to checkpoint it)")
        }
        try SensitivityOptions.check(thresholds: thresholds, minWeight: input.minWeight)
    }

    /// Above this much work (BFS-tie steps, ``NodeMeasureTable/estimatedWork(_:on:)``) betweenness
    /// and closeness are estimated unless `--exact`: about 30 s on two cores, so that the whole
    /// command on a 200,000-person network stays within a minute.
    static let workLimit = NodeMeasureTable.defaultWorkLimit / 2

    static let brokerColumns = ["broker_coordinator", "broker_consultant", "broker_representative", "broker_gatekeeper", "broker_liaison", "broker_total"]

    /// Ego-network composition columns (``EgoComposition``), with --by only.
    static let egoColumns = ["ego_blau", "ego_iqv", "ego_ei"]

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, columns: [("--by", by), ("--sort", sort)]) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
            // The output is written: the checkpoint is no longer needed.
            if let checkpoint {
                InterruptMessage.set(nil)
                if SourceCheckpointFile.remove(checkpoint) { printError("note: the run is complete; removed the checkpoint \(checkpoint)") }
            }
        }
    }

    /// The options besides the network and the measures that change the
    /// values a checkpoint holds, in words (its header's `options`).
    static let checkpointOptions = "exact; directed; unweighted (hop counts)"

    /// Opens `--checkpoint` for the all-sources columns of `chosen` on `graph`
    /// and says on standard error what it holds and how to resume.
    func openCheckpoint(_ chosen: [NodeMeasure], on graph: Graph) throws(InputError) -> FileCheckpoint? {
        guard let checkpoint else { return nil }
        let steps = NodeMeasureTable.steps(chosen, on: graph, budget: .exact)
        guard !steps.isEmpty else {
            printError("note: --checkpoint: none of the columns asked needs a search from every person; nothing to save")
            return nil
        }
        let measures = steps.flatMap(\.measures).map(\.rawValue)
        let identity = SourceCheckpointIdentity(graph: graph, measures: measures, options: Self.checkpointOptions)
        let file = try FileCheckpoint(path: checkpoint, output: output, identity: identity)
        let resumed = file.resumeSummary(steps)
        if resumed.isEmpty {
            printError("note: saving finished work to \(checkpoint) as the run goes; if it is stopped (Ctrl-C), run the same command again to resume")
        } else {
            printError("note: resuming from \(checkpoint): \(resumed.joined(separator: "; "))")
        }
        // On a terminal the progress bar's line is cleared first (the message replaces it).
        let start = ProgressBar.enabled ? "\r\u{1B}[2K" : "\n"
        InterruptMessage.set(start + "stopped: the finished part is saved in \(checkpoint); run the same command again to resume from it (or delete it to start over)\n")
        return file
    }

    /// The table of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
            let roster = network.roster
            let layers = try input.selectedLayers(of: network)
            guard layers.count == 1 else {
                throw InputError(.usage, file: input.edges, "metrics describes one relation in one wave; the file has \(layers.count)",
                                 hint: "pick one with --relation and --wave: \(layers.map { "'\($0.key)'" }.joined(separator: "; "))")
            }
            let layer = layers[0]
            let view = AnalysisView(layer: layer, roster: roster)

            // Which columns.
            var chosen = NodeMeasure.allCases
            var brokerChosen = by != nil ? Self.brokerColumns : []
            var egoChosen = by != nil ? Self.egoColumns : []
            if let measures {
                let names = measures.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
                chosen = []
                brokerChosen = []
                egoChosen = []
                for name in names {
                    if let m = NodeMeasure(rawValue: name) {
                        if !chosen.contains(m) { chosen.append(m) }
                    } else if Self.brokerColumns.contains(name) {
                        guard by != nil else {
                            throw InputError(.usage, file: input.edges, "column '\(name)' needs a grouping", hint: "add --by COLUMN (e.g. --by team)")
                        }
                        if !brokerChosen.contains(name) { brokerChosen.append(name) }
                    } else if Self.egoColumns.contains(name) {
                        guard by != nil else {
                            throw InputError(.usage, file: input.edges, "column '\(name)' needs a grouping", hint: "add --by COLUMN (e.g. --by team)")
                        }
                        if !egoChosen.contains(name) { egoChosen.append(name) }
                    } else {
                        let all = NodeMeasure.columnNames + Self.brokerColumns + Self.egoColumns
                        throw InputError(.usage, file: input.edges, "unknown column '\(name)' in --measures",
                                         hint: (closestMatch(to: name, among: all).map { "did you mean '\($0)'? " } ?? "") + "choose from: \(all.joined(separator: ", "))")
                    }
                }
                chosen = NodeMeasure.allCases.filter(chosen.contains)
                brokerChosen = Self.brokerColumns.filter(brokerChosen.contains)
                egoChosen = Self.egoColumns.filter(egoChosen.contains)
            }

            // Half of the library's minute for the all-sources searches: the other columns
            // (HITS, eigenvector, constraint …) take about 20 s more on 200,000 people.
            let budget: MeasureBudget = exact ? .exact : .automatic(limit: Self.workLimit, seed: seed)
            var notes: [String] = []
            let checkpointFile = try openCheckpoint(chosen, on: view.graph)
            let work = NodeMeasureTable.estimatedWork(chosen, on: view.graph)
            if exact && work > Self.workLimit {
                // Work left: what a checkpoint holds is not redone.
                let left = NodeMeasureTable.steps(chosen, on: view.graph, budget: .exact).reduce(0.0) { sum, step in
                    let resumed = checkpointFile?.resumedSources(step) ?? 0
                    return sum + (step.searches > 0 ? step.work * Double(step.searches - resumed) / Double(step.searches) : 0)
                }
                let seconds = NodeMeasureTable.estimatedSeconds(work: left, threads: threads)
                let resumed = left < work * 0.999 ? " still to do" : ""
                printError("note: exact betweenness/closeness over \(view.graph.nodeCount) people and \(view.graph.edgeCount) ties: about \(ProgressBar.durationWords(seconds))\(resumed) on \(threads) thread\(threads == 1 ? "" : "s") (--exact)")
            }
            let table = NodeMeasureTable(chosen, on: view.graph, threads: threads, budget: budget, checkpoint: checkpointFile,
                                         observedRows: view.observedRows) { step, run in
                let resumed = checkpointFile?.resumedSources(step) ?? 0
                let share = step.searches > 0 ? Double(step.searches - resumed) / Double(step.searches) : 1
                let estimate = NodeMeasureTable.estimatedSeconds(work: step.work, threads: threads) * share
                withProgress(step.isSampled ? "\(step.name) (estimated from \(step.searches) people)" : step.name, estimate: estimate, resumed: resumed) { run($0) }
            }
            notes += table.notes.map { $0.replacingAll("pass the exact budget", with: "pass --exact") }
            var columns: [(name: String, values: [Double?], convention: String)] = chosen.map { m in
                (m.rawValue, table.values[m] ?? [], m.convention)
            }
            // Coreness leaves non-respondents' rows out, as groups --core does.
            if view.observedRows != nil, let c = columns.firstIndex(where: { $0.name == NodeMeasure.coreness.rawValue }) {
                columns[c].convention += "; non-respondents' rows left out"
            }
            if let positions {
                let k = try positionCount(positions, people: view.graph.nodeCount, input: input, notes: &notes)
                let found = Positions(view.graph, positions: k, method: positionDistance, linkage: positionLinkage, observedRows: view.observedRows)
                columns.append(("position", found.membership.map { Double($0 + 1) },
                                "position of structural equivalence (1 … \(k)): sna sedist \(positionDistance.rawValue), hclust \(positionLinkage.rawValue), cutree; numbered in roster order of first appearance"))
            }
            if corePeriphery {
                guard view.graph.nodeCount <= maximumPositionPeople else {
                    throw InputError(.usage, file: input.edges, "--core-periphery compares every pair of the \(view.graph.nodeCount) people analysed; the most it takes is \(maximumPositionPeople)",
                                     hint: "run it per school or team with --per COLUMN, or select people with --where")
                }
                let cp = CorePeriphery(view.graph, seed: seed, observedRows: view.observedRows)
                columns.append(("in_core", cp.isCore.map { $0 ? 1 : 0 },
                                "Borgatti-Everett discrete core (1) or periphery (0): core-core ties 1, periphery-periphery 0, core-periphery not scored; fit r = \(cp.fit.map(formatJSONNumber) ?? "undefined"), seeded search (seed \(seed))"))
            }
            if let by {
                let (_, groups) = try forOption("--by") { () throws(InputError) in try roster.column(named: by, file: input.rosterFile) }
                let brokerage = Brokerage(view.graph, partition: Partition(values: view.column(groups)))
                let roles: [String: BrokerageRole?] = [
                    "broker_coordinator": .coordinator, "broker_consultant": .consultant, "broker_representative": .representative,
                    "broker_gatekeeper": .gatekeeper, "broker_liaison": .liaison, "broker_total": nil,
                ]
                for name in brokerChosen {
                    let role = roles[name] ?? nil
                    let convention = "Gould-Fernandez brokerage by \(by): " + (role.map { "\($0.rawValue) (a→person→c with a↛c)" } ?? "sum of the five roles")
                    columns.append((name, brokerage.values(role).map { $0 }, convention))
                }
                if !egoChosen.isEmpty {
                    let partition = Partition(values: view.column(groups))
                    let mix = EgoComposition(view.graph, partition: partition, threads: threads)
                    let k = partition.count - (partition.hasMissing ? 1 : 0)
                    let egoValues: [String: ([Double], String)] = [
                        "ego_blau": (mix.blau, "Blau diversity of the person's contacts (either direction) by \(by): 1 - sum of squared shares; contacts with no value left out; empty without contacts"),
                        "ego_iqv": (mix.iqv, "index of qualitative variation of contacts by \(by): Blau * k/(k-1), k = \(k) values of \(by) among the people analysed"),
                        "ego_ei": (mix.ei, "E-I of contacts by \(by): (different - same)/(different + same), each contact counted once; empty when the person's own value is missing"),
                    ]
                    for name in egoChosen {
                        guard let (values, convention) = egoValues[name] else { continue }
                        columns.append((name, values.map { $0.isNaN ? nil : $0 }, convention))
                    }
                }
            }

            // --thresholds: in-degree on the ties of at least each strength.
            for t in thresholds.flatMap({ try? SensitivityOptions.parse($0) }) ?? [] {
                let kept = view.graph.keepingTies(minimumWeight: t)
                columns.append(("in_degree_at_least_\(formatNumber(t))", degreeCentrality(kept, direction: .incoming).map { $0 },
                                "in-degree counting only ties of strength \(formatNumber(t)) or more (as --min-weight \(formatNumber(t)))"))
            }

            // Rows: people present in the layer, roster order, then sorted.
            var rows = Array(0 ..< view.people.count)
            let attributes = roster.attributeNames
            if let sort {
                if let c = columns.firstIndex(where: { $0.name == sort }) {
                    let v = columns[c].values
                    rows.sort { a, b in
                        switch (v[a], v[b]) {
                        case let (x?, y?): return x != y ? x > y : a < b
                        case (.some, nil): return true
                        case (nil, .some): return false
                        default: return a < b
                        }
                    }
                } else if sort == "id" {
                    rows.sort { roster.ids[view.people[$0]] < roster.ids[view.people[$1]] }
                } else if let values = roster.attribute(sort) {
                    rows.sort { a, b in
                        let x = values[view.people[a]], y = values[view.people[b]]
                        return x != y ? x < y : a < b
                    }
                } else {
                    let all = ["id"] + columns.map(\.name) + attributes
                    throw InputError(.usage, file: input.edges, "cannot sort by '\(sort)': no such column",
                                     hint: (closestMatch(to: sort, among: all).map { "did you mean '\($0)'? " } ?? "") + "sort by one of: \(all.joined(separator: ", "))")
                }
            }
            if let top { rows = Array(rows.prefix(top)) }

            switch format {
            case .csv:
                let header = ["id"] + columns.map(\.name) + attributes
                let body = rows.map { r -> [String] in
                    let person = view.people[r]
                    let cells = columns.map { $0.values[r].map(formatJSONNumber) ?? "" }
                    return [roster.ids[person]] + cells + attributes.map { roster.attribute($0)?[person] ?? "" }
                }
                return CommandOutput(text: CSVWriter.table(header: header, rows: body), csv: (header, body), notes: notes)
            case .json:
                let people: [JSONValue] = rows.map { r in
                    let person = view.people[r]
                    var members: [(String, JSONValue)] = [("id", .string(roster.ids[person]))]
                    for c in columns { members.append((c.name, .number(c.values[r]))) }
                    for a in attributes { members.append((a, .string(roster.attribute(a)?[person] ?? ""))) }
                    return .object(members)
                }
                let document = JSONValue.object([
                    ("relation", .string(layer.key.relation)),
                    ("wave", .string(layer.key.wave)),
                    ("selection", .array(network.selection.map { .string($0) })),
                    ("people_count", .int(view.people.count)),
                    ("conventions", .object([("document", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md"))] + columns.map { ($0.name, .string($0.convention)) })),
                    ("notes", .array(notes.map { .string($0) })),
                    ("estimated", .object(chosen.compactMap { m in table.estimated[m].map { e in
                        (m.rawValue, .object([("pivots", .int(e.pivots)), ("people", .int(e.people)), ("seed", .int(Int(truncatingIfNeeded: e.seed))),
                                              ("confidence", .number(e.confidence)), ("error_bound", .number(e.errorBound)),
                                              ("error_bound_all_people", .number(e.errorBoundAllPeople))]))
                    } })),
                    ("people", .array(people)),
                ])
                return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
            case .table:
                let header = ["id"] + columns.map(\.name) + attributes.filter { $0 == "name" || $0 == "role" || $0 == "team" }
                let shownAttributes = attributes.filter { $0 == "name" || $0 == "role" || $0 == "team" }
                let body = rows.map { r -> [String] in
                    let person = view.people[r]
                    return [roster.ids[person]] + columns.map { $0.values[r].map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String(format4: $0) } ?? "–" }
                        + shownAttributes.map { roster.attribute($0)?[person] ?? "" }
                }
                var out = "\(input.edges) — \(layer.key)\(network.selection.map { " — \($0)" }.joined())\n"
                out += alignedTable(header: header, rows: body, rightAligned: [false] + columns.map { _ in true } + shownAttributes.map { _ in false })
                out += "\(rows.count) of \(view.people.count) people; – = undefined. Column conventions: staffgraph metrics --help, or --format json.\n"
                return CommandOutput(text: out, notes: notes)
            }
    }
}
