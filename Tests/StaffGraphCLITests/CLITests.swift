import Foundation
import Testing

fileprivate func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Suite struct CLITests {
    @Test func summaryJSONOnTheTinySample() throws {
        let run = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "--nodes", "Samples/tiny/roster.csv", "--format", "json"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["nodes"] as? Int == 7)
        #expect(json["ties"] as? Int == 9)
        #expect(json["isolates"] as? Int == 1)
        #expect(json["density"] as? Double == 0.25)
        #expect(json["weak_components"] as? Int == 3)
        #expect(json["strong_components"] as? Int == 4)
        #expect(abs((json["response_rate"] as? Double ?? 0) - 6.0 / 7.0) < 1e-12)
        for key in ["nodes", "ties", "isolates", "density", "reciprocity", "weak_components", "strong_components", "response_rate"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
    }

    @Test func summaryReportsCentralization() throws {
        let run = try runStaffGraph(["summary", "Samples/data/krackhardt/edges_advice.csv", "--format", "json"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let c = try #require(json["centralization"] as? [String: Any])
        // Hand check for in-degree: Freeman Σ(max − c_i) / (n − 1)² on Krackhardt's advice network.
        #expect(c["in_degree"] as? Double != nil && c["out_degree"] as? Double != nil && c["betweenness"] as? Double != nil)
    }

    @Test func responseRateIsNullWithoutResponseData() throws {
        let run = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"response_rate\": null"))
    }

    @Test func severalLayersGiveALayersArray() throws {
        let run = try runStaffGraph(["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--format", "json", "--wave", "fall"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.map { $0["relation"] as? String } == ["advice", "collaboration"])
    }

    @Test func tableIsDeterministic() throws {
        let a = try runStaffGraph(["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv"])
        let b = try runStaffGraph(["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout.contains("advice, wave fall"))
    }

    @Test func badDataExitsWith65AndALocatedMessage() throws {
        let path = try temporaryFile("edges.csv", "source,target,weight\na,b,1\nb,c,lots\n")
        let run = try runStaffGraph(["summary", path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("\(path):3:5: error: weight 'lots' is not a number"))
        #expect(run.stderr.contains("hint:"))
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFileExitsWith66() throws {
        let run = try runStaffGraph(["summary", "no/such/file.csv"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("no/such/file.csv: error: cannot open the file: no such file"))
    }

    @Test func unknownIDsExitWith65UnlessAllowed() throws {
        let edges = try temporaryFile("edges.csv", "source,target\nana,ben\nana,bne\n")
        let run = try runStaffGraph(["summary", edges, "--nodes", "Samples/tiny/roster.csv"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("'bne' (line 3, column 5): did you mean 'ben'?"))
        let allowed = try runStaffGraph(["summary", edges, "--nodes", "Samples/tiny/roster.csv", "--allow-unknown", "--format", "json"])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("1 id not on the roster added (bne)"))
    }

    @Test func usageErrorsExitWith64() throws {
        let run = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "--merge", "average"])
        #expect(run.status == 64)
        let noLayer = try runStaffGraph(["summary", "Samples/school/edges.csv", "--relation", "trust"])
        #expect(noLayer.status == 64)
        #expect(noLayer.stderr.contains("the file has: 'advice, wave fall'"))
    }

    @Test func outputFileIsWrittenAtomically() throws {
        let out = try temporaryFile("placeholder", "")
        let target = URL(fileURLWithPath: out).deletingLastPathComponent().appendingPathComponent("summary.json").path
        let ok = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "--format", "json", "-o", target])
        #expect(ok.status == 0 && ok.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: target))
        // A failing run leaves no file behind.
        let bad = try temporaryFile("bad.csv", "source,target\na\n")
        let failed = URL(fileURLWithPath: bad).deletingLastPathComponent().appendingPathComponent("never.json").path
        let run = try runStaffGraph(["summary", bad, "-o", failed])
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: failed))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: failed).deletingLastPathComponent().path)
        #expect(!leftovers.contains { $0.contains(".tmp-") })
    }

    @Test func notesReportWhatWasSetAside() throws {
        let path = try temporaryFile("edges.csv", "source,target,weight\na,b,1\na,b,2\nc,c,1\n\nd,,1\n")
        let run = try runStaffGraph(["summary", path, "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("1 blank line skipped"))
        #expect(run.stderr.contains("1 row with no target"))
        #expect(run.stdout.contains("\"self_loops_dropped\": 1"))
        #expect(run.stdout.contains("\"parallel_ties_merged\": 1"))
    }
}
