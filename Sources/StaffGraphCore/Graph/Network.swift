/// Names one graph of a ``Network``: a relation (advice, collaboration, trust …)
/// in a wave (fall, spring …). `wave` is `nil` for single-wave data.
public struct LayerKey: Hashable, Sendable, CustomStringConvertible {
    /// The relation, e.g. "advice".
    public var relation: String
    /// The wave, e.g. "fall", or `nil` when the data has no waves.
    public var wave: String?

    /// Creates a key.
    public init(relation: String, wave: String? = nil) {
        self.relation = relation
        self.wave = wave
    }

    /// "advice" or "advice, wave fall".
    public var description: String {
        if let wave { return "\(relation), wave \(wave)" }
        return relation
    }
}

/// One relation in one wave: an immutable graph over the network's roster, and
/// the report of what building it merged or dropped.
public struct Layer: Sendable {
    /// Which relation and wave this is.
    public var key: LayerKey
    /// The ties, indexed like the roster.
    public var graph: Graph
    /// What the builder merged or dropped.
    public var buildReport: BuildReport

    /// Creates a layer.
    public init(key: LayerKey, graph: Graph, buildReport: BuildReport = BuildReport()) {
        self.key = key
        self.graph = graph
        self.buildReport = buildReport
    }
}

/// Several relations and waves over one roster: every layer's graph has
/// `roster.count` nodes, and index `i` is the same person in all of them.
public struct Network: Sendable {
    /// The people.
    public var roster: Roster
    /// The layers, in order of first appearance in the input.
    public var layers: [Layer]
    /// How the people were selected from the file's, one description per
    /// selection applied ("school = Adams"); empty for everyone in the file.
    public var selection: [String] = []

    /// Creates a network; every layer must have one node per roster entry.
    public init(roster: Roster, layers: [Layer]) {
        precondition(layers.allSatisfy { $0.graph.nodeCount == roster.count }, "every layer must cover the roster")
        self.roster = roster
        self.layers = layers
    }

    /// Relations in order of first appearance.
    public var relations: [String] { unique(layers.map(\.key.relation)) }

    /// Waves in order of first appearance (empty when the data has no waves).
    public var waves: [String] { unique(layers.compactMap(\.key.wave)) }

    /// The layer for `key`, if present.
    public func layer(_ key: LayerKey) -> Layer? { layers.first { $0.key == key } }

    /// Layers matching the given relation and wave (`nil` matches any). Names
    /// match exactly when some layer has the exact name, else ignoring case
    /// ("Fall" finds the wave "fall").
    public func layers(relation: String?, wave: String?) -> [Layer] {
        func matches(_ name: String?, _ wanted: String?, _ all: [String?]) -> Bool {
            guard let wanted else { return true }
            if all.contains(wanted) { return name == wanted }
            return name?.lowercased() == wanted.lowercased()
        }
        let relations = layers.map { Optional($0.key.relation) }, waves = layers.map(\.key.wave)
        return layers.filter { matches($0.key.relation, relation, relations) && matches($0.key.wave, wave, waves) }
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
