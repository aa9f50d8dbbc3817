import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int, Double)], rule: ParallelTieRule = .max, loops: SelfLoopPolicy = .drop) -> (Graph, BuildReport) {
    var b = GraphBuilder(nodeCount: n)
    for (s, t, w) in ties { b.addTie(from: s, to: t, weight: w) }
    let built = b.build(parallelTies: rule, selfLoops: loops)
    return (built.graph, built.report)
}

/// Checks every CSR invariant: offsets monotone, neighbours sorted and unique, in = transpose of out.
fileprivate func checkInvariants(_ g: Graph) {
    #expect(g.outOffsets.count == g.nodeCount + 1)
    #expect(g.inOffsets.count == g.nodeCount + 1)
    #expect(g.outOffsets.first == 0 && g.outOffsets.last == g.edgeCount)
    #expect(g.inOffsets.first == 0 && g.inOffsets.last == g.edgeCount)
    var fromOut: [Tie] = []
    var fromIn: [Tie] = []
    for v in 0 ..< g.nodeCount {
        let out = Array(g.outNeighbors(v))
        #expect(out == out.sorted() && Set(out).count == out.count)
        let inn = Array(g.inNeighbors(v))
        #expect(inn == inn.sorted() && Set(inn).count == inn.count)
        for (t, w) in zip(g.outNeighbors(v), g.outNeighborWeights(v)) { fromOut.append(Tie(source: v, target: Int(t), weight: w)) }
        for (s, w) in zip(g.inNeighbors(v), g.inNeighborWeights(v)) { fromIn.append(Tie(source: Int(s), target: v, weight: w)) }
    }
    let key: (Tie, Tie) -> Bool = { ($0.source, $0.target) < ($1.source, $1.target) }
    #expect(fromOut.sorted(by: key) == fromIn.sorted(by: key))
}

@Suite struct GraphBuilderTests {
    @Test func emptyGraphHasNoNodes() {
        let (g, report) = graph(0, [])
        #expect(g.nodeCount == 0 && g.edgeCount == 0)
        #expect(report == BuildReport())
        checkInvariants(g)
    }

    @Test func oneNodeIsAnIsolate() {
        let (g, _) = graph(1, [])
        #expect(g.nodeCount == 1 && g.outDegree(0) == 0 && g.inDegree(0) == 0)
        checkInvariants(g)
    }

    @Test func tiesInAnyOrderAreSortedPerNode() {
        let (g, report) = graph(4, [(2, 0, 1), (0, 3, 1), (0, 1, 1), (3, 0, 1), (1, 0, 1), (0, 2, 1)])
        #expect(Array(g.outNeighbors(0)) == [1, 2, 3])
        #expect(Array(g.inNeighbors(0)) == [1, 2, 3])
        #expect(report.ties == 6 && report.parallelTiesMerged == 0)
        #expect(g.hasEdge(from: 0, to: 3) && !g.hasEdge(from: 3, to: 1))
        checkInvariants(g)
    }

    @Test func isolatesAreKept() {
        let (g, _) = graph(5, [(0, 1, 1)])
        #expect(g.nodeCount == 5)
        #expect((2 ..< 5).allSatisfy { g.outDegree($0) == 0 && g.inDegree($0) == 0 })
    }

    @Test(arguments: [(ParallelTieRule.max, 5.0), (.sum, 10.0), (.last, 2.0)])
    func parallelTiesMerge(rule: ParallelTieRule, expected: Double) {
        let (g, report) = graph(3, [(0, 1, 3), (1, 2, 1), (0, 1, 5), (0, 1, 2)], rule: rule)
        #expect(g.edgeCount == 2)
        #expect(g.weight(from: 0, to: 1) == expected)
        #expect(g.weight(from: 1, to: 0) == nil)
        #expect(report.parallelTiesMerged == 2)
        #expect(report.pairsWithParallelTies == 1)
        #expect(report.tiesAdded == 4)
        checkInvariants(g)
    }

    @Test func selfLoopsAreDroppedAndCounted() {
        let (g, report) = graph(3, [(0, 0, 1), (0, 1, 1), (2, 2, 4), (2, 2, 1)])
        #expect(g.edgeCount == 1)
        #expect(report.selfLoopsDropped == 3)
        #expect(g.selfLoopCount == 0)
    }

    @Test func selfLoopsCanBeKept() {
        let (g, report) = graph(3, [(0, 0, 1), (0, 1, 1), (2, 2, 4), (2, 2, 1)], loops: .keep)
        #expect(g.edgeCount == 3)
        #expect(report.selfLoopsDropped == 0 && report.parallelTiesMerged == 1)
        #expect(g.selfLoopCount == 2)
        #expect(g.weight(from: 2, to: 2) == 4)
        checkInvariants(g)
    }

    @Test func randomGraphsSatisfyInvariants() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for n in [2, 7, 50] {
            var ties: [(Int, Int, Double)] = []
            for _ in 0 ..< n * 6 { ties.append((next(n), next(n), Double(1 + next(4)))) }
            let (g, report) = graph(n, ties)
            checkInvariants(g)
            var distinct = Set<[Int]>()
            for (s, t, _) in ties where s != t { distinct.insert([s, t]) }
            #expect(g.edgeCount == distinct.count)
            #expect(report.tiesAdded == report.ties + report.selfLoopsDropped + report.parallelTiesMerged)
            for pair in distinct {
                let maxWeight = ties.filter { $0.0 == pair[0] && $0.1 == pair[1] }.map(\.2).max()
                #expect(g.weight(from: pair[0], to: pair[1]) == maxWeight)
            }
        }
    }

    @Test func reversedSwapsDirections() {
        let (g, _) = graph(3, [(0, 1, 2), (1, 2, 3)])
        let r = g.reversed()
        #expect(r.hasEdge(from: 1, to: 0) && r.hasEdge(from: 2, to: 1) && !r.hasEdge(from: 0, to: 1))
        #expect(r.weight(from: 2, to: 1) == 3)
        checkInvariants(r)
    }

    @Test func symmetrizedKeepsTheStrongerDirection() {
        let (g, _) = graph(3, [(0, 1, 2), (1, 0, 5), (1, 2, 3)])
        let u = g.symmetrized()
        #expect(u.edgeCount == 4)
        #expect(u.weight(from: 0, to: 1) == 5 && u.weight(from: 1, to: 0) == 5)
        #expect(u.weight(from: 2, to: 1) == 3)
        checkInvariants(u)
    }

    @Test func subgraphRenumbersInOrder() {
        let (g, _) = graph(4, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)])
        let (sub, original) = g.subgraph(keeping: [true, false, true, true])
        #expect(original == [0, 2, 3])
        #expect(sub.edgeCount == 2)
        #expect(sub.hasEdge(from: 1, to: 2) && sub.hasEdge(from: 2, to: 0))
        checkInvariants(sub)
    }

    @Test func thresholdKeepsStrongTies() {
        let (g, _) = graph(3, [(0, 1, 1), (1, 2, 3), (2, 0, 2)])
        let t = g.keepingTies(minimumWeight: 2)
        #expect(t.edgeCount == 2 && !t.hasEdge(from: 0, to: 1))
        checkInvariants(t)
    }

    @Test func memoryForThreeMillionTiesIsUnderOneHundredMegabytes() {
        // Storage per tie: 4 + 8 bytes each way; offsets 8 bytes per node each way.
        let n = 200_000, m = 3_000_000
        let bytes = 2 * (m * (MemoryLayout<Int32>.stride + MemoryLayout<Double>.stride)) + 2 * (n + 1) * MemoryLayout<Int>.stride
        #expect(bytes < 100_000_000)
    }

    @Test func rosterAddsAndLooksUp() {
        var r = Roster(ids: ["a", "b"])
        #expect(r.index(of: "b") == 1)
        r.setAttribute("team", values: ["x", "y"])
        r.setResponses(wave: "fall", values: [.responded, .nonrespondent])
        #expect(r.addUnlisted("c") == 2)
        #expect(r.addUnlisted("a") == 0)
        #expect(r.addedCount == 1)
        #expect(r.attribute("team") == ["x", "y", ""])
        #expect(r.responses(wave: "fall") == [.responded, .nonrespondent, nil])
        #expect(r.responses(wave: "spring") == nil)
        // Canonically equivalent spellings are one id.
        let composed = "Jos\u{E9}", decomposed = "Jose\u{301}"
        r.add(composed)
        #expect(r.index(of: decomposed) == 3)
    }
}
