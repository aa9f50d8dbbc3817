import StaffGraphCore
import StaffGraphIO

/// The terminal report of `compare`.
extension CompareReport {

    /// The terminal report of `compare`.
    public func table() -> String {
        func who(_ v: Int) -> String { displayName(roster, v) }
        var files: [String] = []
        for w in input.waves where !files.contains(w.file) { files.append(w.file) }
        var out = "What changed: \(relation == "ties" ? "ties" : "\(relation) ties") over \(labels.count) waves, \(labels.joined(separator: " → "))\n"
        out += "Read from \(files.joined(separator: ", ")).\n"
        if !input.selection.isEmpty { out += "People: \(input.selection.joined(separator: "; ")).\n" }
        out += "\(roster.count) people on the roster. A tie a → b means a names b: in-degree = times sought out.\n"

        out += "\nPeople in each wave\n"
        let peopleRows = trends.enumerated().map { w, t -> [String] in
            let response: String
            if let yes = t.respondents, let no = t.nonrespondents, yes + no > 0 { response = "\(percent(t.responseRate)) (\(yes) of \(yes + no))" } else { response = "not recorded" }
            return [t.label, String(t.people), String(t.ties), response, String(alignment.present[w].filter { !$0 }.count)]
        }
        out += alignedTable(header: ["wave", "people", "ties", "response rate", "not on staff"], rows: peopleRows, rightAligned: [false, true, true, true, true])
        for p in pairs where p.to == p.from + 1 {
            if !p.joiners.isEmpty { out += "  joined by \(labels[p.to]): \(p.joiners.map(who).joined(separator: ", "))\n" }
            if !p.leavers.isEmpty { out += "  left by \(labels[p.to]): \(p.leavers.map(who).joined(separator: ", "))\n" }
        }

        out += "\nTies gained and lost (cells observed in both waves: the sender answered both times, both people on staff)\n"
        let pairRows = pairs.map { p -> [String] in
            let c = p.transitions.counts
            return [pairName(p), String(c.stable), String(c.new), String(c.dissolved), c.jaccard.map { String(fixed: $0, decimals: 3) } ?? "–",
                    String(c.hamming), p.spearman.map { String(fixed: $0, decimals: 3) } ?? "–",
                    String(statusCount(p, .leaver)), String(statusCount(p, .joiner)), String(statusCount(p, .unobserved))]
        }
        out += alignedTable(header: ["waves", "stable", "new", "dissolved", "Jaccard", "Hamming", "in-degree ρ", "ties of leavers", "of joiners", "not compared"],
                            rows: pairRows, rightAligned: [false, true, true, true, true, true, true, true, true, true])
        out += "  Jaccard = stable / (stable + new + dissolved): how much of the network carried over (RSiena: 0.3 or more is good, below 0.2 a lot of change).\n"
        out += "  Hamming = new + dissolved. ρ = Spearman rank correlation of in-degree among the people there both times (1 = the same people most sought).\n"
        out += "  Not compared: ties of someone who did not answer in one of the two waves.\n"
        if pairs.contains(where: { !$0.breakdowns.isEmpty }) {
            for (k, (column, _)) in (pairs.first?.breakdowns ?? []).enumerated() {
                out += "\n  By \(column): ties gained and lost within and across groups\n"
                let rows = pairs.map { p -> [String] in
                    let b = p.breakdowns[k].breakdown
                    return [pairName(p), "+\(b.within.new) −\(b.within.dissolved)", "+\(b.across.new) −\(b.across.dissolved)", String(b.across.stable)]
                }
                out += alignedTable(header: ["waves", "within groups", "across groups", "stable across"], rows: rows,
                                    rightAligned: [false, true, true, true], indent: "    ")
            }
        }

        out += "\nTrend\n"
        var trendRows: [[String]] = []
        func row(_ label: String, _ f: (WaveTrend) -> Double?) {
            let xs = trends.map(f)
            let delta: String = {
                guard let a = xs.first ?? nil, let b = xs.last ?? nil else { return "–" }
                let d = b - a
                return (d >= 0 ? "+" : "") + String(format4: d)
            }()
            trendRows.append([label] + xs.map(fixed4) + [delta])
        }
        trendRows.append(["people"] + trends.map { String($0.people) } + [String((trends.last?.people ?? 0) - (trends.first?.people ?? 0))])
        trendRows.append(["ties"] + trends.map { String($0.ties) } + [String((trends.last?.ties ?? 0) - (trends.first?.ties ?? 0))])
        row("density") { $0.density }
        row("reciprocity (edgewise)") { $0.reciprocity }
        row("centralization: in-degree") { $0.inDegreeCentralization }
        row("centralization: betweenness") { $0.betweennessCentralization }
        row("transitivity (directed, weak)") { $0.transitivity }
        if let groupColumn {
            row("E-I index by \(groupColumn)") { $0.eiIndex }
            row("modularity of \(groupColumn)") { $0.modularity }
        }
        row("Gini of in-degree") { $0.inDegreeGini }
        row("response rate") { $0.responseRate }
        out += alignedTable(header: ["measure"] + labels + ["change"], rows: trendRows,
                            rightAligned: [false] + labels.map { _ in true } + [true])
        if let first = trends.first?.inDegreeCentralization, let last = trends.last?.inDegreeCentralization {
            let verdict = abs(last - first) < 0.01 ? "about as centralized as" : last > first ? "more centralized than" : "less centralized than"
            out += "  In \(labels.last ?? "") the network was \(verdict) in \(labels.first ?? "") (in-degree centralization \(fixed4(first)) → \(fixed4(last))).\n"
        }
        out += "  Density, reciprocity and transitivity leave non-respondents' missing answers out; centralization is Freeman's (R sna).\n"

        if let p = firstLast {
            let l = p.leaders
            out += "\nWho rose and who faded as a source of \(relation) (\(pairName(p)); in-degree = times named)\n"
            out += "  A leader is among the top \(formatNumber(criteria.topFraction * 100))% most sought and named by at least \(criteria.minimumNominations) "
            out += "(here \(l.thresholdBefore == Int.max ? "–" : String(l.thresholdBefore)) or more in \(labels[p.from]), \(l.thresholdAfter == Int.max ? "–" : String(l.thresholdAfter)) or more in \(labels[p.to])); "
            out += "a rise or fall counts from \(criteria.minimumChange) nominations.\n"
            func entries(_ people: [Int]) -> String {
                if people.isEmpty { return "    none\n" }
                let rows = people.map { v -> [String] in
                    let a = p.inDegreeBefore[v], b = p.inDegreeAfter[v]
                    let d = a.flatMap { x in b.map { $0 - x } }
                    return [who(v), a.map(String.init) ?? "–", b.map(String.init) ?? "–", d.map { ($0 >= 0 ? "+" : "") + String($0) } ?? "joined",
                            group(v) ?? ""]
                }
                return alignedTable(header: ["person", labels[p.from], labels[p.to], "change", groupColumn ?? ""], rows: rows,
                                    rightAligned: [false, true, true, true, false], indent: "    ")
            }
            out += "  Rising:\n" + entries(l.rising)
            out += "  Fading:\n" + entries(l.fading)
            if !l.departed.isEmpty {
                out += "  Leaders who left: " + l.departed.map { "\(who($0)) (named by \(p.inDegreeBefore[$0] ?? 0) in \(labels[p.from]))" }.joined(separator: ", ") + "\n"
            }
            out += "  New informal leaders in \(labels[p.to])\(formalRule == nil ? " (no --formal roles given: anyone can count)" : ""):\n" + entries(l.newInformal)
            // Largest movers, for context.
            let movers = (0 ..< roster.count).compactMap { v -> (Int, Int)? in
                guard let a = p.inDegreeBefore[v], let b = p.inDegreeAfter[v], b != a else { return nil }
                return (v, b - a)
            }
            let up = movers.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(5)
            let down = movers.filter { $0.1 < 0 }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(5)
            if !up.isEmpty { out += "  Largest gains: " + up.map { "\(who($0.0)) +\($0.1)" }.joined(separator: ", ") + "\n" }
            if !down.isEmpty { out += "  Largest losses: " + down.map { "\(who($0.0)) \($0.1)" }.joined(separator: ", ") + "\n" }
        }

        if !leavers.isEmpty {
            out += "\nAround the people who left\n"
            for l in leavers {
                out += "  \(who(l.person)) left before \(labels[l.nextWave]): in \(labels[l.lastWave]) named by \(l.namedBy.count), naming \(l.named.count); \(l.namedBy.count + l.named.count) ties gone.\n"
                if let i = l.impact {
                    var line = "    Their leaving lengthened chains of advice by \(percent(i.efficiencyLoss))"
                    if let rank = l.lossRank { line += " (more than \(percent(rank)) of single departures would have)" }
                    line += "; \(i.orphaned) \(i.orphaned == 1 ? "person was" : "people were") left with no one else they had named"
                    line += l.withoutSource.isEmpty ? ".\n" : "; in \(labels[l.nextWave]) \(l.withoutSource.count) of those who went to them named no one: \(l.withoutSource.map(who).joined(separator: ", ")).\n"
                    out += line
                }
                if !l.nowNamed.isEmpty {
                    out += "    Of the \(l.namedBy.count) who went to them, \(l.formerContactsAnswering) answered in both waves; their new contacts in \(labels[l.nextWave]): "
                    out += l.nowNamed.map { "\(who($0.person)): \($0.count)" }.joined(separator: ", ") + "\n"
                }
            }
        }
        return out
    }
}
