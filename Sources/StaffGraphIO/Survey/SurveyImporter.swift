import StaffGraphCore

/// Options for ``SurveyImporter``.
public struct SurveyImportOptions: Sendable {
    /// The wave, replacing the spec's `wave`.
    public var wave: String?
    /// Fail (exit 65) instead of writing review items when a name or respondent
    /// cannot be resolved.
    public var strict = false

    /// Default options.
    public init(wave: String? = nil, strict: Bool = false) {
        self.wave = wave
        self.strict = strict
    }
}

/// One tie read from a survey: `source` named `target` (roster indices).
public struct SurveyTie: Sendable, Equatable {
    /// The respondent.
    public var source: Int
    /// The colleague they named.
    public var target: Int
    /// The strength (from the frequency label, or the default weight).
    public var weight: Double
    /// The relation's name.
    public var relation: String

    /// Creates a tie.
    public init(source: Int, target: Int, weight: Double, relation: String) {
        self.source = source
        self.target = target
        self.weight = weight
        self.relation = relation
    }
}

/// The result of importing a survey export: ties, the roster with who
/// responded, and the report of everything set aside.
public struct SurveyImport: Sendable {
    /// The roster as read, with the response column for the wave set
    /// (`responded_<wave>`, or `responded` without a wave).
    public var roster: Roster
    /// The ties, by relation (spec order), then source and target in roster order.
    public var ties: [SurveyTie]
    /// What was read, matched and set aside.
    public var report: SurveyImportReport
    /// Display names for review candidates, indexed like the roster.
    public var names: [String]

    /// `edges.csv`: `source,target,weight,relation,wave` (no `wave` column without a wave).
    public func edgesCSV() -> String {
        let wave = report.wave
        var out = wave == nil ? "source,target,weight,relation\n" : "source,target,weight,relation,wave\n"
        for tie in ties {
            out += CSVWriter.field(roster.ids[tie.source]) + "," + CSVWriter.field(roster.ids[tie.target]) + "," + formatWeight(tie.weight) + "," + CSVWriter.field(tie.relation)
            if let wave { out += "," + CSVWriter.field(wave) }
            out += "\n"
        }
        return out
    }

    /// `roster.csv`: the roster's id, attribute and response columns, one row per person in roster order.
    public func rosterCSV() -> String {
        var header = ["id"] + roster.attributeNames
        var columns: [[String]] = roster.attributeNames.map { roster.attribute($0) ?? [] }
        func status(_ s: ResponseStatus?) -> String {
            switch s {
            case .responded?: return "yes"
            case .nonrespondent?: return "no"
            case .absent?: return "absent"
            case nil: return ""
            }
        }
        if let plain = roster.responses(wave: nil) {
            header.append("responded")
            columns.append(plain.map(status))
        }
        for wave in roster.responseWaves {
            header.append("responded_\(wave)")
            columns.append((roster.responses(wave: wave) ?? []).map(status))
        }
        var out = header.map { CSVWriter.field($0) }.joined(separator: ",") + "\n"
        for i in roster.ids.indices {
            out += ([roster.ids[i]] + columns.map { i < $0.count ? $0[i] : "" }).map { CSVWriter.field($0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// `review.csv`: `row,column,text,problem,candidates,note`, one line per item set aside,
    /// in file order. Candidates are written `id name`, separated by ` | `.
    public func reviewCSV() -> String {
        var out = "row,column,text,problem,candidates,note\n"
        for item in report.review {
            let candidates = item.candidates.map { "\(roster.ids[$0]) \(names[$0])" }.joined(separator: " | ")
            out += [String(item.line), item.columnName, item.text, item.problem.rawValue, candidates, item.note].map { CSVWriter.field($0) }.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// Turns a survey export (Qualtrics, Google Forms, Microsoft Forms, as CSV)
/// into ties and response status, following a ``SurveySpec``.
///
/// - Name generator: each names column holds a colleague's name as typed; it is
///   matched with ``NameMatcher``; the frequency column beside it (if any) gives
///   the strength through the spec's labels, else the default weight.
/// - Roster matrix: each column stands for one colleague (the `*` of the
///   spec's pattern, matched with ``NameMatcher``, ids included); a non-blank
///   label in it is a tie of that strength.
///
/// Per row: a row with nothing in the respondent and answer columns is blank
/// and skipped; the respondent must be on the roster (else the row is set
/// aside for review); when someone submitted more than once the latest
/// submission is kept (by the timestamp column, else file order) and the
/// others counted; self-nominations are dropped and counted; a colleague named
/// twice for one relation keeps the strongest answer. People on the roster
/// without a submission are non-respondents: their out-ties are missing, not
/// zero (StaffGraphCore's Conventions article), and the roster written says so.
///
/// Errors (``InputError``, exit 65, nothing written): spec columns absent from
/// the export (located in the spec), frequency labels the spec does not define
/// (located in the export), and with ``SurveyImportOptions/strict`` any name or
/// respondent that could not be resolved.
public enum SurveyImporter {
    /// Imports the export at `path`.
    /// - Parameters:
    ///   - roster: the staff roster (read with ``RosterReader``).
    ///   - rosterFile: the roster's path, for messages.
    public static func run(responses path: String, roster: Roster, rosterFile: String, spec: SurveySpec, options: SurveyImportOptions = SurveyImportOptions()) throws(InputError) -> SurveyImport {
        var reader = try CSVReader(path: path)
        return try run(reader: &reader, roster: roster, rosterFile: rosterFile, spec: spec, options: options)
    }

    /// Imports an export held in memory (`name` appears in messages).
    public static func run(bytes: [UInt8], name: String, roster: Roster, rosterFile: String, spec: SurveySpec, options: SurveyImportOptions = SurveyImportOptions()) throws(InputError) -> SurveyImport {
        var reader = try CSVReader(path: name, bytes: bytes)
        return try run(reader: &reader, roster: roster, rosterFile: rosterFile, spec: spec, options: options)
    }

    /// Header names that hold submission times in common exports, tried when the spec names none.
    static let timestampAliases = ["timestamp", "recordeddate", "enddate", "completion time", "submitted at", "submission date"]

    static func run(reader: inout CSVReader, roster: Roster, rosterFile: String, spec: SurveySpec, options: SurveyImportOptions) throws(InputError) -> SurveyImport {
        var session = try Session(reader: &reader, roster: roster, rosterFile: rosterFile, spec: spec, options: options)
        return try session.run()
    }
}

/// The state of one import.
private struct Session {
    let path: String
    let csv: CSVReader
    let spec: SurveySpec
    let options: SurveyImportOptions
    var roster: Roster
    let matcher: NameMatcher
    /// Respondent ids by the roster column named in `respondent_roster_column` (lower-cased), when given.
    let respondentKeys: [String: [Int]]?
    let respondentKeyValues: [String]
    let headers: [[String]]
    let headerFields: [[CSVField]]
    let records: [[CSVField]]
    let blankLines: Int
    var report: SurveyImportReport

    init(reader: inout CSVReader, roster: Roster, rosterFile: String, spec: SurveySpec, options: SurveyImportOptions) throws(InputError) {
        path = reader.path
        self.spec = spec
        self.options = options
        self.roster = roster
        report = SurveyImportReport(shape: spec.shape, wave: options.wave ?? spec.wave)
        report.respondentRosterColumn = spec.respondentRosterColumn

        // Roster columns named by the spec.
        if roster.attribute(spec.rosterNameColumn) == nil {
            let listed = roster.attributeNames.joined(separator: ", ")
            if let at = spec.rosterNameColumnLocation {
                throw InputError(file: spec.file, line: at.line, column: at.column, "the roster \(rosterFile) has no column '\(spec.rosterNameColumn.clipped)'",
                                 hint: "its columns are: id\(listed.isEmpty ? "" : ", " + listed)")
            }
            throw InputError(file: rosterFile, line: 1, column: 1, "the roster has no 'name' column to match typed names against",
                             hint: "add a name column, or say which column holds names with roster_name_column in \(spec.file)")
        }
        var aliasColumn: String? = nil
        if roster.attribute(spec.rosterAliasesColumn) != nil {
            aliasColumn = spec.rosterAliasesColumn
        } else if let at = spec.rosterAliasesColumnLocation {
            throw InputError(file: spec.file, line: at.line, column: at.column, "the roster \(rosterFile) has no column '\(spec.rosterAliasesColumn.clipped)'",
                             hint: "its columns are: id, \(roster.attributeNames.joined(separator: ", "))")
        }
        matcher = NameMatcher(roster: roster, nameColumn: spec.rosterNameColumn, aliasColumn: aliasColumn)
        if let column = spec.respondentRosterColumn {
            let values: [String]
            if let attribute = roster.attribute(column) {
                values = attribute
            } else if column.lowercased() == "id" {
                values = roster.ids
            } else {
                let at = spec.respondentRosterColumnLocation ?? SpecLocation(line: 1, column: 1)
                throw InputError(file: spec.file, line: at.line, column: at.column, "the roster \(rosterFile) has no column '\(column.clipped)'",
                                 hint: "its columns are: id, \(roster.attributeNames.joined(separator: ", "))")
            }
            var keys: [String: [Int]] = [:]
            for (i, v) in values.enumerated() {
                let key = v.trimmingSpaces.lowercased()
                if !key.isEmpty { keys[key, default: []].append(i) }
            }
            respondentKeys = keys
            respondentKeyValues = values
        } else {
            respondentKeys = nil
            respondentKeyValues = []
        }

        // The export.
        try reader.refuseOtherFormats(as: "a survey export CSV", hint: "export the responses from the survey tool as CSV")
        var all: [[CSVField]] = []
        try reader.forEachRecord { (fields, _) throws(InputError) in all.append(fields) }
        blankLines = reader.blankLines
        csv = reader
        if all.count < spec.headerRows {
            let at = spec.headerRowsLocation
            throw InputError(file: at == nil ? path : spec.file, line: at?.line ?? 1, column: at?.column ?? 1,
                             all.isEmpty ? "the export \(path) is empty" : "the export \(path) has \(all.count) header line\(all.count == 1 ? "" : "s") at most; the spec says header_rows: \(spec.headerRows)",
                             hint: "export the responses as CSV with their header; header_rows is 1 for Google and Microsoft Forms, 3 for Qualtrics")
        }
        headerFields = Array(all[..<spec.headerRows])
        let reader = reader
        headers = headerFields.map { row in row.map { reader.string($0).trimmingSpaces } }
        records = Array(all[spec.headerRows...])
    }

    // MARK: Columns

    /// Header text normalised for comparison: lower-cased, runs of white space as one space.
    static func normalise(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    /// Columns matched by one entry (a name or a `*` pattern): (column index, captured text), in file
    /// order, from the first header row that has any; the header row used.
    func select(_ entry: String) -> (columns: [(index: Int, capture: String)], row: Int) {
        let star = entry.firstIndex(of: "*")
        for (r, row) in headers.enumerated() {
            var hits: [(index: Int, capture: String)] = []
            if let star {
                let prefix = Self.normalise(String(entry[..<star])), suffix = Self.normalise(String(entry[entry.index(after: star)...]))
                for (c, name) in row.enumerated() {
                    let n = Self.normalise(name)
                    guard n.count >= prefix.count + suffix.count, n.hasPrefix(prefix), n.hasSuffix(suffix) else { continue }
                    // The capture from the original text (accents and case kept), white space collapsed.
                    let capture = Self.capture(in: name, prefixCount: prefix.count, suffixCount: suffix.count)
                        ?? String(n.dropFirst(prefix.count).dropLast(suffix.count))
                    hits.append((c, capture.trimmingSpaces))
                }
            } else {
                let wanted = Self.normalise(entry)
                for (c, name) in row.enumerated() where Self.normalise(name) == wanted { hits.append((c, name)) }
            }
            if !hits.isEmpty { return (hits, r) }
        }
        return ([], -1)
    }

    /// The text between `prefixCount` and `suffixCount` characters of a header whose white space is already single spaces.
    static func capture(in name: String, prefixCount: Int, suffixCount: Int) -> String? {
        let collapsed = name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{00A0}" }).joined(separator: " ")
        guard collapsed.count >= prefixCount + suffixCount else { return nil }
        return String(collapsed.dropFirst(prefixCount).dropLast(suffixCount))
    }

    func missingColumn(_ entry: String, at: SpecLocation, what: String) -> InputError {
        var names: [String] = []
        var seen: Set<String> = []
        for row in headers { for name in row where !name.isEmpty && seen.insert(name).inserted { names.append(name) } }
        var hint = ""
        if !entry.contains("*"), let guess = closestMatch(to: entry, among: names) { hint = "did you mean '\(guess.clipped)'? " }
        let shown = names.prefix(12).map { "'\($0.clipped)'" }.joined(separator: ", ")
        hint += "\(path) has \(names.count) column\(names.count == 1 ? "" : "s"): \(shown)\(names.count > 12 ? ", …" : "")"
        if headers.count > 1 { hint += " (header rows 1–\(headers.count) searched)" }
        let message = entry.contains("*") ? "no column of \(path) matches '\(entry.clipped)' (\(what))" : "\(path) has no column '\(entry.clipped)' (\(what))"
        return InputError(file: spec.file, line: at.line, column: at.column, message, hint: hint)
    }

    /// One column named by the spec (respondent, timestamp): must exist and be unique.
    func single(_ entry: String, at: SpecLocation, what: String) throws(InputError) -> Int {
        let (hits, _) = select(entry)
        if hits.isEmpty { throw missingColumn(entry, at: at, what: what) }
        if hits.count > 1 {
            throw InputError(file: spec.file, line: at.line, column: at.column, "'\(entry.clipped)' (\(what)) fits \(hits.count) columns of \(path): \(hits.prefix(5).map { "column \($0.index + 1)" }.joined(separator: ", "))",
                             hint: "name the column exactly; if two columns have the same header, rename one in the export")
        }
        return hits[0].index
    }

    /// All columns of a reference, in the order of its entries.
    func columns(_ reference: SurveySpec.ColumnReference, what: String) throws(InputError) -> [(index: Int, capture: String, row: Int, at: SpecLocation)] {
        var out: [(index: Int, capture: String, row: Int, at: SpecLocation)] = []
        for (entry, at) in zip(reference.entries, reference.locations) {
            let (hits, row) = select(entry)
            if hits.isEmpty { throw missingColumn(entry, at: at, what: what) }
            for hit in hits { out.append((hit.index, hit.capture, row, at)) }
        }
        return out
    }

    // MARK: Cells

    func cell(_ fields: [CSVField], _ c: Int) -> String {
        c < fields.count ? csv.string(fields[c]).trimmingSpaces : ""
    }

    /// Line and character column of cell `c` (the row's end for a missing trailing cell).
    func location(_ fields: [CSVField], _ c: Int) -> (line: Int, column: Int) {
        if c < fields.count { return (fields[c].line, csv.column(of: fields[c])) }
        let last = fields[fields.count - 1]
        return (last.line, csv.endColumn(line: last.lineStart))
    }

    func columnName(_ c: Int) -> String {
        c < headers[0].count ? headers[0][c] : "column \(c + 1)"
    }

    func weight(_ fields: [CSVField], _ c: Int, scale: SurveySpec.FrequencyScale, relation: String) throws(InputError) -> Double? {
        let text = cell(fields, c)
        if text.isEmpty { return nil }
        if let value = scale.value(for: text) { return value }
        let (line, column) = location(fields, c)
        let labels = scale.labels.map { "\($0.label) (\(formatWeight($0.value)))" }.joined(separator: ", ")
        throw InputError(file: path, line: line, column: column, "'\(text.clipped)' is not a frequency label of the relation '\(relation.clipped)' (column '\(columnName(c).clipped)')",
                         hint: labels.isEmpty ? "list the labels and their strengths under frequencies: in \(spec.file), e.g. Daily: 4"
                             : "the labels in \(spec.file) are: \(labels); add this one under frequencies:")
    }

    // MARK: The import

    struct RelationPlan {
        var name: String
        var scale: SurveySpec.FrequencyScale
        /// Name generator: (names column, frequency column).
        var slots: [(names: Int, frequency: Int?)] = []
        /// Roster matrix: (column, colleague or nil when unresolved).
        var cells: [(column: Int, colleague: Int?)] = []
        var answerColumns: [Int] {
            slots.flatMap { [$0.names] + ($0.frequency.map { [$0] } ?? []) } + cells.map(\.column)
        }
    }

    struct Submission {
        var record: Int
        var person: Int
        var line: Int
        var time: String
    }

    mutating func plan() throws(InputError) -> (respondent: Int, timestamp: Int?, relations: [RelationPlan]) {
        let respondent = try single(spec.respondentColumn, at: spec.respondentColumnLocation, what: "respondent_column")
        var timestamp: Int? = nil
        if let name = spec.timestampColumn {
            timestamp = try single(name, at: spec.timestampColumnLocation ?? SpecLocation(line: 1, column: 1), what: "timestamp_column")
        } else {
            let lowered = headers[0].map(Self.normalise)
            timestamp = SurveyImporter.timestampAliases.lazy.compactMap { lowered.firstIndex(of: $0) }.first
        }
        var used: [Int: String] = [respondent: "respondent_column"]
        if let timestamp { used[timestamp] = "timestamp_column" }
        var plans: [RelationPlan] = []
        for relation in spec.relations {
            var plan = RelationPlan(name: relation.name, scale: spec.scale(for: relation))
            let names = try columns(relation.columns, what: "columns of '\(relation.name.clipped)'")
                .filter { $0.index != respondent && $0.index != timestamp }
            if names.isEmpty, let at = relation.columns.locations.first {
                throw InputError(file: spec.file, line: at.line, column: at.column, "the columns of '\(relation.name.clipped)' select only the respondent or timestamp column",
                                 hint: "name the answer columns")
            }
            var planColumns: [(Int, SpecLocation)] = names.map { ($0.index, $0.at) }
            switch spec.shape {
            case .nameGenerator:
                if let frequency = relation.frequency {
                    let freq = try columns(frequency, what: "frequency of '\(relation.name.clipped)'")
                    if freq.count != names.count, let at = frequency.locations.first {
                        throw InputError(file: spec.file, line: at.line, column: at.column,
                                         "'frequency' of '\(relation.name.clipped)' selects \(freq.count) column\(freq.count == 1 ? "" : "s") but 'columns' selects \(names.count)",
                                         hint: "give one frequency column per names column; the n-th frequency column belongs to the n-th names column")
                    }
                    plan.slots = zip(names, freq).map { ($0.index, $1.index) }
                    planColumns += freq.map { ($0.index, $0.at) }
                } else {
                    plan.slots = names.map { ($0.index, nil) }
                }
            case .rosterMatrix:
                var resolved = 0
                for column in names {
                    if column.capture.isEmpty { continue }
                    let (line, col) = (headerFields[column.row][column.index].line, csv.column(of: headerFields[column.row][column.index]))
                    switch matcher.match(column.capture) {
                    case let .matched(person, rule):
                        report.columnMatches.add(rule)
                        plan.cells.append((column.index, person))
                        resolved += 1
                    case let .ambiguous(candidates, rule):
                        report.columnMatches.ambiguous += 1
                        plan.cells.append((column.index, nil))
                        report.review.append(ReviewItem(line: line, column: col, columnName: columnName(column.index), text: column.capture, problem: .ambiguousColumn,
                                                        candidates: candidates, note: "the \(rule.rawValue) fits \(candidates.count) people; the column's answers are set aside"))
                    case let .unmatched(suggestions):
                        report.columnMatches.unmatched += 1
                        plan.cells.append((column.index, nil))
                        report.review.append(ReviewItem(line: line, column: col, columnName: columnName(column.index), text: column.capture, problem: .unmatchedColumn,
                                                        candidates: suggestions, note: Self.unmatchedNote(suggestions, matcher: matcher) + "; the column's answers are set aside"))
                    case .blank:
                        report.columnMatches.placeholders += 1
                    }
                }
                if resolved == 0, let first = names.first {
                    let examples = names.prefix(3).map { "'\($0.capture.clipped)'" }.joined(separator: ", ")
                    throw InputError(file: spec.file, line: first.at.line, column: first.at.column,
                                     "none of the \(names.count) columns of '\(relation.name.clipped)' names a colleague on the roster (the * stands for \(examples) …)",
                                     hint: "the * must stand for the colleague's name or id; in a Qualtrics export the names are in the second header row: set header_rows: 3 and write the question text, e.g. \"How often … - *\"")
                }
            }
            for (c, at) in planColumns {
                if let other = used[c] {
                    throw InputError(file: spec.file, line: at.line, column: at.column, "column '\(columnName(c).clipped)' is used twice (\(other) and '\(relation.name.clipped)')",
                                     hint: "each column of the export belongs to one question")
                }
                used[c] = "'\(relation.name.clipped)'"
            }
            plans.append(plan)
        }
        return (respondent, timestamp, plans)
    }

    static func unmatchedNote(_ suggestions: [Int], matcher: NameMatcher) -> String {
        suggestions.isEmpty ? "no one on the roster has this name or a close one" : "no one on the roster has this name; closest: \(suggestions.map { matcher.displayName($0) }.joined(separator: ", "))"
    }

    mutating func run() throws(InputError) -> SurveyImport {
        let (respondentColumn, timestampColumn, plans) = try plan()
        let answerColumns = plans.flatMap(\.answerColumns)
        report.rows = records.count + blankLines
        report.blankRows = blankLines

        // Pass 1: who answered; check every label.
        var submissions: [Submission] = []
        for (r, fields) in records.enumerated() {
            if let extra = fields.dropFirst(headers[0].count).first(where: { !$0.isEmpty }) {
                throw InputError(file: path, line: extra.line, column: csv.column(of: extra), "this row has \(fields.count) fields; the header has \(headers[0].count)",
                                 hint: "quote answers that contain the separator, e.g. \"Núñez, José\"")
            }
            let who = cell(fields, respondentColumn)
            if who.isEmpty && answerColumns.allSatisfy({ cell(fields, $0).isEmpty }) {
                report.blankRows += 1
                continue
            }
            for plan in plans {
                for slot in plan.slots { if let f = slot.frequency { _ = try weight(fields, f, scale: plan.scale, relation: plan.name) } }
                for c in plan.cells { _ = try weight(fields, c.column, scale: plan.scale, relation: plan.name) }
            }
            let (line, column) = location(fields, respondentColumn)
            if who.isEmpty {
                report.rowsWithoutRespondent += 1
                report.review.append(ReviewItem(line: line, column: column, columnName: columnName(respondentColumn), text: "", problem: .missingRespondent,
                                                note: "the row has answers but no respondent; its answers are set aside"))
                continue
            }
            guard let person = identify(who, line: line, column: column, respondentColumn: respondentColumn) else { continue }
            submissions.append(Submission(record: r, person: person, line: line, time: timestampColumn.map { cell(fields, $0) } ?? ""))
        }

        // Keep the latest submission per person.
        let keys = order(submissions, timestampColumn: timestampColumn)
        var latest: [Int: Int] = [:] // person -> submission index
        for (s, submission) in submissions.enumerated() {
            if let k = latest[submission.person], keys[k] > keys[s] { continue }
            latest[submission.person] = s
        }
        var kept: [Submission] = []
        for (s, submission) in submissions.enumerated() {
            guard let k = latest[submission.person] else { continue }
            if k == s { kept.append(submission); continue }
            report.duplicatesDropped += 1
            let fields = records[submission.record]
            let (line, column) = location(fields, respondentColumn)
            let when: String
            switch report.order {
            case .timestamps: when = "submitted later"
            case .fileOrder: when = "later in the file"
            }
            report.review.append(ReviewItem(line: line, column: column, columnName: columnName(respondentColumn), text: cell(fields, respondentColumn), problem: .duplicateSubmission,
                                            candidates: [submission.person], note: "dropped: the same person's submission on line \(submissions[k].line) is kept (\(when))"))
        }

        // Pass 2: the answers of the kept submissions.
        let before = roster.responses(wave: report.wave) ?? Array(repeating: nil, count: roster.count)
        var strongest: [TieKey: Double] = [:]
        for submission in kept {
            let fields = records[submission.record]
            for (p, plan) in plans.enumerated() {
                for slot in plan.slots {
                    let text = cell(fields, slot.names)
                    var strength: Double? = nil
                    if let f = slot.frequency { strength = try weight(fields, f, scale: plan.scale, relation: plan.name) }
                    if text.isEmpty {
                        if strength != nil { report.frequenciesWithoutName += 1 }
                        continue
                    }
                    let (line, column) = location(fields, slot.names)
                    let header = columnName(slot.names)
                    let item = { (problem: ReviewItem.Problem, candidates: [Int], note: String) in
                        ReviewItem(line: line, column: column, columnName: header, text: text, problem: problem, candidates: candidates, note: note)
                    }
                    switch matcher.match(text) {
                    case .blank:
                        report.nameMatches.placeholders += 1
                    case let .ambiguous(candidates, rule):
                        report.nameMatches.ambiguous += 1
                        report.review.append(item(.ambiguousName, candidates, "the \(rule.rawValue) fits \(candidates.count) people"))
                    case let .unmatched(suggestions):
                        report.nameMatches.unmatched += 1
                        report.review.append(item(.unmatchedName, suggestions, Self.unmatchedNote(suggestions, matcher: matcher)))
                    case let .matched(target, rule):
                        report.nameMatches.add(rule)
                        if target == submission.person {
                            report.selfNominations += 1
                            report.review.append(item(.selfNomination, [target], "dropped: the respondent named themselves"))
                            continue
                        }
                        var w = spec.defaultWeight
                        if let strength { w = strength } else if slot.frequency != nil { report.namesWithoutFrequency += 1 }
                        if w == 0 { report.zeroStrengthAnswers += 1; continue }
                        add(TieKey(relation: p, source: submission.person, target: target), w, to: &strongest)
                    }
                }
                for c in plan.cells {
                    guard let strength = try weight(fields, c.column, scale: plan.scale, relation: plan.name) else { continue }
                    guard let target = c.colleague else { report.answersInUnresolvedColumns += 1; continue }
                    if strength == 0 { report.zeroStrengthAnswers += 1; continue }
                    if target == submission.person {
                        report.selfNominations += 1
                        let (line, column) = location(fields, c.column)
                        report.review.append(ReviewItem(line: line, column: column, columnName: columnName(c.column), text: cell(fields, c.column), problem: .selfNomination,
                                                        candidates: [target], note: "dropped: the respondent rated themselves"))
                        continue
                    }
                    add(TieKey(relation: p, source: submission.person, target: target), strength, to: &strongest)
                }
            }
        }

        // Response status for the wave.
        var submitted = Array(repeating: false, count: roster.count)
        for s in kept { submitted[s.person] = true }
        var values: [ResponseStatus?] = []
        values.reserveCapacity(roster.count)
        for i in 0 ..< roster.count {
            if submitted[i] {
                report.respondents += 1
                if before[i] == .absent { report.absentButSubmitted += 1 }
                values.append(.responded)
            } else if before[i] == .absent {
                report.absent += 1
                values.append(.absent)
            } else {
                report.nonrespondents += 1
                values.append(.nonrespondent)
            }
        }
        roster.setResponses(wave: report.wave, values: values)

        // Ties in order.
        let tieKeys = strongest.keys.sorted { ($0.relation, $0.source, $0.target) < ($1.relation, $1.source, $1.target) }
        var ties: [SurveyTie] = []
        ties.reserveCapacity(tieKeys.count)
        var perRelation = Array(repeating: 0, count: plans.count)
        for key in tieKeys {
            ties.append(SurveyTie(source: key.source, target: key.target, weight: strongest[key] ?? 0, relation: plans[key.relation].name))
            perRelation[key.relation] += 1
            if values[key.target] == .absent { report.tiesToAbsent += 1 }
        }
        report.ties = zip(plans, perRelation).map { RelationCount(relation: $0.name, ties: $1) }
        report.review.sort { ($0.line, $0.column) < ($1.line, $1.column) }

        if options.strict {
            let unresolved = report.unresolved
            if let first = unresolved.first {
                let details = unresolved.prefix(20).map { item -> String in
                    let candidates = item.candidates.isEmpty ? "" : " (\(item.problem == .ambiguousName || item.problem == .ambiguousRespondent || item.problem == .ambiguousColumn ? "could be" : "closest"): \(item.candidates.map { matcher.displayName($0) }.joined(separator: ", ")))"
                    return "\(path):\(item.line):\(item.column): \(item.problem.rawValue) '\(item.text.clipped)'\(candidates)"
                } + (unresolved.count > 20 ? ["… and \(unresolved.count - 20) more"] : [])
                throw InputError(file: path, line: first.line, column: first.column,
                                 "\(unresolved.count) name\(unresolved.count == 1 ? "" : "s") could not be matched to the roster (\(setting: .strict))",
                                 hint: "add the spellings to the roster's aliases column (separated by ; or |), correct the export, or import without \(setting: .strict) to write them to review.csv",
                                 details: details)
            }
        }
        let names = roster.ids.indices.map { matcher.displayName($0) }
        return SurveyImport(roster: roster, ties: ties, report: report, names: names)
    }

    struct TieKey: Hashable {
        var relation: Int
        var source: Int
        var target: Int
    }

    mutating func add(_ key: TieKey, _ weight: Double, to ties: inout [TieKey: Double]) {
        if let old = ties[key] {
            report.repeatedNamesMerged += 1
            ties[key] = max(old, weight)
        } else {
            ties[key] = weight
        }
    }

    /// The roster index of a respondent, or `nil` (with a review item) when they cannot be identified.
    mutating func identify(_ who: String, line: Int, column: Int, respondentColumn: Int) -> Int? {
        let name = columnName(respondentColumn)
        if let keys = respondentKeys {
            let hits = keys[who.lowercased(), default: []]
            if hits.count == 1 { report.respondentMatches.add(.exact); return hits[0] }
            if hits.count > 1 {
                report.respondentMatches.ambiguous += 1
                report.ambiguousRespondents += 1
                report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .ambiguousRespondent, candidates: hits,
                                                note: "\(hits.count) people have this \(spec.respondentRosterColumn ?? "value") on the roster; the row's answers are set aside"))
                return nil
            }
            report.respondentMatches.unmatched += 1
            report.unknownRespondents += 1
            // Suggest only values within two edits: addresses share their domain, so looser matches mean nothing.
            let typed = Array(who.lowercased().unicodeScalars)
            var guess: [Int] = []
            for (i, value) in respondentKeyValues.enumerated() where guess.count < 3 {
                let v = value.trimmingSpaces.lowercased()
                if !v.isEmpty && editDistance(typed, Array(v.unicodeScalars), limit: 2) <= 2 { guess.append(i) }
            }
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .unknownRespondent, candidates: guess,
                                            note: "no one on the roster has this \(spec.respondentRosterColumn ?? "value"); the row's answers are set aside"))
            return nil
        }
        switch matcher.match(who) {
        case let .matched(person, rule):
            report.respondentMatches.add(rule)
            return person
        case let .ambiguous(candidates, rule):
            report.respondentMatches.ambiguous += 1
            report.ambiguousRespondents += 1
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .ambiguousRespondent, candidates: candidates,
                                            note: "the \(rule.rawValue) fits \(candidates.count) people; the row's answers are set aside"))
        case let .unmatched(suggestions):
            report.respondentMatches.unmatched += 1
            report.unknownRespondents += 1
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .unknownRespondent, candidates: suggestions,
                                            note: Self.unmatchedNote(suggestions, matcher: matcher) + "; the row's answers are set aside"))
        case .blank:
            report.respondentMatches.placeholders += 1
            report.rowsWithoutRespondent += 1
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .missingRespondent,
                                            note: "the row has answers but no respondent; its answers are set aside"))
        }
        return nil
    }

    /// Sort keys for submissions (higher = later): times when every submission has a readable one, else file order.
    mutating func order(_ submissions: [Submission], timestampColumn: Int?) -> [Int64] {
        let fileOrder = submissions.indices.map { Int64($0) }
        guard let timestampColumn else {
            report.order = .fileOrder(reason: nil)
            return fileOrder
        }
        let column = columnName(timestampColumn)
        var slash: SurveyTimestamp.SlashOrder = spec.dateOrder == .dayFirst ? .dayFirst : .monthFirst
        if spec.dateOrder == nil {
            var firstOver12 = false, secondOver12 = false
            for s in submissions {
                if let (a, b) = SurveyTimestamp.slashParts(s.time) {
                    if a > 12 { firstOver12 = true }
                    if b > 12 { secondOver12 = true }
                }
            }
            if firstOver12 && secondOver12 {
                report.order = .fileOrder(reason: "the dates in '\(column.clipped)' mix day-first and month-first forms")
                return fileOrder
            }
            if firstOver12 { slash = .dayFirst }
        }
        var times: [Int64] = []
        times.reserveCapacity(submissions.count)
        for s in submissions {
            guard let t = SurveyTimestamp.parse(s.time, slashOrder: slash) else {
                report.order = .fileOrder(reason: s.time.isEmpty ? "line \(s.line) has no time in '\(column.clipped)'" : "'\(s.time.clipped)' on line \(s.line) is not a date and time StaffGraph reads")
                return fileOrder
            }
            times.append(t)
        }
        report.order = .timestamps(column: column)
        // Time first, file order to break ties: fits in 64 bits for any real date.
        return zip(times, fileOrder).map { $0 &* 1_000_000 &+ $1 }
    }
}

// MARK: CSV output

