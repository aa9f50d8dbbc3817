/// How a projection of a ``TwoModeNetwork`` weights the tie between two people
/// (or two groups): what their shared groups (shared members) add up to.
public enum ProjectionWeight: String, Sendable, CaseIterable {
    /// The number of shared groups `|G(u) ∩ G(v)|` (networkx
    /// `bipartite.weighted_projected_graph(B, nodes)`, `ratio=False`). The default.
    case count
    /// Newman's collaboration weighting `Σ_{g ∈ G(u) ∩ G(v)} 1 / (k_g − 1)`,
    /// `k_g` the size of group `g`: a shared group of two counts 1, a shared
    /// group of eleven 0.1 (networkx `bipartite.collaboration_weighted_projected_graph`).
    /// Newman, M. E. J. (2001). Scientific collaboration networks. II. *Physical
    /// Review E* 64, 016132. doi:10.1103/PhysRevE.64.016132
    case newman
    /// The Jaccard overlap of the two group sets `|G(u) ∩ G(v)| / |G(u) ∪ G(v)|`
    /// (networkx `bipartite.overlap_weighted_projected_graph(B, nodes)`, `jaccard=True`).
    case jaccard
}

extension TwoModeNetwork {
    /// The one-mode projection onto the people: a tie between two people who
    /// share at least one group, weighted by `weight` (``ProjectionWeight``).
    /// Undirected, stored both ways (`u → v` and `v → u` with the same
    /// weight) like every symmetric relation, no self-loops; people in no
    /// group (or only in groups of one) are isolates.
    ///
    /// Reference: networkx `bipartite.weighted_projected_graph`,
    /// `collaboration_weighted_projected_graph`, `overlap_weighted_projected_graph`
    /// (Borgatti & Everett 1997, doi:10.1016/S0378-8733(96)00301-2).
    ///
    /// Example: groups {a, b, c} and {b, c}. Count: a–b 1, a–c 1, b–c 2.
    /// Newman: a–b 1/2, a–c 1/2, b–c 1/2 + 1 = 1.5. Jaccard: a–b 1/2, a–c 1/2, b–c 1.
    ///
    /// - Complexity: O(Σ_g k_g²) time, O(n) scratch.
    public func personProjection(_ weight: ProjectionWeight = .count) -> Graph {
        let n = personCount
        var builder = GraphBuilder(nodeCount: n)
        var accumulated = [Double](repeating: 0, count: n)
        var shared = [Int](repeating: 0, count: n)
        var touched = [Int32](repeating: 0, count: n)
        personOffsets.withUnsafeBufferPointer { pOff in
            personGroups.withUnsafeBufferPointer { pGroups in
                groupOffsets.withUnsafeBufferPointer { gOff in
                    groupMembers.withUnsafeBufferPointer { gMembers in
                        for u in 0 ..< n {
                            var touchedCount = 0
                            for k in pOff[u] ..< pOff[u + 1] {
                                let g = Int(pGroups[k])
                                let size = gOff[g + 1] - gOff[g]
                                let add = weight == .newman ? 1 / Double(size - 1) : 1
                                for j in gOff[g] ..< gOff[g + 1] {
                                    let v = Int(gMembers[j])
                                    if v == u { continue }
                                    if shared[v] == 0 { touched[touchedCount] = Int32(truncatingIfNeeded: v); touchedCount += 1 }
                                    shared[v] += 1
                                    accumulated[v] += add
                                }
                            }
                            touched[0 ..< touchedCount].sort()
                            let du = pOff[u + 1] - pOff[u]
                            for t in 0 ..< touchedCount {
                                let v = Int(touched[t])
                                let w: Double
                                switch weight {
                                case .count: w = Double(shared[v])
                                case .newman: w = accumulated[v]
                                case .jaccard:
                                    let dv = pOff[v + 1] - pOff[v]
                                    w = Double(shared[v]) / Double(du + dv - shared[v])
                                }
                                builder.addTie(from: u, to: v, weight: w)
                                shared[v] = 0
                                accumulated[v] = 0
                            }
                        }
                    }
                }
            }
        }
        return builder.build().graph
    }

    /// The one-mode projection onto the groups: a tie between two groups
    /// that share at least one member, weighted by `weight` with the roles
    /// of people and groups exchanged (count of shared members; Newman
    /// `Σ_{p shared} 1 / (d_p − 1)`, `d_p` the number of groups of `p`;
    /// Jaccard overlap of the member sets). Node `g` is group `g`.
    /// Stored both ways, as ``personProjection(_:)``.
    ///
    /// - Complexity: O(Σ_p d_p²) time, O(g) scratch.
    public func groupProjection(_ weight: ProjectionWeight = .count) -> Graph {
        transposed().personProjection(weight)
    }

    /// The number of ties (both directions) ``personProjection(_:)`` would
    /// hold at most: `Σ_g k_g (k_g − 1)`, for checking a bound before projecting.
    public var personProjectionTieBound: Int {
        var total = 0
        for g in 0 ..< groupCount {
            let k = size(of: g)
            let (product, overflow) = k.multipliedReportingOverflow(by: max(k - 1, 0))
            if overflow { return Int.max }
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow2 { return Int.max }
            total = sum
        }
        return total
    }

    /// The bound of ``personProjectionTieBound`` for ``groupProjection(_:)``: `Σ_p d_p (d_p − 1)`.
    public var groupProjectionTieBound: Int { transposed().personProjectionTieBound }
}
