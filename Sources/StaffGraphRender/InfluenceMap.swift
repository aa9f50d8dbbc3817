/// Graphviz layout engines StaffGraph offers. (`curved` splines are never
/// offered: on Graphviz 2.42 they take exponential time.)
public enum LayoutEngine: String, Sendable, CaseIterable {
    /// Stress majorization: the default up to a few hundred people.
    case neato
    /// Force-directed; the engine that draws `--cluster-by` boxes.
    case fdp
    /// Multiscale force-directed: the default for large networks.
    case sfdp
    /// Layered: for hierarchies (reports-to trees).
    case dot
    /// Circular.
    case circo

    /// Whether the engine reads the `start` seed.
    var isSeeded: Bool { self == .neato || self == .fdp || self == .sfdp }
    /// Whether the engine draws clusters as boxes.
    var drawsClusters: Bool { self == .fdp || self == .dot }
}

/// Node shapes used on a map.
public enum NodeShape: String, Sendable {
    /// Everyone.
    case circle
    /// Formal leaders.
    case square
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
    }

    /// One entry of the legend.
    public struct LegendEntry: Sendable, Equatable {
        /// What it stands for.
        public var label: String
        /// Fill colour, `#RRGGBB`.
        public var fill: String
        /// Shape drawn.
        public var shape: NodeShape
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

    /// Creates an empty map.
    public init() {}
}

// MARK: - Attributes shared by the cgraph builder and the DOT text writer

extension InfluenceMap {
    /// Graph attributes, in a fixed order.
    var graphAttributes: [(String, String)] {
        var attributes: [(String, String)] = [
            ("layout", layout.rawValue),
            ("fontname", fontName),
            ("bgcolor", "white"),
            ("pad", "0.3"),
            ("outputorder", "edgesfirst"),
            ("splines", "line"),
            ("size", "14,14"),
            ("labelloc", "b"),
            ("labeljust", "l"),
            ("forcelabels", "true"),
        ]
        switch layout {
        case .neato, .fdp, .sfdp:
            attributes += [("overlap", "prism"), ("sep", "+4"), ("start", String(seed))]
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
         ("fontname", fontName), ("fontsize", "9"), ("fontcolor", "#222222"), ("tooltip", "")]
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
            a.append(("xlabel", escapedPlainLabel(label)))
            a.append(("tooltip", escapedPlainLabel(label)))
        }
        if person.emphasized { a += [("penwidth", "3"), ("color", "#000000")] }
        return a
    }

    /// This line's attributes.
    func attributes(of line: Line) -> [(String, String)] {
        var a: [(String, String)] = [("penwidth", formatInches(line.width))]
        if line.mutual { a.append(("dir", arrowheads ? "both" : "none")) }
        return a
    }

    /// The HTML-like graph label: title, legend and caption in one table.
    var htmlLabel: String? {
        if title == nil && legend.isEmpty && caption.isEmpty { return nil }
        var rows: [String] = []
        if let title {
            rows.append("<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>\(escapedHTML(title))</B></FONT></TD></TR>")
        }
        // Each legend row is one left-aligned text cell of coloured symbol + label runs
        // (nested tables would be stretched to the widest row).
        let cells = legendCells()
        var rowStart = 0
        while rowStart < cells.count {
            var rowEnd = rowStart
            var width = 0
            while rowEnd < cells.count && (rowEnd == rowStart || (width + cells[rowEnd].length <= 90 && legend[rowEnd].shape == legend[rowStart].shape)) {
                width += cells[rowEnd].length
                rowEnd += 1
            }
            let row = cells[rowStart ..< rowEnd].map(\.html).joined(separator: "&#160;&#160;&#160;&#160;")
            rows.append("<TR><TD ALIGN=\"LEFT\">\(row)</TD></TR>")
            rowStart = rowEnd
        }
        for line in caption {
            rows.append("<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#444444\">\(escapedHTML(line))</FONT></TD></TR>")
        }
        return "<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">" + rows.joined() + "</TABLE>"
    }

    /// Legend entries as HTML text runs, with their text length for wrapping.
    private func legendCells() -> [(html: String, length: Int)] {
        legend.map { entry in
            let symbol = entry.shape == .square ? "&#9632;" : "&#9679;"
            let color = entry.fill == "#FFFFFF" ? "#888888" : entry.fill
            let html = "<FONT COLOR=\"\(color)\" POINT-SIZE=\"14\">\(symbol)</FONT>&#160;<FONT POINT-SIZE=\"11\">\(escapedHTML(entry.label))</FONT>"
            return (html, entry.label.count + 5)
        }
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
