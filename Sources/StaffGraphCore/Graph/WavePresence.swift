/// Who is part of one wave's network, and whose answers count (<doc:Conventions>,
/// non-respondents).
///
/// - People marked ``ResponseStatus/absent`` (not on staff that wave) are not
///   in the network, unless the data nevertheless holds ties of theirs: then
///   they are kept, treated as having answered, and listed in ``absentWithTies``
///   so the caller can say so.
/// - A ``ResponseStatus/nonrespondent``'s row is missing: their out-ties are
///   unknown, not absent, so density, reciprocity and change measures leave
///   those cells out.
/// - `nil` statuses (no response data) count as present and observed.
///
/// `summary`, `metrics`, `draw`, `groups`, `leaders` and `compare` all apply
/// this one rule.
public struct WavePresence: Sendable, Equatable {
    /// One flag per node: in this wave's network.
    public let present: [Bool]
    /// One flag per node: present and their answers observed (not a non-respondent).
    public let observedRows: [Bool]
    /// Nodes marked absent that have ties in this wave (kept, and reported).
    public let absentWithTies: [Int]

    /// Number of people marked absent and left out.
    public var absentCount: Int { present.lazy.filter { !$0 }.count }

    /// The rule applied to `graph` with one status per node (or `nil`: no response data).
    /// - Complexity: O(n).
    public init(graph: Graph, responses: [ResponseStatus?]?) {
        let n = graph.nodeCount
        var present = [Bool](repeating: true, count: n)
        var observed = [Bool](repeating: true, count: n)
        var kept: [Int] = []
        if let responses {
            precondition(responses.count == n, "one response status per node")
            for v in 0 ..< n {
                switch responses[v] {
                case .absent:
                    if graph.outDegree(v) + graph.inDegree(v) > 0 {
                        kept.append(v)
                    } else {
                        present[v] = false
                        observed[v] = false
                    }
                case .nonrespondent:
                    observed[v] = false
                case .responded, nil:
                    break
                }
            }
        }
        self.present = present
        self.observedRows = observed
        self.absentWithTies = kept
    }
}
