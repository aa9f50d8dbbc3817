#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files all at once and safely. Every output file StaffGraph
/// writes goes through here (or through ``AtomicFileGroup`` for folders):
///
/// - The text goes to a temporary file beside the destination; every write
///   and the close are checked, the file is flushed to disk (`fsync`) and
///   then renamed over the destination, and the folder is synced. A failed
///   run never leaves a partial file, and a failed write (disk full) is an
///   error naming the file and the system's reason (exit 74).
/// - An output that is an input of the run (``OutputGuard``), by any name, is
///   refused (exit 64).
/// - A symbolic link given as the output is written through: its target is
///   replaced, the link stays. A folder, named pipe, device or socket at the
///   destination is refused (exit 66) rather than replaced or opened.
/// - A replaced file keeps its permissions; a new one gets 644 (less the umask).
/// - Temporaries are removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP).
public enum AtomicFile {
    /// Writes `text` to `path` atomically.
    /// - Throws: ``InputError``: `.usage` (64) when `path` is an input of the run;
    ///   `.missingFile` (66) when its folder does not exist or cannot be written, or it is
    ///   a folder, pipe or device; `.writeFailed` (74) when writing fails (disk full).
    public static func write(_ text: String, to path: String) throws(InputError) {
        try write([(path: path, bytes: Array(text.utf8))])
    }

    /// Writes `bytes` to `path` atomically.
    /// - Throws: ``InputError`` as ``write(_:to:)-(String,_)``.
    public static func write(_ bytes: [UInt8], to path: String) throws(InputError) {
        try write([(path: path, bytes: bytes)])
    }

    /// Writes several files: every destination is checked first, then every
    /// temporary file is written, then all are renamed into place, so a refused
    /// or failed file leaves none of the others changed (short of a rename
    /// failing half way, which only a vanished folder causes).
    /// - Throws: ``InputError`` as ``write(_:to:)-(String,_)``, and `.usage` when two paths are the same file.
    public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(InputError) {
        // `-` (or /dev/stdout) is standard output, written after the files, checked like any result.
        let toStandardOutput = files.filter { isStandardOutput($0.path) }
        if !toStandardOutput.isEmpty {
            try write(files.filter { !isStandardOutput($0.path) })
            for file in toStandardOutput { try StandardOutput.write(file.bytes) }
            return
        }
        var targets: [OutputPath] = []
        for file in files {
            let target = try prepare(file.path)
            let sameFile = { (earlier: OutputPath) -> Bool in
                if earlier.target == target.target { return true }
                guard let a = earlier.existing, let b = target.existing else { return false }
                return a.isSameFile(as: b)
            }
            if let earlier = targets.first(where: sameFile) {
                throw InputError(.usage, file: file.path, "this is the same file as the output '\(earlier.given)' of this run",
                                 hint: "give each output its own file")
            }
            targets.append(target)
        }
        var temporaries: [Temporary] = []
        for (file, target) in zip(files, targets) {
            do {
                temporaries.append(try writeTemporary(file.bytes, beside: target))
            } catch {
                for t in temporaries { t.discard() }
                throw error
            }
        }
        pauseForTests(at: "written")
        for (k, target) in targets.enumerated() {
            if rename(temporaries[k].path, target.target) != 0 {
                let code = errno
                for t in temporaries[k...] { t.discard() }
                TemporaryFiles.drop(temporaries[..<k].map(\.ticket))
                throw InputError(outputErrorKind(code), file: target.given, "cannot write the file: \(systemMessage(code))",
                                 hint: "check that the folder still exists and that you may write to it")
            }
        }
        TemporaryFiles.drop(temporaries.map(\.ticket))
        var synced = Set<String>()
        for target in targets where synced.insert(target.folder).inserted { syncFolder(target.folder) }
    }

    /// Checks, without writing anything, that `path` may take an output of this
    /// run (it is not an input, a folder, a pipe or a device, and its folder
    /// exists), so that a command can stop before long work instead of after it.
    /// - Throws: ``InputError`` as ``write(_:to:)-(String,_)`` would for these reasons.
    public static func check(_ path: String) throws(InputError) {
        if isStandardOutput(path) { return }
        _ = try prepare(path)
    }

    /// Whether `path` names standard output rather than a file: `-` (the
    /// usual convention), `/dev/stdout`, `/dev/fd/1` or `/proc/self/fd/1`.
    /// Such an output is written to standard output as it is (no temporary
    /// file, no rename), and a failed write is still an error (exit 74).
    public static func isStandardOutput(_ path: String) -> Bool {
        path == "-" || path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1"
    }

    /// Resolves `path` and refuses what may not be replaced.
    static func prepare(_ path: String) throws(InputError) -> OutputPath {
        let target = try OutputPath.resolve(path)
        if target.name.isEmpty || path.hasSuffix("/") {
            throw InputError(.missingFile, file: path, "cannot write here: \(path.hasSuffix("/") ? "the path ends in '/', so it names a folder" : "this is a folder")",
                             hint: "name a file inside it")
        }
        try target.requireFileTarget()
        if let existing = target.existing, let input = OutputGuard.input(sameAs: existing) {
            throw OutputGuard.overwriteError(path, input: input)
        }
        return target
    }

    /// A temporary file, written and synced, waiting to be renamed into place.
    struct Temporary {
        var path: String
        var ticket: TemporaryFiles.Ticket?

        /// Removes it: it will not be renamed.
        func discard() {
            unlink(path)
            TemporaryFiles.drop(ticket)
        }
    }

    /// Writes `bytes` to a new temporary file beside `target` (`.name.tmp-XXXXXX`),
    /// with the permissions of the file it replaces, synced to disk.
    /// Nothing is left behind when this throws.
    static func writeTemporary(_ bytes: [UInt8], beside target: OutputPath) throws(InputError) -> Temporary {
        let stem = String(target.name.prefix(100))
        var attempt = 0
        while true {
            attempt += 1
            let path = joinPath(target.folder, ".\(stem).tmp-\(randomSuffix())")
            let ticket = TemporaryFiles.remove(path)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                let code = errno
                TemporaryFiles.drop(ticket)
                if code == EEXIST && attempt < 100 { continue }
                throw InputError(outputErrorKind(code), file: target.given, "cannot write here: \(systemMessage(code))",
                                 hint: "check that you may write to the folder '\(target.folder)'")
            }
            let temporary = Temporary(path: path, ticket: ticket)
            let code = fill(descriptor, with: bytes, permissions: target.existing?.permissions)
            if code != 0 {
                temporary.discard()
                throw InputError(outputErrorKind(code), file: target.given, "cannot write the file: \(systemMessage(code))",
                                 hint: isDeviceFailure(code) ? "check free disk space on the device that holds '\(target.folder)'" : "check free disk space and permissions")
            }
            return temporary
        }
    }

    /// Writes `bytes` to the new file open on `descriptor`, sets `permissions`
    /// (when replacing a file), syncs and closes it; every step checked.
    /// Returns 0, or the errno of the first failure. The descriptor is closed either way.
    static func fill(_ descriptor: Int32, with bytes: [UInt8], permissions: mode_t?) -> Int32 {
        var failure = bytes.withUnsafeBytes { writeFully(descriptor, $0) }
        if failure == 0, let permissions, fchmod(descriptor, permissions) != 0 { failure = errno }
        if failure == 0 && fsync(descriptor) != 0 && errno != EINVAL { failure = errno }
        if close(descriptor) != 0 && failure == 0 && errno != EINTR { failure = errno }
        return failure
    }
}
