import StaffGraphCore

/// Graphviz DOT text (write only).
///
/// A named digraph (`digraph "staffgraph"`); every id and every attribute is
/// quoted with `\` and `"` escaped (GRAPHVIZ.md, "Labels and escaping").
/// Nodes in roster order carry their roster columns as attributes and a
/// `label`: the roster's `label` column, else `name`, else the id; in labels,
/// which Graphviz reads as escString with HTML entities, `&` is written
/// `&amp;` and a line break `\n`. Columns named like Graphviz attributes
/// (`color`, `shape`, `group`, `width` …) are written as `data_<name>` so they
/// cannot change the drawing. Ties layer by layer, each by (source, target),
/// with `weight` (Graphviz's layout weight, here the tie strength),
/// `relation` and `wave`. With draw options, nodes get `width` (inches) and
/// `fillcolor` with `style="filled"`.
public enum DOTWriter {
    /// Graphviz node, edge and graph attribute names (lowercase) a roster column must not shadow.
    static let graphvizAttributes: Set<String> = [
        "area", "class", "color", "colorscheme", "comment", "distortion", "fillcolor", "fixedsize", "fontcolor", "fontname",
        "fontsize", "gradientangle", "group", "height", "href", "id", "image", "imagepos", "imagescale", "label", "labelloc",
        "layer", "margin", "nojustify", "ordering", "orientation", "penwidth", "peripheries", "pin", "pos", "rects", "regular",
        "root", "samplepoints", "shape", "shapefile", "showboxes", "sides", "skew", "sortv", "style", "target", "tooltip",
        "url", "vertices", "width", "xlabel", "xlp", "z", "weight", "dir", "arrowhead", "arrowtail", "constraint", "len",
        "minlen", "headport", "tailport", "lhead", "ltail", "splines", "rank", "rankdir",
    ]

    /// `s` as a quoted DOT string: `\` and `"` escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\\" || c == "\"" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }

    /// `s` as a quoted DOT label: `\` and `"` escaped, `&` as `&amp;` (labels decode entities), line breaks as `\n`.
    static func quotedLabel(_ s: String) -> String {
        var out = "\""
        var previousCR = false
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "&": out += "&amp;"
            case "\r": out += "\\n"; previousCR = true; continue
            case "\n": if !previousCR { out += "\\n" }
            default: out.unicodeScalars.append(c)
            }
            previousCR = false
        }
        return out + "\""
    }

    /// The DOT text for `network`.
    static func render(_ network: Network, path: String, visuals: NodeVisuals?) throws(InputError) -> WriterOutput {
        let roster = network.roster
        let columns = NodeColumn.columns(of: roster)
        var renamed: [String] = []
        var names: [String] = []
        for column in columns {
            let lowered = column.name.lowercased()
            if lowered == "label" && !column.isResponse { names.append("label"); continue }
            if graphvizAttributes.contains(lowered) {
                renamed.append(column.name)
                names.append("data_" + column.name)
            } else {
                names.append(column.name)
            }
        }
        let labelColumn = columns.firstIndex { $0.name.lowercased() == "label" && !$0.isResponse }
        let nameColumn = columns.firstIndex { $0.name.lowercased() == "name" && !$0.isResponse }
        var out = "digraph \"staffgraph\" {\n"
        let ids = roster.ids.map(quoted)
        for v in 0 ..< roster.count {
            var attributes: [String] = []
            let label: String
            if let lc = labelColumn, !columns[lc].values[v].isEmpty { label = columns[lc].values[v] }
            else if let nc = nameColumn, !columns[nc].values[v].isEmpty { label = columns[nc].values[v] }
            else { label = roster.ids[v] }
            attributes.append("label=" + quotedLabel(label))
            for (c, column) in columns.enumerated() where c != labelColumn && !column.values[v].isEmpty {
                attributes.append(quoted(names[c]) + "=" + quoted(column.values[v]))
            }
            if let size = visuals?.sizes?[v] { attributes.append("width=\(quoted(formatWeight((size / 20 * 100).rounded() / 100)))") }
            if let color = visuals?.colors?[v] { attributes.append("style=\"filled\""); attributes.append("fillcolor=\(quoted(color.description))") }
            out += "  \(ids[v]) [" + attributes.joined(separator: ", ") + "];\n"
        }
        let writesRelation = network.writesRelation, writesWave = network.writesWave
        for layer in network.layers {
            var suffix = ""
            if writesRelation { suffix += ", \"relation\"=" + quoted(layer.key.relation) }
            if writesWave, let wave = layer.key.wave { suffix += ", \"wave\"=" + quoted(wave) }
            for tie in layer.graph.ties {
                out += "  \(ids[tie.source]) -> \(ids[tie.target]) [weight=\(quoted(formatWeight(tie.weight)))\(suffix)];\n"
            }
        }
        out += "}\n"
        var notes = visuals?.notes ?? []
        if !renamed.isEmpty {
            notes.append("DOT: columns named like Graphviz attributes are written as data_<name> so they do not change the drawing: \(renamed.joined(separator: ", "))")
        }
        return WriterOutput(text: out, notes: notes)
    }
}
