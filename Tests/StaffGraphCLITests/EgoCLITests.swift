import Foundation
import Testing

/// `staffgraph ego` and the ego columns of `metrics`.
@Suite struct EgoCLITests {
    static let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]

    @Test func profileMatchesTheGoldenValues() throws {
        let result = try runStaffGraph(["ego"] + Self.school + ["--person", "p12", "--by", "team", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let measures = try #require(json["measures"] as? [String: Any])
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/ego/school_advice_fall.json"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let goldenMeasures = try #require(golden["measures"] as? [String: [String: Any]])
        for name in ["ego_size_out", "ego_size_in", "ego_size", "ego_density", "ego_betweenness", "two_step_reach", "ego_constraint", "ego_blau", "ego_iqv", "ego_ei"] {
            let want = try #require(goldenMeasures[name]?["p12"] as? Double, "\(name)")
            let got = try #require(measures[name] as? Double, "\(name) missing")
            #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(name): \(got) vs networkx \(want)")
        }
        let alters = try #require(json["alters"] as? [[String: Any]])
        #expect(alters.count == 9)
        #expect(alters.contains { ($0["id"] as? String) == "p20" && ($0["named_by_ego"] as? Bool) == true && ($0["names_ego"] as? Bool) == true })
    }

    @Test func tableAndAnonymize() throws {
        let plain = try runStaffGraph(["ego"] + Self.school + ["--person", "p12"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("Emily Carter") && plain.stdout.contains("9 contacts") && plain.stdout.contains("named by p12"))
        let hidden = try runStaffGraph(["ego"] + Self.school + ["--person", "p12", "--anonymize-seed", "7"])
        #expect(hidden.status == 0)
        #expect(!hidden.stdout.contains("Emily Carter") && !hidden.stdout.contains("p12") && !hidden.stdout.contains("p20"))
        #expect(hidden.stdout.contains("Person ") && hidden.stdout.contains("9 contacts"))
        // The same run twice gives the same bytes (and one thread the same as two).
        let again = try runStaffGraph(["ego"] + Self.school + ["--person", "p12", "--anonymize-seed", "7", "--threads", "1"])
        #expect(again.stdout == hidden.stdout)
    }

    @Test func unknownPersonIsAUsageError() throws {
        let result = try runStaffGraph(["ego"] + Self.school + ["--person", "p999"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("p999"))
    }

    @Test func metricsEgoColumnsNeedBy() throws {
        let without = try runStaffGraph(["metrics"] + Self.school + ["--measures", "ego_blau"])
        #expect(without.status == 64)
        let with = try runStaffGraph(["metrics"] + Self.school + ["--by", "team", "--measures", "ego_size,ego_blau,ego_iqv,ego_ei"])
        #expect(with.status == 0)
        #expect(with.stdout.hasPrefix("id,ego_size,ego_blau,ego_iqv,ego_ei,"))
        let one = try runStaffGraph(["metrics"] + Self.school + ["--by", "team", "--threads", "1"])
        let two = try runStaffGraph(["metrics"] + Self.school + ["--by", "team", "--threads", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout)
        #expect(one.stdout.split(separator: "\n").first?.contains("two_step_reach,ego_constraint,coreness,broker_coordinator") == true)
        #expect(one.stdout.split(separator: "\n").first?.contains("broker_total,ego_blau,ego_iqv,ego_ei") == true)
    }
}
