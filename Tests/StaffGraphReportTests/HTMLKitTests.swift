import Testing
@testable import StaffGraphReport

@Suite struct HTMLKitTests {
    @Test func textAndAttributesAreEscaped() {
        #expect(HTML.escapeText("Tom & \"Jerry\" <3 'x'") == "Tom &amp; &quot;Jerry&quot; &lt;3 &#39;x&#39;")
        #expect(HTML.escapeAttribute("a\"b'c<d>&\ne") == "a&quot;b&#39;c&lt;d&gt;&amp;&#10;e")
        #expect(HTML.escapeText("Zoë Brontë") == "Zoë Brontë")
        let p = HTMLFragment.element("p", [HTMLAttribute("title", "\"><script>alert(1)</script>")], text: "<b>O'Neil</b>")
        #expect(p.markup == "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;b&gt;O&#39;Neil&lt;/b&gt;</p>")
    }

    @Test func elementsAndNames() {
        #expect(HTMLFragment.element("input", [HTMLAttribute("type", "search"), HTMLAttribute("hidden", nil)]).markup == "<input type=\"search\" hidden>")
        // Invalid attribute names are dropped, an invalid element name leaves the content.
        #expect(HTMLFragment.element("p", [HTMLAttribute("on click\"", "x")], text: "a").markup == "<p>a</p>")
        #expect(HTMLFragment.element("p x", text: "a").markup == "a")
        #expect(HTML.slug("Who is sought out?") == "who-is-sought-out")
        #expect(HTML.slug("2024 wave") == "x2024-wave")
        #expect(HTML.slug("!!") == "x")
        #expect([HTMLFragment.text("a"), .text("b")].joined(.text(" & ")).markup == "a &amp; b")
    }

    @Test func numbersHaveFixedDecimals() {
        #expect(NumberText.fixed(0.125, decimals: 2) == "0.13")
        #expect(NumberText.fixed(-0.125, decimals: 2) == "-0.13")
        #expect(NumberText.fixed(-0.001, decimals: 2) == "0.00")
        #expect(NumberText.fixed(3, decimals: 0) == "3")
        #expect(NumberText.fixed(.nan, decimals: 2) == "–")
        #expect(NumberText.percent(0.426) == "43%")
        #expect(NumberText.plain(0.25) == "0.25")
        #expect(NumberText.plain(12) == "12")
        #expect(NumberText.plain(-0.0000000001) == "0")
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.base64(SHA256.digest(Array("abc".utf8))) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.base64(SHA256.digest([])) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        // Two blocks (56 bytes of message need a second padding block).
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.base64(SHA256.digest(long)) == "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=")
    }

    @Test func pageIsSelfContained() {
        var page = HTMLPage(title: "Advice at <Hillside>", body: [
            .element("h1", text: "Advice"),
            HTMLKit.section(id: "leaders", title: "Who is sought out", [HTMLKit.finding("Three people carry most requests.")]),
        ])
        page.footer = .text("made with StaffGraph")
        let html = page.render()
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\" class=\"no-js\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("<title>Advice at &lt;Hillside&gt;</title>"))
        #expect(html.contains("default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-"))
        // The CSP allows exactly the two inline scripts.
        #expect(html.contains(SHA256.cspSource(HTMLPage.headScript).replacingAll("'", with: "&#39;")))
        #expect(html.contains(SHA256.cspSource(HTMLKit.script).replacingAll("'", with: "&#39;")))
        #expect(html.contains("<script>\(HTMLKit.script)</script>"))
        // No URL that could load anything: no http(s), no protocol-relative src/href.
        #expect(!html.contains("http:"))
        #expect(!html.contains("https:"))
        for attribute in ["src=", "href="] {
            var rest = Substring(html)
            while let r = rest.firstRange(of: attribute) {
                let value = rest[r.upperBound...].dropFirst().prefix { $0 != "\"" }
                #expect(value.hasPrefix("#") || value.hasPrefix("data:"), "\(attribute)\(value)")
                rest = rest[r.upperBound...]
            }
        }
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        // Same page, same bytes.
        #expect(page.render() == html)
    }

    @Test func extraScriptCannotCloseItsElement() {
        var page = HTMLPage(title: "t", body: [])
        page.extraScript = "var s = '</script><b>';"
        page.extraCSS = "p::after{content:'</style>'}"
        let html = page.render()
        #expect(!html.contains("'</script>"))
        #expect(!html.contains("'</style>"))
        #expect(html.contains(SHA256.cspSource(HTMLKit.script + "\nvar s = '<\\/script><b>';").replacingAll("'", with: "&#39;")))
    }

    @Test func tableHasScopedHeadersAndSortValues() {
        var table = HTMLTable(columns: [.init("Person"), .init("Asked by", numeric: true, explanation: "in-degree"), .init("Share", numeric: true)],
                              rows: [[.text("Ann & Bo"), .integer(12), .percent(0.426)],
                                     [.text("Cy"), .integer(3), .missing]],
                              caption: "Most sought")
        table.id = "Top people"
        let html = table.html().markup
        #expect(html.contains("<table id=\"top-people\" class=\"sg-table sg-sortable\"><caption>Most sought</caption>"))
        #expect(html.contains("<th scope=\"col\">Person</th>"))
        #expect(html.contains("<th scope=\"col\" class=\"sg-num\" title=\"in-degree\">Asked by</th>"))
        #expect(html.contains("<th scope=\"row\">Ann &amp; Bo</th>"))
        #expect(html.contains("<td class=\"sg-num\" data-sort=\"12\">12</td>"))
        #expect(html.contains("<td class=\"sg-num\" data-sort=\"0.426\">43%</td>"))
        #expect(html.contains("<td class=\"sg-num\" data-sort=\"\">–</td>"))
        // Sorting is numeric in the script (data-sort through Number, not text comparison).
        #expect(HTMLKit.script.contains("var x=Number(v)"))
    }

    @Test func findingFoldsItsNumbers() {
        let table = HTMLTable(columns: [.init("Team"), .init("Density", numeric: true)], rows: [[.text("Maths"), .number(0.4, decimals: 2)]])
        let html = HTMLKit.finding("Maths asks within itself.", numbers: table, note: "density = ties / possible ties").markup
        #expect(html.hasPrefix("<div class=\"sg-finding\"><p class=\"sg-finding-text\">Maths asks within itself.</p><details class=\"sg-numbers\"><summary>The numbers behind this sentence</summary>"))
        #expect(html.contains("<p class=\"sg-note\">density = ties / possible ties</p></details></div>"))
        #expect(HTMLKit.finding("Plain.").markup == "<div class=\"sg-finding\"><p class=\"sg-finding-text\">Plain.</p></div>")
    }

    @Test func contentsNestByLevel() {
        let toc = HTMLKit.tableOfContents([.init(id: "a", title: "A"), .init(id: "b", title: "B", level: 3), .init(id: "c", title: "C", level: 3), .init(id: "d", title: "D & E")])
        #expect(toc.markup.contains("<ol><li><a href=\"#a\">A</a><ol><li><a href=\"#b\">B</a></li><li><a href=\"#c\">C</a></li></ol></li><li><a href=\"#d\">D &amp; E</a></li></ol>"))
        #expect(HTMLKit.tableOfContents([]).markup.isEmpty)
        let section = HTMLKit.section(id: "Who leads", title: "Who leads?", [.text("x")]).markup
        #expect(section == "<section id=\"who-leads\" aria-labelledby=\"who-leads-h\" class=\"sg-section\"><h2 id=\"who-leads-h\">Who leads?</h2>x</section>")
    }

    @Test func stylesheetCoversPrintAndFocus() {
        let css = HTMLKit.stylesheet
        #expect(css.contains("@media print"))
        #expect(css.contains("break-inside:avoid"))
        #expect(css.contains("break-before:page"))
        #expect(css.contains(":focus-visible"))
        #expect(css.contains("font-variant-numeric:tabular-nums"))
        #expect(css.contains("max-width:60rem"))
        #expect(!HTMLKit.script.contains("eval("))
        #expect(!HTMLKit.script.contains("</"))
    }
}
