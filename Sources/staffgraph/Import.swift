import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// `staffgraph import …`: turn data from other tools into StaffGraph's edge lists and rosters.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn survey exports into an edge list and a roster.",
        subcommands: [ImportSurvey.self]
    )
}

/// `staffgraph import survey RESPONSES --roster ROSTER --spec SPEC -o DIR`.
struct ImportSurvey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Turn a Qualtrics, Google Forms or Microsoft Forms export into edges.csv and roster.csv.",
        discussion: """
        The spec (YAML) says which column holds the respondent, which columns hold each \
        relation's answers (typed names, or one column per colleague holding a frequency \
        label), what the labels mean, and the wave. Samples/survey/*.yaml are commented examples.

        Typed names are matched to the roster's name column ignoring case, spacing, \
        punctuation, accents and titles; then the aliases column; then "Last, First", \
        common nicknames, initials, and a surname or first name that only one person has. \
        Names that fit no one or several people go to review.csv with the closest roster \
        names; nothing is dropped silently. The latest of duplicate submissions is kept; \
        self-nominations and blank rows are dropped and counted.

        Writes DIR/edges.csv (source,target,weight,relation,wave), DIR/roster.csv (the \
        roster with responded_<wave>: yes, no for people with no submission, whose ties are \
        missing rather than zero, or absent) and DIR/review.csv (row,column,text,problem,candidates,note), \
        all or nothing. summary reads the first two directly.

        Example: staffgraph import survey Samples/survey/name_generator.csv --roster Samples/survey/staff.csv --spec Samples/survey/name_generator.yaml -o out/fall
        """
    )

    @Argument(help: ArgumentHelp("The survey export, as CSV (UTF-8).", valueName: "responses"))
    var responses: String

    @Option(help: ArgumentHelp("Roster CSV: id, name, optionally aliases (separated by ; or |) and other columns.", valueName: "roster"))
    var roster: String

    @Option(help: ArgumentHelp("The spec (YAML) describing the export.", valueName: "spec"))
    var spec: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Folder for edges.csv, roster.csv and review.csv (created if needed).", valueName: "dir"))
    var output: String

    @Flag(help: "Stop with an error (exit 65, nothing written) if any name or respondent cannot be matched, instead of listing it in review.csv.")
    var strict = false

    @Option(help: ArgumentHelp("The wave of these answers (replaces the spec's wave).", valueName: "name"))
    var wave: String?

    func validate() throws {
        if let wave, wave.isEmpty || wave.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            throw ValidationError("--wave must be a short name without commas or quotes, such as fall")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let spec = try SurveySpec.read(self.spec)
            let roster = try RosterReader.read(self.roster)
            // Refuse a folder holding the export, roster or spec before the import, not after it.
            OutputGuard.registerInput(responses)
            try AtomicFileGroup.check(output)
            let result = try SurveyImporter.run(responses: responses, roster: roster, rosterFile: self.roster, spec: spec,
                                                options: SurveyImportOptions(wave: wave, strict: strict))
            try AtomicFileGroup.write([
                ("edges.csv", result.edgesCSV()),
                ("roster.csv", result.rosterCSV()),
                ("review.csv", result.reviewCSV()),
            ], into: output)
            try StandardOutput.write(summary(result.report))
        }
    }

    /// The screen summary: counts only, never names.
    func summary(_ r: SurveyImportReport) -> String {
        var rows: [(String, String)] = []
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        func rules(_ t: MatchTally) -> String {
            let parts = NameMatchRule.allCases.filter(\.isHeuristic).compactMap { rule -> String? in
                t.count(rule) > 0 ? "\(rule.rawValue) \(t.count(rule))" : nil
            }
            return parts.isEmpty ? "" : "  (\(parts.joined(separator: ", ")))"
        }
        func tally(_ t: MatchTally, _ noun: String) {
            rows.append(("\(noun) matched exactly", String(t.count(.exact))))
            rows.append(("  by folding", String(t.count(.folded))))
            rows.append(("  by alias", String(t.count(.alias))))
            rows.append(("  by rule", String(t.byHeuristicRules) + rules(t)))
            rows.append(("  unmatched", String(t.unmatched)))
            rows.append(("  ambiguous", String(t.ambiguous)))
            if t.placeholders > 0 { rows.append(("  \"none\" and the like", String(t.placeholders))) }
        }
        rows.append(("rows", String(r.rows)))
        rows.append(("blank rows skipped", String(r.blankRows)))
        rows.append(("duplicates dropped", String(r.duplicatesDropped) + duplicateNote(r)))
        rows.append(("respondents matched", "\(r.respondents) of \(r.respondents + r.nonrespondents) on staff"))
        if r.unknownRespondents > 0 { rows.append(("respondents not on roster", String(r.unknownRespondents) + "  (answers set aside)")) }
        if r.ambiguousRespondents > 0 { rows.append(("respondents ambiguous", String(r.ambiguousRespondents) + "  (answers set aside)")) }
        if r.rowsWithoutRespondent > 0 { rows.append(("rows with no respondent", String(r.rowsWithoutRespondent) + "  (answers set aside)")) }
        rows.append(("non-respondents", "\(r.nonrespondents)  (on the roster, no submission: their ties are missing, not zero)"))
        if r.absent > 0 { rows.append(("absent this wave", String(r.absent))) }
        if r.absentButSubmitted > 0 { rows.append(("marked absent but answered", "\(r.absentButSubmitted)  (now respondents)")) }
        if let column = r.respondentRosterColumn {
            let t = r.respondentMatches
            rows.append(("respondents found by \(column)", "\(t.matched) rows; \(t.unmatched) not found, \(t.ambiguous) ambiguous"))
        } else {
            tally(r.respondentMatches, "respondent names")
        }
        if r.shape == .rosterMatrix {
            tally(r.columnMatches, "colleague columns")
            if r.answersInUnresolvedColumns > 0 { rows.append(("answers in unmatched columns", String(r.answersInUnresolvedColumns))) }
        } else {
            tally(r.nameMatches, "colleague names")
        }
        rows.append(("self-nominations dropped", String(r.selfNominations)))
        if r.repeatedNamesMerged > 0 { rows.append(("repeated names merged", String(r.repeatedNamesMerged) + "  (strongest answer kept)")) }
        if r.namesWithoutFrequency > 0 { rows.append(("names without a frequency", String(r.namesWithoutFrequency) + "  (default weight)")) }
        if r.frequenciesWithoutName > 0 { rows.append(("frequencies without a name", String(r.frequenciesWithoutName) + "  (ignored)")) }
        if r.zeroStrengthAnswers > 0 { rows.append(("answers of strength 0", String(r.zeroStrengthAnswers) + "  (not ties)")) }
        if r.tiesToAbsent > 0 { rows.append(("ties to people absent this wave", String(r.tiesToAbsent) + "  (kept)")) }
        rows.append(("ties written", r.ties.map { "\($0.relation) \($0.ties)" }.joined(separator: ", ")))

        var kinds: [(ReviewItem.Problem, Int)] = []
        for problem in ReviewItem.Problem.allCases {
            let n = r.review.filter { $0.problem == problem }.count
            if n > 0 { kinds.append((problem, n)) }
        }
        let reviewText = kinds.isEmpty ? "nothing to review" : kinds.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        rows.append(("review", "\(path("review.csv"))  (\(reviewText))"))

        let width = rows.map(\.0.count).max() ?? 0
        var out = "Imported \(responses) (\(r.shape == .rosterMatrix ? "roster matrix" : "name generator")\(r.wave.map { ", wave \($0)" } ?? ""))\n"
        for (label, value) in rows {
            out += "  " + label + String(repeating: " ", count: width - label.count) + "  " + value + "\n"
        }
        out += "Wrote \(path("edges.csv")), \(path("roster.csv")), \(path("review.csv"))\n"
        return out
    }

    func duplicateNote(_ r: SurveyImportReport) -> String {
        guard r.duplicatesDropped > 0 else { return "" }
        switch r.order {
        case let .timestamps(column): return "  (latest kept, by '\(column)')"
        case let .fileOrder(reason): return "  (latest kept, by file order\(reason.map { ": \($0)" } ?? ""))"
        }
    }

    func path(_ name: String) -> String {
        output.hasSuffix("/") ? output + name : output + "/" + name
    }
}
