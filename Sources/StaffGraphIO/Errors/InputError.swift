/// A problem with a file the user gave us, located as precisely as we can:
/// printed as `file:line:column: error: message` with a hint on the next line,
/// the way compilers report, so editors can jump to it.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist or cannot be opened (exit 66).
        case missingFile
        /// The file's contents are not usable (exit 65).
        case badData
        /// The options asked for something the data cannot give (exit 64).
        case usage
    }

    /// What went wrong.
    public var kind: Kind
    /// The file, as the user named it.
    public var file: String
    /// 1-based line, if known.
    public var line: Int?
    /// 1-based column in characters, if known.
    public var column: Int?
    /// One sentence saying what is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// Further lines (for example, the list of unknown ids).
    public var details: [String]

    /// Creates an error.
    public init(_ kind: Kind = .badData, file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil, details: [String] = []) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.details = details
    }

    /// The conventional exit code: 66 missing file, 65 bad data, 64 usage (sysexits.h).
    public var exitCode: Int32 {
        switch kind {
        case .missingFile: return 66
        case .badData: return 65
        case .usage: return 64
        }
    }

    /// `file:line:column: error: message`, then the details, then `  hint: …`.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): error: \(message)"
        for d in details { text += "\n  \(d)" }
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
