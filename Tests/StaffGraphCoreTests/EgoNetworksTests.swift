import Foundation
import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

@Suite struct EgoNetworksTests {
    /// e = 0, a = 1, b = 2, c = 3, d = 4: e → a, b → e, a → b, e → c, a → d.
    static let example = graph(5, [(0, 1), (2, 0), (1, 2), (0, 3), (1, 4)])

    @Test func sizesDensityReachByHand() {
        let ego = EgoNetworks(Self.example, threads: 1)
        // e names a and c, is named by b: 2 out, 1 in, 3 alters; d is not e's alter.
        #expect(ego.sizeOut[0] == 2 && ego.sizeIn[0] == 1 && ego.size[0] == 3)
        // Among {a, b, c}: only a → b, over 3 · 2 = 6 ordered pairs.
        #expect(ego.density[0] == 1.0 / 6.0)
        // e → a, e → c; a → b, a → d: {a, c, b, d}.
        #expect(ego.twoStepReach[0] == 4)
        // a: named by e, names b and d; among {e, b, d} only b → e: 1/6.
        #expect(ego.sizeOut[1] == 2 && ego.sizeIn[1] == 1 && ego.size[1] == 3 && ego.density[1] == 1.0 / 6.0)
        // a → b, a → d; then b → e (d names nobody): {b, d, e}; c is three steps away.
        #expect(ego.twoStepReach[1] == 3)
        // c and d have one alter each: density undefined; they name nobody.
        #expect(ego.density[3].isNaN && ego.density[4].isNaN)
        #expect(ego.twoStepReach[3] == 0 && ego.size[3] == 1 && ego.sizeIn[3] == 1 && ego.sizeOut[3] == 0)
    }

    @Test func egoBetweennessByHand() {
        let ego = EgoNetworks(Self.example, threads: 1)
        // Inside e's network {e, a, b, c}: b → e → a, b → e → c and a → b → e → c
        // are the only shortest paths of their pairs and pass through e: 3.
        #expect(ego.betweenness[0] == 3)
        // Inside a's network {a, e, b, d}: e → a → b, e → a → d, b → e → a → d (via a):
        // e → b has the only path e → a → b; e → d: e → a → d; b → d: b → e → a → d: 3.
        #expect(ego.betweenness[1] == 3)
        #expect(ego.betweenness[3] == 0 && ego.betweenness[4] == 0)
    }

    @Test func egoBetweennessOnlyCountsPathsInsideTheEgoNetwork() {
        // 1 → 0 → 3 and 1 → 2 → 3: in the whole graph 0 carries half of the pair (1, 3),
        // but 2 is not 0's alter, so inside 0's network the only path runs through 0: 1.
        let apart = graph(4, [(1, 0), (0, 3), (1, 2), (2, 3)])
        #expect(EgoNetworks(apart, threads: 1).betweenness[0] == 1)
        #expect(betweenness(apart, options: BetweennessOptions(scale: .raw))[0] == 0.5)
        // With 0 → 2, 2 joins 0's network and the two paths split the pair: 1/2.
        let joined = graph(4, [(1, 0), (0, 3), (1, 2), (2, 3), (0, 2)])
        #expect(EgoNetworks(joined, threads: 1).betweenness[0] == 0.5)
    }

    @Test func egoConstraintDiffersFromWholeNetworkConstraint() {
        let ego = EgoNetworks(Self.example, threads: 1)
        // In e's network: s_ea = s_eb = s_ec = 1, p = 1/3 each; a's ties inside it: e, b (total 2);
        // b's: e, a (2). Indirect a via b: 1/3 · 1/2; b via a: 1/3 · 1/2.
        // (1/3 + 1/6)² · 2 + (1/3)² = 1/2 + 1/9 = 11/18.
        #expect(abs(ego.constraint[0] - 11.0 / 18.0) < 1e-15)
        // Whole network (networkx constraint): a also ties to d, so p_ab = 1/3, not 1/2:
        // (1/3 + 1/6)² + (1/3 + 1/9)² + (1/3)² = 1/4 + 16/81 + 1/9.
        let whole = StructuralHoles(Self.example, threads: 1).constraint[0]
        #expect(abs(whole - (0.25 + 16.0 / 81.0 + 1.0 / 9.0)) < 1e-15)
        // Without d the two models agree (nobody in e's network has ties outside it).
        let closed = graph(4, [(0, 1), (2, 0), (1, 2), (0, 3)])
        #expect(abs(EgoNetworks(closed, threads: 1).constraint[0] - StructuralHoles(closed, threads: 1).constraint[0]) < 1e-15)
        // A single contact: constraint 1.
        #expect(ego.constraint[3] == 1)
    }

    @Test func isolatesAndMutualTies() {
        // 0 ⇄ 1 counts once; 2 is an isolate; the self-loop on 1 is ignored.
        let ego = EgoNetworks(graph(3, [(0, 1), (1, 0), (1, 1)]), threads: 1)
        #expect(ego.size == [1, 1, 0] && ego.sizeOut == [1, 1, 0] && ego.sizeIn == [1, 1, 0])
        #expect(ego.density.allSatisfy { $0.isNaN })
        #expect(ego.betweenness == [0, 0, 0])
        #expect(ego.twoStepReach == [1, 1, 0])
        #expect(ego.constraint[0] == 1 && ego.constraint[2].isNaN)
    }

    @Test func altersWithDirections() {
        let alters = egoAlters(of: 1, in: graph(5, [(0, 1), (1, 2), (2, 1), (1, 4), (1, 1)]))
        #expect(alters == [
            EgoAlter(person: 0, namedByEgo: false, namesEgo: true),
            EgoAlter(person: 2, namedByEgo: true, namesEgo: true),
            EgoAlter(person: 4, namedByEgo: true, namesEgo: false),
        ])
    }

    @Test func compositionByHand() {
        // 0 (Math) tied to 1 (Math), 2 (Math), 3 (Arts), 5 (missing); 4 (Science) is an isolate.
        let g = graph(6, [(0, 1), (2, 0), (0, 3), (3, 0), (5, 0)])
        let c = EgoComposition(g, partition: Partition(values: ["Math", "Math", "Math", "Arts", "Science", ""]), threads: 1)
        // Known alters of 0: Math, Math, Arts (5 left out). Blau 1 − (4/9 + 1/9) = 4/9;
        // K = 3 groups (Arts, Math, Science): IQV 4/9 · 3/2 = 2/3; E-I (1 − 2)/3 = −1/3.
        #expect(abs(c.blau[0] - 4.0 / 9.0) < 1e-15)
        #expect(abs(c.iqv[0] - 2.0 / 3.0) < 1e-15)
        #expect(abs(c.ei[0] - -1.0 / 3.0) < 1e-15)
        // 3 (Arts) has one alter, 0 (Math): Blau 0, E-I +1. 1 (Math): E-I −1.
        #expect(c.blau[3] == 0 && c.iqv[3] == 0 && c.ei[3] == 1 && c.ei[1] == -1)
        // 5's own value is missing: E-I undefined, Blau defined. 4 has no alters.
        #expect(c.ei[5].isNaN && c.blau[5] == 0)
        #expect(c.blau[4].isNaN && c.iqv[4].isNaN && c.ei[4].isNaN)
        // One group only: IQV undefined.
        #expect(EgoComposition(g, partition: Partition(values: Array(repeating: "x", count: 6)), threads: 1).iqv[0].isNaN)
    }

    @Test func sameBitsForOneAndTwoThreads() {
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let n = 400
        let ties = (0 ..< 3000).map { _ in (next() % n, next() % n) }
        let g = graph(n, ties)
        let one = EgoNetworks(g, threads: 1), two = EgoNetworks(g, threads: 2)
        #expect(one.sizeOut == two.sizeOut && one.size == two.size && one.twoStepReach == two.twoStepReach)
        #expect(one.betweenness.map(\.bitPattern) == two.betweenness.map(\.bitPattern))
        #expect(one.density.map(\.bitPattern) == two.density.map(\.bitPattern))
        #expect(one.constraint.map(\.bitPattern) == two.constraint.map(\.bitPattern))
        let partition = Partition(values: (0 ..< n).map { ["A", "B", "C", ""][$0 % 4] })
        let c1 = EgoComposition(g, partition: partition, threads: 1), c2 = EgoComposition(g, partition: partition, threads: 2)
        #expect(c1.blau.map(\.bitPattern) == c2.blau.map(\.bitPattern) && c1.ei.map(\.bitPattern) == c2.ei.map(\.bitPattern))
        let t1 = NodeMeasureTable([.egoBetweenness, .egoConstraint], on: g, threads: 1)
        let t2 = NodeMeasureTable([.egoBetweenness, .egoConstraint], on: g, threads: 2)
        #expect(t1.values[.egoBetweenness]?.map { $0?.bitPattern } == t2.values[.egoBetweenness]?.map { $0?.bitPattern })
    }
}

/// networkx 3.6.1 reference values from `Scripts/golden_ego.py`, compared at 1e-9.
@Suite struct EgoNetworksGoldenTests {
    struct Golden: Decodable {
        struct Inputs: Decodable {
            var nodes: String
            var edges: String
            var relation: String?
            var wave: String?
            var attribute: String
        }
        var inputs: Inputs
        var measures: [String: [String: Double?]]
    }

    static let files = ["school_advice_fall", "krackhardt_advice", "lazega_advice"]

    /// Splits a CSV line without quotes (the sample files have none).
    static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    @Test(arguments: files)
    func matchesNetworkx(file: String) throws {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/ego/\(file).json"))
        let golden = try JSONDecoder().decode(Golden.self, from: data)
        let nodeLines = try GoldenSupport.lines(golden.inputs.nodes)
        let nodeHeader = Self.fields(nodeLines[0])
        let idColumn = try #require(nodeHeader.firstIndex(of: "id"))
        let attributeColumn = try #require(nodeHeader.firstIndex(of: golden.inputs.attribute))
        let rows = nodeLines.dropFirst().map(Self.fields)
        let ids = rows.map { $0[idColumn] }
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        let edgeLines = try GoldenSupport.lines(golden.inputs.edges)
        let edgeHeader = Self.fields(edgeLines[0])
        let s = try #require(edgeHeader.firstIndex(of: "source")), t = try #require(edgeHeader.firstIndex(of: "target"))
        let r = edgeHeader.firstIndex(of: "relation"), w = edgeHeader.firstIndex(of: "wave")
        var builder = GraphBuilder(nodeCount: ids.count)
        for line in edgeLines.dropFirst() {
            let f = Self.fields(line)
            if let relation = golden.inputs.relation, let r, f[r] != relation { continue }
            if let wave = golden.inputs.wave, let w, f[w] != wave { continue }
            builder.addTie(from: try #require(index[f[s]]), to: try #require(index[f[t]]))
        }
        let g = builder.build().graph
        let ego = EgoNetworks(g, threads: 2)
        let composition = EgoComposition(g, partition: Partition(values: rows.map { $0[attributeColumn] }), threads: 2)
        func nan(_ xs: [Double]) -> [Double?] { xs.map { $0.isNaN ? nil : $0 } }
        let ours: [String: [Double?]] = [
            "ego_size_out": ego.sizeOut.map(Double.init), "ego_size_in": ego.sizeIn.map(Double.init), "ego_size": ego.size.map(Double.init),
            "ego_density": nan(ego.density), "ego_betweenness": ego.betweenness, "two_step_reach": ego.twoStepReach.map(Double.init),
            "ego_constraint": nan(ego.constraint),
            "ego_blau": nan(composition.blau), "ego_iqv": nan(composition.iqv), "ego_ei": nan(composition.ei),
        ]
        #expect(Set(golden.measures.keys) == Set(ours.keys))
        for (name, values) in ours.sorted(by: { $0.key < $1.key }) {
            let expected = ids.map { golden.measures[name]?[$0] ?? nil }
            let mismatch = firstMismatch(values, expected, ids: ids, tolerance: 1e-9)
            #expect(mismatch == nil, "\(file) \(name): \(mismatch ?? "")")
        }
        // The NodeMeasureTable columns are the same values.
        let table = NodeMeasureTable([.egoBetweenness, .egoDensity, .twoStepReach], on: g, threads: 1)
        #expect(table.values[.egoBetweenness]?.map { $0 ?? -1 } == ego.betweenness)
    }
}
