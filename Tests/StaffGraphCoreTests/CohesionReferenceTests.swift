import Testing
@testable import StaffGraphCore

/// The fast cohesion routines (degree-ordered triangle listing, union–find
/// components, bucket k-core, the undirected view) against plain reference
/// implementations written here from the definitions, on random graphs with
/// isolates, kept self-loops and mutual ties, and on a few extreme shapes.

/// A random graph: `n` people, the last fifth isolates, ties drawn inside
/// blocks of `block` people with probability `p` (so triangles are common),
/// a few ties across blocks, a share of them returned, and self-loops kept.
fileprivate func randomCohesionGraph(n: Int, block: Int, p: Double, seed: UInt64) -> Graph {
    var rng = SeededRandom(seed: seed)
    let active = n - n / 5
    var b = GraphBuilder(nodeCount: n)
    for i in 0 ..< active {
        let blockStart = i / block * block
        for j in blockStart ..< min(blockStart + block, active) where rng.nextDouble() < p {
            b.addTie(from: i, to: j)   // j == i keeps a self-loop
            if rng.nextDouble() < 0.3 { b.addTie(from: j, to: i) }
        }
        if active > 0 && rng.nextDouble() < 0.2 { b.addTie(from: i, to: rng.nextInt(below: active)) }
    }
    return b.build(selfLoops: .keep).graph
}

fileprivate func graph(_ n: Int, _ ties: [(Int, Int)], keepSelfLoops: Bool = false) -> Graph {
    var b = GraphBuilder(nodeCount: n)
    for (s, t) in ties { b.addTie(from: s, to: t) }
    return b.build(selfLoops: keepSelfLoops ? .keep : .drop).graph
}

/// Extreme shapes: empty, isolates only, a mutual clique (equal degrees: ranks
/// tie-broken by index), a star plus a triangle on its leaves, a long path.
fileprivate let shapes: [Graph] = [
    Graph(isolates: 0),
    Graph(isolates: 4),
    graph(7, (0 ..< 7).flatMap { i in (0 ..< 7).filter { $0 != i }.map { (i, $0) } }),
    graph(12, (1 ..< 12).map { (0, $0) } + [(1, 2), (2, 3), (3, 1), (5, 5)], keepSelfLoops: true),
    graph(50, (0 ..< 49).map { ($0, $0 + 1) }),
]

fileprivate let randomGraphs: [Graph] = [
    randomCohesionGraph(n: 60, block: 12, p: 0.35, seed: 1),
    randomCohesionGraph(n: 90, block: 30, p: 0.2, seed: 2),
    randomCohesionGraph(n: 150, block: 150, p: 0.08, seed: 3),
    randomCohesionGraph(n: 40, block: 40, p: 0.6, seed: 4),
]

/// The binary adjacency matrix without self-loops.
fileprivate func matrix(_ g: Graph) -> [[Bool]] {
    var a = [[Bool]](repeating: [Bool](repeating: false, count: g.nodeCount), count: g.nodeCount)
    for t in g.ties where t.source != t.target { a[t.source][t.target] = true }
    return a
}

fileprivate func bits(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }

/// Fagiolo and Watts–Strogatz clustering straight from the definitions, O(n³):
/// (S³)_ii summed over all ordered pairs, triangles over all unordered pairs.
fileprivate func referenceClustering(_ g: Graph, _ convention: ClusteringConvention) -> [Double] {
    let a = matrix(g), n = g.nodeCount
    func s(_ i: Int, _ j: Int) -> Int { (a[i][j] ? 1 : 0) + (a[j][i] ? 1 : 0) }
    return (0 ..< n).map { i in
        let neighbours = (0 ..< n).filter { s(i, $0) > 0 }
        let k = neighbours.count
        if k < 2 { return .nan }
        switch convention {
        case .directed:
            var walks = 0
            for j in 0 ..< n { for l in 0 ..< n { walks += s(i, j) * s(j, l) * s(l, i) } }
            let total = neighbours.reduce(0) { $0 + s(i, $1) }
            let mutual = neighbours.filter { s(i, $0) == 2 }.count
            return Double(walks) / Double(2 * (total * (total - 1) - 2 * mutual))
        case .undirected:
            var triangles = 0
            for x in 0 ..< k { for y in x + 1 ..< k where s(neighbours[x], neighbours[y]) > 0 { triangles += 1 } }
            return Double(2 * triangles) / Double(k * (k - 1))
        }
    }
}

/// Triangles of the undirected view, each once, and Σ k(k − 1).
fileprivate func referenceTriangles(_ g: Graph) -> (triangles: Int, triples: Int) {
    let a = matrix(g), n = g.nodeCount
    func tied(_ i: Int, _ j: Int) -> Bool { a[i][j] || a[j][i] }
    var triangles = 0, triples = 0
    for i in 0 ..< n {
        let k = (0 ..< n).filter { tied(i, $0) }.count
        triples += k * (k - 1)
        for j in i + 1 ..< n where tied(i, j) { for l in j + 1 ..< n where tied(i, l) && tied(j, l) { triangles += 1 } }
    }
    return (triangles, triples)
}

/// Core numbers by peeling: the k-core is what is left after repeatedly
/// removing people with fewer than k ties inside it.
fileprivate func referenceCores(_ g: Graph) -> [Int] {
    let a = matrix(g), n = g.nodeCount
    func tied(_ i: Int, _ j: Int) -> Bool { a[i][j] || a[j][i] }
    var core = [Int](repeating: 0, count: n)
    var k = 1
    while true {
        var alive = [Bool](repeating: true, count: n)
        var changed = true
        while changed {
            changed = false
            for v in 0 ..< n where alive[v] && (0 ..< n).filter({ alive[$0] && tied(v, $0) }).count < k {
                alive[v] = false; changed = true
            }
        }
        if !alive.contains(true) { return core }
        for v in 0 ..< n where alive[v] { core[v] = k }
        k += 1
    }
}

/// Weak components by label propagation (every label ends as the smallest
/// person of its component), numbered in order of first appearance.
fileprivate func referenceWeakComponents(_ g: Graph) -> (labels: [Int], sizes: [Int]) {
    var smallest = Array(0 ..< g.nodeCount)
    var changed = true
    while changed {
        changed = false
        for t in g.ties {
            let m = min(smallest[t.source], smallest[t.target])
            if smallest[t.source] != m || smallest[t.target] != m { smallest[t.source] = m; smallest[t.target] = m; changed = true }
        }
    }
    var number: [Int: Int] = [:]
    var labels: [Int] = [], sizes: [Int] = []
    for v in 0 ..< g.nodeCount {
        let label = number[smallest[v]] ?? sizes.count
        if label == sizes.count { number[smallest[v]] = label; sizes.append(0) }
        labels.append(label)
        sizes[label] += 1
    }
    return (labels, sizes)
}

/// Records every listed triangle (as a sorted triple) with its tie codes.
fileprivate final class TriangleLog {
    var seen: [[Int]: [UInt8]] = [:]
    var repeats = 0
    var misordered = 0
}

fileprivate struct RecordingVisitor: TriangleVisitor {
    let log: TriangleLog
    let degree: (Int) -> Int
    mutating func visit(_ v: Int, _ u: Int, _ w: Int, _ vu: UInt8, _ vw: UInt8, _ uw: UInt8) {
        func rank(_ x: Int) -> (Int, Int) { (degree(x), x) }
        if !(rank(v) < rank(u) && rank(u) < rank(w)) { log.misordered += 1 }
        let key = [v, u, w].sorted()
        if log.seen[key] != nil { log.repeats += 1 }
        log.seen[key] = [vu, vw, uw]
    }
}

@Suite struct CohesionReferenceTests {
    @Test func undirectedViewMatchesTheDefinition() {
        for g in shapes + randomGraphs {
            let u = UndirectedAdjacency(g), a = matrix(g)
            #expect(u.offsets.count == g.nodeCount + 1)
            for v in 0 ..< g.nodeCount {
                let expected = (0 ..< g.nodeCount).filter { a[v][$0] || a[$0][v] }
                let codes = expected.map { UInt8((a[v][$0] ? 1 : 0) | (a[$0][v] ? 2 : 0)) }
                #expect(u.neighbors[u.offsets[v] ..< u.offsets[v + 1]].map(Int.init) == expected)
                #expect(Array(u.codes[u.offsets[v] ..< u.offsets[v + 1]]) == codes)
            }
        }
    }

    @Test func everyTriangleIsListedOnceFromItsLowestRankedCorner() {
        for g in shapes + randomGraphs {
            let u = UndirectedAdjacency(g), a = matrix(g)
            let forward = ForwardAdjacency(u)
            #expect(forward.targets.count == u.edgeCount)
            let log = TriangleLog()
            var visitor = RecordingVisitor(log: log, degree: { u.degree($0) })
            let mark = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(g.nodeCount, 1))
            defer { mark.deallocate() }
            mark.initialize(repeating: -1)
            // Two calls sharing one mark array, as one worker's chunks do.
            let half = g.nodeCount / 2
            forward.listTriangles(in: 0 ..< half, mark: mark, &visitor)
            forward.listTriangles(in: half ..< g.nodeCount, mark: mark, &visitor)
            #expect(log.repeats == 0 && log.misordered == 0)
            #expect(log.seen.count == referenceTriangles(g).triangles)
            func code(_ i: Int, _ j: Int) -> Int { (a[i][j] ? 1 : 0) + (a[j][i] ? 1 : 0) }
            for (corners, codes) in log.seen {
                let (x, y, z) = (corners[0], corners[1], corners[2])
                #expect(code(x, y) > 0 && code(x, z) > 0 && code(y, z) > 0)
                // The product of arc counts does not depend on which tie got which code.
                let product = codes.reduce(1) { $0 * arcCount($1) }
                #expect(product == code(x, y) * code(x, z) * code(y, z))
            }
        }
    }

    @Test func clusteringMatchesTheDefinitionBitForBit() {
        for g in shapes + randomGraphs {
            for convention in ClusteringConvention.allCases {
                #expect(bits(clustering(g, convention)) == bits(referenceClustering(g, convention)), "\(convention), n = \(g.nodeCount)")
            }
        }
    }

    @Test func undirectedTransitivityMatchesTheDefinition() {
        for g in shapes + randomGraphs {
            let (triangles, triples) = referenceTriangles(g)
            let expected: Double? = triples > 0 ? Double(6 * triangles) / Double(triples) : nil
            #expect(transitivity(g, .undirected) == expected)
        }
    }

    @Test func coreNumbersMatchPeeling() {
        for g in shapes + randomGraphs {
            #expect(coreNumbers(g) == referenceCores(g), "n = \(g.nodeCount)")
            // The bucket algorithm (one thread) and PKC (several threads, several chunks).
            for t in [1, 2, 3] { #expect(coreNumbers(g, threads: t) == referenceCores(g), "n = \(g.nodeCount), threads \(t)") }
            #expect(parallelCoreNumbers(UndirectedAdjacency(g), threads: 2, chunks: 3) == referenceCores(g))
        }
    }

    @Test func weakComponentsMatchLabelPropagation() {
        // Components whose smallest person comes late, and a chain whose ties run downwards.
        let extra = [
            graph(8, [(7, 3), (6, 2), (3, 0), (5, 1)]),
            graph(30, (1 ..< 30).map { ($0, $0 - 1) }),
            graph(10, [(9, 8), (8, 9), (4, 4)], keepSelfLoops: true),
        ]
        for g in shapes + randomGraphs + extra {
            let weak = weakComponents(g), expected = referenceWeakComponents(g)
            #expect(weak.labels == expected.labels)
            #expect(weak.sizes == expected.sizes)
        }
    }

    @Test func triangleCountsAreIdenticalForOneTwoAndThreeThreads() {
        // Dense blocks: many triangles per chunk, and well over 64 chunks' worth of people.
        let g = randomCohesionGraph(n: 3000, block: 40, p: 0.25, seed: 9)
        #expect(transitivity(g, .undirected, threads: 1) != nil)
        for convention in ClusteringConvention.allCases {
            let one = bits(clustering(g, convention, threads: 1))
            #expect(bits(clustering(g, convention, threads: 2)) == one)
            #expect(bits(clustering(g, convention, threads: 3)) == one)
        }
        let one = transitivity(g, .undirected, threads: 1)
        #expect(transitivity(g, .undirected, threads: 2) == one)
        #expect(transitivity(g, .undirected, threads: 3) == one)
    }
}
