import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

/// The pictures of `compare -o DIR`: one map per wave and one per pair of
/// waves, all at the positions of one layout of every wave together, the
/// waves side by side, and the trend chart.
struct CompareMaps {
    let report: CompareReport
    let options: Compare

    /// `fall` → `fall`; `Wave 1/2` → `Wave_1_2`: a label safe in a file name.
    static func fileStem(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    /// "Advice" from "advice".
    var relationTitle: String {
        let r = report.relation
        return r == "ties" ? "Ties" : r.prefix(1).uppercased() + r.dropFirst() + " ties"
    }

    /// Renders every picture, returning (file name, bytes) in a fixed order.
    func render() async throws -> [(name: String, bytes: [UInt8])] {
        let alignment = report.alignment
        let roster = report.roster
        let n = roster.count
        let waveCount = alignment.count
        let inDegrees = report.inDegrees.map { wave in wave.map { Double($0 ?? 0) } }
        let largest = inDegrees.flatMap { $0 }.max() ?? 0
        let mostEver = (0 ..< n).map { v in inDegrees.map { $0[v] }.max() ?? 0 }
        // On a wave's map, someone not on staff is a dashed outline as large as they ever were.
        func sizes(_ w: Int) -> [Double] { (0 ..< n).map { alignment.present[w][$0] ? inDegrees[w][$0] : mostEver[$0] } }
        let presentAny = (0 ..< n).map { v in (0 ..< waveCount).contains { alignment.present[$0][v] } }
        let names = roster.attribute("name") ?? roster.ids
        let labels = zip(names, roster.ids).map { $0.isEmpty ? $1 : $0 }
        let shown = presentAny.filter { $0 }.count
        let labelMode: LabelMode = shown <= 80 ? .all : .top(30)
        let layoutNote = "the same positions on every map (one \(shown > InfluenceMapBuilder.neatoLimit ? "sfdp" : "neato") layout of all waves, seed \(options.seed))"

        // The run's colours, from the whole roster (the same in every --per group and under --where).
        let coloring: GroupColoring? = report.groups.flatMap { groups in
            report.groupColumn.flatMap { column in
                (try? roster.groupColors(by: column, file: "")).map { GroupColoring(values: groups, colors: $0) }
            }
        }
        // What pointing at a person shows in SVG: who they are (pseudonyms only under --anonymize,
        // where names and ids are gone), role and team, and how often they were sought out in `waves`.
        let personNames = roster.attribute("name")
        let shownColumns = ["role", report.groupColumn ?? "team"].compactMap { name in roster.attribute(name).map { (name, $0) } }
        func tooltips(_ waves: [Int]) -> [String] {
            (0 ..< n).map { v in
                let id = roster.ids[v], name = personNames?[v] ?? ""
                var parts = [name.isEmpty || name == id ? id : "\(name) (\(id))"]
                let counts = waves.map { w in report.inDegrees[w][v].map { "\($0) in \(report.labels[w])" } ?? "not on staff in \(report.labels[w])" }
                parts.append("sought out by " + counts.joined(separator: ", "))
                for (column, values) in shownColumns where !values[v].isEmpty { parts.append("\(column): \(values[v])") }
                return parts.joined(separator: " · ")
            }
        }
        func request(sizes: [Double], present: [Bool], mode: LabelMode) -> MapRequest {
            var r = MapRequest(sizeValues: sizes, sizeName: "in-degree (times sought out), one scale for all waves", labels: labels, labelMode: mode)
            r.present = present
            r.ghosts = presentAny
            r.sizeMaximum = largest
            r.seed = options.seed
            r.layoutNote = layoutNote
            if let coloring { r.colors = coloring }
            if let rule = report.formalRule {
                r.formal = report.isFormal
                r.formalRule = "\(rule.column) = \(rule.values.joined(separator: ", "))"
            }
            return r
        }

        // One layout of everyone in any wave, every tie of every wave, each person at their largest size.
        var union = GraphBuilder(nodeCount: n)
        for g in alignment.graphs { for t in g.ties { union.addTie(from: t.source, to: t.target, weight: t.weight) } }
        let unionGraph = union.build(parallelTies: .max, selfLoops: .drop).graph
        var unionRequest = request(sizes: mostEver, present: presentAny, mode: labelMode)
        unionRequest.ghosts = nil
        let unionMap = InfluenceMapBuilder.build(graph: unionGraph, request: unionRequest)
        let positions = try await GraphvizSession.shared.layoutPositions(unionMap)

        // One map per wave.
        func waveCaption(_ w: Int) -> String {
            var text = "\(report.relation) ties, wave \(report.labels[w])"
            if let minWeight = options.reading.minWeight { text += " · ties of strength ≥ \(formatNumber(minWeight))" }
            let t = report.trends[w]
            if let yes = t.respondents, let no = t.nonrespondents, yes + no > 0 {
                text += " · \(yes) of \(yes + no) responded (\(percent(t.responseRate)))"
            }
            return text
        }
        var maps: [InfluenceMap] = []
        for w in 0 ..< waveCount {
            var r = request(sizes: sizes(w), present: alignment.present[w], mode: labelMode)
            r.title = "\(relationTitle), \(report.labels[w])"
            r.caption = [waveCaption(w)]
            r.tooltips = tooltips([w])
            maps.append(InfluenceMapBuilder.build(graph: alignment.graphs[w], request: r))
        }
        // One difference map per pair.
        for p in report.pairs {
            let (a, b) = (p.from, p.to)
            var lines: [DifferenceLine] = []
            for c in p.transitions.changes {
                switch c.status {
                case .stable: lines.append(DifferenceLine(source: c.source, target: c.target, kind: .stable))
                case .new, .joiner: lines.append(DifferenceLine(source: c.source, target: c.target, kind: .new))
                case .dissolved, .leaver: lines.append(DifferenceLine(source: c.source, target: c.target, kind: .dissolved))
                case .unobserved: break
                }
            }
            // As on the wave maps: someone on staff in only one of the two waves (a leaver or a
            // joiner) is a dashed outline, their ties still drawn; people in neither are left out.
            let present = (0 ..< n).map { alignment.present[a][$0] && alignment.present[b][$0] }
            let either = (0 ..< n).map { alignment.present[a][$0] || alignment.present[b][$0] }
            let pairSizes = (0 ..< n).map { v in alignment.present[b][v] ? inDegrees[b][v] : alignment.present[a][v] ? inDegrees[a][v] : mostEver[v] }
            var r = request(sizes: pairSizes, present: present, mode: labelMode)
            r.ghosts = either
            r.title = "\(relationTitle), \(report.labels[a]) → \(report.labels[b]): what changed"
            r.tooltips = tooltips([a, b])
            let c = p.transitions.counts
            var line = "Jaccard \(c.jaccard.map { String(fixed: $0, decimals: 3) } ?? "–") over cells observed in both waves"
            let unobserved = report.statusCount(p, .unobserved)
            if unobserved > 0 { line += " · \(unobserved) ties of people who did not answer in one wave not drawn" }
            r.caption = [line]
            let joiners = report.statusCount(p, .joiner), leavers = report.statusCount(p, .leaver)
            let counts: [TieDifference: String] = [
                .new: "\(c.new)" + (joiners > 0 ? " + \(joiners) of people who joined" : ""),
                .dissolved: "\(c.dissolved)" + (leavers > 0 ? " + \(leavers) of people who left" : ""),
                .stable: "\(c.stable)",
            ]
            maps.append(InfluenceMapBuilder.buildDifference(nodeCount: n, lines: lines, request: r, legendCounts: counts))
        }
        let pinned = PinnedLayout.pin(maps, at: positions)

        // All waves side by side, a few names per panel.
        var panels: [InfluenceMap] = []
        for w in 0 ..< waveCount {
            let r = request(sizes: sizes(w), present: alignment.present[w], mode: .top(5))
            panels.append(InfluenceMapBuilder.build(graph: alignment.graphs[w], request: r))
        }
        let titles = (0 ..< waveCount).map { w in "\(report.labels[w]): \(report.trends[w].people) people, \(report.trends[w].ties) ties" }
        var multiples = PinnedLayout.sideBySide(panels, titles: titles, positions: positions)
        multiples.title = "\(relationTitle), \(report.labels.joined(separator: " → "))"
        multiples.legend = pinned.first?.legend ?? []
        multiples.caption = [
            "Everyone keeps one place in every panel (\(layoutNote)) · node size: in-degree on one scale · dashed circles: not on staff that wave",
            "Names: the five most sought people in each wave",
        ]

        // Trend chart.
        var chart = TrendChart(title: "\(relationTitle): the network by wave", waves: report.labels, series: [
            .init(name: "density", values: report.trends.map(\.density), color: TrendChart.colors[0]),
            .init(name: "centralization (in-degree)", values: report.trends.map(\.inDegreeCentralization), color: TrendChart.colors[1]),
            .init(name: "centralization (betweenness)", values: report.trends.map(\.betweennessCentralization), color: TrendChart.colors[3]),
            .init(name: "reciprocity", values: report.trends.map(\.reciprocity), color: TrendChart.colors[2]),
        ])
        chart.caption = [
            "Density and reciprocity (edgewise) over observed cells; centralization: Freeman, as R sna (1 = all requests go to, or through, one person).",
            "Response rate: " + report.trends.map { "\($0.label) \(percent($0.responseRate))" }.joined(separator: ", "),
        ]

        let format: MapFormat = options.mapFormat == .svg ? .svg : .png
        let ext = format.rawValue
        var files: [(name: String, bytes: [UInt8])] = []
        for w in 0 ..< waveCount {
            files.append(("map_\(Self.fileStem(report.labels[w])).\(ext)", try await GraphvizSession.shared.render(pinned[w], format: format).bytes))
        }
        for (k, p) in report.pairs.enumerated() {
            let name = "diff_\(Self.fileStem(report.labels[p.from]))_\(Self.fileStem(report.labels[p.to])).\(ext)"
            files.append((name, try await GraphvizSession.shared.render(pinned[waveCount + k], format: format).bytes))
        }
        files.append(("waves.\(ext)", try await GraphvizSession.shared.render(multiples, format: format).bytes))
        files.append(("trend.svg", Array(chart.svg().utf8)))
        files.append(("trend.png", try await GraphvizSession.shared.render(chart.graphvizMap(), format: .png).bytes))
        return files
    }
}
