import StaffGraphCore

/// What an aggregate map shows: one node per group (team, school), the ties
/// between groups, and how densely each group is tied inside.
/// ``AggregateMapBuilder/build(_:)`` turns it into an ``InfluenceMap``.
public struct AggregateMapRequest: Sendable {
    /// The groups, their sizes, ties and densities.
    public var groups: GroupGraph
    /// What a group is, for the legend and caption ("team", "school").
    public var groupName: String
    /// The group that stands for several small groups merged together
    /// (``Partition/mergingGroups(smallerThan:into:)``): drawn grey, without a
    /// density, labelled with ``mergedLabel``; `nil` when none.
    public var mergedGroup: Int?
    /// The label of ``mergedGroup`` ("3 teams of fewer than 5").
    public var mergedLabel: String?
    /// Groups not drawn at all, nor their ties (one flag per group); `nil` = none.
    public var hidden: [Bool]?
    /// The ties drawn, one flag per tie of `groups.graph` (its `outTargets`
    /// order), e.g. a backbone; `nil` draws every tie.
    public var drawnTies: [Bool]?
    /// Which groups get a label (``LabelMode/top(_:)``: the largest).
    public var labelMode: LabelMode = .all
    /// Layout engine; `nil` picks neato up to ``InfluenceMapBuilder/neatoLimit`` groups, sfdp above.
    public var layout: LayoutEngine?
    /// Layout seed.
    public var seed = 1
    /// Title, if any.
    public var title: String?
    /// Caption lines describing the data (relation, wave, selection, response rate, backbone).
    public var caption: [String] = []

    /// A request drawing every group and tie of `groups`.
    public init(groups: GroupGraph, groupName: String) {
        self.groups = groups
        self.groupName = groupName
    }
}

/// Decides how an aggregate map looks.
///
/// Encoding (the same on every map, so maps of several districts compare):
/// - a node per group, its **area** proportional to the people in the group
///   (present in the wave), labelled "name (size)";
/// - its **fill** the group's within-group density (``GroupGraph/density``)
///   on a fixed sequential scale of seven classes (``densityBreaks``; Paul
///   Tol's colour-blind-safe YlOrBr), white where undefined (one person, or
///   no one answered), grey for merged small groups;
/// - a **line per direction**: A → B when members of A named members of B,
///   its **width** proportional to the number of those ties (the largest 7 pt)
///   and its grey more opaque the more ties it stands for.
///   Two groups that name each other get two lines, bowed apart.
public enum AggregateMapBuilder {
    /// Upper bounds of the density classes below the last (which is "0.5 or more").
    public static let densityBreaks: [Double] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
    /// One fill per density class, light to dark (Tol's YlOrBr, P. Tol,
    /// "Colour schemes", SRON/EPS/TN/09-002, 2021).
    public static let densityFills = ["#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#8C2D04"]
    /// Fill of a group whose density is undefined.
    public static let undefinedFill = "#FFFFFF"
    /// Fill of the merged small groups.
    public static let mergedFill = "#BBBBBB"
    /// Width in points of the line for the largest number of ties.
    public static let widestLine = 7.0
    /// Width in points of the thinnest line.
    public static let thinnestLine = 0.6

    /// The line colour for a line with `share` of the largest number of ties:
    /// the map's grey, more opaque for more ties (alpha 0x26 to 0xB3), so that
    /// in a dense map the many lines of a few ties recede behind the few of many.
    public static func lineColor(share: Double) -> String {
        let alpha = Int((38 + 141 * min(1, max(0, share))).rounded())
        let hex = Array("0123456789ABCDEF")
        return "#555555" + String(hex[alpha / 16]) + String(hex[alpha % 16])
    }

    /// The class (index into ``densityFills``) of `density`.
    public static func densityClass(_ density: Double) -> Int {
        var k = 0
        while k < densityBreaks.count && density >= densityBreaks[k] { k += 1 }
        return k
    }

    /// The legend text of density class `k`: "under 0.01", "0.01–0.02", …, "0.5 or more".
    public static func densityClassLabel(_ k: Int) -> String {
        if k == 0 { return "under \(formatBreak(densityBreaks[0]))" }
        if k >= densityBreaks.count { return "\(formatBreak(densityBreaks[densityBreaks.count - 1])) or more" }
        return "\(formatBreak(densityBreaks[k - 1]))–\(formatBreak(densityBreaks[k]))"
    }

    private static func formatBreak(_ x: Double) -> String {
        var text = String(rounded: x, decimals: 2)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The map `request` asks for. Groups are drawn in ``GroupGraph/names``
    /// order and lines by (source, target), so the same input gives the same picture.
    /// - Complexity: O(g log g + t) for g groups and t ties between groups.
    public static func build(_ request: AggregateMapRequest) -> InfluenceMap {
        let groups = request.groups
        let k = groups.count
        let graph = groups.graph
        precondition(request.hidden.map { $0.count == k } ?? true, "one hidden flag per group")
        precondition(request.drawnTies.map { $0.count == graph.edgeCount } ?? true, "one flag per tie between groups")
        let shown = (0 ..< k).filter { !(request.hidden?[$0] ?? false) }
        var position = [Int](repeating: -1, count: k)
        for (i, g) in shown.enumerated() { position[g] = i }

        var map = InfluenceMap()
        map.layout = request.layout ?? (shown.count > InfluenceMapBuilder.neatoLimit ? .sfdp : .neato)
        map.seed = request.seed
        map.title = request.title

        // Nodes: area by size, fill by within-group density.
        let sizes = shown.map { Double(groups.sizes[$0]) }
        let diameters = Style.diameters(sizes, minimum: 0.25, maximum: 1.1)
        var labelled = [Bool](repeating: false, count: shown.count)
        switch request.labelMode {
        case .all: labelled = [Bool](repeating: true, count: shown.count)
        case .none: break
        case .top(let n):
            let order = shown.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
            for i in order.prefix(n) { labelled[i] = true }
        }
        var undefinedShown = false
        for (i, g) in shown.enumerated() {
            let fill: String
            if g == request.mergedGroup {
                fill = mergedFill
            } else if let density = groups.density[g] {
                fill = densityFills[densityClass(density)]
            } else {
                undefinedShown = true
                fill = undefinedFill
            }
            let name = g == request.mergedGroup ? (request.mergedLabel ?? groups.names[g]) : groups.names[g]
            map.people.append(.init(name: "g\(g)", label: labelled[i] ? "\(name) (\(groups.sizes[g]))" : nil,
                                    diameter: diameters[i], fill: fill, shape: .circle, cluster: nil, emphasized: false))
        }

        // Lines: one per direction, width proportional to the number of ties.
        var drawn: [(Int, Int, Double)] = []
        for g in shown {
            for e in graph.outOffsets[g] ..< graph.outOffsets[g + 1] where request.drawnTies?[e] ?? true {
                let h = Int(graph.outTargets[e])
                guard position[h] >= 0 else { continue }
                drawn.append((position[g], position[h], graph.outWeights[e]))
            }
        }
        let widest = max(drawn.map(\.2).max() ?? 1, 1)
        for (s, t, w) in drawn {
            map.lines.append(.init(source: s, target: t, width: max(thinnestLine, widestLine * w / widest), mutual: false,
                                   color: lineColor(share: w / widest)))
        }

        // Legend: the whole density scale (so that light always means sparse), then the exceptions.
        let name = request.groupName
        for c in densityFills.indices {
            map.legend.append(.init(label: (c == 0 ? "ties inside the \(name) (density): " : "") + densityClassLabel(c), fill: densityFills[c], shape: .circle))
        }
        if undefinedShown { map.legend.append(.init(label: "no density (one person, or no answers)", fill: undefinedFill, shape: .circle)) }
        if let merged = request.mergedGroup, position[merged] >= 0 {
            map.legend.append(.init(label: request.mergedLabel ?? groups.names[merged], fill: mergedFill, shape: .circle))
        }

        var caption = request.caption
        caption.append("Circle: one \(name), area by its people · fill: share of possible ties inside it that exist · line: ties from one \(name) to another, width by their number")
        var inside = 0, withinMerged = 0, people = 0, across = 0, pairs = 0
        for g in shown {
            if g == request.mergedGroup { withinMerged = groups.internalTies[g] } else { inside += groups.internalTies[g] }
            people += groups.sizes[g]
            for e in graph.outOffsets[g] ..< graph.outOffsets[g + 1] where position[Int(graph.outTargets[e])] >= 0 {
                across += Int(graph.outWeights[e])
                pairs += 1
            }
        }
        let lines = drawn.count == pairs ? "\(pairs) lines" : "\(drawn.count) of \(pairs) lines drawn"
        var drawing: String
        if let merged = request.mergedGroup, position[merged] >= 0 {
            let real = shown.count - 1
            drawing = "\(shown.count) circles (\(real) \(plural(name, real)) and a grey one), \(people) people · ties: \(inside) inside a \(name), "
                + "\(withinMerged) within the grey circle, \(across) between circles (\(lines)) · "
        } else {
            drawing = "\(shown.count) \(plural(name, shown.count)), \(people) people · ties: \(inside) inside a \(name), \(across) between \(plural(name, 2)) (\(lines)) · "
        }
        drawing += "layout \(map.layout.rawValue)"
        if map.layout.isSeeded { drawing += ", seed \(map.seed)" }
        caption.append(drawing)
        map.caption = caption
        return map
    }

    /// `word` with an "s" unless `count` is 1 ("team", "teams"; "class", "classes").
    public static func plural(_ word: String, _ count: Int) -> String {
        if count == 1 { return word }
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("ch") || word.hasSuffix("sh") { return word + "es" }
        return word + "s"
    }
}
