import Foundation
import Testing
@testable import StaffGraphCore

/// One pair of waves in `Tests/Golden/compare/<case>.json` (Scripts/golden_compare.py).
fileprivate struct GoldenPair: Decodable {
    var from: String
    var to: String
    var observed_cells: Int
    var n00: Int
    var n01: Int
    var n10: Int
    var n11: Int
    var jaccard: Double?
    var hamming: Int
    var leaver_ties: Int
    var joiner_ties: Int
    var unobserved_ties: Int
    var joiners: [String]
    var leavers: [String]
    var people_in_both: Int
    var spearman_in_degree: Double?
    var within_new: Int?
    var within_dissolved: Int?
    var across_new: Int?
    var across_dissolved: Int?
    var across_stable: Int?
}

fileprivate struct GoldenCase: Decodable {
    var `case`: String
    var roster: String
    var waves: [String]
    var group_column: String?
    var people_present: [Int]
    var pairs: [GoldenPair]
}

/// Rows of a simple CSV (no quoted fields) as dictionaries keyed by the header.
fileprivate func rows(_ path: String) throws -> [[String: String]] {
    let lines = try GoldenSupport.lines(path)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
    return lines.dropFirst().map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
}

fileprivate func status(_ text: String?) -> ResponseStatus? {
    switch text?.lowercased() {
    case "yes": return .responded
    case "no": return .nonrespondent
    case "absent": return .absent
    default: return nil
    }
}

/// The alignment of a golden case, built from the sample files with a loader of its own.
fileprivate func alignment(_ golden: GoldenCase) throws -> (WaveAlignment, ids: [String], roster: [[String: String]]) {
    let roster = try rows(golden.roster)
    let ids = roster.compactMap { $0["id"] }
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    let hasStatus = roster.first.map { $0.keys.contains { $0.hasPrefix("responded") } } ?? false
    var waves: [(label: String, graph: Graph, responses: [ResponseStatus?]?)] = []
    let school = golden.case.hasPrefix("school") ? try rows("Samples/school/edges.csv") : []
    for (k, label) in golden.waves.enumerated() {
        let edges: [[String: String]]
        switch golden.case {
        case "school_advice": edges = school.filter { $0["relation"] == "advice" && $0["wave"] == label }
        case "school_collaboration": edges = school.filter { $0["relation"] == "collaboration" && $0["wave"] == label }
        case "s50": edges = try rows("Samples/data/s50/edges_friendship_w\(k + 1).csv")
        default: edges = try rows("Samples/data/knecht/edges_friendship_w\(k + 1).csv")
        }
        var b = GraphBuilder(nodeCount: ids.count)
        for e in edges {
            guard let s = e["source"].flatMap({ index[$0] }), let t = e["target"].flatMap({ index[$0] }) else {
                throw GoldenSupport.LoadError(description: "unknown id in \(e)")
            }
            b.addTie(from: s, to: t)
        }
        let responses: [ResponseStatus?]? = hasStatus ? roster.map { status($0["responded_\(label)"]) } : nil
        waves.append((label, b.build().graph, responses))
    }
    return (WaveAlignment(waves: waves), ids, roster)
}

@Suite struct WavesGoldenTests {
    @Test(arguments: ["school_advice", "school_collaboration", "s50", "knecht"])
    func transitionsMatchTheGoldenScript(name: String) throws {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/compare/\(name).json"))
        let golden = try JSONDecoder().decode(GoldenCase.self, from: data)
        let (aligned, ids, roster) = try alignment(golden)
        #expect(aligned.present.map { $0.filter { $0 }.count } == golden.people_present)
        for pair in golden.pairs {
            let a = try #require(golden.waves.firstIndex(of: pair.from)), b = try #require(golden.waves.firstIndex(of: pair.to))
            let t = TieTransitions(aligned, from: a, to: b)
            let where_ = "\(name) \(pair.from)→\(pair.to)"
            #expect(t.counts == TieTransitionCounts(n00: pair.n00, n01: pair.n01, n10: pair.n10, n11: pair.n11), "\(where_)")
            #expect(t.counts.observedCells == pair.observed_cells, "\(where_)")
            #expect(t.counts.hamming == pair.hamming, "\(where_)")
            if let expected = pair.jaccard, let actual = t.counts.jaccard {
                #expect(abs(actual - expected) <= 1e-9, "\(where_): Jaccard \(actual) vs \(expected)")
            } else {
                #expect(t.counts.jaccard == nil && pair.jaccard == nil, "\(where_)")
            }
            let counts = Dictionary(uniqueKeysWithValues: t.statusCounts.map { ($0.status, $0.count) })
            #expect(counts[.leaver] == pair.leaver_ties, "\(where_)")
            #expect(counts[.joiner] == pair.joiner_ties, "\(where_)")
            #expect(counts[.unobserved] == pair.unobserved_ties, "\(where_)")
            #expect(aligned.joiners(from: a, to: b).map { ids[$0] } == pair.joiners, "\(where_)")
            #expect(aligned.leavers(from: a, to: b).map { ids[$0] } == pair.leavers, "\(where_)")
            let rho = inDegreeRankStability(aligned, from: a, to: b)
            if let expected = pair.spearman_in_degree, let actual = rho {
                #expect(abs(actual - expected) <= 1e-9, "\(where_): Spearman \(actual) vs \(expected)")
            } else {
                #expect(rho == nil && pair.spearman_in_degree == nil, "\(where_)")
            }
            if let column = golden.group_column, let acrossNew = pair.across_new {
                let groups = roster.map { $0[column] ?? "" }
                let breakdown = t.breakdown(by: groups)
                #expect(breakdown.across.new == acrossNew, "\(where_)")
                #expect(breakdown.across.dissolved == pair.across_dissolved, "\(where_)")
                #expect(breakdown.across.stable == pair.across_stable, "\(where_)")
                #expect(breakdown.within.new == pair.within_new, "\(where_)")
                #expect(breakdown.within.dissolved == pair.within_dissolved, "\(where_)")
                let cellTotal = breakdown.cells.reduce(0) { $0 + $1.stable + $1.new + $1.dissolved }
                #expect(cellTotal == pair.n01 + pair.n10 + pair.n11, "\(where_)")
            }
        }
    }
}
