// Change of people and of the network over waves: ranks, rank correlation,
// rising and fading leaders, and the network-level trend panel.

/// Ranks from the largest value down, ties sharing the best rank ("1224"
/// competition ranking, as ``FormalInformalLeaders/ranks``): rank 1 = the most
/// sought person.
///
/// Example: [5, 9, 5, 1] → [2, 1, 2, 4].
/// - Complexity: O(n log n).
public func competitionRanks(_ values: [Double]) -> [Int] {
    let descending = values.sorted(by: >)
    return values.map { x in
        // 1 + number of values strictly larger (binary search on the descending list).
        var lo = 0, hi = descending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if descending[mid] > x { lo = mid + 1 } else { hi = mid }
        }
        return lo + 1
    }
}

/// Ranks from the smallest value up (1 … n), tied values sharing the mean of
/// the ranks they span ("fractional" ranking, as R `rank` and scipy `rankdata`
/// by default).
///
/// Example: [10, 20, 10, 30] → [1.5, 3, 1.5, 4].
/// - Complexity: O(n log n).
public func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        let mean = Double(start + end + 2) / 2  // ranks start+1 … end+1
        for k in start ... end { ranks[order[k]] = mean }
        start = end + 1
    }
    return ranks
}

/// Spearman's rank correlation ρ: the Pearson correlation of the
/// ``averageRanks(_:)`` of `x` and of `y` (with ties, this is the
/// tie-corrected ρ of R `cor(method = "spearman")` and scipy `spearmanr`).
///
///     ρ = Σ (r_i − r̄)(s_i − s̄) / √(Σ (r_i − r̄)² · Σ (s_i − s̄)²)
///
/// Between waves, ρ of in-degree says whether the same people stay the most
/// sought: 1 = the same order, 0 = unrelated.
///
/// Example: x = [1, 2, 3], y = [1, 3, 2]: ranks (1, 2, 3) and (1, 3, 2), ρ = 0.5.
/// - Returns: `nil` with fewer than two pairs or when either side is constant.
/// - Complexity: O(n log n).
public func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "paired values")
    let n = x.count
    guard n >= 2 else { return nil }
    let r = averageRanks(x), s = averageRanks(y)
    let mean = Double(n + 1) / 2
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in 0 ..< n {
        let dx = r[i] - mean, dy = s[i] - mean
        sxy += dx * dy
        sxx += dx * dx
        syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
}

/// When someone counts as a rising or fading leader between two waves
/// (thresholds are parameters; the defaults follow the <doc:Conventions> informal
/// leader rule: top 10 % by in-degree and at least 3 nominations).
public struct LeaderChangeCriteria: Sendable, Equatable {
    /// A leader in a wave is in this top share of the people present, by in-degree (default 0.10).
    public var topFraction: Double
    /// … and is named by at least this many people (default 3).
    public var minimumNominations: Int
    /// A rise or fall counts when in-degree changes by at least this much (default 3).
    public var minimumChange: Int

    /// The defaults: top 10 %, at least 3 nominations, a change of at least 3.
    public init(topFraction: Double = 0.10, minimumNominations: Int = 3, minimumChange: Int = 3) {
        self.topFraction = topFraction
        self.minimumNominations = minimumNominations
        self.minimumChange = minimumChange
    }

    /// The in-degree a leader needs among `inDegrees` (the people present):
    /// at least that of the person at position `⌈topFraction · n⌉` in
    /// descending order, and at least ``minimumNominations`` (as
    /// ``FormalInformalLeaders``). `Int.max` when no one is present.
    public func threshold(_ inDegrees: [Int]) -> Int {
        guard !inDegrees.isEmpty else { return Int.max }
        let descending = inDegrees.sorted(by: >)
        let position = max(1, Int((topFraction * Double(descending.count)).rounded(.up)))
        return max(descending[min(descending.count, position) - 1], minimumNominations, 1)
    }
}

/// Rising and fading sources of advice between two waves, by in-degree
/// (times named).
///
/// - **Leader** in a wave: in-degree ≥ ``LeaderChangeCriteria/threshold(_:)`` of that wave.
/// - **Rising**: present in both waves, in-degree up by at least
///   ``LeaderChangeCriteria/minimumChange``, and a leader in the later wave.
/// - **Fading**: present in both waves, in-degree down by at least
///   ``LeaderChangeCriteria/minimumChange``, and a leader in the earlier wave.
/// - **New informal leaders**: leaders in the later wave who hold no formal
///   role and were not leaders in the earlier one (or were not there).
/// - **Departed leaders**: leaders in the earlier wave who are not there in the later one.
///
/// Example: in-degrees before (10, 2, 1, 0, …) and after (4, 9, 1, 0, …),
/// thresholds 10 and 9, minimum change 3: person 0 fades (−6, a leader
/// before), person 1 rises (+7, a leader after) and is a new informal leader.
public struct LeaderChanges: Sendable, Equatable {
    /// Roster indices of rising leaders, largest rise first (ties in roster order).
    public let rising: [Int]
    /// Roster indices of fading leaders, largest fall first.
    public let fading: [Int]
    /// Roster indices of new informal leaders, most sought first.
    public let newInformal: [Int]
    /// Roster indices of leaders of the earlier wave who are gone in the later one, most sought first.
    public let departed: [Int]
    /// The leader threshold of the earlier wave.
    public let thresholdBefore: Int
    /// The leader threshold of the later wave.
    public let thresholdAfter: Int
    /// The criteria used.
    public let criteria: LeaderChangeCriteria

    /// Classifies people by their in-degree in two waves.
    /// - Parameters:
    ///   - before: in-degree per roster person in the earlier wave, `nil` when not present.
    ///   - after: the same for the later wave.
    ///   - isFormal: one flag per roster person (formal role holders are never "informal").
    /// - Complexity: O(n log n).
    public init(before: [Int?], after: [Int?], isFormal: [Bool], criteria: LeaderChangeCriteria = LeaderChangeCriteria()) {
        precondition(before.count == after.count && isFormal.count == before.count, "one value per person")
        let t0 = criteria.threshold(before.compactMap { $0 })
        let t1 = criteria.threshold(after.compactMap { $0 })
        var rising: [(Int, Int)] = [], fading: [(Int, Int)] = [], newInformal: [(Int, Int)] = [], departed: [(Int, Int)] = []
        for v in before.indices {
            let leaderBefore = before[v].map { $0 >= t0 } ?? false
            let leaderAfter = after[v].map { $0 >= t1 } ?? false
            if let x = before[v], let y = after[v] {
                if y - x >= criteria.minimumChange && leaderAfter { rising.append((v, y - x)) }
                if x - y >= criteria.minimumChange && leaderBefore { fading.append((v, x - y)) }
            }
            if leaderAfter && !leaderBefore && !isFormal[v], let y = after[v] { newInformal.append((v, y)) }
            if leaderBefore && after[v] == nil, let x = before[v] { departed.append((v, x)) }
        }
        func order(_ list: [(Int, Int)]) -> [Int] {
            list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        }
        self.rising = order(rising)
        self.fading = order(fading)
        self.newInformal = order(newInformal)
        self.departed = order(departed)
        thresholdBefore = t0
        thresholdAfter = t1
        self.criteria = criteria
    }
}

/// In-degree of every roster person in wave `w` (`nil` when not present), self-loops not counted.
public func inDegreesByPerson(_ alignment: WaveAlignment, wave w: Int) -> [Int?] {
    let g = alignment.graphs[w]
    return (0 ..< alignment.personCount).map { v -> Int? in
        guard alignment.present[w][v] else { return nil }
        var d = 0
        for s in g.inNeighbors(v) where Int(s) != v && alignment.present[w][Int(s)] { d += 1 }
        return d
    }
}

/// Spearman's ρ between two waves' in-degrees over the people present in
/// both (``spearman(_:_:)``): do the same people stay the most sought?
/// - Returns: `nil` with fewer than two such people or a constant in-degree.
public func inDegreeRankStability(_ alignment: WaveAlignment, from a: Int, to b: Int) -> Double? {
    let x = inDegreesByPerson(alignment, wave: a), y = inDegreesByPerson(alignment, wave: b)
    var xs: [Double] = [], ys: [Double] = []
    for v in 0 ..< alignment.personCount {
        if let p = x[v], let q = y[v] { xs.append(Double(p)); ys.append(Double(q)) }
    }
    return spearman(xs, ys)
}

/// The network-level panel of one wave for a trend table: every value on
/// the people present, non-respondents' rows missing where the measure
/// allows (<doc:Conventions>).
public struct WaveTrend: Sendable, Equatable {
    /// The wave's name.
    public var label: String
    /// People present.
    public var people: Int
    /// Ties among them (self-loops excluded).
    public var ties: Int
    /// ``density(_:observedRows:)``, missing rows excluded (sna `gden`).
    public var density: Double?
    /// Edgewise ``reciprocity(_:convention:observedRows:)`` over observed dyads.
    public var reciprocity: Double?
    /// Freeman in-degree centralization (sna maxima).
    public var inDegreeCentralization: Double?
    /// Freeman betweenness centralization, directed (sna maxima).
    public var betweennessCentralization: Double?
    /// Weak directed ``transitivity(_:_:observedRows:)`` (sna `gtrans`), missing rows excluded.
    public var transitivity: Double?
    /// Network E-I index of the grouping (`nil` without a grouping or ties).
    public var eiIndex: Double?
    /// Undirected modularity of the grouping (`nil` without a grouping or ties).
    public var modularity: Double?
    /// Gini coefficient of in-degree.
    public var inDegreeGini: Double?
    /// Response rate among the people present (`nil` without response data).
    public var responseRate: Double?
    /// People who answered (`nil` without response data).
    public var respondents: Int?
    /// People present who did not answer (`nil` without response data).
    public var nonrespondents: Int?

    /// Computes the panel for a wave.
    /// - Parameter groups: one group value per roster person (for example the
    ///   team), or `nil` for no E-I index or modularity.
    /// - Complexity: dominated by betweenness, O(n m).
    public init(_ view: WaveView, groups: [String]?, threads: Int = Parallelism.defaultThreads) {
        let g = view.graph.droppingSelfLoops()
        label = view.label
        people = g.nodeCount
        ties = g.edgeCount
        density = StaffGraphCore.density(g, observedRows: view.observedRows)
        reciprocity = StaffGraphCore.reciprocity(g, convention: .edgewise, observedRows: view.observedRows)
        inDegreeCentralization = centralization(g, .inDegree, threads: threads)
        betweennessCentralization = centralization(g, .betweenness, threads: threads)
        transitivity = StaffGraphCore.transitivity(g, .directedWeak, observedRows: view.observedRows)
        if let groups {
            let partition = Partition(values: view.people.map { groups[$0] })
            eiIndex = EIIndex(g, partition: partition).network
            modularity = StaffGraphCore.modularity(g, partition: partition)
        } else {
            eiIndex = nil
            modularity = nil
        }
        inDegreeGini = gini((0 ..< g.nodeCount).map { Double(g.inDegree($0)) })
        responseRate = view.responseRate
        respondents = view.respondents
        nonrespondents = view.nonrespondents
    }
}
