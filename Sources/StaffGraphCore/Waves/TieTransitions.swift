/// What happened to one tie between two waves.
public enum TieChangeStatus: String, Sendable, CaseIterable {
    /// Present in both waves, in a cell observed in both (1 → 1).
    case stable
    /// Absent, then present, in a cell observed in both (0 → 1).
    case new
    /// Present, then absent, in a cell observed in both (1 → 0).
    case dissolved
    /// Present in the earlier wave; one of the two people is not on staff in the later one.
    case leaver
    /// Present in the later wave; one of the two people was not on staff in the earlier one.
    case joiner
    /// Present in at least one wave, but the sender did not answer in one of
    /// them: whether it changed is unknown.
    case unobserved

    /// Whether the tie is counted by ``TieTransitionCounts`` (an observed cell).
    public var isObservedChange: Bool { self == .stable || self == .new || self == .dissolved }
}

/// One tie present in at least one of two waves, with what happened to it.
public struct TieChange: Sendable, Equatable {
    /// The person who names (roster index).
    public var source: Int
    /// The person named (roster index).
    public var target: Int
    /// What happened.
    public var status: TieChangeStatus
    /// The tie's strength in the earlier wave, `nil` when absent there.
    public var weightBefore: Double?
    /// The tie's strength in the later wave, `nil` when absent there.
    public var weightAfter: Double?
}

/// The four transition counts of a pair of waves over the cells observed in
/// both (RSiena's "tie changes between subsequent observations"; sna
/// `hdist`): `N00` (0 → 0), `N01` (new), `N10` (dissolved), `N11` (stable).
///
/// - Jaccard = `N11 / (N01 + N10 + N11)`: the share of ties present in either
///   wave that are present in both. RSiena's rule of thumb: ≥ 0.3 good, < 0.2
///   too much change for a stochastic actor-oriented model.
/// - Hamming = `N01 + N10`: the number of cells that differ (sna `hdist`).
///
/// Example: wave 1 ties a→b, a→c; wave 2 ties a→b, b→c, over three people who
/// all answered both times (6 cells): N11 = 1 (a→b), N10 = 1 (a→c),
/// N01 = 1 (b→c), N00 = 3; Jaccard 1/3, Hamming 2.
public struct TieTransitionCounts: Sendable, Equatable {
    /// Cells observed in both waves with no tie in either (0 → 0).
    public var n00: Int
    /// New ties (0 → 1).
    public var n01: Int
    /// Dissolved ties (1 → 0).
    public var n10: Int
    /// Stable ties (1 → 1).
    public var n11: Int

    /// Creates counts.
    public init(n00: Int, n01: Int, n10: Int, n11: Int) {
        self.n00 = n00
        self.n01 = n01
        self.n10 = n10
        self.n11 = n11
    }

    /// Cells compared: `N00 + N01 + N10 + N11`.
    public var observedCells: Int { n00 + n01 + n10 + n11 }
    /// Stable ties (`N11`).
    public var stable: Int { n11 }
    /// New ties (`N01`).
    public var new: Int { n01 }
    /// Dissolved ties (`N10`).
    public var dissolved: Int { n10 }
    /// `N11 / (N01 + N10 + N11)`, `nil` when no compared cell holds a tie in either wave.
    public var jaccard: Double? {
        let union = n01 + n10 + n11
        return union > 0 ? Double(n11) / Double(union) : nil
    }
    /// `N01 + N10`.
    public var hamming: Int { n01 + n10 }
}

/// Tie change between two waves of a ``WaveAlignment``: the transition
/// counts over the cells observed in both (see ``WaveAlignment/cellObserved(_:_:_:_:)``)
/// and every tie present in either wave with its ``TieChangeStatus``.
///
/// A cell is observed in both waves when its sender answered in both and
/// both people were on staff in both (<doc:Conventions>; RSiena treats the other
/// cells as missing or structurally fixed). Ties outside those cells are
/// listed with the reason: a person left (``TieChangeStatus/leaver``) or
/// joined (``TieChangeStatus/joiner``), or the sender did not answer in one
/// wave (``TieChangeStatus/unobserved``).
public struct TieTransitions: Sendable {
    /// The earlier wave's index.
    public let from: Int
    /// The later wave's index.
    public let to: Int
    /// N00, N01, N10, N11 over the cells observed in both waves.
    public let counts: TieTransitionCounts
    /// Every tie present in either wave, ordered by (source, target) in roster order.
    public let changes: [TieChange]

    /// Compares wave `from` with wave `to` (any two waves, not only consecutive ones).
    /// - Complexity: O(n + m_from + m_to).
    public init(_ alignment: WaveAlignment, from a: Int, to b: Int) {
        from = a
        to = b
        let n = alignment.personCount
        let ga = alignment.graphs[a], gb = alignment.graphs[b]
        let presentA = alignment.present[a], presentB = alignment.present[b]
        let rowA = alignment.observedRows[a], rowB = alignment.observedRows[b]
        var inBoth = 0
        for v in 0 ..< n where presentA[v] && presentB[v] { inBoth += 1 }

        var n01 = 0, n10 = 0, n11 = 0, cells = 0
        var changes: [TieChange] = []
        for i in 0 ..< n {
            let rowObserved = rowA[i] && rowB[i]
            if rowObserved { cells += inBoth - 1 }  // i is present in both, so it is among inBoth
            let na = ga.outNeighbors(i), nb = gb.outNeighbors(i)
            let wa = ga.outNeighborWeights(i), wb = gb.outNeighborWeights(i)
            var x = na.startIndex, y = nb.startIndex
            while x < na.endIndex || y < nb.endIndex {
                let ta = x < na.endIndex ? Int(na[x]) : Int.max
                let tb = y < nb.endIndex ? Int(nb[y]) : Int.max
                let j = min(ta, tb)
                let before: Double? = ta == j ? wa[wa.startIndex + (x - na.startIndex)] : nil
                let after: Double? = tb == j ? wb[wb.startIndex + (y - nb.startIndex)] : nil
                if ta == j { x += 1 }
                if tb == j { y += 1 }
                if j == i { continue }  // self-loops are not cells
                let status: TieChangeStatus
                if !(presentA[i] && presentA[j]) && after != nil && before == nil {
                    status = .joiner
                } else if !(presentB[i] && presentB[j]) && before != nil && after == nil {
                    status = .leaver
                } else if alignment.cellObserved(i, j, a, b) {
                    switch (before != nil, after != nil) {
                    case (true, true): status = .stable; n11 += 1
                    case (false, true): status = .new; n01 += 1
                    default: status = .dissolved; n10 += 1
                    }
                } else {
                    status = .unobserved
                }
                changes.append(TieChange(source: i, target: j, status: status, weightBefore: before, weightAfter: after))
            }
        }
        counts = TieTransitionCounts(n00: cells - n01 - n10 - n11, n01: n01, n10: n10, n11: n11)
        self.changes = changes
    }

    /// Number of ties with each status, in ``TieChangeStatus`` order.
    public var statusCounts: [(status: TieChangeStatus, count: Int)] {
        TieChangeStatus.allCases.map { s in (s, changes.filter { $0.status == s }.count) }
    }

    /// Stable, new and dissolved ties by the groups of their two ends (for
    /// example team → team, role → role).
    /// - Parameter groups: one value per roster person (empty = missing).
    public func breakdown(by groups: [String]) -> TransitionBreakdown {
        TransitionBreakdown(changes: changes, groups: groups)
    }
}

/// Stable, new and dissolved ties (observed cells only) counted by the groups
/// of the sender and the receiver: which kinds of ties were gained and lost,
/// and whether ties across groups grew.
public struct TransitionBreakdown: Sendable, Equatable {
    /// Counts for one ordered pair of groups.
    public struct Cell: Sendable, Equatable {
        /// The sender's group.
        public var fromGroup: String
        /// The receiver's group.
        public var toGroup: String
        /// Stable ties.
        public var stable: Int
        /// New ties.
        public var new: Int
        /// Dissolved ties.
        public var dissolved: Int
    }

    /// Non-empty group pairs, sorted by (sender group, receiver group).
    public let cells: [Cell]
    /// Totals over pairs of the same group: (stable, new, dissolved).
    public let within: (stable: Int, new: Int, dissolved: Int)
    /// Totals over pairs of different groups: (stable, new, dissolved).
    public let across: (stable: Int, new: Int, dissolved: Int)

    /// Counts `changes` by the groups of their ends; people with an empty
    /// value fall in the group ``Partition/missingName``.
    public init(changes: [TieChange], groups: [String]) {
        func name(_ v: Int) -> String { groups[v].isEmpty ? Partition.missingName : groups[v] }
        var table: [String: [String: (Int, Int, Int)]] = [:]
        var within = (stable: 0, new: 0, dissolved: 0), across = (stable: 0, new: 0, dissolved: 0)
        for c in changes where c.status.isObservedChange {
            let f = name(c.source), t = name(c.target)
            var entry = table[f, default: [:]][t, default: (0, 0, 0)]
            let same = f == t
            switch c.status {
            case .stable: entry.0 += 1; if same { within.stable += 1 } else { across.stable += 1 }
            case .new: entry.1 += 1; if same { within.new += 1 } else { across.new += 1 }
            default: entry.2 += 1; if same { within.dissolved += 1 } else { across.dissolved += 1 }
            }
            table[f, default: [:]][t] = entry
        }
        var cells: [Cell] = []
        for f in table.keys.sorted() {
            guard let row = table[f] else { continue }
            for t in row.keys.sorted() {
                guard let e = row[t] else { continue }
                cells.append(Cell(fromGroup: f, toGroup: t, stable: e.0, new: e.1, dissolved: e.2))
            }
        }
        self.cells = cells
        self.within = within
        self.across = across
    }

    /// Equal when every count is equal.
    public static func == (a: TransitionBreakdown, b: TransitionBreakdown) -> Bool {
        a.cells == b.cells && a.within == b.within && a.across == b.across
    }
}
