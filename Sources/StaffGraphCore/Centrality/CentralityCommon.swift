/// Which way paths (or walks) run when a centrality is computed.
///
/// A tie `i → j` means "i names j" (<doc:Conventions>), so `incoming` measures how
/// easily others reach a person (prestige: being sought out), `outgoing` how
/// easily a person reaches others.
public enum PathDirection: String, Sendable, CaseIterable {
    /// Paths that end at the person (distances `d(v, u)` to `u`; networkx's
    /// default for `closeness_centrality` and `harmonic_centrality` on a DiGraph).
    case incoming
    /// Paths that start at the person (networkx on `G.reverse()`).
    case outgoing
    /// Ties read both ways: the measure runs on ``Graph/symmetrized()``.
    case undirected

    /// The graph whose *out*-paths from a node are this direction's paths.
    func searchGraph(_ graph: Graph) -> Graph {
        switch self {
        case .incoming: return graph.reversed()
        case .outgoing: return graph
        case .undirected: return graph.symmetrized()
        }
    }
}

/// How tie strengths become path lengths for the weighted path measures.
///
/// Weights are strengths (higher = stronger) while every path-based tool reads
/// weights as distances (<doc:Conventions>), so a weighted path measure names the
/// transform it uses. To reproduce one in networkx, store the transformed value
/// as an edge attribute and pass it as `weight=` (betweenness) or `distance=`
/// (closeness, harmonic).
public enum DistanceTransform: String, Sendable, CaseIterable {
    /// Length `1 / w`: a tie twice as strong is half as long. Ties with
    /// `w ≤ 0` (or NaN) cannot be used (infinite length).
    case inverse
    /// Length `max + 1 − w`, where `max` is the largest tie weight in the
    /// graph: the strongest ties have length 1, every length is at least 1.
    case reverseScale

    /// The lengths of `weights` under this transform; `maximum` is the
    /// graph's largest weight (used by ``reverseScale``).
    func lengths(_ weights: [Double], maximum: Double) -> [Double] {
        switch self {
        case .inverse:
            return weights.map { $0 > 0 ? 1.0 / $0 : .infinity }
        case .reverseScale:
            return weights.map { $0.isNaN ? .infinity : maximum + 1.0 - $0 }
        }
    }

    /// Edge lengths parallel to `graph.outTargets`.
    func outLengths(_ graph: Graph) -> [Double] {
        lengths(graph.outWeights, maximum: graph.outWeights.max() ?? 1)
    }
}

/// How an iterative method (eigenvector, PageRank, HITS, Katz) ended.
public struct Convergence: Sendable, Equatable {
    /// Whether the change between two iterates fell below the tolerance.
    public var converged: Bool
    /// Iterations run.
    public var iterations: Int
    /// The L1 change at the last iteration.
    public var lastChange: Double

    /// Creates a record.
    public init(converged: Bool, iterations: Int, lastChange: Double) {
        self.converged = converged
        self.iterations = iterations
        self.lastChange = lastChange
    }
}

/// A centrality that cannot be computed with the arguments given.
public enum CentralityError: Error, Equatable, CustomStringConvertible {
    /// Katz: the attenuation factor must be below `1 / λmax`.
    case katzAlphaTooLarge(alpha: Double, limit: Double)
    /// A personalization vector of the wrong length, with negative or
    /// non-finite entries, or summing to zero.
    case invalidPersonalization(String)
    /// Any other argument out of range.
    case invalidArgument(String)

    /// A one-line explanation with the fix.
    public var description: String {
        switch self {
        case let .katzAlphaTooLarge(alpha, limit):
            return "Katz centrality needs alpha < 1/λmax = \(limit); alpha = \(alpha) is too large (choose a smaller alpha)"
        case let .invalidPersonalization(reason):
            return "invalid personalization vector: \(reason)"
        case let .invalidArgument(reason):
            return reason
        }
    }
}

/// Euclidean norm, without overflow for the magnitudes centralities take.
@inline(__always)
func euclideanNorm(_ x: [Double]) -> Double {
    var s = 0.0
    for v in x { s += v * v }
    return s.squareRoot()
}
