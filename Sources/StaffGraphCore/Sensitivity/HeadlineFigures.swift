/// The headline figures of one network that a sensitivity analysis follows
/// (<doc:Conventions>, "Sensitivity"): ties, density, in-degree
/// centralization, Gini of in-degree, the share of requests going to the top
/// three and who they are. All on the binary graph, self-loops left out, as
/// ``LeadershipDistribution``.
public struct HeadlineFigures: Sendable, Equatable {
    /// Ties (self-loops left out).
    public let ties: Int
    /// ``density(_:observedRows:)``: missing rows left out.
    public let density: Double?
    /// Freeman in-degree centralization, `Σ (max − d_in(i)) / (n − 1)²`.
    public let inDegreeCentralization: Double?
    /// ``gini(_:)`` of in-degree.
    public let inDegreeGini: Double?
    /// Share of all requests received by the ``topCount`` most sought (``topShare(_:k:)``).
    public let topShare: Double?
    /// The ``topCount`` most sought people by in-degree, ties broken by roster
    /// order (``topIndices(_:k:)``), among those named at least once (fewer
    /// when fewer were named; empty when there are no ties).
    public let top: [Int]
    /// People left out of ``top`` only by roster order: named as often as the
    /// last person in it (empty when the list ends at a clear step).
    public let tiedOutOfTop: [Int]
    /// How many people ``topShare`` and ``top`` cover (3 by default).
    public let topCount: Int
    /// In-degree of every person.
    public let inDegrees: [Double]

    /// The figures of `graph` with `observedRows` (non-respondents' rows
    /// missing for density; `nil`: all observed).
    /// - Complexity: O(n log n + m log d).
    public init(_ graph: Graph, observedRows: [Bool]? = nil, topCount: Int = 3) {
        let panel = LeadershipDistribution(graph, observedRows: observedRows, topK: [topCount])
        let g = graph.droppingSelfLoops()
        let degrees = (0 ..< g.nodeCount).map { Double(g.inDegree($0)) }
        ties = panel.requests
        density = panel.density
        inDegreeCentralization = panel.inDegreeCentralization
        inDegreeGini = panel.inDegreeGini
        topShare = panel.topShares.first?.share ?? nil
        let top = topIndices(degrees, k: topCount).filter { degrees[$0] > 0 }
        self.top = top
        if let last = top.last, top.count == topCount {
            let inTop = Set(top)
            tiedOutOfTop = degrees.indices.filter { degrees[$0] == degrees[last] && !inTop.contains($0) }
        } else {
            tiedOutOfTop = []
        }
        self.topCount = topCount
        inDegrees = degrees
    }
}

/// The headline figures at each tie-strength threshold (`--thresholds`): for
/// a threshold t, the graph keeps the ties of weight ≥ t
/// (``Graph/keepingTies(minimumWeight:)``, as `--min-weight t`), and each row
/// is compared with the lowest threshold's by ``RankComparison`` of in-degree.
///
/// Example: ties a → c (4), b → c (1), c → a (2) at thresholds 1 and 2: at 1
/// in-degrees (1, 0, 2), at 2 (1, 0, 1); Spearman ρ = 0.866, top-10 overlap 3.
public struct ThresholdSensitivity: Sendable {
    /// One threshold's figures.
    public struct Row: Sendable, Equatable {
        /// The minimum tie weight kept.
        public let threshold: Double
        /// The figures of the thresholded graph.
        public let figures: HeadlineFigures
        /// In-degree compared with the lowest threshold's (the first row compares with itself).
        public let comparison: RankComparison
    }

    /// One row per threshold, in the order given.
    public let rows: [Row]

    /// The figures of `graph` at each of `thresholds` (increasing; the first
    /// is the baseline), with `observedRows` for density.
    /// - Parameters:
    ///   - topCount: the size of the "top" list and share (3).
    ///   - overlapSize: the k of the top-k overlap (10).
    /// - Complexity: O(T (n log n + m log d)) for T thresholds.
    public init(_ graph: Graph, observedRows: [Bool]?, thresholds: [Double], topCount: Int = 3, overlapSize: Int = 10) {
        let figures = thresholds.map { HeadlineFigures(graph.keepingTies(minimumWeight: $0), observedRows: observedRows, topCount: topCount) }
        let base = figures.first?.inDegrees ?? []
        rows = zip(thresholds, figures).map { t, f in
            Row(threshold: t, figures: f, comparison: RankComparison(base, f.inDegrees, k: overlapSize))
        }
    }

    /// The first row whose top list differs (as a set) from the first row's, if any:
    /// where "the leaders change".
    public var firstLeaderChange: Int? {
        guard let base = rows.first.map({ Set($0.figures.top) }) else { return nil }
        return rows.indices.first { Set(rows[$0].figures.top) != base }
    }
}

/// The headline figures under each ``MissingDataTreatment`` (`--missing all`),
/// each compared with ``MissingDataTreatment/ignore`` by ``RankComparison`` of in-degree.
public struct MissingDataSensitivity: Sendable {
    /// One treatment's figures.
    public struct Row: Sendable, Equatable {
        /// The treatment.
        public let treatment: MissingDataTreatment
        /// The figures of the treated graph.
        public let figures: HeadlineFigures
        /// Ties the treatment added (reconstruction only).
        public let imputedTies: Int
        /// In-degree compared with the first treatment's.
        public let comparison: RankComparison
    }

    /// One row per treatment, in the order given.
    public let rows: [Row]

    /// The figures of `graph` (with `observedRows`, `false` for non-respondents)
    /// under each of `treatments` (the first is the baseline; by default
    /// ignore, reconstruct, assume-none).
    /// - Complexity: O(T (n log n + m log m)).
    public init(_ graph: Graph, observedRows: [Bool]?, treatments: [MissingDataTreatment] = MissingDataTreatment.allCases,
                topCount: Int = 3, overlapSize: Int = 10) {
        let treated = treatments.map { $0.apply(to: graph, observedRows: observedRows) }
        let figures = treated.map { HeadlineFigures($0.graph, observedRows: $0.observedRows, topCount: topCount) }
        let base = figures.first?.inDegrees ?? []
        rows = zip(treatments, zip(treated, figures)).map { t, tf in
            Row(treatment: t, figures: tf.1, imputedTies: tf.0.imputedTies, comparison: RankComparison(base, tf.1.inDegrees, k: overlapSize))
        }
    }
}
