/// Which ties a degree counts.
public enum DegreeDirection: String, Sendable, CaseIterable {
    /// Ties received: being named, sought out (prestige).
    case incoming
    /// Ties sent: naming others.
    case outgoing
    /// Received plus sent (a mutual pair counts twice), networkx `degree` on a
    /// DiGraph and sna `degree(cmode = "freeman")`. For the number of distinct
    /// neighbours, take ``outgoing`` on ``Graph/symmetrized()``.
    case total
}

/// How a degree (or strength) is scaled.
public enum DegreeNormalization: String, Sendable, CaseIterable {
    /// The count (or weight sum) itself (default).
    case raw
    /// Divided by `n − 1`, networkx `in_degree_centrality` /
    /// `out_degree_centrality` / `degree_centrality`. For `n ≤ 1` every value is
    /// 1, as in networkx.
    case networkx
    /// `100 × value / (n − 1)`, UCINET's "nrm" degree. For `n ≤ 1`, 100.
    case percent
    /// The value divided by the sum over all nodes, so the column sums to 1
    /// ("share of all nominations"). All zero when there is no tie.
    case shareOfTotal
}

/// Degree centrality: the number of ties a person receives, sends, or both.
///
/// `deg_in(v) = |{u : u → v}|`, `deg_out(v) = |{w : v → w}|`; the binary
/// graph (tie weights ignored, <doc:Conventions>). Self-loops, when the builder kept
/// them, count once in each direction, as in networkx.
///
/// Reference: networkx `in_degree_centrality`, `out_degree_centrality`,
/// `degree_centrality` (with ``DegreeNormalization/networkx``); sna `degree`.
///
/// Example: ties a→c, b→c, c→a. In-degree: a 1, b 0, c 2; with `.networkx`
/// (n − 1 = 2): 0.5, 0, 1; with `.shareOfTotal`: 1/3, 0, 2/3.
///
/// - Complexity: O(n).
public func degreeCentrality(_ graph: Graph, direction: DegreeDirection = .incoming, normalization: DegreeNormalization = .raw) -> [Double] {
    let n = graph.nodeCount
    var values = [Double](repeating: 0, count: n)
    for v in 0 ..< n {
        switch direction {
        case .incoming: values[v] = Double(graph.inDegree(v))
        case .outgoing: values[v] = Double(graph.outDegree(v))
        case .total: values[v] = Double(graph.inDegree(v) + graph.outDegree(v))
        }
    }
    return normalizeDegrees(values, normalization)
}

/// Strength: the sum of the weights of the ties a person receives
/// (`in_strength`), sends (`out_strength`) or both.
///
/// `s_in(v) = Σ_{u → v} w(u, v)`. With unit weights this is the degree.
///
/// Reference: networkx `G.in_degree(weight="weight")`,
/// `G.out_degree(weight="weight")`; igraph `strength`.
///
/// Example: ties a→c (2), b→c (3): in-strength of c = 5, out-strength of a = 2.
///
/// - Complexity: O(n + m).
public func strength(_ graph: Graph, direction: DegreeDirection = .incoming, normalization: DegreeNormalization = .raw) -> [Double] {
    let n = graph.nodeCount
    var values = [Double](repeating: 0, count: n)
    for v in 0 ..< n {
        var s = 0.0
        if direction != .outgoing {
            for e in graph.inOffsets[v] ..< graph.inOffsets[v + 1] { s += graph.inWeights[e] }
        }
        if direction != .incoming {
            for e in graph.outOffsets[v] ..< graph.outOffsets[v + 1] { s += graph.outWeights[e] }
        }
        values[v] = s
    }
    return normalizeDegrees(values, normalization)
}

private func normalizeDegrees(_ values: [Double], _ normalization: DegreeNormalization) -> [Double] {
    let n = values.count
    switch normalization {
    case .raw:
        return values
    case .networkx, .percent:
        let unit = normalization == .percent ? 100.0 : 1.0
        if n <= 1 { return [Double](repeating: unit, count: n) }
        let s = unit / Double(n - 1)
        return values.map { $0 * s }
    case .shareOfTotal:
        var total = 0.0
        for v in values { total += v }
        return total == 0 ? [Double](repeating: 0, count: n) : values.map { $0 / total }
    }
}
