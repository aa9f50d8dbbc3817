/// The three ways a pair of people can be tied (sna `dyad.census`).
public struct DyadCensus: Sendable, Equatable {
    /// Mutual dyads: i → j and j → i.
    public var mutual: Int
    /// Asymmetric dyads: exactly one of the two ties.
    public var asymmetric: Int
    /// Null dyads: neither tie.
    public var null: Int

    /// Creates a census.
    public init(mutual: Int, asymmetric: Int, null: Int) {
        self.mutual = mutual
        self.asymmetric = asymmetric
        self.null = null
    }
}

/// Counts mutual, asymmetric and null dyads among observed dyads.
///
/// A dyad `{i, j}` is observed when both rows are observed (sna drops a dyad
/// with a missing cell). Self-loops are ignored.
/// - Complexity: O(n + m log d) (one binary search per tie).
public func dyadCensus(_ graph: Graph, observedRows: [Bool]? = nil) -> DyadCensus {
    let n = graph.nodeCount
    var observedCount = 0
    var arcs = 0
    var mutual = 0
    for v in 0 ..< n where observedRows?[v] ?? true {
        observedCount += 1
        for t32 in graph.outNeighbors(v) {
            let t = Int(t32)
            if t == v || !(observedRows?[t] ?? true) { continue }
            arcs += 1
            if t > v && graph.hasEdge(from: t, to: v) { mutual += 1 }
        }
    }
    let asymmetric = arcs - 2 * mutual
    let dyads = observedCount * (observedCount - 1) / 2
    return DyadCensus(mutual: mutual, asymmetric: asymmetric, null: dyads - mutual - asymmetric)
}

/// Which reciprocity index to report (<doc:Conventions>).
public enum ReciprocityConvention: String, Sendable, CaseIterable {
    /// Share of ties that are returned: `2M / (2M + A)` (default; networkx `overall_reciprocity`, sna `grecip(measure = "edgewise")`).
    case edgewise
    /// Share of dyads that are symmetric, null dyads included: `(M + N) / (M + A + N)` (sna `grecip` default).
    case dyadic
    /// Mutual over non-null dyads: `M / (M + A)`.
    case ratio
}

/// Reciprocity of the network under a named convention, over observed dyads.
///
/// Example: ties a→b, b→a, a→c: M = 1, A = 1, so edgewise = 2/3, ratio = 1/2.
/// - Returns: `nil` when the denominator is zero (no ties, or no dyads).
/// - Complexity: O(n + m log d).
public func reciprocity(_ graph: Graph, convention: ReciprocityConvention = .edgewise, observedRows: [Bool]? = nil) -> Double? {
    let c = dyadCensus(graph, observedRows: observedRows)
    let m = Double(c.mutual), a = Double(c.asymmetric), nul = Double(c.null)
    switch convention {
    case .edgewise: return 2 * m + a > 0 ? 2 * m / (2 * m + a) : nil
    case .dyadic: return m + a + nul > 0 ? (m + nul) / (m + a + nul) : nil
    case .ratio: return m + a > 0 ? m / (m + a) : nil
    }
}
