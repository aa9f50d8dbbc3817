/// Whether a person answered the survey in a wave (<doc:Conventions>, non-respondents).
public enum ResponseStatus: String, Sendable, CaseIterable {
    /// Answered: their out-ties are observed.
    case responded
    /// On staff but did not answer: their out-ties are missing, not absent.
    case nonrespondent
    /// Not on staff in this wave.
    case absent
}

/// The people of a network: ids ↔ dense indices, attribute columns and
/// response status per wave.
///
/// Index `i` of every ``Graph`` in a ``Network`` is the person `ids[i]`.
/// Attribute values are kept as the text the roster held (empty = missing).
public struct Roster: Sendable {
    /// Person ids in index order.
    public private(set) var ids: [String] = []
    private var indexByID: [String: Int] = [:]
    /// Attribute column names in file order (the id and response columns excluded).
    public private(set) var attributeNames: [String] = []
    private var attributeValues: [[String]] = []
    /// Response columns: `nil` wave = the plain `responded` column, which applies to every wave.
    private var responseColumns: [(wave: String?, values: [ResponseStatus?])] = []
    /// How many people were added after the roster was read (ids not on it, added on request).
    public private(set) var addedCount = 0
    /// Per attribute column, the values of the roster this one was selected
    /// from (``population(of:)``); absent for a column set on this roster.
    private var populations: [String: [(value: String, count: Int)]] = [:]

    /// An empty roster.
    public init() {}

    /// A roster of the given ids, in order. Duplicates are ignored after the first.
    public init(ids: [String]) {
        for id in ids { add(id) }
    }

    /// Number of people.
    public var count: Int { ids.count }

    /// Makes room for `count` people in all, so that adding them one by one
    /// does not regrow the id list and index.
    public mutating func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
        indexByID.reserveCapacity(count)
    }

    /// The index of `id`, if on the roster.
    public func index(of id: String) -> Int? { indexByID[id] }

    /// Adds `id` (if new) and returns its index. New people get empty attributes
    /// and an unknown response status.
    @discardableResult
    public mutating func add(_ id: String) -> Int {
        if let i = indexByID[id] { return i }
        let i = ids.count
        ids.append(id)
        indexByID[id] = i
        for a in attributeValues.indices { attributeValues[a].append("") }
        for r in responseColumns.indices { responseColumns[r].values.append(nil) }
        return i
    }

    /// Adds a person who was not on the roster as read (for example with `--allow-unknown`).
    @discardableResult
    public mutating func addUnlisted(_ id: String) -> Int {
        let before = count
        let i = add(id)
        if count > before { addedCount += 1 }
        return i
    }

    /// Sets (or replaces) an attribute column; `values` has one entry per person.
    public mutating func setAttribute(_ name: String, values: [String]) {
        precondition(values.count == count, "attribute column must have one value per person")
        populations[name] = nil
        if let a = attributeNames.firstIndex(of: name) {
            attributeValues[a] = values
        } else {
            attributeNames.append(name)
            attributeValues.append(values)
        }
    }

    /// The values of attribute `name`, one per person, or `nil` if there is no such column.
    public func attribute(_ name: String) -> [String]? {
        attributeNames.firstIndex(of: name).map { attributeValues[$0] }
    }

    /// The values of attribute `name` over the whole roster this one was
    /// selected from (before `subset`, ``keepPopulations(of:)``), each with the
    /// number of people holding it, in order of first appearance, empty values
    /// left out; for a roster read as a whole, its own values. `nil` when there
    /// is no such column.
    ///
    /// What depends on all the values a column can hold (the colour of each
    /// team, the same on every map of a run) reads them here, so that a
    /// selection (`--where`, one group of `--per`) gives the same answer as
    /// the whole school.
    /// - Complexity: O(1) for a selected roster, O(n) otherwise.
    public func population(of name: String) -> [(value: String, count: Int)]? {
        if let kept = populations[name] { return kept }
        guard let values = attribute(name) else { return nil }
        var index: [String: Int] = [:]
        var out: [(value: String, count: Int)] = []
        for value in values where !value.isEmpty {
            if let i = index[value] {
                out[i].count += 1
            } else {
                index[value] = out.count
                out.append((value, 1))
            }
        }
        return out
    }

    /// This roster with every column's ``population(of:)`` counted and kept:
    /// cut into many groups (``subset(_:)`` per group), each subset then copies
    /// the counts instead of counting the whole roster again.
    /// - Complexity: O(n) per attribute column.
    public func settlingPopulations() -> Roster {
        var out = self
        out.keepPopulations(of: self)
        return out
    }

    /// Takes, for every attribute column this roster shares with `whole` (by
    /// name), `whole`'s ``population(of:)``: for a roster made of some of
    /// `whole`'s people (a selection, a reordering).
    public mutating func keepPopulations(of whole: Roster) {
        for name in attributeNames {
            if let values = whole.population(of: name) { populations[name] = values }
        }
    }

    /// Sets a response column: `wave == nil` for a plain `responded` column
    /// that applies to every wave. `nil` entries mean unknown.
    public mutating func setResponses(wave: String?, values: [ResponseStatus?]) {
        precondition(values.count == count, "response column must have one value per person")
        if let r = responseColumns.firstIndex(where: { $0.wave == wave }) {
            responseColumns[r].values = values
        } else {
            responseColumns.append((wave, values))
        }
    }

    /// The waves that have their own `responded_<wave>` column, in file order.
    public var responseWaves: [String] { responseColumns.compactMap(\.wave) }

    /// The waves of every response column in file order, `nil` for the plain
    /// `responded` column (which applies to every wave).
    public var responseColumnWaves: [String?] { responseColumns.map(\.wave) }

    /// The response column of exactly `wave` (`nil`: the plain `responded`
    /// column), without falling back to the plain column as ``responses(wave:)`` does.
    public func responseColumn(wave: String?) -> [ResponseStatus?]? {
        responseColumns.first { $0.wave == wave }?.values
    }

    /// Counts `n` more people as added from outside the roster (for a roster
    /// built from another, such as ``subset(_:)``).
    public mutating func markAdded(_ n: Int) { addedCount += n }

    /// Whether the roster says anything about who responded.
    public var hasResponseData: Bool { !responseColumns.isEmpty }

    /// Response status per person for `wave`: the `responded_<wave>` column if
    /// there is one (the wave's name matched exactly, else ignoring case), else the plain `responded` column, else `nil` (no data).
    /// People with no recorded status are `nil` entries.
    public func responses(wave: String?) -> [ResponseStatus?]? {
        if let wave, let column = responseColumns.first(where: { $0.wave == wave })
            ?? responseColumns.first(where: { $0.wave?.lowercased() == wave.lowercased() }) { return column.values }
        if let column = responseColumns.first(where: { $0.wave == nil }) { return column.values }
        return nil
    }
}
