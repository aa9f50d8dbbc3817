/// Which local clustering coefficient to compute (MEASURES.md).
public enum ClusteringConvention: String, Sendable, CaseIterable {
    /// Fagiolo (2007) directed clustering on the binary graph: networkx
    /// `clustering` on a `DiGraph` (default).
    case directed
    /// Watts–Strogatz clustering of the symmetrized graph: networkx
    /// `clustering` on the undirected view.
    case undirected
}

/// Local clustering coefficient of every person: how far the people a person is
/// tied to are tied to each other.
///
/// **Directed (Fagiolo 2007, default).** With `S = A + Aᵀ` (A binary, no
/// self-loops), `d_tot = d_in + d_out` and `d↔` the number of reciprocated ties,
///
///     C_i = (S³)_ii / (2 · (d_tot(d_tot − 1) − 2 d↔))
///
/// the share of all possible directed triangles through `i` that are present.
/// This is networkx `clustering(G)` for a `DiGraph`.
///
/// **Undirected.** On the symmetrized graph, `C_i = 2 T_i / (k_i (k_i − 1))` with
/// `T_i` the triangles through `i` and `k_i` its distinct neighbours.
///
/// A person with fewer than two distinct neighbours has no possible triangle:
/// the value is **NaN** (undefined). networkx reports 0 there; UCINET reports
/// it as missing.
///
/// Example: a → b, b → c, a → c (a transitive triple). For a, `S` has
/// s_ab = s_ac = s_bc = 1, so (S³)_aa = 2, d_tot = 2, d↔ = 0 and
/// C_a = 2 / (2 · (2 · 1 − 0)) = 0.5; likewise for b and c (the three arcs fill
/// half of the four directed triangles the pair of neighbours allows). The
/// undirected coefficient is 1 for each. Add c → a and a's value becomes
/// (S³)_aa = s_ab·s_bc·s_ca + s_ac·s_cb·s_ba = 1·1·2 + 2·1·1 = 4 over 2 · (3 · 2 − 2) = 8: 0.5 again.
///
/// Weights are ignored (binary graph, MEASURES.md).
/// - Complexity: O(Σ_i Σ_{j ∈ N(i)} (k_i + k_j)) = O(m · d_max) time with sorted-list
///   merges; parallel over people in fixed chunks.
/// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
public func clustering(_ graph: Graph, _ convention: ClusteringConvention = .directed, threads: Int = Parallelism.defaultThreads) -> [Double] {
    let u = UndirectedAdjacency(graph)
    let n = u.nodeCount
    let parts = parallelChunks(count: n, threads: threads) { range -> [Double] in
        var result: [Double] = []
        result.reserveCapacity(range.count)
        u.offsets.withUnsafeBufferPointer { off in
            u.neighbors.withUnsafeBufferPointer { nb in
                u.codes.withUnsafeBufferPointer { cd in
                    for i in range {
                        let iStart = off[i], iEnd = off[i + 1]
                        let k = iEnd - iStart
                        if k < 2 { result.append(.nan); continue }
                        var weighted = 0      // (S³)_ii
                        var triangles = 0     // 2 T_i
                        var total = 0, mutual = 0
                        for e in iStart ..< iEnd {
                            let sij = arcCount(cd[e])
                            total += sij
                            if sij == 2 { mutual += 1 }
                            let j = Int(nb[e])
                            // Merge N(i) and N(j).
                            var a = iStart, b = off[j]
                            let bEnd = off[j + 1]
                            while a < iEnd && b < bEnd {
                                let x = nb[a], y = nb[b]
                                if x < y { a += 1 } else if y < x { b += 1 } else {
                                    triangles += 1
                                    if convention == .directed { weighted += sij * arcCount(cd[b]) * arcCount(cd[a]) }
                                    a += 1; b += 1
                                }
                            }
                        }
                        switch convention {
                        case .directed:
                            let denominator = 2 * (total * (total - 1) - 2 * mutual)
                            result.append(Double(weighted) / Double(denominator))
                        case .undirected:
                            result.append(Double(triangles) / Double(k * (k - 1)))
                        }
                    }
                }
            }
        }
        return result
    }
    return parts.flatMap { $0 }
}
