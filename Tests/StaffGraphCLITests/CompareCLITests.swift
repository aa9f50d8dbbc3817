import Foundation
import Testing

/// Runs the command (CLISupport.swift).
fileprivate func staffgraph(_ arguments: [String]) throws -> CLIRun { try runStaffGraph(arguments) }

fileprivate let root = repositoryRoot

fileprivate func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

fileprivate func golden(_ name: String) throws -> [String: Any] {
    try object(String(contentsOf: root.appendingPathComponent("Tests/Golden/compare/\(name).json"), encoding: .utf8))
}

/// A fresh folder under the temporary directory (not created).
fileprivate func scratch(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-compare-\(name)-\(UUID().uuidString)")
}

fileprivate let school = ["compare", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice"]

/// The CLI's pairs against the golden script's, exactly for counts and to 1e-9 for Jaccard and Spearman.
fileprivate func expectPairsMatch(_ json: [String: Any], golden name: String) throws {
    let expected = try #require(try golden(name)["pairs"] as? [[String: Any]])
    let pairs = try #require(json["pairs"] as? [[String: Any]])
    #expect(pairs.count == expected.count)
    for (p, g) in zip(pairs, expected) {
        let label = "\(name) \(g["from"] ?? "")→\(g["to"] ?? "")"
        #expect(p["from"] as? String == g["from"] as? String && p["to"] as? String == g["to"] as? String, "\(label)")
        for key in ["stable", "new", "dissolved", "hamming", "n00", "observed_cells", "leaver_ties", "joiner_ties", "unobserved_ties"] {
            #expect(p[key] as? Int == g[key] as? Int, "\(label): \(key)")
        }
        for key in ["jaccard", "spearman_in_degree"] {
            let a = try #require(p[key] as? Double), b = try #require(g[key] as? Double)
            #expect(abs(a - b) <= 1e-9, "\(label): \(key) \(a) vs \(b)")
        }
        #expect(p["joiners"] as? [String] == g["joiners"] as? [String], "\(label)")
        #expect(p["leavers"] as? [String] == g["leavers"] as? [String], "\(label)")
    }
}

@Suite struct CompareCLITests {
    @Test func schoolPairsMatchTheGoldenScript() throws {
        let run = try staffgraph(school + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try object(run.stdout)
        try expectPairsMatch(json, golden: "school_advice")
        // Every pair object carries the documented keys.
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        for key in ["from", "to", "stable", "new", "dissolved", "jaccard", "hamming"] { #expect(pairs.allSatisfy { $0[key] != nil }, "\(key)") }
        #expect(pairs.map { "\($0["from"] ?? "")>\($0["to"] ?? "")" } == ["fall>winter", "winter>spring", "fall>spring"])
        // Cross-team ties gained and lost, as the golden script counts them.
        let expected = try #require(try golden("school_advice")["pairs"] as? [[String: Any]])
        for (p, g) in zip(pairs, expected) {
            let breakdown = try #require(p["breakdown"] as? [[String: Any]])
            let team = try #require(breakdown.first { $0["column"] as? String == "team" })
            let across = try #require(team["across"] as? [String: Int])
            #expect(across["new"] == g["across_new"] as? Int && across["dissolved"] == g["across_dissolved"] as? Int)
        }
    }

    @Test func schoolStoryIsFound() throws {
        let run = try staffgraph(school + ["--format", "json", "--formal", "role=principal,assistant principal,instructional coach,department chair"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try object(run.stdout)
        let waves = try #require(json["waves"] as? [[String: Any]])
        #expect(waves.map { $0["people"] as? Int } == [61, 62, 61])
        #expect(waves.map { $0["response_column"] as? String } == ["responded_fall", "responded_winter", "responded_spring"])
        let trend = try #require(json["trend"] as? [[String: Any]])
        #expect(trend.count == 3)
        for key in ["people", "ties", "density", "reciprocity", "centralization_in_degree", "centralization_betweenness", "transitivity",
                    "ei_index", "modularity", "gini_in_degree", "response_rate"] {
            #expect(trend.allSatisfy { $0[key] != nil }, "trend lacks \(key)")
        }
        #expect(trend.map { $0["ties"] as? Int } == [407, 416, 410])
        // The leaver p33 and whom her advisees turned to.
        let leavers = try #require(json["leavers"] as? [[String: Any]])
        #expect(leavers.map { $0["id"] as? String } == ["p33"])
        #expect(leavers.first?["left_before"] as? String == "spring")
        #expect((leavers.first?["named_by"] as? [String])?.count == 22)
        let last = try #require((json["pairs"] as? [[String: Any]])?.last)
        #expect((last["departed_leaders"] as? [[String: Any]])?.map { $0["id"] as? String } == ["p33"])
        let rising = try #require(last["rising"] as? [[String: Any]])
        #expect(rising.contains { $0["id"] as? String == "p50" && $0["change"] as? Int == 4 })
        // People table: the new hire joined in winter, the leaver left in spring; p38 stays first or near.
        let people = try #require(json["people"] as? [[String: Any]])
        let p29 = try #require(people.first { $0["id"] as? String == "p29" })
        #expect(p29["joined"] as? String == "winter" && (p29["status"] as? [String])?.first == "absent")
        let p33 = try #require(people.first { $0["id"] as? String == "p33" })
        #expect(p33["left"] as? String == "spring")
        let p50 = try #require(people.first { $0["id"] as? String == "p50" })
        #expect((p50["measures"] as? [String: [Any]])?["in_degree"]?.compactMap { $0 as? Int } == [22, 25, 26])
        #expect((p50["change"] as? [String: Any])?["in_degree"] as? Int == 4)
        #expect(p50["rising"] as? Bool == true)
    }

    @Test func tableReportReadsWell() throws {
        let run = try staffgraph(school)
        #expect(run.status == 0, "\(run.stderr)")
        for text in ["fall → winter", "Jaccard", "0.744", "left by spring: Rebecca Stone (p33)", "joined by winter: Olivia Nwosu (p29)",
                     "centralization: in-degree", "Around the people who left", "Rising:"] {
            #expect(run.stdout.contains(text), "missing: \(text)")
        }
    }

    @Test func outputFolderHoldsEverythingAndJSONMatchesTheTerminal() throws {
        let dir = scratch("school")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try staffgraph(school + ["-o", dir.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == [".staffgraph", "compare.json", "diff_fall_spring.png", "diff_fall_winter.png", "diff_winter_spring.png",
                          "map_fall.png", "map_spring.png", "map_winter.png", "pairs.csv", "people.csv", "ties.csv",
                          "trend.csv", "trend.png", "trend.svg", "waves.png"])
        let document = try String(contentsOf: dir.appendingPathComponent("compare.json"), encoding: .utf8)
        #expect(document == run.stdout)
        let ties = try String(contentsOf: dir.appendingPathComponent("ties.csv"), encoding: .utf8).split(separator: "\n")
        #expect(ties.first == "from_wave,to_wave,source,target,status,weight_before,weight_after,source_team,target_team")
        #expect(!ties.contains { $0.contains(",stable,") })
        let fallWinterNew = ties.filter { $0.hasPrefix("fall,winter,") && $0.contains(",new,") }.count
        #expect(fallWinterNew == 59)
        #expect(ties.contains { $0.hasPrefix("winter,spring,") && $0.contains(",p33,") && $0.contains(",leaver,") })
        let trend = try String(contentsOf: dir.appendingPathComponent("trend.csv"), encoding: .utf8).split(separator: "\n")
        #expect(trend.count == 4 && trend[0].hasPrefix("wave,people,ties,density,reciprocity"))
        let people = try String(contentsOf: dir.appendingPathComponent("people.csv"), encoding: .utf8).split(separator: "\n")
        #expect(people.count == 63)
        #expect(people[0].contains("in_degree_fall,in_degree_winter,in_degree_spring,in_degree_change"))
        #expect(people[0].contains("in_degree_rank_change,rising,fading,new_informal_leader"))
        for image in ["map_fall.png", "diff_fall_winter.png", "waves.png", "trend.png"] {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(image))
            #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "\(image) is not a PNG")
        }
        let svg = try String(contentsOf: dir.appendingPathComponent("trend.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("density"))
    }

    @Test func outputIsByteIdenticalAcrossRuns() throws {
        let a = scratch("a"), b = scratch("b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let arguments = school + ["--map-format", "svg"]
        #expect(try staffgraph(arguments + ["-o", a.path]).status == 0)
        #expect(try staffgraph(arguments + ["-o", b.path]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names.contains("map_fall.svg") && names.contains("waves.svg"))
        for name in names {
            let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(x == y, "\(name) differs between two runs")
        }
        // Every wave and difference map shares one page transform: the same place for each person.
        let transforms = try names.filter { $0.hasPrefix("map_") || $0.hasPrefix("diff_") }.map { name -> String in
            let text = try String(contentsOf: a.appendingPathComponent(name), encoding: .utf8)
            guard let r = text.range(of: #"class="graph" transform="[^"]*""#, options: .regularExpression) else { return "" }
            return String(text[r])
        }
        #expect(transforms.count == 6 && Set(transforms).count == 1 && !transforms[0].isEmpty)
    }

    @Test func knechtFromOneFilePerWave() throws {
        let files = (1 ... 4).map { "Samples/data/knecht/edges_friendship_w\($0).csv" }
        let run = try staffgraph(["compare"] + files + ["--nodes", "Samples/data/knecht/roster.csv", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try object(run.stdout)
        // Wave names come from the file names without their common prefix, and match responded_w1 … w4.
        let waves = try #require(json["waves"] as? [[String: Any]])
        #expect(waves.map { $0["label"] as? String } == ["w1", "w2", "w3", "w4"])
        #expect(waves.map { $0["nonrespondents"] as? Int } == [0, 1, 2, 0])
        try expectPairsMatch(json, golden: "knecht")
    }

    @Test func s50WithoutRosterAndWithLabels() throws {
        let files = (1 ... 3).map { "Samples/data/s50/edges_friendship_w\($0).csv" }
        // Without a roster, the two pupils with no tie in any wave are unknown: tie counts still match,
        // cells and rank correlations are over the 48 others.
        let run = try staffgraph(["compare"] + files + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("no roster"))
        let pairs = try #require(try object(run.stdout)["pairs"] as? [[String: Any]])
        let expected = try #require(try golden("s50")["pairs"] as? [[String: Any]])
        for (p, g) in zip(pairs, expected) {
            for key in ["stable", "new", "dissolved", "hamming"] { #expect(p[key] as? Int == g[key] as? Int, "\(key)") }
            #expect(abs((p["jaccard"] as? Double ?? 0) - (g["jaccard"] as? Double ?? 1)) <= 1e-9)
            #expect(p["observed_cells"] as? Int == 48 * 47)
        }
        let labelled = try staffgraph(["compare"] + files + ["--nodes", "Samples/data/s50/roster.csv", "--labels", "w1,w2,w3", "--format", "json"])
        #expect(labelled.status == 0, "\(labelled.stderr)")
        try expectPairsMatch(try object(labelled.stdout), golden: "s50")
    }

    @Test func labelsOrderAndNameTheWavesOfOneFile() throws {
        let run = try staffgraph(school + ["--labels", "Fall,Spring", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try object(run.stdout)
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        let expected = try #require((try golden("school_advice")["pairs"] as? [[String: Any]])?.last)
        #expect(pairs[0]["from"] as? String == "Fall" && pairs[0]["to"] as? String == "Spring")
        #expect(pairs[0]["stable"] as? Int == expected["stable"] as? Int && pairs[0]["hamming"] as? Int == expected["hamming"] as? Int)
        // responded_fall is found for "Fall".
        let waves = try #require(json["waves"] as? [[String: Any]])
        #expect(waves.first?["response_column"] as? String == "responded_fall")
    }

    @Test func clearErrors() throws {
        // Two relations and no --relation: usage error listing them.
        var run = try staffgraph(["compare", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("one relation at a time") && run.stderr.contains("advice, collaboration"))
        // One file without a wave column.
        run = try staffgraph(["compare", "Samples/data/krackhardt/edges_advice.csv"])
        #expect(run.status == 64 && run.stderr.contains("two or more waves"))
        // A wave the file does not have.
        run = try staffgraph(school + ["--labels", "fall,summer"])
        #expect(run.status == 64 && run.stderr.contains("'summer'") && run.stderr.contains("fall, winter, spring"))
        // A missing file: exit 66 and no output folder.
        let dir = scratch("missing")
        run = try staffgraph(["compare", "Samples/data/s50/edges_friendship_w1.csv", "no/such/file.csv", "-o", dir.path])
        #expect(run.status == 66)
        #expect(!FileManager.default.fileExists(atPath: dir.path))
        // Labels that do not match the roster's response columns.
        run = try staffgraph(["compare", "Samples/data/knecht/edges_friendship_w1.csv", "Samples/data/knecht/edges_friendship_w2.csv",
                              "--nodes", "Samples/data/knecht/roster.csv", "--labels", "sept,dec"])
        #expect(run.status == 64 && run.stderr.contains("--labels w1,w2,w3,w4"))
        // Unknown measure, bad label count.
        run = try staffgraph(school + ["--measures", "in_degree,fame"])
        #expect(run.status == 64 && run.stderr.contains("fame"))
        run = try staffgraph(["compare", "Samples/data/s50/edges_friendship_w1.csv", "Samples/data/s50/edges_friendship_w2.csv", "--labels", "a,b,c"])
        #expect(run.status == 64 && run.stderr.contains("one name per file"))
    }

    @Test func aFailedWriteLeavesNoFolder() throws {
        // The output folder's parent is a file: nothing can be written, nothing is left behind.
        let blocker = scratch("blocker")
        try Data("x".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let run = try staffgraph(school + ["--no-maps", "-o", blocker.appendingPathComponent("out").path])
        #expect(run.status == 66, "\(run.stderr)")
        #expect(try Data(contentsOf: blocker) == Data("x".utf8))
    }
}
