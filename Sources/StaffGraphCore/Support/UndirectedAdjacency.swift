/// The undirected view of a ``Graph`` used by the cohesion measures: for each
/// person, the distinct people they are tied to in either direction, sorted,
/// with a two-bit code per neighbour saying which arcs exist
/// (bit 0: `v → w`, bit 1: `w → v`; so 1 = out only, 2 = in only, 3 = mutual).
/// Self-loops are left out. Built by merging the sorted out- and in-lists
/// (branch-free) into buffers preallocated for the worst case (no tie
/// returned: 2m entries), in one pass without per-element capacity checks.
///
/// - Complexity: O(n + m) time and memory.
struct UndirectedAdjacency: Sendable {
    let nodeCount: Int
    let offsets: [Int]
    let neighbors: [Int32]
    /// Parallel to `neighbors`; empty when built `withCodes: false`.
    let codes: [UInt8]

    /// The view of `graph`; `withCodes: false` leaves `codes` empty, for the
    /// measures that only need the neighbours (k-core numbers), so that a
    /// byte per entry is neither allocated nor written.
    ///
    /// With `threads > 1` on a large graph (at least ``parallelViewMinimumTies``
    /// ties) the people are cut into one range per thread, of about equal
    /// out- plus in-degree; each range merges its people's lists into its own
    /// worst-case region (starting at its first person's out- plus in-offset),
    /// and the regions are then moved left, in order, over the gaps that
    /// mutual ties and self-loops left. The view is the same for any thread count.
    init(_ graph: Graph, withCodes: Bool = true, threads: Int = 1) {
        let n = graph.nodeCount
        let capacity = graph.edgeCount * 2
        let k = threads > 1 && graph.edgeCount >= Self.parallelViewMinimumTies ? max(1, min(threads, n)) : 1
        // People of range c: bounds[c] ..< bounds[c + 1], cut at about equal worst-case sizes.
        var bounds = [Int](repeating: n, count: k + 1)
        bounds[0] = 0
        for c in 1 ..< k {
            let wanted = c * capacity / k
            var lo = bounds[c - 1], hi = n
            while lo < hi {
                let mid = (lo + hi) >> 1
                if graph.outOffsets[mid] + graph.inOffsets[mid] < wanted { lo = mid + 1 } else { hi = mid }
            }
            bounds[c] = lo
        }
        let ranges = bounds
        var offsets = [Int](repeating: 0, count: n + 1)
        var codes: [UInt8] = []
        var written = 0
        let neighbors = [Int32](unsafeUninitializedCapacity: capacity) { nb, nbCount in
            codes = [UInt8](unsafeUninitializedCapacity: withCodes ? capacity : 0) { cd, cdCount in
                offsets.withUnsafeMutableBufferPointer { off in
                    graph.outOffsets.withUnsafeBufferPointer { outOff in
                        graph.inOffsets.withUnsafeBufferPointer { inOff in
                            graph.outTargets.withUnsafeBufferPointer { out in
                                graph.inSources.withUnsafeBufferPointer { inn in
                                    let shared = (nb: SharedBuffer(nb), cd: SharedBuffer(cd), off: SharedBuffer(off),
                                                  outOff: SharedBuffer(outOff), inOff: SharedBuffer(inOff), out: SharedBuffer(out), inn: SharedBuffer(inn))
                                    // Each range: its people's merged lists from its worst-case start; returns its end.
                                    let ends = parallelChunks(count: k, chunks: k, threads: k) { cs -> Int in
                                        var end = 0
                                        for c in cs {
                                            end = Self.merge(people: ranges[c] ..< ranges[c + 1], withCodes: withCodes,
                                                             nb: shared.nb.buffer, cd: shared.cd.buffer, off: shared.off.buffer,
                                                             outOff: shared.outOff.buffer, inOff: shared.inOff.buffer,
                                                             out: shared.out.buffer, inn: shared.inn.buffer)
                                        }
                                        return end
                                    }
                                    // Close the gaps between the ranges, in order (never onto unread entries).
                                    written = ends[0]
                                    for c in 1 ..< k {
                                        let first = ranges[c], last = ranges[c + 1]
                                        let start = outOff[first] + inOff[first], count = ends[c] - start
                                        if start != written {
                                            for i in 0 ..< count {
                                                nb[written + i] = nb[start + i]
                                                if withCodes { cd[written + i] = cd[start + i] }
                                            }
                                            for v in first ..< last { off[v + 1] -= start - written }
                                        }
                                        written += count
                                    }
                                }
                            }
                        }
                    }
                }
                cdCount = withCodes ? written : 0
            }
            nbCount = written
        }
        self.nodeCount = n
        self.offsets = offsets
        self.neighbors = neighbors
        self.codes = codes
    }

    /// Graphs from this many ties build the view on several threads when given them.
    static let parallelViewMinimumTies = 1 << 18

    /// Writes the merged lists of `people` from their worst-case start
    /// (`outOff[first] + inOff[first]`), sets `off[v + 1]` for each, and
    /// returns the end (the start when `people` is empty). Branch-free merge step: the smaller head (both when
    /// equal); an entry is kept unless it is the person itself (a self-loop).
    private static func merge(people: Range<Int>, withCodes: Bool,
                              nb: UnsafeMutableBufferPointer<Int32>, cd: UnsafeMutableBufferPointer<UInt8>, off: UnsafeMutableBufferPointer<Int>,
                              outOff: UnsafeMutableBufferPointer<Int>, inOff: UnsafeMutableBufferPointer<Int>,
                              out: UnsafeMutableBufferPointer<Int32>, inn: UnsafeMutableBufferPointer<Int32>) -> Int {
        var written = outOff[people.lowerBound] + inOff[people.lowerBound]
        @inline(__always) func emit(_ w: Int32, _ code: UInt8, _ v: Int32) {
            nb.initializeElement(at: written, to: w)
            if withCodes { cd.initializeElement(at: written, to: code) }
            written &+= w != v ? 1 : 0
        }
        for v in people {
            let v32 = Int32(truncatingIfNeeded: v)
            var a = outOff[v], b = inOff[v]
            let aEnd = outOff[v + 1], bEnd = inOff[v + 1]
            while a < aEnd && b < bEnd {
                let x = out[a], y = inn[b]
                let takeOut = x <= y ? 1 : 0, takeIn = y <= x ? 1 : 0
                emit(min(x, y), UInt8(truncatingIfNeeded: takeOut | takeIn << 1), v32)
                a &+= takeOut
                b &+= takeIn
            }
            while a < aEnd { emit(out[a], 1, v32); a &+= 1 }
            while b < bEnd { emit(inn[b], 2, v32); b &+= 1 }
            off[v + 1] = written
        }
        return written
    }

    /// Number of distinct neighbours of `v`.
    @inline(__always) func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }

    /// Number of undirected ties (pairs with at least one arc).
    var edgeCount: Int { neighbors.count / 2 }
}

/// Builds the undirected view of `graph` and returns its number of entries
/// (2 × undirected ties): for the benchmark tool, which times the build apart
/// from the measures that use it.
@_spi(Benchmarks)
public func undirectedViewEntryCount(_ graph: Graph) -> Int {
    UndirectedAdjacency(graph).neighbors.count
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
