import Foundation
import Testing
import StaffGraphCore
@testable import StaffGraphIO

/// The checkpoint file: values come back to the last bit, anything damaged or
/// saved for another run is refused with a sentence saying why.
@Suite struct SourceCheckpointFileTests {
    func graph(_ ties: [(Int, Int, Double)], nodes: Int) -> Graph {
        var b = GraphBuilder(nodeCount: nodes)
        for (s, t, w) in ties { b.addTie(from: s, to: t, weight: w) }
        return b.build().graph
    }

    var sample: SourceCheckpointFile {
        let g = graph([(0, 1, 1), (1, 2, 2), (2, 0, 1), (3, 1, 5)], nodes: 4)
        let identity = SourceCheckpointIdentity(graph: g, measures: ["betweenness", "harmonic_in"], options: "exact; directed; unweighted (hop counts)")
        let odd: [Double] = [0.1 + 0.2, -0.0, .infinity, Double(bitPattern: 0x7FF8_0000_0000_1234)]
        return SourceCheckpointFile(identity: identity, passes: [
            (SourceChunkCheckpointKey.brandes, SourceChunkProgress(sources: 4, done: [true, true, false, false], vectors: [odd])),
            (SourceChunkCheckpointKey.distancesIn, SourceChunkProgress(sources: 4, done: [true, false, true, false], vectors: [[1, 0, 3, 0], [2.5, 0, 1e-300, 0], [odd[0], 0, 5, 0]])),
        ])
    }

    @Test func valuesComeBackBitForBit() throws {
        let file = sample
        let bytes = file.encoded()
        let back = try SourceCheckpointFile.decode(bytes, file: "c.ckpt")
        #expect(back == file)
        #expect(back.encoded() == bytes)
        #expect(back.progress(SourceChunkCheckpointKey.brandes)?.vectors[0][3].bitPattern == 0x7FF8_0000_0000_1234)
        // The header is readable text.
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        #expect(head.hasPrefix("staffgraph checkpoint\nformat: 1\nnetwork: "))
        #expect(head.contains("people: 4\nties: 4\nmeasures: betweenness,harmonic_in\n"))
    }

    @Test func damagedFilesAreRefusedWithAReason() {
        let bytes = sample.encoded()
        for (cut, why) in [(Array(bytes.prefix(bytes.count - 3)), "checksum"), (Array(bytes.prefix(40)), "header"), (Array("hello\n\n".utf8), "does not start")] {
            #expect(throws: InputError.self) { try SourceCheckpointFile.decode(cut, file: "c.ckpt") }
            do {
                _ = try SourceCheckpointFile.decode(cut, file: "c.ckpt")
            } catch {
                #expect(error.kind == .badData)
                #expect(error.description.contains(why), "\(error.description)")
                #expect(error.description.contains("delete it"))
            }
        }
        var flipped = bytes
        flipped[flipped.count - 20] ^= 1
        #expect(throws: InputError.self) { try SourceCheckpointFile.decode(flipped, file: "c.ckpt") }
    }

    @Test func anotherNetworkOrOtherMeasuresAreNamed() {
        let saved = sample
        let options = "exact; directed; unweighted (hop counts)"
        let same = graph([(0, 1, 1), (1, 2, 2), (2, 0, 1), (3, 1, 5)], nodes: 4)
        #expect(saved.mismatch(with: SourceCheckpointIdentity(graph: same, measures: ["betweenness", "harmonic_in"], options: options)) == nil)
        let heavier = graph([(0, 1, 1), (1, 2, 2), (2, 0, 1), (3, 1, 4)], nodes: 4)
        #expect(saved.mismatch(with: SourceCheckpointIdentity(graph: heavier, measures: ["betweenness", "harmonic_in"], options: options))?.contains("same size") == true)
        let bigger = graph([(0, 1, 1), (1, 2, 2)], nodes: 5)
        #expect(saved.mismatch(with: SourceCheckpointIdentity(graph: bigger, measures: ["betweenness", "harmonic_in"], options: options))
            == "it was saved for another network (4 people, 4 ties; this run: 5 people, 2 ties)")
        #expect(saved.mismatch(with: SourceCheckpointIdentity(graph: same, measures: ["betweenness"], options: options))
            == "it was saved for the measures betweenness,harmonic_in; this run asks for betweenness")
    }

    @Test func theFileIsAnOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run.ckpt").path
        #expect(try SourceCheckpointFile.read(path) == nil)
        try sample.write(to: path)
        #expect(try SourceCheckpointFile.read(path) == sample)
        // Nothing left beside it but the file itself.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["run.ckpt"])
        #expect(throws: InputError.self) { try SourceCheckpointFile.checkPath(path, output: path) }
        #expect(throws: InputError.self) { try SourceCheckpointFile.checkPath("-", output: nil) }
        #expect(throws: InputError.self) { try SourceCheckpointFile.checkPath(dir.path, output: nil) }
        try SourceCheckpointFile.checkPath(path, output: dir.appendingPathComponent("out.csv").path)
        #expect(SourceCheckpointFile.remove(path))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!SourceCheckpointFile.remove(path))
    }
}
