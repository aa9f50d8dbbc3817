import Foundation
import Testing

fileprivate func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

fileprivate let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]

/// A deterministic edge list of `people` people naming 6 colleagues each, in a temporary folder.
fileprivate func largerEdgeList(people: Int) throws -> String {
    var text = "source,target\n"
    var state: UInt64 = 12345
    for s in 0 ..< people {
        for _ in 0 ..< 6 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let t = Int((state >> 33) % UInt64(people))
            if t != s { text += "p\(s),p\(t)\n" }
        }
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-threads-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("edges.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Suite struct ThreadsProgressTests {
    @Test(arguments: [
        ["summary"] + school + ["--format", "json"],
        ["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv"],
        ["summary"] + school + ["--by", "team", "--format", "csv"],
        ["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--by", "team", "--format", "json"],
        ["groups"] + school + ["--by", "team", "--format", "json", "--permutations", "400"],
        ["leaders"] + school + ["--formal", "role=principal,assistant principal,instructional coach,department chair", "--format", "json"],
    ])
    func outputIsIdenticalForOneAndTwoThreads(arguments: [String]) throws {
        let one = try runStaffGraph(arguments + ["--threads", "1"])
        let two = try runStaffGraph(arguments + ["--threads", "2"])
        let all = try runStaffGraph(arguments)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(!one.stdout.isEmpty)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout == all.stdout)
        #expect(one.stderr == two.stderr)
    }

    @Test func threadsMustBePositive() throws {
        let run = try runStaffGraph(["summary"] + school + ["--threads", "0"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--threads"))
    }

    @Test func summaryByGroupJSON() throws {
        let run = try runStaffGraph(["summary"] + school + ["--per", "team", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["per"] as? String == "team")
        // The old name still works, with a note, and gives the same output.
        let old = try runStaffGraph(["summary"] + school + ["--by", "team", "--format", "json"])
        #expect(old.status == 0 && old.stdout == run.stdout && old.stderr.contains("--by is now --per"))
        let groups = try #require(json["groups"] as? [[String: Any]])
        let names = groups.compactMap { $0["group"] as? String }
        #expect(names.count == groups.count && !names.isEmpty)
        #expect(names == names.sorted())
        for key in ["nodes", "ties", "density", "reciprocity", "centralization", "triad_census", "krackhardt", "communities", "ties_to_other_groups"] {
            #expect(groups[0][key] != nil, "missing \(key)")
        }
        // Every person is in exactly one group.
        let people = groups.compactMap { $0["nodes"] as? Int }.reduce(0, +)
        let whole = try jsonObject(try runStaffGraph(["summary"] + school + ["--format", "json"]).stdout)
        #expect(people == whole["nodes"] as? Int)
        // Ties inside groups plus ties to other groups are all ties.
        let inside = groups.compactMap { $0["ties"] as? Int }.reduce(0, +)
        let outside = groups.compactMap { $0["ties_to_other_groups"] as? Int }.reduce(0, +)
        #expect(inside + outside == whole["ties"] as? Int)
    }

    @Test func summaryByGroupCSVHasOneRowPerGroupAndTheJSONKeys() throws {
        let csv = try runStaffGraph(["summary"] + school + ["--by", "team", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "group")
        for key in ["nodes", "density", "centralization_in_degree", "triad_census_003", "krackhardt_hierarchy", "communities_modularity", "ties_to_other_groups"] {
            #expect(header.contains(key), "missing \(key)")
        }
        let json = try jsonObject(try runStaffGraph(["summary"] + school + ["--by", "team", "--format", "json"]).stdout)
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(lines.count == groups.count + 1)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
    }

    @Test func summaryByGroupTable() throws {
        let run = try runStaffGraph(["summary"] + school + ["--by", "team"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("panels by team"))
        #expect(run.stdout.contains("modularity"))
    }

    @Test func summaryByNeedsARosterColumn() throws {
        let noRoster = try runStaffGraph(["summary", "Samples/school/edges.csv", "--by", "team"])
        #expect(noRoster.status == 64)
        let unknown = try runStaffGraph(["summary"] + school + ["--by", "nosuchcolumn"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no column 'nosuchcolumn'"))
        let csvWithoutBy = try runStaffGraph(["summary"] + school + ["--format", "csv"])
        #expect(csvWithoutBy.status == 64)
    }

    @Test func noProgressBarWhenStandardErrorIsNotATerminal() throws {
        let edges = try largerEdgeList(people: 1500)
        let run = try launch(try staffgraphBinary(), ["summary", edges, "--format", "json"], environment: ["STAFFGRAPH_PROGRESS_DELAY": "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("\r"))
        #expect(!run.stderr.contains("betweenness centralization"))
    }

    @Test func progressBarOnATerminal() throws {
        // `script` (util-linux) runs the command on a pseudo-terminal, so stderr is a tty.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { return }
        let edges = try largerEdgeList(people: 1500)
        let command = "\(try staffgraphBinary().path) summary \(edges) --format json -o \(edges).json"
        let run = try launch(script, ["-qec", command, "/dev/null"], environment: ["STAFFGRAPH_PROGRESS_DELAY": "0"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("betweenness centralization"))
        #expect(run.stdout.contains("%"))
        // The bar erases itself: the last thing drawn is the clearing sequence.
        #expect(run.stdout.contains("\r\u{1B}[2K"))
        let written = try String(contentsOfFile: edges + ".json", encoding: .utf8)
        #expect(written.contains("\"nodes\": 1500"))
    }
}
