import Foundation
import Testing

/// `summary` and `leaders` with `--thresholds` and `--missing`, as a user runs them.
@Suite struct SensitivityCLITests {
    static let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]
    static let leaders = ["leaders"] + school + ["--formal", "role=principal,assistant principal", "--random-sets", "20", "--key-players", "0"]

    static func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func golden() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/sensitivity/school_advice_fall.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let figureKeys = ["ties", "density", "in_degree_centralization", "in_degree_gini", "top_3_share", "spearman_in_degree", "top_10_overlap"]

    /// Compares JSON rows with the golden rows of networkx/scipy, key by key, to 1e-9.
    static func expectRows(_ rows: [[String: Any]], _ want: [[String: Any]], label: String) {
        #expect(rows.count == want.count, "\(label): row count")
        for (row, w) in zip(rows, want) {
            for key in figureKeys {
                let a = row[key] as? Double, b = w[key] as? Double
                if let a, let b { #expect(abs(a - b) <= 1e-9, "\(label) \(key): \(a) vs \(b)") } else { #expect(a == nil && b == nil, "\(label) \(key)") }
            }
            let ids = (row["top_3"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == w["top_3"] as? [String], "\(label) top_3")
        }
    }

    @Test func summaryThresholdsJSONMatchesGolden() throws {
        let run = try runStaffGraph(["summary"] + Self.school + ["--thresholds", "1,2,3,4", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let sensitivity = try #require(try Self.json(run)["sensitivity"] as? [String: Any])
        #expect(sensitivity["missing_treatment"] as? String == "ignore")
        let rows = try #require(sensitivity["thresholds"] as? [[String: Any]])
        #expect(rows.map { $0["threshold"] as? Double } == [1, 2, 3, 4])
        Self.expectRows(rows, try #require(try Self.golden()["thresholds"] as? [[String: Any]]), label: "summary")
    }

    @Test func leadersMissingAllJSONMatchesGolden() throws {
        let run = try runStaffGraph(Self.leaders + ["--missing", "all", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try Self.json(run)
        #expect(document["missing"] == nil)
        let rows = try #require((document["sensitivity"] as? [String: Any])?["missing"] as? [[String: Any]])
        let want = try #require(try Self.golden()["missing"] as? [[String: Any]])
        #expect(rows.map { $0["missing"] as? String } == ["ignore", "reconstruct", "assume-none"])
        #expect(rows.map { $0["imputed_ties"] as? Int } == want.map { $0["imputed_ties"] as? Int })
        Self.expectRows(rows, want, label: "leaders --missing all")
    }

    @Test func tableSaysWhetherTheLeadersChange() throws {
        let run = try runStaffGraph(Self.leaders + ["--thresholds", "1,2,3,4"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Sensitivity to tie strength"))
        #expect(run.stdout.contains("From strength 3 up the leaders change: Laura Bianchi joins the top 3, Kenji Watanabe leaves it. (Ruth Abernathy is named as often as Carmen Ortiz, who comes first on the roster.)"))
        #expect(run.stdout.contains("       ≥ 4    50   0.0146               0.0369     0.5823        18.0%  0.294            3/10  Hannah Goldberg, Zoë Martin, Chloe Dubois"))
        let same = try runStaffGraph(Self.leaders + ["--thresholds", "1,2"])
        #expect(same.stdout.contains("The same people lead at every threshold: Kenji Watanabe, Hannah Goldberg and Carmen Ortiz."))
    }

    @Test func csvHasOneRowPerThreshold() throws {
        let run = try runStaffGraph(["summary"] + Self.school + ["--thresholds", "1,2,3,4", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "relation,wave,threshold,missing,ties,density,in_degree_centralization,in_degree_gini,top_3_share,top_3,spearman_in_degree,top_10_overlap")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().map { $0.split(separator: ",")[4] } == ["407", "346", "188", "50"])
        let leaders = try runStaffGraph(Self.leaders + ["--missing", "all", "--format", "csv"])
        #expect(leaders.status == 0, "\(leaders.stderr)")
        #expect(leaders.stdout.hasPrefix("missing,imputed_ties,ties,"))
        #expect(leaders.stdout.contains("\nreconstruct,15,422,"))
    }

    @Test func perGroupGivesEachGroupItsRows() throws {
        let run = try runStaffGraph(["summary"] + Self.school + ["--per", "team", "--thresholds", "1,4", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("team,relation,wave,threshold,") == true)
        #expect(lines.contains { $0.hasPrefix("Arts,advice,fall,1,ignore,11,") })
        #expect(lines.contains { $0.hasPrefix("Arts,advice,fall,4,ignore,") })
        let leaders = try runStaffGraph(Self.leaders + ["--per", "team", "--thresholds", "1,4", "--format", "json"])
        #expect(leaders.status == 0, "\(leaders.stderr)")
        let groups = try #require(try Self.json(leaders)["groups"] as? [[String: Any]])
        #expect(!groups.isEmpty && groups.allSatisfy { (($0["sensitivity"] as? [String: Any])?["thresholds"] as? [Any])?.count == 2 })
    }

    @Test func reconstructChangesTheWholePanelButNotTheResponseRate() throws {
        let run = try runStaffGraph(["summary"] + Self.school + ["--missing", "reconstruct", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let panel = try Self.json(run)
        #expect(panel["ties"] as? Int == 422)
        #expect((panel["missing"] as? [String: Any])?["imputed_ties"] as? Int == 15)
        #expect(abs((panel["response_rate"] as? Double ?? 0) - 57.0 / 61) < 1e-12)
        #expect(run.stderr.contains("15 ties of 4 non-respondents reconstructed"))
    }

    /// summary names no one under --anonymize: no top-3 names in the table, JSON or CSV.
    @Test func summaryUnderAnonymizeNamesNoOne() throws {
        for format in ["table", "json", "csv"] {
            let run = try runStaffGraph(["summary"] + Self.school + ["--thresholds", "1,2,3,4", "--anonymize", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            for name in ["Kenji", "Watanabe", "Goldberg", "p05", "p04", "Person"] { #expect(!run.stdout.contains(name), "\(format): \(name)") }
            #expect(run.stderr.contains("top 3 are left out"))
        }
        let json = try Self.json(try runStaffGraph(["summary"] + Self.school + ["--thresholds", "1,4", "--anonymize", "--format", "json"]))
        let rows = try #require((json["sensitivity"] as? [String: Any])?["thresholds"] as? [[String: Any]])
        #expect(rows.allSatisfy { $0["top_3"] is NSNull })
    }

    /// metrics --thresholds: one in-degree column per threshold, each equal to in_degree under --min-weight t,
    /// summing to the golden tie counts.
    @Test func metricsGivesOneColumnPerThreshold() throws {
        func column(_ run: CLIRun, _ name: String) throws -> [String: Int] {
            let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(lines.first), c = try #require(header.firstIndex(of: name))
            return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], Int($0[c]) ?? -1) })
        }
        let run = try runStaffGraph(["metrics"] + Self.school + ["--measures", "in_degree", "--thresholds", "1,2,3,4"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("id,in_degree,in_degree_at_least_1,in_degree_at_least_2,in_degree_at_least_3,in_degree_at_least_4,"))
        var sums: [Int] = []
        for t in 1 ... 4 {
            let swept = try column(run, "in_degree_at_least_\(t)")
            let alone = try column(try runStaffGraph(["metrics"] + Self.school + ["--measures", "in_degree", "--min-weight", "\(t)"]), "in_degree")
            #expect(swept == alone, "threshold \(t)")
            sums.append(swept.values.reduce(0, +))
        }
        #expect(sums == [407, 346, 188, 50])
        let bad = try runStaffGraph(["metrics"] + Self.school + ["--thresholds", "2,1"])
        #expect(bad.status == 64 && bad.stderr.contains("--thresholds must increase"))
    }

    /// Without --thresholds and --missing, the output is what it was before (the defaults add no key).
    @Test func defaultsAddNothing() throws {
        let plain = try runStaffGraph(["summary"] + Self.school + ["--format", "json"])
        let ignore = try runStaffGraph(["summary"] + Self.school + ["--format", "json", "--missing", "ignore"])
        #expect(plain.status == 0 && plain.stdout == ignore.stdout)
        #expect(try Self.json(plain)["sensitivity"] == nil)
    }

    @Test(arguments: [
        (["--thresholds", "1,x"], "--thresholds must be tie strengths separated by commas, such as 1,2,3,4 (got 'x')"),
        (["--thresholds", "3,2"], "--thresholds must increase, such as 1,2,3,4 (got 3 then 2)"),
        (["--thresholds", "1,,2"], "got an empty value in '1,,2'"),
        (["--thresholds", "1,2", "--min-weight", "2"], "--thresholds and --min-weight both set a tie-strength threshold"),
        (["--missing", "maybe"], "'ignore', 'reconstruct', 'assume-none' or 'all'"),
        (["--thresholds", "1,2", "--missing", "all", "--format", "csv"], "give --thresholds or --missing all, not both"),
    ]) func badValuesAreUsageErrors(arguments: [String], message: String) throws {
        for command in [["summary"] + Self.school, Self.leaders] {
            let run = try runStaffGraph(command + arguments)
            #expect(run.status == 64, "\(arguments): \(run.status)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }
}
