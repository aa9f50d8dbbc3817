/// Key players (Borgatti 2006, "Identifying sets of key players in a social
/// network", *Computational and Mathematical Organization Theory* 12(1), 21–34,
/// doi:10.1007/s10588-006-7084-x; <doc:Conventions>, "Key players").
///
/// - **KPP-Neg** (whose absence hurts most): the set of k people whose removal
///   most fragments the undirected view of the network. Fragmentation of the
///   n' people left: `F = 1 − Σ_c s_c (s_c − 1) / (n' (n' − 1))` over its
///   components of sizes s_c; the distance-weighted variant
///   `DF = 1 − Σ_{i ≠ j} (1/d_ij) / (n' (n' − 1))` (1/∞ = 0) also counts how
///   far apart the connected people are. Both are 0 when everyone is adjacent
///   and 1 when no one is connected.
/// - **KPP-Pos** (whom to involve to spread a practice): the set of k people
///   that reaches the most others within m steps, where person i is reached
///   when i names a member within m requests (a directed path i → member of
///   length ≤ m): `reach = |reached non-members| / (n − k)`.
///
/// The search is exact (every set) when there are at most ``exhaustiveLimit``
/// sets of size k; otherwise a greedy start and seeded random starts are each
/// improved by Borgatti's swap search (swap a member for a non-member while it
/// improves), and the best set wins. Ties go to the set first met (sets in
/// lexicographic order for the exact search).
public enum KeyPlayers {
    /// The objective of the search.
    public enum Objective: String, Sendable, CaseIterable {
        /// KPP-Neg, fragmentation F (maximised).
        case fragmentation
        /// KPP-Neg, distance-weighted fragmentation DF (maximised).
        case distanceFragmentation = "distance_fragmentation"
        /// KPP-Pos, share reached within m steps (maximised).
        case reach
    }

    /// A set found and its value.
    public struct Result: Sendable, Equatable {
        /// The members, ascending.
        public var members: [Int]
        /// The objective's value for them.
        public var value: Double
        /// Whether every set was tried.
        public var exact: Bool
        /// The objective the set maximises.
        public var objective: Objective
    }

    /// At most this many sets are tried one by one; beyond, the swap search runs.
    public static let exhaustiveLimit = 50_000

    /// The best set of `k` people for `objective` (`steps` is m for ``Objective/reach``).
    /// - Parameters:
    ///   - restarts: random starts of the swap search besides the greedy one.
    ///   - seed: seed of the random starts.
    ///   - exhaustiveUpTo: try every set when there are at most this many (default ``exhaustiveLimit``).
    /// - Complexity: exact: C(n, k) evaluations; otherwise (restarts + 1) swap searches,
    ///   each pass O(k (n − k)) evaluations of O(n + m) (O(n (n + m)) for DF).
    public static func find(_ graph: Graph, k requested: Int, objective: Objective, steps: Int = 1, restarts: Int = 10, seed: UInt64 = 42,
                            exhaustiveUpTo limit: Int = exhaustiveLimit) -> Result {
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let k = max(0, min(requested, n))
        let evaluator = Evaluator(graph: g, objective: objective, steps: steps)
        if k == 0 { return Result(members: [], value: evaluator.value([]), exact: true, objective: objective) }
        if binomial(n, k) <= Double(limit) {
            var best: [Int] = []
            var bestValue = -Double.infinity
            var set = Array(0 ..< k)
            while true {
                let v = evaluator.value(set)
                if v > bestValue + 1e-12 { bestValue = v; best = set }
                // Next combination in lexicographic order.
                var i = k - 1
                while i >= 0 && set[i] == n - k + i { i -= 1 }
                if i < 0 { break }
                set[i] += 1
                for j in i + 1 ..< k { set[j] = set[j - 1] + 1 }
            }
            return Result(members: best, value: bestValue, exact: true, objective: objective)
        }
        // Greedy start: add the person who improves the value most, one at a time.
        var greedy: [Int] = []
        for _ in 0 ..< k {
            var bestPerson = -1, bestValue = -Double.infinity
            for v in 0 ..< n where !greedy.contains(v) {
                let value = evaluator.value(greedy + [v])
                if value > bestValue + 1e-12 { bestValue = value; bestPerson = v }
            }
            greedy.append(bestPerson)
        }
        var starts = [greedy]
        for r in 0 ..< restarts {
            var rng = SeededRandom(seed: seed, stream: r)
            starts.append(Resilience.sample(k, from: n, using: &rng))
        }
        var best: [Int] = []
        var bestValue = -Double.infinity
        for start in starts {
            let (set, value) = swapSearch(start, n: n, evaluator: evaluator)
            if value > bestValue + 1e-12 { bestValue = value; best = set }
        }
        return Result(members: best.sorted(), value: bestValue, exact: false, objective: objective)
    }

    /// Borgatti's swap search: replace a member by a non-member while the value improves
    /// (best improving swap of each pass; for F, ties broken by DF).
    static func swapSearch(_ start: [Int], n: Int, evaluator: Evaluator) -> ([Int], Double) {
        var set = start
        var value = evaluator.searchScore(set)
        while true {
            var bestSwap: (Int, Int)?
            var bestValue = value
            var inSet = [Bool](repeating: false, count: n)
            for v in set { inSet[v] = true }
            for i in 0 ..< set.count {
                for u in 0 ..< n where !inSet[u] {
                    var candidate = set
                    candidate[i] = u
                    let v = evaluator.searchScore(candidate)
                    if v.beats(bestValue) { bestValue = v; bestSwap = (i, u) }
                }
            }
            guard let (i, u) = bestSwap else { break }
            set[i] = u
            value = bestValue
        }
        return (set, evaluator.value(set))
    }

    /// Fragmentation F of the undirected view of `graph` without `removed`.
    public static func fragmentation(_ graph: Graph, removing removed: [Int]) -> Double {
        Evaluator(graph: graph.droppingSelfLoops(), objective: .fragmentation, steps: 1).value(removed)
    }

    /// Distance-weighted fragmentation DF of the undirected view of `graph` without `removed`.
    public static func distanceFragmentation(_ graph: Graph, removing removed: [Int]) -> Double {
        Evaluator(graph: graph.droppingSelfLoops(), objective: .distanceFragmentation, steps: 1).value(removed)
    }

    /// Share of non-members who name a member of `set` within `steps` requests.
    public static func reach(_ graph: Graph, set: [Int], steps: Int) -> Double {
        Evaluator(graph: graph.droppingSelfLoops(), objective: .reach, steps: steps).value(set)
    }

    /// C(n, k) as a double (large values lose precision, which only the limit test reads).
    static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for i in 0 ..< k { result = result * Double(n - i) / Double(i + 1) }
        return result
    }

    /// A value with a tie-break, ordered lexicographically (values within 1e-12 are equal).
    struct SearchScore {
        var value: Double
        var tieBreak: Double

        func beats(_ other: SearchScore) -> Bool {
            if value > other.value + 1e-12 { return true }
            if value < other.value - 1e-12 { return false }
            return tieBreak > other.tieBreak + 1e-12
        }
    }

    /// Computes an objective's value for a set.
    struct Evaluator {
        let graph: Graph
        let objective: Objective
        let steps: Int
        /// Undirected neighbours (sorted, distinct) for the KPP-Neg objectives.
        let undirected: [[Int]]

        init(graph: Graph, objective: Objective, steps: Int) {
            self.graph = graph
            self.objective = objective
            self.steps = steps
            if objective == .reach {
                undirected = []
            } else {
                let n = graph.nodeCount
                var lists = [[Int]](repeating: [], count: n)
                for v in 0 ..< n {
                    var seen = Set<Int>()
                    for w in graph.outNeighbors(v) where Int(w) != v { seen.insert(Int(w)) }
                    for w in graph.inNeighbors(v) where Int(w) != v { seen.insert(Int(w)) }
                    lists[v] = seen.sorted()
                }
                undirected = lists
            }
        }

        /// What the swap search maximises, compared lexicographically: the value,
        /// then, for fragmentation F only, the distance-weighted DF, since F is flat
        /// (0) over most sets of a connected network and a search on F alone stalls.
        func searchScore(_ set: [Int]) -> SearchScore {
            guard objective == .fragmentation else { return SearchScore(value: value(set), tieBreak: 0) }
            let df = Evaluator(graph: graph, objective: .distanceFragmentation, steps: steps, undirected: undirected).value(set)
            return SearchScore(value: value(set), tieBreak: df)
        }

        init(graph: Graph, objective: Objective, steps: Int, undirected: [[Int]]) {
            self.graph = graph
            self.objective = objective
            self.steps = steps
            self.undirected = undirected
        }

        func value(_ set: [Int]) -> Double {
            let n = graph.nodeCount
            var member = [Bool](repeating: false, count: n)
            for v in set { member[v] = true }
            switch objective {
            case .fragmentation:
                let left = n - set.count
                guard left >= 2 else { return 1 }
                var label = [Int](repeating: -1, count: n)
                var sum = 0.0
                var stack: [Int] = []
                for s in 0 ..< n where !member[s] && label[s] < 0 {
                    var size = 0
                    label[s] = s
                    stack.append(s)
                    while let v = stack.popLast() {
                        size += 1
                        for w in undirected[v] where !member[w] && label[w] < 0 {
                            label[w] = s
                            stack.append(w)
                        }
                    }
                    sum += Double(size) * Double(size - 1)
                }
                return 1 - sum / (Double(left) * Double(left - 1))
            case .distanceFragmentation:
                let left = n - set.count
                guard left >= 2 else { return 1 }
                var dist = [Int](repeating: -1, count: n)
                var queue = [Int](repeating: 0, count: n)
                var harmonic = 0.0
                for s in 0 ..< n where !member[s] {
                    var head = 0, tail = 0
                    dist[s] = 0
                    queue[tail] = s; tail += 1
                    while head < tail {
                        let v = queue[head]; head += 1
                        for w in undirected[v] where !member[w] && dist[w] < 0 {
                            dist[w] = dist[v] + 1
                            harmonic += 1 / Double(dist[w])
                            queue[tail] = w; tail += 1
                        }
                    }
                    for i in 0 ..< tail { dist[queue[i]] = -1 }
                }
                return 1 - harmonic / (Double(left) * Double(left - 1))
            case .reach:
                let others = n - set.count
                guard others > 0 else { return 0 }
                // Backwards from the set along incoming ties: who names a member within `steps`.
                var dist = [Int](repeating: -1, count: n)
                var queue: [Int] = []
                for v in set { dist[v] = 0; queue.append(v) }
                var head = 0, reached = 0
                while head < queue.count {
                    let v = queue[head]; head += 1
                    if dist[v] >= steps { continue }
                    for w32 in graph.inNeighbors(v) {
                        let w = Int(w32)
                        if dist[w] >= 0 { continue }
                        dist[w] = dist[v] + 1
                        reached += 1
                        queue.append(w)
                    }
                }
                return Double(reached) / Double(others)
            }
        }
    }
}
