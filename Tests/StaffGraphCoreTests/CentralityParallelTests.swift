import Foundation
import Testing
@testable import StaffGraphCore

/// A seeded random directed graph (SplitMix64; test-local): `n` nodes,
/// about `n * averageOutDegree` ties, integer weights 1–5.
func randomCentralityGraph(nodes n: Int, averageOutDegree: Int, seed: UInt64, selfLoops: SelfLoopPolicy = .drop) -> Graph {
    var state = seed
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    func below(_ bound: Int) -> Int { Int(next().multipliedFullWidth(by: UInt64(bound)).high) }
    var b = GraphBuilder(nodeCount: n, reservingCapacity: n * averageOutDegree)
    for _ in 0 ..< n * averageOutDegree {
        b.addTie(from: below(n), to: below(n), weight: Double(1 + below(5)))
    }
    return b.build(selfLoops: selfLoops).graph
}

/// Results must not depend on the number of threads, to the last bit.
@Suite struct CentralityParallelTests {
    let graph = randomCentralityGraph(nodes: 400, averageOutDegree: 4, seed: 2024)

    @Test func chunkingDependsOnTheSourceCountOnly() {
        #expect(ParallelSources.chunks(count: 0).isEmpty)
        #expect(ParallelSources.chunks(count: 3) == [0 ..< 1, 1 ..< 2, 2 ..< 3])
        let chunks = ParallelSources.chunks(count: 1000)
        #expect(chunks.count == ParallelSources.chunkLimit)
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == 1000)
        for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
    }

    @Test(arguments: [
        BetweennessOptions(),
        BetweennessOptions(scale: .raw, undirected: true),
        BetweennessOptions(endpoints: true),
        BetweennessOptions(distance: .inverse),
        BetweennessOptions(undirected: true, distance: .reverseScale),
    ])
    func betweennessIsIdenticalForOneTwoAndThreeThreads(options: BetweennessOptions) {
        let one = betweenness(graph, options: options, threads: 1)
        #expect(betweenness(graph, options: options, threads: 2) == one)
        #expect(betweenness(graph, options: options, threads: 3) == one)
        #expect(one.contains { $0 > 0 })
    }

    @Test func sampledBetweennessIsIdenticalAcrossThreads() {
        let one = sampledBetweenness(graph, pivotCount: 50, seed: 9, threads: 1)
        #expect(sampledBetweenness(graph, pivotCount: 50, seed: 9, threads: 2) == one)
    }

    @Test(arguments: PathDirection.allCases)
    func closenessIsIdenticalAcrossThreads(direction: PathDirection) {
        for convention in ClosenessConvention.allCases {
            for distance in [nil, DistanceTransform.inverse] {
                let options = ClosenessOptions(convention: convention, direction: direction, distance: distance)
                let one = closeness(graph, options: options, threads: 1)
                #expect(closeness(graph, options: options, threads: 2) == one)
            }
        }
    }

    /// The graphs the search and accumulation are checked on: sparse (long
    /// paths, many unreached nodes, isolates) to dense (short searches where
    /// bottom-up steps and the push form of the accumulation take over).
    static let shapes: [(nodes: Int, degree: Int, seed: UInt64, selfLoops: SelfLoopPolicy)] = [
        (60, 3, 5, .drop), (200, 1, 11, .drop), (200, 2, 12, .drop), (300, 4, 13, .drop), (150, 15, 14, .drop), (400, 30, 15, .drop),
        (120, 6, 16, .keep),  // self-loops kept (--keep-self-loops): a loop is no path
    ]

    @Test(arguments: shapes.indices)
    func levelSearchAgreesWithAPlainSearchInEitherDirection(shape: Int) {
        let (nodes, degree, seed, loops) = Self.shapes[shape]
        let g = randomCentralityGraph(nodes: nodes, averageOutDegree: degree, seed: seed, selfLoops: loops)
        let n = g.nodeCount
        let ws = TraversalWorkspace(nodeCount: n)
        g.withSearchAdjacency(lengths: []) { forward, backward in
            for s in stride(from: 0, to: n, by: 7) {
                let (dist, paths) = referenceSearch(g, from: s)
                let reachedCount = dist.filter { $0 >= 0 }.count
                for (discount, countPaths) in [(0, true), (nil, true), (1 << 30, true), (0, false), (nil, false), (1 << 30, false)] {
                    ws.breadthFirst(from: s, forward, backward, countPaths: countPaths, bottomUpDiscount: discount)
                    #expect(ws.reached == reachedCount)
                    var wrong = (0 ..< n).filter { Int(ws.hops[$0]) != dist[$0] }
                    if countPaths {
                        wrong += (0 ..< ws.reached).filter { ws.sigmaInOrder[$0] != paths[Int(ws.order[$0])] }.map { Int(ws.order[$0]) }
                    }
                    #expect(wrong.isEmpty, "source \(s), discount \(discount): nodes \(wrong.prefix(5))")
                    // Levels: contiguous in `order`, with their tie counts.
                    #expect(ws.levelStart[0] == 0 && ws.levelStart[ws.levelCount] == ws.reached)
                    for level in 0 ..< ws.levelCount {
                        var out = 0, into = 0, misplaced = 0
                        for i in ws.levelStart[level] ..< ws.levelStart[level + 1] {
                            let v = Int(ws.order[i])
                            misplaced += dist[v] == level ? 0 : 1
                            out += g.outDegree(v)
                            into += g.inDegree(v)
                        }
                        #expect(misplaced == 0 && ws.levelOutTies[level] == out && ws.levelInTies[level] == into)
                    }
                    ws.reset()
                    #expect((0 ..< n).allSatisfy { ws.hops[$0] == -1 && ws.paths[$0] == 0 && ws.coefficient[$0] == 0 })
                }
            }
        }
    }

    @Test(arguments: shapes.indices)
    func betweennessMatchesASerialBrandes(shape: Int) {
        let (nodes, degree, seed, loops) = Self.shapes[shape]
        let g = randomCentralityGraph(nodes: nodes, averageOutDegree: degree, seed: seed, selfLoops: loops)
        let directed = referenceBrandes(g)
        let fast = betweenness(g, options: BetweennessOptions(scale: .raw), threads: 2)
        for v in 0 ..< g.nodeCount { #expect(abs(fast[v] - directed[v]) <= 1e-9 * max(1, directed[v])) }
        // Undirected raw: unordered pairs, half the ordered sums on the symmetrized graph.
        let undirected = referenceBrandes(g.symmetrized()).map { $0 / 2 }
        let fastUndirected = betweenness(g, options: BetweennessOptions(scale: .raw, undirected: true), threads: 2)
        for v in 0 ..< g.nodeCount { #expect(abs(fastUndirected[v] - undirected[v]) <= 1e-9 * max(1, undirected[v])) }
    }
}

/// Hop distances (-1: not reached) and shortest-path counts from `s`, by the textbook BFS.
private func referenceSearch(_ g: Graph, from s: Int) -> (distance: [Int], paths: [Double]) {
    var dist = [Int](repeating: -1, count: g.nodeCount)
    var sigma = [Double](repeating: 0, count: g.nodeCount)
    dist[s] = 0
    sigma[s] = 1
    var queue = [s]
    var head = 0
    while head < queue.count {
        let v = queue[head]
        head += 1
        for w32 in g.outNeighbors(v) {
            let w = Int(w32)
            if dist[w] < 0 {
                dist[w] = dist[v] + 1
                queue.append(w)
            }
            if dist[w] == dist[v] + 1 { sigma[w] += sigma[v] }
        }
    }
    return (dist, sigma)
}

/// Raw directed betweenness by an independent, allocation-heavy Brandes
/// (predecessor lists and a stack, as in the 2001 paper).
private func referenceBrandes(_ g: Graph) -> [Double] {
    let n = g.nodeCount
    var reference = [Double](repeating: 0, count: n)
    for s in 0 ..< n {
        let (dist, sigma) = referenceSearch(g, from: s)
        var preds = [[Int]](repeating: [], count: n)
        for v in 0 ..< n where dist[v] >= 0 {
            for w32 in g.outNeighbors(v) where dist[Int(w32)] == dist[v] + 1 { preds[Int(w32)].append(v) }
        }
        var stack = (0 ..< n).filter { dist[$0] >= 0 }.sorted { dist[$0] < dist[$1] }
        var delta = [Double](repeating: 0, count: n)
        while let w = stack.popLast() {
            for v in preds[w] { delta[v] += sigma[v] / sigma[w] * (1 + delta[w]) }
            if w != s { reference[w] += delta[w] }
        }
    }
    return reference
}

/// Timings for the report; run with `STAFFGRAPH_TIMING=1` (release:
/// `swift test -c release --filter CentralityTiming`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STAFFGRAPH_TIMING"] != nil))
struct CentralityTimingTests {
    private func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    @Test func betweennessTimings() throws {
        let (lazega, _) = try GoldenSupport.loadGraph(edges: "Samples/data/lazega/edges_advice.csv", nodes: "Samples/data/lazega/nodes.csv")
        let random = randomCentralityGraph(nodes: 5000, averageOutDegree: 10, seed: 1)
        for (name, g, repeats) in [("lazega advice", lazega, 50), ("random 5000 x 10", random, 1)] {
            for threads in [1, 2] {
                var result: [Double] = []
                let t = seconds { for _ in 0 ..< repeats { result = betweenness(g, threads: threads) } } / Double(repeats)
                print("TIMING betweenness \(name) n=\(g.nodeCount) m=\(g.edgeCount) threads=\(threads): \(String(format: "%.4f", t)) s (max \(result.max() ?? 0))")
            }
            let tw = seconds { _ = betweenness(g, options: BetweennessOptions(distance: .inverse), threads: 2) }
            print("TIMING weighted betweenness \(name) threads=2: \(String(format: "%.4f", tw)) s")
            let tc = seconds { _ = harmonicCloseness(g, threads: 2) }
            print("TIMING harmonic closeness \(name) threads=2: \(String(format: "%.4f", tc)) s")
        }
    }
}
