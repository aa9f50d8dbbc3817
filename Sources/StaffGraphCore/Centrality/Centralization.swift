/// The node measures Freeman centralization can summarize, each with the
/// theoretical maximum of `Σ (max − c_i)` over all graphs of `n` nodes (the
/// value for the star that maximizes it), so centralization lies in [0, 1].
public enum CentralizationIndex: String, Sendable, CaseIterable {
    /// Raw in-degree; `tmax = (n − 1)²` (sna `degree(cmode = "indegree")`).
    case inDegree
    /// Raw out-degree; `tmax = (n − 1)²`.
    case outDegree
    /// Raw in + out degree; `tmax = 2(n − 1)(n − 2)` (sna `cmode = "freeman"`).
    case totalDegree
    /// Raw directed betweenness (ordered pairs); `tmax = (n − 1)²(n − 2)` (sna).
    case betweenness
    /// Raw betweenness on the symmetrized graph (unordered pairs);
    /// `tmax = (n − 1)²(n − 2) / 2` (sna `gmode = "graph"`).
    case undirectedBetweenness
    /// Harmonic closeness, incoming, plain sums; `tmax = (n − 1)²` (the in-star:
    /// centre `n − 1`, everyone else 0). On values divided by `n − 1` this is
    /// `tmax = n − 1`; the ratio is the same. (sna states `(n − 1)²` for
    /// `cmode = "suminvdir"` but applies it to the divided values, so its
    /// figure is this one divided by `n − 1`.)
    case harmonicIn
    /// Harmonic closeness, outgoing, plain sums; `tmax = (n − 1)²` (the out-star).
    case harmonicOut
    /// Harmonic closeness on the symmetrized graph, plain sums;
    /// `tmax = (n − 1)(n − 2) / 2` (the star; equals sna `cmode = "suminvundir"`).
    case harmonicUndirected
    /// Wasserman–Faust closeness, incoming; `tmax = n − 1` (the in-star: centre
    /// 1, leaves 0; values lie in [0, 1]).
    case wassermanFaustIn
    /// Wasserman–Faust closeness, outgoing; `tmax = n − 1` (the out-star).
    case wassermanFaustOut
    /// Wasserman–Faust closeness on the symmetrized graph;
    /// `tmax = (n − 1)(n − 2) / (2n − 3)` (the star; sna/igraph undirected
    /// closeness, equal to Freeman closeness on a connected graph).
    case wassermanFaustUndirected
    /// Eigenvector, incoming, largest score 1; `tmax = n − 1` (igraph
    /// `centralization_evcent_tmax(directed = TRUE, scale = TRUE)`).
    case eigenvector
    /// Eigenvector on the symmetrized graph, largest score 1; `tmax = n − 2`
    /// (igraph, undirected).
    case undirectedEigenvector

    /// The largest possible `Σ (max − c_i)` for `n` nodes, or `nil` where the
    /// measure cannot vary (too few nodes).
    public func theoreticalMaximum(nodeCount n: Int) -> Double? {
        let m = Double(n - 1)
        let value: Double
        switch self {
        case .inDegree, .outDegree, .harmonicIn, .harmonicOut: value = m * m
        case .totalDegree: value = 2 * m * (m - 1)
        case .betweenness: value = m * m * (m - 1)
        case .undirectedBetweenness: value = m * m * (m - 1) / 2
        case .harmonicUndirected: value = m * (m - 1) / 2
        case .wassermanFaustIn, .wassermanFaustOut, .eigenvector: value = m
        case .wassermanFaustUndirected: value = n >= 3 ? m * (m - 1) / (2 * m - 1) : 0
        case .undirectedEigenvector: value = m - 1
        }
        return n >= 2 && value > 0 ? value : nil
    }
}

/// Freeman centralization (Freeman 1979) of a score vector:
/// `Σ_i (max_j c_j − c_i) / tmax`.
///
/// Example: in-degrees (4, 0, 0, 0, 0) of the 5-node in-star, `tmax = 16`:
/// `16 / 16 = 1`; in-degrees (1, 1, 1) of the 3-cycle: 0.
///
/// - Returns: `nil` for an empty vector or a non-positive `tmax`.
/// - Complexity: O(n).
public func freemanCentralization(_ scores: [Double], theoreticalMaximum tmax: Double) -> Double? {
    guard let top = scores.max(), tmax > 0 else { return nil }
    var deviation = 0.0
    for c in scores { deviation += top - c }
    return deviation / tmax
}

/// Freeman centralization of a graph on one node measure: how much the
/// network is organized around a single person (1 for the star that
/// maximizes the measure's spread, 0 when everyone scores the same).
///
/// `C = Σ_i (max_j c_j − c_i) / tmax` with the scores and maxima of
/// ``CentralizationIndex``: R sna's for degree, betweenness and undirected
/// closeness (checked against sna `centralization` in the golden tests),
/// igraph's for eigenvector.
///
/// Reference: sna `centralization(g, degree | betweenness | closeness)`,
/// igraph `centralization_degree` / `_betweenness` / `_eigenvector_centrality`.
///
/// Example: the in-star where 4 people name a centre: in-degree
/// centralization `(4 · 4) / 16 = 1`; out-degrees are (0, 1, 1, 1, 1), so
/// out-degree centralization is `1 / 16 = 0.0625`.
///
/// - Returns: `nil` when the graph is too small for the measure to vary, or,
///   for eigenvector, when the power iteration did not converge.
/// `threads` and `progress` go to the all-sources measures (betweenness,
/// closeness) and change nothing in the result.
///
/// - Complexity: that of the measure (O(n m) for betweenness and closeness).
public func centralization(_ graph: Graph, _ index: CentralizationIndex, threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> Double? {
    guard let tmax = index.theoreticalMaximum(nodeCount: graph.nodeCount) else { return nil }
    let scores: [Double]
    switch index {
    case .inDegree: scores = degreeCentrality(graph, direction: .incoming)
    case .outDegree: scores = degreeCentrality(graph, direction: .outgoing)
    case .totalDegree: scores = degreeCentrality(graph, direction: .total)
    case .betweenness:
        scores = betweenness(graph, options: BetweennessOptions(scale: .raw), threads: threads, progress: progress)
    case .undirectedBetweenness:
        scores = betweenness(graph, options: BetweennessOptions(scale: .raw, undirected: true), threads: threads, progress: progress)
    case .harmonicIn: scores = harmonicCloseness(graph, direction: .incoming, threads: threads, progress: progress)
    case .harmonicOut: scores = harmonicCloseness(graph, direction: .outgoing, threads: threads, progress: progress)
    case .harmonicUndirected: scores = harmonicCloseness(graph, direction: .undirected, threads: threads, progress: progress)
    case .wassermanFaustIn: scores = wassermanFaustCloseness(graph, direction: .incoming, threads: threads, progress: progress)
    case .wassermanFaustOut: scores = wassermanFaustCloseness(graph, direction: .outgoing, threads: threads, progress: progress)
    case .wassermanFaustUndirected: scores = wassermanFaustCloseness(graph, direction: .undirected, threads: threads, progress: progress)
    case .eigenvector, .undirectedEigenvector:
        let direction: PathDirection = index == .eigenvector ? .incoming : .undirected
        let result = eigenvectorCentrality(graph, options: EigenvectorOptions(direction: direction, scale: .maxOne))
        guard result.convergence.converged else { return nil }
        scores = result.scores
    }
    return freemanCentralization(scores, theoreticalMaximum: tmax)
}
