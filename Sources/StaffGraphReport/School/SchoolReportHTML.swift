import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

/// The school report as one self-contained HTML page (``render(_:maps:indexLink:)``)
/// and, for a district run, the index page comparing the groups (``index(_:column:groups:files:title:)``).
///
/// Every number the page shows from an analysis is written as
/// `<span class="sg-num" data-src="DOCUMENT:PATH" data-value="…">shown</span>`,
/// where DOCUMENT is one of ``SchoolReport/sources`` (the JSON the commands
/// print) or `metrics` (the person columns of `metrics --format json`), and
/// PATH is a dotted path into it (`distribution.in_degree_gini`,
/// `groups.2.ei_index`, `people[id=p01].in_degree`), so a test can check every
/// number against the commands' own output.
public enum SchoolReportHTML {
    // MARK: - Numbers with their source

    /// A number shown with `decimals` decimals, carrying its source path and full value.
    static func number(_ value: Double?, _ src: String, decimals: Int = 2, percent: Bool = false) -> HTMLFragment {
        guard let value, value.isFinite else { return .text("–") }
        let shown = percent ? NumberText.fixed(value * 100, decimals: decimals) + " %" : NumberText.fixed(value, decimals: decimals)
        return .element("span", [HTMLAttribute("class", "sg-num"), HTMLAttribute("data-src", src), HTMLAttribute("data-value", formatJSONNumber(value))],
                        text: shown)
    }

    /// A whole number with its source path.
    static func count(_ value: Int?, _ src: String) -> HTMLFragment {
        guard let value else { return .text("–") }
        return .element("span", [HTMLAttribute("class", "sg-num"), HTMLAttribute("data-src", src), HTMLAttribute("data-value", String(value))],
                        text: String(value))
    }

    /// A table cell holding a sourced number.
    static func cell(_ value: Double?, _ src: String, decimals: Int = 2, percent: Bool = false) -> HTMLTable.Cell {
        HTMLTable.Cell(content: number(value, src, decimals: decimals, percent: percent), sortValue: value, isNumeric: true)
    }

    /// A table cell holding a sourced whole number.
    static func cell(_ value: Int?, _ src: String) -> HTMLTable.Cell {
        HTMLTable.Cell(content: count(value, src), sortValue: value.map(Double.init), isNumeric: true)
    }

    /// Text and fragments in one paragraph-level run.
    static func line(_ parts: [HTMLFragment]) -> HTMLFragment { parts.joined() }

    // MARK: - The page

    /// The report page. `maps` are the influence maps (first shown first);
    /// `indexLink` links back to a district index page, when there is one.
    public static func render(_ r: SchoolReport, maps: [ReportMapLayer], indexLink: String?) -> String {
        var body: [HTMLFragment] = []
        var contents: [HTMLKit.ContentsEntry] = []
        func add(_ id: String, _ title: String, _ content: [HTMLFragment]) {
            contents.append(.init(id: id, title: title))
            body.append(HTMLKit.section(id: id, title: title, content))
        }
        body.append(header(r, indexLink: indexLink))
        let sought = soughtOut(r)
        let spread = spreadSection(r)
        let teams = teamsSection(r)
        let inter = interdependence(r)
        let change = changeSection(r)
        add("sought", "Who is sought out", sought)
        if !maps.isEmpty { add("map", "The influence map", mapSection(r, maps: maps)) }
        add("spread", "Is leadership spread or concentrated?", spread)
        if let teams { add("teams", "Do teams and levels work together?", teams) }
        add("interdependence", "How interdependent is the staff?", inter)
        add("resilience", "What if key people leave?", resilienceSection(r))
        if let chance = chanceSection(r) { add("chance", "Is it more than chance?", chance) }
        if let change { add("change", "What changed over the year", change) }
        add("method", "How this was measured", method(r))
        body.insert(HTMLKit.tableOfContents(contents), at: 1)
        var page = HTMLPage(title: r.settings.title, body: body)
        page.summary = "Who staff go to for \(r.layer.relation), how concentrated that is, and how teams work together: \(r.settings.title)."
        page.footer = .text("Made with StaffGraph \(ReportLibrary.version) · seed \(r.settings.seed) · every number is the one `staffgraph summary`, `leaders`, `groups` and `compare` give with the same options.")
        return page.render()
    }

    static func header(_ r: SchoolReport, indexLink: String?) -> HTMLFragment {
        var parts: [HTMLFragment] = []
        if let indexLink {
            parts.append(.element("p", [HTMLAttribute("class", "sg-note")], [.element("a", [HTMLAttribute("href", indexLink)], text: "← all groups")]))
        }
        parts.append(.element("h1", text: r.settings.title))
        let s = r.summary
        let what = r.layer.relation == "ties" ? "Who names whom" : "Who staff go to for \(r.layer.relation)"
        var sub: [HTMLFragment] = [.text("\(what)\(r.layer.wave.map { ", \($0) wave" } ?? ""): "),
                                   count(s.nodes, "summary:nodes"), .text(" people, "), count(s.ties, "summary:ties"), .text(" requests")]
        if let rate = s.responseRate {
            sub += [.text(" · "), number(rate, "summary:response_rate", decimals: 0, percent: true), .text(" answered the survey")]
        }
        parts.append(.element("p", [HTMLAttribute("class", "sg-lede")], [line(sub + [.text(".")])]))
        // At a glance.
        var glance: [HTMLFragment] = []
        if let top = r.rankedPeople.first {
            let person = displayName(r.roster, r.leaders.view.people[top])
            glance.append(.element("li", [line([.text("The most sought-out person is \(person), named by "),
                                                count(r.leaders.leaders.inDegrees[top], peopleSrc(r, top, "in_degree")), .text(" colleagues.")])]))
        }
        if let words = PlainReading.concentration(r.leaders.distribution.inDegreeCentralization) {
            glance.append(.element("li", text: words))
        }
        if let half = PlainReading.half(r.leaders.distribution.peopleForHalf, of: r.leaders.distribution.people) {
            glance.append(.element("li", text: half))
        }
        let informal = r.leaders.leaders.informal.count
        if r.settings.formal != nil {
            glance.append(.element("li", text: informal == 0 ? "No one without a formal role stands out as a leader."
                                   : "\(informal) \(informal == 1 ? "person without a formal role leads" : "people without a formal role lead") by expertise: they are among the most sought."))
        }
        if let teams = r.teams, let words = PlainReading.mixing(teams.ei.network, groups: "teams") { glance.append(.element("li", text: words)) }
        if let change = r.change, let p = change.firstLast, let j = PlainReading.jaccard(p.transitions.counts.jaccard) {
            glance.append(.element("li", text: "From \(change.labels[p.from]) to \(change.labels[p.to]): " + j.prefix(1).lowercased() + j.dropFirst()))
        }
        parts.append(.element("div", [HTMLAttribute("class", "sg-glance")],
                               [.element("h2", text: "At a glance"), .element("ul", glance)]))
        return .element("header", [HTMLAttribute("class", "sg-report-header")], parts)
    }

    /// `metrics:people[id=ID].COLUMN` for node `i` of the report's view.
    static func peopleSrc(_ r: SchoolReport, _ i: Int, _ column: String) -> String {
        "metrics:people[id=\(r.roster.ids[r.leaders.view.people[i]])].\(column)"
    }

    /// Betweenness of node `i` divided by (n − 1)(n − 2), as `metrics` prints it.
    static func normalizedBetweenness(_ r: SchoolReport, _ i: Int) -> Double? {
        let n = Double(r.leaders.view.people.count)
        guard n > 2 else { return nil }
        return r.leaders.betweenness[i] / ((n - 1) * (n - 2))
    }
}
