/// The `k` people with the largest values, largest first, ties broken by
/// node order (roster order: among equal values, the person listed first on
/// the roster comes first). Fewer than `k` when there are fewer people.
///
/// Example: values [2, 5, 2, 7] with k = 3 give [3, 1, 0] (person 0 before
/// person 2, both at 2).
/// - Complexity: O(n log n).
public func topIndices(_ values: [Double], k: Int) -> [Int] {
    let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    return Array(order.prefix(max(0, k)))
}

/// How far two rankings of the same people agree (<doc:Conventions>,
/// "Sensitivity"): Spearman's ρ over everyone, and the overlap of the two
/// top-k lists.
///
/// - ``spearman``: the Pearson correlation of the average ranks of the two
///   score vectors (Spearman 1904; with tied values, average ranks, as
///   `scipy.stats.spearmanr` and R `cor(method = "spearman")`):
///   `ρ = Σ (r_i − r̄)(s_i − s̄) / √(Σ (r_i − r̄)² Σ (s_i − s̄)²)`.
/// - ``topOverlap``: `|A ∩ B|`, where A and B are the top-k people of each
///   vector by ``topIndices(_:k:)`` (ties broken by roster order).
///
/// Example: in-degrees (3, 2, 1, 0) and (3, 1, 2, 0) with k = 2: ρ = 0.8,
/// top-2 sets {0, 1} and {0, 2}, overlap 1.
public struct RankComparison: Sendable, Equatable {
    /// Spearman's ρ; `nil` with fewer than two people or when either vector is constant.
    public let spearman: Double?
    /// People in both top-k lists; `nil` when either vector sums to zero (no top to speak of).
    public let topOverlap: Int?
    /// The k of the top-k lists.
    public let k: Int
    /// The length of each top-k list: `min(k, people)`.
    public let listSize: Int

    /// Compares `a` and `b` (one value per person, same order).
    /// - Complexity: O(n log n).
    public init(_ a: [Double], _ b: [Double], k: Int = 10) {
        precondition(a.count == b.count, "one value per person in both")
        self.k = k
        listSize = min(max(0, k), a.count)
        spearman = StaffGraphCore.spearman(a, b)
        if a.contains(where: { $0 > 0 }) && b.contains(where: { $0 > 0 }) {
            let top = Set(topIndices(a, k: k))
            topOverlap = topIndices(b, k: k).filter { top.contains($0) }.count
        } else {
            topOverlap = nil
        }
    }
}
