import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

extension ColumnValues: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// `--formal COLUMN=VALUE[,VALUE…]`: the roster column and the values that mark a formal leader.
typealias FormalRoles = ColumnValues

/// `--where` and `--per`: which people a command looks at, and whether it runs
/// once per group. Every analysing command has them (one name, one meaning:
/// `--by` names the partition used inside one analysis).
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only people whose roster COLUMN holds one of the VALUEs (case and accents ignored); repeat to narrow further (all must hold). The ties among them are analysed.",
        valueName: "column=value[,value…]"))
    var filters: [ColumnValues] = []

    @Option(help: ArgumentHelp("Run once for each value of this roster column (each school, each team), in parallel; output per group.", valueName: "column"))
    var per: String?
}

/// Runs `body`, prefixing the message of any ``InputError`` it throws with the
/// option it concerns ("--where: …").
func forOption<T>(_ flag: String, _ body: () throws(InputError) -> T) throws(InputError) -> T {
    do {
        return try body()
    } catch {
        var e = error
        e.message = "\(flag): \(e.message)"
        throw e
    }
}

extension InputOptions {
    /// The roster's path for messages, or the edge list's when there is none.
    var rosterFile: String { nodes ?? edges }

    /// The network read, narrowed by `--where` (a usage error names an unknown
    /// column or value with the closest one), after checking `rules` (`--formal` …)
    /// against the whole roster; under `--anonymize` pseudonymised (unless not
    /// `pseudonymise`), after checking that no option in `columns`, `rules`,
    /// `--where` or `--per` names an identifying column (``loadSelectedAnonymized(rules:columns:pseudonymise:extending:)``).
    /// `extend` adds to the network as read, before anything selects people
    /// (e.g. the ties of other files, so that `--where` and `--per` narrow them too).
    func loadSelected(rules: [(flag: String, rule: ColumnValues)] = [], columns: [(flag: String, column: String?)] = [],
                      pseudonymise: Bool = true,
                      extending extend: (inout EdgeListImport) throws(InputError) -> Void = { _ throws(InputError) in })
        throws(InputError) -> EdgeListImport {
        try loadSelectedAnonymized(rules: rules, columns: columns, pseudonymise: pseudonymise, extending: extend).imported
    }

    /// `read` narrowed by `--where`, after checking `rules` against the whole roster.
    func loadSelected(_ read: EdgeListImport, rules: [(flag: String, rule: ColumnValues)]) throws(InputError) -> EdgeListImport {
        var imported = read
        for (flag, rule) in rules { _ = try resolve(rule, in: imported.network, flag: flag) }
        if !selection.filters.isEmpty {
            if nodes == nil {
                throw InputError(.usage, file: edges, "--where selects people by a roster column, and no roster was given",
                                 hint: "add --nodes ROSTER with the column (e.g. school, team)")
            }
            let file = rosterFile
            imported.network = try forOption("--where") { () throws(InputError) in try imported.network.selecting(selection.filters, rosterFile: file) }
        }
        return imported
    }

    /// Resolves `--formal` (or another rule) against the roster of `network`, as a usage error
    /// naming the flag. In a selection (`--where`, a `--per` group) a value that only people
    /// outside it hold is fine: ``runAnalysis(format:output:check:_:)`` checked the whole roster.
    func resolve(_ rule: ColumnValues, in network: Network, flag: String) throws(InputError) -> RosterRule {
        let file = rosterFile
        return try forOption(flag) { () throws(InputError) in
            try network.roster.resolve(rule, file: file, requireEveryValue: network.selection.isEmpty)
        }
    }
}

/// What one run of an analysing command produced for one network, in the
/// format chosen: the text, and the parts `--per` assembles across groups.
struct CommandOutput: Sendable {
    /// The output as one run prints or writes it.
    var text: String
    /// The JSON document, when the format is JSON.
    var json: JSONValue?
    /// The CSV table, when the format is CSV.
    var csv: (header: [String], rows: [[String]])?
    /// Notes for standard error.
    var notes: [String] = []

    init(text: String, json: JSONValue? = nil, csv: (header: [String], rows: [[String]])? = nil, notes: [String] = []) {
        self.text = text
        self.json = json
        self.csv = csv
        self.notes = notes
    }
}

/// `--per COLUMN`: the network of each group of the column, a command run on
/// each, and the outputs put together.
struct PerGroupRun {
    /// The column as the roster spells it.
    let column: String
    /// Group values in ascending order (people without a value last).
    let groups: [(value: String, network: Network)]

    /// The groups of `column` in `network` (after `--where`).
    init(_ network: Network, column name: String, rosterFile: String) throws(InputError) {
        let (column, groups) = try forOption("--per") { () throws(InputError) in try network.roster.groups(by: name, file: rosterFile) }
        self.column = column
        let networks = network.restricted(toGroups: groups.map { ($0.members, "\(column) = \($0.value)") })
        self.groups = zip(groups, networks).map { ($0.0.value, $0.1) }
    }

    /// Runs `body` on every group, in parallel across groups (each group on one
    /// thread, so any thread count gives the same output); results in group order.
    /// The first error, in group order, is thrown with the group named.
    func map<T: Sendable>(threads: Int, _ body: @Sendable (Network, Int) throws(InputError) -> T) throws(InputError) -> [T] {
        let groups = self.groups.map(\.network)
        let inner = groups.count == 1 ? threads : 1
        let results = withProgress("\(column): \(groups.count) groups") { progress in
            let done = ProgressCounter(progress, total: groups.count)
            return parallelChunks(count: groups.count, chunks: groups.count, threads: threads) { range -> [Result<T, InputError>] in
                let out = range.map { g in Result { () throws(InputError) -> T in try body(groups[g], inner) } }
                done?.add(range.count)
                return out
            }.flatMap { $0 }
        }
        var values: [T] = []
        for (g, result) in results.enumerated() {
            switch result {
            case .success(let value): values.append(value)
            case .failure(var error):
                error.message = "\(column) '\(self.groups[g].value)': \(error.message)"
                throw error
            }
        }
        return values
    }

    /// The outputs of every group as one: JSON `{"per": COLUMN, "groups": [{"group": …, then the
    /// run's keys}]}`; CSV with a first column `group`; text as one section per group.
    func combine(_ outputs: [CommandOutput], format: String) -> String {
        switch format {
        case "json":
            let objects = zip(groups, outputs).map { group, output -> JSONValue in
                if case .object(let fields)? = output.json { return .object([("group", .string(group.value))] + fields) }
                return .object([("group", .string(group.value)), ("result", output.json ?? .null)])
            }
            return JSONValue.object([("per", .string(column)), ("groups", .array(objects))]).rendered() + "\n"
        case "csv":
            // The union of the groups' columns in order of first appearance (groups
            // may differ, e.g. one density_to_<team> column per team of a school).
            var header: [String] = []
            for output in outputs { for name in output.csv?.header ?? [] where !header.contains(name) { header.append(name) } }
            let position = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset) })
            var rows: [[String]] = []
            for (group, output) in zip(groups, outputs) {
                guard let table = output.csv else { continue }
                for row in table.rows {
                    var cells = [String](repeating: "", count: header.count)
                    for (name, cell) in zip(table.header, row) { if let c = position[name] { cells[c] = cell } }
                    rows.append([group.value] + cells)
                }
            }
            return CSVWriter.table(header: ["group"] + header, rows: rows)
        default:
            return zip(groups, outputs).map { group, output in
                "== \(column) = \(group.value) (\(group.network.roster.count) people) ==\n" + output.text
            }.joined(separator: "\n")
        }
    }

    /// Notes of every group, each prefixed with its group.
    func notes(_ outputs: [CommandOutput]) -> [String] {
        zip(groups, outputs).flatMap { group, output in output.notes.map { "\(column) \(group.value): \($0)" } }
    }

    /// A file name for a group's value that is safe on any system: letters,
    /// digits, `-` and `_` kept, anything else `_`, made unique among the
    /// groups (`_2`, `_3` …) and never empty or hidden.
    static func fileStems(_ values: [String]) -> [String] {
        var used = Set<String>()
        return values.map { value in
            var stem = String(value.unicodeScalars.map { s -> Character in
                (s.properties.isAlphabetic || s.properties.numericType != nil) && s.isASCII || s == "-" || s == "_" ? Character(s) : "_"
            })
            while stem.hasPrefix("_") && stem.count > 1 { stem.removeFirst() }
            if stem.isEmpty || stem == "_" { stem = "group" }
            if stem.count > 80 { stem = String(stem.prefix(80)) }
            var candidate = stem, k = 2
            while !used.insert(candidate.lowercased()).inserted {
                candidate = "\(stem)_\(k)"
                k += 1
            }
            return candidate
        }
    }

    /// `index.csv` of a folder of per-group outputs: group, people, file.
    func index(files: [String]) -> (name: String, bytes: [UInt8]) {
        let rows = zip(groups, files).map { [$0.0.value, String($0.0.network.roster.count), $0.1] }
        return ("index.csv", Array(CSVWriter.table(header: [column, "people", "file"], rows: rows).utf8))
    }
}

/// Prints (checked, ``StandardOutput``) or writes (atomically, to `-o`) a command's text output.
func emit(_ text: String, to output: String?) throws(InputError) {
    if let output { try AtomicFile.write(text, to: output) } else { try StandardOutput.write(text) }
}
