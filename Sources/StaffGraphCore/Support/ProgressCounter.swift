import Dispatch

/// A progress callback of the long-running measures: `(done, total)` in the
/// measure's own units (sources searched, bytes read), called from any thread,
/// never concurrently, with `done` non-decreasing and ending at `total`.
///
/// Measures never print: the command-line tool turns these calls into a
/// progress bar. A callback does not change any result.
public typealias ProgressHandler = @Sendable (_ done: Int, _ total: Int) -> Void

/// Adds up work finished on several threads and reports the running total to
/// a ``ProgressHandler``, one call at a time (a semaphore orders them).
///
/// ```swift
/// let counter = ProgressCounter(progress, total: groups.count)   // nil without a handler
/// parallelChunks(count: groups.count) { range in …; counter?.add(range.count) }
/// ```
public final class ProgressCounter: @unchecked Sendable {
    private let handler: ProgressHandler
    private let total: Int
    private var done = 0
    private let lock = DispatchSemaphore(value: 1)

    /// A counter towards `total` units; `nil` when there is no handler.
    public init?(_ handler: ProgressHandler?, total: Int) {
        guard let handler else { return nil }
        self.handler = handler
        self.total = total
    }

    /// Records `units` more units done and reports the new total.
    public func add(_ units: Int) {
        lock.wait()
        done += units
        handler(done, total)
        lock.signal()
    }
}
