/// A drawn graph as bit rows, with Brandes' betweenness (raw, directed, unweighted)
/// and transitive-triple counts over them, for the small
/// dense graphs a CUG test draws by the thousand (a school: 50–300 people,
/// density 0.05–0.2).
///
/// Each person's out-ties and in-ties are kept as a row of bits. A breadth-first
/// search from a source then finds the next level as the union of the frontier's
/// out-rows minus the people already reached (a few word operations per person),
/// and touches only the ties of the shortest-path DAG: σ(w) sums σ over the bits
/// of (frontier ∩ in-row(w)), and the dependency of v sums over the bits of
/// (out-row(v) ∩ next level). Ties inside a level or back to an earlier one,
/// most of a dense graph's ties, are never visited, where the plain search
/// (`CUGScratch.brandes`) reads every tie twice.
///
/// The result is bit-identical to the plain search: path counts are whole
/// numbers (exact in a `Double`), and each person's dependency adds the same
/// terms in the same order (the next level's people in increasing index, which
/// is the order of the sorted out-adjacency).
///
/// Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
/// Mathematical Sociology* 25(2), 163–177. doi:10.1080/0022250X.2001.9990249
///
/// - Complexity: per source O(n·w + DAG ties), w = ⌈n / 64⌉; worthwhile when
///   n·w is at most the number of ties (``isWorthwhile(people:ties:)``).
///   Memory O(n²/64) bits, allocated once and reused.
final class BitRowGraph {
    let n: Int
    let words: Int
    private let outRows: UnsafeMutablePointer<UInt64>
    private let inRows: UnsafeMutablePointer<UInt64>
    /// Level L's people as bits at `L·words`; n + 1 levels of room.
    private let levels: UnsafeMutablePointer<UInt64>
    private let reached: UnsafeMutablePointer<UInt64>
    private let union: UnsafeMutablePointer<UInt64>
    private let sigma: UnsafeMutablePointer<Double>
    /// (1 + δ(w)) / σ(w) once w's dependency is known.
    private let coefficient: UnsafeMutablePointer<Double>
    private let order: UnsafeMutablePointer<Int32>
    private let levelOf: UnsafeMutablePointer<Int32>
    private let levelStart: UnsafeMutablePointer<Int>

    /// Whether the bit rows beat reading every tie: the rows cost about n·w
    /// word operations per source, the plain search 2m tie visits.
    static func isWorthwhile(people n: Int, ties m: Int) -> Bool {
        let w = (n + 63) / 64
        return n >= 3 && n * w <= m
    }

    init(people n: Int) {
        self.n = n
        words = max(1, (n + 63) / 64)
        let rows = max(1, n) * words
        outRows = .allocate(capacity: rows)
        inRows = .allocate(capacity: rows)
        levels = .allocate(capacity: (n + 1) * words)
        reached = .allocate(capacity: words)
        union = .allocate(capacity: words)
        sigma = .allocate(capacity: max(1, n))
        coefficient = .allocate(capacity: max(1, n))
        order = .allocate(capacity: max(1, n))
        levelOf = .allocate(capacity: max(1, n))
        levelStart = .allocate(capacity: n + 2)
    }

    deinit {
        outRows.deallocate(); inRows.deallocate(); levels.deallocate()
        reached.deallocate(); union.deallocate()
        sigma.deallocate(); coefficient.deallocate()
        order.deallocate(); levelOf.deallocate(); levelStart.deallocate()
    }

    /// Loads the graph with out-adjacency `off`/`tg` (sorted, no self-loops, `n` people) into the bit rows.
    func load(off: UnsafeBufferPointer<Int32>, tg: UnsafeBufferPointer<Int32>) {
        let words = self.words
        outRows.update(repeating: 0, count: n * words)
        inRows.update(repeating: 0, count: n * words)
        for v in 0 ..< n {
            for e in Int(off[v]) ..< Int(off[v + 1]) {
                let w = Int(tg[e])
                outRows[v * words + w >> 6] |= 1 << UInt64(w & 63)
                inRows[w * words + v >> 6] |= 1 << UInt64(v & 63)
            }
        }
    }

    /// The number of transitive triples i → j → k with i → k (i, j, k distinct),
    /// Σ over ties i → j of |out(i) ∩ out(j)|, for the loaded graph.
    func closedTriples(off: UnsafeBufferPointer<Int32>, tg: UnsafeBufferPointer<Int32>) -> Int {
        let words = self.words
        var closed = 0
        for i in 0 ..< n {
            let rowI = outRows + i * words
            for e in Int(off[i]) ..< Int(off[i + 1]) {
                let rowJ = outRows + Int(tg[e]) * words
                for x in 0 ..< words { closed &+= (rowI[x] & rowJ[x]).nonzeroBitCount }
            }
        }
        return closed
    }

    /// Raw betweenness of the loaded graph into `bc` (n values).
    func betweenness(into bc: UnsafeMutableBufferPointer<Double>) {
        let n = self.n, words = self.words
        for v in 0 ..< n { bc[v] = 0 }
        for s in 0 ..< n {
            reached.update(repeating: 0, count: words)
            levels.update(repeating: 0, count: words)
            reached[s >> 6] |= 1 << UInt64(s & 63)
            levels[s >> 6] |= 1 << UInt64(s & 63)
            order[0] = Int32(truncatingIfNeeded: s)
            levelOf[s] = 0
            sigma[s] = 1
            levelStart[0] = 0
            levelStart[1] = 1
            var count = 1, last = 0
            // Forward: level by level.
            while true {
                union.update(repeating: 0, count: words)
                for k in levelStart[last] ..< levelStart[last + 1] {
                    let row = outRows + Int(order[k]) * words
                    for i in 0 ..< words { union[i] |= row[i] }
                }
                let current = levels + last * words, next = current + words
                var any: UInt64 = 0
                for i in 0 ..< words {
                    let x = union[i] & ~reached[i]
                    next[i] = x
                    reached[i] |= x
                    any |= x
                }
                if any == 0 { break }
                for i in 0 ..< words {
                    var x = next[i]
                    while x != 0 {
                        let w = i << 6 + x.trailingZeroBitCount
                        x &= x - 1
                        let row = inRows + w * words
                        var paths = 0.0
                        for j in 0 ..< words {
                            var y = current[j] & row[j]
                            while y != 0 {
                                paths += sigma[j << 6 + y.trailingZeroBitCount]
                                y &= y - 1
                            }
                        }
                        sigma[w] = paths
                        order[count] = Int32(truncatingIfNeeded: w)
                        levelOf[w] = Int32(truncatingIfNeeded: last + 1)
                        count += 1
                    }
                }
                last += 1
                levelStart[last + 1] = count
            }
            // Backward: the deepest people first.
            var k = count - 1
            while k >= 0 {
                let v = Int(order[k])
                let level = Int(levelOf[v])
                var d = 0.0
                if level < last {
                    let row = outRows + v * words, next = levels + (level + 1) * words
                    for j in 0 ..< words {
                        var y = row[j] & next[j]
                        while y != 0 {
                            d += coefficient[j << 6 + y.trailingZeroBitCount]
                            y &= y - 1
                        }
                    }
                }
                d *= sigma[v]
                coefficient[v] = (1 + d) / sigma[v]
                if v != s { bc[v] += d }
                k -= 1
            }
        }
    }
}
