import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct ClusteringTests {
    @Test func transitiveTripleByHand() {
        // a → b, b → c, a → c: (S³)_ii = 2, d_tot = 2, d↔ = 0 → 2 / 4 = 0.5 for everyone.
        let g = graph(3, [(0, 1), (1, 2), (0, 2)])
        #expect(clustering(g) == [0.5, 0.5, 0.5])
        #expect(clustering(g, .undirected) == [1, 1, 1])
        // Adding c → a: a has d_tot 3, d↔ 1, (S³)_aa = 4 → 4 / 8.
        let h = graph(3, [(0, 1), (1, 2), (0, 2), (2, 0)])
        #expect(clustering(h)[0] == 0.5)
    }

    @Test func fewerThanTwoNeighboursIsUndefined() {
        let g = graph(4, [(0, 1), (1, 0), (2, 1)])
        let c = clustering(g)
        #expect(c[0].isNaN && c[2].isNaN && c[3].isNaN)
        #expect(c[1] == 0)
        #expect(clustering(g, .undirected)[3].isNaN)
    }

    @Test func coreNumbersByHand() {
        // Triangle 0-1-2, pendant 3 on 0, isolate 4.
        let g = graph(5, [(0, 1), (1, 2), (2, 0), (3, 0)])
        #expect(coreNumbers(g) == [2, 2, 2, 1, 0])
        #expect(coreDistribution(coreNumbers(g)) == [1, 1, 3])
        #expect(coreNumbers(Graph(isolates: 0)) == [])
    }

    @Test func selfLoopsAreIgnored() {
        var b = GraphBuilder(nodeCount: 3)
        for (s, t) in [(0, 1), (1, 2), (0, 2), (1, 1)] { b.addTie(from: s, to: t) }
        let g = b.build(selfLoops: .keep).graph
        #expect(clustering(g) == [0.5, 0.5, 0.5])
        #expect(coreNumbers(g) == [2, 2, 2])
        #expect(transitivity(g) == 1)
    }

    @Test func repeatableOnAGraphOfManyChunks() {
        // A graph large enough for 64 chunks: each person's value is computed within one
        // chunk, so the result does not depend on how the chunks are scheduled.
        var rng = SeededRandom(seed: 7)
        var ties: [(Int, Int)] = []
        for _ in 0 ..< 4000 { ties.append((rng.nextInt(below: 500), rng.nextInt(below: 500))) }
        let g = graph(500, ties)
        let a = clustering(g), b = clustering(g)
        #expect(a.elementsEqual(b) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    /// networkx 3.6.1 `clustering` (DiGraph = Fagiolo; undirected view), `core_number`.
    @Test(arguments: CohesionGoldenCases.files())
    func matchesNetworkx(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let nx = c.section("networkx")
        let directed = CohesionGoldenCases.numbers(nx["clustering_directed"])
        let undirected = CohesionGoldenCases.numbers(nx["clustering_undirected"])
        let ours = clustering(c.graph), oursU = clustering(c.graph, .undirected)
        let u = UndirectedAdjacency(c.graph)
        for v in 0 ..< c.graph.nodeCount {
            // networkx reports 0 where the coefficient is undefined (fewer than two neighbours).
            let expected = u.degree(v) < 2 ? nil : directed[v]
            let expectedU = u.degree(v) < 2 ? nil : undirected[v]
            #expect(CohesionGoldenCases.close(ours[v], expected, 1e-12), "\(file) node \(v): \(ours[v]) vs \(String(describing: directed[v]))")
            #expect(CohesionGoldenCases.close(oursU[v], expectedU, 1e-12), "\(file) node \(v) undirected")
            if u.degree(v) < 2 { #expect(directed[v] == 0 && undirected[v] == 0) }
        }
        #expect(coreNumbers(c.graph) == (nx["core_number"] as? [Int]))
    }
}
