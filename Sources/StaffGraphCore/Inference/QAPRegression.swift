#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Dyadic (MR-QAP) regression of one relation on others and on attribute
/// terms, with permutation p-values (<doc:Conventions>, "QAP"); matches sna's
/// `netlm` and `netlogit` (Butts, sna 2.7) on estimates, standard errors and
/// fit statistics, and uses the same permutation schemes and p-value definitions.
///
/// ```swift
/// let design = QAPDesign(response: advice, predictors: [QAPPredictor(name: "friendship", matrix: friends)])
/// let result = try QAPRegression.fit(design, model: .linear, null: .qapspp, permutations: 2000, seed: 1)
/// result.terms[1].pTwoSided
/// ```
/// - Complexity: the design once in O(n² p²); each permutation O(n² p) for
///   linear `qapspp`, O(n² p²) for linear `qapy`, O(n² p² × IRLS iterations) for logistic.
public enum QAPRegression {
    /// Fits `design` and tests every term against `permutations` random relabellings
    /// drawn from `seed` (per fixed chunk of permutations its own stream, so any
    /// `threads` gives the same result).
    public static func fit(_ design: QAPDesign, model: QAPModel, null: QAPNull, permutations: Int, seed: UInt64,
                           threads: Int = Parallelism.defaultThreads) throws(QAPError) -> QAPResult {
        let prepared = try Prepared(design, model: model)
        return prepared.run(null: null, source: .random(count: null == .classical ? 0 : max(0, permutations), seed: seed), threads: threads)
    }

    /// Fits `design` and tests every term against exactly the permutations given
    /// (each a permutation π of 0 ..< n; the permuted matrix is M[π(i), π(j)], R's
    /// `m[o, o]`). With all n! permutations the p-values are exact: a testing entry point.
    public static func fit(_ design: QAPDesign, model: QAPModel, null: QAPNull, permutationList: [[Int]],
                           threads: Int = Parallelism.defaultThreads) throws(QAPError) -> QAPResult {
        let prepared = try Prepared(design, model: model)
        for (index, perm) in permutationList.enumerated() {
            guard perm.count == prepared.n, Set(perm) == Set(0 ..< prepared.n) else { throw .invalidPermutation(index: index) }
        }
        return prepared.run(null: null, source: .list(permutationList), threads: threads)
    }

    /// The permuted fits' statistics for one permutation, every term (NaN where the
    /// permuted design is degenerate): a testing entry point for brute-force checks.
    public static func permutedStatistics(_ design: QAPDesign, model: QAPModel, null: QAPNull, permutation: [Int]) throws(QAPError) -> [Double] {
        let prepared = try Prepared(design, model: model)
        return prepared.statistics(null: null, permutations: [permutation])[0]
    }
}

/// Where permutations come from.
enum PermutationSource: Sendable {
    case random(count: Int, seed: UInt64)
    case list([[Int]])
    var count: Int {
        switch self {
        case .random(let count, _): return count
        case .list(let list): return list.count
        }
    }
}

/// The design laid out once: every term over all ordered pairs, and over the observed ones.
struct Prepared: Sendable {
    let n: Int
    let p: Int
    let names: [String]
    let model: QAPModel
    /// Pair index → (i, j) over all ordered pairs i ≠ j, row-major.
    let pairCount: Int
    /// p × pairCount, column-major: every term over all pairs.
    let xAll: [Double]
    /// Full n × n response (NaN missing).
    let yMatrix: [Double]
    /// Observed pairs: sender and receiver.
    let usedI: [Int32]
    let usedJ: [Int32]
    /// p × m, column-major, and the response, over observed pairs.
    let xUsed: [Double]
    let yUsed: [Double]
    var m: Int { yUsed.count }
    /// The observed fit.
    let observed: ObservedFit

    struct ObservedFit: Sendable {
        var coefficients: [Double]
        var standardErrors: [Double]
        var statistics: [Double]
        var rSquared: Double?
        var adjustedRSquared: Double?
        var residualStandardError: Double?
        var deviance: Double?
        var nullDeviance: Double?
        var aic: Double?
        var iterations: Int?
        var converged: Bool?
    }

    init(_ design: QAPDesign, model: QAPModel) throws(QAPError) {
        let n = design.response.n
        guard n >= 3 else { throw .tooFewPeople(n) }
        self.n = n
        self.model = model
        names = design.termNames
        p = names.count
        var columns: [DyadicMatrix] = design.intercept ? [DyadicMatrix(n: n, values: [Double](repeating: 1, count: n * n))] : []
        for predictor in design.predictors {
            guard predictor.matrix.n == n else { throw .sizeMismatch(term: predictor.name) }
            var missing = 0
            for i in 0 ..< n { for j in 0 ..< n where i != j && !predictor.matrix.values[i * n + j].isFinite { missing += 1 } }
            if missing > 0 { throw .missingPredictorValues(term: predictor.name, pairs: missing) }
            columns.append(predictor.matrix)
        }
        pairCount = n * (n - 1)
        var xAll = [Double](repeating: 0, count: p * pairCount)
        var usedI: [Int32] = [], usedJ: [Int32] = [], yUsed: [Double] = []
        var usedPairs: [Int] = []
        var pair = 0
        for i in 0 ..< n {
            for j in 0 ..< n where j != i {
                for (c, column) in columns.enumerated() { xAll[c * pairCount + pair] = column.values[i * n + j] }
                let y = design.response.values[i * n + j]
                if !y.isNaN {
                    if model == .logistic, y != 0, y != 1 { throw .responseNotBinary(value: y) }
                    usedI.append(Int32(i)); usedJ.append(Int32(j)); yUsed.append(y); usedPairs.append(pair)
                }
                pair += 1
            }
        }
        let m = yUsed.count
        guard m > p else { throw .tooFewDyads(dyads: m, terms: p) }
        var xUsed = [Double](repeating: 0, count: p * m)
        for c in 0 ..< p { for (d, pair) in usedPairs.enumerated() { xUsed[c * m + d] = xAll[c * pairCount + pair] } }
        if yUsed.allSatisfy({ $0 == yUsed[0] }) { throw .constantResponse }
        self.xAll = xAll
        self.yMatrix = design.response.values
        self.usedI = usedI
        self.usedJ = usedJ
        self.xUsed = xUsed
        self.yUsed = yUsed
        let names = self.names
        let qr = ThinQR(xUsed, rows: m, columns: p)
        if let c = qr.deficientColumn { throw .singular(term: names[c]) }
        switch model {
        case .linear:
            observed = Self.linearFit(qr: qr, x: xUsed, y: yUsed, intercept: design.intercept)
        case .logistic:
            observed = Self.logisticFit(x: xUsed, y: yUsed, rows: m, columns: p, intercept: design.intercept)
        }
    }

    // MARK: observed fits

    static func linearFit(qr: ThinQR, x: [Double], y: [Double], intercept: Bool) -> ObservedFit {
        let m = qr.rows, p = qr.columns
        let b = qr.solve(y)
        var fitted = [Double](repeating: 0, count: m)
        for c in 0 ..< p { for i in 0 ..< m { fitted[i] += x[c * m + i] * b[c] } }
        var rss = 0.0
        for i in 0 ..< m { let r = y[i] - fitted[i]; rss += r * r }
        let rdf = Double(m - p)
        let resvar = rss / rdf
        let inv = qr.inverseGramDiagonal()
        let se = inv.map { ($0 * resvar).squareRoot() }
        var mss = 0.0
        if intercept {
            let mean = fitted.reduce(0, +) / Double(m)
            for f in fitted { mss += (f - mean) * (f - mean) }
        } else {
            for f in fitted { mss += f * f }
        }
        let r2 = mss / (mss + rss)
        let adj = 1 - (1 - r2) * (Double(m - (intercept ? 1 : 0)) / rdf)
        return ObservedFit(coefficients: b, standardErrors: se, statistics: zip(b, se).map { $0 / $1 },
                           rSquared: r2, adjustedRSquared: adj, residualStandardError: resvar.squareRoot())
    }

    static func logisticFit(x: [Double], y: [Double], rows m: Int, columns p: Int, intercept: Bool) -> ObservedFit {
        var mu = y.map { ($0 + 0.5) / 2 }
        var eta = mu.map { log($0 / (1 - $0)) }
        var devold = binomialDeviance(y, mu)
        var b = [Double](repeating: 0, count: p)
        var inv = [Double](repeating: 0, count: p)
        var dev = devold
        var converged = false
        var iterations = 0
        var wx = [Double](repeating: 0, count: m * p)
        var wz = [Double](repeating: 0, count: m)
        for iter in 1 ... 25 {
            iterations = iter
            for i in 0 ..< m {
                let d = logitMuEta(eta[i])
                let z = eta[i] + (y[i] - mu[i]) / d
                let w = (d * d / (mu[i] * (1 - mu[i]))).squareRoot()
                wz[i] = w * z
                for c in 0 ..< p { wx[c * m + i] = w * x[c * m + i] }
            }
            let qr = ThinQR(wx, rows: m, columns: p, tolerance: 1e-11)
            b = qr.solve(wz)
            inv = qr.inverseGramDiagonal()
            for i in 0 ..< m {
                var e = 0.0
                for c in 0 ..< p { e += x[c * m + i] * b[c] }
                eta[i] = e
                mu[i] = logitLinkInverse(e)
            }
            dev = binomialDeviance(y, mu)
            if abs(dev - devold) / (abs(dev) + 0.1) < 1e-8 { converged = true; break }
            devold = dev
        }
        let se = inv.map { $0.squareRoot() }
        let nullDeviance: Double
        if intercept {
            let mean = y.reduce(0, +) / Double(m)
            nullDeviance = binomialDeviance(y, [Double](repeating: mean, count: m))
        } else {
            nullDeviance = binomialDeviance(y, [Double](repeating: 0.5, count: m))
        }
        return ObservedFit(coefficients: b, standardErrors: se, statistics: zip(b, se).map { $0 / $1 },
                           deviance: dev, nullDeviance: nullDeviance, aic: dev + 2 * Double(p),
                           iterations: iterations, converged: converged)
    }

    // MARK: permutations

    /// The observed statistics and permutation counts into a result.
    func run(null requested: QAPNull, source: PermutationSource, threads: Int) -> QAPResult {
        let null: QAPNull = requested == .qapspp && p == 1 ? .qapy : requested
        let o = observed
        var pTwo = [Double](repeating: .nan, count: p), pGe = pTwo, pLe = pTwo
        let rdf = Double(m - p)
        var used = 0
        if null == .classical {
            for k in 0 ..< p {
                let t = o.statistics[k]
                pLe[k] = studentTLowerTail(t, df: rdf)
                pGe[k] = studentTLowerTail(-t, df: rdf)
                pTwo[k] = 2 * studentTLowerTail(-abs(t), df: rdf)
            }
        } else {
            let counts = permutationCounts(null: null, source: source, threads: threads)
            used = source.count
            let total = Double(used)
            for k in 0 ..< p where used > 0 {
                pTwo[k] = Double(counts[3 * k]) / total
                pGe[k] = Double(counts[3 * k + 1]) / total
                pLe[k] = Double(counts[3 * k + 2]) / total
            }
        }
        let terms = (0 ..< p).map { k in
            QAPTerm(name: names[k], estimate: o.coefficients[k], standardError: o.standardErrors[k], statistic: o.statistics[k],
                    pTwoSided: pTwo[k], pGreater: pGe[k], pLess: pLe[k])
        }
        var seed: UInt64? = nil
        if case .random(_, let s) = source, null != .classical { seed = s }
        return QAPResult(model: model, null: null, terms: terms, dyads: m, missingDyads: pairCount - m, residualDF: m - p,
                         permutations: used, seed: seed, rSquared: o.rSquared, adjustedRSquared: o.adjustedRSquared,
                         residualStandardError: o.residualStandardError, deviance: o.deviance, nullDeviance: o.nullDeviance,
                         aic: o.aic, iterations: o.iterations, converged: o.converged)
    }

    /// What the permutations of one null hypothesis share, computed once: for
    /// `qapspp` each term's residual matrix (and, linear, its FWL projection).
    struct Setup: Sendable {
        var linear: [SemiPartialLinear] = []
        var residuals: [[Double]] = []
    }

    func setup(null: QAPNull) -> Setup {
        guard null == .qapspp else { return Setup() }
        switch model {
        case .linear: return Setup(linear: (0 ..< p).map { SemiPartialLinear(self, term: $0) })
        case .logistic: return Setup(residuals: (0 ..< p).map { residualMatrix(term: $0) })
        }
    }

    /// Counts per term (|s| ≥ |obs|, s ≥ obs, s ≤ obs), flattened, over every permutation.
    func permutationCounts(null: QAPNull, source: PermutationSource, threads: Int) -> [Int] {
        let count = source.count
        let shared = setup(null: null)
        let observedStatistics = observed.statistics
        let p = self.p
        let parts = parallelChunks(count: count, chunks: 64, threads: threads) { range -> [Int] in
            var counts = [Int](repeating: 0, count: 3 * p)
            guard !range.isEmpty else { return counts }
            // The chunk's stream: its first permutation's index, fixed by `count` alone.
            let chunk = range.lowerBound
            self.forEachPermutedStatistic(null: null, source: source, range: range, chunk: chunk, setup: shared) { k, s in
                let obs = observedStatistics[k]
                let tol = 1e-9 * max(1, abs(obs))
                let s = s.isNaN ? 0 : s
                if abs(s) >= abs(obs) - tol { counts[3 * k] += 1 }
                if s >= obs - tol { counts[3 * k + 1] += 1 }
                if s <= obs + tol { counts[3 * k + 2] += 1 }
            }
            return counts
        }
        var total = [Int](repeating: 0, count: 3 * p)
        for part in parts { for i in 0 ..< total.count { total[i] += part[i] } }
        return total
    }

    /// Every term's statistic for each permutation given (rows: permutations).
    func statistics(null requested: QAPNull, permutations: [[Int]]) -> [[Double]] {
        let null: QAPNull = requested == .qapspp && p == 1 ? .qapy : requested
        var out = [[Double]](repeating: [Double](repeating: .nan, count: p), count: permutations.count)
        // The visitor reports each term's permutations in order.
        var index = [Int](repeating: 0, count: p)
        forEachPermutedStatistic(null: null, source: .list(permutations), range: 0 ..< permutations.count, chunk: 0, setup: setup(null: null)) { k, s in
            out[index[k]][k] = s
            index[k] += 1
        }
        return out
    }

    /// Calls `visit(term, statistic)` for every permutation in `range` and every term.
    /// For `qapspp` the terms are visited one after another, each over the whole
    /// range with the same permutations (the chunk's stream restarted per term).
    func forEachPermutedStatistic(null: QAPNull, source: PermutationSource, range: Range<Int>, chunk: Int, setup: Setup,
                                  _ visit: (Int, Double) -> Void) {
        let n = self.n
        let perm = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { perm.deallocate() }
        var rng = SeededRandom(seed: 0)
        func restart() {
            if case .random(_, let seed) = source { rng = SeededRandom(seed: seed, stream: chunk) }
        }
        func next(_ r: Int) {
            switch source {
            case .list(let list):
                for i in 0 ..< n { perm[i] = list[r][i] }
            case .random:
                // A fresh uniform permutation (Fisher–Yates on the identity), as R's sample(1:n).
                for i in 0 ..< n { perm[i] = i }
                var buffer = UnsafeMutableBufferPointer(start: perm, count: n)
                rng.shuffle(&buffer)
            }
        }
        switch (null, model) {
        case (.qapspp, .linear):
            for k in 0 ..< p {
                let term = setup.linear[k]
                restart()
                term.withBuffers { run in
                    for r in range {
                        next(r)
                        visit(k, run(perm))
                    }
                }
            }
        case (.qapspp, .logistic):
            let work = IRLSWorkspace(rows: m, columns: p)
            for k in 0 ..< p {
                let residual = setup.residuals[k]
                // Columns: the other terms, then the permuted residual last (as sna).
                var c = 0
                for other in 0 ..< p where other != k {
                    for d in 0 ..< m { work.x[c * m + d] = xUsed[other * m + d] }
                    c += 1
                }
                for d in 0 ..< m { work.y[d] = yUsed[d] }
                restart()
                residual.withUnsafeBufferPointer { e in
                    usedI.withUnsafeBufferPointer { ui in
                        usedJ.withUnsafeBufferPointer { uj in
                            for r in range {
                                next(r)
                                let last = work.x + (p - 1) * m
                                for d in 0 ..< m { last[d] = e[perm[Int(ui[d])] * n + perm[Int(uj[d])]] }
                                visit(k, work.fit(rows: m) ? work.statistic(p - 1) : .nan)
                            }
                        }
                    }
                }
            }
        case (.qapy, _), (.classical, _):
            let work = IRLSWorkspace(rows: pairCount, columns: p)
            restart()
            yMatrix.withUnsafeBufferPointer { ym in
                xAll.withUnsafeBufferPointer { xa in
                    for r in range {
                        next(r)
                        // The permuted response over every pair; pairs it leaves missing drop out.
                        var rows = 0, pair = 0
                        for i in 0 ..< n {
                            let pi = perm[i] * n
                            for j in 0 ..< n where j != i {
                                let y = ym[pi + perm[j]]
                                if !y.isNaN {
                                    work.y[rows] = y
                                    for c in 0 ..< p { work.x[c * pairCount + rows] = xa[c * pairCount + pair] }
                                    rows += 1
                                }
                                pair += 1
                            }
                        }
                        // Column stride is pairCount; compact rows at the front of each column.
                        let ok = model == .linear ? work.leastSquares(rows: rows, stride: pairCount) : work.fit(rows: rows, stride: pairCount)
                        for k in 0 ..< p { visit(k, ok ? work.statistic(k) : .nan) }
                    }
                }
            }
        }
    }

    /// The residual of term k on the other terms (OLS over all ordered pairs, as
    /// sna's `qapspp` residualises each predictor), as an n × n matrix (diagonal 0).
    func residualMatrix(term k: Int) -> [Double] {
        let others = otherColumns(xAll, rows: pairCount, except: k)
        let column = Array(xAll[(k * pairCount) ..< ((k + 1) * pairCount)])
        let residual = p > 1 ? ThinQR(others, rows: pairCount, columns: p - 1).residual(column) : column
        var matrix = [Double](repeating: 0, count: n * n)
        var pair = 0
        for i in 0 ..< n { for j in 0 ..< n where j != i { matrix[i * n + j] = residual[pair]; pair += 1 } }
        return matrix
    }

    /// The columns of a column-major matrix other than `k`.
    func otherColumns(_ x: [Double], rows: Int, except k: Int) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(rows * (p - 1))
        for c in 0 ..< p where c != k { out.append(contentsOf: x[(c * rows) ..< ((c + 1) * rows)]) }
        return out
    }
}
