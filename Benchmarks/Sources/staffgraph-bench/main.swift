// Times StaffGraph's phases on an edge-list CSV: the median of several runs,
// printed as one JSON object per phase (read by Benchmarks/compare.py).
//
//   staffgraph-bench FILE.csv [--runs N]
import Foundation
import StaffGraphCore
import StaffGraphIO

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: staffgraph-bench FILE.csv [--runs N]\n".utf8))
    exit(64)
}
let path = arguments[1]
let runs: Int = {
    if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { return n }
    return 3
}()

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

@MainActor func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    var samples: [Double] = []
    var result: T?
    for _ in 0 ..< runs {
        let start = DispatchTime.now().uptimeNanoseconds
        result = try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print("{\"phase\": \"\(name)\", \"seconds\": \(median(samples)), \"runs\": \(runs)}")
    return result!
}

do {
    let imported = try time("import_csv_to_csr") { try EdgeListReader.read(path) }
    let graph = imported.network.layers[0].graph
    FileHandle.standardError.write(Data("\(graph.nodeCount) nodes, \(graph.edgeCount) ties\n".utf8))
    _ = time("density") { density(graph) }
    _ = time("reciprocity") { reciprocity(graph) }
    _ = time("weak_components") { weakComponents(graph).count }
    _ = time("strong_components") { strongComponents(graph).count }
    _ = time("summary_panel") { NetworkSummary(graph: graph, responses: nil) }
    _ = time("triad_census") { triadCensus(graph) }
    _ = time("transitivity_undirected") { transitivity(graph, .undirected) }
    _ = time("transitivity_directed_weak") { transitivity(graph, .directedWeak) }
    _ = time("clustering_directed") { clustering(graph) }
    _ = time("constraint_effective_size") { StructuralHoles(graph) }
    _ = time("core_numbers") { coreNumbers(graph) }
    let communities = time("louvain") { louvain(graph, seed: 42) }
    FileHandle.standardError.write(Data("louvain: \(communities.count) communities, modularity \(communities.modularity ?? .nan), \(communities.levels) levels\n".utf8))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(65)
}
