#if canImport(Dispatch)
import Dispatch
#endif
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How many threads the all-sources measures (betweenness, closeness) use.
///
/// Every such measure takes a `threads:` argument defaulting to
/// ``defaultThreads``; results do not depend on it (see ``ParallelSources``).
public enum Parallelism {
    /// Processor cores online when the process started (at least 1).
    public static let availableCores: Int = {
        #if canImport(Darwin) || canImport(Glibc) || canImport(Musl)
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return online > 0 ? Int(online) : 1
        #else
        return 1
        #endif
    }()

    /// The thread count used when a measure is not given one: ``availableCores``.
    public static var defaultThreads: Int { availableCores }
}

/// Runs single-source searches over every source node on several threads
/// with results that do not depend on the number of threads.
///
/// The sources `0..<count` are cut into at most ``chunkLimit`` contiguous
/// chunks whose bounds depend on `count` only, never on the thread count.
/// Each worker owns one preallocated workspace (BFS/Dijkstra scratch) that it
/// reuses for every source it handles, so nothing is allocated per source.
///
/// - ``forEachChunk(count:threads:progress:makeWorkspace:body:)`` is for measures where
///   each source writes only its own output slot (closeness): any schedule
///   gives the same bits.
/// - ``sum(count:length:threads:progress:makeWorkspace:body:)`` is for measures where
///   every source adds into every node (betweenness): each chunk accumulates
///   into its own zeroed partial vector, and partials are added into the total
///   strictly in chunk order, so 1 thread and 2 threads agree to the last bit.
///   Chunks run in batches of `threads`, which bounds the partial vectors to
///   `threads × length` doubles.
///
/// Threads come from `DispatchQueue.concurrentPerform`; with `threads == 1`
/// everything runs on the calling thread.
enum ParallelSources {
    /// The largest number of chunks the sources are cut into.
    static let chunkLimit = 64

    /// The fixed chunking of `0..<count`: `min(count, chunkLimit)` contiguous
    /// ranges of near-equal size, in order.
    static func chunks(count: Int) -> [Range<Int>] {
        let k = min(count, chunkLimit)
        guard k > 0 else { return [] }
        return (0 ..< k).map { c in (count * c / k) ..< (count * (c + 1) / k) }
    }

    /// Calls `body(range, workspace)` once for every chunk of `0..<count`,
    /// on up to `threads` threads, each with its own workspace. `body` must
    /// write only outputs owned by the sources in `range`.
    ///
    /// Checkpointing: chunks `c` with `skip[c]` are not run (their outputs are
    /// already in place), and `chunkDone(c)` is called after chunk `c` ends,
    /// one call at a time (under a lock), before the next chunk's report.
    static func forEachChunk<Workspace: AnyObject>(
        count: Int, threads: Int, progress: ProgressHandler? = nil,
        skip: [Bool] = [], chunkDone: ((Int) -> Void)? = nil,
        makeWorkspace: () -> Workspace,
        body: @escaping (Range<Int>, Workspace) -> Void
    ) {
        let chunks = chunks(count: count)
        let counter = ProgressCounter(progress, total: count)
        let pending = chunks.indices.filter { !(skip.indices.contains($0) && skip[$0]) }
        let skipped = chunks.indices.reduce(0) { $0 + (pending.contains($1) ? 0 : chunks[$1].count) }
        if skipped > 0 { counter?.add(skipped) }
        guard !pending.isEmpty else { return }
        let lock = DispatchSemaphore(value: 1)
        let workers = max(1, min(threads, pending.count))
        let job = ChunkJob(
            chunks: chunks,
            workspaces: (0 ..< workers).map { _ in makeWorkspace() },
            partials: UnsafeMutableBufferPointer(start: nil, count: 0),
            length: 0,
            body: { range, workspace, _ in body(range, workspace) },
            finished: { c in
                if let chunkDone {
                    lock.wait()
                    chunkDone(c)
                    lock.signal()
                }
                counter?.add(chunks[c].count)
            }
        )
        // Every worker takes the pending chunks worker, worker + workers, …
        job.perform(workers: workers) { job, worker in
            var k = worker
            while k < pending.count {
                let c = pending[k]
                job.body(job.chunks[c], job.workspaces[worker], job.partials)
                job.finished?(c)
                k += workers
            }
        }
    }

    /// The sum over all chunks of `0..<count` of the vectors `body` adds into
    /// (`body(range, workspace, partial)` receives a zeroed `partial` of
    /// `length` doubles). Partials are added in chunk order.
    ///
    /// Checkpointing: with `resume = (k, t)`, the first `k` chunks are taken
    /// as done and `t` as the sum of their partials (the running total after
    /// chunk `k − 1`), so the remaining chunks add onto it in the same order
    /// as an uninterrupted run: the same bits. After every batch,
    /// `batchDone(k, total)` is called on the calling thread with the number
    /// of chunks done so far (always a prefix) and the running total.
    static func sum<Workspace: AnyObject>(
        count: Int, length: Int, threads: Int, progress: ProgressHandler? = nil,
        resume: (chunks: Int, total: [Double])? = nil,
        batchDone: ((Int, UnsafeMutableBufferPointer<Double>) -> Void)? = nil,
        makeWorkspace: () -> Workspace,
        body: @escaping (Range<Int>, Workspace, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [Double] {
        let counter = ProgressCounter(progress, total: count)
        var total = [Double](repeating: 0, count: length)
        let chunks = chunks(count: count)
        guard !chunks.isEmpty, length > 0 else { return total }
        var first = 0
        if let resume, resume.total.count == length, resume.chunks > 0, resume.chunks <= chunks.count {
            total = resume.total
            first = resume.chunks
            counter?.add(chunks[0 ..< first].reduce(0) { $0 + $1.count })
        }
        guard first < chunks.count else { return total }
        let workers = max(1, min(threads, chunks.count))
        let partials = UnsafeMutableBufferPointer<Double>.allocate(capacity: workers * length)
        defer { partials.deallocate() }
        let job = ChunkJob(
            chunks: chunks,
            workspaces: (0 ..< workers).map { _ in makeWorkspace() },
            partials: partials,
            length: length,
            body: body
        )
        while first < chunks.count {
            let batch = min(workers, chunks.count - first)
            let start = first
            // Worker w runs chunk start + w into its own slot of `partials`.
            job.perform(workers: batch) { job, worker in
                let slot = UnsafeMutableBufferPointer(rebasing: job.partials[worker * job.length ..< (worker + 1) * job.length])
                slot.update(repeating: 0)
                job.body(job.chunks[start + worker], job.workspaces[worker], slot)
                counter?.add(job.chunks[start + worker].count)
            }
            total.withUnsafeMutableBufferPointer { t in
                for worker in 0 ..< batch {
                    let base = worker * length
                    for i in 0 ..< length { t[i] += partials[base + i] }
                }
            }
            first += batch
            if let batchDone {
                let done = first
                total.withUnsafeMutableBufferPointer { batchDone(done, $0) }
            }
        }
        return total
    }
}

/// What the workers of one ``ParallelSources`` call share: the chunk bounds,
/// one workspace per worker, the partial-sum slots and the per-chunk closure.
///
/// `@unchecked Sendable` is sound here because every worker index touches
/// only its own workspace and its own partial slot, reads the shared inputs
/// (graph buffers, chunk bounds) without writing them, and writes per-source
/// outputs only for the sources of its own chunks; `concurrentPerform`
/// returns only after every worker has finished.
///
/// Two details keep reference counting safe across threads: the per-chunk
/// closure is taken `@escaping` (a non-escaping closure's context may live on
/// the caller's stack), and the job travels to the workers as an unmanaged
/// +1 reference, so it is a heap object the optimizer cannot stack-promote.
/// (Carrying the same values in a generic struct holding a tuple with a
/// closure miscompiled with Swift 6.3 on Linux: concurrent copies corrupted
/// the closure context.)
private final class ChunkJob<Workspace: AnyObject>: @unchecked Sendable {
    let chunks: [Range<Int>]
    let workspaces: [Workspace]
    let partials: UnsafeMutableBufferPointer<Double>
    let length: Int
    let body: (Range<Int>, Workspace, UnsafeMutableBufferPointer<Double>) -> Void
    /// Called with a chunk's index once it is done (``ParallelSources/forEachChunk(count:threads:progress:skip:chunkDone:makeWorkspace:body:)``).
    let finished: ((Int) -> Void)?

    init(
        chunks: [Range<Int>], workspaces: [Workspace], partials: UnsafeMutableBufferPointer<Double>, length: Int,
        body: @escaping (Range<Int>, Workspace, UnsafeMutableBufferPointer<Double>) -> Void,
        finished: ((Int) -> Void)? = nil
    ) {
        self.chunks = chunks
        self.workspaces = workspaces
        self.partials = partials
        self.length = length
        self.body = body
        self.finished = finished
    }

    /// Runs `work(self, worker)` for `worker` in `0..<workers`, on the calling
    /// thread when `workers == 1`, otherwise with `concurrentPerform`.
    func perform(workers: Int, _ work: @escaping @Sendable (ChunkJob, Int) -> Void) {
        if workers == 1 {
            work(self, 0)
            return
        }
        let retained = Unmanaged.passRetained(self)
        defer { retained.release() }
        let address = UInt(bitPattern: retained.toOpaque())
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard let pointer = UnsafeRawPointer(bitPattern: address) else { return }
            work(Unmanaged<ChunkJob>.fromOpaque(pointer).takeUnretainedValue(), worker)
        }
    }
}
