/// What to do with the rows of people who did not answer the survey
/// (<doc:Conventions>, "Sensitivity"). A non-respondent's out-ties are
/// unknown; the treatments differ in what they put in their place.
///
/// - ``ignore``: StaffGraph's default. The rows stay missing: whatever ties
///   the data holds are used as they are, and density, reciprocity and
///   transitivity leave the missing cells out of their denominators.
/// - ``assumeNone``: the non-respondents are taken to have named no one. The
///   graph is the observed one, unchanged, but their rows count as observed
///   zeros, so density (and every measure that takes `observedRows`) counts
///   their `n − 1` empty cells.
/// - ``reconstruct``: reconstruction by reciprocity (Huisman 2009, "simple
///   imputation procedures"; symmetric imputation): for a non-respondent i and
///   a respondent j who reported `j → i`, the tie `i → j` is imputed with the
///   weight of `j → i`. Ties between two non-respondents stay absent (neither
///   reported anything). Ties the data already holds from a non-respondent are
///   kept. The imputed rows then count as observed.
///
/// Reference: Huisman, M. (2009). Imputation of missing network data: some
/// simple procedures. *Journal of Social Structure* 10(1).
public enum MissingDataTreatment: String, Sendable, CaseIterable {
    /// Non-respondents' rows stay missing (the default).
    case ignore
    /// Impute `i → j` from a reported `j → i` (Huisman 2009).
    case reconstruct
    /// Non-respondents named no one: their rows are observed zeros.
    case assumeNone = "assume-none"

    /// The graph and observed rows after the treatment.
    ///
    /// - Parameters:
    ///   - graph: the ties as read.
    ///   - observedRows: one flag per node, `false` for a non-respondent (`nil`:
    ///     every row observed, and the treatment changes nothing).
    /// - Complexity: O(n + m) (``reconstruct``: O((n + m) log m) to build).
    public func apply(to graph: Graph, observedRows: [Bool]?) -> TreatedGraph {
        guard let observedRows, observedRows.contains(false) else {
            return TreatedGraph(graph: graph, observedRows: observedRows, imputedTies: 0)
        }
        precondition(observedRows.count == graph.nodeCount, "one flag per node")
        switch self {
        case .ignore:
            return TreatedGraph(graph: graph, observedRows: observedRows, imputedTies: 0)
        case .assumeNone:
            return TreatedGraph(graph: graph, observedRows: [Bool](repeating: true, count: graph.nodeCount), imputedTies: 0)
        case .reconstruct:
            var builder = GraphBuilder(nodeCount: graph.nodeCount, reservingCapacity: graph.edgeCount)
            for v in 0 ..< graph.nodeCount {
                for (t, w) in zip(graph.outNeighbors(v), graph.outNeighborWeights(v)) {
                    builder.addTie(from: v, to: Int(t), weight: w)
                }
            }
            var imputed = 0
            for i in 0 ..< graph.nodeCount where !observedRows[i] {
                for (j, w) in zip(graph.inNeighbors(i), graph.inNeighborWeights(i)) {
                    let j = Int(j)
                    guard j != i, observedRows[j], !graph.hasEdge(from: i, to: j) else { continue }
                    builder.addTie(from: i, to: j, weight: w)
                    imputed += 1
                }
            }
            let built = builder.build(parallelTies: .max, selfLoops: .keep).graph
            return TreatedGraph(graph: built, observedRows: [Bool](repeating: true, count: graph.nodeCount), imputedTies: imputed)
        }
    }
}

/// A graph after a ``MissingDataTreatment``.
public struct TreatedGraph: Sendable, Equatable {
    /// The ties: as read, or with the reconstructed ties added.
    public let graph: Graph
    /// Whose rows count as observed afterwards (`nil`: everyone's).
    public let observedRows: [Bool]?
    /// Ties added by reconstruction (0 for the other treatments).
    public let imputedTies: Int

    /// Creates a treated graph.
    public init(graph: Graph, observedRows: [Bool]?, imputedTies: Int) {
        self.graph = graph
        self.observedRows = observedRows
        self.imputedTies = imputedTies
    }
}

extension NetworkSummary {
    /// The panel under a treatment of non-respondents' answers: with
    /// ``MissingDataTreatment/ignore`` (or without non-respondents) exactly
    /// ``init(graph:responses:)``; otherwise the treated ties with every row of
    /// the people present observed (density and reciprocity count the
    /// non-respondents' rows), while the response counts and rate stay those of the survey.
    /// - Complexity: O(n + m log m).
    public init(graph: Graph, responses: [ResponseStatus?]?, treatment: MissingDataTreatment) {
        guard treatment != .ignore, let responses, responses.contains(.nonrespondent) else {
            self.init(graph: graph, responses: responses)
            return
        }
        let presence = WavePresence(graph: graph, responses: responses)
        let treated = treatment.apply(to: graph, observedRows: presence.observedRows)
        let answered: [ResponseStatus?] = responses.map { $0 == .nonrespondent ? .responded : $0 }
        let survey = NetworkSummary(graph: graph, responses: responses)
        self.init(graph: treated.graph, responses: answered)
        respondents = survey.respondents
        nonrespondents = survey.nonrespondents
        responseRate = survey.responseRate
        tiesFromNonrespondents = 0
    }
}
