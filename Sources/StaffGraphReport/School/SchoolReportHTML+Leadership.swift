import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

/// The sections on leadership: who is sought out, spread, teams and levels, interdependence, resilience.
extension SchoolReportHTML {
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
                let size = k.fragmentation.members.count
                let none = KeyPlayers.triesEverySet(people: r.leaders.view.people.count, size: size)
                    ? "no \(size) people's absence would cut anyone off" : "no \(size) people were found whose absence would cut anyone off"
                fragment = [.text("Key players (Borgatti 2006): \(none); the ones who would push colleagues furthest apart are \(names(k.fragmentation.members)) (distance-weighted fragmentation "),
                            number(k.fragmentation.value, "leaders:key_players.fragmentation.value", decimals: 2), .text(").")]
            }
            fragment += [.text(" To spread a practice, involve \(names(k.reach.members)): "),
                         number(k.reach.value, "leaders:key_players.reach_1_step.value", decimals: 0, percent: true),
                         .text(" of their colleagues name one of them directly.")]
            out.append(HTMLKit.finding(line(fragment)))
        }
        return out
    }

}
