import ArgumentParser

// Commands under construction on their own branches; each replaces its stub
// with a file of its own (Metrics.swift, Groups.swift, Leaders.swift, Import.swift, Convert.swift).

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Per-person centrality table (coming with the centrality suite).", shouldDisplay: false)
    func run() throws { throw ValidationError("metrics is not built yet") }
}

struct Groups: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "E-I index, block densities and brokerage by group (coming).", shouldDisplay: false)
    func run() throws { throw ValidationError("groups is not built yet") }
}

struct Leaders: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Formal and informal leaders, distribution of influence (coming).", shouldDisplay: false)
    func run() throws { throw ValidationError("leaders is not built yet") }
}
