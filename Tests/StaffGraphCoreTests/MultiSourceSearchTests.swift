import Testing
@testable import StaffGraphCore

/// The 64-at-a-time hop search must give every source exactly the level sizes
/// of its own breadth-first search, so closeness and harmonic closeness keep
/// their bits.
@Suite struct MultiSourceSearchTests {
    /// Level sizes (index d = nodes first reached at distance d, d ≥ 1) of a
    /// plain one-source breadth-first search.
    static func levelSizes(_ graph: Graph, from s: Int) -> [Int] {
        var hops = [Int](repeating: -1, count: graph.nodeCount)
        hops[s] = 0
        var queue = [s], head = 0
        var sizes = [0]
        while head < queue.count {
            let v = queue[head]
            head += 1
            for w32 in graph.outNeighbors(v) where hops[Int(w32)] < 0 {
                let w = Int(w32)
                hops[w] = hops[v] + 1
                if sizes.count <= hops[w] { sizes.append(0) }
                sizes[hops[w]] += 1
                queue.append(w)
            }
        }
        return sizes
    }

    /// Runs the batched search over `sources` and returns each one's level sizes.
    static func batched(_ graph: Graph, _ sources: [Int], workspace: MultiSourceWorkspace) -> [[Int]] {
        var found = [[Int]](repeating: [0], count: sources.count)
        graph.withAdjacency(.out, lengths: []) { adjacency in
            sources.withUnsafeBufferPointer { list in
                var lastLevel = 0
                workspace.search(from: list, adjacency) { d, sizes in
                    #expect(d == lastLevel + 1)
                    lastLevel = d
                    for i in sizes.indices where sizes[i] > 0 {
                        while found[i].count < d { found[i].append(0) }
                        found[i].append(sizes[i])
                    }
                }
            }
        }
        return found
    }

    static func chain(_ n: Int) -> Graph {
        var b = GraphBuilder(nodeCount: n)
        for v in 0 ..< n - 1 { b.addTie(from: v, to: v + 1, weight: 1) }
        return b.build().graph
    }

    @Test(arguments: [(300, 1, UInt64(1)), (300, 3, 2), (500, 8, 3), (130, 0, 4)])
    func levelSizesMatchOneSourceSearches(nodes: Int, degree: Int, seed: UInt64) {
        let graph = randomCentralityGraph(nodes: nodes, averageOutDegree: degree, seed: seed, selfLoops: .keep)
        let workspace = MultiSourceWorkspace(nodeCount: nodes)
        // Batches of every size from 1 to 64, over sources in and out of order; the
        // workspace is reused, so a bad reset shows in a later batch.
        var start = 0
        for size in [1, 2, 63, 64, 7, 64, 33] {
            let sources = (0 ..< size).map { (start + $0 * 7) % nodes }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
            start += size
            let got = Self.batched(graph, sources, workspace: workspace)
            for (i, s) in sources.enumerated() {
                #expect(got[i] == Self.levelSizes(graph, from: s), "source \(s) in a batch of \(sources.count)")
            }
        }
    }

    @Test func longChainsKeepEveryLevel() {
        // 64 sources on a 200-node chain: up to 199 levels, each source's search ending at its own depth.
        let graph = Self.chain(200)
        let sources = Array(0 ..< 64).map { $0 * 3 }
        let got = Self.batched(graph, sources, workspace: MultiSourceWorkspace(nodeCount: 200))
        for (i, s) in sources.enumerated() { #expect(got[i] == Self.levelSizes(graph, from: s)) }
    }

    @Test(arguments: PathDirection.allCases)
    func closenessSumsEqualOneSourceSums(direction: PathDirection) {
        // distanceSums batches 64 sources; the reference forms the same sums from one-source level sizes.
        let graph = randomCentralityGraph(nodes: 700, averageOutDegree: 3, seed: 77)
        let sums = distanceSums(graph, direction: direction, distance: nil, threads: 2)
        let g = direction.searchGraph(graph)
        for s in 0 ..< graph.nodeCount {
            let sizes = Self.levelSizes(g, from: s)
            var inverse = 0.0, total = 0
            for d in 1 ..< sizes.count {
                total += sizes[d] * d
                inverse += Double(sizes[d]) / Double(d)
            }
            #expect(sums.reached[s] == 1 + sizes.dropFirst().reduce(0, +))
            #expect(sums.distanceSum[s] == Double(total))
            #expect(sums.inverseSum[s] == inverse)
        }
        for threads in [1, 3] {
            let other = distanceSums(graph, direction: direction, distance: nil, threads: threads)
            #expect(other.reached == sums.reached && other.distanceSum == sums.distanceSum && other.inverseSum == sums.inverseSum)
        }
    }
}
