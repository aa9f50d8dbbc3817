/// Graphviz layout engines StaffGraph offers. (`curved` splines are never
/// offered: on Graphviz 2.42 they take exponential time.)
public enum LayoutEngine: String, Sendable, CaseIterable {
    /// Stress majorization: the default up to a few hundred people.
    case neato
    /// Force-directed (Fruchterman–Reingold). (Graphviz 2.42's fdp orients the
    /// edges of its working graph by comparing node addresses; with object IDs
    /// in creation order its maps were byte-identical over every run tried,
    /// but that one comparison is outside StaffGraph's control.)
    case fdp
    /// Multiscale force-directed: the default for large networks.
    case sfdp
    /// Layered: for hierarchies (reports-to trees).
    case dot
    /// Circular.
    case circo

    /// Whether the engine reads the `start` seed.
    var isSeeded: Bool { self == .neato || self == .fdp || self == .sfdp }
    /// Whether maps with cluster boxes can use the engine: dot draws them
    /// itself; for neato, fdp and sfdp StaffGraph lays out each box and then
    /// the boxes (see ``GraphvizSession/layoutPositions(_:)``). circo cannot.
    public var drawsClusters: Bool { self != .circo }
}

/// Node shapes used on a map.
public enum NodeShape: String, Sendable {
    /// Everyone.
    case circle
    /// Formal leaders.
    case square
}

/// How a person's node is drawn.
public enum PersonStyle: String, Sendable {
    /// Filled with the person's colour (everyone on the map).
    case filled
    /// An empty dashed outline: someone not part of this wave, kept in place
    /// so that a series of maps lines up (joiners before they join, leavers after they leave).
    case ghost
    /// Not drawn at all: a fixed point that lines attach to (chart axes).
    case hidden
}

/// How a line is drawn.
public enum LineStyle: String, Sendable {
    /// A continuous line.
    case solid
    /// A dashed line.
    case dashed
    /// A dotted line.
    case dotted
}

/// A point on a pinned map, in points (1/72 inch), y upwards, as Graphviz lays out.
public struct MapPoint: Sendable, Equatable {
    /// Horizontal position in points.
    public var x: Double
    /// Vertical position in points (upwards).
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The rectangle a pinned map is drawn in: two invisible corner points fix
/// Graphviz's bounding box, so every map of a series has the same page and
/// the same coordinates (Graphviz 2.42 recomputes `bb` from the nodes even
/// when it is given, so the corners are nodes).
public struct MapFrame: Sendable, Equatable {
    /// Lower-left corner.
    public var lower: MapPoint
    /// Upper-right corner.
    public var upper: MapPoint

    /// Creates a frame.
    public init(lower: MapPoint, upper: MapPoint) {
        self.lower = lower
        self.upper = upper
    }

    /// Width in points.
    public var width: Double { upper.x - lower.x }
    /// Height in points.
    public var height: Double { upper.y - lower.y }
}

/// Where a pinned text sits relative to its position (as SVG's `text-anchor`).
public enum TextAnchor: String, Sendable {
    /// The text starts at the position.
    case start
    /// The text is centred on the position.
    case middle
    /// The text ends at the position.
    case end
}

/// A text drawn at a fixed place on a pinned map (a panel title, a chart axis label).
public struct PinnedText: Sendable, Equatable {
    /// The text.
    public var text: String
    /// Where it is anchored (see ``anchor``), vertically its middle, in points.
    public var position: MapPoint
    /// Which part of the text sits at ``position``.
    public var anchor: TextAnchor
    /// Font size in points.
    public var fontSize: Double
    /// Bold.
    public var bold: Bool
    /// Text colour, `#RRGGBB`.
    public var color: String

    /// Creates a text.
    public init(_ text: String, at position: MapPoint, anchor: TextAnchor = .middle, fontSize: Double = 11, bold: Bool = false, color: String = "#222222") {
        self.text = text
        self.position = position
        self.anchor = anchor
        self.fontSize = fontSize
        self.bold = bold
        self.color = color
    }
}

/// A name placed on a pinned map by ``LabelPlacement``.
public struct PlacedLabel: Sendable, Equatable {
    /// Where Graphviz draws it (`xlp`), in points: the middle of the text
    /// block, which Graphviz centres its lines on.
    public var position: MapPoint
    /// Its lines: the name, or the name broken at a space into two.
    public var lines: [String]

    /// Creates a placed name.
    public init(position: MapPoint, lines: [String]) {
        self.position = position
        self.lines = lines
    }
}

/// Everything needed to draw one influence map, already decided: which
/// people, how big, which colour, which label, which ties and how thick.
/// The renderer knows nothing of measures or rosters; ``InfluenceMapBuilder``
/// makes one from a graph and per-person values.
public struct InfluenceMap: Sendable, Equatable {
    /// One person (node).
    public struct Person: Sendable, Equatable {
        /// Stable node name (`n<index>`): never a person's name.
        public var name: String
        /// Text drawn beside the node, or `nil` for none.
        public var label: String?
        /// Text shown when pointing at the node (SVG tooltip), or `nil` for ``label``.
        public var tooltip: String? = nil
        /// Node diameter in inches.
        public var diameter: Double
        /// Fill colour, `#RRGGBB`.
        public var fill: String
        /// Shape.
        public var shape: NodeShape
        /// Index into ``InfluenceMap/clusters``, if drawn inside a box.
        public var cluster: Int?
        /// Drawn with a heavy outline (the ego of an ego map).
        public var emphasized: Bool
        /// Filled (default), a ghost outline, or hidden.
        public var style: PersonStyle = .filled
        /// A heavy outline in this colour (`#RRGGBB`), e.g. the ends and the cut
        /// of a channels map; `nil` for none. Drawn over ``emphasized``.
        public var outline: String? = nil
    }

    /// One line between two people. Mutual ties are one line with two heads.
    public struct Line: Sendable, Equatable {
        /// Index of the person who names (or the lower index of a mutual pair).
        public var source: Int
        /// Index of the person named.
        public var target: Int
        /// Line width in points.
        public var width: Double
        /// Both named each other.
        public var mutual: Bool
        /// Line colour `#RRGGBB[AA]`, or `nil` for the map's default grey.
        public var color: String? = nil
        /// Dashed or dotted, or `nil` for a plain line.
        public var style: LineStyle? = nil
    }

    /// One entry of the legend.
    public struct LegendEntry: Sendable, Equatable {
        /// What it stands for.
        public var label: String
        /// Fill colour, `#RRGGBB`.
        public var fill: String
        /// Shape drawn.
        public var shape: NodeShape
        /// When set, the entry shows a line of this style in the colour `fill`, not a node.
        public var line: LineStyle? = nil
    }

    /// The people, in drawing (roster) order.
    public var people: [Person] = []
    /// The lines, ordered by (source, target).
    public var lines: [Line] = []
    /// Legend entries, in order.
    public var legend: [LegendEntry] = []
    /// Box labels for clustered maps.
    public var clusters: [String] = []
    /// Title above everything, if any.
    public var title: String?
    /// Lines of the caption: what is shown (relation, wave, threshold, response rate, seed).
    public var caption: [String] = []
    /// The layout engine.
    public var layout: LayoutEngine = .neato
    /// The layout seed (printed in the caption).
    public var seed: Int = 1
    /// Draw arrowheads.
    public var arrowheads = true
    /// Font for every text.
    public var fontName = "DejaVu Sans"
    /// Resolution of PNG output.
    public var pngDPI = "150"
    /// The largest drawing, `"width,height"` in inches (Graphviz `size`); larger drawings are scaled down.
    /// Rendering replaces it (see ``fittingPage()``) unless ``fitsPageToText`` is off.
    public var pageSize = "14,14"
    /// Whether rendering sizes the page so that text keeps its size (``fittingPage()``);
    /// off for charts that set a page of their own.
    public var fitsPageToText = true
    /// How much larger than usual the title, legend and caption are set: more
    /// than 1 on a map scaled down to ``maximumPageInches``, so that they print
    /// at their usual size.
    public var textScale = 1.0
    /// Fixed positions of people by node name (``Person/name``), in points.
    /// When set, nothing is laid out: every person must have a position, and
    /// Graphviz's `nop` engine (`neato -n`) draws them there, so maps of
    /// several waves line up exactly.
    public var pinnedPositions: [String: MapPoint]? = nil
    /// With ``pinnedPositions``: the rectangle every map of a series shares.
    public var pinnedFrame: MapFrame? = nil
    /// With ``pinnedPositions``: the box of each of ``clusters`` (same order), in points.
    public var pinnedClusterBoxes: [MapFrame]? = nil
    /// Texts at fixed places (pinned maps only).
    public var pinnedTexts: [PinnedText] = []
    /// Where each person's name is drawn, by node name, as
    /// ``LabelPlacement`` chose on a pinned map (see ``placingLabels()``);
    /// `nil` lets Graphviz place the names. When set, a person with a
    /// ``Person/label`` but no entry here is drawn without their name (it
    /// keeps its tooltip).
    public var placedLabels: [String: PlacedLabel]? = nil
    /// How much room neato, fdp and sfdp layouts keep for names, as a multiple
    /// of their area, when not the usual ``labelRoom`` (2): more on maps whose
    /// names are long and must all be drawn (a membership map's group names).
    public var labelRoom: Double? = nil

    /// Creates an empty map.
    public init() {}
}

// MARK: - Attributes shared by the cgraph builder and the DOT text writer

extension InfluenceMap {
    /// The Graphviz layout engine to run: `nop` (positions given, `neato -n`) for pinned maps.
    var engineName: String { pinnedPositions == nil ? layout.rawValue : "nop" }

    /// Font size of the names beside the nodes, in points.
    static let labelFontSize = 9.0

    /// Space kept around every node when overlaps are removed, in points (Graphviz `sep=+4`).
    static let nodeSeparation = 4.0

    /// Whether rendering lays the map out in steps of its own and draws it
    /// pinned there, instead of leaving it all to Graphviz: unpinned neato, fdp
    /// and sfdp maps. Graphviz 2.42 does not give the same result twice for
    /// them: `overlap=prism` changes in the last bits run to run (see
    /// ``OverlapRemoval``), and fdp's cluster boxes moved completely between
    /// runs (and overlapped).
    var removesOverlapsItself: Bool {
        pinnedPositions == nil && layout.isSeeded
    }

    /// Root attributes set on top of ``graphAttributes`` when Graphviz lays
    /// the map out in-process: no overlap removal when ``OverlapRemoval`` does
    /// it. (The DOT text keeps `overlap=prism`, so Graphviz alone draws it well.)
    var layoutOverrides: [(String, String)] {
        removesOverlapsItself ? [("overlap", "true")] : []
    }

    /// Graph attributes, in a fixed order.
    var graphAttributes: [(String, String)] {
        if pinnedPositions != nil {
            // Positions are given in points: no overlap removal (it would move people), no
            // translation (so coordinates are the same on every map of a series).
            return [
                ("layout", "nop"), ("fontname", fontName), ("bgcolor", "white"), ("pad", "0.3"),
                ("outputorder", "edgesfirst"), ("splines", "line"), ("size", pageSize),
                ("labelloc", "b"), ("labeljust", "l"), ("forcelabels", "true"),
                ("overlap", "true"), ("notranslate", "true"),
            ]
        }
        var attributes: [(String, String)] = [
            ("layout", layout.rawValue),
            ("fontname", fontName),
            ("bgcolor", "white"),
            ("pad", "0.3"),
            ("outputorder", "edgesfirst"),
            ("splines", "line"),
            ("size", pageSize),
            ("labelloc", "b"),
            ("labeljust", "l"),
            ("forcelabels", "true"),
        ]
        switch layout {
        case .neato, .fdp, .sfdp:
            attributes += [("overlap", "prism"), ("sep", "+\(formatInches(Self.nodeSeparation))"), ("start", String(seed))]
        case .dot:
            // Network-simplex iteration caps: 28 s → 0.5 s on a 900-tie advice network, same tree layouts.
            attributes += [("rankdir", "BT"), ("nodesep", "0.25"), ("nslimit", "2"), ("nslimit1", "2"), ("mclimit", "0.5")]
        case .circo:
            attributes += [("mindist", "0.4")]
        }
        if layout == .neato { attributes.append(("mode", "major")) }
        return attributes
    }

    /// Node attributes declared once with their defaults.
    var nodeDefaults: [(String, String)] {
        [("shape", "circle"), ("style", "filled"), ("fixedsize", "true"), ("label", ""), ("xlabel", ""),
         ("width", "0.2"), ("height", "0.2"), ("fillcolor", "#DDDDDD"), ("color", "#444444"), ("penwidth", "0.8"),
         ("fontname", fontName), ("fontsize", formatInches(Self.labelFontSize)), ("fontcolor", "#222222"), ("tooltip", "")]
    }

    /// Edge attributes declared once with their defaults.
    var edgeDefaults: [(String, String)] {
        [("color", "#55555566"), ("penwidth", "1"), ("arrowsize", "0.5"), ("dir", arrowheads ? "forward" : "none")]
    }

    /// This person's attributes (only those that differ per node).
    func attributes(of person: Person) -> [(String, String)] {
        // A square of side d has 4/π times the area of a circle of diameter d: scale it to equal area.
        let side = person.shape == .square ? person.diameter * (Double.pi / 4).squareRoot() : person.diameter
        var a: [(String, String)] = [
            ("width", formatInches(side)),
            ("height", formatInches(side)),
            ("fillcolor", person.fill),
            ("shape", person.shape.rawValue),
        ]
        if let label = person.label {
            if let placed = placedLabels {
                // Placed by LabelPlacement: Graphviz's nop engine draws an xlabel with `xlp` where it says.
                if let spot = placed[person.name] {
                    let p = spot.position
                    // Lines joined with `\n` (centred lines), each shown literally.
                    a.append(("xlabel", (spot.lines.isEmpty ? [label] : spot.lines).map(escapedPlainLabel).joined(separator: "\\n")))
                    a.append(("xlp", "\(String(rounded: p.x, decimals: 2)),\(String(rounded: p.y, decimals: 2))"))
                    // A name placed on its own node: the text colour that contrasts most with the fill.
                    if let centre = pinnedPositions?[person.name], abs(p.x - centre.x) < 0.5, abs(p.y + Self.labelBoxRaise - centre.y) < 0.5 {
                        a.append(("fontcolor", contrastingText(on: person.fill)))
                    }
                }
            } else {
                a.append(("xlabel", escapedPlainLabel(label)))
            }
            a.append(("tooltip", escapedPlainLabel(label)))
        }
        if let tooltip = person.tooltip {
            a.removeAll { $0.0 == "tooltip" }
            a.append(("tooltip", escapedPlainLabel(tooltip)))
        }
        if person.emphasized { a += [("penwidth", "3"), ("color", "#000000")] }
        if let outline = person.outline { a += [("penwidth", "3"), ("color", outline)] }
        switch person.style {
        case .filled: break
        case .ghost:
            // A white hole with a dashed rim: ties pass under it, the place stays visible.
            a += [("style", "filled,dashed"), ("fillcolor", "#FFFFFF"), ("color", "#666666"), ("penwidth", "1.2"), ("fontcolor", "#777777")]
        case .hidden: a += [("style", "invis"), ("width", "0.01"), ("height", "0.01")]
        }
        if let p = pinnedPositions?[person.name] { a.append(("pos", pinnedPosition(p))) }
        return a
    }

    /// Extra nodes of a pinned map: the two frame corners (invisible) and the
    /// pinned texts, as (name, attributes).
    var pinnedExtraNodes: [(String, [(String, String)])] {
        guard pinnedPositions != nil else { return [] }
        var nodes: [(String, [(String, String)])] = []
        if let frame = pinnedFrame {
            for (name, corner) in [("_frame_lower", frame.lower), ("_frame_upper", frame.upper)] {
                nodes.append((name, [("style", "invis"), ("width", "0.01"), ("height", "0.01"), ("pos", pinnedPosition(corner))]))
            }
        }
        for (i, text) in pinnedTexts.enumerated() {
            // A box a little wider than the text, its line justified left (\l) or right (\r)
            // inside, placed so that the box's edge is the anchor.
            let width = PinnedLayout.textWidth(text.text, fontSize: text.fontSize) + 4
            var center = text.position
            var label = escapedPlainLabel(text.text)
            switch text.anchor {
            case .start: center.x += width / 2; label += "\\l"
            case .end: center.x -= width / 2; label += "\\r"
            case .middle: break
            }
            nodes.append(("_text_\(i)", [
                ("shape", "plaintext"), ("style", ""), ("fixedsize", "true"), ("width", formatInches(width / 72)),
                ("height", formatInches(text.fontSize * 1.3 / 72)), ("margin", "0"),
                ("label", label), ("fontsize", formatInches(text.fontSize)), ("fontcolor", text.color),
                ("fontname", text.bold ? fontName + " Bold" : fontName), ("pos", pinnedPosition(center)),
            ]))
        }
        return nodes
    }

    /// `"x,y!"` with two decimals: a pinned position in points.
    private func pinnedPosition(_ p: MapPoint) -> String {
        "\(String(rounded: p.x, decimals: 2)),\(String(rounded: p.y, decimals: 2))!"
    }

    /// This line's attributes.
    func attributes(of line: Line) -> [(String, String)] {
        var a: [(String, String)] = [("penwidth", formatInches(line.width))]
        if line.mutual { a.append(("dir", arrowheads ? "both" : "none")) }
        if let color = line.color { a.append(("color", color)) }
        if let style = line.style, style != .solid { a.append(("style", style.rawValue)) }
        return a
    }

    /// The HTML-like graph label: title, legend and caption in one table.
    var htmlLabel: String? {
        if title == nil && legend.isEmpty && caption.isEmpty { return nil }
        var rows: [String] = []
        if let title {
            rows.append("<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(pointSize(16))\"><B>\(escapedHTML(title))</B></FONT></TD></TR>")
        }
        // Each legend row is one left-aligned text cell of coloured symbol + label runs
        // (nested tables would be stretched to the widest row).
        let cells = legendCells()
        var rowStart = 0
        while rowStart < cells.count {
            var rowEnd = rowStart
            var width = 0
            while rowEnd < cells.count && (rowEnd == rowStart || (width + cells[rowEnd].length <= 90 && legend[rowEnd].shape == legend[rowStart].shape
                                                                  && (legend[rowEnd].line == nil) == (legend[rowStart].line == nil))) {
                width += cells[rowEnd].length
                rowEnd += 1
            }
            let row = cells[rowStart ..< rowEnd].map(\.html).joined(separator: "&#160;&#160;&#160;&#160;")
            rows.append("<TR><TD ALIGN=\"LEFT\">\(row)</TD></TR>")
            rowStart = rowEnd
        }
        for line in caption {
            rows.append("<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(pointSize(9))\" COLOR=\"#444444\">\(escapedHTML(line))</FONT></TD></TR>")
        }
        return "<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">" + rows.joined() + "</TABLE>"
    }

    /// `size` points times ``textScale``, as Graphviz reads it.
    private func pointSize(_ size: Double) -> String { formatInches(size * textScale) }

    /// Legend entries as HTML text runs, with their text length for wrapping.
    private func legendCells() -> [(html: String, length: Int)] {
        legend.map { entry in
            if let line = entry.line {
                // ━━━ solid, ╍╍╍ dashed, ┅┅┅ dotted (DejaVu Sans box drawing).
                let glyph = line == .solid ? "&#9473;" : line == .dashed ? "&#9549;" : "&#9477;"
                let html = "<FONT COLOR=\"\(entry.fill)\" POINT-SIZE=\"\(pointSize(12))\">\(glyph)\(glyph)\(glyph)</FONT>&#160;<FONT POINT-SIZE=\"\(pointSize(11))\">\(escapedHTML(entry.label))</FONT>"
                return (html, entry.label.count + 5)
            }
            let symbol = entry.shape == .square ? "&#9632;" : "&#9679;"
            let color = entry.fill == "#FFFFFF" ? "#888888" : entry.fill
            let html = "<FONT COLOR=\"\(color)\" POINT-SIZE=\"\(pointSize(14))\">\(symbol)</FONT>&#160;<FONT POINT-SIZE=\"\(pointSize(11))\">\(escapedHTML(entry.label))</FONT>"
            return (html, entry.label.count + 5)
        }
    }
}

extension String {
    /// `x` rounded half away from zero, printed with exactly `decimals`
    /// decimals: stable text for positions and values, whatever the platform's float printing.
    init(rounded x: Double, decimals: Int) {
        var unit: Int64 = 1
        for _ in 0 ..< decimals { unit *= 10 }
        let scaled = (x * Double(unit)).rounded()
        let magnitude = Int64(abs(scaled))
        let fraction = String(magnitude % unit)
        self = (scaled < 0 ? "-" : "") + "\(magnitude / unit)"
            + (decimals > 0 ? "." + String(repeating: "0", count: decimals - fraction.count) + fraction : "")
    }
}

/// Inches (or points) with at most three decimals, no trailing zeros.
func formatInches(_ x: Double) -> String {
    let scaled = (x * 1000).rounded()
    let whole = Int(scaled) / 1000
    var fraction = String(Int(scaled) % 1000)
    while fraction.count < 3 { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
}

/// A plain Graphviz label that shows `text` literally: plain labels interpret
/// backslash escapes (`\N`, `\n` …) and decode HTML entities, so every
/// backslash is doubled and `&` becomes `&amp;`.
func escapedPlainLabel(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "\\": out += "\\\\"
        case "&": out += "&amp;"
        case "\n", "\r": out += " "
        default: out.append(ch)
        }
    }
    return out
}

/// Text for an HTML-like label: `& < > " '` as entities; a backslash as an
/// entity so that `\N` is not expanded.
func escapedHTML(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\\": out += "&#92;"
        case "\n", "\r": out += " "
        default: out.append(ch)
        }
    }
    return out
}
