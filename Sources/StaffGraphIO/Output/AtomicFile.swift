#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files all at once: the text goes to a temporary file in the
/// same folder, which is then renamed over the destination, so a failed run
/// never leaves a partial file behind.
public enum AtomicFile {
    /// Writes `text` to `path` atomically.
    /// - Throws: ``InputError`` (`.missingFile`) if the folder does not exist or is not writable.
    public static func write(_ text: String, to path: String) throws(InputError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(InputError) {
        let temporary = try writeTemporary(bytes, for: path)
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(.missingFile, file: path, "cannot write the file: \(reason)", hint: "check free disk space and permissions")
        }
    }

    /// Writes `bytes` to a new temporary file in `path`'s folder (flushed to
    /// disk, mode 644) and returns its path; the caller renames it over
    /// `path` or unlinks it. Nothing is left behind when this throws.
    static func writeTemporary(_ bytes: [UInt8], for path: String) throws(InputError) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder.isEmpty ? "/" : folder)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        if fd < 0 {
            throw InputError(.missingFile, file: path, "cannot write here: \(String(cString: strerror(errno)))",
                             hint: "check that the folder '\(folder)' exists and that you may write to it")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var offset = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let n = systemWrite(fd, base + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        fchmod(fd, 0o644)
        close(fd)
        if failure != 0 {
            unlink(temporary)
            throw InputError(.missingFile, file: path, "cannot write the file: \(String(cString: strerror(failure)))",
                             hint: "check free disk space and permissions")
        }
        return temporary
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
