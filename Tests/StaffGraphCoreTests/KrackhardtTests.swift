import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct KrackhardtTests {
    @Test func outTreeIsPerfectlyHierarchical() {
        // a → b, a → c (a above both, sna's reading of an arc).
        let k = KrackhardtDimensions(graph(3, [(0, 1), (0, 2)]))
        #expect(k.connectedness == 1 && k.hierarchy == 1 && k.efficiency == 1 && k.lubness == 1)
        #expect(!k.lubnessSkipped)
        // Reversed, b and c have no common upper bound: 1 violation of 1 possible.
        #expect(KrackhardtDimensions(graph(3, [(1, 0), (2, 0)])).lubness == 0)
        // b → a too: a and b reach each other; 3 reachable pairs, 1 mutual.
        let h = KrackhardtDimensions(graph(3, [(0, 1), (0, 2), (1, 0)]))
        #expect(h.hierarchy == 1 - 1.0 / 3.0)
        #expect(h.efficiency == 1 - 1.0 / 4.0)
    }

    @Test func undefinedCases() {
        let empty = KrackhardtDimensions(Graph(isolates: 4))
        #expect(empty.connectedness == 0 && empty.hierarchy == nil && empty.efficiency == nil && empty.lubness == nil)
        #expect(KrackhardtDimensions(Graph(isolates: 1)).connectedness == 1)
        // Two people tied: no component of three, LUBness undefined.
        #expect(KrackhardtDimensions(graph(2, [(0, 1)])).lubness == nil)
    }

    @Test func manyStrongComponentsSkipOnlyLUBness() {
        // A chain of 10,001 people: 10,001 strong components, above the LUBness limit.
        let n = KrackhardtDimensions.maximumComponentsForLUBness + 1
        let k = KrackhardtDimensions(graph(n, (0 ..< n - 1).map { ($0, $0 + 1) }))
        #expect(k.lubnessSkipped && k.lubness == nil)
        #expect(k.hierarchy == 1 && k.connectedness == 1 && k.efficiency == 1)
    }

    @Test func reachablePairsByHand() {
        // b, c, d all name a: 3 pairs; a cycle of 3: 6 pairs.
        #expect(countReachablePairs(graph(4, [(1, 0), (2, 0), (3, 0)])) == 3)
        #expect(countReachablePairs(graph(3, [(0, 1), (1, 2), (2, 0)])) == 6)
        #expect(countReachablePairs(graph(4, [(0, 1), (1, 2), (2, 3)])) == 6)
        // More than 64 components (blocks of 64 targets): a chain of 150 has 150·149/2 pairs.
        #expect(countReachablePairs(graph(150, (0 ..< 149).map { ($0, $0 + 1) })) == 150 * 149 / 2)
    }

    /// R sna `connectedness`, `hierarchy(measure = "krackhardt")`, `efficiency`, `lubness`.
    @Test(arguments: CohesionGoldenCases.files())
    func matchesSna(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let sna = c.section("sna")
        let k = KrackhardtDimensions(c.graph)
        #expect(CohesionGoldenCases.close(k.connectedness, sna["connectedness"] as? Double, 1e-12), "\(file) connectedness")
        #expect(CohesionGoldenCases.close(k.hierarchy, sna["hierarchy_krackhardt"] as? Double, 1e-12), "\(file) hierarchy \(String(describing: k.hierarchy))")
        #expect(CohesionGoldenCases.close(k.efficiency, sna["efficiency"] as? Double, 1e-12), "\(file) efficiency")
        #expect(CohesionGoldenCases.close(k.lubness, sna["lubness"] as? Double, 1e-12), "\(file) lubness \(String(describing: k.lubness))")
    }
}
