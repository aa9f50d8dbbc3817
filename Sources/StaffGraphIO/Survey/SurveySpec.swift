import Yams

/// A place in a file: 1-based line and column (YAML columns count Unicode scalars).
public struct SpecLocation: Sendable, Equatable {
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// How to read one survey export: which column says who answered, which
/// columns hold each relation's answers, what the frequency labels mean and
/// which wave it is. Read from a YAML file with ``read(_:)``; every value
/// keeps its place in that file so that errors can point at it.
///
/// Keys (see `Samples/survey/name_generator.yaml` and `roster_matrix.yaml`):
///
/// | key | meaning |
/// |---|---|
/// | `shape` | `name_generator` (columns hold typed names) or `roster_matrix` (one column per colleague holding a frequency label); required |
/// | `header_rows` | header lines before the answers (default 1; Qualtrics exports have 3) |
/// | `respondent_column` | the column saying who answered; required |
/// | `respondent_roster_column` | compare the respondent column with this roster column (`email`, `id` …) instead of matching it as a name |
/// | `timestamp_column` | submission time, to keep the latest of duplicate submissions (default: `Timestamp`, `RecordedDate`, `EndDate`, `Completion time` if present, else file order) |
/// | `date_order` | `month_first` or `day_first` for dates like 03/04/2024 (default: detected, else month first) |
/// | `wave` | the wave these answers belong to (``SurveyImportOptions/wave`` overrides it) |
/// | `roster_name_column`, `roster_aliases_column` | roster columns with names (default `name`) and aliases (default `aliases`, if present) |
/// | `frequencies` | frequency label → tie strength, e.g. `Daily: 4`; 0 means no tie |
/// | `default_weight` | strength of a typed name with no frequency (default 1) |
/// | `relations` | a list; each has `name`, `columns` and, for a name generator, optionally `frequency` and its own `frequencies` |
public struct SurveySpec: Sendable {
    /// The two layouts of survey exports.
    public enum Shape: String, Sendable, CaseIterable {
        /// One row per respondent; columns hold colleagues' names as typed, optionally with a frequency column beside each.
        case nameGenerator = "name_generator"
        /// One row per respondent; one column per colleague per question holding a frequency label (or blank).
        case rosterMatrix = "roster_matrix"
    }

    /// How to read dates written with slashes, such as 03/04/2024.
    public enum DateOrder: String, Sendable, CaseIterable {
        /// 03/04/2024 is March 4 (Google Forms and Microsoft Forms in the US).
        case monthFirst = "month_first"
        /// 03/04/2024 is 3 April.
        case dayFirst = "day_first"
    }

    /// Survey columns named in the spec: column names, or patterns with one `*`
    /// standing for any text (`"Q5_*"`, `"Advice [*]"`).
    public struct ColumnReference: Sendable, Equatable {
        /// The names or patterns, as written.
        public var entries: [String]
        /// Where each entry is in the spec.
        public var locations: [SpecLocation]

        /// Creates a reference.
        public init(entries: [String], locations: [SpecLocation]) {
            self.entries = entries
            self.locations = locations
        }
    }

    /// One frequency label and the tie strength it stands for.
    public struct FrequencyLabel: Sendable, Equatable {
        /// The label as written in the spec ("Less than monthly").
        public var label: String
        /// The strength (higher = stronger); 0 means no tie.
        public var value: Double
        /// Where the label is in the spec.
        public var location: SpecLocation

        /// Creates a label.
        public init(label: String, value: Double, location: SpecLocation) {
            self.label = label
            self.value = value
            self.location = location
        }
    }

    /// Labels → strengths. Survey cells match a label when they are equal after
    /// folding case, spaces and punctuation ("less than  monthly" = "Less than monthly").
    public struct FrequencyScale: Sendable, Equatable {
        /// The labels in the order written.
        public var labels: [FrequencyLabel]

        /// Creates a scale.
        public init(labels: [FrequencyLabel]) { self.labels = labels }

        /// The strength for a cell's text: a label, or a number equal to one of the
        /// labels' values (exports that recode labels to numbers), or any
        /// non-negative number when the scale is empty. `nil` when unknown.
        public func value(for text: String) -> Double? {
            let key = NameMatcher.fold(text).joined(separator: " ")
            if let hit = labels.first(where: { NameMatcher.fold($0.label).joined(separator: " ") == key }) { return hit.value }
            if let number = Double(text.trimmingSpaces), number.isFinite, number >= 0 {
                if labels.isEmpty || labels.contains(where: { $0.value == number }) { return number }
            }
            return nil
        }
    }

    /// One relation asked in the survey.
    public struct Relation: Sendable, Equatable {
        /// Its name in the output (`advice`, `collaboration` …).
        public var name: String
        /// Where the relation's entry starts in the spec.
        public var location: SpecLocation
        /// Name generator: the columns holding typed names. Roster matrix:
        /// the colleague columns, each pattern's `*` standing for the colleague's name or id.
        public var columns: ColumnReference
        /// Name generator only: the frequency column beside each names column (the n-th
        /// frequency column belongs to the n-th names column).
        public var frequency: ColumnReference?
        /// Labels for this relation, replacing the spec's `frequencies`.
        public var frequencies: FrequencyScale?

        /// Creates a relation.
        public init(name: String, location: SpecLocation, columns: ColumnReference, frequency: ColumnReference? = nil, frequencies: FrequencyScale? = nil) {
            self.name = name
            self.location = location
            self.columns = columns
            self.frequency = frequency
            self.frequencies = frequencies
        }
    }

    /// The spec file, as the user named it (for messages).
    public var file: String
    /// The layout of the export.
    public var shape: Shape
    /// Header lines before the answers.
    public var headerRows = 1
    /// Where `header_rows` is in the spec, if given.
    public var headerRowsLocation: SpecLocation?
    /// The column saying who answered.
    public var respondentColumn: String
    /// Where `respondent_column` is in the spec.
    public var respondentColumnLocation: SpecLocation
    /// A roster column to compare the respondent column with (exactly, ignoring case), instead of matching names.
    public var respondentRosterColumn: String?
    /// Where `respondent_roster_column` is in the spec.
    public var respondentRosterColumnLocation: SpecLocation?
    /// The submission-time column, if named.
    public var timestampColumn: String?
    /// Where `timestamp_column` is in the spec.
    public var timestampColumnLocation: SpecLocation?
    /// How to read slashed dates; `nil` = detect.
    public var dateOrder: DateOrder?
    /// The wave, if named.
    public var wave: String?
    /// The roster column with people's names.
    public var rosterNameColumn = "name"
    /// Where `roster_name_column` is in the spec, if given.
    public var rosterNameColumnLocation: SpecLocation?
    /// The roster column with aliases (used only if the roster has it, unless named explicitly).
    public var rosterAliasesColumn = "aliases"
    /// Where `roster_aliases_column` is in the spec, if given (then the roster must have it).
    public var rosterAliasesColumnLocation: SpecLocation?
    /// Frequency labels shared by the relations.
    public var frequencies = FrequencyScale(labels: [])
    /// Strength of a typed name without a frequency.
    public var defaultWeight = 1.0
    /// The relations, in the order written.
    public var relations: [Relation]

    /// Creates a spec in code (tests, other front ends).
    public init(file: String = "spec", shape: Shape, respondentColumn: String, relations: [Relation]) {
        self.file = file
        self.shape = shape
        self.respondentColumn = respondentColumn
        self.respondentColumnLocation = SpecLocation(line: 1, column: 1)
        self.relations = relations
    }

    /// The frequency scale for `relation`: its own, else the spec's.
    public func scale(for relation: Relation) -> FrequencyScale { relation.frequencies ?? frequencies }

    // MARK: Reading

    /// Reads a spec file.
    /// - Throws: ``InputError``: `.missingFile` (exit 66) if it cannot be read; `.badData`
    ///   (exit 65) located at the YAML node for malformed YAML, unknown keys, wrong types
    ///   or missing required keys.
    public static func read(_ path: String) throws(InputError) -> SurveySpec {
        try read(bytes: readFileBytes(path), name: path)
    }

    /// Reads spec bytes held in memory (`name` appears in messages), as ``read(_:)`` reads a file.
    public static func read(bytes: [UInt8], name: String) throws(InputError) -> SurveySpec {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let bad = CSVReader.firstInvalidUTF8(bytes, from: start) {
            let (line, column) = CSVReader.location(of: bad, in: bytes, from: start)
            throw InputError(file: name, line: line, column: column, "the spec is not valid UTF-8\(bytes[bad] == 0 ? " (a NUL byte: UTF-16?)" : "")",
                             hint: "save it as UTF-8 text")
        }
        return try parse(yaml: String(decoding: bytes[start...], as: UTF8.self), file: name)
    }

    /// Parses spec text (`file` names it in messages).
    ///
    /// Before YAML is parsed, the text is checked not to nest too deeply
    /// (``checkYAMLNesting(_:file:)``): the YAML library builds its tree
    /// recursively, so deeper text would exhaust the stack. A spec nests four levels.
    public static func parse(yaml: String, file: String) throws(InputError) -> SurveySpec {
        try checkYAMLNesting(Array(yaml.utf8), file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, file: file, yaml: yaml)
        } catch {
            throw InputError(file: file, "the spec could not be read as YAML: \(String(describing: error).clipped)", hint: "check the file is a YAML mapping of keys to values")
        }
        guard let root else {
            throw InputError(file: file, line: 1, column: 1, "the spec is empty",
                             hint: "start from Samples/survey/name_generator.yaml or roster_matrix.yaml")
        }
        return try SpecWalker(file: file).spec(root)
    }

    /// The most `[` and `{` a spec may hold (each may open a flow collection): 256.
    static let flowOpeners = 256

    /// The deepest block nesting a spec's indentation may allow: 200 (a spec nests
    /// four levels; at 20 spaces a level it would still pass).
    static let blockDepth = 200

    /// Refuses YAML text that could nest deeper than the YAML library's
    /// recursive tree building allows, by bounds that never underestimate,
    /// whatever the quotes, comments and flow collections in the text:
    /// - every `[` and `{` counts as opening a level, at most ``flowOpeners``;
    /// - a block collection is indented more than its parent (a sequence may
    ///   share its mapping's indentation), so a line indented by `c` spaces is at
    ///   most `2 × (c + 1)` block levels deep, plus one for each compact `- `,
    ///   `? ` or `: ` that starts it, plus one: at most ``blockDepth``;
    /// - every `*` followed by a letter, digit, `_` or `-` (libyaml's anchor
    ///   names) counts as an alias, at most ``ReadLimits/yamlAliases``, since an
    ///   alias repeats a whole subtree.
    /// - Throws: ``InputError`` at the line and column where a bound is passed.
    static func checkYAMLNesting(_ text: [UInt8], file: String) throws(InputError) {
        var openers = 0, aliases = 0
        var line = 1
        var i = 0
        let n = text.count
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        func fail(_ lineStart: Int, _ offset: Int, _ message: String, hint: String) -> InputError {
            InputError(file: file, line: line, column: CSVReader.characterColumn(text, lineStart: lineStart, offset: offset), message, hint: hint)
        }
        while i < n {
            let lineStart = i
            var end = i
            while end < n && text[end] != 10 && text[end] != 13 { end += 1 }
            // Block structure: indentation, then compact indicators.
            var k = lineStart
            while k < end && text[k] == 32 { k += 1 }
            var depth = 2 * (k - lineStart + 1) + 1
            while k < end, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "?") || text[k] == UInt8(ascii: ":"),
                  k + 1 == end || text[k + 1] == 32 || text[k + 1] == 9 {
                depth += 1
                k += 1
                while k < end && (text[k] == 32 || text[k] == 9) { k += 1 }
            }
            if depth > blockDepth && k < end && text[k] != UInt8(ascii: "#") {
                throw fail(lineStart, k, "the spec nests too deeply here (indented or nested beyond \(blockDepth) levels)",
                           hint: "a survey spec nests four levels: relations, a relation, its columns or frequencies; check the indentation")
            }
            // Flow collections and aliases, anywhere on the line.
            for j in lineStart ..< end {
                let b = text[j]
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                    openers += 1
                    if openers > flowOpeners {
                        throw fail(lineStart, j, "the spec holds more than \(flowOpeners) '[' and '{'",
                                   hint: "a survey spec needs a few brackets at most; write lists one '- item' per line")
                    }
                } else if b == UInt8(ascii: "*"), j + 1 < end, isNameByte(text[j + 1]) {
                    aliases += 1
                    if aliases > ReadLimits.yamlAliases {
                        throw fail(lineStart, j, "the spec uses more than \(ReadLimits.yamlAliases) aliases ('*name')",
                                   hint: "write the values out instead of repeating them through anchors and aliases")
                    }
                }
            }
            // The line end: CR LF, LF or CR.
            i = end
            if i < n && text[i] == 13 { i += 1 }
            if i < n && text[i] == 10 && (i == end || text[end] == 13) { i += 1 }
            line += 1
        }
    }

    static func yamlError(_ error: YamlError, file: String, yaml: String) -> InputError {
        let hint = "check the indentation (spaces, not tabs) and put text containing ': ', ' #', a leading '*' or quotes in double quotes"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return InputError(file: file, line: mark.line, column: mark.column, "the spec is not valid YAML: \(problem.clipped)\(while_)", hint: hint)
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for ch in yaml.prefix(offset) {
                    if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return InputError(file: file, line: offset == nil ? nil : line, column: offset == nil ? nil : column, "the spec is not valid YAML: \(problem.clipped)", hint: hint)
        default:
            return InputError(file: file, "the spec is not valid YAML: \(String(describing: error).clipped)", hint: hint)
        }
    }
}

/// Walks the YAML nodes of a spec, checking keys and types and keeping marks.
private struct SpecWalker {
    let file: String

    static let topKeys = ["shape", "header_rows", "respondent_column", "respondent_roster_column", "timestamp_column", "date_order",
                          "wave", "roster_name_column", "roster_aliases_column", "frequencies", "default_weight", "relations"]
    static let relationKeys = ["name", "columns", "frequency", "frequencies"]

    func location(_ node: Node) -> SpecLocation {
        node.mark.map { SpecLocation(line: $0.line, column: $0.column) } ?? SpecLocation(line: 1, column: 1)
    }

    func error(_ node: Node, _ message: String, hint: String? = nil) -> InputError {
        let at = location(node)
        return InputError(file: file, line: at.line, column: at.column, message, hint: hint)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar: return "a single value"
        case .mapping: return "a mapping of keys to values"
        case .sequence: return "a list"
        }
    }

    /// The entries of a mapping, keys as text, duplicates and unknown keys rejected.
    func entries(_ node: Node, what: String, allowed: [String]?) throws(InputError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case let .mapping(mapping) = node else {
            throw error(node, "\(what) should be a mapping of keys to values, not \(describe(node))",
                        hint: allowed.map { "use keys such as \($0.prefix(4).joined(separator: ", "))" } ?? "write one 'label: value' per line")
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        var seen: [String: SpecLocation] = [:]
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                throw error(keyNode, "keys in \(what) must be plain text, not \(describe(keyNode))")
            }
            let key = scalar.string
            if let allowed, !allowed.contains(key) {
                let guess = closestMatch(to: key, among: allowed)
                throw error(keyNode, "unknown key '\(key.clipped)' in \(what)",
                            hint: (guess.map { "did you mean '\($0)'? " } ?? "") + "the keys are: \(allowed.joined(separator: ", "))")
            }
            let folded = allowed == nil ? NameMatcher.folded(key) : key
            if let before = seen[folded] {
                throw error(keyNode, "'\(key.clipped)' appears twice in \(what) (first at line \(before.line))", hint: "keep one of them")
            }
            seen[folded] = location(keyNode)
            result.append((key, keyNode, value))
        }
        return result
    }

    func isNull(_ node: Node) -> Bool {
        if case let .scalar(s) = node, s.style == .plain || s.style == .any, ["", "~", "null", "Null", "NULL"].contains(s.string) { return true }
        return false
    }

    func text(_ node: Node, key: String) throws(InputError) -> String {
        guard case let .scalar(scalar) = node else {
            throw error(node, "'\(key.clipped)' should be a single value, not \(describe(node))", hint: "write it on the same line: \(key.clipped): value")
        }
        let value = scalar.string.trimmingSpaces
        if value.isEmpty || isNull(node) {
            throw error(node, "'\(key.clipped)' is empty", hint: "give it a value, or remove the line to use the default")
        }
        return value
    }

    func number(_ node: Node, key: String) throws(InputError) -> Double {
        let raw = try text(node, key: key)
        guard let value = Double(raw), value.isFinite else {
            throw error(node, "'\(key.clipped)' should be a number, not '\(raw.clipped)'", hint: "write a number such as 1, 2 or 2.5")
        }
        if value < 0 {
            throw error(node, "'\(key.clipped)' is negative (\(raw.clipped))", hint: "strengths are 0 (no tie) or more; higher means a stronger tie")
        }
        return value
    }

    func columns(_ node: Node, key: String) throws(InputError) -> SurveySpec.ColumnReference {
        var entries: [String] = [], locations: [SpecLocation] = []
        switch node {
        case .scalar:
            entries = [try text(node, key: key)]
            locations = [location(node)]
        case let .sequence(sequence):
            for item in sequence {
                entries.append(try text(item, key: key))
                locations.append(location(item))
            }
            if entries.isEmpty { throw error(node, "'\(key.clipped)' is an empty list", hint: "name at least one column") }
        case .mapping:
            throw error(node, "'\(key.clipped)' should be a column name, a pattern such as \"Q5_*\", or a list of column names, not a mapping")
        }
        for (entry, at) in zip(entries, locations) where entry.filter({ $0 == "*" }).count > 1 {
            throw InputError(file: file, line: at.line, column: at.column, "'\(entry.clipped)' has more than one *",
                             hint: "a pattern has one * standing for the part that changes, e.g. \"Q5_*\"")
        }
        return SurveySpec.ColumnReference(entries: entries, locations: locations)
    }

    func scale(_ node: Node) throws(InputError) -> SurveySpec.FrequencyScale {
        var labels: [SurveySpec.FrequencyLabel] = []
        let pairs = try entries(node, what: "frequencies", allowed: nil)
        if pairs.isEmpty { throw error(node, "'frequencies' is empty", hint: "list one 'label: strength' per line, e.g. Daily: 4") }
        for pair in pairs {
            let label = pair.key.trimmingSpaces
            if NameMatcher.fold(label).isEmpty {
                throw error(pair.keyNode, "the frequency label '\(pair.key.clipped)' has no letters or digits", hint: "write the label exactly as the survey shows it")
            }
            labels.append(SurveySpec.FrequencyLabel(label: label, value: try number(pair.value, key: label), location: location(pair.keyNode)))
        }
        return SurveySpec.FrequencyScale(labels: labels)
    }

    func spec(_ root: Node) throws(InputError) -> SurveySpec {
        let pairs = try entries(root, what: "the spec", allowed: Self.topKeys)
        func node(_ key: String) -> Node? {
            guard let value = pairs.first(where: { $0.key == key })?.value, !isNull(value) else { return nil }
            return value
        }
        guard let shapeNode = node("shape") else {
            throw error(root, "the spec has no 'shape'", hint: "add shape: name_generator (typed names) or shape: roster_matrix (one column per colleague)")
        }
        let shapeText = try text(shapeNode, key: "shape")
        guard let shape = SurveySpec.Shape(rawValue: shapeText) else {
            throw error(shapeNode, "unknown shape '\(shapeText.clipped)'", hint: "use name_generator (columns hold typed names) or roster_matrix (one column per colleague)")
        }
        guard let respondentNode = node("respondent_column") else {
            throw error(root, "the spec has no 'respondent_column'", hint: "name the column that says who answered, e.g. respondent_column: \"Your name\"")
        }
        guard let relationsNode = node("relations") else {
            throw error(root, "the spec has no 'relations'", hint: "list the questions: relations: [{name: advice, columns: \"Q5_*\"}]")
        }
        var spec = SurveySpec(file: file, shape: shape, respondentColumn: try text(respondentNode, key: "respondent_column"), relations: [])
        spec.respondentColumnLocation = location(respondentNode)
        if let n = node("header_rows") {
            let raw = try text(n, key: "header_rows")
            guard let rows = Int(raw), rows >= 1, rows <= 100 else {
                throw error(n, "'header_rows' should be a whole number of at least 1, not '\(raw.clipped)'", hint: "1 for most exports; 3 for Qualtrics exports with question text and import ids")
            }
            spec.headerRows = rows
            spec.headerRowsLocation = location(n)
        }
        if let n = node("respondent_roster_column") {
            spec.respondentRosterColumn = try text(n, key: "respondent_roster_column")
            spec.respondentRosterColumnLocation = location(n)
        }
        if let n = node("timestamp_column") {
            spec.timestampColumn = try text(n, key: "timestamp_column")
            spec.timestampColumnLocation = location(n)
        }
        if let n = node("date_order") {
            let raw = try text(n, key: "date_order")
            guard let order = SurveySpec.DateOrder(rawValue: raw) else {
                throw error(n, "unknown date_order '\(raw.clipped)'", hint: "use month_first (9/23/2024) or day_first (23/9/2024)")
            }
            spec.dateOrder = order
        }
        if let n = node("wave") { spec.wave = try text(n, key: "wave") }
        if let n = node("roster_name_column") {
            spec.rosterNameColumn = try text(n, key: "roster_name_column")
            spec.rosterNameColumnLocation = location(n)
        }
        if let n = node("roster_aliases_column") {
            spec.rosterAliasesColumn = try text(n, key: "roster_aliases_column")
            spec.rosterAliasesColumnLocation = location(n)
        }
        if let n = node("frequencies") { spec.frequencies = try scale(n) }
        if let n = node("default_weight") {
            spec.defaultWeight = try number(n, key: "default_weight")
            if spec.defaultWeight == 0 { throw error(n, "'default_weight' is 0", hint: "a named colleague is a tie; give a strength above 0, such as 1") }
        }

        guard case let .sequence(list) = relationsNode else {
            throw error(relationsNode, "'relations' should be a list (one '- name: …' entry per question), not \(describe(relationsNode))",
                        hint: "write each relation on its own line starting with '- ', indented under relations:")
        }
        if list.isEmpty { throw error(relationsNode, "'relations' is an empty list", hint: "add one entry per question, e.g. - name: advice") }
        var relationLines: [String: Int] = [:]
        for item in list {
            let fields = try entries(item, what: "a relation", allowed: Self.relationKeys)
            func field(_ key: String) -> Node? {
                guard let value = fields.first(where: { $0.key == key })?.value, !isNull(value) else { return nil }
                return value
            }
            guard let nameNode = field("name") else {
                throw error(item, "this relation has no 'name'", hint: "name it as the output should: name: advice")
            }
            let name = try text(nameNode, key: "name")
            if let before = relationLines[name] {
                throw error(nameNode, "the relation '\(name.clipped)' appears twice (first at line \(before))", hint: "give each relation its own name")
            }
            relationLines[name] = location(item).line
            if name.contains(",") || name.contains("\"") || name.contains("\n") {
                throw error(nameNode, "the relation name '\(name.clipped)' contains a comma or quote", hint: "use a short word such as advice or collaboration")
            }
            guard let columnsNode = field("columns") else {
                throw error(item, "the relation '\(name.clipped)' has no 'columns'",
                            hint: shape == .nameGenerator ? "name the columns holding typed names, e.g. columns: \"Q5_*\"" : "name the colleague columns with a * for the colleague, e.g. columns: \"Q3 - *\"")
            }
            var relation = SurveySpec.Relation(name: name, location: location(item), columns: try columns(columnsNode, key: "columns"))
            if let n = field("frequency") {
                if shape == .rosterMatrix {
                    throw error(n, "'frequency' is for name generators", hint: "in a roster matrix each colleague's cell holds the frequency label itself; remove this line")
                }
                relation.frequency = try columns(n, key: "frequency")
            }
            if let n = field("frequencies") { relation.frequencies = try scale(n) }
            if shape == .rosterMatrix {
                for (entry, at) in zip(relation.columns.entries, relation.columns.locations) where !entry.contains("*") {
                    throw InputError(file: file, line: at.line, column: at.column, "'\(entry.clipped)' has no * for the colleague",
                                     hint: "in a roster matrix, write the colleague columns as a pattern with * where the colleague's name or id is, e.g. \"How often … - *\"")
                }
            }
            spec.relations.append(relation)
        }
        return spec
    }
}
