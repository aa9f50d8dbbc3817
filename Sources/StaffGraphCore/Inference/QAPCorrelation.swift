/// The graph correlation of two relations with its QAP permutation test
/// (<doc:Conventions>, "QAP"), as sna's `gcor` and `qaptest(…, gcor, g1 = 1, g2 = 2)`.
///
/// r is Pearson's correlation of the two relations over the ordered pairs i ≠ j
/// where both are observed (sna's `diag = FALSE`, `use = "complete.obs"`). The
/// null distribution relabels the people of the second relation (rows and
/// columns together, Krackhardt 1987/1988, DOI 10.1016/0378-8733(88)90004-4);
/// pairs missing in either are left out of each permuted correlation.
///
/// ```swift
/// let test = QAPCorrelation(advice, friendship, permutations: 2000, seed: 1)
/// test.correlation; test.pGreater
/// ```
public struct QAPCorrelation: Sendable, Equatable {
    /// Pearson's r over the pairs observed in both (`NaN` when a relation is constant there).
    public var correlation: Double
    /// Share of permutations with r* ≥ r (sna's `pgreq`); `NaN` when r is undefined.
    public var pGreater: Double
    /// Share with r* ≤ r (sna's `pleeq`); `NaN` when r is undefined.
    public var pLess: Double
    /// Share with |r*| ≥ |r|; `NaN` when r is undefined.
    public var pTwoSided: Double
    /// Pairs observed in both relations.
    public var dyads: Int
    /// Permutations drawn.
    public var permutations: Int
    /// Their seed (`nil` for an explicit list).
    public var seed: UInt64?

    /// r and its permutation test over `permutations` relabellings drawn from `seed`;
    /// the same for any `threads` (fixed chunks, one stream each).
    public init(_ a: DyadicMatrix, _ b: DyadicMatrix, permutations: Int, seed: UInt64, threads: Int = Parallelism.defaultThreads) {
        self.init(a, b, source: .random(count: max(0, permutations), seed: seed), threads: threads)
        self.seed = seed
    }

    /// r tested against exactly the permutations given (π of 0 ..< n; b becomes
    /// b[π(i), π(j)]): with all n! of them the p-values are exact. A testing entry point.
    public init(_ a: DyadicMatrix, _ b: DyadicMatrix, permutationList: [[Int]], threads: Int = Parallelism.defaultThreads) {
        self.init(a, b, source: .list(permutationList), threads: threads)
    }

    init(_ a: DyadicMatrix, _ b: DyadicMatrix, source: PermutationSource, threads: Int) {
        precondition(a.n == b.n, "both relations must be over the same people")
        let n = a.n
        let identity = Array(0 ..< n)
        let (r, dyads) = Self.correlation(a.values, b.values, n: n, perm: identity)
        correlation = r
        self.dyads = dyads
        permutations = source.count
        seed = nil
        let count = source.count
        let parts = parallelChunks(count: count, chunks: 64, threads: threads) { range -> (Int, Int, Int) in
            var ge = 0, le = 0, abs2 = 0
            var rng = SeededRandom(seed: 0)
            if case .random(_, let seed) = source { rng = SeededRandom(seed: seed, stream: range.lowerBound) }
            var perm = identity
            for k in range {
                switch source {
                case .list(let list): perm = list[k]
                case .random:
                    for i in 0 ..< n { perm[i] = i }
                    rng.shuffle(&perm)
                }
                let (s, _) = Self.correlation(a.values, b.values, n: n, perm: perm)
                let tol = 1e-9 * max(1, Swift.abs(r))
                if s >= r - tol { ge += 1 }
                if s <= r + tol { le += 1 }
                if Swift.abs(s) >= Swift.abs(r) - tol { abs2 += 1 }
            }
            return (ge, le, abs2)
        }
        let total = Double(max(1, count))
        // No p-value for an undefined r (a relation constant over the pairs): no comparison holds, so the shares would read 0.
        let undefined = count == 0 || r.isNaN
        pGreater = undefined ? .nan : Double(parts.reduce(0) { $0 + $1.0 }) / total
        pLess = undefined ? .nan : Double(parts.reduce(0) { $0 + $1.1 }) / total
        pTwoSided = undefined ? .nan : Double(parts.reduce(0) { $0 + $1.2 }) / total
    }

    /// Pearson's r of a and b[π(i), π(j)] over pairs i ≠ j observed in both, and their number.
    static func correlation(_ a: [Double], _ b: [Double], n: Int, perm: [Int]) -> (Double, Int) {
        var count = 0
        var sa = 0.0, sb = 0.0
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
            for i in 0 ..< n {
                let pi = perm[i] * n
                for j in 0 ..< n where j != i {
                    let x = a[i * n + j], y = b[pi + perm[j]]
                    if x.isNaN || y.isNaN { continue }
                    sa += x; sb += y; count += 1
                }
            }
        } }
        guard count > 1 else { return (.nan, count) }
        let ma = sa / Double(count), mb = sb / Double(count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
            for i in 0 ..< n {
                let pi = perm[i] * n
                for j in 0 ..< n where j != i {
                    let x = a[i * n + j], y = b[pi + perm[j]]
                    if x.isNaN || y.isNaN { continue }
                    sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb)
                }
            }
        } }
        return (sab / (saa * sbb).squareRoot(), count)
    }
}

/// How two relations over the same people overlap: the ties they share
/// (multiplex ties), over the ordered pairs whose sender's answers are observed.
public struct RelationOverlap: Sendable, Equatable {
    /// Ties of the first relation.
    public var tiesA: Int
    /// Ties of the second relation.
    public var tiesB: Int
    /// Pairs tied in both (multiplex ties).
    public var both: Int
    /// Jaccard index of the two tie sets, |A ∩ B| / |A ∪ B| (`NaN` when both are empty).
    public var jaccard: Double { tiesA + tiesB - both == 0 ? .nan : Double(both) / Double(tiesA + tiesB - both) }
    /// Share of the first relation's ties that are also ties of the second, |A ∩ B| / |A|.
    public var shareOfA: Double { tiesA == 0 ? .nan : Double(both) / Double(tiesA) }
    /// Share of the second relation's ties that are also ties of the first, |A ∩ B| / |B|.
    public var shareOfB: Double { tiesB == 0 ? .nan : Double(both) / Double(tiesB) }

    /// The overlap of the ties i → j (i ≠ j) of `a` and `b`, senders whose
    /// `observedRows` entry is `false` left out.
    /// - Complexity: O(n + m) with merged sorted neighbour lists.
    public init(_ a: Graph, _ b: Graph, observedRows: [Bool]? = nil) {
        precondition(a.nodeCount == b.nodeCount, "both relations must be over the same people")
        var ta = 0, tb = 0, both = 0
        for i in 0 ..< a.nodeCount {
            if let observedRows, !observedRows[i] { continue }
            var x = a.outOffsets[i], y = b.outOffsets[i]
            let xe = a.outOffsets[i + 1], ye = b.outOffsets[i + 1]
            while x < xe || y < ye {
                let u = x < xe ? a.outTargets[x] : Int32.max, v = y < ye ? b.outTargets[y] : Int32.max
                if u == v {
                    if Int(u) != i { ta += 1; tb += 1; both += 1 }
                    x += 1; y += 1
                } else if u < v {
                    if Int(u) != i { ta += 1 }
                    x += 1
                } else {
                    if Int(v) != i { tb += 1 }
                    y += 1
                }
            }
        }
        tiesA = ta
        tiesB = tb
        self.both = both
    }
}

/// Per person, over several relations among the same people: how many people
/// they name in any relation, and how many of those in two or more (multiplex ties).
/// `nil` for people whose answers are missing (`observedRows` false).
public func multiplexTies(_ graphs: [Graph], observedRows: [Bool]? = nil) -> [(ties: Int, multiplex: Int)?] {
    guard let n = graphs.first?.nodeCount else { return [] }
    var seen = [Int](repeating: 0, count: n)
    var out: [(ties: Int, multiplex: Int)?] = []
    out.reserveCapacity(n)
    for i in 0 ..< n {
        if let observedRows, !observedRows[i] { out.append(nil); continue }
        var touched: [Int] = []
        for g in graphs {
            for e in g.outOffsets[i] ..< g.outOffsets[i + 1] {
                let j = Int(g.outTargets[e])
                if j == i { continue }
                if seen[j] == 0 { touched.append(j) }
                seen[j] += 1
            }
        }
        let multiplex = touched.filter { seen[$0] >= 2 }.count
        out.append((touched.count, multiplex))
        for j in touched { seen[j] = 0 }
    }
    return out
}
