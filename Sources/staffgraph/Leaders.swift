import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Output formats of `leaders`.
enum LeadersFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct Leaders: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who leads? Formal and informal leaders, how concentrated influence is, and how much rests on a few people.",
        discussion: """
        For one relation in one wave (advice: "a names b" = a goes to b), with in-degree = how many \
        people name someone:
        - the distribution panel: in-degree centralization, Gini of in-degree, the share of requests \
        going to the top 1, 3 and 5, how many people receive half of all requests, density, reciprocity;
        - formal leaders (people whose roster COLUMN holds one of the VALUEs) with their in-degree and rank;
        - informal leaders: no formal role, in the top 10% by in-degree (--top-fraction) and named by at \
        least 3 people (--min-nominations) (Sun, Frank, Penuel & Kim 2013);
        - formal leaders rarely sought: named by fewer people than the median (or --rarely-sought-below N);
        - the share of all requests that go to formal leaders;
        - resilience: what the staff who stay keep when the 1, 3 and 5 most sought people (and the \
        main go-betweens) leave: the pairs still joined by a chain of requests, the people left with \
        no source (orphaned, also within their own --by group), how much longer the chains become \
        (efficiency), each set against --random-sets random sets of as many people (seeded), so \
        "losing these three costs far more than losing three at random" can be told from chance;
        - key players (Borgatti 2006): the --key-players people whose absence splits the staff most \
        (fragmentation), and those who reach the most colleagues directly (every set tried up to \
        50,000 sets, else a seeded swap search).

        JSON keys: relation, wave, people_count, requests, distribution {in_degree_centralization, \
        in_degree_gini, top_shares [{k, share}], people_for_half, density, reciprocity}, formal, informal, \
        rarely_sought (lists of {id, name, in_degree, rank}), formal_share, criteria, resilience \
        {group_column, in_degree: {score, random_sets, seed, removals [{k, removed, stayers, \
        linked_pairs_before, linked_pairs_after, share_kept, orphaned, orphaned_within_group, \
        efficiency_before, efficiency_after, efficiency_loss, random {share_kept, orphaned, \
        efficiency_loss: {mean, p5, p95}}, rank_among_random}]}, betweenness (the same)}, \
        key_players {fragmentation, reach_1_step: {objective, members, value, exact}} (null above 100 people). \
        On large networks the random baseline is cut down or left out to stay within a work limit (limit_note says so).

        Sensitivity: --thresholds 1,2,3,4 adds the headline figures at each tie-strength threshold (ties of at \
        least that strength kept): ties, density, in-degree centralization, Gini of in-degree, the share and names \
        of the top 3, and against the lowest threshold Spearman's rank correlation of in-degree and the overlap of \
        the two top-10 lists (equal in-degrees in roster order), with a sentence saying whether the same people lead. \
        --missing reconstruct or assume-none runs the whole report with non-respondents' answers reconstructed \
        from the ties they received (Huisman 2009) or taken as empty; --missing all adds the headline figures \
        under each treatment side by side. JSON: "missing" {treatment, imputed_ties} when not ignore, and "sensitivity" \
        {missing_treatment, thresholds: [{threshold, ties, density, in_degree_centralization, in_degree_gini, \
        top_3_share, top_3: [{id, name}], spearman_in_degree, top_10_overlap}], missing: [{missing, imputed_ties, \
        and the same figures}]}; --format csv: those rows (with --thresholds or --missing all, not both).

        --anonymize: every person is a pseudonym (Person 01 …, a random order keyed by \
        --anonymize-seed, never the roster's) and name is null; --formal, --where and --per refuse \
        roster columns that identify people (name, email …).

        Example: staffgraph leaders Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall \
        --formal "role=principal,assistant principal,instructional coach,department chair"

        Example: staffgraph leaders Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall \
        --formal role=principal --thresholds 1,2,3,4 --missing all
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Formal leaders: a roster column and the values that mark them, e.g. \"role=principal,department chair\".", valueName: "column=value[,value…]"))
    var formal: FormalRoles

    @Option(help: ArgumentHelp("Informal leaders are in this top share by in-degree (0–1).", valueName: "share"))
    var topFraction: Double = 0.10

    @Option(help: ArgumentHelp("… and are named by at least this many people.", valueName: "n"))
    var minNominations: Int = 3

    @Option(help: ArgumentHelp("A formal leader named by fewer people than this is rarely sought (default: the median in-degree).", valueName: "n"))
    var rarelySoughtBelow: Int?

    @Option(help: ArgumentHelp("The k of the top-k shares and champion removals, comma-separated.", valueName: "k,k,…"))
    var top: String = "1,3,5"

    @Option(help: ArgumentHelp("The roster column of groups for \"orphaned within their own group\" (default: team, when the roster has it; none for no groups).", valueName: "column"))
    var by: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Random sets of people drawn for each removal's baseline, 0 to 100,000.", valueName: "n"))
    var randomSets: Int = 1000

    @Option(help: ArgumentHelp("Seed of the random sets and of the key-player search (printed with the result).", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Size of the key-player sets (0: none).", valueName: "k"))
    var keyPlayers: Int = 3

    @Option(help: "Output format: table, json, or csv (the sensitivity rows: with --thresholds or --missing all).")
    var format: LeadersFormat = .table

    @OptionGroup(title: "Sensitivity") var sensitivity: SensitivityOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    var ks: [Int] { top.split(separator: ",").compactMap { Int(String($0).trimmingSpaces) } }

    func validate() throws {
        if input.nodes == nil { throw ValidationError("leaders needs a roster (--nodes ROSTER) with the column named in --formal") }
        if !(topFraction > 0 && topFraction <= 1) { throw ValidationError("--top-fraction must be above 0 and at most 1") }
        if randomSets < 0 || randomSets > 100_000 { throw ValidationError("--random-sets must be between 0 and 100,000 (got \(randomSets))") }
        if keyPlayers < 0 || keyPlayers > 10 { throw ValidationError("--key-players must be between 0 and 10 (got \(keyPlayers))") }
        if minNominations < 0 { throw ValidationError("--min-nominations must be 0 or more") }
        let parts = top.split(separator: ",")
        if parts.isEmpty || parts.contains(where: { Int(String($0).trimmingSpaces).map { $0 < 1 } ?? true }) {
            throw ValidationError("--top must be positive whole numbers separated by commas, such as 1,3,5")
        }
        try sensitivity.check(minWeight: input.minWeight)
        if format == .csv && !sensitivity.isOn {
            throw ValidationError("--format csv gives the sensitivity rows: add --thresholds (such as 1,2,3,4) or --missing all, or use --format table or json")
        }
        if format == .csv && sensitivity.thresholds != nil && sensitivity.missing == .all {
            throw ValidationError("--format csv writes one table: give --thresholds or --missing all, not both (or use --format json)")
        }
    }

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, rules: [("--formal", formal)], columns: [("--by", by)]) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The leaders report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let layer = try singleLayer(input, network, command: "leaders")
        let rule = try input.resolve(formal, in: network, flag: "--formal")
        let asRead = AnalysisView(layer: layer, roster: network.roster)
        let treatment = sensitivity.missing.treatment
        let (view, imputed) = asRead.treated(treatment)
        let isFormal = view.column(rule.members(of: network.roster))
        var notes: [String] = []
        if treatment != .ignore || sensitivity.missing == .all {
            notes.append(Self.missingNote(treatment: treatment, nonrespondents: asRead.nonrespondentCount, imputed: imputed, all: sensitivity.missing == .all))
        }
        if !isFormal.contains(true) {
            notes.append("nobody here has \(rule.column) = \(rule.values.joined(separator: " or "))")
        }
        let work = NodeMeasureTable.estimatedWork([.betweenness], on: view.graph)
        let seconds = NodeMeasureTable.estimatedSeconds(work: work, threads: threads)
        if work > Metrics.workLimit {
            printError("note: betweenness for the resilience figures over \(view.graph.nodeCount) people and \(view.graph.edgeCount) ties: about \(ProgressBar.durationWords(seconds)); --per school runs each school on its own, far faster")
        }
        var groups: (column: String, values: [String])?
        if by?.lowercased() != "none", let wanted = by ?? (network.roster.attribute("team") != nil ? "team" : nil) {
            let file = input.rosterFile
            let found = try forOption("--by") { () throws(InputError) in try network.roster.column(named: wanted, file: file) }
            groups = (found.name, view.column(found.values))
        }
        let report = withProgress("betweenness and resilience", estimate: seconds) { progress in
            LeadersReport(view: view, layer: layer.key, selection: network.selection, formal: formal, isFormal: isFormal, ks: ks,
                          criteria: LeaderCriteria(topFraction: topFraction, minimumNominations: minNominations, rarelySoughtBelow: rarelySoughtBelow),
                          threads: threads, progress: progress, groups: groups, randomSets: randomSets, seed: seed, keyPlayerSize: keyPlayers)
        }
        if let limit = report.byInDegree.limitNote { notes.append("resilience: \(limit) (--per school)") }
        if keyPlayers > 0 && report.keyPlayers == nil && view.graph.nodeCount > LeadersReport.keyPlayerLimit {
            notes.append("key players are searched up to \(LeadersReport.keyPlayerLimit) people (here \(view.graph.nodeCount)); --per school gives each school's")
        }
        let roster = network.roster
        let byThreshold = sensitivity.thresholdValues.map { ThresholdSensitivity(view.graph, observedRows: view.observedRows, thresholds: $0) }
        let byTreatment = sensitivity.missing == .all ? MissingDataSensitivity(asRead.graph, observedRows: asRead.observedRows) : nil
        switch format {
        case .json:
            var document = report.json(roster: roster)
            if case .object(var fields) = document, treatment != .ignore || sensitivity.isOn {
                if treatment != .ignore { fields.append(("missing", .object([("treatment", .string(treatment.rawValue)), ("imputed_ties", .int(imputed))]))) }
                if sensitivity.isOn {
                    var part: [(String, JSONValue)] = [("missing_treatment", .string(treatment.rawValue))]
                    if let byThreshold { part.append(("thresholds", SensitivityRendering.json(byThreshold, view: view, roster: roster))) }
                    if let byTreatment { part.append(("missing", SensitivityRendering.json(byTreatment, view: asRead, roster: roster))) }
                    fields.append(("sensitivity", .object(part)))
                }
                document = .object(fields)
            }
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let table: (header: [String], rows: [[String]])
            if let byThreshold {
                table = (SensitivityRendering.thresholdColumns, SensitivityRendering.csvRows(byThreshold, missing: treatment, view: view, roster: roster))
            } else if let byTreatment {
                table = (SensitivityRendering.missingColumns, SensitivityRendering.csvRows(byTreatment, view: asRead, roster: roster))
            } else {
                table = (SensitivityRendering.thresholdColumns, [])
            }
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table, notes: notes)
        case .table:
            var text = report.table(roster: roster, source: input.edges)
            if let byThreshold { text += "\n" + SensitivityRendering.table(byThreshold, missing: treatment, view: view, roster: roster) }
            if let byTreatment { text += "\n" + SensitivityRendering.table(byTreatment, view: asRead, roster: roster) }
            return CommandOutput(text: text, notes: notes)
        }
    }

    /// What `--missing` did, for standard error.
    static func missingNote(treatment: MissingDataTreatment, nonrespondents: Int, imputed: Int, all: Bool) -> String {
        if nonrespondents == 0 { return "--missing: nobody here is marked as a non-respondent, so every treatment gives the same figures" }
        let who = nonrespondents == 1 ? "1 non-respondent" : "\(nonrespondents) non-respondents"
        switch treatment {
        case .ignore: return "--missing all: \(who); the report itself leaves their answers missing (ignore)"
        case .reconstruct: return "--missing reconstruct: \(imputed) ties of \(who) reconstructed from the ties they received (Huisman 2009); every figure below uses them"
        case .assumeNone: return "--missing assume-none: \(who) taken to have named no one; density and reciprocity count their rows as empty"
        }
    }
}
