import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a network between CSV, GraphML, GEXF, Pajek, UCINET DL, JSON node-link and DOT.",
        discussion: """
        Formats, picked by extension (or --from/--to):
          .csv .tsv  CSV edge list + roster CSV beside it (read, write)
          .graphml   GraphML: typed node and edge attributes; --size-by/--color-by add Gephi's size, r, g, b (read, write)
          .gexf      GEXF 1.3 (Gephi); --size-by/--color-by add viz (read, write)
          .json      networkx node_link_data, edges under "edges" ("links" read too)
          .net .paj  Pajek: ids, ties, weights of one layer (read, write)
          .dl        UCINET DL: ids, ties, weights of one layer (read, write)
          .dot .gv   Graphviz DOT (write)

        Relations and waves: GraphML, GEXF, JSON and DOT write every layer, each tie \
        carrying edge attributes "relation" and "wave"; CSV writes relation and wave \
        columns. Pajek and DL hold one layer: pick it with --relation and --wave. \
        With a file that has none, --relation and --wave name its ties.

        --color-by gives each value the colour draw, compare and report give it: one \
        assignment from the whole roster's values (the same under --where and in every \
        --per file); beyond ten values the nine largest are coloured and the rest grey.

        People: the roster's columns (and responded_<wave> columns) are node attributes. \
        A CSV output writes OUT (ties) and a roster beside it, <stem>_nodes.csv (or \
        --nodes-out PATH). With --nodes and a non-CSV input, the roster's columns are \
        added to the file's. Whatever a format cannot hold is reported on standard error.

        --anonymize: node ids become Person 01 … (a random order keyed by --anonymize-seed, \
        never the roster's), people are written in pseudonym order, and roster columns that \
        identify people (name, email, aliases … or values unique to each person) are left out.

        Files are written whole or not at all, never over an input. Exit codes: 64 bad \
        options (or OUT, --nodes-out is an input), 65 bad data (with file:line:column), \
        66 missing or unwritable file, 74 output could not be written (disk full).

        Example: staffgraph convert Samples/school/edges.csv school.graphml --nodes Samples/school/roster.csv
        """
    )

    @Argument(help: ArgumentHelp("The network to read (.csv, .graphml, .gexf, .json, .net, .dl).", valueName: "in"))
    var input: String

    @Argument(help: ArgumentHelp("The file to write (.csv, .graphml, .gexf, .json, .net, .dl, .dot).", valueName: "out"))
    var output: String

    @Option(name: [.customLong("nodes"), .customLong("roster")], help: ArgumentHelp("Roster CSV: an id column, attribute columns, optional responded or responded_<wave>.", valueName: "roster"))
    var nodes: String?

    @Option(help: ArgumentHelp("Only this relation. For a file without relations, the name to give its ties.", valueName: "name"))
    var relation: String?

    @Option(help: ArgumentHelp("Only this wave. For a file without waves, the wave its ties belong to.", valueName: "name"))
    var wave: String?

    @Option(help: ArgumentHelp("Input format when the extension does not say: csv, graphml, gexf, json, pajek, dl.", valueName: "format"))
    var from: String?

    @Option(help: ArgumentHelp("Output format when the extension does not say: csv, graphml, gexf, json, pajek, dl, dot.", valueName: "format"))
    var to: String?

    @Option(help: ArgumentHelp("For a CSV output: where the roster goes (default <stem>_nodes.csv beside OUT).", valueName: "path"))
    var nodesOut: String?

    @Option(help: ArgumentHelp("UCINET DL layout: edgelist1 (one line per tie) or fullmatrix.", valueName: "layout"))
    var dlFormat: UCINETDL.Layout = .edgelist1

    @Option(help: ArgumentHelp("GEXF/GraphML/DOT node size: in-degree, out-degree, degree or a numeric column.", valueName: "measure"))
    var sizeBy: String?

    @Option(help: ArgumentHelp("GEXF/GraphML/DOT node colour: a column (team, role …), in the colours draw and compare give it.", valueName: "column"))
    var colorBy: String?

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @OptionGroup var reading: EdgeReadingOptions

    @OptionGroup(title: "Privacy") var privacy: PrivacyOptions

    /// The input and output formats, from --from/--to or the extensions.
    func formats() throws -> (input: NetworkFormat, output: NetworkFormat) {
        func pick(_ name: String?, path: String, option: String, role: String) throws -> NetworkFormat {
            if let name {
                guard let format = NetworkFormat(name: name) else {
                    throw ValidationError("\(option) '\(name)' is not a format; use csv, graphml, gexf, json, pajek, dl or dot")
                }
                return format
            }
            guard let format = NetworkFormat(path: path) else {
                throw ValidationError("cannot tell the \(role) format of '\(path)' from its extension; use one of \(NetworkFormat.knownExtensions), or pass \(option)")
            }
            return format
        }
        let input = try pick(from, path: self.input, option: "--from", role: "input")
        // With --per, -o is a folder: the format is --to's, or the input's.
        let outputPath = selection.per != nil && to == nil ? "group." + (NetworkFormat(path: self.input)?.extensions.first ?? "csv") : self.output
        let output = try pick(to, path: outputPath, option: "--to", role: "output")
        return (input, output)
    }

    func validate() throws {
        let (inputFormat, outputFormat) = try formats()
        if !inputFormat.isReadable {
            throw ValidationError("StaffGraph writes \(inputFormat.displayName) but does not read it; convert from the file it was made from")
        }
        if input == output {
            throw ValidationError("the output would overwrite the input '\(input)'")
        }
        if selection.per != nil && nodesOut != nil {
            throw ValidationError("with --per, -o is a folder: each group's roster is written beside its edge list; leave out --nodes-out")
        }
        if (selection.per != nil || !selection.filters.isEmpty) && nodes == nil {
            throw ValidationError("--where and --per select people by a roster column: add --nodes ROSTER")
        }
        if nodesOut != nil && outputFormat != .csv {
            throw ValidationError("--nodes-out is for a CSV output (the roster beside the edge list)")
        }
        if (sizeBy != nil || colorBy != nil) && outputFormat != .gexf && outputFormat != .dot && outputFormat != .graphml {
            throw ValidationError("--size-by and --color-by are written only to GEXF, GraphML and DOT")
        }
        if let nodes, nodes == output || nodesOut == nodes {
            throw ValidationError("the output would overwrite the roster '\(nodes)'")
        }
        let csvOnly = reading.csvOnlyOptions
        if inputFormat != .csv && !csvOnly.isEmpty {
            throw ValidationError("\(csvOnly.joined(separator: ", ")) \(csvOnly.count == 1 ? "applies" : "apply") to a CSV edge list; \(input) is \(inputFormat.displayName)")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let (inputFormat, outputFormat) = try formats()
            var readOptions = FormatReadOptions()
            readOptions.edges = reading.edgeListOptions(relation: relation, wave: wave)
            if let nodes {
                readOptions.roster = try reading.readRoster(nodes)
                readOptions.rosterPath = nodes
            }
            var imported = try inputFormat.read(input, options: readOptions)
            // --codebook: the labels, as if the file held them.
            let (labelled, codebookNotes) = try reading.applyCodebook(to: imported.network.roster, showingValues: !privacy.isOn)
            imported.network.roster = labelled
            // --anonymize: the whole file's pseudonyms, applied after the selection.
            let anonymization = try privacy.prepare(imported.network.roster, columns: [("--per", selection.per), ("--color-by", colorBy), ("--size-by", sizeBy)]
                + selection.filters.map { ("--where", $0.column) }, file: nodes ?? input)
            var network = try NetworkFormat.selecting(imported.network, relation: relation, wave: wave, file: input)
            var notes = imported.notes.map { anonymization?.redacting($0) ?? $0 } + codebookNotes
            // One wave: people not on staff that wave are not part of its network (as in summary).
            if network.layers.count == 1, let wave = network.layers[0].key.wave,
               let responses = network.roster.responses(wave: wave) {
                let present = WavePresence(graph: network.layers[0].graph, responses: responses).present
                let absent = present.filter { !$0 }.count
                if absent > 0 {
                    network = network.restricted(to: present.indices.filter { present[$0] }, description: "on staff in wave \(wave)")
                    notes.append("\(absent) \(absent == 1 ? "person" : "people") marked absent in wave \(wave) left out (not on staff that wave), as summary counts them")
                }
            }
            if !selection.filters.isEmpty {
                let file = nodes ?? input
                network = try forOption("--where") { () throws(InputError) in try network.selecting(selection.filters, rosterFile: file) }
            }
            if let anonymization {
                network = anonymization.apply(to: network)
                if let note = anonymization.droppedColumnsNote { notes.append("--anonymize: \(note)") }
            }
            var writeOptions = FormatWriteOptions()
            writeOptions.dlLayout = dlFormat
            writeOptions.nodesPath = nodesOut
            if let per = selection.per {
                let run = try PerGroupRun(network, column: per, rosterFile: nodes ?? input)
                let stems = PerGroupRun.fileStems(run.groups.map(\.value))
                var files: [(name: String, bytes: [UInt8])] = []
                var names: [String] = []
                for (k, group) in run.groups.enumerated() {
                    var options = writeOptions
                    if sizeBy != nil || colorBy != nil {
                        options.visuals = try NodeVisuals.make(for: group.network, sizeBy: sizeBy.map(NodeSizeSource.init), colorBy: colorBy, file: output)
                    }
                    let name = "\(stems[k]).\(outputFormat.extensions[0])"
                    let rendered = try outputFormat.render(group.network, to: name, options: options)
                    notes += rendered.notes.map { "\(run.column) \(group.value): \($0)" }
                    files += rendered.files.map { ($0.path, Array($0.text.utf8)) }
                    names.append(name)
                }
                files.append(run.index(files: names))
                for note in notes { printError("note: \(note)") }
                try AtomicFileGroup.write(files, into: output)
                try StandardOutput.write("wrote \(run.groups.count) \(outputFormat.displayName) files and index.csv to \(output) from \(input), one per \(run.column)\n")
                return
            }
            if sizeBy != nil || colorBy != nil {
                writeOptions.visuals = try NodeVisuals.make(for: network, sizeBy: sizeBy.map(NodeSizeSource.init), colorBy: colorBy, file: output)
            }
            let rendered = try outputFormat.render(network, to: output, options: writeOptions)
            for note in notes + rendered.notes { printError("note: \(note)") }
            try rendered.write()
            let ties = network.layers.reduce(0) { $0 + $1.graph.edgeCount }
            let layers = network.layers.count
            try StandardOutput.write("wrote \(output) (\(outputFormat.displayName)) from \(input) (\(inputFormat.displayName)): \(network.roster.count) people, \(ties) tie\(ties == 1 ? "" : "s")\(layers > 1 ? " in \(layers) relations and waves" : "")\n")
        }
    }
}

extension UCINETDL.Layout: ExpressibleByArgument {}
