import Dispatch
import StaffGraphCore
import StaffGraphIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `metrics --exact --checkpoint FILE`: the ``SourceChunkCheckpoint`` that keeps
/// the finished source chunks in FILE, written whole and atomically when chunks
/// finish (at most once a second, and at the end of each pass), so that a run
/// stopped at any moment (Ctrl-C, a closed terminal, a killed job) leaves a
/// complete checkpoint to resume from.
final class FileCheckpoint: SourceChunkCheckpoint, @unchecked Sendable {
    // `state`, `saves` and `failed` are guarded by `lock`.
    let path: String
    private var state: SourceCheckpointFile
    private let lock = DispatchSemaphore(value: 1)
    private var saves = 0
    private var failed = false
    /// What the file held when the run started (for the progress bars).
    let loaded: SourceCheckpointFile?

    /// Opens the checkpoint at `path` for a run of `identity`: the chunks an
    /// earlier run saved there, or none.
    /// - Throws: ``InputError``: `.usage` when `path` may not be written (an
    ///   input of the run, the `--output` file, a folder) or holds a checkpoint
    ///   of another network, measures or options; `.badData` when it is not a
    ///   complete checkpoint.
    init(path: String, output: String?, identity: SourceCheckpointIdentity) throws(InputError) {
        try SourceCheckpointFile.checkPath(path, output: output)
        self.path = path
        if let saved = try SourceCheckpointFile.read(path) {
            if let why = saved.mismatch(with: identity) {
                throw InputError(.usage, file: path, "cannot resume from this checkpoint: \(why)",
                                 hint: "run the command that saved it to resume it, or delete '\(path)' (or name another --checkpoint file) to start over")
            }
            state = saved
            loaded = saved
        } else {
            state = SourceCheckpointFile(identity: identity)
            loaded = nil
        }
    }

    func saved(_ key: String) -> SourceChunkProgress? {
        lock.wait()
        defer { lock.signal() }
        return state.progress(key)
    }

    /// Seconds between two writes of the file: the first save, the last of
    /// each pass and any save this long after the previous write are written, so
    /// a quick run does not spend its time syncing files, and a stopped one
    /// loses at most this long plus the chunks under way.
    static let interval: Double = 1
    private var lastWrite: UInt64?

    func save(_ key: String, _ progress: SourceChunkProgress) {
        lock.wait()
        defer { lock.signal() }
        state.set(key, progress)
        saves += 1
        let now = DispatchTime.now().uptimeNanoseconds
        let due = lastWrite.map { Double(now - $0) / 1e9 >= Self.interval } ?? true
        if due || progress.isComplete || stopsForTests(after: saves) {
            do {
                try state.write(to: path)
            } catch {
                // The run goes on without checkpoints; say so once.
                if !failed { printError("warning: cannot save the checkpoint: \(error.description); the run goes on, but cannot be resumed if stopped") }
                failed = true
            }
            lastWrite = DispatchTime.now().uptimeNanoseconds
        }
        if stopsForTests(after: saves) {
            kill(getpid(), SIGINT)
            // Hold the lock until the signal ends the process: no chunk is saved after the K-th.
            while true { sleep(1) }
        }
    }

    /// Sources already searched in `step` when the run started.
    func resumedSources(_ step: NodeMeasureTable.Step) -> Int {
        guard let key = step.checkpointKey, let saved = loaded?.progress(key), saved.fits(key, sources: step.searches) else { return 0 }
        return saved.sourcesDone
    }

    /// One line per pass saved in the file when the run started: "betweenness: 12 of 64 chunks".
    func resumeSummary(_ steps: [NodeMeasureTable.Step]) -> [String] {
        steps.compactMap { step in
            guard let key = step.checkpointKey, let saved = loaded?.progress(key), saved.fits(key, sources: step.searches), saved.chunksDone > 0 else { return nil }
            return "\(step.name) \(saved.chunksDone) of \(saved.done.count) chunks done"
        }
    }

    /// In debug builds only: with `STAFFGRAPH_TEST_STOP_AFTER_CHUNKS=K`, the
    /// process interrupts itself (SIGINT to the process, as Ctrl-C) once the
    /// K-th save is written, so tests can stop a run at a known point (the
    /// saving thread then waits, holding the lock, so that the checkpoint
    /// holds exactly K saves). Always `false` in release builds.
    private func stopsForTests(after saves: Int) -> Bool {
        #if DEBUG
        if let text = getenv("STAFFGRAPH_TEST_STOP_AFTER_CHUNKS"), let k = Int(String(cString: text)) { return saves == k }
        #endif
        return false
    }
}
