import StaffGraphCore
import StaffGraphIO

/// What every fuzz target does with one input: read it, and when it reads, write it back in the
/// same format and read that again. A reader may refuse an input (an ``InputError``), never crash;
/// what a writer renders from a network that was read must read back.
public enum Fuzz {
    /// The input's bytes as an array.
    public static func bytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
        Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Reads `bytes` as `format`, and when that works renders the network as `format` and reads it back.
    /// Traps (so that libFuzzer records a crash) when the rendered text cannot be read back.
    public static func roundTrip(_ bytes: [UInt8], _ format: NetworkFormat) {
        guard let first = try? read(bytes, format, name: "input") else { return }
        let network: Network
        if format == .pajek || format == .dl, first.network.layers.count > 1 {
            // Pajek and DL hold one layer (several with *Arcs :2 or nm= are read; one is written).
            guard let layer = first.network.layers.first else { return }
            network = Network(roster: first.network.roster, layers: [layer])
        } else {
            network = first.network
        }
        guard let rendered = try? format.render(network, to: "output", options: FormatWriteOptions()) else { return }
        // A CSV edge list is written with its roster beside it.
        guard let text = rendered.files.first(where: { $0.path == "output" })?.text else { return }
        let rosterText = rendered.files.first(where: { $0.path != "output" })?.text
        do {
            let again: FormatImport
            if let rosterText {
                let roster = try RosterReader.read(bytes: Array(rosterText.utf8), name: "output_nodes")
                let imported = try EdgeListReader.read(bytes: Array(text.utf8), name: "output", roster: roster)
                again = FormatImport(network: imported.network, notes: [])
            } else {
                again = try read(Array(text.utf8), format, name: "output")
            }
            if again.network.roster.count != network.roster.count {
                fatalError("\(format.rawValue): \(network.roster.count) people written, \(again.network.roster.count) read back")
            }
            let written = network.layers.reduce(0) { $0 + $1.graph.edgeCount }
            let readBack = again.network.layers.reduce(0) { $0 + $1.graph.edgeCount }
            if written != readBack {
                fatalError("\(format.rawValue): \(written) ties written, \(readBack) read back\n--- written:\n\(text.prefix(2000))")
            }
        } catch {
            fatalError("\(format.rawValue): what was written does not read back: \(error)\n--- written:\n\(text.prefix(2000))")
        }
    }

    /// Reads `bytes` as `format` (a CSV edge list with no roster).
    public static func read(_ bytes: [UInt8], _ format: NetworkFormat, name: String) throws(InputError) -> FormatImport {
        switch format {
        case .graphml: return try GraphML.read(bytes: bytes, path: name)
        case .gexf: return try GEXF.read(bytes: bytes, path: name)
        case .json: return try NodeLinkJSON.read(bytes: bytes, path: name)
        case .pajek: return try Pajek.read(bytes: bytes, path: name)
        case .dl: return try UCINETDL.read(bytes: bytes, path: name)
        case .csv, .dot:
            let imported = try EdgeListReader.read(bytes: bytes, name: name)
            return FormatImport(network: imported.network, notes: [])
        }
    }
}

extension Fuzz {
    /// Writes `roster` as a roster CSV and reads it back; traps when that fails or loses people.
    public static func rosterRoundTrip(_ roster: Roster) {
        guard let text = try? RosterWriter.render(roster, path: "roster.csv") else { return }
        do {
            let again = try RosterReader.read(bytes: Array(text.utf8), name: "roster.csv")
            if again.ids != roster.ids {
                fatalError("roster: \(roster.count) ids written, \(again.count) read back, or in another order")
            }
        } catch {
            fatalError("roster: what was written does not read back: \(error)\n--- written:\n\(text.prefix(2000))")
        }
    }
}
