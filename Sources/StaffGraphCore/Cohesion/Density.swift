/// Density: the share of possible ties that are present.
///
/// `density = m_obs / (n(n − 1) − missing)`, where a cell `(i, j)` is missing
/// when `i`'s row was not observed (a non-respondent: <doc:Conventions>), and
/// `m_obs` counts ties in observed cells. With every row observed this is
/// `m / (n(n − 1))`, networkx `density`; with missing rows it is sna `gden`.
/// Self-loops are not counted.
///
/// Example: 3 people, ties a→b, b→a, a→c: 3 / 6 = 0.5.
///
/// - Parameter observedRows: one flag per node, `false` when that person's
///   answers are missing; `nil` means every row is observed.
/// - Returns: `nil` when there is no observed cell (fewer than two people).
/// - Complexity: O(n + m).
public func density(_ graph: Graph, observedRows: [Bool]? = nil) -> Double? {
    let n = graph.nodeCount
    var cells = 0
    var ties = 0
    for v in 0 ..< n where observedRows?[v] ?? true {
        cells += n - 1
        for t in graph.outNeighbors(v) where Int(t) != v { ties += 1 }
    }
    guard cells > 0 else { return nil }
    return Double(ties) / Double(cells)
}
