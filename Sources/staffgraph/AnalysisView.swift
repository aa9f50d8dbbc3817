import StaffGraphCore
import StaffGraphIO

/// The graph a command analyses for one layer, with the same rules as
/// ``NetworkSummary``: people marked absent in the layer's wave (and without
/// ties) are left out, and non-respondents' rows are missing (`observedRows`).
struct AnalysisView {
    /// The graph over the people present.
    let graph: Graph
    /// Roster index of each node of `graph`.
    let people: [Int]
    /// `false` for people whose answers are missing; `nil` without response data.
    let observedRows: [Bool]?

    init(layer: Layer, roster: Roster) {
        self.init(graph: layer.graph, people: nil, responses: roster.responses(wave: layer.key.wave))
    }

    /// The view of `graph`, whose node `i` is roster person `people[i]`
    /// (`nil`: node `i` is person `i`), with the layer wave's response statuses
    /// indexed by node.
    init(graph full: Graph, people original: [Int]?, responses: [ResponseStatus?]?) {
        let presence = WavePresence(graph: full, responses: responses)
        let keep = presence.present
        let kept: [Int]
        if keep.allSatisfy({ $0 }) {
            graph = full
            kept = Array(0 ..< full.nodeCount)
        } else {
            (graph, kept) = full.subgraph(keeping: keep)
        }
        people = original.map { o in kept.map { o[$0] } } ?? kept
        observedRows = responses == nil ? nil : kept.map { presence.observedRows[$0] }
    }

    /// Values of a roster column for the people in the view.
    func column<T>(_ values: [T]) -> [T] { people.map { values[$0] } }
}

/// "Carmen Ortiz (p38)" when the roster has a name column, else the id.
func displayName(_ roster: Roster, _ index: Int) -> String {
    let id = roster.ids[index]
    if let names = roster.attribute("name"), !names[index].isEmpty, names[index] != id { return "\(names[index]) (\(id))" }
    return id
}

/// Left- or right-aligned text in a column of `width` characters.
func padded(_ s: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return right ? fill + s : s + fill
}

/// Rows of cells as aligned text columns (numbers right-aligned when `rightAligned[c]`).
func alignedTable(header: [String], rows: [[String]], rightAligned: [Bool], indent: String = "  ") -> String {
    var widths = header.map(\.count)
    for r in rows { for (c, cell) in r.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) } }
    func line(_ cells: [String]) -> String {
        var s = indent + cells.enumerated().map { padded($0.element, widths[$0.offset], right: rightAligned[$0.offset]) }.joined(separator: "  ")
        while s.hasSuffix(" ") { s.removeLast() }
        return s + "\n"
    }
    return line(header) + rows.map(line).joined()
}

/// A share as a percentage with one decimal, or "–".
func percent(_ x: Double?) -> String {
    guard let x else { return "–" }
    return String(fixed: x * 100, decimals: 1) + "%"
}

/// A number to four decimals (trailing zeros kept), or "–" when undefined.
func fixed4(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format4: x)
}

/// Exactly one layer, or a usage error naming the layers to choose from.
func singleLayer(_ input: InputOptions, _ network: Network, command: String) throws(InputError) -> Layer {
    let layers = try input.selectedLayers(of: network)
    if layers.count > 1 {
        let names = layers.map { "'\($0.key.description)'" }.joined(separator: "; ")
        throw InputError(.usage, file: input.edges, "\(command) analyses one relation in one wave, and the file has \(layers.count)",
                         hint: "choose one with --relation and --wave: \(names)")
    }
    return layers[0]
}
