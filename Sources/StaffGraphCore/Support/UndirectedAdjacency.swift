/// The undirected view of a ``Graph`` used by the cohesion measures: for each
/// person, the distinct people they are tied to in either direction, sorted,
/// with a two-bit code per neighbour saying which arcs exist
/// (bit 0: `v → w`, bit 1: `w → v`; so 1 = out only, 2 = in only, 3 = mutual).
/// Self-loops are left out. Built by merging the sorted out- and in-lists
/// (branch-free) in two passes over fixed chunks of people, each pass on
/// `threads` threads: the first counts each person's distinct neighbours, the
/// second writes them at the offsets the counts give. The result does not
/// depend on the number of threads.
///
/// - Complexity: O(n + m) time and memory; the two passes split over the threads.
struct UndirectedAdjacency: Sendable {
    let nodeCount: Int
    let offsets: [Int]
    let neighbors: [Int32]
    let codes: [UInt8]

    init(_ graph: Graph, threads: Int = Parallelism.defaultThreads) {
        let n = graph.nodeCount
        // Small graphs run as one chunk on the calling thread (no dispatch).
        let chunks = max(1, min(64, graph.edgeCount / 16_384))
        var offsets = [Int](repeating: 0, count: n + 1)
        // Pass 1: distinct neighbours of each person (self-loops left out), into offsets[v + 1].
        offsets.withUnsafeMutableBufferPointer { off in
            let counts = SharedInts(off)
            _ = parallelChunks(count: n, chunks: chunks, threads: threads) { range in
                graph.outOffsets.withUnsafeBufferPointer { outOff in
                    graph.inOffsets.withUnsafeBufferPointer { inOff in
                        graph.outTargets.withUnsafeBufferPointer { out in
                            graph.inSources.withUnsafeBufferPointer { inn in
                                for v in range {
                                    let v32 = Int32(truncatingIfNeeded: v)
                                    var a = outOff[v], b = inOff[v]
                                    let aEnd = outOff[v + 1], bEnd = inOff[v + 1]
                                    var count = 0
                                    while a < aEnd && b < bEnd {
                                        let x = out[a], y = inn[b]
                                        count &+= min(x, y) != v32 ? 1 : 0
                                        a &+= x <= y ? 1 : 0
                                        b &+= y <= x ? 1 : 0
                                    }
                                    while a < aEnd { count &+= out[a] != v32 ? 1 : 0; a &+= 1 }
                                    while b < bEnd { count &+= inn[b] != v32 ? 1 : 0; b &+= 1 }
                                    counts.base[v + 1] = count
                                }
                            }
                        }
                    }
                }
                return 0
            }
            for v in 0 ..< n { off[v + 1] &+= off[v] }
        }
        let total = offsets[n]
        let starts = offsets
        var codes: [UInt8] = []
        // Pass 2: the merged lists at their offsets; each chunk writes only its own people's runs.
        let neighbors = [Int32](unsafeUninitializedCapacity: total) { nb, nbCount in
            codes = [UInt8](unsafeUninitializedCapacity: total) { cd, cdCount in
                let sink = SharedLists(neighbors: nb, codes: cd)
                _ = parallelChunks(count: n, chunks: chunks, threads: threads) { range in
                    graph.outOffsets.withUnsafeBufferPointer { outOff in
                        graph.inOffsets.withUnsafeBufferPointer { inOff in
                            graph.outTargets.withUnsafeBufferPointer { out in
                                graph.inSources.withUnsafeBufferPointer { inn in
                                    starts.withUnsafeBufferPointer { off in
                                        let nb = sink.neighbors, cd = sink.codes
                                        // Self-loops are skipped by a (well-predicted) branch: a write past the
                                        // run's end could land in another chunk's run.
                                        for v in range {
                                            let v32 = Int32(truncatingIfNeeded: v)
                                            var written = off[v]
                                            let runEnd = off[v + 1]
                                            @inline(__always) func emit(_ w: Int32, _ code: UInt8) {
                                                if w != v32 {
                                                    nb[written] = w
                                                    cd[written] = code
                                                    written &+= 1
                                                }
                                            }
                                            var a = outOff[v], b = inOff[v]
                                            let aEnd = outOff[v + 1], bEnd = inOff[v + 1]
                                            // Merge step: the smaller head (both when equal).
                                            while a < aEnd && b < bEnd {
                                                let x = out[a], y = inn[b]
                                                let takeOut = x <= y ? 1 : 0, takeIn = y <= x ? 1 : 0
                                                emit(min(x, y), UInt8(truncatingIfNeeded: takeOut | takeIn << 1))
                                                a &+= takeOut
                                                b &+= takeIn
                                            }
                                            while a < aEnd { emit(out[a], 1); a &+= 1 }
                                            while b < bEnd { emit(inn[b], 2); b &+= 1 }
                                            assert(written == runEnd)
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return 0
                }
                cdCount = total
            }
            nbCount = total
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

/// Builds the undirected view of `graph` on `threads` threads and returns its
/// number of entries (2 × undirected ties): for the benchmark tool, which times
/// the build apart from the measures that use it.
@_spi(Benchmarks)
public func undirectedViewEntryCount(_ graph: Graph, threads: Int = Parallelism.defaultThreads) -> Int {
    UndirectedAdjacency(graph, threads: threads).neighbors.count
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

/// A buffer of counts the chunks of ``UndirectedAdjacency/init(_:threads:)``
/// fill: each chunk writes only its own people's entries, and the buffer is read
/// after `parallelChunks` returns, so the `@unchecked Sendable` is sound.
private struct SharedInts: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Int>
    init(_ base: UnsafeMutableBufferPointer<Int>) { self.base = base }
}

/// The neighbour and code buffers the chunks fill, each chunk only its own
/// people's runs (disjoint ranges), read after `parallelChunks` returns.
private struct SharedLists: @unchecked Sendable {
    let neighbors: UnsafeMutableBufferPointer<Int32>
    let codes: UnsafeMutableBufferPointer<UInt8>
}
