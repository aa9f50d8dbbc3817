/// What drawing a map will take, estimated from its size before Graphviz
/// runs, so that a command can warn about or refuse a map that would run for
/// many minutes or exhaust memory.
///
/// The model is fitted to release-build timings on a two-core machine
/// (Graphviz 2.42, December 2026; random and school-like networks, complete
/// networks, isolates). For sfdp, with n people who have a line and m lines:
/// about 1 ms per person and 76 µs per line to lay out and write SVG or PDF,
/// 0.4 ms more per line to rasterise a PNG, 20 µs and 2 kB per person
/// without a line, and 2 kB of memory per line and per person. Measured: 3,000
/// people with 30,000 ties 3.6 s (PNG 14 s); 30,000 people with 300,000 ties
/// 53 s and 470 MB; 500 people all tied to each other 9 s and 270 MB; 1,000
/// all tied 38 s and 970 MB; 200,000 people without ties 4.5 s and 390 MB.
/// neato grows with the square of the people (1,000: 10 s; 3,000: 86 s; and
/// 8 bytes of memory per pair), fdp about 5.5 ms per person; dot and circo
/// with the cube of the lines beyond a tree (dot: 100 random people with 317
/// lines 0.9 s, 200 with 1,957 lines 245 s; circo: 17 s and over 5 minutes).
/// Timings vary with the machine and the network's shape: treat the result
/// as the order of magnitude.
public struct LayoutCost: Sendable, Equatable {
    /// Seconds, about.
    public var seconds: Double
    /// Peak memory in bytes, about.
    public var bytes: Double

    /// Creates an estimate.
    public init(seconds: Double, bytes: Double) {
        self.seconds = seconds
        self.bytes = bytes
    }

    /// The estimate for laying out and rendering `map` in `format`.
    ///
    /// Pinned maps only render; maps with cluster boxes are counted as one
    /// layout of everyone (an upper bound: each box is laid out alone).
    /// - Complexity: O(people + lines).
    public static func estimate(_ map: InfluenceMap, format: MapFormat) -> LayoutCost {
        let n = map.people.count
        var linked = [Bool](repeating: false, count: n)
        for line in map.lines where line.source < n && line.target < n && line.source != line.target {
            linked[line.source] = true
            linked[line.target] = true
        }
        let people = Double(n), lines = Double(map.lines.count)
        let withLines = Double(linked.filter { $0 }.count)
        // Lines beyond a spanning forest: what makes dot and circo slow.
        let excess = max(0, lines - withLines)

        var seconds = 0.3 + 20e-6 * people + 76e-6 * lines
        var bytes = 40e6 + 2_000 * people + 2_000 * lines
        if map.pinnedPositions == nil {
            switch map.layout {
            case .sfdp: seconds += 1e-3 * withLines
            case .fdp: seconds += 5.5e-3 * withLines
            case .neato:
                seconds += 9e-6 * withLines * withLines
                bytes += 8 * withLines * withLines
            case .dot:
                seconds += 4.5e-8 * excess * excess * excess
                bytes += 130 * excess * excess
            case .circo:
                seconds += 1.7e-6 * excess * excess * excess
            }
        }
        if format == .png { seconds += 0.4e-3 * lines + 25e-6 * people }
        if format == .dot { return LayoutCost(seconds: 0.1 + 2e-6 * (people + lines), bytes: 20e6 + 300 * (people + lines)) }
        return LayoutCost(seconds: seconds, bytes: bytes)
    }
}
