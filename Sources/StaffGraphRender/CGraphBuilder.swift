import CGraphviz

/// Builds an ``InfluenceMap`` as an in-memory cgraph graph. Used only inside
/// ``GraphvizSession`` (its pointers never leave the actor); the caller closes the graph.
struct CGraphBuilder {
    /// The root graph, or `nil` if cgraph refused to create it.
    let graph: UnsafeMutablePointer<Agraph_t>?

    init(map: InfluenceMap) {
        // IDs in creation order, so clusters are drawn in the same order on every run.
        guard let root = withMutableCString("influence_map", { agopen($0, sg_directed(), sg_sequential_ids()) }) else {
            graph = nil
            return
        }
        graph = root
        for (name, value) in map.graphAttributes { declare(root, AGRAPH, name, value) }
        if let html = map.htmlLabel {
            declare(root, AGRAPH, "label", "")
            setHTML(root, on: UnsafeMutableRawPointer(root), "label", html)
        }
        for (name, value) in map.nodeDefaults { declare(root, AGNODE, name, value) }
        for (name, value) in map.edgeDefaults { declare(root, AGEDGE, name, value) }

        // Clusters first, so that nodes can be created inside them.
        var clusterGraphs: [UnsafeMutablePointer<Agraph_t>?] = []
        for (i, label) in map.clusters.enumerated() {
            let sub = withMutableCString("cluster_\(i)") { agsubg(root, $0, 1) }
            if let sub {
                set(sub, "label", escapedPlainLabel(label))
                set(sub, "style", "rounded")
                set(sub, "color", "#999999")
                set(sub, "fontname", map.fontName)
                set(sub, "fontsize", "11")
                if map.pinnedPositions != nil, let boxes = map.pinnedClusterBoxes, i < boxes.count {
                    set(sub, "bb", boundingBox(boxes[i]))
                    if map.clusterTitlesOnTop { set(sub, "labelloc", "t") }
                }
            }
            clusterGraphs.append(sub)
        }
        var nodes: [UnsafeMutablePointer<Agnode_t>?] = []
        nodes.reserveCapacity(map.people.count)
        for person in map.people {
            let parent = person.cluster.flatMap { $0 < clusterGraphs.count ? clusterGraphs[$0] : nil } ?? root
            let node = withMutableCString(person.name) { agnode(parent, $0, 1) }
            if let node {
                for (name, value) in map.attributes(of: person) { set(node, name, value) }
            }
            nodes.append(node)
        }
        for (name, attributes) in map.pinnedExtraNodes {
            if let node = withMutableCString(name, { agnode(root, $0, 1) }) {
                for (key, value) in attributes { set(node, key, value) }
            }
        }
        for line in map.lines {
            guard line.source < nodes.count, line.target < nodes.count,
                  let tail = nodes[line.source], let head = nodes[line.target] else { continue }
            if let edge = agedge(root, tail, head, nil, 1) {
                for (name, value) in map.attributes(of: line) { set(edge, name, value) }
            }
        }
    }

    /// Sets a root-graph attribute (declared earlier or now).
    func setRoot(_ name: String, _ value: String) {
        guard let graph else { return }
        declare(graph, AGRAPH, name, value)
    }
}

/// Declares an attribute for a kind of object with its default.
private func declare(_ root: UnsafeMutablePointer<Agraph_t>, _ kind: Int32, _ name: String, _ value: String) {
    withMutableCString(name) { n in withMutableCString(value) { v in _ = agattr(root, kind, n, v) } }
}

/// Sets an attribute on one object; `agsafeset` with an empty default never changes other objects.
private func set(_ object: UnsafeMutablePointer<some Any>, _ name: String, _ value: String) {
    withMutableCString(name) { n in
        withMutableCString(value) { v in
            withMutableCString("") { d in _ = agsafeset(UnsafeMutableRawPointer(object), n, v, d) }
        }
    }
}

/// Sets an HTML-like label: the value must be an HTML string of the root graph.
private func setHTML(_ root: UnsafeMutablePointer<Agraph_t>, on object: UnsafeMutableRawPointer, _ name: String, _ html: String) {
    withMutableCString(html) { text in
        guard let value = agstrdup_html(root, text) else { return }
        withMutableCString(name) { n in
            withMutableCString("") { d in _ = agsafeset(object, n, value, d) }
        }
        _ = sg_strfree(root, value, 1)
    }
}

/// Calls `body` with a mutable copy of `text` as a C string: Graphviz 2.42
/// declares most string parameters `char *` (it copies them).
@discardableResult
func withMutableCString<R>(_ text: String, _ body: (UnsafeMutablePointer<CChar>) -> R) -> R {
    var chars = Array(text.utf8CString)
    return chars.withUnsafeMutableBufferPointer { buffer -> R in
        if let base = buffer.baseAddress { return body(base) }
        var zero: CChar = 0
        return body(&zero)
    }
}
