import StaffGraphCore

/// GEXF 1.3 (https://gexf.net), Gephi's format, read and written.
///
/// **Written:** a static, directed `<graph>`; node attribute columns declared
/// in `<attributes class="node">`, typed `integer` or `long` when every value
/// is an integer, `double` when every value is a number, `string` otherwise;
/// edge attributes `relation` and `wave` (only when the network has named
/// relations or waves); each edge's `weight` attribute; nodes in roster order
/// with `label` = the roster's `label` column where it has a value, else the
/// id; edges layer by layer, each by (source, target), with ids `0, 1, …`.
/// With draw options, each node gets `<viz:size>` and `<viz:color>`. No
/// `lastmodifieddate` is written, so the same network gives the same bytes.
///
/// **Read (1.1, 1.2 and 1.3):** `attvalue`s become text attributes, with
/// `<default>`s for nodes without a value; a node `label` that differs from
/// its id becomes the attribute `label`; edge `weight`, and edge attributes
/// `relation` and `wave`, make the ties and their layers; other edge
/// attributes, `viz` elements, time spells of dynamic graphs and parent
/// nodes (`pid`) are dropped with a note; an edge's `kind` (GEXF 1.3) is its
/// relation unless a `relation` attribute gives one; `undirected` and `mutual` edges become two ties. Refused with
/// a located error rather than read in part: nested nodes (hierarchies), a
/// second `<graph>`, `<nodes>` or `<edges>`, two attributes declared with one
/// id, a node or edge giving the same attribute twice (outside time spells),
/// and edge types or attribute classes GEXF does not define.
public enum GEXF {
    /// Reads GEXF bytes (the contents of `path`, named in messages).
    public static func read(bytes: [UInt8], path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        let root = try XMLReader.parse(bytes, path: path)
        func fail(_ at: FileLocation, _ message: String, hint: MessageTemplate) -> InputError {
            InputError(file: path, line: at.line, column: at.column, MessageTemplate(message), hint: hint)
        }
        guard root.localName == "gexf" else {
            throw fail(root.location, "this is not a GEXF file: the root element is <\(root.name)>",
                       hint: root.localName == "graphml" ? "it looks like GraphML: name it .graphml, or read it as GraphML (\(setting: .format) graphml)" : "GEXF files start with <gexf>")
        }
        let graphs = root.children("graph")
        guard let graph = graphs.first else {
            throw fail(root.location, "no <graph> in this GEXF file", hint: "a GEXF file holds one <graph> with <nodes> and <edges>")
        }
        /// The one child `localName` of `element`, refusing a second (whose content would be lost).
        func single(_ localName: String, in element: XMLElement) throws(InputError) -> XMLElement? {
            let found = element.children(localName)
            if found.count > 1 {
                throw fail(found[1].location, "a second <\(localName)> in <\(element.localName)> (the first is on line \(found[0].location.line))",
                           hint: "a GEXF \(element.localName) holds one <\(localName)>; merge them")
            }
            return found.first
        }
        if graphs.count > 1 {
            throw fail(graphs[1].location, "a second <graph> in this GEXF file (the first is on line \(graphs[0].location.line))",
                       hint: "a GEXF file holds one <graph>; write each network to its own file")
        }
        var assembler = NetworkAssembler(path: path, options: options, fileBytes: bytes.count)
        /// The edge type named by `attribute` (`directed`, `undirected` or `mutual`), refusing others.
        func edgeType(_ attribute: XMLAttribute?, what: String) throws(InputError) -> String? {
            guard let attribute else { return nil }
            let value = attribute.value.trimmingSpaces.lowercased()
            guard ["directed", "undirected", "mutual"].contains(value) else {
                throw fail(attribute.valueLocation, "\(what)=\"\(attribute.value.clipped)\" is not a GEXF edge type",
                           hint: "GEXF edge types are directed, undirected and mutual")
            }
            return value
        }
        let defaultType = try edgeType(graph.attribute("defaultedgetype"), what: "defaultedgetype") ?? "directed"
        let dynamic = graph["mode"] == "dynamic"

        struct Attribute { var title: String; var defaultValue: String?; var location: FileLocation }
        var nodeAttributes: [String: Attribute] = [:], edgeAttributes: [String: Attribute] = [:]
        var nodeAttributeOrder: [String] = []
        for block in graph.children("attributes") {
            let isEdge: Bool
            switch block.attribute("class") {
            case let c? where c.value == "edge": isEdge = true
            case let c? where c.value == "node": isEdge = false
            case nil: isEdge = false
            case let c?:
                throw fail(c.valueLocation, "<attributes class=\"\(c.value.clipped)\"> is not node or edge attributes",
                           hint: "write class=\"node\" or class=\"edge\"")
            }
            for a in block.children("attribute") {
                guard let id = a["id"] else { throw fail(a.location, "<attribute> without an id", hint: "write <attribute id=\"0\" title=\"…\" type=\"string\"/>") }
                if let before = isEdge ? edgeAttributes[id] : nodeAttributes[id] {
                    throw fail(a.attribute("id")?.valueLocation ?? a.location,
                               "a second \(isEdge ? "edge" : "node") attribute with the id '\(id.clipped)' (the first is on line \(before.location.line))",
                               hint: "give every <attribute> its own id")
                }
                let attribute = Attribute(title: a["title"] ?? id, defaultValue: a.child("default")?.text, location: a.location)
                if isEdge { edgeAttributes[id] = attribute } else {
                    nodeAttributeOrder.append(id)
                    nodeAttributes[id] = attribute
                }
            }
        }
        for id in nodeAttributeOrder { if let a = nodeAttributes[id] { assembler.declareAttribute(a.title) } }
        var droppedViz = 0, spells = 0, timedRepeats = 0, parents = 0
        var labels: [(node: Int, label: String)] = []
        var labelDiffers = false

        /// The element's attvalues as (title, value, location, whether it carries a time spell).
        func values(_ element: XMLElement, _ declared: [String: Attribute], what: String) throws(InputError) -> [(title: String, value: String, at: FileLocation, timed: Bool)] {
            var result: [(String, String, FileLocation, Bool)] = []
            for block in element.children("attvalues") {
                for v in block.children("attvalue") {
                    guard let key = v["for"] ?? v["id"] else { throw fail(v.location, "<attvalue> without for=\"…\"", hint: "name the attribute it gives a value for") }
                    guard let attribute = declared[key] else {
                        throw fail(v.attribute("for")?.valueLocation ?? v.location, "no \(what) attribute with id '\(key.clipped)' is declared",
                                   hint: "declare it in <attributes class=\"\(what)\">: <attribute id=\"\(key.clipped)\" title=\"…\" type=\"string\"/>")
                    }
                    result.append((attribute.title, v["value"] ?? "", v.location, v["start"] != nil || v["end"] != nil))
                }
            }
            return result
        }

        if let nodes = try single("nodes", in: graph) {
            for node in nodes.children("node") {
                guard let id = node["id"] else { throw fail(node.location, "<node> without an id", hint: "write <node id=\"…\" label=\"…\">") }
                for child in node.children {
                    if child.prefix == "viz" || ["color", "size", "position", "shape", "thickness"].contains(String(child.localName)) { droppedViz += 1 }
                    if child.localName == "spells" || child.localName == "slices" { spells += 1 }
                    if ["nodes", "edges", "node", "edge"].contains(String(child.localName)) {
                        throw fail(child.location, "nested nodes (a hierarchical GEXF graph) are not supported",
                                   hint: "export the graph from Gephi without groups (flatten it) first")
                    }
                }
                let v = try assembler.declareNode(id, at: node.location)
                if let label = node["label"] {
                    labels.append((v, label))
                    if label != id { labelDiffers = true }
                }
                var given: [String: (at: FileLocation, timed: Bool)] = [:]
                for (title, value, at, timed) in try values(node, nodeAttributes, what: "node") {
                    if timed { spells += 1 }
                    // A dynamic graph gives one value per time spell: spells are ignored, the last value kept (noted).
                    if let before = given[title] {
                        guard timed && before.timed else {
                            throw fail(at, "node '\(id.clipped)' has a second value for the attribute '\(title.clipped)' (the first is on line \(before.at.line))",
                                       hint: "give each attribute once per node; remove one of the two values")
                        }
                        timedRepeats += 1
                    }
                    given[title] = (at, timed)
                    try assembler.setAttribute(title, node: v, value: value, at: at, replacing: timed)
                }
                if node["start"] != nil || node["end"] != nil { spells += 1 }
                if node["pid"] != nil || node.child("parents") != nil { parents += 1 }
            }
        }
        if let edges = try single("edges", in: graph) {
            for edge in edges.children("edge") {
                guard let sourceAttribute = edge.attribute("source"), let targetAttribute = edge.attribute("target") else {
                    throw fail(edge.location, "<edge> without a source and a target", hint: "write <edge id=\"0\" source=\"a\" target=\"b\"/>")
                }
                let s = try assembler.node(sourceAttribute.value, at: sourceAttribute.valueLocation)
                let t = try assembler.node(targetAttribute.value, at: targetAttribute.valueLocation)
                var weightText: String? = nil
                var weightAt = edge.location
                var relation: String? = nil, wave: String? = nil
                for (_, a) in edgeAttributes.sorted(by: { $0.key < $1.key }) where a.defaultValue != nil {
                    if a.title == "relation" { relation = a.defaultValue }
                    if a.title == "wave" { wave = a.defaultValue }
                }
                if let w = edge.attribute("weight") { weightText = w.value; weightAt = w.valueLocation }
                var given: [String: FileLocation] = [:]
                for (title, value, at, timed) in try values(edge, edgeAttributes, what: "edge") {
                    if timed { spells += 1 }
                    if title == "relation" || title == "wave" {
                        if let before = given[title] {
                            throw fail(at, "this edge gives its \(title) twice (first on line \(before.line))", hint: "give each edge one \(title)")
                        }
                        given[title] = at
                    }
                    switch title {
                    case "relation": relation = value
                    case "wave": wave = value
                    case "weight" where weightText == nil: weightText = value; weightAt = at
                    default: assembler.dropEdgeAttribute(title)
                    }
                }
                if edge["label"] != nil { assembler.dropEdgeAttribute("label") }
                // GEXF 1.3's edge kind (parallel edges of different kinds) is the relation unless an attribute names one.
                if let kind = edge["kind"] {
                    if given["relation"] == nil { relation = kind } else { assembler.dropEdgeAttribute("kind") }
                }
                if edge["start"] != nil || edge["end"] != nil { spells += 1 }
                var weight = 1.0
                if let text = weightText {
                    guard let w = parseWeight(text) else {
                        throw fail(weightAt, "weight '\(text.clipped)' is not a number", hint: "edge weights are numbers such as 1, 2.5 or 4")
                    }
                    weight = w
                }
                let type = try edgeType(edge.attribute("type"), what: "type") ?? defaultType
                try assembler.addTie(source: s, target: t, weight: weight, weightText: weightText, relation: relation, wave: wave, at: weightAt)
                if type == "undirected" || type == "mutual" {
                    assembler.undirectedEdges += 1
                    if s != t { try assembler.addTie(source: t, target: s, weight: weight, weightText: weightText, relation: relation, wave: wave, at: weightAt) }
                }
            }
        }
        for id in nodeAttributeOrder {
            guard let a = nodeAttributes[id], let value = a.defaultValue else { continue }
            for v in 0 ..< assembler.nodeCount where !assembler.hasAttribute(a.title, node: v) {
                try assembler.setAttribute(a.title, node: v, value: value, at: a.location)
            }
        }
        if labelDiffers {
            for (v, label) in labels where !assembler.hasAttribute("label", node: v) {
                try assembler.setAttribute("label", node: v, value: label, at: nil)
            }
        }
        if parents > 0 {
            assembler.notes.append("\(parents) node\(parents == 1 ? " names a parent node" : "s name parent nodes") (pid, a hierarchical GEXF graph): the hierarchy is not kept, every node is read as a person")
        }
        if timedRepeats > 0 {
            assembler.notes.append("\(timedRepeats) node attribute value\(timedRepeats == 1 ? " repeats" : "s repeat") an attribute for another time spell: the last value given is kept")
        }
        if droppedViz > 0 { assembler.notes.append("GEXF drawing data (viz positions, sizes, colours: \(droppedViz) element\(droppedViz == 1 ? "" : "s")) are not kept") }
        if dynamic || spells > 0 { assembler.notes.append("this is a dynamic GEXF graph: time spells are ignored, every node and edge is read as present") }
        return try assembler.finish(format: "GEXF")
    }

    /// The GEXF 1.3 text for `network` (`path` is named in errors).
    static func render(_ network: Network, path: String, visuals: NodeVisuals?) throws(InputError) -> WriterOutput {
        let roster = network.roster
        let columns = NodeColumn.columns(of: roster)
        func attr(_ s: String, _ what: @autoclosure () -> String) throws(InputError) -> String {
            guard let e = XMLEscape.attribute(s) else { throw xmlCharacterError(s, what(), path: path, format: "GEXF") }
            return e
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        out += "  <meta>\n    <creator>StaffGraph</creator>\n  </meta>\n"
        out += "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
        // The roster's `label` column is the GEXF label, not an attvalue.
        let labelColumn = columns.firstIndex { $0.name == "label" && !$0.isResponse }
        let attributeColumns = columns.enumerated().filter { $0.offset != labelColumn }
        if !attributeColumns.isEmpty {
            out += "    <attributes class=\"node\" mode=\"static\">\n"
            for (c, column) in attributeColumns {
                let type: String
                switch column.type {
                case .integer: type = ColumnType.fitsInt32(column.values) ? "integer" : "long"
                case .double: type = "double"
                case .string: type = "string"
                }
                out += "      <attribute id=\"\(c)\" title=\"\(try attr(column.name, "the column name '\(column.name.clipped)'"))\" type=\"\(type)\"/>\n"
            }
            out += "    </attributes>\n"
        }
        let writesRelation = network.writesRelation, writesWave = network.writesWave
        if writesRelation || writesWave {
            out += "    <attributes class=\"edge\" mode=\"static\">\n"
            if writesRelation { out += "      <attribute id=\"relation\" title=\"relation\" type=\"string\"/>\n" }
            if writesWave { out += "      <attribute id=\"wave\" title=\"wave\" type=\"string\"/>\n" }
            out += "    </attributes>\n"
        }
        var escapedIDs: [String] = []
        escapedIDs.reserveCapacity(roster.count)
        for id in roster.ids { escapedIDs.append(try attr(id, "the id '\(id.clipped)'")) }
        out += "    <nodes>\n"
        for v in 0 ..< roster.count {
            let label: String
            if let lc = labelColumn, !columns[lc].values[v].isEmpty { label = try attr(columns[lc].values[v], "the label '\(columns[lc].values[v].clipped)'") } else { label = escapedIDs[v] }
            let values = attributeColumns.filter { !$0.element.values[v].isEmpty }
            let size = visuals?.sizes?[v], color = visuals?.colors?[v]
            if values.isEmpty && size == nil && color == nil {
                out += "      <node id=\"\(escapedIDs[v])\" label=\"\(label)\"/>\n"
                continue
            }
            out += "      <node id=\"\(escapedIDs[v])\" label=\"\(label)\">\n"
            if !values.isEmpty {
                out += "        <attvalues>\n"
                for (c, column) in values {
                    out += "          <attvalue for=\"\(c)\" value=\"\(try attr(column.values[v], "the value '\(column.values[v].clipped)' of '\(column.name.clipped)'"))\"/>\n"
                }
                out += "        </attvalues>\n"
            }
            if let size { out += "        <viz:size value=\"\(formatWeight((size * 100).rounded() / 100))\"/>\n" }
            if let color { out += "        <viz:color r=\"\(color.red)\" g=\"\(color.green)\" b=\"\(color.blue)\" a=\"1.0\"/>\n" }
            out += "      </node>\n"
        }
        out += "    </nodes>\n"
        var relationText: [String] = [], waveText: [String] = []
        for layer in network.layers {
            relationText.append(try attr(layer.key.relation, "the relation '\(layer.key.relation.clipped)'"))
            waveText.append(try attr(layer.key.wave ?? "", "the wave '\((layer.key.wave ?? "").clipped)'"))
        }
        out += "    <edges>\n"
        var edgeID = 0
        for (l, layer) in network.layers.enumerated() {
            for tie in layer.graph.ties {
                let head = "      <edge id=\"\(edgeID)\" source=\"\(escapedIDs[tie.source])\" target=\"\(escapedIDs[tie.target])\" weight=\"\(formatWeight(tie.weight))\""
                edgeID += 1
                if !writesRelation && !(writesWave && layer.key.wave != nil) {
                    out += head + "/>\n"
                    continue
                }
                out += head + ">\n        <attvalues>\n"
                if writesRelation { out += "          <attvalue for=\"relation\" value=\"\(relationText[l])\"/>\n" }
                if writesWave, layer.key.wave != nil { out += "          <attvalue for=\"wave\" value=\"\(waveText[l])\"/>\n" }
                out += "        </attvalues>\n      </edge>\n"
            }
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return WriterOutput(text: out, notes: visuals?.notes ?? [])
    }
}
