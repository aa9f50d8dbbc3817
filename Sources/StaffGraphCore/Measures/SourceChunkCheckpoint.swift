/// How far one all-sources pass of a ``NodeMeasureTable`` has got: which of
/// its fixed source chunks are done, and what they produced.
///
/// The sources `0..<sources` of a pass are cut into
/// ``chunkCount(sources:)`` contiguous chunks whose bounds depend on
/// `sources` only (never on the thread count; see ``Parallelism``). What
/// ``vectors`` hold depends on the pass (``SourceChunkCheckpoint``'s keys):
///
/// - `brandes` (betweenness): one vector of `n` doubles, the running total of
///   the raw Brandes sums after the chunks done, which are always the first
///   ones (chunks are added in chunk order, so a resumed run adds the rest
///   onto this total in the same order and gets the same bits as one that
///   was never stopped);
/// - `distances-in`, `distances-out` (closeness and harmonic closeness of one
///   direction): three vectors of `n` doubles, for every source in a chunk
///   done the number of people its search reached, their distance sum and
///   their inverse-distance sum (0 for sources of chunks not done). Each
///   source writes only its own slots, so any set of chunks may be done.
///
/// A progress value holds plain numbers, no file or graph: the caller decides
/// where it is kept (the command-line tool writes it to a checkpoint file).
public struct SourceChunkProgress: Sendable, Equatable {
    /// Number of sources of the pass (the people of the graph).
    public var sources: Int
    /// One flag per chunk: whether it is done.
    public var done: [Bool]
    /// The pass's partial results (see the type's description).
    public var vectors: [[Double]]

    /// Creates a progress value from its parts (as read back from storage).
    public init(sources: Int, done: [Bool], vectors: [[Double]]) {
        self.sources = sources
        self.done = done
        self.vectors = vectors
    }

    /// How many chunks a pass over `sources` sources is cut into:
    /// `min(sources, 64)`.
    public static func chunkCount(sources: Int) -> Int { ParallelSources.chunks(count: sources).count }

    /// Number of chunks done.
    public var chunksDone: Int { done.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Number of sources whose searches are done (the sources of the chunks done).
    public var sourcesDone: Int {
        let chunks = ParallelSources.chunks(count: sources)
        return zip(chunks, done).reduce(0) { $0 + ($1.1 ? $1.0.count : 0) }
    }

    /// Whether every chunk is done.
    public var isComplete: Bool { !done.isEmpty && done.allSatisfy { $0 } }

    /// Whether this value can resume the pass `key` over `sources` sources:
    /// the chunk count, the vector count and lengths fit, and (for `brandes`)
    /// the chunks done are a prefix.
    public func fits(_ key: String, sources n: Int) -> Bool {
        guard sources == n, done.count == Self.chunkCount(sources: n) else { return false }
        let expected = key == SourceChunkCheckpointKey.brandes ? 1 : 3
        guard vectors.count == expected, vectors.allSatisfy({ $0.count == n }) else { return false }
        if key == SourceChunkCheckpointKey.brandes, let firstOpen = done.firstIndex(of: false) {
            return !done[firstOpen...].contains(true)
        }
        return true
    }
}

/// The keys of the passes a ``SourceChunkCheckpoint`` sees.
public enum SourceChunkCheckpointKey {
    /// The Brandes pass (betweenness, betweenness_raw).
    public static let brandes = "brandes"
    /// The distance pass towards each person (closeness_in, harmonic_in).
    public static let distancesIn = "distances-in"
    /// The distance pass from each person (closeness_out, harmonic_out).
    public static let distancesOut = "distances-out"
}

/// Where a long exact ``NodeMeasureTable`` keeps the chunks it has finished,
/// so that a stopped run can resume: the hooks of checkpointing, without any
/// knowledge of files.
///
/// For each exact all-sources pass (keys in ``SourceChunkCheckpointKey``), the
/// table first asks ``saved(_:)`` for what an earlier run finished. A value
/// that ``SourceChunkProgress/fits(_:sources:)`` is taken as done and only the
/// other chunks are searched; anything else starts the pass afresh. Then it
/// calls ``save(_:_:)`` each time chunks finish (every chunk of a distance
/// pass, every batch of `threads` chunks of the Brandes pass), one call at a
/// time, from any thread; the last call of a pass has every chunk done. The
/// resumed values are bit for bit those of a run never stopped, for any
/// thread counts before and after. Sampled (pivot) passes are not checkpointed.
///
/// Calls block the pass while they run; an implementation that writes a file
/// should write it whole and atomically, so that a run killed at any moment
/// leaves the previous complete state.
public protocol SourceChunkCheckpoint: AnyObject, Sendable {
    /// What an earlier run finished of the pass `key`, or `nil` to start it afresh.
    func saved(_ key: String) -> SourceChunkProgress?
    /// The pass `key` has got to `progress` (more chunks done than the last call).
    func save(_ key: String, _ progress: SourceChunkProgress)
}

// MARK: - The passes with checkpoints

/// ``brandesSums(_:sources:options:threads:progress:)`` over every node with a checkpoint.
func brandesSums(_ graph: Graph, options: BetweennessOptions, threads: Int, progress: ProgressHandler?, checkpoint: SourceChunkCheckpoint?) -> [Double] {
    guard let checkpoint else { return brandesSums(graph, sources: nil, options: options, threads: threads, progress: progress) }
    let key = SourceChunkCheckpointKey.brandes
    let n = graph.nodeCount
    let chunkCount = SourceChunkProgress.chunkCount(sources: n)
    var resume: (chunks: Int, total: [Double])?
    if let saved = checkpoint.saved(key), saved.fits(key, sources: n) {
        if saved.isComplete { return saved.vectors[0] }
        resume = (saved.chunksDone, saved.vectors[0])
    }
    return brandesSums(graph, sources: nil, options: options, threads: threads, progress: progress, resume: resume) { done, total in
        let flags = (0 ..< chunkCount).map { $0 < done }
        checkpoint.save(key, SourceChunkProgress(sources: n, done: flags, vectors: [Array(total)]))
    }
}

/// ``distanceSums(_:direction:distance:threads:progress:)`` (hop counts) with a checkpoint.
func distanceSums(_ graph: Graph, direction: PathDirection, threads: Int, progress: ProgressHandler?, checkpoint: SourceChunkCheckpoint?) -> DistanceSums {
    guard let checkpoint, direction != .undirected else {
        return distanceSums(graph, direction: direction, distance: nil, threads: threads, progress: progress)
    }
    let key = direction == .incoming ? SourceChunkCheckpointKey.distancesIn : SourceChunkCheckpointKey.distancesOut
    let n = graph.nodeCount
    let chunks = ParallelSources.chunks(count: n)
    var state = SourceChunkProgress(sources: n, done: [Bool](repeating: false, count: chunks.count),
                                    vectors: [[Double]](repeating: [Double](repeating: 0, count: n), count: 3))
    if let saved = checkpoint.saved(key), saved.fits(key, sources: n) { state = saved }
    if state.isComplete { return DistanceSums(state) }
    let box = ProgressBox(state)
    return distanceSums(graph, direction: direction, distance: nil, threads: threads, progress: progress,
                        restored: state) { c, buffers in
        // Called under the pass's lock, after chunk c's sources are written.
        box.state.done[c] = true
        for s in chunks[c] {
            box.state.vectors[0][s] = Double(buffers.reached[s])
            box.state.vectors[1][s] = buffers.distanceSum[s]
            box.state.vectors[2][s] = buffers.inverseSum[s]
        }
        checkpoint.save(key, box.state)
    }
}

/// The state a distance pass builds up chunk by chunk, touched only under its lock.
private final class ProgressBox: @unchecked Sendable {
    var state: SourceChunkProgress
    init(_ state: SourceChunkProgress) { self.state = state }
}

extension DistanceSums {
    /// The sums a complete progress value holds.
    init(_ progress: SourceChunkProgress) {
        reached = progress.vectors[0].map { Int($0) }
        distanceSum = progress.vectors[1]
        inverseSum = progress.vectors[2]
    }
}

extension NodeMeasureTable.Step {
    /// The ``SourceChunkCheckpoint`` key of this step, `nil` for a sampled step
    /// (not checkpointed).
    public var checkpointKey: String? {
        guard !isSampled, let first = measures.first else { return nil }
        switch first {
        case .betweenness, .betweennessRaw: return SourceChunkCheckpointKey.brandes
        case .closenessIn, .harmonicIn: return SourceChunkCheckpointKey.distancesIn
        case .closenessOut, .harmonicOut: return SourceChunkCheckpointKey.distancesOut
        default: return nil
        }
    }
}
