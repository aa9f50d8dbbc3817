import StaffGraphCore

/// The graph a command analyses for one layer, with the same rules as
/// ``NetworkSummary``: people marked absent in the layer's wave (and without
/// ties) are left out, and non-respondents' rows are missing (`observedRows`).
public struct AnalysisView: Sendable {
    /// The graph over the people present.
    public let graph: Graph
    /// Roster index of each node of `graph`.
    public let people: [Int]
    /// `false` for people whose answers are missing; `nil` without response data.
    public let observedRows: [Bool]?

    /// The view of one layer of a network over `roster`.
    public init(layer: Layer, roster: Roster) {
        self.init(graph: layer.graph, people: nil, responses: roster.responses(wave: layer.key.wave))
    }

    /// The view of `graph`, whose node `i` is roster person `people[i]`
    /// (`nil`: node `i` is person `i`), with the layer wave's response statuses
    /// indexed by node.
    public init(graph full: Graph, people original: [Int]?, responses: [ResponseStatus?]?) {
        let presence = WavePresence(graph: full, responses: responses)
        let keep = presence.present
        let kept: [Int]
        if keep.allSatisfy({ $0 }) {
            graph = full
            kept = Array(0 ..< full.nodeCount)
        } else {
            (graph, kept) = full.subgraph(keeping: keep)
        }
        people = original.map { o in kept.map { o[$0] } } ?? kept
        observedRows = responses == nil ? nil : kept.map { presence.observedRows[$0] }
    }

    /// Values of a roster column for the people in the view.
    public func column<T>(_ values: [T]) -> [T] { people.map { values[$0] } }
}

