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

        --per COLUMN fits one model per group (each school …) with the same --seed, so a group alone \
        (--where COLUMN=VALUE) gives the same numbers; predictor files are narrowed to the group's people \
        like the response. A group too small to fit (fewer than 3 people, too few pairs, a term or the \
        response without variation) gets a note and "skipped" in JSON instead of stopping the run. \
        JSON {"per", "groups": [{"group", …}]}, CSV with a first column group, -o DIR one file per group.

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

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output; with --per, a folder with one file per group and index.csv.", valueName: "file"))
    var output: String?

    func validate() throws {
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

    /// The roster columns the terms name (checked under `--anonymize`).
    var columns: [(flag: String, column: String?)] {
        same.map { ("--same", Optional($0)) } + diff.map { ("--diff", Optional($0)) }
            + sender.map { ("--sender", Optional($0)) } + receiver.map { ("--receiver", Optional($0)) }
    }

    /// The NAME of every NAME=FILE predictor (relations read from other files).
    var fileRelationNames: Set<String> {
        Set((predictors + reverses).compactMap { spec in spec.firstIndex(of: "=").map { String(spec[..<$0]) } })
    }

    func run() throws {
        try reportingInputErrors {
            // The fit names nobody, so under --anonymize the people keep their order (and the permutations their result).
            try input.runAnalysis(format: format.rawValue, output: output, columns: columns, pseudonymise: false,
                                  extending: { (imported: inout EdgeListImport) throws(InputError) in try addPredictorFiles(&imported) }) { network, threads throws(InputError) in
                try analyse(network, threads: threads)
            }
        }
    }

    /// The fit of one network (the whole selection, or one `--per` group). In a
    /// `--per` run a group whose model cannot be fitted (too few people or pairs,
    /// no variation) gets a note and an output saying why, instead of stopping the run.
    func analyse(_ network: Network, threads: Int) throws(InputError) -> CommandOutput {
        let (design, context) = try buildDesign(network)
        let result: QAPResult
        do {
            result = try QAPRegression.fit(design, model: model, null: nullHypothesis, permutations: permutations, seed: seed, threads: threads)
        } catch {
            guard input.selection.per != nil else {
                throw InputError(.usage, file: input.edges, error.description, hint: hint(for: error))
            }
            return skipped(error, context: context)
        }
        var notes = context.notes
        if result.converged == false { notes.append("the logistic fit did not converge in 25 iterations (a term may separate ties from non-ties perfectly); estimates are unreliable") }
        let report = QAPReport(result: result, relation: context.relation, wave: context.wave, valued: valued, people: context.people,
                               nonRespondents: context.nonRespondents, selection: selection, kinds: context.kinds)
        switch format {
        case .json:
            let document = report.json()
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            let table = report.csv()
            return CommandOutput(text: CSVWriter.table(header: table.header, rows: table.rows), csv: table, notes: notes)
        case .table:
            return CommandOutput(text: report.table(source: input.edges), notes: notes)
        }
    }

    /// `--where` as given, for the JSON output.
    var selection: [String] { input.selection.filters.map { "\($0.column)=\($0.values.joined(separator: ","))" } }

    /// A `--per` group without a fit: why, in every format (JSON `skipped`, CSV no rows).
    func skipped(_ error: QAPError, context: Context) -> CommandOutput {
        let reason = "\(error.description); \(hint(for: error))"
        let notes = ["no fit: \(reason)"]
        switch format {
        case .json:
            let document = JSONValue.object([("skipped", .string(error.description)), ("people", .int(context.people)),
                                             ("non_respondents", .int(context.nonRespondents))])
            return CommandOutput(text: document.rendered() + "\n", json: document, notes: notes)
        case .csv:
            return CommandOutput(text: CSVWriter.table(header: QAPReport.csvColumns, rows: []), csv: (QAPReport.csvColumns, []), notes: notes)
        case .table:
            return CommandOutput(text: "No QAP fit for this group (\(context.people) \(context.people == 1 ? "person" : "people") present): \(reason).\n", notes: notes)
        }
    }

    /// What the output says about the data beside the fit.
    struct Context {
        var relation: String
        var wave: String?
        var people: Int
        var nonRespondents: Int
        var kinds: [(name: String, kind: QAPTermKind)] = []
        var notes: [String] = []
    }

    func hint(for error: QAPError) -> String {
        switch error {
        case .singular:
            return input.selection.per != nil ? "in this group it does not vary; fit the group alone (--where) without that term"
                                              : "leave that term out (a column with one value for everybody, or the same information twice)"
        case .constantResponse: return "choose another --relation or --wave"
        case .tooFewDyads, .tooFewPeople: return input.selection.per != nil ? "a larger group is needed, or fewer terms" : "widen the selection (--where) or use fewer terms"
        default: return "check the roster and the edge lists"
        }
    }

    /// The response's relation and wave, in the network as read (before the predictor files join it).
    func responseKey(_ network: Network) throws(InputError) -> LayerKey {
        let names = fileRelationNames
        var own = network
        own.layers.removeAll { names.contains($0.key.relation) }
        return try singleLayer(input, own, command: "qap").key
    }

    /// Reads the predictor files (`--predictor NAME=FILE`, `--reverse NAME=FILE`) into
    /// `imported` as relations of the response's wave, before `--where` and `--per`
    /// narrow the people, so that predictors and response always cover the same people.
    func addPredictorFiles(_ imported: inout EdgeListImport) throws(InputError) {
        let key = try singleLayer(input, imported.network, command: "qap").key
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
    }

    /// Lays out the dyadic terms over the people of `network` (the predictor files' relations already in it).
    func buildDesign(_ network: Network) throws(InputError) -> (QAPDesign, Context) {
        let key = try responseKey(network)
        let anonymized = input.privacy.isOn
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
            context.kinds.append((name, .relation))
        }
        for spec in reverses {
            let (name, matrix) = try relationMatrix(spec, flag: "--reverse")
            terms.append(QAPPredictor(name: "reverse:\(name)", matrix: matrix.transposed()))
            context.kinds.append(("reverse:\(name)", .reverse))
        }
        if context.nonRespondents > 0 && !(predictors.isEmpty && reverses.isEmpty) {
            context.notes.append("\(context.nonRespondents) non-respondent\(context.nonRespondents == 1 ? "" : "s"): their rows of the response are left out; in predictor relations their unanswered rows count as no ties")
        }

        func column(_ name: String, flag: String) throws(InputError) -> (name: String, values: [String]) {
            if input.nodes == nil {
                throw InputError(.usage, file: input.edges, "\(flag) \(name) needs a roster column, and no roster was given", hint: "add --nodes ROSTER")
            }
            let (resolved, values) = try forOption(flag) { () throws(InputError) in try roster.column(named: name, file: input.rosterFile) }
            let mine = people.map { values[$0] }
            let missing = people.indices.filter { mine[$0].trimmingSpaces.isEmpty }
            if !missing.isEmpty {
                let ids = anonymized ? "ids withheld under --anonymize" : missing.prefix(5).map { roster.ids[people[$0]] }.joined(separator: ", ")
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
                    let who = anonymized ? "a person" : roster.ids[people[k]]
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
            context.kinds.append(("same:\(resolved)", .same))
        }
        for name in diff {
            let (resolved, values) = try numeric(name, flag: "--diff")
            terms.append(QAPPredictor(name: "diff:\(resolved)", matrix: .absoluteDifference(values)))
            context.kinds.append(("diff:\(resolved)", .diff))
        }
        for name in sender {
            let (resolved, values) = try numeric(name, flag: "--sender")
            terms.append(QAPPredictor(name: "sender:\(resolved)", matrix: .sender(values)))
            context.kinds.append(("sender:\(resolved)", .sender))
        }
        for name in receiver {
            let (resolved, values) = try numeric(name, flag: "--receiver")
            terms.append(QAPPredictor(name: "receiver:\(resolved)", matrix: .receiver(values)))
            context.kinds.append(("receiver:\(resolved)", .receiver))
        }
        var seen = Set<String>()
        for term in terms where !seen.insert(term.name).inserted {
            throw InputError(.usage, file: input.edges, "the term '\(term.name)' is given twice", hint: "give each term once")
        }
        return (QAPDesign(response: response, predictors: terms), context)
    }
}
