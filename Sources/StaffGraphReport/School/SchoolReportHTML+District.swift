import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

/// The index page of a district (`--per`) run, and each report's standing among the others.
extension SchoolReportHTML {
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
