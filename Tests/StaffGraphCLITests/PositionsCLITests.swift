import Foundation
import Testing

/// `groups --positions K`, `groups --core` and the `metrics` columns position, in_core, coreness.
@Suite struct PositionsCLITests {
    let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall", "--permutations", "0"]

    @Test func groupsJSONHasPositionsAndCore() throws {
        let run = try runStaffGraph(["groups"] + school + ["--by", "role", "--positions", "4", "--core", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let positions = try #require(json["positions"] as? [String: Any])
        #expect(positions["count"] as? Int == 4)
        #expect(positions["distance"] as? String == "hamming" && positions["linkage"] as? String == "complete")
        let sizes = try #require(positions["sizes"] as? [Int])
        let composition = try #require(positions["composition"] as? [[String: Int]])
        #expect(zip(sizes, composition).allSatisfy { $0 == $1.values.reduce(0, +) })
        let core = try #require(json["core_periphery"] as? [String: Any])
        let fit = try #require(core["fit"] as? Double)
        #expect(fit > 0 && fit <= 1)
        let people = try #require(json["people"] as? [[String: Any]])
        let inCore = people.filter { $0["core"] as? Bool == true }.count
        #expect(inCore == core["core_size"] as? Int)
        #expect(people.allSatisfy { $0["position"] is Int && $0["coreness"] is Double })
    }

    @Test func groupsTableAndCSVAndAnonymize() throws {
        let table = try runStaffGraph(["groups"] + school + ["--by", "level", "--positions", "3", "--position-distance", "correlation", "--position-linkage", "average", "--core"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Positions: 3 sets") && table.stdout.contains("correlation distance") && table.stdout.contains("Core and periphery"))
        #expect(table.stdout.contains("Margaret Okonkwo"))
        let csv = try runStaffGraph(["groups"] + school + ["--by", "level", "--positions", "3", "--core", "--per-person", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,group,ei_index,position,core,coreness\n"))
        let hidden = try runStaffGraph(["groups"] + school + ["--by", "level", "--positions", "3", "--core", "--anonymize"])
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(!hidden.stdout.contains("Margaret") && !hidden.stdout.contains("p01") && hidden.stdout.contains("Person "))
    }

    @Test func cutAtAHeightAndPerGroups() throws {
        let run = try runStaffGraph(["groups"] + school + ["--by", "role", "--position-height", "-0.2", "--position-distance", "correlation", "--position-linkage", "average"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Positions: 13 sets"))
        // With --per, a group smaller than K gets one position per person, with a note.
        let per = try runStaffGraph(["groups"] + school + ["--by", "role", "--positions", "5", "--per", "level"])
        #expect(per.status == 0, "\(per.stderr)")
        #expect(per.stderr.contains("only 4 people here: 4 positions instead of 5"))
    }

    @Test func badPositionCountsAreUsageErrors() throws {
        let zero = try runStaffGraph(["groups"] + school + ["--by", "role", "--positions", "0"])
        #expect(zero.status == 64 && zero.stderr.contains("--positions"))
        let many = try runStaffGraph(["groups"] + school + ["--by", "role", "--positions", "500"])
        #expect(many.status == 64 && many.stderr.contains("more positions than the 61 people"))
    }

    @Test func metricsColumns() throws {
        let run = try runStaffGraph(["metrics"] + school.dropLast(2) + ["--measures", "in_degree,coreness", "--positions", "3", "--core-periphery"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("id,in_degree,coreness,position,in_core,"))
        // The metrics coreness is groups --core's coreness.
        let groups = try runStaffGraph(["groups"] + school + ["--by", "role", "--core", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(groups.stdout.utf8)) as? [String: Any])
        let people = try #require(json["people"] as? [[String: Any]])
        let p05 = try #require(people.first { $0["id"] as? String == "p05" }?["coreness"] as? Double)
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("p05,") })
        let value = try #require(Double(row.split(separator: ",")[2]))
        #expect(abs(value - p05) < 1e-12)
    }
}
