/// A small, strict XML reader for GraphML and GEXF that knows where everything is.
///
/// It checks well-formedness (matching tags, quoted attributes, no duplicate
/// attributes, known entities, one root element, UTF-8) and reports the first
/// problem as an ``InputError`` with the file, line and column, so that a
/// truncated GraphML file says `graph.graphml:812:1: error: the file ends
/// before <graph> (opened on line 14, column 3) is closed`. It builds a small
/// tree of ``XMLElement`` values; DTDs are skipped (no custom entities),
/// namespaces are not resolved (names keep their prefix, ``XMLElement/localName``
/// drops it), processing instructions and comments are ignored.
///
/// FoundationXML's `XMLParser` would do the parsing, but its error positions
/// come from libxml2 in bytes, and its messages are libxml2's; this reader is
/// about 400 lines, has no dependency, and gives messages with hints.
struct XMLElement: Sendable {
    /// The qualified name, e.g. `node` or `viz:size`.
    var name: String
    /// Attributes in document order.
    var attributes: [XMLAttribute] = []
    /// Child elements in document order.
    var children: [XMLElement] = []
    /// Character data directly inside this element (entities decoded, CDATA included).
    var text: String = ""
    /// Where the start tag's `<` is.
    var location: FileLocation

    /// The name without a namespace prefix (`size` for `viz:size`).
    var localName: Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }

    /// The namespace prefix (`viz` for `viz:size`), or `nil`.
    var prefix: Substring? {
        name.firstIndex(of: ":").map { name[..<$0] }
    }

    /// The attribute with this exact name, if present.
    func attribute(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name }
    }

    /// The attribute's value, if present.
    subscript(_ name: String) -> String? { attribute(name)?.value }

    /// Child elements whose local name is `localName`.
    func children(_ localName: String) -> [XMLElement] {
        children.filter { $0.localName == localName }
    }

    /// The first child element whose local name is `localName`.
    func child(_ localName: String) -> XMLElement? {
        children.first { $0.localName == localName }
    }
}

/// One attribute of an ``XMLElement``.
struct XMLAttribute: Sendable {
    /// The qualified name.
    var name: String
    /// The value with entities decoded and whitespace normalized as XML requires.
    var value: String
    /// Where the attribute's name starts.
    var location: FileLocation
    /// Where the value starts (just after the opening quote).
    var valueLocation: FileLocation
}

/// Parses XML bytes into a tree. See ``XMLElement``.
struct XMLReader {
    private let path: String
    private let bytes: [UInt8]
    private var p = 0
    private var locator: TextLocator
    private let start: Int

    /// Parses `bytes` (the contents of `path`, which appears in messages) and returns the root element.
    /// - Throws: ``InputError`` (`.badData`) at the first problem, with its line and column.
    static func parse(_ bytes: [UInt8], path: String) throws(InputError) -> XMLElement {
        var reader = try XMLReader(path: path, bytes: bytes)
        return try reader.document()
    }

    private init(path: String, bytes: [UInt8]) throws(InputError) {
        self.path = path
        self.bytes = bytes
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw InputError(file: path, line: 1, column: 1, "the file is UTF-16 encoded; only UTF-8 is read",
                             hint: "save it again as UTF-8 (in a shell: iconv -f UTF-16 -t UTF-8 in.graphml > out.graphml)")
        }
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        start = bom ? 3 : 0
        p = start
        locator = TextLocator(start: start)
        if let bad = CSVReader.firstInvalidUTF8(bytes, from: start) {
            let at = location(of: bad)
            let what = bytes[bad] == 0 ? "a NUL byte (binary or UTF-16 data)" : String(format2hex: bytes[bad])
            throw InputError(file: path, line: at.line, column: at.column, "the file is not valid UTF-8: \(what)",
                             hint: "save it again as UTF-8; if the file declares another encoding, convert it first (iconv -f ISO-8859-1 -t UTF-8 in out)")
        }
    }

    // MARK: Locations

    /// Line and column of byte `offset`, scanning forward from the last answer (so a pass over the file is linear).
    private mutating func location(of offset: Int) -> FileLocation {
        locator.location(of: offset, in: bytes)
    }

    private mutating func fail(_ offset: Int, _ message: String, hint: String) -> InputError {
        let at = location(of: offset)
        return InputError(file: path, line: at.line, column: at.column, message, hint: hint)
    }

    // MARK: Document

    private mutating func document() throws(InputError) -> XMLElement {
        var stack: [XMLElement] = []
        var root: XMLElement? = nil
        let n = bytes.count
        var sawDeclaration = false
        while p < n {
            let b = bytes[p]
            if b != UInt8(ascii: "<") {
                let textStart = p
                let text = try characterData()
                if stack.isEmpty {
                    if text.unicodeScalars.contains(where: { !isXMLSpace($0) }) {
                        let first = firstNonSpace(from: textStart)
                        throw fail(first, root == nil ? "text before the root element" : "text after the end of the root element </\((root?.name ?? "").clipped)>",
                                   hint: root == nil ? "an XML file starts with <?xml …?> or its root element, e.g. <graphml>" : "remove everything after the closing tag of the root element")
                    }
                } else {
                    stack[stack.count - 1].text += text
                }
                continue
            }
            // Markup.
            if starts(with: "<?") {
                let at = p
                guard let end = find("?>", from: p + 2) else {
                    throw fail(at, "this processing instruction is never closed", hint: "end it with ?>")
                }
                let body = String(decoding: bytes[(p + 2) ..< end], as: UTF8.self)
                if body.hasPrefix("xml ") || body == "xml" || body.hasPrefix("xml\t") || body.hasPrefix("xml\n") || body.hasPrefix("xml\r") {
                    if at != start || sawDeclaration {
                        throw fail(at, "the XML declaration <?xml …?> must be the very first thing in the file",
                                   hint: "remove any blank lines or text before <?xml")
                    }
                    try checkDeclaredEncoding(body, at: at)
                }
                sawDeclaration = true
                p = end + 2
                continue
            }
            sawDeclaration = true
            if starts(with: "<!--") {
                let at = p
                guard let end = find("-->", from: p + 4) else {
                    throw fail(at, "this comment is never closed", hint: "end it with -->")
                }
                p = end + 3
                continue
            }
            if starts(with: "<![CDATA[") {
                let at = p
                guard !stack.isEmpty else {
                    throw fail(at, "a CDATA section outside the root element", hint: "put it inside an element")
                }
                guard let end = find("]]>", from: p + 9) else {
                    throw fail(at, "this CDATA section is never closed", hint: "end it with ]]>")
                }
                stack[stack.count - 1].text += normalizedLineEnds(String(decoding: bytes[(p + 9) ..< end], as: UTF8.self))
                p = end + 3
                continue
            }
            if starts(with: "<!DOCTYPE") {
                let at = p
                if root != nil || !stack.isEmpty {
                    throw fail(at, "a <!DOCTYPE> inside the document", hint: "a document type declaration comes before the root element")
                }
                try skipDoctype()
                continue
            }
            if starts(with: "<!") {
                throw fail(p, "unexpected markup '<!'", hint: "comments are written <!-- … -->; CDATA sections <![CDATA[ … ]]>")
            }
            if starts(with: "</") {
                let at = p
                p += 2
                let nameStart = p
                let name = try xmlName(what: "closing tag")
                skipSpaces()
                guard p < n, bytes[p] == UInt8(ascii: ">") else {
                    throw fail(p, "expected '>' to end the closing tag </\(name.clipped)>", hint: "a closing tag is </name> with nothing else inside")
                }
                p += 1
                guard let open = stack.last else {
                    throw fail(at, "closing tag </\(name.clipped)> with no element open", hint: "remove it, or add the matching <\(name.clipped)> before it")
                }
                if open.name != name {
                    _ = nameStart
                    throw fail(at, "expected </\(open.name.clipped)> to close <\(open.name.clipped)> (opened on line \(open.location.line), column \(open.location.column)), found </\(name.clipped)>",
                               hint: "every element must be closed in the reverse order it was opened; check for a missing </\(open.name.clipped)> or a typo")
                }
                let finished = stack.removeLast()
                if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
                continue
            }
            // Start tag.
            let at = p
            if root != nil && stack.isEmpty {
                throw fail(at, "a second root element after </\((root?.name ?? "").clipped)>",
                           hint: "an XML file has exactly one root element; remove what follows it or wrap both in one element")
            }
            p += 1
            let name = try xmlName(what: "tag")
            var element = XMLElement(name: name, location: location(of: at))
            var attributeNames: Set<String> = []
            var selfClosing = false
            while true {
                let hadSpace = skipSpaces()
                guard p < n else {
                    throw fail(at, "the start tag <\(name.clipped)> is never finished", hint: "end it with > or />")
                }
                if bytes[p] == UInt8(ascii: ">") { p += 1; break }
                if bytes[p] == UInt8(ascii: "/") {
                    guard p + 1 < n, bytes[p + 1] == UInt8(ascii: ">") else {
                        throw fail(p, "expected '/>' to end the empty element <\(name.clipped)/>", hint: "write <\(name.clipped) … /> or <\(name.clipped) …></\(name.clipped)>")
                    }
                    p += 2
                    selfClosing = true
                    break
                }
                if bytes[p] == UInt8(ascii: "<") {
                    throw fail(p, "the start tag <\(name.clipped)> is not finished before the next '<'", hint: "end the tag with > or />")
                }
                if !hadSpace {
                    throw fail(p, "expected a space before the next attribute of <\(name.clipped)>", hint: "separate attributes with spaces: a=\"1\" b=\"2\"")
                }
                let attribute = try parseAttribute(of: name)
                // A set once there are many, so that a tag with 100,000 attributes is not checked in quadratic time.
                let repeated = element.attributes.count < 16
                    ? element.attributes.contains(where: { $0.name == attribute.name })
                    : !attributeNames.insert(attribute.name).inserted
                if repeated {
                    throw InputError(file: path, line: attribute.location.line, column: attribute.location.column,
                                     "the attribute '\(attribute.name.clipped)' appears twice in <\(name.clipped)>", hint: "keep one of them")
                }
                if element.attributes.count == 15 { attributeNames = Set(element.attributes.map(\.name) + [attribute.name]) }
                element.attributes.append(attribute)
            }
            if selfClosing {
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
            } else {
                if stack.count >= ReadLimits.nesting {
                    throw fail(at, "<\(name.clipped)> is nested \(stack.count + 1) elements deep; StaffGraph reads at most \(ReadLimits.nesting) levels",
                               hint: "network files nest a few levels (<graphml>, <graph>, <node>, <data>); check for unclosed tags, or flatten the file")
                }
                stack.append(element)
            }
        }
        if let open = stack.last {
            throw fail(n, "the file ends before <\(open.name.clipped)> (opened on line \(open.location.line), column \(open.location.column)) is closed",
                       hint: "the file may be cut short; add </\(open.name.clipped)> or export it again")
        }
        guard let root else {
            throw fail(n, "the file has no root element", hint: bytes.count <= start ? "the file is empty" : "an XML network file has one root element such as <graphml> or <gexf>")
        }
        return root
    }

    // MARK: Pieces

    private func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard p + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { lit in
            for k in 0 ..< count where bytes[p + k] != lit[k] { return false }
            return true
        }
    }

    private func find(_ literal: StaticString, from: Int) -> Int? {
        let count = literal.utf8CodeUnitCount
        return literal.withUTF8Buffer { lit -> Int? in
            var i = from
            while i + count <= bytes.count {
                if bytes[i] == lit[0] {
                    var k = 1
                    while k < count && bytes[i + k] == lit[k] { k += 1 }
                    if k == count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let before = p
        while p < bytes.count, bytes[p] == 32 || bytes[p] == 9 || bytes[p] == 10 || bytes[p] == 13 { p += 1 }
        return p > before
    }

    private func firstNonSpace(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        return i
    }

    private mutating func xmlName(what: String) throws(InputError) -> String {
        let nameStart = p
        while p < bytes.count {
            let b = bytes[p]
            let isNameByte = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b >= 0x80
            if !isNameByte { break }
            p += 1
        }
        if p == nameStart {
            let shown = p < bytes.count ? "'\(String(decoding: [bytes[p]], as: UTF8.self))'" : "the end of the file"
            throw fail(p, "expected a name in this \(what), found \(shown)",
                       hint: what == "tag" ? "a '<' in text must be written &lt;" : "names start with a letter or '_'")
        }
        let first = bytes[nameStart]
        if (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            throw fail(nameStart, "an XML name cannot start with '\(String(decoding: [first], as: UTF8.self))'",
                       hint: what == "tag" ? "a '<' in text must be written &lt;" : "names start with a letter or '_'")
        }
        return String(decoding: bytes[nameStart ..< p], as: UTF8.self)
    }

    private mutating func parseAttribute(of element: String) throws(InputError) -> XMLAttribute {
        let nameAt = p
        let name = try xmlName(what: "attribute")
        let nameLocation = location(of: nameAt)
        skipSpaces()
        guard p < bytes.count, bytes[p] == UInt8(ascii: "=") else {
            throw fail(p, "expected '=' after the attribute name '\(name.clipped)' in <\(element.clipped)>", hint: "attributes are written name=\"value\"")
        }
        p += 1
        skipSpaces()
        guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") || bytes[p] == UInt8(ascii: "'") else {
            throw fail(p, "the value of '\(name.clipped)' in <\(element.clipped)> is not quoted", hint: "write \(name.clipped)=\"value\"")
        }
        let quote = bytes[p]
        let quoteAt = p
        p += 1
        let valueLocation = location(of: p)
        var out: [UInt8] = []
        while true {
            guard p < bytes.count else {
                throw fail(quoteAt, "the value of '\(name.clipped)' in <\(element.clipped)> is never closed", hint: "add the closing \(quote == UInt8(ascii: "'") ? "'" : "\"")")
            }
            let b = bytes[p]
            if b == quote { p += 1; break }
            if b == UInt8(ascii: "<") {
                throw fail(p, "a '<' inside the value of '\(name.clipped)'", hint: "write it as &lt;")
            }
            if b == UInt8(ascii: "&") {
                out.append(contentsOf: try reference())
                continue
            }
            // Attribute-value normalization: literal whitespace becomes a space; CR LF is one.
            if b == 13 {
                out.append(32)
                p += 1
                if p < bytes.count && bytes[p] == 10 { p += 1 }
                continue
            }
            out.append(b == 9 || b == 10 ? 32 : b)
            p += 1
        }
        return XMLAttribute(name: name, value: String(decoding: out, as: UTF8.self), location: nameLocation, valueLocation: valueLocation)
    }

    /// Text up to the next `<`, entities decoded, line ends normalized to `\n`.
    private mutating func characterData() throws(InputError) -> String {
        var out: [UInt8] = []
        while p < bytes.count {
            let b = bytes[p]
            if b == UInt8(ascii: "<") { break }
            if b == UInt8(ascii: "&") {
                out.append(contentsOf: try reference())
                continue
            }
            if b == 13 {
                out.append(10)
                p += 1
                if p < bytes.count && bytes[p] == 10 { p += 1 }
                continue
            }
            if b == UInt8(ascii: ">") && p >= 2 && bytes[p - 1] == UInt8(ascii: "]") && bytes[p - 2] == UInt8(ascii: "]") {
                throw fail(p - 2, "']]>' is not allowed in text", hint: "write the '>' as &gt;")
            }
            out.append(b)
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the entity or character reference at `p` (which is `&`).
    private mutating func reference() throws(InputError) -> [UInt8] {
        let at = p
        var end = p + 1
        while end < bytes.count && end - p <= 12 && bytes[end] != UInt8(ascii: ";") && bytes[end] != UInt8(ascii: "<")
            && bytes[end] != UInt8(ascii: "&") && bytes[end] != 32 && bytes[end] != 10 && bytes[end] != 13 && bytes[end] != 9
            && bytes[end] != UInt8(ascii: "\"") && bytes[end] != UInt8(ascii: "'") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > p + 1 else {
            throw fail(at, "a bare '&' (not the start of an entity such as &amp;)",
                       hint: "write '&' as &amp; in XML text and attribute values")
        }
        let body = String(decoding: bytes[(p + 1) ..< end], as: UTF8.self)
        p = end + 1
        switch body {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default: break
        }
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") { value = UInt32(digits.dropFirst(), radix: 16) } else { value = UInt32(digits, radix: 10) }
            guard let value, let scalar = Unicode.Scalar(value), isXMLChar(scalar) else {
                throw fail(at, "'&\(body);' is not a valid character reference", hint: "numeric references name a Unicode character, e.g. &#233; or &#xE9;")
            }
            return Array(String(Character(scalar)).utf8)
        }
        throw fail(at, "unknown entity '&\(body);'",
                   hint: "XML knows only &lt; &gt; &amp; &quot; &apos; and numeric references such as &#233;; write a literal '&' as &amp;")
    }

    private mutating func skipDoctype() throws(InputError) {
        let at = p
        var depth = 0
        var quote: UInt8 = 0
        while p < bytes.count {
            let b = bytes[p]
            p += 1
            if quote != 0 { if b == quote { quote = 0 }; continue }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
            else if b == UInt8(ascii: "[") { depth += 1 }
            else if b == UInt8(ascii: "]") { depth -= 1 }
            else if b == UInt8(ascii: ">") && depth <= 0 { return }
        }
        throw fail(at, "this <!DOCTYPE> is never closed", hint: "end it with >")
    }

    private mutating func checkDeclaredEncoding(_ declaration: String, at: Int) throws(InputError) {
        let scalars = Array(declaration.unicodeScalars)
        let word = Array("encoding".unicodeScalars)
        guard let found = (0 ..< max(0, scalars.count - word.count + 1)).first(where: { Array(scalars[$0 ..< $0 + word.count]) == word }) else { return }
        var rest = Substring(String(String.UnicodeScalarView(scalars[(found + word.count)...]))).drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        rest = rest.dropFirst()
        let name = rest.prefix { $0 != quote }.lowercased()
        let accepted = ["utf-8", "utf8", "us-ascii", "ascii"]
        if accepted.contains(name) { return }
        if bytes[start...].contains(where: { $0 >= 0x80 }) {
            throw fail(at, "the file declares encoding '\(name.clipped)'; only UTF-8 is read",
                       hint: "convert it first (in a shell: iconv -f \(name.uppercased().clipped) -t UTF-8 in out) and change the declaration to encoding=\"UTF-8\"")
        }
    }

    private func normalizedLineEnds(_ s: String) -> String {
        guard s.utf8.contains(13) else { return s }
        return s.replacingCRLF()
    }
}

private func isXMLSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" }

/// Whether XML 1.0 allows this character in a document.
func isXMLChar(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v == 9 || v == 10 || v == 13 || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
}

extension String {
    /// The text with CR LF and lone CR turned into LF.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" { out.append("\n"); previousCR = true; continue }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }
}

// MARK: Writing

/// Escapes text for XML.
enum XMLEscape {
    /// `s` escaped for a double-quoted attribute value (`&`, `<`, `>`, `"`, and tab/newline/CR as character
    /// references so they survive attribute-value normalization), or `nil` if it holds a character XML 1.0 cannot carry.
    static func attribute(_ s: String) -> String? { escape(s, inAttribute: true) }

    /// `s` escaped for element content (`&`, `<`, `>`, and CR as a reference so it is not normalized away),
    /// or `nil` if it holds a character XML 1.0 cannot carry.
    static func text(_ s: String) -> String? { escape(s, inAttribute: false) }

    /// Element content needs `&`, `<`, `>` and CR escaped; an attribute value also `"`, tab and newline.
    private static func escape(_ s: String, inAttribute: Bool) -> String? {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where inAttribute: out += "&quot;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n" where inAttribute: out += "&#10;"
            default:
                guard isXMLChar(scalar) else { return nil }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The first character of `s` XML cannot carry, as `U+0001`, for messages.
    static func forbiddenCharacter(in s: String) -> String {
        guard let bad = s.unicodeScalars.first(where: { !isXMLChar($0) }) else { return "" }
        let hex = String(bad.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
