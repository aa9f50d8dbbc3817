extension InfluenceMap {
    /// The map as Graphviz DOT text, with the same attributes the renderer
    /// sets, so `dot`/`neato` draw the same picture. Every id and value is
    /// quoted, with `\` and `"` escaped (HTML labels are written `<…>`).
    /// - Complexity: O(people + lines).
    public func dotText() -> String {
        var out = "digraph \"influence_map\" {\n"
        for (name, value) in graphAttributes { out += "  \(quoted(name))=\(quoted(value));\n" }
        if let html = htmlLabel { out += "  \"label\"=<\(html)>;\n" }
        out += "  node [" + nodeDefaults.map { "\(quoted($0.0))=\(quoted($0.1))" }.joined(separator: ", ") + "];\n"
        out += "  edge [" + edgeDefaults.map { "\(quoted($0.0))=\(quoted($0.1))" }.joined(separator: ", ") + "];\n"
        func nodeLine(_ person: Person, indent: String) -> String {
            indent + quoted(person.name) + " [" + attributes(of: person).map { "\(quoted($0.0))=\(quoted($0.1))" }.joined(separator: ", ") + "];\n"
        }
        for (i, label) in clusters.enumerated() {
            out += "  subgraph \(quoted("cluster_\(i)")) {\n"
            out += "    \"label\"=\(quoted(escapedPlainLabel(label))); \"style\"=\"rounded\"; \"color\"=\"#999999\"; \"fontname\"=\(quoted(fontName)); \"fontsize\"=\"11\";\n"
            if pinnedPositions != nil, let boxes = pinnedClusterBoxes, i < boxes.count {
                out += "    \"bb\"=\(quoted(boundingBox(boxes[i])));\n"
                if clusterTitlesOnTop { out += "    \"labelloc\"=\"t\";\n" }
            }
            for person in people where person.cluster == i { out += nodeLine(person, indent: "    ") }
            out += "  }\n"
        }
        for person in people where person.cluster == nil || !(0 ..< clusters.count).contains(person.cluster ?? -1) {
            out += nodeLine(person, indent: "  ")
        }
        for (name, attributes) in pinnedExtraNodes {
            out += "  " + quoted(name) + " [" + attributes.map { "\(quoted($0.0))=\(quoted($0.1))" }.joined(separator: ", ") + "];\n"
        }
        for line in lines {
            out += "  \(quoted(people[line.source].name)) -> \(quoted(people[line.target].name)) ["
            out += attributes(of: line).map { "\(quoted($0.0))=\(quoted($0.1))" }.joined(separator: ", ") + "];\n"
        }
        out += "}\n"
        return out
    }
}

/// `"text"` with `\` and `"` escaped: a DOT id that can hold anything.
func quoted(_ text: String) -> String {
    var out = "\""
    for ch in text {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": break
        default: out.append(ch)
        }
    }
    return out + "\""
}

/// A Graphviz `bb` value for `box`: `"llx,lly,urx,ury"` in points, two decimals.
func boundingBox(_ box: MapFrame) -> String {
    [box.lower.x, box.lower.y, box.upper.x, box.upper.y].map { String(rounded: $0, decimals: 2) }.joined(separator: ",")
}
