import Foundation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `staffgraph` executable: beside the test bundle, else `.build/debug`.
func staffgraphBinary() throws -> URL {
    var folder = Bundle.main.bundleURL
    for _ in 0 ..< 4 {
        let candidate = folder.appendingPathComponent("staffgraph")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    let debug = repositoryRoot.appendingPathComponent(".build/debug/staffgraph")
    try #require(FileManager.default.isExecutableFile(atPath: debug.path), "build staffgraph first")
    return debug
}

/// What one run of the command printed and returned.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `staffgraph` with `arguments` from the repository root and waits for it.
func runStaffGraph(_ arguments: [String]) throws -> CLIRun {
    try launch(try staffgraphBinary(), arguments)
}

/// Runs `program` from the repository root with stdout and stderr on pipes (so
/// stderr is not a terminal), `environment` added to this process's, and waits for it.
func launch(_ program: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> CLIRun {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    // A crashing child prints its fatal error and exits: Swift's backtracer would inherit the
    // pipes and, on this machine, hold them open for many minutes, hanging the suite.
    process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"].merging(environment) { $1 }) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}
