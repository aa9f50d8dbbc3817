#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The disparity filter of Serrano, Boguñá & Vespignani (2009): the ties that
/// carry a significant share of a person's (or a group's) strength, the
/// network's "backbone", at a chosen significance level α.
///
/// **Null model.** A node with `k` ties and strength `s` spreads its strength
/// uniformly at random over its ties; the share `p` one tie gets then has the
/// density `(k − 1)(1 − x)^(k − 2)`, and the chance of a share at least `p` is
///
///     α_ij = (1 − p_ij)^(k_i − 1),   p_ij = w_ij / s_i.
///
/// A tie is significant at level α from node i when `α_ij < α`.
///
/// **Directed ties** are tested from both ends, as the paper's directed
/// variant: from the source with its out-ties (`k_out(i)`, `s_out(i)`:
/// ``sourceSignificance``) and from the target with its in-ties (`k_in(j)`,
/// `s_in(j)`: ``targetSignificance``). A tie is **kept when it is significant
/// for either end**: `min(α_source, α_target) < α`.
///
/// **Conventions.**
/// - *Degree 1.* An end with a single tie gives `(1 − 1)^0 = 1`: the tie holds
///   all that end's strength, which the null model cannot tell from chance,
///   so it is never significant from that end and is judged by its other end
///   alone (the formula as published; some implementations instead keep a tie
///   whose two ends both have degree 1).
/// - *Weights* are tie strengths. Ties whose weight is not a positive finite
///   number take no part: they count in neither `k` nor `s` and are never kept.
/// - Self-loops (when kept by the builder) are ties like any other.
/// - With equal weights every tie of a node with `k ≥ 2` ties gets
///   `(1 − 1/k)^(k − 1) ≥ 1/e ≈ 0.37`, so below that level a binary network
///   keeps no tie: the filter needs valued ties (frequency, importance, or the
///   tie counts of a ``GroupGraph``).
///
/// **Reference.** M. Á. Serrano, M. Boguñá & A. Vespignani (2009), Extracting
/// the multiscale backbone of complex weighted networks, *PNAS* 106(16),
/// 6483–6488, doi:10.1073/pnas.0808904106. Checked against
/// `Scripts/golden_backbone.py` (numpy, networkx).
///
/// **Example.** i names j (weight 8), k and l (weight 1 each): `p_ij = 0.8`,
/// `α = 0.2² = 0.04` from i, significant at 0.05; `p_ik = 0.1`, `α = 0.81`.
/// If j is named by i alone, j's side gives 1, so i → j is kept (0.04 < 0.05)
/// and i → k is kept only if k's own in-ties make it significant.
public struct DisparityFilter: Sendable, Equatable {
    /// The network tested.
    public let graph: Graph
    /// `α_ij` from the source's out-ties, one per tie in `graph.outTargets` order
    /// (1 for ties that take no part).
    public let sourceSignificance: [Double]
    /// `α_ij` from the target's in-ties, parallel to ``sourceSignificance``.
    public let targetSignificance: [Double]

    /// Tests every tie of `graph`.
    /// - Complexity: O(n + m) time; four arrays of n and two of m.
    public init(_ graph: Graph) {
        let n = graph.nodeCount, m = graph.edgeCount
        var outStrength = [Double](repeating: 0, count: n), outCount = [Int](repeating: 0, count: n)
        var inStrength = [Double](repeating: 0, count: n), inCount = [Int](repeating: 0, count: n)
        var source = [Double](repeating: 1, count: m), target = [Double](repeating: 1, count: m)
        graph.outOffsets.withUnsafeBufferPointer { offsets in
            graph.outTargets.withUnsafeBufferPointer { targets in
                graph.outWeights.withUnsafeBufferPointer { weights in
                    // Strengths and counts of the ties that take part, in CSR order
                    // (sums in a fixed order, so the result never depends on a run).
                    for v in 0 ..< n {
                        for e in offsets[v] ..< offsets[v + 1] {
                            let w = weights[e]
                            guard w > 0 && w.isFinite else { continue }
                            let t = Int(targets[e])
                            outStrength[v] += w; outCount[v] += 1
                            inStrength[t] += w; inCount[t] += 1
                        }
                    }
                    source.withUnsafeMutableBufferPointer { sourceAlpha in
                        target.withUnsafeMutableBufferPointer { targetAlpha in
                            for v in 0 ..< n {
                                for e in offsets[v] ..< offsets[v + 1] {
                                    let w = weights[e]
                                    guard w > 0 && w.isFinite else { continue }
                                    let t = Int(targets[e])
                                    sourceAlpha[e] = Self.significance(weight: w, strength: outStrength[v], ties: outCount[v])
                                    targetAlpha[e] = Self.significance(weight: w, strength: inStrength[t], ties: inCount[t])
                                }
                            }
                        }
                    }
                }
            }
        }
        self.graph = graph
        self.sourceSignificance = source
        self.targetSignificance = target
    }

    /// `(1 − w/s)^(k − 1)`, clamped to [0, 1]: the chance that one of `k` ties
    /// gets a share of at least `w/s` of the strength `s` under the null model.
    /// 1 when `k ≤ 1` (the degree-1 convention).
    @inline(__always)
    public static func significance(weight w: Double, strength s: Double, ties k: Int) -> Double {
        guard k > 1, s > 0 else { return 1 }
        let p = min(1, max(0, w / s))
        return pow(1 - p, Double(k - 1))
    }

    /// The smaller of the two ends' `α` of tie `e` (an index into `graph.outTargets`).
    public func significance(ofTie e: Int) -> Double { min(sourceSignificance[e], targetSignificance[e]) }

    /// Whether tie `e` is kept at level `alpha`: significant for either end, `min(α_source, α_target) < alpha`.
    public func keeps(tie e: Int, level alpha: Double) -> Bool { significance(ofTie: e) < alpha }

    /// One flag per tie (in `graph.outTargets` order): kept at level `alpha`.
    /// - Complexity: O(m).
    public func kept(level alpha: Double) -> [Bool] {
        (0 ..< graph.edgeCount).map { keeps(tie: $0, level: alpha) }
    }

    /// Number of ties kept at level `alpha`.
    /// - Complexity: O(m).
    public func keptCount(level alpha: Double) -> Int {
        var count = 0
        for e in 0 ..< graph.edgeCount where keeps(tie: e, level: alpha) { count += 1 }
        return count
    }

    /// The backbone at level `alpha`: the same people (isolates included) with
    /// only the kept ties, weights unchanged.
    /// - Complexity: O(n + m).
    public func backbone(level alpha: Double) -> Graph {
        let n = graph.nodeCount
        var outOffsets = [Int](repeating: 0, count: n + 1)
        var outTargets: [Int32] = []
        var outWeights: [Double] = []
        var inCounts = [Int](repeating: 0, count: n + 1)
        for v in 0 ..< n {
            for e in graph.outOffsets[v] ..< graph.outOffsets[v + 1] where keeps(tie: e, level: alpha) {
                let t = graph.outTargets[e]
                outTargets.append(t)
                outWeights.append(graph.outWeights[e])
                inCounts[Int(t) + 1] += 1
            }
            outOffsets[v + 1] = outTargets.count
        }
        for v in 0 ..< n { inCounts[v + 1] += inCounts[v] }
        return GraphBuilder.withTranspose(nodeCount: n, outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights, inOffsets: inCounts)
    }
}
