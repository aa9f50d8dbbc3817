import StaffGraphCore

/// How a difference map draws a tie between two waves.
public enum TieDifference: String, Sendable, CaseIterable {
    /// In both waves: thin grey.
    case stable
    /// Only in the later wave: blue.
    case new
    /// Only in the earlier wave: orange, dashed.
    case dissolved
}

/// One line of a difference map, between roster indices.
public struct DifferenceLine: Sendable, Equatable {
    /// The person who names.
    public var source: Int
    /// The person named.
    public var target: Int
    /// What happened to the tie.
    public var kind: TieDifference

    /// Creates a line.
    public init(source: Int, target: Int, kind: TieDifference) {
        self.source = source
        self.target = target
        self.kind = kind
    }
}

extension InfluenceMapBuilder {
    /// Colour of new ties (Paul Tol's "bright" blue; colour-blind safe against the orange).
    public static let newTieColor = "#0077BB"
    /// Colour of dissolved ties (Paul Tol's "vibrant" orange).
    public static let dissolvedTieColor = "#EE7733"
    /// Colour of stable ties.
    public static let stableTieColor = "#BBBBBB"

    /// A difference map between two waves: the people of `request` (sizes,
    /// colours, labels, ghosts) with new ties in blue, dissolved ties dashed
    /// in orange and stable ties thin and grey, and a legend of the three.
    /// People on staff in both waves are `present`; a leaver or a joiner is
    /// one of `ghosts` (a dashed outline, as on the maps of single waves),
    /// with the ties they lost or gained drawn to it, and the caption counts them.
    ///
    /// Lines are drawn stable first, then dissolved, then new (so change is on
    /// top), each by (source, target); a pair with the same kind both ways is
    /// one two-headed line.
    /// - Parameters:
    ///   - nodeCount: the roster size (indices of `lines` and of the request's arrays).
    ///   - lines: the ties to draw.
    ///   - legendCounts: the numbers shown in the legend for each kind (for
    ///     example counted over observed cells only), or `nil` to count `lines`.
    public static func buildDifference(nodeCount: Int, lines: [DifferenceLine], request: MapRequest,
                                       legendCounts: [TieDifference: String]? = nil) -> InfluenceMap {
        var builder = GraphBuilder(nodeCount: nodeCount)
        for line in lines { builder.addTie(from: line.source, to: line.target) }
        let union = builder.build(parallelTies: .max, selfLoops: .drop).graph
        var map = build(graph: union, request: request)
        var index: [String: Int] = [:]
        for (i, person) in map.people.enumerated() { index[person.name] = i }

        var kindOf: [Int: [Int: TieDifference]] = [:]
        for line in lines where line.source != line.target { kindOf[line.source, default: [:]][line.target] = line.kind }
        var drawn: [InfluenceMap.Line] = []
        for kind in [TieDifference.stable, .dissolved, .new] {
            let ofKind = lines.filter { $0.kind == kind && $0.source != $0.target }
                .sorted { ($0.source, $0.target) < ($1.source, $1.target) }
            for line in ofKind {
                let back = kindOf[line.target]?[line.source]
                if back == kind && line.target < line.source { continue }  // drawn once, from the lower index
                guard let s = index["n\(line.source)"], let t = index["n\(line.target)"] else { continue }
                var l = InfluenceMap.Line(source: s, target: t, width: kind == .stable ? 0.6 : 1.6, mutual: back == kind)
                switch kind {
                case .stable: l.color = stableTieColor
                case .new: l.color = newTieColor
                case .dissolved: l.color = dissolvedTieColor; l.style = .dashed
                }
                drawn.append(l)
            }
        }
        map.lines = drawn
        for kind in [TieDifference.new, .dissolved, .stable] {
            let count = legendCounts?[kind] ?? String(lines.filter { $0.kind == kind }.count)
            let (label, color, style): (String, String, LineStyle) = switch kind {
            case .new: ("new tie (\(count))", newTieColor, .solid)
            case .dissolved: ("dissolved tie (\(count))", dissolvedTieColor, .dashed)
            case .stable: ("stable tie (\(count))", stableTieColor, .solid)
            }
            map.legend.append(.init(label: label, fill: color, shape: .circle, line: style))
        }
        // The builder's encoding line speaks of tie strength; a difference map shows change instead.
        var caption = request.caption
        var encoding = "Node size: \(request.sizeName)"
        if let colors = request.colors?.colors { encoding += " · colour: \(colors.description)" }
        encoding += " · blue: new · orange dashed: dissolved · grey: stable · two heads: both directions"
        caption.append(encoding)
        let people = map.people.filter { $0.style != .ghost }.count
        let ghosts = map.people.count - people
        var drawing = "\(people) people, \(lines.count) ties drawn · "
        drawing += request.layoutNote ?? "layout \(map.layout.rawValue)\(map.layout.isSeeded ? ", seed \(map.seed)" : "")"
        if ghosts > 0 { drawing += " · dashed circles: \(ghosts) on staff in only one of the two waves (left or joined)" }
        caption.append(drawing)
        map.caption = caption
        return map
    }
}
