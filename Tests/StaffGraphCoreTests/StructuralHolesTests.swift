import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct StructuralHolesTests {
    @Test func starByHand() {
        // Centre 0 named by three leaves who do not know each other; 4 is an isolate.
        let s = StructuralHoles(graph(5, [(1, 0), (2, 0), (3, 0)]))
        #expect(abs(s.constraint[0] - 1.0 / 3.0) < 1e-15)
        #expect(s.effectiveSize[0] == 3 && s.efficiency[0] == 1)
        #expect(s.constraint[1] == 1 && s.effectiveSize[1] == 1)
        #expect(s.constraint[4].isNaN && s.effectiveSize[4].isNaN && s.efficiency[4].isNaN)
    }

    @Test func triangleByHand() {
        // Each p = 1/2, indirect 1/4: (3/4)² · 2 = 1.125; effective size 2 − 2 · 1/2 = 1.
        let s = StructuralHoles(graph(3, [(0, 1), (1, 2), (0, 2)]))
        #expect(s.constraint == [1.125, 1.125, 1.125])
        #expect(s.effectiveSize == [1, 1, 1])
        #expect(s.efficiency == [0.5, 0.5, 0.5])
        #expect(constraint(graph(2, [(0, 1)])) == [1, 1])
    }

    @Test func effectiveSizeWorkedWhereNetworkxPathsDisagree() {
        // Node 7 of the all_16_triads golden graph: 6 → 7, 7 ⇄ 8, 7 → 1 (p = 1/4, 1/2, 1/4).
        // Alter 6 (max s 1) is tied to 8: 1 − 1/2; alter 8 (max s 2) to 6: 1 − 1/4 · 1/2; alter 1: 1.
        // Sum 2.375: networkx's per-node path agrees, its all-nodes sparse path says 2.5.
        let ties = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 1), (3, 4), (4, 3), (4, 5), (5, 6), (6, 4), (6, 7), (7, 8), (8, 6), (8, 7), (0, 8), (2, 5), (5, 2), (7, 1)]
        #expect(effectiveSize(graph(9, ties))[7] == 2.375)
    }

    /// networkx 3.6.1 `constraint`, `effective_size` (binary, DiGraph).
    @Test(arguments: CohesionGoldenCases.files())
    func matchesNetworkx(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let nx = c.section("networkx")
        let expectedC = CohesionGoldenCases.numbers(nx["constraint"])
        let expectedE = CohesionGoldenCases.numbers(nx["effective_size"])
        let s = StructuralHoles(c.graph)
        let u = UndirectedAdjacency(c.graph)
        for v in 0 ..< c.graph.nodeCount {
            if u.degree(v) == 0 { #expect(s.constraint[v].isNaN && s.effectiveSize[v].isNaN) }
            #expect(CohesionGoldenCases.close(s.constraint[v], expectedC[v], 1e-12), "\(file) constraint \(v): \(s.constraint[v]) vs \(String(describing: expectedC[v]))")
            // networkx's per-node effective size is NaN for anyone who names no one
            // (it tests `G[v]`, the successors); Burt's formula is defined for them.
            if expectedE[v] == nil && c.graph.outDegree(v) == 0 && u.degree(v) > 0 { continue }
            #expect(CohesionGoldenCases.close(s.effectiveSize[v], expectedE[v], 1e-12), "\(file) effective size \(v): \(s.effectiveSize[v]) vs \(String(describing: expectedE[v]))")
        }
    }
}
