import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// `--anonymize` and `--anonymize-seed`, on every command that prints or
/// writes people (summary, metrics, draw, groups, leaders, compare, convert).
///
/// Under `--anonymize` the network is pseudonymised once, right after it is
/// read and selected and before any person is ordered, printed, drawn or
/// written (``Anonymization``): ids become "Person 01" …, people are put in
/// pseudonym order, and identifying roster columns are left out. An option
/// that would print or order by an identifying column is a usage error (64).
struct PrivacyOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Show people only as pseudonyms (Person 01, Person 02 …, numbered in a random order, never the roster's) in every table, file and map, in the same way throughout the run; leave out roster columns that identify people (name, email, id, aliases, phone … or values unique to each person), which no other option may then use."))
    var anonymize = false

    @Option(help: ArgumentHelp(
        "The pseudonyms' key (implies --anonymize): the same key and roster give the same pseudonyms again, e.g. in a later report. Keep it secret: with the key and the roster anyone can undo them. Default: a fresh random key every run.",
        valueName: "key"))
    var anonymizeSeed: UInt64?

    /// Whether people are pseudonymised.
    var isOn: Bool { anonymize || anonymizeSeed != nil }

    /// The run's anonymization of `roster` (the whole roster as read, before any
    /// selection), or `nil` without `--anonymize`. Throws a usage error when an
    /// option in `columns` (flag, column it names) names an identifying column.
    /// `file` is the roster's path, for messages.
    func prepare(_ roster: Roster, columns: [(flag: String, column: String?)], file: String) throws(InputError) -> Anonymization? {
        guard isOn else { return nil }
        let anonymization = Anonymization(roster: roster, key: anonymizeSeed ?? runKey)
        for (flag, column) in columns {
            guard let column, let found = anonymization.identifyingColumn(named: column) else { continue }
            throw InputError(.usage, file: file,
                             "\(flag) \(column): the roster column '\(found.column)' identifies people (\(found.explanation)); under --anonymize, \(flag) would \(Self.effect(of: flag))",
                             hint: "use a column that groups people (team, role, school …), or leave out --anonymize")
        }
        if anonymizeSeed == nil {
            printError("note: --anonymize: pseudonyms drawn with a fresh random key, so they differ from run to run; --anonymize-seed KEY gives the same ones again")
        }
        return anonymization
    }

    /// What an option would reveal of a column's values.
    static func effect(of flag: String) -> String {
        switch flag {
        case "--color-by": return "print its values in the legend"
        case "--cluster-by": return "print its values on the boxes"
        case "--formal", "--from", "--to": return "print the values it names and pick out the people who hold them"
        case "--where": return "print the values it selects and pick out the people who hold them"
        case "--per", "--by", "--breakdown", "--aggregate": return "print its values as group names"
        case "--sort": return "order people by it"
        case "--size-by": return "write its values as node sizes"
        default: return "show its values"
        }
    }
}

/// The pseudonyms' key of this run when `--anonymize-seed` is not given:
/// drawn once from the system's random source (the pseudonyms must not be
/// predictable), and the same for every use within the run.
private let runKey: UInt64 = {
    var system = SystemRandomNumberGenerator()
    return system.next()
}()

extension InputOptions {
    /// ``loadSelected(rules:columns:pseudonymise:extending:)`` and the run's anonymization (`nil` without `--anonymize`).
    ///
    /// Under `--anonymize`: the options in `columns`, `rules`, `--where` and
    /// `--per` are checked first (none may name an identifying column), ids in
    /// the import's notes become pseudonyms, and, when `pseudonymise`, the
    /// selected network is replaced by its pseudonymised copy (``Anonymization/apply(to:)``).
    /// `extend` runs on the network as read, before the checks and the selection.
    func loadSelectedAnonymized(rules: [(flag: String, rule: ColumnValues)] = [], columns: [(flag: String, column: String?)] = [],
                                pseudonymise: Bool = true,
                                extending extend: (inout EdgeListImport) throws(InputError) -> Void = { _ throws(InputError) in })
        throws(InputError) -> (imported: EdgeListImport, anonymization: Anonymization?) {
        var imported = try load()
        try extend(&imported)
        let named = columns + rules.map { ($0.flag, Optional($0.rule.column)) }
            + selection.filters.map { ("--where", Optional($0.column)) } + [("--per", selection.per)]
        let anonymization = try privacy.prepare(imported.network.roster, columns: named, file: rosterFile)
        if let anonymization {
            imported.report.addedIDs = imported.report.addedIDs.map { anonymization.pseudonyms.label(of: $0) ?? $0 }
        }
        imported = try loadSelected(imported, rules: rules)
        if let anonymization, pseudonymise {
            imported.network = anonymization.apply(to: imported.network)
            if let note = anonymization.droppedColumnsNote { printError("note: --anonymize: \(note)") }
        }
        return (imported, anonymization)
    }
}

extension CompareInput {
    /// The comparison with pseudonyms, in pseudonym order, without identifying
    /// columns (``Anonymization``); ids in its notes become pseudonyms.
    func anonymized(_ anonymization: Anonymization) -> CompareInput {
        var out = self
        let order = anonymization.order(of: roster)
        out.roster = anonymization.roster(roster, order: order)
        out.waves = waves.map { wave in
            var w = wave
            w.graph = wave.graph.relabelled(order: order)
            w.responses = wave.responses.map { r in order.map { r[$0] } }
            return w
        }
        out.notes = notes.map(anonymization.redacting)
        return out
    }
}
