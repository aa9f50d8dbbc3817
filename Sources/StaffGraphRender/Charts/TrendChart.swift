/// A small line chart of network measures over waves (density,
/// centralization, reciprocity …), all on one 0-based axis.
///
/// ``svg()`` writes the SVG text directly (no Graphviz); ``graphvizMap()``
/// gives the same drawing as a pinned ``InfluenceMap`` (points as fixed
/// nodes, segments as lines, texts as plain-text nodes) that
/// ``GraphvizSession`` renders to PNG with the `nop` engine. Both come from
/// one geometry, so the two files show the same chart; both are byte-stable.
public struct TrendChart: Sendable, Equatable {
    /// One line of the chart.
    public struct Series: Sendable, Equatable {
        /// The legend text ("density").
        public var name: String
        /// One value per wave; `nil` leaves a gap.
        public var values: [Double?]
        /// Line colour, `#RRGGBB`.
        public var color: String

        /// Creates a series.
        public init(name: String, values: [Double?], color: String) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    /// Paul Tol's "bright" scheme (colour-blind safe), for series in order.
    public static let colors = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377"]

    /// Title above the chart.
    public var title: String
    /// Wave names along the horizontal axis.
    public var waves: [String]
    /// The lines.
    public var series: [Series]
    /// Lines of small text under the chart.
    public var caption: [String] = []
    /// Font for every text.
    public var fontName = "DejaVu Sans"

    /// Creates a chart.
    public init(title: String, waves: [String], series: [Series]) {
        self.title = title
        self.waves = waves
        self.series = series
    }

    // MARK: - Geometry (points, y upwards, origin at the lower-left corner)

    struct Segment { var from: MapPoint; var to: MapPoint; var color: String; var width: Double }
    struct Dot { var at: MapPoint; var color: String }
    struct Label { var text: String; var at: MapPoint; var size: Double; var anchor: TextAnchor; var color: String; var bold: Bool }

    struct Geometry {
        var width: Double
        var height: Double
        var segments: [Segment] = []
        var dots: [Dot] = []
        var labels: [Label] = []
    }

    /// The top of the axis and the step between grid lines: the smallest of
    /// 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1 at or above every value (or the
    /// next whole number), with a round step.
    var axis: (maximum: Double, step: Double) {
        let top = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).max() ?? 0
        let candidates: [(Double, Double)] = [(0.1, 0.02), (0.2, 0.05), (0.3, 0.05), (0.4, 0.1), (0.5, 0.1), (0.6, 0.1), (0.8, 0.2), (1.0, 0.2)]
        for (maximum, step) in candidates where top <= maximum { return (maximum, step) }
        let maximum = top.rounded(.up)
        return (maximum, maximum <= 5 ? 1 : (maximum / 5).rounded(.up))
    }

    func geometry() -> Geometry {
        let plotWidth = max(300, 130 * Double(max(1, waves.count - 1)))
        let plotHeight = 220.0
        let left = 56.0, bottom = 44.0 + 13 * Double(caption.count)
        let legendWidth = 40 + (series.map { PinnedLayout.textWidth($0.name + " 0.000", fontSize: 11) }.max() ?? 0)
        let top = 40.0
        let captionWidth = caption.map { PinnedLayout.textWidth($0, fontSize: 9) }.max() ?? 0
        var g = Geometry(width: max(left + plotWidth + 24 + legendWidth, left + captionWidth + 12), height: bottom + plotHeight + top)
        let (yMax, yStep) = axis
        let inset = 24.0  // first and last wave sit inside the plot
        func x(_ wave: Int) -> Double {
            waves.count < 2 ? left + plotWidth / 2 : left + inset + (plotWidth - 2 * inset) * Double(wave) / Double(waves.count - 1)
        }
        func y(_ value: Double) -> Double { bottom + plotHeight * min(max(value / yMax, 0), 1) }

        g.labels.append(Label(text: title, at: MapPoint(x: left, y: bottom + plotHeight + 18), size: 14, anchor: .start, color: "#222222", bold: true))
        let steps = Int((yMax / yStep).rounded())
        for k in 0 ... steps {
            let value = yStep * Double(k)
            let yy = y(value)
            g.segments.append(Segment(from: MapPoint(x: left, y: yy), to: MapPoint(x: left + plotWidth, y: yy),
                                      color: k == 0 ? "#444444" : "#DDDDDD", width: k == 0 ? 1 : 0.6))
            g.labels.append(Label(text: String(rounded: value, decimals: 2), at: MapPoint(x: left - 6, y: yy - 3.5), size: 9, anchor: .end, color: "#444444", bold: false))
        }
        for (k, wave) in waves.enumerated() {
            g.labels.append(Label(text: wave, at: MapPoint(x: x(k), y: bottom - 16), size: 10, anchor: .middle, color: "#222222", bold: false))
        }
        for (k, line) in caption.enumerated() {
            g.labels.append(Label(text: line, at: MapPoint(x: left, y: 12 + 13 * Double(caption.count - 1 - k)), size: 9, anchor: .start, color: "#444444", bold: false))
        }
        for (s, series) in series.enumerated() {
            var previous: MapPoint? = nil
            for (k, value) in series.values.enumerated() {
                guard k < waves.count, let value, value.isFinite else { previous = nil; continue }
                let p = MapPoint(x: x(k), y: y(value))
                if let previous { g.segments.append(Segment(from: previous, to: p, color: series.color, width: 2)) }
                g.dots.append(Dot(at: p, color: series.color))
                previous = p
            }
            // Legend: a short line, the name and the last value.
            let ly = bottom + plotHeight - 26 - 20 * Double(s)
            let lx = left + plotWidth + 24
            if s == 0, let lastWave = waves.last {
                g.labels.append(Label(text: "value in \(lastWave)", at: MapPoint(x: lx, y: ly + 20), size: 9, anchor: .start, color: "#444444", bold: false))
            }
            g.segments.append(Segment(from: MapPoint(x: lx, y: ly + 3.5), to: MapPoint(x: lx + 24, y: ly + 3.5), color: series.color, width: 2))
            let last = series.values.prefix(waves.count).last { $0 != nil }.flatMap { $0 }
            let text = series.name + (last.map { " " + String(rounded: $0, decimals: 3) } ?? "")
            g.labels.append(Label(text: text, at: MapPoint(x: lx + 30, y: ly), size: 11, anchor: .start, color: "#222222", bold: false))
        }
        return g
    }

    // MARK: - SVG

    /// The chart as an SVG document (no Graphviz needed).
    public func svg() -> String {
        let g = geometry()
        func sy(_ y: Double) -> String { String(rounded: g.height - y, decimals: 2) }
        func sx(_ x: Double) -> String { String(rounded: x, decimals: 2) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(sx(g.width))pt\" height=\"\(sx(g.height))pt\" viewBox=\"0 0 \(sx(g.width)) \(sx(g.height))\">\n"
        out += "<title>\(escapedHTML(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(sx(g.width))\" height=\"\(sx(g.height))\" fill=\"white\"/>\n"
        for s in g.segments {
            out += "<line x1=\"\(sx(s.from.x))\" y1=\"\(sy(s.from.y))\" x2=\"\(sx(s.to.x))\" y2=\"\(sy(s.to.y))\" stroke=\"\(s.color)\" stroke-width=\"\(formatInches(s.width))\" stroke-linecap=\"round\"/>\n"
        }
        for d in g.dots {
            out += "<circle cx=\"\(sx(d.at.x))\" cy=\"\(sy(d.at.y))\" r=\"3.5\" fill=\"\(d.color)\" stroke=\"white\" stroke-width=\"1\"/>\n"
        }
        for l in g.labels {
            out += "<text x=\"\(sx(l.at.x))\" y=\"\(sy(l.at.y))\" font-family=\"\(escapedHTML(fontName)), sans-serif\" font-size=\"\(formatInches(l.size))\""
            if l.bold { out += " font-weight=\"bold\"" }
            out += " fill=\"\(l.color)\" text-anchor=\"\(l.anchor.rawValue)\">\(escapedHTML(l.text))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    // MARK: - Graphviz (PNG)

    /// The chart as a pinned map for ``GraphvizSession/render(_:format:)``:
    /// segment ends are hidden nodes, points small filled circles, texts
    /// plain-text nodes justified left or right in a box of their estimated width).
    public func graphvizMap() -> InfluenceMap {
        let g = geometry()
        var map = InfluenceMap()
        map.fontName = fontName
        map.arrowheads = false
        map.pageSize = "12,8"
        map.fitsPageToText = false
        var positions: [String: MapPoint] = [:]
        func addPerson(_ at: MapPoint, fill: String, style: PersonStyle, diameter: Double) -> Int {
            let name = "p\(map.people.count)"
            positions[name] = at
            map.people.append(InfluenceMap.Person(name: name, label: nil, diameter: diameter, fill: fill, shape: .circle,
                                                  cluster: nil, emphasized: false, style: style))
            return map.people.count - 1
        }
        for s in g.segments {
            let a = addPerson(s.from, fill: s.color, style: .hidden, diameter: 0.01)
            let b = addPerson(s.to, fill: s.color, style: .hidden, diameter: 0.01)
            var line = InfluenceMap.Line(source: a, target: b, width: s.width, mutual: false)
            line.color = s.color
            map.lines.append(line)
        }
        for d in g.dots { _ = addPerson(d.at, fill: d.color, style: .filled, diameter: 0.1) }
        for l in g.labels {
            map.pinnedTexts.append(PinnedText(l.text, at: MapPoint(x: l.at.x, y: l.at.y + l.size * 0.35), anchor: l.anchor,
                                              fontSize: l.size, bold: l.bold, color: l.color))
        }
        map.pinnedPositions = positions
        map.pinnedFrame = MapFrame(lower: MapPoint(x: 0, y: 0), upper: MapPoint(x: g.width, y: g.height))
        return map
    }
}
