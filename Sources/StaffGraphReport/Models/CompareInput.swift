import StaffGraphCore
import StaffGraphIO

/// The waves `compare` reads: one relation over one roster.
public struct CompareInput: Sendable {
    /// One wave as read.
    public struct Wave: Sendable {
        /// The wave's name.
        public var label: String
        /// The file it was read from.
        public var file: String
        /// The wave's ties over the whole roster.
        public var graph: Graph
        /// Each person's response status in the wave, when recorded.
        public var responses: [ResponseStatus?]?
        /// The roster column the statuses came from.
        public var responseColumn: String?
        /// What building the graph dropped or merged.
        public var buildReport: BuildReport

        /// One wave as read.
        public init(label: String, file: String, graph: Graph, responses: [ResponseStatus?]?, responseColumn: String?, buildReport: BuildReport) {
            self.label = label
            self.file = file
            self.graph = graph
            self.responses = responses
            self.responseColumn = responseColumn
            self.buildReport = buildReport
        }
    }

    /// The people of every wave.
    public var roster: Roster
    /// The relation compared.
    public var relation: String
    /// The waves in order.
    public var waves: [Wave]
    /// Notes from reading the waves.
    public var notes: [String]
    /// Whether a roster file was given (otherwise the people are the edge lists' ids).
    public var rosterGiven: Bool
    /// How the people were selected (`--where`, a `--per` group); empty for everyone.
    public var selection: [String] = []

    /// The waves of one relation over one roster.
    public init(roster: Roster, relation: String, waves: [Wave], notes: [String], rosterGiven: Bool, selection: [String] = []) {
        self.roster = roster
        self.relation = relation
        self.waves = waves
        self.notes = notes
        self.rosterGiven = rosterGiven
        self.selection = selection
    }

    /// The comparison among `members` only (roster indices, ascending): their
    /// roster rows and, in every wave, the ties among them.
    public func restricted(to members: [Int], description: String) -> CompareInput {
        var out = self
        out.roster = roster.subset(members)
        out.waves = waves.map { wave in
            var w = wave
            w.graph = wave.graph.subgraph(members: members)
            w.responses = wave.responses.map { r in members.map { r[$0] } }
            return w
        }
        out.notes = []
        out.selection = selection + [description]
        return out
    }
}
