/// Which of a person's ties enter their E-I index (<doc:Conventions>: stated with the result).
public enum EITies: String, Sendable, CaseIterable {
    /// Ties sent and received, each arc once (a mutual tie counts twice) (default).
    case all
    /// Ties the person sends (whom they name).
    case sent
    /// Ties the person receives (who names them).
    case received
}

/// E-I of one group.
public struct GroupEI: Sendable, Equatable {
    /// The group's name.
    public var group: String
    /// Number of members.
    public var size: Int
    /// Arcs between two members.
    public var `internal`: Int
    /// Arcs between a member and a non-member, either direction.
    public var external: Int
    /// `(E − I) / (E + I)`, `nil` when the group has no tie.
    public var eiIndex: Double?
}

/// Krackhardt & Stern's (1988) E-I index: `(E − I) / (E + I)`, with `E` the
/// ties that cross group boundaries and `I` the ties inside groups, on the
/// binary directed graph (UCINET's E-I index; <doc:Conventions>). −1: every tie stays
/// inside its group; +1: every tie crosses.
///
/// - **network**: over all arcs (self-loops ignored).
/// - **per group**: over arcs with at least one end in the group; `I` = both
///   ends in it, `E` = exactly one end in it (sent or received).
/// - **per person**: over the person's arcs, chosen by ``EITies``.
///
/// Example: groups {a, b} and {c}; ties a → b, a → c, c → a: network E = 2, I = 1,
/// E-I = 1/3; group {a, b}: I = 1, E = 2, 1/3; group {c}: I = 0, E = 2, 1;
/// person a (all arcs): E = 2, I = 1, 1/3; person b: I = 1, −1.
public struct EIIndex: Sendable, Equatable {
    /// Arcs inside groups.
    public var internalTies: Int
    /// Arcs between groups.
    public var externalTies: Int
    /// Network E-I (`nil` with no ties).
    public var network: Double?
    /// One entry per group, in partition order.
    public var groups: [GroupEI]
    /// Per person (NaN for a person with no tie of the chosen kind).
    public var people: [Double]
    /// Which ties the per-person index uses.
    public var peopleTies: EITies

    /// Computes the index for the network, each group and each person.
    /// - Complexity: O(n + m + g).
    public init(_ graph: Graph, partition: Partition, peopleTies: EITies = .all) {
        precondition(partition.labels.count == graph.nodeCount, "one group label per person")
        let labels = partition.labels
        let n = graph.nodeCount
        var groupInternal = [Int](repeating: 0, count: partition.count)
        var groupExternal = [Int](repeating: 0, count: partition.count)
        var personInternal = [Int](repeating: 0, count: n)
        var personExternal = [Int](repeating: 0, count: n)
        var internalTies = 0, externalTies = 0
        for v in 0 ..< n {
            for t32 in graph.outNeighbors(v) {
                let t = Int(t32)
                if t == v { continue }
                let same = labels[v] == labels[t]
                if same {
                    internalTies += 1
                    groupInternal[labels[v]] += 1
                } else {
                    externalTies += 1
                    groupExternal[labels[v]] += 1
                    groupExternal[labels[t]] += 1
                }
                if peopleTies != .received {
                    if same { personInternal[v] += 1 } else { personExternal[v] += 1 }
                }
                if peopleTies != .sent {
                    if same { personInternal[t] += 1 } else { personExternal[t] += 1 }
                }
            }
        }
        self.internalTies = internalTies
        self.externalTies = externalTies
        self.network = eiRatio(external: externalTies, internal: internalTies)
        self.groups = (0 ..< partition.count).map { g in
            GroupEI(group: partition.names[g], size: partition.sizes[g], internal: groupInternal[g], external: groupExternal[g],
                    eiIndex: eiRatio(external: groupExternal[g], internal: groupInternal[g]))
        }
        self.people = (0 ..< n).map { eiRatio(external: personExternal[$0], internal: personInternal[$0]) ?? .nan }
        self.peopleTies = peopleTies
    }
}

/// `(E − I) / (E + I)`, or `nil` when `E + I = 0`.
func eiRatio(external: Int, internal: Int) -> Double? {
    external + `internal` > 0 ? Double(external - `internal`) / Double(external + `internal`) : nil
}

/// A permutation test of the network E-I index: is it lower (more in-group)
/// or higher than chance, given the group sizes and the ties?
///
/// Group labels are shuffled among all people (sizes kept, ties fixed) with the
/// project's seeded generator, `permutations` times; each shuffled partition's
/// network E-I is compared with the observed one. p-values include the observed
/// partition (`(1 + count) / (1 + permutations)`), so they are never 0:
///
/// - `pLower` = share with E-I ≤ observed (evidence for in-group preference),
/// - `pUpper` = share with E-I ≥ observed,
/// - `pValue` = two-sided, `min(1, 2 · min(pLower, pUpper))`.
///
/// The permutations are split into 64 fixed chunks, each with its own stream
/// derived from the seed (``SeededRandom/init(seed:stream:)``), so the result
/// is the same on any number of cores.
public struct EIPermutationTest: Sendable, Equatable {
    /// Observed network E-I (`nil` with no ties; then every p-value is `nil`).
    public var observed: Double?
    /// Mean E-I over the permutations.
    public var permutationMean: Double?
    /// One-sided p-value for an E-I this low or lower.
    public var pLower: Double?
    /// One-sided p-value for an E-I this high or higher.
    public var pUpper: Double?
    /// Two-sided p-value.
    public var pValue: Double?
    /// Number of permutations.
    public var permutations: Int
    /// The seed.
    public var seed: UInt64

    /// Runs the test.
    /// - Complexity: O(permutations · (n + m)), parallel over fixed chunks of permutations.
    /// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
    public init(_ graph: Graph, partition: Partition, permutations: Int = 5000, seed: UInt64 = 42, threads: Int = Parallelism.defaultThreads) {
        precondition(permutations >= 0, "permutations must be non-negative")
        let g = graph.droppingSelfLoops()
        let labels = partition.labels
        let m = g.edgeCount
        let observedInternal = internalArcs(g, labels)
        self.permutations = permutations
        self.seed = seed
        guard m > 0 else {
            observed = nil; permutationMean = nil; pLower = nil; pUpper = nil; pValue = nil
            return
        }
        observed = Double(m - 2 * observedInternal) / Double(m)
        let parts = parallelChunks(count: permutations, threads: threads) { range -> (lower: Int, upper: Int, sumInternal: Int) in
            var rng = SeededRandom(seed: seed, stream: range.lowerBound)
            var shuffled = labels
            var lower = 0, upper = 0, sum = 0
            for _ in range {
                rng.shuffle(&shuffled)
                let i = internalArcs(g, shuffled)
                sum += i
                // E-I = (m − 2I)/m: a lower E-I is a larger I (integers, no rounding).
                if i >= observedInternal { lower += 1 }
                if i <= observedInternal { upper += 1 }
            }
            return (lower, upper, sum)
        }
        let lower = parts.reduce(0) { $0 + $1.lower }, upper = parts.reduce(0) { $0 + $1.upper }
        let sumInternal = parts.reduce(0) { $0 + $1.sumInternal }
        if permutations > 0 {
            let meanInternal = Double(sumInternal) / Double(permutations)
            permutationMean = (Double(m) - 2 * meanInternal) / Double(m)
        } else {
            permutationMean = nil
        }
        let pl = Double(1 + lower) / Double(1 + permutations)
        let pu = Double(1 + upper) / Double(1 + permutations)
        pLower = pl
        pUpper = pu
        pValue = min(1, 2 * min(pl, pu))
    }
}

/// Arcs whose two ends carry the same label.
private func internalArcs(_ g: Graph, _ labels: [Int]) -> Int {
    var count = 0
    labels.withUnsafeBufferPointer { lab in
        g.outTargets.withUnsafeBufferPointer { tg in
            for v in 0 ..< g.nodeCount {
                let lv = lab[v]
                for e in g.outOffsets[v] ..< g.outOffsets[v + 1] where lab[Int(tg[e])] == lv { count += 1 }
            }
        }
    }
    return count
}
