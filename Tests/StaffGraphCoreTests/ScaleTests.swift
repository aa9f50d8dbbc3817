import Testing
@testable import StaffGraphCore

/// Bit patterns, so that NaN (undefined) entries compare equal to themselves.
fileprivate func bits(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }

/// A recorder for progress calls. The measures call a handler one call at a
/// time (``ProgressCounter``), and the test reads the log only after the
/// measure has returned, so no lock is needed.
fileprivate final class ProgressLog: @unchecked Sendable {
    private(set) var snapshot: [(Int, Int)] = []
    var handler: ProgressHandler { { [self] done, total in snapshot.append((done, total)) } }
}

/// Checks a progress log: non-decreasing `done`, a constant total, ending at the total.
fileprivate func expectCompleteProgress(_ calls: [(Int, Int)], total: Int) {
    #expect(!calls.isEmpty)
    #expect(calls.allSatisfy { $0.1 == total })
    #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
    #expect(calls.last?.0 == total)
}

@Suite struct ScaleTests {
    /// Large enough that PageRank cuts people into several chunks (one per 2,048).
    let big = randomCentralityGraph(nodes: 6000, averageOutDegree: 4, seed: 77)
    let small = randomCentralityGraph(nodes: 300, averageOutDegree: 5, seed: 5)

    @Test func pageRankIsIdenticalForAnyThreadCount() throws {
        for options in [PageRankOptions(), PageRankOptions(weighted: true)] {
            let one = try pageRank(big, options: options, threads: 1)
            #expect(try pageRank(big, options: options, threads: 2) == one)
            #expect(try pageRank(big, options: options, threads: 3) == one)
            #expect(one.convergence.converged)
            #expect(abs(one.scores.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func cohesionMeasuresAreIdenticalForOneAndTwoThreads() {
        let g = big
        #expect(triadCensus(g, threads: 1) == triadCensus(g, threads: 2))
        for convention in [TransitivityConvention.directedWeak, .undirected] {
            #expect(transitivity(g, convention, threads: 1) == transitivity(g, convention, threads: 2))
        }
        #expect(bits(clustering(g, threads: 1)) == bits(clustering(g, threads: 2)))
        #expect(bits(clustering(g, .undirected, threads: 1)) == bits(clustering(g, .undirected, threads: 2)))
        let one = StructuralHoles(small, threads: 1), two = StructuralHoles(small, threads: 2)
        #expect(bits(one.constraint) == bits(two.constraint))
        #expect(bits(one.effectiveSize) == bits(two.effectiveSize))
        #expect(KrackhardtDimensions(small, threads: 1) == KrackhardtDimensions(small, threads: 2))
        let partition = Partition(labels: (0 ..< small.nodeCount).map { $0 % 7 }, names: (0 ..< 7).map(String.init))
        #expect(Brokerage(small, partition: partition, threads: 1) == Brokerage(small, partition: partition, threads: 2))
        #expect(EIPermutationTest(small, partition: partition, permutations: 200, seed: 3, threads: 1)
            == EIPermutationTest(small, partition: partition, permutations: 200, seed: 3, threads: 2))
    }

    @Test func betweennessProgressCountsEverySourceAndChangesNothing() {
        let log = ProgressLog()
        let with = betweenness(small, threads: 2, progress: log.handler)
        #expect(with == betweenness(small, threads: 1))
        expectCompleteProgress(log.snapshot, total: small.nodeCount)
    }

    @Test func sampledBetweennessProgressCountsPivots() {
        let log = ProgressLog()
        let sampled = sampledBetweenness(small, pivotCount: 40, seed: 1, threads: 2, progress: log.handler)
        #expect(sampled == sampledBetweenness(small, pivotCount: 40, seed: 1, threads: 1))
        expectCompleteProgress(log.snapshot, total: 40)
    }

    @Test func closenessProgressCountsEveryPersonAndChangesNothing() {
        let log = ProgressLog()
        let with = harmonicCloseness(small, threads: 2, progress: log.handler)
        #expect(with == harmonicCloseness(small, threads: 1))
        expectCompleteProgress(log.snapshot, total: small.nodeCount)
    }

    @Test func centralizationPassesProgressToBetweenness() {
        let log = ProgressLog()
        let value = centralization(small, .betweenness, threads: 2, progress: log.handler)
        #expect(value == centralization(small, .betweenness, threads: 1))
        expectCompleteProgress(log.snapshot, total: small.nodeCount)
    }

    @Test func progressCounterNeedsAHandler() {
        #expect(ProgressCounter(nil, total: 3) == nil)
        let log = ProgressLog()
        let counter = ProgressCounter(log.handler, total: 3)
        counter?.add(1)
        counter?.add(2)
        #expect(log.snapshot.map(\.0) == [1, 3])
    }

    @Test func subgraphOfMembersMatchesTheMaskedSubgraph() {
        let g = small
        var members: [Int] = []
        for v in 0 ..< g.nodeCount where (v * 7919) % 5 < 2 { members.append(v) }
        var keep = [Bool](repeating: false, count: g.nodeCount)
        for v in members { keep[v] = true }
        let (masked, original) = g.subgraph(keeping: keep)
        #expect(original == members)
        #expect(g.subgraph(members: members) == masked)
        #expect(g.subgraph(members: []).nodeCount == 0)
        #expect(g.subgraph(members: Array(0 ..< g.nodeCount)) == g)
    }

    @Test func subgraphOfMembersDocExample() {
        var b = GraphBuilder(nodeCount: 4)
        b.addTie(from: 0, to: 1)
        b.addTie(from: 1, to: 3)
        b.addTie(from: 3, to: 2)
        let sub = b.build().graph.subgraph(members: [1, 3])
        #expect(sub.nodeCount == 2)
        #expect(sub.ties.map { [$0.source, $0.target] } == [[0, 1]])
    }
}
