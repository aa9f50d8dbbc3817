/// A small, tolerant XML reader and writer for SVG text made by Graphviz and
/// by StaffGraph's charts: enough to sanitize a drawing before it is inlined
/// into a page (comments, prolog, DOCTYPE, titles and foreign links removed;
/// ids prefixed). Attribute values and text keep their original entity
/// encoding, so what is written back is what was read.
struct SVGElement: Equatable {
    /// One child: an element or a run of (entity-encoded) text.
    enum Node: Equatable {
        case element(SVGElement)
        case text(String)
    }

    /// Element name as written (`g`, `ellipse`, `text` …).
    var name: String
    /// Attributes in document order; values as written (entity-encoded, without quotes).
    var attributes: [(name: String, value: String)]
    /// Children in document order.
    var children: [Node] = []

    static func == (a: SVGElement, b: SVGElement) -> Bool {
        a.name == b.name && a.children == b.children
            && a.attributes.count == b.attributes.count
            && zip(a.attributes, b.attributes).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// The raw value of attribute `name`, if present.
    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// Sets (replacing) or adds attribute `name` with an already escaped `value`.
    mutating func setAttribute(_ name: String, raw value: String) {
        if let i = attributes.firstIndex(where: { $0.name == name }) { attributes[i].value = value } else { attributes.append((name, value)) }
    }

    /// Removes attribute `name`.
    mutating func removeAttribute(_ name: String) { attributes.removeAll { $0.name == name } }

    /// Whether the `class` attribute lists `name`.
    func hasClass(_ name: String) -> Bool {
        (attribute("class") ?? "").split(separator: " ").contains { $0 == name }
    }

    /// The decoded text of all descendant text runs.
    var textContent: String {
        children.map { child in
            switch child {
            case .text(let t): return XMLText.decode(t)
            case .element(let e): return e.textContent
            }
        }.joined()
    }

    /// The element as markup. Whitespace-only text between elements is
    /// written as one line break after each element (except inside text
    /// elements, where text is kept exactly).
    func markup() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private static let textElements: Set<String> = ["text", "tspan", "textPath", "title", "desc"]

    private func write(into out: inout String) {
        out += "<" + name
        for a in attributes {
            out += " " + a.name + "=\"" + a.value.replacingAll("\"", with: "&quot;") + "\""
        }
        if children.isEmpty { out += "/>"; return }
        out += ">"
        let keepsText = Self.textElements.contains(name)
        for child in children {
            switch child {
            case .text(let t):
                if keepsText || !t.allSatisfy(\.isWhitespace) { out += t }
            case .element(let e):
                if !keepsText && !out.hasSuffix("\n") { out += "\n" }
                e.write(into: &out)
                if !keepsText { out += "\n" }
            }
        }
        out += "</" + name + ">"
    }
}

/// Reads SVG text into an ``SVGElement`` tree.
enum SVGParser {
    /// The root `svg` element of `text`, or `nil` if there is none. Comments,
    /// processing instructions (the XML prolog) and DOCTYPE declarations are
    /// dropped while reading; CDATA becomes escaped text. Unclosed elements
    /// are closed at the end; stray end tags are ignored.
    static func parse(_ text: String) -> SVGElement? {
        let bytes = Array(text.utf8)
        var i = 0
        let n = bytes.count
        var stack: [SVGElement] = [SVGElement(name: "#document", attributes: [])]

        func starts(_ u: [UInt8], at p: Int) -> Bool {
            guard p + u.count <= n else { return false }
            for k in 0 ..< u.count where bytes[p + k] != u[k] { return false }
            return true
        }
        func find(_ u: [UInt8], from p: Int) -> Int? {
            guard let first = u.first else { return p }
            var q = p
            while q + u.count <= n {
                if bytes[q] == first && starts(u, at: q) { return q }
                q += 1
            }
            return nil
        }
        let lt: [UInt8] = Array("<".utf8), gt: [UInt8] = Array(">".utf8)
        let commentOpen: [UInt8] = Array("<!--".utf8), commentClose: [UInt8] = Array("-->".utf8)
        let cdataOpen: [UInt8] = Array("<![CDATA[".utf8), cdataClose: [UInt8] = Array("]]>".utf8)
        let piOpen: [UInt8] = Array("<?".utf8), piClose: [UInt8] = Array("?>".utf8)
        let declarationOpen: [UInt8] = Array("<!".utf8), endTagOpen: [UInt8] = Array("</".utf8)
        func string(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a ..< b], as: UTF8.self) }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func appendChild(_ node: SVGElement.Node) {
            stack[stack.count - 1].children.append(node)
        }
        func closeTop() {
            let done = stack.removeLast()
            appendChild(.element(done))
        }

        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                let end = find(lt, from: i) ?? n
                appendChild(.text(string(i, end)))
                i = end
                continue
            }
            if starts(commentOpen, at: i) {
                i = (find(commentClose, from: i + 4).map { $0 + 3 }) ?? n
            } else if starts(cdataOpen, at: i) {
                let end = find(cdataClose, from: i + 9) ?? n
                appendChild(.text(HTML.escapeText(string(i + 9, end))))
                i = min(n, end + 3)
            } else if starts(piOpen, at: i) {
                i = (find(piClose, from: i + 2).map { $0 + 2 }) ?? n
            } else if starts(declarationOpen, at: i) {
                // DOCTYPE, possibly with an internal subset in [ ].
                var q = i + 2
                var depth = 0
                while q < n {
                    if bytes[q] == UInt8(ascii: "[") { depth += 1 } else if bytes[q] == UInt8(ascii: "]") { depth -= 1 } else if bytes[q] == UInt8(ascii: ">") && depth <= 0 { break }
                    q += 1
                }
                i = min(n, q + 1)
            } else if starts(endTagOpen, at: i) {
                let end = find(gt, from: i) ?? n
                let name = string(i + 2, end).trimmingWhitespace()
                if let k = stack.lastIndex(where: { $0.name == name }), k > 0 {
                    while stack.count > k { closeTop() }
                }
                i = min(n, end + 1)
            } else {
                // Start tag.
                var q = i + 1
                while q < n && !isSpace(bytes[q]) && bytes[q] != UInt8(ascii: ">") && bytes[q] != UInt8(ascii: "/") { q += 1 }
                let name = string(i + 1, q)
                var element = SVGElement(name: name, attributes: [])
                var selfClosing = false
                while q < n {
                    while q < n && isSpace(bytes[q]) { q += 1 }
                    guard q < n else { break }
                    if bytes[q] == UInt8(ascii: ">") { q += 1; break }
                    if bytes[q] == UInt8(ascii: "/") {
                        if q + 1 < n && bytes[q + 1] == UInt8(ascii: ">") { selfClosing = true; q += 2; break }
                        q += 1
                        continue
                    }
                    let nameStart = q
                    while q < n && !isSpace(bytes[q]) && bytes[q] != UInt8(ascii: "=") && bytes[q] != UInt8(ascii: ">") && bytes[q] != UInt8(ascii: "/") { q += 1 }
                    let attributeName = string(nameStart, q)
                    while q < n && isSpace(bytes[q]) { q += 1 }
                    var value = ""
                    if q < n && bytes[q] == UInt8(ascii: "=") {
                        q += 1
                        while q < n && isSpace(bytes[q]) { q += 1 }
                        if q < n && (bytes[q] == UInt8(ascii: "\"") || bytes[q] == UInt8(ascii: "'")) {
                            let quote = bytes[q]
                            var e = q + 1
                            while e < n && bytes[e] != quote { e += 1 }
                            value = string(q + 1, e)
                            q = min(n, e + 1)
                        } else {
                            let s = q
                            while q < n && !isSpace(bytes[q]) && bytes[q] != UInt8(ascii: ">") { q += 1 }
                            value = string(s, q)
                        }
                    }
                    if !attributeName.isEmpty { element.attributes.append((attributeName, value.replacingAll("<", with: "&lt;"))) }
                }
                i = q
                if name.isEmpty { continue }
                if selfClosing {
                    appendChild(.element(element))
                } else {
                    stack.append(element)
                }
            }
        }
        while stack.count > 1 { closeTop() }
        return Self.firstSVG(in: stack[0])
    }

    private static func firstSVG(in element: SVGElement) -> SVGElement? {
        for child in element.children {
            if case .element(let e) = child {
                if e.name == "svg" { return e }
                if let found = firstSVG(in: e) { return found }
            }
        }
        return nil
    }
}

/// Entity decoding for titles read out of SVG.
enum XMLText {
    /// `text` with `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;` decoded; unknown entities are kept.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[rest.startIndex ..< amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 else {
                out += "&"
                rest = after
                continue
            }
            let entity = after[after.startIndex ..< semi]
            var decoded: String? = nil
            switch entity {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    decoded = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if entity.hasPrefix("#") {
                    decoded = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[rest.startIndex ..< r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }

    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
