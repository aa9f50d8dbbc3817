import StaffGraphCore

extension AnalysisView {
    /// A view of `graph` whose node `i` is roster person `people[i]`, with `observedRows` as given.
    public init(graph: Graph, people: [Int], observedRows: [Bool]?) {
        precondition(people.count == graph.nodeCount, "one roster index per node")
        self.graph = graph
        self.people = people
        self.observedRows = observedRows
    }

    /// The view under a treatment of non-respondents' answers (``MissingDataTreatment``):
    /// the same people, the treated ties and observed rows, and the number of ties imputed.
    /// `ignore` returns the view itself.
    public func treated(_ treatment: MissingDataTreatment) -> (view: AnalysisView, imputedTies: Int) {
        guard treatment != .ignore else { return (self, 0) }
        let t = treatment.apply(to: graph, observedRows: observedRows)
        return (AnalysisView(graph: t.graph, people: people, observedRows: t.observedRows), t.imputedTies)
    }

    /// Non-respondents in the view (rows not observed).
    public var nonrespondentCount: Int { observedRows?.lazy.filter { !$0 }.count ?? 0 }
}
