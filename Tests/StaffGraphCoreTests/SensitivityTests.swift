import Foundation
import Testing
@testable import StaffGraphCore

/// One golden file of `Tests/Golden/sensitivity/` (Scripts/golden_sensitivity.py).
fileprivate struct SensitivityGolden: Decodable {
    struct Row: Decodable {
        var threshold: Double?
        var missing: String?
        var imputed_ties: Int?
        var ties: Int
        var density: Double?
        var in_degree_centralization: Double?
        var in_degree_gini: Double?
        var top_3_share: Double?
        var top_3: [String]
        var spearman_in_degree: Double?
        var top_10_overlap: Int?
    }
    var edges: String
    var roster: String
    var relation: String?
    var wave: String?
    var people: [String]
    var nonrespondents: [String]
    var thresholds: [Row]
    var missing: [Row]
}

/// The graph of a golden case over its people (absent people already left out by the
/// script), with a loader of its own: rows of `source,target,weight[,relation,wave]`, merged by max.
fileprivate func load(_ golden: SensitivityGolden) throws -> (Graph, observed: [Bool]) {
    var index: [String: Int] = [:]
    for (i, id) in golden.people.enumerated() { index[id] = i }
    let lines = try GoldenSupport.lines(golden.edges)
    let header = lines.first?.split(separator: ",").map(String.init) ?? []
    var builder = GraphBuilder(nodeCount: golden.people.count)
    for line in lines.dropFirst() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = Dictionary(uniqueKeysWithValues: zip(header, f))
        if let r = golden.relation, let got = row["relation"], got != r { continue }
        if let w = golden.wave, let got = row["wave"], got != w { continue }
        guard let s = index[row["source"] ?? ""], let t = index[row["target"] ?? ""] else { continue }
        builder.addTie(from: s, to: t, weight: Double(row["weight"] ?? "1") ?? 1)
    }
    let graph = builder.build(parallelTies: .max, selfLoops: .drop).graph
    let missing = Set(golden.nonrespondents)
    return (graph, golden.people.map { !missing.contains($0) })
}

fileprivate func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= 1e-9
    default: return false
    }
}

fileprivate func check(_ f: HeadlineFigures, _ c: RankComparison, _ want: SensitivityGolden.Row, people: [String], label: String) {
    #expect(f.ties == want.ties, "\(label) ties")
    #expect(close(f.density, want.density), "\(label) density \(String(describing: f.density)) vs \(String(describing: want.density))")
    #expect(close(f.inDegreeCentralization, want.in_degree_centralization), "\(label) centralization")
    #expect(close(f.inDegreeGini, want.in_degree_gini), "\(label) Gini")
    #expect(close(f.topShare, want.top_3_share), "\(label) top-3 share")
    #expect(f.top.map { people[$0] } == want.top_3, "\(label) top 3")
    #expect(close(c.spearman, want.spearman_in_degree), "\(label) Spearman \(String(describing: c.spearman)) vs \(String(describing: want.spearman_in_degree))")
    #expect(c.topOverlap == want.top_10_overlap, "\(label) top-10 overlap")
}

@Suite struct SensitivityTests {
    static let cases = GoldenSupport.goldenNames("sensitivity")

    fileprivate static func golden(_ name: String) throws -> SensitivityGolden {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/sensitivity/\(name).json"))
        return try JSONDecoder().decode(SensitivityGolden.self, from: data)
    }

    @Test func goldenFilesExist() {
        #expect(Self.cases.contains("school_advice_fall") && Self.cases.contains("lazega_advice"))
    }

    /// Every threshold's figures agree with networkx/scipy to 1e-9.
    @Test(arguments: cases) func thresholdsMatchGolden(name: String) throws {
        let golden = try Self.golden(name)
        let (graph, observed) = try load(golden)
        let s = ThresholdSensitivity(graph, observedRows: observed, thresholds: golden.thresholds.compactMap(\.threshold))
        try #require(s.rows.count == golden.thresholds.count)
        for (row, want) in zip(s.rows, golden.thresholds) {
            check(row.figures, row.comparison, want, people: golden.people, label: "\(name) ≥ \(row.threshold)")
        }
    }

    /// Every missing-data treatment's figures (and the imputed tie count) agree with the reference.
    @Test(arguments: cases) func treatmentsMatchGolden(name: String) throws {
        let golden = try Self.golden(name)
        let (graph, observed) = try load(golden)
        let s = MissingDataSensitivity(graph, observedRows: observed)
        try #require(s.rows.count == golden.missing.count)
        for (row, want) in zip(s.rows, golden.missing) {
            #expect(row.treatment.rawValue == want.missing)
            #expect(row.imputedTies == want.imputed_ties, "\(name) \(row.treatment) imputed")
            check(row.figures, row.comparison, want, people: golden.people, label: "\(name) \(row.treatment)")
        }
    }

    /// Reconstruction by reciprocity on a hand-checked graph: people 0, 1 answered, 2 and 3 did not.
    /// Reported: 0 → 2 (3), 1 → 2 (1), 2 → 3 (2, reported although 2 did not answer), 3 → 0 (4), 1 → 3 (2).
    @Test func reconstructionByHand() {
        var b = GraphBuilder(nodeCount: 4)
        b.addTie(from: 0, to: 2, weight: 3)
        b.addTie(from: 1, to: 2, weight: 1)
        b.addTie(from: 2, to: 3, weight: 2)
        b.addTie(from: 3, to: 0, weight: 4)
        b.addTie(from: 1, to: 3, weight: 2)
        let g = b.build().graph
        let observed = [true, true, false, false]
        let r = MissingDataTreatment.reconstruct.apply(to: g, observedRows: observed)
        // Imputed: 2 → 0 (3), 2 → 1 (1), 3 → 1 (2); not 3 → 2 (2 is a non-respondent); 3 → 0 was already there.
        #expect(r.imputedTies == 3)
        #expect(r.graph.edgeCount == 8)
        #expect(r.graph.weight(from: 2, to: 0) == 3 && r.graph.weight(from: 2, to: 1) == 1 && r.graph.weight(from: 3, to: 1) == 2)
        #expect(!r.graph.hasEdge(from: 3, to: 2))
        #expect(r.graph.weight(from: 3, to: 0) == 4)
        #expect(r.observedRows == [true, true, true, true])
        // Density: ignore 3 ties in rows 0, 1 / (2 · 3) = 1/2; assume-none 5/12; reconstruct 8/12.
        #expect(density(g, observedRows: observed) == 3.0 / 6)
        let none = MissingDataTreatment.assumeNone.apply(to: g, observedRows: observed)
        #expect(none.graph == g && density(none.graph, observedRows: none.observedRows) == 5.0 / 12)
        #expect(density(r.graph, observedRows: r.observedRows) == 8.0 / 12)
        // ignore, and any treatment without missing rows, changes nothing.
        #expect(MissingDataTreatment.ignore.apply(to: g, observedRows: observed) == TreatedGraph(graph: g, observedRows: observed, imputedTies: 0))
        #expect(MissingDataTreatment.reconstruct.apply(to: g, observedRows: nil).graph == g)
    }

    /// The doc-comment examples.
    @Test func rankComparisonExamples() throws {
        #expect(topIndices([2, 5, 2, 7], k: 3) == [3, 1, 0])
        let c = RankComparison([3, 2, 1, 0], [3, 1, 2, 0], k: 2)
        #expect(abs(try #require(c.spearman) - 0.8) < 1e-12)
        #expect(c.topOverlap == 1)
        #expect(RankComparison([0, 0, 0], [1, 0, 2]).topOverlap == nil)
        #expect(RankComparison([0, 0, 0], [1, 0, 2]).spearman == nil)
    }

    @Test func thresholdExample() throws {
        var b = GraphBuilder(nodeCount: 3)
        b.addTie(from: 0, to: 2, weight: 4)
        b.addTie(from: 1, to: 2, weight: 1)
        b.addTie(from: 2, to: 0, weight: 2)
        let s = ThresholdSensitivity(b.build().graph, observedRows: nil, thresholds: [1, 2])
        #expect(s.rows.map(\.figures.ties) == [3, 2])
        #expect(abs(try #require(s.rows[1].comparison.spearman) - 0.75.squareRoot()) < 1e-12)
        #expect(s.rows[1].comparison.topOverlap == 3)
        // Person 1 is never named, so is in no top list.
        #expect(s.rows[0].figures.top == [2, 0] && s.rows[1].figures.top == [0, 2])
        #expect(s.firstLeaderChange == nil)
        #expect(s.rows.allSatisfy { $0.figures.tiedOutOfTop.isEmpty })
    }

    /// The top 3 ends inside a tie: the people left out by roster order are named.
    @Test func tiesAtTheBoundaryOfTheTop() {
        var b = GraphBuilder(nodeCount: 6)
        for (s, t) in [(0, 1), (2, 1), (3, 1), (0, 2), (1, 2), (1, 3), (1, 4), (0, 5)] { b.addTie(from: s, to: t) }
        // In-degrees (0, 3, 2, 1, 1, 1): top 3 = 1, 2, 3; 4 and 5 are named as often as 3.
        let f = HeadlineFigures(b.build().graph)
        #expect(f.top == [1, 2, 3])
        #expect(f.tiedOutOfTop == [4, 5])
    }
}
