/// The undirected view of a ``Graph`` used by the cohesion measures: for each
/// person, the distinct people they are tied to in either direction, sorted,
/// with a two-bit code per neighbour saying which arcs exist
/// (bit 0: `v → w`, bit 1: `w → v`; so 1 = out only, 2 = in only, 3 = mutual).
/// Self-loops are left out. Built by merging the sorted out- and in-lists.
///
/// - Complexity: O(n + m) time and memory.
struct UndirectedAdjacency: Sendable {
    let nodeCount: Int
    let offsets: [Int]
    let neighbors: [Int32]
    let codes: [UInt8]

    init(_ graph: Graph) {
        let n = graph.nodeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        var neighbors: [Int32] = []
        var codes: [UInt8] = []
        neighbors.reserveCapacity(graph.edgeCount * 2)
        codes.reserveCapacity(graph.edgeCount * 2)
        graph.outTargets.withUnsafeBufferPointer { out in
            graph.inSources.withUnsafeBufferPointer { inn in
                for v in 0 ..< n {
                    var a = graph.outOffsets[v]
                    let aEnd = graph.outOffsets[v + 1]
                    var b = graph.inOffsets[v]
                    let bEnd = graph.inOffsets[v + 1]
                    let self32 = Int32(truncatingIfNeeded: v)
                    while a < aEnd || b < bEnd {
                        let x = a < aEnd ? out[a] : Int32.max
                        let y = b < bEnd ? inn[b] : Int32.max
                        let w: Int32
                        var code: UInt8 = 0
                        if x <= y { w = x; code |= 1; a += 1 } else { w = y }
                        if y == w { code |= 2; b += 1 }
                        if w != self32 {
                            neighbors.append(w)
                            codes.append(code)
                        }
                    }
                    offsets[v + 1] = neighbors.count
                }
            }
        }
        self.nodeCount = n
        self.offsets = offsets
        self.neighbors = neighbors
        self.codes = codes
    }

    /// Number of distinct neighbours of `v`.
    @inline(__always) func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }

    /// Number of undirected ties (pairs with at least one arc).
    var edgeCount: Int { neighbors.count / 2 }
}

/// Number of arcs a two-bit code stands for (1 or 2).
@inline(__always) func arcCount(_ code: UInt8) -> Int { Int(code & 1) + Int(code >> 1) }

extension Graph {
    /// The graph without self-loops (the same value when it has none).
    /// - Complexity: O(n + m).
    func droppingSelfLoops() -> Graph {
        if selfLoopCount == 0 { return self }
        var b = GraphBuilder(nodeCount: nodeCount, reservingCapacity: edgeCount)
        for v in 0 ..< nodeCount {
            for e in outOffsets[v] ..< outOffsets[v + 1] where Int(outTargets[e]) != v {
                b.addTie(from: v, to: Int(outTargets[e]), weight: outWeights[e])
            }
        }
        return b.build(parallelTies: .max, selfLoops: .drop).graph
    }
}
