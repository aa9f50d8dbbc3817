import Foundation
import Testing

/// `staffgraph summary --cug`, as a user runs it.
@Suite struct CUGCLITests {
    static let krackhardt = ["Samples/data/krackhardt/edges_advice.csv", "--nodes", "Samples/data/krackhardt/nodes.csv"]
    static let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]
    static let indexKeys = ["in_degree_centralization", "betweenness_centralization", "reciprocity", "transitivity"]
    static let figureKeys = ["observed", "null_mean", "null_sd", "z", "p_greater_or_equal", "p_less_or_equal"]

    static func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// The JSON cug object agrees with R sna's cug.test (Tests/Golden/cug) within Monte-Carlo error.
    @Test(arguments: ["size", "edges", "dyad-census"]) func jsonAgreesWithSna(mode: String) throws {
        let run = try runStaffGraph(["summary"] + Self.krackhardt + ["--cug", "--cug-mode", mode, "--cug-draws", "2000", "--seed", "5", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let cug = try #require(try Self.json(run)["cug"] as? [String: Any])
        #expect(cug["mode"] as? String == mode && cug["draws"] as? Int == 2000 && cug["seed"] as? Int == 5)
        #expect(cug["partition"] is NSNull)
        #expect(cug["ei_index"] == nil)
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/cug/krackhardt_advice.json"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let modes = try #require(golden["modes"] as? [String: [String: [String: Double]]])
        let expected = try #require(modes[mode == "dyad-census" ? "dyad_census" : mode])
        for key in Self.indexKeys {
            let got = try #require(cug[key] as? [String: Any], "\(key) missing")
            #expect(Set(got.keys) == Set(Self.figureKeys))
            let want = try #require(expected[key])
            let observed = try #require(got["observed"] as? Double)
            #expect(abs(observed - (want["observed"] ?? .nan)) <= 1e-9)
            for p in ["p_greater_or_equal", "p_less_or_equal"] {
                let value = try #require(got[p] as? Double)
                #expect(abs(value - (want[p] ?? .nan)) <= 0.03, "\(mode) \(key) \(p): \(value) vs sna \(want[p] ?? .nan)")
            }
            if let mean = got["null_mean"] as? Double, let sd = want["null_sd"], let wantMean = want["null_mean"] {
                #expect(abs(mean - wantMean) <= 4 * sd * (1.0 / 2000 + 1.0 / 5000).squareRoot() + 1e-12)
            }
        }
    }

    @Test func sameSeedSameBytesForAnyThreadCount() throws {
        for format in ["table", "json"] {
            let args = ["summary"] + Self.krackhardt + ["--cug", "--by", "dept", "--cug-draws", "300", "--seed", "11", "--format", format]
            let one = try runStaffGraph(args + ["--threads", "1"])
            let two = try runStaffGraph(args + ["--threads", "2"])
            #expect(one.status == 0 && two.status == 0)
            #expect(one.stdout == two.stdout)
            let other = try runStaffGraph(args + ["--threads", "2", "--seed", "12"])
            #expect(other.stdout != one.stdout)
        }
    }

    @Test func tableSaysItInPlainLanguage() throws {
        let run = try runStaffGraph(["summary"] + Self.krackhardt + ["--cug", "--by", "dept", "--cug-draws", "500"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("is it more than chance? CUG test, 500 random networks with the same size and number of ties (seed 42)"))
        #expect(run.stdout.contains("In-degree centralization 0.4700 — higher than in all 500 random networks with the same size and number of ties (p < 0.002)"))
        #expect(run.stdout.contains("E-I index") && run.stdout.contains("[groups: dept]"))
        // --by with --cug is the E-I partition, not the deprecated --per.
        #expect(!run.stderr.contains("--by is now --per"))
        // Reciprocity is fixed by the dyad census: said so, not tested.
        let dyads = try runStaffGraph(["summary"] + Self.krackhardt + ["--cug", "--cug-mode", "dyad-census", "--cug-draws", "100"])
        #expect(dyads.stdout.contains("Reciprocity (edgewise) 0.4737 — the same in every random network"))
    }

    @Test func withoutCugNothingChanges() throws {
        let table = try runStaffGraph(["summary"] + Self.school)
        let json = try runStaffGraph(["summary"] + Self.school + ["--format", "json"])
        let csv = try runStaffGraph(["summary"] + Self.school + ["--per", "team", "--format", "csv"])
        #expect(table.status == 0 && json.status == 0 && csv.status == 0)
        #expect(!table.stdout.contains("CUG") && !json.stdout.contains("\"cug\"") && !csv.stdout.contains("cug_"))
        // The deprecated --by (= --per) still works without --cug.
        let old = try runStaffGraph(["summary"] + Self.school + ["--by", "team", "--format", "csv"])
        #expect(old.stdout == csv.stdout && old.stderr.contains("--by is now --per"))
    }

    /// --per team: every team gets its own test, equal to the test of that team alone (--where).
    @Test func perGroupEachItsOwn() throws {
        let args = ["summary"] + Self.school + ["--per", "team", "--cug", "--by", "level", "--cug-draws", "200"]
        let run = try runStaffGraph(args + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let groups = try #require(try Self.json(run)["groups"] as? [[String: Any]])
        #expect(groups.count > 3)
        for g in groups {
            let cug = try #require(g["cug"] as? [String: Any])
            #expect(cug["partition"] as? String == "level" && cug["draws"] as? Int == 200)
            #expect(cug["ei_index"] is [String: Any])
        }
        let math = try #require(groups.first { $0["group"] as? String == "Math" })
        let alone = try runStaffGraph(["summary"] + Self.school + ["--where", "team=Math", "--cug", "--by", "level", "--cug-draws", "200", "--format", "json"])
        #expect(alone.status == 0, "\(alone.stderr)")
        let aloneCUG = try #require(try Self.json(alone)["cug"] as? [String: Any])
        let mathCUG = try #require(math["cug"] as? [String: Any])
        for key in Self.indexKeys + ["ei_index"] {
            let a = try #require(aloneCUG[key] as? [String: Any]), b = try #require(mathCUG[key] as? [String: Any])
            for f in Self.figureKeys { #expect(String(describing: a[f]) == String(describing: b[f]), "\(key).\(f)") }
        }
        let csv = try runStaffGraph(args + ["--format", "csv"])
        let header = try #require(csv.stdout.split(separator: "\n").first)
        #expect(header.hasSuffix("cug_mode,cug_draws,cug_seed,cug_partition,cug_in_degree_centralization_observed,cug_in_degree_centralization_null_mean,cug_in_degree_centralization_null_sd,cug_in_degree_centralization_z,cug_in_degree_centralization_p_greater_or_equal,cug_in_degree_centralization_p_less_or_equal,cug_betweenness_centralization_observed,cug_betweenness_centralization_null_mean,cug_betweenness_centralization_null_sd,cug_betweenness_centralization_z,cug_betweenness_centralization_p_greater_or_equal,cug_betweenness_centralization_p_less_or_equal,cug_reciprocity_observed,cug_reciprocity_null_mean,cug_reciprocity_null_sd,cug_reciprocity_z,cug_reciprocity_p_greater_or_equal,cug_reciprocity_p_less_or_equal,cug_transitivity_observed,cug_transitivity_null_mean,cug_transitivity_null_sd,cug_transitivity_z,cug_transitivity_p_greater_or_equal,cug_transitivity_p_less_or_equal,cug_ei_index_observed,cug_ei_index_null_mean,cug_ei_index_null_sd,cug_ei_index_z,cug_ei_index_p_greater_or_equal,cug_ei_index_p_less_or_equal"))
        let table = try runStaffGraph(args)
        #expect(table.stdout.contains("team Math: is it more than chance?"))
    }

    @Test func badOptionsAreReadableUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--cug", "--cug-mode", "bogus"], "Please provide one of 'size', 'edges' or 'dyad-census'"),
            (["--cug", "--cug-draws", "0"], "--cug-draws must be between 1 and 1000000"),
            (["--cug", "--cug-draws", "many"], "--cug-draws"),
            (["--cug-draws", "50"], "--cug-draws needs --cug"),
            (["--cug-mode", "size"], "--cug-mode needs --cug"),
            (["--cug", "--by", "dpt"], "did you mean 'dept'?"),
        ]
        for (extra, message) in cases {
            let run = try runStaffGraph(["summary"] + Self.krackhardt + extra)
            #expect(run.status == 64, "\(extra)")
            #expect(run.stderr.contains(message), "\(extra): \(run.stderr)")
        }
    }
}
