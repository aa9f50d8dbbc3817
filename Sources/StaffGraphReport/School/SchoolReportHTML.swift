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
        if let change { add("change", "What changed over the year", change) }
        add("method", "How this was measured", method(r))
        body.insert(HTMLKit.tableOfContents(contents), at: 1)
        var page = HTMLPage(title: r.settings.title, body: body)
        page.summary = "Who staff go to for \(r.layer.relation), how concentrated that is, and how teams work together: \(r.settings.title)."
        page.footer = .text("Made with StaffGraph \(ReportLibrary.version) · seed \(r.settings.seed) · every number is the one `staffgraph summary`, `leaders`, `groups` and `compare` give with the same options.")
        return page.render()
    }

    static func relationWords(_ r: SchoolReport) -> String {
        r.layer.relation == "ties" ? "ties" : r.layer.relation
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
            glance.append(.element("li", text: "From \(change.labels[p.from]) to \(change.labels[p.to]): " + j))
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

    // MARK: Who is sought out

    static func soughtOut(_ r: SchoolReport) -> [HTMLFragment] {
        let l = r.leaders.leaders
        let view = r.leaders.view
        let roster = r.roster
        var out: [HTMLFragment] = []
        let ranked = r.rankedPeople
        let top = Array(ranked.prefix(3))
        if !top.isEmpty {
            var parts: [HTMLFragment] = [.text("The people colleagues go to most are ")]
            for (k, i) in top.enumerated() {
                if k > 0 { parts.append(.text(k == top.count - 1 ? " and " : ", ")) }
                parts += [.text("\(displayName(roster, view.people[i])) (named by "), count(l.inDegrees[i], peopleSrc(r, i, "in_degree")), .text(")")]
            }
            parts.append(.text("."))
            out.append(HTMLKit.finding(line(parts)))
        }
        // The role column: --formal's, else the roster's `role` (as in the people table), never the team column.
        let role = r.settings.formal?.column ?? (roster.attribute("role") != nil ? "role" : nil)
        func roleOf(_ i: Int) -> String { role.flatMap { roster.attribute($0)?[view.people[i]] } ?? "" }
        if let formal = r.settings.formal {
            let formalWords = "formal leaders (\(formal.column): \(formal.values.joined(separator: ", ")))"
            var sentence: [HTMLFragment] = [.text("Together the \(l.formal.count) \(formalWords) receive "),
                                            number(l.formalShare, "leaders:formal_share", decimals: 0, percent: true), .text(" of all requests.")]
            if !l.informal.isEmpty {
                sentence.append(.text(" Leading without a title, by expertise: "))
                for (k, e) in l.informal.enumerated() {
                    if k > 0 { sentence.append(.text(", ")) }
                    sentence += [.text("\(displayName(roster, view.people[e.person])) (named by "), count(e.inDegree, "leaders:informal.\(k).in_degree"), .text(")")]
                }
                sentence.append(.text("."))
            } else {
                sentence.append(.text(" No one without a formal role is among the most sought."))
            }
            if !l.rarelySought.isEmpty {
                sentence.append(.text(" Formal leaders rarely consulted (named by fewer people than the median colleague): "))
                for (k, e) in l.rarelySought.enumerated() {
                    if k > 0 { sentence.append(.text(", ")) }
                    sentence += [.text("\(displayName(roster, view.people[e.person])) ("), count(e.inDegree, "leaders:rarely_sought.\(k).in_degree"), .text(")")]
                }
                sentence.append(.text("."))
            }
            let criteria = "Informal leaders: no formal role, among the top \(formatNumber(r.settings.criteria.topFraction * 100)) % most sought and named by at least \(r.settings.criteria.minimumNominations) (Sun, Frank, Penuel & Kim 2013)."
            out.append(HTMLKit.finding(line(sentence), note: criteria))
        } else {
            out.append(HTMLKit.paragraph("No formal roles were given (the report's --formal option), so formal and informal leaders are not told apart."))
        }
        // The ranked table: the most sought first; everyone in a fold.
        let isFormal = Set(l.formal.map(\.person)), isInformal = Set(l.informal.map(\.person))
        func rows(_ people: [Int]) -> [[HTMLTable.Cell]] {
            people.map { i in
                let kind = isFormal.contains(i) ? "formal leader" : isInformal.contains(i) ? "informal leader" : ""
                return [.text(displayName(roster, view.people[i])), .text(roleOf(i)),
                        .text(r.settings.teamColumn.flatMap { roster.attribute($0)?[view.people[i]] } ?? ""),
                        cell(l.inDegrees[i], peopleSrc(r, i, "in_degree")),
                        cell(normalizedBetweenness(r, i), peopleSrc(r, i, "betweenness"), decimals: 3),
                        .text(kind)]
            }
        }
        let columns: [HTMLTable.Column] = [
            .init("Person"), .init(role ?? "Role"), .init(r.settings.teamColumn ?? "Team"),
            .init("Sought by", numeric: true, explanation: "how many colleagues name this person (in-degree)"),
            .init("Bridging", numeric: true, explanation: "betweenness: how often this person is on the shortest chain of requests between two others, as a share of all pairs"),
            .init("Leader"),
        ]
        var table = HTMLTable(columns: columns, rows: rows(Array(ranked.prefix(10))), caption: "The ten most sought-out people")
        table.id = "sg-top10"
        out.append(table.html())
        var everyone = HTMLTable(columns: columns, rows: rows(ranked), caption: "Everyone, most sought first (click a heading to sort)")
        everyone.id = "sg-everyone"
        out.append(.element("details", [HTMLAttribute("class", "sg-numbers")], [.element("summary", text: "Everyone (\(ranked.count) people)"), everyone.html()]))
        return out
    }

    // MARK: Spread

    static func spreadSection(_ r: SchoolReport) -> [HTMLFragment] {
        let d = r.leaders.distribution
        var out: [HTMLFragment] = []
        let words = PlainReading.concentration(d.inDegreeCentralization) ?? "Concentration cannot be measured here."
        var rows: [[HTMLTable.Cell]] = [
            [.text("In-degree centralization"), cell(d.inDegreeCentralization, "leaders:distribution.in_degree_centralization"),
             .text("0 = everyone is sought equally often, 1 = one person is sought by everyone else (Freeman, as R sna)")],
            [.text("Gini of in-degree"), cell(d.inDegreeGini, "leaders:distribution.in_degree_gini"),
             .text("0 = requests spread evenly over everyone, near 1 = nearly all go to a few")],
        ]
        for (k, share) in d.topShares.enumerated() {
            rows.append([.text("Share going to the top \(share.k)"), cell(share.share, "leaders:distribution.top_shares.\(k).share", decimals: 0, percent: true),
                         .text("of all requests go to the \(share.k == 1 ? "single most sought person" : "\(share.k) most sought people")")])
        }
        rows.append([.text("People receiving half"), cell(d.peopleForHalf, "leaders:distribution.people_for_half"),
                     .text("the fewest people who together receive half of all requests")])
        let table = HTMLTable(columns: [.init("Figure"), .init("Value", numeric: true), .init("Meaning")], rows: rows)
        var sentence = words
        if let half = PlainReading.half(d.peopleForHalf, of: d.people) { sentence += " " + half }
        out.append(HTMLKit.finding(sentence, numbers: table))
        let inDegrees = r.leaders.leaders.inDegrees.map(Double.init)
        if inDegrees.contains(where: { $0 > 0 }) {
            let curve = LorenzCurve(values: inDegrees, title: "How requests are spread over people",
                                    description: "Lorenz curve of in-degree: the further the curve sags below the diagonal, the more requests go to a few people.")
            out.append(HTMLKit.figure(curve.fragment, caption: "Lorenz curve: people ordered from least to most sought; the diagonal is everyone equally sought."))
        }
        if !r.standings.isEmpty {
            let items = r.standings.map { s -> HTMLFragment in
                .element("li", text: "\(s.figure): \(NumberText.fixed(s.value, decimals: 2)), \(PlainReading.standing(s.percentile, count: s.count)).")
            }
            out.append(.element("div", [HTMLAttribute("class", "sg-finding")],
                                [.element("p", [HTMLAttribute("class", "sg-finding-text")], text: "Compared with the other groups of this run:"), .element("ul", items)]))
        }
        return out
    }

    // MARK: Teams and levels

    static func teamsSection(_ r: SchoolReport) -> [HTMLFragment]? {
        var out: [HTMLFragment] = []
        for (g, word, doc) in [(r.teams, "teams", "groups_team"), (r.levels, "levels", "groups_level")] {
            guard let g else { continue }
            out.append(.element("h3", text: word == "teams" ? "Teams (\(g.column))" : "Levels (\(g.column))"))
            out += groupFindings(r, g, word: word, doc: doc)
        }
        return out.isEmpty ? nil : out
    }

    static func groupFindings(_ r: SchoolReport, _ g: GroupsReport, word: String, doc: String) -> [HTMLFragment] {
        var out: [HTMLFragment] = []
        let minimum = r.settings.minimumGroupSize
        var sentence = PlainReading.mixing(g.ei.network, groups: word) ?? "There are no ties to compare."
        if let t = g.test, let test = PlainReading.mixingTest(observed: t.observed, chance: t.permutationMean, p: t.pValue, groups: word) {
            sentence += " " + test
        }
        var rows: [[HTMLTable.Cell]] = [
            [.text("E-I index"), cell(g.ei.network, "\(doc):ei_index"), .text("−1 = every tie stays inside its group, +1 = every tie crosses groups")],
            [.text("Ties inside groups"), cell(g.ei.internalTies, "\(doc):internal_ties"), .text("")],
            [.text("Ties across groups"), cell(g.ei.externalTies, "\(doc):external_ties"), .text("")],
        ]
        if let t = g.test {
            rows.append([.text("p-value (two-sided)"), cell(t.pValue, "\(doc):ei_p_value", decimals: 3),
                         .text("\(t.permutations) random regroupings, seed \(t.seed)")])
            rows.append([.text("E-I expected by chance"), cell(t.permutationMean, "\(doc):ei_permutation_mean"), .text("")])
        }
        rows.append([.text("Modularity"), cell(g.modularity, "\(doc):modularity"), .text("how strongly ties cluster within these groups (0 = no more than chance)")])
        out.append(HTMLKit.finding(sentence, numbers: HTMLTable(columns: [.init("Figure"), .init("Value", numeric: true), .init("Meaning")], rows: rows)))

        // Per group, small groups suppressed.
        let roles = ["representative", "gatekeeper", "liaison"]
        var groupRows: [[HTMLTable.Cell]] = []
        var hidden = 0
        for (k, e) in g.ei.groups.enumerated() {
            if e.size < minimum {
                hidden += 1
                groupRows.append([.text(e.group), .text("fewer than \(minimum)"), .text("–"), .text("–"), .text("–"), .text("–")])
                continue
            }
            let b = g.brokerageByGroup[k]
            let crossing = b[2] + b[3] + b[4]
            _ = roles
            groupRows.append([.text(e.group), cell(e.size, "\(doc):groups.\(k).size"), cell(e.internal, "\(doc):groups.\(k).internal"),
                              cell(e.external, "\(doc):groups.\(k).external"), cell(e.eiIndex, "\(doc):groups.\(k).ei_index"),
                              HTMLTable.Cell(content: .text(String(crossing)), sortValue: Double(crossing), isNumeric: true)])
        }
        var perGroup = HTMLTable(columns: [.init(g.column), .init("People", numeric: true), .init("Ties inside", numeric: true),
                                           .init("Ties across", numeric: true), .init("E-I", numeric: true),
                                           .init("Brokering across", numeric: true, explanation: "times members pass requests between groups (representative, gatekeeper and liaison roles, Gould & Fernandez 1989)")],
                                 rows: groupRows, caption: "Each \(word == "teams" ? "team" : "level"): ties sent or received inside and across")
        perGroup.id = "sg-\(doc)-groups"
        out.append(perGroup.html())
        if hidden > 0 {
            out.append(.element("p", [HTMLAttribute("class", "sg-note")],
                                text: "\(hidden) \(hidden == 1 ? "group has" : "groups have") fewer than \(minimum) people: their figures are not shown, so no one in a small group can be singled out."))
        }
        // Block densities of the groups large enough to show.
        let shown = g.ei.groups.indices.filter { g.ei.groups[$0].size >= minimum }
        if shown.count >= 2 {
            let names = shown.map { g.partition.names[$0] }
            let values = shown.map { a in shown.map { b in g.mixing.density[a][b] } }
            let heat = HeatMap(rowLabels: names, columnLabels: names, values: values, title: "Who goes to whom: block densities",
                               description: "Share of possible requests from each row group to each column group that were made.")
            out.append(HTMLKit.figure(heat.fragment, caption: "Block densities: the share of possible requests from the row \(word == "teams" ? "team" : "level") to the column one (the diagonal: inside each)."))
        }
        // Brokers: the people who most often pass requests across groups.
        let crossing = (0 ..< g.view.people.count).map { g.brokerage.representative[$0] + g.brokerage.gatekeeper[$0] + g.brokerage.liaison[$0] }
        let brokers = crossing.indices.filter { crossing[$0] > 0 }.sorted { crossing[$0] != crossing[$1] ? crossing[$0] > crossing[$1] : $0 < $1 }.prefix(5)
        if !brokers.isEmpty {
            let names = brokers.map { i -> String in
                let group = g.partition.names[g.partition.labels[i]]
                return "\(displayName(r.roster, g.view.people[i])) (\(g.ei.groups[g.partition.labels[i]].size < minimum ? "a small group" : group), \(crossing[i]))"
            }
            out.append(HTMLKit.finding("Bridging \(word): " + names.joined(separator: ", ") + ".",
                                       note: "Brokers pass requests between people of different \(word) (Gould & Fernandez 1989: representative, gatekeeper and liaison roles); the number is how many such two-step chains run through them."))
        }
        return out
    }

    // MARK: Interdependence

    static func interdependence(_ r: SchoolReport) -> [HTMLFragment] {
        let s = r.summary, c = r.cohesion
        var sentences: [String] = []
        if let d = PlainReading.density(s.density, people: s.nodes) { sentences.append(d) }
        if let x = PlainReading.reciprocity(s.reciprocity) { sentences.append(x) }
        if let t = PlainReading.transitivity(c.transitivityDirected) { sentences.append(t) }
        let rows: [[HTMLTable.Cell]] = [
            [.text("Density"), cell(s.density, "summary:density", decimals: 3), .text("share of all possible requests that were made (non-respondents' missing answers left out)")],
            [.text("Reciprocity (edgewise)"), cell(s.reciprocity, "summary:reciprocity"), .text("share of requests that are returned")],
            [.text("Reciprocity (dyadic)"), cell(c.reciprocityDyadic, "summary:reciprocity_dyadic"), .text("share of pairs that are symmetric (both or neither name the other)")],
            [.text("Transitivity (directed, weak)"), cell(c.transitivityDirected, "summary:transitivity_directed"), .text("as R sna gtrans")],
            [.text("Transitivity (undirected)"), cell(c.transitivityUndirected, "summary:transitivity_undirected"), .text("as networkx transitivity")],
            [.text("Isolates"), cell(s.isolates, "summary:isolates"), .text("people no one names and who name no one")],
            [.text("Communities (Louvain)"), cell(c.communities.count, "summary:communities.count"), .text("seed \(c.communities.seed)")],
            [.text("Modularity of communities"), cell(c.communities.modularity, "summary:communities.modularity"), .text("")],
        ]
        var out = [HTMLKit.finding(sentences.joined(separator: " "), numbers: HTMLTable(columns: [.init("Figure"), .init("Value", numeric: true), .init("Meaning")], rows: rows))]
        let labels = TriadCensus.labels
        let triadRows: [[HTMLTable.Cell]] = labels.enumerated().map { k, label in
            [.text(label), cell(c.triads.counts[k], "summary:triad_census.\(label)")]
        }
        var triads = HTMLTable(columns: [.init("Triad type (MAN)"), .init("Count", numeric: true)], rows: triadRows,
                               caption: "The triad census: every three people, by their mutual (M), one-way (A) and empty (N) pairs, as R sna triad.census")
        triads.id = "sg-triads"
        out.append(.element("details", [HTMLAttribute("class", "sg-numbers")], [.element("summary", text: "Triads: every group of three"), triads.html()]))
        return out
    }

    // MARK: Resilience

    static func resilienceSection(_ r: SchoolReport) -> [HTMLFragment] {
        let roster = r.roster
        let view = r.leaders.view
        var out: [HTMLFragment] = []
        func names(_ people: [Int]) -> String { people.map { displayName(roster, view.people[$0]) }.joined(separator: ", ") }
        // The sentence reads the k = 3 removal (else the last): when the go-betweens are the same people, say so once.
        func told(_ c: Resilience) -> Set<Int> { Set((c.removals.first { $0.k == 3 } ?? c.removals.last)?.impact.removed ?? []) }
        let sameSets = r.leaders.byBetweenness.map { told($0) == told(r.leaders.byInDegree) } ?? false
        for (score, key, c) in [("most sought", "in_degree", Optional(r.leaders.byInDegree)), ("main go-betweens", "betweenness", sameSets ? nil : r.leaders.byBetweenness)] {
            guard let c else { continue }
            if c.removals.isEmpty {
                out.append(HTMLKit.paragraph("Not measured for this network: \(c.limitNote ?? "too large"). Run the report per school (--per school)."))
                continue
            }
            var rows: [[HTMLTable.Cell]] = []
            for (k, x) in c.removals.enumerated() {
                let src = "leaders:resilience.\(key).removals.\(k)"
                let i = x.impact
                rows.append([.text("\(x.k): \(names(i.removed))"),
                             cell(i.shareKept, "\(src).share_kept", decimals: 1, percent: true),
                             cell(i.orphaned, "\(src).orphaned"),
                             cell(i.efficiencyLoss, "\(src).efficiency_loss", decimals: 1, percent: true),
                             HTMLTable.Cell(content: line([number(x.randomEfficiencyLoss?.low, "\(src).random.efficiency_loss.p5", decimals: 1, percent: true), .text(" – "),
                                                           number(x.randomEfficiencyLoss?.high, "\(src).random.efficiency_loss.p95", decimals: 1, percent: true)]),
                                            sortValue: x.randomEfficiencyLoss?.high, isNumeric: true),
                             .text(LeadersReport.rankWords(x.rankAmongRandom, k: x.k))])
            }
            let table = HTMLTable(columns: [.init("If these people left"), .init("Links kept", numeric: true, explanation: "pairs of those who stay still joined by a chain of requests"),
                                            .init("Left with no source", numeric: true, explanation: "people who named only those who left"),
                                            .init("Chains longer by", numeric: true, explanation: "loss of efficiency: the mean of 1/distance among those who stay"),
                                            .init("Random sets (5–95 %)", numeric: true, explanation: "the same loss for \(c.randomSets) random sets of as many people (seed \(c.seed))"),
                                            .init("Compared with chance")],
                                  rows: rows, caption: "Removing the \(score)")
            var sentence = ""
            if let three = c.removals.first(where: { $0.k == 3 }) ?? c.removals.last {
                let who = three.k == 1 ? "the \(score) person" : "the \(three.k) \(score)"
                let loss = three.impact.efficiencyLoss.map { NumberText.fixed($0 * 100, decimals: 1) + " %" } ?? "–"
                let random = three.randomEfficiencyLoss.map { "\(NumberText.fixed($0.low * 100, decimals: 1)) to \(NumberText.fixed($0.high * 100, decimals: 1)) %" } ?? "–"
                sentence = "If \(who) left, chains of advice among those who stay would grow longer by \(loss), where \(three.k) people chosen at random cost \(random): it \(LeadersReport.rankWords(three.rankAmongRandom, k: three.k))."
                if three.impact.orphaned > 0 {
                    sentence += " \(three.impact.orphaned) \(three.impact.orphaned == 1 ? "person would be" : "people would be") left with no one they named."
                } else {
                    sentence += " No one would be left without a source."
                }
            }
            if sameSets { sentence += " The main go-betweens (by betweenness) are the same people." }
            out.append(HTMLKit.finding(sentence, numbers: table,
                                       note: "Only pairs among the people who stay count. Efficiency is the mean of 1/distance (Latora & Marchiori 2001); the comparison ranks the loss among the random sets'."))
        }
        if let k = r.leaders.keyPlayers {
            var fragment: [HTMLFragment]
            if k.fragmentation.objective == .fragmentation {
                fragment = [.text("Key players (Borgatti 2006): the people whose absence would split the staff most are \(names(k.fragmentation.members)) (with them gone, "),
                            number(k.fragmentation.value, "leaders:key_players.fragmentation.value", decimals: 1, percent: true),
                            .text(" of pairs would have no chain between them).")]
            } else {
                fragment = [.text("Key players (Borgatti 2006): no \(k.fragmentation.members.count) people's absence would cut anyone off; the ones who would push colleagues furthest apart are \(names(k.fragmentation.members)) (distance-weighted fragmentation "),
                            number(k.fragmentation.value, "leaders:key_players.fragmentation.value", decimals: 2), .text(").")]
            }
            fragment += [.text(" To spread a practice, involve \(names(k.reach.members)): "),
                         number(k.reach.value, "leaders:key_players.reach_1_step.value", decimals: 0, percent: true),
                         .text(" of their colleagues name one of them directly.")]
            out.append(HTMLKit.finding(line(fragment)))
        }
        return out
    }

    // MARK: Change

    static func changeSection(_ r: SchoolReport) -> [HTMLFragment]? {
        guard let c = r.change else { return nil }
        let roster = r.roster
        var out: [HTMLFragment] = []
        var pairRows: [[HTMLTable.Cell]] = []
        for (k, p) in c.pairs.enumerated() {
            let t = p.transitions.counts
            pairRows.append([.text(c.pairName(p)), cell(t.stable, "compare:pairs.\(k).stable"), cell(t.new, "compare:pairs.\(k).new"),
                             cell(t.dissolved, "compare:pairs.\(k).dissolved"), cell(t.jaccard, "compare:pairs.\(k).jaccard", decimals: 3),
                             cell(p.spearman, "compare:pairs.\(k).spearman_in_degree", decimals: 3)])
        }
        let pairs = HTMLTable(columns: [.init("Waves"), .init("Kept", numeric: true), .init("New", numeric: true), .init("Dissolved", numeric: true),
                                        .init("Jaccard", numeric: true, explanation: "kept / (kept + new + dissolved)"),
                                        .init("In-degree ρ", numeric: true, explanation: "Spearman rank correlation of in-degree among people there both times")],
                              rows: pairRows)
        if let p = c.firstLast {
            let t = p.transitions.counts
            var sentence: [HTMLFragment] = [.text("From \(c.labels[p.from]) to \(c.labels[p.to]), "), count(t.stable, "compare:pairs.\(c.pairs.count - 1).stable"),
                                            .text(" ties were kept, "), count(t.new, "compare:pairs.\(c.pairs.count - 1).new"), .text(" were new and "),
                                            count(t.dissolved, "compare:pairs.\(c.pairs.count - 1).dissolved"), .text(" dissolved (Jaccard "),
                                            number(t.jaccard, "compare:pairs.\(c.pairs.count - 1).jaccard", decimals: 2), .text("). ")]
            if let j = PlainReading.jaccard(t.jaccard) { sentence.append(.text(j)) }
            out.append(HTMLKit.finding(line(sentence), numbers: pairs,
                                       note: "Only cells observed in both waves count: the person answered both times and both were on staff (RSiena's convention)."))
            // Rising and fading.
            let k = c.pairs.count - 1
            func people(_ list: [Int], _ key: String) -> HTMLFragment {
                var parts: [HTMLFragment] = []
                for (i, v) in list.enumerated() {
                    if i > 0 { parts.append(.text(", ")) }
                    parts += [.text("\(displayName(roster, v)) ("), count(p.inDegreeBefore[v], "compare:pairs.\(k).\(key).\(i).before"), .text(" → "),
                              count(p.inDegreeAfter[v], "compare:pairs.\(k).\(key).\(i).after"), .text(")")]
                }
                return line(parts)
            }
            let l = p.leaders
            var lines: [HTMLFragment] = []
            lines.append(.element("li", [line([.text("Rising: "), l.rising.isEmpty ? .text("no one") : people(l.rising, "rising")])]))
            lines.append(.element("li", [line([.text("Fading: "), l.fading.isEmpty ? .text("no one") : people(l.fading, "fading")])]))
            if !l.newInformal.isEmpty {
                lines.append(.element("li", [line([.text("New informal leaders: "), people(l.newInformal, "new_informal_leaders")])]))
            }
            if !l.departed.isEmpty {
                lines.append(.element("li", text: "Leaders who left: " + l.departed.map { displayName(roster, $0) }.joined(separator: ", ")))
            }
            out.append(.element("div", [HTMLAttribute("class", "sg-finding")],
                                [.element("p", [HTMLAttribute("class", "sg-finding-text")], text: "Who rose and who faded as a source of \(c.relation) (times named, \(c.pairName(p))):"),
                                 .element("ul", lines),
                                 .element("p", [HTMLAttribute("class", "sg-note")], text: "A leader is among the top \(formatNumber(c.criteria.topFraction * 100)) % most sought and named by at least \(c.criteria.minimumNominations); a rise or fall counts from \(c.criteria.minimumChange) nominations.")]))
        }
        if !c.leavers.isEmpty {
            let items = c.leavers.prefix(12).map { l -> HTMLFragment in
                var text = "\(displayName(roster, l.person)) left before \(c.labels[l.nextWave]): named by \(l.namedBy.count) in \(c.labels[l.lastWave])"
                if !l.nowNamed.isEmpty {
                    text += "; those colleagues now go to " + l.nowNamed.prefix(3).map { "\(displayName(roster, $0.person)) (\($0.count))" }.joined(separator: ", ")
                }
                return .element("li", text: text + ".")
            }
            out.append(.element("h3", text: "People who left"))
            out.append(.element("ul", Array(items)))
        }
        // The trend chart.
        var chart = TrendChart(title: "The network by wave", waves: c.labels, series: [
            .init(name: "density", values: c.trends.map(\.density), color: TrendChart.colors[0]),
            .init(name: "centralization (in-degree)", values: c.trends.map(\.inDegreeCentralization), color: TrendChart.colors[1]),
            .init(name: "reciprocity", values: c.trends.map(\.reciprocity), color: TrendChart.colors[2]),
        ])
        chart.caption = []
        let svg = InlineSVG.fragment(chart.svg(), idPrefix: "sg-trend", label: "Trend chart: density, in-degree centralization and reciprocity by wave")
        out.append(HTMLKit.figure(svg, caption: "Density, in-degree centralization and reciprocity in each wave."))
        return out
    }

    // MARK: Map

    static func mapSection(_ r: SchoolReport, maps: [ReportMapLayer]) -> [HTMLFragment] {
        let roster = r.roster
        let names = roster.attribute("name")
        let role = r.settings.formal?.column ?? (roster.attribute("role") != nil ? "role" : nil)
        let team = r.settings.teamColumn
        // People in name order (pseudonym order under anonymization), never roster order.
        let order = (0 ..< roster.count).sorted { a, b in
            let x = names?[a].isEmpty == false ? names?[a] ?? roster.ids[a] : roster.ids[a]
            let y = names?[b].isEmpty == false ? names?[b] ?? roster.ids[b] : roster.ids[b]
            return x != y ? x < y : a < b
        }
        let people = order.map { v in
            InteractiveMap.Person(nodeName: "n\(v)", name: displayName(roster, v),
                                  role: role.flatMap { roster.attribute($0)?[v] }, team: team.flatMap { roster.attribute($0)?[v] })
        }
        let layers = maps.map { m in
            InteractiveMap.Layer(title: m.title, svg: m.svg, caption: nil,
                                 figures: order.map { v in m.present[v] ? [.init("Named by", String(m.inDegrees[v]))] : [.init("This wave", "not on staff")] })
        }
        var out: [HTMLFragment] = [HTMLKit.paragraph("Each circle is a person, sized by how often colleagues name them; an arrow runs from the person asking to the person asked. Colours are \(team ?? "groups")\(r.settings.formal != nil ? "; squares are formal leaders" : ""). Hover or tap a person for their numbers, search a name, or highlight a team.")]
        out.append(InteractiveMap(id: "influence", layers: layers, people: people).html())
        return out
    }

    // MARK: Method

    static func method(_ r: SchoolReport) -> [HTMLFragment] {
        var items: [String] = []
        if !r.settings.questions.isEmpty { items.append("Survey question: " + r.settings.questions.map { "“\($0)”" }.joined(separator: "; ")) }
        items.append("Data: " + r.settings.sources.joined(separator: " and ") + (r.selection.isEmpty ? "" : "; people selected: " + r.selection.joined(separator: "; ")) + ".")
        items.append("Relations and waves in the data: " + r.layers.map(\.description).joined(separator: "; ") + ". The sections above describe \(r.layer.description).")
        let s = r.summary
        if let yes = s.respondents, let no = s.nonrespondents {
            items.append("Response: \(yes) of \(yes + no) people answered. A person who did not answer can still be named by others; their own answers are missing, so they are left out of the denominators of density and reciprocity rather than counted as naming no one.")
        } else {
            items.append("Response: not recorded in the roster, so everyone is treated as having answered.")
        }
        if s.absent > 0 { items.append(s.absent == 1 ? "1 person on the roster was not on staff in this wave and is left out." : "\(s.absent) people on the roster were not on staff in this wave and are left out.") }
        if r.buildReport.selfLoopsDropped > 0 { items.append("\(r.buildReport.selfLoopsDropped) answers naming oneself were dropped.") }
        if r.buildReport.parallelTiesMerged > 0 { items.append("\(r.buildReport.parallelTiesMerged) repeated answers about the same pair were merged (the strongest kept).") }
        if let w = r.settings.minimumWeight { items.append("Only ties of strength \(formatNumber(w)) or more were kept.") }
        items.append("Groups of fewer than \(r.settings.minimumGroupSize) people show no group figures.")
        if r.settings.anonymized { items.append("Names and ids are replaced by pseudonyms (a seeded random order, not the roster's); columns that identify people were left out.") }
        items.append("Seeds: permutation tests and communities \(r.settings.seed) (\(r.settings.permutations) permutations).")
        items += r.notes
        let conventions: [(String, String)] = [
            ("In-degree", "How many people name a person (raw count); a request is one person naming another."),
            ("In-degree centralization", "Freeman's index with the maxima of R sna centralization: 0 when everyone is named equally often, 1 when one person is named by everyone else and no one else is named."),
            ("Gini of in-degree", "The Gini coefficient of the in-degrees (0 = spread evenly, near 1 = nearly all to a few), as the Lorenz curve shows."),
            ("Betweenness", "Brandes' algorithm on the directed, unweighted network, divided by (n − 1)(n − 2), as networkx betweenness_centrality."),
            ("E-I index", "(ties across groups − ties inside) / all ties, counting each tie once (Krackhardt & Stern 1988); the p-value compares it with random regroupings of the same group sizes."),
            ("Block density", "Ties from one group to another over the possible ones, leaving out the missing answers of non-respondents."),
            ("Brokerage", "Gould & Fernandez (1989) roles on two-step chains a → b → c with a, b and c's groups."),
            ("Reciprocity", "Edgewise: the share of ties that are returned; dyadic: the share of pairs that are symmetric (R sna grecip)."),
            ("Transitivity", "Directed weak transitivity (R sna gtrans) and the undirected global clustering (networkx transitivity)."),
            ("Informal leaders", "No formal role, among the top 10 % by in-degree and named by at least 3 (Sun, Frank, Penuel & Kim 2013); formal leaders rarely sought are named by fewer people than the median."),
            ("Change between waves", "Only cells observed in both waves count (the sender answered both times, both on staff), as RSiena; Jaccard = kept / (kept + new + dissolved)."),
            ("Plain-language readings", "The words follow fixed bands of each figure (for example, in-degree centralization below 0.10 reads \"widely shared\", 0.50 or more \"flows to a few people\"); the bands are StaffGraph's reading aids, not tests. Jaccard follows RSiena's guidance (0.3 or more: stable enough; below 0.2: very much change)."),
        ]
        let rows: [[HTMLTable.Cell]] = conventions.map { [.text($0.0), .text($0.1)] }
        var table = HTMLTable(columns: [.init("Measure"), .init("Convention")], rows: rows, caption: "Conventions (the full text: Conventions.md in the StaffGraph sources)")
        table.sortable = false
        table.id = "sg-conventions"
        return [.element("ul", items.map { .element("li", text: $0) }), table.html(),
                HTMLKit.paragraph("Made with StaffGraph \(ReportLibrary.version). To reproduce a number, run the command named in its source (hover the number in a browser's inspector: data-src) with the same options.")]
    }

    // MARK: - District index

    /// The index page of a `--per` run: one row per group, sortable, with the
    /// distribution figures, linking to each group's report (`files`, in group order).
    public static func index(_ reports: [SchoolReport], column: String, groups: [String], files: [String], title: String) -> String {
        var rows: [[HTMLTable.Cell]] = []
        for (k, r) in reports.enumerated() {
            let d = r.leaders.distribution
            let link = HTMLFragment.element("a", [HTMLAttribute("href", files[k])], text: groups[k])
            rows.append([.markup(link),
                         HTMLTable.Cell.integer(r.summary.nodes),
                         cell(r.summary.density, "summary:density", decimals: 3),
                         cell(d.inDegreeCentralization, "leaders:distribution.in_degree_centralization"),
                         cell(d.inDegreeGini, "leaders:distribution.in_degree_gini"),
                         cell(d.peopleForHalf, "leaders:distribution.people_for_half"),
                         cell(r.summary.reciprocity, "summary:reciprocity"),
                         r.teams.map { cell($0.ei.network, "groups_team:ei_index") } ?? .missing,
                         .text(PlainReading.concentrationWord(d.inDegreeCentralization) ?? "")])
        }
        let table = HTMLTable(columns: [.init(column), .init("People", numeric: true), .init("Density", numeric: true),
                                        .init("Centralization", numeric: true, explanation: "in-degree centralization: 1 = all requests to one person"),
                                        .init("Gini", numeric: true, explanation: "of in-degree"),
                                        .init("People for half", numeric: true, explanation: "the fewest people receiving half of all requests"),
                                        .init("Reciprocity", numeric: true), .init("E-I (teams)", numeric: true), .init("Advice is", explanation: "the reading of the centralization: widely shared, fairly widely shared, concentrated, to a few people")],
                              rows: rows, caption: "Each \(column), side by side (click a heading to sort)")
        var page = HTMLPage(title: title, body: [.element("h1", text: title),
                                                 HTMLKit.paragraph("One row per \(column); each name opens its report. Figures describe the advice among each \(column)'s own people."),
                                                 table.html()])
        page.footer = .text("Made with StaffGraph \(ReportLibrary.version)")
        page.extraCSS = ".sg-page{max-width:76rem}"
        return page.render()
    }
}

extension SchoolReport {
    /// Sets each report's standing among `reports` (a district run): in-degree
    /// centralization, Gini of in-degree and density, as mid-rank percentiles.
    public static func setStandings(_ reports: inout [SchoolReport]) {
        guard reports.count >= 2 else { return }
        let figures: [(String, (SchoolReport) -> Double?)] = [
            ("In-degree centralization", { $0.leaders.distribution.inDegreeCentralization }),
            ("Gini of in-degree", { $0.leaders.distribution.inDegreeGini }),
            ("Density", { $0.summary.density }),
        ]
        for (name, value) in figures {
            let all = reports.compactMap(value)
            for k in reports.indices {
                guard let v = value(reports[k]) else { continue }
                reports[k].standings.append(Standing(figure: name, value: v, percentile: PlainReading.percentile(v, among: all), count: all.count))
            }
        }
    }
}
