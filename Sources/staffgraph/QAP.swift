import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Output formats of `qap` and `multiplex`.
enum InferenceFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension QAPModel: ExpressibleByArgument {}
extension QAPNull: ExpressibleByArgument {}

/// `staffgraph qap EDGES --predictor …`: is a relation more than chance, given
/// others? A dyadic regression over all ordered pairs with QAP permutation p-values.
struct QAP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qap",
        abstract: "Dyadic regression of one relation on others and on roster attributes, with QAP permutation p-values.",
        discussion: """
        Each ordered pair of people (i, j), i ≠ j, is one observation: the response is whether \
        (or, with --valued, how strongly) i names j in the relation chosen by --relation/--wave. \
        Pairs whose sender did not respond are left out (the output says how many pairs were used).

        Terms, in this order: intercept; each --predictor (a relation: 1 when i names j); each \
        --reverse (the relation transposed: 1 when j names i, e.g. reciprocity); --same ATTR \
        (1 when i and j hold the same value); --diff ATTR (|x_i - x_j| of a numeric column); \
        --sender ATTR (x_i); --receiver ATTR (x_j).

        --model linear is sna's netlm (OLS, t-values); --model logistic is sna's netlogit \
        (glm binomial, z-values). P-values come from --permutations relabellings of the people \
        (--null qapspp: Dekker, Krackhardt & Snijders 2007, the default, as sna; qapy: permute the \
        response; classical: Student's t, which assumes independent pairs). p(|b|>=) is the share of \
        permutations whose |statistic| is at least the observed one (two-sided; sna's pgreqabs), \
        p(>=) and p(<=) the one-sided shares. The same --seed gives the same output for any --threads.

        Relations of another file's ties: --predictor NAME=FILE (a file of the same people, read \
        like EDGES). Non-respondents' rows of a predictor relation are read as recorded (no ties), \
        as sna is given them. Conventions: Conventions.md, "QAP".

        Example: staffgraph qap Samples/data/krackhardt/edges_advice.csv --nodes Samples/data/krackhardt/nodes.csv \
        --relation advice --predictor friendship=Samples/data/krackhardt/edges_friendship.csv \
        --predictor reports_to=Samples/data/krackhardt/edges_reports_to.csv --same dept --diff tenure
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("predictor"), help: ArgumentHelp("A relation as a term: RELATION of the same file, or NAME=FILE (an edge list of the same people). Repeatable.", valueName: "relation|name=file"))
    var predictors: [String] = []

    @Option(name: .customLong("reverse"), help: ArgumentHelp("A relation transposed (1 when j names i): RELATION or NAME=FILE; term reverse:NAME. Repeatable.", valueName: "relation|name=file"))
    var reverses: [String] = []

    @Option(name: .customLong("same"), help: ArgumentHelp("1 when both people hold the same value of this roster column; term same:ATTR. Repeatable.", valueName: "column"))
    var same: [String] = []

    @Option(name: .customLong("diff"), help: ArgumentHelp("Absolute difference of a numeric roster column; term diff:ATTR. Repeatable.", valueName: "column"))
    var diff: [String] = []

    @Option(name: .customLong("sender"), help: ArgumentHelp("The sender's value of a numeric roster column; term sender:ATTR. Repeatable.", valueName: "column"))
    var sender: [String] = []

    @Option(name: .customLong("receiver"), help: ArgumentHelp("The receiver's value of a numeric roster column; term receiver:ATTR. Repeatable.", valueName: "column"))
    var receiver: [String] = []

    @Flag(help: "Use tie weights (response and predictor relations) instead of 1 for a tie; linear model only.")
    var valued = false

    @Option(help: "linear (OLS, sna netlm) or logistic (sna netlogit).")
    var model: QAPModel = .linear

    @Option(name: .customLong("null"), help: "Permutation scheme: qapspp (semi-partialling, default), qapy (permute the response) or classical (no permutations).")
    var nullHypothesis: QAPNull = .qapspp

    @Option(help: ArgumentHelp("Number of permutations.", valueName: "n"))
    var permutations: Int = 2000

    @Option(help: ArgumentHelp("Seed of the permutations (printed with the result).", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: "Output format: table, json or csv (one row per term).")
    var format: InferenceFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if input.selection.per != nil {
            throw ValidationError("qap fits one network; --per does not apply (run once per group with --where COLUMN=VALUE)")
        }
        if permutations < 1 || permutations > 10_000_000 {
            throw ValidationError("--permutations must be between 1 and 10000000")
        }
        if valued && model == .logistic {
            throw ValidationError("--valued needs --model linear (the logistic model takes ties as 0/1)")
        }
        if predictors.isEmpty && reverses.isEmpty && same.isEmpty && diff.isEmpty && sender.isEmpty && receiver.isEmpty {
            throw ValidationError("give at least one term: --predictor, --reverse, --same, --diff, --sender or --receiver")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let (design, context) = try buildDesign()
            if let output { try AtomicFile.check(output) }
            let result: QAPResult
            do {
                result = try QAPRegression.fit(design, model: model, null: nullHypothesis, permutations: permutations, seed: seed,
                                               threads: input.threadCount)
            } catch let error as QAPError {
                throw InputError(.usage, file: input.edges, error.description, hint: hint(for: error))
            }
            for note in context.notes { printError("note: \(note)") }
            if result.converged == false { printError("note: the logistic fit did not converge in 25 iterations (a term may separate ties from non-ties perfectly); estimates are unreliable") }
            try emit(render(result, context: context), to: output)
        }
    }

    /// What the output says about the data beside the fit.
    struct Context {
        var relation: String
        var wave: String?
        var people: Int
        var nonRespondents: Int
        var kinds: [String: String] = [:]
        var notes: [String] = []
    }

    func hint(for error: QAPError) -> String {
        switch error {
        case .singular: return "leave that term out (a column with one value for everybody, or the same information twice)"
        case .constantResponse: return "choose another --relation or --wave"
        case .tooFewDyads, .tooFewPeople: return "widen the selection (--where) or use fewer terms"
        default: return "check the roster and the edge lists"
        }
    }

    /// Reads the network and the predictor files, and lays out the dyadic terms.
    func buildDesign() throws(InputError) -> (QAPDesign, Context) {
        var imported = try input.load()
        for note in input.notes(for: imported.report, network: imported.network) { printError("note: \(note)") }
        let key = try singleLayer(input, imported.network, command: "qap").key
        // Predictor files: their ties join the network as relations of the response's wave.
        var fileRelations: [String: String] = [:]
        for spec in predictors + reverses {
            guard let eq = spec.firstIndex(of: "=") else { continue }
            let name = String(spec[..<eq]), file = String(spec[spec.index(after: eq)...])
            if name.isEmpty || file.isEmpty {
                throw InputError(.usage, file: input.edges, "'\(spec)' is not NAME=FILE", hint: "e.g. --predictor friendship=edges_friendship.csv, or a relation of the same file")
            }
            if let earlier = fileRelations[name] {
                if earlier == file { continue }
                throw InputError(.usage, file: file, "the name '\(name)' is given to two files", hint: "give each file its own NAME")
            }
            if imported.network.relations.contains(name) {
                throw InputError(.usage, file: file, "'\(name)' is already a relation of \(input.edges)", hint: "give the file another NAME, or use --predictor \(name) for the relation of the same file")
            }
            let options = input.reading.edgeListOptions(relation: name, wave: key.wave)
            let extra = try EdgeListReader.read(file, roster: imported.network.roster, options: options)
            guard extra.network.roster.count == imported.network.roster.count else {
                throw InputError(.badData, file: file, "the file names people who are not in the roster", hint: "the predictor file must cover the same people as \(input.nodes ?? input.edges)")
            }
            let layers = extra.network.layers.filter { $0.key.relation == name }
            guard !layers.isEmpty else {
                throw InputError(.usage, file: file, "no ties for '\(name)' in the file", hint: "a predictor file is an edge list of one relation (no relation column, or one whose value is NAME)")
            }
            for layer in layers { imported.network.layers.append(Layer(key: LayerKey(relation: name, wave: key.wave), graph: layer.graph)) }
            fileRelations[name] = file
        }
        // --anonymize: no term may name an identifying column; the fit itself prints nobody.
        let named = (same.map { ("--same", $0) } + diff.map { ("--diff", $0) } + sender.map { ("--sender", $0) } + receiver.map { ("--receiver", $0) })
            .map { (flag: $0.0, column: Optional($0.1)) } + input.selection.filters.map { (flag: "--where", column: Optional($0.column)) }
        let anonymization = try input.privacy.prepare(imported.network.roster, columns: named, file: input.rosterFile)
        imported = try input.loadSelected(imported, rules: [])
        let network = imported.network
        let roster = network.roster
        guard let layer = network.layer(key) else {
            throw InputError(.usage, file: input.edges, "no ties for \(key) in the selection", hint: "widen --where")
        }
        let view = AnalysisView(layer: layer, roster: roster)
        let people = view.people
        var context = Context(relation: key.relation, wave: key.wave, people: people.count,
                              nonRespondents: view.observedRows?.filter { !$0 }.count ?? 0)
        let response = DyadicMatrix(view.graph, valued: valued, observedRows: view.observedRows)
        if !valued, layer.graph.outWeights.contains(where: { $0 != 1 }) {
            context.notes.append("ties are taken as 1 (present) whatever their weight; --valued uses the weights (linear model)")
        }

        func relationMatrix(_ spec: String, flag: String) throws(InputError) -> (name: String, matrix: DyadicMatrix) {
            let name = spec.firstIndex(of: "=").map { String(spec[..<$0]) } ?? spec
            let layerKey = LayerKey(relation: name, wave: key.wave)
            guard let predictorLayer = network.layer(layerKey) else {
                let inWave = network.layers.filter { $0.key.wave == key.wave }.map(\.key.relation)
                throw InputError(.usage, file: input.edges, "\(flag) \(spec): there is no relation '\(name)'\(key.wave.map { " in wave '\($0)'" } ?? "")",
                                 hint: (closestMatch(to: name, among: inWave).map { "did you mean '\($0)'? " } ?? "")
                                    + "relations: \(inWave.joined(separator: ", ")); or NAME=FILE for another file's ties")
            }
            let graph = predictorLayer.graph.subgraph(members: people)
            // Non-respondents' rows are read as recorded (see the help): complete predictors, as sna requires for qapspp.
            return (name, DyadicMatrix(graph, valued: valued))
        }

        var terms: [QAPPredictor] = []
        for spec in predictors {
            let (name, matrix) = try relationMatrix(spec, flag: "--predictor")
            terms.append(QAPPredictor(name: name, matrix: matrix))
            context.kinds[name] = "relation"
        }
        for spec in reverses {
            let (name, matrix) = try relationMatrix(spec, flag: "--reverse")
            terms.append(QAPPredictor(name: "reverse:\(name)", matrix: matrix.transposed()))
            context.kinds["reverse:\(name)"] = "reverse"
        }
        if context.nonRespondents > 0 && !(predictors.isEmpty && reverses.isEmpty) {
            context.notes.append("\(context.nonRespondents) non-respondents: their rows of the response are left out; in predictor relations their unanswered rows count as no ties")
        }

        func column(_ name: String, flag: String) throws(InputError) -> (name: String, values: [String]) {
            if input.nodes == nil {
                throw InputError(.usage, file: input.edges, "\(flag) \(name) needs a roster column, and no roster was given", hint: "add --nodes ROSTER")
            }
            let (resolved, values) = try forOption(flag) { () throws(InputError) in try roster.column(named: name, file: input.rosterFile) }
            let mine = people.map { values[$0] }
            let missing = people.indices.filter { mine[$0].trimmingSpaces.isEmpty }
            if !missing.isEmpty {
                let ids = anonymization != nil ? "ids withheld under --anonymize" : missing.prefix(5).map { roster.ids[people[$0]] }.joined(separator: ", ")
                throw InputError(.usage, file: input.rosterFile, "\(flag) \(resolved): \(missing.count) \(missing.count == 1 ? "person has" : "people have") no value (\(ids)\(missing.count > 5 ? " …" : ""))",
                                 hint: "fill the column in, or leave those people out with --where")
            }
            return (resolved, mine)
        }
        func numeric(_ name: String, flag: String) throws(InputError) -> (name: String, values: [Double?]) {
            let (resolved, text) = try column(name, flag: flag)
            var out: [Double?] = []
            for (k, value) in text.enumerated() {
                guard let x = Double(value.trimmingSpaces), x.isFinite else {
                    let who = anonymization != nil ? "a person" : roster.ids[people[k]]
                    throw InputError(.usage, file: input.rosterFile, "\(flag) \(resolved) needs numbers, and \(who) has '\(value)'",
                                     hint: "use --same \(resolved) for a column of categories")
                }
                out.append(x)
            }
            return (resolved, out)
        }
        for name in same {
            let (resolved, values) = try column(name, flag: "--same")
            terms.append(QAPPredictor(name: "same:\(resolved)", matrix: .same(values.map { $0.trimmingSpaces })))
            context.kinds["same:\(resolved)"] = "same"
        }
        for name in diff {
            let (resolved, values) = try numeric(name, flag: "--diff")
            terms.append(QAPPredictor(name: "diff:\(resolved)", matrix: .absoluteDifference(values)))
            context.kinds["diff:\(resolved)"] = "diff"
        }
        for name in sender {
            let (resolved, values) = try numeric(name, flag: "--sender")
            terms.append(QAPPredictor(name: "sender:\(resolved)", matrix: .sender(values)))
            context.kinds["sender:\(resolved)"] = "sender"
        }
        for name in receiver {
            let (resolved, values) = try numeric(name, flag: "--receiver")
            terms.append(QAPPredictor(name: "receiver:\(resolved)", matrix: .receiver(values)))
            context.kinds["receiver:\(resolved)"] = "receiver"
        }
        var seen = Set<String>()
        for term in terms where !seen.insert(term.name).inserted {
            throw InputError(.usage, file: input.edges, "the term '\(term.name)' is given twice", hint: "give each term once")
        }
        return (QAPDesign(response: response, predictors: terms), context)
    }

    // MARK: output

    func render(_ r: QAPResult, context: Context) -> String {
        let modelLevel: [(String, Double?)] = [
            ("r_squared", r.rSquared), ("adj_r_squared", r.adjustedRSquared), ("residual_se", r.residualStandardError),
            ("deviance", r.deviance), ("null_deviance", r.nullDeviance), ("aic", r.aic),
        ]
        switch format {
        case .json:
            var fields: [(String, JSONValue)] = [
                ("model", .string(r.model.rawValue)),
                ("null", .string(r.null.rawValue)),
                ("response", .object([("relation", .string(context.relation)), ("wave", .string(context.wave)), ("valued", .bool(valued))])),
                ("selection", .array(input.selection.filters.map { .string("\($0.column)=\($0.values.joined(separator: ","))") })),
                ("terms", .array(r.terms.map { t in
                    .object([("name", .string(t.name)), ("estimate", .number(t.estimate)), ("standard_error", .number(t.standardError)),
                             ("statistic", .number(t.statistic)), ("p_two_sided", .number(t.pTwoSided)),
                             ("p_greater", .number(t.pGreater)), ("p_less", .number(t.pLess))])
                })),
            ]
            // Every key always present (null where the model does not define it), so scripts can rely on the schema.
            fields += modelLevel.map { ($0.0, .number($0.1)) }
            fields += [
                ("dyads", .int(r.dyads)), ("missing_dyads", .int(r.missingDyads)), ("people", .int(context.people)),
                ("non_respondents", .int(context.nonRespondents)), ("residual_df", .int(r.residualDF)),
                ("permutations", .int(r.permutations)), ("seed", r.seed.map { .string(String($0)) } ?? .null),
                ("statistic", .string(r.model == .linear ? "t-value" : "z-value")),
                ("conventions", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md#QAP")),
            ]
            return JSONValue.object(fields).rendered() + "\n"
        case .csv:
            let header = ["name", "estimate", "standard_error", "statistic", "p_two_sided", "p_greater", "p_less",
                          "model", "null", "dyads", "permutations", "seed"] + modelLevel.map(\.0)
            let rows = r.terms.map { t -> [String] in
                [t.name, csvNumber(t.estimate), csvNumber(t.standardError), csvNumber(t.statistic), csvNumber(t.pTwoSided),
                 csvNumber(t.pGreater), csvNumber(t.pLess), r.model.rawValue, r.null.rawValue, String(r.dyads),
                 String(r.permutations), r.seed.map { String($0) } ?? ""] + modelLevel.map { $0.1.map(csvNumber) ?? "" }
            }
            return CSVWriter.table(header: header, rows: rows)
        case .table:
            return table(r, context: context)
        }
    }

    func table(_ r: QAPResult, context: Context) -> String {
        let what = context.relation + (context.wave.map { " (\($0))" } ?? "")
        var out = "QAP regression of \(what), \(r.model == .linear ? "linear (sna netlm)" : "logistic (sna netlogit)") — \(input.edges)\n"
        out += "\(r.dyads) ordered pairs of \(context.people) people"
        if r.missingDyads > 0 { out += " (\(r.missingDyads) left out: \(context.nonRespondents) non-respondent\(context.nonRespondents == 1 ? "" : "s")' rows)" }
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
            out += "  " + reading(t, context: context) + "\n"
        }
        out += "--format json or csv gives every number in full. Conventions: staffgraph qap --help.\n"
        return out
    }

    /// One plain sentence per term.
    func reading(_ t: QAPTerm, context: Context) -> String {
        let p = t.pTwoSided
        let pText = p < 0.001 && r(p) ? "p < 0.001" : "p = \(String(fixed: p, decimals: 3))"
        let clear = p < 0.05
        let up = t.estimate > 0
        let rel = context.relation
        let more = up ? "more" : "less"
        let name = t.name
        let attribute = name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
        let claim: String
        switch context.kinds[name] {
        case "relation": claim = "when i names j in \(name), i is \(more) likely to name j in \(rel)"
        case "reverse": claim = "when j names i in \(attribute), i is \(more) likely to name j in \(rel)"
        case "same": claim = "i is \(more) likely to name j in \(rel) when both have the same \(attribute)"
        case "diff": claim = up ? "the further apart i and j are in \(attribute), the more likely i names j in \(rel)"
                                : "the closer i and j are in \(attribute), the more likely i names j in \(rel)"
        case "sender": claim = "people with higher \(attribute) name \(more) people in \(rel)"
        case "receiver": claim = "people with higher \(attribute) are named \(more) often in \(rel)"
        default: claim = "\(name) goes with \(more) \(rel)"
        }
        return clear ? "\(name): \(claim) (\(pText))." : "\(name): no clear association beyond chance (\(pText))."
    }

    private func r(_ p: Double) -> Bool { p.isFinite }
}

/// A number for CSV: the shortest text that reads back to the same Double; empty when undefined.
func csvNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }
