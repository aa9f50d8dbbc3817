import StaffGraphCore

/// What a membership map shows: people × groups (teams, committees) as two
/// kinds of node. ``MembershipMapBuilder/build(_:)`` turns it into an ``InfluenceMap``.
public struct MembershipMapRequest: Sendable {
    /// Who belongs to which group (people are the roster's, in roster order).
    public var network: TwoModeNetwork
    /// The name of each group of ``network``.
    public var groupNames: [String]
    /// The text beside each person (name or pseudonym), roster order.
    public var personLabels: [String]
    /// What a group is, for the legend and caption ("committee").
    public var groupWord = "group"
    /// Colours of people by a roster column (the run's ``GroupColors``), or `nil` for one colour.
    public var colors: GroupColoring?
    /// Which people get a name (the most groups first); groups are always named.
    public var labelMode: LabelMode = .all
    /// What pointing at a person shows in SVG, roster order, or `nil` for their label.
    public var tooltips: [String]?
    /// Layout engine; `nil` picks neato up to ``InfluenceMapBuilder/neatoLimit`` nodes, sfdp above.
    public var layout: LayoutEngine?
    /// Layout seed.
    public var seed = 1
    /// Title, if any.
    public var title: String?
    /// Caption lines describing the data (file, wave, selection).
    public var caption: [String] = []

    /// A request drawing every membership of `network`.
    public init(network: TwoModeNetwork, groupNames: [String], personLabels: [String]) {
        self.network = network
        self.groupNames = groupNames
        self.personLabels = personLabels
    }
}

/// Decides how a membership (two-mode) map looks.
///
/// Encoding:
/// - a **circle** per person in at least one group (people in none are left
///   out, and counted in the caption), in roster order, coloured by the
///   run's colours of a roster column, its **area** by the number of groups
///   they are in; people in two or more groups, who connect groups, get a
///   heavy black ring;
/// - a white **square** per group, its area by its members, named beside it;
/// - a grey **line** per membership (no arrowheads: belonging has no direction).
///
/// Node names: `n<person index>` and `g<group index>`; people first, then
/// groups, lines by (person, group), so the same input gives the same picture.
public enum MembershipMapBuilder {
    /// Fill of a group's square.
    public static let groupFill = "#FFFFFF"
    /// Ring of a person in two or more groups (drawn as ``InfluenceMap/Person/outline``,
    /// so that groups' names are placed before people's).
    public static let connectorRing = "#000000"
    /// Room kept for names (``InfluenceMap/labelRoom``): on the sample school's
    /// committees (42 people, 11 groups), with the usual 2 one or two group
    /// names did not fit for most seeds.
    public static let groupLabelRoom = 4.0
    /// Colour of a membership line.
    public static let lineColor = "#55555599"

    /// The map `request` asks for.
    /// - Complexity: O(p log p + g log g + m) for p people, g groups and m memberships.
    public static func build(_ request: MembershipMapRequest) -> InfluenceMap {
        let network = request.network
        precondition(request.personLabels.count == network.personCount && request.groupNames.count == network.groupCount,
                     "one label per person and one name per group")
        let people = (0 ..< network.personCount).filter { network.groupCount(of: $0) > 0 }
        let groups = Array(0 ..< network.groupCount)
        var map = InfluenceMap()
        map.layout = request.layout ?? (people.count + groups.count > InfluenceMapBuilder.neatoLimit ? .sfdp : .neato)
        map.seed = request.seed
        map.title = request.title
        map.arrowheads = false
        // Group names are long and every one must be drawn: keep more room for names than person maps do.
        map.labelRoom = groupLabelRoom

        let counts = people.map { Double(network.groupCount(of: $0)) }
        let personDiameters = Style.diameters(counts, minimum: 0.14, maximum: 0.4)
        let groupDiameters = Style.diameters(groups.map { Double(network.size(of: $0)) }, minimum: 0.3, maximum: 0.8)

        var labelled = [Bool](repeating: false, count: people.count)
        switch request.labelMode {
        case .all: labelled = [Bool](repeating: true, count: people.count)
        case .none: break
        case .top(let n):
            let order = people.indices.sorted { (counts[$0], $1) > (counts[$1], $0) }
            for i in order.prefix(n) { labelled[i] = true }
        }
        var values: [String] = []
        for (i, v) in people.enumerated() {
            var fill = Style.plainFill
            if let coloring = request.colors {
                fill = coloring.colors.color(of: coloring.values[v])
                values.append(coloring.values[v])
            }
            map.people.append(.init(name: "n\(v)", label: labelled[i] ? request.personLabels[v] : nil, tooltip: request.tooltips?[v],
                                    diameter: personDiameters[i], fill: fill, shape: .circle, cluster: nil,
                                    emphasized: false, outline: network.groupCount(of: v) >= 2 ? connectorRing : nil))
        }
        for g in groups {
            let name = request.groupNames[g]
            map.people.append(.init(name: "g\(g)", label: name, tooltip: "\(name): \(network.size(of: g)) member\(network.size(of: g) == 1 ? "" : "s")",
                                    diameter: groupDiameters[g], fill: groupFill, shape: .square, cluster: nil, emphasized: false))
        }

        var position = [Int](repeating: -1, count: network.personCount)
        for (i, v) in people.enumerated() { position[v] = i }
        for v in people {
            for g in network.groups(of: v).sorted() {
                map.lines.append(.init(source: position[v], target: people.count + Int(g), width: 0.8, mutual: false, color: lineColor))
            }
        }

        if let coloring = request.colors { map.legend = InfluenceMapBuilder.colorLegend(coloring.colors, values: values) }
        let word = request.groupWord
        map.legend.append(.init(label: "\(word), area by its members", fill: "#FFFFFF", shape: .square))
        let connectors = people.filter { network.groupCount(of: $0) >= 2 }.count

        var caption = request.caption
        var encoding = "Circle: a person, area by their \(AggregateMapBuilder.plural(word, 2))"
        if let colors = request.colors?.colors { encoding += " · colour: \(colors.description)" }
        encoding += " · black ring: in two or more \(AggregateMapBuilder.plural(word, 2)) (connects them) · square: a \(word) · line: a membership"
        caption.append(encoding)
        let left = network.personCount - people.count
        var drawing = "\(people.count) \(people.count == 1 ? "person" : "people") in \(groups.count) \(AggregateMapBuilder.plural(word, groups.count)), "
            + "\(network.membershipCount) membership\(network.membershipCount == 1 ? "" : "s"), \(connectors) in two or more"
        if left > 0 { drawing += " · \(left) \(left == 1 ? "person" : "people") in no \(word) left out" }
        drawing += " · layout \(map.layout.rawValue)"
        if map.layout.isSeeded { drawing += ", seed \(map.seed)" }
        caption.append(drawing)
        map.caption = caption
        return map
    }
}
