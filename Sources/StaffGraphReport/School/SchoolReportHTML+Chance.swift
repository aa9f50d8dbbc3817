import StaffGraphCore
import StaffGraphIO

/// The section "Is it more than chance?": the CUG test of the panel's indices,
/// and how the headline figures move with what counts as a tie and with how
/// non-respondents are treated.
extension SchoolReportHTML {
    static func chanceSection(_ r: SchoolReport) -> [HTMLFragment]? {
        var out: [HTMLFragment] = []
        if let test = r.cug { out += cugFindings(r, test) }
        if let m = r.multiplex { out += multiplexFindings(r, m) }
        if let s = r.sensitivity {
            if let t = s.byThreshold { out.append(thresholdFinding(r, t, view: s.treated)) }
            if let m = s.byTreatment { out.append(missingFinding(r, m, view: s.asRead)) }
        }
        return out.isEmpty ? nil : out
    }

    static func cugFindings(_ r: SchoolReport, _ test: CUGTest) -> [HTMLFragment] {
        let groups = r.cugPartition.map { $0 == "team" ? "teams" : "groups of \($0)" }
        let sentences = test.results.compactMap { PlainReading.chance($0, groups: groups) }
        let intro = "We compared this school with \(grouped(test.draws)) random staffs of the same size and with the same number of \(r.layer.relation) ties. "
            + "A pattern that the random staffs rarely reach comes from how these people work together, not from the size of the school."
        var items: [HTMLFragment] = sentences.map { .element("li", text: $0) }
        if items.isEmpty { items = [.element("li", text: "None of the figures could be compared with random staffs (too few people or ties).")] }
        let rows: [[HTMLTable.Cell]] = test.results.map { x in
            let key = "summary:cug.\(x.statistic.rawValue)"
            return [.text(CUGRendering.label(x.statistic) + (x.statistic == .eiIndex ? " (\(r.cugPartition ?? ""))" : "")),
                    cell(x.observed, key + ".observed", decimals: 3), cell(x.nullMean, key + ".null_mean", decimals: 3),
                    cell(x.nullSD, key + ".null_sd", decimals: 3), cell(x.pGreaterOrEqual, key + ".p_greater_or_equal", decimals: 3),
                    cell(x.pLessOrEqual, key + ".p_less_or_equal", decimals: 3)]
        }
        let table = HTMLTable(columns: [.init("Figure"), .init("This school", numeric: true), .init("Random: mean", numeric: true),
                                        .init("Random: SD", numeric: true), .init("Share ≥", numeric: true), .init("Share ≤", numeric: true)],
                              rows: rows)
        let note = "CUG test (conditional uniform graph, as R sna cug.test): \(grouped(test.draws)) random networks with \(CUGRendering.heldFixed(test.conditioning)), "
            + "seed \(test.seed). Share ≥ (≤): the share of random networks at least as high (low) as this school; below 0.05 is read as "
            + "\"more (less) than chance\", below 0.001 as \"far more\". Answers are read as given. As `staffgraph summary --cug"
            + (r.cugPartition.map { " --by \($0)" } ?? "") + "`."
        return [.element("p", text: intro),
                HTMLKit.finding(.element("ul", items), numbers: table, note: note)]
    }

    static func multiplexFindings(_ r: SchoolReport, _ m: MultiplexReport) -> [HTMLFragment] {
        let main = r.layer.relation
        return m.pairs.enumerated().compactMap { k, pair -> HTMLFragment? in
            guard pair.a == main || pair.b == main else { return nil }
            let other = pair.a == main ? pair.b : pair.a
            let o = pair.overlap, t = pair.test
            let mainShare = pair.a == main ? o.shareOfA : o.shareOfB
            let otherShare = pair.a == main ? o.shareOfB : o.shareOfA
            let key = "multiplex:pairs.\(k)"
            var parts: [HTMLFragment] = [.text("Do \(main) and \(other) go together? "),
                                         number(mainShare, key + (pair.a == main ? ".share_of_a" : ".share_of_b"), decimals: 0, percent: true),
                                         .text(" of \(main) ties are also \(other) ties, and "),
                                         number(otherShare, key + (pair.a == main ? ".share_of_b" : ".share_of_a"), decimals: 0, percent: true),
                                         .text(" of \(other) ties are also \(main) ties. ")]
            if t.correlation.isFinite {
                let p = t.correlation >= 0 ? t.pGreater : t.pLess
                if p.isFinite && p < 0.05 {
                    parts.append(.text(t.correlation >= 0
                        ? "The two go together more than chance gives: two colleagues tied by \(other) are more often tied by \(main) too."
                        : "The two go together less than chance gives: colleagues tied by one are less often tied by the other."))
                } else {
                    parts.append(.text("The overlap is about what chance gives for relations this size."))
                }
            }
            let rows: [[HTMLTable.Cell]] = [
                [.text("\(pair.a) ties"), cell(o.tiesA, key + ".ties_a")],
                [.text("\(pair.b) ties"), cell(o.tiesB, key + ".ties_b")],
                [.text("Both (multiplex)"), cell(o.both, key + ".multiplex")],
                [.text("Jaccard overlap"), cell(o.jaccard, key + ".jaccard", decimals: 3)],
                [.text("Graph correlation"), cell(t.correlation, key + ".correlation", decimals: 3)],
                [.text("QAP p (correlation at least as high)"), cell(t.pGreater, key + ".p_greater", decimals: 3)],
                [.text("QAP p (at least as low)"), cell(t.pLess, key + ".p_less", decimals: 3)],
            ]
            let table = HTMLTable(columns: [.init("Figure"), .init("Value", numeric: true)], rows: rows)
            return HTMLKit.finding(line(parts), numbers: table,
                                   note: "Graph correlation of the two relations over all ordered pairs (non-respondents' rows left out), with its QAP p-values from \(grouped(m.permutations)) relabellings of the people (seed \(m.seed)), as R sna gcor and qaptest; as `staffgraph multiplex --permutations \(m.permutations)`.")
        }
    }

    static func thresholdFinding(_ r: SchoolReport, _ s: ThresholdSensitivity, view: AnalysisView) -> HTMLFragment {
        let roster = r.roster
        func names(_ top: [Int]) -> String { top.map { displayName(roster, view.people[$0]) }.joined(separator: ", ") }
        var sentence: String
        if let change = s.firstLeaderChange {
            let row = s.rows[change]
            let before = s.rows[0].figures.top
            let left = before.filter { !row.figures.top.contains($0) }, came = row.figures.top.filter { !before.contains($0) }
            sentence = "Who counts as most sought depends on what counts as a tie: keeping only ties of strength \(formatNumber(row.threshold)) or more, "
                + (left.isEmpty || came.isEmpty
                    ? "the three most sought become \(names(row.figures.top))."
                    : "\(names(came)) \(came.count == 1 ? "takes" : "take") the place of \(names(left)) among the three most sought.")
        } else if let last = s.rows.last, s.rows.count > 1 {
            sentence = "The three most sought stay the same whether every tie counts or only ties of strength \(formatNumber(last.threshold)) or more."
        } else {
            sentence = "Only one tie strength was given."
        }
        if let last = s.rows.last, s.rows.count > 1, let overlap = last.comparison.topOverlap {
            sentence += " At strength \(formatNumber(last.threshold)) or more, \(overlap) of the ten most sought are the same people as with every tie."
        }
        let rows: [[HTMLTable.Cell]] = s.rows.enumerated().map { k, row in
            let key = "summary:sensitivity.thresholds.\(k)"
            return [cell(row.threshold, key + ".threshold", decimals: 0), cell(row.figures.ties, key + ".ties"),
                    cell(row.figures.inDegreeCentralization, key + ".in_degree_centralization", decimals: 3),
                    .text(names(row.figures.top)),
                    cell(row.comparison.spearman, key + ".spearman_in_degree", decimals: 2), cell(row.comparison.topOverlap, key + ".top_10_overlap")]
        }
        let table = HTMLTable(columns: [.init("Ties of strength at least", numeric: true), .init("Ties", numeric: true),
                                        .init("In-degree centralization", numeric: true), .init("Three most sought"),
                                        .init("Rank correlation with all ties", numeric: true), .init("Same in top 10", numeric: true)],
                              rows: rows)
        return HTMLKit.finding(sentence, numbers: table,
                               note: "Each row keeps the ties of at least that strength and recomputes who is sought out; rank correlation: Spearman's, of in-degree, against the first row. As `staffgraph summary --thresholds`.")
    }

    static func missingFinding(_ r: SchoolReport, _ s: MissingDataSensitivity, view: AnalysisView) -> HTMLFragment {
        let roster = r.roster
        func names(_ top: [Int]) -> String { top.map { displayName(roster, view.people[$0]) }.joined(separator: ", ") }
        let base = s.rows.first.map { Set($0.figures.top) }
        let same = s.rows.allSatisfy { Set($0.figures.top) == base }
        let centralizations = s.rows.compactMap(\.figures.inDegreeCentralization)
        var sentence = "\(view.nonrespondentCount) \(view.nonrespondentCount == 1 ? "person" : "people") did not answer. "
        if let lo = centralizations.min(), let hi = centralizations.max() {
            sentence += "Filling in their answers in three ways gives an in-degree centralization between \(String(fixed: lo, decimals: 2)) and \(String(fixed: hi, decimals: 2)), and "
        }
        sentence += same ? "the same three most sought people every time." : "a different list of the three most sought: read the names with care."
        let rows: [[HTMLTable.Cell]] = s.rows.enumerated().map { k, row in
            let key = "summary:sensitivity.missing.\(k)"
            return [.text(missingWords(row.treatment)), cell(row.imputedTies, key + ".imputed_ties"), cell(row.figures.ties, key + ".ties"),
                    cell(row.figures.inDegreeCentralization, key + ".in_degree_centralization", decimals: 3),
                    .text(names(row.figures.top)), cell(row.comparison.topOverlap, key + ".top_10_overlap")]
        }
        let table = HTMLTable(columns: [.init("Non-respondents' answers"), .init("Ties added", numeric: true), .init("Ties", numeric: true),
                                        .init("In-degree centralization", numeric: true), .init("Three most sought"), .init("Same in top 10", numeric: true)],
                              rows: rows)
        return HTMLKit.finding(sentence, numbers: table,
                               note: "Reconstruction (Huisman 2009): a non-respondent is taken to name whoever named them. As `staffgraph summary --missing all`.")
    }

    static func missingWords(_ t: MissingDataTreatment) -> String {
        switch t {
        case .ignore: return "left out (this report)"
        case .reconstruct: return "reconstructed from others' answers"
        case .assumeNone: return "taken as naming no one"
        }
    }
}
