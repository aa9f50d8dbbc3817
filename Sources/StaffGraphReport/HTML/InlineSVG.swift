/// Makes SVG text safe to inline into a self-contained page.
///
/// The XML prolog, DOCTYPE and every comment go (Graphviz writes node names
/// into comments); so do scripts, `foreignObject`, images, styles,
/// animations, event-handler attributes, `xmlns` declarations and any link
/// or `url(…)` that does not point inside the drawing. Links (`<a>`) are
/// unwrapped, keeping what they contain. Ids that are referenced
/// (`url(#id)`, `href="#id"`) get `idPrefix`, so several drawings can share a
/// page; ids nothing refers to are dropped.
public enum InlineSVG {
    /// The sanitized drawing as markup for a page.
    /// - Parameters:
    ///   - svg: SVG text (a whole file, prolog and all).
    ///   - idPrefix: prefix for the drawing's ids, unique on the page (e.g. `"fig3"`); made safe with ``HTML/slug(_:)``.
    ///   - label: text alternative; when given, the root gets `role="img"` and `aria-label`.
    ///   - removeTitles: also remove every `<title>` (Graphviz puts node names there).
    /// - Returns: the markup, or ``HTMLFragment/empty`` when `svg` has no `<svg>` element.
    public static func fragment(_ svg: String, idPrefix: String, label: String? = nil, removeTitles: Bool = false) -> HTMLFragment {
        guard var root = SVGParser.parse(svg) else { return .empty }
        SVGSanitizer(idPrefix: HTML.slug(idPrefix), removeTitles: removeTitles).sanitize(&root)
        if let label {
            root.setAttribute("role", raw: "img")
            root.setAttribute("aria-label", raw: HTML.escapeAttribute(label))
        }
        return .raw(root.markup())
    }
}

/// The cleaning rules of ``InlineSVG``, applied to a parsed tree.
struct SVGSanitizer {
    /// Prefix for kept ids (already a slug).
    var idPrefix: String
    /// Remove every `<title>` element.
    var removeTitles: Bool

    /// Elements removed with everything inside them.
    static let droppedElements: Set<String> = [
        "script", "foreignObject", "image", "iframe", "style", "object", "embed", "audio", "video", "canvas",
        "animate", "animateMotion", "animateTransform", "set", "discard", "handler", "listener", "metadata",
    ]

    /// Cleans `root` in place: elements, attributes, ids.
    func sanitize(_ root: inout SVGElement) {
        clean(&root)
        var referenced = Set<String>()
        collectReferences(root, into: &referenced)
        renameIDs(&root, referenced: referenced)
    }

    private func clean(_ element: inout SVGElement) {
        element.attributes = element.attributes.filter { Self.keepsAttribute(name: $0.name, value: $0.value) }
        var children: [SVGElement.Node] = []
        for child in element.children {
            switch child {
            case .text:
                children.append(child)
            case .element(var e):
                if Self.droppedElements.contains(e.name) || (removeTitles && e.name == "title") { continue }
                clean(&e)
                if e.name == "a" {
                    children += e.children
                } else {
                    children.append(.element(e))
                }
            }
        }
        element.children = children
    }

    /// Whether an attribute may stay: no event handlers, namespaces, link
    /// titles, targets, or links and `url(…)`s leaving the drawing.
    static func keepsAttribute(name: String, value: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("on") || lower == "xmlns" || lower.hasPrefix("xmlns:") || lower == "xlink:title" || lower == "target" { return false }
        if !HTML.isValidName(name) { return false }
        let decoded = XMLText.decode(value).lowercased().filter { !$0.isWhitespace }
        if lower == "href" || lower == "xlink:href" || lower == "src" { return decoded.hasPrefix("#") }
        if decoded.contains("javascript:") || decoded.contains("@import") || decoded.contains("expression(") { return false }
        var rest = Substring(decoded)
        while let r = rest.firstRange(of: "url(") {
            let after = rest[r.upperBound...].drop { $0 == "'" || $0 == "\"" }
            if !after.hasPrefix("#") { return false }
            rest = after
        }
        return true
    }

    /// Ids named by `url(#id)` or `href="#id"` anywhere in the tree.
    private func collectReferences(_ element: SVGElement, into set: inout Set<String>) {
        for a in element.attributes {
            for id in Self.references(in: a.value, isLink: a.name == "href" || a.name == "xlink:href") { set.insert(id) }
        }
        for child in element.children { if case .element(let e) = child { collectReferences(e, into: &set) } }
    }

    /// The ids an attribute value refers to.
    static func references(in value: String, isLink: Bool) -> [String] {
        if isLink { return value.hasPrefix("#") ? [String(value.dropFirst())] : [] }
        var ids: [String] = []
        _ = rewritingURLReferences(value) { ids.append($0); return $0 }
        return ids
    }

    /// `value` with the id of every `url(#id)` (also quoted) replaced by `rename(id)`.
    static func rewritingURLReferences(_ value: String, _ rename: (String) -> String) -> String {
        var out = ""
        var rest = Substring(value)
        while let r = rest.firstRange(of: "url(") {
            out += rest[rest.startIndex ..< r.upperBound]
            var after = rest[r.upperBound...]
            while after.hasPrefix("'") || after.hasPrefix("\"") || after.hasPrefix("&quot;") {
                let quote = after.hasPrefix("&quot;") ? 6 : 1
                out += after.prefix(quote)
                after = after.dropFirst(quote)
            }
            guard after.hasPrefix("#") else { rest = after; continue }
            let body = after.dropFirst()
            let end = body.firstIndex { $0 == ")" || $0 == "'" || $0 == "\"" || $0 == "&" } ?? body.endIndex
            out += "#" + rename(String(body[body.startIndex ..< end]))
            rest = body[end...]
        }
        out += rest
        return out
    }

    /// The new id for `id`.
    private func renamed(_ id: String) -> String { idPrefix + "-" + HTML.slug(id) }

    private func renameIDs(_ element: inout SVGElement, referenced: Set<String>) {
        var attributes: [(name: String, value: String)] = []
        for a in element.attributes {
            if a.name == "id" {
                if referenced.contains(a.value) { attributes.append((a.name, renamed(a.value))) }
            } else if a.name == "href" || a.name == "xlink:href" {
                attributes.append((a.name, "#" + renamed(String(a.value.dropFirst()))))
            } else if a.value.contains("url(") {
                attributes.append((a.name, Self.rewritingURLReferences(a.value) { renamed($0) }))
            } else {
                attributes.append(a)
            }
        }
        element.attributes = attributes
        for k in element.children.indices {
            if case .element(var e) = element.children[k] {
                renameIDs(&e, referenced: referenced)
                element.children[k] = .element(e)
            }
        }
    }
}
