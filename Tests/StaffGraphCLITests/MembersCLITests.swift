import Foundation
import Testing

/// `staffgraph members` and `--memberships` on other commands.
@Suite struct MembersCLITests {
    static let school = ["members", "Samples/school/memberships.csv", "--nodes", "Samples/school/roster.csv"]

    @Test func panelMatchesTheGoldenValues() throws {
        let result = try runStaffGraph(Self.school + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/members/school.json"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let groups = try #require(json["groups"] as? [[String: Any]])
        let names = try #require(golden["groups"] as? [String])
        #expect(groups.map { $0["group"] as? String } == names)
        for measure in ["degree", "closeness", "betweenness"] {
            let want = try #require((golden[measure] as? [String: [Double]])?["groups"])
            for (k, g) in groups.enumerated() {
                let got = try #require(g[measure] as? Double)
                #expect(abs(got - want[k]) <= 1e-9, "\(measure) \(names[k])")
            }
            let wantPeople = try #require((golden[measure] as? [String: [Double]])?["people"])
            let people = try #require(json["people_two_mode"] as? [[String: Any]])
            for (p, row) in people.enumerated() {
                #expect(abs((row[measure] as? Double ?? -1) - wantPeople[p]) <= 1e-9, "\(measure) person \(p)")
            }
        }
        #expect(json["unconnected_groups"] as? [String] == ["Pathway: Arts, Media & Entertainment"])
        let pairs = (golden["person_projection"] as? [String: [[Double]]])?["count"]?.count
        #expect((json["person_projection"] as? [String: Any])?["pairs"] as? Int == pairs)
    }

    @Test func tableWhereAnonymizeAndCSV() throws {
        let table = try runStaffGraph(Self.school)
        #expect(table.status == 0)
        #expect(table.stdout.contains("62 people, 42 in at least one of 11 groups, 68 memberships"))
        #expect(table.stdout.contains("Fatima Haddad (p10)"))
        let school = try runStaffGraph(Self.school + ["--where", "level=school", "--format", "csv"])
        #expect(school.status == 0)
        #expect(!school.stdout.contains("District Office") && school.stdout.hasPrefix("kind,id,size_or_groups"))
        let hidden = try runStaffGraph(Self.school + ["--anonymize-seed", "3"])
        #expect(hidden.status == 0)
        #expect(!hidden.stdout.contains("Fatima") && !hidden.stdout.contains("p10") && hidden.stdout.contains("Person "))
        let again = try runStaffGraph(Self.school + ["--anonymize-seed", "3", "--threads", "1"])
        #expect(again.stdout == hidden.stdout)
        let per = try runStaffGraph(Self.school + ["--per", "level", "--format", "json"])
        #expect(per.status == 0 && per.stdout.contains("\"per\": \"level\""))
    }

    @Test func rosterColumnForm() throws {
        let result = try runStaffGraph(["members", "--nodes", "Samples/school/roster.csv", "--memberships-column", "team"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Memberships 'team'") && result.stdout.contains("share no member"))
        let both = try runStaffGraph(Self.school + ["--memberships-column", "team"])
        #expect(both.status == 64)
    }

    @Test func errorsNameTheFileAndFlag() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("members-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.csv")
        try "person,group\np01,X\np999,X\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try runStaffGraph(["members", file.path, "--nodes", "Samples/school/roster.csv"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("m.csv:3:1") && bad.stderr.contains("--allow-unknown"))
        let allowed = try runStaffGraph(["members", file.path, "--nodes", "Samples/school/roster.csv", "--allow-unknown"])
        #expect(allowed.status == 0 && allowed.stderr.contains("not on the roster left out"))
        let wave = try runStaffGraph(Self.school + ["--wave", "fall"])
        #expect(wave.status == 64 && wave.stderr.contains("no wave column"))
    }

    @Test func sharedRelationOnOtherCommands() throws {
        let summary = try runStaffGraph(["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv",
                                         "--memberships", "Samples/school/memberships.csv", "--relation", "shared:memberships", "--wave", "fall", "--format", "json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        // Fall has 61 people present (one absent): the pairs among them sharing a group, both ways.
        #expect(summary.stdout.contains("shared:memberships"))
        let qap = try runStaffGraph(["qap", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--memberships", "Samples/school/memberships.csv",
                                     "--memberships-weight", "newman", "--relation", "advice", "--wave", "fall", "--predictor", "shared:memberships", "--permutations", "50"])
        #expect(qap.status == 0, "\(qap.stderr)")
        #expect(qap.stdout.contains("shared:memberships"))
        let lonely = try runStaffGraph(["summary", "Samples/school/edges.csv", "--memberships-weight", "jaccard"])
        #expect(lonely.status == 64)
    }

    @Test func wavesOfMemberships() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("members-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("teams.csv")
        try "person,group,wave\np01,X,fall\np02,X,fall\np01,X,spring\np03,X,spring\np04,X,spring\n".write(to: file, atomically: true, encoding: .utf8)
        let both = try runStaffGraph(["members", file.path, "--nodes", "Samples/school/roster.csv"])
        #expect(both.status == 64 && both.stderr.contains("--wave"))
        let spring = try runStaffGraph(["members", file.path, "--nodes", "Samples/school/roster.csv", "--wave", "Spring", "--format", "json"])
        #expect(spring.status == 0, "\(spring.stderr)")
        #expect(spring.stdout.contains("\"membership_count\": 3"))
        let summary = try runStaffGraph(["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--memberships", file.path,
                                         "--relation", "shared:teams", "--wave", "spring", "--format", "json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("\"ties\": 6"))
    }
}
