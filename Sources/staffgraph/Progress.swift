import Dispatch
import StaffGraphCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error for one step that may take a while
/// (import, an all-sources measure, per-group panels, a layout).
///
/// It is drawn only when standard error is a terminal, and only once the step
/// has lasted a second (`STAFFGRAPH_PROGRESS_DELAY` seconds, for tests), so
/// quick runs, pipes and log files never see it; it redraws at most ten times a
/// second from a timer and erases itself when the step ends. Steps that report
/// no units (a Graphviz layout) show the elapsed time only.
final class ProgressBar: @unchecked Sendable {
    // Mutable state is guarded by `lock`; the timer and the measure's threads both call in.
    private let label: String
    private let delay: Double
    /// Seconds the whole step is expected to take, shown as time left before the first unit is done.
    private let estimate: Double?
    /// Units done before the step started (resumed from a checkpoint): they count towards the
    /// share done but not towards the speed the time left is estimated from.
    private let resumed: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private let lock = DispatchSemaphore(value: 1)
    private var done = 0
    private var total = 0
    private var drawn = false
    private var finished = false
    private let timer: DispatchSourceTimer

    /// Whether bars are drawn at all: standard error is a terminal.
    static let enabled = isatty(2) != 0

    /// How long a step runs before its bar appears, in seconds.
    static let delay: Double = {
        if let text = getenv("STAFFGRAPH_PROGRESS_DELAY"), let value = Double(String(cString: text)), value >= 0 { return value }
        return 1
    }()

    private init(_ label: String, delay: Double, estimate: Double?, resumed: Int) {
        self.label = label
        self.delay = delay
        self.estimate = estimate
        self.resumed = resumed
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
    }

    /// Starts a bar for `label`, or returns `nil` when standard error is not a terminal.
    static func start(_ label: String, estimate: Double? = nil, resumed: Int = 0) -> ProgressBar? {
        guard enabled, Live.shared.claim() else { return nil }
        let bar = ProgressBar(label, delay: delay, estimate: estimate, resumed: resumed)
        bar.timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
        bar.timer.setEventHandler { [weak bar] in bar?.tick() }
        bar.timer.resume()
        return bar
    }

    /// The handler to give a measure: records `(done, total)`; drawing is the timer's job.
    var handler: ProgressHandler {
        { [self] done, total in
            lock.wait()
            self.done = done
            self.total = total
            lock.signal()
        }
    }

    private func tick() {
        lock.wait()
        defer { lock.signal() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard !finished, elapsed >= delay else { return }
        drawn = true
        writeError("\r\u{1B}[2K" + ProgressBar.line(label, done: done, total: total, elapsed: elapsed, estimate: estimate, resumed: resumed))
    }

    /// Stops the bar and erases it if it was drawn.
    func finish() {
        timer.cancel()
        lock.wait()
        finished = true
        if drawn { writeError("\r\u{1B}[2K") }
        lock.signal()
        Live.shared.release()
    }

    /// Whether a bar is on the line: one at a time, so a step inside another
    /// (a measure inside a `--per` group running beside others) draws none and
    /// the outer bar keeps the line.
    private final class Live: @unchecked Sendable {
        static let shared = Live()
        private let lock = DispatchSemaphore(value: 1)
        private var active = false

        func claim() -> Bool {
            lock.wait()
            defer { lock.signal() }
            if active { return false }
            active = true
            return true
        }

        func release() {
            lock.wait()
            active = false
            lock.signal()
        }
    }

    /// One line of the bar: `label [#########.........]  45%  3 s, about 4 s left`, or
    /// `label …  3 s` when the step reports no total. Time left is the elapsed
    /// time scaled by the share still to do, once some is done; before that,
    /// `estimate` (seconds for what is left of the step), if known. `resumed`
    /// units were done before this run (a checkpoint): they fill the bar but
    /// not the speed, which counts only the units done in this run.
    static func line(_ label: String, done: Int, total: Int, elapsed: Double, estimate: Double? = nil, resumed: Int = 0, width: Int = 30) -> String {
        let seconds = "\(Int(elapsed)) s"
        guard total > 0 else { return "\(label) …  \(seconds)" }
        let share = min(1, max(0, Double(done) / Double(total)))
        let filled = Int(share * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = String(Int(share * 100))
        var left: Double?
        let doneHere = done - resumed
        if doneHere > 0 && done < total { left = elapsed * Double(total - done) / Double(doneHere) }
        else if doneHere <= 0 && done < total, let estimate { left = max(0, estimate - elapsed) }
        let remaining = left.map { ", about \(durationWords($0)) left" } ?? ""
        return "\(label) [\(bar)] \(String(repeating: " ", count: max(0, 3 - percent.count)))\(percent)%  \(seconds)\(remaining)"
    }

    /// "40 s", "3 min", "1 h 20 min".
    static func durationWords(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 90 { return "\(s) s" }
        if s < 5400 { return "\((s + 30) / 60) min" }
        return "\(s / 3600) h \((s % 3600 + 30) / 60) min"
    }
}

/// Runs `body` with a progress bar labelled `label` (see ``ProgressBar``);
/// `body` receives the handler to give the measure, `nil` when no bar is shown.
///
/// `resumed`: units done before the step started (resumed from a checkpoint).
func withProgress<T, E: Error>(_ label: String, estimate: Double? = nil, resumed: Int = 0, _ body: (ProgressHandler?) throws(E) -> T) throws(E) -> T {
    let bar = ProgressBar.start(resumed > 0 ? "\(label) (resumed)" : label, estimate: estimate, resumed: resumed)
    defer { bar?.finish() }
    return try body(bar?.handler)
}

/// The same for an asynchronous step (a Graphviz layout).
func withProgress<T>(_ label: String, estimate: Double? = nil, _ body: (ProgressHandler?) async throws -> T) async rethrows -> T {
    let bar = ProgressBar.start(label, estimate: estimate)
    defer { bar?.finish() }
    return try await body(bar?.handler)
}

/// Writes text to standard error as it is, without a newline.
private func writeError(_ text: String) {
    var stream = StandardError()
    stream.write(text)
}
