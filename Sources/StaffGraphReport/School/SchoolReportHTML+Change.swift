import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

/// The sections on change over the waves, the influence map and the method.
extension SchoolReportHTML {
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

}
