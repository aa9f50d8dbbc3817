import StaffGraphCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a checkpoint was saved for: the network (a fingerprint of its CSR
/// arrays and weights, its people and ties), the measures, the options that
/// change their values, and the chunk layout. A checkpoint resumes a run only
/// when all of these are the same.
public struct SourceCheckpointIdentity: Sendable, Equatable {
    /// ``SourceCheckpointFile/fingerprint(_:)`` of the graph.
    public var network: UInt64
    /// Number of people (nodes).
    public var people: Int
    /// Number of ties (arcs).
    public var ties: Int
    /// The all-sources measures, by column name, in column order.
    public var measures: [String]
    /// The options that change the values, in words (`exact`, the path
    /// convention); compared as text.
    public var options: String
    /// Number of source chunks of each pass (``SourceChunkProgress/chunkCount(sources:)``).
    public var chunks: Int

    /// The identity of a run of `measures` on `graph` with `options`.
    public init(graph: Graph, measures: [String], options: String) {
        network = SourceCheckpointFile.fingerprint(graph)
        people = graph.nodeCount
        ties = graph.edgeCount
        self.measures = measures
        self.options = options
        chunks = SourceChunkProgress.chunkCount(sources: graph.nodeCount)
    }

    /// Creates an identity from its parts (as read back from a file).
    public init(network: UInt64, people: Int, ties: Int, measures: [String], options: String, chunks: Int) {
        self.network = network
        self.people = people
        self.ties = ties
        self.measures = measures
        self.options = options
        self.chunks = chunks
    }
}

/// A checkpoint of a long exact `metrics` run: the ``SourceChunkProgress`` of
/// each all-sources pass, under a header naming what it was saved for.
///
/// Layout (format 1): a text header that `head` can show,
///
///     staffgraph checkpoint
///     format: 1
///     network: 9f0c4e2a7b113d58
///     people: 300
///     ties: 1812
///     measures: betweenness,harmonic_in
///     options: exact; directed; unweighted (hop counts)
///     chunks: 64
///
/// then an empty line, then the passes in binary, all integers and doubles
/// little-endian, doubles as their IEEE 754 bit patterns (so values come back
/// to the last bit): a `UInt32` pass count; per pass a `UInt32` key length and
/// the key's UTF-8, a `UInt64` source count, a `UInt32` chunk count and one
/// byte per chunk (1 done), a `UInt32` vector count, a `UInt64` vector length
/// and the vectors; and last a `UInt64` checksum of every byte before it.
///
/// The file is an output: ``write(to:)`` goes through ``AtomicFile`` (never an
/// input of the run, never half written, removed if interrupted mid-write).
public struct SourceCheckpointFile: Sendable, Equatable {
    /// The format version written and read.
    public static let formatVersion = 1
    static let magic = "staffgraph checkpoint"

    /// What the checkpoint was saved for.
    public var identity: SourceCheckpointIdentity
    /// The passes saved so far, by ``SourceChunkCheckpointKey``, in the order first saved.
    public var passes: [(key: String, progress: SourceChunkProgress)]

    /// A checkpoint of `identity` holding `passes`.
    public init(identity: SourceCheckpointIdentity, passes: [(key: String, progress: SourceChunkProgress)] = []) {
        self.identity = identity
        self.passes = passes
    }

    /// Whether two checkpoints hold the same identity and passes (bit for bit).
    public static func == (a: SourceCheckpointFile, b: SourceCheckpointFile) -> Bool {
        a.identity == b.identity && a.passes.count == b.passes.count
            && zip(a.passes, b.passes).allSatisfy { $0.key == $1.key && sameBits($0.progress, $1.progress) }
    }

    /// The saved progress of the pass `key`.
    public func progress(_ key: String) -> SourceChunkProgress? {
        passes.first { $0.key == key }?.progress
    }

    /// Sets the progress of the pass `key`.
    public mutating func set(_ key: String, _ progress: SourceChunkProgress) {
        if let k = passes.firstIndex(where: { $0.key == key }) { passes[k].progress = progress } else { passes.append((key, progress)) }
    }

    /// A 64-bit fingerprint of `graph`: its node count, out-offsets, out-targets
    /// and out-weights (bit patterns), mixed word by word. It tells networks
    /// apart for checkpoints; it is not a cryptographic hash.
    public static func fingerprint(_ graph: Graph) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        @inline(__always) func mix(_ word: UInt64) {
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        mix(UInt64(graph.nodeCount))
        mix(UInt64(graph.edgeCount))
        for x in graph.outOffsets { mix(UInt64(truncatingIfNeeded: x)) }
        for x in graph.outTargets { mix(UInt64(truncatingIfNeeded: x)) }
        for x in graph.outWeights { mix(x.bitPattern) }
        return h
    }

    // MARK: Encoding

    /// The header lines (without the empty line that ends them).
    var headerText: String {
        let i = identity
        return [
            Self.magic,
            "format: \(Self.formatVersion)",
            "network: \(hex(i.network))",
            "people: \(i.people)",
            "ties: \(i.ties)",
            "measures: \(i.measures.joined(separator: ","))",
            "options: \(i.options)",
            "chunks: \(i.chunks)",
        ].joined(separator: "\n") + "\n"
    }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var out = Array((headerText + "\n").utf8)
        put32(&out, passes.count)
        for (key, p) in passes {
            let name = Array(key.utf8)
            put32(&out, name.count)
            out += name
            put64(&out, UInt64(p.sources))
            put32(&out, p.done.count)
            out += p.done.map { $0 ? 1 : 0 }
            put32(&out, p.vectors.count)
            put64(&out, UInt64(p.vectors.first?.count ?? 0))
            out.reserveCapacity(out.count + p.vectors.count * (p.vectors.first?.count ?? 0) * 8 + 8)
            for vector in p.vectors { for x in vector { put64(&out, x.bitPattern) } }
        }
        put64(&out, checksum(out[...]))
        return out
    }

    /// Reads a checkpoint from `bytes`, read from `file` (named in errors).
    /// - Throws: ``InputError`` `.badData` (65) when the bytes are not a
    ///   complete checkpoint of this format.
    public static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> SourceCheckpointFile {
        func damaged(_ why: String) -> InputError {
            InputError(.badData, file: file, "this is not a usable staffgraph checkpoint: \(why)",
                       hint: "delete it (or name another --checkpoint file) to start the computation over")
        }
        guard let end = headerEnd(bytes) else { throw damaged("it has no checkpoint header") }
        let lines = String(decoding: bytes[0 ..< end], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == magic else { throw damaged("it does not start with '\(magic)'") }
        var fields: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw damaged("header line '\(line)' has no ':'") }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingSpaces
        }
        guard let format = fields["format"].flatMap({ Int($0) }) else { throw damaged("the header has no format") }
        guard format == formatVersion else {
            throw InputError(.badData, file: file, "this checkpoint has format \(format); this staffgraph reads format \(formatVersion)",
                             hint: "resume it with the staffgraph that wrote it, or delete it to start over")
        }
        guard let network = fields["network"].flatMap({ UInt64($0, radix: 16) }), let people = fields["people"].flatMap({ Int($0) }),
              let ties = fields["ties"].flatMap({ Int($0) }), let measures = fields["measures"], let options = fields["options"],
              let chunks = fields["chunks"].flatMap({ Int($0) }) else { throw damaged("the header misses a field") }
        let identity = SourceCheckpointIdentity(network: network, people: people, ties: ties,
                                                measures: measures.split(separator: ",").map(String.init), options: options, chunks: chunks)
        // The body: the passes, then the checksum of everything before it.
        guard bytes.count >= end + 1 + 8 else { throw damaged("it is cut short") }
        let body = bytes.count - 8
        var reader = ByteReader(bytes: bytes, position: end + 1, end: body)
        guard readLE(bytes, at: body, width: 8) == checksum(bytes[0 ..< body]) else {
            throw damaged("its checksum does not match (the file was cut short or changed)")
        }
        var passes: [(key: String, progress: SourceChunkProgress)] = []
        guard let count = reader.u32() else { throw damaged("it is cut short") }
        for _ in 0 ..< count {
            guard let nameLength = reader.u32(), let name = reader.bytes(nameLength), let sources = reader.u64(),
                  let chunkCount = reader.u32(), let flags = reader.bytes(chunkCount), let vectorCount = reader.u32(),
                  let length = reader.u64(), vectorCount <= 16, length <= UInt64(Int32.max) else { throw damaged("a pass is cut short") }
            var vectors: [[Double]] = []
            for _ in 0 ..< vectorCount {
                guard let vector = reader.doubles(Int(length)) else { throw damaged("a pass is cut short") }
                vectors.append(vector)
            }
            passes.append((String(decoding: name, as: UTF8.self), SourceChunkProgress(sources: Int(sources), done: flags.map { $0 != 0 }, vectors: vectors)))
        }
        guard reader.position == body else { throw damaged("it has bytes after the last pass") }
        return SourceCheckpointFile(identity: identity, passes: passes)
    }

    // MARK: Files

    /// The checkpoint at `path`, or `nil` when there is no file there. The file
    /// is not registered as an input of the run (it is one of its outputs).
    /// - Throws: ``InputError``: `.missingFile` (66) when it exists but cannot be
    ///   read, `.badData` (65) when it is not a complete checkpoint.
    public static func read(_ path: String) throws(InputError) -> SourceCheckpointFile? {
        if case .failure(let error) = fileStatus(path, followingLinks: true), error.code == ENOENT { return nil }
        guard let bytes = readOwnFile(path, limit: Int.max / 2) else {
            throw InputError(.missingFile, file: path, "cannot read the checkpoint: \(systemMessage(errno))",
                             hint: "check the file's permissions, or name another --checkpoint file")
        }
        return try decode(bytes, file: path)
    }

    /// Checks, before any work, that `path` may hold a checkpoint: as
    /// ``AtomicFile/check(_:)`` (not an input of the run, not a folder, pipe or
    /// device, its folder exists), not standard output, and not the same file
    /// as the run's `output`.
    /// - Throws: ``InputError`` as ``AtomicFile/check(_:)``, and `.usage` for
    ///   standard output or the output file.
    public static func checkPath(_ path: String, output: String?) throws(InputError) {
        if AtomicFile.isStandardOutput(path) {
            throw InputError(.usage, file: path, "a checkpoint cannot go to standard output", hint: "name a file, e.g. --checkpoint metrics.checkpoint")
        }
        let target = try AtomicFile.prepare(path)
        if let output, !AtomicFile.isStandardOutput(output), let other = try? OutputPath.resolve(output) {
            let same = other.target == target.target || (other.existing.flatMap { a in target.existing.map { a.isSameFile(as: $0) } } ?? false)
            if same {
                throw InputError(.usage, file: path, "this is the same file as the output '\(output)' of this run",
                                 hint: "give the checkpoint its own file, e.g. --checkpoint \(output).checkpoint")
            }
        }
    }

    /// Writes the checkpoint to `path` atomically (``AtomicFile``).
    public func write(to path: String) throws(InputError) {
        try AtomicFile.write(encoded(), to: path)
    }

    /// Removes the checkpoint file at `path` (the file a symbolic link there
    /// leads to, as ``write(to:)`` wrote it). Returns whether a file was removed.
    @discardableResult
    public static func remove(_ path: String) -> Bool {
        guard let target = try? OutputPath.resolve(path), target.existing?.kind == .regular else { return false }
        guard unlink(target.target) == 0 else { return false }
        syncFolder(target.folder)
        return true
    }

    /// Why this checkpoint cannot resume a run of `identity`, or `nil` when it can:
    /// a sentence for an error message, naming what differs.
    public func mismatch(with run: SourceCheckpointIdentity) -> String? {
        let saved = identity
        if saved.people != run.people || saved.ties != run.ties || saved.network != run.network {
            let size = { (i: SourceCheckpointIdentity) in "\(grouped(i.people)) people, \(grouped(i.ties)) ties" }
            return saved.people == run.people && saved.ties == run.ties
                ? "it was saved for another network of the same size (\(size(saved))): the ties or their strengths differ"
                : "it was saved for another network (\(size(saved)); this run: \(size(run)))"
        }
        if saved.measures != run.measures {
            return "it was saved for the measures \(saved.measures.joined(separator: ",")); this run asks for \(run.measures.joined(separator: ","))"
        }
        if saved.options != run.options { return "it was saved with the options '\(saved.options)'; this run has '\(run.options)'" }
        if saved.chunks != run.chunks { return "it was saved with \(saved.chunks) source chunks; this run has \(run.chunks)" }
        return nil
    }
}

// MARK: - Bytes

private func sameBits(_ a: SourceChunkProgress, _ b: SourceChunkProgress) -> Bool {
    a.sources == b.sources && a.done == b.done && a.vectors.count == b.vectors.count
        && zip(a.vectors, b.vectors).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy { $0.bitPattern == $1.bitPattern } }
}

private func hex(_ x: UInt64) -> String {
    let digits = String(x, radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
}

private func put32(_ out: inout [UInt8], _ x: Int) {
    let v = UInt32(truncatingIfNeeded: x)
    for k in 0 ..< 4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
}

private func put64(_ out: inout [UInt8], _ v: UInt64) {
    for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
}

private func readLE(_ bytes: [UInt8], at position: Int, width: Int) -> UInt64 {
    var v: UInt64 = 0
    for k in 0 ..< width { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
    return v
}

/// FNV-1a over 8-byte words (the tail byte by byte).
private func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    bytes.withUnsafeBytes { raw in
        var k = 0
        while k + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self).littleEndian) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            k += 8
        }
        while k < raw.count {
            h = (h ^ UInt64(raw[k])) &* 0x0000_0100_0000_01B3
            k += 1
        }
    }
    return h
}

/// The index of the empty line that ends the header (the second of two `\n`), if any in the first 64 KiB.
private func headerEnd(_ bytes: [UInt8]) -> Int? {
    let limit = min(bytes.count, 1 << 16)
    var k = 1
    while k < limit {
        if bytes[k] == 10 && bytes[k - 1] == 10 { return k }
        k += 1
    }
    return nil
}

private struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    mutating func u32() -> Int? {
        guard position + 4 <= end else { return nil }
        defer { position += 4 }
        return Int(readLE(bytes, at: position, width: 4))
    }

    mutating func u64() -> UInt64? {
        guard position + 8 <= end else { return nil }
        defer { position += 8 }
        return readLE(bytes, at: position, width: 8)
    }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, position + count <= end else { return nil }
        defer { position += count }
        return Array(bytes[position ..< position + count])
    }

    mutating func doubles(_ count: Int) -> [Double]? {
        guard count >= 0, count <= (end - position) / 8 else { return nil }
        var out = [Double](repeating: 0, count: count)
        for k in 0 ..< count { out[k] = Double(bitPattern: readLE(bytes, at: position + 8 * k, width: 8)) }
        position += 8 * count
        return out
    }
}
