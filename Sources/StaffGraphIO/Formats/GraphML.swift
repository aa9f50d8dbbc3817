import StaffGraphCore

/// GraphML (http://graphml.graphdrawing.org), read and written.
///
/// **Written:** one directed `<graph>`; one `<key>` per node attribute column,
/// typed `int` or `long` when every value is an integer, `double` when every
/// value is a number, `string` otherwise (response columns are always
/// `string`); edge keys `weight` (`double`), `relation` and `wave` (`string`,
/// the last two only when the network has named relations or waves). Nodes in
/// roster order, missing values left out; edges layer by layer, each by
/// (source, target). Several layers mean parallel edges, which networkx reads
/// as a `MultiDiGraph`. With draw options (``NodeVisuals``), node keys `r`,
/// `g`, `b` (`int`) and `size` (`double`), the drawing data Gephi reads from
/// GraphML, after the roster's columns; a roster column already named so is refused.
///
/// **Read:** typed keys become text (`3.0` stays `3.0`); `<default>` values
/// fill nodes without a value; edge data `weight`, `relation` and `wave` make
/// the ties and their layers, other edge data and graph data are dropped with
/// a note; undirected edges (`edgedefault="undirected"` or `directed="false"`)
/// become two ties; only the first `<graph>` is read (a note says so);
/// hyperedges are skipped with a note, ports ignored; when node keys `r`, `g`
/// and `b` are all declared (Gephi's drawing data, as written with draw
/// options), they and `size`, `x`, `y` are dropped with a note. Refused with a located
/// error rather than read in part: nested graphs (a `<graph>` inside a graph,
/// node or edge), `<node>`s and `<edge>`s outside a `<graph>` or inside
/// another node or edge, two `<key>`s with one id, a node or edge giving the
/// same key twice, and `directed`/`edgedefault` values GraphML does not define.
public enum GraphML {
    /// Reads GraphML bytes (the contents of `path`, named in messages).
    public static func read(bytes: [UInt8], path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        let root = try XMLReader.parse(bytes, path: path)
        func fail(_ at: FileLocation, _ message: String, hint: MessageTemplate) -> InputError {
            InputError(file: path, line: at.line, column: at.column, MessageTemplate(message), hint: hint)
        }
        guard root.localName == "graphml" else {
            throw fail(root.location, "this is not a GraphML file: the root element is <\(root.name)>",
                       hint: root.localName == "gexf" ? "it looks like GEXF: name it .gexf, or read it as GEXF (\(setting: .format) gexf)" : "GraphML files start with <graphml>")
        }
        var assembler = NetworkAssembler(path: path, options: options, fileBytes: bytes.count)

        struct Key { var name: String; var domain: String; var defaultValue: String?; var isGraphics: Bool; var location: FileLocation }
        var keys: [String: Key] = [:]
        for element in root.children where element.localName == "node" || element.localName == "edge" || element.localName == "hyperedge" {
            throw fail(element.location, "a <\(element.name.clipped)> directly inside <graphml>, outside any <graph>",
                       hint: "put nodes and edges inside the <graph> element")
        }
        for k in root.children("key") {
            guard let id = k["id"] else { throw fail(k.location, "<key> without an id", hint: "every <key> needs id=\"…\"") }
            if let before = keys[id] {
                throw fail(k.attribute("id")?.valueLocation ?? k.location, "a second <key> with the id '\(id.clipped)' (the first is on line \(before.location.line))",
                           hint: "give every <key> its own id")
            }
            let yfiles = k["yfiles.type"]
            let name = k["attr.name"] ?? yfiles ?? id
            let domain = k["for"] ?? "all"
            let defaultValue = k.child("default").map { $0.text }
            keys[id] = Key(name: name, domain: domain, defaultValue: defaultValue, isGraphics: yfiles != nil, location: k.location)
        }
        // Gephi's drawing data (r, g, b, with size and position): not roster columns.
        let nodeKeyNames = Set(keys.values.filter { $0.domain == "node" && !$0.isGraphics }.map(\.name))
        var gephiKeys = Set<String>()
        if ["r", "g", "b"].allSatisfy(nodeKeyNames.contains) {
            for (id, key) in keys where key.domain == "node" && ["r", "g", "b", "size", "x", "y"].contains(key.name) {
                keys[id]?.isGraphics = true
                gephiKeys.insert(key.name)
            }
        }
        let graphs = root.children("graph")
        guard let graph = graphs.first else {
            throw fail(root.location, "no <graph> in this GraphML file", hint: "a GraphML file holds one <graph> with <node> and <edge> elements")
        }
        if graphs.count > 1 { assembler.notes.append("only the first of \(graphs.count) <graph> elements was read") }
        let undirectedByDefault: Bool
        switch graph.attribute("edgedefault") {
        case nil: undirectedByDefault = false
        case let a? where a.value == "directed": undirectedByDefault = false
        case let a? where a.value == "undirected": undirectedByDefault = true
        case let a?:
            throw fail(a.valueLocation, "edgedefault=\"\(a.value.clipped)\" is not a GraphML edge default",
                       hint: "write edgedefault=\"directed\" or edgedefault=\"undirected\"")
        }
        // Node attribute columns, in key order, so that columns appear even when empty.
        let nodeKeyIDs = root.children("key").compactMap { k -> String? in
            guard let id = k["id"], let key = keys[id], !key.isGraphics, key.domain == "node" || key.domain == "all" else { return nil }
            return id
        }
        for id in nodeKeyIDs { if let key = keys[id], key.domain == "node" { assembler.declareAttribute(key.name) } }
        // Edge key defaults for weight, relation and wave, in key order.
        let edgeDefaults = root.children("key").compactMap { k -> (String, String)? in
            guard let id = k["id"], let key = keys[id], key.domain == "edge" || key.domain == "all",
                  ["weight", "relation", "wave"].contains(key.name), let value = key.defaultValue else { return nil }
            return (key.name, value)
        }
        var graphData: [String] = []
        var droppedGraphics = 0
        var hyperedges = 0
        var markupInData = 0

        func key(for data: XMLElement) throws(InputError) -> Key {
            guard let keyID = data["key"] else { throw fail(data.location, "<data> without a key", hint: "write <data key=\"d0\">…</data>") }
            guard let key = keys[keyID] else {
                throw fail(data.attribute("key")?.valueLocation ?? data.location, "no <key> with id '\(keyID.clipped)' is declared",
                           hint: "declare it before the graph: <key id=\"\(keyID.clipped)\" for=\"node\" attr.name=\"…\" attr.type=\"string\"/>")
            }
            return key
        }
        /// Refuses elements whose content this reader would otherwise lose: a graph, node or edge inside a node or edge.
        func refuseNested(in element: XMLElement) throws(InputError) {
            for child in element.children {
                switch child.localName {
                case "graph":
                    throw fail(child.location, "nested graphs (a <graph> inside \(element.localName == "edge" ? "an" : "a") <\(element.localName)>) are not supported",
                               hint: "flatten the graph first, or export it without groups")
                case "node", "edge", "hyperedge":
                    throw fail(child.location, "a <\(child.name.clipped)> inside \(element.localName == "edge" ? "an" : "a") <\(element.localName)> (line \(element.location.line)) is not read",
                               hint: "nodes and edges are children of <graph>; close the <\(element.localName)> before it")
                default:
                    continue
                }
            }
        }
        /// Whether an edge's `directed` attribute makes it undirected (XML Schema booleans: true, false, 1, 0).
        func isUndirected(_ edge: XMLElement) throws(InputError) -> Bool {
            guard let a = edge.attribute("directed") else { return undirectedByDefault }
            switch a.value.trimmingSpaces {
            case "true", "1": return false
            case "false", "0": return true
            default:
                throw fail(a.valueLocation, "directed=\"\(a.value.clipped)\" is not true or false",
                           hint: "write directed=\"true\" or directed=\"false\", or leave it out to follow the graph's edgedefault")
            }
        }

        for element in graph.children {
            switch element.localName {
            case "node":
                guard let id = element["id"] else { throw fail(element.location, "<node> without an id", hint: "write <node id=\"…\">") }
                try refuseNested(in: element)
                let v = try assembler.declareNode(id, at: element.location)
                for data in element.children where data.localName == "data" {
                    let key = try key(for: data)
                    if key.isGraphics { droppedGraphics += 1; continue }
                    if !data.children.isEmpty { markupInData += 1 }
                    try assembler.setAttribute(key.name, node: v, value: data.text, at: data.location)
                }
            case "graph":
                throw fail(element.location, "nested graphs (a <graph> inside a <graph>) are not supported",
                           hint: "flatten the graph first, or export it without groups")
            case "edge":
                guard let sourceAttribute = element.attribute("source"), let targetAttribute = element.attribute("target") else {
                    throw fail(element.location, "<edge> without a source and a target", hint: "write <edge source=\"a\" target=\"b\">")
                }
                try refuseNested(in: element)
                let s = try assembler.node(sourceAttribute.value, at: sourceAttribute.valueLocation)
                let t = try assembler.node(targetAttribute.value, at: targetAttribute.valueLocation)
                var weight = 1.0
                var weightText: String? = nil
                var weightAt = element.location
                var relation: String? = nil, wave: String? = nil
                for (name, value) in edgeDefaults {
                    switch name {
                    case "weight": weightText = value
                    case "relation": relation = value
                    default: wave = value
                    }
                }
                var given: [String: FileLocation] = [:]
                for data in element.children where data.localName == "data" {
                    let key = try key(for: data)
                    if ["weight", "relation", "wave"].contains(key.name) {
                        if let before = given[key.name] {
                            throw fail(data.location, "this edge gives its \(key.name) twice (first on line \(before.line))", hint: "give each edge one \(key.name)")
                        }
                        given[key.name] = data.location
                    }
                    switch key.name {
                    case "weight": weightText = data.text; weightAt = data.location
                    case "relation": relation = data.text
                    case "wave": wave = data.text
                    default: assembler.dropEdgeAttribute(key.name)
                    }
                }
                if let text = weightText {
                    guard let w = parseWeight(text) else {
                        throw fail(weightAt, "weight '\(text.clipped)' is not a number", hint: "edge weights are numbers such as 1, 2.5 or 4")
                    }
                    weight = w
                }
                let undirected = try isUndirected(element)
                try assembler.addTie(source: s, target: t, weight: weight, weightText: weightText, relation: relation, wave: wave, at: weightAt)
                if undirected {
                    assembler.undirectedEdges += 1
                    if s != t { try assembler.addTie(source: t, target: s, weight: weight, weightText: weightText, relation: relation, wave: wave, at: weightAt) }
                }
            case "data":
                if let id = element["key"], let key = keys[id] { graphData.append(key.name) } else { graphData.append(element["key"] ?? "?") }
            case "hyperedge":
                hyperedges += 1
            default:
                continue
            }
        }
        // Defaults for nodes without a value.
        for id in nodeKeyIDs {
            guard let key = keys[id], let value = key.defaultValue else { continue }
            for v in 0 ..< assembler.nodeCount where !assembler.hasAttribute(key.name, node: v) {
                try assembler.setAttribute(key.name, node: v, value: value, at: key.location)
            }
        }
        if !graphData.isEmpty { assembler.notes.append("GraphML graph attributes are not kept: \(describeNames(graphData))") }
        if !gephiKeys.isEmpty {
            let names = ["r", "g", "b", "size", "x", "y"].filter(gephiKeys.contains)
            assembler.notes.append("Gephi drawing data (node keys \(names.joined(separator: ", "))) are not kept")
        } else if droppedGraphics > 0 {
            assembler.notes.append("yEd graphics (\(droppedGraphics) node\(droppedGraphics == 1 ? "" : "s")) are not kept")
        }
        if markupInData > 0 {
            assembler.notes.append("\(markupInData) node <data> value\(markupInData == 1 ? " holds" : "s hold") XML elements: only the text directly inside <data> is kept")
        }
        if hyperedges > 0 { assembler.notes.append("\(hyperedges) hyperedge\(hyperedges == 1 ? " is" : "s are") not supported and \(hyperedges == 1 ? "was" : "were") skipped") }
        return try assembler.finish(format: "GraphML")
    }

    /// The GraphML text for `network` (`path` is named in errors).
    static func render(_ network: Network, path: String, visuals: NodeVisuals? = nil) throws(InputError) -> WriterOutput {
        let roster = network.roster
        let columns = NodeColumn.columns(of: roster)
        var visualKeys: [String] = []
        if visuals?.colors != nil { visualKeys += ["r", "g", "b"] }
        if visuals?.sizes != nil { visualKeys.append("size") }
        if let clash = columns.first(where: { visualKeys.contains($0.name) }) {
            throw InputError(.usage, file: path, "the roster has a column named '\(clash.name.clipped)', the name GraphML files give \(clash.name == "size" ? "node sizes" : "node colours") (\(setting: clash.name == "size" ? .sizeBy : .colorBy))",
                             hint: "rename that roster column, or write a .gexf or .dot file")
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        func attr(_ s: String, _ what: @autoclosure () -> String) throws(InputError) -> String {
            guard let e = XMLEscape.attribute(s) else { throw xmlCharacterError(s, what(), path: path, format: "GraphML") }
            return e
        }
        func text(_ s: String, _ what: @autoclosure () -> String) throws(InputError) -> String {
            guard let e = XMLEscape.text(s) else { throw xmlCharacterError(s, what(), path: path, format: "GraphML") }
            return e
        }
        for (c, column) in columns.enumerated() {
            let type: String
            switch column.type {
            case .integer: type = ColumnType.fitsInt32(column.values) ? "int" : "long"
            case .double: type = "double"
            case .string: type = "string"
            }
            out += "  <key id=\"d\(c)\" for=\"node\" attr.name=\"\(try attr(column.name, "the column name '\(column.name.clipped)'"))\" attr.type=\"\(type)\"/>\n"
        }
        for (k, name) in visualKeys.enumerated() {
            out += "  <key id=\"d\(columns.count + 3 + k)\" for=\"node\" attr.name=\"\(name)\" attr.type=\"\(name == "size" ? "double" : "int")\"/>\n"
        }
        let weightKey = "d\(columns.count)"
        let relationKey = "d\(columns.count + 1)"
        let waveKey = "d\(columns.count + 2)"
        let writesRelation = network.writesRelation, writesWave = network.writesWave
        out += "  <key id=\"\(weightKey)\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        if writesRelation { out += "  <key id=\"\(relationKey)\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n" }
        if writesWave { out += "  <key id=\"\(waveKey)\" for=\"edge\" attr.name=\"wave\" attr.type=\"string\"/>\n" }
        out += "  <graph id=\"G\" edgedefault=\"directed\">\n"
        var escapedIDs: [String] = []
        escapedIDs.reserveCapacity(roster.count)
        for id in roster.ids { escapedIDs.append(try attr(id, "the id '\(id.clipped)'")) }
        for v in 0 ..< roster.count {
            let values = columns.enumerated().filter { !$0.element.values[v].isEmpty }
            var drawing: [String] = []
            if let color = visuals?.colors?[v] { drawing += [String(color.red), String(color.green), String(color.blue)] }
            if let size = visuals?.sizes?[v] { drawing.append(formatWeight((size * 100).rounded() / 100)) }
            if values.isEmpty && drawing.isEmpty {
                out += "    <node id=\"\(escapedIDs[v])\"/>\n"
                continue
            }
            out += "    <node id=\"\(escapedIDs[v])\">\n"
            for (c, column) in values {
                out += "      <data key=\"d\(c)\">\(try text(column.values[v], "the value '\(column.values[v].clipped)' of '\(column.name.clipped)'"))</data>\n"
            }
            for (k, value) in drawing.enumerated() { out += "      <data key=\"d\(columns.count + 3 + k)\">\(value)</data>\n" }
            out += "    </node>\n"
        }
        var relationText: [String] = [], waveText: [String] = []
        for layer in network.layers {
            relationText.append(try text(layer.key.relation, "the relation '\(layer.key.relation.clipped)'"))
            waveText.append(try text(layer.key.wave ?? "", "the wave '\((layer.key.wave ?? "").clipped)'"))
        }
        for (l, layer) in network.layers.enumerated() {
            for tie in layer.graph.ties {
                out += "    <edge source=\"\(escapedIDs[tie.source])\" target=\"\(escapedIDs[tie.target])\">\n"
                out += "      <data key=\"\(weightKey)\">\(formatWeight(tie.weight))</data>\n"
                if writesRelation { out += "      <data key=\"\(relationKey)\">\(relationText[l])</data>\n" }
                if writesWave, layer.key.wave != nil { out += "      <data key=\"\(waveKey)\">\(waveText[l])</data>\n" }
                out += "    </edge>\n"
            }
        }
        out += "  </graph>\n</graphml>\n"
        return WriterOutput(text: out, notes: visuals?.notes ?? [])
    }
}

/// The error for text XML 1.0 cannot carry (control characters).
func xmlCharacterError(_ s: String, _ what: String, path: String, format: String) -> InputError {
    InputError(.usage, file: path, "\(what) holds the character \(XMLEscape.forbiddenCharacter(in: s)), which \(format) (XML 1.0) cannot carry",
               hint: "remove control characters from the input, or write JSON or CSV, which can hold them")
}
