/// The five Gould–Fernandez (1989) brokerage roles. In a two-path
/// `a → b → c` with no tie `a → c`, `b` brokers between `a` and `c`; the role
/// depends on who shares `b`'s group:
///
/// | role | groups | sna |
/// |---|---|---|
/// | coordinator | a, b, c all in one group | w_I |
/// | consultant (itinerant) | a and c in one group, b in another | w_O |
/// | representative | a and b in one group, c in another (b carries the group's message out) | b_IO |
/// | gatekeeper | b and c in one group, a in another (b lets outside requests in) | b_OI |
/// | liaison | a, b, c in three different groups | b_O |
public enum BrokerageRole: String, Sendable, CaseIterable {
    /// a, b, c in one group (w_I).
    case coordinator
    /// a and c in one group, the broker b in another (w_O, "itinerant").
    case consultant
    /// a and b in one group, c in another (b_IO).
    case representative
    /// b and c in one group, a in another (b_OI).
    case gatekeeper
    /// a, b, c in three groups (b_O).
    case liaison
}

/// Gould–Fernandez brokerage counts of every person for a partition (sna
/// `brokerage`, raw counts `raw.nli`; <doc:Conventions>).
///
/// For each person `b`, counts the ordered two-paths `a → b → c` with `a ≠ c`
/// and no arc `a → c` (b is the only short way from a to c), by role
/// (``BrokerageRole``). `total` is their sum. Ties are binary; self-loops are
/// ignored.
///
/// Example: a → b → c with a, b in Math and c in Arts, no a → c: b is a
/// representative once (total 1); put c in Math too and b is a coordinator.
///
/// Partial credit (UCINET's 1/k when several brokers serve one pair) and sna's
/// expected values and z-scores are not computed.
public struct Brokerage: Sendable, Equatable {
    /// Coordinator counts (w_I).
    public var coordinator: [Int]
    /// Consultant / itinerant counts (w_O).
    public var consultant: [Int]
    /// Representative counts (b_IO).
    public var representative: [Int]
    /// Gatekeeper counts (b_OI).
    public var gatekeeper: [Int]
    /// Liaison counts (b_O).
    public var liaison: [Int]

    /// Total brokerage per person (the sum of the five roles).
    public var total: [Int] {
        (0 ..< coordinator.count).map { coordinator[$0] + consultant[$0] + representative[$0] + gatekeeper[$0] + liaison[$0] }
    }

    /// The counts of one role.
    public func counts(_ role: BrokerageRole) -> [Int] {
        switch role {
        case .coordinator: return coordinator
        case .consultant: return consultant
        case .representative: return representative
        case .gatekeeper: return gatekeeper
        case .liaison: return liaison
        }
    }

    /// The counts of one role as `[Double]` (for tables of node measures); `nil` role = total.
    public func values(_ role: BrokerageRole?) -> [Double] {
        (role.map { counts($0) } ?? total).map(Double.init)
    }

    /// Counts every person's brokerage roles.
    /// - Complexity: O(Σ_b Σ_{a → b} (d_out(a) + d_out(b))) = O(m · d_max) time,
    ///   O(n) scratch per chunk; parallel over brokers in fixed chunks.
    /// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
    public init(_ graph: Graph, partition: Partition, threads: Int = Parallelism.defaultThreads) {
        precondition(partition.labels.count == graph.nodeCount, "one group label per person")
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let labels = partition.labels
        let parts = parallelChunks(count: n, threads: threads) { range -> [[Int]] in
            var rows = [[Int]](repeating: [Int](repeating: 0, count: range.count), count: 5)
            var mark = [Int32](repeating: -1, count: n)
            g.outOffsets.withUnsafeBufferPointer { off in
                g.outTargets.withUnsafeBufferPointer { tg in
                    g.inSources.withUnsafeBufferPointer { src in
                        for b in range {
                            let gb = labels[b]
                            var counts = (0, 0, 0, 0, 0)
                            for e in g.inOffsets[b] ..< g.inOffsets[b + 1] {
                                let a = Int(src[e])
                                let a32 = Int32(truncatingIfNeeded: a)
                                for f in off[a] ..< off[a + 1] { mark[Int(tg[f])] = a32 }
                                let ga = labels[a]
                                for f in off[b] ..< off[b + 1] {
                                    let c = Int(tg[f])
                                    if c == a || mark[c] == a32 { continue }
                                    let gc = labels[c]
                                    if ga == gb {
                                        if gc == gb { counts.0 += 1 } else { counts.2 += 1 }
                                    } else if gc == gb {
                                        counts.3 += 1
                                    } else if ga == gc {
                                        counts.1 += 1
                                    } else {
                                        counts.4 += 1
                                    }
                                }
                            }
                            let r = b - range.lowerBound
                            rows[0][r] = counts.0; rows[1][r] = counts.1; rows[2][r] = counts.2
                            rows[3][r] = counts.3; rows[4][r] = counts.4
                        }
                    }
                }
            }
            return rows
        }
        coordinator = parts.flatMap { $0[0] }
        consultant = parts.flatMap { $0[1] }
        representative = parts.flatMap { $0[2] }
        gatekeeper = parts.flatMap { $0[3] }
        liaison = parts.flatMap { $0[4] }
    }

    /// Sums of each role over the members of each group (brokers' groups), in
    /// partition order: `result[g]` = (coordinator, consultant, representative,
    /// gatekeeper, liaison, total) of group `g`.
    public func totals(by partition: Partition) -> [[Int]] {
        var sums = [[Int]](repeating: [Int](repeating: 0, count: 6), count: partition.count)
        let t = total
        for v in 0 ..< coordinator.count {
            let g = partition.labels[v]
            sums[g][0] += coordinator[v]; sums[g][1] += consultant[v]; sums[g][2] += representative[v]
            sums[g][3] += gatekeeper[v]; sums[g][4] += liaison[v]; sums[g][5] += t[v]
        }
        return sums
    }
}
