import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the school report: one self-contained HTML file answering the distributed-leadership questions in plain language.",
        discussion: """
        The report reads as a short document a principal can follow, with the numbers behind \
        every sentence one click away: who is sought out (formal and informal leaders), whether \
        advice is spread or concentrated (centralization, Gini, a Lorenz curve), whether teams and \
        levels work together (E-I with a permutation test, block densities, brokers), how \
        interdependent the staff are (reciprocity, transitivity, triads), what if key people left \
        (resilience against random sets, key players), what changed between \
        waves (ties kept, new and dissolved, Jaccard, rising and fading leaders, leavers, the trend), \
        and how it was all measured. The influence map is interactive (hover or tap a person, \
        search a name, pick a team, switch relations and waves); without JavaScript the maps show \
        as static pictures. Everything is inside the one file: no fonts, scripts or pictures are \
        fetched, so it opens offline and can be e-mailed.

        The main sections describe one relation in one wave: --relation (default: advice when the \
        file has it) and --wave (default: the last wave). With two or more waves of that relation \
        the report adds what changed across them. Every number is the one `summary`, `leaders`, \
        `groups` and `compare` print with the same options.

        --per COLUMN (school) writes a folder: index.html comparing the groups side by side and one \
        report per group, with its standing among the others. Group figures for teams or levels \
        of fewer than --min-group-size people (default 5) are shown as "fewer than 5", so small \
        teams cannot be singled out. --anonymize replaces every name and id with pseudonyms in \
        the text, the maps, the tooltips and the page's data.

        Example: staffgraph report Samples/school/edges.csv --nodes Samples/school/roster.csv \
        --formal "role=principal,assistant principal,instructional coach,department chair" -o school.html
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Formal leaders: a roster column and the values that mark them, e.g. \"role=principal,department chair\".", valueName: "column=value[,value…]"))
    var formal: FormalRoles?

    @Option(help: ArgumentHelp("The roster column of teams (default: team, when the roster has it; none for no teams).", valueName: "column"))
    var by: String?

    @Option(help: ArgumentHelp("The roster column of levels such as district, school, community (default: level, when the roster has it; none for no levels).", valueName: "column"))
    var levels: String?

    @Option(help: ArgumentHelp("The survey question, shown under \"How this was measured\" (repeat for several).", valueName: "text"))
    var question: [String] = []

    @Option(help: ArgumentHelp("The report's title (default: the file's name, or the group's).", valueName: "text"))
    var title: String?

    @Option(help: ArgumentHelp("Teams and levels with fewer people than this show no group figures.", valueName: "n"))
    var minGroupSize: Int = 5

    @Option(parsing: .unconditional, help: ArgumentHelp("Permutations of the E-I tests, 0 to 1,000,000.", valueName: "n"))
    var permutations: Int = 5000

    @Option(parsing: .unconditional, help: ArgumentHelp("Random sets of people for the resilience baseline, 0 to 100,000.", valueName: "n"))
    var randomSets: Int = 1000

    @Option(name: .customLong("cug-draws"), parsing: .unconditional, help: ArgumentHelp("Random networks of \"Is it more than chance?\" (the CUG test, as summary --cug), 0 to 1,000,000; 0 leaves the test out.", valueName: "n"))
    var cugDraws: Int = 1000

    @Option(parsing: .unconditional, help: ArgumentHelp("Tie strengths of the sensitivity table, e.g. 1,2,3,4 (default: every strength in the data when there are 2 to 6).", valueName: "t,t,…"))
    var thresholds: String?

    @Option(help: ArgumentHelp("Seed of the permutation tests, the random sets, the key-player search, the communities and the map layout.", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("With --anonymize: also write the pseudonyms' key to this CSV file (pseudonym, id, name), kept apart from the report. Anyone with it can undo the pseudonyms: keep it out of what you send.", valueName: "file"))
    var anonymizeKey: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write; with --per, a folder (index.html and one report per group).", valueName: "file"))
    var output: String

    func validate() throws {
        if input.nodes == nil { throw ValidationError("report needs a roster (--nodes ROSTER): names, roles and teams are what the report speaks of") }
        if anonymizeKey != nil && !input.privacy.isOn { throw ValidationError("--anonymize-key writes the key of --anonymize's pseudonyms: add --anonymize (or --anonymize-seed KEY)") }
        if let anonymizeKey, anonymizeKey == output { throw ValidationError("--anonymize-key must be a file of its own, not the report (-o)") }
        if randomSets < 0 || randomSets > 100_000 { throw ValidationError("--random-sets must be between 0 and 100,000 (got \(randomSets))") }
        if minGroupSize < 1 { throw ValidationError("--min-group-size must be 1 or more") }
        if cugDraws < 0 || cugDraws > 1_000_000 { throw ValidationError("--cug-draws must be between 0 and 1,000,000 (got \(cugDraws))") }
        if let thresholds { _ = try SensitivityOptions.parse(thresholds) }
        try SensitivityOptions.check(thresholds: thresholds, minWeight: input.minWeight)
        if permutations < 0 || permutations > Groups.maximumPermutations {
            throw ValidationError("--permutations must be between 0 and 1,000,000 (got \(permutations))")
        }
        if input.selection.per == nil, !output.lowercased().hasSuffix(".html"), !output.lowercased().hasSuffix(".htm") {
            throw ValidationError("-o names the report's HTML file, such as school.html (got '\(output)')")
        }
    }

    func run() async throws {
        // Every relation and wave is read: --relation and --wave pick the main sections' layer.
        var reading = input
        reading.relation = nil
        reading.wave = nil
        let loadOptions = reading
        let (imported, anonymization, importNotes) = try reportingInputErrors {
            let (imported, anonymization) = try loadOptions.loadSelectedAnonymized(rules: formal.map { [("--formal", $0)] } ?? [],
                                                                                   columns: [("--by", by), ("--levels", levels)])
            return (imported, anonymization, loadOptions.notes(for: imported.report, network: imported.network))
        }
        for note in importNotes { printError("note: \(note)") }
        try reportingInputErrors {
            if input.selection.per != nil { try AtomicFileGroup.check(output) } else { try AtomicFile.check(output) }
            if let anonymizeKey { try AtomicFile.check(anonymizeKey) }
        }
        if let anonymizeKey, let anonymization {
            try reportingInputErrors { try writeKey(anonymization, to: anonymizeKey) }
        }
        var network = imported.network
        // A file without a relation column: its ties are the relation --relation names.
        if let relation = input.relation, network.relations == ["ties"] {
            network.layers = network.layers.map { Layer(key: LayerKey(relation: relation, wave: $0.key.wave), graph: $0.graph, buildReport: $0.buildReport) }
        }
        let threads = input.threadCount
        do {
            if let per = input.selection.per {
                let run = try reportingInputErrors { try PerGroupRun(network, column: per, rosterFile: input.rosterFile) }
                var reports: [SchoolReport] = []
                for group in run.groups {
                    let made = try reportingInputErrors { () throws(InputError) -> SchoolReport in
                        do throws(InputError) { return try makeReport(group.network, title: title.map { "\($0): \(group.value)" } ?? "\(run.column) \(group.value)", threads: threads) } catch {
                            var e = error
                            e.message = "\(run.column) '\(group.value)': \(e.message)"
                            throw e
                        }
                    }
                    reports.append(made)
                }
                SchoolReport.setStandings(&reports)
                let stems = PerGroupRun.fileStems(run.groups.map(\.value))
                var files: [(name: String, bytes: [UInt8])] = []
                for (k, report) in reports.enumerated() {
                    for note in report.notes { printError("note: \(run.column) \(run.groups[k].value): \(note)") }
                    let maps = try await withProgress("maps, \(run.column) \(run.groups[k].value)") { _ in
                        try await makeMaps(report, network: run.groups[k].network)
                    }
                    let html = SchoolReportHTML.render(report, maps: maps, indexLink: "index.html")
                    files.append(("\(stems[k]).html", Array(html.utf8)))
                }
                let index = SchoolReportHTML.index(reports, column: run.column, groups: run.groups.map(\.value), files: files.map(\.name),
                                                   title: title ?? "Leadership and advice by \(run.column)")
                files.append(("index.html", Array(index.utf8)))
                try reportingInputErrors { try AtomicFileGroup.write(files, into: output) }
                printError("wrote \(files.count) files to \(output): index.html and one report per \(run.column)")
                return
            }
            let report = try reportingInputErrors { try makeReport(network, title: title ?? defaultTitle(network), threads: threads) }
            for note in report.notes { printError("note: \(note)") }
            let maps = try await withProgress("maps (layout and render)") { _ in try await makeMaps(report, network: network) }
            let html = SchoolReportHTML.render(report, maps: maps, indexLink: nil)
            try reportingInputErrors { try AtomicFile.write(Array(html.utf8), to: output) }
            printError("wrote \(output) (\(report.summary.nodes) people, \(report.summary.ties) ties, \(maps.count) map\(maps.count == 1 ? "" : "s"))")
        } catch let error as RenderError {
            printError(error.description)
            throw ExitCode(70)
        }
    }

    /// Writes the pseudonyms' key: one row per roster person, in pseudonym order.
    func writeKey(_ anonymization: Anonymization, to path: String) throws(InputError) {
        guard let rosterPath = input.nodes else { return }
        let roster = try input.reading.readRoster(rosterPath)
        let names = roster.attribute("name")
        let rows = (0 ..< roster.count).compactMap { v -> (Int, [String])? in
            guard let rank = anonymization.pseudonyms.rank(of: roster.ids[v]) else { return nil }
            return (rank, [anonymization.pseudonyms.label(rank: rank), roster.ids[v]] + (names.map { [$0[v]] } ?? []))
        }.sorted { $0.0 < $1.0 }.map(\.1)
        let text = CSVWriter.table(header: ["pseudonym", "id"] + (names == nil ? [] : ["name"]), rows: rows)
        try AtomicFile.write(Array(text.utf8), to: path)
        printError("wrote the pseudonyms' key to \(path): keep it apart from the report")
    }

    /// "Leadership and advice: edges.csv", or of the selection ("school = Adams").
    func defaultTitle(_ network: Network) -> String {
        if let last = network.selection.last { return "Leadership and advice: \(last)" }
        return "Leadership and advice: \(input.edges.split(separator: "/").last.map(String.init) ?? input.edges)"
    }

    /// The report of one network (everyone selected, or one `--per` group).
    func makeReport(_ network: Network, title: String, threads: Int) throws(InputError) -> SchoolReport {
        let layer = try mainLayer(network)
        let roster = network.roster
        let file = input.rosterFile
        func column(_ option: String, _ given: String?, default name: String) throws(InputError) -> SchoolReport.Column? {
            if let given, given.lowercased() == "none" { return nil }
            guard let wanted = given ?? (roster.attribute(name) != nil ? name : nil) else { return nil }
            let found = try forOption(option) { () throws(InputError) in try roster.column(named: wanted, file: file) }
            return SchoolReport.Column(name: found.name, values: found.values)
        }
        let team = try column("--by", by, default: "team")
        let level = try column("--levels", levels, default: "level")
        var formalRoles: (rule: ColumnValues, members: [Bool], resolved: RosterRule)?
        var notes: [String] = []
        if let formal {
            let rule = try input.resolve(formal, in: network, flag: "--formal")
            formalRoles = (formal, rule.members(of: roster), rule)
            if !rule.members(of: roster).contains(true) { notes.append("nobody here has \(rule.column) = \(rule.values.joined(separator: " or "))") }
        }
        var settings = SchoolReport.Settings(title: title, sources: [input.edges, input.nodes].compactMap { $0 })
        settings.questions = question
        settings.formal = formal
        settings.teamColumn = team?.name
        settings.levelColumn = level?.name
        settings.minimumGroupSize = minGroupSize
        settings.seed = seed
        settings.permutations = permutations
        settings.cugDraws = cugDraws
        settings.thresholds = thresholds.flatMap { try? SensitivityOptions.parse($0) }
        settings.randomSets = randomSets
        settings.anonymized = input.privacy.isOn
        settings.minimumWeight = input.minWeight
        var report = SchoolReport(network: network, layer: layer, settings: settings, team: team, level: level, formal: formalRoles,
                                  threads: threads) { step, run in withProgress(step) { run($0) } }
        report.notes = notes + report.notes
        return report
    }

    /// The layer of the main sections: `--relation` (default advice, else the only
    /// relation) in `--wave` (default the last wave of that relation).
    func mainLayer(_ network: Network) throws(InputError) -> Layer {
        let relations = network.relations
        let relation: String
        if let wanted = input.relation {
            if let found = relations.first(where: { $0.lowercased() == wanted.lowercased() }) {
                relation = found
            } else if relations.count == 1 && relations[0] == "ties" {
                relation = relations[0]
            } else {
                throw InputError(.usage, file: input.edges, "no relation '\(wanted)' in the file",
                                 hint: "the file has: \(relations.joined(separator: ", "))" + (closestMatch(to: wanted, among: relations).map { "; did you mean '\($0)'?" } ?? ""))
            }
        } else if let advice = relations.first(where: { $0.lowercased() == "advice" }) {
            relation = advice
        } else if relations.count == 1 {
            relation = relations[0]
        } else {
            throw InputError(.usage, file: input.edges, "the report describes one relation, and the file has \(relations.count)",
                             hint: "choose one with --relation: \(relations.joined(separator: ", "))")
        }
        let layers = network.layers.filter { $0.key.relation == relation }
        guard let last = layers.last else {
            throw InputError(.usage, file: input.edges, "no \(relation) ties in the selection", hint: "check --where and --relation")
        }
        guard let wave = input.wave else { return last }
        if let found = layers.first(where: { $0.key.wave?.lowercased() == wave.lowercased() }) { return found }
        let waves = layers.compactMap(\.key.wave)
        throw InputError(.usage, file: input.edges, "no wave '\(wave)' of \(relation) ties",
                         hint: waves.isEmpty ? "the file has no waves" : "the waves are: \(waves.joined(separator: ", "))")
    }

    /// The report's maps: every relation and wave, the report's relation first.
    func makeMaps(_ report: SchoolReport, network: Network) async throws -> [ReportMapLayer] {
        let roster = network.roster
        let names = roster.attribute("name") ?? roster.ids
        let labels = zip(names, roster.ids).map { $0.isEmpty ? $1 : $0 }
        let team = report.settings.teamColumn.flatMap { name in roster.attribute(name).map { SchoolReport.Column(name: name, values: $0) } }
        var formalMembers: [Bool]?
        var formalRule: String?
        if let formal, let rule = try? network.roster.resolve(formal, file: input.rosterFile, requireEveryValue: false) {
            formalMembers = rule.members(of: roster)
            formalRule = rule.description
        }
        var caption = network.selection.joined(separator: " · ")
        if report.settings.anonymized { caption += (caption.isEmpty ? "" : " · ") + "names replaced by pseudonyms" }
        return try await ReportMaps.build(network: network, first: report.layer, labels: labels, team: team,
                                          formal: formalMembers, formalRule: formalRule, seed: Int(truncatingIfNeeded: seed), caption: caption)
    }
}
