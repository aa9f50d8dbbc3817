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
        for k in 1 ... maximumSweeps {
            if !sweep(&x, &y, r, cell: cell) { return zip(x, y).map { MapPoint(x: $0, y: $1) } }
            if k % sweepsPerGrowth == 0 { scale(&x, &y, by: growth, around: cx, cy) }
        }

        // 3. Still overlapping: scale up uniformly until the worst pair is apart.
        var factor = 1.0
        forEachNeighbourPair(x, y, r, cell: cell) { i, j, distance, needed in
            if distance < needed { factor = max(factor, distance > 0 ? needed / distance : 2) }
        }
        if factor > 1 { scale(&x, &y, by: factor * (1 + 1e-9), around: cx, cy) }
        return zip(x, y).map { MapPoint(x: $0, y: $1) }
    }

    private static func scale(_ x: inout [Double], _ y: inout [Double], by factor: Double, around cx: Double, _ cy: Double) {
        guard factor.isFinite, factor > 0 else { return }
        for i in x.indices {
            x[i] = cx + (x[i] - cx) * factor
            y[i] = cy + (y[i] - cy) * factor
        }
    }

    /// One sweep: every overlapping pair pushed apart (positions updated as it
    /// goes). Returns whether any pair overlapped.
    private static func sweep(_ x: inout [Double], _ y: inout [Double], _ r: [Double], cell: Double) -> Bool {
        var pairs: [(Int, Int)] = []
        forEachNeighbourPair(x, y, r, cell: cell) { i, j, distance, needed in
            if distance < needed { pairs.append((i, j)) }
        }
        if pairs.isEmpty { return false }
        for (i, j) in pairs {
            var dx = x[j] - x[i], dy = y[j] - y[i]
            var distance = (dx * dx + dy * dy).squareRoot()
            let needed = r[i] + r[j]
            guard distance < needed else { continue }
            if distance < 1e-9 {
                // Same place: part them along a direction fixed by the pair (golden angle).
                let angle = Double((i &* 31 &+ j) % 360) * 2.399963229728653
                dx = cos(angle); dy = sin(angle); distance = 0
            } else {
                dx /= distance; dy /= distance
            }
            // A hair more than the overlap, so rounding never leaves a pair touching.
            let push = (needed - distance) / 2 * 1.001 + 1e-6
            x[i] -= dx * push; y[i] -= dy * push
            x[j] += dx * push; y[j] += dy * push
        }
        return true
    }

    /// Calls `body(i, j, distance, needed)` for every pair i < j in the same or
    /// neighbouring grid cells, in a fixed order (by i, then by cell, then by j).
    private static func forEachNeighbourPair(_ x: [Double], _ y: [Double], _ r: [Double], cell: Double,
                                             _ body: (Int, Int, Double, Double) -> Void) {
        let n = x.count
        let minX = x.min() ?? 0, minY = y.min() ?? 0
        func key(_ i: Int, _ j: Int) -> Int64 { Int64(i) &* 4_294_967_296 &+ Int64(j) }
        var cellOf = [(Int, Int)](repeating: (0, 0), count: n)
        var members: [Int64: [Int32]] = [:]
        for v in 0 ..< n {
            let c = (Int(((x[v] - minX) / cell).rounded(.down)), Int(((y[v] - minY) / cell).rounded(.down)))
            cellOf[v] = c
            members[key(c.0, c.1), default: []].append(Int32(v))
        }
        for i in 0 ..< n {
            let (ci, cj) = cellOf[i]
            for dj in -1 ... 1 {
                for di in -1 ... 1 {
                    guard let list = members[key(ci + di, cj + dj)] else { continue }
                    for j32 in list where Int(j32) > i {
                        let j = Int(j32)
                        let dx = x[j] - x[i], dy = y[j] - y[i]
                        body(i, j, (dx * dx + dy * dy).squareRoot(), r[i] + r[j])
                    }
                }
            }
        }
    }
}

