import Foundation
import Testing

// Output safety end to end (ARCHITECTURE.md, "Output safety"): no output
// overwrites an input of its run, write failures are errors (exit 74), links
// are written through, pipes and devices refused, interrupted runs leave no
// temporaries, output folders hold exactly one run's files.

/// A fresh folder holding copies of the school sample's edge list and roster.
fileprivate func workspace() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-safety-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["edges.csv", "roster.csv"] {
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Samples/school/\(name)"), to: folder.appendingPathComponent(name))
    }
    return folder
}

fileprivate func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

fileprivate func listing(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// Names of temporaries (`.x.tmp-…`, `.x.old-…`) in `folder` and below.
fileprivate func temporaries(in folder: URL) -> [String] {
    let all = FileManager.default.subpaths(atPath: folder.path) ?? []
    return all.filter { $0.contains(".tmp-") || $0.contains(".old-") }
}

/// Starts `staffgraph` in `folder` with `environment` added, stdout and stderr to /dev/null.
fileprivate func start(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = try staffgraphBinary()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// Waits until `condition` holds (polling every 2 ms), at most `seconds`; whether it did.
fileprivate func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}

/// Runs `staffgraph` in `folder`; fails (and kills it) if it does not end within `seconds`.
fileprivate func runWithin(_ seconds: Double, _ arguments: [String], in folder: URL) throws -> CLIRun {
    let process = Process()
    process.executableURL = try staffgraphBinary()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let ended = waitUntil(seconds: seconds) { !process.isRunning }
    if !ended { process.terminate() }
    #expect(ended, "staffgraph \(arguments.joined(separator: " ")) blocked")
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
}

fileprivate let advice = ["--relation", "advice", "--wave", "fall"]

@Suite struct OutputSafetyTests {
    // MARK: An output that is an input

    @Test func dashAndDevStdoutMeanStandardOutput() throws {
        let before = try runStaffGraph(["summary", "Samples/tiny/edges.csv"])
        for output in ["-", "/dev/stdout"] {
            let run = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "-o", output])
            #expect(run.status == 0, "\(output): \(run.stderr)")
            #expect(run.stdout == before.stdout, "\(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("-").path))
        let metrics = try runStaffGraph(["metrics", "Samples/tiny/edges.csv", "--format", "csv", "-o", "-"])
        #expect(metrics.status == 0 && metrics.stdout.hasPrefix("id,"), "\(metrics.stderr)")
    }

    @Test func anOutputThatIsAnInputIsRefusedByAnyName() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edges = dir.appendingPathComponent("edges.csv"), roster = dir.appendingPathComponent("roster.csv")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: "roster.csv")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("map.dot").path, withDestinationPath: "roster.csv")
        try FileManager.default.linkItem(at: roster, to: dir.appendingPathComponent("hard.csv"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let before = (try bytes(edges), try bytes(roster))
        let e = edges.path, r = roster.path, d = dir.path
        let cases: [(String, [String], String)] = [
            ("summary -o E", ["summary", e, "--nodes", r] + advice + ["-o", e], e),
            ("summary -o R", ["summary", e, "--nodes", r] + advice + ["-o", r], r),
            ("summary -o ./R", ["summary", e, "--nodes", r] + advice + ["-o", d + "/./roster.csv"], r),
            ("summary -o sub/../R", ["summary", e, "--nodes", r] + advice + ["-o", d + "/sub/../roster.csv"], r),
            ("summary -o a symlink to R", ["summary", e, "--nodes", r] + advice + ["-o", d + "/link.csv"], r),
            ("summary -o a hard link of R", ["summary", e, "--nodes", r] + advice + ["-o", d + "/hard.csv"], r),
            ("metrics -o ./E", ["metrics", e, "--nodes", r] + advice + ["-o", d + "/./edges.csv"], e),
            ("leaders -o R", ["leaders", e, "--nodes", r, "--formal", "role=principal"] + advice + ["-o", r], r),
            ("groups -o E", ["groups", e, "--nodes", r, "--by", "team"] + advice + ["-o", e], e),
            ("draw -o a symlink to R", ["draw", e, "--nodes", r] + advice + ["-o", d + "/map.dot"], r),
            ("convert --nodes-out R", ["convert", e, d + "/out.csv", "--nodes", r, "--nodes-out", d + "/hard.csv"], r),
            ("convert OUT = ./R", ["convert", e, d + "/./roster.csv", "--nodes", r, "--nodes-out", d + "/other.csv"], r),
        ]
        for (label, arguments, input) in cases {
            let run = try runStaffGraph(arguments)
            #expect(run.status == 64, "\(label): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("an input of this run"), "\(label): \(run.stderr)")
            #expect(run.stderr.contains(input), "\(label) names the input: \(run.stderr)")
            #expect(try bytes(edges) == before.0 && bytes(roster) == before.1, "\(label) changed an input")
        }
        // convert wrote nothing at all (OUT is checked along with the roster beside it).
        #expect(!FileManager.default.fileExists(atPath: d + "/out.csv"))
        // Links stay links, and nothing temporary is left.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: d + "/link.csv") == "roster.csv")
        #expect(temporaries(in: dir).isEmpty)
    }

    @Test func importSurveyIntoTheFolderOfItsExportIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-safety-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["name_generator.csv", "staff.csv"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Samples/survey/\(name)"), to: dir.appendingPathComponent(name))
        }
        let before = try listing(dir)
        // The export alone in the folder (the roster elsewhere) …
        let export = try runStaffGraph(["import", "survey", dir.path + "/name_generator.csv", "--roster", "Samples/survey/staff.csv",
                                        "--spec", "Samples/survey/name_generator.yaml", "-o", dir.path])
        #expect(export.status == 64, "\(export.stderr)")
        #expect(export.stderr.hasPrefix("\(dir.path): error: this folder holds '\(dir.path)/name_generator.csv', an input of this run"))
        // … and with the roster there too.
        let run = try runStaffGraph(["import", "survey", dir.path + "/name_generator.csv", "--roster", dir.path + "/staff.csv",
                                     "--spec", "Samples/survey/name_generator.yaml", "-o", dir.path])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("\(dir.path): error: this folder holds '"))
        #expect(run.stderr.contains("an input of this run") && run.stderr.contains("hint: write to another folder (-o)"))
        #expect(try listing(dir) == before)
        let beside = try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path)
        #expect(!beside.contains { $0.hasPrefix("." + dir.lastPathComponent) })
        // The same through a symbolic link to the folder.
        let link = dir.path + "-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let viaLink = try runStaffGraph(["import", "survey", dir.path + "/name_generator.csv", "--roster", dir.path + "/staff.csv",
                                         "--spec", "Samples/survey/name_generator.yaml", "-o", link])
        #expect(viaLink.status == 64, "\(viaLink.stderr)")
        #expect(try listing(dir) == before)
    }

    @Test func compareIntoAFolderHoldingItsInputsIsRefused() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try listing(dir)
        let run = try runStaffGraph(["compare", dir.path + "/edges.csv", "--nodes", dir.path + "/roster.csv", "--relation", "advice", "--no-maps", "-o", dir.path])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("this folder holds '\(dir.path)/"))
        #expect(try listing(dir) == before)
        // A folder above the inputs is refused too: replacing it would delete them.
        let above = try runStaffGraph(["compare", dir.path + "/edges.csv", "--nodes", dir.path + "/roster.csv", "--relation", "advice", "--no-maps",
                                       "-o", dir.deletingLastPathComponent().path])
        #expect(above.status == 64, "\(above.stderr)")
    }

    // MARK: Failed writes

    @Test func aFailedWriteToStandardOutputExits74() throws {
        for arguments in [["summary", "Samples/school/edges.csv"] + advice,
                          ["metrics", "Samples/school/edges.csv", "--format", "csv"] + advice,
                          ["compare", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice"]] {
            let process = Process()
            process.executableURL = try staffgraphBinary()
            process.arguments = arguments
            process.currentDirectoryURL = repositoryRoot
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let err = Pipe()
            process.standardOutput = full
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 74, "\(arguments[0]): \(stderr)")
            #expect(stderr.contains("standard output: error: cannot write the output: No space left on device"), "\(arguments[0]): \(stderr)")
        }
        // The same through a shell redirection, as a user types it.
        let binary = try staffgraphBinary().path
        let shell = try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(binary)' summary Samples/tiny/edges.csv > /dev/full"])
        #expect(shell.status == 74, "\(shell.stderr)")
    }

    @Test func aDeviceIsRefusedAndAFullFileSystemIsAnError() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let device = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "-o", "/dev/full"])
        #expect(device.status == 66, "\(device.stderr)")
        #expect(device.stderr.contains("/dev/full: error: cannot write here: this is a device, not a regular file"))
        let info = try FileManager.default.attributesOfItem(atPath: "/dev/full")
        #expect(info[.type] as? FileAttributeType == .typeCharacterSpecial)
        // A write that fails part way (here: over the file size limit, ignoring SIGXFSZ) exits 74 and leaves nothing.
        let binary = try staffgraphBinary().path
        let script = "trap '' XFSZ; ulimit -f 1; exec '\(binary)' metrics '\(dir.path)/edges.csv' --relation advice --wave fall -o '\(dir.path)/big.csv'"
        let limited = try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", script])
        #expect(limited.status == 74, "\(limited.stderr)")
        #expect(limited.stderr.contains("big.csv: error: cannot write the file: File too large"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/big.csv"))
        #expect(temporaries(in: dir).isEmpty)
    }

    // MARK: Links, pipes

    @Test func aSymbolicLinkIsWrittenThrough() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("results"), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: dir.appendingPathComponent("results/summary.txt"))
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/latest.txt", withDestinationPath: "results/summary.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling.json", withDestinationPath: "results/new.json")
        let run = try runStaffGraph(["summary", dir.path + "/edges.csv"] + advice + ["-o", dir.path + "/latest.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/latest.txt") == "results/summary.txt")
        #expect(try String(contentsOf: dir.appendingPathComponent("results/summary.txt"), encoding: .utf8).contains("advice, wave fall"))
        // A link to a file that does not exist yet: the file is created where it points.
        let dangling = try runStaffGraph(["summary", dir.path + "/edges.csv", "--format", "json"] + advice + ["-o", dir.path + "/dangling.json"])
        #expect(dangling.status == 0, "\(dangling.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/dangling.json") == "results/new.json")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/results/new.json"))
        // A link to a folder given as an output folder: the folder it names is written.
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/maps", withDestinationPath: "results/maps")
        let folder = try runStaffGraph(["compare", dir.path + "/edges.csv", "--nodes", dir.path + "/roster.csv", "--relation", "advice", "--no-maps", "-o", dir.path + "/maps"])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/maps") == "results/maps")
        #expect(try listing(dir.appendingPathComponent("results/maps")).contains("compare.json"))
        #expect(temporaries(in: dir).isEmpty)
    }

    @Test func aNamedPipeIsRefusedWithoutBlocking() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.path + "/out.fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let run = try runWithin(30, ["summary", "edges.csv"] + advice + ["-o", "out.fifo"], in: dir)
        #expect(run.status == 66, "\(run.stderr)")
        #expect(run.stderr.contains("out.fifo: error: cannot write here: this is a named pipe (FIFO), not a regular file"))
        let info = try FileManager.default.attributesOfItem(atPath: fifo)
        #expect(info[.type] as? FileAttributeType != .typeRegular)
        // A folder given as a file output is refused too.
        let folder = try runWithin(30, ["summary", "edges.csv"] + advice + ["-o", "."], in: dir)
        #expect(folder.status == 66, "\(folder.stderr)")
    }

    // MARK: Interruptions

    @Test func aSignalDuringAFileWriteLeavesNoTemporary() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The debug build pauses once the temporary is written (STAFFGRAPH_TEST_PAUSE), so the signal lands mid-write.
        let process = try start(["metrics", "edges.csv"] + advice + ["-o", "metrics.csv"], in: dir, environment: ["STAFFGRAPH_TEST_PAUSE": "written"])
        let seen = waitUntil(seconds: 60) { !temporaries(in: dir).isEmpty }
        #expect(seen, "no temporary appeared")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(temporaries(in: dir).isEmpty)
        #expect(try listing(dir) == ["edges.csv", "roster.csv"])
    }

    @Test func aSignalDuringAFolderWriteLeavesNoTemporaryAndTheOldFolder() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = ["compare", "edges.csv", "--nodes", "roster.csv", "--relation", "advice", "--no-maps", "-o", "out"]
        // Ctrl-C while the new folder is being built: no folder, no temporary.
        let first = try start(arguments, in: dir, environment: ["STAFFGRAPH_TEST_PAUSE": "written"])
        #expect(waitUntil(seconds: 60) { !temporaries(in: dir).isEmpty })
        first.interrupt()
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal && first.terminationStatus == SIGINT)
        #expect(try listing(dir) == ["edges.csv", "roster.csv"])
        // A complete run, then SIGTERM between moving the old folder aside and renaming the new one in:
        // the old folder is put back, whole.
        let done = try runWithin(120, arguments, in: dir)
        #expect(done.status == 0, "\(done.stderr)")
        let written = try listing(dir.appendingPathComponent("out"))
        let people = try bytes(dir.appendingPathComponent("out/people.csv"))
        let second = try start(arguments + ["--measures", "in_degree"], in: dir, environment: ["STAFFGRAPH_TEST_PAUSE": "swapping"])
        #expect(waitUntil(seconds: 60) { temporaries(in: dir).contains { $0.contains(".old-") } })
        second.terminate()
        second.waitUntilExit()
        #expect(second.terminationReason == .uncaughtSignal && second.terminationStatus == SIGTERM)
        #expect(temporaries(in: dir).isEmpty)
        #expect(try listing(dir.appendingPathComponent("out")) == written)
        #expect(try bytes(dir.appendingPathComponent("out/people.csv")) == people)
    }

    @Test func sigtermDuringCompareWithMapsLeavesNoTemporary() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // No pause: a real run, stopped wherever it is after a short while (computing, rendering or writing).
        let process = try start(["compare", "edges.csv", "--nodes", "roster.csv", "--relation", "advice", "-o", "out"], in: dir)
        usleep(700_000)
        process.terminate()
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM
        #expect(killed || process.terminationStatus == 0)
        #expect(temporaries(in: dir).isEmpty)
        // Either no folder, or a complete one (the signal came after it was renamed in).
        if FileManager.default.fileExists(atPath: dir.path + "/out") {
            #expect(FileManager.default.fileExists(atPath: dir.path + "/out/.staffgraph"))
        }
    }

    // MARK: Output folders

    @Test func aSecondCompareLeavesNoStaleFilesAndUserFilesAreKept() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = ["compare", "edges.csv", "--nodes", "roster.csv", "--relation", "advice", "-o", "out"]
        let withMaps = try runWithin(120, base + ["--map-format", "svg"], in: dir)
        #expect(withMaps.status == 0, "\(withMaps.stderr)")
        #expect(try listing(dir.appendingPathComponent("out")).contains("map_fall.svg"))
        let tablesOnly = try runWithin(120, base + ["--no-maps"], in: dir)
        #expect(tablesOnly.status == 0, "\(tablesOnly.stderr)")
        #expect(try listing(dir.appendingPathComponent("out")) == [".staffgraph", "compare.json", "pairs.csv", "people.csv", "ties.csv", "trend.csv"])
        let marker = try String(contentsOf: dir.appendingPathComponent("out/.staffgraph"), encoding: .utf8)
        #expect(marker.hasSuffix("compare.json\ntrend.csv\npairs.csv\npeople.csv\nties.csv\n"))
        // A file the user put there stops the next run, which changes nothing.
        try Data("my notes\n".utf8).write(to: dir.appendingPathComponent("out/notes.txt"))
        let refused = try runWithin(120, base + ["--no-maps"], in: dir)
        #expect(refused.status == 66, "\(refused.stderr)")
        #expect(refused.stderr.contains("out: error: cannot replace this folder: it holds something StaffGraph did not write: 'notes.txt'"))
        #expect(try String(contentsOf: dir.appendingPathComponent("out/notes.txt"), encoding: .utf8) == "my notes\n")
        #expect(try listing(dir.appendingPathComponent("out")).count == 7)
        // A folder of the user's own files is never replaced; an empty one is.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("mine/sub"), withIntermediateDirectories: true)
        let mine = try runWithin(120, ["metrics", "edges.csv", "--nodes", "roster.csv", "--per", "team"] + advice + ["-o", "mine"], in: dir)
        #expect(mine.status == 66 && mine.stderr.contains("'sub/'"), "\(mine.stderr)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("mine/sub"))
        let empty = try runWithin(120, ["metrics", "edges.csv", "--nodes", "roster.csv", "--per", "team"] + advice + ["-o", "mine"], in: dir)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(try listing(dir.appendingPathComponent("mine")).contains("index.csv"))
        #expect(temporaries(in: dir).isEmpty)
    }

    @Test func helpListsExitCode74() throws {
        let run = try runStaffGraph(["--help"])
        #expect(run.status == 0)
        let help = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("74 output could not be written"))
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("74 output could not be written"))
    }
}
