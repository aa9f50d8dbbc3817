#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How much work ``NodeMeasureTable`` may spend on the all-sources columns
/// (betweenness, closeness, harmonic closeness), which search from every person
/// and cost O(n·m) each: most of an hour on a network of 200,000 people and
/// 3,000,000 ties.
///
/// - ``exact``: every column exactly, however long it takes.
/// - ``automatic(limit:seed:)``: exactly when the work (``NodeMeasureTable/estimatedWork(_:on:)``)
///   is at most `limit`; above it betweenness and harmonic closeness are
///   estimated from seeded random pivots (Brandes & Pich 2007,
///   doi:10.1142/S0218127407018403; Eppstein & Wang 2004,
///   doi:10.7155/jgaa.00081) with as many pivots as fit in `limit`, and
///   Wasserman–Faust closeness, which has no estimator here, is left empty.
///   The table lists the estimated columns with their error bounds
///   (``NodeMeasureTable/estimated``) and the columns left out
///   (``NodeMeasureTable/skipped``), and says both in its notes.
///
/// ```swift
/// let table = NodeMeasureTable([.betweenness, .harmonicIn], on: graph, budget: .automatic())
/// table.estimated[.betweenness]?.errorBound   // nil when computed exactly
/// ```
public enum MeasureBudget: Sendable, Equatable {
    /// Every column computed exactly (the default).
    case exact
    /// Exact up to `limit` BFS-tie steps (default ``NodeMeasureTable/defaultWorkLimit``,
    /// about a minute on two cores); above it, estimates from pivots drawn
    /// with `seed` (a fixed seed gives the same values on every run and for
    /// any thread count).
    case automatic(limit: Double = NodeMeasureTable.defaultWorkLimit, seed: UInt64 = 42)
}

extension NodeMeasureTable {
    /// The default limit of ``MeasureBudget/automatic(limit:seed:)``: 5 × 10¹⁰
    /// BFS-tie steps (see ``estimatedWork(_:on:)``), about a minute on two cores.
    ///
    /// Calibrated on the generated state network (`Scripts/generate_network.py
    /// --scale state`: 200,000 people, 3,000,000 ties), release build, 2
    /// threads, 400–1,000 pivots: a one-source harmonic-closeness search took
    /// 3.2–3.9 ms (0.8–0.9 × 10⁹ steps a second at 1 step a tie; one thread,
    /// 6.0 ms), which sets ``stepsPerSecondPerThread``; the per-tie costs of
    /// the passes actually run (``betweennessStepsPerTie``,
    /// ``distanceStepsPerTie``) are measured against it. On the district
    /// network (5,000 people, 60,000 ties), which fits in cache, searches run
    /// 2–3 times faster.
    public static let defaultWorkLimit: Double = 5e10

    /// The measured speed of all-sources searches on one thread, in BFS-tie
    /// steps a second (see ``defaultWorkLimit``); the time estimates of
    /// ``estimatedSeconds(work:threads:)`` and of the notes divide by it.
    public static let stepsPerSecondPerThread: Double = 4.2e8

    /// BFS-tie steps a Brandes search costs per tie: the search counts
    /// shortest paths along each tie and the dependency accumulation reads it
    /// again. Measured on the generated state network (release, 2 threads):
    /// exact betweenness over all 200,000 people took 947 s (1,868 s of CPU),
    /// 1.31 steps a tie at ``stepsPerSecondPerThread``; rounded up to 1.4.
    /// (It was 2.5 before the search and the accumulation kept one entry per
    /// person and read the next rows of ties ahead; that run took 22 minutes.)
    public static let betweennessStepsPerTie: Double = 1.4

    /// BFS-tie steps an exact distance pass (closeness and harmonic closeness
    /// of one direction) costs per person and tie: its hop searches run 64
    /// sources at a time (``MultiSourceWorkspace``), so a tie is read a few
    /// times per 64 searches instead of once per search. Measured on the
    /// generated state network (release, 2 threads): harmonic closeness over
    /// all 200,000 people took 62 s (123 s of CPU), 0.085 steps a tie at
    /// ``stepsPerSecondPerThread``; rounded up to 0.1. A sampled pass runs its
    /// pivots 64 at a time too and costs the same per pivot (measured there:
    /// 8,333 pivots in 2.3 s on two threads, 0.077 steps a tie).
    public static let distanceStepsPerTie: Double = 0.1

    /// The work of the all-sources columns among `measures` computed exactly,
    /// in BFS-tie steps: `people × ties × c` for each search pass, where
    /// `c` = ``betweennessStepsPerTie`` for the Brandes pass that gives both
    /// `betweenness` and `betweenness_raw`, and `c` = ``distanceStepsPerTie`` for each direction of
    /// distance searches (`closeness_in` and `harmonic_in` share one pass,
    /// `closeness_out` and `harmonic_out` another). The other columns take
    /// near-linear time and count 0.
    ///
    /// Example: 200,000 people and 3,000,000 ties, every column:
    /// `6 × 10¹¹ × (1.4 + 0.1 + 0.1) = 9.6 × 10¹¹` steps, about 19 minutes on
    /// two cores at ``stepsPerSecondPerThread``.
    /// - Complexity: O(number of measures).
    public static func estimatedWork(_ measures: [NodeMeasure], on graph: Graph) -> Double {
        plan(measures, on: graph, budget: .exact).exactWork
    }

    /// The all-sources steps that ``init(_:on:threads:budget:checkpoint:progress:)`` runs
    /// for `measures` on `graph` under `budget`, in the order it runs them, so a
    /// caller can show the plan and its time (``estimatedSeconds(work:threads:)``)
    /// before starting.
    /// - Complexity: O(number of measures).
    public static func steps(_ measures: [NodeMeasure], on graph: Graph, budget: MeasureBudget = .exact) -> [Step] {
        plan(measures, on: graph, budget: budget).steps
    }

    /// Seconds that `work` BFS-tie steps take on `threads` threads (at most the
    /// cores available) at the calibrated ``stepsPerSecondPerThread``: a rough
    /// figure for messages; networks that fit in cache run faster.
    public static func estimatedSeconds(work: Double, threads: Int) -> Double {
        let cores = Double(max(1, min(threads, Parallelism.availableCores)))
        return work / (stepsPerSecondPerThread * cores)
    }

    /// One all-sources search pass of a ``NodeMeasureTable``, as the `progress`
    /// wrapper of ``NodeMeasureTable/init(_:on:threads:budget:checkpoint:progress:)``
    /// receives it before the pass starts.
    ///
    /// The pass's ``ProgressHandler`` is called with `(done, total)` counted in
    /// searches, `total` = ``searches``, each time one of the fixed chunks of
    /// about `total / 64` searches finishes (at most 64 calls, `done`
    /// non-decreasing, the last call `(total, total)`). Searches cost about the
    /// same each, so `elapsed × (total − done) / done` estimates the time left;
    /// before the first call, ``NodeMeasureTable/estimatedSeconds(work:threads:)``
    /// of ``work`` does. A pass resumed from a ``SourceChunkCheckpoint`` first
    /// reports the searches already done (`resumed`, at once), and the time
    /// left is then `elapsed × (total − done) / (done − resumed)`.
    public struct Step: Sendable, Equatable {
        /// The columns this pass fills, in ``NodeMeasure`` order.
        public let measures: [NodeMeasure]
        /// How many single-source searches it runs: the number of people, or
        /// of pivots when ``isSampled``. The `total` of its progress calls.
        public let searches: Int
        /// Whether it searches from pivots only (its columns are estimates).
        public let isSampled: Bool
        /// Its work in BFS-tie steps (see ``NodeMeasureTable/estimatedWork(_:on:)``).
        public let work: Double

        /// The column names joined by ", " ("betweenness, betweenness_raw",
        /// "closeness_in, harmonic_in"): a label for a progress bar.
        public var name: String { measures.map(\.rawValue).joined(separator: ", ") }
    }

    /// How one column was estimated, for a reader who wants to reproduce or
    /// judge it: the pivots, the seed and the stated error bounds.
    ///
    /// The bounds come from Hoeffding's inequality (Hoeffding 1963, which also
    /// holds for sampling without replacement, §6). Given whether a person is
    /// a pivot, their estimate is `scale ×` the mean of `k` (or, for a pivot,
    /// `k − 1`) terms in [0, 1] drawn without replacement from their `n − 1`
    /// exact terms, whose mean times `scale` is the exact value. So with
    /// probability `1 − δ` each estimate is within
    /// `scale × √(ln(2/δ) / (2(k − 1)))` of the exact value (``errorBound``),
    /// and all of them at once within `scale × √(ln(2n/δ) / (2(k − 1)))`
    /// (``errorBoundAllPeople``, a union bound); `δ = 0.05`. Terms and scales:
    ///
    /// - betweenness (normalized): `δ_s(v) / (n − 2)`, the share of the other
    ///   people's shortest paths from pivot `s` through `v`; scale 1 (Brandes &
    ///   Pich 2007, doi:10.1142/S0218127407018403). The formula of the bound
    ///   `staffgraph-bench` states;
    /// - betweenness_raw: the same terms, scale `(n − 1)(n − 2)`;
    /// - harmonic_in / harmonic_out: `1/d(pivot, person)` (or the reverse),
    ///   scale `n − 1` (Eppstein & Wang 2004, doi:10.7155/jgaa.00081).
    ///
    /// Example: 1,200 pivots: `√(ln 40 / 2398) = 0.0393`, so each betweenness
    /// value is within ±0.040 of the exact one with 95% probability.
    public struct Estimate: Sendable, Equatable {
        /// Number of pivots `k` searched from.
        public let pivots: Int
        /// Number of people `n` in the network.
        public let people: Int
        /// The seed that drew the pivots.
        public let seed: UInt64
        /// The probability `1 − δ` with which each bound holds (0.95).
        public let confidence: Double
        /// Each person's value is within this of the exact one with probability
        /// ``confidence``, in the column's own units.
        public let errorBound: Double
        /// Every person's value is within this of the exact one at once, with
        /// probability ``confidence`` (union bound over the `n` people).
        public let errorBoundAllPeople: Double
        /// The work, in BFS-tie steps, of computing the column exactly
        /// (``NodeMeasureTable/estimatedWork(_:on:)`` of the column alone).
        public let exactWork: Double

        /// Hoeffding's deviation of the mean of `k − 1` terms in [0, 1], for
        /// `events` statements at once: `√(ln(2·events/δ) / (2(k − 1)))`,
        /// `δ = 1 − confidence`.
        static func hoeffding(pivots k: Int, events: Int, confidence: Double) -> Double {
            let delta = 1 - confidence
            let terms = Double(max(k - 1, 1))
            return (log(2 * Double(max(events, 1)) / delta) / (2 * terms)).squareRoot()
        }

        /// The per-person bound on normalized betweenness from `k` pivots,
        /// `√(ln(2/δ) / (2(k − 1)))` with `δ = 1 − confidence`
        /// (`staffgraph-bench`'s `error_bound_per_node`). Raw betweenness:
        /// times `(n − 1)(n − 2)`.
        public static func betweennessBound(pivots k: Int, confidence: Double = 0.95) -> Double {
            hoeffding(pivots: k, events: 1, confidence: confidence)
        }

        /// The per-person bound on (unnormalized) harmonic closeness from `k`
        /// of `n` people: `(n − 1) · √(ln(2/δ) / (2(k − 1)))`, `δ = 1 − confidence`.
        public static func harmonicBound(pivots k: Int, people n: Int, confidence: Double = 0.95) -> Double {
            Double(max(n - 1, 0)) * hoeffding(pivots: k, events: 1, confidence: confidence)
        }
    }
}

// MARK: - The plan

/// What a table computes: its all-sources steps and the columns it leaves out.
struct MeasurePlan {
    /// What one step computes.
    enum Kind: Equatable {
        /// One Brandes pass (both betweenness scales), from every person or from `pivots`.
        case brandes
        /// One distance search from every person in `direction` (its closeness
        /// and harmonic columns).
        case distances(PathDirection)
        /// Harmonic closeness of `direction` from `pivots`.
        case sampledHarmonic(PathDirection)
    }

    /// One step and what it computes.
    struct Item {
        let kind: Kind
        let step: NodeMeasureTable.Step
    }

    var items: [Item] = []
    /// Columns left empty: no estimator, and over the budget.
    var skipped: [NodeMeasure] = []
    /// The pivot count when the budget chose sampling.
    var pivots: Int?
    /// The seed that draws the pivots.
    var seed: UInt64 = 0
    /// The work of the whole request computed exactly.
    var exactWork: Double = 0

    var steps: [NodeMeasureTable.Step] { items.map(\.step) }
}

extension NodeMeasureTable {
    /// The steps for `measures` on `graph` under `budget`:
    ///
    /// - exact work ≤ limit (or ``MeasureBudget/exact``): one Brandes pass and
    ///   one distance pass per direction asked, from every person;
    /// - otherwise `k = ⌊limit / (ties × Σ c)⌋` pivots, clamped to `2...n`, `Σ c`
    ///   summing the per-tie costs of the passes that have an estimator
    ///   (``betweennessStepsPerTie`` for Brandes, ``distanceStepsPerTie`` for each
    ///   harmonic direction); Wasserman–Faust columns are left out.
    ///   If `k` reaches `n` those passes fit whole and run exactly.
    static func plan(_ measures: [NodeMeasure], on graph: Graph, budget: MeasureBudget) -> MeasurePlan {
        let wanted = Set(measures)
        let n = graph.nodeCount
        let people = Double(n), ties = Double(graph.edgeCount)
        func ordered(_ columns: [NodeMeasure]) -> [NodeMeasure] {
            NodeMeasure.allCases.filter { columns.contains($0) && wanted.contains($0) }
        }
        let brandes = ordered([.betweenness, .betweennessRaw])
        let incoming = ordered([.closenessIn, .harmonicIn])
        let outgoing = ordered([.closenessOut, .harmonicOut])

        var exact = MeasurePlan()
        if !brandes.isEmpty {
            exact.items.append(.init(kind: .brandes, step: Step(measures: brandes, searches: n, isSampled: false, work: people * ties * betweennessStepsPerTie)))
        }
        for (direction, columns) in [(PathDirection.incoming, incoming), (.outgoing, outgoing)] where !columns.isEmpty {
            exact.items.append(.init(kind: .distances(direction), step: Step(measures: columns, searches: n, isSampled: false, work: people * ties * distanceStepsPerTie)))
        }
        exact.exactWork = exact.items.reduce(0) { $0 + $1.step.work }
        guard case let .automatic(limit, seed) = budget, exact.exactWork > limit else { return exact }

        // Over the budget: estimate what has an estimator, leave out what has not.
        var sampled = MeasurePlan()
        sampled.exactWork = exact.exactWork
        sampled.seed = seed
        var estimable: [(kind: MeasurePlan.Kind, exactKind: MeasurePlan.Kind, columns: [NodeMeasure], perTie: Double)] = []
        if !brandes.isEmpty { estimable.append((.brandes, .brandes, brandes, betweennessStepsPerTie)) }
        for (direction, harmonic, closeness) in [(PathDirection.incoming, NodeMeasure.harmonicIn, NodeMeasure.closenessIn), (.outgoing, .harmonicOut, .closenessOut)] {
            if wanted.contains(closeness) { sampled.skipped.append(closeness) }
            if wanted.contains(harmonic) { estimable.append((.sampledHarmonic(direction), .distances(direction), [harmonic], distanceStepsPerTie)) }
        }
        guard !estimable.isEmpty else { return sampled }
        // As many pivots as fit in the budget: at least 2, and all n means exact.
        let perPivot = ties * estimable.reduce(0) { $0 + $1.perTie }
        let fitting = perPivot > 0 ? (limit / perPivot).rounded(.down) : people
        let k = fitting >= people ? n : (fitting > 2 ? Int(fitting) : min(2, n))
        if k < n { sampled.pivots = k }
        for part in estimable {
            let isSampled = k < n
            sampled.items.append(.init(
                kind: isSampled ? part.kind : part.exactKind,
                step: Step(measures: part.columns, searches: k, isSampled: isSampled, work: Double(k) * ties * part.perTie)
            ))
        }
        return sampled
    }
}

// MARK: - Words for notes

/// `1200` → "1,200".
func groupedDigits(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return value < 0 ? "-" + out : out
}

/// A positive bound rounded *up* to two significant digits ("0.040", "8,700"),
/// so the stated bound is never below the computed one.
func boundText(_ x: Double) -> String {
    guard x.isFinite, x > 0 else { return x == 0 ? "0" : "\(x)" }
    if x >= 10 {
        var scale = 1.0
        while x / scale >= 100 { scale *= 10 }
        return groupedDigits(Int(roundedUp(x / scale) * scale))
    }
    var decimals = 0, scaled = x
    while scaled < 10 {
        scaled *= 10
        decimals += 1
    }
    let digits = Int(roundedUp(scaled))
    if digits >= 100 { return boundText(Double(digits) / powerOfTen(decimals)) }
    var text = String(digits)
    if text.count <= decimals { text = String(repeating: "0", count: decimals - text.count + 1) + text }
    let point = text.index(text.endIndex, offsetBy: -decimals)
    return decimals > 0 ? text[..<point] + "." + text[point...] : text
}

/// Rounds up, ignoring a relative excess below 1e-12 (the noise of scaling by 10).
private func roundedUp(_ x: Double) -> Double { (x * (1 - 1e-12)).rounded(.up) }

private func powerOfTen(_ e: Int) -> Double {
    var r = 1.0
    for _ in 0 ..< max(e, 0) { r *= 10 }
    return r
}

/// "about 40 seconds", "about 12 minutes", "about 3 hours", "about 2 days".
func durationText(seconds: Double) -> String {
    func about(_ value: Double, _ unit: String) -> String {
        let whole = max(1, Int(value.rounded()))
        return "about \(groupedDigits(whole)) \(unit)\(whole == 1 ? "" : "s")"
    }
    if seconds < 90 { return about(seconds, "second") }
    if seconds < 90 * 60 { return about(seconds / 60, "minute") }
    if seconds < 36 * 3600 { return about(seconds / 3600, "hour") }
    return about(seconds / 86400, "day")
}
