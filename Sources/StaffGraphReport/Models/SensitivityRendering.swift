import StaffGraphCore
import StaffGraphIO

/// The renderings of the sensitivity analyses (`--thresholds`, `--missing all`):
/// JSON, CSV and the text table, from ``ThresholdSensitivity`` and
/// ``MissingDataSensitivity`` over an ``AnalysisView``. Every function takes the
/// roster that names people; `nil` names no one (top-3 names left out: `null` in
/// JSON, empty in CSV, no column in the table), for outputs that must not name anyone.
public enum SensitivityRendering {
    /// The CSV header of the threshold rows (after any leading group columns).
    public static let thresholdColumns = ["threshold", "missing", "ties", "density", "in_degree_centralization", "in_degree_gini",
                                          "top_3_share", "top_3", "spearman_in_degree", "top_10_overlap"]
    /// The CSV header of the missing-data rows (after any leading group columns).
    public static let missingColumns = ["missing", "imputed_ties", "ties", "density", "in_degree_centralization", "in_degree_gini",
                                        "top_3_share", "top_3", "spearman_in_degree", "top_10_overlap"]

    /// A person by name when the roster has one, else by id.
    static func shortName(_ roster: Roster?, _ person: Int) -> String {
        guard let roster else { return "" }
        if let names = roster.attribute("name"), !names[person].isEmpty { return names[person] }
        return roster.ids[person]
    }

    static func people(_ top: [Int], view: AnalysisView, roster: Roster?) -> JSONValue {
        guard let roster else { return .null }
        let names = roster.attribute("name")
        return .array(top.map { v in
            let p = view.people[v]
            return .object([("id", .string(roster.ids[p])), ("name", .string(names.flatMap { $0[p].isEmpty ? nil : $0[p] }))])
        })
    }

    static func figureFields(_ f: HeadlineFigures, _ c: RankComparison, view: AnalysisView, roster: Roster?) -> [(String, JSONValue)] {
        [("ties", .int(f.ties)), ("density", .number(f.density)),
         ("in_degree_centralization", .number(f.inDegreeCentralization)), ("in_degree_gini", .number(f.inDegreeGini)),
         ("top_3_share", .number(f.topShare)), ("top_3", people(f.top, view: view, roster: roster)),
         ("spearman_in_degree", .number(c.spearman)), ("top_10_overlap", .int(c.topOverlap))]
    }

    /// The `--thresholds` rows as JSON: an array of {threshold, ties, density,
    /// in_degree_centralization, in_degree_gini, top_3_share, top_3 [{id, name}],
    /// spearman_in_degree, top_10_overlap}, the last two against the lowest threshold.
    public static func json(_ s: ThresholdSensitivity, view: AnalysisView, roster: Roster?) -> JSONValue {
        .array(s.rows.map { r in
            .object([("threshold", .number(r.threshold))] + figureFields(r.figures, r.comparison, view: view, roster: roster))
        })
    }

    /// The `--missing all` rows as JSON: an array of {missing, imputed_ties, and the figures of ``json(_:view:roster:)``},
    /// the comparisons against `ignore`.
    public static func json(_ s: MissingDataSensitivity, view: AnalysisView, roster: Roster?) -> JSONValue {
        .array(s.rows.map { r in
            .object([("missing", .string(r.treatment.rawValue)), ("imputed_ties", .int(r.imputedTies))]
                    + figureFields(r.figures, r.comparison, view: view, roster: roster))
        })
    }

    static func cells(_ f: HeadlineFigures, _ c: RankComparison, view: AnalysisView, roster: Roster?) -> [String] {
        [String(f.ties), csvCell(f.density), csvCell(f.inDegreeCentralization), csvCell(f.inDegreeGini), csvCell(f.topShare),
         roster.map { r in f.top.map { r.ids[view.people[$0]] }.joined(separator: ";") } ?? "", csvCell(c.spearman), c.topOverlap.map(String.init) ?? ""]
    }

    static func csvCell(_ x: Double?) -> String { x.map(formatJSONNumber) ?? "" }

    /// The `--thresholds` rows as CSV cells (``thresholdColumns``; top_3 as ids joined by `;`).
    public static func csvRows(_ s: ThresholdSensitivity, missing: MissingDataTreatment, view: AnalysisView, roster: Roster?) -> [[String]] {
        s.rows.map { r in [formatJSONNumber(r.threshold), missing.rawValue] + cells(r.figures, r.comparison, view: view, roster: roster) }
    }

    /// The `--missing all` rows as CSV cells (``missingColumns``).
    public static func csvRows(_ s: MissingDataSensitivity, view: AnalysisView, roster: Roster?) -> [[String]] {
        s.rows.map { r in [r.treatment.rawValue, String(r.imputedTies)] + cells(r.figures, r.comparison, view: view, roster: roster) }
    }

    static func names(_ people: [Int], view: AnalysisView, roster: Roster?) -> String {
        guard roster != nil else { return people.count == 1 ? "1 person" : "\(people.count) people" }
        let names = people.map { shortName(roster, view.people[$0]) }
        switch names.count {
        case 0: return "nobody"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
    }

    /// The plain sentence under the threshold table: "The same people lead at every
    /// threshold: …" or "From strength t up the leaders change: …" (the top 3 as a set,
    /// against the lowest threshold's).
    public static func sentence(_ s: ThresholdSensitivity, view: AnalysisView, roster: Roster?) -> String {
        guard let first = s.rows.first else { return "" }
        let base = first.figures.top
        guard let k = s.firstLeaderChange else {
            return "The same people lead at every threshold" + (roster == nil ? "." : ": \(names(base, view: view, roster: roster)).")
        }
        let row = s.rows[k]
        let joins = row.figures.top.filter { !base.contains($0) }, leaves = base.filter { !row.figures.top.contains($0) }
        if row.figures.top.isEmpty { return "From strength \(formatNumber(row.threshold)) up no ties are left, so no one leads." }
        var out = "From strength \(formatNumber(row.threshold)) up the leaders change: "
        out += "\(names(joins, view: view, roster: roster)) \(joins.count == 1 ? "joins" : "join") the top \(first.figures.topCount)"
        out += leaves.isEmpty ? "." : ", \(names(leaves, view: view, roster: roster)) \(leaves.count == 1 ? "leaves" : "leave") it."
        let tied = row.figures.tiedOutOfTop
        if let last = row.figures.top.last, !tied.isEmpty, roster != nil {
            out += " (\(names(tied, view: view, roster: roster)) \(tied.count == 1 ? "is" : "are") named as often as \(names([last], view: view, roster: roster)), who comes first on the roster.)"
        }
        return out
    }

    static func tableRow(_ f: HeadlineFigures, _ c: RankComparison, view: AnalysisView, roster: Roster?) -> [String] {
        [String(f.ties), fixed4(f.density), fixed4(f.inDegreeCentralization), fixed4(f.inDegreeGini), percent(f.topShare),
         c.spearman.map { String(fixed: $0, decimals: 3) } ?? "–", c.topOverlap.map { "\($0)/\(c.listSize)" } ?? "–"]
            + (roster == nil ? [] : [f.top.isEmpty ? "–" : f.top.map { shortName(roster, view.people[$0]) }.joined(separator: ", ")])
    }

    static let figureHeader = ["ties", "density", "centralization (in)", "Gini (in)", "top 3 share", "ρ", "top-10 overlap", "top 3"]

    /// The figure columns; without a roster (nobody named) the top-3 names are left out.
    static func header(_ roster: Roster?) -> [String] { roster == nil ? Array(figureHeader.dropLast()) : figureHeader }

    /// The `--thresholds` block for people: one line per threshold, then the sentence and a key.
    public static func table(_ s: ThresholdSensitivity, missing: MissingDataTreatment, view: AnalysisView, roster: Roster?, heading: String? = nil) -> String {
        var out = "Sensitivity to tie strength\(heading.map { " (\($0))" } ?? ""): the figures again, keeping only ties of at least each strength"
        out += missing == .ignore ? "\n" : " (non-respondents: \(missing.rawValue))\n"
        let rows = s.rows.map { r in ["≥ " + formatNumber(r.threshold)] + tableRow(r.figures, r.comparison, view: view, roster: roster) }
        out += alignedTable(header: ["strength"] + header(roster), rows: rows, rightAligned: [true, true, true, true, true, true, true, true, false])
        out += "  " + sentence(s, view: view, roster: roster) + "\n"
        out += "  ρ: Spearman rank correlation of in-degree with the lowest threshold's, over everyone (1 = the same order); "
        out += "top-10 overlap: people in both top-10 lists by in-degree; equal in-degrees are ordered as on the roster.\n"
        return out
    }

    /// The `--missing all` block for people: one line per treatment.
    public static func table(_ s: MissingDataSensitivity, view: AnalysisView, roster: Roster?, heading: String? = nil) -> String {
        var out = "Sensitivity to non-respondents\(heading.map { " (\($0))" } ?? ""): the figures under each treatment of their missing answers\n"
        let rows = s.rows.map { r in [r.treatment.rawValue, String(r.imputedTies)] + tableRow(r.figures, r.comparison, view: view, roster: roster) }
        out += alignedTable(header: ["missing", "imputed"] + header(roster), rows: rows,
                            rightAligned: [false, true, true, true, true, true, true, true, true, false])
        out += "  ignore: their answers stay missing (density leaves their rows out); reconstruct: i → j imputed where j named i "
        out += "(Huisman 2009), with its strength; assume-none: they named no one (their rows count as empty).\n"
        out += "  ρ and top-10 overlap: in-degree against ignore; equal in-degrees are ordered as on the roster.\n"
        return out
    }
}
