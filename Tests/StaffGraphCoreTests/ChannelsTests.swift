import Foundation
import Testing
@testable import StaffGraphCore

/// Whether any path along the followed arcs leads from a FROM person to a TO
/// person once the `removed` people are gone (plain BFS, independent of the flow).
/// With `ignoringDirect`, arcs from a FROM person straight to a TO person are not followed.
private func pathRemains(_ graph: Graph, from: [Bool], to: [Bool], removed: Set<Int>, direction: ChannelDirection,
                         ignoringDirect: Bool = false) -> Bool {
    let n = graph.nodeCount
    func successors(_ v: Int) -> [Int] {
        switch direction {
        case .named: return graph.outNeighbors(v).map(Int.init)
        case .adviceFlow: return graph.inNeighbors(v).map(Int.init)
        case .either: return graph.outNeighbors(v).map(Int.init) + graph.inNeighbors(v).map(Int.init)
        }
    }
    var seen = [Bool](repeating: false, count: n)
    var queue = (0 ..< n).filter { from[$0] && !removed.contains($0) }
    for v in queue { seen[v] = true }
    while let v = queue.popLast() {
        if to[v] { return true }
        for w in successors(v) where !seen[w] && !removed.contains(w) && !(ignoringDirect && from[v] && to[w]) {
            seen[w] = true
            queue.append(w)
        }
    }
    return false
}

@Suite struct ChannelsHandCheckedTests {
    /// The doc example: a → b, a → c, b → d, c → d; FROM {a}, TO {d}.
    @Test func diamondFollowsTheDirection() {
        var builder = GraphBuilder(nodeCount: 4)
        for (s, t) in [(0, 1), (0, 2), (1, 3), (2, 3)] { builder.addTie(from: s, to: t, weight: 2) }
        let g = builder.build().graph
        let from = [true, false, false, false], to = [false, false, false, true]
        let named = Channels(g, from: from, to: to, direction: .named)
        #expect(named.direct.isEmpty)
        #expect(named.twoStepChains == 2)
        #expect(named.intermediaries.map(\.person) == [1, 2])
        #expect(named.independentChannels == 1)
        #expect(named.cut == [0])
        #expect(named.brokeredChannels == 2)
        #expect(named.brokerCut == [1, 2])
        // Against the naming, nothing leads from a to d.
        let flow = Channels(g, from: from, to: to, direction: .adviceFlow)
        #expect(flow.independentChannels == 0 && flow.cut.isEmpty && flow.twoStepChains == 0)
        // From {a, x} to {d}: two disjoint paths once the ends differ.
        let wide = Channels(g, from: [true, true, false, false], to: [false, false, true, true], direction: .either)
        #expect(wide.direct.map { [$0.namer, $0.named] } == [[0, 2], [1, 3]])
        #expect(wide.direct.allSatisfy { $0.weight == 2 })
    }

    /// Two district staff, a bridge and two chairs: everything passes through the bridge.
    @Test func bottleneckIsTheCut() {
        // 0, 1 district; 2 bridge; 3, 4 chairs; 5 a second, longer route 0 → 5 → 3.
        var builder = GraphBuilder(nodeCount: 6)
        for (s, t) in [(0, 2), (1, 2), (2, 3), (2, 4), (0, 5), (5, 3)] { builder.addTie(from: s, to: t) }
        let g = builder.build().graph
        let from = [true, true, false, false, false, false], to = [false, false, false, true, true, false]
        let c = Channels(g, from: from, to: to, direction: .named)
        #expect(c.independentChannels == 2)
        #expect(c.twoStepChains == 4 + 1)
        #expect(c.intermediaries.first == Channels.Intermediary(person: 2, chains: 4, fromReached: 2, toReached: 2))
        // Two cuts of size 2 ({0, 1} and {0, 2}); the one closest to FROM is {0, 1}.
        #expect(c.cut == [0, 1])
        #expect(!pathRemains(g, from: from, to: to, removed: Set(c.cut), direction: .named))
        // Outside the sets: 2 and 5 must both go.
        #expect(c.brokeredChannels == 2 && c.brokerCut == [2, 5])
    }

    /// Someone in both sets is a channel by themselves and sits in every cut.
    @Test func personInBothSets() {
        var builder = GraphBuilder(nodeCount: 3)
        builder.addTie(from: 0, to: 1)
        builder.addTie(from: 1, to: 0)
        let g = builder.build().graph
        let c = Channels(g, from: [true, true, false], to: [true, false, true], direction: .either)
        #expect(c.independentChannels == 1)
        #expect(c.cut == [0])
        #expect(c.brokeredChannels == nil && c.brokerCut.isEmpty)
        // Chains need three different people: 1 → 0 → 1 is not one.
        #expect(c.twoStepChains == 0)
        #expect(c.direct.map { [$0.namer, $0.named] } == [[0, 1], [1, 0]])
    }

    @Test func spannersDocExample() {
        // district {0}, school {1, 2}, community {3}: 0 → 1, 1 → 3, 2 → 1.
        var builder = GraphBuilder(nodeCount: 4)
        for (s, t) in [(0, 1), (1, 3), (2, 1)] { builder.addTie(from: s, to: t) }
        let g = builder.build().graph
        let p = Partition(values: ["district", "school", "school", "community"])
        let s = BoundarySpanners(g, partition: p)
        #expect(s.spanners.map(\.person) == [1, 0, 3])
        #expect(s.spanners[0].otherGroups == 2 && s.spanners[0].crossContacts == 2)
        #expect(s.spanners[0].contactsPerGroup == [1, 1, 1])   // community, district, school
        // A person without a value is not ranked, and reaches no level.
        let q = Partition(values: ["district", "", "school", "community"])
        #expect(BoundarySpanners(g, partition: q).spanners.isEmpty)
    }

    /// A long path and a wide layered graph: the iterative Dinic neither recurses nor loses flow.
    @Test func longPathAndLayers() {
        let n = 20_000
        var builder = GraphBuilder(nodeCount: n)
        for v in 0 ..< n - 1 { builder.addTie(from: v, to: v + 1) }
        let g = builder.build().graph
        var from = [Bool](repeating: false, count: n), to = from
        from[0] = true
        to[n - 1] = true
        #expect(Channels(g, from: from, to: to, direction: .named).independentChannels == 1)
        // 50 sources, 50 sinks, 3 layers of 50 fully joined between consecutive layers: 50 channels.
        let w = 50
        var layered = GraphBuilder(nodeCount: 5 * w)
        for layer in 0 ..< 4 { for a in 0 ..< w { for b in 0 ..< w { layered.addTie(from: layer * w + a, to: (layer + 1) * w + b) } } }
        let lg = layered.build().graph
        let f = (0 ..< 5 * w).map { $0 < w }, t = (0 ..< 5 * w).map { $0 >= 4 * w }
        let c = Channels(lg, from: f, to: t, direction: .named)
        #expect(c.independentChannels == w)
        #expect(c.cut == Array(0 ..< w))
    }
}

/// networkx reference values from `Scripts/golden_channels.py`: exact counts, densities to 1e-9.
@Suite struct ChannelsGoldenTests {
    struct Golden: Decodable {
        struct Inputs: Decodable {
            var nodes: String
            var edges: String
            var relation: String?
            var wave: String?
            var from_column: String
            var from_values: [String]
            var to_column: String
            var to_values: [String]
            var level_column: String
        }
        struct Step: Decodable, Equatable {
            var chains: Int
            var from_reached: Int
            var to_reached: Int
        }
        struct Direction: Decodable {
            var direct: [[GoldenCell]]
            var two_step_total: Int
            var two_step: [String: Step]
            var independent_channels: Int
            var networkx_cut: [String]
            var brokered_channels: Int?
            var networkx_broker_cut: [String]?
        }
        struct Spanner: Decodable {
            var contacts_per_level: [Int]
            var other_levels: Int
            var cross_level_contacts: Int
        }
        struct Levels: Decodable {
            var levels: [String]
            var sizes: [Int]
            var level_ties: [[Int]]
            var level_density: [[Double?]]
            var spanners: [String: Spanner]
            var spanner_ranking: [String]
        }
        var inputs: Inputs
        var directions: [String: Direction]
        var levels: Levels
    }

    /// A string or a number in a golden row.
    enum GoldenCell: Decodable, Equatable {
        case text(String), number(Double)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .text(s) } else { self = .number(try c.decode(Double.self)) }
        }
    }

    static let files = GoldenSupport.goldenNames("channels")

    static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    @Test(arguments: files)
    func matchesNetworkx(file: String) throws {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/channels/\(file).json"))
        let golden = try JSONDecoder().decode(Golden.self, from: data)
        let nodeLines = try GoldenSupport.lines(golden.inputs.nodes)
        let header = Self.fields(nodeLines[0])
        let rows = nodeLines.dropFirst().map(Self.fields)
        let idColumn = try #require(header.firstIndex(of: "id"))
        let fromColumn = try #require(header.firstIndex(of: golden.inputs.from_column))
        let toColumn = try #require(header.firstIndex(of: golden.inputs.to_column))
        let levelColumn = try #require(header.firstIndex(of: golden.inputs.level_column))
        let ids = rows.map { $0[idColumn] }
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        let edgeLines = try GoldenSupport.lines(golden.inputs.edges)
        let edgeHeader = Self.fields(edgeLines[0])
        let s = try #require(edgeHeader.firstIndex(of: "source")), t = try #require(edgeHeader.firstIndex(of: "target"))
        let wc = try #require(edgeHeader.firstIndex(of: "weight"))
        let r = edgeHeader.firstIndex(of: "relation"), w = edgeHeader.firstIndex(of: "wave")
        var builder = GraphBuilder(nodeCount: ids.count)
        for line in edgeLines.dropFirst() {
            let f = Self.fields(line)
            if let relation = golden.inputs.relation, let r, f[r] != relation { continue }
            if let wave = golden.inputs.wave, let w, f[w] != wave { continue }
            builder.addTie(from: try #require(index[f[s]]), to: try #require(index[f[t]]), weight: try #require(Double(f[wc])))
        }
        let g = builder.build(parallelTies: .max, selfLoops: .drop).graph
        let from = rows.map { golden.inputs.from_values.contains($0[fromColumn]) }
        let to = rows.map { golden.inputs.to_values.contains($0[toColumn]) }

        for direction in ChannelDirection.allCases {
            let expected = try #require(golden.directions[direction.rawValue])
            let c = Channels(g, from: from, to: to, direction: direction)
            let label = "\(file) \(direction.rawValue)"
            #expect(c.direct.map { [GoldenCell.text(ids[$0.namer]), .text(ids[$0.named]), .number($0.weight)] } == expected.direct, "\(label) direct")
            #expect(c.twoStepChains == expected.two_step_total, "\(label) two-step total")
            var ours: [String: Golden.Step] = [:]
            for m in c.intermediaries { ours[ids[m.person]] = Golden.Step(chains: m.chains, from_reached: m.fromReached, to_reached: m.toReached) }
            #expect(ours == expected.two_step, "\(label) intermediaries")
            #expect(c.intermediaries.map(\.chains) == c.intermediaries.map(\.chains).sorted(by: >), "\(label) ranked")
            #expect(c.independentChannels == expected.independent_channels, "\(label) channels")
            #expect(c.cut.count == expected.networkx_cut.count, "\(label) cut size")
            #expect(!pathRemains(g, from: from, to: to, removed: Set(c.cut), direction: direction), "\(label) our cut cuts")
            #expect(!pathRemains(g, from: from, to: to, removed: Set(expected.networkx_cut.compactMap { index[$0] }), direction: direction),
                    "\(label) networkx's cut cuts in our graph")
            #expect(c.brokeredChannels == expected.brokered_channels, "\(label) brokered channels")
            #expect(c.brokerCut.count == (expected.networkx_broker_cut?.count ?? 0), "\(label) broker cut size")
            #expect(c.brokerCut.allSatisfy { !from[$0] && !to[$0] }, "\(label) broker cut outside the sets")
            if c.brokeredChannels != nil {
                #expect(!pathRemains(g, from: from, to: to, removed: Set(c.brokerCut), direction: direction, ignoringDirect: true),
                        "\(label) our broker cut leaves only direct ties")
            }
        }

        let partition = Partition(values: rows.map { $0[levelColumn] })
        #expect(partition.names == golden.levels.levels)
        #expect(partition.sizes == golden.levels.sizes)
        let mixing = MixingMatrix(g, partition: partition)
        #expect(mixing.ties == golden.levels.level_ties, "\(file) level ties")
        for (a, row) in mixing.density.enumerated() {
            let mismatch = firstMismatch(row, golden.levels.level_density[a], ids: partition.names, tolerance: 1e-9)
            #expect(mismatch == nil, "\(file) density row \(a): \(mismatch ?? "")")
        }
        let spanners = BoundarySpanners(g, partition: partition)
        #expect(spanners.spanners.map { ids[$0.person] } == golden.levels.spanner_ranking, "\(file) ranking")
        for sp in spanners.spanners {
            let e = try #require(golden.levels.spanners[ids[sp.person]])
            #expect(sp.contactsPerGroup == e.contacts_per_level && sp.otherGroups == e.other_levels && sp.crossContacts == e.cross_level_contacts,
                    "\(file) spanner \(ids[sp.person])")
        }
    }
}
