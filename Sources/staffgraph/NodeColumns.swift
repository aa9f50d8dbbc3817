import StaffGraphCore

/// Per-person measures that other commands (draw's --size-by) can name.
/// The metrics command extends this list as measures arrive.
enum NodeColumn: String, CaseIterable {
    case inDegree = "in_degree"
    case outDegree = "out_degree"
    case inStrength = "in_strength"
    case outStrength = "out_strength"

    static var allNames: [String] { allCases.map(\.rawValue) }

    /// Words for captions.
    var displayName: String {
        switch self {
        case .inDegree: return "in-degree (times sought out)"
        case .outDegree: return "out-degree (people named)"
        case .inStrength: return "in-strength (sum of tie strengths received)"
        case .outStrength: return "out-strength (sum of tie strengths sent)"
        }
    }

    /// One value per person (`nil` = undefined).
    func values(_ graph: Graph) -> [Double?] {
        (0 ..< graph.nodeCount).map { v -> Double? in
            switch self {
            case .inDegree: return Double(graph.inDegree(v))
            case .outDegree: return Double(graph.outDegree(v))
            case .inStrength: return graph.inNeighborWeights(v).reduce(0, +)
            case .outStrength: return graph.outNeighborWeights(v).reduce(0, +)
            }
        }
    }
}
