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
    /// Give up after this many iterations (reported, never silent); with
    /// ``PageRankSolver/gmres(restart:)``, this many products with the matrix.
    public var maxIterations: Int
    /// How the fixed point is found (default ``PageRankSolver/power``).
    public var solver: PageRankSolver

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(damping: Double = 0.85, weighted: Bool = false, personalization: [Double]? = nil, dangling: DanglingRule = .uniform, tolerance: Double = 1e-12, maxIterations: Int = 10_000, solver: PageRankSolver = .power) {
        self.damping = damping
        self.weighted = weighted
        self.personalization = personalization
        self.dangling = dangling
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.solver = solver
    }
}

/// The method ``pageRank(_:options:threads:)`` uses to reach the fixed point.
/// Both stop on the same quantity: `‖b − A x‖₁ < tolerance`, which for the power
/// iteration is exactly the L1 change of one more step.
public enum PageRankSolver: Sendable, Equatable {
    /// The power iteration `x ← α M x + (1 − α) p` (networkx's method).
    case power
    /// Restarted GMRES(m) (Saad & Schultz 1986, doi:10.1137/0907058) on the
    /// linear system `(I − α M) x = (1 − α) p`, restarting every `restart`
    /// products (20 is a good default), from the same start `1/n`. Fewer
    /// products with the matrix than the power iteration; each step also
    /// orthogonalizes against up to `restart` stored vectors (`restart + 1`
    /// vectors of n doubles in memory).
    case gmres(restart: Int)
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
/// ``PageRankOptions/solver`` may replace the power iteration by restarted
/// GMRES on the same linear system (``PageRankSolver/gmres(restart:)``), which
/// stops on the same L1 residual and so reaches the same fixed point within
/// `tolerance / (1 − α)`, in fewer products with the matrix.
///
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

    // Out-strength of each person (out-degree when binary); 0 marks a dangling node.
    var strength = [Double](repeating: 0, count: n)
    for u in 0 ..< n {
        var s = 0.0
        if options.weighted {
            for e in graph.outOffsets[u] ..< graph.outOffsets[u + 1] { s += graph.outWeights[e] }
        } else {
            s = Double(graph.outDegree(u))
        }
        strength[u] = s
    }
    if case .gmres(let restart) = options.solver {
        return gmresPageRank(graph, strength: strength, jump: jump, danglingShare: danglingShare, options: options, restart: max(1, restart), threads: threads)
    }
    // 1 / out-strength (0 marks a dangling node).
    let inverseOut = strength.map { $0 != 0 ? 1.0 / $0 : 0 }

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

    init(base: UnsafeMutablePointer<Double>, count: Int) {
        self.base = base
        self.count = count
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
    /// Where each of `chunks` chunks of people of about equal work begins (and,
    /// last, `n`): the work of a person counted as their padded in-ties plus 4.
    /// Depends only on the graph and `chunks`, never on the thread count.
    func chunkBounds(chunks: Int) -> [Int] {
        let n = offsets.count - 1
        let total = offsets[n] + 4 * n
        var bounds = [0]
        var v = 0
        for c in 1 ..< max(chunks, 1) {
            let target = c * total / chunks
            while v < n && offsets[v] + 4 * v < target { v += 1 }
            bounds.append(v)
        }
        bounds.append(n)
        return bounds
    }
}

/// Restarted GMRES(m) for PageRank (Saad & Schultz 1986): solves
/// `A x = b` with `A x = x − α (Pᵀ x + d · Σ_{s_u = 0} x_u)` (`Pᵀ x_v = Σ_{u → v} x_u w_uv / s_u`,
/// d the dangling distribution) and `b = (1 − α) p`, from `x₀ = 1/n`. Arnoldi with
/// modified Gram–Schmidt, Givens rotations on the small Hessenberg matrix.
/// Stops when the true residual `‖b − A x‖₁` (checked at each restart, and
/// whenever the running two-norm estimate times √n falls below the tolerance)
/// is below the tolerance. Every sum over people runs over fixed chunks added
/// in chunk order, so the result is the same to the last bit for any thread
/// count. `iterations` counts products with `A`.
private func gmresPageRank(_ graph: Graph, strength: [Double], jump: [Double], danglingShare: [Double], options: PageRankOptions, restart m: Int, threads: Int) -> PageRankResult {
    let n = graph.nodeCount
    let alpha = options.damping
    let ties = PaddedInTies(graph, weighted: options.weighted)
    let bounds = ties.chunkBounds(chunks: max(1, min(64, n / 2048)))
    let tieChunks = bounds.count - 1
    let vectorChunks = max(1, min(64, n / 2048))
    let weighted = options.weighted
    let uniform = options.personalization == nil
    let share = 1.0 / Double(n)
    let basis = PageRankBuffer(count: (m + 1) * n, value: 0)
    let x = PageRankBuffer(count: n, value: 1.0 / Double(n))
    let scaled = PageRankBuffer(count: n + 1, value: 0)   // entry n stays 0 (padding ties)
    let b = jump.map { (1 - alpha) * $0 }
    defer { for buffer in [basis, x, scaled] { buffer.free() } }
    func vector(_ i: Int) -> PageRankBuffer { PageRankBuffer(base: basis.base + i * n, count: n) }
    /// Σ over people of `body`'s per-chunk partial sums, in chunk order.
    func sum(_ body: @Sendable (Range<Int>) -> Double) -> Double {
        parallelChunks(count: n, chunks: vectorChunks, threads: threads, body).reduce(0, +)
    }
    var products = 0
    /// out = A · src.
    func multiply(_ src: PageRankBuffer, into out: PageRankBuffer) {
        products += 1
        let mass = sum { range in
            strength.withUnsafeBufferPointer { sv in
                var dangling = 0.0
                for u in range {
                    let isDangling = sv[u] == 0
                    scaled[u] = src[u] / (isDangling ? 1.0 : sv[u])
                    dangling += isDangling ? src[u] : 0
                }
                return dangling
            }
        }
        _ = parallelChunks(count: tieChunks, chunks: tieChunks, threads: threads) { chunk -> Int in
            ties.offsets.withUnsafeBufferPointer { off in
                ties.sources.withUnsafeBufferPointer { src2 in
                    ties.weights.withUnsafeBufferPointer { wt in
                        danglingShare.withUnsafeBufferPointer { ds in
                            for v in bounds[chunk.lowerBound] ..< bounds[chunk.upperBound] {
                                let s = weighted
                                    ? pullSum(src2, weights: wt, from: off[v], to: off[v + 1], scaled)
                                    : pullSum(src2, from: off[v], to: off[v + 1], scaled)
                                out[v] = src[v] - alpha * (s + mass * (uniform ? share : ds[v]))
                            }
                            return 0
                        }
                    }
                }
            }
        }
    }
    /// Writes r = b − A x into vector 0; returns (‖r‖₁, ‖r‖₂).
    func residual() -> (l1: Double, l2: Double) {
        let r = vector(0)
        multiply(x, into: r)
        let norms = parallelChunks(count: n, chunks: vectorChunks, threads: threads) { range -> (Double, Double) in
            b.withUnsafeBufferPointer { bb in
                var one = 0.0, two = 0.0
                for v in range {
                    let value = bb[v] - r[v]
                    r[v] = value
                    one += abs(value)
                    two += value * value
                }
                return (one, two)
            }
        }
        var one = 0.0, two = 0.0
        for part in norms { one += part.0; two += part.1 }
        return (one, two.squareRoot())
    }
    /// v ← v · factor.
    func scale(_ target: PageRankBuffer, by factor: Double) {
        _ = parallelChunks(count: n, chunks: vectorChunks, threads: threads) { range -> Int in
            for v in range { target[v] *= factor }
            return 0
        }
    }

    var h = [Double](repeating: 0, count: (m + 1) * m)   // Hessenberg, column-major: h[i + j (m + 1)]
    var cs = [Double](repeating: 0, count: m), sn = [Double](repeating: 0, count: m)
    var g = [Double](repeating: 0, count: m + 1)
    let rootN = Double(n).squareRoot()
    var (l1, beta) = residual()
    var converged = l1 < options.tolerance
    while !converged && products < options.maxIterations && beta > 0 {
        scale(vector(0), by: 1 / beta)
        for i in 0 ... m { g[i] = 0 }
        g[0] = beta
        var steps = 0
        for j in 0 ..< m {
            if products >= options.maxIterations { break }
            let w = vector(j + 1)
            multiply(vector(j), into: w)
            // Modified Gram–Schmidt, one pass per basis vector: subtract the previous
            // projection and take the next dot product in the same sweep.
            var previous = 0.0
            for i in 0 ... j + 1 {
                let prior = i > 0 ? vector(i - 1) : w, coefficient = previous
                let against = i <= j ? vector(i) : w
                let dot = sum { range in
                    var acc = 0.0
                    for v in range {
                        if i > 0 { w[v] -= coefficient * prior[v] }
                        acc += w[v] * against[v]
                    }
                    return acc
                }
                if i <= j {
                    h[i + j * (m + 1)] = dot
                    previous = dot
                } else {
                    h[j + 1 + j * (m + 1)] = dot.squareRoot()
                }
            }
            // Apply the earlier rotations to the new column, then a new one to zero h[j+1, j].
            for i in 0 ..< j {
                let a = h[i + j * (m + 1)], c = h[i + 1 + j * (m + 1)]
                h[i + j * (m + 1)] = cs[i] * a + sn[i] * c
                h[i + 1 + j * (m + 1)] = -sn[i] * a + cs[i] * c
            }
            let a = h[j + j * (m + 1)], c = h[j + 1 + j * (m + 1)]
            let radius = (a * a + c * c).squareRoot()
            cs[j] = radius > 0 ? a / radius : 1
            sn[j] = radius > 0 ? c / radius : 0
            h[j + j * (m + 1)] = radius
            let next = h[j + 1 + j * (m + 1)]
            h[j + 1 + j * (m + 1)] = 0
            g[j + 1] = -sn[j] * g[j]
            g[j] = cs[j] * g[j]
            steps = j + 1
            if next == 0 || abs(g[j + 1]) * rootN < options.tolerance { break }
            scale(w, by: 1 / next)
        }
        // y = R⁻¹ g (back substitution), then x ← x + V y.
        var coefficients = [Double](repeating: 0, count: steps)
        var i = steps - 1
        while i >= 0 {
            var value = g[i]
            for k in i + 1 ..< steps { value -= h[i + k * (m + 1)] * coefficients[k] }
            coefficients[i] = h[i + i * (m + 1)] != 0 ? value / h[i + i * (m + 1)] : 0
            i -= 1
        }
        let y = coefficients
        _ = parallelChunks(count: n, chunks: vectorChunks, threads: threads) { range -> Int in
            for v in range {
                var update = 0.0
                for k in 0 ..< y.count { update += y[k] * basis[v + k * n] }
                x[v] += update
            }
            return 0
        }
        (l1, beta) = residual()
        converged = l1 < options.tolerance
    }
    return PageRankResult(scores: x.array(), convergence: Convergence(converged: converged, iterations: products, lastChange: l1))
}
