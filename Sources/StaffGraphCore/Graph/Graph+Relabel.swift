extension Graph {
    /// The same graph with its nodes renumbered: node `i` of the result is node
    /// `order[i]` of this graph, with every tie and weight kept (self-loops too).
    ///
    /// Used to put people in another order (pseudonym order under
    /// `--anonymize`), so that nothing downstream, not even a tie broken by
    /// index, follows the original order.
    ///
    /// Example: `order` `[2, 0, 1]` turns `0 → 1, 1 → 2` into `1 → 2, 2 → 0`.
    /// - Precondition: `order` is a permutation of `0 ..< nodeCount`.
    /// - Complexity: O(n + m log d), d the largest out-degree.
    public func relabelled(order: [Int]) -> Graph {
        precondition(order.count == nodeCount, "order must list every node once")
        var position = [Int32](repeating: -1, count: nodeCount)
        for (new, old) in order.enumerated() {
            precondition(old >= 0 && old < nodeCount && position[old] < 0, "order must be a permutation of the nodes")
            position[old] = Int32(truncatingIfNeeded: new)
        }
        var outOffsets = [Int](repeating: 0, count: nodeCount + 1)
        var outTargets: [Int32] = []
        var outWeights: [Double] = []
        outTargets.reserveCapacity(edgeCount)
        outWeights.reserveCapacity(edgeCount)
        var inCounts = [Int](repeating: 0, count: nodeCount + 1)
        var row: [(target: Int32, weight: Double)] = []
        for (new, old) in order.enumerated() {
            row.removeAll(keepingCapacity: true)
            for e in self.outOffsets[old] ..< self.outOffsets[old + 1] {
                row.append((position[Int(self.outTargets[e])], self.outWeights[e]))
            }
            row.sort { $0.target < $1.target }
            for (t, w) in row {
                outTargets.append(t)
                outWeights.append(w)
                inCounts[Int(t) + 1] += 1
            }
            outOffsets[new + 1] = outTargets.count
        }
        for i in 0 ..< nodeCount { inCounts[i + 1] += inCounts[i] }
        return GraphBuilder.withTranspose(nodeCount: nodeCount, outOffsets: outOffsets, outTargets: outTargets,
                                          outWeights: outWeights, inOffsets: inCounts)
    }
}
