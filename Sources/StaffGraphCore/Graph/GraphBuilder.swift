/// How ties that repeat the same ordered pair (same source, target, relation
/// and wave) are merged into one. <doc:Conventions>: default `max`.
public enum ParallelTieRule: String, Sendable, CaseIterable {
    /// Keep the strongest value (default).
    case max
    /// Add the values.
    case sum
    /// Keep the value of the last row in input order.
    case last

    /// The merged value of a tie seen with `value` so far when a later row
    /// (in input order) gives `next`.
    @inline(__always)
    func merging(_ value: Double, _ next: Double) -> Double {
        switch self {
        case .max: return Swift.max(value, next)
        case .sum: return value + next
        case .last: return next
        }
    }
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

    /// A builder over `nodeCount` nodes holding the ties `sources[e] → targets[e]`
    /// with weight `weights[e]` (three arrays of one length, endpoints in
    /// `0..<nodeCount`), as if added one by one with ``addTie(from:to:weight:)``
    /// in index order, without copying them.
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]) {
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max), "node count out of range")
        precondition(sources.count == targets.count && targets.count == weights.count, "tie arrays of different lengths")
        let n = Int32(truncatingIfNeeded: nodeCount)
        precondition(!sources.contains { $0 < 0 || $0 >= n } && !targets.contains { $0 < 0 || $0 >= n }, "tie endpoint out of range")
        self.nodeCount = nodeCount
        self.sources = sources
        self.targets = targets
        self.weights = weights
    }

    /// Builds the same graph and report as ``build(parallelTies:selfLoops:)``
    /// and empties the builder, freeing the added ties as soon as they are
    /// sorted, so that the peak memory is about the graph's own size plus 12
    /// bytes per tie (instead of the added ties, two orderings and the graph).
    ///
    /// Ties are scattered by source (a stable counting sort), each person's
    /// ties sorted by (target, input order) in place, runs of one target
    /// merged by the rule, then the in-adjacency filled by transposition.
    /// On large inputs each of the three passes runs on `threads` threads over
    /// contiguous chunks (ties for the scatter, people of about equal tie
    /// counts for the rest); every chunk writes only its own positions, so the
    /// graph and the report are the same bits for any number of threads.
    /// - Parameter threads: threads for the three passes; the result never depends on it.
    /// - Complexity: O(n + m + Σ_v d_v log d_v), where d_v is v's out-degree,
    ///   plus 8 bytes per person per chunk (one chunk per thread, at most one
    ///   per 4 ties a person) of scratch.
    public mutating func buildReleasingTies(parallelTies rule: ParallelTieRule = .max, selfLoops: SelfLoopPolicy = .drop, threads: Int = Parallelism.defaultThreads) -> (graph: Graph, report: BuildReport) {
        buildReleasingTies(parallelTies: rule, selfLoops: selfLoops, threads: threads, chunks: nil)
    }

    /// ``buildReleasingTies(parallelTies:selfLoops:threads:)`` cut into
    /// `chunks` chunks (`nil`: one per thread on large inputs, else one), so
    /// tests can check that the chunking never changes the result.
    mutating func buildReleasingTies(parallelTies rule: ParallelTieRule, selfLoops: SelfLoopPolicy, threads: Int, chunks: Int?) -> (graph: Graph, report: BuildReport) {
        let n = nodeCount
        let m = sources.count
        var report = BuildReport()
        report.tiesAdded = m
        let keepLoops = selfLoops == .keep
        let workers = max(1, threads)
        // Each chunk keeps one count per person: at most one chunk per 4 ties a person.
        let k = max(1, chunks ?? (m < 1 << 16 ? 1 : min(workers, m / (4 * max(n, 1)))))
        // Chunk c's counts (later cursors) are perChunk[c·n ..< (c+1)·n].
        var perChunk = [Int](repeating: 0, count: k * n)
        var offsets = [Int](repeating: 0, count: n + 1)

        // Within each parallel pass below, every chunk writes only its own ties,
        // people or cursors, and reads nothing another chunk writes in that pass.
        // 1. Stable counting sort by source: each person's ties in input order.
        // Chunk c of the ties counts its sources, then scatters them after the
        // earlier chunks' ties of the same source.
        sources.withUnsafeBufferPointer { srcBuffer in
            targets.withUnsafeBufferPointer { dstBuffer in
                perChunk.withUnsafeMutableBufferPointer { countBuffer in
                    let sharedSrc = SharedBuffer(srcBuffer), sharedDst = SharedBuffer(dstBuffer), sharedCounts = SharedBuffer(countBuffer)
                    _ = parallelChunks(count: k, chunks: k, threads: workers) { cs in
                        let src = sharedSrc.buffer, dst = sharedDst.buffer, counts = sharedCounts.buffer
                        for c in cs {
                            let base = c * n
                            for e in (c * m / k) ..< ((c + 1) * m / k) where keepLoops || src[e] != dst[e] {
                                counts[base + Int(src[e])] += 1
                            }
                        }
                    }
                }
            }
        }
        let kept = Self.chunkStarts(&perChunk, people: n, chunks: k, offsets: &offsets)
        report.selfLoopsDropped = m - kept
        var outTargets = [Int32](repeating: 0, count: kept)
        var outWeights = [Double](repeating: 0, count: kept)
        sources.withUnsafeBufferPointer { srcBuffer in
            targets.withUnsafeBufferPointer { dstBuffer in
                weights.withUnsafeBufferPointer { wBuffer in
                    perChunk.withUnsafeMutableBufferPointer { cursorBuffer in
                        outTargets.withUnsafeMutableBufferPointer { otBuffer in
                            outWeights.withUnsafeMutableBufferPointer { owBuffer in
                                let sharedSrc = SharedBuffer(srcBuffer), sharedDst = SharedBuffer(dstBuffer), sharedW = SharedBuffer(wBuffer)
                                let sharedCursor = SharedBuffer(cursorBuffer), sharedOt = SharedBuffer(otBuffer), sharedOw = SharedBuffer(owBuffer)
                                _ = parallelChunks(count: k, chunks: k, threads: workers) { cs in
                                    let src = sharedSrc.buffer, dst = sharedDst.buffer, w = sharedW.buffer, cursor = sharedCursor.buffer, ot = sharedOt.buffer, ow = sharedOw.buffer
                                    for c in cs {
                                        let base = c * n
                                        for e in (c * m / k) ..< ((c + 1) * m / k) {
                                            let s = Int(src[e]), t = dst[e]
                                            if !keepLoops && s == Int(t) { continue }
                                            let p = cursor[base + s]
                                            ot[p] = t
                                            ow[p] = w[e]
                                            cursor[base + s] = p + 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        sources = []
        targets = []
        weights = []

        // People cut into k ranges of about kept/k ties: chunk c has people bounds[c] ..< bounds[c + 1].
        var bounds = [Int](repeating: n, count: k + 1)
        bounds[0] = 0
        for c in 1 ..< k {
            let wanted = c * kept / k
            var lo = bounds[c - 1], hi = n
            while lo < hi {
                let mid = (lo + hi) >> 1
                if offsets[mid] < wanted { lo = mid + 1 } else { hi = mid }
            }
            bounds[c] = lo
        }
        let chunkPeople = bounds

        // 2. Per person: sort by (target, input order), merge runs, compact in
        // place within the chunk's own ties; the chunk counts its in-ties per target.
        // Chunk c writes offsets of its people after its first (whose start it keeps),
        // and reads offsets up to that of the next chunk's first person, which nobody writes.
        let merged: [(written: Int, parallelTiesMerged: Int, pairs: Int)] = outTargets.withUnsafeMutableBufferPointer { otBuffer in
            outWeights.withUnsafeMutableBufferPointer { owBuffer in
                offsets.withUnsafeMutableBufferPointer { offBuffer in
                    perChunk.withUnsafeMutableBufferPointer { countBuffer in
                        let sharedOt = SharedBuffer(otBuffer), sharedOw = SharedBuffer(owBuffer)
                        let sharedOff = SharedBuffer(offBuffer), sharedCounts = SharedBuffer(countBuffer)
                        return parallelChunks(count: k, chunks: k, threads: workers) { cs in
                            let ot = sharedOt.buffer, ow = sharedOw.buffer, off = sharedOff.buffer, counts = sharedCounts.buffer
                            var result: (written: Int, parallelTiesMerged: Int, pairs: Int) = (0, 0, 0)
                            for c in cs {
                                let base = c * n
                                for t in 0 ..< n { counts[base + t] = 0 }
                                let first = chunkPeople[c], last = chunkPeople[c + 1]
                                let start = off[first]
                                var write = start
                                var scratch: [Int] = []
                                var lo = start
                                for v in first ..< last {
                                    let hi = off[v + 1]
                                    if v > first { off[v] = write }
                                    if hi - lo > 1 {
                                        if hi - lo <= 32 {
                                            // Insertion sort: stable, so equal targets stay in input order.
                                            var i = lo + 1
                                            while i < hi {
                                                let t = ot[i], x = ow[i]
                                                var j = i
                                                while j > lo && ot[j - 1] > t {
                                                    ot[j] = ot[j - 1]; ow[j] = ow[j - 1]
                                                    j -= 1
                                                }
                                                ot[j] = t; ow[j] = x
                                                i += 1
                                            }
                                        } else {
                                            // (target, position) is a total order, so any sort gives the stable result.
                                            scratch.removeAll(keepingCapacity: true)
                                            for i in lo ..< hi { scratch.append(Int(ot[i]) << 32 | (i - lo)) }
                                            scratch.sort()
                                            let weightsBefore = (lo ..< hi).map { ow[$0] }
                                            for (r, key) in scratch.enumerated() {
                                                ot[lo + r] = Int32(truncatingIfNeeded: key >> 32)
                                                ow[lo + r] = weightsBefore[key & 0xFFFF_FFFF]
                                            }
                                        }
                                    }
                                    var i = lo
                                    while i < hi {
                                        let t = ot[i]
                                        var value = ow[i]
                                        var j = i + 1
                                        while j < hi && ot[j] == t {
                                            value = rule.merging(value, ow[j])
                                            j += 1
                                        }
                                        if j - i > 1 {
                                            result.parallelTiesMerged += j - i - 1
                                            result.pairs += 1
                                        }
                                        ot[write] = t
                                        ow[write] = value
                                        counts[base + Int(t)] += 1
                                        write += 1
                                        i = j
                                    }
                                    lo = hi
                                }
                                result.written += write - start
                            }
                            return result
                        }
                    }
                }
            }
        }
        // Close the gaps the merges left between chunks (in chunk order: never onto unread ties).
        var write = 0
        for c in 0 ..< k {
            let first = chunkPeople[c], last = chunkPeople[c + 1]
            let start = offsets[first], written = merged[c].written
            report.parallelTiesMerged += merged[c].parallelTiesMerged
            report.pairsWithParallelTies += merged[c].pairs
            if start != write {
                outTargets.withUnsafeMutableBufferPointer { ot in
                    outWeights.withUnsafeMutableBufferPointer { ow in
                        for i in 0 ..< written {
                            ot[write + i] = ot[start + i]
                            ow[write + i] = ow[start + i]
                        }
                    }
                }
                for v in first ..< last { offsets[v] += write - start }
            }
            write += written
        }
        offsets[n] = write
        if write < kept {
            outTargets.removeSubrange(write...)
            outWeights.removeSubrange(write...)
        }

        // 3. Transpose: in-offsets from the chunks' counts, which become each chunk's
        // cursors after the earlier chunks' (lower) sources, so every in-list is
        // in ascending source order.
        var inOffsets = [Int](repeating: 0, count: n + 1)
        _ = Self.chunkStarts(&perChunk, people: n, chunks: k, offsets: &inOffsets)
        var inSources = [Int32](repeating: 0, count: write)
        var inWeights = [Double](repeating: 0, count: write)
        let outOffsets = offsets
        outTargets.withUnsafeBufferPointer { tgBuffer in
            outWeights.withUnsafeBufferPointer { wBuffer in
                inSources.withUnsafeMutableBufferPointer { isBuffer in
                    inWeights.withUnsafeMutableBufferPointer { iwBuffer in
                        perChunk.withUnsafeMutableBufferPointer { cursorBuffer in
                            let sharedTg = SharedBuffer(tgBuffer), sharedW = SharedBuffer(wBuffer)
                            let sharedIsrc = SharedBuffer(isBuffer), sharedIw = SharedBuffer(iwBuffer), sharedCursor = SharedBuffer(cursorBuffer)
                            _ = parallelChunks(count: k, chunks: k, threads: workers) { cs in
                                let tg = sharedTg.buffer, w = sharedW.buffer, isrc = sharedIsrc.buffer, iw = sharedIw.buffer, cursor = sharedCursor.buffer
                                for c in cs {
                                    let base = c * n
                                    for v in chunkPeople[c] ..< chunkPeople[c + 1] {
                                        for e in outOffsets[v] ..< outOffsets[v + 1] {
                                            let t = base + Int(tg[e])
                                            let p = cursor[t]
                                            isrc[p] = Int32(truncatingIfNeeded: v)
                                            iw[p] = w[e]
                                            cursor[t] = p + 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        perChunk = []
        let graph = Graph(
            nodeCount: n,
            outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights,
            inOffsets: inOffsets, inSources: inSources, inWeights: inWeights
        )
        report.ties = graph.edgeCount
        return (graph, report)
    }

    /// Turns chunk-major counts (`counts[c·n + v]`: entries of person `v` in
    /// chunk `c`) into the position where each chunk's entries of each person
    /// begin, people in order and, within a person, chunks in order; writes
    /// each person's first position to `offsets[v]` and the total to
    /// `offsets[n]`, and returns the total.
    private static func chunkStarts(_ counts: inout [Int], people n: Int, chunks k: Int, offsets: inout [Int]) -> Int {
        var running = 0
        for v in 0 ..< n {
            offsets[v] = running
            for c in 0 ..< k {
                let count = counts[c * n + v]
                counts[c * n + v] = running
                running += count
            }
        }
        offsets[n] = running
        return running
    }

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
                            value = rule.merging(value, w[f])
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
