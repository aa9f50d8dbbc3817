/// A harmonic-closeness estimate from randomly chosen pivots, with what it
/// needs to be reproduced and the error it is stated to have.
public struct SampledHarmonicCloseness: Sendable, Equatable {
    /// The estimate, indexed by node, unnormalized (the scale of ``harmonicCloseness(_:direction:distance:normalized:threads:progress:)``).
    public var values: [Double]
    /// The pivots searched from, ascending (all nodes when the result is exact).
    public var pivots: [Int]
    /// The seed that chose them.
    public var seed: UInt64
}

/// Harmonic closeness estimated from `pivotCount` pivots (Eppstein & Wang
/// 2004, "Fast approximation of centrality", JGAA 8(1), doi:10.7155/jgaa.00081),
/// for graphs too large for the exact O(nm) computation.
///
/// The exact value is `H(u) = Σ_{v ≠ u} 1/d(v, u)` (incoming; `outgoing` uses
/// `d(u, v)`; unreachable pairs add 0), the convention of
/// ``harmonicCloseness(_:direction:distance:normalized:threads:progress:)``.
/// One breadth-first search from a pivot `v` (along ties for incoming, against
/// them for outgoing) gives `1/d(v, u)` for every `u` at once, so `k` searches
/// (run 64 at a time, ``MultiSourceWorkspace``) give every person's estimate
///
///     Ĥ(u) = (n − 1)/k · Σ_{pivots v} 1/d(v, u)              (u not a pivot)
///     Ĥ(u) = (n − 1)/(k − 1) · Σ_{pivots v ≠ u} 1/d(v, u)    (u a pivot)
///
/// the networkx rule for sampled betweenness applied to harmonic sums. Given
/// whether `u` is a pivot, the other pivots are a uniform sample without
/// replacement of the `n − 1` other people, so `Ĥ(u)` is unbiased. Each term
/// `1/d` lies in [0, 1], so Hoeffding's inequality (which also holds without
/// replacement, Hoeffding 1963 §6) gives
/// `|Ĥ(u) − H(u)| ≤ (n − 1) · √(ln(2/δ) / (2(k − 1)))` with probability
/// `1 − δ` for each person (see ``NodeMeasureTable/Estimate/harmonicBound(pivots:people:confidence:)``).
///
/// Pivots are drawn exactly as ``sampledBetweenness(_:pivotCount:seed:options:threads:progress:)``
/// draws them (seeded SplitMix64, partial Fisher–Yates), so the same
/// `pivotCount` and `seed` search from the same people. `pivotCount` is
/// clamped to `2...n`; with `n` pivots the result is the exact one, bit for
/// bit. Pivots are split into fixed chunks whose partial sums are added in
/// chunk order, so the result does not depend on `threads`. `progress` is told
/// how many pivots have been searched (`done`, `total` = the pivot count).
///
/// Example: the in-star where 4 people name a centre has `H(centre) = 4`. With
/// 2 pivots that are both leaves, the centre's estimate is `4/2 · (1 + 1) = 4`.
///
/// - Complexity: O(n + k m) hops (directed, unweighted paths only).
public func sampledHarmonicCloseness(_ graph: Graph, direction: PathDirection = .incoming, pivotCount: Int, seed: UInt64, threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> SampledHarmonicCloseness {
    let n = graph.nodeCount
    guard n > 0 else { return SampledHarmonicCloseness(values: [], pivots: [], seed: seed) }
    let pivots = samplePivots(nodeCount: n, count: pivotCount, seed: seed)
    if pivots.count == n {
        let exact = harmonicCloseness(graph, direction: direction, threads: threads, progress: progress)
        return SampledHarmonicCloseness(values: exact, pivots: pivots, seed: seed)
    }
    // Searches run from the pivots towards the people whose value they feed:
    // the opposite orientation of the exact computation's per-person searches.
    let g: Graph
    switch direction {
    case .incoming: g = graph
    case .outgoing: g = graph.reversed()
    case .undirected: g = graph.symmetrized()
    }
    let sums = g.withAdjacency(.out, lengths: []) { forward in
        pivots.withUnsafeBufferPointer { list in
            ParallelSources.sum(
                count: list.count, length: n, threads: threads, progress: progress,
                makeWorkspace: { MultiSourceWorkspace(nodeCount: n) }
            ) { range, ws, partial in
                // Up to 64 pivots searched at once (``MultiSourceWorkspace``), in
                // near-equal batches fixed by the chunk alone: a person first reached
                // at distance `d` by `c` pivots of the batch adds `c / d`.
                let width = MultiSourceWorkspace.width
                let batches = (range.count + width - 1) / width
                for b in 0 ..< batches {
                    let lower = range.lowerBound + range.count * b / batches
                    let upper = range.lowerBound + range.count * (b + 1) / batches
                    let batch = UnsafeBufferPointer(rebasing: list[lower ..< upper])
                    ws.searchLevels(from: batch, forward) { d, reached in
                        let inverse = 1 / Double(d)
                        for j in 0 ..< reached.nodes.count {
                            partial[Int(reached.nodes[j])] += Double(reached.sources(of: j).nonzeroBitCount) * inverse
                        }
                    }
                }
            }
        }
    }
    let k = Double(pivots.count)
    let otherScale = Double(n - 1) / k, pivotScale = Double(n - 1) / (k - 1)
    var values = sums
    var isPivot = [Bool](repeating: false, count: n)
    for p in pivots { isPivot[p] = true }
    for v in 0 ..< n { values[v] *= isPivot[v] ? pivotScale : otherScale }
    return SampledHarmonicCloseness(values: values, pivots: pivots, seed: seed)
}

/// `min(max(count, 2), n)` distinct node indices, ascending, drawn without
/// replacement by a partial Fisher–Yates shuffle driven by ``SplitMix64``:
/// the same draw as ``sampledBetweenness(_:pivotCount:seed:options:threads:progress:)``,
/// so both estimators search from the same people for the same count and seed.
/// All of `0..<n` when the clamped count is `n`.
/// - Complexity: O(n).
func samplePivots(nodeCount n: Int, count: Int, seed: UInt64) -> [Int] {
    guard n > 0 else { return [] }
    let k = min(max(count, 2), n)
    var generator = SplitMix64(seed: seed)
    var pool = Array(0 ..< n)
    for i in 0 ..< k {
        let j = i + generator.below(n - i)
        pool.swapAt(i, j)
    }
    return pool[0 ..< k].sorted()
}
