/// Krackhardt's (1994) four dimensions of informal hierarchy ("Graph theoretical
/// dimensions of informal organizations"), as R sna computes them on the binary
/// graph (self-loops ignored). Each is 1 for a perfect out-tree (a formal chain
/// of command: everyone linked, one-way, with no redundant ties and a common
/// boss for every pair).
///
/// - **connectedness** (sna `connectedness`): the share of unordered pairs that are
///   weakly connected, `Σ_c s_c(s_c − 1)/2 / (n(n − 1)/2)` over weak components of
///   sizes `s_c`; 1 when n ≤ 1.
/// - **hierarchy** (sna `hierarchy(measure = "krackhardt")`): 1 − the share of
///   reachable pairs that are reachable both ways, `1 − S / (R − S)`, with `R` the
///   ordered pairs (i, j) such that i reaches j and `S` the unordered pairs in
///   one strong component (sna: 1 − `grecip(reachability, "dyadic.nonnull")`).
/// - **efficiency** (sna `efficiency`): `1 − (m − Σ_c (s_c − 1)) / Σ_c (s_c − 1)²`, how few
///   arcs exceed the minimum that keeps each weak component connected.
/// - **LUBness** (sna `lubness`): `1 − V / Σ_c (s_c − 1)(s_c − 2)/2` over weak components
///   with more than two people, where V counts pairs in a component that have no
///   least upper bound. As in sna, an arc `i → j` reads "i is above j": an upper
///   bound of i and j is someone who reaches both (reachability includes
///   oneself), and the pair passes when one upper bound reaches every other
///   upper bound (sna's `lubness_con_R` test, checked against sna on every
///   golden graph).
///   **Orientation:** advice data ("i names j": j is sought, so j is above i)
///   runs the other way; pass `graph.reversed()` for LUBness in that reading.
///   The other three dimensions do not depend on the direction of the arcs.
///
/// Example: a → b and a → c (a above both, sna's reading): connectedness 1;
/// hierarchy 1 (2 reachable pairs, none mutual); efficiency 1 (2 arcs, 2
/// needed); LUBness 1 (a is the least upper bound of b and c). Reversed
/// (b → a, c → a), b and c have no upper bound: LUBness 0. Add b → a to the
/// first graph and hierarchy drops to
/// 1 − 1/(4 − 1) = 2/3: of the 3 reachable pairs, a–b is mutual.
///
/// LUBness needs the reachability of every strong component, held as bitsets
/// over the components (C² bits): it is computed when the graph has at most
/// ``maximumComponentsForLUBness`` strong components and is `nil` above (with
/// ``lubnessSkipped`` set). Hierarchy counts reachable pairs in blocks of 64
/// components and has no such limit.
public struct KrackhardtDimensions: Sendable, Equatable {
    /// Share of pairs weakly connected (`nil` never; 1 for n ≤ 1).
    public var connectedness: Double
    /// 1 − share of reachable pairs that are mutually reachable (`nil` when no one reaches anyone).
    public var hierarchy: Double?
    /// 1 − share of surplus arcs (`nil` when every weak component has one person).
    public var efficiency: Double?
    /// 1 − share of pairs without a least upper bound (`nil` when no weak component has three people, or skipped).
    public var lubness: Double?
    /// True when the graph had too many strong components for LUBness.
    public var lubnessSkipped: Bool

    /// Strong components above which LUBness is skipped (bitsets of C² bits).
    public static let maximumComponentsForLUBness = 10_000

    /// Computes the four dimensions.
    /// - Complexity: O(n + m) for connectedness and efficiency; hierarchy
    ///   O(C · (C + m) / 64) and LUBness O(C · (C + m) / 64 + P · C / 64) with C
    ///   strong components and P pairs of them in one weak component, parallel
    ///   (a few milliseconds for a school; the cost grows with C, not with n,
    ///   when most people share one strong component).
    /// - Parameter threads: how many threads run the fixed chunks (default: every core); the result does not depend on it.
    public init(_ graph: Graph, threads: Int = Parallelism.defaultThreads) {
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let weak = weakComponents(g)
        var pairs = 0, needed = 0, possibleSurplus = 0, lubMax = 0
        for s in weak.sizes {
            pairs += s * (s - 1) / 2
            needed += s - 1
            possibleSurplus += (s - 1) * (s - 1)
            if s > 2 { lubMax += (s - 1) * (s - 2) / 2 }
        }
        connectedness = n <= 1 ? 1 : Double(pairs) / Double(n * (n - 1) / 2)
        efficiency = possibleSurplus > 0 ? 1 - Double(g.edgeCount - needed) / Double(possibleSurplus) : nil

        // R: ordered reachable pairs; S: unordered mutually reachable pairs.
        let condensation = Condensation(g)
        let c = condensation.count
        let sizes = condensation.sizes
        let reachablePairs = countReachablePairs(g, threads: threads)
        let mutualPairs = sizes.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        hierarchy = reachablePairs - mutualPairs > 0 ? 1 - Double(mutualPairs) / Double(reachablePairs - mutualPairs) : nil

        guard c <= Self.maximumComponentsForLUBness else {
            lubness = nil; lubnessSkipped = true
            return
        }
        lubnessSkipped = false
        let reach = condensation.reachability()
        let words = reach.words
        guard lubMax > 0 else { lubness = nil; return }
        // Components of each weak component, to pair them.
        var groups = [[Int]](repeating: [], count: weak.count)
        for x in 0 ..< c { groups[weak.labels[condensation.representative[x]]].append(x) }
        let byWeak = groups
        let weakOf = (0 ..< c).map { weak.labels[condensation.representative[$0]] }
        // Upper bounds reach both people: ancestors = the transpose of the reachability rows.
        var ancestorBits = [UInt64](repeating: 0, count: c * words)
        for x in 0 ..< c {
            for w in 0 ..< words {
                var bits = reach.bits[x * words + w]
                while bits != 0 {
                    let y = w * 64 + bits.trailingZeroBitCount
                    ancestorBits[y * words + x / 64] |= 1 << UInt64(x % 64)
                    bits &= bits - 1
                }
            }
        }
        let ancestors = ancestorBits
        let parts = parallelChunks(count: c, threads: threads) { range -> Int in
            var violations = 0
            var meet = [UInt64](repeating: 0, count: words)
            reach.bits.withUnsafeBufferPointer { bits in
                ancestors.withUnsafeBufferPointer { anc in
                    for x in range {
                        for y in byWeak[weakOf[x]] where y >= x && (y > x || sizes[x] > 1) {
                            // Upper bounds of (x, y): components that reach both (pairs inside one
                            // strong component too: their upper bounds are that component's ancestors).
                            var first = -1
                            for w in 0 ..< words {
                                meet[w] = anc[x * words + w] & anc[y * words + w]
                                if first < 0 && meet[w] != 0 { first = w * 64 + meet[w].trailingZeroBitCount }
                            }
                            var hasLUB = false
                            if first >= 0 {
                                // Components are numbered in topological order, so only the first
                                // upper bound can reach all the others.
                                hasLUB = true
                                for w in 0 ..< words where meet[w] & ~bits[first * words + w] != 0 { hasLUB = false; break }
                            }
                            if !hasLUB { violations += x == y ? sizes[x] * (sizes[x] - 1) / 2 : sizes[x] * sizes[y] }
                        }
                    }
                }
            }
            return violations
        }
        let violations = parts.reduce(0, +)
        lubness = 1 - Double(violations) / Double(lubMax)
    }
}

/// Strong components numbered in topological order of the condensation
/// (a component's successors have larger numbers), with their sizes.
struct Condensation: Sendable {
    /// Component of each node.
    let component: [Int]
    /// Size of each component.
    let sizes: [Int]
    /// One node of each component.
    let representative: [Int]
    /// Arcs between components (deduplicated), CSR.
    let offsets: [Int]
    let targets: [Int]

    var count: Int { sizes.count }

    init(_ g: Graph) {
        let n = g.nodeCount
        // Tarjan completes components in reverse topological order; number them forwards.
        let (finished, completed) = tarjanCompletionOrder(g)
        let c = completed
        var component = [Int](repeating: 0, count: n)
        var sizes = [Int](repeating: 0, count: c)
        var representative = [Int](repeating: 0, count: c)
        for v in 0 ..< n {
            let x = c - 1 - finished[v]
            component[v] = x
            if sizes[x] == 0 { representative[x] = v }
            sizes[x] += 1
        }
        // Arcs between components, deduplicated with a stamp per source component.
        var members = [[Int]](repeating: [], count: c)
        for v in 0 ..< n { members[component[v]].append(v) }
        var offsets = [Int](repeating: 0, count: c + 1)
        var targets: [Int] = []
        var stamp = [Int](repeating: -1, count: c)
        for x in 0 ..< c {
            for v in members[x] {
                for t in g.outNeighbors(v) {
                    let y = component[Int(t)]
                    if y != x && stamp[y] != x { stamp[y] = x; targets.append(y) }
                }
            }
            offsets[x + 1] = targets.count
        }
        self.component = component
        self.sizes = sizes
        self.representative = representative
        self.offsets = offsets
        self.targets = targets
    }

    /// Reachability between components as one bitset row per component
    /// (a component reaches itself).
    /// - Complexity: O(C · (C + arcs) / 64) time, C² bits of memory.
    func reachability() -> (bits: [UInt64], words: Int) {
        let c = count
        let words = (c + 63) / 64
        var bits = [UInt64](repeating: 0, count: c * words)
        // Successors have larger numbers: fill from the last component backwards.
        bits.withUnsafeMutableBufferPointer { b in
            for x in stride(from: c - 1, through: 0, by: -1) {
                b[x * words + x / 64] |= 1 << UInt64(x % 64)
                for e in offsets[x] ..< offsets[x + 1] {
                    let y = targets[e]
                    for w in 0 ..< words { b[x * words + w] |= b[y * words + w] }
                }
            }
        }
        return (bits, words)
    }
}

/// Ordered pairs (i, j), i ≠ j, with a directed path from i to j.
/// - Complexity: O(C (C + m_C) / 64 + C²) over the strong-component condensation,
///   blocked by 64 target components, so memory stays O(C).
func countReachablePairs(_ g: Graph, threads: Int = Parallelism.defaultThreads) -> Int {
    let cond = Condensation(g)
    let c = cond.count
    if c == 0 { return 0 }
    let blocks = (c + 63) / 64
    // For each block of 64 target components, propagate one word per component
    // from the last component backwards (successors have larger numbers).
    let parts = parallelChunks(count: blocks, threads: threads) { range -> Int in
        var word = [UInt64](repeating: 0, count: c)
        var pairs = 0
        for block in range {
            let lo = block * 64, hi = min(c, lo + 64)
            for x in stride(from: c - 1, through: 0, by: -1) {
                var bits: UInt64 = (x >= lo && x < hi) ? 1 << UInt64(x - lo) : 0
                for e in cond.offsets[x] ..< cond.offsets[x + 1] { bits |= word[cond.targets[e]] }
                word[x] = bits
                var b = bits
                var reached = 0
                while b != 0 {
                    reached += cond.sizes[lo + b.trailingZeroBitCount]
                    b &= b - 1
                }
                pairs += cond.sizes[x] * reached
            }
        }
        return pairs
    }
    // Every person "reaches" themselves in the count above: subtract n.
    return parts.reduce(0, +) - g.nodeCount
}
