#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Thin, checked wrappers over the POSIX calls the output mechanism uses
// (AtomicFile, AtomicFileGroup, StandardOutput, OutputGuard). Every call's
// failure is returned as its errno, never ignored.

/// The operating system's sentence for `code` (strerror).
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Whether `code` means the device failed or filled up (disk full, quota, I/O
/// error, file too large, reader gone), as opposed to a path or permission problem.
func isDeviceFailure(_ code: Int32) -> Bool {
    code == ENOSPC || code == EDQUOT || code == EIO || code == EFBIG || code == EPIPE
}

/// The kind of error for a failed output operation: a device failure is
/// ``InputError/Kind/writeFailed`` (exit 74), anything else (no such folder,
/// permission denied, read-only file system) ``InputError/Kind/missingFile`` (exit 66).
func outputErrorKind(_ code: Int32) -> InputError.Kind {
    isDeviceFailure(code) ? .writeFailed : .missingFile
}

/// What kind of file a path names.
enum FileKind: Sendable, Equatable {
    case regular, directory, symbolicLink, fifo, socket, characterDevice, blockDevice, other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        default: self = .other
        }
    }

    /// How messages name it: "a named pipe (FIFO)", "a device" …
    var described: String {
        switch self {
        case .regular: return "a file"
        case .directory: return "a folder"
        case .symbolicLink: return "a symbolic link"
        case .fifo: return "a named pipe (FIFO)"
        case .socket: return "a socket"
        case .characterDevice, .blockDevice: return "a device"
        case .other: return "not a regular file"
        }
    }
}

/// The parts of `stat` the output mechanism needs.
struct FileStatus: Sendable, Equatable {
    var kind: FileKind
    var device: UInt64
    var inode: UInt64
    /// Permission bits (`mode & 0o7777`).
    var permissions: mode_t

    init(_ info: stat) {
        kind = FileKind(mode: info.st_mode)
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        permissions = info.st_mode & 0o7777
    }

    /// Whether both name the same file (device and inode).
    func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }
}

/// `lstat` (`followingLinks: false`) or `stat` of `path`: the status, or the errno.
func fileStatus(_ path: String, followingLinks: Bool = false) -> Result<FileStatus, SystemError> {
    var info = stat()
    let rc = followingLinks ? stat(path, &info) : lstat(path, &info)
    return rc == 0 ? .success(FileStatus(info)) : .failure(SystemError(errno))
}

/// `fstat` of an open descriptor.
func fileStatus(descriptor: Int32) -> FileStatus? {
    var info = stat()
    return fstat(descriptor, &info) == 0 ? FileStatus(info) : nil
}

/// An errno, as an `Error` for `Result`.
struct SystemError: Error, Sendable, Equatable {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}

/// `realpath`: the absolute path with every symbolic link, `.` and `..` resolved, or `nil` with `errno` set.
func resolvedPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The text of the symbolic link at `path`, or `nil`.
func linkText(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4097)
    let count = buffer.withUnsafeMutableBufferPointer { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return readlink(path, base, raw.count - 1)
    }
    guard count >= 0 else { return nil }
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The current folder, resolved, or `nil`.
func currentFolder() -> String? {
    guard let folder = getcwd(nil, 0) else { return nil }
    defer { free(folder) }
    return resolvedPath(String(cString: folder))
}

/// `path` split at its last `/`: the folder (`.` when none, `/` for the root) and the name.
func splitPath(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
}

/// `folder` and `name` joined by one `/`.
func joinPath(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}

/// Whether `path` is `folder` or lies inside it (both absolute and resolved).
func isPath(_ path: String, inside folder: String) -> Bool {
    if folder == "/" { return true }
    return path == folder || path.hasPrefix(folder + "/")
}

/// Writes all of `bytes` to `descriptor`, retrying after interruptions and
/// waiting when the descriptor is non-blocking and full. Returns 0, or the errno of the failure.
func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
    guard let base = bytes.baseAddress else { return 0 }
    var offset = 0
    while offset < bytes.count {
        let n = systemWrite(descriptor, base + offset, bytes.count - offset)
        if n < 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiting, 1, -1)
                continue
            }
            return code
        }
        if n == 0 { return EIO }
        offset += n
    }
    return 0
}

/// A random suffix of six letters and digits, for temporary names.
func randomSuffix() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var generator = SystemRandomNumberGenerator()
    return String((0 ..< 6).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
}

/// `fsync` of a folder, so that a rename in it survives a crash. Best effort:
/// some file systems refuse it, and the data itself is already on disk.
func syncFolder(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    _ = close(descriptor)
}

/// The names in a folder (without `.` and `..`), or the errno.
func folderEntries(_ path: String) -> Result<[String], SystemError> {
    guard let folder = opendir(path) else { return .failure(SystemError(errno)) }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
            tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return .success(names)
}

/// Removes `path` and, for a folder, everything in it, never following
/// symbolic links. Returns 0, or the errno of the first failure.
@discardableResult
func removeTree(_ path: String) -> Int32 {
    guard case .success(let status) = fileStatus(path) else { return errno }
    if status.kind == .directory {
        var failure: Int32 = 0
        switch folderEntries(path) {
        case .success(let names):
            for name in names {
                let code = removeTree(joinPath(path, name))
                if failure == 0 { failure = code }
            }
        case .failure(let error): failure = error.code
        }
        if rmdir(path) != 0 && failure == 0 { failure = errno }
        return failure
    }
    return unlink(path) == 0 ? 0 : errno
}

/// The contents of a small file we wrote ourselves (a folder's marker), read
/// without registering it as an input of the run; `nil` if it cannot be read.
func readOwnFile(_ path: String, limit: Int = 1 << 22) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { _ = close(descriptor) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while result.count <= limit {
        let n = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; return nil }
        if n == 0 { return result }
        result.append(contentsOf: buffer[0 ..< n])
    }
    return nil
}

#if canImport(Glibc)
let systemWrite = Glibc.write
let systemRead = Glibc.read
#else
let systemWrite = Darwin.write
let systemRead = Darwin.read
#endif
