import Foundation
import Testing
@testable import StaffGraphCore

fileprivate func weighted(_ n: Int, _ ties: [(Int, Int, Double)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t, w) in ties { b.addTie(from: s, to: t, weight: w) }
    return b.build().graph
}

/// The tie `s → t`'s index in `graph.outTargets`.
fileprivate func tie(_ graph: Graph, _ s: Int, _ t: Int) throws -> Int {
    try #require(graph.outEdgeIndex(from: s, to: t))
}

@Suite struct DisparityFilterTests {
    /// The doc comment's example: 0 names 1 (8), 2 (1), 3 (1).
    @Test func sourceSideByHand() throws {
        let g = weighted(4, [(0, 1, 8), (0, 2, 1), (0, 3, 1)])
        let f = DisparityFilter(g)
        let e01 = try tie(g, 0, 1), e02 = try tie(g, 0, 2), e03 = try tie(g, 0, 3)
        #expect(abs(f.sourceSignificance[e01] - 0.04) < 1e-15)        // (1 − 0.8)²
        #expect(abs(f.sourceSignificance[e02] - 0.81) < 1e-15)        // (1 − 0.1)²
        #expect(abs(f.sourceSignificance[e03] - 0.81) < 1e-15)
        // Each target is named once: degree 1 gives 1 from that end.
        #expect(f.targetSignificance == [1, 1, 1])
        #expect(f.kept(level: 0.05) == [true, false, false])
        #expect(f.keptCount(level: 0.05) == 1 && f.keptCount(level: 0.9) == 3 && f.keptCount(level: 0.039) == 0)
    }

    /// The same star reversed is judged from the target's in-ties.
    @Test func targetSideByHand() throws {
        let g = weighted(4, [(1, 0, 8), (2, 0, 1), (3, 0, 1)])
        let f = DisparityFilter(g)
        let e10 = try tie(g, 1, 0)
        #expect(abs(f.targetSignificance[e10] - 0.04) < 1e-15)
        #expect(f.sourceSignificance == [1, 1, 1])
        #expect(f.keeps(tie: e10, level: 0.05))
        #expect(f.keptCount(level: 0.05) == 1)
    }

    /// A tie is kept when significant for either end: 0 → 1 is ordinary among
    /// 0's out-ties but carries most of 1's in-strength.
    @Test func eitherEnd() throws {
        // 0 names 1, 2, 3 with 2 each: from 0, α = (1 − 1/3)² = 4/9.
        // 1 is named by 0 (2) and by 4, 5, 6, 7 (0.1 each): p = 2/2.4, α = (1/6)⁴.
        let g = weighted(8, [(0, 1, 2), (0, 2, 2), (0, 3, 2), (4, 1, 0.1), (5, 1, 0.1), (6, 1, 0.1), (7, 1, 0.1)])
        let f = DisparityFilter(g)
        let e01 = try tie(g, 0, 1)
        #expect(abs(f.sourceSignificance[e01] - 4.0 / 9.0) < 1e-15)
        #expect(abs(f.targetSignificance[e01] - pow(1 - 2 / 2.4, 4)) < 1e-15)
        #expect(f.keeps(tie: e01, level: 0.05))
        let e02 = try tie(g, 0, 2)
        #expect(!f.keeps(tie: e02, level: 0.05))
        #expect(abs(f.significance(ofTie: e01) - pow(1 - 2 / 2.4, 4)) < 1e-15)
    }

    /// Degree 1 at both ends: α = 1 from each, never kept.
    @Test func degreeOneConvention() {
        let g = weighted(3, [(0, 1, 5)])
        let f = DisparityFilter(g)
        #expect(f.sourceSignificance == [1] && f.targetSignificance == [1])
        #expect(f.keptCount(level: 0.999) == 0)
        #expect(DisparityFilter.significance(weight: 5, strength: 5, ties: 1) == 1)
        #expect(DisparityFilter.significance(weight: 1, strength: 0, ties: 3) == 1)
    }

    /// Equal weights: (1 − 1/k)^(k − 1) ≥ 1/e, so a binary network keeps nothing at 0.05.
    @Test func equalWeights() {
        let g = weighted(6, (1 ... 5).map { (0, $0, 1) })
        let f = DisparityFilter(g)
        for a in f.sourceSignificance { #expect(abs(a - pow(0.8, 4)) < 1e-15) }
        #expect(f.keptCount(level: 0.05) == 0)
        #expect(f.keptCount(level: 0.41) == 5)
        for k in 2 ... 50 { #expect(DisparityFilter.significance(weight: 1, strength: Double(k), ties: k) >= exp(-1)) }
    }

    /// The level is a strict bound: α equal to it is not significant.
    @Test func strictLevel() throws {
        let g = weighted(3, [(0, 1, 3), (0, 2, 1)])
        let f = DisparityFilter(g)
        let e = try tie(g, 0, 1)
        #expect(f.sourceSignificance[e] == 0.25)
        #expect(!f.keeps(tie: e, level: 0.25))
        #expect(f.keeps(tie: e, level: 0.2500001))
    }

    /// Ties without a positive finite weight take no part and are never kept.
    @Test func nonPositiveWeights() throws {
        let g = weighted(5, [(0, 1, 0), (0, 2, 5), (0, 3, 1), (0, 4, -2)])
        let f = DisparityFilter(g)
        let e01 = try tie(g, 0, 1), e02 = try tie(g, 0, 2), e04 = try tie(g, 0, 4)
        #expect(abs(f.sourceSignificance[e02] - 1.0 / 6.0) < 1e-15)   // k = 2, s = 6
        #expect(f.sourceSignificance[e01] == 1)
        #expect(f.targetSignificance[e01] == 1)
        #expect(f.sourceSignificance[e04] == 1)
        #expect(f.keptCount(level: 0.99) == 2)
    }

    /// The backbone keeps every person (isolates too) and the kept ties' weights.
    @Test func backboneGraph() throws {
        let g = weighted(6, [(0, 1, 8), (0, 2, 1), (0, 3, 1), (4, 0, 2)])
        let b = DisparityFilter(g).backbone(level: 0.05)
        #expect(b.nodeCount == 6)
        #expect(b.ties == [Tie(source: 0, target: 1, weight: 8)])
        #expect(b.inNeighbors(1) == [0])
        #expect(DisparityFilter(g).backbone(level: 0.9).ties == g.ties.filter { $0.source == 0 })
        #expect(DisparityFilter(Graph(isolates: 3)).backbone(level: 0.5) == Graph(isolates: 3))
    }
}

/// One file of `Tests/Golden/backbone/` (see `Scripts/golden_backbone.py`).
fileprivate struct BackboneGolden: Decodable {
    struct Group: Decodable {
        var name: String
        var size: Int
        var observed: Int
        var `internal`: Int
        var density: Double?
    }

    var `case`: String
    var edges: String
    var roster: String
    var relation: String?
    var wave: String?
    var aggregate: String?
    var nodes: [String]
    var groups: [Group]?
    /// [source, target, weight, alpha from the source, alpha from the target].
    var ties: [[BackboneCell]]
    var kept: [String: [[String]]]
}

fileprivate enum BackboneCell: Decodable {
    case text(String)
    case number(Double)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .text(s) } else { self = .number(try c.decode(Double.self)) }
    }

    var text: String { if case let .text(s) = self { return s } else { return "" } }
    var number: Double { if case let .number(x) = self { return x } else { return .nan } }
}

/// A roster CSV (no quoted fields) as rows of column → value.
fileprivate func rosterRows(_ path: String) throws -> [[String: String]] {
    let lines = try GoldenSupport.lines(path)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
    return lines.dropFirst().map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0 < fields.count ? fields[$0] : "") })
    }
}

/// The golden case's graph over the roster's people: its relation and wave,
/// repeated ties merged by max, self-loops dropped (StaffGraph's defaults).
fileprivate func caseGraph(_ golden: BackboneGolden, rows: [[String: String]]) throws -> Graph {
    let ids = rows.map { $0["id"] ?? "" }
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    let lines = try GoldenSupport.lines(golden.edges)
    let header = lines.first?.split(separator: ",").map(String.init) ?? []
    var b = GraphBuilder(nodeCount: ids.count)
    for line in lines.dropFirst() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0 < f.count ? f[$0] : "") })
        if let relation = golden.relation, let r = row["relation"], r != relation { continue }
        if let wave = golden.wave, let w = row["wave"], w != wave { continue }
        let s = try #require(index[row["source"] ?? ""]), t = try #require(index[row["target"] ?? ""])
        b.addTie(from: s, to: t, weight: Double(row["weight"] ?? "1") ?? 1)
    }
    return b.build(parallelTies: .max, selfLoops: .drop).graph
}

@Suite struct BackboneGoldenTests {
    static let cases = GoldenSupport.goldenNames("backbone")

    @Test func goldenFilesExist() {
        #expect(Self.cases.count >= 10)
    }

    /// Alphas to 1e-9 and the exact set of kept ties at every level, against
    /// `Scripts/golden_backbone.py`; for group cases also the group graph
    /// (sizes, tie counts, densities) and its agreement with ``MixingMatrix``.
    @Test(arguments: cases) func matchesReference(_ name: String) throws {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/backbone/\(name).json"))
        let golden = try JSONDecoder().decode(BackboneGolden.self, from: data)
        let rows = try rosterRows(golden.roster)
        let full = try caseGraph(golden, rows: rows)

        let graph: Graph
        if let column = golden.aggregate {
            let key = golden.wave.map { "responded_\($0)" } ?? "responded"
            let responses: [ResponseStatus?]? = rows.first?[key] == nil ? nil : rows.map { row in
                switch (row[key] ?? "").lowercased() {
                case "yes": return .responded
                case "no": return .nonrespondent
                case "absent": return .absent
                default: return nil
                }
            }
            let presence = WavePresence(graph: full, responses: responses)
            let (view, people) = full.subgraph(keeping: presence.present)
            let observed = responses == nil ? nil : people.map { presence.observedRows[$0] }
            let partition = Partition(values: people.map { rows[$0][column] ?? "" })
            let groups = GroupGraph(view, partition: partition, observedRows: observed)
            #expect(groups.names == golden.nodes)
            let expected = try #require(golden.groups)
            #expect(groups.sizes == expected.map(\.size))
            #expect(groups.observedSizes == expected.map(\.observed))
            #expect(groups.internalTies == expected.map(\.internal))
            for g in 0 ..< groups.count {
                switch (groups.density[g], expected[g].density) {
                case (nil, nil): break
                case let (a?, e?): #expect(abs(a - e) < 1e-12, "\(name) density of \(groups.names[g])")
                default: Issue.record("\(name): density of \(groups.names[g]) \(String(describing: groups.density[g])) vs \(String(describing: expected[g].density))")
                }
            }
            // The same counts and densities as the mixing matrix.
            let mixing = MixingMatrix(view, partition: partition, observedRows: observed)
            for g in 0 ..< groups.count {
                #expect(mixing.density[g][g] == groups.density[g])
                for h in 0 ..< groups.count {
                    #expect(mixing.ties[g][h] == groups.ties(from: g, to: h))
                    if g != h, let e = groups.graph.outEdgeIndex(from: g, to: h) {
                        #expect(mixing.density[g][h] == groups.tieDensity[e])
                    }
                }
            }
            graph = groups.graph
        } else {
            graph = full
        }

        #expect(graph.nodeCount == golden.nodes.count)
        #expect(graph.edgeCount == golden.ties.count)
        let index = Dictionary(uniqueKeysWithValues: golden.nodes.enumerated().map { ($1, $0) })
        let filter = DisparityFilter(graph)
        for row in golden.ties {
            let s = try #require(index[row[0].text]), t = try #require(index[row[1].text])
            let e = try #require(graph.outEdgeIndex(from: s, to: t), "\(name): no tie \(row[0].text) → \(row[1].text)")
            #expect(graph.outWeights[e] == row[2].number)
            #expect(abs(filter.sourceSignificance[e] - row[3].number) <= 1e-9, "\(name) \(row[0].text) → \(row[1].text) source")
            #expect(abs(filter.targetSignificance[e] - row[4].number) <= 1e-9, "\(name) \(row[0].text) → \(row[1].text) target")
        }
        for (level, ties) in golden.kept {
            let alpha = try #require(Double(level))
            let kept = filter.backbone(level: alpha).ties.map { [golden.nodes[$0.source], golden.nodes[$0.target]] }
            #expect(kept == ties, "\(name) at α = \(level)")
        }
    }
}

@Suite struct GroupGraphTests {
    /// The doc comment's example: groups {a, b} and {c}; a → b, a → c, c → a.
    @Test func byHand() {
        var b = GraphBuilder(nodeCount: 3)
        for (s, t) in [(0, 1), (0, 2), (2, 0)] { b.addTie(from: s, to: t, weight: 3) }
        let g = b.build().graph
        let p = Partition(labels: [0, 0, 1], names: ["A", "C"])
        let groups = GroupGraph(g, partition: p)
        #expect(groups.names == ["A", "C"] && groups.sizes == [2, 1] && groups.observedSizes == [2, 1])
        #expect(groups.graph.ties == [Tie(source: 0, target: 1, weight: 1), Tie(source: 1, target: 0, weight: 1)])
        #expect(groups.internalTies == [1, 0])
        #expect(groups.density == [0.5, nil])
        #expect(groups.tieDensity == [0.5, 0.5])
        #expect(groups.ties(from: 0, to: 0) == 1 && groups.ties(from: 1, to: 1) == 0 && groups.ties(from: 0, to: 1) == 1)
    }

    /// A non-respondent's sent ties are not counted, and their row leaves the denominators.
    @Test func nonRespondents() {
        var b = GraphBuilder(nodeCount: 5)
        // Group A = {0, 1, 2}, B = {3, 4}.
        for (s, t) in [(0, 1), (0, 3), (0, 4), (1, 0), (1, 3), (3, 4), (4, 0), (4, 1)] { b.addTie(from: s, to: t) }
        let g = b.build().graph
        let p = Partition(labels: [0, 0, 0, 1, 1], names: ["A", "B"])
        let groups = GroupGraph(g, partition: p, observedRows: [true, false, true, true, true])
        #expect(groups.observedSizes == [2, 2])
        #expect(groups.internalTies == [1, 1])                      // 0 → 1 (1 → 0 missing); 3 → 4
        #expect(groups.density == [1.0 / 4.0, 1.0 / 2.0])          // 1 / (2 · 2), 1 / (2 · 1)
        #expect(groups.ties(from: 0, to: 1) == 2)                    // 0 → 3, 0 → 4 (1 → 3 missing)
        #expect(groups.ties(from: 1, to: 0) == 2)                    // 4 → 0, 4 → 1
        let e = groups.graph.outEdgeIndex(from: 0, to: 1) ?? -1
        #expect(groups.tieDensity[e] == 2.0 / 4.0)                   // 2 / (2 observed · 2)
        #expect(MixingMatrix(g, partition: p, observedRows: [true, false, true, true, true]).ties == [[1, 2], [2, 1]])
    }

    /// Self-loops and weights are ignored; one-person and unobserved groups have no density.
    @Test func edgeCases() {
        var b = GraphBuilder(nodeCount: 4)
        b.addTie(from: 0, to: 0, weight: 9)
        b.addTie(from: 0, to: 1, weight: 9)
        b.addTie(from: 2, to: 3, weight: 0.5)
        let g = b.build(selfLoops: .keep).graph
        let p = Partition(labels: [0, 1, 2, 2], names: ["solo", "other", "pair"])
        let groups = GroupGraph(g, partition: p, observedRows: [true, true, false, false])
        #expect(groups.internalTies == [0, 0, 0])
        #expect(groups.density == [nil, nil, nil])                   // one person, one person, nobody observed
        #expect(groups.graph.ties == [Tie(source: 0, target: 1, weight: 1)])
        #expect(GroupGraph(Graph(isolates: 0), partition: Partition(values: [])).count == 0)
    }

    /// Seeded random graphs with random partitions and response patterns:
    /// the group graph and the mixing matrix agree cell by cell.
    @Test func agreesWithMixingMatrix() {
        var rng = SeededRandom(seed: 2026)
        for round in 0 ..< 20 {
            let n = 5 + rng.nextInt(below: 60), k = 1 + rng.nextInt(below: 7)
            var b = GraphBuilder(nodeCount: n)
            for _ in 0 ..< rng.nextInt(below: 4 * n) { b.addTie(from: rng.nextInt(below: n), to: rng.nextInt(below: n), weight: Double(1 + rng.nextInt(below: 4))) }
            let g = b.build(selfLoops: round % 2 == 0 ? .keep : .drop).graph
            let p = Partition(labels: (0 ..< n).map { _ in rng.nextInt(below: k) }, names: (0 ..< k).map { "g\($0)" })
            let observed = round % 3 == 0 ? nil : (0 ..< n).map { _ in rng.nextInt(below: 5) > 0 }
            let groups = GroupGraph(g, partition: p, observedRows: observed)
            let mixing = MixingMatrix(g, partition: p, observedRows: observed)
            for x in 0 ..< k {
                #expect(mixing.density[x][x] == groups.density[x])
                for y in 0 ..< k {
                    #expect(mixing.ties[x][y] == groups.ties(from: x, to: y))
                    if x != y, let e = groups.graph.outEdgeIndex(from: x, to: y) { #expect(mixing.density[x][y] == groups.tieDensity[e]) }
                }
            }
        }
    }

    @Test func mergingSmallGroups() {
        let p = Partition(values: ["A", "A", "B", "A", "C", "A", "B", "A", "A"])   // A 6, B 2, C 1
        let (merged, small) = p.mergingGroups(smallerThan: 5, into: "2 teams of fewer than 5")
        #expect(small == [1, 2])
        #expect(merged.names == ["A", "2 teams of fewer than 5"])
        #expect(merged.sizes == [6, 3])
        #expect(merged.labels == [0, 0, 1, 0, 1, 0, 1, 0, 0])
        let (same, none) = p.mergingGroups(smallerThan: 1, into: "x")
        #expect(same == p && none.isEmpty)
    }
}
