#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension InfluenceMap {
    /// The room `person`'s name takes, in square points (none without a
    /// name): its box with ``LabelPlacement/labelSpacing`` around it. Neato,
    /// fdp and sfdp layouts are spread out to keep this much room besides the
    /// nodes (see ``GraphvizSession/render(_:format:)``).
    static func labelArea(_ person: Person) -> Double {
        guard let label = person.label, person.style != .hidden else { return 0 }
        let s = LabelPlacement.labelSpacing
        return (TextMetrics.width(label, fontSize: labelFontSize) + 2 * s) * (labelHeight + 2 * s)
    }

    /// How much room neato, fdp and sfdp layouts keep for names, as a multiple
    /// of their area (``labelArea(_:)``): the layout is spread out until the
    /// nodes and this much room cover at most ``OverlapRemoval/targetDensity``
    /// of the drawing. Measured on the sample school's three advice maps
    /// (61 people, every name): with the names' area once, 10, 13 and 3 names
    /// did not fit; twice, 1, 3 and none, for a drawing 7 % wider.
    static let labelRoom = 2.0

    /// How much wider than their node a named person is made when overlaps
    /// are removed on a map where few are named, in points (none without a
    /// name): three quarters of their name's width, plus ``LabelPlacement/gap``.
    /// Measured on 544 people of a generated district (sfdp, top 30 names):
    /// without it 4 of the 30 names fitted, with half the width 22, three
    /// quarters 29, the whole width 30, for drawings 1, 1.07, 1.14 and 1.21
    /// times as wide.
    static func labelDisc(_ person: Person) -> Double {
        guard let label = person.label, person.style != .hidden else { return 0 }
        return LabelPlacement.gap + 0.75 * TextMetrics.width(label, fontSize: labelFontSize)
    }

    /// Whether anyone on the map has a name to draw.
    var hasLabels: Bool { people.contains { $0.label != nil } }

    /// The order in which names are placed (and so kept when not all fit):
    /// the ego of an ego map first, then people on staff before ghosts, then
    /// the largest nodes (the most sought, with the default sizes) first,
    /// ties by roster order.
    func labelPriority() -> [Int] {
        people.indices.filter { people[$0].label != nil }.sorted { a, b in
            let p = people[a], q = people[b]
            if p.emphasized != q.emphasized { return p.emphasized }
            if (p.style == .ghost) != (q.style == .ghost) { return q.style == .ghost }
            if p.diameter != q.diameter { return p.diameter > q.diameter }
            return a < b
        }
    }

    /// How placement sees person `person`: centre, size (outline included) and shape.
    func placementNode(_ person: Person, at centre: MapPoint?, region: LabelPlacement.Box?) -> LabelPlacement.Node {
        let pen = person.emphasized || person.outline != nil ? 3 : person.style == .ghost ? 1.2 : 0.8
        let side = person.shape == .square ? person.diameter * (Double.pi / 4).squareRoot() : person.diameter
        return LabelPlacement.Node(centre: centre ?? MapPoint(x: 0, y: 0), halfSize: side * 36 + pen / 2, isSquare: person.shape == .square,
                                   isDrawn: centre != nil && person.style != .hidden, region: region)
    }

    /// Whether the boxes' titles go at their top: on dot maps, whose layout
    /// (`rankdir=BT`) keeps room for them there; the others keep it at the
    /// bottom (``ClusterLayout``).
    var clusterTitlesOnTop: Bool { layout == .dot }

    /// The rectangle a box's title takes (11 pt text, left-justified 8 pt in
    /// from the box's left edge, at its bottom, or its top on dot maps, as
    /// Graphviz draws it with `labeljust=l`), with a point to spare around it.
    static func clusterTitleBox(_ title: String, in box: MapFrame, onTop: Bool) -> LabelPlacement.Box {
        let width = TextMetrics.width(title, fontSize: 11)
        let bottom = onTop ? box.upper.y - ClusterLayout.labelHeight : box.lower.y
        return LabelPlacement.Box(minX: box.lower.x + 7, minY: bottom, maxX: min(box.upper.x, box.lower.x + 9 + width),
                                  maxY: bottom + ClusterLayout.labelHeight)
    }

    /// The rectangle a pinned text takes, with its anchor as in ``pinnedExtraNodes``.
    static func pinnedTextBox(_ text: PinnedText) -> LabelPlacement.Box {
        let width = max(PinnedLayout.textWidth(text.text, fontSize: text.fontSize),
                        TextMetrics.width(text.text, fontSize: text.fontSize) * (text.bold ? 1.1 : 1)) + 4
        var centre = text.position
        switch text.anchor {
        case .start: centre.x += width / 2
        case .end: centre.x -= width / 2
        case .middle: break
        }
        return LabelPlacement.Box(centre: centre, width: width, height: text.fontSize * 1.3)
    }

    /// `text` broken at the space that makes the longer line shortest, or
    /// `nil` when it has no space between words.
    static func twoLines(_ text: String) -> [String]? {
        let characters = Array(text)
        var best: (width: Double, lines: [String])? = nil
        for (i, c) in characters.enumerated() where c == " " && i > 0 && i < characters.count - 1 {
            let a = String(characters[..<i]).trimmingCharacters(), b = String(characters[(i + 1)...]).trimmingCharacters()
            guard !a.isEmpty, !b.isEmpty else { continue }
            let width = max(TextMetrics.width(a, fontSize: labelFontSize), TextMetrics.width(b, fontSize: labelFontSize))
            if best == nil || width < best?.width ?? 0 { best = (width, [a, b]) }
        }
        return best?.lines
    }

    /// The height of a name's box, in points: DejaVu Sans's ascent and descent
    /// with a little to spare (1.2 em; Graphviz sets lines 1.1 em apart, so
    /// two lines fit in twice this).
    static var labelHeight: Double { 1.2 * labelFontSize }

    /// How far above the `xlp` point Graphviz's one-line xlabel has the middle
    /// of its glyphs' box, in points: Graphviz (Pango) puts the baseline about
    /// 0.25 em below `xlp` (measured in its SVG: 1.3 pt at 6 pt, 2.2 at 9,
    /// 3.1 at 12, 5 at 20), and DejaVu Sans's glyphs reach 0.928 em above the
    /// baseline and 0.236 em below, so their middle is 0.096 em above `xlp`;
    /// the box of ``labelHeight`` (0.5 em below to 0.7 em above `xlp`) holds them.
    static var labelBoxRaise: Double { 0.1 * labelFontSize }

    /// This map with every name placed by ``LabelPlacement``, so that each
    /// name is nearer its own person than anyone else and overlaps no other
    /// name or person; names that cannot be placed so are left out (the
    /// least sought first, see the order below) and the caption says how
    /// many ("3 names left out where they would overlap").
    ///
    /// Needs ``pinnedPositions`` (an unpinned map is returned unchanged):
    /// ``GraphvizSession/render(_:format:)`` lays every labelled map out,
    /// pins it and calls this, whatever the engine. Names go in the order:
    /// the ego of an ego map, people on staff before ghosts, larger nodes
    /// before smaller, roster order. A pinned map's ``pinnedFrame`` bounds
    /// the names (so a series of maps keeps one page); box titles and pinned
    /// texts are kept clear; a name leaving its person's box costs more but
    /// is allowed.
    /// - Complexity: see ``LabelPlacement/place(_:nodes:segments:obstacles:bounds:)``.
    public func placingLabels() -> InfluenceMap {
        guard let positions = pinnedPositions, hasLabels else { return self }
        let boxes = (pinnedClusterBoxes ?? []).map(LabelPlacement.Box.init)
        let nodes = people.map { person in
            placementNode(person, at: positions[person.name], region: person.cluster.flatMap { $0 >= 0 && $0 < boxes.count ? boxes[$0] : nil })
        }
        var obstacles: [LabelPlacement.Box] = []
        if let frames = pinnedClusterBoxes {
            for (i, title) in clusters.enumerated() where i < frames.count { obstacles.append(Self.clusterTitleBox(title, in: frames[i], onTop: clusterTitlesOnTop)) }
        }
        obstacles += pinnedTexts.map(Self.pinnedTextBox)
        let order = labelPriority().filter { nodes[$0].isDrawn }
        let wrapped = order.map { Self.twoLines(people[$0].label ?? "") }
        let labels = order.indices.map { k in
            LabelPlacement.Label(node: order[k], width: TextMetrics.width(people[order[k]].label ?? "", fontSize: Self.labelFontSize),
                                 height: Self.labelHeight,
                                 wrapped: wrapped[k].map { lines in
                                     LabelPlacement.Size(width: lines.map { TextMetrics.width($0, fontSize: Self.labelFontSize) }.max() ?? 0,
                                                         height: 2 * Self.labelHeight)
                                 })
        }
        let segments = lines.map { LabelPlacement.Segment(from: $0.source, to: $0.target) }
        let bounds = pinnedFrame.map(LabelPlacement.Box.init)
        let placed = LabelPlacement.place(labels, nodes: nodes, segments: segments, obstacles: obstacles, bounds: bounds)

        var map = self
        var spots: [String: PlacedLabel] = [:]
        for (k, spot) in placed.enumerated() {
            guard let spot else { continue }
            let c = spot.box.centre
            let text = people[order[k]].label ?? ""
            spots[people[order[k]].name] = PlacedLabel(position: MapPoint(x: (c.x * 100).rounded() / 100, y: ((c.y - Self.labelBoxRaise) * 100).rounded() / 100),
                                                       lines: spot.wrapped ? wrapped[k] ?? [text] : [text])
        }
        map.placedLabels = spots
        let left = order.count - spots.count
        if left > 0 {
            map.caption.append(left == 1 ? "1 name left out where it would overlap" : "\(left) names left out where they would overlap")
        }
        return map
    }
}

/// `#FFFFFF` or `#222222`, whichever contrasts more with `fill` (`#RRGGBB`),
/// by the WCAG 2 contrast ratio of relative luminances: the colour of a name
/// drawn on its node.
func contrastingText(on fill: String) -> String {
    let hex = Array(fill.utf8.dropFirst())
    guard fill.hasPrefix("#"), hex.count >= 6 else { return "#222222" }
    func channel(_ k: Int) -> Double {
        var v = 0
        for c in hex[(2 * k) ..< (2 * k + 2)] {
            let d: Int
            switch c {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): d = Int(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): d = Int(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): d = Int(c - UInt8(ascii: "A")) + 10
            default: d = 0
            }
            v = v * 16 + d
        }
        let s = Double(v) / 255
        return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    let dark = 0.2126 * 0.0159 + 0.7152 * 0.0159 + 0.0722 * 0.0159   // #222222
    let withWhite = 1.05 / (luminance + 0.05), withDark = (luminance + 0.05) / (dark + 0.05)
    return withWhite > withDark ? "#FFFFFF" : "#222222"
}
