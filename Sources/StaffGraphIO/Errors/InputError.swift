/// A problem with a file the user gave us, located as precisely as we can:
/// printed as `file:line:column: error: message` with a hint on the next line,
/// the way compilers report, so editors can jump to it.
///
/// The message and hint speak of the reader and writer settings involved
/// through placeholders (``MessageTemplate``), so the error knows which
/// settings it concerns (``settings``) and each presenter names them in its
/// own terms: ``description`` uses the library's option names ("use
/// allowUnknown to add them"), ``description(naming:)`` the caller's (a
/// command-line tool's flags: "use --allow-unknown to add them").
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist or cannot be opened (exit 66).
        case missingFile
        /// The file's contents are not usable (exit 65).
        case badData
        /// The options asked for something the data cannot give, or for an
        /// output that would overwrite an input of the same run (exit 64).
        case usage
        /// Writing an output failed part way: the disk is full, the device
        /// failed, or standard output was closed (exit 74, EX_IOERR). Nothing
        /// partial is left in place of a file.
        case writeFailed
    }

    /// What went wrong.
    public var kind: Kind
    /// The file, as the user named it.
    public var file: String
    /// 1-based line, if known.
    public var line: Int?
    /// 1-based column in characters, if known.
    public var column: Int?
    /// One sentence saying what is wrong, with a placeholder for each setting it mentions.
    public var messageTemplate: MessageTemplate
    /// What to do about it, with a placeholder for each setting it mentions.
    public var hintTemplate: MessageTemplate?
    /// Further lines (for example, the list of unknown ids).
    public var details: [String]

    /// Creates an error whose message and hint may mention settings (`"… use \(setting: .allowUnknown) …"`).
    public init(_ kind: Kind = .badData, file: String, line: Int? = nil, column: Int? = nil, _ message: MessageTemplate, hint: MessageTemplate? = nil, details: [String] = []) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.messageTemplate = message
        self.hintTemplate = hint
        self.details = details
    }

    /// Creates an error whose message and hint are plain text.
    public init(_ kind: Kind = .badData, file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil, details: [String] = []) {
        self.init(kind, file: file, line: line, column: column, MessageTemplate(message), hint: hint.map { MessageTemplate($0) }, details: details)
    }

    /// One sentence saying what is wrong, settings named as the library names them.
    ///
    /// Setting it replaces the message with plain text, except that where
    /// the new text contains the old message (a prefix added, say), that part
    /// keeps its placeholders.
    public var message: String {
        get { messageTemplate.description }
        set { messageTemplate = messageTemplate.rewritten(as: newValue) }
    }

    /// What to do about it, settings named as the library names them.
    /// Setting it works as for ``message``.
    public var hint: String? {
        get { hintTemplate?.description }
        set { hintTemplate = newValue.map { hintTemplate?.rewritten(as: $0) ?? MessageTemplate($0) } }
    }

    /// The settings the message and hint mention, in order of first mention:
    /// what a presenter can point to, or offer to change.
    public var settings: [IOSetting] {
        var found = messageTemplate.settings
        for s in hintTemplate?.settings ?? [] where !found.contains(s) { found.append(s) }
        return found
    }

    /// The conventional exit code: 66 missing file, 65 bad data, 64 usage, 74 failed write (sysexits.h).
    public var exitCode: Int32 {
        switch kind {
        case .missingFile: return 66
        case .badData: return 65
        case .usage: return 64
        case .writeFailed: return 74
        }
    }

    /// `file:line:column: error: message`, then the details, then `  hint: …`,
    /// settings named as the library names them (``IOSetting/libraryName``).
    public var description: String {
        description(naming: { $0.libraryName })
    }

    /// `file:line:column: error: message`, then the details, then `  hint: …`,
    /// each setting named by `naming` (a command-line tool passes its flag names).
    public func description(naming: (IOSetting) -> String) -> String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): error: \(messageTemplate.rendered(naming: naming))"
        for d in details { text += "\n  \(d)" }
        if let hintTemplate { text += "\n  hint: \(hintTemplate.rendered(naming: naming))" }
        return text
    }
}
