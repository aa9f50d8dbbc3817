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
