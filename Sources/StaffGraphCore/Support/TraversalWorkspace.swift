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

/// Scratch memory for single-source searches (BFS and Dijkstra) and for
/// Brandes' dependency accumulation, allocated once per worker and reused for
/// every source.
///
/// After a search, `order[0..<reached]` lists the nodes reached, in the order
/// they were settled (non-decreasing distance, the source first), `hops` or
/// `distance` holds their distances and `sigma` their shortest-path counts.
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
    /// Scratch for Brandes' accumulation (betweenness stores `(1 + δ(w)) / σ(w)` here).
    let delta: UnsafeMutablePointer<Double>
    /// The same coefficient after a hop-count search, in two slots per node
    /// (`2w + level parity`), so that the accumulation can add the slot of the
    /// next level's parity for every out-neighbour without testing its level:
    /// see `accumulateHops`. Zero for every node not yet accumulated.
    let levelCoefficient: UnsafeMutablePointer<Double>
    /// Nodes in the order they were settled; doubles as the BFS queue.
    let order: UnsafeMutablePointer<Int32>
    /// Binary min-heap of nodes keyed by (distance, index), for Dijkstra.
    let heap: UnsafeMutablePointer<Int32>
    /// Position of a node in `heap`; -1 never queued, -2 settled.
    let heapPosition: UnsafeMutablePointer<Int32>
    /// Nodes reached by the last search (the source included).
    private(set) var reached = 0
    /// Whether the last search was Dijkstra's (it touches `distance`,
    /// `heapPosition` and `delta`, which a hop-count search leaves alone).
    private var lastWasWeighted = false

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
        delta = .allocate(capacity: n)
        delta.initialize(repeating: 0, count: n)
        levelCoefficient = .allocate(capacity: 2 * n)
        levelCoefficient.initialize(repeating: 0, count: 2 * n)
        order = .allocate(capacity: n)
        order.initialize(repeating: 0, count: n)
        heap = .allocate(capacity: n)
        heap.initialize(repeating: 0, count: n)
        heapPosition = .allocate(capacity: n)
        heapPosition.initialize(repeating: -1, count: n)
    }

    deinit {
        hops.deallocate()
        distance.deallocate()
        sigma.deallocate()
        delta.deallocate()
        levelCoefficient.deallocate()
        order.deallocate()
        heap.deallocate()
        heapPosition.deallocate()
    }

    /// Restores every entry the last search touched to its initial value
    /// (`sigma` needs none: every search sets it before adding to it).
    /// - Complexity: O(reached).
    func reset() {
        if lastWasWeighted {
            for i in 0 ..< reached {
                let v = Int(order[i])
                distance[v] = .infinity
                delta[v] = 0
                heapPosition[v] = -1
            }
        } else {
            for i in 0 ..< reached {
                let v = Int(order[i])
                hops[v] = -1
                levelCoefficient[2 * v] = 0
                levelCoefficient[2 * v + 1] = 0
            }
        }
        reached = 0
    }

    /// Breadth-first search from `source` along `adjacency`, filling `hops`,
    /// `order`, `reached` and, when `countPaths`, `sigma`.
    /// - Complexity: O(nodes and ties reached).
    func breadthFirst(from source: Int, _ adjacency: Adjacency, countPaths: Bool) {
        let offsets = adjacency.offsets, targets = adjacency.targets
        let hops = self.hops, sigma = self.sigma, order = self.order
        lastWasWeighted = false
        hops[source] = 0
        sigma[source] = 1
        order[0] = Int32(truncatingIfNeeded: source)
        var head = 0, tail = 1
        while head < tail {
            let v = Int(order[head])
            head += 1
            let next = hops[v] + 1
            let sv = sigma[v]
            for e in offsets[v] ..< offsets[v + 1] {
                let w = Int(targets[e])
                var hw = hops[w]
                if hw < 0 {
                    hw = next
                    hops[w] = next
                    sigma[w] = 0
                    order[tail] = targets[e]
                    tail += 1
                }
                // A select rather than a branch: whether `w` is one level further
                // is hard to predict, and adding 0 to a settled node changes nothing.
                if countPaths { sigma[w] += hw == next ? sv : 0 }
            }
        }
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
