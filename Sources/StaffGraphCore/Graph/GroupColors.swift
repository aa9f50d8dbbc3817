/// The colour of each value of a roster column (each team, each office): one
/// assignment per run, made from every value the whole roster holds, and used
/// by every output that colours people (maps of every wave, difference maps,
/// small multiples, the report's maps, GEXF, GraphML and DOT exports). A team
/// therefore has the same colour on the whole-school map, on a `--where`
/// selection, on each `--per` map and in each exported file.
///
/// The rule:
/// - Groups are the column's values over the whole roster
///   (``Roster/population(of:)``), spellings that the `sameGroup` key makes
///   equal merged into one, named by their first spelling on the roster;
///   they are put in ascending order of name (numerically when every value
///   is a number: 2 before 11).
/// - Up to ``palette``'s ten colours, every group gets the colour at its
///   position in that order.
/// - With more groups than that, the nine largest (most people on the whole
///   roster; equal sizes in name order) keep colours, given in name order
///   from the palette's first nine, and the rest share ``otherColor``, shown
///   as one legend entry "other".
/// - People with no value are ``missingColor``.
///
/// Colours are `#RRGGBB` text: Graphviz, SVG and the exporters all read it.
public struct GroupColors: Sendable, Equatable {
    /// One value of the column and its colour.
    public struct Group: Sendable, Equatable {
        /// The value as first spelled on the roster.
        public var value: String
        /// People with this value on the whole roster.
        public var count: Int
        /// `#RRGGBB`, or `nil` for a group beyond the palette (drawn in ``GroupColors/otherColor``).
        public var color: String?
    }

    /// Paul Tol's "muted" qualitative palette (colour-blind safe, distinct in
    /// grey-scale print), then its pale grey: ten group colours.
    /// Reference: P. Tol, "Colour schemes", SRON/EPS/TN/09-002 (2021).
    public static let palette = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
                                 "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD"]
    /// The colour of every group beyond the palette ("other").
    public static let otherColor = "#BBBBBB"
    /// The colour of people with no value in the column (white, outlined on maps).
    public static let missingColor = "#FFFFFF"

    /// The column coloured, as the roster spells it ("team").
    public let column: String
    /// Every group of the whole roster, in ascending order of value.
    public let groups: [Group]
    /// The group of each spelling on the roster.
    private let groupOfSpelling: [String: Int]

    /// The assignment for `column` over `population` (each spelling on the
    /// whole roster and how many people hold it, as ``Roster/population(of:)``
    /// gives). Spellings with the same `sameGroup` key are one group (the
    /// selection options' rule: case, accents and spacing ignored); surrounding
    /// spaces and tabs never count.
    /// - Complexity: O(k log k) for k spellings.
    public init(column: String, population: [(value: String, count: Int)], sameGroup: (String) -> String = { $0 }) {
        self.column = column
        var byKey: [String: Int] = [:]
        var names: [String] = []
        var counts: [Int] = []
        var spellingGroup: [String: Int] = [:]
        for (value, count) in population {
            let trimmed = trimmed(value)
            if trimmed.isEmpty { continue }
            let key = sameGroup(trimmed)
            let g: Int
            if let found = byKey[key] {
                g = found
            } else {
                g = names.count
                byKey[key] = g
                names.append(trimmed)
                counts.append(0)
            }
            counts[g] += count
            spellingGroup[value] = g
            spellingGroup[trimmed] = g
        }
        // Ascending by name (the first spelling; as numbers when every name is one), then by first appearance.
        let numbers = names.map { Double($0) }
        let numeric = !numbers.isEmpty && numbers.allSatisfy { $0?.isFinite == true }
        let order = names.indices.sorted { a, b in
            if numeric, let x = numbers[a], let y = numbers[b], x != y { return x < y }
            return names[a] != names[b] ? names[a] < names[b] : a < b
        }
        var position = [Int](repeating: 0, count: names.count)
        for (k, g) in order.enumerated() { position[g] = k }
        var coloured = Set(order)
        if order.count > Self.palette.count {
            let bySize = order.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : position[$0] < position[$1] }
            coloured = Set(bySize.prefix(Self.palette.count - 1))
        }
        var groups: [Group] = []
        var next = 0
        for g in order {
            var color: String?
            if coloured.contains(g) {
                color = Self.palette[next]
                next += 1
            }
            groups.append(Group(value: names[g], count: counts[g], color: color))
        }
        self.groups = groups
        groupOfSpelling = spellingGroup.mapValues { position[$0] }
    }

    /// The assignment for the people of `values` alone (one value per person):
    /// for a caller without a roster. Outputs of a run use one made from the
    /// whole roster instead (``Roster/population(of:)``), so that a selection
    /// keeps the colours of the whole.
    public init(column: String, values: [String]) {
        var roster = Roster(ids: values.indices.map { String($0) })
        roster.setAttribute(column, values: values)
        self.init(column: column, population: roster.population(of: column) ?? [])
    }

    /// The group of a roster value (any of its spellings), or `nil` for an
    /// empty value or one the whole roster does not hold.
    public func group(of value: String) -> Group? {
        guard let g = groupOfSpelling[value] ?? groupOfSpelling[trimmed(value)] else { return nil }
        return groups[g]
    }

    /// The colour of a person with `value`: the group's colour,
    /// ``otherColor`` beyond the palette (and for a value the whole roster
    /// does not hold), ``missingColor`` for an empty value.
    public func color(of value: String) -> String {
        if trimmed(value).isEmpty { return Self.missingColor }
        return group(of: value)?.color ?? Self.otherColor
    }

    /// The groups beyond the palette, which share ``otherColor``.
    public var otherGroups: [Group] { groups.filter { $0.color == nil } }

    /// Whether some groups share ``otherColor``.
    public var hasOther: Bool { groups.contains { $0.color == nil } }

    /// "team (the 9 largest of 12 values; the other 3 grey)", or the column
    /// alone when every value has a colour: for a caption or note.
    public var description: String {
        let other = otherGroups.count
        guard other > 0 else { return column }
        return "\(column) (the \(groups.count - other) largest of \(groups.count) values; the other \(other) grey)"
    }
}

/// `text` without surrounding spaces and tabs (as `--per` reads group values).
private func trimmed(_ text: String) -> String {
    var s = Substring(text)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
}
