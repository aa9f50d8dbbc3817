#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a folder of output files as a whole: the folder after a run holds
/// exactly that run's files, or, when the run fails, what it held before.
///
/// The files are written (every write checked, each file synced) into a new
/// temporary folder beside the destination, `.NAME.tmp-XXXXXX`. When all are
/// written, a folder already at the destination is renamed aside, the new one
/// renamed in, and the old one removed: files an earlier run wrote and this
/// one does not (maps of a wave no longer compared, a group no longer there)
/// are gone. When the destination cannot be swapped (it is a mount point, or
/// its parent folder is not writable), the files are moved in one by one
/// instead and the earlier run's other files removed.
///
/// User data is never deleted: the folder gets a marker file, ``markerName``,
/// listing the files StaffGraph wrote. An existing folder is replaced only if
/// everything in it is listed there or is a file this run writes (a folder
/// from before the marker existed); anything else (a file the user added)
/// stops the write with a `.missingFile` error (exit 66) naming it. A folder
/// holding an input of the run (``OutputGuard``) is refused with a `.usage`
/// error (exit 64), as is the current folder or one holding it (`-o .`).
/// A symbolic link to a folder is written through: its target is replaced.
/// Temporaries are removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP).
public enum AtomicFileGroup {
    /// The marker file in every folder StaffGraph writes: the names of the
    /// files it wrote there, one per line.
    public static let markerName = ".staffgraph"

    /// Writes `files` (name inside `folder` → text) as the folder's whole
    /// content, creating it and its parents if needed. A name may hold folders
    /// (`Adams/trend.csv`), which are created too.
    /// - Throws: ``InputError``: `.usage` (64) when the folder holds an input of the
    ///   run; `.missingFile` (66) when it cannot be created, is a file, or holds files
    ///   StaffGraph did not write; `.writeFailed` (74) when writing fails (disk full).
    public static func write(_ files: [(name: String, text: String)], into folder: String) throws(InputError) {
        try write(files.map { (name: $0.name, bytes: Array($0.text.utf8)) }, into: folder)
    }

    /// Writes `files` (name inside `folder` → bytes, for images as well as
    /// text) as the folder's whole content, all or nothing, as the text version does.
    /// - Throws: ``InputError`` as ``write(_:into:)-(_,String)``.
    public static func write(_ files: [(name: String, bytes: [UInt8])], into folder: String) throws(InputError) {
        try write(files, into: folder, swapping: true)
    }

    /// The write; `swapping: false` replaces an existing folder's files in place,
    /// as when it cannot be swapped (tests reach that path this way).
    static func write(_ files: [(name: String, bytes: [UInt8])], into folder: String, swapping: Bool) throws(InputError) {
        try validate(files.map(\.name), folder: folder)
        let destination = try prepare(folder)
        let names = files.map(\.name)
        let marker = markerText(names)
        var previous: [(path: String, isFolder: Bool)] = []
        if destination.existing != nil {
            previous = try approve(destination, newNames: names)
        }
        let stem = String((destination.name.isEmpty ? "output" : destination.name).prefix(100))
        guard let existing = destination.existing else {
            // A new folder: create its parents, build it beside, rename it in.
            var created: [String] = []
            for path in destination.missingFolders {
                if mkdir(path, 0o755) != 0 && errno != EEXIST {
                    let code = errno
                    removeFolders(created)
                    throw InputError(outputErrorKind(code), file: folder, "cannot create the folder '\(path)': \(systemMessage(code))",
                                     hint: "check the path and that you may write there")
                }
                created.append(path)
            }
            do throws(InputError) {
                let built = try build(files, marker: marker, in: destination.folder, stem: stem, reportAs: folder, permissions: nil)
                pauseForTests(at: "written")
                if rename(built.root, destination.target) != 0 {
                    let code = errno
                    built.discard()
                    throw InputError(outputErrorKind(code), file: folder, "cannot create the folder: \(systemMessage(code))",
                                     hint: "check the path and that you may write there")
                }
                TemporaryFiles.drop(built.tickets)
            } catch {
                removeFolders(created)
                throw error
            }
            syncFolder(destination.folder)
            return
        }
        // An existing folder: swap when it can be renamed in its parent, else replace its files in place.
        if swapping, access(destination.folder, W_OK) == 0,
           case .success(let parent) = fileStatus(destination.folder, followingLinks: true), parent.device == existing.device {
            let built = try build(files, marker: marker, in: destination.folder, stem: stem, reportAs: folder, permissions: existing.permissions)
            pauseForTests(at: "written")
            if try swap(built, into: destination, reportAs: folder) { return }
        }
        try replaceInPlace(files, marker: marker, previous: previous, destination: destination, reportAs: folder)
    }

    /// Checks, before any work, that `folder` may take a group of outputs of
    /// this run: it is not a file, the current folder or one holding it, and
    /// holds no input of the run. (Whether it holds files StaffGraph did not
    /// write is checked when writing, against the names written.)
    /// - Throws: ``InputError`` as ``write(_:into:)-(_,String)`` would for these reasons.
    public static func check(_ folder: String) throws(InputError) {
        _ = try prepare(folder)
    }

    // MARK: - Checks

    /// Every name must be a relative path of plain names, not the marker, given once.
    private static func validate(_ names: [String], folder: String) throws(InputError) {
        var seen = Set<String>()
        for name in names {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            let bad = name.isEmpty || name.hasPrefix("/") || name == markerName || name.contains("\n") || name.contains("\0")
                || parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            if bad {
                throw InputError(.usage, file: folder, "cannot write a file named '\(name)' into the folder",
                                 hint: "name each file by a relative path of plain names")
            }
            if !seen.insert(name).inserted {
                throw InputError(.usage, file: joinPath(folder, name), "this file is written twice into the folder",
                                 hint: "give each output its own name")
            }
        }
    }

    /// Resolves `folder` and refuses what may not be replaced.
    private static func prepare(_ folder: String) throws(InputError) -> OutputPath {
        let destination = try OutputPath.resolve(folder.isEmpty ? "." : folder, creatingFolders: true)
        if let existing = destination.existing, existing.kind != .directory {
            throw InputError(.missingFile, file: folder, "cannot write here: this is \(existing.kind == .regular ? "a file" : existing.kind.described), not a folder",
                             hint: "name a folder for the output (\(setting: .outputFolder))")
        }
        if destination.name.isEmpty {
            throw InputError(.missingFile, file: folder, "cannot replace the root folder", hint: "name a new folder for the output (\(setting: .outputFolder))")
        }
        if let input = OutputGuard.input(inside: destination.target, named: destination.named) {
            throw OutputGuard.folderHoldsInputError(folder, input: input)
        }
        if let current = currentFolder(), isPath(current, inside: destination.target) {
            throw InputError(.missingFile, file: folder, "cannot replace the current folder, or a folder that holds it, with the output",
                             hint: "name a new folder inside it (\(setting: .outputFolder))")
        }
        return destination
    }

    /// Surveys the existing folder: every entry must be the marker, a file the
    /// marker lists, or a file this run writes (and the folders holding them).
    /// Returns those entries, deepest last; throws naming anything else, or an
    /// input of the run found inside (a hard link).
    private static func approve(_ destination: OutputPath, newNames: [String]) throws(InputError) -> [(path: String, isFolder: Bool)] {
        let root = destination.target
        var allowed = Set(newNames)
        if let bytes = readOwnFile(joinPath(root, markerName)) {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
                allowed.insert(String(line))
            }
        }
        var allowedFolders = Set<String>()
        for name in allowed {
            var parts = name.split(separator: "/")
            while parts.count > 1 {
                parts.removeLast()
                allowedFolders.insert(parts.joined(separator: "/"))
            }
        }
        var entries: [(path: String, isFolder: Bool)] = []
        var foreign: [String] = []
        var input: OutputGuard.Input?
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? root : joinPath(root, relative)
            guard case .success(let names) = folderEntries(folder) else {
                foreign.append(relative.isEmpty ? "." : relative + "/ (cannot be read)")
                return
            }
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty && (name == markerName || name.hasPrefix(markerName + ".tmp-")) {
                    entries.append((path, false))
                    continue
                }
                guard case .success(let status) = fileStatus(joinPath(root, path)) else { continue }
                switch status.kind {
                case .directory:
                    if allowedFolders.contains(path) {
                        walk(path)
                        entries.append((path, true))
                    } else {
                        foreign.append(path + "/")
                    }
                case .regular, .symbolicLink:
                    if status.kind == .regular, input == nil, let found = OutputGuard.input(sameAs: status) { input = found }
                    if allowed.contains(path) { entries.append((path, false)) } else { foreign.append(path) }
                default:
                    foreign.append(path)
                }
            }
        }
        walk("")
        if let input { throw OutputGuard.folderHoldsInputError(destination.given, input: input) }
        if !foreign.isEmpty {
            let shown = foreign.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
            throw InputError(.missingFile, file: destination.given,
                             "cannot replace this folder: it holds \(foreign.count == 1 ? "something" : "things") StaffGraph did not write: \(shown)",
                             hint: "name a new or empty folder for the output (\(setting: .outputFolder)), or move those away")
        }
        return entries
    }

    /// The marker's text: a comment, then the names written.
    private static func markerText(_ names: [String]) -> [UInt8] {
        let text = "# Written by StaffGraph: the files below. The next StaffGraph run writing to this folder\n"
            + "# replaces it whole, and refuses to if it holds anything else.\n"
            + names.map { $0 + "\n" }.joined()
        return Array(text.utf8)
    }

    // MARK: - Building

    /// A complete folder of new files, waiting to be renamed into place.
    private struct Built {
        var root: String
        var tickets: [TemporaryFiles.Ticket?]

        /// Removes it: it will not be renamed.
        func discard() {
            removeTree(root)
            TemporaryFiles.drop(tickets)
        }
    }

    /// Writes `files` and the marker into a new temporary folder in `parent`,
    /// every file synced. Nothing is left behind when this throws.
    private static func build(_ files: [(name: String, bytes: [UInt8])], marker: [UInt8], in parent: String, stem: String,
                              reportAs folder: String, permissions: mode_t?) throws(InputError) -> Built {
        var built = Built(root: "", tickets: [])
        var attempt = 0
        while true {
            attempt += 1
            let root = joinPath(parent, ".\(stem).tmp-\(randomSuffix())")
            let ticket = TemporaryFiles.remove(root)
            if mkdir(root, 0o755) == 0 {
                built = Built(root: root, tickets: [ticket])
                break
            }
            let code = errno
            TemporaryFiles.drop(ticket)
            if code == EEXIST && attempt < 100 { continue }
            throw InputError(outputErrorKind(code), file: folder, "cannot write here: \(systemMessage(code))",
                             hint: "check that you may write to the folder '\(parent)'")
        }
        var folders: [String] = [built.root]
        var made = Set<String>()
        for file in files + [(name: markerName, bytes: marker)] {
            let parts = file.name.split(separator: "/").map(String.init)
            var path = built.root
            for part in parts.dropLast() {
                path = joinPath(path, part)
                if made.insert(path).inserted {
                    let ticket = TemporaryFiles.remove(path)
                    built.tickets.append(ticket)
                    if mkdir(path, 0o755) != 0 {
                        let code = errno
                        built.discard()
                        throw InputError(outputErrorKind(code), file: joinPath(folder, file.name), "cannot create the folder: \(systemMessage(code))",
                                         hint: "check free disk space and permissions")
                    }
                    folders.append(path)
                }
            }
            path = joinPath(path, parts.last ?? file.name)
            built.tickets.append(TemporaryFiles.remove(path))
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            let code = descriptor < 0 ? errno : AtomicFile.fill(descriptor, with: file.bytes, permissions: nil)
            if code != 0 {
                built.discard()
                throw InputError(outputErrorKind(code), file: joinPath(folder, file.name), "cannot write the file: \(systemMessage(code))",
                                 hint: isDeviceFailure(code) ? "check free disk space on the device that holds '\(parent)'" : "check free disk space and permissions")
            }
        }
        for path in folders.reversed() { syncFolder(path) }
        // The replaced folder's permissions, set last so that a read-only one could still be filled.
        if let permissions { _ = chmod(built.root, permissions) }
        return built
    }

    // MARK: - Putting it in place

    /// Moves the existing folder aside, renames `built` in and removes the old
    /// one. Returns `false`, with nothing changed and `built` removed, when the
    /// existing folder cannot be moved (a mount point, a parent that refuses).
    private static func swap(_ built: Built, into destination: OutputPath, reportAs folder: String) throws(InputError) -> Bool {
        let stem = String(destination.name.prefix(100))
        var aside = ""
        var asideTicket: TemporaryFiles.Ticket?
        var attempt = 0
        while true {
            attempt += 1
            aside = joinPath(destination.folder, ".\(stem).old-\(randomSuffix())")
            asideTicket = TemporaryFiles.remove(aside)
            if mkdir(aside, 0o700) == 0 { break }
            let code = errno
            TemporaryFiles.drop(asideTicket)
            if code == EEXIST && attempt < 100 { continue }
            built.discard()
            return false
        }
        // If the process stops between the two renames, the handler puts the old folder back.
        let restoreTicket = TemporaryFiles.restore(aside, to: destination.target)
        if rename(destination.target, aside) != 0 {
            rmdir(aside)
            TemporaryFiles.drop([restoreTicket, asideTicket])
            built.discard()
            return false
        }
        pauseForTests(at: "swapping")
        if rename(built.root, destination.target) != 0 {
            let code = errno
            rename(aside, destination.target)
            TemporaryFiles.drop([restoreTicket, asideTicket])
            built.discard()
            throw InputError(outputErrorKind(code), file: folder, "cannot put the new folder in place: \(systemMessage(code))",
                             hint: "check that you may write to the folder '\(destination.folder)'")
        }
        TemporaryFiles.drop([restoreTicket])
        TemporaryFiles.drop(built.tickets)
        syncFolder(destination.folder)
        removeTree(aside)
        TemporaryFiles.drop(asideTicket)
        return true
    }

    /// Builds the files in a temporary folder inside the destination, moves
    /// each into place, then removes the earlier run's other files (those in
    /// `previous`). Each file is replaced atomically, the folder as a whole is not.
    private static func replaceInPlace(_ files: [(name: String, bytes: [UInt8])], marker: [UInt8], previous: [(path: String, isFolder: Bool)],
                                       destination: OutputPath, reportAs folder: String) throws(InputError) {
        let root = destination.target
        let built = try build(files, marker: marker, in: root, stem: markerName, reportAs: folder, permissions: nil)
        pauseForTests(at: "written")
        var placed = Set<String>()
        for name in files.map(\.name) + [markerName] {
            let parts = name.split(separator: "/").map(String.init)
            var path = root
            for part in parts.dropLast() {
                path = joinPath(path, part)
                if mkdir(path, 0o755) == 0 { continue }
                if errno == EEXIST, case .success(let status) = fileStatus(path), status.kind == .directory { continue }
                let code = errno
                built.discard()
                throw InputError(outputErrorKind(code), file: joinPath(folder, name), "cannot create the folder: \(systemMessage(code))",
                                 hint: "check free disk space and permissions")
            }
            if rename(joinPath(built.root, name), joinPath(root, name)) != 0 {
                let code = errno
                built.discard()
                throw InputError(outputErrorKind(code), file: joinPath(folder, name), "cannot write the file: \(systemMessage(code))",
                                 hint: "check free disk space and permissions")
            }
            placed.insert(name)
            var prefix = parts.dropLast()
            while !prefix.isEmpty {
                placed.insert(prefix.joined(separator: "/"))
                prefix.removeLast()
            }
        }
        built.discard()
        // `previous` lists a folder after what it holds, so folders are empty when their turn comes.
        for entry in previous where !placed.contains(entry.path) && !entry.path.hasPrefix(markerName + ".tmp-") {
            let path = joinPath(root, entry.path)
            if entry.isFolder { rmdir(path) } else { unlink(path) }
        }
        for entry in previous where entry.path.hasPrefix(markerName + ".tmp-") { removeTree(joinPath(root, entry.path)) }
        syncFolder(root)
    }

    /// Removes folders this write created, innermost first.
    private static func removeFolders(_ folders: [String]) {
        for folder in folders.reversed() { rmdir(folder) }
    }
}
