import StaffGraphCore

/// Writes the CSV edge list StaffGraph reads: `source,target,weight`, plus
/// `relation` when the network has named relations and `wave` when it has
/// waves. Rows go layer by layer (in the network's order), each by
/// (source, target); fields are quoted per RFC 4180 when they hold a comma, a
/// quote, a line break, or leading or trailing spaces (which the reader
/// would otherwise trim). Line ends are `\n`. A `.tsv` path gets tabs instead of commas.
public enum EdgeListWriter {
    /// The CSV text for `network`'s ties.
    public static func render(_ network: Network, path: String) throws(InputError) -> (text: String, notes: [String]) {
        let sep = fieldSeparator(for: path)
        let ids = network.roster.ids.map { CSVWriter.field($0) }
        let writesRelation = network.writesRelation, writesWave = network.writesWave
        var out = ["source", "target", "weight"].joined(separator: sep)
        if writesRelation { out += sep + "relation" }
        if writesWave { out += sep + "wave" }
        out += "\n"
        for layer in network.layers {
            if writesWave && layer.key.wave == nil && layer.graph.edgeCount > 0 {
                throw InputError(.usage, file: path, "some ties have a wave and some ('\(layer.key.description.clipped)') do not, which a CSV edge list cannot hold",
                                 hint: "narrow the network to one wave (\(setting: .wave)), or write GraphML, GEXF or JSON")
            }
            var suffix = ""
            if writesRelation { suffix += sep + CSVWriter.field(layer.key.relation) }
            if writesWave { suffix += sep + CSVWriter.field(layer.key.wave ?? "") }
            for tie in layer.graph.ties {
                out += ids[tie.source] + sep + ids[tie.target] + sep + formatWeight(tie.weight) + suffix + "\n"
            }
        }
        var notes: [String] = []
        let loops = network.layers.reduce(0) { $0 + $1.graph.selfLoopCount }
        if loops > 0 {
            notes.append(note("the edge list holds \(loops) tie\(loops == 1 ? "" : "s") from a person to themselves: read it back with \(setting: .keepSelfLoops) to keep \(loops == 1 ? "it" : "them")"))
        }
        return (out, notes)
    }
}

/// The field separator for a CSV file written to `path`: a tab for `.tsv`, else a comma.
func fieldSeparator(for path: String) -> String {
    path.lowercased().hasSuffix(".tsv") ? "\t" : ","
}
