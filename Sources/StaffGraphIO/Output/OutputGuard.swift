import Foundation

/// Keeps a run from writing over its own inputs.
///
/// While ``tracking(_:)`` runs, every file StaffGraphIO reads (edge lists,
/// rosters, survey exports, specs, network files: all go through one reader)
/// is registered with its device and inode, after symbolic links are
/// resolved. ``AtomicFile`` then refuses an output that is one of those files
/// (by whatever name: `./edges.csv`, a symbolic link, a hard link, a path
/// with `..`), and ``AtomicFileGroup`` refuses to replace a folder that holds
/// one, each with a ``InputError/Kind/usage`` error (exit 64) naming both.
///
/// The registry is process-wide (behind a lock): readers on any thread
/// register into it. Scopes may nest or overlap; the inputs are forgotten when
/// the last one ends. Outside any scope nothing is registered, so a program
/// that reads a file and later saves over it, on purpose, is not stopped.
///
/// ```swift
/// try OutputGuard.tracking {
///     let roster = try RosterReader.read("roster.csv")
///     try AtomicFile.write(text, to: "roster.csv")   // refused: an input of this run
/// }
/// ```
public enum OutputGuard {
    /// One file read during the run.
    public struct Input: Sendable, Equatable {
        /// The path as the reader was given it (for messages).
        public var path: String
        /// The file's absolute path with every symbolic link resolved.
        public var resolvedPath: String?
        /// The absolute path of the name given: its folder resolved, the name
        /// itself kept even when it is a symbolic link (so that a link inside
        /// an output folder counts as inside it).
        public var namedPath: String?
        /// The file's device (`st_dev`).
        public var device: UInt64
        /// The file's inode (`st_ino`).
        public var inode: UInt64
    }

    /// Runs `body` with the files it reads registered as the run's inputs.
    public static func tracking<T>(_ body: () throws -> T) rethrows -> T {
        Registry.shared.begin()
        defer { Registry.shared.end() }
        return try body()
    }

    /// Runs `body` (asynchronous) with the files it reads registered as the run's inputs.
    public static func tracking<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T) async rethrows -> T {
        Registry.shared.begin()
        defer { Registry.shared.end() }
        return try await body()
    }

    /// Whether a ``tracking(_:)`` scope is open.
    public static var isTracking: Bool { Registry.shared.isTracking }

    /// The inputs registered so far, in the order first read.
    public static var inputs: [Input] { Registry.shared.inputs }

    /// Registers `path` as an input of the run, for a file read by other means
    /// than StaffGraphIO's readers (which register their files themselves).
    /// Does nothing outside ``tracking(_:)`` or when the file cannot be found.
    public static func registerInput(_ path: String) {
        guard Registry.shared.isTracking, case .success(let status) = fileStatus(path, followingLinks: true) else { return }
        Registry.shared.add(path: path, status: status)
    }

    /// Registers the file open on `descriptor`, read from `path`.
    static func registerInput(_ path: String, descriptor: Int32) {
        guard Registry.shared.isTracking, let status = fileStatus(descriptor: descriptor) else { return }
        Registry.shared.add(path: path, status: status)
    }

    /// The input that is the same file as `status`, if any.
    static func input(sameAs status: FileStatus) -> Input? {
        inputs.first { $0.device == status.device && $0.inode == status.inode }
    }

    /// The first input inside the folder `resolved` (absolute, links resolved), or named inside `named`.
    static func input(inside resolved: String, named: String?) -> Input? {
        inputs.first { input in
            if let path = input.resolvedPath, isPath(path, inside: resolved) { return true }
            if let path = input.namedPath, isPath(path, inside: resolved) { return true }
            if let named, let path = input.namedPath, isPath(path, inside: named) { return true }
            return false
        }
    }

    /// The error for an output `path` that is `input`.
    static func overwriteError(_ path: String, input: Input) -> InputError {
        let same = input.path == path ? "this is an input of this run" : "this is '\(input.path)', an input of this run"
        let alias = input.path != path ? " (the same file by another name)" : ""
        return InputError(.usage, file: path, "\(same)\(alias): writing the output here would overwrite it",
                          hint: "write the output to another file")
    }

    /// The error for an output folder `path` that holds `input`.
    static func folderHoldsInputError(_ path: String, input: Input) -> InputError {
        InputError(.usage, file: path, "this folder holds '\(input.path)', an input of this run: writing the output here would replace the folder and delete it",
                   hint: "write to another folder (\(setting: .outputFolder))")
    }
}

/// The process-wide registry of inputs, behind a lock.
private final class Registry: @unchecked Sendable {
    static let shared = Registry()
    private let lock = NSLock()
    private var depth = 0
    private var registered: [OutputGuard.Input] = []

    func begin() {
        lock.lock()
        depth += 1
        lock.unlock()
    }

    func end() {
        lock.lock()
        depth -= 1
        if depth <= 0 { depth = 0; registered = [] }
        lock.unlock()
    }

    var isTracking: Bool {
        lock.lock()
        defer { lock.unlock() }
        return depth > 0
    }

    var inputs: [OutputGuard.Input] {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    func add(path: String, status: FileStatus) {
        let resolved = resolvedPath(path)
        let (folder, name) = splitPath(path)
        let named = resolvedPath(folder).map { joinPath($0, name) }
        let input = OutputGuard.Input(path: path, resolvedPath: resolved, namedPath: named, device: status.device, inode: status.inode)
        lock.lock()
        defer { lock.unlock() }
        guard depth > 0, !registered.contains(input) else { return }
        registered.append(input)
    }
}
