/// Gini coefficient of non-negative values (0 = everyone equal, → 1 = one
/// person holds everything):
///
///     G = Σ_i Σ_j |x_i − x_j| / (2 n² μ) = (2 Σ_i i · x_(i)) / (n Σ x) − (n + 1) / n
///
/// with `x_(1) ≤ … ≤ x_(n)` sorted (Gini 1912; the "population" form without
/// the n/(n−1) small-sample correction, as in R `ineq::Gini`).
///
/// Example: in-degrees [0, 0, 0, 4] give G = (2 · 4 · 4)/(4 · 4) − 5/4 = 0.75.
/// - Returns: `nil` for no values or an all-zero list.
/// - Complexity: O(n log n).
public func gini(_ values: [Double]) -> Double? {
    let n = values.count
    let sorted = values.sorted()
    let sum = sorted.reduce(0, +)
    guard n > 0, sum > 0 else { return nil }
    var weighted = 0.0
    for (i, x) in sorted.enumerated() { weighted += Double(i + 1) * x }
    return 2 * weighted / (Double(n) * sum) - Double(n + 1) / Double(n)
}

/// Share of the total held by the `k` largest values ("k people receive X% of
/// all requests"): `Σ top-k / Σ all`.
///
/// Example: [5, 3, 1, 1] with k = 1 gives 0.5.
/// - Returns: `nil` when the total is zero.
/// - Complexity: O(n log n).
public func topShare(_ values: [Double], k: Int) -> Double? {
    let sum = values.reduce(0, +)
    guard sum > 0 else { return nil }
    return values.sorted(by: >).prefix(max(0, k)).reduce(0, +) / sum
}

/// The smallest number of people whose values together reach half the total:
/// "half of all requests go to N people".
///
/// Example: [5, 3, 1, 1] gives 1 (5 ≥ 10/2).
/// - Returns: `nil` when the total is zero.
/// - Complexity: O(n log n).
public func peopleCoveringHalf(_ values: [Double]) -> Int? {
    let sum = values.reduce(0, +)
    guard sum > 0 else { return nil }
    var running = 0.0
    for (i, x) in values.sorted(by: >).enumerated() {
        running += x
        if 2 * running >= sum { return i + 1 }
    }
    return values.count
}

/// Freeman in-degree centralization: `Σ_i (max − d_in(i)) / (n − 1)²`, where
/// `(n − 1)²` is the value for a star where everyone names one person (sna
/// `centralization(g, degree, cmode = "indegree")`, <doc:Conventions>). 1 = one
/// person receives every request; 0 = everyone is sought equally often.
///
/// Internal here so the centrality module can own the public, general
/// `centralization`; the leadership panel needs only this one.
/// - Returns: `nil` for fewer than two people.
func inDegreeCentralization(_ graph: Graph) -> Double? {
    let n = graph.nodeCount
    guard n > 1 else { return nil }
    var maximum = 0, sum = 0
    for v in 0 ..< n {
        let d = graph.inDegree(v) - (graph.hasEdge(from: v, to: v) ? 1 : 0)
        maximum = max(maximum, d)
        sum += d
    }
    return Double(n * maximum - sum) / Double((n - 1) * (n - 1))
}

/// The leadership-distribution panel (<doc:Conventions>): is influence spread across
/// many people or concentrated in a few? Every number is on the binary graph
/// of "who names whom", in-degree = times sought out.
///
/// Comparable across schools of different sizes: centralization, Gini and the
/// shares are normalized; ``peopleForHalf`` is read next to ``people``.
///
/// Example: five people all naming p1 only (a star): centralization 1, Gini
/// 0.8, top-1 share 1, half of the requests go to 1 person.
public struct LeadershipDistribution: Sendable, Equatable {
    /// People in the network.
    public var people: Int
    /// Requests (ties).
    public var requests: Int
    /// Freeman in-degree centralization (0 spread … 1 one person sought by all).
    public var inDegreeCentralization: Double?
    /// Gini coefficient of in-degree (0 equal … 1 concentrated).
    public var inDegreeGini: Double?
    /// `(k, share)`: the share of all requests received by the k most sought people.
    public var topShares: [(k: Int, share: Double?)]
    /// How many people receive half of all requests.
    public var peopleForHalf: Int?
    /// Density (missing rows excluded).
    public var density: Double?
    /// Edgewise reciprocity (missing dyads excluded).
    public var reciprocity: Double?

    /// Computes the panel.
    /// - Parameters:
    ///   - observedRows: non-respondents' rows are missing for density and reciprocity.
    ///   - topK: the k of the top-k shares (default 1, 3, 5).
    /// - Complexity: O(n log n + m log d).
    public init(_ graph: Graph, observedRows: [Bool]? = nil, topK: [Int] = [1, 3, 5]) {
        let g = graph.droppingSelfLoops()
        let inDegrees = (0 ..< g.nodeCount).map { Double(g.inDegree($0)) }
        people = g.nodeCount
        requests = g.edgeCount
        inDegreeCentralization = StaffGraphCore.inDegreeCentralization(g)
        inDegreeGini = gini(inDegrees)
        topShares = topK.map { ($0, topShare(inDegrees, k: $0)) }
        peopleForHalf = peopleCoveringHalf(inDegrees)
        density = StaffGraphCore.density(g, observedRows: observedRows)
        reciprocity = StaffGraphCore.reciprocity(g, convention: .edgewise, observedRows: observedRows)
    }

    /// Equal when every number of the panel is equal (tuples are compared field by field).
    public static func == (a: LeadershipDistribution, b: LeadershipDistribution) -> Bool {
        a.people == b.people && a.requests == b.requests && a.inDegreeCentralization == b.inDegreeCentralization
            && a.inDegreeGini == b.inDegreeGini && a.topShares.map(\.k) == b.topShares.map(\.k)
            && a.topShares.map(\.share) == b.topShares.map(\.share) && a.peopleForHalf == b.peopleForHalf
            && a.density == b.density && a.reciprocity == b.reciprocity
    }
}
