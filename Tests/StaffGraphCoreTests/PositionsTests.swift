import Foundation
import Testing
@testable import StaffGraphCore

/// One file of `Tests/Golden/positions/` (see `Scripts/golden_positions.py`).
struct PositionsGolden: Decodable {
    struct Clustering: Decodable {
        var method: String
        var linkage: String
        var merge: [Int]
        var height: [Double]
        var order: [Int]
        var cut_height: Double
        var cutree_h: [Int]
        var cutree: [String: [Int]]
        var density: [String: [Double?]]
        var equiv_clust_agrees: Bool?
    }
    struct PatternReference: Decodable {
        var exhaustive_fit: Double?
        var search_fit: Double?
        var cpnet_fit: Double?
    }
    struct CoreReference: Decodable {
        var patterns: [String: PatternReference]
        var coreness: [Double]
        var continuous_fit: Double
    }
    var ids: [String]
    var edges: [[Int]]
    var observed: [Bool]
    var ks: [Int]
    var partition: [Int]
    var partition_names: [String]
    var sedist: [String: [Double?]]
    var partition_density: [Double?]
    var partition_order: [Int]
    var clusterings: [Clustering]
    var core_periphery: CoreReference

    static func load(_ name: String) throws -> PositionsGolden {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/positions/\(name).json"))
        return try JSONDecoder().decode(PositionsGolden.self, from: data)
    }

    var graph: Graph {
        var builder = GraphBuilder(nodeCount: ids.count)
        for e in edges { builder.addTie(from: e[0], to: e[1], weight: 1) }
        return builder.build().graph
    }

    var observedRows: [Bool]? { observed.allSatisfy { $0 } ? nil : observed }
}

private func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= tolerance * max(1, abs(y))
    default: return false
    }
}

private func flatDensity(_ m: MixingMatrix) -> [Double?] { m.density.flatMap { $0 } }

@Suite("Positions and core–periphery")
struct PositionsTests {
    static let goldens = GoldenSupport.goldenNames("positions")

    @Test("golden cases exist")
    func goldensExist() {
        #expect(Self.goldens.count >= 4)
    }

    @Test("sedist, hclust, cutree and blockmodel match R sna", arguments: goldens)
    func positionsMatchSna(name: String) throws {
        let golden = try PositionsGolden.load(name)
        let graph = golden.graph
        let n = graph.nodeCount
        for method in StructuralDistance.allCases {
            let d = StructuralEquivalence(graph, method: method, observedRows: golden.observedRows)
            let expected = try #require(golden.sedist[method.rawValue])
            let bad = (0 ..< n * n).first { !close(d.values[$0], expected[$0]) }
            #expect(bad == nil, "\(name) \(method) cell \(bad ?? -1): \(bad.map { d.values[$0] } ?? 0) vs \(bad.map { expected[$0] ?? .nan } ?? 0)")
        }
        for c in golden.clusterings {
            let method = try #require(StructuralDistance(rawValue: c.method))
            let linkage = try #require(Linkage(rawValue: c.linkage))
            let d = StructuralEquivalence(graph, method: method, observedRows: golden.observedRows)
            let tree = Dendrogram(dissimilarities: d.dissimilarities, count: n, linkage: linkage)
            let label = "\(name) \(c.method)/\(c.linkage)"
            // R's merge matrix is column-major: first column (n − 1 values), then the second.
            let rMerges = (0 ..< (n - 1)).map { (c.merge[$0 * 2], c.merge[$0 * 2 + 1]) }
            #expect(tree.merges.elementsEqual(rMerges, by: { $0 == $1 }), "\(label) merges")
            #expect(tree.heights.count == c.height.count && zip(tree.heights, c.height).allSatisfy { close($0, $1) }, "\(label) heights")
            #expect(tree.order == c.order, "\(label) order")
            #expect(c.equiv_clust_agrees ?? true, "\(label): equiv.clust and hclust disagree in R")
            for k in golden.ks {
                let p = Positions(graph, positions: k, method: method, linkage: linkage, observedRows: golden.observedRows)
                #expect(p.membership == c.cutree[String(k)], "\(label) k=\(k) membership")
                let expected = try #require(c.density[String(k)])
                let actual = flatDensity(p.blockmodel.image)
                #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { close($0, $1) }, "\(label) k=\(k) densities \(actual) vs \(expected)")
                #expect(p.blockmodel.order == c.order)
            }
            let kh = tree.clusterCount(atHeight: c.cut_height)
            #expect(tree.clusters(count: kh) == c.cutree_h, "\(label) cut at height")
            let byHeight = Positions(graph, height: c.cut_height, method: method, linkage: linkage, observedRows: golden.observedRows)
            #expect(byHeight.membership == c.cutree_h, "\(label) Positions(height:)")
        }
        let given = Blockmodel(graph, membership: golden.partition, names: golden.partition_names, observedRows: golden.observedRows)
        #expect(given.order == golden.partition_order)
        let actual = flatDensity(given.image)
        #expect(zip(actual, golden.partition_density).allSatisfy { close($0, $1) } && actual.count == golden.partition_density.count, "\(name) partition densities")
    }

    @Test("core–periphery reaches the reference fits; coreness matches least squares", arguments: goldens)
    func corePeripheryMatchesReference(name: String) throws {
        let golden = try PositionsGolden.load(name)
        let graph = golden.graph
        for pattern in CorePeripheryPattern.allCases {
            let cp = CorePeriphery(graph, pattern: pattern, observedRows: golden.observedRows)
            let fit = try #require(cp.fit)
            #expect(CorePeriphery.fit(graph, core: cp.isCore, pattern: pattern, observedRows: golden.observedRows).map { close($0, fit, 1e-12) } ?? false)
            let reference = try #require(golden.core_periphery.patterns[pattern.rawValue])
            if let exhaustive = reference.exhaustive_fit {
                #expect(abs(fit - exhaustive) <= 1e-9, "\(name) \(pattern): \(fit) vs exhaustive \(exhaustive)")
            }
            if let search = reference.search_fit {
                #expect(fit >= search - 1e-9, "\(name) \(pattern): \(fit) vs search \(search)")
            }
            if let cpnet = reference.cpnet_fit {
                #expect(fit >= cpnet - 1e-9, "\(name) \(pattern): \(fit) vs cpnet \(cpnet)")
            }
        }
        let cp = CorePeriphery(graph, observedRows: golden.observedRows)
        let expected = golden.core_periphery.coreness
        let worst = zip(cp.coreness, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-6, "\(name) coreness off by \(worst)")
        #expect(close(cp.continuousFit, golden.core_periphery.continuous_fit, 1e-6))
        if golden.observedRows == nil {
            // The metrics column is the same function.
            let column = NodeMeasureTable([.coreness], on: graph).values[.coreness] ?? []
            #expect(column.count == cp.coreness.count && zip(column, cp.coreness).allSatisfy { $0 == $1 })
        }
    }

    @Test("discrete search equals the brute-force optimum on small random graphs")
    func searchMatchesBruteForce() {
        var random = SeededRandom(seed: 2024)
        for trial in 0 ..< 30 {
            let n = 6 + trial % 6
            var b = GraphBuilder(nodeCount: n)
            let p = 0.15 + 0.05 * Double(trial % 7)
            for i in 0 ..< n { for j in 0 ..< n where i != j && random.nextDouble() < p { b.addTie(from: i, to: j, weight: 1) } }
            let graph = b.build().graph
            let observed: [Bool]? = trial % 3 == 0 ? (0 ..< n).map { $0 % 4 != 1 } : nil
            for pattern in CorePeripheryPattern.allCases {
                var best: Double? = nil
                for code in 0 ..< (1 << n) {
                    let core = (0 ..< n).map { code & (1 << $0) != 0 }
                    if let f = CorePeriphery.fit(graph, core: core, pattern: pattern, observedRows: observed), best.map({ f > $0 }) ?? true { best = f }
                }
                let found = CorePeriphery(graph, pattern: pattern, observedRows: observed)
                #expect(found.fit.map { f in best.map { abs(f - $0) <= 1e-12 } ?? false } ?? (best == nil), "trial \(trial) \(pattern): \(String(describing: found.fit)) vs \(String(describing: best))")
            }
        }
    }

    @Test("hand-checked: star distances, a triad core, ties in the clustering")
    func handChecked() {
        var b = GraphBuilder(nodeCount: 3)
        b.addTie(from: 0, to: 1, weight: 1)
        b.addTie(from: 0, to: 2, weight: 1)
        let star = b.build().graph
        let h = StructuralEquivalence(star, method: .hamming)
        #expect(h[1, 2] == 0 && h[0, 1] == 1 && h[0, 2] == 1)

        var t = GraphBuilder(nodeCount: 5)
        for (s, d) in [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1), (3, 0), (3, 1), (3, 2), (4, 0), (4, 1), (4, 2)] { t.addTie(from: s, to: d, weight: 1) }
        let triad = t.build().graph
        let cp = CorePeriphery(triad)
        #expect(cp.isCore == [true, true, true, false, false])
        #expect(cp.fit.map { abs($0 - 1) < 1e-12 } ?? false)

        // Points 0, 1, 3 on a line, then a tie: 0, 1, 2 at equal distances.
        let line = Dendrogram(dissimilarities: [0, 1, 3, 1, 0, 2, 3, 2, 0], count: 3, linkage: .complete)
        #expect(line.heights == [1, 3])
        #expect(line.clusters(count: 2) == [0, 0, 1])
        let equal = Dendrogram(dissimilarities: [0, 1, 1, 1, 0, 1, 1, 1, 0], count: 3, linkage: .single)
        #expect(equal.merges.first.map { $0 == (-1, -2) } ?? false)
        #expect(equal.order == [2, 0, 1])

        let bm = Blockmodel(triad, membership: [0, 0, 0, 1, 1])
        #expect(bm.image.density == [[1, 0], [1, 0]])
    }
}
