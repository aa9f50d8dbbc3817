/// Escaping and a tiny element builder for the self-contained HTML report.
///
/// Everything that reaches a page goes through ``HTMLFragment``: text is
/// escaped when it becomes a fragment, so a name such as `O'Neil <Maths>`
/// can never become markup. Only ``HTMLFragment/raw(_:)`` trusts its input
/// (markup this library produced itself, such as a sanitized SVG).
public enum HTML {
    /// `text` safe as element content: `& < > " '` become entities.
    ///
    /// Example: `HTML.escapeText("Tom & \"Jerry\" <3")` is
    /// `Tom &amp; &quot;Jerry&quot; &lt;3`.
    public static func escapeText(_ text: String) -> String { escape(text, inAttribute: false) }

    /// `value` safe inside a double- or single-quoted attribute value: the
    /// same five characters as ``escapeText(_:)``, and line breaks and tabs as
    /// character references so that the value survives byte for byte.
    public static func escapeAttribute(_ value: String) -> String { escape(value, inAttribute: true) }

    /// Element content: `& < > " '` as entities, NUL as U+FFFD; an attribute value also LF, CR and tab as references.
    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r" where inAttribute: out += "&#13;"
            case "\t" where inAttribute: out += "&#9;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Whether `name` is a safe element or attribute name: ASCII letters,
    /// digits, `-`, `_`, `:` and `.`, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0" ... "9").contains($0) || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
    }

    /// A safe `id` (or id part) made from any text: lower-case ASCII letters
    /// and digits kept, every other run of characters becomes one `-`;
    /// `"Who is sought out?"` → `"who-is-sought-out"`. Empty input gives `"x"`;
    /// a leading digit gets an `x` in front.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in text.lowercased().unicodeScalars {
            if ch.isASCIILetter || ("0" ... "9").contains(ch) {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(ch)
            } else {
                pendingDash = true
            }
        }
        if out.isEmpty { return "x" }
        if let first = out.unicodeScalars.first, ("0" ... "9").contains(first) { out = "x" + out }
        return out
    }

    /// Elements that have no content and no end tag.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
}

extension Unicode.Scalar {
    /// `a`…`z` or `A`…`Z`.
    var isASCIILetter: Bool { ("a" ... "z").contains(self) || ("A" ... "Z").contains(self) }
}

/// One attribute of an element: a name and its (unescaped) value.
public struct HTMLAttribute: Sendable, Equatable {
    /// The attribute name (`class`, `data-sort`, `aria-label` …).
    public var name: String
    /// The value as plain text; escaped when written. `nil` writes a bare
    /// boolean attribute (`hidden`).
    public var value: String?

    /// Creates an attribute.
    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    /// ` name="value"` (with a leading space), or ` name` for a boolean attribute.
    /// An invalid name is dropped (nothing is written).
    var markup: String {
        guard HTML.isValidName(name) else { return "" }
        guard let value else { return " " + name }
        return " \(name)=\"\(HTML.escapeAttribute(value))\""
    }
}

/// A piece of markup that is safe to put into a page: made from escaped
/// text, from elements built by ``element(_:_:_:)``, or from trusted markup.
///
/// Fragments concatenate with `+` and ``joined(_:)``; the page is the
/// concatenation of its fragments, byte for byte, so the same inputs give
/// the same document.
public struct HTMLFragment: Sendable, Equatable, CustomStringConvertible {
    /// The markup.
    public let markup: String

    private init(markup: String) { self.markup = markup }

    /// The empty fragment.
    public static let empty = HTMLFragment(markup: "")

    /// Plain text, escaped.
    public static func text(_ text: String) -> HTMLFragment { HTMLFragment(markup: HTML.escapeText(text)) }

    /// Markup taken as it is. Use only for markup this library made (a
    /// sanitized SVG, a chart); never for user text.
    public static func raw(_ markup: String) -> HTMLFragment { HTMLFragment(markup: markup) }

    /// An element `<name attributes>children</name>`; void elements
    /// (`input`, `meta`, `br` …) are written without children or end tag.
    /// Attributes with invalid names are dropped; an invalid element name
    /// gives the children alone.
    /// - Parameters:
    ///   - name: element name, e.g. `"p"`.
    ///   - attributes: in the order they are written.
    ///   - children: the content, in order.
    public static func element(_ name: String, _ attributes: [HTMLAttribute] = [], _ children: [HTMLFragment] = []) -> HTMLFragment {
        guard HTML.isValidName(name) else { return children.joined() }
        var out = "<" + name
        for a in attributes { out += a.markup }
        out += ">"
        if HTML.voidElements.contains(name) { return HTMLFragment(markup: out) }
        for child in children { out += child.markup }
        out += "</\(name)>"
        return HTMLFragment(markup: out)
    }

    /// An element without attributes.
    public static func element(_ name: String, _ children: [HTMLFragment]) -> HTMLFragment {
        element(name, [HTMLAttribute](), children)
    }

    /// An element whose only content is escaped `text`.
    public static func element(_ name: String, _ attributes: [HTMLAttribute] = [], text: String) -> HTMLFragment {
        element(name, attributes, [.text(text)])
    }

    /// The two fragments one after the other.
    public static func + (lhs: HTMLFragment, rhs: HTMLFragment) -> HTMLFragment { HTMLFragment(markup: lhs.markup + rhs.markup) }

    /// Appends `rhs`.
    public static func += (lhs: inout HTMLFragment, rhs: HTMLFragment) { lhs = lhs + rhs }

    /// The markup.
    public var description: String { markup }
}

extension Sequence where Element == HTMLFragment {
    /// The fragments one after the other, with `separator` (escaped text or markup) between them.
    public func joined(_ separator: HTMLFragment = .empty) -> HTMLFragment {
        var out = ""
        var first = true
        for f in self {
            if !first { out += separator.markup }
            out += f.markup
            first = false
        }
        return .raw(out)
    }
}

/// Fixed-decimal number text shared by tables and charts: half away from
/// zero, exactly `decimals` digits after the point, the same on every
/// platform (the convention of StaffGraphRender's charts).
public enum NumberText {
    /// `x` with exactly `decimals` decimals (0…9); `-0` prints as `0`;
    /// non-finite values print as `–`.
    ///
    /// Example: `NumberText.fixed(0.125, decimals: 2)` is `"0.13"`.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "–" }
        let d = min(max(decimals, 0), 9)
        var unit = 1.0
        for _ in 0 ..< d { unit *= 10 }
        let scaled = (x * unit).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return String(x) }
        let magnitude = Int64(abs(scaled))
        let u = Int64(unit)
        let whole = String(magnitude / u)
        var text = whole
        if d > 0 {
            let fraction = String(magnitude % u)
            text += "." + String(repeating: "0", count: d - fraction.count) + fraction
        }
        return (scaled < 0 ? "-" : "") + text
    }

    /// `share` (0…1) as a percentage with `decimals` decimals and a `%` sign: `0.426` → `"43%"`.
    public static func percent(_ share: Double, decimals: Int = 0) -> String {
        guard share.isFinite else { return "–" }
        return fixed(share * 100, decimals: decimals) + "%"
    }

    /// A number for a `data-sort` attribute or JSON: up to 9 decimals, trailing zeros removed.
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        var text = fixed(x, decimals: 9)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
