import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

/// One influence map of the school report: one relation in one wave, drawn
/// as SVG at the positions shared by every map of the report.
public struct ReportMapLayer: Sendable {
    /// The relation and wave drawn.
    public var key: LayerKey
    /// "Advice, spring".
    public var title: String
    /// The map as Graphviz SVG (node `n<i>` is roster person `i`).
    public var svg: String
    /// Whether each roster person is on this map (present in the wave).
    public var present: [Bool]
    /// Each roster person's in-degree in this layer (0 when absent).
    public var inDegrees: [Int]
}

/// The maps of the school report: every relation and wave of the network,
/// at the positions of one layout of all of them together (so switching
/// layers keeps everyone in place), sized by in-degree on one scale per
/// relation, coloured by team, formal leaders as squares.
public enum ReportMaps {
    /// Lays out and renders the maps, `first` (the report's layer) first.
    /// `labels` are the names shown (pseudonyms under anonymization); `team`
    /// colours people, in the run's ``GroupColors`` of that roster column (made
    /// from the whole roster the network was selected from); `formal` marks formal leaders (`formalRule` describes them).
    public static func build(network: Network, first: LayerKey, labels: [String], team: SchoolReport.Column?,
                             formal: [Bool]?, formalRule: String?, seed: Int, caption: String) async throws -> [ReportMapLayer] {
        let roster = network.roster
        let n = roster.count
        // The main layer first (it shows first), then its relation's other waves, then the other relations.
        var layers = network.layers.filter { $0.key == first }
        layers += network.layers.filter { $0.key.relation == first.relation && $0.key != first }
        layers += network.layers.filter { $0.key.relation != first.relation }
        guard !layers.isEmpty else { return [] }
        let inDegrees = layers.map { layer in (0 ..< n).map { layer.graph.inDegree($0) } }
        let presence = layers.map { WavePresence(graph: $0.graph, responses: roster.responses(wave: $0.key.wave)).present }
        let presentAny = (0 ..< n).map { v in presence.contains { $0[v] } }
        let mostEver = (0 ..< n).map { v in Double(inDegrees.map { $0[v] }.max() ?? 0) }
        let shown = presentAny.filter { $0 }.count
        let mode: LabelMode = shown <= 80 ? .all : .top(30)
        let layoutNote = "the same positions on every map (one layout of all relations and waves, seed \(seed))"

        // The run's colours, from the whole roster (``GroupColors``): as on `draw` and `compare` maps and exports.
        let coloring = team.map { team in
            GroupColoring(values: team.values, colors: (try? roster.groupColors(by: team.name, file: "")) ?? GroupColors(column: team.name, values: team.values))
        }
        func request(sizes: [Double], present: [Bool], maximum: Double) -> MapRequest {
            var r = MapRequest(sizeValues: sizes, sizeName: "in-degree (times sought out)", labels: labels, labelMode: mode)
            r.present = present
            r.ghosts = presentAny
            r.sizeMaximum = maximum
            r.seed = seed
            r.layoutNote = layoutNote
            if let coloring { r.colors = coloring }
            if let formal, formal.contains(true) {
                r.formal = formal
                r.formalRule = formalRule
            }
            return r
        }

        var union = GraphBuilder(nodeCount: n)
        for layer in layers { for t in layer.graph.ties { union.addTie(from: t.source, to: t.target, weight: t.weight) } }
        let unionGraph = union.build(parallelTies: .max, selfLoops: .drop).graph
        var unionRequest = request(sizes: mostEver, present: presentAny, maximum: mostEver.max() ?? 0)
        unionRequest.ghosts = nil
        let positions = try await GraphvizSession.shared.layoutPositions(InfluenceMapBuilder.build(graph: unionGraph, request: unionRequest))

        var maps: [InfluenceMap] = []
        for (k, layer) in layers.enumerated() {
            let relationMax = zip(layers, inDegrees).filter { $0.0.key.relation == layer.key.relation }.flatMap { $0.1 }.max() ?? 0
            var r = request(sizes: inDegrees[k].map(Double.init), present: presence[k], maximum: Double(relationMax))
            r.caption = caption.isEmpty ? [] : [caption]
            maps.append(InfluenceMapBuilder.build(graph: layer.graph, request: r))
        }
        let pinned = PinnedLayout.pin(maps, at: positions)
        var out: [ReportMapLayer] = []
        for (k, layer) in layers.enumerated() {
            let bytes = try await GraphvizSession.shared.render(pinned[k], format: .svg).bytes
            out.append(ReportMapLayer(key: layer.key, title: title(layer.key), svg: String(decoding: bytes, as: UTF8.self),
                                      present: presence[k], inDegrees: inDegrees[k]))
        }
        return out
    }

    /// "Advice, spring" (the relation capitalised, then the wave).
    public static func title(_ key: LayerKey) -> String {
        let r = key.relation == "ties" ? "Ties" : key.relation.prefix(1).uppercased() + key.relation.dropFirst()
        return key.wave.map { "\(r), \($0)" } ?? String(r)
    }
}
