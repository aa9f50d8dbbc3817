import Foundation
import Testing
import StaffGraphIO

/// A fresh temporary folder (not created).
fileprivate func scratch() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-import-\(UUID().uuidString)").path
}

fileprivate func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// Text with runs of spaces made one, so checks do not depend on column widths.
fileprivate func squeezed(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.split(separator: " ").joined(separator: " ").isEmpty ? "" : " " + line.split(separator: " ").joined(separator: " ")
    }.joined(separator: "\n")
}

fileprivate func importArguments(_ shape: String, into folder: String) -> [String] {
    ["import", "survey", "Samples/survey/\(shape).csv", "--roster", "Samples/survey/staff.csv", "--spec", "Samples/survey/\(shape).yaml", "-o", folder]
}

@Suite struct ImportCLITests {
    @Test func nameGeneratorSampleThenSummary() throws {
        let folder = scratch() + "/fall"
        let run = try runStaffGraph(importArguments("name_generator", into: folder))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let screen = squeezed(run.stdout)
        for line in ["respondents matched 57 of 61 on staff", "non-respondents 4", "duplicates dropped 1 (latest kept, by 'Timestamp')",
                     "blank rows skipped 1", "self-nominations dropped 1", "colleague names matched exactly 500", "by folding 60", "by alias 10",
                     "by rule 62 (reversed 21, nickname 9, initials 7, surname 15, first name 10)",
                     "unmatched 18", "ambiguous 1", "ties written advice 395, collaboration 236"] {
            #expect(screen.contains("\n " + line + "\n") || screen.contains("\n " + line + " "), "missing: \(line)")
        }
        #expect(run.stdout.contains("\(folder)/review.csv"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == [".staffgraph", "edges.csv", "review.csv", "roster.csv"])  // .staffgraph: what StaffGraph wrote there
        // summary reads the output directly, with the response rate from the roster written.
        let summary = try runStaffGraph(["summary", folder + "/edges.csv", "--nodes", folder + "/roster.csv", "--format", "json", "--relation", "advice"])
        #expect(summary.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        #expect(json["ties"] as? Int == 395)
        #expect(json["respondents"] as? Int == 57 && json["nonrespondents"] as? Int == 4 && json["absent"] as? Int == 1)
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path)
    }

    @Test func rosterMatrixSampleAndWaveOption() throws {
        let folder = scratch()
        let run = try runStaffGraph(importArguments("roster_matrix", into: folder) + ["--wave", "w2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Imported Samples/survey/roster_matrix.csv (roster matrix, wave w2)"))
        #expect(squeezed(run.stdout).contains("colleague columns matched exactly 122"))
        #expect(squeezed(run.stdout).contains("respondents not on roster 2 (answers set aside)"))
        let roster = try String(contentsOfFile: folder + "/roster.csv", encoding: .utf8)
        #expect(roster.hasPrefix("id,name,email,aliases,role,team,level,years,responded_fall,responded_winter,responded_spring,responded_w2\n"))
        let edges = try String(contentsOfFile: folder + "/edges.csv", encoding: .utf8)
        #expect(edges.hasPrefix("source,target,weight,relation,wave\np01,"))
        #expect(edges.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",w2") })
        // The same run twice writes the same bytes.
        let again = scratch()
        _ = try runStaffGraph(importArguments("roster_matrix", into: again) + ["--wave", "w2"])
        for name in ["edges.csv", "roster.csv", "review.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: again + "/" + name)))
        }
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: again)
    }

    @Test func strictExitsWith65AndWritesNothing() throws {
        let folder = scratch() + "/out"
        let run = try runStaffGraph(importArguments("name_generator", into: folder) + ["--strict"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("Samples/survey/name_generator.csv:7:70: error: 20 names could not be matched to the roster (--strict)"))
        #expect(run.stderr.contains("ambiguous name 'Reyes' (could be: Daniel Reyes, Amara Okafor-Reyes)"))
        #expect(run.stderr.contains("hint: add the spellings to the roster's aliases column"))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path))
    }

    @Test func badSpecsExitWith65WithTheirLocation() throws {
        let folder = scratch()
        let spec = folder + "/spec.yaml"
        let out = folder + "/out"
        func run(_ yaml: String) throws -> CLIRun {
            try write(yaml, to: spec)
            return try runStaffGraph(["import", "survey", "Samples/survey/name_generator.csv", "--roster", "Samples/survey/staff.csv", "--spec", spec, "-o", out])
        }
        let malformed = try run("shape: name_generator\nrespondent_column: \"Your name\nrelations: []\n")
        #expect(malformed.status == 65)
        #expect(malformed.stderr.hasPrefix("\(spec):4:1: error: the spec is not valid YAML"))
        let absent = try run("shape: name_generator\nrespondent_column: Your nmae\nrelations:\n  - name: advice\n    columns: \"Whom do you go to for advice about teaching? [*]\"\n")
        #expect(absent.status == 65)
        #expect(absent.stderr.hasPrefix("\(spec):2:20: error: Samples/survey/name_generator.csv has no column 'Your nmae' (respondent_column)"))
        #expect(absent.stderr.contains("hint: did you mean 'Your name'?"))
        let label = try run("""
        shape: name_generator
        respondent_column: Email Address
        respondent_roster_column: email
        frequencies: {Daily: 4, Weekly: 3}
        relations:
          - name: advice
            columns: "Whom do you go to for advice about teaching? [*]"
            frequency: "How often? [*]"
        """)
        #expect(label.status == 65)
        #expect(label.stderr.contains("is not a frequency label of the relation 'advice'"))
        #expect(label.stderr.hasPrefix("Samples/survey/name_generator.csv:2:"))
        #expect(!FileManager.default.fileExists(atPath: out))
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func missingFilesExitWith66() throws {
        let run = try runStaffGraph(["import", "survey", "Samples/survey/name_generator.csv", "--roster", "Samples/survey/staff.csv", "--spec", "no/such.yaml", "-o", scratch()])
        #expect(run.status == 66)
        #expect(run.stderr.hasPrefix("no/such.yaml: error: cannot open the file"))
        let usage = try runStaffGraph(["import", "survey", "Samples/survey/name_generator.csv", "--spec", "Samples/survey/name_generator.yaml", "-o", scratch()])
        #expect(usage.status == 64)
    }

    @Test func importAppearsInHelp() throws {
        let run = try runStaffGraph(["import", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("survey"))
    }
}
