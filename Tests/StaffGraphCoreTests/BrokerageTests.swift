import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct BrokerageTests {
    @Test func rolesByHand() {
        // a → b → c, no a → c. Groups decide b's role.
        let g = graph(3, [(0, 1), (1, 2)])
        func role(_ labels: [Int]) -> [Int] {
            let b = Brokerage(g, partition: Partition(labels: labels, names: ["x", "y", "z"]))
            return BrokerageRole.allCases.map { b.counts($0)[1] }
        }
        #expect(role([0, 0, 0]) == [1, 0, 0, 0, 0])   // coordinator
        #expect(role([0, 1, 0]) == [0, 1, 0, 0, 0])   // consultant
        #expect(role([0, 0, 1]) == [0, 0, 1, 0, 0])   // representative
        #expect(role([1, 0, 0]) == [0, 0, 0, 1, 0])   // gatekeeper
        #expect(role([0, 1, 2]) == [0, 0, 0, 0, 1])   // liaison
        // A closing tie a → c removes the brokerage opportunity.
        let closed = Brokerage(graph(3, [(0, 1), (1, 2), (0, 2)]), partition: Partition(labels: [0, 0, 0], names: ["x"]))
        #expect(closed.total == [0, 0, 0])
        // c → a alone does not close a → b → c.
        let back = Brokerage(graph(3, [(0, 1), (1, 2), (2, 0)]), partition: Partition(labels: [0, 0, 0], names: ["x"]))
        #expect(back.total == [1, 1, 1])
        #expect(back.values(nil) == [1, 1, 1])
        #expect(back.totals(by: Partition(labels: [0, 0, 0], names: ["x"])) == [[3, 0, 0, 0, 0, 3]])
    }

    /// R sna `brokerage(g, cl)$raw.nli`.
    @Test(arguments: CohesionGoldenCases.files())
    func matchesSna(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let sna = try #require(c.section("sna")["brokerage"] as? [String: [Int]])
        let b = Brokerage(c.graph, partition: c.partition)
        for role in BrokerageRole.allCases {
            #expect(b.counts(role) == sna[role.rawValue], "\(file) \(role)")
        }
        #expect(b.total == sna["total"])
    }
}
