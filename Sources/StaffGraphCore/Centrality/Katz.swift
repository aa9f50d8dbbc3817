/// Options for ``katzCentrality(_:options:)``.
public struct KatzOptions: Sendable, Equatable {
    /// The attenuation factor α, which must be below `1 / λmax`. `nil`
    /// (default): 0.1, networkx's default, when that is valid.
    public var alpha: Double?
    /// The score every person starts with, β (default 1).
    public var beta: Double
    /// Scale to unit Euclidean length (networkx `normalized=True`, default).
    public var normalized: Bool
    /// Use tie weights as matrix entries (default `false`: the binary graph).
    public var weighted: Bool
    /// Stop when `Σ_v |x_v − x'_v| < n · tolerance` (networkx's test).
    public var tolerance: Double
    /// Give up after this many iterations (reported, never silent).
    public var maxIterations: Int

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(alpha: Double? = nil, beta: Double = 1, normalized: Bool = true, weighted: Bool = false, tolerance: Double = 1e-12, maxIterations: Int = 100_000) {
        self.alpha = alpha
        self.beta = beta
        self.normalized = normalized
        self.weighted = weighted
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// networkx's default attenuation factor.
    public static let defaultAlpha = 0.1
}

/// Katz scores with the attenuation factor used and its limit.
public struct KatzResult: Sendable, Equatable {
    /// Scores indexed by node (unit length when normalized).
    public var scores: [Double]
    /// The α used.
    public var alpha: Double
    /// `1 / λmax`, the supremum of valid α; `nil` when λmax = 0 (no cycles:
    /// every α is valid).
    public var alphaLimit: Double?
    /// λmax of the adjacency matrix used (see ``spectralRadius(_:weighted:maxIterations:)``).
    public var spectralRadius: Double
    /// Iterations, and whether the tolerance was met.
    public var convergence: Convergence
}

/// Katz centrality (Katz 1953): every walk that ends at a person counts,
/// attenuated by α per step.
///
/// `x_v = α Σ_{u → v} a_uv x_u + β`, i.e. `x = β (I − αAᵀ)⁻¹ 1`, which
/// exists and is positive when `α < 1 / λmax`. Computed as networkx does:
/// `x ← α Aᵀ x + β` from `x = 0` until `Σ|Δx| < n · tolerance`, then scaled
/// to unit length. Binary graph by default.
///
/// α: the given one, or 0.1 (networkx's default) when it is below `1/λmax`.
/// When it is not, the function throws ``CentralityError/katzAlphaTooLarge(alpha:limit:)``
/// with the limit, so the caller can pick a smaller α (a common choice is
/// a fraction of the limit, e.g. `0.5 / λmax`). Dense networks
/// (λmax ≥ 10) always need an explicit α.
///
/// Reference: networkx `katz_centrality(G, alpha, beta, normalized, weight)`
/// and `katz_centrality_numpy` (the direct solve; this matches it to 1e-12).
///
/// Example: the path a → b → c with α = 0.5: raw `x = (1, 1.5, 1.75)`,
/// normalized by `√(1 + 2.25 + 3.0625) = 2.5125`.
///
/// - Throws: ``CentralityError/katzAlphaTooLarge(alpha:limit:)`` when
///   α ≥ 1/λmax; ``CentralityError/invalidArgument(_:)`` for a negative α.
/// - Complexity: O((n + m) · iterations) plus the spectral radius.
public func katzCentrality(_ graph: Graph, options: KatzOptions = KatzOptions()) throws(CentralityError) -> KatzResult {
    let n = graph.nodeCount
    let lambda = spectralRadius(graph, weighted: options.weighted)
    let limit: Double? = lambda > 1e-12 ? 1 / lambda : nil
    let alpha = options.alpha ?? KatzOptions.defaultAlpha
    guard alpha >= 0 else { throw .invalidArgument("Katz alpha must be non-negative, got \(alpha)") }
    if let limit, alpha >= limit { throw .katzAlphaTooLarge(alpha: alpha, limit: limit) }

    guard n > 0 else {
        return KatzResult(scores: [], alpha: alpha, alphaLimit: limit, spectralRadius: lambda, convergence: Convergence(converged: true, iterations: 0, lastChange: 0))
    }
    let reversed = graph.reversed()
    var x = [Double](repeating: 0, count: n)
    var next = [Double](repeating: 0, count: n)
    var change = Double.infinity
    var iterations = 0
    var converged = false
    let threshold = Double(n) * options.tolerance
    while iterations < options.maxIterations {
        iterations += 1
        pullAlongOutTies(reversed, weighted: options.weighted, x, into: &next, addIdentity: false)
        change = 0
        for v in 0 ..< n {
            let value = alpha * next[v] + options.beta
            change += abs(value - x[v])
            next[v] = value
        }
        swap(&x, &next)
        if change < threshold {
            converged = true
            break
        }
    }
    if options.normalized {
        let norm = euclideanNorm(x)
        if norm > 0 {
            let s = 1 / norm
            for v in 0 ..< n { x[v] *= s }
        }
    }
    return KatzResult(
        scores: x, alpha: alpha, alphaLimit: limit, spectralRadius: lambda,
        convergence: Convergence(converged: converged, iterations: iterations, lastChange: change)
    )
}
