/// A two-mode measure: one value per person and one per group.
public struct TwoModeValues: Sendable, Equatable {
    /// Indexed by person.
    public var people: [Double]
    /// Indexed by group.
    public var groups: [Double]

    /// Creates the values.
    public init(people: [Double], groups: [Double]) {
        self.people = people
        self.groups = groups
    }

    /// Splits values over the nodes of ``TwoModeNetwork/bipartiteGraph()``.
    init(_ values: [Double], personCount n: Int) {
        people = Array(values[0 ..< n])
        groups = Array(values[n...])
    }
}

extension TwoModeNetwork {
    /// Two-mode degree centrality (Borgatti & Everett 1997): a person's
    /// number of groups over the number of groups `m`, a group's size over
    /// the number of people `n` (`d_v / m` for people, `d_v / n` for groups).
    /// An empty other side gives 0.
    ///
    /// Reference: networkx `bipartite.degree_centrality(B, people)`;
    /// Borgatti, S. P. & Halgin, D. S. (2011). Analyzing affiliation networks.
    /// In *The SAGE Handbook of Social Network Analysis*, 417–433. doi:10.4135/9781446294413.n28
    ///
    /// Example: groups {a, b, c} and {b, c}, with a fourth person d in none:
    /// a 1/2, b 1, d 0; the first group 3/4, the second 2/4.
    ///
    /// - Complexity: O(n + g).
    public func degreeCentrality() -> TwoModeValues {
        let n = Double(personCount), m = Double(groupCount)
        return TwoModeValues(people: (0 ..< personCount).map { m > 0 ? Double(groupCount(of: $0)) / m : 0 },
                             groups: (0 ..< groupCount).map { n > 0 ? Double(size(of: $0)) / n : 0 })
    }

    /// Two-mode closeness (Borgatti & Everett 1997): on the bipartite graph,
    /// a person is at least 1 from every group and 2 from every other person,
    /// so `C(v) = (m + 2(n − 1)) / Σ_u d(v, u)` for a person and
    /// `(n + 2(m − 1)) / Σ_u d(v, u)` for a group, the sum over the nodes `v`
    /// reaches. In a disconnected network each value is then multiplied by
    /// `(r − 1) / (n + m − 1)`, `r` the size of `v`'s component (networkx's
    /// `normalized=True`); a node that reaches nobody gets 0.
    ///
    /// Reference: networkx `bipartite.closeness_centrality(B, people, normalized=True)`.
    ///
    /// Example: one group {a, b}: a reaches the group (1) and b (2), so
    /// `(1 + 2 · 1) / 3 = 1`.
    ///
    /// - Complexity: O((n + g) r) for r memberships, on `threads` threads.
    public func closenessCentrality(threads: Int = Parallelism.defaultThreads) -> TwoModeValues {
        let graph = bipartiteGraph()
        let total = personCount + groupCount
        let sums = distanceSums(graph, direction: .outgoing, distance: nil, threads: threads)
        let n = Double(personCount), m = Double(groupCount)
        let values = (0 ..< total).map { v -> Double in
            let sum = sums.distanceSum[v]
            guard sum > 0, total > 1 else { return 0 }
            let best = v < personCount ? m + 2 * (n - 1) : n + 2 * (m - 1)
            return best / sum * (Double(sums.reached[v] - 1) / Double(total - 1))
        }
        return TwoModeValues(values, personCount: personCount)
    }

    /// Two-mode betweenness (Borgatti & Everett 1997): the betweenness of
    /// every node of the bipartite graph (unordered pairs, hop counts,
    /// endpoints excluded) divided by the largest value a node of its side can
    /// have. For people (n of them, m groups), with `s, t = divmod(n − 1, m)`:
    /// `½ [m²(s + 1)² + m(s + 1)(2t − s − 1) − t(2s − t + 3)]`; for groups the
    /// same with `p, r = divmod(m − 1, n)` and n, m exchanged. A side whose
    /// maximum is 0 (or an empty other side) gets 0.
    ///
    /// Reference: networkx `bipartite.betweenness_centrality(B, people)`.
    ///
    /// Example: groups {a, b} and {b, c}: b lies on every path between a, c
    /// and the groups' other pairs.
    ///
    /// - Complexity: O((n + g) r), on `threads` threads.
    public func betweennessCentrality(threads: Int = Parallelism.defaultThreads) -> TwoModeValues {
        let raw = betweenness(bipartiteGraph(), options: BetweennessOptions(scale: .raw, undirected: true), threads: threads)
        let n = personCount, m = groupCount
        func maximum(_ n: Int, _ m: Int) -> Double {
            guard m > 0 else { return 0 }
            let (s, t) = (n - 1).quotientAndRemainder(dividingBy: m)
            let a = Double(m * m) * Double((s + 1) * (s + 1))
            let b = Double(m * (s + 1) * (2 * t - s - 1))
            let c = Double(t * (2 * s - t + 3))
            return (a + b - c) / 2
        }
        let topMax = n > 0 ? maximum(n, m) : 0, bottomMax = m > 0 ? maximum(m, n) : 0
        var values = raw
        for v in 0 ..< values.count {
            let max = v < n ? topMax : bottomMax
            values[v] = max > 0 ? values[v] / max : 0
        }
        return TwoModeValues(values, personCount: n)
    }

    /// Groups with at least one member none of whose members belongs to any
    /// other group: the group shares no one with the rest (an isolate of
    /// ``groupProjection(_:)``), ascending.
    ///
    /// - Complexity: O(r).
    public func unconnectedGroups() -> [Int] {
        (0 ..< groupCount).filter { g in
            size(of: g) > 0 && members(of: g).allSatisfy { groupCount(of: Int($0)) == 1 }
        }
    }

    /// The people who belong to two or more groups, most groups first, then
    /// most co-members, then the sole links they are, then index
    /// (``ConnectingPerson``).
    ///
    /// - Complexity: O(Σ_{p connecting} (Σ_{g ∋ p} k_g + d_p² log)) time, O(n + g) scratch.
    public func connectingPeople() -> [ConnectingPerson] {
        var seen = [Bool](repeating: false, count: personCount)
        var list: [Int] = []
        var out: [ConnectingPerson] = []
        for p in 0 ..< personCount where groupCount(of: p) >= 2 {
            let groups = Array(self.groups(of: p))
            list.removeAll(keepingCapacity: true)
            for g in groups {
                for v in members(of: Int(g)) where Int(v) != p && !seen[Int(v)] {
                    seen[Int(v)] = true
                    list.append(Int(v))
                }
            }
            for v in list { seen[v] = false }
            // Pairs of p's groups that only p links.
            var sole = 0
            for i in 0 ..< groups.count {
                for j in i + 1 ..< groups.count where sharedMembers(Int(groups[i]), Int(groups[j])) == 1 { sole += 1 }
            }
            out.append(ConnectingPerson(person: p, groups: groups.count, coMembers: list.count, soleLinks: sole))
        }
        return out.sorted { a, b in
            if a.groups != b.groups { return a.groups > b.groups }
            if a.coMembers != b.coMembers { return a.coMembers > b.coMembers }
            if a.soleLinks != b.soleLinks { return a.soleLinks > b.soleLinks }
            return a.person < b.person
        }
    }

    /// How many members groups `a` and `b` share (sorted merge).
    func sharedMembers(_ a: Int, _ b: Int) -> Int {
        let x = members(of: a), y = members(of: b)
        var i = x.startIndex, j = y.startIndex, count = 0
        while i < x.endIndex && j < y.endIndex {
            if x[i] == y[j] { count += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return count
    }
}

/// A person who belongs to two or more groups, and so connects them.
public struct ConnectingPerson: Sendable, Equatable {
    /// The person's index.
    public var person: Int
    /// How many groups they belong to (at least 2).
    public var groups: Int
    /// How many other people share at least one of their groups (their degree
    /// in the person projection).
    public var coMembers: Int
    /// How many pairs of their groups share no member but them: the links
    /// between groups that would be lost without them.
    public var soleLinks: Int

    /// Creates the entry.
    public init(person: Int, groups: Int, coMembers: Int, soleLinks: Int) {
        self.person = person
        self.groups = groups
        self.coMembers = coMembers
        self.soleLinks = soleLinks
    }
}
