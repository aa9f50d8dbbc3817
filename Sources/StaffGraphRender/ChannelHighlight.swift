/// The channels from one set of people to another, highlighted on an
/// influence map (`draw --from … --to …`): the ends ringed in black, the ties
/// of one maximum set of person-disjoint FROM → TO paths (the independent
/// channels of ``Channels``, as the maximum flow found them) thick and dark,
/// every other tie faded, and the people of the smallest cut ringed in red.
///
/// Indices are roster (graph node) indices, as in ``MapRequest``.
public struct ChannelHighlight: Sendable, Equatable {
    /// Who channels start from, one flag per person.
    public var from: [Bool]
    /// Who channels lead to, one flag per person.
    public var to: [Bool]
    /// The FROM set as the user gave it ("level = district").
    public var fromRule: String
    /// The TO set as the user gave it.
    public var toRule: String
    /// The independent channels: each a path of people, FROM first, TO last.
    public var paths: [[Int]]
    /// The smallest cut: people whose removal leaves no FROM → TO path.
    public var cut: [Int]
    /// How ties are followed, for the caption ("ties followed either way").
    public var directionNote: String

    /// Ring colour of the FROM and TO people.
    public static let endColor = "#000000"
    /// Ring colour of the cut people.
    public static let cutColor = "#D00000"
    /// Colour of a channel's ties.
    public static let channelColor = "#1A1A1A"
    /// Colour of every other tie: the map's grey, nearly transparent.
    public static let fadedColor = "#55555530"
    /// Width in points of a channel's ties (at least).
    public static let channelWidth = 3.0

    /// Creates a highlight.
    public init(from: [Bool], to: [Bool], fromRule: String, toRule: String, paths: [[Int]], cut: [Int], directionNote: String) {
        self.from = from
        self.to = to
        self.fromRule = fromRule
        self.toRule = toRule
        self.paths = paths
        self.cut = cut
        self.directionNote = directionNote
    }

    /// The pairs of people next to each other on a channel, as (lower, higher) roster indices, sorted.
    public var channelPairs: [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for path in paths where path.count > 1 {
            for k in 1 ..< path.count { pairs.append((min(path[k - 1], path[k]), max(path[k - 1], path[k]))) }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return pairs
    }

    /// Rings the ends and the cut, draws channel ties dark and thick and fades
    /// the rest; adds the legend entries. `original[i]` is the roster index of
    /// the map's person `i`.
    func apply(to map: inout InfluenceMap, original: [Int]) {
        var isCut = [Bool](repeating: false, count: from.count)
        for v in cut where v < isCut.count { isCut[v] = true }
        for i in map.people.indices {
            let v = original[i]
            if isCut[v] { map.people[i].outline = Self.cutColor } else if from[v] || to[v] { map.people[i].outline = Self.endColor }
        }
        let pairs = channelPairs
        func onChannel(_ a: Int, _ b: Int) -> Bool {
            let key = (min(a, b), max(a, b))
            // Binary search in the sorted pairs.
            var lo = 0, hi = pairs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let p = pairs[mid]
                if p.0 < key.0 || (p.0 == key.0 && p.1 < key.1) { lo = mid + 1 } else { hi = mid }
            }
            return lo < pairs.count && pairs[lo] == key
        }
        for k in map.lines.indices {
            let line = map.lines[k]
            if onChannel(original[line.source], original[line.target]) {
                map.lines[k].color = Self.channelColor
                map.lines[k].width = max(line.width, Self.channelWidth)
            } else {
                map.lines[k].color = Self.fadedColor
            }
        }
        map.legend.append(.init(label: "independent channel (ties on it)", fill: Self.channelColor, shape: .circle, line: .solid))
        map.legend.append(.init(label: "black ring: from (\(fromRule)) or to (\(toRule))", fill: Self.endColor, shape: .circle))
        if !cut.isEmpty { map.legend.append(.init(label: "red ring: the cut", fill: Self.cutColor, shape: .circle)) }
    }

    /// The caption's lines: the number of channels and how they were found, and
    /// the cut, named with `labels` (roster order; pseudonyms under
    /// anonymization) or only counted when `labels` is `nil` (`--labels none`).
    func captionLines(labels: [String]?) -> [String] {
        let n = paths.count
        var first = "\(n) independent channel\(n == 1 ? "" : "s") from \(fromRule) to \(toRule) (\(directionNote)): "
        first += n == 0 ? "none" : "thick dark lines, one set of paths that share no person, found by maximum flow (others of the same number may exist); other ties faded"
        var lines = [first]
        if cut.isEmpty {
            lines.append("Red ring: nobody to cut (no channel)")
        } else {
            var text = "Red ring: the cut, \(cut.count) \(cut.count == 1 ? "person" : "people") whose removal leaves no channel (the cut closest to the FROM people)"
            if let labels { text += ": " + cut.map { labels[$0] }.joined(separator: ", ") }
            lines.append(text)
        }
        return lines
    }
}
