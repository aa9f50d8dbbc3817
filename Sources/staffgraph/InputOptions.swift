import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Options shared by every command that reads a network.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Edge-list CSV: a header with source and target columns; optional weight, relation, wave.", valueName: "edges"))
    var edges: String

    @Option(name: [.customLong("nodes"), .customLong("roster")], help: ArgumentHelp("Roster CSV: an id column, any attribute columns, optional responded or responded_<wave>.", valueName: "roster"))
    var nodes: String?

    @Option(help: ArgumentHelp("Only this relation (advice, collaboration …). For a file without a relation column, the name to give its ties.", valueName: "name"))
    var relation: String?

    @Option(help: ArgumentHelp("Only this wave (fall, spring …). For a file without a wave column, the wave its ties belong to.", valueName: "name"))
    var wave: String?

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @OptionGroup var reading: EdgeReadingOptions

    @OptionGroup(title: "Memberships") var membershipInput: MembershipInputOptions

    @OptionGroup var parallel: ThreadOptions

    @OptionGroup(title: "Privacy") var privacy: PrivacyOptions

    /// `--min-weight`, if given.
    var minWeight: Double? { reading.minWeight }

    /// `--threads`, if given.
    var threads: Int? { parallel.threads }

    /// `--threads`, or every core.
    var threadCount: Int { parallel.threadCount }

    /// Reads the roster and the edge list (with a progress bar on a terminal when it
    /// takes over a second), and applies `--codebook` to the roster (printing its notes).
    func load() throws(InputError) -> EdgeListImport {
        let roster = try nodes.map { path throws(InputError) in try reading.readRoster(path) }
        var options = reading.edgeListOptions(relation: relation, wave: wave)
        options.threads = threadCount   // parses a large plain file in parallel; the result does not depend on it
        let file = edges
        let label = "reading \(file.split(separator: "/").last.map(String.init) ?? file)"
        var imported = try withProgress(label) { (progress) throws(InputError) in
            try EdgeListReader.read(file, roster: roster, options: options, progress: progress)
        }
        // --codebook: the labels, as if the roster held them, before anything selects or groups people.
        let (labelled, notes) = try reading.applyCodebook(to: imported.network.roster, showingValues: !privacy.isOn)
        imported.network.roster = labelled
        for note in notes { printError("note: \(note)") }
        // --memberships, --memberships-column: the relations shared:NAME … (MembershipOptions.swift).
        return try membershipInput.adding(to: imported, allowUnknown: reading.allowUnknown, rosterFile: rosterFile, showingIDs: !privacy.isOn)
    }

    /// The layers selected by `--relation` and `--wave`, or an error listing what there is.
    func selectedLayers(of network: Network) throws(InputError) -> [Layer] {
        let layers = network.layers(relation: relation, wave: wave)
        if layers.isEmpty {
            let available = network.layers.map { "'\($0.key.description)'" }.joined(separator: "; ")
            throw InputError(.usage, file: edges, "no ties for \(relation.map { "relation '\($0)'" } ?? "")\(relation != nil && wave != nil ? " and " : "")\(wave.map { "wave '\($0)'" } ?? "")",
                             hint: available.isEmpty ? "the file has no ties" : "the file has: \(available)")
        }
        return layers
    }

    /// Reads the network (narrowed by `--where`), prints the import notes, and
    /// runs `analyse` on it, or with `--per` on every group in parallel; prints
    /// or writes (`output`) the result in `format` ("table", "json" or "csv").
    /// With `--per`, `output` is a folder: one file per group and index.csv.
    /// `rules` (`--formal` …) are checked against the whole roster first.
    /// `columns` (flag, the roster column it names) are the command's other
    /// options that name columns, which `--anonymize` checks. `pseudonymise`
    /// false keeps roster order and ids under `--anonymize` (for an output that
    /// names nobody); `extend` adds to the network as read, before `--where`
    /// and `--per` narrow it (``loadSelected(rules:columns:pseudonymise:extending:)``).
    func runAnalysis(format: String, output: String?, rules: [(flag: String, rule: ColumnValues)] = [],
                     columns: [(flag: String, column: String?)] = [], pseudonymise: Bool = true,
                     extending extend: (inout EdgeListImport) throws(InputError) -> Void = { _ throws(InputError) in },
                     _ analyse: @Sendable (Network, Int) throws(InputError) -> CommandOutput) throws(InputError) {
        let imported = try loadSelected(rules: rules, columns: columns, pseudonymise: pseudonymise, extending: extend)
        let network = imported.network
        for note in notes(for: imported.report, network: network) { printError("note: \(note)") }
        // Refuse an output that would overwrite an input before the work, not after it.
        if let output { if selection.per != nil { try AtomicFileGroup.check(output) } else { try AtomicFile.check(output) } }
        if let per = selection.per {
            let run = try PerGroupRun(network, column: per, rosterFile: rosterFile)
            let outputs = try run.map(threads: threadCount, analyse)
            for note in run.notes(outputs) { printError("note: \(note)") }
            if let output {
                // -o DIR: one file per group, and index.csv, all or nothing.
                let stems = PerGroupRun.fileStems(run.groups.map(\.value))
                let ext = format == "table" ? "txt" : format
                var files = zip(stems, outputs).map { (name: "\($0.0).\(ext)", bytes: Array($0.1.text.utf8)) }
                files.append(run.index(files: files.map(\.name)))
                try AtomicFileGroup.write(files, into: output)
                printError("wrote \(files.count - 1) files and index.csv to \(output)")
            } else {
                try StandardOutput.write(run.combine(outputs, format: format))
            }
        } else {
            let result = try analyse(network, threadCount)
            for note in result.notes { printError("note: \(note)") }
            try emit(result.text, to: output)
        }
    }

    /// Notes about rows the import did not turn into ties, for standard error.
    func notes(for report: ImportReport, network: Network) -> [String] {
        var notes = report.notes(minimumWeight: minWeight)
        if nodes != nil, wave == nil, network.waves.isEmpty, network.roster.responses(wave: nil) == nil, !network.roster.responseWaves.isEmpty {
            notes.append("the roster has response columns for waves \(network.roster.responseWaves.joined(separator: ", ")); pass --wave to use one")
        }
        return notes
    }
}

/// How edge lists and rosters are read: thresholds, merging, column names,
/// separator. Shared by every command that reads edge lists.
struct EdgeReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep only ties whose weight is at least this (applied after merging, before any measure).", valueName: "w"))
    var minWeight: Double?

    @Option(help: ArgumentHelp("How repeated ties between the same two people are merged: max, sum or last.", valueName: "rule"))
    var merge: ParallelTieRule = .max

    @Flag(help: "Keep ties from a person to themselves (dropped and counted by default).")
    var keepSelfLoops = false

    @Flag(help: "Add ids missing from the roster as people not on it, instead of stopping with an error.")
    var allowUnknown = false

    @Option(help: ArgumentHelp("Name of the source column, if not source/from/ego/sender.", valueName: "name"))
    var sourceColumn: String?
    @Option(help: ArgumentHelp("Name of the target column, if not target/to/alter/receiver.", valueName: "name"))
    var targetColumn: String?
    @Option(help: ArgumentHelp("Name of the weight column, if not weight/value/frequency.", valueName: "name"))
    var weightColumn: String?
    @Option(help: ArgumentHelp("Name of the relation column, if not relation/type.", valueName: "name"))
    var relationColumn: String?
    @Option(help: ArgumentHelp("Name of the wave column, if not wave/time/period.", valueName: "name"))
    var waveColumn: String?
    @Option(help: ArgumentHelp("Name of the roster's id column, if not id.", valueName: "name"))
    var idColumn: String?

    @Option(help: ArgumentHelp("Field separator: comma, semicolon or tab (detected from the header by default).", valueName: "sep"))
    var delimiter: Delimiter?

    @Option(help: ArgumentHelp("Codebook CSV with the header column,value,label: readable labels for coded roster values (office 1 → Boston), used as if the roster held them, in every table, legend, map and file. An empty label makes a value missing.", valueName: "file"))
    var codebook: String?

    func validate() throws {
        if let minWeight, !(minWeight.isFinite) {
            throw ValidationError("--min-weight must be a finite number")
        }
    }

    /// The options that only a CSV edge list can honour, by their flags, when given.
    var csvOnlyOptions: [String] {
        [("--source-column", sourceColumn), ("--target-column", targetColumn), ("--weight-column", weightColumn),
         ("--relation-column", relationColumn), ("--wave-column", waveColumn), ("--delimiter", delimiter?.rawValue)]
            .compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// The reader's options; `relation` and `wave` name the ties of a file without those columns.
    func edgeListOptions(relation: String?, wave: String?, allowUnknown alsoAllow: Bool = false) -> EdgeListOptions {
        var options = EdgeListOptions()
        options.sourceColumn = sourceColumn
        options.targetColumn = targetColumn
        options.weightColumn = weightColumn
        options.relationColumn = relationColumn
        options.waveColumn = waveColumn
        options.relation = relation
        options.wave = wave
        options.delimiter = delimiter?.byte
        options.allowUnknown = allowUnknown || alsoAllow
        options.parallelTies = merge
        options.selfLoops = keepSelfLoops ? .keep : .drop
        options.minimumWeight = minWeight
        return options
    }

    /// Reads a roster with the `--id-column` given.
    func readRoster(_ path: String) throws(InputError) -> Roster {
        try RosterReader.read(path, idColumn: idColumn, delimiter: nil)
    }

    /// `roster` with `--codebook`'s labels (unchanged without one), and the notes
    /// saying what changed. `showingValues` false keeps roster values out of the
    /// notes (under `--anonymize`).
    func applyCodebook(to roster: Roster, showingValues: Bool) throws(InputError) -> (roster: Roster, notes: [String]) {
        guard let codebook else { return (roster, []) }
        let (labelled, report) = try Codebook.read(codebook).apply(to: roster)
        return (labelled, report.notes(showingValues: showingValues))
    }
}

/// `--threads`, for every command that computes measures.
struct ThreadOptions: ParsableArguments {
    // `.unconditional`: `--threads -1` reaches validate() (and its message) instead of
    // ArgumentParser reading "-1" as an option and saying the value is missing.
    @Option(parsing: .unconditional, help: ArgumentHelp("Threads for the measures that run in parallel (default: every core). Results are the same for any number.", valueName: "n"))
    var threads: Int?

    /// `--threads`, or every core.
    var threadCount: Int { threads ?? Parallelism.defaultThreads }

    func validate() throws {
        if let threads, threads < 1 {
            throw ValidationError("--threads must be 1 or more")
        }
    }
}

/// A field separator named on the command line.
enum Delimiter: String, ExpressibleByArgument, CaseIterable {
    case comma, semicolon, tab

    var byte: UInt8 {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .semicolon: return UInt8(ascii: ";")
        case .tab: return 9
        }
    }
}

extension ParallelTieRule: ExpressibleByArgument {}

/// Output formats for tables.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension String {
    /// The text with every occurrence of `target` replaced by `replacement`
    /// (for wording a library note in the command line's terms).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
