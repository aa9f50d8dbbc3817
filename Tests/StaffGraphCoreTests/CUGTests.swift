import Foundation
import Testing
@testable import StaffGraphCore

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build().graph
}

/// One statistic's figures in a golden file written by Scripts/golden_cug.py (R sna cug.test).
fileprivate struct GoldenCUGStat: Decodable {
    var observed: Double
    var null_mean: Double
    var null_sd: Double
    var p_greater_or_equal: Double
    var p_less_or_equal: Double
}

fileprivate struct GoldenCUG: Decodable {
    struct Inputs: Decodable { var nodes: String; var edges: String }
    struct Census: Decodable { var mutual: Int; var asymmetric: Int; var null: Int }
    var inputs: Inputs
    var reps: Int
    var nodes: Int
    var ties: Int
    var dyad_census: Census
    var modes: [String: [String: GoldenCUGStat]]
}

/// The library's own functions for the CUG indices (the panel's values).
fileprivate func libraryValue(_ s: CUGStatistic, _ g: Graph, _ partition: Partition?) -> Double? {
    switch s {
    case .inDegreeCentralization: return centralization(g, .inDegree, threads: 1)
    case .betweennessCentralization: return centralization(g, .betweenness, threads: 1)
    case .reciprocity: return reciprocity(g, convention: .edgewise)
    case .transitivity: return transitivity(g, .directedWeak, threads: 1)
    case .eiIndex: return partition.flatMap { EIIndex(g, partition: $0).network }
    }
}

@Suite struct CUGTests {
    static let goldenNames = GoldenSupport.goldenNames("cug")

    /// Observed values equal sna's to 1e-9; the null mean within Monte-Carlo error of
    /// sna's (4 standard errors of the difference of two means), the null SD within 10 %,
    /// and both p-values within 0.03.
    @Test(arguments: goldenNames) func matchesSnaCugTest(name: String) throws {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/cug/\(name).json"))
        let golden = try JSONDecoder().decode(GoldenCUG.self, from: data)
        let g = try GoldenSupport.loadGraph(edges: golden.inputs.edges, nodes: golden.inputs.nodes).graph
        #expect(g.nodeCount == golden.nodes && g.edgeCount == golden.ties)
        let c = dyadCensus(g)
        #expect(c == DyadCensus(mutual: golden.dyad_census.mutual, asymmetric: golden.dyad_census.asymmetric, null: golden.dyad_census.null))
        let draws = 2500
        let stats: [CUGStatistic] = [.inDegreeCentralization, .betweennessCentralization, .reciprocity, .transitivity]
        for mode in CUGConditioning.allCases {
            let key = mode == .dyadCensus ? "dyad_census" : mode.rawValue
            let expected = try #require(golden.modes[key])
            let test = CUGTest(g, statistics: stats, conditioning: mode, draws: draws, seed: 7)
            for s in stats {
                let r = try #require(test.result(for: s))
                let e = try #require(expected[s.rawValue])
                let observed = try #require(r.observed)
                #expect(abs(observed - e.observed) <= 1e-9, "\(name) \(key) \(s) observed \(observed) vs sna \(e.observed)")
                #expect(abs(observed - (libraryValue(s, g, nil) ?? .nan)) <= 1e-12, "\(s): CUG's kernel differs from the panel's function")
                #expect(r.definedDraws == draws)
                let mean = try #require(r.nullMean), sd = try #require(r.nullSD)
                let se = e.null_sd * (1.0 / Double(draws) + 1.0 / Double(golden.reps)).squareRoot()
                #expect(abs(mean - e.null_mean) <= 4 * se + 1e-12, "\(name) \(key) \(s) mean \(mean) vs sna \(e.null_mean) (SE \(se))")
                #expect(abs(sd - e.null_sd) <= 0.1 * e.null_sd + 1e-12, "\(name) \(key) \(s) SD \(sd) vs sna \(e.null_sd)")
                let pge = try #require(r.pGreaterOrEqual), ple = try #require(r.pLessOrEqual)
                #expect(abs(pge - e.p_greater_or_equal) <= 0.03, "\(name) \(key) \(s) p≥ \(pge) vs sna \(e.p_greater_or_equal)")
                #expect(abs(ple - e.p_less_or_equal) <= 0.03, "\(name) \(key) \(s) p≤ \(ple) vs sna \(e.p_less_or_equal)")
            }
        }
    }

    static let lazega: (Graph, Partition)? = {
        guard let loaded = try? GoldenSupport.loadGraph(edges: "Samples/data/lazega/edges_advice.csv", nodes: "Samples/data/lazega/nodes.csv"),
              let rows = try? GoldenSupport.lines("Samples/data/lazega/nodes.csv") else { return nil }
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let col = header.firstIndex(of: "office") else { return nil }
        let values = rows.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[col]) }
        return (loaded.graph, Partition(values: values))
    }()

    @Test func edgesNullKeepsTheTieCount() throws {
        let (g, _) = try #require(Self.lazega)
        for draw in cugNullGraphs(g, conditioning: .edges, count: 200, seed: 3) {
            #expect(draw.edgeCount == g.edgeCount)
            #expect(draw.nodeCount == g.nodeCount && draw.selfLoopCount == 0)
        }
        // A dense graph: more than half the cells are ties (the complement branch).
        let dense = graph(6, (0 ..< 6).flatMap { i in (0 ..< 6).filter { $0 != i && ($0 + i) % 5 != 0 }.map { (i, $0) } })
        #expect(dense.edgeCount * 2 > 30)
        for draw in cugNullGraphs(dense, conditioning: .edges, count: 200, seed: 3) { #expect(draw.edgeCount == dense.edgeCount) }
    }

    @Test func dyadCensusNullKeepsTheCensus() throws {
        let (g, _) = try #require(Self.lazega)
        let census = dyadCensus(g)
        var flips = 0
        for draw in cugNullGraphs(g, conditioning: .dyadCensus, count: 200, seed: 5) {
            #expect(dyadCensus(draw) == census)
            #expect(draw.selfLoopCount == 0)
            flips += draw == g ? 0 : 1
        }
        #expect(flips == 200)
        // Mostly non-null pairs (the branch that lists the pairs and shuffles).
        let dense = graph(6, (0 ..< 6).flatMap { i in (0 ..< 6).filter { $0 != i && ($0 * i) % 4 != 1 }.map { (i, $0) } })
        let c = dyadCensus(dense)
        #expect((c.mutual + c.asymmetric) * 2 > 15)
        for draw in cugNullGraphs(dense, conditioning: .dyadCensus, count: 200, seed: 5) { #expect(dyadCensus(draw) == c) }
    }

    /// sna's "size" mode draws every tie with probability 1/2, whatever the observed density.
    @Test func sizeNullHasTieProbabilityOneHalf() throws {
        let (g, _) = try #require(Self.lazega)
        let draws = cugNullGraphs(g, conditioning: .size, count: 100, seed: 11)
        let cells = Double(g.nodeCount * (g.nodeCount - 1)) * Double(draws.count)
        let ties = Double(draws.reduce(0) { $0 + $1.edgeCount })
        // Binomial SE of the share: sqrt(0.25 / cells) ≈ 0.0007.
        #expect(abs(ties / cells - 0.5) <= 4 * (0.25 / cells).squareRoot())
        #expect(draws.allSatisfy { $0.selfLoopCount == 0 })
        // Each cell separately: cell 0 → 1 present in about half the draws.
        let first = Double(draws.filter { $0.hasEdge(from: 0, to: 1) }.count)
        #expect(abs(first / 100 - 0.5) <= 0.2)
    }

    @Test func sameSeedSameResultForAnyThreadCount() throws {
        let (g, p) = try #require(Self.lazega)
        for mode in CUGConditioning.allCases {
            let one = CUGTest(g, partition: p, conditioning: mode, draws: 300, seed: 9, threads: 1)
            let two = CUGTest(g, partition: p, conditioning: mode, draws: 300, seed: 9, threads: 2)
            let three = CUGTest(g, partition: p, conditioning: mode, draws: 300, seed: 9, threads: 3)
            #expect(one == two && two == three)
            let other = CUGTest(g, partition: p, conditioning: mode, draws: 300, seed: 10, threads: 2)
            #expect(one.result(for: .transitivity)?.nullMean != other.result(for: .transitivity)?.nullMean)
        }
    }

    /// E-I: the observed value is the network E-I of ``EIIndex``; with the tie count or the
    /// dyad census fixed, E + I = m in every draw, so the E-I's null mean is
    /// 1 − 2·E[I]/m with E[I] = m · (within-group cells) / n(n − 1) (each tie lands in a uniform cell).
    @Test func eiIndexNullAgainstItsExpectation() throws {
        let (g, p) = try #require(Self.lazega)
        let n = g.nodeCount
        let within = p.sizes.reduce(0) { $0 + $1 * ($1 - 1) }
        let expectedMean = 1 - 2 * Double(within) / Double(n * (n - 1))
        for mode in CUGConditioning.allCases {
            let test = CUGTest(g, statistics: [.eiIndex], partition: p, conditioning: mode, draws: 2000, seed: 1)
            let r = try #require(test.result(for: .eiIndex))
            #expect(r.observed == EIIndex(g, partition: p).network)
            let sd = try #require(r.nullSD), mean = try #require(r.nullMean)
            #expect(abs(mean - expectedMean) <= 4 * sd / 2000.0.squareRoot(), "\(mode): \(mean) vs \(expectedMean)")
        }
        // Without a partition E-I is undefined, not an error.
        #expect(CUGTest(g, statistics: [.eiIndex], draws: 10).results[0].observed == nil)
    }

    /// Exact null distributions by enumerating all 4,096 digraphs on 4 people: every graph that
    /// meets the condition is equally likely (for the dyad census: pairs of each kind chosen
    /// uniformly, asymmetric directions by a coin, so again each matching graph has the same
    /// probability). The CUG estimates of mean and p-values agree within Monte-Carlo error.
    @Test func bruteForceOnFourPeople() throws {
        let n = 4
        let cells = (0 ..< n).flatMap { i in (0 ..< n).filter { $0 != i }.map { (i, $0) } }
        let observed = graph(n, [(0, 1), (1, 2), (2, 0), (0, 2), (3, 0)])
        let partition = Partition(labels: [0, 0, 1, 1], names: ["a", "b"])
        let all = (0 ..< (1 << cells.count)).map { mask in graph(n, cells.indices.filter { mask >> $0 & 1 == 1 }.map { cells[$0] }) }
        let census = dyadCensus(observed)
        let draws = 20000
        for mode in CUGConditioning.allCases {
            let support = all.filter { h in
                switch mode {
                case .size: return true
                case .edges: return h.edgeCount == observed.edgeCount
                case .dyadCensus: return dyadCensus(h) == census
                }
            }
            let test = CUGTest(observed, partition: partition, conditioning: mode, draws: draws, seed: 2026, threads: 2)
            for s in CUGStatistic.allCases {
                let obs = try #require(libraryValue(s, observed, partition))
                let values = support.compactMap { libraryValue(s, $0, partition) }
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
                let pge = Double(values.filter { $0 >= obs - 1e-12 }.count) / Double(values.count)
                let ple = Double(values.filter { $0 <= obs + 1e-12 }.count) / Double(values.count)
                let r = try #require(test.result(for: s))
                #expect(abs((r.observed ?? .nan) - obs) <= 1e-12)
                let defined = Double(r.definedDraws)
                #expect(abs(defined / Double(draws) - Double(values.count) / Double(support.count)) <= 0.02, "\(mode) \(s): share of defined draws")
                #expect(abs((r.nullMean ?? .nan) - mean) <= 4 * (variance / defined).squareRoot() + 1e-12, "\(mode) \(s): mean \(r.nullMean ?? .nan) vs exact \(mean)")
                #expect(abs((r.pGreaterOrEqual ?? .nan) - pge) <= 4 * (pge * (1 - pge) / defined).squareRoot() + 1e-12, "\(mode) \(s): p≥ vs exact \(pge)")
                #expect(abs((r.pLessOrEqual ?? .nan) - ple) <= 4 * (ple * (1 - ple) / defined).squareRoot() + 1e-12, "\(mode) \(s): p≤ vs exact \(ple)")
            }
        }
    }

    @Test func kernelsMatchTheLibraryOnNullGraphs() throws {
        let (g, p) = try #require(Self.lazega)
        // The draws' statistics, recomputed with the panel's functions on the Graph values.
        let graphs = cugNullGraphs(g, conditioning: .edges, count: 5, seed: 4)
        for h in graphs {
            for s in CUGStatistic.allCases {
                let t = CUGTest(h, statistics: [s], partition: p, draws: 0, seed: 0)
                let a = t.results[0].observed, b = libraryValue(s, h, p)
                #expect(a != nil && b != nil && abs((a ?? 0) - (b ?? 1)) <= 1e-12, "\(s): \(String(describing: a)) vs \(String(describing: b))")
            }
        }
    }

    /// The bit-row search (used for dense draws) against the plain CSR Brandes and
    /// merge-based triple counts: bit-identical betweenness and equal counts,
    /// on graphs of one, two and three 64-bit words per row and several densities.
    @Test(arguments: [3, 10, 63, 64, 65, 130, 200])
    func bitRowsMatchThePlainSearchBitForBit(n: Int) {
        var rng = SeededRandom(seed: UInt64(n))
        for density in [0.02, 0.1, 0.3, 0.8] {
            var ties: [(Int, Int)] = []
            for i in 0 ..< n { for j in 0 ..< n where i != j && Double(rng.next() >> 11) / 9007199254740992.0 < density { ties.append((i, j)) } }
            let g = graph(n, ties)
            var scratch = CUGScratch(observed: g, conditioning: .edges)
            scratch.loadObserved(g)
            let rows = BitRowGraph(people: n)
            var fast = [Double](repeating: 0, count: n)
            var plain = [Double](repeating: 0, count: n)
            var dist = [Int32](repeating: -1, count: n), order = [Int32](repeating: 0, count: n + 1)
            var sigma = [Double](repeating: 0, count: n), delta = [Double](repeating: 0, count: n)
            var closedFast = 0, closedPlain = 0
            scratch.offsets.withUnsafeBufferPointer { off in
                scratch.targets.withUnsafeBufferPointer { tg in
                    rows.load(off: off, tg: tg)
                    fast.withUnsafeMutableBufferPointer { rows.betweenness(into: $0) }
                    closedFast = rows.closedTriples(off: off, tg: tg)
                    for i in 0 ..< n {
                        for e in Int(off[i]) ..< Int(off[i + 1]) {
                            let j = Int(tg[e])
                            closedPlain += sortedIntersectionCount(tg, Int(off[i]), Int(off[i + 1]), Int(off[j]), Int(off[j + 1]))
                        }
                    }
                    dist.withUnsafeMutableBufferPointer { dist in
                        sigma.withUnsafeMutableBufferPointer { sigma in
                            delta.withUnsafeMutableBufferPointer { delta in
                                order.withUnsafeMutableBufferPointer { order in
                                    plain.withUnsafeMutableBufferPointer { bc in
                                        CUGScratch.brandes(n: n, off: off, tg: tg, dist: dist, sigma: sigma, delta: delta, order: order, bc: bc)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            #expect(fast.map(\.bitPattern) == plain.map(\.bitPattern), "n \(n), density \(density)")
            #expect(closedFast == closedPlain, "n \(n), density \(density)")
            // And the library's betweenness (raw, directed) agrees to rounding.
            let library = betweenness(g, options: .init(scale: .raw))
            #expect(zip(fast, library).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }, "n \(n), density \(density)")
        }
    }

    @Test func tinyAndEmptyGraphs() {
        let empty = Graph(isolates: 0)
        let t = CUGTest(empty, draws: 5)
        #expect(t.results.allSatisfy { $0.observed == nil })
        let one = CUGTest(Graph(isolates: 1), conditioning: .size, draws: 5)
        #expect(one.results.allSatisfy { $0.observed == nil })
        // No ties: reciprocity and transitivity undefined, in-degree centralization 0.
        let none = CUGTest(Graph(isolates: 5), draws: 20)
        #expect(none.result(for: .inDegreeCentralization)?.observed == 0)
        #expect(none.result(for: .reciprocity)?.observed == nil)
        #expect(none.result(for: .inDegreeCentralization)?.nullSD == 0 && none.result(for: .inDegreeCentralization)?.z == nil)
    }
}
