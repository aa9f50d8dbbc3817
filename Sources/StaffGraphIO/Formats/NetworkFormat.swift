import StaffGraphCore

/// The network file formats StaffGraph reads and writes, picked by file extension.
///
/// | format | extensions | reads | writes | keeps |
/// |---|---|---|---|---|
/// | ``csv`` | `.csv`, `.tsv` | ✓ | ✓ | everything: ties (`source,target,weight`, `relation`, `wave`) + a roster CSV |
/// | ``graphml`` | `.graphml` | ✓ | ✓ | everything; layers as edge attributes `relation`, `wave` |
/// | ``gexf`` | `.gexf` | ✓ | ✓ | everything; layers as edge attributes; viz size and colour with draw options |
/// | ``json`` | `.json` | ✓ | ✓ | everything (networkx `node_link_data` shape, edges under `links`) |
/// | ``pajek`` | `.net`, `.paj` | ✓ | ✓ | ids (as labels), ties, weights of one layer; no attributes |
/// | ``dl`` | `.dl` | ✓ | ✓ | ids (embedded labels), ties, weights of one layer (fullmatrix: several relations); no attributes |
/// | ``dot`` | `.dot`, `.gv` | | ✓ | everything as Graphviz attributes (write only) |
public enum NetworkFormat: String, CaseIterable, Sendable {
    /// A CSV edge list (`source,target,weight`, optional `relation`, `wave`) with a roster CSV beside it.
    case csv
    /// GraphML (graphml.graphdrawing.org): typed node and edge attribute keys.
    case graphml
    /// GEXF 1.3 (Gephi).
    case gexf
    /// Pajek `.net`.
    case pajek
    /// UCINET DL (`edgelist1` or `fullmatrix`, labels embedded).
    case dl
    /// JSON node-link data, the shape of networkx `node_link_data` (edges under `links`).
    case json
    /// Graphviz DOT (write only).
    case dot

    /// The name people know it by.
    public var displayName: String {
        switch self {
        case .csv: return "CSV edge list"
        case .graphml: return "GraphML"
        case .gexf: return "GEXF 1.3"
        case .pajek: return "Pajek"
        case .dl: return "UCINET DL"
        case .json: return "JSON node-link"
        case .dot: return "DOT"
        }
    }

    /// File extensions (lowercase, without the dot) that pick this format.
    public var extensions: [String] {
        switch self {
        case .csv: return ["csv", "tsv"]
        case .graphml: return ["graphml"]
        case .gexf: return ["gexf"]
        case .pajek: return ["net", "paj"]
        case .dl: return ["dl"]
        case .json: return ["json"]
        case .dot: return ["dot", "gv"]
        }
    }

    /// Whether StaffGraph reads this format (DOT is written only).
    public var isReadable: Bool { self != .dot }

    /// Whether the format keeps node attributes.
    public var keepsNodeAttributes: Bool {
        switch self {
        case .pajek, .dl: return false
        default: return true
        }
    }

    /// The format named by `path`'s extension, if known.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard let format = NetworkFormat.allCases.first(where: { $0.extensions.contains(ext) }) else { return nil }
        self = format
    }

    /// The format called `name` (`graphml`, `gexf`, `pajek` or `net`, `dl` or `ucinet`,
    /// `json` or `node-link`, `dot` or `gv`, `csv`), case-insensitive.
    public init?(name: String) {
        switch name.lowercased() {
        case "csv", "tsv", "edgelist", "edge-list": self = .csv
        case "graphml": self = .graphml
        case "gexf": self = .gexf
        case "pajek", "net", "paj": self = .pajek
        case "dl", "ucinet": self = .dl
        case "json", "node-link", "nodelink", "node_link": self = .json
        case "dot", "gv", "graphviz": self = .dot
        default: return nil
        }
    }

    /// Every extension StaffGraph knows, for messages: `.csv, .tsv, .graphml, …`.
    public static var knownExtensions: String {
        allCases.flatMap { $0.extensions }.map { "." + $0 }.joined(separator: ", ")
    }
}

/// How network files are read.
///
/// `edges` holds everything an edge list is read with; the properties below
/// it read and write the same values. Column names and the separator apply
/// to a CSV edge list only; `minimumWeight` to every format.
public struct FormatReadOptions: Sendable {
    /// The edge-list reading options (relation and wave names, merging,
    /// self-loops, unknown ids, minimum weight, and for CSV the column names
    /// and separator).
    public var edges = EdgeListOptions()
    /// A roster to use for the people: with a CSV edge list, as ``EdgeListReader/read(_:roster:options:progress:)``'s
    /// `roster`; with another format, its columns are added to the file's (the roster's values win) and the
    /// roster's order is kept.
    public var roster: Roster?
    /// Where the roster came from, for messages.
    public var rosterPath: String?

    /// The relation of ties the file does not assign one (default `ties`).
    public var relation: String? {
        get { edges.relation }
        set { edges.relation = newValue }
    }
    /// The wave of ties the file does not assign one (default: none).
    public var wave: String? {
        get { edges.wave }
        set { edges.wave = newValue }
    }
    /// How repeated ties between the same two people (same relation and wave) are merged.
    public var parallelTies: ParallelTieRule {
        get { edges.parallelTies }
        set { edges.parallelTies = newValue }
    }
    /// Whether self-loops are dropped (default) or kept.
    public var selfLoops: SelfLoopPolicy {
        get { edges.selfLoops }
        set { edges.selfLoops = newValue }
    }
    /// Add ids that are not on the roster instead of failing.
    public var allowUnknown: Bool {
        get { edges.allowUnknown }
        set { edges.allowUnknown = newValue }
    }
    /// Keep only ties whose (merged) weight is at least this.
    public var minimumWeight: Double? {
        get { edges.minimumWeight }
        set { edges.minimumWeight = newValue }
    }

    /// Default options.
    public init() {}
}

/// A network read from a file, with notes on what the reader merged, dropped or could not carry.
public struct FormatImport: Sendable {
    /// The import with every layer's ties below `minimum` removed, and a note saying how many.
    func keepingTies(minimumWeight minimum: Double) -> FormatImport {
        var network = self.network
        var removed = 0
        network.layers = network.layers.map { layer in
            let kept = layer.graph.keepingTies(minimumWeight: minimum)
            removed += layer.graph.edgeCount - kept.edgeCount
            var report = layer.buildReport
            report.ties = kept.edgeCount
            return Layer(key: layer.key, graph: kept, buildReport: report)
        }
        guard removed > 0 else { return self }
        return FormatImport(network: network, notes: notes + [ImportReport.belowMinimumNote(removed, minimum)])
    }

    /// The people and their ties.
    public var network: Network
    /// One sentence each, for standard error.
    public var notes: [String]

    /// Creates an import result.
    public init(network: Network, notes: [String]) {
        self.network = network
        self.notes = notes
    }
}

/// How network files are written.
public struct FormatWriteOptions: Sendable {
    /// The UCINET DL layout.
    public var dlLayout: UCINETDL.Layout = .edgelist1
    /// Node sizes and colours for GEXF (`viz:size`, `viz:color`), GraphML (Gephi's `r`, `g`, `b`, `size`) and DOT (`width`, `fillcolor`).
    public var visuals: NodeVisuals?
    /// Where a CSV edge list's roster goes (default: `<stem>_nodes.csv` beside the edge list).
    public var nodesPath: String?

    /// Default options.
    public init() {}
}

/// One file to write.
public struct RenderedFile: Sendable {
    /// Where it goes.
    public var path: String
    /// Its contents.
    public var text: String
}

/// The files a conversion produces, and what could not be carried.
public struct RenderedNetwork: Sendable {
    /// The files, in the order they are written.
    public var files: [RenderedFile]
    /// Notes on what the format could not hold, for standard error.
    public var notes: [String]

    /// Writes the files with ``AtomicFile/write(_:)-([(path:String,bytes:[UInt8])])``: every
    /// destination checked first, then all written.
    /// - Throws: ``InputError`` as ``AtomicFile`` does.
    public func write() throws(InputError) {
        try AtomicFile.write(files.map { (path: $0.path, bytes: Array($0.text.utf8)) })
    }

    /// One file at `path` with a writer's text and notes.
    static func single(_ output: WriterOutput, at path: String) -> RenderedNetwork {
        RenderedNetwork(files: [RenderedFile(path: path, text: output.text)], notes: output.notes)
    }
}

extension NetworkFormat {
    /// Reads a network file in this format.
    /// - Throws: ``InputError`` with the file, line and column of the first problem (exit 65), a missing file (66),
    ///   or a usage problem (64).
    public func read(_ path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        if self == .csv { return try readCSV(path, options: options) }
        let bytes = try readFileBytes(path)
        var fileOptions = options
        fileOptions.roster = nil
        let imported: FormatImport
        switch self {
        case .graphml: imported = try GraphML.read(bytes: bytes, path: path, options: fileOptions)
        case .gexf: imported = try GEXF.read(bytes: bytes, path: path, options: fileOptions)
        case .pajek: imported = try Pajek.read(bytes: bytes, path: path, options: fileOptions)
        case .dl: imported = try UCINETDL.read(bytes: bytes, path: path, options: fileOptions)
        case .json: imported = try NodeLinkJSON.read(bytes: bytes, path: path, options: fileOptions)
        case .dot:
            throw InputError(.usage, file: path, "StaffGraph writes DOT files but does not read them",
                             hint: "convert from the file DOT was made from (GraphML, GEXF, JSON, Pajek, DL or CSV)")
        case .csv: imported = try readCSV(path, options: options)
        }
        let thresholded = options.minimumWeight.map { imported.keepingTies(minimumWeight: $0) } ?? imported
        guard let roster = options.roster else { return thresholded }
        return try NetworkFormat.attach(roster, rosterPath: options.rosterPath ?? "roster", to: thresholded, file: path, allowUnknown: options.allowUnknown)
    }

    private func readCSV(_ path: String, options: FormatReadOptions) throws(InputError) -> FormatImport {
        let bytes = try readFileBytes(path)
        // Another format named .csv: here it can be read as what it is.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let announced = CSVReader.announcedFormat(bytes, from: start),
           let format = NetworkFormat.allCases.first(where: { $0.isReadable && $0.displayName.hasPrefix(announced) }) {
            throw InputError(file: path, line: 1, column: 1, "this is a \(announced) file, not a CSV edge list",
                             hint: "read it as \(announced) (\(setting: .format) \(format.rawValue))")
        }
        let imported = try EdgeListReader.read(bytes: bytes, name: path, roster: options.roster, options: options.edges)
        let report = imported.report
        // The report's notes include repeated ties merged and self-loops dropped.
        var notes = report.notes(minimumWeight: options.minimumWeight)
        if options.roster == nil {
            notes.append(note("no roster given (\(setting: .roster)): people are the ids in the edge list, without attributes"))
        }
        return FormatImport(network: imported.network, notes: notes)
    }

    /// Puts a file's network on a roster: people in roster order (then ids not on it, with `allowUnknown`),
    /// the roster's columns added to the file's, the roster's values winning where both have a column.
    static func attach(_ roster: Roster, rosterPath: String, to imported: FormatImport, file: String, allowUnknown: Bool) throws(InputError) -> FormatImport {
        let fileRoster = imported.network.roster
        var merged = roster
        var unknown: [String] = []
        for id in fileRoster.ids where roster.index(of: id) == nil {
            unknown.append(id)
        }
        if !unknown.isEmpty && !allowUnknown {
            var details = unknown.prefix(20).map { id -> String in
                if let close = closestMatch(to: id, among: roster.ids) { return "'\(id.clipped)': did you mean '\(close.clipped)'?" }
                return "'\(id.clipped)'"
            }
            if unknown.count > 20 { details.append("… and \(unknown.count - 20) more") }
            throw InputError(file: file, "\(unknown.count) id\(unknown.count == 1 ? " is" : "s are") not on the roster \(rosterPath)",
                             hint: "fix the ids, add the people to the roster, or use \(setting: .allowUnknown) to add them as people not on the roster",
                             details: details)
        }
        for id in unknown { merged.addUnlisted(id) }
        // Map file indices to roster indices.
        var newIndex: [Int] = []
        newIndex.reserveCapacity(fileRoster.count)
        for id in fileRoster.ids { newIndex.append(merged.index(of: id) ?? 0) }
        var notes = imported.notes
        // File columns the roster lacks are added; shared columns keep the roster's values.
        var overridden: [String] = []
        for name in fileRoster.attributeNames {
            guard let values = fileRoster.attribute(name) else { continue }
            if roster.attribute(name) != nil { overridden.append(name); continue }
            var column = Array(repeating: "", count: merged.count)
            for (i, v) in values.enumerated() { column[newIndex[i]] = v }
            merged.setAttribute(name, values: column)
        }
        var waves: [String?] = []
        if fileRoster.responses(wave: nil) != nil { waves.append(nil) }
        waves += fileRoster.responseWaves.map { Optional($0) }
        for wave in waves {
            let name = wave.map { "responded_\($0)" } ?? "responded"
            let rosterHas = wave.map { roster.responseWaves.contains($0) } ?? (roster.responses(wave: nil) != nil)
            if rosterHas { overridden.append(name); continue }
            guard let values = fileRoster.responses(wave: wave) else { continue }
            var column = [ResponseStatus?](repeating: nil, count: merged.count)
            for (i, v) in values.enumerated() { column[newIndex[i]] = v }
            merged.setResponses(wave: wave, values: column)
        }
        if !overridden.isEmpty {
            notes.append("the roster's values replace the file's for \(describeColumns(overridden))")
        }
        if !unknown.isEmpty {
            notes.append("\(unknown.count) id\(unknown.count == 1 ? "" : "s") not on the roster added (\(unknown.prefix(5).joined(separator: ", "))\(unknown.count > 5 ? ", …" : ""))")
        }
        var layers: [Layer] = []
        for layer in imported.network.layers {
            var builder = GraphBuilder(nodeCount: merged.count, reservingCapacity: layer.graph.edgeCount)
            for tie in layer.graph.ties { builder.addTie(from: newIndex[tie.source], to: newIndex[tie.target], weight: tie.weight) }
            let graph = builder.build(parallelTies: .max, selfLoops: .keep).graph
            layers.append(Layer(key: layer.key, graph: graph, buildReport: layer.buildReport))
        }
        return FormatImport(network: Network(roster: merged, layers: layers), notes: notes)
    }
}

extension NetworkFormat {
    /// The network with only the layers matching `relation` and `wave` (`nil` matches any).
    /// - Throws: ``InputError`` (`.usage`) listing the layers there are when none matches.
    public static func selecting(_ network: Network, relation: String?, wave: String?, file: String) throws(InputError) -> Network {
        if relation == nil && wave == nil { return network }
        let layers = network.layers(relation: relation, wave: wave)
        if layers.isEmpty {
            let available = network.layers.map { "'\($0.key.description.clipped)'" }.joined(separator: "; ")
            var what: [String] = []
            if let relation { what.append("relation '\(relation.clipped)'") }
            if let wave { what.append("wave '\(wave.clipped)'") }
            throw InputError(.usage, file: file, "no ties for \(what.joined(separator: " and "))",
                             hint: available.isEmpty ? "the file has no ties" : "the file has: \(available)")
        }
        return Network(roster: network.roster, layers: layers)
    }

    /// Renders `network` in this format without writing anything.
    /// - Parameter path: where the main file will go (for CSV, the edge list; the roster goes to
    ///   `options.nodesPath` or `<stem>_nodes.csv`).
    /// - Throws: ``InputError`` (`.usage`) when the format cannot hold the network (several layers in
    ///   Pajek, an id with a double quote in DL, a character XML cannot carry …).
    public func render(_ network: Network, to path: String, options: FormatWriteOptions = FormatWriteOptions()) throws(InputError) -> RenderedNetwork {
        var rendered = try renderFiles(network, to: path, options: options)
        // Layers travel as their ties' relation and wave: one without ties cannot be seen in the file.
        let empty = network.layers.filter { $0.graph.edgeCount == 0 }
        if network.layers.count > 1 && !empty.isEmpty {
            rendered.notes.append("\(displayName) keeps relations and waves through their ties: \(empty.map { "'\($0.key.description.clipped)'" }.joined(separator: "; ")) \(empty.count == 1 ? "has" : "have") none and will not appear when the file is read")
        }
        return rendered
    }

    private func renderFiles(_ network: Network, to path: String, options: FormatWriteOptions) throws(InputError) -> RenderedNetwork {
        if options.visuals != nil && self != .gexf && self != .dot && self != .graphml {
            throw InputError(.usage, file: path, "node sizes and colours (\(setting: .sizeBy), \(setting: .colorBy)) are written only to GEXF, GraphML and DOT",
                             hint: "write a .gexf, .graphml or .dot file, or leave out \(setting: .sizeBy) and \(setting: .colorBy)")
        }
        switch self {
        case .csv:
            let nodesPath = options.nodesPath ?? NetworkFormat.siblingRosterPath(for: path)
            if nodesPath == path {
                throw InputError(.usage, file: path, "the roster would overwrite the edge list", hint: "give the roster another file name with \(setting: .nodesPath)")
            }
            let edges = try EdgeListWriter.render(network, path: path)
            let roster = try RosterWriter.render(network.roster, path: nodesPath)
            return RenderedNetwork(files: [RenderedFile(path: nodesPath, text: roster), RenderedFile(path: path, text: edges.text)],
                                   notes: edges.notes + ["the roster (people and their attributes) is in \(nodesPath)"])
        case .graphml: return .single(try GraphML.render(network, path: path, visuals: options.visuals), at: path)
        case .gexf: return .single(try GEXF.render(network, path: path, visuals: options.visuals), at: path)
        case .pajek: return .single(try Pajek.render(network, path: path), at: path)
        case .dl: return .single(try UCINETDL.render(network, path: path, layout: options.dlLayout), at: path)
        case .json: return .single(try NodeLinkJSON.render(network, path: path), at: path)
        case .dot: return .single(try DOTWriter.render(network, path: path, visuals: options.visuals), at: path)
        }
    }

    /// Reads `path` in the format its extension names.
    /// - Throws: ``InputError`` (`.usage`) for an unknown extension, else as ``read(_:options:)``.
    public static func read(_ path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        guard let format = NetworkFormat(path: path) else {
            throw InputError(.usage, file: path, "cannot tell the format from the extension", hint: "use one of \(knownExtensions)")
        }
        return try format.read(path, options: options)
    }

    /// Writes `network` to `path` in the format its extension names, and returns the notes on what it could not hold.
    /// - Throws: ``InputError`` (`.usage`) for an unknown extension, else as ``write(_:to:options:)``.
    @discardableResult
    public static func write(_ network: Network, to path: String, options: FormatWriteOptions = FormatWriteOptions()) throws(InputError) -> [String] {
        guard let format = NetworkFormat(path: path) else {
            throw InputError(.usage, file: path, "cannot tell the format from the extension", hint: "use one of \(knownExtensions)")
        }
        return try format.write(network, to: path, options: options)
    }

    /// Renders and writes `network` (all files rendered and checked before any is written, each
    /// written atomically by ``AtomicFile``) and returns the notes on what the format could not hold.
    @discardableResult
    public func write(_ network: Network, to path: String, options: FormatWriteOptions = FormatWriteOptions()) throws(InputError) -> [String] {
        let rendered = try render(network, to: path, options: options)
        try rendered.write()
        return rendered.notes
    }

    /// `out/edges.csv` → `out/edges_nodes.csv`: where a CSV edge list's roster goes by default.
    public static func siblingRosterPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let nameStart = slash.map { path.index(after: $0) } ?? path.startIndex
        if let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart {
            return String(path[..<dot]) + "_nodes" + String(path[dot...])
        }
        return path + "_nodes.csv"
    }
}

/// What a writer produced: the text and the notes on what it could not carry.
struct WriterOutput: Sendable {
    var text: String
    var notes: [String]
}

/// The error for a network with several layers written to a format that holds one.
func oneLayerError(_ network: Network, format: String, path: String) -> InputError {
    let shown = network.layers.prefix(8).map { "'\($0.key.description.clipped)'" }.joined(separator: "; ")
    return InputError(.usage, file: path, "\(format) holds one relation and wave; the network has \(network.layers.count) (\(shown)\(network.layers.count > 8 ? "; …" : ""))",
                      hint: "pick one with \(setting: .relation) and \(setting: .wave), or write GraphML, GEXF, JSON or CSV, which keep them all")
}

/// The note saying which layer a one-layer format holds, if naming it matters.
func oneLayerNote(_ network: Network, format: String) -> String? {
    guard let layer = network.layers.first else { return nil }
    if layer.key.relation == "ties" && layer.key.wave == nil { return nil }
    return "\(format) keeps no relation or wave names: wrote the ties of '\(layer.key.description.clipped)'"
}

/// The note for formats that keep no node attributes.
func droppedColumnsNote(_ roster: Roster, format: String) -> String? {
    let names = NodeColumn.columns(of: roster).map(\.name)
    guard !names.isEmpty else { return nil }
    return "\(format) keeps no node attributes: \(describeColumns(names)) dropped"
}
