/// How betweenness values are scaled.
public enum BetweennessScale: String, Sendable, CaseIterable {
    /// Divided by the number of ordered pairs that could route through a node,
    /// networkx's rule (`normalized=True`): `1 / ((n − 1)(n − 2))`, or
    /// `1 / (n(n − 1))` with endpoints. On the undirected view this equals
    /// `2B / ((n − 1)(n − 2))` for the unordered-pair count `B` (default).
    case normalized
    /// The raw count: the sum over ordered pairs (directed) or unordered pairs
    /// (undirected) of the share of shortest paths through the node (networkx
    /// `normalized=False`, sna `betweenness`). Freeman centralization uses it.
    case raw
}

/// Options for ``betweenness(_:options:threads:)``. The defaults are
/// those of <doc:Conventions>: directed, hop counts, no endpoints, networkx normalization.
public struct BetweennessOptions: Sendable, Equatable {
    /// Normalized (default) or raw.
    public var scale: BetweennessScale
    /// Run on ``Graph/symmetrized()`` and count unordered pairs (networkx
    /// `betweenness_centrality` on the undirected graph).
    public var undirected: Bool
    /// Count the endpoints of each path as lying on it (networkx `endpoints=True`).
    public var endpoints: Bool
    /// `nil` (default): shortest paths in hops. Otherwise ties get lengths by
    /// this transform and paths are found with Dijkstra.
    public var distance: DistanceTransform?

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(scale: BetweennessScale = .normalized, undirected: Bool = false, endpoints: Bool = false, distance: DistanceTransform? = nil) {
        self.scale = scale
        self.undirected = undirected
        self.endpoints = endpoints
        self.distance = distance
    }
}

/// Betweenness centrality (Freeman 1977), computed with Brandes' algorithm
/// (2001): how often a person lies on the shortest paths between two others.
///
/// `B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st`, where `σ_st` is the number of
/// shortest paths from `s` to `t` and `σ_st(v)` the number through `v`.
/// Default (<doc:Conventions>): directed ties, hop counts, ordered pairs, scaled by
/// `1 / ((n − 1)(n − 2))`. See ``BetweennessOptions`` for raw values, the
/// undirected view, endpoints and weighted (Dijkstra) paths. Graphs of at most
/// two nodes (three with endpoints excluded from the count) are not rescaled,
/// as in networkx.
///
/// Reference: networkx `betweenness_centrality(G, normalized=..., endpoints=...,
/// weight=...)`; for weighted paths pass the transformed lengths as `weight`.
///
/// Example: the path a → b → c. Only `b` lies between a pair (a, c): raw
/// `B(b) = 1`; normalized `1 / (2 · 1) = 0.5`. Undirected raw: 1 (one unordered
/// pair), normalized `2 · 1 / 2 = 1`.
///
/// Sources are split into fixed chunks run on `threads` threads (see
/// ``Parallelism``); the result is bit-for-bit the same for any thread count.
/// `progress`, when given, is told how many sources have been searched
/// (`done`, `total`) as chunks finish; it does not change the result.
///
/// - Complexity: O(n m) time for hop counts, O(n (m + n) log n) weighted;
///   O(n) scratch per thread plus one O(n) partial vector per thread.
public func betweenness(_ graph: Graph, options: BetweennessOptions = BetweennessOptions(), threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> [Double] {
    let sums = brandesSums(graph, sources: nil, options: options, threads: threads, progress: progress)
    return rescaleBetweenness(sums, nodeCount: graph.nodeCount, pivots: nil, options: options)
}

/// Betweenness estimated from the shortest paths that start at the given
/// pivot sources only (Brandes & Pich 2007), rescaled as networkx does for
/// `betweenness_centrality(G, k=len(pivots))` with exactly these pivots.
///
/// Without endpoints a pivot cannot lie between itself and a target, so
/// networkx (3.5+) scales pivot nodes by `1 / ((k − 1)(n − 2))` and the others
/// by `1 / (k (n − 2))` (normalized), or `(n − 1) / ((k − 1) c)` and
/// `(n − 1) / (k c)` (raw, `c` = 1 directed, 2 undirected). With endpoints every
/// node is scaled by `1 / (k (n − 1))` (normalized) or `n / (k c)` (raw). When
/// the pivots are all `n` nodes the result is ``betweenness(_:options:threads:)``.
///
/// - Parameter pivots: distinct node indices (duplicates are ignored, order
///   does not matter); at least 2 of them unless they are all the nodes.
/// - Throws: ``CentralityError/invalidArgument(_:)`` for an index out of range
///   or fewer than 2 pivots.
/// - Complexity: O(k m) hops, O(k (m + n) log n) weighted.
public func betweenness(_ graph: Graph, pivots: [Int], options: BetweennessOptions = BetweennessOptions(), threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) throws(CentralityError) -> [Double] {
    let n = graph.nodeCount
    var seen = [Bool](repeating: false, count: n)
    var distinct: [Int] = []
    for p in pivots {
        guard p >= 0 && p < n else { throw .invalidArgument("pivot \(p) is not a node index (0..<\(n))") }
        if !seen[p] {
            seen[p] = true
            distinct.append(p)
        }
    }
    distinct.sort()
    if distinct.count == n { return betweenness(graph, options: options, threads: threads, progress: progress) }
    guard distinct.count >= 2 else { throw .invalidArgument("sampled betweenness needs at least 2 pivots, got \(distinct.count)") }
    let sums = brandesSums(graph, sources: distinct, options: options, threads: threads, progress: progress)
    return rescaleBetweenness(sums, nodeCount: n, pivots: distinct, options: options)
}

/// A betweenness estimate from randomly chosen pivots, with what it needs to be reproduced.
public struct SampledBetweenness: Sendable, Equatable {
    /// The estimate, indexed by node, scaled as ``betweenness(_:pivots:options:threads:)``.
    public var values: [Double]
    /// The pivots used, ascending.
    public var pivots: [Int]
    /// The seed that chose them.
    public var seed: UInt64
}

/// Betweenness estimated from `pivotCount` pivots drawn without replacement
/// by a seeded SplitMix64 generator (never the system generator), for graphs
/// too large for the exact O(nm) computation.
///
/// The same seed gives the same pivots on every platform and Swift release.
/// `pivotCount` is clamped to `2...n`; with `n` pivots the result is exact.
///
/// Example: `sampledBetweenness(g, pivotCount: 500, seed: 42)` on a 50,000-person
/// graph costs 1% of the exact computation.
///
/// - Complexity: O(n + k m) hops.
public func sampledBetweenness(_ graph: Graph, pivotCount: Int, seed: UInt64, options: BetweennessOptions = BetweennessOptions(), threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> SampledBetweenness {
    let n = graph.nodeCount
    guard n > 0 else { return SampledBetweenness(values: [], pivots: [], seed: seed) }
    let k = min(max(pivotCount, 2), n)
    var generator = SplitMix64(seed: seed)
    var pool = Array(0 ..< n)
    for i in 0 ..< k {
        let j = i + generator.below(n - i)
        pool.swapAt(i, j)
    }
    let chosen = pool[0 ..< k].sorted()
    let values: [Double]
    if k == n {
        values = betweenness(graph, options: options, threads: threads, progress: progress)
    } else {
        let sums = brandesSums(graph, sources: chosen, options: options, threads: threads, progress: progress)
        values = rescaleBetweenness(sums, nodeCount: n, pivots: chosen, options: options)
    }
    return SampledBetweenness(values: values, pivots: chosen, seed: seed)
}

// MARK: - Brandes

/// Raw Brandes sums over ordered pairs (s, t) for the given sources (all nodes
/// when `nil`), on the directed or symmetrized graph. `resume` and `batchDone`
/// are ``ParallelSources/sum(count:length:threads:progress:resume:batchDone:makeWorkspace:body:)``'s
/// checkpoint hooks.
func brandesSums(_ graph: Graph, sources: [Int]?, options: BetweennessOptions, threads: Int, progress: ProgressHandler? = nil,
                 resume: (chunks: Int, total: [Double])? = nil, batchDone: ((Int, UnsafeMutableBufferPointer<Double>) -> Void)? = nil) -> [Double] {
    let g = options.undirected ? graph.symmetrized() : graph
    let n = g.nodeCount
    guard n > 0 else { return [] }
    let sourceList = sources ?? []
    let sourceCount = sources?.count ?? n
    let endpoints = options.endpoints
    let lengths = options.distance.map { $0.outLengths(g) } ?? []
    let weighted = options.distance != nil
    return g.withSearchAdjacency(lengths: lengths) { forward, backward in
        sourceList.withUnsafeBufferPointer { list in
            ParallelSources.sum(
                count: sourceCount, length: n, threads: threads, progress: progress,
                resume: resume, batchDone: batchDone,
                makeWorkspace: { TraversalWorkspace(nodeCount: n) }
            ) { range, workspace, partial in
                for i in range {
                    let s = list.isEmpty ? i : list[i]
                    if weighted {
                        workspace.dijkstra(from: s, forward, countPaths: true)
                        accumulateWeighted(workspace, source: s, forward, partial, endpoints: endpoints)
                    } else {
                        workspace.breadthFirst(from: s, forward, backward, countPaths: true)
                        accumulateHops(workspace, source: s, forward, backward, partial, endpoints: endpoints)
                    }
                    workspace.reset()
                }
            }
        }
    }
}

/// How much cheaper a tie is to read in the pull form of the accumulation
/// than in the push form (a pull adds into a register; a push tests a level
/// and updates memory).
private let pushTieCost = 4

/// Brandes' dependency accumulation after ``TraversalWorkspace/breadthFirst(from:_:_:countPaths:bottomUpDiscount:)``,
/// level by level from the deepest: `δ(v) = σ(v) Σ_w (1 + δ(w)) / σ(w)` over
/// the successors `w` of `v` (out-neighbours one level further), and `v`'s
/// coefficient `(1 + δ(v)) / σ(v)` is stored for the level above. Each level
/// takes the cheaper of two forms, by the tie counts the search recorded:
///
/// - pull: each node of level `d` reads the coefficient of every out-neighbour
///   and adds them up, with no scattered writes and no test per tie. An
///   out-neighbour of a level-`d` node is on level `d + 1` (accumulated), on
///   level `d` or nearer the source (coefficient still 0: a level's
///   coefficients are kept in ``TraversalWorkspace/pending`` and written to
///   ``TraversalWorkspace/coefficient`` only when the whole level is done),
///   never deeper than `d + 1`; so the sum over every out-neighbour is the sum
///   over the successors;
/// - push: each node of level `d + 1` adds its coefficient into `gather` of
///   every in-neighbour on level `d`, when level `d + 1` has far fewer in-ties
///   than level `d` has out-ties (the last levels of a search).
///
/// One entry per node (not one per node and level parity) keeps the array the
/// pull reads at random half as large, which matters once it no longer fits in
/// a core's cache (8 bytes a person: 1.6 MB at 200,000 people).
///
/// The deepest level has no successors and reads nothing. Which form a level
/// takes depends on the graph and the source only, so results do not depend
/// on the thread count.
@inline(__always)
private func accumulateHops(_ ws: TraversalWorkspace, source s: Int, _ forward: Adjacency, _ backward: Adjacency, _ partial: UnsafeMutableBufferPointer<Double>, endpoints: Bool) {
    let order = ws.order, hops = ws.hops, sigma = ws.sigmaInOrder, coefficient = ws.coefficient, gather = ws.gather, pending = ws.pending
    let levelStart = ws.levelStart, levelOut = ws.levelOutTies, levelIn = ws.levelInTies
    let outOffsets = forward.offsets, outTargets = forward.targets
    let inOffsets = backward.offsets, inSources = backward.targets
    let reached = ws.reached
    let levels = ws.levelCount
    if endpoints { partial[s] += Double(reached - 1) }
    guard levels > 1 else { return }
    let own = endpoints ? 1.0 : 0.0
    var touched = 0
    let tieCount = outTargets.count
    defer { ws.keep(touched) }
    // The deepest level: no successors, δ = 0.
    let deepest = levels - 1
    for i in levelStart[deepest] ..< levelStart[levels] {
        let v = Int(order[i])
        coefficient[v] = 1 / sigma[i]
        partial[v] += own
    }
    var level = deepest - 1
    while level > 0 {
        let first = levelStart[level], last = levelStart[level + 1]
        if pushTieCost * levelIn[level + 1] < levelOut[level] {
            let d = Int32(truncatingIfNeeded: level)
            for j in last ..< levelStart[level + 2] {
                let w = Int(order[j])
                let c = coefficient[w]
                for e in inOffsets[w] ..< inOffsets[w + 1] {
                    let u = Int(inSources[e])
                    gather[u] += hops[u] == d ? c : 0
                }
            }
            for i in first ..< last {
                let v = Int(order[i])
                let dependency = sigma[i] * gather[v]
                gather[v] = 0
                pending[i - first] = (1 + dependency) / sigma[i]
                partial[v] += dependency + own
            }
        } else {
            for i in first ..< last {
                let v = Int(order[i])
                let ahead = outOffsets[Int(order[min(i &+ TraversalWorkspace.lookAhead, last &- 1)])]
                touched &+= ahead < tieCount ? Int(outTargets[ahead]) : 0
                // Four running sums break the chain of dependent additions (a fixed
                // order that depends on the graph only, so every thread count agrees).
                var g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0
                var e = outOffsets[v]
                let end = outOffsets[v + 1]
                while e + 4 <= end {
                    g0 += coefficient[Int(outTargets[e])]
                    g1 += coefficient[Int(outTargets[e + 1])]
                    g2 += coefficient[Int(outTargets[e + 2])]
                    g3 += coefficient[Int(outTargets[e + 3])]
                    e += 4
                }
                while e < end {
                    g0 += coefficient[Int(outTargets[e])]
                    e += 1
                }
                let dependency = sigma[i] * ((g0 + g1) + (g2 + g3))
                pending[i - first] = (1 + dependency) / sigma[i]
                partial[v] += dependency + own
            }
        }
        for i in first ..< last { coefficient[Int(order[i])] = pending[i - first] }
        level -= 1
    }
}

/// The same after Dijkstra: `w` follows `v` when `d(v) + ℓ(v, w) == d(w)`,
/// the test (and the floating-point sum) networkx uses.
@inline(__always)
private func accumulateWeighted(_ ws: TraversalWorkspace, source s: Int, _ forward: Adjacency, _ partial: UnsafeMutableBufferPointer<Double>, endpoints: Bool) {
    let order = ws.order, distance = ws.distance, sigma = ws.sigma, coefficient = ws.delta
    let offsets = forward.offsets, targets = forward.targets, lengths = forward.lengths
    let reached = ws.reached
    if endpoints { partial[s] += Double(reached - 1) }
    var i = reached - 1
    while i > 0 {
        let v = Int(order[i])
        let dv = distance[v]
        var gathered = 0.0
        for e in offsets[v] ..< offsets[v + 1] {
            let w = Int(targets[e])
            if dv + lengths[e] == distance[w] { gathered += coefficient[w] }
        }
        let dependency = sigma[v] * gathered
        coefficient[v] = (1 + dependency) / sigma[v]
        partial[v] += endpoints ? dependency + 1 : dependency
        i -= 1
    }
}

/// networkx 3.6 `_rescale`.
func rescaleBetweenness(_ sums: [Double], nodeCount n: Int, pivots: [Int]?, options: BetweennessOptions) -> [Double] {
    let bigN = options.endpoints ? n : n - 1
    if bigN < 2 { return sums }
    let correction = options.undirected ? 2.0 : 1.0
    let N = Double(bigN)
    guard let pivots, pivots.count < n else {
        let scale = options.scale == .normalized ? 1.0 / (N * (N - 1)) : 1.0 / correction
        return scale == 1 ? sums : sums.map { $0 * scale }
    }
    let k = Double(pivots.count)
    if options.endpoints {
        let scale = options.scale == .normalized ? 1.0 / (k * (N - 1)) : N / (k * correction)
        return sums.map { $0 * scale }
    }
    let sourceScale: Double, otherScale: Double
    if options.scale == .normalized {
        sourceScale = 1.0 / ((k - 1) * (N - 1))
        otherScale = 1.0 / (k * (N - 1))
    } else {
        sourceScale = N / ((k - 1) * correction)
        otherScale = N / (k * correction)
    }
    var isPivot = [Bool](repeating: false, count: n)
    for p in pivots { isPivot[p] = true }
    var result = sums
    for v in 0 ..< n { result[v] *= isPivot[v] ? sourceScale : otherScale }
    return result
}

