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
/// `seed` (above 8,191 nodes, blocks of `n / 4096` consecutive people are
/// shuffled and each block is visited in index order, which keeps the data of
/// consecutive visits in cache), moving each to the neighbouring community with the largest gain
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
///   levels in practice. The local moving is sequential; the aggregation runs
///   on `threads` threads (each community's ties are summed by one thread in a
///   fixed order, so the result does not depend on the thread count).
public func louvain(_ graph: Graph, seed: UInt64 = 42, resolution: Double = 1, threads: Int = Parallelism.defaultThreads) -> LouvainResult {
    let u = UndirectedAdjacency(graph)
    let n = u.nodeCount
    var rng = SeededRandom(seed: seed)
    // Current level graph.
    var offsets = u.offsets
    var adjacency = u.neighbors
    var weights: [Double] = []   // empty: every tie weighs 1 (the first level)
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
            if weights.isEmpty {
                s += Double(offsets[i + 1] - offsets[i])
            } else {
                for e in offsets[i] ..< offsets[i + 1] { s += weights[e] }
            }
            k[i] = s
        }
        var community = Array(0 ..< size)
        // Blocks of consecutive nodes in a seeded order, each block in index
        // order: one node per block (a plain shuffle) up to 8,191 nodes, then
        // size / 4096 per block, so that consecutive visits share cache lines
        // (people of one school sit together) while the seed still decides.
        let block = max(1, size / 4096)
        var blockOrder = Array(0 ..< (size + block - 1) / block)
        rng.shuffle(&blockOrder)
        var order: [Int] = []
        order.reserveCapacity(size)
        for b in blockOrder { order.append(contentsOf: b * block ..< min(size, (b + 1) * block)) }
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
        var label = [Int32](repeating: 0, count: size)
        for i in 0 ..< size { label[i] = Int32(truncatingIfNeeded: renumber[community[i]]) }
        let (newOffsets, newAdjacency, newWeights, newSelf) = aggregate(
            offsets: offsets, adjacency: adjacency, weights: weights, selfWeight: selfWeight,
            label: label, groups: c, threads: threads)
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

/// One aggregation step of Louvain: community `a` (of `groups`) becomes node
/// `a` of the next level, tied to every other community its members are tied
/// to with the summed weight (neighbours ascending), and keeping the weight of
/// the ties inside it (and its members' own) as a self-weight. Empty
/// `weights`: every tie weighs 1.
///
/// Communities are cut into `threads` ranges; each range is summed by one
/// thread with its own marker arrays, members in ascending order and each
/// member's ties in storage order, so every sum is the same whatever the
/// ranges; the ranges' lists are joined in order.
/// - Complexity: O(n + m) plus sorting each community's neighbour list;
///   O(threads · groups) scratch.
private func aggregate(offsets: [Int], adjacency: [Int32], weights: [Double], selfWeight: [Double],
                       label: [Int32], groups c: Int, threads: Int) -> ([Int], [Int32], [Double], [Double]) {
    let size = label.count
    // Members of each community, ascending (a counting sort).
    var memberStart = [Int](repeating: 0, count: c + 1)
    for i in 0 ..< size { memberStart[Int(label[i]) + 1] += 1 }
    for a in 0 ..< c { memberStart[a + 1] += memberStart[a] }
    var members = [Int32](repeating: 0, count: size)
    var fill = memberStart
    for i in 0 ..< size {
        let a = Int(label[i])
        members[fill[a]] = Int32(truncatingIfNeeded: i)
        fill[a] += 1
    }
    let starts = memberStart, memberList = members
    let unit = weights.isEmpty
    struct Part: Sendable {
        var adjacency: [Int32] = []
        var weights: [Double] = []
        var ends: [Int] = []
        var inside: [Double] = []
    }
    let parts = parallelChunks(count: c, chunks: max(1, threads), threads: threads) { range -> Part in
        var part = Part()
        part.ends.reserveCapacity(range.count)
        part.inside.reserveCapacity(range.count)
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: c)
        let mark = UnsafeMutablePointer<Int32>.allocate(capacity: c)
        defer { acc.deallocate(); mark.deallocate() }
        mark.initialize(repeating: -1, count: c)
        var list: [Int32] = []
        offsets.withUnsafeBufferPointer { off in
            adjacency.withUnsafeBufferPointer { adj in
                weights.withUnsafeBufferPointer { w in
                    label.withUnsafeBufferPointer { lab in
                        memberList.withUnsafeBufferPointer { mem in
                            for a in range {
                                let a32 = Int32(truncatingIfNeeded: a)
                                list.removeAll(keepingCapacity: true)
                                var inside = 0.0
                                for m in starts[a] ..< starts[a + 1] {
                                    let i = Int(mem[m])
                                    inside += selfWeight[i]
                                    for e in off[i] ..< off[i + 1] {
                                        let b32 = lab[Int(adj[e])]
                                        let weight = unit ? 1 : w[e]
                                        if b32 == a32 { inside += weight; continue }
                                        let b = Int(b32)
                                        if mark[b] != a32 { mark[b] = a32; acc[b] = 0; list.append(b32) }
                                        acc[b] += weight
                                    }
                                }
                                list.sort()
                                for b in list {
                                    part.adjacency.append(b)
                                    part.weights.append(acc[Int(b)])
                                }
                                part.inside.append(inside)
                                part.ends.append(part.adjacency.count)
                            }
                        }
                    }
                }
            }
        }
        return part
    }
    var newOffsets = [Int](repeating: 0, count: c + 1)
    var newAdjacency: [Int32] = []
    var newWeights: [Double] = []
    var newSelf: [Double] = []
    newAdjacency.reserveCapacity(parts.reduce(0) { $0 + $1.adjacency.count })
    newWeights.reserveCapacity(newAdjacency.capacity)
    newSelf.reserveCapacity(c)
    var a = 0
    for part in parts {
        let base = newAdjacency.count
        newAdjacency.append(contentsOf: part.adjacency)
        newWeights.append(contentsOf: part.weights)
        newSelf.append(contentsOf: part.inside)
        for end in part.ends {
            newOffsets[a + 1] = base + end
            a += 1
        }
    }
    return (newOffsets, newAdjacency, newWeights, newSelf)
}

/// One level of Louvain's local moving phase, with a queue of people to
/// revisit (the "fast local moving" of Traag, Waltman & van Eck 2019): every
/// node is visited once in `order`; when a node moves, its neighbours outside
/// its new community are queued again (if not queued already). The level ends
/// when the queue is empty. Returns whether anyone moved.
/// Scratch lives in buffers allocated once per level (no allocation, no
/// copy-on-write checks in the inner loop). Empty `weights`: every tie weighs 1.
private func localMoving(offsets: [Int], adjacency: [Int32], weights: [Double], k: [Double],
                         community: inout [Int], order: [Int], resolution: Double, m2: Double) -> Bool {
    weights.isEmpty
        ? moveNodes(offsets: offsets, adjacency: adjacency, weights: weights, unitWeights: true, k: k, community: &community, order: order, resolution: resolution, m2: m2)
        : moveNodes(offsets: offsets, adjacency: adjacency, weights: weights, unitWeights: false, k: k, community: &community, order: order, resolution: resolution, m2: m2)
}

@inline(__always)
private func moveNodes(offsets: [Int], adjacency: [Int32], weights: [Double], unitWeights: Bool, k: [Double],
                       community: inout [Int], order: [Int], resolution: Double, m2: Double) -> Bool {
    let size = k.count
    if size == 0 { return false }
    // Per community, side by side so that one cache line serves a visit.
    let slot = UnsafeMutablePointer<CommunitySlot>.allocate(capacity: size)
    // 32-bit node and community numbers: half the cache footprint of `Int`.
    let comm = UnsafeMutablePointer<Int32>.allocate(capacity: size)
    let touched = UnsafeMutablePointer<Int32>.allocate(capacity: size + 1)
    let queue = UnsafeMutablePointer<Int32>.allocate(capacity: size)
    let queued = UnsafeMutablePointer<Bool>.allocate(capacity: size)
    defer {
        slot.deallocate(); comm.deallocate(); touched.deallocate()
        queue.deallocate(); queued.deallocate()
    }
    for i in 0 ..< size {
        slot[i] = CommunitySlot(weight: 0, total: k[i])
        queued[i] = true
        comm[i] = Int32(truncatingIfNeeded: community[i])
        queue[i] = Int32(truncatingIfNeeded: order[i])
    }
    var head = 0, count = size   // ring buffer of `count` queued nodes starting at `head`
    var movedAny = false
    offsets.withUnsafeBufferPointer { off in
        adjacency.withUnsafeBufferPointer { adj in
            weights.withUnsafeBufferPointer { w in
                k.withUnsafeBufferPointer { kk in
                    while count > 0 {
                        let i = Int(queue[head])
                        head += 1; if head == size { head = 0 }
                        count -= 1
                        queued[i] = false
                        let ci32 = comm[i]
                        let ci = Int(ci32)
                        // Every `weight` is 0 between visits (tie weights are
                        // positive), so a community is new to this visit exactly
                        // when its weight is still 0: no branch to predict.
                        var distinct = 0
                        for e in off[i] ..< off[i + 1] {
                            let c32 = comm[Int(adj[e])]
                            let c = Int(c32)
                            let before = slot[c].weight
                            touched[distinct] = c32
                            distinct &+= before == 0 ? 1 : 0
                            slot[c].weight = before + (unitWeights ? 1 : w[e])
                        }
                        let ki = kk[i]
                        let scale = resolution * ki / m2
                        slot[ci].total -= ki
                        var best = ci
                        var bestGain = slot[ci].weight - scale * slot[ci].total
                        for t in 0 ..< distinct {
                            let c = Int(touched[t])
                            let gain = slot[c].weight - scale * slot[c].total
                            if gain > bestGain + 1e-12 { best = c; bestGain = gain }
                        }
                        for t in 0 ..< distinct { slot[Int(touched[t])].weight = 0 }
                        slot[best].total += ki
                        if best != ci {
                            let best32 = Int32(truncatingIfNeeded: best)
                            comm[i] = best32
                            movedAny = true
                            for e in off[i] ..< off[i + 1] {
                                let j = Int(adj[e])
                                if !queued[j] && comm[j] != best32 {
                                    queued[j] = true
                                    var tail = head + count; if tail >= size { tail -= size }
                                    queue[tail] = adj[e]
                                    count += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    for i in 0 ..< size { community[i] = Int(comm[i]) }
    return movedAny
}

/// One community's scratch in the local moving phase: the weight of the ties
/// from the person being looked at into it (0 between visits) and its total
/// degree Σ_tot.
private struct CommunitySlot {
    var weight: Double
    var total: Double
}
