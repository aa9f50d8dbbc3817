import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

/// `draw --aggregate COLUMN` (one circle per group) and `draw --backbone ALPHA`
/// (the disparity filter's backbone): composition only, the aggregation
/// (``GroupGraph``) and the filter (``DisparityFilter``) live in the core.
extension Draw {
    /// Above this many lines an aggregate map is a tangle, and a note suggests `--backbone`.
    static let manyAggregateLines = 300

    /// The checks of `--aggregate`, `--min-group-size` and `--backbone` (usage errors, exit 64).
    func validateAggregateAndBackbone() throws {
        if let backbone, !(backbone > 0 && backbone < 1) {
            throw ValidationError("--backbone takes a significance level between 0 and 1, e.g. 0.05 (got \(backbone))")
        }
        if let minGroupSize {
            if aggregate == nil { throw ValidationError("--min-group-size needs --aggregate COLUMN: it is the smallest group drawn as a circle of its own") }
            if minGroupSize < 1 { throw ValidationError("--min-group-size must be 1 or more") }
        }
        guard aggregate != nil else { return }
        if input.nodes == nil { throw ValidationError("--aggregate needs a roster (--nodes ROSTER) with the column that forms the groups") }
        if ego != nil { throw ValidationError("--aggregate draws groups, --ego one person's neighbourhood: choose one") }
        let colour = colorBy.map { $0.lowercased() != "none" } ?? false
        for (flag, given) in [("--color-by", colour), ("--cluster-by", clusterBy != nil), ("--formal", formal != nil)] where given {
            throw ValidationError("\(flag) marks people, and --aggregate draws one circle per group (filled by the density of ties inside it): leave out \(flag)")
        }
    }

    /// The aggregate map of one network (the whole selection, or one `--per`
    /// group): one circle per value of `column` among the people present in the wave.
    func makeAggregateMap(_ network: Network, column: String) throws(InputError) -> (InfluenceMap, [String]) {
        var notes: [String] = []
        if sizeBy != "in_degree" { notes.append("--size-by does not apply to --aggregate: a circle's area shows its people") }
        let layers = try input.selectedLayers(of: network)
        guard layers.count == 1 else {
            throw InputError(.usage, file: input.edges, "a map shows one relation in one wave; the file has \(layers.count)",
                             hint: "pick one with --relation and --wave: \(layers.map { "'\($0.key)'" }.joined(separator: "; "))")
        }
        let layer = layers[0]
        let roster = network.roster
        let (columnName, values) = try forOption("--aggregate") { () throws(InputError) in try roster.column(named: column, file: input.rosterFile) }
        // People absent in the wave are left out; non-respondents' rows are missing.
        let view = AnalysisView(layer: layer, roster: roster)
        let partition = Partition(values: view.column(values))
        if partition.hasMissing {
            let missing = partition.sizes[partition.names.firstIndex(of: Partition.missingName) ?? 0]
            notes.append("\(missing) \(missing == 1 ? "person has" : "people have") no '\(columnName)' value and form the group \(Partition.missingName)")
        }
        let minimum = minGroupSize ?? (input.privacy.isOn ? 5 : 1)
        let groupWord = AggregateMapBuilder.plural(columnName, 2)
        let smallCount = (0 ..< partition.count).filter { partition.sizes[$0] < minimum }.count
        let mergedLabel = "\(smallCount) \(smallCount == 1 ? columnName : groupWord) of fewer than \(minimum)"
        let (merged, small) = partition.mergingGroups(smallerThan: minimum, into: mergedLabel)
        let groups = GroupGraph(view.graph, partition: merged, observedRows: view.observedRows)

        var request = AggregateMapRequest(groups: groups, groupName: columnName)
        request.layout = layout
        request.seed = seed
        request.title = title
        request.labelMode = labels_mode(count: groups.count)
        var captions: [String] = []
        if !small.isEmpty {
            let last = groups.count - 1
            let people = groups.sizes[last]
            let label = mergedLabel
            if people < minimum && groups.count == 1 {
                throw InputError(.usage, file: input.rosterFile, "every \(columnName) here has fewer than \(minimum) people, and all \(people) together too: the map would be empty",
                                 hint: "a smaller --min-group-size, or more people (--where, --per)")
            }
            if people < minimum {
                var hidden = [Bool](repeating: false, count: groups.count)
                hidden[last] = true
                request.hidden = hidden
                captions.append("\(label) people (\(people) in all) left out (--min-group-size \(minimum))")
                notes.append("\(label) people: left out, since even together they are fewer than \(minimum) (--min-group-size)")
            } else {
                request.mergedGroup = last
                request.mergedLabel = label
                captions.append("grey: \(label) people drawn as one circle (--min-group-size \(minimum))")
                notes.append("\(label) people are drawn together as one grey circle (--min-group-size)")
            }
        }

        var what = layer.key.relation == "ties" ? "ties" : "\(layer.key.relation) ties"
        if let wave = layer.key.wave { what += ", wave \(wave)" }
        what += " · grouped by \(columnName)"
        for selection in network.selection { what += " · \(selection)" }
        if let minWeight = input.minWeight { what += " · ties of strength ≥ \(formatNumber(minWeight))" }
        if let responses = roster.responses(wave: layer.key.wave) {
            let yes = view.people.filter { responses[$0] == .responded }.count
            let no = view.people.filter { responses[$0] == .nonrespondent }.count
            if yes + no > 0 {
                what += " · \(yes) of \(yes + no) responded (\(String(fixed: 100 * Double(yes) / Double(yes + no), decimals: 1))%)"
            }
        }
        request.caption = [what] + captions
        if let backbone {
            let filter = DisparityFilter(groups.graph)
            request.drawnTies = filter.kept(level: backbone)
            let hidden = request.hidden ?? [Bool](repeating: false, count: groups.count)
            var kept = 0, total = 0
            for g in 0 ..< groups.count where !hidden[g] {
                for e in groups.graph.outOffsets[g] ..< groups.graph.outOffsets[g + 1] where !hidden[Int(groups.graph.outTargets[e])] {
                    total += 1
                    if filter.keeps(tie: e, level: backbone) { kept += 1 }
                }
            }
            request.caption.append(BackboneCaption.line(level: backbone, kept: kept, of: total, what: "lines between \(groupWord)"))
        }
        let map = AggregateMapBuilder.build(request)
        if backbone == nil && map.lines.count > Self.manyAggregateLines {
            notes.append("\(formatCount(map.lines.count)) lines between \(map.people.count) \(groupWord): --backbone 0.05 draws only the ones that stand out")
        }
        return (map, notes)
    }

    /// The caption line of a person map's backbone.
    func backboneCaption(_ filter: DisparityFilter, level: Double) -> String {
        BackboneCaption.line(level: level, kept: filter.keptCount(level: level), of: filter.graph.edgeCount)
    }

    /// Notes when the backbone keeps nothing, and why when every tie has the same strength.
    func backboneNotes(_ graph: Graph, filter: DisparityFilter, level: Double) -> [String] {
        guard graph.edgeCount > 0, filter.keptCount(level: level) == 0 else { return [] }
        let first = graph.outWeights.first ?? 1
        if graph.outWeights.allSatisfy({ $0 == first }) {
            return ["--backbone: every tie has the same strength, so no tie stands out from its people's other ties and the backbone is empty below α ≈ 0.37; "
                    + "it needs valued ties (a weight column: how often, how important) or --aggregate, whose lines count ties"]
        }
        var smallest = 1.0
        for e in 0 ..< graph.edgeCount { smallest = min(smallest, filter.significance(ofTie: e)) }
        return ["--backbone: no tie is significant at α = \(BackboneCaption.levelText(level)) (the most significant has α = \(String(fixed: smallest, decimals: 3))); a larger α keeps more"]
    }
}
