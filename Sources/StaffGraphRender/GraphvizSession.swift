import CGraphviz
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What went wrong inside Graphviz, with its own words.
public struct RenderError: Error, CustomStringConvertible, Sendable, Equatable {
    /// One sentence saying what failed.
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// Graphviz's messages, joined into lines.
    public var graphvizMessages: [String]

    /// Creates an error.
    public init(_ message: String, hint: String? = nil, graphvizMessages: [String] = []) {
        self.message = message
        self.hint = hint
        self.graphvizMessages = graphvizMessages
    }

    /// `error: message`, Graphviz's lines, then `hint: …`.
    public var description: String {
        var text = "error: \(message)"
        for line in graphvizMessages { text += "\n  graphviz: \(line)" }
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Output formats of an influence map.
public enum MapFormat: String, Sendable, CaseIterable {
    /// Raster image (cairo plugin).
    case png
    /// Vector image (core plugin).
    case svg
    /// Printable document (cairo plugin); not byte-stable (cairo embeds a date).
    case pdf
    /// Graphviz source text, written by ``InfluenceMap/dotText()`` without Graphviz.
    case dot

    /// The format for a file name's extension, if known.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// The Graphviz device that renders it.
    var device: String {
        switch self {
        case .png: return "png:cairo"
        case .svg: return "svg"
        case .pdf: return "pdf:cairo"
        case .dot: return "dot"
        }
    }
}

/// Graphviz's messages for the current job. Graphviz reports through a C
/// function pointer, so this is global state, behind a mutex.
private let capturedMessages = Mutex<String>("")

/// Receives Graphviz's messages (in fragments) instead of letting them reach stderr.
private func captureGraphvizMessage(_ text: UnsafeMutablePointer<CChar>?) -> Int32 {
    guard let text else { return 0 }
    let fragment = String(cString: text)
    capturedMessages.withLock { $0 += fragment }
    return 0
}

/// The one place that calls Graphviz.
///
/// Graphviz is not thread-safe, even with one context per thread, so every
/// call goes through this actor, which owns one context for the life of the
/// process (a context per render leaks memory). No cgraph pointer escapes it.
public actor GraphvizSession {
    /// The process-wide session.
    public static let shared = GraphvizSession()

    private let context: OpaquePointer?

    private init() {
        _ = agseterrf(captureGraphvizMessage)
        _ = agseterr(AGWARN)
        context = gvContext()
    }

    /// Layout engines and devices Graphviz has installed.
    public func availablePlugins() -> (layouts: [String], devices: [String]) {
        (pluginList("layout"), pluginList("device"))
    }

    private func pluginList(_ kind: String) -> [String] {
        guard let context else { return [] }
        var count: Int32 = 0
        guard let list = kind.withCString({ gvPluginList(context, $0, &count, nil) }) else { return [] }
        var names: [String] = []
        for i in 0 ..< Int(count) {
            if let entry = list[i] {
                names.append(String(cString: entry))
                free(entry)
            }
        }
        free(list)
        return names
    }

    /// Fails with a clear hint unless the layouts and devices StaffGraph uses are installed.
    public func checkPlugins(layout: LayoutEngine, format: MapFormat) throws(RenderError) {
        try checkPlugins(engine: layout.rawValue, format: format)
    }

    private func checkPlugins(engine: String, format: MapFormat) throws(RenderError) {
        guard context != nil else {
            throw RenderError("Graphviz could not start (gvContext failed)", hint: "reinstall it: apt-get install --reinstall libgvc6")
        }
        let (layouts, devices) = availablePlugins()
        if let problem = Self.pluginProblem(layouts: layouts, devices: devices, engine: engine, format: format) { throw problem }
    }

    /// The error to report when `layouts`/`devices` (as `gvPluginList` names
    /// them, e.g. `neato:neato_layout`, `png:cairo`) lack what a render needs, or `nil`.
    public static func pluginProblem(layouts: [String], devices: [String], layout: LayoutEngine, format: MapFormat) -> RenderError? {
        pluginProblem(layouts: layouts, devices: devices, engine: layout.rawValue, format: format)
    }

    /// ``pluginProblem(layouts:devices:layout:format:)`` for a layout named by
    /// its Graphviz name (`nop` for pinned maps, which the neato plugin provides).
    static func pluginProblem(layouts: [String], devices: [String], engine: String, format: MapFormat) -> RenderError? {
        // gvPluginList names layouts "neato" or "neato:…" and devices by format alone ("png").
        func has(_ list: [String], _ wanted: String) -> Bool {
            let base = wanted.split(separator: ":").first.map(String.init) ?? wanted
            return list.contains { $0 == base || $0.hasPrefix(base + ":") }
        }
        if !has(layouts, engine) {
            return RenderError("Graphviz has no '\(engine)' layout plugin (found: \(layouts.isEmpty ? "none" : layouts.joined(separator: ", ")))",
                               hint: "Graphviz's plugin list (config6a) is missing or stale; as root run: libgvc6-config-update -c (or apt-get install --reinstall libgvc6)")
        }
        if format != .dot && !has(devices, format.device) {
            return RenderError("Graphviz cannot write \(format.rawValue.uppercased()): device '\(format.device)' missing (found: \(devices.isEmpty ? "none" : devices.joined(separator: ", ")))",
                               hint: format == .svg ? "as root run: libgvc6-config-update -c" : "PNG and PDF come from Graphviz's cairo plugin in libgvc6; as root run: apt-get install --reinstall libgvc6 && libgvc6-config-update -c")
        }
        return nil
    }

    /// Lays out and renders `map`. Returns the file's bytes and any warnings Graphviz gave.
    ///
    /// Maps laid out by neato, fdp or sfdp are placed by
    /// ``layoutPositions(_:)`` and drawn there, so the same map gives the same
    /// bytes on every run; Graphviz 2.42's own overlap removal and fdp cluster
    /// boxes do not (see ``OverlapRemoval``).
    ///
    /// Names are placed by StaffGraph, not Graphviz, on every engine: a map
    /// with names is laid out first (dot and circo maps by their engine, with
    /// dot's cluster boxes), pinned there, and ``InfluenceMap/placingLabels()``
    /// puts each name nearer its own person than anyone else, clear of other
    /// names and people (names that do not fit are left out and counted in
    /// the caption). The `nop` engine then draws each name at its place
    /// (`xlabel` with `xlp`). A map with ``InfluenceMap/placedLabels``
    /// already set is drawn as it is.
    public func render(_ map: InfluenceMap, format: MapFormat) throws(RenderError) -> (bytes: [UInt8], warnings: [String]) {
        if format == .dot { return (Array(map.dotText().utf8), []) }
        var map = map
        var layoutMessages: [String] = []
        if map.removesOverlapsItself {
            let placed = try stableLayout(map)
            layoutMessages = placed.messages
            map.pinnedPositions = placed.positions
            map.pinnedClusterBoxes = placed.boxes
        } else if map.pinnedPositions == nil && map.hasLabels {
            let placed = try engineLayout(map)
            layoutMessages = placed.messages
            map.pinnedPositions = placed.positions
            map.pinnedClusterBoxes = placed.boxes
        }
        map = map.fittingPage()
        if map.pinnedPositions != nil && map.placedLabels == nil && map.hasLabels { map = map.placingLabels() }
        return try withLayout(of: map, format: format) { (graph, context, pinnedMessages) throws(RenderError) in
            var messages = layoutMessages + pinnedMessages
            var data: UnsafeMutablePointer<CChar>? = nil
            var length = 0
            let rendered = format.device.withCString { sg_render_data(context, graph, $0, &data, &length) }
            messages += takeMessages()
            guard rendered == 0, let data else {
                throw RenderError("Graphviz could not render \(format.rawValue.uppercased())", graphvizMessages: messages)
            }
            defer { gvFreeRenderData(data) }
            let bytes = data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
            if let problem = messages.first(where: isError) {
                throw RenderError("Graphviz reported an error: \(problem)", graphvizMessages: messages)
            }
            return (bytes, messages)
        }
    }

    /// Lays `map` out once and returns where each person landed, by node
    /// name, in points (Graphviz's layout coordinates, y upwards), rounded to
    /// 0.01 pt. Reuse them as ``InfluenceMap/pinnedPositions`` so that several
    /// maps (one per wave) put everyone in the same place.
    ///
    /// The same map gives the same positions on every run. With neato, fdp
    /// and sfdp, Graphviz lays the map out without removing overlaps and
    /// ``OverlapRemoval`` separates the nodes; cluster boxes are laid out one
    /// by one and then arranged (Graphviz's fdp boxes move from run to run).
    /// Nothing is rendered.
    public func layoutPositions(_ map: InfluenceMap) throws(RenderError) -> [String: MapPoint] {
        var unpinned = map
        unpinned.pinnedPositions = nil
        unpinned.pinnedTexts = []
        if unpinned.removesOverlapsItself { return try stableLayout(unpinned).positions }
        return try rawPositions(unpinned).positions
    }

    /// The radius in points within which a person's node lies: half the
    /// diameter of a circle, half the diagonal of a square (of the circle's area).
    static func reach(_ person: InfluenceMap.Person) -> Double {
        person.shape == .square ? person.diameter * 72 * (Double.pi / 4).squareRoot() * 2.squareRoot() / 2 : person.diameter * 36
    }

    /// Positions of an unpinned map as Graphviz lays it out (with the
    /// overlap handling of ``InfluenceMap/layoutOverrides``), rounded to 0.01 pt,
    /// and Graphviz's messages.
    private func rawPositions(_ map: InfluenceMap) throws(RenderError) -> (positions: [String: MapPoint], messages: [String]) {
        // Names play no part in where people go (Graphviz places xlabels after the layout): leave them out.
        var map = map
        for i in map.people.indices { map.people[i].label = nil }
        return try withLayout(of: map, format: .svg) { (graph, _, messages) throws(RenderError) in
            (laidOutCentres(graph, people: map.people), messages)
        }
    }

    /// Graphviz's own width, in points, of each of `texts` drawn as a name
    /// (``InfluenceMap/labelFontSize`` in `fontName`): what Pango measures,
    /// read from Graphviz's xdot output. For checking ``TextMetrics``.
    func measuredTextWidths(_ texts: [String], fontName: String = "DejaVu Sans") throws(RenderError) -> [Double] {
        var map = InfluenceMap()
        map.fontName = fontName
        var positions: [String: MapPoint] = [:], placed: [String: PlacedLabel] = [:]
        for (i, text) in texts.enumerated() {
            let name = "n\(i)"
            map.people.append(.init(name: name, label: text, diameter: 0.1, fill: Style.plainFill, shape: .circle, cluster: nil, emphasized: false))
            positions[name] = MapPoint(x: 0, y: Double(40 * i))
            placed[name] = PlacedLabel(position: MapPoint(x: 400, y: Double(40 * i)), lines: [text])
        }
        map.pinnedPositions = positions
        map.placedLabels = placed
        return try withLayout(of: map, format: .svg) { (graph, context, messages) throws(RenderError) in
            var data: UnsafeMutablePointer<CChar>? = nil
            var length = 0
            let rendered = "xdot".withCString { sg_render_data(context, graph, $0, &data, &length) }
            guard rendered == 0, let data else { throw RenderError("Graphviz could not write xdot", graphvizMessages: messages + takeMessages()) }
            defer { gvFreeRenderData(data) }
            let text = data.withMemoryRebound(to: UInt8.self, capacity: length) { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
            // Each name's `_ldraw_` holds `… T x y justification width bytes -text`, nodes in creation order.
            var widths: [Double] = []
            for part in text.split(separator: "_ldraw_=\"", omittingEmptySubsequences: false).dropFirst() {
                guard let t = part.firstRange(of: " T ") else { continue }
                let fields = part[t.upperBound...].split(separator: " ", maxSplits: 4)
                if fields.count > 3, let w = Double(fields[3]) { widths.append(w) }
            }
            return widths
        }
    }

    /// Positions of a dot or circo map as its engine lays it out (rounded to
    /// 0.01 pt), with dot's cluster boxes (`nil` without clusters), to pin it.
    /// Graphviz writes the boxes' `bb` attributes only when it renders (its
    /// `dot` output), so the laid-out graph is rendered to DOT text, unused.
    private func engineLayout(_ map: InfluenceMap) throws(RenderError) -> (positions: [String: MapPoint], boxes: [MapFrame]?, messages: [String]) {
        // Names play no part in where people go (Graphviz places xlabels after the layout, which
        // costs time on dense maps): leave them out.
        var unlabelled = map
        unlabelled.pinnedTexts = []
        for i in unlabelled.people.indices { unlabelled.people[i].label = nil }
        return try withLayout(of: unlabelled, format: .svg) { (graph, context, messages) throws(RenderError) in
            let positions = laidOutCentres(graph, people: map.people)
            guard !map.clusters.isEmpty else { return (positions, nil, messages) }
            var data: UnsafeMutablePointer<CChar>? = nil
            var length = 0
            let rendered = "dot".withCString { sg_render_data(context, graph, $0, &data, &length) }
            if let data { gvFreeRenderData(data) }
            let all = messages + takeMessages()
            guard rendered == 0 else { throw RenderError("Graphviz could not lay out the map's boxes", graphvizMessages: all) }
            var boxes = [MapFrame?](repeating: nil, count: map.clusters.count)
            var sub = agfstsubg(graph)
            while let g = sub {
                if let name = agnameof(UnsafeMutableRawPointer(g)).map({ String(cString: $0) }), name.hasPrefix("cluster_"),
                   let i = Int(name.dropFirst(8)), i >= 0, i < boxes.count,
                   let bb = withMutableCString("bb", { agget(UnsafeMutableRawPointer(g), $0) }).map({ String(cString: $0) }) {
                    let v = bb.split(separator: ",").compactMap { Double($0) }
                    if v.count == 4 { boxes[i] = MapFrame(lower: MapPoint(x: v[0], y: v[1]), upper: MapPoint(x: v[2], y: v[3])) }
                }
                sub = agnxtsubg(g)
            }
            // A box Graphviz did not report (an empty cluster) becomes a point where it cannot be seen.
            return (positions, boxes.map { $0 ?? MapFrame(lower: MapPoint(x: 0, y: 0), upper: MapPoint(x: 0, y: 0)) }, all)
        }
    }

    /// Where Graphviz put each of `people` in the laid-out `graph`, by node
    /// name, rounded to 0.01 pt.
    ///
    /// The nodes are matched to people by creation order (``CGraphBuilder``
    /// creates one node per person, in people order, before any other node;
    /// cgraph iterates nodes in creation order), not by `agnameof`: with the
    /// creation-order ID discipline (``CGraphBuilder``), Graphviz 2.42 answers
    /// `%3`, `%5` … for node names once a layout has run, so a lookup by name
    /// found nobody and every person started from the origin (which is why
    /// neato, fdp and sfdp maps had collapsed, nearly collinear layouts).
    private func laidOutCentres(_ graph: UnsafeMutablePointer<Agraph_t>, people: [InfluenceMap.Person]) -> [String: MapPoint] {
        var positions: [String: MapPoint] = [:]
        var node = agfstnode(graph)
        var k = 0
        while let n = node, k < people.count {
            positions[people[k].name] = MapPoint(x: (sg_node_x(n) * 100).rounded() / 100, y: (sg_node_y(n) * 100).rounded() / 100)
            k += 1
            node = agnxtnode(graph, n)
        }
        return positions
    }

    /// Graphviz's layout of `map`'s people (no boxes, no overlap removal), then
    /// ``OverlapRemoval`` with Graphviz's 4-point `sep`, making room for the
    /// names so that ``LabelPlacement`` can put them where they cannot be
    /// mistaken: when at most a third of the people are named, each named
    /// person is separated as a larger circle (``InfluenceMap/labelDisc(_:)``),
    /// which clears a ring around them; in any case the layout is then spread
    /// out (if needed) until the nodes and twice the names' area
    /// (``InfluenceMap/labelRoom``) cover at most `density` of the drawing.
    /// Centres in people order.
    ///
    /// People without a line are left out of the Graphviz layout and set in
    /// rows below it (``IsolateRows``): Graphviz packs every unconnected person
    /// as a component of its own, in time growing with the square of their
    /// number (1,000 alone: 9 s; 3,000: over a minute).
    private func separatedCentres(_ map: InfluenceMap, density: Double = OverlapRemoval.targetDensity) throws(RenderError) -> (centres: [MapPoint], messages: [String]) {
        let n = map.people.count
        let radii = map.people.map(Self.reach)
        var linked = [Bool](repeating: false, count: n)
        for line in map.lines where line.source < n && line.target < n && line.source != line.target {
            linked[line.source] = true
            linked[line.target] = true
        }
        let core = (0 ..< n).filter { linked[$0] }
        var centres = [MapPoint](repeating: MapPoint(x: 0, y: 0), count: n)
        var messages: [String] = []
        var coreFrame: MapFrame? = nil
        if !core.isEmpty {
            let sub = map.layoutCopy(keeping: core)
            let (raw, layoutMessages) = try rawPositions(sub)
            messages = layoutMessages
            // When few are named (top:N on a large map), each named person keeps a disc of room around them.
            let named = core.filter { map.people[$0].label != nil }.count
            let room = core.map { v in named <= core.count / 3 ? radii[v] + InfluenceMap.labelDisc(map.people[v]) : radii[v] }
            var placed = OverlapRemoval.separate(sub.people.map { raw[$0.name] ?? MapPoint(x: 0, y: 0) }, radii: room,
                                                 margin: InfluenceMap.nodeSeparation, density: density)
            // Room for the names: spread out until nodes and (twice) the names cover no more than `density` of the drawing.
            let labelArea = core.reduce(0) { $0 + InfluenceMap.labelArea(map.people[$1]) }
            if labelArea > 0 {
                let nodeArea = core.reduce(0) { $0 + Double.pi * (radii[$1] + InfluenceMap.nodeSeparation) * (radii[$1] + InfluenceMap.nodeSeparation) }
                placed = OverlapRemoval.spread(placed, radii: core.map { radii[$0] }, toCover: (nodeArea + (map.labelRoom ?? InfluenceMap.labelRoom) * labelArea) / density)
            }
            for (k, v) in core.enumerated() { centres[v] = placed[k] }
            coreFrame = IsolateRows.frame(of: placed, radii: core.map { radii[$0] })
        }
        let isolated = (0 ..< n).filter { !linked[$0] }
        if !isolated.isEmpty {
            let placed = IsolateRows.place(radii: isolated.map { radii[$0] }, below: coreFrame, margin: InfluenceMap.nodeSeparation)
            for (k, v) in isolated.enumerated() { centres[v] = placed[k] }
        }
        return (centres, messages)
    }

    /// Where everyone goes on an unpinned neato, fdp or sfdp map, by node
    /// name, and the clusters' boxes (`nil` without clusters), moved so that
    /// the lowest, leftmost edge is at the origin and rounded to 0.01 pt.
    private func stableLayout(_ map: InfluenceMap) throws(RenderError) -> (positions: [String: MapPoint], boxes: [MapFrame]?, messages: [String]) {
        var centres: [MapPoint]
        var boxes: [MapFrame]? = nil
        var messages: [String] = []
        if map.clusters.isEmpty {
            (centres, messages) = try separatedCentres(map)
        } else {
            let plan = ClusterLayout(map)
            var locals: [[MapPoint]] = []
            for g in plan.groups.indices {
                if plan.groups[g].count < 2 {
                    locals.append(plan.groups[g].map { _ in MapPoint(x: 0, y: 0) })
                } else {
                    let (placed, groupMessages) = try separatedCentres(plan.groupMap(g))
                    locals.append(placed)
                    messages += groupMessages
                }
            }
            let extents = plan.groups.indices.map { plan.extent($0, centres: locals[$0]) }
            let (groupCentres, overviewMessages) = try separatedCentres(plan.overviewMap(extents), density: ClusterLayout.overviewDensity)
            messages += overviewMessages
            let placed = plan.place(locals, extents: extents, at: groupCentres)
            centres = placed.centres
            boxes = placed.boxes
        }
        var minX = Double.infinity, minY = Double.infinity
        for (p, person) in zip(centres, map.people) {
            let r = Self.reach(person)
            minX = min(minX, p.x - r); minY = min(minY, p.y - r)
        }
        for box in boxes ?? [] { minX = min(minX, box.lower.x); minY = min(minY, box.lower.y) }
        if !minX.isFinite { minX = 0; minY = 0 }
        func moved(_ p: MapPoint) -> MapPoint {
            MapPoint(x: ((p.x - minX) * 100).rounded() / 100, y: ((p.y - minY) * 100).rounded() / 100)
        }
        var positions: [String: MapPoint] = [:]
        for (person, p) in zip(map.people, centres) { positions[person.name] = moved(p) }
        return (positions, boxes?.map { MapFrame(lower: moved($0.lower), upper: moved($0.upper)) }, messages)
    }

    /// Builds `map` as a cgraph graph, lays it out with its engine and calls
    /// `body` with the laid-out graph, the context and Graphviz's messages so
    /// far; frees the layout and the graph afterwards. The one place that
    /// builds and lays out.
    private func withLayout<T>(of map: InfluenceMap, format: MapFormat,
                               _ body: (UnsafeMutablePointer<Agraph_t>, OpaquePointer, [String]) throws(RenderError) -> T) throws(RenderError) -> T {
        try checkPlugins(engine: map.engineName, format: format)
        guard let context else { throw RenderError("Graphviz could not start") }
        capturedMessages.withLock { $0 = "" }
        _ = agreseterrors()

        let built = CGraphBuilder(map: map)
        guard let graph = built.graph else {
            throw RenderError("Graphviz could not create the graph", graphvizMessages: takeMessages())
        }
        defer { agclose(graph) }
        let builtMessages = takeMessages()
        if let problem = builtMessages.first(where: isError) {
            throw RenderError("Graphviz rejected a label or attribute: \(problem)",
                              hint: "this is a StaffGraph bug if your data is plain text; please report it with the label that failed",
                              graphvizMessages: builtMessages)
        }
        if format == .png { built.setRoot("dpi", map.pngDPI) }
        for (name, value) in map.layoutOverrides { built.setRoot(name, value) }

        sg_reset_random()
        let status = map.engineName.withCString { gvLayout(context, graph, $0) }
        let messages = builtMessages + takeMessages()
        if status != 0 {
            throw RenderError("Graphviz could not lay out the map with \(map.engineName)", hint: "try another --layout", graphvizMessages: messages)
        }
        defer { gvFreeLayout(context, graph) }
        return try body(graph, context, messages)
    }

    /// The messages captured since the last call, as lines.
    private func takeMessages() -> [String] {
        let text = capturedMessages.withLock { value -> String in
            let all = value
            value = ""
            return all
        }
        return text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
    }

    private nonisolated func isError(_ line: String) -> Bool {
        line.hasPrefix("Error") || line.contains("syntax error")
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
