/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator used to expand one
/// 64-bit seed into the state of ``SeededRandom`` and to derive independent
/// streams. Not for statistics on its own.
///
/// The sequence is fixed by this file, not by the standard library, so the
/// same seed gives the same numbers on every platform and Swift release.
///
/// ```swift
/// var s = SplitMix64(seed: 42)
/// s.next()   // 0xBDD732262FEB6E95
/// ```
public struct SplitMix64: Sendable {
    /// The current state; each call adds the golden-ratio increment.
    public private(set) var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0 ..< bound` (`bound > 0`) by Lemire's multiply-high
    /// mapping, written out so the sequence never depends on the standard
    /// library's `random(in:)`. (Slightly biased for bounds near 2⁶⁴; used
    /// for pivot sampling, where that is immaterial.)
    public mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}

/// The project's seeded random number generator: xoshiro256** (Blackman &
/// Vigna 2018), state filled from the seed by ``SplitMix64``.
///
/// Every stochastic routine in StaffGraph (Louvain's node order, permutation
/// tests) takes a seed and draws from this generator, never from the system
/// generator, and maps raw `UInt64`s to ranges and shuffles with the few lines
/// below rather than the standard library's `random(in:using:)` or
/// `shuffled(using:)`, whose sequences are not promised to stay the same
/// across Swift releases. So a printed seed reproduces a result exactly.
///
/// ```swift
/// var rng = SeededRandom(seed: 42)
/// let die = rng.nextInt(below: 6) + 1
/// var order = Array(0 ..< 10)
/// rng.shuffle(&order)
/// ```
public struct SeededRandom: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// An independent stream number `index` derived from `seed`: used to give
    /// each fixed chunk of a parallel job its own generator, so the result does
    /// not depend on how many threads ran the chunks.
    public init(seed: UInt64, stream index: Int) {
        var sm = SplitMix64(seed: seed)
        let base = sm.next()
        self.init(seed: base ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03 &+ 0x8CB9_2BA7_2F3D_8DD7))
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0 ..< bound` (`bound > 0`), without modulo bias
    /// (Lemire 2019, multiply-and-reject).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Shuffles `items` in place (Fisher–Yates, from the end): an array, or a
    /// buffer of a hot loop that must not allocate.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ items: inout C) where C.Index == Int {
        var i = items.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            if i != j { items.swapAt(items.startIndex + i, items.startIndex + j) }
            i -= 1
        }
    }
}
