import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct EIIndexTests {
    // Groups {a, b} and {c}; a → b, a → c, c → a (worked in the doc comment).
    let g = graph(3, [(0, 1), (0, 2), (2, 0)])
    let p = Partition(labels: [0, 0, 1], names: ["A", "C"])

    @Test func byHand() {
        let ei = EIIndex(g, partition: p)
        #expect(ei.internalTies == 1 && ei.externalTies == 2)
        #expect(ei.network == 1.0 / 3.0)
        #expect(ei.groups[0] == GroupEI(group: "A", size: 2, internal: 1, external: 2, eiIndex: 1.0 / 3.0))
        #expect(ei.groups[1] == GroupEI(group: "C", size: 1, internal: 0, external: 2, eiIndex: 1))
        #expect(ei.people[0] == 1.0 / 3.0 && ei.people[1] == -1 && ei.people[2] == 1)
        let sent = EIIndex(g, partition: p, peopleTies: .sent)
        #expect(sent.people[0] == 0 && sent.people[1].isNaN && sent.people[2] == 1)
        let received = EIIndex(g, partition: p, peopleTies: .received)
        #expect(received.people[0] == 1 && received.people[1] == -1)
        #expect(EIIndex(Graph(isolates: 3), partition: p).network == nil)
    }

    @Test func partitionFromValues() {
        let q = Partition(values: ["Math", "Arts", "Math", ""])
        #expect(q.names == ["(missing)", "Arts", "Math"])
        #expect(q.labels == [2, 1, 2, 0])
        #expect(q.sizes == [1, 1, 2])
        #expect(q.hasMissing)
    }

    @Test func mixingByHand() {
        let mix = MixingMatrix(g, partition: p)
        #expect(mix.ties == [[1, 1], [1, 0]])
        #expect(mix.density == [[0.5, 0.5], [0.5, nil]])
        // a did not respond: only rows b and c count.
        let observed = MixingMatrix(g, partition: p, observedRows: [false, true, true])
        #expect(observed.ties == [[0, 0], [1, 0]])
        #expect(observed.density == [[0, 0], [0.5, nil]])
    }

    @Test func permutationTestIsSeededAndThreadIndependent() throws {
        // Two cliques of 5 with one bridge: strongly in-group.
        var ties: [(Int, Int)] = []
        for a in 0 ..< 5 { for b in 0 ..< 5 where a != b { ties.append((a, b)); ties.append((a + 5, b + 5)) } }
        ties.append((0, 5))
        let h = graph(10, ties)
        let q = Partition(labels: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], names: ["x", "y"])
        let t1 = EIPermutationTest(h, partition: q, permutations: 2000, seed: 42)
        let t2 = EIPermutationTest(h, partition: q, permutations: 2000, seed: 42)
        #expect(t1 == t2)
        #expect(t1.observed == (1.0 - 40.0) / 41.0)
        let pl = try #require(t1.pLower)
        #expect(pl < 0.01)
        #expect(t1.pValue == min(1, 2 * min(pl, t1.pUpper ?? 1)))
        let t3 = EIPermutationTest(h, partition: q, permutations: 2000, seed: 7)
        #expect(t3.seed == 7 && t3.permutations == 2000)
        #expect(EIPermutationTest(Graph(isolates: 3), partition: p).pValue == nil)
    }

    /// Python reimplementation (Scripts/golden_cohesion.py, checked there on hand-worked examples).
    @Test(arguments: CohesionGoldenCases.files())
    func matchesFormulas(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let f = c.section("formulas")
        let ei = try #require(f["ei"] as? [String: Any])
        let ours = EIIndex(c.graph, partition: c.partition)
        #expect(CohesionGoldenCases.close(ours.network, ei["network"] as? Double, 1e-15))
        #expect(ours.internalTies == ei["internal"] as? Int && ours.externalTies == ei["external"] as? Int)
        let groups = try #require(ei["groups"] as? [[String: Any]])
        for (g, expected) in zip(ours.groups, groups) {
            #expect(g.internal == expected["internal"] as? Int && g.external == expected["external"] as? Int)
            #expect(CohesionGoldenCases.close(g.eiIndex, expected["ei_index"] as? Double, 1e-15))
        }
        let mix = MixingMatrix(c.graph, partition: c.partition)
        #expect(mix.ties == f["block_ties"] as? [[Int]])
        let density = try #require(f["block_density"] as? [[Any]])
        for (row, expected) in zip(mix.density, density) {
            for (x, y) in zip(row, CohesionGoldenCases.numbers(expected)) { #expect(CohesionGoldenCases.close(x, y, 1e-15)) }
        }
    }
}
