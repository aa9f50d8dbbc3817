/// What a conditional uniform graph (CUG) test holds fixed: the random graphs
/// it compares the observed network with are drawn uniformly from all directed
/// graphs (no self-loops) on the same people that share this property
/// (<doc:Conventions>, "Is it more than chance?").
///
/// The three null models of R sna `cug.test(mode = "digraph", diag = FALSE)`
/// (Anderson, Butts & Carley 1999, doi:10.1016/S0378-8733(99)00012-4; Butts
/// 2008, doi:10.18637/jss.v024.i06):
public enum CUGConditioning: String, Sendable, CaseIterable {
    /// Size only: each of the `n(n − 1)` possible ties is present with
    /// probability 1/2, independently (sna `cmode = "size"`, which draws
    /// `rgraph(n, tprob = 0.5)`, not at the observed density).
    case size
    /// Size and number of ties: `m` ties placed uniformly among the `n(n − 1)`
    /// ordered pairs, every such graph equally likely (sna `cmode = "edges"`,
    /// `rgnm`). The default.
    case edges
    /// Size and dyad census: exactly the observed numbers of mutual,
    /// asymmetric and null pairs, the pairs of each kind chosen uniformly and
    /// each asymmetric pair's direction by a fair coin (sna
    /// `cmode = "dyad.census"`, `rguman(method = "exact")`).
    case dyadCensus = "dyad-census"
}

/// The network indices a CUG test can compare with chance: the indices of
/// `summary`'s panel, computed on the binary directed graph without self-loops.
public enum CUGStatistic: String, Sendable, CaseIterable {
    /// Freeman in-degree centralization, `Σ (max − d_i) / (n − 1)²`
    /// (sna `centralization(g, degree, cmode = "indegree")`).
    case inDegreeCentralization = "in_degree_centralization"
    /// Freeman betweenness centralization of directed betweenness,
    /// `Σ (max − b_i) / ((n − 1)² (n − 2))` (sna `centralization(g, betweenness)`).
    case betweennessCentralization = "betweenness_centralization"
    /// Edgewise reciprocity `2M / (2M + A)`, the share of ties returned
    /// (sna `grecip(measure = "edgewise")`; `summary`'s "reciprocity").
    case reciprocity
    /// Weak directed transitivity, closed two-paths over two-paths
    /// (sna `gtrans(measure = "weak")`).
    case transitivity
    /// Krackhardt & Stern's network E-I index `(E − I) / (E + I)` for a fixed
    /// partition of the people (no sna function; the same null graphs, the
    /// group labels kept).
    case eiIndex = "ei_index"
}

/// One index's CUG result: the observed value and where it falls among the
/// values of the random graphs.
///
/// Draws where the index is undefined (no tie for reciprocity or E-I, no
/// two-path for transitivity) are left out of the null distribution; all
/// figures are over ``definedDraws``.
public struct CUGIndexResult: Sendable, Equatable {
    /// Which index.
    public let statistic: CUGStatistic
    /// The index on the observed network; `nil` when undefined (then every
    /// other figure is `nil` too).
    public let observed: Double?
    /// Mean of the index over the random graphs.
    public let nullMean: Double?
    /// Standard deviation of the index over the random graphs (divisor
    /// `k − 1`, as R `sd`); `nil` with fewer than two defined draws.
    public let nullSD: Double?
    /// `(observed − nullMean) / nullSD`; `nil` when the SD is 0 (the index
    /// cannot vary under this null, e.g. reciprocity with the dyad census fixed).
    public let z: Double?
    /// Share of random graphs whose index is at least the observed one
    /// (sna `pgteobs`, "Pr(X ≥ Obs)"; the observed graph is not counted).
    public let pGreaterOrEqual: Double?
    /// Share of random graphs whose index is at most the observed one
    /// (sna `plteobs`, "Pr(X ≤ Obs)").
    public let pLessOrEqual: Double?
    /// Random graphs on which the index was defined.
    public let definedDraws: Int
}

/// A conditional uniform graph test (CUG; Anderson, Butts & Carley 1999,
/// doi:10.1016/S0378-8733(99)00012-4): is a network index higher or lower
/// than in random networks of the same size (and tie count, or dyad census)?
///
/// For `draws` random graphs from the null model of ``CUGConditioning`` the
/// indices of ``CUGStatistic`` are computed and compared with the observed
/// ones, as R sna `cug.test(g, FUN, mode = "digraph", cmode, diag = FALSE)`
/// (Butts 2008, doi:10.18637/jss.v024.i06):
///
///     p≥ = #{draws with X ≥ obs} / draws,   p≤ = #{draws with X ≤ obs} / draws
///
/// with equality counted in both (values within 1e-12 count as equal, so
/// rounding in betweenness sums cannot split a tie) and the observed graph not
/// counted among the draws (sna's convention, so a p-value can be 0: read it
/// as "below 1 / draws"). The mean, SD and `z = (obs − mean) / SD` of the
/// null distribution are reported too.
///
/// Ties are read as binary and self-loops are dropped (`diag = FALSE`).
/// Non-respondents' rows are taken as given (sna has no missing-data rule in
/// `cug.test`).
///
/// Determinism: the draws are split into 64 fixed chunks, each with its own
/// generator stream derived from `seed` (``SeededRandom/init(seed:stream:)``),
/// so the result is identical for any `threads`. Each chunk preallocates its
/// bit matrix, adjacency and betweenness buffers once and reuses them for
/// every draw.
///
/// ```swift
/// let test = CUGTest(graph, conditioning: .edges, draws: 1000, seed: 42)
/// test.result(for: .inDegreeCentralization)?.pGreaterOrEqual   // e.g. 0.003
/// ```
/// - Complexity: O(draws · (n² / 64 + n m)) with betweenness centralization
///   (O(n m) per draw, Brandes), O(draws · (n² / 64 + m d_max)) without.
///   Memory per chunk: n(n − 1) bits plus O(n + m).
public struct CUGTest: Sendable, Equatable {
    /// The null model.
    public let conditioning: CUGConditioning
    /// Number of random graphs.
    public let draws: Int
    /// The seed of the draws.
    public let seed: UInt64
    /// One result per requested statistic, in the order requested.
    public let results: [CUGIndexResult]

    /// Runs the test.
    /// - Parameters:
    ///   - graph: the observed network (ties binary, self-loops ignored).
    ///   - statistics: the indices to test (``CUGStatistic/eiIndex`` needs `partition`; without one it is reported undefined).
    ///   - partition: the groups for E-I, one label per person, kept fixed in every draw.
    ///   - conditioning: the null model (default ``CUGConditioning/edges``).
    ///   - draws: number of random graphs (sna `reps`, default 1000).
    ///   - seed: fixes every draw.
    ///   - threads: how many threads run the fixed chunks; the result does not depend on it.
    public init(_ graph: Graph, statistics: [CUGStatistic] = CUGStatistic.allCases, partition: Partition? = nil,
                conditioning: CUGConditioning = .edges, draws: Int = 1000, seed: UInt64 = 42,
                threads: Int = Parallelism.defaultThreads) {
        precondition(draws >= 0, "draws must be non-negative")
        if let partition { precondition(partition.labels.count == graph.nodeCount, "one group label per person") }
        self.conditioning = conditioning
        self.draws = draws
        self.seed = seed
        let labels = partition?.labels
        let stats = statistics
        var observedScratch = CUGScratch(observed: graph, conditioning: conditioning)
        observedScratch.loadObserved(graph)
        let observed = stats.map { observedScratch.statistic($0, labels: labels) }
        let g = graph
        let parts = parallelChunks(count: draws, threads: threads) { range -> [Double] in
            var rng = SeededRandom(seed: seed, stream: range.lowerBound)
            var scratch = CUGScratch(observed: g, conditioning: conditioning)
            var values: [Double] = []
            values.reserveCapacity(range.count * stats.count)
            for _ in range {
                scratch.draw(&rng)
                for s in stats { values.append(scratch.statistic(s, labels: labels) ?? .nan) }
            }
            return values
        }
        var results: [CUGIndexResult] = []
        for (k, s) in stats.enumerated() {
            guard let obs = observed[k] else {
                results.append(CUGIndexResult(statistic: s, observed: nil, nullMean: nil, nullSD: nil, z: nil,
                                              pGreaterOrEqual: nil, pLessOrEqual: nil, definedDraws: 0))
                continue
            }
            var defined = 0, sum = 0.0, ge = 0, le = 0
            let tolerance = 1e-12
            for part in parts {
                var i = k
                while i < part.count {
                    let x = part[i]
                    if !x.isNaN {
                        defined += 1
                        sum += x
                        if x >= obs - tolerance { ge += 1 }
                        if x <= obs + tolerance { le += 1 }
                    }
                    i += stats.count
                }
            }
            let mean: Double? = defined > 0 ? sum / Double(defined) : nil
            var sd: Double?
            if let mean, defined > 1 {
                var ss = 0.0
                for part in parts {
                    var i = k
                    while i < part.count {
                        if !part[i].isNaN { ss += (part[i] - mean) * (part[i] - mean) }
                        i += stats.count
                    }
                }
                sd = (ss / Double(defined - 1)).squareRoot()
            }
            let z: Double? = if let mean, let sd, sd > 1e-12 { (obs - mean) / sd } else { nil }
            results.append(CUGIndexResult(
                statistic: s, observed: obs, nullMean: mean, nullSD: sd, z: z,
                pGreaterOrEqual: defined > 0 ? Double(ge) / Double(defined) : nil,
                pLessOrEqual: defined > 0 ? Double(le) / Double(defined) : nil,
                definedDraws: defined))
        }
        self.results = results
    }

    /// The result for one index, if it was tested.
    public func result(for statistic: CUGStatistic) -> CUGIndexResult? {
        results.first { $0.statistic == statistic }
    }
}

/// The random graphs of a CUG null model, as ``Graph`` values: for checking
/// the null model itself (tie counts, dyad census) and for custom statistics.
/// ``CUGTest`` draws the same graphs (same seed, same chunking) without
/// building a `Graph` per draw.
///
/// - Parameters:
///   - graph: the observed network (self-loops ignored).
///   - conditioning: the null model.
///   - count: number of graphs.
///   - seed: fixes the draws; graph `i` equals draw `i` of a ``CUGTest`` with the same seed and `draws == count`.
/// - Complexity: O(count · (n² / 64 + m)).
public func cugNullGraphs(_ graph: Graph, conditioning: CUGConditioning, count: Int, seed: UInt64) -> [Graph] {
    let parts = parallelChunks(count: count, threads: 1) { range -> [Graph] in
        var rng = SeededRandom(seed: seed, stream: range.lowerBound)
        var scratch = CUGScratch(observed: graph, conditioning: conditioning)
        var out: [Graph] = []
        for _ in range {
            scratch.draw(&rng)
            var builder = GraphBuilder(nodeCount: graph.nodeCount, reservingCapacity: scratch.targets.count)
            for v in 0 ..< graph.nodeCount {
                for e in Int(scratch.offsets[v]) ..< Int(scratch.offsets[v + 1]) { builder.addTie(from: v, to: Int(scratch.targets[e])) }
            }
            out.append(builder.build().graph)
        }
        return out
    }
    return parts.flatMap { $0 }
}

/// Per-chunk state of a CUG test: the null model's parameters, a bit matrix of
/// the `n(n − 1)` off-diagonal cells (cell `i → j` at `i(n − 1) + j − [j > i]`),
/// the drawn graph's out-adjacency (sorted, CSR) and in-degrees, and the
/// betweenness buffers. Allocated once per chunk, reused for every draw.
struct CUGScratch {
    let n: Int
    let cells: Int
    let conditioning: CUGConditioning
    let tieCount: Int
    let census: DyadCensus
    var bits: [UInt64]
    var dyadBits: [UInt64]
    var pairs: [Int]
    var offsets: [Int32]
    var targets: [Int32]
    var inDegree: [Int32]
    // Brandes buffers.
    var dist: [Int32]
    var sigma: [Double]
    var delta: [Double]
    var order: [Int32]
    var bc: [Double]
    /// The bit-row search, for draws dense enough to profit (a school, typically); `nil` otherwise.
    let bitRows: BitRowGraph?
    /// Whether ``bitRows`` hold the current draw.
    var bitRowsLoaded = false

    init(observed graph: Graph, conditioning: CUGConditioning) {
        n = graph.nodeCount
        cells = n * max(0, n - 1)
        self.conditioning = conditioning
        var m = 0
        for v in 0 ..< n { for t in graph.outNeighbors(v) where Int(t) != v { m += 1 } }
        tieCount = m
        census = dyadCensus(graph)
        let words = (cells + 63) / 64
        bits = [UInt64](repeating: 0, count: words)
        dyadBits = conditioning == .dyadCensus ? [UInt64](repeating: 0, count: words) : []
        pairs = []
        offsets = [Int32](repeating: 0, count: n + 1)
        targets = []
        targets.reserveCapacity(conditioning == .size ? cells / 2 + 64 : m)
        inDegree = [Int32](repeating: 0, count: n)
        dist = [Int32](repeating: -1, count: n)
        sigma = [Double](repeating: 0, count: n)
        delta = [Double](repeating: 0, count: n)
        order = [Int32](repeating: 0, count: n + 1)
        bc = [Double](repeating: 0, count: n)
        let expectedTies = conditioning == .size ? cells / 2 : m
        bitRows = BitRowGraph.isWorthwhile(people: n, ties: expectedTies) ? BitRowGraph(people: n) : nil
    }

    @inline(__always)
    func cell(_ i: Int, _ j: Int) -> Int { i * (n - 1) + j - (j > i ? 1 : 0) }

    @inline(__always)
    func isSet(_ p: Int) -> Bool { bits[p >> 6] & (1 << UInt64(p & 63)) != 0 }

    @inline(__always)
    mutating func set(_ p: Int) { bits[p >> 6] |= 1 << UInt64(p & 63) }

    /// Whether the drawn graph has the tie `i → j`.
    @inline(__always)
    func hasTie(_ i: Int, _ j: Int) -> Bool { i != j && isSet(cell(i, j)) }

    /// Loads the observed graph (self-loops dropped) into the bit matrix and adjacency.
    mutating func loadObserved(_ graph: Graph) {
        for w in bits.indices { bits[w] = 0 }
        for v in 0 ..< n { for t in graph.outNeighbors(v) where Int(t) != v { set(cell(v, Int(t))) } }
        buildAdjacency()
    }

    /// Draws one graph of the null model.
    mutating func draw(_ rng: inout SeededRandom) {
        guard cells > 0 else { buildAdjacency(); return }
        let words = bits.count
        let tail = cells & 63
        switch conditioning {
        case .size:
            for w in 0 ..< words { bits[w] = rng.next() }
            if tail != 0 { bits[words - 1] &= (1 << UInt64(tail)) - 1 }
        case .edges:
            for w in 0 ..< words { bits[w] = 0 }
            // Place the ties, or, when more than half the cells are ties, the empty cells.
            let complement = tieCount * 2 > cells
            let target = complement ? cells - tieCount : tieCount
            var placed = 0
            while placed < target {
                let p = rng.nextInt(below: cells)
                if !isSet(p) { set(p); placed += 1 }
            }
            if complement {
                for w in 0 ..< words { bits[w] = ~bits[w] }
                if tail != 0 { bits[words - 1] &= (1 << UInt64(tail)) - 1 }
            }
        case .dyadCensus:
            drawDyads(&rng)
        }
        buildAdjacency()
    }

    /// `rguman(method = "exact")`: mutual and asymmetric pairs chosen uniformly among
    /// the `n(n − 1)/2` pairs, each asymmetric pair's direction by a coin.
    mutating func drawDyads(_ rng: inout SeededRandom) {
        for w in bits.indices { bits[w] = 0 }
        for w in dyadBits.indices { dyadBits[w] = 0 }
        pairs.removeAll(keepingCapacity: true)
        let dyads = cells / 2
        let mutual = census.mutual, chosen = census.mutual + census.asymmetric
        // A pair {i, j}, i < j, is marked in dyadBits at cell(i, j).
        func randomPair(_ rng: inout SeededRandom) -> Int {
            let p = rng.nextInt(below: cells)
            let i = p / (n - 1), r = p % (n - 1)
            let j = r < i ? r : r + 1
            return i < j ? cell(i, j) : cell(j, i)
        }
        if chosen * 2 <= dyads {
            // Non-null pairs in the order drawn (a uniform random order).
            while pairs.count < chosen {
                let q = randomPair(&rng)
                if dyadBits[q >> 6] & (1 << UInt64(q & 63)) == 0 {
                    dyadBits[q >> 6] |= 1 << UInt64(q & 63)
                    pairs.append(q)
                }
            }
        } else {
            // Mark the null pairs, list the others, and shuffle the first `mutual` into place.
            var marked = 0
            while marked < dyads - chosen {
                let q = randomPair(&rng)
                if dyadBits[q >> 6] & (1 << UInt64(q & 63)) == 0 {
                    dyadBits[q >> 6] |= 1 << UInt64(q & 63)
                    marked += 1
                }
            }
            for i in 0 ..< n {
                for j in (i + 1) ..< max(i + 1, n) {
                    let q = cell(i, j)
                    if dyadBits[q >> 6] & (1 << UInt64(q & 63)) == 0 { pairs.append(q) }
                }
            }
            for t in 0 ..< min(mutual, pairs.count) {
                let r = t + rng.nextInt(below: pairs.count - t)
                pairs.swapAt(t, r)
            }
        }
        for (k, q) in pairs.enumerated() {
            // q = cell(i, j) with i < j: i = q / (n − 1), j = q % (n − 1) + 1.
            let i = q / (n - 1), j = q % (n - 1) + 1
            if k < mutual {
                set(q); set(cell(j, i))
            } else if rng.next() >> 63 == 0 {
                set(q)
            } else {
                set(cell(j, i))
            }
        }
    }

    /// Sorted out-adjacency and in-degrees from the bit matrix (cells in row order).
    mutating func buildAdjacency() {
        bitRowsLoaded = false
        targets.removeAll(keepingCapacity: true)
        for v in 0 ..< n { inDegree[v] = 0 }
        offsets[0] = 0
        guard n > 1 else {
            for v in 0 ..< n { offsets[v + 1] = 0 }
            return
        }
        var row = 0, rowEnd = n - 1
        for w in 0 ..< bits.count {
            var word = bits[w]
            while word != 0 {
                let p = w << 6 + word.trailingZeroBitCount
                word &= word - 1
                while p >= rowEnd {
                    offsets[row + 1] = Int32(targets.count)
                    row += 1
                    rowEnd += n - 1
                }
                let r = p - (rowEnd - (n - 1))
                let j = r < row ? r : r + 1
                targets.append(Int32(j))
                inDegree[j] += 1
            }
        }
        while row < n {
            offsets[row + 1] = Int32(targets.count)
            row += 1
        }
    }

    /// One index of the current graph; `nil` when undefined.
    mutating func statistic(_ s: CUGStatistic, labels: [Int]?) -> Double? {
        let m = targets.count
        switch s {
        case .inDegreeCentralization:
            guard n >= 2 else { return nil }
            var top: Int32 = 0
            for v in 0 ..< n where inDegree[v] > top { top = inDegree[v] }
            var deviation = 0.0
            for v in 0 ..< n { deviation += Double(top) - Double(inDegree[v]) }
            let nm1 = Double(n - 1)
            return deviation / (nm1 * nm1)
        case .betweennessCentralization:
            guard n >= 3 else { return nil }
            brandes()
            var top = 0.0
            for v in 0 ..< n where bc[v] > top { top = bc[v] }
            var deviation = 0.0
            for v in 0 ..< n { deviation += top - bc[v] }
            let nm1 = Double(n - 1)
            return deviation / (nm1 * nm1 * (nm1 - 1))
        case .reciprocity:
            guard m > 0 else { return nil }
            var returned = 0
            for i in 0 ..< n {
                for e in Int(offsets[i]) ..< Int(offsets[i + 1]) where isSet(cell(Int(targets[e]), i)) { returned += 1 }
            }
            return Double(returned) / Double(m)
        case .transitivity:
            var closed = 0, paths = 0
            // Dense draws count the closed triples over bit rows; sparse ones by merging sorted lists.
            loadBitRows()
            let rows = bitRows
            targets.withUnsafeBufferPointer { tg in
                for i in 0 ..< n {
                    let iStart = Int(offsets[i]), iEnd = Int(offsets[i + 1])
                    for e in iStart ..< iEnd {
                        let j = Int(tg[e])
                        let jStart = Int(offsets[j]), jEnd = Int(offsets[j + 1])
                        paths += jEnd - jStart
                        if isSet(cell(j, i)) { paths -= 1 }
                        if rows == nil { closed += sortedIntersectionCount(tg, iStart, iEnd, jStart, jEnd) }
                    }
                }
                offsets.withUnsafeBufferPointer { off in
                    if let rows { closed = rows.closedTriples(off: off, tg: tg) }
                }
            }
            return paths > 0 ? Double(closed) / Double(paths) : nil
        case .eiIndex:
            guard let labels, m > 0 else { return nil }
            var inside = 0
            for i in 0 ..< n {
                let li = labels[i]
                for e in Int(offsets[i]) ..< Int(offsets[i + 1]) where labels[Int(targets[e])] == li { inside += 1 }
            }
            return eiRatio(external: m - inside, internal: inside)
        }
    }

    /// Loads the current draw into ``bitRows`` once (the first statistic that needs them).
    mutating func loadBitRows() {
        guard let bitRows, !bitRowsLoaded else { return }
        offsets.withUnsafeBufferPointer { off in
            targets.withUnsafeBufferPointer { tg in bitRows.load(off: off, tg: tg) }
        }
        bitRowsLoaded = true
    }

    /// Raw directed betweenness of the current graph into `bc` (Brandes 2001,
    /// dependencies accumulated over out-neighbours one step further away).
    mutating func brandes() {
        if let bitRows {
            loadBitRows()
            self.bc.withUnsafeMutableBufferPointer { out in bitRows.betweenness(into: out) }
            return
        }
        // Move the buffers out (no copy: they are uniquely referenced) so the loops run on raw pointers.
        var dist = self.dist, sigma = self.sigma, delta = self.delta, order = self.order, bc = self.bc
        self.dist = []; self.sigma = []; self.delta = []; self.order = []; self.bc = []
        let n = self.n
        offsets.withUnsafeBufferPointer { off in
            targets.withUnsafeBufferPointer { tg in
                dist.withUnsafeMutableBufferPointer { dist in
                    sigma.withUnsafeMutableBufferPointer { sigma in
                        delta.withUnsafeMutableBufferPointer { delta in
                            order.withUnsafeMutableBufferPointer { order in
                                bc.withUnsafeMutableBufferPointer { bc in
                                    Self.brandes(n: n, off: off, tg: tg, dist: dist, sigma: sigma, delta: delta, order: order, bc: bc)
                                }
                            }
                        }
                    }
                }
            }
        }
        self.dist = dist; self.sigma = sigma; self.delta = delta; self.order = order; self.bc = bc
    }

    static func brandes(n: Int, off: UnsafeBufferPointer<Int32>, tg: UnsafeBufferPointer<Int32>,
                        dist: UnsafeMutableBufferPointer<Int32>, sigma: UnsafeMutableBufferPointer<Double>,
                        delta: UnsafeMutableBufferPointer<Double>, order: UnsafeMutableBufferPointer<Int32>,
                        bc: UnsafeMutableBufferPointer<Double>) {
        for v in 0 ..< n { bc[v] = 0; dist[v] = -1 }
        for s in 0 ..< n {
            var head = 0, tail = 0
            order[tail] = Int32(truncatingIfNeeded: s); tail += 1
            dist[s] = 0; sigma[s] = 1
            while head < tail {
                let v = Int(order[head]); head += 1
                let next = dist[v] + 1
                let sv = sigma[v]
                var e = Int(off[v])
                let end = Int(off[v + 1])
                // Branch-free (the branches are unpredictable on random graphs): a person
                // found now is appended (`order` has room for one more) and starts at σ = 0.
                while e < end {
                    let w32 = tg[e]
                    let w = Int(w32)
                    let dw = dist[w]
                    let found = dw < 0
                    order[tail] = w32
                    tail &+= found ? 1 : 0
                    let dNew = found ? next : dw
                    dist[w] = dNew
                    let base = found ? 0 : sigma[w]
                    sigma[w] = base + (dNew == next ? sv : 0)
                    e += 1
                }
            }
            // Backward pass. `delta` holds (1 + δ(w)) / σ(w) once w is done (one division per
            // person, none per tie): v's dependency is σ(v) · Σ over w one step further of that.
            var k = tail - 1
            while k >= 0 {
                let v = Int(order[k])
                let next = dist[v] + 1
                var d = 0.0
                var e = Int(off[v])
                let end = Int(off[v + 1])
                while e < end {
                    let w = Int(tg[e])
                    d += dist[w] == next ? delta[w] : 0
                    e += 1
                }
                d *= sigma[v]
                delta[v] = (1 + d) / sigma[v]
                if v != s { bc[v] += d }
                k -= 1
            }
            for k in 0 ..< tail { dist[Int(order[k])] = -1 }
        }
    }
}
