import Foundation
import Testing

/// `staffgraph channels`: levels and channels between two sets of people.
@Suite struct ChannelsCLITests {
    static let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]
    static let sets = ["--from", "level=district", "--to", "role=Department Chair"]

    @Test func jsonMatchesTheGoldenValues() throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/channels/school_advice_fall_district_chairs.json"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let directions = try #require(golden["directions"] as? [String: [String: Any]])
        for direction in ["either", "named", "advice-flow"] {
            let result = try runStaffGraph(["channels"] + Self.school + Self.sets + ["--direction", direction, "--by", "level", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let channels = try #require(json["channels"] as? [String: Any])
            let want = try #require(directions[direction])
            #expect(channels["independent_channels"] as? Int == want["independent_channels"] as? Int, "\(direction)")
            #expect(channels["brokered_channels"] as? Int == want["brokered_channels"] as? Int, "\(direction)")
            #expect(channels["two_step_chains"] as? Int == want["two_step_total"] as? Int, "\(direction)")
            #expect((channels["direct"] as? [Any])?.count == (want["direct"] as? [Any])?.count, "\(direction)")
            #expect((channels["cut"] as? [Any])?.count == (want["networkx_cut"] as? [Any])?.count, "\(direction)")
            #expect(channels["from"] as? String == "level = district" && channels["to"] as? String == "role = department chair")
            let levels = try #require(json["levels"] as? [String: Any])
            let goldenLevels = try #require(golden["levels"] as? [String: Any])
            #expect(levels["ties"] as? [[Int]] == goldenLevels["level_ties"] as? [[Int]])
        }
    }

    @Test func tableNamesTheCutAndTheIntermediaries() throws {
        let result = try runStaffGraph(["channels"] + Self.school + Self.sets + ["--direction", "advice-flow"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Independent channels  4"))
        #expect(result.stdout.contains("Brokered channels     4"))
        #expect(result.stdout.contains("Margaret Okonkwo (p01)"))
        // The same bytes on one thread.
        let again = try runStaffGraph(["channels"] + Self.school + Self.sets + ["--direction", "advice-flow", "--threads", "1"])
        #expect(again.stdout == result.stdout)
    }

    @Test func misspeltValueAndMissingSetAreUsageErrors() throws {
        let value = try runStaffGraph(["channels"] + Self.school + ["--from", "level=distrct", "--to", "level=school"])
        #expect(value.status == 64)
        #expect(value.stderr.contains("--from") && value.stderr.contains("did you mean 'district'"))
        let column = try runStaffGraph(["channels"] + Self.school + ["--from", "level=district", "--to", "rol=teacher"])
        #expect(column.status == 64 && column.stderr.contains("--to") && column.stderr.contains("did you mean 'role'"))
        let half = try runStaffGraph(["channels"] + Self.school + ["--from", "level=district"])
        #expect(half.status == 64 && half.stderr.contains("--from and --to"))
        let nothing = try runStaffGraph(["channels"] + Self.school)
        #expect(nothing.status == 64)
    }

    @Test func anonymizeLeaksNoName() throws {
        let result = try runStaffGraph(["channels"] + Self.school + Self.sets + ["--by", "level", "--anonymize-seed", "3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Okonkwo") && !result.stdout.contains("p01") && !result.stdout.contains("p55"))
        #expect(result.stdout.hasPrefix("id,level,other_levels,cross_level_contacts,set,direct_ties,chains_through,in_cut,in_broker_cut\n"))
        #expect(result.stdout.contains("Person "))
        let refused = try runStaffGraph(["channels"] + Self.school + ["--from", "name=Margaret Okonkwo", "--to", "level=school", "--anonymize"])
        #expect(refused.status == 64 && refused.stderr.contains("identifies people"))
    }

    @Test func whereNarrowsThePeople() throws {
        let result = try runStaffGraph(["channels"] + Self.school + Self.sets + ["--where", "level=district,school", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["people_count"] as? Int).map { $0 < 62 } == true)
        let channels = try #require(json["channels"] as? [String: Any])
        #expect(channels["from_count"] as? Int == 4 && channels["to_count"] as? Int == 4)
    }
}
