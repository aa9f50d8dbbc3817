#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the names go: point-feature label placement over a finished layout,
/// with a guarantee that Graphviz's own `xlabel` placement does not give.
///
/// The guarantee, for every label placed:
/// - **its own person is the nearest**: the distance from the person's
///   centre to the label's rectangle is smaller than that of any other
///   person's centre, with room to spare (``nearestShare`` of the own
///   distance, at most ``nearestShareCap``, plus ``nearestMargin``), so a
///   reader who takes a name for the nearest node's is right; and the
///   middle of the label is nearer its own person's outline than anyone
///   else's (a long name reaching towards a neighbour reads as theirs);
/// - it overlaps no other label (``labelSpacing`` apart), no person's shape
///   (``clearance`` apart, more than the ``gap`` to its own person's, so the
///   nearest outline is its own person's too), and no fixed obstacle (box
///   titles, panel titles);
/// - it lies inside the bounds, when given (a pinned map's frame).
///
/// A label for which no such place exists is left out; labels are placed in
/// the order given (put the most important first), so when something has to
/// go, it is the later ones.
///
/// The method is the discrete one of Christensen, Marks and Shieber:
/// every label gets a fixed set of candidate positions around its point,
/// here 16 directions (every 22.5°, the rectangle touching a circle of the
/// node's size plus ``gap``, sliding from left- to right-aligned and from
/// below to above with the direction) on two rings, in a fixed order of
/// preference (right, upper right, lower right, left, upper left, lower
/// left, above, below, then the directions between), each candidate
/// costing its rank plus ``lineCrossingCost`` per tie line it crosses,
/// plus up to ``crowdingCost`` when someone else's outline is near. In
/// order: the text on one line on the near ring; on the node itself, when
/// it fits inside (a large node ringed by others); on two lines (a name
/// broken at a space, ``Label/wrapped``) on the near ring, then on the
/// node; then the far ring. Candidates that break the nearest-person rule
/// or touch a person, an obstacle or the bounds are discarded first. Then: greedy in
/// the given order (each label takes its cheapest candidate that overlaps
/// no label already placed), followed by repair passes (a label left out
/// takes a place held by one or two others if they can move to free places
/// of their own, or the place of one less important label that cannot) and
/// a last pass moving each label to a cheaper free candidate.
///
/// Reference: J. Christensen, J. Marks, S. Shieber, "An empirical study of
/// algorithms for point-feature label placement", ACM Transactions on
/// Graphics 14(3), 203–232 (1995), doi:10.1145/212332.212334. (Their
/// best methods were simulated annealing and a discrete gradient descent
/// over candidate positions; the repair pass here is a bounded form of the
/// latter, deterministic by construction.)
///
/// Deterministic: no randomness, no hashing; ties broken by index. People
/// and placed labels are found with grids (a counting-sort grid of centres,
/// as ``OverlapRemoval`` uses, and per-cell lists of placed labels and of
/// lines): 3,031 people of a generated district, every one named, take
/// 0.56 s of CPU (release build; top 300 names 0.17 s, top 30 0.05 s).
public enum LabelPlacement {
    /// Space between a person's outline and their own label, in points.
    public static let gap = 2.0
    /// Least space between two labels, in points.
    public static let labelSpacing = 1.0
    /// Least space between a label and someone else's outline, in points:
    /// more than ``gap``, so the nearest outline is its own person's too.
    public static let clearance = 3.0
    /// Least space between a label and an obstacle, in points.
    public static let obstacleClearance = 1.0
    /// Someone else's outline nearer than this (points) makes a candidate
    /// cost more (up to ``crowdingCost`` ranks when it touches): a name with
    /// room around it reads as its own person's at a glance.
    public static let crowdingDistance = 10.0
    /// The most a nearby outline adds to a candidate's cost, in ranks of preference.
    public static let crowdingCost = 4.0
    /// How much nearer, in points, a label's own person must be than anyone else.
    public static let nearestMargin = 1.0
    /// Besides ``nearestMargin``, this share of the label's own distance
    /// (up to ``nearestShareCap``): anyone else's centre must be that much
    /// farther from the label. (Two names stacked between two large nodes
    /// are each nearer their own, by a point or two, and still read as a
    /// pair; the share keeps names clearly on their own person's side.)
    public static let nearestShare = 0.25
    /// The most ``nearestShare`` adds, in points (half a line of text): large
    /// nodes, whose names sit far from their centre, would otherwise need a
    /// ring of empty space around them.
    public static let nearestShareCap = 6.0
    /// Cost of a candidate per tie line it crosses, in ranks of preference.
    public static let lineCrossingCost = 1.5
    /// Number of directions tried around each person.
    public static let directions = 16

    /// Where each label of `labels` (same order) goes, or `nil` for a label left out.
    ///
    /// - Parameters:
    ///   - labels: the labels, most important first.
    ///   - nodes: every person on the map (labelled or not): all of them count for the nearest-person rule.
    ///   - segments: tie lines, avoided when possible.
    ///   - obstacles: rectangles no label may touch (box titles, panel titles).
    ///   - bounds: a rectangle every label must lie in, or `nil`.
    /// - Complexity: about O(L · K · c) for L labels, K ≤ 66 candidates each
    ///   and c the people, lines and labels near a candidate, plus O(n + m) to
    ///   build the grids.
    public static func place(_ labels: [Label], nodes: [Node], segments: [Segment] = [], obstacles: [Box] = [], bounds: Box? = nil) -> [Placed?] {
        guard !labels.isEmpty else { return [] }
        var people = OverlapRemoval.Grid()
        let drawn = nodes.indices.filter { nodes[$0].isDrawn }
        people.fill(drawn.map { nodes[$0].centre.x }, drawn.map { nodes[$0].centre.y },
                    cell: max(2 * (drawn.map { nodes[$0].halfSize }.max() ?? 1), 8))
        let largest = drawn.map { nodes[$0].halfSize }.max() ?? 0
        let lines = LineIndex(segments, nodes: nodes)

        // 1. Candidates, kept when clear of people, obstacles and bounds: one line on the near
        //    ring, on the node, two lines on the near ring, two lines on the node, then the far ring.
        var boxes: [Box] = []
        var costs: [Double] = []
        var twoLines: [Bool] = []
        var first = [Int](repeating: 0, count: labels.count + 1)
        var scratch = LineIndex.Scratch(count: segments.count)
        let step = Double(preference.count)
        for (l, label) in labels.enumerated() {
            first[l] = boxes.count
            guard label.node >= 0 && label.node < nodes.count else { continue }
            let node = nodes[label.node]
            var mine: [(cost: Double, order: Int, box: Box, wrapped: Bool)] = []
            var forms = [(size: Size(width: label.width, height: label.height), wrapped: false)]
            if let wrapped = label.wrapped { forms.append((wrapped, true)) }
            for ring in 0 ..< 2 {
                for (f, form) in forms.enumerated() {
                    let base = step * Double(2 * ring + f)
                    let distance = gap + Double(ring) * (0.6 * label.height + gap)
                    for (rank, k) in preference.enumerated() {
                        let box = candidate(around: node, direction: k, width: form.size.width, height: form.size.height, distance: distance)
                        guard let crowding = crowding(of: box, of: label.node, nodes: nodes, drawn: drawn, people: people, largest: largest,
                                                      obstacles: obstacles, bounds: bounds) else { continue }
                        var cost = base + Double(rank) + crowding
                        cost += lineCrossingCost * Double(lines.crossings(of: box, scratch: &scratch))
                        if let region = node.region, !region.contains(box) { cost += 4 * step }
                        mine.append((cost, mine.count, box, form.wrapped))
                    }
                    // On the node itself, when the text fits inside (a large node ringed by others).
                    if ring == 0, node.fits(width: form.size.width, height: form.size.height) {
                        let box = Box(centre: MapPoint(x: (node.centre.x * 100).rounded() / 100, y: (node.centre.y * 100).rounded() / 100),
                                      width: form.size.width, height: form.size.height)
                        if let crowding = crowding(of: box, of: label.node, nodes: nodes, drawn: drawn, people: people, largest: largest,
                                                   obstacles: obstacles, bounds: bounds, inside: true) {
                            mine.append((base + step - 0.5 + crowding, mine.count, box, form.wrapped))
                        }
                    }
                }
            }
            mine.sort { ($0.cost, $0.order) < ($1.cost, $1.order) }
            for m in mine { boxes.append(m.box); costs.append(m.cost); twoLines.append(m.wrapped) }
        }
        first[labels.count] = boxes.count

        // 2. Greedy in the given order, then repair, then polish.
        var placed = PlacedIndex(boxes: boxes, labelCount: labels.count)
        var at = [Int](repeating: -1, count: labels.count)
        for l in labels.indices {
            for c in first[l] ..< first[l + 1] where placed.blockers(of: boxes[c]).isEmpty {
                placed.insert(l, boxes[c]); at[l] = c
                break
            }
        }
        for _ in 0 ..< 6 {
            var changed = false
            for u in labels.indices where at[u] < 0 {
                if repair(u, at: &at, first: first, boxes: boxes, placed: &placed) { changed = true }
            }
            if !changed { break }
        }
        for _ in 0 ..< 2 {
            var changed = false
            for l in labels.indices where at[l] >= 0 {
                for c in first[l] ..< at[l] where costs[c] < costs[at[l]] {
                    placed.remove(l, boxes[at[l]])
                    if placed.blockers(of: boxes[c]).isEmpty {
                        placed.insert(l, boxes[c]); at[l] = c; changed = true
                        break
                    }
                    placed.insert(l, boxes[at[l]])
                }
            }
            if !changed { break }
        }
        return at.map { $0 < 0 ? nil : Placed(box: boxes[$0], wrapped: twoLines[$0]) }
    }

    /// Directions (in steps of 360° / ``directions``, anticlockwise from the
    /// right) in order of preference: right, upper right, lower right, left,
    /// upper left, lower left, above, below, then the eight between.
    static let preference = [0, 2, 14, 8, 6, 10, 4, 12, 1, 15, 7, 9, 3, 13, 5, 11]

    /// The rectangle of a `width` × `height` label in direction `k` from `node`,
    /// `distance` points from its outline: it slides from left-aligned (right
    /// of the node) to right-aligned (left of it) and from bottom- to
    /// top-aligned as the direction turns, so the eight main directions are
    /// the classic eight positions, and is pushed outwards until it clears the
    /// outline by `distance`. Centre rounded to 0.01 pt, as drawn.
    static func candidate(around node: Node, direction k: Int, width: Double, height: Double, distance: Double) -> Box {
        let angle = Double(k) * 2 * Double.pi / Double(directions)
        let ux = abs(cos(angle)) < 1e-9 ? 0 : cos(angle), uy = abs(sin(angle)) < 1e-9 ? 0 : sin(angle)
        let fx = min(1, max(-1, 2.squareRoot() * ux)), fy = min(1, max(-1, 2.squareRoot() * uy))
        func box(at reach: Double) -> Box {
            let x = node.centre.x + reach * ux + fx * width / 2, y = node.centre.y + reach * uy + fy * height / 2
            return Box(centre: MapPoint(x: (x * 100).rounded() / 100, y: (y * 100).rounded() / 100), width: width, height: height)
        }
        var reach = node.halfSize + distance
        var b = box(at: reach)
        for _ in 0 ..< 8 {
            let short = distance - node.shapeDistance(to: b)
            if short <= 0 { break }
            reach += short + 0.02
            b = box(at: reach)
        }
        return b
    }

    /// `nil` unless `box`, a label of node `owner`, keeps the rules that do
    /// not depend on other labels (inside the bounds, clear of obstacles and of
    /// every other person's outline, nearer its own person than anyone
    /// else's); else the extra cost of other people's outlines nearby (see
    /// ``crowdingDistance``).
    /// With `inside`, the box is inside its own person's shape (which it may overlap).
    static func crowding(of box: Box, of owner: Int, nodes: [Node], drawn: [Int], people: OverlapRemoval.Grid, largest: Double,
                         obstacles: [Box], bounds: Box?, inside: Bool = false) -> Double? {
        if let bounds, !bounds.contains(box) { return nil }
        for o in obstacles where box.isCloser(to: o, than: obstacleClearance) { return nil }
        let own = box.distance(to: nodes[owner].centre)
        if !inside && nodes[owner].shapeDistance(to: box) < gap - 0.01 { return nil }   // (centres are rounded to 0.01 pt)
        // Anyone nearer than own + margin breaks the rule; anyone whose outline comes within `clearance` is too close.
        let needed = own + min(nearestShare * own, nearestShareCap) + nearestMargin
        // The label's middle must be nearer its own person's outline than anyone else's.
        let middle = box.centre
        let ownOutline = nodes[owner].outlineDistance(from: middle)
        let reach = max(needed, largest * 2.squareRoot() + crowdingDistance, (box.maxX - box.minX) / 2 + gap + largest)
        var clear = true
        var nearest = crowdingDistance
        people.forEachPoint(minX: box.minX - reach, minY: box.minY - reach, maxX: box.maxX + reach, maxY: box.maxY + reach) { k in
            guard clear else { return }
            let j = drawn[k]
            guard j != owner else { return }
            let other = nodes[j]
            let outline = other.shapeDistance(to: box)
            if box.distance(to: other.centre) < needed || outline < clearance || (!inside && other.outlineDistance(from: middle) <= ownOutline) {
                clear = false
            }
            nearest = min(nearest, outline)
        }
        return clear ? crowdingCost * (1 - nearest / crowdingDistance) : nil
    }

    /// Tries to place label `u`, left out so far, at one of its candidates:
    /// a free one; or one held by one or two other labels that can all move
    /// to free candidates of their own; or, failing that, one held by a single
    /// label placed later in the order (less important), which is then left
    /// out. Returns whether anything changed.
    static func repair(_ u: Int, at: inout [Int], first: [Int], boxes: [Box], placed: inout PlacedIndex) -> Bool {
        for c in first[u] ..< first[u + 1] {
            let blockers = placed.blockers(of: boxes[c])
            if blockers.isEmpty {
                placed.insert(u, boxes[c]); at[u] = c
                return true
            }
            guard blockers.count <= 2 else { continue }
            for b in blockers { placed.remove(b, boxes[at[b]]) }
            placed.insert(u, boxes[c])
            var moves: [(label: Int, to: Int)] = []
            for b in blockers {
                guard let to = (first[b] ..< first[b + 1]).first(where: { $0 != at[b] && placed.blockers(of: boxes[$0]).isEmpty }) else { break }
                placed.insert(b, boxes[to])
                moves.append((b, to))
            }
            if moves.count == blockers.count {
                at[u] = c
                for m in moves { at[m.label] = m.to }
                return true
            }
            // Undo.
            for m in moves { placed.remove(m.label, boxes[m.to]) }
            placed.remove(u, boxes[c])
            for b in blockers { placed.insert(b, boxes[at[b]]) }
        }
        // Take the place of one less important label that cannot move.
        for c in first[u] ..< first[u + 1] {
            let blockers = placed.blockers(of: boxes[c])
            guard blockers.count == 1, let b = blockers.first, b > u else { continue }
            placed.remove(b, boxes[at[b]]); at[b] = -1
            placed.insert(u, boxes[c]); at[u] = c
            return true
        }
        return false
    }

    /// Placed labels by grid cell (a cell list per cell), to find the labels
    /// a candidate would overlap. Cells are sized to the candidates; a label
    /// is listed in every cell its rectangle meets.
    struct PlacedIndex {
        let minX: Double, minY: Double, cell: Double
        let columns: Int, rows: Int
        var cells: [[Int32]]
        /// Stamps to report each label once per query.
        var seen: [Int]
        var stamp = 0
        /// The rectangle of each placed label (valid while it is placed).
        var boxOf: [Box]

        init(boxes: [Box], labelCount: Int) {
            var lo = MapPoint(x: Double.infinity, y: Double.infinity), hi = MapPoint(x: -Double.infinity, y: -Double.infinity)
            var widths = 0.0, tallest = 0.0
            for b in boxes {
                lo.x = min(lo.x, b.minX); lo.y = min(lo.y, b.minY); hi.x = max(hi.x, b.maxX); hi.y = max(hi.y, b.maxY)
                widths += b.maxX - b.minX; tallest = max(tallest, b.maxY - b.minY)
            }
            if boxes.isEmpty { lo = MapPoint(x: 0, y: 0); hi = lo }
            let width = hi.x - lo.x, height = hi.y - lo.y
            var cell = max(widths / Double(max(1, boxes.count)), 2 * tallest, 1)
            let budget = Double(4 * labelCount + 64)
            if (width / cell + 1) * (height / cell + 1) > budget { cell = max(cell, (width * height / budget).squareRoot() * 1.01, max(width, height) / budget) }
            minX = lo.x; minY = lo.y
            self.cell = cell
            columns = Int(width / cell) + 1
            rows = Int(height / cell) + 1
            cells = [[Int32]](repeating: [], count: columns * rows)
            seen = [Int](repeating: -1, count: labelCount)
            boxOf = [Box](repeating: Box(minX: 0, minY: 0, maxX: 0, maxY: 0), count: labelCount)
        }

        /// The range of cells `box` (grown by the spacing) meets.
        private func span(_ box: Box) -> (c0: Int, c1: Int, r0: Int, r1: Int) {
            let s = LabelPlacement.labelSpacing
            func column(_ x: Double) -> Int { min(columns - 1, max(0, Int(((x - minX) / cell).rounded(.down)))) }
            func row(_ y: Double) -> Int { min(rows - 1, max(0, Int(((y - minY) / cell).rounded(.down)))) }
            return (column(box.minX - s), column(box.maxX + s), row(box.minY - s), row(box.maxY + s))
        }

        mutating func insert(_ label: Int, _ box: Box) {
            boxOf[label] = box
            let (c0, c1, r0, r1) = span(box)
            for r in r0 ... r1 { for c in c0 ... c1 { cells[r * columns + c].append(Int32(label)) } }
        }

        mutating func remove(_ label: Int, _ box: Box) {
            let (c0, c1, r0, r1) = span(box)
            for r in r0 ... r1 {
                for c in c0 ... c1 {
                    if let k = cells[r * columns + c].firstIndex(of: Int32(label)) { cells[r * columns + c].remove(at: k) }
                }
            }
        }

        /// The placed labels closer than ``LabelPlacement/labelSpacing`` to `box`, ascending.
        mutating func blockers(of box: Box) -> [Int] {
            stamp += 1
            var found: [Int] = []
            let (c0, c1, r0, r1) = span(box)
            for r in r0 ... r1 {
                for c in c0 ... c1 {
                    for l in cells[r * columns + c] where seen[Int(l)] != stamp {
                        seen[Int(l)] = stamp
                        if boxOf[Int(l)].isCloser(to: box, than: LabelPlacement.labelSpacing) { found.append(Int(l)) }
                    }
                }
            }
            return found.count > 1 ? found.sorted() : found
        }
    }

    /// Tie lines by grid cell, each listed in the cells it passes through
    /// (sampled every half cell along the line, and both ends' cells), to count
    /// the lines a candidate crosses.
    struct LineIndex {
        let segments: [Segment]
        let nodes: [Node]
        let minX: Double, minY: Double, cell: Double
        let columns: Int, rows: Int
        /// Start of each cell's lines in `order` (CSR, one more entry than cells).
        let start: [Int32]
        let order: [Int32]

        /// Stamps so that each line is counted once per query.
        struct Scratch {
            var seen: [Int]
            var stamp = 0
            init(count: Int) { seen = [Int](repeating: -1, count: count) }
        }

        init(_ segments: [Segment], nodes: [Node]) {
            let valid = segments.filter { $0.from >= 0 && $0.to >= 0 && $0.from < nodes.count && $0.to < nodes.count && $0.from != $0.to }
            self.segments = valid
            self.nodes = nodes
            var lo = MapPoint(x: Double.infinity, y: Double.infinity), hi = MapPoint(x: -Double.infinity, y: -Double.infinity)
            for n in nodes { lo.x = min(lo.x, n.centre.x); lo.y = min(lo.y, n.centre.y); hi.x = max(hi.x, n.centre.x); hi.y = max(hi.y, n.centre.y) }
            if !lo.x.isFinite { lo = MapPoint(x: 0, y: 0); hi = lo }
            let width = hi.x - lo.x, height = hi.y - lo.y
            var cell = 24.0
            let budget = Double(4 * (nodes.count + valid.count) + 64)
            if (width / cell + 1) * (height / cell + 1) > budget { cell = max(cell, (width * height / budget).squareRoot() * 1.01, max(width, height) / budget) }
            minX = lo.x; minY = lo.y
            self.cell = cell
            let columns = Int(width / cell) + 1, rows = Int(height / cell) + 1
            self.columns = columns; self.rows = rows
            // Cells of each line, in order along it, without repeats.
            var cellsOf: [[Int32]] = []
            cellsOf.reserveCapacity(valid.count)
            var count = [Int32](repeating: 0, count: columns * rows + 1)
            for s in valid {
                let a = nodes[s.from].centre, b = nodes[s.to].centre
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                let steps = max(1, Int((length / (cell / 2)).rounded(.up)))
                var list: [Int32] = []
                for i in 0 ... steps {
                    let t = Double(i) / Double(steps)
                    let x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t
                    let c = Int32(min(columns - 1, max(0, Int((x - lo.x) / cell))) + columns * min(rows - 1, max(0, Int((y - lo.y) / cell))))
                    if !list.contains(c) { list.append(c) }
                }
                for c in list { count[Int(c) + 1] += 1 }
                cellsOf.append(list)
            }
            for c in 0 ..< columns * rows { count[c + 1] += count[c] }
            var next = count
            var order = [Int32](repeating: 0, count: Int(count[columns * rows]))
            for (s, list) in cellsOf.enumerated() {
                for c in list { order[Int(next[Int(c)])] = Int32(s); next[Int(c)] += 1 }
            }
            start = count
            self.order = order
        }

        /// The number of lines crossing `box` (its own person's ties too: a
        /// label on top of one hides it as much as any other).
        func crossings(of box: Box, scratch: inout Scratch) -> Int {
            guard !segments.isEmpty, columns > 0 else { return 0 }
            scratch.stamp += 1
            let c0 = min(columns - 1, max(0, Int((box.minX - minX) / cell))), c1 = min(columns - 1, max(0, Int((box.maxX - minX) / cell)))
            let r0 = min(rows - 1, max(0, Int((box.minY - minY) / cell))), r1 = min(rows - 1, max(0, Int((box.maxY - minY) / cell)))
            var crossings = 0
            for r in r0 ... r1 {
                for k in Int(start[r * columns + c0]) ..< Int(start[r * columns + c1 + 1]) {
                    let s = Int(order[k])
                    guard scratch.seen[s] != scratch.stamp else { continue }
                    scratch.seen[s] = scratch.stamp
                    if box.isCrossed(from: nodes[segments[s].from].centre, to: nodes[segments[s].to].centre) { crossings += 1 }
                }
            }
            return crossings
        }
    }
}
