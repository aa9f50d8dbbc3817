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
    ///   - threads: threads that evaluate candidate sets; the result does not depend on it
    ///     (every candidate's value is computed alone, and the best is chosen in a fixed order).
    /// - Complexity: exact: C(n, k) evaluations; otherwise (restarts + 1) swap searches,
    ///   each pass O(k (n − k)) evaluations of O(n + m) (O(n (n + m)) for DF), over
    ///   reused buffers without allocation per evaluation.
    public static func find(_ graph: Graph, k requested: Int, objective: Objective, steps: Int = 1, restarts: Int = 10, seed: UInt64 = 42,
                            exhaustiveUpTo limit: Int = exhaustiveLimit, threads: Int = Parallelism.defaultThreads) -> Result {
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let k = max(0, min(requested, n))
        let evaluator = Evaluator(graph: g, objective: objective, steps: steps)
        if k == 0 { return Result(members: [], value: evaluator.value([]), exact: true, objective: objective) }
        if binomial(n, k) <= Double(limit) {
            // Every set, in lexicographic order, evaluated in parallel; the first best wins.
            var sets: [Int] = []
            var set = Array(0 ..< k)
            while true {
                sets += set
                var i = k - 1
                while i >= 0 && set[i] == n - k + i { i -= 1 }
                if i < 0 { break }
                set[i] += 1
                for j in i + 1 ..< k { set[j] = set[j - 1] + 1 }
            }
            let all = sets
            let values = evaluator.evaluate(all.count / k, threads: threads, candidate: { c, out in
                out.removeAll(keepingCapacity: true)
                out.append(contentsOf: all[c * k ..< (c + 1) * k])
            }, { set, w in evaluator.value(set, &w) })
            var best = 0
            for c in values.indices where values[c] > values[best] + 1e-12 { best = c }
            return Result(members: Array(all[best * k ..< (best + 1) * k]), value: values[best], exact: true, objective: objective)
        }
        // Greedy start: add the person who improves the value most, one at a time.
        var greedy: [Int] = []
        for _ in 0 ..< k {
            let chosen = greedy
            let candidates = (0 ..< n).filter { !chosen.contains($0) }
            let values = evaluator.evaluate(candidates.count, threads: threads, candidate: { c, out in
                out.removeAll(keepingCapacity: true)
                out.append(contentsOf: chosen)
                out.append(candidates[c])
            }, { set, w in evaluator.value(set, &w) })
            var best = 0
            for c in values.indices where values[c] > values[best] + 1e-12 { best = c }
            greedy.append(candidates[best])
        }
        var starts = [greedy]
        for r in 0 ..< restarts {
            var rng = SeededRandom(seed: seed, stream: r)
            starts.append(Resilience.sample(k, from: n, using: &rng))
        }
        var best: [Int] = []
        var bestValue = -Double.infinity
        for start in starts {
            let (set, value) = swapSearch(start, n: n, evaluator: evaluator, threads: threads)
            if value > bestValue + 1e-12 { bestValue = value; best = set }
        }
        return Result(members: best.sorted(), value: bestValue, exact: false, objective: objective)
    }

    /// Borgatti's swap search: replace a member by a non-member while the value improves
    /// (best improving swap of each pass, the first met in (member, non-member) order;
    /// for F, ties broken by DF).
    static func swapSearch(_ start: [Int], n: Int, evaluator: Evaluator, threads: Int) -> ([Int], Double) {
        var set = start
        var workspace = Workspace(nodeCount: n)
        var value = evaluator.searchScore(set, &workspace)
        while true {
            var inSet = [Bool](repeating: false, count: n)
            for v in set { inSet[v] = true }
            let outsiders = (0 ..< n).filter { !inSet[$0] }
            let current = set
            let scores = evaluator.evaluate(current.count * outsiders.count, threads: threads, candidate: { c, out in
                out.removeAll(keepingCapacity: true)
                out.append(contentsOf: current)
                out[c / outsiders.count] = outsiders[c % outsiders.count]
            }, { set, w in evaluator.searchScore(set, &w) })
            var bestSwap: Int?
            var bestValue = value
            for c in scores.indices where scores[c].beats(bestValue) { bestValue = scores[c]; bestSwap = c }
            guard let c = bestSwap else { break }
            set[c / outsiders.count] = outsiders[c % outsiders.count]
            value = bestValue
        }
        return (set, evaluator.value(set, &workspace))
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

    /// Whether ``find(_:k:objective:steps:restarts:seed:exhaustiveUpTo:threads:)`` tries every
    /// set of `k` among `n` people (at most `limit` sets) rather than searching.
    public static func triesEverySet(people n: Int, size k: Int, limit: Int = exhaustiveLimit) -> Bool {
        binomial(n, max(0, min(k, n))) <= Double(limit)
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

    /// Scratch buffers of one evaluation, reused from one evaluation to the next
    /// (one per thread): membership flags, BFS marks and a queue.
    struct Workspace {
        var member: [Bool]
        var mark: [Int32]
        var queue: [Int32]

        init(nodeCount n: Int) {
            member = [Bool](repeating: false, count: n)
            mark = [Int32](repeating: -1, count: n)
            queue = [Int32](repeating: 0, count: n)
        }
    }

    /// Computes an objective's value for a set.
    struct Evaluator: Sendable {
        let graph: Graph
        let objective: Objective
        let steps: Int
        /// The undirected view (sorted, distinct neighbours) for the KPP-Neg objectives.
        let adjacency: UndirectedAdjacency?

        init(graph: Graph, objective: Objective, steps: Int) {
            self.graph = graph
            self.objective = objective
            self.steps = steps
            adjacency = objective == .reach ? nil : UndirectedAdjacency(graph)
        }

        /// The value (or score) of `count` candidate sets, in candidate order,
        /// evaluated on `threads` threads: `candidate(c, &set)` writes set `c`.
        func evaluate<T: Sendable>(_ count: Int, threads: Int, candidate: @Sendable (Int, inout [Int]) -> Void,
                                   _ measure: @Sendable (inout [Int], inout Workspace) -> T) -> [T] {
            let n = graph.nodeCount
            let parts = parallelChunks(count: count, chunks: 32, threads: threads) { range in
                var workspace = Workspace(nodeCount: n)
                var set: [Int] = []
                var out: [T] = []
                out.reserveCapacity(range.count)
                for c in range {
                    candidate(c, &set)
                    out.append(measure(&set, &workspace))
                }
                return out
            }
            return parts.flatMap { $0 }
        }

        /// What the swap search maximises, compared lexicographically: the value,
        /// then, for fragmentation F only, the distance-weighted DF, since F is flat
        /// (0) over most sets of a connected network and a search on F alone stalls.
        func searchScore(_ set: [Int], _ w: inout Workspace) -> SearchScore {
            guard objective == .fragmentation else { return SearchScore(value: value(set, &w), tieBreak: 0) }
            return SearchScore(value: value(set, &w), tieBreak: value(set, as: .distanceFragmentation, &w))
        }

        /// The objective's value for `set` (allocates its buffers: for one-off calls).
        func value(_ set: [Int]) -> Double {
            var w = Workspace(nodeCount: graph.nodeCount)
            return value(set, &w)
        }

        /// The objective's value for `set`, over the buffers of `w` (left as found).
        func value(_ set: [Int], _ w: inout Workspace) -> Double { value(set, as: objective, &w) }

        func value(_ set: [Int], as objective: Objective, _ w: inout Workspace) -> Double {
            let n = graph.nodeCount
            for v in set { w.member[v] = true }
            defer { for v in set { w.member[v] = false } }
            switch objective {
            case .fragmentation:
                let left = n - set.count
                guard left >= 2 else { return 1 }
                guard let adjacency else { return 0 }
                var sum = 0.0
                adjacency.offsets.withUnsafeBufferPointer { off in
                    adjacency.neighbors.withUnsafeBufferPointer { nb in
                        w.member.withUnsafeBufferPointer { member in
                            w.mark.withUnsafeMutableBufferPointer { seen in
                                w.queue.withUnsafeMutableBufferPointer { queue in
                                    for s in 0 ..< n where !member[s] && seen[s] < 0 {
                                        var head = 0, tail = 1
                                        seen[s] = 0
                                        queue[0] = Int32(truncatingIfNeeded: s)
                                        while head < tail {
                                            let v = Int(queue[head]); head &+= 1
                                            for e in off[v] ..< off[v + 1] {
                                                let u = Int(nb[e])
                                                if member[u] || seen[u] >= 0 { continue }
                                                seen[u] = 0
                                                queue[tail] = nb[e]; tail &+= 1
                                            }
                                        }
                                        sum += Double(tail) * Double(tail - 1)
                                    }
                                    for v in 0 ..< n { seen[v] = -1 }
                                }
                            }
                        }
                    }
                }
                return 1 - sum / (Double(left) * Double(left - 1))
            case .distanceFragmentation:
                let left = n - set.count
                guard left >= 2 else { return 1 }
                guard let adjacency else { return 0 }
                var harmonic = 0.0
                adjacency.offsets.withUnsafeBufferPointer { off in
                    adjacency.neighbors.withUnsafeBufferPointer { nb in
                        w.member.withUnsafeBufferPointer { member in
                            w.mark.withUnsafeMutableBufferPointer { dist in
                                w.queue.withUnsafeMutableBufferPointer { queue in
                                    for s in 0 ..< n where !member[s] {
                                        var head = 0, tail = 1
                                        dist[s] = 0
                                        queue[0] = Int32(truncatingIfNeeded: s)
                                        while head < tail {
                                            let v = Int(queue[head]); head &+= 1
                                            let next = dist[v] &+ 1
                                            let inverse = 1 / Double(next)
                                            for e in off[v] ..< off[v + 1] {
                                                let u = Int(nb[e])
                                                if member[u] || dist[u] >= 0 { continue }
                                                dist[u] = next
                                                harmonic += inverse
                                                queue[tail] = nb[e]; tail &+= 1
                                            }
                                        }
                                        for i in 0 ..< tail { dist[Int(queue[i])] = -1 }
                                    }
                                }
                            }
                        }
                    }
                }
                return 1 - harmonic / (Double(left) * Double(left - 1))
            case .reach:
                let others = n - set.count
                guard others > 0 else { return 0 }
                // Backwards from the set along incoming ties: who names a member within `steps`.
                var reached = 0
                let steps = Int32(clamping: self.steps)
                graph.inOffsets.withUnsafeBufferPointer { off in
                    graph.inSources.withUnsafeBufferPointer { sources in
                        w.mark.withUnsafeMutableBufferPointer { dist in
                            w.queue.withUnsafeMutableBufferPointer { queue in
                                var tail = 0
                                for v in set where dist[v] < 0 {
                                    dist[v] = 0
                                    queue[tail] = Int32(truncatingIfNeeded: v); tail &+= 1
                                }
                                var head = 0
                                while head < tail {
                                    let v = Int(queue[head]); head &+= 1
                                    if dist[v] >= steps { continue }
                                    for e in off[v] ..< off[v + 1] {
                                        let u = Int(sources[e])
                                        if dist[u] >= 0 { continue }
                                        dist[u] = dist[v] &+ 1
                                        reached &+= 1
                                        queue[tail] = sources[e]; tail &+= 1
                                    }
                                }
                                for i in 0 ..< tail { dist[Int(queue[i])] = -1 }
                            }
                        }
                    }
                }
                return Double(reached) / Double(others)
            }
        }
    }
}
