import Testing
@testable import StaffGraphCore

/// ``Channels/channelPaths``: one maximum set of person-disjoint FROM → TO paths,
/// checked against their definition (not against the flow that found them).
@Suite struct ChannelPathsTests {
    /// Whether `graph` has an arc from `a` to `b` in the followed `direction`.
    private func follows(_ graph: Graph, _ a: Int, _ b: Int, _ direction: ChannelDirection) -> Bool {
        switch direction {
        case .named: return graph.weight(from: a, to: b) != nil
        case .adviceFlow: return graph.weight(from: b, to: a) != nil
        case .either: return graph.weight(from: a, to: b) != nil || graph.weight(from: b, to: a) != nil
        }
    }

    /// Every path starts in FROM, ends in TO, follows arcs, shares no person, and there are as many as the flow's value.
    private func check(_ g: Graph, from: [Bool], to: [Bool], _ direction: ChannelDirection) {
        let c = Channels(g, from: from, to: to, direction: direction)
        #expect(c.channelPaths.count == c.independentChannels)
        var used = Set<Int>()
        for path in c.channelPaths {
            guard let first = path.first, let last = path.last else { Issue.record("empty path"); continue }
            #expect(from[first] && to[last], "\(path)")
            for k in 1 ..< max(1, path.count) { #expect(follows(g, path[k - 1], path[k], direction), "\(path)") }
            for v in path { #expect(used.insert(v).inserted, "\(v) on two channels") }
        }
        #expect(c.channelPaths.map { $0[0] } == c.channelPaths.map { $0[0] }.sorted())
    }

    /// The doc's diamond (a → b, a → c, b → d, c → d): one channel from {a} to {d}; two from {a, b} … as the ends allow.
    @Test func diamond() {
        var builder = GraphBuilder(nodeCount: 4)
        for (s, t) in [(0, 1), (0, 2), (1, 3), (2, 3)] { builder.addTie(from: s, to: t) }
        let g = builder.build().graph
        let one = Channels(g, from: [true, false, false, false], to: [false, false, false, true], direction: .named)
        #expect(one.channelPaths.count == 1)
        #expect(one.channelPaths[0].count == 3 && one.channelPaths[0].first == 0 && one.channelPaths[0].last == 3)
        // Someone in both sets is a channel by themselves.
        let both = Channels(g, from: [true, false, false, false], to: [true, false, false, true], direction: .named)
        #expect(both.channelPaths.contains([0]))
        // Against the naming nothing leads from a to d.
        #expect(Channels(g, from: [true, false, false, false], to: [false, false, false, true], direction: .adviceFlow).channelPaths.isEmpty)
        check(g, from: [true, true, false, false], to: [false, false, true, true], .either)
    }

    /// Random sparse graphs, every direction: the paths meet their definition and count the channels.
    @Test func randomGraphs() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0 ..< 60 {
            let n = 4 + next(20)
            var builder = GraphBuilder(nodeCount: n)
            for _ in 0 ..< n * (1 + next(3)) {
                let s = next(n), t = next(n)
                if s != t { builder.addTie(from: s, to: t) }
            }
            let g = builder.build().graph
            let from = (0 ..< n).map { _ in next(4) == 0 }
            let to = (0 ..< n).map { _ in next(4) == 0 }
            for direction in ChannelDirection.allCases { check(g, from: from, to: to, direction) }
        }
    }
}
