import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

extension StructuralDistance: ExpressibleByArgument {}
extension Linkage: ExpressibleByArgument {}

/// `--core-pattern` values: how the ties between core and periphery are scored.
enum CorePatternOption: String, ExpressibleByArgument, CaseIterable {
    case coreOnly = "core-only", coreAndLinks = "core-and-links"

    var pattern: CorePeripheryPattern { self == .coreOnly ? .coreOnly : .coreAndLinks }
}

/// Output formats of `groups`.
enum GroupsFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct Groups: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How much do ties stay inside groups (departments, levels)? E-I index, block densities, modularity, brokers.",
        discussion: """
        Groups people by a roster column (--by team, --by level) and reports, for one relation in one wave:
        the E-I index of the network, of each group and of each person ((E − I)/(E + I): −1 all ties \
        inside the group, +1 all ties across groups) with a permutation test (seeded, so a run can be \
        repeated exactly); tie counts and block densities from each group to each group; the modularity \
        of the grouping; and Gould–Fernandez brokerage summed per group (coordinators, consultants, \
        representatives, gatekeepers, liaisons).

        People marked absent in the wave are left out; non-respondents' missing answers leave the block \
        densities' denominators. People with an empty value form the group "(missing)".

        JSON keys: ei_index, ei_p_value, groups (list of {group, size, internal, external, ei_index, brokerage}), \
        block_ties and block_density (matrices in the order of groups; null where a block has no possible tie), \
        modularity (undirected, as Louvain uses), modularity_directed, people (list of {id, group, ei_index}), \
        permutations, seed; with --positions also positions ({count, distance, linkage, sizes, \
        composition (people of each --by group in each position), block_ties, block_density}) and a \
        position per person; with --core also core_periphery ({pattern, core_size, fit, continuous_fit, \
        core_composition}) and core, coreness per person.
        CSV: one row per group, or per person with --per-person (adding position, core, coreness).

        --positions K: K positions of structurally equivalent people (alike in whom they name and who \
        names them), found as R sna does: sedist distances (--position-distance hamming, the default, \
        euclidean or correlation; ties binary, self-ties and the pair's own cells left out), clustered \
        by hclust (--position-linkage complete, the default, average or single) and cut into K \
        (cutree; or cut at a distance with --position-height D); positions numbered in roster order of first appearance; the position image gives \
        block densities (self-ties excluded), as sna blockmodel.

        --core: the Borgatti–Everett core and periphery: the split whose ideal pattern (core–core ties \
        1, periphery–periphery 0; core–periphery ties not scored, or 1 with --core-pattern \
        core-and-links) correlates best with the ties (fit r, found by a seeded Kernighan–Lin search \
        from 51 starts, seed --seed), the core's make-up by the --by groups, and a continuous coreness \
        (least squares c_i c_j ≈ a_ij). Run it with --by role and --by level to see whether the core \
        is the formal leadership.

        Groups of fewer than --min-group-size people (default 5 with --anonymize, else 1) show \
        "fewer than N" instead of their figures; in JSON they are {group, suppressed: true} with \
        null figures, and their block cells are null.

        --anonymize: people (--per-person, JSON people) are pseudonyms (Person 01 …, a random order \
        keyed by --anonymize-seed, never the roster's), in pseudonym order; --by, --where and --per \
        refuse roster columns that identify people (name, email …).

        Example: staffgraph groups Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --by team
        Example: staffgraph groups Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --by role --positions 4 --core --permutations 0
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Roster column that defines the groups (team, department, level …).", valueName: "column"))
    var by: String

    @Option(help: "Output format: table, json or csv.")
    var format: GroupsFormat = .table

    @Option(parsing: .unconditional, help: ArgumentHelp("Permutations for the E-I test, 0 to 1,000,000 (0 skips it).", valueName: "n"))
    var permutations: Int = 5000

    /// The most permutations `--permutations` takes: a p-value's third decimal is settled
    /// long before (its standard error is at most 0.0005), and a district's ties times a
    /// million would run for hours.
    static let maximumPermutations = 1_000_000

    @Option(help: ArgumentHelp("Find this many positions of structurally equivalent people (sna equiv.clust cut by cutree), with each position's make-up by --by and the position image.", valueName: "k"))
    var positions: Int?

    // `.unconditional`: a negative distance (correlation) reads as a value, not an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Instead of --positions K: cut the clustering tree at this distance (cutree h =): people closer than it share a position. For correlation the distance is −r (e.g. -0.2 joins people correlated above 0.2).", valueName: "d"))
    var positionHeight: Double?

    @Option(help: ArgumentHelp("How --positions compares two people's ties: hamming (default, as sna), euclidean or correlation.", valueName: "method"))
    var positionDistance: StructuralDistance = .hamming

    @Option(help: ArgumentHelp("How --positions joins clusters: complete (default, as sna), average or single.", valueName: "method"))
    var positionLinkage: Linkage = .complete

    @Flag(help: "Add the Borgatti–Everett core and periphery: who is in the core, the fit, the core's make-up by --by, and each person's coreness.")
    var core = false

    @Option(help: ArgumentHelp("With --core: core-only (default; ties between core and periphery not scored) or core-and-links (expected, like core–core ties).", valueName: "pattern"))
    var corePattern: CorePatternOption = .coreOnly

    @Option(help: ArgumentHelp("Seed of the permutation test and of the --core search.", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Groups with fewer people than this show no group figures (\"fewer than N\"): size, ties, E-I, brokerage and block cells are left out, so a small team cannot be singled out. Default: 5 with --anonymize, else 1 (every group shown).", valueName: "n"))
    var minGroupSize: Int?

    @Flag(help: "Table and CSV: one row per person (E-I of each person's ties) instead of per group.")
    var perPerson = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    func validate() throws {
        if permutations < 0 || permutations > Self.maximumPermutations {
            throw ValidationError("--permutations must be between 0 and 1,000,000 (got \(permutations)); 5,000 (the default) gives p-values to about ±0.007, 1,000,000 to ±0.0005")
        }
        if let minGroupSize, minGroupSize < 1 { throw ValidationError("--min-group-size must be 1 or more") }
        if input.nodes == nil { throw ValidationError("groups needs a roster (--nodes ROSTER) with the column named by --by") }
        if let positions, positions < 1 { throw ValidationError("--positions must be 1 or more (got \(positions))") }
        if positions != nil && positionHeight != nil { throw ValidationError("give --positions K or --position-height D, not both") }
        if let positionHeight, !positionHeight.isFinite { throw ValidationError("--position-height must be a number") }
    }

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, columns: [("--by", by)]) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The groups report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let layer = try singleLayer(input, network, command: "groups")
        let (column, values) = try forOption("--by") { () throws(InputError) in try network.roster.column(named: by, file: input.rosterFile) }
        var notes: [String] = []
        let view = AnalysisView(layer: layer, roster: network.roster)
        let partition = Partition(values: view.column(values))
        if partition.hasMissing {
            let missing = partition.sizes[partition.names.firstIndex(of: Partition.missingName) ?? 0]
            notes.append("\(missing) \(missing == 1 ? "person has" : "people have") no '\(column)' value and form the group \(Partition.missingName)")
        }
        var report = GroupsReport(view: view, layer: layer.key, selection: network.selection, column: by, partition: partition, permutations: permutations, seed: seed, threads: threads)
        report.minimumGroupSize = minGroupSize ?? (input.privacy.isOn ? 5 : 1)
        if let positions {
            let k = try positionCount(positions, people: view.graph.nodeCount, input: input, notes: &notes)
            report.findPositions(k, distance: positionDistance, linkage: positionLinkage)
        } else if let positionHeight {
            _ = try positionCount(1, people: view.graph.nodeCount, input: input, notes: &notes)
            if view.graph.nodeCount > 0 { report.findPositions(atHeight: positionHeight, distance: positionDistance, linkage: positionLinkage) }
        }
        if core {
            guard view.graph.nodeCount <= maximumPositionPeople else {
                throw InputError(.usage, file: input.edges, "--core compares every pair of the \(view.graph.nodeCount) people analysed; the most it takes is \(maximumPositionPeople)",
                                 hint: "run it per school or team with --per COLUMN, or select people with --where")
            }
            report.findCore(pattern: corePattern.pattern, seed: seed)
            if report.corePeriphery?.fit == nil { notes.append("no core/periphery split has a defined fit (fewer than four people, or no ties)") }
        }
        let hidden = report.ei.groups.indices.filter(report.isSuppressed).count
        if hidden > 0 {
            notes.append("\(hidden) \(hidden == 1 ? "group has" : "groups have") fewer than \(report.minimumGroupSize) people: \(hidden == 1 ? "its" : "their") figures are left out (--min-group-size)")
        }
        switch format {
        case .json:
            let document = report.json(roster: network.roster)
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let table = report.csv(roster: network.roster, perPerson: perPerson)
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table, notes: notes)
        case .table:
            return CommandOutput(text: report.table(roster: network.roster, source: input.edges, perPerson: perPerson), notes: notes)
        }
    }
}

/// The most people `--positions` and `--core` take: both compare every pair
/// (dense n × n matrices, about 100 MB at 2,000; O(n³) distances, tens of
/// seconds there in a release build).
let maximumPositionPeople = 2_000

/// The number of positions to find among `people` people: `k` itself, or, with
/// `--per`, all of a group's people when it has fewer than `k` (with a note);
/// a usage error when a single run has fewer people than `k` or too many people.
func positionCount(_ k: Int, people: Int, input: InputOptions, notes: inout [String]) throws(InputError) -> Int {
    guard people <= maximumPositionPeople else {
        throw InputError(.usage, file: input.edges, "--positions compares every pair of the \(people) people analysed; the most it takes is \(maximumPositionPeople)",
                         hint: "run it per school or team with --per COLUMN, or select people with --where")
    }
    guard k > people else { return k }
    guard input.selection.per != nil, people > 0 else {
        throw InputError(.usage, file: input.edges, "--positions \(k) asks for more positions than the \(people) people analysed",
                         hint: "give at most \(people)")
    }
    notes.append("only \(people) \(people == 1 ? "person" : "people") here: \(people) positions instead of \(k) (--positions)")
    return people
}
