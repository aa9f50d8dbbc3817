import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a network: people, ties, isolates, density, reciprocity, components, response rate.",
        discussion: """
        One panel per relation and wave in the file (narrow it with --relation and --wave).
        Density and reciprocity leave non-respondents' missing answers out of their \
        denominators; people marked absent in a wave are not part of that wave's network.

        Also: dyadic reciprocity, transitivity (directed weak, as R sna; undirected, as networkx), \
        the triad census, Krackhardt's dimensions of hierarchy and Louvain communities (seeded: \
        --seed, printed).

        JSON: one object when one relation and wave is shown, with the keys nodes, ties, \
        isolates, density, reciprocity, weak_components, strong_components, response_rate \
        (null without response data), self_loops_dropped, parallel_ties_merged, centralization \
        {in_degree, out_degree, betweenness} (Freeman, sna maxima: is influence concentrated?), \
        reciprocity_dyadic, transitivity_directed, transitivity_undirected, triad_census \
        (an object keyed "003" … "300"), krackhardt {connectedness, hierarchy, efficiency, \
        lubness}, communities {count, modularity, seed}; \
        otherwise {"layers": [one such object per relation and wave]}.

        --per COLUMN (a roster column: school, team …) computes the panel for every group of that \
        column in one pass, in parallel across groups: each group's panel describes the ties among \
        its members (ties_to_other_groups counts those sent outside). JSON: {"per": COLUMN, "groups": \
        [{"group": …, then the keys above}]} in sorted group order; --format csv: one row per group, \
        the same keys as columns (nested ones joined with _, e.g. triad_census_003). \
        self_loops_dropped and parallel_ties_merged are file-wide and left empty per group.

        summary names no one; with --anonymize (as in a script that anonymizes every command) \
        --per and --where refuse roster columns that identify people (name, email …), and ids in \
        notes become pseudonyms.

        --cug: is it more than chance? A CUG test (conditional uniform graph, as R sna cug.test) \
        compares in-degree centralization, betweenness centralization, reciprocity (edgewise), \
        transitivity (directed, weak) and, with --by COLUMN, the E-I index of that column's groups \
        with --cug-draws random networks (default 1000) holding fixed the size only \
        (--cug-mode size: every tie present with probability 1/2, as sna), the size and number of \
        ties (edges, the default) or the numbers of mutual, one-way and empty pairs (dyad-census); \
        seeded by --seed, the same output for any --threads. The table gains a plain-language block; \
        JSON a "cug" object {mode, draws, seed, partition, and per index {observed, null_mean, null_sd, \
        z, p_greater_or_equal, p_less_or_equal}}; --per CSV the same as cug_… columns. With --per, \
        every group gets its own test (same seed, so a group alone via --where gives the same result).

        Sensitivity: --thresholds 1,2,3,4 adds the headline figures at each tie-strength threshold (ties of at \
        least that strength kept): ties, density, in-degree centralization, Gini of in-degree, the share and names \
        of the top 3, and against the lowest threshold Spearman's rank correlation of in-degree and the overlap of \
        the two top-10 lists (equal in-degrees in roster order), with a sentence saying whether the same people lead. \
        --missing reconstruct or assume-none computes the whole panel with non-respondents' answers reconstructed \
        from the ties they received (Huisman 2009) or taken as empty (the response rate stays the survey's); \
        --missing all adds the headline figures under each treatment side by side. JSON (each panel): "missing" \
        {treatment, imputed_ties} when not ignore, and "sensitivity" {missing_treatment, thresholds: [{threshold, \
        ties, density, in_degree_centralization, in_degree_gini, top_3_share, top_3: [{id, name}], \
        spearman_in_degree, top_10_overlap}], missing: [{missing, imputed_ties, and the same figures}]}; \
        --format csv: those rows, led by relation and wave (and group with --per), with --thresholds or \
        --missing all, not both. Under --anonymize summary still names no one: top_3 is null (empty in CSV, \
        no column in the table).

        Example: staffgraph summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall
        Example: staffgraph summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --thresholds 1,2,3,4
        Example: staffgraph summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --cug --by team
        Example: staffgraph summary state/edges.csv --nodes state/roster.csv --per school --format csv -o schools.csv
        Example: staffgraph summary district/edges.csv --nodes district/roster.csv --where school=Adams --where team=Math
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: table, json, or csv (with --per: one row per group; with --thresholds or --missing all: the sensitivity rows).")
    var format: SummaryFormat = .table

    @OptionGroup(title: "Sensitivity") var sensitivity: SensitivityOptions

    @Option(help: ArgumentHelp("With --cug: the roster column whose groups the E-I index compares (team, department …). Without --cug: the old name of --per (deprecated).", valueName: "column"))
    var by: String?

    @Option(help: ArgumentHelp("Seed of the Louvain community detection and of the --cug random networks (printed with the result).", valueName: "n"))
    var seed: UInt64 = 42

    @Flag(help: "Is it more than chance? Compare the panel's indices with random networks (CUG test, as R sna cug.test).")
    var cug = false

    @Option(name: .customLong("cug-mode"), help: ArgumentHelp("With --cug: what the random networks keep: size, edges (size and number of ties) or dyad-census (mutual, one-way and empty pairs).", valueName: "mode"))
    var cugMode: CUGConditioning?

    @Option(name: .customLong("cug-draws"), help: ArgumentHelp("With --cug: how many random networks (default 1000).", valueName: "n"))
    var cugDraws: Int?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Compute betweenness centralization even on very large networks (exact: about people × ties steps; hours at 200,000 people).")
    var exactBetweenness = false

    func validate() throws {
        if !cug && cugMode != nil { throw ValidationError("--cug-mode needs --cug (the CUG test is off without it)") }
        if !cug && cugDraws != nil { throw ValidationError("--cug-draws needs --cug (the CUG test is off without it)") }
        if let cugDraws, cugDraws < 1 || cugDraws > 1_000_000 { throw ValidationError("--cug-draws must be between 1 and 1000000 (got \(cugDraws))") }
        if cug && by != nil && input.nodes == nil { throw ValidationError("--by needs a roster (--nodes ROSTER) with that column") }
        if !cug && by != nil && input.selection.per != nil { throw ValidationError("--by is the old name of --per; give --per only") }
        if format == .csv && per == nil && !sensitivity.isOn { throw ValidationError("--format csv needs --per COLUMN (one row per group), --thresholds or --missing all") }
        try sensitivity.check(minWeight: input.minWeight)
        if format == .csv && sensitivity.thresholds != nil && sensitivity.missing == .all {
            throw ValidationError("--format csv writes one table: give --thresholds or --missing all, not both (or use --format json)")
        }
        if per != nil && input.nodes == nil { throw ValidationError("--per needs a roster (--nodes ROSTER) with that column") }
    }

    /// `--per`, or its deprecated name `--by` (with `--cug`, `--by` is the E-I partition instead).
    var per: String? { input.selection.per ?? (cug ? nil : by) }

    /// The CUG settings of this run, or `nil` without `--cug`.
    var cugSettings: (conditioning: CUGConditioning, draws: Int)? {
        cug ? (cugMode ?? .edges, cugDraws ?? 1000) : nil
    }

    /// The largest network a CUG test runs on without --per: its random networks are held
    /// as n(n − 1) bits per thread (about 60 MB at this size).
    static let cugPeopleLimit = 22_000

    func run() throws {
        if by != nil && !cug { printError("note: summary --by is now --per (--by names the grouping inside one analysis in every command); --by will go away") }
        try reportingInputErrors {
            // summary prints no person: --anonymize only checks --per, --by and --where
            // (the people keep their order, so Louvain draws as without it).
            let imported = try input.loadSelected(columns: [("--by", by)], pseudonymise: false)
            let network = imported.network
            let layers = try input.selectedLayers(of: network)
            // Refuse an output that would overwrite an input before the work, not after it.
            if let output { try AtomicFile.check(output) }
            if let per {
                for note in input.notes(for: imported.report, network: network) { printError("note: \(note)") }
                let text = try byGroup(column: per, network: network, layers: layers)
                try emit(text, to: output)
                return
            }
            let threads = input.threadCount
            let treatment = sensitivity.missing.treatment
            let panels = layers.map { layer in
                (layer, NetworkSummary(graph: layer.graph, responses: network.roster.responses(wave: layer.key.wave), treatment: treatment))
            }
            let asRead = layers.map { AnalysisView(layer: $0, roster: network.roster) }
            let treated = asRead.map { $0.treated(treatment) }
            let cohesion = zip(layers, treated).map { layer, t in
                withProgress("betweenness centralization (\(layer.key))") { progress in
                    CohesionPanel(view: t.view, seed: seed, threads: threads, progress: progress,
                                  betweennessWorkLimit: exactBetweenness ? nil : CohesionPanel.defaultBetweennessWorkLimit)
                }
            }
            if treatment != .ignore || sensitivity.missing == .all {
                for (layer, (view, t)) in zip(layers, zip(asRead, treated)) {
                    printError("note: \(layer.key): " + Leaders.missingNote(treatment: treatment, nonrespondents: view.nonrespondentCount, imputed: t.imputedTies, all: sensitivity.missing == .all))
                }
            }
            // summary names no one under --anonymize: the sensitivity rows leave out the top-3 names.
            let namingRoster: Roster? = input.privacy.isOn ? nil : network.roster
            if input.privacy.isOn && sensitivity.isOn { printError("note: --anonymize: summary names no one, so the top 3 are left out of the sensitivity rows; leaders gives them as pseudonyms") }
            let parts = zip(asRead, treated).map { view, t in
                SensitivityParts(thresholds: sensitivity.thresholdValues, treatment: sensitivity.missing.treatment, comparingTreatments: sensitivity.missing == .all, asRead: view, treated: t.view, imputed: t.imputedTies)
            }
            for (layer, c) in zip(layers, cohesion) where c.betweennessSkipped {
                printError("note: \(layer.key): betweenness centralization left out: exact betweenness over \(layer.graph.nodeCount) people and \(layer.graph.edgeCount) ties would take very long; use --per school for per-school values, or --exact-betweenness to compute it anyway")
            }
            for note in input.notes(for: imported.report, network: network) { printError("note: \(note)") }
            var cugTests: [CUGTest?] = layers.map { _ in nil }
            var partitionColumn: String?
            if let settings = cugSettings {
                var partitionValues: [String]?
                if let by {
                    let (name, values) = try forOption("--by") { () throws(InputError) in try network.roster.column(named: by, file: input.rosterFile) }
                    partitionColumn = name
                    partitionValues = values
                }
                // The panel's network: people absent in the wave left out, answers as read.
                cugTests = try zip(zip(layers, asRead), cohesion).map { pair, c throws(InputError) -> CUGTest? in
                    let (layer, view) = pair
                    let g = view.graph
                    let partition = partitionValues.map { Partition(values: view.column($0)) }
                    guard g.nodeCount <= Self.cugPeopleLimit else {
                        throw InputError(.usage, file: input.edges, "--cug on \(g.nodeCount) people: the random networks would not fit in memory",
                                         hint: "use --per school (or --where) to test each school on its own")
                    }
                    let stats = CUGRendering.statistics(graph: g, draws: settings.draws, betweennessSkipped: c.betweennessSkipped, partition: partition != nil)
                    if !c.betweennessSkipped && !stats.contains(.betweennessCentralization) {
                        printError("note: \(layer.key): betweenness centralization left out of the CUG test: \(settings.draws) exact betweenness runs over \(g.nodeCount) people would take very long; use --per school")
                    }
                    return withProgress("CUG test (\(layer.key))") { _ in
                        CUGTest(g, statistics: stats, partition: partition, conditioning: settings.conditioning,
                                draws: settings.draws, seed: seed, threads: threads)
                    }
                }
            }
            for (layer, panel) in panels {
                if panel.tiesFromNonrespondents > 0 {
                    printError("note: \(layer.key): \(panel.tiesFromNonrespondents) ties sent by people marked as non-respondents are kept, but outside the observed cells of density and reciprocity")
                }
                if panel.absentWithTies > 0 {
                    printError("note: \(layer.key): \(panel.absentWithTies) people marked absent have ties and are counted as present")
                }
            }
            let text: String
            switch format {
            case .json:
                let fileWide = network.selection.isEmpty
                let objects = zip(zip(panels, cohesion), cugTests).map { pc, test -> JSONValue in
                    let (p, c) = pc
                    var panel = SummaryRendering.json(key: p.0.key, summary: p.1, cohesion: c,
                                     selfLoopsDropped: fileWide ? p.0.buildReport.selfLoopsDropped : nil,
                                     parallelTiesMerged: fileWide ? p.0.buildReport.parallelTiesMerged : nil)
                    if let test, case .object(let fields) = panel {
                        panel = .object(fields + [("cug", CUGRendering.json(test, partition: partitionColumn))])
                    }
                    if let i = layers.firstIndex(where: { $0.key == p.0.key }), case .object(let fields) = panel {
                        panel = .object(fields + parts[i].jsonFields(roster: namingRoster))
                    }
                    guard !fileWide, case .object(let fields) = panel else { return panel }
                    return .object([("selection", .array(network.selection.map { .string($0) }))] + fields)
                }
                text = (objects.count == 1 ? objects[0] : .object([("layers", .array(objects))])).rendered() + "\n"
            case .csv:
                var rows: [[String]] = []
                for (layer, part) in zip(layers, parts) {
                    rows += part.csvRows(roster: namingRoster).map { [layer.key.relation, layer.key.wave ?? ""] + $0 }
                }
                text = CSVWriter.table(header: ["relation", "wave"] + parts[0].csvHeader, rows: rows)
            case .table:
                var table = SummaryRendering.table(panels: panels, cohesion: cohesion, seed: seed, source: input.edges + network.selection.map { " — \($0)" }.joined(), fileWide: network.selection.isEmpty)
                let tests = zip(layers, cugTests).compactMap { layer, test in test.map { (layer.key, $0) } }
                if !tests.isEmpty {
                    for (key, test) in tests {
                        table += "\n" + CUGRendering.block(test, heading: layers.count > 1 || key.relation != "ties" || key.wave != nil ? key.description : "This network", partition: partitionColumn)
                    }
                    table += CUGRendering.key
                }
                for (layer, part) in zip(layers, parts) {
                    table += part.table(roster: namingRoster, heading: layers.count > 1 ? layer.key.description : nil)
                }
                text = table
            }
            try emit(text, to: output)
        }
    }

}

/// Output formats of `summary`: csv needs `--by` (one row per group).
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Summary {
    /// `--by COLUMN`: the panel of every group of the column, for each layer,
    /// computed in parallel across groups (fixed chunks of groups, each group
    /// on one thread, so any thread count gives the same output).
    func byGroup(column: String, network: Network, layers: [Layer]) throws(InputError) -> String {
        let roster = network.roster
        let (column, grouped) = try forOption("--per") { () throws(InputError) in try roster.groups(by: column, file: input.rosterFile) }
        let groupNames = grouped.map(\.value), members = grouped.map(\.members)
        let groups = members, labels = groupNames, seed = self.seed
        let settings = cugSettings
        var partitionColumn: String?
        var partitionValues: [String]?
        if settings != nil, let by {
            let (name, values) = try forOption("--by") { () throws(InputError) in try roster.column(named: by, file: input.rosterFile) }
            partitionColumn = name
            partitionValues = values
        }
        let byValues = partitionValues
        var panels: [GroupPanel] = []
        var sensitivityParts: [SensitivityParts] = []
        let namingRoster: Roster? = input.privacy.isOn ? nil : roster
        if input.privacy.isOn && sensitivity.isOn { printError("note: --anonymize: summary names no one, so the top 3 are left out of the sensitivity rows; leaders gives them as pseudonyms") }
        let thresholdValues = sensitivity.thresholdValues, missingOption = sensitivity.missing, treatment = missingOption.treatment
        for layer in layers {
            let graph = layer.graph, key = layer.key
            let responses = roster.responses(wave: key.wave)
            let label = layers.count > 1 ? "\(column) panels (\(key))" : "\(column) panels"
            let parts = withProgress(label) { progress in
                let done = ProgressCounter(progress, total: groups.count)
                return parallelChunks(count: groups.count, threads: input.threadCount) { range -> [(GroupPanel, SensitivityParts)] in
                    var out: [(GroupPanel, SensitivityParts)] = []
                    for g in range {
                        let people = groups[g]
                        let sub = graph.subgraph(members: people)
                        var sent = 0
                        for v in people { sent += graph.outDegree(v) }
                        let groupResponses = responses.map { r in people.map { r[$0] } }
                        let view = AnalysisView(graph: sub, people: people, responses: groupResponses)
                        let treated = view.treated(treatment)
                        let cohesion = CohesionPanel(view: treated.view, seed: seed, threads: 1)
                        let test = settings.map { settings -> CUGTest in
                            // The panel's network: people absent in the wave left out, answers as read.
                            let partition = byValues.map { values in Partition(values: view.column(values)) }
                            let stats = CUGRendering.statistics(graph: view.graph, draws: settings.draws, betweennessSkipped: false, partition: partition != nil)
                            return CUGTest(view.graph, statistics: stats, partition: partition, conditioning: settings.conditioning,
                                           draws: settings.draws, seed: seed, threads: 1)
                        }
                        out.append((GroupPanel(
                            group: labels[g], key: key,
                            summary: NetworkSummary(graph: sub, responses: groupResponses, treatment: treatment),
                            cohesion: cohesion,
                            tiesToOtherGroups: sent - sub.edgeCount, cug: test),
                            SensitivityParts(thresholds: thresholdValues, treatment: missingOption.treatment, comparingTreatments: missingOption == .all, asRead: view, treated: treated.view, imputed: treated.imputedTies)))
                    }
                    done?.add(range.count)
                    return out
                }
            }
            panels += parts.flatMap { $0 }.map(\.0)
            sensitivityParts += parts.flatMap { $0 }.map(\.1)
        }
        // Sorted group order; a group's layers in file order.
        let rank = Dictionary(uniqueKeysWithValues: groupNames.enumerated().map { ($0.element, $0.offset) })
        let order = panels.enumerated().sorted { a, b in
            let ra = rank[a.element.group] ?? 0, rb = rank[b.element.group] ?? 0
            return ra != rb ? ra < rb : a.offset < b.offset
        }
        let sortedParts = order.map { sensitivityParts[$0.offset] }
        let sorted = order.map(\.element)
        let objects = zip(sorted, sortedParts).map { p, part -> JSONValue in
            let panel = SummaryRendering.json(key: p.key, summary: p.summary, cohesion: p.cohesion, selfLoopsDropped: nil, parallelTiesMerged: nil)
            guard case .object(let fields) = panel else { return panel }
            return .object([("group", .string(p.group))] + fields + [("ties_to_other_groups", .int(p.tiesToOtherGroups))]
                + (p.cug.map { [("cug", CUGRendering.json($0, partition: partitionColumn))] } ?? [])
                + part.jsonFields(roster: namingRoster))
        }
        switch format {
        case .json:
            return JSONValue.object([("per", .string(column)), ("selection", .array(network.selection.map { .string($0) })), ("groups", .array(objects))]).rendered() + "\n"
        case .csv where sensitivity.isOn:
            var rows: [[String]] = []
            for (p, part) in zip(sorted, sortedParts) {
                rows += part.csvRows(roster: namingRoster).map { [p.group, p.key.relation, p.key.wave ?? ""] + $0 }
            }
            let header = [column, "relation", "wave"] + (sensitivity.thresholds != nil ? SensitivityRendering.thresholdColumns : SensitivityRendering.missingColumns)
            return CSVWriter.table(header: header, rows: rows)
        case .csv:
            let flat = objects.map(flatten)
            let header = flat.first?.map(\.0) ?? ["group"]
            return CSVWriter.table(header: header, rows: flat.map { $0.map(\.1) })
        case .table:
            var table = groupTable(sorted, column: column)
            let tests = sorted.compactMap { p in p.cug.map { (p, $0) } }
            if !tests.isEmpty {
                let showLayer = layers.count > 1
                for (p, test) in tests {
                    table += "\n" + CUGRendering.block(test, heading: "\(column) \(p.group)" + (showLayer ? " (\(p.key))" : ""), partition: partitionColumn)
                }
                table += CUGRendering.key
            }
            for (p, part) in zip(sorted, sortedParts) {
                table += part.table(roster: namingRoster, heading: "\(column) \(p.group)" + (layers.count > 1 ? ", \(p.key)" : ""))
            }
            return table
        }
    }

    /// A group panel's JSON as (column, cell) pairs: nested keys joined with `_`, null as an empty cell.
    func flatten(_ value: JSONValue) -> [(String, String)] {
        var out: [(String, String)] = []
        func walk(_ prefix: String, _ v: JSONValue) {
            switch v {
            case .object(let fields): for (k, x) in fields { walk(prefix.isEmpty ? k : prefix + "_" + k, x) }
            case .null: out.append((prefix, ""))
            case .string(let s): out.append((prefix, s))
            default: out.append((prefix, v.rendered(pretty: false)))
            }
        }
        walk("", value)
        return out
    }

    /// The text table of `--by`: one line per group with the main columns.
    func groupTable(_ panels: [GroupPanel], column: String) -> String {
        let header = [column] + (panels.contains { $0.key.relation != "ties" || $0.key.wave != nil } ? ["layer"] : [])
            + ["people", "ties", "density", "reciprocity", "centralization (in)", "transitivity", "communities", "modularity"]
        let showLayer = header.count == 10
        let rows = panels.map { p -> [String] in
            [p.group] + (showLayer ? [p.key.description] : []) + [
                String(p.summary.nodes), String(p.summary.ties), fixed4(p.summary.density), fixed4(p.summary.reciprocity),
                fixed4(p.cohesion.centralizationInDegree), fixed4(p.cohesion.transitivityUndirected),
                String(p.cohesion.communities.count), fixed4(p.cohesion.communities.modularity),
            ]
        }
        var out = "\(input.edges): \(panels.count) panels by \(column)\n"
        out += alignedTable(header: header, rows: rows, rightAligned: header.indices.map { $0 >= (showLayer ? 2 : 1) }, indent: "")
        out += "ties among each group's members only; --format csv or json gives every key of the panel\n"
        return out
    }
}

extension CUGConditioning: ExpressibleByArgument {}
