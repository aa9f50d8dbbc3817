import StaffGraphCore

/// JSON node-link data: the shape of networkx `node_link_data`, also read by d3.
///
/// **Written:**
/// ```json
/// {
///   "directed": true,
///   "multigraph": false,
///   "graph": {},
///   "nodes": [
///     {"id": "p01", "name": "Margaret Okonkwo", "years": 16, "responded_fall": "yes"}
///   ],
///   "edges": [
///     {"source": "p01", "target": "p03", "weight": 3, "relation": "advice", "wave": "fall"}
///   ]
/// }
/// ```
/// Nodes in roster order with their attributes (numeric columns as JSON
/// numbers, written exactly as the roster holds them; missing values left
/// out); edges layer by layer, each by (source, target); `relation` and
/// `wave` only when the network has named relations or waves; `multigraph` is
/// `true` when there are several layers (so networkx keeps ties that two
/// layers share). Edges go under `edges`, networkx 3.6's default key, so
/// `nx.node_link_graph(json.load(f))` reads the file as it is.
///
/// **Read:** `nodes` and `edges` (or `links`, the key of networkx before 3.6 and of d3); ids may be strings or
/// numbers; attribute values become text (numbers as written, `true`/`false`,
/// lists and objects as compact JSON, `null` as missing); link `weight`,
/// `relation` and `wave` make the ties and their layers, other link keys are
/// dropped with a note (and `key` in a multigraph is ignored);
/// `"directed": false` makes each link two ties. Refused with a located error
/// rather than read in part: a key given twice in one object, a file with
/// both `edges` and `links`, and `directed` or `multigraph` that are not
/// `true` or `false`.
public enum NodeLinkJSON {
    /// Reads JSON bytes (the contents of `path`, named in messages).
    public static func read(bytes: [UInt8], path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        let root = try JSONParser.parse(bytes, path: path)
        func fail(_ at: FileLocation, _ message: String, hint: String) -> InputError {
            InputError(file: path, line: at.line, column: at.column, message, hint: hint)
        }
        guard case .object(let members) = root.kind else {
            throw fail(root.location, "expected an object with \"nodes\" and \"links\", found \(root.typeName)",
                       hint: "write the file with networkx: json.dump(nx.node_link_data(G), f)")
        }
        var assembler = NetworkAssembler(path: path, options: options, fileBytes: bytes.count)
        var directed = true, multigraph = false
        if let d = root["directed"] {
            guard case .bool(let b) = d.kind else { throw fail(d.location, "\"directed\" must be true or false, found \(d.typeName)", hint: "write \"directed\": true") }
            directed = b
        }
        if let m = root["multigraph"] {
            guard case .bool(let b) = m.kind else { throw fail(m.location, "\"multigraph\" must be true or false, found \(m.typeName)", hint: "write \"multigraph\": false") }
            multigraph = b
        }
        if let g = root["graph"], case .object(let graphMembers) = g.kind, !graphMembers.isEmpty {
            assembler.notes.append("JSON graph attributes are not kept: \(describeNames(graphMembers.map(\.key)))")
        }
        if let links = members.first(where: { $0.key == "links" }), let edges = members.first(where: { $0.key == "edges" }) {
            let second = links.keyLocation.line > edges.keyLocation.line || (links.keyLocation.line == edges.keyLocation.line && links.keyLocation.column > edges.keyLocation.column) ? links : edges
            throw fail(second.keyLocation, "the file has both \"edges\" and \"links\"",
                       hint: "networkx writes one of them (\"edges\" since 3.6, \"links\" before); keep the ties under one key")
        }
        let linksKey = members.contains { $0.key == "links" } ? "links" : "edges"

        func idText(_ v: LocatedJSON, what: String) throws(InputError) -> String {
            switch v.kind {
            case .string(let s): return s
            case .number(let s): return s
            default:
                throw fail(v.location, "\(what) must be a string or a number, found \(v.typeName)", hint: "ids are written \"p01\" or 17")
            }
        }
        func text(_ v: LocatedJSON) -> String? {
            switch v.kind {
            case .null: return nil
            case .bool(let b): return b ? "true" : "false"
            case .number(let s): return s
            case .string(let s): return s
            case .array, .object: return v.compactText
            }
        }

        var structured = 0
        if let nodes = root["nodes"] {
            guard case .array(let items) = nodes.kind else {
                throw fail(nodes.location, "\"nodes\" must be an array, found \(nodes.typeName)", hint: "write \"nodes\": [{\"id\": \"a\"}, …]")
            }
            for item in items {
                guard case .object(let fields) = item.kind else {
                    throw fail(item.location, "a node must be an object, found \(item.typeName)", hint: "write {\"id\": \"a\", \"name\": \"Ana\"}")
                }
                guard let idValue = item["id"] else {
                    throw fail(item.location, "this node has no \"id\"", hint: "give every node an id: {\"id\": \"a\", …}")
                }
                let v = try assembler.declareNode(try idText(idValue, what: "a node id"), at: idValue.location)
                for field in fields where field.key != "id" {
                    guard let value = text(field.value) else { continue }
                    if case .array = field.value.kind { structured += 1 }
                    if case .object = field.value.kind { structured += 1 }
                    try assembler.setAttribute(field.key, node: v, value: value, at: field.value.location)
                }
            }
        }
        if let links = root[linksKey] {
            guard case .array(let items) = links.kind else {
                throw fail(links.location, "\"\(linksKey)\" must be an array, found \(links.typeName)", hint: "write \"\(linksKey)\": [{\"source\": \"a\", \"target\": \"b\"}, …]")
            }
            for item in items {
                guard case .object(let fields) = item.kind else {
                    throw fail(item.location, "a link must be an object, found \(item.typeName)", hint: "write {\"source\": \"a\", \"target\": \"b\", \"weight\": 2}")
                }
                guard let sourceValue = item["source"], let targetValue = item["target"] else {
                    throw fail(item.location, "this link has no \"source\" and \"target\"", hint: "write {\"source\": \"a\", \"target\": \"b\"}")
                }
                let s = try assembler.node(try idText(sourceValue, what: "a link's source"), at: sourceValue.location)
                let t = try assembler.node(try idText(targetValue, what: "a link's target"), at: targetValue.location)
                var weight = 1.0, weightText: String? = nil
                var at = item.location
                var relation: String? = nil, wave: String? = nil
                for field in fields {
                    switch field.key {
                    case "source", "target": continue
                    case "key" where multigraph: continue
                    case "weight":
                        switch field.value.kind {
                        case .number(let s):
                            guard let w = Double(s) else { throw fail(field.value.location, "weight \(s.clipped) is not a number", hint: "weights are numbers such as 1 or 2.5") }
                            weight = w; weightText = s
                        case .string(let s):
                            guard let w = parseWeight(s) else {
                                throw fail(field.value.location, "weight \"\(s.clipped)\" is not a number", hint: "weights are numbers such as 1 or 2.5")
                            }
                            weight = w; weightText = s
                        case .null:
                            throw fail(field.value.location, "weight is null", hint: "give the weight as a number, or leave \"weight\" out so that the tie counts 1")
                        default:
                            throw fail(field.value.location, "weight must be a number, found \(field.value.typeName)", hint: "weights are numbers such as 1 or 2.5")
                        }
                        at = field.value.location
                    case "relation": relation = text(field.value)
                    case "wave": wave = text(field.value)
                    default: assembler.dropEdgeAttribute(field.key)
                    }
                }
                try assembler.addTie(source: s, target: t, weight: weight, weightText: weightText, relation: relation, wave: wave, at: at)
                if !directed {
                    assembler.undirectedEdges += 1
                    if s != t { try assembler.addTie(source: t, target: s, weight: weight, weightText: weightText, relation: relation, wave: wave, at: at) }
                }
            }
        }
        if root["nodes"] == nil && root[linksKey] == nil {
            throw fail(root.location, "this JSON has neither \"nodes\" nor \"edges\" (or \"links\")",
                       hint: "node-link JSON (networkx node_link_data) holds {\"nodes\": […], \"edges\": […]}")
        }
        if structured > 0 { assembler.notes.append("\(structured) node attribute value\(structured == 1 ? " was a list or an object, kept" : "s were lists or objects, kept") as JSON text") }
        return try assembler.finish(format: "JSON")
    }

    /// The JSON text for `network`.
    static func render(_ network: Network, path: String) throws(InputError) -> WriterOutput {
        let roster = network.roster
        let columns = NodeColumn.columns(of: roster)
        var out = "{\n  \"directed\": true,\n  \"multigraph\": \(network.layers.count > 1 ? "true" : "false"),\n  \"graph\": {},\n  \"nodes\": ["
        let quotedIDs = roster.ids.map { jsonQuoted($0) }
        let quotedNames = columns.map { jsonQuoted($0.name) }
        for v in 0 ..< roster.count {
            out += v == 0 ? "\n    {" : ",\n    {"
            out += "\"id\": " + quotedIDs[v]
            for (c, column) in columns.enumerated() {
                let value = column.values[v]
                if value.isEmpty { continue }
                out += ", " + quotedNames[c] + ": " + (column.type == .string ? jsonQuoted(value) : value)
            }
            out += "}"
        }
        out += roster.count == 0 ? "],\n  \"edges\": [" : "\n  ],\n  \"edges\": ["
        let writesRelation = network.writesRelation, writesWave = network.writesWave
        var first = true
        for layer in network.layers {
            var suffix = ""
            if writesRelation { suffix += ", \"relation\": " + jsonQuoted(layer.key.relation) }
            if writesWave, let wave = layer.key.wave { suffix += ", \"wave\": " + jsonQuoted(wave) }
            for tie in layer.graph.ties {
                out += first ? "\n    {" : ",\n    {"
                first = false
                out += "\"source\": \(quotedIDs[tie.source]), \"target\": \(quotedIDs[tie.target]), \"weight\": \(formatWeight(tie.weight))" + suffix + "}"
            }
        }
        out += first ? "]\n}\n" : "\n  ]\n}\n"
        return WriterOutput(text: out, notes: [])
    }
}
