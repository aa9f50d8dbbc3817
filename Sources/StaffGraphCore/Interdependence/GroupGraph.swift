/// The network seen group by group: one node per group of a ``Partition``
/// (teams, schools), ties between groups counted, and how densely each group
/// is tied inside. What an aggregate map (`draw --aggregate`) draws.
///
/// **Formula.** With `n_g` the people in group g and `o_g` those of them whose
/// answers are observed (``WavePresence/observedRows``; everyone without
/// response data):
/// - `ties(g → h)` counts the arcs from a member of g to a member of h, g ≠ h,
///   sent by observed members (binary: weights and self-loops ignored), as
///   ``MixingMatrix/ties`` does;
/// - `internal(g)` counts the arcs inside g the same way;
/// - `density(g) = internal(g) / (o_g · (n_g − 1))`, the block density of g's
///   own block (``MixingMatrix/density``); `nil` when there is no cell (a
///   one-person group, or a group with no observed member);
/// - `tieDensity(g → h) = ties(g → h) / (o_g · n_h)`, the off-diagonal block density.
///
/// ``graph`` has one node per group (in partition order) and a tie `g → h`,
/// weighted by `ties(g → h)`, for every pair with at least one arc, so it can
/// be filtered (``DisparityFilter``) or drawn like any network.
///
/// **Example.** Groups {a, b} and {c}; ties a → b, a → c, c → a: ``graph`` has
/// the ties 0 → 1 (weight 1) and 1 → 0 (weight 1); `internal = [1, 0]`,
/// `density = [1/2, nil]`, and both between-group densities are 1/2.
public struct GroupGraph: Sendable, Equatable {
    /// Group names, in partition order: node g of ``graph`` is group g.
    public let names: [String]
    /// People in each group (`n_g`).
    public let sizes: [Int]
    /// People in each group whose answers are observed (`o_g`).
    public let observedSizes: [Int]
    /// Ties between groups: `g → h` weighted by the number of arcs from
    /// members of g to members of h (only pairs with at least one).
    public let graph: Graph
    /// Arcs inside each group, sent by observed members.
    public let internalTies: [Int]
    /// Within-group density, `internal(g) / (o_g · (n_g − 1))`, or `nil` without a cell.
    public let density: [Double?]
    /// Between-group density of each tie of ``graph``, parallel to its
    /// `outTargets`: `ties(g → h) / (o_g · n_h)`.
    public let tieDensity: [Double]

    /// Groups `graph`'s people by `partition`.
    ///
    /// - Parameters:
    ///   - graph: the people's network.
    ///   - partition: one group per person of `graph`.
    ///   - observedRows: `false` for people whose answers are missing
    ///     (non-respondents): their arcs are not counted and they leave the
    ///     density denominators' rows; `nil` when every answer is observed.
    /// - Complexity: O(n + m) time, O(g + m) memory: no group × group matrix.
    public init(_ graph: Graph, partition: Partition, observedRows: [Bool]? = nil) {
        precondition(partition.labels.count == graph.nodeCount, "one group label per person")
        precondition(observedRows.map { $0.count == graph.nodeCount } ?? true, "one observed flag per person")
        let k = partition.count
        var observedSizes = [Int](repeating: 0, count: k)
        var internalTies = [Int](repeating: 0, count: k)
        var builder = GraphBuilder(nodeCount: k, reservingCapacity: graph.edgeCount)
        partition.labels.withUnsafeBufferPointer { label in
            graph.outOffsets.withUnsafeBufferPointer { offsets in
                graph.outTargets.withUnsafeBufferPointer { targets in
                    for v in 0 ..< graph.nodeCount where observedRows?[v] ?? true {
                        let g = label[v]
                        observedSizes[g] += 1
                        for e in offsets[v] ..< offsets[v + 1] {
                            let t = Int(targets[e])
                            if t == v { continue }
                            let h = label[t]
                            if g == h { internalTies[g] += 1 } else { builder.addTie(from: g, to: h, weight: 1) }
                        }
                    }
                }
            }
        }
        let between = builder.build(parallelTies: .sum, selfLoops: .drop).graph
        var density = [Double?](repeating: nil, count: k)
        for g in 0 ..< k {
            let cells = observedSizes[g] * (partition.sizes[g] - 1)
            density[g] = cells > 0 ? Double(internalTies[g]) / Double(cells) : nil
        }
        var tieDensity = [Double](repeating: 0, count: between.edgeCount)
        for g in 0 ..< k {
            for e in between.outOffsets[g] ..< between.outOffsets[g + 1] {
                // A tie g → h exists only when an observed member of g sent it, so o_g ≥ 1 and n_h ≥ 1.
                let cells = observedSizes[g] * partition.sizes[Int(between.outTargets[e])]
                tieDensity[e] = between.outWeights[e] / Double(max(cells, 1))
            }
        }
        self.names = partition.names
        self.sizes = partition.sizes
        self.observedSizes = observedSizes
        self.graph = between
        self.internalTies = internalTies
        self.density = density
        self.tieDensity = tieDensity
    }

    /// Number of groups.
    public var count: Int { names.count }

    /// Arcs from group `g` to group `h` (`internalTies[g]` when `g == h`).
    /// - Complexity: O(log d), d the number of groups g is tied to.
    public func ties(from g: Int, to h: Int) -> Int {
        if g == h { return internalTies[g] }
        return Int(graph.weight(from: g, to: h) ?? 0)
    }
}

extension Partition {
    /// The partition with every group of fewer than `minimumSize` people
    /// merged into one group named `name`, placed after the others (which keep
    /// their order); ``merged`` lists the groups merged. Nothing changes when
    /// no group is that small.
    ///
    /// Used so that a small team cannot be singled out (`--min-group-size`):
    /// its people still count, as part of a group of several small ones.
    ///
    /// Example: groups A (6 people), B (2), C (1) with `minimumSize` 5 and name
    /// "small" give A (6) and "small" (3), `merged == [1, 2]`.
    /// - Complexity: O(n + g).
    public func mergingGroups(smallerThan minimumSize: Int, into name: String) -> (partition: Partition, merged: [Int]) {
        let small = (0 ..< count).filter { sizes[$0] < minimumSize }
        guard !small.isEmpty else { return (self, []) }
        var newIndex = [Int](repeating: -1, count: count)
        var newNames: [String] = []
        for g in 0 ..< count where sizes[g] >= minimumSize {
            newIndex[g] = newNames.count
            newNames.append(names[g])
        }
        let mergedIndex = newNames.count
        newNames.append(name)
        for g in small { newIndex[g] = mergedIndex }
        return (Partition(labels: labels.map { newIndex[$0] }, names: newNames), small)
    }
}
