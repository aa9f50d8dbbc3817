/// Which local clustering coefficient to compute (<doc:Conventions>).
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
/// Weights are ignored (binary graph, <doc:Conventions>).
///
/// Both numerators come from one listing of the triangles of the symmetrized
/// graph (``ForwardAdjacency``): each triangle `{i, j, k}` adds 1 to `T` and
/// `2 · s_ij · s_jk · s_ki` to `(S³)` at each of its three corners (the two
/// orientations of the closed walk through a corner carry the same product).
/// The numerators are integers, so the result is the same for every thread count.
/// - Complexity: O(n + m^1.5) time (each triangle found once from its
///   lowest-ranked corner, people ranked by degree), parallel over people in
///   fixed chunks; O(threads · n) memory for the per-worker counts.
/// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
public func clustering(_ graph: Graph, _ convention: ClusteringConvention = .directed, threads: Int = Parallelism.defaultThreads) -> [Double] {
    let u = UndirectedAdjacency(graph, threads: threads)
    let n = u.nodeCount
    let forward = ForwardAdjacency(u)
    // Per person: T_i (undirected) or (S³)_ii (directed).
    let numerators: [Int]
    switch convention {
    case .undirected:
        numerators = forward.triangleSums(length: n, threads: threads) { TriangleCornerCounter(sums: $0) }
    case .directed:
        numerators = forward.triangleSums(length: n, threads: threads) { ClosedWalkCounter(sums: $0) }
    }
    return [Double](unsafeUninitializedCapacity: n) { result, count in
        u.offsets.withUnsafeBufferPointer { off in
            u.codes.withUnsafeBufferPointer { cd in
                numerators.withUnsafeBufferPointer { num in
                    for i in 0 ..< n {
                        let start = off[i], end = off[i + 1]
                        let k = end &- start
                        let value: Double
                        if k < 2 {
                            value = .nan
                        } else {
                            switch convention {
                            case .directed:
                                var total = 0, mutual = 0   // d_tot, d↔
                                for e in start ..< end {
                                    let code = cd[e]
                                    total &+= arcCount(code)
                                    mutual &+= code == 3 ? 1 : 0
                                }
                                value = Double(num[i]) / Double(2 * (total * (total - 1) - 2 * mutual))
                            case .undirected:
                                value = Double(2 * num[i]) / Double(k * (k - 1))
                            }
                        }
                        result.initializeElement(at: i, to: value)
                    }
                }
            }
        }
        count = n
    }
}

/// Credits each triangle to its three corners: `sums[i]` becomes `T_i`.
struct TriangleCornerCounter: TriangleVisitor {
    let sums: UnsafeMutableBufferPointer<Int>
    @inline(__always) mutating func visit(_ v: Int, _ u: Int, _ w: Int, _ vu: UInt8, _ vw: UInt8, _ uw: UInt8) {
        sums[v] &+= 1
        sums[u] &+= 1
        sums[w] &+= 1
    }
}

/// Credits each triangle's closed walks to its three corners: `sums[i]`
/// becomes `(S³)_ii`, with `s` the number of arcs of a tie (1 or 2).
struct ClosedWalkCounter: TriangleVisitor {
    let sums: UnsafeMutableBufferPointer<Int>
    @inline(__always) mutating func visit(_ v: Int, _ u: Int, _ w: Int, _ vu: UInt8, _ vw: UInt8, _ uw: UInt8) {
        let walks = 2 &* arcCount(vu) &* arcCount(vw) &* arcCount(uw)
        sums[v] &+= walks
        sums[u] &+= walks
        sums[w] &+= walks
    }
}
