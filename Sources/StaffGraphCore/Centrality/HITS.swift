/// Options for ``hits(_:options:)``.
public struct HITSOptions: Sendable, Equatable {
    /// Use tie weights as matrix entries (default `false`: the binary graph).
    public var weighted: Bool
    /// Stop when the L1 change of the hub vector (summing to 1) is below this.
    public var tolerance: Double
    /// Give up after this many iterations (reported, never silent).
    public var maxIterations: Int

    /// Creates options; every argument defaults to the default in <doc:Conventions>.
    public init(weighted: Bool = false, tolerance: Double = 1e-12, maxIterations: Int = 100_000) {
        self.weighted = weighted
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}

/// Hub and authority scores and how the iteration ended.
public struct HITSResult: Sendable, Equatable {
    /// Hub scores (people who name good authorities), summing to 1.
    public var hubs: [Double]
    /// Authority scores (people named by good hubs), summing to 1.
    public var authorities: [Double]
    /// Iterations, and whether the tolerance was met.
    public var convergence: Convergence
}

/// Hubs and authorities (Kleinberg 1999).
///
/// Authorities `a` are the principal eigenvector of `AᵀA` and hubs `h = A a`
/// (the leading right and left singular vectors of `A`), each scaled to sum
/// to 1: `a_v ∝ Σ_{u → v} h_u`, `h_u ∝ Σ_{u → v} a_v`. Computed by the power
/// method from `h_v = 1/n`: `a ← Aᵀh`, `h ← A a`, both normalized to sum 1,
/// until the hub vector changes by less than `tolerance` in L1; then
/// `a = Aᵀh / Σ`, `h = A a / Σ`. Binary graph by default.
///
/// Uniqueness: when the largest singular value of `A` is simple the answer
/// is unique and equals networkx's. When it is not (e.g. two disconnected
/// parts with equally strong hub structures) networkx returns whichever
/// singular vector ARPACK happens to find; this function returns the
/// projection of the uniform start onto the top eigenspace of `AAᵀ`, which is
/// deterministic and treats symmetric parts symmetrically (two identical
/// components get equal shares). A graph without ties has no hubs or
/// authorities: every score is 0.
///
/// Reference: networkx `hits(G, max_iter, tol, normalized=True)` (which uses
/// scipy's `svds`); the older networkx `hits_python` uses this power method.
///
/// Example: a → c, b → c, b → d. `AᵀA` restricted to (c, d) is `[[2, 1], [1, 1]]`,
/// leading eigenvector ∝ (φ, 1) with φ = (1 + √5)/2: authorities c 0.618,
/// d 0.382; hubs `h = A a`: a 0.382, b 0.618.
///
/// - Complexity: O((n + m) · iterations); the iteration count grows as
///   `log(tolerance) / log((σ₂/σ₁)²)`.
public func hits(_ graph: Graph, options: HITSOptions = HITSOptions()) -> HITSResult {
    let n = graph.nodeCount
    var h = [Double](repeating: n > 0 ? 1.0 / Double(n) : 0, count: n)
    var a = [Double](repeating: 0, count: n)
    var next = [Double](repeating: 0, count: n)
    var change = Double.infinity
    var iterations = 0
    var converged = false
    guard graph.edgeCount > 0 else {
        return HITSResult(hubs: [Double](repeating: 0, count: n), authorities: a, convergence: Convergence(converged: true, iterations: 0, lastChange: 0))
    }
    let reversed = graph.reversed()
    while iterations < options.maxIterations {
        iterations += 1
        pullAlongOutTies(reversed, weighted: options.weighted, h, into: &a, addIdentity: false)
        normalizeToSum(&a)
        pullAlongOutTies(graph, weighted: options.weighted, a, into: &next, addIdentity: false)
        normalizeToSum(&next)
        change = 0
        for v in 0 ..< n { change += abs(next[v] - h[v]) }
        swap(&h, &next)
        if change < options.tolerance {
            converged = true
            break
        }
    }
    pullAlongOutTies(reversed, weighted: options.weighted, h, into: &a, addIdentity: false)
    normalizeToSum(&a)
    pullAlongOutTies(graph, weighted: options.weighted, a, into: &h, addIdentity: false)
    normalizeToSum(&h)
    return HITSResult(hubs: h, authorities: a, convergence: Convergence(converged: converged, iterations: iterations, lastChange: change))
}

/// Scales `x` to sum 1 (left unchanged when the sum is 0).
private func normalizeToSum(_ x: inout [Double]) {
    var total = 0.0
    for v in x { total += v }
    guard total > 0 else { return }
    let s = 1 / total
    for i in x.indices { x[i] *= s }
}
