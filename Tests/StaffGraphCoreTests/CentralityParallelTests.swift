import Foundation
import Testing
@testable import StaffGraphCore

/// A seeded random directed graph (SplitMix64; test-local): `n` nodes,
/// about `n * averageOutDegree` ties, integer weights 1–5.
func randomCentralityGraph(nodes n: Int, averageOutDegree: Int, seed: UInt64) -> Graph {
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
    return b.build().graph
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

    @Test func parallelBetweennessMatchesASerialBrandes() {
        // An independent, allocation-heavy reference implementation.
        let g = randomCentralityGraph(nodes: 60, averageOutDegree: 3, seed: 5)
        let n = g.nodeCount
        var reference = [Double](repeating: 0, count: n)
        for s in 0 ..< n {
            var stack: [Int] = []
            var preds = [[Int]](repeating: [], count: n)
            var sigma = [Double](repeating: 0, count: n)
            var dist = [Int](repeating: -1, count: n)
            sigma[s] = 1
            dist[s] = 0
            var queue = [s]
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                stack.append(v)
                for w32 in g.outNeighbors(v) {
                    let w = Int(w32)
                    if dist[w] < 0 {
                        dist[w] = dist[v] + 1
                        queue.append(w)
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v]
                        preds[w].append(v)
                    }
                }
            }
            var delta = [Double](repeating: 0, count: n)
            while let w = stack.popLast() {
                for v in preds[w] { delta[v] += sigma[v] / sigma[w] * (1 + delta[w]) }
                if w != s { reference[w] += delta[w] }
            }
        }
        let fast = betweenness(g, options: BetweennessOptions(scale: .raw), threads: 2)
        for v in 0 ..< n { #expect(abs(fast[v] - reference[v]) <= 1e-9 * max(1, reference[v])) }
    }
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
