/// What removing a set S of people does to those who stay (<doc:Conventions>,
/// "Resilience"): only ordered pairs (i, j), i ≠ j, of people not in S count,
/// so the figure is not inflated by the removed people's own pairs.
///
/// - `linkedPairsBefore`: stayer pairs with a directed path i → j in the whole
///   network ("advice can travel from i to j", through anyone);
/// - `linkedPairsAfter`: stayer pairs with a path that avoids S;
/// - `orphaned`: stayers who named someone and named only people in S (they
///   lose every advice source they had); `orphanedWithinGroup`: stayers who named
///   someone of their own group and only people in S among them;
/// - efficiency (Latora & Marchiori 2001, doi:10.1103/PhysRevLett.87.198701):
///   the mean over ordered stayer pairs of 1/d(i, j), with 1/∞ = 0, before and
///   after; `efficiencyLoss` = 1 − after/before, the harmonic form of "how much
///   longer the chains of advice become".
///
/// Example: in a chain a → b → c, removing b leaves the pair (a, c): linked
/// before (a → b → c), not after; share kept 0; a is orphaned (a named only b);
/// efficiency before (1/2 + 0)/2 = 0.25, after 0, loss 1.
public struct RemovalImpact: Sendable, Equatable {
    /// The removed people (graph indices), in the order given.
    public var removed: [Int]
    /// People who stay.
    public var stayers: Int
    /// Ordered stayer pairs linked by a directed path in the whole network.
    public var linkedPairsBefore: Int
    /// Ordered stayer pairs linked by a directed path avoiding the removed people.
    public var linkedPairsAfter: Int
    /// Stayers who named someone and named only removed people.
    public var orphaned: Int
    /// Stayers who named someone of their own group and only removed people among them; `nil` without groups.
    public var orphanedWithinGroup: Int?
    /// Mean of 1/d over ordered stayer pairs in the whole network; `nil` with fewer than two stayers.
    public var efficiencyBefore: Double?
    /// Mean of 1/d over ordered stayer pairs avoiding the removed people.
    public var efficiencyAfter: Double?

    /// `linkedPairsAfter / linkedPairsBefore`; `nil` when no stayer pair was linked.
    public var shareKept: Double? {
        linkedPairsBefore > 0 ? Double(linkedPairsAfter) / Double(linkedPairsBefore) : nil
    }

    /// `1 − efficiencyAfter / efficiencyBefore`; `nil` when the efficiency before is 0 or undefined.
    public var efficiencyLoss: Double? {
        guard let before = efficiencyBefore, let after = efficiencyAfter, before > 0 else { return nil }
        return 1 - after / before
    }

    /// Creates an impact from its counts.
    public init(removed: [Int], stayers: Int, linkedPairsBefore: Int, linkedPairsAfter: Int, orphaned: Int,
                orphanedWithinGroup: Int?, efficiencyBefore: Double?, efficiencyAfter: Double?) {
        self.removed = removed
        self.stayers = stayers
        self.linkedPairsBefore = linkedPairsBefore
        self.linkedPairsAfter = linkedPairsAfter
        self.orphaned = orphaned
        self.orphanedWithinGroup = orphanedWithinGroup
        self.efficiencyBefore = efficiencyBefore
        self.efficiencyAfter = efficiencyAfter
    }

    /// The impact of removing `removed` from `graph` (self-loops ignored).
    /// `groups` (one label per person, e.g. team) gives ``orphanedWithinGroup``.
    /// - Complexity: O(s (n + m)) for s stayers: two breadth-first searches per stayer.
    public init(_ graph: Graph, removing removed: [Int], groups: [Int]? = nil) {
        var workspace = RemovalWorkspace(nodeCount: graph.nodeCount)
        self = workspace.impact(graph, removing: removed, groups: groups)
    }
}

/// Scratch buffers for ``RemovalImpact``: one per thread, reused across sets.
struct RemovalWorkspace {
    var distance: [Int32]
    var queue: [Int32]
    var inSet: [Bool]

    init(nodeCount n: Int) {
        distance = [Int32](repeating: -1, count: n)
        queue = [Int32](repeating: 0, count: max(1, n))
        inSet = [Bool](repeating: false, count: n)
    }

    /// Breadth-first search from `source`, not entering people with `blocked[v]`
    /// when `useBlock`; returns (reached stayers other than the source, Σ 1/d over them).
    mutating func search(_ g: Graph, from source: Int, useBlock: Bool) -> (Int, Double) {
        let n = g.nodeCount
        var reached = 0
        var harmonic = 0.0
        distance.withUnsafeMutableBufferPointer { dist in
            queue.withUnsafeMutableBufferPointer { q in
                inSet.withUnsafeBufferPointer { removed in
                    g.outOffsets.withUnsafeBufferPointer { off in
                        g.outTargets.withUnsafeBufferPointer { targets in
                            var head = 0, tail = 0
                            dist[source] = 0
                            q[tail] = Int32(truncatingIfNeeded: source); tail += 1
                            while head < tail {
                                let v = Int(q[head]); head += 1
                                let dv = dist[v]
                                for e in off[v] ..< off[v + 1] {
                                    let w = Int(targets[e])
                                    if dist[w] >= 0 || (useBlock && removed[w]) { continue }
                                    dist[w] = dv + 1
                                    q[tail] = Int32(truncatingIfNeeded: w); tail += 1
                                    if !removed[w] {
                                        reached += 1
                                        harmonic += 1.0 / Double(dv + 1)
                                    }
                                }
                            }
                            for i in 0 ..< tail { dist[Int(q[i])] = -1 }
                            _ = n
                        }
                    }
                }
            }
        }
        return (reached, harmonic)
    }

    mutating func impact(_ graph: Graph, removing removed: [Int], groups: [Int]?) -> RemovalImpact {
        let g = graph
        let n = g.nodeCount
        for v in removed where v >= 0 && v < n { inSet[v] = true }
        defer { for v in removed where v >= 0 && v < n { inSet[v] = false } }
        var stayers = 0, before = 0, after = 0, orphaned = 0, orphanedGroup = 0
        var hBefore = 0.0, hAfter = 0.0
        for v in 0 ..< n where !inSet[v] {
            stayers += 1
            let (rb, hb) = search(g, from: v, useBlock: false)
            let (ra, ha) = search(g, from: v, useBlock: true)
            before += rb; after += ra; hBefore += hb; hAfter += ha
            // Orphaned: named someone (not themselves), all of them removed.
            var named = 0, namedStaying = 0, namedGroup = 0, namedGroupStaying = 0
            for w32 in g.outNeighbors(v) {
                let w = Int(w32)
                if w == v { continue }
                named += 1
                if !inSet[w] { namedStaying += 1 }
                if let groups, groups[w] == groups[v] {
                    namedGroup += 1
                    if !inSet[w] { namedGroupStaying += 1 }
                }
            }
            if named > 0 && namedStaying == 0 { orphaned += 1 }
            if namedGroup > 0 && namedGroupStaying == 0 { orphanedGroup += 1 }
        }
        let pairs = Double(stayers) * Double(stayers - 1)
        return RemovalImpact(removed: removed, stayers: stayers, linkedPairsBefore: before, linkedPairsAfter: after,
                             orphaned: orphaned, orphanedWithinGroup: groups == nil ? nil : orphanedGroup,
                             efficiencyBefore: stayers >= 2 ? hBefore / pairs : nil,
                             efficiencyAfter: stayers >= 2 ? hAfter / pairs : nil)
    }
}

/// A summary of one figure over the random sets: mean, 5th and 95th
/// percentiles (linear interpolation between order statistics, numpy's default).
public struct BaselineRange: Sendable, Equatable {
    /// Mean over the random sets that have the figure.
    public var mean: Double
    /// 5th percentile.
    public var low: Double
    /// 95th percentile.
    public var high: Double

    /// The range of `values` (`nil` when empty).
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        mean = sorted.reduce(0, +) / Double(sorted.count)
        low = Self.percentile(sorted, 5)
        high = Self.percentile(sorted, 95)
    }

    /// The `p`-th percentile of ascending `sorted` values, linear between order statistics.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

/// Removing the top k people by a score, next to removing k people at random
/// (<doc:Conventions>, "Resilience"): does the network rest on these people, or
/// would losing any k people cost as much?
///
/// For each k, ``RemovalImpact`` of the top k by the score (descending; ties by
/// index; NaN last), and the same figures for `randomSets` sets of k people
/// drawn uniformly without replacement (set r from `SeededRandom(seed:, stream: r)`,
/// so the sets do not depend on the thread count). `rankAmongRandom` is the share
/// of random sets whose efficiency loss is *smaller* than the top k's, plus half
/// of those losing as much (mid-rank; efficiency rather than linked pairs because
/// it moves with every lengthened chain, while the share of linked pairs stays at
/// 100 % for most removals): near 1, losing these people costs more than losing
/// almost any k people; near 0.5, no more than chance.
public struct Resilience: Sendable, Equatable {
    /// One k.
    public struct Removal: Sendable, Equatable {
        /// How many people are removed.
        public var k: Int
        /// The impact of removing the top k.
        public var impact: RemovalImpact
        /// Share of pairs kept over the random sets.
        public var randomShareKept: BaselineRange?
        /// People orphaned over the random sets.
        public var randomOrphaned: BaselineRange?
        /// Efficiency loss over the random sets.
        public var randomEfficiencyLoss: BaselineRange?
        /// Share of random sets with a smaller efficiency loss than the top k (plus half the ties); `nil` without random sets.
        public var rankAmongRandom: Double?
    }

    /// The score the people were ranked by ("in-degree", "betweenness").
    public var scoreName: String
    /// One entry per k.
    public var removals: [Removal]
    /// Random sets per k actually drawn (fewer than asked when the work limit requires, 0 when skipped).
    public var randomSets: Int
    /// Random sets per k asked for.
    public var requestedRandomSets: Int
    /// Why the removals or the baseline were left out or cut down, if they were (for a note).
    public var limitNote: String?
    /// Seed of the random sets.
    public var seed: UInt64

    /// Computes the removals of the top `ks` by `scores` and their random baselines.
    /// - Parameters:
    ///   - groups: one group label per person (e.g. team), for ``RemovalImpact/orphanedWithinGroup``.
    ///   - randomSets: sets of each size drawn for the baseline (0: none).
    ///   - threads: threads running fixed chunks of sets; the result does not depend on it.
    /// - Complexity: O((randomSets + 1) · |ks| · n (n + m)).
    ///   - workLimit: edge visits allowed for the random sets (about 2·n·(n + m) per set); fewer sets are drawn
    ///     when more would pass it, none when fewer than ``minimumRandomSets`` fit, and no removal is measured when
    ///     even the top k's own searches would take more than ten times the limit (``limitNote`` says which).
    public init(_ graph: Graph, scores: [Double], scoreName: String, ks: [Int] = [1, 3, 5], groups: [Int]? = nil,
                randomSets requested: Int = 1000, seed: UInt64 = 42, threads: Int = Parallelism.defaultThreads,
                workLimit: Double = Resilience.defaultWorkLimit) {
        precondition(scores.count == graph.nodeCount, "one score per person")
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let perSet = 2 * Double(n) * Double(n + g.edgeCount)
        let sizes = Double(max(1, ks.count))
        self.requestedRandomSets = requested
        if perSet * sizes > 10 * workLimit {
            self.scoreName = scoreName
            self.randomSets = 0
            self.seed = seed
            self.removals = []
            self.limitNote = "removals not measured: \(n) people and \(g.edgeCount) ties would take about \(Int((perSet * sizes / 1e8).rounded())) × 10⁸ steps; measure one school or team at a time"
            return
        }
        let affordable = Int((workLimit / (perSet * sizes)).rounded(.down))
        var randomSets = requested
        var limitNote: String?
        if requested > affordable {
            randomSets = affordable >= Self.minimumRandomSets ? affordable : 0
            limitNote = randomSets > 0
                ? "random baseline cut to \(randomSets) sets (of \(requested) asked) to stay within the work limit"
                : "random baseline left out: even \(Self.minimumRandomSets) random sets over \(n) people would pass the work limit; measure one school or team at a time"
        }
        self.limitNote = limitNote
        let ranking = (0 ..< n).sorted { a, b in
            let x = scores[a], y = scores[b]
            if x.isNaN != y.isNaN { return y.isNaN }
            if !x.isNaN && x != y { return x > y }
            return a < b
        }
        self.scoreName = scoreName
        self.randomSets = randomSets
        self.seed = seed
        removals = ks.map { kRequested in
            let k = max(0, min(kRequested, n))
            let top = Array(ranking.prefix(k))
            let impact = RemovalImpact(g, removing: top, groups: groups)
            guard randomSets > 0, k > 0, k < n else {
                return Removal(k: kRequested, impact: impact, randomShareKept: nil, randomOrphaned: nil, randomEfficiencyLoss: nil, rankAmongRandom: nil)
            }
            let parts = parallelChunks(count: randomSets, threads: threads) { range -> [RemovalImpact] in
                var workspace = RemovalWorkspace(nodeCount: n)
                var out: [RemovalImpact] = []
                out.reserveCapacity(range.count)
                for r in range {
                    var rng = SeededRandom(seed: seed ^ UInt64(truncatingIfNeeded: k) &* 0x9E37_79B9_7F4A_7C15, stream: r)
                    let set = Self.sample(k, from: n, using: &rng)
                    out.append(workspace.impact(g, removing: set, groups: groups))
                }
                return out
            }
            let random = parts.flatMap { $0 }
            let shares = random.compactMap(\.shareKept)
            let losses = random.compactMap(\.efficiencyLoss)
            var rank: Double?
            if let observed = impact.efficiencyLoss, !losses.isEmpty {
                var less = 0.0, equal = 0.0
                for x in losses {
                    if x < observed - 1e-12 { less += 1 } else if abs(x - observed) <= 1e-12 { equal += 1 }
                }
                rank = (less + equal / 2) / Double(losses.count)
            }
            return Removal(k: kRequested, impact: impact, randomShareKept: BaselineRange(shares),
                           randomOrphaned: BaselineRange(random.map { Double($0.orphaned) }),
                           randomEfficiencyLoss: BaselineRange(random.compactMap(\.efficiencyLoss)), rankAmongRandom: rank)
        }
    }

    /// Edge visits the random sets may take by default: about 0.3 s in a release build on two cores.
    public static let defaultWorkLimit = 2e8

    /// Fewer random sets than this make no baseline (percentiles of a handful of sets say little).
    public static let minimumRandomSets = 100

    /// `k` distinct indices of `0 ..< n`, uniformly (partial Fisher–Yates over a sparse swap table).
    static func sample(_ k: Int, from n: Int, using rng: inout SeededRandom) -> [Int] {
        var swapped: [Int: Int] = [:]
        var out: [Int] = []
        out.reserveCapacity(k)
        for i in 0 ..< k {
            let j = i + rng.nextInt(below: n - i)
            let vi = swapped[i] ?? i, vj = swapped[j] ?? j
            out.append(vj)
            swapped[j] = vi
        }
        return out
    }
}
