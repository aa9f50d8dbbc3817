/// How two people's tie profiles are compared for structural equivalence
/// (R sna `sedist`'s `method`).
public enum StructuralDistance: String, Sendable, CaseIterable {
    /// Number of cells where the two profiles differ, `Σ |x_k − y_k|`
    /// (sna's default `"hamming"`).
    case hamming
    /// Euclidean distance `√Σ (x_k − y_k)²` (sna `"euclidean"`; Burt 1976,
    /// UCINET's profile distance).
    case euclidean
    /// Pearson correlation of the two profiles (sna `"correlation"`); a
    /// similarity, clustered as the dissimilarity `−r`.
    case correlation
}

/// Structural equivalence between every pair of people: how alike their
/// rows *and* columns of the adjacency matrix are (Lorrain & White 1971;
/// Burt 1976), as R sna `sedist(dat, method = …, mode = "digraph", diag = FALSE)`.
///
/// **Profiles.** Person i's profile is the 2n-vector `(a_i1 … a_in, a_1i … a_ni)`
/// (row i then column i), ties binary, self-ties never counted. As in sna
/// (`diag.remove` sets the diagonal to `NA`, then `na.rm` / pairwise
/// complete observations), the comparison of i and j leaves out the four
/// cells involving the pair itself (`a_ii`, `a_jj`, `a_ij`, `a_ji` fall in the
/// positions k = i, j of both halves), so it runs over `k ∉ {i, j}`:
/// - hamming `d_ij = Σ_k |a_ik − a_jk| + |a_ki − a_kj|`;
/// - euclidean `d_ij = √(Σ_k (a_ik − a_jk)² + (a_ki − a_kj)²)`;
/// - correlation `r_ij` = Pearson correlation of the 2(n − 2) pairs
///   `(a_ik, a_jk)`, `(a_ki, a_kj)`; a profile with no variance gives 0 (sna
///   sets `NA` correlations to 0). The diagonal is 0 for the distances, and
///   for correlation 1, or 0 for a constant profile (an isolate), as sna.
///
/// With `observedRows`, a non-respondent's row is missing (`NA` in sna): its
/// cells drop out of every comparison they enter (pairwise deletion).
///
/// Reference: Wasserman & Faust (1994), *Social Network Analysis*, §9.3,
/// doi:10.1017/CBO9780511815478; Burt (1976), doi:10.2307/2576695.
///
/// Example: the star 0 → 1, 0 → 2 gives hamming `d_12 = 0` (1 and 2 are
/// structurally equivalent: both are named by 0 and name no one) and
/// `d_01 = 1` (only k = 2 is compared: `a_02 = 1`, `a_12 = 0`; `a_20 = a_21 = 0`).
public struct StructuralEquivalence: Sendable, Equatable {
    /// Number of people.
    public let count: Int
    /// The method that produced ``values``.
    public let method: StructuralDistance
    /// Row-major n × n matrix: distances (hamming, euclidean) or correlations.
    public let values: [Double]

    /// Computes every pair.
    /// - Complexity: O(n³) time, O(n²) memory (a dense adjacency matrix).
    public init(_ graph: Graph, method: StructuralDistance, observedRows: [Bool]? = nil) {
        let n = graph.nodeCount
        precondition(observedRows.map { $0.count == n } ?? true, "one observed flag per person")
        let observed = observedRows ?? [Bool](repeating: true, count: n)
        let a = DenseAdjacency(graph, observedRows: observedRows).cells
        var values = [Double](repeating: 0, count: n * n)
        a.withUnsafeBufferPointer { a in
            observed.withUnsafeBufferPointer { observed in
                for i in 0 ..< n {
                    if method == .correlation { values[i * n + i] = Self.hasVariance(a, count: n, person: i, observed: observed) ? 1 : 0 }
                    for j in (i + 1) ..< max(i + 1, n) {
                        let rowsObserved = observed[i] && observed[j]
                        var count = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0, diff = 0.0, squared = 0.0
                        for k in 0 ..< n where k != i && k != j {
                            if rowsObserved {
                                let x = a[i * n + k], y = a[j * n + k]
                                count += 1; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
                                diff += abs(x - y); squared += (x - y) * (x - y)
                            }
                            if observed[k] {
                                let x = a[k * n + i], y = a[k * n + j]
                                count += 1; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
                                diff += abs(x - y); squared += (x - y) * (x - y)
                            }
                        }
                        let value: Double
                        switch method {
                        case .hamming: value = diff
                        case .euclidean: value = squared.squareRoot()
                        case .correlation:
                            let vx = sxx - sx * sx / max(count, 1), vy = syy - sy * sy / max(count, 1)
                            if count < 2 || vx <= 0 || vy <= 0 {
                                value = 0
                            } else {
                                value = (sxy - sx * sy / count) / (vx * vy).squareRoot()
                            }
                        }
                        values[i * n + j] = value
                        values[j * n + i] = value
                    }
                }
            }
        }
        self.count = n
        self.method = method
        self.values = values
    }

    /// Whether i's profile (own cells left out) is not constant: its
    /// correlation with itself is 1, else undefined and reported as 0 (sna).
    static func hasVariance(_ a: UnsafeBufferPointer<Double>, count n: Int, person i: Int, observed: UnsafeBufferPointer<Bool>) -> Bool {
        var seen: Double? = nil
        func differs(_ x: Double) -> Bool {
            if let s = seen, s != x { return true }
            seen = x
            return false
        }
        for k in 0 ..< n where k != i {
            if observed[i] && differs(a[i * n + k]) { return true }
            if observed[k] && differs(a[k * n + i]) { return true }
        }
        return false
    }

    /// The value for the pair (i, j).
    public subscript(i: Int, j: Int) -> Double { values[i * count + j] }

    /// The matrix as dissimilarities for clustering: the distances themselves,
    /// or `−r` for correlations (sna's `code.diss = TRUE`, as `equiv.clust` asks).
    public var dissimilarities: [Double] {
        method == .correlation ? values.map { -$0 } : values
    }
}

/// A graph as a dense row-major 0/1 matrix (`cells[i * n + j] = 1` for a tie
/// i → j), self-ties dropped; with `observedRows`, non-respondents' rows are 0.
/// The working form of the positional measures, which compare whole rows.
struct DenseAdjacency {
    let count: Int
    var cells: [Double]

    init(_ graph: Graph, observedRows: [Bool]?) {
        let n = graph.nodeCount
        var cells = [Double](repeating: 0, count: n * n)
        for v in 0 ..< n where observedRows?[v] ?? true {
            for t in graph.outNeighbors(v) where Int(t) != v { cells[v * n + Int(t)] = 1 }
        }
        self.count = n
        self.cells = cells
    }
}
