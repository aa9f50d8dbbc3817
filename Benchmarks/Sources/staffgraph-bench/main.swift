// Times StaffGraph's phases on an edge-list CSV: the median of several runs,
// printed as one JSON object per phase (read by Benchmarks/compare.py).
//
//   staffgraph-bench FILE.csv [--runs N]
//   staffgraph-bench --render [--limit SECONDS]   (layout + render per engine and size)
import Foundation
import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: staffgraph-bench FILE.csv [--runs N]\n".utf8))
    exit(64)
}
let path = arguments[1]

/// A school-like graph: teams of 12, most ties within the team, a few sought-after people per team.
func schoolLikeGraph(people n: Int, seed: UInt64) -> Graph {
    var state = seed
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    func below(_ k: Int) -> Int { Int(next() % UInt64(k)) }
    var b = GraphBuilder(nodeCount: n)
    let team = 12
    for v in 0 ..< n {
        let base = (v / team) * team
        for _ in 0 ..< 6 {
            let within = below(10) < 8
            var t: Int
            if within {
                // Heavy tail: the first members of each team are sought most.
                let r = below(team * team)
                t = base + Int(Double(r).squareRoot())
            } else {
                t = below(n)
            }
            t = min(t, n - 1)
            if t != v { b.addTie(from: v, to: t, weight: Double(1 + below(4))) }
        }
    }
    return b.build().graph
}

if path == "--render" {
    var limit = 60.0
    if let i = arguments.firstIndex(of: "--limit"), i + 1 < arguments.count, let x = Double(arguments[i + 1]) { limit = x }
    // Measured on this machine: neato 175 s at 5,000; dot > 300 s at 1,000; circo is slow on dense graphs.
    let skip: Set<String> = ["neato-5000", "dot-1000", "dot-5000", "circo-1000", "circo-5000", "fdp-5000"]
    for n in [100, 1000, 5000] {
        let g = schoolLikeGraph(people: n, seed: 1)
        for engine in LayoutEngine.allCases {
            if skip.contains("\(engine.rawValue)-\(n)") {
                print("{\"phase\": \"render_\(engine.rawValue)_\(n)\", \"seconds\": null, \"note\": \"skipped: known to exceed \(Int(limit)) s\"}")
                continue
            }
            var request = MapRequest(sizeValues: (0 ..< n).map { Double(g.inDegree($0)) }, sizeName: "in-degree", labels: (0 ..< n).map { "p\($0)" })
            request.layout = engine
            let map = InfluenceMapBuilder.build(graph: g, request: request)
            for format in [MapFormat.svg, .png] {
                let start = DispatchTime.now().uptimeNanoseconds
                let bytes = try await GraphvizSession.shared.render(map, format: format).bytes.count
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                print("{\"phase\": \"render_\(engine.rawValue)_\(n)_\(format.rawValue)\", \"seconds\": \(seconds), \"people\": \(n), \"ties\": \(g.edgeCount), \"bytes\": \(bytes)}")
                fflush(nil)
            }
        }
    }
    exit(0)
}
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
