/// Where PageRank sends the score of people who name nobody (dangling nodes).
public enum DanglingRule: String, Sendable, CaseIterable {
    /// Spread uniformly over everyone (<doc:Conventions> default; networkx's default
    /// when there is no personalization).
    case uniform
    /// Spread like the personalization vector (networkx's default when a
    /// personalization is given and `dangling=None`).
    case personalization
}

/// Options for ``pageRank(_:options:)``.
public struct PageRankOptions: Sendable, Equatable {
    /// Damping factor α: the probability of following a tie rather than
    /// jumping (default 0.85).
    public var damping: Double
    /// Follow ties in proportion to their weights (default `false`: each tie
    /// of a person is equally likely).
    public var weighted: Bool
    /// Jump probabilities, one non-negative value per node, normalized to sum
    /// 1 (networkx `personalization`); `nil` (default) jumps uniformly.
    public var personalization: [Double]?
    /// Where dangling mass goes (default ``DanglingRule/uniform``).
    public var dangling: DanglingRule
    /// Stop when the L1 change between iterates is below this (default 1e-12).
    public var tolerance: Double
    /// Give up after this many iterations (reported, never silent).
    public var maxIterations: Int

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(damping: Double = 0.85, weighted: Bool = false, personalization: [Double]? = nil, dangling: DanglingRule = .uniform, tolerance: Double = 1e-12, maxIterations: Int = 10_000) {
        self.damping = damping
        self.weighted = weighted
        self.personalization = personalization
        self.dangling = dangling
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}

/// PageRank scores and how the iteration ended.
public struct PageRankResult: Sendable, Equatable {
    /// Scores indexed by node, summing to 1.
    public var scores: [Double]
    /// Iterations, and whether the tolerance was met.
    public var convergence: Convergence
}

/// PageRank (Brin & Page 1998): the long-run share of time a walker spends
/// at each person, following a random tie with probability α and jumping
/// otherwise.
///
/// `x'_v = α (Σ_{u → v} x_u w_uv / s_u + D · d_v) + (1 − α) p_v`, where `s_u` is
/// `u`'s out-degree (out-strength when weighted), `D = Σ_{s_u = 0} x_u` the
/// dangling mass, `d` the dangling distribution and `p` the jump
/// distribution. Starts from `x_v = 1/n` and iterates until
/// `Σ_v |x'_v − x_v| < tolerance` (1e-12: within about 1e-11 of the fixed
/// point, since the map contracts by α). Binary graph by default.
///
/// Reference: networkx `pagerank(G, alpha=0.85, personalization, weight,
/// dangling)`, which stops earlier (`N · tol`, tol = 1e-6 by default); with
/// `tol=1e-14` both agree to 1e-12. networkx sends dangling mass along the
/// personalization vector when one is given and `dangling` is not; pass
/// ``DanglingRule/personalization`` to reproduce that.
///
/// Example: a ↔ b and c → a: c is never visited except by jumps,
/// `x_c = 0.15/3 = 0.05`; a receives from b and c.
///
/// - Throws: ``CentralityError/invalidPersonalization(_:)`` for a vector of the
///   wrong length, with a negative or non-finite entry, or summing to 0;
///   ``CentralityError/invalidArgument(_:)`` for a damping factor outside [0, 1].
/// Each iteration runs over fixed chunks of people on `threads` threads
/// (default: every core); the chunks' sums are combined in chunk order, so the
/// scores are the same to the last bit for any thread count.
///
/// - Complexity: O((n + m) · iterations); about 170 iterations at α = 0.85.
public func pageRank(_ graph: Graph, options: PageRankOptions = PageRankOptions(), threads: Int = Parallelism.defaultThreads) throws(CentralityError) -> PageRankResult {
    let n = graph.nodeCount
    let alpha = options.damping
    guard alpha >= 0 && alpha <= 1 else { throw .invalidArgument("PageRank damping must be in [0, 1], got \(alpha)") }
    guard n > 0 else { return PageRankResult(scores: [], convergence: Convergence(converged: true, iterations: 0, lastChange: 0)) }
    var jump = [Double](repeating: 1.0 / Double(n), count: n)
    if let p = options.personalization {
        guard p.count == n else { throw .invalidPersonalization("\(p.count) values for \(n) nodes") }
        var total = 0.0
        for value in p {
            guard value.isFinite && value >= 0 else { throw .invalidPersonalization("entries must be finite and non-negative, got \(value)") }
            total += value
        }
        guard total > 0 else { throw .invalidPersonalization("entries sum to 0") }
        jump = p.map { $0 / total }
    }
    let danglingShare = options.dangling == .uniform ? [Double](repeating: 1.0 / Double(n), count: n) : jump

    // 1 / out-strength (0 marks a dangling node).
    var inverseOut = [Double](repeating: 0, count: n)
    for u in 0 ..< n {
        var s = 0.0
        if options.weighted {
            for e in graph.outOffsets[u] ..< graph.outOffsets[u + 1] { s += graph.outWeights[e] }
        } else {
            s = Double(graph.outDegree(u))
        }
        inverseOut[u] = s != 0 ? 1.0 / s : 0
    }

    // Each iteration is one parallel pass over fixed chunks of people: a chunk
    // pulls `scaled` (x_u / s_u) along in-ties, writes its people's new scores and
    // their scaled values for the next pass, and returns its share of the L1
    // change and of the new dangling mass. Shares are added in chunk order, so
    // the result is the same for any thread count.
    let x = PageRankBuffer(count: n, value: 1.0 / Double(n))
    let next = PageRankBuffer(count: n, value: 0)
    // One extra entry, n, always 0: the padding ties of `PaddedInTies` read it.
    var scaled = PageRankBuffer(count: n + 1, value: 0)
    var nextScaled = PageRankBuffer(count: n + 1, value: 0)
    let ties = PaddedInTies(graph, weighted: options.weighted)
    var danglingMass = 0.0
    for u in 0 ..< n {
        if inverseOut[u] == 0 { danglingMass += x[u] }
        scaled[u] = x[u] * inverseOut[u]
    }
    var current = x, fresh = next
    var change = Double.infinity
    var iterations = 0
    var converged = false
    let weighted = options.weighted
    let chunkCount = max(1, min(64, n / 2048))
    let inverseOutDegree = inverseOut, jumpShare = jump
    let uniform = options.personalization == nil
    let share = 1.0 / Double(n), teleport = (1 - alpha) * share
    while iterations < options.maxIterations {
        iterations += 1
        let mass = danglingMass
        let from = current, to = fresh, pulled = scaled, pushed = nextScaled
        let parts = parallelChunks(count: n, chunks: chunkCount, threads: threads) { range -> (change: Double, dangling: Double) in
            ties.offsets.withUnsafeBufferPointer { off in
                ties.sources.withUnsafeBufferPointer { src in
                    ties.weights.withUnsafeBufferPointer { wt in
                        inverseOutDegree.withUnsafeBufferPointer { inv in
                            jumpShare.withUnsafeBufferPointer { jp in
                                danglingShare.withUnsafeBufferPointer { ds in
                                    var change = 0.0, dangling = 0.0
                                    for v in range {
                                        let s = weighted
                                            ? pullSum(src, weights: wt, from: off[v], to: off[v + 1], pulled)
                                            : pullSum(src, from: off[v], to: off[v + 1], pulled)
                                        // Without personalization both distributions are 1/n:
                                        // constants, so two vectors fewer stream through memory.
                                        let value = uniform
                                            ? alpha * (s + mass * share) + teleport
                                            : alpha * (s + mass * ds[v]) + (1 - alpha) * jp[v]
                                        to[v] = value
                                        change += abs(value - from[v])
                                        let iv = inv[v]
                                        if iv == 0 { dangling += value }
                                        pushed[v] = value * iv
                                    }
                                    return (change, dangling)
                                }
                            }
                        }
                    }
                }
            }
        }
        change = 0
        danglingMass = 0
        for part in parts {
            change += part.change
            danglingMass += part.dangling
        }
        swap(&current, &fresh)
        swap(&scaled, &nextScaled)
        if change < options.tolerance {
            converged = true
            break
        }
    }
    let scores = current.array()
    for buffer in [x, next, scaled, nextScaled] { buffer.free() }
    return PageRankResult(scores: scores, convergence: Convergence(converged: converged, iterations: iterations, lastChange: change))
}

/// A fixed-size buffer of doubles that the chunks of one PageRank iteration
/// share: each chunk writes only the entries of its own people and reads
/// entries written in the previous iteration, which `parallelChunks` has
/// finished before the next one starts, so the `@unchecked Sendable` is sound.
private struct PageRankBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int, value: Double) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
    }

    @inline(__always)
    subscript(_ i: Int) -> Double {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    func array() -> [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func free() { base.deallocate() }
}

/// `Σ_{e ∈ from..<to} values[sources[e]]` over a padded run (a multiple of
/// four ties), with four running sums to break the chain of dependent
/// additions (a fixed order: the graph's).
@inline(__always)
private func pullSum(_ sources: UnsafeBufferPointer<Int32>, from: Int, to end: Int, _ values: PageRankBuffer) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var e = from
    while e < end {
        s0 += values[Int(sources[e])]
        s1 += values[Int(sources[e + 1])]
        s2 += values[Int(sources[e + 2])]
        s3 += values[Int(sources[e + 3])]
        e += 4
    }
    return (s0 + s1) + (s2 + s3)
}

/// The same, each term times its tie weight.
@inline(__always)
private func pullSum(_ sources: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Double>, from: Int, to end: Int, _ values: PageRankBuffer) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var e = from
    while e < end {
        s0 += values[Int(sources[e])] * weights[e]
        s1 += values[Int(sources[e + 1])] * weights[e + 1]
        s2 += values[Int(sources[e + 2])] * weights[e + 2]
        s3 += values[Int(sources[e + 3])] * weights[e + 3]
        e += 4
    }
    return (s0 + s1) + (s2 + s3)
}

/// The in-ties of every person, each person's run padded to a multiple of
/// four with ties from the phantom person `n` (whose score is always 0, and
/// whose weight is 0), so that the pull loop has no remainder loop: one
/// unpredictable loop exit per person instead of two.
/// - Complexity: O(n + m) time; at most 3n extra entries.
private struct PaddedInTies {
    let offsets: [Int]
    let sources: [Int32]
    /// Parallel to `sources` when weighted, else empty.
    let weights: [Double]

    init(_ graph: Graph, weighted: Bool) {
        let n = graph.nodeCount
        let phantom = Int32(truncatingIfNeeded: n)
        var offsets = [Int](repeating: 0, count: n + 1)
        var sources: [Int32] = []
        var weights: [Double] = []
        sources.reserveCapacity(graph.edgeCount + 3 * n)
        if weighted { weights.reserveCapacity(graph.edgeCount + 3 * n) }
        for v in 0 ..< n {
            let first = graph.inOffsets[v], end = graph.inOffsets[v + 1]
            sources.append(contentsOf: graph.inSources[first ..< end])
            if weighted { weights.append(contentsOf: graph.inWeights[first ..< end]) }
            let padding = (4 - (end - first) % 4) % 4
            for _ in 0 ..< padding {
                sources.append(phantom)
                if weighted { weights.append(0) }
            }
            offsets[v + 1] = sources.count
        }
        self.offsets = offsets
        self.sources = sources
        self.weights = weights
    }
}
