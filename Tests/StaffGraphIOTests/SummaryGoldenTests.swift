import Foundation
import Testing
import StaffGraphCore
import StaffGraphIO

/// The repository root, found from this file's path.
fileprivate let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

fileprivate func goldenFiles() -> [String] {
    let folder = repositoryRoot.appendingPathComponent("Tests/Golden/summary")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
}

@Suite struct SummaryGoldenTests {
    @Test func goldenFilesExist() {
        #expect(goldenFiles().count >= 20)
    }

    /// `summary` against networkx 3.6 (Scripts/golden_summary.py) on the samples and the shared datasets.
    @Test(arguments: goldenFiles())
    func matchesNetworkx(file: String) throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Golden/summary/\(file)"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let input = try #require(golden["input"] as? [String: Any])
        let edges = try #require(input["edges"] as? String)
        let rosterPath = input["roster"] as? String
        let relation = input["relation"] as? String
        let wave = input["wave"] as? String

        let roster = try rosterPath.map { try RosterReader.read(repositoryRoot.appendingPathComponent($0).path) }
        var options = EdgeListOptions()
        options.relation = relation
        options.wave = wave
        let imported = try EdgeListReader.read(repositoryRoot.appendingPathComponent(edges).path, roster: roster, options: options)
        let layers = imported.network.layers(relation: relation, wave: wave)
        try #require(layers.count == 1)
        let s = NetworkSummary(graph: layers[0].graph, responses: imported.network.roster.responses(wave: wave))

        #expect(s.nodes == golden["nodes"] as? Int)
        #expect(s.ties == golden["ties"] as? Int)
        #expect(s.isolates == golden["isolates"] as? Int)
        #expect(s.weakComponents == golden["weak_components"] as? Int)
        #expect(s.strongComponents == golden["strong_components"] as? Int)
        #expect(s.largestWeakComponent == golden["largest_weak_component"] as? Int)
        #expect(s.absent == golden["absent"] as? Int)
        for (name, value) in [("density", s.density), ("reciprocity", s.reciprocity), ("response_rate", s.responseRate)] {
            if let expected = golden[name] as? Double {
                let actual = try #require(value, "\(name) is nil, networkx says \(expected)")
                #expect(abs(actual - expected) <= 1e-9, "\(name): \(actual) vs networkx \(expected)")
            } else {
                #expect(value == nil, "\(name) should be null")
            }
        }
    }
}
