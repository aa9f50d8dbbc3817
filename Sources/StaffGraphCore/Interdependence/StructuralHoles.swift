/// Burt's structural-hole measures for every person, binary whole-network
/// model (<doc:Conventions>; networkx `constraint`, `effective_size`).
///
/// With `s_ij = a_ij + a_ji` (0, 1 or 2: the arcs between i and j, ties as
/// present/absent, self-loops ignored) and `N(i)` the people tied to `i` in either
/// direction, the proportional tie strength is
///
///     p_ij = s_ij / Σ_{k ∈ N(i)} s_ik
///
/// - **constraint** `c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ j} p_iq p_qj)²`
///   (Burt 1992, eq. 2.4): high when i's contacts are few and tied to each
///   other (no structural holes): 1 for a single contact, 1.125 for each
///   member of a closed triangle, lower for people who bridge separate groups.
/// - **effective size** `e_i = Σ_{j ∈ N(i)} (1 − Σ_{q ∈ N(i)} p_iq m_jq)`, with
///   `m_jq = s_jq / max_k s_jk` (Burt 1992, p. 52): the number of contacts minus
///   their redundancy.
/// - **efficiency** `e_i / |N(i)|`, the share of contacts that are non-redundant.
///
/// Undefined (NaN) for isolates, as in networkx.
///
/// Example: a star with centre c and three leaves that do not know each other:
/// constraint of c = 3 · (1/3)² = 1/3, effective size 3, efficiency 1; each leaf
/// has constraint 1 and effective size 1.
public struct StructuralHoles: Sendable, Equatable {
    /// Burt's constraint per person (NaN for isolates).
    public var constraint: [Double]
    /// Burt's effective size per person (NaN for isolates).
    public var effectiveSize: [Double]
    /// Effective size over the number of contacts (NaN for isolates).
    public var efficiency: [Double]

    /// Computes all three for every person.
    /// - Complexity: O(Σ_i Σ_{j ∈ N(i)} k_j) = O(m · d_max) time, O(n) scratch per
    ///   chunk; parallel over people in fixed chunks, so the result does not depend
    ///   on the number of threads.
    /// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
    public init(_ graph: Graph, threads: Int = Parallelism.defaultThreads) {
        let u = UndirectedAdjacency(graph)
        let n = u.nodeCount
        var strengthOf = [Double](repeating: 0, count: n)
        var maxArcsOf = [Double](repeating: 0, count: n)
        for v in 0 ..< n {
            var total = 0, largest = 0
            for e in u.offsets[v] ..< u.offsets[v + 1] {
                let s = arcCount(u.codes[e])
                total += s
                largest = max(largest, s)
            }
            strengthOf[v] = Double(total)
            maxArcsOf[v] = Double(largest)
        }
        let strength = strengthOf, maxArcs = maxArcsOf
        let parts = parallelChunks(count: n, threads: threads) { range -> [(Double, Double)] in
            var out: [(Double, Double)] = []
            out.reserveCapacity(range.count)
            var slot = [Int32](repeating: -1, count: n)
            var indirect: [Double] = []
            var redundancy: [Double] = []
            u.offsets.withUnsafeBufferPointer { off in
                u.neighbors.withUnsafeBufferPointer { nb in
                    u.codes.withUnsafeBufferPointer { cd in
                        for i in range {
                            let iStart = off[i], iEnd = off[i + 1]
                            let k = iEnd - iStart
                            if k == 0 { out.append((.nan, .nan)); continue }
                            indirect.removeAll(keepingCapacity: true)
                            redundancy.removeAll(keepingCapacity: true)
                            for e in iStart ..< iEnd {
                                slot[Int(nb[e])] = Int32(truncatingIfNeeded: e - iStart)
                                indirect.append(0)
                                redundancy.append(0)
                            }
                            let si = strength[i]
                            for e in iStart ..< iEnd {
                                let q = Int(nb[e])
                                let piq = Double(arcCount(cd[e])) / si
                                let sq = strength[q]
                                for f in off[q] ..< off[q + 1] {
                                    let j = Int(nb[f])
                                    let t = Int(slot[j])
                                    if t < 0 { continue }
                                    let sqj = Double(arcCount(cd[f]))
                                    indirect[t] += piq * (sqj / sq)
                                    redundancy[t] += piq * (sqj / maxArcs[j])
                                }
                            }
                            var constraint = 0.0, effective = 0.0
                            for e in iStart ..< iEnd {
                                let t = e - iStart
                                let c = Double(arcCount(cd[e])) / si + indirect[t]
                                constraint += c * c
                                effective += 1 - redundancy[t]
                                slot[Int(nb[e])] = -1
                            }
                            out.append((constraint, effective))
                        }
                    }
                }
            }
            return out
        }
        var constraint: [Double] = [], effective: [Double] = [], efficiency: [Double] = []
        constraint.reserveCapacity(n); effective.reserveCapacity(n); efficiency.reserveCapacity(n)
        for part in parts {
            for (c, e) in part {
                let v = constraint.count
                constraint.append(c)
                effective.append(e)
                efficiency.append(e / Double(u.degree(v)))
            }
        }
        self.constraint = constraint
        self.effectiveSize = effective
        self.efficiency = efficiency
    }
}

/// Burt's constraint per person (see ``StructuralHoles``); NaN for isolates.
/// - Complexity: O(m · d_max).
public func constraint(_ graph: Graph) -> [Double] { StructuralHoles(graph).constraint }

/// Burt's effective size per person (see ``StructuralHoles``); NaN for isolates.
/// - Complexity: O(m · d_max).
public func effectiveSize(_ graph: Graph) -> [Double] { StructuralHoles(graph).effectiveSize }
