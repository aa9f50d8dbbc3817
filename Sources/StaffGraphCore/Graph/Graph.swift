/// An immutable directed graph in compressed sparse row (CSR) form, with both
/// out- and in-adjacency.
///
/// Nodes are dense indices `0..<nodeCount` (a ``Roster`` maps them to people).
/// A tie `i → j` means "i names j" ("i seeks advice from j"), so in-degree is
/// being sought out. Each node's neighbours are stored contiguously and sorted
/// by index, which makes `hasEdge` a binary search and neighbour-set
/// intersections a merge. Weights are tie strengths (higher = stronger).
///
/// Storage is `outOffsets` (n + 1), `outTargets` (m, 32-bit), `outWeights` (m)
/// and the same for in-edges: 2 × (4 + 8) bytes per tie plus offsets, so a
/// graph of 3,000,000 ties takes about 72 MB.
///
/// Build one with ``GraphBuilder``. The value is immutable and `Sendable`, so it
/// can be shared across threads without copying.
public struct Graph: Sendable, Equatable {
    /// Number of nodes, isolates included.
    public let nodeCount: Int
    /// `outOffsets[v] ..< outOffsets[v + 1]` indexes `v`'s out-ties in `outTargets` and `outWeights`.
    public let outOffsets: [Int]
    /// Targets of out-ties, sorted ascending within each source.
    public let outTargets: [Int32]
    /// Weights of out-ties, parallel to `outTargets`.
    public let outWeights: [Double]
    /// `inOffsets[v] ..< inOffsets[v + 1]` indexes `v`'s in-ties in `inSources` and `inWeights`.
    public let inOffsets: [Int]
    /// Sources of in-ties, sorted ascending within each target.
    public let inSources: [Int32]
    /// Weights of in-ties, parallel to `inSources`.
    public let inWeights: [Double]

    /// Creates a graph from CSR arrays that already satisfy the invariants
    /// (offsets monotone, neighbours sorted and unique per node, in-adjacency
    /// the transpose of out-adjacency). Use ``GraphBuilder`` for anything else.
    init(
        nodeCount: Int,
        outOffsets: [Int], outTargets: [Int32], outWeights: [Double],
        inOffsets: [Int], inSources: [Int32], inWeights: [Double]
    ) {
        self.nodeCount = nodeCount
        self.outOffsets = outOffsets
        self.outTargets = outTargets
        self.outWeights = outWeights
        self.inOffsets = inOffsets
        self.inSources = inSources
        self.inWeights = inWeights
    }

    /// A graph with `nodeCount` nodes and no ties.
    public init(isolates nodeCount: Int) {
        self.init(
            nodeCount: nodeCount,
            outOffsets: Array(repeating: 0, count: nodeCount + 1), outTargets: [], outWeights: [],
            inOffsets: Array(repeating: 0, count: nodeCount + 1), inSources: [], inWeights: []
        )
    }

    /// Number of ties (arcs).
    public var edgeCount: Int { outTargets.count }

    /// Number of ties `v` sends (people `v` names).
    @inline(__always)
    public func outDegree(_ v: Int) -> Int { outOffsets[v + 1] - outOffsets[v] }

    /// Number of ties `v` receives (people who name `v`).
    @inline(__always)
    public func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }

    /// The people `v` names, ascending.
    public func outNeighbors(_ v: Int) -> ArraySlice<Int32> { outTargets[outOffsets[v] ..< outOffsets[v + 1]] }

    /// The people who name `v`, ascending.
    public func inNeighbors(_ v: Int) -> ArraySlice<Int32> { inSources[inOffsets[v] ..< inOffsets[v + 1]] }

    /// The weights of `v`'s out-ties, parallel to ``outNeighbors(_:)``.
    public func outNeighborWeights(_ v: Int) -> ArraySlice<Double> { outWeights[outOffsets[v] ..< outOffsets[v + 1]] }

    /// The weights of `v`'s in-ties, parallel to ``inNeighbors(_:)``.
    public func inNeighborWeights(_ v: Int) -> ArraySlice<Double> { inWeights[inOffsets[v] ..< inOffsets[v + 1]] }

    /// Position of the tie `source → target` in `outTargets`, if present.
    /// - Complexity: O(log outDegree(source)).
    public func outEdgeIndex(from source: Int, to target: Int) -> Int? {
        var lo = outOffsets[source], hi = outOffsets[source + 1]
        let t = Int32(truncatingIfNeeded: target)
        while lo < hi {
            let mid = (lo + hi) >> 1
            let x = outTargets[mid]
            if x == t { return mid }
            if x < t { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Whether `source` names `target`.
    /// - Complexity: O(log outDegree(source)).
    public func hasEdge(from source: Int, to target: Int) -> Bool {
        outEdgeIndex(from: source, to: target) != nil
    }

    /// The weight of the tie `source → target`, or `nil` when there is none.
    public func weight(from source: Int, to target: Int) -> Double? {
        outEdgeIndex(from: source, to: target).map { outWeights[$0] }
    }

    /// Number of ties `v → v` (zero unless the builder was asked to keep self-loops).
    public var selfLoopCount: Int {
        var count = 0
        for v in 0 ..< nodeCount where hasEdge(from: v, to: v) { count += 1 }
        return count
    }

    /// All ties as `(source, target, weight)`, ordered by (source, target).
    public var ties: [Tie] {
        var result: [Tie] = []
        result.reserveCapacity(edgeCount)
        for v in 0 ..< nodeCount {
            for e in outOffsets[v] ..< outOffsets[v + 1] {
                result.append(Tie(source: v, target: Int(outTargets[e]), weight: outWeights[e]))
            }
        }
        return result
    }

    /// The same people with every tie reversed (`j → i` for each `i → j`).
    /// - Complexity: O(1) beyond copying references: the two adjacencies swap roles.
    public func reversed() -> Graph {
        Graph(
            nodeCount: nodeCount,
            outOffsets: inOffsets, outTargets: inSources, outWeights: inWeights,
            inOffsets: outOffsets, inSources: outTargets, inWeights: outWeights
        )
    }
}

/// One directed, weighted tie.
public struct Tie: Sendable, Hashable {
    /// The person who names.
    public var source: Int
    /// The person named.
    public var target: Int
    /// Tie strength (higher = stronger).
    public var weight: Double

    /// Creates a tie `source → target` with the given strength.
    public init(source: Int, target: Int, weight: Double = 1) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}
