import Foundation
import Testing

/// Limits a careless option meets before any work starts: maps too large to
/// draw, thread counts, permutation counts and options that need another.
@Suite struct DrawLimitsTests {
    let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "spring"]

    /// A district-sized network (5,000 people, 60,000 ties) in a fresh folder.
    func district() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var edges = "source,target\n"
        var state: UInt64 = 7
        for i in 0 ..< 5_000 {
            for _ in 0 ..< 12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let j = Int((state >> 33) % 5_000)
                if j != i { edges += "p\(i),p\(j)\n" }
            }
        }
        try edges.write(to: folder.appendingPathComponent("edges.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func oversizedMapIsRefusedWithWaysToDrawLess() throws {
        let folder = try district()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("map.png")
        let run = try runStaffGraph(["draw", folder.appendingPathComponent("edges.csv").path, "--layout", "neato", "-o", out.path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("too large to draw: 5,000 people"))
        #expect(run.stderr.contains("--layout sfdp"))
        #expect(run.stderr.contains("--where") && run.stderr.contains("--force"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // The same map as Graphviz source is cheap, so it is written.
        let dot = try runStaffGraph(["draw", folder.appendingPathComponent("edges.csv").path, "--layout", "neato", "-o", folder.appendingPathComponent("map.dot").path])
        #expect(dot.status == 0, "\(dot.stderr)")
    }

    @Test func sampleMapsAreNotRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-limits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for layout in ["dot", "neato", "sfdp"] {
            let run = try runStaffGraph(["draw"] + school + ["--layout", layout, "-o", folder.appendingPathComponent("\(layout).svg").path])
            #expect(run.status == 0, "\(layout): \(run.stderr)")
        }
    }

    @Test func badCountsAreUsageErrors() throws {
        let threads = try runStaffGraph(["summary"] + school + ["--threads", "-1"])
        #expect(threads.status == 64)
        #expect(threads.stderr.contains("--threads must be 1 or more"), "\(threads.stderr)")
        let permutations = try runStaffGraph(["groups"] + school + ["--by", "team", "--permutations", "2000000"])
        #expect(permutations.status == 64, "\(permutations.stderr)")
        #expect(permutations.stderr.contains("1,000,000") || permutations.stderr.contains("1000000"), "\(permutations.stderr)")
        let radius = try runStaffGraph(["draw"] + school + ["--radius", "2", "-o", "/tmp/never-written.svg"])
        #expect(radius.status == 64)
        #expect(radius.stderr.contains("--ego"), "\(radius.stderr)")
    }
}
