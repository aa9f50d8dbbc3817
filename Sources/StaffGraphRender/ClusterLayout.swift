/// How a map with cluster boxes is laid out without Graphviz's fdp cluster
/// code (whose boxes, in 2.42, landed somewhere else on every run, and could
/// overlap): each box's
/// people are laid out on their own, the boxes (and the people in no box) are
/// then laid out as one node each, sized to hold their box, and everyone is
/// moved into place. Used only by ``GraphvizSession``, which runs the layouts.
struct ClusterLayout {
    /// Space between a box's edge and the nodes inside, in points.
    static let padding = 8.0
    /// Room for a box's label (11 pt text) below its nodes, in points.
    static let labelHeight = 18.0
    /// How much of the overview the boxes' circles cover after the first
    /// scaling (``OverlapRemoval/separate(_:radii:margin:density:)``): denser
    /// than people, since a box fills its circle less.
    static let overviewDensity = 0.5

    /// The map being laid out.
    let map: InfluenceMap
    /// People (indices into ``InfluenceMap/people``) of each group: first one
    /// group per cluster (same order as ``InfluenceMap/clusters``), then one
    /// group for each person in no cluster.
    let groups: [[Int]]
    /// The group of each person.
    let groupOf: [Int]

    init(_ map: InfluenceMap) {
        self.map = map
        var groups = [[Int]](repeating: [], count: map.clusters.count)
        var groupOf = [Int](repeating: 0, count: map.people.count)
        for (i, person) in map.people.enumerated() {
            if let c = person.cluster, c >= 0, c < map.clusters.count {
                groupOf[i] = c
                groups[c].append(i)
            } else {
                groupOf[i] = groups.count
                groups.append([i])
            }
        }
        self.groups = groups
        self.groupOf = groupOf
    }

    /// Whether group `g` is drawn as a box (a cluster), not a lone person.
    func isBox(_ g: Int) -> Bool { g < map.clusters.count }

    /// The map of group `g`'s people alone (no labels, no boxes), with the ties among them.
    func groupMap(_ g: Int) -> InfluenceMap {
        map.layoutCopy(keeping: groups[g])
    }

    /// The rectangle group `g` needs around its people at `centres` (its own
    /// coordinates): the nodes plus ``padding``, room for the label below and
    /// at least the label's width for a box; the node itself for a lone person.
    func extent(_ g: Int, centres: [MapPoint]) -> MapFrame {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for (k, i) in groups[g].enumerated() where k < centres.count {
            let r = GraphvizSession.reach(map.people[i]), p = centres[k]
            minX = min(minX, p.x - r); maxX = max(maxX, p.x + r)
            minY = min(minY, p.y - r); maxY = max(maxY, p.y + r)
        }
        if !minX.isFinite { minX = 0; minY = 0; maxX = 0; maxY = 0 }
        guard isBox(g) else { return MapFrame(lower: MapPoint(x: minX, y: minY), upper: MapPoint(x: maxX, y: maxY)) }
        var lower = MapPoint(x: minX - Self.padding, y: minY - Self.padding - Self.labelHeight)
        var upper = MapPoint(x: maxX + Self.padding, y: maxY + Self.padding)
        let labelWidth = PinnedLayout.textWidth(map.clusters[g], fontSize: 11) + 2 * Self.padding
        if labelWidth > upper.x - lower.x {
            let grow = (labelWidth - (upper.x - lower.x)) / 2
            lower.x -= grow
            upper.x += grow
        }
        return MapFrame(lower: lower, upper: upper)
    }

    /// One node per group, as wide as its extent's diagonal, and one line
    /// between two groups with any tie between their people.
    func overviewMap(_ extents: [MapFrame]) -> InfluenceMap {
        var overview = InfluenceMap()
        overview.layout = extents.count > InfluenceMapBuilder.neatoLimit ? .sfdp : .neato
        overview.seed = map.seed
        overview.fontName = map.fontName
        overview.people = extents.enumerated().map { g, e in
            let diagonal = (e.width * e.width + e.height * e.height).squareRoot()
            return InfluenceMap.Person(name: "g\(g)", label: nil, diameter: diagonal / 72, fill: Style.plainFill,
                                       shape: .circle, cluster: nil, emphasized: false)
        }
        var pairs: [Int] = []
        for line in map.lines where line.source < groupOf.count && line.target < groupOf.count {
            let a = groupOf[line.source], b = groupOf[line.target]
            if a != b { pairs.append(min(a, b) * extents.count + max(a, b)) }
        }
        var previous = -1
        for pair in pairs.sorted() where pair != previous {
            overview.lines.append(InfluenceMap.Line(source: pair / extents.count, target: pair % extents.count, width: 1, mutual: false))
            previous = pair
        }
        return overview
    }

    /// Everyone's centre, and each cluster's box, once group `g`'s extent is
    /// centred on `placed[g]`.
    func place(_ locals: [[MapPoint]], extents: [MapFrame], at placed: [MapPoint]) -> (centres: [MapPoint], boxes: [MapFrame]) {
        var centres = [MapPoint](repeating: MapPoint(x: 0, y: 0), count: map.people.count)
        var boxes: [MapFrame] = []
        for (g, members) in groups.enumerated() {
            let e = extents[g]
            let dx = placed[g].x - (e.lower.x + e.upper.x) / 2, dy = placed[g].y - (e.lower.y + e.upper.y) / 2
            for (k, i) in members.enumerated() where k < locals[g].count {
                centres[i] = MapPoint(x: locals[g][k].x + dx, y: locals[g][k].y + dy)
            }
            if isBox(g) {
                boxes.append(MapFrame(lower: MapPoint(x: e.lower.x + dx, y: e.lower.y + dy), upper: MapPoint(x: e.upper.x + dx, y: e.upper.y + dy)))
            }
        }
        return (centres, boxes)
    }
}

extension InfluenceMap {
    /// What Graphviz needs to lay out `members` (indices into ``people``,
    /// ascending): those people (with their labels, which only reserve room:
    /// Graphviz lays them out without), without boxes, the lines among them,
    /// and the engine, seed and font; no title, legend or caption.
    func layoutCopy(keeping members: [Int]) -> InfluenceMap {
        var local = [Int](repeating: -1, count: people.count)
        for (k, i) in members.enumerated() where i < local.count { local[i] = k }
        var copy = InfluenceMap()
        copy.layout = layout
        copy.seed = seed
        copy.fontName = fontName
        copy.arrowheads = arrowheads
        copy.people = members.map { i in
            var person = people[i]
            person.cluster = nil
            return person
        }
        for line in lines where line.source < local.count && line.target < local.count {
            let s = local[line.source], t = local[line.target]
            if s >= 0 && t >= 0 { copy.lines.append(Line(source: s, target: t, width: line.width, mutual: line.mutual)) }
        }
        return copy
    }
}

/// People with no line on the map, set in rows instead of being laid out.
enum IsolateRows {
    /// The rectangle covering circles of `radii` at `centres`, or `nil` for none.
    static func frame(of centres: [MapPoint], radii: [Double]) -> MapFrame? {
        guard !centres.isEmpty else { return nil }
        var lower = MapPoint(x: Double.infinity, y: Double.infinity), upper = MapPoint(x: -Double.infinity, y: -Double.infinity)
        for (p, r) in zip(centres, radii) {
            lower.x = min(lower.x, p.x - r); lower.y = min(lower.y, p.y - r)
            upper.x = max(upper.x, p.x + r); upper.y = max(upper.y, p.y + r)
        }
        return MapFrame(lower: lower, upper: upper)
    }

    /// Centres for circles of `radii` (plus `margin` each) side by side in
    /// rows, left to right in the order given, below `frame` (one row gap
    /// under it) and as wide as it, or, alone, in a block about as wide as high.
    static func place(radii: [Double], below frame: MapFrame?, margin: Double) -> [MapPoint] {
        let sizes = radii.map { 2 * (max(0, $0) + margin) }
        guard let tallest = sizes.max() else { return [] }
        let block = (sizes.reduce(0) { $0 + $1 * tallest }).squareRoot()
        let width = max(frame?.width ?? 0, block, tallest)
        var x = frame?.lower.x ?? 0
        let left = x
        var y = (frame?.lower.y ?? 0) - (frame == nil ? 0 : tallest) - tallest / 2
        var placed: [MapPoint] = []
        placed.reserveCapacity(sizes.count)
        for size in sizes {
            if x + size > left + width && x > left {
                x = left
                y -= tallest
            }
            placed.append(MapPoint(x: x + size / 2, y: y))
            x += size
        }
        return placed
    }
}
