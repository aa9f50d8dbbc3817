/// Building blocks of the report page: sections, findings with their
/// numbers, figures, a table of contents. Each returns an ``HTMLFragment``
/// styled by ``HTMLKit/stylesheet`` and, where interactive, driven by ``HTMLKit/script``.
public enum HTMLKit {
    /// One entry of ``tableOfContents(_:title:)``.
    public struct ContentsEntry: Sendable, Equatable {
        /// The section's id (as given to ``section(id:title:level:_:)``).
        public var id: String
        /// The link text.
        public var title: String
        /// 2 for a section, 3 for a subsection (deeper levels nest further).
        public var level: Int

        /// Creates an entry.
        public init(id: String, title: String, level: Int = 2) {
            self.id = id
            self.title = title
            self.level = level
        }
    }

    /// `<section id="…"><hN>title</hN>content</section>`; `id` is made safe
    /// with ``HTML/slug(_:)`` (link to it with the same text).
    /// - Parameters:
    ///   - id: anchor for the table of contents.
    ///   - title: the heading.
    ///   - level: heading level 1…6 (2 for a top-level section).
    ///   - content: what follows the heading.
    public static func section(id: String, title: String, level: Int = 2, _ content: [HTMLFragment]) -> HTMLFragment {
        let slug = HTML.slug(id)
        let h = "h\(min(max(level, 1), 6))"
        return .element("section", [HTMLAttribute("id", slug), HTMLAttribute("aria-labelledby", slug + "-h"), HTMLAttribute("class", "sg-section")],
                        [.element(h, [HTMLAttribute("id", slug + "-h")], text: title)] + content)
    }

    /// A plain-language finding in a callout, with "the numbers behind this
    /// sentence" folded underneath (`<details>`; opened for printing).
    /// - Parameters:
    ///   - sentence: the finding, as escaped text or markup.
    ///   - numbers: the table behind it, if any.
    ///   - note: a short line under the table (method, caveat), if any.
    ///   - summary: the text of the fold.
    public static func finding(_ sentence: HTMLFragment, numbers: HTMLTable? = nil, note: String? = nil,
                               summary: String = "The numbers behind this sentence") -> HTMLFragment {
        var parts: [HTMLFragment] = [.element("p", [HTMLAttribute("class", "sg-finding-text")], [sentence])]
        if numbers != nil || note != nil {
            var inside: [HTMLFragment] = [.element("summary", text: summary)]
            if let numbers { inside.append(numbers.html()) }
            if let note { inside.append(.element("p", [HTMLAttribute("class", "sg-note")], text: note)) }
            parts.append(.element("details", [HTMLAttribute("class", "sg-numbers")], inside))
        }
        return .element("div", [HTMLAttribute("class", "sg-finding")], parts)
    }

    /// ``finding(_:numbers:note:summary:)`` with a plain-text sentence.
    public static func finding(_ sentence: String, numbers: HTMLTable? = nil, note: String? = nil,
                               summary: String = "The numbers behind this sentence") -> HTMLFragment {
        finding(.text(sentence), numbers: numbers, note: note, summary: summary)
    }

    /// A paragraph of escaped text.
    public static func paragraph(_ text: String) -> HTMLFragment { .element("p", text: text) }

    /// A figure: a drawing (a chart's ``LorenzCurve/fragment``, an inline SVG) with a caption under it.
    public static func figure(_ drawing: HTMLFragment, caption: String? = nil) -> HTMLFragment {
        var parts = [drawing]
        if let caption { parts.append(.element("figcaption", text: caption)) }
        return .element("figure", [HTMLAttribute("class", "sg-figure")], parts)
    }

    /// A navigation list of links to sections, nested by ``ContentsEntry/level``.
    public static func tableOfContents(_ entries: [ContentsEntry], title: String = "Contents") -> HTMLFragment {
        guard let top = entries.map(\.level).min() else { return .empty }
        // Nested ordered lists: open a list when going deeper, close lists when coming back up.
        var out = ""
        var open: [Int] = []  // levels of the open lists
        for entry in entries {
            let level = max(entry.level, top)
            if let last = open.last, level <= last {
                while let l = open.last, l > level, open.count > 1 { out += "</li></ol>"; open.removeLast() }
                out += "</li>"
            } else {
                out += "<ol>"
                open.append(level)
            }
            out += "<li><a href=\"#\(HTML.escapeAttribute(HTML.slug(entry.id)))\">\(HTML.escapeText(entry.title))</a>"
        }
        for _ in open { out += "</li></ol>" }
        return .element("nav", [HTMLAttribute("class", "sg-toc"), HTMLAttribute("aria-labelledby", "sg-toc-h")],
                        [.element("h2", [HTMLAttribute("id", "sg-toc-h")], text: title), .raw(out)])
    }
}
