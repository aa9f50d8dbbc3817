#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output path really leads: symbolic links on it followed to their
/// final target (the target is written, the link stays), the folder resolved
/// (`..`, links), and what is there now.
struct OutputPath: Sendable {
    /// The path as given (for messages).
    var given: String
    /// The resolved folder that holds the target (absolute, no links).
    var folder: String
    /// The target's name in ``folder``.
    var name: String
    /// What is at the target now, or `nil` when nothing is.
    var existing: FileStatus?
    /// Folders that do not exist yet between the deepest existing one and
    /// ``folder`` (outermost first); empty unless resolved with `creatingFolders`.
    var missingFolders: [String]
    /// The given path with its folder resolved but its last name kept (a
    /// symbolic link itself, not its target).
    var named: String

    /// The target: ``folder`` and ``name`` joined.
    var target: String { joinPath(folder, name) }

    /// Resolves `path`. A symbolic link (or a chain of them, up to 40) is
    /// followed to the file it names, which need not exist. The folder must
    /// exist unless `creatingFolders`, in which case the missing ones are listed.
    /// - Throws: ``InputError`` (`.missingFile`) when a folder on the way is missing
    ///   or a file, or the path names no file (`out/`, `..`).
    static func resolve(_ path: String, creatingFolders: Bool = false) throws(InputError) -> OutputPath {
        guard !path.isEmpty else {
            throw InputError(.missingFile, file: path, "no output path given", hint: "name a file to write")
        }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var current = trimmed
        var existing: FileStatus?
        var hops = 0
        let (givenFolder, givenName) = splitPath(trimmed)
        var named: String?
        if givenName != "." && givenName != ".." && givenName != "/", let folder = resolvedPath(givenFolder) {
            named = joinPath(folder, givenName)
        }
        while true {
            switch fileStatus(current) {
            case .success(let status) where status.kind == .symbolicLink:
                hops += 1
                guard hops <= 40, let text = linkText(current) else {
                    throw InputError(.missingFile, file: path, "cannot follow the symbolic link: \(systemMessage(hops > 40 ? ELOOP : errno))",
                                     hint: "check where the link points")
                }
                current = text.hasPrefix("/") ? text : joinPath(splitPath(current).folder, text)
                continue
            case .success(let status):
                existing = status
            case .failure(let error) where error.code == ENOENT:
                existing = nil
            case .failure(let error) where error.code == ENOTDIR:
                throw InputError(.missingFile, file: path, "cannot write here: a folder on the path is a file",
                                 hint: "check the path; name a folder for the output (\(setting: .outputFolder))")
            case .failure(let error):
                throw InputError(outputErrorKind(error.code), file: path, "cannot write here: \(systemMessage(error.code))",
                                 hint: "check the path and that you may write there")
            }
            break
        }
        var (folder, name) = splitPath(current)
        // `.`, `..` or the root name a folder by itself: resolve the whole path.
        if name == "." || name == ".." || name.isEmpty || current == "/" {
            guard let whole = resolvedPath(current) else {
                throw InputError(.missingFile, file: path, "cannot write here: \(systemMessage(errno))", hint: "check the path")
            }
            if whole == "/" {
                return OutputPath(given: path, folder: "/", name: "", existing: existing, missingFolders: [], named: "/")
            }
            (folder, name) = splitPath(whole)
        }
        var missing: [String] = []
        var deepest = folder
        var resolvedFolder: String?
        while true {
            if let real = resolvedPath(deepest) {
                resolvedFolder = real
                break
            }
            let code = errno
            if code == ENOTDIR {
                throw InputError(.missingFile, file: path, "cannot write here: '\(deepest)' is a file, not a folder",
                                 hint: "name a folder for the output (\(setting: .outputFolder))")
            }
            guard code == ENOENT, creatingFolders else {
                throw InputError(.missingFile, file: path, code == ENOENT ? "cannot write here: the folder '\(folder)' does not exist" : "cannot write here: \(systemMessage(code))",
                                 hint: "check that the folder '\(folder)' exists and that you may write to it")
            }
            let (up, last) = splitPath(deepest)
            if last == ".." || last == "." || up == deepest {
                throw InputError(.missingFile, file: path, "cannot create the folder '\(folder)': \(systemMessage(code))", hint: "check the path")
            }
            if !last.isEmpty { missing.insert(last, at: 0) }
            deepest = up
        }
        var base = resolvedFolder ?? folder
        var created: [String] = []
        for part in missing {
            base = joinPath(base, part)
            created.append(base)
        }
        return OutputPath(given: path, folder: base, name: name, existing: existing, missingFolders: created,
                          named: named ?? joinPath(base, name))
    }

    /// Throws unless the target is a regular file or nothing: a folder, a
    /// named pipe, a device or a socket is refused (`.missingFile`, exit 66),
    /// since replacing it would destroy it and writing into it is not a file.
    func requireFileTarget() throws(InputError) {
        guard let existing, existing.kind != .regular else { return }
        if existing.kind == .directory {
            throw InputError(.missingFile, file: given, "cannot write here: this is a folder", hint: "name a file inside it")
        }
        throw InputError(.missingFile, file: given, "cannot write here: this is \(existing.kind.described), not a regular file",
                         hint: "StaffGraph writes regular files only; name a file")
    }
}
