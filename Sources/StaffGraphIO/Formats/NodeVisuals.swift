import StaffGraphCore

/// An sRGB colour, 0–255 per channel.
public struct RGBColor: Sendable, Equatable, CustomStringConvertible {
    /// Red.
    public var red: UInt8
    /// Green.
    public var green: UInt8
    /// Blue.
    public var blue: UInt8

    /// Creates a colour from its channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// A colour from `#RRGGBB` text (as ``GroupColors`` gives), or `nil` for other text.
    public init?(hex text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        for d in digits[1...] {
            let nibble: UInt8
            switch d {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): nibble = d - UInt8(ascii: "0")
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): nibble = d - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): nibble = d - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        self.init(hex: value)
    }

    /// `#RRGGBB`.
    public var description: String {
        let digits = Array("0123456789ABCDEF")
        var s = "#"
        for c in [red, green, blue] { s.append(digits[Int(c >> 4)]); s.append(digits[Int(c & 15)]) }
        return s
    }
}

/// What sets a node's size in a drawing.
public enum NodeSizeSource: Sendable, Equatable {
    /// Ties received (being sought out), summed over the layers written.
    case inDegree
    /// Ties sent, summed over the layers written.
    case outDegree
    /// Ties received plus ties sent, summed over the layers written.
    case degree
    /// A numeric roster column.
    case attribute(String)

    /// `in-degree`, `out-degree`, `degree`, or a column name.
    public init(_ text: String) {
        switch text.lowercased() {
        case "in-degree", "in_degree", "indegree": self = .inDegree
        case "out-degree", "out_degree", "outdegree": self = .outDegree
        case "degree": self = .degree
        default: self = .attribute(text)
        }
    }

    /// The name as people write it (`in-degree`, `out-degree`, `degree`, or the column).
    public var name: String {
        switch self {
        case .inDegree: return "in-degree"
        case .outDegree: return "out-degree"
        case .degree: return "degree"
        case .attribute(let column): return column
        }
    }
}

/// Per-person sizes and colours for a drawing format (GEXF `viz`, GraphML
/// Gephi keys, DOT `width` and `fillcolor`).
///
/// Sizes scale linearly from 5 (smallest value) to 30 (largest), or are all
/// 10 when every value is the same; people with no value get 5. Colours are
/// the run's ``GroupColors`` of the column, made from the whole roster's
/// values, so a file written for a selection or one `--per` group uses the
/// colours of the maps and of the whole school; people with no value are
/// ``GroupColors/missingColor``.
public struct NodeVisuals: Sendable {
    /// One size per person, or `nil` when sizes are not set.
    public var sizes: [Double]?
    /// One colour per person, or `nil` when colours are not set.
    public var colors: [RGBColor]?
    /// Which value got which colour, in the order of ``GroupColors/groups`` (groups beyond the palette left out).
    public var legend: [(value: String, color: RGBColor)]
    /// Notes for standard error (the scale, the colours).
    public var notes: [String]

    /// Sizes and colours for `network`'s people.
    /// - Throws: ``InputError`` (`.usage`) when a named column does not exist or is not numeric (for sizes).
    public static func make(for network: Network, sizeBy: NodeSizeSource?, colorBy: String?, file: String) throws(InputError) -> NodeVisuals {
        let n = network.roster.count
        var visuals = NodeVisuals(sizes: nil, colors: nil, legend: [], notes: [])
        let columns = NodeColumn.columns(of: network.roster)
        func column(_ name: String, setting: IOSetting) throws(InputError) -> NodeColumn {
            guard let c = columns.first(where: { $0.name == name }) ?? columns.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw InputError(.usage, file: file, "there is no node attribute '\(name.clipped)' (given with \(setting: setting))",
                                 hint: columns.isEmpty ? "the network has no node attributes; give a roster with them (\(setting: .roster))" : "the attributes are: \(columns.map(\.name).joined(separator: ", "))")
            }
            return c
        }
        if let sizeBy {
            var raw = [Double?](repeating: nil, count: n)
            switch sizeBy {
            case .inDegree, .outDegree, .degree:
                var counts = [Double](repeating: 0, count: n)
                for layer in network.layers {
                    for v in 0 ..< n {
                        if sizeBy != .outDegree { counts[v] += Double(layer.graph.inDegree(v)) }
                        if sizeBy != .inDegree { counts[v] += Double(layer.graph.outDegree(v)) }
                    }
                }
                raw = counts.map { Optional($0) }
            case .attribute(let name):
                let c = try column(name, setting: .sizeBy)
                guard c.type != .string else {
                    throw InputError(.usage, file: file, "the attribute '\(c.name.clipped)' is not numeric, so it cannot set sizes",
                                     hint: "\(setting: .sizeBy) takes in-degree, out-degree, degree or a numeric column; use \(setting: .colorBy) for categories")
                }
                raw = c.values.map { $0.isEmpty ? nil : Double($0) }
            }
            let present = raw.compactMap { $0 }
            let low = present.min() ?? 0, high = present.max() ?? 0
            visuals.sizes = raw.map { value in
                guard let value else { return 5 }
                if high == low { return 10 }
                return 5 + 25 * (value - low) / (high - low)
            }
            visuals.notes.append("node sizes from \(sizeBy.name)\(network.layers.count > 1 && sizeBy.isDegree ? " (summed over the \(network.layers.count) layers written)" : ""): \(formatWeight(low)) → 5, \(formatWeight(high)) → 30")
        }
        if let colorBy {
            let c = try column(colorBy, setting: .colorBy)
            let assignment = GroupColors(column: c.name, population: network.roster.population(of: c.name) ?? [], sameGroup: rosterValueKey)
            for group in assignment.groups {
                if let color = group.color.flatMap(RGBColor.init(hex:)) { visuals.legend.append((group.value, color)) }
            }
            let missing = RGBColor(hex: 0xFFFFFF)
            visuals.colors = c.values.map { RGBColor(hex: assignment.color(of: $0)) ?? missing }
            var shown = visuals.legend.map { "\($0.value) \($0.color)" }.joined(separator: ", ")
            let other = assignment.otherGroups.count
            if other > 0 { shown += "; \(other) smaller value\(other == 1 ? "" : "s") \(GroupColors.otherColor) (other)" }
            visuals.notes.append("node colours from '\(c.name.clipped)', as on the maps: \(shown)")
        }
        return visuals
    }
}

extension NodeSizeSource {
    var isDegree: Bool {
        if case .attribute = self { return false }
        return true
    }
}
