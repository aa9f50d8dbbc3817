/// Every per-person measure StaffGraph reports, named by its `metrics`
/// column, with the convention it follows (MEASURES.md). `metrics`, `draw
/// --size-by` and `compare` all name measures through this one list.
public enum NodeMeasure: String, CaseIterable, Sendable {
    /// Number of people who name this person (times sought out).
    case inDegree = "in_degree"
    /// Number of people this person names.
    case outDegree = "out_degree"
    /// Sum of the strengths of ties received.
    case inStrength = "in_strength"
    /// Sum of the strengths of ties sent.
    case outStrength = "out_strength"
    /// Brandes betweenness, directed, unweighted, normalized by (n−1)(n−2) (networkx `betweenness_centrality`).
    case betweenness
    /// Brandes betweenness, directed, unweighted, raw pair-dependency sums.
    case betweennessRaw = "betweenness_raw"
    /// Wasserman–Faust closeness on distances to the person (networkx `closeness_centrality`).
    case closenessIn = "closeness_in"
    /// Wasserman–Faust closeness on distances from the person (networkx `closeness_centrality` of the reverse graph).
    case closenessOut = "closeness_out"
    /// Σ 1/d(v, u) over people v who reach u (networkx `harmonic_centrality`).
    case harmonicIn = "harmonic_in"
    /// Σ 1/d(u, v) over people v that u reaches (networkx `harmonic_centrality` of the reverse graph).
    case harmonicOut = "harmonic_out"
    /// Left (in-tie) eigenvector, unit Euclidean norm (networkx `eigenvector_centrality`).
    case eigenvector
    /// PageRank, α = 0.85, unweighted, dangling mass spread uniformly (networkx `pagerank`).
    case pagerank
    /// HITS hub score, hubs sum to 1 (networkx `hits`).
    case hub
    /// HITS authority score, authorities sum to 1 (networkx `hits`).
    case authority
    /// Directed local clustering, Fagiolo 2007 (networkx `clustering` on a DiGraph).
    case clustering
    /// Local clustering of the undirected view (networkx `clustering` on the symmetrized graph).
    case clusteringUndirected = "clustering_undirected"
    /// Burt's constraint, whole-network model (networkx `constraint`).
    case constraint
    /// Burt's effective size (networkx `effective_size`).
    case effectiveSize = "effective_size"
    /// Core number of the undirected view (networkx `core_number`).
    case core

    /// The column names, in `metrics` order.
    public static var columnNames: [String] { allCases.map(\.rawValue) }

    /// One sentence a user can check against another tool.
    public var convention: String {
        switch self {
        case .inDegree: return "number of people who name this person (raw count)"
        case .outDegree: return "number of people this person names (raw count)"
        case .inStrength: return "sum of the weights of ties received"
        case .outStrength: return "sum of the weights of ties sent"
        case .betweenness: return "Brandes, directed, unweighted, divided by (n-1)(n-2) (networkx betweenness_centrality)"
        case .betweennessRaw: return "Brandes, directed, unweighted, raw sum of pair dependencies"
        case .closenessIn: return "Wasserman-Faust on distances to the person: (r-1)/sum(d) * (r-1)/(n-1) (networkx closeness_centrality)"
        case .closenessOut: return "Wasserman-Faust on distances from the person (networkx closeness_centrality on the reversed graph)"
        case .harmonicIn: return "sum of 1/d(v, person) over people v who reach the person, unnormalized (networkx harmonic_centrality)"
        case .harmonicOut: return "sum of 1/d(person, v) over people the person reaches, unnormalized (networkx harmonic_centrality on the reversed graph)"
        case .eigenvector: return "left (in-tie) eigenvector, unit Euclidean norm, unweighted (networkx eigenvector_centrality)"
        case .pagerank: return "PageRank, alpha 0.85, unweighted, dangling mass spread uniformly, sums to 1 (networkx pagerank)"
        case .hub: return "HITS hub score, hubs sum to 1 (networkx hits)"
        case .authority: return "HITS authority score, authorities sum to 1 (networkx hits)"
        case .clustering: return "directed local clustering, Fagiolo 2007 (networkx clustering on the directed graph); empty with fewer than two contacts (networkx: 0)"
        case .clusteringUndirected: return "local clustering of the symmetrized graph (networkx clustering); empty with fewer than two contacts (networkx: 0)"
        case .constraint: return "Burt constraint, p_ij = (a_ij + a_ji) / sum_k (a_ik + a_ki), binary (networkx constraint); empty for isolates"
        case .effectiveSize: return "Burt effective size, binary (networkx effective_size); empty for isolates"
        case .core: return "core number of the undirected view (networkx core_number)"
        }
    }

    /// Words for captions and reports ("in-degree (times sought out)").
    public var displayName: String {
        switch self {
        case .inDegree: return "in-degree (times sought out)"
        case .outDegree: return "out-degree (people named)"
        case .inStrength: return "in-strength (tie strength received)"
        case .outStrength: return "out-strength (tie strength sent)"
        case .betweenness, .betweennessRaw: return "betweenness (on paths between others)"
        case .closenessIn: return "closeness (reached by others)"
        case .closenessOut: return "closeness (reaching others)"
        case .harmonicIn: return "harmonic closeness (reached by others)"
        case .harmonicOut: return "harmonic closeness (reaching others)"
        case .eigenvector: return "eigenvector centrality"
        case .pagerank: return "PageRank"
        case .hub: return "hub score"
        case .authority: return "authority score"
        case .clustering: return "clustering (directed)"
        case .clusteringUndirected: return "clustering (undirected)"
        case .constraint: return "constraint (Burt)"
        case .effectiveSize: return "effective size (Burt)"
        case .core: return "core number"
        }
    }

    /// Whether the value comes from an iteration (compared to 1e-6 in tests, not 1e-9).
    public var isIterative: Bool {
        switch self {
        case .eigenvector, .pagerank, .hub, .authority: return true
        default: return false
        }
    }
}

/// The values of several node measures on one graph, with notes on anything
/// the user should know (an eigenvector on a network that is not strongly
/// connected, an iteration that did not converge).
public struct NodeMeasureTable: Sendable {
    /// One value per node for each measure asked; `nil` = undefined.
    public let values: [NodeMeasure: [Double?]]
    /// Sentences for the user, in measure order.
    public let notes: [String]

    /// Computes `measures` on `graph`, each shared computation once (HITS
    /// gives hub and authority, Burt's measures come together).
    /// - Complexity: the sum of the measures asked; all-sources measures use `threads` threads
    ///   and give the same result for any thread count.
    public init(_ measures: [NodeMeasure], on graph: Graph, threads: Int = Parallelism.defaultThreads) {
        let wanted = Set(measures)
        var values: [NodeMeasure: [Double?]] = [:]
        var notes: [String] = []
        func optional(_ xs: [Double]) -> [Double?] { xs.map { $0.isFinite ? $0 : nil } }
        let n = graph.nodeCount

        if wanted.contains(.inDegree) { values[.inDegree] = degreeCentrality(graph, direction: .incoming) }
        if wanted.contains(.outDegree) { values[.outDegree] = degreeCentrality(graph, direction: .outgoing) }
        if wanted.contains(.inStrength) { values[.inStrength] = strength(graph, direction: .incoming) }
        if wanted.contains(.outStrength) { values[.outStrength] = strength(graph, direction: .outgoing) }
        if wanted.contains(.betweenness) || wanted.contains(.betweennessRaw) {
            // One Brandes pass; the raw and normalized columns are two scalings of the same sums.
            let sums = brandesSums(graph, sources: nil, options: BetweennessOptions(), threads: threads)
            if wanted.contains(.betweennessRaw) {
                values[.betweennessRaw] = rescaleBetweenness(sums, nodeCount: n, pivots: nil, options: BetweennessOptions(scale: .raw))
            }
            if wanted.contains(.betweenness) {
                values[.betweenness] = rescaleBetweenness(sums, nodeCount: n, pivots: nil, options: BetweennessOptions())
            }
        }
        if wanted.contains(.closenessIn) { values[.closenessIn] = wassermanFaustCloseness(graph, direction: .incoming, threads: threads) }
        if wanted.contains(.closenessOut) { values[.closenessOut] = wassermanFaustCloseness(graph, direction: .outgoing, threads: threads) }
        if wanted.contains(.harmonicIn) { values[.harmonicIn] = harmonicCloseness(graph, direction: .incoming, threads: threads) }
        if wanted.contains(.harmonicOut) { values[.harmonicOut] = harmonicCloseness(graph, direction: .outgoing, threads: threads) }
        if wanted.contains(.eigenvector) {
            let result = eigenvectorCentrality(graph)
            if !result.convergence.converged {
                values[.eigenvector] = [Double?](repeating: nil, count: n)
                notes.append("eigenvector: no stable answer on this network (the iteration did not converge, as on networks with no cycles); the column is left empty")
            } else {
                values[.eigenvector] = optional(result.scores)
                if !result.isStronglyConnected {
                    notes.append("eigenvector: the network is not strongly connected, so scores concentrate on the groups that others reach but that reach few; compare people within one group, or use pagerank")
                }
            }
        }
        if wanted.contains(.pagerank) {
            do {
                let result = try pageRank(graph)
                values[.pagerank] = result.scores
                if !result.convergence.converged { notes.append("pagerank: did not converge to 1e-12 in \(result.convergence.iterations) iterations") }
            } catch {
                values[.pagerank] = [Double?](repeating: nil, count: n)
                notes.append("pagerank: \(error)")
            }
        }
        if wanted.contains(.hub) || wanted.contains(.authority) {
            let result = hits(graph)
            if wanted.contains(.hub) { values[.hub] = result.hubs }
            if wanted.contains(.authority) { values[.authority] = result.authorities }
            if !result.convergence.converged { notes.append("hub/authority: HITS did not converge in \(result.convergence.iterations) iterations") }
        }
        if wanted.contains(.clustering) { values[.clustering] = optional(StaffGraphCore.clustering(graph, .directed)) }
        if wanted.contains(.clusteringUndirected) { values[.clusteringUndirected] = optional(StaffGraphCore.clustering(graph, .undirected)) }
        if wanted.contains(.constraint) || wanted.contains(.effectiveSize) {
            let holes = StructuralHoles(graph)
            if wanted.contains(.constraint) { values[.constraint] = optional(holes.constraint) }
            if wanted.contains(.effectiveSize) { values[.effectiveSize] = optional(holes.effectiveSize) }
        }
        if wanted.contains(.core) { values[.core] = coreNumbers(graph).map(Double.init) }
        self.values = values
        self.notes = notes
    }
}

/// The values of `measures` on `graph` (`nil` = undefined); see ``NodeMeasureTable`` for notes.
public func nodeMeasures(_ measures: [NodeMeasure], on graph: Graph, threads: Int = Parallelism.defaultThreads) -> [NodeMeasure: [Double?]] {
    NodeMeasureTable(measures, on: graph, threads: threads).values
}
