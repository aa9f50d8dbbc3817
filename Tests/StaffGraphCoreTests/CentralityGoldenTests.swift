import Foundation
import Testing
@testable import StaffGraphCore

/// Every centrality against the networkx (and igraph / R sna) values written
/// by `Scripts/golden_centrality.py`: exact measures to 1e-9, iterative ones
/// to 1e-6 (PageRank and Katz to 1e-9).
@Suite struct CentralityGoldenTests {
    static let graphs = GoldenSupport.goldenNames("centrality")

    @Test func goldenFilesExist() {
        #expect(Self.graphs.count >= 14, "run Scripts/golden_centrality.py")
    }

    struct Case {
        let golden: CentralityGolden
        let graph: Graph
        let ids: [String]

        init(_ name: String) throws {
            golden = try CentralityGolden.load(name)
            (graph, ids) = try GoldenSupport.loadGraph(edges: golden.inputs.edges, nodes: golden.inputs.nodes)
        }

        /// Compares a computed vector with a golden measure (skips a measure
        /// whose golden values are all null when `skipUndefined`).
        func check(_ measure: String, _ actual: [Double?], tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let expected = golden.values(measure, ids: ids) else {
                Issue.record("\(golden.graph): no golden measure \(measure)", sourceLocation: sourceLocation)
                return
            }
            let mismatch = firstMismatch(actual, expected, ids: ids, tolerance: tolerance)
            #expect(mismatch == nil, "\(golden.graph) \(measure): \(mismatch ?? "")", sourceLocation: sourceLocation)
        }

        func check(_ measure: String, _ actual: [Double], tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
            check(measure, actual.map { Optional($0) }, tolerance: tolerance, sourceLocation: sourceLocation)
        }

        /// Whether the golden values of `measure` are defined (not all null).
        func defined(_ measure: String) -> Bool {
            golden.values(measure, ids: ids)?.contains { $0 != nil } ?? false
        }

        func scalar(_ key: String) -> Double? { golden.network[key]?.number }

        func checkScalar(_ key: String, _ actual: Double?, tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
            switch (actual, scalar(key)) {
            case (nil, nil): return
            case let (a?, e?):
                #expect(isClose(a, e, tolerance: tolerance), "\(golden.graph) \(key): \(a) vs \(e)", sourceLocation: sourceLocation)
            case let (a, e):
                Issue.record("\(golden.graph) \(key): \(String(describing: a)) vs \(String(describing: e))", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: graphs) func shape(name: String) throws {
        let c = try Case(name)
        #expect(c.graph.nodeCount == c.golden.nodes)
        #expect(c.graph.edgeCount == c.golden.ties)
    }

    @Test(arguments: graphs) func degree(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        c.check("in_degree", degreeCentrality(g, direction: .incoming))
        c.check("out_degree", degreeCentrality(g, direction: .outgoing))
        c.check("total_degree", degreeCentrality(g, direction: .total))
        c.check("in_degree_networkx", degreeCentrality(g, direction: .incoming, normalization: .networkx))
        c.check("out_degree_networkx", degreeCentrality(g, direction: .outgoing, normalization: .networkx))
        c.check("total_degree_networkx", degreeCentrality(g, direction: .total, normalization: .networkx))
        c.check("in_degree_percent", degreeCentrality(g, direction: .incoming, normalization: .percent))
        c.check("in_degree_share", degreeCentrality(g, direction: .incoming, normalization: .shareOfTotal))
        c.check("in_strength", strength(g, direction: .incoming))
        c.check("out_strength", strength(g, direction: .outgoing))
    }

    @Test(arguments: graphs) func betweennessMatchesNetworkx(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        c.check("betweenness", betweenness(g))
        c.check("betweenness_raw", betweenness(g, options: BetweennessOptions(scale: .raw)))
        c.check("betweenness_undirected", betweenness(g, options: BetweennessOptions(undirected: true)))
        c.check("betweenness_undirected_raw", betweenness(g, options: BetweennessOptions(scale: .raw, undirected: true)))
        c.check("betweenness_endpoints", betweenness(g, options: BetweennessOptions(endpoints: true)))
        c.check("betweenness_endpoints_raw", betweenness(g, options: BetweennessOptions(scale: .raw, endpoints: true)))
        c.check("betweenness_weighted_inverse", betweenness(g, options: BetweennessOptions(distance: .inverse)))
        c.check("betweenness_weighted_reverse_scale", betweenness(g, options: BetweennessOptions(distance: .reverseScale)))
        let index = Dictionary(uniqueKeysWithValues: c.ids.enumerated().map { ($1, $0) })
        let pivots = c.golden.inputs.betweenness_pivots.compactMap { index[$0] }
        #expect(pivots.count == c.golden.inputs.betweenness_pivots.count)
        c.check("betweenness_pivots", try betweenness(g, pivots: pivots))
        c.check("betweenness_pivots_raw", try betweenness(g, pivots: pivots, options: BetweennessOptions(scale: .raw)))
    }

    @Test(arguments: graphs) func closenessMatchesNetworkxAndIgraph(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        c.check("harmonic_in", harmonicCloseness(g, direction: .incoming))
        c.check("harmonic_out", harmonicCloseness(g, direction: .outgoing))
        c.check("harmonic_undirected", harmonicCloseness(g, direction: .undirected))
        c.check("closeness_wf_in", wassermanFaustCloseness(g, direction: .incoming))
        c.check("closeness_wf_out", wassermanFaustCloseness(g, direction: .outgoing))
        c.check("closeness_wf_undirected", wassermanFaustCloseness(g, direction: .undirected))
        c.check("closeness_reachable_in", reachableCloseness(g, direction: .incoming))
        c.check("closeness_reachable_out", reachableCloseness(g, direction: .outgoing))
        c.check("closeness_reachable_undirected", reachableCloseness(g, direction: .undirected))
        c.check("harmonic_in_weighted_inverse", harmonicCloseness(g, distance: .inverse))
        c.check("harmonic_in_weighted_reverse_scale", harmonicCloseness(g, distance: .reverseScale))
        c.check("closeness_wf_in_weighted_inverse", wassermanFaustCloseness(g, distance: .inverse))
        c.check("closeness_wf_in_weighted_reverse_scale", wassermanFaustCloseness(g, distance: .reverseScale))
        // The umbrella function gives the same numbers.
        c.check("harmonic_in", closeness(g))
        c.check("closeness_wf_out", closeness(g, options: ClosenessOptions(convention: .wassermanFaust, direction: .outgoing)))
    }

    @Test(arguments: graphs) func eigenvectorMatchesNetworkx(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        let result = eigenvectorCentrality(g)
        #expect(result.isStronglyConnected == c.golden.network["strongly_connected"]?.bool)
        if c.defined("eigenvector") {
            #expect(result.convergence.converged)
            c.check("eigenvector", result.scores, tolerance: 1e-6)
            c.check("eigenvector_max_one", eigenvectorCentrality(g, options: EigenvectorOptions(scale: .maxOne)).scores, tolerance: 1e-6)
            c.checkScalar("spectral_radius", result.eigenvalue, tolerance: 1e-6)
            c.checkScalar("eigenvector_centralization", centralization(g, .eigenvector), tolerance: 1e-6)
        }
        if c.defined("eigenvector_weighted") {
            let weighted = eigenvectorCentrality(g, options: EigenvectorOptions(weighted: true))
            #expect(weighted.convergence.converged)
            c.check("eigenvector_weighted", weighted.scores, tolerance: 1e-6)
        }
        if c.scalar("spectral_radius") == 0 {
            // No cycle: λ = 0 is a multiple eigenvalue and the iteration does not settle.
            #expect(!result.convergence.converged)
            #expect(centralization(g, .eigenvector) == nil)
        }
    }

    @Test(arguments: graphs) func spectralRadiusMatchesNumpy(name: String) throws {
        let c = try Case(name)
        c.checkScalar("spectral_radius", spectralRadius(c.graph), tolerance: 1e-10)
        c.checkScalar("spectral_radius_weighted", spectralRadius(c.graph, weighted: true), tolerance: 1e-10)
    }

    @Test(arguments: graphs) func pageRankMatchesNetworkx(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        let plain = try pageRank(g)
        #expect(plain.convergence.converged)
        c.check("pagerank", plain.scores)
        c.check("pagerank_weighted", try pageRank(g, options: PageRankOptions(weighted: true)).scores)
        let p = c.ids.map { c.golden.inputs.personalization[$0] ?? 0 }
        c.check("pagerank_personalized", try pageRank(g, options: PageRankOptions(personalization: p)).scores)
        c.check("pagerank_personalized_dangling_personalization",
                try pageRank(g, options: PageRankOptions(personalization: p, dangling: .personalization)).scores)
    }

    @Test(arguments: graphs) func hitsMatchesNetworkx(name: String) throws {
        let c = try Case(name)
        if c.defined("hits_hubs") {
            let r = hits(c.graph)
            #expect(r.convergence.converged)
            c.check("hits_hubs", r.hubs, tolerance: 1e-6)
            c.check("hits_authorities", r.authorities, tolerance: 1e-6)
        }
        if c.defined("hits_hubs_weighted") {
            let r = hits(c.graph, options: HITSOptions(weighted: true))
            #expect(r.convergence.converged)
            c.check("hits_hubs_weighted", r.hubs, tolerance: 1e-6)
            c.check("hits_authorities_weighted", r.authorities, tolerance: 1e-6)
        }
    }

    @Test(arguments: graphs) func katzMatchesNetworkx(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        if c.defined("katz") {
            let r = try katzCentrality(g)
            #expect(r.alpha == 0.1)
            #expect(r.convergence.converged)
            c.check("katz", r.scores)
        } else {
            #expect(throws: CentralityError.self) { try katzCentrality(g) }
            do {
                _ = try katzCentrality(g)
            } catch let .katzAlphaTooLarge(alpha, limit) {
                #expect(alpha == 0.1)
                c.checkScalar("katz_alpha_limit", limit, tolerance: 1e-10)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        let alpha = c.golden.inputs.katz_custom_alpha
        let custom = try katzCentrality(g, options: KatzOptions(alpha: alpha))
        #expect(custom.convergence.converged)
        c.checkScalar("katz_alpha_limit", custom.alphaLimit, tolerance: 1e-10)
        c.check("katz_custom", custom.scores)
        c.check("katz_custom_raw", try katzCentrality(g, options: KatzOptions(alpha: alpha, normalized: false)).scores)
    }

    @Test(arguments: graphs) func centralizationMatchesSna(name: String) throws {
        let c = try Case(name)
        let g = c.graph
        c.checkScalar("in_degree_centralization", centralization(g, .inDegree))
        c.checkScalar("out_degree_centralization", centralization(g, .outDegree))
        c.checkScalar("total_degree_centralization", centralization(g, .totalDegree))
        c.checkScalar("betweenness_centralization", centralization(g, .betweenness))
        c.checkScalar("betweenness_undirected_centralization", centralization(g, .undirectedBetweenness))
        c.checkScalar("harmonic_in_centralization", centralization(g, .harmonicIn))
        c.checkScalar("harmonic_undirected_centralization", centralization(g, .harmonicUndirected))
        c.checkScalar("closeness_wf_in_centralization", centralization(g, .wassermanFaustIn))
        c.checkScalar("closeness_wf_undirected_centralization", centralization(g, .wassermanFaustUndirected))
    }
}
