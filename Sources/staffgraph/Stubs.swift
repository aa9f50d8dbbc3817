import ArgumentParser

// The metrics command arrives with the centrality suite (Metrics.swift replaces this stub).

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Per-person centrality table (coming with the centrality suite).", shouldDisplay: false)
    func run() throws { throw ValidationError("metrics is not built yet") }
}
