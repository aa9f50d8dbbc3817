import Foundation
import Testing

/// `staffgraph qap` and `staffgraph multiplex` as a user runs them.
@Suite struct QAPCLITests {
    static let k = "Samples/data/krackhardt/"
    static let krackhardt = ["qap", k + "edges_advice.csv", "--nodes", k + "nodes.csv", "--relation", "advice",
                             "--predictor", "friendship=" + k + "edges_friendship.csv", "--predictor", "reports_to=" + k + "edges_reports_to.csv",
                             "--same", "dept", "--diff", "tenure"]
    static let school = ["qap", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]

    static func golden(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/qap/\(name).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// The JSON output against R sna: estimates to 1e-9, p-values within 0.03, fit statistics to 1e-9.
    func check(_ json: [String: Any], against golden: [String: Any], keys: [String]) throws {
        let terms = try #require(json["terms"] as? [[String: Any]])
        let want = try #require(golden["terms"] as? [[String: Any]])
        #expect(terms.count == want.count)
        for (t, g) in zip(terms, want) {
            #expect(t["name"] as? String == g["name"] as? String)
            let e = try #require(t["estimate"] as? Double), ge = try #require(g["estimate"] as? Double)
            #expect(abs(e - ge) <= 1e-9 * max(1, abs(ge)), "\(t["name"] ?? "") estimate \(e) vs sna \(ge)")
            for key in ["p_two_sided", "p_greater", "p_less"] {
                let p = try #require(t[key] as? Double), gp = try #require(g[key] as? Double)
                #expect(abs(p - gp) <= 0.03, "\(t["name"] ?? "") \(key) \(p) vs sna \(gp)")
            }
        }
        for key in keys {
            let x = try #require(json[key] as? Double, "\(key)"), gx = try #require(golden[key] as? Double)
            #expect(abs(x - gx) <= 1e-9 * max(1, abs(gx)), "\(key) \(x) vs sna \(gx)")
        }
        #expect(json["dyads"] as? Int == golden["dyads"] as? Int)
    }

    @Test func krackhardtLinearMatchesSNA() throws {
        let run = try runStaffGraph(Self.krackhardt + ["--format", "json", "--seed", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try Self.json(run)
        try check(json, against: try Self.golden("krackhardt_linear"), keys: ["r_squared", "adj_r_squared"])
        #expect(json["permutations"] as? Int == 2000 && json["seed"] as? String == "1" && json["dyads"] as? Int == 420)
        #expect(json["deviance"] is NSNull && json["aic"] is NSNull)
    }

    @Test func krackhardtLogisticMatchesSNA() throws {
        let run = try runStaffGraph(Self.krackhardt + ["--model", "logistic", "--format", "json", "--seed", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        try check(try Self.json(run), against: try Self.golden("krackhardt_logistic"), keys: ["deviance", "null_deviance", "aic"])
    }

    @Test func schoolWithNonRespondentsMatchesSNA() throws {
        let run = try runStaffGraph(Self.school + ["--predictor", "collaboration", "--same", "team", "--diff", "years", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try Self.json(run)
        try check(json, against: try Self.golden("school_linear_missing"), keys: ["r_squared"])
        #expect(json["non_respondents"] as? Int == 4 && json["missing_dyads"] as? Int == 240)
        #expect(run.stderr.contains("4 non-respondents"))
    }

    @Test func sameBytesForAnyThreadCountAndTableReads() throws {
        let one = try runStaffGraph(Self.krackhardt + ["--threads", "1", "--permutations", "500"])
        let two = try runStaffGraph(Self.krackhardt + ["--threads", "2", "--permutations", "500"])
        #expect(one.status == 0 && one.stdout == two.stdout)
        #expect(one.stdout.contains("420 ordered pairs of 21 people"))
        #expect(one.stdout.contains("reports_to: when i names j in reports_to, i is more likely to name j in advice (p < 0.001)."))
        #expect(one.stdout.contains("R² 0.0930"))
        let csv = try runStaffGraph(Self.krackhardt + ["--format", "csv", "--permutations", "100"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("name,estimate,standard_error,statistic,p_two_sided,p_greater,p_less,model,null,dyads,permutations,seed,r_squared"))
        #expect(csv.stdout.split(separator: "\n").count == 6)
    }

    @Test func badTermsAreUsageErrorsThatSayWhatToDo() throws {
        let unknown = try runStaffGraph(Self.school + ["--predictor", "colaboration"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no relation 'colaboration'") && unknown.stderr.contains("did you mean 'collaboration'"))
        let column = try runStaffGraph(Self.krackhardt + ["--same", "deptt"])
        #expect(column.status == 64)
        #expect(column.stderr.contains("--same") && column.stderr.contains("dept"))
        let text = try runStaffGraph(Self.school + ["--diff", "team"])
        #expect(text.status == 64)
        #expect(text.stderr.contains("--diff team needs numbers") && text.stderr.contains("--same team"))
        let noTerms = try runStaffGraph(Array(Self.school))
        #expect(noTerms.status == 64 && noTerms.stderr.contains("at least one term"))
        let valuedLogit = try runStaffGraph(Self.school + ["--same", "team", "--valued", "--model", "logistic"])
        #expect(valuedLogit.status == 64)
    }

    @Test func constantTermIsAnErrorInWords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qap-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = try String(contentsOf: repositoryRoot.appendingPathComponent(Self.k + "nodes.csv"), encoding: .utf8)
            .split(separator: "\n").enumerated().map { $0.offset == 0 ? $0.element + ",site" : $0.element + ",A" }
        let roster = dir.appendingPathComponent("nodes.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: roster, atomically: true, encoding: .utf8)
        let run = try runStaffGraph(["qap", Self.k + "edges_advice.csv", "--nodes", roster.path, "--relation", "advice", "--same", "dept", "--same", "site"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("same:site") && run.stderr.contains("constant or a linear combination") && !run.stderr.contains("nan"))
    }

    @Test func multiplexReportsOverlapAndCorrelation() throws {
        let run = try runStaffGraph(["multiplex", Self.k + "edges_advice.csv", "--nodes", Self.k + "nodes.csv", "--relation", "advice",
                                     "--add", "friendship=" + Self.k + "edges_friendship.csv", "--format", "json", "--seed", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try Self.json(run)
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        let golden = try Self.golden("krackhardt_gcor_advice_friendship")
        let r = try #require(pairs[0]["correlation"] as? Double), gr = try #require(golden["correlation"] as? Double)
        #expect(abs(r - gr) <= 1e-9)
        #expect(abs((pairs[0]["p_greater"] as? Double ?? 9) - (golden["p_greater"] as? Double ?? 0)) <= 0.03)
        #expect(pairs[0]["multiplex"] as? Int == 60 && pairs[0]["ties_a"] as? Int == 190 && pairs[0]["ties_b"] as? Int == 102)
        let school = try runStaffGraph(["multiplex", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--wave", "fall"])
        #expect(school.status == 0)
        #expect(school.stdout.contains("advice  collaboration") && school.stdout.contains("4 non-respondents"))
        let noWave = try runStaffGraph(["multiplex", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv"])
        #expect(noWave.status == 64 && noWave.stderr.contains("--wave"))
    }
}
