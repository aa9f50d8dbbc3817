/// One self-contained HTML document: everything inline (CSS, script,
/// drawings), nothing fetched. A Content-Security-Policy forbids every
/// network load (`default-src 'none'`) and allows only this page's own two
/// scripts, by hash; images only as `data:` URLs.
///
/// ```swift
/// let page = HTMLPage(title: "Advice at Hillside", body: [
///     .element("h1", text: "Advice at Hillside"),
///     HTMLKit.section(id: "leaders", title: "Who is sought out", [HTMLKit.finding("Three people …")]),
/// ])
/// try writeAtomically(page.render())
/// ```
public struct HTMLPage: Sendable, Equatable {
    /// The document title (browser tab, bookmarks).
    public var title: String
    /// The `lang` of the document.
    public var language = "en"
    /// Content of `<main>`, in order.
    public var body: [HTMLFragment]
    /// Shown after `<main>` in a `<footer>` (e.g. "made with StaffGraph 0.1.0, seed 1"), if any.
    public var footer: HTMLFragment?
    /// A `<meta name="description">`, if any.
    public var summary: String?
    /// CSS added after ``HTMLKit/stylesheet`` (any `</` is neutralized).
    public var extraCSS = ""
    /// JavaScript run after ``HTMLKit/script`` (any `</` is neutralized); allowed by its hash.
    public var extraScript = ""

    /// Creates a page.
    public init(title: String, body: [HTMLFragment]) {
        self.title = title
        self.body = body
    }

    /// The tiny script in `<head>` that marks the document as scripted
    /// (`no-js` → `js`) before anything is drawn, so that no-JS readers see
    /// every map layer and scripted readers see one at a time without a flash.
    public static let headScript = #"document.documentElement.className=document.documentElement.className.replace(/(^|\s)no-js(\s|$)/,"$1js$2");"#

    /// The Content-Security-Policy of a page whose body script is `script`.
    public static func contentSecurityPolicy(script: String) -> String {
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src \(SHA256.cspSource(headScript)) \(SHA256.cspSource(script)); base-uri 'none'; form-action 'none'"
    }

    /// The page script as inlined: ``HTMLKit/script`` then ``extraScript``.
    var bodyScript: String {
        extraScript.isEmpty ? HTMLKit.script : HTMLKit.script + "\n" + extraScript.replacingAll("</", with: "<\\/")
    }

    /// The whole document. Same page, same bytes.
    public func render() -> String {
        let script = bodyScript
        var css = HTMLKit.stylesheet
        if !extraCSS.isEmpty { css += "\n" + extraCSS.replacingAll("</", with: "<\\/") }
        var out = "<!doctype html>\n"
        out += "<html lang=\"\(HTML.escapeAttribute(language))\" class=\"no-js\">\n<head>\n"
        out += "<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTML.escapeAttribute(Self.contentSecurityPolicy(script: script)))\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        out += "<meta name=\"generator\" content=\"StaffGraph \(HTML.escapeAttribute(ReportLibrary.version))\">\n"
        if let summary { out += "<meta name=\"description\" content=\"\(HTML.escapeAttribute(summary))\">\n" }
        out += "<title>\(HTML.escapeText(title))</title>\n"
        out += "<script>\(Self.headScript)</script>\n"
        out += "<style>\n\(css)\n</style>\n"
        out += "</head>\n<body>\n"
        out += "<a class=\"sg-skip\" href=\"#main\">Skip to the report</a>\n"
        out += "<main id=\"main\" class=\"sg-page\">\n"
        for fragment in body { out += fragment.markup + "\n" }
        out += "</main>\n"
        if let footer { out += "<footer class=\"sg-page sg-footer\">\(footer.markup)</footer>\n" }
        out += "<script>\(script)</script>\n"
        out += "</body>\n</html>\n"
        return out
    }
}
