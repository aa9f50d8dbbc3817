/// The ideal pattern a discrete core/periphery partition is compared with
/// (Borgatti & Everett 2000, §3): core–core cells 1, periphery–periphery
/// cells 0, and the core–periphery cells either left out or expected to be 1.
public enum CorePeripheryPattern: String, Sendable, CaseIterable {
    /// Core–periphery cells are left out of the correlation (Borgatti &
    /// Everett's "ignore the off-diagonal regions", their preferred
    /// correlation model): the core is dense, the periphery sparse, nothing
    /// is asked of the ties between them. The default.
    case coreOnly
    /// Core–periphery cells are expected to be 1, like core–core ones (the
    /// pattern cpnet's `BE` fits): a periphery that turns to the core.
    case coreAndLinks
}

/// Borgatti–Everett core/periphery structure: a discrete core and periphery
/// with its fit, and a continuous coreness per person.
///
/// **Discrete model.** For a core C, the ideal matrix δ has `δ_ij = 1` when i
/// and j are both in the core and 0 when both are in the periphery; between
/// them see ``CorePeripheryPattern``. The fit is the Pearson correlation
/// between the data `a_ij` (binary, self-ties excluded, ordered pairs i ≠ j,
/// non-respondents' rows left out) and `δ_ij` over the cells the pattern
/// keeps: with N cells, N₁ of them ideal 1, S ties among them of which T in
/// ideal-1 cells, `r = (N T − S N₁) / √(N₁ (N − N₁) S (N − S))`. The core
/// maximising r is found by a seeded Kernighan–Lin search (as cpnet's `BE`):
/// from the degree order and from random starts, passes that flip every
/// person once, each time the best flip even if it lowers r, keeping the best
/// prefix, until a pass gains nothing. Ties between equal flips go to the
/// lower index. A core or periphery of fewer than two people leaves r
/// undefined and is never proposed.
///
/// **Continuous model.** Coreness `c_i ≥ 0` minimising
/// `Σ_{i≠j} (a_ij − c_i c_j)²` (Borgatti & Everett's continuous model fitted
/// by least squares, the MINRES form of Boyd, Fitzgerald & Beck 2006 that
/// UCINET uses), by exact coordinate descent
/// `c_i ← Σ_j (a_ij + a_ji) c_j / (2 Σ_{j≠i} c_j²)` from `c = 1` until no
/// value moves by more than 1e-13; ``continuousFit`` is the correlation of
/// `a_ij` with `c_i c_j` over the same cells.
///
/// Reference: Borgatti & Everett (2000), "Models of core/periphery
/// structures", *Social Networks* 21, 375–395, doi:10.1016/S0378-8733(99)00019-2;
/// Boyd, Fitzgerald & Beck (2006), doi:10.1016/j.socnet.2005.07.001.
///
/// Example: a complete triad {0, 1, 2} plus 3 and 4 who each name all three:
/// with ``CorePeripheryPattern/coreOnly``, the core is {0, 1, 2} and r = 1.
public struct CorePeriphery: Sendable, Equatable {
    /// Whether each person is in the discrete core.
    public let isCore: [Bool]
    /// Correlation of the data with the ideal pattern of ``isCore``; `nil`
    /// when undefined (fewer than four people, no tie, or every cell a tie).
    public let fit: Double?
    /// The pattern ``fit`` compares with.
    public let pattern: CorePeripheryPattern
    /// Continuous coreness of each person.
    public let coreness: [Double]
    /// Correlation of `a_ij` with `c_i c_j`; `nil` when undefined.
    public let continuousFit: Double?

    /// Finds both models.
    /// - Parameters:
    ///   - starts: random starts of the discrete search (plus the degree-order start).
    ///   - seed: seed of the random starts.
    /// - Complexity: O(starts · passes · n²) for the discrete search (a dense n × n matrix), O(sweeps · (n + m)) for coreness.
    public init(_ graph: Graph, pattern: CorePeripheryPattern = .coreOnly, starts: Int = 50, seed: UInt64 = 1, observedRows: [Bool]? = nil) {
        let n = graph.nodeCount
        let observed = observedRows ?? [Bool](repeating: true, count: n)
        let a = DenseAdjacency(graph, observedRows: observedRows).cells
        let search = CorePeripherySearch(a: a, count: n, observed: observed, pattern: pattern)
        var best: (core: [Bool], fit: Double)? = nil
        var random = SeededRandom(seed: seed)
        var degreeOrder = Array(0 ..< n)
        let degree = (0 ..< n).map { graph.inDegree($0) + graph.outDegree($0) }
        degreeOrder.sort { (degree[$0], -$0) > (degree[$1], -$1) }
        for start in 0 ... max(0, starts) where n >= 4 {
            var core = [Bool](repeating: false, count: n)
            if start == 0 {
                // The densest start: the top half by degree.
                for v in degreeOrder.prefix(n / 2) { core[v] = true }
            } else {
                for v in 0 ..< n { core[v] = random.nextInt(below: 2) == 1 }
            }
            if let result = search.improve(core), best.map({ result.fit > $0.fit + 1e-12 }) ?? true {
                best = result
            }
        }
        self.isCore = best?.core ?? [Bool](repeating: false, count: n)
        self.fit = best?.fit
        self.pattern = pattern
        let c = Self.continuousCoreness(graph, observedRows: observedRows).coreness
        self.coreness = c
        self.continuousFit = Self.correlation(a: a, count: n, observed: observed) { c[$0] * c[$1] }
    }

    /// The fit of a given core (the discrete model's r), `nil` when undefined.
    public static func fit(_ graph: Graph, core: [Bool], pattern: CorePeripheryPattern = .coreOnly, observedRows: [Bool]? = nil) -> Double? {
        let n = graph.nodeCount
        let a = DenseAdjacency(graph, observedRows: observedRows).cells
        let observed = observedRows ?? [Bool](repeating: true, count: n)
        let search = CorePeripherySearch(a: a, count: n, observed: observed, pattern: pattern)
        return search.state(core).fit
    }

    /// Continuous coreness alone (the ``coreness`` of the full model), without the
    /// dense matrix: `c_i ≥ 0` minimising `Σ_{i≠j} (a_ij − c_i c_j)²` over
    /// observed rows, by exact coordinate descent from `c = 1`, in index order,
    /// until no value moves by more than 1e-13 (at most `maximumSweeps` sweeps).
    /// Each step sets `c_i = N_i / D_i` with `N_i = [i observed] Σ_{i→j} c_j + Σ_{j→i, j observed} c_j`
    /// and `D_i = [i observed] Σ_{j≠i} c_j² + Σ_{j≠i, j observed} c_j²`.
    /// - Returns: the coreness and whether it converged.
    /// - Complexity: O(n + m) per sweep.
    public static func continuousCoreness(_ graph: Graph, observedRows: [Bool]? = nil, maximumSweeps: Int = 10_000) -> (coreness: [Double], converged: Bool) {
        let n = graph.nodeCount
        guard n >= 2 else { return ([Double](repeating: 0, count: n), true) }
        var c = [Double](repeating: 1, count: n)
        func observed(_ v: Int) -> Bool { observedRows?[v] ?? true }
        for _ in 0 ..< maximumSweeps {
            var all = 0.0, ofObserved = 0.0
            for v in 0 ..< n {
                all += c[v] * c[v]
                if observed(v) { ofObserved += c[v] * c[v] }
            }
            var moved = 0.0
            for i in 0 ..< n {
                let own = c[i] * c[i]
                let isObserved = observed(i)
                var numerator = 0.0
                if isObserved { for t in graph.outNeighbors(i) where Int(t) != i { numerator += c[Int(t)] } }
                for s in graph.inNeighbors(i) where Int(s) != i && observed(Int(s)) { numerator += c[Int(s)] }
                let denominator = (isObserved ? all - own : 0) + (ofObserved - (isObserved ? own : 0))
                let updated = denominator > 0 ? max(0, numerator / denominator) : 0
                moved = max(moved, abs(updated - c[i]))
                all += updated * updated - own
                if isObserved { ofObserved += updated * updated - own }
                c[i] = updated
            }
            if moved <= 1e-13 { return (c, true) }
        }
        return (c, false)
    }

    static func correlation(a: [Double], count n: Int, observed: [Bool], model: (Int, Int) -> Double) -> Double? {
        var count = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0 ..< n where observed[i] {
            for j in 0 ..< n where j != i {
                let x = a[i * n + j], y = model(i, j)
                count += 1; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
            }
        }
        guard count >= 2 else { return nil }
        let vx = sxx - sx * sx / count, vy = syy - sy * sy / count
        guard vx > 0, vy > 0 else { return nil }
        return (sxy - sx * sy / count) / (vx * vy).squareRoot()
    }
}

/// The discrete search's bookkeeping: per person, ties (both directions) to
/// the core and to the periphery, so a flip is scored in O(1).
struct CorePeripherySearch {
    let a: [Double]
    let n: Int
    let observed: [Bool]
    let pattern: CorePeripheryPattern
    /// `both[i * n + j] = a_ij + a_ji`.
    let both: [Double]
    /// All ties and all cells (observed rows, i ≠ j).
    let totalTies: Double
    let totalCells: Double

    init(a: [Double], count n: Int, observed: [Bool], pattern: CorePeripheryPattern) {
        self.a = a
        self.n = n
        self.observed = observed
        self.pattern = pattern
        var both = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n { for j in 0 ..< n { both[i * n + j] = a[i * n + j] + a[j * n + i] } }
        self.both = both
        self.totalTies = a.reduce(0, +)
        self.totalCells = Double(observed.filter { $0 }.count * max(n - 1, 0))
    }

    struct State {
        var core: [Bool]
        var coreSize = 0.0, observedCore = 0.0, peripherySize = 0.0, observedPeriphery = 0.0
        var coreTies = 0.0, peripheryTies = 0.0
        var toCore: [Double], toPeriphery: [Double]
        var fit: Double?
    }

    func fit(coreSize c: Double, observedCore oc: Double, peripherySize p: Double, observedPeriphery op: Double, coreTies tc: Double, peripheryTies tp: Double) -> Double? {
        guard c >= 2, p >= 2 else { return nil }
        let coreCells = oc * (c - 1), peripheryCells = op * (p - 1)
        let cells: Double, ones: Double, ties: Double, tiesInOnes: Double
        switch pattern {
        case .coreOnly:
            cells = coreCells + peripheryCells; ones = coreCells; ties = tc + tp; tiesInOnes = tc
        case .coreAndLinks:
            cells = totalCells; ones = totalCells - peripheryCells; ties = totalTies; tiesInOnes = totalTies - tp
        }
        let zeros = cells - ones
        guard ones > 0, zeros > 0, ties > 0, ties < cells else { return nil }
        return (cells * tiesInOnes - ties * ones) / (ones * zeros * ties * (cells - ties)).squareRoot()
    }

    func state(_ core: [Bool]) -> State {
        var s = State(core: core, toCore: [Double](repeating: 0, count: n), toPeriphery: [Double](repeating: 0, count: n))
        for v in 0 ..< n {
            if core[v] { s.coreSize += 1; if observed[v] { s.observedCore += 1 } } else { s.peripherySize += 1; if observed[v] { s.observedPeriphery += 1 } }
            for u in 0 ..< n where u != v {
                if core[u] { s.toCore[v] += both[v * n + u] } else { s.toPeriphery[v] += both[v * n + u] }
                if core[v] && core[u] { s.coreTies += a[v * n + u] }
                if !core[v] && !core[u] { s.peripheryTies += a[v * n + u] }
            }
        }
        s.fit = fit(coreSize: s.coreSize, observedCore: s.observedCore, peripherySize: s.peripherySize,
                    observedPeriphery: s.observedPeriphery, coreTies: s.coreTies, peripheryTies: s.peripheryTies)
        return s
    }

    /// The fit after flipping v (nil when undefined).
    func flipped(_ s: State, _ v: Int) -> Double? {
        let o = observed[v] ? 1.0 : 0
        if s.core[v] {
            return fit(coreSize: s.coreSize - 1, observedCore: s.observedCore - o, peripherySize: s.peripherySize + 1,
                       observedPeriphery: s.observedPeriphery + o, coreTies: s.coreTies - s.toCore[v], peripheryTies: s.peripheryTies + s.toPeriphery[v])
        }
        return fit(coreSize: s.coreSize + 1, observedCore: s.observedCore + o, peripherySize: s.peripherySize - 1,
                   observedPeriphery: s.observedPeriphery - o, coreTies: s.coreTies + s.toCore[v], peripheryTies: s.peripheryTies - s.toPeriphery[v])
    }

    func apply(_ s: inout State, _ v: Int) {
        let o = observed[v] ? 1.0 : 0
        if s.core[v] {
            s.coreSize -= 1; s.observedCore -= o; s.peripherySize += 1; s.observedPeriphery += o
            s.coreTies -= s.toCore[v]; s.peripheryTies += s.toPeriphery[v]
            for u in 0 ..< n where u != v { s.toCore[u] -= both[u * n + v]; s.toPeriphery[u] += both[u * n + v] }
        } else {
            s.coreSize += 1; s.observedCore += o; s.peripherySize -= 1; s.observedPeriphery -= o
            s.coreTies += s.toCore[v]; s.peripheryTies -= s.toPeriphery[v]
            for u in 0 ..< n where u != v { s.toCore[u] += both[u * n + v]; s.toPeriphery[u] -= both[u * n + v] }
        }
        s.core[v].toggle()
        s.fit = fit(coreSize: s.coreSize, observedCore: s.observedCore, peripherySize: s.peripherySize,
                    observedPeriphery: s.observedPeriphery, coreTies: s.coreTies, peripheryTies: s.peripheryTies)
    }

    /// Kernighan–Lin passes from `core`; the best partition seen with its fit.
    func improve(_ start: [Bool]) -> (core: [Bool], fit: Double)? {
        var current = state(start)
        var best: (core: [Bool], fit: Double)? = current.fit.map { (current.core, $0) }
        while true {
            var pass = current
            var locked = [Bool](repeating: false, count: n)
            var passBest = best
            for _ in 0 ..< n {
                var choice = -1
                var choiceFit = -Double.infinity
                for v in 0 ..< n where !locked[v] {
                    if let f = flipped(pass, v), f > choiceFit { choice = v; choiceFit = f }
                }
                if choice < 0 { break }
                apply(&pass, choice)
                locked[choice] = true
                if passBest.map({ choiceFit > $0.fit + 1e-12 }) ?? true { passBest = (pass.core, choiceFit) }
            }
            guard let found = passBest, best.map({ found.fit > $0.fit + 1e-12 }) ?? true else { return best }
            best = found
            current = state(found.core)
        }
    }
}
