#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves people apart until no two circles overlap: StaffGraph's own,
/// deterministic replacement for Graphviz's `overlap=prism`.
///
/// Why not prism: on Graphviz 2.42 as Debian builds it (with GTS), prism
/// builds its proximity graph with GTS's Delaunay triangulation and reads the
/// edges back with `gts_surface_foreach_edge`, in the order of a hash table
/// keyed by memory addresses. The order of the sums in its stress solver therefore changes with
/// address-space randomisation and with the timing of Pango's font-loading
/// thread, so positions differ run to run in their last bits (about 1e-6 pt at
/// 3,000 people), enough to flip a printed coordinate now and then. Layouts
/// with `overlap=true` (no removal) are byte-stable; this type does the rest
/// with arithmetic in a fixed order.
///
/// The method (checked against prism on school, 3-school and 3,000-person
/// maps: about the same node density, same overall shape): first scale the
/// layout up, uniformly, until the nodes cover ``targetDensity`` of its
/// bounding box (nodes included) (prism scales by tie length first too); then push each
/// overlapping pair apart along the line between their centres, half each,
/// sweeping until no pair overlaps (pairs found with a grid of cells one
/// largest-diameter wide, visited in index order). Every ``sweepsPerGrowth``
/// sweeps the layout grows by ``growth``, which frees jammed crowds; should
/// ``maximumSweeps`` not suffice, a last uniform scaling separates whatever remains.
public enum OverlapRemoval {
    /// The share of the bounding box the nodes (with their margin) cover after the first scaling, by default.
    public static let targetDensity = 0.3
    /// Sweeps of pairwise pushing before the final uniform scaling.
    public static let maximumSweeps = 400
    /// Sweeps between two growths of the whole layout.
    public static let sweepsPerGrowth = 50
    /// Factor of each growth.
    public static let growth = 1.02

    /// `centres` moved so that no two circles (`radii[i] + margin` around
    /// `centres[i]`) overlap. Deterministic: the same input gives the same
    /// output to the last bit, on any run.
    ///
    /// - Parameters:
    ///   - centres: positions in points.
    ///   - radii: node radii in points, one per centre.
    ///   - margin: extra space around every node, in points (Graphviz's `sep=+margin`).
    ///   - density: the share of the bounding box the nodes cover after the first scaling.
    /// - Complexity: O(s · (n + p)) for s sweeps and p pairs of nodes in neighbouring cells.
    public static func separate(_ centres: [MapPoint], radii: [Double], margin: Double = 4, density: Double = targetDensity) -> [MapPoint] {
        precondition(radii.count == centres.count, "one radius per centre")
        let n = centres.count
        guard n > 1 else { return centres }
        var x = centres.map(\.x), y = centres.map(\.y)
        let r = radii.map { max(0, $0) + margin }
        let cx = x.reduce(0, +) / Double(n), cy = y.reduce(0, +) / Double(n)

        // 1. Scale up until the nodes cover `targetDensity` of the bounding box. The nodes
        //    keep their size, so with w × h the centres' box and d the average diameter,
        //    solve (s·w + d)(s·h + d) = area / targetDensity for s.
        var area = 0.0
        for v in 0 ..< n { area += Double.pi * r[v] * r[v] }
        let w = (x.max() ?? 0) - (x.min() ?? 0), h = (y.max() ?? 0) - (y.min() ?? 0)
        let d = 2 * r.reduce(0, +) / Double(n), wanted = area / max(0.01, min(1, density))
        if w * h > 0 {
            let b = d * (w + h), c = d * d - wanted
            let s = (-b + (b * b - 4 * w * h * c).squareRoot()) / (2 * w * h)
            if s.isFinite && s > 1 { scale(&x, &y, by: s, around: cx, cy) }
        } else if w + h > 0, wanted > d * d {
            // All on one line: make the line long enough.
            scale(&x, &y, by: max(1, (wanted / d - d) / (w + h)), around: cx, cy)
        }

        // 2. Push overlapping pairs apart, half each, until none overlap.
        let cell = max(2 * (r.max() ?? 1), 1e-6)
        var grid = Grid()
        for k in 1 ... maximumSweeps {
            grid.fill(x, y, cell: cell)
            if !grid.sweep(&x, &y, r) { return zip(x, y).map { MapPoint(x: $0, y: $1) } }
            if k % sweepsPerGrowth == 0 { scale(&x, &y, by: growth, around: cx, cy) }
        }

        // 3. Still overlapping: scale up uniformly until the worst pair is apart.
        grid.fill(x, y, cell: cell)
        let factor = grid.largestShortfall(x, y, r)
        if factor > 1 { scale(&x, &y, by: factor * (1 + 1e-9), around: cx, cy) }
        return zip(x, y).map { MapPoint(x: $0, y: $1) }
    }

    /// `centres` spread out (uniformly, about their mean; never drawn in) until
    /// the bounding box of the circles covers `area` square points:
    /// nodes keep their size, the space between them grows (used to make room
    /// for names, see ``LabelPlacement``). Separated circles stay separated.
    static func spread(_ centres: [MapPoint], radii: [Double], toCover area: Double) -> [MapPoint] {
        let n = centres.count
        guard n > 1, area > 0 else { return centres }
        var x = centres.map(\.x), y = centres.map(\.y)
        let cx = x.reduce(0, +) / Double(n), cy = y.reduce(0, +) / Double(n)
        let w = (x.max() ?? 0) - (x.min() ?? 0), h = (y.max() ?? 0) - (y.min() ?? 0)
        let d = 2 * (radii.max() ?? 0)
        // Solve (s·w + d)(s·h + d) = area for s.
        if w * h > 0 {
            let b = d * (w + h), c = d * d - area
            let s = (-b + (b * b - 4 * w * h * c).squareRoot()) / (2 * w * h)
            if s.isFinite && s > 1 { scale(&x, &y, by: s, around: cx, cy) }
        } else if w + h > 0, area > d * d {
            scale(&x, &y, by: max(1, (area / d - d) / (w + h)), around: cx, cy)
        }
        return zip(x, y).map { MapPoint(x: $0, y: $1) }
    }

    private static func scale(_ x: inout [Double], _ y: inout [Double], by factor: Double, around cx: Double, _ cy: Double) {
        guard factor.isFinite, factor > 0 else { return }
        for i in x.indices {
            x[i] = cx + (x[i] - cx) * factor
            y[i] = cy + (y[i] - cy) * factor
        }
    }

    /// Nodes bucketed by square cells (a counting sort, in index order within
    /// a cell), so that every pair closer than one cell is in the same or
    /// neighbouring cells. Reused across sweeps: no allocation after the first.
    /// (Also ``LabelPlacement``'s index of people, through ``forEachPoint(minX:minY:maxX:maxY:_:)``.)
    struct Grid {
        var columns = 0, rows = 0
        var minX = 0.0, minY = 0.0, cell = 1.0
        /// Each node's cell.
        var cellOf: [Int32] = []
        /// Start of each cell's nodes in `order` (one more entry than cells).
        var start: [Int32] = []
        /// Node indices sorted by cell.
        var order: [Int32] = []
        /// Scratch for the counting sort.
        var next: [Int32] = []

        /// Buckets the nodes at `x`, `y` into cells at least `minimumCell` wide
        /// (wider when the layout is so spread out that there would be more
        /// than about eight cells per node).
        mutating func fill(_ x: [Double], _ y: [Double], cell minimumCell: Double) {
            let n = x.count
            minX = x.min() ?? 0; minY = y.min() ?? 0
            let width = max(0, (x.max() ?? 0) - minX), height = max(0, (y.max() ?? 0) - minY)
            cell = minimumCell
            let budget = Double(8 * n + 64)
            if (width / cell + 1) * (height / cell + 1) > budget {
                cell = max(cell, ((width * height) / budget).squareRoot() * 1.01, max(width, height) / budget)
            }
            columns = Int(width / cell) + 1
            rows = Int(height / cell) + 1
            let cells = columns * rows
            if cellOf.count != n { cellOf = [Int32](repeating: 0, count: n); order = [Int32](repeating: 0, count: n) }
            if start.count < cells + 1 { start = [Int32](repeating: 0, count: cells + 1); next = start }
            let (minX, minY, cell, columns, rows) = (self.minX, self.minY, self.cell, self.columns, self.rows)
            cellOf.withUnsafeMutableBufferPointer { cellOf in
                start.withUnsafeMutableBufferPointer { start in
                    next.withUnsafeMutableBufferPointer { next in
                        order.withUnsafeMutableBufferPointer { order in
                            for c in 0 ... cells { start[c] = 0 }
                            for v in 0 ..< n {
                                let c = min(Int((x[v] - minX) / cell), columns - 1) + columns * min(Int((y[v] - minY) / cell), rows - 1)
                                cellOf[v] = Int32(c)
                                start[c + 1] += 1
                            }
                            for c in 0 ..< cells { start[c + 1] += start[c] }
                            for c in 0 ..< cells { next[c] = start[c] }
                            for v in 0 ..< n {
                                let c = Int(cellOf[v])
                                order[Int(next[c])] = Int32(v)
                                next[c] += 1
                            }
                        }
                    }
                }
            }
        }

        /// Calls `body(i)` for every point in a cell that meets the rectangle
        /// (`minX`…`maxX` × `minY`…`maxY`): every point inside it, and some
        /// near it. Cells row by row, points in index order within a cell.
        func forEachPoint(minX x0: Double, minY y0: Double, maxX x1: Double, maxY y1: Double, _ body: (Int) -> Void) {
            guard columns > 0, rows > 0, x1 >= minX, y1 >= minY else { return }
            let c0 = max(0, Int((x0 - minX) / cell)), c1 = min(columns - 1, Int((x1 - minX) / cell))
            let r0 = max(0, Int((y0 - minY) / cell)), r1 = min(rows - 1, Int((y1 - minY) / cell))
            guard c0 <= c1, r0 <= r1 else { return }
            start.withUnsafeBufferPointer { start in
                order.withUnsafeBufferPointer { order in
                    for row in r0 ... r1 {
                        // A row's cells c0…c1 are contiguous in `order`.
                        let base = row * columns
                        for k in Int(start[base + c0]) ..< Int(start[base + c1 + 1]) { body(Int(order[k])) }
                    }
                }
            }
        }

        /// Calls `body(i, j)` for every pair i < j in the same or neighbouring
        /// cells, by i, then by cell (row by row), then by j.
        func forEachPair(_ body: (Int, Int) -> Void) {
            let columns = self.columns, rows = self.rows
            cellOf.withUnsafeBufferPointer { cellOf in
                start.withUnsafeBufferPointer { start in
                    order.withUnsafeBufferPointer { order in
                        for i in 0 ..< cellOf.count {
                            let c = Int(cellOf[i]), column = c % columns, row = c / columns
                            for dr in -1 ... 1 where row + dr >= 0 && row + dr < rows {
                                let first = max(0, column - 1), last = min(columns - 1, column + 1)
                                // The three cells of a row are contiguous in `order`.
                                let base = (row + dr) * columns
                                for k in Int(start[base + first]) ..< Int(start[base + last + 1]) {
                                    let j = Int(order[k])
                                    if j > i { body(i, j) }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// One sweep: each overlapping pair pushed apart as it is met (pairs in
        /// the order of ``forEachPair(_:)``), half each, a hair more than the
        /// overlap. Returns whether any pair overlapped. (The loop is written
        /// out rather than calling ``forEachPair(_:)``: a closure per pair costs
        /// ten times more in debug builds, which the tests run.)
        func sweep(_ xs: inout [Double], _ ys: inout [Double], _ rs: [Double]) -> Bool {
            var overlapped = false
            let columns = self.columns, rows = self.rows
            xs.withUnsafeMutableBufferPointer { x in
                ys.withUnsafeMutableBufferPointer { y in
                    rs.withUnsafeBufferPointer { r in
                        cellOf.withUnsafeBufferPointer { cellOf in
                            start.withUnsafeBufferPointer { start in
                                order.withUnsafeBufferPointer { order in
                                    for i in 0 ..< cellOf.count {
                                        let c = Int(cellOf[i]), column = c % columns, row = c / columns
                                        let first = max(0, column - 1), last = min(columns - 1, column + 1)
                                        for dr in -1 ... 1 where row + dr >= 0 && row + dr < rows {
                                            let base = (row + dr) * columns
                                            for k in Int(start[base + first]) ..< Int(start[base + last + 1]) {
                                                let j = Int(order[k])
                                                guard j > i else { continue }
                                                var dx = x[j] - x[i], dy = y[j] - y[i]
                                                let squared = dx * dx + dy * dy, needed = r[i] + r[j]
                                                guard squared < needed * needed else { continue }
                                                overlapped = true
                                                var distance = squared.squareRoot()
                                                if distance < 1e-9 {
                                                    // Same place: part them along a direction fixed by the pair (golden angle).
                                                    let angle = Double((i &* 31 &+ j) % 360) * 2.399963229728653
                                                    dx = cos(angle); dy = sin(angle); distance = 0
                                                } else {
                                                    dx /= distance; dy /= distance
                                                }
                                                let push = (needed - distance) / 2 * 1.001 + 1e-6
                                                x[i] -= dx * push; y[i] -= dy * push
                                                x[j] += dx * push; y[j] += dy * push
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return overlapped
        }

        /// The largest needed / actual distance over overlapping pairs (1 when none overlap).
        func largestShortfall(_ x: [Double], _ y: [Double], _ r: [Double]) -> Double {
            var factor = 1.0
            forEachPair { i, j in
                let dx = x[j] - x[i], dy = y[j] - y[i]
                let distance = (dx * dx + dy * dy).squareRoot(), needed = r[i] + r[j]
                if distance < needed { factor = max(factor, distance > 0 ? needed / distance : 2) }
            }
            return factor
        }
    }
}
