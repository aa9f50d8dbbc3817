import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct LeadershipTests {
    @Test func inequalityMeasuresByHand() {
        #expect(gini([0, 0, 0, 4]) == 0.75)
        #expect(gini([1, 1, 1]) == 0)
        #expect(gini([]) == nil && gini([0, 0]) == nil)
        #expect(topShare([5, 3, 1, 1], k: 1) == 0.5)
        #expect(topShare([5, 3, 1, 1], k: 10) == 1)
        #expect(peopleCoveringHalf([5, 3, 1, 1]) == 1)
        #expect(peopleCoveringHalf([1, 1, 1, 1]) == 2)
        #expect(peopleCoveringHalf([0, 0]) == nil)
    }

    @Test func starPanel() {
        // Four people all name person 0.
        let p = LeadershipDistribution(graph(5, [(1, 0), (2, 0), (3, 0), (4, 0)]))
        #expect(p.inDegreeCentralization == 1)
        #expect(p.inDegreeGini == 0.8)
        #expect(p.topShares.map(\.k) == [1, 3, 5])
        #expect(p.topShares[0].share == 1)
        #expect(p.peopleForHalf == 1)
        #expect(p.density == 0.2 && p.reciprocity == 0)
        #expect(p.people == 5 && p.requests == 4)
    }

    @Test func formalAndInformalByHand() {
        // 10 people: 0 principal (named by 1: person 2), 1 teacher named by 5, 2 chair named by 0.
        var ties = [(2, 0)]
        for s in 3 ..< 8 { ties.append((s, 1)) }
        ties += [(0, 3), (1, 3), (4, 5)]
        let g = graph(10, ties)
        let formal = [true, false, true] + [Bool](repeating: false, count: 7)
        let r = FormalInformalLeaders(g, isFormal: formal)
        // In-degrees: [1, 5, 0, 2, 0, 1, 0, 0, 0, 0]: median 0, top 10 % = the 1st: 5.
        #expect(r.inDegrees == [1, 5, 0, 2, 0, 1, 0, 0, 0, 0])
        #expect(r.ranks[1] == 1 && r.ranks[3] == 2 && r.ranks[0] == 3 && r.ranks[5] == 3 && r.ranks[2] == 5)
        #expect(r.medianInDegree == 0)
        #expect(r.informalThreshold == 5)
        #expect(r.informal.map(\.person) == [1])
        #expect(r.formal.map(\.person) == [0, 2])
        #expect(r.rarelySought.isEmpty)   // nobody is below a median of 0
        #expect(r.formalShare == 1.0 / 9.0)
        let strict = FormalInformalLeaders(g, isFormal: formal, criteria: LeaderCriteria(topFraction: 0.3, minimumNominations: 2, rarelySoughtBelow: 1))
        // Top 30 %: the 3rd largest in-degree is 1, minimum 2 → threshold 2: persons 1 and 3.
        #expect(strict.informal.map(\.person) == [1, 3])
        #expect(strict.rarelySought.map(\.person) == [2])
    }

    /// sna `centralization(g, degree, cmode = "indegree")`; Gini and top-k shares against the Python formulas.
    @Test(arguments: CohesionGoldenCases.files())
    func matchesReferences(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let p = LeadershipDistribution(c.graph)
        #expect(CohesionGoldenCases.close(p.inDegreeCentralization, c.section("sna")["centralization_indegree"] as? Double, 1e-12))
        let f = c.section("formulas")
        #expect(CohesionGoldenCases.close(p.inDegreeGini, f["gini_in_degree"] as? Double, 1e-12))
        let shares = try #require(f["top_share"] as? [String: Double])
        for (k, share) in p.topShares { #expect(CohesionGoldenCases.close(share, shares[String(k)], 1e-15)) }
    }
}
