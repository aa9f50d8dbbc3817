/// Which network transitivity to compute (<doc:Conventions> reports both, labelled).
public enum TransitivityConvention: String, Sendable, CaseIterable {
    /// Weak directed transitivity, sna `gtrans(measure = "weak")`: the share of
    /// two-paths `i → j → k` (`i ≠ k`) that are closed by `i → k`.
    case directedWeak
    /// Transitivity of the symmetrized graph, networkx `transitivity`:
    /// 3 × triangles / connected triples.
    case undirected
}

/// Transitivity of the network: how often a friend of a friend is a friend.
///
/// **Directed, weak (sna `gtrans`).**
///
///     T = #{ i → j → k with i → k } / #{ i → j → k, i ≠ k }
///
/// counted over ordered two-paths. With `observedRows`, a two-path counts only
/// when the rows of `i` and `j` are observed (both arcs and the closing cell
/// `i → k` were asked about): non-respondents' missing answers leave the
/// denominator (<doc:Conventions>). sna's adjacency method has no such rule (any
/// missing row makes its answer undefined).
///
/// **Undirected (networkx `transitivity`).** On the symmetrized graph,
/// `T = 3 × triangles / connected triples = 6 × triangles / Σ k_i (k_i − 1)`.
/// `observedRows` is not used.
///
/// Example: a → b, b → c, a → c: one two-path a → b → c, closed, so the weak
/// directed transitivity is 1; the symmetrized graph is a triangle, so the
/// undirected transitivity is 1 too. Drop a → c: 0 and 0.
///
/// - Returns: `nil` when there is no two-path (directed) or no connected
///   triple (undirected). sna reports 1 and networkx 0 in that case.
/// - Complexity: directed O(m · d_max) with sorted-list merges; undirected
///   O(m^1.5) (each triangle found once from its lowest-ranked corner, people
///   ranked by degree: ``ForwardAdjacency``); both parallel over people in
///   fixed chunks.
/// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
public func transitivity(_ graph: Graph, _ convention: TransitivityConvention = .directedWeak, observedRows: [Bool]? = nil, threads: Int = Parallelism.defaultThreads) -> Double? {
    switch convention {
    case .undirected:
        let u = UndirectedAdjacency(graph, threads: threads)
        var triples = 0
        for v in 0 ..< u.nodeCount { let k = u.degree(v); triples += k * (k - 1) }
        guard triples > 0 else { return nil }
        return Double(6 * undirectedTriangleCount(u, threads: threads)) / Double(triples)
    case .directedWeak:
        let g = graph.droppingSelfLoops()
        let observed = observedRows
        let parts = parallelChunks(count: g.nodeCount, threads: threads) { range -> (closed: Int, paths: Int) in
            var closed = 0, paths = 0
            g.outOffsets.withUnsafeBufferPointer { off in
                g.outTargets.withUnsafeBufferPointer { tg in
                    for i in range where observed?[i] ?? true {
                        let iStart = off[i], iEnd = off[i + 1]
                        for e in iStart ..< iEnd {
                            let j = Int(tg[e])
                            if !(observed?[j] ?? true) { continue }
                            let jStart = off[j], jEnd = off[j + 1]
                            paths += jEnd - jStart
                            if g.hasEdge(from: j, to: i) { paths -= 1 }
                            closed += sortedIntersectionCount(tg, iStart, iEnd, jStart, jEnd)
                        }
                    }
                }
            }
            return (closed, paths)
        }
        let closed = parts.reduce(0) { $0 + $1.closed }, paths = parts.reduce(0) { $0 + $1.paths }
        return paths > 0 ? Double(closed) / Double(paths) : nil
    }
}

/// Size of the intersection of the sorted runs `list[a ..< aEnd]` and `list[b ..< bEnd]`.
@inline(__always)
func sortedIntersectionCount(_ list: UnsafeBufferPointer<Int32>, _ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Int {
    var a = a, b = b, count = 0
    while a < aEnd && b < bEnd {
        let x = list[a], y = list[b]
        if x < y { a += 1 } else if y < x { b += 1 } else { count += 1; a += 1; b += 1 }
    }
    return count
}
