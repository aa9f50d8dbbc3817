import StaffGraphCore

/// How to read an edge-list CSV.
public struct EdgeListOptions: Sendable {
    /// Header of the source column; `nil` accepts `source`, `from`, `ego`, `sender`.
    public var sourceColumn: String?
    /// Header of the target column; `nil` accepts `target`, `to`, `alter`, `receiver`.
    public var targetColumn: String?
    /// Header of the weight column; `nil` accepts `weight`, `value`, `frequency`, and no weight column means weight 1.
    public var weightColumn: String?
    /// Header of the relation column; `nil` accepts `relation`, `type`.
    public var relationColumn: String?
    /// Header of the wave column; `nil` accepts `wave`, `time`, `period`.
    public var waveColumn: String?
    /// Relation name for a file without a relation column (default `ties`).
    public var relation: String?
    /// Wave name for a file without a wave column (default: no wave).
    public var wave: String?
    /// The field separator, or `nil` to detect comma, semicolon or tab.
    public var delimiter: UInt8?
    /// Add ids that are not on the roster instead of failing.
    public var allowUnknown = false
    /// How parallel ties are merged (default: max, per StaffGraphCore's Conventions article).
    public var parallelTies: ParallelTieRule = .max
    /// Whether self-loops are dropped (default) or kept.
    public var selfLoops: SelfLoopPolicy = .drop
    /// Keep only ties whose (merged) weight is at least this.
    public var minimumWeight: Double?
    /// Threads that parse a large plain file (one relation, one wave) and build
    /// each layer's graph; the result never depends on it.
    public var threads: Int = Parallelism.defaultThreads
    /// Whether plain files take the parallel fast path (tests turn it off to
    /// compare it with the general reader).
    var fastPath = true
    /// Bytes of data below which the fast path reads in one piece (tests lower it to cut small files into chunks).
    var bytesPerChunk = 1 << 20

    /// Default options.
    public init() {}
}

/// What an import read, and everything it did not turn into a tie.
public struct ImportReport: Sendable, Equatable {
    /// Data rows (header and blank lines excluded).
    public var rows = 0
    /// Blank lines skipped.
    public var blankLines = 0
    /// Rows whose fields were all empty, skipped.
    public var emptyRows = 0
    /// Rows with a source and an empty target: the source is kept as a person with no tie from this row.
    public var rowsWithoutTarget = 0
    /// Rows with weight 0: a tie of strength zero is no tie, so they are not ties.
    public var zeroWeightRows = 0
    /// Ties removed by the minimum-weight threshold, after merging.
    public var tiesBelowMinimumWeight = 0
    /// Ids not on the roster that were added (with `allowUnknown`), in order of first appearance.
    public var addedIDs: [String] = []
    /// Ties from a person to themselves dropped (``EdgeListOptions/selfLoops``), over every relation and wave.
    public var selfLoopsDropped = 0
    /// Rows folded into an earlier row for the same two people, relation and wave, over the whole file.
    public var parallelTiesMerged = 0
    /// How those rows were merged (``EdgeListOptions/parallelTies``).
    public var parallelTieRule: ParallelTieRule = .max
    /// The header names used for source, target, weight, relation and wave (`nil` = absent).
    public var columns: [String: String] = [:]
    /// The separator used.
    public var delimiter: UInt8 = UInt8(ascii: ",")

    /// An empty report.
    public init() {}
}

extension ImportReport {
    /// One sentence for each kind of row the import did not turn into a tie
    /// of its own (blank lines, empty rows, rows without a target, weight-0
    /// rows, repeated ties merged, ties from a person to themselves dropped,
    /// ties below `minimumWeight`, ids added from outside the roster), for
    /// standard error. Every command that reads an edge list reports these.
    public func notes(minimumWeight: Double?) -> [String] {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var notes: [String] = []
        if blankLines > 0 { notes.append("\(plural(blankLines, "blank line")) skipped") }
        if emptyRows > 0 { notes.append("\(plural(emptyRows, "empty row")) skipped") }
        if rowsWithoutTarget > 0 { notes.append("\(plural(rowsWithoutTarget, "row")) with no target: the source is kept as a person, no tie") }
        if zeroWeightRows > 0 { notes.append("\(plural(zeroWeightRows, "row")) with weight 0 \(zeroWeightRows == 1 ? "is not a tie" : "are not ties")") }
        if parallelTiesMerged > 0 { notes.append(Self.mergedNote(parallelTiesMerged, parallelTieRule)) }
        if selfLoopsDropped > 0 { notes.append(Self.selfLoopsNote(selfLoopsDropped)) }
        if tiesBelowMinimumWeight > 0 { notes.append(Self.belowMinimumNote(tiesBelowMinimumWeight, minimumWeight ?? 0)) }
        if !addedIDs.isEmpty {
            let shown = addedIDs.prefix(5).joined(separator: ", ")
            notes.append("\(plural(addedIDs.count, "id")) not on the roster added (\(shown)\(addedIDs.count > 5 ? ", …" : ""))")
        }
        return notes
    }

    /// The note for rows merged into an earlier tie between the same two people.
    static func mergedNote(_ count: Int, _ rule: ParallelTieRule) -> String {
        "\(count) repeated tie\(count == 1 ? "" : "s") between the same two people (same relation and wave) merged (\(rule.rawValue))"
    }

    /// The note for dropped ties from a person to themselves.
    static func selfLoopsNote(_ count: Int) -> String {
        note("\(count) tie\(count == 1 ? "" : "s") from a person to themselves dropped (\(setting: .keepSelfLoops) keeps them)")
    }

    /// The note for ties removed by a minimum weight (``EdgeListOptions/minimumWeight``).
    static func belowMinimumNote(_ count: Int, _ minimum: Double) -> String {
        let shown = minimum == minimum.rounded() && abs(minimum) < 1e15 ? String(Int64(minimum)) : String(minimum)
        return note("\(count) tie\(count == 1 ? "" : "s") below \(setting: .minimumWeight) \(shown) removed")
    }
}

/// The result of reading an edge list.
public struct EdgeListImport: Sendable {
    /// The people and one graph per (relation, wave).
    public var network: Network
    /// What the import read and set aside.
    public var report: ImportReport
}

/// Reads edge-list CSV files into a ``Network``.
///
/// A header is required; `source` and `target` columns name people; optional
/// `weight` (a non-negative number, default 1), `relation` and `wave`.
/// With a roster, every id must be on it (or `allowUnknown`); without one,
/// people are numbered in order of first appearance.
///
/// Refused with a located error: a header naming a column twice (as a
/// roster's), a file that is another network format (GraphML, GEXF, JSON,
/// Pajek, UCINET DL: the message names it and how to convert it), and more
/// relation-and-wave layers × people than ``ReadLimits/cellsAllowed(fileBytes:)``.
public enum EdgeListReader {
    static let sourceAliases = ["source", "from", "ego", "sender", "src"]
    static let targetAliases = ["target", "to", "alter", "receiver", "dst"]
    static let weightAliases = ["weight", "value", "frequency", "strength"]
    static let relationAliases = ["relation", "type"]
    static let waveAliases = ["wave", "time", "period"]

    /// Reads `path`.
    ///
    /// `progress`, when given, is told how many bytes of the file have been
    /// parsed (`done`, `total`), every 65,536 rows (of each part of a plain
    /// file parsed in parallel, ``EdgeListOptions/threads``) and once at the
    /// end; it changes nothing in the result.
    /// - Throws: ``InputError`` naming the file, line and column of the first problem.
    public static func read(_ path: String, roster: Roster? = nil, options: EdgeListOptions = EdgeListOptions(), progress: ProgressHandler? = nil) throws(InputError) -> EdgeListImport {
        var reader = try CSVReader(path: path, delimiter: options.delimiter)
        return try read(reader: &reader, roster: roster, options: options, progress: progress)
    }

    /// Reads CSV text held in memory (`name` appears in messages).
    /// `progress` as for ``read(_:roster:options:progress:)``.
    public static func read(bytes: [UInt8], name: String, roster: Roster? = nil, options: EdgeListOptions = EdgeListOptions(), progress: ProgressHandler? = nil) throws(InputError) -> EdgeListImport {
        var reader = try CSVReader(path: name, bytes: bytes, delimiter: options.delimiter)
        return try read(reader: &reader, roster: roster, options: options, progress: progress)
    }

    private struct PendingUnknown {
        var id: String
        var line: Int
        var column: Int
        var rows: Int
    }

    static func read(reader: inout CSVReader, roster inputRoster: Roster?, options: EdgeListOptions, progress: ProgressHandler? = nil) throws(InputError) -> EdgeListImport {
        // A fast path that gives up has reported progress: the general reader's reports never go below it.
        let highWater = progress.map { HighWaterProgress($0) }
        let progress = highWater?.handler
        if options.fastPath,
           let fast = readFast(reader: &reader, roster: inputRoster, options: options, threads: max(1, options.threads), bytesPerChunk: options.bytesPerChunk, progress: progress) {
            return fast
        }
        let path = reader.path
        var report = ImportReport()
        report.parallelTieRule = options.parallelTies
        report.delimiter = reader.delimiter
        var header: [String]? = nil
        var sourceIndex = 0, targetIndex = 1
        var weightIndex: Int? = nil, relationIndex: Int? = nil, waveIndex: Int? = nil
        let defaultRelation = options.relation ?? "ties"
        let defaultWave = options.wave

        var table = IDTable(capacity: max(1024, inputRoster?.count ?? 0))
        var nonASCII: [String: Int32] = [:]
        if let roster = inputRoster {
            for id in roster.ids {
                table.insert(id)
                if id.utf8.contains(where: { $0 >= 0x80 }) { nonASCII[id] = Int32(table.count - 1) }
            }
        }
        let rosterCount = inputRoster?.count ?? 0
        var unknown: [Int32: PendingUnknown] = [:]
        var unknownOrder: [Int32] = []

        var layerKeys: [LayerKey] = []
        var layerIndex: [LayerKey: Int] = [:]
        var sources: [[Int32]] = [], targets: [[Int32]] = [], weights: [[Double]] = []
        var lastRelationBytes: [UInt8] = [], lastWaveBytes: [UInt8] = []
        var currentLayer = -1
        // The current layer's ties, appended to directly (not through `sources[currentLayer]`,
        // which the optimizer leaves as out-of-line calls in a closure this size); swapped
        // with the layer's slot whenever the layer changes.
        var layerSources: [Int32] = [], layerTargets: [Int32] = [], layerWeights: [Double] = []
        func switchLayer(to next: Int) {
            if currentLayer >= 0 {
                swap(&layerSources, &sources[currentLayer]); swap(&layerTargets, &targets[currentLayer]); swap(&layerWeights, &weights[currentLayer])
            }
            currentLayer = next
            if next >= 0 {
                swap(&layerSources, &sources[next]); swap(&layerTargets, &targets[next]); swap(&layerWeights, &weights[next])
            }
        }
        var lastSource: Int32 = -1, lastSourceStart = 0, lastSourceEnd = 0
        var rows = 0, emptyRows = 0, withoutTarget = 0, zeroWeight = 0
        let bytes = reader.bytes

        func layer(for key: LayerKey) -> Int {
            if let i = layerIndex[key] { return i }
            layerIndex[key] = layerKeys.count
            layerKeys.append(key)
            sources.append([]); targets.append([]); weights.append([])
            return layerKeys.count - 1
        }

        try reader.refuseOtherFormats(as: "a CSV edge list")
        var layerStarts: [(line: Int, column: Int)] = []
        try reader.forEachRecord { (fields, csv) throws(InputError) in
            guard let columns = header else {
                // The header.
                let names = fields.map { csv.string($0).trimmingSpaces }
                header = names
                let lowered = names.map { $0.lowercased() }
                try csv.refuseRepeatedColumns(names, fields)
                let separator = Self.separatorHint(header: names, delimiter: csv.delimiter, given: options.delimiter != nil)
                func find(_ explicit: String?, _ aliases: [String], role: String, setting: IOSetting, required: Bool) throws(InputError) -> Int? {
                    if let explicit {
                        if let i = lowered.firstIndex(of: explicit.lowercased()) { return i }
                        let hint: MessageTemplate = separator.map { "the header is a single field, '\(names[0].clipped)'; \($0)" }
                            ?? "the header has: \(describeNames(names))"
                        throw InputError(.usage, file: path, line: 1, column: 1, "there is no column named '\(explicit.clipped)' (given with \(setting: setting))", hint: hint)
                    }
                    for alias in aliases { if let i = lowered.firstIndex(of: alias) { return i } }
                    if required {
                        let hint: MessageTemplate = separator.map { "the header is a single field; \($0)" }
                            ?? "name it '\(aliases[0])', or give its name with \(setting: setting); the first line must be a header"
                        throw InputError(file: path, line: 1, column: 1, "no \(role) column in the header (\(describeNames(names)))", hint: hint)
                    }
                    return nil
                }
                sourceIndex = try find(options.sourceColumn, sourceAliases, role: "source", setting: .sourceColumn, required: true) ?? 0
                targetIndex = try find(options.targetColumn, targetAliases, role: "target", setting: .targetColumn, required: true) ?? 1
                weightIndex = try find(options.weightColumn, weightAliases, role: "weight", setting: .weightColumn, required: false)
                relationIndex = try find(options.relationColumn, relationAliases, role: "relation", setting: .relationColumn, required: false)
                waveIndex = try find(options.waveColumn, waveAliases, role: "wave", setting: .waveColumn, required: false)
                if sourceIndex == targetIndex {
                    throw InputError(.usage, file: path, line: 1, column: 1, "source and target are the same column ('\(names[sourceIndex].clipped)')",
                                     hint: "give \(setting: .sourceColumn) and \(setting: .targetColumn) two different names")
                }
                report.columns["source"] = names[sourceIndex]
                report.columns["target"] = names[targetIndex]
                if let w = weightIndex { report.columns["weight"] = names[w] }
                if let r = relationIndex { report.columns["relation"] = names[r] }
                if let w = waveIndex { report.columns["wave"] = names[w] }
                if relationIndex == nil && waveIndex == nil { switchLayer(to: layer(for: LayerKey(relation: defaultRelation, wave: defaultWave))) }
                return
            }
            let first = fields[0]
            // Ragged rows: fewer fields than the header, or extra non-empty fields.
            if fields.count < columns.count {
                if fields.count == 1 && first.isEmpty { emptyRows += 1; return }
                throw InputError(file: path, line: first.line, column: csv.endColumn(line: first.lineStart),
                                 "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(columns.count) (\(describeNames(columns)))",
                                 hint: "every row needs the same number of fields as the header; check for a missing \(csv.delimiter == 9 ? "tab" : "'\(Character(Unicode.Scalar(csv.delimiter)))'") or an unquoted separator inside a name")
            }
            if fields.count > columns.count {
                for extra in fields[columns.count...] where !extra.isEmpty {
                    throw InputError(file: path, line: extra.line, column: csv.column(of: extra),
                                     "this row has \(fields.count) fields; the header has \(columns.count) (\(describeNames(columns)))",
                                     hint: "quote fields that contain the separator, e.g. \"Smith, Ana\"")
                }
            }
            if !fields.contains(where: { !$0.isEmpty }) { emptyRows += 1; return }
            rows += 1
            if rows & 0xFFFF == 0, let progress { progress(first.origin, bytes.count) }
            let sf = fields[sourceIndex], tf = fields[targetIndex]
            if sf.isEmpty {
                throw InputError(file: path, line: sf.line, column: csv.column(of: sf), "empty source in column '\(columns[sourceIndex].clipped)'",
                                 hint: "every tie needs the id of the person who named someone")
            }
            var weight = 1.0
            if let wi = weightIndex {
                let wf = fields[wi]
                if wf.isEmpty {
                    throw InputError(file: path, line: wf.line, column: csv.column(of: wf), "empty weight in column '\(columns[wi].clipped)'",
                                     hint: "give every tie a weight, or leave the weight column out so that every tie counts 1")
                }
                let parsed: Double? = bytes.withUnsafeBufferPointer { parseDecimal($0, wf.start, wf.end) }
                guard let value = parsed else {
                    let text = csv.string(wf)
                    let comma = text.contains(",")
                    throw InputError(file: path, line: wf.line, column: csv.column(of: wf), "weight '\(text.clipped)' is not a number",
                                     hint: comma ? "write decimals with a dot (2.5, not 2,5)" : "weights are numbers such as 1, 2.5 or 4; map frequency labels to numbers first")
                }
                if value.isNaN || value.isInfinite {
                    throw InputError(file: path, line: wf.line, column: csv.column(of: wf), "weight '\(csv.string(wf).clipped)' is not a finite number",
                                     hint: "weights are finite numbers; remove the row or give a value")
                }
                if value < 0 {
                    throw InputError(file: path, line: wf.line, column: csv.column(of: wf), "weight \(csv.string(wf).clipped) is negative",
                                     hint: "weights are tie strengths (higher = stronger) and cannot be negative; rescale them first")
                }
                weight = value
            }
            // Layer.
            if relationIndex != nil || waveIndex != nil {
                var changed = currentLayer < 0
                var relationBytes = lastRelationBytes, waveBytes = lastWaveBytes
                if let ri = relationIndex {
                    let f = fields[ri]
                    if !bytes[f.start ..< f.end].elementsEqual(lastRelationBytes) { relationBytes = Array(bytes[f.start ..< f.end]); changed = true }
                    if f.isEmpty {
                        throw InputError(file: path, line: f.line, column: csv.column(of: f), "empty relation in column '\(columns[ri].clipped)'",
                                         hint: "name the relation of every tie (advice, collaboration …)")
                    }
                }
                if let wi = waveIndex {
                    let f = fields[wi]
                    if !bytes[f.start ..< f.end].elementsEqual(lastWaveBytes) { waveBytes = Array(bytes[f.start ..< f.end]); changed = true }
                    if f.isEmpty {
                        throw InputError(file: path, line: f.line, column: csv.column(of: f), "empty wave in column '\(columns[wi].clipped)'",
                                         hint: "name the wave of every tie (fall, spring …)")
                    }
                }
                if changed {
                    lastRelationBytes = relationBytes
                    lastWaveBytes = waveBytes
                    let relation = relationIndex.map { csv.string(fields[$0]) } ?? defaultRelation
                    let wave = waveIndex.map { csv.string(fields[$0]) } ?? defaultWave
                    let before = layerKeys.count
                    switchLayer(to: layer(for: LayerKey(relation: relation, wave: wave)))
                    if layerKeys.count > before {
                        let f = fields[relationIndex ?? waveIndex ?? 0]
                        layerStarts.append((f.line, csv.column(of: f)))
                    }
                }
            }
            // Ids.
            func resolve(_ f: CSVField) -> Int32 {
                bytes.withUnsafeBufferPointer { p -> Int32 in
                    var start = f.start, end = f.end
                    var scratch: [UInt8] = []
                    if f.hasEscapes {
                        scratch = Array(csv.string(f).utf8)
                        start = 0; end = scratch.count
                    }
                    return scratch.withUnsafeBufferPointer { sp -> Int32 in
                        let buf = f.hasEscapes ? sp : p
                        let h = IDTable.hash(buf, start, end)
                        let found = table.find(buf, start, end, hash: h)
                        if found >= 0 { return found }
                        var isASCII = true
                        for k in start ..< end where buf[k] >= 0x80 { isASCII = false; break }
                        var text = ""
                        if !isASCII {
                            text = String(decoding: UnsafeBufferPointer(rebasing: buf[start ..< end]), as: UTF8.self)
                            if let canonical = nonASCII[text] { return canonical }
                        }
                        let index = table.insert(buf, start, end, hash: h)
                        if !isASCII { nonASCII[text] = index }
                        return index
                    }
                }
            }
            // Survey exports list each respondent's answers together: reuse the previous row's source.
            let s: Int32
            if lastSource >= 0, !sf.hasEscapes, sf.end - sf.start == lastSourceEnd - lastSourceStart,
               bytes.withUnsafeBufferPointer({ sameBytes($0, sf.start, lastSourceStart, sf.end - sf.start) }) {
                s = lastSource
            } else {
                s = resolve(sf)
                lastSource = sf.hasEscapes ? -1 : s
                lastSourceStart = sf.start
                lastSourceEnd = sf.end
            }
            if inputRoster != nil && Int(s) >= rosterCount { noteUnknown(s, sf, csv) }
            if tf.isEmpty { withoutTarget += 1; return }
            let t = resolve(tf)
            if inputRoster != nil && Int(t) >= rosterCount { noteUnknown(t, tf, csv) }
            if weight == 0 { zeroWeight += 1; return }
            layerSources.append(s)
            layerTargets.append(t)
            layerWeights.append(weight)
        }

        func noteUnknown(_ index: Int32, _ f: CSVField, _ csv: borrowing CSVReader) {
            if unknown[index] != nil {
                unknown[index]?.rows += 1
            } else {
                unknown[index] = PendingUnknown(id: table.string(at: Int(index)), line: f.line, column: csv.column(of: f), rows: 1)
                unknownOrder.append(index)
            }
        }

        switchLayer(to: -1)
        guard let columns = header else {
            throw InputError(file: path, line: 1, column: 1, "the file is empty",
                             hint: "an edge list starts with a header line such as source,target,weight")
        }
        _ = columns
        progress?(bytes.count, bytes.count)
        report.rows = rows
        report.blankLines = reader.blankLines
        report.emptyRows = emptyRows
        report.rowsWithoutTarget = withoutTarget
        report.zeroWeightRows = zeroWeight

        // Unknown ids.
        var roster = inputRoster ?? Roster()
        if let inputRoster, !unknownOrder.isEmpty {
            if !options.allowUnknown {
                let shown = unknownOrder.prefix(20).compactMap { unknown[$0] }
                var details: [String] = []
                for u in shown {
                    var line = "'\(u.id.clipped)' (line \(u.line), column \(u.column)"
                    line += u.rows > 1 ? ", \(u.rows) rows)" : ")"
                    if let close = closestMatch(to: u.id, among: inputRoster.ids) { line += ": did you mean '\(close.clipped)'?" }
                    details.append(line)
                }
                if unknownOrder.count > 20 { details.append("… and \(unknownOrder.count - 20) more") }
                let first = shown[0]
                let count = unknownOrder.count
                var hint: MessageTemplate = "fix the ids, add the people to the roster, or use \(setting: .allowUnknown) to add them as people not on the roster"
                // The edge list may name people by another roster column (names instead of ids).
                let unknownIDs = unknownOrder.compactMap { unknown[$0]?.id }
                for column in inputRoster.attributeNames {
                    guard let values = inputRoster.attribute(column) else { continue }
                    let known = Set(values)
                    let matched = unknownIDs.filter { known.contains($0) }.count
                    if matched * 2 >= unknownIDs.count {
                        hint = "\(matched) of these match the roster's '\(column.clipped)' column: use \(setting: .idColumn) \(column.clipped) if the edge list names people by \(column.clipped)"
                        break
                    }
                }
                throw InputError(file: path, line: first.line, column: first.column,
                                 "\(count) id\(count == 1 ? " is" : "s are") not on the roster",
                                 hint: hint,
                                 details: details)
            }
            for index in unknownOrder {
                let id = table.string(at: Int(index))
                roster.addUnlisted(id)
                report.addedIDs.append(id)
            }
        } else if inputRoster == nil {
            for i in 0 ..< table.count { roster.add(table.string(at: i)) }
        }
        precondition(roster.count == table.count, "roster and id table out of step")

        // One graph per layer, each with an offset per person: refuse a table out of proportion to the file.
        let cellLimit = ReadLimits.cellsAllowed(fileBytes: bytes.count)
        let (layerCells, overflow) = layerKeys.count.multipliedReportingOverflow(by: roster.count + 1)
        if layerKeys.count > 1 && (overflow || layerCells > cellLimit) {
            let fitting = max(1, cellLimit / (roster.count + 1))
            let at = fitting < layerStarts.count ? layerStarts[fitting] : layerStarts.last
            throw InputError(file: path, line: at?.line, column: at?.column,
                             "the ties make \(grouped(layerKeys.count)) relation-and-wave layers among \(grouped(roster.count)) people; StaffGraph keeps one graph per layer, and at most \(grouped(cellLimit)) layer × people cells for a file of this size",
                             hint: "a network has a few relations and waves; check the relation and wave columns (\(layerKeys.prefix(3).map { "'\($0.description.clipped)'" }.joined(separator: ", "))\(layerKeys.count > 3 ? ", …" : ""))")
        }

        // Build one graph per layer.
        var layers: [Layer] = []
        for (i, key) in layerKeys.enumerated() {
            var builder = GraphBuilder(nodeCount: roster.count, sources: sources[i], targets: targets[i], weights: weights[i])
            sources[i] = []; targets[i] = []; weights[i] = []
            layers.append(buildLayer(key, &builder, options: options, report: &report))
        }
        return EdgeListImport(network: Network(roster: roster, layers: layers), report: report)
    }

    /// The layer `key` from the ties in `builder` (emptied, its ties freed as they are sorted):
    /// parallel ties merged and self-loops handled by `options`, then ties below
    /// `options.minimumWeight` removed; what was merged, dropped and removed is
    /// added to `report`. Both readers (general and fast) build layers here, on
    /// `options.threads` threads.
    static func buildLayer(_ key: LayerKey, _ builder: inout GraphBuilder, options: EdgeListOptions, report: inout ImportReport) -> Layer {
        var (graph, buildReport) = builder.buildReleasingTies(parallelTies: options.parallelTies, selfLoops: options.selfLoops, threads: max(1, options.threads))
        report.selfLoopsDropped += buildReport.selfLoopsDropped
        report.parallelTiesMerged += buildReport.parallelTiesMerged
        if let minimum = options.minimumWeight {
            let thresholded = graph.keepingTies(minimumWeight: minimum)
            report.tiesBelowMinimumWeight += graph.edgeCount - thresholded.edgeCount
            graph = thresholded
            buildReport.ties = graph.edgeCount
        }
        return Layer(key: key, graph: graph, buildReport: buildReport)
    }

    /// For a header read as a single field that holds another separator
    /// (comma, semicolon or tab): which one the file seems to use, and how to
    /// read it so; `nil` for any other header.
    static func separatorHint(header: [String], delimiter: UInt8, given: Bool) -> MessageTemplate? {
        guard header.count == 1 else { return nil }
        func name(_ b: UInt8) -> String { b == 9 ? "tab" : "'\(Character(Unicode.Scalar(b)))'" }
        let separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9]
        guard let seen = separators.first(where: { $0 != delimiter && header[0].utf8.contains($0) }) else { return nil }
        if given {
            return "it seems separated by \(name(seen)), not by \(name(delimiter)) (given with \(setting: .delimiter)): give \(name(seen)) as \(setting: .delimiter), or leave it unset to detect the separator"
        }
        return "it seems separated by \(name(seen)): give \(name(seen)) as \(setting: .delimiter)"
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (also used by
    /// the command-line tool to read comma-separated option values).
    package var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

/// Whether `p[a ..< a + length]` and `p[b ..< b + length]` hold the same bytes.
@inline(__always)
func sameBytes(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ length: Int) -> Bool {
    var k = 0
    while k < length {
        if p[a + k] != p[b + k] { return false }
        k += 1
    }
    return true
}
