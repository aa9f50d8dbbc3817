import Foundation
import Testing
import StaffGraphCore
@testable import StaffGraphIO

fileprivate let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

fileprivate func samplePath(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Samples/\(name)").path
}

/// Imports one of the bundled sample exports.
fileprivate func importSample(_ shape: String) throws -> SurveyImport {
    let roster = try RosterReader.read(samplePath("survey/staff.csv"))
    let spec = try SurveySpec.read(samplePath("survey/\(shape).yaml"))
    return try SurveyImporter.run(responses: samplePath("survey/\(shape).csv"), roster: roster, rosterFile: "staff.csv", spec: spec)
}

/// The sample school's ties of one wave: "source>target relation" -> weight.
fileprivate func schoolTies(wave: String) throws -> [String: Double] {
    let school = try EdgeListReader.read(samplePath("school/edges.csv"), roster: try RosterReader.read(samplePath("school/roster.csv")))
    var ties: [String: Double] = [:]
    for layer in school.network.layers where layer.key.wave == wave {
        let g = layer.graph
        for s in 0 ..< g.nodeCount {
            for k in g.outOffsets[s] ..< g.outOffsets[s + 1] {
                ties["\(school.network.roster.ids[s])>\(school.network.roster.ids[Int(g.outTargets[k])]) \(layer.key.relation)"] = g.outWeights[k]
            }
        }
    }
    return ties
}

fileprivate func tieMap(_ result: SurveyImport) -> [String: Double] {
    var out: [String: Double] = [:]
    for t in result.ties { out["\(result.roster.ids[t.source])>\(result.roster.ids[t.target]) \(t.relation)"] = t.weight }
    return out
}

fileprivate let smallRoster = """
id,name,aliases,email,responded_fall
a,Ana Silva,Annie,ana@example.org,
b,Bo Chen,,bo@example.org,
c,Cy Díaz,,cy@example.org,
d,Di Evans,,di@example.org,absent
e,Ed Fox,,ed@example.org,

"""

fileprivate let smallSpec = """
shape: name_generator
respondent_column: Name
wave: fall
frequencies:
  Daily: 4
  Weekly: 3
  Never: 0
relations:
  - name: advice
    columns: "Advice *"
    frequency: "Often *"

"""

/// Imports CSV text with the small roster and a spec.
fileprivate func importText(_ csv: String, spec: String = smallSpec, roster: String = smallRoster, options: SurveyImportOptions = SurveyImportOptions()) throws(InputError) -> SurveyImport {
    let r = try RosterReader.read(bytes: Array(roster.utf8), name: "roster.csv")
    let s = try SurveySpec.parse(yaml: spec, file: "spec.yaml")
    return try SurveyImporter.run(bytes: Array(csv.utf8), name: "responses.csv", roster: r, rosterFile: "roster.csv", spec: s, options: options)
}

fileprivate func importFailure(_ csv: String, spec: String = smallSpec, roster: String = smallRoster, options: SurveyImportOptions = SurveyImportOptions()) -> InputError? {
    do { _ = try importText(csv, spec: spec, roster: roster, options: options); return nil } catch { return error }
}

fileprivate func specFailure(_ yaml: String) -> InputError? {
    do { _ = try SurveySpec.parse(yaml: yaml, file: "spec.yaml"); return nil } catch { return error }
}

fileprivate func ties(_ result: SurveyImport) -> [String] {
    result.ties.map { "\(result.roster.ids[$0.source])>\(result.roster.ids[$0.target]):\(formatWeight($0.weight))" }
}

@Suite struct SurveyImportTests {
    // MARK: The bundled samples, end to end

    @Test func nameGeneratorSample() throws {
        let result = try importSample("name_generator")
        let r = result.report
        #expect(r.wave == "fall")
        #expect(r.rows == 60 && r.blankRows == 1)
        #expect(r.respondents == 57 && r.nonrespondents == 4 && r.absent == 1)
        #expect(r.duplicatesDropped == 1 && r.unknownRespondents == 1 && r.selfNominations == 1)
        #expect(r.order == .timestamps(column: "Timestamp"))
        #expect(r.respondentMatches.count(.exact) == 58 && r.respondentMatches.unmatched == 1)
        let n = r.nameMatches
        #expect(n.count(.exact) == 500 && n.count(.folded) == 60 && n.count(.alias) == 10)
        #expect(n.count(.reversed) == 21 && n.count(.nickname) == 9 && n.count(.initials) == 7 && n.count(.surname) == 15 && n.count(.firstName) == 10)
        #expect(n.unmatched == 18 && n.ambiguous == 1 && n.placeholders == 1)
        #expect(r.ties == [RelationCount(relation: "advice", ties: 395), RelationCount(relation: "collaboration", ties: 236)])
        #expect(r.review.count == 22)
        #expect(r.review.filter { $0.problem == .ambiguousName }.map(\.text) == ["Reyes"])
        // Every tie written is the school's fall tie with its weight; the 18 missing are the unresolved names.
        let school = try schoolTies(wave: "fall")
        let imported = tieMap(result)
        #expect(imported.allSatisfy { school[$0.key] == $0.value })
        #expect(school.count - imported.count == 18)
        // Non-respondents and the new hire.
        let fall = try #require(result.roster.responses(wave: "fall"))
        for id in ["p15", "p36", "p56", "p61"] { #expect(fall[try #require(result.roster.index(of: id))] == .nonrespondent) }
        #expect(fall[try #require(result.roster.index(of: "p29"))] == .absent)
        #expect(fall.filter { $0 == .responded }.count == 57)
    }

    @Test func rosterMatrixSample() throws {
        let result = try importSample("roster_matrix")
        let r = result.report
        #expect(r.wave == "winter")
        #expect(r.rows == 61 && r.blankRows == 1)
        #expect(r.respondents == 57 && r.nonrespondents == 5 && r.absent == 0)
        #expect(r.duplicatesDropped == 1 && r.unknownRespondents == 2 && r.selfNominations == 1)
        #expect(r.order == .timestamps(column: "RecordedDate"))
        let who = r.respondentMatches
        #expect(who.count(.exact) == 53 && who.count(.folded) == 2 && who.count(.reversed) == 1 && who.count(.nickname) == 1 && who.count(.initials) == 1 && who.unmatched == 2)
        #expect(r.columnMatches.count(.exact) == 122 && r.columnMatches.count(.folded) == 2 && r.columnMatches.unmatched == 0)
        #expect(r.ties == [RelationCount(relation: "advice", ties: 409), RelationCount(relation: "collaboration", ties: 241)])
        #expect(r.review.map(\.problem) == [.duplicateSubmission, .unknownRespondent, .unknownRespondent, .selfNomination])
        // Everything written is a school winter tie; what is missing was sent by the respondent who mistyped their name.
        let school = try schoolTies(wave: "winter")
        let imported = tieMap(result)
        #expect(imported.allSatisfy { school[$0.key] == $0.value })
        #expect(Set(school.keys.filter { imported[$0] == nil }.map { String($0.prefix(3)) }) == ["p35"])
        let winter = try #require(result.roster.responses(wave: "winter"))
        #expect(winter[try #require(result.roster.index(of: "p35"))] == .nonrespondent)
    }

    @Test func outputsAreReadBackWithResponseStatus() throws {
        let result = try importSample("name_generator")
        let roster = try RosterReader.read(bytes: Array(result.rosterCSV().utf8), name: "roster.csv")
        #expect(roster.ids.count == 62)
        #expect(roster.attributeNames == ["name", "email", "aliases", "role", "team", "level", "years"])
        #expect(roster.responseWaves == ["fall", "winter", "spring"])
        #expect(roster.responses(wave: "fall") == result.roster.responses(wave: "fall"))
        #expect(roster.attribute("name")?[12] == "José Núñez")
        let edges = try EdgeListReader.read(bytes: Array(result.edgesCSV().utf8), name: "edges.csv", roster: roster)
        #expect(edges.network.layers.map(\.key.description) == ["advice, wave fall", "collaboration, wave fall"])
        #expect(edges.network.layers.map(\.graph.edgeCount) == [395, 236])
        #expect(edges.network.roster.responses(wave: "fall")?.filter { $0 == .nonrespondent }.count == 4)
        let review = result.reviewCSV().split(separator: "\n")
        #expect(review.first == "row,column,text,problem,candidates,note")
        #expect(review.contains { $0.hasPrefix("48,Whom do you go to for advice about teaching? [7],Reyes,ambiguous name,p02 Daniel Reyes | p17 Amara Okafor-Reyes,") })
    }

    @Test func outputIsDeterministic() throws {
        let a = try importSample("roster_matrix"), b = try importSample("roster_matrix")
        #expect(a.edgesCSV() == b.edgesCSV() && a.rosterCSV() == b.rosterCSV() && a.reviewCSV() == b.reviewCSV())
    }

    // MARK: Rows

    @Test func blankRowsSelfNominationsRepeatsAndLabels() throws {
        let csv = """
        Name,Advice 1,Often 1,Advice 2,Often 2,Advice 3,Often 3
        Ana Silva,Bo Chen,Daily,ana silva,Weekly,Cy Diaz,
        ,,,,,,

        Bo Chen,Cy Díaz,Weekly,Cy,Daily,Ed Fox,Never
        Cy Díaz,,Daily,Annie,Weekly,,
        ,Ed Fox,Daily,,,,

        """
        let result = try importText(csv)
        let r = result.report
        #expect(ties(result) == ["a>b:4", "a>c:1", "b>c:4", "c>a:3"])
        #expect(r.blankRows == 2)                  // the row of commas and the blank line
        #expect(r.selfNominations == 1)            // Ana names "ana silva"
        #expect(r.repeatedNamesMerged == 1)        // Bo names Cy twice: the stronger answer is kept
        #expect(r.namesWithoutFrequency == 1)      // Ana's "Cy Diaz" has no frequency: default weight 1
        #expect(r.zeroStrengthAnswers == 1)        // "Never" is not a tie
        #expect(r.frequenciesWithoutName == 1)     // Cy's "Daily" beside an empty name
        #expect(r.rowsWithoutRespondent == 1)
        #expect(r.review.map(\.problem) == [.selfNomination, .missingRespondent])
        #expect(r.review[1].line == 7 && r.review[1].column == 1)
        #expect(r.nonrespondents == 1 && r.absent == 1)   // Ed has no row; Di is absent
        #expect(result.roster.responses(wave: "fall") == [.responded, .responded, .responded, .absent, .nonrespondent])
    }

    @Test func duplicatesKeepTheLatestByTimestamp() throws {
        let spec = smallSpec + "timestamp_column: Submitted\n"
        let csv = """
        Submitted,Name,Advice 1,Often 1
        2024-09-23 10:00:00,Bo Chen,Ana Silva,Daily
        2024-09-22 09:00:00,Bo Chen,Cy Díaz,Daily

        """
        let result = try importText(csv, spec: spec)
        #expect(ties(result) == ["b>a:4"])
        #expect(result.report.duplicatesDropped == 1)
        #expect(result.report.review.first?.line == 3)
        #expect(result.report.review.first?.note.contains("line 2 is kept") == true)
        #expect(result.report.order == .timestamps(column: "Submitted"))
    }

    @Test func duplicatesFallBackToFileOrder() throws {
        // The usual column names are found without timestamp_column; an unreadable time means file order.
        let csv = """
        Timestamp,Name,Advice 1,Often 1
        9/23/2024 10:00:00,Bo Chen,Ana Silva,Daily
        yesterday,Bo Chen,Cy Díaz,Daily

        """
        let result = try importText(csv)
        #expect(ties(result) == ["b>c:4"])
        guard case let .fileOrder(reason) = result.report.order else { Issue.record("expected file order"); return }
        #expect(reason?.contains("'yesterday' on line 3") == true)
    }

    @Test func dayFirstDatesAreDetected() throws {
        // 13/09 can only be day first, so 01/10 is 1 October: the first row is the latest.
        let csv = """
        Timestamp,Name,Advice 1,Often 1
        01/10/2024 09:00,Bo Chen,Ana Silva,Daily
        13/09/2024 10:00,Bo Chen,Cy Díaz,Daily

        """
        #expect(try ties(importText(csv)) == ["b>a:4"])
        // Told month first, 13/09 is unreadable: file order.
        #expect(try ties(importText(csv, spec: smallSpec + "date_order: month_first\n")) == ["b>c:4"])
    }

    @Test func timestampFormats() {
        let iso = SurveyTimestamp.parse("2024-09-23 08:14:03", slashOrder: .monthFirst)
        #expect(iso != nil)
        #expect(SurveyTimestamp.parse("2024-09-23T08:14:03Z", slashOrder: .monthFirst) == iso)
        #expect(SurveyTimestamp.parse("2024-09-23T10:14:03+02:00", slashOrder: .monthFirst) == iso)
        #expect(SurveyTimestamp.parse("9/23/2024 8:14:03", slashOrder: .monthFirst) == iso)
        #expect(SurveyTimestamp.parse("23/9/2024 08:14:03", slashOrder: .dayFirst) == iso)
        #expect(SurveyTimestamp.parse("9/23/24 8:14:03 AM", slashOrder: .monthFirst) == iso)
        #expect(SurveyTimestamp.parse("23.09.2024 08:14:03", slashOrder: .monthFirst) == iso)
        #expect(SurveyTimestamp.parse("2024/09/23 08:14:03.250", slashOrder: .monthFirst) == iso)
        let pm = SurveyTimestamp.parse("9/23/2024 8:14 PM", slashOrder: .monthFirst)
        let evening = SurveyTimestamp.parse("2024-09-23 20:14", slashOrder: .monthFirst)
        #expect(pm != nil && pm == evening)
        #expect(SurveyTimestamp.parse("12/31/2024", slashOrder: .monthFirst)! < SurveyTimestamp.parse("1/1/2025", slashOrder: .monthFirst)!)
        for bad in ["", "yesterday", "2024-02-30 10:00", "13/13/2024", "2024-09-23 25:00", "9/23/2024 8:14:03 XM"] {
            #expect(SurveyTimestamp.parse(bad, slashOrder: .monthFirst) == nil, "\(bad)")
        }
    }

    @Test func respondentsByRosterColumn() throws {
        let spec = smallSpec.replacingOccurrences(of: "respondent_column: Name", with: "respondent_column: Email\nrespondent_roster_column: email")
        let csv = """
        Email,Advice 1,Often 1
        BO@example.org,Ana Silva,Daily
        bob@example.org,Ana Silva,Daily
        zed@elsewhere.net,Ana Silva,Daily

        """
        let result = try importText(csv, spec: spec)
        #expect(ties(result) == ["b>a:4"])
        #expect(result.report.unknownRespondents == 2)
        #expect(result.report.review.map(\.candidates) == [[1], []])   // bob@ is two edits from bo@; zed@ is near no one
    }

    @Test func withoutAWaveTheRosterGetsAPlainRespondedColumn() throws {
        let spec = smallSpec.replacingOccurrences(of: "wave: fall\n", with: "")
        let roster = "id,name\na,Ana Silva\nb,Bo Chen\n"
        let result = try importText("Name,Advice 1,Often 1\nBo Chen,Ana,Weekly\n", spec: spec, roster: roster)
        #expect(result.edgesCSV() == "source,target,weight,relation\nb,a,3,advice\n")
        #expect(result.rosterCSV() == "id,name,responded\na,Ana Silva,no\nb,Bo Chen,yes\n")
        // The wave option names one.
        let waved = try importText("Name,Advice 1,Often 1\nBo Chen,Ana,Weekly\n", spec: spec, roster: roster, options: SurveyImportOptions(wave: "spring"))
        #expect(waved.edgesCSV() == "source,target,weight,relation,wave\nb,a,3,advice,spring\n")
        #expect(waved.rosterCSV() == "id,name,responded_spring\na,Ana Silva,no\nb,Bo Chen,yes\n")
    }

    @Test func qualtricsMatrixWithThreeHeaderRows() throws {
        let spec = """
        shape: roster_matrix
        header_rows: 3
        respondent_column: Q1
        frequencies: {Daily: 4, Weekly: 3, Monthly: 2}
        relations:
          - name: advice
            columns: "Advice - *"

        """
        let csv = """
        Q1,Q2_1,Q2_2,Q2_3,Q2_4
        Your name?,Advice - Ana Silva,Advice - b,Advice - Zed Nobody,Advice - Cy Diaz
        "{""ImportId"":""QID1""}",x,x,x,x
        Ana Silva,,Weekly,Daily,monthly
        Bo Chen,Daily,,,

        """
        let result = try importText(csv, spec: spec)
        #expect(ties(result) == ["a>b:3", "a>c:2", "b>a:4"])
        #expect(result.report.columnMatches.count(.exact) == 2 && result.report.columnMatches.count(.folded) == 1)
        #expect(result.report.answersInUnresolvedColumns == 1)
        let item = try #require(result.report.review.first)
        #expect(item.problem == .unmatchedColumn && item.line == 2 && item.columnName == "Q2_3" && item.text == "Zed Nobody")
        // A strict import refuses the unmatched column.
        let strict = importFailure(csv, spec: spec, options: SurveyImportOptions(strict: true))
        #expect(strict?.line == 2 && strict?.message.contains("1 name could not be matched") == true)
    }

    @Test func strictRefusesUnresolvedNamesWithLocations() throws {
        let csv = "Name,Advice 1,Often 1,Advice 2,Often 2\nBo Chen,Ana Silvva,Daily,Zed,Weekly\nQuinn,Ana,Daily,,\n"
        let e = importFailure(csv, options: SurveyImportOptions(strict: true))
        #expect(e?.exitCode == 65)
        #expect(e?.description.hasPrefix("responses.csv:2:9: error: 3 names could not be matched to the roster (strict)") == true)
        #expect(e?.settings == [.strict])
        #expect(e?.description(naming: { "--\($0.rawValue)" }).hasPrefix("responses.csv:2:9: error: 3 names could not be matched to the roster (--strict)") == true)
        #expect(e?.details == [
            "responses.csv:2:9: unmatched name 'Ana Silvva' (closest: Ana Silva)",
            "responses.csv:2:26: unmatched name 'Zed' (closest: Ed Fox)",
            "responses.csv:3:1: respondent not on roster 'Quinn'",
        ])
        // Duplicates and self-nominations alone do not stop a strict import.
        let handled = try importText("Name,Advice 1,Often 1\nBo Chen,Ana,Daily\nBo Chen,Bo,Daily\n", options: SurveyImportOptions(strict: true))
        #expect(handled.report.review.map(\.problem) == [.duplicateSubmission, .selfNomination] && handled.ties.isEmpty)
    }

    // MARK: Errors in the export

    @Test func unknownFrequencyLabelIsLocatedInTheExport() throws {
        let e = importFailure("Name,Advice 1,Often 1\nBo Chen,Ana,Daily\nAna Silva,Bo,Sometimes\n")
        #expect(e?.description.hasPrefix("responses.csv:3:14: error: 'Sometimes' is not a frequency label of the relation 'advice' (column 'Often 1')") == true)
        #expect(e?.hint?.contains("Daily (4), Weekly (3), Never (0)") == true)
        // Numbers equal to a label's value are accepted (recoded exports).
        #expect(try ties(importText("Name,Advice 1,Often 1\nBo Chen,Ana,3\n")) == ["b>a:3"])
        #expect(importFailure("Name,Advice 1,Often 1\nBo Chen,Ana,7\n")?.line == 2)
    }

    @Test func raggedRowsAreErrors() throws {
        let e = importFailure("Name,Advice 1,Often 1\nBo Chen,Ana,Daily,extra\n")
        #expect(e?.line == 2 && e?.column == 19)
        // Missing trailing cells are empty.
        #expect(try ties(importText("Name,Advice 1,Often 1\nBo Chen,Ana\n")) == ["b>a:1"])
    }

    // MARK: Errors in the spec

    @Test func malformedYAMLIsLocated() {
        let e = specFailure("shape: name_generator\nrespondent_column: Name\nrelations:\n  - name: advice\n   columns: x\n")
        #expect(e?.file == "spec.yaml" && e?.line == 5 && e?.exitCode == 65)
        #expect(e?.message.hasPrefix("the spec is not valid YAML") == true)
        let tab = specFailure("shape: name_generator\n\trespondent_column: Name\n")
        #expect(tab?.line == 2)
        #expect(specFailure("")?.message == "the spec is empty")
    }

    @Test func specKeysAndTypesAreChecked() {
        let unknown = specFailure("shape: name_generator\nrespondent_column: Name\nfrequncies:\n  Daily: 4\nrelations: [{name: advice, columns: x}]\n")
        #expect(unknown?.description.hasPrefix("spec.yaml:3:1: error: unknown key 'frequncies' in the spec") == true)
        #expect(unknown?.hint?.hasPrefix("did you mean 'frequencies'?") == true)
        let shape = specFailure("shape: matrix\nrespondent_column: Name\nrelations: [{name: advice, columns: x}]\n")
        #expect(shape?.line == 1 && shape?.column == 8 && shape?.message == "unknown shape 'matrix'")
        let missing = specFailure("shape: name_generator\nrelations: [{name: advice, columns: x}]\n")
        #expect(missing?.message == "the spec has no 'respondent_column'")
        let notList = specFailure("shape: name_generator\nrespondent_column: Name\nrelations:\n  name: advice\n")
        #expect(notList?.line == 4 && notList?.message.hasPrefix("'relations' should be a list") == true)
        let twice = specFailure("shape: name_generator\nrespondent_column: Name\nrelations:\n  - {name: advice, columns: x}\n  - {name: advice, columns: y}\n")
        #expect(twice?.line == 5 && twice?.message.contains("appears twice") == true)
        let label = specFailure("shape: name_generator\nrespondent_column: Name\nfrequencies:\n  Daily: often\nrelations: [{name: advice, columns: x}]\n")
        #expect(label?.line == 4 && label?.column == 10 && label?.message == "'Daily' should be a number, not 'often'")
        let rows = specFailure("shape: name_generator\nheader_rows: 0\nrespondent_column: Name\nrelations: [{name: advice, columns: x}]\n")
        #expect(rows?.line == 2 && rows?.column == 14)
        let star = specFailure("shape: roster_matrix\nrespondent_column: Name\nrelations:\n  - name: advice\n    columns: Q2_1\n")
        #expect(star?.line == 5 && star?.column == 14 && star?.message.contains("has no * for the colleague") == true)
        let frequency = specFailure("shape: roster_matrix\nrespondent_column: Name\nrelations:\n  - {name: advice, columns: \"Q *\", frequency: F}\n")
        #expect(frequency?.message == "'frequency' is for name generators")
        let duplicateLabel = specFailure("shape: name_generator\nrespondent_column: Name\nfrequencies:\n  Daily: 4\n  daily: 3\nrelations: [{name: advice, columns: x}]\n")
        #expect(duplicateLabel?.line == 5)
    }

    @Test func absentColumnsAreLocatedInTheSpec() {
        let spec = smallSpec.replacingOccurrences(of: "respondent_column: Name", with: "respondent_column: Nmae")
        let e = importFailure("Name,Advice 1,Often 1\nBo Chen,Ana,Daily\n", spec: spec)
        #expect(e?.description.hasPrefix("spec.yaml:2:20: error: responses.csv has no column 'Nmae' (respondent_column)") == true)
        #expect(e?.hint?.hasPrefix("did you mean 'Name'?") == true)
        let pattern = importFailure("Name,Advise 1,Often 1\nBo Chen,Ana,Daily\n")
        #expect(pattern?.file == "spec.yaml" && pattern?.line == 10 && pattern?.column == 14)
        #expect(pattern?.message == "no column of responses.csv matches 'Advice *' (columns of 'advice')")
        let counts = importFailure("Name,Advice 1,Often 1,Advice 2\nBo Chen,Ana,Daily,\n")
        #expect(counts?.line == 11 && counts?.message.contains("selects 1 column but 'columns' selects 2") == true)
        let reused = smallSpec + "  - name: trust\n    columns: \"Advice *\"\n"
        #expect(importFailure("Name,Advice 1,Often 1\nBo Chen,Ana,Daily\n", spec: reused)?.message.contains("is used twice") == true)
        let timestamp = importFailure("Name,Advice 1,Often 1\n", spec: smallSpec + "timestamp_column: When\n")
        #expect(timestamp?.line == 12 && timestamp?.message.contains("no column 'When'") == true)
    }

    @Test func rosterColumnsNamedByTheSpecMustExist() {
        let noName = importFailure("Name,Advice 1,Often 1\n", roster: "id,team\na,Math\n")
        #expect(noName?.file == "roster.csv" && noName?.line == 1 && noName?.message.contains("no 'name' column") == true)
        let aliases = importFailure("Name,Advice 1,Often 1\n", spec: smallSpec + "roster_aliases_column: nicknames\n")
        #expect(aliases?.file == "spec.yaml" && aliases?.line == 12)
        let email = importFailure("Name,Advice 1,Often 1\n", spec: smallSpec + "respondent_roster_column: mail\n")
        #expect(email?.file == "spec.yaml" && email?.message.contains("no column 'mail'") == true)
        let header = importFailure("Name,Advice 1,Often 1\n", spec: smallSpec + "header_rows: 3\n")
        #expect(header?.file == "spec.yaml" && header?.line == 12)
    }

    @Test func missingSpecFileExitsWith66() {
        do {
            _ = try SurveySpec.read("/no/such/spec.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 66)
        }
    }

    @Test func sampleSpecsParse() throws {
        let ng = try SurveySpec.read(samplePath("survey/name_generator.yaml"))
        #expect(ng.shape == .nameGenerator && ng.respondentRosterColumn == "email" && ng.wave == "fall" && ng.dateOrder == .monthFirst)
        #expect(ng.frequencies.labels.map(\.label) == ["Daily", "Weekly", "Monthly", "Less than monthly"])
        #expect(ng.relations.map(\.name) == ["advice", "collaboration"])
        let matrix = try SurveySpec.read(samplePath("survey/roster_matrix.yaml"))
        #expect(matrix.shape == .rosterMatrix && matrix.headerRows == 3 && matrix.timestampColumn == "RecordedDate")
        #expect(matrix.scale(for: matrix.relations[0]).value(for: "less than  MONTHLY") == 1)
    }

    // MARK: Writing

    @Test func outputFilesAreWrittenAllOrNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-survey-\(UUID().uuidString)")
        let nested = folder.appendingPathComponent("a/b").path
        try AtomicFileGroup.write([("one.csv", "1\n"), ("two.csv", "2\n")], into: nested)
        #expect(try String(contentsOfFile: nested + "/two.csv", encoding: .utf8) == "2\n")
        // A destination that is a folder (one StaffGraph did not write) stops the whole group: nothing new, no temporary files.
        try FileManager.default.createDirectory(atPath: nested + "/blocked.csv", withIntermediateDirectories: true)
        #expect(throws: InputError.self) { try AtomicFileGroup.write([("three.csv", "3\n"), ("blocked.csv", "x\n")], into: nested) }
        let left = try FileManager.default.contentsOfDirectory(atPath: nested).sorted()
        #expect(left == [".staffgraph", "blocked.csv", "one.csv", "two.csv"])
        try? FileManager.default.removeItem(at: folder)
    }
}
