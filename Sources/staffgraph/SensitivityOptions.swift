import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// `--missing`: a treatment of non-respondents' answers, or `all` for the side-by-side table.
enum MissingOption: String, ExpressibleByArgument, CaseIterable {
    case ignore, reconstruct
    case assumeNone = "assume-none"
    case all

    /// The treatment the command's own figures use (`all` keeps the default, ignore).
    var treatment: MissingDataTreatment {
        switch self {
        case .ignore, .all: return .ignore
        case .reconstruct: return .reconstruct
        case .assumeNone: return .assumeNone
        }
    }
}

/// `--thresholds` and `--missing`, shared by `summary` and `leaders`.
struct SensitivityOptions: ParsableArguments {
    // `.unconditional`: a negative first value (-1,2) reaches parse() instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Sensitivity to tie strength: recompute the headline figures keeping only ties of at least each strength, e.g. 1,2,3,4 (increasing numbers, comma-separated).", valueName: "t,t,…"))
    var thresholds: String?

    @Option(help: ArgumentHelp("Non-respondents' missing answers: ignore (leave their rows out, the default), reconstruct (i → j where j named i, Huisman 2009), assume-none (they named no one), or all (a table of the figures under each).", valueName: "treatment"))
    var missing: MissingOption = .ignore

    /// The thresholds given, parsed (`nil` without `--thresholds`).
    var thresholdValues: [Double]? { thresholds.flatMap { try? Self.parse($0) } }

    /// `--thresholds` text as increasing finite numbers, or a usage error saying what to write.
    static func parse(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        var values: [Double] = []
        for part in parts {
            guard let x = Double(part), x.isFinite else {
                let got = part.isEmpty ? "an empty value in '\(text)'" : "'\(part)'"
                throw ValidationError("--thresholds must be tie strengths separated by commas, such as 1,2,3,4 (got \(got))")
            }
            if let last = values.last, x <= last {
                throw ValidationError("--thresholds must increase, such as 1,2,3,4 (got \(formatNumber(last)) then \(formatNumber(x)))")
            }
            values.append(x)
        }
        if values.count > 100 { throw ValidationError("--thresholds takes at most 100 values (got \(values.count))") }
        return values
    }

    func validate() throws {
        if let thresholds { _ = try Self.parse(thresholds) }
    }

    /// Cross-option checks with the reading options: a threshold sweep replaces `--min-weight`.
    func check(minWeight: Double?) throws { try Self.check(thresholds: thresholds, minWeight: minWeight) }

    /// The same check for a command with its own `--thresholds` (`metrics`, `report`).
    static func check(thresholds: String?, minWeight: Double?) throws {
        if thresholds != nil && minWeight != nil {
            throw ValidationError("--thresholds and --min-weight both set a tie-strength threshold; give the lowest one first in --thresholds instead (e.g. --thresholds 2,3,4)")
        }
    }

    /// Whether the command adds a sensitivity section.
    var isOn: Bool { thresholds != nil || missing == .all }
}
