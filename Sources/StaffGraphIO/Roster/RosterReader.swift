import StaffGraphCore

/// Reads a roster CSV: one row per person.
///
/// Columns: `id` (required; `node`, `person_id` or `node_id` also accepted),
/// any attribute columns (kept as text), and optionally `responded`, which
/// applies to every wave, or `responded_<wave>` per wave. Response values:
/// `yes`/`y`/`true`/`1`/`responded`/`observed`; `no`/`n`/`false`/`0`/
/// `nonrespondent`; `absent` (not on staff that wave); empty = unknown.
///
/// Refused with a located error: a header naming a column twice or leaving
/// one unnamed, a repeated or empty id, an unknown response value, and a
/// file that is another network format (GraphML, GEXF, JSON, Pajek, DL).
public enum RosterReader {
    static let idAliases = ["id", "node", "person_id", "node_id"]

    /// Reads `path`.
    /// - Parameter delimiter: separator, or `nil` to detect it.
    /// - Throws: ``InputError`` naming the file, line and column of the first problem.
    public static func read(_ path: String, idColumn: String? = nil, delimiter: UInt8? = nil) throws(InputError) -> Roster {
        var reader = try CSVReader(path: path, delimiter: delimiter)
        return try read(reader: &reader, idColumn: idColumn)
    }

    /// Reads roster CSV text held in memory (`name` appears in messages).
    public static func read(bytes: [UInt8], name: String, idColumn: String? = nil) throws(InputError) -> Roster {
        var reader = try CSVReader(path: name, bytes: bytes)
        return try read(reader: &reader, idColumn: idColumn)
    }

    /// Parses a response cell; `nil` for an empty cell; throws for text it does not know.
    static func responseStatus(_ text: String) -> ResponseStatus?? {
        switch text.lowercased() {
        case "": return .some(nil)
        case "yes", "y", "true", "t", "1", "responded", "observed", "respondent": return .responded
        case "no", "n", "false", "f", "0", "nonrespondent", "non-respondent", "non_respondent", "missing": return .nonrespondent
        case "absent", "left", "not on staff": return .absent
        default: return nil
        }
    }

    static func read(reader: inout CSVReader, idColumn: String?) throws(InputError) -> Roster {
        let path = reader.path
        var header: [String]? = nil
        var idIndex = 0
        var attributeColumns: [Int] = []
        var responseColumns: [(column: Int, wave: String?)] = []
        var ids: [String] = []
        var firstLine: [String: Int] = [:]
        var attributes: [[String]] = []
        var responses: [[ResponseStatus?]] = []

        try reader.refuseOtherFormats(as: "a roster CSV",
                                      hint: "\(setting: .convertToEdgeList) turns it into an edge list, with the roster (its people and attributes) beside it")
        try reader.forEachRecord { (fields, csv) throws(InputError) in
            guard let columns = header else {
                let names = fields.map { csv.string($0).trimmingSpaces }
                let lowered = names.map { $0.lowercased() }
                if let idColumn {
                    guard let i = lowered.firstIndex(of: idColumn.lowercased()) else {
                        throw InputError(.usage, file: path, line: 1, column: 1, "there is no column named '\(idColumn.clipped)' (given with \(setting: .idColumn))",
                                         hint: "the header has: \(describeNames(names))")
                    }
                    idIndex = i
                } else if let i = idAliases.lazy.compactMap({ lowered.firstIndex(of: $0) }).first {
                    idIndex = i
                } else {
                    throw InputError(file: path, line: 1, column: 1, "no 'id' column in the roster header (\(describeNames(names)))",
                                     hint: "the roster needs a column named 'id' holding the ids the edge list uses")
                }
                try csv.refuseRepeatedColumns(names, fields, emptyNames: true)
                for (c, name) in lowered.enumerated() {
                    if c == idIndex { continue }
                    if name == "responded" {
                        responseColumns.append((c, nil))
                    } else if name.hasPrefix("responded_"), name.count > "responded_".count {
                        responseColumns.append((c, String(names[c].dropFirst("responded_".count))))
                    } else {
                        attributeColumns.append(c)
                    }
                }
                attributes = Array(repeating: [], count: attributeColumns.count)
                responses = Array(repeating: [], count: responseColumns.count)
                header = names
                return
            }
            let first = fields[0]
            if fields.count < columns.count {
                if fields.count == 1 && first.isEmpty { return }
                throw InputError(file: path, line: first.line, column: csv.endColumn(line: first.lineStart),
                                 "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(columns.count) (\(describeNames(columns)))",
                                 hint: "every row needs a value (possibly empty) for every column")
            }
            if fields.count > columns.count {
                for extra in fields[columns.count...] where !extra.isEmpty {
                    throw InputError(file: path, line: extra.line, column: csv.column(of: extra),
                                     "this row has \(fields.count) fields; the header has \(columns.count)",
                                     hint: "quote fields that contain the separator, e.g. \"Smith, Ana\"")
                }
            }
            if fields.allSatisfy(\.isEmpty) { return }
            let idField = fields[idIndex]
            let id = csv.string(idField)
            if id.isEmpty {
                throw InputError(file: path, line: idField.line, column: csv.column(of: idField), "empty id",
                                 hint: "every person on the roster needs an id")
            }
            if let before = firstLine[id] {
                throw InputError(file: path, line: idField.line, column: csv.column(of: idField), "id '\(id.clipped)' appears twice (first on line \(before))",
                                 hint: "ids must be unique; merge the two rows or give one person another id")
            }
            firstLine[id] = idField.line
            ids.append(id)
            for (a, c) in attributeColumns.enumerated() { attributes[a].append(csv.string(fields[c])) }
            for (r, column) in responseColumns.enumerated() {
                let f = fields[column.column]
                let text = csv.string(f)
                guard let status = responseStatus(text) else {
                    throw InputError(file: path, line: f.line, column: csv.column(of: f), "'\(text.clipped)' is not a response status (column '\(columns[column.column].clipped)')",
                                     hint: "use yes or no (also true/false, 1/0), absent for someone not on staff that wave, or leave it empty when unknown")
                }
                responses[r].append(status)
            }
        }
        guard let columns = header else {
            throw InputError(file: path, line: 1, column: 1, "the roster is empty",
                             hint: "a roster starts with a header line such as id,name,role,team")
        }
        var roster = Roster(ids: ids)
        if roster.count != ids.count {
            throw InputError(file: path, "two ids are the same text in different Unicode forms (composed and decomposed accents)",
                             hint: "save the file with one normalization (NFC)")
        }
        for (a, c) in attributeColumns.enumerated() { roster.setAttribute(columns[c], values: attributes[a]) }
        for (r, column) in responseColumns.enumerated() { roster.setResponses(wave: column.wave, values: responses[r]) }
        return roster
    }
}
