import StaffGraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared drawing conventions of the HTML charts, matching StaffGraphRender's
/// ``TrendChart``: Paul Tol's colour-blind-safe schemes, text in `#222222`,
/// axes in `#444444`, grid lines in `#DDDDDD`, numbers with fixed decimals
/// (``NumberText``), coordinates with two decimals, so the same input gives
/// the same bytes.
public enum ChartStyle {
    /// The line and bar colour: Tol "bright" blue, ``TrendChart/colors``' first.
    public static let primary = TrendChart.colors.first ?? "#4477AA"
    /// A highlight colour: Tol "bright" red.
    public static let highlight = TrendChart.colors.count > 1 ? TrendChart.colors[1] : "#EE6677"
    /// Paul Tol's sequential "YlOrBr" scheme (colour-blind safe, readable in
    /// grey-scale print), light to dark, for values from 0 to 1.
    /// Reference: P. Tol, "Colour schemes", SRON/EPS/TN/09-002 (2021), fig. 8.
    public static let sequential = ["#FFFFE5", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506"]
    /// Fill of a cell without a value.
    public static let missingFill = "#F2F2F2"
    /// Text colour.
    public static let text = "#222222"
    /// Axis and secondary text colour.
    public static let axis = "#444444"
    /// Grid line colour.
    public static let grid = "#DDDDDD"
    /// Charts are drawn in points and shown this much larger on the page
    /// (the `width`/`height` attributes; the `viewBox` keeps the drawing's own
    /// units), so that their 10–12 pt texts read like the page's text.
    public static let displayScale = 1.3
    /// Font stack of chart texts (the page's, so charts match the prose).
    public static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"

    /// The colour for `value` in 0…1 (clamped) on ``sequential``, interpolated
    /// between neighbouring stops in sRGB, as `#RRGGBB`.
    public static func sequentialColor(_ value: Double) -> String {
        let v = value.isFinite ? min(max(value, 0), 1) : 0
        let stops = sequential.map(rgb)
        let position = v * Double(stops.count - 1)
        let low = min(Int(position), stops.count - 2)
        let t = position - Double(low)
        let a = stops[low], b = stops[low + 1]
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * t).rounded(.toNearestOrAwayFromZero)) }
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// Black or white, whichever reads better on `fill` (`#RRGGBB`), by WCAG relative luminance.
    public static func textColor(on fill: String) -> String {
        let (r, g, b) = rgb(fill)
        func channel(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : Self.power((s + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
        // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05).
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#FFFFFF"
    }

    /// `x^y` for x > 0 via exp/log series-free stdlib functions (no Foundation).
    static func power(_ x: Double, _ y: Double) -> Double {
        guard x > 0 else { return 0 }
        return exp2(y * log2(x))
    }

    static func rgb(_ hex: String) -> (Int, Int, Int) {
        let digits = Array(hex.unicodeScalars.filter { $0 != "#" }.map(Character.init))
        guard digits.count >= 6 else { return (0, 0, 0) }
        func byte(_ i: Int) -> Int { Int(String(digits[i ..< i + 2]), radix: 16) ?? 0 }
        return (byte(0), byte(2), byte(4))
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        func two(_ x: Int) -> String {
            let s = String(min(max(x, 0), 255), radix: 16, uppercase: true)
            return s.count < 2 ? "0" + s : s
        }
        return "#" + two(r) + two(g) + two(b)
    }

    /// The estimated width of `text` in points at `fontSize` (0.62 em per
    /// character, StaffGraphRender's estimate; generous for proportional fonts).
    static func textWidth(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.62 }
}

/// Writes an SVG drawing element by element, with fixed decimals.
struct SVGWriter {
    var width: Double
    var height: Double
    var body = ""

    /// A coordinate or length: two decimals.
    static func n(_ x: Double) -> String { NumberText.fixed(x, decimals: 2) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, className: String? = nil, title: String? = nil) {
        body += "<rect"
        if let className { body += " class=\"\(className)\"" }
        body += " x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(w, 0)))\" height=\"\(Self.n(max(h, 0)))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        if let title { body += "><title>\(HTML.escapeText(title))</title></rect>\n" } else { body += "/>\n" }
    }

    mutating func text(_ text: String, x: Double, y: Double, size: Double = 11, anchor: String = "start", fill: String = ChartStyle.text,
                       bold: Bool = false, rotate: Double? = nil) {
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" fill=\"\(fill)\" text-anchor=\"\(anchor)\""
        if bold { body += " font-weight=\"bold\"" }
        if let rotate { body += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        body += ">\(HTML.escapeText(text))</text>\n"
    }

    mutating func raw(_ markup: String) { body += markup }

    /// The whole drawing: root with `role="img"`, `aria-label`, `<title>`, `<desc>`.
    func document(title: String, description: String, standalone: Bool) -> String {
        var out = "<svg"
        if standalone { out += " xmlns=\"http://www.w3.org/2000/svg\"" }
        out += " class=\"sg-chart\" width=\"\(Self.n(width * ChartStyle.displayScale))\" height=\"\(Self.n(height * ChartStyle.displayScale))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\""
        out += " role=\"img\" aria-label=\"\(HTML.escapeAttribute(title + ". " + description))\" font-family=\"\(HTML.escapeAttribute(ChartStyle.fontFamily))\">\n"
        out += "<title>\(HTML.escapeText(title))</title>\n<desc>\(HTML.escapeText(description))</desc>\n"
        out += body
        out += "</svg>\n"
        return out
    }
}

/// A Lorenz curve: how unequally requests (in-degrees, or any non-negative
/// values) are spread over people. People are sorted from least to most
/// sought; the curve shows the share of all requests held by the bottom
/// share of people. The diagonal is perfect equality; the further the curve
/// sags below it, the more a few people carry.
public struct LorenzCurve: Sendable, Equatable {
    /// One value per person (negative and non-finite values count as 0).
    public var values: [Double]
    /// Accessible title ("How evenly advice requests are spread").
    public var title: String
    /// Text alternative; `nil` writes one from the data (top 20 % share, bottom half share).
    public var description: String?
    /// Horizontal axis label.
    public var xLabel = "share of people (least sought first)"
    /// Vertical axis label.
    public var yLabel = "share of requests"
    /// Legend text of the curve.
    public var curveLabel = "actual spread"
    /// Legend text of the diagonal.
    public var equalityLabel = "everyone equal"

    /// Creates a curve.
    public init(values: [Double], title: String, description: String? = nil) {
        self.values = values
        self.title = title
        self.description = description
    }

    /// The curve's points, (share of people, share of requests), from (0, 0)
    /// to (1, 1), one per person after the origin. With no requests at all,
    /// the diagonal from (0, 0) to (1, 1).
    public var points: [(x: Double, y: Double)] {
        let clean = values.map { $0.isFinite && $0 > 0 ? $0 : 0 }.sorted()
        let total = clean.reduce(0, +)
        guard !clean.isEmpty, total > 0 else { return [(0, 0), (1, 1)] }
        var result: [(x: Double, y: Double)] = [(0, 0)]
        var running = 0.0
        for (k, v) in clean.enumerated() {
            running += v
            result.append((Double(k + 1) / Double(clean.count), k == clean.count - 1 ? 1 : running / total))
        }
        return result
    }

    /// The share of requests held by the bottom `share` of people (linear between points).
    public func cumulativeShare(atPeopleShare share: Double) -> Double {
        let p = points
        let s = min(max(share, 0), 1)
        for k in 1 ..< p.count where p[k].x >= s {
            let (x0, y0) = p[k - 1], (x1, y1) = p[k]
            return x1 > x0 ? y0 + (y1 - y0) * (s - x0) / (x1 - x0) : y1
        }
        return 1
    }

    /// The generated text alternative.
    public var generatedDescription: String {
        let total = values.reduce(0) { $0 + ($1.isFinite && $1 > 0 ? $1 : 0) }
        guard total > 0 else { return "Nobody received any requests, so there is no spread to show." }
        let top = 1 - cumulativeShare(atPeopleShare: 0.8)
        let bottom = cumulativeShare(atPeopleShare: 0.5)
        return "Lorenz curve of \(values.count) people. The most sought 20% of people receive \(NumberText.percent(top)) of requests; the least sought half receive \(NumberText.percent(bottom))."
    }

    /// The chart as inline SVG (`standalone` adds the `xmlns` a separate file needs).
    public func svg(standalone: Bool = false) -> String {
        let left = 64.0, top = 16.0, size = 280.0, bottom = 52.0, right = 20.0
        var w = SVGWriter(width: left + size + right, height: top + size + bottom)
        func px(_ x: Double) -> Double { left + size * x }
        func py(_ y: Double) -> Double { top + size * (1 - y) }
        for k in 0 ... 4 {
            let t = Double(k) / 4
            w.line(px(t), py(0), px(t), py(1), stroke: ChartStyle.grid, width: 0.6)
            w.line(px(0), py(t), px(1), py(t), stroke: ChartStyle.grid, width: 0.6)
            w.text(NumberText.percent(t), x: px(t), y: py(0) + 16, size: 10, anchor: "middle", fill: ChartStyle.axis)
            w.text(NumberText.percent(t), x: px(0) - 6, y: py(t) + 3.5, size: 10, anchor: "end", fill: ChartStyle.axis)
        }
        w.line(px(0), py(0), px(1), py(0), stroke: ChartStyle.axis)
        w.line(px(0), py(0), px(0), py(1), stroke: ChartStyle.axis)
        let p = points
        // Shaded gap between equality and the curve.
        let gap = p.map { "\(SVGWriter.n(px($0.x))),\(SVGWriter.n(py($0.y)))" }.joined(separator: " ")
        w.raw("<polygon points=\"\(gap)\" fill=\"\(ChartStyle.primary)\" fill-opacity=\"0.12\" stroke=\"none\"/>\n")
        w.line(px(0), py(0), px(1), py(1), stroke: ChartStyle.axis, width: 1.2, dash: "5 4")
        w.raw("<polyline class=\"sg-lorenz\" points=\"\(gap)\" fill=\"none\" stroke=\"\(ChartStyle.primary)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n")
        // Legend in the empty upper-left triangle.
        let lx = px(0) + 12, ly = py(1) + 14
        w.line(lx, ly - 4, lx + 24, ly - 4, stroke: ChartStyle.primary, width: 2.5)
        w.text(curveLabel, x: lx + 30, y: ly, size: 11)
        w.line(lx, ly + 14, lx + 24, ly + 14, stroke: ChartStyle.axis, width: 1.2, dash: "5 4")
        w.text(equalityLabel, x: lx + 30, y: ly + 18, size: 11)
        w.text(xLabel, x: px(0.5), y: py(0) + 38, size: 11, anchor: "middle")
        w.text(yLabel, x: left - 44, y: py(0.5), size: 11, anchor: "middle", rotate: -90)
        return w.document(title: title, description: description ?? generatedDescription, standalone: standalone)
    }

    /// The chart as page markup.
    public var fragment: HTMLFragment { .raw(svg()) }
}

/// A heat map of a group × group matrix (for example the density of advice
/// ties from each team to each team), values in 0…1 or missing. Each cell
/// prints its number; missing cells are pale grey with "–"; the colour scale
/// is Tol's sequential YlOrBr (``ChartStyle/sequential``).
public struct HeatMap: Sendable, Equatable {
    /// Row labels, top to bottom.
    public var rowLabels: [String]
    /// Column labels, left to right.
    public var columnLabels: [String]
    /// `values[row][column]`, 0…1 (clamped for colour), `nil` = no value. Short rows are padded with `nil`.
    public var values: [[Double?]]
    /// Accessible title.
    public var title: String
    /// Text alternative; `nil` writes one (size, highest and lowest cell).
    public var description: String?
    /// What the rows are ("asking team"), written along the left.
    public var rowTitle: String?
    /// What the columns are ("team asked"), written above.
    public var columnTitle: String?
    /// Decimals of the printed numbers.
    public var decimals = 2
    /// Side of a cell in points.
    public var cellSize = 46.0

    /// Creates a heat map.
    public init(rowLabels: [String], columnLabels: [String], values: [[Double?]], title: String, description: String? = nil) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.title = title
        self.description = description
    }

    /// The value at (`row`, `column`), `nil` when missing or out of range.
    public func value(_ row: Int, _ column: Int) -> Double? {
        guard row < values.count, column < values[row].count, let v = values[row][column], v.isFinite else { return nil }
        return v
    }

    /// The generated text alternative.
    public var generatedDescription: String {
        var best: (Double, Int, Int)? = nil, worst: (Double, Int, Int)? = nil
        for r in rowLabels.indices {
            for c in columnLabels.indices {
                guard let v = value(r, c) else { continue }
                if best == nil || v > (best?.0 ?? 0) { best = (v, r, c) }
                if worst == nil || v < (worst?.0 ?? 0) { worst = (v, r, c) }
            }
        }
        var text = "Table of \(rowLabels.count) rows by \(columnLabels.count) columns."
        if let best, let worst {
            text += " Highest: \(rowLabels[best.1]) to \(columnLabels[best.2]), \(NumberText.fixed(best.0, decimals: decimals))."
            text += " Lowest: \(rowLabels[worst.1]) to \(columnLabels[worst.2]), \(NumberText.fixed(worst.0, decimals: decimals))."
        } else {
            text += " No cell has a value."
        }
        return text
    }

    /// The chart as inline SVG (`standalone` adds `xmlns`).
    public func svg(standalone: Bool = false) -> String {
        let labelSize = 11.0
        let cell = max(cellSize, 24)
        let rowLabelWidth = (rowLabels.map { ChartStyle.textWidth($0, fontSize: labelSize) }.max() ?? 0)
        let columnLabelWidth = columnLabels.map { ChartStyle.textWidth($0, fontSize: labelSize) }.max() ?? 0
        let rotated = columnLabelWidth > cell - 6
        // Rotated labels run up and to the right at 45°.
        let columnBand = rotated ? columnLabelWidth * 0.7072 + 10 : labelSize + 8
        let left = (rowTitle == nil ? 8.0 : 26.0) + rowLabelWidth + 8
        let top = (columnTitle == nil ? 6.0 : 24.0) + columnBand
        let gridWidth = cell * Double(columnLabels.count), gridHeight = cell * Double(rowLabels.count)
        let legendTop = top + gridHeight + 22
        let hasMissing = rowLabels.indices.contains { r in columnLabels.indices.contains { c in value(r, c) == nil } }
        let rightOverhang = rotated ? columnLabelWidth * 0.7072 : 0
        let legendWidth = 5 * 36.0 + (hasMissing ? 90 : 0)
        var w = SVGWriter(width: max(left + gridWidth + rightOverhang + 10, left + legendWidth + 10), height: legendTop + 40)

        if let columnTitle { w.text(columnTitle, x: left + gridWidth / 2, y: 14, size: 11, anchor: "middle", fill: ChartStyle.axis, bold: true) }
        if let rowTitle { w.text(rowTitle, x: 14, y: top + gridHeight / 2, size: 11, anchor: "middle", fill: ChartStyle.axis, bold: true, rotate: -90) }
        for (c, label) in columnLabels.enumerated() {
            let x = left + cell * (Double(c) + 0.5)
            if rotated {
                w.text(label, x: x - 3, y: top - 6, size: labelSize, anchor: "start", rotate: -45)
            } else {
                w.text(label, x: x, y: top - 6, size: labelSize, anchor: "middle")
            }
        }
        for (r, label) in rowLabels.enumerated() {
            let y = top + cell * (Double(r) + 0.5)
            w.text(label, x: left - 8, y: y + 4, size: labelSize, anchor: "end")
            for (c, columnLabel) in columnLabels.enumerated() {
                let x = left + cell * Double(c)
                let cy = top + cell * Double(r)
                if let v = value(r, c) {
                    let fill = ChartStyle.sequentialColor(v)
                    let printed = NumberText.fixed(v, decimals: decimals)
                    w.rect(x, cy, cell, cell, fill: fill, stroke: "#FFFFFF", className: "sg-cell", title: "\(label) → \(columnLabel): \(printed)")
                    w.text(printed, x: x + cell / 2, y: cy + cell / 2 + 4, size: 11, anchor: "middle", fill: ChartStyle.textColor(on: fill))
                } else {
                    w.rect(x, cy, cell, cell, fill: ChartStyle.missingFill, stroke: "#FFFFFF", className: "sg-cell sg-missing", title: "\(label) → \(columnLabel): no value")
                    w.text("–", x: x + cell / 2, y: cy + cell / 2 + 4, size: 11, anchor: "middle", fill: "#555555")
                }
            }
        }
        w.rect(left, top, gridWidth, gridHeight, fill: "none", stroke: "#BBBBBB")
        // Legend: five swatches, then "no value".
        for k in 0 ... 4 {
            let v = Double(k) / 4
            let x = left + 36 * Double(k)
            w.rect(x, legendTop, 36, 12, fill: ChartStyle.sequentialColor(v), stroke: "#BBBBBB")
            w.text(NumberText.fixed(v, decimals: 2), x: x + 18, y: legendTop + 26, size: 10, anchor: "middle", fill: ChartStyle.axis)
        }
        if hasMissing {
            let x = left + 5 * 36 + 16
            w.rect(x, legendTop, 36, 12, fill: ChartStyle.missingFill, stroke: "#BBBBBB")
            w.text("–", x: x + 18, y: legendTop + 10, size: 10, anchor: "middle", fill: "#555555")
            w.text("no value", x: x + 18, y: legendTop + 26, size: 10, anchor: "middle", fill: ChartStyle.axis)
        }
        return w.document(title: title, description: description ?? generatedDescription, standalone: standalone)
    }

    /// The chart as page markup.
    public var fragment: HTMLFragment { .raw(svg()) }
}

/// A horizontal bar chart: one labelled bar per item, its value printed at the end.
public struct BarChart: Sendable, Equatable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// Text left of the bar.
        public var label: String
        /// Length (negative and non-finite values draw no bar).
        public var value: Double
        /// Printed value; `nil` prints ``value`` with the chart's decimals.
        public var valueText: String?
        /// Draw in ``ChartStyle/highlight`` instead of ``ChartStyle/primary``.
        public var highlighted: Bool

        /// Creates a bar.
        public init(_ label: String, _ value: Double, valueText: String? = nil, highlighted: Bool = false) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.highlighted = highlighted
        }
    }

    /// The bars, top to bottom.
    public var bars: [Bar]
    /// Accessible title.
    public var title: String
    /// Text alternative; `nil` lists every bar.
    public var description: String?
    /// Decimals of printed values.
    public var decimals = 0
    /// The value drawn full length; `nil` = the largest value.
    public var maximum: Double?
    /// Length of a full bar in points.
    public var barAreaWidth = 340.0

    /// Creates a chart.
    public init(bars: [Bar], title: String, description: String? = nil) {
        self.bars = bars
        self.title = title
        self.description = description
    }

    private func printed(_ bar: Bar) -> String { bar.valueText ?? NumberText.fixed(bar.value, decimals: decimals) }

    /// Labels longer than this many characters are cut with "…" on the chart (the description keeps them whole).
    public static let maximumLabelLength = 34

    private func shown(_ label: String) -> String {
        label.count <= Self.maximumLabelLength ? label : String(label.prefix(Self.maximumLabelLength - 1)) + "…"
    }

    /// The generated text alternative: "label value; …".
    public var generatedDescription: String {
        bars.isEmpty ? "No values." : bars.map { "\($0.label): \(printed($0))" }.joined(separator: "; ") + "."
    }

    /// The chart as inline SVG (`standalone` adds `xmlns`).
    public func svg(standalone: Bool = false) -> String {
        let size = 12.0, rowHeight = 26.0, barHeight = 16.0
        let labelWidth = bars.map { ChartStyle.textWidth(shown($0.label), fontSize: size) }.max() ?? 0
        let valueWidth = bars.map { ChartStyle.textWidth(printed($0), fontSize: size) }.max() ?? 0
        let left = labelWidth + 16, top = 8.0
        let top2 = bars.map { $0.value.isFinite ? $0.value : 0 }.max() ?? 0
        let scale = maximum ?? top2
        var w = SVGWriter(width: left + barAreaWidth + 8 + valueWidth + 8, height: top + rowHeight * Double(bars.count) + 8)
        for (k, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(k)
            let v = bar.value.isFinite ? max(bar.value, 0) : 0
            let length = scale > 0 ? barAreaWidth * min(v / scale, 1) : 0
            w.text(shown(bar.label), x: left - 8, y: y + barHeight / 2 + 4.5, size: size, anchor: "end")
            w.rect(left, y, length, barHeight, fill: bar.highlighted ? ChartStyle.highlight : ChartStyle.primary, className: "sg-bar")
            w.text(printed(bar), x: left + length + 6, y: y + barHeight / 2 + 4.5, size: size, fill: ChartStyle.text)
        }
        w.line(left, top - 4, left, top + rowHeight * Double(bars.count) - 6, stroke: ChartStyle.axis)
        return w.document(title: title, description: description ?? generatedDescription, standalone: standalone)
    }

    /// The chart as page markup.
    public var fragment: HTMLFragment { .raw(svg()) }
}
