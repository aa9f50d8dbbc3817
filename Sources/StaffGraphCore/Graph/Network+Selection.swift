extension Roster {
    /// The roster of `members` (indices into this roster, ascending), in that
    /// order, with their attribute values and response statuses: person `k` of
    /// the result is person `members[k]` here.
    ///
    /// People added from outside the roster (``addedCount``) stay counted as
    /// such when selected, and every column keeps the values of the whole
    /// roster as its ``population(of:)``.
    /// - Precondition: `members` is strictly ascending and within `0..<count`.
    /// - Complexity: O(k · (attributes + response columns)) for k members.
    public func subset(_ members: [Int]) -> Roster {
        var out = Roster(ids: members.map { ids[$0] })
        for name in attributeNames {
            if let values = attribute(name) { out.setAttribute(name, values: members.map { values[$0] }) }
        }
        for wave in responseColumnWaves {
            if let values = responseColumn(wave: wave) { out.setResponses(wave: wave, values: members.map { values[$0] }) }
        }
        out.keepPopulations(of: self)
        let firstAdded = count - addedCount
        out.markAdded(members.reduce(0) { $0 + ($1 >= firstAdded ? 1 : 0) })
        return out
    }
}

extension Network {
    /// The network among `members` only (roster indices, ascending): the
    /// sub-roster of ``Roster/subset(_:)`` and, in every layer, the ties whose
    /// two ends are both members (the induced subgraph), weights kept.
    ///
    /// This is what a user gets by cutting the roster rows and the edge-list
    /// rows of those people out of the files by hand, except for the layers'
    /// ``BuildReport``s, which still describe the whole file (only their `ties`
    /// count is the selection's); ``selection`` records the description so
    /// outputs can say what they show.
    ///
    /// - Parameter description: how the selection reads to a person
    ///   ("school = Adams"); appended to ``selection``.
    /// - Precondition: `members` is strictly ascending and within `0..<roster.count`.
    /// - Complexity: O(k + m_S · log k) per layer, m_S the ties sent by members.
    public func restricted(to members: [Int], description: String) -> Network {
        let layers = self.layers.map { layer -> Layer in
            let sub = layer.graph.subgraph(members: members)
            var report = layer.buildReport
            report.ties = sub.edgeCount
            return Layer(key: layer.key, graph: sub, buildReport: report)
        }
        var out = Network(roster: roster.subset(members), layers: layers)
        out.selection = selection + [description]
        return out
    }
}

extension Network {
    /// The network of each group of `groups` (members ascending, as
    /// ``restricted(to:description:)`` takes them), in order: what `--per`
    /// runs on. The whole roster's values are counted once for all the groups
    /// (``Roster/settlingPopulations()``), not once per group.
    /// - Complexity: O(n · attributes) once, then as ``restricted(to:description:)`` per group.
    public func restricted(toGroups groups: [(members: [Int], description: String)]) -> [Network] {
        var whole = self
        whole.roster = roster.settlingPopulations()
        return groups.map { whole.restricted(to: $0.members, description: $0.description) }
    }
}
