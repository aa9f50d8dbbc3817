import StaffGraphCore

/// Collects people, attributes and ties as a format reader meets them and
/// turns them into a ``Network``, with notes on everything it could not carry.
///
/// Shared by the GraphML, GEXF, Pajek, UCINET DL and JSON readers, so that all
/// of them treat ids, weights, layers and response columns the same way:
/// - ids are unique and non-empty; people appear in file order, and ids that
///   a tie names without declaring them are added (and counted);
/// - weights are finite and non-negative; weight 0 is no tie (counted);
/// - a tie's layer is its `relation` and `wave` values, or the defaults
///   (``FormatReadOptions/relation``, else `ties`; ``FormatReadOptions/wave``, else none); a file may not give a
///   wave to some ties and not to others;
/// - attributes named `responded` or `responded_<wave>` become the roster's
///   response columns (values as in a roster CSV); others are kept as text;
/// - an attribute named `id`, or one whose name differs from another's only
///   in case, is renamed with a `_2` suffix so the roster CSV stays readable;
/// - a person gets at most one value per attribute: a second is an error, not
///   a silent replacement;
/// - attribute columns × people, and layers × people, stay within
///   ``ReadLimits/cellsAllowed(fileBytes:)``, so a small file cannot ask for
///   a huge dense table.
struct NetworkAssembler {
    let path: String
    let options: FormatReadOptions
    /// The most attribute cells and layer cells this file may make (``ReadLimits/cellsAllowed(fileBytes:)``).
    let cellLimit: Int

    private(set) var ids: [String] = []
    private var indexByID: [String: Int] = [:]
    private var declaredAt: [FileLocation?] = []

    private var columnNames: [String] = []
    private var columnByName: [String: Int] = [:]
    /// Lower-cased names of the columns, to find case clashes without a scan.
    private var loweredColumnNames: Set<String> = []
    private var columnValues: [[String?]] = []
    /// Where each value of a response column was given (empty for other columns).
    private var columnLocations: [[FileLocation?]] = []
    private var columnIsResponse: [Bool] = []
    /// Cells held in `columnValues` (each column is as long as the last person given a value in it).
    private var attributeCells = 0

    private var layerKeys: [LayerKey] = []
    private var layerByKey: [LayerKey: Int] = [:]
    /// Where each layer's first tie is, for the error when there are too many layers.
    private var layerFirstTie: [FileLocation?] = []
    private var sources: [[Int32]] = []
    private var targets: [[Int32]] = []
    private var weights: [[Double]] = []
    private var tieWithWave: FileLocation? = nil
    private var tieWithoutWave: FileLocation? = nil

    /// Ties named with weight 0 (not ties).
    var zeroWeightTies = 0
    /// Undirected edges read as two ties.
    var undirectedEdges = 0
    /// Ids that ties named without a node declaration.
    private(set) var implicitNodes = 0
    /// Edge attributes set aside, with how many edges had each, in first-seen order.
    private var droppedEdgeAttributes: [(name: String, count: Int)] = []
    private var droppedEdgeAttributeIndex: [String: Int] = [:]
    /// Further notes from the format reader, in order.
    var notes: [String] = []

    /// An assembler for the file at `path`, `fileBytes` long (which sets ``cellLimit``).
    init(path: String, options: FormatReadOptions, fileBytes: Int) {
        self.path = path
        self.options = options
        cellLimit = ReadLimits.cellsAllowed(fileBytes: fileBytes)
    }

    func error(_ at: FileLocation?, _ message: String, hint: MessageTemplate) -> InputError {
        InputError(file: path, line: at?.line, column: at?.column, MessageTemplate(message), hint: hint)
    }

    // MARK: People

    /// Declares a person; ids must be new and non-empty.
    @discardableResult
    mutating func declareNode(_ id: String, at: FileLocation?) throws(InputError) -> Int {
        if id.isEmpty {
            throw error(at, "empty node id", hint: "every node needs a non-empty id")
        }
        if let i = indexByID[id] {
            if let first = declaredAt[i] {
                throw error(at, "node id '\(id.clipped)' appears twice (first on line \(first.line))", hint: "ids must be unique; merge the two nodes or rename one")
            }
            // Named by a tie before its declaration (GraphML allows edges before nodes).
            declaredAt[i] = at ?? FileLocation(line: 0, column: 0)
            implicitNodes -= 1
            return i
        }
        return append(id, declaredAt: at ?? FileLocation(line: 0, column: 0))
    }

    /// The index of `id`, adding it (and counting it as undeclared) if new.
    mutating func node(_ id: String, at: FileLocation?) throws(InputError) -> Int {
        if let i = indexByID[id] { return i }
        if id.isEmpty {
            throw error(at, "empty node id in a tie", hint: "every tie names two non-empty ids")
        }
        implicitNodes += 1
        return append(id, declaredAt: nil)
    }

    /// The index of `id`, if known.
    func index(of id: String) -> Int? { indexByID[id] }

    private mutating func append(_ id: String, declaredAt location: FileLocation?) -> Int {
        let i = ids.count
        ids.append(id)
        indexByID[id] = i
        declaredAt.append(location)
        return i
    }

    /// Number of people so far.
    var nodeCount: Int { ids.count }

    // MARK: Attributes

    /// Sets attribute `name` of person `node` (text; an empty value means missing).
    /// - Parameter replacing: whether a value already given may be replaced; when `false`
    ///   (the default), a second value for the same person and attribute is an error.
    /// - Throws: ``InputError`` at `at` for a second value, or when the attribute table
    ///   would grow beyond ``cellLimit`` cells.
    mutating func setAttribute(_ name: String, node: Int, value: String, at: FileLocation?, replacing: Bool = false) throws(InputError) {
        let c = column(named: name)
        if columnValues[c].count < ids.count {
            let added = ids.count - columnValues[c].count
            if attributeCells > cellLimit - added {
                throw error(at, "the node attributes make a table of more than \(grouped(cellLimit)) cells (\(grouped(columnNames.count)) attributes × \(grouped(ids.count)) people so far), more than StaffGraph keeps for a file of this size",
                            hint: "a network file gives each person a few attributes; check that attribute names are not made per node, or keep fewer attributes")
            }
            attributeCells += added
            columnValues[c].append(contentsOf: repeatElement(nil, count: added))
            if columnIsResponse[c] { columnLocations[c].append(contentsOf: repeatElement(nil, count: added)) }
        }
        if !replacing, columnValues[c][node] != nil {
            throw error(at, "node '\(ids[node].clipped)' has a second value for the attribute '\(name.clipped)'",
                        hint: "give each attribute once per node; remove one of the two values")
        }
        columnValues[c][node] = value
        if columnIsResponse[c] { columnLocations[c][node] = at }
    }

    /// Whether person `node` has a value for attribute `name`.
    func hasAttribute(_ name: String, node: Int) -> Bool {
        guard let c = columnByName[name], node < columnValues[c].count else { return false }
        return columnValues[c][node] != nil
    }

    /// Makes sure a column exists (so a declared attribute with no values is kept).
    mutating func declareAttribute(_ name: String) { _ = column(named: name) }

    private mutating func column(named requested: String) -> Int {
        if let c = columnByName[requested] { return c }
        var name = requested
        let lowered = requested.lowercased()
        let clash = lowered == "id" || loweredColumnNames.contains(lowered)
        if clash {
            var k = 2
            while loweredColumnNames.contains("\(lowered)_\(k)") { k += 1 }
            name = "\(requested)_\(k)"
            notes.append(lowered == "id"
                ? "the node attribute 'id' is kept as '\(name.clipped)' (the roster's id column is the node id)"
                : "the node attribute '\(requested.clipped)' is kept as '\(name.clipped)' (another attribute differs from it only in case)")
        }
        let c = columnNames.count
        columnNames.append(name)
        loweredColumnNames.insert(name.lowercased())
        columnByName[requested] = c
        columnValues.append([])
        columnLocations.append([])
        columnIsResponse.append(NetworkAssembler.responseWave(of: name) != nil)
        return c
    }

    /// `.some(nil)` for `responded`, `.some(wave)` for `responded_<wave>`, `nil` for other names.
    static func responseWave(of name: String) -> String?? {
        let lowered = name.lowercased()
        if lowered == "responded" { return .some(nil) }
        if lowered.hasPrefix("responded_"), lowered.count > "responded_".count {
            return .some(String(name.dropFirst("responded_".count)))
        }
        return nil
    }

    // MARK: Ties

    /// Adds the tie `source → target`.
    /// - Parameters:
    ///   - relation: the file's relation for this tie, or `nil` for the default.
    ///   - wave: the file's wave for this tie, or `nil` for the default.
    ///   - weightText: the weight as written, for messages (`nil` when the file gave none).
    mutating func addTie(source: Int, target: Int, weight: Double, weightText: String? = nil,
                         relation: String?, wave: String?, at: FileLocation?) throws(InputError) {
        if !weight.isFinite {
            throw error(at, "weight '\((weightText ?? String(weight)).clipped)' is not a finite number", hint: "weights are finite numbers such as 1, 2.5 or 4")
        }
        if weight < 0 {
            throw error(at, "weight \((weightText ?? String(weight)).clipped) is negative",
                        hint: "weights are tie strengths (higher = stronger) and cannot be negative; rescale them first")
        }
        let fileWave = wave.flatMap { $0.isEmpty ? nil : $0 }
        if fileWave != nil { if tieWithWave == nil { tieWithWave = at ?? FileLocation(line: 0, column: 0) } }
        else if tieWithoutWave == nil { tieWithoutWave = at ?? FileLocation(line: 0, column: 0) }
        if let with = tieWithWave, let without = tieWithoutWave, options.wave == nil {
            let (here, other) = fileWave == nil ? (at, with) : (at, without)
            throw error(here, fileWave == nil
                        ? "this tie has no wave, but the tie on line \(other.line) has one"
                        : "this tie has a wave, but the tie on line \(other.line) has none",
                        hint: "give every tie a wave, or name the wave of ties without one with \(setting: .wave)")
        }
        if weight == 0 { zeroWeightTies += 1; return }
        let key = LayerKey(relation: relation.flatMap { $0.isEmpty ? nil : $0 } ?? options.relation ?? "ties",
                           wave: fileWave ?? options.wave)
        let l = layer(for: key)
        if layerFirstTie[l] == nil { layerFirstTie[l] = at }
        sources[l].append(Int32(truncatingIfNeeded: source))
        targets[l].append(Int32(truncatingIfNeeded: target))
        weights[l].append(weight)
    }

    /// Makes sure the layer exists, so a network without ties still has one (empty) layer.
    @discardableResult
    mutating func layer(for key: LayerKey) -> Int {
        if let l = layerByKey[key] { return l }
        layerByKey[key] = layerKeys.count
        layerKeys.append(key)
        layerFirstTie.append(nil)
        sources.append([]); targets.append([]); weights.append([])
        return layerKeys.count - 1
    }

    /// Records that an edge carried an attribute the network cannot keep.
    mutating func dropEdgeAttribute(_ name: String) {
        if let i = droppedEdgeAttributeIndex[name] {
            droppedEdgeAttributes[i].count += 1
        } else {
            droppedEdgeAttributeIndex[name] = droppedEdgeAttributes.count
            droppedEdgeAttributes.append((name, 1))
        }
    }

    // MARK: Result

    /// Builds the network: roster in file order, one graph per layer.
    /// - Throws: ``InputError`` for a response column value that is not a response status, or
    ///   when attributes × people or layers × people exceed ``cellLimit``.
    func finish(format: String) throws(InputError) -> FormatImport {
        let (attributeTable, overflow) = columnNames.count.multipliedReportingOverflow(by: ids.count)
        if overflow || attributeTable > cellLimit {
            throw error(nil, "the node attributes make a table of \(grouped(columnNames.count)) attributes × \(grouped(ids.count)) people, more than the \(grouped(cellLimit)) cells StaffGraph keeps for a file of this size",
                        hint: "a network file gives each person a few attributes; check that attribute names are not made per node, or keep fewer attributes")
        }
        let layerCount = max(1, layerKeys.count)
        let (layerTable, layerOverflow) = layerCount.multipliedReportingOverflow(by: ids.count + 1)
        if layerCount > 1, layerOverflow || layerTable > cellLimit {
            // The first layer that does not fit, where its first tie is.
            let fitting = max(1, cellLimit / (ids.count + 1))
            let at = fitting < layerFirstTie.count ? layerFirstTie[fitting] : nil
            throw error(at, "the ties make \(grouped(layerCount)) relation-and-wave layers among \(grouped(ids.count)) people; StaffGraph keeps one graph per layer, and at most \(grouped(cellLimit)) layer × people cells for a file of this size",
                        hint: "a network has a few relations and waves; check the relation and wave values (\(layerKeys.prefix(3).map { "'\($0.description.clipped)'" }.joined(separator: ", "))\(layerKeys.count > 3 ? ", …" : ""))")
        }
        var roster = Roster(ids: ids)
        if roster.count != ids.count {
            throw error(nil, "two node ids are the same text in different Unicode forms (composed and decomposed accents)",
                        hint: "save the file with one normalization (NFC)")
        }
        for (c, name) in columnNames.enumerated() {
            var values = columnValues[c]
            if values.count < ids.count { values += Array(repeating: nil, count: ids.count - values.count) }
            if let wave = NetworkAssembler.responseWave(of: name) {
                var statuses: [ResponseStatus?] = []
                statuses.reserveCapacity(values.count)
                for (i, value) in values.enumerated() {
                    guard let status = RosterReader.responseStatus(value ?? "") else {
                        let at = i < columnLocations[c].count ? columnLocations[c][i] : nil
                        throw error(at, "'\((value ?? "").clipped)' is not a response status (attribute '\(name.clipped)' of node '\(ids[i].clipped)')",
                                    hint: "use yes or no (also true/false, 1/0), absent for someone not on staff that wave, or leave it empty when unknown")
                    }
                    statuses.append(status)
                }
                roster.setResponses(wave: wave, values: statuses)
            } else {
                roster.setAttribute(name, values: values.map { $0 ?? "" })
            }
        }
        var keys = layerKeys
        if keys.isEmpty { keys = [LayerKey(relation: options.relation ?? "ties", wave: options.wave)] }
        var layers: [Layer] = []
        var selfLoops = 0, merged = 0
        for (l, key) in keys.enumerated() {
            var builder = GraphBuilder(nodeCount: ids.count, reservingCapacity: l < sources.count ? sources[l].count : 0)
            if l < sources.count {
                for e in sources[l].indices { builder.addTie(from: Int(sources[l][e]), to: Int(targets[l][e]), weight: weights[l][e]) }
            }
            let (graph, report) = builder.build(parallelTies: options.parallelTies, selfLoops: options.selfLoops)
            selfLoops += report.selfLoopsDropped
            merged += report.parallelTiesMerged
            layers.append(Layer(key: key, graph: graph, buildReport: report))
        }
        var notes = self.notes
        if implicitNodes > 0 {
            notes.append("\(implicitNodes) id\(implicitNodes == 1 ? "" : "s") named by ties but not declared as \(implicitNodes == 1 ? "a node was" : "nodes were") added")
        }
        if undirectedEdges > 0 {
            notes.append("\(undirectedEdges) undirected edge\(undirectedEdges == 1 ? " was" : "s were") read as two ties each (one each way)")
        }
        if zeroWeightTies > 0 {
            notes.append("\(zeroWeightTies) tie\(zeroWeightTies == 1 ? "" : "s") with weight 0 \(zeroWeightTies == 1 ? "is" : "are") not \(zeroWeightTies == 1 ? "a tie" : "ties")")
        }
        if merged > 0 {
            notes.append(ImportReport.mergedNote(merged, options.parallelTies))
        }
        if selfLoops > 0 {
            notes.append(ImportReport.selfLoopsNote(selfLoops))
        }
        if !droppedEdgeAttributes.isEmpty {
            var list = droppedEdgeAttributes.prefix(10).map { "\($0.name.clipped) (\($0.count) edge\($0.count == 1 ? "" : "s"))" }.joined(separator: ", ")
            if droppedEdgeAttributes.count > 10 { list += " and \(grouped(droppedEdgeAttributes.count - 10)) more" }
            notes.append("\(format) edge attributes other than weight, relation and wave are not kept: \(list)")
        }
        return FormatImport(network: Network(roster: roster, layers: layers), notes: notes)
    }
}

// MARK: Numbers

/// Whether `s` is a JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), the one
/// number syntax every format here (JSON, XML Schema, Python, Java) reads the same way.
func isJSONNumber(_ s: Substring.UTF8View) -> Bool {
    var i = s.startIndex
    let end = s.endIndex
    func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    if i < end && s[i] == UInt8(ascii: "-") { i = s.index(after: i) }
    guard i < end, digit(s[i]) else { return false }
    if s[i] == 48 {
        i = s.index(after: i)
    } else {
        while i < end && digit(s[i]) { i = s.index(after: i) }
    }
    if i < end && s[i] == UInt8(ascii: ".") {
        i = s.index(after: i)
        guard i < end, digit(s[i]) else { return false }
        while i < end && digit(s[i]) { i = s.index(after: i) }
    }
    if i < end && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
        i = s.index(after: i)
        if i < end && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i = s.index(after: i) }
        guard i < end, digit(s[i]) else { return false }
        while i < end && digit(s[i]) { i = s.index(after: i) }
    }
    return i == end
}

/// Whether `s` is a JSON number.
func isJSONNumber(_ s: String) -> Bool { isJSONNumber(s[...].utf8) }

/// Whether `s` is an integer in JSON syntax (`-?(0|[1-9][0-9]*)`) that fits in 64 bits.
func isJSONInteger(_ s: String) -> Bool {
    guard isJSONNumber(s), !s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return false }
    return Int64(s) != nil
}

/// Parses a weight written in a network file: a decimal number (JSON syntax, also `+1`, `.5`, `5.` and
/// Fortran-style `1.5D0` are accepted as other tools write them), or `nil`.
func parseWeight(_ text: String) -> Double? {
    var t = text.trimmingSpaces
    if t.hasPrefix("+") { t.removeFirst() }
    t = t.replacingOccurrences(ofCharacter: "D", with: "E").replacingOccurrences(ofCharacter: "d", with: "e")
    guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+") }) else { return nil }
    return Double(t)
}

extension String {
    /// The string with every `c` replaced by `r`.
    func replacingOccurrences(ofCharacter c: Character, with r: Character) -> String {
        guard contains(c) else { return self }
        return String(map { $0 == c ? r : $0 })
    }
}
