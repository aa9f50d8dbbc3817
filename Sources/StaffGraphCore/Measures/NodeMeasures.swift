/// Every per-person measure StaffGraph reports, named by its `metrics`
/// column, with the convention it follows (<doc:Conventions>). `metrics`, `draw
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
    /// Number of people the person names (``EgoNetworks/sizeOut``).
    case egoSizeOut = "ego_size_out"
    /// Number of people who name the person (``EgoNetworks/sizeIn``).
    case egoSizeIn = "ego_size_in"
    /// Number of alters, either direction (``EgoNetworks/size``).
    case egoSize = "ego_size"
    /// Arcs among alters over a(a − 1) (``EgoNetworks/density``).
    case egoDensity = "ego_density"
    /// Betweenness inside the ego network, Everett & Borgatti 2005 (``EgoNetworks/betweenness``).
    case egoBetweenness = "ego_betweenness"
    /// People reached in one or two steps along out-ties (``EgoNetworks/twoStepReach``).
    case twoStepReach = "two_step_reach"
    /// Burt's constraint with proportions inside the ego network (``EgoNetworks/constraint``).
    case egoConstraint = "ego_constraint"
    /// Borgatti–Everett continuous coreness, least squares `c_i c_j ≈ a_ij` (``CorePeriphery/continuousCoreness(_:observedRows:maximumSweeps:)``).
    case coreness

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
        case .egoSizeOut: return "ego network: number of people the person names (out-alters, self excluded)"
        case .egoSizeIn: return "ego network: number of people who name the person (in-alters, self excluded)"
        case .egoSize: return "ego network: number of alters, people tied to the person in either direction (UCINET Ego Networks, R egor)"
        case .egoDensity: return "ego network: directed ties among alters / (a(a-1)), ego's own ties excluded; empty with fewer than two alters"
        case .egoBetweenness: return "ego betweenness, Everett & Borgatti 2005: raw directed betweenness of the person inside their ego network (networkx betweenness_centrality(ego_net, normalized=False))"
        case .twoStepReach: return "people reached in one or two steps along out-ties (named, or named by someone named), the person excluded"
        case .egoConstraint: return "Burt constraint, ego-network model (UCINET): proportions p_qj computed inside the ego network (networkx constraint on the ego network); empty for isolates"
        case .coreness: return "Borgatti-Everett continuous coreness: c_i >= 0 minimising sum over i != j of (a_ij - c_i c_j)^2, binary ties (least squares / MINRES; checked against scipy least_squares)"
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
        case .egoSizeOut: return "ego network: people named"
        case .egoSizeIn: return "ego network: named by"
        case .egoSize: return "ego network size (contacts)"
        case .egoDensity: return "ego network density"
        case .egoBetweenness: return "ego betweenness (between own contacts)"
        case .twoStepReach: return "two-step reach"
        case .egoConstraint: return "constraint within the ego network (Burt)"
        case .coreness: return "coreness (Borgatti–Everett)"
        }
    }

    /// Whether the value comes from an iteration (compared to 1e-6 in tests, not 1e-9).
    public var isIterative: Bool {
        switch self {
        case .eigenvector, .pagerank, .hub, .authority, .coreness: return true
        default: return false
        }
    }
}

/// The values of several node measures on one graph, with notes on anything
/// the user should know (an eigenvector on a network that is not strongly
/// connected, an iteration that did not converge, a column estimated or left
/// out to stay within a ``MeasureBudget``).
public struct NodeMeasureTable: Sendable {
    /// One value per node for each measure asked; `nil` = undefined (or, for a
    /// column in ``skipped``, not computed).
    public let values: [NodeMeasure: [Double?]]
    /// Sentences for the user, in measure order.
    public let notes: [String]
    /// The columns estimated from pivots rather than computed exactly, with
    /// their pivots, seed and stated error bounds; empty under ``MeasureBudget/exact``
    /// and whenever the work fits the budget.
    public let estimated: [NodeMeasure: Estimate]
    /// The columns left empty (every value `nil`) because computing them would
    /// exceed the budget and they have no estimator (Wasserman–Faust
    /// closeness), in measure order; a note says how long the exact
    /// computation would take.
    public let skipped: [NodeMeasure]

    /// Wraps one all-sources ``Step`` of a table: it must call `run` once with
    /// the ``ProgressHandler`` to give that step's searches (or `nil`); `run`
    /// returns when the step is done. So a caller can show one progress bar
    /// per step, labelled with ``Step/name``, and close it when the step ends:
    ///
    /// ```swift
    /// NodeMeasureTable(measures, on: graph, budget: .automatic()) { step, run in
    ///     withProgress(step.name) { handler in run(handler) }
    /// }
    /// ```
    /// A wrapper that does not call `run` only loses the progress reports: the
    /// table then runs the step without a handler. Calls to `run` after the
    /// first do nothing.
    public typealias StepProgress = (_ step: Step, _ run: (ProgressHandler?) -> Void) -> Void

    /// Computes `measures` on `graph`, each shared computation once (HITS
    /// gives hub and authority, Burt's measures come together, one Brandes
    /// pass gives both betweenness scales, one distance search per person
    /// gives closeness and harmonic closeness of the same direction).
    ///
    /// The all-sources columns (betweenness, closeness, harmonic closeness)
    /// cost O(n·m) each. `budget` decides whether they run exactly
    /// (``MeasureBudget/exact``, the default: the same values as the
    /// single-measure functions, bit for bit) or, above a work limit
    /// (``estimatedWork(_:on:)``), from seeded pivots
    /// (``MeasureBudget/automatic(limit:seed:)``; the plan is
    /// ``steps(_:on:budget:)``). Estimated columns are listed in ``estimated``,
    /// columns left out in ``skipped``, and both are explained in ``notes``:
    ///
    ///     betweenness: estimated from 6,666 of 200,000 people (seed 42); each value
    ///     is within ±0.017 of the exact one with 95% probability (all values at
    ///     once: ±0.035); pass the exact budget to compute it exactly (about 30
    ///     minutes on 2 threads)
    ///
    /// - Parameters:
    ///   - threads: threads for the all-sources columns, PageRank and the k-core
    ///     numbers; every value, sampled
    ///     ones included, is the same to the last bit for any thread count
    ///     (fixed chunks, summed in chunk order).
    ///   - budget: exact (default) or automatic; see ``MeasureBudget``.
    ///   - progress: wraps each all-sources step, in order (see ``StepProgress``);
    ///     it changes no value.
    ///   - checkpoint: where the exact all-sources steps keep the source chunks
    ///     they finish and find those an earlier, stopped run finished (see
    ///     ``SourceChunkCheckpoint``); the values are bit for bit those of a
    ///     run without one. Sampled steps ignore it.
    ///   - observedRows: which people's rows (ties named) were observed; `coreness`
    ///     leaves the others' cells out, as ``CorePeriphery`` does. `nil`: every row.
    /// - Complexity: the sum of the measures asked; all-sources steps
    ///   O(n·m) each, or O(k·m) from `k` pivots.
    public init(_ measures: [NodeMeasure], on graph: Graph, threads: Int = Parallelism.defaultThreads, budget: MeasureBudget = .exact,
                checkpoint: SourceChunkCheckpoint? = nil, observedRows: [Bool]? = nil, progress: StepProgress? = nil) {
        let wanted = Set(measures)
        var values: [NodeMeasure: [Double?]] = [:]
        var notes: [String] = []
        func optional(_ xs: [Double]) -> [Double?] { xs.map { $0.isFinite ? $0 : nil } }
        let n = graph.nodeCount

        if wanted.contains(.inDegree) { values[.inDegree] = degreeCentrality(graph, direction: .incoming) }
        if wanted.contains(.outDegree) { values[.outDegree] = degreeCentrality(graph, direction: .outgoing) }
        if wanted.contains(.inStrength) { values[.inStrength] = strength(graph, direction: .incoming) }
        if wanted.contains(.outStrength) { values[.outStrength] = strength(graph, direction: .outgoing) }

        // The all-sources columns, one step at a time.
        let plan = NodeMeasureTable.plan(measures, on: graph, budget: budget)
        func run(_ step: Step, _ body: (ProgressHandler?) -> Void) {
            var ran = false
            progress?(step) { handler in
                guard !ran else { return }
                ran = true
                body(handler)
            }
            if !ran { body(nil) }
        }
        for item in plan.items {
            run(item.step) { handler in
                switch item.kind {
                case .brandes:
                    // One Brandes pass; the raw and normalized columns are two scalings of the same sums.
                    // From pivots, they are drawn as `sampledBetweenness` draws them, so the values are its values.
                    let pivots = plan.pivots.map { samplePivots(nodeCount: n, count: $0, seed: plan.seed) }
                    let sums = pivots == nil
                        ? brandesSums(graph, options: BetweennessOptions(), threads: threads, progress: handler, checkpoint: checkpoint)
                        : brandesSums(graph, sources: pivots, options: BetweennessOptions(), threads: threads, progress: handler)
                    if wanted.contains(.betweennessRaw) {
                        values[.betweennessRaw] = rescaleBetweenness(sums, nodeCount: n, pivots: pivots, options: BetweennessOptions(scale: .raw))
                    }
                    if wanted.contains(.betweenness) {
                        values[.betweenness] = rescaleBetweenness(sums, nodeCount: n, pivots: pivots, options: BetweennessOptions())
                    }
                case .distances(let direction):
                    let sums = distanceSums(graph, direction: direction, threads: threads, progress: handler, checkpoint: checkpoint)
                    let closeness: NodeMeasure = direction == .incoming ? .closenessIn : .closenessOut
                    let harmonic: NodeMeasure = direction == .incoming ? .harmonicIn : .harmonicOut
                    if wanted.contains(closeness) {
                        values[closeness] = (0 ..< n).map { wassermanFaustValue(reached: sums.reached[$0], total: sums.distanceSum[$0], nodeCount: n) }
                    }
                    if wanted.contains(harmonic) { values[harmonic] = sums.inverseSum }
                case .sampledHarmonic(let direction):
                    let sampled = sampledHarmonicCloseness(graph, direction: direction, pivotCount: plan.pivots ?? n, seed: plan.seed, threads: threads, progress: handler)
                    values[direction == .incoming ? .harmonicIn : .harmonicOut] = sampled.values
                }
            }
        }
        let (estimated, budgetNotes) = NodeMeasureTable.describe(plan, on: graph, threads: threads)
        for measure in plan.skipped { values[measure] = [Double?](repeating: nil, count: n) }
        notes += budgetNotes
        self.estimated = estimated
        self.skipped = plan.skipped

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
                let result = try pageRank(graph, threads: threads)
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
        if wanted.contains(.core) { values[.core] = coreNumbers(graph, threads: threads).map(Double.init) }
        let egoColumns: [NodeMeasure] = [.egoSizeOut, .egoSizeIn, .egoSize, .egoDensity, .egoBetweenness, .twoStepReach, .egoConstraint]
        if egoColumns.contains(where: wanted.contains) {
            let ego = EgoNetworks(graph, threads: threads)
            let columns: [(NodeMeasure, [Double?])] = [
                (.egoSizeOut, ego.sizeOut.map(Double.init)), (.egoSizeIn, ego.sizeIn.map(Double.init)), (.egoSize, ego.size.map(Double.init)),
                (.egoDensity, optional(ego.density)), (.egoBetweenness, ego.betweenness), (.twoStepReach, ego.twoStepReach.map(Double.init)),
                (.egoConstraint, optional(ego.constraint)),
            ]
            for (measure, column) in columns where wanted.contains(measure) { values[measure] = column }
        }
        if wanted.contains(.coreness) {
            let result = CorePeriphery.continuousCoreness(graph, observedRows: observedRows)
            values[.coreness] = result.coreness
            if !result.converged { notes.append("coreness: did not settle to 1e-13 in 10,000 sweeps; values are close but not final") }
        }
        self.values = values
        self.notes = notes
    }
}

/// The values of `measures` on `graph` (`nil` = undefined), every one computed
/// exactly; see ``NodeMeasureTable`` for notes and work budgets.
public func nodeMeasures(_ measures: [NodeMeasure], on graph: Graph, threads: Int = Parallelism.defaultThreads) -> [NodeMeasure: [Double?]] {
    NodeMeasureTable(measures, on: graph, threads: threads).values
}

extension NodeMeasureTable {
    /// The ``estimated`` entries of a plan's sampled columns and the notes on
    /// its sampled and left-out columns, in measure order.
    static func describe(_ plan: MeasurePlan, on graph: Graph, threads: Int) -> ([NodeMeasure: Estimate], [String]) {
        let n = graph.nodeCount
        let people = Double(n), ties = Double(graph.edgeCount)
        var estimated: [NodeMeasure: Estimate] = [:]
        var notes: [NodeMeasure: String] = [:]
        func time(_ work: Double) -> String {
            let cores = max(1, min(threads, Parallelism.availableCores))
            return "\(durationText(seconds: estimatedSeconds(work: work, threads: threads))) on \(cores) thread\(cores == 1 ? "" : "s")"
        }
        if let k = plan.pivots {
            let confidence = 0.95
            let perPerson = Estimate.hoeffding(pivots: k, events: 1, confidence: confidence)
            let allPeople = Estimate.hoeffding(pivots: k, events: n, confidence: confidence)
            for item in plan.items where item.step.isSampled {
                for measure in item.step.measures {
                    let scale: Double, exactWork: Double
                    switch measure {
                    case .betweenness: (scale, exactWork) = (1, people * ties * betweennessStepsPerTie)
                    case .betweennessRaw: (scale, exactWork) = ((people - 1) * (people - 2), people * ties * betweennessStepsPerTie)
                    default: (scale, exactWork) = (people - 1, people * ties * distanceStepsPerTie)
                    }
                    let estimate = Estimate(pivots: k, people: n, seed: plan.seed, confidence: confidence,
                                            errorBound: scale * perPerson, errorBoundAllPeople: scale * allPeople, exactWork: exactWork)
                    estimated[measure] = estimate
                    notes[measure] = "\(measure.rawValue): estimated from \(groupedDigits(k)) of \(groupedDigits(n)) people (seed \(plan.seed)); "
                        + "each value is within ±\(boundText(estimate.errorBound)) of the exact one with 95% probability "
                        + "(all values at once: ±\(boundText(estimate.errorBoundAllPeople))); "
                        + "pass the exact budget to compute it exactly (\(time(exactWork)))"
                }
            }
        }
        for measure in plan.skipped {
            let harmonic: NodeMeasure = measure == .closenessIn ? .harmonicIn : .harmonicOut
            notes[measure] = "\(measure.rawValue): left empty: it needs a search from every person (\(time(people * ties * distanceStepsPerTie))), "
                + "over the work budget, and has no sampled estimate; pass the exact budget to compute it, "
                + "or use \(harmonic.rawValue), which can be estimated"
        }
        return (estimated, NodeMeasure.allCases.compactMap { notes[$0] })
    }
}

/// Wasserman–Faust closeness `(r − 1)/Σd · (r − 1)/(n − 1)` from one person's
/// search totals, 0 when nobody else is reached: the formula of
/// ``wassermanFaustCloseness(_:direction:distance:threads:progress:)``,
/// written the same way, so the shared pass gives the same bits.
@inline(__always)
private func wassermanFaustValue(reached: Int, total: Double, nodeCount n: Int) -> Double {
    guard total > 0, n > 1 else { return 0 }
    let others = Double(reached - 1)
    return others / total * (others / Double(n - 1))
}
