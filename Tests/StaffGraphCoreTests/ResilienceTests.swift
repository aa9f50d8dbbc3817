import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

/// A seeded random directed graph with `n` people and about `n · degree` ties.
fileprivate func randomGraph(_ n: Int, degree: Int, seed: UInt64) -> Graph {
    var rng = SeededRandom(seed: seed)
    var ties: [(Int, Int)] = []
    for v in 0 ..< n {
        for _ in 0 ..< degree {
            let w = rng.nextInt(below: n)
            if w != v { ties.append((v, w)) }
        }
    }
    return graph(n, ties)
}

/// All-pairs directed distances by Floyd–Warshall over the people with `keep`, Int.max when unreachable.
fileprivate func distances(_ g: Graph, keep: [Bool], undirected: Bool = false) -> [[Int]] {
    let n = g.nodeCount
    let inf = Int.max / 4
    var d = [[Int]](repeating: [Int](repeating: inf, count: n), count: n)
    for v in 0 ..< n where keep[v] {
        d[v][v] = 0
        for w in g.outNeighbors(v) where keep[Int(w)] && Int(w) != v {
            d[v][Int(w)] = 1
            if undirected { d[Int(w)][v] = 1 }
        }
    }
    for k in 0 ..< n where keep[k] {
        for i in 0 ..< n where keep[i] && d[i][k] < inf {
            for j in 0 ..< n where keep[j] && d[k][j] < inf {
                if d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] }
            }
        }
    }
    return d
}

/// The removal figures the plain way: Floyd–Warshall before and after.
fileprivate func reference(_ g: Graph, removed: [Int], groups: [Int]?) -> RemovalImpact {
    let n = g.nodeCount
    let inf = Int.max / 4
    var keep = [Bool](repeating: true, count: n)
    for v in removed { keep[v] = false }
    let all = distances(g, keep: [Bool](repeating: true, count: n))
    let after = distances(g, keep: keep)
    var before = 0, kept = 0, hb = 0.0, ha = 0.0, orphaned = 0, orphanedGroup = 0
    let stayers = (0 ..< n).filter { keep[$0] }
    for i in stayers {
        for j in stayers where j != i {
            if all[i][j] < inf { before += 1; hb += 1 / Double(all[i][j]) }
            if after[i][j] < inf { kept += 1; ha += 1 / Double(after[i][j]) }
        }
        let named = Set(g.outNeighbors(i).map(Int.init)).subtracting([i])
        if !named.isEmpty && named.allSatisfy({ !keep[$0] }) { orphaned += 1 }
        if let groups {
            let own = named.filter { groups[$0] == groups[i] }
            if !own.isEmpty && own.allSatisfy({ !keep[$0] }) { orphanedGroup += 1 }
        }
    }
    let pairs = Double(stayers.count) * Double(stayers.count - 1)
    return RemovalImpact(removed: removed, stayers: stayers.count, linkedPairsBefore: before, linkedPairsAfter: kept, orphaned: orphaned,
                         orphanedWithinGroup: groups == nil ? nil : orphanedGroup,
                         efficiencyBefore: stayers.count >= 2 ? hb / pairs : nil, efficiencyAfter: stayers.count >= 2 ? ha / pairs : nil)
}

@Suite struct ResilienceTests {
    @Test func chainByHand() {
        // a → b → c: removing b leaves (a, c), linked only through b.
        let r = RemovalImpact(graph(3, [(0, 1), (1, 2)]), removing: [1])
        #expect(r.stayers == 2)
        #expect(r.linkedPairsBefore == 1 && r.linkedPairsAfter == 0)
        #expect(r.shareKept == 0)
        #expect(r.orphaned == 1)
        #expect(r.efficiencyBefore == 0.25 && r.efficiencyAfter == 0)
        #expect(r.efficiencyLoss == 1)
    }

    @Test func matchesThePlainReferenceOnRandomGraphs() {
        for trial in 0 ..< 40 {
            let n = 4 + trial % 18
            let g = randomGraph(n, degree: 1 + trial % 4, seed: UInt64(trial))
            var rng = SeededRandom(seed: 1000 + UInt64(trial))
            let k = 1 + rng.nextInt(below: min(4, n - 1))
            let removed = Resilience.sample(k, from: n, using: &rng)
            let groups = (0 ..< n).map { $0 % 3 }
            let fast = RemovalImpact(g, removing: removed, groups: groups)
            let plain = reference(g, removed: removed, groups: groups)
            #expect(fast.linkedPairsBefore == plain.linkedPairsBefore, "trial \(trial)")
            #expect(fast.linkedPairsAfter == plain.linkedPairsAfter, "trial \(trial)")
            #expect(fast.orphaned == plain.orphaned && fast.orphanedWithinGroup == plain.orphanedWithinGroup, "trial \(trial)")
            #expect(abs((fast.efficiencyBefore ?? -1) - (plain.efficiencyBefore ?? -1)) < 1e-12, "trial \(trial)")
            #expect(abs((fast.efficiencyAfter ?? -1) - (plain.efficiencyAfter ?? -1)) < 1e-12, "trial \(trial)")
        }
    }

    @Test func starCenterCostsMoreThanChance() {
        // Everyone names the centre 0 and one neighbour; removing 0 hurts far more than a random person.
        var ties: [(Int, Int)] = []
        for v in 1 ..< 30 { ties.append((v, 0)); ties.append((0, v)) }
        let g = graph(30, ties)
        let scores = (0 ..< 30).map { Double(g.inDegree($0)) }
        let r = Resilience(g, scores: scores, scoreName: "in-degree", ks: [1], randomSets: 200, seed: 7)
        let removal = r.removals[0]
        #expect(removal.impact.removed == [0])
        #expect(removal.impact.shareKept == 0)
        #expect(removal.impact.orphaned == 29)
        #expect((removal.rankAmongRandom ?? 0) > 0.9)
        #expect((removal.randomShareKept?.mean ?? 0) > 0.9)
    }

    @Test func sameResultOnAnyThreadCount() {
        let g = randomGraph(60, degree: 4, seed: 3)
        let scores = (0 ..< 60).map { Double(g.inDegree($0)) }
        let one = Resilience(g, scores: scores, scoreName: "in-degree", randomSets: 300, seed: 9, threads: 1)
        let two = Resilience(g, scores: scores, scoreName: "in-degree", randomSets: 300, seed: 9, threads: 2)
        #expect(one == two)
    }

    @Test func samplesAreDistinctAndUniformish() {
        var rng = SeededRandom(seed: 5)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0 ..< 5000 {
            let s = Resilience.sample(3, from: 10, using: &rng)
            #expect(Set(s).count == 3)
            for v in s { counts[v] += 1 }
        }
        // 1,500 expected per person; 5 standard deviations is about ±170.
        #expect(counts.allSatisfy { abs($0 - 1500) < 200 }, "\(counts)")
    }
}

/// The plain key-player objectives, independent of ``KeyPlayers``.
fileprivate func plainValue(_ g: Graph, _ set: [Int], _ objective: KeyPlayers.Objective, steps: Int) -> Double {
    let n = g.nodeCount
    let inf = Int.max / 4
    var keep = [Bool](repeating: true, count: n)
    for v in set { keep[v] = false }
    switch objective {
    case .fragmentation, .distanceFragmentation:
        let d = distances(g, keep: keep, undirected: true)
        let left = (0 ..< n).filter { keep[$0] }
        guard left.count >= 2 else { return 1 }
        var sum = 0.0
        for i in left { for j in left where j != i && d[i][j] < inf { sum += objective == .fragmentation ? 1 : 1 / Double(d[i][j]) } }
        return 1 - sum / (Double(left.count) * Double(left.count - 1))
    case .reach:
        let d = distances(g, keep: [Bool](repeating: true, count: n))
        let others = (0 ..< n).filter { keep[$0] }
        guard !others.isEmpty else { return 0 }
        let reached = others.filter { i in set.contains { d[i][$0] <= steps } }.count
        return Double(reached) / Double(others.count)
    }
}

@Suite struct KeyPlayersTests {
    /// Every set of size k, the best value (plain objectives).
    func exhaustive(_ g: Graph, k: Int, _ objective: KeyPlayers.Objective, steps: Int) -> Double {
        let n = g.nodeCount
        var best = -Double.infinity
        func walk(_ start: Int, _ set: [Int]) {
            if set.count == k { best = max(best, plainValue(g, set, objective, steps: steps)); return }
            guard start < n else { return }
            for v in start ..< n { walk(v + 1, set + [v]) }
        }
        walk(0, [])
        return best
    }

    @Test func bridgeIsTheKeyPlayer() {
        // Two triangles joined through person 3.
        let g = graph(7, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 6), (6, 4)])
        let r = KeyPlayers.find(g, k: 1, objective: .fragmentation)
        #expect(r.members == [3] || r.members == [2] || r.members == [4])
        #expect(r.exact)
        // Removing 3 leaves two triangles: F = 1 − 2·3·2/(6·5) = 0.6.
        #expect(abs(KeyPlayers.fragmentation(g, removing: [3]) - 0.6) < 1e-12)
    }

    @Test func keyPlayersAreTheSameOnAnyThreadCount() {
        // Candidate sets are evaluated in parallel; the best is chosen in a fixed order.
        let g = randomGraph(40, degree: 2, seed: 77)
        for objective in KeyPlayers.Objective.allCases {
            for limit in [0, KeyPlayers.exhaustiveLimit] {
                let one = KeyPlayers.find(g, k: 3, objective: objective, restarts: 3, exhaustiveUpTo: limit, threads: 1)
                for threads in [2, 3, 8] {
                    let many = KeyPlayers.find(g, k: 3, objective: objective, restarts: 3, exhaustiveUpTo: limit, threads: threads)
                    #expect(many == one, "\(objective), limit \(limit), \(threads) threads")
                }
            }
        }
    }

    @Test func exactAndSwapSearchEqualExhaustiveSearch() {
        var swapMisses: [String] = []
        for trial in 0 ..< 24 {
            let n = 8 + trial % 13  // 8 … 20 people
            let g = randomGraph(n, degree: 1 + trial % 3, seed: 500 + UInt64(trial))
            for k in 1 ... 3 {
                for objective in KeyPlayers.Objective.allCases {
                    let steps = objective == .reach ? 1 + trial % 2 : 1
                    let best = exhaustive(g, k: k, objective, steps: steps)
                    let exact = KeyPlayers.find(g, k: k, objective: objective, steps: steps)
                    #expect(exact.exact)
                    #expect(abs(exact.value - best) < 1e-9, "trial \(trial) k \(k) \(objective): \(exact.value) vs \(best)")
                    #expect(abs(plainValue(g, exact.members, objective, steps: steps) - exact.value) < 1e-9)
                    let swap = KeyPlayers.find(g, k: k, objective: objective, steps: steps, restarts: 10, seed: 42, exhaustiveUpTo: 0)
                    #expect(!swap.exact)
                    if abs(swap.value - best) > 1e-9 { swapMisses.append("trial \(trial) k \(k) \(objective): \(swap.value) vs \(best)") }
                }
            }
        }
        #expect(swapMisses.isEmpty, "\(swapMisses)")
    }
}
