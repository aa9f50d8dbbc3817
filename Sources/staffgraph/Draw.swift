import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

struct Draw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw an influence map: PNG, SVG, PDF or DOT.",
        discussion: """
        The people most sought out are drawn largest, colours show teams (or any roster \
        column) with a legend, formal leaders are squares, thicker lines mean stronger \
        ties, and mutual ties are one line with two heads. A caption says what is shown.

        Graphviz is used as a library (no 'dot' program needed). The same input and \
        options give byte-identical PNG and SVG files at any size; PDF embeds a creation \
        date. (StaffGraph removes node overlaps and arranges --cluster-by boxes itself: \
        Graphviz 2.42's own ways give slightly different files from run to run.)

        Examples:
          staffgraph draw Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall -o advice-fall.png
          staffgraph draw … --formal role=principal,"assistant principal" --labels top:10 --anonymize --anonymize-seed 8351 -o map.svg
          staffgraph draw … --ego p33 --radius 2 -o p33.png
          staffgraph draw district/edges.csv --nodes district/roster.csv --per school -o maps   (one map per school, maps/index.csv)
          staffgraph draw district/edges.csv --nodes district/roster.csv --aggregate school --backbone 0.05 -o schools.png

        --aggregate COLUMN draws one circle per group (school, team …) instead of one per \
        person: area by its people present in the wave, fill by the density of ties inside \
        it (a fixed scale with a legend), a line per direction between two groups, as wide \
        as the number of ties. Groups of fewer than --min-group-size people are merged into \
        one grey circle (left out when even that is too small). With --per: one such map per group.

        --from COLUMN=VALUE[,VALUE…] --to COLUMN=VALUE[,VALUE…] [--direction either|named|advice-flow] \
        highlights the channels of 'staffgraph channels': the independent channels (one set of paths \
        sharing no person, found by maximum flow) thick and dark, every other tie faded, the FROM and TO \
        people ringed in black and the smallest cut (closest to FROM) in red; the caption gives the number \
        of channels and names the cut. With --cluster-by level each level is a box. Example:
          staffgraph draw Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --cluster-by level --from level=district --to "role=department chair" -o channels.png

        --backbone ALPHA keeps only the lines that carry a significant share of their \
        sender's or receiver's ties by strength (the disparity filter of Serrano, Boguñá \
        & Vespignani 2009; kept when α_ij = (1 − w_ij/s_i)^(k_i − 1) < ALPHA at either \
        end); node sizes still count every tie. The caption says how many were kept.

        Colours: each value of the --color-by column keeps one colour in every output of \
        the run (maps, compare, report, convert's GEXF, GraphML and DOT), chosen from the \
        whole roster's values, so a --where selection or a --per map colours a team as the \
        school map does; beyond ten values the nine largest groups are coloured and the \
        rest grey ("other"). --codebook FILE (column,value,label) shows labels instead of \
        codes. Without --title, the title says what is drawn. In SVG, pointing at a person \
        shows their numbers (times sought out, betweenness, role, team).

        --anonymize draws people as Person 01 … (numbered in a random order keyed by \
        --anonymize-seed, never the roster's), in pseudonym order; --color-by, --cluster-by, \
        --formal, --where and --per refuse columns that identify people (name, email …). \
        --ego takes an id (or a pseudonym of the same key).

        With --per COLUMN, -o names a folder: one map per group (--map-format, default png), \
        named after the group, and index.csv listing group, people and file; written all \
        together or not at all.

        Size limit: before Graphviz runs, draw estimates the time and memory of the map from \
        its people and lines and the engine, and stops (exit 64) above about 2 minutes or \
        2 GB, saying how to draw less: --per COLUMN, --where COLUMN=VALUE, --min-weight W, \
        --ego ID. --force draws it anyway. Measured with the default engine on two cores: \
        60,000 people with 10 ties each (600,000 lines) as SVG, 20,000 as PNG, 1,400 people \
        all tied to each other, or 200,000 people without ties fit; a complete network of \
        2,000 (194 s, 1.5 GB or more) does not. neato grows with the square of the people \
        (about 3,500 fit), dot and circo with the cube of the lines beyond a tree.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The map to write: .png, .svg, .pdf or .dot (with --per: a folder).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("With --per: the maps' format, png, svg, pdf or dot.", valueName: "format"))
    var mapFormat: MapFormat = .png

    @Option(help: ArgumentHelp("Layout engine: neato, fdp, sfdp, dot or circo (default: neato up to 400 people, sfdp above).", valueName: "engine"))
    var layout: LayoutEngine?

    @Option(help: "Layout seed; the same seed gives the same picture.")
    var seed: Int = 1

    @Option(help: ArgumentHelp("What node size shows: any metrics column (\(NodeMeasure.columnNames.joined(separator: ", "))).", valueName: "measure"))
    var sizeBy: String = "in_degree"

    @Option(help: ArgumentHelp("Roster column that colours people (default: team, when the roster has it); 'none' for one colour.", valueName: "column"))
    var colorBy: String?

    @Option(help: ArgumentHelp("Formal leaders, drawn as squares: COLUMN=VALUE[,VALUE…], e.g. role=principal,coach.", valueName: "rule"))
    var formal: FormalRoles?

    @Option(help: ArgumentHelp("Names beside nodes: all, top:N (the N largest) or none (default: all up to 80 people, else top:30).", valueName: "which"))
    var labels: String?

    @Option(help: "A title above the map.")
    var title: String?

    @Option(help: ArgumentHelp("Draw only this person's neighbourhood (an id).", valueName: "id"))
    var ego: String?

    @Option(parsing: .unconditional, help: "Neighbourhood radius for --ego: 1 (the default) or 2 steps, in either direction.")
    var radius: Int?

    @Flag(help: "Draw the map however long it takes (otherwise a map estimated at over 2 minutes or 2 GB is refused, with ways to draw less).")
    var force = false

    /// Maps estimated to take longer than this (seconds) are refused without `--force`.
    static let secondsLimit = 120.0
    /// Maps estimated to need more memory than this (bytes) are refused without `--force`.
    static let bytesLimit = 2e9

    @Option(help: ArgumentHelp("Draw each group of this roster column in its own box (each box laid out on its own, then the boxes arranged; not with circo).", valueName: "column"))
    var clusterBy: String?

    @Option(help: ArgumentHelp("Draw one circle per group of this roster column (school, team …) instead of one per person: area by its people, fill by the density of ties inside it, a line per direction between groups, width by the number of ties.", valueName: "column"))
    var aggregate: String?

    @Option(help: ArgumentHelp("With --aggregate: groups of fewer people than this are merged into one grey circle (left out when even that has fewer), so a small team cannot be singled out. Default: 5 with --anonymize, else 1.", valueName: "n"))
    var minGroupSize: Int?

    @Option(help: ArgumentHelp("Draw only the backbone: the ties that carry a significant share of their sender's or receiver's ties by strength (disparity filter, Serrano et al. 2009) at this significance level, 0 < α < 1, e.g. 0.05. Needs valued ties (or --aggregate, whose lines count ties).", valueName: "alpha"))
    var backbone: Double?

    @Option(help: ArgumentHelp("Highlight the independent channels from these people (roster COLUMN=VALUE[,VALUE…], as channels --from) to those of --to.", valueName: "column=value[,value…]"))
    var from: ColumnValues?

    @Option(help: ArgumentHelp("With --from: the people the channels lead to (COLUMN=VALUE[,VALUE…]).", valueName: "column=value[,value…]"))
    var to: ColumnValues?

    @Option(help: ArgumentHelp("With --from/--to: which arcs a channel follows, either (default), named or advice-flow (as channels --direction).", valueName: "direction"))
    var direction: ChannelDirection?

    func validate() throws {
        try validateChannels()
        guard input.selection.per != nil || MapFormat(path: output) != nil else {
            throw ValidationError("the output must end in .png, .svg, .pdf or .dot (got '\(output)')")
        }
        // With --per, -o is a folder: `-o maps.svg` would make a folder named maps.svg full of PNGs.
        if input.selection.per != nil, let format = MapFormat(path: output), output != "-" {
            throw ValidationError("with --per, -o names a folder for one map per group (got '\(output)'); write -o \(String(output.dropLast(format.rawValue.count + 1))) --map-format \(format.rawValue)")
        }
        if let radius {
            if ego == nil { throw ValidationError("--radius needs --ego ID: it is how far around that person the map reaches") }
            if radius != 1 && radius != 2 { throw ValidationError("--radius must be 1 or 2") }
        }
        if let labels, LabelMode(argument: labels) == nil {
            throw ValidationError("--labels takes all, none or top:N (got '\(labels)')")
        }
        try validateAggregateAndBackbone()
    }

    func run() async throws {
        let (imported, anonymization, importNotes) = try reportingInputErrors {
            let (imported, anonymization) = try input.loadSelectedAnonymized(rules: (formal.map { [("--formal", $0)] } ?? []) + channelRules,
                                                                             columns: [("--color-by", colorBy), ("--cluster-by", clusterBy), ("--aggregate", aggregate)])
            return (imported, anonymization, input.notes(for: imported.report, network: imported.network))
        }
        // --ego names a person by their id (or, under --anonymize, by their pseudonym).
        let egoID = ego.map { anonymization?.pseudonyms.label(of: $0) ?? $0 }
        for note in importNotes { printError("note: \(note)") }
        // Refuse an output that would overwrite an input before the layout, not after it.
        try reportingInputErrors { if input.selection.per != nil { try AtomicFileGroup.check(output) } else { try AtomicFile.check(output) } }
        if let per = input.selection.per {
            let run = try reportingInputErrors { try PerGroupRun(imported.network, column: per, rosterFile: input.rosterFile) }
            let made = try reportingInputErrors {
                try run.map(threads: input.threadCount) { network, threads throws(InputError) in try makeMap(network, threads: threads, ego: egoID, format: mapFormat) }
            }
            for note in run.notes(made.map { CommandOutput(text: "", notes: $0.1) }) { printError("note: \(note)") }
            let costs = made.map { LayoutCost.estimate($0.0, format: mapFormat) }
            for (k, (map, _)) in made.enumerated() {
                try reportingInputErrors { try checkSize(map, costs[k], format: mapFormat, group: "\(run.column) '\(run.groups[k].value)'") }
            }
            if made.filter({ $0.0.layout == .fdp && $0.0.pinnedPositions == nil }).count > 1 {
                printError("note: Graphviz 2.42's fdp does not lay out the second and later maps of one run the same way twice; for maps that are byte-identical from run to run, use --layout neato or sfdp (each fdp map drawn alone with --where is)")
            }
            let total = costs.reduce(0) { $0 + $1.seconds }
            if total > 60 { printError("note: \(made.count) maps: about \(ProgressBar.durationWords(total)) in all") }
            let stems = PerGroupRun.fileStems(run.groups.map(\.value))
            var files: [(name: String, bytes: [UInt8])] = []
            do {
                for (k, (map, _)) in made.enumerated() {
                    let (bytes, warnings) = try await withProgress("layout (\(map.layout.rawValue)) and render, \(run.column) \(run.groups[k].value)", estimate: costs[k].seconds) { _ in
                        try await GraphvizSession.shared.render(map, format: mapFormat)
                    }
                    for warning in warnings { printError("note: \(run.column) \(run.groups[k].value): graphviz: \(warning)") }
                    files.append(("\(stems[k]).\(mapFormat.rawValue)", bytes))
                }
            } catch let error as RenderError {
                printError(error.description)
                throw ExitCode(70)
            }
            files.append(run.index(files: files.map(\.name)))
            try reportingInputErrors { try AtomicFileGroup.write(files, into: output) }
            printError("wrote \(files.count - 1) maps and index.csv to \(output)")
            return
        }
        let format = MapFormat(path: output) ?? .png
        let (map, notes) = try reportingInputErrors { try makeMap(imported.network, threads: input.threadCount, ego: egoID, format: format) }
        for note in notes { printError("note: \(note)") }
        if aggregate == nil && ego == nil, let advice = Self.largeMapAdvice(people: map.people.count, roster: imported.network.roster) {
            printError("note: \(advice)")
        }
        let cost = LayoutCost.estimate(map, format: format)
        try reportingInputErrors { try checkSize(map, cost, format: format, group: nil) }
        do {
            let (bytes, warnings) = try await withProgress("layout (\(map.layout.rawValue)) and render", estimate: cost.seconds) { _ in
                try await GraphvizSession.shared.render(map, format: format)
            }
            for warning in warnings { printError("note: graphviz: \(warning)") }
            try reportingInputErrors { try AtomicFile.write(bytes, to: output) }
            printError("wrote \(output) (\(map.people.count) \(aggregate == nil ? "people" : "groups"), \(map.lines.count) lines, layout \(map.layout.rawValue))")
        } catch let error as RenderError {
            printError(error.description)
            throw ExitCode(70)
        }
    }

    /// Above ``InfluenceMapBuilder/neatoLimit`` people on one map, how to draw readable maps
    /// instead: one map per group of the first of school, team, department, unit or level
    /// with two or more values (`--per`), and the groups as one circle each (`--aggregate`).
    static func largeMapAdvice(people: Int, roster: Roster) -> String? {
        guard people > InfluenceMapBuilder.neatoLimit else { return nil }
        let column = ["school", "team", "department", "dept", "unit", "level"].first { (roster.population(of: $0)?.count ?? 0) >= 2 }
        guard let column else {
            return "\(people) people on one map: only the most sought are named; --where COLUMN=VALUE draws part of the network"
        }
        return "\(people) people on one map: only the most sought are named; for maps where everyone can be read, draw one \(column) at a time (--per \(column) -o maps/) and the \(column)s as one circle each (--aggregate \(column) -o \(column)s.png)"
    }

    /// The map of one network (the whole selection, or one `--per` group) and notes for it;
    /// `ego` is `--ego` as the network's roster spells it; `format` the file's (SVG and DOT
    /// carry each person's key numbers as tooltips).
    func makeMap(_ network: Network, threads: Int, ego: String?, format: MapFormat) throws(InputError) -> (InfluenceMap, [String]) {
        if let aggregate { return try makeAggregateMap(network, column: aggregate) }
        let anonymize = input.privacy.isOn
        var notes: [String] = []
        let layers = try input.selectedLayers(of: network)
        guard layers.count == 1 else {
            throw InputError(.usage, file: input.edges, "a map shows one relation in one wave; the file has \(layers.count)",
                             hint: "pick one with --relation and --wave: \(layers.map { "'\($0.key)'" }.joined(separator: "; "))")
        }
        let layer = layers[0]
        let graph = layer.graph
        let roster = network.roster
        let responses = roster.responses(wave: layer.key.wave)

        guard let column = NodeMeasure(rawValue: sizeBy) else {
            throw InputError(.usage, file: input.edges, "unknown measure '\(sizeBy)' for --size-by", hint: (closestMatch(to: sizeBy, among: NodeMeasure.columnNames).map { "did you mean '\($0)'? " } ?? "") + "choose one of: \(NodeMeasure.columnNames.joined(separator: ", "))")
        }
        let sizeTable = NodeMeasureTable([column], on: graph, threads: threads) { step, run in withProgress(step.name) { run($0) } }
        notes += sizeTable.notes
        let sizeValues = (sizeTable.values[column] ?? []).map { $0 ?? 0 }

        // Under --anonymize the ids are pseudonyms and the name column is gone.
        let names = roster.attribute("name") ?? roster.ids
        let labels = zip(names, roster.ids).map { $0.isEmpty ? $1 : $0 }
        let present = WavePresence(graph: graph, responses: responses).present
        let shownCount = present.filter { $0 }.count
        var request = MapRequest(sizeValues: sizeValues, sizeName: column.displayName, labels: labels,
                                 labelMode: labels_mode(count: shownCount))
        request.present = present
        request.layout = layout
        request.seed = seed
        // Without --title: what the map shows ("Advice, fall", with the selection: "Advice, fall (team = Math)").
        let shows = ReportMaps.title(layer.key) + (network.selection.isEmpty ? "" : " (\(network.selection.joined(separator: "; ")))")
        request.title = title ?? shows
        if format == .svg || format == .dot {
            request.tooltips = tooltips(network, graph: graph, responses: responses, threads: threads)
        }

        let colorColumn: String? = {
            if let colorBy { return colorBy.lowercased() == "none" ? nil : colorBy }
            return roster.attribute("team") != nil ? "team" : nil
        }()
        if let colorColumn {
            // The run's colours, from the whole roster: the same under --where and in every --per map.
            let file = input.rosterFile
            let colors = try forOption("--color-by") { () throws(InputError) in try roster.groupColors(by: colorColumn, file: file) }
            request.colors = GroupColoring(values: try attribute(colorColumn, in: roster, option: "--color-by"), colors: colors)
        }
        if let formal {
            let rule = try input.resolve(formal, in: network, flag: "--formal")
            request.formal = rule.members(of: roster)
            request.formalRule = rule.description
            let found = request.formal?.filter { $0 }.count ?? 0
            if found == 0 { notes.append("no one here has \(rule.column) = \(rule.values.joined(separator: " or "))") }
        }
        if let clusterBy {
            request.clusterGroups = try attribute(clusterBy, in: roster, option: "--cluster-by")
            if let layout, !layout.drawsClusters {
                notes.append("--cluster-by cannot draw boxes with \(layout.rawValue); neato (sfdp above \(InfluenceMapBuilder.neatoLimit) people) lays them out")
            }
        }
        if let highlight = try channelHighlight(network, layer: layer, notes: &notes) {
            request.channels = highlight
            if title == nil { request.title = "\(shows): channels from \(highlight.fromRule) to \(highlight.toRule)" }
        }
        if let ego {
            guard let index = roster.index(of: ego) else {
                throw InputError(.usage, file: input.nodes ?? input.edges, "--ego '\(self.ego ?? ego)' is not in the network",
                                 hint: "give a person's id as it appears in the roster or edge list")
            }
            // Someone not on staff in this wave has no neighbourhood to draw: say when they were.
            if !present[index] {
                let layers = network.layers(relation: layer.key.relation, wave: nil)
                let waves = layers.filter { WavePresence(graph: $0.graph, responses: roster.responses(wave: $0.key.wave)).present[index] }.compactMap(\.key.wave)
                let when = layer.key.wave.map { "in wave \($0)" } ?? "here"
                throw InputError(.usage, file: input.nodes ?? input.edges, "--ego '\(ego)' was not on staff \(when) (the roster marks them absent), so there is no neighbourhood to draw",
                                 hint: waves.isEmpty ? "they are absent in every wave of \(layer.key.relation) ties; choose someone on staff"
                                     : "\(ego) was on staff in wave\(waves.count == 1 ? "" : "s") \(waves.joined(separator: ", ")): draw one of them with --wave \(waves[waves.count - 1])")
            }
            request.ego = index
            let steps = radius ?? 1
            request.egoRadius = steps
            if title == nil {
                request.title = "Within \(steps) step\(steps == 1 ? "" : "s") of \(labels[index]) · \(shows)"
            }
        }

        var what = layer.key.relation == "ties" ? "ties" : "\(layer.key.relation) ties"
        if let wave = layer.key.wave { what += ", wave \(wave)" }
        for selection in network.selection { what += " · \(selection)" }
        if let minWeight = input.minWeight { what += " · ties of strength ≥ \(formatNumber(minWeight))" }
        if let responses {
            let yes = responses.enumerated().filter { present[$0.offset] && $0.element == .responded }.count
            let no = responses.enumerated().filter { present[$0.offset] && $0.element == .nonrespondent }.count
            if yes + no > 0 {
                what += " · \(yes) of \(yes + no) responded (\(String(fixed: 100 * Double(yes) / Double(yes + no), decimals: 1))%)"
            }
        }
        if anonymize { what += " · names replaced by pseudonyms" }
        request.caption = [what]
        if let backbone {
            let filter = DisparityFilter(graph)
            request.lineGraph = filter.backbone(level: backbone)
            notes += backboneNotes(graph, filter: filter, level: backbone)
            request.caption.append(backboneCaption(filter, level: backbone))
        }
        if layout == .circo && graph.edgeCount > 300 {
            notes.append("circo is slow on dense networks (about a minute for 900 ties); neato is the default")
        }
        if shownCount > InfluenceMapBuilder.largeNetwork {
            notes.append("\(shownCount) people: labels and arrowheads are left out so the map stays readable")
        }
        return (InfluenceMapBuilder.build(graph: graph, request: request), notes)
    }

    /// Refuses `map` (a usage error naming what would draw less) when `cost`
    /// is over ``secondsLimit`` or ``bytesLimit`` and `--force` is not given.
    /// `group` names the `--per` group the map is for.
    func checkSize(_ map: InfluenceMap, _ cost: LayoutCost, format: MapFormat, group: String?) throws(InputError) {
        guard !force, cost.seconds > Self.secondsLimit || cost.bytes > Self.bytesLimit else { return }
        func fits(_ c: LayoutCost) -> Bool { c.seconds <= Self.secondsLimit && c.bytes <= Self.bytesLimit }
        var message = "\(group.map { "\($0): " } ?? "")this map is too large to draw: \(formatCount(map.people.count)) people and "
            + "\(formatCount(map.lines.count)) lines would take about \(ProgressBar.durationWords(cost.seconds)) and \(memoryWords(cost.bytes)) "
            + "with \(map.layout.rawValue) (draw stops above about 2 minutes or 2 GB)"
        var cheaper: [String] = []
        if format == .png {
            let svg = LayoutCost.estimate(map, format: .svg)
            if fits(svg) { cheaper.append("as SVG (-o \(group == nil ? "map.svg" : "… --map-format svg")) about \(ProgressBar.durationWords(svg.seconds))") }
        }
        if map.layout != .sfdp && map.clusters.isEmpty {
            var sfdp = map
            sfdp.layout = .sfdp
            let c = LayoutCost.estimate(sfdp, format: format)
            if fits(c) { cheaper.append("with --layout sfdp about \(ProgressBar.durationWords(c.seconds))") }
        }
        if !cheaper.isEmpty { message += "; " + cheaper.joined(separator: ", ") }
        var ways: [String] = []
        if input.selection.per == nil { ways.append("--per COLUMN (one map per school or team)") }
        ways.append("--where COLUMN=VALUE (only those people)")
        ways.append("--min-weight W (only ties at least that strong)")
        if ego == nil { ways.append("--ego ID (one person's neighbourhood)") }
        throw InputError(.usage, file: input.edges, message,
                         hint: "draw less of it: " + ways.joined(separator: ", ") + "; or add --force to draw it anyway")
    }

    /// What pointing at each person shows on an SVG map: who they are (their
    /// label, with their id when the label is a name: under `--anonymize` the
    /// pseudonym alone, since names and ids are gone), how often they are
    /// sought out and named, their betweenness (estimated above about two
    /// seconds of work), whether they answered, and their role and team (and
    /// the --color-by column).
    func tooltips(_ network: Network, graph: Graph, responses: [ResponseStatus?]?, threads: Int) -> [String] {
        let roster = network.roster
        let table = NodeMeasureTable([.betweenness], on: graph, threads: threads, budget: .automatic(limit: 2e9))
        let betweenness = table.values[.betweenness]
        let estimated = table.estimated[.betweenness] != nil
        var columns = ["role", "team"]
        if let colorBy, colorBy.lowercased() != "none", !columns.contains(colorBy) { columns.append(colorBy) }
        let shown = columns.compactMap { name in (try? roster.column(named: name, file: "")).map { (name: $0.name, values: $0.values) } }
        let names = roster.attribute("name")
        return (0 ..< roster.count).map { v in
            let id = roster.ids[v]
            let name = names.map { $0[v] } ?? ""
            var parts = [name.isEmpty || name == id ? id : "\(name) (\(id))"]
            let sought = graph.inDegree(v), named = graph.outDegree(v)
            parts.append("sought out by \(sought) (in-degree), names \(named)")
            if let b = betweenness?[v] ?? nil {
                parts.append("betweenness \(estimated ? "≈ " : "")\(String(fixed: b, decimals: 3))")
            }
            if responses?[v] == .nonrespondent { parts.append("did not answer (their own ties are not known)") }
            for column in shown where !column.values[v].isEmpty { parts.append("\(column.name): \(column.values[v])") }
            return parts.joined(separator: " · ")
        }
    }

    func labels_mode(count: Int) -> LabelMode {
        if let labels, let mode = LabelMode(argument: labels) { return mode }
        return count <= 80 ? .all : .top(30)
    }

    func attribute(_ name: String, in roster: Roster, option: String) throws(InputError) -> [String] {
        try forOption(option) { () throws(InputError) in try roster.column(named: name, file: input.rosterFile).values }
    }
}

extension LabelMode {
    init?(argument: String) {
        switch argument.lowercased() {
        case "all": self = .all
        case "none": self = .none
        default:
            let parts = argument.lowercased().split(separator: ":")
            guard parts.count == 2, parts[0] == "top", let n = Int(parts[1]), n >= 0 else { return nil }
            self = .top(n)
        }
    }
}

extension LayoutEngine: ExpressibleByArgument {}

extension MapFormat: ExpressibleByArgument {}

/// `n` with thousands separators: 1,999,000.
func formatCount(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}

/// Bytes in words: 850 MB, 3.9 GB.
func memoryWords(_ bytes: Double) -> String {
    bytes >= 1e9 ? "\(String(fixed: bytes / 1e9, decimals: 1)) GB" : "\(max(1, Int((bytes / 1e6).rounded()))) MB"
}
