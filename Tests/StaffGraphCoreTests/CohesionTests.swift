import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct CohesionTests {
    // a→b, b→a, a→c (3 people): worked by hand in the doc comments.
    let triangle = graph(3, [(0, 1), (1, 0), (0, 2)])

    @Test func densityCountsOrderedPairs() {
        #expect(density(triangle) == 0.5)
        #expect(density(Graph(isolates: 1)) == nil)
        #expect(density(Graph(isolates: 2)) == 0)
    }

    @Test func densityLeavesMissingRowsOut() {
        // c did not respond: cells = 2 observed rows × 2 = 4; ties sent by a and b = 3.
        #expect(density(triangle, observedRows: [true, true, false]) == 0.75)
    }

    @Test func reciprocityConventions() {
        #expect(dyadCensus(triangle) == DyadCensus(mutual: 1, asymmetric: 1, null: 1))
        #expect(reciprocity(triangle, convention: .edgewise) == 2.0 / 3.0)
        #expect(reciprocity(triangle, convention: .ratio) == 0.5)
        #expect(reciprocity(triangle, convention: .dyadic) == 2.0 / 3.0)
        #expect(reciprocity(Graph(isolates: 3)) == nil)
        // Dyads touching the non-respondent c are dropped: only a–b (mutual) remains.
        #expect(reciprocity(triangle, observedRows: [true, true, false]) == 1)
    }

    @Test func componentsWeakAndStrong() {
        // 0⇄1→2, 3→4, 5 alone.
        let g = graph(6, [(0, 1), (1, 0), (1, 2), (3, 4)])
        let weak = weakComponents(g)
        #expect(weak.count == 3)
        #expect(weak.labels == [0, 0, 0, 1, 1, 2])
        #expect(weak.sizes == [3, 2, 1])
        let strong = strongComponents(g)
        #expect(strong.count == 5)
        #expect(strong.labels[0] == strong.labels[1])
        #expect(Set(strong.labels).count == 5)
    }

    @Test func strongComponentsOnALongCycleDoNotRecurse() {
        let n = 200_000
        let g = graph(n, (0 ..< n).map { ($0, ($0 + 1) % n) })
        #expect(strongComponents(g).count == 1)
        #expect(weakComponents(g).count == 1)
    }

    @Test func summaryDropsAbsentPeopleAndMissingRows() {
        // 0⇄1, 1→2, 3 absent, 2 did not respond.
        let g = graph(4, [(0, 1), (1, 0), (1, 2)])
        let s = NetworkSummary(graph: g, responses: [.responded, .responded, .nonrespondent, .absent])
        #expect(s.nodes == 3 && s.absent == 1 && s.ties == 3 && s.isolates == 0)
        #expect(s.density == 3.0 / 4.0)
        #expect(s.reciprocity == 1)
        #expect(s.responseRate == 2.0 / 3.0)
        #expect(s.weakComponents == 1 && s.strongComponents == 2)
    }

    @Test func summaryWithoutResponseData() {
        let s = NetworkSummary(graph: triangle, responses: nil)
        #expect(s.responseRate == nil && s.respondents == nil)
        #expect(s.density == 0.5)
    }

    @Test func absentPeopleWithTiesAreKeptAndCounted() {
        let g = graph(3, [(0, 1)])
        let s = NetworkSummary(graph: g, responses: [.responded, .absent, .absent])
        #expect(s.nodes == 2 && s.absent == 1 && s.absentWithTies == 1)
    }
}
