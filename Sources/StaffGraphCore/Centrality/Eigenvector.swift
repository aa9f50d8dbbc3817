/// How eigenvector scores are scaled.
public enum EigenvectorScale: String, Sendable, CaseIterable {
    /// Unit Euclidean norm, `Σ x_v² = 1` (networkx; default).
    case unitLength
    /// The largest score is 1 (igraph `eigen_centrality(scale = TRUE)`, and the
    /// scale of eigenvector centralization).
    case maxOne
}

/// Options for ``eigenvectorCentrality(_:options:)``.
public struct EigenvectorOptions: Sendable, Equatable {
    /// `incoming` (default): the left eigenvector, a person's score is the sum
    /// of the scores of those who name them (networkx, igraph). `outgoing`: the
    /// right eigenvector (scores of those one names). `undirected`: on the
    /// symmetrized graph.
    public var direction: PathDirection
    /// Unit length (default) or largest = 1.
    public var scale: EigenvectorScale
    /// Use tie weights as matrix entries (default `false`: the binary graph).
    public var weighted: Bool
    /// Stop when `Σ_v |x_v − x'_v| < n · tolerance` (networkx's test, with a
    /// tighter default than networkx's 1e-6).
    public var tolerance: Double
    /// Give up after this many iterations (reported, never silent).
    public var maxIterations: Int

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(direction: PathDirection = .incoming, scale: EigenvectorScale = .unitLength, weighted: Bool = false, tolerance: Double = 1e-12, maxIterations: Int = 10_000) {
        self.direction = direction
        self.scale = scale
        self.weighted = weighted
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}

/// Eigenvector scores with what is needed to trust them.
public struct EigenvectorResult: Sendable, Equatable {
    /// Scores indexed by node, non-negative, scaled as asked.
    public var scores: [Double]
    /// Estimate of the leading eigenvalue λ (`‖A x‖` for the unit vector `x`).
    public var eigenvalue: Double
    /// Whether the graph (or its symmetrized view, for `undirected`) is
    /// strongly connected. Only then does Perron–Frobenius guarantee one
    /// positive answer; otherwise the answer is unique only if a single strong
    /// component carries the largest eigenvalue, scores are zero for everyone
    /// not downstream of it, and a report should say so rather than print the
    /// numbers as a ranking.
    public var isStronglyConnected: Bool
    /// Iterations, and whether the tolerance was met.
    public var convergence: Convergence
}

/// Eigenvector centrality (Bonacich 1972): a person is central when central
/// people name them.
///
/// `λ x_v = Σ_{u → v} a_uv x_u` (incoming; the left eigenvector of the
/// adjacency matrix `A`), for the largest eigenvalue `λ`. Computed as networkx
/// does: power iteration on `Aᵀ + I` (the shift avoids oscillation on
/// periodic graphs, e.g. bipartite ones) from `x_v = 1/n`, normalizing to unit
/// Euclidean length each step, stopping when the L1 change is below
/// `n · tolerance`. The default tolerance 1e-12 matches
/// `eigenvector_centrality_numpy` to about 1e-10.
///
/// When the graph is not strongly connected the result says so
/// (``EigenvectorResult/isStronglyConnected``). If the largest eigenvalue is
/// carried by one strong component only, the iteration still converges to the
/// unique answer (what numpy's eigensolver gives); if several components tie
/// (e.g. a DAG, where λ = 0, or two equal cycles) the answer depends on the
/// start vector, and for a DAG the iteration does not converge at the default
/// tolerance (``Convergence/converged`` is `false`).
///
/// Reference: networkx `eigenvector_centrality(G, max_iter, tol)` (same
/// iteration) and `eigenvector_centrality_numpy`; igraph `eigen_centrality` for
/// ``EigenvectorScale/maxOne``.
///
/// Example: the cycle a → b → c → a has λ = 1 and every score `1/√3 ≈ 0.577`
/// (max-one scale: 1).
///
/// - Complexity: O((n + m) · iterations) time, O(n) memory.
public func eigenvectorCentrality(_ graph: Graph, options: EigenvectorOptions = EigenvectorOptions()) -> EigenvectorResult {
    let g = options.direction.searchGraph(graph)
    let n = g.nodeCount
    guard n > 0 else {
        return EigenvectorResult(scores: [], eigenvalue: 0, isStronglyConnected: false, convergence: Convergence(converged: true, iterations: 0, lastChange: 0))
    }
    let stronglyConnected = strongComponents(g).count == 1
    // Pull along the out-CSR of the search graph: x'_v = x_v + Σ_{v → w in g} x_w,
    // which for `incoming` (g = reversed graph) is Σ over those who name v.
    var x = [Double](repeating: 1.0 / Double(n), count: n)
    var y = [Double](repeating: 0, count: n)
    var change = Double.infinity
    var iterations = 0
    var converged = false
    let threshold = Double(n) * options.tolerance
    while iterations < options.maxIterations {
        iterations += 1
        pullAlongOutTies(g, weighted: options.weighted, x, into: &y, addIdentity: true)
        var norm = euclideanNorm(y)
        if norm == 0 { norm = 1 }
        change = 0
        for v in 0 ..< n {
            let next = y[v] / norm
            change += abs(next - x[v])
            x[v] = next
        }
        if change < threshold {
            converged = true
            break
        }
    }
    pullAlongOutTies(g, weighted: options.weighted, x, into: &y, addIdentity: false)
    let eigenvalue = euclideanNorm(y)
    var scores = x
    if options.scale == .maxOne, let top = scores.max(), top > 0 {
        scores = scores.map { $0 / top }
    }
    return EigenvectorResult(
        scores: scores, eigenvalue: eigenvalue, isStronglyConnected: stronglyConnected,
        convergence: Convergence(converged: converged, iterations: iterations, lastChange: change)
    )
}

/// `y_v = [x_v +] Σ_{v → w} a_vw x_w` over `g`'s out-CSR.
func pullAlongOutTies(_ g: Graph, weighted: Bool, _ x: [Double], into y: inout [Double], addIdentity: Bool) {
    let n = g.nodeCount
    g.outOffsets.withUnsafeBufferPointer { off in
        g.outTargets.withUnsafeBufferPointer { tg in
            g.outWeights.withUnsafeBufferPointer { wt in
                x.withUnsafeBufferPointer { xs in
                    y.withUnsafeMutableBufferPointer { ys in
                        for v in 0 ..< n {
                            var s = addIdentity ? xs[v] : 0
                            if weighted {
                                for e in off[v] ..< off[v + 1] { s += wt[e] * xs[Int(tg[e])] }
                            } else {
                                for e in off[v] ..< off[v + 1] { s += xs[Int(tg[e])] }
                            }
                            ys[v] = s
                        }
                    }
                }
            }
        }
    }
}

/// The spectral radius `λmax` of the adjacency matrix (binary, or with tie
/// weights as entries; weights must be non-negative).
///
/// For a non-negative matrix `λmax` is the largest of the spectral radii of
/// its strong components. Each is bracketed by the Collatz–Wielandt bounds
/// `min_v (Bx)_v / x_v ≤ ρ(B) ≤ max_v (Bx)_v / x_v` for positive `x`, with
/// `B = A + I` restricted to the component (primitive, so the power iteration
/// converges even on periodic components), iterated until the bracket is
/// narrower than 1e-13 relative. A graph without cycles has `λmax = 0`.
///
/// Reference: `max(abs(numpy.linalg.eigvals(A)))`.
///
/// Example: a mutual pair has λmax = 1; the directed 3-cycle too; the
/// complete graph on k nodes, k − 1.
///
/// - Complexity: O((n + m) · iterations).
public func spectralRadius(_ graph: Graph, weighted: Bool = false, maxIterations: Int = 100_000) -> Double {
    let n = graph.nodeCount
    guard n > 0 else { return 0 }
    let components = strongComponents(graph)
    let label = components.labels
    let c = components.count
    // Ties inside a strong component only: the block-diagonal part of A.
    var offsets = [Int](repeating: 0, count: n + 1)
    var sources: [Int32] = []
    var weights: [Double] = []
    for v in 0 ..< n {
        for e in graph.inOffsets[v] ..< graph.inOffsets[v + 1] {
            let u = Int(graph.inSources[e])
            if label[u] == label[v] {
                sources.append(graph.inSources[e])
                weights.append(weighted ? graph.inWeights[e] : 1)
            }
        }
        offsets[v + 1] = sources.count
    }
    var x = [Double](repeating: 1, count: n)
    var y = [Double](repeating: 0, count: n)
    var low = [Double](repeating: 0, count: c)
    var high = [Double](repeating: 0, count: c)
    var top = [Double](repeating: 0, count: c)
    var done = [Bool](repeating: false, count: c)
    var radius = [Double](repeating: 0, count: c)
    var remaining = c
    var iteration = 0
    while remaining > 0 && iteration < maxIterations {
        iteration += 1
        for k in 0 ..< c {
            low[k] = .infinity
            high[k] = 0
            top[k] = 0
        }
        for v in 0 ..< n {
            var s = x[v]
            for e in offsets[v] ..< offsets[v + 1] { s += weights[e] * x[Int(sources[e])] }
            y[v] = s
            let k = label[v]
            let ratio = s / x[v]
            if ratio < low[k] { low[k] = ratio }
            if ratio > high[k] { high[k] = ratio }
            if s > top[k] { top[k] = s }
        }
        for k in 0 ..< c where !done[k] {
            if high[k] - low[k] <= 1e-13 * high[k] {
                done[k] = true
                radius[k] = (high[k] + low[k]) / 2 - 1
                remaining -= 1
            }
        }
        for v in 0 ..< n {
            let t = top[label[v]]
            x[v] = t > 0 ? y[v] / t : 1
        }
    }
    for k in 0 ..< c where !done[k] { radius[k] = (high[k] + low[k]) / 2 - 1 }
    return max(0, radius.max() ?? 0)
}
