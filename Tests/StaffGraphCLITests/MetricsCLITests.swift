import Foundation
import Testing

fileprivate func centralityGoldens() -> [String] {
    let folder = repositoryRoot.appendingPathComponent("Tests/Golden/centrality")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
}

/// metrics column → golden key (Scripts/golden_centrality.py, networkx 3.6) and tolerance.
fileprivate let columnGoldens: [(column: String, golden: String, tolerance: Double)] = [
    ("in_degree", "in_degree", 1e-9), ("out_degree", "out_degree", 1e-9),
    ("in_strength", "in_strength", 1e-9), ("out_strength", "out_strength", 1e-9),
    ("betweenness", "betweenness", 1e-9), ("betweenness_raw", "betweenness_raw", 1e-9),
    ("closeness_in", "closeness_wf_in", 1e-9), ("closeness_out", "closeness_wf_out", 1e-9),
    ("harmonic_in", "harmonic_in", 1e-9), ("harmonic_out", "harmonic_out", 1e-9),
    ("eigenvector", "eigenvector", 1e-6), ("pagerank", "pagerank", 1e-6),
    ("hub", "hits_hubs", 1e-6), ("authority", "hits_authorities", 1e-6),
]

@Suite struct MetricsCLITests {
    /// Every `metrics` column on every golden graph, through the command line, against networkx.
    @Test(arguments: centralityGoldens())
    func columnsMatchNetworkx(file: String) throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/centrality/\(file)"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(golden["inputs"] as? [String: Any])
        let edges = try #require(inputs["edges"] as? String)
        let nodes = try #require(inputs["nodes"] as? String)
        let measures = try #require(golden["measures"] as? [String: Any])
        let result = try runStaffGraph(["metrics", edges, "--nodes", nodes, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let people = try #require(json["people"] as? [[String: Any]])
        let conventions = try #require(json["conventions"] as? [String: Any])
        for (column, key, tolerance) in columnGoldens {
            #expect(conventions[column] != nil, "no convention for \(column)")
            guard let expected = measures[key] as? [String: Any] else { continue }   // null: not unique, not compared
            for person in people {
                let id = try #require(person["id"] as? String)
                guard let want = expected[id] as? Double else { continue }
                let got = try #require(person[column] as? Double, "\(file) \(column) \(id) is null, networkx says \(want)")
                #expect(abs(got - want) <= tolerance * max(1, abs(want)), "\(file) \(column) \(id): \(got) vs networkx \(want)")
            }
        }
    }

    @Test func csvHasTheColumnsInOrderThenAttributes() throws {
        let result = try runStaffGraph(["metrics", "Samples/tiny/edges.csv", "--nodes", "Samples/tiny/roster.csv"])
        #expect(result.status == 0)
        let header = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header == "id,in_degree,out_degree,in_strength,out_strength,betweenness,betweenness_raw,closeness_in,closeness_out,harmonic_in,harmonic_out,eigenvector,pagerank,hub,authority,clustering,clustering_undirected,constraint,effective_size,core,ego_size_out,ego_size_in,ego_size,ego_density,ego_betweenness,two_step_reach,ego_constraint,coreness,name,role,team")
        // gus is an isolate: constraint and clustering are undefined → empty cells.
        let gus = result.stdout.split(separator: "\n").first { $0.hasPrefix("gus,") }.map(String.init) ?? ""
        #expect(gus.contains(",,"))
    }

    @Test func measuresSortTopAndBrokerage() throws {
        let result = try runStaffGraph(["metrics", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall",
                              "--measures", "in_degree,broker_total", "--by", "team", "--sort", "in_degree", "--top", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("id,in_degree,broker_total,name") == true)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("p05,27,"))
    }

    @Test func unknownColumnsAndLayersAreUsageErrors() throws {
        let bad = try runStaffGraph(["metrics", "Samples/tiny/edges.csv", "--measures", "fame"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown column 'fame'"))
        let layers = try runStaffGraph(["metrics", "Samples/school/edges.csv"])
        #expect(layers.status == 64)
        #expect(layers.stderr.contains("pick one with --relation and --wave"))
        let broker = try runStaffGraph(["metrics", "Samples/tiny/edges.csv", "--measures", "broker_total"])
        #expect(broker.status == 64 && broker.stderr.contains("--by"))
    }

    @Test func sameBytesForAnyThreadCount() throws {
        let arguments = ["metrics", "Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv", "--format", "json"]
        let one = try runStaffGraph(arguments + ["--threads", "1"])
        let two = try runStaffGraph(arguments + ["--threads", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
    }

    @Test func eigenvectorOnADAGIsEmptyWithANote() throws {
        let result = try runStaffGraph(["metrics", "Tests/Fixtures/graphs/dag.csv", "--measures", "eigenvector", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("eigenvector"))
    }
}
