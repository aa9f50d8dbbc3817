import StaffGraphCore
import StaffGraphIO

/// `compare.json` and the CSV files of `compare -o DIR`.
extension CompareReport {

    /// The comparison as `compare.json`.
    public func json() -> JSONValue {
        let ids = roster.ids
        func person(_ v: Int) -> [(String, JSONValue)] { [("id", .string(ids[v])), ("name", .string(name(v)))] }
        func list(_ people: [Int]) -> JSONValue { .array(people.map { .string(ids[$0]) }) }
        func triple(_ t: (stable: Int, new: Int, dissolved: Int)) -> JSONValue {
            .object([("stable", .int(t.stable)), ("new", .int(t.new)), ("dissolved", .int(t.dissolved))])
        }
        let waves: [JSONValue] = input.waves.enumerated().map { w, wave in
            let t = trends[w]
            return .object([
                ("label", .string(wave.label)), ("file", .string(wave.file)), ("response_column", .string(wave.responseColumn)),
                ("people", .int(t.people)), ("ties", .int(t.ties)),
                ("respondents", .int(t.respondents)), ("nonrespondents", .int(t.nonrespondents)),
                ("absent", .int(alignment.present[w].filter { !$0 }.count)), ("response_rate", .number(t.responseRate)),
                ("self_loops_dropped", .int(wave.buildReport.selfLoopsDropped)), ("parallel_ties_merged", .int(wave.buildReport.parallelTiesMerged)),
            ])
        }
        let pairs: [JSONValue] = self.pairs.map { p in
            let c = p.transitions.counts
            func leaderList(_ people: [Int]) -> JSONValue {
                .array(people.map { v in
                    .object(person(v) + [("before", .int(p.inDegreeBefore[v])), ("after", .int(p.inDegreeAfter[v])),
                                         ("change", .int(p.inDegreeAfter[v].flatMap { a in p.inDegreeBefore[v].map { a - $0 } }))])
                })
            }
            return .object([
                ("from", .string(labels[p.from])), ("to", .string(labels[p.to])),
                ("stable", .int(c.stable)), ("new", .int(c.new)), ("dissolved", .int(c.dissolved)),
                ("jaccard", .number(c.jaccard)), ("hamming", .int(c.hamming)),
                ("n00", .int(c.n00)), ("observed_cells", .int(c.observedCells)),
                ("leaver_ties", .int(statusCount(p, .leaver))), ("joiner_ties", .int(statusCount(p, .joiner))),
                ("unobserved_ties", .int(statusCount(p, .unobserved))),
                ("spearman_in_degree", .number(p.spearman)),
                ("joiners", list(p.joiners)), ("leavers", list(p.leavers)),
                ("rising", leaderList(p.leaders.rising)), ("fading", leaderList(p.leaders.fading)),
                ("new_informal_leaders", leaderList(p.leaders.newInformal)),
                ("departed_leaders", leaderList(p.leaders.departed)),
                ("leader_threshold", .object([("before", .int(p.leaders.thresholdBefore == Int.max ? nil : p.leaders.thresholdBefore)),
                                              ("after", .int(p.leaders.thresholdAfter == Int.max ? nil : p.leaders.thresholdAfter))])),
                ("breakdown", .array(p.breakdowns.map { column, b in
                    .object([
                        ("column", .string(column)), ("within", triple(b.within)), ("across", triple(b.across)),
                        ("cells", .array(b.cells.map { cell in
                            .object([("from_group", .string(cell.fromGroup)), ("to_group", .string(cell.toGroup)),
                                     ("stable", .int(cell.stable)), ("new", .int(cell.new)), ("dissolved", .int(cell.dissolved))])
                        })),
                    ])
                })),
            ])
        }
        let trend: [JSONValue] = trends.map { t in
            .object([
                ("wave", .string(t.label)), ("people", .int(t.people)), ("ties", .int(t.ties)),
                ("density", .number(t.density)), ("reciprocity", .number(t.reciprocity)),
                ("centralization_in_degree", .number(t.inDegreeCentralization)),
                ("centralization_betweenness", .number(t.betweennessCentralization)),
                ("transitivity", .number(t.transitivity)), ("ei_index", .number(t.eiIndex)), ("modularity", .number(t.modularity)),
                ("gini_in_degree", .number(t.inDegreeGini)), ("response_rate", .number(t.responseRate)),
            ])
        }
        let last = firstLast
        let rankChanges = rankChange
        let people: [JSONValue] = (0 ..< roster.count).map { v in
            var fields = person(v)
            fields.append(("group", .string(group(v))))
            fields.append(("status", .array((0 ..< alignment.count).map { .string(statusText($0, v)) })))
            fields.append(("joined", .string(joinedWave(v).map { labels[$0] })))
            fields.append(("left", .string(leftWave(v).map { labels[$0] })))
            fields.append(("measures", .object(measures.map { m in (m.rawValue, .array((values[m] ?? []).map { .number($0[v]) })) })))
            fields.append(("change", .object(measures.map { m in (m.rawValue, .number(change(m, v))) })))
            fields.append(("in_degree_rank", .array(ranks.map { .int($0[v]) })))
            fields.append(("in_degree_rank_change", .int(rankChanges.isEmpty ? nil : rankChanges[v])))
            fields.append(("rising", .bool(last?.leaders.rising.contains(v) ?? false)))
            fields.append(("fading", .bool(last?.leaders.fading.contains(v) ?? false)))
            fields.append(("new_informal_leader", .bool(last?.leaders.newInformal.contains(v) ?? false)))
            return .object(fields)
        }
        let leavers: [JSONValue] = self.leavers.map { l in
            .object(person(l.person) + [
                ("last_wave", .string(labels[l.lastWave])), ("left_before", .string(labels[l.nextWave])),
                ("named_by", list(l.namedBy)), ("named", list(l.named)),
                ("ties_lost", .int(l.namedBy.count + l.named.count)),
                ("former_contacts_answering", .int(l.formerContactsAnswering)),
                ("former_contacts_now_name", .array(l.nowNamed.map { .object(person($0.person) + [("count", .int($0.count))]) })),
                ("left_without_source", list(l.withoutSource)),
                ("departure", l.impact.map { i in
                    .object([("share_kept", .number(i.shareKept)), ("orphaned", .int(i.orphaned)), ("efficiency_loss", .number(i.efficiencyLoss)),
                             ("loss_rank", .number(l.lossRank))])
                } ?? .null),
            ])
        }
        return .object([
            ("relation", .string(relation)),
            ("selection", .array(input.selection.map { .string($0) })),
            ("waves", .array(waves)),
            ("pairs", .array(pairs)),
            ("trend", .array(trend)),
            ("group_column", .string(groupColumn)),
            ("measures", .array(measures.map { .string($0.rawValue) })),
            ("people", .array(people)),
            ("leavers", .array(leavers)),
            ("criteria", .object([
                ("top_fraction", .number(criteria.topFraction)), ("min_nominations", .int(criteria.minimumNominations)),
                ("min_change", .int(criteria.minimumChange)),
                ("formal", formalRule.map { f in .object([("column", .string(f.column)), ("values", .array(f.values.map { .string($0) }))]) } ?? .null),
                ("rising", .string("present in both waves, in-degree up by at least min_change, and a leader in the later wave (top top_fraction of the people present by in-degree, at least min_nominations)")),
                ("fading", .string("present in both waves, in-degree down by at least min_change, and a leader in the earlier wave")),
                ("new_informal_leader", .string("a leader in the later wave who was not one in the earlier wave (or was not there) and holds no formal role")),
                ("departed_leader", .string("a leader in the earlier wave who is not on staff in the later one")),
                ("observed_cells", .string("a cell i → j is compared when i answered in both waves and i and j were on staff in both (RSiena; see Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md, Wave change)")),
            ])),
        ])
    }

    // MARK: - CSV

    /// A number as CSV writes it (empty when undefined).
    public func csvNumber(_ x: Double?) -> String { x.map(formatJSONNumber) ?? "" }

    /// `trend.csv`: one row per wave.
    public func trendCSV() -> String {
        let header = ["wave", "people", "ties", "density", "reciprocity", "centralization_in_degree", "centralization_betweenness",
                      "transitivity", "ei_index", "modularity", "gini_in_degree", "response_rate"]
        let rows = trends.map { t in
            [t.label, String(t.people), String(t.ties), csvNumber(t.density), csvNumber(t.reciprocity),
             csvNumber(t.inDegreeCentralization), csvNumber(t.betweennessCentralization), csvNumber(t.transitivity),
             csvNumber(t.eiIndex), csvNumber(t.modularity), csvNumber(t.inDegreeGini), csvNumber(t.responseRate)]
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    /// `pairs.csv`: one row per compared pair.
    public func pairsCSV() -> String {
        let header = ["from", "to", "stable", "new", "dissolved", "jaccard", "hamming", "n00", "observed_cells",
                      "leaver_ties", "joiner_ties", "unobserved_ties", "spearman_in_degree", "joiners", "leavers"]
        let rows = pairs.map { p -> [String] in
            let c = p.transitions.counts
            return [labels[p.from], labels[p.to], String(c.stable), String(c.new), String(c.dissolved), csvNumber(c.jaccard),
                    String(c.hamming), String(c.n00), String(c.observedCells), String(statusCount(p, .leaver)),
                    String(statusCount(p, .joiner)), String(statusCount(p, .unobserved)), csvNumber(p.spearman),
                    p.joiners.map { roster.ids[$0] }.joined(separator: ";"), p.leavers.map { roster.ids[$0] }.joined(separator: ";")]
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    /// `people.csv`: one row per person.
    public func peopleCSV() -> String {
        var header = ["id", "name"]
        if let groupColumn { header.append(groupColumn) }
        header += ["joined", "left"] + labels.map { "status_\($0)" }
        for m in measures { header += labels.map { "\(m.rawValue)_\($0)" } + ["\(m.rawValue)_change"] }
        header += labels.map { "in_degree_rank_\($0)" } + ["in_degree_rank_change", "rising", "fading", "new_informal_leader"]
        let last = firstLast
        let rankChanges = rankChange
        let rows = (0 ..< roster.count).map { v -> [String] in
            var row = [roster.ids[v], name(v) ?? ""]
            if groups != nil { row.append(group(v) ?? "") }
            row += [joinedWave(v).map { labels[$0] } ?? "", leftWave(v).map { labels[$0] } ?? ""]
            row += (0 ..< alignment.count).map { statusText($0, v) }
            for m in measures {
                row += (values[m] ?? []).map { csvNumber($0[v]) }
                row.append(csvNumber(change(m, v)))
            }
            row += ranks.map { $0[v].map(String.init) ?? "" }
            row.append(rankChanges.isEmpty ? "" : rankChanges[v].map(String.init) ?? "")
            row.append((last?.leaders.rising.contains(v) ?? false) ? "yes" : "no")
            row.append((last?.leaders.fading.contains(v) ?? false) ? "yes" : "no")
            row.append((last?.leaders.newInformal.contains(v) ?? false) ? "yes" : "no")
            return row
        }
        return CSVWriter.table(header: header, rows: rows)
    }

    /// `ties.csv`: every tie that changed.
    public func tiesCSV() -> String {
        var header = ["from_wave", "to_wave", "source", "target", "status", "weight_before", "weight_after"]
        if let groupColumn { header += ["source_\(groupColumn)", "target_\(groupColumn)"] }
        var rows: [[String]] = []
        for p in pairs {
            for c in p.transitions.changes where c.status != .stable {
                var row = [labels[p.from], labels[p.to], roster.ids[c.source], roster.ids[c.target], c.status.rawValue,
                           csvNumber(c.weightBefore), csvNumber(c.weightAfter)]
                if let groups { row += [groups[c.source], groups[c.target]] }
                rows.append(row)
            }
        }
        return CSVWriter.table(header: header, rows: rows)
    }

}
