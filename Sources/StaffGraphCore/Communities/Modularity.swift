/// Which modularity to compute (<doc:Conventions>).
public enum ModularityConvention: String, Sendable, CaseIterable {
    /// Newman–Girvan modularity of the symmetrized binary graph (networkx
    /// `modularity(G.to_undirected(), …, weight=None)`): the quantity Louvain
    /// maximizes here, and what `groups` and `summary` report (default).
    case undirected
    /// Directed modularity (Leicht & Newman 2008; networkx `modularity` on a
    /// `DiGraph`, `weight=None`).
    case directed
}

/// Modularity of a partition: the share of ties inside groups minus the share
/// expected if ties were placed at random with everyone's degree kept
/// (Newman & Girvan 2004). Ties are binary (<doc:Conventions>); self-loops are ignored.
///
/// **Undirected** (on the symmetrized graph, `E` undirected ties, `L_c` ties inside
/// group `c`, `K_c` the sum of its members' degrees):
///
///     Q = Σ_c [ L_c / E − γ (K_c / 2E)² ]
///
/// **Directed** (`m` arcs, `K_c^out`, `K_c^in` the members' out- and in-degrees):
///
///     Q = Σ_c [ L_c / m − γ K_c^out K_c^in / m² ]
///
/// Example: two triangles joined by one tie, each triangle a group: E = 7,
/// L = 3 + 3, K = 7 + 7: Q = 6/7 − 2 · (7/14)² = 0.357.
///
/// - Parameters:
///   - labels: the group of each person: any non-negative integers.
///   - resolution: γ (default 1); larger values favour smaller groups.
/// - Returns: `nil` when there is no tie.
/// - Complexity: O(n + m).
public func modularity(_ graph: Graph, labels: [Int], convention: ModularityConvention = .undirected, resolution: Double = 1) -> Double? {
    precondition(labels.count == graph.nodeCount, "one label per person")
    let groups = (labels.max() ?? -1) + 1
    switch convention {
    case .undirected:
        return undirectedModularity(UndirectedAdjacency(graph), labels: labels, groups: groups, resolution: resolution)
    case .directed:
        let g = graph.droppingSelfLoops()
        let m = g.edgeCount
        guard m > 0 else { return nil }
        var inside = [Int](repeating: 0, count: groups)
        var outDegrees = [Int](repeating: 0, count: groups)
        var inDegrees = [Int](repeating: 0, count: groups)
        for v in 0 ..< g.nodeCount {
            outDegrees[labels[v]] += g.outDegree(v)
            inDegrees[labels[v]] += g.inDegree(v)
            for t in g.outNeighbors(v) where labels[Int(t)] == labels[v] { inside[labels[v]] += 1 }
        }
        var q = 0.0
        let md = Double(m)
        for c in 0 ..< groups {
            q += Double(inside[c]) / md - resolution * Double(outDegrees[c]) * Double(inDegrees[c]) / (md * md)
        }
        return q
    }
}

/// Modularity of a named partition (departments, levels); see ``modularity(_:labels:convention:resolution:)``.
public func modularity(_ graph: Graph, partition: Partition, convention: ModularityConvention = .undirected, resolution: Double = 1) -> Double? {
    modularity(graph, labels: partition.labels, convention: convention, resolution: resolution)
}

/// Undirected modularity on a prepared undirected view (shared with Louvain).
func undirectedModularity(_ u: UndirectedAdjacency, labels: [Int], groups: Int, resolution: Double) -> Double? {
    let e = u.edgeCount
    guard e > 0 else { return nil }
    var inside = [Int](repeating: 0, count: groups)
    var degrees = [Int](repeating: 0, count: groups)
    for v in 0 ..< u.nodeCount {
        degrees[labels[v]] += u.degree(v)
        for w in u.neighbors[u.offsets[v] ..< u.offsets[v + 1]] where Int(w) > v && labels[Int(w)] == labels[v] {
            inside[labels[v]] += 1
        }
    }
    var q = 0.0
    let twoE = Double(2 * e)
    for c in 0 ..< groups {
        let share = Double(degrees[c]) / twoE
        q += Double(inside[c]) / Double(e) - resolution * share * share
    }
    return q
}
