#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes several output files together: every file first goes to a temporary
/// file in the destination folder, and only when all of them are written are
/// they renamed into place. A failure leaves no new file behind (and removes
/// any folder it created).
public enum AtomicFileGroup {
    /// Writes `files` (name inside `folder` → text) into `folder`, creating it
    /// and its parents if needed. A name may hold folders (`Adams/trend.csv`),
    /// which are created too.
    /// - Throws: ``InputError`` (`.missingFile`, exit 66) if the folder cannot be
    ///   created or a file cannot be written.
    public static func write(_ files: [(name: String, text: String)], into folder: String) throws(InputError) {
        try write(files.map { (name: $0.name, bytes: Array($0.text.utf8)) }, into: folder)
    }

    /// Writes `files` (name inside `folder` → bytes, for images as well as
    /// text) into `folder`, all or nothing, as the text version does.
    /// - Throws: ``InputError`` (`.missingFile`, exit 66) if the folder cannot be
    ///   created or a file cannot be written.
    public static func write(_ files: [(name: String, bytes: [UInt8])], into folder: String) throws(InputError) {
        let base = folder.isEmpty ? "." : folder
        var created: [String] = []
        do {
            try makeFolders(base, created: &created)
        } catch {
            removeFolders(created)
            throw error
        }
        var temporaries: [String] = []
        func fail(_ path: String, _ message: String, hint: String) -> InputError {
            for t in temporaries { unlink(t) }
            removeFolders(created)
            return InputError(.missingFile, file: path, message, hint: hint)
        }
        for file in files {
            let path = base.hasSuffix("/") ? base + file.name : base + "/" + file.name
            // A name with folders (`Adams/compare.json`) gets them created, and removed on failure.
            if let slash = path.lastIndex(of: "/"), file.name.contains("/") {
                do {
                    try makeFolders(String(path[..<slash]), created: &created)
                } catch {
                    throw fail(path, error.message, hint: error.hint ?? "check the path and that you may write there")
                }
            }
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                throw fail(path, "cannot write here: this is a folder", hint: "choose another output folder")
            }
            do {
                temporaries.append(try AtomicFile.writeTemporary(file.bytes, for: path))
            } catch {
                throw fail(path, error.message, hint: error.hint ?? "check free disk space and permissions")
            }
        }
        for (file, temporary) in zip(files, temporaries) {
            let path = base.hasSuffix("/") ? base + file.name : base + "/" + file.name
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                for t in temporaries { unlink(t) }
                throw InputError(.missingFile, file: path, "cannot write the file: \(reason)", hint: "check permissions")
            }
        }
    }

    /// Creates `path` and missing parents, recording the folders created (outermost first).
    private static func makeFolders(_ path: String, created: inout [String]) throws(InputError) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFDIR {
                throw InputError(.missingFile, file: path, "cannot write here: this is a file, not a folder", hint: "name a folder for the output (\(setting: .outputFolder))")
            }
            return
        }
        if let slash = path.dropLast(path.hasSuffix("/") ? 1 : 0).lastIndex(of: "/"), slash != path.startIndex {
            try makeFolders(String(path[..<slash]), created: &created)
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw InputError(.missingFile, file: path, "cannot create the folder: \(String(cString: strerror(errno)))", hint: "check the path and that you may write there")
        }
        created.append(path)
    }

    private static func removeFolders(_ folders: [String]) {
        for folder in folders.reversed() { rmdir(folder) }
    }
}
