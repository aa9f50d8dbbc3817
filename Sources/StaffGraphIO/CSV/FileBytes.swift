#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into memory as bytes. Every reader of StaffGraphIO reads
/// its files through here, which registers them as inputs of the run (``OutputGuard``).
/// - Throws: ``InputError`` (`.missingFile`) when it does not exist, is a folder or cannot be read.
func readFileBytes(_ path: String) throws(InputError) -> [UInt8] {
    var info = stat()
    if stat(path, &info) != 0 {
        let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
        throw InputError(.missingFile, file: path, "cannot open the file: \(reason)", hint: "check the path; relative paths start from the current folder")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
        throw InputError(.missingFile, file: path, "this is a folder, not a file", hint: "name the CSV file inside it")
    }
    guard let handle = fopen(path, "rb") else {
        throw InputError(.missingFile, file: path, "cannot open the file: \(String(cString: strerror(errno)))", hint: "check that you may read it")
    }
    defer { fclose(handle) }
    // Every file a run reads comes through here: register it, so no output of the run overwrites it.
    OutputGuard.registerInput(path, descriptor: fileno(handle))
    var result: [UInt8] = []
    let chunk = 1 << 20
    var expected = Int(info.st_size)
    if expected <= 0 { expected = chunk }
    result.reserveCapacity(expected + 1)
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let got = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunk, handle) }
        if got > 0 { result.append(contentsOf: buffer[0 ..< got]) }
        if got < chunk {
            if ferror(handle) != 0 {
                throw InputError(.missingFile, file: path, "error while reading the file", hint: "check that the disk and file are readable")
            }
            break
        }
    }
    return result
}
