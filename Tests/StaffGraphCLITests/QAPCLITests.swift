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

    // MARK: renderers in StaffGraphReport: the outputs are the same bytes as before the move

    static let kn = ["--nodes", k + "nodes.csv", "--relation", "advice"]
    static let schoolFall = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--wave", "fall", "--permutations", "300"]

    /// The commands whose outputs were saved in Tests/Fixtures/qap-output before the renderers moved.
    static let savedRuns: [(file: String, arguments: [String])] = [
        ("qap_demo.txt", krackhardt + ["--threads", "1"]),
        ("qap_demo.json", krackhardt + ["--threads", "1", "--format", "json"]),
        ("qap_demo.csv", krackhardt + ["--threads", "1", "--format", "csv"]),
        ("qap_logit.csv", krackhardt + ["--threads", "1", "--model", "logistic", "--permutations", "300", "--format", "csv"]),
        ("qap_terms.txt", ["qap", k + "edges_advice.csv"] + kn + ["--reverse", "advice", "--sender", "age", "--receiver", "tenure",
                                                                   "--same", "level", "--diff", "age", "--permutations", "300"]),
        ("mx.txt", ["multiplex"] + schoolFall),
        ("mx.json", ["multiplex"] + schoolFall + ["--format", "json"]),
        ("mx.csv", ["multiplex"] + schoolFall + ["--format", "csv"]),
        ("mx_anon.txt", ["multiplex"] + schoolFall + ["--anonymize", "--anonymize-seed", "7"]),
    ]

    @Test(arguments: 0 ..< 9) func outputsUnchangedSinceTheRenderersMoved(_ index: Int) throws {
        let (file, arguments) = Self.savedRuns[index]
        let saved = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/qap-output/\(file)"), encoding: .utf8)
        let run = try runStaffGraph(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == saved, "\(file) changed")
    }

    @Test func jsonKeysAsTheIssueSpecifies() throws {
        let run = try runStaffGraph(Self.krackhardt + ["--format", "json", "--permutations", "100"])
        let json = try Self.json(run)
        for key in ["terms", "r_squared", "adj_r_squared", "deviance", "null_deviance", "aic", "dyads", "permutations", "seed"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        let terms = try #require(json["terms"] as? [[String: Any]])
        #expect(terms.map { $0["name"] as? String } == ["intercept", "friendship", "reports_to", "same:dept", "diff:tenure"])
        for term in terms {
            for key in ["name", "estimate", "p_two_sided", "p_greater", "p_less"] { #expect(term.keys.contains(key), "term without \(key)") }
        }
    }

    // MARK: --per

    /// The group `value` of a `--per` JSON run, without the key `group`.
    static func group(_ json: [String: Any], _ value: String) throws -> [String: Any] {
        let groups = try #require(json["groups"] as? [[String: Any]])
        var g = try #require(groups.first { $0["group"] as? String == value })
        g["group"] = nil
        return g
    }

    @Test func qapPerGroupEqualsTheGroupAloneWithWhere() throws {
        // Predictor files (friendship) and a relation of the same file, narrowed to each group like the response.
        let terms = ["qap", Self.k + "edges_advice.csv"] + Self.kn + ["--predictor", "friendship=" + Self.k + "edges_friendship.csv",
                                                              "--reverse", "advice", "--diff", "tenure", "--permutations", "400", "--seed", "9"]
        let per = try runStaffGraph(terms + ["--per", "level", "--format", "json"])
        #expect(per.status == 0, "\(per.stderr)")
        let perJSON = try Self.json(per)
        #expect(perJSON["per"] as? String == "level")
        for level in ["2", "3"] {
            let alone = try runStaffGraph(terms + ["--where", "level=\(level)", "--format", "json"])
            #expect(alone.status == 0, "\(alone.stderr)")
            var aloneJSON = try Self.json(alone)
            var group = try Self.group(perJSON, level)
            aloneJSON["selection"] = nil
            group["selection"] = nil
            #expect(NSDictionary(dictionary: group).isEqual(to: aloneJSON), "level \(level): per-group fit differs from --where alone")
        }
        // The text: each group's section is the --where run's output.
        let text = try runStaffGraph(terms + ["--per", "level"])
        let alone3 = try runStaffGraph(terms + ["--where", "level=3"])
        #expect(text.status == 0 && text.stdout.contains("== level = 3 (16 people) ==\n" + alone3.stdout))
    }

    @Test func qapPerGroupTooSmallIsANoteNotAFailure() throws {
        let terms = ["qap", Self.k + "edges_advice.csv"] + Self.kn + ["--predictor", "friendship=" + Self.k + "edges_friendship.csv", "--permutations", "100"]
        let json = try runStaffGraph(terms + ["--per", "level", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stderr.contains("note: level 1: no fit: a dyadic regression needs at least 3 people, and there are 1"))
        let one = try Self.group(try Self.json(json), "1")
        #expect((one["skipped"] as? String)?.contains("at least 3 people") == true && one["people"] as? Int == 1)
        #expect(try Self.group(try Self.json(json), "3")["terms"] is [[String: Any]])
        let text = try runStaffGraph(terms + ["--per", "level"])
        #expect(text.status == 0 && text.stdout.contains("No QAP fit for this group (1 person present): a dyadic regression needs at least 3 people"))
        // Alone, the same group is an error (nothing else to report).
        let alone = try runStaffGraph(terms + ["--where", "level=1"])
        #expect(alone.status == 64 && alone.stderr.contains("at least 3 people"))
    }

    @Test func qapPerGroupCSVAndFolder() throws {
        let terms = Self.school + ["--predictor", "collaboration", "--diff", "years", "--permutations", "100", "--per", "level"]
        let csv = try runStaffGraph(terms + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("group,name,estimate,standard_error,statistic,p_two_sided") == true)
        #expect(lines.count == 1 + 3 * 3)
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
                == ["community", "community", "community", "district", "district", "district", "school", "school", "school"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qap-per-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try runStaffGraph(terms + ["--format", "json", "-o", dir.path])
        #expect(files.status == 0, "\(files.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == ["community.json", "district.json", "index.csv", "school.json"])
        let alone = try runStaffGraph(Self.school + ["--predictor", "collaboration", "--diff", "years", "--permutations", "100",
                                                     "--where", "level=school", "--format", "json"])
        var school = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("school.json"))) as? [String: Any])
        var aloneJSON = try Self.json(alone)
        school["selection"] = nil
        aloneJSON["selection"] = nil
        #expect(NSDictionary(dictionary: school).isEqual(to: aloneJSON))
    }

    @Test func multiplexPerGroupEqualsTheGroupAloneWithWhere() throws {
        let base = ["multiplex"] + Self.schoolFall
        let per = try runStaffGraph(base + ["--per", "level", "--format", "json"])
        #expect(per.status == 0, "\(per.stderr)")
        let alone = try runStaffGraph(base + ["--where", "level=school", "--format", "json"])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(NSDictionary(dictionary: try Self.group(try Self.json(per), "school")).isEqual(to: try Self.json(alone)))
        let csv = try runStaffGraph(base + ["--per", "level", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("group,a,b,ties_a,ties_b,multiplex,jaccard") && csv.stdout.contains("\nschool,advice,collaboration,"))
        let text = try runStaffGraph(base + ["--per", "level"])
        let aloneText = try runStaffGraph(base + ["--where", "level=school"])
        #expect(text.stdout.contains("== level = school (54 people) ==\n" + aloneText.stdout))
    }
}
