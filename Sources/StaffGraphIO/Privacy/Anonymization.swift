import StaffGraphCore

/// What `--anonymize` does to a network before anything is printed, drawn or
/// written: one pure mapping, made once per run from the whole roster as read.
///
/// - Every person's id becomes their ``Pseudonyms`` label ("Person 07").
/// - People are put in pseudonym order (Person 01 first), so that rows,
///   node names, file order and ties broken by index follow the pseudonyms,
///   never the roster's order.
/// - The ``IdentifyingColumns`` of the roster are left out.
///
/// Selections (`--where`, a `--per` group) keep the whole roster's pseudonyms:
/// Person 07 is the same person in every group and every output of the run.
/// Every measure of a person is the same as without pseudonyms; only results
/// that draw seeded random numbers over the people in order (layouts, a
/// permutation test, Louvain's visiting order) are drawn over another order.
public struct Anonymization: Sendable {
    /// The pseudonyms of every person on the roster as read.
    public let pseudonyms: Pseudonyms
    /// The columns left out, in roster order.
    public let identifyingColumns: [IdentifyingColumn]

    /// The anonymization of `roster` (the whole roster, before any selection) with pseudonym key `key`.
    public init(roster: Roster, key: UInt64) {
        pseudonyms = Pseudonyms(ids: roster.ids, key: key)
        identifyingColumns = IdentifyingColumns.find(in: roster)
    }

    /// The identifying column an option names (exactly, else ignoring case and
    /// accents, as ``Roster/column(named:file:)`` finds columns), if it is one.
    public func identifyingColumn(named name: String) -> IdentifyingColumn? {
        if let exact = identifyingColumns.first(where: { $0.column == name }) { return exact }
        let key = rosterValueKey(name)
        return identifyingColumns.first { rosterValueKey($0.column) == key }
    }

    /// The people of `roster` in pseudonym order: `order[i]` is the roster index
    /// of the `i`-th; people without a pseudonym (not on the roster this was made
    /// from) come last, in roster order.
    /// - Complexity: O(n log n).
    public func order(of roster: Roster) -> [Int] {
        let ranks = roster.ids.map { pseudonyms.rank(of: $0) ?? Int.max }
        return ranks.indices.sorted { a, b in ranks[a] != ranks[b] ? ranks[a] < ranks[b] : a < b }
    }

    /// `roster` with people in `order` (from ``order(of:)``), ids replaced by
    /// pseudonyms and the identifying columns left out; response columns kept,
    /// and each column's ``Roster/population(of:)``.
    /// People without a pseudonym get the numbers after the last one. Nobody
    /// is marked as added from outside the roster.
    public func roster(_ roster: Roster, order: [Int]) -> Roster {
        var extra = pseudonyms.count
        let ids = order.map { person -> String in
            if let label = pseudonyms.label(of: roster.ids[person]) { return label }
            extra += 1
            return pseudonyms.label(rank: extra - 1)
        }
        var out = Roster(ids: ids)
        for name in roster.attributeNames where !identifyingColumns.contains(where: { $0.column == name }) {
            if let values = roster.attribute(name) { out.setAttribute(name, values: order.map { values[$0] }) }
        }
        for wave in roster.responseColumnWaves {
            if let values = roster.responseColumn(wave: wave) { out.setResponses(wave: wave, values: order.map { values[$0] }) }
        }
        out.keepPopulations(of: roster)
        return out
    }

    /// `network` with pseudonyms, in pseudonym order, without identifying
    /// columns; every layer's ties kept (renumbered); the selection's
    /// descriptions kept.
    public func apply(to network: Network) -> Network {
        let order = order(of: network.roster)
        let layers = network.layers.map { Layer(key: $0.key, graph: $0.graph.relabelled(order: order), buildReport: $0.buildReport) }
        var out = Network(roster: roster(network.roster, order: order), layers: layers)
        out.selection = network.selection
        return out
    }

    /// `text` with the ids in it replaced by pseudonyms (``Pseudonyms/redacting(_:)``).
    public func redacting(_ text: String) -> String { pseudonyms.redacting(text) }

    /// A note naming the columns left out and why, or `nil` when there are none:
    /// "identifying roster columns left out of every output: name, email (named
    /// like a personal detail); room (each of the 60 people with a value holds a value no one else has)".
    public var droppedColumnsNote: String? {
        guard !identifyingColumns.isEmpty else { return nil }
        let named = identifyingColumns.filter { $0.reason == .name }.map(\.column)
        var parts = named.isEmpty ? [] : [named.joined(separator: ", ") + " (named like a personal detail)"]
        parts += identifyingColumns.filter { $0.reason != .name }.map { "\($0.column) (\($0.explanation))" }
        return "identifying roster column\(identifyingColumns.count == 1 ? "" : "s") left out of every output: " + parts.joined(separator: "; ")
    }
}
