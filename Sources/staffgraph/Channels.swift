import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

extension ChannelDirection: ExpressibleByArgument {}

/// Output formats of `channels`.
enum ChannelsFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `staffgraph channels EDGES --nodes ROSTER --from COLUMN=VALUE --to COLUMN=VALUE [--by COLUMN]`:
/// does one part of the organisation reach another, and through whom?
///
/// One command for both views of levels: `--by level` gives the level × level
/// ties and the boundary spanners (the levels seen whole), `--from`/`--to` the
/// channels between two sets of people (the levels seen as a route). `groups`
/// stays the command for E-I, modularity and brokerage; its block densities are
/// the same ``MixingMatrix`` as the levels matrix here.
struct ChannelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "Does the district reach the classroom? Ties between levels, boundary spanners, and the independent channels from one set of people to another.",
        discussion: """
        With --by COLUMN (e.g. --by level): the level × level tie matrix (row = who names, column = who is \
        named; counts and densities, non-respondents' rows left out of the densities as in groups) and the \
        boundary spanners: people with a tie, sent or received, to someone of another level, ranked by the \
        number of other levels reached, then by their contacts in other levels.

        With --from COLUMN=VALUE[,VALUE…] and --to COLUMN=VALUE[,VALUE…] (values as in --where: case and \
        accents ignored, a misspelt value gets a "did you mean"): the channels from the FROM people to the TO people:
        - direct ties between the sets (who names whom, weight);
        - two-step chains FROM → m → TO (three different people), counted and grouped by the person in the middle;
        - independent channels: the most paths from FROM to TO that share no person, ends included (someone \
        in both sets is a path by themselves), by max-flow on the node-split graph; by Menger's theorem the \
        smallest number of people whose removal cuts every path;
        - one smallest cut: those people (the cut closest to FROM; others of the same size may exist), each \
        marked from, to, from+to or between;
        - brokered channels: the most paths through people outside both sets, no two through the same         one (set members may be shared, direct ties aside); by Menger the fewest people outside both sets         whose removal leaves only the direct ties, and who they are (again the cut closest to FROM).         Undefined when someone is in both sets.

        --direction: either (default: any tie is a channel both ways), named (from the person who names to \
        the person named), advice-flow (against the naming: an advice tie a → b means a asks b, so advice \
        flows from b to a; use it to ask whether the district's advice reaches the chairs).

        Ties are binary (weights only shown); absent people are left out; non-respondents' ties are those \
        others reported. Conventions: Conventions.md, "Levels and channels".

        JSON keys: relation, wave, selection, people_count, ties; levels {by, levels [{level, size}], ties, density \
        (matrices in level order, null where no tie is possible), spanners [{id, level, other_levels, \
        cross_level_contacts, contacts_per_level}]}; channels {from, to, direction, from_count, to_count, \
        both_count, direct [{namer, named, weight}], two_step_chains, intermediaries [{id, set, chains, \
        from_reached, to_reached}], independent_channels, cut [{id, set}], brokered_channels (null when undefined),         broker_cut [id]}.
        CSV: one row per person in a set, in a chain, in the cut or spanning levels.

        --anonymize: people are pseudonyms; --from, --to, --by, --where and --per refuse identifying columns.

        Example: staffgraph channels Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice \
        --wave spring --from level=district --to "role=department chair" --by level
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The people channels start from: roster COLUMN and its VALUEs.", valueName: "column=value[,value…]"))
    var from: ColumnValues?

    @Option(help: ArgumentHelp("The people channels lead to: roster COLUMN and its VALUEs.", valueName: "column=value[,value…]"))
    var to: ColumnValues?

    @Option(help: ArgumentHelp("Roster column of the levels (level, school …): tie matrix between them and boundary spanners.", valueName: "column"))
    var by: String?

    @Option(help: "Which arcs a channel follows: either, named or advice-flow.")
    var direction: ChannelDirection = .either

    @Option(help: ArgumentHelp("Table: show at most this many rows per list (spanners, direct ties, intermediaries).", valueName: "n"))
    var top: Int = 15

    @Option(help: "Output format: table, json or csv.")
    var format: ChannelsFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    func validate() throws {
        if input.nodes == nil { throw ValidationError("channels needs a roster (--nodes ROSTER) with the columns named by --from, --to or --by") }
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to (the two sets of people), or neither and --by") }
        if from == nil && by == nil { throw ValidationError("say what to look at: --from COLUMN=VALUE --to COLUMN=VALUE (channels between two sets), --by COLUMN (ties between levels), or both") }
        if top < 1 { throw ValidationError("--top must be 1 or more") }
    }

    var rules: [(flag: String, rule: ColumnValues)] {
        [from.map { ("--from", $0) }, to.map { ("--to", $0) }].compactMap { $0 }
    }

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, rules: rules, columns: [("--by", by)]) { network, _ throws(InputError) in
                try analyse(network)
            }
        }
    }

    /// The channels report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network) throws(InputError) -> CommandOutput {
        let layer = try singleLayer(input, network, command: "channels")
        let roster = network.roster
        let view = AnalysisView(layer: layer, roster: roster)
        var notes: [String] = []
        var levels: (column: String, values: [String])?
        if let by {
            let file = input.rosterFile
            let (column, values) = try forOption("--by") { () throws(InputError) in try roster.column(named: by, file: file) }
            levels = (column, view.column(values))
            let missing = view.column(values).filter(\.isEmpty).count
            if missing > 0 { notes.append("\(missing) \(missing == 1 ? "person has" : "people have") no '\(column)' value: counted in the matrix as \(Partition.missingName), not ranked as spanners") }
        }
        var sets: (from: String, inFrom: [Bool], to: String, inTo: [Bool], direction: ChannelDirection)?
        if let from, let to {
            let (fromRule, inFrom, toRule, inTo) = try input.channelSets(from: from, to: to, in: network, view: view, notes: &notes)
            sets = (fromRule.description, inFrom, toRule.description, inTo, direction)
        }
        let report = ChannelsReport(view: view, layer: layer.key, selection: network.selection, levels: levels, sets: sets)
        switch format {
        case .json:
            let document = report.json(roster: roster)
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let table = report.csv(roster: roster)
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table, notes: notes)
        case .table:
            return CommandOutput(text: report.table(roster: roster, source: input.edges, top: top), notes: notes)
        }
    }
}

extension InputOptions {
    /// `--from` and `--to` resolved against the roster (a misspelt column or value is a usage
    /// error with "did you mean"), as flags over `view`'s people, with a note for a set that
    /// nobody present has: shared by `channels` and `draw --from/--to`.
    func channelSets(from: ColumnValues, to: ColumnValues, in network: Network, view: AnalysisView,
                     notes: inout [String]) throws(InputError) -> (fromRule: RosterRule, inFrom: [Bool], toRule: RosterRule, inTo: [Bool]) {
        let fromRule = try resolve(from, in: network, flag: "--from")
        let toRule = try resolve(to, in: network, flag: "--to")
        let inFrom = view.column(fromRule.members(of: network.roster))
        let inTo = view.column(toRule.members(of: network.roster))
        if !inFrom.contains(true) { notes.append("--from: nobody present here has \(fromRule)") }
        if !inTo.contains(true) { notes.append("--to: nobody present here has \(toRule)") }
        return (fromRule, inFrom, toRule, inTo)
    }
}
