import StaffGraphCore
import StaffGraphIO

/// What kind of term a QAP predictor is, which decides how the table's
/// reading sentence words its effect.
public enum QAPTermKind: String, Sendable, CaseIterable {
    /// A relation: 1 when i names j (`--predictor`).
    case relation
    /// A relation transposed: 1 when j names i (`--reverse`, term `reverse:NAME`).
    case reverse
    /// 1 when i and j hold the same value of a column (`same:ATTR`).
    case same
    /// |x_i − x_j| of a numeric column (`diff:ATTR`).
    case diff
    /// x_i, the sender's value (`sender:ATTR`).
    case sender
    /// x_j, the receiver's value (`receiver:ATTR`).
    case receiver
}

/// One `qap` fit with what the output says beside it (the relation, the people,
/// the non-respondents, each term's kind), built once and rendered as the
/// text table, JSON or CSV.
public struct QAPReport: Sendable {
    /// The fit.
    public let result: QAPResult
    /// The response relation.
    public let relation: String
    /// The response wave, if any.
    public let wave: String?
    /// Whether tie weights were used (`--valued`).
    public let valued: Bool
    /// People in the analysis (present in the wave).
    public let people: Int
    /// Non-respondents among them (their response rows are left out).
    public let nonRespondents: Int
    /// The selection as given (`COLUMN=VALUE,…` per rule; empty: everyone).
    public let selection: [String]
    /// The kind of each predictor term, by term name, in design order.
    public let kinds: [(name: String, kind: QAPTermKind)]

    /// A report of `result`; `kinds` names each predictor term's kind (the intercept has none).
    public init(result: QAPResult, relation: String, wave: String?, valued: Bool, people: Int, nonRespondents: Int,
                selection: [String], kinds: [(name: String, kind: QAPTermKind)]) {
        self.result = result
        self.relation = relation
        self.wave = wave
        self.valued = valued
        self.people = people
        self.nonRespondents = nonRespondents
        self.selection = selection
        self.kinds = kinds
    }

    /// The kind of the term named `name` (`nil` for the intercept).
    public func kind(of name: String) -> QAPTermKind? { kinds.first { $0.name == name }?.kind }

    /// The model-level statistics in output order; `nil` where the model does not define one.
    var modelLevel: [(String, Double?)] {
        let r = result
        return [("r_squared", r.rSquared), ("adj_r_squared", r.adjustedRSquared), ("residual_se", r.residualStandardError),
                ("deviance", r.deviance), ("null_deviance", r.nullDeviance), ("aic", r.aic)]
    }

    /// The CSV header (one row per term).
    public static let csvColumns = ["name", "estimate", "standard_error", "statistic", "p_two_sided", "p_greater", "p_less",
                                    "model", "null", "dyads", "permutations", "seed",
                                    "r_squared", "adj_r_squared", "residual_se", "deviance", "null_deviance", "aic"]

    /// The report as `qap --format json` writes it: every key always present
    /// (null where the model does not define it), so scripts can rely on the schema.
    public func json() -> JSONValue {
        let r = result
        var fields: [(String, JSONValue)] = [
            ("model", .string(r.model.rawValue)),
            ("null", .string(r.null.rawValue)),
            ("response", .object([("relation", .string(relation)), ("wave", .string(wave)), ("valued", .bool(valued))])),
            ("selection", .array(selection.map { .string($0) })),
            ("terms", .array(r.terms.map { t in
                .object([("name", .string(t.name)), ("estimate", .number(t.estimate)), ("standard_error", .number(t.standardError)),
                         ("statistic", .number(t.statistic)), ("p_two_sided", .number(t.pTwoSided)),
                         ("p_greater", .number(t.pGreater)), ("p_less", .number(t.pLess))])
            })),
        ]
        fields += modelLevel.map { ($0.0, .number($0.1)) }
        fields += [
            ("dyads", .int(r.dyads)), ("missing_dyads", .int(r.missingDyads)), ("people", .int(people)),
            ("non_respondents", .int(nonRespondents)), ("residual_df", .int(r.residualDF)),
            ("permutations", .int(r.permutations)), ("seed", r.seed.map { .string(String($0)) } ?? .null),
            ("statistic", .string(r.model == .linear ? "t-value" : "z-value")),
            ("conventions", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md#QAP")),
        ]
        return .object(fields)
    }

    /// The report as `qap --format csv` writes it: one row per term (``csvColumns``).
    public func csv() -> (header: [String], rows: [[String]]) {
        let r = result
        let rows = r.terms.map { t -> [String] in
            [t.name, Self.csvNumber(t.estimate), Self.csvNumber(t.standardError), Self.csvNumber(t.statistic), Self.csvNumber(t.pTwoSided),
             Self.csvNumber(t.pGreater), Self.csvNumber(t.pLess), r.model.rawValue, r.null.rawValue, String(r.dyads),
             String(r.permutations), r.seed.map { String($0) } ?? ""] + modelLevel.map { $0.1.map(Self.csvNumber) ?? "" }
        }
        return (Self.csvColumns, rows)
    }

    /// A number for CSV: the shortest text that reads back to the same Double; empty when undefined.
    public static func csvNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    /// The report as `qap` prints it: the fit's table, the model statistics and
    /// one plain sentence per term. `source` names the edge list in the heading.
    public func table(source: String) -> String {
        let r = result
        let what = relation + (wave.map { " (\($0))" } ?? "")
        var out = "QAP regression of \(what), \(r.model == .linear ? "linear (sna netlm)" : "logistic (sna netlogit)") — \(source)\n"
        out += "\(r.dyads) ordered pairs of \(people) people"
        if r.missingDyads > 0 { out += " (\(r.missingDyads) left out: \(nonRespondents) non-respondent\(nonRespondents == 1 ? "" : "s")' rows)" }
        switch r.null {
        case .classical: out += "; classical p-values (Student's t, independent pairs assumed)\n\n"
        default: out += "; \(r.permutations) permutations (\(r.null == .qapspp ? "qapspp, Dekker et al. 2007" : "qapy, Krackhardt 1988")), seed \(r.seed.map { String($0) } ?? "–")\n\n"
        }
        let stat = r.model == .linear ? "t" : "z"
        out += alignedTable(header: ["term", "estimate", "std.error", stat, "p(|b|>=)", "p(>=)", "p(<=)"], rows: r.terms.map { t in
            [t.name, String(format4: t.estimate), String(format4: t.standardError), String(fixed: t.statistic, decimals: 3),
             String(fixed: t.pTwoSided, decimals: 4), String(fixed: t.pGreater, decimals: 4), String(fixed: t.pLess, decimals: 4)]
        }, rightAligned: [false, true, true, true, true, true, true])
        out += "\n"
        if r.model == .linear, let r2 = r.rSquared, let adj = r.adjustedRSquared, let se = r.residualStandardError {
            out += "  R² \(String(format4: r2)), adjusted R² \(String(format4: adj)), residual SE \(String(format4: se)) on \(r.residualDF) degrees of freedom\n"
        }
        if r.model == .logistic, let dev = r.deviance, let null = r.nullDeviance, let aic = r.aic {
            out += "  deviance \(String(fixed: dev, decimals: 3)) (null \(String(fixed: null, decimals: 3))), AIC \(String(fixed: aic, decimals: 3)), \(r.residualDF) residual degrees of freedom\n"
        }
        out += "\nReading (two-sided p; each term holding the others fixed):\n"
        for t in r.terms where t.name != "intercept" {
            out += "  " + reading(t) + "\n"
        }
        out += "--format json or csv gives every number in full. Conventions: staffgraph qap --help.\n"
        return out
    }

    /// One plain sentence for a term.
    func reading(_ t: QAPTerm) -> String {
        let p = t.pTwoSided
        let pText = p < 0.001 && p.isFinite ? "p < 0.001" : "p = \(String(fixed: p, decimals: 3))"
        let clear = p < 0.05
        let up = t.estimate > 0
        let rel = relation
        let more = up ? "more" : "less"
        let name = t.name
        let attribute = name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
        let claim: String
        switch kind(of: name) {
        case .relation:
            // A shared-membership relation (`shared:NAME`) is symmetric: "share a group", not "names".
            claim = name.hasPrefix("shared:")
                ? "when i and j share a group in \(attribute), i is \(more) likely to name j in \(rel)"
                : "when i names j in \(name), i is \(more) likely to name j in \(rel)"
        case .reverse: claim = "when j names i in \(attribute), i is \(more) likely to name j in \(rel)"
        case .same: claim = "i is \(more) likely to name j in \(rel) when both have the same \(attribute)"
        case .diff: claim = up ? "the further apart i and j are in \(attribute), the more likely i names j in \(rel)"
                               : "the closer i and j are in \(attribute), the more likely i names j in \(rel)"
        case .sender: claim = "people with higher \(attribute) name \(more) people in \(rel)"
        case .receiver: claim = "people with higher \(attribute) are named \(more) often in \(rel)"
        case nil: claim = "\(name) goes with \(more) \(rel)"
        }
        return clear ? "\(name): \(claim) (\(pText))." : "\(name): no clear association beyond chance (\(pText))."
    }
}
