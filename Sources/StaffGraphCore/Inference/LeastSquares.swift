#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A thin QR factorisation X = Q R of a tall column-major matrix (m rows, p
/// columns), by modified Gram–Schmidt applied twice per column ("twice is
/// enough", Giraud, Langou & Rozložník 2005, DOI 10.1016/j.camwa.2005.08.009),
/// which keeps Q orthonormal to rounding for the well-conditioned designs of a
/// dyadic regression. Used for the observed fits, so estimates agree with R's
/// Householder `qr` to rounding (~1e-13), not to the square of the condition
/// number as normal equations would.
struct ThinQR {
    /// m × p, column-major, orthonormal columns.
    var q: [Double]
    /// p × p upper triangular, column-major (`r[c * p + k]` is R[k, c]).
    var r: [Double]
    let rows: Int
    let columns: Int
    /// The first column (in order) that is, to `tolerance`, a combination of the
    /// earlier ones (or zero): its residual norm ≤ tolerance × its own norm, as
    /// R's `qr(tol = 1e-7)` (LINPACK dqrdc2) decides rank. `nil` when of full rank.
    let deficientColumn: Int?

    init(_ x: [Double], rows m: Int, columns p: Int, tolerance: Double = 1e-7) {
        rows = m
        columns = p
        var q = x
        var r = [Double](repeating: 0, count: p * p)
        var deficient: Int? = nil
        for c in 0 ..< p {
            var original = 0.0
            for i in 0 ..< m { original += q[c * m + i] * q[c * m + i] }
            original = original.squareRoot()
            for _ in 0 ..< 2 {
                for k in 0 ..< c {
                    var dot = 0.0
                    for i in 0 ..< m { dot += q[k * m + i] * q[c * m + i] }
                    r[c * p + k] += dot
                    for i in 0 ..< m { q[c * m + i] -= dot * q[k * m + i] }
                }
            }
            var norm = 0.0
            for i in 0 ..< m { norm += q[c * m + i] * q[c * m + i] }
            norm = norm.squareRoot()
            if norm <= tolerance * original || norm == 0 {
                if deficient == nil { deficient = c }
                r[c * p + c] = 0
                for i in 0 ..< m { q[c * m + i] = 0 }
                continue
            }
            r[c * p + c] = norm
            for i in 0 ..< m { q[c * m + i] /= norm }
        }
        self.q = q
        self.r = r
        deficientColumn = deficient
    }

    /// Qᵀ v.
    func qTransposed(_ v: [Double]) -> [Double] {
        (0 ..< columns).map { c in
            var s = 0.0
            for i in 0 ..< rows { s += q[c * rows + i] * v[i] }
            return s
        }
    }

    /// The least-squares coefficients b of v on X (R b = Qᵀ v).
    func solve(_ v: [Double]) -> [Double] {
        let qtv = qTransposed(v)
        var b = [Double](repeating: 0, count: columns)
        for k in stride(from: columns - 1, through: 0, by: -1) {
            var s = qtv[k]
            for c in (k + 1) ..< max(k + 1, columns) { s -= r[c * columns + k] * b[c] }
            b[k] = s / r[k * columns + k]
        }
        return b
    }

    /// v − Q Qᵀ v: the residual of v on the columns of X.
    func residual(_ v: [Double]) -> [Double] {
        let qtv = qTransposed(v)
        var out = v
        for c in 0 ..< columns where qtv[c] != 0 {
            for i in 0 ..< rows { out[i] -= qtv[c] * q[c * rows + i] }
        }
        return out
    }

    /// The diagonal of (RᵀR)⁻¹ = (XᵀX)⁻¹, R's `diag(chol2inv(qr$qr))`.
    func inverseGramDiagonal() -> [Double] {
        // R⁻¹ column by column (upper triangular), then the row sums of squares of R⁻¹.
        let p = columns
        var inv = [Double](repeating: 0, count: p * p)  // column-major R⁻¹
        for c in 0 ..< p {
            inv[c * p + c] = 1 / r[c * p + c]
            for k in stride(from: c - 1, through: 0, by: -1) {
                var s = 0.0
                for l in (k + 1) ... c { s += r[l * p + k] * inv[c * p + l] }
                inv[c * p + k] = -s / r[k * p + k]
            }
        }
        return (0 ..< p).map { k in
            var s = 0.0
            for c in k ..< p { s += inv[c * p + k] * inv[c * p + k] }
            return s
        }
    }
}

/// Cholesky solve of a small symmetric positive definite system A b = v (A p × p,
/// row-major, overwritten by its factor L), written for preallocated buffers.
/// Returns `false` when A is not positive definite to rounding (a degenerate permutation).
/// On success `v` holds b and `diagonalInverse` (if given) the diagonal of A⁻¹.
@inline(__always)
func choleskySolve(_ a: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, p: Int,
                   diagonalInverse: UnsafeMutablePointer<Double>?, scratch: UnsafeMutablePointer<Double>) -> Bool {
    for j in 0 ..< p {
        var d = a[j * p + j]
        for k in 0 ..< j { d -= a[j * p + k] * a[j * p + k] }
        if !(d > 1e-13 * max(1, abs(a[j * p + j]))) { return false }
        d = d.squareRoot()
        a[j * p + j] = d
        for i in (j + 1) ..< max(j + 1, p) {
            var s = a[i * p + j]
            for k in 0 ..< j { s -= a[i * p + k] * a[j * p + k] }
            a[i * p + j] = s / d
        }
    }
    // L y = v, Lᵀ b = y.
    for i in 0 ..< p {
        var s = v[i]
        for k in 0 ..< i { s -= a[i * p + k] * v[k] }
        v[i] = s / a[i * p + i]
    }
    for i in stride(from: p - 1, through: 0, by: -1) {
        var s = v[i]
        for k in (i + 1) ..< max(i + 1, p) { s -= a[k * p + i] * v[k] }
        v[i] = s / a[i * p + i]
    }
    if let diagonalInverse {
        // A⁻¹ = L⁻ᵀ L⁻¹, so (A⁻¹)_jj = Σ_i (L⁻¹)_ij²: column j of L⁻¹ by forward substitution.
        for j in 0 ..< p {
            // x = L⁻¹ e_j: x_i = 0 for i < j.
            var total = 0.0
            for i in 0 ..< p { scratch[i] = 0 }
            for i in j ..< p {
                var s = i == j ? 1.0 : 0.0
                for k in j ..< i { s -= a[i * p + k] * scratch[k] }
                scratch[i] = s / a[i * p + i]
                total += scratch[i] * scratch[i]
            }
            diagonalInverse[j] = total
        }
    }
    return true
}

/// The lower tail P(T ≤ t) of Student's t distribution with `df` degrees of
/// freedom, R's `pt(t, df)`: through the regularised incomplete beta function,
/// P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1), by
/// Lentz's continued fraction (relative accuracy ~1e-14).
public func studentTLowerTail(_ t: Double, df: Double) -> Double {
    if t.isNaN || df.isNaN || df <= 0 { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let x = df / (df + t * t)
    let tail = 0.5 * regularizedIncompleteBeta(x, a: df / 2, b: 0.5)
    return t > 0 ? 1 - tail : tail
}

/// I_x(a, b), the regularised incomplete beta function.
func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    if x < (a + 1) / (a + b + 2) {
        return exp(lnFront) * betaContinuedFraction(x, a: a, b: b) / a
    }
    return 1 - exp(lnFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
}

private func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1 ... 10_000 {
        let m = Double(m)
        var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return h
}
