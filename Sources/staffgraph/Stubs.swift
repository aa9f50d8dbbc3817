import ArgumentParser

// Commands under construction on their own branches; each replaces its stub
// with a file of its own (Metrics.swift, Groups.swift, Leaders.swift, Import.swift, Convert.swift).

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Per-person centrality table (coming with the centrality suite).", shouldDisplay: false)
    func run() throws { throw ValidationError("metrics is not built yet") }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import survey exports (coming).", shouldDisplay: false)
    func run() throws { throw ValidationError("import is not built yet") }
}

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Convert between network file formats (coming).", shouldDisplay: false)
    func run() throws { throw ValidationError("convert is not built yet") }
}
