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

    @Test func handExample() {
        var b = GraphBuilder(nodeCount: 3, sources: [0, 0, 2, 1, 0], targets: [1, 1, 2, 0, 2], weights: [2, 3, 1, 4, 5])
        let (g, report) = b.buildReleasingTies(parallelTies: .sum)
        #expect(g.ties == [Tie(source: 0, target: 1, weight: 5), Tie(source: 0, target: 2, weight: 5), Tie(source: 1, target: 0, weight: 4)])
        #expect(report.parallelTiesMerged == 1 && report.selfLoopsDropped == 1 && report.ties == 3 && report.tiesAdded == 5)
        #expect(Array(g.inNeighbors(0)) == [1] && Array(g.inNeighbors(2)) == [0])
    }
}
