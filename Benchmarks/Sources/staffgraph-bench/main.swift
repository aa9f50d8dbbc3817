// Times StaffGraph's phases on an edge-list CSV: the median of several runs,
// printed as one JSON object per phase (read by Benchmarks/report.py), with
// the process's peak resident memory so far (`peak_rss_mb`, a high-water mark).
//
//   staffgraph-bench FILE.csv [--runs N] [--threads N] [--phases a,b,…] [--pivots K] [--exact-limit N]
//   staffgraph-bench --render [--limit SECONDS]   (layout + render per engine and size)
//   staffgraph-bench --stream [--threads N]        (STREAM triad: the machine's memory bandwidth)
//
// --partition-out FILE: write the Louvain communities as CSV (person,community),
//   scored by Benchmarks/modularity.py with the peers' (one modularity function).
// The pagerank phase also reports the time of one iteration (full run minus a
// one-iteration run, over the iterations in between) and the bytes one
// iteration must move (`pageRankBytesPerIteration`).
// pagerank_gmres: restarted GMRES (--restart M, default 20) against the power
//   iteration, alternating runs: products, seconds of each, L1 difference.
// undirected_view: the build of the undirected view alone; core_numbers is the
//   library's coreNumbers on --threads threads (PKC from 50,000 people with more
//   than one thread, else the bucket algorithm: what `metrics` runs).
// --phases: only these phases (import always runs once to get the graph).
// --exact-limit: all-sources phases (harmonic closeness, exact betweenness) run
//   only up to this many people (default 20,000: O(n m) is hours at 200,000);
//   above it they print a skipped line, and betweenness is sampled with --pivots
//   pivots (default 256) with a stated error bound.
import Foundation
@_spi(Benchmarks) import StaffGraphCore
import StaffGraphIO
import StaffGraphRender

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: staffgraph-bench FILE.csv [--runs N] [--threads N] [--phases a,b] [--pivots K] [--exact-limit N] | --render [--limit S]\n".utf8))
    exit(64)
}
let path = arguments[1]

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

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

/// STREAM's triad `a[i] = b[i] + s·c[i]` (McCalpin 1995) over three arrays of
/// `count` doubles, split over `threads` threads with ``parallelChunks``; the
/// best of `repeats` passes. Bytes per element: 24 (two reads, one write; the
/// write-allocate read is not counted, as in STREAM). Returns GB/s (10⁹ bytes).
func streamTriad(count: Int, threads: Int, repeats: Int) -> Double {
    let a = UnsafeMutablePointer<Double>.allocate(capacity: count)
    let b = UnsafeMutablePointer<Double>.allocate(capacity: count)
    let c = UnsafeMutablePointer<Double>.allocate(capacity: count)
    defer { a.deallocate(); b.deallocate(); c.deallocate() }
    struct Arrays: @unchecked Sendable { let a, b, c: UnsafeMutablePointer<Double> }
    let arrays = Arrays(a: a, b: b, c: c)
    // First touch by the same chunks that later run the triad.
    _ = parallelChunks(count: count, chunks: threads, threads: threads) { range in
        for i in range { arrays.a[i] = 0; arrays.b[i] = 1; arrays.c[i] = 2 }
        return 0
    }
    var best = Double.infinity
    let scalar = 3.0
    for _ in 0 ..< repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = parallelChunks(count: count, chunks: threads, threads: threads) { range in
            let a = arrays.a, b = arrays.b, c = arrays.c
            for i in range { a[i] = b[i] + scalar * c[i] }
            return 0
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    // Keep the result observable so the loop is not removed.
    if a[count / 2] != 7 { FileHandle.standardError.write(Data("stream triad check failed\n".utf8)) }
    return 24 * Double(count) / best / 1e9
}

if path == "--stream" {
    let all = option("--threads").flatMap(Int.init) ?? Parallelism.defaultThreads
    // 64 Mi doubles per array (3 × 512 MiB): far above any cache, so this is DRAM bandwidth.
    // 1 Mi doubles per array (3 × 8 MiB): the size of a district/state PageRank working set.
    for (name, count) in [("stream_triad_dram", 1 << 26), ("stream_triad_cache", 1 << 20)] {
        for t in Set([1, all]).sorted() {
            let gbps = streamTriad(count: count, threads: t, repeats: count > (1 << 24) ? 5 : 50)
            print("{\"phase\": \"\(name)\", \"threads\": \(t), \"elements\": \(count), \"bytes_per_element\": 24, \"gb_per_s\": \(gbps)}")
            fflush(nil)
        }
    }
    exit(0)
}

if path == "--render" {
    let limit = option("--limit").flatMap(Double.init) ?? 60.0
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

let runs = option("--runs").flatMap(Int.init) ?? 3
let threads = option("--threads").flatMap(Int.init) ?? Parallelism.defaultThreads
let pivotCount = option("--pivots").flatMap(Int.init) ?? 256
let exactLimit = option("--exact-limit").flatMap(Int.init) ?? 20_000
let wanted: Set<String>? = option("--phases").map { Set($0.split(separator: ",").map(String.init)) }

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

/// Peak resident set size of this process so far, in MB (Linux reports KB).
func peakMemoryMB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024
}

/// A JSON number, `null` when not finite.
func number(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "null" }
    return "\(x)"
}

func emit(_ phase: String, seconds: Double?, runs: Int, extra: [(String, String)] = []) {
    var fields = [("phase", "\"\(phase)\""), ("seconds", number(seconds)), ("runs", "\(runs)"), ("threads", "\(threads)"),
                  ("peak_rss_mb", number(peakMemoryMB()))]
    fields += extra
    print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    fflush(nil)
}

/// Times `body` `runs` times (each result dropped before the next run starts)
/// and prints the median; returns the last result.
@MainActor func time<T>(_ name: String, runs: Int = runs, extra: (T) -> [(String, String)] = { _ in [] }, _ body: () throws -> T) rethrows -> T? {
    if let wanted, !wanted.contains(name) { return nil }
    var samples: [Double] = []
    var result: T?
    for _ in 0 ..< runs {
        result = nil
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        result = value
    }
    emit(name, seconds: median(samples), runs: runs, extra: result.map(extra) ?? [])
    return result
}

/// The bytes one iteration of ``pageRank`` (default options: binary ties, no
/// personalization) must move between memory and the cores, a lower bound that
/// counts every array touched once and no write-allocate reads (as STREAM):
/// reads of the in-tie offsets (8 (n + 1)), of the in-tie sources padded to a
/// multiple of four per person (4 m₄, m₄ = Σ_v ⌈in-degree(v)/4⌉·4), of the
/// scaled scores pulled along the ties (8 n: each at least once), of the old
/// scores (8 n) and of the inverse out-degrees (8 n); writes of the new scores
/// (8 n) and of the new scaled scores (8 n).
func pageRankBytesPerIteration(_ graph: Graph) -> (total: Int, description: String) {
    let n = graph.nodeCount
    var padded = 0
    for v in 0 ..< n { padded += (graph.inDegree(v) + 3) / 4 * 4 }
    let total = 8 * (n + 1) + 4 * padded + 5 * 8 * n
    return (total, "8(n+1) offsets + 4*m4 padded sources (m4 = \(padded)) + 8n pulled + 8n old + 8n inverse out-degree + 8n new + 8n new scaled, n = \(n)")
}

func skipped(_ name: String, _ note: String) {
    if let wanted, !wanted.contains(name) { return }
    print("{\"phase\": \"\(name)\", \"seconds\": null, \"note\": \"\(note)\"}")
    fflush(nil)
}

/// The stated error bound of pivot-sampled betweenness (normalized scale).
///
/// Each pivot s contributes `δ_s(v) / (n − 2)` ∈ [0, 1] to a node's normalized
/// estimate, which is the mean over the pivots (k − 1 of them for a pivot
/// node). Hoeffding's inequality (which also holds for sampling without
/// replacement, Hoeffding 1963 §6) bounds one node's error by
/// `ε₁ = √(ln(2/δ) / (2(k − 1)))` with probability 1 − δ, and every node's at once
/// (union bound over n) by `ε = √(ln(2n/δ) / (2(k − 1)))`; δ = 0.05.
func sampledBoundFields(k: Int, n: Int) -> [(String, String)] {
    let delta = 0.05
    let kk = Double(max(k - 1, 1))
    let one = (log(2 / delta) / (2 * kk)).squareRoot()
    let all = (log(2 * Double(n) / delta) / (2 * kk)).squareRoot()
    return [("pivots", "\(k)"), ("seed", "42"), ("confidence", "0.95"), ("error_bound_per_node", number(one)), ("error_bound_all_nodes", number(all))]
}

do {
    // Import: each run reads the whole file; the last graph is kept.
    let importRuns = wanted.map { $0.contains("import_csv_to_csr") ? runs : 1 } ?? runs
    var samples: [Double] = []
    var imported: EdgeListImport?
    for _ in 0 ..< importRuns {
        imported = nil
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try EdgeListReader.read(path)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        imported = value
    }
    guard let imported else { exit(65) }
    let graph = imported.network.layers[0].graph
    let n = graph.nodeCount
    if wanted?.contains("import_csv_to_csr") ?? true {
        emit("import_csv_to_csr", seconds: median(samples), runs: importRuns, extra: [("people", "\(n)"), ("ties", "\(graph.edgeCount)")])
    }
    FileHandle.standardError.write(Data("\(n) nodes, \(graph.edgeCount) ties, \(threads) threads\n".utf8))

    _ = time("density") { density(graph) }
    _ = time("reciprocity") { reciprocity(graph) }
    _ = time("weak_components", extra: { [("components", "\($0)")] }) { weakComponents(graph).count }
    _ = time("strong_components", extra: { [("components", "\($0)")] }) { strongComponents(graph).count }
    if wanted?.contains("pagerank") ?? true {
        // Time per iteration: (full run − one-iteration run) / (iterations − 1), so the
        // setup (inverse out-degrees, padded in-ties, buffers) is left out. Each of the two
        // is the median of enough runs to last about a second.
        func medianSeconds(_ body: () throws -> Void) rethrows -> Double {
            var samples: [Double] = []
            let deadline = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
            while samples.count < runs || (DispatchTime.now().uptimeNanoseconds < deadline && samples.count < 200) {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return median(samples)
        }
        let result = try pageRank(graph, options: PageRankOptions(), threads: threads)
        let iterations = result.convergence.iterations
        let full = try medianSeconds { _ = try pageRank(graph, options: PageRankOptions(), threads: threads) }
        let one = try medianSeconds { _ = try pageRank(graph, options: PageRankOptions(maxIterations: 1), threads: threads) }
        let perIteration = iterations > 1 ? max(full - one, 0) / Double(iterations - 1) : nil
        let model = pageRankBytesPerIteration(graph)
        emit("pagerank", seconds: full, runs: runs, extra: [
            ("iterations", "\(iterations)"), ("tolerance", "1e-12"), ("seconds_one_iteration_run", number(one)),
            ("seconds_per_iteration", number(perIteration)), ("bytes_per_iteration", "\(model.total)"),
            ("bytes_model", "\"\(model.description)\""),
            ("gb_per_s_achieved", number(perIteration.map { Double(model.total) / $0 / 1e9 })),
        ])
    }
    if wanted?.contains("pagerank_gmres") ?? true {
        // Restarted GMRES against the power iteration: products with the matrix,
        // wall time (median of --runs) and the L1 difference of the two results.
        let restart = option("--restart").flatMap(Int.init) ?? 20
        let gmres = PageRankOptions(solver: .gmres(restart: restart))
        var powerResult: PageRankResult?
        var gmresResult: PageRankResult?
        var powerSamples: [Double] = [], gmresSamples: [Double] = []
        for _ in 0 ..< runs {
            // Alternating, so both see the same machine.
            var start = DispatchTime.now().uptimeNanoseconds
            powerResult = try pageRank(graph, options: PageRankOptions(), threads: threads)
            powerSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            start = DispatchTime.now().uptimeNanoseconds
            gmresResult = try pageRank(graph, options: gmres, threads: threads)
            gmresSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        if let powerResult, let gmresResult {
            var difference = 0.0
            for v in 0 ..< n { difference += abs(powerResult.scores[v] - gmresResult.scores[v]) }
            emit("pagerank_gmres", seconds: median(gmresSamples), runs: runs, extra: [
                ("restart", "\(restart)"), ("products", "\(gmresResult.convergence.iterations)"),
                ("residual_l1", number(gmresResult.convergence.lastChange)), ("converged", "\(gmresResult.convergence.converged)"),
                ("power_iterations", "\(powerResult.convergence.iterations)"), ("power_seconds", number(median(powerSamples))),
                ("power_last_change", number(powerResult.convergence.lastChange)), ("l1_difference_from_power", number(difference)),
            ])
        }
    }
    if n <= exactLimit {
        _ = time("harmonic_closeness") { harmonicCloseness(graph, threads: threads) }
        let timedExact = time("betweenness_exact") { betweenness(graph, threads: threads) }
        // The sampled estimate on the same graph, against the exact values (computed untimed when needed).
        if wanted?.contains("betweenness_sampled") ?? true {
            let exact = timedExact ?? betweenness(graph, threads: threads)
            _ = time("betweenness_sampled", extra: { sampled in
                var worst = 0.0
                for v in 0 ..< n { worst = max(worst, abs(sampled.values[v] - exact[v])) }
                return sampledBoundFields(k: sampled.pivots.count, n: n) + [("max_error_observed", number(worst))]
            }) { sampledBetweenness(graph, pivotCount: pivotCount, seed: 42, threads: threads) }
        }
    } else {
        skipped("harmonic_closeness", "skipped: O(n m) all-sources search over \(n) people (set --exact-limit to force)")
        skipped("betweenness_exact", "skipped: O(n m) all-sources search over \(n) people; see betweenness_sampled")
        _ = time("betweenness_sampled", extra: { sampledBoundFields(k: $0.pivots.count, n: n) }) {
            sampledBetweenness(graph, pivotCount: pivotCount, seed: 42, threads: threads)
        }
    }
    _ = time("summary_panel") { NetworkSummary(graph: graph, responses: nil) }
    _ = time("triad_census") { triadCensus(graph, threads: threads) }
    _ = time("transitivity_undirected") { transitivity(graph, .undirected, threads: threads) }
    _ = time("transitivity_directed_weak") { transitivity(graph, .directedWeak, threads: threads) }
    _ = time("clustering_directed") { clustering(graph, threads: threads) }
    _ = time("clustering_undirected") { clustering(graph, .undirected, threads: threads) }
    _ = time("constraint_effective_size") { StructuralHoles(graph, threads: threads) }
    _ = time("undirected_view", extra: { [("entries", "\($0)")] }) { undirectedViewEntryCount(graph) }
    _ = time("core_numbers") { coreNumbers(graph, threads: threads) }
    let communities = time("louvain", extra: { [("communities", "\($0.count)"), ("modularity", number($0.modularity)), ("levels", "\($0.levels)")] }) {
        louvain(graph, seed: 42, threads: threads)
    }
    if let communities, let out = option("--partition-out") {
        let ids = imported.network.roster.ids
        var csv = "person,community\n"
        for v in 0 ..< n { csv += "\(ids[v]),\(communities.communities[v])\n" }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: out))
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(65)
}

