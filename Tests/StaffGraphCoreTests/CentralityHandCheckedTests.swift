import Testing
@testable import StaffGraphCore

/// A graph on `n` nodes from `(source, target)` ties, weights 1.
func centralityGraph(_ n: Int, _ ties: [(Int, Int)]) -> Graph {
    centralityGraph(n, ties.map { ($0.0, $0.1, 1.0) })
}

/// A graph on `n` nodes from `(source, target, weight)` ties.
func centralityGraph(_ n: Int, _ ties: [(Int, Int, Double)]) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t, w) in ties { b.addTie(from: s, to: t, weight: w) }
    return b.build().graph
}

private func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

private func closeOptional(_ a: [Double?], _ b: [Double?], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        switch (x, y) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance
        default: return false
        }
    }
}

/// Small graphs checked by hand (the doc-comment examples among them).
@Suite struct CentralityHandCheckedTests {
    // a=0, b=1, c=2
    let path = centralityGraph(3, [(0, 1), (1, 2)])
    // Everyone names the centre 0.
    let inStar = centralityGraph(5, [(1, 0), (2, 0), (3, 0), (4, 0)])
    let cycle = centralityGraph(3, [(0, 1), (1, 2), (2, 0)])

    // MARK: Degree

    @Test func degreeCountsAndNormalizations() {
        // a→c, b→c, c→a
        let g = centralityGraph(3, [(0, 2), (1, 2), (2, 0)])
        #expect(degreeCentrality(g) == [1, 0, 2])
        #expect(degreeCentrality(g, direction: .outgoing) == [1, 1, 1])
        #expect(degreeCentrality(g, direction: .total) == [2, 1, 3])
        #expect(degreeCentrality(g, normalization: .networkx) == [0.5, 0, 1])
        #expect(degreeCentrality(g, normalization: .percent) == [50, 0, 100])
        #expect(close(degreeCentrality(g, normalization: .shareOfTotal), [1.0 / 3, 0, 2.0 / 3]))
        #expect(degreeCentrality(Graph(isolates: 1), normalization: .networkx) == [1])
        #expect(degreeCentrality(Graph(isolates: 3), normalization: .shareOfTotal) == [0, 0, 0])
    }

    @Test func strengthSumsWeights() {
        let g = centralityGraph(3, [(0, 2, 2.0), (1, 2, 3.0)])
        #expect(strength(g) == [0, 0, 5])
        #expect(strength(g, direction: .outgoing) == [2, 3, 0])
        #expect(strength(g, direction: .total) == [2, 3, 5])
        #expect(strength(g, normalization: .shareOfTotal) == [0, 0, 1])
    }

    // MARK: Betweenness

    @Test func betweennessOfAPath() {
        #expect(betweenness(path, options: BetweennessOptions(scale: .raw)) == [0, 1, 0])
        #expect(betweenness(path) == [0, 0.5, 0])
        #expect(betweenness(path, options: BetweennessOptions(scale: .raw, undirected: true)) == [0, 1, 0])
        #expect(betweenness(path, options: BetweennessOptions(undirected: true)) == [0, 1, 0])
        #expect(betweenness(path, options: BetweennessOptions(scale: .raw, endpoints: true)) == [2, 3, 2])
        #expect(close(betweenness(path, options: BetweennessOptions(endpoints: true)), [1.0 / 3, 0.5, 1.0 / 3]))
    }

    @Test func betweennessSplitsOverEqualPaths() {
        // 0 → 1 → 3 and 0 → 2 → 3: two shortest paths, each middle node gets 1/2.
        let g = centralityGraph(4, [(0, 1), (0, 2), (1, 3), (2, 3)])
        #expect(betweenness(g, options: BetweennessOptions(scale: .raw)) == [0, 0.5, 0.5, 0])
    }

    @Test func betweennessOfStarCentre() {
        // Undirected star with 4 leaves: centre lies on all 6 leaf pairs.
        let star = centralityGraph(5, [(0, 1), (0, 2), (0, 3), (0, 4)])
        #expect(betweenness(star, options: BetweennessOptions(scale: .raw, undirected: true)) == [6, 0, 0, 0, 0])
        #expect(betweenness(star, options: BetweennessOptions(undirected: true)) == [1, 0, 0, 0, 0])
        #expect(betweenness(inStar) == [0, 0, 0, 0, 0])
    }

    @Test func weightedBetweennessDependsOnTheTransform() {
        // a=0 → d=2 directly (strength 2) or through b=1 (strength 4 each).
        let g = centralityGraph(3, [(0, 2, 2.0), (0, 1, 4.0), (1, 2, 4.0)])
        // 1/w: direct 0.5, through b 0.25 + 0.25 = 0.5 → tie, b gets 1/2.
        #expect(betweenness(g, options: BetweennessOptions(scale: .raw, distance: .inverse)) == [0, 0.5, 0])
        // max + 1 − w: direct 3, through b 1 + 1 = 2 → b gets 1.
        #expect(betweenness(g, options: BetweennessOptions(scale: .raw, distance: .reverseScale)) == [0, 1, 0])
        // Hop counts: the direct tie wins.
        #expect(betweenness(g, options: BetweennessOptions(scale: .raw)) == [0, 0, 0])
    }

    @Test func inverseTransformSkipsNonPositiveTies() {
        let g = centralityGraph(3, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 0.0)])
        #expect(betweenness(g, options: BetweennessOptions(scale: .raw, distance: .inverse)) == [0, 1, 0])
    }

    @Test func pivotsCoveringAllNodesGiveTheExactValues() throws {
        let g = centralityGraph(6, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 3), (2, 5)])
        let exact = betweenness(g)
        #expect(try betweenness(g, pivots: [5, 4, 3, 2, 1, 0, 0]) == exact)
        let sampled = sampledBetweenness(g, pivotCount: 100, seed: 7)
        #expect(sampled.values == exact)
        #expect(sampled.pivots == [0, 1, 2, 3, 4, 5])
    }

    @Test func sampledBetweennessIsReproducible() throws {
        let g = centralityGraph(8, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 0), (1, 5)])
        let a = sampledBetweenness(g, pivotCount: 3, seed: 42)
        let b = sampledBetweenness(g, pivotCount: 3, seed: 42)
        #expect(a == b)
        #expect(a.pivots.count == 3)
        #expect(a.pivots == a.pivots.sorted())
        #expect(a.values == (try betweenness(g, pivots: a.pivots)))
        // Different seeds draw different pivot sets (for these two seeds).
        let c = sampledBetweenness(g, pivotCount: 3, seed: 43)
        #expect(c.pivots != a.pivots)
    }

    @Test func pivotErrorsAreReported() {
        let g = centralityGraph(4, [(0, 1)])
        #expect(throws: CentralityError.self) { try betweenness(g, pivots: [0, 9]) }
        #expect(throws: CentralityError.self) { try betweenness(g, pivots: [1]) }
    }

    @Test func betweennessOfTinyGraphs() {
        #expect(betweenness(Graph(isolates: 0)) == [])
        #expect(betweenness(Graph(isolates: 2)) == [0, 0])
        #expect(betweenness(centralityGraph(2, [(0, 1)]), options: BetweennessOptions(endpoints: true)) == [0.5, 0.5])
    }

    // MARK: Closeness

    @Test func closenessOfAPath() {
        #expect(harmonicCloseness(path) == [0, 1, 1.5])
        #expect(harmonicCloseness(path, direction: .outgoing) == [1.5, 1, 0])
        #expect(harmonicCloseness(path, direction: .undirected) == [1.5, 2, 1.5])
        #expect(harmonicCloseness(path, normalized: true) == [0, 0.5, 0.75])
        #expect(close(wassermanFaustCloseness(path), [0, 0.5, 2.0 / 3]))
        #expect(closeOptional(reachableCloseness(path), [nil, 1, 2.0 / 3]))
        #expect(closeOptional(reachableCloseness(path, direction: .outgoing), [2.0 / 3, 1, nil]))
        #expect(closeOptional(closeness(path, options: ClosenessOptions(convention: .reachableOnly)), [nil, 1, 2.0 / 3]))
    }

    @Test func closenessOfTheInStar() {
        #expect(harmonicCloseness(inStar) == [4, 0, 0, 0, 0])
        #expect(wassermanFaustCloseness(inStar) == [1, 0, 0, 0, 0])
        #expect(harmonicCloseness(inStar, direction: .outgoing) == [0, 1, 1, 1, 1])
        // Undirected: leaves are 1 from the centre and 2 from the 3 other leaves.
        #expect(harmonicCloseness(inStar, direction: .undirected) == [4, 2.5, 2.5, 2.5, 2.5])
        let leaf: Double = 4.0 / 7
        #expect(close(wassermanFaustCloseness(inStar, direction: .undirected), [1, leaf, leaf, leaf, leaf]))
    }

    @Test func weightedCloseness() {
        // 0 → 1 (strength 2), 1 → 2 (strength 4): 1/w lengths 0.5 and 0.25.
        let g = centralityGraph(3, [(0, 1, 2.0), (1, 2, 4.0)])
        let inverse: [Double] = [0, 2, 4 + 1 / 0.75]
        #expect(harmonicCloseness(g, distance: .inverse) == inverse)
        // max + 1 − w: lengths 3 and 1.
        let expected: [Double] = [0, 1.0 / 3, 1.25]
        #expect(close(harmonicCloseness(g, distance: .reverseScale), expected))
    }

    @Test func isolatesHaveZeroOrUndefinedCloseness() {
        let g = Graph(isolates: 3)
        #expect(harmonicCloseness(g) == [0, 0, 0])
        #expect(wassermanFaustCloseness(g) == [0, 0, 0])
        #expect(reachableCloseness(g) == [nil, nil, nil])
    }

    // MARK: Eigenvector, PageRank, HITS, Katz

    @Test func eigenvectorOfACycle() {
        let r = eigenvectorCentrality(cycle)
        #expect(r.isStronglyConnected)
        #expect(r.convergence.converged)
        #expect(close(r.scores, [Double](repeating: 1 / Double(3).squareRoot(), count: 3), 1e-12))
        #expect(abs(r.eigenvalue - 1) < 1e-12)
        let maxOne = eigenvectorCentrality(cycle, options: EigenvectorOptions(scale: .maxOne))
        #expect(close(maxOne.scores, [1, 1, 1], 1e-12))
    }

    @Test func eigenvectorOfAnUndirectedStar() {
        // Star with 4 leaves: λ = 2, centre 1/√2, leaves 1/(2√2).
        let r = eigenvectorCentrality(inStar, options: EigenvectorOptions(direction: .undirected))
        #expect(r.isStronglyConnected)
        let centre = Double(0.5).squareRoot(), leaf = Double(0.125).squareRoot()
        let expected: [Double] = [centre, leaf, leaf, leaf, leaf]
        #expect(close(r.scores, expected, 1e-10))
        #expect(abs(r.eigenvalue - 2) < 1e-10)
    }

    @Test func eigenvectorReportsWhenNotStronglyConnected() {
        // A DAG: λ = 0 is a multiple eigenvalue; the iteration cannot settle.
        let r = eigenvectorCentrality(path)
        #expect(!r.isStronglyConnected)
        #expect(!r.convergence.converged)
        // A cycle with a tail that only receives: unique answer, flagged anyway.
        let tail = centralityGraph(4, [(0, 1), (1, 2), (2, 0), (2, 3)])
        let t = eigenvectorCentrality(tail)
        #expect(!t.isStronglyConnected)
        #expect(t.convergence.converged)
        #expect(close(t.scores, [0.5, 0.5, 0.5, 0.5], 1e-10))
    }

    @Test func spectralRadii() {
        #expect(spectralRadius(path) == 0)
        #expect(abs(spectralRadius(cycle) - 1) < 1e-12)
        var complete: [(Int, Int)] = []
        for i in 0 ..< 6 { for j in 0 ..< 6 where i != j { complete.append((i, j)) } }
        #expect(abs(spectralRadius(centralityGraph(6, complete)) - 5) < 1e-12)
        // Bipartite (periodic) component: the mutual pair, λ = 1; weighted 3.
        let pair = centralityGraph(2, [(0, 1, 3.0), (1, 0, 3.0)])
        #expect(abs(spectralRadius(pair) - 1) < 1e-12)
        #expect(abs(spectralRadius(pair, weighted: true) - 3) < 1e-12)
    }

    @Test func pageRankOfADanglingPair() throws {
        // a → b; b names nobody: x_b = 0.575⁻¹ (0.85 x_a + 0.075), x_a = 0.425 x_b + 0.075.
        let r = try pageRank(centralityGraph(2, [(0, 1)]))
        #expect(r.convergence.converged)
        #expect(close(r.scores, [0.350877192982456, 0.649122807017544], 1e-12))
        #expect(abs(r.scores.reduce(0, +) - 1) < 1e-12)
    }

    @Test func pageRankDocExample() throws {
        // a ↔ b, c → a: c only gets jumps.
        let r = try pageRank(centralityGraph(3, [(0, 1), (1, 0), (2, 0)]))
        #expect(abs(r.scores[2] - 0.05) < 1e-12)
    }

    @Test func pageRankPersonalizationAndErrors() throws {
        let g = centralityGraph(3, [(0, 1), (1, 2)])
        let all = try pageRank(g, options: PageRankOptions(personalization: [1, 0, 0], dangling: .personalization))
        let uniform = try pageRank(g, options: PageRankOptions(personalization: [1, 0, 0]))
        #expect(all.scores != uniform.scores)
        #expect(abs(all.scores.reduce(0, +) - 1) < 1e-12)
        #expect(throws: CentralityError.self) { try pageRank(g, options: PageRankOptions(personalization: [1, 0])) }
        #expect(throws: CentralityError.self) { try pageRank(g, options: PageRankOptions(personalization: [0, 0, 0])) }
        #expect(throws: CentralityError.self) { try pageRank(g, options: PageRankOptions(personalization: [1, -1, 1])) }
        #expect(throws: CentralityError.self) { try pageRank(g, options: PageRankOptions(damping: 1.5)) }
    }

    @Test func weightedPageRankFollowsStrongerTies() throws {
        // 0 names 1 (weight 3) and 2 (weight 1); both name 0 back.
        let g = centralityGraph(3, [(0, 1, 3.0), (0, 2, 1.0), (1, 0, 1.0), (2, 0, 1.0)])
        let binary = try pageRank(g).scores
        let weighted = try pageRank(g, options: PageRankOptions(weighted: true)).scores
        #expect(abs(binary[1] - binary[2]) < 1e-12)
        #expect(weighted[1] > weighted[2])
    }

    @Test func hitsDocExample() {
        // a → c, b → c, b → d.
        let r = hits(centralityGraph(4, [(0, 2), (1, 2), (1, 3)]))
        #expect(r.convergence.converged)
        let phi: Double = (1 + Double(5).squareRoot()) / 2
        let big: Double = phi / (phi + 1), small: Double = 1 / (phi + 1)
        let authorities: [Double] = [0, 0, big, small]
        let hubs: [Double] = [small, big, 0, 0]
        #expect(close(r.authorities, authorities, 1e-10))
        #expect(close(r.hubs, hubs, 1e-10))
    }

    @Test func hitsOnDegenerateGraphsIsDeterministicAndSymmetric() {
        // Two identical disjoint in-stars: the top singular value is double.
        // networkx's answer depends on ARPACK; this one splits evenly.
        let g = centralityGraph(6, [(1, 0), (2, 0), (4, 3), (5, 3)])
        let r = hits(g)
        #expect(r.convergence.converged)
        #expect(close(r.authorities, [0.5, 0, 0, 0.5, 0, 0], 1e-12))
        #expect(close(r.hubs, [0, 0.25, 0.25, 0, 0.25, 0.25], 1e-12))
        #expect(hits(g) == r)
        // No ties: nothing to rank.
        let empty = hits(Graph(isolates: 3))
        #expect(empty.hubs == [0, 0, 0] && empty.authorities == [0, 0, 0])
    }

    @Test func katzDocExample() throws {
        let r = try katzCentrality(path, options: KatzOptions(alpha: 0.5, normalized: false))
        #expect(close(r.scores, [1, 1.5, 1.75], 1e-12))
        #expect(r.alphaLimit == nil)
        #expect(r.spectralRadius == 0)
        let unit = try katzCentrality(path, options: KatzOptions(alpha: 0.5))
        let norm: Double = Double(1 + 2.25 + 3.0625).squareRoot()
        let expected: [Double] = [1 / norm, 1.5 / norm, 1.75 / norm]
        #expect(close(unit.scores, expected, 1e-12))
    }

    @Test func katzRejectsAlphaAtOrAboveTheLimit() throws {
        var complete: [(Int, Int)] = []
        for i in 0 ..< 12 { for j in 0 ..< 12 where i != j { complete.append((i, j)) } }
        let g = centralityGraph(12, complete) // λmax = 11 > 10
        do {
            _ = try katzCentrality(g)
            Issue.record("expected an error")
        } catch let .katzAlphaTooLarge(alpha, limit) {
            #expect(alpha == 0.1)
            #expect(abs(limit - 1.0 / 11) < 1e-12)
        } catch {
            Issue.record("unexpected \(error)")
        }
        let ok = try katzCentrality(g, options: KatzOptions(alpha: 0.05))
        #expect(ok.convergence.converged)
        #expect(close(ok.scores, [Double](repeating: 1 / Double(12).squareRoot(), count: 12), 1e-12))
        #expect(throws: CentralityError.self) { try katzCentrality(g, options: KatzOptions(alpha: -1)) }
    }

    // MARK: Centralization

    @Test func centralizationOfStars() {
        #expect(centralization(inStar, .inDegree) == 1)
        #expect(centralization(inStar, .outDegree) == 1.0 / 16)
        #expect(centralization(inStar, .harmonicIn) == 1)
        #expect(centralization(inStar, .wassermanFaustIn) == 1)
        #expect(centralization(inStar, .betweenness) == 0)
        #expect(centralization(inStar, .undirectedBetweenness) == 1)
        #expect(abs((centralization(inStar, .harmonicUndirected) ?? 0) - 1) < 1e-12)
        #expect(abs((centralization(inStar, .wassermanFaustUndirected) ?? 0) - 1) < 1e-12)
        // Both directions to and from the centre: total degree and directed betweenness peak.
        let mutualStar = centralityGraph(5, [(1, 0), (2, 0), (3, 0), (4, 0), (0, 1), (0, 2), (0, 3), (0, 4)])
        #expect(centralization(mutualStar, .totalDegree) == 1)
        #expect(centralization(mutualStar, .betweenness) == 1)
        // Undirected eigenvector on the star: (n − 1)(1 − 1/√(n − 1)) / (n − 2).
        #expect(abs((centralization(inStar, .undirectedEigenvector) ?? 0) - 4 * (1 - 0.5) / 3) < 1e-9)
        // The in-star is acyclic: eigenvector centralization undefined.
        #expect(centralization(inStar, .eigenvector) == nil)
    }

    @Test func centralizationOfSymmetricGraphsIsZero() {
        #expect(centralization(cycle, .inDegree) == 0)
        #expect(centralization(cycle, .betweenness) == 0)
        #expect(centralization(cycle, .harmonicIn) == 0)
        #expect(abs(centralization(cycle, .eigenvector) ?? 1) < 1e-9)
    }

    @Test func centralizationNeedsEnoughNodes() {
        #expect(centralization(Graph(isolates: 1), .inDegree) == nil)
        #expect(centralization(Graph(isolates: 2), .betweenness) == nil)
        let tmax: Double? = CentralizationIndex.undirectedBetweenness.theoreticalMaximum(nodeCount: 5)
        #expect(tmax == 24)
        #expect(freemanCentralization([], theoreticalMaximum: 1) == nil)
        #expect(freemanCentralization([4, 0, 0, 0, 0], theoreticalMaximum: 16) == 1)
    }
}
