/// Hop-count searches from up to 64 sources at once (multi-source BFS, Then
/// et al. 2014, "The More the Merrier: Efficient Multi-Source Graph
/// Traversal", PVLDB 8(4), doi:10.14778/2735496.2735507).
///
/// Each node carries three 64-bit words: bit `i` of `seen[v]` says source `i`
/// of the batch has reached `v`, of `visit[v]` that `v` is on source `i`'s
/// current frontier, of `next[v]` that `v` is on its next one. One pass over
/// a frontier node's ties serves every source whose frontier holds it (`next[w]
/// |= visit[v]`), so in a small-world network, where the searches of a batch
/// overlap level by level, a tie is read a few times per batch instead of once
/// per source. Frontiers are kept as node lists, so a level costs the ties of
/// its frontier, never a scan of every node, and a batch never costs more tie
/// reads than its searches one by one.
///
/// What a batch gives per source is the number of nodes first reached at each
/// hop distance, which is all closeness and harmonic closeness need: the
/// sums are formed from these level sizes in increasing distance, exactly as
/// the one-source search forms them, so the values are the same to the bit.
///
/// The scratch is allocated once per worker and restored in O(nodes reached)
/// after every batch.
final class MultiSourceWorkspace {
    /// Sources per batch: the bits of one word.
    static let width = 64

    /// Number of nodes the buffers are sized for.
    let nodeCount: Int
    private let seen: UnsafeMutablePointer<UInt64>
    private let visit: UnsafeMutablePointer<UInt64>
    private let next: UnsafeMutablePointer<UInt64>
    /// The current frontier's nodes.
    private let frontier: UnsafeMutablePointer<Int32>
    /// The nodes whose `next` word became non-zero in this level, in order.
    private let touched: UnsafeMutablePointer<Int32>
    /// Every node some source of the batch reached (for the reset).
    private let reachedNodes: UnsafeMutablePointer<Int32>
    /// New nodes per source in the level being settled.
    private let levelSize: UnsafeMutablePointer<Int>

    /// Scratch for a graph of `nodeCount` nodes (about 40 bytes per node).
    init(nodeCount: Int) {
        self.nodeCount = nodeCount
        let n = max(nodeCount, 1)
        seen = .allocate(capacity: n)
        seen.initialize(repeating: 0, count: n)
        visit = .allocate(capacity: n)
        visit.initialize(repeating: 0, count: n)
        next = .allocate(capacity: n)
        next.initialize(repeating: 0, count: n)
        frontier = .allocate(capacity: n)
        touched = .allocate(capacity: n)
        reachedNodes = .allocate(capacity: n)
        levelSize = .allocate(capacity: Self.width)
        levelSize.initialize(repeating: 0, count: Self.width)
    }

    deinit {
        seen.deallocate()
        visit.deallocate()
        next.deallocate()
        frontier.deallocate()
        touched.deallocate()
        reachedNodes.deallocate()
        levelSize.deallocate()
    }

    /// Searches along `adjacency` from `sources` (at most ``width`` distinct
    /// nodes) at once. After every level `d ≥ 1` with a new node for some
    /// source, calls `level(d, sizes)` where `sizes[i]` is the number of nodes
    /// source `sources[i]` first reaches at distance `d` (zero once its search
    /// has ended). Levels come in increasing `d`.
    func search(from sources: UnsafeBufferPointer<Int>, _ adjacency: Adjacency,
                level: (_ distance: Int, _ sizes: UnsafeBufferPointer<Int>) -> Void) {
        let k = sources.count
        let levelSize = levelSize
        let sizes = UnsafeBufferPointer(start: levelSize, count: k)
        searchLevels(from: sources, adjacency, countingSizes: true) { d, _ in
            level(d, sizes)
            for i in 0 ..< k { levelSize[i] = 0 }
        }
    }

    /// The same search, telling after every level `d ≥ 1` with a new node for
    /// some source which nodes were first reached at distance `d` and by which
    /// sources (``MultiSourceLevel``). Levels come in increasing `d`.
    /// `countingSizes`: also count, while settling the level, the nodes each
    /// source first reaches (in `levelSize`, for ``search(from:_:level:)``),
    /// without a second pass over the level.
    @inline(__always)
    func searchLevels(from sources: UnsafeBufferPointer<Int>, _ adjacency: Adjacency, countingSizes: Bool = false,
                      level: (_ distance: Int, _ reached: MultiSourceLevel) -> Void) {
        let k = sources.count
        precondition(k <= Self.width, "at most 64 sources per batch")
        let offsets = adjacency.offsets, targets = adjacency.targets
        // Locals, so the loops keep the buffers in registers instead of reloading them from `self`.
        let seen = seen, visit = visit, next = next, frontier = frontier, touched = touched
        let reachedNodes = reachedNodes, levelSize = levelSize
        var reachedCount = 0
        var frontierCount = 0
        for (i, s) in sources.enumerated() {
            let bit: UInt64 = 1 << UInt64(i)
            if seen[s] == 0 {
                reachedNodes[reachedCount] = Int32(truncatingIfNeeded: s)
                reachedCount += 1
                frontier[frontierCount] = Int32(truncatingIfNeeded: s)
                frontierCount += 1
            }
            seen[s] |= bit
            visit[s] |= bit
        }
        let n = nodeCount
        var frontierTies = 0
        for f in 0 ..< frontierCount {
            let v = Int(frontier[f])
            frontierTies += offsets[v + 1] - offsets[v]
        }
        var distance = 0
        while frontierCount > 0 {
            distance += 1
            // A wide level (its frontier's ties are more than a sixteenth of the nodes) is
            // settled by one front-to-back pass over the nodes, which also leaves the next
            // frontier in node order, so its ties are read in order too; a narrow level
            // lists the nodes it touches.
            let wide = frontierTies &* 16 >= n
            // Expand: every frontier node's ties carry its frontier bits forward.
            var touchedCount = 0
            for f in 0 ..< frontierCount {
                let v = Int(frontier[f])
                let bits = visit[v]
                visit[v] = 0
                let end = offsets[v + 1]
                var e = offsets[v]
                if wide {
                    while e < end {
                        let w = Int(targets[e])
                        next[w] |= bits
                        e &+= 1
                    }
                } else {
                    while e < end {
                        let w = Int(targets[e])
                        let old = next[w]
                        if old == 0 {
                            touched[touchedCount] = Int32(truncatingIfNeeded: w)
                            touchedCount &+= 1
                        }
                        next[w] = old | bits
                        e &+= 1
                    }
                }
            }
            // Settle: the bits new to a node are its sources' next frontier.
            frontierCount = 0
            frontierTies = 0
            @inline(__always) func settle(_ w: Int) {
                let incoming = next[w]
                guard incoming != 0 else { return }
                next[w] = 0
                let old = seen[w]
                let fresh = incoming & ~old
                guard fresh != 0 else { return }
                if old == 0 {
                    reachedNodes[reachedCount] = Int32(truncatingIfNeeded: w)
                    reachedCount &+= 1
                }
                seen[w] = old | fresh
                visit[w] = fresh
                frontier[frontierCount] = Int32(truncatingIfNeeded: w)
                frontierCount &+= 1
                frontierTies &+= offsets[w + 1] &- offsets[w]
                if countingSizes {
                    var bits = fresh
                    while bits != 0 {
                        levelSize[bits.trailingZeroBitCount] &+= 1
                        bits &= bits &- 1
                    }
                }
            }
            if wide {
                for w in 0 ..< n { settle(w) }
            } else {
                for t in 0 ..< touchedCount { settle(Int(touched[t])) }
            }
            if frontierCount > 0 {
                level(distance, MultiSourceLevel(nodes: UnsafeBufferPointer(start: frontier, count: frontierCount), bits: visit))
            }
        }
        // Restore: only the nodes reached carry bits (`visit` and `next` are already clear).
        if reachedCount >= n / 4 {
            seen.update(repeating: 0, count: n)
        } else {
            for r in 0 ..< reachedCount { seen[Int(reachedNodes[r])] = 0 }
        }
    }
}

/// The nodes a batch of ``MultiSourceWorkspace/searchLevels(from:_:level:)``
/// first reached at one distance (its next frontier), valid during the call.
struct MultiSourceLevel {
    /// The nodes, each once.
    let nodes: UnsafeBufferPointer<Int32>
    /// The frontier bits of every node (bit `i`: source `i` of the batch).
    fileprivate let bits: UnsafeMutablePointer<UInt64>

    /// The sources (bit `i` for `sources[i]` of the batch) that first reach
    /// `nodes[j]` at this distance.
    @inline(__always) func sources(of j: Int) -> UInt64 { bits[Int(nodes[j])] }
}
