import StaffGraphCore

/// Which people get a name beside their node.
public enum LabelMode: Sendable, Equatable {
    /// Everyone.
    case all
    /// The `n` people with the largest size value (ties by roster order).
    case top(Int)
    /// No one.
    case none
}

/// How people are coloured on a map: each person's value of a roster column
/// and the run's colour of each value (``GroupColors``, made from the whole
/// roster, so that every map of a run colours a team alike).
public struct GroupColoring: Sendable {
    /// One value per person (empty text = no value).
    public var values: [String]
    /// The colour of each value.
    public var colors: GroupColors

    /// People's `values` in the colours of `colors`.
    public init(values: [String], colors: GroupColors) {
        self.values = values
        self.colors = colors
    }

    /// People's `values` coloured by an assignment made from these values alone
    /// (``GroupColors/init(column:values:)``): for a map that is the whole roster.
    public init(values: [String], column: String) {
        self.init(values: values, colors: GroupColors(column: column, values: values))
    }
}

/// What to draw, in the user's terms; ``InfluenceMapBuilder/build(graph:request:)`` turns it into an ``InfluenceMap``.
public struct MapRequest: Sendable {
    /// One value per person deciding node size (e.g. in-degree).
    public var sizeValues: [Double]
    /// What the size shows, for the caption ("in-degree").
    public var sizeName: String
    /// Colours by a roster column (legend titled with the column), or `nil` for one colour.
    public var colors: GroupColoring?
    /// Who holds a formal role (drawn as squares), or `nil`.
    public var formal: [Bool]?
    /// The rule that defined formal leaders, for the legend ("role = principal, coach").
    public var formalRule: String?
    /// The text beside each node (name or pseudonym).
    public var labels: [String]
    /// What pointing at a person shows in SVG (their key numbers), one per
    /// person, or `nil` for their label. Worded by the caller, who decides
    /// what may be shown (pseudonyms only under anonymization).
    public var tooltips: [String]?
    /// Who gets a label.
    public var labelMode: LabelMode
    /// One box per value of this, per person, or `nil`.
    public var clusterGroups: [String]?
    /// Draw only this person's neighbourhood.
    public var ego: Int?
    /// Neighbourhood radius (1 or 2), ignoring direction.
    public var egoRadius = 1
    /// Who is on the map at all (absent people are not); `nil` = everyone.
    public var present: [Bool]?
    /// People drawn as empty dashed outlines although not ``present`` (in a
    /// series of pinned maps: joiners before they join, leavers after they
    /// leave, so that everyone keeps a place), sized by their ``sizeValues``
    /// entry (for example their size when they were there); `nil` = none.
    public var ghosts: [Bool]?
    /// Replaces "layout neato, seed 1" in the caption (for maps drawn at positions computed elsewhere).
    public var layoutNote: String?
    /// The size value drawn at the largest diameter (so that several maps share
    /// one scale); `nil` = the largest value on this map.
    public var sizeMaximum: Double?
    /// Layout engine; `nil` picks neato up to 400 people, sfdp above.
    public var layout: LayoutEngine?
    /// Layout seed.
    public var seed = 1
    /// Title, if any.
    public var title: String?
    /// Caption lines describing the data (relation, wave, threshold, response rate).
    public var caption: [String] = []
    /// The ties drawn as lines when not all of the graph's: the same people
    /// with some of the ties (a backbone, ``DisparityFilter/backbone(level:)``).
    /// Sizes, who is shown and an ego's neighbourhood still follow the full
    /// graph; a pair is drawn mutual when both directions are drawn. `nil` draws every tie.
    public var lineGraph: Graph?
    /// Channels between two sets of people to highlight (``ChannelHighlight``), or `nil`.
    public var channels: ChannelHighlight?

    /// A request with sizes and labels; everything else defaults.
    public init(sizeValues: [Double], sizeName: String, labels: [String], labelMode: LabelMode = .all) {
        self.sizeValues = sizeValues
        self.sizeName = sizeName
        self.labels = labels
        self.labelMode = labelMode
    }
}

/// Decides how an influence map looks.
public enum InfluenceMapBuilder {
    /// Above this many people, labels and arrowheads are dropped so the map still renders and reads.
    public static let largeNetwork = 1000
    /// Up to this many people neato lays out; above, sfdp.
    public static let neatoLimit = 400

    /// The map for `graph` as `request` asks.
    ///
    /// Mutual ties become one two-headed line (width of the stronger
    /// direction), which also avoids Graphviz 2.42's heap corruption with
    /// reciprocal edges. People are drawn in roster order and lines by
    /// (source, target), so the same input gives the same picture.
    /// - Complexity: O(n log n + m log d).
    public static func build(graph: Graph, request: MapRequest) -> InfluenceMap {
        let n = graph.nodeCount
        precondition(request.sizeValues.count == n && request.labels.count == n, "one size value and label per person")
        var keep = request.present ?? [Bool](repeating: true, count: n)
        let ghost = (0 ..< n).map { v in !keep[v] && (request.ghosts?[v] ?? false) }
        for v in 0 ..< n where ghost[v] { keep[v] = true }
        if let ego = request.ego {
            let near = neighbourhood(of: ego, radius: request.egoRadius, in: graph)
            for v in 0 ..< n { keep[v] = keep[v] && near[v] }
            keep[ego] = true
        }
        let (shown, original) = graph.subgraph(keeping: keep)
        let drawnTies = request.lineGraph.map { $0.subgraph(keeping: keep).graph } ?? shown
        let count = shown.nodeCount
        let large = count > largeNetwork

        var map = InfluenceMap()
        map.layout = request.layout ?? (count > neatoLimit ? .sfdp : .neato)
        // Boxes: circo cannot draw them; the others can (dot itself, neato, fdp and sfdp
        // through GraphvizSession, which lays out each box and then the boxes).
        if request.clusterGroups != nil && !map.layout.drawsClusters {
            map.layout = count > neatoLimit ? .sfdp : .neato
        }
        map.seed = request.seed
        map.arrowheads = !large
        map.title = request.title

        let sizes = original.map { request.sizeValues[$0] }
        let scale = request.sizeMaximum.map { [$0] } ?? []
        let diameters = Array(Style.diameters(sizes + scale, minimum: large ? 0.05 : 0.14, maximum: large ? 0.3 : 0.7).prefix(count))

        // Colours: the run's assignment (``GroupColors``, from the whole roster), so that a
        // team keeps its colour on every map of the same school (each wave, each ego map,
        // each selection and group). The legend lists the groups on this map only.
        var fills = [String](repeating: Style.plainFill, count: count)
        if let coloring = request.colors {
            let colors = coloring.colors
            let values = original.map { coloring.values[$0] }
            for (i, v) in values.enumerated() { fills[i] = colors.color(of: v) }
            // The groups of the people drawn filled (dashed outlines show no colour).
            map.legend += colorLegend(colors, values: values.indices.filter { !ghost[original[$0]] }.map { values[$0] })
        }
        let formal = request.formal.map { f in original.map { f[$0] } }
        if let formal, formal.contains(true) {
            map.legend.append(.init(label: "formal leader" + (request.formalRule.map { " (\($0))" } ?? ""), fill: "#FFFFFF", shape: .square))
        }

        // Labels.
        var labelled = [Bool](repeating: false, count: count)
        switch large ? .none : request.labelMode {
        case .all: labelled = [Bool](repeating: true, count: count)
        case .none: break
        case .top(let k):
            let order = (0 ..< count).sorted { (sizes[$0], $1) > (sizes[$1], $0) }
            for v in order.prefix(k) { labelled[v] = true }
        }
        if let ego = request.ego, let i = original.firstIndex(of: ego) { labelled[i] = true }
        if let channels = request.channels, !large, request.labelMode != .none {
            // The people the caption names (the cut) are named on the map too.
            for v in channels.cut { if let i = original.firstIndex(of: v) { labelled[i] = true } }
        }

        // Clusters.
        var clusterOf = [Int?](repeating: nil, count: count)
        if let groups = request.clusterGroups {
            let values = original.map { groups[$0] }
            map.clusters = Array(Set(values.filter { !$0.isEmpty })).sorted()
            let index = Dictionary(uniqueKeysWithValues: map.clusters.enumerated().map { ($1, $0) })
            for (i, v) in values.enumerated() { clusterOf[i] = index[v] }
        }

        for i in 0 ..< count {
            let v = original[i]
            map.people.append(.init(
                name: "n\(v)",
                label: labelled[i] ? request.labels[v] : nil,
                tooltip: request.tooltips?[v],
                diameter: diameters[i],
                fill: fills[i],
                shape: formal?[i] == true ? .square : .circle,
                cluster: clusterOf[i],
                emphasized: request.ego == v,
                style: ghost[v] ? .ghost : .filled
            ))
        }

        // Lines: one per unordered pair; mutual pairs drawn once with two heads.
        var weights: [Double] = []
        var pending: [(Int, Int, Bool)] = []
        for s in 0 ..< count where !ghost[original[s]] {
            for e in drawnTies.outOffsets[s] ..< drawnTies.outOffsets[s + 1] {
                let t = Int(drawnTies.outTargets[e])
                if t == s || ghost[original[t]] { continue }
                let back = drawnTies.weight(from: t, to: s)
                if back != nil && t < s { continue }
                pending.append((s, t, back != nil))
                weights.append(max(drawnTies.outWeights[e], back ?? 0))
            }
        }
        let widths = Style.lineWidths(weights)
        for (k, (s, t, mutual)) in pending.enumerated() {
            map.lines.append(.init(source: s, target: t, width: large ? min(widths[k], 1) : widths[k], mutual: mutual))
        }

        if let channels = request.channels { channels.apply(to: &map, original: original) }

        var caption = request.caption
        var encoding = "Node size: \(request.sizeName)"
        if let colors = request.colors?.colors { encoding += " · colour: \(colors.description)" }
        encoding += " · line width: tie strength · two heads: mutual"
        caption.append(encoding)
        let ghostCount = ghost.filter { $0 }.count
        var drawing = "\(count - ghostCount) people, \(drawnTies.edgeCount) ties · "
        if let note = request.layoutNote {
            drawing += note
        } else {
            drawing += "layout \(map.layout.rawValue)"
            if map.layout.isSeeded { drawing += ", seed \(map.seed)" }
        }
        if ghostCount > 0 { drawing += " · dashed circles: \(ghostCount) not on staff this wave" }
        if large { drawing += " · labels and arrowheads omitted above \(largeNetwork) people" }
        caption.append(drawing)
        if let channels = request.channels { caption += channels.captionLines(labels: request.labelMode == .none ? nil : request.labels) }
        map.caption = caption
        return map
    }

    /// The legend of a colouring: one entry per group among `values` (the
    /// people drawn), in the run's order, then "other" and "no value" when drawn.
    static func colorLegend(_ colors: GroupColors, values: [String]) -> [InfluenceMap.LegendEntry] {
        var legend: [InfluenceMap.LegendEntry] = []
        var shownGroups = Set<String>()
        var anyMissing = false
        var unknown = false
        for v in values {
            if let group = colors.group(of: v) {
                shownGroups.insert(group.value)
            } else if v.allSatisfy({ $0 == " " || $0 == "\t" }) {
                anyMissing = true
            } else {
                unknown = true
            }
        }
        let title = "\(colors.column): "
        for group in colors.groups where group.color != nil && shownGroups.contains(group.value) {
            legend.append(.init(label: (legend.isEmpty ? title : "") + group.value, fill: group.color ?? Style.otherFill, shape: .circle))
        }
        let otherShown = colors.otherGroups.filter { shownGroups.contains($0.value) }.count
        if otherShown > 0 || unknown {
            let label = otherShown > 0 ? "other (\(otherShown) smaller group\(otherShown == 1 ? "" : "s"))" : "other"
            legend.append(.init(label: (legend.isEmpty ? title : "") + label, fill: Style.otherFill, shape: .circle))
        }
        if anyMissing { legend.append(.init(label: (legend.isEmpty ? title : "") + "no value", fill: Style.missingFill, shape: .circle)) }
        return legend
    }

    /// People within `radius` steps of `ego`, ties followed in either direction.
    static func neighbourhood(of ego: Int, radius: Int, in graph: Graph) -> [Bool] {
        var seen = [Bool](repeating: false, count: graph.nodeCount)
        seen[ego] = true
        var frontier = [ego]
        for _ in 0 ..< max(0, radius) {
            var next: [Int] = []
            for v in frontier {
                for u in graph.outNeighbors(v) where !seen[Int(u)] { seen[Int(u)] = true; next.append(Int(u)) }
                for u in graph.inNeighbors(v) where !seen[Int(u)] { seen[Int(u)] = true; next.append(Int(u)) }
            }
            frontier = next
        }
        return seen
    }
}
