import Foundation

/// A setting of StaffGraphIO's readers and writers that a message can point
/// people to: "there is no column named 'from' (given with sourceColumn)".
///
/// Messages never spell a setting out themselves: an ``InputError``'s message
/// and hint are ``MessageTemplate``s holding a placeholder for each setting
/// they mention, and whoever shows the error names the settings in its own
/// terms with ``InputError/description(naming:)``: this library's option names
/// by default (``libraryName``), a command-line tool its flags, a form its
/// field labels.
///
/// Notes (``ImportReport/notes(minimumWeight:)``, ``FormatImport/notes``,
/// ``RenderedNetwork/notes``) are returned as text, so they are worded when
/// they are made, with ``naming``.
public enum IOSetting: String, CaseIterable, Sendable {
    /// ``EdgeListOptions/sourceColumn``: the header of a CSV edge list's source column.
    case sourceColumn
    /// ``EdgeListOptions/targetColumn``: the header of the target column.
    case targetColumn
    /// ``EdgeListOptions/weightColumn``: the header of the weight column.
    case weightColumn
    /// ``EdgeListOptions/relationColumn``: the header of the relation column.
    case relationColumn
    /// ``EdgeListOptions/waveColumn``: the header of the wave column.
    case waveColumn
    /// ``EdgeListOptions/delimiter``: the field separator of a CSV file.
    case delimiter
    /// The relation: ``EdgeListOptions/relation`` names the ties of a file
    /// that gives none, and ``NetworkFormat/selecting(_:relation:wave:file:)``
    /// keeps the ties of one.
    case relation
    /// The wave: ``EdgeListOptions/wave`` names the wave of ties a file gives
    /// none, ``NetworkFormat/selecting(_:relation:wave:file:)`` keeps one, and
    /// ``SurveyImportOptions/wave`` replaces a survey spec's.
    case wave
    /// ``EdgeListOptions/allowUnknown``: add ids that are not on the roster instead of refusing them.
    case allowUnknown
    /// ``EdgeListOptions/selfLoops`` set to ``SelfLoopPolicy/keep``: keep ties from a person to themselves.
    case keepSelfLoops
    /// ``EdgeListOptions/minimumWeight``: keep only ties at least this strong.
    case minimumWeight
    /// ``FormatReadOptions/roster``: a roster giving the people and their attributes.
    case roster
    /// The `idColumn` of ``RosterReader/read(_:idColumn:delimiter:)``: the roster column holding the ids.
    case idColumn
    /// Reading a file as a ``NetworkFormat`` named outright (`NetworkFormat.graphml.read(_:options:)`)
    /// rather than the one its extension picks.
    case format
    /// ``FormatWriteOptions/nodesPath``: where a CSV edge list's roster goes.
    case nodesPath
    /// The `sizeBy` of ``NodeVisuals/make(for:sizeBy:colorBy:file:)``: what sets node sizes.
    case sizeBy
    /// The `colorBy` of ``NodeVisuals/make(for:sizeBy:colorBy:file:)``: the attribute that sets node colours.
    case colorBy
    /// ``SurveyImportOptions/strict``: refuse to import when a name cannot be matched.
    case strict
    /// The folder of `AtomicFileGroup.write(_:into:)`: where a group of output files goes.
    case outputFolder
    /// Converting a network file (GraphML, GEXF, JSON, Pajek, DL) to a CSV edge list and roster:
    /// `NetworkFormat.read(_:options:)`, then `NetworkFormat.csv.write(_:to:options:)`. Named where a CSV reader is given another format; a command-line
    /// tool names its conversion command.
    case convertToEdgeList
    /// ``MembershipOptions/personColumn``: the header of a memberships CSV's person column.
    case personColumn
    /// ``MembershipOptions/groupColumn``: the header of a memberships CSV's group column.
    case groupColumn

    /// The setting as this library's API names it: the option property
    /// (`allowUnknown`, `minimumWeight`, `sourceColumn` …), the value that
    /// turns it on where that is needed (`selfLoops = .keep`), or the
    /// argument label (`into:`). Plain ``InputError/description`` uses these.
    public var libraryName: String {
        switch self {
        case .keepSelfLoops: return "selfLoops = .keep"
        case .outputFolder: return "into:"
        case .convertToEdgeList: return "reading it with NetworkFormat.read(_:options:) and writing it with NetworkFormat.csv.write(_:to:options:)"
        default: return rawValue
        }
    }

    /// How notes name settings while they are made: ``libraryName`` unless a
    /// presenter binds its own names for the duration of a call
    /// (`IOSetting.withNaming(flagName) { … }`), as a command-line tool does so
    /// that its notes speak of its flags.
    ///
    /// Errors do not depend on it: an ``InputError`` keeps its settings as
    /// placeholders and is named when it is shown (``InputError/description(naming:)``).
    public static var naming: @Sendable (IOSetting) -> String { NamingSlot.shared.current }

    /// Runs `body` with `naming` as ``naming`` (restored afterwards, also when
    /// `body` throws). Process-wide, not per task: a presenter binds it once
    /// around a whole command. (A task-local value did this first; Swift 6.3's
    /// optimizer miscompiles its synchronous `withValue` here, a crash in
    /// every release build.)
    public static func withNaming<T>(_ naming: @escaping @Sendable (IOSetting) -> String, _ body: () throws -> T) rethrows -> T {
        let previous = NamingSlot.shared.swap(naming)
        defer { _ = NamingSlot.shared.swap(previous) }
        return try body()
    }
}

/// The current naming of notes, behind a lock.
private final class NamingSlot: @unchecked Sendable {
    static let shared = NamingSlot()
    private let lock = NSLock()
    private var naming: @Sendable (IOSetting) -> String = { $0.libraryName }

    var current: @Sendable (IOSetting) -> String {
        lock.lock()
        defer { lock.unlock() }
        return naming
    }

    func swap(_ new: @escaping @Sendable (IOSetting) -> String) -> @Sendable (IOSetting) -> String {
        lock.lock()
        defer { lock.unlock() }
        let old = naming
        naming = new
        return old
    }
}

/// A note for standard error, with its settings named by ``IOSetting/naming``.
func note(_ template: MessageTemplate) -> String {
    template.rendered(naming: IOSetting.naming)
}
