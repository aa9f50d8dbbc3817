/// The descriptive panel of one network (one relation in one wave), as
/// `staffgraph summary` prints it.
public struct NetworkSummary: Sendable, Equatable {
    /// People in the network: everyone on the roster who is not absent in this wave.
    public var nodes: Int
    /// Ties among them.
    public var ties: Int
    /// People with no tie in or out.
    public var isolates: Int
    /// ``density(_:observedRows:)`` with non-respondents' rows missing.
    public var density: Double?
    /// Edgewise ``reciprocity(_:convention:observedRows:)`` over observed dyads.
    public var reciprocity: Double?
    /// Number of weakly connected components (isolates included).
    public var weakComponents: Int
    /// Number of strongly connected components (isolates included).
    public var strongComponents: Int
    /// Size of the largest weak component.
    public var largestWeakComponent: Int
    /// People who responded (`nil` without response data).
    public var respondents: Int?
    /// People on staff who did not respond (`nil` without response data).
    public var nonrespondents: Int?
    /// Respondents / (respondents + non-respondents), over people whose status is recorded; `nil` without response data.
    public var responseRate: Double?
    /// People marked absent in this wave and left out of the network.
    public var absent: Int
    /// People marked absent who nevertheless have ties: kept in the network, and reported.
    public var absentWithTies: Int
    /// Ties sent by people marked as non-respondents: kept in the graph but outside the observed cells of density and reciprocity.
    public var tiesFromNonrespondents: Int

    /// The panel for `graph`, given each person's response status in this wave.
    ///
    /// Who is in the network and whose row is observed follows ``WavePresence``:
    /// absent people leave (unless they have ties, counted in ``absentWithTies``);
    /// a non-respondent's row is missing, so density and reciprocity leave it
    /// out of their denominators (sna semantics).
    /// - Complexity: O(n + m log d).
    public init(graph fullGraph: Graph, responses: [ResponseStatus?]?) {
        var graph = fullGraph
        var statuses = responses
        let presence = WavePresence(graph: fullGraph, responses: responses)
        let absent = presence.absentCount
        let absentWithTies = presence.absentWithTies.count
        if let r = responses, r.contains(.absent) {
            let (sub, original) = fullGraph.subgraph(keeping: presence.present)
            graph = sub
            // Absent people who have ties are treated as having answered.
            statuses = original.map { r[$0] == .absent ? .responded : r[$0] }
        }
        let observed: [Bool]? = statuses.map { s in s.map { $0 != .nonrespondent && $0 != .absent } }
        nodes = graph.nodeCount
        ties = graph.edgeCount
        var isolated = 0
        for v in 0 ..< graph.nodeCount where graph.outDegree(v) == 0 && graph.inDegree(v) == 0 { isolated += 1 }
        isolates = isolated
        density = StaffGraphCore.density(graph, observedRows: observed)
        reciprocity = StaffGraphCore.reciprocity(graph, convention: .edgewise, observedRows: observed)
        let weak = StaffGraphCore.weakComponents(graph)
        weakComponents = weak.count
        largestWeakComponent = weak.largest
        strongComponents = StaffGraphCore.strongComponents(graph).count
        self.absent = absent
        self.absentWithTies = absentWithTies
        var fromNonrespondents = 0
        if let statuses {
            let yes = statuses.filter { $0 == .responded }.count
            let no = statuses.filter { $0 == .nonrespondent }.count
            respondents = yes
            nonrespondents = no
            responseRate = yes + no > 0 ? Double(yes) / Double(yes + no) : nil
            for v in 0 ..< graph.nodeCount where statuses[v] == .nonrespondent { fromNonrespondents += graph.outDegree(v) }
        } else {
            respondents = nil
            nonrespondents = nil
            responseRate = nil
        }
        tiesFromNonrespondents = fromNonrespondents
    }
}
