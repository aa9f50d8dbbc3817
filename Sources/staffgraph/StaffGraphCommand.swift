import ArgumentParser
import StaffGraphIO
import StaffGraphReport

@main
struct StaffGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffgraph",
        abstract: "Analyse who-consults-whom networks among school staff.",
        discussion: """
        A tie "a,b" in an edge list means "a names b" (a goes to b for advice), so \
        in-degree is being sought out. Weights are tie strengths (higher = stronger).

        Exit codes:
          0 success
          64 bad options, or an output that is an input of the run
          65 bad data
          66 missing or unwritable file, or an output that is a folder, pipe or device,
             or an output folder holding files StaffGraph did not write
          70 internal error or Graphviz failure (draw, compare)
          74 output could not be written (disk full, standard output closed)

        Outputs: written whole or not at all; a symbolic link is written through; an output folder is replaced whole (it holds exactly one run's files, listed in its .staffgraph file); interrupted runs leave no temporary files.

        Conventions of every measure: Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md in the source.

        One school or team: --where COLUMN=VALUE; every school in one run: --per COLUMN (any analysing command).
        """,
        version: ReportLibrary.version,
        subcommands: [Summary.self, Metrics.self, Ego.self, QAP.self, Multiplex.self, Draw.self, Groups.self, Leaders.self, Members.self, ChannelsCommand.self, Compare.self, Report.self, Import.self, Convert.self]
    )

    /// Runs the command line; a misspelt command (`staffgraph sumary …`) is a usage
    /// error that names the closest command instead of "unexpected arguments".
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(first) {
                let suggestion = closestMatch(to: first, among: names).map { " Did you mean '\($0)'?" } ?? ""
                printError("error: '\(first)' is not a staffgraph command.\(suggestion)")
                printError("  commands: \(names.filter { $0 != "help" }.joined(separator: ", ")); staffgraph --help explains them")
                Self.exit(withError: ExitCode(64))
            }
        }
        // A closed pipe comes back as EPIPE, reported with exit 74, instead of ending the process silently.
        signal(SIGPIPE, SIG_IGN)
        // Every file read in this run is an input no output may overwrite.
        await OutputGuard.tracking {
            await main(arguments)
        }
    }
}

/// Writes a command's result to standard output, every write checked: a result
/// that cannot be delivered (disk full behind `>`, a closed pipe) is an error
/// on standard error and exit 74, never a silent success. Every result goes through here.
func printResult(_ text: String) throws {
    try reportingInputErrors { try StandardOutput.write(text) }
}

/// Runs `body`, turning an ``InputError`` into its message on standard error
/// and the matching exit code (64, 65, 66 or 74). The library's messages name
/// reading and writing settings by placeholder; here they become the flags
/// that set them (``flagName(_:)``), in errors and in the notes `body` makes.
func reportingInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try IOSetting.withNaming(flagName) { try body() }
    } catch let error as InputError {
        // The conversion a CSV reader suggests names the file itself.
        printError(error.description(naming: { setting in
            setting == .convertToEdgeList ? "staffgraph convert \(shellWord(error.file)) edges.csv" : flagName(setting)
        }))
        throw ExitCode(error.exitCode)
    }
}

/// The command-line flag that sets `setting`, as messages name it.
@Sendable func flagName(_ setting: IOSetting) -> String {
    switch setting {
    case .sourceColumn: return "--source-column"
    case .targetColumn: return "--target-column"
    case .weightColumn: return "--weight-column"
    case .relationColumn: return "--relation-column"
    case .waveColumn: return "--wave-column"
    case .delimiter: return "--delimiter"
    case .relation: return "--relation"
    case .wave: return "--wave"
    case .allowUnknown: return "--allow-unknown"
    case .keepSelfLoops: return "--keep-self-loops"
    case .minimumWeight: return "--min-weight"
    case .roster: return "--nodes"
    case .idColumn: return "--id-column"
    case .format: return "--from"
    case .nodesPath: return "--nodes-out"
    case .sizeBy: return "--size-by"
    case .colorBy: return "--color-by"
    case .strict: return "--strict"
    case .outputFolder: return "-o"
    case .convertToEdgeList: return "staffgraph convert FILE edges.csv"
    case .personColumn: return "--person-column"
    case .groupColumn: return "--group-column"
    }
}

/// `text` as one shell word: as it is when it holds only safe characters, else in single quotes.
func shellWord(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0" ... "9").contains($0) || "-_./+,:@%=".unicodeScalars.contains($0) }
    if safe && !text.isEmpty { return text }
    var quoted = "'"
    for c in text { quoted += c == "'" ? "'\\''" : String(c) }
    return quoted + "'"
}

/// Writes a line to standard error.
func printError(_ text: String) {
    var stream = StandardError()
    print(text, to: &stream)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        let bytes = Array(string.utf8)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(2, base + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif
