import Testing
@testable import StaffGraphCore

/// ``GraphBuilder/buildReleasingTies(parallelTies:selfLoops:)`` against
/// ``GraphBuilder/build(parallelTies:selfLoops:)`` on random ties: the same
/// graph (order of merging included) and the same report.
@Suite struct GraphBuilderReleasingTests {
    @Test func sameGraphAndReportAsBuild() {
        var rng = SeededRandom(seed: 7)
        for round in 0 ..< 300 {
            let n = 1 + rng.nextInt(below: 40)
            let m = rng.nextInt(below: 400)
            var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
            // Some rounds give one person most ties (over 32: the sorting path for long lists).
            let hub = round % 3 == 0
            for _ in 0 ..< m {
                sources.append(Int32(hub && rng.nextInt(below: 2) == 0 ? 0 : rng.nextInt(below: n)))
                targets.append(Int32(rng.nextInt(below: n)))
                weights.append([0.1, 0.2, 0.3, 1, 2.5, 7][rng.nextInt(below: 6)])
            }
            for rule in ParallelTieRule.allCases {
                for loops in SelfLoopPolicy.allCases {
                    var one = GraphBuilder(nodeCount: n)
                    for e in 0 ..< m { one.addTie(from: Int(sources[e]), to: Int(targets[e]), weight: weights[e]) }
                    let expected = one.build(parallelTies: rule, selfLoops: loops)
                    var released = GraphBuilder(nodeCount: n, sources: sources, targets: targets, weights: weights)
                    let got = released.buildReleasingTies(parallelTies: rule, selfLoops: loops)
                    #expect(got.graph == expected.graph, "n \(n), m \(m), \(rule), \(loops)")
                    #expect(got.report == expected.report)
                    #expect(released.tieCount == 0)
                }
            }
        }
    }

    /// Every thread count (1, 2, 3) and chunking (one chunk, or more chunks
    /// than threads, or more chunks than people) gives the graph and report of
    /// ``GraphBuilder/build(parallelTies:selfLoops:)``: random ties with many
    /// parallel ties and self-loops, hubs over 32 ties, isolates, and empty graphs.
    @Test func sameResultForEveryThreadCountAndChunking() {
        var rng = SeededRandom(seed: 19)
        for round in 0 ..< 120 {
            // Round 0: no people; round 1: people without ties; some rounds leave people isolated.
            let n = round == 0 ? 0 : 1 + rng.nextInt(below: 60)
            let m = n == 0 || round == 1 ? 0 : rng.nextInt(below: 600)
            let reach = round % 4 == 2 ? max(1, n / 3) : n
            var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
            for _ in 0 ..< m {
                let hub = round % 3 == 0 && rng.nextInt(below: 2) == 0
                let s = hub ? 0 : rng.nextInt(below: reach)
                // Few distinct targets per person: many parallel ties; some self-loops.
                let t = rng.nextInt(below: 8) == 0 ? s : rng.nextInt(below: min(reach, 1 + round % 12))
                sources.append(Int32(s))
                targets.append(Int32(t))
                weights.append([0.1, 0.2, 0.3, 1, 2.5, 7][rng.nextInt(below: 6)])
            }
            for rule in ParallelTieRule.allCases {
                for loops in SelfLoopPolicy.allCases {
                    let expected = GraphBuilder(nodeCount: n, sources: sources, targets: targets, weights: weights)
                        .build(parallelTies: rule, selfLoops: loops)
                    for threads in 1 ... 3 {
                        for chunks in [nil, 1, threads, threads + 2, 2 * n + 3] as [Int?] {
                            var released = GraphBuilder(nodeCount: n, sources: sources, targets: targets, weights: weights)
                            let got = released.buildReleasingTies(parallelTies: rule, selfLoops: loops, threads: threads, chunks: chunks)
                            #expect(got.graph == expected.graph, "round \(round), n \(n), m \(m), \(rule), \(loops), threads \(threads), chunks \(String(describing: chunks))")
                            #expect(got.report == expected.report)
                            #expect(released.tieCount == 0)
                        }
                    }
                }
            }
        }
    }

    /// Past the size where the public entry point chunks by itself (65,536
    /// ties): one thread and two give the graph of ``GraphBuilder/build(parallelTies:selfLoops:)``.
    @Test func largeInputOnTwoThreads() {
        var rng = SeededRandom(seed: 3)
        let n = 2_000, m = 100_000
        var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
        for _ in 0 ..< m {
            sources.append(Int32(rng.nextInt(below: n)))
            targets.append(Int32(rng.nextInt(below: n / 10)))
            weights.append(Double(1 + rng.nextInt(below: 5)))
        }
        let expected = GraphBuilder(nodeCount: n, sources: sources, targets: targets, weights: weights).build(parallelTies: .sum)
        for threads in [1, 2] {
            var released = GraphBuilder(nodeCount: n, sources: sources, targets: targets, weights: weights)
            let got = released.buildReleasingTies(parallelTies: .sum, threads: threads)
            #expect(got.graph == expected.graph)
            #expect(got.report == expected.report)
            #expect(got.report.parallelTiesMerged > 0 && got.report.selfLoopsDropped > 0)
        }
    }

    @Test func handExample() {
        var b = GraphBuilder(nodeCount: 3, sources: [0, 0, 2, 1, 0], targets: [1, 1, 2, 0, 2], weights: [2, 3, 1, 4, 5])
        let (g, report) = b.buildReleasingTies(parallelTies: .sum)
        #expect(g.ties == [Tie(source: 0, target: 1, weight: 5), Tie(source: 0, target: 2, weight: 5), Tie(source: 1, target: 0, weight: 4)])
        #expect(report.parallelTiesMerged == 1 && report.selfLoopsDropped == 1 && report.ties == 3 && report.tiesAdded == 5)
        #expect(Array(g.inNeighbors(0)) == [1] && Array(g.inNeighbors(2)) == [0])
    }
}
