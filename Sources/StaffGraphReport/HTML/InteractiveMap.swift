import StaffGraphIO
/// An influence map for the HTML report: one or more layers (relation ×
/// wave), each a Graphviz SVG, with a tooltip per person (hover, tap or
/// keyboard focus), a search box, a team filter and a layer switcher.
///
/// Without JavaScript every layer shows, one after the other, as a static
/// drawing with its heading and caption (the page's `<html>` carries
/// `no-js`, which the page script turns into `js`); printed, every layer gets
/// a page of its own and the controls are hidden.
///
/// Privacy: people are identified in the markup only by a neutral key
/// (`p1`, `p2` … in the order of ``people``), never by the Graphviz node name
/// (`n<roster index>`) or a roster id. Graphviz's comments and `<title>`
/// elements (which hold node names) are removed, node and edge groups are
/// re-ordered into ``people`` order (so the markup does not reveal roster
/// order) and Graphviz's sequential ids are dropped. What the drawing itself
/// shows (the name labels beside nodes) is the caller's choice: pass
/// pseudonyms as labels under `--anonymize`.
///
/// ```swift
/// let svg = String(decoding: try await GraphvizSession.shared.render(map, format: .svg).bytes, as: UTF8.self)
/// var people = [InteractiveMap.Person(nodeName: "n0", name: "Ann", role: "teacher", team: "Maths",
///                                     figures: [.init("asked by", "7")])]
/// let html = InteractiveMap(id: "advice", layers: [.init(title: "Advice, autumn", svg: svg)], people: people).html()
/// ```
public struct InteractiveMap: Sendable, Equatable {
    /// A label and its value, already formatted ("asked by", "7").
    public struct Figure: Sendable, Equatable {
        /// What the number is ("asked for advice by").
        public var label: String
        /// The formatted value ("7", "0.43", "12%").
        public var value: String

        /// Creates a figure.
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// One person who may appear on the layers.
    public struct Person: Sendable, Equatable {
        /// The Graphviz node name of this person in the layers' SVG
        /// (``StaffGraphRender/InfluenceMap/Person/name``, `n<index>`). Used to
        /// find the node; never written to the page.
        public var nodeName: String
        /// The name shown in the tooltip and searched (a pseudonym under `--anonymize`).
        public var name: String
        /// Role, if known.
        public var role: String?
        /// Team, if known (the team filter lists every team that occurs).
        public var team: String?
        /// Numbers shown in the tooltip on every layer.
        public var figures: [Figure]

        /// Creates a person.
        public init(nodeName: String, name: String, role: String? = nil, team: String? = nil, figures: [Figure] = []) {
            self.nodeName = nodeName
            self.name = name
            self.role = role
            self.team = team
            self.figures = figures
        }
    }

    /// One drawing (one relation in one wave).
    public struct Layer: Sendable, Equatable {
        /// Button text and heading ("Advice · autumn 2024").
        public var title: String
        /// The Graphviz SVG (as ``StaffGraphRender/GraphvizSession/render(_:format:)`` writes it).
        public var svg: String
        /// A sentence under the drawing, if any.
        public var caption: String?
        /// Numbers for this layer only, one list per entry of ``InteractiveMap/people``
        /// (same order), shown after the person's own figures; empty for none.
        public var figures: [[Figure]]

        /// Creates a layer.
        public init(title: String, svg: String, caption: String? = nil, figures: [[Figure]] = []) {
            self.title = title
            self.svg = svg
            self.caption = caption
            self.figures = figures
        }
    }

    /// Texts of the controls and messages (English by default). In messages,
    /// `{query}`, `{count}`, `{names}` and `{team}` are replaced.
    public struct Wording: Sendable, Equatable {
        /// Label of the search box.
        public var searchLabel = "Find a person"
        /// Placeholder in the search box.
        public var searchPlaceholder = "Type part of a name"
        /// Label of the team filter.
        public var teamLabel = "Highlight a team"
        /// First option of the team filter.
        public var allTeams = "All teams"
        /// Label of the layer switcher.
        public var layerLabel = "Show"
        /// Accessible name of the controls group.
        public var controlsLabel = "Map controls"
        /// Nobody matches.
        public var noMatch = "No one on this map matches “{query}”."
        /// Some people match on the layer shown.
        public var found = "Found {count}: {names}."
        /// People match, but none of them is on the layer shown.
        public var notOnThisLayer = "{names}: not on this map; try another one."
        /// A team is highlighted.
        public var teamShown = "{team}: {count} highlighted."
        /// Tooltip label before the role.
        public var roleLabel = "Role"
        /// Tooltip label before the team.
        public var teamFieldLabel = "Team"

        /// The English wording.
        public init() {}
    }

    /// Page-unique id of the map (made safe with ``HTML/slug(_:)``); prefixes every id inside.
    public var id: String
    /// The drawings, in switcher order; the first shows first.
    public var layers: [Layer]
    /// Everyone who may appear, in the order keys are given (`p1` is the first).
    public var people: [Person]
    /// Texts of the controls.
    public var wording = Wording()
    /// Heading level of each layer's title (2…6).
    public var layerHeadingLevel = 3

    /// Creates a map.
    public init(id: String, layers: [Layer], people: [Person]) {
        self.id = id
        self.layers = layers
        self.people = people
    }

    /// The neutral key of the person at `index` in ``people``: `p1`, `p2` …
    public static func key(ofPersonAt index: Int) -> String { "p\(index + 1)" }

    /// Teams in the team filter: every team that occurs, sorted (case-insensitively, then exactly).
    public var teams: [String] {
        var seen = Set<String>()
        var list: [String] = []
        for p in people { if let t = p.team, !t.isEmpty, seen.insert(t).inserted { list.append(t) } }
        return list.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
    }

    /// The map's markup: controls, layers, tooltip and its data.
    /// - Complexity: O(size of the SVGs + people × layers).
    public func html() -> HTMLFragment {
        let base = HTML.slug(id)
        var parts: [HTMLFragment] = [controls(base: base)]
        for (i, layer) in layers.enumerated() {
            parts.append(layerMarkup(layer, index: i, base: base))
        }
        parts.append(.element("div", [HTMLAttribute("class", "sg-tooltip"), HTMLAttribute("role", "tooltip"),
                                      HTMLAttribute("id", "\(base)-tip"), HTMLAttribute("hidden", nil)]))
        parts.append(.raw("<script type=\"application/json\" class=\"sg-map-data\">" + dataJSON() + "</script>"))
        return .element("div", [HTMLAttribute("class", "sg-map"), HTMLAttribute("id", base)], parts)
    }

    // MARK: - Markup

    private func controls(base: String) -> HTMLFragment {
        var fields: [HTMLFragment] = []
        fields.append(.element("div", [HTMLAttribute("class", "sg-field")], [
            .element("label", [HTMLAttribute("for", "\(base)-search")], text: wording.searchLabel),
            .element("input", [HTMLAttribute("type", "search"), HTMLAttribute("id", "\(base)-search"), HTMLAttribute("class", "sg-search"),
                               HTMLAttribute("placeholder", wording.searchPlaceholder), HTMLAttribute("autocomplete", "off"),
                               HTMLAttribute("spellcheck", "false")]),
        ]))
        let teams = self.teams
        if !teams.isEmpty {
            let options = [HTMLFragment.element("option", [HTMLAttribute("value", "")], text: wording.allTeams)]
                + teams.map { HTMLFragment.element("option", [HTMLAttribute("value", $0)], text: $0) }
            fields.append(.element("div", [HTMLAttribute("class", "sg-field")], [
                .element("label", [HTMLAttribute("for", "\(base)-team")], text: wording.teamLabel),
                .element("select", [HTMLAttribute("id", "\(base)-team"), HTMLAttribute("class", "sg-team-select")], options),
            ]))
        }
        if layers.count > 1 {
            let buttons = layers.enumerated().map { i, layer in
                HTMLFragment.element("button", [HTMLAttribute("type", "button"), HTMLAttribute("class", "sg-layer-button"),
                                                HTMLAttribute("data-layer", String(i)), HTMLAttribute("aria-pressed", i == 0 ? "true" : "false"),
                                                HTMLAttribute("aria-controls", "\(base)-l\(i)")], text: layer.title)
            }
            fields.append(.element("div", [HTMLAttribute("class", "sg-field sg-layer-buttons"), HTMLAttribute("role", "group"),
                                           HTMLAttribute("aria-labelledby", "\(base)-layers-label")], [
                .element("span", [HTMLAttribute("id", "\(base)-layers-label"), HTMLAttribute("class", "sg-field-label")], text: wording.layerLabel),
                .element("span", [HTMLAttribute("class", "sg-button-row")], buttons),
            ]))
        }
        fields.append(.element("p", [HTMLAttribute("class", "sg-message"), HTMLAttribute("role", "status"), HTMLAttribute("aria-live", "polite")]))
        return .element("div", [HTMLAttribute("class", "sg-map-controls"), HTMLAttribute("role", "group"),
                                HTMLAttribute("aria-label", wording.controlsLabel)], fields)
    }

    private func layerMarkup(_ layer: Layer, index: Int, base: String) -> HTMLFragment {
        let level = min(max(layerHeadingLevel, 2), 6)
        var inner: [HTMLFragment] = [.element("h\(level)", [HTMLAttribute("class", "sg-layer-title")], text: layer.title)]
        inner.append(.element("div", [HTMLAttribute("class", "sg-layer-svg")], [drawing(layer, index: index, base: base)]))
        if let caption = layer.caption {
            inner.append(.element("p", [HTMLAttribute("class", "sg-layer-caption")], text: caption))
        }
        return .element("div", [HTMLAttribute("class", index == 0 ? "sg-layer sg-active" : "sg-layer"), HTMLAttribute("id", "\(base)-l\(index)"),
                                HTMLAttribute("data-layer", String(index))], inner)
    }

    /// The layer's SVG, sanitized and annotated.
    func drawing(_ layer: Layer, index: Int, base: String) -> HTMLFragment {
        guard var root = SVGParser.parse(layer.svg) else {
            return .element("p", [HTMLAttribute("class", "sg-missing")], text: "(This map could not be read.)")
        }
        var indexByNode: [String: Int] = [:]
        for (i, p) in people.enumerated() where indexByNode[p.nodeName] == nil { indexByNode[p.nodeName] = i }
        annotate(&root, indexByNode: indexByNode, layer: layer)
        SVGSanitizer(idPrefix: "\(base)-l\(index)", removeTitles: true).sanitize(&root)
        root.setAttribute("class", raw: "sg-graphviz")
        root.setAttribute("role", raw: "group")
        root.setAttribute("aria-label", raw: HTML.escapeAttribute(layer.title))
        return .raw(root.markup())
    }

    /// Marks person nodes (`data-person`, focusable, labelled) and edges
    /// (`data-from`, `data-to`), drops their titles and Graphviz ids, and
    /// sorts them into ``people`` order within each parent.
    private func annotate(_ element: inout SVGElement, indexByNode: [String: Int], layer: Layer) {
        // Sort keys of children that are person nodes or edges.
        var nodeSlots: [Int] = [], nodeOrder: [(Int, Int)] = []
        var edgeSlots: [Int] = [], edgeOrder: [(Int, Int, Int)] = []
        for k in element.children.indices {
            guard case .element(var child) = element.children[k] else { continue }
            if child.name == "g" && child.hasClass("node") {
                let nodeName = Self.title(of: child)
                child.removeAttribute("id")
                child.children.removeAll { if case .element(let e) = $0 { return e.name == "title" } else { return false } }
                if let nodeName, let i = indexByNode[nodeName] {
                    let person = people[i]
                    child.setAttribute("class", raw: "node sg-node")
                    child.setAttribute("data-person", raw: Self.key(ofPersonAt: i))
                    child.setAttribute("tabindex", raw: "0")
                    child.setAttribute("role", raw: "img")
                    child.setAttribute("aria-label", raw: HTML.escapeAttribute(accessibleLabel(person, layerFigures: i < layer.figures.count ? layer.figures[i] : [])))
                    nodeSlots.append(k)
                    nodeOrder.append((i, nodeSlots.count))
                }
                element.children[k] = .element(child)
            } else if child.name == "g" && child.hasClass("edge") {
                let ends = Self.title(of: child).flatMap { Self.endpoints(of: $0, known: indexByNode) }
                child.removeAttribute("id")
                child.children.removeAll { if case .element(let e) = $0 { return e.name == "title" } else { return false } }
                child.setAttribute("class", raw: "edge sg-edge")
                if let (a, b) = ends {
                    child.setAttribute("data-from", raw: Self.key(ofPersonAt: a))
                    child.setAttribute("data-to", raw: Self.key(ofPersonAt: b))
                    edgeSlots.append(k)
                    edgeOrder.append((a, b, edgeSlots.count))
                }
                element.children[k] = .element(child)
            } else {
                if child.name == "g", let gid = child.attribute("id"), Self.isGraphvizGroupID(gid) { child.removeAttribute("id") }
                annotate(&child, indexByNode: indexByNode, layer: layer)
                element.children[k] = .element(child)
            }
        }
        // Re-order person nodes among their own slots, and edges among theirs.
        if nodeSlots.count > 1 {
            let originals = nodeSlots.map { element.children[$0] }
            let sorted = nodeOrder.indices.sorted { (nodeOrder[$0].0, nodeOrder[$0].1) < (nodeOrder[$1].0, nodeOrder[$1].1) }
            for (slot, from) in zip(nodeSlots, sorted) { element.children[slot] = originals[from] }
        }
        if edgeSlots.count > 1 {
            let originals = edgeSlots.map { element.children[$0] }
            let sorted = edgeOrder.indices.sorted { (edgeOrder[$0].0, edgeOrder[$0].1, edgeOrder[$0].2) < (edgeOrder[$1].0, edgeOrder[$1].1, edgeOrder[$1].2) }
            for (slot, from) in zip(edgeSlots, sorted) { element.children[slot] = originals[from] }
        }
    }

    /// Graphviz's own group ids (`graph0`, `clust3`, `a_node5` …), which reveal drawing order.
    static func isGraphvizGroupID(_ id: String) -> Bool {
        for prefix in ["graph", "clust", "node", "edge", "a_graph", "a_clust", "a_node", "a_edge"] where id.hasPrefix(prefix) {
            let rest = id.dropFirst(prefix.count)
            if !rest.isEmpty && rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    /// The decoded text of the element's first `<title>` child.
    static func title(of element: SVGElement) -> String? {
        for child in element.children {
            if case .element(let e) = child, e.name == "title" { return e.textContent }
        }
        return nil
    }

    /// The people an edge title (`n0->n3`, `n0--n3`) joins, if both are known.
    static func endpoints(of title: String, known: [String: Int]) -> (Int, Int)? {
        for separator in ["->", "--"] {
            var rest = Substring(title)
            while let r = rest.firstRange(of: separator) {
                let a = String(title[title.startIndex ..< r.lowerBound]), b = String(title[r.upperBound...])
                if let i = known[a], let j = known[b] { return (i, j) }
                rest = title[r.upperBound...]
            }
        }
        return nil
    }

    /// "Name, role, team: label value; label value" for screen readers.
    func accessibleLabel(_ person: Person, layerFigures: [Figure]) -> String {
        var text = person.name
        let about = [person.role, person.team].compactMap { $0 }.filter { !$0.isEmpty }
        if !about.isEmpty { text += ", " + about.joined(separator: ", ") }
        let figures = person.figures + layerFigures
        if !figures.isEmpty { text += ": " + figures.map { "\($0.label) \($0.value)" }.joined(separator: "; ") }
        return text
    }

    // MARK: - Data for the script

    /// `{"people":[…],"layers":[…],"text":{…}}`, with `<`, `>` and `&` escaped so that it cannot end its `<script>` element.
    func dataJSON() -> String {
        func figures(_ list: [Figure]) -> String { "[" + list.map { "[\(JSONText.string($0.label)),\(JSONText.string($0.value))]" }.joined(separator: ",") + "]" }
        var out = "{\"people\":["
        out += people.enumerated().map { i, p in
            var o = "{\"key\":\(JSONText.string(Self.key(ofPersonAt: i))),\"name\":\(JSONText.string(p.name))"
            if let role = p.role, !role.isEmpty { o += ",\"role\":\(JSONText.string(role))" }
            if let team = p.team, !team.isEmpty { o += ",\"team\":\(JSONText.string(team))" }
            return o + ",\"figures\":\(figures(p.figures))}"
        }.joined(separator: ",")
        out += "],\"layers\":["
        out += layers.map { layer in
            var o = "{\"title\":\(JSONText.string(layer.title)),\"figures\":{"
            o += layer.figures.prefix(people.count).enumerated().filter { !$0.element.isEmpty }.map { i, list in
                "\(JSONText.string(Self.key(ofPersonAt: i))):\(figures(list))"
            }.joined(separator: ",")
            return o + "}}"
        }.joined(separator: ",")
        let w = wording
        let text: [(String, String)] = [("noMatch", w.noMatch), ("found", w.found), ("notOnThisLayer", w.notOnThisLayer),
                                         ("teamShown", w.teamShown), ("role", w.roleLabel), ("team", w.teamFieldLabel)]
        out += "],\"text\":{" + text.map { "\(JSONText.string($0.0)):\(JSONText.string($0.1))" }.joined(separator: ",") + "}}"
        return out
    }
}

/// JSON string literals safe inside an HTML `<script>` element.
enum JSONText {
    /// ``StaffGraphIO/jsonQuoted(_:forScript:)`` for a script: `<`, `>`, `&`, U+2028, U+2029 as `\uXXXX` too.
    static func string(_ text: String) -> String { jsonQuoted(text, forScript: true) }
}
