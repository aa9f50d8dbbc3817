/// Maps of several waves drawn at the same positions, so that change is
/// visible: lay out once (``GraphvizSession/layoutPositions(_:)`` on a map of
/// everyone in any wave), then pin every wave's map to those positions.
///
/// How it renders (Graphviz 2.42, checked in the rendered SVG): each person
/// gets `pos="x,y!"` in points and the `nop` engine (`neato -n`) draws them
/// there untouched (`overlap=true`, `notranslate=true`). Graphviz 2.42
/// recomputes the bounding box from the nodes even when `bb` is given, so two
/// invisible corner nodes fix it: a frame large enough for every label and
/// caption of the series gives every map the same page, the same SVG
/// transform, and so the same place for each person.
public enum PinnedLayout {
    /// Estimated width in points of `text` in DejaVu Sans at `fontSize`
    /// (0.62 em per character, a little wider than the font's average).
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.62
    }

    /// The width the map's title, legend and caption block needs, in points.
    static func labelBlockWidth(_ map: InfluenceMap) -> Double {
        var width = 0.0
        if let title = map.title { width = max(width, textWidth(title, fontSize: 16)) }
        for line in map.caption { width = max(width, textWidth(line, fontSize: 9)) }
        // Legend rows wrap at about 90 characters of 11 pt text.
        let legendCharacters = map.legend.reduce(0) { $0 + $1.label.count + 5 }
        width = max(width, textWidth(String(repeating: "x", count: min(90, legendCharacters)), fontSize: 11))
        return width + 8
    }

    /// A frame that holds every person of every map in `maps` at
    /// `positions`, with room for their name labels, and is at least as wide
    /// as every map's title, legend and caption.
    /// - Parameter positions: centres by node name, in points.
    public static func frame(for maps: [InfluenceMap], positions: [String: MapPoint]) -> MapFrame {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var radius = 0.0, label = 0.0, block = 0.0
        for map in maps {
            for person in map.people {
                guard let p = positions[person.name] else { continue }
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
                radius = max(radius, person.diameter * 36)
                if let text = person.label { label = max(label, TextMetrics.width(text, fontSize: InfluenceMap.labelFontSize)) }
            }
            block = max(block, labelBlockWidth(map))
        }
        if !minX.isFinite { minX = 0; maxX = 0; minY = 0; maxY = 0 }
        let marginX = radius + label + 8, marginY = radius + 16
        var lower = MapPoint(x: minX - marginX, y: minY - marginY)
        var upper = MapPoint(x: maxX + marginX, y: maxY + marginY)
        let width = upper.x - lower.x
        if block > width {
            lower.x -= (block - width) / 2
            upper.x += (block - width) / 2
        }
        return MapFrame(lower: lower, upper: upper)
    }

    /// `maps` pinned at `positions` in one shared ``frame(for:positions:)``.
    public static func pin(_ maps: [InfluenceMap], at positions: [String: MapPoint]) -> [InfluenceMap] {
        let shared = frame(for: maps, positions: positions)
        return maps.map { map in
            var m = map
            m.pinnedPositions = positions
            m.pinnedFrame = shared
            return m
        }
    }

    /// One map showing `maps` side by side ("small multiples"): the people
    /// of panel `k` are copies named `w<k>_<name>` at their pinned positions
    /// shifted right by `k` frame widths plus a gap, each panel titled
    /// above. The result has no title, legend or caption of its own: set them.
    /// - Parameters:
    ///   - maps: one map per wave, people named as in `positions`.
    ///   - titles: one title per panel.
    ///   - gap: space between panels, in points.
    public static func sideBySide(_ maps: [InfluenceMap], titles: [String], positions: [String: MapPoint], gap: Double = 36) -> InfluenceMap {
        precondition(titles.count == maps.count, "one title per panel")
        let frame = frame(for: maps.map { m in var c = m; c.title = nil; c.caption = []; c.legend = []; return c }, positions: positions)
        let step = frame.width + gap
        var result = InfluenceMap()
        guard let first = maps.first else { return result }
        result.fontName = first.fontName
        result.arrowheads = first.arrowheads
        result.layout = first.layout
        result.seed = first.seed
        result.pngDPI = first.pngDPI
        result.pageSize = "\(8 * maps.count),9"
        var pinned: [String: MapPoint] = [:]
        for (k, map) in maps.enumerated() {
            let dx = Double(k) * step
            let offset = result.people.count
            for person in map.people {
                var copy = person
                copy.name = "w\(k)_\(person.name)"
                copy.cluster = nil
                if let p = positions[person.name] { pinned[copy.name] = MapPoint(x: p.x + dx, y: p.y) }
                result.people.append(copy)
            }
            for line in map.lines {
                var copy = line
                copy.source += offset
                copy.target += offset
                result.lines.append(copy)
            }
            result.pinnedTexts.append(PinnedText(titles[k], at: MapPoint(x: frame.lower.x + dx + frame.width / 2, y: frame.upper.y + 14),
                                                 anchor: .middle, fontSize: 14, bold: true))
        }
        result.pinnedPositions = pinned
        result.pinnedFrame = MapFrame(lower: frame.lower,
                                      upper: MapPoint(x: frame.upper.x + Double(maps.count - 1) * step, y: frame.upper.y + 28))
        return result
    }
}
