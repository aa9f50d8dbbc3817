import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

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
        people were on staff both times (RSiena; MEASURES.md). Over those cells: stable, new and \
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

        Without -o: a report on the terminal (--format table|json; the JSON is compare.json). \
        With -o DIR: compare.json, trend.csv, pairs.csv, people.csv, ties.csv (every tie that \
        changed, with its status), one map per wave with everyone in the same place \
        (map_<wave>.png; people not on staff that wave as dashed circles), a difference map per \
        pair (diff_<from>_<to>.png: new ties blue, dissolved dashed orange, stable thin grey), \
        all waves side by side (waves.png) and a trend chart (trend.svg, trend.png). Files are \
        written all together or not at all.

        Exit codes: 64 bad options, 65 bad data (with file:line:column), 66 missing or unwritable \
        file, 70 Graphviz failure.

        Example: staffgraph compare Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice -o out/compare
        """
    )

    @Argument(help: ArgumentHelp("Edge-list CSV files, one per wave in order, or one file with a wave column.", valueName: "edges"))
    var edges: [String]

    @Option(name: [.customLong("nodes"), .customLong("roster")], help: ArgumentHelp("Roster CSV: an id column, attribute columns, responded_<wave> per wave (yes, no, absent).", valueName: "roster"))
    var nodes: String?

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
            throw ValidationError("unknown measure '\(name)' in --measures; choose from: \(NodeMeasure.columnNames.joined(separator: ", "))")
        }
        if Set(edges).count != edges.count { throw ValidationError("the same edge file is given twice") }
    }

    func run() async throws {
        let (input, report) = try reportingInputErrors { () throws -> (CompareInput, CompareReport) in
            let input = try load()
            let report = try CompareReport(input: input, options: self)
            return (input, report)
        }
        for note in input.notes + report.notes { printError("note: \(note)") }
        let document = report.json().rendered() + "\n"
        guard let output else {
            print(format == .json ? document : report.table(), terminator: "")
            return
        }
        var files: [(name: String, bytes: [UInt8])] = [
            ("compare.json", Array(document.utf8)),
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
        try reportingInputErrors { try AtomicFileGroup.write(files, into: output) }
        printError("wrote \(files.count) files to \(output): \(files.map(\.name).joined(separator: ", "))")
        if format == .json { print(document, terminator: "") } else { print(report.table(), terminator: "") }
    }

    // MARK: - Reading the waves

    /// Reads the roster and every wave of the chosen relation over one roster.
    func load() throws(InputError) -> CompareInput {
        let given = try nodes.map { path throws(InputError) in try reading.readRoster(path) }
        var notes: [String] = []
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
            let names = labelList ?? Compare.waveNames(forFiles: edges)
            // Read every file over one growing roster, then re-read the files read before it grew.
            var roster = given
            // Without a roster, every file adds the people it names to those of the files before.
            let unknownAllowed = given == nil
            var imports: [EdgeListImport] = []
            for (k, file) in edges.enumerated() {
                let imported = try EdgeListReader.read(file, roster: roster, options: reading.edgeListOptions(relation: relation, wave: names[k], allowUnknown: unknownAllowed))
                roster = imported.network.roster
                imports.append(imported)
            }
            if let final = roster {
                let fixed = given == nil ? Roster(ids: final.ids) : final
                for k in imports.indices where imports[k].network.roster.count != fixed.count || given == nil {
                    var reread = try EdgeListReader.read(edges[k], roster: fixed, options: reading.edgeListOptions(relation: relation, wave: names[k], allowUnknown: unknownAllowed))
                    // Ids added while reading are reported once, from the first reading (none without a roster).
                    reread.report.addedIDs = given == nil ? [] : imports[k].report.addedIDs
                    imports[k] = reread
                }
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
        guard let roster = sources.last?.network.roster else {
            throw InputError(.usage, file: edges[0], "no waves to compare")
        }
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
        if nodes != nil, !responseWaves.isEmpty {
            let missing = waves.filter { $0.responseColumn == nil }.map(\.label)
            if missing.count == waves.count {
                throw InputError(.usage, file: nodes ?? edges[0], "the roster has response columns for waves \(responseWaves.joined(separator: ", ")), but none for the waves compared (\(waves.map(\.label).joined(separator: ", ")))",
                                 hint: "name the waves like the roster with --labels \(responseWaves.joined(separator: ","))")
            }
            if !missing.isEmpty {
                notes.append("the roster has no responded_<wave> column for \(missing.joined(separator: ", ")): everyone counts as on staff and answering there")
            }
        }
        // What the import set aside, once per file.
        var seen = Set<String>()
        for s in sources where seen.insert(s.file).inserted {
            let r = s.report
            if r.zeroWeightRows > 0 { notes.append("\(s.file): \(r.zeroWeightRows) row\(r.zeroWeightRows == 1 ? "" : "s") with weight 0 are not ties") }
            if r.rowsWithoutTarget > 0 { notes.append("\(s.file): \(r.rowsWithoutTarget) row\(r.rowsWithoutTarget == 1 ? "" : "s") with no target") }
            if r.tiesBelowMinimumWeight > 0 { notes.append("\(s.file): \(r.tiesBelowMinimumWeight) ties below --min-weight removed") }
            if !r.addedIDs.isEmpty {
                notes.append("\(s.file): \(r.addedIDs.count) id\(r.addedIDs.count == 1 ? "" : "s") not on the roster added (\(r.addedIDs.prefix(5).joined(separator: ", "))\(r.addedIDs.count > 5 ? ", …" : ""))")
            }
        }
        if nodes == nil {
            notes.append("no roster (--nodes): the people are those in the files (\(roster.count)); anyone with no tie in any wave is missing, and everyone counts as on staff and answering in every wave")
        }
        return CompareInput(roster: roster, relation: chosenRelation, waves: waves, notes: notes, rosterGiven: nodes != nil)
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
        return Set(names).count == names.count && !names.contains(where: \.isEmpty) ? names : stems
    }
}

/// The waves `compare` reads: one relation over one roster.
struct CompareInput {
    /// One wave as read.
    struct Wave {
        var label: String
        var file: String
        var graph: Graph
        var responses: [ResponseStatus?]?
        var responseColumn: String?
        var buildReport: BuildReport
    }

    var roster: Roster
    var relation: String
    var waves: [Wave]
    var notes: [String]
    var rosterGiven: Bool
}
