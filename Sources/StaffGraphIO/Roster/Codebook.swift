import StaffGraphCore

/// Readable labels for coded roster values: `office` 1, 2, 3 → Boston,
/// Hartford, Providence. Applied to a roster right after reading it
/// (``apply(to:)``), a codebook is the same as a roster that held the labels
/// all along: selections (`office=Boston`), groups, legends, tables, JSON and
/// exported files all see the labels, and the codes are gone.
///
/// **File:** CSV (comma, semicolon or tab; UTF-8) with a header naming the
/// columns `column`, `value` and `label` (any order, any case; other columns,
/// such as a `source` or `note`, are ignored), then one row per coded value:
///
/// ```
/// column,value,label
/// office,1,Boston
/// office,2,Hartford
/// status,1,partner
/// ```
///
/// - `column` names a roster attribute column (exactly, else ignoring case and
///   accents); `value` is a value as the roster holds it (surrounding spaces,
///   case and accents ignored, as `--where` matches values).
/// - An empty `label` makes that value missing (an empty cell): for codes that
///   mean "no answer", such as a survey's 0 or 99. Several values may share a
///   label (they become one group).
/// - Refused with a located error (`file:line:column`, exit 65): a header
///   without the three columns, a row without a column or value, a row with
///   more fields than the header (an unquoted separator in a label), and a
///   value labelled twice in one column.
///
/// **Applying it** (``apply(to:)``): every cell of a named column whose value
/// the codebook lists gets its label; other values stay as they are and are
/// reported. A column the roster does not have is reported as a note (one
/// codebook can describe several files, or every wave of a study), unless no
/// column of the codebook is on the roster at all: then the codebook is
/// refused (exit 64), since it cannot be the roster's. A value no one holds
/// is a note.
public struct Codebook: Sendable {
    /// One row: a value of a column and its label.
    public struct Entry: Sendable, Equatable {
        /// The roster column, as the codebook spells it.
        public var column: String
        /// The value, as the codebook spells it (surrounding spaces removed).
        public var value: String
        /// The label (surrounding spaces removed; empty = the value becomes missing).
        public var label: String
        /// The row's line in the file.
        public var line: Int
    }

    /// The file, as named in messages.
    public let file: String
    /// The rows, in file order.
    public let entries: [Entry]

    /// Reads the codebook at `path`.
    /// - Throws: ``InputError`` at the file, line and column of the first problem.
    public static func read(_ path: String) throws(InputError) -> Codebook {
        var reader = try CSVReader(path: path)
        return try read(reader: &reader)
    }

    /// Reads codebook CSV text held in memory (`name` appears in messages).
    public static func read(bytes: [UInt8], name: String) throws(InputError) -> Codebook {
        var reader = try CSVReader(path: name, bytes: bytes)
        return try read(reader: &reader)
    }

    static func read(reader: inout CSVReader) throws(InputError) -> Codebook {
        let path = reader.path
        var header: (column: Int, value: Int, label: Int, count: Int)?
        var entries: [Entry] = []
        // (column key, value key) → first line.
        var seen: [String: [String: Int]] = [:]
        try reader.refuseOtherFormats(as: "a codebook CSV", hint: "a codebook is a CSV file with the header column,value,label")
        try reader.forEachRecord { (fields, csv) throws(InputError) in
            guard let columns = header else {
                let names = fields.map { csv.string($0).trimmingSpaces }
                try csv.refuseRepeatedColumns(names, fields, emptyNames: false)
                let lowered = names.map { $0.lowercased() }
                let wanted = ["column", "value", "label"]
                let missing = wanted.filter { !lowered.contains($0) }
                guard missing.isEmpty, let c = lowered.firstIndex(of: "column"), let v = lowered.firstIndex(of: "value"),
                      let l = lowered.firstIndex(of: "label") else {
                    throw InputError(file: path, line: 1, column: 1,
                                     "the codebook's header has no \(missing.map { "'\($0)'" }.joined(separator: " or ")) column (it has: \(describeNames(names)))",
                                     hint: "a codebook starts with the header column,value,label, then one row per coded value, e.g. office,1,Boston")
                }
                header = (c, v, l, names.count)
                return
            }
            if fields.allSatisfy(\.isEmpty) { return }
            let first = fields[0]
            let needed = max(columns.column, columns.value, columns.label) + 1
            if fields.count < needed {
                throw InputError(file: path, line: first.line, column: csv.endColumn(line: first.lineStart),
                                 "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); a codebook row needs a column, a value and a label",
                                 hint: "write column,value,label, e.g. office,1,Boston (an empty label makes the value missing: office,9,)")
            }
            if fields.count > columns.count {
                for extra in fields[columns.count...] where !extra.isEmpty {
                    throw InputError(file: path, line: extra.line, column: csv.column(of: extra),
                                     "this row has \(fields.count) fields; the header has \(columns.count)",
                                     hint: "quote labels that contain the separator, e.g. law_school,1,\"Harvard, Yale\"")
                }
            }
            let columnField = fields[columns.column], valueField = fields[columns.value], labelField = fields[columns.label]
            let column = csv.string(columnField).trimmingSpaces
            let value = csv.string(valueField).trimmingSpaces
            let label = csv.string(labelField).trimmingSpaces
            if column.isEmpty {
                throw InputError(file: path, line: columnField.line, column: csv.column(of: columnField),
                                 "this row names no column",
                                 hint: "give the roster column the value belongs to, e.g. office")
            }
            if value.isEmpty {
                throw InputError(file: path, line: valueField.line, column: csv.column(of: valueField),
                                 "this row gives no value for '\(column.clipped)'",
                                 hint: "give the coded value as the roster holds it, e.g. 1; empty cells stay empty (missing)")
            }
            let columnKey = rosterValueKey(column), valueKey = rosterValueKey(value)
            if let before = seen[columnKey]?[valueKey] {
                throw InputError(file: path, line: valueField.line, column: csv.column(of: valueField),
                                 "\(column.clipped) '\(value.clipped)' is labelled twice (first on line \(before))",
                                 hint: "keep one row per value of a column")
            }
            seen[columnKey, default: [:]][valueKey] = valueField.line
            entries.append(Entry(column: column, value: value, label: label, line: first.line))
        }
        guard header != nil else {
            throw InputError(file: path, line: 1, column: 1, "the codebook is empty",
                             hint: "a codebook starts with the header column,value,label, then one row per coded value, e.g. office,1,Boston")
        }
        return Codebook(file: path, entries: entries)
    }

    /// The codebook's columns, in order of first appearance.
    public var columns: [String] {
        var out: [String] = []
        var keys = Set<String>()
        for e in entries where keys.insert(rosterValueKey(e.column)).inserted { out.append(e.column) }
        return out
    }

    /// `roster` with every listed value of every named column replaced by its
    /// label, and a report of what changed and what did not match.
    /// - Throws: ``InputError`` (usage) when no column of the codebook is on the
    ///   roster (the codebook is not this roster's), naming the roster's columns.
    /// - Complexity: O(n · c) for n people and c columns named.
    public func apply(to roster: Roster) throws(InputError) -> (roster: Roster, report: CodebookReport) {
        var report = CodebookReport(file: file)
        var out = roster
        var matched: [(codebook: String, roster: String)] = []
        for name in columns {
            if let found = roster.attributeNames.first(where: { $0 == name }) ?? roster.attributeNames.first(where: { rosterValueKey($0) == rosterValueKey(name) }) {
                matched.append((name, found))
            } else {
                report.unknownColumns.append((name, closestMatch(to: name, among: roster.attributeNames)))
            }
        }
        if matched.isEmpty && !entries.isEmpty {
            throw InputError(.usage, file: file,
                             "none of the codebook's columns (\(describeNames(columns))) is a roster column, so it labels nothing",
                             hint: roster.attributeNames.isEmpty ? "the people have no attribute columns: give the roster with \(setting: .roster)"
                                 : "the roster's columns are: \(describeNames(roster.attributeNames)); give the codebook of this roster")
        }
        // Roster order of the columns relabelled.
        matched.sort { (roster.attributeNames.firstIndex(of: $0.roster) ?? 0) < (roster.attributeNames.firstIndex(of: $1.roster) ?? 0) }
        for (name, column) in matched {
            let key = rosterValueKey(name)
            let rows = entries.filter { rosterValueKey($0.column) == key }
            var labelOf: [String: Int] = [:]
            for (k, row) in rows.enumerated() { labelOf[rosterValueKey(row.value)] = k }
            guard var values = roster.attribute(column) else { continue }
            var used = [Bool](repeating: false, count: rows.count)
            var unlabelled: [String] = []
            var unlabelledKeys = Set<String>()
            var unlabelledCells = 0
            var changed = 0, emptied = 0
            for (person, value) in values.enumerated() where !value.trimmingSpaces.isEmpty {
                let valueKey = rosterValueKey(value)
                guard let k = labelOf[valueKey] else {
                    unlabelledCells += 1
                    if unlabelledKeys.insert(valueKey).inserted { unlabelled.append(value.trimmingSpaces) }
                    continue
                }
                used[k] = true
                if rows[k].label.isEmpty { emptied += 1 } else if rows[k].label != value { changed += 1 }
                values[person] = rows[k].label
            }
            out.setAttribute(column, values: values)
            report.columns.append(.init(column: column, labelled: changed, madeMissing: emptied,
                                        unlabelledCells: unlabelledCells, unlabelledValues: unlabelled.sorted(),
                                        unusedValues: rows.indices.filter { !used[$0] }.map { rows[$0].value }))
        }
        return (out, report)
    }
}

/// What applying a ``Codebook`` did: per column, how many cells got a label,
/// and what did not match. Its ``notes(showingValues:)`` are for standard error.
public struct CodebookReport: Sendable {
    /// One roster column the codebook labels.
    public struct Column: Sendable, Equatable {
        /// The column as the roster spells it.
        public var column: String
        /// Cells whose value became its label.
        public var labelled: Int
        /// Cells whose value became missing (an empty label).
        public var madeMissing: Int
        /// Cells with a value the codebook does not list (kept as they are).
        public var unlabelledCells: Int
        /// Those values, sorted.
        public var unlabelledValues: [String]
        /// Values the codebook lists for this column and no one holds, in codebook order.
        public var unusedValues: [String]
    }

    /// The codebook's file.
    public var file: String
    /// The columns labelled, in roster order.
    public var columns: [Column] = []
    /// Codebook columns the roster does not have, each with the closest roster column.
    public var unknownColumns: [(column: String, suggestion: String?)] = []

    /// Cells that got a label or became missing, over every column.
    public var changedCells: Int { columns.reduce(0) { $0 + $1.labelled + $1.madeMissing } }

    /// Notes for standard error: what was labelled, then what did not match.
    /// `showingValues` false leaves values out (only counts), for a run whose
    /// outputs must not repeat roster values (anonymization).
    public func notes(showingValues: Bool) -> [String] {
        var notes: [String] = []
        let parts = columns.map { c -> String in
            var text = "\(c.column) \(c.labelled)"
            if c.madeMissing > 0 { text += " (+ \(c.madeMissing) made missing)" }
            return text
        }
        notes.append("codebook \(file): \(changedCells) cell\(changedCells == 1 ? "" : "s") relabelled in \(columns.count) column\(columns.count == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")))
        for (column, suggestion) in unknownColumns {
            notes.append("codebook \(file): the roster has no column '\(column.clipped)'; its rows were not used" + (suggestion.map { " (did you mean '\($0.clipped)'?)" } ?? ""))
        }
        func list(_ values: [String]) -> String {
            values.prefix(8).map { "'\($0.clipped)'" }.joined(separator: ", ") + (values.count > 8 ? ", … (\(values.count))" : "")
        }
        for c in columns where c.unlabelledCells > 0 {
            let values = showingValues ? " (\(list(c.unlabelledValues)))" : ""
            notes.append("codebook \(file): \(c.column): \(c.unlabelledCells) cell\(c.unlabelledCells == 1 ? " holds a value" : "s hold values") the codebook does not list\(values), kept as \(c.unlabelledCells == 1 ? "it is" : "they are")")
        }
        for c in columns where !c.unusedValues.isEmpty {
            let values = showingValues ? " \(list(c.unusedValues))" : ""
            notes.append("codebook \(file): \(c.column): \(c.unusedValues.count) value\(c.unusedValues.count == 1 ? "" : "s")\(values) in the codebook \(c.unusedValues.count == 1 ? "is" : "are") on no one's row")
        }
        return notes
    }
}
