/// Which closeness to compute (<doc:Conventions>: harmonic by default).
public enum ClosenessConvention: String, Sendable, CaseIterable {
    /// `H(u) = Σ_{v ≠ u} 1 / d(v, u)`, unreachable pairs adding 0 (Marchiori &
    /// Latora 2000; networkx `harmonic_centrality`). Defined for every node,
    /// isolates get 0. The default.
    case harmonic
    /// Wasserman & Faust (1994): `C(u) = (r − 1) / Σ d · (r − 1) / (n − 1)`, `r` the
    /// number of nodes that reach `u` (itself included); networkx
    /// `closeness_centrality(G)` with `wf_improved=True`. A node nobody reaches
    /// gets 0, as in networkx.
    case wassermanFaust
    /// `1 / mean distance` over the nodes that reach `u`: `(r − 1) / Σ d`; igraph
    /// `closeness(mode = ..., normalized = TRUE)`. Undefined (`nil`; igraph NaN)
    /// for a node nobody reaches.
    case reachableOnly
}

/// Options for ``closeness(_:options:threads:)``.
public struct ClosenessOptions: Sendable, Equatable {
    /// The convention (default ``ClosenessConvention/harmonic``).
    public var convention: ClosenessConvention
    /// Distances to the person (`incoming`, default), from the person
    /// (`outgoing`), or on the symmetrized graph.
    public var direction: PathDirection
    /// `nil` (default): hop counts; otherwise weighted lengths by this transform.
    public var distance: DistanceTransform?
    /// Harmonic only: divide by `n − 1` so values lie in [0, 1] (sna
    /// `closeness(cmode = "suminvdir")`). Default `false`: the plain sum, as
    /// networkx reports it.
    public var normalizedHarmonic: Bool

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(convention: ClosenessConvention = .harmonic, direction: PathDirection = .incoming, distance: DistanceTransform? = nil, normalizedHarmonic: Bool = false) {
        self.convention = convention
        self.direction = direction
        self.distance = distance
        self.normalizedHarmonic = normalizedHarmonic
    }
}

/// Closeness centrality under a named convention: how near a person is to
/// everyone else along shortest paths.
///
/// Directions: `incoming` uses distances *to* the person, `d(v, u)` (networkx's
/// choice for a DiGraph: it reverses the graph), `outgoing` distances *from*
/// the person (networkx on `G.reverse()`), `undirected` the symmetrized graph.
/// Values are `nil` only for ``ClosenessConvention/reachableOnly`` on a node
/// that nobody reaches (or that reaches nobody, outgoing).
///
/// Reference: networkx `harmonic_centrality`, `closeness_centrality`; igraph
/// `closeness(normalized = TRUE)`. Weighted: networkx with `distance=` set to
/// the transformed lengths.
///
/// Example: path a → b → c, incoming. Harmonic: a 0, b 1, c 1 + 1/2 = 1.5.
/// Wasserman–Faust: c is reached by r − 1 = 2 nodes at total distance 3:
/// `2/3 · 2/2 = 0.667`; b: `1/1 · 1/2 = 0.5`; a: 0. Reachable-only: a `nil`,
/// b 1, c `2/3`.
///
/// `progress`, when given, is told how many people's searches are done
/// (`done`, `total`); it does not change the result.
///
/// - Complexity: O(n m) hops, O(n (m + n) log n) weighted, on `threads`
///   threads; the result does not depend on the thread count.
public func closeness(_ graph: Graph, options: ClosenessOptions = ClosenessOptions(), threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> [Double?] {
    let sums = distanceSums(graph, direction: options.direction, distance: options.distance, threads: threads, progress: progress)
    let n = graph.nodeCount
    switch options.convention {
    case .harmonic:
        let scale = options.normalizedHarmonic && n > 1 ? 1.0 / Double(n - 1) : 1.0
        return sums.inverseSum.map { $0 * scale }
    case .wassermanFaust:
        return (0 ..< n).map { wassermanFaust(reached: sums.reached[$0], total: sums.distanceSum[$0], nodeCount: n) }
    case .reachableOnly:
        return (0 ..< n).map { v in
            let others = sums.reached[v] - 1
            return others > 0 ? Double(others) / sums.distanceSum[v] : nil
        }
    }
}

/// Harmonic closeness `H(u) = Σ_{v ≠ u} 1 / d(v, u)` (incoming; `outgoing`
/// uses `d(u, v)`); unreachable pairs add 0, isolates get 0. The plain sum
/// unless `normalized` (then divided by `n − 1`).
///
/// Reference: networkx `harmonic_centrality(G)` (incoming) and
/// `harmonic_centrality(G.reverse())` (outgoing).
///
/// Example: the in-star where 4 people name a centre: centre 4, others 0.
///
/// - Complexity: O(n m) hops.
public func harmonicCloseness(_ graph: Graph, direction: PathDirection = .incoming, distance: DistanceTransform? = nil, normalized: Bool = false, threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> [Double] {
    let sums = distanceSums(graph, direction: direction, distance: distance, threads: threads, progress: progress)
    let n = graph.nodeCount
    let scale = normalized && n > 1 ? 1.0 / Double(n - 1) : 1.0
    return scale == 1 ? sums.inverseSum : sums.inverseSum.map { $0 * scale }
}

/// Wasserman–Faust closeness `(r − 1)/Σd · (r − 1)/(n − 1)` over the `r − 1`
/// nodes that reach the person (incoming) or that the person reaches
/// (outgoing); 0 when there are none, as in networkx.
///
/// Reference: networkx `closeness_centrality(G)` (`wf_improved=True`; incoming)
/// and `closeness_centrality(G.reverse())` (outgoing).
///
/// Example: in-star with 4 leaves: centre `4/4 · 4/4 = 1`, leaves 0.
///
/// - Complexity: O(n m) hops.
public func wassermanFaustCloseness(_ graph: Graph, direction: PathDirection = .incoming, distance: DistanceTransform? = nil, threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> [Double] {
    let sums = distanceSums(graph, direction: direction, distance: distance, threads: threads, progress: progress)
    let n = graph.nodeCount
    return (0 ..< n).map { wassermanFaust(reached: sums.reached[$0], total: sums.distanceSum[$0], nodeCount: n) }
}

/// Reachable-only closeness `(r − 1) / Σ d`: one over the mean distance to the
/// nodes that reach the person (incoming) or that the person reaches
/// (outgoing); `nil` when there are none.
///
/// Reference: igraph `closeness(g, mode = "in" | "out" | "all", normalized = TRUE)`
/// (igraph ≥ 0.10 returns NaN where this returns `nil`).
///
/// Example: path a → b → c, incoming: a `nil`, b 1, c `2/3`.
///
/// - Complexity: O(n m) hops.
public func reachableCloseness(_ graph: Graph, direction: PathDirection = .incoming, distance: DistanceTransform? = nil, threads: Int = Parallelism.defaultThreads, progress: ProgressHandler? = nil) -> [Double?] {
    closeness(graph, options: ClosenessOptions(convention: .reachableOnly, direction: direction, distance: distance), threads: threads, progress: progress)
}

@inline(__always)
private func wassermanFaust(reached: Int, total: Double, nodeCount n: Int) -> Double {
    guard total > 0, n > 1 else { return 0 }
    let others = Double(reached - 1)
    return others / total * (others / Double(n - 1))
}

/// Per node: how many nodes the search from it reaches (itself included), the
/// sum of their distances and the sum of their inverse distances.
struct DistanceSums {
    var reached: [Int]
    var distanceSum: [Double]
    var inverseSum: [Double]
}

/// The three output buffers of ``distanceSums(_:direction:distance:threads:progress:restored:chunkDone:)``,
/// for a checkpoint hook to read the slots of a chunk just done.
struct DistanceBuffers {
    let reached: UnsafeMutableBufferPointer<Int>
    let distanceSum: UnsafeMutableBufferPointer<Double>
    let inverseSum: UnsafeMutableBufferPointer<Double>
}

/// One search per node on the graph oriented by `direction`, on `threads`
/// threads; each node writes only its own three slots.
///
/// Checkpointing: the chunks done in `restored` (a ``SourceChunkProgress``
/// of this pass) are taken from it instead of searched, and `chunkDone(c, buffers)`
/// is called, one call at a time, after chunk `c`'s slots are written.
func distanceSums(_ graph: Graph, direction: PathDirection, distance: DistanceTransform?, threads: Int, progress: ProgressHandler? = nil,
                  restored: SourceChunkProgress? = nil, chunkDone: ((Int, DistanceBuffers) -> Void)? = nil) -> DistanceSums {
    let g = direction.searchGraph(graph)
    let n = g.nodeCount
    var reached = [Int](repeating: 0, count: n)
    var distanceSum = [Double](repeating: 0, count: n)
    var inverseSum = [Double](repeating: 0, count: n)
    var skip: [Bool] = []
    if let restored, restored.sources == n, restored.vectors.count == 3, restored.vectors.allSatisfy({ $0.count == n }) {
        skip = restored.done
        for (c, range) in ParallelSources.chunks(count: n).enumerated() where c < skip.count && skip[c] {
            for s in range {
                reached[s] = Int(restored.vectors[0][s])
                distanceSum[s] = restored.vectors[1][s]
                inverseSum[s] = restored.vectors[2][s]
            }
        }
    }
    guard n > 0 else { return DistanceSums(reached: reached, distanceSum: distanceSum, inverseSum: inverseSum) }
    let lengths = distance.map { $0.outLengths(g) } ?? []
    let weighted = distance != nil
    reached.withUnsafeMutableBufferPointer { reachedBuffer in
        distanceSum.withUnsafeMutableBufferPointer { distanceBuffer in
            inverseSum.withUnsafeMutableBufferPointer { inverseBuffer in
                let reachedOut = reachedBuffer, distanceOut = distanceBuffer, inverseOut = inverseBuffer
                let buffers = DistanceBuffers(reached: reachedOut, distanceSum: distanceOut, inverseSum: inverseOut)
                let chunkHook = chunkDone.map { hook in { (c: Int) in hook(c, buffers) } }
                g.withSearchAdjacency(lengths: lengths) { adjacency, _ in
                    if weighted {
                        ParallelSources.forEachChunk(
                            count: n, threads: threads, progress: progress, skip: skip, chunkDone: chunkHook,
                            makeWorkspace: { TraversalWorkspace(nodeCount: n) }
                        ) { range, ws in
                            for s in range {
                                ws.dijkstra(from: s, adjacency, countPaths: false)
                                var total = 0.0, inverse = 0.0
                                let order = ws.order, d = ws.distance
                                for i in 1 ..< max(ws.reached, 1) {
                                    let x = d[Int(order[i])]
                                    total += x
                                    if x != 0 { inverse += 1 / x }
                                }
                                reachedOut[s] = ws.reached
                                distanceOut[s] = total
                                inverseOut[s] = inverse
                                ws.reset()
                            }
                        }
                    } else {
                        // Hop counts: 64 searches at a time (``MultiSourceWorkspace``); by level,
                        // `size` nodes at distance `d` add `size · d` and `size / d`, in
                        // increasing `d`, as a one-source search adds them.
                        ParallelSources.forEachChunk(
                            count: n, threads: threads, progress: progress, skip: skip, chunkDone: chunkHook,
                            makeWorkspace: { MultiSourceWorkspace(nodeCount: n) }
                        ) { range, ws in
                            let width = MultiSourceWorkspace.width
                            let batches = (range.count + width - 1) / width
                            var sources = [Int](repeating: 0, count: width)
                            var hopTotals = [Int](repeating: 0, count: width)
                            for b in 0 ..< batches {
                                // Near-equal batches, fixed by the chunk alone.
                                let lower = range.lowerBound + range.count * b / batches
                                let upper = range.lowerBound + range.count * (b + 1) / batches
                                for s in lower ..< upper {
                                    reachedOut[s] = 1
                                    distanceOut[s] = 0
                                    inverseOut[s] = 0
                                    sources[s - lower] = s
                                    hopTotals[s - lower] = 0
                                }
                                sources.withUnsafeBufferPointer { all in
                                    let batch = UnsafeBufferPointer(rebasing: all[0 ..< (upper - lower)])
                                    ws.search(from: batch, adjacency) { d, sizes in
                                        for i in sizes.indices where sizes[i] > 0 {
                                            let s = lower + i
                                            reachedOut[s] += sizes[i]
                                            hopTotals[i] += sizes[i] * d
                                            inverseOut[s] += Double(sizes[i]) / Double(d)
                                        }
                                    }
                                }
                                for s in lower ..< upper { distanceOut[s] = Double(hopTotals[s - lower]) }
                            }
                        }
                    }
                }
            }
        }
    }
    return DistanceSums(reached: reached, distanceSum: distanceSum, inverseSum: inverseSum)
}
