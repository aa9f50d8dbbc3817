/// Core number of every person on the undirected view: the largest `k` such
/// that the person belongs to a group in which everyone has at least `k` ties
/// to others in the group (Seidman 1983). networkx `core_number` on the
/// symmetrized graph (self-loops ignored).
///
/// Example: a triangle a–b–c with a pendant d tied to a: a, b, c have core 2,
/// d has core 1; an isolate has core 0.
///
/// Batagelj & Zaversnik (2003) bucket algorithm.
/// - Complexity: O(n + m).
public func coreNumbers(_ graph: Graph) -> [Int] {
    let u = UndirectedAdjacency(graph)
    let n = u.nodeCount
    if n == 0 { return [] }
    var degree = (0 ..< n).map { u.degree($0) }
    let maxDegree = degree.max() ?? 0
    var binStart = [Int](repeating: 0, count: maxDegree + 2)
    for d in degree { binStart[d + 1] += 1 }
    for d in 0 ... maxDegree { binStart[d + 1] += binStart[d] }
    var position = [Int](repeating: 0, count: n)
    var order = [Int](repeating: 0, count: n)
    var next = binStart
    for v in 0 ..< n {
        position[v] = next[degree[v]]
        order[position[v]] = v
        next[degree[v]] += 1
    }
    for i in 0 ..< n {
        let v = order[i]
        for e in u.offsets[v] ..< u.offsets[v + 1] {
            let w = Int(u.neighbors[e])
            if degree[w] > degree[v] {
                let dw = degree[w]
                let pw = position[w]
                let ps = binStart[dw]
                let s = order[ps]
                if s != w {
                    order[pw] = s; position[s] = pw
                    order[ps] = w; position[w] = ps
                }
                binStart[dw] += 1
                degree[w] -= 1
            }
        }
    }
    return degree
}

/// How many people have each core number: `result[k]` = people whose core
/// number is exactly `k`, for `k = 0 ... max`. The k-core distribution of
/// MEASURES.md (the `k`-core itself holds everyone with core number ≥ k).
///
/// Example: core numbers [2, 2, 2, 1, 0] give [1, 1, 3].
/// - Complexity: O(n).
public func coreDistribution(_ coreNumbers: [Int]) -> [Int] {
    var counts = [Int](repeating: 0, count: (coreNumbers.max() ?? -1) + 1)
    for k in coreNumbers { counts[k] += 1 }
    return counts
}
