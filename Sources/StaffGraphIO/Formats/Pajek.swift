import StaffGraphCore

/// Pajek `.net` files, read and written.
///
/// **Written:** `*Vertices n`, one line per person in roster order with the
/// id as its quoted label (`\` and `"` escaped with a backslash, the
/// convention networkx's `read_pajek` understands through `shlex`), then
/// `*Arcs` with `source target weight` by (source, target). Pajek holds one
/// layer and no attributes: a network with several layers must be narrowed
/// with ``NetworkFormat/selecting(_:relation:wave:file:)``, and dropped columns are reported.
///
/// **Read:** `*Vertices` (labels become ids; unlabelled vertices get their
/// number), `*Arcs`, `*Edges` (two ties each), `*Arcslist`, `*Edgeslist`,
/// `*Matrix`; `*Arcs :2 "advice"` names the relation of the ties that follow.
/// Coordinates, shapes and drawing parameters are dropped with a note;
/// partitions, vectors and further networks of a project file are skipped.
/// A tie's value must be a finite number written with a decimal point
/// (`nan` or `3,5` is an error, never weight 1); a third word that is not a
/// number (`c Blue`) starts the drawing parameters and leaves the weight 1.
/// `*Vertices n` may declare at most ``ReadLimits/peopleAllowed(fileBytes:)``
/// vertices: 100,000 unlisted ones (isolates), more only when the file is
/// large enough to list them.
public enum Pajek {
    /// Reads Pajek bytes (the contents of `path`, named in messages).
    public static func read(bytes: [UInt8], path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        let lines = try textLines(bytes, path: path, format: "Pajek")
        var assembler = NetworkAssembler(path: path, options: options, fileBytes: bytes.count)
        func fail(_ line: Int, _ column: Int, _ message: String, hint: String) -> InputError {
            InputError(file: path, line: line, column: column, message, hint: hint)
        }
        enum Section { case none, vertices, arcs, edges, arcsList, edgesList, matrix, skipped }
        var section = Section.none
        var vertexCount: Int? = nil
        var vertexLine = 0
        var labels: [(text: String, line: Int, column: Int)?] = []
        var declared = false
        var relation: String? = nil
        var matrixRow = 0
        var droppedVertexData = 0, droppedTieData = 0
        var skippedSections: [String] = []
        var sawTies = false
        var stoppedEarly = false

        func declareVertices() throws(InputError) {
            guard !declared, let n = vertexCount else { return }
            declared = true
            var firstLine: [String: Int] = [:]
            for k in 0 ..< n {
                let label = labels[k]
                let id = label?.text ?? String(k + 1)
                if let before = firstLine[id] {
                    throw fail(label?.line ?? vertexLine, label?.column ?? 1, "the label '\(id.clipped)' is used twice (first on line \(before))",
                               hint: "StaffGraph uses vertex labels as ids, so they must be unique; rename one")
                }
                firstLine[id] = label?.line ?? vertexLine
                try assembler.declareNode(id, at: FileLocation(line: label?.line ?? vertexLine, column: label?.column ?? 1))
            }
        }

        func vertex(_ token: LineToken, line: Int, role: String) throws(InputError) -> Int {
            guard let n = vertexCount else {
                throw fail(line, token.column, "ties before *Vertices", hint: "a Pajek network starts with *Vertices n")
            }
            guard let k = Int(token.text) else {
                throw fail(line, token.column, "expected a vertex number for the \(role), found '\(token.text.clipped)'",
                           hint: "ties name vertices by their number in the *Vertices list (1 to \(n))")
            }
            guard k >= 1 && k <= n else {
                throw fail(line, token.column, "the \(role) is vertex \(k), but *Vertices declares \(n) (1 to \(n))",
                           hint: "check the *Vertices count on line \(vertexLine), or the vertex numbers of the ties")
            }
            return k - 1
        }

        lineLoop: for line in lines {
            let trimmed = line.text.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("%") { continue }
            if trimmed.hasPrefix("*") {
                let words: [LineToken]
                switch tokens(of: line.text, commas: false, backslashEscapes: true) {
                case .success(let t): words = t
                case .failure(let q): throw fail(line.number, q.column, "this quote is never closed", hint: "close the quoted name with \"")
                }
                let keyword = words.first?.text.lowercased() ?? "*"
                if section == .matrix, let n = vertexCount, matrixRow < n {
                    throw fail(line.number, 1, "the *Matrix has \(matrixRow) row\(matrixRow == 1 ? "" : "s"); *Vertices declares \(n)",
                               hint: "a *Matrix has one row of \(n) values per vertex")
                }
                switch keyword {
                case "*network":
                    if vertexCount != nil { stoppedEarly = true; break lineLoop }
                    section = .none
                case "*vertices":
                    if vertexCount != nil {
                        if sawTies || declared { stoppedEarly = true; break lineLoop }
                        throw fail(line.number, 1, "a second *Vertices line", hint: "a Pajek network has one *Vertices list")
                    }
                    guard words.count >= 2 else {
                        throw fail(line.number, endColumn(of: line.text), "*Vertices needs the number of vertices", hint: "write *Vertices 25")
                    }
                    let allowed = ReadLimits.peopleAllowed(fileBytes: bytes.count)
                    let countText = words[1].text
                    guard let n = Int(countText), n >= 0, n <= allowed else {
                        let digits = !countText.isEmpty && countText.allSatisfy { $0.isASCII && $0.isNumber }
                        if digits {
                            throw fail(line.number, words[1].column,
                                       "*Vertices \(countText.clipped) declares more vertices than StaffGraph reads from a file of \(grouped(bytes.count)) bytes (at most \(grouped(allowed)))",
                                       hint: "check the count; a file may declare up to \(grouped(ReadLimits.unlistedPeople)) vertices it does not list, more only when it lists them, one line each")
                        }
                        throw fail(line.number, words[1].column, "*Vertices needs the number of vertices, found '\(countText.clipped)'", hint: "write *Vertices 25")
                    }
                    if words.count >= 3 { assembler.notes.append("Pajek two-mode network (*Vertices \(n) \(words[2].text.clipped)) read as one-mode") }
                    vertexCount = n
                    vertexLine = line.number
                    labels = Array(repeating: nil, count: n)
                    section = .vertices
                case "*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix":
                    try declareVertices()
                    if vertexCount == nil {
                        throw fail(line.number, 1, "\(words[0].text) before *Vertices", hint: "a Pajek network starts with *Vertices n")
                    }
                    switch keyword {
                    case "*arcs": section = .arcs
                    case "*edges": section = .edges
                    case "*arcslist": section = .arcsList
                    case "*edgeslist": section = .edgesList
                    default: section = .matrix; matrixRow = 0
                    }
                    // Multi-relational Pajek: `*Arcs :2 "advice"`.
                    relation = nil
                    if words.count >= 2, words[1].text.hasPrefix(":") {
                        relation = words.count >= 3 ? words[2].text : String(words[1].text.dropFirst())
                    }
                default:
                    if ["*partition", "*vector", "*permutation", "*cluster", "*hierarchy"].contains(keyword) {
                        skippedSections.append(words[0].text)
                        section = .skipped
                        continue
                    }
                    throw fail(line.number, 1, "unknown Pajek section '\((words.first?.text ?? "*").clipped)'",
                               hint: "a Pajek network has *Vertices, then *Arcs, *Edges, *Arcslist, *Edgeslist or *Matrix")
                }
                continue
            }
            let words: [LineToken]
            switch tokens(of: line.text, commas: false, backslashEscapes: true) {
            case .success(let t): words = t
            case .failure(let q): throw fail(line.number, q.column, "this quote is never closed", hint: "close the quoted label with \"; a quote inside a label is written \\\"")
            }
            switch section {
            case .none:
                throw fail(line.number, words[0].column, "data before *Vertices", hint: "a Pajek network starts with *Vertices n")
            case .skipped:
                continue
            case .vertices:
                guard let n = vertexCount, let k = Int(words[0].text) else {
                    throw fail(line.number, words[0].column, "expected a vertex number, found '\(words[0].text.clipped)'",
                               hint: "vertex lines are: number \"label\", e.g. 1 \"Ana\"")
                }
                guard k >= 1 && k <= n else {
                    throw fail(line.number, words[0].column, "vertex \(k) is out of range: *Vertices declares \(n) (1 to \(n))",
                               hint: "check the count on line \(vertexLine)")
                }
                if labels[k - 1] != nil {
                    throw fail(line.number, words[0].column, "vertex \(k) is listed twice (first on line \(labels[k - 1]?.line ?? 0))", hint: "list each vertex once")
                }
                if words.count >= 2 {
                    labels[k - 1] = (words[1].text, line.number, words[1].column)
                } else {
                    labels[k - 1] = (String(k), line.number, words[0].column)
                }
                if words.count > 2 { droppedVertexData += 1 }
            case .arcs, .edges:
                guard words.count >= 2 else {
                    throw fail(line.number, endColumn(of: line.text), "a tie needs two vertex numbers", hint: "write: source target [weight], e.g. 1 2 3")
                }
                let s = try vertex(words[0], line: line.number, role: section == .arcs ? "arc's source" : "edge's first end")
                let t = try vertex(words[1], line: line.number, role: section == .arcs ? "arc's target" : "edge's second end")
                var weight = 1.0, weightText: String? = nil
                var at = FileLocation(line: line.number, column: words[0].column)
                if words.count >= 3, let w = parseWeight(words[2].text) {
                    weight = w; weightText = words[2].text
                    at = FileLocation(line: line.number, column: words[2].column)
                    if words.count > 3 { droppedTieData += 1 }
                } else if words.count >= 3 {
                    // A value that is meant as a number but is not one is an error, not weight 1;
                    // a word (c Blue, w 2, l "label") starts the drawing parameters.
                    let text = words[2].text
                    if looksLikeNumber(text) {
                        throw fail(line.number, words[2].column, "weight '\(text.clipped)' is not a finite number",
                                   hint: text.contains(",") ? "write decimals with a dot (3.5, not 3,5)" : "a tie's value is a number such as 1, 2.5 or 4")
                    }
                    droppedTieData += 1
                }
                sawTies = true
                try assembler.addTie(source: s, target: t, weight: weight, weightText: weightText, relation: relation, wave: nil, at: at)
                if section == .edges {
                    assembler.undirectedEdges += 1
                    if s != t { try assembler.addTie(source: t, target: s, weight: weight, weightText: weightText, relation: relation, wave: nil, at: at) }
                }
            case .arcsList, .edgesList:
                let s = try vertex(words[0], line: line.number, role: "list's first vertex")
                for w in words.dropFirst() {
                    let t = try vertex(w, line: line.number, role: "listed vertex")
                    sawTies = true
                    let at = FileLocation(line: line.number, column: w.column)
                    try assembler.addTie(source: s, target: t, weight: 1, relation: relation, wave: nil, at: at)
                    if section == .edgesList {
                        assembler.undirectedEdges += 1
                        if s != t { try assembler.addTie(source: t, target: s, weight: 1, relation: relation, wave: nil, at: at) }
                    }
                }
            case .matrix:
                guard let n = vertexCount else { continue }
                if matrixRow >= n {
                    throw fail(line.number, words[0].column, "the *Matrix has more than \(n) rows; *Vertices declares \(n)",
                               hint: "a *Matrix has one row of \(n) values per vertex")
                }
                if words.count != n {
                    let column = words.count > n ? words[n].column : endColumn(of: line.text)
                    throw fail(line.number, column, "row \(matrixRow + 1) of the *Matrix has \(words.count) value\(words.count == 1 ? "" : "s"); *Vertices declares \(n)",
                               hint: "each row has one value per vertex, 0 for no tie")
                }
                for (j, word) in words.enumerated() {
                    guard let w = parseWeight(word.text) else {
                        throw fail(line.number, word.column, "'\(word.text.clipped)' is not a number", hint: word.text.contains(",") ? "write decimals with a dot (3.5, not 3,5); matrix values are separated by spaces" : "matrix values are numbers, 0 for no tie")
                    }
                    if w == 0 { continue }
                    sawTies = true
                    try assembler.addTie(source: matrixRow, target: j, weight: w, weightText: word.text, relation: relation, wave: nil,
                                         at: FileLocation(line: line.number, column: word.column))
                }
                matrixRow += 1
            }
        }
        if vertexCount == nil {
            throw InputError(file: path, line: lines.last?.number ?? 1, column: 1, "no *Vertices line: this is not a Pajek network",
                             hint: "a Pajek .net file starts with *Vertices n")
        }
        if section == .matrix, let n = vertexCount, matrixRow < n, !stoppedEarly {
            throw fail((lines.last?.number ?? 0) + 1, 1, "the *Matrix has \(matrixRow) row\(matrixRow == 1 ? "" : "s"); *Vertices declares \(n)",
                       hint: "a *Matrix has one row of \(n) values per vertex")
        }
        try declareVertices()
        if droppedVertexData > 0 { assembler.notes.append("Pajek vertex coordinates, shapes and drawing parameters are not kept (\(droppedVertexData) vertices)") }
        if droppedTieData > 0 { assembler.notes.append("Pajek tie drawing parameters are not kept (\(droppedTieData) ties)") }
        if !skippedSections.isEmpty { assembler.notes.append("Pajek sections skipped: \(skippedSections.joined(separator: ", "))") }
        if stoppedEarly { assembler.notes.append("only the first network of this Pajek project was read") }
        return try assembler.finish(format: "Pajek")
    }

    /// The Pajek text for `network`, which must have one layer (`path` is named in errors).
    static func render(_ network: Network, path: String) throws(InputError) -> WriterOutput {
        guard network.layers.count == 1, let layer = network.layers.first else { throw oneLayerError(network, format: "Pajek", path: path) }
        let roster = network.roster
        var out = "*Vertices \(roster.count)\n"
        for (k, id) in roster.ids.enumerated() {
            if id.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                throw InputError(.usage, file: path, "the id '\(id.clipped)' holds a line break, which Pajek cannot carry",
                                 hint: "write GraphML, GEXF, JSON or CSV, which can")
            }
            out += "\(k + 1) \(pajekQuoted(id))\n"
        }
        out += "*Arcs\n"
        for tie in layer.graph.ties {
            out += "\(tie.source + 1) \(tie.target + 1) \(formatWeight(tie.weight))\n"
        }
        var notes: [String] = []
        if let note = oneLayerNote(network, format: "Pajek") { notes.append(note) }
        if let note = droppedColumnsNote(roster, format: "Pajek") { notes.append(note) }
        return WriterOutput(text: out, notes: notes)
    }

    /// Whether `text` is meant as a number: it starts with a digit, a sign or a
    /// point, or spells NaN or infinity (not a drawing parameter such as `c` or `w`).
    static func looksLikeNumber(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if ("0" ... "9").contains(first) || first == "+" || first == "-" || first == "." { return true }
        let lowered = text.lowercased()
        return lowered.hasPrefix("nan") || lowered.hasPrefix("inf")
    }

    /// `"label"` with `\` and `"` escaped by a backslash.
    static func pajekQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\\" || c == "\"" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }
}
