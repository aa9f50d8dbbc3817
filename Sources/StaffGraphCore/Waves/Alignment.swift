/// Several waves of one relation over one roster, aligned person by person:
/// who was on staff in each wave and whose answers were observed
/// (<doc:Conventions#Wave-change> and <doc:Conventions#Non-respondents>).
///
/// Index `i` is the same roster person in every wave. Per wave:
///
/// - **present**: not marked `absent` in that wave's response column, or
///   marked absent but holding ties (kept and counted in ``absentWithTies``,
///   as ``NetworkSummary`` does). Without response data everyone is present.
/// - **observed row**: present and not a non-respondent. A non-respondent's
///   out-ties are missing, not absent; ties they receive are observed.
///
/// Joiners of a pair of waves are present in the later wave only, leavers in
/// the earlier only.
///
/// Example: three people, wave 1 statuses (yes, no, absent), wave 2 (yes, yes,
/// yes): person 2 joins; person 1's row is missing in wave 1, so no cell of
/// row 1 is compared between the two waves.
public struct WaveAlignment: Sendable {
    /// Wave names, in order (fall, winter, spring).
    public let labels: [String]
    /// The roster size: every graph has this many nodes.
    public let personCount: Int
    /// One graph per wave over the whole roster.
    public let graphs: [Graph]
    /// Response status per wave and person (`nil` = not recorded).
    public let statuses: [[ResponseStatus?]]
    /// Whether each wave had response data at all.
    public let hasResponseData: [Bool]
    /// `present[w][i]`: person `i` is part of wave `w`'s network.
    public let present: [[Bool]]
    /// `observedRows[w][i]`: person `i` is present in wave `w` and their answers are observed.
    public let observedRows: [[Bool]]
    /// People marked absent in a wave who nevertheless have ties there (kept as present).
    public let absentWithTies: [[Int]]

    /// Aligns waves given in order.
    ///
    /// - Parameter waves: each wave's name, its graph over the roster (all
    ///   graphs the same size), and each person's response status in that
    ///   wave, or `nil` when the roster records none.
    /// - Complexity: O(W · n).
    public init(waves: [(label: String, graph: Graph, responses: [ResponseStatus?]?)]) {
        let n = waves.first?.graph.nodeCount ?? 0
        precondition(waves.allSatisfy { $0.graph.nodeCount == n }, "every wave must cover the same roster")
        precondition(waves.allSatisfy { $0.responses.map { $0.count == n } ?? true }, "one response status per person")
        labels = waves.map(\.label)
        personCount = n
        graphs = waves.map(\.graph)
        hasResponseData = waves.map { $0.responses != nil }
        statuses = waves.map { $0.responses ?? [ResponseStatus?](repeating: nil, count: n) }
        var present: [[Bool]] = []
        var observed: [[Bool]] = []
        var absentWithTies: [[Int]] = []
        for (w, wave) in waves.enumerated() {
            let presence = WavePresence(graph: wave.graph, responses: wave.responses == nil ? nil : statuses[w])
            present.append(presence.present)
            observed.append(presence.observedRows)
            absentWithTies.append(presence.absentWithTies)
        }
        self.present = present
        self.observedRows = observed
        self.absentWithTies = absentWithTies
    }

    /// Number of waves.
    public var count: Int { labels.count }

    /// People present in wave `b` but not in wave `a`, in roster order.
    public func joiners(from a: Int, to b: Int) -> [Int] {
        (0 ..< personCount).filter { !present[a][$0] && present[b][$0] }
    }

    /// People present in wave `a` but not in wave `b`, in roster order.
    public func leavers(from a: Int, to b: Int) -> [Int] {
        (0 ..< personCount).filter { present[a][$0] && !present[b][$0] }
    }

    /// Whether the cell `i → j` is observed in both waves: `i` answered in
    /// both (row observed) and `j` is present in both (RSiena semantics:
    /// change is counted only where both observations exist).
    @inline(__always)
    public func cellObserved(_ i: Int, _ j: Int, _ a: Int, _ b: Int) -> Bool {
        i != j && observedRows[a][i] && observedRows[b][i] && present[a][j] && present[b][j]
    }

    /// Wave `w`'s network over the people present, with non-respondents' rows
    /// missing: what every network-level measure of that wave is computed on.
    public func view(_ w: Int) -> WaveView {
        let (graph, people) = graphs[w].subgraph(keeping: present[w])
        let rows: [Bool]? = hasResponseData[w] ? people.map { observedRows[w][$0] } : nil
        var yes = 0, no = 0
        if hasResponseData[w] {
            for v in people {
                switch statuses[w][v] {
                case .responded, .absent: yes += 1  // absent with ties: their ties were answered
                case .nonrespondent: no += 1
                case nil: break
                }
            }
        }
        return WaveView(label: labels[w], graph: graph, people: people, observedRows: rows,
                        respondents: hasResponseData[w] ? yes : nil, nonrespondents: hasResponseData[w] ? no : nil)
    }
}

/// One wave's network restricted to the people present in it.
public struct WaveView: Sendable {
    /// The wave's name.
    public let label: String
    /// The ties among the people present, indexed like ``people``.
    public let graph: Graph
    /// Roster index of each node of ``graph``, ascending.
    public let people: [Int]
    /// `false` for people whose answers are missing; `nil` without response data.
    public let observedRows: [Bool]?
    /// People who answered (`nil` without response data).
    public let respondents: Int?
    /// People present who did not answer (`nil` without response data).
    public let nonrespondents: Int?

    /// Respondents / (respondents + non-respondents), or `nil` without response data.
    public var responseRate: Double? {
        guard let yes = respondents, let no = nonrespondents, yes + no > 0 else { return nil }
        return Double(yes) / Double(yes + no)
    }

    /// Values indexed by ``people`` spread back over a roster of `count`, `nil` for people not present.
    public func spread<T>(_ values: [T], over count: Int) -> [T?] {
        var out = [T?](repeating: nil, count: count)
        for (i, v) in people.enumerated() { out[v] = values[i] }
        return out
    }
}
