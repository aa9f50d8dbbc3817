/// Communities found by ``louvain(_:seed:resolution:)``.
public struct LouvainResult: Sendable, Equatable {
    /// Community of each person, numbered 0, 1, … in order of each community's
    /// first member in roster order.
    public var communities: [Int]
    /// Number of communities (isolates are communities of one).
    public var count: Int
    /// Undirected modularity of ``communities`` (``ModularityConvention/undirected``), `nil` without ties.
    public var modularity: Double?
    /// Number of aggregation levels run.
    public var levels: Int
    /// The seed that fixed the node order; print it with the result.
    public var seed: UInt64
    /// The resolution γ.
    public var resolution: Double
}

/// Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008)
/// on the symmetrized binary graph, maximizing undirected modularity
/// (``ModularityConvention/undirected``) at resolution γ.
///
/// Each level visits the people in an order shuffled by ``SeededRandom`` with
/// `seed`, moving each to the neighbouring community with the largest gain
/// `w_{i→C} − γ k_i Σ_tot(C) / 2E` (staying put on ties; a move must gain more
/// than 10⁻¹²), until no one moves; communities then become the nodes of the
/// next level. It stops when a
/// level moves no one. The same seed gives the same communities on every
/// machine; different seeds may give different, similarly good partitions
/// (Louvain is a heuristic: networkx, igraph and networkit all return
/// different partitions on the same graph).
///
/// Within a level, people whose neighbour moved are queued to be looked at
/// again (Traag, Waltman & van Eck 2019's fast local moving), until no one
/// can improve modularity by moving.
///
/// Example: two triangles joined by one tie give the two triangles, modularity
/// 6/7 − 2 · (1/2)² ≈ 0.357, for any seed.
/// - Complexity: about O(m) per pass, a few passes per level and O(log n)
///   levels in practice; single-threaded (deterministic).
public func louvain(_ graph: Graph, seed: UInt64 = 42, resolution: Double = 1) -> LouvainResult {
    let u = UndirectedAdjacency(graph)
    let n = u.nodeCount
    var rng = SeededRandom(seed: seed)
    // Current level graph.
    var offsets = u.offsets
    var adjacency = u.neighbors
    var weights = [Double](repeating: 1, count: adjacency.count)
    var selfWeight = [Double](repeating: 0, count: n)
    var membership = Array(0 ..< n)   // original person -> current-level node
    var levels = 0
    let m2 = Double(adjacency.count)   // 2E
    if m2 == 0 {
        return LouvainResult(communities: Array(0 ..< n), count: n, modularity: nil, levels: 0, seed: seed, resolution: resolution)
    }
    while true {
        let size = offsets.count - 1
        var k = [Double](repeating: 0, count: size)
        for i in 0 ..< size {
            var s = selfWeight[i]
            for e in offsets[i] ..< offsets[i + 1] { s += weights[e] }
            k[i] = s
        }
        var community = Array(0 ..< size)
        var order = Array(0 ..< size)
        rng.shuffle(&order)
        let movedThisLevel = localMoving(offsets: offsets, adjacency: adjacency, weights: weights, k: k,
                                         community: &community, order: order, resolution: resolution, m2: m2)
        if !movedThisLevel { break }
        levels += 1
        // Renumber communities 0 ..< c in order of their smallest node.
        var renumber = [Int](repeating: -1, count: size)
        var c = 0
        for i in 0 ..< size where renumber[community[i]] < 0 { renumber[community[i]] = c; c += 1 }
        for v in 0 ..< n { membership[v] = renumber[community[membership[v]]] }
        // Aggregate: one node per community, weights summed.
        var members = [[Int]](repeating: [], count: c)
        for i in 0 ..< size { members[renumber[community[i]]].append(i) }
        var newOffsets = [Int](repeating: 0, count: c + 1)
        var newAdjacency: [Int32] = []
        var newWeights: [Double] = []
        var newSelf = [Double](repeating: 0, count: c)
        var acc = [Double](repeating: 0, count: c)
        var mark = [Int](repeating: -1, count: c)
        var list: [Int] = []
        for a in 0 ..< c {
            list.removeAll(keepingCapacity: true)
            var inside = 0.0
            for i in members[a] {
                inside += selfWeight[i]
                for e in offsets[i] ..< offsets[i + 1] {
                    let b = renumber[community[Int(adjacency[e])]]
                    if b == a { inside += weights[e]; continue }
                    if mark[b] != a { mark[b] = a; acc[b] = 0; list.append(b) }
                    acc[b] += weights[e]
                }
            }
            list.sort()
            for b in list {
                newAdjacency.append(Int32(truncatingIfNeeded: b))
                newWeights.append(acc[b])
            }
            newSelf[a] = inside
            newOffsets[a + 1] = newAdjacency.count
        }
        offsets = newOffsets
        adjacency = newAdjacency
        weights = newWeights
        selfWeight = newSelf
        if c == size { break }
    }
    // Final labels numbered by first member in roster order.
    var renumber = [Int](repeating: -1, count: n)
    var labels = [Int](repeating: 0, count: n)
    var count = 0
    for v in 0 ..< n {
        let x = membership[v]
        if renumber[x] < 0 { renumber[x] = count; count += 1 }
        labels[v] = renumber[x]
    }
    return LouvainResult(communities: labels, count: count,
                         modularity: undirectedModularity(u, labels: labels, groups: count, resolution: resolution),
                         levels: levels, seed: seed, resolution: resolution)
}

/// One level of Louvain's local moving phase, with a queue of people to
/// revisit (the "fast local moving" of Traag, Waltman & van Eck 2019): every
/// node is visited once in `order`; when a node moves, its neighbours outside
/// its new community are queued again (if not queued already). The level ends
/// when the queue is empty. Returns whether anyone moved.
/// Scratch lives in buffers allocated once per level (no allocation, no
/// copy-on-write checks in the inner loop).
private func localMoving(offsets: [Int], adjacency: [Int32], weights: [Double], k: [Double],
                         community: inout [Int], order: [Int], resolution: Double, m2: Double) -> Bool {
    let size = k.count
    if size == 0 { return false }
    let total = UnsafeMutablePointer<Double>.allocate(capacity: size)
    let neighbourWeight = UnsafeMutablePointer<Double>.allocate(capacity: size)
    let seen = UnsafeMutablePointer<Int>.allocate(capacity: size)
    let touched = UnsafeMutablePointer<Int>.allocate(capacity: size + 1)
    let queue = UnsafeMutablePointer<Int>.allocate(capacity: size)
    let queued = UnsafeMutablePointer<Bool>.allocate(capacity: size)
    defer {
        total.deallocate(); neighbourWeight.deallocate(); seen.deallocate(); touched.deallocate()
        queue.deallocate(); queued.deallocate()
    }
    for i in 0 ..< size { total[i] = k[i]; neighbourWeight[i] = 0; seen[i] = -1; queue[i] = order[i]; queued[i] = true }
    var head = 0, count = size   // ring buffer of `count` queued nodes starting at `head`
    var movedAny = false
    offsets.withUnsafeBufferPointer { off in
        adjacency.withUnsafeBufferPointer { adj in
            weights.withUnsafeBufferPointer { w in
                k.withUnsafeBufferPointer { kk in
                    community.withUnsafeMutableBufferPointer { comm in
                        while count > 0 {
                            let i = queue[head]
                            head += 1; if head == size { head = 0 }
                            count -= 1
                            queued[i] = false
                            let ci = comm[i]
                            var distinct = 1
                            touched[0] = ci; seen[ci] = i; neighbourWeight[ci] = 0
                            for e in off[i] ..< off[i + 1] {
                                let c = comm[Int(adj[e])]
                                if seen[c] != i { seen[c] = i; neighbourWeight[c] = 0; touched[distinct] = c; distinct += 1 }
                                neighbourWeight[c] += w[e]
                            }
                            let ki = kk[i]
                            let scale = resolution * ki / m2
                            total[ci] -= ki
                            var best = ci
                            var bestGain = neighbourWeight[ci] - scale * total[ci]
                            for t in 1 ..< distinct {
                                let c = touched[t]
                                let gain = neighbourWeight[c] - scale * total[c]
                                if gain > bestGain + 1e-12 { best = c; bestGain = gain }
                            }
                            total[best] += ki
                            if best != ci {
                                comm[i] = best
                                movedAny = true
                                for e in off[i] ..< off[i + 1] {
                                    let j = Int(adj[e])
                                    if !queued[j] && comm[j] != best {
                                        queued[j] = true
                                        var tail = head + count; if tail >= size { tail -= size }
                                        queue[tail] = j
                                        count += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return movedAny
}
