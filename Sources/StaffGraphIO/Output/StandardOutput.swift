#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output, written with every write checked: a result that cannot
/// be delivered (the disk behind `> file` is full, the reader of a pipe has
/// gone) is an error, never a silent success.
///
/// Nothing is buffered here: each call writes its text through to the file
/// descriptor, so there is nothing left to flush at exit. A program using it
/// should ignore SIGPIPE so that a closed pipe comes back as `EPIPE` and is
/// reported, rather than ending the process silently.
public enum StandardOutput {
    /// How errors name standard output.
    public static let name = "standard output"

    /// Writes `text` to standard output.
    /// - Throws: ``InputError`` (`.writeFailed`, exit 74) with the system's reason when a write fails.
    public static func write(_ text: String) throws(InputError) {
        try write(Array(text.utf8))
    }

    /// Writes `bytes` to standard output.
    /// - Throws: ``InputError`` (`.writeFailed`, exit 74) with the system's reason when a write fails.
    public static func write(_ bytes: [UInt8]) throws(InputError) {
        // Anything `print` left in the C library's buffer goes first, in order.
        if fflush(nil) != 0 {
            throw failure(errno)
        }
        let code = bytes.withUnsafeBytes { writeFully(1, $0) }
        if code != 0 { throw failure(code) }
    }

    private static func failure(_ code: Int32) -> InputError {
        let hint = code == EPIPE ? "the program reading the output stopped before the end"
            : isDeviceFailure(code) ? "check free disk space where the output goes" : "check where standard output is sent"
        return InputError(.writeFailed, file: name, "cannot write the output: \(systemMessage(code))", hint: hint)
    }
}
