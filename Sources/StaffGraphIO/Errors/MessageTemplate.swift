/// A sentence for people in which the reader and writer settings it mentions
/// are placeholders, so that each presenter names them in its own terms.
///
/// Written as a string literal with `\(setting:)` interpolations; anything
/// else interpolated becomes text:
/// ```swift
/// let hint: MessageTemplate = "fix the ids, or use \(setting: .allowUnknown) to add them"
/// hint.description              // "fix the ids, or use allowUnknown to add them"
/// hint.rendered { $0 == .allowUnknown ? "--allow-unknown" : $0.libraryName }
///                               // "fix the ids, or use --allow-unknown to add them"
/// ```
/// Templates are worded so that a bare name reads well in the placeholder's
/// place: "(given with X)", "use X to …", "below X 4".
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A run of text, or the placeholder for a setting.
    public enum Piece: Sendable, Hashable {
        case text(String)
        case setting(IOSetting)
    }

    /// The text and placeholders in order (adjacent text runs merged, no empty runs).
    public private(set) var pieces: [Piece]

    /// Plain text, with no placeholders.
    public init(_ text: String) {
        pieces = text.isEmpty ? [] : [.text(text)]
    }

    /// Text and placeholders in order.
    public init(pieces: [Piece]) {
        self.pieces = []
        for piece in pieces { append(piece) }
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(pieces: stringInterpolation.pieces)
    }

    /// Builds a template from a string literal: `\(setting: .x)` is a placeholder, anything else text.
    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(2 * interpolationCount + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            pieces.append(.text(literal))
        }

        /// A placeholder for `setting`.
        public mutating func appendInterpolation(setting: IOSetting) {
            pieces.append(.setting(setting))
        }

        /// Another template, placeholders kept.
        public mutating func appendInterpolation(_ template: MessageTemplate) {
            pieces += template.pieces
        }

        /// Any other value, as text (`String(describing:)`).
        public mutating func appendInterpolation<T>(_ value: T) {
            pieces.append(.text(String(describing: value)))
        }
    }

    private mutating func append(_ piece: Piece) {
        switch piece {
        case .text(let text):
            if text.isEmpty { return }
            if case .text(let before)? = pieces.last {
                pieces[pieces.count - 1] = .text(before + text)
            } else {
                pieces.append(piece)
            }
        case .setting:
            pieces.append(piece)
        }
    }

    /// The settings the template mentions, in order of first mention.
    public var settings: [IOSetting] {
        var found: [IOSetting] = []
        for case .setting(let s) in pieces where !found.contains(s) { found.append(s) }
        return found
    }

    /// The sentence with each setting named by `naming`.
    public func rendered(naming: (IOSetting) -> String) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let run): text += run
            case .setting(let setting): text += naming(setting)
            }
        }
        return text
    }

    /// The sentence with the library's names for settings (``IOSetting/libraryName``).
    public var description: String {
        rendered(naming: { $0.libraryName })
    }

    /// `text` as a template. Where `text` contains this template's plain
    /// wording (``description``) that part keeps its placeholders, so that
    /// prefixing a message (`"where: " + message`) loses none of them.
    func rewritten(as text: String) -> MessageTemplate {
        let plain = description
        guard !settings.isEmpty, !plain.isEmpty, let range = text.range(of: plain) else { return MessageTemplate(text) }
        return MessageTemplate(pieces: [.text(String(text[..<range.lowerBound]))] + pieces + [.text(String(text[range.upperBound...]))])
    }
}
