import StaffGraphCore

/// Writes a roster CSV that ``RosterReader`` reads back to the same roster:
/// `id`, the attribute columns in order, then `responded` and
/// `responded_<wave>` with `yes`, `no`, `absent` or empty. Quoting (and tabs for `.tsv`) as in
/// ``EdgeListWriter``.
public enum RosterWriter {
    /// The CSV text for `roster`.
    public static func render(_ roster: Roster, path: String) throws(InputError) -> String {
        let columns = NodeColumn.columns(of: roster)
        var seen: Set<String> = ["id"]
        for column in columns {
            let lowered = column.name.lowercased().trimmingSpaces
            if lowered.isEmpty || !seen.insert(lowered).inserted {
                throw InputError(.usage, file: path, lowered.isEmpty ? "a node attribute has no name, which a roster CSV cannot hold"
                                 : "two node attributes would both be named '\(column.name.clipped)' in the roster CSV (names are compared without case)",
                                 hint: "rename the attribute in the input, or write GraphML, GEXF or JSON")
            }
        }
        let sep = fieldSeparator(for: path)
        var out = (["id"] + columns.map(\.name)).map { CSVWriter.field($0) }.joined(separator: sep) + "\n"
        for v in 0 ..< roster.count {
            out += CSVWriter.field(roster.ids[v])
            for column in columns { out += sep + CSVWriter.field(column.values[v]) }
            out += "\n"
        }
        return out
    }
}
