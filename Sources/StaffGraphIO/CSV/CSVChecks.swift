/// Checks shared by the CSV readers (edge lists, rosters, survey exports).
extension CSVReader {
    /// The network format the file's first bytes announce, if it is not CSV:
    /// XML (`<?xml`, `<graphml`, `<gexf`: GraphML or GEXF by the root element
    /// in the first 4 KB), JSON (`{`), Pajek (`*Vertices`, `*Network`) or
    /// UCINET DL (`dl` and a space or line end). Leading white space is skipped.
    static func announcedFormat(_ bytes: [UInt8], from start: Int) -> String? {
        var i = start
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        guard i < bytes.count else { return nil }
        func startsWith(_ word: String, caseInsensitive: Bool) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count else { return false }
            for k in 0 ..< w.count {
                var b = bytes[i + k]
                if caseInsensitive, b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z") { b += 32 }
                if b != w[k] { return false }
            }
            return true
        }
        func contains(_ word: String, within limit: Int) -> Bool {
            let w = Array(word.utf8)
            let end = min(bytes.count, i + limit)
            var k = i
            while k + w.count <= end {
                if bytes[k] == w[0] && bytes[k ..< k + w.count].elementsEqual(w) { return true }
                k += 1
            }
            return false
        }
        if startsWith("<graphml", caseInsensitive: false) { return "GraphML" }
        if startsWith("<gexf", caseInsensitive: false) { return "GEXF" }
        if startsWith("<?xml", caseInsensitive: false) {
            let graphml = contains("<graphml", within: 4096), gexf = contains("<gexf", within: 4096)
            if graphml && !gexf { return "GraphML" }
            if gexf && !graphml { return "GEXF" }
            return "XML"
        }
        if bytes[i] == UInt8(ascii: "{") { return "JSON" }
        if startsWith("*vertices", caseInsensitive: true) || startsWith("*network", caseInsensitive: true) { return "Pajek" }
        if startsWith("dl", caseInsensitive: true), i + 2 < bytes.count,
           [32, 9, 10, 13].contains(bytes[i + 2]) { return "UCINET DL" }
        return nil
    }

    /// Refuses a file that is another network format, read as `what` ("a CSV edge list", "a roster CSV"),
    /// with a message naming the format and a hint (`hint`, or how to convert it to an edge list).
    /// - Throws: ``InputError`` at line 1, column 1.
    func refuseOtherFormats(as what: String, hint: MessageTemplate? = nil) throws(InputError) {
        guard let format = Self.announcedFormat(bytes, from: bodyStart) else { return }
        let article = format == "XML" ? "an" : "a"
        var conversion: MessageTemplate = "\(setting: .convertToEdgeList) turns it into an edge list"
        // A name that does not pick the format (a GraphML file named .csv): say which format to read it as.
        if let named = NetworkFormat.allCases.first(where: { $0.isReadable && $0.displayName.hasPrefix(format) }),
           NetworkFormat(path: path) != named {
            conversion = "\(setting: .convertToEdgeList) with \(setting: .format) \(named.rawValue) turns it into an edge list"
        }
        throw InputError(file: path, line: 1, column: 1, "this is \(article) \(format) file, not \(what)",
                         hint: hint ?? (format == "XML" ? "StaffGraph reads GraphML and GEXF files, not other XML" : conversion))
    }

    /// Refuses a header that names a column twice (case and surrounding spaces
    /// ignored), where the second would be silently ignored, and, with
    /// `emptyNames`, a column with no name.
    /// - Parameters:
    ///   - names: the header's names, trimmed.
    ///   - fields: the header's fields, for locations.
    func refuseRepeatedColumns(_ names: [String], _ fields: [CSVField], emptyNames: Bool = false) throws(InputError) {
        var seen: [String: Int] = [:]
        for (c, name) in names.enumerated() {
            let lowered = name.lowercased()
            if lowered.isEmpty {
                if emptyNames {
                    throw InputError(file: path, line: 1, column: column(of: fields[c]), "column \(c + 1) of the header has no name",
                                     hint: "give every column a name, or delete the empty column")
                }
                continue
            }
            if let before = seen[lowered] {
                throw InputError(file: path, line: fields[c].line, column: column(of: fields[c]),
                                 "the column name '\(name.clipped)' appears twice (columns \(before + 1) and \(c + 1))",
                                 hint: "rename one of them; a second column of the same name would be ignored")
            }
            seen[lowered] = c
        }
    }
}
