import Dispatch

/// Runs a job over `0 ..< count` in a fixed number of contiguous chunks, on
/// `threads` threads (default: every core, ``Parallelism/defaultThreads``), and
/// returns one partial result per chunk in chunk order.
///
/// The chunk boundaries depend only on `count` and `chunks`, never on the number
/// of threads, and callers combine the partial results in chunk order, so one
/// core and many cores produce the same bits, floating-point sums included.
/// Each chunk typically allocates its own scratch buffers once.
///
/// ```swift
/// let partial = parallelChunks(count: graph.nodeCount) { range in
///     range.reduce(0) { $0 + graph.outDegree($1) }
/// }
/// let ties = partial.reduce(0, +)   // == graph.edgeCount
/// ```
/// - Parameters:
///   - count: number of items (nodes, permutations …).
///   - chunks: number of chunks (default 64); fewer when `count` is smaller.
///   - threads: how many threads run the chunks; the result does not depend on it.
///   - body: computes the partial result of one chunk's range; it runs concurrently with other chunks.
/// - Returns: `max(1, min(chunks, count))` partial results, chunk `c` covering
///   `c·count/k ..< (c+1)·count/k`.
/// - Complexity: the work of `body` over all chunks, plus O(chunks).
public func parallelChunks<Partial: Sendable>(count: Int, chunks: Int = 64, threads: Int = Parallelism.defaultThreads, _ body: @Sendable (Range<Int>) -> Partial) -> [Partial] {
    let k = max(1, min(chunks, count))
    let ranges = (0 ..< k).map { c in (c * count / k) ..< ((c + 1) * count / k) }
    let workers = max(1, min(threads, k))
    if workers == 1 { return ranges.map(body) }
    let slots = ResultSlots<Partial>(count: k)
    // Worker w runs chunks w, w + workers, …: which thread runs a chunk never changes its result.
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        for c in stride(from: w, to: k, by: workers) { slots.store(body(ranges[c]), at: c) }
    }
    return slots.collect()
}

/// A buffer that the chunks of one ``parallelChunks(count:chunks:threads:_:)``
/// pass share, for passes in which every chunk writes only positions that no
/// other chunk reads or writes in that pass (its own ties, people or cursors);
/// `parallelChunks` returns before anything written is read elsewhere. The
/// caller keeps the underlying array alive and unmoved (inside its
/// `withUnsafe…BufferPointer`) while the pass runs, which is what makes the
/// `@unchecked Sendable` sound.
package struct SharedBuffer<Element>: @unchecked Sendable {
    /// The shared buffer, to be taken inside the chunk's body.
    package let buffer: UnsafeMutableBufferPointer<Element>

    /// Shares a mutable buffer.
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
    /// Shares a buffer that the pass only reads.
    package init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = UnsafeMutableBufferPointer(mutating: buffer) }
}

/// One write-once slot per chunk. Each slot is written by exactly one chunk
/// and read only after `concurrentPerform` returns, which orders the accesses.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func store(_ value: T, at index: Int) { base[index] = value }

    func collect() -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for i in 0 ..< count {
            guard let value = base[i] else { preconditionFailure("chunk \(i) produced no result") }
            out.append(value)
        }
        return out
    }
}
