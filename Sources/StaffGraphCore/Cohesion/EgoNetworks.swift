/// Ego-network measures for every person (UCINET Ego Networks, R egor
/// conventions; <doc:Conventions>, "Ego networks").
///
/// The **ego network** of a person `i` (ego) is `i` plus its **alters** `A(i)`:
/// the people `i` names or who name `i` (neighbours in either direction,
/// self-loops ignored), with every arc of the directed graph among them (the
/// induced subgraph). Ties are binary. With `a = |A(i)|`:
///
/// - **size**: `ego_size_out` = people `i` names, `ego_size_in` = people who
///   name `i`, `ego_size` = `a` (the union; mutual contacts counted once).
/// - **density** `ego_density = T / (a(a − 1))`, `T` the arcs among alters
///   (ego's own ties left out); undefined (NaN) when `a < 2`.
/// - **ego betweenness** (Everett & Borgatti 2005): the raw directed Brandes
///   betweenness of `i` within its ego network,
///   `Σ_{s ≠ t ∈ A(i)} σ_st(i) / σ_st`, shortest paths taken inside the ego
///   network (networkx `betweenness_centrality(ego_net, normalized=False)`).
/// - **two-step reach**: the people reached from `i` in one or two steps along
///   out-ties, `i` excluded (out-alters and their out-alters).
/// - **ego-network constraint** (Burt 1992, ego-network model as in UCINET):
///   `c_i = Σ_{j ∈ A(i)} (p_ij + Σ_{q ∈ A(i), q ≠ j} p_iq p_qj)²` with
///   `p_xy = s_xy / Σ_{k ∈ E(i)} s_xk`, `s_xy = a_xy + a_yx`, where every sum
///   runs over the ego network `E(i) = {i} ∪ A(i)` only. This differs from the
///   whole-network ``StructuralHoles/constraint`` (networkx `constraint`),
///   which divides `s_qj` by q's ties to *everyone*, inside or outside i's
///   network: the two agree only when no alter has ties leaving i's network.
///   Undefined (NaN) for isolates.
///
/// References: Everett, M. & Borgatti, S. P. (2005). Ego network betweenness.
/// *Social Networks* 27(1), 31–38, doi:10.1016/j.socnet.2004.11.007.
/// Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
/// Borgatti, Everett & Johnson (2018), *Analyzing Social Networks*, ch. 15 (ego networks).
///
/// Example: arcs `e → a`, `b → e`, `a → b`, `e → c`. Ego `e` has out-alters
/// {a, c}, in-alters {b}, size 3; one arc among alters (a → b) over 3·2
/// possible: density 1/6; ego betweenness 3 (b → e → a, b → e → c and
/// a → b → e → c each pass through e, on their only shortest path); two-step
/// reach {a, c, b} = 3; ego-network constraint 2 · (1/3 + 1/6)² + (1/3)² = 11/18.
public struct EgoNetworks: Sendable, Equatable {
    /// Number of people each person names (out-alters, self excluded).
    public var sizeOut: [Int]
    /// Number of people who name each person (in-alters, self excluded).
    public var sizeIn: [Int]
    /// Number of alters: people tied to the person in either direction.
    public var size: [Int]
    /// Arcs among alters over `a(a − 1)`; NaN with fewer than two alters.
    public var density: [Double]
    /// Raw directed betweenness of the person inside their ego network (Everett & Borgatti 2005).
    public var betweenness: [Double]
    /// People reached in one or two steps along out-ties, the person excluded.
    public var twoStepReach: [Int]
    /// Burt's constraint with every proportion computed inside the ego network; NaN for isolates.
    public var constraint: [Double]

    /// Computes every measure for every person.
    /// - Parameter threads: how many threads run the fixed chunks (default: every
    ///   core); the result does not depend on it.
    /// - Complexity: O(Σ_i (m_i · a_i + Σ_{j ∈ A(i)} d_j)) time, where `m_i` is the
    ///   number of arcs in i's ego network and `d_j` the degree of alter `j`;
    ///   O(n) scratch per chunk, reused from one ego to the next.
    public init(_ graph: Graph, threads: Int = Parallelism.defaultThreads) {
        let u = UndirectedAdjacency(graph)
        let n = graph.nodeCount
        let parts = parallelChunks(count: n, threads: threads) { range -> [Row] in
            var rows: [Row] = []
            rows.reserveCapacity(range.count)
            var scratch = EgoScratch(nodeCount: n)
            for ego in range { rows.append(scratch.measure(ego, graph: graph, adjacency: u)) }
            return rows
        }
        var sizeOut: [Int] = [], sizeIn: [Int] = [], size: [Int] = [], reach: [Int] = []
        var density: [Double] = [], betweenness: [Double] = [], constraint: [Double] = []
        for part in parts {
            for row in part {
                sizeOut.append(row.sizeOut); sizeIn.append(row.sizeIn); size.append(row.size)
                density.append(row.density); betweenness.append(row.betweenness)
                reach.append(row.reach); constraint.append(row.constraint)
            }
        }
        self.sizeOut = sizeOut
        self.sizeIn = sizeIn
        self.size = size
        self.density = density
        self.betweenness = betweenness
        self.twoStepReach = reach
        self.constraint = constraint
    }

    /// One ego's values.
    struct Row: Sendable {
        var sizeOut = 0, sizeIn = 0, size = 0, reach = 0
        var density = Double.nan, betweenness = 0.0, constraint = Double.nan
    }
}

/// Scratch buffers for one chunk of egos, allocated once and reused: an
/// index from people to their place in the current ego network, the ego
/// network as a small CSR, and the Brandes and Burt buffers.
private struct EgoScratch {
    /// Local index of each person in the current ego network (0 = ego), −1 outside.
    var slot: [Int32]
    /// Last ego whose two-step reach counted the person.
    var seen: [Int32]
    var members: [Int32] = []
    var localOffsets: [Int] = []
    var localTargets: [Int32] = []
    var dist: [Int32] = []
    var sigma: [Double] = []
    var delta: [Double] = []
    var order: [Int32] = []
    var strength: [Double] = []
    var indirect: [Double] = []

    init(nodeCount n: Int) {
        slot = [Int32](repeating: -1, count: n)
        seen = [Int32](repeating: -1, count: n)
    }

    mutating func measure(_ ego: Int, graph: Graph, adjacency u: UndirectedAdjacency) -> EgoNetworks.Row {
        var row = EgoNetworks.Row()
        let start = u.offsets[ego], end = u.offsets[ego + 1]
        let a = end - start
        row.size = a
        // Members: ego first, then alters in index order.
        members.removeAll(keepingCapacity: true)
        members.append(Int32(truncatingIfNeeded: ego))
        slot[ego] = 0
        for e in start ..< end {
            let code = u.codes[e]
            row.sizeOut += Int(code & 1)
            row.sizeIn += Int(code >> 1)
            slot[Int(u.neighbors[e])] = Int32(truncatingIfNeeded: members.count)
            members.append(u.neighbors[e])
        }
        let k = members.count

        // The ego network's arcs as a local CSR; arcs among alters for density.
        localOffsets.removeAll(keepingCapacity: true)
        localTargets.removeAll(keepingCapacity: true)
        localOffsets.append(0)
        var amongAlters = 0
        for l in 0 ..< k {
            let v = Int(members[l])
            for e in graph.outOffsets[v] ..< graph.outOffsets[v + 1] {
                let w = Int(graph.outTargets[e])
                if w == v { continue }
                let t = slot[w]
                if t < 0 { continue }
                localTargets.append(t)
                if l > 0 && t > 0 { amongAlters += 1 }
            }
            localOffsets.append(localTargets.count)
        }
        if a >= 2 { row.density = Double(amongAlters) / (Double(a) * Double(a - 1)) }

        row.betweenness = egoBetweenness(memberCount: k)
        if a > 0 { row.constraint = egoConstraint(memberCount: k) }

        // Two-step reach along out-ties.
        let stamp = Int32(truncatingIfNeeded: ego)
        seen[ego] = stamp
        var reach = 0
        for e in graph.outOffsets[ego] ..< graph.outOffsets[ego + 1] {
            let w = Int(graph.outTargets[e])
            if seen[w] != stamp { seen[w] = stamp; reach += 1 }
        }
        for e in graph.outOffsets[ego] ..< graph.outOffsets[ego + 1] {
            let w = Int(graph.outTargets[e])
            for f in graph.outOffsets[w] ..< graph.outOffsets[w + 1] {
                let x = Int(graph.outTargets[f])
                if seen[x] != stamp { seen[x] = stamp; reach += 1 }
            }
        }
        row.reach = reach

        for l in 0 ..< k { slot[Int(members[l])] = -1 }
        return row
    }

    /// Brandes from every alter inside the local CSR, keeping ego's (local 0)
    /// dependency; successors are the out-neighbours one step further.
    mutating func egoBetweenness(memberCount k: Int) -> Double {
        if k < 3 { return 0 }
        if dist.count < k {
            dist = [Int32](repeating: -1, count: k)
            sigma = [Double](repeating: 0, count: k)
            delta = [Double](repeating: 0, count: k)
        }
        var total = 0.0
        for s in 1 ..< k {
            order.removeAll(keepingCapacity: true)
            for l in 0 ..< k { dist[l] = -1; sigma[l] = 0; delta[l] = 0 }
            dist[s] = 0
            sigma[s] = 1
            order.append(Int32(truncatingIfNeeded: s))
            var head = 0
            while head < order.count {
                let v = Int(order[head]); head += 1
                let dv = dist[v]
                for e in localOffsets[v] ..< localOffsets[v + 1] {
                    let w = Int(localTargets[e])
                    if dist[w] < 0 {
                        dist[w] = dv + 1
                        order.append(Int32(truncatingIfNeeded: w))
                    }
                    if dist[w] == dv + 1 { sigma[w] += sigma[v] }
                }
            }
            // Ego must be reached to lie on a path; its dependency is all we need.
            if dist[0] < 0 { continue }
            var index = order.count - 1
            while index >= 0 {
                let v = Int(order[index]); index -= 1
                let dv = dist[v]
                var d = 0.0
                for e in localOffsets[v] ..< localOffsets[v + 1] {
                    let w = Int(localTargets[e])
                    if dist[w] == dv + 1 { d += sigma[v] / sigma[w] * (1 + delta[w]) }
                }
                delta[v] = d
                if v == 0 { break }
            }
            total += delta[0]
        }
        return total
    }

    /// Burt's constraint of ego (local 0) with proportions inside the ego network.
    mutating func egoConstraint(memberCount k: Int) -> Double {
        strength.removeAll(keepingCapacity: true)
        indirect.removeAll(keepingCapacity: true)
        for _ in 0 ..< k { strength.append(0); indirect.append(0) }
        // s_xy = a_xy + a_yx, so each local arc adds 1 to both ends' totals.
        for x in 0 ..< k {
            for e in localOffsets[x] ..< localOffsets[x + 1] {
                strength[x] += 1
                strength[Int(localTargets[e])] += 1
            }
        }
        let s0 = strength[0]
        // sigma is reused as s_0j, the arcs between ego and each alter j.
        if sigma.count < k { sigma = [Double](repeating: 0, count: k) }
        for l in 0 ..< k { sigma[l] = 0 }
        for e in localOffsets[0] ..< localOffsets[1] { sigma[Int(localTargets[e])] += 1 }
        for x in 1 ..< k {
            for e in localOffsets[x] ..< localOffsets[x + 1] where localTargets[e] == 0 { sigma[x] += 1 }
        }
        // p_0q p_qj, accumulated per arc between alters q and j (each arc adds 1 to s_qj = s_jq).
        for x in 1 ..< k {
            for e in localOffsets[x] ..< localOffsets[x + 1] {
                let y = Int(localTargets[e])
                if y == 0 { continue }
                indirect[y] += (sigma[x] / s0) * (1 / strength[x])
                indirect[x] += (sigma[y] / s0) * (1 / strength[y])
            }
        }
        var c = 0.0
        for j in 1 ..< k {
            let term = sigma[j] / s0 + indirect[j]
            c += term * term
        }
        return c
    }
}

/// One alter of an ego: who, and which way the ties run.
public struct EgoAlter: Sendable, Equatable {
    /// The alter's node index.
    public var person: Int
    /// Ego names the alter (ego → alter).
    public var namedByEgo: Bool
    /// The alter names ego (alter → ego).
    public var namesEgo: Bool

    /// An alter with the directions of its ties to ego.
    public init(person: Int, namedByEgo: Bool, namesEgo: Bool) {
        self.person = person
        self.namedByEgo = namedByEgo
        self.namesEgo = namesEgo
    }
}

/// The alters of `ego`: everyone ego names or who names ego, self excluded,
/// in node order, with the direction of their ties.
/// - Complexity: O(out-degree + in-degree of ego).
public func egoAlters(of ego: Int, in graph: Graph) -> [EgoAlter] {
    var result: [EgoAlter] = []
    var a = graph.outOffsets[ego], b = graph.inOffsets[ego]
    let aEnd = graph.outOffsets[ego + 1], bEnd = graph.inOffsets[ego + 1]
    while a < aEnd || b < bEnd {
        let x = a < aEnd ? Int(graph.outTargets[a]) : Int.max
        let y = b < bEnd ? Int(graph.inSources[b]) : Int.max
        let w = min(x, y)
        if x == w { a += 1 }
        if y == w { b += 1 }
        if w != ego { result.append(EgoAlter(person: w, namedByEgo: x == w, namesEgo: y == w)) }
    }
    return result
}

/// The mix of ego's alters on an attribute (a ``Partition``): Blau diversity,
/// the index of qualitative variation and the E-I index, per person.
///
/// Over the alters `A(i)` (as in ``EgoNetworks``) whose value is known
/// (alters in the partition's missing group are left out), with `p_g` the
/// share of those alters in group `g` and `K` the number of groups (missing
/// group excluded) among all people of the partition:
///
/// - **Blau** `1 − Σ_g p_g²` (Blau 1977): 0 when every alter shares one
///   value; undefined (NaN) with no alter of known value.
/// - **IQV** `Blau · K/(K − 1)` (Agresti & Agresti 1978): Blau rescaled to
///   reach 1 when alters spread evenly over all K groups; NaN when `K < 2`.
/// - **E-I** `(E − I)/(E + I)` (Krackhardt & Stern 1988), counting each alter
///   once: external = an alter whose value differs from ego's, internal = the
///   same value; −1 = all alters in ego's group, +1 = none; NaN with no alter
///   of known value or when ego's own value is missing.
///
/// Example: ego in Math with alters in Math, Math, Arts, and three groups in
/// the school: Blau = 1 − (4/9 + 1/9) = 4/9, IQV = 4/9 · 3/2 = 2/3,
/// E-I = (1 − 2)/3 = −1/3.
public struct EgoComposition: Sendable, Equatable {
    /// Blau diversity of each person's alters; NaN when undefined.
    public var blau: [Double]
    /// Index of qualitative variation of each person's alters; NaN when undefined.
    public var iqv: [Double]
    /// E-I index of each person's alters by group; NaN when undefined.
    public var ei: [Double]

    /// Computes the three indices for every person.
    /// - Parameters:
    ///   - partition: one group per node of `graph`.
    ///   - threads: how many threads run the fixed chunks; the result does not depend on it.
    /// - Complexity: O(n + m).
    public init(_ graph: Graph, partition: Partition, threads: Int = Parallelism.defaultThreads) {
        precondition(partition.labels.count == graph.nodeCount, "one group per person")
        let u = UndirectedAdjacency(graph)
        let missing = partition.names.firstIndex(of: Partition.missingName) ?? -1
        let groups = partition.count - (missing >= 0 ? 1 : 0)
        let labels = partition.labels
        let groupCount = partition.count
        let parts = parallelChunks(count: graph.nodeCount, threads: threads) { range -> [(Double, Double, Double)] in
            var out: [(Double, Double, Double)] = []
            out.reserveCapacity(range.count)
            var counts = [Int](repeating: 0, count: groupCount)
            var touched: [Int] = []
            for ego in range {
                touched.removeAll(keepingCapacity: true)
                var known = 0, same = 0
                for e in u.offsets[ego] ..< u.offsets[ego + 1] {
                    let g = labels[Int(u.neighbors[e])]
                    if g == missing { continue }
                    if counts[g] == 0 { touched.append(g) }
                    counts[g] += 1
                    known += 1
                    if g == labels[ego] { same += 1 }
                }
                var blau = Double.nan, iqv = Double.nan, ei = Double.nan
                if known > 0 {
                    var sum = 0.0
                    for g in touched {
                        let p = Double(counts[g]) / Double(known)
                        sum += p * p
                    }
                    blau = 1 - sum
                    if groups >= 2 { iqv = blau * Double(groups) / Double(groups - 1) }
                    if labels[ego] != missing { ei = Double(known - 2 * same) / Double(known) }
                }
                for g in touched { counts[g] = 0 }
                out.append((blau, iqv, ei))
            }
            return out
        }
        var blau: [Double] = [], iqv: [Double] = [], ei: [Double] = []
        for part in parts {
            for (b, q, e) in part { blau.append(b); iqv.append(q); ei.append(e) }
        }
        self.blau = blau
        self.iqv = iqv
        self.ei = ei
    }
}
