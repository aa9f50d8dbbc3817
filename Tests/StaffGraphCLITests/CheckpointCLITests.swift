import Foundation
import Testing

// `metrics --exact --checkpoint FILE` end to end: a run stopped part way (the
// debug build interrupts itself with SIGINT after K checkpoint saves,
// STAFFGRAPH_TEST_STOP_AFTER_CHUNKS) leaves no output and a checkpoint, and
// the same command then resumes and writes the bytes of a run never stopped.

/// A folder with a seeded random network of `people` people (about 5 ties each).
fileprivate func network(people: Int, seed: UInt64) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-checkpoint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var state = seed
    func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }
    var text = "source,target,weight\n"
    for s in 0 ..< people {
        for _ in 0 ..< 5 {
            // Mostly near neighbours, some far ties: paths of several steps.
            let t = next() % 4 == 0 ? next() % people : (s + 1 + next() % 12) % people
            if t != s { text += "p\(s),p\(t),\(1 + next() % 4)\n" }
        }
    }
    try text.write(to: folder.appendingPathComponent("edges.csv"), atomically: true, encoding: .utf8)
    return folder
}

/// One run in `folder`: exit status (the signal number when killed by one), whether killed, stderr.
fileprivate struct Run {
    var status: Int32
    var killed: Bool
    var stderr: String
}

fileprivate func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = try staffgraphBinary()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal, stderr: String(decoding: stderr, as: UTF8.self))
}

fileprivate func contents(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

fileprivate let exact = ["metrics", "edges.csv", "--measures", "betweenness,harmonic_in,closeness_out", "--exact"]

@Suite struct CheckpointCLITests {
    @Test func aStoppedRunResumesToTheSameBytes() throws {
        let dir = try network(people: 300, seed: 19)
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = try run(exact + ["--threads", "2", "-o", "full.csv"], in: dir)
        #expect(full.status == 0, "\(full.stderr)")

        // Stopped after 10 saves (1 thread: 10 of 64 Brandes chunks): no output, a checkpoint, a hint.
        let stop = ["STAFFGRAPH_TEST_STOP_AFTER_CHUNKS": "10"]
        let first = try run(exact + ["--threads", "1", "--checkpoint", "run.ckpt", "-o", "out.csv"], in: dir, environment: stop)
        #expect(first.killed && first.status == SIGINT, "\(first.stderr)")
        #expect(try contents(dir) == ["edges.csv", "full.csv", "run.ckpt"])
        #expect(first.stderr.contains("stopped: the finished part is saved in run.ckpt; run the same command again to resume"))
        let header = String(decoding: try Data(contentsOf: dir.appendingPathComponent("run.ckpt")).prefix(120), as: UTF8.self)
        #expect(header.hasPrefix("staffgraph checkpoint\nformat: 1\n"))

        // Stopped again further on (2 threads: into the distance passes), then resumed to the end.
        let second = try run(exact + ["--threads", "2", "--checkpoint", "run.ckpt", "-o", "out.csv"], in: dir, environment: ["STAFFGRAPH_TEST_STOP_AFTER_CHUNKS": "40"])
        #expect(second.killed && second.status == SIGINT, "\(second.stderr)")
        #expect(second.stderr.contains("resuming from run.ckpt: betweenness 10 of 64 chunks done"), "\(second.stderr)")
        #expect(try contents(dir) == ["edges.csv", "full.csv", "run.ckpt"])

        let last = try run(exact + ["--threads", "1", "--checkpoint", "run.ckpt", "-o", "out.csv"], in: dir)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.stderr.contains("resuming from run.ckpt: betweenness 64 of 64 chunks done; harmonic_in 13 of 64 chunks done"), "\(last.stderr)")
        #expect(last.stderr.contains("removed the checkpoint run.ckpt"))
        #expect(try contents(dir) == ["edges.csv", "full.csv", "out.csv"])
        #expect(try Data(contentsOf: dir.appendingPathComponent("out.csv")) == Data(contentsOf: dir.appendingPathComponent("full.csv")))
    }

    @Test func oneAndTwoThreadsWithACheckpointGiveTheSameBytes() throws {
        let dir = try network(people: 300, seed: 7)
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = try run(exact + ["--threads", "1", "--checkpoint", "a.ckpt", "-o", "one.csv"], in: dir)
        let two = try run(exact + ["--threads", "2", "--checkpoint", "b.ckpt", "-o", "two.csv"], in: dir)
        let plain = try run(exact + ["--threads", "2", "-o", "plain.csv"], in: dir)
        #expect(one.status == 0 && two.status == 0 && plain.status == 0, "\(one.stderr)\(two.stderr)\(plain.stderr)")
        let bytes = try ["one.csv", "two.csv", "plain.csv"].map { try Data(contentsOf: dir.appendingPathComponent($0)) }
        #expect(bytes[0] == bytes[1] && bytes[1] == bytes[2])
        #expect(try contents(dir) == ["edges.csv", "one.csv", "plain.csv", "two.csv"])
    }

    @Test func aCheckpointOfAnotherRunIsRefused() throws {
        let dir = try network(people: 300, seed: 19)
        let other = try network(people: 300, seed: 20)
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: other)
        }
        let stopped = try run(exact + ["--checkpoint", "run.ckpt"], in: dir, environment: ["STAFFGRAPH_TEST_STOP_AFTER_CHUNKS": "3"])
        #expect(stopped.killed, "\(stopped.stderr)")
        let saved = try Data(contentsOf: dir.appendingPathComponent("run.ckpt"))
        try saved.write(to: other.appendingPathComponent("run.ckpt"))

        let otherNetwork = try run(exact + ["--checkpoint", "run.ckpt"], in: other)
        #expect(otherNetwork.status == 64)
        #expect(otherNetwork.stderr.contains("run.ckpt: error: cannot resume from this checkpoint: it was saved for another network"), "\(otherNetwork.stderr)")
        #expect(otherNetwork.stderr.contains("delete 'run.ckpt'"))

        let otherMeasures = try run(["metrics", "edges.csv", "--measures", "betweenness", "--exact", "--checkpoint", "run.ckpt"], in: dir)
        #expect(otherMeasures.status == 64)
        #expect(otherMeasures.stderr.contains("it was saved for the measures betweenness,harmonic_in,closeness_out; this run asks for betweenness"), "\(otherMeasures.stderr)")

        let fewerTies = try run(exact + ["--min-weight", "2", "--checkpoint", "run.ckpt"], in: dir)
        #expect(fewerTies.status == 64)
        #expect(fewerTies.stderr.contains("it was saved for another network"), "\(fewerTies.stderr)")

        // Refused runs leave the checkpoint as it was.
        #expect(try Data(contentsOf: dir.appendingPathComponent("run.ckpt")) == saved)

        try Data("not a checkpoint".utf8).write(to: dir.appendingPathComponent("bad.ckpt"))
        let damaged = try run(exact + ["--checkpoint", "bad.ckpt"], in: dir)
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("bad.ckpt: error: this is not a usable staffgraph checkpoint"), "\(damaged.stderr)")
    }

    @Test func theCheckpointIsAnOutputOfAnExactRun() throws {
        let dir = try network(people: 40, seed: 1)
        defer { try? FileManager.default.removeItem(at: dir) }
        let notExact = try run(["metrics", "edges.csv", "--checkpoint", "run.ckpt"], in: dir)
        #expect(notExact.status == 64)
        #expect(notExact.stderr.contains("add --exact"), "\(notExact.stderr)")
        let input = try run(exact + ["--checkpoint", "edges.csv"], in: dir)
        #expect(input.status == 64)
        #expect(input.stderr.contains("an input of this run"), "\(input.stderr)")
        let sameAsOutput = try run(exact + ["--checkpoint", "out.csv", "-o", "./out.csv"], in: dir)
        #expect(sameAsOutput.status == 64)
        #expect(sameAsOutput.stderr.contains("the same file as the output"), "\(sameAsOutput.stderr)")
        #expect(try contents(dir) == ["edges.csv"])
    }
}
