import Synchronization

/// Core number of every person on the undirected view: the largest `k` such
/// that the person belongs to a group in which everyone has at least `k` ties
/// to others in the group (Seidman 1983). networkx `core_number` on the
/// symmetrized graph (self-loops ignored).
///
/// Example: a triangle a–b–c with a pendant d tied to a: a, b, c have core 2,
/// d has core 1; an isolate has core 0.
///
/// On networks of fewer than ``parallelPeelingMinimumPeople`` people, or with
/// one thread: the Batagelj & Zaversnik (2003) bucket algorithm, people
/// sorted by degree in buckets, taken in order; taking `v` moves each neighbour
/// of higher current degree one bucket down. On larger networks with more
/// threads: the level-synchronous peeling of PKC (Kabir & Madduri 2017,
/// doi:10.1109/IPDPSW.2017.151): at level `k`, every person of current degree `k`
/// is peeled, their neighbours' degrees above `k` decremented atomically, and
/// those reaching `k` peeled in the same level. Core numbers are unique, so the
/// result is the same for any thread count and either algorithm. Both run
/// over the undirected view (built once, in one pass, neighbours only) with
/// flat buffers and no per-person allocation.
///
/// Reference: Batagelj & Zaversnik (2003), "An O(m) algorithm for cores
/// decomposition of networks", arXiv:cs/0310049.
/// - Complexity: O(n + m) with one thread; O(n · levels / threads + m / threads)
///   with more (levels: the largest core number plus one, at most).
public func coreNumbers(_ graph: Graph, threads: Int = Parallelism.defaultThreads) -> [Int] {
    let u = UndirectedAdjacency(graph, withCodes: false, threads: threads)
    if u.nodeCount == 0 { return [] }
    return threads > 1 && u.nodeCount >= parallelPeelingMinimumPeople ? parallelCoreNumbers(u, threads: threads) : bucketCoreNumbers(u)
}

/// The network size from which ``coreNumbers(_:threads:)`` peels in parallel
/// (PKC) when it has more than one thread. Measured on the two-core benchmark
/// machine, idle, each run in its own process, undirected view included: on
/// 200,000 people (3,000,000 ties) PKC on two threads took 46–49 ms against
/// 59–68 ms for the bucket algorithm; on 5,000 people (60,000 ties) 1.0–1.1 ms
/// against 0.7–0.8 ms (a level's scan of every remaining person costs more
/// than the peeling it shares). Earlier runs on a loaded machine showed no
/// gain at 200,000 either: two threads help only when both are free.
public let parallelPeelingMinimumPeople = 50_000

/// Batagelj & Zaversnik's sequential bucket algorithm over the undirected view.
func bucketCoreNumbers(_ u: UndirectedAdjacency) -> [Int] {
    let n = u.nodeCount
    if n == 0 { return [] }
    // Four-byte scratch (degrees and places fit: people are Int32 indices), so more of it stays in cache.
    let degree = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)     // current degree; ends as the core number
    let position = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)   // v's place in `order`
    let order = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)      // people by current degree
    defer { degree.deallocate(); position.deallocate(); order.deallocate() }
    u.offsets.withUnsafeBufferPointer { off in
        u.neighbors.withUnsafeBufferPointer { nb in
            var maxDegree = 0
            for v in 0 ..< n {
                let d = off[v + 1] &- off[v]
                degree.initializeElement(at: v, to: Int32(truncatingIfNeeded: d))
                maxDegree = max(maxDegree, d)
            }
            // binStart[d]: where the people of current degree d begin in `order`.
            let binStart = UnsafeMutableBufferPointer<Int32>.allocate(capacity: maxDegree + 1)
            defer { binStart.deallocate() }
            binStart.initialize(repeating: 0)
            for v in 0 ..< n { binStart[Int(degree[v])] &+= 1 }
            var start: Int32 = 0
            for d in 0 ... maxDegree {
                let size = binStart[d]
                binStart[d] = start
                start &+= size
            }
            for v in 0 ..< n {
                let d = Int(degree[v])
                let p = binStart[d]
                position[v] = p
                order[Int(p)] = Int32(truncatingIfNeeded: v)
                binStart[d] = p &+ 1
            }
            // Shift the bins back to their starts.
            var d = maxDegree
            while d > 0 { binStart[d] = binStart[d - 1]; d -= 1 }
            binStart[0] = 0
            for i in 0 ..< n {
                let v = Int(order[i])
                let dv = degree[v]
                for e in off[v] ..< off[v + 1] {
                    let w = nb[e]
                    let dw = degree[Int(w)]
                    if dw > dv {
                        // Swap w with the first person s of its bin (a no-op when s is w),
                        // then move the bin's start past it.
                        let pw = position[Int(w)]
                        let ps = binStart[Int(dw)]
                        let s = order[Int(ps)]
                        order[Int(pw)] = s; position[Int(s)] = pw
                        order[Int(ps)] = w; position[Int(w)] = ps
                        binStart[Int(dw)] = ps &+ 1
                        degree[Int(w)] = dw &- 1
                    }
                }
            }
        }
    }
    return [Int](unsafeUninitializedCapacity: n) { result, count in
        for v in 0 ..< n { result.initializeElement(at: v, to: Int(degree[v])) }
        count = n
    }
}

/// Per-chunk state of ``parallelCoreNumbers(_:threads:chunks:)``: the chunk's
/// people not yet peeled, and the people it peels in the current level.
private final class PeelingChunk: @unchecked Sendable {
    var remaining: [Int32]
    var frontier: [Int32] = []
    init(_ range: Range<Int>) { remaining = range.map { Int32(truncatingIfNeeded: $0) } }
}

/// Current degrees shared by the chunks, updated with atomic operations.
private struct SharedDegrees: @unchecked Sendable {
    let base: UnsafeMutablePointer<Atomic<Int32>>
}

/// PKC (Kabir & Madduri 2017) level-synchronous peeling over `chunks` fixed
/// chunks of people (default: four per thread) on `threads` threads. Each level
/// is two parallel passes: a scan (each chunk finds its people of current degree
/// `level`, dropping those peeled earlier from its list) and a peel (each chunk
/// peels its list, decrementing the neighbours above `level` atomically and
/// appending those that reach `level`; a decrement that went below `level` by a
/// race is undone). Levels with nobody to peel are skipped.
func parallelCoreNumbers(_ u: UndirectedAdjacency, threads: Int, chunks: Int? = nil) -> [Int] {
    let n = u.nodeCount
    if n == 0 { return [] }
    let k = max(1, min(chunks ?? (n >= 4096 ? 4 * threads : 1), n))
    let degrees = SharedDegrees(base: .allocate(capacity: n))
    defer {
        (degrees.base).deinitialize(count: n)
        degrees.base.deallocate()
    }
    for v in 0 ..< n { (degrees.base + v).initialize(to: Atomic(Int32(truncatingIfNeeded: u.degree(v)))) }
    let states = (0 ..< k).map { c in PeelingChunk((c * n / k) ..< ((c + 1) * n / k)) }
    var level: Int32 = 0
    var peeled = 0
    while peeled < n {
        let current = level
        // Scan: this level's people, and the smallest degree above it (for skipping empty levels).
        let scans = parallelChunks(count: k, chunks: k, threads: threads) { range -> (found: Int, smallestAbove: Int32) in
            var found = 0, smallestAbove = Int32.max
            for c in range {
                let state = states[c]
                var remaining = state.remaining, frontier = state.frontier
                state.remaining = []; state.frontier = []
                frontier.removeAll(keepingCapacity: true)
                var kept = 0
                for i in 0 ..< remaining.count {
                    let v = remaining[i]
                    let d = degrees.base[Int(v)].load(ordering: .relaxed)
                    if d == current {
                        frontier.append(v)
                    } else if d > current {
                        remaining[kept] = v
                        kept &+= 1
                        smallestAbove = min(smallestAbove, d)
                    }
                }
                remaining.removeLast(remaining.count - kept)
                found += frontier.count
                state.remaining = remaining; state.frontier = frontier
            }
            return (found, smallestAbove)
        }
        if scans.reduce(0, { $0 + $1.found }) == 0 {
            level = scans.reduce(Int32.max) { min($0, $1.smallestAbove) }
            if level == Int32.max { break }   // nobody left (cannot happen while peeled < n)
            continue
        }
        // Peel: each chunk works through its frontier, which grows as neighbours reach the level.
        let peels = parallelChunks(count: k, chunks: k, threads: threads) { range -> Int in
            var count = 0
            u.offsets.withUnsafeBufferPointer { off in
                u.neighbors.withUnsafeBufferPointer { nb in
                    for c in range {
                        let state = states[c]
                        var frontier = state.frontier
                        state.frontier = []
                        var i = 0
                        while i < frontier.count {
                            let v = Int(frontier[i])
                            i &+= 1
                            for e in off[v] ..< off[v + 1] {
                                let w = Int(nb[e])
                                if degrees.base[w].load(ordering: .relaxed) > current {
                                    let old = degrees.base[w].wrappingSubtract(1, ordering: .relaxed).oldValue
                                    if old == current &+ 1 {
                                        frontier.append(Int32(truncatingIfNeeded: w))
                                    } else if old <= current {
                                        degrees.base[w].wrappingAdd(1, ordering: .relaxed)
                                    }
                                }
                            }
                        }
                        count += frontier.count
                        state.frontier = frontier
                    }
                }
            }
            return count
        }
        peeled += peels.reduce(0, +)
        level = current &+ 1
    }
    return [Int](unsafeUninitializedCapacity: n) { result, count in
        for v in 0 ..< n { result.initializeElement(at: v, to: Int(degrees.base[v].load(ordering: .relaxed))) }
        count = n
    }
}

/// How many people have each core number: `result[k]` = people whose core
/// number is exactly `k`, for `k = 0 ... max`. The k-core distribution of
/// <doc:Conventions> (the `k`-core itself holds everyone with core number ≥ k).
///
/// Example: core numbers [2, 2, 2, 1, 0] give [1, 1, 3].
/// - Complexity: O(n).
public func coreDistribution(_ coreNumbers: [Int]) -> [Int] {
    var counts = [Int](repeating: 0, count: (coreNumbers.max() ?? -1) + 1)
    for k in coreNumbers { counts[k] += 1 }
    return counts
}
