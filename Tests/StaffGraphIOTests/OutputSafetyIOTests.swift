import Foundation
import Testing
@testable import StaffGraphIO

// The output-safety mechanism of StaffGraphIO (AtomicFile, AtomicFileGroup,
// OutputGuard, StandardOutput, TemporaryFiles) used directly. Serialized:
// OutputGuard's scope is process-wide, and one test here checks what happens
// outside any scope.

/// A fresh folder with a small roster and edge list.
fileprivate func workspace() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-safety-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("id,team\na,Math\nb,Math\nc,Arts\n".utf8).write(to: folder.appendingPathComponent("roster.csv"))
    try Data("source,target\na,b\nb,c\n".utf8).write(to: folder.appendingPathComponent("edges.csv"))
    return folder
}

fileprivate func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

fileprivate func listing(_ path: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

fileprivate func failure(_ body: () throws -> Void) -> InputError? {
    do { try body(); return nil } catch { return error as? InputError }
}

@Suite(.serialized) struct OutputSafetyIOTests {
    @Test func anInputIsRefusedAsAnOutputByAnyName() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let roster = dir.path + "/roster.csv"
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.csv", withDestinationPath: "roster.csv")
        try FileManager.default.linkItem(atPath: roster, toPath: dir.path + "/hard.csv")
        try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
        let original = try text(roster)
        try OutputGuard.tracking {
            _ = try RosterReader.read(roster)
            #expect(OutputGuard.inputs.map(\.path) == [roster])
            for name in [roster, dir.path + "/./roster.csv", dir.path + "/sub/../roster.csv", dir.path + "/link.csv", dir.path + "/hard.csv"] {
                let e = try #require(failure { try AtomicFile.write("x\n", to: name) }, "\(name) was written")
                #expect(e.kind == .usage && e.exitCode == 64)
                #expect(e.file == name)
                #expect(e.message.contains("an input of this run"))
                if name != roster { #expect(e.message.contains("'\(roster)'") && e.message.contains("by another name")) }
                #expect(failure { try AtomicFile.check(name) }?.exitCode == 64)
            }
            // Another file in the same folder is fine.
            try AtomicFile.write("ok\n", to: dir.path + "/out.txt")
        }
        #expect(try text(roster) == original)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/link.csv") == "roster.csv")
        #expect(OutputGuard.inputs.isEmpty && !OutputGuard.isTracking)
    }

    @Test func outsideAScopeNothingIsRegistered() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let roster = dir.path + "/roster.csv"
        _ = try RosterReader.read(roster)
        #expect(OutputGuard.inputs.isEmpty)
        try AtomicFile.write("id\nz\n", to: roster)
        #expect(try text(roster) == "id\nz\n")
    }

    @Test func aFolderHoldingAnInputIsNotReplaced() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = dir.path + "-other"
        defer { try? FileManager.default.removeItem(atPath: other) }
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try OutputGuard.tracking {
            _ = try EdgeListReader.read(dir.path + "/edges.csv")
            // The folder itself, a folder above it, and a folder holding a hard link to the input.
            let e = try #require(failure { try AtomicFileGroup.write([(name: "a.csv", text: "1\n")], into: dir.path) })
            #expect(e.kind == .usage && e.settings == [.outputFolder])
            #expect(e.message.contains("this folder holds '\(dir.path)/edges.csv', an input of this run"))
            #expect(failure { try AtomicFileGroup.check(dir.deletingLastPathComponent().path + "/./" + dir.lastPathComponent) }?.exitCode == 64)
            try FileManager.default.linkItem(atPath: dir.path + "/edges.csv", toPath: other + "/edges.csv")
            try AtomicFileGroup.write([(name: "first.csv", text: "1\n")], into: other + "/fresh")
            #expect(failure { try AtomicFileGroup.write([(name: "edges.csv", text: "1\n")], into: other) }?.exitCode == 64)
        }
        #expect(try listing(dir.path) == ["edges.csv", "roster.csv"])
    }

    @Test func aSymbolicLinkIsWrittenThroughAndPermissionsKept() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(atPath: dir.path + "/real", withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: dir.path + "/real/target.txt"))
        #expect(chmod(dir.path + "/real/target.txt", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/a.txt", withDestinationPath: "b.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/b.txt", withDestinationPath: dir.path + "/real/target.txt")
        try AtomicFile.write("new\n", to: dir.path + "/a.txt")
        #expect(try text(dir.path + "/real/target.txt") == "new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/a.txt") == "b.txt")
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path + "/real/target.txt")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A loop of links is an error, not a hang.
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/loop1", withDestinationPath: "loop2")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/loop2", withDestinationPath: "loop1")
        #expect(failure { try AtomicFile.write("x", to: dir.path + "/loop1") }?.exitCode == 66)
        #expect(try listing(dir.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func pipesDevicesAndFoldersAreRefusedWithoutOpeningThem() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(dir.path + "/pipe", 0o644) == 0)
        let pipe = try #require(failure { try AtomicFile.write("x", to: dir.path + "/pipe") })
        #expect(pipe.kind == .missingFile && pipe.message.contains("named pipe"))
        let device = try #require(failure { try AtomicFile.write("x", to: "/dev/null") })
        #expect(device.exitCode == 66 && device.message.contains("a device"))
        #expect(failure { try AtomicFile.write("x", to: dir.path) }?.message.contains("this is a folder") == true)
        #expect(failure { try AtomicFile.write("x", to: dir.path + "/new/") }?.message.contains("names a folder") == true)
        #expect(failure { try AtomicFile.write("x", to: dir.path + "/no/such/folder.txt") }?.exitCode == 66)
        let group = try #require(failure { try AtomicFileGroup.write([(name: "a", text: "x")], into: dir.path + "/pipe") })
        #expect(group.exitCode == 66 && group.settings == [.outputFolder])
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path + "/pipe")
        #expect(attributes[.type] as? FileAttributeType != .typeRegular)
    }

    @Test func severalFilesAreCheckedBeforeAnyIsWritten() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(dir.path + "/pipe", 0o644) == 0)
        let e = failure { try AtomicFile.write([(path: dir.path + "/one.txt", bytes: Array("1".utf8)), (path: dir.path + "/pipe", bytes: [])]) }
        #expect(e?.exitCode == 66)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/one.txt"))
        let twice = failure { try AtomicFile.write([(path: dir.path + "/one.txt", bytes: []), (path: dir.path + "/./one.txt", bytes: [])]) }
        #expect(twice?.exitCode == 64)
        #expect(try listing(dir.path) == ["edges.csv", "pipe", "roster.csv"])
    }

    @Test func anOutputFolderHoldsExactlyOneRunsFiles() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.path + "/out/nested"
        try AtomicFileGroup.write([(name: "a.csv", text: "1\n"), (name: "Math/b.csv", text: "2\n"), (name: "Math/c.csv", text: "3\n")], into: out)
        #expect(try listing(out) == [".staffgraph", "Math", "a.csv"])
        #expect(try text(out + "/.staffgraph").hasSuffix("a.csv\nMath/b.csv\nMath/c.csv\n"))
        // The second run's folder has none of the first run's other files.
        try AtomicFileGroup.write([(name: "a.csv", text: "4\n"), (name: "Arts/d.csv", text: "5\n")], into: out)
        #expect(try listing(out) == [".staffgraph", "Arts", "a.csv"])
        #expect(try text(out + "/a.csv") == "4\n")
        #expect(try listing(dir.path + "/out") == ["nested"])
        // Something the user added stops the next run, and stays.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/Arts/notes.txt"))
        let e = try #require(failure { try AtomicFileGroup.write([(name: "a.csv", text: "6\n")], into: out) })
        #expect(e.exitCode == 66 && e.message.contains("'Arts/notes.txt'") && e.settings == [.outputFolder])
        #expect(try text(out + "/a.csv") == "4\n" && text(out + "/Arts/notes.txt") == "mine")
        // A folder from before the marker: replaced when every file in it is one this run writes.
        let old = dir.path + "/old"
        try FileManager.default.createDirectory(atPath: old, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: old + "/a.csv"))
        try AtomicFileGroup.write([(name: "a.csv", text: "7\n"), (name: "b.csv", text: "8\n")], into: old)
        #expect(try listing(old) == [".staffgraph", "a.csv", "b.csv"])
        // Bad names are refused before anything is written.
        for name in ["", "/abs", "../up", "a/./b", ".staffgraph"] {
            #expect(failure { try AtomicFileGroup.write([(name: name, text: "")], into: dir.path + "/bad") }?.exitCode == 64, "\(name)")
        }
        #expect(failure { try AtomicFileGroup.write([(name: "a", text: ""), (name: "a", text: "")], into: dir.path + "/bad") }?.exitCode == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/bad"))
        #expect((FileManager.default.subpaths(atPath: dir.path) ?? []).allSatisfy { !$0.contains(".tmp-") && !$0.contains(".old-") })
    }

    @Test func aFolderThatCannotBeSwappedIsReplacedFileByFile() throws {
        // A mount point, or a folder whose parent may not be written: the files are moved in one by one.
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.path + "/out"
        try AtomicFileGroup.write([(name: "a.csv", bytes: Array("1\n".utf8)), (name: "Math/b.csv", bytes: Array("2\n".utf8))], into: out, swapping: false)
        #expect(try listing(out) == [".staffgraph", "Math", "a.csv"])
        let inode = try FileManager.default.attributesOfItem(atPath: out)[.systemFileNumber] as? Int
        try AtomicFileGroup.write([(name: "a.csv", bytes: Array("3\n".utf8)), (name: "Arts/c.csv", bytes: Array("4\n".utf8))], into: out, swapping: false)
        #expect(try listing(out) == [".staffgraph", "Arts", "a.csv"])
        #expect(try text(out + "/a.csv") == "3\n" && text(out + "/Arts/c.csv") == "4\n")
        #expect(try text(out + "/.staffgraph").hasSuffix("a.csv\nArts/c.csv\n"))
        #expect(try FileManager.default.attributesOfItem(atPath: out)[.systemFileNumber] as? Int == inode)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        #expect(failure { try AtomicFileGroup.write([(name: "a.csv", bytes: [])], into: out, swapping: false) }?.exitCode == 66)
        #expect(try text(out + "/a.csv") == "3\n")
        #expect((FileManager.default.subpaths(atPath: dir.path) ?? []).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func theCurrentFolderIsNeverReplaced() throws {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(failure { try AtomicFileGroup.check(".") } != nil)
        #expect(failure { try AtomicFileGroup.check(cwd + "/..") } != nil)
        #expect(failure { try AtomicFileGroup.check("/") } != nil)
    }

    @Test func temporariesAreTrackedUntilPlaced() throws {
        // The table the signal handler walks: entries are published and dropped; once none is live it starts over.
        let a = TemporaryFiles.remove("/nonexistent/a"), b = TemporaryFiles.restore("/nonexistent/b", to: "/nonexistent/c")
        #expect(a != nil && b != nil)
        TemporaryFiles.drop([a, b])
        let c = TemporaryFiles.remove("/nonexistent/d")
        #expect(c != nil)
        TemporaryFiles.drop(c)
    }

    @Test func writeFailuresHaveTheirOwnExitCode() {
        let e = InputError(.writeFailed, file: StandardOutput.name, "cannot write the output: No space left on device")
        #expect(e.exitCode == 74)
        #expect(e.description == "standard output: error: cannot write the output: No space left on device")
        #expect(outputErrorKind(ENOSPC) == .writeFailed && outputErrorKind(EACCES) == .missingFile)
    }
}
