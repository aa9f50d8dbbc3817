extension InfluenceMap {
    /// The largest drawing at full size, as the side of a square in inches
    /// (an area of 1,600 square inches: 6,000 × 6,000 pixels in a PNG at
    /// 150 dpi, or a wide row of panels of the same area). Maps up to this
    /// area are drawn at full size, so names print at 9 pt and the legend at
    /// 11 pt when the image is shown at 100 %; larger maps are scaled down to
    /// it (see ``fittingPage()``).
    public static let maximumPageInches = 40.0

    /// The map with its page sized so that its text stays readable, for
    /// rendering at ``pinnedPositions``.
    ///
    /// Graphviz scales a drawing larger than its `size` down as a whole, type
    /// included: the 14-inch page StaffGraph used to set shrank a 544-person
    /// map's names and legend to 6 pt. Now the page grows with the drawing up
    /// to the area of a ``maximumPageInches`` square (and 200 inches on a
    /// side), which leaves every map that fits drawn at full size. A map that
    /// would still be larger (its people's extent, with room for names, beyond
    /// that) is scaled down to it, and then: the names are left out (at that
    /// scale they would print under 9 pt), the caption says so, and the title,
    /// legend and caption are set larger by the inverse of the scale
    /// (``textScale``), so that they print at their usual size. Box and panel
    /// titles keep their size and shrink with the drawing. Maps with
    /// ``fitsPageToText`` off (charts with a page of their own) are returned
    /// unchanged.
    public func fittingPage() -> InfluenceMap {
        guard fitsPageToText, let positions = pinnedPositions else { return self }
        let (width, height) = naturalSize(positions)
        let limit = Self.maximumPageInches * 72, longest = 200.0 * 72
        // Room for what the estimate misses: Graphviz scales only a drawing larger than the page.
        let scale = min(1, limit / (width * height).squareRoot(), longest / max(width, height))
        var map = self
        let page = { (x: Double) in formatInches(max(Self.maximumPageInches, (x * 1.1 / 72).rounded(.up))) }
        guard scale < 1 else {
            map.pageSize = "\(page(width)),\(page(height))"
            return map
        }
        map.pageSize = "\(formatInches(width * scale / 72)),\(formatInches(height * scale / 72))"
        map.textScale = 1 / scale
        let named = people.indices.filter { people[$0].label != nil && !people[$0].emphasized }
        if !named.isEmpty {
            let names = Set(named.map { people[$0].name })
            for i in named { map.people[i].label = nil }
            map.placedLabels = map.placedLabels?.filter { !names.contains($0.key) }
            let percent = Int((scale * 100).rounded(.down))
            map.caption.append("names left out: this map is drawn at \(percent) % of its size, where they would print smaller than 9 pt; draw fewer people at a time to read them")
        }
        return map
    }

    /// The width and height, in points, of the drawing at full size: the people at
    /// `positions` (or the shared frame of a series) with room for names,
    /// boxes, pinned texts, Graphviz's padding, and the title, legend and
    /// caption block below.
    func naturalSize(_ positions: [String: MapPoint]) -> (width: Double, height: Double) {
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
        guard minX.isFinite else { return (0, 0) }
        let pad = 2 * 0.3 * 72
        let legendRows = legend.isEmpty ? 0 : 1 + legend.reduce(0) { $0 + $1.label.count + 5 } / 90
        let block = (title == nil ? 0 : 22) + 18 * Double(legendRows) + 13 * Double(caption.count + 1)
        let width = max(maxX - minX, PinnedLayout.labelBlockWidth(self)) + pad
        let height = maxY - minY + block + pad
        return (width, height)
    }
}
