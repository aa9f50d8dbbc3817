/// Which arcs a channel may follow. An advice tie `a → b` means a names b (a
/// seeks advice from b), so advice travels from b to a.
public enum ChannelDirection: String, Sendable, CaseIterable {
    /// Any tie, whichever way it was named, is a channel both ways.
    case either
    /// Follow the arcs as named: from the person who names to the person named.
    case named
    /// Follow the arcs against the way they were named, as advice (information)
    /// flows: from the person named to the person who names them.
    case adviceFlow = "advice-flow"
}

/// Channels from one set of people to another (district office → department
/// chairs): the direct ties, the two-step chains and who they pass through, and
/// the number of independent channels with one smallest set of people whose
/// removal cuts every channel.
///
/// **Conventions** (arcs followed as ``ChannelDirection`` says; ties binary,
/// weights only reported; self-loops ignored):
/// - *Direct ties*: arcs of the graph, as named (`namer → named`), that join a
///   person of FROM to a different person of TO in the followed direction. With
///   ``ChannelDirection/either`` both an arc FROM → TO and an arc TO → FROM count.
/// - *Two-step chains*: triples `A → m → B` along followed arcs with `A` in FROM,
///   `B` in TO and `A`, `m`, `B` three different people (`m` may belong to either
///   set). For each intermediary `m`: `chains(m) = |P| · |Q| − |P ∩ Q|`, with
///   `P` the FROM people with a followed arc to m and `Q` the TO people m has a
///   followed arc to.
/// - *Independent channels*: the maximum number of FROM–TO paths that share no
///   person, end points included (a path may have a single person, someone in
///   both sets). By Menger's theorem (set version) this equals the minimum
///   number of people — set members included — whose removal leaves no path
///   from FROM to TO. Computed as a maximum flow with Dinic's algorithm on the
///   node-split graph: every person v becomes `v_in → v_out` with capacity 1,
///   each followed arc `u → v` becomes `u_out → v_in`, a super source feeds every
///   FROM person's `v_in` and every TO person's `v_out` feeds a super sink (all
///   these arcs unbounded), so only people can be cut.
/// - *The cut*: of the minimum cuts, the one closest to FROM: the people whose
///   `v_in` is reachable from the super source in the final residual graph and
///   whose `v_out` is not. Minimum cuts are not unique; this one is deterministic.
/// - *Brokered channels*: the same with the sets' own people never cut (their
///   capacity unbounded) and the direct ties left out: the maximum number of
///   FROM–TO paths whose intermediaries (people outside both sets) are all
///   different, the ends may be shared; equal to the minimum number of people
///   outside both sets whose removal leaves only the direct ties (Menger).
///   ``brokerCut`` is one such set, again the one closest to FROM. Undefined
///   (`nil`, empty cut) when someone is in both sets: nobody outside could cut
///   them off from themselves.
///
/// **Example.** FROM = {a}, TO = {d}; ties a → b, a → c, b → d, c → d, followed
/// as named: no direct tie, chains through b and through c (one each), one
/// independent channel (both paths start at a), cut {a}; two brokered channels
/// (through b and through c), broker cut {b, c}.
///
/// Reference: K. Menger (1927), "Zur allgemeinen Kurventheorie", *Fundamenta
/// Mathematicae* 10, 96–115, doi:10.4064/fm-10-1-96-115; E. A. Dinitz (1970),
/// "Algorithm for solution of a problem of maximum flow in a network with
/// power estimation", *Soviet Math. Doklady* 11, 1277–1280; as networkx
/// `minimum_node_cut` on a graph with a super source and sink.
public struct Channels: Sendable, Equatable {
    /// A tie joining the two sets, as it was named.
    public struct DirectTie: Sendable, Equatable {
        /// The person who named the other.
        public var namer: Int
        /// The person named.
        public var named: Int
        /// The tie's weight.
        public var weight: Double
    }

    /// One person the two-step chains pass through.
    public struct Intermediary: Sendable, Equatable {
        /// The person in the middle (`m`).
        public var person: Int
        /// Chains `A → m → B`.
        public var chains: Int
        /// FROM people with a followed arc to m (`|P|`).
        public var fromReached: Int
        /// TO people m has a followed arc to (`|Q|`).
        public var toReached: Int
    }

    /// The direction followed.
    public let direction: ChannelDirection
    /// Direct ties, sorted by (namer, named).
    public let direct: [DirectTie]
    /// Every two-step chain, summed over intermediaries.
    public let twoStepChains: Int
    /// People with at least one chain through them, most chains first (ties in node order).
    public let intermediaries: [Intermediary]
    /// Maximum number of FROM–TO paths sharing no person (end points included).
    public let independentChannels: Int
    /// One minimum set of people whose removal cuts every path (the one closest to FROM), in node order.
    public let cut: [Int]
    /// One set of ``independentChannels`` paths that share no person, as the
    /// maximum flow found them: each the people from a FROM person to a TO
    /// person in the order the channel passes them (one person when someone is
    /// in both sets), ordered by their first person. Maximum sets of disjoint
    /// paths are not unique; this one is deterministic (Dinic's flow with arcs
    /// in person order, then each unit of flow followed from its FROM person).
    public let channelPaths: [[Int]]
    /// Maximum number of FROM–TO paths through people outside both sets, no two
    /// sharing such a person (direct ties left out); `nil` when someone is in both sets.
    public let brokeredChannels: Int?
    /// One minimum set of people outside both sets whose removal leaves only the
    /// direct ties (the one closest to FROM), in node order; empty when ``brokeredChannels`` is `nil`.
    public let brokerCut: [Int]

    /// The channels from the people flagged in `from` to those flagged in `to`.
    ///
    /// - Complexity: O(n + m) for the direct ties and chains; the maximum flow in
    ///   O((n + m) √n) (Dinic with unit person capacities).
    public init(_ graph: Graph, from: [Bool], to: [Bool], direction: ChannelDirection = .either) {
        let n = graph.nodeCount
        precondition(from.count == n && to.count == n, "one flag per person")
        self.direction = direction
        let adjacency = FollowedAdjacency(graph, direction: direction)

        // Direct ties, as named.
        var direct: [DirectTie] = []
        for u in 0 ..< n {
            for e in graph.outOffsets[u] ..< graph.outOffsets[u + 1] {
                let v = Int(graph.outTargets[e])
                if u == v { continue }
                let forward = direction != .adviceFlow && from[u] && to[v]
                let backward = direction != .named && from[v] && to[u]
                if forward || backward { direct.append(DirectTie(namer: u, named: v, weight: graph.outWeights[e])) }
            }
        }
        self.direct = direct

        // Two-step chains through each person.
        var mark = [Int](repeating: -1, count: n)
        var intermediaries: [Intermediary] = []
        var total = 0
        for m in 0 ..< n {
            var p = 0, q = 0, both = 0
            for a in adjacency.predecessors(m) where Int(a) != m && from[Int(a)] {
                p += 1
                mark[Int(a)] = m
            }
            for b in adjacency.successors(m) where Int(b) != m && to[Int(b)] {
                q += 1
                if mark[Int(b)] == m { both += 1 }
            }
            let chains = p * q - both
            if chains > 0 {
                intermediaries.append(Intermediary(person: m, chains: chains, fromReached: p, toReached: q))
                total += chains
            }
        }
        intermediaries.sort { $0.chains != $1.chains ? $0.chains > $1.chains : $0.person < $1.person }
        self.twoStepChains = total
        self.intermediaries = intermediaries

        var flow = UnitVertexFlow(adjacency, from: from, to: to, keepingSets: false)
        self.independentChannels = flow.maximize()
        self.cut = flow.sourceSideCut()
        self.channelPaths = flow.paths()
        if zip(from, to).contains(where: { $0 && $1 }) {
            self.brokeredChannels = nil
            self.brokerCut = []
        } else {
            var brokered = UnitVertexFlow(adjacency, from: from, to: to, keepingSets: true)
            self.brokeredChannels = brokered.maximize()
            self.brokerCut = brokered.sourceSideCut()
        }
    }
}

/// The arcs a channel follows, as successor and predecessor lists (CSR).
struct FollowedAdjacency {
    let nodeCount: Int
    let successorOffsets: [Int]
    let successorList: [Int32]
    let predecessorOffsets: [Int]
    let predecessorList: [Int32]

    init(_ graph: Graph, direction: ChannelDirection) {
        nodeCount = graph.nodeCount
        switch direction {
        case .named:
            (successorOffsets, successorList) = (graph.outOffsets, graph.outTargets)
            (predecessorOffsets, predecessorList) = (graph.inOffsets, graph.inSources)
        case .adviceFlow:
            (successorOffsets, successorList) = (graph.inOffsets, graph.inSources)
            (predecessorOffsets, predecessorList) = (graph.outOffsets, graph.outTargets)
        case .either:
            let undirected = UndirectedAdjacency(graph)
            (successorOffsets, successorList) = (undirected.offsets, undirected.neighbors)
            (predecessorOffsets, predecessorList) = (undirected.offsets, undirected.neighbors)
        }
    }

    func successors(_ v: Int) -> ArraySlice<Int32> { successorList[successorOffsets[v] ..< successorOffsets[v + 1]] }
    func predecessors(_ v: Int) -> ArraySlice<Int32> { predecessorList[predecessorOffsets[v] ..< predecessorOffsets[v + 1]] }
}

/// Maximum flow with capacity 1 on every person (node-split graph), Dinic's
/// algorithm: BFS levels from the source, then blocking flows by an iterative
/// depth-first search with current-arc pointers. Flat arc arrays; arc `e ^ 1`
/// is the reverse of arc `e`.
struct UnitVertexFlow {
    private let source: Int32
    private let sink: Int32
    private var head: [Int32]
    private var next: [Int32] = []
    private var target: [Int32] = []
    private var capacity: [Int32] = []
    private let personCount: Int

    /// Capacity of the arcs that must never be cut (more than any flow).
    private static func unbounded(_ n: Int) -> Int32 { Int32(clamping: n + 1) }

    /// The node-split network from `from` to `to`; with `keepingSets`, the sets'
    /// people are never cut (unbounded capacity) and arcs from a FROM person to a
    /// TO person are left out, so only people outside both sets can be cut.
    init(_ adjacency: FollowedAdjacency, from: [Bool], to: [Bool], keepingSets: Bool) {
        let n = adjacency.nodeCount
        personCount = n
        source = Int32(2 * n)
        sink = Int32(2 * n + 1)
        head = [Int32](repeating: -1, count: 2 * n + 2)
        let arcs = 2 * (n + adjacency.successorList.count + n)
        next.reserveCapacity(arcs)
        target.reserveCapacity(arcs)
        capacity.reserveCapacity(arcs)
        let big = Self.unbounded(n)
        for v in 0 ..< n {
            addArc(Int32(2 * v), Int32(2 * v + 1), keepingSets && (from[v] || to[v]) ? big : 1)
            if from[v] { addArc(source, Int32(2 * v), big) }
            if to[v] { addArc(Int32(2 * v + 1), sink, big) }
            for w in adjacency.successors(v) where Int(w) != v && !(keepingSets && from[v] && to[Int(w)]) {
                addArc(Int32(2 * v + 1), 2 * w, big)
            }
        }
    }

    private mutating func addArc(_ u: Int32, _ v: Int32, _ c: Int32) {
        target.append(v); capacity.append(c); next.append(head[Int(u)]); head[Int(u)] = Int32(next.count - 1)
        target.append(u); capacity.append(0); next.append(head[Int(v)]); head[Int(v)] = Int32(next.count - 1)
    }

    /// Pushes the maximum flow; returns its value.
    mutating func maximize() -> Int {
        let nodes = head.count
        var level = [Int32](repeating: -1, count: nodes)
        var queue = [Int32](repeating: 0, count: nodes)
        var current = [Int32](repeating: -1, count: nodes)
        var path: [Int32] = []   // arcs from the source to the node on top
        var total = 0
        let s = Int(source), t = Int(sink)
        while true {
            // BFS levels over arcs with residual capacity.
            for i in 0 ..< nodes { level[i] = -1 }
            level[s] = 0
            var qh = 0, qt = 0
            queue[qt] = source; qt += 1
            while qh < qt {
                let u = Int(queue[qh]); qh += 1
                var e = head[u]
                while e >= 0 {
                    let v = Int(target[Int(e)])
                    if capacity[Int(e)] > 0 && level[v] < 0 {
                        level[v] = level[u] + 1
                        queue[qt] = Int32(v); qt += 1
                    }
                    e = next[Int(e)]
                }
            }
            if level[t] < 0 { return total }
            for i in 0 ..< nodes { current[i] = head[i] }
            // Blocking flow: advance along level-increasing arcs, retreat from dead ends.
            path.removeAll(keepingCapacity: true)
            var u = s
            while true {
                if u == t {
                    var push = Int32.max
                    for e in path { push = min(push, capacity[Int(e)]) }
                    for e in path {
                        capacity[Int(e)] -= push
                        capacity[Int(e) ^ 1] += push
                    }
                    total += Int(push)
                    path.removeAll(keepingCapacity: true)
                    u = s
                    continue
                }
                var advanced = false
                while current[u] >= 0 {
                    let e = Int(current[u])
                    let v = Int(target[e])
                    if capacity[e] > 0 && level[v] == level[u] + 1 {
                        path.append(Int32(e))
                        u = v
                        advanced = true
                        break
                    }
                    current[u] = next[e]
                }
                if advanced { continue }
                // Dead end: no more flow through u in this phase.
                level[u] = -1
                guard let last = path.popLast() else { break }
                u = Int(target[Int(last) ^ 1])
                current[u] = next[Int(current[u])]
            }
        }
    }

    /// The flow decomposed into person paths, one per unit: from each FROM
    /// person whose `v_in` receives flow, along the arcs that carry flow (each
    /// person carries at most one unit, so the next person is unique) to the sink.
    func paths() -> [[Int]] {
        // Flow on a forward arc e (even index) is the residual capacity of its reverse e ^ 1.
        func flowTarget(from u: Int32) -> Int32? {
            var e = head[Int(u)]
            while e >= 0 {
                if e & 1 == 0 && capacity[Int(e) ^ 1] > 0 && target[Int(e)] != source { return target[Int(e)] }
                e = next[Int(e)]
            }
            return nil
        }
        var result: [[Int]] = []
        var e = head[Int(source)]
        var starts: [Int] = []
        while e >= 0 {
            if e & 1 == 0 && capacity[Int(e) ^ 1] > 0 { starts.append(Int(target[Int(e)]) / 2) }
            e = next[Int(e)]
        }
        for start in starts.sorted() {
            var path: [Int] = []
            var node = Int32(2 * start)
            while path.count <= personCount {
                let person = Int(node) / 2
                path.append(person)
                // v_in → v_out, then v_out → the next person's v_in or the sink.
                guard let after = flowTarget(from: Int32(2 * person + 1)) else { break }
                if after == sink { break }
                node = after
            }
            result.append(path)
        }
        return result
    }

    /// The people whose `v_in` the source still reaches in the residual graph and whose `v_out` it does not.
    func sourceSideCut() -> [Int] {
        var seen = [Bool](repeating: false, count: head.count)
        var stack: [Int32] = [source]
        seen[Int(source)] = true
        while let u = stack.popLast() {
            var e = head[Int(u)]
            while e >= 0 {
                let v = Int(target[Int(e)])
                if capacity[Int(e)] > 0 && !seen[v] {
                    seen[v] = true
                    stack.append(Int32(v))
                }
                e = next[Int(e)]
            }
        }
        return (0 ..< personCount).filter { seen[2 * $0] && !seen[2 * $0 + 1] }
    }
}
