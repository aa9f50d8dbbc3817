import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

/// Brute force over all triples, for cross-checking on random graphs.
fileprivate func bruteForceCensus(_ g: Graph) -> [Int] {
    var counts = [Int](repeating: 0, count: 16)
    let n = g.nodeCount
    for v in 0 ..< n { for u in v + 1 ..< max(v + 1, n) { for w in u + 1 ..< max(u + 1, n) {
        var code = 0
        if g.hasEdge(from: v, to: u) { code |= 1 }
        if g.hasEdge(from: u, to: v) { code |= 2 }
        if g.hasEdge(from: v, to: w) { code |= 4 }
        if g.hasEdge(from: w, to: v) { code |= 8 }
        if g.hasEdge(from: u, to: w) { code |= 16 }
        if g.hasEdge(from: w, to: u) { code |= 32 }
        counts[Int(triadTypeOfCode[code])] += 1
    } } }
    return counts
}

@Suite struct TriadsTests {
    @Test func transitiveTripleWithAnIsolate() {
        let census = triadCensus(graph(4, [(0, 1), (1, 2), (0, 2)]))
        #expect(census["030T"] == 1)
        #expect(census["012"] == 3)
        #expect(census.total == 4)
        #expect(census["nonsense"] == nil)
        #expect(TriadCensus.labels.count == 16)
    }

    @Test func tinyGraphs() {
        #expect(triadCensus(Graph(isolates: 2)).total == 0)
        #expect(triadCensus(Graph(isolates: 3))["003"] == 1)
        #expect(triadCensus(graph(3, [(0, 1), (1, 0)]))["102"] == 1)
        #expect(triadCensus(graph(3, [(0, 1), (1, 2), (2, 0)]))["030C"] == 1)
    }

    @Test func matchesBruteForceOnRandomGraphs() {
        var rng = SeededRandom(seed: 3)
        for trial in 0 ..< 20 {
            let n = 5 + trial
            var ties: [(Int, Int)] = []
            for _ in 0 ..< (n * (1 + trial % 4)) { ties.append((rng.nextInt(below: n), rng.nextInt(below: n))) }
            let g = graph(n, ties)
            #expect(triadCensus(g).counts == bruteForceCensus(g), "trial \(trial)")
        }
    }

    @Test func transitivityByHand() {
        let closed = graph(3, [(0, 1), (1, 2), (0, 2)])
        #expect(transitivity(closed, .directedWeak) == 1)
        #expect(transitivity(closed, .undirected) == 1)
        let open = graph(3, [(0, 1), (1, 2)])
        #expect(transitivity(open, .directedWeak) == 0)
        #expect(transitivity(open, .undirected) == 0)
        #expect(transitivity(Graph(isolates: 3)) == nil)
        #expect(transitivity(Graph(isolates: 3), .undirected) == nil)
        // A non-respondent in the middle: its row is missing, the two-path leaves the denominator.
        #expect(transitivity(open, .directedWeak, observedRows: [true, false, true]) == nil)
    }

    /// networkx `triadic_census` and R sna `triad.census`; `transitivity` (undirected) and sna `gtrans` (weak).
    @Test(arguments: CohesionGoldenCases.files())
    func matchesReferences(file: String) throws {
        let c = try CohesionGoldenCases.load(file)
        let nx = c.section("networkx"), sna = c.section("sna")
        let census = triadCensus(c.graph)
        let nxCensus = try #require(nx["triad_census"] as? [String: Int])
        let snaCensus = try #require(sna["triad_census"] as? [String: Int])
        for (label, count) in census.labelled {
            #expect(nxCensus[label] == count, "\(file) \(label)")
            #expect(snaCensus[label] == count, "\(file) \(label) (sna)")
        }
        // networkx reports 0 when there is no connected triple; we report nil.
        let undirected = transitivity(c.graph, .undirected)
        let expected = nx["transitivity_undirected"] as? Double
        if let undirected { #expect(CohesionGoldenCases.close(undirected, expected, 1e-12), "\(file) transitivity") } else { #expect(expected == 0) }
        // sna reports 1 when there is no two-path; we report nil.
        let weak = transitivity(c.graph, .directedWeak)
        #expect(CohesionGoldenCases.close(weak ?? 1, sna["gtrans_weak"] as? Double, 1e-12), "\(file) gtrans")
        // Reciprocity conventions against sna grecip.
        #expect(CohesionGoldenCases.close(reciprocity(c.graph, convention: .dyadic), sna["grecip_dyadic"] as? Double, 1e-12))
        #expect(CohesionGoldenCases.close(reciprocity(c.graph, convention: .edgewise), sna["grecip_edgewise"] as? Double, 1e-12))
    }
}
