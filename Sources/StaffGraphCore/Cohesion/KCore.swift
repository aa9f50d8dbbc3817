/// Core number of every person on the undirected view: the largest `k` such
/// that the person belongs to a group in which everyone has at least `k` ties
/// to others in the group (Seidman 1983). networkx `core_number` on the
/// symmetrized graph (self-loops ignored).
///
/// Example: a triangle a–b–c with a pendant d tied to a: a, b, c have core 2,
/// d has core 1; an isolate has core 0.
///
/// Batagelj & Zaversnik (2003) bucket algorithm: people sorted by degree in
/// buckets, taken in order; taking `v` moves each neighbour of higher current
/// degree one bucket down. Runs over flat buffers with no per-person allocation.
/// - Complexity: O(n + m).
public func coreNumbers(_ graph: Graph) -> [Int] {
    let u = UndirectedAdjacency(graph)
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
