/// How ties that repeat the same ordered pair (same source, target, relation
/// and wave) are merged into one. <doc:Conventions>: default `max`.
public enum ParallelTieRule: String, Sendable, CaseIterable {
    /// Keep the strongest value (default).
    case max
    /// Add the values.
    case sum
    /// Keep the value of the last row in input order.
    case last
}

/// What the builder does with a tie from a person to themselves.
public enum SelfLoopPolicy: String, Sendable, CaseIterable {
    /// Drop and count (default, <doc:Conventions>).
    case drop
    /// Keep as a tie `v → v`.
    case keep
}

/// What ``GraphBuilder/build(parallelTies:selfLoops:)`` merged or dropped.
public struct BuildReport: Sendable, Equatable {
    /// Ties handed to the builder.
    public var tiesAdded: Int = 0
    /// Self-loops dropped (zero when kept).
    public var selfLoopsDropped: Int = 0
    /// Rows folded into an earlier row for the same ordered pair.
    public var parallelTiesMerged: Int = 0
    /// Distinct ordered pairs that had more than one row.
    public var pairsWithParallelTies: Int = 0
    /// Ties in the built graph.
    public var ties: Int = 0

    /// An empty report.
    public init() {}
}

/// Collects ties in any order and builds a ``Graph`` in O(n + m).
///
/// Ties are sorted by (source, target) with two stable counting-sort passes,
/// parallel ties are merged by a ``ParallelTieRule``, self-loops are dropped
/// (and counted) unless kept, and every node in `0..<nodeCount` is kept, so
/// roster isolates survive.
///
/// ```swift
/// var b = GraphBuilder(nodeCount: 3)
/// b.addTie(from: 0, to: 1, weight: 2)
/// b.addTie(from: 0, to: 1, weight: 3)   // parallel: merged, max = 3
/// b.addTie(from: 2, to: 2)              // self-loop: dropped
/// let (g, report) = b.build()           // 1 tie; report.parallelTiesMerged == 1
/// ```
public struct GraphBuilder: Sendable {
    /// Number of nodes the built graph will have.
    public private(set) var nodeCount: Int
    private var sources: [Int32] = []
    private var targets: [Int32] = []
    private var weights: [Double] = []

    /// A builder for a graph over `nodeCount` nodes, optionally reserving room for `capacity` ties.
    public init(nodeCount: Int, reservingCapacity capacity: Int = 0) {
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max), "node count out of range")
        self.nodeCount = nodeCount
        sources.reserveCapacity(capacity)
        targets.reserveCapacity(capacity)
        weights.reserveCapacity(capacity)
    }

    /// Number of ties added so far (before merging).
    public var tieCount: Int { sources.count }

    /// Adds a node with no ties and returns its index.
    @discardableResult
    public mutating func addNode() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    /// Makes sure the graph has at least `count` nodes.
    public mutating func ensureNodeCount(_ count: Int) {
        if count > nodeCount { nodeCount = count }
    }

    /// Adds the tie `source → target`. Indices must be in `0..<nodeCount`.
    public mutating func addTie(from source: Int, to target: Int, weight: Double = 1) {
        precondition(source >= 0 && source < nodeCount && target >= 0 && target < nodeCount, "tie endpoint out of range")
        sources.append(Int32(truncatingIfNeeded: source))
        targets.append(Int32(truncatingIfNeeded: target))
        weights.append(weight)
    }

    /// Builds the graph.
    /// - Complexity: O(n + m) time, about 2 × 12 bytes per tie of scratch beyond the result.
    public func build(parallelTies rule: ParallelTieRule = .max, selfLoops: SelfLoopPolicy = .drop) -> (graph: Graph, report: BuildReport) {
        let n = nodeCount
        let m = sources.count
        var report = BuildReport()
        report.tiesAdded = m

        // Pass 1: stable counting sort by target → order1.
        // Pass 2: stable counting sort of order1 by source → order (sorted by source, then target, then input order).
        var order = [Int32](repeating: 0, count: m)
        var kept = 0
        sources.withUnsafeBufferPointer { src in
            targets.withUnsafeBufferPointer { dst in
                var bucket = [Int](repeating: 0, count: n + 1)
                for e in 0 ..< m where selfLoops == .keep || src[e] != dst[e] {
                    bucket[Int(dst[e]) + 1] += 1
                }
                for v in 0 ..< n { bucket[v + 1] += bucket[v] }
                kept = bucket[n]
                var order1 = [Int32](repeating: 0, count: kept)
                for e in 0 ..< m where selfLoops == .keep || src[e] != dst[e] {
                    let t = Int(dst[e])
                    order1[bucket[t]] = Int32(truncatingIfNeeded: e)
                    bucket[t] += 1
                }
                for v in 0 ... n { bucket[v] = 0 }
                for i in 0 ..< kept { bucket[Int(src[Int(order1[i])]) + 1] += 1 }
                for v in 0 ..< n { bucket[v + 1] += bucket[v] }
                for i in 0 ..< kept {
                    let e = order1[i]
                    let s = Int(src[Int(e)])
                    order[bucket[s]] = e
                    bucket[s] += 1
                }
            }
        }
        report.selfLoopsDropped = m - kept

        // Merge runs of equal (source, target) and write the out-CSR.
        var outOffsets = [Int](repeating: 0, count: n + 1)
        var outTargets = [Int32]()
        var outWeights = [Double]()
        outTargets.reserveCapacity(kept)
        outWeights.reserveCapacity(kept)
        var inCounts = [Int](repeating: 0, count: n + 1)
        sources.withUnsafeBufferPointer { src in
            targets.withUnsafeBufferPointer { dst in
                weights.withUnsafeBufferPointer { w in
                    var i = 0
                    while i < kept {
                        let e = Int(order[i])
                        let s = src[e], t = dst[e]
                        var value = w[e]
                        var j = i + 1
                        while j < kept {
                            let f = Int(order[j])
                            if src[f] != s || dst[f] != t { break }
                            switch rule {
                            case .max: value = Swift.max(value, w[f])
                            case .sum: value += w[f]
                            case .last: value = w[f]
                            }
                            j += 1
                        }
                        if j - i > 1 {
                            report.parallelTiesMerged += j - i - 1
                            report.pairsWithParallelTies += 1
                        }
                        outOffsets[Int(s) + 1] += 1
                        inCounts[Int(t) + 1] += 1
                        outTargets.append(t)
                        outWeights.append(value)
                        i = j
                    }
                }
            }
        }
        for v in 0 ..< n {
            outOffsets[v + 1] += outOffsets[v]
            inCounts[v + 1] += inCounts[v]
        }
        let graph = Self.withTranspose(nodeCount: n, outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights, inOffsets: inCounts)
        report.ties = graph.edgeCount
        return (graph, report)
    }

    /// Completes a graph from a valid out-CSR by filling the in-CSR (transpose).
    /// Scanning sources in ascending order leaves each in-list sorted.
    static func withTranspose(nodeCount n: Int, outOffsets: [Int], outTargets: [Int32], outWeights: [Double], inOffsets: [Int]) -> Graph {
        let m = outTargets.count
        var inSources = [Int32](repeating: 0, count: m)
        var inWeights = [Double](repeating: 0, count: m)
        var cursor = inOffsets
        outTargets.withUnsafeBufferPointer { tg in
            outWeights.withUnsafeBufferPointer { w in
                inSources.withUnsafeMutableBufferPointer { isrc in
                    inWeights.withUnsafeMutableBufferPointer { iw in
                        cursor.withUnsafeMutableBufferPointer { cur in
                            for v in 0 ..< n {
                                for e in outOffsets[v] ..< outOffsets[v + 1] {
                                    let t = Int(tg[e])
                                    let p = cur[t]
                                    isrc[p] = Int32(truncatingIfNeeded: v)
                                    iw[p] = w[e]
                                    cur[t] = p + 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return Graph(
            nodeCount: n,
            outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights,
            inOffsets: inOffsets, inSources: inSources, inWeights: inWeights
        )
    }
}

extension Graph {
    /// The graph induced by `members` (ascending node indices, no repeats):
    /// node `i` of the result is `members[i]`, and a tie is kept when both ends
    /// are members. Unlike ``subgraph(keeping:)`` it costs nothing per node
    /// outside the group, so one large graph can be cut into many small groups
    /// (schools of a state) in time proportional to the groups' own ties.
    ///
    /// Example: members `[1, 3]` of `0 → 1, 1 → 3, 3 → 2` give `0 → 1`.
    /// - Complexity: O(Σ_{v ∈ members} d_out(v) · log k) for k members.
    public func subgraph(members: [Int]) -> Graph {
        let k = members.count
        var outOffsets = [Int](repeating: 0, count: k + 1)
        var outTargets: [Int32] = []
        var outWeights: [Double] = []
        var inCounts = [Int](repeating: 0, count: k + 1)
        members.withUnsafeBufferPointer { list in
            /// Position of `w` in `members`, or -1.
            func local(_ w: Int) -> Int {
                var lo = 0, hi = k
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if list[mid] < w { lo = mid + 1 } else { hi = mid }
                }
                return lo < k && list[lo] == w ? lo : -1
            }
            for i in 0 ..< k {
                let v = list[i]
                for e in self.outOffsets[v] ..< self.outOffsets[v + 1] {
                    let t = local(Int(self.outTargets[e]))
                    if t < 0 { continue }
                    outTargets.append(Int32(truncatingIfNeeded: t))
                    outWeights.append(self.outWeights[e])
                    inCounts[t + 1] += 1
                }
                outOffsets[i + 1] = outTargets.count
            }
        }
        for i in 0 ..< k { inCounts[i + 1] += inCounts[i] }
        return GraphBuilder.withTranspose(nodeCount: k, outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights, inOffsets: inCounts)
    }

    /// The graph restricted to the nodes where `keep` is true, renumbered in
    /// order, with the mapping from new to old indices.
    /// - Complexity: O(n + m).
    public func subgraph(keeping keep: [Bool]) -> (graph: Graph, originalIndex: [Int]) {
        precondition(keep.count == nodeCount, "mask size must equal node count")
        var newIndex = [Int32](repeating: -1, count: nodeCount)
        var originalIndex: [Int] = []
        for v in 0 ..< nodeCount where keep[v] {
            newIndex[v] = Int32(originalIndex.count)
            originalIndex.append(v)
        }
        let k = originalIndex.count
        var outOffsets = [Int](repeating: 0, count: k + 1)
        var outTargets: [Int32] = []
        var outWeights: [Double] = []
        var inCounts = [Int](repeating: 0, count: k + 1)
        for (i, v) in originalIndex.enumerated() {
            for e in self.outOffsets[v] ..< self.outOffsets[v + 1] {
                let t = newIndex[Int(self.outTargets[e])]
                if t < 0 { continue }
                outTargets.append(t)
                outWeights.append(self.outWeights[e])
                inCounts[Int(t) + 1] += 1
            }
            outOffsets[i + 1] = outTargets.count
        }
        for i in 0 ..< k { inCounts[i + 1] += inCounts[i] }
        let g = GraphBuilder.withTranspose(nodeCount: k, outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights, inOffsets: inCounts)
        return (g, originalIndex)
    }

    /// The graph with only ties whose weight is at least `minimum` (thresholding, done before any measure).
    /// - Complexity: O(n + m).
    public func keepingTies(minimumWeight minimum: Double) -> Graph {
        var outOffsets = [Int](repeating: 0, count: nodeCount + 1)
        var outTargets: [Int32] = []
        var outWeights: [Double] = []
        var inCounts = [Int](repeating: 0, count: nodeCount + 1)
        for v in 0 ..< nodeCount {
            for e in self.outOffsets[v] ..< self.outOffsets[v + 1] where self.outWeights[e] >= minimum {
                outTargets.append(self.outTargets[e])
                outWeights.append(self.outWeights[e])
                inCounts[Int(self.outTargets[e]) + 1] += 1
            }
            outOffsets[v + 1] = outTargets.count
        }
        for v in 0 ..< nodeCount { inCounts[v + 1] += inCounts[v] }
        return GraphBuilder.withTranspose(nodeCount: nodeCount, outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights, inOffsets: inCounts)
    }

    /// The undirected view: a tie both ways between `i` and `j` whenever either
    /// names the other, weighted by the larger of the two values. Measures
    /// "on the symmetrized graph" (<doc:Conventions>) run on this.
    /// - Complexity: O(n + m).
    public func symmetrized() -> Graph {
        var b = GraphBuilder(nodeCount: nodeCount, reservingCapacity: 2 * edgeCount)
        for v in 0 ..< nodeCount {
            for e in outOffsets[v] ..< outOffsets[v + 1] {
                let t = Int(outTargets[e])
                b.addTie(from: v, to: t, weight: outWeights[e])
                b.addTie(from: t, to: v, weight: outWeights[e])
            }
        }
        return b.build(parallelTies: .max, selfLoops: .keep).graph
    }
}
