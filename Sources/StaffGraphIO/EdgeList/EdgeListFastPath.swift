import Dispatch
import StaffGraphCore

/// The fast path of ``EdgeListReader``: plain files (one relation, one wave)
/// read in parallel over raw bytes.
///
/// It takes only rows it can read without judgement: ASCII, no quotes, no
/// spaces around fields, as many fields as the header, a source and a target,
/// a weight that is a finite non-negative number, ids on the roster when there
/// is one. Anything else (and every error) makes it give up before it has
/// changed anything, and the general reader reads the file from the start, so
/// the result, the report and every message are the general reader's.
///
/// Parallel and deterministic: the data is cut into chunks at line ends; each
/// chunk numbers its new ids in order of first appearance; the chunks' tables
/// are merged in chunk order, which is the file's order of first appearance,
/// so the people, the ties and the report do not depend on the number of
/// chunks or threads. The pieces are then joined and the graph built on the
/// same threads (``GraphBuilder/buildReleasingTies(parallelTies:selfLoops:threads:)``),
/// while another thread adds the people to the roster.
extension EdgeListReader {
    /// The file's bytes, for the parsing threads (read-only while they run).
    private struct SharedBytes: @unchecked Sendable {
        let base: UnsafeBufferPointer<UInt8>
    }

    /// What one chunk read.
    private struct ChunkRows: Sendable {
        var table = IDTable(capacity: 1024)
        var sources: [Int32] = []
        var targets: [Int32] = []
        var weights: [Double] = []
        var rows = 0
        var blankLines = 0
        var zeroWeightRows = 0
    }

    /// Column positions for the fast path, or `nil` when the header is one the
    /// general reader must judge (missing, repeated or layered columns).
    static func plainColumns(_ names: [String], options: EdgeListOptions) -> (source: Int, target: Int, weight: Int?)? {
        let lowered = names.map { $0.lowercased() }
        var seen = Set<String>()
        for name in lowered where !name.isEmpty { if !seen.insert(name).inserted { return nil } }
        guard let source = columnIndex(options.sourceColumn, sourceAliases, lowered),
              let target = columnIndex(options.targetColumn, targetAliases, lowered), source != target else { return nil }
        if options.weightColumn != nil && columnIndex(options.weightColumn, weightAliases, lowered) == nil { return nil }
        if columnIndex(options.relationColumn, relationAliases, lowered) != nil || options.relationColumn != nil { return nil }
        if columnIndex(options.waveColumn, waveAliases, lowered) != nil || options.waveColumn != nil { return nil }
        return (source, target, columnIndex(options.weightColumn, weightAliases, lowered))
    }

    /// The column named `explicit` (case ignored), or else the first alias present.
    static func columnIndex(_ explicit: String?, _ aliases: [String], _ lowered: [String]) -> Int? {
        if let explicit { return lowered.firstIndex(of: explicit.lowercased()) }
        for alias in aliases { if let i = lowered.firstIndex(of: alias) { return i } }
        return nil
    }

    /// Reads the file by the fast path, or returns `nil` (having changed
    /// nothing) when the general reader must read it. On success the
    /// reader's bytes are released as soon as they are parsed.
    static func readFast(reader: inout CSVReader, roster inputRoster: Roster?, options: EdgeListOptions, threads: Int, bytesPerChunk: Int, progress: ProgressHandler?) -> EdgeListImport? {
        if CSVReader.announcedFormat(reader.bytes, from: reader.bodyStart) != nil { return nil }
        // The header, read by the general CSV code.
        var names: [String] = []
        guard let head = try? reader.records(from: reader.bodyStart, line: 1, limit: 1, { (fields, csv) throws(InputError) in
            names = fields.map { csv.string($0).trimmingSpaces }
        }), !names.isEmpty, let columns = plainColumns(names, options: options) else { return nil }
        let fileSize = reader.bytes.count
        let delimiter = reader.delimiter
        let fieldCount = names.count

        var rosterTable = IDTable(capacity: max(1024, inputRoster?.count ?? 0))
        if let roster = inputRoster {
            for id in roster.ids {
                // Non-ASCII ids are matched as text by the general reader.
                if id.utf8.contains(where: { $0 >= 0x80 }) { return nil }
                rosterTable.insert(id)
            }
        }
        let hasRoster = inputRoster != nil
        let lookup = rosterTable

        // Parse the chunks.
        let start = head.next
        let dataLength = fileSize - start
        let chunkCount = dataLength < bytesPerChunk ? 1 : max(1, threads)
        // Bytes parsed, added up over the chunks (one call at a time, increasing), from the header's end.
        var fromHeader: ProgressHandler? = nil
        if let progress {
            fromHeader = { @Sendable (done: Int, total: Int) -> Void in progress(start + done, total) }
        }
        let counter = ProgressCounter(fromHeader, total: fileSize)
        let parsed: [ChunkRows?] = reader.bytes.withUnsafeBufferPointer { all -> [ChunkRows?] in
            let shared = SharedBytes(base: all)
            /// The first line start at or after `offset`.
            @Sendable func lineStart(_ offset: Int) -> Int {
                if offset <= start { return start }
                var i = offset - 1
                let b = shared.base
                while i < b.count && b[i] != 10 { i += 1 }
                return min(i + 1, b.count)
            }
            return parallelChunks(count: dataLength, chunks: chunkCount, threads: threads) { range -> ChunkRows? in
                parseChunk(shared.base, from: lineStart(start + range.lowerBound), to: lineStart(start + range.upperBound),
                           delimiter: delimiter, fieldCount: fieldCount, columns: columns,
                           roster: hasRoster ? lookup : nil, counter: counter)
            }
        }
        var chunks: [ChunkRows] = []
        chunks.reserveCapacity(parsed.count)
        for chunk in parsed {
            guard let chunk else { return nil }
            chunks.append(chunk)
        }
        if chunks.isEmpty { return nil }
        // From here on the fast path cannot fail: the file's bytes are no longer needed.
        reader.releaseBytes()

        // Merge the chunks' id tables in chunk order (= order of first appearance).
        var report = ImportReport()
        report.parallelTieRule = options.parallelTies
        report.delimiter = delimiter
        report.columns["source"] = names[columns.source]
        report.columns["target"] = names[columns.target]
        if let w = columns.weight { report.columns["weight"] = names[w] }
        report.blankLines = head.blankLines
        var table = rosterTable
        var remaps: [[Int32]] = []
        for c in chunks.indices {
            report.rows += chunks[c].rows
            report.blankLines += chunks[c].blankLines
            report.zeroWeightRows += chunks[c].zeroWeightRows
            if hasRoster { remaps.append([]); continue }
            remaps.append(table.merge(chunks[c].table, threads: threads))
            chunks[c].table = IDTable(capacity: 0)
        }
        // The people of a file without a roster: one String and one index entry each, in
        // order. With more than one thread they are added on another thread while this
        // one joins the ties and builds the graph.
        let people = table
        let addPeople: @Sendable () -> Roster = {
            var roster = Roster()
            roster.reserveCapacity(people.count)
            for i in 0 ..< people.count { roster.add(people.string(at: i)) }
            return roster
        }
        let rosterJob = hasRoster || threads < 2 ? nil : BackgroundJob(addPeople)

        // Join the chunks' ties in chunk order, renumbered to the merged table, one
        // array at a time (each chunk's piece freed once copied, so the joined ties
        // and all the chunks are never held at once), the pieces copied in parallel.
        var sourcePieces: [[Int32]] = [], targetPieces: [[Int32]] = [], weightPieces: [[Double]] = []
        for c in chunks.indices {
            sourcePieces.append(chunks[c].sources)
            chunks[c].sources = []
        }
        var sources = joined(sourcePieces, remaps: hasRoster ? nil : remaps, threads: threads)
        sourcePieces = []
        for c in chunks.indices {
            targetPieces.append(chunks[c].targets)
            chunks[c].targets = []
        }
        var targets = joined(targetPieces, remaps: hasRoster ? nil : remaps, threads: threads)
        targetPieces = []
        for c in chunks.indices {
            weightPieces.append(chunks[c].weights)
            chunks[c].weights = []
        }
        var weights = joined(weightPieces, threads: threads)
        weightPieces = []
        chunks = []
        remaps = []
        progress?(fileSize, fileSize)

        var builder = GraphBuilder(nodeCount: table.count, sources: sources, targets: targets, weights: weights)
        sources = []; targets = []; weights = []
        let key = LayerKey(relation: options.relation ?? "ties", wave: options.wave)
        let layer = buildLayer(key, &builder, options: options, report: &report)
        let roster = inputRoster ?? rosterJob?.wait() ?? addPeople()
        precondition(roster.count == table.count, "roster and id table out of step")
        return EdgeListImport(network: Network(roster: roster, layers: [layer]), report: report)
    }

    /// `pieces` joined in order, on up to `threads` threads (one piece each);
    /// with `remaps`, a value `x` of piece `c` becomes `remaps[c][x]`.
    private static func joined(_ pieces: [[Int32]], remaps: [[Int32]]?, threads: Int) -> [Int32] {
        // One piece numbered as the table (always so: the first piece's ids are the table's first): no copy.
        if pieces.count == 1, remaps.map({ map in map[0].indices.allSatisfy { map[0][$0] == Int32(truncatingIfNeeded: $0) } }) ?? true {
            return pieces[0]
        }
        return joinedCopies(pieces, threads: threads) { c, piece, out in
            if let remaps {
                remaps[c].withUnsafeBufferPointer { map in
                    for i in piece.indices { out.initializeElement(at: i, to: map[Int(piece[i])]) }
                }
            } else {
                for i in piece.indices { out.initializeElement(at: i, to: piece[i]) }
            }
        }
    }

    /// `pieces` joined in order, on up to `threads` threads (one piece each).
    private static func joined(_ pieces: [[Double]], threads: Int) -> [Double] {
        if pieces.count == 1 { return pieces[0] }
        return joinedCopies(pieces, threads: threads) { _, piece, out in
            for i in piece.indices { out.initializeElement(at: i, to: piece[i]) }
        }
    }

    /// One array of the pieces' lengths, each piece's place (uninitialized,
    /// as long as the piece) initialized by `copy(c, piece, place)`, on up to
    /// `threads` threads (one piece each).
    private static func joinedCopies<Element: Sendable>(
        _ pieces: [[Element]], threads: Int,
        _ copy: @escaping @Sendable (Int, UnsafeBufferPointer<Element>, UnsafeMutableBufferPointer<Element>) -> Void
    ) -> [Element] {
        let starts = pieces.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let total = starts[pieces.count]
        return [Element](unsafeUninitializedCapacity: total) { buffer, count in
            let shared = SharedBuffer(buffer)
            _ = parallelChunks(count: pieces.count, chunks: pieces.count, threads: threads) { cs in
                let all = shared.buffer
                for c in cs {
                    pieces[c].withUnsafeBufferPointer { piece in
                        copy(c, piece, UnsafeMutableBufferPointer(rebasing: all[starts[c] ..< starts[c + 1]]))
                    }
                }
            }
            count = total
        }
    }

    /// Reads the lines that start in `from ..< to`; `nil` at the first line
    /// the fast path does not take.
    private static func parseChunk(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, delimiter: UInt8, fieldCount: Int,
                                   columns: (source: Int, target: Int, weight: Int?), roster: IDTable?,
                                   counter: ProgressCounter?) -> ChunkRows? {
        var reported = from
        var out = ChunkRows()
        let estimate = (to - from) / 16
        out.sources.reserveCapacity(estimate)
        out.targets.reserveCapacity(estimate)
        out.weights.reserveCapacity(estimate)
        let n = b.count
        let quote = UInt8(ascii: "\""), space: UInt8 = 32, tab: UInt8 = 9, lf: UInt8 = 10, cr: UInt8 = 13
        let trimTabs = delimiter != tab
        let fieldStarts = UnsafeMutablePointer<Int>.allocate(capacity: fieldCount + 1)
        defer { fieldStarts.deallocate() }
        let sc = columns.source, tc = columns.target, wc = columns.weight ?? -1
        // Survey exports and sorted files list each person's ties together: reuse the previous row's source.
        var lastSource: Int32 = -1, lastStart = 0, lastEnd = 0
        var p = from
        while p < to {
            // One line: the fields' bounds, refusing anything the general reader must judge.
            var field = 0
            fieldStarts[0] = p
            var i = p
            var ok = true
            while i < n {
                let c = b[i]
                if c == lf || c == cr { break }
                if c == delimiter {
                    field += 1
                    if field >= fieldCount { ok = false; break }
                    fieldStarts[field] = i + 1
                } else if c == quote || c == space || c >= 0x80 || (trimTabs && c == tab) || c == 0 {
                    ok = false; break
                }
                i += 1
            }
            if !ok { return nil }
            let lineEnd = i
            if i < n && b[i] == cr {
                guard i + 1 < n && b[i + 1] == lf else { return nil }
                i += 1
            }
            let next = min(i + 1, n)
            if lineEnd == p {
                out.blankLines += 1
                p = next
                continue
            }
            if field != fieldCount - 1 { return nil }
            fieldStarts[fieldCount] = lineEnd + 1
            let ss = fieldStarts[sc], se = fieldStarts[sc + 1] - 1, ts = fieldStarts[tc], te = fieldStarts[tc + 1] - 1
            if ss == se || ts == te { return nil }
            var weight = 1.0
            if wc >= 0 {
                let ws = fieldStarts[wc], we = fieldStarts[wc + 1] - 1
                if ws == we { return nil }
                var value = 0.0
                var k = ws
                // Small whole numbers directly; anything else through the shared decimal parser.
                if we - ws <= 9 {
                    var whole = 0
                    while k < we, b[k] >= 48, b[k] <= 57 { whole = whole * 10 + Int(b[k] - 48); k += 1 }
                    value = Double(whole)
                }
                if k < we || we - ws > 9 {
                    guard let parsed = parseDecimal(b, ws, we), parsed.isFinite, parsed >= 0 else { return nil }
                    value = parsed
                }
                weight = value
            }
            out.rows += 1
            // Every 65,536 rows of this chunk: the bytes it parsed since its last report.
            if out.rows & 0xFFFF == 0, let counter {
                counter.add(p - reported)
                reported = p
            }
            var s: Int32, t: Int32
            let sameSource = lastSource >= 0 && se - ss == lastEnd - lastStart && sameBytes(b, ss, lastStart, se - ss)
            if let roster {
                s = sameSource ? lastSource : roster.find(b, ss, se, hash: IDTable.hash(b, ss, se))
                t = roster.find(b, ts, te, hash: IDTable.hash(b, ts, te))
                if s < 0 || t < 0 { return nil }
            } else {
                if sameSource {
                    s = lastSource
                } else {
                    let hs = IDTable.hash(b, ss, se)
                    let fs = out.table.find(b, ss, se, hash: hs)
                    s = fs >= 0 ? fs : out.table.insert(b, ss, se, hash: hs)
                }
                let ht = IDTable.hash(b, ts, te)
                let ft = out.table.find(b, ts, te, hash: ht)
                t = ft >= 0 ? ft : out.table.insert(b, ts, te, hash: ht)
            }
            lastSource = s; lastStart = ss; lastEnd = se
            if weight == 0 {
                out.zeroWeightRows += 1
            } else {
                out.sources.append(s)
                out.targets.append(t)
                out.weights.append(weight)
            }
            p = next
        }
        return out
    }
}

/// A job run on another thread (a global dispatch queue) while the caller
/// goes on; ``wait()`` returns its result. The result is written before the
/// group is left and read only after `wait` returns, which orders the two
/// accesses, so the `@unchecked Sendable` is sound.
private final class BackgroundJob<Result: Sendable>: @unchecked Sendable {
    private var result: Result?
    private let group = DispatchGroup()

    init(_ body: @escaping @Sendable () -> Result) {
        group.enter()
        DispatchQueue.global().async {
            self.result = body()
            self.group.leave()
        }
    }

    /// The job's result, once it has finished.
    func wait() -> Result {
        group.wait()
        guard let result else { preconditionFailure("background job left without a result") }
        return result
    }
}

/// A progress handler that never reports less than it already has, so a
/// fast path that gives up part way and the general reader that then reads
/// the file from the start report one non-decreasing sequence. Calls come
/// one at a time (``ProgressCounter`` in the fast path, then the reading thread).
final class HighWaterProgress: @unchecked Sendable {
    private let report: ProgressHandler
    private var highest = 0

    init(_ report: @escaping ProgressHandler) { self.report = report }

    var handler: ProgressHandler {
        { [self] done, total in
            highest = max(highest, done)
            report(highest, total)
        }
    }
}
