import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Output formats of `leaders`.
enum LeadersFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
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
        - champion dependence: the pairs of people who can still reach each other, and the number of \
        separate groups, after the 1, 3 and 5 most sought people leave.

        JSON keys: relation, wave, people_count, requests, distribution {in_degree_centralization, \
        in_degree_gini, top_shares [{k, share}], people_for_half, density, reciprocity}, formal, informal, \
        rarely_sought (lists of {id, name, in_degree, rank}), formal_share, criteria, champion_dependence \
        {in_degree: {reachable_pairs, components, removals [{k, removed, reachable_pairs, share_kept, \
        components, largest_component}]}, betweenness (the same, removing people by betweenness)}.

        --anonymize: every person is a pseudonym (Person 01 …, a random order keyed by \
        --anonymize-seed, never the roster's) and name is null; --formal, --where and --per refuse \
        roster columns that identify people (name, email …).

        Example: staffgraph leaders Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall \
        --formal "role=principal,assistant principal,instructional coach,department chair"
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

    @Option(help: "Output format: table or json.")
    var format: LeadersFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    var ks: [Int] { top.split(separator: ",").compactMap { Int(String($0).trimmingSpaces) } }

    func validate() throws {
        if input.nodes == nil { throw ValidationError("leaders needs a roster (--nodes ROSTER) with the column named in --formal") }
        if !(topFraction > 0 && topFraction <= 1) { throw ValidationError("--top-fraction must be above 0 and at most 1") }
        if minNominations < 0 { throw ValidationError("--min-nominations must be 0 or more") }
        let parts = top.split(separator: ",")
        if parts.isEmpty || parts.contains(where: { Int(String($0).trimmingSpaces).map { $0 < 1 } ?? true }) {
            throw ValidationError("--top must be positive whole numbers separated by commas, such as 1,3,5")
        }
    }

    func run() throws {
        try reportingInputErrors {
            try input.runAnalysis(format: format.rawValue, output: output, rules: [("--formal", formal)]) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The leaders report of one network (the whole selection, or one `--per` group).
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let layer = try singleLayer(input, network, command: "leaders")
        let rule = try input.resolve(formal, in: network, flag: "--formal")
        let view = AnalysisView(layer: layer, roster: network.roster)
        let isFormal = view.column(rule.members(of: network.roster))
        var notes: [String] = []
        if !isFormal.contains(true) {
            notes.append("nobody here has \(rule.column) = \(rule.values.joined(separator: " or "))")
        }
        let work = NodeMeasureTable.estimatedWork([.betweenness], on: view.graph)
        let seconds = NodeMeasureTable.estimatedSeconds(work: work, threads: threads)
        if work > Metrics.workLimit {
            printError("note: betweenness for champion dependence over \(view.graph.nodeCount) people and \(view.graph.edgeCount) ties: about \(ProgressBar.durationWords(seconds)); --per school runs each school on its own, far faster")
        }
        let report = withProgress("betweenness (champion dependence)", estimate: seconds) { progress in
            LeadersReport(view: view, layer: layer.key, selection: network.selection, formal: formal, isFormal: isFormal, ks: ks,
                          criteria: LeaderCriteria(topFraction: topFraction, minimumNominations: minNominations, rarelySoughtBelow: rarelySoughtBelow),
                          threads: threads, progress: progress)
        }
        switch format {
        case .json:
            let document = report.json(roster: network.roster)
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .table:
            return CommandOutput(text: report.table(roster: network.roster, source: input.edges), notes: notes)
        }
    }
}
