import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

/// Output formats of `members`.
enum MembersFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `staffgraph members MEMBERSHIPS --nodes ROSTER`: the membership panel of a
/// people × groups (teams, committees) network.
///
/// The memberships are the positional argument (a CSV of `person,group`
/// rows), or a roster column of `;`-separated groups named with
/// `--memberships-column` (the same flag every other command takes to turn
/// memberships into the `shared:COLUMN` relation). There is no edge list: the
/// panel describes the formal structure, not the survey's ties.
struct Members: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Teams and committees: who sits where, what the groups are made of, and who connects them.",
        discussion: """
        Reads who belongs to which group (team, committee, pathway) and prints: the groups with their \
        sizes, how many other groups each shares a member with, and their composition by roster columns \
        (--by, default level and role when the roster has them); the projections (people tied when \
        they share a group, groups tied when they share a member: pairs, density, groups shared); \
        two-mode degree, closeness and betweenness of groups and people (Borgatti & Everett 1997, \
        as networkx bipartite: each normalised by the largest value possible for its side); the groups \
        that share no member with any other; the people who connect groups (in two or more), with \
        how many co-members they have and how many pairs of their groups they alone connect.

        Memberships: MEMBERSHIPS is a CSV with a header naming a person column (person, id, \
        person_id, member; or --person-column) and a group column (group, committee; or \
        --group-column), optional role_in_group and wave. Person ids must be on the roster \
        (--allow-unknown leaves unknown ones out, counted); a repeated row counts once and is reported. \
        Or --memberships-column COLUMN reads a roster column such as committees holding \
        "Executive Team; Implementation Council".

        People are the roster's (after --where), those in no group included (they count in the \
        normalisations); groups with no member among them are left out.

        Every other command: --memberships FILE (or --memberships-column COLUMN) adds the relation \
        shared:NAME (NAME the file's stem or the column), ties between people who share a group \
        weighted by how many they share (--memberships-weight newman: Newman's sum of 1/(k - 1) \
        over the shared groups; jaccard: the overlap of their groups).

        --anonymize: people are pseudonyms; group names are shown as they are (do not name groups after people).

        --map FILE (.png, .svg, .pdf or .dot) also draws the membership map: people as circles coloured \
        by --color-by (default team, when the roster has it; the run's colours, as on every map), their area \
        by their number of groups, a black ring on those in two or more; groups as white squares named \
        beside them, area by their members; a line per membership. People in no group are left out (the \
        caption counts them). --labels all|top:N|none names people (default all up to 80 drawn); groups are always named.

        Example: staffgraph members Samples/school/memberships.csv --nodes Samples/school/roster.csv
        staffgraph members Samples/school/memberships.csv --nodes Samples/school/roster.csv --map committees.png --color-by level
        """
    )

    @Argument(help: ArgumentHelp("Memberships CSV: person,group[,role_in_group][,wave] (or use --memberships-column).", valueName: "memberships"))
    var memberships: String?

    @Option(name: [.customLong("nodes"), .customLong("roster")], help: ArgumentHelp("Roster CSV: an id column and attribute columns (level, role …).", valueName: "roster"))
    var nodes: String

    @Option(help: ArgumentHelp("Read the memberships from this roster column of ';'-separated groups instead of a file.", valueName: "column"))
    var membershipsColumn: String?

    @Option(help: ArgumentHelp("Name of the memberships file's person column, if not person/id/person_id/member.", valueName: "name"))
    var personColumn: String?

    @Option(help: ArgumentHelp("Name of the memberships file's group column, if not group/committee/group_id.", valueName: "name"))
    var groupColumn: String?

    @Option(help: ArgumentHelp("Name of the roster's id column, if not id.", valueName: "name"))
    var idColumn: String?

    @Flag(help: "Leave out membership rows whose person is not on the roster (counted in a note) instead of stopping with an error.")
    var allowUnknown = false

    @Option(help: ArgumentHelp("Only this wave of a memberships file with a wave column.", valueName: "name"))
    var wave: String?

    @Option(help: ArgumentHelp("Roster column to show each group's composition by; repeat for several (default: level and role, when the roster has them).", valueName: "column"))
    var by: [String] = []

    @Option(help: ArgumentHelp("How many people the tables of people show.", valueName: "n"))
    var top: Int = 10

    @Option(help: "Output format: table, json or csv.")
    var format: MembersFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also draw the membership map (people and groups as two shapes) to this file: .png, .svg, .pdf or .dot.", valueName: "file"))
    var map: String?

    @Option(help: ArgumentHelp("With --map: roster column that colours people (default: team, when the roster has it); 'none' for one colour.", valueName: "column"))
    var colorBy: String?

    @Option(help: ArgumentHelp("With --map: people's names, all, top:N (most groups first) or none (default: all up to 80 people drawn, else top:30).", valueName: "which"))
    var labels: String?

    @Option(help: ArgumentHelp("With --map: layout engine, neato or sfdp (default: neato up to 400 nodes, sfdp above).", valueName: "engine"))
    var layout: LayoutEngine?

    @Option(help: "With --map: layout seed; the same seed gives the same picture.")
    var seed: Int = 1

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @OptionGroup var parallel: ThreadOptions

    @OptionGroup(title: "Privacy") var privacy: PrivacyOptions

    func validate() throws {
        if (memberships == nil) == (membershipsColumn == nil) {
            throw ValidationError(memberships == nil
                ? "give the memberships: a CSV file (staffgraph members MEMBERSHIPS --nodes ROSTER) or a roster column (--memberships-column COLUMN)"
                : "give the memberships once: a file or --memberships-column, not both")
        }
        if membershipsColumn != nil, personColumn != nil || groupColumn != nil || wave != nil {
            throw ValidationError("--person-column, --group-column and --wave describe a memberships file; --memberships-column reads the roster")
        }
        if top < 1 { throw ValidationError("--top must be 1 or more") }
        try validateMap()
    }

    func run() async throws {
        let drawing: MembershipDrawing? = try reportingInputErrors {
            let roster = try RosterReader.read(nodes, idColumn: idColumn)
            let read = try readMemberships(roster: roster)
            let wave = try chosenWave(read)
            let defaults = ["level", "role"].compactMap { c in roster.attributeNames.first { $0.lowercased() == c } }
            let named = [("--memberships-column", membershipsColumn)] + by.map { ("--by", Optional($0)) } + selection.filters.map { ("--where", Optional($0.column)) } + [("--per", selection.per)]
            let anonymization = try privacy.prepare(roster, columns: named, file: nodes)
            for note in read.report.notes() { printError("note: \(anonymization?.redacting(note) ?? note)") }
            var network = Network(roster: roster, layers: [])
            if !selection.filters.isEmpty {
                let file = nodes
                network = try forOption("--where") { () throws(InputError) in try network.selecting(selection.filters, rosterFile: file) }
            }
            if let anonymization {
                network = anonymization.apply(to: network)
                if let note = anonymization.droppedColumnsNote { printError("note: --anonymize: \(note)") }
            }
            let columns = by.isEmpty ? defaults.filter { anonymization?.identifyingColumn(named: $0) == nil } : by
            let label: @Sendable (String) -> String? = { id in anonymization.map { $0.pseudonyms.label(of: id) } ?? id }
            let analyse: @Sendable (Network, Int) throws(InputError) -> CommandOutput = { network, threads throws(InputError) in
                try panel(read, network: network, wave: wave, columns: columns, label: label, threads: threads)
            }
            if let output { if selection.per != nil { try AtomicFileGroup.check(output) } else { try AtomicFile.check(output) } }
            if let map { try AtomicFile.check(map) }
            if let per = selection.per {
                let run = try PerGroupRun(network, column: per, rosterFile: nodes)
                let outputs = try run.map(threads: parallel.threadCount, analyse)
                for note in run.notes(outputs) { printError("note: \(note)") }
                if let output {
                    let stems = PerGroupRun.fileStems(run.groups.map(\.value))
                    let ext = format == .table ? "txt" : format.rawValue
                    var files = zip(stems, outputs).map { (name: "\($0.0).\(ext)", bytes: Array($0.1.text.utf8)) }
                    files.append(run.index(files: files.map(\.name)))
                    try AtomicFileGroup.write(files, into: output)
                    printError("wrote \(files.count - 1) files and index.csv to \(output)")
                } else {
                    try StandardOutput.write(run.combine(outputs, format: format.rawValue))
                }
            } else {
                let result = try analyse(network, parallel.threadCount)
                for note in result.notes { printError("note: \(note)") }
                try emit(result.text, to: output)
            }
            guard map != nil else { return nil }
            return MembershipDrawing(read: read, network: network, wave: wave, label: label, anonymized: anonymization != nil)
        }
        if let drawing { try await drawMap(drawing) }
    }

    /// The memberships from the file or the roster column.
    func readMemberships(roster: Roster) throws(InputError) -> Memberships {
        if let membershipsColumn {
            return try forOption("--memberships-column") { () throws(InputError) in
                try MembershipReader.read(rosterColumn: membershipsColumn, of: roster, file: nodes)
            }
        }
        var options = MembershipOptions()
        options.personColumn = personColumn
        options.groupColumn = groupColumn
        options.allowUnknown = allowUnknown
        return try MembershipReader.read(memberships ?? "", roster: roster, options: options)
    }

    /// `--wave`, checked against the memberships' waves; a file with several waves needs one.
    func chosenWave(_ read: Memberships) throws(InputError) -> String? {
        if read.waves.isEmpty {
            if let wave {
                throw InputError(.usage, file: read.source, "--wave \(wave): the memberships have no wave column",
                                 hint: "leave out --wave, or add a wave column to the memberships file")
            }
            return nil
        }
        guard let wave else {
            if read.waves.count == 1 { return read.waves[0] }
            throw InputError(.usage, file: read.source, "the memberships have \(read.waves.count) waves",
                             hint: "choose one with --wave: \(read.waves.joined(separator: ", "))")
        }
        if let match = read.waves.first(where: { $0 == wave }) ?? read.waves.first(where: { $0.lowercased() == wave.lowercased() }) { return match }
        throw InputError(.usage, file: read.source, "--wave \(wave): the memberships have no such wave",
                         hint: (closestMatch(to: wave, among: read.waves).map { "did you mean '\($0)'? " } ?? "") + "their waves: \(read.waves.joined(separator: ", "))")
    }

    /// The panel of one network (the whole selection or one `--per` group).
    func panel(_ read: Memberships, network: Network, wave: String?, columns: [String], label: (String) -> String?, threads: Int) throws(InputError) -> CommandOutput {
        let roster = network.roster
        var resolved: [(name: String, values: [String])] = []
        for column in columns {
            resolved.append(try forOption("--by") { () throws(InputError) in try roster.column(named: column, file: nodes) })
        }
        var panel = MembershipPanel(memberships: read, roster: roster, wave: wave, selection: network.selection, columns: resolved,
                                    label: label, threads: threads)
        panel.top = top
        var notes: [String] = []
        if panel.network.groupCount == 0 { notes.append("no one here belongs to a group of '\(read.name)'") }
        switch format {
        case .json:
            let document = panel.json()
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let table = panel.csv()
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table, notes: notes)
        case .table:
            return CommandOutput(text: panel.table(), notes: notes)
        }
    }
}
