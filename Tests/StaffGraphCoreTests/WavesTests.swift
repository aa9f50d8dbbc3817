import Testing
@testable import StaffGraphCore

/// A graph over `n` people from (source, target) pairs.
fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct WavesTests {
    @Test func transitionsOfTheDocumentedExample() {
        // Wave 1: a→b, a→c; wave 2: a→b, b→c; everyone answered both times.
        let w1 = graph(3, [(0, 1), (0, 2)]), w2 = graph(3, [(0, 1), (1, 2)])
        let alignment = WaveAlignment(waves: [("w1", w1, nil), ("w2", w2, nil)])
        let t = TieTransitions(alignment, from: 0, to: 1)
        #expect(t.counts == TieTransitionCounts(n00: 3, n01: 1, n10: 1, n11: 1))
        #expect(t.counts.observedCells == 6)
        #expect(t.counts.jaccard == 1.0 / 3.0)
        #expect(t.counts.hamming == 2)
        #expect(t.changes.map(\.status) == [.stable, .dissolved, .new])
        #expect(t.changes.map { [$0.source, $0.target] } == [[0, 1], [0, 2], [1, 2]])
    }

    @Test func nonRespondentsRowsAndAbsentPeopleAreLeftOut() {
        // Four people. Wave 1: person 1 did not answer, person 3 absent.
        // Wave 2: everyone on staff and answered.
        let w1 = graph(4, [(0, 1), (0, 2), (1, 0), (2, 0)])
        let w2 = graph(4, [(0, 2), (1, 2), (2, 3), (3, 0)])
        let s1: [ResponseStatus?] = [.responded, .nonrespondent, .responded, .absent]
        let s2: [ResponseStatus?] = [.responded, .responded, .responded, .responded]
        let alignment = WaveAlignment(waves: [("w1", w1, s1), ("w2", w2, s2)])
        #expect(alignment.present[0] == [true, true, true, false])
        #expect(alignment.observedRows[0] == [true, false, true, false])
        #expect(alignment.joiners(from: 0, to: 1) == [3])
        #expect(alignment.leavers(from: 1, to: 0) == [3])
        let t = TieTransitions(alignment, from: 0, to: 1)
        // Rows 0 and 2 observed in both; columns 0, 1, 2 present in both: 2 × 2 cells.
        #expect(t.counts.observedCells == 4)
        #expect(t.counts == TieTransitionCounts(n00: 1, n01: 0, n10: 2, n11: 1))
        let byPair = Dictionary(uniqueKeysWithValues: t.changes.map { ("\($0.source)>\($0.target)", $0.status) })
        #expect(byPair["0>1"] == .dissolved)
        #expect(byPair["0>2"] == .stable)
        #expect(byPair["1>0"] == .unobserved)   // person 1 did not answer in wave 1
        #expect(byPair["1>2"] == .unobserved)
        #expect(byPair["2>0"] == .dissolved)
        #expect(byPair["2>3"] == .joiner)
        #expect(byPair["3>0"] == .joiner)
        // The other direction: ties of someone who is gone are leaver ties.
        let back = TieTransitions(alignment, from: 1, to: 0)
        #expect(back.changes.filter { $0.status == .leaver }.count == 2)
        #expect(back.counts.n01 == 2 && back.counts.n10 == 0 && back.counts.n11 == 1)
    }

    @Test func absentPeopleWithTiesCountAsPresent() {
        let w1 = graph(3, [(2, 0)])
        let alignment = WaveAlignment(waves: [("w1", w1, [.responded, .responded, .absent]), ("w2", graph(3, []), nil)])
        #expect(alignment.present[0] == [true, true, true])
        #expect(alignment.absentWithTies[0] == [2])
    }

    @Test func breakdownByGroupPair() {
        let w1 = graph(4, [(0, 1), (0, 2), (2, 3)])
        let w2 = graph(4, [(0, 1), (1, 2), (3, 2)])
        let alignment = WaveAlignment(waves: [("a", w1, nil), ("b", w2, nil)])
        let b = TieTransitions(alignment, from: 0, to: 1).breakdown(by: ["x", "x", "y", ""])
        #expect(b.within == (stable: 1, new: 0, dissolved: 0))
        #expect(b.across == (stable: 0, new: 2, dissolved: 2))
        #expect(b.cells.map { "\($0.fromGroup)>\($0.toGroup)" } == ["(missing)>y", "x>x", "x>y", "y>(missing)"])
        #expect(b.cells[2] == .init(fromGroup: "x", toGroup: "y", stable: 0, new: 1, dissolved: 1))
    }

    @Test func ranksAndSpearman() {
        #expect(competitionRanks([5, 9, 5, 1]) == [2, 1, 2, 4])
        #expect(averageRanks([10, 20, 10, 30]) == [1.5, 3, 1.5, 4])
        #expect(spearman([1, 2, 3], [1, 3, 2]) == 0.5)
        #expect(spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        #expect(spearman([1, 1, 1], [1, 2, 3]) == nil)
        #expect(spearman([1], [1]) == nil)
        // With ties: scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 2]) = 0.5
        let rho = spearman([1, 2, 2, 3], [1, 3, 2, 2])
        #expect(rho.map { abs($0 - 0.5) < 1e-12 } == true)
    }

    @Test func risingFadingAndNewInformalLeaders() {
        // Ten people: thresholds are the top-1 in-degree (10 % of 10) and at least 3.
        var before: [Int?] = [10, 2, 1, 0, 0, 0, 0, 0, 0, 0]
        var after: [Int?] = [4, 9, 1, 0, 0, 0, 0, 0, 0, 0]
        var formal = [Bool](repeating: false, count: 10)
        var c = LeaderChanges(before: before, after: after, isFormal: formal)
        #expect(c.thresholdBefore == 10 && c.thresholdAfter == 9)
        #expect(c.rising == [1])
        #expect(c.fading == [0])
        #expect(c.newInformal == [1])
        formal[1] = true
        c = LeaderChanges(before: before, after: after, isFormal: formal)
        #expect(c.rising == [1] && c.newInformal.isEmpty)
        // A joiner who becomes a leader is a new informal leader but not "rising" (no earlier value).
        before[1] = nil
        after[1] = 12
        c = LeaderChanges(before: before, after: after, isFormal: [Bool](repeating: false, count: 10))
        #expect(c.rising.isEmpty && c.newInformal == [1])
        // The minimum change is a parameter.
        c = LeaderChanges(before: [5, 4, 0, 0], after: [4, 6, 0, 0], isFormal: [false, false, false, false],
                          criteria: LeaderChangeCriteria(topFraction: 0.25, minimumNominations: 3, minimumChange: 2))
        #expect(c.rising == [1] && c.fading.isEmpty)
    }

    @Test func trendPanelUsesThePeoplePresent() {
        // Person 3 absent in the wave: the view has three people.
        let g = graph(4, [(0, 1), (1, 0), (2, 0)])
        let alignment = WaveAlignment(waves: [("w", g, [.responded, .responded, .nonrespondent, .absent])])
        let view = alignment.view(0)
        #expect(view.people == [0, 1, 2])
        #expect(view.observedRows == [true, true, false])
        #expect(view.responseRate == 2.0 / 3.0)
        let trend = WaveTrend(view, groups: ["a", "a", "b", "b"])
        #expect(trend.people == 3 && trend.ties == 3)
        #expect(trend.density == 2.0 / 4.0)      // rows 0 and 1 observed: 4 cells, 2 ties
        #expect(trend.reciprocity == 1)
        #expect(trend.eiIndex == (1.0 - 2.0) / 3.0)
        #expect(trend.inDegreeCentralization == Double(3 * 2 - 3) / 4.0)
    }
}
