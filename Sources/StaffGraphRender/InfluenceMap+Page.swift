extension InfluenceMap {
    /// The longest side of a drawing, in inches (2,880 pt; 6,000 pixels in a
    /// PNG at 150 dpi). Maps up to this size are drawn at full size, so names
    /// print at 9 pt and the legend at 11 pt when the image is shown at 100 %;
    /// larger maps are scaled down to it (see ``fittingPage()``).
    public static let maximumPageInches = 40.0

    /// The map with its page sized so that its text stays readable, for
    /// rendering at ``pinnedPositions``.
    ///
    /// Graphviz scales a drawing larger than its `size` down as a whole, type
    /// included: the 14-inch page StaffGraph used to set shrank a 544-person
    /// map's names and legend to 6 pt. Now the page may grow to
    /// ``maximumPageInches``, which leaves every map that fits drawn at full
    /// size. A map that would still be larger (its people's extent, with room
    /// for names, beyond that) is scaled down to it, and then: the names are
    /// left out (at that scale they would print under 9 pt), the caption says
    /// so, and the title, legend and caption are set larger by the inverse of
    /// the scale (``textScale``), so that they print at their usual size.
    /// Box and panel titles keep their size and shrink with the drawing.
    /// Maps with ``fitsPageToText`` off (charts with a page of their own) are
    /// returned unchanged.
    public func fittingPage() -> InfluenceMap {
        guard fitsPageToText, let positions = pinnedPositions else { return self }
        let side = naturalExtent(positions)
        let limit = Self.maximumPageInches * 72
        var map = self
        map.pageSize = "\(formatInches(Self.maximumPageInches)),\(formatInches(Self.maximumPageInches))"
        guard side > limit else { return map }
        let scale = limit / side
        map.textScale = 1 / scale
        let named = people.indices.filter { people[$0].label != nil && !people[$0].emphasized }
        if !named.isEmpty {
            for i in named { map.people[i].label = nil }
            map.placedLabels = map.placedLabels?.filter { key, _ in !named.contains { people[$0].name == key } }
            let percent = Int((scale * 100).rounded(.down))
            map.caption.append("names left out: this map is drawn at \(percent) % of its size, where they would print smaller than 9 pt; draw fewer people at a time to read them")
        }
        return map
    }

    /// The longer side, in points, of the drawing at full size: the people at
    /// `positions` (or the shared frame of a series) with room for names,
    /// boxes, pinned texts, Graphviz's padding, and the title, legend and
    /// caption block below.
    func naturalExtent(_ positions: [String: MapPoint]) -> Double {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        func include(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
            minX = min(minX, x0); minY = min(minY, y0); maxX = max(maxX, x1); maxY = max(maxY, y1)
        }
        for person in people where person.style != .hidden {
            guard let p = positions[person.name] else { continue }
            let r = person.diameter * 36
            let nameWidth = person.label.map { TextMetrics.width($0, fontSize: Self.labelFontSize) + LabelPlacement.gap } ?? 0
            include(p.x - r - nameWidth, p.y - r - 2 * Self.labelHeight, p.x + r + nameWidth, p.y + r + 2 * Self.labelHeight)
        }
        if let frame = pinnedFrame { include(frame.lower.x, frame.lower.y, frame.upper.x, frame.upper.y) }
        for box in pinnedClusterBoxes ?? [] { include(box.lower.x, box.lower.y, box.upper.x, box.upper.y) }
        for text in pinnedTexts {
            let half = PinnedLayout.textWidth(text.text, fontSize: text.fontSize) / 2
            include(text.position.x - half, text.position.y - text.fontSize, text.position.x + half, text.position.y + text.fontSize)
        }
        guard minX.isFinite else { return 0 }
        let pad = 2 * 0.3 * 72
        let legendRows = legend.isEmpty ? 0 : 1 + legend.reduce(0) { $0 + $1.label.count + 5 } / 90
        let block = (title == nil ? 0 : 22) + 18 * Double(legendRows) + 13 * Double(caption.count + 1)
        let width = max(maxX - minX, PinnedLayout.labelBlockWidth(self)) + pad
        let height = maxY - minY + block + pad
        return max(width, height)
    }
}
