#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Linear `qapspp` for one term k, by the Frisch–Waugh–Lovell theorem: with Q an
/// orthonormal basis of the other terms over the observed pairs and ỹ the response's
/// residual on them, the permuted residual z has b = zᵀỹ / z̃ᵀz̃ with
/// z̃ᵀz̃ = zᵀz − ‖Qᵀz‖², RSS = ỹᵀỹ − (zᵀỹ)² / z̃ᵀz̃ and t = b / sqrt(RSS/(m − p) / z̃ᵀz̃):
/// the same t as refitting the whole model, in O(m p) per permutation.
struct SemiPartialLinear: Sendable {
    let n: Int
    let m: Int
    let others: Int
    let dfResidual: Double
    let residual: [Double]
    let q: [Double]
    let yResidual: [Double]
    let yResidualSquares: Double
    let usedI: [Int32]
    let usedJ: [Int32]

    init(_ prepared: Prepared, term k: Int) {
        n = prepared.n
        m = prepared.m
        others = prepared.p - 1
        dfResidual = Double(prepared.m - prepared.p)
        residual = prepared.residualMatrix(term: k)
        usedI = prepared.usedI
        usedJ = prepared.usedJ
        if others > 0 {
            let qr = ThinQR(prepared.otherColumns(prepared.xUsed, rows: m, except: k), rows: m, columns: others)
            q = qr.q
            yResidual = qr.residual(prepared.yUsed)
        } else {
            q = []
            yResidual = prepared.yUsed
        }
        yResidualSquares = yResidual.reduce(0) { $0 + $1 * $1 }
    }

    /// Runs `body` with a function from a permutation to the term's t-value; no allocation per call.
    func withBuffers(_ body: ((UnsafeMutablePointer<Int>) -> Double) -> Void) {
        let qz = UnsafeMutablePointer<Double>.allocate(capacity: max(1, others))
        defer { qz.deallocate() }
        let n = self.n, m = self.m, others = self.others, df = dfResidual, yy = yResidualSquares
        residual.withUnsafeBufferPointer { e in
            q.withUnsafeBufferPointer { q in
                yResidual.withUnsafeBufferPointer { yr in
                    usedI.withUnsafeBufferPointer { ui in
                        usedJ.withUnsafeBufferPointer { uj in
                            body { perm in
                                var zz = 0.0, zy = 0.0
                                for c in 0 ..< others { qz[c] = 0 }
                                for d in 0 ..< m {
                                    let z = e[perm[Int(ui[d])] * n + perm[Int(uj[d])]]
                                    zz += z * z
                                    zy += z * yr[d]
                                    for c in 0 ..< others { qz[c] += q[c * m + d] * z }
                                }
                                var proj = 0.0
                                for c in 0 ..< others { proj += qz[c] * qz[c] }
                                let zres = zz - proj
                                guard zres > 1e-10 * zz, zz > 0 else { return .nan }
                                let b = zy / zres
                                let rss = max(0, yy - zy * zy / zres)
                                let se = (rss / df / zres).squareRoot()
                                return b / se
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Preallocated buffers for refitting a design many times: least squares by
/// normal equations or logistic IRLS (R's glm.fit criterion), no allocation per fit.
/// Columns are stored column-major with a stride (rows at the front of each column).
final class IRLSWorkspace {
    let capacity: Int
    let p: Int
    let x: UnsafeMutablePointer<Double>
    let y: UnsafeMutablePointer<Double>
    let eta: UnsafeMutablePointer<Double>
    let mu: UnsafeMutablePointer<Double>
    let a: UnsafeMutablePointer<Double>
    let v: UnsafeMutablePointer<Double>
    let inv: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Double>
    var residualVariance = 1.0

    init(rows: Int, columns: Int) {
        capacity = max(1, rows)
        p = columns
        x = .allocate(capacity: capacity * columns)
        y = .allocate(capacity: capacity)
        eta = .allocate(capacity: capacity)
        mu = .allocate(capacity: capacity)
        a = .allocate(capacity: columns * columns)
        v = .allocate(capacity: columns)
        inv = .allocate(capacity: columns)
        scratch = .allocate(capacity: columns)
    }

    deinit {
        for buffer in [x, y, eta, mu, a, v, inv, scratch] { buffer.deallocate() }
    }

    /// The statistic of column k after a fit: b_k / sqrt(s² (XᵀWX)⁻¹_kk) (s² = 1 for logistic).
    func statistic(_ k: Int) -> Double { v[k] / (inv[k] * residualVariance).squareRoot() }

    /// OLS of y on x over `rows` rows by normal equations; `false` if degenerate.
    func leastSquares(rows: Int, stride: Int? = nil) -> Bool {
        let s = stride ?? rows
        for j in 0 ..< p {
            for k in 0 ... j {
                var sum = 0.0
                for i in 0 ..< rows { sum += x[j * s + i] * x[k * s + i] }
                a[j * p + k] = sum
                a[k * p + j] = sum
            }
            var sum = 0.0
            for i in 0 ..< rows { sum += x[j * s + i] * y[i] }
            v[j] = sum
        }
        guard choleskySolve(a, v, p: p, diagonalInverse: inv, scratch: scratch) else { return false }
        var rss = 0.0
        for i in 0 ..< rows {
            var f = 0.0
            for c in 0 ..< p { f += x[c * s + i] * v[c] }
            rss += (y[i] - f) * (y[i] - f)
        }
        guard rows > p else { return false }
        residualVariance = rss / Double(rows - p)
        return true
    }

    /// Logistic IRLS as R's glm.fit (start μ = (y + ½)/2, stop when
    /// |dev − dev_old|/(|dev| + 0.1) < 1e-8, at most 25 iterations); coefficients in
    /// `v`, (XᵀWX)⁻¹ diagonal of the last weighted step in `inv`. `false` if degenerate.
    func fit(rows: Int, stride: Int? = nil) -> Bool {
        let s = stride ?? rows
        residualVariance = 1
        var devold = 0.0
        for i in 0 ..< rows {
            mu[i] = (y[i] + 0.5) / 2
            eta[i] = log(mu[i] / (1 - mu[i]))
            devold += binomialDevianceTerm(y[i], mu[i])
        }
        for _ in 1 ... 25 {
            for j in 0 ..< p { for k in 0 ... j { a[j * p + k] = 0 }; v[j] = 0 }
            for i in 0 ..< rows {
                let d = logitMuEta(eta[i])
                let w = d * d / (mu[i] * (1 - mu[i]))
                let z = eta[i] + (y[i] - mu[i]) / d
                for j in 0 ..< p {
                    let wxj = w * x[j * s + i]
                    v[j] += wxj * z
                    for k in 0 ... j { a[j * p + k] += wxj * x[k * s + i] }
                }
            }
            for j in 0 ..< p { for k in 0 ..< j { a[k * p + j] = a[j * p + k] } }
            guard choleskySolve(a, v, p: p, diagonalInverse: inv, scratch: scratch) else { return false }
            var dev = 0.0
            for i in 0 ..< rows {
                var e = 0.0
                for c in 0 ..< p { e += x[c * s + i] * v[c] }
                eta[i] = e
                mu[i] = logitLinkInverse(e)
                dev += binomialDevianceTerm(y[i], mu[i])
            }
            if abs(dev - devold) / (abs(dev) + 0.1) < 1e-8 { break }
            devold = dev
        }
        return true
    }
}

// MARK: R's binomial family (src/library/stats/src/family.c)

private let logitThreshold = 30.0
private let doubleEpsilon = 2.220446049250313e-16

/// R's `binomial()$linkinv`: exp(η)/(1 + exp(η)), with η clamped beyond ±30.
@inline(__always)
func logitLinkInverse(_ eta: Double) -> Double {
    let t = eta < -logitThreshold ? doubleEpsilon : (eta > logitThreshold ? 1 / doubleEpsilon : exp(eta))
    return t / (1 + t)
}

/// R's `binomial()$mu.eta`: dμ/dη = exp(η)/(1 + exp(η))², ε beyond ±30.
@inline(__always)
func logitMuEta(_ eta: Double) -> Double {
    if eta > logitThreshold || eta < -logitThreshold { return doubleEpsilon }
    let e = exp(eta)
    return e / ((1 + e) * (1 + e))
}

/// One pair's binomial deviance 2 (y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))).
@inline(__always)
func binomialDevianceTerm(_ y: Double, _ mu: Double) -> Double {
    var d = 0.0
    if y != 0 { d += y * log(y / mu) }
    if y != 1 { d += (1 - y) * log((1 - y) / (1 - mu)) }
    return 2 * d
}

func binomialDeviance(_ y: [Double], _ mu: [Double]) -> Double {
    var total = 0.0
    for i in 0 ..< y.count { total += binomialDevianceTerm(y[i], mu[i]) }
    return total
}
