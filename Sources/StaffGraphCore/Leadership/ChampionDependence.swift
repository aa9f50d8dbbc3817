/// What the network keeps when its `k` most central people leave.
public struct ChampionRemoval: Sendable, Equatable {
    /// How many people were removed.
    public var k: Int
    /// Who, most central first (roster indices).
    public var removed: [Int]
    /// Ordered pairs (i, j), i ≠ j, among the people left, such that i can reach j along ties.
    public var reachablePairs: Int
    /// `reachablePairs` over the reachable pairs of the whole network (`nil` when that is 0).
    public var shareOfPairsKept: Double?
    /// Weakly connected components among the people left (isolates count).
    public var components: Int
    /// Size of the largest of them.
    public var largestComponent: Int
}

/// Champion dependence (<doc:Conventions>): how much of the network's reach rests
/// on a few people. Removes the top `k` people by a score (in-degree,
/// betweenness, any centrality) and reports the ordered pairs that can still
/// reach each other along directed ties ("advice can still travel from i to j")
/// and the weak components left.
///
/// The ranking is by descending score, ties broken by roster order; NaN scores
/// rank last. Reachable pairs are counted exactly from the strong-component
/// condensation (see ``KrackhardtDimensions``): `Σ_i |reach(i)| − 1`.
///
/// Example: a star where b, c, d all name a and a names no one has 3 reachable
/// pairs; removing a (k = 1) leaves 0 pairs and 3 components.
public struct ChampionDependence: Sendable, Equatable {
    /// Reachable ordered pairs of the whole network.
    public var reachablePairs: Int
    /// Weak components of the whole network.
    public var components: Int
    /// Largest weak component of the whole network.
    public var largestComponent: Int
    /// One entry per k.
    public var removals: [ChampionRemoval]
    /// Name of the score used (for printing: "in-degree", "betweenness").
    public var scoreName: String

    /// Removes the top `k` by `scores` for each `k` in `ks`.
    /// - Complexity: per k, O(n + m) plus the reachability count O(C (C + m_C) / 64)
    ///   over C strong components.
    /// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
    public init(_ graph: Graph, scores: [Double], scoreName: String, ks: [Int] = [1, 3, 5], threads: Int = Parallelism.defaultThreads) {
        precondition(scores.count == graph.nodeCount, "one score per person")
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let ranking = (0 ..< n).sorted { a, b in
            let x = scores[a], y = scores[b]
            if x.isNaN != y.isNaN { return y.isNaN }
            if !x.isNaN && x != y { return x > y }
            return a < b
        }
        let weak = weakComponents(g)
        reachablePairs = countReachablePairs(g, threads: threads)
        components = weak.count
        largestComponent = weak.largest
        self.scoreName = scoreName
        let base = reachablePairs
        removals = ks.map { k in
            let removed = Array(ranking.prefix(max(0, k)))
            var keep = [Bool](repeating: true, count: n)
            for v in removed { keep[v] = false }
            let sub = g.subgraph(keeping: keep).graph
            let pairs = countReachablePairs(sub, threads: threads)
            let w = weakComponents(sub)
            return ChampionRemoval(k: k, removed: removed, reachablePairs: pairs,
                                   shareOfPairsKept: base > 0 ? Double(pairs) / Double(base) : nil,
                                   components: w.count, largestComponent: w.largest)
        }
    }
}

/// Ordered pairs (i, j), i ≠ j, with a directed path from i to j.
/// - Complexity: O(C (C + m_C) / 64 + C²) over the strong-component condensation,
///   blocked by 64 target components, so memory stays O(C).
func countReachablePairs(_ g: Graph, threads: Int = Parallelism.defaultThreads) -> Int {
    let cond = Condensation(g)
    let c = cond.count
    if c == 0 { return 0 }
    let blocks = (c + 63) / 64
    // For each block of 64 target components, propagate one word per component
    // from the last component backwards (successors have larger numbers).
    let parts = parallelChunks(count: blocks, threads: threads) { range -> Int in
        var word = [UInt64](repeating: 0, count: c)
        var pairs = 0
        for block in range {
            let lo = block * 64, hi = min(c, lo + 64)
            for x in stride(from: c - 1, through: 0, by: -1) {
                var bits: UInt64 = (x >= lo && x < hi) ? 1 << UInt64(x - lo) : 0
                for e in cond.offsets[x] ..< cond.offsets[x + 1] { bits |= word[cond.targets[e]] }
                word[x] = bits
                var b = bits
                var reached = 0
                while b != 0 {
                    reached += cond.sizes[lo + b.trailingZeroBitCount]
                    b &= b - 1
                }
                pairs += cond.sizes[x] * reached
            }
        }
        return pairs
    }
    // Every person "reaches" themselves in the count above: subtract n.
    return parts.reduce(0, +) - g.nodeCount
}
