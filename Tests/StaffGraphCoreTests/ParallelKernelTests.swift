import Testing
@testable import StaffGraphCore

/// The parallel kernels against their sequential versions: the PKC core
/// numbers at 1, 2 and 3 threads (and several chunk counts)
/// against the bucket algorithm; PageRank's power iteration against the
/// plain iteration, and its GMRES solver against the power iteration and
/// bit for bit across thread counts.
@Suite struct ParallelKernelTests {
    /// 20,000 people, about 80,000 ties, self-loops kept.
    let large = randomCentralityGraph(nodes: 20_000, averageOutDegree: 4, seed: 91, selfLoops: .keep)
    /// 6,000 people: PageRank and the peeling cut them into several chunks.
    let big = randomCentralityGraph(nodes: 6000, averageOutDegree: 4, seed: 77)
    let small = [
        randomCentralityGraph(nodes: 300, averageOutDegree: 5, seed: 5),
        randomCentralityGraph(nodes: 50, averageOutDegree: 12, seed: 3, selfLoops: .keep),
        randomCentralityGraph(nodes: 80, averageOutDegree: 2, seed: 8),
        Graph(isolates: 5),
        Graph(isolates: 0),
    ]

    /// The undirected view built on several threads (one range of people
    /// each, then the gaps closed) is the one-thread view, entry for entry,
    /// with and without codes; the star's hub makes some ranges empty.
    @Test func undirectedViewIsTheSameOnAnyThreadCount() {
        let wide = randomCentralityGraph(nodes: 30_000, averageOutDegree: 10, seed: 13, selfLoops: .keep)
        var builder = GraphBuilder(nodeCount: 200_000, reservingCapacity: 270_000)
        for v in 1 ..< 200_000 {
            builder.addTie(from: 0, to: v)
            if v % 3 == 0 { builder.addTie(from: v, to: 0) }
        }
        let star = builder.build().graph
        for g in [wide, star] {
            #expect(g.edgeCount >= UndirectedAdjacency.parallelViewMinimumTies)
            let one = UndirectedAdjacency(g, threads: 1)
            for t in [2, 3, 5] {
                for codes in [true, false] {
                    let many = UndirectedAdjacency(g, withCodes: codes, threads: t)
                    #expect(many.offsets == one.offsets, "\(t) threads")
                    #expect(many.neighbors == one.neighbors, "\(t) threads")
                    #expect(many.codes == (codes ? one.codes : []), "\(t) threads, codes \(codes)")
                }
            }
        }
    }

    @Test func parallelCoreNumbersMatchTheBucketAlgorithm() {
        for g in small + [big, large] {
            let u = UndirectedAdjacency(g)
            let expected = bucketCoreNumbers(u)
            for t in [1, 2, 3] {
                #expect(coreNumbers(g, threads: t) == expected, "n = \(g.nodeCount), threads \(t)")
                for chunks in [1, 5, 17] {
                    #expect(parallelCoreNumbers(u, threads: t, chunks: chunks) == expected, "n = \(g.nodeCount), threads \(t), \(chunks) chunks")
                }
            }
        }
    }

    /// The power iteration written plainly (push form, one pass per step) against
    /// the chunked pull form: within 1e-12 in L1.
    @Test func powerIterationMatchesThePlainIteration() throws {
        for g in small.dropLast(2) + [big] {
            for weighted in [false, true] {
                let n = g.nodeCount
                var strength = [Double](repeating: 0, count: n)
                for u in 0 ..< n { for e in g.outOffsets[u] ..< g.outOffsets[u + 1] { strength[u] += weighted ? g.outWeights[e] : 1 } }
                var x = [Double](repeating: 1 / Double(n), count: n)
                var change = Double.infinity
                while change >= 1e-12 {
                    var next = [Double](repeating: 0, count: n)
                    let mass = (0 ..< n).reduce(0.0) { strength[$1] == 0 ? $0 + x[$1] : $0 }
                    for u in 0 ..< n where strength[u] > 0 {
                        for e in g.outOffsets[u] ..< g.outOffsets[u + 1] {
                            next[Int(g.outTargets[e])] += x[u] * (weighted ? g.outWeights[e] : 1) / strength[u]
                        }
                    }
                    for v in 0 ..< n { next[v] = 0.85 * (next[v] + mass / Double(n)) + 0.15 / Double(n) }
                    change = zip(next, x).reduce(0) { $0 + abs($1.0 - $1.1) }
                    x = next
                }
                let fused = try pageRank(g, options: PageRankOptions(weighted: weighted))
                #expect(zip(fused.scores, x).reduce(0) { $0 + abs($1.0 - $1.1) } < 1e-12, "n = \(n), weighted \(weighted)")
            }
        }
    }

    @Test func gmresReachesThePowerIterationsFixedPoint() throws {
        for g in small.dropLast(2) + [big] {
            let n = g.nodeCount
            let personal = (0 ..< n).map { Double($0 % 3) }
            for options in [PageRankOptions(), PageRankOptions(weighted: true), PageRankOptions(damping: 0.5),
                            PageRankOptions(personalization: personal, dangling: .personalization),
                            PageRankOptions(personalization: personal)] {
                let power = try pageRank(g, options: options)
                for restart in [1, 5, 20] {
                    var gmres = options
                    gmres.solver = .gmres(restart: restart)
                    let r = try pageRank(g, options: gmres)
                    #expect(r.convergence.converged)
                    #expect(r.convergence.lastChange < 1e-12)
                    // Both within α/(1 − α) · 1e-12 of the fixed point.
                    let difference = zip(r.scores, power.scores).reduce(0) { $0 + abs($1.0 - $1.1) }
                    #expect(difference < 2e-11, "n = \(n), restart \(restart): \(difference)")
                    #expect(abs(r.scores.reduce(0, +) - 1) < 1e-10)
                }
            }
        }
        var gmres = PageRankOptions(solver: .gmres(restart: 20))
        #expect(try pageRank(Graph(isolates: 0), options: gmres).scores == [])
        let isolates = try pageRank(Graph(isolates: 4), options: gmres)
        #expect(isolates.scores.allSatisfy { abs($0 - 0.25) < 1e-15 })
        gmres.maxIterations = 3
        #expect(try pageRank(big, options: gmres).convergence.converged == false)
    }

    @Test func gmresIsIdenticalForAnyThreadCount() throws {
        for options in [PageRankOptions(solver: .gmres(restart: 20)), PageRankOptions(weighted: true, solver: .gmres(restart: 7))] {
            let one = try pageRank(big, options: options, threads: 1)
            #expect(try pageRank(big, options: options, threads: 2) == one)
            #expect(try pageRank(big, options: options, threads: 3) == one)
            #expect(one.convergence.converged)
        }
    }
}
