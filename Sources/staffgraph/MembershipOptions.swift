import ArgumentParser
import StaffGraphCore
import StaffGraphIO

/// `--memberships FILE` and `--memberships-column COLUMN`, on every command
/// that reads an edge list: people's teams and committees, turned into
/// relations of the network (``InputOptions/load()``):
///
/// the relation `shared:NAME`, a tie both ways between two people who share at
/// least one group, weighted by the number of groups they share, or with
/// `--memberships-weight newman` by Newman's Σ 1/(k_g − 1) over the shared
/// groups, or `jaccard` by the Jaccard overlap of their group sets. One
/// relation whatever the weighting, so that `multiplex` and the like do not
/// count one structure three times.
///
/// NAME is the file's stem (`memberships` for `memberships.csv`) or the
/// column's name. Group sizes count everyone in the file on the roster,
/// before any `--where`. Waves: a memberships file with a wave column gives
/// one layer per wave; without one, the memberships hold in every wave of
/// the edge list (the same layer in each), so `--wave fall --relation
/// shared:NAME`, `compare` and QAP predictors find them.
struct MembershipInputOptions: ParsableArguments {
    func validate() throws {
        if memberships == nil && membershipsColumn == nil && membershipsWeight != .count {
            throw ValidationError("--memberships-weight weights the relation that --memberships or --memberships-column adds; give one of them")
        }
    }

    @Option(help: ArgumentHelp("Memberships CSV (person,group[,role_in_group][,wave]): adds the relation shared:NAME, NAME the file's stem: people who share a team or committee, tied both ways. See staffgraph members --help.", valueName: "file"))
    var memberships: String?

    @Option(help: ArgumentHelp("Roster column of ';'-separated groups (committees …): adds the relation shared:COLUMN as --memberships does.", valueName: "column"))
    var membershipsColumn: String?

    @Option(help: ArgumentHelp("Weight of a shared:NAME tie: count (groups shared), newman (sum of 1/(size - 1) over them) or jaccard (overlap of the two people's groups).", valueName: "rule"))
    var membershipsWeight: ProjectionWeight = .count

    /// `imported` with the membership relations added (unchanged without `--memberships`/`--memberships-column`);
    /// prints the reader's notes (without ids unless `showingIDs`). `rosterFile` names the roster in messages.
    func adding(to imported: EdgeListImport, allowUnknown: Bool, rosterFile: String, showingIDs: Bool) throws(InputError) -> EdgeListImport {
        var out = imported
        var sources: [Memberships] = []
        if let memberships {
            var options = MembershipOptions()
            options.allowUnknown = allowUnknown
            sources.append(try MembershipReader.read(memberships, roster: imported.network.roster, options: options))
        }
        if let membershipsColumn {
            sources.append(try forOption("--memberships-column") { () throws(InputError) in
                try MembershipReader.read(rosterColumn: membershipsColumn, of: imported.network.roster, file: rosterFile)
            })
        }
        let networkWaves = imported.network.waves
        for read in sources {
            for note in read.report.notes(showingIDs: showingIDs) { printError("note: \(note)") }
            let waves: [String?] = !read.waves.isEmpty ? read.waves : networkWaves.isEmpty ? [nil] : networkWaves
            let relation = "shared:\(read.name)"
            if out.network.relations.contains(relation) {
                throw InputError(.usage, file: read.source, "the relation '\(relation)' is already in the network",
                                 hint: "give the memberships file another name, or rename the relation in the edge list")
            }
            for wave in waves {
                let graph = read.twoMode(over: imported.network.roster, wave: read.waves.isEmpty ? nil : wave).network.personProjection(membershipsWeight)
                out.network.layers.append(Layer(key: LayerKey(relation: relation, wave: wave), graph: graph))
            }
        }
        return out
    }
}

extension ProjectionWeight: ExpressibleByArgument {}
