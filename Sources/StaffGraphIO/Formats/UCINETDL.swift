import StaffGraphCore

/// UCINET DL files, read and written.
///
/// **Written** (one layer; narrow a network with several with
/// ``NetworkFormat/selecting(_:relation:wave:file:)``), in the subset UCINET, igraph and most other DL
/// readers share:
/// ```
/// dl n=3
/// format = edgelist1
/// labels:
/// ana,ben,cai
/// labels embedded:
/// data:
/// ana ben 3
/// ```
/// The `labels:` list keeps roster order and people without ties; `fullmatrix`
/// writes a label row and one labelled row per person (`0` = no tie). Labels
/// with spaces or commas are quoted; DL has no escape for a double quote, so
/// an id holding one is refused. No node attributes (reported as dropped).
///
/// **Read:** `n=` (or `nr=`/`nc=` when equal), `nm=`, `format =`
/// `fullmatrix` (default), `edgelist1` or `nodelist1`; `labels:`, `row
/// labels:`/`column labels:`, `labels embedded`, `matrix labels:` (the
/// relations of `nm` matrices, which may be separated by `!` lines). A header
/// that disagrees with its data (label counts, a matrix of the wrong size, an
/// edge list naming more than `n` people or a vertex out of range) is an
/// error at the line and column where the disagreement shows, and so is a
/// header that gives `n=`, `nm=`, `format=` or a label list twice. `n=` may
/// be at most ``ReadLimits/peopleAllowed(fileBytes:)`` (100,000 people the
/// file does not list, more only when the file is large enough to list them),
/// and `nm=` at most one matrix per two bytes of the file.
public enum UCINETDL {
    /// The DL data layouts StaffGraph writes.
    public enum Layout: String, Sendable, CaseIterable {
        /// One `source target weight` line per tie (sparse; the default).
        case edgelist1
        /// An n × n matrix with a label row and a label at the start of each row.
        case fullmatrix
    }

    private struct Token {
        var text: String
        var line: Int
        var column: Int
        var quoted: Bool
    }

    /// Reads DL bytes (the contents of `path`, named in messages).
    public static func read(bytes: [UInt8], path: String, options: FormatReadOptions = FormatReadOptions()) throws(InputError) -> FormatImport {
        let lines = try textLines(bytes, path: path, format: "UCINET DL")
        var assembler = NetworkAssembler(path: path, options: options, fileBytes: bytes.count)
        func fail(_ line: Int, _ column: Int, _ message: String, hint: String) -> InputError {
            InputError(file: path, line: line, column: column, message, hint: hint)
        }
        func lineTokens(_ line: TextLine) throws(InputError) -> [Token] {
            switch tokens(of: line.text, commas: true, backslashEscapes: false) {
            case .failure(let q):
                throw fail(line.number, q.column, "this quote is never closed", hint: "close the quoted label with \"")
            case .success(let raw):
                var out: [Token] = []
                for t in raw {
                    if t.quoted { out.append(Token(text: t.text, line: line.number, column: t.column, quoted: true)); continue }
                    // Split unquoted tokens around '=' ("n=5" → n, =, 5).
                    var piece = "", pieceColumn = t.column, column = t.column
                    for scalar in t.text.unicodeScalars {
                        if scalar == "=" {
                            if !piece.isEmpty { out.append(Token(text: piece, line: line.number, column: pieceColumn, quoted: false)) }
                            out.append(Token(text: "=", line: line.number, column: column, quoted: false))
                            piece = ""; pieceColumn = column + 1
                        } else {
                            if piece.isEmpty { pieceColumn = column }
                            piece.unicodeScalars.append(scalar)
                        }
                        column += 1
                    }
                    if !piece.isEmpty { out.append(Token(text: piece, line: line.number, column: pieceColumn, quoted: false)) }
                }
                return out
            }
        }

        // MARK: Header
        var header: [Token] = []
        var dataLine = -1
        var firstContent = -1
        headerLoop: for (i, line) in lines.enumerated() {
            let toks = try lineTokens(line)
            if toks.isEmpty { continue }
            if firstContent < 0 { firstContent = i }
            for (k, t) in toks.enumerated() {
                if !t.quoted && t.text.lowercased() == "data:" {
                    if k + 1 < toks.count {
                        throw fail(line.number, toks[k + 1].column, "data on the same line as data:", hint: "start the data on the line after data:")
                    }
                    dataLine = i + 1
                    break headerLoop
                }
                header.append(t)
            }
        }
        guard firstContent >= 0, let first = header.first else {
            throw fail(1, 1, "the file is empty", hint: "a DL file starts with: dl n=<number of people>")
        }
        guard first.text.lowercased() == "dl" else {
            throw fail(first.line, first.column, "this is not a UCINET DL file: it does not start with DL", hint: "a DL file starts with: dl n=<number of people>")
        }
        if dataLine < 0 {
            let last = lines.last.map { ($0.number, endColumn(of: $0.text)) } ?? (1, 1)
            throw fail(last.0, last.1, "the header has no data: line", hint: "the data follow a line reading data:")
        }
        var n: Int? = nil, nr: Int? = nil, nc: Int? = nil, nm = 1
        var nAt: Token? = nil
        var layout = "fullmatrix"
        var embedded = false
        var labels: [Token]? = nil, columnLabels: [Token]? = nil, matrixLabels: [Token]? = nil
        var k = 1
        func value(after key: Token) throws(InputError) -> Token {
            guard k + 1 < header.count, header[k].text == "=", !header[k].quoted else {
                throw fail(key.line, key.column + key.text.count, "expected '=' after \(key.text.clipped)", hint: "write \(key.text.clipped)=<value>")
            }
            let v = header[k + 1]
            k += 2
            return v
        }
        /// The count `name=` gives, at most `limit` (`what` says what it counts, for the error).
        func count(_ token: Token, name: String, limit: Int, what: String) throws(InputError) -> Int {
            let digits = !token.text.isEmpty && token.text.allSatisfy { $0.isASCII && $0.isNumber }
            guard digits else {
                throw fail(token.line, token.column, "\(name) must be a whole number, found '\(token.text.clipped)'", hint: "write \(name)=25")
            }
            guard let c = Int(token.text), c <= limit else {
                throw fail(token.line, token.column, "\(name)=\(token.text.clipped) declares more \(what) than StaffGraph reads from a file of \(grouped(bytes.count)) bytes (at most \(grouped(limit)))",
                           hint: what == "people"
                               ? "check the count; a file may declare up to \(grouped(ReadLimits.unlistedPeople)) people it does not list, more only when it lists them"
                               : "check the count; each matrix or edge list takes at least a line of the file")
            }
            return c
        }
        let peopleLimit = ReadLimits.peopleAllowed(fileBytes: bytes.count)
        let matrixLimit = max(1, bytes.count / 2)
        var seenKeys: [String: Token] = [:]
        /// Refuses a header statement given twice (the second would silently replace the first).
        func once(_ key: String, _ t: Token) throws(InputError) {
            if let before = seenKeys[key] {
                throw fail(t.line, t.column, "the header gives \(key) twice (first on line \(before.line), column \(before.column))", hint: "keep one of them")
            }
            seenKeys[key] = t
        }
        /// Reads `expected` labels (or, when unknown, labels up to the next keyword).
        func labelList(expected: Int?, what: String, at: Token) throws(InputError) -> [Token] {
            var list: [Token] = []
            while k < header.count {
                let t = header[k]
                if let expected, list.count == expected { break }
                // The next statement starts: a word ending in ':', a word followed by '=', or 'labels embedded'.
                if !t.quoted {
                    let lowered = t.text.lowercased()
                    // (A quoted word is always a label.)
                    let next = k + 1 < header.count && !header[k + 1].quoted ? header[k + 1].text.lowercased() : nil
                    if lowered.hasSuffix(":") || t.text == "=" || next == "=" { break }
                    if lowered == "labels" && next?.hasPrefix("embedded") == true { break }
                    if ["row", "column", "matrix"].contains(lowered) && next?.hasPrefix("labels") == true { break }
                }
                list.append(t)
                k += 1
            }
            if let expected, list.count != expected {
                let end = k < header.count ? header[k] : Token(text: "", line: lines[dataLine - 1].number, column: 1, quoted: false)
                throw fail(end.line, end.column, "the header says \(what == "matrix labels" ? "nm" : "n")=\(expected), but gives \(list.count) \(what)",
                           hint: "give one label per \(what == "matrix labels" ? "matrix" : "person"), separated by commas or spaces; quote labels with spaces")
            }
            return list
        }
        while k < header.count {
            let t = header[k]
            k += 1
            // A quoted word is a label, never a keyword.
            let word = t.quoted ? "\"" : t.text.lowercased()
            let nextWord = k < header.count && !header[k].quoted ? header[k].text.lowercased() : ""
            switch word {
            case "n": try once("n=", t); n = try count(try value(after: t), name: "n", limit: peopleLimit, what: "people"); nAt = t
            case "nr": try once("nr=", t); nr = try count(try value(after: t), name: "nr", limit: peopleLimit, what: "people"); nAt = t
            case "nc": try once("nc=", t); nc = try count(try value(after: t), name: "nc", limit: peopleLimit, what: "people")
            case "nm":
                try once("nm=", t)
                let v = try value(after: t)
                nm = try count(v, name: "nm", limit: matrixLimit, what: "matrices")
                if nm < 1 { throw fail(v.line, v.column, "nm=\(nm): a DL file holds at least one matrix", hint: "write nm=1, or leave nm out") }
            case "format":
                try once("format=", t)
                let v = try value(after: t)
                switch v.text.lowercased() {
                case "fullmatrix", "fm": layout = "fullmatrix"
                case "edgelist1", "el1": layout = "edgelist1"
                case "nodelist1", "nl1": layout = "nodelist1"
                default:
                    throw fail(v.line, v.column, "the DL format '\(v.text.clipped)' is not supported",
                               hint: "StaffGraph reads fullmatrix, edgelist1 and nodelist1; export again in one of them")
                }
            case "diagonal":
                try once("diagonal=", t)
                let v = try value(after: t)
                if v.text.lowercased() != "present" {
                    throw fail(v.line, v.column, "diagonal=\(v.text.clipped) is not supported", hint: "export the matrix with the diagonal present")
                }
            case "labels:", "labels":
                if word == "labels", nextWord.hasPrefix("embedded") { k += 1; embedded = true; continue }
                if word == "labels", nextWord == ":" { k += 1 }
                try once("labels:", t)
                labels = try labelList(expected: n ?? nr, what: "labels", at: t)
            case "labels embedded", "embedded", "embedded:":
                embedded = true
            case "row", "column", "matrix":
                guard nextWord == "labels:" || nextWord == "labels" else {
                    throw fail(t.line, t.column, "unexpected '\(t.text.clipped)' in the header", hint: "did you mean \(word) labels:?")
                }
                k += 1
                if k < header.count, header[k].text == ":", !header[k].quoted { k += 1 }
                switch word {
                case "row": try once("labels:", t); labels = try labelList(expected: nr ?? n, what: "row labels", at: t)
                case "column": try once("column labels:", t); columnLabels = try labelList(expected: nc ?? n, what: "column labels", at: t)
                default: try once("matrix labels:", t); matrixLabels = try labelList(expected: nm, what: "matrix labels", at: t)
                }
            default:
                throw fail(t.line, t.column, "unexpected '\(t.text.clipped)' in the header",
                           hint: "the header holds n=, nm=, format=, labels:, labels embedded and data:; quote labels that contain spaces")
            }
        }
        if let nr, let nc, nr != nc {
            throw fail(nAt?.line ?? first.line, nAt?.column ?? first.column, "two-mode data (nr=\(nr), nc=\(nc)) is not supported",
                       hint: "StaffGraph reads one-mode networks (people × people)")
        }
        if let n, let other = nr ?? nc, other != n {
            let t = seenKeys[nr != nil ? "nr=" : "nc="] ?? first
            throw fail(t.line, t.column, "the header says n=\(n) and \(nr != nil ? "nr" : "nc")=\(other)",
                       hint: "give the number of people once, as n=")
        }
        guard let size = n ?? nr ?? nc else {
            throw fail(first.line, first.column, "the header has no n=", hint: "write the number of people: dl n=25")
        }
        // Labels read before the count they should match (`labels:` above `n=`) are checked now.
        for (list, count, what, key) in [(labels, size, "labels", "n"), (columnLabels, size, "column labels", "n"), (matrixLabels, nm, "matrix labels", "nm")] {
            guard let list, list.count != count else { continue }
            let at = list.count > count ? list[count] : (list.last ?? first)
            throw fail(at.line, at.column, "the header says \(key)=\(count), but gives \(list.count) \(what)",
                       hint: "give one label per \(key == "nm" ? "matrix" : "person"), separated by commas or spaces; quote labels with spaces")
        }
        if let labels, let columnLabels {
            for (i, (r, c)) in zip(labels, columnLabels).enumerated() where r.text != c.text {
                throw fail(c.line, c.column, "column label \(i + 1) is '\(c.text.clipped)' but row label \(i + 1) is '\(r.text.clipped)'",
                           hint: "StaffGraph reads one-mode networks, whose rows and columns are the same people in the same order")
            }
        }

        // MARK: People
        if let labels {
            for l in labels { try assembler.declareNode(l.text, at: FileLocation(line: l.line, column: l.column)) }
        }
        let relationNames: [String?] = (0 ..< max(nm, 1)).map { m in
            if let matrixLabels { return matrixLabels[m].text }
            return nm > 1 ? String(m + 1) : nil
        }
        if !embedded && labels == nil {
            for i in 0 ..< size { try assembler.declareNode(String(i + 1), at: FileLocation(line: first.line, column: first.column)) }
        }

        // MARK: Data
        let data = Array(lines[dataLine...])
        func person(_ t: Token, role: String) throws(InputError) -> Int {
            if embedded {
                if let i = assembler.index(of: t.text) { return i }
                if assembler.nodeCount >= size {
                    throw fail(t.line, t.column, "the header says n=\(size), but the data names a \(ordinal(size + 1)) person, '\(t.text.clipped)'",
                               hint: "check n= in the header, or the spelling of '\(t.text.clipped)'\(labels != nil ? " against the labels: list" : "")")
                }
                return try assembler.declareNode(t.text, at: FileLocation(line: t.line, column: t.column))
            }
            guard let v = Int(t.text) else {
                throw fail(t.line, t.column, "expected a person number for the \(role), found '\(t.text.clipped)'",
                           hint: "without labels embedded, ties name people by number (1 to \(size)); add 'labels embedded' to the header to use labels")
            }
            guard v >= 1 && v <= size else {
                throw fail(t.line, t.column, "the \(role) is person \(v), but the header says n=\(size)",
                           hint: "numbers run from 1 to \(size); check n= in the header")
            }
            return v - 1
        }
        var matrix = 0
        switch layout {
        case "fullmatrix":
            var row = 0
            var columnOrder: [Int]? = nil
            var expectLabelRow = embedded
            for line in data {
                let toks = try lineTokens(line)
                if toks.isEmpty { continue }
                if toks.count == 1 && toks[0].text == "!" {
                    if row != 0 {
                        throw fail(line.number, 1, "matrix \(matrix + 1) has \(row) row\(row == 1 ? "" : "s"); the header says n=\(size)", hint: "a full matrix has one row per person")
                    }
                    continue
                }
                if matrix >= nm {
                    throw fail(line.number, toks[0].column, "more data than the header announces (nm=\(nm) matri\(nm == 1 ? "x" : "ces") of n=\(size) rows)",
                               hint: "check n= and nm= in the header, or remove the extra rows")
                }
                if expectLabelRow {
                    // The column label row (it may be left out in matrices after the first).
                    let looksLikeRow = matrix > 0 && toks.count == size + 1 && toks.dropFirst().allSatisfy { parseWeight($0.text) != nil }
                    if !looksLikeRow {
                        if toks.count != size {
                            let at = toks.count > size ? toks[size] : Token(text: "", line: line.number, column: endColumn(of: line.text), quoted: false)
                            throw fail(at.line, at.column, "the label row has \(toks.count) label\(toks.count == 1 ? "" : "s"); the header says n=\(size)",
                                       hint: "with labels embedded, the data start with one column label per person")
                        }
                        var order: [Int] = []
                        for t in toks {
                            if let i = assembler.index(of: t.text) { order.append(i); continue }
                            if labels != nil {
                                throw fail(t.line, t.column, "the column label '\(t.text.clipped)' is not in the header's labels: list", hint: "use the same labels in both places")
                            }
                            order.append(try assembler.declareNode(t.text, at: FileLocation(line: t.line, column: t.column)))
                        }
                        columnOrder = order
                        expectLabelRow = false
                        continue
                    }
                    expectLabelRow = false
                }
                let values: ArraySlice<Token>
                let source: Int
                if embedded {
                    let label = toks[0]
                    guard let order = columnOrder, let i = assembler.index(of: label.text) else {
                        throw fail(label.line, label.column, "the row label '\(label.text.clipped)' is not among the column labels",
                                   hint: "with labels embedded, each row starts with a label from the label row")
                    }
                    if order[row] != i {
                        throw fail(label.line, label.column, "row \(row + 1) is labelled '\(label.text.clipped)', but column \(row + 1) is '\(assembler.ids[order[row]].clipped)'",
                                   hint: "rows and columns list the same people in the same order")
                    }
                    source = i
                    values = toks.dropFirst()
                } else {
                    source = row
                    values = toks[...]
                }
                if values.count != size {
                    let at = values.count > size ? values[values.startIndex + size] : Token(text: "", line: line.number, column: endColumn(of: line.text), quoted: false)
                    throw fail(at.line, at.column, "row \(row + 1) of matrix \(matrix + 1) has \(values.count) value\(values.count == 1 ? "" : "s"); the header says n=\(size)",
                               hint: "a full matrix has one value per person on every row, 0 for no tie")
                }
                for (j, t) in values.enumerated() {
                    guard let w = parseWeight(t.text) else {
                        throw fail(t.line, t.column, "'\(t.text.clipped)' is not a number", hint: "matrix values are numbers, 0 for no tie")
                    }
                    if w == 0 { continue }
                    let target = embedded ? (columnOrder?[j] ?? j) : j
                    try assembler.addTie(source: source, target: target, weight: w, weightText: t.text, relation: relationNames[matrix], wave: nil,
                                         at: FileLocation(line: t.line, column: t.column))
                }
                row += 1
                if row == size {
                    assembler.layer(for: LayerKey(relation: relationNames[matrix] ?? options.relation ?? "ties", wave: options.wave))
                    row = 0
                    matrix += 1
                    expectLabelRow = embedded
                }
            }
            if matrix < nm {
                let last = data.last(where: { !$0.text.allSatisfy { $0 == " " || $0 == "\t" } }) ?? lines[dataLine - 1]
                throw fail(last.number + 1, 1, "the data end after \(matrix == 0 ? "" : "\(matrix) matri\(matrix == 1 ? "x" : "ces") and ")\(row) row\(row == 1 ? "" : "s")\(matrix == 0 ? "" : " of matrix \(matrix + 1)"); the header says n=\(size)\(nm > 1 ? ", nm=\(nm)" : "")",
                           hint: "a full matrix has one row of \(size) values per person\(nm > 1 ? ", for each of the \(nm) matrices" : "")")
            }
        default:
            for line in data {
                let toks = try lineTokens(line)
                if toks.isEmpty { continue }
                if toks.count == 1 && toks[0].text == "!" {
                    assembler.layer(for: LayerKey(relation: relationNames[min(matrix, nm - 1)] ?? options.relation ?? "ties", wave: options.wave))
                    matrix += 1
                    if matrix >= nm {
                        throw fail(line.number, 1, "more edge lists than the header announces (nm=\(nm))", hint: "separate the \(nm) edge lists with \(nm - 1) line\(nm == 2 ? "" : "s") holding !")
                    }
                    continue
                }
                let relation = relationNames[matrix]
                if layout == "edgelist1" {
                    guard toks.count >= 2 else {
                        throw fail(line.number, endColumn(of: line.text), "a tie needs two people", hint: "write: source target [weight]")
                    }
                    if toks.count > 3 {
                        throw fail(line.number, toks[3].column, "a tie line has at most three values (source, target, weight)", hint: "quote labels that contain spaces")
                    }
                    let s = try person(toks[0], role: "source")
                    let t = try person(toks[1], role: "target")
                    var weight = 1.0, weightText: String? = nil
                    var at = FileLocation(line: line.number, column: toks[0].column)
                    if toks.count == 3 {
                        guard let w = parseWeight(toks[2].text) else {
                            throw fail(line.number, toks[2].column, "weight '\(toks[2].text.clipped)' is not a number", hint: "the third value of a tie line is its weight, e.g. 3 or 2.5")
                        }
                        weight = w; weightText = toks[2].text
                        at = FileLocation(line: line.number, column: toks[2].column)
                    }
                    try assembler.addTie(source: s, target: t, weight: weight, weightText: weightText, relation: relation, wave: nil, at: at)
                } else {
                    let s = try person(toks[0], role: "source")
                    for tok in toks.dropFirst() {
                        let t = try person(tok, role: "target")
                        try assembler.addTie(source: s, target: t, weight: 1, relation: relation, wave: nil, at: FileLocation(line: line.number, column: tok.column))
                    }
                }
            }
            assembler.layer(for: LayerKey(relation: relationNames[min(matrix, nm - 1)] ?? options.relation ?? "ties", wave: options.wave))
            if nm > 1 && matrix + 1 != nm {
                let last = lines.last?.number ?? 1
                throw fail(last + 1, 1, "the header says nm=\(nm), but the data hold \(matrix + 1) edge list\(matrix == 0 ? "" : "s")",
                           hint: "separate the \(nm) edge lists with lines holding !")
            }
            if embedded && assembler.nodeCount < size {
                assembler.notes.append("the header says n=\(size), but the data name \(assembler.nodeCount) people; the other \(size - assembler.nodeCount) have no label and are left out")
            }
        }
        return try assembler.finish(format: "UCINET DL")
    }

    /// The DL text for `network`, which must have one layer (`path` is named in errors).
    static func render(_ network: Network, path: String, layout: Layout) throws(InputError) -> WriterOutput {
        guard network.layers.count == 1, let layer = network.layers.first else { throw oneLayerError(network, format: "UCINET DL", path: path) }
        let roster = network.roster
        var labels: [String] = []
        labels.reserveCapacity(roster.count)
        for id in roster.ids {
            if id.unicodeScalars.contains("\"") {
                throw InputError(.usage, file: path, "the id '\(id.clipped)' holds a double quote, which UCINET DL labels cannot carry",
                                 hint: "write GraphML, GEXF, JSON, Pajek or CSV, which can")
            }
            if id.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                throw InputError(.usage, file: path, "the id '\(id.clipped)' holds a line break, which UCINET DL cannot carry",
                                 hint: "write GraphML, GEXF, JSON or CSV, which can")
            }
            // Quoted: what would split the label, and what the header reader takes for a keyword
            // (a word ending in ':', labels, embedded, row, column, matrix) rather than a label.
            let lowered = id.lowercased()
            let needsQuotes = id.isEmpty || id.unicodeScalars.contains { $0 == " " || $0 == "," || $0 == "\t" || $0 == "=" || $0 == "!" }
                || id.hasSuffix(":") || ["labels", "embedded", "row", "column", "matrix"].contains(lowered)
            labels.append(needsQuotes ? "\"\(id)\"" : id)
        }
        let n = roster.count
        var out = "dl n=\(n)\nformat = \(layout.rawValue)\n"
        switch layout {
        case .edgelist1:
            out += "labels:\n" + labels.joined(separator: ",") + "\nlabels embedded:\ndata:\n"
            for tie in layer.graph.ties {
                out += "\(labels[tie.source]) \(labels[tie.target]) \(formatWeight(tie.weight))\n"
            }
        case .fullmatrix:
            out += "labels embedded:\ndata:\n"
            out += labels.joined(separator: " ") + "\n"
            var row = [String](repeating: "0", count: n)
            let g = layer.graph
            for v in 0 ..< n {
                for k in row.indices { row[k] = "0" }
                for (t, w) in zip(g.outNeighbors(v), g.outNeighborWeights(v)) { row[Int(t)] = formatWeight(w) }
                out += labels[v] + " " + row.joined(separator: " ") + "\n"
            }
        }
        var notes: [String] = []
        if let note = oneLayerNote(network, format: "UCINET DL") { notes.append(note) }
        if let note = droppedColumnsNote(roster, format: "UCINET DL") { notes.append(note) }
        return WriterOutput(text: out, notes: notes)
    }

    private static func ordinal(_ k: Int) -> String {
        let suffix: String
        switch (k % 10, k % 100) {
        case (1, let h) where h != 11: suffix = "st"
        case (2, let h) where h != 12: suffix = "nd"
        case (3, let h) where h != 13: suffix = "rd"
        default: suffix = "th"
        }
        return "\(k)\(suffix)"
    }
}
