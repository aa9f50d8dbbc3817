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
        var session = try SurveyImportSession(reader: &reader, roster: roster, rosterFile: rosterFile, spec: spec, options: options)
        return try session.run()
    }
}

/// The state of one import.
struct SurveyImportSession {
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
}
