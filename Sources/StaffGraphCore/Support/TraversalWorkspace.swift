/// One direction of a graph's CSR adjacency, borrowed as raw buffers for the
/// duration of a computation (see ``Graph/withAdjacency(_:lengths:_:)``).
///
/// `lengths` is parallel to `targets` and holds edge lengths (distances) for
/// Dijkstra; it is empty for hop-count searches.
struct Adjacency {
    let offsets: UnsafeBufferPointer<Int>
    let targets: UnsafeBufferPointer<Int32>
    let lengths: UnsafeBufferPointer<Double>
}

/// Which CSR of a graph to borrow.
enum AdjacencySide {
    /// `outOffsets` / `outTargets`: search along ties.
    case out
    /// `inOffsets` / `inSources`: search against ties.
    case `in`
}

extension Graph {
    /// Calls `body` with the raw buffers of one side of the adjacency and the
    /// given per-edge lengths (parallel to that side's targets; pass `[]` for
    /// hop counts).
    func withAdjacency<R>(_ side: AdjacencySide, lengths: [Double], _ body: (Adjacency) -> R) -> R {
        let offsets = side == .out ? outOffsets : inOffsets
        let targets = side == .out ? outTargets : inSources
        return offsets.withUnsafeBufferPointer { o in
            targets.withUnsafeBufferPointer { t in
                lengths.withUnsafeBufferPointer { l in
                    body(Adjacency(offsets: o, targets: t, lengths: l))
                }
            }
        }
    }
}

extension Graph {
    /// Calls `body` with both sides of the adjacency: the out-ties with the
    /// given lengths (`forward`) and the in-ties (`backward`, for bottom-up
    /// search steps), as ``TraversalWorkspace/breadthFirst(from:_:_:countPaths:bottomUpDiscount:)``
    /// and ``TraversalWorkspace/dijkstra(from:_:countPaths:)`` take them.
    func withSearchAdjacency<R>(lengths: [Double], _ body: (_ forward: Adjacency, _ backward: Adjacency) -> R) -> R {
        withAdjacency(.out, lengths: lengths) { forward in
            withAdjacency(.in, lengths: []) { backward in body(forward, backward) }
        }
    }
}

/// Scratch memory for single-source searches (BFS and Dijkstra) and for
/// Brandes' dependency accumulation, allocated once per worker and reused for
/// every source.
///
/// After a search, `order[0..<reached]` lists the nodes reached, in the order
/// they were settled (non-decreasing distance, the source first), `hops` or
/// `distance` holds their distances and `sigma` (Dijkstra) or `sigmaInOrder`
/// (hop counts) their shortest-path counts.
/// ``reset()`` restores the untouched state in O(reached), so a search from
/// one source costs O(nodes and ties reached), not O(n).
final class TraversalWorkspace {
    /// Number of nodes the buffers are sized for.
    let nodeCount: Int
    /// Hop distance from the source; -1 when not reached.
    let hops: UnsafeMutablePointer<Int32>
    /// Weighted distance from the source; +∞ when not reached.
    let distance: UnsafeMutablePointer<Double>
    /// Number of shortest paths from the source.
    let sigma: UnsafeMutablePointer<Double>
    /// After a counting hop-count search: the number of shortest paths from the
    /// source to `order[i]`, at index `i`, so that the search's frontier and
    /// Brandes' accumulation, which visit nodes in that order, read it front
    /// to back instead of at random.
    let sigmaInOrder: UnsafeMutablePointer<Double>
    /// Scratch for Brandes' accumulation (betweenness stores `(1 + δ(w)) / σ(w)` here).
    let delta: UnsafeMutablePointer<Double>
    /// The same coefficient after a hop-count search. Zero for every node not
    /// yet accumulated: a level's coefficients are written once the whole level
    /// is done (see `accumulateHops`), so that the accumulation can add the
    /// entry of every out-neighbour without testing its level.
    let coefficient: UnsafeMutablePointer<Double>
    /// Nodes in the order they were settled; doubles as the BFS queue.
    let order: UnsafeMutablePointer<Int32>
    /// After ``breadthFirst(from:_:_:countPaths:bottomUpDiscount:)``: level `k` is
    /// `order[levelStart[k] ..< levelStart[k + 1]]`, for `k < levelCount`.
    let levelStart: UnsafeMutablePointer<Int>
    /// Ties leaving the nodes of each level (out-degree sum), per level.
    let levelOutTies: UnsafeMutablePointer<Int>
    /// Ties entering the nodes of each level (in-degree sum), per level.
    let levelInTies: UnsafeMutablePointer<Int>
    /// Number of levels of the last ``breadthFirst(from:_:_:countPaths:bottomUpDiscount:)``.
    private(set) var levelCount = 0
    /// Nodes not reached yet, for bottom-up BFS steps.
    let unvisited: UnsafeMutablePointer<Int32>
    /// Path counts while a counting search runs: see
    /// ``breadthFirst(from:_:_:countPaths:bottomUpDiscount:)``. Zero for every
    /// node not reached.
    let paths: UnsafeMutablePointer<Double>
    /// Values computed for one level and written after it: the path counts a
    /// bottom-up step finds (then written to `paths`), the coefficients of one
    /// level of the accumulation (then written to `coefficient`).
    let pending: UnsafeMutablePointer<Double>
    /// Scratch of the push form of the accumulation; zero between uses.
    let gather: UnsafeMutablePointer<Double>
    /// Binary min-heap of nodes keyed by (distance, index), for Dijkstra.
    let heap: UnsafeMutablePointer<Int32>
    /// Position of a node in `heap`; -1 never queued, -2 settled.
    let heapPosition: UnsafeMutablePointer<Int32>
    /// Nodes reached by the last search (the source included).
    private(set) var reached = 0
    /// Whether the last search was Dijkstra's (it touches `distance`,
    /// `heapPosition` and `delta`, which a hop-count search leaves alone).
    private var lastWasWeighted = false
    /// Sum of the values read ahead (see ``lookAhead``), kept so that the reads are not optimized away.
    private(set) var sink = 0
    /// Adds to ``sink``.
    func keep(_ value: Int) { sink &+= value }
    /// How many nodes ahead a frontier or accumulation loop reads the first
    /// tie of a node, so that its row of ties is on its way to the cache when
    /// the loop reaches it (Swift has no prefetch instruction; an ordinary
    /// read whose value goes to ``sink`` does the same). A node's row sits at
    /// a random place for the next node in search order, and waiting for it
    /// was about a sixth of both the search and the accumulation at 200,000
    /// people. Measured there (sampled betweenness, 600 pivots, one thread):
    /// 1 to 16 within noise of each other, all about 12% faster than none.
    static let lookAhead = 4

    /// Scratch for graphs of `nodeCount` nodes.
    init(nodeCount: Int) {
        self.nodeCount = nodeCount
        let n = max(nodeCount, 1)
        hops = .allocate(capacity: n)
        hops.initialize(repeating: -1, count: n)
        distance = .allocate(capacity: n)
        distance.initialize(repeating: .infinity, count: n)
        sigma = .allocate(capacity: n)
        sigma.initialize(repeating: 0, count: n)
        sigmaInOrder = .allocate(capacity: n)
        sigmaInOrder.initialize(repeating: 0, count: n)
        paths = .allocate(capacity: n)
        paths.initialize(repeating: 0, count: n)
        delta = .allocate(capacity: n)
        delta.initialize(repeating: 0, count: n)
        coefficient = .allocate(capacity: n)
        coefficient.initialize(repeating: 0, count: n)
        order = .allocate(capacity: n + 1)  // + 1: the branch-free BFS step stores one past the end
        order.initialize(repeating: 0, count: n + 1)
        levelStart = .allocate(capacity: n + 2)
        levelStart.initialize(repeating: 0, count: n + 2)
        levelOutTies = .allocate(capacity: n + 1)
        levelOutTies.initialize(repeating: 0, count: n + 1)
        levelInTies = .allocate(capacity: n + 1)
        levelInTies.initialize(repeating: 0, count: n + 1)
        unvisited = .allocate(capacity: n)
        unvisited.initialize(repeating: 0, count: n)
        pending = .allocate(capacity: n)
        pending.initialize(repeating: 0, count: n)
        gather = .allocate(capacity: n)
        gather.initialize(repeating: 0, count: n)
        heap = .allocate(capacity: n)
        heap.initialize(repeating: 0, count: n)
        heapPosition = .allocate(capacity: n)
        heapPosition.initialize(repeating: -1, count: n)
    }

    deinit {
        hops.deallocate()
        distance.deallocate()
        sigma.deallocate()
        sigmaInOrder.deallocate()
        paths.deallocate()
        delta.deallocate()
        coefficient.deallocate()
        order.deallocate()
        levelStart.deallocate()
        levelOutTies.deallocate()
        levelInTies.deallocate()
        unvisited.deallocate()
        pending.deallocate()
        gather.deallocate()
        heap.deallocate()
        heapPosition.deallocate()
    }

    /// Restores every entry the last search touched to its initial value
    /// (`paths` back to 0: a bottom-up step sums it over unreached nodes).
    /// - Complexity: O(reached); a hop-count search that reached at least a
    ///   quarter of the nodes clears its buffers front to back instead, O(n)
    ///   sequential writes in place of O(reached) scattered ones.
    func reset() {
        if lastWasWeighted {
            for i in 0 ..< reached {
                let v = Int(order[i])
                distance[v] = .infinity
                delta[v] = 0
                heapPosition[v] = -1
            }
        } else if reached >= nodeCount / 4 {
            // Most nodes reached (the usual case in a connected network): clearing the
            // buffers front to back is cheaper than one scattered write per node.
            hops.update(repeating: -1, count: nodeCount)
            paths.update(repeating: 0, count: nodeCount)
            coefficient.update(repeating: 0, count: nodeCount)
        } else {
            for i in 0 ..< reached {
                let v = Int(order[i])
                hops[v] = -1
                paths[v] = 0
                coefficient[v] = 0
            }
        }
        reached = 0
    }

    /// How much cheaper a tie is to read in a bottom-up step than in a
    /// top-down one, when counting paths: a top-down tie updates memory, a
    /// bottom-up tie only adds into a register. Measured on the generated
    /// district graph (5,000 people, 60,000 ties; one thread): 2–4 within
    /// noise of each other, 6 clearly slower, never bottom-up 2.4× slower.
    static let bottomUpTieDiscount = 3

    /// The same when only distances are wanted (a bottom-up step stops at a
    /// node's first in-tie from the frontier). Measured as above: harmonic
    /// closeness 0.21 s at 1–3, 0.36 s at 14 (Beamer et al.'s α), 0.51 s
    /// never bottom-up.
    static let bottomUpReachDiscount = 2

    /// Level-synchronous breadth-first search from `source`: fills `hops`,
    /// `order` (nodes by level), `reached`, the levels (`levelStart`,
    /// `levelCount`, and the ties leaving and entering each level) and, when
    /// `countPaths`, the shortest-path counts `sigmaInOrder` for Brandes' betweenness.
    ///
    /// Level by level it takes the cheaper of two directions (Beamer,
    /// Asanović & Patterson 2012, "Direction-optimizing breadth-first search"):
    /// - top-down: every node of the frontier (level `d`) looks at its
    ///   out-neighbours, discovers the unreached ones and, counting paths, adds
    ///   its path count to each one on level `d + 1`;
    /// - bottom-up (along `backward`, the in-ties): every node not reached yet
    ///   looks for an in-neighbour on the frontier. Counting paths, it sums the
    ///   path counts of all its in-neighbours: such a node can have no
    ///   in-neighbour below level `d` (that one would have reached it already)
    ///   and unreached nodes hold 0, so the sum is exactly its path count
    ///   through the frontier, and it is on level `d + 1` when the sum is
    ///   positive. The sums are written after the step, so that nodes found in
    ///   the step add nothing to each other. Not counting, it stops at the
    ///   first in-neighbour on level `d`.
    ///
    /// While counting, the count of a node on level `d` builds up in `paths`
    /// and is copied to `sigmaInOrder` when its level becomes the frontier. A
    /// top-down step then adds the frontier's counts to `paths` of *every*
    /// out-neighbour, with no test of its level: an out-neighbour on level
    /// `d + 1` gets its count; one on level `d` or nearer the source has its
    /// count in `sigmaInOrder` already, and its entry in `paths` is never read again
    /// (a bottom-up step reads only the entries of the frontier and of
    /// unreached nodes, and a node on level `d` or nearer is the in-neighbour
    /// of no node still unreached after step `d`). (A test would compile to a
    /// mispredicted branch: x86-64's baseline has no select for doubles.) The
    /// entries a bottom-up step at level `d` sums (of nodes on level `d` or
    /// unreached) are exact when it runs: a node on level `d` gets stray
    /// additions only from top-down steps at level `d` or deeper.
    ///
    /// Path counts are integers held exactly in doubles (below 2^53), so both
    /// directions give the same counts; only the order of nodes within a level
    /// may differ, which no result depends on.
    ///
    /// - Parameter bottomUpDiscount: a step goes bottom-up when the in-ties of
    ///   the unreached nodes plus their number are fewer than this many times
    ///   the ties leaving the frontier. `nil`: ``bottomUpTieDiscount`` when
    ///   counting paths, else ``bottomUpReachDiscount``; tests force one
    ///   direction with 0 (always top-down) or a huge value.
    /// - Complexity: O(nodes and ties reached) for top-down steps; a bottom-up
    ///   step reads (some of) the in-ties of every node not reached yet.
    ///
    /// Two compiled copies (`@inline(never)` entry points around one
    /// always-inlined body), so that neither pays for the other's work and the
    /// hot loops are not inlined into their callers' closures.
    func breadthFirst(from source: Int, _ forward: Adjacency, _ backward: Adjacency, countPaths: Bool, bottomUpDiscount: Int? = nil) {
        if countPaths {
            countingSearch(from: source, forward, backward, bottomUpDiscount: bottomUpDiscount)
        } else {
            reachingSearch(from: source, forward, backward, bottomUpDiscount: bottomUpDiscount)
        }
    }

    @inline(never)
    private func countingSearch(from source: Int, _ forward: Adjacency, _ backward: Adjacency, bottomUpDiscount: Int?) {
        levelSearch(from: source, forward, backward, countPaths: true, bottomUpDiscount: bottomUpDiscount)
    }

    @inline(never)
    private func reachingSearch(from source: Int, _ forward: Adjacency, _ backward: Adjacency, bottomUpDiscount: Int?) {
        levelSearch(from: source, forward, backward, countPaths: false, bottomUpDiscount: bottomUpDiscount)
    }

    @inline(__always)
    private func levelSearch(from source: Int, _ forward: Adjacency, _ backward: Adjacency, countPaths: Bool, bottomUpDiscount: Int?) {
        let outOffsets = forward.offsets, outTargets = forward.targets
        let inOffsets = backward.offsets, inSources = backward.targets
        let hops = self.hops, sigma = self.sigmaInOrder, paths = self.paths, order = self.order
        let unvisited = self.unvisited, pending = self.pending
        let levelStart = self.levelStart, levelOut = self.levelOutTies, levelIn = self.levelInTies
        let discount = bottomUpDiscount ?? (countPaths ? Self.bottomUpTieDiscount : Self.bottomUpReachDiscount)
        let n = nodeCount
        lastWasWeighted = false
        hops[source] = 0
        if countPaths { paths[source] = 1 }
        order[0] = Int32(truncatingIfNeeded: source)
        levelStart[0] = 0
        levelOut[0] = outOffsets[source + 1] - outOffsets[source]
        levelIn[0] = inOffsets[source + 1] - inOffsets[source]
        var unreachedInTies = inOffsets[n] - levelIn[0]
        var listed = -1  // `unvisited` not built yet
        var touched = 0
        let tieCount = outTargets.count
        var levels = 0
        var start = 0, tail = 1
        var level: Int32 = 0
        while start < tail {
            let end = tail
            levels += 1
            levelStart[levels] = end
            let next = level + 1
            if countPaths {
                for i in start ..< end { sigma[i] = paths[Int(order[i])] }
            }
            // A bottom-up step reads the in-ties of the unreached nodes and looks at
            // each of them (all `n` the first time, to list them).
            let bottomUpCost = unreachedInTies + (listed < 0 ? n : listed)
            if bottomUpCost < discount * levelOut[levels - 1] {
                if listed < 0 {
                    listed = 0
                    for v in 0 ..< n {
                        unvisited[listed] = Int32(truncatingIfNeeded: v)
                        listed += hops[v] < 0 ? 1 : 0
                    }
                }
                var kept = 0
                for i in 0 ..< listed {
                    let w32 = unvisited[i]
                    let w = Int(w32)
                    if hops[w] >= 0 { continue }  // reached by a top-down step
                    var e = inOffsets[w]
                    let stop = inOffsets[w + 1]
                    let found: Bool
                    if countPaths {
                        var s0 = 0.0, s1 = 0.0
                        while e + 2 <= stop {
                            s0 += paths[Int(inSources[e])]
                            s1 += paths[Int(inSources[e + 1])]
                            e += 2
                        }
                        if e < stop { s0 += paths[Int(inSources[e])] }
                        let count = s0 + s1
                        pending[tail - end] = count
                        found = count > 0
                    } else {
                        while e < stop && hops[Int(inSources[e])] != level { e += 1 }
                        found = e < stop
                    }
                    // No branch: whether `w` is found is hard to predict. It is stored
                    // in both lists and kept in one.
                    let taken = found ? 1 : 0
                    hops[w] = found ? next : -1
                    order[tail] = w32
                    tail &+= taken
                    unvisited[kept] = w32
                    kept &+= 1 &- taken
                }
                listed = kept
                if countPaths {
                    for k in end ..< tail { paths[Int(order[k])] = pending[k - end] }
                }
            } else {
                for i in start ..< end {
                    let v = Int(order[i])
                    let sv = countPaths ? sigma[i] : 0
                    let ahead = outOffsets[Int(order[min(i &+ Self.lookAhead, end &- 1)])]
                    touched &+= ahead < tieCount ? Int(outTargets[ahead]) : 0
                    for e in outOffsets[v] ..< outOffsets[v + 1] {
                        // No branch: whether `w` is new is hard to predict. Every
                        // tie stores `w` past the queue's end and keeps it only
                        // when new.
                        let w32 = outTargets[e]
                        let w = Int(w32)
                        let old = hops[w]
                        let hw = old < 0 ? next : old
                        hops[w] = hw
                        order[tail] = w32
                        tail &+= Int(UInt32(bitPattern: old) >> 31)  // + 1 when new (sign bit)
                        if countPaths { paths[w] += sv }
                    }
                }
            }
            var nextOut = 0, nextIn = 0
            for k in end ..< tail {
                let w = Int(order[k])
                nextOut += outOffsets[w + 1] - outOffsets[w]
                nextIn += inOffsets[w + 1] - inOffsets[w]
            }
            levelOut[levels] = nextOut
            levelIn[levels] = nextIn
            unreachedInTies -= nextIn
            start = end
            level = next
        }
        levelCount = levels
        sink &+= touched
        reached = tail
    }

    /// Dijkstra's search from `source` along `adjacency` with its `lengths`
    /// (positive; +∞ marks a tie that cannot be used), filling `distance`,
    /// `order`, `reached` and, when `countPaths`, `sigma`. Path counting
    /// follows networkx: a strictly shorter route resets the count, an equal
    /// one (`==` on the sums) adds to it.
    /// - Complexity: O((nodes + ties reached) log n).
    func dijkstra(from source: Int, _ adjacency: Adjacency, countPaths: Bool) {
        let offsets = adjacency.offsets, targets = adjacency.targets, lengths = adjacency.lengths
        let distance = self.distance, sigma = self.sigma, order = self.order, position = self.heapPosition
        lastWasWeighted = true
        distance[source] = 0
        sigma[source] = 1
        var heapCount = 0
        push(Int32(truncatingIfNeeded: source), count: &heapCount)
        var settled = 0
        while heapCount > 0 {
            let v32 = popMin(count: &heapCount)
            let v = Int(v32)
            position[v] = -2
            order[settled] = v32
            settled += 1
            let dv = distance[v]
            let sv = sigma[v]
            for e in offsets[v] ..< offsets[v + 1] {
                let w = Int(targets[e])
                if position[w] == -2 { continue }
                let candidate = dv + lengths[e]
                let dw = distance[w]
                if candidate < dw {
                    distance[w] = candidate
                    if countPaths { sigma[w] = sv }
                    if position[w] < 0 {
                        push(targets[e], count: &heapCount)
                    } else {
                        siftUp(Int(position[w]))
                    }
                } else if countPaths && candidate == dw {
                    sigma[w] += sv
                }
            }
        }
        reached = settled
    }

    // MARK: Heap keyed by (distance, node index)

    @inline(__always)
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let da = distance[Int(a)], db = distance[Int(b)]
        return da < db || (da == db && a < b)
    }

    @inline(__always)
    private func place(_ v: Int32, at i: Int) {
        heap[i] = v
        heapPosition[Int(v)] = Int32(truncatingIfNeeded: i)
    }

    private func push(_ v: Int32, count: inout Int) {
        place(v, at: count)
        count += 1
        siftUp(count - 1)
    }

    private func popMin(count: inout Int) -> Int32 {
        let top = heap[0]
        count -= 1
        if count > 0 {
            place(heap[count], at: 0)
            siftDown(0, count: count)
        }
        return top
    }

    private func siftUp(_ start: Int) {
        var i = start
        let v = heap[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            let p = heap[parent]
            if !precedes(v, p) { break }
            place(p, at: i)
            i = parent
        }
        place(v, at: i)
    }

    private func siftDown(_ start: Int, count: Int) {
        var i = start
        let v = heap[i]
        while true {
            let left = 2 * i + 1
            if left >= count { break }
            var child = left
            if left + 1 < count && precedes(heap[left + 1], heap[left]) { child = left + 1 }
            if !precedes(heap[child], v) { break }
            place(heap[child], at: i)
            i = child
        }
        place(v, at: i)
    }
}
