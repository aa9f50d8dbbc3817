import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Image format of `compare`'s maps.
enum CompareMapFormat: String, ExpressibleByArgument, CaseIterable {
    case png, svg
}

struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What changed this year? Ties gained and lost, trends, rising and fading leaders, before-and-after maps.",
        discussion: """
        Give one edge file per wave, in order (wave names from --labels, or the file names \
        without their common prefix: edges_w1.csv, edges_w2.csv → w1, w2), or one file with a \
        wave column (waves in order of appearance, or as --labels orders them). One relation at a \
        time: --relation, or the only one in the files. The roster's responded_<wave> columns \
        (keyed by the wave names) say who was on staff (absent = not on staff) and who answered.

        Change counts only cells observed in both waves: the sender answered both times and both \
        people were on staff both times (RSiena; Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md, Wave change). Over those cells: stable, new and \
        dissolved ties, Jaccard = stable / (stable + new + dissolved) (RSiena: 0.3 or more is good, \
        below 0.2 is a lot of change) and Hamming = new + dissolved (sna hdist). Ties of people who \
        left or joined, and of people who did not answer in one wave, are counted apart. Pairs: \
        each wave with the next, and the first with the last.

        Trend per wave: people, ties, density, reciprocity, in-degree and betweenness \
        centralization, transitivity, E-I index and modularity of --by (default team), Gini of \
        in-degree, response rate. People: --measures per wave and their change, in-degree rank and \
        its change, Spearman's rank correlation of in-degree between waves. A rising leader gained \
        at least --min-change nominations and is among the most sought in the later wave (top \
        --top-fraction, at least --min-nominations); a fading leader lost as many and was among \
        the most sought before; new informal leaders are most sought now, were not before, and \
        hold no --formal role. For each person who left: who had gone to them, and whom those \
        people name now.

        Waves imported one by one (import survey writes edges.csv and roster.csv per wave): give \
        the edge files in order and --nodes once per file (or leave --nodes out when each file has \
        a roster.csv beside it); the rosters' responded_<wave> columns are merged, so the result \
        is the one a combined file gives. A roster's plain responded column counts for its file's wave.

        --anonymize: people are Person 01 … (a random order keyed by --anonymize-seed, never the \
        roster's) in every table, file and map, in pseudonym order; identifying roster columns \
        (name, email …) are left out, and --by, --breakdown, --formal, --where and --per refuse them.

        --where COLUMN=VALUE compares the ties among those people only; --per COLUMN compares each \
        group (each school) on its own: with -o DIR, one folder per group and index.csv.

        Without -o: a report on the terminal (--format table|json; the JSON is compare.json). \
        With -o DIR: compare.json, trend.csv, pairs.csv, people.csv, ties.csv (every tie that \
        changed, with its status), one map per wave with everyone in the same place \
        (map_<wave>.png; people not on staff that wave as dashed circles), a difference map per \
        pair (diff_<from>_<to>.png: new ties blue, dissolved dashed orange, stable thin grey, \
        people who left or joined between the two as dashed circles), \
        all waves side by side (waves.png) and a trend chart (trend.svg, trend.png). Files are \
        written all together or not at all, and replace the folder whole: an earlier run's files \
        there are gone; a folder holding files StaffGraph did not write is refused.

        Exit codes: 64 bad options (or -o DIR holds an input), 65 bad data (with file:line:column), \
        66 missing or unwritable file (or DIR holds files StaffGraph did not write), 70 Graphviz \
        failure, 74 output could not be written (disk full, standard output closed).

        Example: staffgraph compare Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice -o out/compare
        """
    )

    @Argument(help: ArgumentHelp("Edge-list CSV files, one per wave in order, or one file with a wave column.", valueName: "edges"))
    var edges: [String]

    @Option(name: [.customLong("nodes"), .customLong("roster")], help: ArgumentHelp("Roster CSV: an id column, attribute columns, responded_<wave> per wave (yes, no, absent). Repeat it, in the order of the files, for one roster per wave (as import survey writes them): their response columns are merged.", valueName: "roster"))
    var nodes: [String] = []

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @Option(help: ArgumentHelp("Wave names in order, comma-separated (Fall,Winter,Spring): one per file, or the waves of a file's wave column to compare, in this order.", valueName: "names"))
    var labels: String?

    @Option(help: ArgumentHelp("The relation to compare (default: the only one). For files without a relation column, the name of their ties.", valueName: "name"))
    var relation: String?

    @Option(help: ArgumentHelp("Roster column for the E-I index, modularity and map colours (default: team, if the roster has it; 'none' for no grouping).", valueName: "column"))
    var by: String?

    @Option(help: ArgumentHelp("Roster columns by which tie change is broken down, comma-separated (default: the --by column and role, when present).", valueName: "columns"))
    var breakdown: String?

    @Option(help: ArgumentHelp("Per-person measures for the people table, comma-separated metrics columns.", valueName: "list"))
    var measures: String = "in_degree,betweenness,pagerank"

    @Option(help: ArgumentHelp("Formal leaders: COLUMN=VALUE[,VALUE…] (they are never counted as new informal leaders; squares on the maps).", valueName: "rule"))
    var formal: FormalRoles?

    @Option(help: ArgumentHelp("Leaders are in this top share of the people present, by in-degree (0–1).", valueName: "share"))
    var topFraction: Double = 0.10

    @Option(help: ArgumentHelp("… and are named by at least this many people.", valueName: "n"))
    var minNominations: Int = 3

    @Option(help: ArgumentHelp("A rise or fall counts when in-degree changes by at least this much.", valueName: "n"))
    var minChange: Int = 3

    @Option(help: "Terminal output: table or json.")
    var format: OutputFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write every table, the maps and compare.json into this folder.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Image format of the maps with -o: png or svg (the trend chart is written as both).", valueName: "format"))
    var mapFormat: CompareMapFormat = .png

    @Flag(help: "With -o: write the tables and compare.json only, no maps.")
    var noMaps = false

    @Option(help: "Seed of the one layout all maps share.")
    var seed: Int = 1

    @OptionGroup var reading: EdgeReadingOptions

    @OptionGroup var parallel: ThreadOptions

    @OptionGroup(title: "Privacy") var privacy: PrivacyOptions

    /// The names given with --labels.
    var labelList: [String]? {
        labels.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
    }

    /// The measures named with --measures, in the order given.
    var measureList: [NodeMeasure] {
        var list: [NodeMeasure] = []
        for name in measures.split(separator: ",").map({ String($0).trimmingSpaces }) {
            if let m = NodeMeasure(rawValue: name), !list.contains(m) { list.append(m) }
        }
        return list
    }

    func validate() throws {
        if edges.isEmpty { throw ValidationError("give the edge files to compare: one per wave, or one file with a wave column") }
        if let list = labelList {
            if list.contains(where: \.isEmpty) { throw ValidationError("--labels has an empty name (got '\(labels ?? "")')") }
            if Set(list).count != list.count { throw ValidationError("--labels names a wave twice (got '\(labels ?? "")')") }
            if edges.count > 1 && list.count != edges.count {
                throw ValidationError("--labels names \(list.count) wave\(list.count == 1 ? "" : "s") for \(edges.count) files; give one name per file, in order")
            }
            if list.count < 2 { throw ValidationError("--labels needs at least two waves to compare") }
        }
        if !(topFraction > 0 && topFraction <= 1) { throw ValidationError("--top-fraction must be above 0 and at most 1") }
        if minNominations < 0 { throw ValidationError("--min-nominations must be 0 or more") }
        if minChange < 1 { throw ValidationError("--min-change must be 1 or more") }
        let names = measures.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        if names.isEmpty { throw ValidationError("--measures needs at least one metrics column, e.g. in_degree") }
        for name in names where NodeMeasure(rawValue: name) == nil {
            throw ValidationError("unknown measure '\(name)' in --measures; \(closestMatch(to: name, among: NodeMeasure.columnNames).map { "did you mean '\($0)'? " } ?? "")choose from: \(NodeMeasure.columnNames.joined(separator: ", "))")
        }
        if Set(edges).count != edges.count { throw ValidationError("the same edge file is given twice") }
        if nodes.count > 1 && edges.count > 1 && nodes.count != edges.count {
            throw ValidationError("--nodes is given \(nodes.count) times for \(edges.count) edge files; give one roster, or one per file in the same order")
        }
        if selection.per != nil && output == nil && format == .table && nodes.isEmpty {
            throw ValidationError("--per needs a roster (--nodes ROSTER) with that column")
        }
    }

    func run() async throws {
        let input = try reportingInputErrors { () throws -> CompareInput in
            let all = try load()
            // --anonymize: the whole roster's pseudonyms, applied after --where, before anything is computed.
            let breakdowns = breakdown?.split(separator: ",").map { String($0).trimmingSpaces } ?? []
            let columns: [(flag: String, column: String?)] = [("--by", by), ("--formal", formal?.column), ("--per", selection.per)]
                + selection.filters.map { ("--where", $0.column) } + breakdowns.map { ("--breakdown", $0) }
            let anonymization = try privacy.prepare(all.roster, columns: columns, file: rosterFile)
            guard let anonymization else { return try selected(all) }
            if let note = anonymization.droppedColumnsNote { printError("note: --anonymize: \(note)") }
            return try selected(all).anonymized(anonymization)
        }
        for note in input.notes { printError("note: \(note)") }
        // Refuse an output folder that holds an input before the work, not after it.
        if let output { try reportingInputErrors { try AtomicFileGroup.check(output) } }
        guard let per = selection.per else {
            let report = try reportingInputErrors { () throws -> CompareReport in try makeReport(input) }
            for note in report.notes { printError("note: \(note)") }
            let files = try await write(report, into: output, prefix: "")
            if let output { printError("wrote \(files.count) files to \(output): \(files.map(\.name).joined(separator: ", "))") }
            try printResult(format == .json ? report.json().rendered() + "\n" : report.table())
            return
        }
        // --per: one comparison per group, in group order.
        let (column, groups) = try reportingInputErrors { () throws -> (String, [(value: String, members: [Int])]) in
            try forOption("--per") { () throws(InputError) in try input.roster.groups(by: per, file: rosterFile) }
        }
        let stems = PerGroupRun.fileStems(groups.map(\.value))
        // The whole roster's values counted once for every group (their colours, say), not once per group.
        var whole = input
        whole.roster = input.roster.settlingPopulations()
        var reports: [CompareReport] = []
        var files: [(name: String, bytes: [UInt8])] = []
        for (k, group) in groups.enumerated() {
            let part = whole.restricted(to: group.members, description: "\(column) = \(group.value)")
            let report = try reportingInputErrors { () throws -> CompareReport in
                do { return try makeReport(part) } catch let error as InputError {
                    var e = error
                    e.message = "\(column) '\(group.value)': \(e.message)"
                    throw e
                }
            }
            for note in report.notes { printError("note: \(column) \(group.value): \(note)") }
            files += try await write(report, into: nil, prefix: stems[k] + "/")
            reports.append(report)
        }
        if let output {
            let rows = zip(groups, stems).map { [$0.0.value, String($0.0.members.count), $0.1 + "/"] }
            files.append(("index.csv", Array(CSVWriter.table(header: [column, "people", "folder"], rows: rows).utf8)))
            try reportingInputErrors { try AtomicFileGroup.write(files, into: output) }
            printError("wrote \(files.count) files for \(groups.count) groups to \(output) (one folder per \(column), index.csv)")
        }
        if format == .json {
            let objects = zip(groups, reports).map { group, report -> JSONValue in
                guard case .object(let fields) = report.json() else { return .null }
                return .object([("group", .string(group.value))] + fields)
            }
            try printResult(JSONValue.object([("per", .string(column)), ("groups", .array(objects))]).rendered() + "\n")
        } else {
            try printResult(zip(groups, reports).map { "== \(column) = \($0.0.value) (\($0.0.members.count) people) ==\n" + $0.1.table() }.joined(separator: "\n"))
        }
    }

    /// The comparison of `input` with this command's options: `--by`, `--breakdown` and
    /// `--formal` resolved against its roster (a usage error names the option).
    func makeReport(_ input: CompareInput) throws(InputError) -> CompareReport {
        let roster = input.roster
        let rosterFile = self.rosterFile
        func column(_ name: String, option: String) throws(InputError) -> (column: String, values: [String]) {
            let found = try forOption(option) { () throws(InputError) in try roster.column(named: name, file: rosterFile) }
            return (found.name, found.values)
        }
        // Grouping for E-I, modularity and colours: --by, else a team column.
        var group: (column: String, values: [String])?
        if let by, by.lowercased() != "none" {
            group = try column(by, option: "--by")
        } else if by == nil, let values = roster.attribute("team") {
            group = ("team", values)
        }
        var breakdowns: [(column: String, values: [String])] = []
        if let breakdown {
            for name in breakdown.split(separator: ",").map({ String($0).trimmingSpaces }).filter({ !$0.isEmpty }) where name.lowercased() != "none" {
                breakdowns.append(try column(name, option: "--breakdown"))
            }
        } else {
            if let group { breakdowns.append(group) }
            if group?.column != "role", let roles = roster.attribute("role") { breakdowns.append(("role", roles)) }
        }
        var formalRoles: (rule: ColumnValues, members: [Bool], resolved: RosterRule)?
        if let formal {
            let rule = try forOption("--formal") { () throws(InputError) in try roster.resolve(formal, file: rosterFile, requireEveryValue: input.selection.isEmpty) }
            formalRoles = (formal, rule.members(of: roster), rule)
        }
        let options = CompareReport.Options(
            group: group, breakdowns: breakdowns, formal: formalRoles, measures: measureList,
            criteria: LeaderChangeCriteria(topFraction: topFraction, minimumNominations: minNominations, minimumChange: minChange),
            threads: parallel.threadCount)
        return CompareReport(input: input, options: options) { step, run in withProgress(step) { run($0) } }
    }

    /// The roster's path for messages (the first roster), or the first edge file's.
    var rosterFile: String { nodes.first ?? edges[0] }

    /// `input` narrowed by `--where`, after checking `--formal` against the whole roster.
    func selected(_ input: CompareInput) throws(InputError) -> CompareInput {
        if let formal { _ = try forOption("--formal") { () throws(InputError) in try input.roster.resolve(formal, file: rosterFile) } }
        guard !selection.filters.isEmpty else { return input }
        var keep = [Bool](repeating: true, count: input.roster.count)
        var descriptions: [String] = []
        for filter in selection.filters {
            let rule = try forOption("--where") { () throws(InputError) in try input.roster.resolve(filter, file: rosterFile) }
            for (person, member) in rule.members(of: input.roster).enumerated() where !member { keep[person] = false }
            descriptions.append(rule.description)
        }
        let members = keep.indices.filter { keep[$0] }
        if members.isEmpty {
            throw InputError(.usage, file: rosterFile, "--where: no one on the roster matches all of: \(descriptions.joined(separator: "; "))")
        }
        return input.restricted(to: members, description: descriptions.joined(separator: "; "))
    }

    /// The report's files (with `-o`: written into `output` at once; else returned for the caller
    /// to write), each name prefixed with `prefix` (a group's folder).
    func write(_ report: CompareReport, into output: String?, prefix: String) async throws -> [(name: String, bytes: [UInt8])] {
        guard output != nil || !prefix.isEmpty, self.output != nil else { return [] }
        var files: [(name: String, bytes: [UInt8])] = [
            ("compare.json", Array((report.json().rendered() + "\n").utf8)),
            ("trend.csv", Array(report.trendCSV().utf8)),
            ("pairs.csv", Array(report.pairsCSV().utf8)),
            ("people.csv", Array(report.peopleCSV().utf8)),
            ("ties.csv", Array(report.tiesCSV().utf8)),
        ]
        if !noMaps {
            do {
                files += try await CompareMaps(report: report, options: self).render()
            } catch let error as RenderError {
                printError(error.description)
                throw ExitCode(70)
            }
        }
        files = files.map { (prefix + $0.name, $0.bytes) }
        if let output { try reportingInputErrors { try AtomicFileGroup.write(files, into: output) } }
        return files
    }

    // MARK: - Reading the waves

    /// Reads the roster and every wave of the chosen relation over one roster.
    func load() throws(InputError) -> CompareInput {
        var notes: [String] = []
        let given = try rosters(notes: &notes)
        // (file, wave label, layers of the file, the wave each layer holds in the file)
        var sources: [(file: String, label: String, dataWave: String?, network: Network, report: ImportReport)] = []

        if edges.count == 1 {
            let file = edges[0]
            let imported = try EdgeListReader.read(file, roster: given, options: reading.edgeListOptions(relation: relation, wave: nil))
            let network = imported.network
            let waves = network.waves
            if waves.count < 2 {
                throw InputError(.usage, file: file, waves.isEmpty ? "compare needs two or more waves, and this file has no wave column"
                                                                   : "compare needs two or more waves, and this file has only wave '\(waves[0])'",
                                 hint: "give one file per wave (staffgraph compare fall.csv winter.csv spring.csv --labels fall,winter,spring), or one file with a wave column")
            }
            let chosen: [(label: String, data: String)]
            if let list = labelList {
                chosen = try list.map { label throws(InputError) in
                    if waves.contains(label) { return (label, label) }
                    if let match = waves.first(where: { $0.lowercased() == label.lowercased() }) { return (label, match) }
                    throw InputError(.usage, file: file, "--labels names wave '\(label)', which the file does not have",
                                     hint: "its waves are: \(waves.joined(separator: ", "))")
                }
            } else {
                chosen = waves.map { ($0, $0) }
            }
            for (label, data) in chosen { sources.append((file, label, data, network, imported.report)) }
        } else {
            let provisional = labelList ?? Compare.waveNames(forFiles: edges)
            // Read every file over one growing roster, then re-read the files read before it grew.
            var roster = given
            // Without a roster, every file adds the people it names to those of the files before.
            let unknownAllowed = given == nil
            var imports: [EdgeListImport] = []
            for (k, file) in edges.enumerated() {
                let imported = try EdgeListReader.read(file, roster: roster, options: reading.edgeListOptions(relation: relation, wave: provisional[k], allowUnknown: unknownAllowed))
                roster = imported.network.roster
                imports.append(imported)
            }
            if let final = roster {
                let fixed = given == nil ? Roster(ids: final.ids) : final
                for k in imports.indices where imports[k].network.roster.count != fixed.count || given == nil {
                    var reread = try EdgeListReader.read(edges[k], roster: fixed, options: reading.edgeListOptions(relation: relation, wave: provisional[k], allowUnknown: unknownAllowed))
                    // Ids added while reading are reported once, from the first reading (none without a roster).
                    reread.report.addedIDs = given == nil ? [] : imports[k].report.addedIDs
                    imports[k] = reread
                }
            }
            // Without --labels, files that each hold one wave of their own are named by it.
            var names = provisional
            let fileWaves = imports.map(\.network.waves)
            if labelList == nil, fileWaves.allSatisfy({ $0.count == 1 }), Set(fileWaves.map { $0[0] }).count == edges.count {
                names = fileWaves.map { $0[0] }
            }
            for (k, file) in edges.enumerated() {
                let network = imports[k].network
                let waves = network.waves
                if waves.count > 1 {
                    throw InputError(.usage, file: file, "this file holds several waves (\(waves.joined(separator: ", "))), and compare reads one wave per file when given several files",
                                     hint: "give this file alone (its wave column orders the waves), or one file per wave")
                }
                if let w = waves.first, w != names[k] { notes.append("\(file): its wave column says '\(w)'; compared as wave '\(names[k])'") }
                sources.append((file, names[k], waves.first, network, imports[k].report))
            }
        }

        // One roster for all: the last network's (the same for every file after re-reading).
        guard var roster = sources.last?.network.roster else {
            throw InputError(.usage, file: edges[0], "no waves to compare")
        }
        // --codebook: the labels, as if the roster held them.
        let (labelled, codebookNotes) = try reading.applyCodebook(to: roster, showingValues: !privacy.isOn)
        roster = labelled
        notes += codebookNotes
        // The relation.
        var relations: [String] = []
        for s in sources { for r in s.network.relations where !relations.contains(r) { relations.append(r) } }
        let chosenRelation: String
        if let relation {
            guard relations.contains(relation) else {
                throw InputError(.usage, file: edges[0], "no ties for relation '\(relation)'",
                                 hint: relations.isEmpty ? "the files have no ties" : "the files have: \(relations.joined(separator: ", "))")
            }
            chosenRelation = relation
        } else if relations.count == 1 {
            chosenRelation = relations[0]
        } else {
            throw InputError(.usage, file: edges[0], relations.isEmpty ? "the files have no ties" : "compare looks at one relation at a time, and the files have \(relations.count)",
                             hint: relations.isEmpty ? "check the files" : "choose one with --relation: \(relations.joined(separator: ", "))")
        }

        // Response columns, keyed by the wave names.
        let responseWaves = roster.responseWaves
        let plain = roster.responses(wave: nil)
        func responses(_ label: String, _ data: String?) -> (values: [ResponseStatus?]?, column: String?) {
            let candidates = [label] + (data.map { [$0] } ?? [])
            for c in candidates where responseWaves.contains(c) { return (roster.responses(wave: c), "responded_\(c)") }
            for c in candidates {
                if let w = responseWaves.first(where: { $0.lowercased() == c.lowercased() }) { return (roster.responses(wave: w), "responded_\(w)") }
            }
            return (plain, plain == nil ? nil : "responded")
        }
        var waves: [CompareInput.Wave] = []
        for s in sources {
            let (values, column) = responses(s.label, s.dataWave)
            let layer = s.network.layer(LayerKey(relation: chosenRelation, wave: s.dataWave))
            if layer == nil { notes.append("\(s.file): no \(chosenRelation) ties in wave \(s.label)") }
            waves.append(.init(label: s.label, file: s.file, graph: layer?.graph ?? Graph(isolates: roster.count),
                               responses: values, responseColumn: column, buildReport: layer?.buildReport ?? BuildReport()))
        }
        if given != nil, !responseWaves.isEmpty {
            let missing = waves.filter { $0.responseColumn == nil }.map(\.label)
            if missing.count == waves.count {
                throw InputError(.usage, file: rosterFile, "the roster has response columns for waves \(responseWaves.joined(separator: ", ")), but none for the waves compared (\(waves.map(\.label).joined(separator: ", ")))",
                                 hint: "name the waves like the roster with --labels \(responseWaves.joined(separator: ","))")
            }
            if !missing.isEmpty {
                notes.append("the roster has no responded_<wave> column for \(missing.joined(separator: ", ")): everyone counts as on staff and answering there")
            }
        }
        // What the import set aside, once per file.
        var seen = Set<String>()
        for s in sources where seen.insert(s.file).inserted {
            // The shared import notes (rows set aside, repeated ties merged, self-loops dropped …).
            for note in s.report.notes(minimumWeight: reading.minWeight) { notes.append("\(s.file): \(note)") }
        }
        if given == nil {
            notes.append("no roster (--nodes): the people are those in the files (\(roster.count)); anyone with no tie in any wave is missing, and everyone counts as on staff and answering in every wave")
        }
        for wave in waves where wave.responseColumn != nil && !(wave.responses?.contains { $0 != nil } ?? false) {
            notes.append("wave \(wave.label): the roster's \(wave.responseColumn ?? "response") column is empty, so who answered is not known for this wave (give that wave's roster with --nodes, in the order of the files)")
        }
        return CompareInput(roster: roster, relation: chosenRelation, waves: waves, notes: notes, rosterGiven: given != nil)
    }

    /// The roster: the one given, the per-wave rosters given (or found as
    /// roster.csv beside each edge file) merged, or `nil` without any.
    func rosters(notes: inout [String]) throws(InputError) -> Roster? {
        var paths = nodes
        if paths.isEmpty && edges.count > 1 {
            let beside = edges.map { file -> String in
                guard let slash = file.lastIndex(of: "/") else { return "roster.csv" }
                return String(file[...slash]) + "roster.csv"
            }
            if Set(beside).count == edges.count && beside.allSatisfy(fileExists) {
                paths = beside
                notes.append("rosters found beside the edge files: \(beside.joined(separator: ", ")) (merged; give --nodes to choose others)")
            }
        }
        guard !paths.isEmpty else { return nil }
        let names = labelList ?? (edges.count > 1 ? Compare.waveNames(forFiles: edges) : [])
        var parts: [RosterMerge.Part] = []
        for (k, path) in paths.enumerated() {
            let roster = try reading.readRoster(path)
            parts.append(RosterMerge.Part(roster: roster, file: path, wave: paths.count == edges.count && k < names.count ? names[k] : nil))
        }
        let merged = RosterMerge.merge(parts)
        notes += merged.notes
        return merged.roster
    }

    /// Wave names for files: their names without folder and extension, and
    /// without the prefix and suffix all share up to a separator (`_`, `-`,
    /// `.`, space): `edges_friendship_w1.csv`, `…_w2.csv` → `w1`, `w2`;
    /// `fall.csv`, `spring.csv` → `fall`, `spring`.
    static func waveNames(forFiles files: [String]) -> [String] {
        let stems = files.map { path -> String in
            var name = Substring(path)
            if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
            if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
            return String(name)
        }
        guard stems.count > 1 else { return stems }
        let separators: Set<Character> = ["_", "-", ".", " "]
        func commonPrefix(_ words: [[Character]]) -> Int {
            var k = 0
            while words.allSatisfy({ k < $0.count }) && words.allSatisfy({ $0[k] == words[0][k] }) { k += 1 }
            return k
        }
        let chars = stems.map(Array.init)
        // Cut after the last separator within the common prefix.
        var prefix = commonPrefix(chars)
        while prefix > 0 && !separators.contains(chars[0][prefix - 1]) { prefix -= 1 }
        let reversed = chars.map { Array($0.reversed()) }
        var suffix = commonPrefix(reversed)
        while suffix > 0 && !separators.contains(reversed[0][suffix - 1]) { suffix -= 1 }
        let names = chars.map { c -> String in
            let end = c.count - suffix
            return end > prefix ? String(c[prefix ..< end]) : String(c)
        }
        if Set(names).count == names.count && !names.contains(where: \.isEmpty) { return names }
        if Set(stems).count == stems.count { return stems }
        // The same file name in several folders (fall/edges.csv, winter/edges.csv): the folders' names.
        let folders = files.map { path -> String in
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            return parts.count >= 2 ? String(parts[parts.count - 2]) : path
        }
        return Set(folders).count == folders.count ? folders : files
    }
}

/// Whether a regular file exists at `path`.
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}
