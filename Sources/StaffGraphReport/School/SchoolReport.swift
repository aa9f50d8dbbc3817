import StaffGraphCore
import StaffGraphIO

/// Everything the school report says about one network: who is sought out,
/// how concentrated that is, how teams and levels work together, how
/// interdependent the staff are, what changed between waves, and how it was
/// measured.
///
/// It composes the same models the commands print (``LeadersReport``,
/// ``GroupsReport``, ``CohesionPanel``, ``CompareReport``) with the same
/// options, so every number in the report is the number `leaders`, `groups`,
/// `summary`, `metrics` and `compare` give (``SchoolReport/sources``). No
/// algorithm lives here; the plain-language readings are in ``PlainReading``.
public struct SchoolReport: Sendable {
    /// What the caller chose: the wording of the report and the options of every analysis.
    public struct Settings: Sendable {
        /// The report's title ("Sample school", "school = Adams").
        public var title: String
        /// The edge list and roster read (file names, shown under "How this was measured").
        public var sources: [String]
        /// The survey question(s), when given.
        public var questions: [String] = []
        /// The formal-role rule, if any (a roster column and its values).
        public var formal: ColumnValues?
        /// The roster column of teams (E-I, block densities, map colours), if any.
        public var teamColumn: String?
        /// The roster column of levels (district / school / community), if any.
        public var levelColumn: String?
        /// Groups smaller than this show no group-level figures ("fewer than 5").
        public var minimumGroupSize = 5
        /// Seed of Louvain communities and of the E-I permutation tests.
        public var seed: UInt64 = 42
        /// Permutations of the E-I tests.
        public var permutations = 5000
        /// Informal-leader thresholds.
        public var criteria = LeaderCriteria()
        /// Leader-change thresholds (waves).
        public var changeCriteria = LeaderChangeCriteria()
        /// The k of top-k shares and champion removals.
        public var ks = [1, 3, 5]
        /// Random sets of each size for the resilience baseline.
        public var randomSets = 1000
        /// Size of the key-player sets (0: none).
        public var keyPlayerSize = 3
        /// Whether people are pseudonyms (said in the method section).
        public var anonymized = false
        /// The smallest tie weight read, when a threshold was applied.
        public var minimumWeight: Double?
        /// Random networks of the CUG test ("Is it more than chance?"); 0 leaves the test out.
        public var cugDraws = 1000
        /// Tie strengths of the sensitivity sweep; `nil` takes every distinct strength of the
        /// relation when there are 2 to 6 of them (1,2,3,4 on a four-point frequency scale).
        public var thresholds: [Double]?

        /// Settings with the defaults of `leaders`, `groups` and `compare`.
        public init(title: String, sources: [String]) {
            self.title = title
            self.sources = sources
        }
    }

    /// A roster column resolved for this network: its name and each person's value.
    public struct Column: Sendable {
        /// The column's name as the roster spells it.
        public var name: String
        /// One value per roster person.
        public var values: [String]

        /// A resolved column.
        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    /// Where this network stands among others of a `--per` run (a district).
    public struct Standing: Sendable, Equatable {
        /// The figure ("in-degree centralization").
        public var figure: String
        /// This network's value.
        public var value: Double
        /// Share of the other networks with a smaller value, plus half of those with an equal one (0–100).
        public var percentile: Double
        /// How many networks have the figure.
        public var count: Int

        /// A standing.
        public init(figure: String, value: Double, percentile: Double, count: Int) {
            self.figure = figure
            self.value = value
            self.percentile = percentile
            self.count = count
        }
    }

    /// The settings the report was made with.
    public let settings: Settings
    /// The people (after any selection; pseudonyms under anonymization).
    public let roster: Roster
    /// The relation and wave the main sections describe.
    public let layer: LayerKey
    /// Every relation and wave of the network, for the method section.
    public let layers: [LayerKey]
    /// How the people were selected (empty: everyone in the file).
    public let selection: [String]
    /// People, ties, density, reciprocity, response rate of ``layer``.
    public let summary: NetworkSummary
    /// Reciprocity, transitivity, triads, centralization, communities of ``layer``.
    public let cohesion: CohesionPanel
    /// Formal and informal leaders and the distribution of requests.
    public let leaders: LeadersReport
    /// Ties within and across teams, when the roster has a team column.
    public let teams: GroupsReport?
    /// Ties within and across levels, when the roster has a level column.
    public let levels: GroupsReport?
    /// Change across the waves of ``layer``'s relation, when there are two or more.
    public let change: CompareReport?
    /// The import's self-loop and repeated-tie counts of ``layer``.
    public let buildReport: BuildReport
    /// The CUG test of the panel's indices (size and number of ties fixed; E-I by the team column), `nil` when left out.
    public let cug: CUGTest?
    /// The column of the CUG test's E-I index (the team column), if any.
    public let cugPartition: String?
    /// The tie-strength sweep and, with non-respondents, the side-by-side missing-data treatments.
    public let sensitivity: SensitivityParts?
    /// How the wave's relations overlap (advice and collaboration), as `multiplex --wave W --permutations N`;
    /// `nil` with one relation in the wave or without permutations.
    public let multiplex: MultiplexReport?
    /// Standing among the other networks of a district run (set by the caller).
    public var standings: [Standing] = []
    /// Notes for the reader of the method section (who is missing, what was dropped).
    public var notes: [String] = []

    /// Analyses `layer` of `network` (the main sections) and, when its relation has
    /// two or more waves, the change between them. `team`, `level` and `formal` are
    /// resolved against `network.roster`; `progress` wraps each long step.
    public init(network: Network, layer: Layer, settings: Settings, team: Column?, level: Column?,
                formal: (rule: ColumnValues, members: [Bool], resolved: RosterRule)?, threads: Int,
                progress: @escaping (_ step: String, _ run: (ProgressHandler?) -> Void) -> Void = { _, run in run(nil) }) {
        self.settings = settings
        let roster = network.roster
        self.roster = roster
        self.layer = layer.key
        layers = network.layers.map(\.key)
        selection = network.selection
        buildReport = layer.buildReport
        let view = AnalysisView(layer: layer, roster: roster)
        summary = NetworkSummary(graph: layer.graph, responses: roster.responses(wave: layer.key.wave))
        var cohesion: CohesionPanel?
        progress("betweenness centralization") { p in
            cohesion = CohesionPanel(view: view, seed: settings.seed, threads: threads, progress: p,
                                     betweennessWorkLimit: CohesionPanel.defaultBetweennessWorkLimit)
        }
        self.cohesion = cohesion ?? CohesionPanel(view: view, seed: settings.seed, threads: threads)
        // Is it more than chance? As `summary --cug --by TEAM` on the same network.
        let partition = team.map { Partition(values: view.column($0.values)) }
        cugPartition = team?.name
        if settings.cugDraws > 0 && view.graph.nodeCount >= 3 {
            let statistics = CUGRendering.statistics(graph: view.graph, draws: settings.cugDraws,
                                                     betweennessSkipped: self.cohesion.betweennessSkipped, partition: partition != nil)
            var test: CUGTest?
            progress("CUG test") { _ in
                test = CUGTest(view.graph, statistics: statistics, partition: partition, conditioning: .edges,
                               draws: settings.cugDraws, seed: settings.seed, threads: threads)
            }
            cug = test
        } else {
            cug = nil
        }
        let sameWave = network.layers.filter { $0.key.wave == layer.key.wave }
        if sameWave.count >= 2 && settings.permutations > 0 {
            var report: MultiplexReport?
            progress("relations compared (QAP)") { _ in
                report = MultiplexReport(layers: sameWave, roster: roster, wave: layer.key.wave, permutations: settings.permutations,
                                         seed: settings.seed, threads: threads)
            }
            multiplex = report
        } else {
            multiplex = nil
        }
        let thresholds = settings.thresholds ?? Self.automaticThresholds(layer.graph)
        let comparing = view.nonrespondentCount > 0
        sensitivity = thresholds != nil || comparing
            ? SensitivityParts(thresholds: thresholds, treatment: .ignore, comparingTreatments: comparing, asRead: view, treated: view, imputed: 0)
            : nil
        let isFormal = view.column(formal?.members ?? [Bool](repeating: false, count: roster.count))
        let formalRule = formal?.rule ?? ColumnValues(column: "role", values: [])
        let groupsForLeaders = team.map { (column: $0.name, values: view.column($0.values)) }
        var leaders: LeadersReport?
        progress("betweenness and resilience (leaders)") { p in
            leaders = LeadersReport(view: view, layer: layer.key, selection: network.selection, formal: formalRule, isFormal: isFormal,
                                    ks: settings.ks, criteria: settings.criteria, threads: threads, progress: p, groups: groupsForLeaders,
                                    randomSets: settings.randomSets, seed: settings.seed, keyPlayerSize: settings.keyPlayerSize)
        }
        self.leaders = leaders ?? LeadersReport(view: view, layer: layer.key, selection: network.selection, formal: formalRule, isFormal: isFormal,
                                                ks: settings.ks, criteria: settings.criteria, threads: threads, groups: groupsForLeaders,
                                                randomSets: settings.randomSets, seed: settings.seed, keyPlayerSize: settings.keyPlayerSize)
        func groups(_ column: Column?) -> GroupsReport? {
            guard let column else { return nil }
            var report = GroupsReport(view: view, layer: layer.key, selection: network.selection, column: column.name,
                                      partition: Partition(values: view.column(column.values)), permutations: settings.permutations,
                                      seed: settings.seed, threads: threads)
            report.minimumGroupSize = settings.minimumGroupSize
            return report
        }
        teams = groups(team)
        levels = groups(level)

        // Waves of the same relation, in file order.
        let waves = network.layers.filter { $0.key.relation == layer.key.relation && $0.key.wave != nil }
        if waves.count >= 2 {
            let input = CompareInput(
                roster: roster, relation: layer.key.relation,
                waves: waves.map { w in
                    CompareInput.Wave(label: w.key.wave ?? "", file: settings.sources.first ?? "", graph: w.graph,
                                      responses: roster.responses(wave: w.key.wave), responseColumn: responseColumnName(roster, wave: w.key.wave),
                                      buildReport: w.buildReport)
                },
                notes: [], rosterGiven: true, selection: network.selection)
            let options = CompareReport.Options(
                group: team.map { ($0.name, $0.values) }, breakdowns: team.map { [($0.name, $0.values)] } ?? [],
                formal: formal, measures: [], criteria: settings.changeCriteria, threads: threads)
            change = CompareReport(input: input, options: options, progress: progress)
        } else {
            change = nil
        }
    }

    /// Every distinct tie strength of `graph`, increasing, when there are 2 to 6 (a frequency
    /// scale); `nil` otherwise (one strength: nothing to vary; many: a continuous weight).
    static func automaticThresholds(_ graph: Graph) -> [Double]? {
        var strengths = Set<Double>()
        for w in graph.outWeights where w.isFinite {
            strengths.insert(w)
            if strengths.count > 6 { return nil }
        }
        return strengths.count >= 2 ? strengths.sorted() : nil
    }

    /// The people of ``layer`` as node indices of ``LeadersReport/view`` (its `people`
    /// maps them to ``roster``), most sought first
    /// (in-degree, then betweenness, then roster order).
    public var rankedPeople: [Int] {
        let view = leaders.view
        let inDegree = leaders.leaders.inDegrees
        let order = (0 ..< view.people.count).sorted { a, b in
            if inDegree[a] != inDegree[b] { return inDegree[a] > inDegree[b] }
            if leaders.betweenness[a] != leaders.betweenness[b] { return leaders.betweenness[a] > leaders.betweenness[b] }
            return a < b
        }
        return order
    }

    /// The JSON documents of the commands whose numbers the report shows, keyed
    /// by the command name: `summary`, `leaders`, `groups_team`, `groups_level`,
    /// `compare`, `multiplex`. A number in the HTML names its document and path
    /// (`data-src="leaders:distribution.in_degree_gini"`).
    public var sources: [(name: String, document: JSONValue)] {
        // As `summary --cug --by TEAM --thresholds … --missing all` prints it.
        var summaryDocument = SummaryRendering.json(key: layer, summary: summary, cohesion: cohesion,
                                                    selfLoopsDropped: buildReport.selfLoopsDropped, parallelTiesMerged: buildReport.parallelTiesMerged)
        if case .object(var fields) = summaryDocument {
            if let cug { fields.append(("cug", CUGRendering.json(cug, partition: cugPartition))) }
            if let sensitivity { fields += sensitivity.jsonFields(roster: settings.anonymized ? nil : roster) }
            summaryDocument = .object(fields)
        }
        var out: [(String, JSONValue)] = [
            ("summary", summaryDocument),
            ("leaders", leaders.json(roster: roster)),
        ]
        if let teams { out.append(("groups_team", teams.json(roster: roster))) }
        if let levels { out.append(("groups_level", levels.json(roster: roster))) }
        if let change { out.append(("compare", change.json())) }
        if let multiplex { out.append(("multiplex", multiplex.json(roster: roster))) }
        return out
    }
}

/// "responded_fall" when the roster has that wave's column, "responded" for a
/// plain column, `nil` without response data: as `compare` names it.
func responseColumnName(_ roster: Roster, wave: String?) -> String? {
    let waves = roster.responseColumnWaves
    if let wave, let w = waves.first(where: { $0?.lowercased() == wave.lowercased() }), let w { return "responded_\(w)" }
    return waves.contains(where: { $0 == nil }) ? "responded" : nil
}
